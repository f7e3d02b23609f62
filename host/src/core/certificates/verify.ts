/**
 * The verification context of the `certificates` interface (seed 000 §2.6): collects the leaf,
 * chain and untrusted certificates, the anchors (a trust-store snapshot or explicit anchors), CRLs
 * and policies, and runs the bounded validator of core/x509/ (`verifyChain`) over them. This file
 * maps shapes and results; every path-building and RFC 5280 decision is the validator's.
 */
import type { HostContext } from '../context.js';
import { fail } from '../errors.js';
import { verifyChain, type PeerName, type TrustAnchorInput, type VerifyFailure, type VerifyRequest } from '../x509/index.js';
import { CertificateCore, type CrlCore, type NameKind } from './certificate.js';
import type { TrustMember } from './slots.js';

export type TerminationPolicy = 'root-required' | 'trust-store-terminated';
export type RevocationPolicy = 'none' | 'crl-only';
export type RevocationCoverage = 'fail-closed' | 'best-effort';
export type Profile = 'rfc5280' | 'webpki';

/** The WIT `verify-result` cases. */
export type VerifyResultCode =
  | 'expired'
  | 'not-yet-valid'
  | 'revoked'
  | 'revocation-status-unavailable'
  | 'untrusted-root'
  | 'anchor-not-found'
  | 'bad-signature'
  | 'constraint-violated'
  | 'name-mismatch'
  | 'path-too-long'
  | 'budget-exceeded'
  | 'invalid-purpose'
  | 'unsupported-critical-extension'
  | 'unsupported-algorithm'
  | 'malformed';

/** Validator failure → WIT verify-result (docs/certificates.md has the seed 000 column). */
export const FAILURE_TO_RESULT: Readonly<Record<VerifyFailure, VerifyResultCode>> = Object.freeze({
  expired: 'expired',
  'not-yet-valid': 'not-yet-valid',
  revoked: 'revoked',
  'revocation-unknown': 'revocation-status-unavailable',
  'untrusted-root': 'untrusted-root',
  'anchor-not-found': 'anchor-not-found',
  'bad-signature': 'bad-signature',
  'constraint-violated': 'constraint-violated',
  'name-mismatch': 'name-mismatch',
  'path-too-long': 'path-too-long',
  'budget-exceeded': 'budget-exceeded',
  'key-usage': 'invalid-purpose',
  'unsupported-critical-extension': 'unsupported-critical-extension',
  'unsupported-algorithm': 'unsupported-algorithm',
  malformed: 'malformed',
});

/** RFC 5280 §4.2.1.3 names, in the bit order of the WIT `key-usage` flags. */
export const KEY_USAGE_NAMES = [
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

export type KeyUsageName = (typeof KEY_USAGE_NAMES)[number];

const OID = /^(?:0|1|2)(?:\.(?:0|[1-9][0-9]{0,15}))+$/;
const MAX_NAME = 1024;
const MAX_DATE_SECONDS = 8_640_000_000_000n;

export type VerifyOutcome = { ok: true; chain: CertificateCore[] } | { ok: false; result: VerifyResultCode; detail: string };

/** One verification context's settings. */
export class VerificationCore {
  readonly #ctx: HostContext;
  #leaf: CertificateCore | undefined;
  #chain: CertificateCore[] = [];
  #untrusted: CertificateCore[] = [];
  #anchors: CertificateCore[] = [];
  #store: TrustMember[] | undefined;
  #crls: CrlCore[] = [];
  #termination: TerminationPolicy = 'root-required';
  #time: bigint | undefined;
  #maxDepth: number;
  #peers: PeerName[] = [];
  #keyUsage: KeyUsageName[] = [];
  #eku: string[] = [];
  #revocation: RevocationPolicy = 'none';
  #coverage: RevocationCoverage = 'fail-closed';
  #profile: Profile = 'rfc5280';
  #detail = '';

  constructor(ctx: HostContext) {
    this.#ctx = ctx;
    this.#maxDepth = ctx.limits.maxChainDepth;
  }

  #room(list: readonly unknown[], what: string): void {
    if (list.length >= this.#ctx.limits.maxVerifyInputs) fail('overflow', `more than ${this.#ctx.limits.maxVerifyInputs} ${what} in one verification context`);
  }

  setLeaf(leaf: CertificateCore): void {
    this.#leaf = leaf;
    this.#chain = [];
  }

  addChainCertificate(cert: CertificateCore): void {
    if (this.#leaf === undefined) fail('invalid-operation', 'set-leaf first: a chain is leaf-first');
    this.#room(this.#chain, 'chain certificates');
    this.#chain.push(cert);
  }

  addUntrusted(cert: CertificateCore): void {
    if (this.#untrusted.some((c) => c.fingerprintHex === cert.fingerprintHex)) return;
    this.#room(this.#untrusted, 'untrusted certificates');
    this.#untrusted.push(cert);
  }

  setTrustStore(members: TrustMember[]): void {
    if (this.#anchors.length > 0) fail('invalid-operation', 'explicit anchors were added: a trust store and explicit anchors are mutually exclusive');
    this.#store = members;
  }

  addAnchor(cert: CertificateCore): void {
    if (this.#store !== undefined) fail('invalid-operation', 'a trust store is set: a trust store and explicit anchors are mutually exclusive');
    if (this.#anchors.some((c) => c.fingerprintHex === cert.fingerprintHex)) return;
    this.#room(this.#anchors, 'anchors');
    this.#anchors.push(cert);
  }

  addCrl(crl: CrlCore): void {
    this.#room(this.#crls, 'CRLs');
    this.#crls.push(crl);
  }

  setTermination(p: TerminationPolicy): void {
    this.#termination = p;
  }

  setTime(t: bigint): void {
    this.#time = t;
  }

  setMaxDepth(depth: number): void {
    if (!Number.isInteger(depth) || depth < 0 || depth > this.#ctx.limits.maxChainDepth) {
      fail('invalid-length', `the maximum depth (intermediate certificates) must be 0..${this.#ctx.limits.maxChainDepth}, got ${depth}`);
    }
    this.#maxDepth = depth;
  }

  addPeerName(kind: NameKind, value: string): void {
    if (kind !== 'dns' && kind !== 'ip' && kind !== 'email') fail('invalid-operation', `a peer name is dns, ip or email, not ${kind}`);
    if (value.length === 0 || value.length > MAX_NAME) fail('invalid-length', `a peer name is 1..${MAX_NAME} characters`);
    if (this.#peers.some((p) => p.kind === kind && p.value === value)) return;
    this.#room(this.#peers, 'peer names');
    this.#peers.push({ kind, value });
  }

  setKeyUsage(names: KeyUsageName[]): void {
    this.#keyUsage = names;
  }

  addExtendedKeyUsage(oid: string): void {
    if (oid.length > 256 || !OID.test(oid)) fail('invalid-operation', `not a dotted OID: ${JSON.stringify(oid.slice(0, 64))}`);
    if (this.#eku.includes(oid)) return;
    this.#room(this.#eku, 'extended key usages');
    this.#eku.push(oid);
  }

  setRevocation(p: RevocationPolicy): void {
    this.#revocation = p;
  }

  setCoverage(c: RevocationCoverage): void {
    this.#coverage = c;
  }

  setProfile(p: Profile): void {
    this.#profile = p;
  }

  get detail(): string {
    return this.#detail;
  }

  verify(): VerifyOutcome {
    const ctx = this.#ctx;
    const leaf = this.#leaf ?? fail('invalid-operation', 'no leaf: call set-leaf first');
    let anchors: TrustAnchorInput[];
    if (this.#store !== undefined) {
      anchors = this.#store.filter((m) => m.enabled).map((m) => ({ der: m.cert.der, enabled: true, crls: m.crl ? [m.crl.der] : [] }));
    } else if (this.#anchors.length > 0) {
      anchors = this.#anchors.map((c) => ({ der: c.der }));
    } else {
      return fail('parameters-missing', 'no anchors: call set-trust-store or add-anchor');
    }
    const seen = new Set([leaf.fingerprintHex]);
    const intermediates: CertificateCore[] = [];
    for (const c of [...this.#chain, ...this.#untrusted]) {
      if (seen.has(c.fingerprintHex)) continue;
      seen.add(c.fingerprintHex);
      intermediates.push(c);
    }
    // A JS Date ends at 8.64e12 s (year 275760), far past any certificate's notAfter (year 9999
    // at most): a later u64 time is that end, so it answers `expired`, not an invalid date.
    const t = this.#time ?? BigInt(ctx.now());
    const time = t > MAX_DATE_SECONDS ? MAX_DATE_SECONDS : t;
    const req: VerifyRequest = {
      leaf: leaf.der,
      intermediates: intermediates.map((c) => c.der),
      anchors,
      crls: this.#crls.map((c) => c.der),
      time: new Date(Number(time) * 1000),
      maxDepth: this.#maxDepth,
      profile: this.#profile,
      termination: this.#termination === 'root-required' ? 'root-required' : 'trust-store',
      ...(this.#peers.length > 0 ? { peerNames: this.#peers.map((p) => ({ ...p })) } : {}),
      ...(this.#keyUsage.length > 0 ? { keyUsage: [...this.#keyUsage] } : {}),
      ...(this.#eku.length > 0 ? { extendedKeyUsage: [...this.#eku] } : {}),
      revocation: this.#revocation === 'crl-only' ? 'crl' : 'none',
      coverage: this.#coverage,
    };
    const r = verifyChain(req, ctx.backend);
    if (!r.ok) {
      this.#detail = r.detail;
      return { ok: false, result: FAILURE_TO_RESULT[r.failure] ?? 'malformed', detail: r.detail };
    }
    this.#detail = '';
    // Hand back the objects the caller gave where the DER matches (no re-parse), else parse.
    const known = new Map<number, CertificateCore[]>();
    const all = [leaf, ...intermediates, ...(this.#store?.map((m) => m.cert) ?? this.#anchors)];
    for (const c of all) {
      const l = known.get(c.der.length) ?? [];
      l.push(c);
      known.set(c.der.length, l);
    }
    const chain = r.chain.map((der) => known.get(der.length)?.find((c) => sameBytes(c.der, der)) ?? CertificateCore.fromDer(ctx, der));
    return { ok: true, chain };
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
