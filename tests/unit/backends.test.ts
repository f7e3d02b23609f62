/**
 * Known-answer and differential tests for the two crypto backends (node:crypto and @noble/*).
 *
 * Every expected output is a published value (FIPS 180-4 / FIPS 202 examples, RFC 7693, RFC 4231,
 * McGrew–Viega GCM, RFC 8032, Project Wycheproof, ed25519-speccheck, and the symmetric additions'
 * vectors listed above each table below); nothing expected is computed by the code under test. Both backends run the same vectors, then are compared with each other on generated inputs.
 * Wycheproof files are vendored in tests/vectors/wycheproof (Apache-2.0, see LICENSE there).
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { KeyObject, createHash, createPublicKey, verify as rawNodeVerify } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ed25519 } from '@noble/curves/ed25519.js';
import { createNodeBackend } from '../../host/src/backends/node.js';
import { createNobleBackend } from '../../host/src/backends/noble.js';
import type { AeadId, Backend, CipherId, CmacId, HashId, KmacId, MacHashId, XofId, XofParams } from '../../host/src/backends/types.js';
import { KeyMaterial } from '../../host/src/core/secret.js';
import { isCryptoError } from '../../host/src/core/errors.js';

// ---------------------------------------------------------------------------------------------
// helpers

function hex(s: string): Uint8Array {
  assert.equal(s.length % 2, 0, `odd hex length: ${s}`);
  return new Uint8Array(Buffer.from(s, 'hex'));
}
function toHex(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
}
function ascii(s: string): Uint8Array {
  return new Uint8Array(Buffer.from(s, 'latin1'));
}
function fill(byte: number, n: number): Uint8Array {
  return new Uint8Array(n).fill(byte);
}
function cat(...parts: Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts));
}
function key(bytes: Uint8Array): KeyMaterial {
  return KeyMaterial.copyOf(bytes);
}
function hashOnce(b: Backend, id: HashId, ...chunks: Uint8Array[]): Uint8Array {
  const h = b.hash(id);
  for (const c of chunks) h.update(c);
  const out = h.digest();
  h.destroy();
  return out;
}
function hmacOnce(b: Backend, id: MacHashId, k: Uint8Array, ...chunks: Uint8Array[]): Uint8Array {
  const km = key(k);
  const h = b.hmac(id, km);
  for (const c of chunks) h.update(c);
  const out = h.digest();
  h.destroy();
  km.release();
  return out;
}
function assertPlainFresh(u: Uint8Array, what: string): void {
  assert.equal(Object.getPrototypeOf(u), Uint8Array.prototype, `${what} must be a plain Uint8Array, not a Buffer`);
  assert.equal(u.byteOffset, 0, `${what} must own its buffer`);
  assert.equal(u.buffer.byteLength, u.length, `${what} must not view a larger (pooled) buffer`);
}

/** Test-input generator only (xorshift128+); never used to produce expected values. */
function xorshift(seed: number): (n: number) => Uint8Array {
  let s0 = BigInt(seed) | 1n;
  let s1 = 0x9e3779b97f4a7c15n ^ BigInt(seed);
  const M = (1n << 64n) - 1n;
  const next = (): bigint => {
    let x = s0;
    const y = s1;
    s0 = y;
    x ^= (x << 23n) & M;
    s1 = x ^ y ^ (x >> 17n) ^ (y >> 26n);
    return (s1 + y) & M;
  };
  return (n: number) => {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i += 8) {
      let v = next();
      for (let j = i; j < Math.min(n, i + 8); j++) {
        out[j] = Number(v & 0xffn);
        v >>= 8n;
      }
    }
    return out;
  };
}

/** A deterministic RandomSource for tests. */
function rngFrom(seed: number): (out: Uint8Array) => void {
  const r = xorshift(seed);
  return (out) => out.set(r(out.length));
}

function repoRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error('cannot find the repository root (no package.json above the test file)');
    dir = up;
  }
}
/** Loads a vendored Wycheproof file; a missing file is an error (the test fails, it is not skipped). */
function wycheproof<T>(file: string): T {
  const p = path.join(repoRoot(), 'tests', 'vectors', 'wycheproof', file);
  return JSON.parse(readFileSync(p, 'utf8')) as T;
}

interface WpFile<G> {
  numberOfTests: number;
  testGroups: G[];
}
interface WpMacGroup {
  keySize: number;
  tagSize: number;
  tests: { tcId: number; key: string; msg: string; tag: string; result: 'valid' | 'invalid' | 'acceptable' }[];
}
interface WpAeadGroup {
  ivSize: number;
  keySize: number;
  tagSize: number;
  tests: { tcId: number; key: string; iv: string; aad: string; msg: string; ct: string; tag: string; result: 'valid' | 'invalid' | 'acceptable' }[];
}
interface WpEddsaGroup {
  publicKey: { pk: string; curve: string };
  tests: { tcId: number; comment: string; msg: string; sig: string; result: 'valid' | 'invalid' | 'acceptable' }[];
}

const backends: Backend[] = [createNodeBackend(), createNobleBackend()];
const [nodeB, nobleB] = backends as [Backend, Backend];
const HASH_IDS: HashId[] = ['SHA-256', 'SHA-384', 'SHA-512', 'SHA-512/256', 'SHA3-256', 'SHA3-512', 'BLAKE2b-512', 'BLAKE2s-256'];
const MAC_HASH_IDS: MacHashId[] = ['SHA-256', 'SHA-384', 'SHA-512'];
/** Every algorithm name the registry maps to a backend (docs/symmetric.md, plus Ed25519). */
const REGISTRY_ALGORITHMS = [
  'SHA-256', 'SHA-384', 'SHA-512', 'SHA-512/256', 'SHA3-256', 'SHA3-512', 'BLAKE2b-512', 'BLAKE2s-256',
  'SHAKE-128', 'SHAKE-256', 'CSHAKE-128', 'CSHAKE-256', 'BLAKE3',
  'HMAC/SHA-256', 'HMAC/SHA-384', 'HMAC/SHA-512', 'KMAC-128', 'KMAC-256', 'AES-128-CMAC', 'AES-256-CMAC',
  'HKDF-EXTRACT/SHA-256', 'HKDF-EXTRACT/SHA-384', 'HKDF-EXTRACT/SHA-512',
  'HKDF-EXPAND/SHA-256', 'HKDF-EXPAND/SHA-384', 'HKDF-EXPAND/SHA-512',
  'PBKDF2-HMAC/SHA-256', 'PBKDF2-HMAC/SHA-512', 'SCRYPT', 'ARGON2-ID-13',
  'AES-128-GCM', 'AES-256-GCM', 'AES-128-GCM-SIV', 'AES-256-GCM-SIV', 'CHACHA20-POLY1305', 'XCHACHA20-POLY1305',
  'AES-128-CBC', 'AES-256-CBC', 'AES-128-CTR', 'AES-256-CTR', 'Ed25519',
];

// ---------------------------------------------------------------------------------------------
// published vectors

const ABC = ascii('abc');
const M448 = ascii('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq');
const M896 = ascii(
  'abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu',
);
const MILLION_A = fill(0x61, 1_000_000);

/** FIPS 180-2/180-4 example values (NIST CSRC "Examples with intermediate values"). */
const SHA_VECTORS: { id: HashId; name: string; msg: Uint8Array; md: string }[] = [
  { id: 'SHA-256', name: 'abc', msg: ABC, md: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad' },
  { id: 'SHA-256', name: '448-bit', msg: M448, md: '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1' },
  { id: 'SHA-256', name: 'million a', msg: MILLION_A, md: 'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0' },
  {
    id: 'SHA-384',
    name: 'abc',
    msg: ABC,
    md: 'cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7',
  },
  {
    id: 'SHA-384',
    name: '448-bit',
    msg: M448,
    md: '3391fdddfc8dc7393707a65b1b4709397cf8b1d162af05abfe8f450de5f36bc6b0455a8520bc4e6f5fe95b1fe3c8452b',
  },
  {
    id: 'SHA-384',
    name: '896-bit',
    msg: M896,
    md: '09330c33f71147e83d192fc782cd1b4753111b173b3b05d22fa08086e3b0f712fcc7c71a557e2db966c3e9fa91746039',
  },
  {
    id: 'SHA-384',
    name: 'million a',
    msg: MILLION_A,
    md: '9d0e1809716474cb086e834e310a4a1ced149e9c00f248527972cec5704c2a5b07b8b3dc38ecc4ebae97ddd87f3d8985',
  },
  {
    id: 'SHA-512',
    name: 'abc',
    msg: ABC,
    md: 'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f',
  },
  {
    id: 'SHA-512',
    name: '448-bit',
    msg: M448,
    md: '204a8fc6dda82f0a0ced7beb8e08a41657c16ef468b228a8279be331a703c33596fd15c13b1b07f9aa1d3bea57789ca031ad85c7a71dd70354ec631238ca3445',
  },
  {
    id: 'SHA-512',
    name: '896-bit',
    msg: M896,
    md: '8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909',
  },
  {
    id: 'SHA-512',
    name: 'million a',
    msg: MILLION_A,
    md: 'e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973ebde0ff244877ea60a4cb0432ce577c31beb009c5c2c49aa2e4eadb217ad8cc09b',
  },
  { id: 'SHA-512/256', name: 'abc', msg: ABC, md: '53048e2681941ef99b2e29b76b4c7dabe4c2d0c634fc6d46e0e2f13107e7af23' },
  { id: 'SHA-512/256', name: '896-bit', msg: M896, md: '3928e184fb8690f840da3988121d31be65cb9d3ef83ee6146feac861e19b563a' },
  // FIPS 202 examples (NIST CSRC "Examples with intermediate values", SHA3-256/512 "abc" and 448-bit).
  { id: 'SHA3-256', name: 'abc', msg: ABC, md: '3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532' },
  { id: 'SHA3-256', name: '448-bit', msg: M448, md: '41c0dba2a9d6240849100376a8235e2c82e1b9998a999e21db32dd97496d3376' },
  {
    id: 'SHA3-512',
    name: 'abc',
    msg: ABC,
    md: 'b751850b1a57168a5693cd924b6b096e08f621827444f70d884f5d0240d2712e10e116e9192af3c91a7ec57647e3934057340b4cf408d5a56592f8274eec53f0',
  },
  // RFC 7693 Appendix A (BLAKE2b-512) and Appendix B (BLAKE2s-256), "abc".
  {
    id: 'BLAKE2b-512',
    name: 'abc',
    msg: ABC,
    md: 'ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d17d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923',
  },
  { id: 'BLAKE2s-256', name: 'abc', msg: ABC, md: '508c5e8c327c14e2e1a72ba34eeb452f37458b209ed63a294d999b4c86675982' },
];

/** RFC 4231 §4.2–4.8. Test case 5's output is truncated to 128 bits by the RFC. */
const RFC4231: { tc: number; key: Uint8Array; data: Uint8Array; truncate?: number; mac: Partial<Record<MacHashId, string>> }[] = [
  {
    tc: 1,
    key: fill(0x0b, 20),
    data: ascii('Hi There'),
    mac: {
      'SHA-256': 'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7',
      'SHA-384': 'afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59cfaea9ea9076ede7f4af152e8b2fa9cb6',
      'SHA-512':
        '87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cdedaa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854',
    },
  },
  {
    tc: 2,
    key: ascii('Jefe'),
    data: ascii('what do ya want for nothing?'),
    mac: {
      'SHA-256': '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
      'SHA-384': 'af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e8e2240ca5e69e2c78b3239ecfab21649',
      'SHA-512':
        '164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737',
    },
  },
  {
    tc: 3,
    key: fill(0xaa, 20),
    data: fill(0xdd, 50),
    mac: {
      'SHA-256': '773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe',
      'SHA-384': '88062608d3e6ad8a0aa2ace014c8a86f0aa635d947ac9febe83ef4e55966144b2a5ab39dc13814b94e3ab6e101a34f27',
      'SHA-512':
        'fa73b0089d56a284efb0f0756c890be9b1b5dbdd8ee81a3655f83e33b2279d39bf3e848279a722c806b485a47e67c807b946a337bee8942674278859e13292fb',
    },
  },
  {
    tc: 4,
    key: hex('0102030405060708090a0b0c0d0e0f10111213141516171819'),
    data: fill(0xcd, 50),
    mac: {
      'SHA-256': '82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b',
      'SHA-384': '3e8a69b7783c25851933ab6290af6ca77a9981480850009cc5577c6e1f573b4e6801dd23c4a7d679ccf8a386c674cffb',
      'SHA-512':
        'b0ba465637458c6990e5a8c5f61d4af7e576d97ff94b872de76f8050361ee3dba91ca5c11aa25eb4d679275cc5788063a5f19741120c4f2de2adebeb10a298dd',
    },
  },
  {
    tc: 5,
    key: fill(0x0c, 20),
    data: ascii('Test With Truncation'),
    truncate: 16,
    mac: {
      'SHA-256': 'a3b6167473100ee06e0c796c2955552b',
      'SHA-384': '3abf34c3503b2a23a46efc619baef897',
      'SHA-512': '415fad6271580a531d4179bc891d87a6',
    },
  },
  {
    tc: 6,
    key: fill(0xaa, 131),
    data: ascii('Test Using Larger Than Block-Size Key - Hash Key First'),
    mac: {
      'SHA-256': '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54',
      'SHA-384': '4ece084485813e9088d2c63a041bc5b44f9ef1012a2b588f3cd11f05033ac4c60c2ef6ab4030fe8296248df163f44952',
      'SHA-512':
        '80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f3526b56d037e05f2598bd0fd2215d6a1e5295e64f73f63f0aec8b915a985d786598',
    },
  },
  {
    tc: 7,
    key: fill(0xaa, 131),
    data: ascii(
      'This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.',
    ),
    mac: {
      'SHA-256': '9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2',
      'SHA-384': '6617178e941f020d351e2f254e8fd32c602420feb0b8fb9adccebb82461e99c5a678cc31e799176d3860e6110c46523e',
      'SHA-512':
        'e37b6a775dc87dbaa4dfa9f96e5e3ffddebd71f8867289865df5a32d20cdc944b6022cac3c4982b10d5eeb55c3e4de15134676fb6de0446065c97440fa8c6a58',
    },
  },
];

/** McGrew & Viega, "The Galois/Counter Mode of Operation (GCM)", test cases 3, 4 (AES-128), 15, 16 (AES-256). */
const GCM_K = 'feffe9928665731c6d6a8f9467308308';
const GCM_P =
  'd9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255';
const GCM_IV = 'cafebabefacedbaddecaf888';
const GCM_A = 'feedfacedeadbeeffeedfacedeadbeefabaddad2';
const MCGREW_VIEGA: { tc: number; id: AeadId; key: string; pt: string; aad: string; ct: string; tag: string }[] = [
  {
    tc: 3,
    id: 'AES-128-GCM',
    key: GCM_K,
    pt: GCM_P,
    aad: '',
    ct: '42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091473f5985',
    tag: '4d5c2af327cd64a62cf35abd2ba6fab4',
  },
  {
    tc: 4,
    id: 'AES-128-GCM',
    key: GCM_K,
    pt: GCM_P.slice(0, 120),
    aad: GCM_A,
    ct: '42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091',
    tag: '5bc94fbc3221a5db94fae95ae7121a47',
  },
  {
    tc: 15,
    id: 'AES-256-GCM',
    key: GCM_K + GCM_K,
    pt: GCM_P,
    aad: '',
    ct: '522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad',
    tag: 'b094dac5d93471bdec1a502270e3cc6c',
  },
  {
    tc: 16,
    id: 'AES-256-GCM',
    key: GCM_K + GCM_K,
    pt: GCM_P.slice(0, 120),
    aad: GCM_A,
    ct: '522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662',
    tag: '76fc6ece0f4e1768cddf8853bb2d551b',
  },
];

/** RFC 8032 §7.1 TEST 1–3. */
const RFC8032: { n: number; secret: string; public: string; msg: string; sig: string }[] = [
  {
    n: 1,
    secret: '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
    public: 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
    msg: '',
    sig: 'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
  },
  {
    n: 2,
    secret: '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb',
    public: '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
    msg: '72',
    sig: '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
  },
  {
    n: 3,
    secret: 'c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7',
    public: 'fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025',
    msg: 'af82',
    sig: '6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a',
  },
];

/**
 * ed25519-speccheck (Chalkias, Garillot, Nikolaenko, "Taming the many EdDSAs", SSR 2020), the 15
 * vectors of github.com/novifinancial/ed25519-speccheck cases.json (commit d2b2ba5). Index: the
 * paper's condition table. Expected result under our rule (RFC 8032 decoding, cofactorless
 * equation, small-order A rejected):
 *   0,1   S=0, R and A small order       -> reject (small-order A; 1 satisfies the cofactorless eq.)
 *   2,3   R mixed order, A small order   -> reject (small-order A; 3 satisfies the cofactorless eq.)
 *   4,5   R small order, A mixed order   -> 4 reject (cofactored-only), 5 ACCEPT (cofactorless holds)
 *   6,7   R and A mixed order            -> 6 ACCEPT (both equations hold), 7 reject (cofactored-only)
 *   8     pre-reduced scalar             -> reject (fails cofactorless)
 *   9,10  S >= L                         -> reject
 *   11,12 R non-canonical                -> reject
 *   13,14 A non-canonical ("-0")         -> reject
 * `rawNode` / `rawNoble` record what the unpatched libraries do (OpenSSL 3 via node:crypto; noble
 * verify with zip215:false), to show the pre-/post-checks in the backends are what make them agree.
 */
const SPECCHECK: { msg: string; pk: string; sig: string; expect: boolean; rawNode: boolean; rawNoble: boolean }[] = [
  { msg: '2a66241a42a9ee12994d8068dcf1bb7dfc6637b45450acd43711f637fa5080fc', pk: 'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa', sig: 'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a0000000000000000000000000000000000000000000000000000000000000000', expect: false, rawNode: false, rawNoble: false },
  { msg: '8c93255d71dcab10e8f379c26200f3c7bd5f09d9bc3068d3ef4edeb4853022b6', pk: 'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa', sig: 'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a0000000000000000000000000000000000000000000000000000000000000000', expect: false, rawNode: true, rawNoble: false },
  { msg: '9bedc267423725d473888631ebf45988bad3db83851ee85c85e241a07d148b41', pk: 'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa', sig: 'f7badec5b8abeaf699583992219b7b223f1df3fbbea919844e3f7c554a43dd43a5bb704786be79fc476f91d3f3f89b03984d8068dcf1bb7dfc6637b45450ac04', expect: false, rawNode: false, rawNoble: false },
  { msg: '9bd9f44f4dcc75bd531b56b2cd280b0bb38fc1cd6d1230e14861d861de092e79', pk: 'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa', sig: 'f7badec5b8abeaf699583992219b7b223f1df3fbbea919844e3f7c554a43dd43a5bb704786be79fc476f91d3f3f89b03984d8068dcf1bb7dfc6637b45450ac04', expect: false, rawNode: true, rawNoble: false },
  { msg: '9bedc267423725d473888631ebf45988bad3db83851ee85c85e241a07d148b41', pk: 'f7badec5b8abeaf699583992219b7b223f1df3fbbea919844e3f7c554a43dd43', sig: 'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa182ef1a5b928da07fec769cc8a12db6bcf70dab3f3227fa315e9d5e3e01a3405', expect: false, rawNode: false, rawNoble: true },
  { msg: 'aebf3f2601a0c8c5d39cc7d8911642f740b78168218da8471772b35f9d35b9ab', pk: 'f7badec5b8abeaf699583992219b7b223f1df3fbbea919844e3f7c554a43dd43', sig: 'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa8c4bd45aecaca5b24fb97bc10ac27ac8751a7dfe1baff8b953ec9f5833ca260e', expect: true, rawNode: true, rawNoble: true },
  { msg: '9bd9f44f4dcc75bd531b56b2cd280b0bb38fc1cd6d1230e14861d861de092e79', pk: 'cdb267ce40c5cd45306fa5d2f29731459387dbf9eb933b7bd5aed9a765b88d4d', sig: '9046a64750444938de19f227bb80485e92b83fdb4b6506c160484c016cc1852f87909e14428a7a1d62e9f22f3d3ad7802db02eb2e688b6c52fcd6648a98bd009', expect: true, rawNode: true, rawNoble: true },
  { msg: 'e47d62c63f830dc7a6851a0b1f33ae4bb2f507fb6cffec4011eaccd55b53f56c', pk: 'cdb267ce40c5cd45306fa5d2f29731459387dbf9eb933b7bd5aed9a765b88d4d', sig: '160a1cb0dc9c0258cd0a7d23e94d8fa878bcb1925f2c64246b2dee1796bed5125ec6bc982a269b723e0668e540911a9a6a58921d6925e434ab10aa7940551a09', expect: false, rawNode: false, rawNoble: true },
  { msg: 'e47d62c63f830dc7a6851a0b1f33ae4bb2f507fb6cffec4011eaccd55b53f56c', pk: 'cdb267ce40c5cd45306fa5d2f29731459387dbf9eb933b7bd5aed9a765b88d4d', sig: '21122a84e0b5fca4052f5b1235c80a537878b38f3142356b2c2384ebad4668b7e40bc836dac0f71076f9abe3a53f9c03c1ceeeddb658d0030494ace586687405', expect: false, rawNode: false, rawNoble: true },
  { msg: '85e241a07d148b41e47d62c63f830dc7a6851a0b1f33ae4bb2f507fb6cffec40', pk: '442aad9f089ad9e14647b1ef9099a1ff4798d78589e66f28eca69c11f582a623', sig: 'e96f66be976d82e60150baecff9906684aebb1ef181f67a7189ac78ea23b6c0e547f7690a0e2ddcd04d87dbc3490dc19b3b3052f7ff0538cb68afb369ba3a514', expect: false, rawNode: false, rawNoble: false },
  { msg: '85e241a07d148b41e47d62c63f830dc7a6851a0b1f33ae4bb2f507fb6cffec40', pk: '442aad9f089ad9e14647b1ef9099a1ff4798d78589e66f28eca69c11f582a623', sig: '8ce5b96c8f26d0ab6c47958c9e68b937104cd36e13c33566acd2fe8d38aa19427e71f98a473474f2f13f06f97c20d58cc3f54b8bd0d272f42b695dd7e89a8c22', expect: false, rawNode: false, rawNoble: false },
  { msg: '9bedc267423725d473888631ebf45988bad3db83851ee85c85e241a07d148b41', pk: 'f7badec5b8abeaf699583992219b7b223f1df3fbbea919844e3f7c554a43dd43', sig: 'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff03be9678ac102edcd92b0210bb34d7428d12ffc5df5f37e359941266a4e35f0f', expect: false, rawNode: false, rawNoble: false },
  { msg: '9bedc267423725d473888631ebf45988bad3db83851ee85c85e241a07d148b41', pk: 'f7badec5b8abeaf699583992219b7b223f1df3fbbea919844e3f7c554a43dd43', sig: 'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffca8c5b64cd208982aa38d4936621a4775aa233aa0505711d8fdcfdaa943d4908', expect: false, rawNode: false, rawNoble: false },
  { msg: 'e96b7021eb39c1a163b6da4e3093dcd3f21387da4cc4572be588fafae23c155b', pk: 'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff', sig: 'a9d55260f765261eb9b84e106f665e00b867287a761990d7135963ee0a7d59dca5bb704786be79fc476f91d3f3f89b03984d8068dcf1bb7dfc6637b45450ac04', expect: false, rawNode: false, rawNoble: false },
  { msg: '39a591f5321bbe07fd5a23dc2f39d025d74526615746727ceefd6e82ae65c06f', pk: 'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff', sig: 'a9d55260f765261eb9b84e106f665e00b867287a761990d7135963ee0a7d59dca5bb704786be79fc476f91d3f3f89b03984d8068dcf1bb7dfc6637b45450ac04', expect: false, rawNode: true, rawNoble: false },
];

/**
 * The eight points of the Ed25519 8-torsion subgroup, canonical encodings (as in libsodium's
 * small-order blocklist; "It's 255:19AM", H. de Valence 2020).
 */
const SMALL_ORDER = [
  '0100000000000000000000000000000000000000000000000000000000000000', // identity
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f', // order 2
  '0000000000000000000000000000000000000000000000000000000000000000', // order 4
  '0000000000000000000000000000000000000000000000000000000000000080', // order 4
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05', // order 8
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85', // order 8
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a', // order 8
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa', // order 8
];

/**
 * Encodings that RFC 8032 §5.1.3 decoding must reject. y values were checked by hand:
 * y = 2 gives (y²-1)/(dy²+1) a non-residue mod p (Euler's criterion), so no x exists.
 */
const BAD_PUBLIC: { name: string; pk: string }[] = [
  { name: 'y = p (non-canonical 0)', pk: 'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f' },
  { name: 'y = p + 1 (non-canonical identity)', pk: 'eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f' },
  { name: 'y = 2^255 - 1', pk: 'ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f' },
  { name: 'y = 1 with sign bit (-0 identity)', pk: '0100000000000000000000000000000000000000000000000000000000000080' },
  { name: 'y = p - 1 with sign bit (-0)', pk: 'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff' },
  { name: 'y = 2, not on the curve', pk: '0200000000000000000000000000000000000000000000000000000000000000' },
];

const L = 2n ** 252n + 27742317777372353535851937790883648493n;
function leToBig(b: Uint8Array): bigint {
  let n = 0n;
  for (let i = b.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(b[i]!);
  return n;
}
/** Plain OpenSSL verification (no backend pre-checks), to show what the library alone accepts. */
function opensslVerify(pk: Uint8Array, msg: Uint8Array, sig: Uint8Array): boolean {
  const k = createPublicKey({ key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), pk]), format: 'der', type: 'spki' });
  return rawNodeVerify(null, msg, k, sig);
}

// ---------------------------------------------------------------------------------------------
// per-backend known answers

for (const b of backends) {
  describe(`${b.name} backend: known answers`, () => {
    test('provider() names a library for every algorithm of the registry, case-insensitively', () => {
      for (const alg of REGISTRY_ALGORITHMS) {
        const lib = b.provider(alg);
        assert.equal(typeof lib, 'string', alg);
        assert.match(lib, /^(node:crypto|@noble\/(hashes|ciphers|curves))( \+ .*)?$/, `${alg}: ${lib}`);
        assert.equal(b.provider(alg.toLowerCase()), lib, `${alg} lower case`);
      }
      if (b.name === 'noble') {
        assert.equal(b.provider('SHA3-256'), '@noble/hashes');
        assert.equal(b.provider('aes-256-gcm-siv'), '@noble/ciphers');
        assert.equal(b.provider('ed25519'), '@noble/curves');
        // An unknown name is an error, not a guess.
        assert.throws(() => b.provider('AES-192-GCM'), (e) => isCryptoError(e) && e.payload === 'unsupported-algorithm');
      }
    });

    test('SHA-2 FIPS 180 examples (one-shot and chunked)', () => {
      for (const v of SHA_VECTORS) {
        const out = hashOnce(b, v.id, v.msg);
        assertPlainFresh(out, 'digest');
        assert.equal(toHex(out), v.md, `${v.id} ${v.name}`);
        // Same message fed in uneven chunks.
        const h = b.hash(v.id);
        for (let off = 0, step = 1; off < v.msg.length; off += step, step = (step * 7 + 3) % 1000 + 1) {
          h.update(v.msg.subarray(off, Math.min(v.msg.length, off + step)));
        }
        assert.equal(toHex(h.digest()), v.md, `${v.id} ${v.name} chunked`);
      }
    });

    test('HMAC RFC 4231 test cases 1-7 (SHA-256, SHA-384, SHA-512)', () => {
      let n = 0;
      for (const v of RFC4231) {
        for (const [id, mac] of Object.entries(v.mac) as [MacHashId, string][]) {
          const out = hmacOnce(b, id, v.key, v.data);
          assertPlainFresh(out, 'hmac');
          const cmp = v.truncate === undefined ? out : out.subarray(0, v.truncate);
          assert.equal(toHex(cmp), mac, `RFC 4231 case ${v.tc} ${id}`);
          // The one-shot fast path (backend.hmacOnce), twice: the second call uses the cached key.
          const km = key(v.key);
          for (let i = 0; i < 2; i++) {
            const once = b.hmacOnce(id, km, v.data);
            assertPlainFresh(once, 'hmacOnce');
            assert.equal(toHex(v.truncate === undefined ? once : once.subarray(0, v.truncate)), mac, `RFC 4231 case ${v.tc} ${id} hmacOnce #${i + 1}`);
          }
          km.release();
          n++;
        }
      }
      assert.equal(n, 21);
    });

    for (const [file, id] of [
      ['hmac_sha256_test.json', 'SHA-256'],
      ['hmac_sha512_test.json', 'SHA-512'],
    ] as const) {
      test(`HMAC Wycheproof ${file}`, () => {
        const wp = wycheproof<WpFile<WpMacGroup>>(file);
        let valid = 0;
        let invalid = 0;
        for (const g of wp.testGroups) {
          for (const t of g.tests) {
            const full = hmacOnce(b, id, hex(t.key), hex(t.msg));
            const km = key(hex(t.key));
            assert.equal(toHex(b.hmacOnce(id, km, hex(t.msg))), toHex(full), `tcId ${t.tcId}: hmacOnce = streaming`);
            km.release();
            const expected = hex(t.tag);
            const matches = expected.length === g.tagSize / 8 && toHex(full.subarray(0, g.tagSize / 8)) === t.tag;
            if (t.result === 'valid') {
              assert.ok(matches, `tcId ${t.tcId} must match`);
              valid++;
            } else {
              assert.equal(t.result, 'invalid', `tcId ${t.tcId}: unexpected result kind`);
              assert.ok(!matches, `tcId ${t.tcId} must not match`);
              invalid++;
            }
          }
        }
        assert.equal(valid + invalid, wp.numberOfTests);
        assert.ok(valid > 0 && invalid > 0);
      });
    }

    test('AES-GCM McGrew-Viega test cases 3, 4, 15, 16', () => {
      for (const v of MCGREW_VIEGA) {
        const k = key(hex(v.key));
        const sealed = b.aeadSeal(v.id, k, hex(GCM_IV), hex(v.aad), hex(v.pt));
        assertPlainFresh(sealed, 'ciphertext');
        assert.equal(toHex(sealed), v.ct + v.tag, `test case ${v.tc}`);
        const opened = b.aeadOpen(v.id, k, hex(GCM_IV), hex(v.aad), hex(v.ct + v.tag));
        assert.ok(opened !== null, `test case ${v.tc} opens`);
        assertPlainFresh(opened, 'plaintext');
        assert.equal(toHex(opened), v.pt);
        k.release();
      }
    });

    test('AES-GCM Wycheproof (96-bit IV, 128-bit tag, AES-128/256)', () => {
      const wp = wycheproof<WpFile<WpAeadGroup>>('aes_gcm_test.json');
      let valid = 0;
      let invalid = 0;
      for (const g of wp.testGroups) {
        if (g.ivSize !== 96 || g.tagSize !== 128 || (g.keySize !== 128 && g.keySize !== 256)) continue;
        const id: AeadId = g.keySize === 128 ? 'AES-128-GCM' : 'AES-256-GCM';
        for (const t of g.tests) {
          const k = key(hex(t.key));
          const iv = hex(t.iv);
          const aad = hex(t.aad);
          if (t.result === 'valid') {
            assert.equal(toHex(b.aeadSeal(id, k, iv, aad, hex(t.msg))), t.ct + t.tag, `tcId ${t.tcId} seal`);
            const pt = b.aeadOpen(id, k, iv, aad, hex(t.ct + t.tag));
            assert.ok(pt !== null, `tcId ${t.tcId} must open`);
            assert.equal(toHex(pt), t.msg, `tcId ${t.tcId} open`);
            valid++;
          } else {
            assert.equal(t.result, 'invalid', `tcId ${t.tcId}: unexpected result kind`);
            assert.equal(b.aeadOpen(id, k, iv, aad, hex(t.ct + t.tag)), null, `tcId ${t.tcId} must not open`);
            invalid++;
          }
          k.release();
        }
      }
      // 67 + 66 tests in the four in-scope groups of this file version.
      assert.equal(valid + invalid, 133);
      assert.ok(valid > 0 && invalid > 0);
    });

    test('AES-GCM open rejects tampering, short input; bad key/nonce lengths throw', () => {
      const v = MCGREW_VIEGA[1]!;
      const k = key(hex(v.key));
      const iv = hex(GCM_IV);
      const aad = hex(v.aad);
      const good = hex(v.ct + v.tag);
      for (const i of [0, 17, good.length - 17, good.length - 1]) {
        const bad = good.slice();
        bad[i]! ^= 0x01;
        assert.equal(b.aeadOpen(v.id, k, iv, aad, bad), null, `flipped byte ${i}`);
      }
      const badAad = aad.slice();
      badAad[0]! ^= 0x80;
      assert.equal(b.aeadOpen(v.id, k, iv, badAad, good), null, 'modified aad');
      assert.equal(b.aeadOpen(v.id, k, iv, new Uint8Array(0), good), null, 'missing aad');
      const badIv = iv.slice();
      badIv[11]! ^= 1;
      assert.equal(b.aeadOpen(v.id, k, badIv, aad, good), null, 'other nonce');
      assert.equal(b.aeadOpen(v.id, k, iv, aad, good.subarray(0, 15)), null, 'shorter than a tag');
      assert.equal(b.aeadOpen(v.id, k, iv, aad, new Uint8Array(0)), null, 'empty');
      assert.equal(b.aeadOpen(v.id, k, iv, aad, good.subarray(1)), null, 'truncated');
      // Wrong key length for the algorithm is a caller error, reported as invalid-key.
      assert.throws(() => b.aeadSeal('AES-256-GCM', k, iv, aad, new Uint8Array(1)), (e) => isCryptoError(e) && e.payload === 'invalid-key');
      assert.throws(() => b.aeadOpen('AES-256-GCM', k, iv, aad, good), (e) => isCryptoError(e) && e.payload === 'invalid-key');
      assert.throws(() => b.aeadSeal(v.id, k, new Uint8Array(16), aad, new Uint8Array(1)), (e) => isCryptoError(e) && e.payload === 'invalid-nonce');
      k.release();
    });

    test('Ed25519 RFC 8032 §7.1 TEST 1-3', () => {
      for (const v of RFC8032) {
        const sk = key(hex(v.secret));
        const pub = b.ed25519.publicFromSecret(sk);
        assertPlainFresh(pub, 'public key');
        assert.equal(toHex(pub), v.public, `TEST ${v.n} public`);
        const sig = b.ed25519.sign(sk, hex(v.msg));
        assertPlainFresh(sig, 'signature');
        assert.equal(toHex(sig), v.sig, `TEST ${v.n} signature`);
        assert.equal(b.ed25519.verify(hex(v.public), hex(v.msg), hex(v.sig)), true, `TEST ${v.n} verifies`);
        assert.equal(b.ed25519.validPublic(hex(v.public)), true);
        const badSig = hex(v.sig);
        badSig[40]! ^= 0x01;
        assert.equal(b.ed25519.verify(hex(v.public), hex(v.msg), badSig), false, `TEST ${v.n} modified S`);
        const badR = hex(v.sig);
        badR[3]! ^= 0x10;
        assert.equal(b.ed25519.verify(hex(v.public), hex(v.msg), badR), false, `TEST ${v.n} modified R`);
        assert.equal(b.ed25519.verify(hex(v.public), cat(hex(v.msg), new Uint8Array([0])), hex(v.sig)), false, `TEST ${v.n} other message`);
        sk.release();
      }
    });

    test('Ed25519 Wycheproof ed25519_test.json', () => {
      const wp = wycheproof<WpFile<WpEddsaGroup>>('ed25519_test.json');
      let valid = 0;
      let invalid = 0;
      for (const g of wp.testGroups) {
        assert.equal(g.publicKey.curve, 'edwards25519');
        const pk = hex(g.publicKey.pk);
        for (const t of g.tests) {
          const got = b.ed25519.verify(pk, hex(t.msg), hex(t.sig));
          if (t.result === 'valid') {
            assert.equal(got, true, `tcId ${t.tcId} (${t.comment}) must verify`);
            valid++;
          } else {
            assert.equal(t.result, 'invalid', `tcId ${t.tcId}: unexpected result kind`);
            assert.equal(got, false, `tcId ${t.tcId} (${t.comment}) must not verify`);
            invalid++;
          }
        }
      }
      assert.equal(valid + invalid, wp.numberOfTests);
      assert.ok(valid > 0 && invalid > 0);
    });

    test('Ed25519 ed25519-speccheck edge cases (strict RFC 8032, cofactorless)', () => {
      SPECCHECK.forEach((v, i) => {
        assert.equal(b.ed25519.verify(hex(v.pk), hex(v.msg), hex(v.sig)), v.expect, `speccheck vector ${i}`);
      });
    });

    test('Ed25519 rejects every small-order public key even when the cofactorless equation holds', () => {
      for (const pkHex of SMALL_ORDER) {
        const pk = hex(pkHex);
        // R = identity, S = 0: [S]B = R + [k]A holds iff [k]A = O, i.e. k ≡ 0 mod 8 suffices.
        const sig = cat(hex(SMALL_ORDER[0]!), new Uint8Array(32));
        let msg: Uint8Array | undefined;
        for (let i = 0; i < 1000 && msg === undefined; i++) {
          const m = ascii(`small-order ${i}`);
          const k = leToBig(new Uint8Array(createHash('sha512').update(sig.subarray(0, 32)).update(pk).update(m).digest())) % L;
          if (k % 8n === 0n) msg = m;
        }
        assert.ok(msg !== undefined);
        // OpenSSL alone accepts it (this is what the node backend's pre-check is for) ...
        assert.equal(opensslVerify(pk, msg, sig), true, `${pkHex}: OpenSSL baseline`);
        // ... the backend must not.
        assert.equal(b.ed25519.verify(pk, msg, sig), false, `${pkHex}: small-order A`);
        // Small-order points are still valid curve points.
        assert.equal(b.ed25519.validPublic(pk), true, `${pkHex}: decodes`);
      }
    });

    test('Ed25519 non-canonical / off-curve public keys and malformed lengths', () => {
      const v = RFC8032[0]!;
      for (const bad of BAD_PUBLIC) {
        assert.equal(b.ed25519.validPublic(hex(bad.pk)), false, bad.name);
        assert.equal(b.ed25519.verify(hex(bad.pk), hex(v.msg), hex(v.sig)), false, bad.name);
      }
      // "-0" identity as A with R = identity, S = 0: the cofactorless equation holds for any message,
      // and the encoding is what must make it fail.
      const negZeroId = hex(BAD_PUBLIC[3]!.pk);
      const idSig = cat(hex(SMALL_ORDER[0]!), new Uint8Array(32));
      assert.equal(b.ed25519.verify(negZeroId, ascii('x'), idSig), false, '-0 identity');
      assert.equal(b.ed25519.verify(hex(BAD_PUBLIC[1]!.pk), ascii('x'), idSig), false, 'y = p + 1 identity');
      // Wrong lengths: false, never a throw.
      const pk = hex(v.public);
      const sig = hex(v.sig);
      assert.equal(b.ed25519.verify(pk.subarray(0, 31), hex(v.msg), sig), false);
      assert.equal(b.ed25519.verify(cat(pk, new Uint8Array(1)), hex(v.msg), sig), false);
      assert.equal(b.ed25519.verify(pk, hex(v.msg), sig.subarray(0, 63)), false);
      assert.equal(b.ed25519.verify(pk, hex(v.msg), cat(sig, new Uint8Array(1))), false);
      assert.equal(b.ed25519.verify(new Uint8Array(0), hex(v.msg), new Uint8Array(0)), false);
      assert.equal(b.ed25519.validPublic(pk.subarray(0, 31)), false);
      assert.equal(b.ed25519.validPublic(new Uint8Array(33)), false);
      // S = L (not reduced) with a valid R: must be rejected.
      const sL = sig.slice();
      sL.set(hex('edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010'), 32);
      assert.equal(b.ed25519.verify(pk, hex(v.msg), sL), false, 'S = L');
      // S + L (same residue as the real S) must be rejected: RFC 8032 requires 0 <= S < L.
      const sPlusL = leToBig(sig.subarray(32)) + L;
      assert.ok(sPlusL < 2n ** 256n);
      const malleable = sig.slice();
      for (let i = 0, x = sPlusL; i < 32; i++, x >>= 8n) malleable[32 + i] = Number(x & 0xffn);
      assert.equal(b.ed25519.verify(pk, hex(v.msg), malleable), false, 'S + L');
    });

    test('Ed25519 secret key must be a 32-byte seed', () => {
      const bad = key(new Uint8Array(64));
      assert.throws(() => b.ed25519.sign(bad, ascii('m')), (e) => isCryptoError(e) && e.payload === 'invalid-key');
      assert.throws(() => b.ed25519.publicFromSecret(bad), (e) => isCryptoError(e) && e.payload === 'invalid-key');
      bad.release();
    });
  });
}

// ---------------------------------------------------------------------------------------------
// symmetric additions: published vectors

function seq(n: number, mod = 256): Uint8Array {
  return Uint8Array.from({ length: n }, (_, i) => i % mod);
}
function xofOnce(b: Backend, id: XofId, params: XofParams, msg: Uint8Array, n: number): Uint8Array {
  const x = b.xof(id, params);
  x.update(msg);
  const out = x.squeeze(n);
  x.destroy();
  return out;
}
function kmacOnce(b: Backend, id: KmacId, k: Uint8Array, custom: Uint8Array, outLen: number, msg: Uint8Array): Uint8Array {
  const km = key(k);
  const d = b.kmac(id, km, custom, outLen);
  km.release();
  d.update(msg);
  const out = d.digest();
  d.destroy();
  return out;
}
function cmacOnce(b: Backend, id: CmacId, k: Uint8Array, msg: Uint8Array): Uint8Array {
  const km = key(k);
  const d = b.cmac(id, km);
  km.release();
  d.update(msg);
  const out = d.digest();
  d.destroy();
  return out;
}

/** FIPS 202 / NIST CSRC examples: SHAKE of the empty string. */
const SHAKE_EMPTY: { id: XofId; out: string }[] = [
  { id: 'SHAKE-128', out: '7f9c2ba4e88f827d616045507605853ed73b8093f6efbc88eb1a6eacfa66ef26' },
  {
    id: 'SHAKE-256',
    out: '46b9dd2b0ba88d13233b3feb743eeb243fcd52ea62b81b82b50c27646ed5762fd75dc4ddd8c0f200cb05019d67b592f6fc821c49479ab48640292eacb3b7c4be',
  },
];
/** NIST SP 800-185 cSHAKE samples #1-#4 (N = "", S = "Email Signature"). */
const CSHAKE_SAMPLES: { id: XofId; msg: Uint8Array; out: string }[] = [
  { id: 'CSHAKE-128', msg: seq(4), out: 'c1c36925b6409a04f1b504fcbca9d82b4017277cb5ed2b2065fc1d3814d5aaf5' },
  { id: 'CSHAKE-128', msg: seq(200), out: 'c5221d50e4f822d96a2e8881a961420f294b7b24fe3d2094baed2c6524cc166b' },
  {
    id: 'CSHAKE-256',
    msg: seq(4),
    out: 'd008828e2b80ac9d2218ffee1d070c48b8e4c87bff32c9699d5b6896eee0edd164020e2be0560858d9c00c037e34a96937c561a74c412bb4c746469527281c8c',
  },
  {
    id: 'CSHAKE-256',
    msg: seq(200),
    out: '07dc27b11e51fbac75bc7b3c1d983e8b4b85fb1defaf218912ac86430273091727f42b17ed1df63e8ec118f04b23633c1dfb1574c8fb55cb45da8e25afb092bb',
  },
];
/** NIST SP 800-185 KMAC samples #1-#6 (key 0x40..0x5f). */
const KMAC_KEY = Uint8Array.from({ length: 32 }, (_, i) => 0x40 + i);
const TAGGED = ascii('My Tagged Application');
const KMAC_SAMPLES: { n: number; id: KmacId; msg: Uint8Array; custom: Uint8Array; out: string }[] = [
  { n: 1, id: 'KMAC-128', msg: seq(4), custom: new Uint8Array(0), out: 'e5780b0d3ea6f7d3a429c5706aa43a00fadbd7d49628839e3187243f456ee14e' },
  { n: 2, id: 'KMAC-128', msg: seq(4), custom: TAGGED, out: '3b1fba963cd8b0b59e8c1a6d71888b7143651af8ba0a7070c0979e2811324aa5' },
  { n: 3, id: 'KMAC-128', msg: seq(200), custom: TAGGED, out: '1f5b4e6cca02209e0dcb5ca635b89a15e271ecc760071dfd805faa38f9729230' },
  {
    n: 4,
    id: 'KMAC-256',
    msg: seq(4),
    custom: TAGGED,
    out: '20c570c31346f703c9ac36c61c03cb64c3970d0cfc787e9b79599d273a68d2f7f69d4cc3de9d104a351689f27cf6f5951f0103f33f4f24871024d9c27773a8dd',
  },
  {
    n: 5,
    id: 'KMAC-256',
    msg: seq(200),
    custom: new Uint8Array(0),
    out: '75358cf39e41494e949707927cee0af20a3ff553904c86b08f21cc414bcfd691589d27cf5e15369cbbff8b9a4c2eb17800855d0235ff635da82533ec6b759b69',
  },
  {
    n: 6,
    id: 'KMAC-256',
    msg: seq(200),
    custom: TAGGED,
    out: 'b58618f71f92e1d56c1b8c55ddd7cd188b97b4ca4d99831eb2699a837da2e4d970fbacfde50033aea585f1a2708510c32d07880801bd182898fe476876fc8965',
  },
];
/** BLAKE3 official test_vectors.json (input byte i = i mod 251; key "whats the Elvish word for friend"). */
const BLAKE3_KEY = ascii('whats the Elvish word for friend');
const BLAKE3_VECTORS: { len: number; hash: string; keyed: string }[] = [
  {
    len: 0,
    // The full 131-byte extended output of the file, to check long squeezes.
    hash:
      'af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262e00f03e7b69af26b7faaf09fcd333050338ddfe085b8cc869ca98b206c08243a26f5487789e8f660afe6c99ef9e0c52b92e7393024a80459cf91f476f9ffdbda7001c22e159b402631f277ca96f2defdf1078282314e763699a31c5363165421cce14d',
    keyed: '92b2b75604ed3c761f9d6f62392c8a9227ad0ea3f09573e783f1498a4ed60d26',
  },
  {
    len: 1,
    hash: '2d3adedff11b61f14c886e35afa036736dcd87a74d27b5c1510225d0f592e213',
    keyed: '6d7878dfff2f485635d39013278ae14f1454b8c0a3a2d34bc1ab38228a80c95b',
  },
];
/** RFC 4493 §4 (AES-128) and NIST SP 800-38B Appendix D.3 examples 9-12 (AES-256); message prefixes of M. */
const SP800_38A_M = hex(
  '6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710',
);
const AES128_K = '2b7e151628aed2a6abf7158809cf4f3c';
const AES256_K = '603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4';
const CMAC_VECTORS: { id: CmacId; key: string; len: number; tag: string }[] = [
  { id: 'AES-128-CMAC', key: AES128_K, len: 0, tag: 'bb1d6929e95937287fa37d129b756746' },
  { id: 'AES-128-CMAC', key: AES128_K, len: 16, tag: '070a16b46b4d4144f79bdd9dd04a287c' },
  { id: 'AES-128-CMAC', key: AES128_K, len: 40, tag: 'dfa66747de9ae63030ca32611497c827' },
  { id: 'AES-128-CMAC', key: AES128_K, len: 64, tag: '51f0bebf7e3b9d92fc49741779363cfe' },
  { id: 'AES-256-CMAC', key: AES256_K, len: 0, tag: '028962f61b7bf89efc6b551f4667d983' },
  { id: 'AES-256-CMAC', key: AES256_K, len: 16, tag: '28a7023f452e8f82bd4bf28d8c37c35c' },
  { id: 'AES-256-CMAC', key: AES256_K, len: 40, tag: 'aaf3d8f1de5640c232f5b169b9c911e6' },
  { id: 'AES-256-CMAC', key: AES256_K, len: 64, tag: 'e1992190549f6ed5696a2c056c315410' },
];
/** NIST SP 800-38A F.5.1 (CTR-AES128) and F.5.5 (CTR-AES256). */
const CTR_VECTORS: { id: CipherId; key: string; ct: string }[] = [
  {
    id: 'AES-128-CTR',
    key: AES128_K,
    ct: '874d6191b620e3261bef6864990db6ce9806f66b7970fdff8617187bb9fffdff5ae4df3edbd5d35e5b4f09020db03eab1e031dda2fbe03d1792170a0f3009cee',
  },
  {
    id: 'AES-256-CTR',
    key: AES256_K,
    ct: '601ec313775789a5b7a7f504bbf3d228f443e3ca4d62b59aca84e990cacaf5c52b0930daa23de94ce87017ba2d84988ddfc9c58db67aada613c2dd08457941a6',
  },
];
const CTR_IV = 'f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff';
/** RFC 8452 Appendix C.1 / C.2 (nonce 03 00…00). */
const GCM_SIV_VECTORS: { id: AeadId; key: string; aad: string; pt: string; out: string }[] = [
  { id: 'AES-128-GCM-SIV', key: '01000000000000000000000000000000', aad: '', pt: '', out: 'dc20e2d83f25705bb49e439eca56de25' },
  { id: 'AES-128-GCM-SIV', key: '01000000000000000000000000000000', aad: '', pt: '0100000000000000', out: 'b5d839330ac7b786578782fff6013b815b287c22493a364c' },
  { id: 'AES-128-GCM-SIV', key: '01000000000000000000000000000000', aad: '', pt: '010000000000000000000000', out: '7323ea61d05932260047d942a4978db357391a0bc4fdec8b0d106639' },
  { id: 'AES-128-GCM-SIV', key: '01000000000000000000000000000000', aad: '01', pt: '0200000000000000', out: '1e6daba35669f4273b0a1a2560969cdf790d99759abd1508' },
  { id: 'AES-256-GCM-SIV', key: '01' + '00'.repeat(31), aad: '', pt: '', out: '07f5f4169bbf55a8400cd47ea6fd400f' },
  { id: 'AES-256-GCM-SIV', key: '01' + '00'.repeat(31), aad: '', pt: '0100000000000000', out: 'c2ef328e5c71c83b843122130f7364b761e0b97427e3df28' },
  { id: 'AES-256-GCM-SIV', key: '01' + '00'.repeat(31), aad: '', pt: '010000000000000000000000', out: '9aab2aeb3faa0a34aea8e2b18ca50da9ae6559e48fd10f6e5c9ca17e' },
];
const GCM_SIV_NONCE = '030000000000000000000000';
/** RFC 7914 §11 (PBKDF2-HMAC-SHA-256) and the widely reproduced PBKDF2-HMAC-SHA-512 "password"/"salt" values. */
const PBKDF2_VECTORS: { id: MacHashId; p: string; s: string; c: number; dk: string }[] = [
  {
    id: 'SHA-256',
    p: 'passwd',
    s: 'salt',
    c: 1,
    dk: '55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783',
  },
  {
    id: 'SHA-256',
    p: 'Password',
    s: 'NaCl',
    c: 80000,
    dk: '4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d',
  },
  {
    id: 'SHA-512',
    p: 'password',
    s: 'salt',
    c: 1,
    dk: '867f70cf1ade02cff3752599a3a53dc4af34c7a669815ae5d513554e1c8cf252c02d470a285a0501bad999bfe943c08f050235d7d68b1da55e63f73b60a57fce',
  },
  {
    id: 'SHA-512',
    p: 'password',
    s: 'salt',
    c: 2,
    dk: 'e1d9c16aa681708a45f5c7c4e215ceb66e011a2e9f0040713f18aefdb866d53cf76cab2868a39b9f7840edce4fef5a82be67335c77a6068e04112754f27ccf4e',
  },
];
/** RFC 7914 §12, the first two scrypt vectors. */
const SCRYPT_VECTORS: { p: string; s: string; N: number; r: number; par: number; dk: string }[] = [
  {
    p: '',
    s: '',
    N: 16,
    r: 1,
    par: 1,
    dk: '77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906',
  },
  {
    p: 'password',
    s: 'NaCl',
    N: 1024,
    r: 8,
    par: 16,
    dk: 'fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640',
  },
];

interface WpHkdfGroup {
  keySize: number;
  tests: { tcId: number; ikm: string; salt: string; info: string; size: number; okm: string; result: 'valid' | 'invalid' }[];
}
interface WpCbcGroup {
  keySize: number;
  ivSize: number;
  tests: { tcId: number; key: string; iv: string; msg: string; ct: string; flags: string[]; result: 'valid' | 'invalid' }[];
}

for (const b of backends) {
  describe(`${b.name} backend: known answers (symmetric additions)`, () => {
    test('SHAKE FIPS 202 empty-string values; cSHAKE SP 800-185 samples 1-4', () => {
      for (const v of SHAKE_EMPTY) {
        const out = xofOnce(b, v.id, {}, new Uint8Array(0), v.out.length / 2);
        assertPlainFresh(out, 'squeeze');
        assert.equal(toHex(out), v.out, v.id);
      }
      for (const [i, v] of CSHAKE_SAMPLES.entries()) {
        const out = xofOnce(b, v.id, { customization: ascii('Email Signature') }, v.msg, v.out.length / 2);
        assert.equal(toHex(out), v.out, `cSHAKE sample ${i + 1}`);
      }
    });

    test('KMAC SP 800-185 samples 1-6 (one-shot and byte-by-byte)', () => {
      for (const v of KMAC_SAMPLES) {
        const out = kmacOnce(b, v.id, KMAC_KEY, v.custom, v.out.length / 2, v.msg);
        assertPlainFresh(out, 'kmac');
        assert.equal(toHex(out), v.out, `KMAC sample ${v.n}`);
        const km = key(KMAC_KEY);
        const d = b.kmac(v.id, km, v.custom, v.out.length / 2);
        for (let i = 0; i < v.msg.length; i++) d.update(v.msg.subarray(i, i + 1));
        assert.equal(toHex(d.digest()), v.out, `KMAC sample ${v.n} byte-by-byte`);
        d.destroy();
        km.release();
      }
    });

    test('BLAKE3 official vectors (unkeyed, keyed, 131-byte extended output)', () => {
      for (const v of BLAKE3_VECTORS) {
        const msg = seq(v.len, 251);
        assert.equal(toHex(xofOnce(b, 'BLAKE3', {}, msg, v.hash.length / 2)), v.hash, `len ${v.len}`);
        const k = key(BLAKE3_KEY);
        assert.equal(toHex(xofOnce(b, 'BLAKE3', { key: k }, msg, 32)), v.keyed, `keyed len ${v.len}`);
        k.release();
      }
      assert.equal(toHex(xofOnce(b, 'BLAKE3', {}, ABC, 32)), '6437b3ac38465133ffb63b75273a8db548c558465d79db03fd359c6cd5bd9d85', 'abc');
    });

    test('AES-CMAC RFC 4493 and SP 800-38B AES-256 examples, every split point', () => {
      for (const v of CMAC_VECTORS) {
        const msg = SP800_38A_M.subarray(0, v.len);
        const out = cmacOnce(b, v.id, hex(v.key), msg);
        assertPlainFresh(out, 'cmac');
        assert.equal(toHex(out), v.tag, `${v.id} Mlen ${v.len}`);
        for (let split = 0; split <= v.len; split++) {
          const k = key(hex(v.key));
          const d = b.cmac(v.id, k);
          d.update(msg.subarray(0, split));
          d.digest(); // must not finalize
          d.update(msg.subarray(split));
          assert.equal(toHex(d.digest()), v.tag, `${v.id} Mlen ${v.len} split ${split}`);
          d.destroy();
          k.release();
        }
      }
    });

    test('HKDF Wycheproof hkdf_sha256/hkdf_sha512 (extract then expand)', () => {
      for (const [file, id] of [
        ['hkdf_sha256_test.json', 'SHA-256'],
        ['hkdf_sha512_test.json', 'SHA-512'],
      ] as const) {
        const wp = wycheproof<WpFile<WpHkdfGroup>>(file);
        let valid = 0;
        let invalid = 0;
        for (const g of wp.testGroups) {
          for (const t of g.tests) {
            const prk = b.hkdfExtract(id, hex(t.ikm), hex(t.salt));
            assertPlainFresh(prk, 'prk');
            if (t.result === 'valid') {
              const okm = b.hkdfExpand(id, prk, hex(t.info), t.size);
              assertPlainFresh(okm, 'okm');
              assert.equal(toHex(okm), t.okm, `${file} tcId ${t.tcId}`);
              valid++;
            } else {
              // Only SizeTooLarge cases are invalid: a typed error, never a plain Error.
              assert.throws(() => b.hkdfExpand(id, prk, hex(t.info), t.size), (e) => isCryptoError(e), `${file} tcId ${t.tcId}`);
              invalid++;
            }
          }
        }
        assert.equal(valid + invalid, wp.numberOfTests);
        assert.ok(valid > 0 && invalid > 0);
      }
    });

    test('PBKDF2 RFC 7914 §11 (SHA-256) and SHA-512 vectors', () => {
      for (const v of PBKDF2_VECTORS) {
        const out = b.pbkdf2(v.id, ascii(v.p), ascii(v.s), v.c, v.dk.length / 2);
        assertPlainFresh(out, 'pbkdf2');
        assert.equal(toHex(out), v.dk, `${v.id} ${v.p}/${v.s}/${v.c}`);
      }
    });

    test('scrypt RFC 7914 §12 vectors 1-2 (maxmem = exactly 128·r·(N+p))', () => {
      for (const v of SCRYPT_VECTORS) {
        const out = b.scrypt(ascii(v.p), ascii(v.s), { N: v.N, r: v.r, p: v.par, dkLen: 64, maxmem: 128 * v.r * (v.N + v.par) });
        assertPlainFresh(out, 'scrypt');
        assert.equal(toHex(out), v.dk, `N=${v.N}`);
      }
    });

    test('Argon2id RFC 9106 §5.3 (secret K and associated data X)', () => {
      const out = b.argon2id(fill(0x01, 32), fill(0x02, 16), {
        t: 3,
        m: 32,
        p: 4,
        dkLen: 32,
        secret: fill(0x03, 8),
        associatedData: fill(0x04, 12),
      });
      assertPlainFresh(out, 'argon2id');
      assert.equal(toHex(out), '0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659');
      // Swapping K and X must change the result (they are distinct inputs of H0).
      const swapped = b.argon2id(fill(0x01, 32), fill(0x02, 16), {
        t: 3,
        m: 32,
        p: 4,
        dkLen: 32,
        secret: fill(0x04, 12),
        associatedData: fill(0x03, 8),
      });
      assert.notEqual(toHex(swapped), toHex(out));
    });

    test('AES-GCM-SIV RFC 8452 Appendix C.1/C.2', () => {
      for (const v of GCM_SIV_VECTORS) {
        const k = key(hex(v.key));
        const sealed = b.aeadSeal(v.id, k, hex(GCM_SIV_NONCE), hex(v.aad), hex(v.pt));
        assertPlainFresh(sealed, 'gcm-siv');
        assert.equal(toHex(sealed), v.out, `${v.id} pt ${v.pt}`);
        const opened = b.aeadOpen(v.id, k, hex(GCM_SIV_NONCE), hex(v.aad), sealed);
        assert.ok(opened !== null);
        assert.equal(toHex(opened), v.pt);
        k.release();
      }
    });

    for (const [file, id, nonceBits] of [
      ['chacha20_poly1305_test.json', 'CHACHA20-POLY1305', 96],
      ['xchacha20_poly1305_test.json', 'XCHACHA20-POLY1305', 192],
    ] as const) {
      test(`${id} Wycheproof ${file} (${nonceBits}-bit nonces; other sizes throw invalid-nonce)`, () => {
        const wp = wycheproof<WpFile<WpAeadGroup>>(file);
        let valid = 0;
        let invalid = 0;
        let badNonce = 0;
        for (const g of wp.testGroups) {
          for (const t of g.tests) {
            const k = key(hex(t.key));
            const iv = hex(t.iv);
            const aad = hex(t.aad);
            if (g.ivSize !== nonceBits) {
              assert.throws(() => b.aeadOpen(id, k, iv, aad, hex(t.ct + t.tag)), (e) => isCryptoError(e) && e.payload === 'invalid-nonce');
              badNonce++;
            } else if (t.result === 'valid') {
              assert.equal(toHex(b.aeadSeal(id, k, iv, aad, hex(t.msg))), t.ct + t.tag, `tcId ${t.tcId} seal`);
              const pt = b.aeadOpen(id, k, iv, aad, hex(t.ct + t.tag));
              assert.ok(pt !== null, `tcId ${t.tcId} must open`);
              assertPlainFresh(pt, 'plaintext');
              assert.equal(toHex(pt), t.msg, `tcId ${t.tcId} open`);
              valid++;
            } else {
              assert.equal(b.aeadOpen(id, k, iv, aad, hex(t.ct + t.tag)), null, `tcId ${t.tcId} must not open`);
              invalid++;
            }
            k.release();
          }
        }
        assert.equal(valid + invalid + badNonce, wp.numberOfTests);
        assert.ok(valid > 0 && invalid > 0 && badNonce > 0);
      });
    }

    test('AES-CBC-PKCS5 Wycheproof (AES-128/256; bad padding and empty input give null)', () => {
      const wp = wycheproof<WpFile<WpCbcGroup>>('aes_cbc_pkcs5_test.json');
      let valid = 0;
      let invalid = 0;
      for (const g of wp.testGroups) {
        if (g.keySize !== 128 && g.keySize !== 256) continue; // AES-192 is not offered
        const id: CipherId = g.keySize === 128 ? 'AES-128-CBC' : 'AES-256-CBC';
        for (const t of g.tests) {
          const k = key(hex(t.key));
          const iv = hex(t.iv);
          if (t.result === 'valid') {
            const ct = b.cipherEncrypt(id, k, iv, hex(t.msg));
            assertPlainFresh(ct, 'ciphertext');
            assert.equal(toHex(ct), t.ct, `tcId ${t.tcId} encrypt`);
            const pt = b.cipherDecrypt(id, k, iv, hex(t.ct));
            assert.ok(pt !== null, `tcId ${t.tcId} decrypts`);
            assertPlainFresh(pt, 'plaintext');
            assert.equal(toHex(pt), t.msg, `tcId ${t.tcId} decrypt`);
            valid++;
          } else {
            assert.equal(b.cipherDecrypt(id, k, iv, hex(t.ct)), null, `tcId ${t.tcId} (${t.flags.join(',')})`);
            invalid++;
          }
          k.release();
        }
      }
      assert.equal(valid + invalid, 144, 'two of the three 72-test groups');
      assert.ok(valid > 0 && invalid > 0);
    });

    test('AES-CTR SP 800-38A F.5.1 / F.5.5 (and decryption, and a 37-byte prefix)', () => {
      for (const v of CTR_VECTORS) {
        const k = key(hex(v.key));
        const ct = b.cipherEncrypt(v.id, k, hex(CTR_IV), SP800_38A_M);
        assertPlainFresh(ct, 'ctr');
        assert.equal(toHex(ct), v.ct, v.id);
        assert.equal(toHex(b.cipherDecrypt(v.id, k, hex(CTR_IV), hex(v.ct)) ?? new Uint8Array(1)), toHex(SP800_38A_M));
        assert.equal(toHex(b.cipherEncrypt(v.id, k, hex(CTR_IV), SP800_38A_M.subarray(0, 37))), v.ct.slice(0, 74), `${v.id} partial block`);
        k.release();
      }
    });
  });
}

// ---------------------------------------------------------------------------------------------
// library baselines: documents the disagreement the backends fix

describe('raw library behaviour on ed25519-speccheck (why the backends add checks)', () => {
  test('OpenSSL and noble strict disagree exactly where recorded', () => {
    SPECCHECK.forEach((v, i) => {
      assert.equal(opensslVerify(hex(v.pk), hex(v.msg), hex(v.sig)), v.rawNode, `OpenSSL vector ${i}`);
      assert.equal(ed25519.verify(hex(v.sig), hex(v.msg), hex(v.pk), { zip215: false }), v.rawNoble, `noble vector ${i}`);
    });
    assert.ok(SPECCHECK.some((v) => v.rawNode !== v.rawNoble), 'the raw libraries do disagree');
  });

  test('the small-order list is the 8-torsion subgroup', () => {
    const pts = SMALL_ORDER.map((h) => ed25519.Point.fromHex(h, false));
    assert.equal(new Set(SMALL_ORDER).size, 8);
    for (const p of pts) {
      assert.ok(p.multiplyUnsafe(8n).is0(), 'order divides 8');
      assert.equal(p.toHex().length, 64);
    }
    assert.equal(pts.filter((p) => p.is0()).length, 1, 'exactly one identity');
  });
});

// ---------------------------------------------------------------------------------------------
// differential: node vs noble

describe('node and noble agree', () => {
  const rnd = xorshift(0x5eed);
  const lengths = [0, 1, 3, 31, 32, 33, 55, 56, 57, 63, 64, 65, 111, 112, 113, 127, 128, 129, 255, 256, 1000, 4097];

  test('hashes on generated inputs', () => {
    for (const id of HASH_IDS) {
      for (const n of lengths) {
        const m = rnd(n);
        assert.equal(toHex(hashOnce(nodeB, id, m)), toHex(hashOnce(nobleB, id, m)), `${id} len ${n}`);
      }
    }
  });

  test('HMAC on generated keys and messages (short, block-size and over-long keys)', () => {
    for (const id of MAC_HASH_IDS) {
      for (const kl of [0, 1, 20, 32, 63, 64, 65, 127, 128, 129, 131, 200]) {
        const k = rnd(kl);
        const m = rnd(kl * 3 + 7);
        assert.equal(toHex(hmacOnce(nodeB, id, k, m)), toHex(hmacOnce(nobleB, id, k, m)), `${id} key ${kl}`);
      }
    }
  });

  test('AES-GCM on generated inputs, and each opens the other', () => {
    for (const id of ['AES-128-GCM', 'AES-256-GCM'] as const) {
      for (const n of lengths) {
        const k = key(rnd(id === 'AES-128-GCM' ? 16 : 32));
        const iv = rnd(12);
        const aad = rnd(n % 70);
        const pt = rnd(n);
        const a = nodeB.aeadSeal(id, k, iv, aad, pt);
        const c = nobleB.aeadSeal(id, k, iv, aad, pt);
        assert.equal(a.length, n + 16);
        assert.equal(toHex(a), toHex(c), `${id} len ${n}`);
        assert.equal(toHex(nobleB.aeadOpen(id, k, iv, aad, a) ?? new Uint8Array(1)), toHex(pt));
        assert.equal(toHex(nodeB.aeadOpen(id, k, iv, aad, c) ?? new Uint8Array(1)), toHex(pt));
        k.release();
      }
    }
  });

  test('AEADs beyond GCM on generated inputs: identical output, each opens the other', () => {
    const ids: [AeadId, number, number][] = [
      ['AES-128-GCM-SIV', 16, 12],
      ['AES-256-GCM-SIV', 32, 12],
      ['CHACHA20-POLY1305', 32, 12],
      ['XCHACHA20-POLY1305', 32, 24],
    ];
    for (const [id, kl, nl] of ids) {
      for (const n of lengths) {
        const k = key(rnd(kl));
        const iv = rnd(nl);
        const aad = rnd(n % 70);
        const pt = rnd(n);
        const a = nodeB.aeadSeal(id, k, iv, aad, pt);
        const c = nobleB.aeadSeal(id, k, iv, aad, pt);
        assert.equal(a.length, n + 16);
        assert.equal(toHex(a), toHex(c), `${id} len ${n}`);
        assert.equal(toHex(nobleB.aeadOpen(id, k, iv, aad, a) ?? new Uint8Array(1)), toHex(pt));
        assert.equal(toHex(nodeB.aeadOpen(id, k, iv, aad, c) ?? new Uint8Array(1)), toHex(pt));
        k.release();
      }
    }
  });

  test('AES-CBC and AES-CTR on generated inputs', () => {
    for (const id of ['AES-128-CBC', 'AES-256-CBC', 'AES-128-CTR', 'AES-256-CTR'] as const) {
      for (const n of lengths) {
        const k = key(rnd(id.startsWith('AES-128') ? 16 : 32));
        const iv = rnd(16);
        const pt = rnd(n);
        const a = nodeB.cipherEncrypt(id, k, iv, pt);
        assert.equal(toHex(a), toHex(nobleB.cipherEncrypt(id, k, iv, pt)), `${id} len ${n}`);
        assert.equal(toHex(nobleB.cipherDecrypt(id, k, iv, a) ?? new Uint8Array(1)), toHex(pt));
        assert.equal(toHex(nodeB.cipherDecrypt(id, k, iv, a) ?? new Uint8Array(1)), toHex(pt));
        k.release();
      }
    }
  });

  test('SHAKE streams, HKDF, PBKDF2 and scrypt on generated inputs', () => {
    for (const id of ['SHAKE-128', 'SHAKE-256'] as const) {
      for (const n of lengths) {
        const m = rnd(n);
        const x1 = nodeB.xof(id, {});
        const x2 = nobleB.xof(id, {});
        x1.update(m);
        x2.update(m);
        for (const step of [1, 7, 168, 200, 0, 33]) assert.equal(toHex(x1.squeeze(step)), toHex(x2.squeeze(step)), `${id} len ${n} step ${step}`);
        x1.destroy();
        x2.destroy();
      }
    }
    for (const id of MAC_HASH_IDS) {
      for (const sl of [0, 1, 32, 64, 129]) {
        const ikm = rnd(sl + 5);
        const salt = rnd(sl);
        const p1 = nodeB.hkdfExtract(id, ikm, salt);
        assert.equal(toHex(p1), toHex(nobleB.hkdfExtract(id, ikm, salt)), `HKDF-Extract ${id} salt ${sl}`);
        const info = rnd(sl % 40);
        assert.equal(toHex(nodeB.hkdfExpand(id, p1, info, sl + 1)), toHex(nobleB.hkdfExpand(id, p1, info, sl + 1)));
        const pw = rnd(sl);
        assert.equal(toHex(nodeB.pbkdf2(id, pw, salt, 3, 70)), toHex(nobleB.pbkdf2(id, pw, salt, 3, 70)), `PBKDF2 ${id} ${sl}`);
      }
    }
    const params = { N: 64, r: 2, p: 3, dkLen: 45, maxmem: 128 * 2 * (64 + 3) };
    const pw = rnd(13);
    const salt = rnd(9);
    assert.equal(toHex(nodeB.scrypt(pw, salt, params)), toHex(nobleB.scrypt(pw, salt, params)));
  });

  test('Ed25519: same keys and signatures; each verifies the other', () => {
    for (let i = 0; i < 12; i++) {
      const g1 = nodeB.ed25519.generate(rngFrom(1000 + i));
      const g2 = nobleB.ed25519.generate(rngFrom(1000 + i));
      assert.equal(toHex(g1.secret), toHex(g2.secret), 'same rng, same seed');
      assert.equal(toHex(g1.public), toHex(g2.public), 'same public key');
      assertPlainFresh(g1.public, 'public');
      assertPlainFresh(g2.public, 'public');
      const sk = key(g1.secret);
      assert.equal(toHex(nodeB.ed25519.publicFromSecret(sk)), toHex(g1.public));
      assert.equal(toHex(nobleB.ed25519.publicFromSecret(sk)), toHex(g1.public));
      const msg = rnd(i * 37);
      const s1 = nodeB.ed25519.sign(sk, msg);
      const s2 = nobleB.ed25519.sign(sk, msg);
      assert.equal(toHex(s1), toHex(s2), 'Ed25519 is deterministic');
      assert.equal(nobleB.ed25519.verify(g1.public, msg, s1), true);
      assert.equal(nodeB.ed25519.verify(g2.public, msg, s2), true);
      const bad = s1.slice();
      bad[i]! ^= 0x04;
      assert.equal(nodeB.ed25519.verify(g1.public, msg, bad), false);
      assert.equal(nobleB.ed25519.verify(g1.public, msg, bad), false);
      sk.release();
    }
  });

  test('Ed25519: random 32-byte strings decode identically', () => {
    let valid = 0;
    for (let i = 0; i < 64; i++) {
      const pk = rnd(32);
      const a = nodeB.ed25519.validPublic(pk);
      assert.equal(a, nobleB.ed25519.validPublic(pk), toHex(pk));
      if (a) valid++;
    }
    assert.ok(valid > 0 && valid < 64, 'both outcomes exercised');
  });
});

// ---------------------------------------------------------------------------------------------
// Digest semantics, output ownership, key lifetime

for (const b of backends) {
  describe(`${b.name} backend: state semantics`, () => {
    test('digest() does not finalize: absorb "a", digest, absorb "bc", digest = SHA-256("abc")', () => {
      const h = b.hash('SHA-256');
      h.update(ascii('a'));
      const first = h.digest();
      h.update(ascii('bc'));
      assert.equal(toHex(h.digest()), SHA_VECTORS[0]!.md);
      assert.equal(toHex(first), toHex(hashOnce(b === nodeB ? nobleB : nodeB, 'SHA-256', ascii('a'))));
      assert.equal(toHex(h.digest()), SHA_VECTORS[0]!.md, 'digest is repeatable');
      h.destroy();
    });

    test('HMAC digest() does not finalize (RFC 4231 case 2 split in three)', () => {
      const v = RFC4231[1]!;
      const k = key(v.key);
      const h = b.hmac('SHA-256', k);
      h.update(v.data.subarray(0, 5));
      h.digest();
      h.update(v.data.subarray(5, 6));
      h.digest();
      h.update(v.data.subarray(6));
      assert.equal(toHex(h.digest()), v.mac['SHA-256']);
      assert.equal(toHex(h.digest()), v.mac['SHA-256']);
      h.destroy();
      k.release();
    });

    test('clone() is independent (hash and HMAC)', () => {
      for (const id of HASH_IDS) {
        const h = b.hash(id);
        h.update(ascii('ab'));
        const c = h.clone();
        c.update(ascii('x'));
        h.update(ascii('c'));
        const md = SHA_VECTORS.find((v) => v.id === id && v.name === 'abc')!.md;
        assert.equal(toHex(h.digest()), md, `${id} original`);
        assert.equal(toHex(c.digest()), toHex(hashOnce(b === nodeB ? nobleB : nodeB, id, ascii('abx'))), `${id} clone`);
        c.destroy();
        assert.equal(toHex(h.digest()), md, `${id} original after clone destroyed`);
        h.destroy();
      }
      const v = RFC4231[0]!;
      const k = key(v.key);
      const m = b.hmac('SHA-512', k);
      m.update(v.data.subarray(0, 3));
      const c = m.clone();
      c.update(ascii('zzz'));
      m.update(v.data.subarray(3));
      assert.equal(toHex(m.digest()), v.mac['SHA-512']);
      assert.equal(toHex(c.digest()), toHex(hmacOnce(b === nodeB ? nobleB : nodeB, 'SHA-512', v.key, v.data.subarray(0, 3), ascii('zzz'))));
      c.update(v.data.subarray(3));
      assert.notEqual(toHex(c.digest()), v.mac['SHA-512']);
      m.destroy();
      c.destroy();
      k.release();
    });

    test('use after destroy() throws', () => {
      const h = b.hash('SHA-256');
      h.destroy();
      assert.throws(() => h.update(ascii('a')));
      assert.throws(() => h.digest());
      assert.throws(() => h.clone());
    });

    test('returned arrays are fresh: mutating one does not change later results', () => {
      const h = b.hash('SHA-256');
      h.update(ABC);
      const d1 = h.digest();
      d1.fill(0);
      assert.equal(toHex(h.digest()), SHA_VECTORS[0]!.md);
      const v = RFC8032[0]!;
      const sk = key(hex(v.secret));
      const p1 = b.ed25519.publicFromSecret(sk);
      p1.fill(0);
      assert.equal(toHex(b.ed25519.publicFromSecret(sk)), v.public);
      sk.release();
    });

    test('inputs are not retained: mutating the input after update() changes nothing', () => {
      const h = b.hash('SHA-256');
      const buf = ABC.slice();
      h.update(buf);
      buf.fill(0);
      assert.equal(toHex(h.digest()), SHA_VECTORS[0]!.md);
    });

    test('an HMAC state survives the release (wipe) of its key', () => {
      const v = RFC4231[6]!; // 131-byte key, hashed first
      const k = key(v.key);
      const h = b.hmac('SHA-256', k);
      assert.equal(k.release(), true);
      assert.ok(k.unsafeRawView().every((x) => x === 0));
      h.update(v.data);
      assert.equal(toHex(h.digest()), v.mac['SHA-256']);
    });

    test('KeyMaterial: after the last release the bytes are zero and the cache is empty', () => {
      const hk = key(fill(0xaa, 131));
      const ak = key(hex(GCM_K));
      const sk = key(hex(RFC8032[0]!.secret));
      b.hmac('SHA-256', hk).digest();
      b.hmac('SHA-384', hk).digest();
      b.aeadSeal('AES-128-GCM', ak, hex(GCM_IV), new Uint8Array(0), ABC);
      b.ed25519.sign(sk, ABC);
      b.ed25519.publicFromSecret(sk);
      if (b.name === 'node') {
        // The node backend caches parsed forms; check they are there, namespaced, and reused.
        for (const k of [hk, ak, sk]) {
          assert.ok(k.cache.size > 0, 'node caches parsed keys');
          for (const name of k.cache.keys()) assert.ok(name.startsWith('node:'), name);
        }
        for (const k of [ak, sk]) {
          const objs = [...k.cache.values()].filter((x) => x instanceof KeyObject);
          assert.equal(objs.length, 1, 'one parsed KeyObject cached');
        }
        const before = [...sk.cache.values()];
        b.ed25519.sign(sk, ABC);
        b.aeadSeal('AES-128-GCM', ak, hex(GCM_IV), new Uint8Array(0), ABC);
        assert.equal(sk.cache.size, before.length);
        for (const v of before) assert.ok([...sk.cache.values()].includes(v), 'cached objects are reused, not re-imported');
      }
      for (const k of [hk, ak, sk]) {
        k.retain();
        assert.equal(k.release(), false, 'still referenced');
        assert.ok(k.unsafeRawView().some((x) => x !== 0), 'not wiped while referenced');
        assert.equal(k.release(), true, 'last reference');
        assert.ok(k.unsafeRawView().every((x) => x === 0), 'bytes zeroed');
        assert.equal(k.cache.size, 0, 'cache emptied');
        assert.throws(() => k.bytes);
      }
    });
  });
}
