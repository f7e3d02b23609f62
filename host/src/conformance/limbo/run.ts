/** Running limbo cases: in-process (tests) or in a worker thread under a wall-clock limit (the CLI). */
import type { CaseOutcome, ChainVerifier, LimboTestcase } from './types.js';
import { skipReason, toRequest, type ProfileChoice } from './cases.js';

/** Runs one case synchronously with `verify`. */
export function runCase(tc: LimboTestcase, verify: ChainVerifier, profile: ProfileChoice): CaseOutcome {
  const base = { id: tc.id, expected: tc.expected_result };
  const skip = skipReason(tc, profile);
  if (skip) return { ...base, actual: 'SKIPPED', context: skip };
  let req;
  try {
    req = toRequest(tc, profile);
  } catch (e) {
    return { ...base, actual: 'FAILURE', context: `input: ${(e as Error).message}` };
  }
  const t0 = performance.now();
  let r;
  try {
    r = verify(req);
  } catch (e) {
    return { ...base, actual: 'FAILURE', crashed: true, context: `verifier threw: ${(e as Error)?.message ?? String(e)}` };
  }
  const ms = performance.now() - t0;
  if (r.ok) return { ...base, actual: 'SUCCESS', context: `chain of ${r.chain.length}`, ms };
  return { ...base, actual: 'FAILURE', context: `${r.failure}: ${r.detail}`, ms };
}

/** Whether an outcome counts as passed (a skip is neither passed nor failed). */
export function passed(o: CaseOutcome): boolean {
  return !o.crashed && o.actual === o.expected;
}
