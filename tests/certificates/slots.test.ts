/**
 * Certificate slots and trust-store slots (docs/certificates.md §Slots): provisioned by the slot
 * manifest, saved/cleared/inspected through the interface, persisted in a real SQLite keystore
 * file across host instances, delete-expired, locked slots, and manifest validation.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { createCryptoHost, ManifestError, openSqliteStore, validateManifest, type NodeCryptoHostConfig } from '../../host/src/index.js';
import { loadManifestFile } from '../../host/src/slots/manifest.js';
import type { CertificateProvisioning } from '../../host/src/slots/cert-manifest.js';
import { parseRunArgs } from '../../host/src/runtime/cli.js';
import { drop, throwsCode } from '../interfaces/helpers.js';
import { crl, issue, type Issued, pem, root } from './fixtures.js';

let tmp: string;
let ca: Issued;
let other: Issued;
let leaf: Issued;
let expired: Issued;
let caCrl: Uint8Array;

before(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'wasi-crypto-cert-slots-'));
  ca = await root('CN=Slot Root');
  other = await root('CN=Other Root');
  leaf = await issue(ca, 'CN=device-1');
  expired = await issue(ca, 'CN=old-device', { notBefore: new Date('2020-01-01T00:00:00Z'), notAfter: new Date('2021-01-01T00:00:00Z') });
  caCrl = await crl(ca, [leaf.cert.serialNumber]);
  writeFileSync(join(tmp, 'root.pem'), pem('CERTIFICATE', ca.der));
  writeFileSync(join(tmp, 'root.crl'), caCrl);
  writeFileSync(join(tmp, 'other.der'), other.der);
});
after(() => rmSync(tmp, { recursive: true, force: true }));

function manifest(extra: Record<string, unknown> = {}) {
  return {
    slots: [],
    certificates: {
      slots: [
        { name: 'backend/root', certificate: { file: 'root.pem' }, crl: { file: 'root.crl' }, locked: true },
        { name: 'backend/other', certificate: { file: 'other.der' } },
        { name: 'device/cert' },
        { name: 'device/scratch', persistence: 'volatile' },
      ],
      'trust-stores': [{ name: 'backend', members: ['backend/root', { slot: 'backend/other', enabled: false }] }],
      ...extra,
    },
  };
}

function provisioning(m: unknown = manifest()): CertificateProvisioning {
  const out: { certificates?: CertificateProvisioning } = {};
  validateManifest(m, { baseDir: tmp, env: {} }, out);
  assert.ok(out.certificates);
  return out.certificates;
}

const kek = randomBytes(32);
function host(file: string, config: NodeCryptoHostConfig = {}) {
  const h = createCryptoHost({ keystore: { file, kek }, certificates: provisioning(), ...config });
  return { h, c: h.getImportObject()['wasi:crypto/certificates'] };
}

describe('certificate slots', () => {
  test('manifest provisioning: info, load, CRL, locked; trust-store slot members from certificate slots', () => {
    const { h, c } = host(join(tmp, 'a.db'));
    using _ = h;
    const root = c.CertificateSlot.open('backend/root');
    const info = root.info();
    assert.equal(info.state, 'locked');
    assert.equal(info.hasCrl, true);
    assert.equal(info.notAfter, BigInt(Date.parse('2035-01-01T00:00:00Z') / 1000));
    const cert = root.load();
    assert.deepEqual(cert.export('der'), ca.der);
    assert.deepEqual(info.sha256Fingerprint, cert.sha256Fingerprint());
    const l = root.loadCrl();
    assert.deepEqual(l.export('der'), caCrl);
    throwsCode(() => root.clear(), 'prohibited-operation');
    throwsCode(() => root.save(cert, undefined), 'prohibited-operation');
    throwsCode(() => root.deleteCrl(), 'prohibited-operation');
    const empty = c.CertificateSlot.open('device/cert');
    assert.deepEqual(empty.info(), { name: 'device/cert', state: 'empty', hasCrl: false });
    throwsCode(() => empty.load(), 'not-found');
    throwsCode(() => empty.loadCrl(), 'not-found');
    throwsCode(() => empty.clear(), 'not-found');
    throwsCode(() => c.CertificateSlot.open('nope'), 'not-found');
    const ts = c.TrustStore.open('backend');
    const members = ts.members();
    assert.deepEqual(
      members.map((m) => [m.slot, m.kind, m.enabled, m.hasCrl, m.subject]),
      [
        ['backend/root', 'shared-static', true, true, 'CN=Slot Root'],
        ['backend/other', 'shared-static', false, false, 'CN=Other Root'],
      ],
    );
    throwsCode(() => ts.remove(cert), 'prohibited-operation');
    throwsCode(() => ts.setMemberCrl(cert.sha256Fingerprint(), l), 'prohibited-operation');
    assert.equal(h.admin.listCertificateSlots().length, 4);
    drop(ts, l, cert, root, empty);
    assert.equal(h.stats().handles.total, 0);
  });

  test('save (copy), info, import/delete CRL, clear; persistence across host instances on one SQLite file', () => {
    const file = join(tmp, 'b.db');
    {
      const { h, c } = host(file);
      using _ = h;
      const slot = c.CertificateSlot.open('device/cert');
      const cert = c.Certificate.parse(leaf.der, 'der');
      const l = c.Crl.parse(caCrl, 'der');
      slot.save(cert, l);
      drop(cert, l);
      assert.equal(slot.info().state, 'occupied');
      assert.equal(slot.info().hasCrl, true);
      slot.deleteCrl();
      assert.equal(slot.info().hasCrl, false);
      throwsCode(() => slot.deleteCrl(), 'not-found');
      const l2 = c.Crl.parse(caCrl, 'der');
      slot.importCrl(l2);
      // A volatile slot keeps its content only in this host.
      const v = c.CertificateSlot.open('device/scratch');
      const o = c.Certificate.parse(other.der, 'der');
      v.save(o, undefined);
      assert.equal(v.info().state, 'occupied');
      // Trust store changes persist: disable the root, enable the other, add an owned member with a CRL.
      const ts = c.TrustStore.open('backend');
      const rootFp = ts.members()[0]!.sha256Fingerprint;
      ts.setEnabled(rootFp, false);
      ts.setEnabled(o.sha256Fingerprint(), true);
      const extra = c.Certificate.parse(expired.der, 'der');
      ts.addWithCrl(extra, l2);
      drop(slot, l2, v, o, ts, extra);
    }
    // The rows are in the file, encrypted: the certificate's DER does not appear in the clear.
    const db = new Database(file, { readonly: true });
    const rows = db.prepare("SELECT kind, id, version, expiration, ciphertext FROM keys WHERE kind IN ('cert-slot', 'trust-store') ORDER BY kind, id").all() as {
      kind: string;
      id: string;
      version: number;
      expiration: number;
      ciphertext: Buffer;
    }[];
    db.close();
    assert.deepEqual(rows.map((r) => [r.kind, r.id]), [
      ['cert-slot', 'backend/other'],
      ['cert-slot', 'backend/root'],
      ['cert-slot', 'device/cert'],
      ['trust-store', 'backend'],
    ]);
    assert.equal(rows.find((r) => r.id === 'device/cert')!.expiration, Date.parse('2034-01-01T00:00:00Z') / 1000);
    for (const r of rows) assert.equal(r.ciphertext.indexOf(Buffer.from(leaf.der.subarray(0, 64))), -1);
    {
      const { h, c } = host(file);
      using _ = h;
      const slot = c.CertificateSlot.open('device/cert');
      assert.equal(slot.info().state, 'occupied');
      assert.equal(slot.info().hasCrl, true);
      assert.deepEqual(slot.load().export('der'), leaf.der);
      assert.equal(c.CertificateSlot.open('device/scratch').info().state, 'empty', 'volatile slots start empty');
      const ts = c.TrustStore.open('backend');
      assert.deepEqual(
        ts.members().map((m) => [m.slot ?? '(owned)', m.kind, m.enabled, m.hasCrl]),
        [
          ['backend/root', 'shared-static', false, true],
          ['backend/other', 'shared-static', true, false],
          ['(owned)', 'exclusive-mutable', true, true],
        ],
      );
      slot.clear();
      assert.equal(slot.info().state, 'empty');
    }
    {
      const { h, c } = host(file);
      using _ = h;
      assert.equal(c.CertificateSlot.open('device/cert').info().state, 'empty', 'clear persisted');
    }
  });

  test('a locked slot follows the manifest across restarts; an unlocked one keeps what a guest saved', () => {
    const file = join(tmp, 'rotate.db');
    const m = (rootFile: string) => ({
      slots: [],
      certificates: {
        slots: [
          { name: 'locked', certificate: { file: rootFile }, locked: true },
          { name: 'open', certificate: { file: rootFile } },
        ],
      },
    });
    {
      using h = createCryptoHost({ keystore: { file, kek }, certificates: provisioning(m('root.pem')) });
      const c = h.getImportObject()['wasi:crypto/certificates'];
      c.CertificateSlot.open('open').save(c.Certificate.parse(leaf.der, 'der'), undefined);
    }
    {
      using h = createCryptoHost({ keystore: { file, kek }, certificates: provisioning(m('other.der')) });
      const c = h.getImportObject()['wasi:crypto/certificates'];
      assert.deepEqual(c.CertificateSlot.open('locked').load().export('der'), other.der, 'rotated by the manifest');
      assert.deepEqual(c.CertificateSlot.open('open').load().export('der'), leaf.der, 'the guest\'s save is kept');
    }
  });

  test('certificate slots and trust stores are namespaced by tenant on one keystore file; a KEK rotation keeps them', () => {
    const file = join(tmp, 'tenants.db');
    {
      const { h, c } = host(file, { tenant: 'alpha' });
      using _ = h;
      c.CertificateSlot.open('device/cert').save(c.Certificate.parse(leaf.der, 'der'), undefined);
      const ts = c.TrustStore.open('backend');
      ts.add(c.Certificate.parse(expired.der, 'der'));
      h.admin.rotateKek(Uint8Array.from(kek).reverse());
    }
    {
      const { h, c } = host(file, { tenant: 'beta', keystore: { file, kek: Uint8Array.from(kek).reverse() } });
      using _ = h;
      assert.equal(c.CertificateSlot.open('device/cert').info().state, 'empty');
      assert.equal(c.TrustStore.open('backend').members().length, 2, 'only the manifest members');
    }
    {
      const { h, c } = host(file, { tenant: 'alpha', keystore: { file, kek: Uint8Array.from(kek).reverse() } });
      using _ = h;
      assert.deepEqual(c.CertificateSlot.open('device/cert').load().export('der'), leaf.der);
      assert.equal(c.TrustStore.open('backend').members().length, 3);
      assert.deepEqual(h.admin.listKeys('cert-slot').map((m) => m.id), ['backend/other', 'backend/root', 'device/cert']);
    }
  });

  test('conditional-external members: pinned fingerprint, mismatch after a slot change, acknowledge; persisted', () => {
    const file = join(tmp, 'conditional.db');
    writeFileSync(join(tmp, 'ca.pem'), pem('CERTIFICATE', ca.der));
    writeFileSync(join(tmp, 'leaf.pem'), pem('CERTIFICATE', leaf.der));
    const m = {
      slots: [],
      certificates: {
        slots: [{ name: 'ext/a', certificate: { file: 'other.der' } }, { name: 'ext/b', certificate: { file: 'ca.pem' } }, { name: 'ext/s', certificate: { file: 'leaf.pem' } }],
        'trust-stores': [
          {
            name: 'cond',
            members: [{ slot: 'ext/a', kind: 'conditional-external', init: 'accept-current' }, { slot: 'ext/b', kind: 'conditional-external' }, 'ext/s'],
          },
        ],
      },
    };
    const status = (ts: { members(): { slot?: string; status: string; enabled: boolean; kind: string }[] }) =>
      ts.members().map((x) => `${x.slot}:${x.kind}:${x.status}:${x.enabled}`);
    {
      using h = createCryptoHost({ keystore: { file, kek }, certificates: provisioning(m) });
      const c = h.getImportObject()['wasi:crypto/certificates'];
      const ts = c.TrustStore.open('cond');
      assert.deepEqual(status(ts), [
        'ext/a:conditional-external:enabled:true',
        'ext/b:conditional-external:awaiting-acknowledgement:false',
        'ext/s:shared-static:enabled:true',
      ]);
      // The slot's certificate changes: the member stops being an anchor.
      c.CertificateSlot.open('ext/a').save(c.Certificate.parse(expired.der, 'der'), undefined);
      assert.equal(status(ts)[0], 'ext/a:conditional-external:fingerprint-mismatch:false');
      // A verification against the store does not use it: ext/b (the CA of the leaf) is not accepted yet either.
      const v = c.VerificationContext.create();
      v.setLeaf(c.Certificate.parse(leaf.der, 'der'));
      v.setTime(BigInt(Date.parse('2026-06-01T00:00:00Z') / 1000));
      v.setTrustStore(ts);
      const before = v.verify();
      assert.equal(before.tag, 'err');
      ts.acknowledgeMemberUpdate('ext/b');
      v.setTrustStore(ts);
      const after = v.verify();
      assert.equal(after.tag, 'ok', after.tag === 'err' ? `${after.val}: ${v.lastDetail()}` : '');
      ts.acknowledgeMemberUpdate('ext/a');
      assert.deepEqual(status(ts).slice(0, 2), ['ext/a:conditional-external:enabled:true', 'ext/b:conditional-external:enabled:true']);
      throwsCode(() => ts.acknowledgeMemberUpdate('ext/s'), 'invalid-operation');
      throwsCode(() => ts.acknowledgeMemberUpdate('nope'), 'not-found');
      // Disabling still works on a conditional member.
      const fpB = ts.members()[1]!.sha256Fingerprint;
      ts.setEnabled(fpB, false);
      assert.equal(status(ts)[1], 'ext/b:conditional-external:disabled:false');
      ts.setEnabled(fpB, true);
      throwsCode(() => ts.remove(c.Certificate.parse(ca.der, 'der')), 'prohibited-operation');
    }
    {
      // Another host on the same file: the accepted fingerprints persisted.
      using h = createCryptoHost({ keystore: { file, kek }, certificates: provisioning(m) });
      const ts = h.getImportObject()['wasi:crypto/certificates'].TrustStore.open('cond');
      assert.deepEqual(status(ts), [
        'ext/a:conditional-external:enabled:true',
        'ext/b:conditional-external:enabled:true',
        'ext/s:shared-static:enabled:true',
      ]);
    }
  });

  test('delete-expired-certificates clears unlocked slots past notAfter (and counts them)', () => {
    const { h, c } = host(join(tmp, 'c.db'));
    using _ = h;
    const slot = c.CertificateSlot.open('device/cert');
    slot.save(c.Certificate.parse(expired.der, 'der'), undefined);
    const scratch = c.CertificateSlot.open('device/scratch');
    scratch.save(c.Certificate.parse(leaf.der, 'der'), undefined);
    assert.equal(c.deleteExpiredCertificates(BigInt(Date.parse('2020-06-01T00:00:00Z') / 1000)), 0);
    assert.equal(c.deleteExpiredCertificates(undefined), 1, 'now: only the 2021 certificate has expired');
    assert.equal(slot.info().state, 'empty');
    assert.equal(scratch.info().state, 'occupied');
    // In 2040 everything has expired, but the locked root slot is kept.
    assert.equal(c.deleteExpiredCertificates(BigInt(Date.parse('2040-01-01T00:00:00Z') / 1000)), 2);
    assert.equal(c.CertificateSlot.open('backend/root').info().state, 'locked');
    assert.equal(c.CertificateSlot.open('backend/other').info().state, 'empty');
  });

  test('a keystore file of the older schema (narrower kind CHECK) is widened on open, rows kept', () => {
    const file = join(tmp, 'old.db');
    const s = openSqliteStore({ file, kek });
    s.insert({ tenant: 't', kind: 'slot', id: 'k', version: 1, algorithm: 'AES-256-GCM', permissions: 3, expiration: 0, createdAt: 1, material: new Uint8Array([1, 2, 3]) });
    s.close();
    // Rebuild the table as the previous schema had it.
    const db = new Database(file);
    db.exec(`CREATE TABLE keys_old AS SELECT * FROM keys; DROP TABLE keys;
CREATE TABLE keys (
  tenant TEXT NOT NULL, kind TEXT NOT NULL CHECK (kind IN ('symmetric', 'keypair', 'external', 'slot')), id TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version >= 1), algorithm TEXT NOT NULL, permissions INTEGER NOT NULL CHECK (permissions >= 0),
  expiration INTEGER NOT NULL CHECK (expiration >= 0), created_at INTEGER NOT NULL, nonce BLOB NOT NULL CHECK (length(nonce) = 12),
  ciphertext BLOB NOT NULL CHECK (length(ciphertext) >= 16), UNIQUE (tenant, kind, id, version)) STRICT;
INSERT INTO keys SELECT * FROM keys_old; DROP TABLE keys_old;`);
    assert.throws(() => db.prepare("INSERT INTO keys VALUES ('t', 'cert-slot', 'x', 1, 'X509', 0, 0, 0, zeroblob(12), zeroblob(16))").run(), /CHECK/);
    db.close();
    const again = openSqliteStore({ file, kek });
    assert.deepEqual(again.get('t', 'slot', 'k')?.material, new Uint8Array([1, 2, 3]));
    again.insert({ tenant: 't', kind: 'cert-slot', id: 'c', version: 1, algorithm: 'X509', permissions: 0, expiration: 5, createdAt: 1, material: new Uint8Array([9]) });
    assert.deepEqual(again.get('t', 'cert-slot', 'c')?.material, new Uint8Array([9]));
    again.close();
  });
});

describe('manifest: the certificates section', () => {
  const problems = (m: unknown): string[] => {
    try {
      validateManifest(m, { baseDir: tmp, env: {} });
    } catch (e) {
      if (e instanceof ManifestError) return e.problems.map((p) => `${p.field}: ${p.message}`);
      throw e;
    }
    return [];
  };

  test('valid sections: file (PEM or DER) and inline pem sources, members as names or objects', () => {
    const p = provisioning(manifest());
    assert.deepEqual(p.slots.map((s) => [s.name, s.persistence, s.locked, s.certificate?.der.length, s.crl?.der.length]), [
      ['backend/root', 'persistent', true, ca.der.length, caCrl.length],
      ['backend/other', 'persistent', false, other.der.length, undefined],
      ['device/cert', 'persistent', false, undefined, undefined],
      ['device/scratch', 'volatile', false, undefined, undefined],
    ]);
    assert.deepEqual(p.slots[0]!.certificate!.der, ca.der);
    assert.deepEqual(p.trustStores, [{ name: 'backend', persistence: 'persistent', locked: false, members: [{ slot: 'backend/root', enabled: true }, { slot: 'backend/other', enabled: false }] }]);
    const inline = provisioning({ slots: [], certificates: { slots: [{ name: 'x', certificate: { pem: `text\n${pem('CERTIFICATE', leaf.der)}` } }] } });
    assert.deepEqual(inline.slots[0]!.certificate!.der, leaf.der);
    assert.deepEqual(provisioning({ slots: [] }), { slots: [], trustStores: [] });
  });

  test('every mistake is reported with its field; nothing is provisioned', () => {
    assert.deepEqual(problems({ slots: [], certificates: [] }), ['certificates: must be an object { "slots": [...], "trust-stores": [...] }, not an array']);
    const got = problems({
      slots: [],
      certificates: {
        slots: [
          { name: 'a', certificate: { file: 'missing.pem' } },
          { name: 'a' },
          { name: 'b', locked: true },
          { name: 'c', crl: { file: 'root.crl' } },
          { name: 'd', certificate: { pem: 'no block' }, extra: 1 },
          { name: 'e', certificate: { file: 'root.pem', pem: 'x' } },
          { name: 'f', persistence: 'forever' },
        ],
        'trust-stores': [
          { name: 't', members: ['nope', 'a', 'a', 3, { slot: 'e', kind: 'weird' }, { slot: 'f', init: 'accept-current' }] },
          { name: 't' },
        ],
        bogus: true,
      },
    });
    const fields = got.map((g) => g.split(': ')[0]);
    assert.deepEqual(fields, [
      'certificates.bogus',
      'certificates.slots[0].certificate.file',
      'certificates.slots[1].name',
      'certificates.slots[2].locked',
      'certificates.slots[3].crl',
      'certificates.slots[4].extra',
      'certificates.slots[4].certificate.pem',
      'certificates.slots[5].certificate',
      'certificates.slots[6].persistence',
      'certificates.trust-stores[0].members[0]',
      'certificates.trust-stores[0].members[2]',
      'certificates.trust-stores[0].members[3]',
      'certificates.trust-stores[0].members[4].kind',
      'certificates.trust-stores[0].members[5].init',
      'certificates.trust-stores[1].name',
    ]);
    assert.match(got[1]!, /cannot read .*missing\.pem: ENOENT/);
    assert.match(got[9]!, /no certificate slot named "nope"/);
  });

  test('a certificate that does not parse refuses the host at start, naming the slot', () => {
    const bad = { slots: [], certificates: { slots: [{ name: 'broken', certificate: { pem: pem('CERTIFICATE', new Uint8Array([0x30, 0x03, 1, 2, 3])) } }] } };
    assert.throws(() => createCryptoHost({ certificates: provisioning(bad) }), /certificate slot broken: invalid-key/);
  });

  test('the CLI --slots provisions certificate slots and trust stores', () => {
    const file = join(tmp, 'manifest.json');
    writeFileSync(file, JSON.stringify(manifest()));
    const cmd = parseRunArgs(['--slots', file, 'guest.wasm']);
    assert.notEqual(cmd, 'help');
    if (cmd === 'help') return;
    assert.equal(cmd.hostConfig.certificates?.slots.length, 4);
    assert.equal(cmd.hostConfig.certificates?.trustStores[0]?.name, 'backend');
    const out: { certificates?: CertificateProvisioning } = {};
    assert.deepEqual(loadManifestFile(file, {}, out), []);
    assert.equal(out.certificates?.slots.length, 4);
    // Without a certificates section the host config has none (unchanged behaviour).
    writeFileSync(file, JSON.stringify({ slots: [] }));
    const plain = parseRunArgs(['--slots', file, 'guest.wasm']);
    assert.ok(plain !== 'help' && plain.hostConfig.certificates === undefined);
  });
});
