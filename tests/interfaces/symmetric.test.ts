/**
 * wasi:crypto/symmetric through the interface layer (no wasm), on both backends.
 * Expected values: FIPS 180-4 examples, RFC 4231, McGrew–Viega GCM test cases (NIST GCM spec).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { listAlgorithms } from '../../host/src/index.js';
import { BACKENDS, drop, hex, makeHost, throwsCode, toHex, utf8 } from './helpers.js';

const SHA256_ABC = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
const SHA512_ABC =
  'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f';
const SHA512_256_ABC = '53048e2681941ef99b2e29b76b4c7dabe4c2d0c634fc6d46e0e2f13107e7af23';
// RFC 4231 test cases 1 and 2
const RFC4231 = [
  {
    key: '0b'.repeat(20),
    data: utf8('Hi There'),
    sha256: 'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7',
    sha512:
      '87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cdedaa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854',
  },
  {
    key: toHex(utf8('Jefe')),
    data: utf8('what do ya want for nothing?'),
    sha256: '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    sha512:
      '164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737',
  },
];
// GCM spec (McGrew–Viega) test case 2 (AES-128) and 14 (AES-256): zero key, zero IV, 16 zero bytes.
const GCM = [
  { alg: 'AES-128-GCM', key: '00'.repeat(16), ct: '0388dace60b6a392f328c2b971b2fe78', tag: 'ab6e47d42cec13bdf53a67b21257bddf' },
  { alg: 'AES-256-GCM', key: '00'.repeat(32), ct: 'cea7403d4d606b6e074ec5d3baf39d18', tag: 'd0d1c8a799996bf0265b98b5d48ab919' },
];

for (const backend of BACKENDS) {
  describe(`symmetric (${backend} backend)`, () => {
    test('one-shot hash and state squeeze give the FIPS 180-4 digests', () => {
      const { symmetric } = makeHost(backend);
      for (const [alg, want] of [
        ['SHA-256', SHA256_ABC],
        ['SHA-512', SHA512_ABC],
        ['SHA-512/256', SHA512_256_ABC],
      ] as const) {
        assert.equal(toHex(symmetric.hash(alg, utf8('abc'), undefined)), want);
        const st = symmetric.SymmetricState.open(alg, undefined, undefined);
        st.absorb(utf8('a'));
        st.absorb(utf8('bc'));
        assert.equal(toHex(st.squeeze(want.length / 2)), want);
        drop(st);
      }
    });

    test('algorithm names are case-insensitive; unknown and inherited names are unsupported', () => {
      const { symmetric } = makeHost(backend);
      assert.equal(toHex(symmetric.hash('sha-256', utf8('abc'), undefined)), SHA256_ABC);
      for (const bad of ['SHA-1024', '__proto__', 'constructor', 'toString', '']) {
        throwsCode(() => symmetric.hash(bad, utf8('abc'), undefined), 'unsupported-algorithm');
        throwsCode(() => symmetric.SymmetricState.open(bad, undefined, undefined), 'unsupported-algorithm');
      }
    });

    test('squeeze truncates, and refuses more than a fixed-size hash produces', () => {
      const { symmetric } = makeHost(backend);
      assert.equal(toHex(symmetric.hash('SHA-256', utf8('abc'), 16)), SHA256_ABC.slice(0, 32));
      throwsCode(() => symmetric.hash('SHA-256', utf8('abc'), 33), 'invalid-length');
      const st = symmetric.SymmetricState.open('SHA-256', undefined, undefined);
      throwsCode(() => st.squeeze(33), 'invalid-length');
      throwsCode(() => st.squeeze(1 << 30), 'invalid-length');
      drop(st);
    });

    test('a squeeze does not finalize: the state keeps absorbing (cumulative)', () => {
      const { symmetric } = makeHost(backend);
      const st = symmetric.SymmetricState.open('SHA-256', undefined, undefined);
      st.absorb(utf8('ab'));
      const partial = st.squeeze(32);
      st.absorb(utf8('c'));
      assert.equal(toHex(st.squeeze(32)), SHA256_ABC);
      assert.equal(toHex(partial), toHex(symmetric.hash('SHA-256', utf8('ab'), undefined)));
      const c = st.clone();
      c.absorb(utf8('d'));
      assert.equal(toHex(st.squeeze(32)), SHA256_ABC, 'the clone is independent');
      assert.equal(toHex(c.squeeze(32)), toHex(symmetric.hash('SHA-256', utf8('abcd'), undefined)));
      st.reset();
      st.absorb(utf8('abc'));
      assert.equal(toHex(st.squeeze(32)), SHA256_ABC, 'reset discards what was absorbed');
      drop(st, c);
    });

    test("the spec's key rules: key-not-supported, key-required, invalid-key", () => {
      const { symmetric } = makeHost(backend);
      const hk = symmetric.SymmetricKey.generate('HMAC/SHA-256', undefined);
      throwsCode(() => symmetric.SymmetricState.open('SHA-256', hk, undefined), 'key-not-supported');
      throwsCode(() => symmetric.SymmetricKey.generate('SHA-256', undefined), 'key-not-supported');
      throwsCode(() => symmetric.SymmetricKey.import('SHA-256', new Uint8Array(32)), 'key-not-supported');
      throwsCode(() => symmetric.SymmetricState.open('HMAC/SHA-256', undefined, undefined), 'key-required');
      throwsCode(() => symmetric.SymmetricState.open('HMAC/SHA-512', hk, undefined), 'invalid-key');
      throwsCode(() => symmetric.SymmetricKey.import('AES-256-GCM', new Uint8Array(31)), 'invalid-key');
      throwsCode(() => symmetric.SymmetricKey.import('HMAC/SHA-256', new Uint8Array(8193)), 'invalid-key');
      assert.equal(hk.algorithm(), 'HMAC/SHA-256');
      assert.equal(hk.export().length, 32, 'generated HMAC keys have the hash length');
      drop(hk);
    });

    test('HMAC: RFC 4231 through one-shot mac, mac-verify and states', () => {
      const { symmetric } = makeHost(backend);
      for (const v of RFC4231) {
        for (const [alg, want] of [
          ['HMAC/SHA-256', v.sha256],
          ['HMAC/SHA-512', v.sha512],
        ] as const) {
          const key = symmetric.SymmetricKey.import(alg, hex(v.key));
          assert.equal(toHex(key.mac(v.data)), want);
          key.macVerify(v.data, hex(want));
          throwsCode(() => key.macVerify(v.data, hex(want).subarray(1)), 'invalid-tag');
          const bad = hex(want);
          bad[0]! ^= 1;
          throwsCode(() => key.macVerify(v.data, bad), 'invalid-tag');
          const st = symmetric.SymmetricState.open(alg, key, undefined);
          st.absorb(v.data);
          assert.equal(st.maxTagLen(), want.length / 2);
          const tag = st.squeezeTag();
          assert.equal(tag.len(), want.length / 2);
          assert.equal(toHex(tag.toBytes()), want);
          tag.verify(hex(want));
          throwsCode(() => tag.verify(bad), 'invalid-tag');
          throwsCode(() => st.squeeze(32), 'invalid-operation');
          throwsCode(() => st.encrypt(utf8('x')), 'invalid-operation');
          throwsCode(() => st.squeezeKey('AES-256-GCM'), 'invalid-operation');
          throwsCode(() => st.ratchet(), 'invalid-operation');
          drop(tag, st, key);
        }
      }
    });

    test('AES-GCM: published vectors, nonce rules, tamper detection, no nonce reuse', () => {
      const { symmetric, common } = makeHost(backend);
      const nonce = new Uint8Array(12);
      for (const v of GCM) {
        const key = symmetric.SymmetricKey.import(v.alg, hex(v.key));
        assert.equal(toHex(key.seal(nonce, new Uint8Array(0), new Uint8Array(16))), v.ct + v.tag);
        assert.equal(toHex(key.open(nonce, new Uint8Array(0), hex(v.ct + v.tag))), '00'.repeat(16));
        const tampered = hex(v.ct + v.tag);
        tampered[3]! ^= 0x80;
        throwsCode(() => key.open(nonce, new Uint8Array(0), tampered), 'invalid-tag');
        throwsCode(() => key.open(nonce, new Uint8Array(0), new Uint8Array(15)), 'invalid-tag');
        throwsCode(() => key.seal(new Uint8Array(8), new Uint8Array(0), new Uint8Array(1)), 'invalid-nonce');
        throwsCode(() => key.mac(utf8('x')), 'invalid-operation');

        throwsCode(() => symmetric.SymmetricState.open(v.alg, key, undefined), 'nonce-required');
        const opts = new common.Options('symmetric');
        opts.set('nonce', new Uint8Array(11));
        throwsCode(() => symmetric.SymmetricState.open(v.alg, key, opts), 'invalid-nonce');
        opts.set('nonce', nonce);
        const st = symmetric.SymmetricState.open(v.alg, key, opts);
        assert.equal(toHex(st.optionsGet('nonce')), toHex(nonce));
        assert.equal(st.maxTagLen(), 16);
        const twin = st.clone();
        assert.equal(toHex(st.encrypt(new Uint8Array(16))), v.ct + v.tag);
        throwsCode(() => st.encrypt(new Uint8Array(16)), 'nonce-required');
        throwsCode(() => twin.encrypt(new Uint8Array(16)), 'nonce-required');
        throwsCode(() => st.absorb(utf8('late aad')), 'invalid-operation');
        st.reset();
        throwsCode(() => st.encrypt(new Uint8Array(16)), 'nonce-required');
        assert.equal(toHex(twin.decrypt(hex(v.ct + v.tag))), '00'.repeat(16));
        drop(twin);
        throwsCode(() => st.squeeze(16), 'invalid-operation');

        const dec = symmetric.SymmetricState.open(v.alg, key, opts);
        assert.equal(toHex(dec.decrypt(hex(v.ct + v.tag))), '00'.repeat(16));
        assert.equal(toHex(dec.decryptDetached(hex(v.ct), hex(v.tag))), '00'.repeat(16));
        throwsCode(() => dec.decrypt(tampered), 'invalid-tag');
        throwsCode(() => dec.decryptDetached(hex(v.ct), hex(v.tag).subarray(0, 12)), 'invalid-tag');
        drop(st, dec, opts, key);
      }
    });

    test('AES-GCM: associated data is absorbed, and detached encryption splits the tag', () => {
      const { symmetric, common } = makeHost(backend);
      const key = symmetric.SymmetricKey.generate('AES-256-GCM', undefined);
      const nonce = hex('cafebabefacedbaddecaf888');
      const aad = utf8('header');
      const pt = utf8('attack at dawn');
      const sealed = key.seal(nonce, aad, pt);
      const opts = new common.Options('symmetric');
      opts.set('nonce', nonce);
      const st = symmetric.SymmetricState.open('AES-256-GCM', key, opts);
      st.absorb(aad.subarray(0, 3));
      st.absorb(aad.subarray(3));
      const [ct, tag] = st.encryptDetached(pt);
      assert.equal(toHex(ct) + toHex(tag.toBytes()), toHex(sealed));
      throwsCode(() => key.open(nonce, utf8('other'), sealed), 'invalid-tag');
      assert.equal(toHex(key.open(nonce, aad, sealed)), toHex(pt));
      drop(tag, st, opts, key);
    });

    test('options: unknown names and wrong types are unsupported-option; unset is option-not-set', () => {
      const { common, symmetric } = makeHost(backend);
      const o = new common.Options('symmetric');
      throwsCode(() => o.set('no_such_option', new Uint8Array(1)), 'unsupported-option');
      throwsCode(() => o.setU64('nonce', 1n), 'unsupported-option');
      throwsCode(() => o.set('memory_limit', new Uint8Array(1)), 'unsupported-option');
      throwsCode(() => o.get('salt'), 'option-not-set');
      o.setU64('ops_limit', 3n);
      assert.equal(o.getU64('ops_limit'), 3n);
      throwsCode(() => symmetric.SymmetricState.open('SHA-256', undefined, o), 'unsupported-option');
      const s = new common.Options('signatures');
      throwsCode(() => s.set('nonce', new Uint8Array(12)), 'unsupported-option');
      drop(o, s);
    });

    test('a state keeps working after its key handle is dropped; bytes are wiped after the last user', () => {
      const { symmetric, common, host, materials } = makeHost(backend);
      const key = symmetric.SymmetricKey.import('AES-256-GCM', new Uint8Array(32));
      const opts = new common.Options('symmetric');
      opts.set('nonce', new Uint8Array(12));
      const st = symmetric.SymmetricState.open('AES-256-GCM', key, opts);
      drop(key, opts);
      assert.equal(materials.length, 1);
      const mat = materials[0]!;
      assert.equal(mat.wiped, false, 'the state still holds the key');
      assert.equal(toHex(st.encrypt(new Uint8Array(16))), GCM[1]!.ct + GCM[1]!.tag);
      // Non-zero key: check the wipe observes real bytes.
      const k2 = symmetric.SymmetricKey.import('HMAC/SHA-256', new Uint8Array(32).fill(0xa5));
      const st2 = symmetric.SymmetricState.open('HMAC/SHA-256', k2, undefined);
      const m2 = materials[1]!;
      drop(k2);
      assert.ok(m2.unsafeRawView().every((b) => b === 0xa5), 'bytes intact while the state lives');
      drop(st2);
      assert.ok(m2.wiped && m2.unsafeRawView().every((b) => b === 0), 'bytes zero after the last user let go');
      drop(st);
      assert.ok(mat.wiped);
      assert.equal(host.stats().handles.total, 0);
      assert.equal(host.stats().liveKeyMaterials, 0);
    });

    test('exported key bytes are a copy, never the internal buffer', () => {
      const { symmetric, materials } = makeHost(backend);
      const key = symmetric.SymmetricKey.import('HMAC/SHA-256', new Uint8Array(32).fill(7));
      const out = key.export();
      out.fill(0);
      assert.ok(materials[0]!.unsafeRawView().every((b) => b === 7));
      assert.equal(toHex(key.export()), '07'.repeat(32));
      drop(key);
    });

    test('handle limit: too-many-handles, and nothing leaks when refused', () => {
      const { symmetric, host } = makeHost(backend, { limits: { maxHandles: 3 } });
      const ks = [0, 1, 2].map(() => symmetric.SymmetricKey.generate('HMAC/SHA-256', undefined));
      throwsCode(() => symmetric.SymmetricKey.generate('HMAC/SHA-256', undefined), 'too-many-handles');
      assert.equal(host.stats().liveKeyMaterials, 3, 'the refused key was wiped');
      drop(...ks);
      assert.deepEqual(host.stats().handles, { total: 0, byKind: {} });
    });

    test('input limits are enforced before work is done', () => {
      const { symmetric } = makeHost(backend, { limits: { maxInputBytes: 8 } });
      throwsCode(() => symmetric.hash('SHA-256', new Uint8Array(9), undefined), 'invalid-length');
      assert.equal(symmetric.hash('SHA-256', new Uint8Array(8), undefined).length, 32);
    });
  });
}

describe('failure paths', () => {
  test('a failing random source answers rng-error, and nothing is left behind', () => {
    const { symmetric, asym, host } = makeHost('node', {
      random: () => {
        throw new Error('entropy source unavailable');
      },
    });
    throwsCode(() => symmetric.SymmetricKey.generate('AES-256-GCM', undefined), 'rng-error');
    throwsCode(() => asym.Keypair.generate('signatures', 'Ed25519', undefined), 'rng-error');
    assert.equal(host.stats().handles.total, 0);
    assert.equal(host.stats().liveKeyMaterials, 0);
  });

  test('encrypt-detached reserves its tag handle first: a refused tag does not burn the one encryption', () => {
    const { symmetric, common } = makeHost('noble', { limits: { maxHandles: 4 } });
    const key = symmetric.SymmetricKey.import('AES-256-GCM', new Uint8Array(32));
    const opts = new common.Options('symmetric'); // counted (never refused: constructors cannot fail)
    opts.set('nonce', new Uint8Array(12));
    const st = symmetric.SymmetricState.open('AES-256-GCM', key, opts);
    const filler = symmetric.SymmetricState.open('SHA-256', undefined, undefined);
    throwsCode(() => st.encryptDetached(new Uint8Array(16)), 'too-many-handles');
    drop(filler);
    const [ct, tag] = st.encryptDetached(new Uint8Array(16));
    assert.equal(toHex(ct) + toHex(tag.toBytes()), GCM[1]!.ct + GCM[1]!.tag);
    drop(tag, st, opts, key);
  });

  test('decrypt-detached accepts a ciphertext right at the input limit', () => {
    const { symmetric, common } = makeHost('node', { limits: { maxInputBytes: 16 } });
    const key = symmetric.SymmetricKey.import('AES-256-GCM', new Uint8Array(32));
    const opts = new common.Options('symmetric');
    opts.set('nonce', new Uint8Array(12));
    const st = symmetric.SymmetricState.open('AES-256-GCM', key, opts);
    assert.equal(toHex(st.decryptDetached(hex(GCM[1]!.ct), hex(GCM[1]!.tag))), '00'.repeat(16));
    drop(st, opts, key);
  });

  test('options of another algorithm type are an invalid handle; unknown hash beats a huge length', () => {
    const { symmetric, common } = makeHost('node');
    const sig = new common.Options('signatures');
    throwsCode(() => symmetric.SymmetricKey.generate('AES-256-GCM', sig), 'invalid-handle');
    throwsCode(() => symmetric.hash('NO-SUCH-HASH', new Uint8Array(1), 0xffffffff), 'unsupported-algorithm');
    drop(sig);
  });

  test('after the host is disposed, a surviving handle answers invalid-handle instead of trapping', () => {
    const { host, symmetric } = makeHost('node');
    const key = symmetric.SymmetricKey.import('HMAC/SHA-256', new Uint8Array(32).fill(1));
    host[Symbol.dispose]();
    throwsCode(() => key.mac(Uint8Array.of(1)), 'invalid-handle');
    throwsCode(() => key.export(), 'invalid-handle');
  });
});

describe('host.provider', () => {
  test('names the library that computes each algorithm, per backend', () => {
    const node = makeHost('node').host;
    const noble = makeHost('noble').host;
    for (const { name } of listAlgorithms()) {
      if (name.startsWith('RSA_')) {
        throwsCode(() => noble.provider(name), 'unsupported-algorithm'); // RSA exists on node only
        assert.equal(node.provider(name), 'node:crypto');
        continue;
      }
      assert.match(noble.provider(name), /^@noble\//, `${name} on the portable host`);
      assert.match(node.provider(name), /^(node:crypto|@noble\/)/, `${name} on the node host`);
    }
    assert.equal(node.provider('sha-256'), 'node:crypto');
    assert.equal(node.provider('ARGON2-ID-13'), '@noble/hashes', 'Node 20 has no Argon2');
    assert.match(node.provider('XCHACHA20-POLY1305'), /^node:crypto \+ @noble\/ciphers/);
    throwsCode(() => node.provider('AES-192-GCM'), 'unsupported-algorithm');
  });
});

describe('reset of a state whose nonce the host drew', () => {
  for (const backend of BACKENDS) {
    test(`${backend}: XChaCha20 / GCM-SIV draw a fresh nonce at reset; an explicit nonce stays spent`, () => {
      const { symmetric, common } = makeHost(backend);
      for (const alg of ['XCHACHA20-POLY1305', 'AES-256-GCM-SIV']) {
        const key = symmetric.SymmetricKey.generate(alg, undefined);
        const st = symmetric.SymmetricState.open(alg, key, undefined);
        const n1 = st.optionsGet('nonce');
        const c1 = st.encrypt(utf8('one'));
        throwsCode(() => st.encrypt(utf8('two')), 'nonce-required');
        st.reset();
        const n2 = st.optionsGet('nonce');
        assert.notEqual(toHex(n2), toHex(n1), 'a new nonce after reset');
        const c2 = st.encrypt(utf8('two'));
        throwsCode(() => st.encrypt(utf8('three')), 'nonce-required');
        assert.equal(toHex(key.open(n1, new Uint8Array(0), c1)), toHex(utf8('one')));
        assert.equal(toHex(key.open(n2, new Uint8Array(0), c2)), toHex(utf8('two')));
        const opts = new common.Options('symmetric');
        opts.set('nonce', n1);
        const explicit = symmetric.SymmetricState.open(alg, key, opts);
        explicit.encrypt(utf8('x'));
        explicit.reset();
        throwsCode(() => explicit.encrypt(utf8('y')), 'nonce-required');
        drop(st, explicit, opts, key);
      }
    });
  }
});
