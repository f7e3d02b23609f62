/**
 * The C back end of the binding generator (scripts/bindgen/c.mjs) against an independent
 * implementation of the canonical ABI: jco's JavaScript glue.
 *
 * tests/bindgen/fixtures/shapes/shapes.wit uses every shape the generator supports (records,
 * variants joining f32/u64/string/list payloads, enums, flags, options of options, results with and
 * without payloads, tuples, lists of lists / strings / tuples / records / f64, own and borrow
 * handles, constructors, methods, static functions, 14 parameters passed through memory,
 * world-level imports and exports). The test generates C bindings for it, compiles shapes.c (each
 * export calls its echo-in import twin) with clang-19 into a component, and runs it under the
 * runtime with a JS host that records what it receives and echoes it back. Each value must arrive
 * at the host exactly as the test sent it (export lifting + import lowering in C) and come back
 * exactly as the host returned it (import lifting + export lowering in C).
 *
 * Skipped, with the reason, when clang-19 + wasi-libc are missing (scripts/install-toolchains.sh).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { instantiate, loadComponent } from '../../host/src/runtime/index.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const FIXTURE = join(ROOT, 'tests', 'bindgen', 'fixtures', 'shapes');
const JCO = join(ROOT, 'node_modules', '@bytecodealliance', 'jco', 'dist', 'jco.js');

function clangMissing(): string | undefined {
  const r = spawnSync('clang-19', ['--version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) return 'clang-19 is not installed (scripts/install-toolchains.sh)';
  if (!existsSync('/usr/lib/wasm32-wasi') && !existsSync('/usr/share/wasi-sysroot')) return 'wasi-libc is not installed (scripts/install-toolchains.sh)';
  return undefined;
}
const skip = clangMissing();

// ── the host side ────────────────────────────────────────────────────────────────────────────────

/** Every value the host's echo-in functions received, by function. */
const received = new Map<string, unknown[]>();
let liveCounters = 0;

class Counter {
  #total: number;
  #disposed = false;
  constructor(start: number) {
    this.#total = start;
    liveCounters++;
  }
  add(n: number): number {
    this.#total += n;
    return this.#total;
  }
  twin(): Counter {
    return new Counter(this.#total);
  }
  static finish(c: Counter): bigint {
    const t = BigInt(c.#total);
    c[Symbol.dispose]();
    return t;
  }
  [Symbol.dispose](): void {
    if (!this.#disposed) liveCounters--;
    this.#disposed = true;
  }
}

const echo =
  (name: string) =>
  (...args: unknown[]): unknown => {
    received.set(name, args);
    return args.length === 1 ? args[0] : args;
  };

const echoIn = {
  Counter,
  echoPerson: echo('echoPerson'),
  echoShapes: echo('echoShapes'),
  echoShape: echo('echoShape'),
  echoNested: echo('echoNested'),
  echoResult: echo('echoResult'),
  echoEmptyResult: echo('echoEmptyResult'),
  echoBig: echo('echoBig'),
  echoLists: echo('echoLists'),
  echoMany: echo('echoMany'),
  echoScalar: echo('echoScalar'),
  echoChar: echo('echoChar'),
};

// ── building the component ───────────────────────────────────────────────────────────────────────

let work: string;
let exports: Record<string, unknown>;
type EchoOut = Record<string, (...args: unknown[]) => unknown>;
let out: EchoOut;

before(async () => {
  if (skip) return;
  work = mkdtempSync(join(tmpdir(), 'bindgen-c-shapes-'));
  const { loadModel } = (await import(pathToFileURL(join(ROOT, 'scripts', 'bindgen', 'model.mjs')).href)) as {
    loadModel(o: { witPath: string; world: string }): Promise<unknown>;
  };
  const { generate } = (await import(pathToFileURL(join(ROOT, 'scripts', 'bindgen', 'c.mjs')).href)) as {
    generate(m: unknown): { path: string; contents: string }[];
  };
  const model = await loadModel({ witPath: FIXTURE, world: 'shapes-guest' });
  for (const f of generate(model)) writeFileSync(join(work, f.path), f.contents);
  const run = (cmd: string, args: string[]): void => {
    const r = spawnSync(cmd, args, { encoding: 'utf8' });
    assert.equal(r.status, 0, `${cmd} ${args.join(' ')}\n${r.stdout}${r.stderr}`);
  };
  const core = join(work, 'shapes.core.wasm');
  run('clang-19', ['--target=wasm32-wasi', '-O2', '-Wall', '-Wextra', '-Werror', '-mexec-model=reactor', '-I', work, '-o', core, join(FIXTURE, 'shapes.c'), join(work, 'shapes_guest.c')]);
  run(process.execPath, [JCO, 'embed', core, '--wit', FIXTURE, '-n', 'shapes-guest', '-o', join(work, 'shapes.embed.wasm')]);
  run(process.execPath, [JCO, 'new', join(work, 'shapes.embed.wasm'), '--wasi-reactor', '-o', join(work, 'shapes.wasm')]);
  const loaded = await loadComponent(join(work, 'shapes.wasm'), { cacheDir: join(work, 'cache') });
  exports = await instantiate(loaded, {
    imports: { 'test:shapes/echo-in': echoIn, 'top-names': { default: () => ['alpha', 'βeta', ''] } },
  });
  out = exports.echoOut as EchoOut;
});

after(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Sends `args` to export `name`: the host must receive them unchanged, and the caller get back what the host returned. */
function roundTrip(name: string, ...args: unknown[]): void {
  received.delete(name);
  const back = out[name]!(...args);
  assert.deepEqual(received.get(name), args, `${name}: what the host received`);
  assert.deepEqual(back, args.length === 1 ? args[0] : args, `${name}: what came back`);
}

describe('C bindings vs jco: every WIT shape, both directions', { skip }, () => {
  test('record with string, list<string>, u8, f64, char and bool', () => {
    roundTrip('echoPerson', { name: 'Ada ☃', tags: ['x', '', 'ü-tag'], age: 200, height: 1.75, initial: '𝄞', alive: true });
  });

  test('variants whose payloads join f32, u64, s8, string and list<record>', () => {
    const shapes = [
      { tag: 'nothing' },
      { tag: 'circle', val: 1.5 },
      { tag: 'square', val: 2n ** 63n + 5n },
      { tag: 'label', val: 'hi there' },
      { tag: 'points', val: [{ x: -1, y: 2 }, { x: 2147483647, y: -2147483648 }] },
      { tag: 'tiny', val: -128 },
    ];
    roundTrip('echoShapes', shapes);
    for (const s of shapes) roundTrip('echoShape', s);
  });

  test('option<option<string>>, result<names, color>, result', () => {
    // jco gives a nested option's outer level as { tag }, the inner one as T | undefined.
    for (const v of [{ tag: 'none' }, { tag: 'some', val: undefined }, { tag: 'some', val: 'deep' }]) {
      received.delete('echoNested');
      const back = out.echoNested!(v);
      assert.deepEqual(received.get('echoNested'), [v]);
      assert.deepEqual(back, v);
    }
    // An ok result comes back as its value; an err one as a thrown ComponentError with the payload.
    received.delete('echoResult');
    assert.deepEqual(out.echoResult!({ tag: 'ok', val: ['a', 'b'] }), ['a', 'b']);
    assert.deepEqual(received.get('echoResult'), [{ tag: 'ok', val: ['a', 'b'] }]);
    assert.throws(() => out.echoResult!({ tag: 'err', val: 'green' }), (e: { payload?: unknown }) => e.payload === 'green');
    assert.deepEqual(received.get('echoResult'), [{ tag: 'err', val: 'green' }]);
    assert.equal(out.echoEmptyResult!({ tag: 'ok' }), undefined);
    assert.throws(() => out.echoEmptyResult!({ tag: 'err' }));
  });

  test('flags (3 and 32), enum, in a tuple', () => {
    const big = Object.fromEntries(Array.from({ length: 32 }, (_, i) => [`f${i}`, i % 3 === 0 || i === 31]));
    roundTrip('echoBig', big, { a: true, b: false, c: true }, 'blue');
  });

  test('list<list<u8>>, list<tuple<string, u16>>, list<f64>', () => {
    roundTrip('echoLists', [new Uint8Array([1, 2, 255]), new Uint8Array(0)], [['k', 65535], ['', 0]], new Float64Array([0.5, -1e300, Infinity]));
  });

  test('14 parameters (passed through memory) and a 14-tuple result', () => {
    roundTrip('echoMany', 255, -32768, 4294967295, -(2n ** 63n), 0.25, Math.PI, 'ß', true, 'str', new Uint8Array([9, 8]), { x: 1, y: -1 }, 'green', { a: false, b: true, c: false }, 77);
    roundTrip('echoMany', 0, 0, 0, 0n, -0.5, 0, 'a', false, '', new Uint8Array(0), { x: 0, y: 0 }, 'red', { a: false, b: false, c: false }, undefined);
  });

  test('scalar results: f32 and char', () => {
    roundTrip('echoScalar', 1.5);
    roundTrip('echoChar', '😀');
  });

  test('resources: constructor, borrow methods, own-returning method, static functions consuming own handles', () => {
    assert.equal(out.count!(5, new Uint32Array([1, 2, 3])), 22n);
    assert.equal(liveCounters, 0, 'every counter was consumed or dropped');
  });

  test('world-level import and export', () => {
    assert.equal((exports.topEcho as (s: string) => string)('x'), 'x+alpha+βeta+');
  });
});
