/**
 * ASN.1 and PEM encodings of asymmetric keys and ECDSA signatures (docs/asymmetric.md, "Encodings").
 *
 * Only structure lives here: no arithmetic, no point or key validation beyond lengths and shapes
 * (the backends do that). Everything is parsed and written with @peculiar/asn1-schema and the schema
 * classes of the @peculiar/asn1-* packages; PEM's base64 comes from pvtsutils. Nothing Node-only.
 *
 * Strictness. asn1-schema parses with asn1js, which reads BER and ignores trailing data. So every
 * decoder here extracts the values, rebuilds the one DER encoding those values have (minimal
 * positive INTEGERs, the expected AlgorithmIdentifier, BIT STRINGs without unused bits, ...),
 * serializes it and compares it byte for byte with the input. Any difference (long-form or
 * indefinite lengths, constructed strings, non-minimal or negative integers, trailing bytes,
 * unexpected parameters) is an error.
 *
 * Standards: SPKI RFC 5280; PKCS#8 v1 RFC 5208 / v2 (OneAsymmetricKey) RFC 5958; EC keys RFC 5480 and
 * RFC 5915; Ed25519/X25519 RFC 8410; RSA RFC 8017 (PKCS#1) and RFC 3279; ML-DSA RFC 9881
 * (draft-ietf-lamps-dilithium-certificates); ML-KEM RFC 9935 (draft-ietf-lamps-kyber-certificates);
 * PEM RFC 7468.
 */
import {
  AsnConvert,
  AsnProp,
  AsnPropTypes,
  AsnType,
  AsnTypeTypes,
  OctetString,
} from '@peculiar/asn1-schema';
import { AlgorithmIdentifier, SubjectPublicKeyInfo } from '@peculiar/asn1-x509';
import { Attributes, PrivateKey, PrivateKeyInfo, Version } from '@peculiar/asn1-pkcs8';
import {
  ECDSASigValue,
  ECParameters,
  ECPrivateKey,
  id_ecPublicKey,
  id_secp256r1,
  id_secp384r1,
} from '@peculiar/asn1-ecc';
import { RSAPrivateKey, RSAPublicKey, id_rsaEncryption } from '@peculiar/asn1-rsa';
import { Convert } from 'pvtsutils';
import type { EcCurve, MlDsaLevel, MlKemLevel } from '../backends/types.js';
import { fail, type ErrorCode } from './errors.js';

export type KeyKind =
  | { family: 'ed25519' }
  | { family: 'x25519' }
  | { family: 'ec'; curve: EcCurve }
  | { family: 'rsa' }
  | { family: 'ml-dsa'; level: MlDsaLevel }
  | { family: 'ml-kem'; level: MlKemLevel };

// ---------------------------------------------------------------------------------------------
// Identifiers and sizes

/** RFC 8410 §3. */
const OID_ED25519 = '1.3.101.112';
const OID_X25519 = '1.3.101.110';
/** SEC 2 secp256k1 (not among asn1-ecc's constants). */
const OID_SECP256K1 = '1.3.132.0.10';

const EC_CURVES: Readonly<Record<EcCurve, { readonly oid: string; readonly size: number }>> = Object.freeze({
  'P-256': Object.freeze({ oid: id_secp256r1, size: 32 }),
  'P-384': Object.freeze({ oid: id_secp384r1, size: 48 }),
  secp256k1: Object.freeze({ oid: OID_SECP256K1, size: 32 }),
});

interface PqSizes {
  readonly oid: string;
  /** Public key (ML-DSA pk / ML-KEM ek). */
  readonly pk: number;
  /** Expanded secret key (ML-DSA sk / ML-KEM dk). */
  readonly sk: number;
  readonly seed: number;
}

/** RFC 9881 §2 (id-ml-dsa-44/65/87) and FIPS 204 Table 2. */
const ML_DSA: Readonly<Record<MlDsaLevel, PqSizes>> = Object.freeze({
  'ML-DSA-44': Object.freeze({ oid: '2.16.840.1.101.3.4.3.17', pk: 1312, sk: 2560, seed: 32 }),
  'ML-DSA-65': Object.freeze({ oid: '2.16.840.1.101.3.4.3.18', pk: 1952, sk: 4032, seed: 32 }),
  'ML-DSA-87': Object.freeze({ oid: '2.16.840.1.101.3.4.3.19', pk: 2592, sk: 4896, seed: 32 }),
});

/** RFC 9935 §3 (id-alg-ml-kem-512/768/1024) and FIPS 203 Table 3. */
const ML_KEM: Readonly<Record<MlKemLevel, PqSizes>> = Object.freeze({
  'ML-KEM-512': Object.freeze({ oid: '2.16.840.1.101.3.4.4.1', pk: 800, sk: 1632, seed: 64 }),
  'ML-KEM-768': Object.freeze({ oid: '2.16.840.1.101.3.4.4.2', pk: 1184, sk: 2400, seed: 64 }),
  'ML-KEM-1024': Object.freeze({ oid: '2.16.840.1.101.3.4.4.3', pk: 1568, sk: 3168, seed: 64 }),
});

// ---------------------------------------------------------------------------------------------
// Schemas asn1-schema's packages do not have.
//
// asn1-schema's decorators are legacy (experimentalDecorators) property decorators; this project
// compiles with standard decorators, under which `@AsnProp(...)` does not type-check (TS1240) and
// would be called with the wrong arguments. So the decorator factories are applied as plain
// function calls, once, when this module loads: exactly the registration the packages' own
// compiled classes perform through tslib's __decorate.

/**
 * OneAsymmetricKey (RFC 5958 §2): PrivateKeyInfo v1 plus the v2 public key.
 * ```asn1
 * OneAsymmetricKey ::= SEQUENCE {
 *   version                   Version,            -- v1(0) | v2(1)
 *   privateKeyAlgorithm       PrivateKeyAlgorithmIdentifier,
 *   privateKey                PrivateKey,         -- OCTET STRING
 *   attributes            [0] Attributes OPTIONAL,
 *   ...,
 *   [[2: publicKey        [1] PublicKey OPTIONAL ]], -- IMPLICIT BIT STRING
 *   ... }
 * ```
 */
class OneAsymmetricKey {
  version: number = 0;
  privateKeyAlgorithm: AlgorithmIdentifier = new AlgorithmIdentifier();
  privateKey: OctetString = new OctetString();
  attributes?: Attributes;
  publicKey?: ArrayBuffer;
}
AsnProp({ type: AsnPropTypes.Integer })(OneAsymmetricKey.prototype, 'version');
AsnProp({ type: AlgorithmIdentifier })(OneAsymmetricKey.prototype, 'privateKeyAlgorithm');
AsnProp({ type: OctetString })(OneAsymmetricKey.prototype, 'privateKey');
AsnProp({ type: Attributes, context: 0, implicit: true, optional: true })(OneAsymmetricKey.prototype, 'attributes');
AsnProp({ type: AsnPropTypes.BitString, context: 1, implicit: true, optional: true })(
  OneAsymmetricKey.prototype,
  'publicKey',
);

/** The `both` arm of the ML-DSA / ML-KEM private key CHOICE. */
class PqSeedAndExpanded {
  seed: OctetString = new OctetString();
  expandedKey: OctetString = new OctetString();
}
AsnProp({ type: OctetString })(PqSeedAndExpanded.prototype, 'seed');
AsnProp({ type: OctetString })(PqSeedAndExpanded.prototype, 'expandedKey');

/**
 * RFC 9881 §6 / RFC 9935 §6 (both modules use IMPLICIT TAGS):
 * ```asn1
 * ML-DSA-44-PrivateKey ::= CHOICE {          -- likewise ML-DSA-65/87, ML-KEM-512/768/1024
 *   seed [0] OCTET STRING (SIZE (32)),       -- 64 for ML-KEM
 *   expandedKey OCTET STRING (SIZE (2560)),
 *   both SEQUENCE {
 *     seed OCTET STRING (SIZE (32)),
 *     expandedKey OCTET STRING (SIZE (2560)) } }
 * ```
 */
class PqPrivateKey {
  seed?: ArrayBuffer;
  expandedKey?: OctetString;
  both?: PqSeedAndExpanded;
}
AsnProp({ type: AsnPropTypes.OctetString, context: 0, implicit: true })(PqPrivateKey.prototype, 'seed');
AsnProp({ type: OctetString })(PqPrivateKey.prototype, 'expandedKey');
AsnProp({ type: PqSeedAndExpanded })(PqPrivateKey.prototype, 'both');
AsnType({ type: AsnTypeTypes.Choice })(PqPrivateKey);

// ---------------------------------------------------------------------------------------------
// Byte helpers

/** A fresh Uint8Array copy. */
function bytesOf(b: ArrayBuffer | Uint8Array): Uint8Array {
  const src = b instanceof Uint8Array ? b : new Uint8Array(b);
  const out = new Uint8Array(src.length);
  out.set(src);
  return out;
}

/** A fresh ArrayBuffer holding exactly these bytes. */
function bufferOf(b: Uint8Array): ArrayBuffer {
  const out = new Uint8Array(b.length);
  out.set(b);
  return out.buffer;
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let d = 0;
  for (let i = 0; i < a.length; i++) d |= a[i]! ^ b[i]!;
  return d === 0;
}

function serialize(value: object): Uint8Array {
  return new Uint8Array(AsnConvert.serialize(value));
}

/** Parses with asn1-schema; any failure (not BER, schema mismatch) → `code`. Lenient: follow with requireDer. */
function parse<T>(der: Uint8Array, type: new () => T, code: ErrorCode, what: string): T {
  if (der.length === 0) fail(code, `${what}: empty input`);
  try {
    return AsnConvert.parse(bufferOf(der), type);
  } catch {
    return fail(code, `${what}: malformed ASN.1`);
  }
}

/** The re-serialize-and-compare rule: `input` must be exactly the DER encoding rebuilt from its values. */
function requireDer(input: Uint8Array, canonical: Uint8Array, code: ErrorCode, what: string): void {
  if (!equalBytes(input, canonical)) {
    fail(code, `${what}: not DER (non-canonical encoding, unexpected fields or trailing data)`);
  }
}

/** Magnitude of a non-negative INTEGER from its content octets (leading zeros removed); null if negative or empty. */
function unsignedOf(content: ArrayBuffer): Uint8Array | null {
  const c = new Uint8Array(content);
  if (c.length === 0 || (c[0]! & 0x80) !== 0) return null;
  let i = 0;
  while (i < c.length && c[i] === 0) i++;
  return c.slice(i);
}

/** Content octets of the minimal DER INTEGER for an unsigned big-endian magnitude. */
function integerContent(magnitude: Uint8Array): ArrayBuffer {
  let i = 0;
  while (i < magnitude.length && magnitude[i] === 0) i++;
  const m = magnitude.subarray(i);
  if (m.length === 0) return new Uint8Array([0]).buffer;
  const prefix = (m[0]! & 0x80) !== 0 ? 1 : 0;
  const out = new Uint8Array(m.length + prefix);
  out.set(m, prefix);
  return out.buffer;
}

function describe(kind: KeyKind): string {
  switch (kind.family) {
    case 'ec':
      return `EC ${kind.curve}`;
    case 'ml-dsa':
      return kind.level;
    case 'ml-kem':
      return kind.level;
    case 'ed25519':
      return 'Ed25519';
    case 'x25519':
      return 'X25519';
    case 'rsa':
      return 'RSA';
  }
}

function pqSizes(kind: { family: 'ml-dsa'; level: MlDsaLevel } | { family: 'ml-kem'; level: MlKemLevel }): PqSizes {
  return kind.family === 'ml-dsa' ? ML_DSA[kind.level] : ML_KEM[kind.level];
}

// ---------------------------------------------------------------------------------------------
// AlgorithmIdentifier

/** DER of `ECParameters ::= CHOICE { namedCurve OBJECT IDENTIFIER, ... }` for a curve. */
function namedCurve(curve: EcCurve): ArrayBuffer {
  return AsnConvert.serialize(new ECParameters({ namedCurve: EC_CURVES[curve].oid }));
}

/** The one AlgorithmIdentifier each kind's SPKI and PKCS#8 carry. */
function algorithmOf(kind: KeyKind): AlgorithmIdentifier {
  switch (kind.family) {
    case 'ed25519':
      return new AlgorithmIdentifier({ algorithm: OID_ED25519 }); // parameters absent (RFC 8410 §3)
    case 'x25519':
      return new AlgorithmIdentifier({ algorithm: OID_X25519 });
    case 'ec':
      return new AlgorithmIdentifier({ algorithm: id_ecPublicKey, parameters: namedCurve(kind.curve) }); // RFC 5480 §2.1.1
    case 'rsa':
      return new AlgorithmIdentifier({ algorithm: id_rsaEncryption, parameters: null }); // NULL (RFC 3279 §2.3.1)
    case 'ml-dsa':
    case 'ml-kem':
      return new AlgorithmIdentifier({ algorithm: pqSizes(kind).oid }); // parameters absent
  }
}

/** Checks a parsed AlgorithmIdentifier against the kind's, with a specific message; the DER comparison follows anyway. */
function checkAlgorithm(got: AlgorithmIdentifier, kind: KeyKind): void {
  const want = algorithmOf(kind);
  if (got.algorithm !== want.algorithm) {
    fail('invalid-key', `key is not ${describe(kind)}: algorithm ${got.algorithm}, expected ${want.algorithm}`);
  }
  if (want.parameters === undefined) {
    if (got.parameters !== undefined) fail('invalid-key', `${describe(kind)} algorithm parameters must be absent`);
  } else if (want.parameters === null) {
    if (got.parameters !== null) fail('invalid-key', `${describe(kind)} algorithm parameters must be NULL`);
  } else if (
    got.parameters === undefined ||
    got.parameters === null ||
    !equalBytes(bytesOf(got.parameters), bytesOf(want.parameters))
  ) {
    fail('invalid-key', `key is not ${describe(kind)}: the parameters name another curve`);
  }
}

// ---------------------------------------------------------------------------------------------
// Public keys

function checkLength(what: string, b: Uint8Array, expected: number, code: ErrorCode = 'invalid-key'): void {
  if (b.length !== expected) fail(code, `${what} must be ${expected} bytes, got ${b.length}`);
}

/** Shape of a SEC1 point (compressed or uncompressed) on `curve`; not whether it is on the curve. */
function checkSec1(curve: EcCurve, point: Uint8Array): void {
  const n = EC_CURVES[curve].size;
  const ok =
    (point.length === 1 + 2 * n && point[0] === 0x04) ||
    (point.length === 1 + n && (point[0] === 0x02 || point[0] === 0x03));
  if (!ok) fail('invalid-key', `not a SEC1 point for ${curve} (${point.length} bytes)`);
}

/** Checks the canonical public key length for the non-RSA kinds. */
function checkPublicKey(kind: KeyKind, key: Uint8Array): void {
  switch (kind.family) {
    case 'ed25519':
    case 'x25519':
      return checkLength(`${describe(kind)} public key`, key, 32);
    case 'ec':
      return checkSec1(kind.curve, key);
    case 'ml-dsa':
    case 'ml-kem':
      return checkLength(`${kind.level} public key`, key, pqSizes(kind).pk);
    case 'rsa':
      return;
  }
}

function spkiDer(algorithm: AlgorithmIdentifier, key: Uint8Array): Uint8Array {
  return serialize(new SubjectPublicKeyInfo({ algorithm, subjectPublicKey: bufferOf(key) }));
}

interface RsaPublic {
  /** Canonical SPKI DER. */
  spki: Uint8Array;
  modulus: Uint8Array;
  publicExponent: Uint8Array;
}

/** Strict PKCS#1 RSAPublicKey → its values. */
function rsaPublicFromPkcs1(der: Uint8Array): RsaPublic {
  const k = parse(der, RSAPublicKey, 'invalid-key', 'RSAPublicKey');
  const n = unsignedOf(k.modulus);
  const e = unsignedOf(k.publicExponent);
  if (n === null || e === null || n.length === 0 || e.length === 0) {
    fail('invalid-key', 'RSAPublicKey: modulus and exponent must be positive');
  }
  const canonical = serialize(new RSAPublicKey({ modulus: integerContent(n), publicExponent: integerContent(e) }));
  requireDer(der, canonical, 'invalid-key', 'RSAPublicKey');
  return { spki: spkiDer(algorithmOf({ family: 'rsa' }), canonical), modulus: n, publicExponent: e };
}

/** Strict RSA SPKI (or, failing to parse as one, PKCS#1 RSAPublicKey) → values + canonical SPKI. */
function rsaPublicFrom(der: Uint8Array): RsaPublic {
  let info: SubjectPublicKeyInfo | undefined;
  try {
    info = AsnConvert.parse(bufferOf(der), SubjectPublicKeyInfo);
  } catch {
    info = undefined;
  }
  if (info === undefined) return rsaPublicFromPkcs1(der); // not an SPKI: PKCS#1 or garbage
  checkAlgorithm(info.algorithm, { family: 'rsa' });
  const pub = rsaPublicFromPkcs1(bytesOf(info.subjectPublicKey));
  requireDer(der, pub.spki, 'invalid-key', 'SubjectPublicKeyInfo');
  return pub;
}

/** SPKI DER of a canonical public key (EC: uncompressed SEC1; rsa: the input is SPKI already → re-serialized copy). */
export function encodeSpki(kind: KeyKind, publicKey: Uint8Array): Uint8Array {
  if (kind.family === 'rsa') return rsaPublicFrom(publicKey).spki;
  if (kind.family === 'ec') {
    checkLength(`${kind.curve} uncompressed public key`, publicKey, 1 + 2 * EC_CURVES[kind.curve].size);
    if (publicKey[0] !== 0x04) fail('invalid-key', `${kind.curve} public key is not an uncompressed SEC1 point`);
  } else {
    checkPublicKey(kind, publicKey);
  }
  return spkiDer(algorithmOf(kind), publicKey);
}

/** Canonical public key from SPKI DER (EC: the SEC1 bytes inside, not yet validated as a point; rsa: normalized SPKI; also accepts a PKCS#1 RSAPublicKey DER for rsa). Wrong OID / curve / trailing bytes / non-DER → invalid-key. */
export function decodeSpki(kind: KeyKind, der: Uint8Array): Uint8Array {
  if (kind.family === 'rsa') return rsaPublicFrom(der).spki;
  const info = parse(der, SubjectPublicKeyInfo, 'invalid-key', 'SubjectPublicKeyInfo');
  checkAlgorithm(info.algorithm, kind);
  const key = bytesOf(info.subjectPublicKey);
  checkPublicKey(kind, key);
  requireDer(der, spkiDer(algorithmOf(kind), key), 'invalid-key', 'SubjectPublicKeyInfo');
  return key;
}

/** RSA modulus size in bits and public exponent of an SPKI DER (a PKCS#1 RSAPublicKey is accepted too). */
export function rsaPublicInfo(spki: Uint8Array): { modulusBits: number; publicExponent: bigint } {
  const { modulus, publicExponent } = rsaPublicFrom(spki);
  const top = modulus[0]!; // non-empty and without leading zeros
  const modulusBits = (modulus.length - 1) * 8 + (32 - Math.clz32(top));
  let e = 0n;
  for (const b of publicExponent) e = (e << 8n) | BigInt(b);
  return { modulusBits, publicExponent: e };
}

// ---------------------------------------------------------------------------------------------
// EC private keys (RFC 5915)

interface EcPrivateParts {
  /** The scalar, left-padded to the curve size. */
  secret: Uint8Array;
  publicKey?: Uint8Array;
  /** The DER rebuilt from the parsed values (same optional fields present). */
  canonical: Uint8Array;
}

function ecPrivateKeyDer(curve: EcCurve, scalar: Uint8Array, withParameters: boolean, publicKey?: Uint8Array): Uint8Array {
  const k = new ECPrivateKey({ version: 1, privateKey: new OctetString(bufferOf(scalar)) });
  if (withParameters) k.parameters = new ECParameters({ namedCurve: EC_CURVES[curve].oid });
  if (publicKey !== undefined) k.publicKey = bufferOf(publicKey);
  return serialize(k);
}

function parseEcPrivateKey(curve: EcCurve, der: Uint8Array): EcPrivateParts {
  const size = EC_CURVES[curve].size;
  const k = parse(der, ECPrivateKey, 'invalid-key', 'ECPrivateKey');
  if (k.version !== 1) fail('invalid-key', `ECPrivateKey: unsupported version ${String(k.version)}`);
  const params = k.parameters;
  if (params !== undefined) {
    if (params.namedCurve === undefined) fail('invalid-key', 'ECPrivateKey: only named curves are supported');
    if (params.namedCurve !== EC_CURVES[curve].oid) {
      fail('invalid-key', `ECPrivateKey: curve ${params.namedCurve} is not ${curve}`);
    }
  }
  const raw = bytesOf(k.privateKey.buffer);
  // RFC 5915 fixes the length to the order's size; some encoders dropped leading zero bytes: pad those.
  if (raw.length === 0 || raw.length > size) {
    fail('invalid-key', `ECPrivateKey: ${curve} private key must be ${size} bytes, got ${raw.length}`);
  }
  const secret = new Uint8Array(size);
  secret.set(raw, size - raw.length);
  let publicKey: Uint8Array | undefined;
  if (k.publicKey !== undefined) {
    publicKey = bytesOf(k.publicKey);
    checkSec1(curve, publicKey);
  }
  const canonical = ecPrivateKeyDer(curve, raw, params !== undefined, publicKey);
  return publicKey === undefined ? { secret, canonical } : { secret, publicKey, canonical };
}

function checkEcScalar(curve: EcCurve, scalar: Uint8Array | undefined): Uint8Array {
  if (scalar === undefined) return fail('invalid-key', 'EC private key: the scalar is missing');
  checkLength(`${curve} private key`, scalar, EC_CURVES[curve].size);
  return scalar;
}

/** RFC 5915 ECPrivateKey DER (with namedCurve parameters and the public key). */
export function encodeEcPrivateKey(curve: EcCurve, scalar: Uint8Array, publicKey?: Uint8Array): Uint8Array {
  checkEcScalar(curve, scalar);
  if (publicKey !== undefined) checkSec1(curve, publicKey);
  return ecPrivateKeyDer(curve, scalar, true, publicKey);
}

/** RFC 5915 ECPrivateKey DER → scalar (left-padded to the curve size) and embedded public key. The parameters, if present, must name `curve`. */
export function decodeEcPrivateKey(curve: EcCurve, der: Uint8Array): { secret: Uint8Array; publicKey?: Uint8Array } {
  const { canonical, ...parts } = parseEcPrivateKey(curve, der);
  requireDer(der, canonical, 'invalid-key', 'ECPrivateKey');
  return parts;
}

// ---------------------------------------------------------------------------------------------
// ML-DSA / ML-KEM private key CHOICE

function pqPrivateKeyDer(seed: Uint8Array | undefined, expanded: Uint8Array | undefined): Uint8Array {
  const k = new PqPrivateKey();
  if (seed !== undefined && expanded !== undefined) {
    const both = new PqSeedAndExpanded();
    both.seed = new OctetString(bufferOf(seed));
    both.expandedKey = new OctetString(bufferOf(expanded));
    k.both = both;
  } else if (seed !== undefined) {
    k.seed = bufferOf(seed);
  } else if (expanded !== undefined) {
    k.expandedKey = new OctetString(bufferOf(expanded));
  } else {
    fail('invalid-key', 'neither a seed nor an expanded private key was given');
  }
  return serialize(k);
}

function checkPqPrivate(
  kind: { family: 'ml-dsa'; level: MlDsaLevel } | { family: 'ml-kem'; level: MlKemLevel },
  seed: Uint8Array | undefined,
  expanded: Uint8Array | undefined,
): void {
  const sizes = pqSizes(kind);
  if (seed !== undefined) checkLength(`${kind.level} seed`, seed, sizes.seed);
  if (expanded !== undefined) checkLength(`${kind.level} expanded private key`, expanded, sizes.sk);
}

// ---------------------------------------------------------------------------------------------
// RSA private keys

interface RsaPrivate {
  /** Canonical PKCS#1 RSAPrivateKey DER. */
  pkcs1: Uint8Array;
  /** Canonical PKCS#8 v1 DER. */
  pkcs8: Uint8Array;
  /** Canonical SPKI DER of the public half. */
  spki: Uint8Array;
  /** Canonical PKCS#1 RSAPublicKey DER of the public half. */
  pkcs1Public: Uint8Array;
}

const RSA_PRIVATE_FIELDS = [
  'modulus',
  'publicExponent',
  'privateExponent',
  'prime1',
  'prime2',
  'exponent1',
  'exponent2',
  'coefficient',
] as const;

/** Strict PKCS#1 RSAPrivateKey (two-prime, version 0) → canonical encodings. */
function rsaPrivateFromPkcs1(der: Uint8Array): RsaPrivate {
  const k = parse(der, RSAPrivateKey, 'invalid-key', 'RSAPrivateKey');
  if (k.version !== 0 || k.otherPrimeInfos !== undefined) {
    fail('invalid-key', 'RSAPrivateKey: only two-prime keys (version 0) are supported');
  }
  const canonical = new RSAPrivateKey({ version: 0 });
  for (const field of RSA_PRIVATE_FIELDS) {
    const m = unsignedOf(k[field]);
    if (m === null) fail('invalid-key', `RSAPrivateKey: ${field} is negative`);
    if (m.length === 0 && (field === 'modulus' || field === 'publicExponent' || field === 'privateExponent')) {
      fail('invalid-key', `RSAPrivateKey: ${field} is zero`);
    }
    canonical[field] = integerContent(m);
  }
  const pkcs1 = serialize(canonical);
  requireDer(der, pkcs1, 'invalid-key', 'RSAPrivateKey');
  const pkcs1Public = serialize(
    new RSAPublicKey({ modulus: canonical.modulus, publicExponent: canonical.publicExponent }),
  );
  const algorithm = algorithmOf({ family: 'rsa' });
  return {
    pkcs1,
    pkcs8: serialize(
      new PrivateKeyInfo({ version: Version.v1, privateKeyAlgorithm: algorithm, privateKey: new PrivateKey(bufferOf(pkcs1)) }),
    ),
    spki: spkiDer(algorithm, pkcs1Public),
    pkcs1Public,
  };
}

// ---------------------------------------------------------------------------------------------
// PKCS#8

interface ParsedPkcs8 {
  info: OneAsymmetricKey;
  /** privateKey OCTET STRING contents. */
  inner: Uint8Array;
  /** v2 publicKey BIT STRING contents. */
  publicKey?: Uint8Array;
}

function parsePkcs8(kind: KeyKind, der: Uint8Array): ParsedPkcs8 {
  return checkPkcs8(kind, parse(der, OneAsymmetricKey, 'invalid-key', 'PKCS#8 PrivateKeyInfo'));
}

function checkPkcs8(kind: KeyKind, info: OneAsymmetricKey): ParsedPkcs8 {
  if (info.version !== 0 && info.version !== 1) {
    fail('invalid-key', `PKCS#8: unsupported version ${String(info.version)}`);
  }
  if (info.publicKey !== undefined && info.version !== 1) {
    fail('invalid-key', 'PKCS#8: a public key requires version 2 (OneAsymmetricKey)');
  }
  checkAlgorithm(info.privateKeyAlgorithm, kind);
  const inner = bytesOf(info.privateKey.buffer);
  return info.publicKey === undefined ? { info, inner } : { info, inner, publicKey: bytesOf(info.publicKey) };
}

/** The PKCS#8 DER rebuilt from parsed values with a canonical inner private key. */
function rebuildPkcs8(kind: KeyKind, parsed: ParsedPkcs8, canonicalInner: Uint8Array): Uint8Array {
  const k = new OneAsymmetricKey();
  k.version = parsed.info.version;
  k.privateKeyAlgorithm = algorithmOf(kind);
  k.privateKey = new OctetString(bufferOf(canonicalInner));
  if (parsed.info.attributes !== undefined) k.attributes = parsed.info.attributes;
  if (parsed.publicKey !== undefined) k.publicKey = bufferOf(parsed.publicKey);
  return serialize(k);
}

function pkcs8V1(kind: KeyKind, inner: Uint8Array): Uint8Array {
  return serialize(
    new PrivateKeyInfo({ version: Version.v1, privateKeyAlgorithm: algorithmOf(kind), privateKey: new PrivateKey(bufferOf(inner)) }),
  );
}

/** Strict RSA PKCS#8 (or, failing to parse as one, PKCS#1 RSAPrivateKey) → canonical encodings. */
function rsaPrivateFrom(der: Uint8Array): RsaPrivate {
  let info: OneAsymmetricKey | undefined;
  try {
    info = AsnConvert.parse(bufferOf(der), OneAsymmetricKey);
  } catch {
    info = undefined;
  }
  if (info === undefined) return rsaPrivateFromPkcs1(der); // not PKCS#8: PKCS#1 or garbage
  const rsa: KeyKind = { family: 'rsa' };
  const parsed = checkPkcs8(rsa, info);
  const key = rsaPrivateFromPkcs1(parsed.inner);
  if (parsed.publicKey !== undefined && !equalBytes(parsed.publicKey, key.pkcs1Public)) {
    fail('invalid-key', 'PKCS#8: the public key does not match the RSA private key');
  }
  requireDer(der, rebuildPkcs8(rsa, parsed, key.pkcs1), 'invalid-key', 'PKCS#8 PrivateKeyInfo');
  return key;
}

/** PKCS#8 DER. EC: ECPrivateKey with the public key; ed25519/x25519: RFC 8410; rsa: `secret` is PKCS#8 already → copy; ml-*: seed, expanded or both per what is given. */
export function encodePkcs8(
  kind: KeyKind,
  key: { secret?: Uint8Array; seed?: Uint8Array; publicKey?: Uint8Array },
): Uint8Array {
  switch (kind.family) {
    case 'rsa': {
      if (key.secret === undefined) return fail('invalid-key', 'RSA private key: PKCS#8 DER missing');
      return rsaPrivateFrom(key.secret).pkcs8;
    }
    case 'ed25519':
    case 'x25519': {
      if (key.secret === undefined) return fail('invalid-key', `${describe(kind)} private key missing`);
      checkLength(`${describe(kind)} private key`, key.secret, 32);
      // CurvePrivateKey ::= OCTET STRING (RFC 8410 §7), itself inside PrivateKeyInfo's OCTET STRING.
      return pkcs8V1(kind, serialize(new OctetString(bufferOf(key.secret))));
    }
    case 'ec': {
      const scalar = checkEcScalar(kind.curve, key.secret);
      if (key.publicKey !== undefined) checkSec1(kind.curve, key.publicKey);
      // As OpenSSL writes it: the curve in the AlgorithmIdentifier only, the public key inside.
      return pkcs8V1(kind, ecPrivateKeyDer(kind.curve, scalar, false, key.publicKey));
    }
    case 'ml-dsa':
    case 'ml-kem': {
      checkPqPrivate(kind, key.seed, key.secret);
      return pkcs8V1(kind, pqPrivateKeyDer(key.seed, key.secret));
    }
  }
}

/** Parses PKCS#8 (v1 and v2/OneAsymmetricKey). EC: scalar left-padded to the curve size + embedded public key if present; rsa: normalized PKCS#8 (also accepts a bare PKCS#1 RSAPrivateKey DER and converts it) + its SPKI as `publicKey`; ml-*: { seed?, secret? (expanded) }. A v2 public key is returned as `publicKey`. */
export function decodePkcs8(
  kind: KeyKind,
  der: Uint8Array,
): { secret?: Uint8Array; seed?: Uint8Array; publicKey?: Uint8Array } {
  if (kind.family === 'rsa') {
    const k = rsaPrivateFrom(der);
    return { secret: k.pkcs8, publicKey: k.spki };
  }
  const parsed = parsePkcs8(kind, der);
  if (parsed.publicKey !== undefined) checkPublicKey(kind, parsed.publicKey);
  const out: { secret?: Uint8Array; seed?: Uint8Array; publicKey?: Uint8Array } = {};
  let canonicalInner: Uint8Array;
  switch (kind.family) {
    case 'ed25519':
    case 'x25519': {
      const curveKey = parse(parsed.inner, OctetString, 'invalid-key', `${describe(kind)} CurvePrivateKey`);
      const secret = bytesOf(curveKey.buffer);
      checkLength(`${describe(kind)} private key`, secret, 32);
      canonicalInner = serialize(new OctetString(bufferOf(secret)));
      out.secret = secret;
      if (parsed.publicKey !== undefined) out.publicKey = parsed.publicKey;
      break;
    }
    case 'ec': {
      const ec = parseEcPrivateKey(kind.curve, parsed.inner);
      canonicalInner = ec.canonical;
      out.secret = ec.secret;
      if (ec.publicKey !== undefined && parsed.publicKey !== undefined && !equalBytes(ec.publicKey, parsed.publicKey)) {
        fail('invalid-key', 'PKCS#8: two different public keys');
      }
      const pub = ec.publicKey ?? parsed.publicKey;
      if (pub !== undefined) out.publicKey = pub;
      break;
    }
    case 'ml-dsa':
    case 'ml-kem': {
      const choice = parse(parsed.inner, PqPrivateKey, 'invalid-key', `${kind.level} private key`);
      let seed: Uint8Array | undefined;
      let expanded: Uint8Array | undefined;
      if (choice.both !== undefined) {
        seed = bytesOf(choice.both.seed.buffer);
        expanded = bytesOf(choice.both.expandedKey.buffer);
      } else if (choice.seed !== undefined) {
        seed = bytesOf(choice.seed);
      } else if (choice.expandedKey !== undefined) {
        expanded = bytesOf(choice.expandedKey.buffer);
      } else {
        return fail('invalid-key', `${kind.level} private key: unknown CHOICE`);
      }
      checkPqPrivate(kind, seed, expanded);
      canonicalInner = pqPrivateKeyDer(seed, expanded);
      if (seed !== undefined) out.seed = seed;
      if (expanded !== undefined) out.secret = expanded;
      if (parsed.publicKey !== undefined) out.publicKey = parsed.publicKey;
      break;
    }
  }
  requireDer(der, rebuildPkcs8(kind, parsed, canonicalInner), 'invalid-key', 'PKCS#8 PrivateKeyInfo');
  return out;
}

// ---------------------------------------------------------------------------------------------
// PEM (RFC 7468)

/** RFC 7468 §3 `label`: printable ASCII without '-', single '-' or ' ' allowed between characters. */
const PEM_LABEL = /^[\x21-\x2C\x2E-\x7E](?:[- ]?[\x21-\x2C\x2E-\x7E])*$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** PEM armour (RFC 7468): UTF-8 bytes, 64-column base64, trailing newline. */
export function toPem(label: string, der: Uint8Array): Uint8Array {
  if (!PEM_LABEL.test(label)) fail('internal-error', `not a PEM label: ${JSON.stringify(label)}`);
  const b64 = Convert.ToBase64(der);
  let body = '';
  for (let i = 0; i < b64.length; i += 64) body += `${b64.slice(i, i + 64)}\n`;
  return bytesOf(Convert.FromBinary(`-----BEGIN ${label}-----\n${body}-----END ${label}-----\n`));
}

/** Removes trailing spaces and tabs (and CRs when `cr`). */
function trimEnd(s: string, cr: boolean): string {
  let end = s.length;
  while (end > 0) {
    const c = s.charCodeAt(end - 1);
    if (c === 0x20 || c === 0x09 || (cr && c === 0x0d)) end--;
    else break;
  }
  return s.slice(0, end);
}

/** The DER inside PEM text whose label is one of `labels` (tolerates CRLF, surrounding whitespace, explanatory text before the header as RFC 7468 allows); else invalid-key. Exactly one PEM block; no RFC 1421 headers (encrypted legacy keys); strict base64. */
export function fromPem(text: Uint8Array, labels: readonly string[]): { label: string; der: Uint8Array } {
  // One character per byte: the structure of PEM is ASCII, and explanatory text is never interpreted.
  // Scanned with indexOf rather than one backtracking regular expression: linear in the input.
  const s = Convert.ToBinary(text);
  const begin = s.indexOf('-----BEGIN ');
  if (begin < 0) return fail('invalid-key', 'no PEM block');
  if (s.indexOf('-----BEGIN ', begin + 1) >= 0) fail('invalid-key', 'PEM: more than one block');
  const before = trimEnd(s.slice(0, begin), false);
  if (before.length > 0 && !before.endsWith('\n')) fail('invalid-key', 'PEM: the BEGIN line must start a line');
  const headerEnd = s.indexOf('\n', begin);
  if (headerEnd < 0) return fail('invalid-key', 'PEM: no body');
  const header = trimEnd(s.slice(begin, headerEnd), true);
  if (!header.endsWith('-----') || header.length < '-----BEGIN -----'.length) fail('invalid-key', 'PEM: malformed BEGIN line');
  const label = header.slice('-----BEGIN '.length, -'-----'.length);
  const end = s.indexOf('-----END ', headerEnd);
  if (end < 0) return fail('invalid-key', 'PEM: no END line');
  const body = s.slice(headerEnd + 1, end);
  if (body.includes('-----')) fail('invalid-key', 'PEM: malformed body');
  const footerEnd = s.indexOf('\n', end);
  const footer = trimEnd(s.slice(end, footerEnd < 0 ? s.length : footerEnd), true);
  if (footerEnd >= 0 && !/^[ \t\r\n]*$/.test(s.slice(footerEnd))) fail('invalid-key', 'PEM: text after the END line');
  if (footer !== `-----END ${label}-----`) fail('invalid-key', 'PEM: the BEGIN and END labels differ');
  if (!PEM_LABEL.test(label)) fail('invalid-key', 'PEM: malformed label');
  if (!labels.includes(label)) {
    fail('invalid-key', `PEM label ${JSON.stringify(label)} is not one of ${labels.map((l) => JSON.stringify(l)).join(', ')}`);
  }
  const b64 = body.replace(/[ \t\r\n]/g, '');
  if (b64.length === 0 || !BASE64.test(b64)) fail('invalid-key', 'PEM: the body is not base64');
  const der = bytesOf(Convert.FromBase64(b64));
  // Strict base64: the unused bits of the last group must be zero.
  if (Convert.ToBase64(der) !== b64) fail('invalid-key', 'PEM: non-canonical base64');
  return { label, der };
}

// ---------------------------------------------------------------------------------------------
// ECDSA signatures

/** ECDSA raw r‖s (each half the input) → DER ECDSA-Sig-Value (RFC 3279 §2.2.3), minimal INTEGERs. */
export function ecdsaSignatureToDer(raw: Uint8Array): Uint8Array {
  if (raw.length === 0 || raw.length % 2 !== 0) {
    fail('invalid-signature', `raw ECDSA signature must be r‖s of equal halves, got ${raw.length} bytes`);
  }
  const half = raw.length / 2;
  return serialize(
    new ECDSASigValue({ r: integerContent(raw.subarray(0, half)), s: integerContent(raw.subarray(half)) }),
  );
}

/** Strict-DER ECDSA-Sig-Value → raw r‖s with each value left-padded to `size` bytes. Negative or oversized r/s, non-minimal encodings, BER lengths, trailing bytes → invalid-signature. */
export function ecdsaSignatureFromDer(der: Uint8Array, size: number): Uint8Array {
  if (!Number.isSafeInteger(size) || size <= 0) fail('internal-error', `bad ECDSA scalar size ${size}`);
  const sig = parse(der, ECDSASigValue, 'invalid-signature', 'ECDSA-Sig-Value');
  const r = unsignedOf(sig.r);
  const s = unsignedOf(sig.s);
  if (r === null || s === null) return fail('invalid-signature', 'ECDSA-Sig-Value: r and s must be non-negative');
  if (r.length > size || s.length > size) fail('invalid-signature', `ECDSA-Sig-Value: r or s longer than ${size} bytes`);
  const canonical = serialize(new ECDSASigValue({ r: integerContent(r), s: integerContent(s) }));
  requireDer(der, canonical, 'invalid-signature', 'ECDSA-Sig-Value');
  const out = new Uint8Array(2 * size);
  out.set(r, size - r.length);
  out.set(s, 2 * size - s.length);
  return out;
}
