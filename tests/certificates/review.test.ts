/**
 * Regression tests from the security review of the certificates interface (branch rev-certs):
 * failures of the keystore must not leave a trust store changed in memory, and a host sharing its
 * keystore file with another connection must not serve a certificate slot's old content.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createCryptoHost, openSqliteStore, validateManifest } from '../../host/src/index.js';
import type { CertificateProvisioning } from '../../host/src/slots/cert-manifest.js';
import { issue, type Issued, root } from './fixtures.js';

let tmp: string;
let ca: Issued;
let other: Issued;
let leaf: Issued;

before(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'wasi-crypto-cert-review-'));
  ca = await root('CN=Review Root');
  other = await root('CN=Review Other Root');
  leaf = await issue(ca, 'CN=review-device');
});
after(() => rmSync(tmp, { recursive: true, force: true }));

function provisioning(): CertificateProvisioning {
  const out: { certificates?: CertificateProvisioning } = {};
  validateManifest(
    { slots: [], certificates: { slots: [{ name: 'device/cert' }], 'trust-stores': [{ name: 'store', members: [] }] } },
    { baseDir: tmp, env: {} },
    out,
  );
  assert.ok(out.certificates);
  return out.certificates;
}

const kek = randomBytes(32);

describe('certificates review', () => {
  test('a trust-store change whose keystore write fails leaves the store as it was', () => {
    const file = join(tmp, 'failed-save.db');
    using h = createCryptoHost({ keystore: { file, kek }, certificates: provisioning() });
    const c = h.getImportObject()['wasi:crypto/certificates'];
    const ts = c.TrustStore.open('store');
    const caCert = c.Certificate.parse(ca.der, 'der');
    ts.add(caCert);
    const fp = caCert.sha256Fingerprint();
    // Another connection rotates the KEK: this host's writes are refused from now on.
    const second = openSqliteStore({ file, kek });
    second.rotateKek(randomBytes(32));
    second.close();
    assert.throws(() => ts.add(c.Certificate.parse(other.der, 'der')));
    assert.throws(() => ts.setEnabled(fp, false));
    assert.throws(() => ts.removeByFingerprint(fp));
    const members = ts.members();
    assert.equal(members.length, 1, 'the refused add is not a member');
    assert.deepEqual(members[0]!.sha256Fingerprint, fp, 'the refused remove kept the member');
    assert.equal(members[0]!.enabled, true, 'the refused set-enabled changed nothing');
  });

  test('a certificate slot changed through another connection is read afresh (no stale cache)', () => {
    const file = join(tmp, 'two-hosts.db');
    using a = createCryptoHost({ keystore: { file, kek }, certificates: provisioning() });
    using b = createCryptoHost({ keystore: { file, kek }, certificates: provisioning() });
    const ca_ = a.getImportObject()['wasi:crypto/certificates'];
    const cb = b.getImportObject()['wasi:crypto/certificates'];
    ca_.CertificateSlot.open('device/cert').save(ca_.Certificate.parse(leaf.der, 'der'), undefined);
    assert.deepEqual(ca_.CertificateSlot.open('device/cert').load().export('der'), leaf.der);
    // The other host replaces the certificate: clear, then save (the new record is version 1 again).
    const sb = cb.CertificateSlot.open('device/cert');
    sb.clear();
    sb.save(cb.Certificate.parse(other.der, 'der'), undefined);
    const sa = ca_.CertificateSlot.open('device/cert');
    assert.deepEqual(sa.load().export('der'), other.der, 'host a sees the replacement');
    assert.deepEqual(sa.info().sha256Fingerprint, cb.Certificate.parse(other.der, 'der').sha256Fingerprint());
  });

  test('a trust store changed through another connection is read afresh; a later change does not undo it', () => {
    const file = join(tmp, 'two-hosts-store.db');
    using a = createCryptoHost({ keystore: { file, kek }, certificates: provisioning() });
    using b = createCryptoHost({ keystore: { file, kek }, certificates: provisioning() });
    const ca_ = a.getImportObject()['wasi:crypto/certificates'];
    const cb = b.getImportObject()['wasi:crypto/certificates'];
    const caCert = ca_.Certificate.parse(ca.der, 'der');
    const fp = caCert.sha256Fingerprint();
    ca_.TrustStore.open('store').add(caCert);
    // Host b sees a's anchor and removes it (say, the root was compromised).
    const tb = cb.TrustStore.open('store');
    assert.deepEqual(tb.members().map((m) => m.sha256Fingerprint), [fp], 'b reads what a stored');
    tb.removeByFingerprint(fp);
    // Host a must not keep trusting it, and its next change must not bring it back.
    const ta = ca_.TrustStore.open('store');
    assert.equal(ta.members().length, 0, 'a sees the removal');
    ta.add(ca_.Certificate.parse(other.der, 'der'));
    const otherFp = ca_.Certificate.parse(other.der, 'der').sha256Fingerprint();
    assert.deepEqual(tb.members().map((m) => m.sha256Fingerprint), [otherFp], 'the removed root stays removed');
    // And the verification context's snapshot no longer anchors it.
    const v = ca_.VerificationContext.create();
    v.setLeaf(ca_.Certificate.parse(leaf.der, 'der'));
    v.setTrustStore(ta);
    v.setTime(BigInt(Date.parse('2027-01-01T00:00:00Z') / 1000));
    const r = v.verify();
    assert.equal(r.tag, 'err');
  });

  test('a verification time past the year 275760 (any u64) answers expired, not malformed', () => {
    using h = createCryptoHost({});
    const c = h.getImportObject()['wasi:crypto/certificates'];
    const v = c.VerificationContext.create();
    v.setLeaf(c.Certificate.parse(leaf.der, 'der'));
    v.addAnchor(c.Certificate.parse(ca.der, 'der'));
    v.setTime(BigInt(Date.parse('2027-01-01T00:00:00Z') / 1000));
    assert.equal(v.verify().tag, 'ok', 'the chain verifies at a time inside its validity');
    for (const t of [2n ** 64n - 1n, 2n ** 53n, 8_640_000_000_001n]) {
      v.setTime(t);
      const r = v.verify();
      assert.deepEqual(r.tag === 'err' ? r.val : 'ok', 'expired', `time ${t}`);
    }
  });
});

describe('trust-store size bound', () => {
  test('a change that would make the stored trust store larger than maxTrustStoreBytes is refused with overflow and undone', () => {
    const file = join(tmp, 'size-bound.db');
    using h = createCryptoHost({ keystore: { file, kek }, certificates: provisioning(), limits: { maxTrustStoreBytes: ca.der.length * 2 } });
    const c = h.getImportObject()['wasi:crypto/certificates'];
    const ts = c.TrustStore.open('store');
    ts.add(c.Certificate.parse(ca.der, 'der')); // one certificate (base64 ≈ 1.33× its DER) fits
    assert.throws(
      () => ts.add(c.Certificate.parse(other.der, 'der')),
      (e: unknown) => (e as { payload?: unknown }).payload === 'overflow',
    );
    assert.equal(ts.members().length, 1, 'the refused add is not a member');
  });
});
