// Test guest for tests/components/keystore-e2e.test.ts: a managed key that outlives the process
// that made it (docs/key-management.md §Secrets manager, §Persistence). Built with QuickJS only
// (scripts/build-guests.mjs).
//
//   keystore encrypt MESSAGE       opens the secrets manager, generates a managed AES-256-GCM key
//                                  (default permissions: all but export), seals MESSAGE (ASCII)
//                                  with the fixed nonce below and no associated data, and prints
//                                      id: <key id, hex>
//                                      version: <version tag>[ <n>]
//                                      ciphertext: <ciphertext || tag, hex>
//   keystore decrypt ID CT         loads the newest version of the managed key ID (hex), opens CT
//                                  (hex) with the same nonce and prints
//                                      plaintext: <MESSAGE>
//                                  If from-id fails it prints `from-id: <error case>`; if opening
//                                  fails, `open: <error case>`; either way the run fails (exit 1).
//
// Every scenario prints fixed-format lines; `run` fails (exit code 1) on a usage error, an
// expected failure above, or an unexpected exception.
import { SecretsManager } from 'wasi:crypto/common@0.12.0-draft';
import { SymmetricKey } from 'wasi:crypto/symmetric@0.12.0-draft';
import { getArguments } from 'wasi:cli/environment@0.2.12';
import { getStdout } from 'wasi:cli/stdout@0.2.12';

/** The fixed nonce (12 bytes: 000102…0b). A test key's one message: never reuse it in real code. */
const NONCE = new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);

// --- helpers (QuickJS has no console and no TextEncoder) --------------------------------------

function ascii(text) {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0x7f;
  return out;
}

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

function fromHex(text, what) {
  if (typeof text !== 'string' || text.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(text)) throw new UsageError(`${what} must be hex, got ${text}`);
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(text.substr(2 * i, 2), 16);
  return out;
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

class UsageError extends Error {}
/** An expected failure, already printed: the run fails without a stack trace. */
class Reported extends Error {}

function versionText(v) {
  return v.tag === 'exact' ? `exact ${v.val}` : v.tag;
}

// --- scenarios --------------------------------------------------------------------------------

function encrypt(message) {
  if (message === undefined) throw new UsageError('encrypt: needs a MESSAGE');
  const sm = SecretsManager.open(undefined);
  const key = SymmetricKey.generateManaged(sm, 'AES-256-GCM', undefined);
  try {
    const [id, version] = key.id();
    const ct = key.seal(NONCE, new Uint8Array(0), ascii(message));
    print(`id: ${toHex(id)}`);
    print(`version: ${versionText(version)}`);
    print(`ciphertext: ${toHex(ct)}`);
  } finally {
    dispose(key, sm);
  }
}

function decrypt(idHex, ctHex) {
  const id = fromHex(idHex, 'decrypt: ID');
  const ct = fromHex(ctHex, 'decrypt: CT');
  const sm = SecretsManager.open(undefined);
  let key;
  try {
    try {
      key = SymmetricKey.fromId(sm, id, { tag: 'latest' });
    } catch (e) {
      print(`from-id: ${errorCase(e)}`);
      throw new Reported();
    }
    let pt;
    try {
      pt = key.open(NONCE, new Uint8Array(0), ct);
    } catch (e) {
      print(`open: ${errorCase(e)}`);
      throw new Reported();
    }
    print(`plaintext: ${latin1(pt)}`);
  } finally {
    dispose(key, sm);
  }
}

const SCENARIOS = { encrypt, decrypt };

export const run = {
  run() {
    const [, scenario, ...args] = getArguments();
    const fn = SCENARIOS[scenario];
    try {
      if (!fn) throw new UsageError(`usage: keystore <${Object.keys(SCENARIOS).join('|')}> [args]`);
      fn(...args);
    } catch (e) {
      if (!(e instanceof Reported)) print(e instanceof UsageError ? e.message : `${scenario}: FAILED: ${e && e.stack ? e.stack : errorCase(e)}`);
      // wasi:cli/run's `result` has no payload: a thrown non-Error value becomes err (exit code 1).
      throw 'failed';
    }
  },
};
