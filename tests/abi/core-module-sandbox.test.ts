/**
 * The sandbox of the core-module runner (host/src/runtime/core-module.ts) against what a guest can
 * reach through `node:wasi`'s preview 1 imports: the embedding process's signals and its stdio
 * file descriptors. Guests are hand-assembled core modules whose `_start` calls preview 1
 * functions with constant i32 arguments and stores each errno at 1024 + 4·k.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCryptoHost } from '../../host/src/index.js';
import { instantiateCoreModule } from '../../host/src/runtime/core-module.js';
import { RuntimeError } from '../../host/src/runtime/errors.js';

interface Call {
  fn: string;
  /** i32 arguments; a bigint is an i64. */
  args: (number | bigint)[];
}

const RESULTS = 1024;

/** Unsigned / signed LEB128. */
function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}
function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}
function slebBig(n: bigint): number[] {
  const out: number[] = [];
  for (;;) {
    const b = Number(n & 0x7fn);
    n >>= 7n;
    if ((n === 0n && (b & 0x40) === 0) || (n === -1n && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}
const name = (s: string) => [...uleb(s.length), ...Buffer.from(s)];
const section = (id: number, body: number[]) => [id, ...uleb(body.length), ...body];
const vec = (items: number[][]) => [...uleb(items.length), ...items.flat()];

/** A command importing `wasi_snapshot_preview1` functions (all i32 → i32) and calling them in order. */
function guest(calls: Call[]): Uint8Array {
  const fns = [...new Set(calls.map((c) => c.fn))];
  const params = (fn: string) => calls.find((c) => c.fn === fn)!.args.map((a) => (typeof a === 'bigint' ? 0x7e : 0x7f));
  const types = [...fns.map((fn) => [0x60, ...vec(params(fn).map((t) => [t])), 1, 0x7f]), [0x60, 0, 0]];
  const imports = fns.map((fn, i) => [...name('wasi_snapshot_preview1'), ...name(fn), 0, ...uleb(i)]);
  const body: number[] = [0];
  calls.forEach((c, k) => {
    body.push(0x41, ...sleb(RESULTS + 4 * k));
    for (const a of c.args) body.push(...(typeof a === 'bigint' ? [0x42, ...slebBig(a)] : [0x41, ...sleb(a | 0)]));
    body.push(0x10, ...uleb(fns.indexOf(c.fn)), 0x36, 0x02, 0x00);
  });
  body.push(0x0b);
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec(types)),
    ...section(2, vec(imports)),
    ...section(3, vec([uleb(fns.length)])),
    ...section(5, [1, 0, 1]),
    ...section(7, vec([[...name('memory'), 2, 0], [...name('_start'), 0, ...uleb(fns.length)]])),
    ...section(10, vec([[...uleb(body.length), ...body]])),
  ]);
}

const WASI_ENOSYS = 52;
const WASI_ENOTSUP = 58;
const WASI_EFAULT = 21;
const WASI_ESPIPE = 70;
const WASI_SIGUSR2 = 12;

test('proc_raise cannot signal the embedding process (ENOSYS)', async () => {
  using host = createCryptoHost();
  let signalled = 0;
  const onSignal = () => void signalled++;
  process.on('SIGUSR2', onSignal);
  try {
    using inst = await instantiateCoreModule(guest([{ fn: 'proc_raise', args: [WASI_SIGUSR2] }]), { host });
    assert.equal(inst.start(), 0);
    const memory = inst.exports['memory'] as { buffer: ArrayBuffer };
    assert.equal(new DataView(memory.buffer).getUint32(RESULTS, true), WASI_ENOSYS);
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(signalled, 0, 'the guest raised a signal in the embedding process');
  } finally {
    process.off('SIGUSR2', onSignal);
  }
});

test("fd_close / fd_renumber cannot close the embedding process's stdio file descriptors", () => {
  // In a child process: closing this test process's stdout would break the test runner.
  const wasm = guest([
    { fn: 'fd_close', args: [0] },
    { fn: 'fd_close', args: [1] },
    { fn: 'fd_close', args: [2] },
    { fn: 'fd_renumber', args: [1, 2] },
    { fn: 'fd_renumber', args: [2, 0] },
  ]);
  for (const sinks of [false, true]) {
    const script = `
      import { fstatSync, writeSync } from 'node:fs';
      const { instantiateCoreModule } = await import(${JSON.stringify(new URL('../../host/src/runtime/core-module.js', import.meta.url).href)});
      const { createCryptoHost } = await import(${JSON.stringify(new URL('../../host/src/index.js', import.meta.url).href)});
      const host = createCryptoHost();
      const inst = await instantiateCoreModule(Buffer.from(${JSON.stringify(Buffer.from(wasm).toString('base64'))}, 'base64'),
        { host${sinks ? ', stdout: () => {}, stderr: () => {}' : ''} });
      inst.start();
      const v = new DataView(inst.exports.memory.buffer);
      const errnos = [0, 1, 2, 3, 4].map((k) => v.getUint32(${RESULTS} + 4 * k, true));
      const open = [0, 1, 2].map((fd) => { try { fstatSync(fd); return 'open'; } catch (e) { return e.code; } });
      inst[Symbol.dispose]();
      host[Symbol.dispose]();
      writeSync(1, JSON.stringify({ errnos, open }) + '\\n');
    `;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
    assert.equal(r.status, 0, `sinks=${sinks}: ${r.stderr}`);
    const out = JSON.parse(r.stdout) as { errnos: number[]; open: string[] };
    assert.deepEqual(out.open, ['open', 'open', 'open'], `sinks=${sinks}: the guest closed the embedder's stdio`);
    assert.deepEqual(out.errnos, new Array(5).fill(WASI_ENOTSUP), `sinks=${sinks}`);
  }
});

test("a guest cannot change the embedding process's stdio: flags, size, times, offset, pread/pwrite", () => {
  // The child's stdout is a regular file at offset 9; with or without a stdout sink the guest
  // may only read and write its stdio as streams (fd_write / fd_read), as under wasmtime.
  const calls: Call[] = [
    { fn: 'fd_fdstat_set_flags', args: [1, 4] }, // NONBLOCK
    { fn: 'fd_filestat_set_size', args: [1, 0n] },
    { fn: 'fd_allocate', args: [1, 0n, 4096n] },
    { fn: 'fd_filestat_set_times', args: [1, 0n, 0n, 5] }, // atim | mtim = epoch
    { fn: 'fd_seek', args: [1, 0n, 0, 512] },
    { fn: 'fd_pwrite', args: [1, 0, 1, 0n, 516] },
    { fn: 'fd_pread', args: [1, 0, 1, 0n, 516] },
  ];
  const wasm = guest(calls);
  const dir = mkdtempSync(join(tmpdir(), 'core-stdio-'));
  try {
    for (const sinks of [false, true]) {
      const file = join(dir, `stdout-${sinks}.txt`);
      writeFileSync(file, '');
      const fd = openSync(file, 'r+');
      writeSync(fd, 'embedder\n');
      const before = statSync(file).mtimeMs;
      const script = `
        import { readFileSync, writeSync } from 'node:fs';
        const { instantiateCoreModule } = await import(${JSON.stringify(new URL('../../host/src/runtime/core-module.js', import.meta.url).href)});
        const { createCryptoHost } = await import(${JSON.stringify(new URL('../../host/src/index.js', import.meta.url).href)});
        const host = createCryptoHost();
        const inst = await instantiateCoreModule(Buffer.from(${JSON.stringify(Buffer.from(wasm).toString('base64'))}, 'base64'),
          { host${sinks ? ', stdout: () => {}, stderr: () => {}' : ''} });
        const v = new DataView(inst.exports.memory.buffer);
        new Uint8Array(inst.exports.memory.buffer, 256, 5).set(Buffer.from('GUEST'));
        v.setUint32(0, 256, true);
        v.setUint32(4, 5, true);
        inst.start();
        const errnos = ${JSON.stringify(calls.map((_, k) => k))}.map((k) => v.getUint32(${RESULTS} + 4 * k, true));
        const flags = /flags:\\s*(\\d+)/.exec(readFileSync('/proc/self/fdinfo/1', 'utf8'))[1];
        inst[Symbol.dispose]();
        host[Symbol.dispose]();
        writeSync(1, 'after\\n');
        writeSync(2, JSON.stringify({ errnos, flags }) + '\\n');
      `;
      const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', stdio: ['pipe', fd, 'pipe'] });
      closeSync(fd);
      assert.equal(r.status, 0, `sinks=${sinks}: ${r.stderr}`);
      const out = JSON.parse(r.stderr.trim().split('\n').pop()!) as { errnos: number[]; flags: string };
      const content = readFileSync(file, 'utf8');
      assert.ok(content === 'embedder\nafter\n', `sinks=${sinks}: the embedder's stdout file was changed: ${JSON.stringify(content.slice(0, 24))}… (${content.length} bytes)`);
      assert.equal(parseInt(out.flags, 8) & 0o4000, 0, `sinks=${sinks}: O_NONBLOCK was set on the embedder's stdout`);
      assert.ok(statSync(file).mtimeMs >= before, `sinks=${sinks}: the embedder's stdout file was re-timed`);
      assert.deepEqual(out.errnos, [WASI_ENOTSUP, WASI_ENOTSUP, WASI_ENOTSUP, WASI_ENOTSUP, WASI_ESPIPE, WASI_ESPIPE, WASI_ESPIPE], `sinks=${sinks}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('fd_write to an output sink: an iovec array past the end of memory is EFAULT with nothing written', async () => {
  using host = createCryptoHost();
  const chunks: Uint8Array[] = [];
  // iovs_len 0x20000000: 8 · len wraps to 0 in 32 bits; the array runs far past the 1-page memory.
  using inst = await instantiateCoreModule(guest([{ fn: 'fd_write', args: [1, 0, 0x20000000, 512] }]), { host, stdout: (c) => chunks.push(Uint8Array.from(c)) });
  const memory = inst.exports['memory'] as { buffer: ArrayBuffer };
  const v = new DataView(memory.buffer);
  new Uint8Array(memory.buffer, 256, 5).set(Buffer.from('hello'));
  v.setUint32(0, 256, true);
  v.setUint32(4, 5, true);
  assert.equal(inst.start(), 0);
  assert.equal(v.getUint32(RESULTS, true), WASI_EFAULT);
  assert.deepEqual(chunks, [], 'bytes were written before the iovec array was found out of bounds');
});

test('the preopened directories and the files a guest opened are closed with the instance (no fd leak per run)', { skip: existsSync('/proc/self/fd') ? false : 'needs /proc/self/fd' }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'core-fds-'));
  try {
    writeFileSync(join(dir, 'a.txt'), 'a');
    // path_open(3 = the preopen, follow symlinks, "a.txt", oflags 0, rights fd_read, 0, fdflags 0, &fd) twice.
    const open = { fn: 'path_open', args: [3, 1, 2048, 5, 0, 2n, 0n, 0, 4096] };
    const wasm = guest([open, open]);
    using host = createCryptoHost();
    const count = () => readdirSync('/proc/self/fd').length;
    const before = count();
    for (let i = 0; i < 20; i++) {
      using inst = await instantiateCoreModule(wasm, { host, preopens: { '/data': dir } });
      const memory = inst.exports['memory'] as { buffer: ArrayBuffer };
      new Uint8Array(memory.buffer, 2048, 5).set(Buffer.from('a.txt'));
      assert.equal(inst.start(), 0);
      assert.deepEqual([0, 1].map((k) => new DataView(memory.buffer).getUint32(RESULTS + 4 * k, true)), [0, 0], 'the guest opened a.txt twice');
    }
    assert.equal(count() - before, 0, 'file descriptors leaked');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** A module importing one `() -> ()` function `module.field` (never called). */
function importing(module: string, field: string): Uint8Array {
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec([[0x60, 0, 0]])),
    ...section(2, vec([[...name(module), ...name(field), 0, 0]])),
    ...section(5, [1, 0, 1]),
    ...section(7, vec([[...name('memory'), 2, 0]])),
  ]);
}

test("imports are looked up in null-prototype objects: the embedding realm's Object, Function and their statics are not importable", async () => {
  using host = createCryptoHost();
  // With a plain import object, `constructor.freeze` is Object.freeze (a guest with externref can
  // freeze or pollute Object.prototype of the embedding process) and `constructor.constructor` is Function.
  for (const [module, field] of [
    ['constructor', 'freeze'],
    ['constructor', 'defineProperty'],
    ['constructor', 'constructor'],
    ['__proto__', 'hasOwnProperty'],
    ['wasi_snapshot_preview1', 'constructor'],
    ['wasi_ephemeral_crypto_common', 'constructor'],
    ['wasi_ephemeral_crypto_symmetric', '__defineGetter__'],
  ]) {
    await assert.rejects(
      instantiateCoreModule(importing(module!, field!), { host }),
      (e: unknown) => e instanceof RuntimeError && e.code === 'missing-import',
      `${module}.${field} was importable`,
    );
  }
  // An embedder's extra imports are still used.
  using inst = await instantiateCoreModule(importing('env', 'f'), { host, imports: { env: { f: () => {} } } });
  assert.equal(typeof inst.exports['memory'], 'object');
});

test('an instance that never ran (refused, or disposed unstarted) closes its preopened directories too', { skip: existsSync('/proc/self/fd') ? false : 'needs /proc/self/fd' }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'core-fds-'));
  try {
    using host = createCryptoHost();
    const preopens = { '/data': dir, '/more': dir };
    const count = () => readdirSync('/proc/self/fd').length;
    const before = count();
    for (let i = 0; i < 10; i++) {
      await assert.rejects(instantiateCoreModule(importing('env', 'missing'), { host, preopens }), (e: unknown) => e instanceof RuntimeError && e.code === 'missing-import');
      await assert.rejects(instantiateCoreModule(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 0x0a]), { host, preopens }), (e: unknown) => e instanceof RuntimeError && e.code === 'instantiate-failed');
      using inst = await instantiateCoreModule(importing('wasi_snapshot_preview1', 'sched_yield'), { host, preopens });
      assert.throws(() => inst.start(), (e: unknown) => e instanceof RuntimeError && e.code === 'not-a-command');
    }
    assert.equal(count() - before, 0, 'file descriptors leaked');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
