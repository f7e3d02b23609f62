/**
 * x509-limbo's hand-written cases (tests/vectors/x509-limbo/limbo-core.json (a vendored copy of ../shared/vectors/x509-limbo)) through the
 * harness's case runner with the core verifier, in-process: every non-skipped case must give the
 * expected result, every skip must be a declared feature. Prints ms per chain (median, worst);
 * times are reported, not asserted.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createVerifier } from '../../host/src/conformance/limbo/core-verifier.js';
import { runCase, passed } from '../../host/src/conformance/limbo/run.js';
import { UNSUPPORTED_FEATURES } from '../../host/src/conformance/limbo/cases.js';
import type { Limbo } from '../../host/src/conformance/limbo/types.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const file = process.env['LIMBO_CORE'] ?? path.join(root, 'tests', 'vectors', 'x509-limbo', 'limbo-core.json');

test('limbo-core: every case as expected or skipped for a declared feature; ms per chain printed', { skip: existsSync(file) ? false : `${file} is not present` }, () => {
  const limbo = JSON.parse(readFileSync(file, 'utf8')) as Limbo;
  const verify = createVerifier();
  const outcomes = limbo.testcases.map((tc) => runCase(tc, verify, 'auto'));
  const bad = outcomes.filter((o) => o.actual !== 'SKIPPED' && !passed(o));
  assert.deepEqual(bad.map((o) => `${o.id}: expected ${o.expected}, got ${o.actual} (${o.context})`), []);
  for (const o of outcomes.filter((x) => x.actual === 'SKIPPED')) {
    const tc = limbo.testcases.find((t) => t.id === o.id)!;
    assert.ok(tc.features.some((f) => f in UNSUPPORTED_FEATURES), `${o.id} skipped without a declared feature: ${o.context}`);
  }
  // timing: a second pass, warm
  const times: { id: string; ms: number }[] = [];
  for (const tc of limbo.testcases) {
    const o = runCase(tc, verify, 'auto');
    if (o.ms !== undefined) times.push({ id: o.id, ms: o.ms });
  }
  times.sort((a, b) => a.ms - b.ms);
  const median = times[Math.floor(times.length / 2)]!;
  const worst = times[times.length - 1]!;
  const skipped = outcomes.length - times.length;
  console.log(
    `limbo-core: ${outcomes.length - skipped - bad.length} passed, ${bad.length} failed, ${skipped} skipped; ` +
      `ms per chain over ${times.length} cases: median ${median.ms.toFixed(2)}, worst ${worst.ms.toFixed(2)} (${worst.id})`,
  );
});

test('a verifier that throws is a failed case, even where limbo expects FAILURE', { skip: existsSync(file) ? false : `${file} is not present` }, () => {
  const limbo = JSON.parse(readFileSync(file, 'utf8')) as Limbo;
  const expectsFailure = limbo.testcases.find((tc) => tc.expected_result === 'FAILURE' && runCase(tc, createVerifier(), 'auto').actual !== 'SKIPPED')!;
  const o = runCase(expectsFailure, () => { throw new Error('boom'); }, 'auto');
  assert.equal(o.actual, 'FAILURE');
  assert.equal(o.crashed, true);
  assert.match(o.context, /verifier threw: boom/);
  assert.equal(passed(o), false);
});
