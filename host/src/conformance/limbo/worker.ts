/** Worker thread: loads the limbo file and the verifier module, runs the cases it is sent. */
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { runCase } from './run.js';
import type { ChainVerifier, Limbo } from './types.js';
import type { ProfileChoice } from './cases.js';

const { file, verifier, profile } = workerData as { file: string; verifier: string; profile: ProfileChoice };
const limbo = JSON.parse(readFileSync(file, 'utf8')) as Limbo;
const mod = (await import(pathToFileURL(verifier).href)) as { createVerifier(): ChainVerifier | Promise<ChainVerifier> };
const verify = await mod.createVerifier();
parentPort!.on('message', (index: number) => {
  const tc = limbo.testcases[index]!;
  let out;
  try {
    out = runCase(tc, verify, profile);
  } catch (e) {
    out = { id: tc.id, expected: tc.expected_result, actual: 'FAILURE', crashed: true, context: `harness error: ${(e as Error).message}` };
  }
  parentPort!.postMessage(out);
});
parentPort!.postMessage('ready');
