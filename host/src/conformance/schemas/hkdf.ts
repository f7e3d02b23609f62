/**
 * `hkdf_test_schema_v1`: HKDF (RFC 5869) through the two-state flow of docs/symmetric.md: the IKM
 * imported as an `HKDF-EXTRACT/<hash>` key, the salt absorbed, the PRK taken with
 * `squeeze-key("HKDF-EXPAND/<hash>")`, an expand state opened with it, the info absorbed, and
 * `size` bytes squeezed.
 * @module
 */
import type { Scope } from '../scope.js';
import type { Imports, Probe, SchemaHandler, TestCase } from '../types.js';
import { hexField, intField, type JsonObject } from '../vector.js';
import { arg, bitsField, groupTests, halves, planTests } from './common.js';

/** Wycheproof `algorithm` → the hash of our HKDF-EXTRACT/ and HKDF-EXPAND/ algorithms. */
const HASHES: Readonly<Record<string, string>> = Object.freeze({
  'HKDF-SHA-256': 'SHA-256',
  'HKDF-SHA-384': 'SHA-384',
  'HKDF-SHA-512': 'SHA-512',
});

function hashOf(algorithm: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(HASHES, algorithm) ? HASHES[algorithm] : undefined;
}

interface HkdfVector {
  extract: string;
  expand: string;
  ikm: Uint8Array;
  salt: Uint8Array;
  info: Uint8Array;
  size: number;
}

type SymmetricKey = ReturnType<Imports['wasi:crypto/symmetric']['SymmetricKey']['import']>;

/** Runs extract; returns the PRK as an HKDF-EXPAND key owned by `scope`. */
function extract(imports: Imports, scope: Scope, v: HkdfVector, split: boolean): SymmetricKey {
  const sym = imports['wasi:crypto/symmetric'];
  const ikm = scope.add(sym.SymmetricKey.import(v.extract, arg(v.ikm)), 'symmetric-key (IKM)');
  const st = scope.add(sym.SymmetricState.open(v.extract, ikm, undefined), 'symmetric-state (extract)');
  for (const part of split ? halves(v.salt) : [arg(v.salt)]) st.absorb(part);
  return scope.add(st.squeezeKey(v.expand), 'symmetric-key (PRK)');
}

function expand(imports: Imports, scope: Scope, v: HkdfVector, prk: SymmetricKey, split: boolean): Uint8Array {
  const st = scope.add(imports['wasi:crypto/symmetric'].SymmetricState.open(v.expand, prk, undefined), 'symmetric-state (expand)');
  for (const part of split ? halves(v.info) : [arg(v.info)]) st.absorb(part);
  return st.squeeze(v.size);
}

function probes(v: HkdfVector, okm: Uint8Array): Probe[] {
  return [
    {
      name: 'extract state → squeeze-key → expand state squeeze',
      role: 'check',
      expected: okm,
      run: (imports, scope) => expand(imports, scope, v, extract(imports, scope, v, false), false),
    },
    {
      name: 'extract → expand with salt and info each absorbed in two parts',
      role: 'check',
      expected: okm,
      run: (imports, scope) => expand(imports, scope, v, extract(imports, scope, v, true), true),
    },
    {
      name: 'expand with the PRK exported and re-imported as an HKDF-EXPAND key',
      role: 'check',
      expected: okm,
      run: (imports, scope) => {
        const raw = extract(imports, scope, v, false).export();
        const prk = scope.add(imports['wasi:crypto/symmetric'].SymmetricKey.import(v.expand, raw), 'symmetric-key (imported PRK)');
        return expand(imports, scope, v, prk, false);
      },
    },
  ];
}

export const hkdfHandler: SchemaHandler = {
  family: 'hkdf',
  schemas: ['hkdf_test_schema_v1', 'hkdf_test_schema'],

  resolveAlgorithm(algorithm) {
    return hashOf(algorithm)
      ? { ok: true }
      : { ok: false, reason: `KDF ${JSON.stringify(algorithm)} has no counterpart in docs/symmetric.md (known: ${Object.keys(HASHES).join(', ')})` };
  },

  planGroup(header, group: JsonObject): TestCase[] {
    const hash = hashOf(header.algorithm);
    if (!hash) throw new Error(`unresolved algorithm ${header.algorithm}`);
    const tests = groupTests(group, 'HkdfTest');
    bitsField(group, 'keySize'); // required by the schema; the IKM may have any length
    const extractAlg = `HKDF-EXTRACT/${hash}`;
    return planTests(tests, extractAlg, (t, c) => {
      const v: HkdfVector = {
        extract: extractAlg,
        expand: `HKDF-EXPAND/${hash}`,
        ikm: hexField(t, 'ikm', c.where),
        salt: hexField(t, 'salt', c.where),
        info: hexField(t, 'info', c.where),
        size: intField(t, 'size', c.where),
      };
      return { algorithm: extractAlg, probes: probes(v, hexField(t, 'okm', c.where)), rejectsParameters: false };
    });
  },
};
