/**
 * The portable backend: @noble/hashes, @noble/ciphers and @noble/curves only.
 * Must not import anything from Node (no `node:` modules, no Buffer) so it runs in browsers and
 * edge runtimes.
 *
 * Every algorithm is computed by noble; this file only adapts noble's objects to the contract in
 * ./types.ts (non-finalizing digests, streaming XOF squeezes, `null` on authentication failure,
 * typed errors on bad lengths, fresh output arrays). No module-level mutable state: the tables
 * below are constant.
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
import { cbc, cmac, ctr, ecb, gcm, gcmsiv } from '@noble/ciphers/aes.js';
import { chacha20poly1305, xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToNumberLE } from '@noble/curves/utils.js';
import { fail, isCryptoError, type ErrorCode } from '../core/errors.js';
import type { KeyMaterial } from '../core/secret.js';
import { randomBytes, type RandomSource } from '../core/random.js';
import type { AeadId, Backend, CipherId, CmacId, Digest, HashId, KmacId, MacHashId, Xof, XofId } from './types.js';

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
      ].map((a) => [a, CIPHERS_LIB]),
      ['Ed25519', CURVES_LIB],
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

export function createNobleBackend(): Backend {
  return {
    name: 'noble',

    /**
     * The noble package computing `algorithm` (registry name, case-insensitive). An unknown name
     * throws `unsupported-algorithm` rather than answering 'unknown', so a typo in docs or tests
     * cannot go unnoticed.
     */
    provider(algorithm) {
      const lib = PROVIDERS.get(algorithm.toUpperCase());
      if (lib === undefined) fail('unsupported-algorithm', `no provider for ${algorithm}`);
      return lib;
    },

    hash(id) {
      return new NobleDigest(lookup(HASHES, id, 'hash').create());
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
    },
  };
}
