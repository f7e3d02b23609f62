// Canonical-ABI layout shared by the Rust (rust.mjs) and AssemblyScript (as.mjs) back ends:
// size, alignment, field offsets and flattening of a resolved WIT type, as CanonicalABI.md of
// WebAssembly/component-model defines them (despecialised: tuple → record, enum/option/result →
// variant, flags → bit vector).
//
// Types are the back ends' intermediate form (see `ir` in rust.mjs):
//   { kind: 'bool'|'u8'|'s8'|'u16'|'s16'|'u32'|'s32'|'u64'|'s64'|'f32'|'f64'|'char'|'string' }
//   { kind: 'list', elem } | { kind: 'option', type } | { kind: 'result', ok?, err? }
//   { kind: 'tuple', types } | { kind: 'record', name, fields: [{ name, type }] }
//   { kind: 'variant', name, cases: [{ name, type? }] } | { kind: 'enum', name, cases: [name] }
//   { kind: 'flags', name, flags: [name] } | { kind: 'own'|'borrow', resource }

/** A WIT shape a back end cannot bind: gen.mjs prints its message (no stack). */
export class BindgenError extends Error {}

export const MAX_FLAT_PARAMS = 16;
export const MAX_FLAT_RESULTS = 1;

const PRIM = {
  bool: [1, 1], u8: [1, 1], s8: [1, 1], u16: [2, 2], s16: [2, 2], u32: [4, 4], s32: [4, 4],
  u64: [8, 8], s64: [8, 8], f32: [4, 4], f64: [8, 8], char: [4, 4],
};

export const alignTo = (n, a) => Math.ceil(n / a) * a;

/** Cases of a type as a variant, or undefined if it is not one. */
export function variantCases(t) {
  switch (t.kind) {
    case 'variant': return t.cases.map((c) => c.type ?? null);
    case 'enum': return t.cases.map(() => null);
    case 'option': return [null, t.type];
    case 'result': return [t.ok ?? null, t.err ?? null];
    default: return undefined;
  }
}

export function discSize(n) {
  if (n <= 0x100) return 1;
  if (n <= 0x10000) return 2;
  return 4;
}

function flagsSize(n) {
  if (n === 0) return 0;
  if (n <= 8) return 1;
  if (n <= 16) return 2;
  return 4 * Math.ceil(n / 32);
}

export function fieldsOf(t) {
  if (t.kind === 'record') return t.fields.map((f) => f.type);
  if (t.kind === 'tuple') return t.types;
  return undefined;
}

export function align(t) {
  if (PRIM[t.kind]) return PRIM[t.kind][1];
  switch (t.kind) {
    case 'string': case 'list': case 'own': case 'borrow': return 4;
    case 'record': case 'tuple': return Math.max(1, ...fieldsOf(t).map(align));
    case 'flags': { const s = flagsSize(t.flags.length); return s === 0 ? 1 : Math.min(s, 4); }
    default: {
      const cases = variantCases(t);
      if (!cases) throw new BindgenError(`guest-abi: no layout for ${t.kind}`);
      return Math.max(discSize(cases.length), ...cases.filter(Boolean).map(align));
    }
  }
}

export function size(t) {
  if (PRIM[t.kind]) return PRIM[t.kind][0];
  switch (t.kind) {
    case 'string': case 'list': return 8;
    case 'own': case 'borrow': return 4;
    case 'record': case 'tuple': {
      let s = 0;
      for (const f of fieldsOf(t)) s = alignTo(s, align(f)) + size(f);
      return alignTo(s, align(t));
    }
    case 'flags': return flagsSize(t.flags.length);
    default: {
      const cases = variantCases(t);
      let s = discSize(cases.length);
      s = alignTo(s, maxCaseAlign(cases));
      let m = 0;
      for (const c of cases) if (c) m = Math.max(m, size(c));
      return alignTo(s + m, align(t));
    }
  }
}

function maxCaseAlign(cases) {
  return Math.max(1, ...cases.filter(Boolean).map(align));
}

/** Byte offsets of a record's or tuple's fields. */
export function fieldOffsets(t) {
  const out = [];
  let s = 0;
  for (const f of fieldsOf(t)) {
    s = alignTo(s, align(f));
    out.push(s);
    s += size(f);
  }
  return out;
}

/** Offset of a variant's payload. */
export function payloadOffset(t) {
  const cases = variantCases(t);
  return alignTo(discSize(cases.length), maxCaseAlign(cases));
}

function join(a, b) {
  if (a === b) return a;
  if ((a === 'i32' && b === 'f32') || (a === 'f32' && b === 'i32')) return 'i32';
  return 'i64';
}

/** Core value types a value of `t` flattens to. */
export function flat(t) {
  switch (t.kind) {
    case 'bool': case 'u8': case 's8': case 'u16': case 's16': case 'u32': case 's32': case 'char':
    case 'own': case 'borrow': case 'enum':
      return ['i32'];
    case 'u64': case 's64': return ['i64'];
    case 'f32': return ['f32'];
    case 'f64': return ['f64'];
    case 'string': case 'list': return ['i32', 'i32'];
    case 'record': case 'tuple': return fieldsOf(t).flatMap(flat);
    case 'flags': return Array(Math.ceil(t.flags.length / 32)).fill('i32');
    default: {
      const cases = variantCases(t);
      const out = [];
      for (const c of cases) {
        if (!c) continue;
        flat(c).forEach((ft, i) => { out[i] = out[i] === undefined ? ft : join(out[i], ft); });
      }
      return ['i32', ...out];
    }
  }
}

/** Whether a value of `t` owns guest memory (strings or lists somewhere inside). */
export function hasAllocations(t) {
  switch (t.kind) {
    case 'string': case 'list': return true;
    case 'record': case 'tuple': return fieldsOf(t).some(hasAllocations);
    default: {
      const cases = variantCases(t);
      return cases ? cases.some((c) => c && hasAllocations(c)) : false;
    }
  }
}

/** How a function's parameters and results cross: flat values or memory. */
export function signature(params, result, { lift }) {
  const flatParams = params.flatMap((p) => flat(p.type));
  const flatResults = result ? flat(result) : [];
  const paramsInMemory = flatParams.length > MAX_FLAT_PARAMS;
  const resultsInMemory = flatResults.length > MAX_FLAT_RESULTS;
  // Lowered import: a retptr parameter; lifted export: the export returns a pointer.
  const core = {
    params: paramsInMemory ? ['i32'] : flatParams,
    results: resultsInMemory ? (lift ? ['i32'] : []) : flatResults,
  };
  if (resultsInMemory && !lift) core.params = [...core.params, 'i32'];
  return { flatParams, flatResults, paramsInMemory, resultsInMemory, core };
}

/** The parameter list as one record type (for parameters passed in memory). */
export function paramsRecord(params) {
  return { kind: 'tuple', types: params.map((p) => p.type) };
}

/** Whether `t` holds an own<…> handle anywhere inside. */
export function containsOwn(t) {
  switch (t.kind) {
    case 'own': return true;
    case 'list': return containsOwn(t.elem);
    case 'record': case 'tuple': return fieldsOf(t).some(containsOwn);
    default: {
      const cases = variantCases(t);
      return cases ? cases.some((c) => c && containsOwn(c)) : false;
    }
  }
}
