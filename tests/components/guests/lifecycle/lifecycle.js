// Test guest for tests/components/lifecycle.test.ts: handle lifetimes, key wiping and sandboxing
// seen from a real component. Built with QuickJS only (scripts/build-guests.mjs), so WIT `u64`
// values are plain numbers here.
//
//   lifecycle churn N                opens and drops N × (1 hash state, 2 generated keys,
//                                    2 keyed states, 1 options) and prints a summary
//   lifecycle drop-key-then-encrypt  drops an AES-256-GCM key right after opening a state with
//                                    it, then encrypts through the state (NIST GCM test case 14)
//   lifecycle read-file PATH         reads PATH through the preopened directories
//   lifecycle not-implemented        prints the error case of functions this host lacks so far
//   lifecycle call-cost [N]          times N calls of two host imports from inside the guest
//
// Every scenario prints fixed-format lines; `run` fails (exit code 1) on a usage error or an
// unexpected exception.
import { hash, SymmetricKey, SymmetricState } from 'wasi:crypto/symmetric@0.12.0-draft';
import { Options, SecretsManager } from 'wasi:crypto/common@0.12.0-draft';
import { Keypair } from 'wasi:crypto/asymmetric-common@0.12.0-draft';
import { getArguments } from 'wasi:cli/environment@0.2.12';
import { getStdout } from 'wasi:cli/stdout@0.2.12';
import { getDirectories } from 'wasi:filesystem/preopens@0.2.12';

// --- helpers (QuickJS has no console and no TextEncoder) --------------------------------------

function ascii(text) {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0x7f;
  return out;
}

/** Bytes → string, one char per byte (the test only reads ASCII files). */
function latin1(bytes) {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
  return s;
}

const HEX = '0123456789abcdef';
function toHex(bytes) {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += HEX[bytes[i] >> 4] + HEX[bytes[i] & 15];
  return s;
}

function equalBytes(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

// Fetched on first use, not at module load: the top level runs at build time (Wizer snapshot),
// and a handle taken then is not valid at run time.
let stdout;
function print(line) {
  stdout ??= getStdout();
  const bytes = ascii(line + '\n');
  for (let off = 0; off < bytes.length; off += 4096) stdout.blockingWriteAndFlush(bytes.subarray(off, off + 4096));
}

function dispose(...handles) {
  for (const h of handles) if (h) h[Symbol.dispose]();
}

/** The error case a failed import call threw (QuickJS: an Error with `.payload`). */
function errorCase(e) {
  return e !== null && typeof e === 'object' && 'payload' in e ? String(e.payload) : `exception: ${e}`;
}

/** Calls `fn` (which should fail) and returns its error case; `ok (no error)` if it did not. */
function errorOf(fn) {
  try {
    const v = fn();
    if (v && typeof v[Symbol.dispose] === 'function') v[Symbol.dispose]();
  } catch (e) {
    return errorCase(e);
  }
  return 'ok (no error)';
}

class UsageError extends Error {}

// --- scenarios --------------------------------------------------------------------------------

function churn(nArg) {
  const n = Number(nArg);
  if (!Number.isSafeInteger(n) || n < 0) throw new UsageError(`churn: N must be a non-negative integer, got ${nArg}`);
  const data = ascii('lifecycle churn');
  const nonce = new Uint8Array(12);
  let handles = 0;
  let digest;
  for (let i = 0; i < n; i++) {
    // An unkeyed hash state.
    const h = SymmetricState.open('SHA-256', undefined, undefined);
    h.absorb(data);
    digest = h.squeeze(32);
    dispose(h);

    // A generated MAC key and a state opened with it.
    const macKey = SymmetricKey.generate('HMAC/SHA-256', undefined);
    const mac = SymmetricState.open('HMAC/SHA-256', macKey, undefined);
    mac.absorb(data);
    const tag = mac.squeezeTag();
    dispose(tag, mac, macKey);

    // A generated AEAD key, options carrying a nonce, and a state opened with both.
    const aeadKey = SymmetricKey.generate('AES-256-GCM', undefined);
    const options = new Options('symmetric');
    nonce[0] = i & 0xff;
    nonce[1] = (i >> 8) & 0xff;
    nonce[2] = (i >> 16) & 0xff;
    options.set('nonce', nonce);
    const aead = SymmetricState.open('AES-256-GCM', aeadKey, options);
    aead.encrypt(data);
    dispose(aead, options, aeadKey);

    handles += 7;
  }
  const oneShot = hash('SHA-256', data, undefined);
  if (n > 0 && !equalBytes(digest, oneShot)) throw new Error('churn: state digest differs from the one-shot hash');
  print(`churn: ${n} iterations, ${handles} handles opened and dropped`);
}

// McGrew & Viega GCM test case 14: K = 0^256, IV = 0^96, P = 0^128, no AAD.
const GCM_TC14 = 'cea7403d4d606b6e074ec5d3baf39d18d0d1c8a799996bf0265b98b5d48ab919';

function dropKeyThenEncrypt() {
  const keyBytes = new Uint8Array(32);
  const nonce = new Uint8Array(12);
  const plaintext = new Uint8Array(16);

  const key = SymmetricKey.import('AES-256-GCM', keyBytes);
  const options = new Options('symmetric');
  options.set('nonce', nonce);
  const state = SymmetricState.open('AES-256-GCM', key, options);
  dispose(key); // the state must keep working without the key handle
  const sealed = state.encrypt(plaintext);
  dispose(state, options);
  print(`drop-key-then-encrypt: ${toHex(sealed)}`);

  const key2 = SymmetricKey.import('AES-256-GCM', keyBytes);
  const opened = key2.open(nonce, new Uint8Array(0), sealed);
  dispose(key2);
  print(`drop-key-then-encrypt decrypt: ${equalBytes(opened, plaintext) ? 'ok' : `MISMATCH ${toHex(opened)}`}`);
  if (toHex(sealed) !== GCM_TC14) print('drop-key-then-encrypt: MISMATCH with NIST GCM test case 14');
}

function readFile(path) {
  if (!path) throw new UsageError('read-file: needs a PATH');
  const preopens = getDirectories();
  try {
    for (const [dir, guestPath] of preopens) {
      const base = guestPath.endsWith('/') ? guestPath : guestPath + '/';
      if (!path.startsWith(base)) continue;
      const rel = path.slice(base.length);
      let file;
      try {
        file = dir.openAt({ symlinkFollow: true }, rel, {}, { read: true });
        let text = '';
        let offset = 0;
        // Read until the first newline or EOF (u64 offsets are numbers in QuickJS).
        for (;;) {
          const [bytes, eof] = file.read(4096, offset);
          text += latin1(bytes);
          offset += bytes.length;
          if (eof || bytes.length === 0 || text.includes('\n')) break;
        }
        const nl = text.indexOf('\n');
        print(`read ok: ${nl === -1 ? text : text.slice(0, nl)}`);
        return;
      } catch (e) {
        print(`read failed: ${errorCase(e)}`);
        return;
      } finally {
        dispose(file);
      }
    }
    print(`read failed: no preopened directory contains ${path} (${preopens.length} preopen(s))`);
  } finally {
    for (const [dir] of preopens) dispose(dir);
  }
}

// RFC 8032 §7.1 TEST 1 key pair (seed || public key).
const ED_KEYPAIR =
  '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60' +
  'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a';

function notImplemented() {
  print(`SecretsManager.open: ${errorOf(() => SecretsManager.open(undefined))}`);
  print(`Keypair.generate(signatures, Ed25519ph): ${errorOf(() => Keypair.generate('signatures', 'Ed25519ph', undefined))}`);
  const raw = new Uint8Array(64);
  for (let i = 0; i < 64; i++) raw[i] = parseInt(ED_KEYPAIR.substr(2 * i, 2), 16);
  const keypair = Keypair.import('signatures', 'Ed25519', raw, 'raw');
  print(`Keypair.export(local) of Ed25519: ${errorOf(() => keypair.export('local'))}`);
  dispose(keypair);
}

/**
 * Per-call cost of host imports, timed from inside the guest with its own clock (Date.now):
 * N calls of a cheap import (`symmetric-key.algorithm`: a borrowed handle in, a short string out)
 * and of the one-shot `hash` of 64 bytes. Prints microseconds per call; for the closing notes and
 * the benchmarks, never asserted on (timings are not tests).
 */
function callCost(nArg) {
  const n = Number(nArg ?? 10000);
  if (!Number.isSafeInteger(n) || n <= 0) throw new UsageError(`call-cost: N must be a positive integer, got ${nArg}`);
  const key = SymmetricKey.generate('HMAC/SHA-256', undefined);
  const data = new Uint8Array(64);
  for (let i = 0; i < Math.min(n, 1000); i++) key.algorithm(); // warm-up
  let t0 = Date.now();
  for (let i = 0; i < n; i++) key.algorithm();
  const perAlgorithm = ((Date.now() - t0) * 1000) / n;
  t0 = Date.now();
  for (let i = 0; i < n; i++) hash('SHA-256', data, undefined);
  const perHash = ((Date.now() - t0) * 1000) / n;
  dispose(key);
  print(`call-cost: ${n} calls; symmetric-key.algorithm ${perAlgorithm.toFixed(2)} us/call; hash(SHA-256, 64 B) ${perHash.toFixed(2)} us/call`);
}

const SCENARIOS = {
  churn,
  'call-cost': callCost,
  'drop-key-then-encrypt': dropKeyThenEncrypt,
  'read-file': readFile,
  'not-implemented': notImplemented,
};

export const run = {
  run() {
    const [, scenario, ...args] = getArguments();
    const fn = SCENARIOS[scenario];
    try {
      if (!fn) throw new UsageError(`usage: lifecycle <${Object.keys(SCENARIOS).join('|')}> [args]`);
      fn(...args);
    } catch (e) {
      print(e instanceof UsageError ? e.message : `${scenario}: FAILED: ${e && e.stack ? e.stack : errorCase(e)}`);
      // wasi:cli/run's `result` has no payload: a thrown non-Error value becomes err (exit code 1).
      throw 'failed';
    }
  },
};
