/**
 * The portable backend: @noble/hashes, @noble/ciphers, @noble/curves and @noble/post-quantum only.
 * Must not import anything from Node (no `node:` modules, no Buffer) so it runs in browsers and
 * edge runtimes.
 *
 * Every algorithm is computed by noble; this file only adapts noble's objects to the contract in
 * ./types.ts (non-finalizing digests, streaming XOF squeezes, `null` on authentication failure,
 * typed errors on bad lengths, fresh output arrays, wiped working copies of unwrapped keys). No
 * module-level mutable state: the tables below are constant.
 */
import { sha256, sha384, sha512, sha512_256 } from '@noble/hashes/sha2.js';
import { sha3_256, sha3_512, shake128, shake256 } from '@noble/hashes/sha3.js';
import { cshake128, cshake256, kmac128, kmac256 } from '@noble/hashes/sha3-addons.js';
import { blake2b, blake2s } from '@noble/hashes/blake2.js';
import { blake3 } from '@noble/hashes/blake3.js';
import { hmac } from '@noble/hashes/hmac.js';
import { extract as hkdfExtract, expand as hkdfExpand } from '@noble/hashes/hkdf.js';
import { pbkdf2 } from '@noble/hashes/pbkdf2.js';
import { scrypt } from '@noble/hashes/scrypt.js';
import { argon2id } from '@noble/hashes/argon2.js';
import type { CHash } from '@noble/hashes/utils.js';
import { aeskw, aeskwp, cbc, cmac, ctr, ecb, gcm, gcmsiv } from '@noble/ciphers/aes.js';
import { chacha20poly1305, xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { ed25519, x25519 } from '@noble/curves/ed25519.js';
import { p256, p384, p521 } from '@noble/curves/nist.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import type { ECDSA } from '@noble/curves/abstract/weierstrass.js';
import { bytesToNumberLE } from '@noble/curves/utils.js';
import { ml_dsa44, ml_dsa65, ml_dsa87 } from '@noble/post-quantum/ml-dsa.js';
import { ml_kem512, ml_kem768, ml_kem1024 } from '@noble/post-quantum/ml-kem.js';
import { ml_kem768_x25519 } from '@noble/post-quantum/hybrid.js';
import { fail, isCryptoError, type ErrorCode } from '../core/errors.js';
import type { KeyMaterial } from '../core/secret.js';
import { randomBytes, type RandomSource } from '../core/random.js';
import type {
  AeadId,
  Backend,
  CipherId,
  CmacId,
  Digest,
  EcCurve,
  EcVerifyCurve,
  EcdsaOps,
  HashId,
  KemOps,
  KmacId,
  MacHashId,
  MlDsaLevel,
  MlDsaOps,
  MlKemLevel,
  SignatureHash,
  X25519Ops,
  Xof,
  XofId,
} from './types.js';

// ---------------------------------------------------------------------------------------------
// constant tables

const HASHES: Readonly<Record<HashId, CHash>> = {
  'SHA-256': sha256,
  'SHA-384': sha384,
  'SHA-512': sha512,
  'SHA-512/256': sha512_256,
  'SHA3-256': sha3_256,
  'SHA3-512': sha3_512,
  'BLAKE2b-512': blake2b, // default dkLen 64
  'BLAKE2s-256': blake2s, // default dkLen 32
};
const MAC_HASHES: Readonly<Record<MacHashId, CHash>> = {
  'SHA-256': sha256,
  'SHA-384': sha384,
  'SHA-512': sha512,
};
const KMACS: Readonly<Record<KmacId, typeof kmac128>> = { 'KMAC-128': kmac128, 'KMAC-256': kmac256 };
const CMAC_KEY_LEN: Readonly<Record<CmacId, number>> = { 'AES-128-CMAC': 16, 'AES-256-CMAC': 32 };

/** The part of a noble AEAD (`Cipher`) this file uses. */
interface NobleAead {
  encrypt(plaintext: Uint8Array): Uint8Array;
  decrypt(ciphertextAndTag: Uint8Array): Uint8Array;
}
interface AeadSpec {
  keyLen: number;
  nonceLen: number;
  make(key: Uint8Array, nonce: Uint8Array, aad: Uint8Array): NobleAead;
}
const AEADS: Readonly<Record<AeadId, AeadSpec>> = {
  'AES-128-GCM': { keyLen: 16, nonceLen: 12, make: (k, n, a) => gcm(k, n, a) },
  'AES-256-GCM': { keyLen: 32, nonceLen: 12, make: (k, n, a) => gcm(k, n, a) },
  'AES-128-GCM-SIV': { keyLen: 16, nonceLen: 12, make: (k, n, a) => gcmsiv(k, n, a) },
  'AES-256-GCM-SIV': { keyLen: 32, nonceLen: 12, make: (k, n, a) => gcmsiv(k, n, a) },
  'CHACHA20-POLY1305': { keyLen: 32, nonceLen: 12, make: (k, n, a) => chacha20poly1305(k, n, a) },
  'XCHACHA20-POLY1305': { keyLen: 32, nonceLen: 24, make: (k, n, a) => xchacha20poly1305(k, n, a) },
};
const AEAD_TAG_LEN = 16;

const CIPHERS: Readonly<Record<CipherId, { keyLen: number; mode: 'cbc' | 'ctr' }>> = {
  'AES-128-CBC': { keyLen: 16, mode: 'cbc' },
  'AES-256-CBC': { keyLen: 32, mode: 'cbc' },
  'AES-128-CTR': { keyLen: 16, mode: 'ctr' },
  'AES-256-CTR': { keyLen: 32, mode: 'ctr' },
};
const AES_BLOCK = 16;

const HASHES_LIB = '@noble/hashes';
const CIPHERS_LIB = '@noble/ciphers';
const CURVES_LIB = '@noble/curves';
const PQ_LIB = '@noble/post-quantum';
/** RSA signature names (registry spelling). The portable backend has no RSA: provider() refuses them explicitly. */
const RSA_NAMES: ReadonlySet<string> = new Set(
  ['PKCS1', 'PSS'].flatMap((scheme) =>
    ['2048', '3072', '4096'].flatMap((bits) => ['SHA256', 'SHA384', 'SHA512'].map((h) => `RSA_${scheme}_${bits}_${h}`)),
  ),
);
/** `provider()` table, keyed by the upper-cased registry name. */
const PROVIDERS: ReadonlyMap<string, string> = new Map(
  (
    [
      ...[
        'SHA-256', 'SHA-384', 'SHA-512', 'SHA-512/256', 'SHA3-256', 'SHA3-512', 'BLAKE2b-512', 'BLAKE2s-256',
        'SHAKE-128', 'SHAKE-256', 'CSHAKE-128', 'CSHAKE-256', 'BLAKE3',
        'HMAC/SHA-256', 'HMAC/SHA-384', 'HMAC/SHA-512', 'KMAC-128', 'KMAC-256',
        'HKDF-EXTRACT/SHA-256', 'HKDF-EXTRACT/SHA-384', 'HKDF-EXTRACT/SHA-512',
        'HKDF-EXPAND/SHA-256', 'HKDF-EXPAND/SHA-384', 'HKDF-EXPAND/SHA-512',
        'PBKDF2-HMAC/SHA-256', 'PBKDF2-HMAC/SHA-512', 'SCRYPT', 'ARGON2-ID-13',
      ].map((a) => [a, HASHES_LIB]),
      ...[
        'AES-128-CMAC', 'AES-256-CMAC',
        'AES-128-GCM', 'AES-256-GCM', 'AES-128-GCM-SIV', 'AES-256-GCM-SIV', 'CHACHA20-POLY1305', 'XCHACHA20-POLY1305',
        'AES-128-CBC', 'AES-256-CBC', 'AES-128-CTR', 'AES-256-CTR',
        'AES-128-KW', 'AES-256-KW', 'AES-128-KWP', 'AES-256-KWP',
      ].map((a) => [a, CIPHERS_LIB]),
      ...['Ed25519', 'ECDSA_P256_SHA256', 'ECDSA_P384_SHA384', 'ECDSA_K256_SHA256', 'X25519', 'P256-SHA256', 'P384-SHA384'].map(
        (a) => [a, CURVES_LIB],
      ),
      ...['ML-DSA-44', 'ML-DSA-65', 'ML-DSA-87', 'ML-KEM-512', 'ML-KEM-768', 'ML-KEM-1024', 'X-WING'].map((a) => [a, PQ_LIB]),
    ] as [string, string][]
  ).map(([a, lib]) => [a.toUpperCase(), lib]),
);

// ---------------------------------------------------------------------------------------------
// helpers

/** Own-property lookup (a runtime id such as 'constructor' must not reach Object.prototype). */
function lookup<K extends string, V>(table: Readonly<Record<K, V>>, id: string, what: string): V {
  if (!Object.hasOwn(table, id)) fail('unsupported-algorithm', `${what} ${id}`);
  return table[id as K];
}

/**
 * A plain Uint8Array that owns exactly its buffer. noble's outputs already are, this only guards
 * against a library change returning a view into a larger internal buffer.
 */
function owned(u: Uint8Array): Uint8Array {
  if (u.byteOffset === 0 && u.byteLength === u.buffer.byteLength && Object.getPrototypeOf(u) === Uint8Array.prototype) return u;
  return new Uint8Array(u);
}

/** Runs a noble call, turning noble's untyped `Error`s into a typed error with `code`. */
function guard<T>(code: ErrorCode, what: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (isCryptoError(e)) throw e;
    fail(code, `${what}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function checkCount(n: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 0) fail('invalid-length', `${what}: ${n}`);
}

function checkKeyLen(key: KeyMaterial, len: number, what: string): Uint8Array {
  if (key.length !== len) fail('invalid-key', `${what} needs a ${len}-byte key`);
  return key.bytes;
}

function seed(secret: KeyMaterial): Uint8Array {
  if (secret.length !== 32) fail('invalid-key', 'an Ed25519 secret key is a 32-byte seed');
  return secret.bytes;
}

// ---------------------------------------------------------------------------------------------
// AES key wrap (RFC 3394 / RFC 5649): argument checks shared with the node backend

/** KW and KWP work on 64-bit semiblocks. */
const SEMIBLOCK = 8;
/** RFC 5649 encodes the key length in a 32-bit MLI. */
const KWP_MAX_KEY = 0xffff_ffff;

/** The KEK bytes, after checking the contract's KEK sizes (AES-128 or AES-256; no AES-192). */
export function keyWrapKek(kek: KeyMaterial): Uint8Array {
  if (kek.length !== 16 && kek.length !== 32) fail('invalid-key', 'an AES key-wrapping key is 16 or 32 bytes');
  return kek.bytes;
}

/** Throws `invalid-length` for a key KW (≥ 16 bytes, a multiple of 8) or KWP (1..2^32−1 bytes) cannot wrap. */
export function checkKeyWrapInput(key: Uint8Array, padded: boolean): void {
  if (padded) {
    if (key.length < 1 || key.length > KWP_MAX_KEY) fail('invalid-length', 'AES-KWP wraps 1 to 2^32-1 bytes');
  } else if (key.length < 2 * SEMIBLOCK || key.length % SEMIBLOCK !== 0) {
    fail('invalid-length', 'AES-KW wraps a multiple of 8 bytes, at least 16');
  }
}

/**
 * Whether `n` bytes can be a wrapped key: a multiple of 8, with at least the integrity semiblock
 * plus two key semiblocks for KW (24) or one padded semiblock for KWP (16), and for KWP no more
 * than a 2^32−1-byte key can produce (the MLI bound).
 */
export function keyUnwrapLengthOk(n: number, padded: boolean): boolean {
  if (n % SEMIBLOCK !== 0) return false;
  if (!padded) return n >= 3 * SEMIBLOCK;
  return n >= 2 * SEMIBLOCK && n - SEMIBLOCK <= KWP_MAX_KEY + 1;
}

// ---------------------------------------------------------------------------------------------
// hash / MAC states

/** The part of a noble hash / HMAC / KMAC instance this file uses. */
interface NobleHashState {
  update(data: Uint8Array): unknown;
  digest(): Uint8Array;
  clone(): NobleHashState;
  destroy(): void;
}

class NobleDigest implements Digest {
  #h: NobleHashState | undefined;
  constructor(h: NobleHashState) {
    this.#h = h;
  }
  #state(): NobleHashState {
    if (this.#h === undefined) throw new Error('digest used after destroy (host bug)');
    return this.#h;
  }
  update(data: Uint8Array): void {
    this.#state().update(data);
  }
  digest(): Uint8Array {
    // Finish a clone so the running state keeps absorbing (noble's digest() finalizes and wipes).
    const c = this.#state().clone();
    const out = c.digest();
    c.destroy();
    return owned(out);
  }
  clone(): Digest {
    return new NobleDigest(this.#state().clone());
  }
  destroy(): void {
    this.#h?.destroy(); // noble wipes its internal buffers
    this.#h = undefined;
  }
}

/**
 * AES-CMAC (RFC 4493) as a cloneable, non-finalizing state.
 *
 * noble's `cmac.create(key)` streams but has no `clone()`, and its `digest()` finalizes. Buffering
 * the whole message to replay it would make a long-lived MAC state grow without bound, so instead
 * the state is kept in the form CMAC itself defines (RFC 4493 §2.4):
 *   - X: the CBC-MAC chaining value over every complete block except the last one, computed with
 *     noble's AES-CBC (zero IV initially, no padding): X is the last ciphertext block;
 *   - the pending tail M_n: 1..16 bytes (a full block is held back, since only the end of the
 *     message decides whether it is the final block, which uses subkey K1 instead of K2).
 * `digest()` then lets noble's own CMAC finish: it is fed B1 = AES⁻¹_K(X) (noble's AES-ECB
 * decryption of one block) followed by the tail. noble's first step computes AES_K(0 ⊕ B1) = X, so
 * from there it runs exactly the chaining steps of the original message, and its final step (K1/K2
 * subkeys, 10* padding) is noble's. Memory stays O(1) and no AES or CMAC math is written here.
 */
class CmacDigest implements Digest {
  #key: Uint8Array | undefined; // a private copy: the state outlives the caller's KeyMaterial
  #x = new Uint8Array(AES_BLOCK);
  #chained = false; // whether X covers at least one block (otherwise X is unused)
  #tail = new Uint8Array(AES_BLOCK);
  #tailLen = 0;

  /** Takes ownership of `key` (a fresh copy). */
  constructor(key: Uint8Array) {
    this.#key = key;
  }
  #k(): Uint8Array {
    if (this.#key === undefined) throw new Error('digest used after destroy (host bug)');
    return this.#key;
  }
  /** X ← CBC_K(IV = X or 0, blocks).lastBlock, for a whole number of blocks. */
  #chain(blocks: Uint8Array): void {
    const key = this.#k();
    const STEP = 64 * 1024; // bound the temporary ciphertext buffer
    for (let off = 0; off < blocks.length; off += STEP) {
      const chunk = blocks.subarray(off, Math.min(blocks.length, off + STEP));
      const ct = cbc(key, this.#x, { disablePadding: true }).encrypt(chunk);
      this.#x.set(ct.subarray(ct.length - AES_BLOCK));
      this.#chained = true;
      ct.fill(0);
    }
  }
  update(data: Uint8Array): void {
    this.#k();
    let off = Math.min(AES_BLOCK - this.#tailLen, data.length);
    this.#tail.set(data.subarray(0, off), this.#tailLen);
    this.#tailLen += off;
    if (off === data.length) return; // everything fits in the pending tail (possibly a full block)
    // More data follows a full pending block: that block is not the last one.
    this.#chain(this.#tail);
    const rest = data.length - off;
    // Chain every complete block of the rest except a final 1..16 bytes, which become the tail.
    const n = Math.floor((rest - 1) / AES_BLOCK) * AES_BLOCK;
    if (n > 0) this.#chain(data.subarray(off, off + n));
    off += n;
    this.#tail.fill(0);
    this.#tail.set(data.subarray(off));
    this.#tailLen = data.length - off;
  }
  digest(): Uint8Array {
    const key = this.#k();
    const tail = this.#tail.subarray(0, this.#tailLen);
    const mac = cmac.create(key);
    let b1: Uint8Array | undefined;
    if (this.#chained) {
      b1 = ecb(key, { disablePadding: true }).decrypt(this.#x);
      mac.update(b1);
    }
    mac.update(tail);
    const out = mac.digest(); // finalizes and wipes that temporary noble instance
    b1?.fill(0);
    return owned(out);
  }
  clone(): Digest {
    const c = new CmacDigest(Uint8Array.from(this.#k()));
    c.#x.set(this.#x);
    c.#chained = this.#chained;
    c.#tail.set(this.#tail);
    c.#tailLen = this.#tailLen;
    return c;
  }
  destroy(): void {
    this.#key?.fill(0);
    this.#key = undefined;
    this.#x.fill(0);
    this.#tail.fill(0);
    this.#tailLen = 0;
  }
}

// ---------------------------------------------------------------------------------------------
// XOF states

/** The part of a noble Keccak / BLAKE3 XOF instance this file uses. */
interface NobleXofState {
  update(data: Uint8Array): unknown;
  /** Next `n` bytes of the output stream (finalizes absorption on first use, keeps the position). */
  xof(n: number): Uint8Array;
  clone(): NobleXofState;
  destroy(): void;
}

class NobleXof implements Xof {
  #x: NobleXofState | undefined;
  #squeezed: boolean;
  constructor(x: NobleXofState, squeezed = false) {
    this.#x = x;
    this.#squeezed = squeezed;
  }
  #state(): NobleXofState {
    if (this.#x === undefined) throw new Error('XOF used after destroy (host bug)');
    return this.#x;
  }
  update(data: Uint8Array): void {
    const x = this.#state();
    // noble would throw too ("digest() was already called"); make the cause explicit.
    if (this.#squeezed) throw new Error('host bug: Xof.update() after squeeze()');
    x.update(data);
  }
  squeeze(n: number): Uint8Array {
    const x = this.#state();
    checkCount(n, 'squeeze length');
    this.#squeezed = true;
    return owned(x.xof(n));
  }
  clone(): Xof {
    // noble's clone copies the sponge / BLAKE3 output position (posOut, output block counter).
    return new NobleXof(this.#state().clone(), this.#squeezed);
  }
  destroy(): void {
    this.#x?.destroy();
    this.#x = undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Ed25519 verification

/*
 * @noble/curves' `verify(..., { zip215: false })` applies RFC 8032's decoding rules (canonical A and
 * R, S < L) and additionally rejects small-order public keys, but it checks the *cofactored*
 * equation [8][S]B = [8]R + [8][k]A. Our contract (and node:crypto/OpenSSL) is cofactorless:
 * [S]B = R + [k]A. The two differ on signatures whose R or A carries a small-order component
 * (ed25519-speccheck vectors 4, 7 and 8 pass the cofactored check only). So a signature is accepted
 * iff noble's strict verify accepts it AND the cofactorless equation holds; the latter is evaluated
 * with noble's own point decoding, SHA-512 and scalar multiplication (no arithmetic is written here).
 */
const { Point } = ed25519;
const Fn = Point.Fn;

function cofactorlessEquationHolds(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  const rBytes = signature.subarray(0, 32);
  const A = Point.fromBytes(publicKey, false);
  const R = Point.fromBytes(rBytes, false);
  const s = bytesToNumberLE(signature.subarray(32, 64));
  if (!Fn.isValid(s)) return false; // S < L
  const k = Fn.create(bytesToNumberLE(sha512.create().update(rBytes).update(publicKey).update(message).digest()));
  return Point.BASE.multiplyUnsafe(s).equals(R.add(A.multiplyUnsafe(k)));
}

// ---------------------------------------------------------------------------------------------
// asymmetric helpers

/** Whether two byte strings are equal (lengths are public; the comparison does not exit early). */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let d = 0;
  for (let i = 0; i < a.length; i++) d |= a[i]! ^ b[i]!;
  return d === 0;
}

/** A copy of `u` that owns its buffer; the original (a noble output, possibly a view) is then wiped. */
function detach(u: Uint8Array): Uint8Array {
  const out = Uint8Array.from(u);
  u.fill(0);
  return out;
}

// ---------------------------------------------------------------------------------------------
// ECDSA and ECDH (P-256, P-384, secp256k1)

/*
 * noble's `sign`/`verify` hash the message with the curve's own hash unless told `prehash: false`.
 * The contract names the hash separately from the curve, so the digest is always computed here with
 * the named @noble/hashes function and handed over with `prehash: false`; noble then applies
 * bits2int (the leftmost ⌈log2 n⌉ bits) exactly as FIPS 186-5 / RFC 6979 §2.3.2 say. Signing is
 * RFC 6979 with the additional input k' of §3.6 (noble's `extraEntropy`): 32 bytes from the caller's
 * random source, so the nonce stays safe if either the DRBG input or the random source is weak, and
 * a test that injects a fixed stream gets reproducible signatures. noble normalizes s to the low
 * half (`lowS: true`); verification accepts both halves (`lowS: false`), as OpenSSL does.
 * (noble also draws side-channel blinding values — nonce-inversion and scalar blinding — from Web
 * Crypto inside the curve objects. They cancel out and never change an output.)
 */
interface CurveSpec {
  readonly ecdsa: ECDSA;
  /** Scalar / field element size in bytes. */
  readonly len: number;
}
const CURVES: Readonly<Record<EcVerifyCurve, CurveSpec>> = {
  'P-256': { ecdsa: p256, len: 32 },
  'P-384': { ecdsa: p384, len: 48 },
  'P-521': { ecdsa: p521, len: 66 },
  secp256k1: { ecdsa: secp256k1, len: 32 },
};
const SIGNATURE_HASHES: Readonly<Record<SignatureHash, CHash>> = MAC_HASHES;
/** Length of the RFC 6979 §3.6 additional input drawn from the random source for each signature. */
const ECDSA_HEDGE_LEN = 32;

type EcPoint = ReturnType<ECDSA['Point']['fromBytes']>;

/**
 * A SEC1 point of exactly the curve's compressed (0x02/0x03 ‖ x) or uncompressed (0x04 ‖ x ‖ y) form,
 * on the curve, not the identity; null otherwise. Hybrid encodings (0x06/0x07) and the one-byte
 * identity encoding are refused by the prefix/length check before noble sees them. noble's decoder
 * rejects coordinates ≥ p and points off the curve (the three curves have cofactor 1, so every curve
 * point is in the prime-order group).
 */
function decodePoint(spec: CurveSpec, sec1: Uint8Array): EcPoint | null {
  const prefix = sec1[0];
  const compressed = sec1.length === 1 + spec.len && (prefix === 0x02 || prefix === 0x03);
  const uncompressed = sec1.length === 1 + 2 * spec.len && prefix === 0x04;
  if (!compressed && !uncompressed) return null;
  try {
    const point = spec.ecdsa.Point.fromBytes(sec1);
    if (point.is0()) return null;
    point.assertValidity();
    return point;
  } catch {
    return null;
  }
}

/** The secret scalar of `secret`: exactly the curve's size, in [1, n−1]; `invalid-key` otherwise. */
function ecScalar(curve: EcCurve, spec: CurveSpec, secret: KeyMaterial): Uint8Array {
  const d = secret.bytes;
  if (d.length !== spec.len || !spec.ecdsa.utils.isValidSecretKey(d)) {
    fail('invalid-key', `a ${curve} secret key is a ${spec.len}-byte big-endian scalar in [1, n-1]`);
  }
  return d;
}

const ECDSA_OPS: EcdsaOps = Object.freeze({
  validSecret(curve: EcCurve, scalar: Uint8Array): boolean {
    const spec = lookup(CURVES, curve, 'curve');
    return scalar.length === spec.len && spec.ecdsa.utils.isValidSecretKey(scalar);
  },

  publicFromSecret(curve: EcCurve, secret: KeyMaterial): Uint8Array {
    const spec = lookup(CURVES, curve, 'curve');
    return owned(spec.ecdsa.getPublicKey(ecScalar(curve, spec, secret), false));
  },

  decodePublic(curve: EcVerifyCurve, sec1: Uint8Array): Uint8Array | null {
    const spec = lookup(CURVES, curve, 'curve');
    const point = decodePoint(spec, sec1);
    return point === null ? null : owned(point.toBytes(false));
  },

  compressPublic(curve: EcCurve, uncompressed: Uint8Array): Uint8Array {
    const spec = lookup(CURVES, curve, 'curve');
    const point = uncompressed[0] === 0x04 ? decodePoint(spec, uncompressed) : null;
    if (point === null) fail('invalid-key', `not an uncompressed ${curve} point`);
    return owned(point.toBytes(true));
  },

  sign(curve: EcCurve, hash: SignatureHash, secret: KeyMaterial, message: Uint8Array, rng: RandomSource): Uint8Array {
    const spec = lookup(CURVES, curve, 'curve');
    const h = lookup(SIGNATURE_HASHES, hash, 'ECDSA hash');
    const d = ecScalar(curve, spec, secret);
    const digest = h(message);
    const hedge = randomBytes(rng, ECDSA_HEDGE_LEN);
    try {
      return owned(
        guard('invalid-key', `ECDSA ${curve}`, () =>
          spec.ecdsa.sign(digest, d, { prehash: false, lowS: true, extraEntropy: hedge, format: 'compact' }),
        ),
      );
    } finally {
      hedge.fill(0);
    }
  },

  verify(curve: EcVerifyCurve, hash: SignatureHash, publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
    try {
      const spec = lookup(CURVES, curve, 'curve');
      const h = lookup(SIGNATURE_HASHES, hash, 'ECDSA hash');
      if (signature.length !== 2 * spec.len) return false;
      if (decodePoint(spec, publicKey) === null) return false;
      // r and s in [1, n−1] (FIPS 186-5 §6.4.2 step 1), checked here rather than left to noble's parser.
      const Fn = spec.ecdsa.Point.Fn;
      const r = Fn.fromBytes(signature.subarray(0, spec.len), true);
      const s = Fn.fromBytes(signature.subarray(spec.len), true);
      if (!Fn.isValidNot0(r) || !Fn.isValidNot0(s)) return false;
      return spec.ecdsa.verify(signature, h(message), publicKey, { prehash: false, lowS: false, format: 'compact' });
    } catch {
      return false;
    }
  },

  ecdh(curve: EcCurve, secret: KeyMaterial, peer: Uint8Array): Uint8Array | null {
    const spec = lookup(CURVES, curve, 'curve');
    const d = ecScalar(curve, spec, secret);
    if (decodePoint(spec, peer) === null) return null;
    let shared: Uint8Array;
    try {
      // noble returns the compressed shared point; SEC1 §3.3.1's z is its x-coordinate.
      shared = spec.ecdsa.getSharedSecret(d, peer, true);
    } catch {
      return null;
    }
    const x = shared.slice(1, 1 + spec.len);
    shared.fill(0);
    return x;
  },
});

// ---------------------------------------------------------------------------------------------
// X25519

function x25519Scalar(secret: KeyMaterial): Uint8Array {
  if (secret.length !== 32) fail('invalid-key', 'an X25519 secret key is 32 bytes');
  return secret.bytes;
}

const X25519_OPS: X25519Ops = Object.freeze({
  publicFromSecret(secret: KeyMaterial): Uint8Array {
    return owned(x25519.getPublicKey(x25519Scalar(secret)));
  },

  /**
   * RFC 7748 X25519 (noble masks the top bit of the peer's u and reduces it mod p, as §5 says).
   * noble refuses, before running the ladder, exactly the u-coordinates of order dividing 8 (and
   * their non-canonical encodings): the inputs for which a clamped scalar gives the all-zero output
   * that §6.1 tells callers to reject. That refusal is our `null`; the zero test below is a second
   * line of defence.
   */
  dh(secret: KeyMaterial, peer: Uint8Array): Uint8Array | null {
    const k = x25519Scalar(secret);
    if (peer.length !== 32) fail('invalid-key', 'an X25519 public key is 32 bytes');
    let shared: Uint8Array;
    try {
      shared = x25519.getSharedSecret(k, peer);
    } catch {
      return null;
    }
    if (sameBytes(shared, new Uint8Array(32))) return null;
    return owned(shared);
  },
});

// ---------------------------------------------------------------------------------------------
// ML-DSA (FIPS 204)

type NobleMlDsa = typeof ml_dsa44;
const ML_DSA: Readonly<Record<MlDsaLevel, NobleMlDsa>> = {
  'ML-DSA-44': ml_dsa44,
  'ML-DSA-65': ml_dsa65,
  'ML-DSA-87': ml_dsa87,
};
/** skEncode (FIPS 204 Alg. 24) = ρ (32) ‖ K (32) ‖ tr (64) ‖ …, with tr = H(pk, 64). */
const ML_DSA_TR = { start: 64, end: 128 } as const;

function mlDsaSecret(level: MlDsaLevel, dsa: NobleMlDsa, secret: KeyMaterial): Uint8Array {
  const sk = secret.bytes;
  if (sk.length !== dsa.lengths.secretKey) fail('invalid-key', `an ${level} secret key is ${dsa.lengths.secretKey} bytes`);
  return sk;
}

const ML_DSA_OPS: MlDsaOps = Object.freeze({
  fromSeed(level: MlDsaLevel, seed: Uint8Array) {
    const dsa = lookup(ML_DSA, level, 'ML-DSA level');
    if (seed.length !== 32) fail('invalid-key', `an ${level} seed is 32 bytes`);
    const kp = dsa.keygen(seed); // ML-DSA.KeyGen_internal(ξ); noble copies the seed
    return { secret: owned(kp.secretKey), public: owned(kp.publicKey) };
  },

  /**
   * noble recomputes t1 from (ρ, s1, s2) and encodes (ρ, t1). The key is then checked for
   * consistency: its tr must be H(pk) of that public key, so a secret key whose parts do not belong
   * together is `invalid-key` instead of producing signatures nobody can verify.
   */
  publicFromSecret(level: MlDsaLevel, secret: KeyMaterial): Uint8Array {
    const dsa = lookup(ML_DSA, level, 'ML-DSA level');
    const sk = mlDsaSecret(level, dsa, secret);
    const pk = guard('invalid-key', level, () => dsa.getPublicKey(sk));
    const tr = shake256(pk, { dkLen: ML_DSA_TR.end - ML_DSA_TR.start });
    if (!sameBytes(tr, sk.subarray(ML_DSA_TR.start, ML_DSA_TR.end))) fail('invalid-key', `${level} secret key is inconsistent (tr ≠ H(pk))`);
    return owned(pk);
  },

  /**
   * ML-DSA.Sign (FIPS 204 Alg. 2), hedged: noble uses a 32-byte `extraEntropy` as `rnd` unchanged
   * (an all-zero `rnd` is the deterministic variant), and builds M′ = 0 ‖ |ctx| ‖ ctx ‖ M from
   * `context`.
   */
  sign(level: MlDsaLevel, secret: KeyMaterial, message: Uint8Array, context: Uint8Array, rng: RandomSource): Uint8Array {
    const dsa = lookup(ML_DSA, level, 'ML-DSA level');
    const sk = mlDsaSecret(level, dsa, secret);
    if (context.length > 255) fail('invalid-length', 'an ML-DSA context is at most 255 bytes');
    const rnd = randomBytes(rng, 32);
    try {
      return owned(guard('invalid-key', level, () => dsa.sign(message, sk, { context, extraEntropy: rnd })));
    } finally {
      rnd.fill(0);
    }
  },

  verify(level: MlDsaLevel, publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array, context: Uint8Array): boolean {
    try {
      const dsa = lookup(ML_DSA, level, 'ML-DSA level');
      if (publicKey.length !== dsa.lengths.publicKey || signature.length !== dsa.lengths.signature) return false;
      if (context.length > 255) return false;
      return dsa.verify(signature, message, publicKey, { context });
    } catch {
      return false;
    }
  },
});

// ---------------------------------------------------------------------------------------------
// ML-KEM (FIPS 203)

type NobleMlKem = typeof ml_kem512;
const ML_KEM: Readonly<Record<MlKemLevel, { readonly kem: NobleMlKem; readonly k: number }>> = {
  'ML-KEM-512': { kem: ml_kem512, k: 2 },
  'ML-KEM-768': { kem: ml_kem768, k: 3 },
  'ML-KEM-1024': { kem: ml_kem1024, k: 4 },
};
const ML_KEM_Q = 3329;

/**
 * The FIPS 203 §7.2 modulus check on the first 384·k bytes of an encapsulation key:
 * ByteEncode12(ByteDecode12(ek)) = ek holds iff every 12-bit word (little-endian bit order,
 * Alg. 5/6: word 2i = b0 | (b1 & 0x0f) << 8, word 2i+1 = b1 >> 4 | b2 << 4) is below q.
 * noble performs the same check inside encapsulate(); it is repeated here so that a key can be
 * judged without an encapsulation (and without drawing randomness).
 */
function mlKemModulusOk(ek: Uint8Array, k: number): boolean {
  const end = 384 * k;
  if (ek.length < end) return false;
  let bad = 0;
  for (let i = 0; i < end; i += 3) {
    const b0 = ek[i]!;
    const b1 = ek[i + 1]!;
    const b2 = ek[i + 2]!;
    bad |= Number((b0 | ((b1 & 0x0f) << 8)) >= ML_KEM_Q) | Number(((b1 >> 4) | (b2 << 4)) >= ML_KEM_Q);
  }
  return bad === 0;
}

function mlKemSecret(level: MlKemLevel, kem: NobleMlKem, secret: KeyMaterial): Uint8Array {
  const dk = secret.bytes;
  if (dk.length !== kem.lengths.secretKey) fail('invalid-key', `an ${level} decapsulation key is ${kem.lengths.secretKey} bytes`);
  return dk;
}

const ML_KEM_OPS: KemOps<MlKemLevel> = Object.freeze({
  /** ML-KEM.KeyGen_internal(d, z) with seed = d ‖ z; the secret is the expanded dk = dk_PKE ‖ ek ‖ H(ek) ‖ z. */
  fromSeed(level: MlKemLevel, seed: Uint8Array) {
    const { kem } = lookup(ML_KEM, level, 'ML-KEM level');
    if (seed.length !== 64) fail('invalid-key', `an ${level} seed is 64 bytes (d ‖ z)`);
    const kp = kem.keygen(seed);
    return { secret: owned(kp.secretKey), public: owned(kp.publicKey) };
  },

  /** ek as stored in dk, after the FIPS 203 §7.3 hash check (H(ek) = dk[768k+32 : 768k+64]) and the modulus check on ek. */
  publicFromSecret(level: MlKemLevel, secret: KeyMaterial): Uint8Array {
    const { kem, k } = lookup(ML_KEM, level, 'ML-KEM level');
    const dk = mlKemSecret(level, kem, secret);
    const ek = dk.subarray(384 * k, 768 * k + 32);
    if (!sameBytes(sha3_256(ek), dk.subarray(768 * k + 32, 768 * k + 64))) fail('invalid-key', `${level} decapsulation key fails the hash check`);
    if (!mlKemModulusOk(ek, k)) fail('invalid-key', `${level} decapsulation key embeds an encapsulation key failing the modulus check`);
    return Uint8Array.from(ek);
  },

  validPublic(level: MlKemLevel, publicKey: Uint8Array): boolean {
    const { kem, k } = lookup(ML_KEM, level, 'ML-KEM level');
    return publicKey.length === kem.lengths.publicKey && mlKemModulusOk(publicKey, k);
  },

  /** ML-KEM.Encaps with m (32 bytes) from the random source (noble's `encapsulate(ek, m)` is Encaps_internal). */
  encapsulate(level: MlKemLevel, publicKey: Uint8Array, rng: RandomSource) {
    const { kem, k } = lookup(ML_KEM, level, 'ML-KEM level');
    if (publicKey.length !== kem.lengths.publicKey || !mlKemModulusOk(publicKey, k)) {
      fail('invalid-key', `not a valid ${level} encapsulation key`);
    }
    const m = randomBytes(rng, 32);
    try {
      const r = guard('invalid-key', level, () => kem.encapsulate(publicKey, m));
      // noble's shared secret is a view into its 64-byte (K ‖ r) buffer: copy it out and wipe it.
      return { secret: detach(r.sharedSecret), ciphertext: owned(r.cipherText) };
    } finally {
      m.fill(0);
    }
  },

  /** ML-KEM.Decaps: a ciphertext that does not re-encrypt yields K̄ = J(z ‖ c) (implicit rejection, done by noble). */
  decapsulate(level: MlKemLevel, secret: KeyMaterial, ciphertext: Uint8Array): Uint8Array {
    const { kem } = lookup(ML_KEM, level, 'ML-KEM level');
    const dk = mlKemSecret(level, kem, secret);
    if (ciphertext.length !== kem.lengths.cipherText) fail('invalid-length', `an ${level} ciphertext is ${kem.lengths.cipherText} bytes`);
    return detach(guard('invalid-key', level, () => kem.decapsulate(ciphertext, dk)));
  },
});

// ---------------------------------------------------------------------------------------------
// X-Wing (draft-connolly-cfrg-xwing-kem)

/*
 * noble's `ml_kem768_x25519` is X-Wing (checked against its source and the draft's Appendix C
 * vectors): the 32-byte seed is expanded with SHAKE-256 to 96 bytes, the first 64 are ML-KEM-768's
 * (d ‖ z) and the last 32 the X25519 secret; pk = pk_M ‖ pk_X; encapsulation takes 64 bytes eseed,
 * m = eseed[0:32] for ML-KEM and ek_X = eseed[32:64]; ct = ct_M ‖ ct_X; and the shared secret is
 * SHA3-256(ss_M ‖ ss_X ‖ ct_X ‖ pk_X ‖ "\.//^\").
 *
 * One difference: noble's X25519 refuses a low-order point where RFC 7748's function returns 32
 * zero bytes, and the draft's Decapsulate applies X25519 to the ciphertext's ct_X without any check.
 * So when noble refuses a (well-sized) ciphertext, decapsulation is completed as the draft writes it,
 * from the same noble parts, with ss_X = 0^32: a malformed ciphertext yields a secret, never an
 * error, as for ML-KEM. Public keys whose X25519 part has low order are not usable (`validPublic`
 * false, `encapsulate` → `invalid-key`); an honestly generated key never has one.
 */
const XWING_LABEL = Uint8Array.of(0x5c, 0x2e, 0x2f, 0x2f, 0x5e, 0x5c); // "\.//^\"
const XWING = { seed: 32, publicKey: 1216, cipherText: 1120, pkM: 1184, ctM: 1088, eseed: 64 } as const;
/** Any valid scalar: only used to ask noble whether a u-coordinate has low order (it refuses those before the ladder). */
const X25519_PROBE_SCALAR = new Uint8Array(32).fill(0x42);

function checkXWing(level: string): void {
  if (level !== 'X-WING') fail('unsupported-algorithm', `X-Wing level ${level}`);
}

function xwingSeed(secret: KeyMaterial): Uint8Array {
  if (secret.length !== XWING.seed) fail('invalid-key', 'an X-Wing decapsulation key is a 32-byte seed');
  return secret.bytes;
}

function x25519PointUsable(u: Uint8Array): boolean {
  try {
    x25519.getSharedSecret(X25519_PROBE_SCALAR, u).fill(0);
    return true;
  } catch {
    return false;
  }
}

/** Draft §5.5 Decapsulate, for the ciphertexts noble refuses (ct_X of low order): ss_X = X25519(sk_X, ct_X) = 0^32. */
function xwingDecapsulateLowOrder(seed: Uint8Array, ct: Uint8Array): Uint8Array {
  const expanded = shake256(seed, { dkLen: 96 }); // expandDecapsulationKey
  let skM: Uint8Array | undefined;
  let ssM: Uint8Array | undefined;
  let ssX: Uint8Array | undefined;
  try {
    skM = ml_kem768.keygen(expanded.subarray(0, 64)).secretKey;
    const skX = expanded.subarray(64, 96);
    const pkX = x25519.getPublicKey(skX);
    const ctX = ct.subarray(XWING.ctM);
    ssM = ml_kem768.decapsulate(ct.subarray(0, XWING.ctM), skM);
    try {
      ssX = x25519.getSharedSecret(skX, ctX);
    } catch {
      ssX = new Uint8Array(32); // RFC 7748: a low-order u gives the all-zero output
    }
    return owned(sha3_256.create().update(ssM).update(ssX).update(ctX).update(pkX).update(XWING_LABEL).digest());
  } finally {
    expanded.fill(0);
    skM?.fill(0);
    ssM?.fill(0);
    ssX?.fill(0);
  }
}

const XWING_OPS: KemOps<'X-WING'> = Object.freeze({
  fromSeed(level: 'X-WING', seed: Uint8Array) {
    checkXWing(level);
    if (seed.length !== XWING.seed) fail('invalid-key', 'an X-Wing seed is 32 bytes');
    const kp = ml_kem768_x25519.keygen(seed); // secretKey is noble's own copy of the seed
    return { secret: owned(kp.secretKey), public: owned(kp.publicKey) };
  },

  publicFromSecret(level: 'X-WING', secret: KeyMaterial): Uint8Array {
    checkXWing(level);
    return owned(guard('invalid-key', 'X-Wing', () => ml_kem768_x25519.getPublicKey(xwingSeed(secret))));
  },

  /** The ML-KEM-768 part passes the FIPS 203 modulus check and the X25519 part is not of low order. */
  validPublic(level: 'X-WING', publicKey: Uint8Array): boolean {
    checkXWing(level);
    return (
      publicKey.length === XWING.publicKey &&
      mlKemModulusOk(publicKey.subarray(0, XWING.pkM), 3) &&
      x25519PointUsable(publicKey.subarray(XWING.pkM))
    );
  },

  encapsulate(level: 'X-WING', publicKey: Uint8Array, rng: RandomSource) {
    checkXWing(level);
    if (publicKey.length !== XWING.publicKey || !mlKemModulusOk(publicKey.subarray(0, XWING.pkM), 3)) {
      fail('invalid-key', 'not a valid X-Wing encapsulation key');
    }
    const eseed = randomBytes(rng, XWING.eseed);
    try {
      // A low-order X25519 part makes noble throw (no extra scalar multiplication to find out first).
      const r = guard('invalid-key', 'X-Wing', () => ml_kem768_x25519.encapsulate(publicKey, eseed));
      return { secret: detach(r.sharedSecret), ciphertext: owned(r.cipherText) };
    } finally {
      eseed.fill(0);
    }
  },

  decapsulate(level: 'X-WING', secret: KeyMaterial, ciphertext: Uint8Array): Uint8Array {
    checkXWing(level);
    const seed = xwingSeed(secret);
    if (ciphertext.length !== XWING.cipherText) fail('invalid-length', `an X-Wing ciphertext is ${XWING.cipherText} bytes`);
    try {
      return detach(ml_kem768_x25519.decapsulate(ciphertext, seed));
    } catch {
      return guard('invalid-key', 'X-Wing', () => xwingDecapsulateLowOrder(seed, ciphertext));
    }
  },
});

// ---------------------------------------------------------------------------------------------

/**
 * Whether an Ed25519 public key is a point of the prime-order subgroup and not the identity: the
 * strict decoder, then noble's torsion check ([L]·P = O) — small-order and mixed-order keys fail.
 */
export function ed25519PrimeOrder(publicKey: Uint8Array): boolean {
  if (publicKey.length !== 32) return false;
  try {
    const P = Point.fromBytes(publicKey, false);
    return !P.is0() && P.isTorsionFree();
  } catch {
    return false;
  }
}

export function createNobleBackend(): Backend {
  return {
    name: 'noble',

    /**
     * The noble package computing `algorithm` (registry name, case-insensitive). An unknown name
     * throws `unsupported-algorithm` rather than answering 'unknown', so a typo in docs or tests
     * cannot go unnoticed.
     */
    provider(algorithm) {
      if (RSA_NAMES.has(algorithm.toUpperCase())) {
        fail('unsupported-algorithm', `${algorithm}: the portable backend has no RSA (use the node backend)`);
      }
      const lib = PROVIDERS.get(algorithm.toUpperCase());
      if (lib === undefined) fail('unsupported-algorithm', `no provider for ${algorithm}`);
      return lib;
    },

    hash(id) {
      return new NobleDigest(lookup(HASHES, id, 'hash').create());
    },
    hashOnce(id, data) {
      return lookup(HASHES, id, 'hash')(data);
    },

    xof(id: XofId, params) {
      const key = params.key;
      const custom = params.customization;
      if (key !== undefined && id !== 'BLAKE3') fail('key-not-supported', `${id} takes no key`);
      if (custom !== undefined && custom.length > 0 && id !== 'CSHAKE-128' && id !== 'CSHAKE-256') {
        fail('unsupported-option', `${id} takes no customization string`);
      }
      switch (id) {
        case 'SHAKE-128':
          return new NobleXof(shake128.create());
        case 'SHAKE-256':
          return new NobleXof(shake256.create());
        // cSHAKE with N = S = empty is SHAKE (SP 800-185 §3.3); noble implements exactly that.
        // noble absorbs `personalization` into the state at creation and keeps no reference.
        case 'CSHAKE-128':
          return new NobleXof(cshake128.create({ personalization: custom ?? new Uint8Array(0) }));
        case 'CSHAKE-256':
          return new NobleXof(cshake256.create({ personalization: custom ?? new Uint8Array(0) }));
        case 'BLAKE3': {
          if (key === undefined) return new NobleXof(blake3.create());
          // noble copies the key into its own IV words (wiped by destroy()).
          return new NobleXof(blake3.create({ key: checkKeyLen(key, 32, 'keyed BLAKE3') }));
        }
        default:
          return fail('unsupported-algorithm', `XOF ${String(id)}`);
      }
    },

    hmac(id, key) {
      // noble copies the key into its padded block and wipes that block; nothing references key.bytes.
      return new NobleDigest(hmac.create(lookup(MAC_HASHES, id, 'HMAC hash'), key.bytes));
    },

    hmacOnce(id, key, data) {
      return hmac(lookup(MAC_HASHES, id, 'HMAC hash'), key.bytes, data);
    },

    kmac(id, key, customization, outLen) {
      const k = lookup(KMACS, id, 'KMAC');
      if (!Number.isSafeInteger(outLen) || outLen < 1) fail('invalid-length', `KMAC output length ${outLen}`);
      // noble absorbs bytepad(encode_string(K)) and the customization string into the sponge at
      // creation (no reference kept); `dkLen` is the L bound by right_encode(L) at finalization.
      return new NobleDigest(k.create(key.bytes, { dkLen: outLen, personalization: customization }));
    },

    cmac(id, key) {
      const len = lookup(CMAC_KEY_LEN, id, 'CMAC');
      return new CmacDigest(Uint8Array.from(checkKeyLen(key, len, id)));
    },

    hkdfExtract(id, ikm, salt) {
      // RFC 5869 says an absent salt is HashLen zero bytes. noble treats a zero-length salt as a
      // zero-length HMAC key (only `undefined` becomes HashLen zeros), which is the same thing: HMAC
      // zero-pads every key shorter than the block to the block size.
      return owned(hkdfExtract(lookup(MAC_HASHES, id, 'HKDF hash'), ikm, salt));
    },

    hkdfExpand(id, prk, info, length) {
      const h = lookup(MAC_HASHES, id, 'HKDF hash');
      if (prk.length < h.outputLen) fail('invalid-key', `an HKDF PRK has at least ${h.outputLen} bytes`);
      if (!Number.isSafeInteger(length) || length < 1 || length > 255 * h.outputLen) {
        fail('invalid-length', `HKDF-Expand length ${length}`);
      }
      return owned(hkdfExpand(h, prk, info, length));
    },

    pbkdf2(id, password, salt, iterations, dkLen) {
      const h = lookup(MAC_HASHES, id, 'PBKDF2 hash');
      return owned(guard('unsupported-option', 'PBKDF2', () => pbkdf2(h, password, salt, { c: iterations, dkLen })));
    },

    scrypt(password, salt, { N, r, p, dkLen, maxmem }) {
      /*
       * The caller checked 128·r·(N + p) ≤ maxmem (core/limits.ts: V and B, what the algorithm
       * needs). noble's own accounting adds its one scratch block: 128·r·(N + p + 1). Give it that
       * block of headroom so noble never refuses a parameter set the core accepted.
       */
      const nobleMaxmem = maxmem + 128 * r;
      return owned(guard('unsupported-option', 'scrypt', () => scrypt(password, salt, { N, r, p, dkLen, maxmem: nobleMaxmem })));
    },

    argon2id(password, salt, { t, m, p, dkLen, secret, associatedData }) {
      // noble's `key` is RFC 9106's secret K and `personalization` its associated data X: both go
      // into H0 in the RFC's order (… P, S, K, X), and an empty array is the same as absent.
      // noble refuses more than `maxmem` bytes (default 1 GiB; must be < 2^32): allow exactly the
      // m KiB the caller already validated.
      const maxmem = Math.min(m * 1024, 2 ** 32 - 1);
      return owned(
        guard('unsupported-option', 'Argon2id', () =>
          argon2id(password, salt, { t, m, p, dkLen, version: 0x13, key: secret, personalization: associatedData, maxmem }),
        ),
      );
    },

    aeadSeal(id, key, nonce, aad, plaintext) {
      const spec = lookup(AEADS, id, 'AEAD');
      const k = checkKeyLen(key, spec.keyLen, id);
      if (nonce.length !== spec.nonceLen) fail('invalid-nonce', `${id} needs a ${spec.nonceLen}-byte nonce`);
      return owned(guard('invalid-length', id, () => spec.make(k, nonce, aad).encrypt(plaintext)));
    },

    aeadOpen(id, key, nonce, aad, ciphertextAndTag) {
      const spec = lookup(AEADS, id, 'AEAD');
      const k = checkKeyLen(key, spec.keyLen, id);
      if (nonce.length !== spec.nonceLen) fail('invalid-nonce', `${id} needs a ${spec.nonceLen}-byte nonce`);
      if (ciphertextAndTag.length < AEAD_TAG_LEN) return null;
      try {
        // GCM and (X)ChaCha20-Poly1305 check the tag before decrypting; GCM-SIV must decrypt first
        // (RFC 8452) and noble wipes that plaintext before throwing. Either way a tag failure is a
        // throw and no plaintext reaches us.
        return owned(spec.make(k, nonce, aad).decrypt(ciphertextAndTag));
      } catch {
        return null;
      }
    },

    keyWrap(kek, key, padded) {
      const k = keyWrapKek(kek);
      checkKeyWrapInput(key, padded);
      // noble copies the key into its own working buffer (IV ‖ key, zero-padded for KWP) and
      // encrypts that buffer in place, so the array it returns holds only the wrapped key; the
      // expanded AES key schedule is wiped by noble.
      return owned(guard('invalid-length', padded ? 'AES-KWP' : 'AES-KW', () => (padded ? aeskwp(k) : aeskw(k)).encrypt(key)));
    },

    keyUnwrap(kek, wrapped, padded) {
      const k = keyWrapKek(kek);
      if (!keyUnwrapLengthOk(wrapped.length, padded)) return null;
      let r: Uint8Array;
      try {
        // noble unwraps a private copy of `wrapped`, checks the ICV (KW: A6A6A6A6A6A6A6A6; KWP:
        // A65959A6 ‖ MLI, the MLI range and the zero padding) and throws when the check fails,
        // returning nothing. (That working copy is then garbage and out of our reach: noble takes no
        // output buffer for key wrap.)
        r = (padded ? aeskwp(k) : aeskw(k)).decrypt(wrapped);
      } catch {
        return null;
      }
      // On success noble returns a view past the 8-byte ICV into its working copy (KWP: without the
      // padding). Copy the key out, then wipe that whole working copy (noble's fresh array of exactly
      // `wrapped.length` bytes); should a future noble return some other buffer, only the view is
      // wiped, and never the caller's `wrapped`.
      const out = r.slice();
      if (r.buffer !== wrapped.buffer) {
        if (r.byteOffset === SEMIBLOCK && r.buffer.byteLength === wrapped.length) new Uint8Array(r.buffer).fill(0);
        else r.fill(0);
      }
      return out;
    },

    cipherEncrypt(id, key, iv, data) {
      const spec = lookup(CIPHERS, id, 'cipher');
      const k = checkKeyLen(key, spec.keyLen, id);
      if (iv.length !== AES_BLOCK) fail('invalid-nonce', `${id} needs a 16-byte IV / counter block`);
      if (spec.mode === 'cbc') {
        // PKCS#7: noble's default (`disablePadding: false`) always appends 1..16 bytes.
        return owned(cbc(k, iv).encrypt(data));
      }
      // CTR: noble increments the whole 16-byte block as one big-endian 128-bit integer and wraps
      // ff…ff → 00…00 (mod 2^128), like OpenSSL's AES-CTR. It works on a copy of the IV.
      return owned(ctr(k, iv).encrypt(data));
    },

    cipherDecrypt(id, key, iv, data) {
      const spec = lookup(CIPHERS, id, 'cipher');
      const k = checkKeyLen(key, spec.keyLen, id);
      if (iv.length !== AES_BLOCK) fail('invalid-nonce', `${id} needs a 16-byte IV / counter block`);
      if (spec.mode === 'ctr') return owned(ctr(k, iv).decrypt(data));
      if (data.length === 0 || data.length % AES_BLOCK !== 0) return null;
      // Decrypt into our own buffer so the unpadded plaintext can be wiped when the padding is bad
      // (noble throws 'aes: bad decrypt' after writing it) and so the result owns its buffer.
      const dst = new Uint8Array(data.length);
      try {
        return cbc(k, iv).decrypt(data, dst).slice();
      } catch {
        return null;
      } finally {
        dst.fill(0);
      }
    },

    ed25519: {
      generate(rng: RandomSource) {
        const secret = randomBytes(rng, 32);
        return { secret, public: ed25519.getPublicKey(secret) };
      },
      publicFromSecret(secret) {
        return ed25519.getPublicKey(seed(secret));
      },
      sign(secret, message) {
        return ed25519.sign(message, seed(secret));
      },
      verify(publicKey, message, signature) {
        if (publicKey.length !== 32 || signature.length !== 64) return false;
        try {
          return (
            ed25519.verify(signature, message, publicKey, { zip215: false }) &&
            cofactorlessEquationHolds(publicKey, message, signature)
          );
        } catch {
          return false;
        }
      },
      validPublic(publicKey) {
        if (publicKey.length !== 32) return false;
        return ed25519.utils.isValidPublicKey(publicKey, false);
      },
      primeOrderPublic(publicKey) {
        return ed25519PrimeOrder(publicKey);
      },
    },

    ecdsa: ECDSA_OPS,
    x25519: X25519_OPS,
    /** The portable backend has no RSA (no audited pure-JS RSA in the noble family); the node backend has it. */
    rsa: undefined,
    mldsa: ML_DSA_OPS,
    mlkem: ML_KEM_OPS,
    xwing: XWING_OPS,
  };
}
