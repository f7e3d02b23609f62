/**
 * The Wycheproof conformance runner: reads vector files, decides from each file's own contents
 * (`schema`, `algorithm`, group fields) how to run it, runs every test on each backend through
 * the WIT-facing interface objects, and counts passes, failures and skips.
 * @module
 */
import { readFileSync } from 'node:fs';
import { createCryptoHost } from '../index.js';
import { judgeCase } from './judge.js';
import { InjectableRandom } from './random.js';
import { handlerForSchema, supportedSchemas } from './registry.js';
import { describeThrown } from './scope.js';
import {
  BACKEND_NAMES,
  type BackendName,
  type Failure,
  type FileHeader,
  type FileResult,
  type NotApplicableReason,
  type RunOptions,
  type RunSummary,
  type SchemaHandler,
  type SkipReason,
  type SkipReasonCount,
  type TestCase,
} from './types.js';
import { isObject, salvage, VectorFormatError, type JsonObject } from './vector.js';

/** A file ready to run: its header, its handler and its test cases. */
export interface PlannedFile {
  readonly header: FileHeader;
  readonly handler: SchemaHandler;
  readonly cases: readonly TestCase[];
  readonly notes: readonly string[];
}

/** Reads and parses a vector file; `error` says why it could not be. */
export function readVectorFile(path: string): { json: unknown } | { error: string } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return { error: `cannot read the file: ${(e as Error).message}` };
  }
  try {
    return { json: JSON.parse(text) as unknown };
  } catch (e) {
    return { error: `not valid JSON: ${(e as Error).message}` };
  }
}

function header(json: unknown): { header: FileHeader; handler: SchemaHandler } | { error: string } {
  if (!isObject(json)) return { error: 'not a Wycheproof test file (the top level is not a JSON object)' };
  const schema = json['schema'];
  if (typeof schema !== 'string') return { error: 'not a Wycheproof test file (no "schema" string)' };
  const handler = handlerForSchema(schema);
  if (!handler) return { error: `unsupported schema ${JSON.stringify(schema)} (supported: ${supportedSchemas().join(', ')})` };
  const algorithm = json['algorithm'];
  if (typeof algorithm !== 'string') return { error: `schema ${schema}: no "algorithm" string` };
  const resolved = handler.resolveAlgorithm(algorithm);
  if (!resolved.ok) return { error: `unsupported algorithm: ${resolved.reason}` };
  const hdr: FileHeader = { schema, algorithm };
  const groups = json['testGroups'];
  if (handler.resolveGroup && Array.isArray(groups)) {
    for (const [i, group] of groups.entries()) {
      if (!isObject(group)) continue;
      const g = handler.resolveGroup(hdr, group);
      if (!g.ok) return { error: `unsupported algorithm: test group #${i + 1}: ${g.reason}` };
    }
  }
  return { header: hdr, handler };
}

/**
 * Whether the runner can run this (parsed) Wycheproof file: its schema has a handler, and its
 * algorithm and every test group's parameters (curve, hash, key size, …) map to ours. Decided by
 * content only.
 */
export function supportsFile(json: unknown): boolean {
  return 'header' in header(json);
}

/** Malformed cases for every test of a group that could not be read. */
function malformedGroup(group: unknown, where: string, message: string, algorithm: string): TestCase[] {
  const tests = isObject(group) && Array.isArray(group['tests']) && group['tests'].length > 0 ? group['tests'] : [undefined];
  return tests.map((t) => {
    const s = salvage(t);
    return { tcId: s.tcId, comment: s.comment, result: s.result, flags: [], algorithm, rejectsParameters: false, probes: [], malformed: `${where}: ${message}` };
  });
}

/** Plans a parsed file: which tests to run and how. */
export function planFile(json: unknown): PlannedFile | { error: string } {
  const h = header(json);
  if ('error' in h) return h;
  const file = json as JsonObject;
  const groups = file['testGroups'];
  if (!Array.isArray(groups)) return { error: `schema ${h.header.schema}: "testGroups" is not an array` };
  const cases: TestCase[] = [];
  groups.forEach((group: unknown, i) => {
    const where = `test group #${i + 1}`;
    if (!isObject(group)) {
      cases.push(...malformedGroup(group, where, 'not a JSON object', h.header.algorithm));
      return;
    }
    try {
      cases.push(...h.handler.planGroup(h.header, group));
    } catch (e) {
      if (!(e instanceof VectorFormatError)) throw e;
      cases.push(...malformedGroup(group, where, e.message.replace(/^test group: /, ''), h.header.algorithm));
    }
  });
  const notes: string[] = [];
  const declared = file['numberOfTests'];
  if (typeof declared === 'number' && declared !== cases.length) notes.push(`the header says numberOfTests = ${declared}, the file has ${cases.length} tests`);
  return { header: h.header, handler: h.handler, cases, notes };
}

/**
 * Runs a planned file on one backend. The host gets the runner's random source (its documented
 * `random` hook): the platform CSPRNG, into which probes inject a vector's fixed randomness.
 */
export function runPlannedFile(file: string, plan: PlannedFile, backend: BackendName): FileResult {
  let passed = 0;
  let skipped = 0;
  let notApplicable = 0;
  const skipReasons: Partial<Record<SkipReason, number>> = {};
  const notApplicableReasons: Partial<Record<NotApplicableReason, number>> = {};
  const failures: Failure[] = [];
  const notes = [...plan.notes];
  const random = new InjectableRandom();
  const host = createCryptoHost({ backend, random: random.source });
  try {
    const imports = host.getImportObject();
    const env = { backend, random };
    for (const tc of plan.cases) {
      const v = judgeCase(tc, imports, env);
      if (v.status === 'passed') passed++;
      else if (v.status === 'skipped') {
        skipped++;
        skipReasons[v.reason] = (skipReasons[v.reason] ?? 0) + 1;
      } else if (v.status === 'not-applicable') {
        notApplicable++;
        notApplicableReasons[v.reason] = (notApplicableReasons[v.reason] ?? 0) + 1;
      } else {
        failures.push({ file, backend, tcId: tc.tcId, comment: tc.comment, result: tc.result, flags: tc.flags, problems: v.problems });
      }
    }
    const live = host.stats().handles.total;
    if (live !== 0) notes.push(`${live} handle(s) still live on the ${backend} host after every resource was disposed`);
  } finally {
    host[Symbol.dispose]();
  }
  return {
    file,
    backend,
    schema: plan.header.schema,
    algorithm: plan.header.algorithm,
    passed,
    failed: failures.length,
    skipped,
    skipReasons,
    notApplicable,
    notApplicableReasons,
    error: null,
    notes,
    failures,
  };
}

function fileError(file: string, error: string, hdr: Partial<FileHeader> = {}, backend: BackendName | null = null): FileResult {
  return {
    file,
    backend,
    schema: hdr.schema ?? null,
    algorithm: hdr.algorithm ?? null,
    passed: 0,
    failed: 1,
    skipped: 0,
    skipReasons: {},
    notApplicable: 0,
    notApplicableReasons: {},
    error,
    notes: [],
    failures: [{ file, backend, tcId: null, comment: '', result: null, flags: [], problems: [error] }],
  };
}

/** Runs one file on each backend (a file that cannot be run is one failure, reported once). */
export function runFile(file: string, backends: readonly BackendName[] = BACKEND_NAMES): FileResult[] {
  const read = readVectorFile(file);
  if ('error' in read) return [fileError(file, read.error)];
  let plan: PlannedFile | { error: string };
  try {
    plan = planFile(read.json);
  } catch (e) {
    return [fileError(file, `internal runner error while reading the tests: ${describeThrown(e)}`)];
  }
  if ('error' in plan) {
    const j = isObject(read.json) ? read.json : {};
    const hdr: Partial<FileHeader> = {
      ...(typeof j['schema'] === 'string' ? { schema: j['schema'] } : {}),
      ...(typeof j['algorithm'] === 'string' ? { algorithm: j['algorithm'] } : {}),
    };
    return [fileError(file, plan.error, hdr)];
  }
  const ok = plan;
  return backends.map((backend) => {
    try {
      return runPlannedFile(file, ok, backend);
    } catch (e) {
      return fileError(file, `internal runner error on the ${backend} backend: ${describeThrown(e)}`, ok.header, backend);
    }
  });
}

/**
 * Runs every file on every backend in `opts.backends` (default: node and noble). Each test counts
 * once per backend.
 */
export function runFiles(paths: readonly string[], opts: RunOptions = {}): RunSummary {
  const backends = opts.backends ?? BACKEND_NAMES;
  const perFile: FileResult[] = [];
  for (const p of paths) {
    const results = runFile(p, backends);
    perFile.push(...results);
    opts.onFile?.(results);
  }
  const skipReasons: SkipReasonCount[] = [];
  for (const r of perFile) {
    if (r.backend === null) continue;
    for (const [reason, count] of Object.entries(r.skipReasons) as [SkipReason, number][]) skipReasons.push({ file: r.file, backend: r.backend, reason, count });
  }
  return {
    passed: perFile.reduce((n, r) => n + r.passed, 0),
    failed: perFile.reduce((n, r) => n + r.failed, 0),
    skipped: perFile.reduce((n, r) => n + r.skipped, 0),
    notApplicable: perFile.reduce((n, r) => n + r.notApplicable, 0),
    perFile,
    skipReasons,
    failures: perFile.flatMap((r) => r.failures),
  };
}
