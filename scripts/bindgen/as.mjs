// AssemblyScript back end of the binding generator: canonical-ABI guest bindings for
// AssemblyScript 0.28 (`asc … --runtime incremental`).
//
// One generated file per world (`bindings/assemblyscript/<world>.ts`). It holds:
//   - a namespace per imported interface (`symmetric`, `common`, … — two interfaces with the
//     same short name get their package prefixed) with `@external` imports and wrappers:
//     records → classes (public fields, a constructor in field order), variants → classes with a
//     `tag` and one field per payload case plus static constructors, enum → AS `enum`, flags → an
//     AS `enum` of bit values (OR them), option<T> → `T | null` for reference types and
//     `Some<T> | null` for value types, result<T, E> → `Result<T, E>` (`Result<bool, E>` for
//     `result<_, E>`), tuple → `TupleN<…>`, list<u8> → Uint8Array, other lists → Array<T>,
//     string → string, resources → classes holding the handle, with an explicit `drop()` (AS has
//     no destructors: every handle must be dropped by hand), WIT constructors as `static create`.
//   - for a world with exports: an abstract class `Guest…` per exported interface (and one for
//     the world's own functions), `setGuest…(impl)` to register the implementation, and the
//     export shims with their `cabi_post_*`. AS cannot give an export a name like
//     `pkg:ns/iface#f`: the shims are named `_wx_` + the core name with every character outside
//     [A-Za-z0-9] written `_xx` (hex); scripts/bindgen/wasm-exports.mjs renames them in the core
//     module before `jco embed`. The guest's entry file re-exports `cabi_realloc` and the shims:
//       export { cabi_realloc } from "…/bindings/assemblyscript/<world>";
//       export * from "…/bindings/assemblyscript/<world>.exports";     (worlds with exports)
//
// Memory: parameters are lowered into memory this file allocates with `heap.alloc` (strings are
// encoded there, lists of non-u8 elements stored element by element) and freed after the call;
// results the host wrote into memory it got from our `cabi_realloc` are copied into managed AS
// objects and freed at once. Nothing managed is referenced only from linear memory, so the
// incremental GC can never free a buffer the host is about to read.
import {
  align, fieldOffsets, fieldsOf, flat, hasAllocations, payloadOffset, signature, size, variantCases, discSize,
  paramsRecord, BindgenError, containsOwn,
} from './guest-abi.mjs';
import { toIR } from './guest-ir.mjs';

const RESERVED = new Set(`abstract as async await break case catch class const continue debugger declare default delete do else
  enum export extends false finally for from function get if implements import in instanceof interface is keyof let
  module namespace new null of package private protected public readonly require return set static super switch
  this throw true try type typeof var void while with yield`.split(/\s+/));

const camel = (s) => s.split('-').map((w) => (w ? w[0].toUpperCase() + w.slice(1) : w)).join('');
const lowerCamel = (s) => {
  const c = camel(s);
  const n = c[0].toLowerCase() + c.slice(1);
  return RESERVED.has(n) ? `${n}_` : n;
};
const upper = (s) => s.replace(/-/g, '_').toUpperCase();

const PRIM_AS = {
  bool: 'bool', u8: 'u8', s8: 'i8', u16: 'u16', s16: 'i16', u32: 'u32', s32: 'i32', u64: 'u64', s64: 'i64',
  f32: 'f32', f64: 'f64', char: 'u32',
};
const CORE_AS = { i32: 'i32', i64: 'i64', f32: 'f32', f64: 'f64' };
const ZERO = { i32: '<i32>0', i64: '<i64>0', f32: '<f32>0', f64: '<f64>0' };

/** Export identifier for a core export name (decoded by wasm-exports.mjs). */
export function exportIdent(coreName) {
  return `_wx_${coreName.replace(/[^A-Za-z0-9]/g, (c) => `_${c.charCodeAt(0).toString(16).padStart(2, '0')}`)}`;
}

function memType(t) {
  switch (t.kind) {
    case 'bool': case 'u8': return 'u8';
    case 's8': return 'i8';
    case 'u16': return 'u16';
    case 's16': return 'i16';
    case 'u32': case 'char': return 'u32';
    case 's32': case 'own': case 'borrow': return 'i32';
    case 'u64': return 'u64';
    case 's64': return 'i64';
    case 'f32': return 'f32';
    case 'f64': return 'f64';
    default: throw new BindgenError(`as: no memory type for ${t.kind}`);
  }
}
const uintOfSize = (n) => ({ 1: 'u8', 2: 'u16', 4: 'u32' })[n];

function castCore(v, from, to) {
  if (from === to) return v;
  if (from === 'i32' && to === 'i64') return `<i64><u32>(${v})`;
  if (from === 'f32' && to === 'i32') return `reinterpret<i32>(${v})`;
  if (from === 'f32' && to === 'i64') return `<i64><u32>reinterpret<i32>(${v})`;
  if (from === 'f64' && to === 'i64') return `reinterpret<i64>(${v})`;
  throw new BindgenError(`as: cannot join ${from} into ${to}`);
}
function uncastCore(v, from, to) {
  if (from === to) return v;
  if (from === 'i64' && to === 'i32') return `<i32>(${v})`;
  if (from === 'i32' && to === 'f32') return `reinterpret<f32>(${v})`;
  if (from === 'i64' && to === 'f32') return `reinterpret<f32>(<i32>(${v}))`;
  if (from === 'i64' && to === 'f64') return `reinterpret<f64>(${v})`;
  throw new BindgenError(`as: cannot split ${from} into ${to}`);
}

/** Whether the AS form of `t` is a (nullable-capable) reference type. */
function isRef(t) {
  switch (t.kind) {
    case 'string': case 'list': case 'record': case 'variant': case 'tuple': case 'result': case 'own': case 'borrow':
      return true;
    case 'option': return true; // `T | null` or `Some<T> | null`
    default: return false;
  }
}

class Gen {
  constructor(ir) {
    this.ir = ir;
    this.n = 0;
    this.tuples = new Set();
    this.nsNames = new Map();
    const shorts = new Map();
    for (const i of ir.interfaces) shorts.set(i.name, (shorts.get(i.name) ?? 0) + 1);
    for (const i of ir.interfaces) {
      this.nsNames.set(i.id, shorts.get(i.name) > 1 ? lowerCamel(`${i.namespace}-${i.package}-${i.name}`) : lowerCamel(i.name));
    }
    for (const e of ir.exports ?? []) if (e.kind === 'interface') this.nsNames.set(e.iface.id, `exports_${lowerCamel(e.iface.name)}`);
  }
  tmp(p = 't') {
    return `${p}${this.n++}`;
  }
  path(owner, name) {
    if (owner === '$root') return camel(name);
    const ns = this.nsNames.get(owner);
    if (!ns) throw new BindgenError(`as: no interface ${owner} for ${name}`);
    return `${ns}.${camel(name)}`;
  }

  zeroOf(t) {
    if (t.kind === 'bool') return 'false';
    if (isRef(t)) return `changetype<${this.ty(t)}>(0)`;
    return `<${this.ty(t)}>0`;
  }

  ty(t) {
    if (PRIM_AS[t.kind]) return PRIM_AS[t.kind];
    switch (t.kind) {
      case 'string': return 'string';
      case 'list': return t.elem.kind === 'u8' ? 'Uint8Array' : `Array<${this.ty(t.elem)}>`;
      case 'option':
        if (isRef(t.type) && t.type.kind !== 'option') return `${this.ty(t.type)} | null`;
        return `Some<${this.ty(t.type)}> | null`;
      case 'result': return `Result<${t.ok ? this.ty(t.ok) : 'bool'}, ${t.err ? this.ty(t.err) : 'bool'}>`;
      case 'tuple': this.tuples.add(t.types.length); return `Tuple${t.types.length}<${t.types.map((x) => this.ty(x)).join(', ')}>`;
      case 'own': case 'borrow': return this.path(t.resource.owner, t.resource.name);
      case 'record': case 'variant': case 'enum': case 'flags': return this.path(t.owner, t.name);
      default: throw new BindgenError(`as: unsupported type ${t.kind}`);
    }
  }

  // --- lowering: `e` is an AS expression of the value; returns core value expressions -------------
  lowerFlat(t, e, out) {
    switch (t.kind) {
      case 'bool': return [`(${e} ? 1 : 0)`];
      case 'u8': case 's8': case 'u16': case 's16': case 'u32': case 's32': case 'char': case 'enum': case 'flags':
        if (t.kind === 'flags' && t.flags.length > 32) throw new BindgenError('as: flags with more than 32 members are not supported');
        return [`<i32>(${e})`];
      case 'u64': case 's64': return [`<i64>(${e})`];
      case 'f32': case 'f64': return [`(${e})`];
      case 'own': case 'borrow': return [`(${e}).handle`];
      case 'string': case 'list': {
        const [p, l] = this.lowerList(t, e, out);
        return [`<i32>${p}`, `<i32>${l}`];
      }
      case 'record': case 'tuple': {
        const names = t.kind === 'record' ? t.fields.map((f) => lowerCamel(f.name)) : t.types.map((_, i) => `f${i}`);
        const v = this.tmp('r');
        out.push(`const ${v} = ${e};`);
        return fieldsOf(t).flatMap((ft, i) => this.lowerFlat(ft, `${v}.${names[i]}`, out));
      }
      default: {
        const slots = flat(t).slice(1);
        const d = this.tmp('d');
        const vs = slots.map(() => this.tmp('v'));
        out.push(`let ${d}: i32 = 0;`, ...vs.map((v, i) => `let ${v}: ${CORE_AS[slots[i]]} = ${ZERO[slots[i]]};`));
        const src = this.tmp('s');
        out.push(`const ${src} = ${e};`);
        this.variantBranches(t, src, out, (index, payload, ct) => {
          const inner = [`${d} = ${index};`];
          if (ct) {
            const vals = this.lowerFlat(ct, payload, inner);
            const cts = flat(ct);
            vals.forEach((val, i) => inner.push(`${vs[i]} = ${castCore(val, cts[i], slots[i])};`));
          }
          return inner;
        });
        return [d, ...vs];
      }
    }
  }

  /** Emits an if/else chain over a variant-like value `src`; `body(index, payloadExpr, caseType)`. */
  variantBranches(t, src, out, body) {
    const arms = [];
    switch (t.kind) {
      case 'option': {
        // In the else branch AS has narrowed `src` to non-null (a `!` there is an AS210 notice).
        const some = isRef(t.type) && t.type.kind !== 'option' ? `${src}` : `${src}.value`;
        arms.push({ cond: `${src} == null`, lines: body(0) });
        arms.push({ cond: null, lines: body(1, some, t.type) });
        break;
      }
      case 'result':
        arms.push({ cond: `${src}.isOk`, lines: body(0, t.ok ? `${src}.value` : undefined, t.ok) });
        arms.push({ cond: null, lines: body(1, t.err ? `${src}.error` : undefined, t.err) });
        break;
      case 'enum':
        out.push(...body(`<i32>(${src})`));
        return;
      case 'variant':
        t.cases.forEach((c, i) => {
          const last = i === t.cases.length - 1;
          arms.push({ cond: last ? null : `${src}.tag == ${i}`, lines: body(i, c.type ? `${src}.${lowerCamel(c.name)}${isRef(c.type) ? '!' : ''}` : undefined, c.type) });
        });
        break;
      default: throw new BindgenError(`as: not a variant: ${t.kind}`);
    }
    arms.forEach((a, i) => {
      const head = i === 0 ? `if (${a.cond}) {` : a.cond ? `} else if (${a.cond}) {` : '} else {';
      out.push(head, ...a.lines.map((l) => `  ${l}`));
    });
    out.push('}');
  }

  /** Lowers a string or list into heap memory freed after the call; returns [ptr, len] locals. */
  lowerList(t, e, out) {
    const p = this.tmp('p');
    const l = this.tmp('l');
    const v = this.tmp('x');
    out.push(`const ${v} = ${e};`);
    if (t.kind === 'string') {
      out.push(`const ${l} = <usize>String.UTF8.byteLength(${v});`);
      out.push(`const ${p} = ${l} == 0 ? <usize>1 : heap.alloc(${l});`);
      out.push(`if (${l} != 0) { String.UTF8.encodeUnsafe(changetype<usize>(${v}), ${v}.length, ${p}, false, String.UTF8.ErrorMode.REPLACE); cleanup.push(${p}); }`);
      return [p, l];
    }
    if (t.elem.kind === 'u8') {
      out.push(`const ${l} = <usize>${v}.length;`, `const ${p} = ${v}.dataStart;`);
      return [p, l];
    }
    const es = size(t.elem);
    const ea = align(t.elem);
    const i = this.tmp('i');
    out.push(`const ${l} = <usize>${v}.length;`);
    out.push(`const ${p} = ${l} == 0 ? <usize>${ea} : heap.alloc(${l} * ${es});`);
    out.push(`if (${l} != 0) cleanup.push(${p});`);
    out.push(`for (let ${i}: usize = 0; ${i} < ${l}; ${i}++) {`);
    const body = [];
    this.store(t.elem, `${v}[<i32>${i}]`, `${p} + ${i} * ${es}`, 0, body, 'borrow');
    out.push(...body.map((b) => `  ${b}`), '}');
    return [p, l];
  }

  /** Stores value `e` at `base` + `off`. mode 'borrow' (freed after the call) or 'move' (for cabi_post). */
  store(t, e, base, off, out, mode) {
    const st = (ty, val, o = off) => `store<${ty}>(${base}, ${val}, ${o});`;
    switch (t.kind) {
      case 'bool': out.push(st('u8', `${e} ? 1 : 0`)); return;
      case 'u8': case 's8': case 'u16': case 's16': case 'u32': case 's32': case 'u64': case 's64': case 'f32': case 'f64': case 'char':
        out.push(st(memType(t), e)); return;
      case 'enum': out.push(st(uintOfSize(discSize(t.cases.length)), `<${uintOfSize(discSize(t.cases.length))}>(${e})`)); return;
      case 'flags': out.push(st(uintOfSize(size(t)), `<${uintOfSize(size(t))}>(${e})`)); return;
      case 'own': case 'borrow': out.push(st('i32', `(${e}).handle`)); return;
      case 'string': case 'list': {
        const [p, l] = mode === 'move' ? this.moveList(t, e, out) : this.lowerList(t, e, out);
        out.push(st('i32', `<i32>${p}`), st('i32', `<i32>${l}`, off + 4));
        return;
      }
      case 'record': case 'tuple': {
        const names = t.kind === 'record' ? t.fields.map((f) => lowerCamel(f.name)) : t.types.map((_, i) => `f${i}`);
        const offs = fieldOffsets(t);
        const v = this.tmp('r');
        out.push(`const ${v} = ${e};`);
        fieldsOf(t).forEach((ft, i) => this.store(ft, `${v}.${names[i]}`, base, off + offs[i], out, mode));
        return;
      }
      default: {
        const ds = uintOfSize(discSize(variantCases(t).length));
        const po = payloadOffset(t);
        const src = this.tmp('s');
        out.push(`const ${src} = ${e};`);
        this.variantBranches(t, src, out, (index, payload, ct) => {
          const inner = [st(ds, `${index}`)];
          if (ct) this.store(ct, payload, base, off + po, inner, mode);
          return inner;
        });
      }
    }
  }

  /** A string or list copied into fresh heap memory that cabi_post frees. */
  moveList(t, e, out) {
    const p = this.tmp('p');
    const l = this.tmp('l');
    const v = this.tmp('x');
    out.push(`const ${v} = ${e};`);
    if (t.kind === 'string') {
      out.push(`const ${l} = <usize>String.UTF8.byteLength(${v});`);
      out.push(`const ${p} = ${l} == 0 ? <usize>1 : heap.alloc(${l});`);
      out.push(`if (${l} != 0) String.UTF8.encodeUnsafe(changetype<usize>(${v}), ${v}.length, ${p}, false, String.UTF8.ErrorMode.REPLACE);`);
      return [p, l];
    }
    if (t.elem.kind === 'u8') {
      out.push(`const ${l} = <usize>${v}.length;`, `const ${p} = ${l} == 0 ? <usize>1 : heap.alloc(${l});`, `if (${l} != 0) memory.copy(${p}, ${v}.dataStart, ${l});`);
      return [p, l];
    }
    const es = size(t.elem);
    const ea = align(t.elem);
    const i = this.tmp('i');
    out.push(`const ${l} = <usize>${v}.length;`, `const ${p} = ${l} == 0 ? <usize>${ea} : heap.alloc(${l} * ${es});`);
    out.push(`for (let ${i}: usize = 0; ${i} < ${l}; ${i}++) {`);
    const body = [];
    this.store(t.elem, `${v}[<i32>${i}]`, `${p} + ${i} * ${es}`, 0, body, 'move');
    out.push(...body.map((b) => `  ${b}`), '}');
    return [p, l];
  }

  /** Loads an owned value from memory written by the host (copies and frees its allocations). */
  load(t, base, off, out) {
    const ld = (ty, o = off) => `load<${ty}>(${base}, ${o})`;
    switch (t.kind) {
      case 'bool': return `(${ld('u8')} != 0)`;
      case 'u8': case 's8': case 'u16': case 's16': case 'u32': case 's32': case 'u64': case 's64': case 'f32': case 'f64': case 'char':
        return ld(memType(t));
      case 'enum': return `<${this.path(t.owner, t.name)}>${ld(uintOfSize(discSize(t.cases.length)))}`;
      case 'flags': return `<${this.path(t.owner, t.name)}>${ld(uintOfSize(size(t)))}`;
      case 'own': return `new ${this.path(t.resource.owner, t.resource.name)}(${ld('i32')})`;
      case 'borrow': throw new BindgenError('as: borrow<…> in a lifted position is not supported');
      case 'string': case 'list': return this.liftList(t, `<usize>${ld('u32')}`, `<usize>${ld('u32', off + 4)}`, out);
      case 'record': case 'tuple': {
        const offs = fieldOffsets(t);
        const vals = fieldsOf(t).map((ft, i) => {
          const v = this.tmp('f');
          out.push(`const ${v} = ${this.load(ft, base, off + offs[i], out)};`);
          return v;
        });
        return `new ${this.ty(t)}(${vals.join(', ')})`;
      }
      default: {
        const ds = uintOfSize(discSize(variantCases(t).length));
        return this.liftVariant(t, ld(ds), (ct, o) => this.load(ct, base, off + payloadOffset(t), o), out);
      }
    }
  }

  /** Builds a variant-like value from a discriminant and a payload loader; returns a local. */
  liftVariant(t, disc, payload, out) {
    const r = this.tmp('u');
    const d = this.tmp('d');
    out.push(`const ${d} = <i32>(${disc});`);
    out.push(`let ${r}: ${this.ty(t)} = ${this.zeroOf(t)};`);
    const arm = (i, lines) => { out.push(`${i === 0 ? '' : '} else '}if (${d} == ${i}) {`, ...lines.map((l) => `  ${l}`)); };
    const caseBody = (ct, make) => {
      const inner = [];
      const v = ct ? payload(ct, inner) : undefined;
      inner.push(`${r} = ${make(v)};`);
      return inner;
    };
    switch (t.kind) {
      case 'option': {
        const refy = isRef(t.type) && t.type.kind !== 'option';
        arm(0, [`${r} = null;`]);
        arm(1, caseBody(t.type, (v) => (refy ? v : `new Some<${this.ty(t.type)}>(${v})`)));
        break;
      }
      case 'result': {
        const R = this.ty(t);
        const zo = t.ok ? this.zeroOf(t.ok) : 'false';
        const ze = t.err ? this.zeroOf(t.err) : 'false';
        arm(0, caseBody(t.ok, (v) => `new ${R}(true, ${v ?? 'true'}, ${ze})`));
        arm(1, caseBody(t.err, (v) => `new ${R}(false, ${zo}, ${v ?? 'true'})`));
        break;
      }
      case 'variant':
        t.cases.forEach((c, i) => arm(i, caseBody(c.type, (v) => `${this.ty(t)}.${lowerCamel(c.name)}(${v ?? ''})`)));
        break;
      default: throw new BindgenError(`as: not a variant: ${t.kind}`);
    }
    out.push('} else {', '  unreachable();', '}');
    return r;
  }

  liftList(t, ptr, len, out) {
    const p = this.tmp('p');
    const l = this.tmp('l');
    const r = this.tmp('a');
    out.push(`const ${p} = ${ptr};`, `const ${l} = ${len};`);
    if (t.kind === 'string') {
      out.push(`const ${r} = ${l} == 0 ? "" : String.UTF8.decodeUnsafe(${p}, ${l});`, `if (${l} != 0) heap.free(${p});`);
      return r;
    }
    if (t.elem.kind === 'u8') {
      out.push(`const ${r} = new Uint8Array(<i32>${l});`, `if (${l} != 0) { memory.copy(${r}.dataStart, ${p}, ${l}); heap.free(${p}); }`);
      return r;
    }
    const es = size(t.elem);
    const i = this.tmp('i');
    out.push(`const ${r} = new Array<${this.ty(t.elem)}>(<i32>${l});`, `for (let ${i}: usize = 0; ${i} < ${l}; ${i}++) {`);
    const body = [];
    const v = this.load(t.elem, `${p} + ${i} * ${es}`, 0, body);
    body.push(`${r}[<i32>${i}] = ${v};`);
    out.push(...body.map((b) => `  ${b}`), '}', `if (${l} != 0) heap.free(${p});`);
    return r;
  }

  /** Lifts from flat core values (expressions, consumed in order). */
  liftFlat(t, vals, out) {
    const take = () => vals.shift();
    switch (t.kind) {
      case 'bool': return `(${take()} != 0)`;
      case 'u8': case 's8': case 'u16': case 's16': case 'u32': case 's32': case 'char': case 'u64': case 's64':
        return `<${PRIM_AS[t.kind]}>(${take()})`;
      case 'f32': case 'f64': return take();
      case 'enum': case 'flags': return `<${this.path(t.owner, t.name)}>(${take()})`;
      case 'own': return `new ${this.path(t.resource.owner, t.resource.name)}(${take()})`;
      case 'borrow': throw new BindgenError('as: borrow<…> of an imported resource in an export is not supported');
      case 'string': case 'list': { const p = take(); const l = take(); return this.liftList(t, `<usize>${p}`, `<usize>${l}`, out); }
      case 'record': case 'tuple': {
        const fs = fieldsOf(t).map((ft) => { const v = this.tmp('f'); out.push(`const ${v} = ${this.liftFlat(ft, vals, out)};`); return v; });
        return `new ${this.ty(t)}(${fs.join(', ')})`;
      }
      default: {
        const slots = flat(t).slice(1);
        const d = take();
        const sv = slots.map(() => take());
        return this.liftVariant(t, d, (ct, o) => {
          const cts = flat(ct);
          return this.liftFlat(ct, cts.map((c, i) => uncastCore(sv[i], slots[i], c)), o);
        }, out);
      }
    }
  }

  /** Frees what a stored ('move') value allocated. */
  free(t, base, off, out) {
    switch (t.kind) {
      case 'string': case 'list': {
        const p = this.tmp('p');
        const l = this.tmp('l');
        out.push(`const ${p} = <usize>load<u32>(${base}, ${off});`, `const ${l} = <usize>load<u32>(${base}, ${off + 4});`);
        if (t.kind === 'list' && hasAllocations(t.elem)) {
          const i = this.tmp('i');
          const inner = [];
          this.free(t.elem, `${p} + ${i} * ${size(t.elem)}`, 0, inner);
          out.push(`for (let ${i}: usize = 0; ${i} < ${l}; ${i}++) {`, ...inner.map((x) => `  ${x}`), '}');
        }
        out.push(`if (${l} != 0) heap.free(${p});`);
        return;
      }
      case 'record': case 'tuple': {
        const offs = fieldOffsets(t);
        fieldsOf(t).forEach((ft, i) => { if (hasAllocations(ft)) this.free(ft, base, off + offs[i], out); });
        return;
      }
      default: {
        const cases = variantCases(t);
        if (!cases || !hasAllocations(t)) return;
        const ds = uintOfSize(discSize(cases.length));
        const d = this.tmp('d');
        out.push(`const ${d} = <i32>load<${ds}>(${base}, ${off});`);
        cases.forEach((c, i) => {
          if (!c || !hasAllocations(c)) return;
          const inner = [];
          this.free(c, base, off + payloadOffset(t), inner);
          out.push(`if (${d} == ${i}) {`, ...inner.map((x) => `  ${x}`), '}');
        });
      }
    }
  }

  // --- type definitions ---------------------------------------------------------------------------
  typeDef(def, out, ind) {
    const t = def.type;
    const name = camel(def.name);
    const o = (s) => out.push(`${ind}${s}`);
    switch (t.kind) {
      case 'record': {
        o(`export class ${name} {`);
        o(`  constructor(${t.fields.map((f) => `public ${lowerCamel(f.name)}: ${this.ty(f.type)}`).join(', ')}) {}`);
        o('}');
        return;
      }
      case 'variant': {
        o(`export class ${name} {`);
        t.cases.forEach((c, i) => o(`  static readonly ${upper(c.name)}: u8 = ${i};`));
        o('  tag: u8 = 0;');
        for (const c of t.cases) {
          if (!c.type) continue;
          o(`  ${lowerCamel(c.name)}: ${isRef(c.type) ? `${this.ty(c.type)} | null = null` : `${this.ty(c.type)} = ${this.zeroOf(c.type)}`};`);
        }
        t.cases.forEach((c, i) => {
          const cn = lowerCamel(c.name);
          o(`  static ${cn}(${c.type ? `v: ${this.ty(c.type)}` : ''}): ${name} { const r = new ${name}(); r.tag = ${i};${c.type ? ` r.${cn} = v;` : ''} return r; }`);
        });
        o('}');
        return;
      }
      case 'enum':
        o(`export enum ${name} {`);
        t.cases.forEach((c, i) => o(`  ${camel(c)} = ${i},`));
        o('}');
        o(`/** The WIT name of a \`${def.name}\` case. */`);
        o(`export function nameOf${name}(v: ${name}): string {`);
        t.cases.forEach((c, i) => o(`  if (v == ${i}) return "${c}";`));
        o('  return "?";');
        o('}');
        return;
      case 'flags':
        if (t.flags.length > 32) throw new BindgenError('as: flags with more than 32 members are not supported');
        o(`export enum ${name} {`);
        o('  None = 0,');
        t.flags.forEach((f, i) => o(`  ${camel(f)} = ${i === 31 ? '0x80000000' : `1 << ${i}`},`));
        o(`  All = ${t.flags.length === 32 ? '0xffffffff' : `${(2 ** t.flags.length - 1)}`},`);
        o('}');
        return;
      default:
        o(`export type ${name} = ${this.ty(t)};`);
    }
  }

  importFn(f, externs, out, ind) {
    for (const p of f.params) {
      if (p.type.kind !== 'own' && containsOwn(p.type)) throw new BindgenError(`as: ${f.name}: own<…> inside a parameter (${p.name}) is not supported`);
    }
    const sig = signature(f.params, f.result, { lift: false });
    const ext = `wit_${f.name.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+/, '')}`;
    externs.push(`@external("${f.module}", "${f.name}")`,
      `declare function ${ext}(${sig.core.params.map((c, i) => `a${i}: ${CORE_AS[c]}`).join(', ')}): ${sig.core.results.length ? CORE_AS[sig.core.results[0]] : 'void'};`);
    const isMethod = f.kind === 'method';
    const params = isMethod ? f.params.slice(1) : f.params;
    const asName = f.kind === 'constructor' ? 'create' : lowerCamel(f.short ?? f.name);
    const resultTy = f.result ? this.ty(f.result) : 'void';
    const body = ['const cleanup = new Array<usize>();'];
    const refOf = (p, i) => (isMethod && i === 0 ? 'this' : lowerCamel(p.name));
    let callArgs;
    if (sig.paramsInMemory) {
      const rec = paramsRecord(f.params);
      body.push(`const params_ptr = heap.alloc(${size(rec)}); cleanup.push(params_ptr);`);
      const offs = fieldOffsets(rec);
      f.params.forEach((p, i) => this.store(p.type, refOf(p, i), 'params_ptr', offs[i], body, 'borrow'));
      callArgs = ['<i32>params_ptr'];
    } else {
      callArgs = f.params.flatMap((p, i) => this.lowerFlat(p.type, refOf(p, i), body));
    }
    if (sig.resultsInMemory) {
      // A static return area: the host writes it during the call, we read it right after.
      body.push(`const ret_ptr = memory.data(${size(f.result)}, ${align(f.result)});`);
      callArgs.push('<i32>ret_ptr');
      body.push(`${ext}(${callArgs.join(', ')});`);
    } else if (sig.core.results.length) {
      body.push(`const ret = ${ext}(${callArgs.join(', ')});`);
    } else {
      body.push(`${ext}(${callArgs.join(', ')});`);
    }
    if (body.some((b) => b.includes('cleanup.push'))) body.push('for (let i = 0; i < cleanup.length; i++) heap.free(cleanup[i]);');
    else body.shift(); // no temporary buffers: no cleanup list
    for (const p of params) if (p.type.kind === 'own') body.push(`${lowerCamel(p.name)}.handle = 0;`);
    if (f.result) {
      const v = sig.resultsInMemory ? this.load(f.result, 'ret_ptr', 0, body) : this.liftFlat(f.result, ['ret'], body);
      body.push(`return ${v};`);
    }
    const isStatic = f.resource && !isMethod;
    const decl = f.resource ? `${isStatic ? 'static ' : ''}${asName}` : `export function ${asName}`;
    out.push(`${ind}${decl}(${params.map((p) => `${lowerCamel(p.name)}: ${this.ty(p.type)}`).join(', ')}): ${resultTy} {`);
    out.push(...body.map((b) => `${ind}  ${b}`), `${ind}}`);
  }

  importInterface(iface, out) {
    const ns = this.nsNames.get(iface.id);
    const externs = [];
    const body = [];
    for (const def of iface.types) {
      if (def.type.kind === 'resource') continue;
      if (def.owner !== iface.id) continue; // `use`d: referenced by its owner's path
      this.typeDef(def, body, '  ');
    }
    for (const def of iface.types) {
      if (def.type.kind !== 'resource' || def.owner !== iface.id) continue;
      const name = camel(def.name);
      const drop = `wit_drop_${def.name.replace(/-/g, '_')}`;
      externs.push(`@external("${iface.id}", "[resource-drop]${def.name}")`, `declare function ${drop}(handle: i32): void;`);
      body.push(`  /** A \`${def.name}\` handle. Call drop() when done: AS has no destructors. */`);
      body.push(`  export class ${name} extends Resource {`);
      body.push('    constructor(handle: i32) { super(handle); }');
      body.push(`    /** Drops the handle (once; later calls do nothing). */`);
      body.push(`    drop(): void { if (this.handle != 0) { ${drop}(this.handle); this.handle = 0; } }`);
      for (const f of iface.functions.filter((fn) => fn.resource === def.name)) {
        if (['handle', 'drop'].includes(lowerCamel(f.short ?? ''))) throw new BindgenError(`as: ${f.name} collides with the generated ${lowerCamel(f.short)}`);
        this.importFn({ ...f, module: iface.id }, externs, body, '    ');
      }
      body.push('  }');
    }
    for (const f of iface.functions.filter((fn) => !fn.resource)) this.importFn({ ...f, module: iface.id }, externs, body, '  ');
    out.push(`/** ${iface.id} */`, `export namespace ${ns} {`, ...externs.map((x) => `  ${x}`), ...body, '}');
  }

  exportFns(fns, cls, out, shims) {
    out.push(`export abstract class ${cls} {`);
    for (const f of fns) {
      out.push(`  abstract ${lowerCamel(f.short ?? f.name)}(${f.params.map((p) => `${lowerCamel(p.name)}: ${this.ty(p.type)}`).join(', ')}): ${f.result ? this.ty(f.result) : 'void'};`);
    }
    out.push('}');
    const slot = `__impl_${cls}`;
    out.push(`export let ${slot}: ${cls} | null = null;`, `/** Registers the implementation of \`${cls}\` (call once, at the top level of the guest). */`, `export function set${cls}(impl: ${cls}): void { ${slot} = impl; }`);
    for (const f of fns) {
      if (f.result && containsOwn(f.result)) throw new BindgenError(`as: export ${f.name}: returning own<…> handles is not supported`);
      const sig = signature(f.params, f.result, { lift: true });
      const coreName = f.coreName ?? f.name;
      const ident = exportIdent(coreName);
      const body = [];
      let args;
      if (sig.paramsInMemory) {
        const rec = paramsRecord(f.params);
        const offs = fieldOffsets(rec);
        body.push('const args_ptr = <usize>a0;');
        args = f.params.map((p, i) => {
          const v = this.tmp('arg');
          body.push(`const ${v} = ${this.load(p.type, 'args_ptr', offs[i], body)};`);
          return v;
        });
        body.push('heap.free(args_ptr);');
      } else {
        const vals = sig.flatParams.map((_, i) => `a${i}`);
        args = f.params.map((p) => { const v = this.tmp('arg'); body.push(`const ${v} = ${this.liftFlat(p.type, vals, body)};`); return v; });
      }
      const call = `${slot}!.${lowerCamel(f.short ?? f.name)}(${args.join(', ')})`;
      let ret = 'void';
      if (sig.resultsInMemory) {
        body.push(`const r = ${call};`);
        const area = `__ret_${ident}`;
        shims.push(`const ${area} = memory.data(${size(f.result)}, ${align(f.result)});`);
        this.store(f.result, 'r', area, 0, body, 'move');
        body.push(`return <i32>${area};`);
        ret = 'i32';
        const post = [];
        this.free(f.result, '<usize>a0', 0, post);
        shims.push(`export function ${exportIdent(`cabi_post_${coreName}`)}(a0: i32): void {`, ...post.map((p) => `  ${p}`), '}');
      } else if (f.result) {
        body.push(`const r = ${call};`);
        const vals = this.lowerFlat(f.result, 'r', body);
        body.push(`return ${vals[0]};`);
        ret = CORE_AS[sig.core.results[0]];
      } else {
        body.push(`${call};`);
      }
      if (body.some((b) => b.includes('cleanup.push'))) body.unshift('const cleanup = new Array<usize>();');
      shims.push(`export function ${ident}(${sig.core.params.map((c, i) => `a${i}: ${CORE_AS[c]}`).join(', ')}): ${ret} {`, ...body.map((b) => `  ${b}`), '}');
    }
  }
}

const RUNTIME = (tuples) => `
/** Every resource class: a handle (0 once dropped or moved) and \`drop()\`. */
export abstract class Resource {
  constructor(public handle: i32) {}
  abstract drop(): void;
}

/** A present optional value of a value type (option<u32> is \`Some<u32> | null\`). */
export class Some<T> {
  constructor(public value: T) {}
}

/** A WIT \`result\`: \`isOk\` and \`value\`, or \`error\`. For \`result<_, E>\` T is \`bool\`. */
export class Result<T, E> {
  constructor(public isOk: bool, private _value: T, private _error: E) {}
  get isErr(): bool { return !this.isOk; }
  /** The ok value; traps on an error. */
  get value(): T { if (!this.isOk) unreachable(); return this._value; }
  /** The error; traps on success. */
  get error(): E { if (this.isOk) unreachable(); return this._error; }
}

${[...tuples].sort().map((n) => `
export class Tuple${n}<${Array.from({ length: n }, (_, i) => `T${i}`).join(', ')}> {
  constructor(${Array.from({ length: n }, (_, i) => `public f${i}: T${i}`).join(', ')}) {}
}`).join('')}

/** The canonical ABI's allocator: the host calls it to place lists and strings it returns. */
export function cabi_realloc(old: usize, oldSize: usize, align: usize, newSize: usize): usize {
  if (newSize == 0) {
    if (oldSize != 0) heap.free(old);
    return align;
  }
  if (oldSize == 0) return heap.alloc(newSize);
  return heap.realloc(old, newSize);
}
`;

export const language = 'assemblyscript';

/** gen.mjs back-end entry: the model of one world → bindings/assemblyscript/<world>.ts (+ .exports.ts). */
export function generate(model) {
  const r = generateAS(toIR(model));
  const files = [{ path: `${model.world}.ts`, contents: r.main }];
  if (r.exports) files.push({ path: `${model.world}.exports.ts`, contents: r.exports });
  return files;
}

/**
 * Generates the AssemblyScript bindings of one world.
 * @returns {{ main: string, exports?: string }} the bindings module and, for a world with exports,
 *   the shims module the guest's entry file re-exports.
 */
export function generateAS(ir) {
  const g = new Gen(ir);
  const head = [
    `// Generated by scripts/bindgen (AssemblyScript back end) from the WIT world \`${ir.world}\`. Do not edit:`,
    '// run `node scripts/bindgen/gen.mjs` after changing wit/.',
    '// AssemblyScript 0.28, `--runtime incremental`. The entry file must re-export `cabi_realloc`.',
    '',
  ];
  const body = [];
  for (const iface of ir.interfaces) g.importInterface(iface, body);
  const shims = [];
  if (ir.exports?.length) {
    const worldFns = ir.exports.filter((e) => e.kind === 'function').map((e) => e.func);
    if (worldFns.length) g.exportFns(worldFns, 'Guest', body, shims);
    for (const e of ir.exports.filter((x) => x.kind === 'interface')) {
      const ns = g.nsNames.get(e.iface.id);
      const inner = [];
      for (const def of e.iface.types) {
        if (def.type.kind === 'resource') throw new BindgenError('as: exported resources are not supported');
        if (def.owner === e.iface.id) g.typeDef(def, inner, '  ');
      }
      body.push(`export namespace ${ns} {`, ...inner, '}');
      g.exportFns(e.iface.functions, `Guest${camel(e.iface.name)}`, body, shims);
    }
  }
  const main = [...head, ...body, RUNTIME(g.tuples)].join('\n');
  if (!shims.length) return { main };
  const names = new Set();
  for (const e of ir.exports) {
    if (e.kind === 'function') names.add('Guest');
    else names.add(`Guest${camel(e.iface.name)}`);
  }
  const exportsFile = [
    ...head.slice(0, 2),
    '// The export shims: re-export everything from this module in the guest\'s entry file.',
    `import { ${[...names].map((n) => `__impl_${n}`).join(', ')}, Result, Some, ${[...[...g.tuples].map((n) => `Tuple${n}`), ...g.nsNames.values(), ...(ir.worldTypes ?? []).filter((d) => d.kind !== 'alias').map((d) => camel(d.name))].join(', ')} } from "./${ir.world}";`,
    `export { cabi_realloc } from "./${ir.world}";`,
    ...shims,
    '',
  ].join('\n');
  return { main, exports: exportsFile };
}
