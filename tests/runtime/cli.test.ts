import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildFixture, CLI, ROOT } from '../fixtures/runtime/build-fixtures.js';

let tmp: string;
let cacheDir: string;
let cliGuest: string;
let missingGuest: string;

interface Result {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node bin/wasi-crypto.js …args` with a private cache dir and an environment with GREETING set. */
function cli(args: string[], env: Record<string, string> = {}): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: ROOT,
      env: { ...process.env, WASI_CRYPTO_CACHE_DIR: cacheDir, GREETING: 'from the host', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

function lines(text: string): string[] {
  return text.split('\n').filter((l) => l !== '');
}

/** Asserts a failed run printed exactly one line on stderr, the error, and nothing on stdout. */
function assertOneLineError(r: Result, status: number, pattern: RegExp): void {
  assert.equal(r.status, status, r.stderr);
  assert.equal(r.stdout, '');
  const err = lines(r.stderr);
  assert.equal(err.length, 1, r.stderr);
  assert.match(err[0]!, /^wasi-crypto: error: /);
  assert.match(err[0]!, pattern);
}

before(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'wasi-crypto-cli-'));
  cacheDir = join(tmp, 'cache');
  [cliGuest, missingGuest] = [await buildFixture('cli-guest', tmp), await buildFixture('missing-import', tmp)];
});
after(async () => {
  await rm(tmp, { recursive: true, force: true });
});

test('the first run transpiles with a progress line, later runs use the cache silently', async () => {
  const first = await cli(['run', cliGuest]);
  assert.equal(first.status, 0, first.stderr);
  assert.match(first.stderr, /^wasi-crypto: transpiling cli-guest\.wasm \([\d.]+ MB\) — first run only, cached afterwards\n$/);
  const second = await cli(['run', cliGuest]);
  assert.equal(second.status, 0, second.stderr);
  assert.equal(second.stderr, '');
  assert.equal(second.stdout, first.stdout);
});

test('the guest gets its arguments (argv[0] = the component path) and no host environment by default', async () => {
  const r = await cli(['run', cliGuest, 'a', '--not-an-option', 'b c']);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(lines(r.stdout), [
    `args: ${JSON.stringify([cliGuest, 'a', '--not-an-option', 'b c'])}`,
    'env count: 0',
    'GREETING: (unset)',
    'read /etc/hostname: no (not preopened)',
  ]);
});

test('--env NAME=VALUE sets a variable and --env NAME copies the host value', async () => {
  const set = await cli(['run', '--env', 'GREETING=hi there', '--env=OTHER=1', cliGuest]);
  assert.equal(set.status, 0, set.stderr);
  assert.deepEqual(lines(set.stdout).slice(1, 3), ['env count: 2', 'GREETING: hi there']);
  const copied = await cli(['run', '--env', 'GREETING', cliGuest]);
  assert.deepEqual(lines(copied.stdout).slice(1, 3), ['env count: 1', 'GREETING: from the host']);
});

test('/etc/hostname is readable only with --dir', async (t) => {
  if (!existsSync('/etc/hostname')) return t.skip('this machine has no /etc/hostname');
  // (Without --dir the guest cannot read it: see the arguments test.)
  const mapped = await cli(['run', '--dir', '/etc::/etc', cliGuest]);
  assert.equal(mapped.status, 0, mapped.stderr);
  assert.match(lines(mapped.stdout)[3] ?? '', /^read \/etc\/hostname: yes \(\d+ bytes\)$/);
  const samePath = await cli(['run', '--dir=/etc', cliGuest]);
  assert.match(lines(samePath.stdout)[3] ?? '', /^read \/etc\/hostname: yes/);
});

test('the exit code of the guest is the exit code of the CLI', async () => {
  const exited = await cli(['run', cliGuest, '42']);
  assert.equal(exited.status, 42);
  assert.equal(exited.stderr, '');
  assert.equal(lines(exited.stdout).length, 4, 'the guest output before exit() is complete');
  assert.equal((await cli(['run', cliGuest, 'fail'])).status, 1);
  const trapped = await cli(['run', cliGuest, 'trap']);
  assert.equal(trapped.status, 1);
  assert.match(lines(trapped.stderr).at(-1) ?? '', /^wasi-crypto: error: component cli-guest\.wasm trapped: /);
});

test('--help, -h and help print the usage on stdout and exit 0', async () => {
  for (const args of [['--help'], ['-h'], ['help'], ['run', '--help']]) {
    const r = await cli(args);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /^Usage: wasi-crypto run \[options\] <component\.wasm> \[args\.\.\.\]/);
    assert.match(r.stdout, /--dir HOST\[::GUEST\]/);
    assert.equal(r.stderr, '');
  }
});

test('usage errors are one line and exit 2', async () => {
  assertOneLineError(await cli(['run', '--bogus', cliGuest]), 2, /unknown option --bogus/);
  assertOneLineError(await cli(['--bogus']), 2, /unknown option --bogus/);
  assertOneLineError(await cli(['frobnicate']), 2, /unknown command frobnicate/);
  assertOneLineError(await cli(['run']), 2, /run needs a component/);
  assertOneLineError(await cli(['run', '--dir']), 2, /option --dir needs a value/);
  const none = await cli([]);
  assert.equal(none.status, 2);
  assert.match(none.stderr, /^Usage: /);
});

test('a missing file, a non-component, a core module and a missing import each give one line and exit 1', async () => {
  assertOneLineError(await cli(['run', join(tmp, 'nope.wasm')]), 1, /component not found: .*nope\.wasm$/);
  const text = join(tmp, 'notes.txt');
  await writeFile(text, 'not wasm\n');
  assertOneLineError(await cli(['run', text]), 1, /notes\.txt is not a WebAssembly component/);
  const core = join(ROOT, 'node_modules/@bytecodealliance/jco/lib/wasi_snapshot_preview1.command.wasm');
  assertOneLineError(await cli(['run', core]), 1, /is a core WebAssembly module that imports what this host does not provide to core modules .*\(and \d+ more\)$/);
  assertOneLineError(
    await cli(['run', '--quiet', missingGuest]),
    1,
    /imports example:missing\/thing@1\.0\.0, which this host does not provide$/,
  );
  assertOneLineError(
    await cli(['run', '--dir', join(tmp, 'no-such-dir') + '::/data', cliGuest]),
    1,
    /cannot preopen .*no-such-dir as \/data: not a directory on the host$/,
  );
});
