/**
 * The sandbox of the core-module runner (host/src/runtime/core-module.ts) against what a guest can
 * reach through `node:wasi`'s preview 1 imports: the embedding process's signals and its stdio
 * file descriptors. Guests are hand-assembled core modules whose `_start` calls preview 1
 * functions with constant i32 arguments and stores each errno at 1024 + 4·k.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createCryptoHost } from '../../host/src/index.js';
import { instantiateCoreModule } from '../../host/src/runtime/core-module.js';

interface Call {
  fn: string;
  args: number[];
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
const name = (s: string) => [...uleb(s.length), ...Buffer.from(s)];
const section = (id: number, body: number[]) => [id, ...uleb(body.length), ...body];
const vec = (items: number[][]) => [...uleb(items.length), ...items.flat()];

/** A command importing `wasi_snapshot_preview1` functions (all i32 → i32) and calling them in order. */
function guest(calls: Call[]): Uint8Array {
  const fns = [...new Set(calls.map((c) => c.fn))];
  const arity = (fn: string) => calls.find((c) => c.fn === fn)!.args.length;
  const types = [...fns.map((fn) => [0x60, ...uleb(arity(fn)), ...new Array(arity(fn)).fill(0x7f), 1, 0x7f]), [0x60, 0, 0]];
  const imports = fns.map((fn, i) => [...name('wasi_snapshot_preview1'), ...name(fn), 0, ...uleb(i)]);
  const body: number[] = [0];
  calls.forEach((c, k) => {
    body.push(0x41, ...sleb(RESULTS + 4 * k));
    for (const a of c.args) body.push(0x41, ...sleb(a | 0));
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
