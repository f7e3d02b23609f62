/**
 * Handle lifetimes, key wiping and sandboxing seen from a real component: the lifecycle test guest
 * (tests/components/guests/lifecycle, QuickJS) runs in-process through the runtime API, against a
 * host whose `debug.onKeyMaterial` hook collects every key material it creates.
 *
 * The guest is built by `npm run build-guests` (run by `npm install`); if it is missing the tests
 * fail and say so.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCryptoHost } from '../../host/src/index.js';
import type { KeyMaterial } from '../../host/src/core/secret.js';
import { type LoadedComponent, loadComponent, run } from '../../host/src/runtime/index.js';

/** The repository root: this file runs from build/tests/components/. */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const GUEST = join(ROOT, 'tests', 'components', 'guests', 'lifecycle', 'build', 'lifecycle.qjs.wasm');

/** McGrew & Viega, GCM specification, test case 14: K = 0^256, IV = 0^96, P = 0^128, no AAD → C || T. */
const GCM_TC14 = 'cea7403d4d606b6e074ec5d3baf39d18' + 'd0d1c8a799996bf0265b98b5d48ab919';

let tmp: string;
let loaded: Promise<LoadedComponent> | undefined;

before(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'wasi-crypto-lifecycle-'));
});
after(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/** The loaded guest (transpiled once into a private cache). Fails if the guest is not built. */
function guest(): Promise<LoadedComponent> {
  assert.ok(
    existsSync(GUEST),
    `${GUEST} is missing: the test guests are not built; run \`npm run build-guests\``,
  );
  loaded ??= loadComponent(GUEST, { cacheDir: join(tmp, 'cache') });
  return loaded;
}

interface GuestRun {
  code: number;
  lines: string[];
  host: ReturnType<typeof createCryptoHost>;
  materials: KeyMaterial[];
}

/** Runs the guest with `args` (after argv[0]) against a fresh host; returns its output. */
async function runGuest(args: string[], preopens: Record<string, string> = {}): Promise<GuestRun> {
  const component = await guest();
  const materials: KeyMaterial[] = [];
  const host = createCryptoHost({ debug: { onKeyMaterial: (k) => materials.push(k) } });
  const chunks: Uint8Array[] = [];
  const code = await run(component, {
    imports: { ...host.getImportObject() },
    args: ['lifecycle', ...args],
    preopens,
    stdout: (chunk) => chunks.push(Uint8Array.from(chunk)),
  });
  const text = Buffer.concat(chunks).toString('utf8');
  return { code, lines: text.split('\n').filter((l) => l !== ''), host, materials };
}

/** Asserts the host holds no handle and no unwiped key, and every key material is all zeros. */
function assertAllReleased(r: GuestRun, minMaterials: number): void {
  const stats = r.host.stats();
  assert.equal(stats.handles.total, 0, `live handles: ${JSON.stringify(stats.handles.byKind)}`);
  assert.equal(stats.liveKeyMaterials, 0, 'key materials not wiped');
  assert.ok(r.materials.length >= minMaterials, `expected at least ${minMaterials} key materials, saw ${r.materials.length}`);
  const notWiped = r.materials.filter((k) => !k.wiped).length;
  assert.equal(notWiped, 0, `${notWiped} key materials not marked wiped`);
  const nonZero = r.materials.filter((k) => k.unsafeRawView().some((b) => b !== 0)).length;
  assert.equal(nonZero, 0, `${nonZero} key materials still hold non-zero bytes`);
}

test('churn 10000: every handle is dropped and every key wiped to zeros', async () => {
  const n = 10000;
  const r = await runGuest(['churn', String(n)]);
  try {
    assert.equal(r.code, 0, r.lines.join('\n'));
    assert.deepEqual(r.lines, [`churn: ${n} iterations, ${7 * n} handles opened and dropped`]);
    // Two generated keys (HMAC/SHA-256, AES-256-GCM) per iteration.
    assertAllReleased(r, 2 * n);
  } finally {
    r.host[Symbol.dispose]();
  }
});

test('drop-key-then-encrypt: a state outlives its key handle and encrypts NIST GCM test case 14', async () => {
  const r = await runGuest(['drop-key-then-encrypt']);
  try {
    assert.equal(r.code, 0, r.lines.join('\n'));
    assert.deepEqual(r.lines, [`drop-key-then-encrypt: ${GCM_TC14}`, 'drop-key-then-encrypt decrypt: ok']);
    assertAllReleased(r, 2);
  } finally {
    r.host[Symbol.dispose]();
  }
});

test('read-file: no file access without a preopen', async () => {
  const r = await runGuest(['read-file', '/etc/hostname']);
  r.host[Symbol.dispose]();
  assert.equal(r.code, 0, r.lines.join('\n'));
  assert.deepEqual(r.lines, ['read failed: no preopened directory contains /etc/hostname (0 preopen(s))']);
});

test('read-file: a preopened /etc is readable', async () => {
  const firstLine = readFileSync('/etc/hostname', 'utf8').split('\n')[0];
  const r = await runGuest(['read-file', '/etc/hostname'], { '/etc': '/etc' });
  r.host[Symbol.dispose]();
  assert.equal(r.code, 0, r.lines.join('\n'));
  assert.deepEqual(r.lines, [`read ok: ${firstLine}`]);
});

test('read-file: a preopen exposes only the directory given, under the guest path given', async () => {
  const fakeEtc = join(tmp, 'fake-etc');
  await mkdir(fakeEtc, { recursive: true });
  await writeFile(join(fakeEtc, 'hostname'), 'sandboxed-host\nsecond line\n');
  const r = await runGuest(['read-file', '/etc/hostname'], { '/etc': fakeEtc });
  r.host[Symbol.dispose]();
  assert.deepEqual(r.lines, ['read ok: sandboxed-host']);
  const escape = await runGuest(['read-file', '/etc/../../etc/passwd'], { '/etc': fakeEtc });
  escape.host[Symbol.dispose]();
  assert.equal(escape.lines.length, 1);
  assert.equal(escape.lines[0], 'read failed: not-permitted');
});

test('not-implemented: functions later work adds fail with the documented error cases', async () => {
  const r = await runGuest(['not-implemented']);
  try {
    assert.equal(r.code, 0, r.lines.join('\n'));
    assert.deepEqual(r.lines, [
      'SecretsManager.open: ok (no error)',
      'Keypair.generate(signatures, Ed25519ph): unsupported-algorithm',
      'Keypair.export(local) of Ed25519: unsupported-encoding',
    ]);
    assertAllReleased(r, 1);
  } finally {
    r.host[Symbol.dispose]();
  }
});

test('an unknown scenario is a usage error: run returns err (exit code 1)', async () => {
  const r = await runGuest(['no-such-scenario']);
  r.host[Symbol.dispose]();
  assert.equal(r.code, 1);
  assert.match(r.lines[0] ?? '', /^usage: lifecycle </);
});
