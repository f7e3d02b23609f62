/**
 * Certificate and CRL parsing. The structure is first accepted by @peculiar/asn1-x509's schema
 * (a malformed encoding is rejected there), then the fields the validator needs are read
 * byte-exact with the strict DER walker in der.ts.
 */
import { AsnParser } from '@peculiar/asn1-schema';
import { Certificate as AsnCertificate, CertificateList as AsnCertificateList } from '@peculiar/asn1-x509';
import {
  DerError,
  TAG,
  bitString,
  children,
  decodeBoolean,
  decodeOid,
  decodeTime,
  expectTag,
  hex,
  integerBytes,
  parseOne,
  raw,
  smallInteger,
  value,
  type Tlv,
} from './der.js';
import { parseGeneralName, parseGeneralNames, parseName, parseNameConstraints, type DistinguishedName, type GeneralName, type NameConstraints } from './names.js';

export const OID = {
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  subjectAltName: '2.5.29.17',
  issuerAltName: '2.5.29.18',
  nameConstraints: '2.5.29.30',
  authorityKeyIdentifier: '2.5.29.35',
  subjectKeyIdentifier: '2.5.29.14',
  certificatePolicies: '2.5.29.32',
  policyMappings: '2.5.29.33',
  policyConstraints: '2.5.29.36',
  inhibitAnyPolicy: '2.5.29.54',
  crlDistributionPoints: '2.5.29.31',
  freshestCrl: '2.5.29.46',
  authorityInfoAccess: '1.3.6.1.5.5.7.1.1',
  subjectInfoAccess: '1.3.6.1.5.5.7.1.11',
  crlNumber: '2.5.29.20',
  deltaCrlIndicator: '2.5.29.27',
  issuingDistributionPoint: '2.5.29.28',
  crlReason: '2.5.29.21',
  invalidityDate: '2.5.29.24',
  certificateIssuer: '2.5.29.29',
  anyExtendedKeyUsage: '2.5.29.37.0',
  anyPolicy: '2.5.29.32.0',
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
} as const;

export const KEY_USAGE_BITS = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
] as const;
export type KeyUsageName = (typeof KEY_USAGE_BITS)[number];

export interface RawExtension {
  oid: string;
  critical: boolean;
  value: Uint8Array;
}

export interface AlgorithmIdentifier {
  oid: string;
  /** DER of the parameters, absent when there are none. */
  params: Uint8Array | undefined;
  der: Uint8Array;
}

export interface ParsedCertificate {
  der: Uint8Array;
  /** Identity key (hex of the DER). */
  id: string;
  tbs: Uint8Array;
  signatureAlgorithm: AlgorithmIdentifier;
  /** The algorithm named inside the TBS (must equal `signatureAlgorithm`). */
  tbsSignatureAlgorithm: AlgorithmIdentifier;
  signature: Uint8Array;
  version: number; // 1, 2 or 3
  serial: Uint8Array;
  issuer: DistinguishedName;
  subject: DistinguishedName;
  notBefore: Date;
  notAfter: Date;
  spki: Uint8Array;
  spkiAlgorithm: AlgorithmIdentifier;
  publicKey: Uint8Array;
  extensions: RawExtension[];
  ext: Map<string, RawExtension>;
  /** Decoded extensions (undefined = absent). */
  basicConstraints: { ca: boolean; pathLen: number | undefined } | undefined;
  keyUsage: Set<KeyUsageName> | undefined;
  extKeyUsage: string[] | undefined;
  subjectAltName: GeneralName[] | undefined;
  nameConstraints: NameConstraints | undefined;
  authorityKeyId: { keyId: Uint8Array | undefined; hasIssuer: boolean; hasSerial: boolean } | undefined;
  subjectKeyId: Uint8Array | undefined;
  policyConstraints: { requireExplicitPolicy: number | undefined; inhibitPolicyMapping: number | undefined } | undefined;
  /** policyMappings as [issuerDomainPolicy, subjectDomainPolicy] OID pairs. */
  policyMappings: [string, string][] | undefined;
  /** 'ok' when present and well-formed, 'malformed' when present and not decodable, undefined when absent. */
  authorityInfoAccess: 'ok' | 'malformed' | undefined;
  /** cRLDistributionPoints, 'malformed' when present and not decodable. */
  crlDistributionPoints: DistributionPoint[] | 'malformed' | undefined;
  selfIssued: boolean;
}

export class ParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ParseError';
  }
}

function algorithmIdentifier(t: Tlv): AlgorithmIdentifier {
  const [o, p, extra] = children(expectTag(t, TAG.SEQUENCE, 'AlgorithmIdentifier'));
  if (!o || extra) throw new DerError('AlgorithmIdentifier: bad shape');
  return { oid: decodeOid(o), params: p ? raw(p) : undefined, der: raw(t) };
}

function parseExtensions(t: Tlv, allowEmpty = false): RawExtension[] {
  const out: RawExtension[] = [];
  for (const e of children(expectTag(t, TAG.SEQUENCE, 'Extensions'))) {
    const parts = children(expectTag(e, TAG.SEQUENCE, 'Extension'));
    let i = 0;
    const oid = decodeOid(parts[i++]!);
    let critical = false;
    if (parts[i]?.tag === TAG.BOOLEAN) {
      critical = decodeBoolean(parts[i++]!);
      if (!critical) throw new DerError(`extension ${oid}: critical FALSE encoded (not DER)`);
    }
    const v = expectTag(parts[i++], TAG.OCTET_STRING, `extension ${oid} value`);
    if (i !== parts.length) throw new DerError(`extension ${oid}: trailing fields`);
    out.push({ oid, critical, value: value(v) });
  }
  if (out.length === 0 && !allowEmpty) throw new DerError('empty Extensions');
  return out;
}

function decodeBasicConstraints(v: Uint8Array): { ca: boolean; pathLen: number | undefined } {
  const parts = children(parseOne(v, TAG.SEQUENCE));
  let i = 0;
  let ca = false;
  if (parts[i]?.tag === TAG.BOOLEAN) {
    ca = decodeBoolean(parts[i++]!);
    if (!ca) throw new DerError('basicConstraints: cA FALSE encoded (not DER)');
  }
  let pathLen: number | undefined;
  if (parts[i]?.tag === TAG.INTEGER) pathLen = smallInteger(parts[i++]!);
  if (i !== parts.length) throw new DerError('basicConstraints: bad shape');
  return { ca, pathLen };
}

function decodeKeyUsage(v: Uint8Array): Set<KeyUsageName> {
  const { bytes } = bitString(parseOne(v, TAG.BIT_STRING));
  const out = new Set<KeyUsageName>();
  KEY_USAGE_BITS.forEach((name, i) => {
    const byte = bytes[i >> 3];
    if (byte !== undefined && byte & (0x80 >> (i & 7))) out.add(name);
  });
  return out;
}

function decodeEku(v: Uint8Array): string[] {
  const out = children(parseOne(v, TAG.SEQUENCE)).map(decodeOid);
  if (out.length === 0) throw new DerError('empty extKeyUsage');
  return out;
}

function decodeAki(v: Uint8Array): { keyId: Uint8Array | undefined; hasIssuer: boolean; hasSerial: boolean } {
  let keyId: Uint8Array | undefined;
  let hasIssuer = false;
  let hasSerial = false;
  for (const c of children(parseOne(v, TAG.SEQUENCE))) {
    if (c.tag === 0x80) keyId = value(c);
    else if (c.tag === 0xa1) hasIssuer = true;
    else if (c.tag === 0x82) hasSerial = true;
    else throw new DerError('authorityKeyIdentifier: unexpected field');
  }
  return { keyId, hasIssuer, hasSerial };
}

function decodePolicyConstraints(v: Uint8Array): { requireExplicitPolicy: number | undefined; inhibitPolicyMapping: number | undefined } {
  let requireExplicitPolicy: number | undefined;
  let inhibitPolicyMapping: number | undefined;
  for (const c of children(parseOne(v, TAG.SEQUENCE))) {
    const n = smallInteger({ ...c, tag: TAG.INTEGER });
    if (c.tag === 0x80) requireExplicitPolicy = n;
    else if (c.tag === 0x81) inhibitPolicyMapping = n;
    else throw new DerError('policyConstraints: unexpected field');
  }
  return { requireExplicitPolicy, inhibitPolicyMapping };
}

/** PolicyMappings ::= SEQUENCE SIZE (1..MAX) OF SEQUENCE { issuerDomainPolicy OID, subjectDomainPolicy OID } (RFC 5280 §4.2.1.5). */
function decodePolicyMappings(v: Uint8Array): [string, string][] {
  const out = children(parseOne(v, TAG.SEQUENCE)).map((m): [string, string] => {
    const [a, b, x] = children(expectTag(m, TAG.SEQUENCE, 'PolicyMapping'));
    if (!a || !b || x) throw new DerError('PolicyMapping: bad shape');
    return [decodeOid(a), decodeOid(b)];
  });
  if (out.length === 0) throw new DerError('empty policyMappings');
  return out;
}

export interface DistributionPoint {
  /** distributionPoint fullName, when given that way. */
  fullName: GeneralName[] | undefined;
  /** distributionPoint given as nameRelativeToCRLIssuer. */
  relativeName: boolean;
  /** reasons present (a partitioned CRL). */
  reasons: boolean;
  /** cRLIssuer present (an indirect CRL). */
  crlIssuer: boolean;
}

function decodeDistributionPointName(t: Tlv): { fullName: GeneralName[] | undefined; relativeName: boolean } {
  const [inner, x] = children(t);
  if (!inner || x) throw new DerError('DistributionPointName: bad shape');
  if (inner.tag === 0xa0) {
    const names = children(inner).map(parseGeneralName);
    if (names.length === 0) throw new DerError('empty fullName');
    return { fullName: names, relativeName: false };
  }
  if (inner.tag === 0xa1) return { fullName: undefined, relativeName: true };
  throw new DerError('DistributionPointName: unexpected choice');
}

/** CRLDistributionPoints ::= SEQUENCE SIZE (1..MAX) OF DistributionPoint (RFC 5280 §4.2.1.13). */
function decodeCrlDistributionPoints(v: Uint8Array): DistributionPoint[] | 'malformed' {
  try {
    const out: DistributionPoint[] = [];
    for (const dp of children(parseOne(v, TAG.SEQUENCE))) {
      const d: DistributionPoint = { fullName: undefined, relativeName: false, reasons: false, crlIssuer: false };
      for (const f of children(expectTag(dp, TAG.SEQUENCE, 'DistributionPoint'))) {
        if (f.tag === 0xa0) Object.assign(d, decodeDistributionPointName(f));
        else if (f.tag === 0x81 || f.tag === 0xa1) d.reasons = true;
        else if (f.tag === 0xa2) d.crlIssuer = true;
        else throw new DerError('DistributionPoint: unexpected field');
      }
      out.push(d);
    }
    return out.length ? out : 'malformed';
  } catch {
    return 'malformed';
  }
}

export interface IssuingDistributionPoint {
  fullName: GeneralName[] | undefined;
  relativeName: boolean;
  onlyUserCerts: boolean;
  onlyCaCerts: boolean;
  onlySomeReasons: boolean;
  indirectCrl: boolean;
  onlyAttributeCerts: boolean;
}

/** IssuingDistributionPoint (RFC 5280 §5.2.5). */
function decodeIdp(v: Uint8Array): IssuingDistributionPoint | 'malformed' {
  try {
    const idp: IssuingDistributionPoint = { fullName: undefined, relativeName: false, onlyUserCerts: false, onlyCaCerts: false, onlySomeReasons: false, indirectCrl: false, onlyAttributeCerts: false };
    const flag = (t: Tlv): boolean => {
      const b = value(t);
      if (b.length !== 1 || b[0] !== 0xff) throw new DerError('IDP flag must be an encoded TRUE (DEFAULT FALSE is omitted in DER)');
      return true;
    };
    for (const f of children(parseOne(v, TAG.SEQUENCE))) {
      if (f.tag === 0xa0) Object.assign(idp, decodeDistributionPointName(f));
      else if (f.tag === 0x81) idp.onlyUserCerts = flag(f);
      else if (f.tag === 0x82) idp.onlyCaCerts = flag(f);
      else if (f.tag === 0x83) idp.onlySomeReasons = true;
      else if (f.tag === 0x84) idp.indirectCrl = flag(f);
      else if (f.tag === 0x85) idp.onlyAttributeCerts = flag(f);
      else throw new DerError('IssuingDistributionPoint: unexpected field');
    }
    if (Number(idp.onlyUserCerts) + Number(idp.onlyCaCerts) + Number(idp.onlyAttributeCerts) > 1) return 'malformed';
    return idp;
  } catch {
    return 'malformed';
  }
}

/** AuthorityInfoAccessSyntax ::= SEQUENCE SIZE (1..MAX) OF AccessDescription { accessMethod OID, accessLocation GeneralName }. */
function checkInfoAccess(v: Uint8Array): 'ok' | 'malformed' {
  try {
    const items = children(parseOne(v, TAG.SEQUENCE));
    if (items.length === 0) return 'malformed';
    for (const it of items) {
      const [m, loc, x] = children(expectTag(it, TAG.SEQUENCE, 'AccessDescription'));
      if (!m || !loc || x) return 'malformed';
      decodeOid(m);
      parseGeneralName(loc);
    }
    return 'ok';
  } catch {
    return 'malformed';
  }
}

/** Parses a DER certificate; throws ParseError with the reason. */
export function parseCertificate(der: Uint8Array): ParsedCertificate {
  const copy = der.slice();
  try {
    // The library's schema is the first gate (it rejects structural errors and ASN.1 bombs).
    AsnParser.parse(copy, AsnCertificate);
    const top = parseOne(copy, TAG.SEQUENCE);
    const [tbsT, sigAlgT, sigT, extra] = children(top);
    if (!tbsT || !sigAlgT || !sigT || extra) throw new DerError('Certificate: bad shape');
    const tbsParts = children(expectTag(tbsT, TAG.SEQUENCE, 'TBSCertificate'));
    let i = 0;
    let version = 1;
    if (tbsParts[i]?.tag === 0xa0) {
      const [vt, vx] = children(tbsParts[i++]!);
      if (!vt || vx) throw new DerError('version: bad shape');
      const v = smallInteger(vt);
      if (v === 0) throw new DerError('version v1 encoded explicitly (not DER)');
      if (v > 2) throw new DerError(`unknown version ${v}`);
      version = v + 1;
    }
    const serial = integerBytes(tbsParts[i++]!);
    const tbsSignatureAlgorithm = algorithmIdentifier(tbsParts[i++]!);
    const issuer = parseName(tbsParts[i++]!);
    const [nb, na, vx] = children(expectTag(tbsParts[i++], TAG.SEQUENCE, 'Validity'));
    if (!nb || !na || vx) throw new DerError('Validity: bad shape');
    const notBefore = decodeTime(nb);
    const notAfter = decodeTime(na);
    const subject = parseName(tbsParts[i++]!);
    const spkiT = expectTag(tbsParts[i++], TAG.SEQUENCE, 'SubjectPublicKeyInfo');
    const [spkiAlgT, pkT, px] = children(spkiT);
    if (!spkiAlgT || !pkT || px) throw new DerError('SubjectPublicKeyInfo: bad shape');
    const spkiAlgorithm = algorithmIdentifier(spkiAlgT);
    const pk = bitString(pkT);
    if (pk.unused) throw new DerError('subjectPublicKey has unused bits');
    if (tbsParts[i]?.tag === 0x81) {
      if (version < 2) throw new DerError('issuerUniqueID in a v1 certificate');
      i++;
    }
    if (tbsParts[i]?.tag === 0x82) {
      if (version < 2) throw new DerError('subjectUniqueID in a v1 certificate');
      i++;
    }
    let extensions: RawExtension[] = [];
    if (tbsParts[i]?.tag === 0xa3) {
      if (version !== 3) throw new DerError('extensions in a non-v3 certificate');
      const [et, ex] = children(tbsParts[i++]!);
      if (!et || ex) throw new DerError('extensions: bad shape');
      extensions = parseExtensions(et);
    }
    if (i !== tbsParts.length) throw new DerError('TBSCertificate: trailing fields');
    const signatureAlgorithm = algorithmIdentifier(sigAlgT);
    const sig = bitString(sigT);
    if (sig.unused) throw new DerError('signature has unused bits');

    const ext = new Map<string, RawExtension>();
    for (const e of extensions) {
      if (ext.has(e.oid)) throw new DerError(`duplicate extension ${e.oid}`);
      ext.set(e.oid, e);
    }
    const get = <T>(oid: string, f: (v: Uint8Array) => T): T | undefined => {
      const e = ext.get(oid);
      return e ? f(e.value) : undefined;
    };
    const sanExt = ext.get(OID.subjectAltName);
    return {
      der: copy,
      id: hex(copy),
      tbs: raw(tbsT),
      signatureAlgorithm,
      tbsSignatureAlgorithm,
      signature: sig.bytes,
      version,
      serial,
      issuer,
      subject,
      notBefore,
      notAfter,
      spki: raw(spkiT),
      spkiAlgorithm,
      publicKey: pk.bytes,
      extensions,
      ext,
      basicConstraints: get(OID.basicConstraints, decodeBasicConstraints),
      keyUsage: get(OID.keyUsage, decodeKeyUsage),
      extKeyUsage: get(OID.extKeyUsage, decodeEku),
      subjectAltName: sanExt ? parseGeneralNames(sanExt.value) : undefined,
      nameConstraints: get(OID.nameConstraints, parseNameConstraints),
      authorityKeyId: get(OID.authorityKeyIdentifier, decodeAki),
      subjectKeyId: get(OID.subjectKeyIdentifier, (v) => value(parseOne(v, TAG.OCTET_STRING))),
      policyConstraints: get(OID.policyConstraints, decodePolicyConstraints),
      policyMappings: get(OID.policyMappings, decodePolicyMappings),
      authorityInfoAccess: get(OID.authorityInfoAccess, checkInfoAccess),
      crlDistributionPoints: get(OID.crlDistributionPoints, decodeCrlDistributionPoints),
      selfIssued: issuer.key === subject.key,
    };
  } catch (e) {
    throw new ParseError(`certificate: ${(e as Error).message}`);
  }
}

export interface RevokedEntry {
  serial: Uint8Array;
  date: Date;
  extensions: RawExtension[];
}

export interface ParsedCrl {
  der: Uint8Array;
  tbs: Uint8Array;
  signatureAlgorithm: AlgorithmIdentifier;
  tbsSignatureAlgorithm: AlgorithmIdentifier;
  signature: Uint8Array;
  version: number;
  issuer: DistinguishedName;
  thisUpdate: Date;
  nextUpdate: Date | undefined;
  revoked: Map<string, RevokedEntry>;
  extensions: RawExtension[];
  ext: Map<string, RawExtension>;
  authorityKeyId: Uint8Array | undefined;
  issuingDistributionPoint: IssuingDistributionPoint | 'malformed' | undefined;
}

export function parseCrl(der: Uint8Array): ParsedCrl {
  const copy = der.slice();
  try {
    AsnParser.parse(copy, AsnCertificateList);
    const [tbsT, sigAlgT, sigT, extra] = children(parseOne(copy, TAG.SEQUENCE));
    if (!tbsT || !sigAlgT || !sigT || extra) throw new DerError('CertificateList: bad shape');
    const parts = children(expectTag(tbsT, TAG.SEQUENCE, 'TBSCertList'));
    let i = 0;
    let version = 1;
    if (parts[i]?.tag === TAG.INTEGER) {
      const v = smallInteger(parts[i++]!);
      if (v !== 1) throw new DerError(`CRL version ${v}`);
      version = 2;
    }
    const tbsSignatureAlgorithm = algorithmIdentifier(parts[i++]!);
    const issuer = parseName(parts[i++]!);
    const thisUpdate = decodeTime(parts[i++]!);
    let nextUpdate: Date | undefined;
    if (parts[i] && (parts[i]!.tag === TAG.UTCTime || parts[i]!.tag === TAG.GeneralizedTime)) nextUpdate = decodeTime(parts[i++]!);
    const revoked = new Map<string, RevokedEntry>();
    if (parts[i]?.tag === TAG.SEQUENCE) {
      for (const r of children(parts[i++]!)) {
        const [s, d, ex, x] = children(expectTag(r, TAG.SEQUENCE, 'revokedCertificate'));
        if (!s || !d || x) throw new DerError('revokedCertificate: bad shape');
        const serial = integerBytes(s);
        const entry: RevokedEntry = { serial, date: decodeTime(d), extensions: ex ? parseExtensions(ex, true) : [] }; // tolerated: some encoders (@peculiar/x509) write an empty entry-extension SEQUENCE
        revoked.set(hex(serial), entry);
      }
    }
    let extensions: RawExtension[] = [];
    if (parts[i]?.tag === 0xa0) {
      const [et, ex] = children(parts[i++]!);
      if (!et || ex) throw new DerError('crlExtensions: bad shape');
      extensions = parseExtensions(et);
    }
    if (i !== parts.length) throw new DerError('TBSCertList: trailing fields');
    const sig = bitString(sigT);
    if (sig.unused) throw new DerError('CRL signature has unused bits');
    const ext = new Map<string, RawExtension>();
    for (const e of extensions) {
      if (ext.has(e.oid)) throw new DerError(`duplicate CRL extension ${e.oid}`);
      ext.set(e.oid, e);
    }
    const akiExt = ext.get(OID.authorityKeyIdentifier);
    return {
      der: copy,
      tbs: raw(tbsT),
      signatureAlgorithm: algorithmIdentifier(sigAlgT),
      tbsSignatureAlgorithm,
      signature: sig.bytes,
      version,
      issuer,
      thisUpdate,
      nextUpdate,
      revoked,
      extensions,
      ext,
      authorityKeyId: akiExt ? decodeAki(akiExt.value).keyId : undefined,
      issuingDistributionPoint: ext.has(OID.issuingDistributionPoint) ? decodeIdp(ext.get(OID.issuingDistributionPoint)!.value) : undefined,
    };
  } catch (e) {
    throw new ParseError(`CRL: ${(e as Error).message}`);
  }
}
