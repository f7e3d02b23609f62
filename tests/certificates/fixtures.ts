/**
 * Certificate fixtures for the certificate tests, generated at run time with @peculiar/x509 over
 * WebCrypto (an implementation independent of the code under test): a P-256 root, an intermediate,
 * leaves with subject alternative names, an Ed25519 chain, and CRLs.
 */
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { createHash, webcrypto } from 'node:crypto';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import * as asn1X509 from '@peculiar/asn1-x509';
import { ml_dsa65 } from '@noble/post-quantum/ml-dsa.js';

type Algorithm = webcrypto.Algorithm;
type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;
type EcKeyGenParams = webcrypto.EcKeyGenParams;
type EcdsaParams = webcrypto.EcdsaParams;

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

const subtle = webcrypto.subtle;
export const EC: EcKeyGenParams & EcdsaParams = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
export const ED: Algorithm = { name: 'Ed25519' };

export const DAY = 24 * 3600 * 1000;
/** Fixed validity window: 2025-01-01 .. 2035-01-01 (leaves: 2026-01-01 .. 2034-01-01). */
export const CA_FROM = new Date('2025-01-01T00:00:00Z');
export const CA_TO = new Date('2035-01-01T00:00:00Z');
export const LEAF_FROM = new Date('2026-01-01T00:00:00Z');
export const LEAF_TO = new Date('2034-01-01T00:00:00Z');
/** A time inside every validity window. */
export const NOW = Math.floor(new Date('2026-06-01T00:00:00Z').getTime() / 1000);

export interface Issued {
  cert: x509.X509Certificate;
  der: Uint8Array;
  keys: CryptoKeyPair;
}

const der = (c: x509.X509Certificate | x509.X509Crl): Uint8Array => new Uint8Array(c.rawData);

async function keys(alg: Algorithm): Promise<CryptoKeyPair> {
  return (await subtle.generateKey(alg as EcKeyGenParams, true, ['sign', 'verify'])) as CryptoKeyPair;
}

let serial = 0x1000;

export async function root(name: string | x509.JsonName, alg: Algorithm = EC): Promise<Issued> {
  const k = await keys(alg);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: (serial++).toString(16),
    name,
    notBefore: CA_FROM,
    notAfter: CA_TO,
    keys: k,
    signingAlgorithm: alg,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(k.publicKey),
    ],
  });
  return { cert, der: der(cert), keys: k };
}

export async function issue(
  issuer: Issued,
  name: string,
  opts: { ca?: boolean; alg?: Algorithm; issuerAlg?: Algorithm; notBefore?: Date; notAfter?: Date; san?: x509.JsonGeneralNames; serial?: string } = {},
): Promise<Issued> {
  const k = await keys(opts.alg ?? EC);
  const ext: x509.Extension[] = [
    new x509.BasicConstraintsExtension(opts.ca === true, undefined, true),
    new x509.KeyUsagesExtension(opts.ca ? x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign : x509.KeyUsageFlags.digitalSignature, true),
    await x509.SubjectKeyIdentifierExtension.create(k.publicKey),
    await x509.AuthorityKeyIdentifierExtension.create(issuer.keys.publicKey),
  ];
  if (opts.san) ext.push(new x509.SubjectAlternativeNameExtension(opts.san));
  if (!opts.ca) ext.push(new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth, x509.ExtendedKeyUsage.clientAuth]));
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: opts.serial ?? (serial++).toString(16),
    subject: name,
    issuer: issuer.cert.subject,
    notBefore: opts.notBefore ?? (opts.ca ? CA_FROM : LEAF_FROM),
    notAfter: opts.notAfter ?? (opts.ca ? CA_TO : LEAF_TO),
    publicKey: k.publicKey,
    signingKey: issuer.keys.privateKey,
    signingAlgorithm: opts.issuerAlg ?? EC,
    extensions: ext,
  });
  return { cert, der: der(cert), keys: k };
}

export async function crl(issuer: Issued, revoked: string[], opts: { alg?: Algorithm; thisUpdate?: Date; nextUpdate?: Date } = {}): Promise<Uint8Array> {
  const c = await x509.X509CrlGenerator.create({
    issuer: issuer.cert.subject,
    thisUpdate: opts.thisUpdate ?? new Date('2026-05-01T00:00:00Z'),
    nextUpdate: opts.nextUpdate ?? new Date('2026-07-01T00:00:00Z'),
    signingKey: issuer.keys.privateKey,
    signingAlgorithm: opts.alg ?? EC,
    entries: revoked.map((s) => ({ serialNumber: s, revocationDate: new Date('2026-04-01T00:00:00Z'), reason: x509.X509CrlReason.keyCompromise })),
    extensions: [await x509.AuthorityKeyIdentifierExtension.create(issuer.keys.publicKey), new x509.Extension('2.5.29.20', false, new Uint8Array([2, 1, 1]))],
  });
  return der(c);
}

export function pem(label: string, bytes: Uint8Array): string {
  const b64 = Buffer.from(bytes).toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}

/** A PKCS#8 DER of a WebCrypto private key. */
export async function pkcs8(k: CryptoKey): Promise<Uint8Array> {
  return new Uint8Array(await subtle.exportKey('pkcs8', k));
}

export async function signRaw(k: CryptoKey, alg: Algorithm, message: Uint8Array): Promise<Uint8Array> {
  const a = alg.name === 'ECDSA' ? { name: 'ECDSA', hash: 'SHA-256' } : alg;
  return new Uint8Array(await subtle.sign(a, k, message));
}

// ---------------------------------------------------------------------------------------------
// ML-DSA certificates. WebCrypto on Node 20 has no ML-DSA, so these are assembled with the
// @peculiar/asn1-x509 schema classes and signed with @noble/post-quantum (pure ML-DSA, empty
// context, RFC 9881 identifiers without parameters).

const ML_DSA_65 = '2.16.840.1.101.3.4.3.18';

export interface PqIssued {
  der: Uint8Array;
  name: string;
  secretKey: Uint8Array;
  publicKey: Uint8Array;
  ski: Uint8Array;
}

function extension(id: string, critical: boolean, value: unknown): asn1X509.Extension {
  return new asn1X509.Extension({ extnID: id, critical, extnValue: new OctetString(AsnConvert.serialize(value)) });
}

export function mldsaCert(name: string, issuer: PqIssued | 'self', opts: { ca: boolean; serial: number; dns?: string }): PqIssued {
  const seed = createHash('sha256').update(`ml-dsa fixture ${name}`).digest();
  const { secretKey, publicKey } = ml_dsa65.keygen(new Uint8Array(seed));
  const ski = new Uint8Array(createHash('sha256').update(publicKey).digest().subarray(0, 20));
  const signer = issuer === 'self' ? { name, secretKey, ski } : issuer;
  const asnName = (n: string) => AsnConvert.parse(new x509.Name(n).toArrayBuffer(), asn1X509.Name);
  const alg = () => new asn1X509.AlgorithmIdentifier({ algorithm: ML_DSA_65 });
  const ext = [
    extension(asn1X509.id_ce_keyUsage, true, new asn1X509.KeyUsage(opts.ca ? asn1X509.KeyUsageFlags.keyCertSign | asn1X509.KeyUsageFlags.cRLSign : asn1X509.KeyUsageFlags.digitalSignature)),
    extension(asn1X509.id_ce_subjectKeyIdentifier, false, new asn1X509.SubjectKeyIdentifier(ski)),
    extension(asn1X509.id_ce_authorityKeyIdentifier, false, new asn1X509.AuthorityKeyIdentifier({ keyIdentifier: new asn1X509.KeyIdentifier(signer.ski) })),
  ];
  if (opts.ca) ext.unshift(extension(asn1X509.id_ce_basicConstraints, true, new asn1X509.BasicConstraints({ cA: true })));
  if (opts.dns) ext.push(extension(asn1X509.id_ce_subjectAltName, false, new asn1X509.SubjectAlternativeName([new asn1X509.GeneralName({ dNSName: opts.dns })])));
  const tbs = new asn1X509.TBSCertificate({
    version: asn1X509.Version.v3,
    serialNumber: new Uint8Array([opts.serial]).buffer,
    signature: alg(),
    issuer: asnName(signer.name),
    validity: new asn1X509.Validity({ notBefore: opts.ca ? CA_FROM : LEAF_FROM, notAfter: opts.ca ? CA_TO : LEAF_TO }),
    subject: asnName(name),
    subjectPublicKeyInfo: new asn1X509.SubjectPublicKeyInfo({ algorithm: alg(), subjectPublicKey: publicKey.slice().buffer }),
    extensions: new asn1X509.Extensions(ext),
  });
  const tbsDer = new Uint8Array(AsnConvert.serialize(tbs));
  const signature = ml_dsa65.sign(tbsDer, signer.secretKey);
  const cert = new asn1X509.Certificate({ tbsCertificate: tbs, signatureAlgorithm: alg(), signatureValue: signature.slice().buffer });
  return { der: new Uint8Array(AsnConvert.serialize(cert)), name, secretKey, publicKey, ski };
}
