/** @module Interface wasi:crypto/wasi-ephemeral-crypto-external-secrets@0.11.0 **/
/**
 * Store an external secret into the secrets manager.
 * 
 * `expiration` is the expiration date of the secret as a UNIX timestamp, in seconds.
 * An expiration date is mandatory.
 * 
 * On success, the secret identifier is returned.
 * 
 * If this function is not supported by the host the `$unsupported_feature` error is returned.
 */
export function externalSecretStore(secretsManager: SecretsManager, secret: Uint8Array, expiration: Timestamp): SecretId;
/**
 * Replace a managed external secret with a new version.
 * 
 * `expiration` is the expiration date of the secret as a UNIX timestamp, in seconds.
 * An expiration date is mandatory.
 * 
 * On success, a new version is created and returned.
 * 
 * If this function is not supported by the host the `$unsupported_feature` error is returned.
 */
export function externalSecretReplace(secretsManager: SecretsManager, secret: Uint8Array, expiration: Timestamp): [SecretId, Version];
/**
 * Get a copy of an external secret given an identifier and version.
 * 
 * `secret_version` can be set to a version number, or to `version.latest` to retrieve the most recent version of a secret.
 * 
 * On success, a copy of the secret is returned.
 * 
 * The function returns `$unsupported_feature` if this operation is not supported by the host, and `not_found` if the identifier and version don't match any existing secret.
 */
export function externalSecretFromId(secretsManager: SecretsManager, secretId: SecretId, secretVersion: Version): ArrayOutput;
/**
 * Invalidate an external secret given an identifier and a version.
 * 
 * This asks the secrets manager to delete or revoke a stored secret, a specific version of a secret.
 * 
 * `secret_version` can be set to a version number, or to `version.latest` to invalidate the current version, or to `version.all` to invalidate all versions of a secret.
 * 
 * The function returns `$unsupported_feature` if this operation is not supported by the host, and `not_found` if the identifier and version don't match any existing secret.
 */
export function externalSecretInvalidate(secretsManager: SecretsManager, secretId: SecretId, secretVersion: Version): void;
/**
 * Encrypt an external secret.
 * 
 * Applications don't have access to the encryption key, and the secrets manager is free to choose any suitable algorithm.
 * 
 * However, the returned ciphertext must include and authenticate both the secret and the expiration date.
 * 
 * On success, the ciphertext is returned.
 */
export function externalSecretEncapsulate(secretsManager: SecretsManager, secret: Uint8Array, expiration: Timestamp): ArrayOutput;
/**
 * Decrypt an external secret previously encrypted by the secrets manager.
 * 
 * Returns the original secret if the ciphertext is valid.
 * Returns `$expired` if the current date is past the stored expiration date.
 * Returns `$verification_failed` if the ciphertext format is invalid or if its authentication tag couldn't be verified.
 */
export function externalSecretDecapsulate(secretsManager: SecretsManager, encryptedSecret: Uint8Array): ArrayOutput;
export type SecretsManager = import('./wasi-crypto-wasi-ephemeral-crypto-common.js').SecretsManager;
export type Size = import('./wasi-crypto-wasi-ephemeral-crypto-common.js').Size;
export type Timestamp = import('./wasi-crypto-wasi-ephemeral-crypto-common.js').Timestamp;
export type CryptoErrno = import('./wasi-crypto-wasi-ephemeral-crypto-common.js').CryptoErrno;
export type Version = import('./wasi-crypto-wasi-ephemeral-crypto-common.js').Version;
export type ArrayOutput = import('./wasi-crypto-wasi-ephemeral-crypto-common.js').ArrayOutput;
export type SecretId = Uint8Array;
