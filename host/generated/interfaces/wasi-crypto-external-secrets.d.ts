/** @module Interface wasi:crypto/external-secrets@0.12.0-draft **/
/**
 * Stores a secret until `expiration`; returns its identifier.
 * 
 * Errors: `unsupported-feature` if the host has no secrets manager; `expired` if
 * `expiration` is in the past; `invalid-length` beyond the host's size limit.
 */
export function store(secretsManager: SecretsManager, secret: Uint8Array, expiration: Timestamp): KeyId;
/**
 * Stores a new version of the secret `secret-id`; returns the new version.
 * 
 * Errors: `unsupported-feature`; `not-found`; `expired` if `expiration` is in the past.
 */
export function replace(secretsManager: SecretsManager, secretId: KeyId, secret: Uint8Array, expiration: Timestamp): Version;
/**
 * Returns a version of a secret.
 * 
 * Errors: `unsupported-feature`; `not-found` (also for an invalidated version);
 * `expired`; `invalid-operation` for `version::all`.
 */
export function fromId(secretsManager: SecretsManager, secretId: KeyId, secretVersion: Version): Uint8Array;
/**
 * Invalidates one version, the newest (`latest`) or all versions (`all`) of a secret.
 * 
 * Errors: `unsupported-feature`; `not-found`.
 */
export function invalidate(secretsManager: SecretsManager, secretId: KeyId, secretVersion: Version): void;
/**
 * Encrypts a secret under a host key so the guest can keep it itself; only this host
 * (with the same key-encryption key) can decapsulate it before `expiration`.
 * 
 * Errors: `unsupported-feature`; `expired` if `expiration` is in the past.
 */
export function encapsulate(secretsManager: SecretsManager, secret: Uint8Array, expiration: Timestamp): Uint8Array;
/**
 * Decrypts a secret produced by `encapsulate`.
 * 
 * Errors: `unsupported-feature`; `verification-failed` if it was not produced by this
 * host or was altered; `expired` after its expiration.
 */
export function decapsulate(secretsManager: SecretsManager, encryptedSecret: Uint8Array): Uint8Array;
export type ErrorCode = import('./wasi-crypto-common.js').ErrorCode;
export type SecretsManager = import('./wasi-crypto-common.js').SecretsManager;
export type Version = import('./wasi-crypto-common.js').Version;
export type Timestamp = import('./wasi-crypto-common.js').Timestamp;
export type KeyId = import('./wasi-crypto-common.js').KeyId;
