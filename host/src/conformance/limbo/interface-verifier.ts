/**
 * A ChainVerifier that goes through the WIT `certificates` interface (host/src/interfaces/
 * certificates.ts) exactly as a guest would: `certificate.parse`, a `verification-context` with its
 * setters, `verify`, and the verify-result mapped back. Use it with
 * `npm run limbo -- <limbo.json> --verifier build/host/src/conformance/limbo/interface-verifier.js`.
 *
 * The host's certificate limits are raised to what the validator's own budgets allow (limbo has
 * cases with many intermediates), and every handle made for a case is dropped after it; the
 * verifier checks the host is back to zero live handles.
 */
import type * as Gen from '../../../generated/interfaces/wasi-crypto-certificates.js';
import { FAILURE_TO_RESULT } from '../../core/certificates/verify.js';
import { DEFAULT_BUDGETS, type VerifyFailure, type VerifyRequest, type VerifyResult } from '../../core/x509/index.js';
import { createCryptoHost } from '../../index.js';
import type { ChainVerifier } from './types.js';

const RESULT_TO_FAILURE = Object.fromEntries(Object.entries(FAILURE_TO_RESULT).map(([f, r]) => [r, f])) as Record<Gen.VerifyResult, VerifyFailure>;

const KEY_USAGE: Readonly<Record<string, keyof Gen.KeyUsage>> = Object.freeze({
  digitalSignature: 'digitalSignature',
  nonRepudiation: 'contentCommitment',
  contentCommitment: 'contentCommitment',
  keyEncipherment: 'keyEncipherment',
  dataEncipherment: 'dataEncipherment',
  keyAgreement: 'keyAgreement',
  keyCertSign: 'keyCertSign',
  cRLSign: 'crlSign',
  encipherOnly: 'encipherOnly',
  decipherOnly: 'decipherOnly',
});

export function createVerifier(): ChainVerifier {
  const host = createCryptoHost({
    limits: { maxVerifyInputs: DEFAULT_BUDGETS.inputCertificates, maxTrustStoreMembers: DEFAULT_BUDGETS.inputCertificates, maxChainDepth: DEFAULT_BUDGETS.depth },
  });
  const c = host.getImportObject()['wasi:crypto/certificates'];
  return (req: VerifyRequest): VerifyResult => {
    const handles: Disposable[] = [];
    // The generated resource types do not declare [Symbol.dispose]; the host's classes have it.
    const keep = <T,>(h: T): T => {
      handles.push(h as unknown as Disposable);
      return h;
    };
    const parse = (der: Uint8Array): Gen.Certificate => keep(c.Certificate.parse(der, 'der'));
    try {
      let leaf: Gen.Certificate;
      try {
        leaf = parse(req.leaf);
      } catch (e) {
        return { ok: false, failure: 'malformed', detail: `leaf: ${(e as Error).message}` };
      }
      const v = keep(c.VerificationContext.create());
      v.setLeaf(leaf);
      for (const der of req.intermediates ?? []) {
        try {
          v.addUntrusted(parse(der));
        } catch {
          // An intermediate that does not parse cannot be on a path: leave it out, as the validator does.
        }
      }
      const withStore = req.anchors.some((a) => a.enabled === false || (a.crls?.length ?? 0) > 0);
      const store = withStore ? keep(c.TrustStore.create()) : undefined;
      let anchors = 0;
      for (const a of req.anchors) {
        let cert: Gen.Certificate;
        try {
          cert = parse(a.der);
        } catch {
          continue;
        }
        anchors++;
        if (store === undefined) v.addAnchor(cert);
        else {
          const crls = (a.crls ?? []).map((d) => keep(c.Crl.parse(d, 'der')));
          if (crls.length > 0) store.addWithCrl(cert, crls[crls.length - 1]!);
          else store.add(cert);
          if (a.enabled === false) store.setEnabled(cert.sha256Fingerprint(), false);
        }
      }
      if (store !== undefined) v.setTrustStore(store);
      else if (anchors === 0) return { ok: false, failure: 'anchor-not-found', detail: 'no anchor parses' };
      for (const der of req.crls ?? []) {
        try {
          v.addCrl(keep(c.Crl.parse(der, 'der')));
        } catch {
          // An unparseable CRL proves nothing; fail-closed coverage reports the gap.
        }
      }
      v.setTime(BigInt(Math.floor(req.time.getTime() / 1000)));
      // The host's largest depth is the validator's depth budget: a larger limit is no limit.
      if (req.maxDepth !== undefined) v.setMaxDepth(Math.min(req.maxDepth, DEFAULT_BUDGETS.depth));
      v.setProfile(req.profile ?? 'rfc5280');
      v.setTermination(req.termination === 'trust-store' ? 'trust-store-terminated' : 'root-required');
      for (const p of [...(req.peerName ? [req.peerName] : []), ...(req.peerNames ?? [])]) v.addPeerName(p);
      const ku: Gen.KeyUsage = {};
      for (const name of req.keyUsage ?? []) {
        const flag = KEY_USAGE[name];
        if (flag === undefined) return { ok: false, failure: 'malformed', detail: `unknown key usage ${name}` };
        ku[flag] = true;
      }
      v.setKeyUsage(ku);
      for (const oid of req.extendedKeyUsage ?? []) v.addExtendedKeyUsage(oid);
      v.setRevocation(req.revocation === 'crl' ? 'crl-only' : 'none');
      v.setCoverage(req.coverage ?? 'fail-closed');
      const r = v.verify();
      if (r.tag === 'err') return { ok: false, failure: RESULT_TO_FAILURE[r.val], detail: v.lastDetail() };
      for (const h of r.val) keep(h);
      return { ok: true, chain: r.val.map((h) => h.export('der')) };
    } finally {
      for (const h of handles.reverse()) h[Symbol.dispose]();
      const left = host.stats().handles.total;
      if (left !== 0) throw new Error(`interface verifier: ${left} live handles after a case`);
    }
  };
}
