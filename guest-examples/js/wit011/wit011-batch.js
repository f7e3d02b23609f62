// wit011-batch: a wasi:crypto@0.11.0 guest that also imports upstream's draft batch interfaces
// (wit-upstream/0.11.0/batch). This host does not implement batching: every batch function must
// answer the crypto-errno `not-implemented` (the error the batch API reserves for that), and the
// handles passed in must only be borrowed — they keep working afterwards.
//
// Output: one line per check, then `wit011-batch: all checks passed`; a failure prints MISMATCH
// and `run` returns err (exit code 1).
import { keypairImport, keypairPublickey, keypairClose, publickeyClose } from 'wasi:crypto/wasi-ephemeral-crypto-asymmetric-common@0.11.0';
import {
  symmetricKeyImport,
  symmetricKeyClose,
  symmetricStateOpen,
  symmetricStateAbsorb,
  symmetricStateSqueeze,
  symmetricStateClose,
} from 'wasi:crypto/wasi-ephemeral-crypto-symmetric@0.11.0';
import { optionsOpen, optionsSet, optionsClose } from 'wasi:crypto/wasi-ephemeral-crypto-common@0.11.0';
import {
  signatureStateOpen,
  signatureStateUpdate,
  signatureStateSign,
  signatureStateClose,
  signatureVerificationStateOpen,
  signatureVerificationStateUpdate,
  signatureVerificationStateVerify,
  signatureVerificationStateClose,
  signatureClose,
} from 'wasi:crypto/wasi-ephemeral-crypto-signatures@0.11.0';
import { batchSignatureStateSign, batchSignatureStateVerify } from 'wasi:crypto/wasi-ephemeral-crypto-signatures-batch@0.11.0';
import {
  batchSymmetricStateSqueeze,
  batchSymmetricStateSqueezeTag,
  batchSymmetricStateEncrypt,
  batchSymmetricStateEncryptDetached,
  batchSymmetricStateDecrypt,
  batchSymmetricStateDecryptDetached,
} from 'wasi:crypto/wasi-ephemeral-crypto-symmetric-batch@0.11.0';
import { getStdout } from 'wasi:cli/stdout@0.2.12';

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
function fromHex(hex) {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.substr(2 * i, 2), 16);
  return out;
}
let stdout;
function print(line) {
  if (typeof console !== 'undefined' && typeof console.log === 'function') {
    console.log(line);
    return;
  }
  stdout ??= getStdout();
  stdout.blockingWriteAndFlush(ascii(line + '\n'));
}
function errnoOf(e) {
  if (e !== null && typeof e === 'object' && 'payload' in e) {
    const p = e.payload;
    return p !== null && typeof p === 'object' && typeof p.tag === 'string' ? p.tag : `payload ${String(p)}`;
  }
  return `unexpected exception: ${e}`;
}
let failures = 0;
function check(label, ok) {
  print(`${label}: ${ok ? 'ok' : 'MISMATCH'}`);
  if (!ok) failures++;
}
function expectErrno(label, expected, fn) {
  let got = 'no error';
  try {
    fn();
  } catch (e) {
    got = errnoOf(e);
  }
  print(`${label}: ${got}`);
  if (got !== expected) {
    failures++;
    print(`${label}: MISMATCH (expected ${expected})`);
  }
}

// FIPS 180-2 appendix B.1: SHA-256("abc").
const SHA256_ABC = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
// RFC 8032 §7.1, TEST 1.
const ED_SEED = '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60';
const ED_PUBLIC = 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a';

function symmetricBatch() {
  const hash = symmetricStateOpen('SHA-256', undefined, undefined);
  symmetricStateAbsorb(hash, ascii('abc'));
  const key = symmetricKeyImport('AES-256-GCM', new Uint8Array(32));
  const options = optionsOpen('symmetric');
  optionsSet(options, 'nonce', new Uint8Array(12));
  const aead = symmetricStateOpen('AES-256-GCM', key, options);
  const data = new Uint8Array(16);
  expectErrno('batch-symmetric-state-squeeze', 'not-implemented', () => batchSymmetricStateSqueeze([hash, hash]));
  expectErrno('batch-symmetric-state-squeeze-tag', 'not-implemented', () => batchSymmetricStateSqueezeTag([hash]));
  expectErrno('batch-symmetric-state-encrypt', 'not-implemented', () => batchSymmetricStateEncrypt([[aead, data]]));
  expectErrno('batch-symmetric-state-encrypt-detached', 'not-implemented', () => batchSymmetricStateEncryptDetached([[aead, data]]));
  expectErrno('batch-symmetric-state-decrypt', 'not-implemented', () => batchSymmetricStateDecrypt([[aead, data]]));
  expectErrno('batch-symmetric-state-decrypt-detached', 'not-implemented', () =>
    batchSymmetricStateDecryptDetached([[aead, data, new Uint8Array(16)]]),
  );
  // The states were only borrowed.
  check('a state passed to a batch function still works (SHA-256("abc"))', toHex(symmetricStateSqueeze(hash)) === SHA256_ABC);
  symmetricStateClose(aead);
  symmetricStateClose(hash);
  optionsClose(options);
  symmetricKeyClose(key);
}

function signaturesBatch() {
  const kp = keypairImport('signatures', 'Ed25519', fromHex(ED_SEED + ED_PUBLIC), 'raw');
  const state = signatureStateOpen(kp);
  signatureStateUpdate(state, ascii('batch'));
  const sig = signatureStateSign(state);
  const pk = keypairPublickey(kp);
  const v = signatureVerificationStateOpen(pk);
  signatureVerificationStateUpdate(v, ascii('batch'));
  expectErrno('batch-signature-state-sign', 'not-implemented', () => batchSignatureStateSign([state]));
  expectErrno('batch-signature-state-verify', 'not-implemented', () => batchSignatureStateVerify([[v, sig]]));
  signatureVerificationStateVerify(v, sig);
  check('states passed to a batch function still work (Ed25519 verify)', true);
  signatureVerificationStateClose(v);
  signatureClose(sig);
  signatureStateClose(state);
  publickeyClose(pk);
  keypairClose(kp);
}

export const run = {
  run() {
    for (const step of [symmetricBatch, signaturesBatch]) {
      try {
        step();
      } catch (e) {
        failures++;
        print(`${step.name}: FAILED: ${errnoOf(e)}${e && e.message ? ` (${e.message})` : ''}`);
      }
    }
    if (failures > 0) {
      print(`wit011-batch: ${failures} check(s) failed`);
      throw 'failed';
    }
    print('wit011-batch: all checks passed');
  },
};
