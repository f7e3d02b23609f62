// Rust back end of the binding generator: canonical-ABI guest bindings for Rust 1.63 (Debian's
// rustc, std only, no crates), in the style of wit-bindgen's Rust output.
//
// One generated file per world (`bindings/rust/<world>.rs`), mounted by a guest with
//   #[path = "…/bindings/rust/<world>.rs"] mod bindings;
// It holds:
//   - a module per imported interface, nested by package (`wasi::crypto::symmetric`), with
//     `extern "C"` imports (`#[link(wasm_import_module = "wasi:crypto/symmetric@0.12.0-draft")]`)
//     and safe wrappers: records → structs, variants → enums, enum → `#[repr(u8)]` enum,
//     flags → a `bits` struct with constants, option → Option, result → Result, tuple → tuple,
//     resources → structs whose `Drop` is `[resource-drop]`; constructors `new`, static
//     functions associated functions, methods `&self` methods.
//   - for a world with exports, a `Guest` trait (one per exported interface, plus one for the
//     world's own functions) and the `#[export_name]` shims that call `crate::Component`'s impl,
//     each with its `cabi_post_*` that frees what the result allocated.
//   - `cabi_realloc`, exported, over std's global allocator.
//
// Ownership (written down in bindings/rust/README.md):
//   - parameters are borrowed: `&str`, `&[u8]`, `&[T]`, `&Resource` for `borrow<…>`; an `own<…>`
//     parameter is moved (its handle passes to the host, no drop). A list of non-primitive
//     elements (list<string>, list of records, …) is stored into a buffer allocated for the call
//     and freed after it; the elements' own bytes are borrowed in place.
//   - results are owned: the host writes lists and strings into memory it allocated with our
//     `cabi_realloc`; the wrapper takes them over (`Vec::from_raw_parts`/`String::from_raw_parts`)
//     or, for lists of non-primitive elements, copies each element out and frees the buffer.
//   - export parameters arrive in memory the host allocated with `cabi_realloc` and become owned
//     `String`/`Vec`; export results are copied into fresh allocations that `cabi_post_<name>`
//     frees after the host has read them.
import {
  align, fieldOffsets, fieldsOf, flat, hasAllocations, payloadOffset, signature, size, variantCases, discSize,
  paramsRecord, BindgenError, containsOwn,
} from './guest-abi.mjs';
import { toIR } from './guest-ir.mjs';

const KEYWORDS = new Set(`as break const continue crate else enum extern false fn for if impl in let loop match mod
  move mut pub ref return self Self static struct super trait true type unsafe use where while async await dyn
  abstract become box do final macro override priv typeof unsized virtual yield try`.split(/\s+/));

const camel = (s) => s.split('-').map((w) => (w ? w[0].toUpperCase() + w.slice(1) : w)).join('');
const snake = (s) => {
  const n = s.replace(/-/g, '_');
  return KEYWORDS.has(n) ? `${n}_` : n;
};
const upper = (s) => s.replace(/-/g, '_').toUpperCase();

const PRIM_RS = {
  bool: 'bool', u8: 'u8', s8: 'i8', u16: 'u16', s16: 'i16', u32: 'u32', s32: 'i32', u64: 'u64', s64: 'i64',
  f32: 'f32', f64: 'f64', char: 'char',
};
// Primitive element types whose Rust slice has the canonical-ABI layout (wasm is little-endian).
const SLICE_PRIM = new Set(['u8', 's8', 'u16', 's16', 'u32', 's32', 'u64', 's64', 'f32', 'f64']);
const CORE_RS = { i32: 'i32', i64: 'i64', f32: 'f32', f64: 'f64' };
const ZERO = { i32: '0i32', i64: '0i64', f32: '0f32', f64: '0f64' };

/** Memory access type for a primitive-like value of `t` at its size. */
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
    default: throw new BindgenError(`rust: no memory type for ${t.kind}`);
  }
}
const uintOfSize = (n) => ({ 1: 'u8', 2: 'u16', 4: 'u32' })[n];

function castCore(v, from, to) {
  if (from === to) return v;
  if (from === 'i32' && to === 'i64') return `((${v}) as u32 as i64)`;
  if (from === 'f32' && to === 'i32') return `((${v}).to_bits() as i32)`;
  if (from === 'f32' && to === 'i64') return `((${v}).to_bits() as i64)`;
  if (from === 'f64' && to === 'i64') return `((${v}).to_bits() as i64)`;
  throw new BindgenError(`rust: cannot join ${from} into ${to}`);
}
function uncastCore(v, from, to) {
  // `from` is the joined slot type, `to` the case's own core type.
  if (from === to) return v;
  if (from === 'i64' && to === 'i32') return `((${v}) as i32)`;
  if (from === 'i32' && to === 'f32') return `f32::from_bits((${v}) as u32)`;
  if (from === 'i64' && to === 'f32') return `f32::from_bits((${v}) as u32)`;
  if (from === 'i64' && to === 'f64') return `f64::from_bits((${v}) as u64)`;
  throw new BindgenError(`rust: cannot split ${from} into ${to}`);
}

class Gen {
  constructor(ir) {
    this.ir = ir;
    this.n = 0;
  }
  tmp(p = 't') {
    return `${p}${this.n++}`;
  }

  /** Path from the bindings root to a named type or resource. */
  path(owner, name) {
    // In scope by name: defined in the current interface, or `use`d (re-exported) by it.
    if (this.cur) {
      if (owner === this.cur.id) return camel(name);
      const local = this.cur.types.find((d) => d.used && d.owner === owner && d.origName === name);
      if (local) return camel(local.name);
    }
    const iface = this.ir.interfaces.find((i) => i.id === owner);
    if (iface && this.cur && this.cur.direction === 'import' && iface.namespace === this.cur.namespace && iface.package === this.cur.package) {
      return `super::${snake(iface.name)}::${camel(name)}`;
    }
    if (iface) return `${this.root}${ifacePath(iface).join('::')}::${camel(name)}`;
    const exp = this.ir.exports?.find((e) => e.kind === 'interface' && e.iface.id === owner);
    if (exp) return `${this.root}exports::${snake(exp.iface.name)}::${camel(name)}`;
    if (owner === '$root') return `${this.root}${camel(name)}`;
    throw new BindgenError(`rust: no interface ${owner} for type ${name}`);
  }

  /** `pub use <path of the defining interface's type> [as Local];` for a `use`d type. */
  useLine(def) {
    const cur = this.cur;
    this.cur = undefined; // the path from the defining interface, not the local alias
    const target = this.path(def.owner, def.origName ?? def.name);
    this.cur = cur;
    const sameIface = this.ir.interfaces.find((i) => i.id === def.owner);
    const rel = sameIface && cur && cur.direction === 'import' && sameIface.namespace === cur.namespace && sameIface.package === cur.package
      ? `super::${snake(sameIface.name)}::${camel(def.origName ?? def.name)}`
      : target;
    const local = camel(def.name);
    return `pub use ${rel}${local === camel(def.origName ?? def.name) ? '' : ` as ${local}`};`;
  }

  // --- Rust types ---------------------------------------------------------------------------
  ty(t, mode) {
    // mode: 'param' (borrowed forms) or 'owned'
    if (PRIM_RS[t.kind]) return PRIM_RS[t.kind];
    switch (t.kind) {
      case 'string': return mode === 'param' ? '&str' : 'String';
      case 'list':
        if (mode === 'param') return `&[${this.elemParamTy(t.elem)}]`;
        return `Vec<${this.ty(t.elem, 'owned')}>`;
      case 'option': return `Option<${this.ty(t.type, mode)}>`;
      case 'result': return `Result<${t.ok ? this.ty(t.ok, mode) : '()'}, ${t.err ? this.ty(t.err, mode) : '()'}>`;
      case 'tuple': return `(${t.types.map((x) => this.ty(x, mode)).join(', ')}${t.types.length === 1 ? ',' : ''})`;
      case 'own': return this.path(t.resource.owner, t.resource.name);
      case 'borrow': return `&${this.path(t.resource.owner, t.resource.name)}`;
      case 'record': case 'variant': case 'enum': case 'flags':
        if (!t.name) throw new BindgenError(`rust: anonymous ${t.kind}`);
        return this.path(t.owner, t.name);
      default: throw new BindgenError(`rust: unsupported type ${t.kind}`);
    }
  }
  elemParamTy(e) {
    if (e.kind === 'string' || e.kind === 'list' || e.kind === 'borrow') return this.ty(e, 'param');
    if (e.kind === 'own') throw new BindgenError('rust: list<own<…>> parameters are not supported');
    return this.ty(e, 'owned');
  }

  // --- lowering (guest value → core values), `e` is an expression of a reference to the value --
  /** Returns core value expressions; pushes statements into `out`. mode 'borrow' | 'move'. */
  lowerFlat(t, e, out, mode) {
    switch (t.kind) {
      case 'bool': return [`(if *${e} { 1i32 } else { 0i32 })`];
      case 'u8': case 's8': case 'u16': case 's16': case 'u32': return [`((*${e}) as i32)`];
      case 's32': return [`(*${e})`];
      case 'char': return [`((*${e}) as u32 as i32)`];
      case 'u64': return [`((*${e}) as i64)`];
      case 's64': return [`(*${e})`];
      case 'f32': case 'f64': return [`(*${e})`];
      case 'enum': return [`((*${e}) as i32)`];
      case 'flags': {
        const words = Math.ceil(t.flags.length / 32);
        if (words === 1) return [`((${e}).bits as i32)`];
        return Array.from({ length: words }, (_, i) => `(((${e}).bits >> ${32 * i}) as i32)`);
      }
      case 'own': case 'borrow': return [`((${e}).handle())`];
      case 'string': case 'list': {
        const [p, l] = this.lowerList(t, e, out, mode);
        return [`(${p} as i32)`, `(${l} as i32)`];
      }
      case 'record': case 'tuple': {
        const names = t.kind === 'record' ? t.fields.map((f) => snake(f.name)) : t.types.map((_, i) => String(i));
        return fieldsOf(t).flatMap((ft, i) => this.lowerFlat(ft, `&(${e}).${names[i]}`, out, mode));
      }
      default: {
        const slots = flat(t).slice(1);
        const vars = [this.tmp('d'), ...slots.map(() => this.tmp('v'))];
        const arms = this.variantArms(t, e).map(({ pat, index, payload, ct }) => {
          const inner = [];
          let vals = [];
          if (ct) vals = this.lowerFlat(ct, payload, inner, mode);
          const cts = ct ? flat(ct) : [];
          const tuple = [`${index}i32`, ...slots.map((s, i) => (i < vals.length ? castCore(vals[i], cts[i], s) : ZERO[s]))];
          return `${pat} => { ${inner.join(' ')} (${tuple.join(', ')}) }`;
        });
        out.push(`let (${vars.join(', ')}) = match ${e} { ${arms.join(', ')} };`);
        return vars;
      }
    }
  }

  /** Match arms over a variant-like value `e` (a reference). */
  variantArms(t, e) {
    const x = this.tmp('x');
    switch (t.kind) {
      case 'option':
        return [
          { pat: 'None', index: 0 },
          { pat: `Some(${x})`, index: 1, payload: x, ct: t.type },
        ];
      case 'result':
        return [
          { pat: t.ok ? `Ok(${x})` : 'Ok(_)', index: 0, payload: t.ok ? x : undefined, ct: t.ok },
          { pat: t.err ? `Err(${x})` : 'Err(_)', index: 1, payload: t.err ? x : undefined, ct: t.err },
        ];
      case 'enum':
        return t.cases.map((c, i) => ({ pat: `${this.path(t.owner, t.name)}::${camel(c)}`, index: i }));
      case 'variant':
        return t.cases.map((c, i) => ({
          pat: `${this.path(t.owner, t.name)}::${camel(c.name)}${c.type ? `(${x})` : ''}`,
          index: i, payload: c.type ? x : undefined, ct: c.type,
        }));
      default: throw new BindgenError(`rust: not a variant: ${t.kind}`);
    }
  }

  /** Lowers a string or list to [ptrExpr (*mut u8), lenExpr (usize)]. */
  lowerList(t, e, out, mode) {
    const p = this.tmp('p');
    const l = this.tmp('l');
    if (t.kind === 'string' || SLICE_PRIM.has(t.elem.kind)) {
      if (mode === 'borrow') {
        out.push(`let ${p} = (${e}).as_ptr() as *mut u8; let ${l} = (${e}).len();`);
      } else {
        const src = t.kind === 'string' ? `(${e}).as_bytes().to_vec()` : `(${e}).to_vec()`;
        out.push(`let ${l} = (${e}).len(); let ${p} = Box::into_raw(${src}.into_boxed_slice()) as *mut u8;`);
      }
      return [p, l];
    }
    const es = size(t.elem);
    const ea = align(t.elem);
    const el = this.tmp('e');
    const i = this.tmp('i');
    const body = [];
    this.store(t.elem, el, `${p}.add(${i} * ${es})`, 0, body, mode);
    out.push(`let ${l} = (${e}).len(); let ${p} = ${this.rt}alloc_list(${l}, ${es}, ${ea});`);
    if (mode === 'borrow') out.push(`if ${l} != 0 { cleanup.push((${p}, ${l} * ${es}, ${ea})); }`);
    out.push(`for (${i}, ${el}) in (${e}).iter().enumerate() { ${body.join(' ')} }`);
    return [p, l];
  }

  // --- storing a value (reference `e`) at `base` + `off` -------------------------------------------
  store(t, e, base, off, out, mode) {
    const at = (ty) => `*((${base}).add(${off}) as *mut ${ty})`;
    switch (t.kind) {
      case 'bool': out.push(`${at('u8')} = (*${e}) as u8;`); return;
      case 'char': out.push(`${at('u32')} = (*${e}) as u32;`); return;
      case 'u8': case 's8': case 'u16': case 's16': case 'u32': case 's32': case 'u64': case 's64': case 'f32': case 'f64':
        out.push(`${at(memType(t))} = *${e};`); return;
      case 'enum': out.push(`${at(uintOfSize(discSize(t.cases.length)))} = (*${e}) as ${uintOfSize(discSize(t.cases.length))};`); return;
      case 'flags': {
        const s = size(t);
        if (s <= 4) out.push(`${at(uintOfSize(s))} = (${e}).bits as ${uintOfSize(s)};`);
        else for (let w = 0; w < s / 4; w++) out.push(`*((${base}).add(${off + 4 * w}) as *mut u32) = ((${e}).bits >> ${32 * w}) as u32;`);
        return;
      }
      case 'own': case 'borrow': out.push(`${at('i32')} = (${e}).handle();`); return;
      case 'string': case 'list': {
        const [p, l] = this.lowerList(t, e, out, mode);
        out.push(`${at('i32')} = ${p} as i32; *((${base}).add(${off + 4}) as *mut i32) = ${l} as i32;`);
        return;
      }
      case 'record': case 'tuple': {
        const names = t.kind === 'record' ? t.fields.map((f) => snake(f.name)) : t.types.map((_, i) => String(i));
        const offs = fieldOffsets(t);
        fieldsOf(t).forEach((ft, i) => this.store(ft, `&(${e}).${names[i]}`, base, off + offs[i], out, mode));
        return;
      }
      default: {
        const ds = uintOfSize(discSize(variantCases(t).length));
        const po = payloadOffset(t);
        const arms = this.variantArms(t, e).map(({ pat, index, payload, ct }) => {
          const inner = [`${at(ds)} = ${index};`];
          if (ct) this.store(ct, payload, base, off + po, inner, mode);
          return `${pat} => { ${inner.join(' ')} }`;
        });
        out.push(`match ${e} { ${arms.join(', ')} }`);
      }
    }
  }

  // --- loading an owned value from memory (takes over allocations) -----------------------------
  load(t, base, off) {
    const at = (ty) => `*((${base}).add(${off}) as *const ${ty})`;
    switch (t.kind) {
      case 'bool': return `(${at('u8')} != 0)`;
      case 'char': return `char::from_u32(${at('u32')}).unwrap()`;
      case 'u8': case 's8': case 'u16': case 's16': case 'u32': case 's32': case 'u64': case 's64': case 'f32': case 'f64':
        return at(memType(t));
      case 'enum': return `${this.path(t.owner, t.name)}::from_discriminant(${at(uintOfSize(discSize(t.cases.length)))} as u32)`;
      case 'flags': {
        const s = size(t);
        if (s <= 4) return `${this.path(t.owner, t.name)} { bits: ${at(uintOfSize(s))} as ${this.flagsBits(t)} }`;
        const words = Array.from({ length: s / 4 }, (_, w) => `((*((${base}).add(${off + 4 * w}) as *const u32) as u64) << ${32 * w})`);
        return `${this.path(t.owner, t.name)} { bits: ${words.join(' | ')} }`;
      }
      case 'own': return `${this.path(t.resource.owner, t.resource.name)}::from_handle(${at('i32')})`;
      case 'borrow': throw new BindgenError('rust: borrow<…> in a lifted position is not supported');
      case 'string': case 'list':
        return this.liftList(t, at('i32'), `*((${base}).add(${off + 4}) as *const i32)`);
      case 'record': {
        const offs = fieldOffsets(t);
        return `${this.path(t.owner, t.name)} { ${t.fields.map((f, i) => `${snake(f.name)}: ${this.load(f.type, base, off + offs[i])}`).join(', ')} }`;
      }
      case 'tuple': {
        const offs = fieldOffsets(t);
        return `(${t.types.map((ft, i) => this.load(ft, base, off + offs[i])).join(', ')}${t.types.length === 1 ? ',' : ''})`;
      }
      default: {
        const ds = uintOfSize(discSize(variantCases(t).length));
        const po = payloadOffset(t);
        const arms = this.liftArms(t, (ct) => this.load(ct, base, off + po));
        return `(match ${at(ds)} { ${arms.join(', ')}, _ => panic!("invalid discriminant") })`;
      }
    }
  }

  /** Match arms "i => value" lifting each case, with `payload(ct)` giving the case value. */
  liftArms(t, payload) {
    switch (t.kind) {
      case 'option': return ['0 => None', `1 => Some(${payload(t.type)})`];
      case 'result':
        return [`0 => Ok(${t.ok ? payload(t.ok) : '()'})`, `1 => Err(${t.err ? payload(t.err) : '()'})`];
      case 'variant':
        return t.cases.map((c, i) => `${i} => ${this.path(t.owner, t.name)}::${camel(c.name)}${c.type ? `(${payload(c.type)})` : ''}`);
      default: throw new BindgenError(`rust: not a variant: ${t.kind}`);
    }
  }

  liftList(t, ptr, len) {
    const p = this.tmp('p');
    const l = this.tmp('l');
    const head = `let ${p} = (${ptr}) as *mut u8; let ${l} = (${len}) as usize;`;
    if (t.kind === 'string') {
      return `{ ${head} if ${l} == 0 { String::new() } else { String::from_raw_parts(${p}, ${l}, ${l}) } }`;
    }
    if (SLICE_PRIM.has(t.elem.kind)) {
      const et = PRIM_RS[t.elem.kind];
      return `{ ${head} if ${l} == 0 { Vec::new() } else { Vec::from_raw_parts(${p} as *mut ${et}, ${l}, ${l}) } }`;
    }
    const es = size(t.elem);
    const ea = align(t.elem);
    const i = this.tmp('i');
    const v = this.tmp('v');
    return `{ ${head} let mut ${v} = Vec::with_capacity(${l}); for ${i} in 0..${l} { ${v}.push(${this.load(t.elem, `${p}.add(${i} * ${es})`, 0)}); } ${this.rt}free_list(${p}, ${l}, ${es}, ${ea}); ${v} }`;
  }

  /** Lifts a value from flat core values (an array of expressions; consumed in order). */
  liftFlat(t, vals) {
    const take = () => vals.shift();
    switch (t.kind) {
      case 'bool': return `(${take()} != 0)`;
      case 'u8': case 's8': case 'u16': case 's16': case 'u32': return `(${take()} as ${PRIM_RS[t.kind]})`;
      case 's32': case 's64': case 'f32': case 'f64': return take();
      case 'u64': return `(${take()} as u64)`;
      case 'char': return `char::from_u32(${take()} as u32).unwrap()`;
      case 'enum': return `${this.path(t.owner, t.name)}::from_discriminant(${take()} as u32)`;
      case 'flags': {
        const words = Math.ceil(t.flags.length / 32);
        if (words === 1) return `${this.path(t.owner, t.name)} { bits: ${take()} as u32 as ${this.flagsBits(t)} }`;
        const ws = Array.from({ length: words }, (_, w) => `((${take()} as u32 as u64) << ${32 * w})`);
        return `${this.path(t.owner, t.name)} { bits: ${ws.join(' | ')} }`;
      }
      case 'own': return `${this.path(t.resource.owner, t.resource.name)}::from_handle(${take()})`;
      case 'borrow': throw new BindgenError('rust: borrow<…> of an imported resource in an export is not supported');
      case 'string': case 'list': { const p = take(); const l = take(); return this.liftList(t, p, l); }
      case 'record': return `${this.path(t.owner, t.name)} { ${t.fields.map((f) => `${snake(f.name)}: ${this.liftFlat(f.type, vals)}`).join(', ')} }`;
      case 'tuple': return `(${t.types.map((ft) => this.liftFlat(ft, vals)).join(', ')}${t.types.length === 1 ? ',' : ''})`;
      default: {
        const slots = flat(t).slice(1);
        const d = take();
        const sv = slots.map(() => take());
        const arms = this.liftArms(t, (ct) => {
          const cts = flat(ct);
          return this.liftFlat(ct, cts.map((c, i) => uncastCore(sv[i], slots[i], c)));
        });
        return `(match ${d} { ${arms.join(', ')}, _ => panic!("invalid discriminant") })`;
      }
    }
  }

  /** Statements freeing what a stored value allocated (for cabi_post_*). */
  free(t, base, off, out) {
    switch (t.kind) {
      case 'string': case 'list': {
        const p = `*((${base}).add(${off}) as *const i32) as *mut u8`;
        const l = `*((${base}).add(${off + 4}) as *const i32) as usize`;
        const es = t.kind === 'string' ? 1 : size(t.elem);
        const ea = t.kind === 'string' ? 1 : align(t.elem);
        if (t.kind === 'list' && hasAllocations(t.elem)) {
          const i = this.tmp('i');
          const inner = [];
          this.free(t.elem, `(${p}).add(${i} * ${es})`, 0, inner);
          out.push(`for ${i} in 0..(${l}) { ${inner.join(' ')} }`);
        }
        out.push(`${this.rt}free_list(${p}, ${l}, ${es}, ${ea});`);
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
        const po = payloadOffset(t);
        const arms = cases.map((c, i) => {
          const inner = [];
          if (c && hasAllocations(c)) this.free(c, base, off + po, inner);
          return `${i} => { ${inner.join(' ')} }`;
        });
        out.push(`match *((${base}).add(${off}) as *const ${ds}) { ${arms.join(', ')}, _ => {} }`);
      }
    }
  }

  flagsBits(t) {
    return t.flags.length <= 32 ? 'u32' : 'u64';
  }

  // --- type definitions -----------------------------------------------------------------------
  typeDef(def, out) {
    const t = def.type;
    const name = camel(def.name);
    const docs = (d, ind = '') => (d ? d.split('\n').map((l) => `${ind}/// ${l}`.trimEnd()) : []);
    out.push(...docs(def.docs));
    switch (t.kind) {
      case 'record':
        out.push('#[derive(Clone, Debug, PartialEq)]', `pub struct ${name} {`);
        for (const f of t.fields) out.push(...docs(f.docs, '    '), `    pub ${snake(f.name)}: ${this.ty(f.type, 'owned')},`);
        out.push('}');
        return;
      case 'variant':
        out.push('#[derive(Clone, Debug, PartialEq)]', `pub enum ${name} {`);
        for (const c of t.cases) out.push(...docs(c.docs, '    '), `    ${camel(c.name)}${c.type ? `(${this.ty(c.type, 'owned')})` : ''},`);
        out.push('}');
        return;
      case 'enum': {
        out.push('#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]', `#[repr(${uintOfSize(discSize(t.cases.length))})]`, `pub enum ${name} {`);
        t.cases.forEach((c, i) => out.push(...docs(t.caseDocs?.[i], '    '), `    ${camel(c)} = ${i},`));
        out.push('}', `impl ${name} {`);
        out.push(`    /// The WIT name of the case (e.g. "${t.cases[0]}").`);
        out.push(`    pub fn name(self) -> &'static str { match self { ${t.cases.map((c) => `${name}::${camel(c)} => "${c}"`).join(', ')} } }`);
        out.push(`    #[doc(hidden)] pub fn from_discriminant(d: u32) -> ${name} { match d { ${t.cases.map((c, i) => `${i} => ${name}::${camel(c)}`).join(', ')}, _ => panic!("invalid ${def.name} discriminant") } }`);
        out.push('}');
        out.push(`impl core::fmt::Display for ${name} { fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result { f.write_str(self.name()) } }`);
        out.push(`impl std::error::Error for ${name} {}`);
        return;
      }
      case 'flags': {
        const bits = this.flagsBits(t);
        if (t.flags.length > 64) throw new BindgenError('rust: flags with more than 64 members are not supported');
        out.push('#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]', `pub struct ${name} { pub bits: ${bits} }`, `impl ${name} {`);
        t.flags.forEach((f, i) => out.push(...docs(t.flagDocs?.[i], '    '), `    pub const ${upper(f)}: ${name} = ${name} { bits: 1 << ${i} };`));
        out.push(`    pub const fn empty() -> ${name} { ${name} { bits: 0 } }`);
        out.push(`    pub const fn all() -> ${name} { ${name} { bits: ${t.flags.length === 64 ? `${bits}::MAX` : `(1 << ${t.flags.length}) - 1`} } }`);
        out.push(`    pub const fn contains(self, other: ${name}) -> bool { self.bits & other.bits == other.bits }`);
        out.push('}');
        out.push(`impl core::ops::BitOr for ${name} { type Output = ${name}; fn bitor(self, o: ${name}) -> ${name} { ${name} { bits: self.bits | o.bits } } }`);
        out.push(`impl core::ops::BitAnd for ${name} { type Output = ${name}; fn bitand(self, o: ${name}) -> ${name} { ${name} { bits: self.bits & o.bits } } }`);
        return;
      }
      default:
        // An alias (type key-id = list<u8>) or an anonymous type: a Rust type alias.
        out.push(`pub type ${name} = ${this.ty(t, 'owned')};`);
    }
  }

  // --- imported functions -------------------------------------------------------------------------
  importFn(iface, f, externs, out, indent) {
    for (const p of f.params) {
      if (p.type.kind !== 'own' && containsOwn(p.type)) throw new BindgenError(`rust: ${f.name}: own<…> inside a parameter (${p.name}) is not supported`);
    }
    const sig = signature(f.params, f.result, { lift: false });
    const ext = `wit_import_${snake(f.name.replace(/[[\].]/g, '-').replace(/^-+/, ''))}`.replace(/__+/g, '_');
    externs.push(`    #[link_name = "${f.name}"]`, `    fn ${ext}(${sig.core.params.map((c, i) => `a${i}: ${CORE_RS[c]}`).join(', ')})${sig.core.results.length ? ` -> ${CORE_RS[sig.core.results[0]]}` : ''};`);

    const isMethod = f.kind === 'method';
    const params = isMethod ? f.params.slice(1) : f.params;
    const rsName = f.kind === 'constructor' ? 'new' : snake(f.short ?? f.name);
    const args = params.map((p) => `${snake(p.name)}: ${this.ty(p.type, 'param')}`);
    if (isMethod) args.unshift('&self');
    let resultTy = f.result ? this.ty(f.result, 'owned') : '()';
    if (f.kind === 'constructor' && f.result?.kind === 'own') resultTy = 'Self';
    const body = [];
    const needsCleanup = f.params.some((p) => needsBuffer(p.type));
    if (needsCleanup) body.push('let mut cleanup: Vec<(*mut u8, usize, usize)> = Vec::new();');
    const refOf = (p, i) => (isMethod && i === 0 ? 'self' : `&${snake(p.name)}`);
    let callArgs;
    if (sig.paramsInMemory) {
      const rec = paramsRecord(f.params);
      const words = Math.ceil(size(rec) / 8);
      body.push(`let mut params_area = [0u64; ${words}]; let params_ptr = params_area.as_mut_ptr() as *mut u8;`);
      const offs = fieldOffsets(rec);
      f.params.forEach((p, i) => this.store(p.type, refOf(p, i), 'params_ptr', offs[i], body, 'borrow'));
      callArgs = ['params_ptr as i32'];
    } else {
      callArgs = f.params.flatMap((p, i) => this.lowerFlat(p.type, refOf(p, i), body, 'borrow'));
    }
    if (sig.resultsInMemory) {
      body.push(`let mut ret_area = [0u64; ${Math.ceil(size(f.result) / 8)}]; let ret_ptr = ret_area.as_mut_ptr() as *mut u8;`);
      callArgs.push('ret_ptr as i32');
      body.push(`${ext}(${callArgs.join(', ')});`);
    } else if (sig.core.results.length) {
      body.push(`let ret = ${ext}(${callArgs.join(', ')});`);
    } else {
      body.push(`${ext}(${callArgs.join(', ')});`);
    }
    if (needsCleanup) body.push(`for (p, n, a) in cleanup { ${this.rt}free_list(p, n, 1, a); }`);
    for (const p of params) if (p.type.kind === 'own') body.push(`core::mem::forget(${snake(p.name)});`);
    if (f.result) {
      body.push(sig.resultsInMemory ? this.load(f.result, 'ret_ptr', 0) : this.liftFlat(f.result, ['ret']));
    }
    const ind = ' '.repeat(indent);
    out.push(...(f.docs ? f.docs.split('\n').map((l) => `${ind}/// ${l}`.trimEnd()) : []));
    out.push(`${ind}pub fn ${rsName}(${args.join(', ')}) -> ${resultTy} {`);
    out.push(`${ind}    unsafe {`);
    for (const b of body) out.push(`${ind}        ${b}`);
    out.push(`${ind}    }`, `${ind}}`);
  }

  importInterface(iface, out) {
    const externs = [];
    const body = [];
    for (const def of iface.types) {
      if (def.type.kind === 'resource') continue;
      if (def.owner && def.owner !== iface.id) {
        // A `use`d type: re-export it (under its local name).
        body.push(this.useLine(def));
        continue;
      }
      this.typeDef(def, body);
    }
    for (const def of iface.types) {
      if (def.type.kind !== 'resource') continue;
      if (def.owner && def.owner !== iface.id) {
        body.push(this.useLine(def));
        continue;
      }
      const name = camel(def.name);
      const drop = `wit_drop_${snake(def.name)}`;
      externs.push(`    #[link_name = "[resource-drop]${def.name}"]`, `    fn ${drop}(handle: i32);`);
      body.push(...(def.docs ? def.docs.split('\n').map((l) => `/// ${l}`.trimEnd()) : []));
      body.push('#[derive(Debug)]', `pub struct ${name} { handle: i32 }`);
      body.push(`impl ${name} {`);
      body.push('    /// Takes ownership of a raw handle (it is dropped with this value).');
      body.push(`    pub unsafe fn from_handle(handle: i32) -> ${name} { ${name} { handle } }`);
      body.push('    /// The raw handle, still owned by this value.');
      body.push('    pub fn handle(&self) -> i32 { self.handle }');
      body.push('    /// Gives up ownership of the raw handle (it is no longer dropped by this value).');
      body.push('    pub fn into_handle(self) -> i32 { let h = self.handle; core::mem::forget(self); h }');
      for (const f of iface.functions.filter((fn) => fn.resource === def.name)) {
        if (['handle', 'from_handle', 'into_handle'].includes(snake(f.short ?? ''))) throw new BindgenError(`rust: ${f.name} collides with the generated ${snake(f.short)}()`);
        this.importFn(iface, f, externs, body, 4);
      }
      body.push('}');
      body.push(`impl Drop for ${name} { fn drop(&mut self) { unsafe { ${drop}(self.handle) } } }`);
    }
    for (const f of iface.functions.filter((fn) => !fn.resource)) this.importFn(iface, f, externs, body, 0);
    out.push(`#[link(wasm_import_module = "${iface.id}")]`, 'extern "C" {', ...externs, '}');
    out.push(...body);
  }

  // --- exports ------------------------------------------------------------------------------------
  exportFns(fns, exportPrefix, traitName, out) {
    const trait = [`pub trait ${traitName} {`];
    const shims = [];
    for (const f of fns) {
      if (f.result && containsOwn(f.result)) throw new BindgenError(`rust: export ${f.name}: returning own<…> handles is not supported`);
      const sig = signature(f.params, f.result, { lift: true });
      const rsName = snake(f.short ?? f.name);
      trait.push(...(f.docs ? f.docs.split('\n').map((l) => `    /// ${l}`.trimEnd()) : []));
      trait.push(`    fn ${rsName}(${f.params.map((p) => `${snake(p.name)}: ${this.ty(p.type, 'owned')}`).join(', ')}) -> ${f.result ? this.ty(f.result, 'owned') : '()'};`);
      const coreName = f.coreName ?? `${exportPrefix}${f.name}`;
      const shim = `wit_export_${snake(coreName.replace(/[^a-zA-Z0-9]+/g, '-'))}`;
      const body = [];
      let args;
      if (sig.paramsInMemory) {
        const rec = paramsRecord(f.params);
        const offs = fieldOffsets(rec);
        args = f.params.map((p, i) => this.load(p.type, 'args_ptr', offs[i]));
        body.push(`let args_ptr = a0 as *mut u8;`);
        args = args.map((a, i) => { body.push(`let arg${i} = ${a};`); return `arg${i}`; });
        body.push(`${this.rt}free_list(args_ptr, 1, ${size(rec)}, ${align(rec)});`);
      } else {
        const vals = sig.flatParams.map((_, i) => `a${i}`);
        args = f.params.map((p, i) => { body.push(`let arg${i} = ${this.liftFlat(p.type, vals)};`); return `arg${i}`; });
      }
      body.push(`let r = <crate::Component as ${traitName}>::${rsName}(${args.join(', ')});`);
      let ret = '';
      if (sig.resultsInMemory) {
        const words = Math.ceil(size(f.result) / 8);
        const area = `RET_${upper(shim)}`;
        shims.push(`static mut ${area}: [u64; ${words}] = [0u64; ${words}];`);
        body.push(`let ret_ptr = ${area}.as_mut_ptr() as *mut u8;`);
        this.store(f.result, '&r', 'ret_ptr', 0, body, 'move');
        body.push('ret_ptr as i32');
        ret = ' -> i32';
        const post = [];
        this.free(f.result, 'p', 0, post);
        shims.push(`#[export_name = "cabi_post_${coreName}"]`, `unsafe extern "C" fn ${shim}_post(a0: i32) { let p = a0 as *mut u8; let _ = p; ${post.join(' ')} }`);
      } else if (f.result) {
        const vals = this.lowerFlat(f.result, '&r', body, 'move');
        body.push(vals[0]);
        ret = ` -> ${CORE_RS[sig.core.results[0]]}`;
      }
      shims.push(`#[export_name = "${coreName}"]`, `unsafe extern "C" fn ${shim}(${sig.core.params.map((c, i) => `a${i}: ${CORE_RS[c]}`).join(', ')})${ret} {`);
      shims.push(...body.map((b) => `    ${b}`), '}');
    }
    trait.push('}');
    out.push(...trait, ...shims);
  }
}

/** Whether lowering `t` as a parameter allocates a temporary buffer. */
function needsBuffer(t) {
  switch (t.kind) {
    case 'list': return !SLICE_PRIM.has(t.elem.kind) || needsBuffer(t.elem);
    case 'record': case 'tuple': return fieldsOf(t).some(needsBuffer);
    default: {
      const cases = variantCases(t);
      return cases ? cases.some((c) => c && needsBuffer(c)) : false;
    }
  }
}

/** Module path of an interface: package namespace, package name, interface name. */
function ifacePath(iface) {
  return [snake(iface.namespace), snake(iface.package), snake(iface.name)];
}

const RUNTIME = `#[doc(hidden)]
pub mod rt {
    use std::alloc::{alloc, dealloc, realloc, Layout};

    /// The canonical ABI's allocator: the host calls it to place lists and strings it returns.
    #[no_mangle]
    pub unsafe extern "C" fn cabi_realloc(old: *mut u8, old_size: usize, align: usize, new_size: usize) -> *mut u8 {
        if new_size == 0 {
            if old_size != 0 { dealloc(old, Layout::from_size_align_unchecked(old_size, align)); }
            return align as *mut u8;
        }
        let p = if old_size == 0 {
            alloc(Layout::from_size_align_unchecked(new_size, align))
        } else {
            realloc(old, Layout::from_size_align_unchecked(old_size, align), new_size)
        };
        if p.is_null() { std::process::abort(); }
        p
    }

    /// A buffer for \`n\` elements of \`size\` bytes (a dangling aligned pointer when empty).
    pub unsafe fn alloc_list(n: usize, size: usize, align: usize) -> *mut u8 {
        if n == 0 || size == 0 { return align as *mut u8; }
        let p = alloc(Layout::from_size_align_unchecked(n * size, align));
        if p.is_null() { std::process::abort(); }
        p
    }

    /// Frees a buffer from \`alloc_list\` or \`cabi_realloc\`.
    pub unsafe fn free_list(p: *mut u8, n: usize, size: usize, align: usize) {
        if n != 0 && size != 0 { dealloc(p, Layout::from_size_align_unchecked(n * size, align)); }
    }
}`;

export const language = 'rust';

/** gen.mjs back-end entry: the model of one world → bindings/rust/<world>.rs. */
export function generate(model) {
  return [{ path: `${model.world.replace(/-/g, "_")}.rs`, contents: generateRust(toIR(model)) }];
}

/**
 * Generates the Rust bindings of one world.
 * @param {object} ir  the back ends' intermediate form (see ./ir.mjs)
 * @returns {string}
 */
export function generateRust(ir) {
  const g = new Gen(ir);
  const out = [
    `// Generated by scripts/bindgen (Rust back end) from the WIT world \`${ir.world}\`. Do not edit:`,
    '// run `node scripts/bindgen/gen.mjs` after changing wit/.',
    '// Rust 1.63, std only. Mount with `#[path = "…"] mod bindings;` (one bindings module per crate:',
    '// it exports `cabi_realloc`).',
    '#![allow(dead_code, unused_imports, unused_parens, unused_braces, unused_unsafe, unused_mut, unused_variables, non_camel_case_types, clippy::all)]',
    '',
  ];
  // Interfaces nested by namespace / package.
  const tree = new Map();
  for (const iface of ir.interfaces) {
    const [ns, pkg] = ifacePath(iface);
    if (!tree.has(ns)) tree.set(ns, new Map());
    if (!tree.get(ns).has(pkg)) tree.get(ns).set(pkg, []);
    tree.get(ns).get(pkg).push(iface);
  }
  for (const [ns, pkgs] of tree) {
    out.push(`pub mod ${ns} {`);
    for (const [pkg, ifaces] of pkgs) {
      out.push(`pub mod ${pkg} {`);
      for (const iface of ifaces) {
        g.root = 'super::super::super::';
        g.rt = 'super::super::super::rt::';
        out.push(...(iface.docs ? iface.docs.split('\n').map((l) => `/// ${l}`.trimEnd()) : []));
        out.push(`pub mod ${snake(iface.name)} {`);
        g.cur = iface;
        g.importInterface(iface, out);
        g.cur = undefined;
        out.push(`}`);
      }
      out.push('}');
    }
    out.push('}');
  }
  if (ir.exports?.length) {
    out.push('/// The world\'s exports: implement each trait for `crate::Component`.', 'pub mod exports {');
    g.root = 'super::';
    g.rt = 'super::rt::';
    const worldFns = ir.exports.filter((e) => e.kind === 'function').map((e) => e.func);
    if (worldFns.length) g.exportFns(worldFns, '', 'Guest', out);
    for (const e of ir.exports.filter((x) => x.kind === 'interface')) {
      const iface = e.iface;
      out.push(`pub mod ${snake(iface.name)} {`);
      g.root = 'super::super::';
      g.rt = 'super::super::rt::';
      g.cur = iface;
      for (const def of iface.types) {
        if (def.type.kind === 'resource') throw new BindgenError('rust: exported resources are not supported');
        if (def.owner && def.owner !== iface.id) out.push(g.useLine(def));
        else g.typeDef(def, out);
      }
      g.exportFns(iface.functions, `${iface.id}#`, 'Guest', out);
      g.cur = undefined;
      out.push('}');
      g.root = 'super::';
      g.rt = 'super::rt::';
    }
    out.push('}');
  }
  out.push(RUNTIME, '');
  return out.join('\n');
}
