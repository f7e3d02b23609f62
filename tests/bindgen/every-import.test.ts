/**
 * Every function of the whole wasi:crypto WIT (world `imports`, bindings/rust/imports.rs and
 * bindings/assemblyscript/imports.ts) compiles, and its core import has the signature the WIT
 * demands: a generated guest source calls each imported function once
 * (scripts/bindgen/every-import.mjs), it is compiled (rustc / asc — AS compiles only what is
 * reachable, hence the calls), and jco's wit-component (`componentEmbed` + `componentNew`) checks
 * every core import against the WIT while building the component. The guest is never run.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The repository root: this file runs from build/tests/bindgen/. */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const load = (m: string) => import(pathToFileURL(join(ROOT, 'scripts', 'bindgen', m)).href);

function debianRustc(): string | undefined {
  if (process.env.WASI_CRYPTO_RUSTC) return process.env.WASI_CRYPTO_RUSTC;
  const r = spawnSync('sh', ['-c', 'command -p -v rustc'], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() ? r.stdout.trim() : undefined;
}
const RUSTC = debianRustc();
const ASC = join(ROOT, 'node_modules', 'assemblyscript', 'bin', 'asc.js');

/** Imports of wasi:crypto the WIT has: every function plus one [resource-drop] per resource. */
async function expectedImports(model: { interfaces: { name: string; functions: unknown[] }[]; types: { kind: string; interface?: string }[] }) {
  const crypto = model.interfaces.filter((i) => i.name.startsWith('wasi:crypto/'));
  return crypto.reduce((n, i) => n + i.functions.length, 0) + model.types.filter((t) => t.kind === 'resource' && t.interface?.startsWith('wasi:crypto/')).length;
}

async function checkComponent(core: Uint8Array, model: never) {
  // (the project's lib has no DOM typings, so WebAssembly is typed here by what is used)
  const WA = (globalThis as unknown as { WebAssembly: { Module: { new (b: Uint8Array): object; imports(m: object): { module: string; name: string }[] } } }).WebAssembly;
  const imports = WA.Module.imports(new WA.Module(core)).filter((i) => i.module.startsWith('wasi:crypto/'));
  assert.equal(imports.length, await expectedImports(model), 'every function and resource drop is imported');
  const { componentEmbed, componentNew } = await import('@bytecodealliance/jco');
  const embedded = await componentEmbed({ binary: core, witPath: join(ROOT, 'wit'), world: 'imports' });
  const component = await componentNew(embedded);
  assert.ok(component.byteLength > core.byteLength);
}

test('Rust: every wasi:crypto import compiles and matches the WIT', { skip: RUSTC ? false : 'Debian rustc is not installed (scripts/install-toolchains.sh)' }, async () => {
  const { loadModel } = await load('model.mjs');
  const { rustEveryImport } = await load('every-import.mjs');
  const model = await loadModel({ witPath: join(ROOT, 'wit'), world: 'imports' });
  const dir = mkdtempSync(join(tmpdir(), 'every-import-rs-'));
  try {
    writeFileSync(join(dir, 'lib.rs'), rustEveryImport(model, join(ROOT, 'bindings', 'rust', 'imports.rs')));
    const r = spawnSync(RUSTC!, ['--edition', '2021', '-O', '-C', 'strip=symbols', '--crate-type', 'cdylib', '--target', 'wasm32-unknown-unknown', '-o', join(dir, 'core.wasm'), join(dir, 'lib.rs')], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    await checkComponent(readFileSync(join(dir, 'core.wasm')), model as never);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('AssemblyScript: every wasi:crypto import compiles and matches the WIT', { skip: existsSync(ASC) ? false : 'the npm package assemblyscript is not installed' }, async () => {
  const { loadModel } = await load('model.mjs');
  const { asEveryImport } = await load('every-import.mjs');
  const model = await loadModel({ witPath: join(ROOT, 'wit'), world: 'imports' });
  const dir = mkdtempSync(join(tmpdir(), 'every-import-as-'));
  try {
    const bindings = relative(dir, join(ROOT, 'bindings', 'assemblyscript', 'imports'));
    writeFileSync(join(dir, 'touch.ts'), asEveryImport(model, bindings));
    const r = spawnSync(process.execPath, [ASC, join(dir, 'touch.ts'), '--runtime', 'incremental', '--use', 'abort=', '-o', join(dir, 'core.wasm')], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    await checkComponent(readFileSync(join(dir, 'core.wasm')), model as never);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
