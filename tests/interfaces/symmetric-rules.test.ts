/**
 * docs/symmetric.md, rule by rule, through the interface layer (no wasm), on both backends.
 *
 * Every expectation comes from the contract (docs/symmetric.md, which follows the wasi-crypto
 * spec's symmetric module), and every expected byte string from an independent implementation
 * (node:crypto, @noble/*) or a published vector (RFC 5869) — never from the host's own output
 * alone. Basics already in symmetric.test.ts (FIPS 180-4 digests, RFC 4231, GCM vectors) are
 * not repeated.
 */
import assert from 'node:assert/strict';
import * as nc from 'node:crypto';
import { describe, test } from 'node:test';
import { cmac, gcmsiv } from '@noble/ciphers/aes.js';
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { argon2id } from '@noble/hashes/argon2.js';
import { blake3 } from '@noble/hashes/blake3.js';
import { expand as hkdfExpand, extract as hkdfExtract } from '@noble/hashes/hkdf.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { cshake128, cshake256, kmac128, kmac256 } from '@noble/hashes/sha3-addons.js';
import type { Options } from '../../host/generated/interfaces/wasi-crypto-common.js';
import type { SymmetricKey, SymmetricState } from '../../host/generated/interfaces/wasi-crypto-symmetric.js';
import { BACKENDS, drop, hex, makeHost, throwsCode, toHex, utf8 } from './helpers.js';

type Host = ReturnType<typeof makeHost>;
type OptSet = Record<string, Uint8Array | bigint>;

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

function mkOpts(h: Host, set: OptSet): Options {
  const o = new h.common.Options('symmetric');
  for (const [k, v] of Object.entries(set)) {
    if (typeof v === 'bigint') o.setU64(k, v);
    else o.set(k, v);
  }
  return o;
}

/** Opens a state; the options object (if any) is dropped right after `open` (options are copied). */
function open(h: Host, alg: string, key?: SymmetricKey, set?: OptSet): SymmetricState {
  const o = set ? mkOpts(h, set) : undefined;
  try {
    return h.symmetric.SymmetricState.open(alg, key, o);
  } finally {
    if (o) drop(o);
  }
}

function importKey(h: Host, alg: string, raw: Uint8Array): SymmetricKey {
  return h.symmetric.SymmetricKey.import(alg, raw);
}

function genKey(h: Host, alg: string): SymmetricKey {
  return h.symmetric.SymmetricKey.generate(alg, undefined);
}

/** Runs `fn`; fails if it answers `invalid-operation` (or traps with a non-WIT error). Other errors are fine. */
function notInvalidOperation(fn: () => unknown, what: string): void {
  try {
    fn();
  } catch (e) {
    const payload = (e as { payload?: unknown }).payload;
    if (typeof payload !== 'string') throw e;
    assert.notEqual(payload, 'invalid-operation', `${what}: the contract allows this operation`);
  }
}

/** Asserts `fn` fails with a WIT error (any code). */
function throwsSomeCode(fn: () => unknown): string {
  let code: string | undefined;
  assert.throws(fn, (e: unknown) => {
    code = (e as { payload?: unknown }).payload as string;
    assert.equal(typeof code, 'string', `expected a WIT error, got ${String(e)}`);
    return true;
  });
  return code!;
}

const cat = (...parts: Uint8Array[]): Uint8Array => Uint8Array.from(Buffer.concat(parts));
const fill = (n: number, b: number): Uint8Array => new Uint8Array(n).fill(b);
const b64 = (b: Uint8Array): string => Buffer.from(b).toString('base64').replace(/=+$/, '');
const u8 = (b: Buffer | Uint8Array): Uint8Array => Uint8Array.from(b);

// Salt whose standard base64 contains both '+' and '/' (to check the PHC alphabet).
const SALT = hex('fbefbeffffff00112233445566778899');
const PW = utf8('password');

/** Cheap costs for password hashes. */
const PW_COSTS: Record<string, OptSet> = {
  'PBKDF2-HMAC/SHA-256': { ops_limit: 1000n },
  'PBKDF2-HMAC/SHA-512': { ops_limit: 1000n },
  SCRYPT: { ops_limit: 1024n },
  'ARGON2-ID-13': { memory_limit: 65536n, ops_limit: 1n },
};

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
const AEADS = ['AES-128-GCM', 'AES-256-GCM', 'AES-128-GCM-SIV', 'AES-256-GCM-SIV', 'CHACHA20-POLY1305', 'XCHACHA20-POLY1305'];
const CIPHERS = ['AES-128-CBC', 'AES-256-CBC', 'AES-128-CTR', 'AES-256-CTR'];
const nonceFor = (alg: string, b = 7): Uint8Array => fill(NONCE_LEN[alg]!, b);

type Kind = 'hash' | 'xof' | 'mac' | 'extract' | 'expand' | 'pwhash' | 'aead' | 'cbc' | 'ctr';
const KINDS: Kind[] = ['hash', 'xof', 'mac', 'extract', 'expand', 'pwhash', 'aead', 'cbc', 'ctr'];
const KIND_OF: Record<string, Kind> = {
  'SHA-256': 'hash',
  'SHAKE-128': 'xof',
  BLAKE3: 'xof',
  'HMAC/SHA-256': 'mac',
  'HKDF-EXTRACT/SHA-256': 'extract',
  'HKDF-EXPAND/SHA-256': 'expand',
  'PBKDF2-HMAC/SHA-256': 'pwhash',
  SCRYPT: 'pwhash',
  'ARGON2-ID-13': 'pwhash',
  'AES-128-GCM': 'aead',
  'XCHACHA20-POLY1305': 'aead',
  'AES-128-CBC': 'cbc',
  'AES-256-CTR': 'ctr',
};

/** At least one algorithm per kind (several where the kind has different implementations). */
const SAMPLES: { alg: string; kind: Kind }[] = [
  { alg: 'SHA-256', kind: 'hash' },
  { alg: 'SHA3-512', kind: 'hash' },
  { alg: 'BLAKE2s-256', kind: 'hash' },
  { alg: 'SHAKE-128', kind: 'xof' },
  { alg: 'CSHAKE-256', kind: 'xof' },
  { alg: 'BLAKE3', kind: 'xof' },
  { alg: 'HMAC/SHA-384', kind: 'mac' },
  { alg: 'KMAC-128', kind: 'mac' },
  { alg: 'AES-256-CMAC', kind: 'mac' },
  { alg: 'HKDF-EXTRACT/SHA-256', kind: 'extract' },
  { alg: 'HKDF-EXPAND/SHA-512', kind: 'expand' },
  { alg: 'PBKDF2-HMAC/SHA-256', kind: 'pwhash' },
  { alg: 'SCRYPT', kind: 'pwhash' },
  { alg: 'ARGON2-ID-13', kind: 'pwhash' },
  { alg: 'AES-128-GCM', kind: 'aead' },
  { alg: 'AES-256-GCM-SIV', kind: 'aead' },
  { alg: 'CHACHA20-POLY1305', kind: 'aead' },
  { alg: 'XCHACHA20-POLY1305', kind: 'aead' },
  { alg: 'AES-128-CBC', kind: 'cbc' },
  { alg: 'AES-256-CTR', kind: 'ctr' },
];

/** Opens a usable state of a sample algorithm (key dropped right after open, as a guest may). */
function openSample(h: Host, alg: string, kind: Kind): SymmetricState {
  switch (kind) {
    case 'hash':
    case 'xof':
      return open(h, alg);
    case 'mac':
    case 'extract':
    case 'expand': {
      const k = genKey(h, alg);
      try {
        return open(h, alg, k);
      } finally {
        drop(k);
      }
    }
    case 'pwhash':
      return open(h, alg, undefined, { salt: SALT, ...PW_COSTS[alg]! });
    default: {
      const k = genKey(h, alg);
      try {
        return open(h, alg, k, { nonce: nonceFor(alg) });
      } finally {
        drop(k);
      }
    }
  }
}

// --- independent references ------------------------------------------------------------------

const nodeDigest = (name: string, data: Uint8Array, outputLength?: number): Uint8Array =>
  u8(nc.createHash(name, outputLength === undefined ? undefined : { outputLength }).update(data).digest());

const FIXED_HASHES: { alg: string; node: string; len: number }[] = [
  { alg: 'SHA-256', node: 'sha256', len: 32 },
  { alg: 'SHA-384', node: 'sha384', len: 48 },
  { alg: 'SHA-512', node: 'sha512', len: 64 },
  { alg: 'SHA-512/256', node: 'sha512-256', len: 32 },
  { alg: 'SHA3-256', node: 'sha3-256', len: 32 },
  { alg: 'SHA3-512', node: 'sha3-512', len: 64 },
  { alg: 'BLAKE2b-512', node: 'blake2b512', len: 64 },
  { alg: 'BLAKE2s-256', node: 'blake2s256', len: 32 },
];

const KEY32 = hex('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f');
const CSHAKE_S = utf8('Email Signature');

/** XOF configurations: how to open them and the reference stream. */
const XOFS: {
  name: string;
  alg: string;
  def: number;
  key?: Uint8Array;
  context?: Uint8Array;
  ref: (d: Uint8Array, n: number) => Uint8Array;
}[] = [
  { name: 'SHAKE-128', alg: 'SHAKE-128', def: 32, ref: (d, n) => nodeDigest('shake128', d, n) },
  { name: 'SHAKE-256', alg: 'SHAKE-256', def: 64, ref: (d, n) => nodeDigest('shake256', d, n) },
  {
    name: 'CSHAKE-128 with context',
    alg: 'CSHAKE-128',
    def: 32,
    context: CSHAKE_S,
    ref: (d, n) => cshake128(d, { personalization: CSHAKE_S, dkLen: n }),
  },
  {
    name: 'CSHAKE-256 with context',
    alg: 'CSHAKE-256',
    def: 64,
    context: CSHAKE_S,
    ref: (d, n) => cshake256(d, { personalization: CSHAKE_S, dkLen: n }),
  },
  { name: 'CSHAKE-256 without context (= SHAKE-256)', alg: 'CSHAKE-256', def: 64, ref: (d, n) => nodeDigest('shake256', d, n) },
  { name: 'BLAKE3', alg: 'BLAKE3', def: 32, ref: (d, n) => blake3(d, { dkLen: n }) },
  { name: 'BLAKE3 keyed', alg: 'BLAKE3', def: 32, key: KEY32, ref: (d, n) => blake3(d, { dkLen: n, key: KEY32 }) },
];

function openXof(h: Host, x: (typeof XOFS)[number]): SymmetricState {
  const k = x.key ? importKey(h, x.alg, x.key) : undefined;
  try {
    return open(h, x.alg, k, x.context ? { context: x.context } : undefined);
  } finally {
    if (k) drop(k);
  }
}

function refSeal(alg: string, key: Uint8Array, nonce: Uint8Array, aad: Uint8Array, pt: Uint8Array): Uint8Array {
  switch (alg) {
    case 'AES-128-GCM':
    case 'AES-256-GCM':
    case 'CHACHA20-POLY1305': {
      const name = (alg === 'CHACHA20-POLY1305' ? 'chacha20-poly1305' : alg.toLowerCase()) as nc.CipherGCMTypes;
      const c = nc.createCipheriv(name, key, nonce, { authTagLength: 16 });
      c.setAAD(aad, { plaintextLength: pt.length });
      return u8(Buffer.concat([c.update(pt), c.final(), c.getAuthTag()]));
    }
    case 'AES-128-GCM-SIV':
    case 'AES-256-GCM-SIV':
      return gcmsiv(key, nonce, aad).encrypt(pt);
    case 'XCHACHA20-POLY1305':
      return xchacha20poly1305(key, nonce, aad).encrypt(pt);
    default:
      throw new Error(`no reference for ${alg}`);
  }
}

function refCipher(alg: string, key: Uint8Array, iv: Uint8Array, pt: Uint8Array, padding = true): Uint8Array {
  const c = nc.createCipheriv(alg.toLowerCase(), key, iv);
  c.setAutoPadding(padding);
  return u8(Buffer.concat([c.update(pt), c.final()]));
}

const keyLenOf = (alg: string): number => (alg.startsWith('AES-128') ? 16 : 32);

// RFC 5869 test case 1.
const RFC5869 = {
  ikm: fill(22, 0x0b),
  salt: hex('000102030405060708090a0b0c'),
  info: hex('f0f1f2f3f4f5f6f7f8f9'),
  prk: '077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5',
  okm: '3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865',
};

// ---------------------------------------------------------------------------------------------
// The tests
// ---------------------------------------------------------------------------------------------

for (const backend of BACKENDS) {
  describe(`symmetric contract (${backend} backend)`, () => {
    // ----------------------------------------------------------------------------------------
    describe('algorithms', () => {
      test('every algorithm of the table resolves case-insensitively to its canonical spelling', () => {
        const h = makeHost(backend);
        const keyed = [
          'BLAKE3',
          'HMAC/SHA-256',
          'HMAC/SHA-384',
          'HMAC/SHA-512',
          'KMAC-128',
          'KMAC-256',
          'AES-128-CMAC',
          'AES-256-CMAC',
          'HKDF-EXTRACT/SHA-256',
          'HKDF-EXTRACT/SHA-384',
          'HKDF-EXTRACT/SHA-512',
          'HKDF-EXPAND/SHA-256',
          'HKDF-EXPAND/SHA-384',
          'HKDF-EXPAND/SHA-512',
          'ARGON2-ID-13',
          ...AEADS,
          ...CIPHERS,
        ];
        for (const alg of keyed) {
          for (const spelling of [alg, alg.toLowerCase()]) {
            const k = genKey(h, spelling);
            assert.equal(k.algorithm(), alg, `${spelling}: algorithm() is the canonical name`);
            drop(k);
          }
        }
        for (const x of FIXED_HASHES) assert.equal(h.symmetric.hash(x.alg.toLowerCase(), utf8('abc'), undefined).length, x.len);
      });

      test('the listed unsupported families answer unsupported-algorithm everywhere', () => {
        const h = makeHost(backend);
        for (const alg of [
          'XOODYAK-128',
          'XOODYAK-160',
          'ASCON-128',
          'ASCON-AEAD128',
          'AEGIS-128L',
          'AEGIS-256',
          'AES-128-SIV',
          'AES-256-SIV',
          'TURBOSHAKE-128',
          'TURBOSHAKE-256',
          'KT128',
          'KT256',
          'TupleHash128',
          'TupleHashXOF256',
          'AES-192-GCM',
          'AES-192-CBC',
          'AES-192-CTR',
        ]) {
          throwsCode(() => h.symmetric.SymmetricKey.generate(alg, undefined), 'unsupported-algorithm');
          throwsCode(() => h.symmetric.SymmetricKey.import(alg, new Uint8Array(32)), 'unsupported-algorithm');
          throwsCode(() => h.symmetric.SymmetricState.open(alg, undefined, undefined), 'unsupported-algorithm');
          throwsCode(() => h.symmetric.hash(alg, utf8('x'), undefined), 'unsupported-algorithm');
        }
      });
    });

    // ----------------------------------------------------------------------------------------
    describe('keys', () => {
      const KEYLESS = [
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
        'PBKDF2-HMAC/SHA-256',
        'PBKDF2-HMAC/SHA-512',
        'SCRYPT',
      ];

      test('key-not-supported: generate, import and open with a key, for hashes, XOFs but BLAKE3, PBKDF2, SCRYPT', () => {
        const h = makeHost(backend);
        const foreign = genKey(h, 'HMAC/SHA-256');
        for (const alg of KEYLESS) {
          throwsCode(() => h.symmetric.SymmetricKey.generate(alg, undefined), 'key-not-supported');
          throwsCode(() => importKey(h, alg, new Uint8Array(32)), 'key-not-supported');
          // Password hashes get a valid salt so that the key is the only thing wrong.
          const set = alg.startsWith('PBKDF2') || alg === 'SCRYPT' ? { salt: SALT, ...PW_COSTS[alg]! } : undefined;
          throwsCode(() => open(h, alg, foreign, set), 'key-not-supported');
        }
        drop(foreign);
      });

      test('key-required: MACs, KDFs, AEADs, CBC and CTR opened without a key', () => {
        const h = makeHost(backend);
        for (const alg of [
          'HMAC/SHA-256',
          'HMAC/SHA-512',
          'KMAC-128',
          'KMAC-256',
          'AES-128-CMAC',
          'AES-256-CMAC',
          'HKDF-EXTRACT/SHA-256',
          'HKDF-EXTRACT/SHA-512',
          'HKDF-EXPAND/SHA-256',
          'HKDF-EXPAND/SHA-384',
        ]) {
          throwsCode(() => open(h, alg), 'key-required');
        }
        // Ciphers get a valid nonce so that the key is the only thing missing.
        for (const alg of [...AEADS, ...CIPHERS]) throwsCode(() => open(h, alg, undefined, { nonce: nonceFor(alg) }), 'key-required');
      });

      test('BLAKE3 takes an optional 32-byte key (keyed mode)', () => {
        const h = makeHost(backend);
        const data = utf8('optional key');
        const plain = open(h, 'BLAKE3');
        plain.absorb(data);
        assert.equal(toHex(plain.squeeze(32)), toHex(blake3(data)));
        const k = importKey(h, 'BLAKE3', KEY32);
        const keyed = open(h, 'BLAKE3', k);
        keyed.absorb(data);
        assert.equal(toHex(keyed.squeeze(32)), toHex(blake3(data, { key: KEY32 })));
        for (const n of [0, 16, 31, 33, 64]) throwsCode(() => importKey(h, 'BLAKE3', new Uint8Array(n)), 'invalid-key');
        assert.equal(genKey(h, 'BLAKE3').export().length, 32);
        drop(plain, keyed, k);
      });

      test('ARGON2-ID-13 takes an optional secret key (K, 1…maxKeyBytes bytes)', () => {
        const h = makeHost(backend, { limits: { maxKeyBytes: 64 } });
        const set = { salt: SALT, ...PW_COSTS['ARGON2-ID-13']! };
        const plain = open(h, 'ARGON2-ID-13', undefined, set);
        plain.absorb(PW);
        assert.equal(toHex(plain.squeeze(32)), toHex(argon2id(PW, SALT, { t: 1, m: 64, p: 1, dkLen: 32 })));
        const secret = hex('0303030303030303');
        const k = importKey(h, 'ARGON2-ID-13', secret);
        const keyed = open(h, 'ARGON2-ID-13', k, set);
        keyed.absorb(PW);
        assert.equal(toHex(keyed.squeeze(32)), toHex(argon2id(PW, SALT, { t: 1, m: 64, p: 1, dkLen: 32, key: secret })));
        throwsCode(() => importKey(h, 'ARGON2-ID-13', new Uint8Array(0)), 'invalid-key');
        throwsCode(() => importKey(h, 'ARGON2-ID-13', new Uint8Array(65)), 'invalid-key');
        drop(importKey(h, 'ARGON2-ID-13', new Uint8Array(1)), importKey(h, 'ARGON2-ID-13', new Uint8Array(64)));
        drop(plain, keyed, k);
      });

      const GENERATED: [string, number][] = [
        ['BLAKE3', 32],
        ['HMAC/SHA-256', 32],
        ['HMAC/SHA-384', 48],
        ['HMAC/SHA-512', 64],
        ['KMAC-128', 32],
        ['KMAC-256', 64],
        ['AES-128-CMAC', 16],
        ['AES-256-CMAC', 32],
        ['HKDF-EXTRACT/SHA-256', 32],
        ['HKDF-EXTRACT/SHA-384', 48],
        ['HKDF-EXTRACT/SHA-512', 64],
        ['HKDF-EXPAND/SHA-256', 32],
        ['HKDF-EXPAND/SHA-384', 48],
        ['HKDF-EXPAND/SHA-512', 64],
        ['ARGON2-ID-13', 32],
        ['AES-128-GCM', 16],
        ['AES-256-GCM', 32],
        ['AES-128-GCM-SIV', 16],
        ['AES-256-GCM-SIV', 32],
        ['CHACHA20-POLY1305', 32],
        ['XCHACHA20-POLY1305', 32],
        ['AES-128-CBC', 16],
        ['AES-256-CBC', 32],
        ['AES-128-CTR', 16],
        ['AES-256-CTR', 32],
      ];
      test('generated keys have the length of the table', () => {
        const h = makeHost(backend);
        for (const [alg, len] of GENERATED) {
          const k = genKey(h, alg);
          assert.equal(k.export().length, len, `${alg} generated key length`);
          drop(k);
        }
      });

      test('fixed-length keys: any other length is invalid-key', () => {
        const h = makeHost(backend);
        const fixed: [string, number][] = [
          ['AES-128-CMAC', 16],
          ['AES-256-CMAC', 32],
          ...AEADS.map((a) => [a, a.startsWith('AES-128') ? 16 : 32] as [string, number]),
          ...CIPHERS.map((a) => [a, keyLenOf(a)] as [string, number]),
        ];
        for (const [alg, len] of fixed) {
          for (const bad of [0, len - 1, len + 1, len === 16 ? 32 : 16, 24]) {
            throwsCode(() => importKey(h, alg, new Uint8Array(bad)), 'invalid-key');
          }
          drop(importKey(h, alg, new Uint8Array(len)));
        }
      });

      test('variable-length keys: HMAC, KMAC, HKDF-EXTRACT 0…maxKeyBytes; HKDF-EXPAND HashLen…maxKeyBytes', () => {
        const h = makeHost(backend, { limits: { maxKeyBytes: 100 } });
        for (const alg of ['HMAC/SHA-256', 'HMAC/SHA-512', 'KMAC-128', 'KMAC-256', 'HKDF-EXTRACT/SHA-256', 'HKDF-EXTRACT/SHA-512']) {
          drop(importKey(h, alg, new Uint8Array(0)), importKey(h, alg, new Uint8Array(1)), importKey(h, alg, new Uint8Array(100)));
          throwsCode(() => importKey(h, alg, new Uint8Array(101)), 'invalid-key');
        }
        for (const [alg, hashLen] of [
          ['HKDF-EXPAND/SHA-256', 32],
          ['HKDF-EXPAND/SHA-384', 48],
          ['HKDF-EXPAND/SHA-512', 64],
        ] as const) {
          throwsCode(() => importKey(h, alg, new Uint8Array(0)), 'invalid-key');
          throwsCode(() => importKey(h, alg, new Uint8Array(hashLen - 1)), 'invalid-key');
          drop(importKey(h, alg, new Uint8Array(hashLen)), importKey(h, alg, new Uint8Array(100)));
          throwsCode(() => importKey(h, alg, new Uint8Array(101)), 'invalid-key');
        }
      });

      test('an empty HMAC key is a valid key (0…maxKeyBytes) and gives HMAC with an empty key', () => {
        const h = makeHost(backend);
        const k = importKey(h, 'HMAC/SHA-256', new Uint8Array(0));
        const want = u8(nc.createHmac('sha256', Buffer.alloc(0)).update('msg').digest());
        assert.equal(toHex(k.mac(utf8('msg'))), toHex(want));
        drop(k);
      });

      test('a key is bound to its algorithm: a key of another algorithm in open → invalid-key', () => {
        const h = makeHost(backend);
        const cases: [string, string, OptSet | undefined][] = [
          ['HMAC/SHA-256', 'AES-256-GCM', { nonce: nonceFor('AES-256-GCM') }],
          ['AES-128-GCM', 'AES-128-GCM-SIV', { nonce: nonceFor('AES-128-GCM-SIV') }],
          ['AES-256-GCM', 'CHACHA20-POLY1305', { nonce: nonceFor('CHACHA20-POLY1305') }],
          ['CHACHA20-POLY1305', 'XCHACHA20-POLY1305', { nonce: nonceFor('XCHACHA20-POLY1305') }],
          ['AES-128-CBC', 'AES-128-CTR', { nonce: nonceFor('AES-128-CTR') }],
          ['AES-128-GCM', 'AES-128-CBC', { nonce: nonceFor('AES-128-CBC') }],
          ['AES-128-CMAC', 'AES-128-GCM', { nonce: nonceFor('AES-128-GCM') }],
          ['HKDF-EXTRACT/SHA-256', 'HKDF-EXPAND/SHA-256', undefined],
          ['HKDF-EXPAND/SHA-256', 'HKDF-EXTRACT/SHA-256', undefined],
          ['HMAC/SHA-256', 'HKDF-EXTRACT/SHA-256', undefined],
          ['KMAC-128', 'HMAC/SHA-256', undefined],
          ['HMAC/SHA-256', 'KMAC-128', undefined],
          ['AES-256-GCM', 'AES-256-CMAC', undefined],
          ['ARGON2-ID-13', 'BLAKE3', undefined],
          ['BLAKE3', 'ARGON2-ID-13', { salt: SALT, ...PW_COSTS['ARGON2-ID-13']! }],
        ];
        for (const [from, to, set] of cases) {
          const k = genKey(h, from);
          throwsCode(() => open(h, to, k, set), 'invalid-key');
          drop(k);
        }
      });

      test('one-shots use the key\'s own algorithm: mac on a non-MAC key and seal/open on a non-AEAD key → invalid-operation', () => {
        const h = makeHost(backend);
        for (const alg of ['AES-256-GCM', 'XCHACHA20-POLY1305', 'AES-128-CBC', 'AES-128-CTR', 'HKDF-EXTRACT/SHA-256', 'HKDF-EXPAND/SHA-256', 'BLAKE3', 'ARGON2-ID-13']) {
          const k = genKey(h, alg);
          throwsCode(() => k.mac(utf8('x')), 'invalid-operation');
          throwsCode(() => k.macVerify(utf8('x'), new Uint8Array(32)), 'invalid-operation');
          drop(k);
        }
        for (const alg of ['HMAC/SHA-256', 'KMAC-128', 'AES-128-CMAC', 'AES-128-CBC', 'AES-256-CTR', 'HKDF-EXTRACT/SHA-256', 'BLAKE3', 'ARGON2-ID-13']) {
          const k = genKey(h, alg);
          throwsCode(() => k.seal(new Uint8Array(12), new Uint8Array(0), utf8('x')), 'invalid-operation');
          throwsCode(() => k.open(new Uint8Array(12), new Uint8Array(0), new Uint8Array(32)), 'invalid-operation');
          drop(k);
        }
      });

      test('one-shot mac: KMAC (no customization) and CMAC agree with their states and references; mismatch → invalid-tag', () => {
        const h = makeHost(backend);
        const data = utf8('one-shot MAC input');
        for (const alg of ['KMAC-128', 'KMAC-256', 'AES-128-CMAC', 'AES-256-CMAC', 'HMAC/SHA-384']) {
          const raw = alg.startsWith('AES-128') ? KEY32.subarray(0, 16) : KEY32;
          const k = importKey(h, alg, raw);
          const st = open(h, alg, k);
          st.absorb(data);
          const L = st.maxTagLen();
          const tag = st.squeezeTag();
          const mac = k.mac(data);
          assert.equal(mac.length, L, `${alg}: one-shot length = max-tag-len`);
          assert.equal(toHex(tag.toBytes()), toHex(mac), `${alg}: state and one-shot agree`);
          const want =
            alg === 'KMAC-128'
              ? kmac128(raw, data, { dkLen: L })
              : alg === 'KMAC-256'
                ? kmac256(raw, data, { dkLen: L })
                : alg === 'HMAC/SHA-384'
                  ? u8(nc.createHmac('sha384', raw).update(data).digest())
                  : cmac(data, raw);
          assert.equal(toHex(mac), toHex(want), `${alg} reference`);
          k.macVerify(data, want);
          const bad = Uint8Array.from(want);
          bad[bad.length - 1]! ^= 1;
          throwsCode(() => k.macVerify(data, bad), 'invalid-tag');
          throwsCode(() => k.macVerify(data, want.subarray(1)), 'invalid-tag');
          throwsCode(() => k.macVerify(data, cat(want, Uint8Array.of(0))), 'invalid-tag');
          drop(tag, st, k);
        }
      });

      test('MAC and hash states are cumulative: a tag or digest covers all input so far, and the state goes on', () => {
        const h = makeHost(backend);
        const ab = utf8('ab');
        const abc = utf8('abc');
        for (const alg of ['HMAC/SHA-256', 'KMAC-128', 'AES-128-CMAC']) {
          const raw = alg === 'AES-128-CMAC' ? KEY32.subarray(0, 16) : KEY32;
          const k = importKey(h, alg, raw);
          const st = open(h, alg, k);
          st.absorb(utf8('a'));
          st.absorb(utf8('b'));
          const t1 = st.squeezeTag();
          st.absorb(utf8('c'));
          const t2 = st.squeezeTag();
          assert.equal(toHex(t1.toBytes()), toHex(k.mac(ab)), `${alg} first tag`);
          assert.equal(toHex(t2.toBytes()), toHex(k.mac(abc)), `${alg} tag after more input`);
          drop(t1, t2, st, k);
        }
        for (const x of FIXED_HASHES) {
          const st = open(h, x.alg);
          st.absorb(ab);
          assert.equal(toHex(st.squeeze(x.len)), toHex(nodeDigest(x.node, ab)));
          st.absorb(utf8('c'));
          assert.equal(toHex(st.squeeze(x.len)), toHex(nodeDigest(x.node, abc)), x.alg);
          drop(st);
        }
      });

      test('export of a derived (squeeze-key) key is a copy', () => {
        const h = makeHost(backend);
        const ikm = importKey(h, 'HKDF-EXTRACT/SHA-256', RFC5869.ikm);
        const ex = open(h, 'HKDF-EXTRACT/SHA-256', ikm);
        ex.absorb(RFC5869.salt);
        const prk = ex.squeezeKey('HKDF-EXPAND/SHA-256');
        prk.export().fill(0);
        assert.equal(toHex(prk.export()), RFC5869.prk);
        drop(prk, ex, ikm);
      });

      test('generate with a non-empty options set → unsupported-option; an empty set is fine', () => {
        const h = makeHost(backend);
        for (const [alg, set] of [
          ['AES-256-GCM', { nonce: new Uint8Array(12) }],
          ['HMAC/SHA-256', { context: utf8('c') }],
          ['ARGON2-ID-13', { salt: SALT }],
          ['BLAKE3', { ops_limit: 1n }],
        ] as [string, OptSet][]) {
          const o = mkOpts(h, set);
          throwsCode(() => h.symmetric.SymmetricKey.generate(alg, o), 'unsupported-option');
          drop(o);
        }
        const empty = new h.common.Options('symmetric');
        const k = h.symmetric.SymmetricKey.generate('AES-256-GCM', empty);
        assert.equal(k.export().length, 32);
        drop(k, empty);
      });
    });

    // ----------------------------------------------------------------------------------------
    describe('options', () => {
      test('block_size is a u64 option name (scrypt r)', () => {
        const h = makeHost(backend);
        const o = new h.common.Options('symmetric');
        o.setU64('block_size', 8n);
        assert.equal(o.getU64('block_size'), 8n);
        throwsCode(() => o.set('block_size', Uint8Array.of(8)), 'unsupported-option');
        drop(o);
      });

      test('open: an option the algorithm does not read → unsupported-option', () => {
        const h = makeHost(backend);
        const pw = (alg: string): OptSet => ({ salt: SALT, ...PW_COSTS[alg]! });
        const cases: [string, OptSet][] = [
          ['SHA-256', { nonce: new Uint8Array(12) }],
          ['SHA3-256', { context: utf8('c') }],
          ['BLAKE2b-512', { salt: SALT }],
          ['SHAKE-128', { context: utf8('c') }],
          ['SHAKE-256', { ops_limit: 1n }],
          ['CSHAKE-128', { salt: SALT }],
          ['CSHAKE-256', { context: utf8('c'), nonce: new Uint8Array(12) }],
          ['BLAKE3', { context: utf8('c') }],
          ['BLAKE3', { salt: SALT }],
          ['HMAC/SHA-256', { context: utf8('c') }],
          ['HMAC/SHA-256', { nonce: new Uint8Array(12) }],
          ['KMAC-128', { nonce: new Uint8Array(12) }],
          ['KMAC-256', { salt: SALT }],
          ['AES-128-CMAC', { context: utf8('c') }],
          ['HKDF-EXTRACT/SHA-256', { salt: SALT }],
          ['HKDF-EXPAND/SHA-256', { context: utf8('info') }],
          ['PBKDF2-HMAC/SHA-256', { ...pw('PBKDF2-HMAC/SHA-256'), memory_limit: 65536n }],
          ['PBKDF2-HMAC/SHA-256', { ...pw('PBKDF2-HMAC/SHA-256'), parallelism: 1n }],
          ['PBKDF2-HMAC/SHA-512', { ...pw('PBKDF2-HMAC/SHA-512'), context: utf8('c') }],
          ['PBKDF2-HMAC/SHA-256', { ...pw('PBKDF2-HMAC/SHA-256'), block_size: 8n }],
          ['SCRYPT', { ...pw('SCRYPT'), memory_limit: 65536n }],
          ['SCRYPT', { ...pw('SCRYPT'), context: utf8('c') }],
          ['ARGON2-ID-13', { ...pw('ARGON2-ID-13'), nonce: new Uint8Array(12) }],
          ['ARGON2-ID-13', { ...pw('ARGON2-ID-13'), block_size: 8n }],
          ['AES-256-GCM', { nonce: new Uint8Array(12), salt: SALT }],
          ['AES-128-GCM', { nonce: new Uint8Array(12), context: utf8('c') }],
          ['AES-128-GCM', { nonce: new Uint8Array(12), ops_limit: 1n }],
          ['AES-256-GCM-SIV', { nonce: new Uint8Array(12), context: utf8('c') }],
          ['CHACHA20-POLY1305', { nonce: new Uint8Array(12), memory_limit: 1n }],
          ['XCHACHA20-POLY1305', { salt: SALT }],
          ['AES-128-CBC', { nonce: new Uint8Array(16), context: utf8('c') }],
          ['AES-256-CTR', { nonce: new Uint8Array(16), salt: SALT }],
        ];
        for (const [alg, set] of cases) {
          const needsKey = !/^(SHA|BLAKE2|SHAKE|CSHAKE|BLAKE3|PBKDF2|SCRYPT|ARGON2)/.test(alg);
          const k = needsKey ? genKey(h, alg) : undefined;
          throwsCode(() => open(h, alg, k, set), 'unsupported-option');
          if (k) drop(k);
        }
      });

      test('open: a password hash without a salt → parameters-missing', () => {
        const h = makeHost(backend);
        for (const alg of ['PBKDF2-HMAC/SHA-256', 'PBKDF2-HMAC/SHA-512', 'SCRYPT', 'ARGON2-ID-13']) {
          throwsCode(() => open(h, alg), 'parameters-missing');
          throwsCode(() => open(h, alg, undefined, { ...PW_COSTS[alg]! }), 'parameters-missing');
        }
        const k = genKey(h, 'ARGON2-ID-13');
        throwsCode(() => open(h, 'ARGON2-ID-13', k, { ops_limit: 1n }), 'parameters-missing');
        drop(k);
      });

      test('open: values the algorithm cannot use → unsupported-option', () => {
        const h = makeHost(backend);
        const bad: [string, OptSet][] = [
          ['SCRYPT', { salt: SALT, ops_limit: 1000n }],
          ['SCRYPT', { salt: SALT, ops_limit: 1n }],
          ['SCRYPT', { salt: SALT, ops_limit: 0n }],
          ['SCRYPT', { salt: SALT, ops_limit: 1025n }],
          ['SCRYPT', { salt: SALT, ops_limit: 1024n, parallelism: 0n }],
          ['SCRYPT', { salt: SALT, ops_limit: 1024n, block_size: 0n }],
          ['ARGON2-ID-13', { salt: SALT, memory_limit: 65536n, ops_limit: 1n, parallelism: 0n }],
          ['ARGON2-ID-13', { salt: SALT, memory_limit: 65536n, ops_limit: 0n }],
          ['ARGON2-ID-13', { salt: SALT.subarray(0, 7), memory_limit: 65536n, ops_limit: 1n }],
          ['ARGON2-ID-13', { salt: new Uint8Array(0), memory_limit: 65536n, ops_limit: 1n }],
          // m = ⌊memory_limit / 1024⌋ KiB must be ≥ 8·p
          ['ARGON2-ID-13', { salt: SALT, memory_limit: 8n * 1024n - 1n, ops_limit: 1n }],
          ['ARGON2-ID-13', { salt: SALT, memory_limit: 16n * 1024n - 1n, ops_limit: 1n, parallelism: 2n }],
          ['ARGON2-ID-13', { salt: SALT, memory_limit: 0n, ops_limit: 1n }],
          ['PBKDF2-HMAC/SHA-256', { salt: SALT, ops_limit: 0n }],
        ];
        for (const [alg, set] of bad) throwsCode(() => open(h, alg, undefined, set), 'unsupported-option');
        // The boundaries themselves are usable.
        const ok: [string, OptSet][] = [
          ['SCRYPT', { salt: SALT, ops_limit: 2n }],
          ['ARGON2-ID-13', { salt: SALT.subarray(0, 8), memory_limit: 8n * 1024n, ops_limit: 1n }],
          ['ARGON2-ID-13', { salt: SALT, memory_limit: 16n * 1024n, ops_limit: 1n, parallelism: 2n }],
          ['PBKDF2-HMAC/SHA-256', { salt: SALT, ops_limit: 1n }],
        ];
        for (const [alg, set] of ok) {
          const st = open(h, alg, undefined, set);
          st.absorb(PW);
          assert.equal(st.squeeze(16).length, 16, `${alg} ${JSON.stringify(Object.keys(set))}`);
          drop(st);
        }
      });

      test('open: a cost above a host limit → prohibited-operation', () => {
        const h = makeHost(backend, {
          limits: { maxPwhashMemoryBytes: 1 << 20, maxPbkdf2Iterations: 1000, maxArgon2Passes: 2, maxPwhashParallelism: 2 },
        });
        const A = (extra: OptSet): OptSet => ({ salt: SALT, memory_limit: 65536n, ops_limit: 1n, parallelism: 1n, ...extra });
        const S = (extra: OptSet): OptSet => ({ salt: SALT, ops_limit: 1024n, block_size: 1n, parallelism: 1n, ...extra });
        const prohibited: [string, OptSet][] = [
          ['ARGON2-ID-13', A({ memory_limit: BigInt((1 << 20) + 1024) })],
          ['ARGON2-ID-13', A({ memory_limit: 1n << 40n })],
          ['ARGON2-ID-13', A({ ops_limit: 3n })],
          ['ARGON2-ID-13', A({ parallelism: 3n })],
          ['SCRYPT', S({ ops_limit: 1n << 16n, block_size: 8n })], // 128·r·N = 64 MiB
          ['SCRYPT', S({ ops_limit: 1n << 40n })],
          ['SCRYPT', S({ parallelism: 3n })],
          ['PBKDF2-HMAC/SHA-256', { salt: SALT, ops_limit: 1001n }],
          ['PBKDF2-HMAC/SHA-512', { salt: SALT, ops_limit: 1n << 40n }],
        ];
        for (const [alg, set] of prohibited) throwsCode(() => open(h, alg, undefined, set), 'prohibited-operation');
        for (const [alg, set] of [
          ['ARGON2-ID-13', A({ memory_limit: BigInt(1 << 20) })],
          ['ARGON2-ID-13', A({ ops_limit: 2n, parallelism: 2n })],
          ['SCRYPT', S({ parallelism: 2n })],
          ['PBKDF2-HMAC/SHA-256', { salt: SALT, ops_limit: 1000n }],
        ] as [string, OptSet][]) {
          drop(open(h, alg, undefined, set));
        }
      });

      test('options are copied at open: changing or dropping the options object afterwards changes nothing', () => {
        const h = makeHost(backend);
        // Password hash: salt and cost.
        const o = mkOpts(h, { salt: SALT, ops_limit: 1000n });
        const st = h.symmetric.SymmetricState.open('PBKDF2-HMAC/SHA-256', undefined, o);
        o.set('salt', utf8('another salt'));
        o.setU64('ops_limit', 2000n);
        assert.equal(toHex(st.optionsGet('salt')), toHex(SALT));
        assert.equal(st.optionsGetU64('ops_limit'), 1000n);
        drop(o);
        st.absorb(PW);
        assert.equal(toHex(st.squeeze(32)), toHex(u8(nc.pbkdf2Sync(PW, SALT, 1000, 32, 'sha256'))));
        // AEAD: nonce.
        const raw = KEY32;
        const key = importKey(h, 'AES-256-GCM', raw);
        const n1 = nonceFor('AES-256-GCM', 1);
        const o2 = mkOpts(h, { nonce: n1 });
        const enc = h.symmetric.SymmetricState.open('AES-256-GCM', key, o2);
        o2.set('nonce', nonceFor('AES-256-GCM', 2));
        assert.equal(toHex(enc.optionsGet('nonce')), toHex(n1));
        drop(o2);
        assert.equal(toHex(enc.encrypt(utf8('pt'))), toHex(refSeal('AES-256-GCM', raw, n1, new Uint8Array(0), utf8('pt'))));
        // cSHAKE: context.
        const o3 = mkOpts(h, { context: CSHAKE_S });
        const x = h.symmetric.SymmetricState.open('CSHAKE-128', undefined, o3);
        o3.set('context', utf8('changed'));
        drop(o3);
        x.absorb(utf8('m'));
        assert.equal(toHex(x.squeeze(40)), toHex(cshake128(utf8('m'), { personalization: CSHAKE_S, dkLen: 40 })));
        drop(st, enc, key, x);
      });

      test('options-get / options-get-u64 return the values in effect, with defaults', () => {
        const h = makeHost(backend);
        const p256 = open(h, 'PBKDF2-HMAC/SHA-256', undefined, { salt: SALT });
        assert.equal(p256.optionsGetU64('ops_limit'), 600_000n);
        assert.equal(toHex(p256.optionsGet('salt')), toHex(SALT));
        const p512 = open(h, 'PBKDF2-HMAC/SHA-512', undefined, { salt: SALT });
        assert.equal(p512.optionsGetU64('ops_limit'), 210_000n);
        const p1000 = open(h, 'PBKDF2-HMAC/SHA-256', undefined, { salt: SALT, ops_limit: 1000n });
        assert.equal(p1000.optionsGetU64('ops_limit'), 1000n);

        const sc = open(h, 'SCRYPT', undefined, { salt: SALT });
        assert.equal(sc.optionsGetU64('ops_limit'), 1n << 15n);
        assert.equal(sc.optionsGetU64('block_size'), 8n);
        assert.equal(sc.optionsGetU64('parallelism'), 1n);
        const sc2 = open(h, 'SCRYPT', undefined, { salt: SALT, ops_limit: 1024n, block_size: 4n, parallelism: 2n });
        assert.equal(sc2.optionsGetU64('ops_limit'), 1024n);
        assert.equal(sc2.optionsGetU64('block_size'), 4n);
        assert.equal(sc2.optionsGetU64('parallelism'), 2n);

        const ar = open(h, 'ARGON2-ID-13', undefined, { salt: SALT });
        assert.equal(ar.optionsGetU64('memory_limit'), 19n * 1024n * 1024n);
        assert.equal(ar.optionsGetU64('ops_limit'), 2n);
        assert.equal(ar.optionsGetU64('parallelism'), 1n);
        assert.equal(toHex(ar.optionsGet('salt')), toHex(SALT));
        throwsCode(() => ar.optionsGet('context'), 'option-not-set');
        const ar2 = open(h, 'ARGON2-ID-13', undefined, { salt: SALT, context: utf8('ad'), memory_limit: 65536n, ops_limit: 1n });
        assert.equal(toHex(ar2.optionsGet('context')), toHex(utf8('ad')));
        assert.equal(ar2.optionsGetU64('memory_limit'), 65536n);

        const gcmNonce = nonceFor('AES-128-GCM', 9);
        const k = genKey(h, 'AES-128-GCM');
        const g = open(h, 'AES-128-GCM', k, { nonce: gcmNonce });
        assert.equal(toHex(g.optionsGet('nonce')), toHex(gcmNonce));
        drop(p256, p512, p1000, sc, sc2, ar, ar2, g, k);
      });

      test('options-get: context not given → option-not-set; given → returned (cSHAKE, KMAC)', () => {
        const h = makeHost(backend);
        for (const alg of ['CSHAKE-128', 'CSHAKE-256', 'KMAC-128', 'KMAC-256']) {
          const k = alg.startsWith('KMAC') ? genKey(h, alg) : undefined;
          const a = open(h, alg, k);
          throwsCode(() => a.optionsGet('context'), 'option-not-set');
          const b = open(h, alg, k, { context: utf8('S') });
          assert.equal(toHex(b.optionsGet('context')), toHex(utf8('S')));
          drop(a, b);
          if (k) drop(k);
        }
      });

      test('options-get of an option the algorithm does not read → unsupported-option', () => {
        const h = makeHost(backend);
        const cases: [string, string, 'bytes' | 'u64'][] = [
          ['SHA-256', 'nonce', 'bytes'],
          ['SHA-256', 'ops_limit', 'u64'],
          ['SHA-256', 'no_such_option', 'bytes'],
          ['SHAKE-128', 'context', 'bytes'],
          ['BLAKE3', 'context', 'bytes'],
          ['HMAC/SHA-256', 'context', 'bytes'],
          ['HMAC/SHA-256', 'nonce', 'bytes'],
          ['HKDF-EXTRACT/SHA-256', 'salt', 'bytes'],
          ['HKDF-EXPAND/SHA-256', 'context', 'bytes'],
          ['PBKDF2-HMAC/SHA-256', 'memory_limit', 'u64'],
          ['PBKDF2-HMAC/SHA-256', 'parallelism', 'u64'],
          ['PBKDF2-HMAC/SHA-256', 'nonce', 'bytes'],
          ['SCRYPT', 'memory_limit', 'u64'],
          ['SCRYPT', 'context', 'bytes'],
          ['ARGON2-ID-13', 'block_size', 'u64'],
          ['ARGON2-ID-13', 'nonce', 'bytes'],
          ['AES-128-GCM', 'salt', 'bytes'],
          ['AES-128-GCM', 'context', 'bytes'],
          ['AES-128-GCM', 'ops_limit', 'u64'],
          ['XCHACHA20-POLY1305', 'memory_limit', 'u64'],
          ['AES-128-CBC', 'salt', 'bytes'],
          ['AES-256-CTR', 'context', 'bytes'],
        ];
        for (const [alg, name, type] of cases) {
          const kind = KIND_OF[alg]!;
          const st = openSample(h, alg, kind);
          if (type === 'bytes') throwsCode(() => st.optionsGet(name), 'unsupported-option');
          else throwsCode(() => st.optionsGetU64(name), 'unsupported-option');
          drop(st);
        }
      });
    });

    // ----------------------------------------------------------------------------------------
    describe('operations per kind', () => {
      const ALL = KINDS;
      const OPS: { name: string; invalidFor: Kind[]; run: (st: SymmetricState) => unknown }[] = [
        { name: 'absorb', invalidFor: ['cbc', 'ctr'], run: (st) => st.absorb(utf8('x')) },
        { name: 'squeeze', invalidFor: ['mac', 'extract', 'aead', 'cbc', 'ctr'], run: (st) => st.squeeze(16) },
        { name: 'squeeze-tag', invalidFor: ['hash', 'xof', 'extract', 'expand', 'aead', 'cbc', 'ctr'], run: (st) => drop(st.squeezeTag()) },
        { name: 'squeeze-key', invalidFor: ALL.filter((k) => k !== 'extract'), run: (st) => drop(st.squeezeKey('HKDF-EXPAND/SHA-256')) },
        { name: 'max-tag-len', invalidFor: ['hash', 'xof', 'extract', 'expand', 'pwhash'], run: (st) => st.maxTagLen() },
        { name: 'encrypt', invalidFor: ['hash', 'xof', 'mac', 'extract', 'expand', 'pwhash'], run: (st) => st.encrypt(utf8('x')) },
        { name: 'decrypt', invalidFor: ['hash', 'xof', 'mac', 'extract', 'expand', 'pwhash'], run: (st) => st.decrypt(new Uint8Array(32)) },
        {
          name: 'encrypt-detached',
          invalidFor: ALL.filter((k) => k !== 'aead'),
          run: (st) => {
            const [, t] = st.encryptDetached(utf8('x'));
            drop(t);
          },
        },
        { name: 'decrypt-detached', invalidFor: ALL.filter((k) => k !== 'aead'), run: (st) => st.decryptDetached(new Uint8Array(16), new Uint8Array(16)) },
        { name: 'ratchet', invalidFor: ALL, run: (st) => st.ratchet() },
      ];

      for (const s of SAMPLES) {
        test(`${s.alg} (${s.kind}): every cell of the operation table`, () => {
          const h = makeHost(backend);
          for (const op of OPS) {
            const st = openSample(h, s.alg, s.kind);
            if (op.invalidFor.includes(s.kind)) throwsCode(() => op.run(st), 'invalid-operation');
            else notInvalidOperation(() => op.run(st), `${op.name} on ${s.alg}`);
            drop(st);
          }
          // clone and reset are defined for every kind.
          const st = openSample(h, s.alg, s.kind);
          const c = st.clone();
          st.reset();
          c.reset();
          drop(c, st);
          assert.equal(h.host.stats().handles.total, 0);
        });
      }

      test('AEAD: absorb after encrypt or encrypt-detached → invalid-operation', () => {
        const h = makeHost(backend);
        for (const alg of AEADS) {
          const a = openSample(h, alg, 'aead');
          a.absorb(utf8('ad'));
          a.encrypt(utf8('pt'));
          throwsCode(() => a.absorb(utf8('late')), 'invalid-operation');
          const b = openSample(h, alg, 'aead');
          const [, t] = b.encryptDetached(utf8('pt'));
          throwsCode(() => b.absorb(utf8('late')), 'invalid-operation');
          drop(t, a, b);
        }
      });

      test('fixed-size hashes: truncation, and n > digest length → invalid-length (state and one-shot)', () => {
        const h = makeHost(backend);
        const data = utf8('the quick brown fox');
        for (const x of FIXED_HASHES) {
          const want = nodeDigest(x.node, data);
          assert.equal(toHex(h.symmetric.hash(x.alg, data, undefined)), toHex(want), `${x.alg} one-shot default length`);
          assert.equal(toHex(h.symmetric.hash(x.alg, data, 5)), toHex(want.subarray(0, 5)));
          assert.equal(toHex(h.symmetric.hash(x.alg, data, x.len)), toHex(want));
          throwsCode(() => h.symmetric.hash(x.alg, data, x.len + 1), 'invalid-length');
          const st = open(h, x.alg);
          st.absorb(data);
          assert.equal(toHex(st.squeeze(x.len)), toHex(want));
          assert.equal(toHex(st.squeeze(7)), toHex(want.subarray(0, 7)));
          throwsCode(() => st.squeeze(x.len + 1), 'invalid-length');
          drop(st);
        }
      });

      test('one-shot hash: keyed, optioned or non-hash algorithms → invalid-operation', () => {
        const h = makeHost(backend);
        for (const alg of [
          'HMAC/SHA-256',
          'KMAC-128',
          'AES-128-CMAC',
          'HKDF-EXTRACT/SHA-256',
          'HKDF-EXPAND/SHA-256',
          'PBKDF2-HMAC/SHA-256',
          'SCRYPT',
          'ARGON2-ID-13',
          'AES-256-GCM',
          'XCHACHA20-POLY1305',
          'AES-128-CBC',
          'AES-128-CTR',
        ]) {
          throwsCode(() => h.symmetric.hash(alg, utf8('x'), undefined), 'invalid-operation');
        }
      });

      test('HKDF-EXPAND: OKM of n bytes; n > 255·HashLen → overflow', () => {
        const h = makeHost(backend);
        for (const [alg, hashLen, hash] of [
          ['HKDF-EXPAND/SHA-256', 32, sha256],
          ['HKDF-EXPAND/SHA-512', 64, sha512],
        ] as const) {
          const prk = fill(hashLen, 0x42);
          const k = importKey(h, alg, prk);
          const st = open(h, alg, k);
          st.absorb(utf8('in'));
          st.absorb(utf8('fo'));
          throwsCode(() => st.squeeze(255 * hashLen + 1), 'overflow');
          assert.equal(toHex(st.squeeze(255 * hashLen)), toHex(hkdfExpand(hash, prk, utf8('info'), 255 * hashLen)));
          assert.equal(toHex(st.squeeze(42)), toHex(hkdfExpand(hash, prk, utf8('info'), 42)));
          drop(st, k);
        }
      });

      test('HKDF: RFC 5869 case 1 through extract (salt absorbed in pieces) → squeeze-key → expand', () => {
        const h = makeHost(backend);
        const ikm = importKey(h, 'HKDF-EXTRACT/SHA-256', RFC5869.ikm);
        const ex = open(h, 'HKDF-EXTRACT/SHA-256', ikm);
        ex.absorb(RFC5869.salt.subarray(0, 5));
        ex.absorb(RFC5869.salt.subarray(5));
        const prk = ex.squeezeKey('hkdf-expand/sha-256');
        assert.equal(prk.algorithm(), 'HKDF-EXPAND/SHA-256');
        assert.equal(toHex(prk.export()), RFC5869.prk);
        const exp = open(h, 'HKDF-EXPAND/SHA-256', prk);
        exp.absorb(RFC5869.info);
        assert.equal(toHex(exp.squeeze(42)), RFC5869.okm);
        // No salt absorbed = HashLen zero bytes (RFC 5869 §2.2).
        const ex0 = open(h, 'HKDF-EXTRACT/SHA-256', ikm);
        const prk0 = ex0.squeezeKey('HKDF-EXPAND/SHA-256');
        assert.equal(toHex(prk0.export()), toHex(hkdfExtract(sha256, RFC5869.ikm, new Uint8Array(32))));
        drop(prk0, ex0, exp, prk, ex, ikm);
      });

      test('squeeze-key: the target must be HKDF-EXPAND with the same hash, else unsupported-algorithm', () => {
        const h = makeHost(backend);
        for (const [src, ok, hashLen] of [
          ['HKDF-EXTRACT/SHA-256', 'HKDF-EXPAND/SHA-256', 32],
          ['HKDF-EXTRACT/SHA-384', 'HKDF-EXPAND/SHA-384', 48],
          ['HKDF-EXTRACT/SHA-512', 'HKDF-EXPAND/SHA-512', 64],
        ] as const) {
          const k = genKey(h, src);
          const st = open(h, src, k);
          for (const bad of [
            ...['HKDF-EXPAND/SHA-256', 'HKDF-EXPAND/SHA-384', 'HKDF-EXPAND/SHA-512'].filter((a) => a !== ok),
            src,
            'HMAC/SHA-256',
            'AES-256-GCM',
            'SHA-256',
            'NO-SUCH-ALGORITHM',
          ]) {
            throwsCode(() => st.squeezeKey(bad), 'unsupported-algorithm');
          }
          const out = st.squeezeKey(ok);
          assert.equal(out.algorithm(), ok);
          assert.equal(out.export().length, hashLen);
          drop(out, st, k);
        }
      });

      test('max-tag-len values: HMAC hash length, CMAC 16, KMAC its tag length, AEAD 16, CBC 16, CTR 0', () => {
        const h = makeHost(backend);
        const want: [string, Kind, number | undefined][] = [
          ['HMAC/SHA-256', 'mac', 32],
          ['HMAC/SHA-384', 'mac', 48],
          ['HMAC/SHA-512', 'mac', 64],
          ['AES-128-CMAC', 'mac', 16],
          ['AES-256-CMAC', 'mac', 16],
          ['KMAC-128', 'mac', undefined],
          ['KMAC-256', 'mac', undefined],
          ...AEADS.map((a) => [a, 'aead', 16] as [string, Kind, number]),
          ['AES-128-CBC', 'cbc', 16],
          ['AES-256-CBC', 'cbc', 16],
          ['AES-128-CTR', 'ctr', 0],
          ['AES-256-CTR', 'ctr', 0],
        ];
        for (const [alg, kind, len] of want) {
          const st = openSample(h, alg, kind);
          const got = st.maxTagLen();
          if (len !== undefined) assert.equal(got, len, alg);
          if (kind === 'mac') {
            const tag = st.squeezeTag();
            assert.equal(tag.len(), got, `${alg}: tags are max-tag-len bytes`);
            assert.ok(got > 0);
            drop(tag);
          }
          drop(st);
        }
      });
    });

    // ----------------------------------------------------------------------------------------
    describe('XOFs', () => {
      const data = utf8('extendable output');
      for (const x of XOFS) {
        test(`${x.name}: consecutive squeezes continue one stream`, () => {
          const h = makeHost(backend);
          const a = openXof(h, x);
          a.absorb(data.subarray(0, 4));
          a.absorb(data.subarray(4));
          const parts = [a.squeeze(7), a.squeeze(200), a.squeeze(0), a.squeeze(1), a.squeeze(64)];
          const b = openXof(h, x);
          b.absorb(data);
          const whole = b.squeeze(272);
          assert.equal(toHex(cat(...parts)), toHex(whole));
          assert.equal(toHex(whole), toHex(x.ref(data, 272)));
          drop(a, b);
        });

        test(`${x.name}: a clone continues from the same stream position, independently`, () => {
          const h = makeHost(backend);
          const st = openXof(h, x);
          st.absorb(data);
          st.squeeze(10);
          const c = st.clone();
          const fromOrig = st.squeeze(50);
          const fromClone1 = c.squeeze(20);
          const fromClone2 = c.squeeze(30);
          const ref = x.ref(data, 60);
          assert.equal(toHex(fromOrig), toHex(ref.subarray(10)));
          assert.equal(toHex(cat(fromClone1, fromClone2)), toHex(ref.subarray(10)));
          drop(c, st);
        });

        test(`${x.name}: absorb after squeeze → invalid-operation; reset starts over`, () => {
          const h = makeHost(backend);
          const st = openXof(h, x);
          st.absorb(utf8('junk'));
          st.squeeze(3);
          throwsCode(() => st.absorb(data), 'invalid-operation');
          st.reset();
          st.absorb(data);
          assert.equal(toHex(st.squeeze(33)), toHex(x.ref(data, 33)), 'reset keeps key and options');
          drop(st);
        });
      }

      test('the total output of an XOF state is bounded by maxOutputBytes → overflow', () => {
        const h = makeHost(backend, { limits: { maxOutputBytes: 64 } });
        for (const x of XOFS) {
          const a = openXof(h, x);
          a.squeeze(40);
          a.squeeze(24);
          throwsCode(() => a.squeeze(1), 'overflow');
          const b = openXof(h, x);
          b.squeeze(40);
          throwsCode(() => b.squeeze(25), 'overflow');
          const c = openXof(h, x);
          throwsCode(() => c.squeeze(65), 'invalid-length');
          assert.equal(c.squeeze(64).length, 64);
          throwsCode(() => c.squeeze(1), 'overflow');
          c.reset();
          assert.equal(toHex(c.squeeze(64)), toHex(x.ref(new Uint8Array(0), 64)), 'reset = right after open');
          drop(a, b, c);
        }
      });

      test('one-shot XOF: default lengths 32 / 64; up to maxOutputBytes; cSHAKE without S = SHAKE', () => {
        const h = makeHost(backend, { limits: { maxOutputBytes: 300 } });
        const defaults: [string, number, (d: Uint8Array, n: number) => Uint8Array][] = [
          ['SHAKE-128', 32, (d, n) => nodeDigest('shake128', d, n)],
          ['SHAKE-256', 64, (d, n) => nodeDigest('shake256', d, n)],
          ['CSHAKE-128', 32, (d, n) => nodeDigest('shake128', d, n)],
          ['CSHAKE-256', 64, (d, n) => nodeDigest('shake256', d, n)],
          ['BLAKE3', 32, (d, n) => blake3(d, { dkLen: n })],
        ];
        for (const [alg, def, ref] of defaults) {
          assert.equal(toHex(h.symmetric.hash(alg, data, undefined)), toHex(ref(data, def)), `${alg} default`);
          assert.equal(toHex(h.symmetric.hash(alg, data, 300)), toHex(ref(data, 300)), `${alg} long`);
          throwsCode(() => h.symmetric.hash(alg, data, 301), 'invalid-length');
        }
      });
    });

    // ----------------------------------------------------------------------------------------
    describe('nonces', () => {
      for (const alg of [...AEADS, ...CIPHERS]) {
        const isAead = AEADS.includes(alg);
        test(`${alg}: one encryption per nonce, shared by clones, not restored by reset, not used by decryption`, () => {
          const h = makeHost(backend);
          const raw = fill(keyLenOf(alg), 0x11);
          const key = importKey(h, alg, raw);
          const nonce = nonceFor(alg);
          const pt = utf8('sixteen byte msg and more');
          const st = () => open(h, alg, key, { nonce });

          // A second encryption on the same state.
          const a = st();
          const ct = a.encrypt(pt);
          throwsCode(() => a.encrypt(pt), 'nonce-required');
          if (isAead) throwsCode(() => a.encryptDetached(pt), 'nonce-required');
          // Decryption after the encryption still works, on the same state.
          assert.equal(toHex(a.decrypt(ct)), toHex(pt));
          // reset does not give the use back.
          a.reset();
          throwsCode(() => a.encrypt(pt), 'nonce-required');

          if (isAead) {
            const d = st();
            const [, tag] = d.encryptDetached(pt);
            throwsCode(() => d.encrypt(pt), 'nonce-required');
            throwsCode(() => d.encryptDetached(pt), 'nonce-required');
            drop(tag, d);
          }

          // Clone of an unused state: clone first, then the original.
          const b = st();
          const bc = b.clone();
          assert.equal(toHex(bc.encrypt(pt)), toHex(ct));
          throwsCode(() => b.encrypt(pt), 'nonce-required');
          const bcc = b.clone();
          throwsCode(() => bcc.encrypt(pt), 'nonce-required');
          // ... and the other way round.
          const c = st();
          const cc = c.clone();
          const ccc = cc.clone();
          assert.equal(toHex(c.encrypt(pt)), toHex(ct));
          throwsCode(() => cc.encrypt(pt), 'nonce-required');
          throwsCode(() => ccc.encrypt(pt), 'nonce-required');
          cc.reset();
          throwsCode(() => cc.encrypt(pt), 'nonce-required');

          // Decryption does not use the nonce up.
          const e = st();
          assert.equal(toHex(e.decrypt(ct)), toHex(pt));
          assert.equal(toHex(e.decrypt(ct)), toHex(pt));
          assert.equal(toHex(e.encrypt(pt)), toHex(ct), 'the state can still encrypt once');
          drop(a, b, bc, bcc, c, cc, ccc, e, key);
        });
      }

      test('clone copies the absorbed associated data', () => {
        const h = makeHost(backend);
        for (const alg of AEADS) {
          const raw = fill(keyLenOf(alg), 0x22);
          const key = importKey(h, alg, raw);
          const nonce = nonceFor(alg, 3);
          const st = open(h, alg, key, { nonce });
          st.absorb(utf8('header'));
          const c = st.clone();
          c.absorb(utf8('-more'));
          assert.equal(toHex(c.encrypt(utf8('pt'))), toHex(refSeal(alg, raw, nonce, utf8('header-more'), utf8('pt'))));
          // The original kept its own AD (decrypt checks it) but shares the used nonce.
          assert.equal(toHex(st.decrypt(refSeal(alg, raw, nonce, utf8('header'), utf8('x')))), toHex(utf8('x')));
          throwsCode(() => st.encrypt(utf8('pt')), 'nonce-required');
          drop(c, st, key);
        }
      });

      test('reset clears the associated data', () => {
        const h = makeHost(backend);
        for (const alg of AEADS) {
          const raw = fill(keyLenOf(alg), 0x23);
          const key = importKey(h, alg, raw);
          const nonce = nonceFor(alg, 4);
          const st = open(h, alg, key, { nonce });
          st.absorb(utf8('stale'));
          st.reset();
          st.absorb(utf8('fresh'));
          assert.equal(toHex(st.encrypt(utf8('pt'))), toHex(refSeal(alg, raw, nonce, utf8('fresh'), utf8('pt'))));
          drop(st, key);
        }
      });

      for (const [alg, nlen] of [
        ['XCHACHA20-POLY1305', 24],
        ['AES-128-GCM-SIV', 12],
        ['AES-256-GCM-SIV', 12],
      ] as const) {
        test(`${alg}: without a nonce, a random one is drawn from the host's source and readable`, () => {
          let counter = 0;
          const draws: Uint8Array[] = [];
          const random = (out: Uint8Array): void => {
            for (let i = 0; i < out.length; i++) out[i] = (counter++ * 37 + 11) & 0xff;
            draws.push(Uint8Array.from(out));
          };
          const h = makeHost(backend, { random });
          const raw = fill(keyLenOf(alg), 0x33);
          const key = importKey(h, alg, raw);
          const ad = utf8('ad');
          const pt = utf8('auto nonce');
          const nonces: string[] = [];
          for (const how of ['no options', 'options without nonce'] as const) {
            draws.length = 0;
            const empty = how === 'no options' ? undefined : new h.common.Options('symmetric');
            const st = h.symmetric.SymmetricState.open(alg, key, empty);
            if (empty) drop(empty);
            const nonce = st.optionsGet('nonce');
            assert.equal(nonce.length, nlen, `${how}: nonce length`);
            assert.ok(draws.length > 0, `${how}: the nonce comes from the host's random source`);
            assert.ok(toHex(cat(...draws)).includes(toHex(nonce)), `${how}: the nonce is what the random source gave`);
            nonces.push(toHex(nonce));
            st.absorb(ad);
            const ct = st.encrypt(pt);
            assert.equal(toHex(ct), toHex(refSeal(alg, raw, nonce, ad, pt)), `${how}: encrypted under that nonce`);
            assert.equal(toHex(key.open(nonce, ad, ct)), toHex(pt));
            const dec = open(h, alg, key, { nonce });
            dec.absorb(ad);
            assert.equal(toHex(dec.decrypt(ct)), toHex(pt));
            throwsCode(() => st.encrypt(pt), 'nonce-required');
            drop(dec, st);
          }
          assert.notEqual(nonces[0], nonces[1], 'each state draws its own nonce');
          // The one-shot seal never draws a nonce: an empty one is invalid.
          throwsCode(() => key.seal(new Uint8Array(0), ad, pt), 'invalid-nonce');
          drop(key);
        });
      }

      test('every other AEAD, CBC and CTR without a nonce → nonce-required', () => {
        const h = makeHost(backend);
        for (const alg of ['AES-128-GCM', 'AES-256-GCM', 'CHACHA20-POLY1305', ...CIPHERS]) {
          const key = genKey(h, alg);
          throwsCode(() => h.symmetric.SymmetricState.open(alg, key, undefined), 'nonce-required');
          const empty = new h.common.Options('symmetric');
          throwsCode(() => h.symmetric.SymmetricState.open(alg, key, empty), 'nonce-required');
          drop(empty, key);
        }
      });

      test('a nonce of the wrong length → invalid-nonce (open and one-shots)', () => {
        const h = makeHost(backend);
        for (const alg of [...AEADS, ...CIPHERS]) {
          const n = NONCE_LEN[alg]!;
          const key = genKey(h, alg);
          for (const bad of [0, 1, n - 1, n + 1, n === 12 ? 24 : 12, n === 16 ? 12 : 16].filter((v) => v !== n)) {
            throwsCode(() => open(h, alg, key, { nonce: new Uint8Array(bad) }), 'invalid-nonce');
            if (AEADS.includes(alg)) {
              throwsCode(() => key.seal(new Uint8Array(bad), new Uint8Array(0), utf8('x')), 'invalid-nonce');
              throwsCode(() => key.open(new Uint8Array(bad), new Uint8Array(0), new Uint8Array(17)), 'invalid-nonce');
            }
          }
          drop(key);
        }
      });
    });

    // ----------------------------------------------------------------------------------------
    describe('decryption', () => {
      for (const alg of AEADS) {
        test(`${alg}: anything that does not authenticate → invalid-tag (state, detached, one-shot)`, () => {
          const h = makeHost(backend);
          const raw = fill(keyLenOf(alg), 0x44);
          const key = importKey(h, alg, raw);
          const nonce = nonceFor(alg, 5);
          const ad = utf8('associated');
          const pt = utf8('plaintext of some length');
          const sealed = key.seal(nonce, ad, pt);
          assert.equal(toHex(sealed), toHex(refSeal(alg, raw, nonce, ad, pt)));
          const ct = sealed.subarray(0, pt.length);
          const tag = sealed.subarray(pt.length);
          const dec = (aad = ad) => {
            const s = open(h, alg, key, { nonce });
            s.absorb(aad);
            return s;
          };
          const good = dec();
          assert.equal(toHex(good.decrypt(sealed)), toHex(pt));
          assert.equal(toHex(good.decryptDetached(ct, tag)), toHex(pt));

          const flipCt = Uint8Array.from(sealed);
          flipCt[2]! ^= 0x01;
          const flipTag = Uint8Array.from(sealed);
          flipTag[flipTag.length - 1]! ^= 0x80;
          for (const bad of [flipCt, flipTag]) {
            throwsCode(() => dec().decrypt(bad), 'invalid-tag');
            throwsCode(() => dec().decryptDetached(bad.subarray(0, pt.length), bad.subarray(pt.length)), 'invalid-tag');
            throwsCode(() => key.open(nonce, ad, bad), 'invalid-tag');
          }
          // Tampered associated data.
          throwsCode(() => dec(utf8('associatee')).decrypt(sealed), 'invalid-tag');
          throwsCode(() => dec(new Uint8Array(0)).decryptDetached(ct, tag), 'invalid-tag');
          throwsCode(() => key.open(nonce, utf8('associatee'), sealed), 'invalid-tag');
          // Wrong nonce.
          throwsCode(() => key.open(nonceFor(alg, 6), ad, sealed), 'invalid-tag');
          // Shorter than a tag.
          for (const n of [0, 1, 15]) {
            throwsCode(() => dec().decrypt(sealed.subarray(0, n)), 'invalid-tag');
            throwsCode(() => key.open(nonce, ad, sealed.subarray(0, n)), 'invalid-tag');
          }
          // Detached tag of the wrong length.
          for (const t of [new Uint8Array(0), tag.subarray(0, 15), cat(tag, Uint8Array.of(0)), tag.subarray(0, 12)]) {
            throwsCode(() => dec().decryptDetached(ct, t), 'invalid-tag');
          }
          // ... even when ciphertext ‖ tag is the authentic byte string, split at another place.
          throwsCode(() => dec().decryptDetached(cat(ct, tag.subarray(0, 4)), tag.subarray(4)), 'invalid-tag');
          throwsCode(() => dec().decryptDetached(ct.subarray(0, ct.length - 1), cat(ct.subarray(ct.length - 1), tag)), 'invalid-tag');
          // Empty plaintext: the output is the tag alone.
          const onlyTag = key.seal(nonce, ad, new Uint8Array(0));
          assert.equal(onlyTag.length, 16);
          assert.equal(dec().decrypt(onlyTag).length, 0);
          drop(good, key);
        });
      }

      for (const alg of ['AES-128-CBC', 'AES-256-CBC']) {
        test(`${alg}: PKCS#7; length not a positive multiple of 16 → invalid-length; bad padding → algorithm-failure`, () => {
          const h = makeHost(backend);
          const raw = fill(keyLenOf(alg), 0x55);
          const key = importKey(h, alg, raw);
          const iv = nonceFor(alg, 8);
          const st = () => open(h, alg, key, { nonce: iv });
          for (const n of [0, 1, 15, 16, 17, 32, 33]) {
            const pt = fill(n, 0x61 + n);
            const ct = st().encrypt(pt);
            assert.equal(ct.length, (Math.floor(n / 16) + 1) * 16, `${n}-byte plaintext`);
            assert.equal(toHex(ct), toHex(refCipher(alg, raw, iv, pt)));
            assert.equal(toHex(st().decrypt(ct)), toHex(pt));
          }
          for (const n of [0, 1, 15, 17, 31, 33]) throwsCode(() => st().decrypt(new Uint8Array(n)), 'invalid-length');
          // Blocks whose decryption ends in an invalid PKCS#7 padding.
          for (const lastBlock of [
            hex('00'.repeat(16)), // padding byte 0
            hex('41'.repeat(15) + '11'), // 17 > 16
            hex('41'.repeat(13) + '010303'), // inconsistent padding bytes
          ]) {
            const ct = refCipher(alg, raw, iv, cat(fill(16, 0x41), lastBlock), false);
            throwsCode(() => st().decrypt(ct), 'algorithm-failure');
          }
          drop(key);
        });
      }

      for (const alg of ['AES-128-CTR', 'AES-256-CTR']) {
        test(`${alg}: any length, 128-bit big-endian counter, no authentication`, () => {
          const h = makeHost(backend);
          const raw = fill(keyLenOf(alg), 0x66);
          const key = importKey(h, alg, raw);
          for (const iv of [nonceFor(alg, 9), fill(16, 0xff), hex('00000000000000000000000000fffffe')]) {
            const st = () => open(h, alg, key, { nonce: iv });
            for (const n of [0, 1, 17, 33, 50]) {
              const pt = fill(n, 0x30 + n);
              const ct = st().encrypt(pt);
              assert.equal(toHex(ct), toHex(refCipher(alg, raw, iv, pt)), `iv ${toHex(iv)}, ${n} bytes`);
              assert.equal(toHex(st().decrypt(ct)), toHex(pt));
            }
            // A modified ciphertext decrypts to correspondingly modified plaintext.
            const pt = utf8('attack at dawn');
            const ct = st().encrypt(pt);
            ct[0]! ^= 0x01;
            const got = st().decrypt(ct);
            assert.equal(got[0], pt[0]! ^ 0x01);
            assert.equal(toHex(got.subarray(1)), toHex(pt.subarray(1)));
          }
          drop(key);
        });
      }
    });

    // ----------------------------------------------------------------------------------------
    describe('tags', () => {
      test('len, to-bytes (a copy) and verify (mismatch or other length → invalid-tag), for MAC, AEAD and password-hash tags', () => {
        const h = makeHost(backend);
        const tags: { what: string; make: () => ReturnType<SymmetricState['squeezeTag']>; cleanup: () => void }[] = [];
        const mac = openSample(h, 'HMAC/SHA-256', 'mac');
        mac.absorb(utf8('m'));
        const aead = openSample(h, 'AES-256-GCM-SIV', 'aead');
        const pw = openSample(h, 'PBKDF2-HMAC/SHA-256', 'pwhash');
        pw.absorb(PW);
        tags.push({ what: 'HMAC', make: () => mac.squeezeTag(), cleanup: () => drop(mac) });
        tags.push({ what: 'AEAD detached', make: () => aead.encryptDetached(utf8('p'))[1], cleanup: () => drop(aead) });
        tags.push({ what: 'PBKDF2 string', make: () => pw.squeezeTag(), cleanup: () => drop(pw) });
        for (const t of tags) {
          const tag = t.make();
          const bytes = tag.toBytes();
          assert.equal(tag.len(), bytes.length, t.what);
          tag.verify(bytes);
          const copy = Uint8Array.from(bytes);
          bytes.fill(0);
          assert.equal(toHex(tag.toBytes()), toHex(copy), `${t.what}: to-bytes returned a copy`);
          tag.verify(copy);
          throwsCode(() => tag.verify(copy.subarray(0, copy.length - 1)), 'invalid-tag');
          throwsCode(() => tag.verify(cat(copy, Uint8Array.of(copy[0]!))), 'invalid-tag');
          throwsCode(() => tag.verify(new Uint8Array(0)), 'invalid-tag');
          const flipped = Uint8Array.from(copy);
          flipped[0]! ^= 1;
          throwsCode(() => tag.verify(flipped), 'invalid-tag');
          drop(tag);
          t.cleanup();
        }
        assert.equal(h.host.stats().handles.total, 0);
      });
    });

    // ----------------------------------------------------------------------------------------
    describe('clone and reset', () => {
      /** Builds the output of a state after absorbing `chunks`, per kind. */
      const output = (st: SymmetricState, kind: Kind): string => {
        switch (kind) {
          case 'mac': {
            const t = st.squeezeTag();
            const b = toHex(t.toBytes());
            drop(t);
            return b;
          }
          case 'extract': {
            const k = st.squeezeKey('HKDF-EXPAND/SHA-256');
            const b = toHex(k.export());
            drop(k);
            return b;
          }
          case 'pwhash':
            return toHex(st.squeeze(32));
          case 'expand':
            return toHex(st.squeeze(80));
          default:
            return toHex(st.squeeze(32));
        }
      };
      const CASES: { alg: string; kind: Kind; ref: (msg: Uint8Array) => Uint8Array; key?: Uint8Array; set?: OptSet }[] = [
        { alg: 'SHA3-256', kind: 'hash', ref: (m) => nodeDigest('sha3-256', m) },
        { alg: 'BLAKE2b-512', kind: 'hash', ref: (m) => nodeDigest('blake2b512', m).subarray(0, 32) },
        { alg: 'SHAKE-256', kind: 'xof', ref: (m) => nodeDigest('shake256', m, 32) },
        { alg: 'HMAC/SHA-512', kind: 'mac', key: KEY32, ref: (m) => u8(nc.createHmac('sha512', KEY32).update(m).digest()) },
        {
          alg: 'KMAC-256',
          kind: 'mac',
          key: KEY32,
          set: { context: utf8('S') },
          ref: (m) => kmac256(KEY32, m, { personalization: utf8('S'), dkLen: 64 }),
        },
        { alg: 'AES-128-CMAC', kind: 'mac', key: KEY32.subarray(0, 16), ref: (m) => cmac(m, KEY32.subarray(0, 16)) },
        { alg: 'HKDF-EXTRACT/SHA-256', kind: 'extract', key: KEY32, ref: (m) => hkdfExtract(sha256, KEY32, m.length ? m : undefined) },
        { alg: 'HKDF-EXPAND/SHA-256', kind: 'expand', key: KEY32, ref: (m) => hkdfExpand(sha256, KEY32, m, 80) },
        {
          alg: 'PBKDF2-HMAC/SHA-512',
          kind: 'pwhash',
          set: { salt: SALT, ops_limit: 1000n },
          ref: (m) => u8(nc.pbkdf2Sync(m, SALT, 1000, 32, 'sha512')),
        },
        {
          alg: 'SCRYPT',
          kind: 'pwhash',
          set: { salt: SALT, ops_limit: 1024n },
          ref: (m) => u8(nc.scryptSync(m, SALT, 32, { N: 1024, r: 8, p: 1 })),
        },
        {
          alg: 'ARGON2-ID-13',
          kind: 'pwhash',
          set: { salt: SALT, memory_limit: 65536n, ops_limit: 1n },
          ref: (m) => argon2id(m, SALT, { t: 1, m: 64, p: 1, dkLen: 32 }),
        },
      ];
      for (const c of CASES) {
        const mk = (h: Host): SymmetricState => {
          const k = c.key ? importKey(h, c.alg, c.key) : undefined;
          try {
            return open(h, c.alg, k, c.set);
          } finally {
            if (k) drop(k);
          }
        };
        test(`${c.alg}: a clone is independent; input is cumulative/concatenated`, () => {
          const h = makeHost(backend);
          const st = mk(h);
          st.absorb(utf8('pass'));
          const cl = st.clone();
          cl.absorb(utf8('word'));
          st.absorb(utf8('wort'));
          const cl2 = cl.clone();
          assert.equal(output(cl, c.kind), toHex(c.ref(utf8('password'))), 'clone');
          assert.equal(output(st, c.kind), toHex(c.ref(utf8('passwort'))), 'original');
          // A clone outlives the state it came from (and the dropped key).
          drop(st, cl);
          assert.equal(output(cl2, c.kind), toHex(c.ref(utf8('password'))), 'clone of a clone, originals dropped');
          drop(cl2);
        });

        test(`${c.alg}: reset returns to the state right after open (same key and options)`, () => {
          const h = makeHost(backend);
          const st = mk(h);
          st.absorb(utf8('discarded input'));
          if (c.kind === 'hash' || c.kind === 'xof' || c.kind === 'pwhash' || c.kind === 'expand') st.squeeze(4);
          st.reset();
          st.absorb(utf8('pass'));
          st.absorb(utf8('word'));
          assert.equal(output(st, c.kind), toHex(c.ref(utf8('password'))));
          st.reset();
          assert.equal(output(st, c.kind), toHex(c.ref(new Uint8Array(0))), 'reset with nothing absorbed');
          drop(st);
        });
      }

      test('CBC / CTR: reset of an unused state keeps key and IV', () => {
        const h = makeHost(backend);
        for (const alg of ['AES-128-CBC', 'AES-256-CTR']) {
          const raw = fill(keyLenOf(alg), 0x77);
          const key = importKey(h, alg, raw);
          const iv = nonceFor(alg, 1);
          const st = open(h, alg, key, { nonce: iv });
          st.reset();
          assert.equal(toHex(st.encrypt(utf8('after reset'))), toHex(refCipher(alg, raw, iv, utf8('after reset'))));
          drop(st, key);
        }
      });
    });

    // ----------------------------------------------------------------------------------------
    describe('limits', () => {
      const limits = { maxInputBytes: 32, maxOutputBytes: 48, maxStateBufferBytes: 40 };

      test('absorb above maxInputBytes → invalid-length (every kind that absorbs)', () => {
        const h = makeHost(backend, { limits });
        for (const s of SAMPLES.filter((x) => x.kind !== 'cbc' && x.kind !== 'ctr')) {
          const st = openSample(h, s.alg, s.kind);
          throwsCode(() => st.absorb(new Uint8Array(33)), 'invalid-length');
          st.absorb(new Uint8Array(32));
          drop(st);
        }
      });

      test('inputs of encrypt/decrypt and one-shots above maxInputBytes → invalid-length', () => {
        const h = makeHost(backend, { limits });
        for (const alg of [...AEADS, ...CIPHERS]) {
          const st = openSample(h, alg, AEADS.includes(alg) ? 'aead' : 'cbc');
          throwsCode(() => st.encrypt(new Uint8Array(33)), 'invalid-length');
          throwsCode(() => st.decrypt(new Uint8Array(64)), 'invalid-length');
          drop(st);
        }
        const mk = genKey(h, 'HMAC/SHA-256');
        throwsCode(() => mk.mac(new Uint8Array(33)), 'invalid-length');
        const ak = genKey(h, 'XCHACHA20-POLY1305');
        throwsCode(() => ak.seal(new Uint8Array(24), new Uint8Array(0), new Uint8Array(33)), 'invalid-length');
        throwsCode(() => ak.seal(new Uint8Array(24), new Uint8Array(33), new Uint8Array(0)), 'invalid-length');
        throwsCode(() => h.symmetric.hash('SHAKE-128', new Uint8Array(33), 16), 'invalid-length');
        drop(mk, ak);
      });

      test('squeeze above maxOutputBytes → invalid-length', () => {
        const h = makeHost(backend, { limits });
        for (const s of SAMPLES.filter((x) => ['hash', 'xof', 'expand', 'pwhash'].includes(x.kind))) {
          const st = openSample(h, s.alg, s.kind);
          throwsCode(() => st.squeeze(49), 'invalid-length');
          throwsCode(() => st.squeeze(0xffffffff), 'invalid-length');
          drop(st);
        }
        throwsCode(() => h.symmetric.hash('SHA-512', utf8('x'), 49), 'invalid-length');
      });

      test('an option value above maxOptionBytes → invalid-length', () => {
        const h = makeHost(backend, { limits: { maxOptionBytes: 24 } });
        const o = new h.common.Options('symmetric');
        o.set('nonce', new Uint8Array(24));
        throwsCode(() => o.set('salt', new Uint8Array(25)), 'invalid-length');
        throwsCode(() => o.set('context', new Uint8Array(1000)), 'invalid-length');
        drop(o);
      });

      test('buffered associated data and passwords above maxStateBufferBytes → invalid-length; nothing is kept from the refused chunk', () => {
        const h = makeHost(backend, { limits });
        for (const alg of AEADS) {
          const raw = fill(keyLenOf(alg), 0x12);
          const key = importKey(h, alg, raw);
          const nonce = nonceFor(alg, 2);
          const st = open(h, alg, key, { nonce });
          st.absorb(fill(30, 1));
          throwsCode(() => st.absorb(fill(11, 2)), 'invalid-length');
          st.absorb(fill(10, 3));
          assert.equal(toHex(st.encrypt(utf8('p'))), toHex(refSeal(alg, raw, nonce, cat(fill(30, 1), fill(10, 3)), utf8('p'))));
          drop(st, key);
        }
        for (const alg of ['PBKDF2-HMAC/SHA-256', 'SCRYPT', 'ARGON2-ID-13']) {
          const st = openSample(h, alg, 'pwhash');
          st.absorb(fill(30, 1));
          throwsCode(() => st.absorb(fill(11, 2)), 'invalid-length');
          st.absorb(fill(10, 3));
          drop(st);
        }
        const st = openSample(h, 'PBKDF2-HMAC/SHA-256', 'pwhash');
        st.absorb(fill(30, 1));
        throwsCode(() => st.absorb(fill(11, 2)), 'invalid-length');
        st.absorb(fill(10, 3));
        assert.equal(toHex(st.squeeze(32)), toHex(u8(nc.pbkdf2Sync(cat(fill(30, 1), fill(10, 3)), SALT, 1000, 32, 'sha256'))));
        drop(st);
      });
    });

    // ----------------------------------------------------------------------------------------
    describe('key wiping', () => {
      const CASES: { alg: string; len: number; set?: OptSet; use: (st: SymmetricState) => void }[] = [
        { alg: 'HMAC/SHA-256', len: 32, use: (st) => drop(st.squeezeTag()) },
        { alg: 'KMAC-256', len: 40, use: (st) => drop(st.squeezeTag()) },
        { alg: 'AES-128-CMAC', len: 16, use: (st) => drop(st.squeezeTag()) },
        { alg: 'BLAKE3', len: 32, use: (st) => st.squeeze(8) },
        { alg: 'HKDF-EXTRACT/SHA-256', len: 20, use: (st) => drop(st.squeezeKey('HKDF-EXPAND/SHA-256')) },
        { alg: 'HKDF-EXPAND/SHA-512', len: 64, use: (st) => st.squeeze(8) },
        { alg: 'ARGON2-ID-13', len: 16, set: { salt: SALT, memory_limit: 65536n, ops_limit: 1n }, use: (st) => st.squeeze(8) },
        { alg: 'AES-256-GCM-SIV', len: 32, set: { nonce: new Uint8Array(12) }, use: (st) => st.encrypt(utf8('x')) },
        { alg: 'XCHACHA20-POLY1305', len: 32, set: { nonce: new Uint8Array(24) }, use: (st) => st.encrypt(utf8('x')) },
        { alg: 'AES-128-CBC', len: 16, set: { nonce: new Uint8Array(16) }, use: (st) => st.encrypt(utf8('x')) },
        { alg: 'AES-256-CTR', len: 32, set: { nonce: new Uint8Array(16) }, use: (st) => st.encrypt(utf8('x')) },
      ];
      for (const c of CASES) {
        test(`${c.alg}: bytes are wiped once the key, the state and its clone are all dropped`, () => {
          const h = makeHost(backend);
          const before = h.materials.length;
          const key = importKey(h, c.alg, fill(c.len, 0xa5));
          assert.equal(h.materials.length, before + 1);
          const m = h.materials[before]!;
          const st = open(h, c.alg, key, c.set);
          const cl = st.clone();
          drop(key);
          assert.ok(!m.wiped && m.unsafeRawView().every((b) => b === 0xa5), 'intact while states use it');
          drop(st);
          assert.ok(!m.wiped, 'the clone still holds the key');
          c.use(cl); // the clone works with the key handle and the original state gone
          drop(cl);
          assert.ok(m.wiped, 'wiped after the last user');
          assert.ok(m.unsafeRawView().every((b) => b === 0), 'bytes are zero');
          assert.equal(h.host.stats().liveKeyMaterials, 0);
          assert.equal(h.host.stats().handles.total, 0);
        });
      }

      test('a key made by squeeze-key is wiped after its last user; so is the IKM', () => {
        const h = makeHost(backend);
        const ikm = importKey(h, 'HKDF-EXTRACT/SHA-256', RFC5869.ikm);
        const mIkm = h.materials.at(-1)!;
        const ex = open(h, 'HKDF-EXTRACT/SHA-256', ikm);
        ex.absorb(RFC5869.salt);
        const before = h.materials.length;
        const prk = ex.squeezeKey('HKDF-EXPAND/SHA-256');
        const mPrk = h.materials.slice(before).find((m) => toHex(m.unsafeRawView()) === RFC5869.prk);
        assert.ok(mPrk, 'the derived key is host key material (seen by onKeyMaterial)');
        const exp = open(h, 'HKDF-EXPAND/SHA-256', prk);
        drop(prk);
        assert.ok(!mPrk.wiped, 'the expand state still holds the PRK');
        exp.absorb(RFC5869.info);
        assert.equal(toHex(exp.squeeze(42)), RFC5869.okm);
        drop(exp);
        assert.ok(mPrk.wiped && mPrk.unsafeRawView().every((b) => b === 0), 'PRK wiped');
        drop(ikm);
        assert.ok(!mIkm.wiped, 'the extract state still holds the IKM');
        drop(ex);
        assert.ok(mIkm.wiped && mIkm.unsafeRawView().every((b) => b === 0), 'IKM wiped');
        assert.equal(h.host.stats().liveKeyMaterials, 0);
        assert.equal(h.host.stats().handles.total, 0);
      });

      test('generated keys are wiped when dropped', () => {
        const h = makeHost(backend);
        for (const alg of ['HMAC/SHA-512', 'AES-256-GCM', 'BLAKE3', 'ARGON2-ID-13', 'AES-128-CTR']) {
          const before = h.materials.length;
          const k = genKey(h, alg);
          const m = h.materials[before]!;
          assert.ok(m.unsafeRawView().some((b) => b !== 0));
          drop(k);
          assert.ok(m.wiped && m.unsafeRawView().every((b) => b === 0), alg);
        }
        assert.equal(h.host.stats().liveKeyMaterials, 0);
      });
    });

    // ----------------------------------------------------------------------------------------
    describe('password hashes', () => {
      const parse = (tagBytes: Uint8Array): string[] => {
        const s = new TextDecoder().decode(tagBytes);
        const parts = s.split('$');
        assert.equal(parts[0], '', `PHC strings start with $: ${s}`);
        for (const b of parts.slice(-2)) assert.match(b, /^[A-Za-z0-9+/]+$/, `unpadded standard base64: ${s}`);
        return parts;
      };
      const run = (h: Host, alg: string, set: OptSet, key?: SymmetricKey): { phc: string[]; raw: Uint8Array; tagBytes: Uint8Array } => {
        const st = open(h, alg, key, set);
        st.absorb(utf8('pass'));
        st.absorb(utf8('word'));
        const tag = st.squeezeTag();
        const tagBytes = tag.toBytes();
        assert.equal(tag.len(), tagBytes.length);
        tag.verify(tagBytes);
        drop(tag, st);
        const st2 = open(h, alg, key, set);
        st2.absorb(PW);
        const raw = st2.squeeze(32);
        drop(st2);
        return { phc: parse(tagBytes), raw, tagBytes };
      };

      test('ARGON2-ID-13: $argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash>', () => {
        const h = makeHost(backend);
        // memory_limit is in bytes: m = ⌊memory_limit / 1024⌋.
        const a = run(h, 'ARGON2-ID-13', { salt: SALT, memory_limit: 65536n + 1023n, ops_limit: 1n });
        const want = argon2id(PW, SALT, { t: 1, m: 64, p: 1, dkLen: 32 });
        assert.deepEqual(a.phc, ['', 'argon2id', 'v=19', 'm=64,t=1,p=1', b64(SALT), b64(want)]);
        assert.equal(toHex(a.raw), toHex(want));
        const b = run(h, 'ARGON2-ID-13', { salt: SALT.subarray(0, 8), memory_limit: 32n * 1024n, ops_limit: 2n, parallelism: 2n });
        const want2 = argon2id(PW, SALT.subarray(0, 8), { t: 2, m: 32, p: 2, dkLen: 32 });
        assert.deepEqual(b.phc, ['', 'argon2id', 'v=19', 'm=32,t=2,p=2', b64(SALT.subarray(0, 8)), b64(want2)]);
        assert.equal(toHex(b.raw), toHex(want2));
      });

      test('ARGON2-ID-13: secret key K and context X enter the hash', () => {
        const h = makeHost(backend);
        const secret = utf8('pepper');
        const k = importKey(h, 'ARGON2-ID-13', secret);
        const X = utf8('associated');
        const a = run(h, 'ARGON2-ID-13', { salt: SALT, memory_limit: 65536n, ops_limit: 1n, context: X }, k);
        const want = argon2id(PW, SALT, { t: 1, m: 64, p: 1, dkLen: 32, key: secret, personalization: X });
        assert.equal(toHex(a.raw), toHex(want));
        assert.equal(a.phc[5], b64(want));
        drop(k);
      });

      test('ARGON2-ID-13: squeeze(n) is the raw hash of n bytes, n ≥ 4', () => {
        const h = makeHost(backend);
        const set: OptSet = { salt: SALT, memory_limit: 65536n, ops_limit: 1n };
        for (const n of [4, 17, 64]) {
          const st = open(h, 'ARGON2-ID-13', undefined, set);
          st.absorb(PW);
          assert.equal(toHex(st.squeeze(n)), toHex(argon2id(PW, SALT, { t: 1, m: 64, p: 1, dkLen: n })));
          drop(st);
        }
        const st = open(h, 'ARGON2-ID-13', undefined, set);
        st.absorb(PW);
        throwsSomeCode(() => st.squeeze(3));
        drop(st);
      });

      test('SCRYPT: $scrypt$ln=<log2 N>,r=<r>,p=<p>$<salt>$<hash>', () => {
        const h = makeHost(backend);
        const a = run(h, 'SCRYPT', { salt: SALT, ops_limit: 1024n });
        const want = u8(nc.scryptSync(PW, SALT, 32, { N: 1024, r: 8, p: 1 }));
        assert.deepEqual(a.phc, ['', 'scrypt', 'ln=10,r=8,p=1', b64(SALT), b64(want)]);
        assert.equal(toHex(a.raw), toHex(want));
        const b = run(h, 'SCRYPT', { salt: SALT, ops_limit: 16n, block_size: 1n, parallelism: 2n });
        const want2 = u8(nc.scryptSync(PW, SALT, 32, { N: 16, r: 1, p: 2 }));
        assert.deepEqual(b.phc, ['', 'scrypt', 'ln=4,r=1,p=2', b64(SALT), b64(want2)]);
        assert.equal(toHex(b.raw), toHex(want2));
      });

      test('PBKDF2: $pbkdf2-sha256$i=<iterations>,l=32$<salt>$<hash> (and pbkdf2-sha512); squeeze(n) is the raw hash', () => {
        const h = makeHost(backend);
        for (const [alg, id, hash] of [
          ['PBKDF2-HMAC/SHA-256', 'pbkdf2-sha256', 'sha256'],
          ['PBKDF2-HMAC/SHA-512', 'pbkdf2-sha512', 'sha512'],
        ] as const) {
          const a = run(h, alg, { salt: SALT, ops_limit: 1000n });
          const want = u8(nc.pbkdf2Sync(PW, SALT, 1000, 32, hash));
          assert.deepEqual(a.phc, ['', id, 'i=1000,l=32', b64(SALT), b64(want)]);
          assert.equal(toHex(a.raw), toHex(want));
          const st = open(h, alg, undefined, { salt: SALT, ops_limit: 1000n });
          st.absorb(PW);
          assert.equal(toHex(st.squeeze(100)), toHex(u8(nc.pbkdf2Sync(PW, SALT, 1000, 100, hash))));
          drop(st);
        }
      });
    });
  });
}

