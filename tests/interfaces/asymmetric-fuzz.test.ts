/**
 * Seeded random-mutation fuzzing of every import that parses guest bytes: asymmetric-common
 * (key pair / public key / secret key import, export, verify, from-secretkey, from-pk-and-sk,
 * generate), signatures (signature import/export, one-shot sign/verify, signing and verification
 * states with options), kx (dh, encapsulate, decapsulate), common options, and the symmetric
 * functions that take guest bytes (key import, state open with options, absorb / squeeze /
 * encrypt / decrypt / tags, one-shots, hash).
 *
 * Every case starts from valid encodings (keys in each encoding the host exports, signatures,
 * ciphertexts) and mutates them (bit flips, truncation, extension, random bytes, DER length and
 * tag edits, PEM edits, splices, swapped algorithms / encodings / families). The invariant: every
 * call either succeeds or throws an object whose own `payload` is one of the WIT error codes —
 * never a TypeError / RangeError / other exception — and no case hangs; after each case every
 * handle it made is dropped and the live handle and key-material counts are back to baseline.
 *
 * Replay: ASYM_FUZZ_SEED=<seed> node --test build/tests/interfaces/asymmetric-fuzz.test.js
 * (the host's random source is seeded too, so a run is reproducible except for OpenSSL's own
 * randomness on the node host). ASYM_FUZZ_CASES=<n> changes the number of cases per backend.
 */
import assert from 'node:assert/strict';
import * as nc from 'node:crypto';
import { describe, test } from 'node:test';
import { p256, p384 } from '@noble/curves/nist.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { ERROR_CODES } from '../../host/src/index.js';
import type { Keypair, Publickey, Secretkey } from '../../host/generated/interfaces/wasi-crypto-asymmetric-common.js';
import type { Options } from '../../host/generated/interfaces/wasi-crypto-common.js';
import type { Signature } from '../../host/generated/interfaces/wasi-crypto-signatures.js';
import type { SymmetricKey, SymmetricState } from '../../host/generated/interfaces/wasi-crypto-symmetric.js';
import { BACKENDS, drop, makeHost, utf8 } from './helpers.js';

const SEED = process.env['ASYM_FUZZ_SEED'] ?? nc.randomBytes(8).toString('hex');
const CASES = Number(process.env['ASYM_FUZZ_CASES'] ?? 10_000);
/** RSA cases (node host only) are a small share: RSA key parsing is the slow path. */
const RSA_SHARE = 0.03;
/** A single case slower than this is reported as a (potential) hang. */
const SLOW_MS = 3000;
const replay = `replay with ASYM_FUZZ_SEED=${SEED}`;

const CODES = new Set<string>(ERROR_CODES);

type Host = ReturnType<typeof makeHost>;
type Family = 'signatures' | 'key-exchange';
type AlgType = Family | 'symmetric';
type KpEnc = 'raw' | 'pkcs8' | 'pem' | 'local';
type PkEnc = 'raw' | 'pkcs8' | 'pem' | 'sec' | 'local';
type SkEnc = 'raw' | 'pkcs8' | 'pem' | 'sec' | 'local';
const ALL_KP: KpEnc[] = ['raw', 'pkcs8', 'pem', 'local'];
const ALL_PK: PkEnc[] = ['raw', 'pkcs8', 'pem', 'sec', 'local'];
const ALL_SK: SkEnc[] = ['raw', 'pkcs8', 'pem', 'sec', 'local'];
const ALG_TYPES: AlgType[] = ['signatures', 'key-exchange', 'symmetric'];

// =============================================================================================
// Seeded generator (sfc32; inputs only — never used for expected values)
// =============================================================================================

class Rng {
  #a: number;
  #b: number;
  #c: number;
  #d: number;
  constructor(label: string) {
    const h = nc.createHash('sha256').update(`${SEED}/${label}`).digest();
    this.#a = h.readUInt32LE(0);
    this.#b = h.readUInt32LE(4);
    this.#c = h.readUInt32LE(8);
    this.#d = h.readUInt32LE(12);
    for (let i = 0; i < 12; i++) this.u32();
  }
  u32(): number {
    this.#a >>>= 0;
    this.#b >>>= 0;
    this.#c >>>= 0;
    this.#d >>>= 0;
    const t = (this.#a + this.#b + this.#d) >>> 0;
    this.#d = (this.#d + 1) >>> 0;
    this.#a = this.#b ^ (this.#b >>> 9);
    this.#b = (this.#c + (this.#c << 3)) >>> 0;
    this.#c = ((this.#c << 21) | (this.#c >>> 11)) >>> 0;
    this.#c = (this.#c + t) >>> 0;
    return t;
  }
  int(n: number): number {
    return n <= 0 ? 0 : Math.floor((this.u32() / 4294967296) * n);
  }
  chance(p: number): boolean {
    return this.u32() / 4294967296 < p;
  }
  pick<T>(a: readonly T[]): T {
    return a[this.int(a.length)]!;
  }
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of items) total += w;
    let x = (this.u32() / 4294967296) * total;
    for (const [v, w] of items) {
      if ((x -= w) < 0) return v;
    }
    return items[items.length - 1]![0];
  }
  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i += 4) {
      const v = this.u32();
      out[i] = v & 0xff;
      if (i + 1 < n) out[i + 1] = (v >>> 8) & 0xff;
      if (i + 2 < n) out[i + 2] = (v >>> 16) & 0xff;
      if (i + 3 < n) out[i + 3] = v >>> 24;
    }
    return out;
  }
  fill(out: Uint8Array): void {
    out.set(this.bytes(out.length));
  }
}

// =============================================================================================
// Bytes, DER, PEM
// =============================================================================================

const cat = (...parts: Uint8Array[]): Uint8Array => {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
};
function derLen(n: number): Uint8Array {
  if (n < 0x80) return Uint8Array.of(n);
  const b: number[] = [];
  while (n > 0) {
    b.unshift(n & 0xff);
    n = Math.floor(n / 256);
  }
  return Uint8Array.of(0x80 | b.length, ...b);
}
const tlv = (tag: number, ...content: Uint8Array[]): Uint8Array => {
  const c = cat(...content);
  return cat(Uint8Array.of(tag), derLen(c.length), c);
};
function INT(v: Uint8Array): Uint8Array {
  let i = 0;
  while (i < v.length - 1 && v[i] === 0) i++;
  let b = v.subarray(i);
  if (b[0]! & 0x80) b = cat(Uint8Array.of(0), b);
  return tlv(0x02, b);
}

/** A TLV header found by the lenient walker: where its length octets are. */
interface Header {
  tagPos: number;
  lenPos: number;
  lenBytes: number;
  len: number;
}
/** Walks DER leniently (and into OCTET / BIT STRINGs that hold DER), collecting headers. */
function derHeaders(b: Uint8Array, off = 0, end = b.length, depth = 0, out: Header[] = []): Header[] {
  while (off + 2 <= end && depth < 8 && out.length < 64) {
    const tag = b[off]!;
    const l0 = b[off + 1]!;
    let len = l0;
    let lenBytes = 1;
    if (l0 & 0x80) {
      const n = l0 & 0x7f;
      if (n === 0 || n > 3 || off + 2 + n > end) return out;
      len = 0;
      for (let i = 0; i < n; i++) len = len * 256 + b[off + 2 + i]!;
      lenBytes = 1 + n;
    }
    const body = off + 1 + lenBytes;
    if (body + len > end) return out;
    out.push({ tagPos: off, lenPos: off + 1, lenBytes, len });
    if (tag & 0x20) derHeaders(b, body, body + len, depth + 1, out);
    else if (tag === 0x04 && len > 2) derHeaders(b, body, body + len, depth + 1, out);
    else if (tag === 0x03 && len > 3) derHeaders(b, body + 1, body + len, depth + 1, out);
    off = body + len;
  }
  return out;
}

const isPem = (b: Uint8Array): boolean => b.length > 11 && b[0] === 0x2d && Buffer.from(b.subarray(0, 11)).toString('latin1') === '-----BEGIN ';
function unpem(b: Uint8Array): { label: string; der: Uint8Array } | undefined {
  const m = /-----BEGIN ([^-]+)-----([\s\S]*?)-----END/.exec(Buffer.from(b).toString('latin1'));
  if (!m) return undefined;
  return { label: m[1]!, der: Uint8Array.from(Buffer.from(m[2]!.replace(/\s+/g, ''), 'base64')) };
}
function pem(label: string, der: Uint8Array, eol = '\n'): Uint8Array {
  const b64 = Buffer.from(der).toString('base64').replace(/(.{64})/g, `$1${eol}`).replace(new RegExp(`${eol}$`), '');
  return utf8(`-----BEGIN ${label}-----${eol}${b64}${eol}-----END ${label}-----${eol}`);
}
const PEM_LABELS = ['PUBLIC KEY', 'PRIVATE KEY', 'RSA PUBLIC KEY', 'RSA PRIVATE KEY', 'EC PRIVATE KEY', 'ENCRYPTED PRIVATE KEY', 'CERTIFICATE', 'X', ''];

// =============================================================================================
// Mutations
// =============================================================================================

const SPECIAL = [0x00, 0x01, 0x7f, 0x80, 0xff, 0x30, 0x02, 0x04, 0x03, 0x05];

function derEdit(r: Rng, b: Uint8Array): [Uint8Array, string] {
  const hs = derHeaders(b);
  if (hs.length === 0) return [cat(b, r.bytes(1)), 'der:none+1'];
  const h = r.pick(hs);
  if (r.chance(0.25)) {
    const c = Uint8Array.from(b);
    c[h.tagPos] = r.chance(0.5) ? r.pick([0x30, 0x31, 0x02, 0x03, 0x04, 0x05, 0x06, 0x80, 0xa0, 0xa1, 0x81, 0x00, 0x1f]) : r.int(256);
    return [c, `der:tag@${h.tagPos}`];
  }
  const kind = r.pick(['+1', '-1', '0', 'indef', 'longform', 'huge', 'nine', 'ff', 'rand', '+128'] as const);
  let enc: Uint8Array;
  switch (kind) {
    case '+1':
      enc = derLen(h.len + 1);
      break;
    case '-1':
      enc = derLen(Math.max(0, h.len - 1));
      break;
    case '+128':
      enc = derLen(h.len + 128);
      break;
    case '0':
      enc = Uint8Array.of(0);
      break;
    case 'indef':
      enc = Uint8Array.of(0x80);
      break;
    case 'longform':
      enc = Uint8Array.of(0x84, (h.len >>> 24) & 0xff, (h.len >>> 16) & 0xff, (h.len >>> 8) & 0xff, h.len & 0xff);
      break;
    case 'huge':
      enc = Uint8Array.of(0x84, 0xff, 0xff, 0xff, 0xff);
      break;
    case 'nine':
      enc = Uint8Array.of(0x88, 0, 0, 0, 1, 0, 0, 0, 0);
      break;
    case 'ff':
      enc = Uint8Array.of(0xff);
      break;
    default:
      enc = Uint8Array.of(r.int(256));
  }
  return [cat(b.subarray(0, h.lenPos), enc, b.subarray(h.lenPos + h.lenBytes)), `der:len${kind}@${h.lenPos}`];
}

function pemEdit(r: Rng, b: Uint8Array, others: () => Uint8Array): [Uint8Array, string] {
  const p = unpem(b);
  if (!p) return mutateOnce(r, b, others, false);
  const s = Buffer.from(b).toString('latin1');
  switch (r.int(8)) {
    case 0:
    case 1:
    case 2: {
      const [d, what] = mutateOnce(r, p.der, others, false);
      return [pem(p.label, d), `pem(${what})`];
    }
    case 3:
      return [pem(r.pick(PEM_LABELS), p.der), 'pem:label'];
    case 4: {
      const i = 30 + r.int(Math.max(1, s.length - 60));
      return [utf8(s.slice(0, i) + String.fromCharCode(r.pick([0x2a, 0x2d, 0x3d, 0x20, 0x0a, 0x00, 0x41 + r.int(26), 0xe9])) + s.slice(i + 1)), 'pem:char'];
    }
    case 5:
      return [utf8(s.replace(/-----END[^\n]*\n?$/, '')), 'pem:noend'];
    case 6:
      return [pem(p.label, p.der, '\r\n'), 'pem:crlf'];
    default:
      return [utf8(s.replace('-----\n', '-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\n')), 'pem:headers'];
  }
}

function mutateOnce(r: Rng, b: Uint8Array, others: () => Uint8Array, allowPem = true): [Uint8Array, string] {
  if (allowPem && isPem(b) && r.chance(0.7)) return pemEdit(r, b, others);
  const n = b.length;
  const op = r.weighted([
    ['flip', 8],
    ['byte', 5],
    ['truncate', 5],
    ['truncate1', 3],
    ['extend', 4],
    ['insert', 3],
    ['delete', 3],
    ['random', 2],
    ['randlen', 2],
    ['dup', 1],
    ['der', n > 0 && (b[0] === 0x30 || b[0] === 0x04 || b[0] === 0x80) ? 10 : 1],
    ['zero', 1],
    ['splice', 2],
  ] as const);
  switch (op) {
    case 'flip': {
      if (n === 0) return [r.bytes(1), 'flip:empty'];
      const c = Uint8Array.from(b);
      const k = 1 + r.int(3);
      for (let i = 0; i < k; i++) c[r.int(n)]! ^= 1 << r.int(8);
      return [c, `flip${k}`];
    }
    case 'byte': {
      if (n === 0) return [Uint8Array.of(r.pick(SPECIAL)), 'byte:empty'];
      const c = Uint8Array.from(b);
      const i = r.chance(0.3) ? r.int(Math.min(n, 8)) : r.int(n);
      c[i] = r.chance(0.6) ? r.pick(SPECIAL) : r.int(256);
      return [c, `byte@${i}`];
    }
    case 'truncate': {
      const k = r.int(n + 1);
      return [b.slice(0, k), `trunc${k}`];
    }
    case 'truncate1':
      return [b.slice(0, Math.max(0, n - 1 - r.int(3))), 'trunc-few'];
    case 'extend': {
      const k = 1 + r.int(r.chance(0.8) ? 8 : 200);
      return [cat(b, r.chance(0.5) ? new Uint8Array(k) : r.bytes(k)), `ext${k}`];
    }
    case 'insert': {
      const i = r.int(n + 1);
      const k = 1 + r.int(8);
      return [cat(b.subarray(0, i), r.bytes(k), b.subarray(i)), `ins${k}@${i}`];
    }
    case 'delete': {
      if (n === 0) return [b, 'del:empty'];
      const i = r.int(n);
      const k = 1 + r.int(Math.min(16, n - i));
      return [cat(b.subarray(0, i), b.subarray(i + k)), `del${k}@${i}`];
    }
    case 'random':
      return [r.bytes(n), 'random'];
    case 'randlen': {
      const k = r.int(Math.max(8, 2 * n + 1));
      return [r.bytes(k), `randlen${k}`];
    }
    case 'dup': {
      if (n === 0) return [b, 'dup:empty'];
      const i = r.int(n);
      const k = 1 + r.int(Math.min(64, n - i));
      return [cat(b.subarray(0, i + k), b.subarray(i)), `dup${k}@${i}`];
    }
    case 'der':
      return derEdit(r, b);
    case 'zero':
      return [new Uint8Array(n), 'zero'];
    default: {
      const o = others();
      const i = r.int(n + 1);
      const j = r.int(o.length + 1);
      return [cat(b.subarray(0, i), o.subarray(j)), `splice@${i}/${j}`];
    }
  }
}

/** 1–3 stacked mutations; 5 % of inputs stay valid (to exercise the success paths). */
function mutate(r: Rng, b: Uint8Array, others: () => Uint8Array): [Uint8Array, string] {
  if (r.chance(0.05)) return [b, 'valid'];
  let out = b;
  const ops: string[] = [];
  const k = r.chance(0.25) ? 2 + r.int(2) : 1;
  for (let i = 0; i < k; i++) {
    const [o, d] = mutateOnce(r, out, others);
    out = o;
    ops.push(d);
  }
  return [out, ops.join('+')];
}

// =============================================================================================
// Algorithms
// =============================================================================================

interface Spec {
  name: string;
  family: Family;
  kind: 'ed25519' | 'ecdsa' | 'rsa' | 'mldsa' | 'x25519' | 'ecdh' | 'mlkem' | 'xwing';
  signs: boolean;
  kem: boolean;
}
const SPECS: Spec[] = [
  ...['Ed25519'].map((name) => ({ name, family: 'signatures' as const, kind: 'ed25519' as const, signs: true, kem: false })),
  ...['ECDSA_P256_SHA256', 'ECDSA_P384_SHA384', 'ECDSA_K256_SHA256'].map((name) => ({ name, family: 'signatures' as const, kind: 'ecdsa' as const, signs: true, kem: false })),
  ...['RSA_PKCS1_2048_SHA256', 'RSA_PSS_2048_SHA256'].map((name) => ({ name, family: 'signatures' as const, kind: 'rsa' as const, signs: true, kem: false })),
  ...['ML-DSA-44', 'ML-DSA-65', 'ML-DSA-87'].map((name) => ({ name, family: 'signatures' as const, kind: 'mldsa' as const, signs: true, kem: false })),
  { name: 'X25519', family: 'key-exchange', kind: 'x25519', signs: false, kem: false },
  ...['P256-SHA256', 'P384-SHA384'].map((name) => ({ name, family: 'key-exchange' as const, kind: 'ecdh' as const, signs: false, kem: false })),
  ...['ML-KEM-512', 'ML-KEM-768', 'ML-KEM-1024'].map((name) => ({ name, family: 'key-exchange' as const, kind: 'mlkem' as const, signs: false, kem: true })),
  { name: 'X-WING', family: 'key-exchange', kind: 'xwing', signs: false, kem: true },
];
const ASYM_NAMES = [
  ...SPECS.map((s) => s.name),
  'Ed25519ph',
  'Ed448',
  'X448',
  'ECDSA_P521_SHA512',
  'RSA_PKCS1_3072_SHA384',
  'RSA_PSS_4096_SHA512',
  'ML-DSA-44-IPD',
  'ML-KEM-768-X25519',
];
const ECDSA_REF: Record<string, { noble: typeof p256; size: number }> = {
  ECDSA_P256_SHA256: { noble: p256, size: 32 },
  ECDSA_P384_SHA384: { noble: p384 as unknown as typeof p256, size: 48 },
  ECDSA_K256_SHA256: { noble: secp256k1 as unknown as typeof p256, size: 32 },
};

const SYM_ALGS = [
  'SHA-256',
  'SHA-384',
  'SHA-512',
  'SHA-512/256',
  'SHA3-256',
  'SHA3-512',
  'BLAKE2b-512',
  'BLAKE2s-256',
  'SHAKE-128',
  'SHAKE-256',
  'CSHAKE-128',
  'CSHAKE-256',
  'BLAKE3',
  'HMAC/SHA-256',
  'HMAC/SHA-384',
  'HMAC/SHA-512',
  'KMAC-128',
  'KMAC-256',
  'AES-128-CMAC',
  'AES-256-CMAC',
  'HKDF-EXTRACT/SHA-256',
  'HKDF-EXPAND/SHA-256',
  'HKDF-EXTRACT/SHA-512',
  'HKDF-EXPAND/SHA-384',
  'PBKDF2-HMAC/SHA-256',
  'PBKDF2-HMAC/SHA-512',
  'SCRYPT',
  'ARGON2-ID-13',
  'AES-128-GCM',
  'AES-256-GCM',
  'AES-128-GCM-SIV',
  'AES-256-GCM-SIV',
  'CHACHA20-POLY1305',
  'XCHACHA20-POLY1305',
  'AES-128-CBC',
  'AES-256-CBC',
  'AES-128-CTR',
  'AES-256-CTR',
];
const PWHASH = new Set(['PBKDF2-HMAC/SHA-256', 'PBKDF2-HMAC/SHA-512', 'SCRYPT', 'ARGON2-ID-13']);
const NONCE_LEN: Record<string, number> = {
  'AES-128-GCM': 12,
  'AES-256-GCM': 12,
  'AES-128-GCM-SIV': 12,
  'AES-256-GCM-SIV': 12,
  'CHACHA20-POLY1305': 12,
  'XCHACHA20-POLY1305': 24,
  'AES-128-CBC': 16,
  'AES-256-CBC': 16,
  'AES-128-CTR': 16,
  'AES-256-CTR': 16,
};
const OPTION_NAMES = ['nonce', 'context', 'salt', 'memory_limit', 'ops_limit', 'parallelism', 'block_size'];
const U64_OPTIONS = new Set(['memory_limit', 'ops_limit', 'parallelism', 'block_size']);
const U64_VALUES = [0n, 1n, 2n, 3n, 4n, 8n, 16n, 100n, 1024n, 4096n, 65536n, 1n << 20n, 1n << 32n, (1n << 64n) - 1n];

/** A fixed 2048-bit RSA key (node:crypto-generated once) so that runs replay exactly. */
const RSA_PEM = [
  '-----BEGIN PRIVATE KEY-----',
  'MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQCgLbJIO6ztovzD',
  'eyJzZxBUHpCCoXUrqG8G4KEHX7VeU1rWQrw6V6YlYZODfF1t8FFZtME1BMK9FwEd',
  'oqt9BWW+q0356MHHE/ygBoJ2ZULRSQ2rg5NKyOeOGxFe9CjSlAX1qLvAnNUxKDSB',
  'y3e7O//jOje1MwFdYohxLjLSrXVhKyZGY9vtBLw8TbCiRzzBKfdRwEiI9SzdGRy1',
  'NVxZb/g3LQOFhU5n8j2CFvfbIndXG+ii9GL2IzKvgRqIbUuAFRZHiyvDRWMu9i5I',
  'evkMTXQvaFSVngWYnvc60vhdpyLkkdu8stYLLjjUPf0klyHJ1YOAHkGzcSF2bnIa',
  'G0t2E0BZAgMBAAECggEASHnUuM1TpiTA1NyCzo+8OiuoPIs8vpfUQNrj0bfTE06J',
  'A/inPYjKMxDPE8fyaFu8G2hnoYs5aCCgDx47FPMbweW1/xV7lI3tGSVI47RWwuaY',
  'qln7C/QSneCOgBXe4MU8WxbReUodRsRH2dDMKKpx0olVioX9IJmEXh3Gvj/hJCkQ',
  'HP6ahmLWME1lqqNVJjhL0NpgmfujTJnYtRERMR4oNjwU3EcN17G9/Rp7E3ZIPaS2',
  'jaee95ssr/9BzLO3STBOtjjSKveOX0xYB5u1mFgaZMONL+4RwHZGyzRTi13xq3EV',
  'Emj05mOBOj9RDM7pkHGdh5td69ax5gVkSmKiy2ep3wKBgQDS/BdhyoudRmxJ9VdT',
  'm8wdpzV0ouMSETdJyxK+8ZWO/c/tbAhpwdaR0LnK0g5y4/jzJlKelmniOn3Vd7so',
  'D/gP5FDeRIIEfgA8Vs6a7v1JYFhqNbRoVjJrOs6PR7QaqlDAeLbCx9TrMdHQVfyW',
  'NWHlz32hUZVusfGueSgECEA9FwKBgQDCWpZhTl1ejxTtfAs9jzZn00NAZU1uzoxp',
  'AmwCwqXw29kSw5yD1Ni+6DFU2f/FaXJE3mvUweo3y5kvMrSiK/9y8Y5gZ0MXxaTF',
  'IncYfit981WaFUuAuQDBvJMo+Z6/Vd6Hq7gWW/87054aB3LD6E2G90J0/aUSF3y9',
  'ajM+d7E0DwKBgDP0E6XnBF4kG0JTAb/621Zp+EXSXmvyhVTMhr8yKgveADeMpL22',
  'F6osZbPF6fzsmj71rt6SV1x33siUBSgmVoVDSY6R/BozFMfG8HVCaGiLKvpsYxJW',
  'N3AkOP0bQQRX8C6VCxwHrSyFRg8xPVOXrZWzdFInDs8FTmgSOYJUrczdAoGBAMBX',
  '3HnCj18UpXZ+i7VJtWM9TlI9r0tZONZ34iM9NfLP8N3EH3LMxBDzRFcgRCPAPqlv',
  'ojH2E3FSmnB+cwwIFRBRhUFdEKZHINFEUa84tpw4pOAP8SAcd2ZE1TL5D6V2Ovvz',
  '8wSV2VwBC3fhJTBDB+7pZ6jWmXX1LqtangpVdFb7AoGBAM9nZgE+LIOKTwCz9XvM',
  'qs8qNKHO00CKanFHp0cF0JFacw7rb5uIOsu29QZd0ctAHz7X1OCfn0lu5CQsQg0B',
  'QMPYKTYSJTnRNgW1lt4Ki9d+SCcyUBUffZDF4bXzjdB3d9i8KvO24Jqa84wRSEpH',
  '1ZTEdrzC9qGLfwH/EXQgBFfa',
  '-----END PRIVATE KEY-----',
].join('\n');

function mutateName(r: Rng, name: string): string {
  switch (r.int(12)) {
    case 0:
      return name.toLowerCase();
    case 1:
      return name.toUpperCase();
    case 2: {
      const i = r.int(name.length + 1);
      return name.slice(0, i) + String.fromCharCode(0x20 + r.int(95)) + name.slice(i + 1);
    }
    case 3:
      return name.slice(0, r.int(name.length + 1));
    case 4:
      return name + r.pick(['X', '-', '_', ' ', '\0', '/SHA-256', 'ph']);
    case 5:
      return ` ${name}`;
    case 6:
      return r.pick(['__proto__', 'constructor', 'toString', 'hasOwnProperty', '', '\u0000', 'Ed25519\u0130', 'ED25519\uFEFF', 'x-w\u0131ng']);
    case 7:
      return r.pick([...ASYM_NAMES, ...SYM_ALGS]);
    case 8:
      return name.replace(/[-_]/g, r.pick(['', '-', '_', ' ']));
    case 9:
      return name.split('').reverse().join('');
    case 10:
      return name.repeat(2 + r.int(50));
    default:
      return name;
  }
}

// =============================================================================================
// Outcome accounting
// =============================================================================================

/** Error codes the WIT (and docs/asymmetric.md) lists per function; anything else is reported. */
const ALLOWED: Record<string, readonly string[]> = {
  'keypair.import': ['unsupported-algorithm', 'unsupported-encoding', 'invalid-key', 'invalid-length'],
  'publickey.import': ['unsupported-algorithm', 'unsupported-encoding', 'invalid-key', 'invalid-length'],
  'secretkey.import': ['unsupported-algorithm', 'unsupported-encoding', 'invalid-key', 'invalid-length'],
  'keypair.generate': ['unsupported-algorithm', 'unsupported-option', 'invalid-handle'],
  'keypair.export': ['unsupported-encoding', 'prohibited-operation'],
  'publickey.export': ['unsupported-encoding'],
  'secretkey.export': ['unsupported-encoding', 'prohibited-operation'],
  'keypair.publickey': [],
  'keypair.secretkey': ['prohibited-operation'],
  'publickey.verify': ['invalid-key'],
  'publickey.from-secretkey': ['invalid-key'],
  'keypair.from-pk-and-sk': ['incompatible-keys', 'invalid-key'],
  'signature.import': ['unsupported-algorithm', 'unsupported-encoding', 'invalid-signature'],
  'signature.export': ['unsupported-encoding'],
  'signatures.sign': ['invalid-key', 'invalid-length'],
  'signatures.verify': ['verification-failed', 'invalid-signature', 'invalid-key', 'invalid-length'],
  'signature-state.open': ['invalid-key', 'unsupported-option', 'invalid-length', 'invalid-handle', 'prohibited-operation'],
  'signature-state.update': ['invalid-length'],
  'signature-state.sign': [],
  'signature-state.reset': [],
  'verification-state.open': ['invalid-key', 'unsupported-option', 'invalid-length', 'invalid-handle', 'prohibited-operation'],
  'verification-state.update': ['invalid-length'],
  'verification-state.verify': ['verification-failed', 'invalid-signature'],
  'kx.dh': ['invalid-operation', 'incompatible-keys', 'invalid-key'],
  'kx.encapsulate': ['invalid-operation', 'invalid-key', 'incompatible-keys'],
  'kx.decapsulate': ['invalid-operation', 'invalid-length', 'verification-failed', 'invalid-key', 'incompatible-keys'],
  'options.set': ['unsupported-option', 'invalid-length'],
  'options.set-u64': ['unsupported-option'],
  'options.get': ['unsupported-option', 'option-not-set'],
  'options.get-u64': ['unsupported-option', 'option-not-set'],
};
/** Codes that say the host failed rather than the input: reported for every function. */
const HOST_FAILURE = new Set(['internal-error']);

interface Run {
  backend: string;
  cases: number;
  casesBy: Map<string, number>;
  outcomes: Map<string, Map<string, number>>;
  violations: string[];
  unexpected: Map<string, string>;
  slow: string[];
  leaks: string[];
  ms: number;
  slowestMs: number;
  slowestCase: string;
}

function newRun(backend: string): Run {
  return {
    backend,
    cases: 0,
    casesBy: new Map(),
    outcomes: new Map(),
    violations: [],
    unexpected: new Map(),
    slow: [],
    leaks: [],
    ms: 0,
    slowestMs: 0,
    slowestCase: '',
  };
}

function describeThrown(e: unknown): string {
  if (e instanceof Error) return `${e.constructor.name}: ${e.message}${(e.stack ?? '').split('\n').slice(1, 4).join(' |')}`;
  try {
    return `${typeof e}: ${JSON.stringify(e)}`;
  } catch {
    return `${typeof e}: ${String(e)}`;
  }
}

// =============================================================================================
// The fuzzer
// =============================================================================================

interface AsymCorpus {
  spec: Spec;
  kp: Keypair;
  pk: Publickey;
  sk: Secretkey;
  kpEnc: [KpEnc, Uint8Array][];
  pkEnc: [PkEnc, Uint8Array][];
  skEnc: [SkEnc, Uint8Array][];
  sigs: ['raw' | 'der', Uint8Array][];
  msg: Uint8Array;
  ct: Uint8Array | undefined;
}

function fuzz(backend: 'node' | 'noble', cases: number): Run {
  const run = newRun(backend);
  const r = new Rng(`cases/${backend}`);
  const hostRng = new Rng(`host-random/${backend}`);
  const h: Host = makeHost(backend, {
    random: (out) => hostRng.fill(out),
    limits: {
      maxPbkdf2Iterations: 1000,
      maxPwhashMemoryBytes: 1 << 20,
      maxArgon2Passes: 2,
      maxPwhashParallelism: 2,
      maxOutputBytes: 1 << 16,
      maxStateBufferBytes: 1 << 16,
    },
  });
  const { asym, signatures, kx, symmetric, common } = h;
  let current = '';
  let bag: unknown[] = [];

  const own = <T>(x: T | undefined): T | undefined => {
    if (x !== undefined && x !== null && typeof x === 'object' && Symbol.dispose in x) bag.push(x);
    return x;
  };
  const record = (fn: string, outcome: string): void => {
    let m = run.outcomes.get(fn);
    if (!m) run.outcomes.set(fn, (m = new Map()));
    m.set(outcome, (m.get(outcome) ?? 0) + 1);
  };
  /** Calls `f` as function `fn`; checks the outcome is a success or a WIT error. */
  function call<T>(fn: string, f: () => T): T | undefined {
    try {
      const v = f();
      record(fn, 'ok');
      return v;
    } catch (e) {
      const payload = e !== null && typeof e === 'object' && Object.hasOwn(e, 'payload') ? (e as { payload: unknown }).payload : undefined;
      if (typeof payload === 'string' && CODES.has(payload)) {
        record(fn, payload);
        const allowed = ALLOWED[fn];
        if ((allowed && !allowed.includes(payload)) || HOST_FAILURE.has(payload)) {
          const key = `${fn} → ${payload}`;
          if (!run.unexpected.has(key)) run.unexpected.set(key, `${current} (${String((e as Error).message)})`);
        }
        return undefined;
      }
      record(fn, 'NOT-A-WIT-ERROR');
      if (run.violations.length < 50) run.violations.push(`case ${current}: ${fn} threw ${describeThrown(e)}`);
      return undefined;
    }
  }
  const dropAll = (): void => {
    for (const o of bag.reverse()) {
      try {
        (o as Disposable)[Symbol.dispose]();
      } catch (e) {
        run.violations.push(`case ${current}: dispose threw ${describeThrown(e)}`);
      }
    }
    bag = [];
  };

  // --- corpus: valid encodings of every algorithm, made by the host from the seeded source ----

  const specs = SPECS.filter((s) => s.kind !== 'rsa' || backend === 'node');
  const corpus = new Map<string, AsymCorpus>();
  for (const s of specs) {
    const kp =
      s.kind === 'rsa'
        ? asym.Keypair.import('signatures', s.name, utf8(RSA_PEM), 'pem')
        : asym.Keypair.generate(s.family, s.name, undefined);
    const pk = kp.publickey();
    const sk = kp.secretkey();
    const tryAll = <E extends string>(encs: E[], f: (e: E) => Uint8Array): [E, Uint8Array][] => {
      const out: [E, Uint8Array][] = [];
      for (const e of encs) {
        try {
          out.push([e, f(e)]);
        } catch {
          /* not an encoding of this algorithm */
        }
      }
      return out;
    };
    const kpEnc = tryAll(ALL_KP, (e) => kp.export(e));
    const pkEnc = tryAll(ALL_PK, (e) => pk.export(e));
    const skEnc = tryAll(ALL_SK, (e) => sk.export(e));
    const msg = r.bytes(r.int(100));
    const sigs: ['raw' | 'der', Uint8Array][] = [];
    if (s.kind === 'ecdsa') {
      // Deterministic (RFC 6979) signatures from noble, so runs replay on the node host too.
      const ref = ECDSA_REF[s.name]!;
      const raw = ref.noble.sign(msg, sk.export('raw'));
      sigs.push(['raw', raw], ['der', tlv(0x30, INT(raw.subarray(0, ref.size)), INT(raw.subarray(ref.size)))]);
    } else if (s.kind === 'rsa') {
      // PKCS#1 v1.5 is deterministic; the PSS algorithm gets it too (a base that fails to verify).
      sigs.push(['raw', Uint8Array.from(nc.sign('sha256', msg, RSA_PEM))]);
    } else if (s.signs) {
      sigs.push(['raw', signatures.sign(kp, msg)]);
    }
    const ct = s.kem ? kx.encapsulate(pk).ciphertext : undefined;
    corpus.set(s.name, { spec: s, kp, pk, sk, kpEnc, pkEnc, skEnc, sigs, msg, ct });
  }
  const all = [...corpus.values()];
  const nonRsa = all.filter((c) => c.spec.kind !== 'rsa');
  const rsa = all.filter((c) => c.spec.kind === 'rsa');
  const pickC = (pred: (c: AsymCorpus) => boolean = () => true): AsymCorpus => {
    const useRsa = rsa.length > 0 && r.chance(RSA_SHARE) && rsa.some(pred);
    const pool = (useRsa ? rsa : nonRsa).filter(pred);
    return r.pick(pool.length > 0 ? pool : nonRsa);
  };
  /** Any valid encoded thing of any algorithm (for splices and swapped inputs). */
  const anyBytes = (): Uint8Array => {
    const c = pickC();
    const pool = [...c.kpEnc, ...c.pkEnc, ...c.skEnc, ...c.sigs].map(([, b]) => b);
    return r.pick(pool);
  };

  // Symmetric keys (valid raw bytes per keyed algorithm).
  const symKeys = new Map<string, Uint8Array>();
  for (const alg of SYM_ALGS) {
    try {
      const k = symmetric.SymmetricKey.generate(alg, undefined);
      symKeys.set(alg, k.export());
      drop(k);
    } catch {
      /* keyless */
    }
  }

  // --- helpers used by the cases --------------------------------------------------------------

  const maybeFamily = (f: Family): AlgType => (r.chance(0.03) ? r.pick(ALG_TYPES) : f);
  const maybeName = (n: string): string => (r.chance(0.06) ? mutateName(r, n) : n);
  const sigOptions = (): Options | undefined => {
    if (!r.chance(0.3)) return undefined;
    const o = own(new common.Options(r.chance(0.05) ? r.pick(ALG_TYPES) : 'signatures'))!;
    const n = r.chance(0.9) ? 1 : 2;
    for (let i = 0; i < n; i++) {
      const name = r.chance(0.85) ? 'context' : mutateName(r, r.pick(OPTION_NAMES));
      const len = r.pick([0, 1, 16, 32, 255, 256, 300, r.int(600)]);
      call('options.set', () => o.set(name, r.bytes(len)));
    }
    return o;
  };
  const exerciseKeypair = (kp: Keypair): void => {
    call('keypair.export', () => kp.export(r.pick(ALL_KP)));
    const pk = own(call('keypair.publickey', () => kp.publickey()));
    if (pk) call('publickey.verify', () => pk.verify());
    if (r.chance(0.3)) own(call('keypair.secretkey', () => kp.secretkey()));
    if (r.chance(0.2)) call('signatures.sign', () => signatures.sign(kp, r.bytes(r.int(40))));
  };
  const exercisePublic = (pk: Publickey, c: AsymCorpus): void => {
    call('publickey.verify', () => pk.verify());
    call('publickey.export', () => pk.export(r.pick(ALL_PK)));
    switch (r.int(3)) {
      case 0:
        if (c.sigs[0]) call('signatures.verify', () => signatures.verify(pk, c.msg, c.sigs[0]![1]));
        break;
      case 1:
        call('kx.dh', () => kx.dh(pk, c.sk));
        break;
      default:
        call('kx.encapsulate', () => kx.encapsulate(pk));
    }
  };
  const exerciseSecret = (sk: Secretkey, c: AsymCorpus): void => {
    call('secretkey.export', () => sk.export(r.pick(ALL_SK)));
    own(call('publickey.from-secretkey', () => asym.Publickey.fromSecretkey(sk)));
    if (c.ct) call('kx.decapsulate', () => kx.decapsulate(sk, c.ct!));
    else if (!c.spec.signs) call('kx.dh', () => kx.dh(c.pk, sk));
    if (r.chance(0.2)) own(call('keypair.from-pk-and-sk', () => asym.Keypair.fromPkAndSk(c.pk, sk)));
  };

  // --- the cases ----------------------------------------------------------------------------------

  type Case = (i: number) => string;
  const CASES_TABLE: [string, number, Case][] = [
    [
      'keypair.import',
      12,
      () => {
        const c = pickC();
        let [enc, base] = r.pick(c.kpEnc);
        if (r.chance(0.1)) base = anyBytes();
        if (r.chance(0.08)) enc = r.pick(ALL_KP);
        const [bytes, how] = mutate(r, base, anyBytes);
        const fam = maybeFamily(c.spec.family);
        const name = maybeName(c.spec.name);
        const kp = own(call('keypair.import', () => asym.Keypair.import(fam, name, bytes, enc)));
        if (kp) exerciseKeypair(kp);
        return `keypair.import ${fam}/${JSON.stringify(name)} ${enc} ${how} (${bytes.length} B)`;
      },
    ],
    [
      'publickey.import',
      14,
      () => {
        const c = pickC();
        let [enc, base] = r.pick(c.pkEnc);
        if (r.chance(0.1)) base = anyBytes();
        if (r.chance(0.08)) enc = r.pick(ALL_PK);
        const [bytes, how] = mutate(r, base, anyBytes);
        const fam = maybeFamily(c.spec.family);
        const name = maybeName(c.spec.name);
        const pk = own(call('publickey.import', () => asym.Publickey.import(fam, name, bytes, enc)));
        if (pk) exercisePublic(pk, c);
        return `publickey.import ${fam}/${JSON.stringify(name)} ${enc} ${how} (${bytes.length} B)`;
      },
    ],
    [
      'secretkey.import',
      12,
      () => {
        const c = pickC();
        let [enc, base] = r.pick(c.skEnc);
        if (r.chance(0.1)) base = anyBytes();
        if (r.chance(0.08)) enc = r.pick(ALL_SK);
        const [bytes, how] = mutate(r, base, anyBytes);
        const fam = maybeFamily(c.spec.family);
        const name = maybeName(c.spec.name);
        const sk = own(call('secretkey.import', () => asym.Secretkey.import(fam, name, bytes, enc)));
        if (sk) exerciseSecret(sk, c);
        return `secretkey.import ${fam}/${JSON.stringify(name)} ${enc} ${how} (${bytes.length} B)`;
      },
    ],
    [
      'signature.import',
      8,
      () => {
        const c = pickC((x) => x.spec.signs);
        let [enc, base] = r.pick(c.sigs);
        if (r.chance(0.1)) base = anyBytes();
        if (r.chance(0.15)) enc = r.pick(['raw', 'der'] as const);
        const [bytes, how] = mutate(r, base, anyBytes);
        const name = r.chance(0.1) ? r.pick(ASYM_NAMES) : maybeName(c.spec.name);
        const sig = own(call('signature.import', () => signatures.Signature.import(name, bytes, enc)));
        if (sig) {
          call('signature.export', () => sig.export(r.pick(['raw', 'der'] as const)));
          const vs = own(call('verification-state.open', () => signatures.SignatureVerificationState.open(c.pk, undefined)));
          if (vs) {
            call('verification-state.update', () => vs.update(c.msg));
            call('verification-state.verify', () => vs.verify(sig));
          }
        }
        return `signature.import ${JSON.stringify(name)} ${enc} ${how} (${bytes.length} B)`;
      },
    ],
    [
      'signatures.verify',
      8,
      () => {
        const c = pickC((x) => x.spec.signs);
        const raw = c.sigs.find(([e]) => e === 'raw')![1];
        const [bytes, how] = mutate(r, raw, anyBytes);
        const msg = r.chance(0.8) ? c.msg : mutate(r, c.msg, anyBytes)[0];
        const pk = r.chance(0.9) ? c.pk : pickC().pk;
        call('signatures.verify', () => signatures.verify(pk, msg, bytes));
        return `signatures.verify ${c.spec.name} ${how} (${bytes.length} B)`;
      },
    ],
    [
      'verification-state',
      5,
      () => {
        const c = pickC((x) => x.spec.signs);
        const o = sigOptions();
        const vs = own(call('verification-state.open', () => signatures.SignatureVerificationState.open(c.pk, o)));
        const [bytes, how] = mutate(r, r.pick(c.sigs)[1], anyBytes);
        if (vs) {
          const k = r.int(Math.max(1, c.msg.length));
          call('verification-state.update', () => vs.update(c.msg.subarray(0, k)));
          call('verification-state.update', () => vs.update(c.msg.subarray(k)));
          const sig = own(call('signature.import', () => signatures.Signature.import(c.spec.name, bytes, r.pick(['raw', 'der'] as const))));
          if (sig) call('verification-state.verify', () => vs.verify(sig));
          if (r.chance(0.3)) call('verification-state.reset', () => vs.reset());
        }
        return `verification-state ${c.spec.name} options=${o ? 'yes' : 'no'} ${how}`;
      },
    ],
    [
      'signature-state',
      4,
      () => {
        const c = pickC((x) => x.spec.signs || r.chance(0.1));
        const o = sigOptions();
        const st = own(call('signature-state.open', () => signatures.SignatureState.open(c.kp, o)));
        if (st) {
          const n = 1 + r.int(3);
          for (let i = 0; i < n; i++) call('signature-state.update', () => st.update(r.bytes(r.pick([0, 1, 17, 100, 1000]))));
          own(call('signature-state.sign', () => st.sign()));
          if (r.chance(0.3)) {
            call('signature-state.reset', () => st.reset());
            own(call('signature-state.sign', () => st.sign()));
          }
        }
        return `signature-state ${c.spec.name} options=${o ? 'yes' : 'no'}`;
      },
    ],
    [
      'kx.decapsulate',
      6,
      () => {
        const c = pickC((x) => x.spec.kem);
        const [bytes, how] = mutate(r, c.ct!, anyBytes);
        const sk = r.chance(0.9) ? c.sk : pickC().sk;
        call('kx.decapsulate', () => kx.decapsulate(sk, bytes));
        return `kx.decapsulate ${c.spec.name} ${how} (${bytes.length} B)`;
      },
    ],
    [
      'kx.dh / encapsulate (mixed keys)',
      3,
      () => {
        const a = pickC();
        const b = r.chance(0.5) ? a : pickC();
        if (r.chance(0.5)) call('kx.dh', () => kx.dh(a.pk, b.sk));
        else call('kx.encapsulate', () => kx.encapsulate(a.pk));
        return `kx mixed ${a.spec.name} / ${b.spec.name}`;
      },
    ],
    [
      'keypair.from-pk-and-sk',
      2,
      () => {
        const a = pickC();
        const b = r.chance(0.3) ? a : pickC();
        own(call('keypair.from-pk-and-sk', () => asym.Keypair.fromPkAndSk(a.pk, b.sk)));
        return `from-pk-and-sk ${a.spec.name} / ${b.spec.name}`;
      },
    ],
    [
      'keypair.generate',
      2,
      () => {
        const c = pickC((x) => x.spec.kind !== 'rsa');
        let name = mutateName(r, c.spec.name);
        // RSA key generation takes seconds: never reached from here (a mutated name could resolve to it).
        if (name.toUpperCase().startsWith('RSA')) name = `not-${name}`;
        const fam = r.chance(0.7) ? c.spec.family : r.pick(ALG_TYPES);
        let o: Options | undefined;
        if (r.chance(0.2)) {
          o = own(new common.Options(r.pick(ALG_TYPES)))!;
          call('options.set', () => o!.set(r.pick(OPTION_NAMES), r.bytes(r.int(40))));
        }
        const kp = own(call('keypair.generate', () => asym.Keypair.generate(fam, name, o)));
        if (kp) call('keypair.export', () => kp.export(r.pick(ALL_KP)));
        return `keypair.generate ${fam}/${JSON.stringify(name)}`;
      },
    ],
    [
      'options',
      2,
      () => {
        const o = own(new common.Options(r.pick(ALG_TYPES)))!;
        for (let i = 0; i < 3; i++) {
          const name = r.chance(0.7) ? r.pick(OPTION_NAMES) : mutateName(r, r.pick(OPTION_NAMES));
          if (r.chance(0.5)) call('options.set', () => o.set(name, r.bytes(r.pick([0, 1, 12, 255, 256, 5000, 70000]))));
          else call('options.set-u64', () => o.setU64(name, r.pick(U64_VALUES)));
          if (r.chance(0.5)) call('options.get', () => o.get(name));
          else call('options.get-u64', () => o.getU64(name));
        }
        return 'options';
      },
    ],
    // --- symmetric functions that parse guest bytes --------------------------------------------
    [
      'symmetric-key.import',
      5,
      () => {
        const alg = r.pick(SYM_ALGS);
        const base = symKeys.get(alg) ?? r.bytes(32);
        const [bytes, how] = mutate(r, base, anyBytes);
        const name = maybeName(alg);
        const k = own(call('symmetric-key.import', () => symmetric.SymmetricKey.import(name, bytes)));
        if (k) {
          call('symmetric-key.export', () => k.export());
          if (r.chance(0.5)) call('symmetric-key.mac', () => k.mac(r.bytes(r.int(50))));
        }
        return `symmetric-key.import ${JSON.stringify(name)} ${how} (${bytes.length} B)`;
      },
    ],
    [
      'symmetric-state',
      10,
      () => {
        // Ciphers get half of the states: they have the most guest-controlled parsing (nonces, ciphertexts, tags).
        const pool = r.chance(0.5) ? Object.keys(NONCE_LEN) : SYM_ALGS;
        const alg = r.chance(0.95) ? r.pick(pool) : mutateName(r, r.pick(SYM_ALGS));
        const keyBytes = symKeys.get(alg);
        let key: SymmetricKey | undefined;
        if (keyBytes && r.chance(0.9)) {
          const kb = r.chance(0.85) ? keyBytes : mutate(r, keyBytes, anyBytes)[0];
          const kalg = r.chance(0.9) ? alg : r.pick(SYM_ALGS);
          key = own(call('symmetric-key.import', () => symmetric.SymmetricKey.import(kalg, kb)));
        }
        const mkOptions = (): Options | undefined => {
          if (!r.chance(0.8)) return undefined;
          const o = own(new common.Options(r.chance(0.95) ? 'symmetric' : r.pick(ALG_TYPES)))!;
          const nl = NONCE_LEN[alg];
          if (nl !== undefined && r.chance(0.85)) {
            const len = r.chance(0.8) ? nl : r.pick([0, 1, nl - 1, nl + 1, 8, 12, 16, 24, 32]);
            call('options.set', () => o.set('nonce', r.bytes(len)));
          }
          if (PWHASH.has(alg)) {
            if (r.chance(0.8)) call('options.set', () => o.set('salt', r.bytes(r.pick([0, 1, 7, 8, 16, 32]))));
            for (const n of ['ops_limit', 'memory_limit', 'parallelism', 'block_size']) {
              if (r.chance(0.5)) {
                const v =
                  n === 'ops_limit'
                    ? r.pick(alg === 'SCRYPT' ? [0n, 1n, 2n, 3n, 16n, 64n, 1024n, 1n << 40n] : [0n, 1n, 2n, 3n, 100n, 1000n, 1001n, (1n << 64n) - 1n])
                    : n === 'memory_limit'
                      ? r.pick([0n, 1024n, 8192n, 16384n, 65536n, 1n << 20n, (1n << 20n) + 1n, (1n << 64n) - 1n])
                      : r.pick([0n, 1n, 2n, 3n, 8n, 1n << 32n]);
                call('options.set-u64', () => o.setU64(n, v));
              }
            }
          }
          if (r.chance(0.15)) call('options.set', () => o.set('context', r.bytes(r.int(64))));
          if (r.chance(0.05)) {
            const n = mutateName(r, r.pick(OPTION_NAMES));
            if (U64_OPTIONS.has(n)) call('options.set-u64', () => o.setU64(n, r.pick(U64_VALUES)));
            else call('options.set', () => o.set(n, r.bytes(r.int(40))));
          }
          return o;
        };
        const opts = mkOptions();
        const open = (): SymmetricState | undefined => own(call('symmetric-state.open', () => symmetric.SymmetricState.open(alg, key, opts)));
        const st = open();
        const ops: string[] = [];
        if (st) {
          const n = 1 + r.int(4);
          for (let i = 0; i < n; i++) {
            const op = r.pick([
              'absorb',
              'absorb',
              'squeeze',
              'squeezeTag',
              'squeezeKey',
              'maxTagLen',
              'encrypt',
              'decrypt',
              'encryptDetached',
              'decryptDetached',
              'optionsGet',
              'clone',
              'reset',
              'ratchet',
            ] as const);
            ops.push(op);
            switch (op) {
              case 'absorb':
                call('symmetric-state.absorb', () => st.absorb(r.bytes(r.pick([0, 1, 16, 100, 1000]))));
                break;
              case 'squeeze':
                call('symmetric-state.squeeze', () => st.squeeze(PWHASH.has(alg) ? r.pick([0, 1, 3, 4, 32]) : r.pick([0, 1, 16, 32, 64, 65, 1000, 8161, 70000])));
                break;
              case 'squeezeTag': {
                const tag = own(call('symmetric-state.squeeze-tag', () => st.squeezeTag()));
                if (tag) {
                  const raw = call('symmetric-tag.to-bytes', () => tag.toBytes());
                  call('symmetric-tag.len', () => tag.len());
                  if (raw) call('symmetric-tag.verify', () => tag.verify(mutate(r, raw, anyBytes)[0]));
                }
                break;
              }
              case 'squeezeKey':
                own(call('symmetric-state.squeeze-key', () => st.squeezeKey(r.chance(0.7) ? r.pick(SYM_ALGS) : mutateName(r, r.pick(SYM_ALGS)))));
                break;
              case 'maxTagLen':
                call('symmetric-state.max-tag-len', () => st.maxTagLen());
                break;
              case 'encrypt':
                call('symmetric-state.encrypt', () => st.encrypt(r.bytes(r.int(64))));
                break;
              case 'encryptDetached': {
                const res = call('symmetric-state.encrypt-detached', () => st.encryptDetached(r.bytes(r.int(64))));
                if (res) own(res[1]);
                break;
              }
              case 'decrypt':
              case 'decryptDetached': {
                // A valid ciphertext from a sibling state (same key and options), then mutated.
                const enc = open();
                const pt = r.bytes(r.int(64));
                const ct = enc ? call('symmetric-state.encrypt', () => enc.encrypt(pt)) : undefined;
                const base = ct ?? r.bytes(r.int(80));
                const [bytes] = mutate(r, base, anyBytes);
                if (op === 'decrypt') call('symmetric-state.decrypt', () => st.decrypt(bytes));
                else {
                  const cut = Math.max(0, base.length - 16);
                  const [tag] = mutate(r, base.subarray(cut), anyBytes);
                  call('symmetric-state.decrypt-detached', () => st.decryptDetached(bytes.subarray(0, Math.min(cut, bytes.length)), tag));
                }
                break;
              }
              case 'optionsGet': {
                const n = r.chance(0.8) ? r.pick(OPTION_NAMES) : mutateName(r, r.pick(OPTION_NAMES));
                if (U64_OPTIONS.has(n)) call('symmetric-state.options-get-u64', () => st.optionsGetU64(n));
                else call('symmetric-state.options-get', () => st.optionsGet(n));
                break;
              }
              case 'clone':
                own(call('symmetric-state.clone', () => st.clone()));
                break;
              case 'reset':
                call('symmetric-state.reset', () => st.reset());
                break;
              default:
                call('symmetric-state.ratchet', () => st.ratchet());
            }
          }
        }
        return `symmetric-state ${JSON.stringify(alg)} key=${key ? 'yes' : 'no'} options=${opts ? 'yes' : 'no'} ops=${ops.join(',')}`;
      },
    ],
    [
      'symmetric one-shots',
      4,
      () => {
        const alg = r.pick(SYM_ALGS);
        const kb = symKeys.get(alg);
        if (!kb || r.chance(0.3)) {
          const out = r.chance(0.3) ? undefined : r.pick([0, 1, 16, 32, 64, 65, 1000, 70000]);
          call('symmetric.hash', () => symmetric.hash(maybeName(alg), r.bytes(r.int(100)), out));
          return `symmetric.hash ${alg} ${String(out)}`;
        }
        const k = own(call('symmetric-key.import', () => symmetric.SymmetricKey.import(alg, kb)));
        if (!k) return `one-shot ${alg} (no key)`;
        const data = r.bytes(r.int(64));
        const tag = call('symmetric-key.mac', () => k.mac(data));
        if (tag) call('symmetric-key.mac-verify', () => k.macVerify(data, mutate(r, tag, anyBytes)[0]));
        else call('symmetric-key.mac-verify', () => k.macVerify(data, r.bytes(r.int(70))));
        const nl = NONCE_LEN[alg] ?? 12;
        const nonce = r.chance(0.8) ? r.bytes(nl) : r.bytes(r.int(40));
        const ad = r.bytes(r.int(20));
        const sealed = call('symmetric-key.seal', () => k.seal(nonce, ad, data));
        const [ct] = mutate(r, sealed ?? r.bytes(r.int(80)), anyBytes);
        call('symmetric-key.open', () => k.open(nonce, ad, ct));
        return `one-shot ${alg}`;
      },
    ],
  ];

  // --- run --------------------------------------------------------------------------------------

  const t0 = performance.now();
  for (let i = 0; i < cases; i++) {
    const entry = r.weighted(CASES_TABLE.map((e) => [e, e[1]] as const));
    current = `#${i} ${entry[0]}`;
    const before = h.host.stats();
    const c0 = performance.now();
    let desc = entry[0];
    try {
      desc = entry[2](i);
    } catch (e) {
      // A throw outside `call` (e.g. building the case) is a harness bug, but report it as a violation.
      run.violations.push(`case ${current}: harness threw ${describeThrown(e)}`);
    }
    current = `#${i} ${desc}`;
    dropAll();
    const ms = performance.now() - c0;
    if (ms > run.slowestMs) {
      run.slowestMs = ms;
      run.slowestCase = current;
    }
    if (ms > SLOW_MS) run.slow.push(`${current}: ${ms.toFixed(0)} ms`);
    const st = h.host.stats();
    if (st.handles.total !== before.handles.total || st.liveKeyMaterials !== before.liveKeyMaterials) {
      if (run.leaks.length < 20) {
        run.leaks.push(
          `${current}: handles ${before.handles.total} → ${st.handles.total} ${JSON.stringify(st.handles.byKind)}, live key materials ${before.liveKeyMaterials} → ${st.liveKeyMaterials}`,
        );
      }
    }
    run.cases++;
    run.casesBy.set(entry[0], (run.casesBy.get(entry[0]) ?? 0) + 1);
  }
  run.ms = performance.now() - t0;

  // Drop the corpus: everything back to zero.
  for (const c of all) {
    drop(c.kp, c.pk, c.sk);
  }
  const end = h.host.stats();
  if (end.handles.total !== 0 || end.liveKeyMaterials !== 0) {
    run.leaks.push(`after dropping the corpus: ${end.handles.total} handles ${JSON.stringify(end.handles.byKind)}, ${end.liveKeyMaterials} live key materials`);
  }
  if (!h.materials.every((m) => m.wiped)) run.leaks.push(`${h.materials.filter((m) => !m.wiped).length} key materials not wiped at the end`);
  return run;
}

function summary(run: Run): string {
  const lines: string[] = [];
  lines.push(`seed ${SEED}, ${run.backend} host: ${run.cases} cases in ${(run.ms / 1000).toFixed(1)} s (slowest ${run.slowestMs.toFixed(0)} ms: ${run.slowestCase})`);
  lines.push('cases per generator: ' + [...run.casesBy].map(([k, v]) => `${k} ${v}`).join(', '));
  for (const [fn, m] of [...run.outcomes].sort(([a], [b]) => a.localeCompare(b))) {
    const total = [...m.values()].reduce((a, b) => a + b, 0);
    lines.push(`  ${fn} (${total}): ` + [...m].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', '));
  }
  return lines.join('\n');
}

for (const backend of BACKENDS) {
  describe(`asymmetric fuzz (${backend} backend)`, () => {
    let run: Run | undefined;

    test(`${CASES} mutated inputs: only WIT errors, no hangs, no handle or key leaks (seed ${SEED})`, { timeout: 180_000 }, (t) => {
      run = fuzz(backend, CASES);
      for (const line of summary(run).split('\n')) t.diagnostic(line);
      assert.ok(run.cases >= CASES, `ran ${run.cases} cases`);
      assert.deepEqual(run.violations, [], `calls threw something other than a WIT error (${replay}):\n  ${run.violations.join('\n  ')}`);
      assert.deepEqual(run.slow, [], `cases slower than ${SLOW_MS} ms (${replay})`);
      assert.deepEqual(run.leaks, [], `handles or key materials leaked (${replay})`);
    });

    test('every error is one the WIT lists for that function; never internal-error', (t) => {
      assert.ok(run, 'the fuzz run did not complete');
      const lines = [...run.unexpected].map(([k, v]) => `${k}   e.g. ${v}`);
      for (const line of lines) t.diagnostic(line);
      assert.deepEqual(lines, [], `unexpected error codes (${replay})`);
    });
  });
}
