/**
 * The Rust and AssemblyScript binding generators (scripts/bindgen/rust.mjs, as.mjs) on every WIT
 * shape they support: the `shapes` world (tests/bindgen/shapes/wit) imports `echo`, served here in
 * JavaScript, and exports `mirror`, whose every function the guest forwards to `echo`. So each value
 * crosses the canonical ABI four times — lifted as an export parameter, lowered as an import
 * parameter, lifted as an import result, lowered as an export result — through the generated code:
 * list<string> and lists of records, variants and tuples (both directions), nested lists, options,
 * results with a string error, flags, enums, floats, char, s8/s16, u64, more than 16 flat
 * parameters (passed in memory), an own<…> parameter, and a resource made, used and dropped.
 *
 * `echo` transforms every value (reverses, appends, maps), so a binding that lost or mangled one
 * fails an assertion; expected values are written out here, not computed by the guest.
 *
 * The components are built by `npm run build-native-guests`; a missing one (no Debian rustc) skips
 * its tests with the reason.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { instantiate, loadComponent } from '../../host/src/runtime/index.js';

/** The repository root: this file runs from build/tests/bindgen/. */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const GUESTS = [
  { lang: 'rust', component: 'tests/bindgen/shapes/build/shapes.rust.wasm', needs: 'Debian rustc 1.63 + libstd-rust-dev-wasm32 (scripts/install-toolchains.sh)' },
  { lang: 'assemblyscript', component: 'tests/bindgen/shapes/build/shapes.as.wasm', needs: 'the npm devDependency assemblyscript' },
];

interface Entry { name: string; data: Uint8Array; tags: string[]; n: bigint }
type Value =
  | { tag: 'nothing' }
  | { tag: 'num'; val: number }
  | { tag: 'text'; val: string }
  | { tag: 'blob'; val: Uint8Array }
  | { tag: 'wide'; val: bigint }
  | { tag: 'pair'; val: [string, number] }
  | { tag: 'real'; val: number }
  | { tag: 'small'; val: number };
interface Perms { read: boolean; write: boolean; exec: boolean }
interface Mirror {
  joinStrings(items: string[], sep: string): string;
  splitString(s: string): string[];
  entries(items: Entry[]): Entry[];
  values(items: Value[]): Value[];
  one(v: Value): Value;
  pairs(p: [string, number][]): [string, number][];
  maybe(x: string | undefined, y: bigint | undefined): string[] | undefined;
  outcome(ok: boolean): Entry[];
  mix(c: string, p: Perms, f: number, g: number, ch: string, a: number, b: number): [string, Perms, number, number, string, number, number];
  many(...args: [number, number, number, number, number, number, number, number, number, bigint, number, number, number, number, number, string, number]): bigint;
  nested(x: string[][]): string[][];
  counters(start: number): number;
}

/** The imported `echo`, with a live-counter count to prove the guest drops its handles. */
function makeEcho() {
  const counts = { live: 0, drops: 0 };
  class Counter {
    #v: number | undefined;
    constructor(start: number) {
      this.#v = start;
      counts.live++;
    }
    add(n: number): number {
      this.#v! += n;
      return this.#v!;
    }
    label(): string {
      return `counter@${this.#v}`;
    }
    static take(c: Counter): number {
      const v = c.add(100);
      c[Symbol.dispose]();
      return v;
    }
    [Symbol.dispose](): void {
      if (this.#v === undefined) return;
      this.#v = undefined;
      counts.live--;
      counts.drops++;
    }
  }
  const mapValue = (v: Value): Value => {
    switch (v.tag) {
      case 'nothing': return { tag: 'num', val: 0 };
      case 'num': return { tag: 'wide', val: BigInt(v.val) + (1n << 40n) };
      case 'text': return { tag: 'blob', val: new TextEncoder().encode(v.val) };
      case 'blob': return { tag: 'text', val: Buffer.from(v.val).toString('hex') };
      case 'wide': return { tag: 'pair', val: ['w', Number(v.val % 1000n) - 500] };
      case 'pair': return { tag: 'nothing' };
      case 'real': return { tag: 'small', val: v.val / 2 };
      case 'small': return { tag: 'real', val: v.val * 4 };
    }
  };
  const echo = {
    Counter,
    joinStrings: (items: string[], sep: string) => items.join(sep),
    splitString: (s: string) => s.split(','),
    entries: (items: Entry[]) =>
      items.map((e) => ({ name: `${e.name}!`, data: Uint8Array.from([...e.data].reverse()), tags: [...e.tags, 'x'], n: e.n * 2n })).reverse(),
    one: mapValue,
    values: (items: Value[]): Value[] => items.map(mapValue),
    pairs: (p: [string, number][]) => p.map(([s, n]): [string, number] => [s.toUpperCase(), n + 1]),
    maybe: (x: string | undefined, y: bigint | undefined) => (x === undefined ? undefined : [x, String(y)]),
    outcome: (ok: boolean) => {
      // A thrown string is jco's err(...) of result<_, string>.
      if (!ok) throw 'nope: ünïcødé';
      return [{ name: 'ok', data: new Uint8Array([1, 2]), tags: [], n: 1n }];
    },
    mix: (c: string, p: Perms, f: number, g: number, ch: string, a: number, b: number) => [
      c === 'blue' ? 'red' : 'blue',
      { read: !p.read, write: !p.write, exec: !p.exec },
      f * 2,
      g / 2,
      String.fromCodePoint(ch.codePointAt(0)! + 1),
      -a,
      -b,
    ],
    many: (...args: unknown[]) => {
      let sum = 0n;
      for (const x of args.slice(0, 15)) sum += BigInt(x as number | bigint);
      return sum + BigInt((args[15] as string).length) * 1000n + BigInt(args[16] as number) * 100000n;
    },
    nested: (x: string[][]) => x.map((v) => [...v].reverse()).reverse(),
  };
  return { echo, counts };
}

let cacheDir: string;
before(async () => {
  cacheDir = process.env.WASI_CRYPTO_CACHE_DIR ?? (await mkdtemp(join(tmpdir(), 'wasi-crypto-shapes-')));
});
after(async () => {
  if (!process.env.WASI_CRYPTO_CACHE_DIR) await rm(cacheDir, { recursive: true, force: true });
});

for (const g of GUESTS) {
  const path = join(ROOT, g.component);
  const skip = existsSync(path) ? false : `${g.component} is not built: \`npm run build-native-guests\` needs ${g.needs}`;
  describe(`generated ${g.lang} bindings round-trip every WIT shape`, { skip }, () => {
    let m: Mirror;
    let hello: (name: string) => string;
    let heapBytes: () => bigint;
    let counts: { live: number; drops: number };
    before(async () => {
      const made = makeEcho();
      counts = made.counts;
      const loaded = await loadComponent(path, { cacheDir });
      const root = await instantiate(loaded, { imports: { 'local:shapes/echo': made.echo } });
      m = root.mirror as Mirror;
      hello = root.hello as (name: string) => string;
      heapBytes = root.heapBytes as () => bigint;
    });

    test('a world-level export with a string parameter and result', () => {
      assert.equal(hello('wörld'), 'hello, wörld');
    });
    test('list<string> parameter and string result, empty lists and strings', () => {
      assert.equal(m.joinStrings(['a', 'bé', '', 'c'], '--'), 'a--bé----c');
      assert.equal(m.joinStrings([], '-'), '');
      assert.deepEqual(m.splitString('x,yy,,zzz'), ['x', 'yy', '', 'zzz']);
    });
    test('lists of records holding strings, bytes, list<string> and u64', () => {
      assert.deepEqual(
        m.entries([
          { name: 'a', data: new Uint8Array([1, 2, 3]), tags: ['t1', 't2'], n: 5n },
          { name: 'b', data: new Uint8Array(), tags: [], n: 1n << 63n },
        ]),
        [
          { name: 'b!', data: new Uint8Array(), tags: ['x'], n: 0n },
          { name: 'a!', data: new Uint8Array([3, 2, 1]), tags: ['t1', 't2', 'x'], n: 10n },
        ],
      );
    });
    test('lists of variants (joined i32/i64 payload slots, floats in joined slots, a tuple payload)', () => {
      assert.deepEqual(
        m.values([
          { tag: 'nothing' },
          { tag: 'num', val: 7 },
          { tag: 'text', val: 'hi' },
          { tag: 'blob', val: new Uint8Array([0xab]) },
          { tag: 'wide', val: 123456789n },
          { tag: 'pair', val: ['p', -3] },
          { tag: 'real', val: -1234.5 },
          { tag: 'small', val: 0.375 },
        ]),
        [
          { tag: 'num', val: 0 },
          { tag: 'wide', val: 7n + (1n << 40n) },
          { tag: 'blob', val: new Uint8Array([104, 105]) },
          { tag: 'text', val: 'ab' },
          { tag: 'pair', val: ['w', 289] },
          { tag: 'nothing' },
          { tag: 'small', val: -617.25 },
          { tag: 'real', val: 1.5 },
        ],
      );
    });
    test('a variant as a direct parameter and result (joined flat slots)', () => {
      assert.deepEqual(m.one({ tag: 'small', val: 0.375 }), { tag: 'real', val: 1.5 });
      assert.deepEqual(m.one({ tag: 'real', val: -1234.5 }), { tag: 'small', val: -617.25 });
      assert.deepEqual(m.one({ tag: 'num', val: 0xffffffff }), { tag: 'wide', val: 0xffffffffn + (1n << 40n) });
      assert.deepEqual(m.one({ tag: 'wide', val: (1n << 64n) - 1n }), { tag: 'pair', val: ['w', 115] });
      assert.deepEqual(m.one({ tag: 'text', val: 'ö' }), { tag: 'blob', val: new Uint8Array([0xc3, 0xb6]) });
      assert.deepEqual(m.one({ tag: 'nothing' }), { tag: 'num', val: 0 });
    });
    test('lists of tuples, options, nested lists', () => {
      assert.deepEqual(m.pairs([['ab', 1], ['c', 41]]), [['AB', 2], ['C', 42]]);
      assert.deepEqual(m.maybe('q', 9n), ['q', '9']);
      assert.equal(m.maybe(undefined, undefined), undefined);
      assert.deepEqual(m.nested([['a', 'b'], [], ['c']]), [['c'], [], ['b', 'a']]);
    });
    test('result<list<record>, string>: ok and err', () => {
      assert.deepEqual(m.outcome(true), [{ name: 'ok', data: new Uint8Array([1, 2]), tags: [], n: 1n }]);
      assert.throws(() => m.outcome(false), (e: { payload?: unknown }) => e.payload === 'nope: ünïcødé');
    });
    test('enum, flags, f64, f32, char, s8, s16 in a tuple result', () => {
      assert.deepEqual(m.mix('blue', { read: true, write: false, exec: true }, 1.5, 3, 'a', -127, 300), [
        'red',
        { read: false, write: true, exec: false },
        3,
        1.5,
        'b',
        127,
        -300,
      ]);
    });
    test('more than 16 flat parameters travel in memory', () => {
      // 1+…+9 + 10 + 11+…+15 = 120; "four" → 4000; 3 → 300000
      assert.equal(m.many(1, 2, 3, 4, 5, 6, 7, 8, 9, 10n, 11, 12, 13, 14, 15, 'four', 3), 304120n);
    });
    test('no leak: every list, string and return area the bindings allocate is freed', () => {
      const big = new Uint8Array(16 * 1024).fill(7);
      const round = (): void => {
        hello('x'.repeat(1000));
        m.joinStrings(['a'.repeat(4000), 'b'.repeat(4000)], ',');
        m.splitString('c'.repeat(4000) + ',d');
        m.entries([{ name: 'e'.repeat(500), data: big, tags: ['t'.repeat(300), 'u'], n: 1n }, { name: 'f', data: big, tags: [], n: 2n }]);
        m.values([{ tag: 'text', val: 'v'.repeat(2000) }, { tag: 'blob', val: big }, { tag: 'pair', val: ['p', 1] }]);
        m.one({ tag: 'text', val: 'z'.repeat(2000) });
        m.pairs([['q'.repeat(1000), 1]]);
        m.maybe('m'.repeat(1000), 1n);
        m.outcome(true);
        assert.throws(() => m.outcome(false));
        m.many(1, 2, 3, 4, 5, 6, 7, 8, 9, 10n, 11, 12, 13, 14, 15, 's'.repeat(1000), 3);
        m.nested([['n'.repeat(1000)], ['o', 'p']]);
        m.counters(1);
      };
      round();
      const base = heapBytes();
      for (let i = 0; i < 200; i++) round();
      const grown = Number(heapBytes() - base);
      if (g.lang === 'rust') {
        // The global allocator's live bytes: exactly back where one round left them.
        assert.equal(grown, 0, `${grown} bytes still allocated after 200 more rounds`);
      } else {
        // Linear memory (AS's GC frees its objects incrementally): 200 rounds move ~30 MB through
        // the bindings; a leaked buffer per call would grow memory by that much.
        assert.ok(grown <= 2 * 1024 * 1024, `linear memory grew by ${grown} bytes over 200 rounds`);
      }
    });
    test('a resource: constructor, methods, own<…> parameter, drop', () => {
      const before = counts.drops;
      assert.equal(m.counters(10), 113);
      assert.equal(counts.live, 0, 'the guest dropped (or moved) every counter it made');
      assert.equal(counts.drops - before, 2);
    });
  });
}

describe('shapes the Rust and AssemblyScript back ends do not bind stop generation, naming them', () => {
  const cases: { what: string; wit: string; rust: RegExp; as: RegExp }[] = [
    {
      what: 'an exported resource',
      wit: 'interface r { resource thing { get: func() -> u32; } }\nworld w { export r; }',
      rust: /exported resources are not supported/,
      as: /exported resources are not supported/,
    },
    {
      what: 'own<…> inside an import parameter',
      wit: 'interface r { resource thing { get: func() -> u32; } take: func(x: list<thing>); }\nworld w { import r; }',
      rust: /own<…> inside a parameter \(x\)/,
      as: /own<…> inside a parameter \(x\)/,
    },
  ];
  for (const c of cases) {
    test(c.what, async () => {
      const dir = await mkdtemp(join(tmpdir(), 'bindgen-unsupported-'));
      try {
        const { writeFile } = await import('node:fs/promises');
        await writeFile(join(dir, 'w.wit'), `package local:unsupported;\n${c.wit}\n`);
        const load = (m: string) => import(pathToFileURL(join(ROOT, 'scripts', 'bindgen', m)).href);
        const { loadModel } = await load('model.mjs');
        const model = await loadModel({ witPath: dir, world: 'w' });
        const rust = await load('rust.mjs');
        const as = await load('as.mjs');
        assert.throws(() => rust.generate(model), (e: Error) => e.constructor.name === 'BindgenError' && c.rust.test(e.message));
        assert.throws(() => as.generate(model), (e: Error) => e.constructor.name === 'BindgenError' && c.as.test(e.message));
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  }
});
