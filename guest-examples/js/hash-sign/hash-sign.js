// hash-sign: a wasi:cli command that hashes, MACs, encrypts and signs through wasi:crypto,
// checking every result against a published test vector. The same source builds with both
// JavaScript engines jco offers (StarlingMonkey and QuickJS); see README.md.
//
// Output: one fixed-format line per result (`<what> = <hex>` or `<what>: <outcome>`), then
// `hash-sign: all checks passed`. A check that fails prints `MISMATCH` and makes `run` fail.
import { hash, SymmetricKey, SymmetricState } from 'wasi:crypto/symmetric@0.12.0-draft';
import { Options } from 'wasi:crypto/common@0.12.0-draft';
import { Keypair } from 'wasi:crypto/asymmetric-common@0.12.0-draft';
import { sign, verify, SignatureState, SignatureVerificationState } from 'wasi:crypto/signatures@0.12.0-draft';
import { getStdout } from 'wasi:cli/stdout@0.2.12';

// ---------------------------------------------------------------------------------------------
// Helpers. The QuickJS engine has neither `console` nor `TextEncoder`, so output goes through
// wasi:cli/stdout there, and strings are encoded by hand (the inputs here are ASCII).

/** ASCII string → bytes. */
function ascii(text) {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x7f) throw new Error('ascii(): not an ASCII string');
    out[i] = c;
  }
  return out;
}

const HEX = '0123456789abcdef';

function toHex(bytes) {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += HEX[bytes[i] >> 4] + HEX[bytes[i] & 15];
  return s;
}

function fromHex(hex) {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.substr(2 * i, 2), 16);
  return out;
}

function concat(a, b) {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

function equalBytes(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * console.log where the engine has it (StarlingMonkey), else a write to wasi:cli/stdout.
 * The stream is fetched on first use, not at module load: both engines snapshot the module's
 * top level at build time (Wizer), and a handle taken then is not valid when the component runs.
 */
let stdout;
function print(line) {
  if (typeof console !== 'undefined' && typeof console.log === 'function') {
    console.log(line);
    return;
  }
  stdout ??= getStdout();
  const bytes = ascii(line + '\n');
  // blocking-write-and-flush takes at most 4096 bytes a call.
  for (let off = 0; off < bytes.length; off += 4096) stdout.blockingWriteAndFlush(bytes.subarray(off, off + 4096));
}

/** Drops a resource handle now. StarlingMonkey never drops handles unless told to. */
function dispose(...handles) {
  for (const h of handles) if (h) h[Symbol.dispose]();
}

/**
 * The wasi:crypto error-code of a failed call: jco (StarlingMonkey) throws a ComponentError
 * and QuickJS an Error, both carrying the case in `.payload`.
 */
function errorCase(e) {
  return e !== null && typeof e === 'object' && 'payload' in e ? e.payload : `unexpected exception: ${e}`;
}

/** Runs `fn`, which must fail; returns the error case, or 'no error' if it succeeded. */
function failureOf(fn) {
  try {
    fn();
  } catch (e) {
    return errorCase(e);
  }
  return 'no error';
}

let failures = 0;

/** Prints `<label>: ok`, or `<label>: MISMATCH (…)` and counts a failure. */
function check(label, ok, detail) {
  if (ok) {
    print(`${label}: ok`);
  } else {
    failures++;
    print(`${label}: MISMATCH${detail ? ` (${detail})` : ''}`);
  }
}

/** Prints `<label>: <error case>` for a call that must fail with `expected`. */
function expectFailure(label, expected, fn) {
  const got = failureOf(fn);
  print(`${label}: ${got}`);
  if (got !== expected) {
    failures++;
    print(`${label}: MISMATCH (expected ${expected})`);
  }
}

// ---------------------------------------------------------------------------------------------
// Published vectors.

// FIPS 180-2 appendix B.1: SHA-256("abc").
const SHA256_ABC = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
// RFC 4231 §4.3, test case 2.
const HMAC_KEY = 'Jefe';
const HMAC_DATA = 'what do ya want for nothing?';
const HMAC_SHA256_TC2 = '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843';
// McGrew & Viega, "The Galois/Counter Mode of Operation (GCM)", test case 14.
const GCM_KEY = new Uint8Array(32);
const GCM_IV = new Uint8Array(12);
const GCM_PT = new Uint8Array(16);
const GCM_TC14 = 'cea7403d4d606b6e074ec5d3baf39d18' + 'd0d1c8a799996bf0265b98b5d48ab919';
// RFC 8032 §7.1, TEST 1.
const ED_SEED = '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60';
const ED_PUBLIC = 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a';
const ED_SIG_TEST1 =
  'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b';

// ---------------------------------------------------------------------------------------------

function sha256() {
  const oneShot = hash('SHA-256', ascii('abc'), undefined);
  print(`SHA-256("abc") = ${toHex(oneShot)}`);

  const state = SymmetricState.open('SHA-256', undefined, undefined);
  state.absorb(ascii('a'));
  state.absorb(ascii('bc')); // absorbing is cumulative
  const viaState = state.squeeze(32);
  dispose(state);
  check('SHA-256 state (open/absorb/squeeze) == one-shot', equalBytes(viaState, oneShot), toHex(viaState));
  check('SHA-256 == FIPS 180-2 B.1', toHex(oneShot) === SHA256_ABC);
}

function hmac() {
  const key = SymmetricKey.import('HMAC/SHA-256', ascii(HMAC_KEY));
  const oneShot = key.mac(ascii(HMAC_DATA));
  print(`HMAC-SHA-256(RFC 4231 #2) = ${toHex(oneShot)}`);

  const state = SymmetricState.open('HMAC/SHA-256', key, undefined);
  state.absorb(ascii(HMAC_DATA));
  const tag = state.squeezeTag();
  const viaState = tag.toBytes();
  check('HMAC-SHA-256 state (absorb/squeeze-tag) == key.mac', equalBytes(viaState, oneShot), toHex(viaState));
  tag.verify(fromHex(HMAC_SHA256_TC2)); // throws invalid-tag on a mismatch
  print('HMAC-SHA-256 tag verify: ok');
  const wrong = fromHex(HMAC_SHA256_TC2);
  wrong[0] ^= 1;
  expectFailure('HMAC-SHA-256 tag verify (wrong tag)', 'invalid-tag', () => tag.verify(wrong));
  dispose(tag, state, key);
  check('HMAC-SHA-256 == RFC 4231 #2', toHex(oneShot) === HMAC_SHA256_TC2);
}

function aesGcm() {
  const key = SymmetricKey.import('AES-256-GCM', GCM_KEY);
  const sealed = key.seal(GCM_IV, new Uint8Array(0), GCM_PT);
  print(`AES-256-GCM(NIST #14) = ${toHex(sealed)}`);

  // The same through a state: the nonce is an option.
  const options = new Options('symmetric');
  options.set('nonce', GCM_IV);
  const state = SymmetricState.open('AES-256-GCM', key, options);
  const viaState = state.encrypt(GCM_PT);
  dispose(state);
  check('AES-256-GCM state encrypt == key.seal', equalBytes(viaState, sealed), toHex(viaState));

  const opened = key.open(GCM_IV, new Uint8Array(0), sealed);
  check('AES-256-GCM open round-trips', equalBytes(opened, GCM_PT), toHex(opened));

  const decState = SymmetricState.open('AES-256-GCM', key, options);
  const viaStateDec = decState.decrypt(sealed);
  dispose(decState);
  check('AES-256-GCM state decrypt round-trips', equalBytes(viaStateDec, GCM_PT), toHex(viaStateDec));

  const tampered = sealed.slice();
  tampered[0] ^= 1;
  expectFailure('AES-256-GCM open (tampered ciphertext)', 'invalid-tag', () => key.open(GCM_IV, new Uint8Array(0), tampered));
  dispose(options, key);
  check('AES-256-GCM == NIST #14', toHex(sealed) === GCM_TC14);
}

function ed25519() {
  const keypair = Keypair.import('signatures', 'Ed25519', fromHex(ED_SEED + ED_PUBLIC), 'raw');
  const publickey = keypair.publickey();
  const message = new Uint8Array(0);

  const oneShot = sign(keypair, message);
  print(`Ed25519(RFC 8032 #1) = ${toHex(oneShot)}`);

  const state = SignatureState.open(keypair, undefined);
  state.update(message);
  const signature = state.sign();
  const viaState = signature.export('raw');
  dispose(state);
  check('Ed25519 state (update/sign) == one-shot', equalBytes(viaState, oneShot), toHex(viaState));

  verify(publickey, message, oneShot); // throws verification-failed on a mismatch
  print('Ed25519 verify: ok');

  const vstate = SignatureVerificationState.open(publickey, undefined);
  vstate.update(message);
  vstate.verify(signature);
  dispose(vstate);
  print('Ed25519 verify (state): ok');

  expectFailure('Ed25519 verify (modified message)', 'verification-failed', () => verify(publickey, ascii('x'), oneShot));
  dispose(signature, publickey, keypair);
  check('Ed25519 == RFC 8032 #1', toHex(oneShot) === ED_SIG_TEST1);
}

export const run = {
  run() {
    for (const step of [sha256, hmac, aesGcm, ed25519]) {
      try {
        step();
      } catch (e) {
        failures++;
        print(`${step.name}: FAILED: ${errorCase(e)}`);
      }
    }
    if (failures > 0) {
      print(`hash-sign: ${failures} check(s) failed`);
      // wasi:cli/run's `result` has no payload: any thrown value becomes err (exit code 1).
      throw 'failed';
    }
    print('hash-sign: all checks passed');
  },
};
