/**
 * Certificate fixtures for the certificate tests, generated at run time with @peculiar/x509 over
 * WebCrypto (an implementation independent of the code under test): a P-256 root, an intermediate,
 * leaves with subject alternative names, an Ed25519 chain, and CRLs.
 */
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { webcrypto } from 'node:crypto';

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

export async function root(name: string, alg: Algorithm = EC): Promise<Issued> {
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
