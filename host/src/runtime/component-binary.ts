/**
 * Just enough of the component binary format to reject wrong inputs early and to name imports.
 *
 * - {@link checkComponentHeader}: the 8-byte preamble. A component is `\0asm` + version 0x0d +
 *   layer 1 (`0d 00 01 00`); a core module is `\0asm` + `01 00 00 00` (layer 0).
 * - {@link readTopLevelImports}: the names in the outer component's import sections, with their
 *   versions (`wasi:cli/environment@0.2.12`). jco's transpile result lists imports *without*
 *   versions (the keys its glue reads), so these are what error messages show.
 *
 * Reference: component-model `Binary.md` (preamble, `import`, `importname'`, `externdesc`).
 * @module
 */
import { RuntimeError } from './errors.js';

const MAGIC = [0x00, 0x61, 0x73, 0x6d] as const;
const COMPONENT_VERSION = 0x0d;
const SECTION_IMPORT = 10;

/**
 * Throws `RuntimeError('core-module' | 'not-a-component')` unless `bytes` start with the preamble
 * of a component this toolchain understands. `what` names the input in the message.
 */
export function checkComponentHeader(bytes: Uint8Array, what: string): void {
  const hasMagic = bytes.length >= 8 && MAGIC.every((b, i) => bytes[i] === b);
  if (!hasMagic) {
    throw new RuntimeError('not-a-component', `${what} is not a WebAssembly component (no \\0asm header)`);
  }
  const version = bytes[4]! | (bytes[5]! << 8);
  const layer = bytes[6]! | (bytes[7]! << 8);
  if (layer === 0) {
    throw new RuntimeError(
      'core-module',
      `${what} is a core WebAssembly module, not a component ` +
        '(wrap it first, e.g. `jco new module.wasm --wasi-command -o component.wasm`)',
    );
  }
  if (layer !== 1 || version !== COMPONENT_VERSION) {
    const hex = Array.from(bytes.subarray(4, 8), (b) => b.toString(16).padStart(2, '0')).join(' ');
    throw new RuntimeError(
      'not-a-component',
      `${what} has an unsupported WebAssembly header (version/layer bytes ${hex}; a component has 0d 00 01 00)`,
    );
  }
}

class Reader {
  pos: number;
  constructor(
    readonly bytes: Uint8Array,
    start: number,
    readonly end: number,
  ) {
    this.pos = start;
  }
  byte(): number {
    if (this.pos >= this.end) throw new RangeError('unexpected end of section');
    return this.bytes[this.pos++]!;
  }
  /** unsigned LEB128 up to 32 bits (also skips an s33 valtype, which is at most 5 bytes). */
  u32(): number {
    let result = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      const b = this.byte();
      result += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return result;
    }
    throw new RangeError('LEB128 value too long');
  }
  name(): string {
    const len = this.u32();
    if (this.pos + len > this.end) throw new RangeError('name runs past the section');
    const text = new TextDecoder('utf-8', { fatal: true }).decode(this.bytes.subarray(this.pos, this.pos + len));
    this.pos += len;
    return text;
  }
}

/** Skips one `externdesc`. */
function skipExternDesc(r: Reader): void {
  const sort = r.byte();
  switch (sort) {
    case 0x00: // core module: 0x00 0x11 typeidx
      if (r.byte() !== 0x11) throw new RangeError('bad core-module externdesc');
      r.u32();
      return;
    case 0x01: // func typeidx
    case 0x04: // component typeidx
    case 0x05: // instance typeidx
      r.u32();
      return;
    case 0x02: // value: 0x00 valueidx | 0x01 valtype
      r.byte();
      r.u32();
      return;
    case 0x03: // type: 0x00 typeidx (eq) | 0x01 (sub resource)
      if (r.byte() === 0x00) r.u32();
      return;
    default:
      throw new RangeError(`unknown externdesc sort 0x${sort.toString(16)}`);
  }
}

/**
 * The import names of the outer component, in order, e.g. `['example:missing/thing@1.0.0', …]`.
 * Nested components and core modules are skipped. Returns `undefined` if the binary uses an
 * encoding this reader does not know (callers then fall back to jco's unversioned names).
 */
export function readTopLevelImports(bytes: Uint8Array): string[] | undefined {
  const names: string[] = [];
  try {
    const top = new Reader(bytes, 8, bytes.length);
    while (top.pos < top.end) {
      const id = top.byte();
      const size = top.u32();
      const start = top.pos;
      if (start + size > bytes.length) return undefined;
      if (id === SECTION_IMPORT) {
        const r = new Reader(bytes, start, start + size);
        const count = r.u32();
        for (let i = 0; i < count; i++) {
          const tag = r.byte();
          if (tag !== 0x00 && tag !== 0x01) return undefined;
          names.push(r.name());
          if (tag === 0x01) r.name(); // versionsuffix'
          skipExternDesc(r);
        }
      }
      top.pos = start + size;
    }
  } catch {
    return undefined;
  }
  return names;
}

/** `wasi:cli/environment@0.2.12` → `wasi:cli/environment` (the key jco's glue reads). */
export function unversioned(name: string): string {
  const at = name.indexOf('@');
  return at === -1 ? name : name.slice(0, at);
}
