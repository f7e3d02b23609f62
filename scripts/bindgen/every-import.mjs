// Test support: a Rust and an AssemblyScript guest source that call every imported function of a
// world's generated bindings once (with zero values, in an export nobody calls). Compiling them
// and running `componentEmbed` + `componentNew` checks that every wrapper compiles (AS compiles only
// what is reachable) and that every core import signature matches the WIT
// (tests/bindgen/every-import.test.ts).
import { toIR } from './guest-ir.mjs';

const camel = (s) => s.split('-').map((w) => (w ? w[0].toUpperCase() + w.slice(1) : w)).join('');
const RUST_KEYWORDS = new Set(`as break const continue crate else enum extern false fn for if impl in let loop match mod
  move mut pub ref return self Self static struct super trait true type unsafe use where while async await dyn
  abstract become box do final macro override priv typeof unsized virtual yield try`.split(/\s+/));
const AS_RESERVED = new Set(`abstract as async await break case catch class const continue debugger declare default delete do else
  enum export extends false finally for from function get if implements import in instanceof interface is keyof let
  module namespace new null of package private protected public readonly require return set static super switch
  this throw true try type typeof var void while with yield`.split(/\s+/));
const snake = (s) => {
  const n = s.replace(/-/g, '_');
  return RUST_KEYWORDS.has(n) ? `${n}_` : n;
};
const lowerCamel = (s) => {
  const c = camel(s);
  const n = c[0].toLowerCase() + c.slice(1);
  return AS_RESERVED.has(n) ? `${n}_` : n;
};

/** Rust: `#[path = bindingsPath] mod b;` and an exported `touch()` calling every import. */
export function rustEveryImport(model, bindingsPath) {
  const ir = toIR(model);
  const path = (id, name) => {
    const i = ir.interfaces.find((x) => x.id === id);
    return `b::${snake(i.namespace)}::${snake(i.package)}::${snake(i.name)}::${camel(name)}`;
  };
  const zero = (t) => {
    switch (t.kind) {
      case 'bool': return 'false';
      case 'char': return "'a'";
      case 'string': return '""';
      case 'list': return '&[]';
      case 'option': return 'None';
      case 'own': return `unsafe { ${path(t.resource.owner, t.resource.name)}::from_handle(0) }`;
      case 'borrow': return `&unsafe { ${path(t.resource.owner, t.resource.name)}::from_handle(0) }`;
      case 'enum': return `${path(t.owner, t.name)}::from_discriminant(0)`;
      case 'flags': return `${path(t.owner, t.name)}::empty()`;
      case 'variant': {
        const c = t.cases.find((x) => !x.type);
        if (!c) throw new Error(`every-import: no payload-free case in ${t.name}`);
        return `${path(t.owner, t.name)}::${camel(c.name)}`;
      }
      case 'record': return `${path(t.owner, t.name)} { ${t.fields.map((f) => `${snake(f.name)}: ${owned(f.type)}`).join(', ')} }`;
      case 'f32': case 'f64': return '0.0';
      case 'u8': case 's8': case 'u16': case 's16': case 'u32': case 's32': case 'u64': case 's64': return '0';
      default: throw new Error(`every-import: no zero value for ${t.kind}`);
    }
  };
  // Inside a record the fields are owned types (String, Vec<T>), not the borrowed parameter forms.
  const owned = (t) => (t.kind === 'string' ? 'String::new()' : t.kind === 'list' ? 'Vec::new()' : zero(t));
  const lines = [`#[path = ${JSON.stringify(bindingsPath)}]`, 'mod b;', '#[no_mangle]', 'pub extern "C" fn touch() {'];
  for (const i of ir.interfaces) {
    const m = `b::${snake(i.namespace)}::${snake(i.package)}::${snake(i.name)}`;
    for (const f of i.functions) {
      const params = f.kind === 'method' ? f.params.slice(1) : f.params;
      const args = params.map((p) => zero(p.type)).join(', ');
      if (f.kind === 'method') lines.push(`    { let r = unsafe { ${m}::${camel(f.resource)}::from_handle(0) }; let _x = r.${snake(f.short)}(${args}); }`);
      else if (f.kind === 'constructor') lines.push(`    { let _x = ${m}::${camel(f.resource)}::new(${args}); }`);
      else if (f.kind === 'static') lines.push(`    { let _x = ${m}::${camel(f.resource)}::${snake(f.short)}(${args}); }`);
      else lines.push(`    { let _x = ${m}::${snake(f.short)}(${args}); }`);
    }
  }
  lines.push('}', '');
  return lines.join('\n');
}

/** AssemblyScript: imports the bindings module `bindingsPath` (relative, without .ts). */
export function asEveryImport(model, bindingsPath) {
  const ir = toIR(model);
  const nsOf = new Map(ir.interfaces.map((i) => [i.id, lowerCamel(i.name)]));
  const type = (id, name) => `${nsOf.get(id)}.${camel(name)}`;
  const zero = (t) => {
    switch (t.kind) {
      case 'bool': return 'false';
      case 'string': return '""';
      case 'list': return t.elem.kind === 'u8' ? 'new Uint8Array(0)' : '[]';
      case 'option': return 'null';
      case 'own': case 'borrow': return `new ${type(t.resource.owner, t.resource.name)}(0)`;
      case 'enum': case 'flags': return `<${type(t.owner, t.name)}>0`;
      case 'variant': return `${type(t.owner, t.name)}.${lowerCamel(t.cases[0].name)}(${t.cases[0].type ? zero(t.cases[0].type) : ''})`;
      case 'record': return `new ${type(t.owner, t.name)}(${t.fields.map((f) => zero(f.type)).join(', ')})`;
      default: return '0';
    }
  };
  const lines = [
    `import { ${[...new Set(nsOf.values())].join(', ')} } from ${JSON.stringify(bindingsPath)};`,
    `export { cabi_realloc } from ${JSON.stringify(bindingsPath)};`,
    'export function touch(): void {',
  ];
  for (const i of ir.interfaces) {
    const n = nsOf.get(i.id);
    for (const f of i.functions) {
      const params = f.kind === 'method' ? f.params.slice(1) : f.params;
      const args = params.map((p) => zero(p.type)).join(', ');
      if (f.kind === 'method') lines.push(`  { const r = new ${n}.${camel(f.resource)}(0); r.${lowerCamel(f.short)}(${args}); }`);
      else if (f.kind === 'constructor') lines.push(`  { ${n}.${camel(f.resource)}.create(${args}); }`);
      else if (f.kind === 'static') lines.push(`  { ${n}.${camel(f.resource)}.${lowerCamel(f.short)}(${args}); }`);
      else lines.push(`  { ${n}.${lowerCamel(f.short)}(${args}); }`);
    }
    for (const d of i.types) if (d.type.kind === 'resource' && d.owner === i.id) lines.push(`  new ${n}.${camel(d.name)}(1).drop();`);
  }
  lines.push('}', '');
  return lines.join('\n');
}
