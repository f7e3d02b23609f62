/**
 * A re-creation of BetterTLS's `pathbuilding` suite (Netflix/bettertls, test-suites/pathbuilding):
 * the trust graphs LINEAR, TWO_ROOTS, FIGURE_SEVEN (RFC 4158 §2.3) and BRIDGE_CA_PKI (RFC 4158
 * §2.4), each edge a certificate issued by its source node to its destination node, some edges made
 * invalid (expired, name constraints, bad EKU, missing basicConstraints, not a CA, SHA-1), the source
 * node replaced by the trust root. The expected result is BetterTLS's rule (ACCEPT iff the graph has
 * a path from the source to the destination over valid edges), the validation time limbo's
 * (bettertls.py: leaf notBefore + 1 s, or leaf notAfter + 1 s for an expected-REJECT expiry case).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createNodeBackend } from '../../host/src/backends/node.js';
import { verifyChain } from '../../host/src/core/x509/index.js';
import { asn1, cert, keys, x509, type Cert, type Keys } from './pki.js';

type Edge = [string, string];
const G: Record<string, Edge[]> = {
  LINEAR: [['ICA', 'EE'], ['Trust Anchor', 'ICA']],
  FIGURE_SEVEN: [['B', 'EE'], ['C', 'B'], ['A', 'B'], ['C', 'A'], ['A', 'C'], ['Trust Anchor', 'C'], ['Trust Anchor', 'A']],
  TWO_ROOTS: [['ICA', 'EE'], ['Root1', 'ICA'], ['Root2', 'ICA']],
  BRIDGE: [
    ['F', 'H'], ['F', 'G'], ['G', 'F'], ['H', 'I'], ['I', 'H'], ['G', 'I'], ['TA W', 'F'], ['TA W', 'G'],
    ['J', 'K'], ['N', 'EE'], ['L', 'N'], ['L', 'M'], ['TA X', 'J'], ['TA X', 'L'],
    ['B', 'E'], ['B', 'D'], ['A', 'B'], ['C', 'B'], ['A', 'C'], ['C', 'A'], ['TA Y', 'A'], ['TA Y', 'C'],
    ['R', 'S'], ['O', 'R'], ['O', 'Q'], ['P', 'S'], ['TA Z', 'O'], ['TA Z', 'P'],
    ['TA W', 'Bridge CA'], ['Bridge CA', 'TA W'], ['TA X', 'Bridge CA'], ['Bridge CA', 'TA X'],
    ['TA Y', 'Bridge CA'], ['Bridge CA', 'TA Y'], ['TA Z', 'Bridge CA'], ['Bridge CA', 'TA Z'],
  ],
};
const REASONS = ['EXPIRED', 'NAME_CONSTRAINTS', 'BAD_EKU', 'MISSING_BASIC_CONSTRAINTS', 'NOT_A_CA', 'DEPRECATED_CRYPTO'] as const;
type Reason = (typeof REASONS)[number];
interface Explicit {
  graph: string;
  src: string;
  dst: string;
  invalid?: Edge[];
}
const EXPLICIT: Explicit[] = [
  { graph: 'LINEAR', src: 'Trust Anchor', dst: 'EE' },
  { graph: 'LINEAR', src: 'Trust Anchor', dst: 'EE', invalid: [['Trust Anchor', 'ICA']] },
  { graph: 'LINEAR', src: 'ICA', dst: 'EE', invalid: [['Trust Anchor', 'ICA']] },
  { graph: 'TWO_ROOTS', src: 'Root1', dst: 'EE' },
  { graph: 'TWO_ROOTS', src: 'Root2', dst: 'EE' },
  { graph: 'TWO_ROOTS', src: 'Root1', dst: 'EE', invalid: [['Root2', 'ICA']] },
  { graph: 'TWO_ROOTS', src: 'Root2', dst: 'EE', invalid: [['Root1', 'ICA']] },
  { graph: 'TWO_ROOTS', src: 'Root1', dst: 'EE', invalid: [['Root1', 'ICA']] },
  { graph: 'TWO_ROOTS', src: 'Root2', dst: 'EE', invalid: [['Root2', 'ICA']] },
  { graph: 'FIGURE_SEVEN', src: 'Trust Anchor', dst: 'EE' },
  { graph: 'FIGURE_SEVEN', src: 'Trust Anchor', dst: 'EE', invalid: [['Trust Anchor', 'C'], ['A', 'B']] },
  { graph: 'FIGURE_SEVEN', src: 'Trust Anchor', dst: 'EE', invalid: [['Trust Anchor', 'A'], ['C', 'B']] },
  { graph: 'BRIDGE', src: 'TA Z', dst: 'D' },
  { graph: 'BRIDGE', src: 'TA Z', dst: 'EE' },
  { graph: 'BRIDGE', src: 'TA Z', dst: 'EE', invalid: [['TA X', 'Bridge CA']] },
  { graph: 'BRIDGE', src: 'TA Z', dst: 'EE', invalid: [['Bridge CA', 'TA X']] },
  { graph: 'BRIDGE', src: 'TA Z', dst: 'EE', invalid: [['TA Z', 'Bridge CA']] },
];

/** The provider's case list: sanity, two branching cases, one per reason on LINEAR, then the explicit cases (expanded per reason). */
function allCases(): { e: Explicit; reason: Reason | undefined }[] {
  const out: { e: Explicit; reason: Reason | undefined }[] = [
    { e: EXPLICIT[0]!, reason: undefined },
    { e: EXPLICIT[3]!, reason: undefined },
    { e: EXPLICIT[4]!, reason: undefined },
  ];
  for (const r of REASONS) out.push({ e: EXPLICIT[1]!, reason: r });
  for (const e of EXPLICIT) {
    if (e.invalid?.length) for (const r of REASONS) out.push({ e, reason: r });
    else out.push({ e, reason: undefined });
  }
  return out;
}

function reachable(edges: Edge[], invalid: Edge[], src: string, dst: string): boolean {
  const bad = (e: Edge): boolean => invalid.some((x) => x[0] === e[0] && x[1] === e[1]);
  const dfs = (path: string[], at: string): boolean => {
    if (path.includes(at)) return false;
    if (at === dst) return true;
    return edges.some((e) => e[0] === at && !bad(e) && dfs([...path, at], e[1]));
  };
  return dfs([], src);
}

test('BetterTLS pathbuilding model: validator agrees with the suite rule on every case', async () => {
  const backend = createNodeBackend();
  const trustKeys = await keys('p256');
  const trustRoot = await cert({ subject: 'CN=bettertls_trust_root, O=bettertls.com', keys: trustKeys, ca: true, keyUsage: x509.KeyUsageFlags.keyCertSign });
  const HOUR = 3_600_000;
  const cases = allCases();
  const disagreements: string[] = [];
  let agree = 0;
  for (const [idx, { e, reason }] of cases.entries()) {
    const edges = G[e.graph]!;
    const invalid = e.invalid ?? [];
    const nodes = [...new Set(edges.flat())];
    const nodeKeys = new Map<string, Keys>();
    const nodeSubject = new Map<string, string>();
    for (const n of nodes) {
      nodeKeys.set(n, n === e.src ? trustKeys : await keys('p256'));
      nodeSubject.set(n, n === e.src ? 'CN=bettertls_trust_root, O=bettertls.com' : `CN=${n}, O=bettertls.com, 2.5.4.5=${idx}`);
    }
    const now = Date.now();
    const leaves: Cert[] = [];
    const ints: Cert[] = [];
    for (const [s, d] of edges) {
      const isInvalid = invalid.some((x) => x[0] === s && x[1] === d);
      const isLeaf = d === e.dst;
      const o: Parameters<typeof cert>[0] = {
        subject: isLeaf ? `CN=${d}, O=bettertls.com` : nodeSubject.get(d)!,
        keys: nodeKeys.get(d)!,
        issuer: { cert: { subject: nodeSubject.get(s)! } as Cert, keys: nodeKeys.get(s)! },
        ca: !isLeaf,
        notBefore: new Date(now - 24 * HOUR),
        notAfter: new Date(now + 366 * 24 * HOUR),
        keyUsage: isLeaf ? x509.KeyUsageFlags.digitalSignature : x509.KeyUsageFlags.keyCertSign,
        ...(isLeaf ? { dns: ['localhost'], eku: ['1.3.6.1.5.5.7.3.1'] } : { noEku: true }),
      };
      if (isInvalid) {
        switch (reason) {
          case 'EXPIRED':
            o.notAfter = new Date(now - HOUR);
            break;
          case 'NAME_CONSTRAINTS':
            o.nameConstraints = { permitted: [new asn1.GeneralName({ dNSName: 'bad.example.com' })] };
            break;
          case 'BAD_EKU':
            o.noEku = true;
            o.extraExtensions = [new x509.ExtendedKeyUsageExtension(['1.3.6.1.5.5.7.3.4'])];
            break;
          case 'MISSING_BASIC_CONSTRAINTS':
            o.noBasicConstraints = true;
            break;
          case 'NOT_A_CA':
            o.ca = false;
            o.noEku = true;
            o.extraExtensions = [new x509.BasicConstraintsExtension(false, undefined, true)];
            break;
          case 'DEPRECATED_CRYPTO':
            o.signingAlgorithm = { name: 'ECDSA', hash: 'SHA-1' };
            break;
          default:
            throw new Error('invalid edge without a reason');
        }
      }
      const c = await cert(o);
      (isLeaf ? leaves : ints).push(c);
    }
    const [leaf, ...otherLeaves] = leaves;
    const want = reachable(edges, invalid, e.src, e.dst) ? 'ACCEPT' : 'REJECT';
    const leafX = leaf!.x509;
    const time =
      reason === 'EXPIRED' && want === 'REJECT' ? new Date(leafX.notAfter.getTime() + 1000) : new Date(leafX.notBefore.getTime() + 1000);
    const res = verifyChain(
      {
        leaf: leaf!.der,
        intermediates: [...otherLeaves, ...ints].map((c) => c.der),
        anchors: [{ der: trustRoot.der }],
        time,
        peerName: { kind: 'dns', value: 'localhost' },
        extendedKeyUsage: ['1.3.6.1.5.5.7.3.1'],
      },
      backend,
    );
    const got = res.ok ? 'ACCEPT' : 'REJECT';
    if (process.env['X509_VERBOSE'] === '1') console.log(`tc${idx} ${e.graph} ${e.src}->${e.dst} ${reason ?? ''}: want ${want}, got ${res.ok ? `ACCEPT (${res.chain.length})` : `${res.failure}: ${res.detail.slice(0, 140)}`}`);
    if (got === want) agree++;
    else disagreements.push(`tc${idx} ${e.graph} ${e.src}->${e.dst} invalid=${JSON.stringify(invalid)} ${reason ?? ''}: expected ${want}, got ${res.ok ? 'ACCEPT' : `${res.failure}: ${res.detail}`}`);
  }
  console.log(`BetterTLS pathbuilding model: ${agree}/${cases.length} agree`);
  assert.deepEqual(disagreements, []);
});
