/**
 * ML-KEM (FIPS 203): `mlkem_test_schema` (key generation from the seed d‖z, and decapsulation)
 * and `mlkem_encaps_test_schema` (encapsulation with a fixed `m`).
 *
 * `mlkem_test_schema`, on both backends (everything is deterministic):
 * - `kx.decapsulate` with the secret key imported `raw` from the 64-byte seed: the vector's `K`
 *   (FIPS 203 implicit rejection: a modified ciphertext still yields a secret, the vector's);
 * - `publickey.from-secretkey` exported `raw`: the vector's `ek` (valid/acceptable tests, or when
 *   the seed itself is what is invalid);
 * - `kx.encapsulate` to `ek`, then `decapsulate` with the seed's key: the same secret, a
 *   ciphertext of the vector's length (valid/acceptable tests).
 * An `invalid` test (seed or ciphertext of the wrong length) must fail with a typed error.
 *
 * `mlkem_encaps_test_schema`: `encapsulate` reads `m` from the host's random source
 * (docs/asymmetric.md). On noble the vector's `m` is fed through it and the ciphertext and secret
 * must equal the vector's; on node `m` is not injected and only the lengths are checked.
 * @module
 */
import { OutputMismatch, type Scope } from '../scope.js';
import type { Imports, Probe, ProbeEnv, SchemaHandler, TestCase } from '../types.js';
import { concatBytes, hexField, stringField, VectorFormatError, type JsonObject } from '../vector.js';
import { arg, planTests } from './common.js';
import { importPublicKey, importSecretKey, lookup, optionalHex, peekString, withInjectedRandom, type EncodedKey } from './asym.js';

const PARAMETER_SETS: Readonly<Record<string, { ciphertextBytes: number }>> = Object.freeze({
  'ML-KEM-512': { ciphertextBytes: 768 },
  'ML-KEM-768': { ciphertextBytes: 1088 },
  'ML-KEM-1024': { ciphertextBytes: 1568 },
});
const SEED_BYTES = 64;
const M_BYTES = 32;

function resolveAlgorithm(algorithm: string): { ok: true } | { ok: false; reason: string } {
  return algorithm === 'ML-KEM' ? { ok: true } : { ok: false, reason: `${JSON.stringify(algorithm)} is not ML-KEM` };
}

function resolveGroup(_header: unknown, group: JsonObject): { ok: true } | { ok: false; reason: string } {
  const p = peekString(group, 'parameterSet');
  return p === undefined || lookup(PARAMETER_SETS, p)
    ? { ok: true }
    : { ok: false, reason: `parameter set ${JSON.stringify(p)} is not in docs/asymmetric.md (${Object.keys(PARAMETER_SETS).join(', ')})` };
}

function groupSetup(group: JsonObject, groupType: string): { alg: string; tests: readonly unknown[] } {
  if (Object.prototype.hasOwnProperty.call(group, 'type')) {
    const type = stringField(group, 'type', 'test group');
    if (type !== groupType) throw new VectorFormatError(`test group: type is ${JSON.stringify(type)}, expected ${JSON.stringify(groupType)}`);
  }
  const alg = stringField(group, 'parameterSet', 'test group');
  if (!lookup(PARAMETER_SETS, alg)) throw new VectorFormatError(`test group: parameter set ${JSON.stringify(alg)} is not ours`);
  const tests = group['tests'];
  if (!Array.isArray(tests)) throw new VectorFormatError('test group: "tests" is not an array');
  return { alg, tests };
}

function seedKey(imports: Imports, scope: Scope, alg: string, seed: Uint8Array) {
  return importSecretKey(imports, scope, 'key-exchange', alg, seed, 'raw', "seed d‖z 'raw'");
}

const raw = (bytes: Uint8Array): EncodedKey => ({ bytes, encoding: 'raw', label: 'raw' });

export const mlkemHandler: SchemaHandler = {
  family: 'ML-KEM (key generation and decapsulation)',
  schemas: ['mlkem_test_schema', 'mlkem_test_schema_v1'],
  resolveAlgorithm,
  resolveGroup,

  planGroup(_header, group): TestCase[] {
    const { alg, tests } = groupSetup(group, 'MLKEMTest');
    return planTests(tests, alg, (t, c) => {
      const seed = hexField(t, 'seed', c.where);
      const ek = optionalHex(t, 'ek', c.where);
      const ct = hexField(t, 'c', c.where);
      const k = hexField(t, 'K', c.where);
      const seedRejected = seed.length !== SEED_BYTES;
      const probes: Probe[] = [
        {
          name: "kx.decapsulate (secret key from the seed d‖z 'raw')",
          role: 'check',
          expected: k,
          run: (imports, scope) => imports['wasi:crypto/kx'].decapsulate(seedKey(imports, scope, alg, seed), arg(ct)),
        },
      ];
      if (ek !== undefined && (c.result !== 'invalid' || seedRejected)) {
        probes.push({
          name: "publickey.from-secretkey(seed key).export('raw') (key generation)",
          role: 'check',
          expected: ek,
          run: (imports, scope) => {
            const sk = seedKey(imports, scope, alg, seed);
            return scope.add(imports['wasi:crypto/asymmetric-common'].Publickey.fromSecretkey(sk), 'publickey').export('raw');
          },
        });
      }
      if (ek !== undefined && c.result !== 'invalid') {
        probes.push({
          name: "kx.encapsulate to ek ('raw'), then kx.decapsulate with the seed key: the same secret",
          role: 'check',
          expected: null,
          run: (imports, scope) => {
            const kx = imports['wasi:crypto/kx'];
            const enc = kx.encapsulate(importPublicKey(imports, scope, 'key-exchange', alg, raw(ek)));
            const want = PARAMETER_SETS[alg]?.ciphertextBytes;
            if (enc.ciphertext.length !== want) throw new OutputMismatch(`encapsulate gave a ${enc.ciphertext.length}-byte ciphertext, ${alg} has ${want}`);
            const secret = kx.decapsulate(seedKey(imports, scope, alg, seed), arg(enc.ciphertext));
            if (secret.length !== 32 || enc.secret.length !== 32) throw new OutputMismatch(`secrets of ${enc.secret.length} and ${secret.length} bytes, expected 32`);
            if (!secret.every((b, i) => b === enc.secret[i])) throw new OutputMismatch('decapsulate gave a secret other than encapsulate');
            return null;
          },
        });
      }
      return { algorithm: alg, probes, rejectsParameters: seedRejected };
    });
  },
};

export const mlkemEncapsHandler: SchemaHandler = {
  family: 'ML-KEM (encapsulation)',
  schemas: ['mlkem_encaps_test_schema', 'mlkem_encaps_test_schema_v1'],
  resolveAlgorithm,
  resolveGroup,

  planGroup(_header, group): TestCase[] {
    const { alg, tests } = groupSetup(group, 'MLKEMEncapsTest');
    return planTests(tests, alg, (t, c) => {
      const ek = hexField(t, 'ek', c.where);
      const m = hexField(t, 'm', c.where);
      if (m.length !== M_BYTES) throw new VectorFormatError(`${c.where}: "m" has ${m.length} bytes, FIPS 203 m has ${M_BYTES}`);
      const ct = hexField(t, 'c', c.where);
      const k = hexField(t, 'K', c.where);
      const probes: Probe[] = [
        {
          name: "kx.encapsulate (public key 'raw', m injected through the host's random source): ciphertext ‖ secret",
          role: 'check',
          expected: concatBytes(ct, k),
          backends: ['noble'],
          run: (imports, scope, env: ProbeEnv) => {
            const pk = importPublicKey(imports, scope, 'key-exchange', alg, raw(ek));
            const enc = withInjectedRandom(env, m, 'ML-KEM encapsulation', () => imports['wasi:crypto/kx'].encapsulate(pk));
            return concatBytes(enc.ciphertext, enc.secret);
          },
        },
        {
          name: "kx.encapsulate (public key 'raw'; node: m not injected, only the lengths are compared)",
          role: 'check',
          expected: null,
          backends: ['node'],
          run: (imports, scope) => {
            const enc = imports['wasi:crypto/kx'].encapsulate(importPublicKey(imports, scope, 'key-exchange', alg, raw(ek)));
            if (enc.ciphertext.length !== ct.length || enc.secret.length !== k.length) {
              throw new OutputMismatch(`encapsulate gave a ${enc.ciphertext.length}-byte ciphertext and a ${enc.secret.length}-byte secret, the vector has ${ct.length} and ${k.length}`);
            }
            return null;
          },
        },
      ];
      return { algorithm: alg, probes, rejectsParameters: false };
    });
  },
};
