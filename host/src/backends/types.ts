/**
 * The algorithm contract every backend implements. Bytes in, bytes out; no WIT, no handles.
 * `node` implements it with node:crypto (fast path on Node), `noble` with @noble/* (portable).
 * A backend never keeps a reference to an input buffer after returning, and every returned
 * Uint8Array is a fresh array the caller owns.
 */
import type { KeyMaterial } from '../core/secret.js';
import type { RandomSource } from '../core/random.js';

export type BackendName = 'node' | 'noble';

/** Fixed-output hash functions (identifiers are the registry's canonical names). */
export type HashId =
  | 'SHA-256'
  | 'SHA-384'
  | 'SHA-512'
  | 'SHA-512/256'
  | 'SHA3-256'
  | 'SHA3-512'
  | 'BLAKE2b-512'
  | 'BLAKE2s-256';
/** Hashes usable inside HMAC, HKDF and PBKDF2. */
export type MacHashId = 'SHA-256' | 'SHA-384' | 'SHA-512';
/** Extendable-output functions. */
export type XofId = 'SHAKE-128' | 'SHAKE-256' | 'CSHAKE-128' | 'CSHAKE-256' | 'BLAKE3';
export type KmacId = 'KMAC-128' | 'KMAC-256';
export type CmacId = 'AES-128-CMAC' | 'AES-256-CMAC';
/** AEADs. Nonce/key/tag lengths: GCM and GCM-SIV 12/16|32/16, ChaCha20 12/32/16, XChaCha20 24/32/16. */
export type AeadId =
  | 'AES-128-GCM'
  | 'AES-256-GCM'
  | 'AES-128-GCM-SIV'
  | 'AES-256-GCM-SIV'
  | 'CHACHA20-POLY1305'
  | 'XCHACHA20-POLY1305';
/** Unauthenticated legacy ciphers: CBC with PKCS#7 padding, CTR with a 16-byte big-endian counter block. */
export type CipherId = 'AES-128-CBC' | 'AES-256-CBC' | 'AES-128-CTR' | 'AES-256-CTR';

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

/** A running extendable-output function. */
export interface Xof {
  /** Absorbs input. Called only before the first `squeeze` (the core enforces this). */
  update(data: Uint8Array): void;
  /** The next `n` bytes of the output stream: consecutive squeezes continue the stream. */
  squeeze(n: number): Uint8Array;
  /** An independent copy, at the same position of the stream. */
  clone(): Xof;
  destroy(): void;
}

export interface XofParams {
  /** BLAKE3 keyed mode (exactly 32 bytes); absent = unkeyed. Other XOFs take no key. */
  key?: KeyMaterial | undefined;
  /** cSHAKE customization string S (function name N is empty). Empty/absent = plain cSHAKE = SHAKE. */
  customization?: Uint8Array | undefined;
}

export interface ScryptParams {
  /** CPU/memory cost, a power of two > 1. */
  N: number;
  /** Block size. */
  r: number;
  /** Parallelism. */
  p: number;
  dkLen: number;
  /** Upper bound on memory the computation may allocate, in bytes (the caller has checked 128·r·(N+p) against its own limit; backends may add their own small overhead). */
  maxmem: number;
}

export interface Argon2Params {
  /** Passes (time cost). */
  t: number;
  /** Memory in KiB (≥ 8·p). */
  m: number;
  /** Lanes. */
  p: number;
  dkLen: number;
  /** Optional secret value K (RFC 9106 §3.1). */
  secret?: Uint8Array | undefined;
  /** Optional associated data X. */
  associatedData?: Uint8Array | undefined;
}

/** Prime-order curves for ECDSA and ECDH. */
export type EcCurve = 'P-256' | 'P-384' | 'secp256k1';
/** Curves for which a backend decodes public points and verifies ECDSA (certificate validation adds P-521). */
export type EcVerifyCurve = EcCurve | 'P-521';
export type SignatureHash = 'SHA-256' | 'SHA-384' | 'SHA-512';
export type MlDsaLevel = 'ML-DSA-44' | 'ML-DSA-65' | 'ML-DSA-87';
export type MlKemLevel = 'ML-KEM-512' | 'ML-KEM-768' | 'ML-KEM-1024';
export type RsaScheme = 'pkcs1' | 'pss';

/**
 * Asymmetric primitives. Secret keys come in as KeyMaterial holding the canonical secret
 * (docs/asymmetric.md): Ed25519/X25519 32-byte seeds/scalars, EC big-endian scalars of the curve's
 * size, RSA PKCS#8 DER, ML-DSA/ML-KEM FIPS-encoded secret keys, X-Wing 32-byte seeds. Public keys
 * are canonical bytes: EC points SEC1 *uncompressed*, RSA SPKI DER. Key generation that needs
 * randomness takes it from `rng` (the host's random source), except RSA on node (OpenSSL's own).
 * Verification functions return false for any well-formed-length input that does not verify and
 * never throw for bad input; other functions throw CryptoError (`invalid-key`, …), never a bare Error.
 */
export interface EcdsaOps {
  /** Whether `scalar` (big-endian, exactly the curve's size) is in [1, n−1]. */
  validSecret(curve: EcCurve, scalar: Uint8Array): boolean;
  /** Uncompressed SEC1 public key of a valid secret scalar. */
  publicFromSecret(curve: EcCurve, secret: KeyMaterial): Uint8Array;
  /** A SEC1 point (compressed or uncompressed) as uncompressed bytes, or null if it is not a valid point (or the identity). */
  decodePublic(curve: EcVerifyCurve, sec1: Uint8Array): Uint8Array | null;
  /** Compressed SEC1 form of a valid uncompressed point. */
  compressPublic(curve: EcCurve, uncompressed: Uint8Array): Uint8Array;
  /** ECDSA over `hash(message)`; returns r‖s (fixed length). `rng` supplies hedging entropy where the library takes it. */
  sign(curve: EcCurve, hash: SignatureHash, secret: KeyMaterial, message: Uint8Array, rng: RandomSource): Uint8Array;
  /** Accepts high-S signatures; r, s must be in [1, n−1]; `signature` is r‖s of the right length (checked by the caller). */
  verify(curve: EcVerifyCurve, hash: SignatureHash, publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean;
  /** ECDH: the raw x-coordinate of secret·peer, or null if `peer` is invalid. (P-256 and P-384 only.) */
  ecdh(curve: EcCurve, secret: KeyMaterial, peer: Uint8Array): Uint8Array | null;
}

export interface X25519Ops {
  publicFromSecret(secret: KeyMaterial): Uint8Array;
  /** The shared secret, or null when it is all zeros (a small-order public key). */
  dh(secret: KeyMaterial, peer: Uint8Array): Uint8Array | null;
}

export interface RsaOps {
  /** A fresh key pair of `bits` bits, exponent 65537: PKCS#8 DER and SPKI DER. */
  generate(bits: number): { secret: Uint8Array; public: Uint8Array };
  /** SPKI DER of a PKCS#8 RSA secret key; throws `invalid-key` if the key is inconsistent. */
  publicFromSecret(secret: KeyMaterial): Uint8Array;
  sign(scheme: RsaScheme, hash: SignatureHash, secret: KeyMaterial, message: Uint8Array): Uint8Array;
  /** PSS uses salt length = hash length and MGF1 with the same hash. */
  verify(scheme: RsaScheme, hash: SignatureHash, publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean;
}

export interface MlDsaOps {
  /** Key pair from the 32-byte seed ξ (FIPS 204 ML-DSA.KeyGen_internal). */
  fromSeed(level: MlDsaLevel, seed: Uint8Array): { secret: Uint8Array; public: Uint8Array };
  /** Public key of an expanded secret key; throws `invalid-key` if it is malformed. */
  publicFromSecret(level: MlDsaLevel, secret: KeyMaterial): Uint8Array;
  /** Hedged signing: `rnd` (32 bytes) is drawn from `rng`. `context` ≤ 255 bytes (checked by the caller). */
  sign(level: MlDsaLevel, secret: KeyMaterial, message: Uint8Array, context: Uint8Array, rng: RandomSource): Uint8Array;
  verify(level: MlDsaLevel, publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array, context: Uint8Array): boolean;
}

export interface KemOps<L extends string> {
  /** Key pair from the seed (ML-KEM: 64 bytes d‖z; X-Wing: 32 bytes). The secret returned is the canonical secret (ML-KEM: expanded dk; X-Wing: the seed). */
  fromSeed(level: L, seed: Uint8Array): { secret: Uint8Array; public: Uint8Array };
  publicFromSecret(level: L, secret: KeyMaterial): Uint8Array;
  /** Whether a public key is usable (ML-KEM: the FIPS 203 modulus check). */
  validPublic(level: L, publicKey: Uint8Array): boolean;
  /** Encapsulation; the randomness (ML-KEM m: 32 bytes; X-Wing: 64 bytes) is drawn from `rng`. */
  encapsulate(level: L, publicKey: Uint8Array, rng: RandomSource): { secret: Uint8Array; ciphertext: Uint8Array };
  /** Decapsulation with implicit rejection; the ciphertext length is checked by the caller. */
  decapsulate(level: L, secret: KeyMaterial, ciphertext: Uint8Array): Uint8Array;
}

export interface Backend {
  readonly name: BackendName;
  /**
   * The library that computes `algorithm` (a registry name such as 'SHA-256' or 'XCHACHA20-POLY1305')
   * on this backend, for docs and tests: e.g. 'node:crypto', '@noble/hashes',
   * 'node:crypto + @noble/ciphers (HChaCha20)'.
   */
  provider(algorithm: string): string;

  hash(id: HashId): Digest;
  /** One-shot digest of `data` (the `hash` function's fast path: no state object, no clone). */
  hashOnce(id: HashId, data: Uint8Array): Uint8Array;
  xof(id: XofId, params: XofParams): Xof;
  /** HMAC over `id` keyed by `key` (any length, empty included). The backend may cache a parsed key in `key.cache`. */
  hmac(id: MacHashId, key: KeyMaterial): Digest;
  /** One-shot HMAC of `data` (the `mac` function's fast path: no pre-keyed state copies). */
  hmacOnce(id: MacHashId, key: KeyMaterial, data: Uint8Array): Uint8Array;
  /** KMAC (NIST SP 800-185) with output length `outLen` bytes bound into the computation. */
  kmac(id: KmacId, key: KeyMaterial, customization: Uint8Array, outLen: number): Digest;
  /** AES-CMAC (RFC 4493); the key length (16 or 32) matches `id` (checked by the caller). */
  cmac(id: CmacId, key: KeyMaterial): Digest;

  /** HKDF-Extract (RFC 5869): PRK = HMAC(salt, ikm); an empty salt means HashLen zero bytes. */
  hkdfExtract(id: MacHashId, ikm: Uint8Array, salt: Uint8Array): Uint8Array;
  /** HKDF-Expand; the caller has checked 0 < length ≤ 255·HashLen. */
  hkdfExpand(id: MacHashId, prk: Uint8Array, info: Uint8Array, length: number): Uint8Array;
  /** PBKDF2-HMAC (RFC 8018); iterations ≥ 1 and dkLen ≥ 1 checked by the caller. */
  pbkdf2(id: MacHashId, password: Uint8Array, salt: Uint8Array, iterations: number, dkLen: number): Uint8Array;
  /** scrypt (RFC 7914); parameters validated by the caller. */
  scrypt(password: Uint8Array, salt: Uint8Array, params: ScryptParams): Uint8Array;
  /** Argon2id version 0x13 (RFC 9106); parameters validated by the caller. */
  argon2id(password: Uint8Array, salt: Uint8Array, params: Argon2Params): Uint8Array;

  /** Returns ciphertext || tag (16-byte tag). Key and nonce lengths are validated by the caller. */
  aeadSeal(id: AeadId, key: KeyMaterial, nonce: Uint8Array, aad: Uint8Array, plaintext: Uint8Array): Uint8Array;
  /** Returns the plaintext, or `null` if the tag does not authenticate (no partial plaintext ever escapes). */
  aeadOpen(id: AeadId, key: KeyMaterial, nonce: Uint8Array, aad: Uint8Array, ciphertextAndTag: Uint8Array): Uint8Array | null;

  /**
   * AES key wrapping with `kek` (16 or 32 bytes): RFC 3394 (`padded` false; `key` a multiple of 8
   * bytes, at least 16 — checked by the caller) or RFC 5649 (`padded` true; any non-empty length).
   */
  keyWrap(kek: KeyMaterial, key: Uint8Array, padded: boolean): Uint8Array;
  /** The unwrapped key, or null if the integrity check fails (or the length is impossible). */
  keyUnwrap(kek: KeyMaterial, wrapped: Uint8Array, padded: boolean): Uint8Array | null;

  /** CBC: PKCS#7-padded ciphertext (always 1..16 bytes of padding); CTR: same length as the input. `iv` is 16 bytes. */
  cipherEncrypt(id: CipherId, key: KeyMaterial, iv: Uint8Array, data: Uint8Array): Uint8Array;
  /** The plaintext, or `null` (CBC only) when the length is not a positive multiple of 16 or the padding is invalid. */
  cipherDecrypt(id: CipherId, key: KeyMaterial, iv: Uint8Array, data: Uint8Array): Uint8Array | null;

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
    /** Whether `publicKey` is a point of the prime-order subgroup other than the identity (`publickey.verify`). */
    primeOrderPublic(publicKey: Uint8Array): boolean;
  };
  ecdsa: EcdsaOps;
  x25519: X25519Ops;
  /** RSA, where the backend has it (node); undefined on the portable backend. */
  rsa: RsaOps | undefined;
  mldsa: MlDsaOps;
  mlkem: KemOps<MlKemLevel>;
  xwing: KemOps<'X-WING'>;
}
