/** @module Interface wasi:crypto/wasi-ephemeral-crypto-asymmetric-common@0.11.0 **/
/**
 * Generate a new key pair.
 * 
 * Internally, a key pair stores the supplied algorithm and optional parameters.
 * 
 * Trying to use that key pair with different parameters will throw an `invalid_key` error.
 * 
 * This function may return `$crypto_errno.unsupported_feature` if key generation is not supported by the host for the chosen algorithm.
 * 
 * The function may also return `unsupported_algorithm` if the algorithm is not supported by the host.
 * 
 * Finally, if generating that type of key pair is an expensive operation, the function may return `in_progress`.
 * In that case, the guest should retry with the same parameters until the function completes.
 * 
 * Example usage:
 * 
 * ```rust
 * let kp_handle = ctx.keypair_generate(AlgorithmType::Signatures, "RSA_PKCS1_2048_SHA256", None)?;
 * ```
 */
export function keypairGenerate(algorithmType: AlgorithmType, algorithm: string, options: Options | undefined): Keypair;
/**
 * Import a key pair.
 * 
 * This function creates a `keypair` object from existing material.
 * 
 * It may return `unsupported_algorithm` if the encoding scheme is not supported, or `invalid_key` if the key cannot be decoded.
 * 
 * The function may also return `unsupported_algorithm` if the algorithm is not supported by the host.
 * 
 * Example usage:
 * 
 * ```rust
 * let kp_handle = ctx.keypair_import(AlgorithmType::Signatures, "RSA_PKCS1_2048_SHA256", KeypairEncoding::PKCS8)?;
 * ```
 */
export function keypairImport(algorithmType: AlgorithmType, algorithm: string, encoded: Uint8Array, encoding: KeypairEncoding): Keypair;
/**
 * __(optional)__
 * Generate a new managed key pair.
 * 
 * The key pair is generated and stored by the secrets management facilities.
 * 
 * It may be used through its identifier, but the host may not allow it to be exported.
 * 
 * The function returns the `unsupported_feature` error code if secrets management facilities are not supported by the host,
 * or `unsupported_algorithm` if a key cannot be created for the chosen algorithm.
 * 
 * The function may also return `unsupported_algorithm` if the algorithm is not supported by the host.
 * 
 * This is also an optional import, meaning that the function may not even exist.
 */
export function keypairGenerateManaged(secretsManager: SecretsManager, algorithmType: AlgorithmType, algorithm: string, options: Options | undefined): Keypair;
/**
 * __(optional)__
 * Store a key pair into the secrets manager.
 * 
 * On success, the function returns the key pair identifier
 */
export function keypairStoreManaged(secretsManager: SecretsManager, kp: Keypair): KpId;
/**
 * __(optional)__
 * Replace a managed key pair.
 * 
 * This function creates a new version of a managed key pair, by replacing `$kp_old` with `$kp_new`.
 * 
 * It does several things:
 * 
 * - The key identifier for `$kp_new` is set to the one of `$kp_old`.
 * - A new, unique version identifier is assigned to `$kp_new`. This version will be equivalent to using `$version_latest` until the key is replaced.
 * - The `$kp_old` handle is closed.
 * 
 * Both keys must share the same algorithm and have compatible parameters. If this is not the case, `incompatible_keys` is returned.
 * 
 * The function may also return the `unsupported_feature` error code if secrets management facilities are not supported by the host,
 * or if keys cannot be rotated.
 * 
 * Finally, `prohibited_operation` can be returned if `$kp_new` wasn't created by the secrets manager, and the secrets manager prohibits imported keys.
 * 
 * If the operation succeeded, the new version is returned.
 * 
 * This is an optional import, meaning that the function may not even exist.
 */
export function keypairReplaceManaged(secretsManager: SecretsManager, kpOld: Keypair, kpNew: Keypair): Version;
/**
 * __(optional)__
 * Return the key pair identifier and version of a managed key pair.
 * 
 * If the key pair is not managed, `unsupported_feature` is returned instead.
 * 
 * This is an optional import, meaning that the function may not even exist.
 */
export function keypairId(kp: Keypair): [KpId, Version];
/**
 * __(optional)__
 * Return a managed key pair from a key identifier.
 * 
 * `kp_version` can be set to `version_latest` to retrieve the most recent version of a key pair.
 * 
 * If no key pair matching the provided information is found, `not_found` is returned instead.
 * 
 * This is an optional import, meaning that the function may not even exist.
 */
export function keypairFromId(secretsManager: SecretsManager, kpId: KpId, kpVersion: Version): Keypair;
/**
 * Create a key pair from a public key and a secret key.
 */
export function keypairFromPkAndSk(publickey: Publickey, secretkey: Secretkey): Keypair;
/**
 * Export a key pair as the given encoding format.
 * 
 * May return `prohibited_operation` if this operation is denied or `unsupported_encoding` if the encoding is not supported.
 */
export function keypairExport(kp: Keypair, encoding: KeypairEncoding): ArrayOutput;
/**
 * Get the public key of a key pair.
 */
export function keypairPublickey(kp: Keypair): Publickey;
/**
 * Get the secret key of a key pair.
 */
export function keypairSecretkey(kp: Keypair): Secretkey;
/**
 * Destroy a key pair.
 * 
 * The host will automatically wipe traces of the secret key from memory.
 * 
 * If this is a managed key, the key will not be removed from persistent storage, and can be reconstructed later using the key identifier.
 */
export function keypairClose(kp: Keypair): void;
/**
 * Import a public key.
 * 
 * The function may return `unsupported_encoding` if importing from the given format is not implemented or incompatible with the key type.
 * 
 * It may also return `invalid_key` if the key doesn't appear to match the supplied algorithm.
 * 
 * Finally, the function may return `unsupported_algorithm` if the algorithm is not supported by the host.
 * 
 * Example usage:
 * 
 * ```rust
 * let pk_handle = ctx.publickey_import(AlgorithmType::Signatures, encoded, PublicKeyEncoding::Sec)?;
 * ```
 */
export function publickeyImport(algorithmType: AlgorithmType, algorithm: string, encoded: Uint8Array, encoding: PublickeyEncoding): Publickey;
/**
 * Export a public key as the given encoding format.
 * 
 * May return `unsupported_encoding` if the encoding is not supported.
 */
export function publickeyExport(pk: Publickey, encoding: PublickeyEncoding): ArrayOutput;
/**
 * Check that a public key is valid and in canonical form.
 * 
 * This function may perform stricter checks than those made during importation at the expense of additional CPU cycles.
 * 
 * The function returns `invalid_key` if the public key didn't pass the checks.
 */
export function publickeyVerify(pk: Publickey): void;
/**
 * Compute the public key for a secret key.
 */
export function publickeyFromSecretkey(sk: Secretkey): Publickey;
/**
 * Destroy a public key.
 * 
 * Objects are reference counted. It is safe to close an object immediately after the last function needing it is called.
 */
export function publickeyClose(pk: Publickey): void;
/**
 * Import a secret key.
 * 
 * The function may return `unsupported_encoding` if importing from the given format is not implemented or incompatible with the key type.
 * 
 * It may also return `invalid_key` if the key doesn't appear to match the supplied algorithm.
 * 
 * Finally, the function may return `unsupported_algorithm` if the algorithm is not supported by the host.
 * 
 * Example usage:
 * 
 * ```rust
 * let pk_handle = ctx.secretkey_import(AlgorithmType::KX, encoded, SecretKeyEncoding::Raw)?;
 * ```
 */
export function secretkeyImport(algorithmType: AlgorithmType, algorithm: string, encoded: Uint8Array, encoding: SecretkeyEncoding): Secretkey;
/**
 * Export a secret key as the given encoding format.
 * 
 * May return `unsupported_encoding` if the encoding is not supported.
 */
export function secretkeyExport(sk: Secretkey, encoding: SecretkeyEncoding): ArrayOutput;
/**
 * Destroy a secret key.
 * 
 * Objects are reference counted. It is safe to close an object immediately after the last function needing it is called.
 */
export function secretkeyClose(sk: Secretkey): void;
export type AlgorithmType = import('./wasi-crypto-wasi-ephemeral-crypto-common.js').AlgorithmType;
export type Options = import('./wasi-crypto-wasi-ephemeral-crypto-common.js').Options;
export type Keypair = import('./wasi-crypto-wasi-ephemeral-crypto-common.js').Keypair;
export type CryptoErrno = import('./wasi-crypto-wasi-ephemeral-crypto-common.js').CryptoErrno;
export type Size = import('./wasi-crypto-wasi-ephemeral-crypto-common.js').Size;
export type KeypairEncoding = import('./wasi-crypto-wasi-ephemeral-crypto-common.js').KeypairEncoding;
export type SecretsManager = import('./wasi-crypto-wasi-ephemeral-crypto-common.js').SecretsManager;
export type Version = import('./wasi-crypto-wasi-ephemeral-crypto-common.js').Version;
export type Publickey = import('./wasi-crypto-wasi-ephemeral-crypto-common.js').Publickey;
export type Secretkey = import('./wasi-crypto-wasi-ephemeral-crypto-common.js').Secretkey;
export type ArrayOutput = import('./wasi-crypto-wasi-ephemeral-crypto-common.js').ArrayOutput;
export type PublickeyEncoding = import('./wasi-crypto-wasi-ephemeral-crypto-common.js').PublickeyEncoding;
export type SecretkeyEncoding = import('./wasi-crypto-wasi-ephemeral-crypto-common.js').SecretkeyEncoding;
export type KpId = Uint8Array;
