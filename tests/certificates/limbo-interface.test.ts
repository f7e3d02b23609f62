/**
 * The x509-limbo core suite through the WIT `certificates` interface (the interface verifier of the
 * limbo harness, host/src/conformance/limbo/interface-verifier.ts): every case gives the same
 * outcome as the core validator called directly, nothing fails, and only declared features are
 * skipped. Needs tests/vectors/x509-limbo/limbo-core.json (a vendored copy of ../shared/vectors/x509-limbo); skipped with that reason when absent.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createVerifier as coreVerifier } from '../../host/src/conformance/limbo/core-verifier.js';
import { createVerifier as interfaceVerifier } from '../../host/src/conformance/limbo/interface-verifier.js';
import { runCase } from '../../host/src/conformance/limbo/run.js';
import type { Limbo } from '../../host/src/conformance/limbo/types.js';

/** The repository root: this file runs from build/tests/certificates/; the vectors sit beside the repository. */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const file = process.env['LIMBO_CORE'] ?? join(ROOT, 'tests', 'vectors', 'x509-limbo', 'limbo-core.json');

test('limbo-core through the interface: 0 failed, the same outcome as the core validator for every case', { skip: existsSync(file) ? false : `${file} is not present (set LIMBO_CORE)` }, () => {
  const limbo = JSON.parse(readFileSync(file, 'utf8')) as Limbo;
  const viaInterface = interfaceVerifier();
  const direct = coreVerifier();
  let passed = 0;
  let skipped = 0;
  const failed: string[] = [];
  const differ: string[] = [];
  for (const tc of limbo.testcases) {
    const a = runCase(tc, viaInterface, 'auto');
    const b = runCase(tc, direct, 'auto');
    if (a.actual !== b.actual) differ.push(`${tc.id}: interface ${a.actual} (${a.context}), core ${b.actual} (${b.context})`);
    if (a.actual === 'SKIPPED') skipped++;
    else if (a.actual === a.expected) passed++;
    else failed.push(`${tc.id}: expected ${a.expected}, got ${a.actual} (${a.context})`);
  }
  assert.deepEqual(differ, []);
  assert.deepEqual(failed, []);
  assert.equal(passed + skipped, limbo.testcases.length);
  assert.ok(skipped <= 4, `${skipped} skipped`);
});
