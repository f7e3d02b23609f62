/**
 * The child of tests/store/kill.test.ts (not a test itself): opens the SQLite store `file` with
 * the KEK given in hex and inserts versions 1..count of one key id, one insert (one transaction)
 * each, writing `ack <version>` to stdout after each insert has returned — i.e. after its commit.
 * Version v's material is SHA-256(seed ‖ u32-BE(v)) so the parent can recompute it. The parent
 * kills this process with SIGKILL somewhere in the loop. (stdout on a pipe is synchronous on
 * POSIX, so an ack the parent reads was written after the commit, never before.)
 *
 * Usage: node kill-child.js <file> <kek-hex> <seed-hex> <count>
 */
import { createHash } from 'node:crypto';
import { writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openSqliteStore } from '../../host/src/store/sqlite.js';

export const KILL_TENANT = 'kill-test';
export const KILL_ID = '6b696c6c2d746573742d6b6579000001';

export function materialFor(seed: Uint8Array, version: number): Uint8Array {
  const v = new Uint8Array(4);
  new DataView(v.buffer).setUint32(0, version);
  return new Uint8Array(createHash('sha256').update(seed).update(v).digest());
}

export function recordFor(seed: Uint8Array, version: number) {
  return {
    tenant: KILL_TENANT,
    kind: 'symmetric' as const,
    id: KILL_ID,
    version,
    algorithm: 'AES-256-GCM',
    permissions: 0x7ff,
    expiration: 0,
    material: materialFor(seed, version),
  };
}

function main(argv: string[]): void {
  const [file, kekHex, seedHex, countArg] = argv;
  if (file === undefined || kekHex === undefined || seedHex === undefined || countArg === undefined) {
    throw new Error('usage: kill-child.js <file> <kek-hex> <seed-hex> <count>');
  }
  const store = openSqliteStore({ file, kek: new Uint8Array(Buffer.from(kekHex, 'hex')) });
  const seed = new Uint8Array(Buffer.from(seedHex, 'hex'));
  writeSync(1, 'open\n');
  for (let v = 1; v <= Number(countArg); v++) {
    store.insert({ ...recordFor(seed, v), createdAt: Date.now() });
    writeSync(1, `ack ${v}\n`); // synchronous write(2): done before the next insert starts
  }
  store.close();
  writeSync(1, 'done\n');
}

// Run as a script (the test imports the helpers above without running anything).
if (process.argv[1] !== undefined && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) main(process.argv.slice(2));
