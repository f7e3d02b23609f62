// Test guest for tests/components/symmetric.test.ts: AEADs, HKDF and password hashes of
// wasi:crypto/symmetric (docs/symmetric.md) seen from a real component. Built for both engines
// (scripts/build-guests.mjs): StarlingMonkey and QuickJS, from this one source.
//
//   symmetric aead-stream ALG KEYHEX NONCEHEX ADHEX PTHEX
//       symmetric-state with the `nonce` option: absorb(ad) + encrypt, a second encrypt on the same
//       state, decrypt in a second state, encrypt-detached / decrypt-detached, and decryption of a
//       tampered ciphertext (first byte flipped) and of a tampered detached tag
//   symmetric aead-oneshot ALG KEYHEX NONCEHEX ADHEX PTHEX
//       symmetric-key.seal / open, open of a tampered ciphertext, seal with a nonce one byte short
//   symmetric aead-autononce ALG KEYHEX PTHEX
//       a state opened without a nonce (no options; then empty options) encrypts; the nonce it drew
//       is read back with options-get("nonce"); a third state decrypts with that nonce
//   symmetric kdf IKMHEX SALTHEX INFOHEX LEN NONCEHEX MSGHEX
//       HKDF-EXTRACT/SHA-256 key (IKM) → absorb(salt) → squeeze-key(HKDF-EXPAND/SHA-256) = PRK →
//       expand state absorb(info) → squeeze(LEN) = OKM; OKM[0..32] imported as an AES-256-GCM key
//       seals MSG under NONCE with no associated data
//   symmetric pwhash ALG PWHEX LEN [NAME=VALUE…]
//       open(ALG, key?, options) → absorb(password) → squeeze(LEN) and squeeze-tag on the same
//       state. NAME is an option: salt, context (hex bytes); ops_limit, memory_limit, parallelism,
//       block_size (decimal u64); or `key` (hex: the optional ARGON2 secret, imported as a key)
//
// An empty hex argument may be given as `-`. Every scenario prints ONE line: a JSON object whose
// fields are the steps, each `{"ok": value}` (byte strings in lower-case hex), `{"err": "<error
// code>"}` (the wasi:crypto error-code the call failed with), or `{"skipped": "<why>"}` when an
// earlier step it needs failed. A usage error or an exception that is not a wasi:crypto error
// makes `run` fail (exit code 1) after printing what happened.
import { SymmetricKey, SymmetricState } from 'wasi:crypto/symmetric@0.12.0-draft';
import { Options } from 'wasi:crypto/common@0.12.0-draft';
import { getArguments } from 'wasi:cli/environment@0.2.12';
import { getStdout } from 'wasi:cli/stdout@0.2.12';

// --- helpers (QuickJS has no console and no TextEncoder; both engines get the same code) -------

function ascii(text) {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0x7f;
  return out;
}

/** Bytes → string, one char per byte (squeeze-tag of a password hash is an ASCII string). */
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

class UsageError extends Error {}

function fromHex(hex, what) {
  if (hex === undefined) throw new UsageError(`missing argument: ${what}`);
  if (hex === '-') return new Uint8Array(0);
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) throw new UsageError(`${what}: not a hex string: ${hex}`);
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.substr(2 * i, 2), 16);
  return out;
}

function uint(text, what) {
  if (text === undefined || !/^[0-9]+$/.test(text)) throw new UsageError(`${what}: not a non-negative integer: ${text}`);
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new UsageError(`${what}: too large: ${text}`);
  return n;
}

/** A copy of `bytes` with bit 0 of byte `at` flipped. */
function flipped(bytes, at = 0) {
  const out = bytes.slice();
  out[at] ^= 1;
  return out;
}

// Fetched on first use, not at module load: the top level runs at build time (Wizer snapshot),
// and a handle taken then is not valid at run time (both engines).
let stdout;
function print(line) {
  stdout ??= getStdout();
  const bytes = ascii(line + '\n');
  // blocking-write-and-flush takes at most 4096 bytes a call.
  for (let off = 0; off < bytes.length; off += 4096) stdout.blockingWriteAndFlush(bytes.subarray(off, off + 4096));
}

/**
 * The wasi:crypto error-code of a failed import call: StarlingMonkey throws a ComponentError,
 * QuickJS an Error, both with the case in `.payload`. Anything else is not a wasi:crypto error.
 */
function isCryptoError(e) {
  return e !== null && typeof e === 'object' && 'payload' in e && typeof e.payload === 'string';
}

/**
 * WIT u64: StarlingMonkey (componentize-js) maps it to BigInt, the QuickJS build to a plain
 * number. Which one this engine wants is learnt on the first call: the wrong kind is a TypeError
 * in the bindings, not a wasi:crypto error.
 */
let u64IsBigInt;
function u64Call(fn, value) {
  if (u64IsBigInt !== undefined) return fn(u64IsBigInt ? BigInt(value) : value);
  try {
    const r = fn(value);
    u64IsBigInt = false;
    return r;
  } catch (e) {
    if (isCryptoError(e)) {
      u64IsBigInt = false;
      throw e;
    }
    const r = fn(BigInt(value));
    u64IsBigInt = true;
    return r;
  }
}

/** A u64 result as JSON can carry it (a BigInt cannot be serialized). */
function u64Value(v) {
  return typeof v === 'bigint' ? (v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : String(v)) : v;
}

/** Thrown inside a step whose input comes from an earlier step that failed. */
class Skip {
  constructor(why) {
    this.why = why;
  }
}

function need(...values) {
  if (values.some((v) => v === undefined)) throw new Skip('an earlier step it needs failed');
}

/**
 * One scenario's output: `step` runs a call and records its outcome under a label; every handle
 * registered with `own` is dropped at the end (StarlingMonkey drops handles only when told).
 */
class Report {
  constructor(scenario, fields) {
    this.out = { scenario, ...fields };
    this.handles = [];
  }

  own(handle) {
    if (handle) this.handles.push(handle);
    return handle;
  }

  /** Runs `fn`; records `{ok: show(value)}` or `{err: code}`; returns the value or undefined. */
  step(label, fn, show = toHex) {
    try {
      const value = fn();
      this.out[label] = { ok: show(value) };
      return value;
    } catch (e) {
      if (e instanceof Skip) this.out[label] = { skipped: e.why };
      else if (isCryptoError(e)) this.out[label] = { err: e.payload };
      else throw e;
      return undefined;
    }
  }

  finish() {
    for (const h of this.handles.reverse()) h[Symbol.dispose]();
    this.handles = [];
    print(JSON.stringify(this.out));
  }
}

function nonceOptions(r, nonce) {
  const options = r.own(new Options('symmetric'));
  options.set('nonce', nonce);
  return options;
}

// --- scenarios --------------------------------------------------------------------------------

function aeadStream(r, alg, keyHex, nonceHex, adHex, ptHex) {
  const keyBytes = fromHex(keyHex, 'KEYHEX');
  const nonce = fromHex(nonceHex, 'NONCEHEX');
  const ad = fromHex(adHex, 'ADHEX');
  const pt = fromHex(ptHex, 'PTHEX');
  const key = r.step('import', () => r.own(SymmetricKey.import(alg, keyBytes)), (k) => k.algorithm());
  const options = r.step('options', () => nonceOptions(r, nonce), () => 'nonce set');

  // Encrypt: ct || tag, then the same state must refuse a second encryption (one nonce, one use).
  const enc = r.step('open', () => (need(key, options), r.own(SymmetricState.open(alg, key, options))), () => 'opened');
  r.step('absorb', () => (need(enc), enc.absorb(ad)), () => 'absorbed');
  const sealed = r.step('encrypt', () => (need(enc), enc.encrypt(pt)));
  r.step('maxTagLen', () => (need(enc), enc.maxTagLen()), (n) => n);
  r.step('encryptAgain', () => (need(enc, sealed), enc.encrypt(pt)));

  // A second state, same key and nonce, decrypts it.
  r.step('decrypt', () => {
    need(key, options, sealed);
    const dec = r.own(SymmetricState.open(alg, key, options));
    dec.absorb(ad);
    return dec.decrypt(sealed);
  });

  // Detached: ciphertext and tag apart, then back.
  const detached = r.step(
    'encryptDetached',
    () => {
      need(key, options);
      const s = r.own(SymmetricState.open(alg, key, options));
      s.absorb(ad);
      const [ciphertext, tag] = s.encryptDetached(pt);
      r.own(tag);
      return { ciphertext, tag: tag.toBytes() };
    },
    (d) => ({ ciphertext: toHex(d.ciphertext), tag: toHex(d.tag) }),
  );
  r.step('decryptDetached', () => {
    need(key, options, detached);
    const s = r.own(SymmetricState.open(alg, key, options));
    s.absorb(ad);
    return s.decryptDetached(detached.ciphertext, detached.tag);
  });

  // Tampering: no plaintext may come back, only invalid-tag.
  r.step('decryptTampered', () => {
    need(key, options, sealed);
    const s = r.own(SymmetricState.open(alg, key, options));
    s.absorb(ad);
    return s.decrypt(flipped(sealed));
  });
  r.step('decryptDetachedTampered', () => {
    need(key, options, detached);
    const s = r.own(SymmetricState.open(alg, key, options));
    s.absorb(ad);
    return s.decryptDetached(detached.ciphertext, flipped(detached.tag));
  });
}

function aeadOneshot(r, alg, keyHex, nonceHex, adHex, ptHex) {
  const keyBytes = fromHex(keyHex, 'KEYHEX');
  const nonce = fromHex(nonceHex, 'NONCEHEX');
  const ad = fromHex(adHex, 'ADHEX');
  const pt = fromHex(ptHex, 'PTHEX');
  const key = r.step('import', () => r.own(SymmetricKey.import(alg, keyBytes)), (k) => k.algorithm());
  const sealed = r.step('seal', () => (need(key), key.seal(nonce, ad, pt)));
  r.step('open', () => (need(key, sealed), key.open(nonce, ad, sealed)));
  r.step('openTampered', () => (need(key, sealed), key.open(nonce, ad, flipped(sealed))));
  r.step('sealShortNonce', () => (need(key), key.seal(nonce.subarray(0, nonce.length - 1), ad, pt)));
}

function aeadAutononce(r, alg, keyHex, ptHex) {
  const keyBytes = fromHex(keyHex, 'KEYHEX');
  const pt = fromHex(ptHex, 'PTHEX');
  const key = r.step('import', () => r.own(SymmetricKey.import(alg, keyBytes)), (k) => k.algorithm());

  // No options at all.
  const s1 = r.step('open', () => (need(key), r.own(SymmetricState.open(alg, key, undefined))), () => 'opened');
  const sealed = r.step('encrypt', () => (need(s1), s1.encrypt(pt)));
  const nonce = r.step('nonce', () => (need(s1), s1.optionsGet('nonce')));

  // Options without a nonce: a nonce is drawn too (and it is another one).
  const s2 = r.step(
    'openEmptyOptions',
    () => (need(key), r.own(SymmetricState.open(alg, key, r.own(new Options('symmetric'))))),
    () => 'opened',
  );
  r.step('encrypt2', () => (need(s2), s2.encrypt(pt)));
  r.step('nonce2', () => (need(s2), s2.optionsGet('nonce')));

  // Round trip in the guest with the nonce read back.
  r.step('decrypt', () => {
    need(key, sealed, nonce);
    const s = r.own(SymmetricState.open(alg, key, nonceOptions(r, nonce)));
    return s.decrypt(sealed);
  });
}

function kdf(r, ikmHex, saltHex, infoHex, lenArg, nonceHex, msgHex) {
  const ikm = fromHex(ikmHex, 'IKMHEX');
  const salt = fromHex(saltHex, 'SALTHEX');
  const info = fromHex(infoHex, 'INFOHEX');
  const len = uint(lenArg, 'LEN');
  const nonce = fromHex(nonceHex, 'NONCEHEX');
  const msg = fromHex(msgHex, 'MSGHEX');

  const ikmKey = r.step('import', () => r.own(SymmetricKey.import('HKDF-EXTRACT/SHA-256', ikm)), (k) => k.algorithm());
  const prk = r.step(
    'extract',
    () => {
      need(ikmKey);
      const s = r.own(SymmetricState.open('HKDF-EXTRACT/SHA-256', ikmKey, undefined));
      s.absorb(salt);
      return r.own(s.squeezeKey('HKDF-EXPAND/SHA-256'));
    },
    (k) => k.algorithm(),
  );
  r.step('prk', () => (need(prk), prk.export()));
  const okm = r.step('okm', () => {
    need(prk);
    const s = r.own(SymmetricState.open('HKDF-EXPAND/SHA-256', prk, undefined));
    s.absorb(info);
    return s.squeeze(len);
  });
  r.step('sealed', () => {
    need(okm);
    const aesKey = r.own(SymmetricKey.import('AES-256-GCM', okm.subarray(0, 32)));
    return aesKey.seal(nonce, new Uint8Array(0), msg);
  });
}

const BYTE_OPTIONS = ['salt', 'context'];
const U64_OPTIONS = ['ops_limit', 'memory_limit', 'parallelism', 'block_size'];

function pwhash(r, alg, pwHex, lenArg, ...settings) {
  const password = fromHex(pwHex, 'PWHEX');
  const len = uint(lenArg, 'LEN');
  let keyBytes;
  const bytes = [];
  const u64s = [];
  for (const s of settings) {
    const eq = s.indexOf('=');
    const name = s.slice(0, eq);
    const value = s.slice(eq + 1);
    if (eq <= 0) throw new UsageError(`pwhash: expected NAME=VALUE, got ${s}`);
    if (name === 'key') keyBytes = fromHex(value, 'key');
    else if (BYTE_OPTIONS.includes(name)) bytes.push([name, fromHex(value, name)]);
    else if (U64_OPTIONS.includes(name)) u64s.push([name, uint(value, name)]);
    else throw new UsageError(`pwhash: unknown option ${name}`);
  }

  const options = r.step(
    'options',
    () => {
      const o = r.own(new Options('symmetric'));
      for (const [name, value] of bytes) o.set(name, value);
      for (const [name, value] of u64s) u64Call((v) => o.setU64(name, v), value);
      return o;
    },
    () => 'set',
  );
  // Which JS type this engine's bindings took for WIT u64 (informational).
  if (u64IsBigInt !== undefined) r.out.u64 = u64IsBigInt ? 'bigint' : 'number';
  const key =
    keyBytes === undefined
      ? undefined
      : r.step('import', () => r.own(SymmetricKey.import(alg, keyBytes)), (k) => k.algorithm());
  const state = r.step(
    'open',
    () => {
      need(options);
      if (keyBytes !== undefined) need(key);
      return r.own(SymmetricState.open(alg, key, options));
    },
    () => 'opened',
  );
  r.step('absorb', () => (need(state), state.absorb(password)), () => 'absorbed');
  r.step('squeeze', () => (need(state), state.squeeze(len)));
  r.step(
    'squeezeTag',
    () => {
      need(state);
      const tag = r.own(state.squeezeTag());
      return tag.toBytes();
    },
    latin1,
  );
  // The u64 options in effect, as the state reports them.
  for (const [name] of u64s) r.step(`get:${name}`, () => (need(state), state.optionsGetU64(name)), u64Value);
}

const SCENARIOS = {
  'aead-stream': aeadStream,
  'aead-oneshot': aeadOneshot,
  'aead-autononce': aeadAutononce,
  kdf,
  pwhash,
};

export const run = {
  run() {
    const [, scenario, ...args] = getArguments();
    const fn = SCENARIOS[scenario];
    let report;
    try {
      if (!fn) throw new UsageError(`usage: symmetric <${Object.keys(SCENARIOS).join('|')}> [args]`);
      report = new Report(scenario, scenario === 'kdf' ? {} : { alg: args[0] });
      fn(report, ...args);
      report.finish();
    } catch (e) {
      if (report) {
        // Drop what was opened; print nothing of the partial report.
        for (const h of report.handles) h[Symbol.dispose]();
      }
      print(e instanceof UsageError ? e.message : `${scenario}: FAILED: ${e && e.stack ? e.stack : String(e)}`);
      // wasi:cli/run's `result` has no payload: a thrown non-Error value becomes err (exit code 1).
      throw 'failed';
    }
  },
};
