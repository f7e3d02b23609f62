import { CryptoError } from './errors.js';

/**
 * Reference-counted secret key material.
 *
 * The spec lets a guest drop a key right after opening a state with it, so the key bytes are shared:
 * every user (key handle, state, slot) calls `retain()` and later `release()`; when the last user lets
 * go, the bytes are overwritten with zeros and every backend-side cache entry is dropped.
 * Node `KeyObject`s held in `cache` cannot be wiped: best effort, documented in the README.
 */
export class KeyMaterial {
  #bytes: Uint8Array;
  #refs = 1;
  #onWipe: ((k: KeyMaterial) => void) | undefined;
  /** Backend-private parsed forms of this key (e.g. a node:crypto KeyObject), keyed by backend. */
  readonly cache = new Map<string, unknown>();

  /** Takes ownership of `bytes` (the caller must not keep another reference). Starts with one reference. */
  constructor(bytes: Uint8Array, onWipe?: (k: KeyMaterial) => void) {
    this.#bytes = bytes;
    this.#onWipe = onWipe;
  }

  /** Copies `bytes` so the caller's buffer stays its own. */
  static copyOf(bytes: Uint8Array, onWipe?: (k: KeyMaterial) => void): KeyMaterial {
    return new KeyMaterial(Uint8Array.from(bytes), onWipe);
  }

  get length(): number {
    return this.#bytes.length;
  }

  get wiped(): boolean {
    return this.#refs === 0;
  }

  /** The live bytes, for backends only. Never hand this array to a guest: copy it. */
  get bytes(): Uint8Array {
    // Reachable only after the host itself was disposed under a live guest: an invalid handle.
    if (this.#refs === 0) throw new CryptoError('invalid-handle', 'key material was wiped (the host was disposed)');
    return this.#bytes;
  }

  /** A fresh copy of the bytes, safe to give away. */
  copy(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }

  retain(): this {
    if (this.#refs === 0) throw new CryptoError('invalid-handle', 'key material was wiped (the host was disposed)');
    this.#refs++;
    return this;
  }

  /** Drops one reference; wipes the bytes when it was the last. Returns true when wiped. */
  release(): boolean {
    if (this.#refs === 0) return false;
    this.#refs--;
    if (this.#refs > 0) return false;
    this.#bytes.fill(0);
    this.cache.clear();
    const cb = this.#onWipe;
    this.#onWipe = undefined;
    cb?.(this);
    return true;
  }

  /** For tests: a view that lets a test check the bytes were zeroed after the last release. */
  unsafeRawView(): Uint8Array {
    return this.#bytes;
  }
}
