// crypto.getRandomValues for @noble inside the bench guest. Imported first by bench.js, so that
// it is in place before @noble's modules run.
//
// StarlingMonkey has a native crypto.getRandomValues; the QuickJS build has no `crypto` global.
// Both are replaced by one backed by wasi:random that THROWS until the guest is live (the first
// call of an export, see `goLive`). Reason: the top level runs at build time inside Wizer, where
// calling any import (StarlingMonkey's native getRandomValues calls wasi:random too) is a trap
// that fails the build, and @noble/curves 2.x probes the RNG at module load (ScalarMultiplier,
// ecdsa) to enable scalar blinding. A throwing probe is caught by @noble, which then just runs
// without blinding — in both engines alike.
import { getRandomBytes } from 'wasi:random/random@0.2.12';

let live = false;
/** WIT u64 arguments: StarlingMonkey takes a BigInt, the QuickJS build a number (a BigInt panics). */
let u64IsBigInt = false;

/**
 * Called by the exports: from now on imports may be called. `bigintU64`: whether this engine's
 * bindings use BigInt for u64 (bench.js learns it from the clock's `now()`).
 */
export function goLive(bigintU64) {
  live = true;
  u64IsBigInt = bigintU64;
}

function randomBytes(n) {
  // Both engines' bindings accept a plain number for a u64 argument (measured: the symmetric test
  // guest's `setU64` takes a number on both); a BigInt panics the QuickJS build.
  void u64IsBigInt;
  return getRandomBytes(n);
}

function getRandomValues(array) {
  if (!live) throw new Error('bench guest: no randomness at build time (Wizer)');
  const view = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
  view.set(randomBytes(view.length));
  return array;
}

try {
  Object.defineProperty(globalThis, 'crypto', { value: { getRandomValues }, configurable: true, writable: true });
} catch {
  globalThis.crypto = { getRandomValues };
}
