/**
 * `aead_test_schema_v1`: authenticated encryption with associated data.
 *
 * Every test runs through the streaming state (encrypt, encrypt-detached, decrypt,
 * decrypt-detached, with the nonce as the `nonce` option and the associated data absorbed) and
 * through the one-shot `symmetric-key.seal` / `open`.
 * @module
 */
import type { Scope } from '../scope.js';
import { OutputMismatch } from '../scope.js';
import { SKIP_AES_192, SKIP_GCM_NONCE, type Imports, type Probe, type SchemaHandler, type SkipReason, type TestCase } from '../types.js';
import { concatBytes, hexField, type JsonObject } from '../vector.js';
import { AES_KEY_BITS, aesName, arg, bitsField, groupTests, planTests, symmetricOptions } from './common.js';

interface AeadFamily {
  /** Our algorithm name for a key of `keyBits`. */
  name(keyBits: number): string;
  keyBits: readonly number[];
  nonceBits: number;
  /** AES-based: AES-192 keys are out of scope. */
  aes: boolean;
  /** AES-GCM: nonces other than 96 bits are out of scope (GHASH-derived counters). */
  gcm: boolean;
}

/** Wycheproof `algorithm` → our algorithms (docs/symmetric.md). */
const FAMILIES: Readonly<Record<string, AeadFamily>> = Object.freeze({
  'AES-GCM': { name: (k: number) => aesName(k, 'GCM'), keyBits: AES_KEY_BITS, nonceBits: 96, aes: true, gcm: true },
  'AES-GCM-SIV': { name: (k: number) => aesName(k, 'GCM-SIV'), keyBits: AES_KEY_BITS, nonceBits: 96, aes: true, gcm: false },
  'CHACHA20-POLY1305': { name: () => 'CHACHA20-POLY1305', keyBits: [256], nonceBits: 96, aes: false, gcm: false },
  'XCHACHA20-POLY1305': { name: () => 'XCHACHA20-POLY1305', keyBits: [256], nonceBits: 192, aes: false, gcm: false },
});

function family(algorithm: string): AeadFamily | undefined {
  return Object.prototype.hasOwnProperty.call(FAMILIES, algorithm) ? FAMILIES[algorithm] : undefined;
}

interface AeadVector {
  alg: string;
  key: Uint8Array;
  iv: Uint8Array;
  aad: Uint8Array;
  msg: Uint8Array;
  ct: Uint8Array;
  tag: Uint8Array;
}

function importKey(imports: Imports, scope: Scope, v: AeadVector) {
  return scope.add(imports['wasi:crypto/symmetric'].SymmetricKey.import(v.alg, arg(v.key)), 'symmetric-key');
}

/** A state opened with the key and the nonce option, the associated data absorbed. */
function openState(imports: Imports, scope: Scope, v: AeadVector) {
  const key = importKey(imports, scope, v);
  const opts = symmetricOptions(imports, scope, { nonce: arg(v.iv) });
  const st = scope.add(imports['wasi:crypto/symmetric'].SymmetricState.open(v.alg, key, opts), 'symmetric-state');
  st.absorb(arg(v.aad));
  return st;
}

function probes(v: AeadVector): Probe[] {
  const sealed = concatBytes(v.ct, v.tag);
  return [
    {
      name: 'state encrypt',
      role: 'produce',
      expected: sealed,
      run: (imports, scope) => openState(imports, scope, v).encrypt(arg(v.msg)),
    },
    {
      name: 'state encrypt-detached',
      role: 'produce',
      expected: sealed,
      run: (imports, scope) => {
        const [ct, tag] = openState(imports, scope, v).encryptDetached(arg(v.msg));
        scope.add(tag, 'symmetric-tag');
        const tagBytes = tag.toBytes();
        if (tag.len() !== tagBytes.length) throw new OutputMismatch(`symmetric-tag.len() is ${tag.len()} but to-bytes() has ${tagBytes.length} bytes`);
        return concatBytes(ct, tagBytes);
      },
    },
    {
      name: 'symmetric-key.seal',
      role: 'produce',
      expected: sealed,
      run: (imports, scope) => importKey(imports, scope, v).seal(arg(v.iv), arg(v.aad), arg(v.msg)),
    },
    {
      name: 'state decrypt',
      role: 'check',
      expected: v.msg,
      run: (imports, scope) => openState(imports, scope, v).decrypt(arg(sealed)),
    },
    {
      name: 'state decrypt-detached',
      role: 'check',
      expected: v.msg,
      run: (imports, scope) => openState(imports, scope, v).decryptDetached(arg(v.ct), arg(v.tag)),
    },
    {
      name: 'symmetric-key.open',
      role: 'check',
      expected: v.msg,
      run: (imports, scope) => importKey(imports, scope, v).open(arg(v.iv), arg(v.aad), arg(sealed)),
    },
  ];
}

export const aeadHandler: SchemaHandler = {
  family: 'aead',
  schemas: ['aead_test_schema_v1', 'aead_test_schema'],

  resolveAlgorithm(algorithm) {
    return family(algorithm)
      ? { ok: true }
      : { ok: false, reason: `AEAD algorithm ${JSON.stringify(algorithm)} has no counterpart in docs/symmetric.md (known: ${Object.keys(FAMILIES).join(', ')})` };
  },

  planGroup(header, group: JsonObject): TestCase[] {
    const fam = family(header.algorithm);
    if (!fam) throw new Error(`unresolved algorithm ${header.algorithm}`);
    const tests = groupTests(group, 'AeadTest');
    const keyBits = bitsField(group, 'keySize');
    const ivBits = bitsField(group, 'ivSize');
    // Required by the schema. A tag size other than the algorithm's is only read by decryption,
    // which then fails (and a `valid` test with a truncated AEAD tag fails: no skip allows it).
    bitsField(group, 'tagSize');
    const alg = fam.name(keyBits);
    let outOfScope: SkipReason | undefined;
    if (fam.aes && keyBits === 192) outOfScope = SKIP_AES_192;
    else if (fam.gcm && ivBits !== 96) outOfScope = SKIP_GCM_NONCE;
    return planTests(tests, alg, (t, c) => {
      const v: AeadVector = {
        alg,
        key: hexField(t, 'key', c.where),
        iv: hexField(t, 'iv', c.where),
        aad: hexField(t, 'aad', c.where),
        msg: hexField(t, 'msg', c.where),
        ct: hexField(t, 'ct', c.where),
        tag: hexField(t, 'tag', c.where),
      };
      // Key and nonce sizes are read by every operation: with sizes the algorithm does not have,
      // encryption must fail too. A tag of another size is only read by decryption.
      const rejectsParameters =
        !fam.keyBits.includes(keyBits) || v.key.length * 8 !== keyBits || ivBits !== fam.nonceBits || v.iv.length * 8 !== fam.nonceBits;
      return { algorithm: alg, probes: probes(v), rejectsParameters, outOfScope };
    });
  },
};
