#!/usr/bin/env node
// Runs after `npm install`: compiles the TypeScript host and builds the guest components, so that
// `npm start` and `npm test` work on a fresh clone with nothing installed by hand.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
if (!existsSync(join(root, 'wit')) || !existsSync(join(root, 'tsconfig.json'))) process.exit(0); // installed as a dependency

function run(title, args) {
  const t0 = Date.now();
  console.log(`wasi-crypto-host setup: ${title}…`);
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`wasi-crypto-host setup: ${title} failed`);
    process.exit(r.status ?? 1);
  }
  console.log(`wasi-crypto-host setup: ${title} done (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}

const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
if (!existsSync(tsc)) {
  console.error('wasi-crypto-host setup: TypeScript is missing (install with dev dependencies: `npm install`)');
  process.exit(1);
}
run('compile the host (tsc)', [tsc, '-p', 'tsconfig.json']);
run('build the guest components', [join(root, 'scripts', 'build-guests.mjs')]);
run('build the native guest components (C; skipped without their toolchains)', [join(root, 'scripts', 'build-native-guests.mjs')]);
