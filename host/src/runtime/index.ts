/**
 * The runtime: load (transpile + cache) and instantiate components, run `wasi:cli/run` guests.
 *
 * ```ts
 * import { loadComponent, instantiate, run } from 'wasi-crypto-host/runtime';
 * const component = await loadComponent('guest.wasm');
 * const root = await instantiate(component, { imports: host.getImportObject() });
 * const code = await run(component, { imports: host.getImportObject(), args: ['guest.wasm'] });
 * ```
 * @module
 */
export { RuntimeError, ExitSignal, type RuntimeErrorCode } from './errors.js';
export { defaultCacheDir, type ComponentImport } from './cache.js';
export { loadComponent, LoadedComponent, transpileCount, type LoadOptions } from './load.js';
export { instantiate, type InstantiateOptions, type ComponentExports, type OutputSink } from './instantiate.js';
export { run, type RunOptions } from './run.js';
export { main } from './cli.js';
export { runCoreModule, instantiateCoreModule, isCoreModule, type CoreModuleOptions, type CoreModuleInstance } from './core-module.js';
