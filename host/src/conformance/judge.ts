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
 *
 * A probe runs only on the backends it names (all by default). On a backend where the test's
 * algorithm is not offered by contract (`TestCase.notApplicable`), every probe must fail with
 * `unsupported-algorithm`; the test is then not applicable there (counted apart), else it fails.
 * @module
 */
import { ERROR_CODES, type ErrorCode } from '../index.js';
import { describeThrown, OutputMismatch, Scope } from './scope.js';
import { InjectableRandom } from './random.js';
import type { Imports, NotApplicableReason, Probe, ProbeEnv, SkipReason, TestCase } from './types.js';
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

function runProbe(probe: Probe, imports: Imports, env: ProbeEnv): { outcome: Outcome; disposeProblems: string[] } {
  const scope = new Scope();
  let outcome: Outcome;
  try {
    outcome = { kind: 'ok', output: probe.run(imports, scope, env) };
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

/** Where two outputs first differ, for messages about outputs longer than `showBytes` shows. */
function whereDiffers(got: Uint8Array, want: Uint8Array): string {
  if (got.length !== want.length) return ` (${got.length} bytes, expected ${want.length})`;
  let i = 0;
  while (i < got.length && got[i] === want[i]) i++;
  return got.length > 40 ? ` (first difference at byte ${i} of ${got.length})` : '';
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
      return `${name}: wrong output${whereDiffers(output, expected)}\n  got  ${showBytes(output)}\n  want ${showBytes(expected)}`;
    }
  }
}

export type CaseVerdict =
  | { status: 'passed' }
  | { status: 'skipped'; reason: SkipReason }
  | { status: 'not-applicable'; reason: NotApplicableReason }
  | { status: 'failed'; problems: string[] };

/** On a backend that by contract lacks the algorithm: every probe must answer `unsupported-algorithm`. */
function confirmNotApplicable(probes: readonly Probe[], imports: Imports, env: ProbeEnv, backendsNote: string): string[] {
  const problems: string[] = [];
  for (const probe of probes) {
    const { outcome, disposeProblems } = runProbe(probe, imports, env);
    const want = `expected unsupported-algorithm (${backendsNote})`;
    if (outcome.kind === 'ok') problems.push(`${probe.name}: succeeded, ${want}`);
    else if (outcome.kind === 'typed' && outcome.code !== 'unsupported-algorithm') problems.push(`${probe.name}: failed with ${describeTyped(outcome.code, outcome.message)}, ${want}`);
    else if (outcome.kind === 'untyped') problems.push(`${probe.name}: threw ${outcome.description}, not a typed wasi:crypto error (a guest would trap); ${want}`);
    else if (outcome.kind === 'mismatch') problems.push(`${probe.name}: ${outcome.message}; ${want}`);
    for (const d of disposeProblems) problems.push(`${probe.name}: ${d}`);
  }
  return problems;
}

/**
 * Runs every probe of `tc` that runs on `env.backend` against `imports` and judges the outcomes.
 * Without `env`, probes run as on the node backend with the platform random source.
 */
export function judgeCase(tc: TestCase, imports: Imports, env: ProbeEnv = { backend: 'node', random: new InjectableRandom() }): CaseVerdict {
  if (tc.malformed !== undefined) return { status: 'failed', problems: [`malformed test vector: ${tc.malformed}`] };
  const probes = tc.probes.filter((p) => p.backends === undefined || p.backends.includes(env.backend));
  const na = tc.notApplicable;
  if (na !== undefined && na.backends.includes(env.backend)) {
    if (probes.length === 0) return { status: 'failed', problems: ['the runner has no way to run this test (no probes)'] };
    const problems = confirmNotApplicable(probes, imports, env, `the ${env.backend} backend does not offer ${tc.algorithm}: ${na.reason}`);
    return problems.length === 0 ? { status: 'not-applicable', reason: na.reason } : { status: 'failed', problems };
  }
  if (tc.outOfScope !== undefined && tc.result !== 'invalid') return { status: 'skipped', reason: tc.outOfScope };
  if (probes.length === 0) return { status: 'failed', problems: ['the runner has no way to run this test (no probes)'] };
  const problems: string[] = [];
  for (const probe of probes) {
    const { outcome, disposeProblems } = runProbe(probe, imports, env);
    const p = judgeProbe(tc, probe, outcome);
    if (p !== null) problems.push(p);
    for (const d of disposeProblems) problems.push(`${probe.name}: ${d}`);
  }
  return problems.length === 0 ? { status: 'passed' } : { status: 'failed', problems };
}
