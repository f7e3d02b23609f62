/**
 * Running core WebAssembly modules (WASI preview 1 commands) that import the witx wasi-crypto
 * ABI (`wasi_ephemeral_crypto_*`, host/src/abi/witx). The rest of WASI comes from Node's
 * `node:wasi` (version `preview1`), sandboxed like components: no preopens, no environment, no
 * arguments but the ones given; `proc_exit` returns its code instead of ending the process.
 *
 * ```ts
 * using host = createCryptoHost();
 * const code = await runCoreModule('guest.wasm', { host, args: ['guest.wasm', 'x'] });
 * ```
 * @module
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, resolve as resolvePath } from 'node:path';
import type { CryptoHost } from '../host.js';
import { createWitxImports, type WitxImports, type WitxImportsOptions } from '../abi/witx/index.js';
import { GuestMemory, type WasmMemory } from '../abi/witx/memory.js';
import { RuntimeError, describeError } from './errors.js';
import type { OutputSink } from './instantiate.js';

/** The first 8 bytes of a core module: `\0asm` and version 1 (a component has version 0x0d, layer 1). */
export function isCoreModule(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && bytes[0] === 0x00 && bytes[1] === 0x61 && bytes[2] === 0x73 && bytes[3] === 0x6d
    && bytes[4] === 0x01 && bytes[5] === 0x00 && bytes[6] === 0x00 && bytes[7] === 0x00;
}

export interface CoreModuleOptions {
  /** The crypto host whose keys, limits and secrets the guest uses. */
  host: CryptoHost;
  /** The guest's full argv, including argv[0]; default `[module name]`. */
  args?: string[];
  /** The guest's environment; default empty. */
  env?: Record<string, string>;
  /** Guest path → host directory; default none (no filesystem access). */
  preopens?: Record<string, string>;
  /** Where the guest's stdout (fd 1) goes; default the host's stdout. */
  stdout?: OutputSink;
  /** Where the guest's stderr (fd 2) goes; default the host's stderr. */
  stderr?: OutputSink;
  /** Options of the witx adapter (handle limit). */
  witx?: WitxImportsOptions;
  /** Extra imports, by module name (they take precedence). */
  imports?: Record<string, Record<string, unknown>>;
}

interface NodeWasi {
  getImportObject(): Record<string, Record<string, unknown>>;
  start(instance: WasmInstance): number;
  initialize(instance: WasmInstance): void;
}
type NodeWasiClass = new (options: {
  version: 'preview1';
  args?: string[];
  env?: Record<string, string>;
  preopens?: Record<string, string>;
  returnOnExit?: boolean;
}) => NodeWasi;

interface WasmInstance {
  readonly exports: Record<string, unknown>;
}
interface WasmModuleObject {
  readonly __coreModule?: never;
}
interface WebAssemblyApi {
  compile(bytes: Uint8Array): Promise<WasmModuleObject>;
  instantiate(module: WasmModuleObject, imports: object): Promise<WasmInstance>;
  Module: { imports(module: WasmModuleObject): { module: string; name: string; kind: string }[] };
  Memory: new (d: { initial: number; maximum?: number }) => WasmMemory;
}
const wasm = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;

let wasiClass: Promise<NodeWasiClass> | undefined;
/** Loads `node:wasi` once, without its one-time ExperimentalWarning on the embedder's stderr. */
function loadWasi(): Promise<NodeWasiClass> {
  wasiClass ??= (async () => {
    const emit = process.emitWarning;
    process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
      const text = typeof warning === 'string' ? warning : warning.message;
      if (/WASI/.test(text)) return;
      (emit as (...a: unknown[]) => void).call(process, warning, ...rest);
    }) as typeof process.emitWarning;
    try {
      return (await import('node:wasi')).WASI as unknown as NodeWasiClass;
    } finally {
      process.emitWarning = emit;
    }
  })();
  return wasiClass;
}

/** WASI preview 1 errno values used by the output redirection. */
const WASI_ESUCCESS = 0;
const WASI_EFAULT = 21;
const WASI_ENOSYS = 52;
const WASI_ENOTSUP = 58;
const WASI_ESPIPE = 70;

/** An instantiated core module, ready to `start()` (commands) or to have its exports called. */
export interface CoreModuleInstance extends Disposable {
  readonly exports: Record<string, unknown>;
  /** The witx adapter of this instance (its handle table). */
  readonly witx: WitxImports;
  /** Runs `_start`; returns the exit code (0 when `_start` returns). */
  start(): number;
}

async function moduleBytes(module: Uint8Array | string): Promise<{ bytes: Uint8Array; name: string }> {
  if (typeof module !== 'string') return { bytes: module, name: 'module.wasm' };
  const path = resolvePath(module);
  try {
    if (!(await stat(path)).isFile()) throw new RuntimeError('unreadable', `${module} is not a file`);
    return { bytes: new Uint8Array(await readFile(path)), name: basename(module) };
  } catch (e) {
    if (e instanceof RuntimeError) throw e;
    const code = (e as { code?: unknown }).code;
    if (code === 'ENOENT') throw new RuntimeError('not-found', `${module}: no such file`);
    throw new RuntimeError('unreadable', `cannot read ${module}: ${describeError(e)}`);
  }
}

/**
 * Compiles and instantiates a core module with the witx crypto imports and a sandboxed WASI
 * preview 1. The module must export its `memory`.
 */
export async function instantiateCoreModule(module: Uint8Array | string, opts: CoreModuleOptions): Promise<CoreModuleInstance> {
  const { bytes, name } = await moduleBytes(module);
  if (!isCoreModule(bytes)) throw new RuntimeError('not-a-component', `${name} is not a core WebAssembly module`);
  for (const [guest, hostDir] of Object.entries(opts.preopens ?? {})) {
    let ok = false;
    try {
      ok = (await stat(hostDir)).isDirectory();
    } catch {
      // reported below
    }
    if (!ok) throw new RuntimeError('invalid-preopen', `cannot preopen ${hostDir} as ${guest}: not a directory on the host`);
  }
  const WASI = await loadWasi();
  const wasi = new WASI({
    version: 'preview1',
    args: opts.args ?? [name],
    env: { ...(opts.env ?? {}) },
    preopens: { ...(opts.preopens ?? {}) },
    returnOnExit: true,
  });
  const witx = createWitxImports(opts.host, opts.witx);
  const wasiImports = wasi.getImportObject();
  const preview1 = { ...(wasiImports['wasi_snapshot_preview1'] ?? {}) };
  const outMem = new GuestMemory();
  // node:wasi's proc_raise sends the signal to the embedding process (SIGKILL would end it).
  preview1['proc_raise'] = (): number => WASI_ENOSYS;
  // The guest's fds 0-2 are the embedding process's own stdio (shared with it, maybe with its
  // parent too): node:wasi would close or renumber them in the embedding process, set their flags
  // (O_NONBLOCK), and, when they are files, truncate, allocate, re-time, seek, pread or pwrite them.
  // The guest gets them as streams only (fd_read / fd_write), as under wasmtime.
  const fdClose = preview1['fd_close'] as (fd: number) => number;
  const stdioRefused: Record<string, number> = {
    fd_close: WASI_ENOTSUP,
    fd_renumber: WASI_ENOTSUP,
    fd_fdstat_set_flags: WASI_ENOTSUP,
    fd_filestat_set_size: WASI_ENOTSUP,
    fd_filestat_set_times: WASI_ENOTSUP,
    fd_allocate: WASI_ENOTSUP,
    fd_seek: WASI_ESPIPE,
    fd_pread: WASI_ESPIPE,
    fd_pwrite: WASI_ESPIPE,
  };
  for (const [fn, errno] of Object.entries(stdioRefused)) {
    const original = preview1[fn] as (...a: unknown[]) => number;
    const isStdio = (fd: unknown): boolean => Number(fd) >>> 0 <= 2;
    preview1[fn] = (...a: unknown[]): number => (isStdio(a[0]) || (fn === 'fd_renumber' && isStdio(a[1])) ? errno : original(...a));
  }
  // node:wasi never closes the preopened directories nor the files the guest opened (not even
  // when collected): the instance closes fds 3..maxFd when it is disposed or refused (path_open and
  // sock_accept are the only ways to a new fd; fd_renumber only reuses existing ones).
  let maxFd = 2 + Object.keys(opts.preopens ?? {}).length;
  for (const [fn, outArg] of [['path_open', 8], ['sock_accept', 2]] as const) {
    const original = preview1[fn] as (...a: unknown[]) => number;
    preview1[fn] = (...a: unknown[]): number => {
      const r = original(...a);
      if (r === WASI_ESUCCESS) {
        try {
          maxFd = Math.max(maxFd, outMem.readU32(Number(a[outArg])));
        } catch {
          maxFd += 1; // memory not bound (shared): each new fd adds at most one slot
        }
      }
      return r;
    };
  }
  let started = false;
  const closeFds = (): void => {
    if (!started) {
      // node:wasi's functions refuse to run before start() / initialize(): bind an empty memory.
      try {
        wasi.initialize({ exports: { memory: new wasm.Memory({ initial: 0 }) } });
        started = true;
      } catch {
        return;
      }
    }
    for (let fd = 3; fd <= maxFd; fd++) {
      try {
        fdClose(fd);
      } catch {
        // already closed, or never opened
      }
    }
    maxFd = 2;
  };
  if (opts.stdout || opts.stderr) {
    const original = preview1['fd_write'] as (...a: number[]) => number;
    preview1['fd_write'] = (fd: number, iovs: number, iovsLen: number, nwritten: number): number => {
      const sink = fd === 1 ? opts.stdout : fd === 2 ? opts.stderr : undefined;
      if (sink === undefined) return original(fd, iovs, iovsLen, nwritten);
      try {
        const n = iovsLen >>> 0;
        if (n * 8 > 0xffffffff) return WASI_EFAULT; // would wrap in check()
        outMem.check(iovs, n * 8);
        // Every buffer is checked before anything is written.
        for (let i = 0; i < n; i++) outMem.check(outMem.readU32((iovs >>> 0) + i * 8), outMem.readU32((iovs >>> 0) + i * 8 + 4));
        outMem.check(nwritten, 4);
        let total = 0;
        for (let i = 0; i < n; i++) {
          const p = outMem.readU32((iovs >>> 0) + i * 8);
          const l = outMem.readU32((iovs >>> 0) + i * 8 + 4);
          const chunk = outMem.read(p, l);
          if (chunk.length > 0) sink(chunk);
          total += chunk.length;
        }
        outMem.writeU32(nwritten, total);
        return WASI_ESUCCESS;
      } catch {
        return WASI_EFAULT;
      }
    };
  }
  // Null prototypes: WebAssembly.instantiate looks imports up with [[Get]], so with plain objects
  // an inherited name would be an import too (`constructor.freeze` = Object.freeze,
  // `constructor.constructor` = Function: with externref a guest could freeze or pollute the
  // embedding process's Object.prototype).
  const namespace = (o: Record<string, unknown>): Record<string, unknown> => Object.assign(Object.create(null) as Record<string, unknown>, o);
  const imports = Object.create(null) as Record<string, Record<string, unknown>>;
  for (const [k, v] of Object.entries({ ...wasiImports, wasi_snapshot_preview1: preview1, ...witx.imports })) imports[k] = namespace(v);
  for (const [k, v] of Object.entries(opts.imports ?? {})) imports[k] = namespace({ ...(imports[k] ?? {}), ...v });

  let compiled: WasmModuleObject;
  try {
    compiled = await wasm.compile(bytes);
  } catch (e) {
    witx[Symbol.dispose]();
    closeFds();
    throw new RuntimeError('instantiate-failed', `cannot compile ${name}: ${describeError(e)}`, { cause: e });
  }
  const missing = wasm.Module.imports(compiled).filter((i) => imports[i.module]?.[i.name] === undefined);
  if (missing.length > 0) {
    witx[Symbol.dispose]();
    closeFds();
    const names = missing.map((i) => `${i.module}.${i.name}`);
    const shown = names.slice(0, 5).join(', ') + (names.length > 5 ? ` (and ${names.length - 5} more)` : '');
    throw new RuntimeError(
      'missing-import',
      `${name} is a core WebAssembly module that imports what this host does not provide to core modules (WASI preview 1 and the witx wasi_ephemeral_crypto_* modules): ${shown}`,
    );
  }
  let instance: WasmInstance;
  try {
    instance = await wasm.instantiate(compiled, imports);
  } catch (e) {
    witx[Symbol.dispose]();
    closeFds();
    throw new RuntimeError('instantiate-failed', `cannot instantiate ${name}: ${describeError(e)}`, { cause: e });
  }
  const memory = instance.exports['memory'] as WasmMemory | undefined;
  if (memory !== undefined && typeof memory === 'object' && memory.buffer instanceof ArrayBuffer) {
    witx.bindMemory(memory);
    outMem.bind(memory);
  }
  return {
    exports: instance.exports,
    witx,
    start(): number {
      if (typeof instance.exports['_start'] !== 'function') {
        throw new RuntimeError('not-a-command', `${name} does not export _start (a WASI command)`);
      }
      if (memory === undefined) throw new RuntimeError('not-a-command', `${name} does not export its memory`);
      started = true;
      try {
        return wasi.start(instance);
      } catch (e) {
        throw new RuntimeError('trap', `${name} trapped: ${describeError(e)}`, { cause: e });
      }
    },
    [Symbol.dispose]() {
      witx[Symbol.dispose]();
      closeFds();
    },
  };
}

/**
 * Runs a WASI preview 1 command that uses the witx crypto ABI, like `wasmtime run`; returns its
 * exit code (`proc_exit`'s code, or 0 when `_start` returns). A trap is `RuntimeError('trap')`.
 * Every crypto handle the guest left open is closed afterwards.
 */
export async function runCoreModule(module: Uint8Array | string, opts: CoreModuleOptions): Promise<number> {
  using inst = await instantiateCoreModule(module, opts);
  return inst.start();
}
