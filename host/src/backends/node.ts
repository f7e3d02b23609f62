/**
 * The node:crypto backend (the fast path on Node).
 *
 * Every primitive is OpenSSL through node:crypto. The one composition done here is HMAC, built from
 * node `Hash` objects (RFC 2104: H((K' ^ opad) || H((K' ^ ipad) || m))) because node's `Hmac` has no
 * `copy()`, and the wasi-crypto states need a non-finalizing `digest()` and `clone()`.
 *
 * Parsed keys (KeyObjects, pre-keyed HMAC hash states) are cached in `KeyMaterial.cache` under
 * `node:…` keys; `KeyMaterial.release()` drops them. Native key objects cannot be wiped from JS:
 * the cache is best effort, as documented on KeyMaterial.
 */
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createPrivateKey,
  createPublicKey,
  createSecretKey,
  getCiphers,
  getHashes,
  sign as nodeSign,
  verify as nodeVerify,
  type Hash,
  type KeyObject,
} from 'node:crypto';
import { ed25519, ED25519_TORSION_SUBGROUP } from '@noble/curves/ed25519.js';
import { hexToBytes } from '@noble/curves/utils.js';
import { fail } from '../core/errors.js';
import type { KeyMaterial } from '../core/secret.js';
import { randomBytes, type RandomSource } from '../core/random.js';
import type { AeadId, Backend, Digest, HashId } from './types.js';

const NODE_HASH: Record<HashId, string> = {
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
  'SHA-512/256': 'sha512-256',
};
/** Input block size in bytes (FIPS 180-4), used by the HMAC construction. */
const BLOCK_LEN: Record<HashId, number> = {
  'SHA-256': 64,
  'SHA-384': 128,
  'SHA-512': 128,
  'SHA-512/256': 128,
};
const NODE_AEAD: Record<AeadId, { cipher: 'aes-128-gcm' | 'aes-256-gcm'; keyLen: number }> = {
  'AES-128-GCM': { cipher: 'aes-128-gcm', keyLen: 16 },
  'AES-256-GCM': { cipher: 'aes-256-gcm', keyLen: 32 },
};
const GCM_NONCE_LEN = 12;
const GCM_TAG_LEN = 16;

/** DER prefixes for raw Ed25519 keys (RFC 8410): PKCS#8 PrivateKeyInfo and SubjectPublicKeyInfo. */
const ED25519_PKCS8_PREFIX = hexToBytes('302e020100300506032b657004220420');
const ED25519_SPKI_PREFIX = hexToBytes('302a300506032b6570032100');

/** Fresh, caller-owned copy of a node Buffer (never hand out a Buffer that may alias the pool). */
function own(buf: Uint8Array): Uint8Array {
  return new Uint8Array(buf); // copies into a new, unshared ArrayBuffer
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Hashes and HMAC

class NodeHashDigest implements Digest {
  #h: Hash | undefined;
  constructor(h: Hash) {
    this.#h = h;
  }
  #state(): Hash {
    if (this.#h === undefined) throw new Error('digest used after destroy (host bug)');
    return this.#h;
  }
  update(data: Uint8Array): void {
    this.#state().update(data);
  }
  digest(): Uint8Array {
    return own(this.#state().copy().digest());
  }
  clone(): Digest {
    return new NodeHashDigest(this.#state().copy());
  }
  destroy(): void {
    this.#h = undefined;
  }
}

/** HMAC (RFC 2104) as a composition of two node hash states; supports copy(), unlike node's Hmac. */
class NodeHmacDigest implements Digest {
  #inner: Hash | undefined;
  #outer: Hash | undefined;
  /** `inner` has absorbed K' ^ ipad, `outer` has absorbed K' ^ opad. Takes ownership of both. */
  constructor(inner: Hash, outer: Hash) {
    this.#inner = inner;
    this.#outer = outer;
  }
  #states(): [Hash, Hash] {
    if (this.#inner === undefined || this.#outer === undefined) throw new Error('digest used after destroy (host bug)');
    return [this.#inner, this.#outer];
  }
  update(data: Uint8Array): void {
    this.#states()[0].update(data);
  }
  digest(): Uint8Array {
    const [inner, outer] = this.#states();
    const innerDigest = inner.copy().digest();
    const tag = outer.copy().update(innerDigest).digest();
    innerDigest.fill(0);
    return own(tag);
  }
  clone(): Digest {
    const [inner, outer] = this.#states();
    return new NodeHmacDigest(inner.copy(), outer.copy());
  }
  destroy(): void {
    this.#inner = undefined;
    this.#outer = undefined;
  }
}

interface HmacTemplate {
  inner: Hash;
  outer: Hash;
}

function hmacTemplate(id: HashId, key: KeyMaterial): HmacTemplate {
  const cacheKey = `node:hmac:${id}`;
  const cached = key.cache.get(cacheKey) as HmacTemplate | undefined;
  if (cached !== undefined) return cached;
  const alg = NODE_HASH[id];
  const blockLen = BLOCK_LEN[id];
  const k = key.bytes;
  const pad = new Uint8Array(blockLen);
  if (k.length > blockLen) {
    const hashedKey = createHash(alg).update(k).digest();
    pad.set(hashedKey);
    hashedKey.fill(0);
  } else {
    pad.set(k);
  }
  for (let i = 0; i < blockLen; i++) pad[i]! ^= 0x36;
  const inner = createHash(alg).update(pad);
  for (let i = 0; i < blockLen; i++) pad[i]! ^= 0x36 ^ 0x5c;
  const outer = createHash(alg).update(pad);
  pad.fill(0);
  const tpl = { inner, outer };
  key.cache.set(cacheKey, tpl);
  return tpl;
}

// ---------------------------------------------------------------------------------------------
// AES-GCM

function aesKey(id: AeadId, key: KeyMaterial): { cipher: 'aes-128-gcm' | 'aes-256-gcm'; key: KeyObject } {
  const spec = NODE_AEAD[id];
  if (key.length !== spec.keyLen) fail('invalid-key', `${id} needs a ${spec.keyLen}-byte key`);
  const cacheKey = 'node:aes';
  let ko = key.cache.get(cacheKey) as KeyObject | undefined;
  if (ko === undefined) {
    ko = createSecretKey(key.bytes); // copies the bytes into the native key object
    key.cache.set(cacheKey, ko);
  }
  return { cipher: spec.cipher, key: ko };
}

function checkNonce(nonce: Uint8Array): void {
  if (nonce.length !== GCM_NONCE_LEN) fail('invalid-nonce', `AES-GCM needs a ${GCM_NONCE_LEN}-byte nonce`);
}

// ---------------------------------------------------------------------------------------------
// Ed25519

/*
 * Strictness of node:crypto (OpenSSL 3.0) Ed25519 verification, found by running the Wycheproof
 * file and the "Taming the many EdDSAs" (ed25519-speccheck) vectors against both backends:
 *  - OpenSSL checks S < L and compares the re-encoded [S]B - [k]A with the R bytes, which is the
 *    cofactorless equation and implicitly rejects non-canonical R. That matches our contract.
 *  - OpenSSL accepts a public key whose encoding is non-canonical ("negative zero": x = 0 with the
 *    sign bit set, speccheck vector 14), and it accepts small-order public keys (speccheck vectors
 *    1 and 3, where S = 0 or R is small and the cofactorless equation holds trivially).
 *    @noble/curves in strict mode (zip215: false) rejects both.
 *  - createPublicKey() performs no point validation at all (any 32 bytes import).
 * So verify() pre-checks explicitly: canonical encodings of A and R (y < p, and not x = 0 with the
 * sign bit set), S < L, and A not one of the 8 small-order points. Together with OpenSSL's equation
 * this is the same rule as the noble backend. All checks are on public data (variable time is fine).
 */

/** Little-endian encoding of p = 2^255 - 19. */
const P_LE = hexToBytes('edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f');
/** Little-endian encoding of the group order L = 2^252 + 27742317777372353535851937790883648493. */
const L_LE = hexToBytes('edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010');
/** Little-endian encoding of p - 1 (y of the order-2 point). */
const P_MINUS_1_LE = hexToBytes('ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f');
/** The 8 points of the 8-torsion subgroup in canonical encoding (from @noble/curves). */
const SMALL_ORDER = ED25519_TORSION_SUBGROUP.map((h) => hexToBytes(h));

/** a < b for 32-byte little-endian numbers. */
function lessThanLE(a: Uint8Array, aOff: number, b: Uint8Array): boolean {
  for (let i = 31; i >= 0; i--) {
    const x = a[aOff + i]!;
    const y = b[i]!;
    if (x !== y) return x < y;
  }
  return false;
}

function equal32(a: Uint8Array, aOff: number, b: Uint8Array): boolean {
  for (let i = 0; i < 32; i++) if (a[aOff + i] !== b[i]) return false;
  return true;
}

/**
 * RFC 8032 §5.1.3 canonical-encoding rules on the 32 bytes at `off`: y (sign bit cleared) must be < p,
 * and x = 0 (which happens exactly for y = 1 and y = p - 1) must not carry the sign bit.
 * Does not check that the point is on the curve.
 */
function canonicalEncoding(b: Uint8Array, off: number): boolean {
  const last = b[off + 31]!;
  const signBit = (last & 0x80) !== 0;
  const y = b.slice(off, off + 32);
  y[31] = last & 0x7f;
  if (!lessThanLE(y, 0, P_LE)) return false;
  if (signBit) {
    let isOne = y[0] === 1;
    for (let i = 1; i < 32 && isOne; i++) if (y[i] !== 0) isOne = false;
    if (isOne || equal32(y, 0, P_MINUS_1_LE)) return false;
  }
  return true;
}

function isSmallOrderEncoding(b: Uint8Array): boolean {
  for (const s of SMALL_ORDER) if (equal32(b, 0, s)) return true;
  return false;
}

function ed25519PrivateKey(secret: KeyMaterial): KeyObject {
  const cacheKey = 'node:ed25519:private';
  const cached = secret.cache.get(cacheKey) as KeyObject | undefined;
  if (cached !== undefined) return cached;
  if (secret.length !== 32) fail('invalid-key', 'an Ed25519 secret key is a 32-byte seed');
  const ko = importSeed(secret.bytes);
  secret.cache.set(cacheKey, ko);
  return ko;
}

function importSeed(seed: Uint8Array): KeyObject {
  const der = concat([ED25519_PKCS8_PREFIX, seed]);
  try {
    return createPrivateKey({ key: Buffer.from(der.buffer, der.byteOffset, der.byteLength), format: 'der', type: 'pkcs8' });
  } finally {
    der.fill(0);
  }
}

function rawPublic(ko: KeyObject): Uint8Array {
  const spki = createPublicKey(ko).export({ format: 'der', type: 'spki' });
  if (spki.length !== ED25519_SPKI_PREFIX.length + 32) throw new Error('unexpected Ed25519 SPKI length');
  return own(spki.subarray(ED25519_SPKI_PREFIX.length));
}

/**
 * Public keys are not KeyMaterial, so parsed public KeyObjects live in a small bounded cache keyed by
 * the hex encoding (importing costs about as much as one verification). Holds no input buffer.
 */
const PUBLIC_CACHE_MAX = 64;

/** `publicCache` belongs to one backend instance (no module-global state: hosts share nothing). */
function ed25519PublicKey(publicCache: Map<string, KeyObject>, pub: Uint8Array): KeyObject {
  const hex = Buffer.from(pub.buffer, pub.byteOffset, pub.byteLength).toString('hex');
  const hit = publicCache.get(hex);
  if (hit !== undefined) {
    publicCache.delete(hex); // refresh LRU position
    publicCache.set(hex, hit);
    return hit;
  }
  const der = Buffer.concat([ED25519_SPKI_PREFIX, pub]);
  const ko = createPublicKey({ key: der, format: 'der', type: 'spki' });
  if (publicCache.size >= PUBLIC_CACHE_MAX) {
    const oldest = publicCache.keys().next().value;
    if (oldest !== undefined) publicCache.delete(oldest);
  }
  publicCache.set(hex, ko);
  return ko;
}

// ---------------------------------------------------------------------------------------------

export function createNodeBackend(): Backend {
  const publicCache = new Map<string, KeyObject>();
  const hashes = new Set(getHashes());
  const ciphers = new Set(getCiphers());

  const supportsHash = (id: HashId): boolean => NODE_HASH[id] !== undefined && hashes.has(NODE_HASH[id]);
  const requireHash = (id: HashId): string => {
    if (!supportsHash(id)) fail('unsupported-algorithm', `hash ${id} is not available in node:crypto`);
    return NODE_HASH[id];
  };

  return {
    name: 'node',
    supportsHash,
    hash(id) {
      return new NodeHashDigest(createHash(requireHash(id)));
    },
    hmac(id, key) {
      requireHash(id);
      const tpl = hmacTemplate(id, key);
      return new NodeHmacDigest(tpl.inner.copy(), tpl.outer.copy());
    },

    supportsAead(id) {
      const spec = NODE_AEAD[id];
      return spec !== undefined && ciphers.has(spec.cipher);
    },
    aeadSeal(id, key, nonce, aad, plaintext) {
      checkNonce(nonce);
      const k = aesKey(id, key);
      const c = createCipheriv(k.cipher, k.key, nonce, { authTagLength: GCM_TAG_LEN });
      c.setAAD(aad);
      const a = c.update(plaintext);
      const b = c.final();
      const tag = c.getAuthTag();
      return concat([a, b, tag]);
    },
    aeadOpen(id, key, nonce, aad, ciphertextAndTag) {
      checkNonce(nonce);
      const k = aesKey(id, key);
      if (ciphertextAndTag.length < GCM_TAG_LEN) return null;
      const ctLen = ciphertextAndTag.length - GCM_TAG_LEN;
      let a: Buffer | undefined;
      try {
        const d = createDecipheriv(k.cipher, k.key, nonce, { authTagLength: GCM_TAG_LEN });
        d.setAuthTag(ciphertextAndTag.subarray(ctLen));
        d.setAAD(aad);
        a = d.update(ciphertextAndTag.subarray(0, ctLen));
        const b = d.final(); // throws when the tag does not authenticate
        const out = concat([a, b]);
        a.fill(0);
        b.fill(0);
        return out;
      } catch {
        a?.fill(0); // never let unauthenticated plaintext escape
        return null;
      }
    },

    ed25519: {
      generate(rng: RandomSource) {
        const seed = randomBytes(rng, 32);
        const pub = rawPublic(importSeed(seed));
        return { secret: seed, public: pub };
      },
      publicFromSecret(secret) {
        const cacheKey = 'node:ed25519:public';
        let pub = secret.cache.get(cacheKey) as Uint8Array | undefined;
        if (pub === undefined) {
          pub = rawPublic(ed25519PrivateKey(secret));
          secret.cache.set(cacheKey, pub);
        }
        return pub.slice();
      },
      sign(secret, message) {
        return own(nodeSign(null, message, ed25519PrivateKey(secret)));
      },
      verify(publicKey, message, signature) {
        if (publicKey.length !== 32 || signature.length !== 64) return false;
        if (!canonicalEncoding(publicKey, 0) || isSmallOrderEncoding(publicKey)) return false;
        if (!canonicalEncoding(signature, 0)) return false;
        if (!lessThanLE(signature, 32, L_LE)) return false;
        try {
          return nodeVerify(null, message, ed25519PublicKey(publicCache, publicKey), signature);
        } catch {
          return false;
        }
      },
      validPublic(publicKey) {
        if (publicKey.length !== 32 || !canonicalEncoding(publicKey, 0)) return false;
        // node:crypto imports any 32 bytes without decoding the point, so decoding (y on the curve)
        // is checked with @noble/curves' strict RFC 8032 decoder.
        return ed25519.utils.isValidPublicKey(publicKey, false);
      },
    },
  };
}
