/**
 * Test PKI built with @peculiar/x509 (an independent encoder over WebCrypto): key pairs,
 * certificates with chosen extensions, CRLs. Nothing here uses the validator under test.
 */
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { AsnConvert } from '@peculiar/asn1-schema';
import * as asn1 from '@peculiar/asn1-x509';

x509.cryptoProvider.set(webcrypto as never);

type CryptoKeyPair = webcrypto.CryptoKeyPair;
type Algorithm = webcrypto.Algorithm;

export type KeyKind = 'p256' | 'p384' | 'p521' | 'ed25519' | 'rsa-pss' | 'rsa';

export interface Keys {
  kind: KeyKind;
  pair: CryptoKeyPair;
}

const GEN: Record<KeyKind, { gen: Algorithm & Record<string, unknown>; sign: Algorithm & Record<string, unknown> }> = {
  p256: { gen: { name: 'ECDSA', namedCurve: 'P-256' }, sign: { name: 'ECDSA', hash: 'SHA-256' } },
  p384: { gen: { name: 'ECDSA', namedCurve: 'P-384' }, sign: { name: 'ECDSA', hash: 'SHA-384' } },
  p521: { gen: { name: 'ECDSA', namedCurve: 'P-521' }, sign: { name: 'ECDSA', hash: 'SHA-512' } },
  ed25519: { gen: { name: 'Ed25519' }, sign: { name: 'Ed25519' } },
  'rsa-pss': {
    gen: { name: 'RSA-PSS', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
    sign: { name: 'RSA-PSS', saltLength: 32 },
  },
  rsa: {
    gen: { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
    sign: { name: 'RSASSA-PKCS1-v1_5' },
  },
};

export async function keys(kind: KeyKind = 'p256'): Promise<Keys> {
  const pair = (await webcrypto.subtle.generateKey(GEN[kind].gen as never, true, ['sign', 'verify'])) as CryptoKeyPair;
  return { kind, pair };
}

export const DAY = 86_400_000;
export const NOW = new Date('2026-06-01T00:00:00Z');

export interface CertOptions {
  subject: string;
  keys: Keys;
  /** Issuer certificate and keys; absent = self-signed. */
  issuer?: { cert: Cert; keys: Keys } | undefined;
  ca?: boolean;
  pathLen?: number;
  notBefore?: Date;
  notAfter?: Date;
  serial?: string;
  dns?: string[];
  ips?: string[];
  emails?: string[];
  eku?: string[];
  keyUsage?: number;
  /** Omit the AKI / SKI / basicConstraints extensions. */
  noAki?: boolean;
  noSki?: boolean;
  noBasicConstraints?: boolean;
  skiCritical?: boolean;
  nameConstraints?: { permitted?: asn1.GeneralName[]; excluded?: asn1.GeneralName[] };
  extraExtensions?: x509.Extension[];
  /** Override the issuer name written in the certificate. */
  issuerName?: string;
  /** No extKeyUsage on an end-entity certificate. */
  noEku?: boolean;
  /** Override the signature algorithm (WebCrypto parameters). */
  signingAlgorithm?: Algorithm & Record<string, unknown>;
}

export interface Cert {
  der: Uint8Array;
  subject: string;
  x509: x509.X509Certificate;
}

function generalSubtrees(names: asn1.GeneralName[]): asn1.GeneralSubtrees {
  return new asn1.GeneralSubtrees(names.map((base) => new asn1.GeneralSubtree({ base })));
}

let serialCounter = 1;

export async function cert(o: CertOptions): Promise<Cert> {
  const ca = o.ca ?? false;
  const signer = o.issuer?.keys ?? o.keys;
  const ext: x509.Extension[] = [];
  if (!o.noBasicConstraints && (ca || o.pathLen !== undefined)) ext.push(new x509.BasicConstraintsExtension(ca, o.pathLen, true));
  const ku = o.keyUsage ?? (ca ? x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign : x509.KeyUsageFlags.digitalSignature);
  ext.push(new x509.KeyUsagesExtension(ku, true));
  if (!o.noSki) {
    const ski = await x509.SubjectKeyIdentifierExtension.create(o.keys.pair.publicKey, false);
    ext.push(o.skiCritical ? new x509.Extension(ski.type, true, ski.value) : ski);
  }
  if (!o.noAki) ext.push(await x509.AuthorityKeyIdentifierExtension.create(signer.pair.publicKey, false));
  const san: x509.JsonGeneralName[] = [
    ...(o.dns ?? []).map((value) => ({ type: 'dns' as const, value })),
    ...(o.ips ?? []).map((value) => ({ type: 'ip' as const, value })),
    ...(o.emails ?? []).map((value) => ({ type: 'email' as const, value })),
  ];
  if (san.length) ext.push(new x509.SubjectAlternativeNameExtension(san, false));
  if (o.noEku) {
    // no extKeyUsage
  } else if (!ca && o.eku !== undefined) ext.push(new x509.ExtendedKeyUsageExtension(o.eku, false));
  else if (!ca) ext.push(new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth], false));
  if (o.nameConstraints) {
    const nc = new asn1.NameConstraints({
      ...(o.nameConstraints.permitted ? { permittedSubtrees: generalSubtrees(o.nameConstraints.permitted) } : {}),
      ...(o.nameConstraints.excluded ? { excludedSubtrees: generalSubtrees(o.nameConstraints.excluded) } : {}),
    });
    ext.push(new x509.Extension(asn1.id_ce_nameConstraints, true, AsnConvert.serialize(nc)));
  }
  ext.push(...(o.extraExtensions ?? []));
  const c = await x509.X509CertificateGenerator.create({
    serialNumber: o.serial ?? (serialCounter++).toString(16).padStart(4, '0').replace(/^[89a-f]/, '0$&'),
    subject: o.subject,
    issuer: o.issuerName ?? o.issuer?.cert.subject ?? o.subject,
    notBefore: o.notBefore ?? new Date(NOW.getTime() - 30 * DAY),
    notAfter: o.notAfter ?? new Date(NOW.getTime() + 365 * DAY),
    signingAlgorithm: o.signingAlgorithm ?? GEN[signer.kind].sign,
    publicKey: o.keys.pair.publicKey,
    signingKey: signer.pair.privateKey,
    extensions: ext,
  });
  return { der: new Uint8Array(c.rawData), subject: o.subject, x509: c };
}

/** A root CA (self-signed) with its keys. */
export async function root(subject = 'CN=Test Root', kind: KeyKind = 'p256', extra: Partial<CertOptions> = {}): Promise<{ cert: Cert; keys: Keys }> {
  const k = await keys(kind);
  return { cert: await cert({ subject, keys: k, ca: true, ...extra }), keys: k };
}

/** An intermediate CA under `parent`. */
export async function intermediate(parent: { cert: Cert; keys: Keys }, subject: string, kind: KeyKind = 'p256', extra: Partial<CertOptions> = {}): Promise<{ cert: Cert; keys: Keys }> {
  const k = await keys(kind);
  return { cert: await cert({ subject, keys: k, ca: true, issuer: parent, ...extra }), keys: k };
}

/** An end-entity certificate under `parent` for DNS name `dns`. */
export async function leaf(parent: { cert: Cert; keys: Keys }, dns = 'service.example.com', kind: KeyKind = 'p256', extra: Partial<CertOptions> = {}): Promise<{ cert: Cert; keys: Keys }> {
  const k = await keys(kind);
  return { cert: await cert({ subject: `CN=${dns}`, keys: k, issuer: parent, dns: [dns], ...extra }), keys: k };
}

function integerDer(n: number): ArrayBuffer {
  const bytes: number[] = [];
  let v = n;
  do {
    bytes.unshift(v & 0xff);
    v = Math.floor(v / 256);
  } while (v > 0);
  if (bytes[0]! & 0x80) bytes.unshift(0);
  return new Uint8Array([0x02, bytes.length, ...bytes]).buffer;
}

export interface CrlOptions {
  issuer: { cert: Cert; keys: Keys };
  revoked?: Cert[];
  thisUpdate?: Date;
  nextUpdate?: Date;
  /** CRLNumber: a number, 'absent', or 'critical'. */
  crlNumber?: number | 'absent' | 'critical';
  extraExtensions?: x509.Extension[];
}

export async function crl(o: CrlOptions): Promise<Uint8Array> {
  const extensions: x509.Extension[] = [await x509.AuthorityKeyIdentifierExtension.create(o.issuer.keys.pair.publicKey, false)];
  if (o.crlNumber !== 'absent') extensions.push(new x509.Extension('2.5.29.20', o.crlNumber === 'critical', integerDer(typeof o.crlNumber === 'number' ? o.crlNumber : 1)));
  const c = await x509.X509CrlGenerator.create({
    issuer: o.issuer.cert.subject,
    thisUpdate: o.thisUpdate ?? new Date(NOW.getTime() - DAY),
    nextUpdate: o.nextUpdate ?? new Date(NOW.getTime() + 7 * DAY),
    signingAlgorithm: GEN[o.issuer.keys.kind].sign,
    signingKey: o.issuer.keys.pair.privateKey,
    extensions: [...extensions, ...(o.extraExtensions ?? [])],
    entries: (o.revoked ?? []).map((r) => ({ serialNumber: r.x509.serialNumber, revocationDate: new Date(NOW.getTime() - 2 * DAY) })),
  });
  return new Uint8Array(c.rawData);
}

export { x509, asn1 };
