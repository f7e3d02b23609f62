#!/usr/bin/env node
// Renames the export shims of AssemblyScript bindings (as.mjs) to their canonical-ABI names.
// AssemblyScript can only export identifiers, but a component's core module must export
// `pkg:ns/iface@v#func` and `cabi_post_…`; as.mjs names each shim `_wx_` + the core name with every
// character outside [A-Za-z0-9] written `_xx` (hex), and this rewrites the export section.
//
//   node scripts/bindgen/wasm-exports.mjs in.wasm out.wasm
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

function readLeb(b, p) {
  let r = 0;
  let s = 0;
  let x;
  do {
    x = b[p++];
    r += (x & 0x7f) * 2 ** s;
    s += 7;
  } while (x & 0x80);
  return [r, p];
}
function leb(n) {
  const out = [];
  do {
    let x = n & 0x7f;
    n = Math.floor(n / 128);
    if (n) x |= 0x80;
    out.push(x);
  } while (n);
  return out;
}

export function decodeExportIdent(name) {
  if (!name.startsWith('_wx_')) return name;
  return name.slice(4).replace(/_([0-9a-f]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16)));
}

/** Returns the module with `_wx_…` exports renamed. */
export function renameExports(bytes) {
  if (bytes[0] !== 0 || bytes[1] !== 0x61 || bytes[2] !== 0x73 || bytes[3] !== 0x6d) throw new Error('not a wasm module');
  const parts = [bytes.subarray(0, 8)];
  let p = 8;
  const enc = new TextEncoder();
  const dec = new TextDecoder();
  while (p < bytes.length) {
    const start = p;
    const id = bytes[p++];
    let size;
    [size, p] = readLeb(bytes, p);
    const end = p + size;
    if (id !== 7) {
      parts.push(bytes.subarray(start, end));
      p = end;
      continue;
    }
    let q = p;
    let count;
    [count, q] = readLeb(bytes, q);
    const body = [...leb(count)];
    for (let i = 0; i < count; i++) {
      let n;
      [n, q] = readLeb(bytes, q);
      const name = decodeExportIdent(dec.decode(bytes.subarray(q, q + n)));
      q += n;
      const kind = bytes[q++];
      let idx;
      [idx, q] = readLeb(bytes, q);
      const nb = enc.encode(name);
      body.push(...leb(nb.length), ...nb, kind, ...leb(idx));
    }
    parts.push(Uint8Array.from([7, ...leb(body.length), ...body]));
    p = end;
  }
  const total = parts.reduce((n, x) => n + x.length, 0);
  const out = new Uint8Array(total);
  let o = 0;
  for (const x of parts) {
    out.set(x, o);
    o += x.length;
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [, , input, output] = process.argv;
  if (!input || !output) {
    console.error('usage: node scripts/bindgen/wasm-exports.mjs in.wasm out.wasm');
    process.exit(2);
  }
  writeFileSync(output, renameExports(readFileSync(input)));
}
