/**
 * Seed 004's secrets manager, managed keys and external secrets, function by function, through the
 * interface layer: every documented error in the case it names (docs/key-management.md).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BACKENDS, drop, makeHost, throwsCode, utf8 } from './helpers.js';

const latest = { tag: 'latest' } as const;
const all = { tag: 'all' } as const;
const exact = (n: number) => ({ tag: 'exact', val: BigInt(n) }) as const;

for (const backend of BACKENDS) {
  describe(`secrets manager (${backend} backend)`, () => {
    test('managed symmetric keys: generate, id, from-id, replace (versions), invalidate', () => {
      const { host, common, symmetric } = makeHost(backend);
      const sm = common.SecretsManager.open(undefined);
      const opts = new common.Options('symmetric');
      opts.setU64('permissions', 0x7ffn); // exportable, so the test can compare bytes
      const k1 = symmetric.SymmetricKey.generateManaged(sm, 'AES-256-GCM', opts);
      const [id, v1] = k1.id();
      assert.equal(id.length, 16);
      assert.deepEqual(v1, exact(1));
      const again = symmetric.SymmetricKey.fromId(sm, id, latest);
      assert.deepEqual(again.export(), k1.export());
      const k2 = symmetric.SymmetricKey.generate('AES-256-GCM', undefined);
      assert.deepEqual(k1.replaceManaged(sm, k2), exact(2));
      assert.deepEqual(symmetric.SymmetricKey.fromId(sm, id, latest).export(), k2.export(), 'latest is the replacement');
      assert.deepEqual(symmetric.SymmetricKey.fromId(sm, id, { tag: 'unspecified' }).export(), k2.export());
      assert.deepEqual(symmetric.SymmetricKey.fromId(sm, id, exact(1)).export(), k1.export(), 'old versions stay');
      throwsCode(() => symmetric.SymmetricKey.fromId(sm, id, all), 'invalid-operation');
      throwsCode(() => symmetric.SymmetricKey.fromId(sm, id, exact(3)), 'not-found');
      throwsCode(() => symmetric.SymmetricKey.fromId(sm, new Uint8Array(16), latest), 'not-found');
      throwsCode(() => symmetric.SymmetricKey.fromId(sm, Uint8Array.of(1, 2), latest), 'not-found');
      // another algorithm → incompatible-keys; an unmanaged key → unsupported-feature
      const hk = symmetric.SymmetricKey.generate('HMAC/SHA-256', undefined);
      throwsCode(() => k1.replaceManaged(sm, hk), 'incompatible-keys');
      throwsCode(() => k2.replaceManaged(sm, k1), 'unsupported-feature');
      throwsCode(() => k2.id(), 'unsupported-feature');
      // invalidate one version, then all
      sm.invalidate(id, exact(1));
      throwsCode(() => symmetric.SymmetricKey.fromId(sm, id, exact(1)), 'not-found');
      drop(symmetric.SymmetricKey.fromId(sm, id, exact(2)));
      sm.invalidate(id, all);
      throwsCode(() => symmetric.SymmetricKey.fromId(sm, id, latest), 'not-found');
      throwsCode(() => sm.invalidate(id, latest), 'not-found');
      drop(k1, k2, hk, again, opts, sm);
      assert.ok(host.admin.listKeys('symmetric').length === 0);
    });

    test('store-managed copies an ephemeral key; managed keys default to no export', () => {
      const { common, symmetric } = makeHost(backend);
      const sm = common.SecretsManager.open(undefined);
      const key = symmetric.SymmetricKey.import('HMAC/SHA-256', utf8('0123456789abcdef0123456789abcdef'));
      const id = key.storeManaged(sm);
      const loaded = symmetric.SymmetricKey.fromId(sm, id, latest);
      assert.deepEqual(loaded.mac(utf8('m')), key.mac(utf8('m')));
      assert.deepEqual(loaded.id(), [id, exact(1)]);
      const gen = symmetric.SymmetricKey.generateManaged(sm, 'AES-128-GCM', undefined);
      assert.equal(gen.permissions().export, false);
      assert.equal(gen.permissions().encrypt, true);
      throwsCode(() => gen.export(), 'prohibited-operation');
      drop(key, loaded, gen, sm);
    });

    test('managed key pairs: generate, store, replace, from-id, invalidate', () => {
      const { common, asym, signatures } = makeHost(backend);
      const sm = common.SecretsManager.open(undefined);
      const kp = asym.Keypair.generateManaged(sm, 'signatures', 'Ed25519', undefined);
      const [id, v] = kp.id();
      assert.deepEqual(v, exact(1));
      const pk = kp.publickey();
      const sig = signatures.sign(kp, utf8('hello'));
      const loaded = asym.Keypair.fromId(sm, id, latest);
      signatures.verify(loaded.publickey(), utf8('hello'), sig);
      const other = asym.Keypair.generate('signatures', 'Ed25519', undefined);
      assert.deepEqual(kp.replaceManaged(sm, other), exact(2));
      const x = asym.Keypair.generate('key-exchange', 'X25519', undefined);
      throwsCode(() => kp.replaceManaged(sm, x), 'incompatible-keys');
      throwsCode(() => other.id(), 'unsupported-feature');
      const stored = other.storeManaged(sm);
      assert.notDeepEqual(stored, id);
      sm.invalidate(id, all);
      throwsCode(() => asym.Keypair.fromId(sm, id, latest), 'not-found');
      drop(kp, pk, loaded, other, x, sm);
    });

    test('external secrets: store, replace, from-id, expiration, invalidate, encapsulate', () => {
      const { common, external } = makeHost(backend);
      const sm = common.SecretsManager.open(undefined);
      const future = BigInt(Math.floor(Date.now() / 1000) + 3600);
      const id = external.store(sm, utf8('s1'), future);
      assert.deepEqual(external.fromId(sm, id, latest), utf8('s1'));
      assert.deepEqual(external.replace(sm, id, utf8('s2'), future), exact(2));
      assert.deepEqual(external.fromId(sm, id, exact(1)), utf8('s1'));
      assert.deepEqual(external.fromId(sm, id, latest), utf8('s2'));
      throwsCode(() => external.store(sm, utf8('x'), 1n), 'expired');
      throwsCode(() => external.replace(sm, new Uint8Array(16), utf8('x'), future), 'not-found');
      external.invalidate(sm, id, exact(1));
      throwsCode(() => external.fromId(sm, id, exact(1)), 'not-found');
      external.invalidate(sm, id, all);
      throwsCode(() => external.fromId(sm, id, latest), 'not-found');
      const blob = external.encapsulate(sm, utf8('wrapped secret'), future);
      assert.deepEqual(external.decapsulate(sm, blob), utf8('wrapped secret'));
      const bad = Uint8Array.from(blob);
      bad[bad.length - 1]! ^= 1;
      throwsCode(() => external.decapsulate(sm, bad), 'verification-failed');
      throwsCode(() => external.decapsulate(sm, utf8('nonsense')), 'verification-failed');
      drop(sm);
    });

    test('secrets-manager.open reads no options', () => {
      const { common } = makeHost(backend);
      const o = new common.Options('symmetric');
      o.set('context', utf8('x'));
      throwsCode(() => common.SecretsManager.open(o), 'unsupported-option');
      drop(o);
    });
  });
}

test('expired external secrets answer `expired`', async () => {
  const { common, external } = makeHost('node');
  const sm = common.SecretsManager.open(undefined);
  const soon = BigInt(Math.floor(Date.now() / 1000) + 1);
  const id = external.store(sm, utf8('short-lived'), soon);
  const blob = external.encapsulate(sm, utf8('short-lived'), soon);
  await new Promise((r) => setTimeout(r, 2100));
  throwsCode(() => external.fromId(sm, id, latest), 'expired');
  throwsCode(() => external.decapsulate(sm, blob), 'expired');
  drop(sm);
});
