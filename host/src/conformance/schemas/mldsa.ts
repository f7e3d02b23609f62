/**
 * ML-DSA (FIPS 204): `mldsa_verify_schema`, `mldsa_sign_seed_schema`, `mldsa_sign_noseed_schema`.
 *
 * Verification: `signature-verification-state` with the raw public key (message in two parts,
 * the test's `ctx` as the `context` option), and one-shot `verify` with the SPKI DER key (or, when
 * the test has a non-empty context, which the one-shot function cannot take, a second state).
 *
 * Signing: the key pair is imported from the group's seed (`raw`, 32 bytes; or the PKCS#8 DER
 * the group gives) or expanded private key (`raw`). ML-DSA signing is hedged: its 32-byte `rnd`
 * comes from the host's random source (docs/asymmetric.md). The vector's `rnd` (all zeros when
 * absent: deterministic signing) is
 * - on noble: fed through the host's random source, and the signature must equal the vector's,
 *   through the signing state and the one-shot `sign`;
 * - on node: not injected (the exact output is not checked there); the runner signs, then
 *   verifies the new signature with the key pair's public key and the group's public key.
 * On both backends the key pair's public key must equal the group's, and the vector's signature
 * must verify with it. Tests that give only µ (FIPS 204 "internal" signing) are skipped if valid:
 * the API signs messages.
 * @module
 */
import { SKIP_MLDSA_MU, type Probe, type SchemaHandler, type TestCase } from '../types.js';
import { hexField, stringField, VectorFormatError, type JsonObject } from '../vector.js';
import { arg, halves, planTests } from './common.js';
import {
  importKeypair,
  importPublicKey,
  lookup,
  optionalHex,
  signatureOptions,
  stateVerify,
  withInjectedRandom,
  type EncodedKey,
  type Keypair,
  type KeypairEncoding,
} from './asym.js';
import type { Imports, ProbeEnv } from '../types.js';
import type { Scope } from '../scope.js';

interface MlDsaParams {
  readonly publicKeyBytes: number;
  readonly secretKeyBytes: number;
  readonly signatureBytes: number;
}

/** FIPS 204 sizes (docs/asymmetric.md). */
const PARAMS: Readonly<Record<string, MlDsaParams>> = Object.freeze({
  'ML-DSA-44': { publicKeyBytes: 1312, secretKeyBytes: 2560, signatureBytes: 2420 },
  'ML-DSA-65': { publicKeyBytes: 1952, secretKeyBytes: 4032, signatureBytes: 3309 },
  'ML-DSA-87': { publicKeyBytes: 2592, secretKeyBytes: 4896, signatureBytes: 4627 },
});
const SEED_BYTES = 32;
const RND_BYTES = 32;
const MAX_CONTEXT = 255;

function resolve(algorithm: string): { ok: true } | { ok: false; reason: string } {
  return lookup(PARAMS, algorithm)
    ? { ok: true }
    : { ok: false, reason: `${JSON.stringify(algorithm)} is not an ML-DSA parameter set of docs/asymmetric.md (${Object.keys(PARAMS).join(', ')})` };
}

function checkType(group: JsonObject, want: string): readonly unknown[] {
  const type = stringField(group, 'type', 'test group');
  if (type !== want) throw new VectorFormatError(`test group: type is ${JSON.stringify(type)}, expected ${JSON.stringify(want)}`);
  const tests = group['tests'];
  if (!Array.isArray(tests)) throw new VectorFormatError('test group: "tests" is not an array');
  return tests;
}

// --- verification ---------------------------------------------------------------------------

export const mldsaVerifyHandler: SchemaHandler = {
  family: 'ML-DSA verification',
  schemas: ['mldsa_verify_schema', 'mldsa_verify_schema_v1'],
  resolveAlgorithm: resolve,

  planGroup(header, group): TestCase[] {
    const alg = header.algorithm;
    const tests = checkType(group, 'MlDsaVerify');
    const raw: EncodedKey = { bytes: hexField(group, 'publicKey', 'test group'), encoding: 'raw', label: 'raw' };
    const der = optionalHex(group, 'publicKeyDer', 'test group');
    const spki: EncodedKey = der ? { bytes: der, encoding: 'pkcs8', label: "SPKI DER 'pkcs8'" } : raw;
    return planTests(tests, alg, (t, c) => {
      const msg = hexField(t, 'msg', c.where);
      const sig = hexField(t, 'sig', c.where);
      const ctx = optionalHex(t, 'ctx', c.where);
      const ctxLabel = ctx === undefined ? '' : `, context option (${ctx.length} bytes)`;
      const probes: Probe[] = [
        {
          name: `signature-verification-state (raw public key, message in two parts${ctxLabel})`,
          role: 'check',
          expected: null,
          run: (imports, scope) => {
            stateVerify(imports, scope, importPublicKey(imports, scope, 'signatures', alg, raw), alg, msg, sig, 'raw', 'two-parts', ctx);
            return null;
          },
        },
        ctx === undefined || ctx.length === 0
          ? {
              name: `one-shot verify (${spki.label} public key)`,
              role: 'check',
              expected: null,
              run: (imports, scope) => {
                imports['wasi:crypto/signatures'].verify(importPublicKey(imports, scope, 'signatures', alg, spki), arg(msg), arg(sig));
                return null;
              },
            }
          : {
              name: `signature-verification-state (${spki.label} public key, junk absorbed, reset, message${ctxLabel})`,
              role: 'check',
              expected: null,
              run: (imports, scope) => {
                stateVerify(imports, scope, importPublicKey(imports, scope, 'signatures', alg, spki), alg, msg, sig, 'raw', 'after-reset', ctx);
                return null;
              },
            },
      ];
      return { algorithm: alg, probes, rejectsParameters: false };
    });
  },
};

// --- signing --------------------------------------------------------------------------------

interface SignKey {
  readonly bytes: Uint8Array;
  readonly encoding: KeypairEncoding;
  readonly label: string;
}

interface SignVector {
  readonly alg: string;
  /** The key for the signing state, and the one for the one-shot `sign` (PKCS#8 if the group has it). */
  readonly stateKey: SignKey;
  readonly oneShotKey: SignKey;
  /** The group's public key (`null` when the private key is invalid). */
  readonly publicKey: Uint8Array | null;
  readonly msg: Uint8Array;
  readonly ctx: Uint8Array | undefined;
  readonly rnd: Uint8Array;
  readonly sig: Uint8Array;
}

const EXACT: readonly ['noble'] = ['noble'];
const ROUND_TRIP: readonly ['node'] = ['node'];

function keypair(imports: Imports, scope: Scope, v: SignVector, key: SignKey): Keypair {
  return importKeypair(imports, scope, 'signatures', v.alg, key.bytes, key.encoding, key.label);
}

/** Signs through the state (with `ctx`) or the one-shot function; returns the raw signature. */
function sign(imports: Imports, scope: Scope, v: SignVector, kp: Keypair, how: 'state' | 'one-shot', draw: <T>(op: () => T) => T): Uint8Array {
  const sigs = imports['wasi:crypto/signatures'];
  if (how === 'one-shot') {
    const msg = arg(v.msg);
    return draw(() => sigs.sign(kp, msg));
  }
  const st = scope.add(sigs.SignatureState.open(kp, signatureOptions(imports, scope, v.ctx)), 'signature-state');
  for (const part of halves(v.msg)) st.update(part);
  const sig = scope.add(draw(() => st.sign()), 'signature');
  return sig.export('raw');
}

/** Whether the one-shot `sign` can run this test (it takes no context). */
function oneShotFits(v: SignVector): boolean {
  return v.ctx === undefined || v.ctx.length === 0;
}

function signProbes(v: SignVector, result: string, keyRejected: boolean): Probe[] {
  const ctxLabel = v.ctx === undefined ? '' : `, context option (${v.ctx.length} bytes)`;
  // The signing state with the raw key; the one-shot `sign` with the PKCS#8 key if the group has
  // one (or, when the test has a context, which the one-shot cannot take, a second state).
  const ways: { key: SignKey; mode: 'state' | 'one-shot' }[] = [{ key: v.stateKey, mode: 'state' }];
  if (oneShotFits(v)) ways.push({ key: v.oneShotKey, mode: 'one-shot' });
  else if (v.oneShotKey !== v.stateKey) ways.push({ key: v.oneShotKey, mode: 'state' });
  const probes: Probe[] = [];
  for (const { key, mode } of ways) {
    const name = mode === 'one-shot' ? `one-shot sign (key pair ${key.label})` : `signature-state sign (key pair ${key.label}, message in two parts${ctxLabel})`;
    probes.push({
      name: `${name}, rnd injected through the host's random source`,
      role: 'produce',
      expected: v.sig,
      backends: EXACT,
      run: (imports, scope, env: ProbeEnv) => sign(imports, scope, v, keypair(imports, scope, v, key), mode, (op) => withInjectedRandom(env, v.rnd, 'ML-DSA signing', op)),
    });
    probes.push({
      name: `${name}, then the new signature verifies with the key pair's and the group's public key (node: rnd not injected, output not compared)`,
      role: 'check',
      expected: null,
      backends: ROUND_TRIP,
      run: (imports, scope) => {
        const kp = keypair(imports, scope, v, key);
        const sig = sign(imports, scope, v, kp, mode, (op) => op());
        const pks = [scope.add(kp.publickey(), 'publickey (of the key pair)')];
        if (v.publicKey !== null) pks.push(importPublicKey(imports, scope, 'signatures', v.alg, { bytes: v.publicKey, encoding: 'raw', label: 'raw' }));
        for (const pk of pks) stateVerify(imports, scope, pk, v.alg, v.msg, sig, 'raw', 'two-parts', v.ctx);
        return null;
      },
    });
  }
  // The key pair's public key is the group's (key derivation is deterministic). For an invalid test
  // this is only meaningful when the key itself is what is invalid.
  if (v.publicKey !== null && (result !== 'invalid' || keyRejected)) {
    const pk = v.publicKey;
    probes.push({
      name: `keypair.publickey().export('raw') (key pair ${v.stateKey.label})`,
      role: 'check',
      expected: pk,
      run: (imports, scope) => scope.add(keypair(imports, scope, v, v.stateKey).publickey(), 'publickey').export('raw'),
    });
  }
  if (v.sig.length > 0) {
    probes.push({
      name: `the vector's signature verifies with the key pair's public key (signature-verification-state${ctxLabel})`,
      role: 'check',
      expected: null,
      run: (imports, scope) => {
        const pk = scope.add(keypair(imports, scope, v, v.stateKey).publickey(), 'publickey');
        stateVerify(imports, scope, pk, v.alg, v.msg, v.sig, 'raw', 'two-parts', v.ctx);
        return null;
      },
    });
  }
  return probes;
}

/** For tests that give only µ: the key pair must still import (or, for an invalid key, fail). */
function keyOnlyProbe(alg: string, key: SignKey): Probe {
  return {
    name: `keypair import (${key.label}); the test itself gives only µ`,
    role: 'check',
    expected: null,
    run: (imports, scope) => {
      importKeypair(imports, scope, 'signatures', alg, key.bytes, key.encoding, key.label);
      return null;
    },
  };
}

function signHandler(seeded: boolean): SchemaHandler {
  return {
    family: seeded ? 'ML-DSA signing (seed keys)' : 'ML-DSA signing (expanded keys)',
    schemas: seeded ? ['mldsa_sign_seed_schema', 'mldsa_sign_seed_schema_v1'] : ['mldsa_sign_noseed_schema', 'mldsa_sign_noseed_schema_v1'],
    resolveAlgorithm: resolve,

    planGroup(header, group): TestCase[] {
      const alg = header.algorithm;
      const params = PARAMS[alg];
      if (!params) throw new Error(`unresolved algorithm ${alg}`);
      const tests = checkType(group, 'MlDsaSign');
      const privateBytes = hexField(group, seeded ? 'privateSeed' : 'privateKey', 'test group');
      const rawKey: SignKey = { bytes: privateBytes, encoding: 'raw', label: seeded ? "seed 'raw'" : "expanded private key 'raw'" };
      const pkcs8 = seeded ? optionalHex(group, 'privateKeyPkcs8', 'test group') : undefined;
      // An empty PKCS#8 field accompanies an invalid seed: the raw seed is then the test's key.
      const oneShotKey: SignKey = pkcs8 !== undefined && pkcs8.length > 0 ? { bytes: pkcs8, encoding: 'pkcs8', label: "PKCS#8 DER 'pkcs8'" } : rawKey;
      const publicKey = optionalHex(group, 'publicKey', 'test group') ?? null;
      const keyRejected = privateBytes.length !== (seeded ? SEED_BYTES : params.secretKeyBytes);
      return planTests(tests, alg, (t, c) => {
        const ctx = optionalHex(t, 'ctx', c.where);
        const sig = hexField(t, 'sig', c.where);
        const msg = optionalHex(t, 'msg', c.where);
        const rejectsParameters = keyRejected || (ctx !== undefined && ctx.length > MAX_CONTEXT);
        if (msg === undefined) {
          if (optionalHex(t, 'mu', c.where) === undefined && c.result !== 'invalid') throw new VectorFormatError(`${c.where}: neither "msg" nor "mu"`);
          return { algorithm: alg, probes: [keyOnlyProbe(alg, rawKey)], rejectsParameters, outOfScope: SKIP_MLDSA_MU };
        }
        const rnd = optionalHex(t, 'rnd', c.where) ?? new Uint8Array(RND_BYTES);
        if (rnd.length !== RND_BYTES) throw new VectorFormatError(`${c.where}: "rnd" has ${rnd.length} bytes, FIPS 204 rnd has ${RND_BYTES}`);
        const v: SignVector = { alg, stateKey: rawKey, oneShotKey, publicKey, msg, ctx, rnd, sig };
        return { algorithm: alg, probes: signProbes(v, c.result, keyRejected), rejectsParameters };
      });
    },
  };
}

export const mldsaSignSeedHandler: SchemaHandler = signHandler(true);
export const mldsaSignNoSeedHandler: SchemaHandler = signHandler(false);
