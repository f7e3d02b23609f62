// The interop suite in JavaScript (guest-examples/interop/wit, world interop-guest), one source
// built for both engines by scripts/build-guests.mjs: StarlingMonkey (interop.sm.wasm) and QuickJS
// (interop.qjs.wasm). The same scenarios as the C guest (guest-examples/c/interop/interop.c).
//
// Every handle opened is disposed explicitly (StarlingMonkey drops a handle only on
// `[Symbol.dispose]()`), in `finally` blocks, so that a failing scenario leaks nothing either.
// QuickJS has no TextEncoder: strings become bytes through `ascii()`.
import { hash, SymmetricKey } from 'wasi:crypto/symmetric@0.12.0-draft';
import { Keypair, Publickey, Secretkey } from 'wasi:crypto/asymmetric-common@0.12.0-draft';
import { sign, verify } from 'wasi:crypto/signatures@0.12.0-draft';
import { dh } from 'wasi:crypto/kx@0.12.0-draft';

function ascii(text) {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0x7f;
  return out;
}

function same(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A wasi:crypto error: StarlingMonkey throws a ComponentError, QuickJS an Error; both carry `.payload`. */
function errorCase(e) {
  return e !== null && typeof e === 'object' && typeof e.payload === 'string' ? e.payload : undefined;
}

function describe(e) {
  return errorCase(e) ?? String(e && e.message ? e.message : e);
}

/** Runs `fn(track)`; every handle passed to `track` is disposed afterwards, newest first. */
function withHandles(fn) {
  const handles = [];
  const track = (h) => (handles.push(h), h);
  try {
    return fn(track);
  } finally {
    for (const h of handles.reverse()) h[Symbol.dispose]();
  }
}

// The engine is not visible to the guest; the build gives each component the same code, so the
// producer name comes from a global the engines differ in (QuickJS has no TextEncoder).
const PRODUCER = typeof TextEncoder === 'function' ? 'js-starlingmonkey' : 'js-quickjs';

function produce() {
  return withHandles((track) => {
    const message = ascii(`interop message from ${PRODUCER}`);
    const sha256 = hash('SHA-256', message, undefined);

    const hmac = track(SymmetricKey.generate('HMAC/SHA-256', undefined));
    const hmacKey = hmac.export();
    const hmacTag = hmac.mac(message);

    const aead = track(SymmetricKey.generate('AES-256-GCM', undefined));
    const aeadKey = aead.export();
    const aeadNonce = sha256.slice(0, 12); // a fresh key per run: a fixed-pattern nonce is safe
    const aeadCiphertext = aead.seal(aeadNonce, ascii(PRODUCER), message);

    const ed = track(Keypair.generate('signatures', 'Ed25519', undefined));
    const ed25519Public = track(ed.publickey()).export('raw');
    const ed25519Keypair = ed.export('pkcs8');
    const ed25519Signature = sign(ed, message);

    const p256 = track(Keypair.generate('signatures', 'ECDSA_P256_SHA256', undefined));
    const p256Public = track(p256.publickey()).export('sec');
    const p256Signature = sign(p256, message);

    const a = track(Keypair.generate('key-exchange', 'X25519', undefined));
    const b = track(Keypair.generate('key-exchange', 'X25519', undefined));
    const x25519Public = track(a.publickey()).export('raw');
    const x25519PeerSecret = track(b.secretkey()).export('raw');
    const x25519Shared = dh(track(b.publickey()), track(a.secretkey()));

    return {
      producer: PRODUCER,
      message,
      sha256,
      hmacKey,
      hmacTag,
      aeadKey,
      aeadNonce,
      aeadCiphertext,
      ed25519Public,
      ed25519Keypair,
      ed25519Signature,
      p256Public,
      p256Signature,
      x25519Public,
      x25519PeerSecret,
      x25519Shared,
    };
  });
}

/** One check line; `fn` returns '' when the scenario passed, else what went wrong. */
function line(scenario, fn) {
  let detail;
  try {
    detail = withHandles(fn);
  } catch (e) {
    detail = describe(e);
  }
  return { scenario, passed: detail === '', detail };
}

function check(o) {
  return [
    line('sha256', () => (same(hash('SHA-256', o.message, undefined), o.sha256) ? '' : 'digest differs')),
    line('hmac-verify', (track) => {
      track(SymmetricKey.import('HMAC/SHA-256', o.hmacKey)).macVerify(o.message, o.hmacTag);
      return '';
    }),
    line('aead-open', (track) => {
      const key = track(SymmetricKey.import('AES-256-GCM', o.aeadKey));
      const plain = key.open(o.aeadNonce, ascii(o.producer), o.aeadCiphertext);
      return same(plain, o.message) ? '' : 'plaintext differs from the message';
    }),
    line('ed25519-verify', (track) => {
      verify(track(Publickey.import('signatures', 'Ed25519', o.ed25519Public, 'raw')), o.message, o.ed25519Signature);
      return '';
    }),
    line('ed25519-keypair-import', (track) => {
      const kp = track(Keypair.import('signatures', 'Ed25519', o.ed25519Keypair, 'pkcs8'));
      if (!same(sign(kp, o.message), o.ed25519Signature)) return 're-signed signature differs (Ed25519 is deterministic)';
      return same(track(kp.publickey()).export('raw'), o.ed25519Public) ? '' : 'public key differs';
    }),
    line('p256-verify', (track) => {
      verify(track(Publickey.import('signatures', 'ECDSA_P256_SHA256', o.p256Public, 'sec')), o.message, o.p256Signature);
      return '';
    }),
    line('x25519-dh', (track) => {
      const pk = track(Publickey.import('key-exchange', 'X25519', o.x25519Public, 'raw'));
      const sk = track(Secretkey.import('key-exchange', 'X25519', o.x25519PeerSecret, 'raw'));
      return same(dh(pk, sk), o.x25519Shared) ? '' : 'shared secret differs';
    }),
  ];
}

/** '' if `fn` fails with the error case `want`. */
function expectError(want, fn) {
  try {
    fn();
  } catch (e) {
    const got = errorCase(e);
    if (got === undefined) throw e;
    return got === want ? '' : `got ${got}; expected ${want}`;
  }
  return `succeeded; expected ${want}`;
}

function errors() {
  return [
    line('error:unsupported-algorithm', () => expectError('unsupported-algorithm', () => hash('NO-SUCH-HASH-512', ascii('x'), undefined))),
    line('error:invalid-key', (track) =>
      expectError('invalid-key', () => track(SymmetricKey.import('AES-256-GCM', ascii('short'))))),
    line('error:verification-failed', (track) => {
      const kp = track(Keypair.generate('signatures', 'Ed25519', undefined));
      const pk = track(kp.publickey());
      const msg = ascii('signed message');
      const sig = sign(kp, msg);
      verify(pk, msg, sig); // the untampered one verifies
      sig[10] ^= 1;
      return expectError('verification-failed', () => verify(pk, msg, sig));
    }),
    line('error:invalid-tag', (track) => {
      const key = track(SymmetricKey.generate('AES-256-GCM', undefined));
      const nonce = ascii('twelve bytes');
      const ct = key.seal(nonce, new Uint8Array(0), ascii('secret'));
      ct[0] ^= 1;
      return expectError('invalid-tag', () => key.open(nonce, new Uint8Array(0), ct));
    }),
  ];
}

export const suite = { produce, check, errors };
