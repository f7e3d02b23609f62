/**
 * A re-creation of BetterTLS's `nameconstraints` suite (Netflix/bettertls,
 * test-suites/nameconstraints: the bulk of limbo's generated bettertls::* cases): trust root ->
 * local_root -> local_ica (DNS/IP permitted/excluded subtrees) -> leaf (CN, DNS SAN, IP SAN each
 * absent / valid / invalid), for a DNS and an IP client hostname. The expected result is
 * BetterTLS's own rule (ExpectedResult(): FAIL and SOFT_FAIL export as REJECT, PASS and SOFT_PASS
 * as ACCEPT), re-stated here independently of the validator. A deterministic sample of the 8748
 * combinations runs by default; X509_BETTERTLS_FULL=1 runs all of them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createNodeBackend } from '../../host/src/backends/node.js';
import { verifyChain } from '../../host/src/core/x509/index.js';
import { asn1, cert, intermediate, keys, root, type Cert, type Keys } from './pki.js';

type Tri = 'NONE' | 'VALID' | 'INVALID';
const TRI: Tri[] = ['NONE', 'VALID', 'INVALID'];

interface Case {
  host: 'DNS' | 'IP';
  cnType: 'DNS' | 'IP';
  cn: Tri;
  dnsSan: Tri;
  ipSan: Tri;
  dnsWhite: Tri;
  ipWhite: Tri;
  dnsBlack: Tri;
  ipBlack: Tri;
}

/** BetterTLS NameConstraintsTestCase.ExpectedResult(), mapped as its exporter does. */
function expected(n: Case): 'ACCEPT' | 'REJECT' {
  let softFail = false;
  if (n.host === 'DNS') {
    if (n.dnsSan !== 'VALID') {
      if (n.cnType !== 'DNS' || n.cn !== 'VALID') return 'REJECT';
      softFail = true;
    }
  } else if (n.ipSan !== 'VALID') {
    if (n.cnType !== 'IP' || n.cn !== 'VALID') return 'REJECT';
    softFail = true;
  }
  if (n.host === 'DNS' && (n.dnsWhite === 'INVALID' || n.dnsBlack === 'VALID')) return 'REJECT';
  if (n.host === 'IP' && (n.ipWhite === 'INVALID' || n.ipBlack === 'VALID')) return 'REJECT';
  let sanViolation = false;
  if (n.dnsSan === 'VALID' && (n.dnsWhite === 'INVALID' || n.dnsBlack === 'VALID')) sanViolation = true;
  if (n.dnsSan === 'INVALID' && (n.dnsWhite === 'VALID' || n.dnsBlack === 'INVALID')) sanViolation = true;
  if (n.ipSan === 'VALID' && (n.ipWhite === 'INVALID' || n.ipBlack === 'VALID')) sanViolation = true;
  if (n.ipSan === 'INVALID' && (n.ipWhite === 'VALID' || n.ipBlack === 'INVALID')) sanViolation = true;
  if (sanViolation) softFail = true;
  // (a CN-only violation is SOFT_PASS: exported as ACCEPT)
  return softFail ? 'REJECT' : 'ACCEPT';
}

const VALID_DNS_NAME = 'test.localhost';
const INVALID_DNS_NAME = 'bad.example.com';
const VALID_IP = '127.0.0.1';
const INVALID_IP = '1.1.1.1';

test('BetterTLS nameconstraints model: validator agrees with the suite rule', async () => {
  const full = process.env['X509_BETTERTLS_FULL'] === '1';
  const backend = createNodeBackend();
  const trust = await root('CN=bettertls_trust_root, O=bettertls.com');
  const localRoot = await intermediate(trust, 'CN=local_root, O=bettertls.com');
  const icas = new Map<string, { cert: Cert; keys: Keys }>();
  const leaves = new Map<string, Cert>();
  const leafKeys = await keys();
  const dns = (v: string): asn1.GeneralName => new asn1.GeneralName({ dNSName: v });
  const ip = (v: string): asn1.GeneralName => new asn1.GeneralName({ iPAddress: v as never });

  const cases: Case[] = [];
  for (const host of ['DNS', 'IP'] as const)
    for (const cnType of ['DNS', 'IP'] as const)
      for (const cn of TRI)
        for (const dnsSan of TRI)
          for (const ipSan of TRI)
            for (const dnsWhite of TRI) for (const ipWhite of TRI) for (const dnsBlack of TRI) for (const ipBlack of TRI) cases.push({ host, cnType, cn, dnsSan, ipSan, dnsWhite, ipWhite, dnsBlack, ipBlack });
  assert.equal(cases.length, 8748);
  const selected = full ? cases : cases.filter((_, i) => i % 17 === 0);

  let agree = 0;
  const disagreements: string[] = [];
  const counts = { ACCEPT: 0, REJECT: 0 };
  for (const n of selected) {
    const icaKey = `${n.dnsWhite}/${n.ipWhite}/${n.dnsBlack}/${n.ipBlack}`;
    let ica = icas.get(icaKey);
    if (!ica) {
      const permitted: asn1.GeneralName[] = [];
      const excluded: asn1.GeneralName[] = [];
      if (n.dnsWhite !== 'NONE') permitted.push(dns(n.dnsWhite === 'VALID' ? 'localhost' : 'example.com'));
      if (n.dnsBlack !== 'NONE') excluded.push(dns(n.dnsBlack === 'VALID' ? 'localhost' : INVALID_DNS_NAME));
      if (n.ipWhite !== 'NONE') permitted.push(ip(n.ipWhite === 'VALID' ? '127.0.0.0/24' : '1.1.1.0/24'));
      if (n.ipBlack !== 'NONE') excluded.push(ip(n.ipBlack === 'VALID' ? '127.0.0.0/24' : '1.1.1.0/24'));
      const nc = permitted.length || excluded.length ? { nameConstraints: { ...(permitted.length ? { permitted } : {}), ...(excluded.length ? { excluded } : {}) } } : {};
      ica = await intermediate(localRoot, `CN=local_ica ${icaKey}, O=bettertls.com`, 'p256', nc);
      icas.set(icaKey, ica);
    }
    const leafKey = `${icaKey}|${n.cnType}/${n.cn}/${n.dnsSan}/${n.ipSan}`;
    let leaf = leaves.get(leafKey);
    if (!leaf) {
      const cnValue = n.cn === 'NONE' ? undefined : n.cnType === 'DNS' ? (n.cn === 'VALID' ? VALID_DNS_NAME : INVALID_DNS_NAME) : n.cn === 'VALID' ? VALID_IP : INVALID_IP;
      leaf = await cert({
        subject: cnValue ? `CN=${cnValue}, O=bettertls.com` : 'O=bettertls.com',
        keys: leafKeys,
        issuer: ica,
        noSki: true,
        dns: n.dnsSan === 'NONE' ? [] : [n.dnsSan === 'VALID' ? VALID_DNS_NAME : INVALID_DNS_NAME],
        ips: n.ipSan === 'NONE' ? [] : [n.ipSan === 'VALID' ? VALID_IP : INVALID_IP],
      });
      leaves.set(leafKey, leaf);
    }
    const res = verifyChain(
      {
        leaf: leaf.der,
        intermediates: [ica.cert.der, localRoot.cert.der],
        anchors: [{ der: trust.cert.der }],
        time: new Date(),
        peerName: n.host === 'DNS' ? { kind: 'dns', value: VALID_DNS_NAME } : { kind: 'ip', value: VALID_IP },
        extendedKeyUsage: ['1.3.6.1.5.5.7.3.1'],
      },
      backend,
    );
    const want = expected(n);
    counts[want]++;
    if ((res.ok ? 'ACCEPT' : 'REJECT') === want) agree++;
    else disagreements.push(`${JSON.stringify(n)}: expected ${want}, got ${res.ok ? 'ACCEPT' : `${res.failure}: ${res.detail}`}`);
  }
  console.log(`BetterTLS nameconstraints model: ${agree}/${selected.length} agree (${counts.ACCEPT} ACCEPT, ${counts.REJECT} REJECT expected)`);
  assert.deepEqual(disagreements.slice(0, 10), []);
  assert.ok(counts.ACCEPT > 0 && counts.REJECT > 0);
});
