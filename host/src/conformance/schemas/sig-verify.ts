/**
 * Signature verification schemas: `eddsa_verify_schema_v1` (Ed25519), `ecdsa_verify_schema_v1`
 * (DER signatures), `ecdsa_p1363_verify_schema_v1` (raw r‖s), `rsassa_pkcs1_verify_schema_v1`
 * and `rsassa_pss_verify_schema_v1` (older releases' names without `_v1` too).
 *
 * The group's public key is imported in each encoding the group gives that our host has (raw,
 * SEC1 `sec`, SPKI DER `pkcs8`, PEM; RSA also PKCS#1 `RSAPublicKey` through `pkcs8`); JWK is not
 * a wasi-crypto encoding and is not used. Every test then runs as:
 * - `signature-verification-state` with the first key encoding, the message absorbed in two parts;
 * - one-shot `verify` with the second (a DER signature is imported as `der`, must re-export the
 *   same bytes, and is exported `raw` for the one-shot function, which takes raw signatures);
 * - `signature-verification-state` with the third, after absorbing junk and `reset`.
 * `valid`: every probe verifies. `invalid`: every probe fails with a typed error
 * (`verification-failed`, `invalid-signature`, or a key-import error such as `invalid-key`).
 *
 * RSA exists on the node backend only (docs/asymmetric.md): on noble, RSA tests are not
 * applicable once every probe has confirmed `unsupported-algorithm`.
 * @module
 */
import { NA_RSA_PORTABLE, type Probe, type SchemaHandler, type TestCase } from '../types.js';
import { hexField, isObject, stringField, VectorFormatError, type JsonObject } from '../vector.js';
import { arg, planTests } from './common.js';
import {
  expectEqual,
  feedLabel,
  importPublicKey,
  importSignature,
  lookup,
  peekNumber,
  peekString,
  stateVerify,
  type EncodedKey,
  type Feed,
  type PublickeyEncoding,
  type SignatureEncoding,
} from './asym.js';

/** One way the group's public key may be given: the first present field name wins. */
interface KeySpec {
  readonly names: readonly string[];
  /** `nested`: the hex string is at `names[i]`.`nested` (e.g. publicKey.pk). */
  readonly nested?: string;
  readonly text: 'hex' | 'pem';
  readonly encoding: PublickeyEncoding;
  readonly label: string;
}

function has(obj: JsonObject, name: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, name);
}

/** The group's public keys in our encodings, in `specs` order (those the group has). */
function groupKeys(group: JsonObject, specs: readonly KeySpec[]): EncodedKey[] {
  const keys: EncodedKey[] = [];
  for (const spec of specs) {
    const name = spec.names.find((n) => has(group, n));
    if (name === undefined) continue;
    let holder: JsonObject = group;
    let fieldName = name;
    if (spec.nested !== undefined) {
      const inner = group[name];
      if (!isObject(inner)) throw new VectorFormatError(`test group: field "${name}" must be an object`);
      if (!has(inner, spec.nested)) throw new VectorFormatError(`test group: field "${name}.${spec.nested}" is missing`);
      holder = inner;
      fieldName = spec.nested;
    }
    const bytes = spec.text === 'pem' ? new TextEncoder().encode(stringField(holder, fieldName, 'test group')) : hexField(holder, fieldName, 'test group');
    keys.push({ bytes, encoding: spec.encoding, label: spec.label });
  }
  if (keys.length === 0) throw new VectorFormatError(`test group: no public key (looked for ${specs.map((s) => s.names.join('/')).join(', ')})`);
  return keys;
}

interface VerifyVector {
  readonly alg: string;
  readonly keys: readonly EncodedKey[];
  readonly msg: Uint8Array;
  readonly sig: Uint8Array;
  readonly sigEncoding: SignatureEncoding;
}

const SIG_LABEL: Readonly<Record<SignatureEncoding, string>> = { raw: 'raw signature', der: 'DER signature' };

function stateProbe(v: VerifyVector, key: EncodedKey, feed: Feed): Probe {
  return {
    name: `signature-verification-state (${key.label} public key, ${SIG_LABEL[v.sigEncoding]}, ${feedLabel(feed)})`,
    role: 'check',
    expected: null,
    run: (imports, scope) => {
      const pk = importPublicKey(imports, scope, 'signatures', v.alg, key);
      stateVerify(imports, scope, pk, v.alg, v.msg, v.sig, v.sigEncoding, feed);
      return null;
    },
  };
}

function oneShotProbe(v: VerifyVector, key: EncodedKey): Probe {
  const via = v.sigEncoding === 'der' ? 'DER signature imported, re-exported as DER and as raw' : 'raw signature';
  return {
    name: `one-shot verify (${key.label} public key, ${via})`,
    role: 'check',
    expected: null,
    run: (imports, scope) => {
      const pk = importPublicKey(imports, scope, 'signatures', v.alg, key);
      let raw = v.sig;
      if (v.sigEncoding === 'der') {
        const sig = importSignature(imports, scope, v.alg, v.sig, 'der');
        expectEqual("signature.export('der') of the imported DER signature", sig.export('der'), v.sig);
        raw = sig.export('raw');
      }
      imports['wasi:crypto/signatures'].verify(pk, arg(v.msg), arg(raw));
      return null;
    },
  };
}

function verifyProbes(v: VerifyVector): Probe[] {
  const [first, second, third] = v.keys;
  if (first === undefined) return [];
  const probes = [stateProbe(v, first, 'two-parts'), oneShotProbe(v, second ?? first)];
  if (third !== undefined) probes.push(stateProbe(v, third, 'after-reset'));
  return probes;
}

type Resolution = { ok: true } | { ok: false; reason: string };

/** A verification schema family: how groups map to our algorithms and where their keys are. */
interface VerifyFamily {
  readonly family: string;
  readonly schemas: readonly string[];
  /** Wycheproof `algorithm` values of this family. */
  readonly algorithms: readonly string[];
  readonly groupType: string;
  readonly sigEncoding: SignatureEncoding;
  readonly keys: readonly KeySpec[];
  /** Our algorithm for the group, or why there is none. */
  algorithm(group: JsonObject): { alg: string } | { reason: string } | { unreadable: string };
  readonly rsa: boolean;
}

function handler(f: VerifyFamily): SchemaHandler {
  return {
    family: f.family,
    schemas: f.schemas,
    resolveAlgorithm(algorithm) {
      return f.algorithms.includes(algorithm)
        ? { ok: true }
        : { ok: false, reason: `${JSON.stringify(algorithm)} is not a ${f.family} algorithm of docs/asymmetric.md (known: ${f.algorithms.join(', ')})` };
    },
    resolveGroup(_header, group): Resolution {
      const a = f.algorithm(group);
      return 'reason' in a ? { ok: false, reason: a.reason } : { ok: true };
    },
    planGroup(_header, group): TestCase[] {
      const type = stringField(group, 'type', 'test group');
      if (type !== f.groupType) throw new VectorFormatError(`test group: type is ${JSON.stringify(type)}, expected ${JSON.stringify(f.groupType)}`);
      const tests = group['tests'];
      if (!Array.isArray(tests)) throw new VectorFormatError('test group: "tests" is not an array');
      const a = f.algorithm(group);
      if ('unreadable' in a) throw new VectorFormatError(`test group: ${a.unreadable}`);
      if ('reason' in a) throw new VectorFormatError(`test group: ${a.reason}`);
      const keys = groupKeys(group, f.keys);
      return planTests(tests, a.alg, (t, c) => {
        const v: VerifyVector = { alg: a.alg, keys, msg: hexField(t, 'msg', c.where), sig: hexField(t, 'sig', c.where), sigEncoding: f.sigEncoding };
        return { algorithm: a.alg, probes: verifyProbes(v), rejectsParameters: false };
      }).map((tc) => (f.rsa && tc.malformed === undefined ? { ...tc, notApplicable: { backends: ['noble'], reason: NA_RSA_PORTABLE } } : tc));
    },
  };
}

// --- EdDSA ----------------------------------------------------------------------------------

const EDDSA_CURVES: Readonly<Record<string, string>> = Object.freeze({ edwards25519: 'Ed25519', ed25519: 'Ed25519' });

export const eddsaVerifyHandler: SchemaHandler = handler({
  family: 'EdDSA verification',
  schemas: ['eddsa_verify_schema_v1', 'eddsa_verify_schema'],
  algorithms: ['EDDSA', 'EdDSA'],
  groupType: 'EddsaVerify',
  sigEncoding: 'raw',
  rsa: false,
  keys: [
    { names: ['publicKey', 'key'], nested: 'pk', text: 'hex', encoding: 'raw', label: 'raw' },
    { names: ['publicKeyDer', 'keyDer'], text: 'hex', encoding: 'pkcs8', label: "SPKI DER 'pkcs8'" },
    { names: ['publicKeyPem', 'keyPem'], text: 'pem', encoding: 'pem', label: 'PEM' },
  ],
  algorithm(group) {
    const curve = peekString(group, 'publicKey', 'curve') ?? peekString(group, 'key', 'curve');
    if (curve === undefined) return { unreadable: 'no publicKey.curve' };
    const alg = lookup(EDDSA_CURVES, curve);
    return alg ? { alg } : { reason: `EdDSA curve ${JSON.stringify(curve)}: only Ed25519 (edwards25519) is in docs/asymmetric.md` };
  },
});

// --- ECDSA ----------------------------------------------------------------------------------

/** Wycheproof curve → (hash → our algorithm). */
const ECDSA: Readonly<Record<string, Readonly<Record<string, string>>>> = Object.freeze({
  secp256r1: { 'SHA-256': 'ECDSA_P256_SHA256' },
  'P-256': { 'SHA-256': 'ECDSA_P256_SHA256' },
  prime256v1: { 'SHA-256': 'ECDSA_P256_SHA256' },
  secp384r1: { 'SHA-384': 'ECDSA_P384_SHA384' },
  'P-384': { 'SHA-384': 'ECDSA_P384_SHA384' },
  secp256k1: { 'SHA-256': 'ECDSA_K256_SHA256' },
});

function ecdsaAlgorithm(group: JsonObject): { alg: string } | { reason: string } | { unreadable: string } {
  const curve = peekString(group, 'publicKey', 'curve') ?? peekString(group, 'key', 'curve');
  const sha = peekString(group, 'sha');
  if (curve === undefined) return { unreadable: 'no publicKey.curve' };
  if (sha === undefined) return { unreadable: 'no "sha" string' };
  const byHash = lookup(ECDSA, curve);
  if (!byHash) return { reason: `ECDSA curve ${JSON.stringify(curve)} is not in docs/asymmetric.md (P-256, P-384, secp256k1)` };
  const alg = lookup(byHash, sha);
  return alg ? { alg } : { reason: `ECDSA on ${curve} with ${sha}: docs/asymmetric.md pairs this curve with ${Object.keys(byHash).join(', ')} only` };
}

const ECDSA_KEYS: readonly KeySpec[] = [
  { names: ['publicKey', 'key'], nested: 'uncompressed', text: 'hex', encoding: 'sec', label: "SEC1 'sec'" },
  { names: ['publicKeyDer', 'keyDer'], text: 'hex', encoding: 'pkcs8', label: "SPKI DER 'pkcs8'" },
  { names: ['publicKeyPem', 'keyPem'], text: 'pem', encoding: 'pem', label: 'PEM' },
];

export const ecdsaVerifyHandler: SchemaHandler = handler({
  family: 'ECDSA verification (DER signatures)',
  schemas: ['ecdsa_verify_schema_v1', 'ecdsa_verify_schema'],
  algorithms: ['ECDSA'],
  groupType: 'EcdsaVerify',
  sigEncoding: 'der',
  rsa: false,
  keys: ECDSA_KEYS,
  algorithm: ecdsaAlgorithm,
});

export const ecdsaP1363VerifyHandler: SchemaHandler = handler({
  family: 'ECDSA verification (IEEE P1363 r‖s signatures)',
  schemas: ['ecdsa_p1363_verify_schema_v1', 'ecdsa_p1363_verify_schema'],
  algorithms: ['ECDSA'],
  groupType: 'EcdsaP1363Verify',
  sigEncoding: 'raw',
  rsa: false,
  keys: ECDSA_KEYS,
  algorithm: ecdsaAlgorithm,
});

// --- RSA ------------------------------------------------------------------------------------

const RSA_HASHES: Readonly<Record<string, { name: string; bytes: number }>> = Object.freeze({
  'SHA-256': { name: 'SHA256', bytes: 32 },
  'SHA-384': { name: 'SHA384', bytes: 48 },
  'SHA-512': { name: 'SHA512', bytes: 64 },
});

/**
 * `RSA_<scheme>_<size>_<hash>`: the size is the largest named one (2048, 3072, 4096) the modulus
 * reaches (docs: "modulus at least the named size and at most 4096 bits").
 */
function rsaAlgorithm(group: JsonObject, scheme: 'PKCS1' | 'PSS'): { alg: string } | { reason: string } | { unreadable: string } {
  const bits = peekNumber(group, 'keySize') ?? peekNumber(group, 'keysize');
  const sha = peekString(group, 'sha');
  if (bits === undefined) return { unreadable: 'no "keySize" number' };
  if (sha === undefined) return { unreadable: 'no "sha" string' };
  const hash = lookup(RSA_HASHES, sha);
  if (!hash) return { reason: `RSA with ${sha}: docs/asymmetric.md has SHA-256, SHA-384 and SHA-512 only` };
  if (bits < 2048 || bits > 4096) return { reason: `RSA with a ${bits}-bit modulus: docs/asymmetric.md allows 2048 to 4096 bits` };
  if (scheme === 'PSS') {
    const mgf = peekString(group, 'mgf');
    const mgfSha = peekString(group, 'mgfSha');
    const sLen = peekNumber(group, 'sLen');
    if (mgf === undefined || mgfSha === undefined || sLen === undefined) return { unreadable: 'no "mgf", "mgfSha" or "sLen"' };
    if (mgf !== 'MGF1' || mgfSha !== sha || sLen !== hash.bytes) {
      return { reason: `RSA-PSS with ${mgf}/${mgfSha} and a ${sLen}-byte salt: our RSA_PSS_* use MGF1 with the message hash and salt length = hash length (${hash.bytes} bytes)` };
    }
  }
  const size = bits >= 4096 ? 4096 : bits >= 3072 ? 3072 : 2048;
  return { alg: `RSA_${scheme}_${size}_${hash.name}` };
}

const RSA_KEYS: readonly KeySpec[] = [
  { names: ['publicKeyDer', 'keyDer'], text: 'hex', encoding: 'pkcs8', label: "SPKI DER 'pkcs8'" },
  { names: ['publicKeyPem', 'keyPem'], text: 'pem', encoding: 'pem', label: 'PEM' },
  { names: ['publicKeyAsn', 'keyAsn'], text: 'hex', encoding: 'pkcs8', label: "PKCS#1 RSAPublicKey DER 'pkcs8'" },
];

export const rsaPkcs1VerifyHandler: SchemaHandler = handler({
  family: 'RSASSA-PKCS1-v1_5 verification',
  schemas: ['rsassa_pkcs1_verify_schema_v1', 'rsassa_pkcs1_verify_schema'],
  algorithms: ['RSASSA-PKCS1-v1_5'],
  groupType: 'RsassaPkcs1Verify',
  sigEncoding: 'raw',
  rsa: true,
  keys: RSA_KEYS,
  algorithm: (g) => rsaAlgorithm(g, 'PKCS1'),
});

export const rsaPssVerifyHandler: SchemaHandler = handler({
  family: 'RSASSA-PSS verification',
  schemas: ['rsassa_pss_verify_schema_v1', 'rsassa_pss_verify_schema'],
  algorithms: ['RSASSA-PSS'],
  groupType: 'RsassaPssVerify',
  sigEncoding: 'raw',
  rsa: true,
  keys: RSA_KEYS,
  algorithm: (g) => rsaAlgorithm(g, 'PSS'),
});
