#!/usr/bin/env node
// `npm test`: the generated-types freshness check, a strict type-check + build, then every test.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');

function step(title, args, opts = {}) {
  const t0 = Date.now();
  console.log(`\n▶ ${title}`);
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', ...opts });
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  if (r.status !== 0) {
    console.error(`✖ ${title} failed (${secs} s)`);
    process.exitCode = r.status ?? 1;
    throw new Error(`${title} failed`);
  }
  console.log(`✔ ${title} (${secs} s)`);
}

step('host/generated is fresh', [join(root, 'scripts', 'gen-types.mjs'), '--check']);
step('bindings/ (generated guest bindings) is fresh', [join(root, 'scripts', 'bindgen', 'gen.mjs'), '--check']);
// tsc never deletes outputs of removed sources: start the compiled tests from scratch.
rmSync(join(root, 'build', 'tests'), { recursive: true, force: true });
step('type-check and build (tsc, strict)', [tsc, '-p', 'tsconfig.json']);
step('portable core imports nothing Node-only', [join(root, 'scripts', 'check-portable.mjs')]);
if (!existsSync(join(root, 'guest-examples', 'js', 'hash-sign', 'build'))) {
  console.error('guest components are not built: run `npm run build-guests` (npm install does it)');
  process.exit(1);
}
// Tests never touch the user's component cache: a fresh one per run, removed afterwards.
const cacheDir = mkdtempSync(join(tmpdir(), 'wasi-crypto-test-cache-'));
const only = process.argv.slice(2);
try {
  step('tests', ['--test', '--test-reporter=spec', ...(only.length ? only : [join('build', 'tests')])], {
    env: { ...process.env, WASI_CRYPTO_CACHE_DIR: cacheDir },
  });
} finally {
  rmSync(cacheDir, { recursive: true, force: true });
}
