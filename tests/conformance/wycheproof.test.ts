/**
 * Wycheproof conformance: every vendored vector file the runner supports (decided by its contents)
 * passes on both backends with only the allowed skips; and the runner can fail — a vector under a
 * misleading name runs by its contents, an altered expected output fails (also through the CLI's
 * exit status), an unknown schema fails, anything but a typed error fails.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  ALLOWED_SKIP_REASONS,
  judgeCase,
  runFiles,
  supportsFile,
  type Probe,
  type RunSummary,
  type TestCase,
} from '../../host/src/conformance/index.js';
import type { CryptoImportObject } from '../../host/src/index.js';

/** The repository root: the nearest directory up with this package's package.json. */
function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'wasi-crypto-host') return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('repository root not found');
    dir = up;
  }
}

const ROOT = repoRoot();
const VECTORS = join(ROOT, 'tests', 'vectors', 'wycheproof');
const CLI = join(ROOT, 'scripts', 'conformance.mjs');
const SUMMARY_LINE = /^\d+ passed, \d+ failed, \d+ skipped$/;

type Json = Record<string, unknown>;
const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));
const vectorFiles = readdirSync(VECTORS)
  .filter((n) => n.endsWith('.json'))
  .sort()
  .map((n) => join(VECTORS, n));
const supported = vectorFiles.filter((p) => supportsFile(readJson(p)));

const tmp = mkdtempSync(join(tmpdir(), 'wycheproof-conformance-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

function describeFailures(s: RunSummary): string {
  const lines = s.failures.slice(0, 20).map((f) => `${f.backend ?? '-'} tcId ${f.tcId ?? '?'} ${JSON.stringify(f.comment)}: ${f.problems.join('; ')}`);
  return `${s.failed} failed:\n${lines.join('\n')}${s.failures.length > 20 ? '\n…' : ''}`;
}

function runCli(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
  const lines = r.stdout.trimEnd().split('\n');
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, last: lines[lines.length - 1] ?? '' };
}

describe('Wycheproof vectors (tests/vectors/wycheproof)', () => {
  test('the runner supports the symmetric vector files, judged by content', () => {
    assert.ok(supported.length >= 8, `only ${supported.length} supported files: ${supported.join(', ')}`);
  });

  for (const path of supported) {
    const name = path.slice(VECTORS.length + 1);
    test(`${name}: no failures on node and noble, only allowed skips`, () => {
      const s = runFiles([path]);
      assert.deepEqual(
        s.perFile.map((r) => r.backend),
        ['node', 'noble'],
      );
      assert.equal(s.failed, 0, describeFailures(s));
      assert.ok(s.passed > 0, 'no test passed');
      for (const { reason } of s.skipReasons) assert.ok((ALLOWED_SKIP_REASONS as readonly string[]).includes(reason), `skip reason ${JSON.stringify(reason)} is not allowed`);
      for (const r of s.perFile) assert.deepEqual(r.notes, [], `${r.backend}: ${r.notes.join('; ')}`);
    });
  }
});

describe('the runner can fail', () => {
  test('a vector file under a misleading name runs by its contents', () => {
    for (const [source, misleading] of [
      ['hmac_sha256_test.json', 'aes_gcm_test.json'],
      ['aes_cbc_pkcs5_test.json', 'hkdf_sha512_test.json'],
    ] as const) {
      const original = join(VECTORS, source);
      const copy = join(tmp, misleading);
      writeFileSync(copy, readFileSync(original));
      const a = runFiles([original]);
      const b = runFiles([copy]);
      assert.deepEqual(
        b.perFile.map((r) => [r.backend, r.schema, r.algorithm, r.passed, r.failed, r.skipped]),
        a.perFile.map((r) => [r.backend, r.schema, r.algorithm, r.passed, r.failed, r.skipped]),
      );
      assert.ok(b.passed > 0);
    }
  });

  test('an altered expected tag of a valid test fails (library and CLI exit status)', () => {
    const json = readJson(join(VECTORS, 'aes_gcm_test.json')) as Json & { testGroups: Json[] };
    const group = json.testGroups.find((g) => (g['keySize'] === 128 || g['keySize'] === 256) && g['ivSize'] === 96);
    assert.ok(group, 'no AES-128/256 group with 96-bit nonces');
    const victim = (group['tests'] as Json[]).find((t) => t['result'] === 'valid');
    assert.ok(victim, 'no valid test');
    const tag = victim['tag'] as string;
    victim['tag'] = tag.slice(0, -1) + (tag.endsWith('0') ? '1' : '0');
    const altered = join(tmp, 'altered.json');
    writeFileSync(altered, JSON.stringify(json));

    const s = runFiles([altered], { backends: ['node'] });
    assert.ok(s.failed >= 1);
    const f = s.failures.find((x) => x.tcId === victim['tcId']);
    assert.ok(f, `tcId ${String(victim['tcId'])} did not fail`);
    assert.ok(f.problems.some((p) => p.includes('wrong output')));
    assert.ok(f.problems.some((p) => p.includes('invalid-tag')));

    const cli = runCli('--backend', 'node', '--verbose', altered);
    assert.equal(cli.status, 1, cli.stderr);
    assert.match(cli.last, SUMMARY_LINE);
    assert.match(cli.last, /^\d+ passed, [1-9]\d* failed, \d+ skipped$/);
    assert.ok(cli.stdout.includes(`tcId ${String(victim['tcId'])} `), 'the verbose output lists the failure');
  });

  test('a file with an unknown schema is a failure, not a skip', () => {
    const unknown = join(tmp, 'aead_test.json');
    writeFileSync(unknown, JSON.stringify({ algorithm: 'AES-GCM', schema: 'aead_test_schema_v9.json', numberOfTests: 0, testGroups: [] }));
    assert.equal(supportsFile(readJson(unknown)), false);
    const s = runFiles([unknown]);
    assert.equal(s.failed, 1);
    assert.equal(s.perFile.length, 1);
    assert.match(s.perFile[0]?.error ?? '', /unsupported schema/);
    const cli = runCli(unknown);
    assert.equal(cli.status, 1);
    assert.equal(cli.last, '0 passed, 1 failed, 0 skipped');
  });

  test('the last CLI line is the summary, and a clean run exits 0', () => {
    const cli = runCli(join(VECTORS, 'hmac_sha512_test.json'));
    assert.equal(cli.status, 0, cli.stdout + cli.stderr);
    assert.match(cli.last, SUMMARY_LINE);
    assert.match(cli.last, /^[1-9]\d* passed, 0 failed, \d+ skipped$/);
  });

  test('an invalid test passes only with typed errors; anything else thrown fails every verdict', () => {
    const imports = {} as CryptoImportObject;
    const probe = (role: Probe['role'], run: () => Uint8Array | null, expected: Uint8Array | null = new Uint8Array([1])): Probe => ({ name: 'p', role, expected, run });
    const tc = (result: TestCase['result'], p: Probe): TestCase => ({ tcId: 1, comment: '', result, flags: [], algorithm: 'X', rejectsParameters: false, probes: [p] });
    const typed = () => {
      throw Object.assign(new Error('invalid-tag'), { payload: 'invalid-tag' });
    };
    const untyped = () => {
      throw new TypeError('boom');
    };
    const notACode = () => {
      throw Object.assign(new Error('x'), { payload: 'no-such-code' });
    };
    assert.equal(judgeCase(tc('invalid', probe('check', typed)), imports).status, 'passed');
    assert.equal(judgeCase(tc('acceptable', probe('check', typed)), imports).status, 'passed');
    assert.equal(judgeCase(tc('valid', probe('check', typed)), imports).status, 'failed');
    for (const result of ['valid', 'invalid', 'acceptable'] as const) {
      assert.equal(judgeCase(tc(result, probe('check', untyped)), imports).status, 'failed', result);
      assert.equal(judgeCase(tc(result, probe('check', notACode)), imports).status, 'failed', result);
    }
    // An invalid test whose check succeeds fails; a produce probe may succeed only with another output.
    assert.equal(judgeCase(tc('invalid', probe('check', () => new Uint8Array([1]))), imports).status, 'failed');
    assert.equal(judgeCase(tc('invalid', probe('produce', () => new Uint8Array([2]))), imports).status, 'passed');
    assert.equal(judgeCase(tc('invalid', probe('produce', () => new Uint8Array([1]))), imports).status, 'failed');
    assert.equal(judgeCase({ ...tc('invalid', probe('produce', () => new Uint8Array([2]))), rejectsParameters: true }, imports).status, 'failed');
    // Acceptable: success must be right.
    assert.equal(judgeCase(tc('acceptable', probe('check', () => new Uint8Array([2]))), imports).status, 'failed');
    // Skips apply to valid/acceptable only.
    const skipped = { ...tc('valid', probe('check', untyped)), outOfScope: ALLOWED_SKIP_REASONS[0] };
    assert.equal(judgeCase(skipped, imports).status, 'skipped');
    assert.equal(judgeCase({ ...skipped, result: 'invalid' }, imports).status, 'failed');
  });
});
