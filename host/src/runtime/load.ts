/**
 * Loading a component: read, check, hash, transpile with jco (in memory) or reuse the cache.
 *
 * The transpile uses jco's `transpile(bytes, opts)` API in `async` instantiation mode, so the glue
 * exports `instantiate(getCoreModule, imports)` and never imports WASI itself; the runtime supplies
 * every import (instantiate.ts). The glue is patched (glue-patch.ts) and written with its core
 * modules to the cache (cache.ts). jco is imported only when a transpile is needed, so a cached
 * load does not pay for loading jco.
 * @module
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CACHE_FORMAT,
  type CacheMeta,
  type ComponentImport,
  defaultCacheDir,
  entryDir,
  readCacheEntry,
  writeCacheEntry,
} from './cache.js';
import { checkComponentHeader, readTopLevelImports, unversioned } from './component-binary.js';
import { RuntimeError, describeError } from './errors.js';
import { GLUE_PATCH_VERSION, patchCreatedReps, patchDebugLog } from './glue-patch.js';
import { type WasmModule, wasm } from './wasm.js';
import { ensureExtendedConst } from './wasm-features.js';

export interface LoadOptions {
  /** Where transpiled components are cached; default {@link defaultCacheDir}. */
  cacheDir?: string;
  /** Receives one-line progress and warning messages (e.g. the first-time transpile notice). */
  onProgress?: (message: string) => void;
  /** Display name; default: the file name for a path, `component` for bytes. */
  name?: string;
  /**
   * Apply the `_debugLog` glue patch (glue-patch.ts); default true. `false` keeps jco's glue as
   * generated, which re-reads `process.env.JCO_DEBUG` on every host call: only for measuring what
   * the patch saves (`npm run bench` reports the empty-call floor both ways). Cached separately.
   */
  patchGlue?: boolean;
}

/** The options the runtime transpiles with; part of the cache key. */
const TRANSPILE_OPTIONS = {
  name: 'component',
  instantiation: 'async',
  // jco's `TranspileOpts.noTypescript` is not read by jco-transpile 0.15.0, which looks at
  // `emitTypescriptDeclarations`; pass both.
  noTypescript: true,
  emitTypescriptDeclarations: false,
  quiet: true,
} as const;

/** A component ready to instantiate: its transpiled files are in the cache. */
export class LoadedComponent {
  readonly #modules = new Map<string, Promise<WasmModule>>();
  readonly #files: ReadonlySet<string>;

  /**
   * @param name display name
   * @param dir the cache entry holding the glue and core modules
   * @param meta the entry's metadata
   * @param fromCache true if no transpile was needed
   */
  constructor(
    readonly name: string,
    readonly dir: string,
    readonly meta: Readonly<CacheMeta>,
    readonly fromCache: boolean,
  ) {
    this.#files = new Set(Object.keys(meta.files));
  }

  /** SHA-256 (hex) of the component bytes. */
  get sha256(): string {
    return this.meta.sha256;
  }
  /** Size of the component in bytes. */
  get size(): number {
    return this.meta.size;
  }
  /** The component's imports, with versioned names and the glue's (unversioned) keys. */
  get imports(): readonly ComponentImport[] {
    return this.meta.imports;
  }
  get exports(): readonly (readonly [string, 'function' | 'instance'])[] {
    return this.meta.exports;
  }
  /** file: URL of the glue module. */
  get glueUrl(): string {
    return pathToFileURL(join(this.dir, this.meta.glue)).href;
  }

  /**
   * Compiles one of the cached core modules (memoized: every instance of this component shares
   * the compiled modules).
   */
  compileCore(file: string): Promise<WasmModule> {
    let module = this.#modules.get(file);
    if (!module) {
      if (!this.#files.has(file) || !file.endsWith('.wasm')) {
        return Promise.reject(new RuntimeError('cache-failed', `the glue asked for an unknown core module ${file}`));
      }
      ensureExtendedConst();
      module = readFile(join(this.dir, file)).then((bytes) => wasm.compile(bytes));
      module.catch(() => this.#modules.delete(file));
      this.#modules.set(file, module);
    }
    return module;
  }
}

let transpiles = 0;

/** How many jco transpiles this process has run (a cache hit runs none). */
export function transpileCount(): number {
  return transpiles;
}

interface ToolchainVersions {
  jco: string;
  jcoTranspile: string;
}
let toolchain: ToolchainVersions | undefined;

/** The `version` of the package.json of package `name` that contains `file`. */
function packageVersion(file: string, name: string): string {
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === name && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // no package.json here: keep walking up
    }
  }
  return 'unknown';
}

function toolchainVersions(): ToolchainVersions {
  if (!toolchain) {
    const jcoEntry = fileURLToPath(import.meta.resolve('@bytecodealliance/jco'));
    let transpileEntry: string | undefined;
    try {
      transpileEntry = createRequire(jcoEntry).resolve('@bytecodealliance/jco-transpile');
    } catch {
      transpileEntry = undefined;
    }
    toolchain = {
      jco: packageVersion(jcoEntry, '@bytecodealliance/jco'),
      jcoTranspile: transpileEntry ? packageVersion(transpileEntry, '@bytecodealliance/jco-transpile') : 'unknown',
    };
  }
  return toolchain;
}

/**
 * The cache variant: everything besides the component bytes that the cached files depend on.
 * Readable prefix (jco version) + a hash of the rest.
 */
export function cacheVariant(patchGlue = true): string {
  const versions = toolchainVersions();
  const key = JSON.stringify({
    format: CACHE_FORMAT,
    gluePatch: patchGlue ? GLUE_PATCH_VERSION : 'none',
    ...versions,
    options: TRANSPILE_OPTIONS,
  });
  const hash = createHash('sha256').update(key).digest('hex').slice(0, 16);
  return `jco-${versions.jco}-${hash}`;
}

export function formatSize(bytes: number): string {
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  if (bytes >= 1e3) return `${Math.round(bytes / 1e3)} kB`;
  return `${bytes} B`;
}

async function readComponentFile(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new RuntimeError('not-found', `component not found: ${path}`, { cause: e });
    }
    if (code === 'EISDIR') {
      throw new RuntimeError('unreadable', `cannot read component ${path}: it is a directory`, { cause: e });
    }
    throw new RuntimeError('unreadable', `cannot read component ${path}: ${describeError(e)}`, { cause: e });
  }
}

/** Pairs jco's unversioned import keys with the versioned names in the binary. */
function describeImports(keys: readonly string[], bytes: Uint8Array): ComponentImport[] {
  const full = readTopLevelImports(bytes) ?? [];
  return keys.map((key) => ({ key, name: full.find((n) => unversioned(n) === key) ?? key }));
}

async function transpileToCache(
  bytes: Uint8Array,
  sha256: string,
  variant: string,
  dir: string,
  name: string,
  onProgress: (message: string) => void,
  patchGlue: boolean,
): Promise<CacheMeta> {
  onProgress(`transpiling ${name} (${formatSize(bytes.length)}) — first run only, cached afterwards`);
  let started = 0;
  let result: Awaited<ReturnType<typeof import('@bytecodealliance/jco').transpile>>;
  try {
    const { transpile } = await import('@bytecodealliance/jco');
    transpiles++;
    started = performance.now();
    // jco mutates the options object: pass a fresh one.
    result = await transpile(bytes, { ...TRANSPILE_OPTIONS } as Parameters<typeof transpile>[1]);
  } catch (e) {
    throw new RuntimeError('transpile-failed', `cannot transpile ${name}: ${describeError(e)}`, { cause: e });
  }
  const transpileMs = Math.round(performance.now() - started);

  const glue = Object.keys(result.files).find((f) => f.endsWith('.js'));
  if (!glue) throw new RuntimeError('transpile-failed', `cannot transpile ${name}: jco produced no JavaScript glue`);
  const files: Record<string, Uint8Array | string> = {};
  const sizes: Record<string, number> = {};
  let debugLogPatched = false;
  let createdRepsPatched = false;
  for (const [file, data] of Object.entries(result.files)) {
    if (file.endsWith('.d.ts')) continue;
    let out: Uint8Array | string = data;
    if (file === glue && patchGlue) {
      const patch = patchDebugLog(new TextDecoder().decode(data));
      debugLogPatched = patch.patched;
      if (!patch.patched) {
        onProgress(
          `warning: glue left unpatched (${patch.problem}); every host call re-reads process.env.JCO_DEBUG, which is slow`,
        );
      }
      const reps = patchCreatedReps(patch.source);
      createdRepsPatched = reps.patched;
      if (!reps.patched) {
        onProgress(`warning: glue left unpatched (${reps.problem}); every resource the guest creates leaks ~29 bytes of host heap`);
      }
      out = reps.source;
    }
    files[file] = out;
    sizes[file] = typeof out === 'string' ? Buffer.byteLength(out) : out.byteLength;
  }
  const meta: CacheMeta = {
    format: CACHE_FORMAT,
    sha256,
    variant,
    name,
    size: bytes.length,
    glue,
    files: sizes,
    imports: describeImports(result.imports, bytes),
    exports: result.exports,
    debugLogPatched,
    createdRepsPatched,
    transpileMs,
    createdAt: new Date().toISOString(),
  };
  return writeCacheEntry(dir, files, meta);
}

/**
 * Loads a component from a path or from bytes. Throws {@link RuntimeError} with code
 * `not-found`, `unreadable`, `not-a-component`, `core-module`, `transpile-failed` or `cache-failed`.
 *
 * The first load of given bytes transpiles them (about a second for a 1.6 MB QuickJS component)
 * and caches the result under `<cacheDir>/<sha256>/<variant>/`; later loads, also from other
 * processes, reuse it.
 */
export async function loadComponent(source: Uint8Array | string, opts: LoadOptions = {}): Promise<LoadedComponent> {
  const onProgress = opts.onProgress ?? (() => {});
  const isPath = typeof source === 'string';
  const bytes = isPath ? await readComponentFile(source) : source;
  const name = opts.name ?? (isPath ? basename(source) : 'component');
  checkComponentHeader(bytes, isPath ? source : name);

  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const patchGlue = opts.patchGlue ?? true;
  const variant = cacheVariant(patchGlue);
  const dir = entryDir(opts.cacheDir ?? defaultCacheDir(), sha256, variant);

  const cached = await readCacheEntry(dir, sha256, variant);
  if (cached) return new LoadedComponent(name, dir, cached, true);
  const meta = await transpileToCache(bytes, sha256, variant, dir, name, onProgress, patchGlue);
  return new LoadedComponent(name, dir, meta, false);
}
