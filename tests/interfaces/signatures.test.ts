/**
 * wasi:crypto/asymmetric-common + signatures through the interface layer, on both backends.
 * Expected values: RFC 8032 §7.1 TEST 1–3.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BACKENDS, drop, hex, makeHost, throwsCode, toHex } from './helpers.js';

const RFC8032 = [
  {
    sk: '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
    pk: 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
    msg: '',
    sig: 'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
  },
  {
    sk: '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb',
    pk: '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
    msg: '72',
    sig: '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
  },
  {
    sk: 'c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7',
    pk: 'fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025',
    msg: 'af82',
    sig: '6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a',
  },
];

for (const backend of BACKENDS) {
  describe(`signatures (${backend} backend)`, () => {
    test('RFC 8032 vectors: import, sign (one-shot and streaming), verify', () => {
      const { asym, signatures } = makeHost(backend);
      for (const v of RFC8032) {
        const kp = asym.Keypair.import('signatures', 'ed25519', hex(v.sk + v.pk), 'raw');
        assert.equal(kp.algorithm(), 'Ed25519');
        assert.equal(toHex(signatures.sign(kp, hex(v.msg))), v.sig);
        const st = signatures.SignatureState.open(kp, undefined);
        st.update(hex(v.msg).subarray(0, 1));
        st.update(hex(v.msg).subarray(1));
        const sig = st.sign();
        assert.equal(toHex(sig.export('raw')), v.sig);
        const pk = asym.Publickey.import('signatures', 'Ed25519', hex(v.pk), 'raw');
        signatures.verify(pk, hex(v.msg), hex(v.sig));
        const vs = signatures.SignatureVerificationState.open(pk, undefined);
        vs.update(hex(v.msg));
        vs.verify(sig);
        drop(vs, pk, sig, st, kp);
      }
    });

    test('verification-failed for a well-formed bad signature; invalid-signature for a malformed one', () => {
      const { asym, signatures } = makeHost(backend);
      const v = RFC8032[1]!;
      const pk = asym.Publickey.import('signatures', 'Ed25519', hex(v.pk), 'raw');
      const bad = hex(v.sig);
      bad[5]! ^= 1;
      throwsCode(() => signatures.verify(pk, hex(v.msg), bad), 'verification-failed');
      throwsCode(() => signatures.verify(pk, hex('73'), hex(v.sig)), 'verification-failed');
      throwsCode(() => signatures.verify(pk, hex(v.msg), hex(v.sig).subarray(0, 63)), 'invalid-signature');
      throwsCode(() => signatures.Signature.import('Ed25519', new Uint8Array(65), 'raw'), 'invalid-signature');
      throwsCode(() => signatures.Signature.import('Ed25519', hex(v.sig), 'der'), 'unsupported-encoding');
      // S >= L (non-canonical): strict RFC 8032 rejects it (ZIP-215 would not change this, but it is a well-formed length).
      const highS = hex(v.sig);
      highS.set(hex('edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010'), 32);
      throwsCode(() => signatures.verify(pk, hex(v.msg), highS), 'verification-failed');
      drop(pk);
    });

    test('signature states are cumulative and reset discards input', () => {
      const { asym, signatures } = makeHost(backend);
      const kp = asym.Keypair.generate('signatures', 'Ed25519', undefined);
      const pk = kp.publickey();
      const st = signatures.SignatureState.open(kp, undefined);
      st.update(Uint8Array.of(1, 2));
      const s1 = st.sign();
      st.update(Uint8Array.of(3));
      const s2 = st.sign();
      signatures.verify(pk, Uint8Array.of(1, 2), s1.export('raw'));
      signatures.verify(pk, Uint8Array.of(1, 2, 3), s2.export('raw'));
      st.reset();
      st.update(Uint8Array.of(9));
      const s3 = st.sign();
      signatures.verify(pk, Uint8Array.of(9), s3.export('raw'));
      const vs = signatures.SignatureVerificationState.open(pk, undefined);
      vs.update(Uint8Array.of(1));
      throwsCode(() => vs.verify(s2), 'verification-failed');
      vs.update(Uint8Array.of(2, 3));
      vs.verify(s2);
      drop(vs, s1, s2, s3, st, pk, kp);
    });

    test('key lifecycle: parts outlive the pair, from-pk-and-sk checks, generated keys round-trip', () => {
      const { asym, signatures, host, materials } = makeHost(backend);
      const kp = asym.Keypair.generate('signatures', 'Ed25519', undefined);
      const raw = kp.export('raw');
      assert.equal(raw.length, 64);
      const pk = kp.publickey();
      const sk = kp.secretkey();
      drop(kp);
      assert.equal(toHex(pk.export('raw')), toHex(raw.subarray(32)));
      assert.equal(toHex(sk.export('raw')), toHex(raw.subarray(0, 32)));
      const derived = asym.Publickey.fromSecretkey(sk);
      assert.equal(toHex(derived.export('raw')), toHex(raw.subarray(32)));
      const kp2 = asym.Keypair.fromPkAndSk(pk, sk);
      signatures.verify(pk, Uint8Array.of(42), signatures.sign(kp2, Uint8Array.of(42)));
      const other = asym.Keypair.generate('signatures', 'Ed25519', undefined);
      const otherPk = other.publickey();
      throwsCode(() => asym.Keypair.fromPkAndSk(otherPk, sk), 'incompatible-keys');
      const mismatched = Uint8Array.from(raw);
      mismatched[40]! ^= 1;
      throwsCode(() => asym.Keypair.import('signatures', 'Ed25519', mismatched, 'raw'), 'invalid-key');
      throwsCode(() => asym.Keypair.import('signatures', 'Ed25519', raw.subarray(0, 32), 'raw'), 'invalid-key');
      pk.verify();
      drop(pk, sk, derived, kp2, other, otherPk);
      assert.equal(host.stats().handles.total, 0);
      assert.equal(host.stats().liveKeyMaterials, 0);
      assert.ok(materials.every((m) => m.wiped && m.unsafeRawView().every((b) => b === 0)));
    });

    test('typed errors for families, encodings and key exchange with signature keys', () => {
      const { asym, kx, common, external, symmetric } = makeHost(backend);
      throwsCode(() => asym.Keypair.generate('signatures', 'X25519', undefined), 'unsupported-algorithm');
      throwsCode(() => asym.Keypair.generate('key-exchange', 'Ed25519', undefined), 'unsupported-algorithm');
      throwsCode(() => asym.Keypair.generate('symmetric', 'Ed25519', undefined), 'unsupported-algorithm');
      throwsCode(() => asym.Keypair.generate('signatures', 'Ed25519ph', undefined), 'unsupported-algorithm');
      const kp = asym.Keypair.generate('signatures', 'Ed25519', undefined);
      throwsCode(() => kp.export('local'), 'unsupported-encoding');
      const pk = kp.publickey();
      const sk = kp.secretkey();
      throwsCode(() => pk.export('sec'), 'unsupported-encoding');
      throwsCode(() => kx.dh(pk, sk), 'invalid-operation');
      throwsCode(() => kx.encapsulate(pk), 'invalid-operation');
      throwsCode(() => kx.decapsulate(sk, new Uint8Array(32)), 'invalid-operation');
      throwsCode(() => kp.id(), 'unsupported-feature');
      const key = symmetric.SymmetricKey.generate('AES-128-GCM', undefined);
      throwsCode(() => key.id(), 'unsupported-feature');
      // Something that is not a secrets-manager handle of this host is refused with a typed error.
      const fakeSm = undefined as unknown as Parameters<typeof external.store>[0];
      throwsCode(() => external.store(fakeSm, new Uint8Array(1), 0n), 'invalid-handle');
      throwsCode(() => symmetric.SymmetricKey.generateManaged(fakeSm, 'AES-128-GCM', undefined), 'invalid-handle');
      const otherSm = makeHost(backend).common.SecretsManager.open(undefined);
      throwsCode(() => key.storeManaged(otherSm), 'invalid-handle');
      void common;
      drop(kp, pk, sk, key, otherSm);
    });
  });
}

describe('host isolation', () => {
  test('a handle of one host is refused by another; stats are per host', () => {
    const a = makeHost('node');
    const b = makeHost('node');
    const kp = a.asym.Keypair.generate('signatures', 'Ed25519', undefined);
    throwsCode(() => b.signatures.sign(kp, Uint8Array.of(1)), 'invalid-handle');
    assert.equal(a.host.stats().handles.total, 1);
    assert.equal(b.host.stats().handles.total, 0);
    drop(kp);
  });

  test('disposing the host disposes every live resource and wipes its keys', () => {
    const { host, symmetric, materials } = makeHost('noble');
    symmetric.SymmetricKey.generate('AES-256-GCM', undefined);
    symmetric.SymmetricState.open('SHA-256', undefined, undefined);
    assert.equal(host.stats().handles.total, 2);
    host[Symbol.dispose]();
    assert.equal(host.stats().handles.total, 0);
    assert.ok(materials[0]!.wiped && materials[0]!.unsafeRawView().every((b) => b === 0));
  });

  test('the two backends agree and verify each other', () => {
    const n = makeHost('node');
    const p = makeHost('noble');
    const seed = new Uint8Array(64);
    for (let i = 0; i < 64; i++) seed[i] = (i * 37 + 11) & 0xff;
    const msg = seed.subarray(0, 50);
    const kpN = n.asym.Keypair.generate('signatures', 'Ed25519', undefined);
    const raw = kpN.export('raw');
    const kpP = p.asym.Keypair.import('signatures', 'Ed25519', raw, 'raw');
    const sigN = n.signatures.sign(kpN, msg);
    assert.equal(toHex(p.signatures.sign(kpP, msg)), toHex(sigN));
    const pkP = kpP.publickey();
    p.signatures.verify(pkP, msg, sigN);
    for (const alg of ['SHA-256', 'SHA-512', 'SHA-512/256']) {
      assert.equal(toHex(n.symmetric.hash(alg, msg, undefined)), toHex(p.symmetric.hash(alg, msg, undefined)));
    }
    const kN = n.symmetric.SymmetricKey.import('AES-256-GCM', seed.subarray(0, 32));
    const kP = p.symmetric.SymmetricKey.import('AES-256-GCM', seed.subarray(0, 32));
    const sealed = kN.seal(seed.subarray(0, 12), seed.subarray(1, 9), msg);
    assert.equal(toHex(kP.seal(seed.subarray(0, 12), seed.subarray(1, 9), msg)), toHex(sealed));
    assert.equal(toHex(kP.open(seed.subarray(0, 12), seed.subarray(1, 9), sealed)), toHex(msg));
    drop(kpN, kpP, pkP, kN, kP);
  });

  test('an injected random source makes key generation deterministic', () => {
    let counter = 0;
    const rng = (out: Uint8Array) => {
      for (let i = 0; i < out.length; i++) out[i] = counter++ & 0xff;
    };
    const a = makeHost('node', { random: rng });
    const k1 = a.symmetric.SymmetricKey.generate('AES-128-GCM', undefined);
    assert.equal(toHex(k1.export()), '000102030405060708090a0b0c0d0e0f');
    drop(k1);
  });
});
