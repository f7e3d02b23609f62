/**
 * Mapping of limbo testcases onto VerifyRequest: the declared unsupported features (each skip
 * has its reason), the profile chosen per case, and the validation options.
 */
import { OID, pemToDer, splitPem, type PeerName, type VerifyRequest } from '../../core/x509/index.js';
import { parseIp } from '../../core/x509/names.js';
import type { LimboTestcase } from './types.js';

export type ProfileChoice = 'auto' | 'rfc5280' | 'webpki';

/** Features this validator does not implement, with the reason printed for each skipped case. */
export const UNSUPPORTED_FEATURES: Readonly<Record<string, string>> = Object.freeze({
  'pedantic-public-suffix-wildcard': 'needs the Public Suffix List, which the validator does not ship (wildcards are matched by label rules only)',
  'pedantic-rfc5280':
    'trust anchors are accepted without an authorityKeyIdentifier (RFC 5280 §6.1 takes an anchor as given; cve::cve-2024-0567 needs a cross-signed anchor without AKI to validate), so an AKI-less cross-signed root is not rejected',
});

const EKU_NAMES: Record<string, string> = {
  serverAuth: OID.serverAuth,
  clientAuth: OID.clientAuth,
  codeSigning: '1.3.6.1.5.5.7.3.3',
  emailProtection: '1.3.6.1.5.5.7.3.4',
  timeStamping: '1.3.6.1.5.5.7.3.8',
  OCSPSigning: '1.3.6.1.5.5.7.3.9',
  anyExtendedKeyUsage: OID.anyExtendedKeyUsage,
};

function namespaceProfile(id: string): 'rfc5280' | 'webpki' {
  return id.startsWith('webpki::') ? 'webpki' : 'rfc5280';
}

/** The profile a case runs under: its namespace's (auto), or the fixed one. */
export function profileFor(tc: LimboTestcase, choice: ProfileChoice): 'rfc5280' | 'webpki' {
  return choice === 'auto' ? namespaceProfile(tc.id) : choice;
}

/** The reason a case is skipped, or undefined when it runs. */
export function skipReason(tc: LimboTestcase, choice: ProfileChoice): string | undefined {
  for (const f of tc.features ?? []) {
    const why = UNSUPPORTED_FEATURES[f];
    if (why) return `feature ${f}: ${why}`;
  }
  if (choice !== 'auto' && tc.conflicts_with.length && namespaceProfile(tc.id) !== choice)
    return `conflicts_with ${tc.conflicts_with.join(', ')}, which the chosen ${choice} profile satisfies`;
  if (tc.signature_algorithms.length) return 'signature_algorithms restrictions are not supported';
  return undefined;
}

function peerName(p: LimboTestcase['expected_peer_name']): PeerName | undefined {
  if (!p) return undefined;
  switch (p.kind) {
    case 'DNS':
      // limbo's BetterTLS import writes an IP-address hostname as a DNS peer name
      // (limbo/testcases/bettertls.py); a DNS name is never an IP literal, so it is an IP peer.
      return parseIp(p.value) ? { kind: 'ip', value: p.value } : { kind: 'dns', value: p.value };
    case 'IP':
      return { kind: 'ip', value: p.value };
    case 'RFC822':
      return { kind: 'email', value: p.value };
  }
}

/** The VerifyRequest for a runnable case. PEM decoding errors propagate (the case then fails closed). */
export function toRequest(tc: LimboTestcase, choice: ProfileChoice, now = new Date()): VerifyRequest {
  const der = (pem: string): Uint8Array => pemToDer(pem, 'CERTIFICATE');
  const eku = tc.extended_key_usage.map((n) => {
    const oid = EKU_NAMES[n];
    if (!oid) throw new Error(`unknown extended key usage ${n}`);
    return oid;
  });
  // A SERVER validation implies serverAuth, a CLIENT one clientAuth, as limbo's reference harnesses do.
  if (eku.length === 0) eku.push(tc.validation_kind === 'CLIENT' ? OID.clientAuth : OID.serverAuth);
  const req: VerifyRequest = {
    leaf: der(tc.peer_certificate),
    intermediates: tc.untrusted_intermediates.map(der),
    anchors: tc.trusted_certs.map((p) => ({ der: der(p) })),
    time: tc.validation_time ? new Date(tc.validation_time) : now,
    profile: profileFor(tc, choice),
    termination: 'trust-store',
    keyUsage: tc.key_usage.slice(),
    extendedKeyUsage: eku,
  };
  if (tc.max_chain_depth !== null) req.maxDepth = tc.max_chain_depth;
  const pn = peerName(tc.expected_peer_name);
  if (pn) req.peerName = pn;
  const more = tc.expected_peer_names.map(peerName).filter((p): p is PeerName => p !== undefined);
  if (more.length) req.peerNames = more;
  if (tc.crls.length) {
    req.crls = tc.crls.flatMap((p) => splitPem(p).filter((b) => b.label === 'X509 CRL').map((b) => b.der));
    req.revocation = 'crl';
    req.coverage = 'fail-closed';
  }
  return req;
}
