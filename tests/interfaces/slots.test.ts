/**
 * Key slots (seed 000) through the interface layer: info, load for each algorithm of a family,
 * generate-on-first-use, persist (copy semantics, import permission, subset rule, occupied and
 * replace), clear, locked, volatile vs persistent, and provisioning that fails as a whole.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { createCryptoHost, PERMISSION, type SlotSpec } from '../../host/src/index.js';
import { drop, hex, throwsCode, toHex, utf8 } from './helpers.js';

const P = PERMISSION;
const spec = (s: Partial<SlotSpec> & Pick<SlotSpec, 'name' | 'family'>): SlotSpec => ({
  permissions: 0x7ff,
  persistence: 'persistent',
  key: { kind: 'none' },
  locked: false,
  replace: false,
  ...s,
});

function slotsOf(host: ReturnType<typeof createCryptoHost>) {
  const i = host.getImportObject();
  return { slots: i['wasi:crypto/key-slots'], symmetric: i['wasi:crypto/symmetric'], asym: i['wasi:crypto/asymmetric-common'], signatures: i['wasi:crypto/signatures'], kx: i['wasi:crypto/kx'] };
}

describe('key slots', () => {
  test('a pre-deployed AES-256 key serves GCM, CBC and CMAC with the slot permissions; other families are refused', () => {
    const raw = hex('00'.repeat(31) + '01');
    using host = createCryptoHost({ slots: [spec({ name: 'aes', family: 'AES-256', permissions: P.encrypt | P.decrypt | P.mac, key: { kind: 'bytes', bytes: raw, source: 'test' } })] });
    const { slots, symmetric } = slotsOf(host);
    const slot = slots.Slot.open('aes');
    const info = slot.info();
    assert.equal(info.family, 'AES-256');
    assert.equal(info.occupied, true);
    assert.equal(info.version, 1n);
    assert.equal(info.permissions.encrypt, true);
    assert.equal(info.permissions.export, false);
    const gcm = slot.loadSymmetric('AES-256-GCM');
    const ref = symmetric.SymmetricKey.import('AES-256-GCM', raw);
    const nonce = new Uint8Array(12);
    assert.equal(toHex(gcm.seal(nonce, new Uint8Array(0), utf8('hi'))), toHex(ref.seal(nonce, new Uint8Array(0), utf8('hi'))));
    const cmac = slot.loadSymmetric('aes-256-cmac');
    assert.equal(toHex(cmac.mac(utf8('m'))), toHex(symmetric.SymmetricKey.import('AES-256-CMAC', raw).mac(utf8('m'))));
    throwsCode(() => gcm.export(), 'prohibited-operation');
    throwsCode(() => slot.loadSymmetric('AES-128-GCM'), 'invalid-key');
    throwsCode(() => slot.loadSymmetric('HMAC/SHA-256'), 'invalid-key');
    throwsCode(() => slot.loadKeypair('signatures', 'Ed25519'), 'invalid-key');
    throwsCode(() => slot.loadSymmetric('NO-SUCH'), 'unsupported-algorithm');
    throwsCode(() => slots.Slot.open('missing'), 'not-found');
    drop(gcm, cmac, ref, slot);
  });

  test('generate-on-first-use, store (copy, import, subset, occupied/replace), clear, locked', () => {
    using host = createCryptoHost({
      slots: [
        spec({ name: 'gen', family: 'ECDSA-P256', permissions: P.sign | P.verify | P.agree, key: { kind: 'generate' } }),
        spec({ name: 'in', family: 'HMAC-SHA256', permissions: P.mac | P.import }),
        spec({ name: 'repl', family: 'HMAC-SHA256', permissions: P.mac | P.import, replace: true }),
        spec({ name: 'noimport', family: 'HMAC-SHA256', permissions: P.mac }),
        spec({ name: 'locked', family: 'X25519', permissions: 0x7ff, locked: true, key: { kind: 'generate' } }),
      ],
    });
    const { slots, symmetric, asym, signatures, kx } = slotsOf(host);
    const gen = slots.Slot.open('gen');
    assert.equal(gen.info().occupied, false, 'generated on first use, not at start');
    const kp = gen.loadKeypair('signatures', 'ECDSA_P256_SHA256');
    assert.equal(gen.info().occupied, true);
    const again = gen.loadKeypair('signatures', 'ECDSA_P256_SHA256');
    assert.equal(toHex(kp.publickey().export('sec')), toHex(again.publickey().export('sec')), 'the same key both times');
    const sig = signatures.sign(kp, utf8('msg'));
    signatures.verify(again.publickey(), utf8('msg'), sig);
    // The same key serves ECDH too.
    const ecdh = gen.loadKeypair('key-exchange', 'P256-SHA256');
    const peer = asym.Keypair.generate('key-exchange', 'P256-SHA256', undefined);
    assert.equal(toHex(kx.dh(peer.publickey(), ecdh.secretkey())), toHex(kx.dh(ecdh.publickey(), peer.secretkey())));

    const mac = symmetric.SymmetricKey.import('HMAC/SHA-256', utf8('k'.repeat(32)));
    const slotIn = slots.Slot.open('in');
    throwsCode(() => slotIn.storeSymmetric(mac), 'prohibited-operation'); // the key has more permissions than the slot
    const narrow = mac.restrict({ mac: true });
    slotIn.storeSymmetric(narrow);
    assert.equal(slotIn.info().version, 1n);
    throwsCode(() => slotIn.storeSymmetric(narrow), 'invalid-operation'); // occupied, no replace
    drop(mac); // copy semantics: the slot keeps its own bytes
    const fromSlot = slotIn.loadSymmetric('HMAC/SHA-256');
    assert.equal(toHex(fromSlot.mac(utf8('x'))), toHex(narrow.mac(utf8('x'))));
    slotIn.clear();
    throwsCode(() => slotIn.clear(), 'not-found');
    throwsCode(() => slotIn.loadSymmetric('HMAC/SHA-256'), 'not-found');

    const repl = slots.Slot.open('repl');
    repl.storeSymmetric(narrow);
    repl.storeSymmetric(narrow);
    assert.equal(repl.info().version, 2n);
    throwsCode(() => slots.Slot.open('noimport').storeSymmetric(narrow), 'prohibited-operation');
    const aes = symmetric.SymmetricKey.generate('AES-256-GCM', undefined).restrict({ mac: true });
    throwsCode(() => repl.storeSymmetric(aes), 'invalid-key');

    const locked = slots.Slot.open('locked');
    assert.equal(locked.info().locked, true);
    locked.loadKeypair('key-exchange', 'X25519');
    throwsCode(() => locked.clear(), 'prohibited-operation');
    const x = asym.Keypair.generate('key-exchange', 'X25519', undefined);
    throwsCode(() => locked.storeKeypair(x), 'prohibited-operation');
    drop(gen, kp, again, ecdh, peer, slotIn, narrow, fromSlot, repl, aes, locked, x);
  });

  test('persistent slots survive the host; volatile ones do not', () => {
    const dir = mkdtempSync(join(tmpdir(), 'slots-'));
    try {
      const kek = new Uint8Array(32).fill(7);
      const specs = [
        spec({ name: 'p', family: 'Ed25519', key: { kind: 'generate' } }),
        spec({ name: 'v', family: 'Ed25519', persistence: 'volatile', key: { kind: 'generate' } }),
      ];
      const pub = (h: ReturnType<typeof createCryptoHost>, n: string) => toHex(slotsOf(h).slots.Slot.open(n).loadKeypair('signatures', 'Ed25519').publickey().export('raw'));
      let p1: string;
      let v1: string;
      {
        using h = createCryptoHost({ keystore: { file: join(dir, 'k.db'), kek }, slots: specs });
        p1 = pub(h, 'p');
        v1 = pub(h, 'v');
      }
      {
        using h = createCryptoHost({ keystore: { file: join(dir, 'k.db'), kek }, slots: specs });
        assert.equal(pub(h, 'p'), p1, 'the persistent slot kept its key');
        assert.notEqual(pub(h, 'v'), v1, 'the volatile slot made a new one');
        assert.deepEqual(h.admin.listSlots().map((s) => s.name), ['p', 'v']);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a pre-deployed key that does not fit its family stops the host from starting', () => {
    assert.throws(
      () => createCryptoHost({ slots: [spec({ name: 'bad', family: 'ECDSA-P256', key: { kind: 'bytes', bytes: utf8('not a key'), source: 'file bad.pk8' } })] }),
      /slot bad: the key from file bad\.pk8 is not a ECDSA-P256 key/,
    );
    assert.throws(() => createCryptoHost({ slots: [spec({ name: 'a', family: 'AES-128' }), spec({ name: 'a', family: 'AES-128' })] }), /provisioned twice/);
  });
});
