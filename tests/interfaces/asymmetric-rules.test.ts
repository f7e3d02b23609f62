/**
 * docs/asymmetric.md (the contract of `asymmetric-common`, `signatures` and `kx`), rule by rule,
 * through the interface layer (no wasm), on both backends (RSA on the node host only).
 *
 * Every expectation comes from the contract, the WIT, or seed 004's asymmetric_common /
 * signatures / kx modules; every expected byte string comes from an independent implementation
 * (node:crypto KeyObjects for Ed25519, X25519, the EC curves and RSA; @noble/post-quantum for
 * ML-DSA, ML-KEM and X-Wing, which node 20 lacks) or from DER built here — never from the host's
 * own output alone. The DER helpers below are test-side only (the host uses @peculiar/asn1-*).
 */
import assert from 'node:assert/strict';
import * as nc from 'node:crypto';
import { after, describe, test } from 'node:test';
import { ed25519 } from '@noble/curves/ed25519.js';
import { p256, p384 } from '@noble/curves/nist.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { ml_dsa44, ml_dsa65, ml_dsa87 } from '@noble/post-quantum/ml-dsa.js';
import { ml_kem1024, ml_kem512, ml_kem768 } from '@noble/post-quantum/ml-kem.js';
import { ml_kem768_x25519 } from '@noble/post-quantum/hybrid.js';
import type { Keypair, Publickey, Secretkey } from '../../host/generated/interfaces/wasi-crypto-asymmetric-common.js';
import type { Options } from '../../host/generated/interfaces/wasi-crypto-common.js';
import { BACKENDS, drop, hex, makeHost, throwsCode, toHex, utf8 } from './helpers.js';

type Host = ReturnType<typeof makeHost>;
type Backend = (typeof BACKENDS)[number];
type Family = 'signatures' | 'key-exchange';
type KpEnc = 'raw' | 'pkcs8' | 'pem' | 'local';
type PkEnc = 'raw' | 'pkcs8' | 'pem' | 'sec' | 'local';
type SkEnc = 'raw' | 'pkcs8' | 'pem' | 'sec' | 'local';

// =============================================================================================
// Small helpers
// =============================================================================================

const u8 = (b: Buffer | Uint8Array): Uint8Array => Uint8Array.from(b);
const cat = (...parts: Uint8Array[]): Uint8Array => Uint8Array.from(Buffer.concat(parts));
const fill = (n: number, b: number): Uint8Array => new Uint8Array(n).fill(b);
const b64u = (b: Uint8Array): string => Buffer.from(b).toString('base64url');
const fromB64u = (s: string | undefined): Uint8Array => u8(Buffer.from(s ?? '', 'base64url'));
const flip = (b: Uint8Array, i: number, mask = 0x01): Uint8Array => {
  const c = Uint8Array.from(b);
  const j = i < 0 ? c.length + i : i;
  c[j]! ^= mask;
  return c;
};
const bytesToBig = (b: Uint8Array): bigint => (b.length === 0 ? 0n : BigInt('0x' + toHex(b)));
const bigToBytes = (n: bigint, len: number): Uint8Array => hex(n.toString(16).padStart(len * 2, '0'));
const eqHex = (a: Uint8Array, b: Uint8Array, what: string): void => assert.equal(toHex(a), toHex(b), what);

/** Asserts `fn` fails with one of `codes` (for rules the contract leaves open between two codes). */
function throwsOneOf(fn: () => unknown, codes: string[], what = ''): string {
  let got = '';
  assert.throws(fn, (e: unknown) => {
    const payload = (e as { payload?: unknown }).payload;
    assert.ok(
      typeof payload === 'string' && codes.includes(payload),
      `${what}: expected one of ${codes.join(' | ')}, got ${String(payload)} (${String((e as Error).message)})`,
    );
    got = payload as string;
    return true;
  }, `${what}: expected ${codes.join(' | ')}, but it succeeded`);
  return got;
}

/** throwsCode with a label (so a failing case in a loop says which one). */
function throwsCodeL(fn: () => unknown, code: string, what: string): void {
  throwsOneOf(fn, [code], what);
}

/** Runs `fn`, returning its value; a thrown WIT error becomes an assertion failure naming `what`. */
function ok<T>(fn: () => T, what: string): T {
  try {
    return fn();
  } catch (e) {
    const payload = (e as { payload?: unknown }).payload;
    assert.fail(`${what}: unexpected ${payload === undefined ? String(e) : `error ${String(payload)}`} (${String((e as Error).message)})`);
  }
}

// --- DER (test-side, independent of the host's @peculiar/asn1 code) ----------------------------

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
const SEQ = (...c: Uint8Array[]): Uint8Array => tlv(0x30, ...c);
const OCT = (b: Uint8Array): Uint8Array => tlv(0x04, b);
const BIT = (b: Uint8Array): Uint8Array => tlv(0x03, Uint8Array.of(0), b);
const NULL = Uint8Array.of(0x05, 0x00);
/** DER INTEGER of an unsigned big-endian value (minimal, with a 0 pad when the top bit is set). */
function INT(v: Uint8Array | number): Uint8Array {
  let b = typeof v === 'number' ? Uint8Array.of(v) : v;
  let i = 0;
  while (i < b.length - 1 && b[i] === 0) i++;
  b = b.subarray(i);
  if (b.length === 0) b = Uint8Array.of(0);
  if (b[0]! & 0x80) b = cat(Uint8Array.of(0), b);
  return tlv(0x02, b);
}
const OID = {
  ed25519: hex('06032b6570'),
  x25519: hex('06032b656e'),
  ecPublicKey: hex('06072a8648ce3d0201'),
  p256: hex('06082a8648ce3d030107'),
  p384: hex('06052b81040022'),
  k256: hex('06052b8104000a'),
  rsaEncryption: hex('06092a864886f70d010101'),
  'ML-DSA-44': hex('0609608648016503040311'),
  'ML-DSA-65': hex('0609608648016503040312'),
  'ML-DSA-87': hex('0609608648016503040313'),
  'ML-KEM-512': hex('0609608648016503040401'),
  'ML-KEM-768': hex('0609608648016503040402'),
  'ML-KEM-1024': hex('0609608648016503040403'),
} as const;

interface Node {
  tag: number;
  /** Offset of the tag byte. */
  start: number;
  /** Offset of the content. */
  body: number;
  end: number;
  content: Uint8Array;
  children: Node[];
}
/** Strict DER reader for checking what the host exports (definite lengths only). */
function parseDer(b: Uint8Array, off = 0, end = b.length): Node[] {
  const out: Node[] = [];
  while (off < end) {
    const tag = b[off]!;
    let len = b[off + 1];
    if (len === undefined) throw new Error('truncated DER');
    let body = off + 2;
    if (len & 0x80) {
      const n = len & 0x7f;
      if (n === 0 || n > 4) throw new Error('bad DER length');
      len = 0;
      for (let i = 0; i < n; i++) len = len * 256 + b[body + i]!;
      body += n;
    }
    const e = body + len;
    if (e > end) throw new Error('DER overruns');
    const content = b.subarray(body, e);
    const constructed = (tag & 0x20) !== 0;
    out.push({ tag, start: off, body, end: e, content, children: constructed ? parseDer(b, body, e) : [] });
    off = e;
  }
  return out;
}
function der1(b: Uint8Array): Node {
  const nodes = parseDer(b);
  assert.equal(nodes.length, 1, 'one DER element');
  return nodes[0]!;
}

// --- PEM ----------------------------------------------------------------------------------------

function pem(label: string, der: Uint8Array): Uint8Array {
  const b64 = Buffer.from(der).toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '');
  return utf8(`-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`);
}
function unpem(p: Uint8Array): { label: string; der: Uint8Array } {
  const s = Buffer.from(p).toString('latin1');
  const m = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/.exec(s);
  assert.ok(m, `not PEM: ${s.slice(0, 60)}`);
  return { label: m[1]!, der: u8(Buffer.from(m[2]!.replace(/\s+/g, ''), 'base64')) };
}

// =============================================================================================
// The algorithms of the contract
// =============================================================================================

type Kind = 'ed25519' | 'ecdsa' | 'rsa' | 'mldsa' | 'x25519' | 'ecdh' | 'mlkem' | 'xwing';
interface Curve {
  jwk: 'P-256' | 'P-384' | 'secp256k1';
  node: string;
  size: number;
  oid: Uint8Array;
  n: bigint;
  p: bigint;
  noble: typeof p256;
}
const CURVES: Record<'P-256' | 'P-384' | 'secp256k1', Curve> = {
  'P-256': { jwk: 'P-256', node: 'prime256v1', size: 32, oid: OID.p256, n: p256.Point.Fn.ORDER, p: p256.Point.Fp.ORDER, noble: p256 },
  'P-384': { jwk: 'P-384', node: 'secp384r1', size: 48, oid: OID.p384, n: p384.Point.Fn.ORDER, p: p384.Point.Fp.ORDER, noble: p384 as unknown as typeof p256 },
  secp256k1: {
    jwk: 'secp256k1',
    node: 'secp256k1',
    size: 32,
    oid: OID.k256,
    n: secp256k1.Point.Fn.ORDER,
    p: secp256k1.Point.Fp.ORDER,
    noble: secp256k1 as unknown as typeof p256,
  },
};

interface Spec {
  name: string;
  family: Family;
  kind: Kind;
  /** Canonical public key (EC: uncompressed SEC1), secret key, key pair `raw`, signature / ciphertext lengths. */
  pk: number;
  sk: number;
  kpRaw: number;
  sig: number;
  ct: number;
  curve?: Curve;
  /** node:crypto digest name (ECDSA, RSA). */
  hash?: string;
  rsa?: { scheme: 'pkcs1' | 'pss'; bits: number };
  ml?: 'ML-DSA-44' | 'ML-DSA-65' | 'ML-DSA-87' | 'ML-KEM-512' | 'ML-KEM-768' | 'ML-KEM-1024';
  seed?: number;
}

const SPECS: Spec[] = [
  { name: 'Ed25519', family: 'signatures', kind: 'ed25519', pk: 32, sk: 32, kpRaw: 64, sig: 64, ct: 0 },
  { name: 'ECDSA_P256_SHA256', family: 'signatures', kind: 'ecdsa', pk: 65, sk: 32, kpRaw: 32, sig: 64, ct: 0, curve: CURVES['P-256'], hash: 'sha256' },
  { name: 'ECDSA_P384_SHA384', family: 'signatures', kind: 'ecdsa', pk: 97, sk: 48, kpRaw: 48, sig: 96, ct: 0, curve: CURVES['P-384'], hash: 'sha384' },
  { name: 'ECDSA_K256_SHA256', family: 'signatures', kind: 'ecdsa', pk: 65, sk: 32, kpRaw: 32, sig: 64, ct: 0, curve: CURVES.secp256k1, hash: 'sha256' },
  { name: 'RSA_PKCS1_2048_SHA256', family: 'signatures', kind: 'rsa', pk: 0, sk: 0, kpRaw: 0, sig: 256, ct: 0, hash: 'sha256', rsa: { scheme: 'pkcs1', bits: 2048 } },
  { name: 'RSA_PSS_2048_SHA384', family: 'signatures', kind: 'rsa', pk: 0, sk: 0, kpRaw: 0, sig: 256, ct: 0, hash: 'sha384', rsa: { scheme: 'pss', bits: 2048 } },
  { name: 'ML-DSA-44', family: 'signatures', kind: 'mldsa', pk: 1312, sk: 2560, kpRaw: 2560, sig: 2420, ct: 0, ml: 'ML-DSA-44', seed: 32 },
  { name: 'ML-DSA-65', family: 'signatures', kind: 'mldsa', pk: 1952, sk: 4032, kpRaw: 4032, sig: 3309, ct: 0, ml: 'ML-DSA-65', seed: 32 },
  { name: 'ML-DSA-87', family: 'signatures', kind: 'mldsa', pk: 2592, sk: 4896, kpRaw: 4896, sig: 4627, ct: 0, ml: 'ML-DSA-87', seed: 32 },
  { name: 'X25519', family: 'key-exchange', kind: 'x25519', pk: 32, sk: 32, kpRaw: 64, sig: 0, ct: 0 },
  { name: 'P256-SHA256', family: 'key-exchange', kind: 'ecdh', pk: 65, sk: 32, kpRaw: 32, sig: 0, ct: 0, curve: CURVES['P-256'] },
  { name: 'P384-SHA384', family: 'key-exchange', kind: 'ecdh', pk: 97, sk: 48, kpRaw: 48, sig: 0, ct: 0, curve: CURVES['P-384'] },
  { name: 'ML-KEM-512', family: 'key-exchange', kind: 'mlkem', pk: 800, sk: 1632, kpRaw: 1632, sig: 0, ct: 768, ml: 'ML-KEM-512', seed: 64 },
  { name: 'ML-KEM-768', family: 'key-exchange', kind: 'mlkem', pk: 1184, sk: 2400, kpRaw: 2400, sig: 0, ct: 1088, ml: 'ML-KEM-768', seed: 64 },
  { name: 'ML-KEM-1024', family: 'key-exchange', kind: 'mlkem', pk: 1568, sk: 3168, kpRaw: 3168, sig: 0, ct: 1568, ml: 'ML-KEM-1024', seed: 64 },
  { name: 'X-WING', family: 'key-exchange', kind: 'xwing', pk: 1216, sk: 32, kpRaw: 32, sig: 0, ct: 1120, seed: 32 },
];
const spec = (name: string): Spec => SPECS.find((s) => s.name === name) ?? assert.fail(name);
const specsFor = (backend: Backend): Spec[] => SPECS.filter((s) => s.kind !== 'rsa' || backend === 'node');
const SIG_KINDS: Kind[] = ['ed25519', 'ecdsa', 'rsa', 'mldsa'];

/**
 * The encodings table of docs/asymmetric.md, verbatim. (Its ML-DSA / ML-KEM key-pair cell lists
 * `raw` only, while the host also exports and imports key pairs as `pkcs8` / `pem`: reported as a
 * doc-vs-host mismatch; whichever side changes, this table must follow the doc.)
 */
const ENCODINGS: Record<Kind, { kp: KpEnc[]; pk: PkEnc[]; sk: SkEnc[] }> = {
  ed25519: { kp: ['raw', 'pkcs8', 'pem'], pk: ['raw', 'pkcs8', 'pem'], sk: ['raw', 'pkcs8', 'pem'] },
  x25519: { kp: ['raw', 'pkcs8', 'pem'], pk: ['raw', 'pkcs8', 'pem'], sk: ['raw', 'pkcs8', 'pem'] },
  ecdsa: { kp: ['raw', 'pkcs8', 'pem'], pk: ['raw', 'sec', 'pkcs8', 'pem'], sk: ['raw', 'sec', 'pkcs8', 'pem'] },
  ecdh: { kp: ['raw', 'pkcs8', 'pem'], pk: ['raw', 'sec', 'pkcs8', 'pem'], sk: ['raw', 'sec', 'pkcs8', 'pem'] },
  rsa: { kp: ['pkcs8', 'pem'], pk: ['pkcs8', 'pem'], sk: ['pkcs8', 'pem'] },
  mldsa: { kp: ['raw', 'pkcs8', 'pem'], pk: ['raw', 'pkcs8', 'pem'], sk: ['raw', 'pkcs8', 'pem'] },
  mlkem: { kp: ['raw', 'pkcs8', 'pem'], pk: ['raw', 'pkcs8', 'pem'], sk: ['raw', 'pkcs8', 'pem'] },
  xwing: { kp: ['raw'], pk: ['raw'], sk: ['raw'] },
};
const ALL_KP: KpEnc[] = ['raw', 'pkcs8', 'pem', 'local'];
const ALL_PK: PkEnc[] = ['raw', 'pkcs8', 'pem', 'sec', 'local'];
const ALL_SK: SkEnc[] = ['raw', 'pkcs8', 'pem', 'sec', 'local'];

const RSA_NAMES: string[] = (['PKCS1', 'PSS'] as const).flatMap((s) =>
  [2048, 3072, 4096].flatMap((b) => ['SHA256', 'SHA384', 'SHA512'].map((h) => `RSA_${s}_${b}_${h}`)),
);

// --- @noble/post-quantum references --------------------------------------------------------------

const ML_DSA = { 'ML-DSA-44': ml_dsa44, 'ML-DSA-65': ml_dsa65, 'ML-DSA-87': ml_dsa87 } as const;
const ML_KEM = { 'ML-KEM-512': ml_kem512, 'ML-KEM-768': ml_kem768, 'ML-KEM-1024': ml_kem1024 } as const;
const mlDsa = (s: Spec) => ML_DSA[s.ml as keyof typeof ML_DSA];
const mlKem = (s: Spec) => ML_KEM[s.ml as keyof typeof ML_KEM];
/** The reference KEM of a KEM spec (ML-KEM level, or X-Wing = noble's ml_kem768_x25519). */
const refKem = (s: Spec) => (s.kind === 'xwing' ? ml_kem768_x25519 : mlKem(s));

// --- node:crypto RSA keys (generated once; RSA key generation is slow) -----------------------------

const lazy = <T>(f: () => T): (() => T) => {
  let v: T | undefined;
  return () => (v ??= f());
};
const RSA2048 = lazy(() => nc.generateKeyPairSync('rsa', { modulusLength: 2048 }));
const RSA2048B = lazy(() => nc.generateKeyPairSync('rsa', { modulusLength: 2048 }));
const RSA1024 = lazy(() => nc.generateKeyPairSync('rsa', { modulusLength: 1024 }));
const RSA3072 = lazy(() => nc.generateKeyPairSync('rsa', { modulusLength: 3072 }));
const rsaDer = (k: nc.KeyPairKeyObjectResult) => ({
  spki: u8(k.publicKey.export({ type: 'spki', format: 'der' })),
  pkcs1pub: u8(k.publicKey.export({ type: 'pkcs1', format: 'der' })),
  pkcs8: u8(k.privateKey.export({ type: 'pkcs8', format: 'der' })),
  pkcs1: u8(k.privateKey.export({ type: 'pkcs1', format: 'der' })),
});

// --- making keys ---------------------------------------------------------------------------------

/** A fresh key pair of `s`: generated (RSA: the node-generated 2048-bit key, imported). */
function mk(h: Host, s: Spec): Keypair {
  if (s.kind === 'rsa') return ok(() => h.asym.Keypair.import('signatures', s.name, rsaDer(RSA2048()).pkcs8, 'pkcs8'), `${s.name}: import PKCS#8`);
  return ok(() => h.asym.Keypair.generate(s.family, s.name, undefined), `${s.name}: generate`);
}

/** Canonical public key bytes (EC: uncompressed SEC1 via `sec`; RSA: SPKI via `pkcs8`). */
function canonPk(s: Spec, pk: Publickey): Uint8Array {
  if (s.kind === 'rsa') return pk.export('pkcs8');
  if (s.kind === 'ecdsa' || s.kind === 'ecdh') return pk.export('sec');
  return pk.export('raw');
}
function canonSk(s: Spec, sk: Secretkey): Uint8Array {
  return s.kind === 'rsa' ? sk.export('pkcs8') : sk.export('raw');
}

/** node KeyObjects of a host key, built from the raw forms (JWK), so they do not rely on the host's DER. */
function nodePublic(s: Spec, raw: Uint8Array): nc.KeyObject {
  switch (s.kind) {
    case 'ed25519':
      return nc.createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: b64u(raw) }, format: 'jwk' });
    case 'x25519':
      return nc.createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: b64u(raw) }, format: 'jwk' });
    case 'ecdsa':
    case 'ecdh': {
      const c = s.curve!;
      assert.equal(raw[0], 4, 'uncompressed point');
      return nc.createPublicKey({ key: { kty: 'EC', crv: c.jwk, x: b64u(raw.subarray(1, 1 + c.size)), y: b64u(raw.subarray(1 + c.size)) }, format: 'jwk' });
    }
    case 'rsa':
      return nc.createPublicKey({ key: Buffer.from(raw), format: 'der', type: 'spki' });
    default:
      return assert.fail(`no node key for ${s.name}`);
  }
}
function nodePrivate(s: Spec, skRaw: Uint8Array, pkRaw: Uint8Array): nc.KeyObject {
  switch (s.kind) {
    case 'ed25519':
      return nc.createPrivateKey({ key: { kty: 'OKP', crv: 'Ed25519', x: b64u(pkRaw), d: b64u(skRaw) }, format: 'jwk' });
    case 'x25519':
      return nc.createPrivateKey({ key: { kty: 'OKP', crv: 'X25519', x: b64u(pkRaw), d: b64u(skRaw) }, format: 'jwk' });
    case 'ecdsa':
    case 'ecdh': {
      const c = s.curve!;
      return nc.createPrivateKey({
        key: { kty: 'EC', crv: c.jwk, d: b64u(skRaw), x: b64u(pkRaw.subarray(1, 1 + c.size)), y: b64u(pkRaw.subarray(1 + c.size)) },
        format: 'jwk',
      });
    }
    case 'rsa':
      return nc.createPrivateKey({ key: Buffer.from(skRaw), format: 'der', type: 'pkcs8' });
    default:
      return assert.fail(`no node key for ${s.name}`);
  }
}
/** A node-generated key pair of `s` (Ed25519, X25519, EC, RSA). */
function nodeKeys(s: Spec): nc.KeyPairKeyObjectResult {
  switch (s.kind) {
    case 'ed25519':
      return nc.generateKeyPairSync('ed25519');
    case 'x25519':
      return nc.generateKeyPairSync('x25519');
    case 'ecdsa':
    case 'ecdh':
      return nc.generateKeyPairSync('ec', { namedCurve: s.curve!.node });
    case 'rsa':
      return RSA2048();
    default:
      return assert.fail(`no node keys for ${s.name}`);
  }
}
/** Canonical raw forms of node keys (JWK). */
function nodeRawPublic(s: Spec, k: nc.KeyObject): Uint8Array {
  if (s.kind === 'rsa') return u8(k.export({ type: 'spki', format: 'der' }));
  const j = k.export({ format: 'jwk' });
  if (s.kind === 'ed25519' || s.kind === 'x25519') return fromB64u(j.x);
  return cat(Uint8Array.of(4), fromB64u(j.x), fromB64u(j.y));
}
function nodeRawSecret(s: Spec, k: nc.KeyObject): Uint8Array {
  if (s.kind === 'rsa') return u8(k.export({ type: 'pkcs8', format: 'der' }));
  const j = k.export({ format: 'jwk' });
  const d = fromB64u(j.d);
  // JWK `d` of EC keys is the fixed-size scalar already.
  return d;
}

/** Independent verification of a raw signature made by the host. */
function refVerify(s: Spec, pkCanon: Uint8Array, msg: Uint8Array, sig: Uint8Array, context?: Uint8Array): boolean {
  switch (s.kind) {
    case 'ed25519':
      return nc.verify(null, msg, nodePublic(s, pkCanon), sig);
    case 'ecdsa':
      return nc.verify(s.hash!, msg, { key: nodePublic(s, pkCanon), dsaEncoding: 'ieee-p1363' }, sig);
    case 'rsa':
      return nc.verify(
        s.hash!,
        msg,
        s.rsa!.scheme === 'pss'
          ? { key: nodePublic(s, pkCanon), padding: nc.constants.RSA_PKCS1_PSS_PADDING, saltLength: nc.constants.RSA_PSS_SALTLEN_DIGEST }
          : { key: nodePublic(s, pkCanon), padding: nc.constants.RSA_PKCS1_PADDING },
        sig,
      );
    case 'mldsa':
      return mlDsa(s).verify(sig, msg, pkCanon, context ? { context } : undefined);
    default:
      return assert.fail(`${s.name} does not sign`);
  }
}
/** Independent signing (raw signature encoding), for host verification. */
function refSign(s: Spec, skCanon: Uint8Array, pkCanon: Uint8Array, msg: Uint8Array, context?: Uint8Array): Uint8Array {
  switch (s.kind) {
    case 'ed25519':
      return u8(nc.sign(null, msg, nodePrivate(s, skCanon, pkCanon)));
    case 'ecdsa':
      return u8(nc.sign(s.hash!, msg, { key: nodePrivate(s, skCanon, pkCanon), dsaEncoding: 'ieee-p1363' }));
    case 'rsa':
      return u8(
        nc.sign(
          s.hash!,
          msg,
          s.rsa!.scheme === 'pss'
            ? { key: nodePrivate(s, skCanon, pkCanon), padding: nc.constants.RSA_PKCS1_PSS_PADDING, saltLength: nc.constants.RSA_PSS_SALTLEN_DIGEST }
            : { key: nodePrivate(s, skCanon, pkCanon), padding: nc.constants.RSA_PKCS1_PADDING },
        ),
      );
    case 'mldsa':
      return mlDsa(s).sign(msg, skCanon, context ? { context } : {});
    default:
      return assert.fail(`${s.name} does not sign`);
  }
}

function sigOpts(h: Host, set: Record<string, Uint8Array>): Options {
  const o = new h.common.Options('signatures');
  for (const [k, v] of Object.entries(set)) o.set(k, v);
  return o;
}

/** Bytes of a key in `enc` that are valid for *some* encoding (to call import with an encoding the alg lacks). */
function anyPkBytes(s: Spec, pk: Publickey): Uint8Array {
  return s.kind === 'rsa' ? pk.export('pkcs8') : pk.export('raw');
}

const X25519_SMALL_ORDER = [
  '0000000000000000000000000000000000000000000000000000000000000000',
  '0100000000000000000000000000000000000000000000000000000000000000',
  'e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800',
  '5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157',
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  'eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
];

/** Ed25519 points of small order (libsodium's blocklist): identity, order 2, 4, 8. */
const ED25519_SMALL_ORDER = [
  '0100000000000000000000000000000000000000000000000000000000000000',
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  '0000000000000000000000000000000000000000000000000000000000000000',
  '0000000000000000000000000000000000000000000000000000000000000080',
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a',
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa',
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05',
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85',
];

/** An x with no point on the curve (x³+ax+b is not a square mod p): found with noble, checked by node. */
function xWithoutPoint(c: Curve): Uint8Array {
  for (let x = 1n; ; x++) {
    const enc = cat(Uint8Array.of(2), bigToBytes(x, c.size));
    try {
      c.noble.Point.fromBytes(enc);
    } catch {
      assert.throws(() => nc.ECDH.convertKey(Buffer.from(enc), c.node, undefined, undefined, 'uncompressed'));
      return enc;
    }
  }
}
/** An Ed25519 encoding of a y with no x (not a point). */
function ed25519NotAPoint(): Uint8Array {
  for (let y = 2n; ; y++) {
    const enc = bigToBytes(y, 32).reverse();
    try {
      ed25519.Point.fromBytes(enc);
    } catch {
      return enc;
    }
  }
}

/** RFC 5915 ECPrivateKey (test-built). */
function ecPrivateKey(c: Curve, d: Uint8Array, pub?: Uint8Array, withParams = true): Uint8Array {
  return SEQ(INT(1), OCT(d), ...(withParams ? [tlv(0xa0, c.oid)] : []), ...(pub ? [tlv(0xa1, BIT(pub))] : []));
}
const ecSpki = (c: Curve, point: Uint8Array): Uint8Array => SEQ(SEQ(OID.ecPublicKey, c.oid), BIT(point));
const ecPkcs8 = (c: Curve, d: Uint8Array, pub?: Uint8Array): Uint8Array =>
  SEQ(INT(0), SEQ(OID.ecPublicKey, c.oid), OCT(ecPrivateKey(c, d, pub, false)));
const mlOid = (s: Spec): Uint8Array => OID[s.ml as keyof typeof OID];
const mlSpki = (s: Spec, pk: Uint8Array): Uint8Array => SEQ(SEQ(mlOid(s)), BIT(pk));
const mlPkcs8 = (s: Spec, inner: Uint8Array): Uint8Array => SEQ(INT(0), SEQ(mlOid(s)), OCT(inner));
/** The three private-key CHOICEs of draft-ietf-lamps-dilithium-certificates / kyber-certificates. */
const mlPrivSeed = (seed: Uint8Array): Uint8Array => tlv(0x80, seed);
const mlPrivExpanded = (sk: Uint8Array): Uint8Array => OCT(sk);
const mlPrivBoth = (seed: Uint8Array, sk: Uint8Array): Uint8Array => SEQ(OCT(seed), OCT(sk));

/** The common key forms of a host key pair, for loops. */
function keyForms(h: Host, s: Spec, kp: Keypair): { pk: Publickey; sk: Secretkey; pkC: Uint8Array; skC: Uint8Array } {
  const pk = kp.publickey();
  const sk = kp.secretkey();
  return { pk, sk, pkC: canonPk(s, pk), skC: canonSk(s, sk) };
}

const MSG = utf8('the quick brown fox jumps over the lazy dog');

// =============================================================================================
// Tests
// =============================================================================================

for (const backend of BACKENDS) {
  const SP = specsFor(backend);
  const SIGS = SP.filter((s) => SIG_KINDS.includes(s.kind));
  const DH = SP.filter((s) => s.kind === 'x25519' || s.kind === 'ecdh');
  const KEMS = SP.filter((s) => s.kind === 'mlkem' || s.kind === 'xwing');

  describe(`asymmetric rules (${backend} backend)`, () => {
    // -----------------------------------------------------------------------------------------
    // Algorithms and names
    // -----------------------------------------------------------------------------------------

    test('every algorithm of the table exists; names are case-insensitive; algorithm() returns the table spelling', () => {
      const h = makeHost(backend);
      for (const s of SP) {
        const kp = s.kind === 'rsa' ? mk(h, s) : ok(() => h.asym.Keypair.generate(s.family, s.name.toLowerCase(), undefined), `${s.name}: generate (lower case)`);
        assert.equal(kp.algorithm(), s.name, `${s.name}: keypair.algorithm()`);
        const pk = kp.publickey();
        const sk = kp.secretkey();
        assert.equal(pk.algorithm(), s.name, `${s.name}: publickey.algorithm()`);
        assert.equal(sk.algorithm(), s.name, `${s.name}: secretkey.algorithm()`);
        drop(pk, sk, kp);
      }
      if (backend === 'node') {
        // Every RSA name resolves (a 2048-bit key is a valid key for the 2048 names).
        for (const name of RSA_NAMES.filter((n) => n.includes('_2048_'))) {
          const kp = ok(() => h.asym.Keypair.import('signatures', name.toLowerCase(), rsaDer(RSA2048()).pkcs8, 'pkcs8'), name);
          assert.equal(kp.algorithm(), name);
          drop(kp);
        }
      }
      assert.equal(h.host.stats().handles.total, 0);
    });

    test('generated keys have the canonical sizes of the table', () => {
      const h = makeHost(backend);
      for (const s of SP.filter((x) => x.kind !== 'rsa')) {
        const kp = mk(h, s);
        const pk = kp.publickey();
        const sk = kp.secretkey();
        if (s.curve) {
          const sec = ok(() => pk.export('sec'), `${s.name}: pk sec`);
          assert.equal(sec.length, s.pk, `${s.name}: sec is uncompressed`);
          assert.equal(sec[0], 4, `${s.name}: sec starts with 04`);
          const raw = ok(() => pk.export('raw'), `${s.name}: pk raw`);
          assert.equal(raw.length, s.curve.size + 1, `${s.name}: raw public key is compressed SEC1`);
          assert.ok(raw[0] === 2 || raw[0] === 3, `${s.name}: compressed prefix`);
          eqHex(raw.subarray(1), sec.subarray(1, 1 + s.curve.size), `${s.name}: same x`);
          assert.equal(raw[0], 2 + (sec[sec.length - 1]! & 1), `${s.name}: prefix is the parity of y`);
        } else {
          assert.equal(ok(() => pk.export('raw'), `${s.name}: pk raw`).length, s.pk, `${s.name}: public key length`);
        }
        assert.equal(ok(() => sk.export('raw'), `${s.name}: sk raw`).length, s.sk, `${s.name}: secret key length`);
        assert.equal(ok(() => kp.export('raw'), `${s.name}: kp raw`).length, s.kpRaw, `${s.name}: key pair raw length`);
        if (s.sig) assert.equal(h.signatures.sign(kp, MSG).length, s.sig, `${s.name}: signature length`);
        if (s.ct) {
          const e = h.kx.encapsulate(pk);
          assert.equal(e.ciphertext.length, s.ct, `${s.name}: ciphertext length`);
          assert.equal(e.secret.length, 32, `${s.name}: shared secret length`);
        }
        drop(pk, sk, kp);
      }
    });

    test('unsupported-algorithm: unknown names, Ed25519ph, names of the other family, symmetric type', () => {
      const h = makeHost(backend);
      const { Keypair, Publickey, Secretkey } = h.asym;
      const unknown = ['Ed448', 'Ed25519ph', 'ECDSA_P521_SHA512', 'ECDSA_P256_SHA384', 'RSA_PKCS1_1024_SHA256', 'RSA_PSS_2048_SHA1', 'ML-DSA-99', 'X448', 'ML-KEM-2048', 'XWING-2', '', '__proto__', 'constructor', 'AES-128-GCM', 'SHA-256'];
      for (const name of unknown) {
        for (const t of ['signatures', 'key-exchange', 'symmetric'] as const) {
          throwsCodeL(() => Keypair.generate(t, name, undefined), 'unsupported-algorithm', `generate(${t}, ${name})`);
          throwsCodeL(() => Keypair.import(t, name, new Uint8Array(64), 'raw'), 'unsupported-algorithm', `keypair.import(${t}, ${name})`);
          throwsCodeL(() => Publickey.import(t, name, new Uint8Array(32), 'raw'), 'unsupported-algorithm', `publickey.import(${t}, ${name})`);
          throwsCodeL(() => Secretkey.import(t, name, new Uint8Array(32), 'raw'), 'unsupported-algorithm', `secretkey.import(${t}, ${name})`);
        }
        throwsCodeL(() => h.signatures.Signature.import(name, new Uint8Array(64), 'raw'), 'unsupported-algorithm', `signature.import(${name})`);
      }
      // Family mismatch: a real algorithm under the other algorithm-type (or symmetric).
      for (const s of SP) {
        const others = (['signatures', 'key-exchange', 'symmetric'] as const).filter((t) => t !== s.family);
        for (const t of others) {
          throwsCodeL(() => Keypair.generate(t, s.name, undefined), 'unsupported-algorithm', `generate(${t}, ${s.name})`);
          throwsCodeL(() => Keypair.import(t, s.name, new Uint8Array(s.kpRaw || 64), 'raw'), 'unsupported-algorithm', `keypair.import(${t}, ${s.name})`);
          throwsCodeL(() => Publickey.import(t, s.name, new Uint8Array(s.pk || 32), 'raw'), 'unsupported-algorithm', `publickey.import(${t}, ${s.name})`);
          throwsCodeL(() => Secretkey.import(t, s.name, new Uint8Array(s.sk || 32), 'raw'), 'unsupported-algorithm', `secretkey.import(${t}, ${s.name})`);
        }
        if (s.family === 'key-exchange') {
          throwsCodeL(() => h.signatures.Signature.import(s.name, new Uint8Array(64), 'raw'), 'unsupported-algorithm', `signature.import(${s.name})`);
        }
      }
      assert.equal(h.host.stats().handles.total, 0);
    });

    test(backend === 'node' ? 'RSA: every named size and hash exists (node host)' : 'RSA: unsupported-algorithm on the portable host', () => {
      const h = makeHost(backend);
      const d = rsaDer(RSA2048());
      for (const name of RSA_NAMES) {
        if (backend === 'node') {
          if (name.includes('_2048_')) drop(ok(() => h.asym.Publickey.import('signatures', name, d.spki, 'pkcs8'), name));
          continue;
        }
        throwsCodeL(() => h.asym.Keypair.generate('signatures', name, undefined), 'unsupported-algorithm', `generate ${name}`);
        throwsCodeL(() => h.asym.Keypair.import('signatures', name, d.pkcs8, 'pkcs8'), 'unsupported-algorithm', `kp import ${name}`);
        throwsCodeL(() => h.asym.Publickey.import('signatures', name, d.spki, 'pkcs8'), 'unsupported-algorithm', `pk import ${name}`);
        throwsCodeL(() => h.asym.Secretkey.import('signatures', name, d.pkcs8, 'pkcs8'), 'unsupported-algorithm', `sk import ${name}`);
        throwsCodeL(() => h.signatures.Signature.import(name, new Uint8Array(256), 'raw'), 'unsupported-algorithm', `signature import ${name}`);
      }
    });

    if (backend === 'node') {
      test('RSA generate: modulus of the named size, exponent 65537, signs (node host)', () => {
        const h = makeHost(backend);
        const kp = ok(() => h.asym.Keypair.generate('signatures', 'RSA_PSS_2048_SHA256', undefined), 'generate RSA_PSS_2048_SHA256');
        const pk = kp.publickey();
        const k = nc.createPublicKey({ key: Buffer.from(pk.export('pkcs8')), format: 'der', type: 'spki' });
        assert.equal(k.asymmetricKeyType, 'rsa');
        assert.equal(k.asymmetricKeyDetails?.modulusLength, 2048);
        assert.equal(k.asymmetricKeyDetails?.publicExponent, 65537n);
        const sig = h.signatures.sign(kp, MSG);
        assert.ok(
          nc.verify('sha256', MSG, { key: k, padding: nc.constants.RSA_PKCS1_PSS_PADDING, saltLength: nc.constants.RSA_PSS_SALTLEN_DIGEST }, sig),
          'node verifies the PSS signature (salt = hash length)',
        );
        drop(pk, kp);
      });
    }

    test('unsupported-option: generate takes no options; signature states accept only an ML-DSA context', () => {
      const h = makeHost(backend);
      for (const s of SP.filter((x) => x.kind !== 'rsa')) {
        const o = new h.common.Options(s.family);
        o.set('context', utf8('ctx'));
        throwsCodeL(() => h.asym.Keypair.generate(s.family, s.name, o), 'unsupported-option', `generate ${s.name} with a context option`);
        drop(o);
      }
      // Unknown option names are refused when set (they are not options of the signatures family).
      const o = new h.common.Options('signatures');
      throwsCode(() => o.set('nonce', new Uint8Array(12)), 'unsupported-option');
      throwsCode(() => o.setU64('ops_limit', 1n), 'unsupported-option');
      drop(o);
      for (const s of SIGS.filter((x) => x.kind !== 'mldsa')) {
        const kp = mk(h, s);
        const pk = kp.publickey();
        const ctx = sigOpts(h, { context: utf8('ctx') });
        throwsCodeL(() => h.signatures.SignatureState.open(kp, ctx), 'unsupported-option', `${s.name}: signature-state with context`);
        throwsCodeL(() => h.signatures.SignatureVerificationState.open(pk, ctx), 'unsupported-option', `${s.name}: verification-state with context`);
        drop(ctx, pk, kp);
      }
      assert.equal(h.host.stats().handles.total, 0);
    });

    // -----------------------------------------------------------------------------------------
    // Encodings
    // -----------------------------------------------------------------------------------------

    test('every encoding of the table round-trips: export → import → same key, same bytes', () => {
      const h = makeHost(backend);
      const { Keypair, Publickey, Secretkey } = h.asym;
      for (const s of SP) {
        const enc = ENCODINGS[s.kind];
        const kp = mk(h, s);
        const { pk, sk, pkC, skC } = keyForms(h, s, kp);
        for (const e of enc.kp) {
          const bytes = ok(() => kp.export(e), `${s.name}: keypair export ${e}`);
          const kp2 = ok(() => Keypair.import(s.family, s.name, bytes, e), `${s.name}: keypair import ${e}`);
          eqHex(kp2.export(e), bytes, `${s.name}: keypair ${e} re-export`);
          const pk2 = kp2.publickey();
          const sk2 = kp2.secretkey();
          eqHex(canonPk(s, pk2), pkC, `${s.name}: keypair ${e}: public key`);
          eqHex(canonSk(s, sk2), skC, `${s.name}: keypair ${e}: secret key`);
          drop(pk2, sk2, kp2);
        }
        for (const e of enc.pk) {
          const bytes = ok(() => pk.export(e), `${s.name}: publickey export ${e}`);
          const pk2 = ok(() => Publickey.import(s.family, s.name, bytes, e), `${s.name}: publickey import ${e}`);
          eqHex(pk2.export(e), bytes, `${s.name}: publickey ${e} re-export`);
          eqHex(canonPk(s, pk2), pkC, `${s.name}: publickey ${e}: same key`);
          drop(pk2);
        }
        for (const e of enc.sk) {
          const bytes = ok(() => sk.export(e), `${s.name}: secretkey export ${e}`);
          const sk2 = ok(() => Secretkey.import(s.family, s.name, bytes, e), `${s.name}: secretkey import ${e}`);
          eqHex(sk2.export(e), bytes, `${s.name}: secretkey ${e} re-export`);
          eqHex(canonSk(s, sk2), skC, `${s.name}: secretkey ${e}: same key`);
          drop(sk2);
        }
        drop(pk, sk, kp);
      }
      assert.equal(h.host.stats().handles.total, 0);
    });

    test('pem is the pkcs8 DER in PEM armour (PUBLIC KEY / PRIVATE KEY)', () => {
      const h = makeHost(backend);
      for (const s of SP.filter((x) => ENCODINGS[x.kind].pk.includes('pem'))) {
        const kp = mk(h, s);
        const { pk, sk } = keyForms(h, s, kp);
        const p1 = unpem(ok(() => pk.export('pem'), `${s.name}: pk pem`));
        assert.equal(p1.label, 'PUBLIC KEY', `${s.name}: public key PEM label`);
        eqHex(p1.der, pk.export('pkcs8'), `${s.name}: public PEM = SPKI DER`);
        const p2 = unpem(ok(() => sk.export('pem'), `${s.name}: sk pem`));
        assert.equal(p2.label, 'PRIVATE KEY', `${s.name}: secret key PEM label`);
        eqHex(p2.der, sk.export('pkcs8'), `${s.name}: secret PEM = PKCS#8 DER`);
        if (ENCODINGS[s.kind].kp.includes('pem')) {
          const p3 = unpem(ok(() => kp.export('pem'), `${s.name}: kp pem`));
          assert.equal(p3.label, 'PRIVATE KEY', `${s.name}: key pair PEM label`);
          eqHex(p3.der, kp.export('pkcs8'), `${s.name}: key pair PEM = PKCS#8 DER`);
        }
        drop(pk, sk, kp);
      }
    });

    test('unsupported-encoding for every combination the table lacks, and for local everywhere (export and import)', () => {
      const h = makeHost(backend);
      const { Keypair, Publickey, Secretkey } = h.asym;
      // Collects every deviation, so one run lists them all.
      const problems: string[] = [];
      const expectUnsupported = (fn: () => unknown, what: string): void => {
        try {
          const r = fn();
          if (r && typeof r === 'object' && Symbol.dispose in r) drop(r);
          problems.push(`${what}: succeeded`);
        } catch (e) {
          const payload = (e as { payload?: unknown }).payload;
          if (payload !== 'unsupported-encoding') problems.push(`${what}: ${String(payload ?? e)}`);
        }
      };
      for (const s of SP) {
        const enc = ENCODINGS[s.kind];
        const kp = mk(h, s);
        const { pk, sk } = keyForms(h, s, kp);
        const kpBytes = kp.export(enc.kp[0]!);
        const pkBytes = anyPkBytes(s, pk);
        const skBytes = sk.export(enc.sk[0]!);
        for (const e of ALL_KP.filter((x) => !enc.kp.includes(x))) {
          expectUnsupported(() => kp.export(e), `${s.name}: keypair export ${e}`);
          expectUnsupported(() => Keypair.import(s.family, s.name, kpBytes, e), `${s.name}: keypair import ${e}`);
        }
        for (const e of ALL_PK.filter((x) => !enc.pk.includes(x))) {
          expectUnsupported(() => pk.export(e), `${s.name}: publickey export ${e}`);
          expectUnsupported(() => Publickey.import(s.family, s.name, pkBytes, e), `${s.name}: publickey import ${e}`);
        }
        for (const e of ALL_SK.filter((x) => !enc.sk.includes(x))) {
          expectUnsupported(() => sk.export(e), `${s.name}: secretkey export ${e}`);
          expectUnsupported(() => Secretkey.import(s.family, s.name, skBytes, e), `${s.name}: secretkey import ${e}`);
        }
        drop(pk, sk, kp);
      }
      assert.deepEqual(problems, [], `combinations the encodings table lacks that do not answer unsupported-encoding:\n  ${problems.join('\n  ')}`);
      assert.equal(h.host.stats().handles.total, 0);
    });

    test('export returns fresh bytes (changing them changes nothing)', () => {
      const h = makeHost(backend);
      for (const s of SP) {
        const kp = mk(h, s);
        const { pk, sk } = keyForms(h, s, kp);
        const e = ENCODINGS[s.kind];
        for (const [what, exp] of [
          ['keypair', () => kp.export(e.kp[0]!)],
          ['publickey', () => pk.export(e.pk[0]!)],
          ['secretkey', () => sk.export(e.sk[0]!)],
        ] as const) {
          const a = exp();
          const before = toHex(a);
          a.fill(0xa5);
          assert.equal(toHex(exp()), before, `${s.name}: ${what} export aliases internal bytes`);
        }
        drop(pk, sk, kp);
      }
    });

    test('interop with node:crypto: SPKI / PKCS#8 / PEM / SEC1 keys import, and host exports import into node', () => {
      const h = makeHost(backend);
      const { Keypair, Publickey, Secretkey } = h.asym;
      for (const s of SP.filter((x) => ['ed25519', 'x25519', 'ecdsa', 'ecdh', 'rsa'].includes(x.kind))) {
        const n = nodeKeys(s);
        const pkRaw = nodeRawPublic(s, n.publicKey);
        const skRaw = nodeRawSecret(s, n.privateKey);
        const spki = u8(n.publicKey.export({ type: 'spki', format: 'der' }));
        const spkiPem = u8(Buffer.from(n.publicKey.export({ type: 'spki', format: 'pem' })));
        const p8 = u8(n.privateKey.export({ type: 'pkcs8', format: 'der' }));
        const p8Pem = u8(Buffer.from(n.privateKey.export({ type: 'pkcs8', format: 'pem' })));
        // node → host
        for (const [bytes, e] of [
          [spki, 'pkcs8'],
          [spkiPem, 'pem'],
        ] as const) {
          const pk = ok(() => Publickey.import(s.family, s.name, bytes, e), `${s.name}: node SPKI (${e}) → host`);
          eqHex(canonPk(s, pk), pkRaw, `${s.name}: node SPKI (${e}): same public key`);
          drop(pk);
        }
        for (const [bytes, e] of [
          [p8, 'pkcs8'],
          [p8Pem, 'pem'],
        ] as const) {
          const sk = ok(() => Secretkey.import(s.family, s.name, bytes, e), `${s.name}: node PKCS#8 (${e}) → host secret key`);
          if (s.kind === 'rsa') {
            const back = nc.createPrivateKey({ key: Buffer.from(sk.export('pkcs8')), format: 'der', type: 'pkcs8' });
            assert.equal(back.export({ format: 'jwk' }).d, n.privateKey.export({ format: 'jwk' }).d, `${s.name}: same RSA key`);
          } else eqHex(sk.export('raw'), skRaw, `${s.name}: node PKCS#8 (${e}): same secret key`);
          const kp = ok(() => Keypair.import(s.family, s.name, bytes, e), `${s.name}: node PKCS#8 (${e}) → host key pair`);
          const kpPk = kp.publickey();
          eqHex(canonPk(s, kpPk), pkRaw, `${s.name}: node PKCS#8 (${e}) key pair: public key`);
          drop(sk, kpPk, kp);
        }
        if (s.curve) {
          const sec1 = u8(n.privateKey.export({ type: 'sec1', format: 'der' }));
          const sec1Pem = u8(Buffer.from(n.privateKey.export({ type: 'sec1', format: 'pem' })));
          const sk = ok(() => Secretkey.import(s.family, s.name, sec1, 'sec'), `${s.name}: node SEC1 ECPrivateKey → host sec`);
          eqHex(sk.export('raw'), skRaw, `${s.name}: SEC1: same scalar`);
          // PEM import also takes `EC PRIVATE KEY`.
          const sk2 = ok(() => Secretkey.import(s.family, s.name, sec1Pem, 'pem'), `${s.name}: EC PRIVATE KEY PEM → host secret key`);
          eqHex(sk2.export('raw'), skRaw, `${s.name}: EC PRIVATE KEY PEM: same scalar`);
          const kp = ok(() => Keypair.import(s.family, s.name, sec1Pem, 'pem'), `${s.name}: EC PRIVATE KEY PEM → host key pair`);
          const kpPk = kp.publickey();
          eqHex(kpPk.export('sec'), pkRaw, `${s.name}: EC PRIVATE KEY PEM key pair: public key`);
          // SEC1 public keys, both forms, through `sec` and `raw`.
          const compressed = u8(nc.ECDH.convertKey(Buffer.from(pkRaw), s.curve.node, undefined, undefined, 'compressed') as Buffer);
          for (const [bytes, e] of [
            [pkRaw, 'sec'],
            [compressed, 'sec'],
            [pkRaw, 'raw'],
            [compressed, 'raw'],
          ] as const) {
            const pk = ok(() => Publickey.import(s.family, s.name, bytes, e), `${s.name}: SEC1 point (${bytes.length} B) as ${e}`);
            eqHex(pk.export('sec'), pkRaw, `${s.name}: SEC1 point (${bytes.length} B) as ${e}: uncompressed export`);
            eqHex(pk.export('raw'), compressed, `${s.name}: SEC1 point (${bytes.length} B) as ${e}: compressed raw export (node's compression)`);
            drop(pk);
          }
          drop(sk, sk2, kpPk, kp);
        }
        if (s.kind === 'rsa') {
          const d = rsaDer(n);
          const pk1 = ok(() => Publickey.import('signatures', s.name, d.pkcs1pub, 'pkcs8'), `${s.name}: PKCS#1 RSAPublicKey DER as pkcs8`);
          eqHex(pk1.export('pkcs8'), d.spki, `${s.name}: PKCS#1 public key → SPKI export`);
          const pk2 = ok(() => Publickey.import('signatures', s.name, u8(Buffer.from(n.publicKey.export({ type: 'pkcs1', format: 'pem' }))), 'pem'), `${s.name}: RSA PUBLIC KEY PEM`);
          eqHex(pk2.export('pkcs8'), d.spki, `${s.name}: RSA PUBLIC KEY PEM → SPKI export`);
          const kp1 = ok(() => Keypair.import('signatures', s.name, d.pkcs1, 'pkcs8'), `${s.name}: PKCS#1 RSAPrivateKey DER as key pair pkcs8`);
          const kp2 = ok(() => Keypair.import('signatures', s.name, u8(Buffer.from(n.privateKey.export({ type: 'pkcs1', format: 'pem' }))), 'pem'), `${s.name}: RSA PRIVATE KEY PEM`);
          for (const k of [kp1, kp2]) {
            const p = k.publickey();
            eqHex(p.export('pkcs8'), d.spki, `${s.name}: PKCS#1 key pair: public key`);
            drop(p);
          }
          drop(pk1, pk2, kp1, kp2);
        }

        // host → node
        const kp = mk(h, s);
        const { pk, sk, pkC, skC } = keyForms(h, s, kp);
        const nPub = ok(() => nc.createPublicKey({ key: Buffer.from(pk.export('pkcs8')), format: 'der', type: 'spki' }), `${s.name}: node imports host SPKI`);
        eqHex(nodeRawPublic(s, nPub), pkC, `${s.name}: host SPKI → node: same key`);
        const nPub2 = ok(() => nc.createPublicKey(Buffer.from(pk.export('pem')).toString('latin1')), `${s.name}: node imports host public PEM`);
        eqHex(nodeRawPublic(s, nPub2), pkC, `${s.name}: host public PEM → node: same key`);
        for (const [what, der] of [
          ['secretkey pkcs8', sk.export('pkcs8')],
          ['keypair pkcs8', kp.export('pkcs8')],
        ] as const) {
          const nPriv = ok(() => nc.createPrivateKey({ key: Buffer.from(der), format: 'der', type: 'pkcs8' }), `${s.name}: node imports host ${what}`);
          if (s.kind === 'rsa') assert.equal(toHex(u8(nPriv.export({ type: 'pkcs8', format: 'der' }))), toHex(skC), `${s.name}: ${what}`);
          else eqHex(nodeRawSecret(s, nPriv), skC, `${s.name}: host ${what} → node: same key`);
          eqHex(nodeRawPublic(s, nc.createPublicKey(nPriv)), pkC, `${s.name}: host ${what} → node: same public key`);
        }
        const nPriv3 = ok(() => nc.createPrivateKey(Buffer.from(sk.export('pem')).toString('latin1')), `${s.name}: node imports host private PEM`);
        eqHex(nodeRawPublic(s, nc.createPublicKey(nPriv3)), pkC, `${s.name}: host private PEM → node`);
        if (s.curve) {
          const nSec = ok(() => nc.createPrivateKey({ key: Buffer.from(sk.export('sec')), format: 'der', type: 'sec1' }), `${s.name}: node imports host sec (ECPrivateKey)`);
          eqHex(nodeRawSecret(s, nSec), skC, `${s.name}: host sec → node: same scalar`);
        }
        drop(pk, sk, kp);
      }
      assert.equal(h.host.stats().handles.total, 0);
    });

    test('Ed25519 PKCS#8 v2 (OneAsymmetricKey with the public key) imports; a mismatched public key → invalid-key', () => {
      const h = makeHost(backend);
      const n = nc.generateKeyPairSync('ed25519');
      const s = spec('Ed25519');
      const seed = nodeRawSecret(s, n.privateKey);
      const pub = nodeRawPublic(s, n.publicKey);
      const v2 = (p: Uint8Array) => SEQ(INT(1), SEQ(OID.ed25519), OCT(OCT(seed)), tlv(0x81, Uint8Array.of(0), p));
      const kp = ok(() => h.asym.Keypair.import('signatures', 'Ed25519', v2(pub), 'pkcs8'), 'PKCS#8 v2 key pair');
      const pk = kp.publickey();
      eqHex(pk.export('raw'), pub, 'v2: public key');
      drop(pk, kp);
      drop(ok(() => h.asym.Secretkey.import('signatures', 'Ed25519', v2(pub), 'pkcs8'), 'PKCS#8 v2 secret key'));
      throwsCode(() => h.asym.Keypair.import('signatures', 'Ed25519', v2(flip(pub, 3)), 'pkcs8'), 'invalid-key');
      throwsCode(() => h.asym.Keypair.import('signatures', 'Ed25519', pem('PRIVATE KEY', v2(flip(pub, 3))), 'pem'), 'invalid-key');
    });

    test('ML-DSA / ML-KEM / X-Wing: keys match FIPS 204 / 203 / X-Wing (noble) from the same seed; seeds import', () => {
      const h = makeHost(backend);
      for (const s of SP.filter((x) => x.kind === 'mldsa' || x.kind === 'mlkem' || x.kind === 'xwing')) {
        const seed = u8(nc.randomBytes(s.seed!));
        const ref = s.kind === 'mldsa' ? mlDsa(s).keygen(seed) : refKem(s).keygen(seed);
        const sk = ok(() => h.asym.Secretkey.import(s.family, s.name, seed, 'raw'), `${s.name}: secret key from the ${s.seed}-byte seed`);
        const expectedSk = s.kind === 'xwing' ? seed : ref.secretKey;
        eqHex(sk.export('raw'), expectedSk, `${s.name}: secret key raw export = the canonical encoding`);
        const pk = h.asym.Publickey.fromSecretkey(sk);
        eqHex(pk.export('raw'), ref.publicKey, `${s.name}: public key = reference`);
        const kp = ok(() => h.asym.Keypair.import(s.family, s.name, seed, 'raw'), `${s.name}: key pair from the seed`);
        eqHex(kp.export('raw'), expectedSk, `${s.name}: key pair raw = the secret key's raw`);
        const kpPk = kp.publickey();
        eqHex(kpPk.export('raw'), ref.publicKey, `${s.name}: key pair public key`);
        if (s.kind !== 'xwing') {
          // The expanded form imports to the same key.
          const sk2 = ok(() => h.asym.Secretkey.import(s.family, s.name, ref.secretKey, 'raw'), `${s.name}: expanded secret key`);
          const pk2 = h.asym.Publickey.fromSecretkey(sk2);
          eqHex(pk2.export('raw'), ref.publicKey, `${s.name}: expanded secret key → public key`);
          drop(sk2, pk2);
        }
        drop(sk, pk, kpPk, kp);
      }
    });

    test('ML-DSA / ML-KEM SPKI with the NIST OIDs; PKCS#8 seed, expanded and both forms import; export is one of them', () => {
      const h = makeHost(backend);
      for (const s of SP.filter((x) => x.kind === 'mldsa' || x.kind === 'mlkem')) {
        const seed = u8(nc.randomBytes(s.seed!));
        const ref = s.kind === 'mldsa' ? mlDsa(s).keygen(seed) : mlKem(s).keygen(seed);
        const pk = ok(() => h.asym.Publickey.import(s.family, s.name, ref.publicKey, 'raw'), `${s.name}: raw public key`);
        eqHex(ok(() => pk.export('pkcs8'), `${s.name}: SPKI export`), mlSpki(s, ref.publicKey), `${s.name}: SPKI = SEQ{SEQ{OID}, BIT STRING pk}`);
        const pk2 = ok(() => h.asym.Publickey.import(s.family, s.name, mlSpki(s, ref.publicKey), 'pkcs8'), `${s.name}: SPKI import`);
        eqHex(pk2.export('raw'), ref.publicKey, `${s.name}: SPKI import`);
        for (const [form, inner] of [
          ['seed', mlPrivSeed(seed)],
          ['expandedKey', mlPrivExpanded(ref.secretKey)],
          ['both', mlPrivBoth(seed, ref.secretKey)],
        ] as const) {
          const der = mlPkcs8(s, inner);
          const sk = ok(() => h.asym.Secretkey.import(s.family, s.name, der, 'pkcs8'), `${s.name}: PKCS#8 ${form}`);
          eqHex(sk.export('raw'), ref.secretKey, `${s.name}: PKCS#8 ${form}: same key`);
          const sk2 = ok(() => h.asym.Secretkey.import(s.family, s.name, pem('PRIVATE KEY', der), 'pem'), `${s.name}: PEM ${form}`);
          eqHex(sk2.export('raw'), ref.secretKey, `${s.name}: PEM ${form}: same key`);
          // The export is a PrivateKeyInfo with the algorithm's OID and one of the three forms, consistent with the key.
          const out = der1(sk.export('pkcs8'));
          assert.equal(out.tag, 0x30);
          const [ver, algId, priv] = out.children;
          assert.equal(toHex(ver!.content), '00', `${s.name}: version 0 (v1)`);
          eqHex(algId!.content, mlOid(s), `${s.name}: algorithm identifier = OID, no parameters`);
          const choice = der1(priv!.content);
          if (choice.tag === 0x80) eqHex(choice.content, seed, `${s.name}: exported seed`);
          else if (choice.tag === 0x04) eqHex(choice.content, ref.secretKey, `${s.name}: exported expandedKey`);
          else {
            assert.equal(choice.tag, 0x30, `${s.name}: exported private key CHOICE`);
            eqHex(choice.children[0]!.content, seed, `${s.name}: exported both.seed`);
            eqHex(choice.children[1]!.content, ref.secretKey, `${s.name}: exported both.expandedKey`);
          }
          drop(sk, sk2);
        }
        // `both` with a seed that does not give the expanded key → invalid-key.
        throwsCodeL(
          () => h.asym.Secretkey.import(s.family, s.name, mlPkcs8(s, mlPrivBoth(flip(seed, 0), ref.secretKey)), 'pkcs8'),
          'invalid-key',
          `${s.name}: PKCS#8 both with inconsistent seed`,
        );
        drop(pk, pk2);
      }
    });

    // -----------------------------------------------------------------------------------------
    // invalid-key
    // -----------------------------------------------------------------------------------------

    test('invalid-key: raw keys of the wrong length (empty, truncated, extended) for every algorithm', () => {
      const h = makeHost(backend);
      const { Keypair, Publickey, Secretkey } = h.asym;
      for (const s of SP) {
        const enc = ENCODINGS[s.kind];
        const kp = mk(h, s);
        const { pk, sk } = keyForms(h, s, kp);
        const variants = (b: Uint8Array): [string, Uint8Array][] => [
          ['empty', new Uint8Array(0)],
          ['truncated', b.subarray(0, b.length - 1)],
          ['extended', cat(b, Uint8Array.of(0))],
          ['one byte', b.subarray(0, 1)],
        ];
        if (enc.kp.includes('raw')) {
          for (const [what, b] of variants(kp.export('raw'))) {
            if (s.seed && b.length === s.seed) continue;
            throwsCodeL(() => Keypair.import(s.family, s.name, b, 'raw'), 'invalid-key', `${s.name}: keypair raw ${what}`);
          }
        }
        if (enc.pk.includes('raw')) {
          for (const [what, b] of variants(pk.export('raw'))) throwsCodeL(() => Publickey.import(s.family, s.name, b, 'raw'), 'invalid-key', `${s.name}: publickey raw ${what}`);
        }
        if (enc.pk.includes('sec')) {
          for (const [what, b] of variants(pk.export('sec'))) throwsCodeL(() => Publickey.import(s.family, s.name, b, 'sec'), 'invalid-key', `${s.name}: publickey sec ${what}`);
        }
        if (enc.sk.includes('raw')) {
          for (const [what, b] of variants(sk.export('raw'))) {
            if (s.seed && b.length === s.seed) continue;
            throwsCodeL(() => Secretkey.import(s.family, s.name, b, 'raw'), 'invalid-key', `${s.name}: secretkey raw ${what}`);
          }
        }
        drop(pk, sk, kp);
      }
    });

    test('invalid-key: malformed DER / PEM (truncated, trailing data, garbage, wrong armour) for every algorithm', () => {
      const h = makeHost(backend);
      const { Keypair, Publickey, Secretkey } = h.asym;
      for (const s of SP) {
        const enc = ENCODINGS[s.kind];
        const kp = mk(h, s);
        const { pk, sk } = keyForms(h, s, kp);
        const derVariants = (b: Uint8Array): [string, Uint8Array][] => [
          ['truncated by 1', b.subarray(0, b.length - 1)],
          ['half', b.subarray(0, b.length >> 1)],
          ['trailing byte', cat(b, Uint8Array.of(0))],
          ['outer tag changed', flip(b, 0, 0x01)],
          ['garbage', fill(b.length, 0x5a)],
          ['empty', new Uint8Array(0)],
        ];
        const pemVariants = (b: Uint8Array): [string, Uint8Array][] => {
          const s2 = Buffer.from(b).toString('latin1');
          return [
            ['truncated', b.subarray(0, b.length - 30)],
            ['no armour', utf8(s2.replace(/-----[^-]+-----/g, ''))],
            ['base64 garbage', utf8(s2.replace(/\n[A-Za-z0-9+/]{8}/, '\n********'))],
            ['DER instead of PEM', unpem(b).der],
          ];
        };
        const cases: [string, (b: Uint8Array) => unknown, Uint8Array | undefined, 'der' | 'pem'][] = [
          ['keypair pkcs8', (b) => Keypair.import(s.family, s.name, b, 'pkcs8'), enc.kp.includes('pkcs8') ? kp.export('pkcs8') : undefined, 'der'],
          ['keypair pem', (b) => Keypair.import(s.family, s.name, b, 'pem'), enc.kp.includes('pem') ? kp.export('pem') : undefined, 'pem'],
          ['publickey pkcs8', (b) => Publickey.import(s.family, s.name, b, 'pkcs8'), enc.pk.includes('pkcs8') ? pk.export('pkcs8') : undefined, 'der'],
          ['publickey pem', (b) => Publickey.import(s.family, s.name, b, 'pem'), enc.pk.includes('pem') ? pk.export('pem') : undefined, 'pem'],
          ['secretkey pkcs8', (b) => Secretkey.import(s.family, s.name, b, 'pkcs8'), enc.sk.includes('pkcs8') ? sk.export('pkcs8') : undefined, 'der'],
          ['secretkey pem', (b) => Secretkey.import(s.family, s.name, b, 'pem'), enc.sk.includes('pem') ? sk.export('pem') : undefined, 'pem'],
          ['secretkey sec', (b) => Secretkey.import(s.family, s.name, b, 'sec'), enc.sk.includes('sec') ? sk.export('sec') : undefined, 'der'],
        ];
        for (const [what, imp, valid, kind] of cases) {
          if (!valid) continue;
          for (const [v, b] of kind === 'der' ? derVariants(valid) : pemVariants(valid)) {
            throwsCodeL(() => drop(imp(b)), 'invalid-key', `${s.name}: ${what} ${v}`);
          }
        }
        // Wrong armour: a public key in PRIVATE KEY armour, a secret key in PUBLIC KEY armour.
        if (enc.pk.includes('pem')) {
          throwsCodeL(() => Publickey.import(s.family, s.name, pem('PRIVATE KEY', pk.export('pkcs8')), 'pem'), 'invalid-key', `${s.name}: SPKI in PRIVATE KEY armour`);
          throwsCodeL(() => Secretkey.import(s.family, s.name, pem('PUBLIC KEY', sk.export('pkcs8')), 'pem'), 'invalid-key', `${s.name}: PKCS#8 in PUBLIC KEY armour`);
          // A public key is not a secret key and vice versa.
          throwsCodeL(() => Secretkey.import(s.family, s.name, pk.export('pkcs8'), 'pkcs8'), 'invalid-key', `${s.name}: SPKI as a secret key`);
          throwsCodeL(() => Publickey.import(s.family, s.name, sk.export('pkcs8'), 'pkcs8'), 'invalid-key', `${s.name}: PKCS#8 as a public key`);
        }
        drop(pk, sk, kp);
      }
    });

    test('invalid-key: DER of another algorithm or curve (wrong OID)', () => {
      const h = makeHost(backend);
      const withPkcs8 = SP.filter((s) => ENCODINGS[s.kind].pk.includes('pkcs8'));
      const exported = new Map<string, { spki: Uint8Array; p8: Uint8Array }>();
      for (const s of withPkcs8) {
        const kp = mk(h, s);
        const { pk, sk } = keyForms(h, s, kp);
        exported.set(s.name, { spki: ok(() => pk.export('pkcs8'), `${s.name} spki`), p8: ok(() => sk.export('pkcs8'), `${s.name} pkcs8`) });
        drop(pk, sk, kp);
      }
      /** Keys of the same curve/key type that legitimately share a DER form (ECDSA vs ECDH on the same curve, RSA schemes). */
      const sameKeyType = (a: Spec, b: Spec): boolean =>
        (a.curve !== undefined && a.curve === b.curve) || (a.kind === 'rsa' && b.kind === 'rsa');
      for (const a of withPkcs8) {
        for (const b of withPkcs8) {
          if (a === b || sameKeyType(a, b)) continue;
          const d = exported.get(b.name)!;
          throwsCodeL(() => h.asym.Publickey.import(a.family, a.name, d.spki, 'pkcs8'), 'invalid-key', `${b.name} SPKI imported as ${a.name}`);
          throwsCodeL(() => h.asym.Secretkey.import(a.family, a.name, d.p8, 'pkcs8'), 'invalid-key', `${b.name} PKCS#8 imported as ${a.name}`);
        }
      }
      // EC: a SEC1 ECPrivateKey naming another curve.
      const n384 = nc.generateKeyPairSync('ec', { namedCurve: 'secp384r1' });
      const sec384 = u8(n384.privateKey.export({ type: 'sec1', format: 'der' }));
      throwsCode(() => h.asym.Secretkey.import('signatures', 'ECDSA_P256_SHA256', sec384, 'sec'), 'invalid-key');
      const n256 = nc.generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
      throwsCode(() => h.asym.Secretkey.import('signatures', 'ECDSA_K256_SHA256', u8(n256.privateKey.export({ type: 'sec1', format: 'der' })), 'sec'), 'invalid-key');
      assert.equal(h.host.stats().handles.total, 0);
    });

    test('invalid-key: EC points off the curve, the identity, bad prefixes, x ≥ p, x without a point', () => {
      const h = makeHost(backend);
      for (const s of SP.filter((x) => x.curve)) {
        const c = s.curve!;
        const kp = mk(h, s);
        const pk = kp.publickey();
        const unc = pk.export('sec');
        const bad: [string, Uint8Array][] = [
          ['off-curve (y+1)', flip(unc, -1)],
          ['identity (00)', Uint8Array.of(0)],
          ['identity padded', cat(Uint8Array.of(0), new Uint8Array(2 * c.size))],
          ['prefix 05', cat(Uint8Array.of(5), unc.subarray(1))],
          ['hybrid prefix 06', cat(Uint8Array.of(6 + (unc[unc.length - 1]! & 1)), unc.subarray(1))],
          ['compressed x = p', cat(Uint8Array.of(2), bigToBytes(c.p, c.size))],
          ['compressed x = p + 1', cat(Uint8Array.of(2), bigToBytes(c.p + 1n, c.size))],
          ['compressed x with no point', xWithoutPoint(c)],
          ['uncompressed x = p', cat(Uint8Array.of(4), bigToBytes(c.p, c.size), unc.subarray(1 + c.size))],
          ['zeros', new Uint8Array(unc.length)],
        ];
        for (const [what, b] of bad) {
          for (const e of ['sec', 'raw'] as const) {
            throwsCodeL(() => h.asym.Publickey.import(s.family, s.name, b, e), 'invalid-key', `${s.name}: ${what} as ${e}`);
          }
          throwsCodeL(() => h.asym.Publickey.import(s.family, s.name, ecSpki(c, b), 'pkcs8'), 'invalid-key', `${s.name}: ${what} in SPKI`);
        }
        drop(pk, kp);
      }
    });

    test('invalid-key: EC scalars 0, n, n+1, 2^k−1 in raw, sec, pkcs8 and key-pair forms', () => {
      const h = makeHost(backend);
      for (const s of SP.filter((x) => x.curve)) {
        const c = s.curve!;
        for (const [what, d] of [
          ['0', new Uint8Array(c.size)],
          ['n', bigToBytes(c.n, c.size)],
          ['n + 1', bigToBytes(c.n + 1n, c.size)],
          ['all ones', fill(c.size, 0xff)],
        ] as const) {
          throwsCodeL(() => h.asym.Secretkey.import(s.family, s.name, d, 'raw'), 'invalid-key', `${s.name}: secret scalar ${what} raw`);
          throwsCodeL(() => h.asym.Keypair.import(s.family, s.name, d, 'raw'), 'invalid-key', `${s.name}: key pair scalar ${what} raw`);
          throwsCodeL(() => h.asym.Secretkey.import(s.family, s.name, ecPrivateKey(c, d), 'sec'), 'invalid-key', `${s.name}: secret scalar ${what} sec`);
          throwsCodeL(() => h.asym.Secretkey.import(s.family, s.name, ecPkcs8(c, d), 'pkcs8'), 'invalid-key', `${s.name}: secret scalar ${what} pkcs8`);
          throwsCodeL(() => h.asym.Keypair.import(s.family, s.name, ecPkcs8(c, d), 'pkcs8'), 'invalid-key', `${s.name}: key pair scalar ${what} pkcs8`);
        }
        // n − 1 is the largest valid scalar: it imports, and its public key is −G.
        const nm1 = bigToBytes(c.n - 1n, c.size);
        const sk = ok(() => h.asym.Secretkey.import(s.family, s.name, nm1, 'raw'), `${s.name}: scalar n − 1`);
        const pk = h.asym.Publickey.fromSecretkey(sk);
        eqHex(pk.export('sec'), c.noble.getPublicKey(nm1, false), `${s.name}: public key of n − 1`);
        // A test-built ECPrivateKey (params + public key) imports like node's.
        const sk2 = ok(() => h.asym.Secretkey.import(s.family, s.name, ecPrivateKey(c, nm1, c.noble.getPublicKey(nm1, false)), 'sec'), `${s.name}: test-built ECPrivateKey`);
        eqHex(sk2.export('raw'), nm1, `${s.name}: ECPrivateKey scalar`);
        // PKCS#8 whose ECPrivateKey has neither parameters nor public key (both are optional).
        const kp3 = ok(() => h.asym.Keypair.import(s.family, s.name, ecPkcs8(c, nm1), 'pkcs8'), `${s.name}: minimal PKCS#8`);
        const kp3Pk = kp3.publickey();
        eqHex(kp3Pk.export('sec'), c.noble.getPublicKey(nm1, false), `${s.name}: minimal PKCS#8 public key`);
        drop(sk, pk, sk2, kp3, kp3Pk);
      }
    });

    test('invalid-key: a key pair whose public half does not belong to the secret half (raw, pkcs8, sec)', () => {
      const h = makeHost(backend);
      // Ed25519 raw = seed ‖ pk; X25519 raw = pk ‖ sk.
      for (const s of SP.filter((x) => x.kind === 'ed25519' || x.kind === 'x25519')) {
        const kp = mk(h, s);
        const raw = kp.export('raw');
        const pkOffset = s.kind === 'ed25519' ? 32 : 0;
        throwsCodeL(() => h.asym.Keypair.import(s.family, s.name, flip(raw, pkOffset + 5), 'raw'), 'invalid-key', `${s.name}: raw key pair with a mismatched public key`);
        // Ed25519: the documented layout is seed ‖ pk; X25519: pk ‖ sk (pk first).
        const swapped = cat(raw.subarray(32), raw.subarray(0, 32));
        throwsCodeL(() => h.asym.Keypair.import(s.family, s.name, swapped, 'raw'), 'invalid-key', `${s.name}: raw key pair halves swapped`);
        drop(kp);
      }
      // X25519 raw layout is pk ‖ sk: check against node.
      {
        const s = spec('X25519');
        const n = nodeKeys(s);
        const pkR = nodeRawPublic(s, n.publicKey);
        const skR = nodeRawSecret(s, n.privateKey);
        const kp = ok(() => h.asym.Keypair.import('key-exchange', 'X25519', cat(pkR, skR), 'raw'), 'X25519 raw key pair pk ‖ sk');
        const sk = kp.secretkey();
        eqHex(sk.export('raw'), skR, 'X25519 key pair: secret half');
        drop(sk, kp);
      }
      // EC: a PKCS#8 / SEC1 ECPrivateKey whose publicKey field is another key's.
      for (const s of SP.filter((x) => x.curve)) {
        const a = nodeKeys(s);
        const b = nodeKeys(s);
        const bPub = nodeRawPublic(s, b.publicKey);
        const sec1 = u8(a.privateKey.export({ type: 'sec1', format: 'der' }));
        const bad = cat(sec1.subarray(0, sec1.length - bPub.length), bPub);
        throwsCodeL(() => h.asym.Keypair.import(s.family, s.name, pem('EC PRIVATE KEY', bad), 'pem'), 'invalid-key', `${s.name}: ECPrivateKey with another public key (key pair)`);
        throwsCodeL(() => h.asym.Secretkey.import(s.family, s.name, bad, 'sec'), 'invalid-key', `${s.name}: ECPrivateKey with another public key (secret key)`);
        const p8 = u8(a.privateKey.export({ type: 'pkcs8', format: 'der' }));
        const badP8 = cat(p8.subarray(0, p8.length - bPub.length), bPub);
        throwsCodeL(() => h.asym.Keypair.import(s.family, s.name, badP8, 'pkcs8'), 'invalid-key', `${s.name}: PKCS#8 with another public key`);
      }
    });

    test('invalid-key: Ed25519 public key that is not a point; Ed25519 / X25519 wrong-OID PKCS#8', () => {
      const h = makeHost(backend);
      const notPoint = ed25519NotAPoint();
      throwsCode(() => h.asym.Publickey.import('signatures', 'Ed25519', notPoint, 'raw'), 'invalid-key');
      throwsCode(() => h.asym.Publickey.import('signatures', 'Ed25519', SEQ(SEQ(OID.ed25519), BIT(notPoint)), 'pkcs8'), 'invalid-key');
      const seed = u8(nc.randomBytes(32));
      throwsCode(() => h.asym.Secretkey.import('signatures', 'Ed25519', SEQ(INT(0), SEQ(OID.x25519), OCT(OCT(seed))), 'pkcs8'), 'invalid-key');
      throwsCode(() => h.asym.Secretkey.import('key-exchange', 'X25519', SEQ(INT(0), SEQ(OID.ed25519), OCT(OCT(seed))), 'pkcs8'), 'invalid-key');
      // Inner OCTET STRING of the wrong size.
      throwsCode(() => h.asym.Secretkey.import('signatures', 'Ed25519', SEQ(INT(0), SEQ(OID.ed25519), OCT(OCT(seed.subarray(0, 31)))), 'pkcs8'), 'invalid-key');
      // The test-built v1 form imports (sanity check of the builder).
      const sk = ok(() => h.asym.Secretkey.import('signatures', 'Ed25519', SEQ(INT(0), SEQ(OID.ed25519), OCT(OCT(seed))), 'pkcs8'), 'test-built Ed25519 PKCS#8');
      eqHex(sk.export('raw'), seed, 'seed');
      drop(sk);
    });

    if (backend === 'node') {
      test('invalid-key: RSA modulus below the named size or above 4096 bits; larger than named is fine (node host)', () => {
        const h = makeHost(backend);
        const k1024 = rsaDer(RSA1024());
        const k2048 = rsaDer(RSA2048());
        for (const name of ['RSA_PKCS1_2048_SHA256', 'RSA_PSS_2048_SHA512']) {
          throwsCodeL(() => h.asym.Publickey.import('signatures', name, k1024.spki, 'pkcs8'), 'invalid-key', `${name}: 1024-bit SPKI`);
          throwsCodeL(() => h.asym.Keypair.import('signatures', name, k1024.pkcs8, 'pkcs8'), 'invalid-key', `${name}: 1024-bit key pair`);
          throwsCodeL(() => h.asym.Secretkey.import('signatures', name, k1024.pkcs8, 'pkcs8'), 'invalid-key', `${name}: 1024-bit secret key`);
        }
        for (const name of RSA_NAMES.filter((n) => !n.includes('_2048_'))) {
          throwsCodeL(() => h.asym.Publickey.import('signatures', name, k2048.spki, 'pkcs8'), 'invalid-key', `${name}: 2048-bit SPKI`);
          throwsCodeL(() => h.asym.Keypair.import('signatures', name, k2048.pkcs8, 'pkcs8'), 'invalid-key', `${name}: 2048-bit key pair`);
        }
        // > 4096 bits: a 4104-bit modulus (test-built; no key generation needed for a public key).
        const n = cat(Uint8Array.of(0xc1), u8(nc.randomBytes(512)));
        n[n.length - 1]! |= 1;
        const big = SEQ(SEQ(OID.rsaEncryption, NULL), BIT(SEQ(INT(n), INT(hex('010001')))));
        for (const name of ['RSA_PKCS1_4096_SHA256', 'RSA_PSS_4096_SHA512', 'RSA_PKCS1_2048_SHA256']) {
          throwsCodeL(() => h.asym.Publickey.import('signatures', name, big, 'pkcs8'), 'invalid-key', `${name}: 4104-bit modulus`);
        }
        // A 3072-bit key under a 2048 name: at least the named size → accepted, and it signs.
        const k3072 = rsaDer(RSA3072());
        const kp = ok(() => h.asym.Keypair.import('signatures', 'RSA_PKCS1_2048_SHA256', k3072.pkcs8, 'pkcs8'), '3072-bit key as RSA_PKCS1_2048_SHA256');
        const sig = h.signatures.sign(kp, MSG);
        assert.equal(sig.length, 384, 'signature is modulus-size bytes');
        assert.ok(nc.verify('sha256', MSG, RSA3072().publicKey, sig));
        drop(kp);
        // Not RSA at all, and a PKCS#8 whose key does not match its SPKI.
        throwsCode(() => h.asym.Publickey.import('signatures', 'RSA_PKCS1_2048_SHA256', u8(nc.generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey.export({ type: 'spki', format: 'der' })), 'pkcs8'), 'invalid-key');
        const pkB = h.asym.Publickey.import('signatures', 'RSA_PKCS1_2048_SHA256', rsaDer(RSA2048B()).spki, 'pkcs8');
        const skA = h.asym.Secretkey.import('signatures', 'RSA_PKCS1_2048_SHA256', k2048.pkcs8, 'pkcs8');
        throwsCode(() => h.asym.Keypair.fromPkAndSk(pkB, skA), 'incompatible-keys');
        drop(pkB, skA);
      });
    }

    test('invalid-key: ML-KEM public key failing the FIPS 203 modulus check; decapsulation key with a bad H(ek); X-Wing', () => {
      const h = makeHost(backend);
      for (const s of SP.filter((x) => x.kind === 'mlkem' || x.kind === 'xwing')) {
        const seed = u8(nc.randomBytes(s.seed!));
        const ref = refKem(s).keygen(seed);
        // First 12-bit coefficient := 4095 ≥ q.
        const badPk = Uint8Array.from(ref.publicKey);
        badPk[0] = 0xff;
        badPk[1] = badPk[1]! | 0x0f;
        let pk: Publickey | undefined;
        try {
          pk = h.asym.Publickey.import('key-exchange', s.name, badPk, 'raw');
        } catch (e) {
          assert.equal((e as { payload?: unknown }).payload, 'invalid-key', `${s.name}: import of a non-reduced key`);
        }
        if (pk) {
          throwsCodeL(() => pk!.verify(), 'invalid-key', `${s.name}: publickey.verify of a non-reduced key`);
          throwsOneOf(() => h.kx.encapsulate(pk!), ['invalid-key'], `${s.name}: encapsulate to a non-reduced key`);
          drop(pk);
        }
        if (s.kind === 'mlkem') {
          // dk = dkPKE ‖ ek ‖ H(ek) ‖ z: corrupt H(ek).
          const badSk = flip(ref.secretKey, ref.secretKey.length - 64);
          throwsCodeL(() => h.asym.Secretkey.import('key-exchange', s.name, badSk, 'raw'), 'invalid-key', `${s.name}: dk with a wrong H(ek)`);
          throwsCodeL(() => h.asym.Keypair.import('key-exchange', s.name, badSk, 'raw'), 'invalid-key', `${s.name}: key pair dk with a wrong H(ek)`);
          // dk whose embedded ek fails the modulus check.
          const k = s.pk - 32;
          const badEk = Uint8Array.from(ref.secretKey);
          badEk[k] = 0xff;
          badEk[k + 1] = badEk[k + 1]! | 0x0f;
          throwsCodeL(() => h.asym.Secretkey.import('key-exchange', s.name, badEk, 'raw'), 'invalid-key', `${s.name}: dk with a non-reduced ek`);
        }
      }
    });

    // -----------------------------------------------------------------------------------------
    // publickey.verify, from-secretkey, from-pk-and-sk, lifetimes
    // -----------------------------------------------------------------------------------------

    test('publickey.verify accepts every valid key; publickey.from-secretkey equals the key pair public key', () => {
      const h = makeHost(backend);
      for (const s of SP) {
        const kp = mk(h, s);
        const { pk, sk, pkC } = keyForms(h, s, kp);
        ok(() => pk.verify(), `${s.name}: publickey.verify`);
        const derived = ok(() => h.asym.Publickey.fromSecretkey(sk), `${s.name}: from-secretkey`);
        eqHex(canonPk(s, derived), pkC, `${s.name}: from-secretkey`);
        assert.equal(derived.algorithm(), s.name);
        drop(pk, sk, derived, kp);
      }
    });

    test('Ed25519 publickey.verify: the identity, small-order and mixed-order points, non-canonical encodings → invalid-key', () => {
      const h = makeHost(backend);
      const p = (1n << 255n) - 19n;
      const le = (n: bigint): Uint8Array => bigToBytes(n, 32).reverse();
      const kp = mk(h, spec('Ed25519'));
      const pk = kp.publickey();
      const torsion = ed25519.Point.fromBytes(hex(ED25519_SMALL_ORDER[4]!));
      const mixed = ed25519.Point.fromBytes(pk.export('raw')).add(torsion).toBytes();
      assert.ok(!ed25519.Point.fromBytes(mixed).isTorsionFree(), '(sanity) the mixed point has a torsion component');
      const cases: [string, Uint8Array][] = [
        ...ED25519_SMALL_ORDER.map((x, i): [string, Uint8Array] => [`small order #${i}`, hex(x)]),
        ['not in the prime-order subgroup (pk + T8)', mixed],
        ['non-canonical y = p + 3', le(p + 3n)],
        ['non-canonical y = p + 1 (identity)', le(p + 1n)],
        ['x = 0 with the sign bit set (y = 1)', flip(le(1n), 31, 0x80)],
      ];
      const problems: string[] = [];
      for (const [what, b] of cases) {
        let imported: Publickey | undefined;
        try {
          imported = h.asym.Publickey.import('signatures', 'Ed25519', b, 'raw');
        } catch (e) {
          const code = (e as { payload?: unknown }).payload;
          if (code !== 'invalid-key') problems.push(`${what}: import → ${String(code ?? e)}`);
          continue;
        }
        try {
          imported.verify();
          problems.push(`${what} (${toHex(b)}): import and publickey.verify both succeed`);
        } catch (e) {
          const code = (e as { payload?: unknown }).payload;
          if (code !== 'invalid-key') problems.push(`${what}: publickey.verify → ${String(code ?? e)}`);
        }
        drop(imported);
      }
      drop(pk, kp);
      assert.deepEqual(problems, [], `Ed25519 public keys that must not pass publickey.verify:\n  ${problems.join('\n  ')}`);
    });

    test('a failing random source → rng-error (generate, hedged signing, encapsulation), never a trap', () => {
      const h = makeHost(backend, {
        random: () => {
          throw new Error('entropy source unavailable');
        },
      });
      const good = makeHost(backend);
      for (const s of SP.filter((x) => x.kind !== 'rsa')) {
        throwsCodeL(() => h.asym.Keypair.generate(s.family, s.name, undefined), 'rng-error', `${s.name}: generate`);
        const kp = mk(good, s);
        const raw = kp.export(ENCODINGS[s.kind].kp[0]!);
        const mine = h.asym.Keypair.import(s.family, s.name, raw, ENCODINGS[s.kind].kp[0]!);
        if (s.kind === 'mldsa') throwsCodeL(() => h.signatures.sign(mine, MSG), 'rng-error', `${s.name}: hedged signing`);
        if (s.kind === 'ecdsa' && backend === 'noble') throwsCodeL(() => h.signatures.sign(mine, MSG), 'rng-error', `${s.name}: hedged signing (portable host)`);
        if (s.kind === 'ed25519') ok(() => h.signatures.sign(mine, MSG), 'Ed25519 signing needs no randomness');
        if (s.ct) {
          const pk = mine.publickey();
          throwsCodeL(() => h.kx.encapsulate(pk), 'rng-error', `${s.name}: encapsulate`);
          drop(pk);
        }
        drop(kp, mine);
      }
      h.host[Symbol.dispose]();
      good.host[Symbol.dispose]();
    });

    test('X25519 small-order public keys: publickey.verify → invalid-key, dh → invalid-key', () => {
      const h = makeHost(backend);
      const kp = mk(h, spec('X25519'));
      const sk = kp.secretkey();
      for (const p of X25519_SMALL_ORDER) {
        let pk: Publickey | undefined;
        try {
          pk = h.asym.Publickey.import('key-exchange', 'X25519', hex(p), 'raw');
        } catch (e) {
          assert.equal((e as { payload?: unknown }).payload, 'invalid-key', `import of small-order ${p}`);
          continue;
        }
        throwsCodeL(() => pk!.verify(), 'invalid-key', `verify small-order ${p}`);
        throwsCodeL(() => h.kx.dh(pk!, sk), 'invalid-key', `dh with small-order ${p}`);
        drop(pk);
      }
      drop(sk, kp);
    });

    test('from-pk-and-sk: the matching pair works; a mismatched pair or different algorithms → incompatible-keys', () => {
      const h = makeHost(backend);
      const made = SP.map((s) => {
        const kp = mk(h, s);
        return { s, kp, ...keyForms(h, s, kp) };
      });
      for (const { s, pk, sk, pkC } of made) {
        const kp2 = ok(() => h.asym.Keypair.fromPkAndSk(pk, sk), `${s.name}: from-pk-and-sk`);
        assert.equal(kp2.algorithm(), s.name);
        const p = kp2.publickey();
        eqHex(canonPk(s, p), pkC, `${s.name}: from-pk-and-sk public key`);
        drop(p, kp2);
        if (s.kind === 'rsa') continue; // the mismatch case needs a second RSA key: in the RSA test.
        const other = mk(h, s);
        const otherPk = other.publickey();
        throwsCodeL(() => h.asym.Keypair.fromPkAndSk(otherPk, sk), 'incompatible-keys', `${s.name}: from-pk-and-sk with another key's public key`);
        drop(otherPk, other);
      }
      // EC: a public key imported in compressed form matches its secret key.
      for (const { s, pk, sk } of made.filter((m) => m.s.curve)) {
        const compressed = h.asym.Publickey.import(s.family, s.name, pk.export('raw'), 'raw');
        drop(ok(() => h.asym.Keypair.fromPkAndSk(compressed, sk), `${s.name}: from-pk-and-sk with a compressed-imported public key`));
        drop(compressed);
      }
      for (const a of made) {
        for (const b of made) {
          if (a.s === b.s) continue;
          throwsCodeL(() => h.asym.Keypair.fromPkAndSk(a.pk, b.sk), 'incompatible-keys', `from-pk-and-sk(${a.s.name} pk, ${b.s.name} sk)`);
        }
      }
      for (const m of made) drop(m.pk, m.sk, m.kp);
      assert.equal(h.host.stats().handles.total, 0);
    });

    test('keypair.publickey() / secretkey() outlive the key pair and stay usable', () => {
      const h = makeHost(backend);
      for (const s of SP) {
        const kp = mk(h, s);
        const pk = kp.publickey();
        const sk = kp.secretkey();
        const pkC = canonPk(s, pk);
        const skC = canonSk(s, sk);
        drop(kp);
        eqHex(canonPk(s, pk), pkC, `${s.name}: public key after the key pair dropped`);
        eqHex(canonSk(s, sk), skC, `${s.name}: secret key after the key pair dropped`);
        if (s.sig) {
          const kp2 = h.asym.Keypair.fromPkAndSk(pk, sk);
          ok(() => h.signatures.verify(pk, MSG, h.signatures.sign(kp2, MSG)), `${s.name}: sign with the rebuilt pair`);
          drop(kp2);
        } else if (s.ct) {
          const e = h.kx.encapsulate(pk);
          eqHex(h.kx.decapsulate(sk, e.ciphertext), e.secret, `${s.name}: decapsulate after the key pair dropped`);
        } else {
          const peer = mk(h, s);
          const peerPk = peer.publickey();
          const peerSk = peer.secretkey();
          eqHex(h.kx.dh(peerPk, sk), h.kx.dh(pk, peerSk), `${s.name}: dh after the key pair dropped`);
          drop(peerPk, peerSk, peer);
        }
        drop(pk, sk);
      }
      assert.equal(h.host.stats().handles.total, 0);
      assert.equal(h.host.stats().liveKeyMaterials, 0);
    });

    // -----------------------------------------------------------------------------------------
    // Signatures
    // -----------------------------------------------------------------------------------------

    test('every signature algorithm: host signatures verify independently; independent signatures verify on the host', () => {
      const h = makeHost(backend);
      for (const s of SIGS) {
        const kp = mk(h, s);
        const { pk, sk, pkC, skC } = keyForms(h, s, kp);
        const one = h.signatures.sign(kp, MSG);
        assert.ok(refVerify(s, pkC, MSG, one), `${s.name}: one-shot signature verifies with ${s.kind === 'mldsa' ? 'noble' : 'node:crypto'}`);
        const st = h.signatures.SignatureState.open(kp, undefined);
        st.update(MSG.subarray(0, 7));
        st.update(MSG.subarray(7));
        const sig = st.sign();
        const raw = sig.export('raw');
        assert.equal(raw.length, s.sig, `${s.name}: raw signature length`);
        assert.ok(refVerify(s, pkC, MSG, raw), `${s.name}: streamed signature verifies independently`);
        assert.ok(!refVerify(s, pkC, utf8('other'), raw), `${s.name}: (sanity) not over another message`);
        const theirs = refSign(s, skC, pkC, MSG);
        ok(() => h.signatures.verify(pk, MSG, theirs), `${s.name}: host verifies an independent signature (one-shot)`);
        const vs = h.signatures.SignatureVerificationState.open(pk, undefined);
        vs.update(MSG);
        const theirsObj = h.signatures.Signature.import(s.name, theirs, 'raw');
        ok(() => vs.verify(theirsObj), `${s.name}: host verifies an independent signature (state)`);
        drop(theirsObj, vs, sig, st, pk, sk, kp);
      }
      assert.equal(h.host.stats().handles.total, 0);
    });

    test('verification-failed for a well-formed signature that does not verify; invalid-signature for a malformed one', () => {
      const h = makeHost(backend);
      const made = SIGS.map((s) => {
        const kp = mk(h, s);
        const pk = kp.publickey();
        return { s, kp, pk, sig: h.signatures.sign(kp, MSG) };
      });
      for (const { s, pk, sig } of made) {
        throwsCodeL(() => h.signatures.verify(pk, utf8('another message'), sig), 'verification-failed', `${s.name}: other message`);
        throwsCodeL(() => h.signatures.verify(pk, MSG, flip(sig, 10)), 'verification-failed', `${s.name}: flipped bit`);
        throwsCodeL(() => h.signatures.verify(pk, MSG, sig.subarray(0, sig.length - 1)), 'invalid-signature', `${s.name}: truncated (one-shot)`);
        throwsCodeL(() => h.signatures.verify(pk, MSG, cat(sig, Uint8Array.of(0))), 'invalid-signature', `${s.name}: extended (one-shot)`);
        throwsCodeL(() => h.signatures.verify(pk, MSG, new Uint8Array(0)), 'invalid-signature', `${s.name}: empty (one-shot)`);
        // RSA signatures are modulus-size bytes and a key may be larger than the named size, so a
        // length can only be judged against the key: at import (fixed-length algorithms) or at verify.
        for (const [what, b] of [
          ['truncated', sig.subarray(1)],
          ['extended', cat(sig, Uint8Array.of(0))],
        ] as const) {
          throwsCodeL(
            () => {
              const o = h.signatures.Signature.import(s.name, b, 'raw');
              const vs = h.signatures.SignatureVerificationState.open(pk, undefined);
              vs.update(MSG);
              try {
                vs.verify(o);
              } finally {
                drop(vs, o);
              }
            },
            'invalid-signature',
            `${s.name}: ${what} signature object`,
          );
          if (s.kind !== 'rsa') throwsCodeL(() => h.signatures.Signature.import(s.name, b, 'raw'), 'invalid-signature', `${s.name}: import ${what}`);
        }
        // A signature object of another algorithm → invalid-signature.
        for (const o of made) {
          if (o.s === s) continue;
          const other = h.signatures.Signature.import(o.s.name, o.sig, 'raw');
          const vs = h.signatures.SignatureVerificationState.open(pk, undefined);
          vs.update(MSG);
          throwsCodeL(() => vs.verify(other), 'invalid-signature', `${s.name} state verifying a ${o.s.name} signature`);
          drop(vs, other);
        }
      }
      // A 64-byte Ed25519 signature imported as ECDSA_P256_SHA256 raw is well-formed: verification-failed.
      const ed = made.find((m) => m.s.name === 'Ed25519')!;
      const p256m = made.find((m) => m.s.name === 'ECDSA_P256_SHA256')!;
      throwsCode(() => h.signatures.verify(p256m.pk, MSG, ed.sig), 'verification-failed');
      for (const m of made) drop(m.pk, m.kp);
      assert.equal(h.host.stats().handles.total, 0);
    });

    test('signature encodings: raw everywhere, der for ECDSA only; export returns fresh bytes', () => {
      const h = makeHost(backend);
      for (const s of SIGS) {
        const kp = mk(h, s);
        const st = h.signatures.SignatureState.open(kp, undefined);
        st.update(MSG);
        const sig = st.sign();
        const raw = sig.export('raw');
        const sig2 = ok(() => h.signatures.Signature.import(s.name, raw, 'raw'), `${s.name}: import raw`);
        eqHex(sig2.export('raw'), raw, `${s.name}: raw round trip`);
        const e1 = sig.export('raw');
        e1.fill(0);
        eqHex(sig.export('raw'), raw, `${s.name}: signature export aliases internal bytes`);
        if (s.kind === 'ecdsa') {
          const der = ok(() => sig.export('der'), `${s.name}: export der`);
          // node reads the DER form.
          const kpPk = kp.publickey();
          const pkC = canonPk(s, kpPk);
          drop(kpPk);
          assert.ok(nc.verify(s.hash!, MSG, { key: nodePublic(s, pkC), dsaEncoding: 'der' }, der), `${s.name}: node verifies the DER export`);
          const sig3 = ok(() => h.signatures.Signature.import(s.name, der, 'der'), `${s.name}: import der`);
          eqHex(sig3.export('raw'), raw, `${s.name}: der → raw`);
          eqHex(sig3.export('der'), der, `${s.name}: der round trip`);
          drop(sig3);
        } else {
          throwsCodeL(() => sig.export('der'), 'unsupported-encoding', `${s.name}: export der`);
          throwsCodeL(() => h.signatures.Signature.import(s.name, raw, 'der'), 'unsupported-encoding', `${s.name}: import der`);
        }
        drop(sig, sig2, st, kp);
      }
    });

    test('ECDSA: node DER signatures import; non-canonical DER → invalid-signature; high-S accepted; r, s ∉ [1, n−1] never verify', () => {
      const h = makeHost(backend);
      for (const s of SIGS.filter((x) => x.kind === 'ecdsa')) {
        const c = s.curve!;
        const n = nodeKeys(s);
        const pk = h.asym.Publickey.import(s.family, s.name, nodeRawPublic(s, n.publicKey), 'sec');
        const der = u8(nc.sign(s.hash!, MSG, { key: n.privateKey, dsaEncoding: 'der' }));
        const sigObj = ok(() => h.signatures.Signature.import(s.name, der, 'der'), `${s.name}: node DER signature`);
        const vs = h.signatures.SignatureVerificationState.open(pk, undefined);
        vs.update(MSG);
        ok(() => vs.verify(sigObj), `${s.name}: node DER signature verifies`);
        const raw = sigObj.export('raw');
        const r = raw.subarray(0, c.size);
        const sv = raw.subarray(c.size);
        // Our own canonical DER equals node's.
        eqHex(SEQ(INT(r), INT(sv)), der, `${s.name}: (sanity) test DER builder`);
        const rInt = INT(r);
        const sInt = INT(sv);
        const nonCanonical: [string, Uint8Array][] = [
          ['trailing byte', cat(der, Uint8Array.of(0))],
          ['truncated', der.subarray(0, der.length - 1)],
          ['long-form SEQUENCE length', cat(Uint8Array.of(0x30, 0x81, rInt.length + sInt.length), rInt, sInt)],
          ['r with a superfluous leading zero', SEQ(tlv(0x02, Uint8Array.of(0), rInt.subarray(2)), sInt)],
          ['negative r (pad removed)', SEQ(tlv(0x02, fill(1, 0x80), r), sInt)],
          ['SET instead of SEQUENCE', tlv(0x31, rInt, sInt)],
          ['three integers', SEQ(rInt, sInt, INT(1))],
          ['one integer', SEQ(rInt)],
          ['r longer than the curve', SEQ(INT(cat(Uint8Array.of(1), r)), sInt)],
          ['BIT STRING instead of INTEGER', SEQ(tlv(0x03, r), sInt)],
          ['empty', new Uint8Array(0)],
        ];
        for (const [what, b] of nonCanonical) {
          throwsCodeL(() => h.signatures.Signature.import(s.name, b, 'der'), 'invalid-signature', `${s.name}: DER ${what}`);
        }
        // raw → der is minimal DER (leading zeros stripped, 0 pad for a set top bit); der → raw left-pads.
        for (const [what, rr, ss] of [
          ['r with leading zero bytes', cat(new Uint8Array(3), r.subarray(3)), sv],
          ['r = 1', bigToBytes(1n, c.size), sv],
          ['s with the top bit set', r, cat(Uint8Array.of(0x80 | sv[0]!), sv.subarray(1))],
        ] as const) {
          if (bytesToBig(ss) >= c.n) continue;
          const o = ok(() => h.signatures.Signature.import(s.name, cat(rr, ss), 'raw'), `${s.name}: raw ${what}`);
          eqHex(o.export('der'), SEQ(INT(rr), INT(ss)), `${s.name}: DER export of ${what} is minimal`);
          const back = ok(() => h.signatures.Signature.import(s.name, SEQ(INT(rr), INT(ss)), 'der'), `${s.name}: DER import of ${what}`);
          eqHex(back.export('raw'), cat(rr, ss), `${s.name}: DER → raw of ${what} is fixed width`);
          drop(o, back);
        }
        // High-S: (r, n − s) verifies (OpenSSL and Wycheproof accept it).
        const highS = bigToBytes(c.n - bytesToBig(sv), c.size);
        ok(() => h.signatures.verify(pk, MSG, cat(r, highS)), `${s.name}: high-S signature accepted`);
        ok(() => h.signatures.verify(pk, MSG, cat(r, sv)), `${s.name}: low form`);
        // r or s = 0 or ≥ n: never verifies (invalid-signature or verification-failed).
        for (const [what, b] of [
          ['r = 0', cat(new Uint8Array(c.size), sv)],
          ['s = 0', cat(r, new Uint8Array(c.size))],
          ['r = n', cat(bigToBytes(c.n, c.size), sv)],
          ['s = n', cat(r, bigToBytes(c.n, c.size))],
          ['s = n + s', cat(r, bigToBytes((c.n + bytesToBig(sv)) % (1n << BigInt(8 * c.size)), c.size))],
        ] as const) {
          throwsOneOf(() => h.signatures.verify(pk, MSG, b), ['invalid-signature', 'verification-failed'], `${s.name}: raw ${what}`);
          throwsOneOf(
            () => {
              const o = h.signatures.Signature.import(s.name, SEQ(INT(b.subarray(0, c.size)), INT(b.subarray(c.size))), 'der');
              try {
                const v = h.signatures.SignatureVerificationState.open(pk, undefined);
                v.update(MSG);
                try {
                  v.verify(o);
                } finally {
                  drop(v);
                }
              } finally {
                drop(o);
              }
            },
            ['invalid-signature', 'verification-failed'],
            `${s.name}: DER ${what}`,
          );
        }
        drop(vs, sigObj, pk);
      }
      assert.equal(h.host.stats().handles.total, 0);
    });

    if (backend === 'node') {
      test('RSA-PSS: salt length = hash length both ways; PKCS#1 v1.5 and PSS are not interchangeable (node host)', () => {
        const h = makeHost(backend);
        const d = rsaDer(RSA2048());
        for (const hash of ['SHA256', 'SHA384', 'SHA512']) {
          const nodeHash = hash.toLowerCase();
          const hlen = { sha256: 32, sha384: 48, sha512: 64 }[nodeHash]!;
          const pss = h.asym.Keypair.import('signatures', `RSA_PSS_2048_${hash}`, d.pkcs8, 'pkcs8');
          const pssPk = pss.publickey();
          const pkcs1 = h.asym.Keypair.import('signatures', `RSA_PKCS1_2048_${hash}`, d.pkcs8, 'pkcs8');
          const pkcs1Pk = pkcs1.publickey();
          const key = RSA2048();
          const pssSig = (saltLength: number) => u8(nc.sign(nodeHash, MSG, { key: key.privateKey, padding: nc.constants.RSA_PKCS1_PSS_PADDING, saltLength }));
          ok(() => h.signatures.verify(pssPk, MSG, pssSig(hlen)), `PSS ${hash}: node signature with salt = hash length`);
          throwsCodeL(() => h.signatures.verify(pssPk, MSG, pssSig(0)), 'verification-failed', `PSS ${hash}: salt length 0`);
          throwsCodeL(() => h.signatures.verify(pssPk, MSG, pssSig(hlen + 1)), 'verification-failed', `PSS ${hash}: salt length hLen + 1`);
          const hostPss = h.signatures.sign(pss, MSG);
          assert.ok(nc.verify(nodeHash, MSG, { key: key.publicKey, padding: nc.constants.RSA_PKCS1_PSS_PADDING, saltLength: hlen }, hostPss), `PSS ${hash}: host salt = hash length`);
          assert.ok(!nc.verify(nodeHash, MSG, { key: key.publicKey, padding: nc.constants.RSA_PKCS1_PSS_PADDING, saltLength: hlen + 1 }, hostPss), `PSS ${hash}: (sanity) salt check is strict`);
          const hostPkcs1 = h.signatures.sign(pkcs1, MSG);
          eqHex(hostPkcs1, u8(nc.sign(nodeHash, MSG, key.privateKey)), `PKCS1 ${hash}: deterministic, equals node`);
          throwsCodeL(() => h.signatures.verify(pssPk, MSG, hostPkcs1), 'verification-failed', `PKCS1 ${hash} signature under PSS`);
          throwsCodeL(() => h.signatures.verify(pkcs1Pk, MSG, hostPss), 'verification-failed', `PSS ${hash} signature under PKCS1`);
          throwsCodeL(() => h.signatures.verify(pkcs1Pk, MSG, hostPkcs1.subarray(1)), 'invalid-signature', `PKCS1 ${hash}: short signature`);
          drop(pss, pssPk, pkcs1, pkcs1Pk);
        }
        // Another hash under the same scheme does not verify.
        const a = h.asym.Keypair.import('signatures', 'RSA_PKCS1_2048_SHA256', d.pkcs8, 'pkcs8');
        const bPk = h.asym.Publickey.import('signatures', 'RSA_PKCS1_2048_SHA512', d.spki, 'pkcs8');
        const sig = h.signatures.sign(a, MSG);
        throwsOneOf(() => h.signatures.verify(bPk, MSG, sig), ['verification-failed', 'invalid-signature'], 'SHA-256 signature under SHA-512');
        drop(a, bPk);
      });
    }

    test('signature states are cumulative (sign after more updates signs the concatenation) and reset empties them', () => {
      const h = makeHost(backend);
      for (const s of SIGS) {
        const kp = mk(h, s);
        const { pk, sk, pkC } = keyForms(h, s, kp);
        const st = h.signatures.SignatureState.open(kp, undefined);
        st.update(utf8('part one,'));
        const s1 = st.sign();
        st.update(utf8(' part two'));
        const s2 = st.sign();
        assert.ok(refVerify(s, pkC, utf8('part one,'), s1.export('raw')), `${s.name}: first signature covers part one`);
        assert.ok(refVerify(s, pkC, utf8('part one, part two'), s2.export('raw')), `${s.name}: second covers the concatenation`);
        st.reset();
        st.update(utf8('fresh'));
        const s3 = st.sign();
        assert.ok(refVerify(s, pkC, utf8('fresh'), s3.export('raw')), `${s.name}: after reset`);
        st.reset();
        const s4 = st.sign();
        assert.ok(refVerify(s, pkC, new Uint8Array(0), s4.export('raw')), `${s.name}: reset then sign = empty message`);
        // Verification states too.
        const vs = h.signatures.SignatureVerificationState.open(pk, undefined);
        vs.update(utf8('part one,'));
        ok(() => vs.verify(s1), `${s.name}: verify s1`);
        throwsCodeL(() => vs.verify(s2), 'verification-failed', `${s.name}: s2 over part one only`);
        vs.update(utf8(' part two'));
        ok(() => vs.verify(s2), `${s.name}: verify s2 after more updates`);
        vs.reset();
        vs.update(utf8('fresh'));
        ok(() => vs.verify(s3), `${s.name}: verify after reset`);
        // The state keeps the key alive after the key pair is dropped.
        drop(kp, sk);
        st.update(utf8('!'));
        const s5 = st.sign();
        assert.ok(refVerify(s, pkC, utf8('!'), s5.export('raw')), `${s.name}: state signs after its key pair was dropped`);
        drop(s1, s2, s3, s4, s5, st, vs, pk);
      }
      assert.equal(h.host.stats().handles.total, 0);
      assert.equal(h.host.stats().liveKeyMaterials, 0);
    });

    test('state buffer limit: updates beyond maxStateBufferBytes → invalid-length (signing and verification states)', () => {
      const h = makeHost(backend, { limits: { maxStateBufferBytes: 100 } });
      for (const s of SIGS) {
        const kp = mk(h, s);
        const pk = kp.publickey();
        const st = h.signatures.SignatureState.open(kp, undefined);
        st.update(new Uint8Array(60));
        st.update(new Uint8Array(40));
        throwsCodeL(() => st.update(new Uint8Array(1)), 'invalid-length', `${s.name}: signing state over the limit`);
        const sig = ok(() => st.sign(), `${s.name}: the state still signs the 100 bytes`);
        const vs = h.signatures.SignatureVerificationState.open(pk, undefined);
        vs.update(new Uint8Array(100));
        throwsCodeL(() => vs.update(new Uint8Array(1)), 'invalid-length', `${s.name}: verification state over the limit`);
        ok(() => vs.verify(sig), `${s.name}: verifies the 100 bytes`);
        st.reset();
        ok(() => st.update(new Uint8Array(100)), `${s.name}: reset frees the buffer`);
        throwsCodeL(() => h.signatures.SignatureState.open(kp, undefined).update(new Uint8Array(101)), 'invalid-length', `${s.name}: one update over the limit`);
        drop(sig, vs, st, pk, kp);
      }
      h.host[Symbol.dispose]();
    });

    test('input limit: one-shot sign / verify and state updates beyond maxInputBytes → invalid-length', () => {
      const h = makeHost(backend, { limits: { maxInputBytes: 5000 } });
      for (const s of SIGS) {
        const kp = mk(h, s);
        const pk = kp.publickey();
        const sig = ok(() => h.signatures.sign(kp, new Uint8Array(5000)), `${s.name}: 5000-byte message (keys and signatures are below the limit too)`);
        ok(() => h.signatures.verify(pk, new Uint8Array(5000), sig), `${s.name}: verify 5000 bytes`);
        throwsCodeL(() => h.signatures.sign(kp, new Uint8Array(5001)), 'invalid-length', `${s.name}: one-shot sign of 5001 bytes`);
        throwsCodeL(() => h.signatures.verify(pk, new Uint8Array(5001), sig), 'invalid-length', `${s.name}: one-shot verify of 5001 bytes`);
        const st = h.signatures.SignatureState.open(kp, undefined);
        throwsCodeL(() => st.update(new Uint8Array(5001)), 'invalid-length', `${s.name}: update of 5001 bytes`);
        drop(st, pk, kp);
      }
      assert.equal(h.host.stats().handles.total, 0);
    });

    test('handle limit: too-many-handles from publickey() / secretkey() / import / sign, and nothing leaks', () => {
      const h = makeHost(backend, { limits: { maxHandles: 3 } });
      for (const s of SP.filter((x) => x.kind !== 'rsa')) {
        const kp = mk(h, s);
        const pk = kp.publickey();
        const sk = kp.secretkey();
        throwsCodeL(() => kp.publickey(), 'too-many-handles', `${s.name}: publickey() at the limit`);
        throwsCodeL(() => kp.secretkey(), 'too-many-handles', `${s.name}: secretkey() at the limit`);
        throwsCodeL(() => h.asym.Secretkey.import(s.family, s.name, sk.export('raw'), 'raw'), 'too-many-handles', `${s.name}: import at the limit`);
        throwsCodeL(() => h.asym.Keypair.fromPkAndSk(pk, sk), 'too-many-handles', `${s.name}: from-pk-and-sk at the limit`);
        throwsCodeL(() => h.asym.Publickey.fromSecretkey(sk), 'too-many-handles', `${s.name}: from-secretkey at the limit`);
        if (s.sig) throwsCodeL(() => h.signatures.SignatureState.open(kp, undefined), 'too-many-handles', `${s.name}: signature state at the limit`);
        drop(pk, sk, kp);
        assert.equal(h.host.stats().handles.total, 0, `${s.name}: handles`);
        assert.equal(h.host.stats().liveKeyMaterials, 0, `${s.name}: a refused handle leaked key material`);
      }
    });

    test('ML-DSA context option: FIPS 204 context string; another context does not verify; > 255 bytes → invalid-length', () => {
      const h = makeHost(backend);
      for (const s of SIGS.filter((x) => x.kind === 'mldsa')) {
        const kp = mk(h, s);
        const { pk, sk, pkC, skC } = keyForms(h, s, kp);
        const A = utf8('context A');
        const B = utf8('context B');
        const oA = sigOpts(h, { context: A });
        const oB = sigOpts(h, { context: B });
        const st = ok(() => h.signatures.SignatureState.open(kp, oA), `${s.name}: open with a context`);
        st.update(MSG);
        const sig = st.sign();
        const raw = sig.export('raw');
        assert.ok(refVerify(s, pkC, MSG, raw, A), `${s.name}: noble verifies with context A`);
        assert.ok(!refVerify(s, pkC, MSG, raw), `${s.name}: noble rejects with the empty context`);
        const vA = h.signatures.SignatureVerificationState.open(pk, oA);
        vA.update(MSG);
        ok(() => vA.verify(sig), `${s.name}: verify with context A`);
        const vB = h.signatures.SignatureVerificationState.open(pk, oB);
        vB.update(MSG);
        throwsCodeL(() => vB.verify(sig), 'verification-failed', `${s.name}: verify with context B`);
        throwsCodeL(() => h.signatures.verify(pk, MSG, raw), 'verification-failed', `${s.name}: one-shot verify (empty context)`);
        // noble's signature with context B verifies under B.
        const theirs = h.signatures.Signature.import(s.name, refSign(s, skC, pkC, MSG, B), 'raw');
        ok(() => vB.verify(theirs), `${s.name}: noble's context-B signature`);
        // The options are copied at open: changing them afterwards changes nothing.
        oA.set('context', B);
        st.reset();
        st.update(MSG);
        const sig2 = st.sign();
        assert.ok(refVerify(s, pkC, MSG, sig2.export('raw'), A), `${s.name}: context copied at open`);
        // 255 bytes is the maximum.
        const o255 = sigOpts(h, { context: fill(255, 1) });
        const st255 = ok(() => h.signatures.SignatureState.open(kp, o255), `${s.name}: 255-byte context`);
        st255.update(MSG);
        assert.ok(refVerify(s, pkC, MSG, st255.sign().export('raw'), fill(255, 1)), `${s.name}: 255-byte context signature`);
        const o256 = new h.common.Options('signatures');
        let setOk = true;
        try {
          o256.set('context', fill(256, 1));
        } catch (e) {
          setOk = false;
          assert.equal((e as { payload?: unknown }).payload, 'invalid-length', `${s.name}: 256-byte context at set`);
        }
        if (setOk) {
          throwsCodeL(() => h.signatures.SignatureState.open(kp, o256), 'invalid-length', `${s.name}: signing state with a 256-byte context`);
          throwsCodeL(() => h.signatures.SignatureVerificationState.open(pk, o256), 'invalid-length', `${s.name}: verification state with a 256-byte context`);
        }
        drop(o256, st255, o255, sig2, theirs, vB, vA, sig, st, oA, oB, pk, sk, kp);
      }
      // h.host disposes any remaining signature handles.
      h.host[Symbol.dispose]();
    });

    test('hedged signing: ML-DSA rnd comes from the host random source (zero source = FIPS 204 deterministic variant)', () => {
      const h = makeHost(backend, { random: (out) => out.fill(0) });
      for (const s of SIGS.filter((x) => x.kind === 'mldsa')) {
        const seed = u8(nc.randomBytes(32));
        const ref = mlDsa(s).keygen(seed);
        const kp = h.asym.Keypair.import('signatures', s.name, seed, 'raw');
        eqHex(h.signatures.sign(kp, MSG), mlDsa(s).sign(MSG, ref.secretKey, { extraEntropy: false }), `${s.name}: rnd = 0³² gives the deterministic signature`);
        drop(kp);
      }
      // With a real random source, two signatures of the same message differ (ML-DSA, ECDSA); Ed25519 is deterministic.
      const r = makeHost(backend);
      for (const s of SIGS.filter((x) => x.kind === 'mldsa' || x.kind === 'ecdsa' || x.kind === 'ed25519')) {
        const kp = mk(r, s);
        const a = toHex(r.signatures.sign(kp, MSG));
        const b = toHex(r.signatures.sign(kp, MSG));
        if (s.kind === 'ed25519') assert.equal(a, b, 'Ed25519 is deterministic');
        else assert.notEqual(a, b, `${s.name}: signing is hedged`);
        drop(kp);
      }
    });

    test('signature functions refuse key-exchange keys (invalid-key)', () => {
      const h = makeHost(backend);
      for (const s of [...DH, ...KEMS]) {
        const kp = mk(h, s);
        const pk = kp.publickey();
        throwsCodeL(() => h.signatures.SignatureState.open(kp, undefined), 'invalid-key', `${s.name}: signature-state.open`);
        throwsCodeL(() => h.signatures.sign(kp, MSG), 'invalid-key', `${s.name}: sign`);
        throwsCodeL(() => h.signatures.SignatureVerificationState.open(pk, undefined), 'invalid-key', `${s.name}: verification-state.open`);
        throwsOneOf(() => h.signatures.verify(pk, MSG, new Uint8Array(64)), ['invalid-key'], `${s.name}: verify`);
        drop(pk, kp);
      }
      assert.equal(h.host.stats().handles.total, 0);
    });

    // -----------------------------------------------------------------------------------------
    // Key exchange
    // -----------------------------------------------------------------------------------------

    test('dh: symmetric, equal to node:crypto, the raw x-coordinate (not hashed)', () => {
      const h = makeHost(backend);
      for (const s of DH) {
        const a = mk(h, s);
        const b = mk(h, s);
        const A = keyForms(h, s, a);
        const B = keyForms(h, s, b);
        const ab = ok(() => h.kx.dh(B.pk, A.sk), `${s.name}: dh`);
        const ba = h.kx.dh(A.pk, B.sk);
        eqHex(ab, ba, `${s.name}: dh is symmetric`);
        const expected = u8(nc.diffieHellman({ privateKey: nodePrivate(s, A.skC, A.pkC), publicKey: nodePublic(s, B.pkC) }));
        eqHex(ab, expected, `${s.name}: equals node:crypto`);
        assert.equal(ab.length, s.curve ? s.curve.size : 32);
        if (s.curve) {
          // The raw x-coordinate of a·B (noble, independently of node).
          const xB = s.curve.noble.getSharedSecret(A.skC, B.pkC, true).subarray(1);
          eqHex(ab, xB, `${s.name}: raw x-coordinate, not hashed`);
        }
        // Against a node-generated peer.
        const n = nodeKeys(s);
        const nPk = h.asym.Publickey.import('key-exchange', s.name, nodeRawPublic(s, n.publicKey), s.curve ? 'sec' : 'raw');
        eqHex(h.kx.dh(nPk, A.sk), u8(nc.diffieHellman({ privateKey: n.privateKey, publicKey: nodePublic(s, A.pkC) })), `${s.name}: with a node peer`);
        drop(nPk, A.pk, A.sk, B.pk, B.sk, a, b);
      }
    });

    test('kx errors: dh on a KEM / encapsulate on DH → invalid-operation; mixed algorithms → incompatible-keys', () => {
      const h = makeHost(backend);
      const made = [...DH, ...KEMS].map((s) => {
        const kp = mk(h, s);
        return { s, kp, ...keyForms(h, s, kp) };
      });
      for (const m of made) {
        if (m.s.ct) throwsCodeL(() => h.kx.dh(m.pk, m.sk), 'invalid-operation', `dh on ${m.s.name}`);
        else {
          throwsCodeL(() => h.kx.encapsulate(m.pk), 'invalid-operation', `encapsulate on ${m.s.name}`);
          throwsCodeL(() => h.kx.decapsulate(m.sk, new Uint8Array(32)), 'invalid-operation', `decapsulate on ${m.s.name}`);
        }
      }
      for (const a of made.filter((x) => !x.s.ct)) {
        for (const b of made) {
          if (a.s === b.s) continue;
          throwsCodeL(() => h.kx.dh(a.pk, b.sk), 'incompatible-keys', `dh(${a.s.name} pk, ${b.s.name} sk)`);
          throwsCodeL(() => h.kx.dh(b.pk, a.sk), 'incompatible-keys', `dh(${b.s.name} pk, ${a.s.name} sk)`);
        }
      }
      // A signature key with a key-exchange key → incompatible-keys; signature keys alone: not a kx algorithm.
      const ed = mk(h, spec('Ed25519'));
      const edPk = ed.publickey();
      const edSk = ed.secretkey();
      const x = made.find((m) => m.s.name === 'X25519')!;
      throwsCode(() => h.kx.dh(edPk, x.sk), 'incompatible-keys');
      throwsCode(() => h.kx.dh(x.pk, edSk), 'incompatible-keys');
      throwsOneOf(() => h.kx.dh(edPk, edSk), ['incompatible-keys', 'invalid-operation'], 'dh on an Ed25519 pair');
      throwsOneOf(() => h.kx.encapsulate(edPk), ['incompatible-keys', 'invalid-operation'], 'encapsulate to an Ed25519 key');
      throwsOneOf(() => h.kx.decapsulate(edSk, new Uint8Array(1088)), ['incompatible-keys', 'invalid-operation'], 'decapsulate with an Ed25519 key');
      drop(edPk, edSk, ed);
      for (const m of made) drop(m.pk, m.sk, m.kp);
      assert.equal(h.host.stats().handles.total, 0);
    });

    test('KEM: encapsulate/decapsulate agree with FIPS 203 / X-Wing (noble) both ways; implicit rejection; wrong length → invalid-length', () => {
      const h = makeHost(backend);
      for (const s of KEMS) {
        const ref = refKem(s);
        const seed = u8(nc.randomBytes(s.seed!));
        const keys = ref.keygen(seed);
        const sk = h.asym.Secretkey.import('key-exchange', s.name, seed, 'raw');
        const pk = h.asym.Publickey.import('key-exchange', s.name, keys.publicKey, 'raw');
        // Host encapsulates; noble decapsulates.
        const e = h.kx.encapsulate(pk);
        assert.equal(e.ciphertext.length, s.ct);
        eqHex(ref.decapsulate(e.ciphertext, keys.secretKey), e.secret, `${s.name}: noble decapsulates the host's ciphertext`);
        eqHex(h.kx.decapsulate(sk, e.ciphertext), e.secret, `${s.name}: host decapsulates its own`);
        // noble encapsulates; host decapsulates.
        const theirs = ref.encapsulate(keys.publicKey);
        eqHex(h.kx.decapsulate(sk, theirs.cipherText), theirs.sharedSecret, `${s.name}: host decapsulates noble's ciphertext`);
        // Implicit rejection: a modified ciphertext gives another, pseudorandom secret — the one FIPS 203 defines.
        for (const i of [0, s.ct >> 1, s.ct - 1]) {
          const bad = flip(theirs.cipherText, i);
          const got = ok(() => h.kx.decapsulate(sk, bad), `${s.name}: decapsulate a modified ciphertext (byte ${i})`);
          assert.notEqual(toHex(got), toHex(theirs.sharedSecret), `${s.name}: modified ciphertext gives another secret`);
          eqHex(got, ref.decapsulate(bad, keys.secretKey), `${s.name}: implicit-rejection secret (byte ${i})`);
        }
        for (const len of [0, 1, s.ct - 1, s.ct + 1, 32]) {
          throwsCodeL(() => h.kx.decapsulate(sk, new Uint8Array(len)), 'invalid-length', `${s.name}: ${len}-byte ciphertext`);
        }
        drop(pk, sk);
      }
      // A ciphertext of another level → invalid-length.
      if (KEMS.some((s) => s.name === 'ML-KEM-512')) {
        const kp512 = mk(h, spec('ML-KEM-512'));
        const sk512 = kp512.secretkey();
        throwsCode(() => h.kx.decapsulate(sk512, new Uint8Array(1088)), 'invalid-length');
        drop(sk512, kp512);
      }
    });

    test('KEM randomness: ML-KEM m comes from the host random source (zero source = noble with m = 0³²)', () => {
      const h = makeHost(backend, { random: (out) => out.fill(0) });
      for (const s of KEMS.filter((x) => x.kind === 'mlkem')) {
        const keys = mlKem(s).keygen(u8(nc.randomBytes(64)));
        const pk = h.asym.Publickey.import('key-exchange', s.name, keys.publicKey, 'raw');
        const e = h.kx.encapsulate(pk);
        const ref = mlKem(s).encapsulate(keys.publicKey, new Uint8Array(32));
        eqHex(e.ciphertext, ref.cipherText, `${s.name}: ciphertext with m = 0`);
        eqHex(e.secret, ref.sharedSecret, `${s.name}: secret with m = 0`);
        drop(pk);
      }
    });

    // -----------------------------------------------------------------------------------------
    // Randomness, wiping
    // -----------------------------------------------------------------------------------------

    test('key generation draws from the host random source: the same source gives the same keys (RSA excepted)', () => {
      const counterRng = () => {
        let c = 7;
        return (out: Uint8Array) => {
          for (let i = 0; i < out.length; i++) out[i] = (c = (c * 181 + 59) & 0xff);
        };
      };
      const a = makeHost(backend, { random: counterRng() });
      const b = makeHost(backend, { random: counterRng() });
      for (const s of SP.filter((x) => x.kind !== 'rsa')) {
        const ka = mk(a, s);
        const kb = mk(b, s);
        const enc = ENCODINGS[s.kind].kp[0]!;
        eqHex(ka.export(enc), kb.export(enc), `${s.name}: same random source, same key`);
        drop(ka, kb);
      }
    });

    test('key bytes are wiped after the last handle drops (keys, states, imported keys, every algorithm)', () => {
      const h = makeHost(backend);
      for (const s of SP) {
        const before = h.materials.length;
        const kp = mk(h, s);
        const { pk, sk } = keyForms(h, s, kp);
        const enc = ENCODINGS[s.kind];
        const imported = enc.sk.map((e) => h.asym.Secretkey.import(s.family, s.name, sk.export(e), e));
        const importedKp = enc.kp.map((e) => h.asym.Keypair.import(s.family, s.name, kp.export(e), e));
        let st: unknown;
        if (s.sig) {
          const state = h.signatures.SignatureState.open(kp, undefined);
          state.update(MSG);
          st = state;
        }
        drop(kp, sk, ...imported, ...importedKp);
        // The state still holds its key: not everything is wiped yet (when there is a state).
        if (st) assert.ok(h.materials.slice(before).some((m) => !m.wiped), `${s.name}: a live state keeps its key`);
        if (st) drop(st);
        drop(pk);
        const mine = h.materials.slice(before);
        assert.ok(mine.length > 0, `${s.name}: secret keys are key materials`);
        for (const m of mine) {
          assert.ok(m.wiped, `${s.name}: material wiped`);
          assert.ok(m.unsafeRawView().every((x) => x === 0), `${s.name}: bytes zeroed`);
        }
      }
      assert.equal(h.host.stats().handles.total, 0);
      assert.equal(h.host.stats().liveKeyMaterials, 0);
    });
  });
}

// =============================================================================================
// The two backends against each other
// =============================================================================================

describe('asymmetric: node and noble hosts agree', () => {
  const n = makeHost('node');
  const p = makeHost('noble');
  after(() => {
    n.host[Symbol.dispose]();
    p.host[Symbol.dispose]();
  });

  test('a signature made on one host verifies on the other (Ed25519, ECDSA, ML-DSA)', () => {
    for (const s of SPECS.filter((x) => x.kind === 'ed25519' || x.kind === 'ecdsa' || x.kind === 'mldsa')) {
      for (const [A, B, dir] of [
        [n, p, 'node → noble'],
        [p, n, 'noble → node'],
      ] as const) {
        const kp = mk(A, s);
        const raw = kp.export('raw');
        const pkA = kp.publickey();
        const pkB = B.asym.Publickey.import(s.family, s.name, canonPk(s, pkA), s.curve ? 'sec' : 'raw');
        const sig = A.signatures.sign(kp, MSG);
        ok(() => B.signatures.verify(pkB, MSG, sig), `${s.name} ${dir}: verifies`);
        // The same key imported on the other host has the same public key.
        const kpB = B.asym.Keypair.import(s.family, s.name, raw, 'raw');
        const pkB2 = kpB.publickey();
        eqHex(canonPk(s, pkB2), canonPk(s, pkA), `${s.name} ${dir}: same public key from the same key pair`);
        if (s.kind === 'ed25519') eqHex(B.signatures.sign(kpB, MSG), sig, 'Ed25519 signatures are equal');
        drop(kp, pkA, pkB, kpB, pkB2);
      }
    }
  });

  test('dh results are equal (X25519, P-256, P-384); a KEM ciphertext from one host decapsulates on the other', () => {
    for (const s of SPECS.filter((x) => x.kind === 'x25519' || x.kind === 'ecdh')) {
      const a = mk(n, s);
      const b = mk(p, s);
      const aPk = a.publickey();
      const bPk = b.publickey();
      const aSk = a.secretkey();
      const bSk = b.secretkey();
      const enc = s.curve ? 'sec' : 'raw';
      const aPkOnP = p.asym.Publickey.import('key-exchange', s.name, aPk.export(enc), enc);
      const bPkOnN = n.asym.Publickey.import('key-exchange', s.name, bPk.export(enc), enc);
      eqHex(n.kx.dh(bPkOnN, aSk), p.kx.dh(aPkOnP, bSk), `${s.name}: node and noble dh agree`);
      drop(a, b, aPk, bPk, aSk, bSk, aPkOnP, bPkOnN);
    }
    for (const s of SPECS.filter((x) => x.kind === 'mlkem' || x.kind === 'xwing')) {
      const kp = mk(n, s);
      const sk = kp.secretkey();
      const pkN = kp.publickey();
      const pkP = p.asym.Publickey.import('key-exchange', s.name, pkN.export('raw'), 'raw');
      const skP = p.asym.Secretkey.import('key-exchange', s.name, sk.export('raw'), 'raw');
      const e = p.kx.encapsulate(pkP);
      eqHex(n.kx.decapsulate(sk, e.ciphertext), e.secret, `${s.name}: noble → node`);
      const e2 = n.kx.encapsulate(pkN);
      eqHex(p.kx.decapsulate(skP, e2.ciphertext), e2.secret, `${s.name}: node → noble`);
      drop(kp, sk, pkN, pkP, skP);
    }
  });

  test('X25519: non-canonical u (≥ p, bit 255 set) is accepted and reduced the same way on both hosts (RFC 7748 §5)', () => {
    const p25519 = (1n << 255n) - 19n;
    const le = (x: bigint): Uint8Array => bigToBytes(x, 32).reverse();
    const nk = nc.generateKeyPairSync('x25519');
    const s = spec('X25519');
    const skR = nodeRawSecret(s, nk.privateKey);
    const pkR = nodeRawPublic(s, nk.publicKey);
    const peer = nodeRawPublic(s, nc.generateKeyPairSync('x25519').publicKey);
    const highBit = flip(peer, 31, 0x80);
    const results = [n, p].map((H) => {
      const kp = H.asym.Keypair.import('key-exchange', 'X25519', cat(pkR, skR), 'raw');
      const sk = kp.secretkey();
      const dh = (u: Uint8Array): string => {
        const pk = H.asym.Publickey.import('key-exchange', 'X25519', u, 'raw');
        try {
          return toHex(H.kx.dh(pk, sk));
        } finally {
          drop(pk);
        }
      };
      const out = { base: dh(le(9n)), nonCanonical: dh(le(p25519 + 9n)), peer: dh(peer), highBit: dh(highBit) };
      drop(sk, kp);
      return out;
    });
    const [rn, rp] = results as [(typeof results)[0], (typeof results)[0]];
    assert.deepEqual(rn, rp, 'node and noble agree');
    assert.equal(rn.nonCanonical, rn.base, 'u = p + 9 is u = 9');
    assert.equal(rn.highBit, rn.peer, 'bit 255 of u is ignored');
    assert.equal(rn.peer, toHex(u8(nc.diffieHellman({ privateKey: nk.privateKey, publicKey: nodePublic(s, peer) }))), 'equals node:crypto');
  });

  test('the same key imports to the same DER on both hosts', () => {
    for (const s of SPECS.filter((x) => x.kind !== 'rsa' && ENCODINGS[x.kind].pk.includes('pkcs8'))) {
      const kp = mk(n, s);
      const raw = kp.export('raw');
      const kpP = p.asym.Keypair.import(s.family, s.name, raw, 'raw');
      const pkN = kp.publickey();
      const pkP = kpP.publickey();
      eqHex(ok(() => pkP.export('pkcs8'), `${s.name} noble SPKI`), ok(() => pkN.export('pkcs8'), `${s.name} node SPKI`), `${s.name}: SPKI equal`);
      eqHex(ok(() => kpP.export('raw'), `${s.name} noble raw`), raw, `${s.name}: raw equal`);
      drop(kp, kpP, pkN, pkP);
    }
  });
});
