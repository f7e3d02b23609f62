/**
 * Known-answer and differential tests for the two crypto backends (node:crypto and @noble/*).
 *
 * Every expected output is a published value (FIPS 180-4 examples, RFC 4231, McGrew–Viega GCM,
 * RFC 8032, Project Wycheproof, ed25519-speccheck); nothing expected is computed by the code under
 * test. Both backends run the same vectors, then are compared with each other on generated inputs.
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
import type { AeadId, Backend, HashId } from '../../host/src/backends/types.js';
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
function hmacOnce(b: Backend, id: HashId, k: Uint8Array, ...chunks: Uint8Array[]): Uint8Array {
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
const HASH_IDS: HashId[] = ['SHA-256', 'SHA-384', 'SHA-512', 'SHA-512/256'];

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
];

/** RFC 4231 §4.2–4.8. Test case 5's output is truncated to 128 bits by the RFC. */
const RFC4231: { tc: number; key: Uint8Array; data: Uint8Array; truncate?: number; mac: Partial<Record<HashId, string>> }[] = [
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
    test('supports every algorithm of the contract', () => {
      for (const id of HASH_IDS) assert.equal(b.supportsHash(id), true, id);
      assert.equal(b.supportsAead('AES-128-GCM'), true);
      assert.equal(b.supportsAead('AES-256-GCM'), true);
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
        for (const [id, mac] of Object.entries(v.mac) as [HashId, string][]) {
          const out = hmacOnce(b, id, v.key, v.data);
          assertPlainFresh(out, 'hmac');
          const cmp = v.truncate === undefined ? out : out.subarray(0, v.truncate);
          assert.equal(toHex(cmp), mac, `RFC 4231 case ${v.tc} ${id}`);
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
    for (const id of HASH_IDS) {
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
        assert.equal(toHex(c.digest()), toHex(hashOnce(nobleB, id, ascii('abx'))), `${id} clone`);
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
