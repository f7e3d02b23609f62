/**
 * `wasi-crypto run` on the witx-ABI guests (core modules): the C guest (clang-19 + wasi-libc) and
 * the AssemblyScript guest, both built by scripts/build-witx-guests.mjs. Each prints one line per
 * check against RFC / NIST vectors and exits non-zero on any failure.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, ROOT } from '../fixtures/runtime/build-fixtures.js';
import { createCryptoHost } from '../../host/src/index.js';
import { runCoreModule } from '../../host/src/runtime/index.js';

const C_GUEST = join(ROOT, 'guest-examples', 'c', 'witx', 'build', 'witx-c.wasm');
const AS_GUEST = join(ROOT, 'guest-examples', 'assemblyscript', 'witx', 'build', 'witx-as.wasm');
const skipC = existsSync(C_GUEST) ? false : 'the C witx guest is not built (clang-19 + wasi-libc missing? run npm run build-witx-guests)';
const skipAs = existsSync(AS_GUEST) ? false : 'the AssemblyScript witx guest is not built (run npm run build-witx-guests)';

interface Result {
  status: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], env: Record<string, string> = {}): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: ROOT,
      env: { ...process.env, HOME: '/root', ...env },
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

/** The vector and error-path checks both guests must print as `ok NAME`. */
const COMMON_CHECKS = [
  'sha256.abc',
  'sha256.close-twice',
  'hmac.rfc4231',
  'hmac.tag_pull_small',
  'hmac.tag_close_after_pull',
  'aes256gcm.encrypt_small',
  'aes256gcm.gcm-tc14',
  'aes256gcm.roundtrip',
  'aes256gcm.tampered',
  'ed25519.rfc8032-pk',
  'ed25519.rfc8032-sig',
  'ed25519.verify',
  'ed25519.verify_other_msg',
  'p256.rfc6979-verify',
  'p256.verify-own',
  'p256.verify-rfc-sig-other-key',
  'x25519.rfc7748-shared',
  'x25519.rfc7748-alice-pk',
  'err.unknown-algorithm',
  'err.bad-handle',
  'err.wrong-handle-type',
  'err.oob-input',
  'err.wrapping-input',
  'err.oob-output',
  'err.oob-out-handle',
  'err.oob-options',
  'err.sha256-after',
  'err.use-after-close',
];

function assertAllPassed(r: Result, extra: string[] = []): void {
  const lines = r.stdout.split('\n').filter((l) => l !== '');
  const failed = lines.filter((l) => l.startsWith('FAIL'));
  assert.deepEqual(failed, [], r.stdout);
  const ok = new Set(lines.filter((l) => l.startsWith('ok ')).map((l) => l.slice(3)));
  for (const name of [...COMMON_CHECKS, ...extra]) assert.ok(ok.has(name), `missing "ok ${name}" in:\n${r.stdout}`);
  assert.equal(lines.at(-1), 'PASSED: 0 failure(s)');
}

test('wasi-crypto run: the C witx guest passes every check and exits 0', { skip: skipC }, async () => {
  const r = await cli(['run', C_GUEST]);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.equal(r.stderr, '', 'nothing on stderr (no node:wasi ExperimentalWarning either)');
  assertAllPassed(r, ['x25519.pull1', 'x25519.pull2', 'x25519.pull-after-end', 'ed25519.array_output_consumed', 'aes256gcm.tampered-no-plaintext', 'p256.der', 'err.oob-name', 'err.bad-enum']);
});

test('wasi-crypto run: the AssemblyScript witx guest passes every check and exits 0', { skip: skipAs }, async () => {
  const r = await cli(['run', AS_GUEST]);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.equal(r.stderr, '');
  assertAllPassed(r);
});

test('core modules are sandboxed like components: args through, env only by --env, no files, exit code through', { skip: skipC }, async () => {
  const r = await cli(['run', '--env', 'WITX_GUEST_ENV=granted', C_GUEST, 'one', 'two words', 'exit=7']);
  assert.equal(r.status, 7, r.stdout + r.stderr);
  const lines = r.stdout.split('\n');
  assert.deepEqual(lines.filter((l) => l.startsWith('arg ')), ['arg one', 'arg two words', 'arg exit=7']);
  assert.ok(lines.includes('env WITX_GUEST_ENV=granted'));
  assert.ok(lines.includes('env HOME=(unset)'), 'the host environment is not inherited');
  assert.ok(lines.includes('fs /etc/passwd denied'), 'no preopens');
  const bare = await cli(['run', C_GUEST]);
  assert.ok(bare.stdout.split('\n').includes('env WITX_GUEST_ENV=(unset)'));
  // --dir grants a directory, as for components.
  const granted = await cli(['run', '--dir', '/etc::/etc', C_GUEST]);
  assert.equal(granted.status, 0, granted.stdout + granted.stderr);
  assert.ok(granted.stdout.split('\n').includes('fs /etc/passwd readable'), granted.stdout);
  const missing = await cli(['run', '--dir', '/no/such/dir::/data', C_GUEST]);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /^wasi-crypto: error: cannot preopen \/no\/such\/dir as \/data: not a directory on the host\n$/);
});

test('embedding API: runCoreModule with output sinks returns the exit code', { skip: skipC }, async () => {
  using host = createCryptoHost();
  const chunks: Uint8Array[] = [];
  const code = await runCoreModule(readFileSync(C_GUEST), { host, args: ['witx-c.wasm', 'exit=3'], stdout: (c) => chunks.push(Uint8Array.from(c)) });
  assert.equal(code, 3);
  const text = Buffer.concat(chunks).toString('utf8');
  assert.match(text, /^ok sha256\.abc$/m);
  assert.match(text, /^PASSED: 0 failure\(s\)$/m);
  // Every handle the guest left open was closed with the instance.
  assert.equal(host.stats().handles.total, 0);
});

/** A hand-assembled core module: memory + `_start` whose body is `unreachable` (or no `_start`). */
function tinyModule(withStart: boolean): Uint8Array {
  const name = (s: string) => [s.length, ...Buffer.from(s)];
  const exportsBody = withStart ? [2, ...name('memory'), 2, 0, ...name('_start'), 0, 0] : [1, ...name('memory'), 2, 0];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    0x01, 0x04, 0x01, 0x60, 0x00, 0x00, // type: () -> ()
    0x03, 0x02, 0x01, 0x00, // one function of type 0
    0x05, 0x03, 0x01, 0x00, 0x01, // memory, min 1 page
    0x07, exportsBody.length, ...exportsBody,
    0x0a, 0x05, 0x01, 0x03, 0x00, 0x00, 0x0b, // body: unreachable
  ]);
}

test('a trapping core module exits 1 with one line on stderr; a module without _start is not a command', async () => {
  const { mkdtemp, writeFile, rm } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const dir = await mkdtemp(join(tmpdir(), 'witx-core-'));
  try {
    const trap = join(dir, 'trap.wasm');
    await writeFile(trap, tinyModule(true));
    const r = await cli(['run', trap]);
    assert.equal(r.status, 1);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^wasi-crypto: error: trap\.wasm trapped: .*unreachable.*\n$/);
    const reactor = join(dir, 'reactor.wasm');
    await writeFile(reactor, tinyModule(false));
    const r2 = await cli(['run', reactor]);
    assert.equal(r2.status, 1);
    assert.match(r2.stderr, /^wasi-crypto: error: reactor\.wasm does not export _start \(a WASI command\)\n$/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
