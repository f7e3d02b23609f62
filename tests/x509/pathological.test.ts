/**
 * Pathological inputs finish within their budgets with a typed result: cycles, a cross-signed
 * mesh, a huge bundle, a deep chain, many candidate issuers with the same subject. The assertions
 * are on the result and on the work counters (steps, signature checks), never on time.
 */
import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import { createNodeBackend } from '../../host/src/backends/node.js';
import { DEFAULT_BUDGETS, verifyChain, type VerifyRequest, type VerifyResult, type VerifyStats } from '../../host/src/core/x509/index.js';
import { DAY, NOW, cert, intermediate, keys, leaf, root, type Cert, type Keys } from './pki.js';

const node = createNodeBackend();
type Ca = { cert: Cert; keys: Keys };
const failure = (r: VerifyResult): string => (r.ok ? 'ok' : r.failure);

function run(req: VerifyRequest): { res: VerifyResult; stats: VerifyStats } {
  const stats: VerifyStats = { steps: 0, signatureChecks: 0 };
  const res = verifyChain(req, node, stats);
  const b = { ...DEFAULT_BUDGETS, ...req.budgets };
  assert.ok(stats.steps <= b.steps + 1, `steps ${stats.steps}`);
  assert.ok(stats.signatureChecks <= b.signatureChecks + 1, `signature checks ${stats.signatureChecks}`);
  return { res, stats };
}

describe('pathological inputs', () => {
  let r: Ca;
  before(async () => {
    r = await root('CN=Patho Root', 'ed25519');
  });

  test('a two-certificate cycle without an anchor ends with a typed failure', async () => {
    const ka = await keys('ed25519');
    const kb = await keys('ed25519');
    const aCert = await cert({ subject: 'CN=Cycle A', keys: ka, ca: true, issuer: { cert: { subject: 'CN=Cycle B' } as Cert, keys: kb } });
    const bCert = await cert({ subject: 'CN=Cycle B', keys: kb, ca: true, issuer: { cert: { subject: 'CN=Cycle A' } as Cert, keys: ka } });
    const l = await leaf({ cert: aCert, keys: ka });
    const { res } = run({ leaf: l.cert.der, intermediates: [aCert.der, bCert.der], anchors: [{ der: r.cert.der }], time: NOW });
    assert.equal(failure(res), 'anchor-not-found');
  });

  test('a fully cross-signed mesh of 7 CAs (42 cross certificates) is cut by the budgets', async () => {
    const n = 7;
    const ks = await Promise.all(Array.from({ length: n }, () => keys('ed25519')));
    const names = ks.map((_, k) => `CN=Mesh ${k}`);
    const cross: Cert[] = [];
    for (let a = 0; a < n; a++)
      for (let b = 0; b < n; b++)
        if (a !== b) cross.push(await cert({ subject: names[a]!, keys: ks[a]!, ca: true, issuer: { cert: { subject: names[b]! } as Cert, keys: ks[b]! } }));
    const l = await leaf({ cert: { subject: names[0]! } as Cert, keys: ks[0]! });
    const { res, stats } = run({ leaf: l.cert.der, intermediates: cross.map((c) => c.der), anchors: [{ der: r.cert.der }], time: NOW });
    assert.ok(['anchor-not-found', 'budget-exceeded', 'path-too-long'].includes(failure(res)), JSON.stringify(res));
    assert.ok(stats.steps > 0);
  });

  test('a huge bundle (400 unrelated certificates) around a valid chain still verifies', async () => {
    const i = await intermediate(r, 'CN=Bundle ICA', 'ed25519');
    const l = await leaf(i, 'bundle.example.com', 'ed25519');
    const k = await keys('ed25519');
    const noise: Uint8Array[] = [];
    for (let j = 0; j < 400; j++) noise.push((await cert({ subject: `CN=noise ${j}`, keys: k, issuer: i, dns: [`n${j}.example.com`] })).der);
    noise.splice(200, 0, i.cert.der);
    const { res, stats } = run({ leaf: l.cert.der, intermediates: noise, anchors: [{ der: r.cert.der }], time: NOW });
    assert.ok(res.ok, JSON.stringify(res));
    assert.equal(res.chain.length, 3);
    assert.ok(stats.signatureChecks <= 3);
    // over the input budget: a typed refusal before any work
    const small = run({ leaf: l.cert.der, intermediates: noise, anchors: [{ der: r.cert.der }], time: NOW, budgets: { inputCertificates: 100 } });
    assert.equal(failure(small.res), 'budget-exceeded');
  });

  test('a chain 30 intermediates deep is refused as too long (logical depth and hard depth)', async () => {
    let parent = r;
    const ints: Cert[] = [];
    for (let d = 0; d < 30; d++) {
      parent = await intermediate(parent, `CN=Deep ${d}`, 'ed25519');
      ints.push(parent.cert);
    }
    const l = await leaf(parent, 'deep.example.com', 'ed25519');
    const base: VerifyRequest = { leaf: l.cert.der, intermediates: ints.reverse().map((c) => c.der), anchors: [{ der: r.cert.der }], time: NOW };
    assert.equal(failure(run(base).res), 'path-too-long');
    assert.equal(failure(run({ ...base, maxDepth: 100 }).res), 'path-too-long'); // budgets.depth = 16
    const ok = run({ ...base, maxDepth: 100, budgets: { depth: 40 } });
    assert.ok(ok.res.ok, JSON.stringify(ok.res));
    assert.equal(ok.res.chain.length, 32);
  });

  test('many candidate issuers with the same subject: 60 distinct keys without identifiers', async () => {
    const kRight = await keys('ed25519');
    const wrong = await Promise.all(Array.from({ length: 60 }, () => keys('ed25519')));
    const decoys: Cert[] = [];
    for (const k of wrong) decoys.push(await cert({ subject: 'CN=Busy CA', keys: k, ca: true, issuer: r, noSki: true }));
    const right = await cert({ subject: 'CN=Busy CA', keys: kRight, ca: true, issuer: r, noSki: true });
    const l = await cert({ subject: 'CN=busy.example.com', keys: await keys('ed25519'), issuer: { cert: right, keys: kRight }, dns: ['busy.example.com'] });
    // the real issuer is last of 61 same-subject candidates, and nothing (SKI) tells them apart
    const { res, stats } = run({ leaf: l.der, intermediates: [...decoys, right].map((c) => c.der), anchors: [{ der: r.cert.der }], time: NOW });
    assert.equal(failure(res), 'budget-exceeded');
    assert.ok(stats.signatureChecks <= DEFAULT_BUDGETS.candidatesPerStep + 1);
    // with a larger per-step budget it is found (and then fails on the SKI rule, a typed result)
    const wide = run({ leaf: l.der, intermediates: [...decoys, right].map((c) => c.der), anchors: [{ der: r.cert.der }], time: NOW, budgets: { candidatesPerStep: 100 } });
    assert.equal(failure(wide.res), 'constraint-violated');
  });

  test('50 expired re-issues of the same CA and one current: the current one is tried first', async () => {
    const k = await keys('ed25519');
    const reissues: Cert[] = [];
    for (let j = 0; j < 50; j++)
      reissues.push(await cert({ subject: 'CN=Reissued CA', keys: k, ca: true, issuer: r, notBefore: new Date(NOW.getTime() - 400 * DAY), notAfter: new Date(NOW.getTime() - 10 * DAY - j * DAY) }));
    const current = await cert({ subject: 'CN=Reissued CA', keys: k, ca: true, issuer: r });
    const l = await leaf({ cert: current, keys: k }, 'reissue.example.com', 'ed25519');
    const { res, stats } = run({ leaf: l.cert.der, intermediates: [...reissues, current].map((c) => c.der), anchors: [{ der: r.cert.der }], time: NOW });
    assert.ok(res.ok, JSON.stringify(res));
    assert.ok(stats.signatureChecks <= 2);
  });

  test('a hostile budget of zero steps fails typed, immediately', async () => {
    const i = await intermediate(r, 'CN=Zero ICA', 'ed25519');
    const l = await leaf(i, 'zero.example.com', 'ed25519');
    const { res } = run({ leaf: l.cert.der, intermediates: [i.cert.der], anchors: [{ der: r.cert.der }], time: NOW, budgets: { steps: 0 } });
    assert.equal(failure(res), 'budget-exceeded');
  });
});
