#!/usr/bin/env node
// The resolved WIT model that every binding back end (C, Rust, AssemblyScript) reads.
//
//   node scripts/bindgen/model.mjs [--wit DIR] [--world NAME]     prints the model as JSON
//   import { loadModel } from './model.mjs'; const model = await loadModel({ witPath, world });
//
// We write no WIT parser. jco's vendored wit-parser (wit-component 0.259) validates and resolves
// the WIT: `componentEmbed({ witPath, world, dummy: true })` gives a dummy core module whose
// `component-type` custom section holds the world as a component type; `print()` turns that
// section into WAT s-expressions, which this file reads back (toolchain.md §9). Pin jco: the model
// depends on the printer's text form, and `readComponentType` fails loudly on any form it does not
// know, naming it.
//
// ── Model shape (version 1) ──────────────────────────────────────────────────────────────────────
// {
//   version: 1,
//   world: 'imports',                          // the world name as given
//   worldQualified: 'wasi:crypto/imports@0.12.0-draft',
//   types: Type[],                             // every non-primitive type, by id (= index)
//   interfaces: Interface[],                   // imported and exported interfaces, in dependency order
//   worldTypes: number[],                      // types defined in the world itself (interface '$root')
//   worldImports: Func[],                      // functions imported directly by the world
//   worldExports: Func[],                      // functions exported directly by the world
// }
// TypeRef = 'bool'|'u8'|'s8'|'u16'|'s16'|'u32'|'s32'|'u64'|'s64'|'f32'|'f64'|'char'|'string'
//           | number (an index into model.types)
// Type = { id, kind, size, align, flat: CoreType[],      CoreType = 'i32'|'i64'|'f32'|'f64'
//          name?: 'error-code', interface?: 'wasi:crypto/common@0.12.0-draft',   // named types only
//          ...per kind:
//          record:   fields: [{ name, type: TypeRef, offset }]
//          tuple:    types: TypeRef[], offsets: number[]
//          variant:  cases: [{ name, type: TypeRef|null }], discriminant: 'u8'|'u16'|'u32', payloadOffset
//          enum:     cases: string[], discriminant: 'u8'|'u16'|'u32'
//          flags:    flags: string[], repr: 'u8'|'u16'|'u32', words (number of u32 words if > 32 flags)
//          option:   type: TypeRef, payloadOffset           (canonical: variant { none, some(type) })
//          result:   ok: TypeRef|null, err: TypeRef|null, payloadOffset   (variant { ok, err })
//          list:     element: TypeRef, elementSize, elementAlign
//          resource: (name + interface; handles are i32)
//          own:      resource: number (id of the resource type)
//          borrow:   resource: number
//          alias:    target: TypeRef                        (`type key-id = list<u8>`, `type t = u64`)
//        }
//   Anonymous types are deduplicated structurally: every `list<u8>` of the world is one id.
//   `use`d names are not new types: they resolve to the defining interface's type id and are listed
//   in the using interface's `uses`.
// Interface = { name: 'wasi:crypto/common@0.12.0-draft', package: 'wasi:crypto@0.12.0-draft',
//               namespace: 'wasi', packageName: 'crypto', version: '0.12.0-draft', short: 'common',
//               direction: 'import'|'export',
//               types: number[]            (ids of the named types it defines, in WIT order)
//               uses: [{ name, type: number }],
//               functions: Func[] }
// Func = { name: 'set',                         // WIT name ('set', 'symmetric-key' for a constructor)
//          wasmName: '[method]options.set',     // the core import/export field name
//          module: 'wasi:crypto/common@0.12.0-draft' | '$root',    // core import module (imports)
//          exportName?: 'pkg:ns/iface@v#name'   // the core export name (exports)
//          kind: 'freestanding'|'method'|'static'|'constructor', resource?: number,
//          direction: 'import'|'export',
//          params: [{ name, type: TypeRef }],   // methods: the first is `self`, a borrow
//          result: TypeRef|null,
//          flatParams: CoreType[], flatResults: CoreType[],     // before the 16/1 limits
//          paramsIndirect: boolean,   // flatParams.length > 16: one i32 pointer to a params tuple
//          paramsArea?: { size, align, offsets: number[] },      // that tuple's layout
//          resultIndirect: boolean,   // flatResults.length > 1: imports take a trailing i32 return
//                                     // pointer; exports return an i32 pointer
//          resultArea?: { size, align },
//          coreParams: CoreType[], coreResults: CoreType[] }    // the actual core signature
// ─────────────────────────────────────────────────────────────────────────────────────────────────
import { componentEmbed, print } from '@bytecodealliance/jco';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const MAX_FLAT_PARAMS = 16;
export const MAX_FLAT_RESULTS = 1;

export class ModelError extends Error {}

// ── WIT folder assembly ───────────────────────────────────────────────────────────────────────────

/**
 * A WIT folder for a world that lives outside wit/ (e.g. guest-examples/interop/wit): its *.wit files
 * with wasi:crypto (wit/*.wit) under deps/crypto and WASI (wit/deps/*) under deps/. Returns the temp
 * folder; the caller removes it. The same layout scripts/build-guests.mjs builds in build/wit.
 */
export function assembleWit(localDir) {
  const out = mkdtempSync(join(tmpdir(), 'bindgen-wit-'));
  const wit = join(ROOT, 'wit');
  mkdirSync(join(out, 'deps', 'crypto'), { recursive: true });
  for (const f of readdirSync(localDir)) if (f.endsWith('.wit')) cpSync(join(localDir, f), join(out, f));
  for (const f of readdirSync(wit)) if (f.endsWith('.wit')) cpSync(join(wit, f), join(out, 'deps', 'crypto', f));
  for (const e of readdirSync(join(wit, 'deps'), { withFileTypes: true })) {
    if (e.isDirectory()) cpSync(join(wit, 'deps', e.name), join(out, 'deps', e.name), { recursive: true });
  }
  return out;
}

// ── component-type section → WAT text ─────────────────────────────────────────────────────────────

function componentTypeSection(bytes) {
  let p = 8;
  const leb = () => {
    let r = 0;
    let s = 0;
    let b;
    do {
      b = bytes[p++];
      r += (b & 0x7f) * 2 ** s;
      s += 7;
    } while (b & 0x80);
    return r;
  };
  while (p < bytes.length) {
    const id = bytes[p++];
    const size = leb();
    const end = p + size;
    if (id === 0) {
      const nameLen = leb();
      const name = new TextDecoder().decode(bytes.subarray(p, p + nameLen));
      if (name.startsWith('component-type')) return bytes.subarray(p + nameLen, end);
    }
    p = end;
  }
  throw new ModelError('jco embed --dummy produced no component-type custom section');
}

// ── s-expression reader ───────────────────────────────────────────────────────────────────────────
// Nodes: arrays (lists); { idx: n } for `(;n;)` index comments; { str } for strings; plain strings for atoms.

function readSexpr(text) {
  let i = 0;
  const stack = [[]];
  while (i < text.length) {
    const c = text[i];
    if (c === '(' && text[i + 1] === ';') {
      const end = text.indexOf(';)', i);
      const body = text.slice(i + 2, end);
      if (/^\d+$/.test(body)) stack[stack.length - 1].push({ idx: Number(body) });
      i = end + 2;
    } else if (c === '(') {
      const list = [];
      stack[stack.length - 1].push(list);
      stack.push(list);
      i++;
    } else if (c === ')') {
      stack.pop();
      i++;
    } else if (c === '"') {
      let s = '';
      const bytes = [];
      i++;
      const flush = () => {
        if (bytes.length) s += new TextDecoder().decode(new Uint8Array(bytes.splice(0)));
      };
      while (text[i] !== '"') {
        if (text[i] === '\\') {
          const n = text[i + 1];
          if (/[0-9a-fA-F]/.test(n)) {
            bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
            i += 3;
            continue;
          }
          flush();
          s += { n: '\n', t: '\t', r: '\r', '"': '"', "'": "'", '\\': '\\' }[n] ?? n;
          i += 2;
        } else {
          flush();
          s += text[i++];
        }
      }
      flush();
      i++;
      stack[stack.length - 1].push({ str: s });
    } else if (/\s/.test(c)) {
      i++;
    } else {
      let j = i;
      while (j < text.length && !/[\s()"]/.test(text[j])) j++;
      stack[stack.length - 1].push(text.slice(i, j));
      i = j;
    }
  }
  return stack[0];
}

const show = (node) =>
  Array.isArray(node)
    ? `(${node.map(show).join(' ')})`
    : typeof node === 'string'
      ? node
      : 'str' in node
        ? JSON.stringify(node.str)
        : `(;${node.idx};)`;

function unsupported(node, why) {
  return new ModelError(`bindgen: unsupported WIT shape ${why ? `(${why}) ` : ''}in the resolved component type: ${show(node).slice(0, 300)}`);
}

// ── canonical ABI layout ──────────────────────────────────────────────────────────────────────────

const PRIM = {
  bool: [1, 1, ['i32']],
  u8: [1, 1, ['i32']],
  s8: [1, 1, ['i32']],
  u16: [2, 2, ['i32']],
  s16: [2, 2, ['i32']],
  u32: [4, 4, ['i32']],
  s32: [4, 4, ['i32']],
  char: [4, 4, ['i32']],
  u64: [8, 8, ['i64']],
  s64: [8, 8, ['i64']],
  f32: [4, 4, ['f32']],
  f64: [8, 8, ['f64']],
  string: [8, 4, ['i32', 'i32']],
};
export const PRIMITIVES = Object.keys(PRIM);

const alignTo = (n, a) => Math.ceil(n / a) * a;
function discriminant(n) {
  return n <= 0x100 ? 'u8' : n <= 0x10000 ? 'u16' : 'u32';
}
function joinFlat(a, b) {
  if (a === b) return a;
  if ((a === 'i32' && b === 'f32') || (a === 'f32' && b === 'i32')) return 'i32';
  return 'i64';
}

class Layouts {
  constructor(types) {
    this.types = types;
  }
  size(t) {
    return typeof t === 'string' ? PRIM[t][0] : this.types[t].size;
  }
  align(t) {
    return typeof t === 'string' ? PRIM[t][1] : this.types[t].align;
  }
  flat(t) {
    return typeof t === 'string' ? PRIM[t][2] : this.types[t].flat;
  }
  /** Sequential layout of `members` (records, tuples, param areas). */
  sequence(members) {
    let off = 0;
    let align = 1;
    const offsets = [];
    for (const m of members) {
      const a = this.align(m);
      off = alignTo(off, a);
      offsets.push(off);
      off += this.size(m);
      align = Math.max(align, a);
    }
    return { offsets, size: alignTo(off, align), align };
  }
  /** Variant layout for `payloads` (null = no payload). */
  variant(payloads) {
    const disc = discriminant(payloads.length);
    const dsize = PRIM[disc][0];
    let maxAlign = dsize;
    let maxSize = 0;
    const flat = [];
    for (const p of payloads) {
      if (p === null) continue;
      maxAlign = Math.max(maxAlign, this.align(p));
      maxSize = Math.max(maxSize, this.size(p));
      this.flat(p).forEach((ft, i) => (flat[i] = i < flat.length ? joinFlat(flat[i], ft) : ft));
    }
    const payloadOffset = alignTo(dsize, maxAlign);
    return { discriminant: disc, payloadOffset, size: alignTo(payloadOffset + maxSize, maxAlign), align: maxAlign, flat: ['i32', ...flat] };
  }
  /** Fills in size/align/flat (and offsets) of type `ty` whose members are laid out already. */
  fill(ty) {
    switch (ty.kind) {
      case 'record': {
        const l = this.sequence(ty.fields.map((f) => f.type));
        ty.fields.forEach((f, i) => (f.offset = l.offsets[i]));
        Object.assign(ty, { size: l.size, align: l.align, flat: ty.fields.flatMap((f) => this.flat(f.type)) });
        break;
      }
      case 'tuple': {
        const l = this.sequence(ty.types);
        Object.assign(ty, { offsets: l.offsets, size: l.size, align: l.align, flat: ty.types.flatMap((t) => this.flat(t)) });
        break;
      }
      case 'variant':
        Object.assign(ty, this.variant(ty.cases.map((c) => c.type)));
        break;
      case 'option':
        Object.assign(ty, this.variant([null, ty.type]));
        delete ty.discriminant;
        break;
      case 'result':
        Object.assign(ty, this.variant([ty.ok, ty.err]));
        delete ty.discriminant;
        break;
      case 'enum': {
        const d = discriminant(ty.cases.length);
        Object.assign(ty, { discriminant: d, size: PRIM[d][0], align: PRIM[d][0], flat: ['i32'] });
        break;
      }
      case 'flags': {
        const n = ty.flags.length;
        if (n === 0) throw new ModelError(`bindgen: flags ${ty.name ?? ''} with no flags are not supported`);
        const repr = n <= 8 ? 'u8' : n <= 16 ? 'u16' : 'u32';
        const words = Math.ceil(n / 32);
        Object.assign(ty, { repr, words, size: n <= 16 ? PRIM[repr][0] : 4 * words, align: n <= 16 ? PRIM[repr][0] : 4, flat: Array(words).fill('i32') });
        break;
      }
      case 'list':
        Object.assign(ty, { elementSize: this.size(ty.element), elementAlign: this.align(ty.element), size: 8, align: 4, flat: ['i32', 'i32'] });
        break;
      case 'resource':
      case 'own':
      case 'borrow':
        Object.assign(ty, { size: 4, align: 4, flat: ['i32'] });
        break;
      case 'alias':
        Object.assign(ty, { size: this.size(ty.target), align: this.align(ty.target), flat: this.flat(ty.target) });
        break;
      default:
        throw new ModelError(`bindgen: internal: unknown kind ${ty.kind}`);
    }
  }
}

// ── component type → model ────────────────────────────────────────────────────────────────────────

const isIdx = (n) => n && typeof n === 'object' && !Array.isArray(n) && 'idx' in n;
/** The definition inside `(type (;n;) DEF)`: a list or an atom such as `u64`. */
const typeBody = (item) => item.slice(1).find((n) => !isIdx(n));
const isStr = (n) => n && typeof n === 'object' && !Array.isArray(n) && 'str' in n;

function parseInterfaceName(name) {
  const m = /^([a-z][a-z0-9-]*):([a-z][a-z0-9-]*(?::[a-z][a-z0-9-]*)*)\/([a-z][a-z0-9-]*)(?:@(.+))?$/.exec(name);
  if (!m) return undefined;
  return { namespace: m[1], packageName: m[2], short: m[3], version: m[4] ?? null, package: `${m[1]}:${m[2]}${m[4] ? `@${m[4]}` : ''}` };
}

/**
 * Converts the printed component type of a world into the model.
 * @param {string} wat  print() output of the component-type section
 * @param {string} worldName
 */
export function modelFromWat(wat, worldName) {
  const top = readSexpr(wat);
  const comp = top[0];
  if (!Array.isArray(comp) || comp[0] !== 'component') throw unsupported(comp, 'no outer component');
  // (type (;0;) (component (type (;0;) (component …world…)) (export "ns:pkg/world@v" (component (type 0)))))
  const outerType = comp.find((n) => Array.isArray(n) && n[0] === 'type');
  const wrapper = outerType.find((n) => Array.isArray(n) && n[0] === 'component');
  const exp = wrapper.find((n) => Array.isArray(n) && n[0] === 'export');
  const worldQualified = exp.find(isStr).str;
  const worldComp = wrapper.find((n) => Array.isArray(n) && n[0] === 'type').find((n) => Array.isArray(n) && n[0] === 'component');

  const types = [];
  const keyToId = new Map();
  const layouts = new Layouts(types);
  const interfaces = [];
  const worldImports = [];
  const worldExports = [];
  const worldTypes = [];

  /** Adds a type; anonymous ones are deduplicated by structure. */
  function intern(ty) {
    const key = ty.name ? `named:${ty.interface}:${ty.name}` : `anon:${JSON.stringify(ty)}`;
    const found = keyToId.get(key);
    if (found !== undefined) return found;
    const id = types.length;
    types.push({ id, ...ty });
    keyToId.set(key, id);
    layouts.fill(types[id]);
    return id;
  }

  /**
   * A type scope: one index space of types (and one of instances) of a component or instance type.
   * Entries are TypeRefs, or { resource: id } markers for resources (so that own/borrow can find them),
   * or { instance: exports-map } for instances.
   */
  function newScope(parent) {
    return { parent, types: [], instances: [], funcs: [] };
  }

  function valType(node, scope) {
    if (typeof node === 'string') {
      if (PRIM[node]) return node;
      if (/^\d+$/.test(node)) return resolveIdx(scope, Number(node));
      throw unsupported(node, 'unknown primitive');
    }
    throw unsupported(node, 'inline type expression');
  }

  function resolveIdx(scope, i) {
    let t = scope.types[i];
    if (t === undefined) throw new ModelError(`bindgen: internal: type index ${i} not defined`);
    if (t && typeof t === 'object' && 'pending' in t) t = scope.types[i] = intern(t.pending); // used before named: anonymous
    if (t && typeof t === 'object' && 'func' in t) throw new ModelError(`bindgen: internal: type index ${i} is a function type`);
    return t;
  }

  // Records, variants, enums and flags are nominal: their definition is followed by the export that
  // names them, so they wait for it (`{ pending }`) instead of being interned anonymously.
  const pending = (ty) => ({ pending: ty });

  /** A type definition expression `(record …)`, `(list u8)`, … → TypeRef. Named later by an export. */
  function defType(node, scope) {
    if (typeof node === 'string') return valType(node, scope);
    const [head, ...rest] = node;
    switch (head) {
      case 'record':
        return pending({ kind: 'record', fields: rest.map((f) => ({ name: f[1].str, type: valType(f[2], scope) })) });
      case 'variant':
        return pending({
          kind: 'variant',
          cases: rest.map((c) => {
            if (c.length > 3) throw unsupported(c, 'variant case refinement');
            return { name: c[1].str, type: c.length > 2 ? valType(c[2], scope) : null };
          }),
        });
      case 'enum':
        return pending({ kind: 'enum', cases: rest.map((s) => s.str) });
      case 'flags':
        return pending({ kind: 'flags', flags: rest.map((s) => s.str) });
      case 'tuple':
        return intern({ kind: 'tuple', types: rest.map((t) => valType(t, scope)) });
      case 'list':
        if (rest.length !== 1) throw unsupported(node, 'fixed-size list');
        return intern({ kind: 'list', element: valType(rest[0], scope) });
      case 'option':
        return intern({ kind: 'option', type: valType(rest[0], scope) });
      case 'result': {
        let ok = null;
        let err = null;
        for (const r of rest) {
          if (Array.isArray(r) && r[0] === 'error') err = valType(r[1], scope);
          else ok = valType(r, scope);
        }
        return intern({ kind: 'result', ok, err });
      }
      case 'own':
      case 'borrow': {
        const target = resolveIdx(scope, Number(rest[0]));
        if (typeof target !== 'number' || types[target].kind !== 'resource') throw unsupported(node, `${head} of a non-resource`);
        return intern({ kind: head, resource: target });
      }
      case 'func': {
        const params = [];
        let result = null;
        for (const r of rest) {
          if (r[0] === 'param') params.push({ name: r[1].str, type: valType(r[2], scope) });
          else if (r[0] === 'result') {
            if (r.length !== 2) throw unsupported(node, 'named or multiple results');
            result = valType(r[1], scope);
          } else throw unsupported(node, `function part ${r[0]}`);
        }
        return { func: { params, result } };
      }
      case 'stream':
      case 'future':
      case 'error-context':
        throw unsupported(node, `${head} (async) is not supported`);
      default:
        throw unsupported(node);
    }
  }

  function makeFunc(wasmName, sig, direction, module, iface) {
    let kind = 'freestanding';
    let name = wasmName;
    let resource;
    const m = /^\[(constructor|method|static)\]([a-z0-9-]+)(?:\.([a-z0-9-]+))?$/.exec(wasmName);
    if (m) {
      kind = m[1];
      const resName = m[2];
      name = m[3] ?? resName;
      resource = types.findIndex((t) => t.kind === 'resource' && t.name === resName && t.interface === iface);
      if (resource < 0) throw new ModelError(`bindgen: function ${wasmName} names an unknown resource ${resName}`);
    } else if (wasmName.startsWith('[')) {
      throw new ModelError(`bindgen: unsupported function name form ${wasmName}`);
    }
    const flatParams = sig.params.flatMap((p) => layouts.flat(p.type));
    const flatResults = sig.result === null ? [] : layouts.flat(sig.result);
    const paramsIndirect = flatParams.length > MAX_FLAT_PARAMS;
    const resultIndirect = flatResults.length > MAX_FLAT_RESULTS;
    const f = {
      name,
      wasmName,
      module,
      kind,
      ...(resource !== undefined ? { resource } : {}),
      direction,
      params: sig.params,
      result: sig.result,
      flatParams,
      flatResults,
      paramsIndirect,
      resultIndirect,
    };
    if (paramsIndirect) {
      const l = layouts.sequence(sig.params.map((p) => p.type));
      f.paramsArea = { size: l.size, align: l.align, offsets: l.offsets };
    }
    if (resultIndirect) f.resultArea = { size: layouts.size(sig.result), align: layouts.align(sig.result) };
    if (direction === 'import') {
      f.coreParams = [...(paramsIndirect ? ['i32'] : flatParams), ...(resultIndirect ? ['i32'] : [])];
      f.coreResults = resultIndirect ? [] : flatResults;
    } else {
      f.exportName = module === '$root' ? wasmName : `${module}#${wasmName}`;
      f.coreParams = paramsIndirect ? ['i32'] : flatParams;
      f.coreResults = resultIndirect ? ['i32'] : flatResults;
    }
    return f;
  }

  /**
   * Reads an instance type (an interface). `outer` is the component scope for `alias outer`.
   */
  function readInstance(instNode, outer, ifaceName, direction) {
    const scope = newScope(outer);
    const info = parseInterfaceName(ifaceName);
    if (!info) throw new ModelError(`bindgen: unsupported interface name ${ifaceName}`);
    const iface = { name: ifaceName, ...info, direction, types: [], uses: [], functions: [] };
    const exportsMap = new Map();
    for (const item of instNode.slice(1)) {
      const [head] = item;
      if (head === 'type') {
        scope.types.push(defType(typeBody(item), scope));
      } else if (head === 'alias') {
        // (alias outer 1 N (type (;k;)))
        if (item[1] !== 'outer' || item[2] !== '1') throw unsupported(item, 'alias form');
        scope.types.push(resolveIdx(outer, Number(item[3])));
      } else if (head === 'export') {
        const name = item.find(isStr).str;
        const what = item.find((n) => Array.isArray(n));
        if (what[0] === 'type') {
          const spec = what.find((n) => Array.isArray(n));
          if (spec[0] === 'sub' && spec[1] === 'resource') {
            const id = intern({ kind: 'resource', name, interface: ifaceName });
            iface.types.push(id);
            scope.types.push(id);
            exportsMap.set(name, id);
          } else if (spec[0] === 'eq') {
            const raw = scope.types[Number(spec[1])];
            if (raw && typeof raw === 'object' && 'pending' in raw) {
              const id = intern({ ...raw.pending, name, interface: ifaceName });
              scope.types[Number(spec[1])] = id;
              iface.types.push(id);
              scope.types.push(id);
              exportsMap.set(name, id);
              continue;
            }
            const target = resolveIdx(scope, Number(spec[1]));
            let id;
            if (typeof target === 'number' && types[target].interface && types[target].interface !== ifaceName) {
              // a `use`d type: same type, listed as a use
              iface.uses.push({ name, type: target });
              id = target;
            } else {
              id = intern({ kind: 'alias', name, interface: ifaceName, target });
              iface.types.push(id);
            }
            scope.types.push(id);
            exportsMap.set(name, id);
          } else throw unsupported(item, 'type export form');
        } else if (what[0] === 'func') {
          const sig = resolveFuncType(scope, what);
          iface.functions.push(makeFunc(name, sig, direction, ifaceName, ifaceName));
        } else throw unsupported(item, 'instance export kind');
      } else {
        throw unsupported(item, 'instance item');
      }
    }
    interfaces.push(iface);
    return exportsMap;
  }

  function resolveFuncType(scope, funcNode) {
    const tref = funcNode.find((n) => Array.isArray(n) && n[0] === 'type');
    const t = scope.types[Number(tref[1])];
    if (!t || !t.func) throw unsupported(funcNode, 'function type reference');
    return t.func;
  }

  // World component scope.
  const wscope = newScope(null);
  for (const item of worldComp.slice(1)) {
    const [head] = item;
    if (head === 'type') {
      const body = typeBody(item);
      if (Array.isArray(body) && body[0] === 'instance') wscope.types.push({ instanceType: body });
      else wscope.types.push(defType(body, wscope));
    } else if (head === 'import' || head === 'export') {
      const name = item.find(isStr).str;
      const what = item.find((n) => Array.isArray(n));
      const direction = head;
      if (what[0] === 'instance') {
        const tref = what.find((n) => Array.isArray(n) && n[0] === 'type');
        const inst = wscope.types[Number(tref[1])];
        if (!inst?.instanceType) throw unsupported(item, 'instance without an instance type');
        wscope.instances.push(readInstance(inst.instanceType, wscope, name, direction));
      } else if (what[0] === 'func') {
        const sig = resolveFuncType(wscope, what);
        (direction === 'import' ? worldImports : worldExports).push(makeFunc(name, sig, direction, '$root', '$root'));
      } else if (what[0] === 'type') {
        const spec = what.find((n) => Array.isArray(n));
        if (spec[0] === 'eq') {
          const raw = wscope.types[Number(spec[1])];
          if (raw && typeof raw === 'object' && 'pending' in raw) {
            const id = intern({ ...raw.pending, name, interface: '$root' });
            wscope.types[Number(spec[1])] = id;
            wscope.types.push(id);
            worldTypes.push(id);
          } else {
            const target = resolveIdx(wscope, Number(spec[1]));
            if (typeof target === 'number' && types[target].interface) wscope.types.push(target);
            else {
              const id = intern({ kind: 'alias', name, interface: '$root', target });
              wscope.types.push(id);
              worldTypes.push(id);
            }
          }
        } else throw unsupported(item, 'world-level resource');
      } else throw unsupported(item, 'world item');
    } else if (head === 'alias') {
      // (alias export N "name" (type (;k;)))
      if (item[1] !== 'export') throw unsupported(item, 'alias form');
      const inst = wscope.instances[Number(item[2])];
      const name = item.find(isStr).str;
      if (!inst.has(name)) throw new ModelError(`bindgen: internal: instance ${item[2]} exports no ${name}`);
      wscope.types.push(inst.get(name));
    } else {
      throw unsupported(item, 'world item');
    }
  }

  return { version: 1, world: worldName, worldQualified, types, interfaces, worldTypes, worldImports, worldExports };
}

/**
 * Resolves `world` of the WIT at `witPath` (a folder, as `jco embed --wit` takes) into the model.
 * @param {{ witPath?: string, world?: string }} [opts]
 */
export async function loadModel({ witPath = join(ROOT, 'wit'), world = 'imports' } = {}) {
  let bytes;
  try {
    bytes = await componentEmbed({ witPath: resolve(witPath), dummy: true, world });
  } catch (e) {
    throw new ModelError(`bindgen: jco's wit-parser rejected ${witPath} (world ${world}): ${e?.message ?? e}`);
  }
  const wat = await print(componentTypeSection(bytes));
  return modelFromWat(wat, world);
}

/** A printable type name for messages: `list<u8>`, `wasi:crypto/common@0.12.0-draft.error-code`. */
export function describeType(model, t) {
  if (typeof t === 'string') return t;
  const ty = model.types[t];
  if (ty.name) return ty.name;
  switch (ty.kind) {
    case 'list':
      return `list<${describeType(model, ty.element)}>`;
    case 'option':
      return `option<${describeType(model, ty.type)}>`;
    case 'result':
      return `result<${ty.ok === null ? '_' : describeType(model, ty.ok)}, ${ty.err === null ? '_' : describeType(model, ty.err)}>`;
    case 'tuple':
      return `tuple<${ty.types.map((x) => describeType(model, x)).join(', ')}>`;
    case 'own':
      return describeType(model, ty.resource);
    case 'borrow':
      return `borrow<${describeType(model, ty.resource)}>`;
    default:
      return ty.kind;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (n) => (args.includes(n) ? args[args.indexOf(n) + 1] : undefined);
  let witPath = opt('--wit') ?? join(ROOT, 'wit');
  let tmp;
  if (existsSync(witPath) && !existsSync(join(witPath, 'deps')) && resolve(witPath) !== join(ROOT, 'wit')) {
    tmp = assembleWit(witPath);
    witPath = tmp;
  }
  try {
    const model = await loadModel({ witPath, world: opt('--world') ?? 'imports' });
    process.stdout.write(`${JSON.stringify(model, null, 1)}\n`);
  } catch (e) {
    console.error(e instanceof ModelError ? e.message : e);
    process.exitCode = 1;
  } finally {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  }
}
