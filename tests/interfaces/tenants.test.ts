/**
 * Tenants through the interface layer (docs/key-management.md §Persistence: "Every id is
 * namespaced by the tenant: another tenant's ids answer `not-found`"): a host of tenant B gets
 * `not-found` for every id of tenant A — managed symmetric keys, managed key pairs, external
 * secrets; `from-id` with latest / unspecified / exact; `invalidate`; `replace` — and touches
 * nothing of A's. In memory (two hosts with their own stores, and two hosts on one shared
 * in-memory store) and on disk (two hosts on one SQLite keystore file with different tenants,
 * open at the same time and one after the other). A host of A's tenant on the same store is the
 * positive control: it sees everything, so the not-founds are not vacuous.
 *
 * Then: after a run that stores keys with known bytes (exported first: they are made exportable
 * with the `permissions` option), the keystore files (main, -wal, -shm) never contain those bytes,
 * in raw, hex or base64 form, nor the KEK.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { SecretsManager, Version } from '../../host/generated/interfaces/wasi-crypto-common.js';
import { createMemoryStore, type KeyStore, type SlotSpec } from '../../host/src/index.js';
import { BACKENDS, drop, makeHost, throwsCode, toHex, utf8 } from './helpers.js';

type Host = ReturnType<typeof makeHost>;

const latest: Version = { tag: 'latest' };
const unspecified: Version = { tag: 'unspecified' };
const all: Version = { tag: 'all' };
const exact = (n: number): Version => ({ tag: 'exact', val: BigInt(n) });
const FAR_FUTURE = BigInt(Math.floor(Date.now() / 1000) + 10 * 365 * 86400);

const TMP = mkdtempSync(join(tmpdir(), 'wasi-crypto-tenants-'));
after(() => rmSync(TMP, { recursive: true, force: true }));
let fileCounter = 0;
const newKeystore = () => join(TMP, `keys-${process.pid}-${++fileCounter}.db`);
const KEK = Uint8Array.from({ length: 32 }, (_, i) => 0xc0 ^ i);

/** Known key bytes: distinctive, so a search of the files cannot hit by chance. */
const HMAC_BYTES = Uint8Array.from({ length: 32 }, (_, i) => (i * 37 + 11) & 0xff);
const SECRET_V1 = utf8('tenant-A external secret v1: 7f3c9a1e55d2b804');
const SECRET_V2 = utf8('tenant-A external secret v2: e8a1044bd97c3f62');

/** What tenant A stored, with the bytes it exported. */
interface Stored {
  aesId: Uint8Array;
  aesV1: Uint8Array;
  aesV2: Uint8Array;
  hmacId: Uint8Array;
  kpId: Uint8Array;
  kpPkcs8: Uint8Array;
  kpSeed: Uint8Array;
  secretId: Uint8Array;
  blob: Uint8Array;
}

function exportable(h: Host) {
  const o = new h.common.Options('symmetric');
  o.setU64('permissions', 0x7ffn);
  return o;
}

/** Stores one of each kind (two versions where the kind has versions) and returns ids and bytes. */
function populate(h: Host): Stored {
  const sm = h.common.SecretsManager.open(undefined);
  const o = exportable(h);
  const aes = h.symmetric.SymmetricKey.generateManaged(sm, 'AES-256-GCM', o);
  const [aesId] = aes.id();
  const aes2 = h.symmetric.SymmetricKey.generate('AES-256-GCM', o);
  assert.deepEqual(aes.replaceManaged(sm, aes2), exact(2));
  const hmac = h.symmetric.SymmetricKey.import('HMAC/SHA-256', HMAC_BYTES);
  const hmacId = hmac.storeManaged(sm);
  const ko = new h.common.Options('signatures');
  ko.setU64('permissions', 0x7ffn);
  const kp = h.asym.Keypair.generateManaged(sm, 'signatures', 'Ed25519', ko);
  const [kpId] = kp.id();
  const secretId = h.external.store(sm, SECRET_V1, FAR_FUTURE);
  assert.deepEqual(h.external.replace(sm, secretId, SECRET_V2, FAR_FUTURE), exact(2));
  const blob = h.external.encapsulate(sm, SECRET_V1, FAR_FUTURE);
  const out: Stored = {
    aesId,
    aesV1: aes.export(),
    aesV2: aes2.export(),
    hmacId,
    kpId,
    kpPkcs8: kp.export('pkcs8'),
    kpSeed: kp.export('raw').subarray(0, 32),
    secretId,
    blob,
  };
  drop(kp, ko, hmac, aes2, aes, o, sm);
  return out;
}

/** Every way to reach an id of A from host `h` (another tenant): each must answer not-found. */
function assertNotFound(h: Host, s: Stored, what: string): void {
  const sm = h.common.SecretsManager.open(undefined);
  const nf = (fn: () => unknown, label: string) => {
    try {
      const v = fn();
      if (v && typeof (v as Disposable)[Symbol.dispose] === 'function') drop(v);
    } catch (e) {
      assert.equal((e as { payload?: unknown }).payload, 'not-found', `${what}: ${label}: expected not-found, got ${String((e as { payload?: unknown }).payload ?? e)}`);
      return;
    }
    assert.fail(`${what}: ${label}: expected not-found, but it succeeded`);
  };
  for (const [name, id] of [
    ['managed AES key', s.aesId],
    ['stored HMAC key', s.hmacId],
  ] as const) {
    for (const [vn, v] of [['latest', latest], ['unspecified', unspecified], ['exact(1)', exact(1)], ['exact(2)', exact(2)]] as const) {
      nf(() => h.symmetric.SymmetricKey.fromId(sm, id, v), `symmetric from-id ${name} ${vn}`);
    }
  }
  for (const [vn, v] of [['latest', latest], ['unspecified', unspecified], ['exact(1)', exact(1)]] as const) {
    nf(() => h.asym.Keypair.fromId(sm, s.kpId, v), `keypair from-id ${vn}`);
  }
  for (const [vn, v] of [['latest', latest], ['unspecified', unspecified], ['exact(1)', exact(1)], ['exact(2)', exact(2)]] as const) {
    nf(() => h.external.fromId(sm, s.secretId, v), `external from-id ${vn}`);
  }
  nf(() => h.external.replace(sm, s.secretId, utf8('overwrite'), FAR_FUTURE), 'external replace');
  for (const [vn, v] of [['exact(1)', exact(1)], ['latest', latest], ['all', all]] as const) {
    nf(() => sm.invalidate(s.aesId, v), `invalidate managed AES key ${vn}`);
    nf(() => sm.invalidate(s.hmacId, v), `invalidate stored HMAC key ${vn}`);
    nf(() => sm.invalidate(s.kpId, v), `invalidate key pair ${vn}`);
    nf(() => h.external.invalidate(sm, s.secretId, v), `invalidate external secret ${vn}`);
  }
  // The embedder's view of this tenant has none of A's records either.
  const ids = new Set([s.aesId, s.hmacId, s.kpId, s.secretId].map(toHex));
  const seen = h.host.admin.listKeys().filter((m) => ids.has(m.id));
  assert.deepEqual(seen, [], `${what}: admin.listKeys shows another tenant's records`);
  for (const id of ids) {
    for (const kind of ['symmetric', 'keypair', 'external'] as const) {
      assert.deepEqual(h.host.admin.inspectKey(kind, id), [], `${what}: admin.inspectKey(${kind}, ${id})`);
      assert.equal(h.host.admin.deleteKey(kind, id), 0, `${what}: admin.deleteKey(${kind}, ${id}) deleted another tenant's record`);
    }
  }
  drop(sm);
}

/** A's own view: every id, every version, the same bytes (after B tried to invalidate them). */
function assertVisible(h: Host, s: Stored, what: string): void {
  const sm = h.common.SecretsManager.open(undefined);
  const sym = (id: Uint8Array, v: Version) => {
    const k = h.symmetric.SymmetricKey.fromId(sm, id, v);
    const b = k.export();
    drop(k);
    return toHex(b);
  };
  assert.equal(sym(s.aesId, exact(1)), toHex(s.aesV1), `${what}: AES v1`);
  assert.equal(sym(s.aesId, latest), toHex(s.aesV2), `${what}: AES latest`);
  // store-managed of an imported key: all permissions, so exportable (unless the host narrows it).
  const hk = h.symmetric.SymmetricKey.fromId(sm, s.hmacId, latest);
  const ref = h.symmetric.SymmetricKey.import('HMAC/SHA-256', HMAC_BYTES);
  assert.equal(toHex(hk.mac(utf8('m'))), toHex(ref.mac(utf8('m'))), `${what}: stored HMAC key`);
  const kp = h.asym.Keypair.fromId(sm, s.kpId, latest);
  assert.equal(toHex(kp.export('pkcs8')), toHex(s.kpPkcs8), `${what}: key pair`);
  assert.equal(toHex(h.external.fromId(sm, s.secretId, exact(1))), toHex(SECRET_V1), `${what}: secret v1`);
  assert.equal(toHex(h.external.fromId(sm, s.secretId, latest)), toHex(SECRET_V2), `${what}: secret latest`);
  assert.equal(toHex(h.external.decapsulate(sm, s.blob)), toHex(SECRET_V1), `${what}: encapsulated secret`);
  drop(kp, ref, hk, sm);
}

function smOf(h: Host): SecretsManager {
  return h.common.SecretsManager.open(undefined);
}

for (const backend of BACKENDS) {
  describe(`tenants (${backend} backend)`, () => {
    test('in memory: two hosts have separate stores, even with the same tenant', () => {
      const a = makeHost(backend);
      const b = makeHost(backend);
      const s = populate(a);
      assertNotFound(b, s, 'second host, own store');
      assertVisible(a, s, 'first host');
      // An encapsulated secret is bound to its store: another host's store cannot open it.
      const sm = smOf(b);
      throwsCode(() => b.external.decapsulate(sm, s.blob), 'verification-failed');
      drop(sm);
      a.host[Symbol.dispose]();
      b.host[Symbol.dispose]();
    });

    test('in memory, one shared store: tenant B gets not-found for every id of tenant A', () => {
      const store: KeyStore = createMemoryStore();
      const a = makeHost(backend, { store, tenant: 'alpha' });
      const b = makeHost(backend, { store, tenant: 'beta' });
      const s = populate(a);
      assertNotFound(b, s, 'tenant beta, shared memory store');
      // B's own keys are B's: A does not see them either.
      const sb = populate(b);
      assertNotFound(a, sb, 'tenant alpha looking at beta, shared memory store');
      // Positive control: another host of tenant alpha on the same store sees everything, and
      // B's failed invalidations removed nothing.
      const a2 = makeHost(backend, { store, tenant: 'alpha' });
      assertVisible(a2, s, 'second host of alpha, shared memory store');
      assertVisible(b, sb, 'beta sees its own');
      // Encapsulated secrets bind the tenant: beta cannot open alpha's blob.
      const smb = smOf(b);
      throwsCode(() => b.external.decapsulate(smb, s.blob), 'verification-failed');
      drop(smb);
      for (const h of [a, a2, b]) h.host[Symbol.dispose]();
    });

    test('tenant names are exact: a prefix, a suffix or another case is another tenant', () => {
      const store = createMemoryStore();
      const a = makeHost(backend, { store, tenant: 'acme' });
      const s = populate(a);
      for (const t of ['acme ', 'acm', 'acme2', 'ACME', 'default', '["acme"]']) {
        const o = makeHost(backend, { store, tenant: t });
        assertNotFound(o, s, `tenant ${JSON.stringify(t)}`);
        o.host[Symbol.dispose]();
      }
      a.host[Symbol.dispose]();
    });

    test('on disk: two hosts on one keystore file with different tenants, open together and one after the other', () => {
      const file = newKeystore();
      const a = makeHost(backend, { keystore: { file, kek: KEK }, tenant: 'alpha' });
      const b = makeHost(backend, { keystore: { file, kek: KEK }, tenant: 'beta' });
      const s = populate(a);
      assertNotFound(b, s, 'beta, same file, open together');
      const sb = populate(b);
      assertNotFound(a, sb, 'alpha looking at beta, same file');
      const smb = smOf(b);
      throwsCode(() => b.external.decapsulate(smb, s.blob), 'verification-failed');
      drop(smb);
      a.host[Symbol.dispose]();
      b.host[Symbol.dispose]();

      // Later, one after the other: beta first (its attempts change nothing), then alpha.
      const b2 = makeHost(backend, { keystore: { file, kek: KEK }, tenant: 'beta' });
      assertNotFound(b2, s, 'beta, reopened');
      assertVisible(b2, sb, 'beta sees its own after reopening');
      b2.host[Symbol.dispose]();
      const a2 = makeHost(backend, { keystore: { file, kek: KEK }, tenant: 'alpha' });
      assertVisible(a2, s, 'alpha, reopened');
      // A host without a tenant is the "default" tenant: it sees neither.
      const d = makeHost(backend, { keystore: { file, kek: KEK } });
      assertNotFound(d, s, 'default tenant');
      assertNotFound(d, sb, 'default tenant');
      d.host[Symbol.dispose]();
      a2.host[Symbol.dispose]();
    });

    test('on disk: persistent slots are per tenant', () => {
      const file = newKeystore();
      const slots: SlotSpec[] = [
        { name: 'shared/aes', family: 'AES-256', permissions: 0x7ff, persistence: 'persistent', key: { kind: 'generate' }, locked: false, replace: true },
      ];
      const slotKey = (tenant: string): string => {
        const h = makeHost(backend, { keystore: { file, kek: KEK }, tenant, slots });
        const slot = h.host.getImportObject()['wasi:crypto/key-slots'].Slot.open('shared/aes');
        const k = slot.loadSymmetric('AES-256-GCM');
        const out = toHex(k.export());
        drop(k, slot);
        h.host[Symbol.dispose]();
        return out;
      };
      const a1 = slotKey('alpha');
      const b1 = slotKey('beta');
      assert.notEqual(a1, b1, 'two tenants share a persistent slot key');
      assert.equal(slotKey('alpha'), a1, 'alpha gets its slot key back');
      assert.equal(slotKey('beta'), b1, 'beta gets its slot key back');
    });

    test('the keystore files (main, -wal, -shm) never hold the stored key bytes or the KEK', () => {
      const file = newKeystore();
      const a = makeHost(backend, { keystore: { file, kek: KEK }, tenant: 'alpha' });
      const b = makeHost(backend, { keystore: { file, kek: KEK }, tenant: 'beta' });
      const s = populate(a);
      const sb = populate(b);
      const needles: [string, Uint8Array][] = [];
      for (const [who, x] of [['alpha', s], ['beta', sb]] as const) {
        needles.push(
          [`${who} AES v1`, x.aesV1],
          [`${who} AES v2`, x.aesV2],
          [`${who} Ed25519 seed`, x.kpSeed],
          // The PKCS#8 DER holds the seed after a fixed header: its last 34 bytes (OCTET STRING + seed).
          [`${who} Ed25519 PKCS#8 tail`, x.kpPkcs8.subarray(x.kpPkcs8.length - 34)],
        );
      }
      needles.push(['HMAC key', HMAC_BYTES], ['external secret v1', SECRET_V1], ['external secret v2', SECRET_V2], ['KEK', KEK]);
      const forms = (n: Uint8Array): [string, Buffer][] => [
        ['raw', Buffer.from(n)],
        ['hex', Buffer.from(toHex(n), 'latin1')],
        ['HEX', Buffer.from(toHex(n).toUpperCase(), 'latin1')],
        ['base64', Buffer.from(Buffer.from(n).toString('base64').replace(/=+$/, ''), 'latin1')],
      ];
      const scan = (when: string): string[] => {
        const found: string[] = [];
        let scanned = 0;
        for (const f of [file, `${file}-wal`, `${file}-shm`]) {
          if (!existsSync(f)) continue;
          const data = readFileSync(f);
          scanned += data.length;
          for (const [what, n] of needles) {
            for (const [form, bytes] of forms(n)) if (data.includes(bytes)) found.push(`${when}: ${what} (${form}) in ${f.slice(TMP.length + 1)}`);
          }
        }
        assert.ok(scanned > 0, `${when}: no keystore file to scan`);
        return found;
      };
      // While the hosts are open (the rows may still be in the WAL only) …
      assert.ok(existsSync(file), 'the keystore file exists');
      // Positive control: the scan does see the rows (ids are stored in the clear, as hex).
      const rowsSeen = [file, `${file}-wal`].some((f) => existsSync(f) && readFileSync(f).includes(Buffer.from(toHex(s.aesId), 'latin1')));
      assert.ok(rowsSeen, 'the id of a stored key is in none of the files: the scan looks at the wrong place');
      const found = scan('open');
      // … after invalidating some versions (secure_delete) …
      const sm = smOf(a);
      sm.invalidate(s.aesId, exact(1));
      a.external.invalidate(sm, s.secretId, exact(1));
      drop(sm);
      found.push(...scan('after invalidate'));
      // … and after both hosts closed (WAL checkpointed into the main file).
      a.host[Symbol.dispose]();
      b.host[Symbol.dispose]();
      found.push(...scan('closed'));
      assert.deepEqual(found, []);
      // The data really is there, encrypted: a host of alpha reads it back.
      const a2 = makeHost(backend, { keystore: { file, kek: KEK }, tenant: 'alpha' });
      const sm2 = smOf(a2);
      const k = a2.symmetric.SymmetricKey.fromId(sm2, s.aesId, latest);
      assert.equal(toHex(k.export()), toHex(s.aesV2));
      throwsCode(() => a2.symmetric.SymmetricKey.fromId(sm2, s.aesId, exact(1)), 'not-found');
      drop(k, sm2);
      a2.host[Symbol.dispose]();
    });

    test('an id guessed by another tenant (the same bytes) is not-found; ids of the other tenant never reach it', () => {
      const store = createMemoryStore();
      const a = makeHost(backend, { store, tenant: 'alpha' });
      const b = makeHost(backend, { store, tenant: 'beta' });
      const sma = smOf(a);
      const smb = smOf(b);
      const o = exportable(a);
      const ka = a.symmetric.SymmetricKey.generateManaged(sma, 'AES-256-GCM', o);
      const [id] = ka.id();
      // B "guesses" the id: a fresh copy of the same bytes.
      const guess = Uint8Array.from(id);
      throwsCode(() => b.symmetric.SymmetricKey.fromId(smb, guess, latest), 'not-found');
      throwsCode(() => b.asym.Keypair.fromId(smb, guess, latest), 'not-found');
      throwsCode(() => b.external.fromId(smb, guess, latest), 'not-found');
      throwsCode(() => smb.invalidate(guess, all), 'not-found');
      // B's own new ids are never A's, and never reach A's key.
      const ob = exportable(b);
      for (let i = 0; i < 20; i++) {
        const kb = b.symmetric.SymmetricKey.generateManaged(smb, 'AES-256-GCM', ob);
        const [bid] = kb.id();
        assert.notEqual(toHex(bid), toHex(id));
        assert.notEqual(toHex(kb.export()), toHex(ka.export()));
        drop(kb);
      }
      const again = a.symmetric.SymmetricKey.fromId(sma, guess, latest);
      assert.equal(toHex(again.export()), toHex(ka.export()));
      drop(again, ob, ka, o, smb, sma);
      a.host[Symbol.dispose]();
      b.host[Symbol.dispose]();
    });
  });
}
