/**
 * The few `WebAssembly` JS-API members the runtime uses, typed locally: the project compiles
 * without the DOM lib and @types/node does not declare the `WebAssembly` namespace.
 * @module
 */

/** A compiled core module (opaque here; the glue passes it to `WebAssembly.instantiate`). */
export interface WasmModule {
  readonly __wasmModule?: never;
}

interface WebAssemblyApi {
  compile(bytes: Uint8Array): Promise<WasmModule>;
  validate(bytes: Uint8Array): boolean;
}

export const wasm = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;
