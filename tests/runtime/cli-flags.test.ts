/**
 * The key-management flags of `wasi-crypto run` (--slots, --keystore, --kek-file, --tenant):
 * parsing and validation (`parseRunArgs`, in-process), their usage errors from the real CLI (one
 * line, exit 2), and a real run showing that they reach the host (the slot's key ends up in the
 * keystore under the tenant).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseRunArgs, readKekFile, UsageError, type RunCommand } from '../../host/src/runtime/cli.js';
import { buildFixture, CLI, ROOT } from '../fixtures/runtime/build-fixtures.js';

let tmp: string;
let manifest: string;
let badManifest: string;
let kekRaw: string;
let kekHex: string;
const KEK = randomBytes(32);
const AES = randomBytes(32);

before(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'wasi-crypto-cli-flags-'));
  await mkdir(join(tmp, 'conf', 'keys'), { recursive: true });
  await writeFile(join(tmp, 'conf', 'keys', 'aes.bin'), AES);
  manifest = join(tmp, 'conf', 'slots.json');
  await writeFile(
    manifest,
    JSON.stringify({
      slots: [
        { name: 'vehicle/aes', algorithm: 'AES-256', permissions: 'data-protection', key: { file: 'keys/aes.bin' } },
        { name: 'sign', algorithm: 'Ed25519', permissions: ['sign', 'verify'], key: { generate: true }, locked: true },
        { name: 'from-env', algorithm: 'HMAC-SHA256', permissions: ['mac'], key: { env: 'CLI_FLAGS_HMAC' } },
      ],
    }),
  );
  badManifest = join(tmp, 'conf', 'bad.json');
  await writeFile(badManifest, JSON.stringify({ slots: [{ name: 'x', algorithm: 'AES-512', permissions: ['sgin'] }, { name: 'x', algorithm: 'AES-256', permissions: 'all', key: { file: 'keys/none.bin' } }] }));
  kekRaw = join(tmp, 'kek.bin');
  await writeFile(kekRaw, KEK);
  kekHex = join(tmp, 'kek.hex');
  await writeFile(kekHex, KEK.toString('hex').toUpperCase() + '\n');
  await writeFile(join(tmp, 'kek31.bin'), KEK.subarray(0, 31));
  await writeFile(join(tmp, 'kek63.hex'), KEK.toString('hex').slice(0, 63));
  await writeFile(join(tmp, 'kek33.bin'), Buffer.concat([KEK, Buffer.from([0])]));
});
after(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const HOST_ENV = { CLI_FLAGS_HMAC: 'deadbeef'.repeat(4) };

function parse(argv: string[], env: Record<string, string | undefined> = HOST_ENV): RunCommand {
  const cmd = parseRunArgs(argv, env);
  assert.notEqual(cmd, 'help');
  return cmd as RunCommand;
}

function usageError(argv: string[], pattern: RegExp, env: Record<string, string | undefined> = HOST_ENV): void {
  assert.throws(
    () => parseRunArgs(argv, env),
    (e: unknown) => {
      assert.ok(e instanceof UsageError, String(e));
      assert.match(e.message, pattern);
      return true;
    },
  );
}

// ---------------------------------------------------------------------------------------------
// parseRunArgs

test('without key-management flags the host config is empty', () => {
  const cmd = parse(['guest.wasm', 'a']);
  assert.deepEqual(cmd.hostConfig, {});
  assert.equal(cmd.component, 'guest.wasm');
  assert.deepEqual(cmd.guestArgs, ['a']);
});

test('--slots, --keystore, --kek-file and --tenant reach the host config', () => {
  const store = join(tmp, 'keys.db');
  const cmd = parse(['--slots', manifest, '--keystore', store, '--kek-file', kekRaw, '--tenant', 'acme', 'guest.wasm', '--slots', 'x']);
  assert.equal(cmd.hostConfig.tenant, 'acme');
  assert.deepEqual(cmd.hostConfig.keystore, { file: store, kek: new Uint8Array(KEK) });
  const slots = cmd.hostConfig.slots!;
  assert.deepEqual(
    slots.map((s) => [s.name, s.family, s.permissions, s.persistence, s.key.kind, s.locked]),
    [
      ['vehicle/aes', 'AES-256', 0x00f, 'persistent', 'bytes', false],
      ['sign', 'Ed25519', 0x30, 'persistent', 'generate', true],
      ['from-env', 'HMAC-SHA256', 0x40, 'persistent', 'bytes', false],
    ],
  );
  assert.ok(slots[0]!.key.kind === 'bytes' && Buffer.from(slots[0]!.key.bytes).equals(AES), 'key file relative to the manifest');
  assert.ok(slots[2]!.key.kind === 'bytes' && Buffer.from(slots[2]!.key.bytes).toString('hex') === HOST_ENV.CLI_FLAGS_HMAC);
  // Options after the component are the guest's.
  assert.deepEqual(cmd.guestArgs, ['--slots', 'x']);
});

test('the --flag=VALUE form, a hex KEK file, and a relative keystore path made absolute', () => {
  const cmd = parse([`--slots=${manifest}`, '--keystore=rel/../keys.db', `--kek-file=${kekHex}`, '--tenant=t', 'guest.wasm']);
  assert.deepEqual(cmd.hostConfig.keystore, { file: resolve('keys.db'), kek: new Uint8Array(KEK) });
  assert.equal(cmd.hostConfig.tenant, 't');
  assert.equal(cmd.hostConfig.slots?.length, 3);
  assert.deepEqual(parse(['--tenant', 'solo', 'g.wasm']).hostConfig, { tenant: 'solo' });
});

test('--keystore without --kek-file, and --kek-file without --keystore', () => {
  usageError(['--keystore', join(tmp, 'k.db'), 'g.wasm'], /^--keystore needs --kek-file/);
  usageError(['--kek-file', kekRaw, 'g.wasm'], /^--kek-file needs --keystore/);
});

test('a KEK file of the wrong length, missing, or a directory', () => {
  const ks = ['--keystore', join(tmp, 'k.db')];
  usageError([...ks, '--kek-file', join(tmp, 'kek31.bin'), 'g.wasm'], /--kek-file .*kek31\.bin must hold 32 raw bytes or 64 hex digits; it has 31 bytes$/);
  usageError([...ks, '--kek-file', join(tmp, 'kek33.bin'), 'g.wasm'], /it has 33 bytes$/);
  usageError([...ks, '--kek-file', join(tmp, 'kek63.hex'), 'g.wasm'], /it has 63 bytes \(63 hex digits\)$/);
  usageError([...ks, '--kek-file', join(tmp, 'nope.key'), 'g.wasm'], /^cannot read --kek-file .*nope\.key: no such file$/);
  usageError([...ks, '--kek-file', tmp, 'g.wasm'], /^--kek-file .* is not a regular file$/);
  // The KEK never appears in a message.
  try {
    readKekFile(join(tmp, 'kek63.hex'));
  } catch (e) {
    assert.ok(!(e as Error).message.includes(KEK.toString('hex').slice(0, 16)));
  }
});

test('a keystore in a missing folder or that is a directory', () => {
  usageError(['--keystore', join(tmp, 'no', 'such', 'k.db'), '--kek-file', kekRaw, 'g.wasm'], /^--keystore .*k\.db: the folder .*such does not exist$/);
  usageError(['--keystore', tmp, '--kek-file', kekRaw, 'g.wasm'], /^--keystore .* is not a regular file$/);
});

test('a missing or invalid slot manifest names the file and every field', () => {
  usageError(['--slots', join(tmp, 'missing.json'), 'g.wasm'], /^--slots: cannot read the slot manifest .*missing\.json: no such file$/);
  usageError(
    ['--slots', badManifest, 'g.wasm'],
    /^--slots .*bad\.json: 4 mistakes, no slot provisioned: slots\[0\]\.algorithm: unknown key family "AES-512".*; slots\[0\]\.permissions\[0\]: unknown permission "sgin".*; slots\[1\]\.name: duplicate slot name "x" \(also slots\[0\]\.name\); slots\[1\]\.key\.file: cannot read key file .*none\.bin: no such file$/,
  );
  // {env} keys come from the host environment given to parseRunArgs.
  usageError(['--slots', manifest, 'g.wasm'], /--slots .*slots\.json: a mistake, no slot provisioned: slots\[2\]\.key\.env: environment variable CLI_FLAGS_HMAC is not set$/, {});
});

test('--tenant: empty or too long; each option at most once; a value is needed', () => {
  usageError(['--tenant', '', 'g.wasm'], /^--tenant needs a non-empty value$/);
  usageError(['--tenant=', 'g.wasm'], /^--tenant needs a non-empty value$/);
  usageError(['--tenant', 'x'.repeat(257), 'g.wasm'], /^--tenant must be at most 256 characters$/);
  assert.equal(parse(['--tenant', 'x'.repeat(256), 'g.wasm']).hostConfig.tenant?.length, 256);
  usageError(['--tenant', 'a', '--tenant', 'b', 'g.wasm'], /^--tenant given twice$/);
  usageError(['--slots', manifest, `--slots=${manifest}`, 'g.wasm'], /^--slots given twice$/);
  usageError(['--slots'], /^option --slots needs a value$/);
  usageError(['--kek-file'], /^option --kek-file needs a value$/);
});

// ---------------------------------------------------------------------------------------------
// The real CLI

interface Result {
  status: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], env: Record<string, string> = {}): Promise<Result> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: ROOT,
      env: { ...process.env, WASI_CRYPTO_CACHE_DIR: join(tmp, 'cache'), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolvePromise({ status, stdout, stderr }));
  });
}

test('the CLI: usage errors of the new flags are one line on stderr and exit 2, before loading the component', async () => {
  const cases: [string[], RegExp][] = [
    [['run', '--keystore', join(tmp, 'k.db'), 'missing.wasm'], /--keystore needs --kek-file/],
    [['run', '--keystore', join(tmp, 'k.db'), '--kek-file', join(tmp, 'kek31.bin'), 'missing.wasm'], /must hold 32 raw bytes or 64 hex digits; it has 31 bytes/],
    [['run', '--slots', badManifest, 'missing.wasm'], /--slots .*bad\.json: 4 mistakes, no slot provisioned: slots\[0\]\.algorithm: .*; slots\[1\]\.key\.file: cannot read key file/],
    [['run', '--slots', join(tmp, 'missing.json'), 'missing.wasm'], /--slots: cannot read the slot manifest/],
  ];
  for (const [args, pattern] of cases) {
    const r = await cli(args);
    assert.equal(r.status, 2, r.stderr);
    assert.equal(r.stdout, '');
    const lines = r.stderr.split('\n').filter((l) => l !== '');
    assert.equal(lines.length, 1, r.stderr);
    assert.match(lines[0]!, /^wasi-crypto: error: /);
    assert.match(lines[0]!, pattern);
  }
});

test('the CLI: --help documents the new flags', async () => {
  const r = await cli(['run', '--help']);
  assert.equal(r.status, 0);
  for (const flag of ['--slots FILE', '--keystore FILE', '--kek-file FILE', '--tenant NAME']) assert.ok(r.stdout.includes(flag), flag);
});

test('the CLI: a run with the flags provisions the slots into the keystore under the tenant', async () => {
  const guest = await buildFixture('cli-guest', tmp);
  const store = join(tmp, 'run.db');
  const env = { CLI_FLAGS_HMAC: HOST_ENV.CLI_FLAGS_HMAC };
  const args = ['run', '-q', '--slots', manifest, '--keystore', store, '--kek-file', kekHex, '--tenant', 'acme', guest];
  const r = await cli(args, env);
  assert.equal(r.status, 0, r.stderr);
  const { openSqliteStore } = await import('../../host/src/index.js');
  const ks = openSqliteStore({ file: store, kek: new Uint8Array(KEK) });
  try {
    // The pre-deployed keys were stored at start-up; the generated one waits for its first use.
    assert.deepEqual(
      ks.list('acme', 'slot').map((m) => [m.id, m.algorithm, m.permissions]).sort(),
      [
        ['from-env', 'HMAC/SHA-256', 0x40],
        ['vehicle/aes', 'AES-256-GCM', 0x00f],
      ],
    );
    assert.ok(Buffer.from(ks.get('acme', 'slot', 'vehicle/aes')!.material).equals(AES));
    assert.deepEqual(ks.list('default'), [], 'nothing under another tenant');
  } finally {
    ks.close();
  }
  // A wrong KEK for an existing keystore is refused when the host opens it (exit 1, one line).
  await writeFile(join(tmp, 'other.bin'), randomBytes(32));
  const wrong = await cli(['run', '-q', '--keystore', store, '--kek-file', join(tmp, 'other.bin'), guest]);
  assert.equal(wrong.status, 1, wrong.stderr);
  assert.match(wrong.stderr, /^wasi-crypto: error: .*\n$/);
});
