// Test guest for tests/components/asymmetric.test.ts: keys, signatures and key exchange of
// wasi:crypto/asymmetric-common, signatures and kx (docs/asymmetric.md) seen from a real
// component. Built for both engines (scripts/build-guests.mjs): StarlingMonkey and QuickJS, from
// this one source. Keys and signatures travel between runs (and engines) as hex on the command
// line; every run gets a fresh host.
//
//   asymmetric keygen ALG TYPE            (TYPE: signatures | key-exchange)
//   asymmetric dh-keygen ALG              (= keygen ALG key-exchange)
//   asymmetric kem-keygen ALG             (= keygen ALG key-exchange)
//       keypair.generate, then every export: pk:raw, pk:sec, pk:pkcs8, kp:raw, kp:pkcs8,
//       sk:raw, sk:pkcs8 (an encoding the algorithm lacks is recorded as its error code), and the
//       public key recomputed from the secret key (pk:fromSk, raw) and checked (pk:verify)
//   asymmetric sign ALG KPHEX KPENC MSGHEX
//       keypair.import; its public key exported (pk:raw, pk:sec, pk:pkcs8); a signature-state
//       absorbs MSG in two updates and signs (sig:raw, sig:der); the same state signs again
//       (cumulative: signAgain, raw); one-shot sign (oneshot, raw); the guest verifies its own
//       signatures (selfVerify: state over sig, one-shot over oneshot)
//   asymmetric verify ALG PKHEX PKENC MSGHEX SIGHEX SIGENC
//       publickey.import, signature.import, a verification state over MSG (state), one-shot
//       verify of the raw signature (oneshot; for SIGENC der the imported signature re-exported
//       raw); `result` is "ok" if every step succeeded, else the first error code
//   asymmetric dh ALG PEERPKHEX SKHEX [PKENC [SKENC]]          (encodings default to raw)
//       publickey.import, secretkey.import, kx.dh → secret
//   asymmetric encaps ALG PKHEX [PKENC]
//       publickey.import, kx.encapsulate → {secret, ciphertext}
//   asymmetric decaps ALG SKHEX CTHEX [SKENC]
//       secretkey.import, kx.decapsulate → secret
//
// An empty hex argument may be given as `-`. Every scenario prints ONE line: a JSON object whose
// fields are the steps, each `{"ok": value}` (byte strings in lower-case hex), `{"err": "<error
// code>"}` (the wasi:crypto error-code the call failed with), or `{"skipped": "<why>"}` when an
// earlier step it needs failed. A usage error or an exception that is not a wasi:crypto error
// makes `run` fail (exit code 1) after printing what happened.
import { Keypair, Publickey, Secretkey } from 'wasi:crypto/asymmetric-common@0.12.0-draft';
import { sign, verify, Signature, SignatureState, SignatureVerificationState } from 'wasi:crypto/signatures@0.12.0-draft';
import { dh, encapsulate, decapsulate } from 'wasi:crypto/kx@0.12.0-draft';
import { getArguments } from 'wasi:cli/environment@0.2.12';
import { getStdout } from 'wasi:cli/stdout@0.2.12';

// --- helpers (QuickJS has no console and no TextEncoder; both engines get the same code) -------

function ascii(text) {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0x7f;
  return out;
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

const ALGORITHM_TYPES = ['signatures', 'key-exchange'];
const KEYPAIR_ENCODINGS = ['raw', 'pkcs8', 'pem', 'local'];
const PUBLICKEY_ENCODINGS = ['raw', 'pkcs8', 'pem', 'sec', 'local'];
const SECRETKEY_ENCODINGS = ['raw', 'pkcs8', 'pem', 'sec', 'local'];
const SIGNATURE_ENCODINGS = ['raw', 'der'];

/** An enum argument (WIT enums are their case names in both engines); `fallback` if omitted. */
function oneOf(value, cases, what, fallback) {
  if (value === undefined && fallback !== undefined) return fallback;
  if (!cases.includes(value)) throw new UsageError(`${what}: expected one of ${cases.join(', ')}, got ${value}`);
  return value;
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

/** Thrown inside a step whose input comes from an earlier step that failed. */
class Skip {
  constructor(why) {
    this.why = why;
  }
}

function need(...values) {
  if (values.some((v) => v === undefined)) throw new Skip('an earlier step it needs failed');
}

const done = () => 'ok';

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

  /** "ok" if every listed step succeeded, else the first error code (or "skipped"). */
  outcome(labels) {
    for (const l of labels) {
      const s = this.out[l];
      if (s && 'err' in s) return s.err;
      if (s && 'skipped' in s) return 'skipped';
    }
    return 'ok';
  }

  finish() {
    for (const h of this.handles.reverse()) h[Symbol.dispose]();
    this.handles = [];
    print(JSON.stringify(this.out));
  }
}

// --- scenarios --------------------------------------------------------------------------------

function keygen(r, alg, typeArg) {
  const type = oneOf(typeArg, ALGORITHM_TYPES, 'TYPE');
  r.out.type = type;
  const kp = r.step('generate', () => r.own(Keypair.generate(type, alg, undefined)), (k) => k.algorithm());
  const pk = r.step('publickey', () => (need(kp), r.own(kp.publickey())), (k) => k.algorithm());
  const sk = r.step('secretkey', () => (need(kp), r.own(kp.secretkey())), (k) => k.algorithm());
  for (const enc of ['raw', 'sec', 'pkcs8']) r.step(`pk:${enc}`, () => (need(pk), pk.export(enc)));
  for (const enc of ['raw', 'pkcs8']) r.step(`kp:${enc}`, () => (need(kp), kp.export(enc)));
  for (const enc of ['raw', 'pkcs8']) r.step(`sk:${enc}`, () => (need(sk), sk.export(enc)));
  r.step('pk:fromSk', () => (need(sk), r.own(Publickey.fromSecretkey(sk)).export('raw')));
  r.step('pk:verify', () => (need(pk), pk.verify()), done);
}

function signScenario(r, alg, kpHex, kpEncArg, msgHex) {
  const kpBytes = fromHex(kpHex, 'KPHEX');
  const kpEnc = oneOf(kpEncArg, KEYPAIR_ENCODINGS, 'KPENC');
  const msg = fromHex(msgHex, 'MSGHEX');
  const kp = r.step('import', () => r.own(Keypair.import('signatures', alg, kpBytes, kpEnc)), (k) => k.algorithm());
  const pk = r.step('publickey', () => (need(kp), r.own(kp.publickey())), (k) => k.algorithm());
  for (const enc of ['raw', 'sec', 'pkcs8']) r.step(`pk:${enc}`, () => (need(pk), pk.export(enc)));

  // A state: the message in two updates; then a second sign on the same state (cumulative).
  const state = r.step('open', () => (need(kp), r.own(SignatureState.open(kp, undefined))), () => 'opened');
  const half = msg.length >> 1;
  r.step('update', () => (need(state), state.update(msg.subarray(0, half)), state.update(msg.subarray(half))), () => 'absorbed');
  const sig = r.step('sign', () => (need(state), r.own(state.sign())), () => 'signed');
  for (const enc of SIGNATURE_ENCODINGS) r.step(`sig:${enc}`, () => (need(sig), sig.export(enc)));
  r.step('signAgain', () => (need(state, sig), r.own(state.sign()).export('raw')));

  const oneshot = r.step('oneshot', () => (need(kp), sign(kp, msg)));

  // The guest checks its own signatures with the key pair's public key.
  r.step(
    'selfVerify',
    () => {
      need(pk, sig, oneshot);
      const v = r.own(SignatureVerificationState.open(pk, undefined));
      v.update(msg);
      v.verify(sig);
      verify(pk, msg, oneshot);
    },
    done,
  );
}

function verifyScenario(r, alg, pkHex, pkEncArg, msgHex, sigHex, sigEncArg) {
  const pkBytes = fromHex(pkHex, 'PKHEX');
  const pkEnc = oneOf(pkEncArg, PUBLICKEY_ENCODINGS, 'PKENC');
  const msg = fromHex(msgHex, 'MSGHEX');
  const sigBytes = fromHex(sigHex, 'SIGHEX');
  const sigEnc = oneOf(sigEncArg, SIGNATURE_ENCODINGS, 'SIGENC');
  r.out.encodings = { pk: pkEnc, sig: sigEnc };
  const pk = r.step('importPk', () => r.own(Publickey.import('signatures', alg, pkBytes, pkEnc)), (k) => k.algorithm());
  const sig = r.step('importSig', () => r.own(Signature.import(alg, sigBytes, sigEnc)), () => 'imported');
  r.step(
    'state',
    () => {
      need(pk, sig);
      const v = r.own(SignatureVerificationState.open(pk, undefined));
      v.update(msg);
      v.verify(sig);
    },
    done,
  );
  r.step(
    'oneshot',
    () => {
      need(pk);
      let raw = sigBytes;
      if (sigEnc !== 'raw') {
        need(sig);
        raw = sig.export('raw');
      }
      verify(pk, msg, raw);
    },
    done,
  );
  r.out.result = r.outcome(['importPk', 'importSig', 'state', 'oneshot']);
}

function dhScenario(r, alg, peerPkHex, skHex, pkEncArg, skEncArg) {
  const pkBytes = fromHex(peerPkHex, 'PEERPKHEX');
  const skBytes = fromHex(skHex, 'SKHEX');
  const pkEnc = oneOf(pkEncArg, PUBLICKEY_ENCODINGS, 'PKENC', 'raw');
  const skEnc = oneOf(skEncArg, SECRETKEY_ENCODINGS, 'SKENC', 'raw');
  const pk = r.step('importPk', () => r.own(Publickey.import('key-exchange', alg, pkBytes, pkEnc)), (k) => k.algorithm());
  const sk = r.step('importSk', () => r.own(Secretkey.import('key-exchange', alg, skBytes, skEnc)), (k) => k.algorithm());
  r.step('dh', () => (need(pk, sk), dh(pk, sk)));
}

function encaps(r, alg, pkHex, pkEncArg) {
  const pkBytes = fromHex(pkHex, 'PKHEX');
  const pkEnc = oneOf(pkEncArg, PUBLICKEY_ENCODINGS, 'PKENC', 'raw');
  const pk = r.step('importPk', () => r.own(Publickey.import('key-exchange', alg, pkBytes, pkEnc)), (k) => k.algorithm());
  r.step(
    'encapsulate',
    () => (need(pk), encapsulate(pk)),
    (e) => ({ secret: toHex(e.secret), ciphertext: toHex(e.ciphertext) }),
  );
}

function decaps(r, alg, skHex, ctHex, skEncArg) {
  const skBytes = fromHex(skHex, 'SKHEX');
  const ct = fromHex(ctHex, 'CTHEX');
  const skEnc = oneOf(skEncArg, SECRETKEY_ENCODINGS, 'SKENC', 'raw');
  const sk = r.step('importSk', () => r.own(Secretkey.import('key-exchange', alg, skBytes, skEnc)), (k) => k.algorithm());
  r.step('decapsulate', () => (need(sk), decapsulate(sk, ct)));
}

const SCENARIOS = {
  keygen,
  'dh-keygen': (r, alg) => keygen(r, alg, 'key-exchange'),
  'kem-keygen': (r, alg) => keygen(r, alg, 'key-exchange'),
  sign: signScenario,
  verify: verifyScenario,
  dh: dhScenario,
  encaps,
  decaps,
};

export const run = {
  run() {
    const [, scenario, ...args] = getArguments();
    const fn = Object.hasOwn(SCENARIOS, scenario) ? SCENARIOS[scenario] : undefined;
    let report;
    try {
      if (!fn) throw new UsageError(`usage: asymmetric <${Object.keys(SCENARIOS).join('|')}> ALG [args]`);
      if (args[0] === undefined) throw new UsageError(`${scenario}: missing argument: ALG`);
      report = new Report(scenario, { alg: args[0] });
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
