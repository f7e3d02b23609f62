/**
 * The algorithm registry: one null-prototype table per family, keyed by the upper-cased
 * identifier of the spec. Interfaces resolve a name once and pass the entry down; no other module
 * switches on algorithm names. Lookups of inherited names ("__proto__", "constructor") fail.
 */
import type { AeadId, HashId } from '../backends/types.js';
import { fail } from './errors.js';

export type SymmetricAlgorithm =
  | { readonly kind: 'hash'; readonly name: string; readonly hash: HashId; readonly outLen: number }
  | { readonly kind: 'hmac'; readonly name: string; readonly hash: HashId; readonly outLen: number; readonly keyLen: number }
  | {
      readonly kind: 'aead';
      readonly name: string;
      readonly aead: AeadId;
      readonly keyLen: number;
      readonly nonceLen: number;
      readonly tagLen: number;
    };

export type SignatureAlgorithm = { readonly kind: 'ed25519'; readonly name: 'Ed25519'; readonly signatureLen: 64; readonly publicLen: 32; readonly secretLen: 32 };

function table<T>(entries: T[], nameOf: (t: T) => string): Readonly<Record<string, T>> {
  const t = Object.create(null) as Record<string, T>;
  for (const e of entries) t[nameOf(e).toUpperCase()] = e;
  return Object.freeze(t);
}

const SYMMETRIC = table<SymmetricAlgorithm>(
  [
    { kind: 'hash', name: 'SHA-256', hash: 'SHA-256', outLen: 32 },
    { kind: 'hash', name: 'SHA-512', hash: 'SHA-512', outLen: 64 },
    { kind: 'hash', name: 'SHA-512/256', hash: 'SHA-512/256', outLen: 32 },
    { kind: 'hmac', name: 'HMAC/SHA-256', hash: 'SHA-256', outLen: 32, keyLen: 32 },
    { kind: 'hmac', name: 'HMAC/SHA-512', hash: 'SHA-512', outLen: 64, keyLen: 64 },
    { kind: 'aead', name: 'AES-128-GCM', aead: 'AES-128-GCM', keyLen: 16, nonceLen: 12, tagLen: 16 },
    { kind: 'aead', name: 'AES-256-GCM', aead: 'AES-256-GCM', keyLen: 32, nonceLen: 12, tagLen: 16 },
  ],
  (a) => a.name,
);

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
