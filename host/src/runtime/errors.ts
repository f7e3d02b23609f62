/**
 * Errors of the runtime (load, transpile, cache, instantiate, run).
 *
 * Every failure the runtime can explain is a {@link RuntimeError} with a stable `code`; the CLI
 * prints its `message` as one line. Anything else (a bug, a trap inside an export the embedder
 * called) propagates unchanged.
 * @module
 */

export type RuntimeErrorCode =
  /** The component path does not exist. */
  | 'not-found'
  /** The component path exists but cannot be read (a directory, no permission). */
  | 'unreadable'
  /** The bytes are not WebAssembly at all. */
  | 'not-a-component'
  /** The bytes are a core WebAssembly module, not a component. */
  | 'core-module'
  /** jco failed to transpile the component. */
  | 'transpile-failed'
  /** The transpile cache cannot be read or written. */
  | 'cache-failed'
  /** The component imports an interface that neither WASI nor the embedder provides. */
  | 'missing-import'
  /** A preopened host directory does not exist or is not a directory. */
  | 'invalid-preopen'
  /** Compiling or instantiating the core modules failed (including a trap during start-up). */
  | 'instantiate-failed'
  /** `run()` was given a component that does not export `wasi:cli/run`. */
  | 'not-a-command'
  /** The guest trapped (or a host import threw outside a `result`). */
  | 'trap';

export class RuntimeError extends Error {
  readonly code: RuntimeErrorCode;
  constructor(code: RuntimeErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RuntimeError';
    this.code = code;
  }
}

/**
 * Thrown by the runtime's `wasi:cli/exit` import instead of exiting the host process
 * (preview2-shim 0.26.0's own `exit` calls `process.exit`). `run()` turns it into an exit code;
 * an embedder calling exports itself sees it as an exception carrying the guest's exit code.
 * The instance must not be used afterwards: the guest's stack was unwound mid-call.
 */
export class ExitSignal extends Error {
  readonly code: number;
  constructor(code: number) {
    super(`guest exited with code ${code}`);
    this.name = 'ExitSignal';
    this.code = code;
  }
}

/** `"message"` of an unknown thrown value, for one-line error reports. */
export function describeError(e: unknown): string {
  if (e instanceof Error) return e.message || e.name;
  if (typeof e === 'string') return e;
  try {
    return JSON.stringify(e) ?? String(e);
  } catch {
    return String(e);
  }
}
