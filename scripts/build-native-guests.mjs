#!/usr/bin/env node
// Builds the guest components written in compiled languages (C now; Rust and AssemblyScript are
// added as BUILDERS entries) into each guest's build/ folder.
//
//   node scripts/build-native-guests.mjs [--force] [name…]        (npm run build-native-guests)
//
// Run by `npm install` (scripts/setup.mjs). A guest whose toolchain is missing is SKIPPED with a
// message naming what to install (scripts/install-toolchains.sh installs them all); its tests skip
// with the same reason. A component is rebuilt only when the SHA-256 over its inputs (sources,
// generated bindings, WIT, jco version, commands) differs from the one recorded beside it in
// <component>.build.json; `--force` rebuilds anyway. Exits non-zero, naming the component, if a
// build fails (and removes that component).
//
// C (clang-19 + wasi-libc, toolchain.md §4):
//   clang-19 --target=wasm32-wasi -O2 -mexec-model=reactor -I bindings/c SOURCES bindings/c/<world>.c
//     → build/<name>.core.wasm
//   jco embed <core> --wit <guest WIT + wit/ as deps> -n <world>  → build/<name>.embed.wasm
//   jco new <embed> --wasi-reactor                                 → build/<name>.<lang>.wasm
// (embed and new run in-process through jco's API: componentEmbed, componentNew with jco's
// preview1 reactor adapter.)
//
// To add a guest: add an entry to GUESTS (and, for a new language, a builder to BUILDERS).
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const JCO_PKG = join(ROOT, 'node_modules', '@bytecodealliance', 'jco');
const JCO = join(JCO_PKG, 'dist', 'jco.js');

/**
 * @typedef {object} NativeGuest
 * @property {string} name     output: <dir>/build/<name>.<lang>.wasm
 * @property {string} lang     a key of BUILDERS
 * @property {string} dir      guest folder, relative to the repository root
 * @property {string[]} sources  relative to `dir`
 * @property {string} world    world name
 * @property {string} wit      the world's WIT folder (resolved with wit/ as deps), relative to the root
 * @property {string} [bindings]  C: the generated bindings basename in bindings/c (default: world in snake case)
 */

/** @type {NativeGuest[]} */
export const GUESTS = [
  // The interop suite in C (tests/interop/matrix.test.ts).
  { name: 'interop', lang: 'c', dir: 'guest-examples/c/interop', sources: ['interop.c'], world: 'interop-guest', wit: 'guest-examples/interop/wit' },
  // The interop suite in Rust and AssemblyScript.
  { name: 'interop', lang: 'rust', dir: 'guest-examples/rust/interop', sources: ['src/lib.rs'], world: 'interop-guest', wit: 'guest-examples/interop/wit' },
  { name: 'interop', lang: 'as', dir: 'guest-examples/assemblyscript/interop', sources: ['interop.ts'], world: 'interop-guest', wit: 'guest-examples/interop/wit' },
  // Every WIT shape the Rust and AssemblyScript bindings support (tests/bindgen/shapes.test.ts).
  { name: 'shapes', lang: 'rust', dir: 'tests/bindgen/shapes', sources: ['rust/lib.rs'], world: 'shapes', wit: 'tests/bindgen/shapes/wit' },
  { name: 'shapes', lang: 'as', dir: 'tests/bindgen/shapes', sources: ['assemblyscript/shapes.ts'], world: 'shapes', wit: 'tests/bindgen/shapes/wit' },
];

// ---------------------------------------------------------------------------------------------

function sh(cmd, args, opts = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...opts });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', (e) => resolve({ code: -1, output: output + String(e) }));
    child.on('close', (code) => resolve({ code: code ?? -1, output }));
  });
}


function listFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name)) : [join(dir, e.name)]));
}

function hashInputs(files, extra) {
  const h = createHash('sha256');
  h.update(JSON.stringify(extra));
  for (const f of [...files].sort()) {
    h.update(relative(ROOT, f));
    h.update('\0');
    h.update(readFileSync(f));
    h.update('\0');
  }
  return h.digest('hex');
}

function fmtSize(bytes) {
  return bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${(bytes / 1e3).toFixed(0)} kB`;
}

/** The WIT folder for `guest`: its own WIT files with wit/ as deps (the layout build-guests.mjs uses). */
async function witFor(guest) {
  const { assembleWit } = await import('./bindgen/model.mjs');
  return assembleWit(join(ROOT, guest.wit));
}

// ── C ────────────────────────────────────────────────────────────────────────────────────────────

const CLANG = 'clang-19';
const C_FLAGS = ['--target=wasm32-wasi', '-O2', '-Wall', '-Wextra', '-Werror', '-mexec-model=reactor'];

/** undefined if clang-19 can build a wasm32-wasi reactor here, else what is missing. */
function cToolchainMissing() {
  const v = spawnSync(CLANG, ['--version'], { encoding: 'utf8' });
  if (v.error || v.status !== 0) return `${CLANG} is not installed`;
  const dir = join(tmpdir(), `native-guest-probe-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  try {
    writeFileSync(join(dir, 'p.c'), '#include <stdio.h>\n#include <stdlib.h>\nint probe(void) { return (int) (long) malloc(1) + snprintf(0, 0, "x"); }\n');
    const r = spawnSync(CLANG, [...C_FLAGS, '-o', join(dir, 'p.wasm'), join(dir, 'p.c')], { encoding: 'utf8' });
    if (r.status !== 0) return `${CLANG} cannot build for wasm32-wasi (wasi-libc / libclang-rt-19-dev-wasm32 / lld-19 missing?): ${(r.stderr || '').trim().split('\n')[0]}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return undefined;
}

const C = {
  toolchainMissing: cToolchainMissing,
  install: 'sudo scripts/install-toolchains.sh (Debian: clang-19 lld-19 wasi-libc libclang-rt-19-dev-wasm32)',
  inputs(guest) {
    const b = guest.bindings ?? guest.world.replace(/-/g, '_');
    return [...guest.sources.map((s) => join(ROOT, guest.dir, s)), join(ROOT, 'bindings', 'c', `${b}.h`), join(ROOT, 'bindings', 'c', `${b}.c`)];
  },
  commands(guest) {
    return { clang: [CLANG, ...C_FLAGS], embed: ['embed', '-n', guest.world], new: ['new', '--wasi-reactor', 'wasi_snapshot_preview1.reactor.wasm'] };
  },
  /** Builds core → embed → component at `out`. Returns undefined or an error text. */
  async build(guest, out, log) {
    const b = guest.bindings ?? guest.world.replace(/-/g, '_');
    const core = join(dirname(out), `${guest.name}.core.wasm`);
    const embed = join(dirname(out), `${guest.name}.embed.wasm`);
    let r = await sh(CLANG, [
      ...C_FLAGS,
      '-I',
      join(ROOT, 'bindings', 'c'),
      '-o',
      core,
      ...guest.sources.map((s) => join(ROOT, guest.dir, s)),
      join(ROOT, 'bindings', 'c', `${b}.c`),
    ]);
    if (r.code !== 0) return `clang-19 failed:\n${r.output}`;
    log.push(`core ${fmtSize(statSync(core).size)}`);
    // jco embed + jco new, in-process (the same wit-component calls as the CLI, without two
    // node start-ups of jco: ~2 s less per guest).
    const { componentEmbed, componentNew } = await import('@bytecodealliance/jco');
    const wit = await witFor(guest);
    try {
      const embedded = await componentEmbed({ binary: readFileSync(core), witPath: wit, world: guest.world });
      writeFileSync(embed, embedded);
    } catch (e) {
      return `jco embed failed: ${e?.message ?? e}`;
    } finally {
      rmSync(wit, { recursive: true, force: true });
    }
    try {
      const adapter = readFileSync(join(JCO_PKG, 'lib', 'wasi_snapshot_preview1.reactor.wasm'));
      writeFileSync(out, await componentNew(readFileSync(embed), [['wasi_snapshot_preview1', adapter]]));
    } catch (e) {
      return `jco new failed: ${e?.message ?? e}`;
    }
    return undefined;
  },
};

// ── Rust ─────────────────────────────────────────────────────────────────────────────────────────
// Debian's rustc 1.63 with its wasm32 std (toolchain.md §5), called by absolute path: rustup's
// proxies come first on PATH and have no wasm32 std. wasm32-unknown-unknown needs no WASI adapter,
// so the component imports only wasi:crypto.
//   rustc --edition 2021 -O -C strip=symbols --crate-type cdylib --target wasm32-unknown-unknown
//     -o build/<name>.core.wasm <sources[0]>        (the crate root mounts bindings/rust/<world>.rs)
//   jco embed … ; jco new …                          → build/<name>.rust.wasm

const RUST_FLAGS = ['--edition', '2021', '-O', '-C', 'strip=symbols', '--crate-type', 'cdylib', '--target', 'wasm32-unknown-unknown'];

/** Debian's rustc: $WASI_CRYPTO_RUSTC, else the one on the default system PATH (`command -p`). */
function debianRustc() {
  if (process.env.WASI_CRYPTO_RUSTC) return process.env.WASI_CRYPTO_RUSTC;
  const r = spawnSync('sh', ['-c', 'command -p -v rustc'], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() ? r.stdout.trim() : undefined;
}

function rustToolchainMissing() {
  const rustc = debianRustc();
  if (!rustc) return 'Debian rustc is not installed';
  const dir = join(tmpdir(), `native-guest-probe-rs-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  try {
    writeFileSync(join(dir, 'p.rs'), '#[no_mangle] pub extern "C" fn probe(n: usize) -> usize { vec![1u8; n].len() }\n');
    const r = spawnSync(rustc, [...RUST_FLAGS, '-o', join(dir, 'p.wasm'), join(dir, 'p.rs')], { encoding: 'utf8' });
    if (r.status !== 0) return `${rustc} cannot build for wasm32-unknown-unknown (libstd-rust-dev-wasm32 / lld-14 missing?): ${(r.stderr || String(r.error)).trim().split('\n')[0]}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return undefined;
}

/** core → embed → component (in-process jco, no adapter), shared by the Rust and AssemblyScript builders. */
async function componentFromCore(guest, core, out, log) {
  log.push(`core ${fmtSize(statSync(core).size)}`);
  const embed = join(dirname(out), `${guest.name}.${guest.lang}.embed.wasm`);
  const { componentEmbed, componentNew } = await import('@bytecodealliance/jco');
  const wit = await witFor(guest);
  try {
    writeFileSync(embed, await componentEmbed({ binary: readFileSync(core), witPath: wit, world: guest.world }));
  } catch (e) {
    return `jco embed failed: ${e?.message ?? e}`;
  } finally {
    rmSync(wit, { recursive: true, force: true });
  }
  try {
    writeFileSync(out, await componentNew(readFileSync(embed)));
  } catch (e) {
    return `jco new failed: ${e?.message ?? e}`;
  }
  return undefined;
}

let rustVersion;

const RUST = {
  toolchainMissing: rustToolchainMissing,
  install: 'sudo scripts/install-toolchains.sh (Debian: rustc libstd-rust-dev-wasm32 lld-14)',
  inputs(guest) {
    const b = guest.bindings ?? guest.world.replace(/-/g, '_');
    return [...guest.sources.map((s) => join(ROOT, guest.dir, s)), join(ROOT, 'bindings', 'rust', `${b}.rs`)];
  },
  commands(guest) {
    // The compiler's version is an input too: a rustc upgrade rebuilds.
    rustVersion ??= spawnSync(debianRustc() ?? 'rustc', ['--version'], { encoding: 'utf8' }).stdout?.trim() ?? 'none';
    return { rustc: ['rustc', ...RUST_FLAGS], version: rustVersion, embed: ['embed', '-n', guest.world], new: ['new'] };
  },
  async build(guest, out, log) {
    const core = join(dirname(out), `${guest.name}.rust.core.wasm`);
    const r = await sh(debianRustc(), [...RUST_FLAGS, '-o', core, join(ROOT, guest.dir, guest.sources[0])]);
    if (r.code !== 0) return `rustc failed:\n${r.output}`;
    return componentFromCore(guest, core, out, log);
  },
};

// ── AssemblyScript ───────────────────────────────────────────────────────────────────────────────
// npm assemblyscript 0.28 (a devDependency; toolchain.md §7):
//   asc <sources[0]> -O3 --runtime incremental --use abort= -o build/<name>.as.raw.wasm
//   node scripts/bindgen/wasm-exports.mjs (the `_wx_…` shims → `pkg:ns/iface#f`, `cabi_post_…`)
//   jco embed … ; jco new …                          → build/<name>.as.wasm

const ASC = join(ROOT, 'node_modules', 'assemblyscript', 'bin', 'asc.js');
const ASC_FLAGS = ['-O3', '--runtime', 'incremental', '--use', 'abort='];

const AS = {
  toolchainMissing: () => (existsSync(ASC) ? undefined : 'the npm package assemblyscript is not installed'),
  install: 'npm install (assemblyscript is a devDependency)',
  inputs(guest) {
    const b = guest.bindings ?? guest.world;
    const files = [...guest.sources.map((s) => join(ROOT, guest.dir, s)), join(ROOT, 'bindings', 'assemblyscript', `${b}.ts`)];
    if (existsSync(join(ROOT, 'bindings', 'assemblyscript', `${b}.exports.ts`))) files.push(join(ROOT, 'bindings', 'assemblyscript', `${b}.exports.ts`));
    files.push(join(ROOT, 'scripts', 'bindgen', 'wasm-exports.mjs'));
    if (existsSync(join(ROOT, 'node_modules', 'assemblyscript', 'package.json'))) files.push(join(ROOT, 'node_modules', 'assemblyscript', 'package.json'));
    return files;
  },
  commands(guest) {
    return { asc: ['asc', ...ASC_FLAGS], embed: ['embed', '-n', guest.world], new: ['new'] };
  },
  async build(guest, out, log) {
    const raw = join(dirname(out), `${guest.name}.as.raw.wasm`);
    const core = join(dirname(out), `${guest.name}.as.core.wasm`);
    let r = await sh(process.execPath, [ASC, join(ROOT, guest.dir, guest.sources[0]), ...ASC_FLAGS, '-o', raw], { cwd: ROOT });
    if (r.code !== 0 || !existsSync(raw)) return `asc failed:\n${r.output}`;
    r = await sh(process.execPath, [join(ROOT, 'scripts', 'bindgen', 'wasm-exports.mjs'), raw, core], { cwd: ROOT });
    if (r.code !== 0) return `wasm-exports failed:\n${r.output}`;
    return componentFromCore(guest, core, out, log);
  },
};

/** Builders by language: { toolchainMissing(), install, inputs(guest), commands(guest), build(guest, out, log) }. */
export const BUILDERS = { c: C, rust: RUST, as: AS };

// ---------------------------------------------------------------------------------------------

async function main(argv) {
  const force = argv.includes('--force');
  const names = argv.filter((a) => !a.startsWith('-'));
  const known = GUESTS.map((g) => `${g.lang}-${g.name}`);
  for (const n of names) {
    if (!known.includes(n) && !GUESTS.some((g) => g.name === n)) {
      console.error(`build-native-guests: unknown guest ${n} (known: ${known.join(', ')})`);
      return 2;
    }
  }
  if (!existsSync(JCO)) {
    console.error('build-native-guests: jco is not installed; run `npm install` first');
    return 1;
  }
  const jcoVersion = JSON.parse(readFileSync(join(JCO_PKG, 'package.json'), 'utf8')).version;
  const missing = new Map();
  for (const guest of GUESTS) {
    if (names.length && !names.includes(guest.name) && !names.includes(`${guest.lang}-${guest.name}`)) continue;
    const builder = BUILDERS[guest.lang];
    if (!builder) {
      console.error(`build-native-guests: ${guest.name}: no builder for language ${guest.lang}`);
      return 1;
    }
    const out = join(ROOT, guest.dir, 'build', `${guest.name}.${guest.lang}.wasm`);
    const label = relative(ROOT, out);
    const stampFile = `${out}.build.json`;
    const inputs = [...builder.inputs(guest), ...listFiles(join(ROOT, guest.wit)), ...listFiles(join(ROOT, 'wit'))];
    for (const f of inputs) {
      if (!existsSync(f)) {
        console.error(`build-native-guests: ${guest.name}: input ${relative(ROOT, f)} is missing${f.includes('bindings') ? ' (run `npm run gen-bindings`)' : ''}`);
        return 1;
      }
    }
    const inputHash = hashInputs(inputs, { jco: jcoVersion, commands: builder.commands(guest) });
    let stamp;
    try {
      stamp = JSON.parse(readFileSync(stampFile, 'utf8'));
    } catch {
      stamp = undefined;
    }
    if (!force && existsSync(out) && stamp?.inputs === inputHash) {
      console.log(`build-native-guests: ${label}  ${fmtSize(statSync(out).size)}  up to date`);
      continue;
    }
    if (!missing.has(guest.lang)) missing.set(guest.lang, builder.toolchainMissing());
    const why = missing.get(guest.lang);
    if (why) {
      // A component built from other inputs must not be tested as if it were this one.
      rmSync(out, { force: true });
      rmSync(stampFile, { force: true });
      console.warn(`build-native-guests: SKIPPED ${label}: ${why}. Install with: ${builder.install}. Its tests are skipped.`);
      continue;
    }
    mkdirSync(dirname(out), { recursive: true });
    rmSync(out, { force: true });
    rmSync(stampFile, { force: true });
    const tmp = `${out}.tmp-${process.pid}.${guest.lang}.wasm`;
    const t0 = performance.now();
    const log = [];
    const err = await builder.build(guest, tmp, log);
    const secs = ((performance.now() - t0) / 1000).toFixed(1);
    if (err !== undefined || !existsSync(tmp)) {
      rmSync(tmp, { force: true });
      console.error(err ?? 'no output');
      console.error(`build-native-guests: FAILED to build ${label} (${secs} s)`);
      return 1;
    }
    renameSync(tmp, out);
    const size = statSync(out).size;
    writeFileSync(stampFile, `${JSON.stringify({ inputs: inputHash, jco: jcoVersion, size, seconds: Number(secs) }, null, 1)}\n`);
    console.log(`build-native-guests: ${label}  ${fmtSize(size)}  built in ${secs} s (${log.join(', ')})`);
  }
  return 0;
}

if (process.argv[1] && join(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = await main(process.argv.slice(2));
