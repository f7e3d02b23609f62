/**
 * Source patches applied to jco's generated glue before it is cached.
 *
 * jco 1.35.0 (jco-transpile 0.15.0) emits, inside `instantiate()`:
 *
 * ```js
 *   const _debugLog = (...args) => {
 *     if (!globalThis?.process?.env?.JCO_DEBUG) { return; }
 *     console.debug(...args);
 *   };
 * ```
 *
 * and calls it several times per host-import call. Reading `process.env` is slow in Node, and the
 * toolchain probe measured 46% of a host call's time there (check-alg: 7.6 µs → 4.3 µs without
 * it). The patch reads `JCO_DEBUG` once per instantiation instead, so the glue's debug logging
 * still works when `JCO_DEBUG` is set before instantiating, and the per-call check disappears.
 * `process.env` itself is never touched.
 *
 * Second patch ({@link patchCreatedReps}): jco 1.35.0's `rscTableCreateOwn`, run for every
 * resource handle the component creates, does `table._createdReps.add(rep)` into a per-table Set
 * that nothing ever reads or deletes from, and reps are never reused (`++captureCnt`). Every
 * resource a guest opens and drops so leaves ~29 bytes of host heap behind for the life of the
 * instance: measured by `npm run bench -- --leak`, the JS heap grew ~290 KiB per 10,000
 * open/drop cycles of a do-nothing resource, from both engines. The patch removes the write.
 *
 * Each match is exact (modulo whitespace). If a jco upgrade changes the text, the glue is cached
 * without that patch and the caller is told; bump {@link GLUE_PATCH_VERSION} when a patch changes,
 * so cache entries written by an older patch are not reused.
 * @module
 */

export const GLUE_PATCH_VERSION = 2;

const DEBUG_LOG_PATTERN =
  /const _debugLog = \(\.\.\.args\) => \{\s*if \(!globalThis\?\.process\?\.env\?\.JCO_DEBUG\) \{ return; \}\s*console\.debug\(\.\.\.args\);\s*\};/g;

const DEBUG_LOG_REPLACEMENT =
  `/* wasi-crypto-host glue patch v${GLUE_PATCH_VERSION}: JCO_DEBUG is read once per instantiation, not per call */ ` +
  'const _debugLog = globalThis?.process?.env?.JCO_DEBUG ? (...args) => { console.debug(...args); } : () => {};';

export interface PatchResult {
  source: string;
  /** True if the `_debugLog` helper was found and replaced. */
  patched: boolean;
  /** Why the patch was not applied (for a progress/warning line). */
  problem?: string;
}

/** Replaces jco's per-call `JCO_DEBUG` check in the glue; see the module comment. */
export function patchDebugLog(source: string): PatchResult {
  const matches = source.match(DEBUG_LOG_PATTERN)?.length ?? 0;
  if (matches !== 1) {
    return {
      source,
      patched: false,
      problem:
        matches === 0
          ? "jco's `_debugLog` helper was not found in the generated glue"
          : `jco's \`_debugLog\` helper was found ${matches} times in the generated glue, expected once`,
    };
  }
  const patched = source.replace(DEBUG_LOG_PATTERN, DEBUG_LOG_REPLACEMENT);
  if (patched.includes('process?.env?.JCO_DEBUG) {')) {
    return { source, patched: false, problem: 'the generated glue reads JCO_DEBUG in more places than `_debugLog`' };
  }
  return { source: patched, patched: true };
}

const CREATED_REPS_PATTERN = /\btable\._createdReps\.add\(rep\);/g;

/** Removes jco's write-only, never-pruned `_createdReps` bookkeeping; see the module comment. */
export function patchCreatedReps(source: string): PatchResult {
  const matches = source.match(CREATED_REPS_PATTERN)?.length ?? 0;
  if (matches !== 1) {
    return {
      source,
      patched: false,
      problem:
        matches === 0
          ? "jco's `table._createdReps.add(rep)` was not found in the generated glue"
          : `jco's \`table._createdReps.add(rep)\` was found ${matches} times in the generated glue, expected once`,
    };
  }
  // Nothing may read the Set for the removal to be safe: only its initialisations may remain.
  const reads = source.match(/_createdReps(?!\s*=\s*new Set\(\)|\.add\(rep\);)/g)?.length ?? 0;
  if (reads !== 0) return { source, patched: false, problem: 'the generated glue reads `_createdReps`' };
  return {
    source: source.replace(CREATED_REPS_PATTERN, `/* wasi-crypto-host glue patch v${GLUE_PATCH_VERSION}: createdReps bookkeeping removed (write-only, never pruned) */`),
    patched: true,
  };
}
