/**
 * `ind_cpa_test_schema_v1`: unauthenticated ciphers (AES-CBC with PKCS#7 padding), through the
 * streaming state: `encrypt` and `decrypt` with the IV as the `nonce` option. (CBC has no one-shot
 * function and no detached mode.)
 * @module
 */
import type { Scope } from '../scope.js';
import { SKIP_AES_192, type Imports, type Probe, type SchemaHandler, type SkipReason, type TestCase } from '../types.js';
import { hexField, type JsonObject } from '../vector.js';
import { AES_KEY_BITS, aesName, arg, bitsField, groupTests, planTests, symmetricOptions } from './common.js';

interface CipherFamily {
  name(keyBits: number): string;
  keyBits: readonly number[];
  ivBits: number;
}

const FAMILIES: Readonly<Record<string, CipherFamily>> = Object.freeze({
  'AES-CBC-PKCS5': { name: (k: number) => aesName(k, 'CBC'), keyBits: AES_KEY_BITS, ivBits: 128 },
});

function family(algorithm: string): CipherFamily | undefined {
  return Object.prototype.hasOwnProperty.call(FAMILIES, algorithm) ? FAMILIES[algorithm] : undefined;
}

interface CipherVector {
  alg: string;
  key: Uint8Array;
  iv: Uint8Array;
  msg: Uint8Array;
  ct: Uint8Array;
}

function openState(imports: Imports, scope: Scope, v: CipherVector) {
  const sym = imports['wasi:crypto/symmetric'];
  const key = scope.add(sym.SymmetricKey.import(v.alg, arg(v.key)), 'symmetric-key');
  const opts = symmetricOptions(imports, scope, { nonce: arg(v.iv) });
  return scope.add(sym.SymmetricState.open(v.alg, key, opts), 'symmetric-state');
}

function probes(v: CipherVector): Probe[] {
  return [
    { name: 'state encrypt', role: 'produce', expected: v.ct, run: (imports, scope) => openState(imports, scope, v).encrypt(arg(v.msg)) },
    { name: 'state decrypt', role: 'check', expected: v.msg, run: (imports, scope) => openState(imports, scope, v).decrypt(arg(v.ct)) },
  ];
}

export const indCpaHandler: SchemaHandler = {
  family: 'ind-cpa',
  schemas: ['ind_cpa_test_schema_v1', 'ind_cpa_test_schema'],

  resolveAlgorithm(algorithm) {
    return family(algorithm)
      ? { ok: true }
      : { ok: false, reason: `cipher ${JSON.stringify(algorithm)} has no counterpart in docs/symmetric.md (known: ${Object.keys(FAMILIES).join(', ')})` };
  },

  planGroup(header, group: JsonObject): TestCase[] {
    const fam = family(header.algorithm);
    if (!fam) throw new Error(`unresolved algorithm ${header.algorithm}`);
    const tests = groupTests(group, 'IndCpaTest');
    const keyBits = bitsField(group, 'keySize');
    const ivBits = bitsField(group, 'ivSize');
    const alg = fam.name(keyBits);
    const outOfScope: SkipReason | undefined = keyBits === 192 ? SKIP_AES_192 : undefined;
    return planTests(tests, alg, (t, c) => {
      const v: CipherVector = {
        alg,
        key: hexField(t, 'key', c.where),
        iv: hexField(t, 'iv', c.where),
        msg: hexField(t, 'msg', c.where),
        ct: hexField(t, 'ct', c.where),
      };
      const rejectsParameters =
        !fam.keyBits.includes(keyBits) || v.key.length * 8 !== keyBits || ivBits !== fam.ivBits || v.iv.length * 8 !== fam.ivBits;
      return { algorithm: alg, probes: probes(v), rejectsParameters, outOfScope };
    });
  },
};
