/**
 * `npm run conformance -- [--backend node|noble|all] [--verbose] <file.json>…`: runs Wycheproof
 * vector files against the host and prints one line per file and backend, the skip reasons of
 * each file, and last `N passed, M failed, K skipped`. Exit status: 0 if nothing failed, 1 if
 * something did, 2 for a usage error.
 * @module
 */
import { runFiles } from './runner.js';
import { ALLOWED_SKIP_REASONS, BACKEND_NAMES, NOT_APPLICABLE_REASONS, type BackendName, type FileResult, type NotApplicableReason, type SkipReason } from './types.js';

const USAGE = `Usage: npm run conformance -- [options] <vectors.json>...
       node scripts/conformance.mjs [options] <vectors.json>...

Runs Wycheproof test-vector files against the wasi:crypto host, through the interface objects a
component's imports call. What runs is decided by each file's contents (schema, algorithm, group
parameters), never by its name.

Options:
  --backend node|noble|all   backend(s) to run every file on (default: all)
  -v, --verbose              list every failure with its tcId, comment and what happened
  -h, --help                 print this help

Output: one line per file and backend, the skip reasons of each file, then
"N passed, M failed, K skipped". Exit status 0 only when nothing failed.

Tests are skipped only for these reasons (an invalid test is never skipped):
${ALLOWED_SKIP_REASONS.map((r) => `  - ${r}`).join('\n')}

Not applicable ("n/a" lines, outside the three counts): a test whose algorithm the backend does
not offer by contract, after every probe has confirmed that the host answers
unsupported-algorithm (any other answer fails the test). Today only:
${NOT_APPLICABLE_REASONS.map((r) => `  - ${r}`).join('\n')}
so RSA files count on the node backend and print an "n/a" line for noble.

Randomized operations with published outputs (ML-KEM encapsulation with the vector's m, ML-DSA
signing with its rnd, all zeros when absent): on noble the vector's bytes are fed to the host's
own random source (createCryptoHost({ random })) and the output must match exactly. On node
they are not injected and the output is not compared: ML-DSA signatures must verify with the key
pair's and the group's public key (round trip), and ML-KEM encapsulation vectors (which give no
secret key) are checked for the ciphertext and secret lengths only. Deterministic operations
(verification, decapsulation, key agreement, key derivation) are compared exactly on both.
`;

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

const consoleIo: CliIo = { out: (l) => console.log(l), err: (l) => console.error(l) };

interface CliArgs {
  backends: readonly BackendName[];
  verbose: boolean;
  files: string[];
}

class UsageError extends Error {}

function parseArgs(argv: readonly string[]): CliArgs | 'help' {
  let backends: readonly BackendName[] = BACKEND_NAMES;
  let verbose = false;
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      files.push(...argv.slice(i + 1));
      break;
    }
    if (a === '-h' || a === '--help') return 'help';
    if (a === '-v' || a === '--verbose') {
      verbose = true;
      continue;
    }
    if (a === '--backend' || a.startsWith('--backend=')) {
      const value = a === '--backend' ? argv[++i] : a.slice('--backend='.length);
      if (value === undefined) throw new UsageError('--backend needs a value: node, noble or all');
      if (value === 'all') backends = BACKEND_NAMES;
      else if (value === 'node' || value === 'noble') backends = [value];
      else throw new UsageError(`--backend must be node, noble or all, got ${JSON.stringify(value)}`);
      continue;
    }
    if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option ${a}`);
    files.push(a);
  }
  if (files.length === 0) throw new UsageError('no vector files given');
  return { backends, verbose, files };
}

function counts(r: { passed: number; failed: number; skipped: number }): string {
  return `${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped`;
}

function printFile(results: readonly FileResult[], verbose: boolean, io: CliIo): void {
  for (const r of results) {
    const what = r.schema === null ? '' : ` (${r.algorithm ?? '?'}, ${r.schema})`;
    const backend = r.backend === null ? '' : ` [${r.backend}]`;
    if (r.error !== null && r.passed + r.skipped === 0) io.out(`FAIL ${r.file}${backend}${what}: ${r.error}`);
    else if (r.notApplicable > 0 && r.passed + r.failed + r.skipped === 0) {
      const reasons = Object.keys(r.notApplicableReasons) as NotApplicableReason[];
      io.out(`n/a  ${r.file}${backend}${what}: not applicable, ${r.notApplicable} test${r.notApplicable === 1 ? '' : 's'} not counted: ${reasons.join('; ')} (confirmed for every test)`);
    } else {
      const na = r.notApplicable > 0 ? ` (+${r.notApplicable} not applicable, not counted)` : '';
      io.out(`${r.failed === 0 ? 'ok  ' : 'FAIL'} ${r.file}${backend}${what}: ${counts(r)}${na}`);
    }
    for (const n of r.notes) io.out(`     note: ${n}`);
    if (verbose && r.error === null) {
      for (const f of r.failures) {
        const flags = f.flags.length ? `, flags ${f.flags.join(' ')}` : '';
        io.out(`     ✗ tcId ${f.tcId ?? '?'} (${f.result ?? 'unknown result'}${flags})${f.comment ? ` "${f.comment}"` : ''}`);
        for (const p of f.problems) io.out(p.replace(/^/gm, '         '));
      }
    }
  }
  // Skip reasons: once per reason per file (the counts are per backend run).
  const reasons = new Map<SkipReason, number>();
  for (const r of results) for (const [reason, n] of Object.entries(r.skipReasons) as [SkipReason, number][]) reasons.set(reason, Math.max(reasons.get(reason) ?? 0, n));
  const runs = results.filter((r) => r.backend !== null).length;
  for (const [reason, n] of reasons) io.out(`     skipped: ${reason} (${n} test${n === 1 ? '' : 's'}${runs > 1 ? ' per backend' : ''})`);
}

/** The CLI; returns the exit status. */
export function main(argv: readonly string[], io: CliIo = consoleIo): number {
  let args: CliArgs | 'help';
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.err(`conformance: ${e.message}`);
    io.err(USAGE.trimEnd());
    return 2;
  }
  if (args === 'help') {
    io.out(USAGE.trimEnd());
    return 0;
  }
  const { verbose } = args;
  const summary = runFiles(args.files, { backends: args.backends, onFile: (results) => printFile(results, verbose, io) });
  if (summary.notApplicable > 0) io.out(`(${summary.notApplicable} test runs not applicable to their backend, not counted: see the n/a lines)`);
  io.out(counts(summary));
  return summary.failed === 0 ? 0 : 1;
}
