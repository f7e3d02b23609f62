/** @module Interface wasi:crypto/signatures@0.12.0-draft **/
/**
 * One-shot signing: returns the raw-encoded signature of `message`.
 * 
 * Errors: as `signature-state.open` and `sign`; `invalid-length` beyond the host's input
 * limit.
 */
export function sign(keypair: Keypair, message: Uint8Array): Uint8Array;
/**
 * One-shot verification of a raw-encoded signature.
 * 
 * Errors: `verification-failed` if a well-formed signature does not verify;
 * `invalid-signature` if it is malformed; as `signature-verification-state.open`.
 */
export function verify(publickey: Publickey, message: Uint8Array, signature: Uint8Array): void;
export type ErrorCode = import('./wasi-crypto-common.js').ErrorCode;
export type Options = import('./wasi-crypto-common.js').Options;
export type Keypair = import('./wasi-crypto-asymmetric-common.js').Keypair;
export type Publickey = import('./wasi-crypto-asymmetric-common.js').Publickey;
/**
 * How a signature is encoded.
 * # Variants
 * 
 * ## `"raw"`
 * 
 * The algorithm's raw form (Ed25519: 64 bytes; ECDSA: r || s, fixed width; RSA: the
 * modulus size; ML-DSA: the FIPS 204 encoding).
 * ## `"der"`
 * 
 * DER (ECDSA only: an ASN.1 SEQUENCE of two INTEGERs, strict DER on import).
 */
export type SignatureEncoding = 'raw' | 'der';

export class Signature {
  /**
   * This type does not have a public constructor.
   */
  private constructor();
  /**
  * Imports an encoded signature for `algorithm`.
  * 
  * Errors: `unsupported-algorithm`; `unsupported-encoding`; `invalid-signature` if the
  * bytes are malformed for the algorithm (e.g. the wrong length).
  */
  static 'import'(algorithm: string, encoded: Uint8Array, encoding: SignatureEncoding): Signature;
  /**
  * Exports the signature.
  * 
  * Errors: `unsupported-encoding`.
  */
  'export'(encoding: SignatureEncoding): Uint8Array;
}

export class SignatureState {
  /**
   * This type does not have a public constructor.
   */
  private constructor();
  /**
  * Opens a signing state. `options` carries algorithm parameters (e.g. an ML-DSA
  * `context`); the specification's function takes none.
  * 
  * Errors: `invalid-key` if the key pair is not a signature key;
  * `prohibited-operation` if its permissions forbid signing; `unsupported-option`.
  */
  static open(keypair: Keypair, options: Options | undefined): SignatureState;
  /**
  * Absorbs message data.
  * 
  * Errors: `invalid-length` if the state would buffer more than the host's limit.
  */
  update(input: Uint8Array): void;
  /**
  * Signs everything absorbed so far.
  * 
  * Errors: `algorithm-failure` only on a host library failure.
  */
  sign(): Signature;
  /**
  * Discards everything absorbed; the state can sign a new message with the same key.
  */
  reset(): void;
}

export class SignatureVerificationState {
  /**
   * This type does not have a public constructor.
   */
  private constructor();
  /**
  * Opens a verification state. `options` as for `signature-state.open`.
  * 
  * Errors: `invalid-key`; `prohibited-operation` if the key may not verify;
  * `unsupported-option`.
  */
  static open(publickey: Publickey, options: Options | undefined): SignatureVerificationState;
  /**
  * Absorbs message data.
  * 
  * Errors: `invalid-length` if the state would buffer more than the host's limit.
  */
  update(input: Uint8Array): void;
  /**
  * Verifies `signature` over everything absorbed so far.
  * 
  * Errors: `verification-failed` if a well-formed signature does not verify;
  * `invalid-signature` if it is malformed or of another algorithm.
  */
  verify(signature: Signature): void;
  /**
  * Discards everything absorbed.
  */
  reset(): void;
}
