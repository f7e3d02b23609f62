import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir, homedir } from 'node:os';
import { join } from 'node:path';
import { buildFixture, ROOT } from '../fixtures/runtime/build-fixtures.js';
import { RuntimeError, defaultCacheDir, loadComponent, transpileCount } from '../../host/src/runtime/index.js';
import { checkComponentHeader, readTopLevelImports } from '../../host/src/runtime/component-binary.js';
import { GLUE_PATCH_VERSION, patchCreatedReps, patchDebugLog } from '../../host/src/runtime/glue-patch.js';

let tmp: string;
let guest: string;

before(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'wasi-crypto-load-'));
  guest = await buildFixture('cli-guest', tmp);
});
after(async () => {
  await rm(tmp, { recursive: true, force: true });
});

async function rejectsWith(p: Promise<unknown>, code: string, pattern: RegExp): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof RuntimeError, `expected a RuntimeError, got ${String(e)}`);
    assert.equal(e.code, code);
    assert.match(e.message, pattern);
    return true;
  });
}

test('the second load of a component uses the cache and does not transpile again', async () => {
  const cacheDir = join(tmp, 'cache-hit');
  const progress: string[] = [];
  const before = transpileCount();
  const first = await loadComponent(guest, { cacheDir, onProgress: (m) => progress.push(m) });
  assert.equal(first.fromCache, false);
  assert.equal(transpileCount(), before + 1);
  assert.equal(progress.length, 1);
  assert.match(progress[0]!, /^transpiling cli-guest\.wasm \(\d+(\.\d)? MB\) — first run only, cached afterwards$/);
  assert.equal(first.dir, join(cacheDir, first.sha256, first.meta.variant));
  const glue = join(first.dir, first.meta.glue);
  const glueStat = await stat(glue);

  progress.length = 0;
  const second = await loadComponent(guest, { cacheDir, onProgress: (m) => progress.push(m) });
  assert.equal(second.fromCache, true);
  assert.equal(transpileCount(), before + 1, 'no second transpile');
  assert.deepEqual(progress, []);
  assert.equal(second.dir, first.dir);
  assert.equal((await stat(glue)).mtimeMs, glueStat.mtimeMs, 'the cached glue was not rewritten');

  // Same bytes given directly: same entry.
  const third = await loadComponent(await readFile(guest), { cacheDir });
  assert.equal(third.fromCache, true);
  assert.equal(third.name, 'component');
  assert.equal(transpileCount(), before + 1);
  // Only the entry itself is left: no temporary directories.
  assert.deepEqual(await readdir(join(cacheDir, first.sha256)), [first.meta.variant]);
});

test('the cached glue has the _debugLog patch and the component imports are recorded with versions', async () => {
  const loaded = await loadComponent(guest, { cacheDir: join(tmp, 'cache-hit') });
  assert.equal(loaded.meta.debugLogPatched, true);
  assert.equal(loaded.meta.createdRepsPatched, true);
  const glue = await readFile(join(loaded.dir, loaded.meta.glue), 'utf8');
  assert.match(glue, new RegExp(`wasi-crypto-host glue patch v${GLUE_PATCH_VERSION}`));
  assert.doesNotMatch(glue, /process\?\.env\?\.JCO_DEBUG\) \{ return; \}/);
  assert.doesNotMatch(glue, /_createdReps\.add\(/);
  assert.ok(!Object.keys(loaded.meta.files).some((f) => f.endsWith('.d.ts')), 'no TypeScript declarations cached');
  assert.deepEqual(
    loaded.imports.find((i) => i.key === 'wasi:cli/environment'),
    { key: 'wasi:cli/environment', name: 'wasi:cli/environment@0.2.12' },
  );
  assert.ok(loaded.exports.some(([name]) => name === 'wasi:cli/run@0.2.12'));
});

test('concurrent first loads of the same component both succeed and share one entry', async () => {
  const cacheDir = join(tmp, 'cache-race');
  const [a, b] = await Promise.all([loadComponent(guest, { cacheDir }), loadComponent(guest, { cacheDir })]);
  assert.equal(a.dir, b.dir);
  assert.deepEqual(await readdir(join(cacheDir, a.sha256)), [a.meta.variant]);
});

test('an incomplete cache entry is replaced by a fresh transpile', async () => {
  const cacheDir = join(tmp, 'cache-corrupt');
  const first = await loadComponent(guest, { cacheDir });
  await truncate(join(first.dir, 'component.core.wasm'), 10);
  const before = transpileCount();
  const second = await loadComponent(guest, { cacheDir });
  assert.equal(second.fromCache, false);
  assert.equal(transpileCount(), before + 1);
  assert.equal((await stat(join(second.dir, 'component.core.wasm'))).size, first.meta.files['component.core.wasm']);
});

test('a missing file, a directory, a non-wasm file and a core module each give a typed error', async () => {
  const cacheDir = join(tmp, 'cache-errors');
  await rejectsWith(loadComponent(join(tmp, 'nope.wasm'), { cacheDir }), 'not-found', /component not found: .*nope\.wasm/);
  await rejectsWith(loadComponent(tmp, { cacheDir }), 'unreadable', /is a directory/);
  const text = join(tmp, 'text.wasm');
  await writeFile(text, 'hello, this is not wasm');
  await rejectsWith(loadComponent(text, { cacheDir }), 'not-a-component', /not a WebAssembly component/);
  // A real core module: the WASI preview1 adapter that jco ships.
  const core = join(ROOT, 'node_modules/@bytecodealliance/jco/lib/wasi_snapshot_preview1.command.wasm');
  await rejectsWith(loadComponent(core, { cacheDir }), 'core-module', /is a core WebAssembly module, not a component/);
  await rejectsWith(
    loadComponent(new Uint8Array([0, 0x61, 0x73, 0x6d, 0x0c, 0, 1, 0]), { cacheDir, name: 'old.wasm' }),
    'not-a-component',
    /old\.wasm has an unsupported WebAssembly header \(version\/layer bytes 0c 00 01 00/,
  );
  assert.throws(() => checkComponentHeader(new Uint8Array([0, 0x61, 0x73]), 'short'), /not a WebAssembly component/);
});

test('readTopLevelImports lists the versioned import names of a real component', async () => {
  const names = readTopLevelImports(await readFile(guest));
  assert.ok(names);
  assert.ok(names.includes('wasi:cli/environment@0.2.12'));
  assert.ok(names.includes('wasi:filesystem/preopens@0.2.12'));
  assert.ok(names.every((n) => /^wasi:[a-z-]+\/[a-z-]+@0\.2\.12$/.test(n)), names.join(', '));
});

test('the default cache directory follows WASI_CRYPTO_CACHE_DIR, then an absolute XDG_CACHE_HOME, then ~/.cache', () => {
  assert.equal(defaultCacheDir({ WASI_CRYPTO_CACHE_DIR: '/x/y', XDG_CACHE_HOME: '/xdg' }), '/x/y');
  assert.equal(defaultCacheDir({ XDG_CACHE_HOME: '/xdg' }), '/xdg/wasi-crypto-host');
  assert.equal(defaultCacheDir({ XDG_CACHE_HOME: 'relative' }), join(homedir(), '.cache', 'wasi-crypto-host'));
  assert.equal(defaultCacheDir({}), join(homedir(), '.cache', 'wasi-crypto-host'));
});

test('patchDebugLog replaces exactly jco 1.35.0 _debugLog helper and reports when it is absent', () => {
  const helper = [
    '  const _debugLog = (...args) => {',
    '    if (!globalThis?.process?.env?.JCO_DEBUG) { return; }',
    '    console.debug(...args);',
    '  };',
  ].join('\n');
  const ok = patchDebugLog(`before\n${helper}\nafter`);
  assert.equal(ok.patched, true);
  assert.match(ok.source, /^before\n {2}\/\* wasi-crypto-host glue patch v\d+[^\n]*\nafter$/);

  const missing = patchDebugLog('const _debugLog = () => {};');
  assert.equal(missing.patched, false);
  assert.equal(missing.source, 'const _debugLog = () => {};');
  assert.match(missing.problem ?? '', /not found/);

  const twice = patchDebugLog(`${helper}\n${helper}`);
  assert.equal(twice.patched, false);
  assert.match(twice.problem ?? '', /found 2 times/);
});

test('patchCreatedReps removes the write-only _createdReps.add and refuses when the Set is read', () => {
  const fn = ['function rscTableCreateOwn(table, rep) {', '  const free = table[0] & ~T_FLAG;', '  table._createdReps.add(rep);', '  return free;', '}'].join('\n');
  const init = 'handleTable1._createdReps = new Set();';
  const ok = patchCreatedReps(`${init}\n${fn}\n${init}`);
  assert.equal(ok.patched, true);
  assert.doesNotMatch(ok.source, /_createdReps\.add/);
  assert.match(ok.source, /const free = table\[0\] & ~T_FLAG;\n {2}\/\* wasi-crypto-host glue patch/);

  const missing = patchCreatedReps(init);
  assert.equal(missing.patched, false);
  assert.match(missing.problem ?? '', /not found/);

  const read = patchCreatedReps(`${fn}\nif (table._createdReps.has(rep)) {}`);
  assert.equal(read.patched, false);
  assert.match(read.problem ?? '', /reads/);
  assert.equal(read.source, `${fn}\nif (table._createdReps.has(rep)) {}`);
});
