/**
 * Certificates and CRLs as the `certificates` interface sees them (docs/certificates.md): parsed
 * with the strict DER parser of the validator (core/x509/, over @peculiar/asn1-x509), so that a
 * certificate a guest can parse is one the validator reads the same way; PEM is handled here and
 * sizes are checked against the host limits before anything is parsed. ABI-free and portable.
 * Chain validation is not here: core/x509/ does it (`verifyChain`), over DER.
 */
import { AsnConvert } from '@peculiar/asn1-schema';
import { SubjectPublicKeyInfo } from '@peculiar/asn1-x509';
import { ECParameters } from '@peculiar/asn1-ecc';
import { Convert } from 'pvtsutils';
import { PublicKeyCore, resolveAsymmetric } from '../asymmetric.js';
import type { HostContext } from '../context.js';
import { fail, isCryptoError } from '../errors.js';
import { PERMISSION } from '../permissions.js';
import type { AsymmetricAlgorithm } from '../registry.js';
import { rsaPublicInfo, toPem } from '../encoding.js';
import { parseCertificate, parseCrl, type ParsedCertificate, type ParsedCrl } from '../x509/index.js';
import { formatIp, formatIpCanonical, type DistinguishedName } from '../x509/names.js';

export type CertificateEncoding = 'der' | 'pem';
export type NameKind = 'dns' | 'ip' | 'email' | 'uri' | 'other';
export interface AltName {
  kind: NameKind;
  value: string;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * The DER of every PEM block labelled `label` in `text`, in order (other blocks and the text
 * between blocks are ignored, as OpenSSL does for bundles). Linear: indexOf scanning only.
 * `invalid-key` for a malformed block of that label.
 */
export function pemBlocks(text: Uint8Array, label: string, max: number): Uint8Array[] {
  const s = Convert.ToBinary(text);
  const begin = `-----BEGIN ${label}-----`;
  const end = `-----END ${label}-----`;
  const out: Uint8Array[] = [];
  let at = 0;
  for (;;) {
    const b = s.indexOf(begin, at);
    if (b < 0) break;
    const bodyStart = b + begin.length;
    const e = s.indexOf(end, bodyStart);
    if (e < 0) fail('invalid-key', `PEM: ${label} block without an END line`);
    const body = s.slice(bodyStart, e);
    if (body.includes('-----')) fail('invalid-key', `PEM: malformed ${label} block`);
    const b64 = body.replace(/[ \t\r\n]/g, '');
    if (b64.length === 0 || !BASE64.test(b64)) fail('invalid-key', `PEM: the body of a ${label} block is not base64`);
    const der = new Uint8Array(Convert.FromBase64(b64));
    if (Convert.ToBase64(der) !== b64) fail('invalid-key', 'PEM: non-canonical base64');
    if (out.length >= max) fail('invalid-length', `more than ${max} ${label} blocks`);
    out.push(der);
    at = e + end.length;
  }
  return out;
}

/** The length of the DER TLV at `off` (definite lengths only), or undefined when it does not fit. */
function tlvLength(der: Uint8Array, off: number): number | undefined {
  if (off + 2 > der.length) return undefined;
  const first = der[off + 1]!;
  let len: number;
  let head = 2;
  if (first < 0x80) len = first;
  else {
    const n = first & 0x7f;
    if (n === 0 || n > 4 || off + 2 + n > der.length) return undefined;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + der[off + 2 + i]!;
    head += n;
  }
  const total = head + len;
  return off + total <= der.length ? total : undefined;
}

/** Splits concatenated DER structures (a DER bundle). `invalid-key` if they do not tile the input. */
export function splitDer(bytes: Uint8Array, max: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  let off = 0;
  while (off < bytes.length) {
    if (bytes[off] !== 0x30) fail('invalid-key', `DER bundle: no SEQUENCE at offset ${off}`);
    const n = tlvLength(bytes, off) ?? fail('invalid-key', `DER bundle: truncated structure at offset ${off}`);
    if (out.length >= max) fail('invalid-length', `more than ${max} certificates in the bundle`);
    out.push(bytes.slice(off, off + n));
    off += n;
  }
  return out;
}

function checkCertificate(ctx: HostContext, len: number, what = 'the certificate'): void {
  const max = ctx.limits.maxCertificateBytes;
  if (len > max) fail('invalid-length', `${what} is ${len} bytes; the certificate limit is ${max}`);
}

function checkCrl(ctx: HostContext, len: number, what = 'the CRL'): void {
  const max = ctx.limits.maxCrlBytes;
  if (len > max) fail('invalid-length', `${what} is ${len} bytes; the CRL limit is ${max}`);
}

const seconds = (d: Date): bigint => BigInt(Math.floor(d.getTime() / 1000));

/** Short names of the attribute types printed by name (RFC 4514 §3 and the usual extras). */
const ATTRIBUTE_NAMES: Readonly<Record<string, string>> = Object.freeze({
  '2.5.4.3': 'CN',
  '2.5.4.4': 'SN',
  '2.5.4.5': 'serialNumber',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.9': 'STREET',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.12': 'T',
  '2.5.4.17': 'postalCode',
  '2.5.4.42': 'G',
  '2.5.4.43': 'initials',
  '2.5.4.44': 'generationQualifier',
  '2.5.4.46': 'dnQualifier',
  '2.5.4.65': 'pseudonym',
  '2.5.4.97': 'organizationIdentifier',
  '0.9.2342.19200300.100.1.1': 'UID',
  '0.9.2342.19200300.100.1.25': 'DC',
  '1.2.840.113549.1.9.1': 'E',
});

/** RFC 4514 §2.4 escaping of an attribute value. */
function escapeValue(v: string): string {
  let out = v.replace(/[\\,+"<>;]/g, (c) => `\\${c}`).replace(/\0/g, '\\00');
  if (out.startsWith('#') || out.startsWith(' ')) out = `\\${out}`;
  if (out.endsWith(' ') && !out.endsWith('\\ ')) out = `${out.slice(0, -1)}\\ `;
  return out;
}

/**
 * A distinguished name as text: `TYPE=value` in certificate order, RDNs joined by ", ", the
 * attributes of a multi-valued RDN by "+"; unknown types as dotted OIDs, non-string values as
 * `#` and the hex of their DER (RFC 4514 §2.4).
 */
export function formatName(dn: DistinguishedName): string {
  const parts: string[] = [];
  let at = 0;
  for (const rdn of dn.rdns) {
    const atvs = dn.atvs.slice(at, at + rdn.length);
    at += rdn.length;
    parts.push(
      atvs
        .map((a) => {
          const type = ATTRIBUTE_NAMES[a.type] ?? a.type;
          if (a.text !== undefined) return `${type}=${escapeValue(a.text)}`;
          return `${type}=#${a.key.slice(a.key.indexOf('#') + 1)}`;
        })
        .join('+'),
    );
  }
  return parts.join(', ');
}

/** The validator's parse errors (ParseError, DerError, library errors) as `invalid-key`. */
function parsed<T>(what: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (isCryptoError(e)) throw e;
    return fail('invalid-key', `not a well-formed ${what} (${e instanceof Error ? e.message : String(e)})`);
  }
}

export function sha256(ctx: HostContext, der: Uint8Array): Uint8Array {
  return ctx.backend.hashOnce('SHA-256', der);
}

export const fingerprintHex = (fp: Uint8Array): string => Convert.ToHex(fp);

/** An immutable parsed certificate. Shared freely: nothing in it is secret or mutable. */
export class CertificateCore {
  readonly der: Uint8Array;
  readonly #parsed: ParsedCertificate;
  /** SHA-256 of the DER. */
  readonly fingerprint: Uint8Array;
  readonly fingerprintHex: string;
  readonly notBefore: bigint;
  readonly notAfter: bigint;

  private constructor(ctx: HostContext, der: Uint8Array) {
    // Strict DER, one structure, no trailing bytes (the validator's parser).
    const x = parsed('X.509 certificate', () => parseCertificate(der));
    this.der = der;
    this.#parsed = x;
    this.fingerprint = sha256(ctx, der);
    this.fingerprintHex = fingerprintHex(this.fingerprint);
    this.notBefore = seconds(x.notBefore);
    this.notAfter = seconds(x.notAfter);
  }

  /** Parses one DER certificate (a private copy of `der` is kept). */
  static fromDer(ctx: HostContext, der: Uint8Array): CertificateCore {
    checkCertificate(ctx, der.length);
    return new CertificateCore(ctx, Uint8Array.from(der));
  }

  /** `certificate.parse`. */
  static parse(ctx: HostContext, encoded: Uint8Array, encoding: CertificateEncoding): CertificateCore {
    if (encoding === 'der') return CertificateCore.fromDer(ctx, encoded);
    checkCertificate(ctx, encoded.length, 'the PEM text');
    const blocks = pemBlocks(encoded, 'CERTIFICATE', 2);
    if (blocks.length !== 1) fail('unsupported-encoding', blocks.length === 0 ? 'no CERTIFICATE block in the PEM text' : 'more than one CERTIFICATE block: use parse-bundle');
    return CertificateCore.fromDer(ctx, blocks[0]!);
  }

  /** `certificate.parse-bundle`. */
  static parseBundle(ctx: HostContext, encoded: Uint8Array, encoding: CertificateEncoding): CertificateCore[] {
    const max = ctx.limits.maxBundleCertificates;
    if (encoded.length > ctx.limits.maxBundleBytes) fail('invalid-length', `the bundle is ${encoded.length} bytes; the limit is ${ctx.limits.maxBundleBytes}`);
    const ders = encoding === 'pem' ? pemBlocks(encoded, 'CERTIFICATE', max) : splitDer(encoded, max);
    if (ders.length === 0) fail('unsupported-encoding', 'the bundle holds no certificate');
    return ders.map((d) => CertificateCore.fromDer(ctx, d));
  }

  export(encoding: CertificateEncoding): Uint8Array {
    return encoding === 'pem' ? toPem('CERTIFICATE', this.der) : Uint8Array.from(this.der);
  }

  get subject(): string {
    return formatName(this.#parsed.subject);
  }

  get issuer(): string {
    return formatName(this.#parsed.issuer);
  }

  /** The serial number's INTEGER content octets (a fresh copy). */
  get serial(): Uint8Array {
    return Uint8Array.from(this.#parsed.serial);
  }

  subjectAltNames(): AltName[] {
    return (this.#parsed.subjectAltName ?? []).map((n): AltName => {
      switch (n.kind) {
        case 'dns':
          return n.value === undefined ? { kind: 'other', value: '' } : { kind: 'dns', value: n.value };
        case 'email':
          return n.value === undefined ? { kind: 'other', value: '' } : { kind: 'email', value: n.value };
        case 'uri':
          return n.value === undefined ? { kind: 'other', value: '' } : { kind: 'uri', value: n.value };
        case 'ip':
          return { kind: 'ip', value: formatIpCanonical(n.bytes) ?? formatIp(n.bytes) };
        default:
          return { kind: 'other', value: '' };
      }
    });
  }

  get isCa(): boolean {
    return this.#parsed.basicConstraints?.ca === true;
  }

  /** The SubjectPublicKeyInfo DER (a fresh copy). */
  get spki(): Uint8Array {
    return Uint8Array.from(this.#parsed.spki);
  }

  /** The certificate's public key as a verify-only key of `algorithm` (default: by key type). */
  publicKey(ctx: HostContext, algorithm: string | undefined): PublicKeyCore {
    const spki = this.spki;
    const name = algorithm ?? defaultAlgorithm(spki);
    const alg: AsymmetricAlgorithm = resolveAsymmetric(ctx, 'signatures', name);
    let imported: PublicKeyCore;
    try {
      imported = PublicKeyCore.import(ctx, 'signatures', alg.name, spki, 'pkcs8');
    } catch (e) {
      // A key of another type than the algorithm chosen: say so rather than "invalid key".
      if (isCryptoError(e) && e.payload === 'invalid-key' && algorithm !== undefined) {
        const natural = safeDefault(spki);
        if (natural !== undefined && resolveFamily(natural) !== resolveFamily(alg.name)) {
          fail('unsupported-algorithm', `the certificate's key is for ${natural}, not ${alg.name}`);
        }
      }
      throw e;
    }
    return new PublicKeyCore(imported.alg, Uint8Array.from(imported.raw), PERMISSION.verify);
  }
}

function resolveFamily(name: string): string {
  const u = name.toUpperCase();
  if (u.startsWith('RSA_')) return 'RSA';
  if (u.startsWith('ECDSA_P256') || u === 'P256-SHA256') return 'P-256';
  if (u.startsWith('ECDSA_P384') || u === 'P384-SHA384') return 'P-384';
  return u;
}

const OID_ML_DSA: Readonly<Record<string, string>> = Object.freeze({
  '2.16.840.1.101.3.4.3.17': 'ML-DSA-44',
  '2.16.840.1.101.3.4.3.18': 'ML-DSA-65',
  '2.16.840.1.101.3.4.3.19': 'ML-DSA-87',
});
const OID_EC_PUBLIC_KEY = '1.2.840.10045.2.1';
const OID_ED25519 = '1.3.101.112';
const OID_RSA = '1.2.840.113549.1.1.1';
const OID_RSA_PSS = '1.2.840.113549.1.1.10';
const EC_DEFAULTS: Readonly<Record<string, string>> = Object.freeze({
  '1.2.840.10045.3.1.7': 'ECDSA_P256_SHA256',
  '1.3.132.0.34': 'ECDSA_P384_SHA384',
  '1.3.132.0.10': 'ECDSA_K256_SHA256',
});

/** The default signature algorithm for a certificate's key (docs/certificates.md), from its SPKI. */
function defaultAlgorithm(spki: Uint8Array): string {
  let info: SubjectPublicKeyInfo;
  try {
    info = AsnConvert.parse(spki, SubjectPublicKeyInfo);
  } catch {
    return fail('invalid-key', 'the certificate has a malformed SubjectPublicKeyInfo');
  }
  const oid = info.algorithm.algorithm;
  if (oid === OID_EC_PUBLIC_KEY) {
    let curve: string | undefined;
    try {
      const params = info.algorithm.parameters;
      curve = params ? AsnConvert.parse(params, ECParameters).namedCurve : undefined;
    } catch {
      curve = undefined;
    }
    return (curve !== undefined ? EC_DEFAULTS[curve] : undefined) ?? fail('unsupported-algorithm', `EC curve ${String(curve)} is not supported`);
  }
  if (oid === OID_ED25519) return 'Ed25519';
  if (oid === OID_RSA || oid === OID_RSA_PSS) {
    const { modulusBits } = rsaPublicInfo(spki);
    const size = modulusBits > 3072 ? 4096 : modulusBits > 2048 ? 3072 : 2048;
    return `RSA_${oid === OID_RSA_PSS ? 'PSS' : 'PKCS1'}_${size}_SHA256`;
  }
  return OID_ML_DSA[oid] ?? fail('unsupported-algorithm', `certificate key algorithm ${oid} is not supported`);
}

function safeDefault(spki: Uint8Array): string | undefined {
  try {
    return defaultAlgorithm(spki);
  } catch {
    return undefined;
  }
}

/** An immutable parsed CRL. */
export class CrlCore {
  readonly der: Uint8Array;
  readonly #parsed: ParsedCrl;
  readonly thisUpdate: bigint;
  readonly nextUpdate: bigint | undefined;

  private constructor(der: Uint8Array) {
    const x = parsed('X.509 CRL', () => parseCrl(der));
    this.der = der;
    this.#parsed = x;
    this.thisUpdate = seconds(x.thisUpdate);
    this.nextUpdate = x.nextUpdate === undefined ? undefined : seconds(x.nextUpdate);
  }

  static fromDer(ctx: HostContext, der: Uint8Array): CrlCore {
    checkCrl(ctx, der.length);
    return new CrlCore(Uint8Array.from(der));
  }

  static parse(ctx: HostContext, encoded: Uint8Array, encoding: CertificateEncoding): CrlCore {
    if (encoding === 'der') return CrlCore.fromDer(ctx, encoded);
    checkCrl(ctx, encoded.length, 'the PEM text');
    const blocks = pemBlocks(encoded, 'X509 CRL', 2);
    if (blocks.length !== 1) fail('unsupported-encoding', blocks.length === 0 ? 'no X509 CRL block in the PEM text' : 'more than one X509 CRL block');
    return CrlCore.fromDer(ctx, blocks[0]!);
  }

  export(encoding: CertificateEncoding): Uint8Array {
    return encoding === 'pem' ? toPem('X509 CRL', this.der) : Uint8Array.from(this.der);
  }

  get issuer(): string {
    return formatName(this.#parsed.issuer);
  }

  get revokedCount(): number {
    return this.#parsed.revoked.size;
  }

  /** Looks the serial up among the revoked entries (content octets, compared exactly). */
  isRevoked(serial: Uint8Array): boolean {
    return this.#parsed.revoked.has(Convert.ToHex(serial).toLowerCase());
  }
}
