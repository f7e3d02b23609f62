/**
 * The verification context through the interface layer (docs/certificates.md §Verification): leaf or
 * leaf-first chain, untrusted extras, trust store (snapshot, enable/disable) or explicit anchors,
 * termination policy, time, depth, peer names, key usage / EKU, CRL revocation with fail-closed and
 * best-effort coverage, and the mapping of the validator's results to `verify-result`. Fixtures are
 * made with @peculiar/x509 over WebCrypto.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { createCryptoHost } from '../../host/src/index.js';
import type * as Gen from '../../host/generated/interfaces/wasi-crypto-certificates.js';
import { drop } from '../interfaces/helpers.js';
import { crl, ED, issue, type Issued, NOW, root } from './fixtures.js';

let ca: Issued;
let inter: Issued;
let leaf: Issued;
let revokedInter: Uint8Array;
let cleanCrl: Uint8Array;
let edRoot: Issued;
let edLeaf: Issued;

before(async () => {
  ca = await root('CN=Verify Root');
  inter = await issue(ca, 'CN=Verify Intermediate', { ca: true });
  leaf = await issue(inter, 'CN=svc.example.com', {
    san: [
      { type: 'dns', value: 'svc.example.com' },
      { type: 'ip', value: '10.0.0.5' },
      { type: 'email', value: 'svc@example.com' },
    ],
  });
  revokedInter = await crl(ca, [inter.cert.serialNumber]);
  cleanCrl = await crl(ca, ['77']);
  edRoot = await root('CN=Ed Verify Root', ED);
  edLeaf = await issue(edRoot, 'CN=ed.example.com', { alg: ED, issuerAlg: ED, san: [{ type: 'dns', value: 'ed.example.com' }] });
});

function setup(limits = {}) {
  const host = createCryptoHost({ limits });
  const c = host.getImportObject()['wasi:crypto/certificates'];
  const parse = (i: Issued | Uint8Array) => c.Certificate.parse(i instanceof Uint8Array ? i : i.der, 'der');
  return { host, c, parse };
}

type Ctx = Gen.VerificationContext;

function outcome(v: Ctx): string {
  const r = v.verify();
  if (r.tag === 'err') return r.val;
  const subjects = r.val.map((x) => x.subject());
  drop(...r.val);
  return `ok: ${subjects.join(' > ')}`;
}

describe('verification context', () => {
  test('a leaf-first chain to a trust-store anchor; the verified chain is leaf first, anchor last, as counted handles', () => {
    const { host, c, parse } = setup();
    using _ = host;
    const ts = c.TrustStore.create();
    ts.add(parse(ca));
    const v = c.VerificationContext.create();
    v.setLeaf(parse(leaf));
    v.addChainCertificate(parse(inter));
    v.setTrustStore(ts);
    v.setTime(BigInt(NOW));
    const r = v.verify();
    assert.equal(r.tag, 'ok');
    if (r.tag !== 'ok') return;
    assert.deepEqual(r.val.map((x) => x.subject()), ['CN=svc.example.com', 'CN=Verify Intermediate', 'CN=Verify Root']);
    assert.deepEqual(r.val[2]!.export('der'), ca.der);
    assert.equal(host.stats().handles.byKind.certificate! >= 3, true);
    const before = host.stats().handles.total;
    drop(...r.val);
    assert.equal(host.stats().handles.total, before - 3);
    assert.equal(v.lastDetail(), '');
    host[Symbol.dispose]();
    assert.equal(host.stats().handles.total, 0);
  });

  test('the trust store is a snapshot taken at set-trust-store; disabled and removed members are not anchors', () => {
    const { host, c, parse } = setup();
    using _ = host;
    const ts = c.TrustStore.create();
    const root = parse(ca);
    ts.add(root);
    const v = c.VerificationContext.create();
    v.setLeaf(parse(leaf));
    v.addUntrusted(parse(inter));
    v.setTime(BigInt(NOW));
    v.setTrustStore(ts);
    ts.setEnabled(root.sha256Fingerprint(), false);
    assert.match(outcome(v), /^ok: /, 'the snapshot still has the root enabled');
    v.setTrustStore(ts);
    const disabled = outcome(v);
    assert.ok(disabled === 'anchor-not-found' || disabled === 'untrusted-root', disabled);
    assert.notEqual(v.lastDetail(), '');
    ts.setEnabled(root.sha256Fingerprint(), true);
    v.setTrustStore(ts);
    assert.match(outcome(v), /^ok: /);
    ts.remove(root);
    v.setTrustStore(ts);
    assert.equal(outcome(v), disabled);
  });

  test('explicit anchors; trust-store-terminated ends at an intermediate anchor, root-required does not', () => {
    const { host, c, parse } = setup();
    using _ = host;
    const v = c.VerificationContext.create();
    v.setLeaf(parse(leaf));
    v.setTime(BigInt(NOW));
    v.addAnchor(parse(inter));
    v.setTermination('trust-store-terminated');
    assert.equal(outcome(v), 'ok: CN=svc.example.com > CN=Verify Intermediate');
    v.setTermination('root-required');
    assert.notEqual(outcome(v).slice(0, 3), 'ok:');
    v.addAnchor(parse(ca));
    v.addChainCertificate(parse(inter));
    assert.equal(outcome(v), 'ok: CN=svc.example.com > CN=Verify Intermediate > CN=Verify Root');
  });

  test('time, depth and peer names (DNS, IP, email) give their verify-result cases', () => {
    const { host, c, parse } = setup();
    using _ = host;
    const v = c.VerificationContext.create();
    v.setLeaf(parse(leaf));
    v.addChainCertificate(parse(inter));
    v.addAnchor(parse(ca));
    v.setTime(BigInt(Date.parse('2040-01-01T00:00:00Z') / 1000));
    assert.equal(outcome(v), 'expired');
    v.setTime(BigInt(Date.parse('2025-06-01T00:00:00Z') / 1000));
    assert.equal(outcome(v), 'not-yet-valid');
    v.setTime(BigInt(NOW));
    v.setMaxDepth(0);
    assert.equal(outcome(v), 'path-too-long');
    v.setMaxDepth(1);
    assert.match(outcome(v), /^ok: /);
    for (const [kind, value, ok] of [
      ['dns', 'svc.example.com', true],
      ['dns', 'other.example.com', false],
      ['ip', '10.0.0.5', true],
      ['ip', '10.0.0.6', false],
      ['email', 'svc@example.com', true],
      ['email', 'root@example.com', false],
    ] as const) {
      const w = c.VerificationContext.create();
      w.setLeaf(parse(leaf));
      w.addChainCertificate(parse(inter));
      w.addAnchor(parse(ca));
      w.setTime(BigInt(NOW));
      w.addPeerName({ kind, value });
      assert.equal(outcome(w), ok ? 'ok: CN=svc.example.com > CN=Verify Intermediate > CN=Verify Root' : 'name-mismatch', `${kind} ${value}`);
    }
    // Several names: the leaf must match every one.
    v.addPeerName({ kind: 'dns', value: 'svc.example.com' });
    v.addPeerName({ kind: 'ip', value: '10.0.0.5' });
    assert.match(outcome(v), /^ok: /);
    v.addPeerName({ kind: 'email', value: 'root@example.com' });
    assert.equal(outcome(v), 'name-mismatch');
  });

  test('key usage and extended key usage of the leaf: invalid-purpose when not allowed', () => {
    const { host, c, parse } = setup();
    using _ = host;
    const v = c.VerificationContext.create();
    v.setLeaf(parse(leaf));
    v.addChainCertificate(parse(inter));
    v.addAnchor(parse(ca));
    v.setTime(BigInt(NOW));
    v.setKeyUsage({ digitalSignature: true });
    v.addExtendedKeyUsage('1.3.6.1.5.5.7.3.1'); // serverAuth: in the leaf
    assert.match(outcome(v), /^ok: /);
    v.setKeyUsage({ keyCertSign: true });
    assert.equal(outcome(v), 'invalid-purpose');
    v.setKeyUsage({});
    v.addExtendedKeyUsage('1.3.6.1.5.5.7.3.3'); // codeSigning: not in the leaf
    assert.equal(outcome(v), 'invalid-purpose');
  });

  test('CRL revocation: trust-store member CRLs and context CRLs; fail-closed vs best-effort coverage', () => {
    const { host, c, parse } = setup();
    using _ = host;
    const root = parse(ca);
    const base = () => {
      const v = c.VerificationContext.create();
      v.setLeaf(parse(leaf));
      v.addChainCertificate(parse(inter));
      v.setTime(BigInt(NOW));
      return v;
    };
    // The root's CRL revokes the intermediate.
    const ts = c.TrustStore.create();
    ts.addWithCrl(root, c.Crl.parse(revokedInter, 'der'));
    const v = base();
    v.setTrustStore(ts);
    assert.match(outcome(v), /^ok: /, 'revocation none: the CRL is not consulted');
    v.setRevocation('crl-only');
    // The leaf has no CRL (its issuer published none): fail-closed cannot vouch for it.
    assert.equal(outcome(v), 'revocation-status-unavailable');
    v.setCoverage('best-effort');
    assert.equal(outcome(v), 'revoked', 'best-effort: the intermediate is revoked by the root CRL');
    v.setCoverage('fail-closed');
    // A clean CRL for the root, but none for the intermediate's issuance of the leaf.
    ts.setMemberCrl(root.sha256Fingerprint(), c.Crl.parse(cleanCrl, 'der'));
    v.setTrustStore(ts);
    assert.equal(outcome(v), 'revocation-status-unavailable', 'fail-closed: the leaf has no CRL');
    v.setCoverage('best-effort');
    assert.match(outcome(v), /^ok: /);
    // Context CRLs count too.
    const w = base();
    w.addAnchor(root);
    w.setRevocation('crl-only');
    w.setCoverage('best-effort');
    w.addCrl(c.Crl.parse(revokedInter, 'der'));
    assert.equal(outcome(w), 'revoked');
  });

  test('an Ed25519 chain verifies through the host backends; a tampered certificate is bad-signature', () => {
    const { host, c, parse } = setup();
    using _ = host;
    const v = c.VerificationContext.create();
    v.setLeaf(parse(edLeaf));
    v.addAnchor(parse(edRoot));
    v.setTime(BigInt(NOW));
    v.addPeerName({ kind: 'dns', value: 'ed.example.com' });
    assert.equal(outcome(v), 'ok: CN=ed.example.com > CN=Ed Verify Root');
    const bad = Uint8Array.from(edLeaf.der);
    bad[bad.length - 10]! ^= 1; // inside the signature value
    v.setLeaf(parse(bad));
    assert.equal(outcome(v), 'bad-signature');
  });

  test('context input limits: overflow beyond maxVerifyInputs', () => {
    const { host, c, parse } = setup({ maxVerifyInputs: 2 });
    using _ = host;
    const v = c.VerificationContext.create();
    v.addAnchor(parse(ca));
    v.addAnchor(parse(edRoot));
    v.addAnchor(parse(ca)); // a duplicate is ignored
    assert.throws(() => v.addAnchor(parse(inter)), (e: unknown) => (e as { payload?: string }).payload === 'overflow');
  });
});

describe('pathological inputs through the interface finish with a typed result', () => {
  test('a cross-signed cycle without an anchor, and 40 same-named candidate issuers', async () => {
    // A and B issue each other (same names, real signatures): a cycle the path builder must cut.
    const a0 = await root('CN=Cycle A');
    const b = await issue(a0, 'CN=Cycle B', { ca: true });
    const a = await issue(b, 'CN=Cycle A', { ca: true });
    const cycLeaf = await issue(a, 'CN=cycle.example.com');
    // 40 intermediates with the leaf's issuer name, none of which signed it.
    const decoys: Issued[] = [];
    for (let i = 0; i < 40; i++) decoys.push(await issue(ca, 'CN=Verify Intermediate', { ca: true }));
    const { host, c, parse } = setup();
    using _ = host;
    const unrelated = parse(edRoot);
    const v = c.VerificationContext.create();
    v.setLeaf(parse(cycLeaf));
    for (const x of [a, b]) v.addUntrusted(parse(x));
    v.addAnchor(unrelated);
    v.setTime(BigInt(NOW));
    let t = performance.now();
    const cycle = outcome(v);
    assert.ok(['anchor-not-found', 'budget-exceeded'].includes(cycle), cycle);
    assert.ok(performance.now() - t < 5000, 'the cycle took more than 5 s');
    const w = c.VerificationContext.create();
    w.setLeaf(parse(leaf));
    for (const d of decoys) w.addUntrusted(parse(d));
    w.addAnchor(parse(ca));
    w.setTime(BigInt(NOW));
    t = performance.now();
    const many = outcome(w);
    assert.ok(['anchor-not-found', 'budget-exceeded', 'bad-signature'].includes(many), many);
    assert.ok(performance.now() - t < 5000, 'the candidates took more than 5 s');
    // With the real intermediate among the decoys the chain is found (or the budget says so).
    w.addUntrusted(parse(inter));
    const found = outcome(w);
    assert.ok(found.startsWith('ok: ') || found === 'budget-exceeded', found);
  });
});
