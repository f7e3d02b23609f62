/**
 * The algorithm registry: one null-prototype table per family, keyed by the upper-cased
 * identifier of the spec. Interfaces resolve a name once and pass the entry down; no other module
 * switches on algorithm names. Lookups of inherited names ("__proto__", "constructor") fail.
 */
import type { AeadId, CipherId, CmacId, HashId, KmacId, MacHashId, XofId } from '../backends/types.js';
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
export type SignatureAlgorithm = { readonly kind: 'ed25519'; readonly name: 'Ed25519'; readonly signatureLen: 64; readonly publicLen: 32; readonly secretLen: 32 };

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

const SIGNATURES = table<SignatureAlgorithm>(
  [{ kind: 'ed25519', name: 'Ed25519', signatureLen: 64, publicLen: 32, secretLen: 32 }],
  (a) => a.name,
);

function lookup<T>(t: Readonly<Record<string, T>>, name: string): T | undefined {
  const key = name.toUpperCase();
  return Object.prototype.hasOwnProperty.call(t, key) ? t[key] : undefined;
}

/** Resolves a symmetric algorithm name; `unsupported-algorithm` if unknown. */
export function symmetricAlgorithm(name: string): SymmetricAlgorithm {
  return lookup(SYMMETRIC, name) ?? fail('unsupported-algorithm', `symmetric algorithm ${JSON.stringify(name)}`);
}

/** Resolves a signature algorithm name; `unsupported-algorithm` if unknown. */
export function signatureAlgorithm(name: string): SignatureAlgorithm {
  return lookup(SIGNATURES, name) ?? fail('unsupported-algorithm', `signature algorithm ${JSON.stringify(name)}`);
}

/** Resolves a key-exchange algorithm name. None is implemented yet (issue: signatures and key exchange). */
export function keyExchangeAlgorithm(name: string): never {
  return fail('unsupported-algorithm', `key-exchange algorithm ${JSON.stringify(name)}`);
}

/** Every algorithm this build implements, for docs and `--help`. */
export function listAlgorithms(): { family: string; name: string }[] {
  return [
    ...Object.values(SYMMETRIC).map((a) => ({ family: 'symmetric', name: a.name })),
    ...Object.values(SIGNATURES).map((a) => ({ family: 'signatures', name: a.name })),
  ];
}
