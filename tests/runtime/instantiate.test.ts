import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { buildFixture } from '../fixtures/runtime/build-fixtures.js';
import {
  ExitSignal,
  type LoadedComponent,
  RuntimeError,
  type RunOptions,
  instantiate,
  loadComponent,
  run,
} from '../../host/src/runtime/index.js';

let tmp: string;
let cliGuest: LoadedComponent;
let missingGuest: LoadedComponent;

before(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'wasi-crypto-instantiate-'));
  const cacheDir = join(tmp, 'cache');
  const [cli, missing] = [await buildFixture('cli-guest', tmp), await buildFixture('missing-import', tmp)];
  cliGuest = await loadComponent(cli, { cacheDir });
  missingGuest = await loadComponent(missing, { cacheDir });
});
after(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/** Runs the cli-guest fixture with its stdout captured. */
async function runGuest(opts: RunOptions = {}): Promise<{ code: number; lines: string[] }> {
  const chunks: Uint8Array[] = [];
  const code = await run(cliGuest, { ...opts, stdout: (c) => chunks.push(c.slice()) });
  const text = Buffer.concat(chunks).toString('utf8');
  return { code, lines: text.split('\n').filter((l) => l !== '') };
}

async function rejectsWith(p: Promise<unknown>, code: string, pattern: RegExp): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof RuntimeError, `expected a RuntimeError, got ${String(e)}`);
    assert.equal(e.code, code);
    assert.match(e.message, pattern);
    return true;
  });
}

test('a component importing something nobody provides fails with missing-import naming it', async () => {
  await rejectsWith(
    instantiate(missingGuest),
    'missing-import',
    /^component missing-import\.wasm imports example:missing\/thing@1\.0\.0, which this host does not provide$/,
  );
});

test('embedder imports satisfy the component, under the unversioned or the same versioned key', async () => {
  const thing = { ping: () => 42 };
  const a = await instantiate(missingGuest, { imports: { 'example:missing/thing': thing } });
  assert.equal((a['hello'] as () => string)(), 'pong 42');
  const b = await instantiate(missingGuest, { imports: { 'example:missing/thing@1.0.0': { ping: () => 7 } } });
  assert.equal((b['hello'] as () => string)(), 'pong 7');
  // Instances are independent: the first still sees its own import.
  assert.equal((a['hello'] as () => string)(), 'pong 42');
  await rejectsWith(
    instantiate(missingGuest, { imports: { 'example:missing/thing@2.0.0': thing } }),
    'missing-import',
    /imports example:missing\/thing@1\.0\.0, which this host does not provide \(it provides example:missing\/thing@2\.0\.0\)/,
  );
});

test('run() on a component without wasi:cli/run is not-a-command', async () => {
  await rejectsWith(
    run(missingGuest, { imports: { 'example:missing/thing': { ping: () => 1 } } }),
    'not-a-command',
    /does not export wasi:cli\/run \(exports: hello, init\)/,
  );
});

test('the sandbox is closed by default: argv[0] only, no environment, no preopened directories', async () => {
  const { code, lines } = await runGuest();
  assert.equal(code, 0);
  assert.deepEqual(lines, [
    'args: ["cli-guest.wasm"]',
    'env count: 0',
    'GREETING: (unset)',
    'read /etc/hostname: no (not preopened)',
  ]);
});

test('args, env and preopens are passed only when given', async (t) => {
  if (!existsSync('/etc/hostname')) return t.skip('this machine has no /etc/hostname');
  const { code, lines } = await runGuest({
    args: ['guest', '0', 'two words'],
    env: { GREETING: 'hello there' },
    preopens: { '/etc': '/etc' },
  });
  assert.equal(code, 0);
  assert.equal(lines[0], 'args: ["guest","0","two words"]');
  assert.equal(lines[1], 'env count: 1');
  assert.equal(lines[2], 'GREETING: hello there');
  assert.match(lines[3] ?? '', /^read \/etc\/hostname: yes \(\d+ bytes\)$/);
});

test('a preopen that is not a host directory is rejected before instantiating', async () => {
  await rejectsWith(
    instantiate(cliGuest, { preopens: { '/data': join(tmp, 'does-not-exist') } }),
    'invalid-preopen',
    /cannot preopen .*does-not-exist as \/data: not a directory on the host/,
  );
});

test('run() gives 1 when the guest returns err from run', async () => {
  assert.equal((await runGuest({ args: ['guest', 'fail'] })).code, 1);
});

test('a trap in run() is a RuntimeError of code trap', async () => {
  const stderr: Uint8Array[] = [];
  await rejectsWith(
    run(cliGuest, { args: ['guest', 'trap'], stdout: () => {}, stderr: (c) => stderr.push(c.slice()) }),
    'trap',
    /^component cli-guest\.wasm trapped: .*unreachable/,
  );
  assert.match(Buffer.concat(stderr).toString('utf8'), /panicked/, 'the guest wrote its panic message to its stderr');
});

test('wasi:cli/exit ends the run with its code instead of exiting the host process', async () => {
  assert.equal((await runGuest({ args: ['guest', '7'] })).code, 7);
  assert.equal((await runGuest({ args: ['guest', '255'] })).code, 255);
  // Calling the export directly: the embedder sees an ExitSignal.
  const root = await instantiate(cliGuest, { args: ['guest', '3'], stdout: () => {} });
  const runIface = root['run'] as { run(): void };
  assert.throws(() => runIface.run(), (e: unknown) => e instanceof ExitSignal && e.code === 3);
});

test('QuickJS core modules need extended-const on Node 20, which the runtime enables without a node flag', async () => {
  // In a fresh process (this one has the flag set already): validate every cached core module
  // before and after ensureExtendedConst().
  const features = pathToFileURL(join(import.meta.dirname, '../../host/src/runtime/wasm-features.js')).href;
  const script = `
    import { readFileSync, readdirSync } from 'node:fs';
    import { join } from 'node:path';
    import { ensureExtendedConst } from ${JSON.stringify(features)};
    const dir = process.argv[1];
    const cores = readdirSync(dir).filter((f) => f.endsWith('.wasm')).map((f) => readFileSync(join(dir, f)));
    const before = cores.every((c) => WebAssembly.validate(c));
    const enabled = ensureExtendedConst();
    const after = cores.every((c) => WebAssembly.validate(c));
    console.log(JSON.stringify({ before, enabled, after }));
  `;
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script, cliGuest.dir]);
  const result = JSON.parse(stdout) as { before: boolean; enabled: boolean; after: boolean };
  if (process.versions.node.startsWith('20.')) assert.equal(result.before, false, 'Node 20 rejects them by default');
  assert.deepEqual({ enabled: result.enabled, after: result.after }, { enabled: true, after: true });
});
