/**
 * The node:crypto backend (the fast path on Node).
 *
 * Every algorithm that Node 20 / OpenSSL 3.0 has runs in node:crypto: SHA-2, SHA-3, BLAKE2b-512,
 * BLAKE2s-256, SHAKE, HMAC, HKDF-Extract, PBKDF2, scrypt, AES-GCM, ChaCha20-Poly1305, AES-CBC,
 * AES-CTR, AES key wrap (RFC 3394 KW, RFC 5649 KWP), Ed25519, ECDSA and ECDH on P-256 / P-384 /
 * secp256k1, X25519 and RSA (PKCS#1 v1.5 and PSS signatures). XChaCha20-Poly1305 is a hybrid:
 * @noble/ciphers' HChaCha20 derives the subkey (draft-irtf-cfrg-xchacha §2.3), node's
 * chacha20-poly1305 does the bulk work. Everything node lacks
 * (cSHAKE, BLAKE3, KMAC, CMAC, AES-GCM-SIV, Argon2id, HKDF-Expand, ML-DSA, ML-KEM, X-Wing) is
 * delegated to a private @noble backend instance; so is any algorithm this particular node build
 * turns out not to have (checked once per backend with getHashes()/getCiphers()). `provider()` tells
 * which is which.
 *
 * Compositions done here (no primitive is implemented here):
 *  - HMAC as two node `Hash` states (RFC 2104: H((K' ^ opad) || H((K' ^ ipad) || m))) because node's
 *    `Hmac` has no `copy()`, and the wasi-crypto states need a non-finalizing `digest()` and `clone()`;
 *  - a streaming SHAKE squeeze on top of node's finalizing `digest({ outputLength })` (see NodeShakeXof).
 *
 * Parsed keys (KeyObjects, pre-keyed HMAC hash states) are cached in `KeyMaterial.cache` under
 * `node:…` keys; `KeyMaterial.release()` drops them. Parsed public keys live in a bounded LRU per
 * backend instance (see cachedPublicKey). Native key objects cannot be wiped from JS: the cache is
 * best effort, as documented on KeyMaterial. Raw secret key bytes are never cached.
 *
 * Every returned array is a plain Uint8Array that owns its whole ArrayBuffer (`own`/`adopt`): node
 * Buffers may be views into a shared pool and must never reach the caller.
 */
import {
  constants as nodeConstants,
  createCipheriv,
  createDecipheriv,
  createECDH,
  createHash,
  hash as oneShotDigest,
  createHmac,
  createPrivateKey,
  createPublicKey,
  createSecretKey,
  diffieHellman,
  ECDH,
  generateKeyPairSync,
  getCiphers,
  getHashes,
  pbkdf2Sync,
  scryptSync,
  sign as nodeSign,
  verify as nodeVerify,
  type CipherGCMTypes,
  type Hash,
  type KeyObject,
} from 'node:crypto';
import { hchacha } from '@noble/ciphers/chacha.js';
import { ed25519, ED25519_TORSION_SUBGROUP } from '@noble/curves/ed25519.js';
import { hexToBytes } from '@noble/curves/utils.js';
import { fail, isCryptoError } from '../core/errors.js';
import type { KeyMaterial } from '../core/secret.js';
import { randomBytes, type RandomSource } from '../core/random.js';
import { checkKeyWrapInput, createNobleBackend, ed25519PrimeOrder, keyUnwrapLengthOk, keyWrapKek } from './noble.js';
import type {
  AeadId,
  Backend,
  CipherId,
  Digest,
  EcCurve,
  EcVerifyCurve,
  EcdsaOps,
  HashId,
  MacHashId,
  RsaOps,
  RsaScheme,
  SignatureHash,
  X25519Ops,
  Xof,
  XofId,
} from './types.js';

const NODE_HASH: Record<HashId, string> = {
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
  'SHA-512/256': 'sha512-256',
  'SHA3-256': 'sha3-256',
  'SHA3-512': 'sha3-512',
  'BLAKE2b-512': 'blake2b512',
  'BLAKE2s-256': 'blake2s256',
};
/** Input block size and output size in bytes (FIPS 180-4), for the HMAC construction and HKDF's zero salt. */
const MAC_HASH: Record<MacHashId, { alg: string; blockLen: number; outLen: number }> = {
  'SHA-256': { alg: 'sha256', blockLen: 64, outLen: 32 },
  'SHA-384': { alg: 'sha384', blockLen: 128, outLen: 48 },
  'SHA-512': { alg: 'sha512', blockLen: 128, outLen: 64 },
};
const NODE_SHAKE: Partial<Record<XofId, 'shake128' | 'shake256'>> = {
  'SHAKE-128': 'shake128',
  'SHAKE-256': 'shake256',
};
/** AEADs node:crypto runs natively (XChaCha20-Poly1305 runs on node's chacha20-poly1305, see xchachaSubkey). */
const NODE_AEAD: Partial<Record<AeadId, { cipher: CipherGCMTypes | 'chacha20-poly1305'; keyLen: number; nonceLen: number }>> = {
  'AES-128-GCM': { cipher: 'aes-128-gcm', keyLen: 16, nonceLen: 12 },
  'AES-256-GCM': { cipher: 'aes-256-gcm', keyLen: 32, nonceLen: 12 },
  'CHACHA20-POLY1305': { cipher: 'chacha20-poly1305', keyLen: 32, nonceLen: 12 },
  'XCHACHA20-POLY1305': { cipher: 'chacha20-poly1305', keyLen: 32, nonceLen: 24 },
};
const NODE_CIPHER: Record<CipherId, { cipher: string; keyLen: number; cbc: boolean }> = {
  'AES-128-CBC': { cipher: 'aes-128-cbc', keyLen: 16, cbc: true },
  'AES-256-CBC': { cipher: 'aes-256-cbc', keyLen: 32, cbc: true },
  'AES-128-CTR': { cipher: 'aes-128-ctr', keyLen: 16, cbc: false },
  'AES-256-CTR': { cipher: 'aes-256-ctr', keyLen: 32, cbc: false },
};
/**
 * AES key wrap in OpenSSL: RFC 3394 (KW) and RFC 5649 (KWP) ciphers by KEK size. Node 20 refuses a
 * null IV for them ("Invalid initialization vector"), so the RFCs' default IVs are passed
 * explicitly: KW's 8-byte ICV1 A6A6A6A6A6A6A6A6 and KWP's 4-byte ICV2 A65959A6 (OpenSSL appends
 * the 32-bit MLI itself). Each `update()` call is one complete wrap or unwrap.
 */
const NODE_KEYWRAP: Readonly<Record<number, { kw: string; kwp: string }>> = {
  16: { kw: 'id-aes128-wrap', kwp: 'id-aes128-wrap-pad' },
  32: { kw: 'id-aes256-wrap', kwp: 'id-aes256-wrap-pad' },
};
const KW_ICV = [0xa6, 0xa6, 0xa6, 0xa6, 0xa6, 0xa6, 0xa6, 0xa6] as const;
const KWP_ICV = [0xa6, 0x59, 0x59, 0xa6] as const;
const TAG_LEN = 16;
const AES_BLOCK = 16;

const NODE = 'node:crypto';
const XCHACHA_HYBRID = 'node:crypto + @noble/ciphers (HChaCha20)';

/**
 * Registry names (upper-cased) → how this backend computes them: a node:crypto name to probe with
 * getHashes()/getCiphers() (native when present, noble otherwise), 'native' (always node:crypto),
 * 'hybrid' (XChaCha20-Poly1305), or 'noble' (delegated).
 */
type ProviderRule = { hash: string } | { cipher: string } | 'native' | 'hybrid' | 'noble';
const PROVIDERS: ReadonlyMap<string, ProviderRule> = new Map<string, ProviderRule>([
  ...Object.entries(NODE_HASH).map(([id, alg]) => [id.toUpperCase(), { hash: alg }] as const),
  ['SHAKE-128', { hash: 'shake128' }],
  ['SHAKE-256', { hash: 'shake256' }],
  ['CSHAKE-128', 'noble'],
  ['CSHAKE-256', 'noble'],
  ['BLAKE3', 'noble'],
  ...Object.entries(MAC_HASH).flatMap(([id, { alg }]) => [
    [`HMAC/${id}`, { hash: alg }] as const,
    [`HKDF-EXTRACT/${id}`, { hash: alg }] as const,
    [`HKDF-EXPAND/${id}`, 'noble'] as const,
  ]),
  ['PBKDF2-HMAC/SHA-256', { hash: 'sha256' }],
  ['PBKDF2-HMAC/SHA-512', { hash: 'sha512' }],
  ['SCRYPT', 'native'], // scryptSync: OpenSSL 3.0 always has the KDF
  ['ARGON2-ID-13', 'noble'],
  ['KMAC-128', 'noble'],
  ['KMAC-256', 'noble'],
  ['AES-128-CMAC', 'noble'],
  ['AES-256-CMAC', 'noble'],
  ['AES-128-GCM', { cipher: 'aes-128-gcm' }],
  ['AES-256-GCM', { cipher: 'aes-256-gcm' }],
  ['AES-128-GCM-SIV', 'noble'],
  ['AES-256-GCM-SIV', 'noble'],
  ['CHACHA20-POLY1305', { cipher: 'chacha20-poly1305' }],
  ['XCHACHA20-POLY1305', 'hybrid'],
  ...Object.entries(NODE_CIPHER).map(([id, { cipher }]) => [id, { cipher }] as const),
  ['AES-128-KW', { cipher: 'id-aes128-wrap' }],
  ['AES-256-KW', { cipher: 'id-aes256-wrap' }],
  ['AES-128-KWP', { cipher: 'id-aes128-wrap-pad' }],
  ['AES-256-KWP', { cipher: 'id-aes256-wrap-pad' }],
  ['ED25519', 'native'],
  // Asymmetric families (docs/asymmetric.md). Each was measured against @noble/curves on this backend's
  // own code path (cached KeyObjects): node:crypto is faster for every curve, secp256k1 included.
  ['ECDSA_P256_SHA256', 'native'],
  ['ECDSA_P384_SHA384', 'native'],
  ['ECDSA_K256_SHA256', 'native'],
  ...(['PKCS1', 'PSS'] as const).flatMap((scheme) =>
    (['2048', '3072', '4096'] as const).flatMap((bits) =>
      (['SHA256', 'SHA384', 'SHA512'] as const).map((h) => [`RSA_${scheme}_${bits}_${h}`, 'native'] as const),
    ),
  ),
  ['X25519', 'native'],
  ['P256-SHA256', 'native'],
  ['P384-SHA384', 'native'],
  // Node 20 / OpenSSL 3.0 has no post-quantum algorithms: @noble/post-quantum through the noble backend.
  ['ML-DSA-44', 'noble'],
  ['ML-DSA-65', 'noble'],
  ['ML-DSA-87', 'noble'],
  ['ML-KEM-512', 'noble'],
  ['ML-KEM-768', 'noble'],
  ['ML-KEM-1024', 'noble'],
  ['X-WING', 'noble'],
]);

/** The ChaCha constant "expand 32-byte k" as bytes (hchacha reads Uint32Array views of byte strings). */
const SIGMA_BYTES = Uint8Array.from([...'expand 32-byte k'].map((c) => c.charCodeAt(0)));

/** Fresh, caller-owned copy of a node Buffer (never hand out a Buffer that may alias the pool). */
function own(buf: Uint8Array): Uint8Array {
  return new Uint8Array(buf); // copies into a new, unshared ArrayBuffer
}

/** A Buffer viewing the same memory as `u` (no copy), for node APIs and encodings. */
function view(u: Uint8Array): Buffer {
  return Buffer.from(u.buffer, u.byteOffset, u.byteLength);
}

function b64url(u: Uint8Array): string {
  return view(u).toString('base64url');
}

/**
 * A caller-owned Uint8Array with the bytes of `buf`, a Buffer node just returned and nobody else holds.
 * When `buf` spans its whole ArrayBuffer (node allocates cipher output that way, never from the pool)
 * the memory is taken over without a copy, which matters at 1 MiB; otherwise (a pooled or offset view)
 * the bytes are copied and the source wiped. Either way the result is a plain Uint8Array.
 */
function adopt(buf: Uint8Array): Uint8Array {
  if (buf.byteOffset === 0 && buf.buffer.byteLength === buf.length && buf.buffer instanceof ArrayBuffer) {
    return new Uint8Array(buf.buffer, 0, buf.length);
  }
  const copy = new Uint8Array(buf);
  buf.fill(0); // the source was ours alone: wipe it (it may hold key material or plaintext)
  return copy;
}

/** `a ‖ b` as a caller-owned array; `a` is adopted when `b` is empty (stream ciphers, AEAD `final()`). */
function join(a: Uint8Array, b: Uint8Array): Uint8Array {
  return b.length === 0 ? adopt(a) : concat([a, b]);
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
    return adopt(this.#state().copy().digest());
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
    return adopt(tag);
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

function hmacTemplate(id: MacHashId, key: KeyMaterial): HmacTemplate {
  const cacheKey = `node:hmac:${id}`;
  const cached = key.cache.get(cacheKey) as HmacTemplate | undefined;
  if (cached !== undefined) return cached;
  const { alg, blockLen } = MAC_HASH[id];
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
// SHAKE with a streaming squeeze

/**
 * node's `digest({ outputLength })` finalizes, so a squeeze that continues the stream is served from
 * a buffer of output generated from a *copy* of the absorbed state. When a squeeze needs more than
 * the buffer holds, the whole prefix is regenerated with outputLength = max(needed, 2 × generated):
 * doubling keeps the total work linear in the output. The core bounds a state's total output
 * (`maxOutputBytes`), so the buffer is bounded by twice that.
 */
class NodeShakeXof implements Xof {
  #h: Hash | undefined;
  /** Stream bytes [0, #out.length) generated so far; empty before the first squeeze. */
  #out: Uint8Array;
  /** Stream position: bytes [0, #pos) were returned already. */
  #pos: number;
  /** Set by the first squeeze: absorbing afterwards would silently change the regenerated stream. */
  #squeezing: boolean;
  constructor(h: Hash, out: Uint8Array, pos: number, squeezing: boolean) {
    this.#h = h;
    this.#out = out;
    this.#pos = pos;
    this.#squeezing = squeezing;
  }
  #state(): Hash {
    if (this.#h === undefined) throw new Error('XOF used after destroy (host bug)');
    return this.#h;
  }
  update(data: Uint8Array): void {
    const h = this.#state();
    if (this.#squeezing) throw new Error('XOF update after squeeze (host bug)');
    h.update(data);
  }
  squeeze(n: number): Uint8Array {
    const h = this.#state();
    this.#squeezing = true;
    const end = this.#pos + n;
    if (end > this.#out.length) {
      const outputLength = Math.max(end, 2 * this.#out.length);
      const next = adopt(h.copy({ outputLength }).digest());
      this.#out.fill(0);
      this.#out = next;
    }
    const r = this.#out.slice(this.#pos, end);
    this.#pos = end;
    return r;
  }
  clone(): Xof {
    return new NodeShakeXof(this.#state().copy(), this.#out.slice(), this.#pos, this.#squeezing);
  }
  destroy(): void {
    this.#out.fill(0);
    this.#out = new Uint8Array(0);
    this.#h = undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// AEADs and ciphers

/** The node KeyObject for a symmetric key (cached: importing costs more than a short encryption). */
function secretKeyObject(key: KeyMaterial): KeyObject {
  const cacheKey = 'node:secret';
  let ko = key.cache.get(cacheKey) as KeyObject | undefined;
  if (ko === undefined) {
    ko = createSecretKey(key.bytes); // copies the bytes into the native key object
    key.cache.set(cacheKey, ko);
  }
  return ko;
}

/**
 * XChaCha20-Poly1305 = ChaCha20-Poly1305 under the HChaCha20 subkey of (key, nonce[0..16]) with the
 * nonce 0⁴ ‖ nonce[16..24] (draft-irtf-cfrg-xchacha §2.3). HChaCha20 is @noble/ciphers' `hchacha`.
 * The caller must wipe the returned subkey.
 */
function xchachaSubkey(key: Uint8Array, nonce: Uint8Array): { subkey: Uint8Array; nonce12: Uint8Array } {
  // hchacha takes 32-bit word views of the bytes (it normalizes byte order itself): copy into
  // aligned arrays, since the caller's arrays may sit at any byte offset.
  const k = Uint8Array.from(key);
  const n = Uint8Array.from(nonce.subarray(0, 16));
  const sigma = Uint8Array.from(SIGMA_BYTES);
  const sub = new Uint32Array(8);
  try {
    hchacha(new Uint32Array(sigma.buffer), new Uint32Array(k.buffer), new Uint32Array(n.buffer), sub);
  } finally {
    k.fill(0);
  }
  const nonce12 = new Uint8Array(12);
  nonce12.set(nonce.subarray(16, 24), 4);
  return { subkey: new Uint8Array(sub.buffer), nonce12 };
}

function checkLengths(id: string, key: KeyMaterial, keyLen: number, nonce: Uint8Array, nonceLen: number): void {
  if (key.length !== keyLen) fail('invalid-key', `${id} needs a ${keyLen}-byte key`);
  if (nonce.length !== nonceLen) fail('invalid-nonce', `${id} needs a ${nonceLen}-byte nonce`);
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

// ---------------------------------------------------------------------------------------------
// Raw Ed25519 / X25519 keys as KeyObjects

/*
 * Raw OKP keys (RFC 8037) reach OpenSSL as JWK, which node imports with EVP_PKEY_new_raw_*_key.
 * Measured on this machine, a JWK import costs 8–55 µs where the equivalent DER (PKCS#8 / SPKI
 * with the RFC 8410 prefix) costs 90–560 µs (OpenSSL 3.0's decoder framework), and exporting the
 * public key as JWK costs 1–7 µs against 80–140 µs for SPKI.
 * node's JWK importer requires `x` to be a string even for a private key but builds the key from
 * `d` alone (lib/internal/crypto/keys.js: `initEDRaw(crv, d)`; OpenSSL derives the public key),
 * so private keys carry an empty placeholder `x`. The tests check every derived public key
 * against @noble/curves. The base64url string of `d` is a JS string and cannot be wiped: best
 * effort, like the KeyObject itself (see KeyMaterial).
 */
type OkpCurve = 'Ed25519' | 'X25519';

function okpPrivateKey(crv: OkpCurve, seed: Uint8Array): KeyObject {
  if (seed.length !== 32) fail('invalid-key', `an ${crv} secret key is 32 bytes`);
  try {
    return createPrivateKey({ key: { kty: 'OKP', crv, d: b64url(seed), x: '' }, format: 'jwk' });
  } catch {
    fail('invalid-key', `${crv} secret key`);
  }
}

function okpPublicKey(crv: OkpCurve, pub: Uint8Array): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv, x: b64url(pub) }, format: 'jwk' });
}

/** The raw 32-byte public key of an OKP private or public KeyObject. */
function okpRawPublic(ko: KeyObject): Uint8Array {
  const jwk = (ko.type === 'public' ? ko : createPublicKey(ko)).export({ format: 'jwk' });
  if (typeof jwk.x !== 'string') throw new Error('OKP public key export without x');
  const pub = own(Buffer.from(jwk.x, 'base64url'));
  if (pub.length !== 32) throw new Error('unexpected OKP public key length');
  return pub;
}

/** The cached private KeyObject of a raw Ed25519 / X25519 secret key. */
function okpSecretKey(crv: OkpCurve, secret: KeyMaterial): KeyObject {
  const cacheKey = `node:${crv}:private`;
  const cached = secret.cache.get(cacheKey) as KeyObject | undefined;
  if (cached !== undefined) return cached;
  const ko = okpPrivateKey(crv, secret.bytes);
  secret.cache.set(cacheKey, ko);
  return ko;
}

/** The public key of a raw Ed25519 / X25519 secret key (cached; the caller gets a copy). */
function okpPublicFromSecret(crv: OkpCurve, secret: KeyMaterial): Uint8Array {
  const cacheKey = `node:${crv}:public`;
  let pub = secret.cache.get(cacheKey) as Uint8Array | undefined;
  if (pub === undefined) {
    pub = okpRawPublic(okpSecretKey(crv, secret));
    secret.cache.set(cacheKey, pub);
  }
  return pub.slice();
}

/**
 * Public keys are not KeyMaterial, so parsed public KeyObjects (every algorithm: Ed25519, EC, X25519,
 * RSA) live in one small bounded LRU per backend instance, keyed by algorithm tag and the hex encoding
 * (importing costs about as much as one verification, or more). Holds no input buffer.
 */
const PUBLIC_CACHE_MAX = 64;

/**
 * The cached public KeyObject for `tag` + `pub`, or a new one from `make()` (which may throw: nothing
 * is cached then). `publicCache` belongs to one backend instance (no module-global state).
 */
function cachedPublicKey(publicCache: Map<string, KeyObject>, tag: string, pub: Uint8Array, make: () => KeyObject): KeyObject {
  const id = `${tag}:${view(pub).toString('hex')}`;
  const hit = publicCache.get(id);
  if (hit !== undefined) {
    publicCache.delete(id); // refresh LRU position
    publicCache.set(id, hit);
    return hit;
  }
  const ko = make();
  if (publicCache.size >= PUBLIC_CACHE_MAX) {
    const oldest = publicCache.keys().next().value;
    if (oldest !== undefined) publicCache.delete(oldest);
  }
  publicCache.set(id, ko);
  return ko;
}

function ed25519PublicKey(publicCache: Map<string, KeyObject>, pub: Uint8Array): KeyObject {
  return cachedPublicKey(publicCache, 'Ed25519', pub, () => okpPublicKey('Ed25519', pub));
}

// ---------------------------------------------------------------------------------------------
// ECDSA and ECDH (P-256, P-384, secp256k1)

/*
 * Keys reach OpenSSL as JWK (no DER is written here). A private JWK needs x and y as well as d; node
 * does not check that they belong to d (it signs with d alone), so they are always derived from d
 * here with `ECDH.setPrivateKey`, which also rejects d = 0 and d ≥ n. Public KeyObjects come from
 * the uncompressed point; `createPublicKey` rejects points that are not on the curve.
 *
 * What OpenSSL 3.0 accepts that the contract does not (checked by probing, pinned by the tests):
 *  - `ECDH.convertKey` and `ECDH.computeSecret` accept SEC1 *hybrid* points (prefix 0x06/0x07, the
 *    parity bit checked) and `convertKey` accepts the one-byte identity encoding 0x00. Every point
 *    is therefore checked here first for prefix 0x04 / 0x02 / 0x03 and the exact length.
 *  - ECDSA verification accepts high-S signatures (which the contract wants) and rejects r or s = 0
 *    or ≥ n; r and s are nevertheless range-checked here before OpenSSL sees them.
 * Signing: OpenSSL draws its own random k (the `rng` argument is not used, see docs/asymmetric.md).
 * JWK import puts the secret scalar in a base64url JS string, which cannot be wiped: best effort, as
 * for the KeyObjects themselves (see KeyMaterial).
 */
interface EcSpec {
  /** OpenSSL curve name, for createECDH / ECDH.convertKey. */
  ossl: string;
  /** JWK `crv`. */
  jwk: string;
  /** Scalar and coordinate size in bytes. */
  len: number;
  /** The group order n, big-endian, `len` bytes. */
  order: Uint8Array;
}
const EC: Readonly<Record<EcVerifyCurve, EcSpec>> = {
  'P-256': {
    ossl: 'prime256v1',
    jwk: 'P-256',
    len: 32,
    order: hexToBytes('ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551'),
  },
  'P-384': {
    ossl: 'secp384r1',
    jwk: 'P-384',
    len: 48,
    order: hexToBytes(
      'ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973',
    ),
  },
  'P-521': {
    ossl: 'secp521r1',
    jwk: 'P-521',
    len: 66,
    order: hexToBytes(
      '01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409',
    ),
  },
  secp256k1: {
    ossl: 'secp256k1',
    jwk: 'secp256k1',
    len: 32,
    order: hexToBytes('fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141'),
  },
};

const SIG_HASH: Readonly<Record<SignatureHash, { alg: string; len: number }>> = {
  'SHA-256': { alg: 'sha256', len: 32 },
  'SHA-384': { alg: 'sha384', len: 48 },
  'SHA-512': { alg: 'sha512', len: 64 },
};

function ecSpec(curve: EcVerifyCurve): EcSpec {
  if (!Object.hasOwn(EC, curve)) fail('unsupported-algorithm', `curve ${String(curve)}`);
  return EC[curve];
}
function sigHash(hash: SignatureHash): { alg: string; len: number } {
  if (!Object.hasOwn(SIG_HASH, hash)) fail('unsupported-algorithm', `signature hash ${String(hash)}`);
  return SIG_HASH[hash];
}

/**
 * Whether the big-endian number b[off .. off + n.length) is in [1, n−1]. No early exit (scalars are
 * secret; signature components are not, but one routine serves both).
 */
function inScalarRange(b: Uint8Array, off: number, n: Uint8Array): boolean {
  let lt = 0; // set once the first differing byte says b < n
  let gt = 0; // set once the first differing byte says b > n
  let nonZero = 0;
  for (let i = 0; i < n.length; i++) {
    const x = b[off + i]!;
    const y = n[i]!;
    const decided = lt | gt;
    lt |= ~decided & ((x - y) >>> 31); // x < y at the first difference
    gt |= ~decided & ((y - x) >>> 31);
    nonZero |= x;
  }
  return (lt & 1) === 1 && nonZero !== 0;
}

/** An OpenSSL ECDH object holding `scalar`; throws `invalid-key` unless 1 ≤ d < n (checked here and by OpenSSL). */
function ecdhOfScalar(spec: EcSpec, scalar: Uint8Array): ECDH {
  if (scalar.length !== spec.len) fail('invalid-key', `a ${spec.jwk} secret key is a ${spec.len}-byte scalar`);
  if (!inScalarRange(scalar, 0, spec.order)) fail('invalid-key', `${spec.jwk} secret scalar out of range`);
  const ecdh = createECDH(spec.ossl);
  try {
    ecdh.setPrivateKey(scalar); // computes the public point
  } catch {
    fail('invalid-key', `${spec.jwk} secret scalar out of range`);
  }
  return ecdh;
}

/**
 * The secret scalar's OpenSSL ECDH object and public point, cached on the key: publicFromSecret
 * (key generation) and ECDH use the object, signing uses the point for its JWK, so a key that was
 * generated and then signs derives its point once.
 */
interface EcScalar {
  ecdh: ECDH;
  /** Uncompressed public point (never handed out: callers get a copy). */
  pub: Uint8Array;
}

function ecScalar(curve: EcCurve, secret: KeyMaterial): EcScalar {
  const cacheKey = `node:ec:${curve}:ecdh`;
  const cached = secret.cache.get(cacheKey) as EcScalar | undefined;
  if (cached !== undefined) return cached;
  const ecdh = ecdhOfScalar(ecSpec(curve), secret.bytes);
  const entry: EcScalar = { ecdh, pub: own(ecdh.getPublicKey()) };
  secret.cache.set(cacheKey, entry);
  return entry;
}

/** The cached signing KeyObject of a secret scalar (JWK with the point derived from d, see above). */
function ecSigningKey(curve: EcCurve, secret: KeyMaterial): KeyObject {
  const cacheKey = `node:ec:${curve}:private`;
  const cached = secret.cache.get(cacheKey) as KeyObject | undefined;
  if (cached !== undefined) return cached;
  const spec = ecSpec(curve);
  const { pub } = ecScalar(curve, secret);
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: ecJwk(spec, pub, secret.bytes), format: 'jwk' });
  } catch {
    fail('invalid-key', `${spec.jwk} secret key`);
  }
  secret.cache.set(cacheKey, key);
  return key;
}

function ecJwk(spec: EcSpec, uncompressed: Uint8Array, d?: Uint8Array): Record<string, string> {
  const x = b64url(uncompressed.subarray(1, 1 + spec.len));
  const y = b64url(uncompressed.subarray(1 + spec.len, 1 + 2 * spec.len));
  return d === undefined ? { kty: 'EC', crv: spec.jwk, x, y } : { kty: 'EC', crv: spec.jwk, x, y, d: b64url(d) };
}

/** Whether `sec1` has the length and prefix of an uncompressed (0x04) or compressed (0x02/0x03) point. */
function sec1Shape(spec: EcSpec, sec1: Uint8Array): 'uncompressed' | 'compressed' | null {
  const p = sec1[0];
  if (sec1.length === 1 + 2 * spec.len && p === 0x04) return 'uncompressed';
  if (sec1.length === 1 + spec.len && (p === 0x02 || p === 0x03)) return 'compressed';
  return null; // hybrid (0x06/0x07), identity (0x00), wrong length
}

/** `sec1` converted by OpenSSL (which checks the point is on the curve), or null. */
function ecConvert(spec: EcSpec, sec1: Uint8Array, format: 'uncompressed' | 'compressed'): Uint8Array | null {
  if (sec1Shape(spec, sec1) === null) return null;
  let out: Buffer;
  try {
    out = ECDH.convertKey(sec1, spec.ossl, undefined, undefined, format) as Buffer;
  } catch {
    return null;
  }
  const want = format === 'uncompressed' ? 1 + 2 * spec.len : 1 + spec.len;
  if (out.length !== want) return null;
  return own(out);
}

function createNodeEcdsa(publicCache: Map<string, KeyObject>): EcdsaOps {
  const publicKeyObject = (spec: EcSpec, uncompressed: Uint8Array): KeyObject =>
    cachedPublicKey(publicCache, spec.jwk, uncompressed, () =>
      createPublicKey({ key: ecJwk(spec, uncompressed), format: 'jwk' }),
    );
  return {
    validSecret(curve, scalar) {
      const spec = ecSpec(curve);
      return scalar.length === spec.len && inScalarRange(scalar, 0, spec.order);
    },
    publicFromSecret(curve, secret) {
      return ecScalar(curve, secret).pub.slice();
    },
    decodePublic(curve, sec1) {
      return ecConvert(ecSpec(curve), sec1, 'uncompressed');
    },
    compressPublic(curve, uncompressed) {
      const spec = ecSpec(curve);
      if (sec1Shape(spec, uncompressed) !== 'uncompressed') fail('invalid-key', `not an uncompressed ${spec.jwk} point`);
      const out = ecConvert(spec, uncompressed, 'compressed');
      if (out === null) fail('invalid-key', `not a ${spec.jwk} point`);
      return out;
    },
    sign(curve, hash, secret, message, _rng) {
      // `_rng` is unused: OpenSSL draws the nonce k from its own CSPRNG (docs/asymmetric.md, Randomness).
      const spec = ecSpec(curve);
      const { alg } = sigHash(hash);
      const key = ecSigningKey(curve, secret);
      const sig = nodeSign(alg, message, { key, dsaEncoding: 'ieee-p1363' });
      if (sig.length !== 2 * spec.len) throw new Error(`unexpected ${spec.jwk} signature length ${sig.length}`);
      return own(sig);
    },
    verify(curve, hash, publicKey, message, signature) {
      try {
        const spec = ecSpec(curve);
        const { alg } = sigHash(hash);
        const shape = sec1Shape(spec, publicKey);
        if (shape === null || signature.length !== 2 * spec.len) return false;
        if (!inScalarRange(signature, 0, spec.order) || !inScalarRange(signature, spec.len, spec.order)) return false;
        // The canonical form is uncompressed; a compressed key is accepted too (as the noble backend does).
        const point = shape === 'uncompressed' ? publicKey : ecConvert(spec, publicKey, 'uncompressed');
        if (point === null) return false;
        const key = publicKeyObject(spec, point);
        return nodeVerify(alg, message, { key, dsaEncoding: 'ieee-p1363' }, signature);
      } catch {
        return false; // not a point on the curve, or anything else OpenSSL refuses
      }
    },
    ecdh(curve, secret, peer) {
      const spec = ecSpec(curve);
      const { ecdh } = ecScalar(curve, secret);
      if (sec1Shape(spec, peer) === null) return null; // computeSecret would accept hybrid points
      let shared: Buffer;
      try {
        shared = ecdh.computeSecret(peer); // checks that the peer is on the curve
      } catch {
        return null;
      }
      if (shared.length !== spec.len) {
        shared.fill(0);
        throw new Error(`unexpected ${spec.jwk} ECDH output length`);
      }
      return adopt(shared);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// X25519

/*
 * OpenSSL 3.0 refuses to derive an all-zero shared secret (a small-order peer: "failed during
 * derivation", which becomes null here); the result is checked for zeros as well, in case a build
 * does not. Like @noble/curves, OpenSSL masks the top bit of the peer's u-coordinate and accepts
 * non-canonical u ≥ p (RFC 7748 §5); the tests pin that both agree.
 */
function createNodeX25519(): X25519Ops {
  return {
    publicFromSecret(secret) {
      return okpPublicFromSecret('X25519', secret);
    },
    dh(secret, peer) {
      const privateKey = okpSecretKey('X25519', secret);
      if (peer.length !== 32) fail('invalid-key', 'an X25519 public key is 32 bytes'); // as the noble backend
      let shared: Buffer;
      try {
        // Not cached: a raw X25519 import costs ~10–30 µs (less than the exchange), and peers are
        // usually ephemeral, which would only evict costlier EC / RSA keys from the shared cache.
        const publicKey = okpPublicKey('X25519', peer);
        shared = diffieHellman({ privateKey, publicKey });
      } catch {
        return null;
      }
      let acc = 0;
      for (let i = 0; i < shared.length; i++) acc |= shared[i]!;
      if (acc === 0 || shared.length !== 32) {
        shared.fill(0);
        return null;
      }
      return adopt(shared);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// RSA (PKCS#1 v1.5 and PSS signatures)

/*
 * Secret keys are PKCS#8 DER, public keys SPKI DER (docs/asymmetric.md). OpenSSL does not check an
 * RSA private key's consistency on import, and signs with any CRT parameters (it falls back to the
 * non-CRT computation when they disagree), so the first use of a secret key checks the relations
 * between its components with BigInts: n = p·q, e·d ≡ 1 (mod p−1 and q−1), dp, dq, qi. Primality is
 * not tested (far too slow; a key with composite "primes" is the key owner's own problem).
 * PSS: MGF1 with the signature hash (OpenSSL's default) and salt length = hash length, both when
 * signing and verifying (never auto-detected). Signatures must be exactly the modulus size.
 */
const RSA_MIN_BITS = 1024;
const RSA_MAX_BITS = 16384;

function bigFromB64url(s: unknown): bigint {
  if (typeof s !== 'string' || s.length === 0) fail('invalid-key', 'RSA key component missing');
  const b = Buffer.from(s, 'base64url');
  const n = BigInt(`0x${b.toString('hex')}`);
  b.fill(0);
  return n;
}

/** Throws `invalid-key` unless the CRT components of an RSA private key agree with n, e and d. */
function checkRsaConsistency(ko: KeyObject): void {
  const jwk = ko.export({ format: 'jwk' });
  if (jwk.oth !== undefined) fail('invalid-key', 'multi-prime RSA keys are not supported');
  const [n, e, d, p, q, dp, dq, qi] = [jwk.n, jwk.e, jwk.d, jwk.p, jwk.q, jwk.dp, jwk.dq, jwk.qi].map(bigFromB64url) as [
    bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint,
  ];
  const ok =
    p > 1n &&
    q > 1n &&
    n === p * q &&
    e > 1n &&
    e % 2n === 1n &&
    d > 0n &&
    d < n &&
    (e * d) % (p - 1n) === 1n &&
    (e * d) % (q - 1n) === 1n &&
    dp === d % (p - 1n) &&
    dq === d % (q - 1n) &&
    (qi * q) % p === 1n;
  if (!ok) fail('invalid-key', 'inconsistent RSA private key');
}

function rsaPrivateKey(secret: KeyMaterial): KeyObject {
  const cacheKey = 'node:rsa:private';
  const cached = secret.cache.get(cacheKey) as KeyObject | undefined;
  if (cached !== undefined) return cached;
  let ko: KeyObject;
  try {
    ko = createPrivateKey({ key: view(secret.bytes), format: 'der', type: 'pkcs8' });
  } catch {
    fail('invalid-key', 'not a PKCS#8 RSA private key');
  }
  if (ko.asymmetricKeyType !== 'rsa') fail('invalid-key', `not an RSA key (${String(ko.asymmetricKeyType)})`);
  checkRsaConsistency(ko);
  secret.cache.set(cacheKey, ko);
  return ko;
}

function rsaPadding(scheme: RsaScheme, hashLen: number): { padding: number; saltLength?: number } {
  if (scheme === 'pkcs1') return { padding: nodeConstants.RSA_PKCS1_PADDING };
  if (scheme === 'pss') return { padding: nodeConstants.RSA_PKCS1_PSS_PADDING, saltLength: hashLen };
  return fail('unsupported-algorithm', `RSA scheme ${String(scheme)}`);
}

function modulusBytes(ko: KeyObject): number {
  const bits = ko.asymmetricKeyDetails?.modulusLength;
  if (bits === undefined) throw new Error('RSA key without modulus length');
  return Math.ceil(bits / 8);
}

function createNodeRsa(publicCache: Map<string, KeyObject>): RsaOps {
  return {
    generate(bits) {
      if (!Number.isSafeInteger(bits) || bits < RSA_MIN_BITS || bits > RSA_MAX_BITS) {
        fail('unsupported-algorithm', `RSA-${bits}`);
      }
      const pair = generateKeyPairSync('rsa', {
        modulusLength: bits,
        publicExponent: 65537,
        privateKeyEncoding: { type: 'pkcs8', format: 'der' },
        publicKeyEncoding: { type: 'spki', format: 'der' },
      });
      return { secret: adopt(pair.privateKey), public: adopt(pair.publicKey) };
    },
    publicFromSecret(secret) {
      const cacheKey = 'node:rsa:public';
      let pub = secret.cache.get(cacheKey) as Uint8Array | undefined;
      if (pub === undefined) {
        pub = own(createPublicKey(rsaPrivateKey(secret)).export({ format: 'der', type: 'spki' }));
        secret.cache.set(cacheKey, pub);
      }
      return pub.slice();
    },
    sign(scheme, hash, secret, message) {
      const { alg, len } = sigHash(hash);
      const key = rsaPrivateKey(secret);
      let sig: Buffer;
      try {
        sig = nodeSign(alg, message, { key, ...rsaPadding(scheme, len) });
      } catch (e) {
        // e.g. a modulus too small for PSS with this hash and salt length
        if (isCryptoError(e)) throw e;
        fail('invalid-key', `RSA signing failed: ${e instanceof Error ? e.message : String(e)}`);
      }
      return own(sig);
    },
    verify(scheme, hash, publicKey, message, signature) {
      try {
        const { alg, len } = sigHash(hash);
        const key = cachedPublicKey(publicCache, 'rsa', publicKey, () =>
          createPublicKey({ key: view(publicKey), format: 'der', type: 'spki' }),
        );
        if (key.asymmetricKeyType !== 'rsa' || signature.length !== modulusBytes(key)) return false;
        return nodeVerify(alg, message, { key, ...rsaPadding(scheme, len) }, signature);
      } catch {
        return false;
      }
    },
  };
}

// ---------------------------------------------------------------------------------------------

/** What this file uses of node's GCM / ChaCha20-Poly1305 objects (`plaintextLength` is only read by CCM/OCB). */
interface NodeAeadCipher {
  setAAD(aad: Uint8Array, options: { plaintextLength: number }): unknown;
  update(data: Uint8Array): Buffer;
  final(): Buffer;
  getAuthTag(): Buffer;
}
interface NodeAeadDecipher {
  setAAD(aad: Uint8Array, options: { plaintextLength: number }): unknown;
  setAuthTag(tag: Uint8Array): unknown;
  update(data: Uint8Array): Buffer;
  final(): Buffer;
}

function aeadCipher(name: CipherGCMTypes | 'chacha20-poly1305', key: KeyObject | Uint8Array, iv: Uint8Array): NodeAeadCipher {
  return name === 'chacha20-poly1305'
    ? createCipheriv(name, key, iv, { authTagLength: TAG_LEN })
    : createCipheriv(name, key, iv, { authTagLength: TAG_LEN });
}
function aeadDecipher(name: CipherGCMTypes | 'chacha20-poly1305', key: KeyObject | Uint8Array, iv: Uint8Array): NodeAeadDecipher {
  return name === 'chacha20-poly1305'
    ? createDecipheriv(name, key, iv, { authTagLength: TAG_LEN })
    : createDecipheriv(name, key, iv, { authTagLength: TAG_LEN });
}

export function createNodeBackend(): Backend {
  /** Parsed public keys of every algorithm (bounded LRU, see cachedPublicKey). */
  const publicCache = new Map<string, KeyObject>();
  /** Everything node:crypto lacks is computed by this private portable backend. */
  const noble = createNobleBackend();
  const hashes = new Set(getHashes());
  const ciphers = new Set(getCiphers());
  const hasHash = (alg: string): boolean => hashes.has(alg);
  const hasCipher = (alg: string): boolean => ciphers.has(alg);
  const hasAead = (id: AeadId): boolean => {
    const spec = NODE_AEAD[id];
    return spec !== undefined && hasCipher(spec.cipher);
  };

  /** Runs a node AEAD (XChaCha20 through its HChaCha20 subkey) with a prepared key and nonce. */
  const withAeadKey = <T>(
    id: AeadId,
    key: KeyMaterial,
    nonce: Uint8Array,
    run: (cipher: CipherGCMTypes | 'chacha20-poly1305', k: KeyObject | Uint8Array, iv: Uint8Array) => T,
  ): T => {
    const spec = NODE_AEAD[id]!;
    checkLengths(id, key, spec.keyLen, nonce, spec.nonceLen);
    if (id !== 'XCHACHA20-POLY1305') return run(spec.cipher, secretKeyObject(key), nonce);
    const { subkey, nonce12 } = xchachaSubkey(key.bytes, nonce);
    try {
      return run(spec.cipher, subkey, nonce12); // node copies the key into its cipher context
    } finally {
      subkey.fill(0);
    }
  };

  const provider = (algorithm: string): string => {
    const name = algorithm.toUpperCase();
    const how = PROVIDERS.get(name);
    if (how === undefined) fail('unsupported-algorithm', `unknown algorithm ${algorithm}`);
    if (how === 'noble') return noble.provider(name);
    if (how === 'native') return NODE;
    if (how === 'hybrid') return hasCipher('chacha20-poly1305') ? XCHACHA_HYBRID : noble.provider(name);
    const native = 'hash' in how ? hasHash(how.hash) : hasCipher(how.cipher);
    return native ? NODE : noble.provider(name);
  };

  return {
    name: 'node',
    provider,

    hash(id) {
      const alg = NODE_HASH[id];
      if (alg === undefined) fail('unsupported-algorithm', `hash ${id}`);
      return hasHash(alg) ? new NodeHashDigest(createHash(alg)) : noble.hash(id);
    },
    hashOnce(id, data) {
      const alg = NODE_HASH[id];
      if (alg === undefined) fail('unsupported-algorithm', `hash ${id}`);
      if (!hasHash(alg)) return noble.hashOnce(id, data);
      // Node ≥ 20.12's one-shot crypto.hash: no Hash object and no copy() (measured in the
      // benchmarks: the one-shot `hash` import spent most of its host time in createHash + copy).
      return own(oneShotDigest(alg, view(data), 'buffer') as Buffer);
    },
    xof(id, params) {
      const alg = NODE_SHAKE[id];
      if (alg === undefined || !hasHash(alg)) return noble.xof(id, params);
      return new NodeShakeXof(createHash(alg), new Uint8Array(0), 0, false);
    },
    hmac(id, key) {
      const spec = MAC_HASH[id];
      if (spec === undefined) fail('unsupported-algorithm', `HMAC/${id}`);
      if (!hasHash(spec.alg)) return noble.hmac(id, key);
      const tpl = hmacTemplate(id, key);
      return new NodeHmacDigest(tpl.inner.copy(), tpl.outer.copy());
    },
    hmacOnce(id, key, data) {
      const spec = MAC_HASH[id];
      if (spec === undefined) fail('unsupported-algorithm', `HMAC/${id}`);
      if (!hasHash(spec.alg)) return noble.hmacOnce(id, key, data);
      // createHmac over the key's cached KeyObject: measured faster than copying the pre-keyed
      // inner/outer hash states of `hmac` (two Hash.copy() per tag) and on par with a direct
      // createHmac(alg, keyBytes), which re-imports the key each time.
      return adopt(createHmac(spec.alg, secretKeyObject(key)).update(view(data)).digest());
    },
    kmac(id, key, customization, outLen) {
      return noble.kmac(id, key, customization, outLen);
    },
    cmac(id, key) {
      return noble.cmac(id, key);
    },

    hkdfExtract(id, ikm, salt) {
      const spec = MAC_HASH[id];
      if (spec === undefined) fail('unsupported-algorithm', `HKDF-EXTRACT/${id}`);
      if (!hasHash(spec.alg)) return noble.hkdfExtract(id, ikm, salt);
      // RFC 5869 §2.2: an absent salt is HashLen zero bytes (HMAC would zero-pad an empty key to the
      // same block, but the RFC's wording is followed literally).
      const k = salt.length === 0 ? new Uint8Array(spec.outLen) : salt;
      return adopt(createHmac(spec.alg, k).update(ikm).digest());
    },
    hkdfExpand(id, prk, info, length) {
      // node:crypto has no expand-only HKDF (hkdfSync always extracts first).
      return noble.hkdfExpand(id, prk, info, length);
    },
    pbkdf2(id, password, salt, iterations, dkLen) {
      const spec = MAC_HASH[id];
      if (spec === undefined) fail('unsupported-algorithm', `PBKDF2-HMAC/${id}`);
      if (!hasHash(spec.alg)) return noble.pbkdf2(id, password, salt, iterations, dkLen);
      return adopt(pbkdf2Sync(password, salt, iterations, dkLen, spec.alg));
    },
    scrypt(password, salt, params) {
      const { N, r, p, dkLen, maxmem } = params;
      // The caller checked 128·r·(N + p) ≤ maxmem (what the algorithm needs: B and V). OpenSSL also
      // counts its XY scratch area, 2 more blocks of 128·r bytes, against maxmem.
      return adopt(scryptSync(password, salt, dkLen, { N, r, p, maxmem: maxmem + 256 * r }));
    },
    argon2id(password, salt, params) {
      return noble.argon2id(password, salt, params);
    },

    aeadSeal(id, key, nonce, aad, plaintext) {
      if (!hasAead(id)) return noble.aeadSeal(id, key, nonce, aad, plaintext);
      return withAeadKey(id, key, nonce, (name, k, iv) => {
        const c = aeadCipher(name, k, iv);
        c.setAAD(aad, { plaintextLength: plaintext.length });
        const a = c.update(plaintext);
        const b = c.final();
        return concat([a, b, c.getAuthTag()]);
      });
    },
    aeadOpen(id, key, nonce, aad, ciphertextAndTag) {
      if (!hasAead(id)) return noble.aeadOpen(id, key, nonce, aad, ciphertextAndTag);
      return withAeadKey(id, key, nonce, (name, k, iv) => {
        if (ciphertextAndTag.length < TAG_LEN) return null;
        const ctLen = ciphertextAndTag.length - TAG_LEN;
        let a: Buffer | undefined;
        try {
          const d = aeadDecipher(name, k, iv);
          d.setAuthTag(ciphertextAndTag.subarray(ctLen));
          d.setAAD(aad, { plaintextLength: ctLen });
          a = d.update(ciphertextAndTag.subarray(0, ctLen));
          const b = d.final(); // throws when the tag does not authenticate
          const out = join(a, b);
          if (out.buffer !== a.buffer) a.fill(0);
          b.fill(0);
          return out;
        } catch {
          a?.fill(0); // never let unauthenticated plaintext escape
          return null;
        }
      });
    },

    keyWrap(kek, key, padded) {
      keyWrapKek(kek);
      const names = NODE_KEYWRAP[kek.length]!;
      const name = padded ? names.kwp : names.kw;
      if (!hasCipher(name)) return noble.keyWrap(kek, key, padded);
      checkKeyWrapInput(key, padded);
      try {
        const c = createCipheriv(name, secretKeyObject(kek), Uint8Array.from(padded ? KWP_ICV : KW_ICV));
        return join(c.update(key), c.final()); // final() is empty: the whole wrap happens in update()
      } catch (e) {
        // OpenSSL refuses inputs of 2^31 bytes or more (CRYPTO128_WRAP_MAX): a typed error, not a bare one.
        if (isCryptoError(e)) throw e;
        fail('invalid-length', `${name}: ${e instanceof Error ? e.message : String(e)}`);
      }
    },
    keyUnwrap(kek, wrapped, padded) {
      keyWrapKek(kek);
      const names = NODE_KEYWRAP[kek.length]!;
      const name = padded ? names.kwp : names.kw;
      if (!hasCipher(name)) return noble.keyUnwrap(kek, wrapped, padded);
      if (!keyUnwrapLengthOk(wrapped.length, padded)) return null;
      let a: Buffer | undefined;
      try {
        const d = createDecipheriv(name, secretKeyObject(kek), Uint8Array.from(padded ? KWP_ICV : KW_ICV));
        // update() throws when the ICV (KW) or the AIV, MLI range and zero padding (KWP) do not check
        // out; OpenSSL cleanses its output buffer before failing, so no unverified bytes come back.
        a = d.update(wrapped);
        const b = d.final();
        const out = join(a, b);
        if (out.buffer !== a.buffer) a.fill(0);
        b.fill(0);
        return out;
      } catch {
        a?.fill(0);
        return null;
      }
    },

    cipherEncrypt(id, key, iv, data) {
      const spec = NODE_CIPHER[id];
      if (spec === undefined) fail('unsupported-algorithm', `cipher ${id}`);
      if (!hasCipher(spec.cipher)) return noble.cipherEncrypt(id, key, iv, data);
      checkLengths(id, key, spec.keyLen, iv, AES_BLOCK);
      const c = createCipheriv(spec.cipher, secretKeyObject(key), iv); // CBC: PKCS#7 padding is node's default
      return join(c.update(data), c.final());
    },
    cipherDecrypt(id, key, iv, data) {
      const spec = NODE_CIPHER[id];
      if (spec === undefined) fail('unsupported-algorithm', `cipher ${id}`);
      if (!hasCipher(spec.cipher)) return noble.cipherDecrypt(id, key, iv, data);
      checkLengths(id, key, spec.keyLen, iv, AES_BLOCK);
      if (spec.cbc && (data.length === 0 || data.length % AES_BLOCK !== 0)) return null;
      let a: Buffer | undefined;
      try {
        const d = createDecipheriv(spec.cipher, secretKeyObject(key), iv);
        a = d.update(data);
        const b = d.final(); // CBC: throws on invalid padding
        const out = join(a, b);
        if (out.buffer !== a.buffer) a.fill(0);
        b.fill(0);
        return out;
      } catch {
        a?.fill(0); // no partially decrypted plaintext escapes
        return null;
      }
    },

    ed25519: {
      generate(rng: RandomSource) {
        const seed = randomBytes(rng, 32);
        const pub = okpRawPublic(okpPrivateKey('Ed25519', seed));
        return { secret: seed, public: pub };
      },
      publicFromSecret(secret) {
        return okpPublicFromSecret('Ed25519', secret);
      },
      sign(secret, message) {
        return own(nodeSign(null, message, okpSecretKey('Ed25519', secret)));
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
      primeOrderPublic(publicKey) {
        // node:crypto has no point arithmetic API: the subgroup check is noble's (portable, exact).
        return ed25519PrimeOrder(publicKey);
      },
    },
    ecdsa: createNodeEcdsa(publicCache),
    x25519: createNodeX25519(),
    rsa: createNodeRsa(publicCache),
    // Node 20 / OpenSSL 3.0 has no ML-DSA, ML-KEM or X-Wing: the private noble instance computes them.
    mldsa: noble.mldsa,
    mlkem: noble.mlkem,
    xwing: noble.xwing,
  };
}
