// The C back end: one header and one .c file per world, in the style of wit-bindgen's C output.
//
//   import { generate } from './c.mjs'; generate(model) → [{ path: 'imports.h', contents }, …]
//
// Written to bindings/c/ by scripts/bindgen/gen.mjs. The ownership rules the generated code follows
// are printed at the top of every header (OWNERSHIP below). Shapes this back end does not support
// fail with a BindgenError naming the shape (exported resources; the model rejects async types).
import { describeType } from './model.mjs';

export const language = 'c';

export class BindgenError extends Error {}

const OWNERSHIP = `\
// Ownership rules (the same as wit-bindgen's C generator):
// - Strings and lists are { ptr, len } views. \`*_string_set\` points a string at a C string without
//   copying; \`*_string_dup\` copies it into malloc'd memory.
// - Calling an import: arguments are borrowed (the glue reads them during the call and keeps
//   nothing), except \`own\` handles, which move to the callee. Results (out-parameters) are owned
//   by the caller: strings and lists in them were malloc'd through cabi_realloc, \`own\` handles are
//   the caller's to drop. Free a value with its \`*_free\` function: it frees every string and list in
//   it and drops every \`own\` handle in it; then the value must not be used again.
// - Functions returning \`result<T, E>\` return \`true\` for ok (T written to \`*ret\`) and \`false\`
//   for err (E written to \`*err\`); \`option<T>\` likewise (\`true\` = some). Out-parameters of the
//   other case are left untouched.
// - Resources: \`*_drop_own(h)\` drops an owned handle (the host then releases the object);
//   \`*_borrow_*(h)\` makes a borrow of an owned handle for a call, without giving it up. Every
//   own handle must be dropped exactly once, directly or through a \`*_free\`.
// - Implementing an export: parameters are owned by the implementation (free them, or keep them);
//   results written to the out-parameters are owned by the glue, which frees them after the
//   caller has copied them (cabi_post_*).
// - cabi_realloc is malloc/realloc; a failed allocation aborts. A zero-length list may have a
//   dangling, aligned ptr: never free a list's ptr yourself, use *_free.`;

const C_KEYWORDS = new Set(
  'auto break case char const continue default do double else enum extern float for goto if inline int long register restrict return short signed sizeof static struct switch typedef union unsigned void volatile while bool true false'.split(
    ' ',
  ),
);

const snake = (s) => s.replace(/[-:/.@]/g, '_');
const ident = (s) => (C_KEYWORDS.has(snake(s)) ? `${snake(s)}_` : snake(s));

const PRIM_C = {
  bool: 'bool',
  u8: 'uint8_t',
  s8: 'int8_t',
  u16: 'uint16_t',
  s16: 'int16_t',
  u32: 'uint32_t',
  s32: 'int32_t',
  char: 'uint32_t',
  u64: 'uint64_t',
  s64: 'int64_t',
  f32: 'float',
  f64: 'double',
};
const BITCASTS = {
  bindgen_f32_bits: 'static inline int32_t bindgen_f32_bits(float f) { int32_t i; memcpy(&i, &f, 4); return i; }',
  bindgen_bits_f32: 'static inline float bindgen_bits_f32(int32_t i) { float f; memcpy(&f, &i, 4); return f; }',
  bindgen_f64_bits: 'static inline int64_t bindgen_f64_bits(double d) { int64_t i; memcpy(&i, &d, 8); return i; }',
  bindgen_bits_f64: 'static inline double bindgen_bits_f64(int64_t i) { double d; memcpy(&d, &i, 8); return d; }',
};
const CORE_C = { i32: 'int32_t', i64: 'int64_t', f32: 'float', f64: 'double' };

function interfacePrefix(name, W) {
  if (name === '$root') return W;
  const m = /^([^:]+):([^/]+)\/([^@]+)/.exec(name);
  return snake(`${m[1]}_${m[2]}_${m[3]}`);
}

/** Generates the bindings of one world. */
export function generate(model) {
  const W = snake(model.world);
  const G = new Gen(model, W);
  return G.run();
}

class Gen {
  constructor(model, W) {
    this.m = model;
    this.W = W;
    this.names = new Map(); // C name → type key, for collision checks
    this.emitted = new Set();
    this.typeDefs = []; // header lines
    this.freeDecls = [];
    this.freeDefs = [];
    this.asserts = [];
    this.tmp = 0;
    this.bitcasts = new Set();
    // Short names used in structural names; qualified when a WIT name is defined in two interfaces.
    const count = new Map();
    for (const t of model.types) if (t.name && t.kind !== 'alias') count.set(t.name, (count.get(t.name) ?? 0) + 1);
    this.ambiguous = new Set([...count].filter(([, n]) => n > 1).map(([k]) => k));
  }

  fail(msg) {
    throw new BindgenError(`bindgen (C): ${msg}`);
  }

  ty(ref) {
    return typeof ref === 'string' ? null : this.m.types[ref];
  }

  /** The WIT-ish short name used inside anonymous type names. */
  short(ref) {
    if (typeof ref === 'string') return ref;
    const t = this.ty(ref);
    if (t.name) return snake(this.ambiguous.has(t.name) ? `${t.interface.split('/')[1].split('@')[0]}_${t.name}` : t.name);
    switch (t.kind) {
      case 'list':
        return `list_${this.short(t.element)}`;
      case 'option':
        return `option_${this.short(t.type)}`;
      case 'result':
        return `result_${t.ok === null ? 'void' : this.short(t.ok)}_${t.err === null ? 'void' : this.short(t.err)}`;
      case 'tuple':
        return `tuple${t.types.length}_${t.types.map((x) => this.short(x)).join('_')}`;
      case 'own':
        return `own_${this.short(t.resource)}`;
      case 'borrow':
        return `borrow_${this.short(t.resource)}`;
      default:
        this.fail(`internal: no short name for ${t.kind}`);
    }
  }

  /** The C type of a TypeRef. */
  c(ref) {
    if (ref === 'string') return `${this.W}_string_t`;
    if (typeof ref === 'string') return PRIM_C[ref];
    const t = this.ty(ref);
    if (t.kind === 'own' || t.kind === 'borrow') {
      const r = this.ty(t.resource);
      return `${interfacePrefix(r.interface, this.W)}_${t.kind}_${snake(r.name)}_t`;
    }
    if (t.kind === 'resource') this.fail(`a bare resource type ${t.name} (not own/borrow)`);
    if (t.name) return `${interfacePrefix(t.interface, this.W)}_${snake(t.name)}_t`;
    return `${this.W}_${this.short(ref)}_t`;
  }

  /** Upper-case prefix for constants of a named type. */
  constPrefix(ref) {
    return this.c(ref).replace(/_t$/, '').toUpperCase();
  }

  /** Does a value of this type own memory or handles (so that it needs a *_free)? */
  owns(ref) {
    if (ref === 'string') return true;
    if (typeof ref === 'string') return false;
    const t = this.ty(ref);
    switch (t.kind) {
      case 'list':
        return true;
      case 'own':
        return true;
      case 'record':
        return t.fields.some((f) => this.owns(f.type));
      case 'tuple':
        return t.types.some((x) => this.owns(x));
      case 'variant':
        return t.cases.some((c) => c.type !== null && this.owns(c.type));
      case 'option':
        return this.owns(t.type);
      case 'result':
        return (t.ok !== null && this.owns(t.ok)) || (t.err !== null && this.owns(t.err));
      case 'alias':
        return this.owns(t.target);
      default:
        return false;
    }
  }

  /** Is the value passed by value (scalar) rather than by pointer? */
  scalar(ref) {
    if (typeof ref === 'string') return ref !== 'string';
    const t = this.ty(ref);
    if (t.kind === 'alias') return this.scalar(t.target);
    return ['enum', 'flags', 'own', 'borrow'].includes(t.kind) && !(t.kind === 'flags' && t.words > 1);
  }

  // ── type definitions ───────────────────────────────────────────────────────────────────────────

  emitType(ref) {
    if (typeof ref === 'string') return;
    if (this.emitted.has(ref)) return;
    this.emitted.add(ref);
    const t = this.ty(ref);
    const deps = {
      record: () => t.fields.map((f) => f.type),
      tuple: () => t.types,
      variant: () => t.cases.filter((c) => c.type !== null).map((c) => c.type),
      option: () => [t.type],
      result: () => [t.ok, t.err].filter((x) => x !== null),
      list: () => [t.element],
      alias: () => [t.target],
      own: () => [t.resource],
      borrow: () => [t.resource],
    }[t.kind];
    for (const d of deps ? deps() : []) this.emitType(d);
    if (t.kind === 'resource') return this.emitResource(ref);
    const name = this.c(ref);
    if (t.kind === 'own' || t.kind === 'borrow') return; // emitted with the resource
    const key = JSON.stringify([t.kind, t.name, t.interface, t.id]);
    if (this.names.has(name) && this.names.get(name) !== key) this.fail(`two types map to the C name ${name}`);
    this.names.set(name, key);
    const L = this.typeDefs;
    const where = t.interface && t.interface !== '$root' ? `${t.interface}: ` : '';
    const d = (r) => describeType({ types: this.m.types }, r);
    L.push(t.kind === 'alias' ? `// ${where}type ${t.name} = ${d(t.target)}` : t.name ? `// ${where}${t.kind} ${t.name}` : `// ${d(ref)}`);
    switch (t.kind) {
      case 'alias':
        L.push(`typedef ${this.c(t.target)} ${name};`);
        break;
      case 'record':
        L.push(`typedef struct ${name} {`);
        for (const f of t.fields) L.push(`  ${this.c(f.type)} ${ident(f.name)};`);
        L.push(`} ${name};`);
        break;
      case 'tuple':
        L.push(`typedef struct ${name} {`);
        t.types.forEach((x, i) => L.push(`  ${this.c(x)} f${i};`));
        L.push(`} ${name};`);
        break;
      case 'enum': {
        L.push(`typedef ${PRIM_C[t.discriminant]} ${name};`);
        const P = this.constPrefix(ref);
        t.cases.forEach((c, i) => L.push(`#define ${P}_${snake(c).toUpperCase()} ${i}`));
        // Not in wit-bindgen: the WIT case name, so that guests need no copy of the case list.
        const fn = `${name.replace(/_t$/, '')}_name`;
        this.freeDecls.push(`// The WIT name of an ${t.name ?? 'enum'} case ("${t.cases[0]}", …), or NULL if out of range.`, `const char *${fn}(${name} value);`);
        this.freeDefs.push(
          `const char *${fn}(${name} value) {`,
          `  static const char *const names[${t.cases.length}] = {${t.cases.map((c) => `"${c}"`).join(', ')}};`,
          `  return value < ${t.cases.length} ? names[value] : NULL;`,
          '}',
          '',
        );
        break;
      }
      case 'flags': {
        const P = this.constPrefix(ref);
        if (t.words > 1) {
          L.push(`typedef struct ${name} { uint32_t flags[${t.words}]; } ${name};`);
          t.flags.forEach((f, i) => L.push(`#define ${P}_${snake(f).toUpperCase()}_WORD ${Math.floor(i / 32)}`, `#define ${P}_${snake(f).toUpperCase()} (1u << ${i % 32})`));
        } else {
          L.push(`typedef ${PRIM_C[t.repr]} ${name};`);
          t.flags.forEach((f, i) => L.push(`#define ${P}_${snake(f).toUpperCase()} (1u << ${i})`));
        }
        break;
      }
      case 'variant': {
        L.push(`typedef struct ${name} {`, `  ${PRIM_C[t.discriminant]} tag;`);
        const withPayload = t.cases.filter((c) => c.type !== null);
        if (withPayload.length) {
          L.push('  union {');
          for (const c of withPayload) L.push(`    ${this.c(c.type)} ${ident(c.name)};`);
          L.push('  } val;');
        }
        L.push(`} ${name};`);
        const P = this.constPrefix(ref);
        t.cases.forEach((c, i) => L.push(`#define ${P}_${snake(c.name).toUpperCase()} ${i}`));
        break;
      }
      case 'option':
        L.push(`typedef struct ${name} {`, '  bool is_some;', `  ${this.c(t.type)} val;`, `} ${name};`);
        break;
      case 'result':
        L.push(`typedef struct ${name} {`, '  bool is_err;');
        if (t.ok !== null || t.err !== null) {
          L.push('  union {');
          if (t.ok !== null) L.push(`    ${this.c(t.ok)} ok;`);
          if (t.err !== null) L.push(`    ${this.c(t.err)} err;`);
          L.push('  } val;');
        }
        L.push(`} ${name};`);
        break;
      case 'list':
        L.push(`typedef struct ${name} {`, `  ${this.c(t.element)} *ptr;`, '  size_t len;', `} ${name};`);
        break;
      default:
        this.fail(`internal: kind ${t.kind}`);
    }
    L.push('');
    this.asserts.push(`_Static_assert(sizeof(${name}) == ${t.size} && _Alignof(${name}) == ${t.align}, "canonical ABI layout of ${name}");`);
    if (this.owns(ref)) this.emitFree(ref);
  }

  emitResource(ref) {
    const t = this.ty(ref);
    if (this.exportedInterfaces.has(t.interface)) this.fail(`exported resource ${t.name} of ${t.interface} is not supported by the C back end`);
    const P = `${interfacePrefix(t.interface, this.W)}`;
    const r = snake(t.name);
    this.typeDefs.push(
      `// ${t.interface}: resource ${t.name}`,
      `typedef struct ${P}_own_${r}_t { int32_t __handle; } ${P}_own_${r}_t;`,
      `typedef struct ${P}_borrow_${r}_t { int32_t __handle; } ${P}_borrow_${r}_t;`,
      '',
    );
    this.resourceDecls.push(
      `// Drops an owned ${t.name} handle: the host releases the object.`,
      `void ${P}_${r}_drop_own(${P}_own_${r}_t handle);`,
      `// A borrow of an owned ${t.name} handle, for one call; the handle stays owned.`,
      `${P}_borrow_${r}_t ${P}_borrow_${r}(${P}_own_${r}_t handle);`,
      '',
    );
    this.resourceDefs.push(
      `__attribute__((__import_module__("${t.interface}"), __import_name__("[resource-drop]${t.name}")))`,
      `extern void __wasm_import_${P}_${r}_drop(int32_t handle);`,
      '',
      `void ${P}_${r}_drop_own(${P}_own_${r}_t handle) {`,
      `  __wasm_import_${P}_${r}_drop(handle.__handle);`,
      '}',
      '',
      `${P}_borrow_${r}_t ${P}_borrow_${r}(${P}_own_${r}_t handle) {`,
      `  return (${P}_borrow_${r}_t) { handle.__handle };`,
      '}',
      '',
    );
    this.asserts.push(`_Static_assert(sizeof(${P}_own_${r}_t) == 4, "handle");`);
  }

  /** `void T_free(T *ptr)` for an owning type. */
  emitFree(ref) {
    const name = this.c(ref);
    const fn = `${name.replace(/_t$/, '')}_free`;
    this.tmp = 0;
    this.freeDecls.push(`void ${fn}(${name} *ptr);`);
    const body = [];
    this.freeValue('(*ptr)', ref, body, '  ');
    this.freeDefs.push(`void ${fn}(${name} *ptr) {`, ...body, '}', '');
  }

  freeFn(ref) {
    return `${this.c(ref).replace(/_t$/, '')}_free`;
  }

  /** Statements freeing the value `expr` of type `ref` (an lvalue). */
  freeValue(expr, ref, out, ind) {
    if (!this.owns(ref)) return;
    if (ref === 'string') {
      out.push(`${ind}if (${expr}.len > 0) free(${expr}.ptr);`, `${ind}${expr}.ptr = NULL;`, `${ind}${expr}.len = 0;`);
      return;
    }
    const t = this.ty(ref);
    switch (t.kind) {
      case 'alias':
        return this.freeValue(expr, t.target, out, ind);
      case 'own': {
        const r = this.ty(t.resource);
        out.push(`${ind}${interfacePrefix(r.interface, this.W)}_${snake(r.name)}_drop_own(${expr});`);
        return;
      }
      case 'list': {
        if (this.owns(t.element)) {
          const i = `bg_i${this.tmp++}`;
          out.push(`${ind}for (size_t ${i} = 0; ${i} < ${expr}.len; ${i}++) {`);
          this.freeValue(`${expr}.ptr[${i}]`, t.element, out, `${ind}  `);
          out.push(`${ind}}`);
        }
        out.push(`${ind}if (${expr}.len > 0) free(${expr}.ptr);`, `${ind}${expr}.ptr = NULL;`, `${ind}${expr}.len = 0;`);
        return;
      }
      case 'record':
        for (const f of t.fields) this.freeValue(`${expr}.${ident(f.name)}`, f.type, out, ind);
        return;
      case 'tuple':
        t.types.forEach((x, i) => this.freeValue(`${expr}.f${i}`, x, out, ind));
        return;
      case 'option':
        out.push(`${ind}if (${expr}.is_some) {`);
        this.freeValue(`${expr}.val`, t.type, out, `${ind}  `);
        out.push(`${ind}}`);
        return;
      case 'result':
        out.push(`${ind}if (!${expr}.is_err) {`);
        if (t.ok !== null) this.freeValue(`${expr}.val.ok`, t.ok, out, `${ind}  `);
        out.push(`${ind}} else {`);
        if (t.err !== null) this.freeValue(`${expr}.val.err`, t.err, out, `${ind}  `);
        out.push(`${ind}}`);
        return;
      case 'variant':
        out.push(`${ind}switch (${expr}.tag) {`);
        t.cases.forEach((c, i) => {
          if (c.type === null || !this.owns(c.type)) return;
          out.push(`${ind}  case ${i}:`);
          this.freeValue(`${expr}.val.${ident(c.name)}`, c.type, out, `${ind}    `);
          out.push(`${ind}    break;`);
        });
        out.push(`${ind}}`);
        return;
      default:
        return;
    }
  }

  // ── flat lowering and lifting ──────────────────────────────────────────────────────────────────

  newVar(core, out, ind, init = '0') {
    const v = `bg_v${this.tmp++}`;
    out.push(`${ind}${CORE_C[core]} ${v} = ${init};`);
    return v;
  }

  /** Lowers the C value `expr` (an lvalue of type ref) to flat core values; returns their C expressions. */
  lower(expr, ref, out, ind) {
    if (typeof ref === 'string') {
      if (ref === 'string') return [`(int32_t) (intptr_t) (${expr}).ptr`, `(int32_t) (${expr}).len`];
      if (ref === 'u64' || ref === 's64') return [`(int64_t) (${expr})`];
      if (ref === 'f32' || ref === 'f64') return [`(${expr})`];
      return [`(int32_t) (${expr})`];
    }
    const t = this.ty(ref);
    switch (t.kind) {
      case 'alias':
        return this.lower(expr, t.target, out, ind);
      case 'list':
        return [`(int32_t) (intptr_t) (${expr}).ptr`, `(int32_t) (${expr}).len`];
      case 'own':
      case 'borrow':
        return [`(${expr}).__handle`];
      case 'enum':
        return [`(int32_t) (${expr})`];
      case 'flags':
        return t.words > 1 ? Array.from({ length: t.words }, (_, i) => `(int32_t) (${expr}).flags[${i}]`) : [`(int32_t) (${expr})`];
      case 'record':
        return t.fields.flatMap((f) => this.lower(`(${expr}).${ident(f.name)}`, f.type, out, ind));
      case 'tuple':
        return t.types.flatMap((x, i) => this.lower(`(${expr}).f${i}`, x, out, ind));
      case 'variant':
      case 'option':
      case 'result': {
        const cases = this.cases(ref, expr);
        const vars = t.flat.map((core) => this.newVar(core, out, ind));
        out.push(`${ind}switch ((int32_t) ${cases.disc}) {`);
        cases.list.forEach((c, i) => {
          out.push(`${ind}  case ${i}: {`, `${ind}    ${vars[0]} = ${i};`);
          if (c.type !== null) {
            const flat = this.lower(c.expr, c.type, out, `${ind}    `);
            const cflat = typeof c.type === 'string' ? this.primFlat(c.type) : this.ty(c.type).flat;
            const signed = this.flatSigned(c.type);
            flat.forEach((e, j) => out.push(`${ind}    ${vars[1 + j]} = ${this.castCore(e, cflat[j], t.flat[1 + j], signed[j])};`));
          }
          out.push(`${ind}    break;`, `${ind}  }`);
        });
        out.push(`${ind}}`);
        return vars;
      }
      default:
        this.fail(`cannot lower ${t.kind}`);
    }
  }

  /** Per flat slot of `ref`: does it hold a signed integer (s8, s16, s32)? */
  flatSigned(ref) {
    if (typeof ref === 'string') return ref === 'string' ? [false, false] : [['s8', 's16', 's32'].includes(ref)];
    const t = this.ty(ref);
    switch (t.kind) {
      case 'alias':
        return this.flatSigned(t.target);
      case 'record':
        return t.fields.flatMap((f) => this.flatSigned(f.type));
      case 'tuple':
        return t.types.flatMap((x) => this.flatSigned(x));
      default:
        return t.flat.map(() => false);
    }
  }

  primFlat(p) {
    return p === 'string' ? ['i32', 'i32'] : p === 'u64' || p === 's64' ? ['i64'] : p === 'f32' ? ['f32'] : p === 'f64' ? ['f64'] : ['i32'];
  }

  /** Converts a flat value between a case's core type and the variant's joined core type. */
  castCore(e, from, to, signed = false) {
    if (from === to) return e;
    const k = `${from}>${to}`;
    const casts = {
      // The canonical ABI zero-extends (a lift wraps the i64 back to 32 bits, so either extension
      // is valid); signed payloads are sign-extended because jco 1.35.0 range-checks s8/s16/s32
      // lifted from an i64 slot without wrapping them first.
      'i32>i64': signed ? `(int64_t) (int32_t) (${e})` : `(int64_t) (uint32_t) (${e})`,
      'f32>i32': `bindgen_f32_bits(${e})`,
      'f32>i64': `(int64_t) (uint32_t) bindgen_f32_bits(${e})`,
      'f64>i64': `bindgen_f64_bits(${e})`,
      'i64>i32': `(int32_t) (${e})`,
      'i32>f32': `bindgen_bits_f32(${e})`,
      'i64>f32': `bindgen_bits_f32((int32_t) (${e}))`,
      'i64>f64': `bindgen_bits_f64(${e})`,
    };
    if (!(k in casts)) this.fail(`internal: no flat conversion ${k}`);
    for (const h of casts[k].match(/bindgen_[a-z0-9_]+/g) ?? []) this.bitcasts.add(h);
    return casts[k];
  }

  /** The cases of a variant-like type, with the C expressions of discriminant and payloads. */
  cases(ref, expr) {
    const t = this.ty(ref);
    if (t.kind === 'option') return { disc: `(${expr}).is_some`, list: [{ type: null }, { type: t.type, expr: `(${expr}).val` }] };
    if (t.kind === 'result')
      return {
        disc: `(${expr}).is_err`,
        list: [
          { type: t.ok, expr: `(${expr}).val.ok` },
          { type: t.err, expr: `(${expr}).val.err` },
        ],
      };
    return { disc: `(${expr}).tag`, list: t.cases.map((c) => ({ type: c.type, expr: `(${expr}).val.${ident(c.name)}` })) };
  }

  /** Lifts flat core values (C expressions, consumed from `slots`) into the lvalue `dest`. */
  lift(dest, ref, slots, out, ind) {
    if (typeof ref === 'string') {
      if (ref === 'string') {
        out.push(`${ind}(${dest}).ptr = (uint8_t *) (intptr_t) (${slots.shift()});`, `${ind}(${dest}).len = (size_t) (${slots.shift()});`);
      } else if (ref === 'bool') out.push(`${ind}${dest} = (${slots.shift()}) != 0;`);
      else out.push(`${ind}${dest} = (${PRIM_C[ref]}) (${slots.shift()});`);
      return;
    }
    const t = this.ty(ref);
    switch (t.kind) {
      case 'alias':
        return this.lift(dest, t.target, slots, out, ind);
      case 'list':
        out.push(`${ind}(${dest}).ptr = (${this.c(t.element)} *) (intptr_t) (${slots.shift()});`, `${ind}(${dest}).len = (size_t) (${slots.shift()});`);
        return;
      case 'own':
      case 'borrow':
        out.push(`${ind}(${dest}).__handle = ${slots.shift()};`);
        return;
      case 'enum':
        out.push(`${ind}${dest} = (${this.c(ref)}) (${slots.shift()});`);
        return;
      case 'flags':
        if (t.words > 1) for (let i = 0; i < t.words; i++) out.push(`${ind}(${dest}).flags[${i}] = (uint32_t) (${slots.shift()});`);
        else out.push(`${ind}${dest} = (${this.c(ref)}) (${slots.shift()});`);
        return;
      case 'record':
        for (const f of t.fields) this.lift(`(${dest}).${ident(f.name)}`, f.type, slots, out, ind);
        return;
      case 'tuple':
        t.types.forEach((x, i) => this.lift(`(${dest}).f${i}`, x, slots, out, ind));
        return;
      case 'variant':
      case 'option':
      case 'result': {
        const mine = slots.splice(0, t.flat.length);
        const cases = this.cases(ref, dest);
        out.push(`${ind}switch (${mine[0]}) {`);
        cases.list.forEach((c, i) => {
          out.push(`${ind}  case ${i}: {`, `${ind}    ${cases.disc} = ${i};`);
          if (c.type !== null) {
            const cflat = typeof c.type === 'string' ? this.primFlat(c.type) : this.ty(c.type).flat;
            const sub = cflat.map((core, j) => this.castCore(mine[1 + j], t.flat[1 + j], core));
            this.lift(c.expr, c.type, sub, out, `${ind}    `);
          }
          out.push(`${ind}    break;`, `${ind}  }`);
        });
        out.push(`${ind}  default: abort();`, `${ind}}`);
        return;
      }
      default:
        this.fail(`cannot lift ${t.kind}`);
    }
  }

  // ── functions ──────────────────────────────────────────────────────────────────────────────────

  /** The C-facing signature of a function: { ret: C return type, params: [{ decl, name, ref, byPtr }], outs }. */
  cSignature(f) {
    const params = f.params.map((p) => {
      const byPtr = !this.scalar(p.type);
      return { name: ident(p.name), ref: p.type, byPtr, decl: `${this.c(p.type)} ${byPtr ? '*' : ''}${ident(p.name)}` };
    });
    let ret = 'void';
    const outs = [];
    let shape = 'none';
    if (f.result !== null) {
      const rt = this.ty(f.result);
      if (rt && rt.kind === 'result') {
        shape = 'result';
        ret = 'bool';
        if (rt.ok !== null) outs.push({ name: 'ret', ref: rt.ok, decl: `${this.c(rt.ok)} *ret` });
        if (rt.err !== null) outs.push({ name: 'err', ref: rt.err, decl: `${this.c(rt.err)} *err` });
      } else if (rt && rt.kind === 'option') {
        shape = 'option';
        ret = 'bool';
        outs.push({ name: 'ret', ref: rt.type, decl: `${this.c(rt.type)} *ret` });
      } else if (this.scalar(f.result)) {
        shape = 'value';
        ret = this.c(f.result);
      } else {
        shape = 'out';
        outs.push({ name: 'ret', ref: f.result, decl: `${this.c(f.result)} *ret` });
      }
    }
    const names = new Set(params.map((p) => p.name));
    for (const o of outs) if (names.has(o.name)) this.fail(`${f.wasmName}: a parameter named ${o.name} clashes with the out-parameter`);
    return { ret, params, outs, shape, decl: [...params.map((p) => p.decl), ...outs.map((o) => o.decl)].join(', ') || 'void' };
  }

  funcCName(f, prefix) {
    const base = f.kind === 'freestanding' ? snake(f.name) : `${f.kind}_${snake(this.ty(f.resource).name)}${f.kind === 'constructor' ? '' : `_${snake(f.name)}`}`;
    return `${prefix}_${base}`;
  }

  witSig(f) {
    const d = (r) => describeType({ types: this.m.types }, r);
    return `${f.wasmName}: func(${f.params.map((p) => `${p.name}: ${d(p.type)}`).join(', ')})${f.result === null ? '' : ` -> ${d(f.result)}`}`;
  }

  /** Statements that turn the C-level result (already in the local `r` of type f.result) into outs/return. */
  deliverResult(sig, f, out, ind) {
    const rt = f.result;
    switch (sig.shape) {
      case 'result': {
        const t = this.ty(rt);
        out.push(`${ind}if (!bg_r.is_err) {`);
        if (t.ok !== null) out.push(`${ind}  *ret = bg_r.val.ok;`);
        out.push(`${ind}  return true;`, `${ind}}`);
        if (t.err !== null) out.push(`${ind}*err = bg_r.val.err;`);
        out.push(`${ind}return false;`);
        return;
      }
      case 'option':
        out.push(`${ind}if (!bg_r.is_some) return false;`, `${ind}*ret = bg_r.val;`, `${ind}return true;`);
        return;
      case 'value':
        out.push(`${ind}return bg_r;`);
        return;
      case 'out':
        out.push(`${ind}*ret = bg_r;`);
        return;
      default:
    }
  }

  importFunction(f, prefix, decls, defs) {
    this.tmp = 0; // local names restart per function: a WIT change touches only its functions
    const sig = this.cSignature(f);
    const name = this.funcCName(f, prefix);
    const raw = `__wasm_import_${name}`;
    decls.push(`// ${this.witSig(f)}`, `extern ${sig.ret} ${name}(${sig.decl});`, '');
    const coreSig = f.coreParams.map((c, i) => `${CORE_C[c]} p${i}`).join(', ') || 'void';
    const coreRet = f.coreResults.length ? CORE_C[f.coreResults[0]] : 'void';
    defs.push(`__attribute__((__import_module__("${f.module}"), __import_name__("${f.wasmName}")))`, `extern ${coreRet} ${raw}(${coreSig});`, '');
    const body = [];
    const ind = '  ';
    const args = [];
    const val = (p) => (p.byPtr ? `(*${p.name})` : p.name);
    if (f.paramsIndirect) {
      body.push(`${ind}__attribute__((__aligned__(${f.paramsArea.align}))) uint8_t bg_params[${f.paramsArea.size}];`);
      sig.params.forEach((p, i) => body.push(`${ind}*(${this.c(p.ref)} *) (bg_params + ${f.paramsArea.offsets[i]}) = ${val(p)};`));
      args.push('(int32_t) (intptr_t) bg_params');
    } else {
      for (const p of sig.params) args.push(...this.lower(val(p), p.ref, body, ind));
    }
    if (f.result !== null) body.push(`${ind}${this.c(f.result)} bg_r;`);
    if (f.resultIndirect) {
      body.push(`${ind}__attribute__((__aligned__(${f.resultArea.align}))) uint8_t bg_ret_area[${f.resultArea.size}];`);
      args.push('(int32_t) (intptr_t) bg_ret_area');
      body.push(`${ind}${raw}(${args.join(', ')});`);
      body.push(`${ind}bg_r = *(${this.c(f.result)} *) bg_ret_area;`);
    } else if (f.result !== null) {
      body.push(`${ind}${coreRet} bg_core = ${raw}(${args.join(', ')});`);
      this.lift('bg_r', f.result, ['bg_core'], body, ind);
    } else {
      body.push(`${ind}${raw}(${args.join(', ')});`);
    }
    this.deliverResult(sig, f, body, ind);
    defs.push(`${sig.ret} ${name}(${sig.decl}) {`, ...body, '}', '');
  }

  exportFunction(f, prefix, decls, defs) {
    this.tmp = 0;
    const sig = this.cSignature(f);
    const name = this.funcCName(f, prefix);
    decls.push(`// ${this.witSig(f)}`, '// Implemented by the guest.', `${sig.ret} ${name}(${sig.decl});`, '');
    const wrapper = `__wasm_export_${name}`;
    const body = [];
    const ind = '  ';
    const coreParams = f.coreParams.map((c, i) => `${CORE_C[c]} bg_arg${i}`);
    for (const p of sig.params) body.push(`${ind}${this.c(p.ref)} ${p.name};`);
    if (f.paramsIndirect) {
      body.push(`${ind}uint8_t *bg_params = (uint8_t *) (intptr_t) bg_arg0;`);
      sig.params.forEach((p, i) => body.push(`${ind}${p.name} = *(${this.c(p.ref)} *) (bg_params + ${f.paramsArea.offsets[i]});`));
      body.push(`${ind}free(bg_params);`);
    } else {
      const slots = f.coreParams.map((_, i) => `bg_arg${i}`);
      for (const p of sig.params) this.lift(p.name, p.ref, slots, body, ind);
    }
    const callArgs = sig.params.map((p) => (p.byPtr ? `&${p.name}` : p.name));
    let coreRet = 'void';
    if (f.result !== null) {
      const rc = this.c(f.result);
      body.push(`${ind}${rc} bg_r;`);
      if (sig.shape === 'result') {
        const t = this.ty(f.result);
        const okArg = t.ok !== null ? ['&bg_r.val.ok'] : [];
        // The ok and err payloads share the union: the implementation writes one of them.
        const errArg = t.err !== null ? ['&bg_r.val.err'] : [];
        body.push(`${ind}bg_r.is_err = !${name}(${[...callArgs, ...okArg, ...errArg].join(', ')});`);
      } else if (sig.shape === 'option') {
        body.push(`${ind}bg_r.is_some = ${name}(${[...callArgs, '&bg_r.val'].join(', ')});`);
      } else if (sig.shape === 'value') {
        body.push(`${ind}bg_r = ${name}(${callArgs.join(', ')});`);
      } else {
        body.push(`${ind}${name}(${[...callArgs, '&bg_r'].join(', ')});`);
      }
      if (f.resultIndirect) {
        defs.push(`__attribute__((__aligned__(${f.resultArea.align}))) static uint8_t ${wrapper}_ret_area[${f.resultArea.size}];`, '');
        body.push(`${ind}*(${rc} *) ${wrapper}_ret_area = bg_r;`, `${ind}return (int32_t) (intptr_t) ${wrapper}_ret_area;`);
        coreRet = 'int32_t';
      } else {
        const flat = this.lower('bg_r', f.result, body, ind);
        body.push(`${ind}return ${flat[0]};`);
        coreRet = CORE_C[f.coreResults[0]];
      }
    } else {
      body.push(`${ind}${name}(${callArgs.join(', ')});`);
    }
    defs.push(`__attribute__((__export_name__("${f.exportName}")))`, `${coreRet} ${wrapper}(${coreParams.join(', ') || 'void'}) {`, ...body, '}', '');
    if (f.resultIndirect && this.owns(f.result)) {
      defs.push(
        `__attribute__((__export_name__("cabi_post_${f.exportName}")))`,
        `void ${wrapper}_post_return(int32_t arg0) {`,
        `  ${this.freeFn(f.result)}((${this.c(f.result)} *) (intptr_t) arg0);`,
        '}',
        '',
      );
    }
  }

  run() {
    const { m, W } = this;
    this.exportedInterfaces = new Set(m.interfaces.filter((i) => i.direction === 'export').map((i) => i.name));
    this.resourceDecls = [];
    this.resourceDefs = [];
    // string first, then every type in model order (dependencies first).
    this.typeDefs.push(`typedef struct ${W}_string_t {`, '  uint8_t *ptr;', '  size_t len;', `} ${W}_string_t;`, '');
    this.asserts.push(`_Static_assert(sizeof(${W}_string_t) == 8 && _Alignof(${W}_string_t) == 4, "canonical ABI layout of ${W}_string_t");`);
    this.freeDecls.push(
      `// Points \`ret\` at the NUL-terminated \`s\` (no copy; do not free it).`,
      `void ${W}_string_set(${W}_string_t *ret, const char *s);`,
      `// Copies the NUL-terminated \`s\` into malloc'd memory; free with ${W}_string_free.`,
      `void ${W}_string_dup(${W}_string_t *ret, const char *s);`,
      `void ${W}_string_free(${W}_string_t *ret);`,
    );
    this.freeDefs.push(
      `void ${W}_string_set(${W}_string_t *ret, const char *s) {`,
      '  ret->ptr = (uint8_t *) s;',
      '  ret->len = strlen(s);',
      '}',
      '',
      `void ${W}_string_dup(${W}_string_t *ret, const char *s) {`,
      '  ret->len = strlen(s);',
      '  ret->ptr = (uint8_t *) cabi_realloc(NULL, 0, 1, ret->len);',
      '  memcpy(ret->ptr, s, ret->len);',
      '}',
      '',
      `void ${W}_string_free(${W}_string_t *ret) {`,
      '  if (ret->len > 0) free(ret->ptr);',
      '  ret->ptr = NULL;',
      '  ret->len = 0;',
      '}',
      '',
    );
    for (const t of m.types) this.emitType(t.id);

    const fnDecls = [];
    const fnDefs = [];
    for (const iface of m.interfaces) {
      const P = interfacePrefix(iface.name, W);
      fnDecls.push(`// ── ${iface.direction} ${iface.name} ${'─'.repeat(Math.max(0, 80 - iface.name.length))}`, '');
      for (const u of iface.uses) {
        const ut = this.ty(u.type);
        if (ut.kind === 'resource') {
          const RP = interfacePrefix(ut.interface, W);
          for (const k of ['own', 'borrow']) fnDecls.push(`typedef ${RP}_${k}_${snake(ut.name)}_t ${P}_${k}_${snake(u.name)}_t;`);
        } else fnDecls.push(`typedef ${this.c(u.type)} ${P}_${snake(u.name)}_t;`);
      }
      if (iface.uses.length) fnDecls.push('');
      for (const f of iface.functions) {
        if (iface.direction === 'import') this.importFunction(f, P, fnDecls, fnDefs);
        else this.exportFunction(f, P, fnDecls, fnDefs);
      }
    }
    if (m.worldImports.length || m.worldExports.length) fnDecls.push(`// ── world ${m.worldQualified}`, '');
    for (const f of m.worldImports) this.importFunction(f, W, fnDecls, fnDefs);
    for (const f of m.worldExports) this.exportFunction(f, W, fnDecls, fnDefs);

    const guard = `__BINDINGS_${W.toUpperCase()}_H`;
    const banner = `// Generated by scripts/bindgen (npm run gen-bindings) from world ${m.worldQualified}. Do not edit.`;
    const header = [
      banner,
      `#ifndef ${guard}`,
      `#define ${guard}`,
      '#ifdef __cplusplus',
      'extern "C" {',
      '#endif',
      '',
      '#include <stdbool.h>',
      '#include <stddef.h>',
      '#include <stdint.h>',
      '',
      OWNERSHIP,
      '',
      ...this.typeDefs,
      ...this.resourceDecls,
      ...fnDecls,
      '// ── free functions and enum names ──',
      '',
      ...this.freeDecls,
      '',
      '// The canonical ABI allocator (exported as cabi_realloc).',
      'void *cabi_realloc(void *ptr, size_t old_size, size_t align, size_t new_size);',
      '',
      '#ifdef __cplusplus',
      '}',
      '#endif',
      '#endif',
      '',
    ].join('\n');
    const source = [
      banner,
      `#include "${W}.h"`,
      '#include <stdlib.h>',
      '#include <string.h>',
      '',
      ...this.asserts,
      '',
      ...(this.bitcasts.size ? ['// Bit casts for variants whose cases join float and integer payloads in flat form.'] : []),
      ...Object.entries(BITCASTS)
        .filter(([n]) => this.bitcasts.has(n))
        .map(([, def]) => def),
      ...(this.bitcasts.size ? [''] : []),
      '__attribute__((__weak__, __export_name__("cabi_realloc")))',
      'void *cabi_realloc(void *ptr, size_t old_size, size_t align, size_t new_size) {',
      '  (void) old_size;',
      '  if (new_size == 0) return (void *) align;',
      '  void *ret = realloc(ptr, new_size);',
      '  if (!ret) abort();',
      '  return ret;',
      '}',
      '',
      ...this.resourceDefs,
      ...this.freeDefs,
      ...fnDefs,
    ].join('\n');
    return [
      { path: `${W}.h`, contents: header },
      { path: `${W}.c`, contents: source },
    ];
  }
}
