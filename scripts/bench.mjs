#!/usr/bin/env node
// `npm run bench`: what the component boundary costs, as ratios against direct calls (issue 7).
//
//   node scripts/bench.mjs [--quick] [--filter WORD] [--json FILE] [--svg FILE] [--no-guest]
//                          [--leak] [--no-leak] [--budget-ms N]
//
// For each workload, the same operation through each path — direct-node, direct-noble, host
// (interface objects from JS), guest-sm/qjs (bench guest → wasi:crypto imports, timed inside the
// guest and around the export call), guest-*-stream, floor-* (do-nothing imports of the same
// shape), in-guest-* (noble inside the guest) — warmed up, calibrated to ~50 ms batches, the
// paths' batches interleaved round-robin; median ns/op and p10–p90/min–max of the batches.
// Writes a terminal table, bench/results/<date>.json and bench/results/<date>.svg.
// The bench guest is optional: without bench/guest/build/*.wasm, the guest paths are "not built".
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { errorText, measurePaths } from './bench/measure.mjs';
import { floorStats, exampleComponents, findGuests, guestPathNames, instantiateGuest, measureLoad } from './bench/guest.mjs';
import { STEP, leakRun } from './bench/leak.mjs';
import { caseRatios, goals, svg, table } from './bench/report.mjs';
import { hostChurns, sink, sizeLabel, workloads } from './bench/workloads.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const USAGE = `usage: node scripts/bench.mjs [--quick] [--filter WORD] [--json FILE] [--svg FILE] [--no-guest] [--leak | --no-leak] [--budget-ms N]
  --quick       fewer sizes and batches (under 3 minutes on a 2-core machine)
  --filter WORD only workloads whose name contains WORD (component load runs if WORD matches "load")
  --json FILE   write the JSON there instead of bench/results/<date>.json
  --svg FILE    write the chart there instead of bench/results/<date>.svg (or FILE.svg beside --json FILE)
  --no-guest    JS paths only (no wasm: no guest paths, no component load)
  --leak        only the leak check (100,000 open/close cycles per resource type)
  --no-leak     skip the leak check of the full run (--quick skips it unless --leak)
  --guest-dir D bench guest components from D/*.wasm instead of bench/guest/build
  --budget-ms N warm-up N ms, batches N/4 ms, 3 rounds (for tests)`;

function parseArgs(argv) {
  const o = { quick: false, filter: '', json: undefined, svg: undefined, guest: true, leak: undefined, leakOnly: false, budgetMs: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--quick') o.quick = true;
    else if (a === '--filter') o.filter = val();
    else if (a === '--json') o.json = resolve(val());
    else if (a === '--svg') o.svg = resolve(val());
    else if (a === '--no-guest') o.guest = false;
    else if (a === '--leak') o.leakOnly = o.leak = true;
    else if (a === '--no-leak') o.leak = false;
    else if (a === '--guest-dir') o.guestDir = resolve(val());
    else if (a === '--budget-ms') o.budgetMs = Number(val());
    else if (a === '-h' || a === '--help') {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown option ${a}\n${USAGE}`);
  }
  if (o.budgetMs !== undefined && !(o.budgetMs > 0)) throw new Error('--budget-ms needs a positive number');
  if (o.leak === undefined) o.leak = !o.quick && !o.filter && o.budgetMs === undefined;
  return o;
}

let opts;
try {
  opts = parseArgs(process.argv.slice(2));
} catch (e) {
  console.error(e.message);
  process.exit(2);
}
const timing = opts.budgetMs
  ? { warmMs: opts.budgetMs, batchMs: Math.max(1, opts.budgetMs / 4), batches: 3, slowBatches: 1 }
  : opts.quick
    ? { warmMs: 60, batchMs: 20, batches: 4, slowBatches: 2 }
    : { warmMs: 250, batchMs: 50, batches: 9, slowBatches: 3 };
const log = (m) => process.stderr.write(`${m}\n`);

const BUILD = join(ROOT, 'build', 'host', 'src');
if (!existsSync(join(BUILD, 'index.js'))) {
  console.error('build/ is missing: run `npm run build` first');
  process.exit(1);
}
const hostLib = await import(pathToFileURL(join(BUILD, 'index.js')).href);
const newHost = () => hostLib.createCryptoHost();

const t0 = Date.now();
const date = new Date().toISOString().slice(0, 10);
const cpus = os.cpus();
const machine = {
  node: process.version,
  v8: process.versions.v8,
  openssl: process.versions.openssl,
  cpu: cpus[0]?.model?.trim() ?? 'unknown',
  cores: cpus.length,
  os: `${os.type()} ${os.release()} ${process.arch}`,
  totalMemGiB: +(os.totalmem() / 2 ** 30).toFixed(1),
};
log(`# bench ${date} node ${machine.node} · ${machine.cpu} ×${machine.cores} · ${machine.os}`);
log(`# timing ${JSON.stringify(timing)}${opts.filter ? ` filter=${opts.filter}` : ''}`);

// ---- guests and component load ----
const runtime = opts.guest ? await import(pathToFileURL(join(BUILD, 'runtime', 'index.js')).href) : undefined;
const guests = opts.guest ? findGuests(opts.guestDir ?? join(ROOT, 'bench', 'guest', 'build')) : [];
const guestStatus = !opts.guest ? 'disabled (--no-guest)' : guests.length ? `built: ${guests.map((g) => relative(ROOT, g.file)).join(', ')}` : 'not built (no bench/guest/build/*.wasm)';
log(`# bench guest: ${guestStatus}`);

const componentLoad = [];
const engines = []; // { engine, component, runner, host, dirty }
const cacheDirs = [];
const wantLoad = opts.guest && !opts.leakOnly && (!opts.filter || 'component-load'.includes(opts.filter) || guests.length > 0);
const loadTargets = guests.length ? guests : wantLoad ? exampleComponents(ROOT) : [];
for (const g of loadTargets) {
  log(`# component load: ${relative(ROOT, g.file)}`);
  try {
    const l = await measureLoad(runtime, g, { cachedRuns: 3, instRuns: opts.quick ? 2 : 3, imports: () => newHost().getImportObject() });
    cacheDirs.push(l.cacheDir);
    componentLoad.push({
      engine: g.engine,
      component: relative(ROOT, g.file),
      benchGuest: guests.length > 0,
      firstMs: l.firstMs,
      cachedMs: l.cachedMs,
      cachedRunsMs: l.cachedRunsMs,
      firstOverCached: l.firstMs / l.cachedMs,
      instantiateMs: l.instantiateMs,
      instantiateRunsMs: l.instantiateRunsMs,
    });
    if (guests.includes(g)) engines.push({ engine: g.engine, component: l.component });
  } catch (e) {
    componentLoad.push({ engine: g.engine, component: relative(ROOT, g.file), error: errorText(e) });
    log(`#   error: ${errorText(e)}`);
  }
}
if (opts.filter && !guests.length && !'component-load'.includes(opts.filter)) componentLoad.length = 0;

// The empty-call floor is also measured through jco's glue as generated (no `_debugLog` patch,
// so every call re-reads process.env.JCO_DEBUG): what the runtime's glue patch saves.
const unpatched = []; // same shape as `engines`
if (!opts.leakOnly && engines.length && (!opts.filter || 'nop'.includes(opts.filter))) {
  for (const e of engines) {
    const g = guests.find((x) => x.engine === e.engine);
    const cacheDir = mkdtempSync(join(tmpdir(), 'wasi-crypto-bench-unpatched-'));
    cacheDirs.push(cacheDir);
    try {
      unpatched.push({ engine: e.engine, component: await runtime.loadComponent(g.file, { cacheDir, patchGlue: false }) });
    } catch (err) {
      log(`#   unpatched glue for ${e.engine}: ${errorText(err)}`);
    }
  }
}

async function runnerFor(e) {
  if (!e.runner || e.dirty) {
    e.host?.[Symbol.dispose]?.();
    e.host = newHost();
    e.runner = await instantiateGuest(runtime, e.component, e.host);
    e.dirty = false;
    e.bigintIters = undefined;
    warmGlue(e);
  }
  return e.runner;
}

/**
 * Runs the empty import for GLUE_WARM_MS after instantiation. jco's glue is one large module of
 * shared helpers (task bookkeeping, handle tables) that every import call goes through; measured
 * from a QuickJS guest, the empty call settles at ~2.2 µs only after ~1 s of calls (first 200k
 * calls average ~4 µs), longer than a workload's warm-up. Warming it once per instance keeps the
 * first workloads from paying for V8's tier-up of code that all workloads share.
 */
const GLUE_WARM_MS = opts.budgetMs ? Math.min(opts.budgetMs, 50) : opts.quick ? 300 : 1500;
function warmGlue(e) {
  const t = Date.now();
  let n = 200;
  while (Date.now() - t < GLUE_WARM_MS) {
    const t1 = Date.now();
    guestRun(e, 'nop', 'floor', 0, n);
    if (Date.now() - t1 < 20) n *= 2;
  }
}

/** Calls runner.run, passing iterations/size as numbers or, if the WIT says u64, bigints. */
function guestRun(e, workload, path, size, iters) {
  const call = (big) => (big ? e.runner.run(workload, path, BigInt(size), BigInt(iters)) : e.runner.run(workload, path, size, iters));
  if (e.bigintIters === undefined) {
    try {
      const r = call(false);
      e.bigintIters = false;
      return r;
    } catch (err) {
      if (!/bigint/i.test(String(err?.message ?? err))) throw err;
      e.bigintIters = true;
    }
  }
  return call(e.bigintIters);
}

// ---- workloads ----
const cases = [];
const host = newHost();
const io = host.getImportObject();
const list = opts.leakOnly ? [] : workloads({ quick: opts.quick }).filter((w) => (!opts.filter || w.workload.includes(opts.filter)) && (!w.floorOnly || guests.length > 0));
for (const w of list) {
  const id = `${w.workload}${w.size ? ` ${sizeLabel(w.size)}` : ''}`;
  log(`# ${id}`);
  const fns = w.make(io);
  const paths = Object.entries(fns).map(([name, fn]) => ({
    name,
    batch(n) {
      for (let i = 0; i < n; i++) fn();
    },
  }));
  const statusOnly = {};
  const checks = {};
  if (!w.floorOnly && (!opts.guest || !guests.length)) {
    for (const e of ['sm', 'qjs']) for (const [name] of guestPathNames(e)) statusOnly[name] = { status: opts.guest ? 'not built' : 'skipped (--no-guest)' };
  }
  const guestPaths = engines.map((e) => [e, guestPathNames(e.engine)]);
  if (w.workload === 'nop') for (const e of unpatched) guestPaths.push([e, [[`floor-${e.engine}-unpatched`, 'floor']]]);
  for (const [e, names] of guestPaths) {
    for (const [name, gpath] of names) {
      try {
        await runnerFor(e);
        const spec = w.size > 0 && !/sign|verify/.test(w.workload) ? `${w.workload}:${w.size}` : w.workload;
        checks[name] = String(e.runner.check(spec, gpath));
        if (/^(err|error|unsupported|n\/a|skip)/i.test(checks[name])) {
          statusOnly[name] = { status: `unsupported: ${checks[name].slice(0, 80)}` };
          continue;
        }
      } catch (err) {
        e.dirty = true;
        statusOnly[name] = { status: 'check failed', error: errorText(err) };
        continue;
      }
      paths.push({
        name,
        async batch(n) {
          try {
            await runnerFor(e);
            let r = guestRun(e, w.workload, gpath, w.size, n);
            if (r && typeof r.then === 'function') r = await r;
            return r;
          } catch (err) {
            e.dirty = true;
            throw err;
          }
        },
      });
    }
  }
  const res = await measurePaths(paths, { ...timing, log });
  const c = { workload: w.workload, size: w.size, sizeLabel: sizeLabel(w.size), baseline: w.baseline, floorShape: w.shape, paths: {}, checks };
  for (const [name, r] of res) c.paths[name] = r;
  Object.assign(c.paths, statusOnly);
  c.ratios = caseRatios(c);
  cases.push(c);
}
host[Symbol.dispose]?.();

// floors per call shape
const floors = cases
  .map((c) => ({
    workload: c.workload,
    size: c.size,
    shape: c.floorShape,
    ...Object.fromEntries(
      Object.entries(c.paths)
        .filter(([n, r]) => n.startsWith('floor-') && r.medianNs)
        .map(([n, r]) => [n, { medianNs: r.inner?.medianNs ?? r.medianNs, harnessNs: r.medianNs }]),
    ),
  }))
  .filter((f) => Object.keys(f).some((k) => k.startsWith('floor-')));

// ---- leak check ----
const leak = [];
if (opts.leak) {
  const cycles = 100_000;
  if (engines.length) {
    for (const e of engines) {
      for (const workload of ['state-churn', 'keygen-churn']) {
        const name = `${workload} via guest-${e.engine}`;
        log(`# leak: ${name}`);
        try {
          e.dirty = true;
          await runnerFor(e);
          const h = e.host;
          const things0 = floorStats.thingsLive;
          const r = await leakRun(name, () => guestRun(e, workload, 'host', 0, STEP), () => h.stats().handles.total, { cycles });
          r.floorThingsLive = floorStats.thingsLive - things0;
          leak.push(r);
        } catch (err) {
          e.dirty = true;
          leak.push({ name, error: errorText(err) });
        }
      }
    }
  } else {
    log('# leak: no bench guest built; cycling the host interface from JS');
  }
  if (!engines.length || opts.leakOnly) {
    const h = newHost();
    const churns = hostChurns(h.getImportObject());
    const cleanup = churns._cleanup;
    delete churns._cleanup;
    for (const [kind, fn] of Object.entries(churns)) {
      const name = `${kind} via host (JS)`;
      log(`# leak: ${name}`);
      try {
        leak.push(
          await leakRun(
            name,
            () => {
              for (let i = 0; i < STEP; i++) fn();
            },
            () => h.stats().handles.total,
            { cycles },
          ),
        );
      } catch (err) {
        leak.push({ name, error: errorText(err) });
      }
    }
    cleanup();
    leak.push({ name: 'host after cleanup', cycles: 0, handlesStart: 0, handlesEnd: h.stats().handles.total, rssSlopeBytesPer10k: 0, samples: [] });
    h[Symbol.dispose]?.();
  }
}
for (const e of [...engines, ...unpatched]) e.host?.[Symbol.dispose]?.();

// ---- output ----
const result = {
  date,
  generatedAt: new Date().toISOString(),
  machine,
  options: { quick: opts.quick, filter: opts.filter || null, guest: opts.guest, budgetMs: opts.budgetMs ?? null, ...timing },
  benchGuest: guestStatus,
  method:
    'warm-up, then batches calibrated to batchMs, paths of one workload interleaved round-robin (order reversed every other round); medianNs is the median of per-batch ns/op; spread gives min/max/p10/p90 of the batches. Guest paths: medianNs is timed by the harness around the export call, inner.medianNs by the guest itself (used for ratios).',
  workloads: cases,
  floors,
  componentLoad,
  leak: opts.leak ? leak : null,
  sink,
};
result.goals = goals(cases, componentLoad, opts.leak ? leak.filter((l) => !l.error) : []);
result.seconds = (Date.now() - t0) / 1000;

console.log(table(result));
const resultsDir = join(ROOT, 'bench', 'results');
const jsonFile = opts.json ?? join(resultsDir, `${date}.json`);
// With --json FILE and no --svg, the chart goes beside FILE (FILE.svg), so a quick run never
// overwrites the committed chart of the last full run.
const svgFile = opts.svg ?? (opts.json !== undefined ? opts.json.replace(/\.json$/i, '') + '.svg' : join(resultsDir, `${date}.svg`));
for (const f of [jsonFile, svgFile]) mkdirSync(dirname(f), { recursive: true });
writeFileSync(jsonFile, `${JSON.stringify(result, (k, v) => (typeof v === 'bigint' ? Number(v) : v), 1)}\n`);
writeFileSync(svgFile, svg(result));
for (const d of cacheDirs) rmSync(d, { recursive: true, force: true });
const show = (f) => (f.startsWith(ROOT) ? relative(process.cwd(), f) || f : f);
console.log(`\nJSON: ${show(jsonFile)}\nSVG:  ${show(svgFile)}\n(${result.seconds.toFixed(1)} s)`);
