/**
 * The portable backend: @noble/hashes, @noble/ciphers and @noble/curves only.
 * Must not import anything from Node (no `node:` modules, no Buffer) so it runs in browsers and
 * edge runtimes.
 */
import { sha256, sha384, sha512, sha512_256 } from '@noble/hashes/sha2.js';
import { hmac } from '@noble/hashes/hmac.js';
import type { CHash } from '@noble/hashes/utils.js';
import { gcm } from '@noble/ciphers/aes.js';
import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToNumberLE } from '@noble/curves/utils.js';
import { fail } from '../core/errors.js';
import type { KeyMaterial } from '../core/secret.js';
import { randomBytes, type RandomSource } from '../core/random.js';
import type { AeadId, Backend, Digest, HashId } from './types.js';

const HASHES: Record<HashId, CHash> = {
  'SHA-256': sha256,
  'SHA-384': sha384,
  'SHA-512': sha512,
  'SHA-512/256': sha512_256,
};
const AEAD_KEY_LEN: Record<AeadId, number> = {
  'AES-128-GCM': 16,
  'AES-256-GCM': 32,
};
const GCM_NONCE_LEN = 12;
const GCM_TAG_LEN = 16;

/** The part of a noble hash / HMAC instance this file uses. */
interface NobleHashState {
  update(data: Uint8Array): unknown;
  digest(): Uint8Array;
  clone(): NobleHashState;
  destroy(): void;
}

class NobleDigest implements Digest {
  #h: NobleHashState | undefined;
  constructor(h: NobleHashState) {
    this.#h = h;
  }
  #state(): NobleHashState {
    if (this.#h === undefined) throw new Error('digest used after destroy (host bug)');
    return this.#h;
  }
  update(data: Uint8Array): void {
    this.#state().update(data);
  }
  digest(): Uint8Array {
    // Finish a clone so the running state keeps absorbing.
    const c = this.#state().clone();
    const out = c.digest();
    c.destroy();
    return out;
  }
  clone(): Digest {
    return new NobleDigest(this.#state().clone());
  }
  destroy(): void {
    this.#h?.destroy(); // noble wipes its internal buffers
    this.#h = undefined;
  }
}

function hashFn(id: HashId): CHash {
  const h = HASHES[id];
  if (h === undefined) fail('unsupported-algorithm', `hash ${id}`);
  return h;
}

function aeadKey(id: AeadId, key: KeyMaterial): Uint8Array {
  const len = AEAD_KEY_LEN[id];
  if (len === undefined) fail('unsupported-algorithm', `AEAD ${id}`);
  if (key.length !== len) fail('invalid-key', `${id} needs a ${len}-byte key`);
  return key.bytes;
}

function checkNonce(nonce: Uint8Array): void {
  if (nonce.length !== GCM_NONCE_LEN) fail('invalid-nonce', `AES-GCM needs a ${GCM_NONCE_LEN}-byte nonce`);
}

function seed(secret: KeyMaterial): Uint8Array {
  if (secret.length !== 32) fail('invalid-key', 'an Ed25519 secret key is a 32-byte seed');
  return secret.bytes;
}

// ---------------------------------------------------------------------------------------------
// Ed25519 verification

/*
 * @noble/curves' `verify(..., { zip215: false })` applies RFC 8032's decoding rules (canonical A and
 * R, S < L) and additionally rejects small-order public keys, but it checks the *cofactored*
 * equation [8][S]B = [8]R + [8][k]A. Our contract (and node:crypto/OpenSSL) is cofactorless:
 * [S]B = R + [k]A. The two differ on signatures whose R or A carries a small-order component
 * (ed25519-speccheck vectors 4, 7 and 8 pass the cofactored check only). So a signature is accepted
 * iff noble's strict verify accepts it AND the cofactorless equation holds; the latter is evaluated
 * with noble's own point decoding, SHA-512 and scalar multiplication (no arithmetic is written here).
 */
const { Point } = ed25519;
const Fn = Point.Fn;

function cofactorlessEquationHolds(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  const rBytes = signature.subarray(0, 32);
  const A = Point.fromBytes(publicKey, false);
  const R = Point.fromBytes(rBytes, false);
  const s = bytesToNumberLE(signature.subarray(32, 64));
  if (!Fn.isValid(s)) return false; // S < L
  const k = Fn.create(bytesToNumberLE(sha512.create().update(rBytes).update(publicKey).update(message).digest()));
  return Point.BASE.multiplyUnsafe(s).equals(R.add(A.multiplyUnsafe(k)));
}

// ---------------------------------------------------------------------------------------------

export function createNobleBackend(): Backend {
  return {
    name: 'noble',
    supportsHash(id) {
      return HASHES[id] !== undefined;
    },
    hash(id) {
      return new NobleDigest(hashFn(id).create());
    },
    hmac(id, key) {
      // noble copies the key into its padded block and wipes that block; nothing references key.bytes.
      return new NobleDigest(hmac.create(hashFn(id), key.bytes));
    },

    supportsAead(id) {
      return AEAD_KEY_LEN[id] !== undefined;
    },
    aeadSeal(id, key, nonce, aad, plaintext) {
      checkNonce(nonce);
      return gcm(aeadKey(id, key), nonce, aad).encrypt(plaintext);
    },
    aeadOpen(id, key, nonce, aad, ciphertextAndTag) {
      checkNonce(nonce);
      const k = aeadKey(id, key);
      if (ciphertextAndTag.length < GCM_TAG_LEN) return null;
      try {
        // noble checks the tag before decrypting and throws on mismatch: no partial plaintext exists.
        return gcm(k, nonce, aad).decrypt(ciphertextAndTag);
      } catch {
        return null;
      }
    },

    ed25519: {
      generate(rng: RandomSource) {
        const secret = randomBytes(rng, 32);
        return { secret, public: ed25519.getPublicKey(secret) };
      },
      publicFromSecret(secret) {
        return ed25519.getPublicKey(seed(secret));
      },
      sign(secret, message) {
        return ed25519.sign(message, seed(secret));
      },
      verify(publicKey, message, signature) {
        if (publicKey.length !== 32 || signature.length !== 64) return false;
        try {
          return (
            ed25519.verify(signature, message, publicKey, { zip215: false }) &&
            cofactorlessEquationHolds(publicKey, message, signature)
          );
        } catch {
          return false;
        }
      },
      validPublic(publicKey) {
        if (publicKey.length !== 32) return false;
        return ed25519.utils.isValidPublicKey(publicKey, false);
      },
    },
  };
}
