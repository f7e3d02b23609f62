/**
 * A managed key across processes (docs/key-management.md §Secrets manager, §Persistence): the
 * keystore test guest (tests/components/guests/keystore, QuickJS) runs in separate `node`
 * processes on one SQLite keystore file.
 *
 * 1. `wasi-crypto run --keystore F --kek-file K --tenant alpha keystore.wasm encrypt MSG`: the
 *    guest generates a managed AES-256-GCM key, seals MSG with a fixed nonce, prints the key id
 *    and the ciphertext, and exits.
 * 2. A new process on the same file and KEK (given as raw bytes this time) runs the guest with
 *    `decrypt ID CT`: the key loads by id and the ciphertext opens to MSG. Once through the CLI,
 *    once through a small embedder script (createCryptoHost + the runtime API).
 * 3. Another tenant, the default tenant, and a run without a keystore get `from-id: not-found`;
 *    a wrong KEK is refused before the guest runs; a modified ciphertext is `invalid-tag`.
 *
 * The guest is built by `npm run build-guests` (run by `npm install`); if it is missing the tests
 * fail and say so.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { randomBytes } from 'node:crypto';

/** The repository root: this file runs from build/tests/components/. */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const GUEST = join(ROOT, 'tests', 'components', 'guests', 'keystore', 'build', 'keystore.qjs.wasm');
const CLI = join(ROOT, 'bin', 'wasi-crypto.js');
const MESSAGE = 'attack at dawn, from process one';

let tmp: string;
let cacheDir: string;
let keystore: string;
let kekHexFile: string;
let kekRawFile: string;
let kek: Buffer;

before(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'wasi-crypto-keystore-e2e-'));
  // Tests never touch the user's component cache.
  cacheDir = process.env['WASI_CRYPTO_CACHE_DIR'] ?? join(tmp, 'cache');
  keystore = join(tmp, 'keys.db');
  kek = randomBytes(32);
  kekHexFile = join(tmp, 'kek.hex');
  kekRawFile = join(tmp, 'kek.bin');
  await writeFile(kekHexFile, kek.toString('hex') + '\n', { mode: 0o600 });
  await writeFile(kekRawFile, kek, { mode: 0o600 });
});
after(async () => {
  await rm(tmp, { recursive: true, force: true });
});

interface Proc {
  code: number;
  lines: string[];
  stderr: string;
}

function node(args: string[]): Promise<Proc> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { cwd: tmp, timeout: 60_000, encoding: 'utf8' }, (err, stdout, stderr) => {
      if (err && typeof err.code !== 'number') {
        reject(err);
        return;
      }
      resolve({ code: err ? Number(err.code) : 0, lines: stdout.split('\n').filter((l) => l !== ''), stderr });
    });
  });
}

function guestBuilt(): void {
  assert.ok(existsSync(GUEST), `${GUEST} is missing: the test guests are not built; run \`npm run build-guests\``);
}

/** `wasi-crypto run -q --cache-dir … [hostArgs] keystore.wasm [guestArgs]` in a new process. */
function cli(hostArgs: string[], guestArgs: string[]): Promise<Proc> {
  guestBuilt();
  return node([CLI, 'run', '-q', '--cache-dir', cacheDir, ...hostArgs, GUEST, ...guestArgs]);
}

const withKeystore = (tenant: string | undefined, kekFile = kekHexFile): string[] => [
  '--keystore',
  keystore,
  '--kek-file',
  kekFile,
  ...(tenant === undefined ? [] : ['--tenant', tenant]),
];

let made: { id: string; ct: string } | undefined;
function first(): { id: string; ct: string } {
  assert.ok(made, 'the encrypt run (process 1) did not succeed');
  return made;
}

test('process 1 (CLI, tenant alpha): the guest generates a managed key, encrypts, prints id and ciphertext', async () => {
  const r = await cli(withKeystore('alpha'), ['encrypt', MESSAGE]);
  assert.equal(r.code, 0, `exit code ${r.code}\n${r.lines.join('\n')}\n${r.stderr}`);
  assert.equal(r.lines.length, 3, r.lines.join('\n'));
  const id = /^id: ([0-9a-f]{32})$/.exec(r.lines[0] ?? '')?.[1];
  assert.ok(id, `a 16-byte id: ${r.lines[0]}`);
  assert.equal(r.lines[1], 'version: exact 1');
  const ct = /^ciphertext: ([0-9a-f]+)$/.exec(r.lines[2] ?? '')?.[1];
  assert.ok(ct, r.lines[2]);
  assert.equal(ct.length, 2 * (MESSAGE.length + 16), 'ciphertext || 16-byte tag');
  assert.ok(existsSync(keystore), 'the keystore file was created');
  made = { id, ct };
});

test('process 2 (CLI, same file and KEK as raw bytes, tenant alpha): decrypt ID CT gives the message back', async () => {
  const { id, ct } = first();
  const r = await cli(withKeystore('alpha', kekRawFile), ['decrypt', id, ct]);
  assert.equal(r.code, 0, `exit code ${r.code}\n${r.lines.join('\n')}\n${r.stderr}`);
  assert.deepEqual(r.lines, [`plaintext: ${MESSAGE}`]);
});

test('process 2b (an embedder script: createCryptoHost on the same keystore + the runtime API): decrypts too', async () => {
  guestBuilt();
  const { id, ct } = first();
  const script = join(tmp, 'decrypt-embedder.mjs');
  const index = pathToFileURL(join(ROOT, 'build', 'host', 'src', 'index.js')).href;
  const runtime = pathToFileURL(join(ROOT, 'build', 'host', 'src', 'runtime', 'index.js')).href;
  await writeFile(
    script,
    `import { createCryptoHost } from ${JSON.stringify(index)};
import { loadComponent, run } from ${JSON.stringify(runtime)};
const [file, kekHex, tenant, guest, cacheDir, ...args] = process.argv.slice(2);
const loaded = await loadComponent(guest, { cacheDir });
const host = createCryptoHost({ keystore: { file, kek: Uint8Array.from(Buffer.from(kekHex, 'hex')) }, tenant });
try {
  process.exitCode = await run(loaded, { imports: host.getImportObject(), args: ['keystore', ...args], stdout: (c) => process.stdout.write(c) });
} finally {
  host[Symbol.dispose]();
}
`,
  );
  const r = await node([script, keystore, kek.toString('hex'), 'alpha', GUEST, cacheDir, 'decrypt', id, ct]);
  assert.equal(r.code, 0, `exit code ${r.code}\n${r.lines.join('\n')}\n${r.stderr}`);
  assert.deepEqual(r.lines, [`plaintext: ${MESSAGE}`]);
});

test('process 3 (CLI, tenant beta, same file and KEK): from-id is not-found', async () => {
  const { id, ct } = first();
  const r = await cli(withKeystore('beta'), ['decrypt', id, ct]);
  assert.equal(r.code, 1, `exit code ${r.code}\n${r.lines.join('\n')}\n${r.stderr}`);
  assert.deepEqual(r.lines, ['from-id: not-found']);
});

test('the default tenant (no --tenant) and a run without a keystore get not-found too', async () => {
  const { id, ct } = first();
  const [dflt, memory] = await Promise.all([cli(withKeystore(undefined), ['decrypt', id, ct]), cli(['--tenant', 'alpha'], ['decrypt', id, ct])]);
  assert.equal(dflt.code, 1, dflt.stderr);
  assert.deepEqual(dflt.lines, ['from-id: not-found'], 'default tenant');
  assert.equal(memory.code, 1, memory.stderr);
  assert.deepEqual(memory.lines, ['from-id: not-found'], 'no --keystore: an in-memory store');
});

test('a modified ciphertext does not open (invalid-tag); the key still does its job afterwards', async () => {
  const { id, ct } = first();
  const flipped = (parseInt(ct.slice(0, 2), 16) ^ 1).toString(16).padStart(2, '0') + ct.slice(2);
  const r = await cli(withKeystore('alpha'), ['decrypt', id, flipped]);
  assert.equal(r.code, 1, r.stderr);
  assert.deepEqual(r.lines, ['open: invalid-tag']);
  const ok = await cli(withKeystore('alpha'), ['decrypt', id, ct]);
  assert.deepEqual(ok.lines, [`plaintext: ${MESSAGE}`]);
});

test('a wrong KEK is refused at open: exit code 1, the guest never runs', async () => {
  const { id, ct } = first();
  const wrong = join(tmp, 'wrong.kek');
  await writeFile(wrong, randomBytes(32), { mode: 0o600 });
  const r = await cli(withKeystore('alpha', wrong), ['decrypt', id, ct]);
  assert.equal(r.code, 1, `exit code ${r.code}\n${r.lines.join('\n')}\n${r.stderr}`);
  assert.deepEqual(r.lines, [], 'the guest printed something: it ran');
  assert.match(r.stderr, /^wasi-crypto: error: .*key-encryption key/m);
});
