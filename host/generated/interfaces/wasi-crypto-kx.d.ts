/** @module Interface wasi:crypto/kx@0.12.0-draft **/
/**
 * Diffie-Hellman: the shared secret of a peer's public key and our secret key
 * (X25519: 32 bytes; ECDH `P256-SHA256` / `P384-SHA384`: the raw x-coordinate, not hashed).
 * 
 * Errors: `invalid-operation` for a KEM algorithm; `incompatible-keys` if the keys are of
 * different algorithms; `invalid-key` for a low-order or invalid point;
 * `prohibited-operation` if the secret key's permissions forbid key agreement.
 */
export function dh(publickey: Publickey, secretkey: Secretkey): Uint8Array;
/**
 * KEM encapsulation to `publickey`.
 * 
 * Errors: `invalid-operation` for an algorithm that is not a KEM.
 */
export function encapsulate(publickey: Publickey): Encapsulated;
/**
 * KEM decapsulation (with implicit rejection where the algorithm has it).
 * 
 * Errors: `invalid-operation` for a Diffie-Hellman algorithm; `invalid-length` for a
 * ciphertext of the wrong size; `verification-failed` if the ciphertext does not
 * decapsulate (KEMs without implicit rejection); `prohibited-operation` if the secret key's
 * permissions forbid it.
 */
export function decapsulate(secretkey: Secretkey, ciphertext: Uint8Array): Uint8Array;
export type ErrorCode = import('./wasi-crypto-common.js').ErrorCode;
export type Publickey = import('./wasi-crypto-asymmetric-common.js').Publickey;
export type Secretkey = import('./wasi-crypto-asymmetric-common.js').Secretkey;
/**
 * The result of an encapsulation.
 */
export interface Encapsulated {
  /**
   * The shared secret, for the encapsulating side.
   */
  secret: Uint8Array,
  /**
   * The ciphertext to send to the holder of the secret key.
   */
  ciphertext: Uint8Array,
}
