/**
 * The `certificates` interface (docs/certificates.md) without wasm: parse/export round trips,
 * fields checked against node:crypto's X509Certificate (an independent parser), bundles, size
 * limits, CRLs, the verify-only public key, trust stores, and handle accounting.
 */
import assert from 'node:assert/strict';
import { createHash, X509Certificate as NodeX509 } from 'node:crypto';
import { before, describe, test } from 'node:test';
import { createCryptoHost } from '../../host/src/index.js';
import { drop, throwsCode, utf8 } from '../interfaces/helpers.js';
import { ml_dsa65 } from '@noble/post-quantum/ml-dsa.js';
import { crl, ED, issue, type Issued, mldsaCert, NOW, pem, root, signRaw } from './fixtures.js';

let ca: Issued;
let inter: Issued;
let leaf: Issued;
let edRoot: Issued;
let edLeaf: Issued;
let crlDer: Uint8Array;

before(async () => {
  ca = await root('CN=Test Root CA,O=wasi-crypto-host,C=DE');
  inter = await issue(ca, 'CN=Test Intermediate,O=wasi-crypto-host', { ca: true });
  leaf = await issue(inter, 'CN=ecu.example.com,O=wasi-crypto-host', {
    san: [
      { type: 'dns', value: 'ecu.example.com' },
      { type: 'ip', value: '192.0.2.7' },
      { type: 'email', value: 'ops@example.com' },
      { type: 'url', value: 'https://example.com/ecu' },
    ],
  });
  edRoot = await root('CN=Ed Root', ED);
  edLeaf = await issue(edRoot, 'CN=Ed Leaf', { alg: ED, issuerAlg: ED });
  crlDer = await crl(ca, [inter.cert.serialNumber, '0badc0de']);
});

function certs(host = createCryptoHost()) {
  const i = host.getImportObject();
  return { host, c: i['wasi:crypto/certificates'], asym: i['wasi:crypto/asymmetric-common'], signatures: i['wasi:crypto/signatures'] };
}

const seconds = (s: string): bigint => BigInt(Math.floor(new Date(s).getTime() / 1000));

describe('certificate', () => {
  test('DER and PEM parse to the same certificate; export round-trips byte for byte', () => {
    using host = createCryptoHost();
    const { c } = certs(host);
    const a = c.Certificate.parse(leaf.der, 'der');
    const b = c.Certificate.parse(utf8(`explanatory text\n${pem('CERTIFICATE', leaf.der)}`), 'pem');
    assert.deepEqual(a.export('der'), leaf.der);
    assert.deepEqual(b.export('der'), leaf.der);
    const exported = Buffer.from(a.export('pem')).toString('latin1');
    assert.equal(new NodeX509(exported).raw.compare(Buffer.from(leaf.der)), 0, 'node:crypto reads our PEM back to the same DER');
    drop(a, b);
  });

  test('subject, issuer, serial, validity, fingerprint and SANs agree with node:crypto X509Certificate', () => {
    using host = createCryptoHost();
    const { c } = certs(host);
    const n = new NodeX509(Buffer.from(leaf.der));
    const h = c.Certificate.parse(leaf.der, 'der');
    assert.equal(Buffer.from(h.sha256Fingerprint()).toString('hex').toUpperCase(), n.fingerprint256.replace(/:/g, ''));
    assert.equal(Buffer.from(h.sha256Fingerprint()).toString('hex'), createHash('sha256').update(leaf.der).digest('hex'));
    assert.equal(Buffer.from(h.serialNumber()).toString('hex').toUpperCase(), n.serialNumber.toUpperCase());
    assert.deepEqual(h.validity(), { notBefore: seconds(n.validFrom), notAfter: seconds(n.validTo) });
    // node prints one RDN per line, in certificate order.
    assert.equal(h.subject(), n.subject.split('\n').join(', '));
    assert.equal(h.issuer(), n.issuer.split('\n').join(', '));
    assert.equal(h.subject(), 'CN=ecu.example.com, O=wasi-crypto-host');
    assert.deepEqual(h.subjectAltNames(), [
      { kind: 'dns', value: 'ecu.example.com' },
      { kind: 'ip', value: '192.0.2.7' },
      { kind: 'email', value: 'ops@example.com' },
      { kind: 'uri', value: 'https://example.com/ecu' },
    ]);
    assert.equal(n.subjectAltName, 'DNS:ecu.example.com, IP Address:192.0.2.7, email:ops@example.com, URI:https://example.com/ecu');
    assert.equal(h.isCa(), false);
    const r = c.Certificate.parse(ca.der, 'der');
    assert.equal(r.isCa(), true);
    assert.equal(n.ca, false);
    assert.deepEqual(r.subjectAltNames(), []);
    drop(h, r);
  });

  test('names as text: certificate order, RFC 4514 escaping (as node:crypto escapes), multi-valued RDNs, dotted OIDs', async () => {
    const odd = await root([{ CN: ['Doe, John'], '0.9.2342.19200300.100.1.1': ['jd'] }, { O: ['Acme; Inc'] }, { OU: [' lead'] }, { '2.5.4.15': ['Private'] }, { C: ['DE'] }]);
    using host = createCryptoHost();
    const { c } = certs(host);
    const h = c.Certificate.parse(odd.der, 'der');
    assert.equal(h.subject(), 'CN=Doe\\, John+UID=jd, O=Acme\\; Inc, OU=\\ lead, 2.5.4.15=Private, C=DE');
    assert.equal(h.issuer(), h.subject());
    // node:crypto escapes the same way; it spaces '+' and names businessCategory.
    assert.equal(new NodeX509(Buffer.from(odd.der)).subject, 'CN=Doe\\, John + UID=jd\nO=Acme\\; Inc\nOU=\\ lead\nbusinessCategory=Private\nC=DE');
  });

  test('bundles: PEM (with other blocks and text between) and concatenated DER, in order', () => {
    using host = createCryptoHost();
    const { c } = certs(host);
    const text = `${pem('CERTIFICATE', leaf.der)}junk\n${pem('PRIVATE KEY', new Uint8Array([1, 2, 3]))}${pem('CERTIFICATE', inter.der)}\n${pem('CERTIFICATE', ca.der)}`;
    const fromPem = c.Certificate.parseBundle(utf8(text), 'pem');
    assert.deepEqual(fromPem.map((x) => Buffer.from(x.export('der')).toString('hex')), [leaf.der, inter.der, ca.der].map((d) => Buffer.from(d).toString('hex')));
    const cat = Buffer.concat([leaf.der, inter.der, ca.der]);
    const fromDer = c.Certificate.parseBundle(cat, 'der');
    assert.equal(fromDer.length, 3);
    assert.deepEqual(fromDer[2]!.export('der'), ca.der);
    assert.equal(host.stats().handles.byKind.certificate, 6);
    drop(...fromPem, ...fromDer);
    throwsCode(() => c.Certificate.parseBundle(utf8('no certificates here'), 'pem'), 'unsupported-encoding');
    throwsCode(() => c.Certificate.parseBundle(cat.subarray(0, cat.length - 1), 'der'), 'invalid-key');
    assert.equal(host.stats().handles.total, 0);
  });

  test('malformed input: typed errors, never a trap', () => {
    using host = createCryptoHost();
    const { c } = certs(host);
    throwsCode(() => c.Certificate.parse(new Uint8Array([0x30, 0x03, 1, 2, 3]), 'der'), 'invalid-key');
    throwsCode(() => c.Certificate.parse(Buffer.concat([leaf.der, Buffer.from([0])]), 'der'), 'invalid-key');
    throwsCode(() => c.Certificate.parse(leaf.der.subarray(0, 100), 'der'), 'invalid-key');
    throwsCode(() => c.Certificate.parse(utf8('hello'), 'pem'), 'unsupported-encoding');
    throwsCode(() => c.Certificate.parse(utf8(pem('CERTIFICATE', leaf.der) + pem('CERTIFICATE', ca.der)), 'pem'), 'unsupported-encoding');
    throwsCode(() => c.Certificate.parse(utf8('-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n'), 'pem'), 'invalid-key');
    throwsCode(() => c.Crl.parse(leaf.der, 'der'), 'invalid-key');
    assert.equal(host.stats().handles.total, 0);
  });

  test('sizes are checked against the host limits before parsing', () => {
    using host = createCryptoHost({ limits: { maxCertificateBytes: 512, maxBundleBytes: 4096, maxBundleCertificates: 2, maxCrlBytes: 64 } });
    const { c } = certs(host);
    assert.ok(leaf.der.length > 512);
    throwsCode(() => c.Certificate.parse(leaf.der, 'der'), 'invalid-length');
    throwsCode(() => c.Certificate.parse(new Uint8Array(513), 'der'), 'invalid-length');
    throwsCode(() => c.Certificate.parseBundle(new Uint8Array(4097), 'der'), 'invalid-length');
    const three = utf8(pem('CERTIFICATE', edLeaf.der).repeat(3));
    assert.ok(three.length <= 4096);
    throwsCode(() => c.Certificate.parseBundle(three, 'pem'), 'invalid-length');
    throwsCode(() => c.Crl.parse(crlDer, 'der'), 'invalid-length');
  });

  test('the public key verifies signatures (P-256 and Ed25519) and cannot sign', async () => {
    using host = createCryptoHost();
    const { c, asym, signatures } = certs(host);
    const msg = utf8('firmware image v1');
    for (const [who, alg, name] of [[leaf, { name: 'ECDSA' }, 'ECDSA_P256_SHA256'], [edLeaf, ED, 'Ed25519']] as const) {
      const cert = c.Certificate.parse(who.der, 'der');
      const pk = cert.publicKey(undefined);
      assert.equal(pk.algorithm(), name);
      assert.deepEqual(pk.permissions(), { encrypt: false, decrypt: false, wrap: false, unwrap: false, sign: false, verify: true, mac: false, agree: false, derive: false, export: false, import: false });
      const sig = await signRaw(who.keys.privateKey, alg, msg);
      signatures.verify(pk, msg, sig);
      throwsCode(() => signatures.verify(pk, utf8('firmware image v2'), sig), 'verification-failed');
      // The matching secret key plus the certificate's key give a key pair that may not sign.
      const pkcs8 = new Uint8Array(await (globalThis.crypto.subtle.exportKey('pkcs8', who.keys.privateKey)));
      const sk = asym.Secretkey.import('signatures', name, pkcs8, 'pkcs8');
      const kp = asym.Keypair.fromPkAndSk(pk, sk);
      throwsCode(() => signatures.sign(kp, msg), 'prohibited-operation');
      throwsCode(() => signatures.SignatureState.open(kp, undefined), 'prohibited-operation');
      drop(kp, sk, pk, cert);
    }
    const cert = c.Certificate.parse(leaf.der, 'der');
    throwsCode(() => cert.publicKey('Ed25519'), 'unsupported-algorithm');
    throwsCode(() => cert.publicKey('NO-SUCH'), 'unsupported-algorithm');
    const p256 = cert.publicKey('ecdsa_p256_sha256');
    assert.equal(p256.algorithm(), 'ECDSA_P256_SHA256');
    drop(p256, cert);
    assert.equal(host.stats().handles.total, 0);
  });
});

describe('RSA certificate keys', () => {
  test('RSA PKCS#1 by default, RSA-PSS when named; both verify WebCrypto signatures', async () => {
    const pkcs1 = { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' };
    const pss = { name: 'RSA-PSS', modulusLength: 3072, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256', saltLength: 32 };
    const a = await root('CN=RSA PKCS1 Root', pkcs1);
    const b = await root('CN=RSA PSS Root', pss);
    using host = createCryptoHost();
    const { c, signatures } = certs(host);
    const msg = utf8('rsa message');
    const ca = c.Certificate.parse(a.der, 'der');
    const pa = ca.publicKey(undefined);
    assert.equal(pa.algorithm(), 'RSA_PKCS1_2048_SHA256');
    signatures.verify(pa, msg, await signRaw(a.keys.privateKey, pkcs1, msg));
    const cb = c.Certificate.parse(b.der, 'der');
    // WebCrypto writes RSA-PSS keys as rsaEncryption SPKIs: the default is PKCS#1, of the key's size.
    assert.equal(cb.publicKey(undefined).algorithm(), 'RSA_PKCS1_3072_SHA256');
    const pb = cb.publicKey('RSA_PSS_3072_SHA256');
    signatures.verify(pb, msg, await signRaw(b.keys.privateKey, pss, msg));
    throwsCode(() => signatures.verify(pb, utf8('other'), new Uint8Array(384)), 'verification-failed');
    throwsCode(() => ca.publicKey('ECDSA_P256_SHA256'), 'unsupported-algorithm');
  });
});

describe('crl', () => {
  test('issuer, update times, revoked serials; DER/PEM round trip', () => {
    using host = createCryptoHost();
    const { c } = certs(host);
    const l = c.Crl.parse(utf8(pem('X509 CRL', crlDer)), 'pem');
    assert.deepEqual(l.export('der'), crlDer);
    assert.equal(l.issuer(), c.Certificate.parse(ca.der, 'der').subject());
    assert.equal(l.thisUpdate(), seconds('2026-05-01T00:00:00Z'));
    assert.equal(l.nextUpdate(), seconds('2026-07-01T00:00:00Z'));
    assert.equal(l.revokedCount(), 2);
    const i = c.Certificate.parse(inter.der, 'der');
    assert.equal(l.isRevoked(i.serialNumber()), true);
    assert.equal(l.isRevoked(Uint8Array.from(Buffer.from('0badc0de', 'hex'))), true);
    assert.equal(l.isRevoked(c.Certificate.parse(leaf.der, 'der').serialNumber()), false);
    const again = c.Crl.parse(l.export('pem'), 'pem');
    assert.deepEqual(again.export('der'), crlDer);
  });
});

describe('trust store', () => {
  test('add (idempotent), list, enable/disable, per-member CRL, remove by certificate and by SHA-256', () => {
    using host = createCryptoHost();
    const { c } = certs(host);
    const ts = c.TrustStore.create();
    const r = c.Certificate.parse(ca.der, 'der');
    const e = c.Certificate.parse(edRoot.der, 'der');
    ts.add(r);
    ts.add(r);
    ts.add(e);
    let m = ts.members();
    assert.equal(m.length, 2);
    assert.deepEqual(m[0]!.sha256Fingerprint, r.sha256Fingerprint());
    assert.equal(m[0]!.subject, r.subject());
    assert.equal(m[0]!.kind, 'exclusive-mutable');
    assert.equal(m[0]!.enabled, true);
    assert.equal(m[0]!.hasCrl, false);
    assert.equal(m[0]!.slot, undefined);
    ts.setEnabled(r.sha256Fingerprint(), false);
    assert.equal(ts.members()[0]!.enabled, false);
    ts.setEnabled(r.sha256Fingerprint(), true);
    const l = c.Crl.parse(crlDer, 'der');
    ts.setMemberCrl(r.sha256Fingerprint(), l);
    assert.equal(ts.members()[0]!.hasCrl, true);
    ts.deleteMemberCrl(r.sha256Fingerprint());
    throwsCode(() => ts.deleteMemberCrl(r.sha256Fingerprint()), 'not-found');
    const back = ts.memberCertificate(e.sha256Fingerprint());
    assert.deepEqual(back.export('der'), edRoot.der);
    ts.remove(r);
    throwsCode(() => ts.remove(r), 'not-found');
    ts.removeByFingerprint(e.sha256Fingerprint());
    m = ts.members();
    assert.equal(m.length, 0);
    throwsCode(() => ts.setEnabled(new Uint8Array(31), true), 'invalid-length');
    throwsCode(() => ts.setEnabled(new Uint8Array(32), true), 'not-found');
    ts.addWithCrl(r, l);
    assert.equal(ts.members()[0]!.hasCrl, true);
    throwsCode(() => c.TrustStore.open('nope'), 'not-found');
    drop(back, l, e, r, ts);
    assert.equal(host.stats().handles.total, 0);
  });

  test('the member limit is enforced', () => {
    using host = createCryptoHost({ limits: { maxTrustStoreMembers: 1 } });
    const { c } = certs(host);
    const ts = c.TrustStore.create();
    ts.add(c.Certificate.parse(ca.der, 'der'));
    throwsCode(() => ts.add(c.Certificate.parse(edRoot.der, 'der')), 'overflow');
  });
});

describe('verification context: settings that fail before verifying', () => {
  test('misuse is an error-code, not a verify-result', () => {
    using host = createCryptoHost();
    const { c } = certs(host);
    const v = c.VerificationContext.create();
    const l = c.Certificate.parse(leaf.der, 'der');
    const r = c.Certificate.parse(ca.der, 'der');
    throwsCode(() => v.verify(), 'invalid-operation');
    throwsCode(() => v.addChainCertificate(l), 'invalid-operation');
    v.setLeaf(l);
    throwsCode(() => v.verify(), 'parameters-missing');
    v.addAnchor(r);
    const ts = c.TrustStore.create();
    throwsCode(() => v.setTrustStore(ts), 'invalid-operation');
    throwsCode(() => v.setMaxDepth(9), 'invalid-length');
    v.setMaxDepth(8);
    v.setMaxDepth(0);
    throwsCode(() => v.addPeerName({ kind: 'uri', value: 'https://x' }), 'invalid-operation');
    throwsCode(() => v.addPeerName({ kind: 'dns', value: '' }), 'invalid-length');
    throwsCode(() => v.addExtendedKeyUsage('serverAuth'), 'invalid-operation');
    v.addExtendedKeyUsage('1.3.6.1.5.5.7.3.1');
    assert.equal(v.lastDetail(), '');
    void NOW;
  });
});

describe('ML-DSA certificates (assembled with @peculiar/asn1-x509, signed with @noble/post-quantum)', () => {
  test('an ML-DSA-65 chain verifies; the leaf key is ML-DSA-65 and verifies a signature', () => {
    const pqRoot = mldsaCert('CN=PQ Root', 'self', { ca: true, serial: 1 });
    const pqLeaf = mldsaCert('CN=pq.example.com', pqRoot, { ca: false, serial: 2, dns: 'pq.example.com' });
    using host = createCryptoHost();
    const { c, signatures } = certs(host);
    const l = c.Certificate.parse(pqLeaf.der, 'der');
    const pk = l.publicKey(undefined);
    assert.equal(pk.algorithm(), 'ML-DSA-65');
    assert.deepEqual(pk.export('raw'), pqLeaf.publicKey);
    const msg = utf8('post-quantum firmware');
    signatures.verify(pk, msg, ml_dsa65.sign(msg, pqLeaf.secretKey));
    throwsCode(() => signatures.verify(pk, utf8('other'), ml_dsa65.sign(msg, pqLeaf.secretKey)), 'verification-failed');
    const v = c.VerificationContext.create();
    v.setLeaf(l);
    v.addAnchor(c.Certificate.parse(pqRoot.der, 'der'));
    v.setTime(BigInt(NOW));
    v.addPeerName({ kind: 'dns', value: 'pq.example.com' });
    const r = v.verify();
    assert.equal(r.tag, 'ok', r.tag === 'err' ? `${r.val}: ${v.lastDetail()}` : '');
    if (r.tag === 'ok') assert.deepEqual(r.val.map((x) => x.subject()), ['CN=pq.example.com', 'CN=PQ Root']);
    // A flipped bit in the signature value: bad-signature.
    const forged = Uint8Array.from(pqLeaf.der);
    forged[forged.length - 100]! ^= 1;
    v.setLeaf(c.Certificate.parse(forged, 'der'));
    const bad = v.verify();
    assert.deepEqual(bad.tag === 'err' ? bad.val : 'ok', 'bad-signature');
  });
});

describe('mutated input never traps', () => {
  test('500 bit flips, byte changes and truncations of a certificate and a CRL: a typed error, or a typed verify-result; a changed certificate never verifies', () => {
    using host = createCryptoHost();
    const { c } = certs(host);
    let seed = 0x2545f491;
    const rand = (n: number) => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) % n;
    };
    const anchor = c.Certificate.parse(ca.der, 'der');
    const interCert = c.Certificate.parse(inter.der, 'der');
    const tally = { parsed: 0, refused: 0, verified: 0, rejected: 0 };
    for (let i = 0; i < 500; i++) {
      const src = i % 5 === 4 ? crlDer : leaf.der;
      const m = Uint8Array.from(src);
      const at = rand(m.length);
      if (i % 3 === 0) m[at] = m[at]! ^ (1 << rand(8));
      else if (i % 3 === 1) m[at] = rand(256);
      else m[at] = m[at]! ^ 0xff;
      const bytes = i % 7 === 0 ? m.subarray(0, rand(m.length)) : m;
      let handle: unknown;
      try {
        if (src === crlDer) handle = c.Crl.parse(bytes, 'der');
        else {
          const cert = c.Certificate.parse(bytes, 'der');
          handle = cert;
          cert.subjectAltNames();
          const v = c.VerificationContext.create();
          v.setLeaf(cert);
          v.addChainCertificate(interCert);
          v.addAnchor(anchor);
          v.setTime(BigInt(NOW));
          const r = v.verify();
          if (r.tag === 'ok') {
            tally.verified++;
            drop(...r.val);
            // Only an unchanged certificate (a random byte equal to the old one) may verify.
            assert.deepEqual(bytes, leaf.der, `mutation ${i} verified`);
          } else tally.rejected++;
          drop(v);
        }
        tally.parsed++;
      } catch (e) {
        const payload = (e as { payload?: string }).payload;
        assert.ok(payload === 'invalid-key', `mutation ${i}: ${String(payload)} ${(e as Error).message}`);
        tally.refused++;
      } finally {
        if (handle !== undefined) drop(handle);
      }
    }
    assert.equal(tally.parsed + tally.refused, 500);
    if (process.env["SHOW_TALLY"]) console.log(JSON.stringify(tally));
    assert.ok(tally.refused > 0 && tally.rejected > 0, JSON.stringify(tally));
    drop(anchor, interCert);
    assert.equal(host.stats().handles.total, 0);
  });
});
