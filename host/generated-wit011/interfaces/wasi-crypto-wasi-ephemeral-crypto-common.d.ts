/** @module Interface wasi:crypto/wasi-ephemeral-crypto-common@0.11.0 **/
/**
 * Create a new object to set non-default options.
 * 
 * Example usage:
 * 
 * ```rust
 * let options_handle = options_open(AlgorithmType::Symmetric)?;
 * options_set(options_handle, "context", context)?;
 * options_set_u64(options_handle, "threads", 4)?;
 * let state = symmetric_state_open("BLAKE3", None, Some(options_handle))?;
 * options_close(options_handle)?;
 * ```
 */
export function optionsOpen(algorithmType: AlgorithmType): Options;
/**
 * Destroy an options object.
 */
export function optionsClose(options: Options): void;
/**
 * Set or update an option.
 * 
 * This is used to set algorithm-specific parameters, but also to provide credentials for the secrets management facilities, if required.
 * 
 * This function may return `unsupported_option` if an option that doesn't exist for any implemented algorithms is specified.
 */
export function optionsSet(options: Options, name: string, value: Uint8Array): void;
/**
 * Set or update an integer option.
 * 
 * This is used to set algorithm-specific parameters.
 * 
 * This function may return `unsupported_option` if an option that doesn't exist for any implemented algorithms is specified.
 */
export function optionsSetU64(options: Options, name: string, value: bigint): void;
/**
 * Set or update buffer that the host can use or return data into.
 * 
 * This is for example used to set the scratch buffer required by memory-hard functions.
 * 
 * NOTE: In WITX, this was a raw pointer into guest linear memory, ensuring the allocation counted against the guest's memory budget.
 * This implementation using `list<u8>` does not have this guarantee and serves as a stopgap till [caller-supplied buffers](https://wasi.dev/roadmap) arrive in future WASI 0.3.x release.
 * 
 * This function may return `unsupported_option` if an option that doesn't exist for any implemented algorithms is specified.
 */
export function optionsSetGuestBuffer(options: Options, name: string, buffer: Uint8Array): void;
/**
 * Return the length of an `array_output` object.
 * 
 * This allows a guest to allocate a buffer of the correct size in order to copy the output of a function returning this object type.
 */
export function arrayOutputLen(arrayOutput: ArrayOutput): Size;
/**
 * Copy the content of an `array_output` object into an application-allocated buffer.
 * 
 * The function returns the copied bytes. The handle is consumed and becomes invalid after this call.
 * 
 * Example usage:
 * 
 * ```rust
 * let len = array_output_len(output_handle)?;
 * let out = array_output_pull(output_handle)?;
 * ```
 */
export function arrayOutputPull(arrayOutput: ArrayOutput): Uint8Array;
/**
 * __(optional)__
 * Create a context to use a secrets manager.
 * 
 * The set of required and supported options is defined by the host.
 * 
 * The function returns the `unsupported_feature` error code if secrets management facilities are not supported by the host.
 * This is also an optional import, meaning that the function may not even exist.
 */
export function secretsManagerOpen(options: Options | undefined): SecretsManager;
/**
 * __(optional)__
 * Destroy a secrets manager context.
 * 
 * The function returns the `unsupported_feature` error code if secrets management facilities are not supported by the host.
 * This is also an optional import, meaning that the function may not even exist.
 */
export function secretsManagerClose(secretsManager: SecretsManager): void;
/**
 * __(optional)__
 * Invalidate a managed key or key pair given an identifier and a version.
 * 
 * This asks the secrets manager to delete or revoke a stored key, a specific version of a key.
 * 
 * `key_version` can be set to a version number, to `version.latest` to invalidate the current version, or to `version.all` to invalidate all versions of a key.
 * 
 * The function returns `unsupported_feature` if this operation is not supported by the host, and `not_found` if the identifier and version don't match any existing key.
 * 
 * This is an optional import, meaning that the function may not even exist.
 */
export function secretsManagerInvalidate(secretsManager: SecretsManager, keyId: KeyId, keyVersion: Version): void;
export type KeyId = Uint8Array;
/**
 * Error codes.
 */
export type CryptoErrno = CryptoErrnoSuccess | CryptoErrnoGuestError | CryptoErrnoNotImplemented | CryptoErrnoUnsupportedFeature | CryptoErrnoProhibitedOperation | CryptoErrnoUnsupportedEncoding | CryptoErrnoUnsupportedAlgorithm | CryptoErrnoUnsupportedOption | CryptoErrnoInvalidKey | CryptoErrnoInvalidLength | CryptoErrnoVerificationFailed | CryptoErrnoRngError | CryptoErrnoAlgorithmFailure | CryptoErrnoInvalidSignature | CryptoErrnoClosed | CryptoErrnoInvalidHandle | CryptoErrnoOverflow | CryptoErrnoInternalError | CryptoErrnoTooManyHandles | CryptoErrnoKeyNotSupported | CryptoErrnoKeyRequired | CryptoErrnoInvalidTag | CryptoErrnoInvalidOperation | CryptoErrnoNonceRequired | CryptoErrnoInvalidNonce | CryptoErrnoOptionNotSet | CryptoErrnoNotFound | CryptoErrnoParametersMissing | CryptoErrnoInProgress | CryptoErrnoIncompatibleKeys | CryptoErrnoExpired;
/**
 * Operation succeeded.
 */
export interface CryptoErrnoSuccess {
  tag: 'success',
}
/**
 * An error occurred during a conversion from a host type to a guest type.
 * 
 * Only an internal bug can throw this error.
 */
export interface CryptoErrnoGuestError {
  tag: 'guest-error',
}
/**
 * The requested operation is valid, but not implemented by the host.
 */
export interface CryptoErrnoNotImplemented {
  tag: 'not-implemented',
}
/**
 * The requested feature is not supported by the chosen algorithm.
 */
export interface CryptoErrnoUnsupportedFeature {
  tag: 'unsupported-feature',
}
/**
 * The requested operation is valid, but was administratively prohibited.
 */
export interface CryptoErrnoProhibitedOperation {
  tag: 'prohibited-operation',
}
/**
 * Unsupported encoding for an import or export operation.
 */
export interface CryptoErrnoUnsupportedEncoding {
  tag: 'unsupported-encoding',
}
/**
 * The requested algorithm is not supported by the host.
 */
export interface CryptoErrnoUnsupportedAlgorithm {
  tag: 'unsupported-algorithm',
}
/**
 * The requested option is not supported by the currently selected algorithm.
 */
export interface CryptoErrnoUnsupportedOption {
  tag: 'unsupported-option',
}
/**
 * An invalid or incompatible key was supplied.
 * 
 * The key may not be valid, or was generated for a different algorithm or parameters set.
 */
export interface CryptoErrnoInvalidKey {
  tag: 'invalid-key',
}
/**
 * The currently selected algorithm doesn't support the requested output length.
 * 
 * This error is thrown by non-extensible hash functions, when requesting an output size larger than they produce out of a single block.
 */
export interface CryptoErrnoInvalidLength {
  tag: 'invalid-length',
}
/**
 * A signature or authentication tag verification failed.
 */
export interface CryptoErrnoVerificationFailed {
  tag: 'verification-failed',
}
/**
 * A secure random numbers generator is not available.
 * 
 * The requested operation requires random numbers, but the host cannot securely generate them at the moment.
 */
export interface CryptoErrnoRngError {
  tag: 'rng-error',
}
/**
 * An error was returned by the underlying cryptography library.
 * 
 * The host may be running out of memory, parameters may be incompatible with the chosen implementation of an algorithm or another unexpected error may have happened.
 * 
 * Ideally, the specification should provide enough details and guidance to make this error impossible to ever be thrown.
 * 
 * Realistically, the WASI crypto module cannot possibly cover all possible error types implementations can return, especially since some of these may be language-specific.
 * This error can thus be thrown when other error types are not suitable, and when the original error comes from the cryptographic primitives themselves and not from the WASI module.
 */
export interface CryptoErrnoAlgorithmFailure {
  tag: 'algorithm-failure',
}
/**
 * The supplied signature is invalid, or incompatible with the chosen algorithm.
 */
export interface CryptoErrnoInvalidSignature {
  tag: 'invalid-signature',
}
/**
 * An attempt was made to close a handle that was already closed.
 */
export interface CryptoErrnoClosed {
  tag: 'closed',
}
/**
 * A function was called with an unassigned handle, a closed handle, or handle of an unexpected type.
 */
export interface CryptoErrnoInvalidHandle {
  tag: 'invalid-handle',
}
/**
 * The host needs to copy data to a guest-allocated buffer, but that buffer is too small.
 */
export interface CryptoErrnoOverflow {
  tag: 'overflow',
}
/**
 * An internal error occurred.
 * 
 * This error is reserved to internal consistency checks, and must only be sent if the internal state of the host remains safe after an inconsistency was detected.
 */
export interface CryptoErrnoInternalError {
  tag: 'internal-error',
}
/**
 * Too many handles are currently open, and a new one cannot be created.
 * 
 * Implementations are free to represent handles as they want, and to enforce limits to limit resources usage.
 */
export interface CryptoErrnoTooManyHandles {
  tag: 'too-many-handles',
}
/**
 * A key was provided, but the chosen algorithm doesn't support keys.
 * 
 * This is returned by symmetric operations.
 * 
 * Many hash functions, in particular, do not support keys without being used in particular constructions.
 * Blindly ignoring a key provided by mistake while trying to open a context for such as function could cause serious security vulnerabilities.
 * 
 * These functions must refuse to create the context and return this error instead.
 */
export interface CryptoErrnoKeyNotSupported {
  tag: 'key-not-supported',
}
/**
 * A key is required for the chosen algorithm, but none was given.
 */
export interface CryptoErrnoKeyRequired {
  tag: 'key-required',
}
/**
 * The provided authentication tag is invalid or incompatible with the current algorithm.
 * 
 * This error is returned by decryption functions and tag verification functions.
 * 
 * Unlike `verification_failed`, this error code is returned when the tag cannot possibly verify for any input.
 */
export interface CryptoErrnoInvalidTag {
  tag: 'invalid-tag',
}
/**
 * The requested operation is incompatible with the current scheme.
 * 
 * For example, the `symmetric_state_encrypt()` function cannot complete if the selected construction is a key derivation function.
 * This error code will be returned instead.
 */
export interface CryptoErrnoInvalidOperation {
  tag: 'invalid-operation',
}
/**
 * A nonce is required.
 * 
 * Most encryption schemes require a nonce.
 * 
 * In the absence of a nonce, the WASI cryptography module can automatically generate one, if that can be done safely. The nonce can be retrieved later with the `symmetric_state_option_get()` function using the `nonce` parameter.
 * If automatically generating a nonce cannot be done safely, the module never falls back to an insecure option and requests an explicit nonce by throwing that error.
 */
export interface CryptoErrnoNonceRequired {
  tag: 'nonce-required',
}
/**
 * The provided nonce doesn't have a correct size for the given cipher.
 */
export interface CryptoErrnoInvalidNonce {
  tag: 'invalid-nonce',
}
/**
 * The named option was not set.
 * 
 * The caller tried to read the value of an option that was not set.
 * This error is used to make the distinction between an empty option, and an option that was not set and left to its default value.
 */
export interface CryptoErrnoOptionNotSet {
  tag: 'option-not-set',
}
/**
 * A key or key pair matching the requested identifier cannot be found using the supplied information.
 * 
 * This error is returned by a secrets manager via the `keypair_from_id()` function.
 */
export interface CryptoErrnoNotFound {
  tag: 'not-found',
}
/**
 * The algorithm requires parameters that haven't been set.
 * 
 * Non-generic options are required and must be given by building an `options` set and giving that object to functions instantiating that algorithm.
 */
export interface CryptoErrnoParametersMissing {
  tag: 'parameters-missing',
}
/**
 * A requested computation is not done yet, and additional calls to the function are required.
 * 
 * Some functions, such as functions generating key pairs and password stretching functions, can take a long time to complete.
 * 
 * In order to avoid a host call to be blocked for too long, these functions can return prematurely, requiring additional calls with the same parameters until they complete.
 */
export interface CryptoErrnoInProgress {
  tag: 'in-progress',
}
/**
 * Multiple keys have been provided, but they do not share the same type.
 * 
 * This error is returned when trying to build a key pair from a public key and a secret key that were created for different and incompatible algorithms.
 */
export interface CryptoErrnoIncompatibleKeys {
  tag: 'incompatible-keys',
}
/**
 * A managed key or secret expired and cannot be used any more.
 */
export interface CryptoErrnoExpired {
  tag: 'expired',
}
/**
 * Encoding to use for importing or exporting a key pair.
 * # Variants
 * 
 * ## `"raw"`
 * 
 * Raw bytes.
 * ## `"pkcs8"`
 * 
 * PKCS8/DER encoding.
 * ## `"pem"`
 * 
 * PEM encoding.
 * ## `"local"`
 * 
 * Implementation-defined encoding.
 */
export type KeypairEncoding = 'raw' | 'pkcs8' | 'pem' | 'local';
/**
 * Encoding to use for importing or exporting a public key.
 * # Variants
 * 
 * ## `"raw"`
 * 
 * Raw bytes.
 * ## `"pkcs8"`
 * 
 * PKCS8/DER encoding.
 * ## `"pem"`
 * 
 * PEM encoding.
 * ## `"sec"`
 * 
 * SEC-1 encoding.
 * ## `"local"`
 * 
 * Implementation-defined encoding.
 */
export type PublickeyEncoding = 'raw' | 'pkcs8' | 'pem' | 'sec' | 'local';
/**
 * Encoding to use for importing or exporting a secret key.
 * # Variants
 * 
 * ## `"raw"`
 * 
 * Raw bytes.
 * ## `"pkcs8"`
 * 
 * PKCS8/DER encoding.
 * ## `"pem"`
 * 
 * PEM encoding.
 * ## `"sec"`
 * 
 * SEC encoding.
 * ## `"local"`
 * 
 * Implementation-defined encoding.
 */
export type SecretkeyEncoding = 'raw' | 'pkcs8' | 'pem' | 'sec' | 'local';
/**
 * Encoding to use for importing or exporting a signature.
 * # Variants
 * 
 * ## `"raw"`
 * 
 * Raw bytes.
 * ## `"der"`
 * 
 * DER encoding.
 */
export type SignatureEncoding = 'raw' | 'der';
/**
 * An algorithm category.
 * # Variants
 * 
 * ## `"signatures"`
 * 
 * ## `"symmetric"`
 * 
 * ## `"key-exchange"`
 */
export type AlgorithmType = 'signatures' | 'symmetric' | 'key-exchange';
/**
 * Version of a managed key.
 */
export type Version = VersionUnspecified | VersionLatest | VersionAll | VersionSpecified;
/**
 * Key doesn't support versioning.
 */
export interface VersionUnspecified {
  tag: 'unspecified',
}
/**
 * Use the latest version of a key.
 */
export interface VersionLatest {
  tag: 'latest',
}
/**
 * Perform an operation over all versions of a key.
 */
export interface VersionAll {
  tag: 'all',
}
/**
 * Specific version specifier
 */
export interface VersionSpecified {
  tag: 'specified',
  val: bigint,
}
/**
 * Size of a value.
 */
export type Size = number;
/**
 * A UNIX timestamp, in seconds since 01/01/1970.
 */
export type Timestamp = bigint;
/**
 * A 64-bit value
 */
export type U64 = bigint;
/**
 * Options index, only required by the Interface Types translation layer.
 * # Variants
 * 
 * ## `"some"`
 * 
 * ## `"none"`
 */
export type OptOptionsU = 'some' | 'none';
/**
 * An optional options set.
 * 
 * This union simulates an `Option<Options>` type to make the `options` parameter of some functions optional.
 */
export type OptOptions = Options | undefined;
/**
 * Symmetric key index, only required by the Interface Types translation layer.
 * # Variants
 * 
 * ## `"some"`
 * 
 * ## `"none"`
 */
export type OptSymmetricKeyU = 'some' | 'none';
/**
 * An optional symmetric key.
 * 
 * This union simulates an `Option<SymmetricKey>` type to make the `symmetric_key` parameter of some functions optional.
 */
export type OptSymmetricKey = SymmetricKey | undefined;

export class ArrayOutput {
  /**
   * This type does not have a public constructor.
   */
  private constructor();
}

export class Keypair {
  /**
   * This type does not have a public constructor.
   */
  private constructor();
}

export class Options {
  /**
   * This type does not have a public constructor.
   */
  private constructor();
}

export class Publickey {
  /**
   * This type does not have a public constructor.
   */
  private constructor();
}

export class Secretkey {
  /**
   * This type does not have a public constructor.
   */
  private constructor();
}

export class SecretsManager {
  /**
   * This type does not have a public constructor.
   */
  private constructor();
}

export class Signature {
  /**
   * This type does not have a public constructor.
   */
  private constructor();
}

export class SignatureState {
  /**
   * This type does not have a public constructor.
   */
  private constructor();
}

export class SignatureVerificationState {
  /**
   * This type does not have a public constructor.
   */
  private constructor();
}

export class SymmetricKey {
  /**
   * This type does not have a public constructor.
   */
  private constructor();
}

export class SymmetricState {
  /**
   * This type does not have a public constructor.
   */
  private constructor();
}

export class SymmetricTag {
  /**
   * This type does not have a public constructor.
   */
  private constructor();
}
