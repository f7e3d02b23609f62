/**
 * WebAssembly features that guests need but that the running engine may keep behind a flag.
 *
 * QuickJS components (componentize-qjs) use extended constant expressions (`i32.add` in a global
 * initializer). Node 22 has them on by default; Node 20 (V8 11.3) needs
 * `--experimental-wasm-extended-const`, or compiling fails with "opcode i32.add is not allowed in
 * constant expressions". Measured on Node 20.20: `v8.setFlagsFromString()` after start-up is
 * enough, also for `WebAssembly.compile` after other modules were compiled (and after a compile
 * failed for this reason), so no re-exec with the flag is needed.
 *
 * The flag is only set if a probe module does not validate, so newer engines are left alone.
 * @module
 */
import { setFlagsFromString } from 'node:v8';
import { wasm } from './wasm.js';

/** `(module (global i32 (i32.add (i32.const 1) (i32.const 2))))` */
const EXTENDED_CONST_PROBE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // preamble
  0x06, 0x09, 0x01, 0x7f, 0x00, 0x41, 0x01, 0x41, 0x02, 0x6a, 0x0b, // global section
]);

let checked: boolean | undefined;

/**
 * Makes sure extended-const is enabled; returns whether it is. Idempotent and cheap after the
 * first call. Only ever changes V8 flags on Node, and only this one.
 */
export function ensureExtendedConst(): boolean {
  if (checked !== undefined) return checked;
  if (wasm.validate(EXTENDED_CONST_PROBE)) return (checked = true);
  if (typeof process !== 'undefined' && process.versions?.node) {
    setFlagsFromString('--experimental-wasm-extended-const');
  }
  return (checked = wasm.validate(EXTENDED_CONST_PROBE));
}
