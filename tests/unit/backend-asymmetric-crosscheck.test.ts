/**
 * Differential tests of the asymmetric families: the node:crypto backend (OpenSSL) against the
 * @noble backend (@noble/curves) on generated keys and messages.
 *
 * The two are independent implementations, so agreement is a real check: a signature made by one
 * must verify on the other (both directions, every curve/hash pair, both halves of s), corrupted
 * signatures and invalid points must be refused by both, and key derivations / shared secrets must
 * be byte-identical. RSA exists on node only: it is checked against node:crypto on fresh KeyObjects
 * and against an independent BigInt decoding of the signature (EMSA-PKCS1-v1_5 / EMSA-PSS).
 * Some tests also pin what OpenSSL itself accepts (hybrid points, high-S, small-order X25519 peers),
 * which is why the node backend pre-checks what it does.
 *
 * Inputs come from a seeded generator; a failure message names the seed. Re-run one seed with
 * CROSSCHECK_SEED=<hex> node --test build/tests/unit/backend-asymmetric-crosscheck.test.js
 */
import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  ECDH,
  constants,
  createECDH,
  createHash,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  randomBytes,
  sign as rawSign,
  verify as rawVerify,
} from 'node:crypto';
import { createNodeBackend } from '../../host/src/backends/node.js';
import { createNobleBackend } from '../../host/src/backends/noble.js';
import type { Backend, EcCurve, MlDsaLevel, MlKemLevel, RsaScheme, SignatureHash } from '../../host/src/backends/types.js';
import { KeyMaterial } from '../../host/src/core/secret.js';
import { isCryptoError } from '../../host/src/core/errors.js';
import type { RandomSource } from '../../host/src/core/random.js';

// ---------------------------------------------------------------------------------------------
// helpers

const SEED = process.env['CROSSCHECK_SEED'] ?? randomBytes(8).toString('hex');
/** Input generator only (SHAKE-256 of seed ‖ counter); never used to produce expected values. */
function makeGen(seed: string): (n: number) => Uint8Array {
  let counter = 0;
  return (n: number) => {
    const c = counter++;
    if (n === 0) return new Uint8Array(0);
    return new Uint8Array(createHash('shake256', { outputLength: n }).update(`${seed}/asym/${c}`).digest());
  };
}
const rnd = makeGen(SEED);
const rng: RandomSource = (out) => out.set(rnd(out.length));
const why = (what: string): string => `${what} (CROSSCHECK_SEED=${SEED})`;

const nodeB = createNodeBackend();
const nobleB = createNobleBackend();
const BOTH: readonly Backend[] = [nodeB, nobleB];

function toHex(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
}
const fromHex = (h: string): Uint8Array => new Uint8Array(Buffer.from(h, 'hex'));
function same(actual: Uint8Array | null, expected: Uint8Array | null, what: string): void {
  if (actual === null || expected === null) {
    assert.equal(actual, expected, why(what));
    return;
  }
  assert.equal(toHex(actual), toHex(expected), why(what));
}
/** Outputs must be plain Uint8Arrays that own their whole buffer (never a pooled node Buffer view). */
function assertPlainFresh(u: Uint8Array | null, what: string): asserts u is Uint8Array {
  assert.ok(u !== null, why(`${what}: null`));
  assert.equal(Object.getPrototypeOf(u), Uint8Array.prototype, why(`${what} must be a plain Uint8Array, not a Buffer`));
  assert.equal(u.byteOffset, 0, why(`${what} must own its buffer`));
  assert.equal(u.buffer.byteLength, u.length, why(`${what} must not view a larger (pooled) buffer`));
}
const isTyped = (code: string) => (e: unknown) => isCryptoError(e) && e.payload === code;
function flip(b: Uint8Array, i: number, bit = 0x01): Uint8Array {
  const c = Uint8Array.from(b);
  c[i]! ^= bit;
  return c;
}
const concat = (...parts: Uint8Array[]): Uint8Array => new Uint8Array(Buffer.concat(parts));
const big = (b: Uint8Array): bigint => (b.length === 0 ? 0n : BigInt(`0x${toHex(b)}`));
function bytesOf(n: bigint, len: number): Uint8Array {
  const h = n.toString(16);
  assert.ok(h.length <= 2 * len, 'number too large for its field');
  return fromHex(h.padStart(2 * len, '0'));
}
/** A random message of a generated length in [0, 300). */
function message(): Uint8Array {
  const r = rnd(2);
  return rnd(((r[0]! << 8) | r[1]!) % 300);
}

// ---------------------------------------------------------------------------------------------
// curve data (SEC 2 / FIPS 186-5; not taken from either library)

interface Curve {
  id: EcCurve;
  ossl: string;
  len: number;
  /** Field prime. */
  p: bigint;
  /** Group order. */
  n: bigint;
}
const CURVES: readonly Curve[] = [
  {
    id: 'P-256',
    ossl: 'prime256v1',
    len: 32,
    p: BigInt('0xffffffff00000001000000000000000000000000ffffffffffffffffffffffff'),
    n: BigInt('0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551'),
  },
  {
    id: 'P-384',
    ossl: 'secp384r1',
    len: 48,
    p: BigInt('0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffff'),
    n: BigInt('0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973'),
  },
  {
    id: 'secp256k1',
    ossl: 'secp256k1',
    len: 32,
    p: BigInt('0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f'),
    n: BigInt('0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141'),
  },
];
const HASHES: readonly SignatureHash[] = ['SHA-256', 'SHA-384', 'SHA-512'];
const NODE_HASH: Record<SignatureHash, string> = { 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };
const HASH_LEN: Record<SignatureHash, number> = { 'SHA-256': 32, 'SHA-384': 48, 'SHA-512': 64 };

/** A valid secret scalar (the generator's bytes, redrawn in the unlikely case they are ≥ n or 0). */
function scalar(c: Curve): Uint8Array {
  for (;;) {
    const d = rnd(c.len);
    const v = big(d);
    if (v > 0n && v < c.n) return d;
  }
}
interface EcKey {
  d: Uint8Array;
  /** One KeyMaterial per backend, so each backend's cache is exercised on its own. */
  km: Map<Backend, KeyMaterial>;
  pub: Uint8Array;
}
function ecKey(c: Curve): EcKey {
  const d = scalar(c);
  const km = new Map(BOTH.map((b) => [b, KeyMaterial.copyOf(d)] as const));
  const pubs = BOTH.map((b) => b.ecdsa.publicFromSecret(c.id, km.get(b)!));
  same(pubs[0]!, pubs[1]!, `${c.id} publicFromSecret node vs noble`);
  for (const p of pubs) assertPlainFresh(p, `${c.id} publicFromSecret`);
  return { d, km, pub: pubs[0]! };
}
/** r ‖ (n − s): the other half of s, which verifies exactly when r ‖ s does. */
function otherS(c: Curve, sig: Uint8Array): Uint8Array {
  const s = big(sig.subarray(c.len));
  return concat(sig.subarray(0, c.len), bytesOf(c.n - s, c.len));
}
const isHighS = (c: Curve, sig: Uint8Array): boolean => big(sig.subarray(c.len)) > c.n / 2n;
function withRS(c: Curve, r: bigint, s: bigint): Uint8Array {
  return concat(bytesOf(r, c.len), bytesOf(s, c.len));
}
/** The SEC1 hybrid encoding (0x06/0x07 by the parity of y) of an uncompressed point. */
function hybrid(c: Curve, uncompressed: Uint8Array): Uint8Array {
  const h = Uint8Array.from(uncompressed);
  h[0] = 0x06 | (uncompressed[2 * c.len]! & 1);
  return h;
}
/** OpenSSL's own verification (no backend pre-checks), to show what the library alone accepts. */
function opensslEcdsaVerify(c: Curve, hash: SignatureHash, pub: Uint8Array, msg: Uint8Array, sig: Uint8Array): boolean {
  const b64 = (u: Uint8Array) => Buffer.from(u).toString('base64url');
  const crv = c.id === 'secp256k1' ? 'secp256k1' : c.id;
  const key = createPublicKey({
    key: { kty: 'EC', crv, x: b64(pub.subarray(1, 1 + c.len)), y: b64(pub.subarray(1 + c.len)) },
    format: 'jwk',
  });
  return rawVerify(NODE_HASH[hash], msg, { key, dsaEncoding: 'ieee-p1363' }, sig);
}

// ---------------------------------------------------------------------------------------------

describe('provider(): asymmetric algorithms', () => {
  const NATIVE = [
    'Ed25519',
    'ECDSA_P256_SHA256',
    'ECDSA_P384_SHA384',
    'ECDSA_K256_SHA256',
    ...['PKCS1', 'PSS'].flatMap((s) =>
      ['2048', '3072', '4096'].flatMap((b) => ['SHA256', 'SHA384', 'SHA512'].map((h) => `RSA_${s}_${b}_${h}`)),
    ),
    'X25519',
    'P256-SHA256',
    'P384-SHA384',
  ];
  const DELEGATED = ['ML-DSA-44', 'ML-DSA-65', 'ML-DSA-87', 'ML-KEM-512', 'ML-KEM-768', 'ML-KEM-1024', 'X-WING'];
  test('curves and RSA run in node:crypto; ML-DSA / ML-KEM / X-Wing are delegated (any letter case)', () => {
    for (const alg of NATIVE) {
      assert.equal(nodeB.provider(alg), 'node:crypto', alg);
      assert.equal(nodeB.provider(alg.toLowerCase()), 'node:crypto', alg.toLowerCase());
    }
    for (const alg of DELEGATED) {
      assert.equal(nodeB.provider(alg), '@noble/post-quantum', alg);
      assert.equal(nodeB.provider(alg.toLowerCase()), nobleB.provider(alg), alg.toLowerCase());
    }
    assert.ok(nodeB.rsa !== undefined, 'the node backend has RSA');
  });
});

describe('ECDSA: node and noble agree (P-256, P-384, secp256k1 × SHA-256/384/512)', () => {
  for (const c of CURVES) {
    test(`${c.id}: signatures cross-verify in both directions, for every hash`, () => {
      for (let k = 0; k < 2; k++) {
        const key = ecKey(c);
        for (const hash of HASHES) {
          const msg = message();
          for (const signer of BOTH) {
            const sig = signer.ecdsa.sign(c.id, hash, key.km.get(signer)!, msg, rng);
            assertPlainFresh(sig, `${signer.name} ${c.id} signature`);
            assert.equal(sig.length, 2 * c.len);
            for (const verifier of BOTH) {
              const what = `${c.id}/${hash}: ${signer.name} signature on ${verifier.name}`;
              assert.equal(verifier.ecdsa.verify(c.id, hash, key.pub, msg, sig), true, why(what));
              // the same signature under another hash, message or key does not verify
              const otherHash = HASHES[(HASHES.indexOf(hash) + 1) % HASHES.length]!;
              assert.equal(verifier.ecdsa.verify(c.id, otherHash, key.pub, msg, sig), false, why(`${what}, other hash`));
              const longer = concat(msg, Uint8Array.of(0));
              assert.equal(verifier.ecdsa.verify(c.id, hash, key.pub, longer, sig), false, why(`${what}, other message`));
            }
          }
        }
      }
    });

    test(`${c.id}: both halves of s verify on both backends (high-S accepted, as OpenSSL does)`, () => {
      const key = ecKey(c);
      let sawHigh = false;
      for (const signer of BOTH) {
        const msg = message();
        const sig = signer.ecdsa.sign(c.id, 'SHA-256', key.km.get(signer)!, msg, rng);
        if (signer === nobleB) assert.equal(isHighS(c, sig), false, why('noble signs low-S'));
        const flipped = otherS(c, sig);
        const high = isHighS(c, sig) ? sig : flipped;
        sawHigh ||= isHighS(c, flipped) || isHighS(c, sig);
        assert.ok(isHighS(c, high));
        for (const verifier of BOTH) {
          assert.equal(verifier.ecdsa.verify(c.id, 'SHA-256', key.pub, msg, sig), true, why(`${verifier.name} original`));
          const ok = verifier.ecdsa.verify(c.id, 'SHA-256', key.pub, msg, flipped);
          assert.equal(ok, true, why(`${verifier.name} other half of s`));
        }
        // OpenSSL itself (no backend pre-check) accepts the high-S form.
        assert.equal(opensslEcdsaVerify(c, 'SHA-256', key.pub, msg, high), true, why('raw OpenSSL high-S'));
      }
      assert.ok(sawHigh);
    });

    test(`${c.id}: corrupted signatures, out-of-range r/s and wrong keys are refused by both`, () => {
      const key = ecKey(c);
      const other = ecKey(c);
      const msg = message();
      const sig = nodeB.ecdsa.sign(c.id, 'SHA-256', key.km.get(nodeB)!, msg, rng);
      const r = big(sig.subarray(0, c.len));
      const s = big(sig.subarray(c.len));
      const bad: [string, Uint8Array, Uint8Array][] = [
        ['r bit flipped', key.pub, flip(sig, c.len - 1)],
        ['s bit flipped', key.pub, flip(sig, 2 * c.len - 1)],
        ['top bit of r flipped', key.pub, flip(sig, 0, 0x80)],
        ['r = 0', key.pub, withRS(c, 0n, s)],
        ['s = 0', key.pub, withRS(c, r, 0n)],
        ['r = n', key.pub, withRS(c, c.n, s)],
        ['s = n', key.pub, withRS(c, r, c.n)],
        ['r = n + 1', key.pub, withRS(c, c.n + 1n, s)],
        ['all ones', key.pub, new Uint8Array(2 * c.len).fill(0xff)],
        ['all zeros', key.pub, new Uint8Array(2 * c.len)],
        ['r and s swapped', key.pub, withRS(c, s, r)],
        ['other public key', other.pub, sig],
        ['one byte short', key.pub, sig.subarray(1)],
        ['one byte long', key.pub, concat(sig, Uint8Array.of(0))],
        ['empty', key.pub, new Uint8Array(0)],
        ['hybrid public key', hybrid(c, key.pub), sig],
        ['public key off the curve', flip(key.pub, 2 * c.len), sig],
        ['identity public key', Uint8Array.of(0), sig],
        ['empty public key', new Uint8Array(0), sig],
      ];
      // s ≡ s + n would verify if s were taken mod n: only constructible when s + n fits.
      if (s + c.n < 1n << BigInt(8 * c.len)) bad.push(['s + n', key.pub, withRS(c, r, s + c.n)]);
      if (r + c.n < 1n << BigInt(8 * c.len)) bad.push(['r + n', key.pub, withRS(c, r + c.n, s)]);
      for (const b of BOTH) {
        assert.equal(b.ecdsa.verify(c.id, 'SHA-256', key.pub, msg, sig), true, why(`${b.name} baseline`));
        for (const [what, pub, sg] of bad) {
          assert.equal(b.ecdsa.verify(c.id, 'SHA-256', pub, msg, sg), false, why(`${b.name} ${c.id}: ${what}`));
        }
        // a compressed public key is the same key
        const compressed = b.ecdsa.compressPublic(c.id, key.pub);
        assert.equal(b.ecdsa.verify(c.id, 'SHA-256', compressed, msg, sig), true, why(`${b.name} compressed key`));
      }
      // What OpenSSL alone does with r/s out of range (the node backend range-checks before it anyway).
      const outOfRange = [
        ['r = 0', withRS(c, 0n, s)],
        ['s = 0', withRS(c, r, 0n)],
        ['r = n', withRS(c, c.n, s)],
        ['s = n', withRS(c, r, c.n)],
      ] as const;
      for (const [what, sg] of outOfRange) {
        assert.equal(opensslEcdsaVerify(c, 'SHA-256', key.pub, msg, sg), false, why(`raw OpenSSL ${what}`));
      }
    });

    test(`${c.id}: validSecret, publicFromSecret and invalid secrets agree`, () => {
      const cases: [string, Uint8Array][] = [
        ['0', new Uint8Array(c.len)],
        ['1', bytesOf(1n, c.len)],
        ['n − 1', bytesOf(c.n - 1n, c.len)],
        ['n', bytesOf(c.n, c.len)],
        ['n + 1', bytesOf(c.n + 1n, c.len)],
        ['all ones', new Uint8Array(c.len).fill(0xff)],
        ['random', scalar(c)],
        ['one byte short', scalar(c).subarray(1)],
        ['one byte long', concat(Uint8Array.of(0), scalar(c))],
        ['empty', new Uint8Array(0)],
      ];
      for (const [what, d] of cases) {
        const valid = nobleB.ecdsa.validSecret(c.id, d);
        assert.equal(nodeB.ecdsa.validSecret(c.id, d), valid, why(`${c.id} validSecret(${what})`));
        const v = big(d);
        assert.equal(valid, d.length === c.len && v > 0n && v < c.n, why(`${c.id} validSecret(${what}) expected`));
        if (valid) {
          const pubs = BOTH.map((b) => b.ecdsa.publicFromSecret(c.id, KeyMaterial.copyOf(d)));
          same(pubs[0]!, pubs[1]!, `${c.id} publicFromSecret(${what})`);
        } else {
          for (const b of BOTH) {
            const km = KeyMaterial.copyOf(d);
            const invalid = isTyped('invalid-key');
            assert.throws(() => b.ecdsa.publicFromSecret(c.id, km), invalid, why(`${b.name} publicFromSecret(${what})`));
            assert.throws(() => b.ecdsa.sign(c.id, 'SHA-256', km, new Uint8Array(1), rng), invalid, why(`${b.name} sign(${what})`));
          }
        }
      }
      // The public key handed out is a copy: changing it does not change the next answer.
      const km = KeyMaterial.copyOf(scalar(c));
      const p1 = nodeB.ecdsa.publicFromSecret(c.id, km);
      p1.fill(0);
      const again = nodeB.ecdsa.publicFromSecret(c.id, km);
      same(again, nobleB.ecdsa.publicFromSecret(c.id, km), `${c.id} cached public key is copied`);
    });

    test(`${c.id}: decodePublic / compressPublic agree, invalid points are refused by both`, () => {
      for (let k = 0; k < 3; k++) {
        const { pub } = ecKey(c);
        const comp = BOTH.map((b) => b.ecdsa.compressPublic(c.id, pub));
        same(comp[0]!, comp[1]!, `${c.id} compressPublic`);
        for (const u of comp) assertPlainFresh(u, 'compressPublic');
        assert.equal(comp[0]!.length, 1 + c.len);
        for (const b of BOTH) {
          const fromCompressed = b.ecdsa.decodePublic(c.id, comp[0]!);
          assertPlainFresh(fromCompressed, `${b.name} decodePublic(compressed)`);
          same(fromCompressed, pub, `${b.name} ${c.id} decodePublic(compressed)`);
          const fromUncompressed = b.ecdsa.decodePublic(c.id, pub);
          assertPlainFresh(fromUncompressed, `${b.name} decodePublic(uncompressed)`);
          same(fromUncompressed, pub, `${b.name} ${c.id} decodePublic(uncompressed)`);
          assert.notEqual(fromUncompressed.buffer, pub.buffer, 'decodePublic returns a fresh array');
        }
        // Hybrid encodings: OpenSSL's converter accepts them, the contract does not.
        const hyb = hybrid(c, pub);
        const opensslHybrid = ECDH.convertKey(hyb, c.ossl, undefined, undefined, 'uncompressed') as Buffer;
        assert.equal(toHex(opensslHybrid), toHex(pub), 'raw OpenSSL accepts hybrid');
        const wrongParity = flip(hyb, 0, 0x01);
        const pOfLen = bytesOf(c.p, c.len);
        const invalid: [string, Uint8Array][] = [
          ['hybrid', hyb],
          ['hybrid, wrong parity', wrongParity],
          ['identity 0x00', Uint8Array.of(0)],
          ['identity padded', new Uint8Array(1 + 2 * c.len)],
          ['empty', new Uint8Array(0)],
          ['y flipped (off the curve)', flip(pub, 2 * c.len)],
          ['x flipped (off the curve)', flip(pub, 1)],
          ['uncompressed, x = p', concat(Uint8Array.of(4), pOfLen, pub.subarray(1 + c.len))],
          ['compressed, x = p', concat(Uint8Array.of(2), pOfLen)],
          ['compressed, x = all ones', concat(Uint8Array.of(3), new Uint8Array(c.len).fill(0xff))],
          ['prefix 0x05', flip(pub, 0, 0x01)],
          ['compressed prefix on uncompressed length', concat(Uint8Array.of(2), pub.subarray(1))],
          ['uncompressed prefix on compressed length', concat(Uint8Array.of(4), comp[0]!.subarray(1))],
          ['one byte short', pub.subarray(0, pub.length - 1)],
          ['one byte long', concat(pub, Uint8Array.of(0))],
        ];
        for (const b of BOTH) {
          for (const [what, p] of invalid) {
            assert.equal(b.ecdsa.decodePublic(c.id, p), null, why(`${b.name} ${c.id} decodePublic(${what})`));
          }
          for (const [what, p] of invalid.filter(([, p]) => p.length === pub.length)) {
            const invalidKey = isTyped('invalid-key');
            assert.throws(() => b.ecdsa.compressPublic(c.id, p), invalidKey, why(`${b.name} compressPublic(${what})`));
          }
        }
      }
      // Random x-coordinates: about half are on the curve. Both backends decode or refuse alike.
      let valid = 0;
      let refused = 0;
      for (let k = 0; k < 24; k++) {
        const sec1 = concat(Uint8Array.of(2 | (k & 1)), rnd(c.len));
        const [a, b] = BOTH.map((be) => be.ecdsa.decodePublic(c.id, sec1)) as [Uint8Array | null, Uint8Array | null];
        same(a, b, `${c.id} decodePublic(random compressed x #${k})`);
        if (a === null) refused++;
        else valid++;
      }
      assert.ok(valid > 0 && refused > 0, why(`random x: ${valid} valid, ${refused} refused`));
    });
  }
});

describe('ECDH (P-256, P-384): node and noble agree', () => {
  for (const c of CURVES.filter((x) => x.id !== 'secp256k1')) {
    test(`${c.id}: raw x-coordinate shared secrets are equal across backends; invalid peers give null`, () => {
      for (let k = 0; k < 3; k++) {
        const a = ecKey(c);
        const b = ecKey(c);
        const results = [
          nodeB.ecdsa.ecdh(c.id, a.km.get(nodeB)!, b.pub),
          nodeB.ecdsa.ecdh(c.id, b.km.get(nodeB)!, a.pub),
          nobleB.ecdsa.ecdh(c.id, a.km.get(nobleB)!, b.pub),
          nobleB.ecdsa.ecdh(c.id, b.km.get(nobleB)!, a.pub),
          // a compressed peer is the same point
          nodeB.ecdsa.ecdh(c.id, a.km.get(nodeB)!, nodeB.ecdsa.compressPublic(c.id, b.pub)),
          nobleB.ecdsa.ecdh(c.id, a.km.get(nobleB)!, nobleB.ecdsa.compressPublic(c.id, b.pub)),
        ];
        for (const r of results) {
          assertPlainFresh(r, `${c.id} ECDH`);
          assert.equal(r.length, c.len);
          same(r, results[0]!, `${c.id} ECDH (#${k})`);
        }
        // node:crypto's ECDH object directly (no backend code)
        const raw = createECDH(c.ossl);
        raw.setPrivateKey(a.d);
        same(results[0]!, new Uint8Array(raw.computeSecret(b.pub)), `${c.id} ECDH vs node:crypto ECDH`);
      }
      const a = ecKey(c);
      const { pub } = ecKey(c);
      const invalid: [string, Uint8Array][] = [
        ['hybrid', hybrid(c, pub)],
        ['off the curve', flip(pub, 2 * c.len)],
        ['identity', Uint8Array.of(0)],
        ['zeros', new Uint8Array(1 + 2 * c.len)],
        ['empty', new Uint8Array(0)],
        ['compressed, x = p', concat(Uint8Array.of(2), bytesOf(c.p, c.len))],
      ];
      for (const b of BOTH) {
        for (const [what, p] of invalid) {
          assert.equal(b.ecdsa.ecdh(c.id, a.km.get(b)!, p), null, why(`${b.name} ${c.id} ECDH with ${what} peer`));
        }
      }
    });
  }
});

// ---------------------------------------------------------------------------------------------
// X25519

/** u-coordinates of small order (RFC 7748 §6.1 / Wycheproof), with non-canonical encodings. */
const X25519_SMALL_ORDER = [
  '0000000000000000000000000000000000000000000000000000000000000000', // 0
  '0100000000000000000000000000000000000000000000000000000000000000', // 1
  'e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800', // order 8
  '5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157', // order 8
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f', // p − 1 (order 2)
  'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f', // p ≡ 0
  'eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f', // p + 1 ≡ 1
  '0000000000000000000000000000000000000000000000000000000000000080', // 0, top bit set
  '0100000000000000000000000000000000000000000000000000000000000080', // 1, top bit set
  'e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b880', // order 8, top bit set
  '5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f11d7', // order 8, top bit set
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff', // p − 1, top bit set
];

describe('X25519: node and noble agree', () => {
  test('publicFromSecret and shared secrets are equal across backends, both directions', () => {
    for (let k = 0; k < 6; k++) {
      const sa = rnd(32);
      const sb = rnd(32);
      const ka = new Map(BOTH.map((b) => [b, KeyMaterial.copyOf(sa)] as const));
      const kb = new Map(BOTH.map((b) => [b, KeyMaterial.copyOf(sb)] as const));
      const pa = BOTH.map((b) => b.x25519.publicFromSecret(ka.get(b)!));
      const pb = BOTH.map((b) => b.x25519.publicFromSecret(kb.get(b)!));
      same(pa[0]!, pa[1]!, 'X25519 publicFromSecret a');
      same(pb[0]!, pb[1]!, 'X25519 publicFromSecret b');
      for (const p of [...pa, ...pb]) assertPlainFresh(p, 'X25519 public key');
      const shared = [
        nodeB.x25519.dh(ka.get(nodeB)!, pb[0]!),
        nodeB.x25519.dh(kb.get(nodeB)!, pa[0]!),
        nobleB.x25519.dh(ka.get(nobleB)!, pb[0]!),
        nobleB.x25519.dh(kb.get(nobleB)!, pa[0]!),
      ];
      for (const s of shared) {
        assertPlainFresh(s, 'X25519 shared secret');
        same(s, shared[0]!, `X25519 dh #${k}`);
      }
    }
  });

  test('small-order peers give null on both (OpenSSL itself refuses to derive them)', () => {
    const sk = rnd(32);
    const kms = new Map(BOTH.map((b) => [b, KeyMaterial.copyOf(sk)] as const));
    const d = Buffer.from(sk).toString('base64url');
    const priv = createPrivateKey({ key: { kty: 'OKP', crv: 'X25519', d, x: '' }, format: 'jwk' });
    for (const h of X25519_SMALL_ORDER) {
      const u = fromHex(h);
      for (const b of BOTH) assert.equal(b.x25519.dh(kms.get(b)!, u), null, why(`${b.name} X25519 small-order ${h}`));
      const pub = createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: Buffer.from(u).toString('base64url') }, format: 'jwk' });
      assert.throws(() => diffieHellman({ privateKey: priv, publicKey: pub }), `raw OpenSSL refuses ${h}`);
    }
  });

  test('non-canonical peers (top bit set, u ≥ p) are reduced alike; wrong lengths are invalid-key on both', () => {
    const sk = rnd(32);
    const kms = new Map(BOTH.map((b) => [b, KeyMaterial.copyOf(sk)] as const));
    const peer = nobleB.x25519.publicFromSecret(KeyMaterial.copyOf(rnd(32)));
    const topBit = flip(peer, 31, 0x80);
    const nine = fromHex('09'.padEnd(64, '0'));
    const pPlus9 = fromHex('f6ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f');
    for (const [what, u, equiv] of [
      ['top bit set', topBit, peer],
      ['p + 9', pPlus9, nine],
    ] as const) {
      const results = BOTH.map((b) => b.x25519.dh(kms.get(b)!, u));
      same(results[0]!, results[1]!, `X25519 ${what}`);
      same(results[0]!, nobleB.x25519.dh(kms.get(nobleB)!, equiv), `X25519 ${what} ≡ canonical`);
    }
    for (const b of BOTH) {
      for (const len of [0, 31, 33]) {
        const peerOfLen = new Uint8Array(len).fill(9);
        assert.throws(() => b.x25519.dh(kms.get(b)!, peerOfLen), isTyped('invalid-key'), `${b.name} peer of ${len} bytes`);
      }
      const short = KeyMaterial.copyOf(rnd(31));
      assert.throws(() => b.x25519.publicFromSecret(short), isTyped('invalid-key'), `${b.name} 31-byte secret`);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Ed25519

describe('Ed25519: node and noble agree', () => {
  test('keys and (deterministic) signatures are byte-identical; each verifies the other', () => {
    for (let k = 0; k < 4; k++) {
      const gen = nodeB.ed25519.generate(rng);
      assertPlainFresh(gen.secret, 'Ed25519 generated secret');
      assertPlainFresh(gen.public, 'Ed25519 generated public');
      const kms = new Map(BOTH.map((b) => [b, KeyMaterial.copyOf(gen.secret)] as const));
      for (const b of BOTH) same(b.ed25519.publicFromSecret(kms.get(b)!), gen.public, `${b.name} Ed25519 publicFromSecret`);
      for (const msg of [new Uint8Array(0), message()]) {
        const sigs = BOTH.map((b) => b.ed25519.sign(kms.get(b)!, msg));
        for (const s of sigs) assertPlainFresh(s, 'Ed25519 signature');
        same(sigs[0]!, sigs[1]!, 'Ed25519 signatures (RFC 8032 is deterministic)');
        for (const v of BOTH) {
          assert.equal(v.ed25519.verify(gen.public, msg, sigs[0]!), true, why(`${v.name} Ed25519 verify`));
          assert.equal(v.ed25519.verify(gen.public, msg, flip(sigs[0]!, 40)), false, why(`${v.name} Ed25519 corrupted S`));
          assert.equal(v.ed25519.verify(gen.public, msg, flip(sigs[0]!, 3)), false, why(`${v.name} Ed25519 corrupted R`));
          const longer = concat(msg, Uint8Array.of(1));
          assert.equal(v.ed25519.verify(gen.public, longer, sigs[0]!), false, why(`${v.name} Ed25519 other message`));
        }
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------
// the public-key cache

describe('node public-key cache', () => {
  test('verification stays correct across LRU eviction (more keys than the cache holds)', () => {
    const c = CURVES[0]!;
    const entries = Array.from({ length: 80 }, () => {
      const km = KeyMaterial.copyOf(scalar(c));
      const pub = nodeB.ecdsa.publicFromSecret(c.id, km);
      const msg = rnd(16);
      return { pub, msg, sig: nodeB.ecdsa.sign(c.id, 'SHA-256', km, msg, rng) };
    });
    for (let pass = 0; pass < 2; pass++) {
      entries.forEach((e, i) => {
        assert.equal(nodeB.ecdsa.verify(c.id, 'SHA-256', e.pub, e.msg, e.sig), true, why(`pass ${pass} key ${i}`));
        const next = entries[(i + 1) % entries.length]!;
        assert.equal(nodeB.ecdsa.verify(c.id, 'SHA-256', next.pub, e.msg, e.sig), false, why(`pass ${pass} key ${i} vs next`));
      });
    }
  });

  test('ECDSA signing on node does not use the rng argument (OpenSSL draws k itself) and is randomized', () => {
    const c = CURVES[0]!;
    const km = KeyMaterial.copyOf(scalar(c));
    const throwing: RandomSource = () => {
      throw new Error('rng must not be called');
    };
    const msg = rnd(20);
    const a = nodeB.ecdsa.sign(c.id, 'SHA-256', km, msg, throwing);
    const b = nodeB.ecdsa.sign(c.id, 'SHA-256', km, msg, throwing);
    assert.notEqual(toHex(a), toHex(b));
  });
});

// ---------------------------------------------------------------------------------------------
// RSA (node only)

const DIGEST_INFO: Record<SignatureHash, string> = {
  'SHA-256': '3031300d060960864801650304020105000420',
  'SHA-384': '3041300d060960864801650304020205000430',
  'SHA-512': '3051300d060960864801650304020305000440',
};

function modPow(b: bigint, e: bigint, m: bigint): bigint {
  let r = 1n;
  b %= m;
  while (e > 0n) {
    if (e & 1n) r = (r * b) % m;
    b = (b * b) % m;
    e >>= 1n;
  }
  return r;
}
function rsaPublicNumbers(spki: Uint8Array): { n: bigint; e: bigint; k: number; bits: number } {
  const jwk = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' }).export({ format: 'jwk' });
  const n = big(new Uint8Array(Buffer.from(jwk.n!, 'base64url')));
  const e = big(new Uint8Array(Buffer.from(jwk.e!, 'base64url')));
  const bits = n.toString(2).length;
  return { n, e, k: Math.ceil(bits / 8), bits };
}
/** s^e mod n as the k-byte encoded message (RSAVP1 + I2OSP), computed with BigInts. */
function rsaOpen(spki: Uint8Array, sig: Uint8Array): Uint8Array {
  const { n, e, k } = rsaPublicNumbers(spki);
  return bytesOf(modPow(big(sig), e, n), k);
}
function mgf1(hash: SignatureHash, seed: Uint8Array, len: number): Uint8Array {
  const out: Buffer[] = [];
  for (let c = 0; out.length * HASH_LEN[hash] < len; c++) {
    const ctr = Buffer.alloc(4);
    ctr.writeUInt32BE(c);
    out.push(createHash(NODE_HASH[hash]).update(seed).update(ctr).digest());
  }
  return new Uint8Array(Buffer.concat(out).subarray(0, len));
}
/** EMSA-PSS-VERIFY (RFC 8017 §9.1.2) with MGF1(hash); returns the salt length, or −1 if inconsistent. */
function pssSaltLength(hash: SignatureHash, msg: Uint8Array, em: Uint8Array, modBits: number): number {
  const hLen = HASH_LEN[hash];
  const emBits = modBits - 1;
  const emLen = Math.ceil(emBits / 8);
  const e = em.subarray(em.length - emLen);
  if (em.length - emLen !== 0 && em[0] !== 0) return -1;
  if (e[emLen - 1] !== 0xbc) return -1;
  const maskedDB = e.subarray(0, emLen - hLen - 1);
  const H = e.subarray(emLen - hLen - 1, emLen - 1);
  const db = mgf1(hash, H, maskedDB.length);
  for (let i = 0; i < db.length; i++) db[i]! ^= maskedDB[i]!;
  db[0]! &= 0xff >> (8 * emLen - emBits);
  let i = 0;
  while (i < db.length && db[i] === 0) i++;
  if (db[i] !== 0x01) return -1;
  const salt = db.subarray(i + 1);
  const mHash = createHash(NODE_HASH[hash]).update(msg).digest();
  const h2 = createHash(NODE_HASH[hash]).update(new Uint8Array(8)).update(mHash).update(salt).digest();
  return toHex(h2) === toHex(H) ? salt.length : -1;
}

describe('RSA (node only): PKCS#1 v1.5 and PSS', () => {
  const rsa = nodeB.rsa!;
  let secret: Uint8Array;
  let pub: Uint8Array;
  let km: KeyMaterial;
  before(() => {
    // One 2048-bit key for the whole file (key generation is the slow part).
    const pair = rsa.generate(2048);
    secret = pair.secret;
    pub = pair.public;
    km = KeyMaterial.copyOf(secret);
  });

  test('generate: PKCS#8 / SPKI DER, 2048 bits, e = 65537; publicFromSecret gives the same SPKI', () => {
    assertPlainFresh(secret, 'RSA secret');
    assertPlainFresh(pub, 'RSA public');
    const ko = createPrivateKey({ key: Buffer.from(secret), format: 'der', type: 'pkcs8' });
    assert.equal(ko.asymmetricKeyType, 'rsa');
    assert.equal(ko.asymmetricKeyDetails?.modulusLength, 2048);
    assert.equal(ko.asymmetricKeyDetails?.publicExponent, 65537n);
    const spki = rsa.publicFromSecret(km);
    assertPlainFresh(spki, 'RSA publicFromSecret');
    same(spki, pub, 'RSA publicFromSecret');
    same(new Uint8Array(createPublicKey(ko).export({ format: 'der', type: 'spki' })), pub, 'SPKI of the PKCS#8 key');
    spki.fill(0);
    same(rsa.publicFromSecret(km), pub, 'publicFromSecret hands out copies');
  });

  test('PKCS#1 v1.5: round trips, equals node:crypto on fresh KeyObjects, and decodes to EMSA-PKCS1-v1_5', () => {
    const freshPriv = createPrivateKey({ key: Buffer.from(secret), format: 'der', type: 'pkcs8' });
    const freshPub = createPublicKey({ key: Buffer.from(pub), format: 'der', type: 'spki' });
    for (const hash of HASHES) {
      const msg = message();
      const sig = rsa.sign('pkcs1', hash, km, msg);
      assertPlainFresh(sig, 'RSA PKCS1 signature');
      assert.equal(sig.length, 256);
      assert.equal(rsa.verify('pkcs1', hash, pub, msg, sig), true, why(`PKCS1 ${hash}`));
      // deterministic: the same bytes as node:crypto with a KeyObject built independently
      same(sig, new Uint8Array(rawSign(NODE_HASH[hash], msg, freshPriv)), `PKCS1 ${hash} vs node:crypto`);
      assert.equal(rawVerify(NODE_HASH[hash], msg, freshPub, sig), true, why(`PKCS1 ${hash} on a fresh SPKI KeyObject`));
      // independent: s^e mod n = 00 01 FF…FF 00 ‖ DigestInfo ‖ H(m)
      const t = concat(fromHex(DIGEST_INFO[hash]), createHash(NODE_HASH[hash]).update(msg).digest());
      const expected = concat(Uint8Array.of(0, 1), new Uint8Array(256 - 3 - t.length).fill(0xff), Uint8Array.of(0), t);
      same(rsaOpen(pub, sig), expected, `PKCS1 ${hash} encoded message`);
      // refused: other hash, other message, flipped bit, PSS verification of a PKCS1 signature
      const otherHash = HASHES[(HASHES.indexOf(hash) + 1) % HASHES.length]!;
      assert.equal(rsa.verify('pkcs1', otherHash, pub, msg, sig), false);
      assert.equal(rsa.verify('pkcs1', hash, pub, concat(msg, Uint8Array.of(0)), sig), false);
      assert.equal(rsa.verify('pkcs1', hash, pub, msg, flip(sig, 100)), false);
      assert.equal(rsa.verify('pss', hash, pub, msg, sig), false);
    }
  });

  test('PSS: salt length = hash length both ways (checked by decoding), MGF1 with the same hash', () => {
    const freshPriv = createPrivateKey({ key: Buffer.from(secret), format: 'der', type: 'pkcs8' });
    const freshPub = createPublicKey({ key: Buffer.from(pub), format: 'der', type: 'spki' });
    const PSS = constants.RSA_PKCS1_PSS_PADDING;
    for (const hash of HASHES) {
      const hLen = HASH_LEN[hash];
      const alg = NODE_HASH[hash];
      const msg = message();
      const sig = rsa.sign('pss', hash, km, msg);
      assertPlainFresh(sig, 'RSA PSS signature');
      assert.equal(rsa.verify('pss', hash, pub, msg, sig), true, why(`PSS ${hash}`));
      assert.notEqual(toHex(rsa.sign('pss', hash, km, msg)), toHex(sig), 'PSS is randomized (salt)');
      // independent decoding: the salt really is hLen bytes
      assert.equal(pssSaltLength(hash, msg, rsaOpen(pub, sig), 2048), hLen, why(`PSS ${hash} decoded salt length`));
      // node:crypto with an explicit salt length accepts exactly hLen
      assert.equal(rawVerify(alg, msg, { key: freshPub, padding: PSS, saltLength: hLen }, sig), true);
      assert.equal(rawVerify(alg, msg, { key: freshPub, padding: PSS, saltLength: hLen + 1 }, sig), false);
      // a valid PSS signature with another salt length is refused (no auto-detection)
      for (const saltLength of [0, 20, hLen + 1, constants.RSA_PSS_SALTLEN_MAX_SIGN]) {
        const other = new Uint8Array(rawSign(alg, msg, { key: freshPriv, padding: PSS, saltLength }));
        const auto = { key: freshPub, padding: PSS, saltLength: constants.RSA_PSS_SALTLEN_AUTO };
        assert.equal(rawVerify(alg, msg, auto, other), true, 'a valid PSS signature (auto-detected salt)');
        assert.notEqual(pssSaltLength(hash, msg, rsaOpen(pub, other), 2048), hLen);
        assert.equal(rsa.verify('pss', hash, pub, msg, other), false, why(`PSS ${hash} with salt length ${saltLength}`));
      }
      assert.equal(rsa.verify('pss', hash, pub, msg, flip(sig, 7)), false);
      assert.equal(rsa.verify('pkcs1', hash, pub, msg, sig), false);
    }
  });

  test('bad inputs: verify returns false, secret keys that do not parse or do not agree are invalid-key', () => {
    const msg = rnd(32);
    const sig = rsa.sign('pkcs1', 'SHA-256', km, msg);
    // verification never throws
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const ecSpki = new Uint8Array(ec.publicKey.export({ format: 'der', type: 'spki' }));
    for (const [what, p, s] of [
      ['short signature', pub, sig.subarray(1)],
      ['long signature', pub, concat(Uint8Array.of(0), sig)],
      ['empty signature', pub, new Uint8Array(0)],
      ['garbage public key', rnd(300), sig],
      ['empty public key', new Uint8Array(0), sig],
      ['EC public key', ecSpki, sig],
      ['PKCS#8 as public key', secret, sig],
      ['signature = modulus bytes of ones', pub, new Uint8Array(256).fill(0xff)],
    ] as const) {
      for (const scheme of ['pkcs1', 'pss'] as RsaScheme[]) {
        assert.equal(rsa.verify(scheme, 'SHA-256', p, msg, s), false, why(`${scheme}: ${what}`));
      }
    }
    // secret keys
    const jwk = createPrivateKey({ key: Buffer.from(secret), format: 'der', type: 'pkcs8' }).export({ format: 'jwk' });
    const inconsistent = (patch: Record<string, string>): Uint8Array =>
      new Uint8Array(createPrivateKey({ key: { ...jwk, ...patch }, format: 'jwk' }).export({ format: 'der', type: 'pkcs8' }));
    const pssKey = generateKeyPairSync('rsa-pss', { modulusLength: 1024 });
    const badKeys: [string, Uint8Array][] = [
      ['garbage', rnd(600)],
      ['empty', new Uint8Array(0)],
      ['truncated PKCS#8', secret.subarray(0, secret.length - 10)],
      ['SPKI instead of PKCS#8', pub],
      ['EC PKCS#8', new Uint8Array(ec.privateKey.export({ format: 'der', type: 'pkcs8' }))],
      ['RSA-PSS (id-RSASSA-PSS) PKCS#8', new Uint8Array(pssKey.privateKey.export({ format: 'der', type: 'pkcs8' }))],
      ['dq of another prime', inconsistent({ dq: jwk.dp! })],
      ['qi wrong', inconsistent({ qi: jwk.dp! })],
      ['d wrong', inconsistent({ d: Buffer.from(flip(Buffer.from(jwk.d!, 'base64url'), 200)).toString('base64url') })],
    ];
    for (const [what, bytes] of badKeys) {
      const k = KeyMaterial.copyOf(bytes);
      assert.throws(() => rsa.publicFromSecret(k), isTyped('invalid-key'), why(`publicFromSecret(${what})`));
      assert.throws(() => rsa.sign('pss', 'SHA-256', k, msg), isTyped('invalid-key'), why(`sign(${what})`));
    }
  });
});

type Pair = { secret: Uint8Array; public: Uint8Array };

// ---------------------------------------------------------------------------------------------
// delegated post-quantum families (same noble code on both sides: wiring only)

describe('ML-DSA, ML-KEM and X-Wing are delegated to noble', () => {
  test('fromSeed / sign / encapsulate reach noble with the right arguments', () => {
    for (const level of ['ML-DSA-44'] as MlDsaLevel[]) {
      const seed = rnd(32);
      const [a, b] = BOTH.map((x) => x.mldsa.fromSeed(level, seed)) as [Pair, Pair];
      same(a.public, b.public, `${level} public`);
      same(a.secret, b.secret, `${level} secret`);
      const msg = rnd(40);
      const ctx = rnd(5);
      const sig = nodeB.mldsa.sign(level, KeyMaterial.copyOf(a.secret), msg, ctx, rng);
      assert.equal(nobleB.mldsa.verify(level, a.public, msg, sig, ctx), true);
    }
    for (const level of ['ML-KEM-768'] as MlKemLevel[]) {
      const seed = rnd(64);
      const [a, b] = BOTH.map((x) => x.mlkem.fromSeed(level, seed)) as [Pair, Pair];
      same(a.public, b.public, `${level} public`);
      const enc = nodeB.mlkem.encapsulate(level, a.public, rng);
      same(nobleB.mlkem.decapsulate(level, KeyMaterial.copyOf(b.secret), enc.ciphertext), enc.secret, `${level} shared secret`);
    }
    {
      const seed = rnd(32);
      const [a, b] = BOTH.map((x) => x.xwing.fromSeed('X-WING', seed)) as [Pair, Pair];
      same(a.public, b.public, 'X-Wing public');
      const enc = nobleB.xwing.encapsulate('X-WING', a.public, rng);
      same(nodeB.xwing.decapsulate('X-WING', KeyMaterial.copyOf(b.secret), enc.ciphertext), enc.secret, 'X-Wing shared secret');
    }
  });
});
