/**
 * The wasi:crypto@0.11.0 adapter (host/src/abi/wit011) called directly from TypeScript, one test
 * group per choice its README documents, on both backends. Expected bytes come from RFCs/FIPS or
 * from node:crypto computing independently of the host (on the noble backend the host computes
 * with @noble/*, so the comparison crosses implementations).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createCipheriv, createHash, pbkdf2Sync } from 'node:crypto';
import { ERROR_CODES } from '../../host/src/core/errors.js';
import { errnoOf, Wit011Error } from '../../host/src/abi/wit011/index.js';
import { createCryptoHost, type NodeCryptoHostConfig } from '../../host/src/index.js';
import { createCryptoHost as createPortableHost } from '../../host/src/portable.js';
import { BACKENDS, hex, toHex, utf8 } from '../interfaces/helpers.js';

/** The 0.11.0 interfaces of a fresh host. */
function make(backend: 'node' | 'noble', config: NodeCryptoHostConfig = {}) {
  const host = createCryptoHost({ ...config, backend });
  const i = host.getImportObject();
  return {
    host,
    common: i['wasi:crypto/wasi-ephemeral-crypto-common'],
    sym: i['wasi:crypto/wasi-ephemeral-crypto-symmetric'],
    asym: i['wasi:crypto/wasi-ephemeral-crypto-asymmetric-common'],
    sig: i['wasi:crypto/wasi-ephemeral-crypto-signatures'],
    kx: i['wasi:crypto/wasi-ephemeral-crypto-kx'],
    ext: i['wasi:crypto/wasi-ephemeral-crypto-external-secrets'],
    sigBatch: i['wasi:crypto/wasi-ephemeral-crypto-signatures-batch'],
    symBatch: i['wasi:crypto/wasi-ephemeral-crypto-symmetric-batch'],
  };
}

/** `fn` must fail the way jco turns into err(crypto-errno): an own `payload` that is `{ tag }`. */
function throwsErrno(fn: () => unknown, tag: string): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(Object.hasOwn(e as object, 'payload'), `not a typed error: ${String(e)}`);
    const payload = (e as { payload: unknown }).payload;
    assert.deepEqual(payload, { tag }, `expected ${tag}, got ${JSON.stringify(payload)} (${(e as Error).message})`);
    return true;
  });
}

// Published vectors.
const SHA256_ABC = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'; // FIPS 180-2 B.1
const SHA512_ABC =
  'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f'; // FIPS 180-2 C.1
// RFC 5869 A.1: HKDF-SHA-256 test case 1.
const HKDF_IKM = '0b'.repeat(22);
const HKDF_SALT = '000102030405060708090a0b0c';
const HKDF_INFO = 'f0f1f2f3f4f5f6f7f8f9';
const HKDF_PRK = '077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5';
const HKDF_OKM42 = '3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865';

describe('errors: crypto-errno is a variant, so errors leave as { tag } payloads', () => {
  test('every core error code maps to the 0.11.0 case of the same name, except timed-out', () => {
    for (const code of ERROR_CODES) assert.equal(errnoOf(code), code === 'timed-out' ? 'algorithm-failure' : code);
  });
  for (const backend of BACKENDS) {
    test(`${backend}: a failing call throws a Wit011Error whose payload is { tag }`, () => {
      const { sym } = make(backend);
      throwsErrno(() => sym.symmetricStateOpen('SHA-1024', undefined, undefined), 'unsupported-algorithm');
      try {
        sym.symmetricStateOpen('SHA-1024', undefined, undefined);
      } catch (e) {
        assert.ok(e instanceof Wit011Error);
        assert.notEqual((e as Wit011Error).payload.tag, 'success');
        assert.match((e as Error).message, /^unsupported-algorithm: [^:]/); // the core's detail, once
      }
    });
  }
});

describe('handles: per-host resource classes; invalid-handle for foreign, wrong-type or closed, closed for a second close', () => {
  for (const backend of BACKENDS) {
    test(`${backend}: foreign, wrong-type, closed and double-closed handles`, () => {
      const a = make(backend);
      const b = make(backend);
      const state = a.sym.symmetricStateOpen('SHA-256', undefined, undefined);
      throwsErrno(() => b.sym.symmetricStateAbsorb(state, utf8('x')), 'invalid-handle'); // another host's
      const key = a.sym.symmetricKeyImport('HMAC/SHA-256', utf8('k'));
      throwsErrno(() => a.sym.symmetricStateAbsorb(key as never, utf8('x')), 'invalid-handle'); // another type
      throwsErrno(() => a.sym.symmetricStateAbsorb({} as never, utf8('x')), 'invalid-handle');
      a.sym.symmetricStateClose(state);
      throwsErrno(() => a.sym.symmetricStateAbsorb(state, utf8('x')), 'invalid-handle'); // closed
      throwsErrno(() => a.sym.symmetricStateClose(state), 'closed');
      a.sym.symmetricKeyClose(key);
      assert.equal(a.host.stats().handles.total, 0);
    });

    test(`${backend}: resources have no constructor; a guest drop ([Symbol.dispose]) releases the handle`, () => {
      const { host, common } = make(backend);
      assert.throws(() => new (common.Options as unknown as new () => object)(), TypeError);
      const o = common.optionsOpen('symmetric');
      assert.equal(host.stats().handles.byKind.options, 1);
      (o as unknown as Disposable)[Symbol.dispose]();
      (o as unknown as Disposable)[Symbol.dispose](); // idempotent
      assert.equal(host.stats().handles.total, 0);
    });

    test(`${backend}: the host's handle limit answers too-many-handles (array outputs count)`, () => {
      const { host, sym, common } = make(backend, { limits: { maxHandles: 2 } });
      const key = sym.symmetricKeyImport('HMAC/SHA-256', utf8('k'));
      const out = sym.symmetricKeyExport(key);
      assert.equal(host.stats().handles.byKind['array-output'], 1);
      throwsErrno(() => sym.symmetricKeyExport(key), 'too-many-handles');
      throwsErrno(() => common.optionsOpen('symmetric'), 'too-many-handles');
      assert.deepEqual(common.arrayOutputPull(out), utf8('k'));
      sym.symmetricKeyClose(key);
      assert.equal(host.stats().handles.total, 0);
    });

    test(`${backend}: disposing the host closes every 0.11.0 handle`, () => {
      const { host, sym } = make(backend);
      const state = sym.symmetricStateOpen('SHA-256', undefined, undefined);
      sym.symmetricKeyExport(sym.symmetricKeyImport('HMAC/SHA-256', utf8('k')));
      assert.equal(host.stats().handles.total, 3);
      host[Symbol.dispose]();
      assert.equal(host.stats().handles.total, 0);
      throwsErrno(() => sym.symmetricStateAbsorb(state, utf8('x')), 'invalid-handle');
    });
  }
});

describe('symmetric-state-squeeze has no length: a default length per algorithm kind', () => {
  for (const backend of BACKENDS) {
    test(`${backend}: hashes give their full digest (FIPS 180-2)`, () => {
      const { sym } = make(backend);
      for (const [alg, expected] of [
        ['SHA-256', SHA256_ABC],
        ['SHA-512', SHA512_ABC],
      ] as const) {
        const s = sym.symmetricStateOpen(alg, undefined, undefined);
        sym.symmetricStateAbsorb(s, utf8('abc'));
        assert.equal(toHex(sym.symmetricStateSqueeze(s)), expected, alg);
        // Squeezing again gives the same digest (the state is finalized on a copy).
        assert.equal(toHex(sym.symmetricStateSqueeze(s)), expected, alg);
        sym.symmetricStateClose(s);
      }
    });

    test(`${backend}: XOFs give their conventional length (SHAKE-128 32 B, SHAKE-256 64 B), as node:crypto`, () => {
      const { sym } = make(backend);
      for (const [alg, node, len] of [
        ['SHAKE-128', 'shake128', 32],
        ['SHAKE-256', 'shake256', 64],
      ] as const) {
        const s = sym.symmetricStateOpen(alg, undefined, undefined);
        sym.symmetricStateAbsorb(s, utf8('abc'));
        const out = sym.symmetricStateSqueeze(s);
        assert.equal(out.length, len);
        assert.equal(toHex(out), createHash(node, { outputLength: len }).update('abc').digest('hex'));
        // A second squeeze continues the output stream.
        const next = sym.symmetricStateSqueeze(s);
        assert.equal(toHex(out) + toHex(next), createHash(node, { outputLength: 2 * len }).update('abc').digest('hex'));
        sym.symmetricStateClose(s);
      }
    });

    test(`${backend}: HKDF extract → squeeze-key → expand squeezes HashLen bytes (RFC 5869 A.1 prefix)`, () => {
      const { sym, common } = make(backend);
      const ikm = sym.symmetricKeyImport('HKDF-EXTRACT/SHA-256', hex(HKDF_IKM));
      const ex = sym.symmetricStateOpen('HKDF-EXTRACT/SHA-256', ikm, undefined);
      sym.symmetricStateAbsorb(ex, hex(HKDF_SALT));
      throwsErrno(() => sym.symmetricStateSqueeze(ex), 'invalid-operation');
      const prk = sym.symmetricStateSqueezeKey(ex, 'HKDF-EXPAND/SHA-256');
      assert.equal(toHex(common.arrayOutputPull(sym.symmetricKeyExport(prk))), HKDF_PRK);
      const exp = sym.symmetricStateOpen('HKDF-EXPAND/SHA-256', prk, undefined);
      sym.symmetricStateAbsorb(exp, hex(HKDF_INFO));
      assert.equal(toHex(sym.symmetricStateSqueeze(exp)), HKDF_OKM42.slice(0, 64));
    });

    test(`${backend}: PBKDF2 squeezes HashLen bytes (as node:crypto); a MAC or AEAD squeeze is invalid-operation`, () => {
      const { sym, common } = make(backend);
      const o = common.optionsOpen('symmetric');
      common.optionsSet(o, 'salt', utf8('salt'));
      common.optionsSetU64(o, 'ops_limit', 1000n);
      const s = sym.symmetricStateOpen('PBKDF2-HMAC/SHA-512', undefined, o);
      sym.symmetricStateAbsorb(s, utf8('password'));
      assert.equal(toHex(sym.symmetricStateSqueeze(s)), pbkdf2Sync('password', 'salt', 1000, 64, 'sha512').toString('hex'));
      const mac = sym.symmetricStateOpen('HMAC/SHA-256', sym.symmetricKeyImport('HMAC/SHA-256', utf8('k')), undefined);
      throwsErrno(() => sym.symmetricStateSqueeze(mac), 'invalid-operation');
    });
  }
});

describe('symmetric-state-decrypt takes out-len (the plaintext length)', () => {
  for (const backend of BACKENDS) {
    test(`${backend}: AEAD — overflow beyond the input, invalid-tag for a wrong split (state still usable), plaintext for the right one`, () => {
      const { sym, common } = make(backend);
      const key = sym.symmetricKeyImport('AES-256-GCM', new Uint8Array(32));
      const o = common.optionsOpen('symmetric');
      common.optionsSet(o, 'nonce', new Uint8Array(12));
      const enc = sym.symmetricStateOpen('AES-256-GCM', key, o);
      const sealed = sym.symmetricStateEncrypt(enc, new Uint8Array(16));
      // NIST GCM test case 14.
      assert.equal(toHex(sealed), 'cea7403d4d606b6e074ec5d3baf39d18' + 'd0d1c8a799996bf0265b98b5d48ab919');
      const dec = sym.symmetricStateOpen('AES-256-GCM', key, o);
      throwsErrno(() => sym.symmetricStateDecrypt(dec, sealed, 33), 'overflow');
      throwsErrno(() => sym.symmetricStateDecrypt(dec, sealed, 15), 'invalid-tag');
      throwsErrno(() => sym.symmetricStateDecrypt(dec, sealed, 0), 'invalid-tag');
      assert.deepEqual(sym.symmetricStateDecrypt(dec, sealed, 16), new Uint8Array(16));
      const tampered = sealed.slice();
      tampered[31]! ^= 1;
      throwsErrno(() => sym.symmetricStateDecrypt(dec, tampered, 16), 'invalid-tag');
    });

    test(`${backend}: cipher — the plaintext must be out-len bytes (CBC padding, as node:crypto), else invalid-length`, () => {
      const { sym, common } = make(backend);
      const k = new Uint8Array(16).fill(7);
      const iv = new Uint8Array(16).fill(9);
      const pt = utf8('0.11.0 out-len');
      const c = createCipheriv('aes-128-cbc', k, iv);
      const ct = new Uint8Array(Buffer.concat([c.update(pt), c.final()]));
      const key = sym.symmetricKeyImport('AES-128-CBC', k);
      const o = common.optionsOpen('symmetric');
      common.optionsSet(o, 'nonce', iv);
      const dec = sym.symmetricStateOpen('AES-128-CBC', key, o);
      throwsErrno(() => sym.symmetricStateDecrypt(dec, ct, ct.length), 'invalid-length');
      assert.deepEqual(sym.symmetricStateDecrypt(dec, ct, pt.length), pt);
    });
  }
});

describe('array-output and symmetric-tag: one pull of the whole content consumes the handle', () => {
  for (const backend of BACKENDS) {
    test(`${backend}: array-output-len, then array-output-pull; a pulled handle is gone`, () => {
      const { host, sym, common } = make(backend);
      const key = sym.symmetricKeyImport('AES-128-GCM', new Uint8Array(16).fill(1));
      const out = sym.symmetricKeyExport(key);
      assert.equal(common.arrayOutputLen(out), 16);
      assert.deepEqual(common.arrayOutputPull(out), new Uint8Array(16).fill(1));
      throwsErrno(() => common.arrayOutputPull(out), 'invalid-handle');
      throwsErrno(() => common.arrayOutputLen(out), 'invalid-handle');
      sym.symmetricKeyClose(key);
      assert.equal(host.stats().handles.total, 0);
    });

    test(`${backend}: symmetric-tag-pull consumes the tag (RFC 4231 #2); tag-verify borrows it`, () => {
      const { host, sym } = make(backend);
      const key = sym.symmetricKeyImport('HMAC/SHA-256', utf8('Jefe'));
      const s = sym.symmetricStateOpen('HMAC/SHA-256', key, undefined);
      sym.symmetricStateAbsorb(s, utf8('what do ya want for nothing?'));
      const tag = sym.symmetricStateSqueezeTag(s);
      sym.symmetricTagVerify(tag, hex('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843'));
      assert.equal(sym.symmetricTagLen(tag), 32);
      assert.equal(toHex(sym.symmetricTagPull(tag)), '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
      throwsErrno(() => sym.symmetricTagPull(tag), 'invalid-handle');
      throwsErrno(() => sym.symmetricTagClose(tag), 'closed');
      sym.symmetricStateClose(s);
      sym.symmetricKeyClose(key);
      assert.equal(host.stats().handles.total, 0);
    });

    test(`${backend}: encrypt-detached reserves its tag handle before encrypting (a full table loses nothing)`, () => {
      const { host, sym, common } = make(backend, { limits: { maxHandles: 3 } });
      const key = sym.symmetricKeyImport('AES-256-GCM', new Uint8Array(32));
      const o = common.optionsOpen('symmetric');
      common.optionsSet(o, 'nonce', new Uint8Array(12));
      const enc = sym.symmetricStateOpen('AES-256-GCM', key, o);
      throwsErrno(() => sym.symmetricStateEncryptDetached(enc, new Uint8Array(16)), 'too-many-handles');
      common.optionsClose(o);
      const [ct, tag] = sym.symmetricStateEncryptDetached(enc, new Uint8Array(16)); // the nonce was not used up
      assert.equal(toHex(ct), 'cea7403d4d606b6e074ec5d3baf39d18');
      assert.equal(toHex(sym.symmetricTagPull(tag)), 'd0d1c8a799996bf0265b98b5d48ab919');
      assert.equal(host.stats().handles.total, 2);
    });
  }
});

describe('options-set-guest-buffer copies the buffer into the byte option of that name', () => {
  for (const backend of BACKENDS) {
    test(`${backend}: a nonce set as a guest buffer is the state's nonce; unknown names are unsupported-option`, () => {
      const { sym, common } = make(backend);
      const o = common.optionsOpen('symmetric');
      const buffer = new Uint8Array(12);
      common.optionsSetGuestBuffer(o, 'nonce', buffer);
      buffer[0] = 1; // the host kept a copy
      const s = sym.symmetricStateOpen('AES-256-GCM', sym.symmetricKeyImport('AES-256-GCM', new Uint8Array(32)), o);
      assert.deepEqual(sym.symmetricStateOptionsGet(s, 'nonce'), new Uint8Array(12));
      assert.equal(toHex(sym.symmetricStateEncrypt(s, new Uint8Array(16))).slice(0, 32), 'cea7403d4d606b6e074ec5d3baf39d18');
      throwsErrno(() => common.optionsSetGuestBuffer(o, 'memory', new Uint8Array(64)), 'unsupported-option');
    });
  }
});

describe('secrets manager, managed keys and external secrets over the core; version = specified(u64)', () => {
  for (const backend of BACKENDS) {
    test(`${backend}: managed symmetric key: generate, id, from-id, replace-managed consumes the old handle even on failure`, () => {
      const { host, sym, common } = make(backend);
      const sm = common.secretsManagerOpen(undefined);
      const k1 = sym.symmetricKeyGenerateManaged(sm, 'AES-256-GCM', undefined);
      const [id, v1] = sym.symmetricKeyId(k1);
      assert.deepEqual(v1, { tag: 'specified', val: 1n });
      const fresh = sym.symmetricKeyImport('AES-256-GCM', new Uint8Array(32).fill(3));
      assert.deepEqual(sym.symmetricKeyReplaceManaged(sm, k1, fresh), { tag: 'specified', val: 2n });
      throwsErrno(() => sym.symmetricKeyId(k1), 'invalid-handle'); // the old handle was taken
      const latest = sym.symmetricKeyFromId(sm, id, { tag: 'latest' });
      assert.deepEqual(sym.symmetricKeyId(latest)[1], { tag: 'specified', val: 2n });
      const other = sym.symmetricKeyImport('HMAC/SHA-256', utf8('k'));
      throwsErrno(() => sym.symmetricKeyReplaceManaged(sm, latest, other), 'incompatible-keys');
      throwsErrno(() => sym.symmetricKeyId(latest), 'invalid-handle'); // closed although it failed
      throwsErrno(() => sym.symmetricKeyId(other), 'unsupported-feature'); // not managed
      common.secretsManagerInvalidate(sm, id, { tag: 'all' });
      throwsErrno(() => sym.symmetricKeyFromId(sm, id, { tag: 'latest' }), 'not-found');
      for (const h of [fresh, other]) sym.symmetricKeyClose(h);
      common.secretsManagerClose(sm);
      assert.equal(host.stats().handles.total, 0);
    });

    test(`${backend}: managed key pair round trip; external secrets store/from-id/encapsulate; replace is unsupported-feature`, () => {
      const { sym, asym, common, ext } = make(backend);
      const sm = common.secretsManagerOpen(undefined);
      const kp = asym.keypairGenerateManaged(sm, 'signatures', 'Ed25519', undefined);
      const [kpId, kpV] = asym.keypairId(kp);
      assert.deepEqual(kpV, { tag: 'specified', val: 1n });
      const again = asym.keypairFromId(sm, kpId, { tag: 'specified', val: 1n });
      assert.deepEqual(
        common.arrayOutputPull(asym.publickeyExport(asym.keypairPublickey(again), 'raw')),
        common.arrayOutputPull(asym.publickeyExport(asym.keypairPublickey(kp), 'raw')),
      );
      const expiration = BigInt(Math.floor(Date.now() / 1000) + 3600);
      const secretId = ext.externalSecretStore(sm, utf8('api token'), expiration);
      assert.deepEqual(common.arrayOutputPull(ext.externalSecretFromId(sm, secretId, { tag: 'latest' })), utf8('api token'));
      const blob = common.arrayOutputPull(ext.externalSecretEncapsulate(sm, utf8('s3cret'), expiration));
      assert.deepEqual(common.arrayOutputPull(ext.externalSecretDecapsulate(sm, blob)), utf8('s3cret'));
      throwsErrno(() => ext.externalSecretReplace(sm, utf8('new'), expiration), 'unsupported-feature');
      throwsErrno(() => ext.externalSecretReplace(sym.symmetricKeyImport('HMAC/SHA-256', utf8('k')) as never, utf8('new'), expiration), 'invalid-handle');
      ext.externalSecretInvalidate(sm, secretId, { tag: 'all' });
      throwsErrno(() => ext.externalSecretFromId(sm, secretId, { tag: 'latest' }), 'not-found');
    });
  }
});

describe('signatures and key exchange through 0.11.0 shapes', () => {
  for (const backend of BACKENDS) {
    test(`${backend}: Ed25519 RFC 8032 TEST 1 through signature-state (no options parameter)`, () => {
      const { sig, asym, common } = make(backend);
      const kp = asym.keypairImport(
        'signatures',
        'Ed25519',
        hex('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a'),
        'raw',
      );
      const st = sig.signatureStateOpen(kp);
      sig.signatureStateUpdate(st, new Uint8Array(0));
      const s = sig.signatureStateSign(st);
      assert.equal(
        toHex(common.arrayOutputPull(sig.signatureExport(s, 'raw'))),
        'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
      );
    });

    test(`${backend}: X25519 RFC 7748 6.1 via kx-dh; ML-KEM-768 encapsulate gives two array outputs (secret, ciphertext)`, () => {
      const { kx, asym, common, host } = make(backend);
      const aliceSk = asym.secretkeyImport('key-exchange', 'X25519', hex('77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a'), 'raw');
      const bobPk = asym.publickeyImport('key-exchange', 'X25519', hex('de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f'), 'raw');
      assert.equal(toHex(common.arrayOutputPull(kx.kxDh(bobPk, aliceSk))), '4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742');
      const kp = asym.keypairGenerate('key-exchange', 'ML-KEM-768', undefined);
      const [secret, ct] = kx.kxEncapsulate(asym.keypairPublickey(kp));
      assert.equal(common.arrayOutputLen(ct), 1088);
      const s1 = common.arrayOutputPull(secret);
      const s2 = common.arrayOutputPull(kx.kxDecapsulate(asym.keypairSecretkey(kp), common.arrayOutputPull(ct)));
      assert.equal(s1.length, 32);
      assert.deepEqual(s1, s2);
      throwsErrno(() => kx.kxEncapsulate(bobPk), 'invalid-operation');
      assert.equal(host.stats().handles.byKind['array-output'], undefined);
    });
  }
});

test('the portable host (host/src/portable.ts, noble only, no Node imports) serves 0.11.0 too', () => {
  using host = createPortableHost();
  const sym = host.getImportObject()['wasi:crypto/wasi-ephemeral-crypto-symmetric'];
  const s = sym.symmetricStateOpen('SHA-256', undefined, undefined);
  sym.symmetricStateAbsorb(s, utf8('abc'));
  assert.equal(toHex(sym.symmetricStateSqueeze(s)), SHA256_ABC);
  sym.symmetricStateClose(s);
});

describe('batch interfaces (draft, outside upstream\'s world): every function answers not-implemented', () => {
  test('each of the 8 batch functions', () => {
    const { sym, sigBatch, symBatch } = make('node');
    const s = sym.symmetricStateOpen('SHA-256', undefined, undefined);
    throwsErrno(() => symBatch.batchSymmetricStateSqueeze([s]), 'not-implemented');
    throwsErrno(() => symBatch.batchSymmetricStateSqueezeTag([s]), 'not-implemented');
    throwsErrno(() => symBatch.batchSymmetricStateEncrypt([[s, new Uint8Array(1)]]), 'not-implemented');
    throwsErrno(() => symBatch.batchSymmetricStateEncryptDetached([[s, new Uint8Array(1)]]), 'not-implemented');
    throwsErrno(() => symBatch.batchSymmetricStateDecrypt([[s, new Uint8Array(1)]]), 'not-implemented');
    throwsErrno(() => symBatch.batchSymmetricStateDecryptDetached([[s, new Uint8Array(1), new Uint8Array(16)]]), 'not-implemented');
    throwsErrno(() => sigBatch.batchSignatureStateSign([]), 'not-implemented');
    throwsErrno(() => sigBatch.batchSignatureStateVerify([]), 'not-implemented');
    sym.symmetricStateAbsorb(s, utf8('abc'));
    assert.equal(toHex(sym.symmetricStateSqueeze(s)), SHA256_ABC); // only borrowed
  });
});
