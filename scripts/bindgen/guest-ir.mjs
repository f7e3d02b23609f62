// Turns the resolved WIT model of model.mjs (version 1) into the tree form the Rust and
// AssemblyScript back ends walk: type references resolved to objects (aliases to their targets,
// named types carrying `name` and `owner` = the defining interface), functions with their WIT
// short name and their core name. Layouts are recomputed by guest-abi.mjs and checked against the
// model's, so the back ends and the model can never disagree silently.
import { align, BindgenError, flat, size } from './guest-abi.mjs';

const PRIMS = new Set(['bool', 'u8', 's8', 'u16', 's16', 'u32', 's32', 'u64', 's64', 'f32', 'f64', 'char', 'string']);

export function toIR(model) {
  if (model.version !== 1) throw new BindgenError(`bindgen: model version ${model.version}, the Rust/AS back ends read version 1`);
  const memo = new Map();
  const conv = (ref) => {
    if (typeof ref === 'string') {
      if (!PRIMS.has(ref)) throw new BindgenError(`bindgen: unknown primitive ${ref}`);
      return { kind: ref };
    }
    if (memo.has(ref)) return memo.get(ref);
    const t = model.types[ref];
    let out;
    switch (t.kind) {
      case 'alias': out = conv(t.target); break;
      case 'list': out = { kind: 'list', elem: conv(t.element) }; break;
      case 'option': out = { kind: 'option', type: conv(t.type) }; break;
      case 'result': out = { kind: 'result', ok: t.ok == null ? null : conv(t.ok), err: t.err == null ? null : conv(t.err) }; break;
      case 'tuple': out = { kind: 'tuple', types: t.types.map(conv) }; break;
      case 'record': out = { kind: 'record', fields: t.fields.map((f) => ({ name: f.name, type: conv(f.type) })) }; break;
      case 'variant': out = { kind: 'variant', cases: t.cases.map((c) => ({ name: c.name, type: c.type == null ? null : conv(c.type) })) }; break;
      case 'enum': out = { kind: 'enum', cases: [...t.cases] }; break;
      case 'flags': out = { kind: 'flags', flags: [...t.flags] }; break;
      case 'resource': out = { kind: 'resource', name: t.name, owner: t.interface }; break;
      case 'own': case 'borrow': {
        const r = model.types[t.resource];
        out = { kind: t.kind, resource: { name: r.name, owner: r.interface } };
        break;
      }
      default: throw new BindgenError(`bindgen: unsupported model type kind ${t.kind}`);
    }
    if (t.name && t.kind !== 'alias') Object.assign(out, { name: t.name, owner: t.interface });
    if (t.kind !== 'resource' && t.kind !== 'alias') {
      const got = { size: size(out), align: align(out), flat: flat(out).join(',') };
      const want = { size: t.size, align: t.align, flat: t.flat.join(',') };
      if (JSON.stringify(got) !== JSON.stringify(want)) {
        throw new BindgenError(`bindgen: layout of type ${ref} (${t.kind}) differs from the model: ${JSON.stringify(got)} vs ${JSON.stringify(want)}`);
      }
    }
    memo.set(ref, out);
    return out;
  };
  const def = (id) => {
    const t = model.types[id];
    return { name: t.name, owner: t.interface, kind: t.kind, type: t.kind === 'alias' ? conv(t.target) : conv(id) };
  };
  const func = (f) => ({
    name: f.wasmName,
    short: f.name,
    kind: f.kind,
    resource: f.resource == null ? undefined : model.types[f.resource].name,
    coreName: f.exportName ?? f.wasmName,
    params: f.params.map((p) => ({ name: p.name, type: conv(p.type) })),
    result: f.result == null ? null : conv(f.result),
  });
  const iface = (i) => ({
    id: i.name,
    namespace: i.namespace,
    package: i.packageName,
    name: i.short,
    direction: i.direction,
    types: [
      ...i.uses.map((u) => ({ ...def(u.type), origName: model.types[u.type].name, name: u.name, used: true })),
      ...i.types.map(def),
    ],
    functions: i.functions.map(func),
  });
  const interfaces = model.interfaces.map(iface);
  if (model.worldImports?.length) throw new BindgenError('bindgen: functions imported by the world itself are not supported (import an interface)');
  return {
    world: model.world,
    interfaces: interfaces.filter((i) => i.direction === 'import'),
    exports: [
      ...(model.worldExports ?? []).map((f) => ({ kind: 'function', func: func(f) })),
      ...interfaces.filter((i) => i.direction === 'export').map((i) => ({ kind: 'interface', iface: i })),
    ],
    worldTypes: (model.worldTypes ?? []).map(def),
  };
}
