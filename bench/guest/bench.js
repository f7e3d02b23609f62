// The bench guest (bench/guest/README.md): loops one operation through wasi:crypto (`host`,
// `host-stream`), through a do-nothing import of the same shape (`floor`, bench:floor/floor), or
// in JavaScript inside the guest with @noble (`in-guest`), and times the loop with
// wasi:clocks/monotonic-clock. Bundled with @noble by scripts/build-guests.mjs (rolldown) into
// build/bench.bundle.js, then componentized for StarlingMonkey and QuickJS.
//
// Nothing here touches an import at module load: the top level runs at build time (Wizer
// snapshot), and handles taken then are invalid at run time. Everything is set up on first use.
// random.js comes first: it installs crypto.getRandomValues before @noble's modules run.
import { goLive } from './random.js';
import { hash, SymmetricKey, SymmetricState } from 'wasi:crypto/symmetric@0.12.0-draft';
import { Options } from 'wasi:crypto/common@0.12.0-draft';
import { Keypair, Publickey, Secretkey } from 'wasi:crypto/asymmetric-common@0.12.0-draft';
import {
  sign,
  verify,
  Signature,
  SignatureState,
  SignatureVerificationState,
} from 'wasi:crypto/signatures@0.12.0-draft';
import { dh, encapsulate, decapsulate } from 'wasi:crypto/kx@0.12.0-draft';
import { nop, take, echo, takeResult, Thing } from 'bench:floor/floor@0.1.0';
import { now } from 'wasi:clocks/monotonic-clock@0.2.12';
import { sha256 } from '@noble/hashes/sha2.js';
import { hmac } from '@noble/hashes/hmac.js';
import { gcm } from '@noble/ciphers/aes.js';
import { chacha20poly1305 } from '@noble/ciphers/chacha.js';
import { ed25519, x25519 } from '@noble/curves/ed25519.js';
import { p256 } from '@noble/curves/nist.js';
import { ml_kem768 } from '@noble/post-quantum/ml-kem.js';

// --- inputs (deterministic: the harness can recompute them) ---------------------------------

/** `n` bytes, byte i = (i * 31 + 7) & 255. */
function pattern(n) {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = (i * 31 + 7) & 255;
  return out;
}
/** `n` bytes, byte i = (start + i) & 255. */
function counting(start, n) {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = (start + i) & 255;
  return out;
}

const HMAC_KEY = () => counting(0x01, 32);
const AEAD_KEY = () => counting(0x40, 32);
const NONCE = () => counting(0x60, 12);
const ED25519_SEED = () => counting(0x80, 32);
const P256_SCALAR = () => new Uint8Array(32).fill(0x11);
const X25519_SK = () => counting(0xa0, 32);
const X25519_PEER_SK = () => counting(0xc0, 32);
const MLKEM_SEED = () => counting(0x00, 64);
const MLKEM_M = () => counting(0xe0, 32);
const EMPTY = new Uint8Array(0);

const concat = (a, b) => {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
};

const HEX = '0123456789abcdef';
function toHex(bytes) {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += HEX[bytes[i] >> 4] + HEX[bytes[i] & 15];
  return s;
}

/** Disposes a guest handle (StarlingMonkey drops handles only on an explicit dispose). */
function drop(h) {
  if (h) h[Symbol.dispose]();
}

class Unsupported extends Error {}

// --- key material, made once per guest on first use ------------------------------------------

const keys = new Map();
function once(name, make) {
  let v = keys.get(name);
  if (v === undefined) keys.set(name, (v = make()));
  return v;
}

const hostHmacKey = () => once('host-hmac', () => SymmetricKey.import('HMAC/SHA-256', HMAC_KEY()));
const hostAeadKey = (alg) => once(`host-${alg}`, () => SymmetricKey.import(alg, AEAD_KEY()));
const nonceOptions = () =>
  once('nonce-options', () => {
    const o = new Options('symmetric');
    o.set('nonce', NONCE());
    return o;
  });
const edPk = () => once('ed-pk', () => ed25519.getPublicKey(ED25519_SEED()));
const hostEdKeypair = () =>
  once('host-ed-kp', () => Keypair.import('signatures', 'Ed25519', concat(ED25519_SEED(), edPk()), 'raw'));
const hostEdPk = () => once('host-ed-pk', () => Publickey.import('signatures', 'Ed25519', edPk(), 'raw'));
const p256Pk = () => once('p256-pk', () => p256.getPublicKey(P256_SCALAR(), true));
const hostP256Keypair = () =>
  once('host-p256-kp', () => Keypair.import('signatures', 'ECDSA_P256_SHA256', P256_SCALAR(), 'raw'));
const hostP256Pk = () => once('host-p256-pk', () => Publickey.import('signatures', 'ECDSA_P256_SHA256', p256Pk(), 'raw'));
const x25519PeerPk = () => once('x-peer-pk', () => x25519.getPublicKey(X25519_PEER_SK()));
const hostX25519 = () =>
  once('host-x', () => ({
    sk: Secretkey.import('key-exchange', 'X25519', X25519_SK(), 'raw'),
    peer: Publickey.import('key-exchange', 'X25519', x25519PeerPk(), 'raw'),
  }));
const mlkemKeys = () => once('mlkem', () => ml_kem768.keygen(MLKEM_SEED()));
const mlkemCt = () => once('mlkem-ct', () => ml_kem768.encapsulate(mlkemKeys().publicKey, MLKEM_M()).cipherText);
const hostMlkem = () =>
  once('host-mlkem', () => ({
    pk: Publickey.import('key-exchange', 'ML-KEM-768', mlkemKeys().publicKey, 'raw'),
    sk: Secretkey.import('key-exchange', 'ML-KEM-768', mlkemKeys().secretKey, 'raw'),
  }));
const floorThing = () => once('floor-thing', () => Thing.open());

// --- workloads: setup(size) → op() returning the operation's output -------------------------
// Outputs: Uint8Array, { valid: bool, code? } for verifications, 'ok' for churn, or
// { secret, ciphertext } for encapsulation.

const hostVerify = (fn) => {
  try {
    fn();
    return { valid: true };
  } catch (e) {
    if (e && typeof e === 'object' && 'payload' in e) return { valid: false, code: String(e.payload) };
    throw e;
  }
};

function hashLike(alg, inGuest) {
  return {
    host: (size) => {
      const data = pattern(size);
      if (alg === 'SHA-256') return () => hash('SHA-256', data, undefined);
      const key = hostHmacKey();
      return () => key.mac(data);
    },
    'host-stream': (size) => {
      const data = pattern(size);
      const key = alg === 'SHA-256' ? undefined : hostHmacKey();
      return () => {
        const s = SymmetricState.open(alg, key, undefined);
        try {
          s.absorb(data);
          if (alg === 'SHA-256') return s.squeeze(32);
          const tag = s.squeezeTag();
          try {
            return tag.toBytes();
          } finally {
            drop(tag);
          }
        } finally {
          drop(s);
        }
      };
    },
    floor: (size) => {
      const data = pattern(size);
      return () => takeResult(data);
    },
    'in-guest': (size) => {
      const data = pattern(size);
      return () => inGuest(data);
    },
  };
}

function seal(alg, nobleAead) {
  return {
    host: (size) => {
      const data = pattern(size);
      const key = hostAeadKey(alg);
      const nonce = NONCE();
      return () => key.seal(nonce, EMPTY, data);
    },
    'host-stream': (size) => {
      const data = pattern(size);
      const key = hostAeadKey(alg);
      const options = nonceOptions();
      return () => {
        const s = SymmetricState.open(alg, key, options);
        try {
          return s.encrypt(data);
        } finally {
          drop(s);
        }
      };
    },
    floor: (size) => {
      const data = pattern(size + 16);
      return () => echo(data);
    },
    'in-guest': (size) => {
      const data = pattern(size);
      const key = AEAD_KEY();
      const nonce = NONCE();
      // A fresh cipher object per operation (noble refuses to reuse one for encryption).
      return () => nobleAead(key, nonce).encrypt(data);
    },
  };
}

const signWorkload = (alg) => ({
  host: (size) => {
    const msg = pattern(size);
    const kp = alg === 'Ed25519' ? hostEdKeypair() : hostP256Keypair();
    return () => sign(kp, msg);
  },
  'host-stream': (size) => {
    const msg = pattern(size);
    const kp = alg === 'Ed25519' ? hostEdKeypair() : hostP256Keypair();
    return () => {
      const st = SignatureState.open(kp, undefined);
      try {
        st.update(msg);
        const sig = st.sign();
        try {
          return sig.export('raw');
        } finally {
          drop(sig);
        }
      } finally {
        drop(st);
      }
    };
  },
  floor: (size) => {
    const msg = pattern(size);
    return () => takeResult(msg);
  },
  'in-guest': (size) => {
    const msg = pattern(size);
    if (alg === 'Ed25519') {
      const seed = ED25519_SEED();
      return () => ed25519.sign(msg, seed);
    }
    const scalar = P256_SCALAR();
    return () => p256.sign(msg, scalar);
  },
});

/** The signature the verify workloads check, made in the guest with @noble (deterministic). */
function referenceSignature(alg, msg) {
  return alg === 'Ed25519' ? ed25519.sign(msg, ED25519_SEED()) : p256.sign(msg, P256_SCALAR());
}

const verifyWorkload = (alg) => ({
  host: (size) => {
    const msg = pattern(size);
    const sig = referenceSignature(alg, msg);
    const pk = alg === 'Ed25519' ? hostEdPk() : hostP256Pk();
    return () => hostVerify(() => verify(pk, msg, sig));
  },
  'host-stream': (size) => {
    const msg = pattern(size);
    const pk = alg === 'Ed25519' ? hostEdPk() : hostP256Pk();
    const sig = Signature.import(alg, referenceSignature(alg, msg), 'raw');
    return () => {
      const st = SignatureVerificationState.open(pk, undefined);
      try {
        st.update(msg);
        return hostVerify(() => st.verify(sig));
      } finally {
        drop(st);
      }
    };
  },
  floor: (size) => {
    const msg = pattern(size);
    const both = concat(msg, referenceSignature(alg, msg));
    const thing = floorThing();
    return () => (thing.poke(both), { valid: true });
  },
  'in-guest': (size) => {
    const msg = pattern(size);
    const sig = referenceSignature(alg, msg);
    if (alg === 'Ed25519') {
      const pk = edPk();
      return () => ({ valid: ed25519.verify(sig, msg, pk) });
    }
    const pk = p256Pk();
    // lowS: false accepts high-S signatures too, as OpenSSL does.
    return () => ({ valid: p256.verify(sig, msg, pk, { lowS: false }) });
  },
});

const WORKLOADS = {
  // The bare floors: only a `floor` path.
  nop: { floor: () => () => (nop(), 'ok') },
  take: {
    floor: (size) => {
      const data = pattern(size);
      return () => (take(data), 'ok');
    },
  },
  sha256: hashLike('SHA-256', (d) => sha256(d)),
  'hmac-sha256': hashLike('HMAC/SHA-256', (d) => hmac(sha256, HMAC_KEY_CACHED(), d)),
  'aes256gcm-seal': seal('AES-256-GCM', (k, n) => gcm(k, n)),
  'chacha20poly1305-seal': seal('CHACHA20-POLY1305', (k, n) => chacha20poly1305(k, n)),
  'ed25519-sign': signWorkload('Ed25519'),
  'ed25519-verify': verifyWorkload('Ed25519'),
  'p256-sign': signWorkload('ECDSA_P256_SHA256'),
  'p256-verify': verifyWorkload('ECDSA_P256_SHA256'),
  x25519: {
    host: () => {
      const { sk, peer } = hostX25519();
      return () => dh(peer, sk);
    },
    floor: () => () => takeResult(EMPTY),
    'in-guest': () => {
      const sk = X25519_SK();
      const peer = x25519PeerPk();
      return () => x25519.getSharedSecret(sk, peer);
    },
  },
  'mlkem768-encaps': {
    host: () => {
      const { pk } = hostMlkem();
      return () => encapsulate(pk);
    },
    floor: () => () => takeResult(EMPTY),
    'in-guest': () => {
      const pk = mlkemKeys().publicKey;
      return () => {
        const { cipherText, sharedSecret } = ml_kem768.encapsulate(pk);
        return { secret: sharedSecret, ciphertext: cipherText };
      };
    },
  },
  'mlkem768-decaps': {
    host: () => {
      const { sk } = hostMlkem();
      const ct = mlkemCt();
      return () => decapsulate(sk, ct);
    },
    floor: () => {
      const ct = mlkemCt();
      return () => takeResult(ct);
    },
    'in-guest': () => {
      const sk = mlkemKeys().secretKey;
      const ct = mlkemCt();
      return () => ml_kem768.decapsulate(ct, sk);
    },
  },
  'state-churn': {
    // open + drop of a SHA-256 state
    host: () => () => (drop(SymmetricState.open('SHA-256', undefined, undefined)), 'ok'),
    // open + absorb + squeeze + drop
    'host-stream': (size) => {
      const data = pattern(size);
      return () => {
        const s = SymmetricState.open('SHA-256', undefined, undefined);
        try {
          s.absorb(data);
          return s.squeeze(32);
        } finally {
          drop(s);
        }
      };
    },
    floor: () => () => (drop(Thing.open()), 'ok'),
    'in-guest': (size) => {
      const data = pattern(size);
      return () => sha256.create().update(data).digest();
    },
  },
  'keygen-churn': {
    // generate + drop of an AES-256-GCM key
    host: () => () => (drop(SymmetricKey.generate('AES-256-GCM', undefined)), 'ok'),
    floor: () => () => (drop(Thing.open()), 'ok'),
    'in-guest': () => () => (crypto.getRandomValues(new Uint8Array(32)), 'ok'),
  },
};

let hmacKeyBytes;
function HMAC_KEY_CACHED() {
  return (hmacKeyBytes ??= HMAC_KEY());
}

const PATHS = ['host', 'host-stream', 'floor', 'in-guest'];

/** Prepared operations, keyed by `workload path size`. */
const prepared = new Map();
function prepare(workload, path, size) {
  const key = `${workload} ${path} ${size}`;
  let op = prepared.get(key);
  if (op) return op;
  const w = WORKLOADS[workload];
  if (!w) throw new Unsupported(`unknown workload ${workload} (known: ${Object.keys(WORKLOADS).join(', ')})`);
  if (!PATHS.includes(path)) throw new Unsupported(`unknown path ${path} (known: ${PATHS.join(', ')})`);
  const setup = w[path];
  if (!setup) throw new Unsupported(`${workload} has no ${path} path`);
  op = setup(size);
  prepared.set(key, op);
  return op;
}

// --- exports ----------------------------------------------------------------------------------

let isLive = false;
function live() {
  if (isLive) return;
  goLive(typeof now() === 'bigint');
  isLive = true;
}

function run(workload, path, size, iterations) {
  live();
  const op = prepare(workload, path, size);
  const t0 = now();
  for (let i = 0; i < iterations; i++) op();
  const t1 = now();
  // u64: StarlingMonkey's clock gives (and its export takes) BigInt, QuickJS a number.
  return t1 - t0;
}

const SIZED = new Set(['sha256', 'hmac-sha256', 'aes256gcm-seal', 'chacha20poly1305-seal', 'state-churn']);

/**
 * Byte output as a Uint8Array. StarlingMonkey's bindings hand a `list<u8>` from an import to the
 * guest as something that is not `instanceof Uint8Array` (it is array-like).
 */
function asBytes(out) {
  if (out instanceof Uint8Array) return out;
  if (out && typeof out === 'object' && typeof out.length === 'number' && !('valid' in out)) return Uint8Array.from(out);
  return undefined;
}

function describe(out) {
  if (out === 'ok') return 'ok';
  const bytes = asBytes(out);
  if (bytes) return `${bytes.length}:${toHex(sha256(bytes).subarray(0, 16))}`;
  if (out && typeof out === 'object' && 'valid' in out) return out.valid ? 'valid' : `invalid:${out.code ?? 'false'}`;
  return `unexpected output: ${Object.prototype.toString.call(out)}`;
}

function check(spec, path) {
  live();
  try {
    const colon = spec.indexOf(':');
    const workload = colon === -1 ? spec : spec.slice(0, colon);
    const size = colon === -1 ? (SIZED.has(workload) ? 1024 : 64) : Number(spec.slice(colon + 1));
    if (!Number.isInteger(size) || size < 0) return `error: bad size in ${spec}`;
    const out = prepare(workload, path, size)();
    if (path !== 'floor') {
      // Randomized outputs are checked by an independent verifier in the guest (@noble).
      if (workload === 'p256-sign') {
        const sig = asBytes(out);
        return `${sig.length}:${p256.verify(sig, pattern(size), p256Pk(), { lowS: false }) ? 'valid' : 'invalid'}`;
      }
      if (workload === 'mlkem768-encaps') {
        const ct = asBytes(out.ciphertext);
        const secret = ml_kem768.decapsulate(ct, mlkemKeys().secretKey);
        return `${ct.length}:${toHex(secret) === toHex(asBytes(out.secret)) ? 'valid' : 'invalid'}`;
      }
    }
    return describe(out);
  } catch (e) {
    if (e instanceof Unsupported) return `unsupported: ${e.message}`;
    const code = e && typeof e === 'object' && 'payload' in e ? ` (${String(e.payload)})` : '';
    return `error: ${e && e.message ? e.message : String(e)}${code}`;
  }
}

export const runner = { run, check };
