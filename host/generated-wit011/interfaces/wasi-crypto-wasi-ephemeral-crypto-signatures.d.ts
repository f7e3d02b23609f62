/** @module Interface wasi:crypto/wasi-ephemeral-crypto-signatures@0.11.0 **/
/**
 * Export a signature.
 * 
 * This function exports a signature object using the specified encoding.
 * 
 * May return `unsupported_encoding` if the signature cannot be encoded into the given format.
 */
export function signatureExport(signature: Signature, encoding: SignatureEncoding): ArrayOutput;
/**
 * Create a signature object.
 * 
 * This object can be used along with a public key to verify an existing signature.
 * 
 * It may return `invalid_signature` if the signature is invalid or incompatible with the specified algorithm, as well as `unsupported_encoding` if the encoding is not compatible with the signature type.
 * 
 * The function may also return `unsupported_algorithm` if the algorithm is not supported by the host.
 * 
 * Example usage:
 * 
 * ```rust
 * let signature_handle = ctx.signature_import("ECDSA_P256_SHA256", SignatureEncoding::DER, encoded)?;
 * ```
 */
export function signatureImport(algorithm: string, encoded: Uint8Array, encoding: SignatureEncoding): Signature;
/**
 * Create a new state to collect data to compute a signature on.
 * 
 * This function allows data to be signed to be supplied in a streaming fashion.
 * 
 * The state is not closed and can be used after a signature has been computed, allowing incremental updates by calling `signature_state_update()` again afterwards.
 * 
 * Example usage - signature creation
 * 
 * ```rust
 * let kp_handle = ctx.keypair_import(AlgorithmType::Signatures, "Ed25519ph", keypair, KeypairEncoding::Raw)?;
 * let state_handle = ctx.signature_state_open(kp_handle)?;
 * ctx.signature_state_update(state_handle, b"message part 1")?;
 * ctx.signature_state_update(state_handle, b"message part 2")?;
 * let sig_handle = ctx.signature_state_sign(state_handle)?;
 * let raw_sig = ctx.signature_export(sig_handle, SignatureEncoding::Raw)?;
 * ```
 */
export function signatureStateOpen(kp: SignatureKeypair): SignatureState;
/**
 * Absorb data into the signature state.
 * 
 * This function may return `unsupported_feature` if the selected algorithm doesn't support incremental updates,
 * or if `signature-state-sign` has already been called on this state (e.g. pure Ed25519, which does not support
 * re-feeding data after a signature has been produced).
 */
export function signatureStateUpdate(state: SignatureState, input: Uint8Array): void;
/**
 * Compute a signature for all the data collected up to that point.
 * 
 * The function can be called multiple times for incremental signing.
 */
export function signatureStateSign(state: SignatureState): Signature;
/**
 * Destroy a signature state.
 * 
 * Objects are reference counted. It is safe to close an object immediately after the last function needing it is called.
 * 
 * Note that closing a signature state doesn't close or invalidate the key pair object, that can be reused for further signatures.
 */
export function signatureStateClose(state: SignatureState): void;
/**
 * Create a new state to collect data to verify a signature on.
 * 
 * This is the verification counterpart of `signature_state`.
 * 
 * Data can be injected using `signature_verification_state_update()`, and the state is not closed after a verification, allowing incremental verification.
 * 
 * Example usage - signature verification:
 * 
 * ```rust
 * let pk_handle = ctx.publickey_import(AlgorithmType::Signatures, "ECDSA_P256_SHA256", encoded_pk, PublicKeyEncoding::Sec)?;
 * let signature_handle = ctx.signature_import("ECDSA_P256_SHA256", encoded_sig, SignatureEncoding::Der)?;
 * let state_handle = ctx.signature_verification_state_open(pk_handle)?;
 * ctx.signature_verification_state_update(state_handle, "message")?;
 * ctx.signature_verification_state_verify(state_handle, signature_handle)?;
 * ```
 */
export function signatureVerificationStateOpen(kp: SignaturePublickey): SignatureVerificationState;
/**
 * Absorb data into the signature verification state.
 * 
 * This function may return `unsupported_feature` if the selected algorithm doesn't support incremental updates.
 */
export function signatureVerificationStateUpdate(state: SignatureVerificationState, input: Uint8Array): void;
/**
 * Check that the given signature verifies for the data collected up to that point.
 * 
 * The state is not closed and can absorb more data to allow for incremental verification.
 * 
 * The function returns `invalid_signature` if the signature doesn't appear to be valid.
 */
export function signatureVerificationStateVerify(state: SignatureVerificationState, signature: Signature): void;
/**
 * Destroy a signature verification state.
 * 
 * Objects are reference counted. It is safe to close an object immediately after the last function needing it is called.
 * 
 * Note that closing a signature state doesn't close or invalidate the public key object, that can be reused for further verifications.
 */
export function signatureVerificationStateClose(state: SignatureVerificationState): void;
/**
 * Destroy a signature.
 */
export function signatureClose(signature: Signature): void;
export type Keypair = import('./wasi-crypto-wasi-ephemeral-crypto-common.js').Keypair;
export type Publickey = import('./wasi-crypto-wasi-ephemeral-crypto-common.js').Publickey;
export type Secretkey = import('./wasi-crypto-wasi-ephemeral-crypto-common.js').Secretkey;
export type Signature = import('./wasi-crypto-wasi-ephemeral-crypto-common.js').Signature;
export type SignatureEncoding = import('./wasi-crypto-wasi-ephemeral-crypto-common.js').SignatureEncoding;
export type ArrayOutput = import('./wasi-crypto-wasi-ephemeral-crypto-common.js').ArrayOutput;
export type CryptoErrno = import('./wasi-crypto-wasi-ephemeral-crypto-common.js').CryptoErrno;
export type Size = import('./wasi-crypto-wasi-ephemeral-crypto-common.js').Size;
export type SignatureState = import('./wasi-crypto-wasi-ephemeral-crypto-common.js').SignatureState;
export type SignatureVerificationState = import('./wasi-crypto-wasi-ephemeral-crypto-common.js').SignatureVerificationState;
/**
 * `$signature_keypair` is just an alias for `$keypair`
 * 
 * However, bindings may want to define a specialized type `signature_keypair` as a super class of `keypair`, with additional methods such as `sign`.
 */
export type SignatureKeypair = Keypair;
/**
 * `$signature_publickey` is just an alias for `$publickey`
 * 
 * However, bindings may want to define a specialized type `signature_publickey` as a super class of `publickey`, with additional methods such as `verify`.
 */
export type SignaturePublickey = Publickey;
/**
 * `$signature_secretkey` is just an alias for `$secretkey`
 * 
 * However, bindings may want to define a specialized type `signature_secretkey` as a super class of `secretkey`.
 */
export type SignatureSecretkey = Secretkey;
