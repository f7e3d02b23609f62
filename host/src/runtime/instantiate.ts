/**
 * Instantiating a loaded component with a per-instance, closed-by-default WASI sandbox.
 *
 * WASI comes from preview2-shim 0.26.0's `WASIShim`, configured explicitly, because its defaults
 * are open: without `sandbox.preopens` the guest sees the host's `/`, without `sandbox.env` the
 * host's whole environment, and network is on. On top of the shim's import object the runtime
 * replaces what the shim cannot restrict or gets wrong for an embedding host:
 *
 * | import | shim 0.26.0 | here |
 * |---|---|---|
 * | `wasi:cli/environment` | isolated env/args, but `initial-cwd` = the host's `process.cwd()` | env, args; no initial cwd |
 * | `wasi:cli/exit` | `process.exit()`, killing the embedding process | throws {@link ExitSignal} |
 * | `wasi:http/outgoing-handler` | real requests even with `enableNetwork: false` | `HTTP-request-denied` unless network is on |
 * | `wasi:cli/stdout`, `stderr` | the host's stdout/stderr | a sink, if the embedder gives one |
 *
 * The embedder's imports (e.g. `createCryptoHost().getImportObject()`) are merged last. Keys may
 * be versioned (`wasi:crypto/symmetric@0.12.0-draft`) or not; jco's glue reads unversioned keys.
 * @module
 */
import { stat } from 'node:fs/promises';
import { resolve as resolvePath } from 'node:path';
import * as wasi from '@bytecodealliance/preview2-shim';
import { WASIShim } from '@bytecodealliance/preview2-shim/instantiation';
import { unversioned } from './component-binary.js';
import { ExitSignal, RuntimeError, describeError } from './errors.js';
import type { LoadedComponent } from './load.js';
import type { WasmModule } from './wasm.js';

/** Receives the bytes a guest writes to stdout or stderr. */
export type OutputSink = (chunk: Uint8Array) => void;

export interface InstantiateOptions {
  /**
   * Imports besides WASI, keyed by interface name with or without version, e.g. the crypto host's
   * `getImportObject()`. They take precedence over the runtime's WASI imports.
   */
  imports?: object;
  /** The guest's full argv, including argv[0]; default `[component name]`. */
  args?: string[];
  /** The guest's environment; default empty. */
  env?: Record<string, string>;
  /** Guest path → host directory; default none (no filesystem access). */
  preopens?: Record<string, string>;
  /** Allow sockets, DNS and outgoing HTTP; default false. */
  network?: boolean;
  /** Where the guest's stdout goes; default the host's stdout. */
  stdout?: OutputSink;
  /** Where the guest's stderr goes; default the host's stderr. */
  stderr?: OutputSink;
}

/** The root exports of an instance, as jco names them (e.g. `root.run.run()`). */
export type ComponentExports = Record<string, unknown>;

interface GlueModule {
  instantiate(
    getCoreModule: (file: string) => Promise<WasmModule>,
    imports: Record<string, unknown>,
  ): Promise<ComponentExports>;
}

type IoStreams = typeof import('@bytecodealliance/preview2-shim/interfaces/wasi-io-streams');
type OutputStreamApi = IoStreams['OutputStream']['prototype'];
type InputStream = IoStreams['InputStream']['prototype'];
type Pollable = ReturnType<OutputStreamApi['subscribe']>;

/**
 * The shim's `output-stream` class. Its declared constructor is private (guests cannot construct
 * streams), but the JS class has a default constructor and can be extended.
 */
const OutputStreamBase = wasi.io.streams.OutputStream as unknown as new () => OutputStreamApi;

/**
 * An `output-stream` that hands every write to a sink. It subclasses the shim's class because
 * the glue checks `instanceof` against the `wasi:io/streams` class it was given.
 */
class SinkOutputStream extends OutputStreamBase {
  readonly #sink: OutputSink;
  constructor(sink: OutputSink) {
    super();
    this.#sink = sink;
  }
  override checkWrite(): bigint {
    return 1n << 20n;
  }
  override write(buf: Uint8Array): void {
    this.#sink(buf);
  }
  override blockingWriteAndFlush(buf: Uint8Array): void {
    this.#sink(buf);
  }
  override flush(): void {}
  override blockingFlush(): void {}
  override writeZeroes(len: bigint): void {
    this.#sink(new Uint8Array(Number(len)));
  }
  override blockingWriteZeroesAndFlush(len: bigint): void {
    this.#sink(new Uint8Array(Number(len)));
  }
  override splice(src: InputStream, len: bigint): bigint {
    const data = src.read(len);
    this.#sink(data);
    return BigInt(data.length);
  }
  override blockingSplice(src: InputStream, len: bigint): bigint {
    const data = src.blockingRead(len);
    this.#sink(data);
    return BigInt(data.length);
  }
  override subscribe(): Pollable {
    // Always ready: a zero-length timer.
    return wasi.clocks.monotonicClock.subscribeDuration(0n) as Pollable;
  }
}

async function checkPreopens(preopens: Record<string, string>): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [guest, host] of Object.entries(preopens)) {
    const abs = resolvePath(host);
    let isDir = false;
    try {
      isDir = (await stat(abs)).isDirectory();
    } catch {
      isDir = false;
    }
    if (!isDir) {
      throw new RuntimeError('invalid-preopen', `cannot preopen ${host} as ${guest}: not a directory on the host`);
    }
    out[guest] = abs;
  }
  return out;
}

/** The WASI part of the import object, sandboxed as described in the module comment. */
function wasiImports(
  name: string,
  opts: InstantiateOptions,
  preopens: Record<string, string>,
): Record<string, unknown> {
  const args = opts.args ?? [name];
  const env = opts.env ?? {};
  const network = opts.network === true;
  const shim = new WASIShim({ sandbox: { preopens, env, args, enableNetwork: network } });
  const imports: Record<string, unknown> = { ...shim.getImportObject() };

  const envEntries = Object.entries(env);
  imports['wasi:cli/environment'] = {
    getEnvironment: () => envEntries,
    getArguments: () => args,
    initialCwd: () => undefined,
  };
  imports['wasi:cli/exit'] = {
    exit(status: { tag: 'ok' | 'err' }): never {
      throw new ExitSignal(status.tag === 'err' ? 1 : 0);
    },
    exitWithCode(code: number): never {
      throw new ExitSignal(code);
    },
  };
  if (!network) {
    imports['wasi:http/outgoing-handler'] = {
      handle(): never {
        // A `result` import: jco turns this thrown value into err(error-code.HTTP-request-denied).
        throw { tag: 'HTTP-request-denied' };
      },
    };
  }
  if (opts.stdout) {
    const stream = new SinkOutputStream(opts.stdout);
    imports['wasi:cli/stdout'] = { getStdout: () => stream };
  }
  if (opts.stderr) {
    const stream = new SinkOutputStream(opts.stderr);
    imports['wasi:cli/stderr'] = { getStderr: () => stream };
  }
  return imports;
}

/** The embedder's imports, grouped by unversioned key. */
interface Offer {
  /** Given under the unversioned key: accepted for any version. */
  any?: unknown;
  /** Given under versioned keys. */
  versioned: Map<string, unknown>;
}

function groupOffers(embedder: object): Map<string, Offer> {
  const offers = new Map<string, Offer>();
  for (const [key, value] of Object.entries(embedder)) {
    if (value === undefined || value === null) continue;
    const base = unversioned(key);
    let offer = offers.get(base);
    if (!offer) offers.set(base, (offer = { versioned: new Map() }));
    if (base === key) offer.any = value;
    else offer.versioned.set(key.slice(base.length + 1), value);
  }
  return offers;
}

/**
 * Merges the embedder's imports into `imports` (under the unversioned keys the glue reads) and
 * throws `RuntimeError('missing-import')` naming the first import of the component that is not
 * provided. A versioned embedder key only satisfies the same version; WASI from the shim only
 * satisfies `wasi:*@0.2.x`.
 */
function resolveImports(
  component: LoadedComponent,
  imports: Record<string, unknown>,
  embedder: object,
): void {
  const offers = groupOffers(embedder);
  for (const [base, offer] of offers) {
    imports[base] = offer.any ?? offer.versioned.values().next().value;
  }
  for (const { key, name } of component.imports) {
    const at = name.indexOf('@');
    const version = at === -1 ? undefined : name.slice(at + 1);
    const offer = offers.get(key);
    let value: unknown;
    if (offer) {
      value = offer.any ?? (version === undefined ? undefined : offer.versioned.get(version));
      if (value === undefined && version === undefined) value = offer.versioned.values().next().value;
    } else if (!key.startsWith('wasi:') || version === undefined || version.startsWith('0.2.')) {
      // Own properties only: an import named like an Object.prototype member (`constructor`, …)
      // must not resolve to the embedder's inherited builtins.
      value = Object.hasOwn(imports, key) ? imports[key] : undefined;
    }
    if (value === undefined || value === null) {
      const others = offer ? [...offer.versioned.keys()].map((v) => `${key}@${v}`) : [];
      const hint = others.length > 0 ? ` (it provides ${others.join(', ')})` : '';
      throw new RuntimeError(
        'missing-import',
        `component ${component.name} imports ${name}, which this host does not provide${hint}`,
      );
    }
    imports[key] = value;
  }
}

/**
 * Instantiates `component` and returns its root exports. The sandbox is closed unless `opts`
 * opens it: no preopens, empty environment, no network. Throws `RuntimeError` with code
 * `missing-import` (before instantiating) if an import is not provided, `invalid-preopen` for a
 * preopen that is not a host directory, and `instantiate-failed` if compiling or instantiating
 * the core modules fails (including a trap in a start function).
 */
export async function instantiate(component: LoadedComponent, opts: InstantiateOptions = {}): Promise<ComponentExports> {
  const preopens = await checkPreopens(opts.preopens ?? {});
  const imports = wasiImports(component.name, opts, preopens);

  resolveImports(component, imports, opts.imports ?? {});

  try {
    const glue = (await import(component.glueUrl)) as GlueModule;
    return await glue.instantiate((file) => component.compileCore(file), imports);
  } catch (e) {
    if (e instanceof RuntimeError || e instanceof ExitSignal) throw e;
    throw new RuntimeError('instantiate-failed', `cannot instantiate ${component.name}: ${describeError(e)}`, {
      cause: e,
    });
  }
}
