/**
 * The chain validator: a bounded path builder (depth-first with backtracking, cycle detection,
 * hard budgets) and the RFC 5280 §6 checks on each candidate path, with an optional CA/Browser
 * Forum (Web PKI) profile, peer-name matching and CRL-only revocation.
 */
import type { Backend } from '../../backends/types.js';
import { OID, ParseError, parseCertificate, parseCrl, type ParsedCertificate, type ParsedCrl } from './cert.js';
import { DerError, countTlvs, equalBytes, hex } from './der.js';
import {
  ConstraintError,
  OID_CN,
  OID_EMAIL_ADDRESS,
  checkConstraintBases,
  formatIpCanonical,
  checkNames,
  dnsMatches,
  emailMatches,
  parseIp,
  type GeneralName,
} from './names.js';
import { UnsupportedAlgorithm, decodePublicKey, describeKey, verifySignature, type PublicKey } from './signature.js';

export type PeerName = { kind: 'dns' | 'ip' | 'email'; value: string };

export interface VerifyBudgets {
  /** Most certificates in one candidate path, leaf and anchor included (a hard cap; self-issued certificates count here). */
  depth: number;
  /** Most issuer candidates tried for one certificate. */
  candidatesPerStep: number;
  /** Most signature verifications in one `verifyChain` call (certificates and CRLs). */
  signatureChecks: number;
  /** Most path-building steps (candidate considerations) in one call. */
  steps: number;
  /** Most certificates accepted as input (leaf + intermediates + anchors). */
  inputCertificates: number;
  /** Most CRLs accepted as input (request CRLs + anchors' CRLs). */
  inputCrls: number;
  /** Largest certificate accepted, in bytes of DER (a larger untrusted extra is ignored; a larger leaf or anchor fails). */
  certificateBytes: number;
  /** Most bytes of input in total (certificates and CRLs). */
  inputBytes: number;
  /** Most (name, constraint) comparisons over all name-constraint checks of one call. */
  nameChecks: number;
  /** Most bytes of CRLs parsed in one call (request + enabled anchors' CRLs, with revocation 'crl' only). */
  crlBytes: number;
  /** Most ASN.1 TLVs (counted by the strict DER reader) in the certificates parsed in one call. */
  asnNodes: number;
}

export const DEFAULT_BUDGETS: Readonly<VerifyBudgets> = Object.freeze({
  depth: 16,
  candidatesPerStep: 16,
  signatureChecks: 128,
  steps: 2048,
  inputCertificates: 2048,
  inputCrls: 256,
  certificateBytes: 65_536,
  inputBytes: 16 * 1024 * 1024,
  nameChecks: 65536,
  crlBytes: 1024 * 1024,
  asnNodes: 262144,
});

export interface TrustAnchorInput {
  der: Uint8Array;
  enabled?: boolean;
  crls?: Uint8Array[];
}

export interface VerifyRequest {
  leaf: Uint8Array;
  intermediates?: Uint8Array[];
  anchors: TrustAnchorInput[];
  crls?: Uint8Array[];
  time: Date;
  /** Most logical intermediates (non-self-issued certificates between leaf and anchor); default 8. */
  maxDepth?: number;
  profile?: 'rfc5280' | 'webpki';
  termination?: 'root-required' | 'trust-store';
  peerName?: PeerName;
  /** Further peer names, each of which the leaf must match as well (limbo's expected_peer_names). */
  peerNames?: PeerName[];
  keyUsage?: string[];
  extendedKeyUsage?: string[];
  revocation?: 'none' | 'crl';
  coverage?: 'fail-closed' | 'best-effort';
  budgets?: Partial<VerifyBudgets>;
}

export type VerifyFailure =
  | 'expired'
  | 'not-yet-valid'
  | 'revoked'
  | 'untrusted-root'
  | 'anchor-not-found'
  | 'bad-signature'
  | 'constraint-violated'
  | 'name-mismatch'
  | 'path-too-long'
  | 'budget-exceeded'
  | 'key-usage'
  | 'unsupported-critical-extension'
  | 'revocation-unknown'
  | 'malformed'
  | 'unsupported-algorithm';

export type VerifyResult = { ok: true; chain: Uint8Array[] } | { ok: false; failure: VerifyFailure; detail: string };

/** Extra statistics some callers (tests, the limbo harness) read. */
export interface VerifyStats {
  steps: number;
  signatureChecks: number;
}

class Fail extends Error {
  constructor(
    readonly failure: VerifyFailure,
    readonly detail: string,
  ) {
    super(`${failure}: ${detail}`);
  }
}
class BudgetExceeded extends Error {}

const KNOWN_KEY_USAGE = new Set([
  'digitalSignature',
  'nonRepudiation',
  'contentCommitment',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
]);

/** Extensions whose semantics this validator processes (or may safely ignore) when critical. */
const UNDERSTOOD_CRITICAL = new Set<string>([
  OID.basicConstraints,
  OID.keyUsage,
  OID.extKeyUsage,
  OID.subjectAltName,
  OID.nameConstraints,
  OID.certificatePolicies,
  OID.policyConstraints,
  OID.inhibitAnyPolicy,
  OID.policyMappings,
]);
/** Extensions RFC 5280 requires to be non-critical. */
const MUST_BE_NONCRITICAL = new Map<string, string>([
  [OID.authorityKeyIdentifier, 'authorityKeyIdentifier'],
  [OID.subjectKeyIdentifier, 'subjectKeyIdentifier'],
  [OID.authorityInfoAccess, 'authorityInfoAccess'],
  [OID.subjectInfoAccess, 'subjectInfoAccess'],
  [OID.issuerAltName, 'issuerAltName'],
]);

type Role = 'leaf' | 'ca' | 'anchor';

interface Node {
  cert: ParsedCertificate;
  anchor: boolean;
  /** Logical identity for cycle detection: the same subject with the same key is the same CA. */
  logical: string;
  /** Small per-call number of the certificate (cache keys). */
  num: number;
  key?: PublicKey | Fail;
  crls?: ParsedCrl[];
}

/** A short display name of a certificate for failure details (at most ~100 characters). */
function describeCert(c: ParsedCertificate): string {
  let s = '';
  for (const a of c.subject.atvs) {
    s += (s ? ', ' : '') + (a.text ?? a.key);
    if (s.length > 96) return `"${s.slice(0, 96)}…"`;
  }
  return `"${s || '<empty subject>'}"`;
}

/** Verifies a certificate chain; never throws for bad input, never runs past its budgets. */
export function verifyChain(req: VerifyRequest, backend: Backend, stats?: VerifyStats): VerifyResult {
  let v: Validator | undefined;
  try {
    v = new Validator(req, backend);
    return v.run();
  } catch (e) {
    if (e instanceof Fail) return { ok: false, failure: e.failure, detail: e.detail };
    if (e instanceof BudgetExceeded) return { ok: false, failure: 'budget-exceeded', detail: e.message };
    // not a path property: a request the validator could not process (e.g. a field of the wrong type)
    return { ok: false, failure: 'malformed', detail: `request could not be processed: ${(e as Error).message}` };
  } finally {
    if (stats) {
      stats.steps = v?.steps ?? 0;
      stats.signatureChecks = v?.sigChecks ?? 0;
    }
  }
}

class Validator {
  readonly budgets: VerifyBudgets;
  readonly profile: 'rfc5280' | 'webpki';
  readonly time: number;
  readonly maxDepth: number;
  steps = 0;
  sigChecks = 0;
  nameChecks = 0;
  asnNodes = 0;
  private readonly sigCache = new Map<string, boolean>();
  private readonly certCheckCache = new Map<string, Fail | null>();
  private anchorsBySubject = new Map<string, Node[]>();
  private poolBySubject = new Map<string, Node[]>();
  private crls: ParsedCrl[] = [];
  private best: { fail: Fail; progress: number } | undefined;
  private truncated = '';
  private readonly unparsed: string[] = [];
  private readonly crlCache = new Map<string, string | null>();
  private nextNum = 0;

  constructor(
    private readonly req: VerifyRequest,
    private readonly backend: Backend,
  ) {
    const b = { ...DEFAULT_BUDGETS };
    for (const [k, val] of Object.entries(req.budgets ?? {})) {
      if (val === undefined) continue;
      if (!(k in b) || !Number.isInteger(val) || val < 0) throw new Fail('malformed', `bad budget ${k}=${String(val)}`);
      (b as Record<string, number>)[k] = val;
    }
    this.budgets = b;
    this.profile = req.profile ?? 'rfc5280';
    if (this.profile !== 'rfc5280' && this.profile !== 'webpki') throw new Fail('malformed', `unknown profile ${String(this.profile)}`);
    // Certificate times have one-second granularity: compare at that granularity (limbo
    // rfc5280::validity::notafter-fractional / notbefore-fractional).
    this.time = Math.floor(req.time.getTime() / 1000) * 1000;
    if (!Number.isFinite(this.time)) throw new Fail('malformed', 'invalid verification time');
    this.maxDepth = req.maxDepth ?? 8;
    if (!Number.isInteger(this.maxDepth) || this.maxDepth < 0) throw new Fail('malformed', 'maxDepth must be a non-negative integer');
  }

  private record(fail: Fail, progress: number): void {
    if (!this.best || progress > this.best.progress) this.best = { fail, progress };
  }

  run(): VerifyResult {
    const req = this.req;
    const inputs = 1 + (req.intermediates?.length ?? 0) + req.anchors.length;
    if (inputs > this.budgets.inputCertificates) throw new BudgetExceeded(`${inputs} input certificates (budget ${this.budgets.inputCertificates})`);
    const crlInputs = (req.crls?.length ?? 0) + req.anchors.reduce((n, a) => n + (a.enabled === false ? 0 : (a.crls?.length ?? 0)), 0);
    if (crlInputs > this.budgets.inputCrls) throw new BudgetExceeded(`${crlInputs} input CRLs (budget ${this.budgets.inputCrls})`);
    let bytes = req.leaf.length;
    for (const d of req.intermediates ?? []) bytes += d.length;
    for (const a of req.anchors) bytes += a.der.length + (a.crls ?? []).reduce((n, c) => n + c.length, 0);
    for (const c of req.crls ?? []) bytes += c.length;
    if (bytes > this.budgets.inputBytes) throw new BudgetExceeded(`${bytes} bytes of input (budget ${this.budgets.inputBytes})`);
    // CRLs are parsed only when they are used; a CRL's schema parse costs far more per byte than a certificate's.
    const useCrls = req.revocation === 'crl';
    if (useCrls) {
      let crlBytes = (req.crls ?? []).reduce((n, c) => n + c.length, 0);
      for (const a of req.anchors) if (a.enabled !== false) crlBytes += (a.crls ?? []).reduce((n, c) => n + c.length, 0);
      if (crlBytes > this.budgets.crlBytes) throw new BudgetExceeded(`${crlBytes} bytes of CRLs (budget ${this.budgets.crlBytes})`);
    }
    const tooBig = (der: Uint8Array): boolean => der.length > this.budgets.certificateBytes;
    if (tooBig(req.leaf)) throw new BudgetExceeded(`leaf of ${req.leaf.length} bytes (budget ${this.budgets.certificateBytes})`);
    let leaf: ParsedCertificate;
    try {
      leaf = this.parse(req.leaf);
    } catch (e) {
      if (e instanceof BudgetExceeded) throw e;
      throw new Fail('malformed', `leaf: ${(e as Error).message}`);
    }
    // Anchors (enabled ones), then untrusted intermediates (deduplicated, anchors win).
    const seen = new Set<string>();
    let badAnchors = 0;
    for (const a of req.anchors) {
      if (a.enabled === false) continue;
      if (tooBig(a.der)) {
        badAnchors++;
        continue;
      }
      let c: ParsedCertificate;
      try {
        c = this.parse(a.der);
      } catch (e) {
        if (e instanceof BudgetExceeded) throw e;
        badAnchors++;
        continue;
      }
      if (seen.has(c.id)) continue;
      seen.add(c.id);
      push(this.anchorsBySubject, c.subject.key, { cert: c, anchor: true, logical: logicalKey(c), num: this.nextNum++ });
      if (useCrls) for (const crl of a.crls ?? []) this.addCrl(crl);
    }
    for (const der of req.intermediates ?? []) {
      if (tooBig(der)) {
        this.unparsed.push(`certificate of ${der.length} bytes over the ${this.budgets.certificateBytes}-byte budget`);
        continue;
      }
      let c: ParsedCertificate;
      try {
        c = this.parse(der);
      } catch (e) {
        if (e instanceof BudgetExceeded) throw e;
        this.unparsed.push((e as Error).message); // an unparseable untrusted extra can never be part of a path
        continue;
      }
      if (seen.has(c.id) || c.id === leaf.id) continue;
      seen.add(c.id);
      push(this.poolBySubject, c.subject.key, { cert: c, anchor: false, logical: logicalKey(c), num: this.nextNum++ });
    }
    if (useCrls) for (const crl of req.crls ?? []) this.addCrl(crl);
    if (this.anchorsBySubject.size === 0)
      throw new Fail('anchor-not-found', badAnchors ? `no usable trust anchor (${badAnchors} malformed or over the size budget)` : 'no trust anchor given');

    // Leaf-only checks first: they fail the same way on every path.
    const leafNode: Node = { cert: leaf, anchor: false, logical: logicalKey(leaf), num: this.nextNum++ };
    const lf = this.checkCert(leafNode, 'leaf');
    if (lf) throw lf;
    if (req.peerName) this.checkPeerName(leaf, req.peerName);
    for (const p of req.peerNames ?? []) this.checkPeerName(leaf, p);
    this.checkLeafPurpose(leaf);

    // A leaf that is itself an enabled anchor (a pinned certificate) is a path of one, after the
    // leaf checks above; under root-required termination only when it is self-signed.
    const direct = this.anchorsBySubject.get(leaf.subject.key)?.find((a) => a.cert.id === leaf.id);
    if (direct && (req.termination !== 'root-required' || this.isSelfSigned(direct))) return { ok: true, chain: [leaf.der.slice()] };

    const path: Node[] = [leafNode];
    const found = this.extend(path, new Set([leafNode.logical]), new Set([leaf.id]));
    if (found) return { ok: true, chain: found.map((n) => n.cert.der.slice()) };
    if (this.truncated) throw new BudgetExceeded(`${this.truncated}${this.best ? `; best failure: ${this.best.fail.failure}: ${this.best.fail.detail}` : ''}`);
    const fail = this.best?.fail ?? new Fail('anchor-not-found', 'no path');
    // A missing issuer that may be one of the untrusted certificates we could not parse is reported as malformed input.
    if (fail.failure === 'anchor-not-found' && this.unparsed.length)
      throw new Fail('malformed', `${fail.detail}; ${this.unparsed.length} untrusted certificate(s) could not be parsed: ${this.unparsed.slice(0, 3).join('; ')}`);
    throw fail;
  }

  /**
   * parseCertificate after a cheap TLV count against the asnNodes budget: the schema pass costs
   * ~10 µs per node, so bytes alone do not bound it (16 MiB of RDN-heavy certificates: a minute).
   * An encoding the strict reader refuses is never handed to the schema parser.
   */
  private parse(der: Uint8Array): ParsedCertificate {
    const left = this.budgets.asnNodes - this.asnNodes;
    let n: number;
    try {
      n = countTlvs(der, left);
    } catch (e) {
      throw new ParseError(`certificate: ${(e as Error).message}`);
    }
    this.asnNodes += n;
    if (n > left) throw new BudgetExceeded(`certificates hold more than ${this.budgets.asnNodes} ASN.1 nodes`);
    return parseCertificate(der);
  }

  private addCrl(der: Uint8Array): void {
    try {
      this.crls.push(parseCrl(der));
    } catch {
      // an unparseable CRL proves nothing; coverage decides what its absence means
    }
  }

  private step(): void {
    if (++this.steps > this.budgets.steps) throw new BudgetExceeded(`path building exceeded ${this.budgets.steps} steps`);
  }

  private keyOf(n: Node): PublicKey {
    if (!n.key) {
      try {
        n.key = decodePublicKey(n.cert.spkiAlgorithm, n.cert.publicKey, n.cert.spki, this.backend);
      } catch (e) {
        n.key =
          e instanceof UnsupportedAlgorithm
            ? new Fail('unsupported-algorithm', `${describeCert(n.cert)}: ${e.message}`)
            : new Fail('malformed', `${describeCert(n.cert)}: public key: ${(e as Error).message}`);
      }
    }
    if (n.key instanceof Fail) throw n.key;
    return n.key;
  }

  /** Whether `issuer`'s key verifies `child`'s signature (cached; counts against the budget). */
  private signedBy(childNode: Node, issuer: Node): boolean {
    const child = childNode.cert;
    const k = `${childNode.num}|${issuer.num}`;
    const hit = this.sigCache.get(k);
    if (hit !== undefined) return hit;
    const key = this.keyOf(issuer);
    if (++this.sigChecks > this.budgets.signatureChecks) throw new BudgetExceeded(`more than ${this.budgets.signatureChecks} signature checks`);
    let ok: boolean;
    try {
      ok = verifySignature(this.backend, key, child.signatureAlgorithm, child.tbs, child.signature);
    } catch (e) {
      if (e instanceof UnsupportedAlgorithm) throw new Fail('unsupported-algorithm', `${describeCert(child)}: ${e.message}`);
      if (e instanceof DerError) throw new Fail('malformed', `${describeCert(child)}: ${e.message}`);
      throw e;
    }
    this.sigCache.set(k, ok);
    return ok;
  }

  private candidates(cert: ParsedCertificate): Node[] {
    const key = cert.issuer.key;
    let out = [...(this.anchorsBySubject.get(key) ?? []), ...(this.poolBySubject.get(key) ?? [])];
    const aki = cert.authorityKeyId?.keyId;
    // An issuer whose subjectKeyIdentifier contradicts the authorityKeyIdentifier cannot have signed it.
    if (aki) out = out.filter((n) => !n.cert.subjectKeyId || equalBytes(n.cert.subjectKeyId, aki));
    // Most promising first (stable): anchors, then certificates valid at the verification time,
    // then those whose subjectKeyIdentifier matches the authorityKeyIdentifier.
    const rank = (n: Node): number =>
      (n.anchor ? 0 : 4) + (this.time >= n.cert.notBefore.getTime() && this.time <= n.cert.notAfter.getTime() ? 0 : 2) + (aki && n.cert.subjectKeyId ? 0 : 1);
    return out.map((n, i) => ({ n, r: rank(n), i })).sort((x, y) => x.r - y.r || x.i - y.i).map((x) => x.n);
  }

  private extend(path: Node[], logical: Set<string>, ids: Set<string>): Node[] | undefined {
    const node = path[path.length - 1]!;
    const cert = node.cert;
    const progress = path.length;
    const cands = this.candidates(cert);
    if (cands.length === 0) {
      const selfSigned = cert.selfIssued;
      this.record(
        selfSigned
          ? new Fail('untrusted-root', `${describeCert(cert)} is self-issued and not a trust anchor`)
          : new Fail('anchor-not-found', `no issuer found for ${describeCert(cert)}`),
        progress,
      );
      return undefined;
    }
    let tried = 0;
    let anyAvailable = false;
    for (const cand of cands) {
      if (ids.has(cand.cert.id) || logical.has(cand.logical)) continue; // cycle
      anyAvailable = true;
      if (tried >= this.budgets.candidatesPerStep) {
        this.truncated = `more than ${this.budgets.candidatesPerStep} issuer candidates for ${describeCert(cert)}`;
        break;
      }
      tried++;
      this.step();
      if (path.length + 1 > this.budgets.depth) {
        this.record(new Fail('path-too-long', `candidate path longer than ${this.budgets.depth} certificates`), progress);
        continue;
      }
      let signed: boolean;
      try {
        signed = this.signedBy(node, cand);
      } catch (e) {
        if (e instanceof Fail) {
          this.record(e, progress);
          continue;
        }
        throw e;
      }
      if (!signed) {
        this.record(new Fail('bad-signature', `the signature of ${describeCert(cert)} does not verify with the key of ${describeCert(cand.cert)}`), progress);
        continue;
      }
      const terminates = cand.anchor && (this.req.termination !== 'root-required' || this.isSelfSigned(cand));
      const role: Role = terminates ? 'anchor' : 'ca';
      const cf = this.checkCert(cand, role);
      if (cf) {
        this.record(cf, progress + 1);
        continue;
      }
      const next = [...path, cand];
      if (!terminates) {
        const logicalDepth = next.slice(1).filter((n) => !n.cert.selfIssued).length;
        if (logicalDepth > this.maxDepth) {
          this.record(new Fail('path-too-long', `more than ${this.maxDepth} intermediate certificates`), progress + 1);
          continue;
        }
        logical.add(cand.logical);
        ids.add(cand.cert.id);
        const r = this.extend(next, logical, ids);
        logical.delete(cand.logical);
        ids.delete(cand.cert.id);
        if (r) return r;
        continue;
      }
      const intermediates = next.slice(1, -1).filter((n) => !n.cert.selfIssued).length;
      if (intermediates > this.maxDepth) {
        this.record(new Fail('path-too-long', `more than ${this.maxDepth} intermediate certificates`), progress + 1);
        continue;
      }
      try {
        this.validatePath(next);
        return next;
      } catch (e) {
        if (e instanceof Fail) {
          this.record(e, progress + 1);
          continue;
        }
        throw e;
      }
    }
    if (!anyAvailable) {
      this.record(
        cert.selfIssued
          ? new Fail('untrusted-root', `${describeCert(cert)} is self-issued and not a trust anchor`)
          : new Fail('anchor-not-found', `every issuer candidate of ${describeCert(cert)} is already in the path (cycle)`),
        progress,
      );
    }
    return undefined;
  }

  private isSelfSigned(n: Node): boolean {
    if (!n.cert.selfIssued) return false;
    try {
      return this.signedBy(n, n);
    } catch (e) {
      if (e instanceof Fail) return false;
      throw e;
    }
  }

  /** Path-independent checks of one certificate in a role (cached). */
  private checkCert(n: Node, role: Role): Fail | undefined {
    const k = `${role}:${n.num}`;
    if (this.certCheckCache.has(k)) return this.certCheckCache.get(k) ?? undefined;
    let r: Fail | undefined;
    try {
      this.checkCertUncached(n, role);
    } catch (e) {
      if (!(e instanceof Fail)) throw e;
      r = e;
    }
    this.certCheckCache.set(k, r ?? null);
    return r;
  }

  private checkCertUncached(n: Node, role: Role): void {
    const c = n.cert;
    const who = describeCert(c);
    const webpki = this.profile === 'webpki';
    const fail = (f: VerifyFailure, d: string): never => {
      throw new Fail(f, `${who}: ${d}`);
    };
    // validity
    if (this.time < c.notBefore.getTime()) fail('not-yet-valid', `not valid before ${c.notBefore.toISOString()}`);
    if (this.time > c.notAfter.getTime()) fail('expired', `expired at ${c.notAfter.toISOString()}`);
    // encoding rules
    if (!equalBytes(c.signatureAlgorithm.der, c.tbsSignatureAlgorithm.der)) fail('malformed', 'signatureAlgorithm differs from the TBS signature field');
    // Anchors are trusted as configured: RFC 5280 §4.1.2.2 serial rules bind the certificates we build with.
    if (role !== 'anchor') {
      if (c.serial[0]! & 0x80) fail('malformed', 'negative serial number');
      if (c.serial.every((b) => b === 0)) fail('malformed', 'zero serial number');
      if (c.serial.length > 20) fail('malformed', `serial number of ${c.serial.length} octets (at most 20)`);
    }
    if (c.issuer.rdns.length === 0) fail('malformed', 'empty issuer name');
    if (webpki && c.version !== 3) fail('constraint-violated', `X.509 v${c.version} certificate (Web PKI requires v3)`);
    // extensions: criticality
    for (const e of c.extensions) {
      const name = MUST_BE_NONCRITICAL.get(e.oid);
      if (name && e.critical) fail('constraint-violated', `${name} must not be critical`);
      if (e.critical && !name && !UNDERSTOOD_CRITICAL.has(e.oid)) fail('unsupported-critical-extension', `unrecognized critical extension ${e.oid}`);
    }
    if (c.policyConstraints) {
      if (!c.ext.get(OID.policyConstraints)!.critical) fail('constraint-violated', 'policyConstraints must be critical');
      if (c.policyConstraints.requireExplicitPolicy !== undefined)
        fail('unsupported-critical-extension', 'policyConstraints requireExplicitPolicy needs policy processing, which is not supported');
    }
    const bc = c.basicConstraints;
    const isCa = !!bc?.ca;
    if (bc && !bc.ca && bc.pathLen !== undefined) fail('malformed', 'pathLenConstraint without cA');
    if (c.keyUsage?.has('keyCertSign') && !isCa) fail('constraint-violated', 'keyCertSign without basicConstraints cA');
    if (c.keyUsage && c.keyUsage.size === 0) fail('malformed', 'empty keyUsage');
    // identifiers
    if (role !== 'anchor' && !c.selfIssued && !c.authorityKeyId) fail('constraint-violated', 'authorityKeyIdentifier missing (required on every certificate that is not self-issued)');
    if (role !== 'anchor' && c.authorityKeyId && c.authorityKeyId.keyId === undefined && !c.selfIssued) fail('constraint-violated', 'authorityKeyIdentifier without keyIdentifier');
    // names
    if (c.subject.rdns.length === 0) {
      if (!c.subjectAltName) fail('constraint-violated', 'empty subject without subjectAltName');
      if (!c.ext.get(OID.subjectAltName)!.critical) fail('constraint-violated', 'empty subject requires a critical subjectAltName');
    } else if (webpki && c.ext.get(OID.subjectAltName)?.critical) fail('constraint-violated', 'subjectAltName must not be critical when the subject is not empty');
    if (c.authorityInfoAccess === 'malformed') fail('malformed', 'authorityInfoAccess is not a valid AuthorityInfoAccessSyntax');
    if (c.crlDistributionPoints === 'malformed') fail('malformed', 'cRLDistributionPoints is not a valid CRLDistributionPoints');
    if (c.nameConstraints) {
      if (!isCa) fail('constraint-violated', 'nameConstraints in a non-CA certificate');
      if (!webpki && !c.ext.get(OID.nameConstraints)!.critical) fail('constraint-violated', 'nameConstraints must be critical');
      try {
        checkConstraintBases(c.nameConstraints);
      } catch (e) {
        fail('constraint-violated', (e as Error).message);
      }
    }
    if (role !== 'leaf') {
      if (!bc) fail('constraint-violated', 'CA certificate without basicConstraints');
      if (!isCa) fail('constraint-violated', 'basicConstraints cA is false in an issuer certificate');
      if (!c.ext.get(OID.basicConstraints)!.critical) fail('constraint-violated', 'basicConstraints must be critical in a CA certificate');
      if (c.keyUsage && !c.keyUsage.has('keyCertSign')) fail('key-usage', 'issuer certificate without keyCertSign');
      if (c.subject.rdns.length === 0) fail('constraint-violated', 'CA certificate with an empty subject');
      if (!c.subjectKeyId) fail('constraint-violated', 'CA certificate without subjectKeyIdentifier');
      // RFC 5280 §6.1.4 (a): anyPolicy may be neither an issuerDomainPolicy nor a subjectDomainPolicy.
      if (role === 'ca' && c.policyMappings?.some((m) => m.includes(OID.anyPolicy))) fail('constraint-violated', 'policyMappings maps to or from anyPolicy');
      this.keyOf(n);
      const eku = c.extKeyUsage;
      if (webpki && role === 'anchor' && c.selfIssued && eku) fail('constraint-violated', 'root certificate with extKeyUsage (Web PKI)');
      for (const want of this.req.extendedKeyUsage ?? []) {
        if (eku && !eku.includes(want) && !eku.includes(OID.anyExtendedKeyUsage)) fail('key-usage', `issuer extKeyUsage does not allow ${want}`);
      }
      if (webpki && c.authorityKeyId && role === 'anchor' && c.selfIssued) {
        const aki = c.authorityKeyId;
        if (aki.keyId === undefined) fail('constraint-violated', 'root authorityKeyIdentifier without keyIdentifier');
        if (aki.hasIssuer || aki.hasSerial) fail('constraint-violated', 'root authorityKeyIdentifier with authorityCertIssuer/SerialNumber');
        if (c.subjectKeyId && aki.keyId && !equalBytes(aki.keyId, c.subjectKeyId)) fail('constraint-violated', 'root authorityKeyIdentifier differs from its subjectKeyIdentifier');
      }
    }
    if (webpki) {
      const key = this.keyOf(n);
      if (key.kind === 'rsa' && (key.modulusBits < 2048 || key.modulusBits % 8 !== 0)) fail('unsupported-algorithm', `${describeKey(key)} key (Web PKI: at least 2048 bits, a multiple of 8)`);
      if (key.kind === 'mldsa' || key.kind === 'ed25519') fail('unsupported-algorithm', `${describeKey(key)} key is not allowed in the Web PKI`);
    }
  }

  private checkLeafPurpose(c: ParsedCertificate): void {
    const webpki = this.profile === 'webpki';
    const who = describeCert(c);
    if (webpki) {
      if (c.basicConstraints?.ca) throw new Fail('constraint-violated', `${who}: end-entity certificate with basicConstraints cA (Web PKI)`);
      if (!c.extKeyUsage) throw new Fail('key-usage', `${who}: end-entity certificate without extKeyUsage (Web PKI)`);
      if (c.extKeyUsage.includes(OID.anyExtendedKeyUsage)) throw new Fail('key-usage', `${who}: anyExtendedKeyUsage in an end-entity certificate (Web PKI)`);
      if (c.ext.get(OID.extKeyUsage)!.critical) throw new Fail('constraint-violated', `${who}: critical extKeyUsage (Web PKI)`);
      checkCommonNames(c);
      const key = this.keyOf({ cert: c, anchor: false, logical: '', num: -1 });
      if (key.kind === 'rsa' && (key.modulusBits < 2048 || key.modulusBits % 8 !== 0)) throw new Fail('unsupported-algorithm', `${who}: ${describeKey(key)} key (Web PKI)`);
    }
    for (const ku of this.req.keyUsage ?? []) {
      if (!KNOWN_KEY_USAGE.has(ku)) throw new Fail('malformed', `unknown key usage ${ku}`);
      const bit = ku === 'contentCommitment' ? 'nonRepudiation' : ku;
      if (c.keyUsage && !c.keyUsage.has(bit as never)) throw new Fail('key-usage', `${who}: keyUsage lacks ${ku}`);
    }
    const eku = c.extKeyUsage;
    for (const want of this.req.extendedKeyUsage ?? []) {
      if (eku && !eku.includes(want) && (webpki || !eku.includes(OID.anyExtendedKeyUsage))) throw new Fail('key-usage', `${who}: extKeyUsage lacks ${want}`);
    }
  }

  private checkPeerName(c: ParsedCertificate, peer: PeerName): void {
    const sans = c.subjectAltName ?? [];
    let ok = false;
    if (peer.kind === 'dns') {
      // An address literal (any inet_aton form: the last label is numeric) is no hostname; only an
      // iPAddress entry vouches for an address (RFC 9525 §6.2), so it never matches a dNSName.
      const last = peer.value.replace(/\.$/, '').split('.').pop()!;
      ok = !/^(\d+|0x[0-9a-f]*)$/i.test(last) && sans.some((s) => s.kind === 'dns' && dnsMatches(peer.value, s.value, true));
    }
    else if (peer.kind === 'ip') {
      const want = parseIp(peer.value);
      if (!want) throw new Fail('malformed', `peer name ${JSON.stringify(peer.value)} is not an IP address`);
      ok = sans.some((s) => s.kind === 'ip' && equalBytes(s.bytes, want));
    } else if (peer.kind === 'email') ok = sans.some((s) => s.kind === 'email' && emailMatches(peer.value, s.value));
    else throw new Fail('malformed', `unknown peer name kind ${String((peer as PeerName).kind)}`);
    if (!ok) throw new Fail('name-mismatch', `${describeCert(c)} has no subjectAltName matching ${peer.kind}:${peer.value}`);
  }

  /** The path-dependent checks of a complete candidate path (leaf first, anchor last). */
  private validatePath(path: Node[]): void {
    const n = path.length;
    // pathLenConstraint: non-self-issued intermediates below each CA.
    for (let i = 1; i < n; i++) {
      const pl = path[i]!.cert.basicConstraints?.pathLen;
      if (pl === undefined) continue;
      let below = 0;
      for (let j = 1; j < i; j++) if (!path[j]!.cert.selfIssued) below++;
      if (below > pl) throw new Fail('path-too-long', `${describeCert(path[i]!.cert)}: pathLenConstraint ${pl} exceeded (${below} intermediates below)`);
    }
    // name constraints of every CA apply to every certificate below it (self-issued intermediates exempt).
    for (let i = 1; i < n; i++) {
      const nc = path[i]!.cert.nameConstraints;
      if (!nc) continue;
      for (let j = 0; j < i; j++) {
        const c = path[j]!.cert;
        if (j > 0 && c.selfIssued) continue;
        try {
          const names = namesOf(c);
          this.nameChecks += names.length * ((nc.permitted?.length ?? 0) + (nc.excluded?.length ?? 0));
          if (this.nameChecks > this.budgets.nameChecks) throw new BudgetExceeded(`name-constraint checking exceeded ${this.budgets.nameChecks} comparisons`);
          checkNames(names, nc, describeCert(c));
        } catch (e) {
          if (e instanceof ConstraintError) throw new Fail('constraint-violated', `name constraints of ${describeCert(path[i]!.cert)}: ${e.message}`);
          throw e;
        }
      }
    }
    if (this.req.revocation === 'crl') for (let i = 0; i < n - 1; i++) this.checkRevocation(path[i]!.cert, path[i + 1]!);
  }

  private checkRevocation(c: ParsedCertificate, issuer: Node): void {
    const who = describeCert(c);
    const serial = hex(c.serial);
    let covered = false;
    const problems: string[] = [];
    for (const crl of this.crls) {
      if (crl.issuer.key !== c.issuer.key) continue;
      if (crl.authorityKeyId && issuer.cert.subjectKeyId && !equalBytes(crl.authorityKeyId, issuer.cert.subjectKeyId)) continue;
      const scope = crlScope(crl, c);
      if (scope === 'not-applicable') continue;
      if (typeof scope === 'string' && scope !== 'complete' && scope !== 'partial') {
        problems.push(scope);
        continue;
      }
      const why = this.crlUnusable(crl, issuer);
      if (why) {
        problems.push(why);
        continue;
      }
      const entry = crl.revoked.get(serial);
      if (entry) {
        if (entry.extensions.some((e) => e.critical && e.oid !== OID.crlReason && e.oid !== OID.invalidityDate))
          throw new Fail('revocation-unknown', `${who}: CRL entry with an unrecognized critical extension`);
        throw new Fail('revoked', `${who}: serial ${serial} revoked at ${entry.date.toISOString()}`);
      }
      if (scope === 'partial') problems.push('CRL covers only some revocation reasons');
      else if (crl.nextUpdate && crl.nextUpdate.getTime() >= this.time) covered = true;
      else problems.push(`CRL is stale (nextUpdate ${crl.nextUpdate?.toISOString() ?? 'absent'})`);
    }
    if (!covered && this.req.coverage !== 'best-effort')
      throw new Fail('revocation-unknown', `${who}: no current, valid CRL from its issuer${problems.length ? ` (${problems.join('; ')})` : ''}`);
  }

  private crlUnusable(crl: ParsedCrl, issuer: Node): string | undefined {
    const k = `${this.crls.indexOf(crl)}|${issuer.num}`;
    if (this.crlCache.has(k)) return this.crlCache.get(k) ?? undefined;
    const r = this.crlUnusableUncached(crl, issuer);
    this.crlCache.set(k, r ?? null);
    return r;
  }

  private crlUnusableUncached(crl: ParsedCrl, issuer: Node): string | undefined {
    if (crl.version !== 2) return 'CRL is not v2';
    if (!equalBytes(crl.signatureAlgorithm.der, crl.tbsSignatureAlgorithm.der)) return 'CRL signatureAlgorithm differs from its TBS';
    const num = crl.ext.get(OID.crlNumber);
    if (!num) return 'CRL without CRLNumber';
    if (num.critical) return 'CRLNumber is critical';
    for (const e of crl.extensions) {
      if (e.oid === OID.deltaCrlIndicator) return 'delta CRLs are not supported';
      if (e.critical && e.oid !== OID.crlNumber && e.oid !== OID.authorityKeyIdentifier && e.oid !== OID.issuingDistributionPoint)
        return `CRL with unrecognized critical extension ${e.oid}`;
    }
    if (crl.thisUpdate.getTime() > this.time) return 'CRL thisUpdate is in the future';
    const ku = issuer.cert.keyUsage;
    if (ku && !ku.has('cRLSign')) return 'CRL issuer lacks cRLSign';
    let key: PublicKey;
    try {
      key = this.keyOf(issuer);
    } catch {
      return 'CRL issuer key unusable';
    }
    if (++this.sigChecks > this.budgets.signatureChecks) throw new BudgetExceeded(`more than ${this.budgets.signatureChecks} signature checks`);
    try {
      if (!verifySignature(this.backend, key, crl.signatureAlgorithm, crl.tbs, crl.signature)) return 'CRL signature does not verify';
    } catch (e) {
      return `CRL signature: ${(e as Error).message}`;
    }
    return undefined;
  }
}

const IPV4ISH = /^(0x[0-9a-f]+|\d+)(\.(0x[0-9a-f]+|\d+)){0,3}$/i;
const IPV6ISH = /^[0-9a-f:.]+$/i;

/**
 * CABF BR 7.1.4.3 (Web PKI profile, end-entity): a subject commonName must be a
 * character-for-character copy of a subjectAltName entry. Applied per name type: a commonName
 * written as an address in any notation (inet_aton forms, IPv6 in any case or compression) must
 * equal the canonical text (dotted quad / RFC 5952) of an iPAddress entry; a hostname
 * commonName must equal a dNSName entry byte for byte, or be the base domain a wildcard entry
 * names (`example.com` beside `*.example.com`). A hostname commonName in a certificate without
 * dNSName entries is left alone (limbo webpki::san::exact-localhost-ip-san).
 */
function checkCommonNames(c: ParsedCertificate): void {
  const sans = c.subjectAltName ?? [];
  for (const a of c.subject.atvs) {
    if (a.type !== OID_CN) continue;
    const cn = a.text;
    let ok: boolean;
    if (cn === undefined) ok = false;
    else if (IPV4ISH.test(cn) || (cn.includes(':') && IPV6ISH.test(cn))) ok = sans.some((s) => s.kind === 'ip' && formatIpCanonical(s.bytes) === cn);
    else {
      const dns = sans.flatMap((s) => (s.kind === 'dns' && s.value !== undefined ? [s.value] : []));
      ok = dns.length === 0 || dns.some((d) => d === cn || (d.startsWith('*.') && d.slice(2) === cn));
    }
    if (!ok) throw new Fail('name-mismatch', `${describeCert(c)}: commonName ${JSON.stringify(cn ?? a.key)} is not a copy of a subjectAltName entry (Web PKI, CABF BR 7.1.4.3)`);
  }
}

/**
 * Whether a CRL's scope (RFC 5280 §5.2.5 issuingDistributionPoint, §6.3.3 (b)) covers a certificate:
 * 'complete', 'partial' (only some reasons: a listing still proves revocation, absence proves
 * nothing), 'not-applicable', or a reason it cannot be used. A distribution-point name must
 * match one of the certificate's cRLDistributionPoints fullName URIs (a distribution point that
 * also lists non-URI names does not match: CABF BR 7.1.2.11.2).
 */
function crlScope(crl: ParsedCrl, c: ParsedCertificate): 'complete' | 'partial' | 'not-applicable' | string {
  const idp = crl.issuingDistributionPoint;
  if (idp === undefined) return 'complete';
  if (idp === 'malformed') return 'CRL issuingDistributionPoint is malformed';
  if (idp.indirectCrl) return 'indirect CRLs are not supported';
  if (idp.relativeName) return 'CRL distribution point names relative to the issuer are not supported';
  const ca = !!c.basicConstraints?.ca;
  if (idp.onlyAttributeCerts || (idp.onlyUserCerts && ca) || (idp.onlyCaCerts && !ca)) return 'not-applicable';
  if (idp.fullName) {
    const cdps = c.crlDistributionPoints;
    if (!cdps || cdps === 'malformed') return 'not-applicable';
    const want = new Set(idp.fullName.flatMap((n) => (n.kind === 'uri' && n.value !== undefined ? [n.value] : [])));
    const match = cdps.some(
      (dp) => !dp.crlIssuer && dp.fullName !== undefined && dp.fullName.every((n) => n.kind === 'uri') && dp.fullName.some((n) => n.kind === 'uri' && n.value !== undefined && want.has(n.value)),
    );
    if (!match) return 'not-applicable';
  }
  return idp.onlySomeReasons ? 'partial' : 'complete';
}

/** Subject DN (when non-empty), SANs and subject emailAddress attributes, for name constraints. */
function namesOf(c: ParsedCertificate): GeneralName[] {
  const out: GeneralName[] = [];
  if (c.subject.rdns.length) out.push({ kind: 'dn', name: c.subject });
  for (const a of c.subject.atvs) {
    if (a.type === OID_EMAIL_ADDRESS && a.text !== undefined) out.push({ kind: 'email', value: a.text, raw: new TextEncoder().encode(a.text) });
  }
  out.push(...(c.subjectAltName ?? []));
  return out;
}

function logicalKey(c: ParsedCertificate): string {
  return c.subject.key + '#' + hex(c.spki);
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}

export { ParseError };
