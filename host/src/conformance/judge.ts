/**
 * Judging: runs the probes of a test case and decides pass, fail or skip.
 *
 * - `valid`: every probe succeeds with exactly the expected output.
 * - `invalid`: every probe fails with a typed error (a thrown object with an own string `payload`
 *   that is a WIT `error-code` case, which jco turns into `err(code)`); a `produce` probe may
 *   instead succeed with an output other than the vector's, unless the test's parameters are ones
 *   the algorithm rejects.
 * - `acceptable`: each probe either fails with a typed error or succeeds with the expected output.
 *
 * Anything thrown that is not a typed error (a TypeError, a RangeError, a trap) is a failure
 * whatever the expected result: through jco it would trap the guest.
 * @module
 */
import { ERROR_CODES, type ErrorCode } from '../index.js';
import { describeThrown, OutputMismatch, Scope } from './scope.js';
import type { Imports, Probe, SkipReason, TestCase } from './types.js';
import { equalBytes, showBytes } from './vector.js';

type Outcome =
  | { kind: 'ok'; output: Uint8Array | null }
  | { kind: 'typed'; code: ErrorCode; message: string }
  | { kind: 'untyped'; description: string }
  | { kind: 'mismatch'; message: string };

const CODES: ReadonlySet<string> = new Set(ERROR_CODES);

/** The WIT error code of a thrown value, if it is a typed error as jco sees it. */
export function typedErrorCode(e: unknown): ErrorCode | undefined {
  if (typeof e !== 'object' || e === null || !Object.prototype.hasOwnProperty.call(e, 'payload')) return undefined;
  const payload = (e as { payload: unknown }).payload;
  return typeof payload === 'string' && CODES.has(payload) ? (payload as ErrorCode) : undefined;
}

function runProbe(probe: Probe, imports: Imports): { outcome: Outcome; disposeProblems: string[] } {
  const scope = new Scope();
  let outcome: Outcome;
  try {
    outcome = { kind: 'ok', output: probe.run(imports, scope) };
  } catch (e) {
    const code = typedErrorCode(e);
    if (e instanceof OutputMismatch) outcome = { kind: 'mismatch', message: e.message };
    else if (code !== undefined) outcome = { kind: 'typed', code, message: e instanceof Error ? e.message : '' };
    else outcome = { kind: 'untyped', description: describeThrown(e) };
  }
  return { outcome, disposeProblems: scope.dispose() };
}

function describeTyped(code: ErrorCode, message: string): string {
  const detail = message.startsWith(`${code}: `) ? message.slice(code.length + 2) : message === code ? '' : message;
  return detail ? `${code} (${detail})` : code;
}

/** The problem with one probe's outcome for this test, or `null` if it is as expected. */
function judgeProbe(tc: TestCase, probe: Probe, outcome: Outcome): string | null {
  const name = probe.name;
  switch (outcome.kind) {
    case 'untyped':
      return `${name}: threw ${outcome.description}, not a typed wasi:crypto error (a guest would trap)`;
    case 'mismatch':
      return `${name}: ${outcome.message}`;
    case 'typed':
      if (tc.result === 'valid') return `${name}: failed with ${describeTyped(outcome.code, outcome.message)}, expected success`;
      return null;
    case 'ok': {
      const { output } = outcome;
      const { expected } = probe;
      const matches = expected === null ? output === null : output !== null && equalBytes(output, expected);
      if (tc.result === 'invalid') {
        if (probe.role === 'check') return `${name}: succeeded${output ? ` with ${showBytes(output)}` : ''}, expected a typed error`;
        if (tc.rejectsParameters) return `${name}: succeeded with parameters the algorithm must reject${output ? ` (output ${showBytes(output)})` : ''}`;
        if (matches) return `${name}: produced the invalid vector's output ${output ? showBytes(output) : ''}`;
        return null;
      }
      if (matches) return null;
      if (expected === null) return `${name}: returned ${output ? showBytes(output) : 'nothing'}, expected no output`;
      if (output === null) return `${name}: returned nothing, expected ${showBytes(expected)}`;
      return `${name}: wrong output\n  got  ${showBytes(output)}\n  want ${showBytes(expected)}`;
    }
  }
}

export type CaseVerdict = { status: 'passed' } | { status: 'skipped'; reason: SkipReason } | { status: 'failed'; problems: string[] };

/** Runs every probe of `tc` against `imports` and judges the outcomes. */
export function judgeCase(tc: TestCase, imports: Imports): CaseVerdict {
  if (tc.malformed !== undefined) return { status: 'failed', problems: [`malformed test vector: ${tc.malformed}`] };
  if (tc.outOfScope !== undefined && tc.result !== 'invalid') return { status: 'skipped', reason: tc.outOfScope };
  if (tc.probes.length === 0) return { status: 'failed', problems: ['the runner has no way to run this test (no probes)'] };
  const problems: string[] = [];
  for (const probe of tc.probes) {
    const { outcome, disposeProblems } = runProbe(probe, imports);
    const p = judgeProbe(tc, probe, outcome);
    if (p !== null) problems.push(p);
    for (const d of disposeProblems) problems.push(`${probe.name}: ${d}`);
  }
  return problems.length === 0 ? { status: 'passed' } : { status: 'failed', problems };
}
