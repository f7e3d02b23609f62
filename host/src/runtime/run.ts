/**
 * Running a `wasi:cli/run` component to completion, like `wasmtime run`.
 * @module
 */
import { ExitSignal, RuntimeError, describeError } from './errors.js';
import { type ComponentExports, type InstantiateOptions, instantiate } from './instantiate.js';
import { type LoadOptions, LoadedComponent, loadComponent } from './load.js';

export interface RunOptions extends InstantiateOptions, LoadOptions {}

interface RunInterface {
  run(): void;
}

/**
 * jco exposes the export both as `root['wasi:cli/run@0.2.x']` and as `root.run`; prefer the
 * versioned name, which cannot be a world-level export that happens to be called `run`.
 */
function findRun(root: ComponentExports): RunInterface | undefined {
  const key = Object.keys(root).find((k) => /^wasi:cli\/run@0\.2\.\d+/.test(k));
  const candidate = (key !== undefined ? root[key] : undefined) ?? root['run'];
  if (typeof candidate === 'object' && candidate !== null && typeof (candidate as RunInterface).run === 'function') {
    return candidate as RunInterface;
  }
  return undefined;
}

/** jco's glue throws its own `ComponentError` (own `payload`) for an `err` returned by an export. */
function isComponentError(e: unknown): boolean {
  return e instanceof Error && Object.hasOwn(e, 'payload') && e.constructor.name === 'ComponentError';
}

/**
 * Loads (if given a path or bytes), instantiates and runs a `wasi:cli/run` component; returns
 * its exit code: 0 when `run` returns ok, 1 when it returns err, or the code passed to
 * `wasi:cli/exit`. A trap becomes `RuntimeError('trap')`; a component without the export,
 * `RuntimeError('not-a-command')`.
 */
export async function run(component: LoadedComponent | Uint8Array | string, opts: RunOptions = {}): Promise<number> {
  const loaded = component instanceof LoadedComponent ? component : await loadComponent(component, opts);
  let runner: RunInterface | undefined;
  try {
    const root = await instantiate(loaded, opts);
    runner = findRun(root);
    if (!runner) {
      throw new RuntimeError(
        'not-a-command',
        `component ${loaded.name} does not export wasi:cli/run (exports: ${Object.keys(root).join(', ') || 'none'})`,
      );
    }
  } catch (e) {
    if (e instanceof ExitSignal) return e.code; // exit() during start-up
    throw e;
  }
  try {
    runner.run();
    return 0;
  } catch (e) {
    if (e instanceof ExitSignal) return e.code;
    if (isComponentError(e)) return 1;
    throw new RuntimeError('trap', `component ${loaded.name} trapped: ${describeError(e)}`, { cause: e });
  }
}
