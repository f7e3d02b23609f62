/**
 * ML-DSA chains (RFC 9881 identifiers): a root, intermediate and leaf of ML-DSA-44, -65 and -87,
 * encoded with @peculiar/asn1-x509 and signed with @noble/post-quantum's ML-DSA (WebCrypto in
 * Node 20 has no ML-DSA), verified through both backends; a flipped signature bit and a key of
 * the wrong level fail.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { ml_dsa44, ml_dsa65, ml_dsa87 } from '@noble/post-quantum/ml-dsa.js';
import { AsnConvert } from '@peculiar/asn1-schema';
import { createNodeBackend } from '../../host/src/backends/node.js';
import { createNobleBackend } from '../../host/src/backends/noble.js';
import { verifyChain } from '../../host/src/core/x509/index.js';
import { DAY, NOW, asn1, x509 } from './pki.js';

const LEVELS = {
  44: { oid: '2.16.840.1.101.3.4.3.17', alg: ml_dsa44 },
  65: { oid: '2.16.840.1.101.3.4.3.18', alg: ml_dsa65 },
  87: { oid: '2.16.840.1.101.3.4.3.19', alg: ml_dsa87 },
} as const;
type Level = keyof typeof LEVELS;

interface PqCa {
  der: Uint8Array;
  name: string;
  level: Level;
  keys: { publicKey: Uint8Array; secretKey: Uint8Array };
}

const keyId = (pub: Uint8Array): string => createHash('sha256').update(pub).digest('hex').slice(0, 40);
const ext = (e: x509.Extension): asn1.Extension => AsnConvert.parse(e.rawData, asn1.Extension);

function pqCert(name: string, level: Level, issuer: PqCa | undefined, ca: boolean, dns?: string, akiKey?: Uint8Array): PqCa {
  const keys = LEVELS[level].alg.keygen(randomBytes(32));
  const signerLevel = issuer?.level ?? level;
  const signerKey = issuer?.keys.secretKey ?? keys.secretKey;
  const exts = [
    ext(new x509.KeyUsagesExtension(ca ? x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign : x509.KeyUsageFlags.digitalSignature, true)),
    ext(new x509.SubjectKeyIdentifierExtension(keyId(keys.publicKey))),
    ext(new x509.AuthorityKeyIdentifierExtension(keyId(akiKey ?? issuer?.keys.publicKey ?? keys.publicKey))),
  ];
  if (ca) exts.push(ext(new x509.BasicConstraintsExtension(true, undefined, true)));
  else exts.push(ext(new x509.SubjectAlternativeNameExtension([{ type: 'dns', value: dns! }])), ext(new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth])));
  const sigAlg = new asn1.AlgorithmIdentifier({ algorithm: LEVELS[signerLevel].oid });
  const tbs = new asn1.TBSCertificate({
    version: asn1.Version.v3,
    serialNumber: Uint8Array.from([0x01, ...randomBytes(8)]).buffer,
    signature: sigAlg,
    issuer: AsnConvert.parse(new x509.Name(issuer?.name ?? name).toArrayBuffer(), asn1.Name),
    validity: new asn1.Validity({ notBefore: new Date(NOW.getTime() - DAY), notAfter: new Date(NOW.getTime() + 30 * DAY) }),
    subject: AsnConvert.parse(new x509.Name(name).toArrayBuffer(), asn1.Name),
    subjectPublicKeyInfo: new asn1.SubjectPublicKeyInfo({ algorithm: new asn1.AlgorithmIdentifier({ algorithm: LEVELS[level].oid }), subjectPublicKey: keys.publicKey.slice().buffer }),
    extensions: new asn1.Extensions(exts),
  });
  const tbsDer = new Uint8Array(AsnConvert.serialize(tbs));
  const signature = LEVELS[signerLevel].alg.sign(tbsDer, signerKey);
  const cert = new asn1.Certificate({ tbsCertificate: tbs, signatureAlgorithm: sigAlg, signatureValue: signature.slice().buffer });
  return { der: new Uint8Array(AsnConvert.serialize(cert)), name, level, keys };
}

test('ML-DSA-44 root -> ML-DSA-65 intermediate -> ML-DSA-87 leaf verifies on both backends', () => {
  const root = pqCert('CN=PQ Root', 44, undefined, true);
  const ica = pqCert('CN=PQ ICA', 65, root, true);
  const leaf = pqCert('CN=pq.example.com', 87, ica, false, 'pq.example.com');
  for (const b of [createNodeBackend(), createNobleBackend()]) {
    const res = verifyChain({ leaf: leaf.der, intermediates: [ica.der], anchors: [{ der: root.der }], time: NOW, peerName: { kind: 'dns', value: 'pq.example.com' } }, b);
    assert.ok(res.ok, `${b.name}: ${JSON.stringify(res)}`);
    assert.deepEqual(res.chain, [leaf.der, ica.der, root.der]);
    const bad = leaf.der.slice();
    bad[bad.length - 10]! ^= 0x04;
    const r2 = verifyChain({ leaf: bad, intermediates: [ica.der], anchors: [{ der: root.der }], time: NOW }, b);
    assert.equal(r2.ok ? 'ok' : r2.failure, 'bad-signature', b.name);
    // the Web PKI profile does not admit ML-DSA keys
    const r3 = verifyChain({ leaf: leaf.der, intermediates: [ica.der], anchors: [{ der: root.der }], time: NOW, profile: 'webpki' }, b);
    assert.equal(r3.ok ? 'ok' : r3.failure, 'unsupported-algorithm', b.name);
  }
});

test('an ML-DSA-44 signature under an ML-DSA-65 issuer key is a bad signature', () => {
  const root = pqCert('CN=PQ Root 2', 65, undefined, true);
  // names the root (issuer name and AKI) but is signed by an ML-DSA-44 key with the ML-DSA-44 algorithm
  const impostor = { ...root, keys: ml_dsa44.keygen(randomBytes(32)), level: 44 as const };
  const leaf = pqCert('CN=x.example.com', 44, impostor, false, 'x.example.com', root.keys.publicKey);
  for (const b of [createNodeBackend(), createNobleBackend()]) {
    const res = verifyChain({ leaf: leaf.der, anchors: [{ der: root.der }], time: NOW }, b);
    assert.equal(res.ok ? 'ok' : res.failure, 'bad-signature', b.name);
  }
});
