// The bench guest: finding its builds, the do-nothing `floor` imports, loading and instantiating.
//
// The guest (bench/guest/, WIT in bench/wit/) exports `runner` with
//   run(workload, path, size, iterations) -> u64   (ns measured inside the guest)
//   check(workload, path) -> string
// for paths `host`, `host-stream`, `floor`, `in-guest`, and imports the bench-only interface
// `floor` (nop, take, echo, take-result, resource thing with open and poke), implemented here
// as do-nothing functions so that the `floor` path measures the call shape alone.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hrtime } from 'node:process';

/** Bench guest components: [{ engine: 'sm'|'qjs', file }] from `dir`/*.wasm (bench/guest/build). */
export function findGuests(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.wasm'))
    .map((f) => ({ engine: /\.qjs\./.test(f) || /qjs|quickjs/i.test(f) ? 'qjs' : 'sm', file: join(dir, f) }))
    .sort((a, b) => a.engine.localeCompare(b.engine));
}

/** Components for the load/instantiate measurements when no bench guest is built. */
export function exampleComponents(root) {
  const dir = join(root, 'guest-examples', 'js', 'hash-sign', 'build');
  return ['sm', 'qjs']
    .map((engine) => ({ engine, file: join(dir, `hash-sign.${engine}.wasm`) }))
    .filter((g) => existsSync(g.file));
}

/** Preallocated result buffers per length (the floor never allocates per call beyond the glue). */
const buffers = new Map();
const buf = (n) => {
  let b = buffers.get(n);
  if (!b) buffers.set(n, (b = new Uint8Array(n)));
  return b;
};

/** Live `thing` resources of the floor interface (for the leak check). */
export const floorStats = { thingsOpen: 0, thingsLive: 0 };

/** The do-nothing `floor` interface. */
export function makeFloor() {
  class Thing {
    constructor() {
      floorStats.thingsOpen++;
      floorStats.thingsLive++;
    }
    static open() {
      return new Thing();
    }
    // result<_, u32>: a normal return is ok
    poke(_data) {}
    [Symbol.dispose]() {
      floorStats.thingsLive--;
    }
  }
  return {
    nop() {},
    take(_data) {},
    // same size back: the shape of seal/encrypt (the guest passes size + 16 bytes)
    echo(data) {
      return buf(data.length);
    },
    // a 32-byte ok result: the shape of hash/MAC/sign-like calls
    takeResult(_data) {
      return buf(32);
    },
    Thing,
  };
}

/** The import object entries for every `…/floor` interface the component imports. */
function floorImports(component) {
  const floor = makeFloor();
  const out = {};
  for (const imp of component.imports) {
    if (/(^|[/:])floor(@|$)/.test(imp.key) || /(^|[/:])floor(@|$)/.test(imp.name)) out[imp.key] = floor;
  }
  return out;
}

/** Finds the runner export: an object with `run` and `check` functions (jco: root.runner). */
function findRunner(root) {
  if (root?.runner && typeof root.runner.run === 'function') return root.runner;
  for (const v of Object.values(root ?? {})) {
    if (v && typeof v === 'object' && typeof v.run === 'function' && typeof v.check === 'function') return v;
  }
  if (typeof root?.run === 'function' && typeof root?.check === 'function') return root;
  throw new Error(`the component exports no runner (exports: ${Object.keys(root ?? {}).join(', ')})`);
}

const msSince = (t0) => Number(hrtime.bigint() - t0) / 1e6;

/**
 * Component load (first, transpiling, into a fresh temp cache; then cached, same dir) and
 * instantiation, for one component. Returns timings in ms and the loaded component.
 */
export async function measureLoad(runtime, g, { cachedRuns = 3, instRuns = 3, imports }) {
  const cacheDir = mkdtempSync(join(tmpdir(), 'wasi-crypto-bench-cache-'));
  try {
    let t0 = hrtime.bigint();
    const first = await runtime.loadComponent(g.file, { cacheDir });
    const firstMs = msSince(t0);
    const cached = [];
    let component = first;
    for (let i = 0; i < cachedRuns; i++) {
      t0 = hrtime.bigint();
      component = await runtime.loadComponent(g.file, { cacheDir });
      cached.push(msSince(t0));
      if (!component.fromCache) throw new Error('second load did not come from the cache');
    }
    const inst = [];
    for (let i = 0; i < instRuns; i++) {
      t0 = hrtime.bigint();
      await runtime.instantiate(component, { imports: { ...imports(), ...floorImports(component) }, stdout: () => {}, stderr: () => {} });
      inst.push(msSince(t0));
    }
    const med = (a) => [...a].sort((x, y) => x - y)[Math.floor((a.length - 1) / 2)];
    return { firstMs, cachedMs: med(cached), cachedRunsMs: cached, instantiateMs: med(inst), instantiateRunsMs: inst, component, cacheDir };
  } catch (e) {
    rmSync(cacheDir, { recursive: true, force: true });
    throw e;
  }
}

/** Instantiates a bench guest with `host`'s imports plus the floor; returns its runner. */
export async function instantiateGuest(runtime, component, host) {
  const root = await runtime.instantiate(component, {
    imports: { ...host.getImportObject(), ...floorImports(component) },
    stdout: () => {},
    stderr: (c) => process.stderr.write(c),
  });
  return findRunner(root);
}

/** Guest paths, by harness name, for the engine: [name, guest path]. */
export function guestPathNames(engine) {
  return [
    [`guest-${engine}`, 'host'],
    [`guest-${engine}-stream`, 'host-stream'],
    [`floor-${engine}`, 'floor'],
    [`in-guest-${engine}`, 'in-guest'],
  ];
}
