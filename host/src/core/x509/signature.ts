/**
 * Signature verification of certificates and CRLs through our backends (no primitive here:
 * this file maps X.509 algorithm identifiers and key encodings onto Backend calls).
 */
import type { Backend, EcVerifyCurve, MlDsaLevel, SignatureHash } from '../../backends/types.js';
import type { AlgorithmIdentifier } from './cert.js';
import { DerError, TAG, children, decodeOid, equalBytes, expectTag, integerBytes, parseOne, value } from './der.js';

export class UnsupportedAlgorithm extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedAlgorithm';
  }
}

const OID_EC_PUBLIC_KEY = '1.2.840.10045.2.1';
const OID_RSA = '1.2.840.113549.1.1.1';
const OID_RSA_PSS = '1.2.840.113549.1.1.10';
const OID_ED25519 = '1.3.101.112';
const OID_MGF1 = '1.2.840.113549.1.1.8';

const CURVES: Record<string, { curve: EcVerifyCurve; size: number }> = {
  '1.2.840.10045.3.1.7': { curve: 'P-256', size: 32 },
  '1.3.132.0.34': { curve: 'P-384', size: 48 },
  '1.3.132.0.35': { curve: 'P-521', size: 66 },
};
const ECDSA_SIG: Record<string, SignatureHash> = {
  '1.2.840.10045.4.3.2': 'SHA-256',
  '1.2.840.10045.4.3.3': 'SHA-384',
  '1.2.840.10045.4.3.4': 'SHA-512',
};
const RSA_SIG: Record<string, SignatureHash> = {
  '1.2.840.113549.1.1.11': 'SHA-256',
  '1.2.840.113549.1.1.12': 'SHA-384',
  '1.2.840.113549.1.1.13': 'SHA-512',
};
const HASH_OIDS: Record<string, SignatureHash> = {
  '2.16.840.1.101.3.4.2.1': 'SHA-256',
  '2.16.840.1.101.3.4.2.2': 'SHA-384',
  '2.16.840.1.101.3.4.2.3': 'SHA-512',
};
const HASH_LEN: Record<SignatureHash, number> = { 'SHA-256': 32, 'SHA-384': 48, 'SHA-512': 64 };
const MLDSA: Record<string, MlDsaLevel> = {
  '2.16.840.1.101.3.4.3.17': 'ML-DSA-44',
  '2.16.840.1.101.3.4.3.18': 'ML-DSA-65',
  '2.16.840.1.101.3.4.3.19': 'ML-DSA-87',
};
const NULL_DER = new Uint8Array([0x05, 0x00]);

/** A public key decoded from an SPKI, ready for the backend. */
export type PublicKey =
  | { kind: 'ec'; curve: EcVerifyCurve; size: number; point: Uint8Array }
  | { kind: 'rsa'; spki: Uint8Array; modulusBits: number; pssOnly: boolean }
  | { kind: 'ed25519'; key: Uint8Array }
  | { kind: 'mldsa'; level: MlDsaLevel; key: Uint8Array };

export function describeKey(k: PublicKey): string {
  switch (k.kind) {
    case 'ec':
      return `ECDSA ${k.curve}`;
    case 'rsa':
      return `RSA-${k.modulusBits}`;
    case 'ed25519':
      return 'Ed25519';
    case 'mldsa':
      return k.level;
  }
}

function rsaModulusBits(publicKey: Uint8Array): number {
  const [n, e, x] = children(parseOne(publicKey, TAG.SEQUENCE));
  if (!n || !e || x) throw new DerError('RSAPublicKey: bad shape');
  const nb = integerBytes(n);
  if (nb[0]! & 0x80) throw new DerError('negative RSA modulus');
  let start = 0;
  while (start < nb.length && nb[start] === 0) start++;
  if (start === nb.length) throw new DerError('zero RSA modulus');
  return (nb.length - start - 1) * 8 + (32 - Math.clz32(nb[start]!));
}

/** Decodes an SPKI's key; throws UnsupportedAlgorithm for keys we cannot verify with, DerError for malformed ones. */
export function decodePublicKey(alg: AlgorithmIdentifier, publicKey: Uint8Array, spki: Uint8Array, backend: Backend): PublicKey {
  switch (alg.oid) {
    case OID_EC_PUBLIC_KEY: {
      if (!alg.params) throw new UnsupportedAlgorithm('EC key without a named curve');
      const p = parseOne(alg.params);
      if (p.tag !== TAG.OID) throw new UnsupportedAlgorithm('EC key with explicit curve parameters');
      const c = CURVES[decodeOid(p)];
      if (!c) throw new UnsupportedAlgorithm(`EC curve ${decodeOid(p)}`);
      const point = backend.ecdsa.decodePublic(c.curve, publicKey);
      if (!point) throw new DerError(`invalid ${c.curve} public point`);
      return { kind: 'ec', curve: c.curve, size: c.size, point };
    }
    case OID_RSA: {
      if (alg.params && !equalBytes(alg.params, NULL_DER)) throw new DerError('rsaEncryption parameters must be NULL');
      return { kind: 'rsa', spki, modulusBits: rsaModulusBits(publicKey), pssOnly: false };
    }
    case OID_RSA_PSS: {
      // An id-RSASSA-PSS key (RFC 4055 §1.2) verifies PSS signatures only; parameters, when present, are
      // restrictions that the signature's own parameters are checked against by the backend's fixed profile.
      return { kind: 'rsa', spki, modulusBits: rsaModulusBits(publicKey), pssOnly: true };
    }
    case OID_ED25519: {
      if (alg.params) throw new DerError('Ed25519 key with parameters');
      if (publicKey.length !== 32 || !backend.ed25519.validPublic(publicKey)) throw new DerError('invalid Ed25519 public key');
      return { kind: 'ed25519', key: publicKey };
    }
    default: {
      const level = MLDSA[alg.oid];
      if (level) {
        if (alg.params) throw new DerError('ML-DSA key with parameters');
        return { kind: 'mldsa', level, key: publicKey };
      }
      throw new UnsupportedAlgorithm(`public key algorithm ${alg.oid}`);
    }
  }
}

/** ECDSA-Sig-Value DER to fixed-length r‖s; undefined if not strict DER or out of range. */
function ecdsaRaw(sig: Uint8Array, size: number): Uint8Array | undefined {
  try {
    const [r, s, x] = children(parseOne(sig, TAG.SEQUENCE));
    if (!r || !s || x) return undefined;
    const out = new Uint8Array(2 * size);
    for (const [k, t] of [r, s].entries()) {
      let b = integerBytes(t);
      if (b[0]! & 0x80) return undefined;
      while (b.length > 1 && b[0] === 0) b = b.subarray(1);
      if (b.length > size) return undefined;
      out.set(b, (k + 1) * size - b.length);
    }
    return out;
  } catch {
    return undefined;
  }
}

function pssHash(params: Uint8Array | undefined): SignatureHash {
  if (!params) throw new UnsupportedAlgorithm('RSASSA-PSS without parameters');
  const fields = children(parseOne(params, TAG.SEQUENCE));
  let hash: SignatureHash | undefined;
  let mgfHash: SignatureHash | undefined;
  let salt: number | undefined;
  for (const f of fields) {
    const [inner] = children(f);
    if (!inner) throw new DerError('RSASSA-PSS params: empty field');
    if (f.tag === 0xa0) {
      const [o] = children(expectTag(inner, TAG.SEQUENCE, 'hashAlgorithm'));
      hash = HASH_OIDS[decodeOid(o!)];
      if (!hash) throw new UnsupportedAlgorithm('RSASSA-PSS hash');
    } else if (f.tag === 0xa1) {
      const [o, p] = children(expectTag(inner, TAG.SEQUENCE, 'maskGenAlgorithm'));
      if (decodeOid(o!) !== OID_MGF1 || !p) throw new UnsupportedAlgorithm('RSASSA-PSS mask generation');
      const [ho] = children(expectTag(p, TAG.SEQUENCE, 'MGF1 hash'));
      mgfHash = HASH_OIDS[decodeOid(ho!)];
    } else if (f.tag === 0xa2) {
      const v = integerBytes(inner);
      salt = v.length > 2 ? Infinity : v.reduce((a, b) => a * 256 + b, 0);
    } else if (f.tag === 0xa3) {
      if (!equalBytes(value(inner), new Uint8Array([1]))) throw new UnsupportedAlgorithm('RSASSA-PSS trailer field');
    } else throw new DerError('RSASSA-PSS params: unexpected field');
  }
  if (!hash) throw new UnsupportedAlgorithm('RSASSA-PSS with SHA-1');
  if (mgfHash !== hash) throw new UnsupportedAlgorithm('RSASSA-PSS with a different MGF1 hash');
  if (salt !== HASH_LEN[hash]) throw new UnsupportedAlgorithm(`RSASSA-PSS salt length ${salt ?? 20} (only the hash length is supported)`);
  return hash;
}

/**
 * Whether `signature` over `message` verifies under `key` with algorithm `alg`. Returns false for
 * a bad signature or an algorithm that does not fit the key; throws UnsupportedAlgorithm for
 * algorithms we do not verify.
 */
export function verifySignature(backend: Backend, key: PublicKey, alg: AlgorithmIdentifier, message: Uint8Array, signature: Uint8Array): boolean {
  const ecdsaHash = ECDSA_SIG[alg.oid];
  if (ecdsaHash) {
    if (alg.params) throw new DerError('ECDSA signature algorithm with parameters');
    if (key.kind !== 'ec') return false;
    const rs = ecdsaRaw(signature, key.size);
    if (!rs) return false;
    return backend.ecdsa.verify(key.curve, ecdsaHash, key.point, message, rs);
  }
  const rsaHash = RSA_SIG[alg.oid];
  if (rsaHash || alg.oid === OID_RSA_PSS) {
    if (rsaHash && alg.params && !equalBytes(alg.params, NULL_DER)) throw new DerError('RSA PKCS#1 signature algorithm parameters must be NULL');
    if (key.kind !== 'rsa' || (key.pssOnly && rsaHash)) return false;
    if (!backend.rsa) throw new UnsupportedAlgorithm(`RSA verification is not available on the ${backend.name} backend`);
    return rsaHash ? backend.rsa.verify('pkcs1', rsaHash, key.spki, message, signature) : backend.rsa.verify('pss', pssHash(alg.params), key.spki, message, signature);
  }
  if (alg.oid === OID_ED25519) {
    if (alg.params) throw new DerError('Ed25519 signature algorithm with parameters');
    if (key.kind !== 'ed25519') return false;
    return signature.length === 64 && backend.ed25519.verify(key.key, message, signature);
  }
  const level = MLDSA[alg.oid];
  if (level) {
    if (alg.params) throw new DerError('ML-DSA signature algorithm with parameters');
    if (key.kind !== 'mldsa' || key.level !== level) return false;
    return backend.mldsa.verify(level, key.key, message, signature, new Uint8Array(0));
  }
  throw new UnsupportedAlgorithm(`signature algorithm ${alg.oid}`);
}
