/**
 * Contract tests for `Backend` (host/src/backends/types.ts), run against BOTH backends.
 *
 * These check the behaviour the core relies on, which known-answer tests do not reach: digests that
 * do not finalize, clones that are independent, XOF squeezes that continue one output stream,
 * `null` (never a throw, never partial plaintext) on authentication / padding failure, typed errors
 * on malformed lengths, fresh outputs, state surviving the release of its key, destroy().
 *
 * Expected values come from node:crypto called directly (createHash, createHmac, hkdfSync,
 * pbkdf2Sync, scryptSync, createCipheriv) or from published vectors (NIST SP 800-185, RFC 4493,
 * the BLAKE3 test vectors); never from the code under test. Inputs come from a seeded generator.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createCipheriv, createHash, createHmac, hkdfSync, pbkdf2Sync, scryptSync } from 'node:crypto';
import { createNodeBackend } from '../../host/src/backends/node.js';
import { createNobleBackend } from '../../host/src/backends/noble.js';
import type { AeadId, Backend, CipherId, Digest, HashId, MacHashId, Xof, XofId, XofParams } from '../../host/src/backends/types.js';
import { KeyMaterial } from '../../host/src/core/secret.js';
import { isCryptoError } from '../../host/src/core/errors.js';

// ---------------------------------------------------------------------------------------------
// helpers

function hex(s: string): Uint8Array {
  return new Uint8Array(Buffer.from(s, 'hex'));
}
function toHex(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
}
function ascii(s: string): Uint8Array {
  return new Uint8Array(Buffer.from(s, 'latin1'));
}
function cat(...parts: Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts));
}
function seq(n: number, mod = 256): Uint8Array {
  return Uint8Array.from({ length: n }, (_, i) => i % mod);
}
function key(bytes: Uint8Array): KeyMaterial {
  return KeyMaterial.copyOf(bytes);
}
function flip(b: Uint8Array, i: number, bit = 0x01): Uint8Array {
  const c = b.slice();
  c[i]! ^= bit;
  return c;
}
function assertFresh(u: Uint8Array, what: string): void {
  assert.equal(Object.getPrototypeOf(u), Uint8Array.prototype, `${what} must be a plain Uint8Array`);
  assert.equal(u.byteOffset, 0, `${what} must own its buffer`);
  assert.equal(u.buffer.byteLength, u.length, `${what} must not view a larger buffer`);
}
const isTyped = (code?: string) => (e: unknown) => isCryptoError(e) && (code === undefined || e.payload === code);

/** Test-input generator only (xorshift32); never used to produce expected values. */
function gen(seed: number): (n: number) => Uint8Array {
  let x = seed >>> 0 || 1;
  return (n) => {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      x ^= x << 13;
      x >>>= 0;
      x ^= x >>> 17;
      x ^= x << 5;
      x >>>= 0;
      out[i] = x & 0xff;
    }
    return out;
  };
}

/** node:crypto names, for oracles. */
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
const HASH_IDS = Object.keys(NODE_HASH) as HashId[];
const MAC_NODE: Record<MacHashId, { alg: string; len: number }> = {
  'SHA-256': { alg: 'sha256', len: 32 },
  'SHA-384': { alg: 'sha384', len: 48 },
  'SHA-512': { alg: 'sha512', len: 64 },
};
const MAC_HASH_IDS = Object.keys(MAC_NODE) as MacHashId[];

function nodeHash(id: HashId, ...parts: Uint8Array[]): string {
  const h = createHash(NODE_HASH[id]);
  for (const p of parts) h.update(p);
  return h.digest('hex');
}
function nodeShake(id: 'SHAKE-128' | 'SHAKE-256', msg: Uint8Array, n: number): string {
  return createHash(id === 'SHAKE-128' ? 'shake128' : 'shake256', { outputLength: n }).update(msg).digest('hex');
}
function nodeHmac(id: MacHashId, k: Uint8Array, ...parts: Uint8Array[]): string {
  const h = createHmac(MAC_NODE[id].alg, k);
  for (const p of parts) h.update(p);
  return h.digest('hex');
}
function nodeCipher(alg: string, k: Uint8Array, iv: Uint8Array | null, data: Uint8Array, autoPadding = true): Uint8Array {
  const c = createCipheriv(alg, k, iv);
  c.setAutoPadding(autoPadding);
  return cat(c.update(data), c.final());
}

/** Squeezes `sizes` in turn and returns the concatenation. */
function squeezeAll(x: Xof, sizes: number[]): Uint8Array {
  return cat(...sizes.map((n) => x.squeeze(n)));
}

// Published vectors used as oracles where node:crypto has no implementation.
/** NIST SP 800-185 KMAC sample #3 (KMAC128, key 0x40..0x5f, data 0x00..0xc7, S = "My Tagged Application", L = 256). */
const KMAC3 = {
  key: Uint8Array.from({ length: 32 }, (_, i) => 0x40 + i),
  msg: seq(200),
  custom: ascii('My Tagged Application'),
  out: '1f5b4e6cca02209e0dcb5ca635b89a15e271ecc760071dfd805faa38f9729230',
};
/** NIST SP 800-185 KMAC sample #1 (same key, data 00010203, S = "", L = 256). */
const KMAC1_OUT = 'e5780b0d3ea6f7d3a429c5706aa43a00fadbd7d49628839e3187243f456ee14e';
/** NIST SP 800-185 cSHAKE256 sample #4 (data 0x00..0xc7, N = "", S = "Email Signature", L = 512). */
const CSHAKE256_S4 =
  '07dc27b11e51fbac75bc7b3c1d983e8b4b85fb1defaf218912ac86430273091727f42b17ed1df63e8ec118f04b23633c1dfb1574c8fb55cb45da8e25afb092bb';
/** BLAKE3 test_vectors.json, input_len 0: the full 131-byte extended hash, and the keyed hash's first 32 bytes. */
const BLAKE3_EMPTY =
  'af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262e00f03e7b69af26b7faaf09fcd333050338ddfe085b8cc869ca98b206c08243a26f5487789e8f660afe6c99ef9e0c52b92e7393024a80459cf91f476f9ffdbda7001c22e159b402631f277ca96f2defdf1078282314e763699a31c5363165421cce14d';
const BLAKE3_KEYED_EMPTY = '92b2b75604ed3c761f9d6f62392c8a9227ad0ea3f09573e783f1498a4ed60d26';
const BLAKE3_KEY = ascii('whats the Elvish word for friend');
/** RFC 4493 §4: AES-128 key, message M (64 bytes), tags of the 0/16/40/64-byte prefixes. */
const CMAC_KEY = hex('2b7e151628aed2a6abf7158809cf4f3c');
const CMAC_M = hex(
  '6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710',
);
const CMAC_TAGS: Record<0 | 16 | 40 | 64, string> = {
  0: 'bb1d6929e95937287fa37d129b756746',
  16: '070a16b46b4d4144f79bdd9dd04a287c',
  40: 'dfa66747de9ae63030ca32611497c827',
  64: '51f0bebf7e3b9d92fc49741779363cfe',
};

const AEADS: { id: AeadId; keyLen: number; nonceLen: number; node?: string }[] = [
  { id: 'AES-128-GCM', keyLen: 16, nonceLen: 12, node: 'aes-128-gcm' },
  { id: 'AES-256-GCM', keyLen: 32, nonceLen: 12, node: 'aes-256-gcm' },
  { id: 'AES-128-GCM-SIV', keyLen: 16, nonceLen: 12 },
  { id: 'AES-256-GCM-SIV', keyLen: 32, nonceLen: 12 },
  { id: 'CHACHA20-POLY1305', keyLen: 32, nonceLen: 12, node: 'chacha20-poly1305' },
  { id: 'XCHACHA20-POLY1305', keyLen: 32, nonceLen: 24 },
];
const CIPHERS: { id: CipherId; keyLen: number; node: string }[] = [
  { id: 'AES-128-CBC', keyLen: 16, node: 'aes-128-cbc' },
  { id: 'AES-256-CBC', keyLen: 32, node: 'aes-256-cbc' },
  { id: 'AES-128-CTR', keyLen: 16, node: 'aes-128-ctr' },
  { id: 'AES-256-CTR', keyLen: 32, node: 'aes-256-ctr' },
];

const backends: Backend[] = [createNodeBackend(), createNobleBackend()];

// ---------------------------------------------------------------------------------------------

for (const b of backends) {
  describe(`${b.name} backend: contract`, () => {
    // ----- hashes and MACs: digest() does not finalize; clone() is independent

    test('hash: digest() does not finalize, for every hash (oracle: node createHash)', () => {
      const rnd = gen(1);
      for (const id of HASH_IDS) {
        for (const [la, lb] of [[0, 0], [0, 5], [3, 200], [64, 64], [127, 1], [1000, 17]] as const) {
          const a = rnd(la);
          const c = rnd(lb);
          const h = b.hash(id);
          assert.equal(toHex(h.digest()), nodeHash(id), `${id} empty`);
          h.update(a);
          const d1 = h.digest();
          assertFresh(d1, 'digest');
          assert.equal(toHex(d1), nodeHash(id, a), `${id} first ${la}`);
          assert.equal(toHex(h.digest()), toHex(d1), `${id} repeatable`);
          h.update(c);
          assert.equal(toHex(h.digest()), nodeHash(id, a, c), `${id} ${la}+${lb}`);
          h.destroy();
        }
      }
    });

    test('hash: clone() is independent in both directions, and survives destroy() of the other', () => {
      const rnd = gen(2);
      for (const id of HASH_IDS) {
        const [p, x, y] = [rnd(70), rnd(33), rnd(150)];
        const h = b.hash(id);
        h.update(p);
        const c = h.clone();
        h.update(x);
        c.update(y);
        assert.equal(toHex(h.digest()), nodeHash(id, p, x), `${id} original`);
        assert.equal(toHex(c.digest()), nodeHash(id, p, y), `${id} clone`);
        const cc = c.clone();
        c.destroy();
        cc.update(x);
        assert.equal(toHex(cc.digest()), nodeHash(id, p, y, x), `${id} clone of clone after its parent's destroy`);
        h.destroy();
        assert.equal(toHex(cc.digest()), nodeHash(id, p, y, x), `${id} after the original's destroy`);
        cc.destroy();
      }
    });

    test('HMAC: any key length incl. empty; non-finalizing; clone; survives key release (oracle: node createHmac)', () => {
      const rnd = gen(3);
      for (const id of MAC_HASH_IDS) {
        for (const kl of [0, 1, 32, 64, 127, 128, 129, 300]) {
          const kb = rnd(kl);
          const [a, c, y] = [rnd(kl % 50), rnd(31), rnd(7)];
          const km = key(kb);
          const h = b.hmac(id, km);
          assert.equal(km.release(), true);
          h.update(a);
          assert.equal(toHex(h.digest()), nodeHmac(id, kb, a), `${id} key ${kl} first`);
          const cl = h.clone();
          h.update(c);
          cl.update(y);
          const tag = h.digest();
          assert.equal(tag.length, MAC_NODE[id].len);
          assert.equal(toHex(tag), nodeHmac(id, kb, a, c), `${id} key ${kl}`);
          assert.equal(toHex(cl.digest()), nodeHmac(id, kb, a, y), `${id} key ${kl} clone`);
          h.destroy();
          cl.destroy();
        }
      }
    });

    test('KMAC: non-finalizing at every split of SP 800-185 sample 3; clone; survives key release', () => {
      for (let split = 0; split <= KMAC3.msg.length; split += 7) {
        const km = key(KMAC3.key);
        const d = b.kmac('KMAC-128', km, KMAC3.custom, 32);
        km.release();
        d.update(KMAC3.msg.subarray(0, split));
        d.digest();
        d.update(KMAC3.msg.subarray(split));
        assert.equal(toHex(d.digest()), KMAC3.out, `split ${split}`);
        d.destroy();
      }
      // Sample 1 is data 00010203 with S = "": fork a state after 00 01 into sample 1 and a different message.
      const km = key(KMAC3.key);
      const d = b.kmac('KMAC-128', km, new Uint8Array(0), 32);
      d.update(seq(2));
      const c = d.clone();
      c.update(hex('ff'));
      d.update(hex('0203'));
      assert.equal(toHex(d.digest()), KMAC1_OUT, 'original');
      assert.notEqual(toHex(c.digest()), KMAC1_OUT, 'clone followed its own input');
      c.update(hex('0203'));
      assert.notEqual(toHex(c.digest()), KMAC1_OUT);
      d.destroy();
      c.destroy();
      km.release();
    });

    test('KMAC: the output length and the customization are bound into the tag', () => {
      const km = key(KMAC3.key);
      const t32 = (() => {
        const d = b.kmac('KMAC-128', km, KMAC3.custom, 32);
        d.update(KMAC3.msg);
        return d.digest();
      })();
      const t48 = (() => {
        const d = b.kmac('KMAC-128', km, KMAC3.custom, 48);
        d.update(KMAC3.msg);
        return d.digest();
      })();
      const tNoS = (() => {
        const d = b.kmac('KMAC-128', km, new Uint8Array(0), 32);
        d.update(KMAC3.msg);
        return d.digest();
      })();
      assert.equal(toHex(t32), KMAC3.out);
      assert.equal(t48.length, 48);
      assert.notEqual(toHex(t48.subarray(0, 32)), KMAC3.out, 'L is an input of KMAC, not a truncation');
      assert.notEqual(toHex(tNoS), KMAC3.out);
      km.release();
    });

    test('CMAC: non-finalizing; clone forks at a block boundary; survives key release (RFC 4493 tags)', () => {
      const km = key(CMAC_KEY);
      const d = b.cmac('AES-128-CMAC', km);
      assert.equal(km.release(), true);
      assert.equal(toHex(d.digest()), CMAC_TAGS[0]);
      d.update(CMAC_M.subarray(0, 16));
      assert.equal(toHex(d.digest()), CMAC_TAGS[16]);
      const c = d.clone();
      d.update(CMAC_M.subarray(16, 40));
      assert.equal(toHex(d.digest()), CMAC_TAGS[40], 'original 40');
      c.update(CMAC_M.subarray(16, 33));
      c.update(CMAC_M.subarray(33, 64));
      assert.equal(toHex(c.digest()), CMAC_TAGS[64], 'clone 64');
      d.update(CMAC_M.subarray(40));
      assert.equal(toHex(d.digest()), CMAC_TAGS[64], 'original 64');
      d.destroy();
      assert.equal(toHex(c.digest()), CMAC_TAGS[64], 'clone after original destroyed');
      c.destroy();
    });

    test('CMAC: byte-at-a-time and one-shot agree on generated messages; wrong key length is invalid-key', () => {
      const rnd = gen(4);
      const k = key(rnd(32));
      for (const n of [0, 1, 15, 16, 17, 31, 32, 33, 100, 1000, 70_000]) {
        const m = rnd(n);
        const one = b.cmac('AES-256-CMAC', k);
        one.update(m);
        const ref = one.digest();
        const many = b.cmac('AES-256-CMAC', k);
        const step = n > 5000 ? 4093 : 1;
        for (let i = 0; i < n; i += step) many.update(m.subarray(i, i + step));
        assert.equal(toHex(many.digest()), toHex(ref), `len ${n}`);
        one.destroy();
        many.destroy();
      }
      assert.throws(() => b.cmac('AES-128-CMAC', k), isTyped('invalid-key'));
      k.release();
    });

    test('Digest destroy(): further use throws, for every kind of digest', () => {
      const km = key(new Uint8Array(32).fill(7));
      const makers: [string, () => Digest][] = [
        ['hash', () => b.hash('SHA3-256')],
        ['hmac', () => b.hmac('SHA-384', km)],
        ['kmac', () => b.kmac('KMAC-256', km, new Uint8Array(0), 64)],
        ['cmac', () => b.cmac('AES-256-CMAC', km)],
      ];
      for (const [name, make] of makers) {
        const d = make();
        d.update(ascii('x'));
        d.destroy();
        assert.throws(() => d.update(ascii('a')), `${name} update`);
        assert.throws(() => d.digest(), `${name} digest`);
        assert.throws(() => d.clone(), `${name} clone`);
      }
      km.release();
    });

    // ----- XOFs

    test('XOF: squeeze(10)+squeeze(22) = the first 32 bytes of one squeeze(32) (SHAKE, oracle: node)', () => {
      const rnd = gen(5);
      for (const id of ['SHAKE-128', 'SHAKE-256'] as const) {
        for (const n of [0, 1, 135, 136, 137, 167, 168, 169, 500]) {
          const m = rnd(n);
          const x = b.xof(id, {});
          x.update(m.subarray(0, n >> 1));
          x.update(m.subarray(n >> 1));
          const a = x.squeeze(10);
          const c = x.squeeze(22);
          assertFresh(a, 'squeeze');
          assert.equal(toHex(cat(a, c)), nodeShake(id, m, 32), `${id} len ${n}`);
          // Keep going across several rate blocks (168 / 136 bytes), with an empty squeeze in between.
          const more = squeezeAll(x, [0, 100, 1, 300, 211]);
          assert.equal(toHex(more), nodeShake(id, m, 32 + 612).slice(64), `${id} len ${n} long stream`);
          x.destroy();
        }
      }
    });

    test('XOF: cSHAKE with empty customization is SHAKE; with one it is the SP 800-185 function, streamed', () => {
      const rnd = gen(6);
      for (const [cs, sh] of [
        ['CSHAKE-128', 'SHAKE-128'],
        ['CSHAKE-256', 'SHAKE-256'],
      ] as const) {
        const m = rnd(77);
        for (const params of [{}, { customization: new Uint8Array(0) }] as XofParams[]) {
          const x = b.xof(cs, params);
          x.update(m);
          assert.equal(toHex(squeezeAll(x, [5, 59])), nodeShake(sh, m, 64), `${cs} ${JSON.stringify(params)}`);
          x.destroy();
        }
        const x = b.xof(cs, { customization: ascii('ctx') });
        x.update(m);
        assert.notEqual(toHex(x.squeeze(64)), nodeShake(sh, m, 64), `${cs} customization changes the output`);
        x.destroy();
      }
      const x = b.xof('CSHAKE-256', { customization: ascii('Email Signature') });
      x.update(seq(200));
      assert.equal(toHex(squeezeAll(x, [1, 30, 33])), CSHAKE256_S4, 'sample 4 in three squeezes');
      x.destroy();
    });

    test('XOF: BLAKE3 streams the published 131-byte output in pieces; keyed differs from unkeyed', () => {
      for (const sizes of [[131], [1, 130], [63, 1, 64, 3], [32, 32, 32, 32, 3], [0, 64, 0, 67]]) {
        const x = b.xof('BLAKE3', {});
        assert.equal(toHex(squeezeAll(x, sizes)), BLAKE3_EMPTY, `sizes ${sizes.join('+')}`);
        x.destroy();
      }
      const k = key(BLAKE3_KEY);
      const kx = b.xof('BLAKE3', { key: k });
      assert.equal(k.release(), true, 'the keyed state does not need the KeyMaterial afterwards');
      const keyed = squeezeAll(kx, [10, 22]);
      assert.equal(toHex(keyed), BLAKE3_KEYED_EMPTY);
      assert.notEqual(toHex(keyed), BLAKE3_EMPTY.slice(0, 64));
      kx.destroy();
      const k31 = key(new Uint8Array(31));
      assert.throws(() => b.xof('BLAKE3', { key: k31 }), isTyped('invalid-key'));
      k31.release();
    });

    test('XOF: clone() copies the stream position, and is independent before the first squeeze', () => {
      const rnd = gen(7);
      const ids: [XofId, XofParams][] = [
        ['SHAKE-128', {}],
        ['SHAKE-256', {}],
        ['CSHAKE-128', { customization: ascii('c') }],
        ['CSHAKE-256', { customization: ascii('c') }],
        ['BLAKE3', {}],
      ];
      for (const [id, params] of ids) {
        const m = rnd(90);
        const ref = (() => {
          const x = b.xof(id, params);
          x.update(m);
          const out = x.squeeze(400);
          x.destroy();
          return toHex(out);
        })();
        const x = b.xof(id, params);
        x.update(m);
        const head = x.squeeze(10);
        const c = x.clone();
        const fromOriginal = x.squeeze(200);
        const fromClone = squeezeAll(c, [150, 50]);
        assert.equal(toHex(cat(head, fromOriginal)), ref.slice(0, 420), `${id} original`);
        assert.equal(toHex(fromClone), ref.slice(20, 420), `${id} clone continues at byte 10`);
        x.destroy();
        assert.equal(toHex(c.squeeze(190)), ref.slice(420, 800), `${id} clone after the original's destroy`);
        c.destroy();
        // Before any squeeze, a clone absorbs on its own.
        const p = b.xof(id, params);
        p.update(m.subarray(0, 40));
        const q = p.clone();
        p.update(m.subarray(40));
        q.update(ascii('other'));
        assert.equal(toHex(p.squeeze(50)), ref.slice(0, 100), `${id} original after fork`);
        assert.notEqual(toHex(q.squeeze(50)), ref.slice(0, 100), `${id} clone after fork`);
        p.destroy();
        q.destroy();
      }
      // And against node for SHAKE-256, byte for byte.
      const m = rnd(10);
      const x = b.xof('SHAKE-256', {});
      x.update(m);
      x.squeeze(10);
      assert.equal(toHex(x.clone().squeeze(22)), nodeShake('SHAKE-256', m, 32).slice(20));
      x.destroy();
    });

    test('XOF: update() after squeeze() throws (never silently corrupts); destroy() stops use', () => {
      for (const id of ['SHAKE-128', 'SHAKE-256', 'CSHAKE-128', 'CSHAKE-256', 'BLAKE3'] as const) {
        const x = b.xof(id, {});
        x.update(ascii('abc'));
        const first = x.squeeze(16);
        assert.throws(() => x.update(ascii('d')), Error, `${id}: update after squeeze`);
        // The stream is unaffected by the refused update.
        const y = b.xof(id, {});
        y.update(ascii('abc'));
        assert.equal(toHex(cat(first, x.squeeze(16))), toHex(y.squeeze(32)), `${id} stream intact`);
        x.destroy();
        y.destroy();
        assert.throws(() => x.squeeze(1), `${id} squeeze after destroy`);
        assert.throws(() => x.update(ascii('a')), `${id} update after destroy`);
        assert.throws(() => x.clone(), `${id} clone after destroy`);
      }
    });

    // ----- KDFs

    test('HKDF: extract+expand = node hkdfSync; empty salt = HashLen zero bytes; bad PRK/length are typed errors', () => {
      const rnd = gen(8);
      for (const id of MAC_HASH_IDS) {
        const { alg, len } = MAC_NODE[id];
        for (const [sl, il, L] of [[0, 0, 1], [0, 22, len], [13, 10, 42], [len, 3, 255 * len], [200, 80, 100]] as const) {
          const ikm = rnd(22);
          const salt = rnd(sl);
          const info = rnd(il);
          const prk = b.hkdfExtract(id, ikm, salt);
          assertFresh(prk, 'prk');
          assert.equal(prk.length, len);
          const okm = b.hkdfExpand(id, prk, info, L);
          assertFresh(okm, 'okm');
          assert.equal(toHex(okm), toHex(new Uint8Array(hkdfSync(alg, ikm, salt, info, L))), `${id} salt ${sl} L ${L}`);
        }
        const ikm = rnd(30);
        assert.equal(toHex(b.hkdfExtract(id, ikm, new Uint8Array(0))), toHex(b.hkdfExtract(id, ikm, new Uint8Array(len))), `${id} empty salt`);
        assert.equal(toHex(b.hkdfExtract(id, ikm, new Uint8Array(0))), nodeHmac(id, new Uint8Array(len), ikm), `${id} empty salt (node)`);
        const prk = b.hkdfExtract(id, ikm, new Uint8Array(0));
        assert.throws(() => b.hkdfExpand(id, prk, new Uint8Array(0), 255 * len + 1), isTyped(), `${id} too long`);
        assert.throws(() => b.hkdfExpand(id, prk.subarray(1), new Uint8Array(0), 16), isTyped(), `${id} short PRK`);
      }
    });

    test('PBKDF2 and scrypt agree with node pbkdf2Sync / scryptSync', () => {
      const rnd = gen(9);
      for (const id of ['SHA-256', 'SHA-512'] as const) {
        for (const [pl, sl, c, dk] of [[0, 0, 1, 1], [8, 16, 1000, 32], [200, 3, 2, 129]] as const) {
          const pw = rnd(pl);
          const salt = rnd(sl);
          const out = b.pbkdf2(id, pw, salt, c, dk);
          assertFresh(out, 'pbkdf2');
          assert.equal(toHex(out), toHex(new Uint8Array(pbkdf2Sync(pw, salt, c, dk, MAC_NODE[id].alg))), `${id} ${pl}/${sl}/${c}/${dk}`);
        }
      }
      for (const { N, r, p, dkLen } of [
        { N: 2, r: 1, p: 1, dkLen: 16 },
        { N: 256, r: 4, p: 2, dkLen: 64 },
        { N: 1024, r: 1, p: 5, dkLen: 33 },
      ]) {
        const pw = rnd(11);
        const salt = rnd(17);
        // maxmem as the core computes it: exactly 128·r·(N + p).
        const out = b.scrypt(pw, salt, { N, r, p, dkLen, maxmem: 128 * r * (N + p) });
        assertFresh(out, 'scrypt');
        const ref = scryptSync(pw, salt, dkLen, { N, r, p, maxmem: 64 * 1024 * 1024 });
        assert.equal(toHex(out), toHex(new Uint8Array(ref)), `N=${N} r=${r} p=${p}`);
      }
    });

    test('Argon2id: output length, determinism and input separation (K, X, salt, t)', () => {
      const base = { t: 1, m: 64, p: 2, dkLen: 24 };
      const pw = ascii('password');
      const salt = ascii('somesalt');
      const a = b.argon2id(pw, salt, base);
      assertFresh(a, 'argon2id');
      assert.equal(a.length, 24);
      assert.equal(toHex(b.argon2id(pw, salt, base)), toHex(a), 'deterministic');
      // An empty secret / associated data is the same as none (RFC 9106: length-prefixed, may be empty).
      assert.equal(toHex(b.argon2id(pw, salt, { ...base, secret: new Uint8Array(0), associatedData: new Uint8Array(0) })), toHex(a));
      const variants = [
        b.argon2id(pw, salt, { ...base, secret: ascii('k') }),
        b.argon2id(pw, salt, { ...base, associatedData: ascii('k') }),
        b.argon2id(pw, ascii('somesalT'), base),
        b.argon2id(pw, salt, { ...base, t: 2 }),
        b.argon2id(pw, salt, { ...base, dkLen: 25 }).subarray(0, 24),
      ].map(toHex);
      assert.equal(new Set([toHex(a), ...variants]).size, 6, 'every input changes the output');
    });

    // ----- AEADs

    test('AEAD: round trip for every algorithm; ct‖tag layout (node oracle where node has the cipher)', () => {
      const rnd = gen(10);
      for (const spec of AEADS) {
        for (const n of [0, 1, 15, 16, 17, 64, 1000]) {
          const kb = rnd(spec.keyLen);
          const k = key(kb);
          const nonce = rnd(spec.nonceLen);
          const aad = rnd(n % 23);
          const pt = rnd(n);
          const sealed = b.aeadSeal(spec.id, k, nonce, aad, pt);
          assertFresh(sealed, 'sealed');
          assert.equal(sealed.length, n + 16, `${spec.id} len ${n}`);
          if (spec.node !== undefined) {
            const c = createCipheriv(spec.node as 'aes-128-gcm', kb, nonce, { authTagLength: 16 });
            c.setAAD(aad, { plaintextLength: n });
            const ref = cat(c.update(pt), c.final(), c.getAuthTag());
            assert.equal(toHex(sealed), toHex(ref), `${spec.id} len ${n} vs node`);
          }
          const opened = b.aeadOpen(spec.id, k, nonce, aad, sealed);
          assert.ok(opened !== null, `${spec.id} len ${n} opens`);
          assertFresh(opened, 'opened');
          assert.equal(toHex(opened), toHex(pt));
          k.release();
        }
      }
    });

    test('AEAD: aeadOpen returns null (never throws) for a flipped bit in ct, tag, aad or nonce, and for short input', () => {
      const rnd = gen(11);
      for (const spec of AEADS) {
        const k = key(rnd(spec.keyLen));
        const nonce = rnd(spec.nonceLen);
        const aad = rnd(20);
        const pt = rnd(48);
        const sealed = b.aeadSeal(spec.id, k, nonce, aad, pt);
        for (const i of [0, 17, 47, 48, 55, 63]) {
          for (const bit of [0x01, 0x80]) {
            assert.equal(b.aeadOpen(spec.id, k, nonce, aad, flip(sealed, i, bit)), null, `${spec.id} byte ${i} bit ${bit}`);
          }
        }
        assert.equal(b.aeadOpen(spec.id, k, nonce, flip(aad, 0), sealed), null, `${spec.id} aad`);
        assert.equal(b.aeadOpen(spec.id, k, nonce, cat(aad, new Uint8Array(1)), sealed), null, `${spec.id} longer aad`);
        assert.equal(b.aeadOpen(spec.id, k, nonce, new Uint8Array(0), sealed), null, `${spec.id} no aad`);
        assert.equal(b.aeadOpen(spec.id, k, flip(nonce, spec.nonceLen - 1), aad, sealed), null, `${spec.id} nonce`);
        assert.equal(b.aeadOpen(spec.id, k, nonce, aad, sealed.subarray(0, sealed.length - 1)), null, `${spec.id} truncated`);
        assert.equal(b.aeadOpen(spec.id, k, nonce, aad, cat(sealed, new Uint8Array(1))), null, `${spec.id} extended`);
        for (const n of [0, 1, 15]) assert.equal(b.aeadOpen(spec.id, k, nonce, aad, sealed.subarray(0, n)), null, `${spec.id} ${n} bytes`);
        const other = key(rnd(spec.keyLen));
        assert.equal(b.aeadOpen(spec.id, other, nonce, aad, sealed), null, `${spec.id} other key`);
        other.release();
        // The untouched ciphertext still opens (the failed attempts changed nothing).
        assert.equal(toHex(b.aeadOpen(spec.id, k, nonce, aad, sealed) ?? new Uint8Array(0)), toHex(pt));
        k.release();
      }
    });

    test('AEAD: wrong key / nonce lengths are typed errors (invalid-key / invalid-nonce)', () => {
      for (const spec of AEADS) {
        const good = key(new Uint8Array(spec.keyLen));
        const bad = key(new Uint8Array(spec.keyLen === 16 ? 32 : 16));
        const nonce = new Uint8Array(spec.nonceLen);
        const e = new Uint8Array(0);
        assert.throws(() => b.aeadSeal(spec.id, bad, nonce, e, e), isTyped('invalid-key'), `${spec.id} seal key`);
        assert.throws(() => b.aeadOpen(spec.id, bad, nonce, e, new Uint8Array(16)), isTyped('invalid-key'), `${spec.id} open key`);
        for (const nl of [0, spec.nonceLen - 1, spec.nonceLen + 1]) {
          const n = new Uint8Array(nl);
          assert.throws(() => b.aeadSeal(spec.id, good, n, e, e), isTyped('invalid-nonce'), `${spec.id} seal nonce ${nl}`);
          assert.throws(() => b.aeadOpen(spec.id, good, n, e, new Uint8Array(16)), isTyped('invalid-nonce'), `${spec.id} open nonce ${nl}`);
        }
        good.release();
        bad.release();
      }
    });

    test('AEAD and ciphers: inputs are not retained, outputs are owned', () => {
      const rnd = gen(12);
      const k = key(rnd(32));
      const nonce = rnd(24);
      const pt = rnd(40);
      const sealed = b.aeadSeal('XCHACHA20-POLY1305', k, nonce, new Uint8Array(0), pt);
      const copy = sealed.slice();
      pt.fill(0);
      nonce.fill(1);
      assert.equal(toHex(sealed), toHex(copy), 'ciphertext does not alias the plaintext');
      const iv = rnd(16);
      const data = rnd(33);
      const ct = b.cipherEncrypt('AES-256-CBC', k, iv, data);
      data.fill(0);
      const back = b.cipherDecrypt('AES-256-CBC', k, iv, ct);
      assert.ok(back !== null);
      assertFresh(back, 'cbc plaintext');
      back.fill(9);
      assert.notEqual(toHex(b.cipherDecrypt('AES-256-CBC', k, iv, ct) ?? new Uint8Array(0)), toHex(back));
      k.release();
    });

    // ----- CBC / CTR

    test('CBC: PKCS#7 always pads 1..16 bytes (oracle: node createCipheriv)', () => {
      const rnd = gen(13);
      for (const spec of CIPHERS.filter((c) => c.id.endsWith('CBC'))) {
        for (const n of [0, 1, 15, 16, 17, 31, 32, 100]) {
          const kb = rnd(spec.keyLen);
          const k = key(kb);
          const iv = rnd(16);
          const pt = rnd(n);
          const ct = b.cipherEncrypt(spec.id, k, iv, pt);
          assert.equal(ct.length, (Math.floor(n / 16) + 1) * 16, `${spec.id} len ${n}`);
          assert.equal(toHex(ct), toHex(nodeCipher(spec.node, kb, iv, pt)), `${spec.id} len ${n}`);
          assert.equal(toHex(b.cipherDecrypt(spec.id, k, iv, ct) ?? new Uint8Array(1)), toHex(pt));
          k.release();
        }
      }
    });

    test('CBC: decrypt is null on bad padding and on a length that is not a positive multiple of 16', () => {
      const rnd = gen(14);
      const kb = rnd(32);
      const k = key(kb);
      const iv = rnd(16);
      const body = rnd(16);
      // Raw (unpadded) encryptions by node of a final block with the given last bytes.
      const raw = (tail: number[]) => {
        const block = rnd(16);
        block.set(tail, 16 - tail.length);
        return nodeCipher('aes-256-cbc', kb, iv, cat(body, block), false);
      };
      const bad: [string, number[]][] = [
        ['pad byte 0', [0x00]],
        ['pad byte 17', [0x11]],
        ['pad byte 0xff', [0xff]],
        ['inconsistent 02 pad', [0x03, 0x02]],
        ['inconsistent 10 pad', [0x0f, ...new Array<number>(15).fill(0x10)]],
      ];
      for (const [name, tail] of bad) assert.equal(b.cipherDecrypt('AES-256-CBC', k, iv, raw(tail)), null, name);
      // The valid extremes decrypt: 1 byte of 01, and a full block of 0x10.
      const one = b.cipherDecrypt('AES-256-CBC', k, iv, raw([0x01]));
      assert.equal(one?.length, 31);
      const full = nodeCipher('aes-256-cbc', kb, iv, cat(body, new Uint8Array(16).fill(0x10)), false);
      assert.equal(toHex(b.cipherDecrypt('AES-256-CBC', k, iv, full) ?? new Uint8Array(1)), toHex(body));
      for (const n of [0, 1, 15, 17, 31, 33]) {
        assert.equal(b.cipherDecrypt('AES-256-CBC', k, iv, rnd(n)), null, `length ${n}`);
      }
      k.release();
    });

    test('CTR: round trip; any length; 128-bit big-endian counter incl. the ff…ff → 00…00 wrap (oracle: node)', () => {
      const rnd = gen(15);
      const ivs = [
        rnd(16),
        hex('ffffffffffffffffffffffffffffffff'), // wraps to zero after the first block
        hex('0000000000000000fffffffffffffffe'), // carry from the low into the high 64 bits
        hex('000000000000000000000000ffffffff'), // carry past the low 32 bits
      ];
      for (const spec of CIPHERS.filter((c) => c.id.endsWith('CTR'))) {
        for (const iv of ivs) {
          for (const n of [0, 1, 16, 47, 64]) {
            const kb = rnd(spec.keyLen);
            const k = key(kb);
            const pt = rnd(n);
            const ct = b.cipherEncrypt(spec.id, k, iv, pt);
            assert.equal(ct.length, n);
            assert.equal(toHex(ct), toHex(nodeCipher(spec.node, kb, iv, pt)), `${spec.id} iv ${toHex(iv)} len ${n}`);
            const back = b.cipherDecrypt(spec.id, k, iv, ct);
            assert.ok(back !== null);
            assert.equal(toHex(back), toHex(pt));
            k.release();
          }
        }
      }
      // The IV buffer is not advanced in place.
      const iv = hex('ffffffffffffffffffffffffffffffff');
      const k = key(rnd(16));
      b.cipherEncrypt('AES-128-CTR', k, iv, rnd(64));
      assert.equal(toHex(iv), 'ff'.repeat(16));
      k.release();
    });

    test('ciphers: wrong key / IV lengths are typed errors', () => {
      for (const spec of CIPHERS) {
        const bad = key(new Uint8Array(spec.keyLen === 16 ? 32 : 16));
        const good = key(new Uint8Array(spec.keyLen));
        assert.throws(() => b.cipherEncrypt(spec.id, bad, new Uint8Array(16), new Uint8Array(16)), isTyped('invalid-key'), spec.id);
        assert.throws(() => b.cipherDecrypt(spec.id, bad, new Uint8Array(16), new Uint8Array(16)), isTyped('invalid-key'), spec.id);
        for (const n of [0, 12, 15, 17]) {
          assert.throws(() => b.cipherEncrypt(spec.id, good, new Uint8Array(n), new Uint8Array(16)), isTyped(), `${spec.id} iv ${n}`);
          assert.throws(() => b.cipherDecrypt(spec.id, good, new Uint8Array(n), new Uint8Array(16)), isTyped(), `${spec.id} iv ${n}`);
        }
        bad.release();
        good.release();
      }
    });
  });
}

describe('the two backends agree on the delegated / composed states (split points and clones)', () => {
  const [nodeB, nobleB] = backends as [Backend, Backend];
  test('provider() answers every algorithm on both', () => {
    for (const b of backends) {
      for (const alg of ['SHA3-256', 'SHAKE-128', 'BLAKE3', 'KMAC-128', 'AES-256-CMAC', 'ARGON2-ID-13', 'XCHACHA20-POLY1305', 'AES-256-CTR']) {
        assert.equal(typeof b.provider(alg), 'string', `${b.name} ${alg}`);
      }
    }
    assert.equal(nobleB.provider('SHAKE-128'), '@noble/hashes');
  });

  test('SHAKE streams with clones at odd positions agree between node and noble', () => {
    const rnd = gen(16);
    for (const id of ['SHAKE-128', 'SHAKE-256'] as const) {
      const m = rnd(333);
      const xs = [nodeB.xof(id, {}), nobleB.xof(id, {})];
      for (const x of xs) x.update(m);
      const [a, c] = xs.map((x) => x.squeeze(7)) as [Uint8Array, Uint8Array];
      assert.equal(toHex(a), toHex(c));
      const clones = xs.map((x) => x.clone());
      for (const step of [161, 1, 200]) {
        const outs = [...xs, ...clones].map((x) => toHex(x.squeeze(step)));
        assert.equal(new Set(outs).size, 1, `${id} step ${step}`);
      }
      for (const x of [...xs, ...clones]) x.destroy();
    }
  });
});

describe('noble backend: parameters the core never passes are typed errors, not crashes', () => {
  const b = createNobleBackend();
  test('XOF params, squeeze lengths, KMAC length, unknown ids', () => {
    const k32 = key(new Uint8Array(32));
    assert.throws(() => b.xof('SHAKE-128', { key: k32 }), isTyped('key-not-supported'));
    assert.throws(() => b.xof('BLAKE3', { customization: ascii('x') }), isTyped('unsupported-option'));
    assert.throws(() => b.xof('SHAKE-256', { customization: ascii('x') }), isTyped('unsupported-option'));
    const x = b.xof('SHAKE-128', {});
    assert.throws(() => x.squeeze(-1), isTyped('invalid-length'));
    assert.throws(() => x.squeeze(1.5), isTyped('invalid-length'));
    x.destroy();
    assert.throws(() => b.kmac('KMAC-128', k32, new Uint8Array(0), 0), isTyped('invalid-length'));
    assert.throws(() => b.hash('MD5' as HashId), isTyped('unsupported-algorithm'));
    assert.throws(() => b.hash('constructor' as HashId), isTyped('unsupported-algorithm'));
    assert.throws(() => b.xof('TURBOSHAKE-128' as XofId, {}), isTyped('unsupported-algorithm'));
    assert.throws(() => b.aeadSeal('AES-128-SIV' as AeadId, k32, new Uint8Array(12), new Uint8Array(0), new Uint8Array(0)), isTyped('unsupported-algorithm'));
    assert.throws(() => b.provider('AES-192-CBC'), isTyped('unsupported-algorithm'));
    k32.release();
  });

  test('KDF parameters noble rejects become typed errors', () => {
    const pw = ascii('pw');
    const salt = ascii('saltsalt');
    assert.throws(() => b.pbkdf2('SHA-256', pw, salt, 0, 32), isTyped());
    assert.throws(() => b.scrypt(pw, salt, { N: 3, r: 1, p: 1, dkLen: 32, maxmem: 1 << 20 }), isTyped('unsupported-option'));
    assert.throws(() => b.scrypt(pw, salt, { N: 1024, r: 8, p: 1, dkLen: 32, maxmem: 1024 }), isTyped('unsupported-option'));
    assert.throws(() => b.argon2id(pw, salt, { t: 1, m: 8, p: 2, dkLen: 32 }), isTyped('unsupported-option'), 'm < 8·p');
    assert.throws(() => b.argon2id(pw, ascii('short'), { t: 1, m: 8, p: 1, dkLen: 32 }), isTyped('unsupported-option'), 'salt < 8 bytes');
    assert.throws(() => b.argon2id(pw, salt, { t: 1, m: 8, p: 1, dkLen: 3 }), isTyped('unsupported-option'), 'dkLen < 4');
  });
});
