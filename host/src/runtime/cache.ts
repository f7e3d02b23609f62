/**
 * The on-disk transpile cache.
 *
 * Layout: `<cacheDir>/<sha256 of the component>/<variant>/`, where `<variant>` names everything
 * else the output depends on (jco and jco-transpile versions, transpile options, glue patch
 * version), e.g. `jco-1.35.0-3f9c2a1b7d0e4c55`. An entry holds jco's files (`component.js`,
 * `component.core*.wasm`) and `meta.json`, which is written last and lists every file's size.
 *
 * Entries are written into a temporary sibling directory and renamed into place, so a reader sees
 * either no entry or a complete one; a concurrent writer that loses the rename race uses the
 * winner's entry. An entry whose files do not match `meta.json` (a crash before the data reached
 * the disk, manual tampering) is treated as absent and replaced.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, normalize, sep } from 'node:path';
import { RuntimeError, describeError } from './errors.js';

export const CACHE_FORMAT = 1;
const META_FILE = 'meta.json';

/** One import of the component: its full name and the key jco's glue reads it under. */
export interface ComponentImport {
  /** e.g. `wasi:cli/environment@0.2.12` */
  name: string;
  /** e.g. `wasi:cli/environment` */
  key: string;
}

export interface CacheMeta {
  format: typeof CACHE_FORMAT;
  /** SHA-256 (hex) of the component bytes. */
  sha256: string;
  variant: string;
  /** Display name of the component when it was first transpiled. */
  name: string;
  /** Size of the component in bytes. */
  size: number;
  /** The glue module's file name within the entry. */
  glue: string;
  /** Every file of the entry except meta.json, with its size in bytes. */
  files: Record<string, number>;
  imports: ComponentImport[];
  exports: [string, 'function' | 'instance'][];
  /** Whether the `_debugLog` glue patch was applied (see glue-patch.ts). */
  debugLogPatched: boolean;
  /** Whether the `_createdReps` glue patch was applied (see glue-patch.ts). */
  createdRepsPatched: boolean;
  transpileMs: number;
  createdAt: string;
}

/**
 * The default cache directory: `$WASI_CRYPTO_CACHE_DIR`, else `$XDG_CACHE_HOME/wasi-crypto-host`
 * (only if absolute, as the XDG spec requires), else `~/.cache/wasi-crypto-host`.
 */
export function defaultCacheDir(env: Record<string, string | undefined> = process.env): string {
  const explicit = env['WASI_CRYPTO_CACHE_DIR'];
  if (explicit) return explicit;
  const xdg = env['XDG_CACHE_HOME'];
  if (xdg && isAbsolute(xdg)) return join(xdg, 'wasi-crypto-host');
  return join(homedir(), '.cache', 'wasi-crypto-host');
}

export function entryDir(cacheDir: string, sha256: string, variant: string): string {
  return join(cacheDir, sha256, variant);
}

/** Rejects file names that would land outside the entry directory. */
function safeRelative(name: string): string {
  const n = normalize(name);
  if (isAbsolute(n) || n === '..' || n.startsWith(`..${sep}`) || n === META_FILE) {
    throw new RuntimeError('cache-failed', `refusing to cache a transpiled file named ${JSON.stringify(name)}`);
  }
  return n;
}

function isMeta(value: unknown, sha256: string, variant: string): value is CacheMeta {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Partial<CacheMeta>;
  return (
    m.format === CACHE_FORMAT &&
    m.sha256 === sha256 &&
    m.variant === variant &&
    typeof m.glue === 'string' &&
    typeof m.files === 'object' &&
    m.files !== null &&
    Object.hasOwn(m.files, m.glue) &&
    Array.isArray(m.imports) &&
    Array.isArray(m.exports)
  );
}

/**
 * The entry's metadata if `dir` holds a complete entry for (`sha256`, `variant`), else undefined.
 * Completeness is checked by file sizes (a stat per file), not by re-hashing.
 */
export async function readCacheEntry(dir: string, sha256: string, variant: string): Promise<CacheMeta | undefined> {
  let meta: unknown;
  try {
    meta = JSON.parse(await readFile(join(dir, META_FILE), 'utf8'));
  } catch {
    return undefined;
  }
  if (!isMeta(meta, sha256, variant)) return undefined;
  try {
    for (const [name, size] of Object.entries(meta.files)) {
      const s = await stat(join(dir, safeRelative(name)));
      if (!s.isFile() || s.size !== size) return undefined;
    }
  } catch {
    return undefined;
  }
  return meta;
}

/**
 * Writes an entry atomically (temp dir + rename) and returns the metadata of the entry that ends
 * up in place, which is another process's if it won the race.
 */
export async function writeCacheEntry(
  dir: string,
  files: Record<string, Uint8Array | string>,
  meta: CacheMeta,
): Promise<CacheMeta> {
  const parent = dirname(dir);
  const tmp = join(parent, `.tmp-${process.pid}-${randomBytes(6).toString('hex')}`);
  try {
    await mkdir(parent, { recursive: true, mode: 0o700 });
    await mkdir(tmp, { mode: 0o700 });
    for (const [name, data] of Object.entries(files)) {
      const path = join(tmp, safeRelative(name));
      await mkdir(dirname(path), { recursive: true, mode: 0o700 });
      await writeFile(path, data);
    }
    await writeFile(join(tmp, META_FILE), JSON.stringify(meta, null, 2) + '\n');
    for (let attempt = 0; ; attempt++) {
      try {
        await rename(tmp, dir);
        return meta;
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code !== 'EEXIST' && code !== 'ENOTEMPTY') throw e;
        const existing = await readCacheEntry(dir, meta.sha256, meta.variant);
        if (existing) return existing;
        if (attempt > 0) throw e;
        await rm(dir, { recursive: true, force: true }); // an incomplete entry: replace it
      }
    }
  } catch (e) {
    if (e instanceof RuntimeError) throw e;
    throw new RuntimeError(
      'cache-failed',
      `cannot write the transpile cache in ${parent}: ${describeError(e)} ` +
        '(choose another directory with --cache-dir or $WASI_CRYPTO_CACHE_DIR)',
      { cause: e },
    );
  } finally {
    await rm(tmp, { recursive: true, force: true }).catch(() => {});
  }
}
