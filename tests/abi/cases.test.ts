/**
 * The case table (cases.ts) through every ABI runner, with the same expected results: our WIT
 * through the host's import object, and the witx core-module ABI through its import object driven
 * over a WebAssembly.Memory. Both run on each backend (node:crypto and @noble/*).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCryptoHost } from '../../host/src/index.js';
import { CASES, runCase, type AbiRunner } from './cases.js';
import { witRunner, witxRunner } from './runners.js';
import type { CryptoHost } from '../../host/src/host.js';

const RUNNERS: [string, (host: CryptoHost) => AbiRunner][] = [
  ['wit', witRunner],
  ['witx', witxRunner],
];

for (const backend of ['node', 'noble'] as const) {
  for (const [label, make] of RUNNERS) {
    test(`cases through ${label} (${backend} backend): ${CASES.length} cases`, () => {
      using host = createCryptoHost({ backend });
      using runner = make(host);
      const wrong: string[] = [];
      for (const c of CASES) {
        const got = runCase(runner, c);
        try {
          assert.deepEqual(got, c.expect);
        } catch {
          wrong.push(`${c.name}: got ${JSON.stringify(got)}, expected ${JSON.stringify(c.expect)}`);
        }
      }
      assert.deepEqual(wrong, [], `${runner.name}:\n${wrong.join('\n')}`);
      // Every runner closes what it opened: nothing is left on the host.
      assert.equal(host.stats().handles.total, 0, JSON.stringify(host.stats().handles));
    });
  }
}

test('the two runners agree case by case (same outcome, not only the same verdict)', () => {
  using host = createCryptoHost();
  using wit = witRunner(host);
  using witx = witxRunner(host);
  for (const c of CASES) assert.deepEqual(runCase(witx, c), runCase(wit, c), c.name);
});
