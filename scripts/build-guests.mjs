#!/usr/bin/env node
// Builds the JavaScript guest components with `jco componentize` into each guest's build/ folder.
//
//   node scripts/build-guests.mjs [--force] [name…]
//
// Every guest in GUESTS below is built once per engine it lists:
//   sm  → build/<name>.sm.wasm   StarlingMonkey (componentize-js): ~15.5 MB, 15–35 s on 2 cores,
//                                ~830 MB RSS; so only the example and the symmetric and
//                                asymmetric test guests and the bench guest are built with it
//   qjs → build/<name>.qjs.wasm  QuickJS (componentize-qjs, sync runtime): ~1.8 MB, 1.5–3.5 s
// A component newer than all its inputs (the guest folder's sources and WIT, and wit/) and built
// with the same command and jco version (recorded next to it in <component>.build.json) is left
// alone, so a second `npm install` does not rebuild. `--force` rebuilds anyway; names restrict the
// run to those guests. Run by `npm install` (scripts/setup.mjs) and `npm run build-guests`.
// Exits non-zero, naming the component, if a build fails (and removes that component).
//
// To add a guest: add an entry to GUESTS.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const WIT = join(ROOT, 'wit');
const JCO_PKG = join(ROOT, 'node_modules', '@bytecodealliance', 'jco');
const JCO = join(JCO_PKG, 'dist', 'jco.js');
const JCO_VERSION = existsSync(JCO) ? JSON.parse(readFileSync(join(JCO_PKG, 'package.json'), 'utf8')).version : undefined;

/**
 * @typedef {object} Guest
 * @property {string} name    output basename: build/<name>.<engine>.wasm
 * @property {string} dir     guest folder, relative to the repository root
 * @property {string} source  entry module, relative to `dir`
 * @property {string} world   world name. If `dir` has a wit/ folder, its package (one world file
 *                            that may `include` wasi:crypto worlds) is resolved against wit/ and
 *                            wit/deps; otherwise the world is looked up in wit/ itself.
 * @property {('sm'|'qjs')[]} engines
 * @property {string} [wit]   the guest's own WIT folder, relative to the repository root, used
 *                            instead of `dir`/wit (resolved the same way)
 * @property {boolean} [bundle] bundle `source` and its npm imports (e.g. @noble) into
 *                            build/<name>.bundle.js with rolldown (installed with jco) and
 *                            componentize that; `wasi:*` and `bench:*` imports stay external.
 *                            Skipped with a message if rolldown is not installed.
 */

/** @type {Guest[]} */
const GUESTS = [
  // The example: both engines.
  { name: 'hash-sign', dir: 'guest-examples/js/hash-sign', source: 'hash-sign.js', world: 'hash-sign', engines: ['sm', 'qjs'] },
  // Test guests: QuickJS only (fast to build; it drops handles as soon as they are unreachable,
  // and the guest disposes explicitly anyway).
  { name: 'lifecycle', dir: 'tests/components/guests/lifecycle', source: 'lifecycle.js', world: 'test-guest', engines: ['qjs'] },
  // Except the symmetric guest: both engines, because how a guest sees WIT results, u64 and
  // handles differs between them (tests/components/symmetric.test.ts runs each scenario on both).
  { name: 'symmetric', dir: 'tests/components/guests/symmetric', source: 'symmetric.js', world: 'test-guest', engines: ['sm', 'qjs'] },
  // And the asymmetric guest: keys and signatures cross engines (QuickJS signs, StarlingMonkey
  // verifies and back) in tests/components/asymmetric.test.ts.
  { name: 'asymmetric', dir: 'tests/components/guests/asymmetric', source: 'asymmetric.js', world: 'test-guest', engines: ['sm', 'qjs'] },
  // The keystore guest: a managed key made by one process and used by another
  // (tests/components/keystore-e2e.test.ts). QuickJS only.
  { name: 'keystore', dir: 'tests/components/guests/keystore', source: 'keystore.js', world: 'test-guest', engines: ['qjs'] },
  // The bench guest (bench/guest, issue 7): wasi:crypto vs a do-nothing floor vs @noble inside the
  // guest, on both engines; its world is in bench/wit (package bench:floor, not wasi:crypto).
  { name: 'bench', dir: 'bench/guest', source: 'bench.js', world: 'bench-guest', wit: 'bench/wit', bundle: true, engines: ['sm', 'qjs'] },
  // The interop suite (issue 8, tests/interop): one source on both engines; its world is in
  // guest-examples/interop/wit (package interop:matrix), shared with the C, Rust and AS guests.
  { name: 'interop', dir: 'guest-examples/js/interop', source: 'interop.js', world: 'interop-guest', wit: 'guest-examples/interop/wit', engines: ['sm', 'qjs'] },
];

/**
 * StarlingMonkey features switched off: the guests make no HTTP requests and serve no fetch
 * events, so the component imports no wasi:http. stdio must stay: with `-d stdio` (or `-d all`)
 * console.log is silently discarded. clocks and random stay (Date, Math.random); switching them
 * off saves nothing measurable (15.54 MB with no -d, 15.52 MB with these, 15.50 MB with -d all).
 */
const SM_DISABLE = ['http', 'fetch-event'];

const ENGINES = {
  sm: { suffix: 'sm', args: ['-d', ...SM_DISABLE] },
  qjs: { suffix: 'qjs', args: ['--backend', 'quickjs', '--backend-qjs-disable-async'] },
};

// ---------------------------------------------------------------------------------------------

function listFiles(dir, skip = () => false) {
  const out = [];
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (skip(p, entry)) continue;
    if (entry.isDirectory()) out.push(...listFiles(p, skip));
    else out.push(p);
  }
  return out;
}

/** Every file a guest's components depend on. */
function inputsOf(guest) {
  const dir = join(ROOT, guest.dir);
  const guestFiles = listFiles(dir, (p, e) => (e.isDirectory() && e.name === 'build') || e.name.endsWith('.md'));
  const extra = [];
  if (guest.wit) extra.push(...listFiles(join(ROOT, guest.wit)));
  // A bundled guest also depends on the installed versions of what it bundles.
  if (guest.bundle && existsSync(join(ROOT, 'package-lock.json'))) extra.push(join(ROOT, 'package-lock.json'));
  return [...guestFiles, ...extra, ...listFiles(WIT)];
}

function readText(file) {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function newestMtime(files) {
  let newest = 0;
  for (const f of files) newest = Math.max(newest, statSync(f).mtimeMs);
  return newest;
}

/**
 * The WIT path and world to build `guest` against. A guest with its own wit/ folder gets a
 * resolved copy in build/wit: its world file(s), with wasi:crypto (wit/*.wit) and WASI
 * (wit/deps/*) under deps/.
 */
function witFor(guest) {
  const local = join(ROOT, guest.wit ?? join(guest.dir, 'wit'));
  if (!existsSync(local)) return WIT;
  const out = join(ROOT, guest.dir, 'build', 'wit');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, 'deps', 'crypto'), { recursive: true });
  for (const f of readdirSync(local)) if (f.endsWith('.wit')) cpSync(join(local, f), join(out, f));
  for (const f of readdirSync(WIT)) if (f.endsWith('.wit')) cpSync(join(WIT, f), join(out, 'deps', 'crypto', f));
  for (const e of readdirSync(join(WIT, 'deps'), { withFileTypes: true })) {
    if (e.isDirectory()) cpSync(join(WIT, 'deps', e.name), join(out, 'deps', e.name), { recursive: true });
  }
  return out;
}

/**
 * Bundles `source` (ESM) with its npm imports into `out` with rolldown, which jco installs. The
 * component-model imports (`wasi:*`, `bench:*`) stay external. Returns undefined on success, or
 * a message: 'missing' if rolldown is not installed, else the error.
 */
async function bundle(source, out) {
  let rolldown;
  try {
    rolldown = await import('rolldown');
  } catch {
    return 'missing';
  }
  try {
    await rolldown.build({
      input: source,
      // Component imports look like `ns:pkg/iface@ver`; everything else is bundled.
      external: [/^[a-z][a-z0-9-]*:[a-z]/],
      platform: 'neutral',
      resolve: { conditionNames: ['import', 'default'], mainFields: ['module', 'main'] },
      logLevel: 'warn',
      output: { file: out, format: 'esm', minify: false, sourcemap: false },
    });
    return undefined;
  } catch (e) {
    return String(e?.stack ?? e);
  }
}

/** Runs jco; resolves to { code, output }. */
function jco(args, cwd) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [JCO, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', (e) => resolve({ code: -1, output: output + String(e) }));
    child.on('close', (code) => resolve({ code: code ?? -1, output }));
  });
}

function fmtSize(bytes) {
  return bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${(bytes / 1e3).toFixed(0)} kB`;
}

// ---------------------------------------------------------------------------------------------

async function main(argv) {
  const force = argv.includes('--force');
  const names = argv.filter((a) => !a.startsWith('-'));
  for (const n of names) {
    if (!GUESTS.some((g) => g.name === n)) {
      console.error(`build-guests: unknown guest ${n} (known: ${GUESTS.map((g) => g.name).join(', ')})`);
      return 2;
    }
  }
  if (!existsSync(JCO)) {
    console.error(`build-guests: jco is not installed (${relative(ROOT, JCO)} is missing); run \`npm install\` first`);
    return 1;
  }

  for (const guest of GUESTS) {
    if (names.length > 0 && !names.includes(guest.name)) continue;
    const dir = join(ROOT, guest.dir);
    let source = join(dir, guest.source);
    if (!existsSync(source)) {
      console.error(`build-guests: ${guest.name}: source ${relative(ROOT, source)} is missing`);
      return 1;
    }
    const buildDir = join(dir, 'build');
    const inputsTime = newestMtime(inputsOf(guest));
    let wit; // resolved lazily: only when something needs building
    let bundled = !guest.bundle; // likewise the bundle
    for (const engine of guest.engines) {
      const { suffix, args } = ENGINES[engine];
      const out = join(buildDir, `${guest.name}.${suffix}.wasm`);
      const stampFile = `${out}.build.json`;
      const label = relative(ROOT, out);
      // What the component is built with besides its input files; a change forces a rebuild.
      const stamp = JSON.stringify({
        jco: JCO_VERSION,
        source: guest.source,
        world: guest.world,
        engine,
        args,
        // Only for guests that have them, so that the others' stamps stay as they were.
        ...(guest.wit ? { wit: guest.wit } : {}),
        ...(guest.bundle ? { bundle: 'rolldown' } : {}),
      });
      if (!force && existsSync(out) && statSync(out).mtimeMs > inputsTime && readText(stampFile) === stamp) {
        console.log(`build-guests: ${label}  ${fmtSize(statSync(out).size)}  up to date`);
        continue;
      }
      mkdirSync(buildDir, { recursive: true });
      // A failed build must not leave an older component behind for the tests to run.
      rmSync(out, { force: true });
      rmSync(stampFile, { force: true });
      wit ??= witFor(guest);
      if (!bundled) {
        const bundleFile = join(buildDir, `${guest.name}.bundle.js`);
        const t0 = performance.now();
        const err = await bundle(source, bundleFile);
        if (err === 'missing') {
          console.warn(
            `build-guests: SKIPPED ${guest.name}: it bundles npm packages with rolldown, which is not installed ` +
              '(it comes with @bytecodealliance/jco); its tests and benchmarks are skipped',
          );
          break;
        }
        if (err !== undefined) {
          console.error(err);
          console.error(`build-guests: FAILED to bundle ${relative(ROOT, source)} (rolldown)`);
          return 1;
        }
        const secs = ((performance.now() - t0) / 1000).toFixed(1);
        console.log(`build-guests: ${relative(ROOT, bundleFile)}  ${fmtSize(statSync(bundleFile).size)}  bundled in ${secs} s`);
        source = bundleFile;
        bundled = true;
      }
      const tmp = `${out}.tmp-${process.pid}`;
      const t0 = performance.now();
      // cwd = the source folder: jco resolves the source path after chdir-ing there (it is absolute anyway).
      const { code, output } = await jco(
        ['componentize', source, '--wit', wit, '--world-name', guest.world, ...args, '-o', tmp],
        dir,
      );
      const secs = ((performance.now() - t0) / 1000).toFixed(1);
      if (code !== 0 || !existsSync(tmp)) {
        rmSync(tmp, { force: true });
        console.error(output.trimEnd());
        console.error(`build-guests: FAILED to build ${label} (jco componentize, ${engine}, exit code ${code}, ${secs} s)`);
        return 1;
      }
      renameSync(tmp, out);
      writeFileSync(stampFile, stamp);
      console.log(`build-guests: ${label}  ${fmtSize(statSync(out).size)}  built in ${secs} s`);
    }
  }
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
