/**
 * The algorithm registry: one null-prototype table per family, keyed by the upper-cased
 * identifier of the spec. Interfaces resolve a name once and pass the entry down; no other module
 * switches on algorithm names. Lookups of inherited names ("__proto__", "constructor") fail.
 */
import type { AeadId, CipherId, CmacId, EcCurve, HashId, KmacId, MacHashId, MlDsaLevel, MlKemLevel, RsaScheme, SignatureHash, XofId } from '../backends/types.js';
import { fail } from './errors.js';

/**
 * A symmetric algorithm. `keyLen` is the generated key length; `key` says whether the algorithm
 * takes no key, an optional key or a required one; `options` lists the option names it reads.
 */
export type SymmetricAlgorithm =
  | { readonly kind: 'hash'; readonly name: string; readonly hash: HashId; readonly outLen: number; readonly key: 'none'; readonly options: readonly string[] }
  | {
      readonly kind: 'xof';
      readonly name: string;
      readonly xof: XofId;
      /** `hash()` output length when none is given. */
      readonly defaultLen: number;
      readonly key: 'none' | 'optional';
      readonly keyLen: number;
      readonly options: readonly string[];
    }
  | { readonly kind: 'hmac'; readonly name: string; readonly hash: MacHashId; readonly outLen: number; readonly keyLen: number; readonly key: 'required'; readonly options: readonly string[] }
  | { readonly kind: 'kmac'; readonly name: string; readonly kmac: KmacId; readonly outLen: number; readonly keyLen: number; readonly key: 'required'; readonly options: readonly string[] }
  | { readonly kind: 'cmac'; readonly name: string; readonly cmac: CmacId; readonly outLen: number; readonly keyLen: number; readonly key: 'required'; readonly options: readonly string[] }
  | {
      readonly kind: 'hkdf-extract' | 'hkdf-expand';
      readonly name: string;
      readonly hash: MacHashId;
      readonly hashLen: number;
      readonly keyLen: number;
      readonly key: 'required';
      readonly options: readonly string[];
    }
  | {
      readonly kind: 'pbkdf2';
      readonly name: string;
      readonly hash: MacHashId;
      readonly defaultIterations: number;
      readonly key: 'none';
      readonly options: readonly string[];
    }
  | { readonly kind: 'scrypt'; readonly name: string; readonly key: 'none'; readonly options: readonly string[] }
  | { readonly kind: 'argon2id'; readonly name: string; readonly key: 'optional'; readonly keyLen: number; readonly options: readonly string[] }
  | {
      readonly kind: 'aead';
      readonly name: string;
      readonly aead: AeadId;
      readonly keyLen: number;
      readonly nonceLen: number;
      readonly tagLen: number;
      /** Whether a random nonce is safe (large nonces, or nonce-misuse-resistant modes). */
      readonly autoNonce: boolean;
      readonly key: 'required';
      readonly options: readonly string[];
    }
  | {
      /** AES key wrapping (RFC 3394 / RFC 5649): keys of these algorithms only wrap and unwrap other keys. */
      readonly kind: 'keywrap';
      readonly name: string;
      readonly keyLen: number;
      readonly padded: boolean;
      readonly key: 'required';
      readonly options: readonly string[];
    }
  | {
      readonly kind: 'cipher';
      readonly name: string;
      readonly cipher: CipherId;
      readonly keyLen: number;
      readonly nonceLen: number;
      /** CBC pads (PKCS#7); CTR does not. */
      readonly padded: boolean;
      readonly key: 'required';
      readonly options: readonly string[];
    };

export type SymmetricKind = SymmetricAlgorithm['kind'];
function table<T>(entries: T[], nameOf: (t: T) => string): Readonly<Record<string, T>> {
  const t = Object.create(null) as Record<string, T>;
  for (const e of entries) t[nameOf(e).toUpperCase()] = e;
  return Object.freeze(t);
}

const NONE: readonly string[] = Object.freeze([]);
const NONCE: readonly string[] = Object.freeze(['nonce']);
const CONTEXT: readonly string[] = Object.freeze(['context']);
const HASH_LEN: Readonly<Record<MacHashId, number>> = Object.freeze({ 'SHA-256': 32, 'SHA-384': 48, 'SHA-512': 64 });
const MAC_HASHES: readonly MacHashId[] = ['SHA-256', 'SHA-384', 'SHA-512'];

const SYMMETRIC = table<SymmetricAlgorithm>(
  [
    ...(
      [
        ['SHA-256', 32],
        ['SHA-384', 48],
        ['SHA-512', 64],
        ['SHA-512/256', 32],
        ['SHA3-256', 32],
        ['SHA3-512', 64],
        ['BLAKE2b-512', 64],
        ['BLAKE2s-256', 32],
      ] as const
    ).map(([hash, outLen]): SymmetricAlgorithm => ({ kind: 'hash', name: hash, hash, outLen, key: 'none', options: NONE })),
    { kind: 'xof', name: 'SHAKE-128', xof: 'SHAKE-128', defaultLen: 32, key: 'none', keyLen: 0, options: NONE },
    { kind: 'xof', name: 'SHAKE-256', xof: 'SHAKE-256', defaultLen: 64, key: 'none', keyLen: 0, options: NONE },
    { kind: 'xof', name: 'CSHAKE-128', xof: 'CSHAKE-128', defaultLen: 32, key: 'none', keyLen: 0, options: CONTEXT },
    { kind: 'xof', name: 'CSHAKE-256', xof: 'CSHAKE-256', defaultLen: 64, key: 'none', keyLen: 0, options: CONTEXT },
    { kind: 'xof', name: 'BLAKE3', xof: 'BLAKE3', defaultLen: 32, key: 'optional', keyLen: 32, options: NONE },
    ...MAC_HASHES.map((hash): SymmetricAlgorithm => ({
      kind: 'hmac',
      name: `HMAC/${hash}`,
      hash,
      outLen: HASH_LEN[hash],
      keyLen: HASH_LEN[hash],
      key: 'required',
      options: NONE,
    })),
    { kind: 'kmac', name: 'KMAC-128', kmac: 'KMAC-128', outLen: 32, keyLen: 32, key: 'required', options: CONTEXT },
    { kind: 'kmac', name: 'KMAC-256', kmac: 'KMAC-256', outLen: 64, keyLen: 64, key: 'required', options: CONTEXT },
    { kind: 'cmac', name: 'AES-128-CMAC', cmac: 'AES-128-CMAC', outLen: 16, keyLen: 16, key: 'required', options: NONE },
    { kind: 'cmac', name: 'AES-256-CMAC', cmac: 'AES-256-CMAC', outLen: 16, keyLen: 32, key: 'required', options: NONE },
    ...MAC_HASHES.flatMap((hash): SymmetricAlgorithm[] =>
      (['hkdf-extract', 'hkdf-expand'] as const).map((kind) => ({
        kind,
        name: `${kind === 'hkdf-extract' ? 'HKDF-EXTRACT' : 'HKDF-EXPAND'}/${hash}`,
        hash,
        hashLen: HASH_LEN[hash],
        keyLen: HASH_LEN[hash],
        key: 'required',
        options: NONE,
      })),
    ),
    // OWASP Password Storage Cheat Sheet (2023) minimums.
    { kind: 'pbkdf2', name: 'PBKDF2-HMAC/SHA-256', hash: 'SHA-256', defaultIterations: 600_000, key: 'none', options: ['salt', 'ops_limit'] },
    { kind: 'pbkdf2', name: 'PBKDF2-HMAC/SHA-512', hash: 'SHA-512', defaultIterations: 210_000, key: 'none', options: ['salt', 'ops_limit'] },
    { kind: 'scrypt', name: 'SCRYPT', key: 'none', options: ['salt', 'ops_limit', 'block_size', 'parallelism'] },
    {
      kind: 'argon2id',
      name: 'ARGON2-ID-13',
      key: 'optional',
      keyLen: 32,
      options: ['salt', 'memory_limit', 'ops_limit', 'parallelism', 'context'],
    },
    { kind: 'aead', name: 'AES-128-GCM', aead: 'AES-128-GCM', keyLen: 16, nonceLen: 12, tagLen: 16, autoNonce: false, key: 'required', options: NONCE },
    { kind: 'aead', name: 'AES-256-GCM', aead: 'AES-256-GCM', keyLen: 32, nonceLen: 12, tagLen: 16, autoNonce: false, key: 'required', options: NONCE },
    { kind: 'aead', name: 'AES-128-GCM-SIV', aead: 'AES-128-GCM-SIV', keyLen: 16, nonceLen: 12, tagLen: 16, autoNonce: true, key: 'required', options: NONCE },
    { kind: 'aead', name: 'AES-256-GCM-SIV', aead: 'AES-256-GCM-SIV', keyLen: 32, nonceLen: 12, tagLen: 16, autoNonce: true, key: 'required', options: NONCE },
    { kind: 'aead', name: 'CHACHA20-POLY1305', aead: 'CHACHA20-POLY1305', keyLen: 32, nonceLen: 12, tagLen: 16, autoNonce: false, key: 'required', options: NONCE },
    { kind: 'aead', name: 'XCHACHA20-POLY1305', aead: 'XCHACHA20-POLY1305', keyLen: 32, nonceLen: 24, tagLen: 16, autoNonce: true, key: 'required', options: NONCE },
    { kind: 'cipher', name: 'AES-128-CBC', cipher: 'AES-128-CBC', keyLen: 16, nonceLen: 16, padded: true, key: 'required', options: NONCE },
    { kind: 'cipher', name: 'AES-256-CBC', cipher: 'AES-256-CBC', keyLen: 32, nonceLen: 16, padded: true, key: 'required', options: NONCE },
    { kind: 'cipher', name: 'AES-128-CTR', cipher: 'AES-128-CTR', keyLen: 16, nonceLen: 16, padded: false, key: 'required', options: NONCE },
    { kind: 'cipher', name: 'AES-256-CTR', cipher: 'AES-256-CTR', keyLen: 32, nonceLen: 16, padded: false, key: 'required', options: NONCE },
    { kind: 'keywrap', name: 'AES-128-KW', keyLen: 16, padded: false, key: 'required', options: NONE },
    { kind: 'keywrap', name: 'AES-256-KW', keyLen: 32, padded: false, key: 'required', options: NONE },
    { kind: 'keywrap', name: 'AES-128-KWP', keyLen: 16, padded: true, key: 'required', options: NONE },
    { kind: 'keywrap', name: 'AES-256-KWP', keyLen: 32, padded: true, key: 'required', options: NONE },
  ],
  (a) => a.name,
);

/**
 * Names of the specification (and the Rust reference host) that this host does not implement,
 * with the reason, for docs. They answer `unsupported-algorithm` like any unknown name.
 */
export const UNSUPPORTED_SYMMETRIC: readonly { names: string; reason: string }[] = Object.freeze([
  { names: 'XOODYAK-128, XOODYAK-160', reason: 'no maintained JavaScript implementation; we write no cipher ourselves' },
  { names: 'ASCON-AEAD, ASCON-HASH', reason: 'no maintained JavaScript implementation' },
  { names: 'AEGIS-128L, AEGIS-128X2, AEGIS-128X4, AEGIS-256, AEGIS-256X2, AEGIS-256X4', reason: 'no maintained JavaScript implementation' },
  { names: 'AES-128-SIV, AES-256-SIV', reason: 'not implemented (deterministic AEAD; @noble/ciphers has one — a candidate)' },
  { names: 'TURBOSHAKE-128, TURBOSHAKE-256, KT128, KT256, TupleHash*', reason: 'not implemented' },
  { names: 'AES-192-*', reason: 'outside the specification' },
]);

/** Asymmetric algorithms: `type` is the WIT algorithm-type they belong to. */
export type AsymmetricAlgorithm =
  | { readonly type: 'signatures'; readonly kind: 'ed25519'; readonly name: string; readonly signatureLen: number }
  | {
      readonly type: 'signatures';
      readonly kind: 'ecdsa';
      readonly name: string;
      readonly curve: EcCurve;
      readonly hash: SignatureHash;
      /** Scalar (and coordinate) size in bytes. */
      readonly scalarLen: number;
      readonly signatureLen: number;
    }
  | { readonly type: 'signatures'; readonly kind: 'rsa'; readonly name: string; readonly scheme: RsaScheme; readonly hash: SignatureHash; readonly bits: number }
  | {
      readonly type: 'signatures';
      readonly kind: 'ml-dsa';
      readonly name: string;
      readonly level: MlDsaLevel;
      readonly publicLen: number;
      readonly secretLen: number;
      readonly signatureLen: number;
    }
  | { readonly type: 'key-exchange'; readonly kind: 'x25519'; readonly name: string }
  | { readonly type: 'key-exchange'; readonly kind: 'ecdh'; readonly name: string; readonly curve: EcCurve; readonly scalarLen: number }
  | {
      readonly type: 'key-exchange';
      readonly kind: 'ml-kem';
      readonly name: string;
      readonly level: MlKemLevel;
      readonly publicLen: number;
      readonly secretLen: number;
      readonly ciphertextLen: number;
    }
  | { readonly type: 'key-exchange'; readonly kind: 'x-wing'; readonly name: string; readonly publicLen: number; readonly secretLen: number; readonly ciphertextLen: number };

export type SignatureAlgorithm = Extract<AsymmetricAlgorithm, { type: 'signatures' }>;
export type KeyExchangeAlgorithm = Extract<AsymmetricAlgorithm, { type: 'key-exchange' }>;

const RSA_HASHES: readonly SignatureHash[] = ['SHA-256', 'SHA-384', 'SHA-512'];

const ASYMMETRIC = table<AsymmetricAlgorithm>(
  [
    { type: 'signatures', kind: 'ed25519', name: 'Ed25519', signatureLen: 64 },
    { type: 'signatures', kind: 'ecdsa', name: 'ECDSA_P256_SHA256', curve: 'P-256', hash: 'SHA-256', scalarLen: 32, signatureLen: 64 },
    { type: 'signatures', kind: 'ecdsa', name: 'ECDSA_P384_SHA384', curve: 'P-384', hash: 'SHA-384', scalarLen: 48, signatureLen: 96 },
    { type: 'signatures', kind: 'ecdsa', name: 'ECDSA_K256_SHA256', curve: 'secp256k1', hash: 'SHA-256', scalarLen: 32, signatureLen: 64 },
    ...(['pkcs1', 'pss'] as const).flatMap((scheme) =>
      [2048, 3072, 4096].flatMap((bits) =>
        RSA_HASHES.map(
          (hash): AsymmetricAlgorithm => ({
            type: 'signatures',
            kind: 'rsa',
            name: `RSA_${scheme === 'pkcs1' ? 'PKCS1' : 'PSS'}_${bits}_${hash.replace('-', '')}`,
            scheme,
            hash,
            bits,
          }),
        ),
      ),
    ),
    { type: 'signatures', kind: 'ml-dsa', name: 'ML-DSA-44', level: 'ML-DSA-44', publicLen: 1312, secretLen: 2560, signatureLen: 2420 },
    { type: 'signatures', kind: 'ml-dsa', name: 'ML-DSA-65', level: 'ML-DSA-65', publicLen: 1952, secretLen: 4032, signatureLen: 3309 },
    { type: 'signatures', kind: 'ml-dsa', name: 'ML-DSA-87', level: 'ML-DSA-87', publicLen: 2592, secretLen: 4896, signatureLen: 4627 },
    { type: 'key-exchange', kind: 'x25519', name: 'X25519' },
    { type: 'key-exchange', kind: 'ecdh', name: 'P256-SHA256', curve: 'P-256', scalarLen: 32 },
    { type: 'key-exchange', kind: 'ecdh', name: 'P384-SHA384', curve: 'P-384', scalarLen: 48 },
    { type: 'key-exchange', kind: 'ml-kem', name: 'ML-KEM-512', level: 'ML-KEM-512', publicLen: 800, secretLen: 1632, ciphertextLen: 768 },
    { type: 'key-exchange', kind: 'ml-kem', name: 'ML-KEM-768', level: 'ML-KEM-768', publicLen: 1184, secretLen: 2400, ciphertextLen: 1088 },
    { type: 'key-exchange', kind: 'ml-kem', name: 'ML-KEM-1024', level: 'ML-KEM-1024', publicLen: 1568, secretLen: 3168, ciphertextLen: 1568 },
    { type: 'key-exchange', kind: 'x-wing', name: 'X-WING', publicLen: 1216, secretLen: 32, ciphertextLen: 1120 },
  ],
  (a) => a.name,
);

/** Names of the specification this host does not implement, with the reason (for docs). */
export const UNSUPPORTED_ASYMMETRIC: readonly { names: string; reason: string }[] = Object.freeze([
  {
    names: 'Ed25519ph',
    reason: 'the specification does not pin whether the state pre-hashes or receives a pre-hash, nor how a context is passed',
  },
]);

function lookup<T>(t: Readonly<Record<string, T>>, name: string): T | undefined {
  const key = name.toUpperCase();
  return Object.prototype.hasOwnProperty.call(t, key) ? t[key] : undefined;
}

/** Resolves a symmetric algorithm name; `unsupported-algorithm` if unknown. */
export function symmetricAlgorithm(name: string): SymmetricAlgorithm {
  return lookup(SYMMETRIC, name) ?? fail('unsupported-algorithm', `symmetric algorithm ${JSON.stringify(name)}`);
}

/**
 * Resolves an asymmetric algorithm of the WIT algorithm-type `type` ('signatures' or
 * 'key-exchange'); `unsupported-algorithm` if unknown or of another type.
 */
export function asymmetricAlgorithm(type: string, name: string): AsymmetricAlgorithm {
  const alg = lookup(ASYMMETRIC, name);
  if (alg === undefined || alg.type !== type) fail('unsupported-algorithm', `${type} algorithm ${JSON.stringify(name)}`);
  return alg;
}

/** Resolves a signature algorithm name (for `signature.import`). */
export function signatureAlgorithm(name: string): SignatureAlgorithm {
  return asymmetricAlgorithm('signatures', name) as SignatureAlgorithm;
}

/** Every algorithm this build implements, for docs and `--help`. */
export function listAlgorithms(): { family: string; name: string }[] {
  return [
    ...Object.values(SYMMETRIC).map((a) => ({ family: 'symmetric', name: a.name })),
    ...Object.values(ASYMMETRIC).map((a) => ({ family: a.type, name: a.name })),
  ];
}
