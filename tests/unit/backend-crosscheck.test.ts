/**
 * Differential tests: the node:crypto backend against the @noble backend on generated inputs.
 *
 * Every algorithm the node backend computes through node:crypto (or the XChaCha20 hybrid) is an
 * independent implementation of what noble computes, so equality of the two is a real check: a bug
 * in either (wrong algorithm name, lost bytes in a streaming squeeze, a pooled Buffer view, padding
 * handling, counter wrap) makes these fail. Delegated algorithms run the same noble code on both
 * backends, so for them only `provider()` is checked (plus one call each, for the wiring).
 *
 * Inputs come from a seeded generator; a failure message names the seed. Re-run one seed with
 * CROSSCHECK_SEED=<hex> node --test build/tests/unit/backend-crosscheck.test.js
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { createNodeBackend } from '../../host/src/backends/node.js';
import { createNobleBackend } from '../../host/src/backends/noble.js';
import type { AeadId, Backend, CipherId, HashId, MacHashId, XofId } from '../../host/src/backends/types.js';
import { KeyMaterial } from '../../host/src/core/secret.js';

// ---------------------------------------------------------------------------------------------
// helpers

const SEED = process.env['CROSSCHECK_SEED'] ?? randomBytes(8).toString('hex');
/** Input generator only (SHAKE-256 of seed ‖ counter); never used to produce expected values. */
function makeGen(seed: string): (n: number) => Uint8Array {
  let counter = 0;
  return (n: number) => {
    const c = counter++;
    if (n === 0) return new Uint8Array(0);
    return new Uint8Array(createHash('shake256', { outputLength: n }).update(`${seed}/${c}`).digest());
  };
}
const rnd = makeGen(SEED);
const why = (what: string): string => `${what} (CROSSCHECK_SEED=${SEED})`;

const SIZES = [0, 1, 15, 16, 17, 64, 1000, 70000];

const nodeB = createNodeBackend();
const nobleB = createNobleBackend();
const NODE = 'node:crypto';
const HYBRID = 'node:crypto + @noble/ciphers (HChaCha20)';

function toHex(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
}
/** Hex comparison: a mismatch shows where the bytes differ; long arrays are compared whole first. */
function same(actual: Uint8Array | null, expected: Uint8Array | null, what: string): void {
  if (actual === null || expected === null) {
    assert.equal(actual, expected, why(what));
    return;
  }
  assert.equal(actual.length, expected.length, why(`${what}: length`));
  if (Buffer.compare(actual, expected) !== 0) assert.equal(toHex(actual), toHex(expected), why(what));
}
/** Outputs must be plain Uint8Arrays that own their whole buffer (never a pooled node Buffer view). */
function assertPlainFresh(u: Uint8Array | null, what: string): void {
  assert.ok(u !== null, why(`${what}: null`));
  assert.equal(Object.getPrototypeOf(u), Uint8Array.prototype, why(`${what} must be a plain Uint8Array, not a Buffer`));
  assert.equal(u.byteOffset, 0, why(`${what} must own its buffer`));
  assert.equal(u.buffer.byteLength, u.length, why(`${what} must not view a larger (pooled) buffer`));
}
function key(bytes: Uint8Array): KeyMaterial {
  return KeyMaterial.copyOf(bytes);
}
/** Splits `data` into up to 3 chunks at generated positions (exercises streaming updates). */
function chunks(data: Uint8Array): Uint8Array[] {
  if (data.length < 2) return [data];
  const r = rnd(2);
  const a = r[0]! % data.length;
  const b = a + (r[1]! % (data.length - a));
  return [data.subarray(0, a), data.subarray(a, b), data.subarray(b)];
}
function flip(b: Uint8Array, i: number): Uint8Array {
  const c = Uint8Array.from(b);
  c[i]! ^= 0x01;
  return c;
}

const HASH_IDS: HashId[] = ['SHA-256', 'SHA-384', 'SHA-512', 'SHA-512/256', 'SHA3-256', 'SHA3-512', 'BLAKE2b-512', 'BLAKE2s-256'];
const MAC_IDS: MacHashId[] = ['SHA-256', 'SHA-384', 'SHA-512'];
const SHAKE_IDS: XofId[] = ['SHAKE-128', 'SHAKE-256'];
const NODE_AEADS: { id: AeadId; keyLen: number; nonceLen: number }[] = [
  { id: 'AES-128-GCM', keyLen: 16, nonceLen: 12 },
  { id: 'AES-256-GCM', keyLen: 32, nonceLen: 12 },
  { id: 'CHACHA20-POLY1305', keyLen: 32, nonceLen: 12 },
  { id: 'XCHACHA20-POLY1305', keyLen: 32, nonceLen: 24 },
];
const CIPHERS: { id: CipherId; keyLen: number; cbc: boolean }[] = [
  { id: 'AES-128-CBC', keyLen: 16, cbc: true },
  { id: 'AES-256-CBC', keyLen: 32, cbc: true },
  { id: 'AES-128-CTR', keyLen: 16, cbc: false },
  { id: 'AES-256-CTR', keyLen: 32, cbc: false },
];

/** What the node backend computes itself (everything else must be delegated to noble). */
const NATIVE = [
  ...HASH_IDS,
  ...SHAKE_IDS,
  ...MAC_IDS.flatMap((h) => [`HMAC/${h}`, `HKDF-EXTRACT/${h}`]),
  'PBKDF2-HMAC/SHA-256',
  'PBKDF2-HMAC/SHA-512',
  'SCRYPT',
  'AES-128-GCM',
  'AES-256-GCM',
  'CHACHA20-POLY1305',
  ...CIPHERS.map((c) => c.id),
  'Ed25519',
];
const DELEGATED = [
  'CSHAKE-128',
  'CSHAKE-256',
  'BLAKE3',
  'KMAC-128',
  'KMAC-256',
  'AES-128-CMAC',
  'AES-256-CMAC',
  ...MAC_IDS.map((h) => `HKDF-EXPAND/${h}`),
  'ARGON2-ID-13',
  'AES-128-GCM-SIV',
  'AES-256-GCM-SIV',
];

// ---------------------------------------------------------------------------------------------

describe('provider(): what the node backend computes itself and what it delegates', () => {
  test('native algorithms are node:crypto, XChaCha20-Poly1305 is the hybrid (any letter case)', () => {
    for (const alg of NATIVE) {
      assert.equal(nodeB.provider(alg), NODE, alg);
      assert.equal(nodeB.provider(alg.toLowerCase()), NODE, alg.toLowerCase());
    }
    assert.equal(nodeB.provider('XCHACHA20-POLY1305'), HYBRID);
    assert.equal(nodeB.provider('xchacha20-poly1305'), HYBRID);
  });

  test('delegated algorithms report the noble provider', () => {
    for (const alg of DELEGATED) {
      const p = nodeB.provider(alg);
      assert.equal(p, nobleB.provider(alg), alg);
      assert.ok(!p.startsWith('node:crypto'), `${alg} must not claim node:crypto (got ${p})`);
      assert.ok(p.startsWith('@noble/'), `${alg}: ${p}`);
      assert.equal(nodeB.provider(alg.toLowerCase()), p, alg.toLowerCase());
    }
  });

  test('delegated calls reach noble with the right arguments (wiring only: same code on both sides)', () => {
    const k32 = rnd(32);
    const k16 = rnd(16);
    const msg = rnd(100);
    const cust = rnd(7);
    for (const id of ['CSHAKE-128', 'CSHAKE-256', 'BLAKE3'] as const) {
      const params = id === 'BLAKE3' ? { key: key(k32) } : { customization: cust };
      const [a, b] = [nodeB.xof(id, params), nobleB.xof(id, params)];
      a.update(msg);
      b.update(msg);
      same(a.squeeze(77), b.squeeze(77), id);
    }
    for (const id of ['KMAC-128', 'KMAC-256'] as const) {
      const [a, b] = [nodeB.kmac(id, key(k32), cust, 40), nobleB.kmac(id, key(k32), cust, 40)];
      a.update(msg);
      b.update(msg);
      same(a.digest(), b.digest(), id);
    }
    for (const [id, k] of [['AES-128-CMAC', k16], ['AES-256-CMAC', k32]] as const) {
      const [a, b] = [nodeB.cmac(id, key(k)), nobleB.cmac(id, key(k))];
      a.update(msg);
      b.update(msg);
      same(a.digest(), b.digest(), id);
    }
    const prk = rnd(64); // at least HashLen for every hash
    for (const id of MAC_IDS) same(nodeB.hkdfExpand(id, prk, cust, 100), nobleB.hkdfExpand(id, prk, cust, 100), `HKDF-EXPAND/${id}`);
    const argon = { t: 1, m: 8, p: 1, dkLen: 32 };
    same(nodeB.argon2id(msg, k16, argon), nobleB.argon2id(msg, k16, argon), 'ARGON2-ID-13');
    for (const [id, k] of [['AES-128-GCM-SIV', k16], ['AES-256-GCM-SIV', k32]] as const) {
      const nonce = rnd(12);
      const ct = nodeB.aeadSeal(id, key(k), nonce, cust, msg);
      same(ct, nobleB.aeadSeal(id, key(k), nonce, cust, msg), id);
      same(nodeB.aeadOpen(id, key(k), nonce, cust, ct), msg, `${id} open`);
    }
  });
});

describe('node:crypto and noble agree on generated inputs', () => {
  test('hashes: streaming updates, non-finalizing digest, clone', () => {
    for (const id of HASH_IDS) {
      for (const n of SIZES) {
        const data = rnd(n);
        const tail = rnd(n % 37);
        const [a, b] = [nodeB.hash(id), nobleB.hash(id)];
        for (const c of chunks(data)) a.update(c);
        b.update(data);
        const d1 = a.digest();
        assertPlainFresh(d1, `${id} digest`);
        same(d1, b.digest(), `${id} of ${n} bytes`);
        const [ac, bc] = [a.clone(), b.clone()];
        a.update(tail);
        b.update(tail);
        same(a.digest(), b.digest(), `${id}: digest is cumulative after a digest (${n}+${tail.length})`);
        same(ac.digest(), d1, `${id}: a clone keeps the state it was taken at`);
        same(bc.digest(), d1, `${id}: noble clone`);
        for (const s of [a, b, ac, bc]) s.destroy();
      }
    }
  });

  test('SHAKE: consecutive squeezes continue one stream, clones keep the position', () => {
    const squeezes = [1, 7, 200, 5000, 0, 3, 70000];
    for (const id of SHAKE_IDS) {
      for (const n of SIZES) {
        const data = rnd(n);
        const [a, b] = [nodeB.xof(id, {}), nobleB.xof(id, {})];
        for (const c of chunks(data)) a.update(c);
        b.update(data);
        const seqA: Uint8Array[] = [];
        const seqB: Uint8Array[] = [];
        for (const [i, k] of squeezes.entries()) {
          const x = a.squeeze(k);
          assertPlainFresh(x, `${id} squeeze`);
          seqA.push(x);
          seqB.push(b.squeeze(k));
          same(x, seqB[i]!, `${id} of ${n} bytes, squeeze #${i} (${k} bytes)`);
          if (i === 2) {
            // clone mid-stream: both copies must continue from here, independently
            const [ac, bc] = [a.clone(), b.clone()];
            same(ac.squeeze(333), bc.squeeze(333), `${id}: clones continue the same stream`);
            ac.destroy();
            bc.destroy();
          }
        }
        // the whole sequence is a prefix of one long output (no byte skipped or repeated)
        const total = squeezes.reduce((s, k) => s + k, 0);
        const one = nobleB.xof(id, {});
        one.update(data);
        same(Buffer.concat(seqA), one.squeeze(total), `${id}: concatenated squeezes = one long squeeze`);
        for (const s of [a, b, one]) s.destroy();
      }
    }
  });

  test('HMAC: empty, short, block-size and over-long keys; cumulative tags; clone', () => {
    for (const id of MAC_IDS) {
      for (const kl of [0, 1, 32, 64, 65, 128, 129, 200]) {
        const k = rnd(kl);
        for (const n of SIZES) {
          const data = rnd(n);
          const [km1, km2] = [key(k), key(k)];
          const [a, b] = [nodeB.hmac(id, km1), nobleB.hmac(id, km2)];
          for (const c of chunks(data)) a.update(c);
          b.update(data);
          const t1 = a.digest();
          assertPlainFresh(t1, `HMAC/${id}`);
          same(t1, b.digest(), `HMAC/${id} key ${kl} B, message ${n} B`);
          const ac = a.clone();
          a.update(data.subarray(0, 5));
          b.update(data.subarray(0, 5));
          same(a.digest(), b.digest(), `HMAC/${id}: cumulative`);
          same(ac.digest(), t1, `HMAC/${id}: clone`);
          for (const s of [a, b, ac]) s.destroy();
          km1.release();
          km2.release();
        }
      }
      // a second state on the same KeyMaterial (node reuses its cached key template)
      const km = key(rnd(20));
      const m = rnd(50);
      const [x, y] = [nodeB.hmac(id, km), nodeB.hmac(id, km)];
      x.update(m);
      y.update(m);
      same(x.digest(), y.digest(), `HMAC/${id}: cached template reused`);
      const z = nobleB.hmac(id, km);
      z.update(m);
      same(x.digest(), z.digest(), `HMAC/${id}: cached template vs noble`);
    }
  });

  test('HKDF-Extract: empty and long salts, IKM of every size', () => {
    for (const id of MAC_IDS) {
      for (const sl of [0, 1, 32, 48, 64, 129]) {
        for (const n of SIZES) {
          const [ikm, salt] = [rnd(n), rnd(sl)];
          const prk = nodeB.hkdfExtract(id, ikm, salt);
          assertPlainFresh(prk, 'PRK');
          same(prk, nobleB.hkdfExtract(id, ikm, salt), `HKDF-EXTRACT/${id} salt ${sl} B, IKM ${n} B`);
        }
      }
    }
  });

  test('PBKDF2 (low iteration counts)', () => {
    for (const id of ['SHA-256', 'SHA-512'] as const) {
      for (const iterations of [1, 2, 7]) {
        for (const dkLen of [1, 32, 33, 64, 65, 150]) {
          const [pw, salt] = [rnd([0, 1, 17, 64, 200][dkLen % 5]!), rnd(dkLen % 3 === 0 ? 0 : 16)];
          const dk = nodeB.pbkdf2(id, pw, salt, iterations, dkLen);
          assertPlainFresh(dk, 'PBKDF2');
          same(dk, nobleB.pbkdf2(id, pw, salt, iterations, dkLen), `PBKDF2-HMAC/${id} c=${iterations} dkLen=${dkLen}`);
        }
      }
    }
  });

  test('scrypt (small N), including memory limits exactly at 128·r·(N+p)', () => {
    for (const [N, r, p] of [[2, 1, 1], [16, 1, 1], [16, 2, 3], [64, 8, 1], [256, 1, 2]] as const) {
      for (const dkLen of [1, 32, 64, 100]) {
        const [pw, salt] = [rnd(dkLen % 7), rnd(16)];
        const params = { N, r, p, dkLen, maxmem: 128 * r * (N + p) };
        const dk = nodeB.scrypt(pw, salt, params);
        assertPlainFresh(dk, 'scrypt');
        same(dk, nobleB.scrypt(pw, salt, params), `scrypt N=${N} r=${r} p=${p} dkLen=${dkLen}`);
      }
    }
  });

  test('AEADs: same ciphertext, each opens the other, tampering fails on both', () => {
    for (const { id, keyLen, nonceLen } of NODE_AEADS) {
      for (const n of SIZES) {
        const [k, nonce, aad, pt] = [rnd(keyLen), rnd(nonceLen), rnd([0, 1, 16, 33][n % 4]!), rnd(n)];
        const [kn, kb] = [key(k), key(k)];
        const ctN = nodeB.aeadSeal(id, kn, nonce, aad, pt);
        const ctB = nobleB.aeadSeal(id, kb, nonce, aad, pt);
        assertPlainFresh(ctN, `${id} seal`);
        same(ctN, ctB, `${id} seal, ${n} B`);
        const ptN = nodeB.aeadOpen(id, kn, nonce, aad, ctB);
        assertPlainFresh(ptN, `${id} open`);
        same(ptN, pt, `${id}: node opens noble's ciphertext, ${n} B`);
        same(nobleB.aeadOpen(id, kb, nonce, aad, ctN), pt, `${id}: noble opens node's ciphertext, ${n} B`);
        const forgeries: [string, Uint8Array, Uint8Array, Uint8Array][] = [
          ['tag', nonce, aad, flip(ctN, ctN.length - 1)],
          ['aad', nonce, aad.length > 0 ? flip(aad, 0) : Uint8Array.of(0), ctN],
          ['nonce', flip(nonce, nonceLen - 1), aad, ctN], // the XChaCha tail nonce bytes go to node's cipher
          ['nonce prefix', flip(nonce, 0), aad, ctN], // the XChaCha prefix goes through HChaCha20
          ['truncated', nonce, aad, ctN.subarray(0, 15)],
        ];
        if (n > 0) forgeries.push(['ciphertext', nonce, aad, flip(ctN, 0)]);
        for (const [what, nn, ad, c] of forgeries) {
          assert.equal(nodeB.aeadOpen(id, kn, nn, ad, c), null, why(`${id} node: forged ${what}, ${n} B`));
          assert.equal(nobleB.aeadOpen(id, kb, nn, ad, c), null, why(`${id} noble: forged ${what}, ${n} B`));
        }
        kn.release();
        kb.release();
      }
    }
  });

  test('AES-CBC / AES-CTR: same ciphertext, each decrypts the other', () => {
    for (const { id, keyLen, cbc } of CIPHERS) {
      for (const n of SIZES) {
        const [k, iv, pt] = [rnd(keyLen), rnd(16), rnd(n)];
        const [kn, kb] = [key(k), key(k)];
        const ctN = nodeB.cipherEncrypt(id, kn, iv, pt);
        assertPlainFresh(ctN, `${id} encrypt`);
        assert.equal(ctN.length, cbc ? (Math.floor(n / 16) + 1) * 16 : n, why(`${id} length`));
        same(ctN, nobleB.cipherEncrypt(id, kb, iv, pt), `${id} encrypt, ${n} B`);
        const ptN = nodeB.cipherDecrypt(id, kn, iv, ctN);
        assertPlainFresh(ptN, `${id} decrypt`);
        same(ptN, pt, `${id}: node decrypts, ${n} B`);
        same(nobleB.cipherDecrypt(id, kb, iv, ctN), pt, `${id}: noble decrypts node's ciphertext, ${n} B`);
        kn.release();
        kb.release();
      }
    }
  });

  test('AES-CBC: bad lengths and bad padding give null on both', () => {
    for (const { id, keyLen } of CIPHERS.filter((c) => c.cbc)) {
      const [k, iv] = [rnd(keyLen), rnd(16)];
      for (const n of [0, 1, 15, 17, 31, 1000]) {
        assert.equal(nodeB.cipherDecrypt(id, key(k), iv, rnd(n)), null, why(`${id} node: ${n}-byte ciphertext`));
        assert.equal(nobleB.cipherDecrypt(id, key(k), iv, rnd(n)), null, why(`${id} noble: ${n}-byte ciphertext`));
      }
      // Ciphertexts of blocks whose decryption ends in an invalid PKCS#7 pad, made with raw node
      // AES-CBC without padding: last byte 0, last byte 17, and "…02 03" (inconsistent pad bytes).
      const raw = (plain: Uint8Array): Uint8Array => {
        const c = createCipheriv(id.toLowerCase(), k, iv).setAutoPadding(false);
        return new Uint8Array(Buffer.concat([c.update(plain), c.final()]));
      };
      const badLast = (last: Uint8Array): Uint8Array => {
        const p = rnd(32);
        p.set(last, 32 - last.length);
        return p;
      };
      for (const [what, plain] of [
        ['pad 0', badLast(Uint8Array.of(0))],
        ['pad 17', badLast(Uint8Array.of(17))],
        ['pad 2 with a 3 before it', badLast(Uint8Array.of(3, 2))],
        ['pad 16 with a 15 inside', badLast(Uint8Array.of(15, ...new Array<number>(15).fill(16)))],
      ] as const) {
        const ct = raw(plain);
        assert.equal(nodeB.cipherDecrypt(id, key(k), iv, ct), null, why(`${id} node: ${what}`));
        assert.equal(nobleB.cipherDecrypt(id, key(k), iv, ct), null, why(`${id} noble: ${what}`));
      }
      // and a full-block pad is accepted by both
      const full = raw(badLast(new Uint8Array(16).fill(16)));
      same(nodeB.cipherDecrypt(id, key(k), iv, full), nobleB.cipherDecrypt(id, key(k), iv, full), `${id}: full-block pad`);
      assert.equal(nodeB.cipherDecrypt(id, key(k), iv, full)?.length, 16, why(`${id}: full-block pad strips 16 bytes`));
    }
  });

  test('AES-CTR: the 128-bit counter wraps identically (IV ff…ff and 32/64-bit boundaries)', () => {
    for (const { id, keyLen } of CIPHERS.filter((c) => !c.cbc)) {
      const k = rnd(keyLen);
      const data = rnd(48);
      const ivs = [
        'ffffffffffffffffffffffffffffffff',
        'fffffffffffffffffffffffffffffffe',
        '0000000000000000ffffffffffffffff',
        '000000000000000000000000ffffffff',
      ];
      for (const ivHex of ivs) {
        const iv = new Uint8Array(Buffer.from(ivHex, 'hex'));
        const ct = nodeB.cipherEncrypt(id, key(k), iv, data);
        same(ct, nobleB.cipherEncrypt(id, key(k), iv, data), `${id} IV ${ivHex}`);
        same(nobleB.cipherDecrypt(id, key(k), iv, ct), data, `${id} IV ${ivHex}: noble decrypts`);
      }
      // IV ff…ff: the second block uses counter 0 (wrap mod 2^128), so it equals block 0 of IV 0…0
      const wrapped = nodeB.cipherEncrypt(id, key(k), new Uint8Array(16).fill(0xff), data);
      const fromZero = nodeB.cipherEncrypt(id, key(k), new Uint8Array(16), data.subarray(16));
      same(wrapped.subarray(16), fromZero, `${id}: counter after ff…ff is 0…0`);
    }
  });
});
