/**
 * A randomised guest against the witx adapter: ≥ 10,000 calls of all 86 witx functions (the 78
 * of witx 0.10 and the 8 batch ones) with out-of-range and wrapping pointers, overlapping in/out
 * buffers, huge lengths, bad enum and option tags, live, closed, foreign-typed and never-issued
 * handles, a handle table kept near its limit, and a memory that grows during the run. Every call
 * must return an errno (0..30) and never throw; afterwards the same instance still computes
 * SHA-256("abc") and passes the whole case table, and disposing it leaves nothing on the host.
 *
 * Seed: WITX_FUZZ_SEED (default fixed, printed); calls: WITX_FUZZ_CALLS (default 20000).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCryptoHost } from '../../host/src/index.js';
import { VERSION_ALL, VERSION_LATEST, VERSION_UNSPECIFIED } from '../../host/src/abi/witx/index.js';
import { CASES, runCase } from './cases.js';
import { newMemory, witxRunner } from './runners.js';

const SEED = Number(process.env['WITX_FUZZ_SEED'] ?? 0x5eed1234) >>> 0;
const CALLS = Math.max(10_000, Number(process.env['WITX_FUZZ_CALLS'] ?? 20_000));
/** Functions whose 4th parameter (index 3) is an i64 (`version`, `timestamp`, `u64`). */
const I64_AT_3 = new Set([
  'options_set_u64',
  'secrets_manager_invalidate',
  'symmetric_key_from_id',
  'keypair_from_id',
  'external_secret_store',
  'external_secret_replace',
  'external_secret_from_id',
  'external_secret_invalidate',
  'external_secret_encapsulate',
]);

/** xorshift32: reproducible from the seed. */
function rng(seed: number): () => number {
  let x = seed || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
}

test(`witx fuzz: ${CALLS} random calls return errno values, never throw, and leave a working instance (seed ${SEED})`, () => {
  using host = createCryptoHost({ limits: { maxOutputBytes: 1 << 20 } });
  const memory = newMemory(2, 6);
  using runner = witxRunner(host, memory, { maxHandles: 300 });
  const d = runner.driver;
  const next = rng(SEED);
  const pick = <T>(xs: readonly T[]): T => xs[next() % xs.length]!;

  // A few real objects and well-formed inputs, so that random calls also reach the deep paths.
  const strings = ['SHA-256', 'HMAC/SHA-256', 'AES-256-GCM', 'Ed25519', 'ECDSA_P256_SHA256', 'X25519', 'nonce', 'memory', 'memory_limit', 'SHAKE-128', 'HKDF-EXPAND/SHA-256', 'NOPE'];
  const strPtrs = strings.map((s) => d.str(s));
  const pool = new Set<number>();
  const add = (h: number) => pool.add(h);
  const opts = d.out('options_open', 1);
  d.call('options_set', opts, ...d.str('nonce'), ...d.put(new Uint8Array(12)));
  add(opts);
  const optSome = d.opt(opts);
  const optNone = d.opt(undefined);
  const hmacKey = d.out('symmetric_key_import', ...d.str('HMAC/SHA-256'), ...d.put(new Uint8Array(32)));
  const gcmKey = d.out('symmetric_key_import', ...d.str('AES-256-GCM'), ...d.put(new Uint8Array(32)));
  const keySome = d.opt(gcmKey);
  const hmacSome = d.opt(hmacKey);
  for (const h of [hmacKey, gcmKey]) add(h);
  add(d.out('symmetric_state_open', ...d.str('SHA-256'), optNone, optNone));
  add(d.out('symmetric_state_open', ...d.str('HMAC/SHA-256'), hmacSome, optNone));
  add(d.out('symmetric_state_open', ...d.str('AES-256-GCM'), keySome, optSome));
  add(d.out('symmetric_state_open', ...d.str('SHAKE-128'), optNone, optNone));
  for (const alg of ['Ed25519', 'ECDSA_P256_SHA256']) {
    const kp = d.out('keypair_generate', 0, ...d.str(alg), optNone);
    add(kp);
    add(d.out('keypair_publickey', kp));
    add(d.out('keypair_secretkey', kp));
    const st = d.out('signature_state_open', kp);
    add(st);
    add(d.out('signature_state_sign', st));
  }
  const xkp = d.out('keypair_generate', 2, ...d.str('X25519'), optNone);
  add(xkp);
  add(d.out('keypair_publickey', xkp));
  add(d.out('keypair_secretkey', xkp));
  add(d.out('symmetric_key_export', hmacKey));
  add(d.out('secrets_manager_open', optNone));
  const fixed = [optSome, optNone, keySome, hmacSome];

  const fns = Object.values(d.witx.imports).flatMap((m) => Object.entries(m));
  assert.equal(fns.length, 86, 'all 78 witx 0.10 functions and the 8 batch functions are provided');

  const size = () => memory.buffer.byteLength;
  const arg32 = (prev: number[]): number => {
    switch (next() % 16) {
      case 0:
      case 1:
        return pick([...pool]) ?? 1; // a live (or since closed) handle
      case 2:
        return next() % 2000; // small handles, never-issued ones, enum values
      case 3:
        return next() % 6; // enum values and tags, mostly valid
      case 4:
        return next() % size(); // a pointer inside the memory
      case 5:
        return size() - (next() % 24); // a pointer at the very end
      case 6:
        return (0xffffffff - (next() % 64)) | 0; // huge (negative as i32): wrapping ranges
      case 7:
        return next() % 96; // a small length
      case 8:
        return pick([0x7fffffff, 0xffffffff | 0, 0x80000000 | 0, size(), size() + 1]); // huge lengths
      case 9:
        return prev.length > 0 ? pick(prev) : 0; // the same pointer again: overlapping buffers
      case 10:
        return pick(fixed); // a well-formed opt_* struct
      case 11:
        return next() | 0; // anything
      default:
        return next() % 4096; // low memory: strings, structs and results live here
    }
  };
  const arg64 = (): bigint => pick([0n, 1n, 2n, VERSION_UNSPECIFIED, VERSION_LATEST, VERSION_ALL, 0xffffffffffffffffn, BigInt(next()) << 20n, -1n]);

  const t0 = Date.now();
  const tally = new Map<number, number>();
  const thrown: string[] = [];
  let calls = 0;
  for (let i = 0; i < CALLS; i++) {
    const [name, fn] = pick(fns);
    const args: (number | bigint)[] = [];
    const prev: number[] = [];
    for (let k = 0; k < 8; k++) {
      if (k === 3 && I64_AT_3.has(name)) {
        args.push(arg64());
        continue;
      }
      // A known string (ptr, len) pair now and then, so names resolve.
      if (next() % 5 === 0 && k < 7) {
        const [p, l] = pick(strPtrs);
        args.push(p, l);
        prev.push(p);
        k++;
        continue;
      }
      // Most functions take a handle first (kx and key pairs two): favour live ones there.
      const favourHandle = (k === 0 && next() % 10 < 7) || (k === 1 && next() % 10 < 4);
      const v = favourHandle && pool.size > 0 ? pick([...pool]) : arg32(prev);
      args.push(v);
      prev.push(v >>> 0);
    }
    let r: number;
    try {
      r = fn(...args);
    } catch (e) {
      thrown.push(`${name}(${args.join(', ')}): ${e instanceof Error ? e.stack : String(e)}`);
      continue;
    } finally {
      calls++;
    }
    assert.ok(Number.isInteger(r) && r >= 0 && r <= 30, `${name} returned ${r}`);
    tally.set(r, (tally.get(r) ?? 0) + 1);
    // Handles written to in-memory out-parameters join the pool (some are garbage: also useful).
    if (r === 0) {
      for (const a of args) {
        if (typeof a === 'number' && a >>> 0 < 4096) {
          const h = d.u32(a >>> 0);
          if (h > 0 && h < 1_000_000) pool.add(h);
        }
      }
    }
    if (i % 4000 === 3999) {
      try {
        memory.grow(1); // detaches the old buffer: the adapter must re-read it
      } catch {
        // at the maximum
      }
    }
  }
  assert.deepEqual(thrown, [], `host exceptions:\n${thrown.slice(0, 5).join('\n')}`);
  assert.ok(calls >= 10_000);
  const summary = [...tally.entries()].sort((a, b) => b[1] - a[1]).map(([e, n]) => `${e}:${n}`).join(' ');
  console.log(`witx fuzz: seed ${SEED}, ${calls} calls in ${Date.now() - t0} ms, errno tally ${summary}`);
  // The run must have exercised both success and the memory-fault path, and kept going.
  assert.ok((tally.get(0) ?? 0) > 100, 'some calls succeeded');
  assert.ok((tally.get(1) ?? 0) > 1000, 'guest_error for bad ranges');
  assert.ok((tally.get(15) ?? 0) > 100, 'invalid_handle for bad handles');

  // Close whatever the run left open with the close function of its type; array_output has
  // none: pulling it to the end closes it.
  const t1 = Date.now();
  const pull = d.fn('array_output_pull');
  d.reset();
  const buf = d.alloc(1 << 16, 8);
  const out = d.alloc(4, 4);
  const left = d.witx.liveHandles();
  for (const { handle, kind } of left) {
    if (kind === 'array_output') {
      while (pull(handle, buf, 1 << 16, out) === 0 && d.witx.liveHandles().some((x) => x.handle === handle));
    } else {
      assert.equal(d.fn(`${kind}_close`)(handle), 0, `${kind}_close(${handle})`);
      assert.equal(d.fn(`${kind}_close`)(handle), 14, `closing ${kind} ${handle} twice is 'closed'`);
    }
  }
  assert.equal(d.witx.stats().handles, 0);
  console.log(`witx fuzz: ${left.length} handles left open, closed in ${Date.now() - t1} ms`);

  // The same instance still works: SHA-256("abc") and the whole case table.
  const sha = runCase(runner, CASES[0]!);
  assert.deepEqual(sha, { ok: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad' });
  for (const c of CASES) assert.deepEqual(runCase(runner, c), c.expect, c.name);
  runner[Symbol.dispose]();
  assert.equal(host.stats().handles.total, 0, JSON.stringify(host.stats().handles));
  assert.equal(host.stats().liveKeyMaterials, 0);
});
