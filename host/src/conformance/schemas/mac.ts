/**
 * `mac_test_schema_v1`: MACs (HMAC, KMAC, AES-CMAC), through the streaming state (`squeeze-tag`,
 * then the tag's `to-bytes` and `verify`) and the one-shot `symmetric-key.mac` / `mac-verify`.
 * KMAC with a customization string runs through the state only (the one-shot has none).
 * @module
 */
import type { Scope } from '../scope.js';
import { OutputMismatch } from '../scope.js';
import { SKIP_AES_192, SKIP_TRUNCATED_MAC, type Imports, type Probe, type SchemaHandler, type SkipReason, type TestCase } from '../types.js';
import { hexField, optionalHexField, type JsonObject } from '../vector.js';
import { AES_KEY_BITS, aesName, arg, bitsField, groupTests, halves, planTests, symmetricOptions } from './common.js';

interface MacFamily {
  name(keyBits: number): string;
  /** The length of the MAC this host computes, in bits; a shorter `tagSize` is a truncated tag. */
  fullBits: number;
  /** Key sizes the algorithm accepts, in bits (`undefined`: any length). */
  keyBits?: readonly number[];
  aes: boolean;
}

/** Wycheproof `algorithm` → our algorithms (docs/symmetric.md). */
const FAMILIES: Readonly<Record<string, MacFamily>> = Object.freeze({
  HMACSHA256: { name: () => 'HMAC/SHA-256', fullBits: 256, aes: false },
  HMACSHA384: { name: () => 'HMAC/SHA-384', fullBits: 384, aes: false },
  HMACSHA512: { name: () => 'HMAC/SHA-512', fullBits: 512, aes: false },
  // KMAC's output length is an input of the function; the host computes 32 / 64-byte KMACs.
  KMAC128: { name: () => 'KMAC-128', fullBits: 256, aes: false },
  KMAC256: { name: () => 'KMAC-256', fullBits: 512, aes: false },
  'AES-CMAC': { name: (k: number) => aesName(k, 'CMAC'), fullBits: 128, keyBits: AES_KEY_BITS, aes: true },
});

function family(algorithm: string): MacFamily | undefined {
  return Object.prototype.hasOwnProperty.call(FAMILIES, algorithm) ? FAMILIES[algorithm] : undefined;
}

interface MacVector {
  alg: string;
  key: Uint8Array;
  msg: Uint8Array;
  tag: Uint8Array;
  /** KMAC customization string (the `context` option), if the vector has one. */
  customization: Uint8Array | undefined;
}

function importKey(imports: Imports, scope: Scope, v: MacVector) {
  return scope.add(imports['wasi:crypto/symmetric'].SymmetricKey.import(v.alg, arg(v.key)), 'symmetric-key');
}

function openState(imports: Imports, scope: Scope, v: MacVector) {
  const key = importKey(imports, scope, v);
  const opts = v.customization === undefined ? undefined : symmetricOptions(imports, scope, { context: arg(v.customization) });
  return scope.add(imports['wasi:crypto/symmetric'].SymmetricState.open(v.alg, key, opts), 'symmetric-state');
}

function probes(v: MacVector): Probe[] {
  const list: Probe[] = [
    {
      name: 'state squeeze-tag',
      role: 'produce',
      expected: v.tag,
      run: (imports, scope) => {
        const st = openState(imports, scope, v);
        st.absorb(arg(v.msg));
        const tag = scope.add(st.squeezeTag(), 'symmetric-tag');
        const bytes = tag.toBytes();
        if (tag.len() !== bytes.length) throw new OutputMismatch(`symmetric-tag.len() is ${tag.len()} but to-bytes() has ${bytes.length} bytes`);
        return bytes;
      },
    },
    {
      name: 'state squeeze-tag + symmetric-tag.verify (message absorbed in two parts)',
      role: 'check',
      expected: null,
      run: (imports, scope) => {
        const st = openState(imports, scope, v);
        for (const part of halves(v.msg)) st.absorb(part);
        scope.add(st.squeezeTag(), 'symmetric-tag').verify(arg(v.tag));
        return null;
      },
    },
  ];
  if (v.customization === undefined || v.customization.length === 0) {
    list.push(
      { name: 'symmetric-key.mac', role: 'produce', expected: v.tag, run: (imports, scope) => importKey(imports, scope, v).mac(arg(v.msg)) },
      {
        name: 'symmetric-key.mac-verify',
        role: 'check',
        expected: null,
        run: (imports, scope) => {
          importKey(imports, scope, v).macVerify(arg(v.msg), arg(v.tag));
          return null;
        },
      },
    );
  }
  return list;
}

export const macHandler: SchemaHandler = {
  family: 'mac',
  schemas: ['mac_test_schema_v1', 'mac_test_schema'],

  resolveAlgorithm(algorithm) {
    return family(algorithm)
      ? { ok: true }
      : { ok: false, reason: `MAC algorithm ${JSON.stringify(algorithm)} has no counterpart in docs/symmetric.md (known: ${Object.keys(FAMILIES).join(', ')})` };
  },

  planGroup(header, group: JsonObject): TestCase[] {
    const fam = family(header.algorithm);
    if (!fam) throw new Error(`unresolved algorithm ${header.algorithm}`);
    const tests = groupTests(group, 'MacTest');
    const keyBits = bitsField(group, 'keySize');
    const tagBits = bitsField(group, 'tagSize');
    const groupCustomization = optionalHexField(group, 'customization', 'test group');
    const alg = fam.name(keyBits);
    let outOfScope: SkipReason | undefined;
    if (fam.aes && keyBits === 192) outOfScope = SKIP_AES_192;
    else if (tagBits < fam.fullBits) outOfScope = SKIP_TRUNCATED_MAC;
    return planTests(tests, alg, (t, c) => {
      const v: MacVector = {
        alg,
        key: hexField(t, 'key', c.where),
        msg: hexField(t, 'msg', c.where),
        tag: hexField(t, 'tag', c.where),
        customization: optionalHexField(t, 'customization', c.where) ?? groupCustomization,
      };
      // The key size is read by every operation; the tag size only by verification.
      const rejectsParameters = fam.keyBits !== undefined && (!fam.keyBits.includes(keyBits) || v.key.length * 8 !== keyBits);
      return { algorithm: alg, probes: probes(v), rejectsParameters, outOfScope };
    });
  },
};
