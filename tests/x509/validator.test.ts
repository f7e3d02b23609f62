/**
 * The core X.509 validator on fixtures generated with @peculiar/x509 (independent encoder):
 * chains per key type, the RFC 5280 §6 failures, peer names, termination policies.
 */
import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import { createNodeBackend } from '../../host/src/backends/node.js';
import { createNobleBackend } from '../../host/src/backends/noble.js';
import { derToPem, pemToDer, splitPem, verifyChain, type VerifyRequest, type VerifyResult } from '../../host/src/core/x509/index.js';
import { AsnConvert } from '@peculiar/asn1-schema';
import { DAY, NOW, asn1, cert, intermediate, keys, leaf, root, x509, type Cert, type KeyKind, type Keys } from './pki.js';

const node = createNodeBackend();
const noble = createNobleBackend();

type Ca = { cert: Cert; keys: Keys };

function req(l: Cert, ints: Cert[], anchors: Cert[], extra: Partial<VerifyRequest> = {}): VerifyRequest {
  return { leaf: l.der, intermediates: ints.map((c) => c.der), anchors: anchors.map((a) => ({ der: a.der })), time: NOW, ...extra };
}
function failure(r: VerifyResult): string {
  return r.ok ? 'ok' : r.failure;
}

describe('chains per key type', () => {
  for (const kind of ['p256', 'p384', 'p521', 'ed25519', 'rsa-pss', 'rsa'] as KeyKind[]) {
    test(`${kind}: root -> intermediate -> leaf verifies, chain is leaf first, anchor last`, async () => {
      const r = await root(`CN=${kind} Root`, kind);
      const i = await intermediate(r, `CN=${kind} ICA`, kind);
      const l = await leaf(i, 'service.example.com', kind);
      const res = verifyChain(req(l.cert, [i.cert], [r.cert], { peerName: { kind: 'dns', value: 'service.example.com' } }), node);
      assert.ok(res.ok, JSON.stringify(res));
      assert.deepEqual(res.chain, [l.cert.der, i.cert.der, r.cert.der]);
      // The portable backend has no RSA: a typed unsupported-algorithm, never a wrong answer.
      const nb = verifyChain(req(l.cert, [i.cert], [r.cert]), noble);
      if (kind === 'rsa' || kind === 'rsa-pss') assert.equal(failure(nb), 'unsupported-algorithm');
      else assert.ok(nb.ok, JSON.stringify(nb));
    });
  }
});

describe('RFC 5280 failures', () => {
  let r: Ca;
  let i: Ca;
  before(async () => {
    r = await root('CN=Root');
    i = await intermediate(r, 'CN=ICA');
  });

  test('expired and not-yet-valid leaves; the validity bounds are inclusive', async () => {
    const old = await leaf(i, 'old.example.com', 'p256', { notBefore: new Date(NOW.getTime() - 10 * DAY), notAfter: new Date(NOW.getTime() - DAY) });
    assert.equal(failure(verifyChain(req(old.cert, [i.cert], [r.cert]), node)), 'expired');
    const early = await leaf(i, 'early.example.com', 'p256', { notBefore: new Date(NOW.getTime() + DAY) });
    assert.equal(failure(verifyChain(req(early.cert, [i.cert], [r.cert]), node)), 'not-yet-valid');
    const edge = await leaf(i, 'edge.example.com', 'p256', { notAfter: NOW });
    assert.ok(verifyChain(req(edge.cert, [i.cert], [r.cert]), node).ok);
    assert.equal(failure(verifyChain(req(edge.cert, [i.cert], [r.cert], { time: new Date(NOW.getTime() + 1000) }), node)), 'expired');
  });

  test('an expired intermediate fails the path', async () => {
    const oldI = await intermediate(r, 'CN=Old ICA', 'p256', { notAfter: new Date(NOW.getTime() - DAY) });
    const l = await leaf(oldI);
    assert.equal(failure(verifyChain(req(l.cert, [oldI.cert], [r.cert]), node)), 'expired');
  });

  test('wrong peer names: DNS, wildcard depth, IP, email', async () => {
    const l = await leaf(i, 'a.example.com', 'p256', { dns: ['a.example.com', '*.w.example.com'], ips: ['192.0.2.7', '2001:db8::1'], emails: ['ops@example.com'] });
    const v = (kind: 'dns' | 'ip' | 'email', value: string): string => failure(verifyChain(req(l.cert, [i.cert], [r.cert], { peerName: { kind, value } }), node));
    assert.equal(v('dns', 'a.example.com'), 'ok');
    assert.equal(v('dns', 'A.Example.COM'), 'ok');
    assert.equal(v('dns', 'b.example.com'), 'name-mismatch');
    assert.equal(v('dns', 'x.w.example.com'), 'ok');
    assert.equal(v('dns', 'y.x.w.example.com'), 'name-mismatch');
    assert.equal(v('dns', 'w.example.com'), 'name-mismatch');
    assert.equal(v('ip', '192.0.2.7'), 'ok');
    assert.equal(v('ip', '192.0.2.8'), 'name-mismatch');
    assert.equal(v('ip', '2001:DB8:0:0::1'), 'ok');
    assert.equal(v('email', 'ops@example.com'), 'ok');
    assert.equal(v('email', 'dev@example.com'), 'name-mismatch');
  });

  test('pathLenConstraint 0 on an intermediate rejects a further intermediate', async () => {
    const i0 = await intermediate(r, 'CN=ICA pathlen 0', 'p256', { pathLen: 0 });
    const i1 = await intermediate(i0, 'CN=ICA below');
    const l = await leaf(i1);
    assert.equal(failure(verifyChain(req(l.cert, [i0.cert, i1.cert], [r.cert]), node)), 'path-too-long');
    const l0 = await leaf(i0);
    assert.ok(verifyChain(req(l0.cert, [i0.cert], [r.cert]), node).ok);
  });

  test('bad signature: a leaf signed by another key under the same issuer name', async () => {
    const impostor = await keys('p256');
    const l = await cert({ subject: 'CN=service.example.com', keys: await keys('p256'), issuer: { cert: i.cert, keys: impostor }, dns: ['service.example.com'], noAki: true });
    assert.equal(failure(verifyChain(req(l, [i.cert], [r.cert]), node)), 'constraint-violated'); // AKI missing
    const l2 = await cert({ subject: 'CN=service.example.com', keys: await keys('p256'), issuer: { cert: i.cert, keys: impostor }, dns: ['service.example.com'] });
    // AKI points at the impostor key: the real ICA is not even a candidate
    assert.equal(failure(verifyChain(req(l2, [i.cert], [r.cert]), node)), 'anchor-not-found');
    // a flipped signature byte
    const good = await leaf(i);
    const der = good.cert.der.slice();
    der[der.length - 5]! ^= 0x01;
    assert.equal(failure(verifyChain({ ...req(good.cert, [i.cert], [r.cert]), leaf: der }, node)), 'bad-signature');
  });

  test('missing anchor, untrusted self-signed root, disabled anchor', async () => {
    const l = await leaf(i);
    assert.equal(failure(verifyChain(req(l.cert, [], [r.cert]), node)), 'anchor-not-found');
    const other = await root('CN=Other Root');
    assert.equal(failure(verifyChain(req(l.cert, [i.cert, r.cert], [other.cert]), node)), 'untrusted-root');
    assert.equal(failure(verifyChain({ ...req(l.cert, [i.cert], []), anchors: [{ der: r.cert.der, enabled: false }] }, node)), 'anchor-not-found');
  });

  test('CA rules: basicConstraints, keyCertSign, SKI criticality, unknown critical extension', async () => {
    const noBc = await intermediate(r, 'CN=No BC', 'p256', { noBasicConstraints: true, keyUsage: x509.KeyUsageFlags.digitalSignature });
    assert.equal(failure(verifyChain(req((await leaf(noBc)).cert, [noBc.cert], [r.cert]), node)), 'constraint-violated');
    const noKcs = await intermediate(r, 'CN=No keyCertSign', 'p256', { keyUsage: x509.KeyUsageFlags.cRLSign });
    assert.equal(failure(verifyChain(req((await leaf(noKcs)).cert, [noKcs.cert], [r.cert]), node)), 'key-usage');
    const critSki = await intermediate(r, 'CN=Critical SKI', 'p256', { skiCritical: true });
    assert.equal(failure(verifyChain(req((await leaf(critSki)).cert, [critSki.cert], [r.cert]), node)), 'constraint-violated');
    const unknown = await leaf(i, 'service.example.com', 'p256', { extraExtensions: [new x509.Extension('1.3.6.1.4.1.99999.1', true, new Uint8Array([5, 0]))] });
    assert.equal(failure(verifyChain(req(unknown.cert, [i.cert], [r.cert]), node)), 'unsupported-critical-extension');
  });

  test('key usage and extended key usage requirements', async () => {
    const l = await leaf(i, 'service.example.com', 'p256', { keyUsage: x509.KeyUsageFlags.digitalSignature, eku: [x509.ExtendedKeyUsage.clientAuth] });
    assert.ok(verifyChain(req(l.cert, [i.cert], [r.cert], { keyUsage: ['digitalSignature'] }), node).ok);
    assert.equal(failure(verifyChain(req(l.cert, [i.cert], [r.cert], { keyUsage: ['keyEncipherment'] }), node)), 'key-usage');
    assert.ok(verifyChain(req(l.cert, [i.cert], [r.cert], { extendedKeyUsage: ['1.3.6.1.5.5.7.3.2'] }), node).ok);
    assert.equal(failure(verifyChain(req(l.cert, [i.cert], [r.cert], { extendedKeyUsage: ['1.3.6.1.5.5.7.3.1'] }), node)), 'key-usage');
  });

  test('termination: an intermediate anchor ends the path under trust-store, not under root-required', async () => {
    const l = await leaf(i);
    const ts = verifyChain(req(l.cert, [], [i.cert]), node);
    assert.ok(ts.ok);
    assert.equal(ts.chain.length, 2);
    assert.notEqual(failure(verifyChain(req(l.cert, [], [i.cert], { termination: 'root-required' }), node)), 'ok');
    const rr = verifyChain(req(l.cert, [i.cert], [i.cert, r.cert], { termination: 'root-required' }), node);
    assert.ok(rr.ok);
    assert.equal(rr.chain.length, 3);
  });

  test('a pinned leaf (the leaf itself is an anchor) is a chain of one, after the leaf checks', async () => {
    const l = await leaf(i, 'pinned.example.com');
    const p = { peerName: { kind: 'dns' as const, value: 'pinned.example.com' } };
    const res = verifyChain(req(l.cert, [], [l.cert], p), node);
    assert.ok(res.ok, JSON.stringify(res));
    assert.deepEqual(res.chain, [l.cert.der]);
    assert.equal(failure(verifyChain(req(l.cert, [], [l.cert], { peerName: { kind: 'dns', value: 'other.example.com' } }), node)), 'name-mismatch');
    assert.equal(failure(verifyChain(req(l.cert, [], [l.cert], { ...p, time: new Date(NOW.getTime() + 400 * DAY) }), node)), 'expired');
    // root-required: not self-signed, so not a root
    assert.notEqual(failure(verifyChain(req(l.cert, [], [l.cert], { ...p, termination: 'root-required' }), node)), 'ok');
    const self = await cert({ subject: 'CN=self.example.com', keys: await keys(), dns: ['self.example.com'] });
    assert.ok(verifyChain(req(self, [], [self], { termination: 'root-required' }), node).ok);
  });

  test('maxDepth counts intermediates', async () => {
    const i2 = await intermediate(i, 'CN=ICA 2');
    const l = await leaf(i2);
    assert.ok(verifyChain(req(l.cert, [i.cert, i2.cert], [r.cert], { maxDepth: 2 }), node).ok);
    assert.equal(failure(verifyChain(req(l.cert, [i.cert, i2.cert], [r.cert], { maxDepth: 1 }), node)), 'path-too-long');
  });

  test('web PKI profile: anyEKU and a CA leaf are rejected where RFC 5280 accepts them', async () => {
    const serverAuth = '1.3.6.1.5.5.7.3.1';
    const anyEku = await leaf(i, 'service.example.com', 'p256', { eku: ['2.5.29.37.0'] });
    assert.ok(verifyChain(req(anyEku.cert, [i.cert], [r.cert], { extendedKeyUsage: [serverAuth] }), node).ok);
    assert.equal(failure(verifyChain(req(anyEku.cert, [i.cert], [r.cert], { profile: 'webpki', extendedKeyUsage: [serverAuth] }), node)), 'key-usage');
    const caLeaf = await intermediate(i, 'CN=ca.example.com', 'p256', { dns: ['ca.example.com'] });
    const p = { peerName: { kind: 'dns' as const, value: 'ca.example.com' } };
    assert.ok(verifyChain(req(caLeaf.cert, [i.cert], [r.cert], p), node).ok);
    assert.equal(failure(verifyChain(req(caLeaf.cert, [i.cert], [r.cert], { ...p, profile: 'webpki' }), node)), 'constraint-violated');
  });
});

describe('name constraints', () => {
  test('DNS, IP, email and directory-name subtrees, permitted and excluded', async () => {
    const r = await root('CN=NC Root');
    const dns = (value: string): asn1.GeneralName => new asn1.GeneralName({ dNSName: value });
    const dn = (s: string): asn1.GeneralName => new asn1.GeneralName({ directoryName: AsnConvert.parse(new x509.Name(s).toArrayBuffer(), asn1.Name) });
    const i = await intermediate(r, 'O=Good Org, CN=ICA', 'p256', {
      nameConstraints: {
        permitted: [dns('example.com'), new asn1.GeneralName({ iPAddress: '192.0.2.0/24' as never }), dn('O=Good Org')],
        excluded: [dns('bad.example.com')],
      },
    });
    const mk = async (subject: string, o: { dns?: string[]; ips?: string[] }): Promise<string> => {
      const k = await keys();
      const l = await cert({ subject, keys: k, issuer: i, dns: o.dns ?? [], ips: o.ips ?? [] });
      return failure(verifyChain(req(l, [i.cert], [r.cert]), node));
    };
    assert.equal(await mk('O=Good Org, CN=a', { dns: ['a.example.com'] }), 'ok');
    assert.equal(await mk('O=Good Org, CN=a', { dns: ['a.example.org'] }), 'constraint-violated');
    assert.equal(await mk('O=Good Org, CN=a', { dns: ['x.bad.example.com'] }), 'constraint-violated');
    assert.equal(await mk('O=Evil Org, CN=a', { dns: ['a.example.com'] }), 'constraint-violated');
    assert.equal(await mk('O=Good Org, CN=a', { dns: ['a.example.com'], ips: ['192.0.2.200'] }), 'ok');
    assert.equal(await mk('O=Good Org, CN=a', { dns: ['a.example.com'], ips: ['198.51.100.1'] }), 'constraint-violated');
  });
});


describe('more name constraints', () => {
  test('email subtrees (mailbox, host, domain) and an excluded directory name', async () => {
    const r = await root('CN=Mail Root');
    const email = (v: string): asn1.GeneralName => new asn1.GeneralName({ rfc822Name: v });
    const i = await intermediate(r, 'CN=Mail ICA', 'p256', {
      nameConstraints: {
        permitted: [email('boss@corp.example'), email('mail.example'), email('.staff.example')],
        excluded: [new asn1.GeneralName({ directoryName: AsnConvert.parse(new x509.Name('O=Banned').toArrayBuffer(), asn1.Name) })],
      },
    });
    const v = async (subject: string, emails: string[]): Promise<string> => {
      const l = await cert({ subject, keys: await keys(), issuer: i, emails, eku: ['1.3.6.1.5.5.7.3.4'] });
      return failure(verifyChain(req(l, [i.cert], [r.cert], { peerName: { kind: 'email', value: emails[0]! } }), node));
    };
    assert.equal(await v('CN=a', ['boss@corp.example']), 'ok');
    assert.equal(await v('CN=a', ['intern@corp.example']), 'constraint-violated');
    assert.equal(await v('CN=a', ['anyone@mail.example']), 'ok');
    assert.equal(await v('CN=a', ['anyone@sub.mail.example']), 'constraint-violated');
    assert.equal(await v('CN=a', ['x@team.staff.example']), 'ok');
    assert.equal(await v('CN=a', ['x@staff.example']), 'constraint-violated');
    assert.equal(await v('O=Banned, CN=a', ['boss@corp.example']), 'constraint-violated');
  });
});

describe('hostile and malformed input', () => {
  test('garbage, truncations and bit flips of a valid chain never throw and give typed results', async () => {
    const r = await root('CN=Fuzz Root');
    const i = await intermediate(r, 'CN=Fuzz ICA');
    const l = await leaf(i);
    const typed = new Set(['ok', 'expired', 'not-yet-valid', 'revoked', 'untrusted-root', 'anchor-not-found', 'bad-signature', 'constraint-violated', 'name-mismatch', 'path-too-long', 'budget-exceeded', 'key-usage', 'unsupported-critical-extension', 'revocation-unknown', 'malformed', 'unsupported-algorithm']);
    const inputs: Uint8Array[] = [new Uint8Array(0), new Uint8Array([0x30]), new Uint8Array([0x30, 0x84, 0xff, 0xff, 0xff, 0xff]), new Uint8Array(1000).fill(0x30)];
    for (let n = 0; n < l.cert.der.length; n += 7) inputs.push(l.cert.der.subarray(0, n));
    for (let k = 0; k < l.cert.der.length; k += 3) {
      const d = l.cert.der.slice();
      d[k]! ^= 0x40;
      inputs.push(d);
    }
    let ok = 0;
    for (const der of inputs) {
      const res = verifyChain({ leaf: der, intermediates: [i.cert.der, der], anchors: [{ der: r.cert.der }], crls: [der], time: NOW, revocation: 'crl', coverage: 'best-effort' }, node);
      assert.ok(typed.has(failure(res)), failure(res));
      if (res.ok) ok++;
      // the same bytes as an extra anchor beside the real chain: typed, and the real chain still verifies
      const asAnchor = verifyChain({ leaf: l.cert.der, intermediates: [i.cert.der, der], anchors: [{ der }, { der: r.cert.der }], time: NOW }, node);
      assert.ok(asAnchor.ok, failure(asAnchor));
    }
    // every byte of a certificate is covered by the signature or must match the TBS: no mutation verifies
    assert.equal(ok, 0, `${ok} of ${inputs.length} mutated leaves verified`);
  });

  test('a malformed request is a typed result, never an exception', async () => {
    const r = await root('CN=Req Root');
    const l = await leaf(r);
    const base = { leaf: l.cert.der, anchors: [{ der: r.cert.der }], time: NOW };
    const bad: unknown[] = [
      { ...base, budgets: { steps: -1 } },
      { ...base, budgets: { nonsense: 3 } },
      { ...base, time: 'yesterday' },
      { ...base, time: new Date(NaN) },
      { ...base, maxDepth: 1.5 },
      { ...base, profile: 'lax' },
      { ...base, anchors: undefined },
      { ...base, peerName: { kind: 'uri', value: 'x' } },
      { ...base, peerName: { kind: 'ip', value: 'not-an-ip' } },
      { ...base, keyUsage: ['flyingAbility'] },
    ];
    for (const q of bad) {
      const res = verifyChain(q as VerifyRequest, node);
      assert.equal(failure(res), 'malformed', JSON.stringify(q, (_k, v: unknown) => (v instanceof Uint8Array ? '<der>' : v)));
    }
    assert.ok(verifyChain(base, node).ok);
  });

  test('PEM helpers: round trip and bundles', async () => {
    const r = await root('CN=PEM Root');
    const pem = derToPem(r.cert.der, 'CERTIFICATE');
    assert.equal(pem, r.cert.x509.toString('pem').replace(/\r\n/g, '\n') + (r.cert.x509.toString('pem').endsWith('\n') ? '' : '\n'));
    assert.deepEqual(pemToDer(pem, 'CERTIFICATE'), r.cert.der);
    assert.deepEqual(splitPem(`junk\n${pem}\n${pem}`).map((b) => b.label), ['CERTIFICATE', 'CERTIFICATE']);
    assert.throws(() => pemToDer(pem + pem, 'CERTIFICATE'), /expected one CERTIFICATE block/);
    assert.throws(() => pemToDer(pem.replace('M', '!'), 'CERTIFICATE'), /invalid base64/);
  });

  test('size budgets: an oversized leaf or input fails typed; an oversized untrusted extra is ignored', async () => {
    const r = await root('CN=Size Root');
    const i = await intermediate(r, 'CN=Size ICA');
    const l = await leaf(i);
    const base = { leaf: l.cert.der, intermediates: [i.cert.der], anchors: [{ der: r.cert.der }], time: NOW };
    assert.ok(verifyChain(base, node).ok);
    assert.equal(failure(verifyChain({ ...base, budgets: { certificateBytes: l.cert.der.length - 1 } }, node)), 'budget-exceeded');
    assert.equal(failure(verifyChain({ ...base, budgets: { inputBytes: 1000 } }, node)), 'budget-exceeded');
    const big = new Uint8Array(70_000);
    const withBig = verifyChain({ ...base, intermediates: [big, i.cert.der] }, node);
    assert.ok(withBig.ok, JSON.stringify(withBig));
  });

  test('the CRL input budget refuses an oversized CRL list before any work', async () => {
    const r = await root('CN=Budget Root');
    const l = await leaf(r);
    const res = verifyChain({ leaf: l.cert.der, anchors: [{ der: r.cert.der }], crls: new Array(300).fill(new Uint8Array([0x30, 0])), time: NOW }, node);
    assert.equal(failure(res), 'budget-exceeded');
  });
});
