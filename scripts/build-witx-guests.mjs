#!/usr/bin/env node
// Builds the witx-ABI guests (core modules, WASI preview 1 commands) into each guest's build/:
//
//   guest-examples/c/witx/build/witx-c.wasm                clang-19 --target=wasm32-wasi + wasi-libc
//   guest-examples/assemblyscript/witx/build/witx-as.wasm  AssemblyScript (npm assemblyscript)
//
//   node scripts/build-witx-guests.mjs [--force]
//
// A guest is rebuilt only when its sources, its build command or the compiler version changed
// (a SHA-256 of all three is kept in build/<name>.build.json). A missing toolchain (clang-19 or the
// wasi-libc sysroot; AssemblyScript in node_modules) skips that guest with a message and exit 0;
// tests that need it skip with the same reason. Called by scripts/setup.mjs (npm install).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const force = process.argv.includes('--force');
const log = (m) => console.log(`build-witx-guests: ${m}`);

function toolVersion(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.split('\n')[0].trim() : undefined;
}

const ASC = join(ROOT, 'node_modules', 'assemblyscript', 'bin', 'asc.js');
const ascVersion = () => (existsSync(ASC) ? JSON.parse(readFileSync(join(ROOT, 'node_modules', 'assemblyscript', 'package.json'), 'utf8')).version : undefined);

const GUESTS = [
  {
    name: 'witx-c',
    dir: 'guest-examples/c/witx',
    sources: ['guest.c', 'wasi_crypto.h'],
    tool: () => {
      const v = toolVersion('clang-19', ['--version']);
      if (v === undefined) return { missing: 'clang-19 is not installed (scripts/install-toolchains.sh installs clang-19, lld-19 and wasi-libc)' };
      // wasi-libc: clang finds the Debian sysroot by itself; check that it is there.
      const probe = spawnSync('clang-19', ['--target=wasm32-wasi', '-print-file-name=libc.a'], { encoding: 'utf8' });
      const libc = probe.stdout.trim();
      if (probe.status !== 0 || !libc.includes('/') || !existsSync(libc)) return { missing: 'wasi-libc for clang-19 is not installed (apt-get install wasi-libc)' };
      return { version: v };
    },
    command: (out) => ['clang-19', ['--target=wasm32-wasi', '-Oz', '-Wall', '-Wextra', '-Werror', '-Wl,--strip-all', '-o', out, 'guest.c']],
  },
  {
    name: 'witx-as',
    dir: 'guest-examples/assemblyscript/witx',
    sources: ['guest.ts'],
    tool: () => {
      const v = ascVersion();
      return v === undefined ? { missing: 'AssemblyScript is not installed (node_modules/assemblyscript; run npm install)' } : { version: `assemblyscript ${v}` };
    },
    command: (out) => [process.execPath, [ASC, 'guest.ts', '-O3', '--runtime', 'stub', '--use', 'abort=', '--exportStart', '_start', '-o', out]],
  },
];

let failed = false;
for (const g of GUESTS) {
  const dir = join(ROOT, g.dir);
  const out = join(dir, 'build', `${g.name}.wasm`);
  const stamp = join(dir, 'build', `${g.name}.build.json`);
  const tool = g.tool();
  if (tool.missing !== undefined) {
    log(`skipping ${relative(ROOT, out)}: ${tool.missing}`);
    continue;
  }
  const [cmd, args] = g.command(`build/${g.name}.wasm`);
  const h = createHash('sha256');
  h.update(JSON.stringify([tool.version, cmd === process.execPath ? 'node' : cmd, args.map((a) => (a === ASC ? 'asc' : a))]));
  for (const s of g.sources) h.update(readFileSync(join(dir, s)));
  const digest = h.digest('hex');
  if (!force && existsSync(out) && existsSync(stamp)) {
    try {
      if (JSON.parse(readFileSync(stamp, 'utf8')).digest === digest) {
        log(`${relative(ROOT, out)} is up to date`);
        continue;
      }
    } catch {
      // rebuild
    }
  }
  mkdirSync(join(dir, 'build'), { recursive: true });
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { cwd: dir, stdio: 'inherit' });
  const seconds = (Date.now() - t0) / 1000;
  if (r.status !== 0) {
    rmSync(out, { force: true });
    rmSync(stamp, { force: true });
    console.error(`build-witx-guests: building ${relative(ROOT, out)} failed`);
    failed = true;
    continue;
  }
  const size = statSync(out).size;
  writeFileSync(stamp, JSON.stringify({ digest, tool: tool.version, seconds, size }, null, 2) + '\n');
  log(`${relative(ROOT, out)}  ${(size / 1024).toFixed(1)} KiB  built in ${seconds.toFixed(1)} s (${tool.version})`);
}
process.exit(failed ? 1 : 0);
