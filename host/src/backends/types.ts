/**
 * The algorithm contract every backend implements. Bytes in, bytes out; no WIT, no handles.
 * `node` implements it with node:crypto (fast path on Node), `noble` with @noble/* (portable).
 * A backend never keeps a reference to an input buffer after returning, and every returned
 * Uint8Array is a fresh array the caller owns.
 */
import type { KeyMaterial } from '../core/secret.js';
import type { RandomSource } from '../core/random.js';

export type BackendName = 'node' | 'noble';

/** Hash functions the backends implement (identifiers are the registry's canonical names). */
export type HashId = 'SHA-256' | 'SHA-384' | 'SHA-512' | 'SHA-512/256';
export type AeadId = 'AES-128-GCM' | 'AES-256-GCM';

/** A running hash or MAC computation. */
export interface Digest {
  update(data: Uint8Array): void;
  /** Finishes a *copy* of the computation: the digest can keep absorbing afterwards (the spec's states are cumulative). */
  digest(): Uint8Array;
  /** An independent copy of the current state. */
  clone(): Digest;
  /** Drops internal buffers (best effort wipe). The object must not be used afterwards. */
  destroy(): void;
}

export interface Backend {
  readonly name: BackendName;
  /** Which hash ids this backend implements. */
  supportsHash(id: HashId): boolean;
  hash(id: HashId): Digest;
  /** HMAC over `id` keyed by `key` (any length). The backend may cache a parsed key in `key.cache`. */
  hmac(id: HashId, key: KeyMaterial): Digest;

  supportsAead(id: AeadId): boolean;
  /** Returns ciphertext || tag (tag is 16 bytes for GCM). Nonce length is validated by the caller (12 bytes). */
  aeadSeal(id: AeadId, key: KeyMaterial, nonce: Uint8Array, aad: Uint8Array, plaintext: Uint8Array): Uint8Array;
  /** Returns the plaintext, or `null` if the tag does not authenticate (no partial plaintext ever escapes). */
  aeadOpen(id: AeadId, key: KeyMaterial, nonce: Uint8Array, aad: Uint8Array, ciphertextAndTag: Uint8Array): Uint8Array | null;

  /** Ed25519 (RFC 8032, pure). Secret keys are the 32-byte seed; public keys 32 bytes; signatures 64 bytes. */
  ed25519: {
    generate(rng: RandomSource): { secret: Uint8Array; public: Uint8Array };
    publicFromSecret(secret: KeyMaterial): Uint8Array;
    sign(secret: KeyMaterial, message: Uint8Array): Uint8Array;
    /**
     * Strict RFC 8032 verification (cofactorless equation, canonical S < L and canonical R/A
     * encodings rejected as the RFC's decoding rules say; NOT ZIP-215). Returns false for any
     * well-formed-length signature that does not verify; never throws for bad input.
     */
    verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean;
    /** Whether `publicKey` decodes to a valid curve point. */
    validPublic(publicKey: Uint8Array): boolean;
  };
}
