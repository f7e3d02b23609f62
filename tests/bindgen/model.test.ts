/**
 * The binding generator's resolved WIT model (scripts/bindgen/model.mjs) and its driver
 * (scripts/bindgen/gen.mjs).
 *
 * Expected layouts are worked out by hand from the canonical ABI's rules (component-model
 * CanonicalABI.md: `size`/`alignment`/`flatten_type`, discriminants sized by case count, payloads
 * at the case alignment, 16 flat parameters / 1 flat result), not taken from the code under test.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

type TypeRef = string | number;
interface Ty {
  id: number;
  kind: string;
  name?: string;
  interface?: string;
  size: number;
  align: number;
  flat: string[];
  fields?: { name: string; type: TypeRef; offset: number }[];
  discriminant?: string;
  payloadOffset?: number;
  element?: TypeRef;
  target?: TypeRef;
}
interface Fn {
  name: string;
  wasmName: string;
  module: string;
  kind: string;
  params: { name: string; type: TypeRef }[];
  result: TypeRef | null;
  paramsIndirect: boolean;
  resultIndirect: boolean;
  paramsArea?: { size: number; align: number };
  resultArea?: { size: number; align: number };
  coreParams: string[];
  coreResults: string[];
  exportName?: string;
}
interface Iface {
  name: string;
  short: string;
  direction: string;
  types: number[];
  uses: { name: string; type: number }[];
  functions: Fn[];
}
interface Model {
  world: string;
  worldQualified: string;
  types: Ty[];
  interfaces: Iface[];
}

interface ModelModule {
  loadModel(o: { witPath?: string; world?: string }): Promise<Model>;
  assembleWit(dir: string): string;
  ModelError: new (...a: unknown[]) => Error;
}
let M: ModelModule;
let model: Model;

before(async () => {
  M = (await import(pathToFileURL(join(ROOT, 'scripts', 'bindgen', 'model.mjs')).href)) as ModelModule;
  model = await M.loadModel({ witPath: join(ROOT, 'wit'), world: 'imports' });
});

const iface = (short: string): Iface => {
  const i = model.interfaces.find((x) => x.short === short);
  assert.ok(i, `interface ${short}`);
  return i;
};
const named = (short: string, name: string): Ty => {
  const t = model.types.find((x) => x.name === name && x.interface === iface(short).name);
  assert.ok(t, `type ${short}.${name}`);
  return t;
};
const fn = (short: string, wasmName: string): Fn => {
  const f = iface(short).functions.find((x) => x.wasmName === wasmName);
  assert.ok(f, `function ${short} ${wasmName}`);
  return f;
};

describe('resolved model of wit/ (world imports)', () => {
  test('interfaces in dependency order, with the core import module names', () => {
    assert.equal(model.worldQualified, 'wasi:crypto/imports@0.12.0-draft');
    assert.deepEqual(
      model.interfaces.map((i) => i.short),
      ['common', 'symmetric', 'asymmetric-common', 'signatures', 'kx', 'external-secrets', 'key-slots'],
    );
    for (const i of model.interfaces) {
      assert.equal(i.direction, 'import');
      for (const f of i.functions) assert.equal(f.module, `wasi:crypto/${i.short}@0.12.0-draft`);
    }
  });

  test('enum, variant and flags layouts', () => {
    const err = named('common', 'error-code');
    assert.deepEqual([err.kind, err.size, err.align, err.flat], ['enum', 1, 1, ['i32']]);
    // variant { unspecified, latest, all, exact(u64) }: u8 tag, payload at 8, 16 bytes.
    const version = named('common', 'version');
    assert.deepEqual([version.size, version.align, version.payloadOffset, version.flat], [16, 8, 8, ['i32', 'i64']]);
    // 11 flags: a u16.
    const perms = named('common', 'key-permissions');
    assert.deepEqual([perms.size, perms.align, perms.flat], [2, 2, ['i32']]);
  });

  test('record layouts (slot-info, encapsulated) and aliases', () => {
    const info = named('key-slots', 'slot-info');
    assert.deepEqual(
      info.fields!.map((f) => [f.name, f.offset]),
      [
        ['name', 0],
        ['family', 8],
        ['permissions', 16],
        ['occupied', 18],
        ['locked', 19],
        ['version', 24],
      ],
    );
    assert.deepEqual([info.size, info.align], [32, 8]);
    assert.deepEqual(info.flat, ['i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i64']);
    const enc = named('kx', 'encapsulated');
    assert.deepEqual([enc.size, enc.align, enc.flat.length], [16, 4, 4]);
    const keyId = named('common', 'key-id');
    assert.equal(keyId.kind, 'alias');
    assert.equal(model.types[keyId.target as number]!.kind, 'list');
    const ts = named('common', 'timestamp');
    assert.deepEqual([ts.kind, ts.target, ts.size], ['alias', 'u64', 8]);
  });

  test('`use`d types are the defining interface\'s types; anonymous types are shared', () => {
    const sym = iface('symmetric');
    const used = sym.uses.find((u) => u.name === 'error-code');
    assert.equal(used?.type, named('common', 'error-code').id);
    const lists = model.types.filter((t) => t.kind === 'list' && t.element === 'u8' && !t.name);
    assert.equal(lists.length, 1, 'one list<u8> for the whole world');
  });

  test('core signatures: flat parameters, return pointers, handles', () => {
    const ctor = fn('common', '[constructor]options');
    assert.deepEqual([ctor.kind, ctor.coreParams, ctor.coreResults], ['constructor', ['i32'], ['i32']]);
    // self + string + u64, then result<_, error-code> (2 flat values) through a return pointer.
    const setU64 = fn('common', '[method]options.set-u64');
    assert.deepEqual([setU64.coreParams, setU64.coreResults, setU64.resultArea], [['i32', 'i32', 'i32', 'i64', 'i32'], [], { size: 2, align: 1 }]);
    const perms = fn('symmetric', '[method]symmetric-key.permissions');
    assert.deepEqual([perms.coreParams, perms.coreResults], [['i32'], ['i32']]);
    // result<tuple<key-id, version>, error-code>: tuple at 8 (align 8), 8 + 24 = 32 bytes.
    const id = fn('symmetric', '[method]symmetric-key.id');
    assert.deepEqual([id.resultIndirect, id.resultArea, id.coreParams], [true, { size: 32, align: 8 }, ['i32', 'i32']]);
    // enum + string + borrow + list + option<key-permissions> = 1 + 2 + 1 + 2 + 2 flat, + retptr.
    const iw = fn('asymmetric-common', '[static]keypair.import-wrapped');
    assert.deepEqual([iw.kind, iw.paramsIndirect, iw.coreParams.length], ['static', false, 9]);
    const hash = fn('symmetric', 'hash');
    assert.deepEqual([hash.kind, hash.coreParams], ['freestanding', ['i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32']]);
  });

  test('an export world: more than 16 flat parameters go through memory, results through a pointer', async () => {
    const wit = M.assembleWit(join(ROOT, 'guest-examples', 'interop', 'wit'));
    try {
      const m = await M.loadModel({ witPath: wit, world: 'interop-guest' });
      const suite = m.interfaces.find((i) => i.short === 'suite')!;
      assert.equal(suite.direction, 'export');
      const check = suite.functions.find((f) => f.name === 'check')!;
      // record outputs: a string and 15 lists = 32 flat values, 128 bytes.
      assert.deepEqual([check.paramsIndirect, check.paramsArea?.size, check.coreParams, check.coreResults], [true, 128, ['i32'], ['i32']]);
      assert.equal(check.exportName, 'interop:matrix/suite@0.1.0#check');
      const produce = suite.functions.find((f) => f.name === 'produce')!;
      // result<outputs, string>: payload at 4, 4 + 128.
      assert.deepEqual(produce.resultArea, { size: 132, align: 4 });
    } finally {
      rmSync(wit, { recursive: true, force: true });
    }
  });
});

describe('unsupported shapes fail with a message naming them', () => {
  const withWit = async (text: string, fn: (dir: string) => Promise<void>): Promise<void> => {
    const dir = mkdtempSync(join(tmpdir(), 'bindgen-wit-'));
    try {
      writeFileSync(join(dir, 'a.wit'), text);
      await fn(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  test('async types (stream) in the model', async () => {
    await withWit('package x:y;\ninterface i { f: func(s: stream<u8>); }\nworld w { import i; }\n', async (dir) => {
      await assert.rejects(M.loadModel({ witPath: dir, world: 'w' }), (e: Error) => e instanceof M.ModelError && /stream/.test(e.message));
    });
  });

  test('exported resources in the C back end', async () => {
    const { generate } = (await import(pathToFileURL(join(ROOT, 'scripts', 'bindgen', 'c.mjs')).href)) as { generate(m: Model): unknown };
    await withWit('package x:y;\ninterface i { resource r { constructor(); } }\nworld w { export i; }\n', async (dir) => {
      const m = await M.loadModel({ witPath: dir, world: 'w' });
      assert.throws(() => generate(m), /exported resource r of x:y\/i is not supported by the C back end/);
    });
  });

  test('invalid WIT is reported as rejected by jco\'s wit-parser', async () => {
    await withWit('package x:y;\ninterface i { f: func(s: nosuchtype); }\nworld w { import i; }\n', async (dir) => {
      await assert.rejects(M.loadModel({ witPath: dir, world: 'w' }), /wit-parser rejected/);
    });
  });
});

describe('gen.mjs --check', () => {
  const GEN = join(ROOT, 'scripts', 'bindgen', 'gen.mjs');
  test('passes on the checked-in bindings/', () => {
    const r = spawnSync(process.execPath, [GEN, '--check'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  });

  test('fails on stale or extra files, saying what to run', () => {
    const out = mkdtempSync(join(tmpdir(), 'bindgen-out-'));
    try {
      let r = spawnSync(process.execPath, [GEN, '--out', out], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      r = spawnSync(process.execPath, [GEN, '--check', '--out', out], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      appendFileSync(join(out, 'c', 'imports.h'), '// edited\n');
      writeFileSync(join(out, 'c', 'old-world.h'), '');
      r = spawnSync(process.execPath, [GEN, '--check', '--out', out], { encoding: 'utf8' });
      assert.equal(r.status, 1);
      assert.match(r.stderr, /imports\.h is out of date/);
      assert.match(r.stderr, /old-world\.h is not generated by any world/);
      assert.match(r.stderr, /run `npm run gen-bindings`/);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
