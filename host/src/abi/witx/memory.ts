/**
 * Checked access to a guest's linear memory. Every access re-reads `memory.buffer` (a guest may
 * have grown its memory since the last call, which detaches the old buffer) and checks the whole
 * range `[ptr, ptr + len)` against the current size. Pointers and lengths arrive from wasm as
 * signed i32 and are read as u32, so a range can never wrap: `ptr + len` is computed in a JS
 * number (up to 2^33) and compared with the memory size. A bad range is `guest_error`.
 * Reads return copies, never views, so no view outlives the call that made it.
 */
import { Errno, fault } from './errno.js';

/**
 * A guest memory as the JS API shows it (`WasmMemory`; typed locally because the project
 * compiles without the DOM lib and @types/node does not declare the `WebAssembly` namespace).
 */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(deltaPages: number): number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export class GuestMemory {
  #memory: WasmMemory | undefined;

  bind(memory: WasmMemory): void {
    this.#memory = memory;
  }

  get bound(): boolean {
    return this.#memory !== undefined;
  }

  #buffer(): ArrayBuffer {
    const m = this.#memory;
    if (m === undefined) fault(Errno.guest_error, 'the guest exports no memory');
    return m.buffer as ArrayBuffer;
  }

  /** Fails with `guest_error` unless `[ptr, ptr + len)` lies inside the memory. Returns the u32 values. */
  check(ptr: number, len: number): [number, number] {
    const p = ptr >>> 0;
    const n = len >>> 0;
    const size = this.#buffer().byteLength;
    if (p + n > size) fault(Errno.guest_error, `range [${p}, ${p + n}) is outside the guest memory (${size} bytes)`);
    return [p, n];
  }

  /** A copy of `len` bytes at `ptr`. */
  read(ptr: number, len: number): Uint8Array {
    const [p, n] = this.check(ptr, len);
    return new Uint8Array(this.#buffer(), p, n).slice();
  }

  /** A UTF-8 string (algorithm and option names); invalid UTF-8 is `guest_error`. */
  readString(ptr: number, len: number): string {
    const bytes = this.read(ptr, len);
    try {
      return utf8.decode(bytes);
    } catch {
      fault(Errno.guest_error, 'a string is not valid UTF-8');
    }
  }

  /** Writes `data` at `ptr` (checked first; nothing is written on failure). */
  write(ptr: number, data: Uint8Array): void {
    const [p] = this.check(ptr, data.length);
    new Uint8Array(this.#buffer(), p, data.length).set(data);
  }

  readU8(ptr: number): number {
    const [p] = this.check(ptr, 1);
    return new DataView(this.#buffer()).getUint8(p);
  }

  readU32(ptr: number): number {
    const [p] = this.check(ptr, 4);
    return new DataView(this.#buffer()).getUint32(p, true);
  }

  writeU32(ptr: number, value: number): void {
    const [p] = this.check(ptr, 4);
    new DataView(this.#buffer()).setUint32(p, value >>> 0, true);
  }

  writeU64(ptr: number, value: bigint): void {
    const [p] = this.check(ptr, 8);
    new DataView(this.#buffer()).setBigUint64(p, BigInt.asUintN(64, value), true);
  }
}
