/**
 * `pbkdf_test_schema`: PBKDF2 through a password-hash state: the `salt` option, `ops_limit` =
 * iteration count, the password absorbed, `dkLen` bytes squeezed.
 * @module
 */
import type { Probe, SchemaHandler, TestCase } from '../types.js';
import { hexField, intField, type JsonObject } from '../vector.js';
import { arg, groupTests, halves, planTests, symmetricOptions } from './common.js';

const ALGORITHMS: Readonly<Record<string, string>> = Object.freeze({
  'PBKDF2-HMACSHA256': 'PBKDF2-HMAC/SHA-256',
  'PBKDF2-HMACSHA512': 'PBKDF2-HMAC/SHA-512',
});

function ours(algorithm: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(ALGORITHMS, algorithm) ? ALGORITHMS[algorithm] : undefined;
}

/** Above this many iterations a test runs once (password in one piece) instead of twice. */
const SECOND_PROBE_MAX_ITERATIONS = 100_000;

interface PbkdfVector {
  alg: string;
  password: Uint8Array;
  salt: Uint8Array;
  iterations: number;
  dkLen: number;
}

function probe(v: PbkdfVector, dk: Uint8Array, split: boolean): Probe {
  return {
    name: split ? 'state squeeze (password absorbed in two parts)' : 'state squeeze',
    role: 'check',
    expected: dk,
    run: (imports, scope) => {
      const opts = symmetricOptions(imports, scope, { salt: arg(v.salt), ops_limit: BigInt(v.iterations) });
      const st = scope.add(imports['wasi:crypto/symmetric'].SymmetricState.open(v.alg, undefined, opts), 'symmetric-state');
      for (const part of split ? halves(v.password) : [arg(v.password)]) st.absorb(part);
      return st.squeeze(v.dkLen);
    },
  };
}

export const pbkdfHandler: SchemaHandler = {
  family: 'pbkdf',
  schemas: ['pbkdf_test_schema'],

  resolveAlgorithm(algorithm) {
    return ours(algorithm)
      ? { ok: true }
      : { ok: false, reason: `password hash ${JSON.stringify(algorithm)} has no counterpart in docs/symmetric.md (known: ${Object.keys(ALGORITHMS).join(', ')})` };
  },

  planGroup(header, group: JsonObject): TestCase[] {
    const alg = ours(header.algorithm);
    if (!alg) throw new Error(`unresolved algorithm ${header.algorithm}`);
    const tests = groupTests(group, 'PbkdfTest');
    return planTests(tests, alg, (t, c) => {
      const v: PbkdfVector = {
        alg,
        password: hexField(t, 'password', c.where),
        salt: hexField(t, 'salt', c.where),
        iterations: intField(t, 'iterationCount', c.where),
        dkLen: intField(t, 'dkLen', c.where),
      };
      const dk = hexField(t, 'dk', c.where);
      const probes = [probe(v, dk, false)];
      if (v.iterations <= SECOND_PROBE_MAX_ITERATIONS) probes.push(probe(v, dk, true));
      return { algorithm: alg, probes, rejectsParameters: false };
    });
  },
};
