/**
 * Regression tests from the PKI review of the validator (accept-direction bugs): each builds the
 * chain that must be rejected with @peculiar/x509 and asserts the typed failure.
 */
import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import { createNodeBackend } from '../../host/src/backends/node.js';
import { verifyChain, type VerifyRequest, type VerifyResult } from '../../host/src/core/x509/index.js';
import { AsnConvert } from '@peculiar/asn1-schema';
import { decodeTime, readTlv } from '../../host/src/core/x509/der.js';
import { NOW, asn1, cert, crl, intermediate, keys, root, x509, type Cert, type Keys } from './pki.js';

const node = createNodeBackend();
type Ca = { cert: Cert; keys: Keys };

function req(l: Cert, ints: Cert[], anchors: Cert[], extra: Partial<VerifyRequest> = {}): VerifyRequest {
  return { leaf: l.der, intermediates: ints.map((c) => c.der), anchors: anchors.map((a) => ({ der: a.der })), time: NOW, ...extra };
}
function failure(r: VerifyResult): string {
  return r.ok ? 'ok' : r.failure;
}
const ipBase = (s: string): asn1.GeneralName => new asn1.GeneralName({ iPAddress: s });

describe('review: IP name constraints and IPv4-mapped IPv6 addresses', () => {
  let r: Ca;
  before(async () => {
    r = await root('CN=Review IP Root');
  });

  test('an excluded IPv4 subtree also excludes the IPv4-mapped IPv6 form of its addresses', async () => {
    const ica = await intermediate(r, 'CN=No Private ICA', 'p256', { nameConstraints: { excluded: [ipBase('10.0.0.0/8')] } });
    const v = async (san: string, peer: string): Promise<string> => {
      const l = await cert({ subject: 'CN=host', keys: await keys(), issuer: ica, ips: [san] });
      return failure(verifyChain(req(l, [ica.cert], [r.cert], { peerName: { kind: 'ip', value: peer } }), node));
    };
    // (written as 0:0:0:0:0:ffff:a00:1 because @peculiar's IpConverter mis-encodes the dotted ::ffff:10.0.0.1 form)
    assert.equal(await v('10.0.0.1', '10.0.0.1'), 'constraint-violated');
    assert.equal(await v('0:0:0:0:0:ffff:a00:1', '::ffff:10.0.0.1'), 'constraint-violated');
    assert.equal(await v('0:0:0:0:0:ffff:c000:201', '::ffff:192.0.2.1'), 'ok'); // outside 10/8: still fine
    assert.equal(await v('192.0.2.1', '192.0.2.1'), 'ok');
  });

  test('an excluded IPv4-mapped IPv6 subtree also excludes the plain IPv4 addresses it maps', async () => {
    const ica = await intermediate(r, 'CN=No Mapped ICA', 'p256', { nameConstraints: { excluded: [ipBase('0:0:0:0:0:ffff:a00:0/104')] } });
    const l = await cert({ subject: 'CN=host', keys: await keys(), issuer: ica, ips: ['10.1.2.3'] });
    assert.equal(failure(verifyChain(req(l, [ica.cert], [r.cert], { peerName: { kind: 'ip', value: '10.1.2.3' } }), node)), 'constraint-violated');
  });
});

describe('review: a DNS peer name that is an IP address literal', () => {
  test('never matches a dNSName entry (only an iPAddress entry can vouch for an address)', async () => {
    const r = await root('CN=Review DNS Root');
    // A CA limited to 192.168/16 by IP constraints has no DNS constraint, so a dNSName "10.0.0.1" passes them.
    const ica = await intermediate(r, 'CN=IP-limited ICA', 'p256', { nameConstraints: { permitted: [ipBase('192.168.0.0/16')] } });
    const l = await cert({ subject: 'CN=x', keys: await keys(), issuer: ica, dns: ['10.0.0.1', '10.1', '192.168.0.010'] });
    const v = (value: string): string => failure(verifyChain(req(l, [ica.cert], [r.cert], { peerName: { kind: 'dns', value } }), node));
    assert.equal(v('10.0.0.1'), 'name-mismatch');
    assert.equal(v('10.0.0.1.'), 'name-mismatch');
    assert.equal(v('10.1'), 'name-mismatch'); // inet_aton shorthand for 10.0.0.1
    assert.equal(v('192.168.0.010'), 'name-mismatch');
    // the address as an IP peer name is checked against iPAddress entries (there is none here)
    assert.equal(failure(verifyChain(req(l, [ica.cert], [r.cert], { peerName: { kind: 'ip', value: '10.0.0.1' } }), node)), 'name-mismatch');
    // hostnames with numeric labels other than the last still match
    const l2 = await cert({ subject: 'CN=y', keys: await keys(), issuer: ica, dns: ['10.0.0.1.example.com'] });
    assert.equal(failure(verifyChain(req(l2, [ica.cert], [r.cert], { peerName: { kind: 'dns', value: '10.0.0.1.example.com' } }), node)), 'ok');
  });
});

describe('review: distinguished-name comparison keys', () => {
  test('an attribute value containing "+" or "," is not confused with RDN / attribute separators', async () => {
    const r = await root('CN=Review DN Root');
    // permitted: the single multi-valued RDN {O=acme + CN=ops}
    const base = new x509.Name([{ O: ['acme'], CN: ['ops'] }]);
    const ica = await intermediate(r, 'CN=DN-limited ICA', 'p256', {
      nameConstraints: { permitted: [new asn1.GeneralName({ directoryName: AsnConvert.parse(base.toArrayBuffer(), asn1.Name) })] },
    });
    const v = async (subject: x509.JsonName): Promise<string> => {
      const l = await cert({ subject: subject as never, keys: await keys(), issuer: ica, dns: ['a.example.com'] });
      return failure(verifyChain(req(l, [ica.cert], [r.cert], { peerName: { kind: 'dns', value: 'a.example.com' } }), node));
    };
    assert.equal(await v([{ O: ['acme'], CN: ['ops'] }, { CN: ['a.example.com'] }]), 'ok');
    // one RDN with a single O attribute whose value is "acme+2.5.4.3=ops": outside the subtree
    assert.equal(await v([{ O: ['acme+2.5.4.3=ops'] }, { CN: ['a.example.com'] }]), 'constraint-violated');
  });

  test('a certificate whose issuer DN differs from the CA subject only by separators in values does not chain', async () => {
    const r = await root('CN=Review Chain Root');
    const ica = await intermediate(r, 'O=acme, CN=ica');
    // issuer written as one RDN O="acme,2.5.4.3=ica" instead of the two RDNs O=acme, CN=ica
    const l = await cert({ subject: 'CN=a.example.com', keys: await keys(), issuer: ica, issuerName: [{ O: ['acme,2.5.4.3=ica'] }] as never, dns: ['a.example.com'] });
    assert.equal(failure(verifyChain(req(l, [ica.cert], [r.cert]), node)), 'anchor-not-found');
  });
});

describe('review: GeneralizedTime years below 100', () => {
  test('are decoded as written (Date.UTC would map 0000-0099 to 1900-1999)', () => {
    const gt = (s: string): Date => decodeTime(readTlv(Uint8Array.from([0x18, s.length, ...Array.from(s, (ch) => ch.charCodeAt(0))]), 0));
    assert.equal(gt('00991231235959Z').getUTCFullYear(), 99);
    assert.equal(gt('00010101000000Z').toISOString(), '0001-01-01T00:00:00.000Z');
    assert.equal(gt('19991231235959Z').toISOString(), '1999-12-31T23:59:59.000Z');
    assert.throws(() => gt('00990229000000Z')); // year 99 is no leap year (1999 is not either; 0096 is)
    assert.equal(gt('00960229000000Z').toISOString(), '0096-02-29T00:00:00.000Z');
    // UTCTime keeps the RFC 5280 window: 50..99 → 19xx, 00..49 → 20xx
    const ut = (s: string): Date => decodeTime(readTlv(Uint8Array.from([0x17, s.length, ...Array.from(s, (ch) => ch.charCodeAt(0))]), 0));
    assert.equal(ut('500101000000Z').getUTCFullYear(), 1950);
    assert.equal(ut('491231235959Z').getUTCFullYear(), 2049);
  });
});

describe('review: policyMappings', () => {
  test('an intermediate mapping to or from anyPolicy is rejected (RFC 5280 §6.1.4 (a)); an ordinary mapping is not', async () => {
    const r = await root('CN=Review Policy Root');
    const ANY = '2.5.29.32.0';
    const mapping = (issuerDomainPolicy: string, subjectDomainPolicy: string): x509.Extension =>
      new x509.Extension(asn1.id_ce_policyMappings, true, AsnConvert.serialize(new asn1.PolicyMappings([new asn1.PolicyMapping({ issuerDomainPolicy, subjectDomainPolicy } as never)])));
    const v = async (ext: x509.Extension): Promise<string> => {
      const ica = await intermediate(r, 'CN=Mapping ICA', 'p256', { extraExtensions: [ext] });
      const l = await cert({ subject: 'CN=a.example.com', keys: await keys(), issuer: ica, dns: ['a.example.com'] });
      return failure(verifyChain(req(l, [ica.cert], [r.cert], { peerName: { kind: 'dns', value: 'a.example.com' } }), node));
    };
    assert.equal(await v(mapping('1.2.3.4', '1.2.3.5')), 'ok');
    assert.equal(await v(mapping(ANY, '1.2.3.5')), 'constraint-violated');
    assert.equal(await v(mapping('1.2.3.4', ANY)), 'constraint-violated');
  });
});

describe('review: CRL parsing is bounded', () => {
  test('CRLs are not parsed (nor counted) without revocation checking; with it their total size is budgeted', async () => {
    const r = await root('CN=Review CRL Root');
    const l = await cert({ subject: 'CN=a.example.com', keys: await keys(), issuer: r, dns: ['a.example.com'] });
    const list = await crl({ issuer: r });
    const crls = [list, list, list];
    const base = { leaf: l.der, anchors: [{ der: r.cert.der }], time: NOW, crls };
    const small = { crlBytes: 2 * list.length };
    // Ignored CRLs cost nothing (each one's schema parse can take 100+ ms, and 256 of them are allowed).
    assert.equal(failure(verifyChain({ ...base, budgets: small }, node)), 'ok');
    assert.equal(failure(verifyChain({ ...base, revocation: 'crl', budgets: small }, node)), 'budget-exceeded');
    assert.equal(failure(verifyChain({ ...base, revocation: 'crl', budgets: { crlBytes: 3 * list.length } }, node)), 'ok');
    // anchors' CRLs count as well
    const viaAnchor = { leaf: l.der, anchors: [{ der: r.cert.der, crls }], time: NOW, revocation: 'crl' as const };
    assert.equal(failure(verifyChain({ ...viaAnchor, budgets: small }, node)), 'budget-exceeded');
    assert.equal(failure(verifyChain(viaAnchor, node)), 'ok');
  });
});

describe('review: certificate parsing is bounded by ASN.1 nodes, not only bytes', () => {
  test('the asnNodes budget counts the TLVs of every certificate parsed; over it the call ends budget-exceeded', async () => {
    const r = await root('CN=Review Nodes Root');
    const ica = await intermediate(r, 'CN=Review Nodes ICA');
    const l = await cert({ subject: 'CN=a.example.com', keys: await keys(), issuer: ica, dns: ['a.example.com'] });
    // an untrusted extra with 1,500 RDNs (about 6,000 TLVs in 18 KB; its schema parse takes ~50-100 ms)
    const heavy = await cert({ subject: Array.from({ length: 1500 }, () => ({ CN: ['x'] })) as never, keys: await keys(), issuer: r });
    const base = { leaf: l.der, intermediates: [ica.cert.der], anchors: [{ der: r.cert.der }], time: NOW };
    assert.equal(failure(verifyChain(base, node)), 'ok');
    assert.equal(failure(verifyChain({ ...base, budgets: { asnNodes: 100 } }, node)), 'budget-exceeded'); // three certificates of ~45-55 TLVs each
    assert.equal(failure(verifyChain({ ...base, budgets: { asnNodes: 200 } }, node)), 'ok');
    // 16 MiB of such certificates fit the byte budgets (about 900 of them: a minute of parsing) but not the node budget
    const many = { ...base, intermediates: [ica.cert.der, ...new Array<Uint8Array>(900).fill(heavy.der)] };
    assert.equal(failure(verifyChain(many, node)), 'budget-exceeded');
  });
});
