/**
 * Helpers shared by the schema handlers: reading groups and tests, AES variant names, options.
 * @module
 */
import type { Scope } from '../scope.js';
import type { Imports, Probe, SkipReason, TestCase } from '../types.js';
import { field, intField, isObject, salvage, stringField, testCommon, VectorFormatError, type JsonObject, type TestCommon } from '../vector.js';

type Options = InstanceType<Imports['wasi:crypto/common']['Options']>;

/** Checks the group's `type` and returns its `tests` array. */
export function groupTests(group: JsonObject, type: string): readonly unknown[] {
  const t = stringField(group, 'type', 'test group');
  if (t !== type) throw new VectorFormatError(`test group: type is ${JSON.stringify(t)}, expected ${JSON.stringify(type)}`);
  const tests = field(group, 'tests', 'test group');
  if (!Array.isArray(tests)) throw new VectorFormatError('test group: "tests" is not an array');
  return tests;
}

/** A group field giving a size in bits. */
export function bitsField(group: JsonObject, name: string): number {
  return intField(group, name, 'test group');
}

/** What a handler says about one test. */
export interface CasePlan {
  readonly algorithm: string;
  readonly probes: readonly Probe[];
  readonly rejectsParameters: boolean;
  readonly outOfScope?: SkipReason | undefined;
}

/**
 * Builds the test cases of a group: reads the common fields of each test, then lets `plan` read
 * the schema-specific ones. A test that cannot be read becomes a malformed case (it fails).
 */
export function planTests(tests: readonly unknown[], algorithm: string, plan: (t: JsonObject, c: TestCommon) => CasePlan): TestCase[] {
  return tests.map((raw): TestCase => {
    try {
      const c = testCommon(raw);
      const p = plan(raw as JsonObject, c);
      const tc: TestCase = {
        tcId: c.tcId,
        comment: c.comment,
        result: c.result,
        flags: c.flags,
        algorithm: p.algorithm,
        rejectsParameters: p.rejectsParameters,
        probes: p.probes,
        ...(p.outOfScope !== undefined ? { outOfScope: p.outOfScope } : {}),
      };
      return tc;
    } catch (e) {
      if (!(e instanceof VectorFormatError)) throw e;
      const s = salvage(raw);
      return {
        tcId: s.tcId,
        comment: s.comment,
        result: s.result,
        flags: isObject(raw) && Array.isArray(raw['flags']) ? raw['flags'].filter((f): f is string => typeof f === 'string') : [],
        algorithm,
        rejectsParameters: false,
        probes: [],
        malformed: e.message,
      };
    }
  });
}

/** AES key sizes of the specification (AES-192 is not in it). */
export const AES_KEY_BITS: readonly number[] = [128, 256];

/**
 * Our name for an AES mode with a key of `keyBits`: `AES-<bits>-<mode>` for 128, 192 and 256
 * (AES-192 names are unsupported by the host, which is what an invalid AES-192 test expects).
 * For a key size AES does not have, the 128- or 256-bit name, whose key import must then reject
 * the key (`invalid-key`).
 */
export function aesName(keyBits: number, mode: string): string {
  const bits = keyBits === 128 || keyBits === 192 || keyBits === 256 ? keyBits : keyBits < 192 ? 128 : 256;
  return `AES-${bits}-${mode}`;
}

/** A `symmetric` options set holding `values` (byte strings and u64s), owned by `scope`. */
export function symmetricOptions(imports: Imports, scope: Scope, values: Readonly<Record<string, Uint8Array | bigint>>): Options {
  const opts = scope.add(new imports['wasi:crypto/common'].Options('symmetric'), 'options');
  for (const [name, v] of Object.entries(values)) {
    if (typeof v === 'bigint') opts.setU64(name, v);
    else opts.set(name, v);
  }
  return opts;
}

/**
 * A fresh copy of vector bytes for one call: jco hands the host a new array for every `list<u8>`,
 * so nothing the host does with an argument may affect the vector or a later probe.
 */
export function arg(data: Uint8Array): Uint8Array {
  return Uint8Array.from(data);
}

/** Fresh copies of the two halves of `data` (to absorb it in two calls). */
export function halves(data: Uint8Array): [Uint8Array, Uint8Array] {
  const h = data.length >> 1;
  return [data.slice(0, h), data.slice(h)];
}
