/** @module Interface wasi:crypto/asymmetric-common@0.12.0-draft **/
export type ErrorCode = import('./wasi-crypto-common.js').ErrorCode;
export type Options = import('./wasi-crypto-common.js').Options;
export type SecretsManager = import('./wasi-crypto-common.js').SecretsManager;
export type Version = import('./wasi-crypto-common.js').Version;
export type KeyId = import('./wasi-crypto-common.js').KeyId;
export type AlgorithmType = import('./wasi-crypto-common.js').AlgorithmType;
export type KeyPermissions = import('./wasi-crypto-common.js').KeyPermissions;
export type SymmetricKey = import('./wasi-crypto-symmetric.js').SymmetricKey;
/**
 * How a key pair is encoded for import and export.
 * # Variants
 * 
 * ## `"raw"`
 * 
 * The algorithm's raw form: Ed25519 the 32-byte seed followed by the public key (RFC 8032
 * implementations and the reference host); X25519 the public key followed by the secret
 * key (the reference host and WasmEdge); EC the secret scalar; ML-DSA, ML-KEM and X-Wing
 * the secret key's raw form.
 * ## `"pkcs8"`
 * 
 * PKCS#8 DER.
 * ## `"pem"`
 * 
 * PKCS#8 PEM.
 * ## `"local"`
 * 
 * This host's own encoding.
 */
export type KeypairEncoding = 'raw' | 'pkcs8' | 'pem' | 'local';
/**
 * How a public key is encoded for import and export.
 * # Variants
 * 
 * ## `"raw"`
 * 
 * The algorithm's raw form (Ed25519, X25519: 32 bytes; EC: the compressed SEC 1 point,
 * as the reference host; ML-DSA, ML-KEM, X-Wing: the FIPS / draft encoding). RSA has none.
 * ## `"pkcs8"`
 * 
 * SubjectPublicKeyInfo DER (the specification calls it `pkcs8`).
 * ## `"pem"`
 * 
 * SubjectPublicKeyInfo PEM.
 * ## `"sec"`
 * 
 * SEC 1 point encoding for elliptic-curve keys: exported uncompressed, imported in
 * either form.
 * ## `"local"`
 * 
 * This host's own encoding.
 */
export type PublickeyEncoding = 'raw' | 'pkcs8' | 'pem' | 'sec' | 'local';
/**
 * How a secret key is encoded for import and export.
 * # Variants
 * 
 * ## `"raw"`
 * 
 * The algorithm's raw form (Ed25519: the 32-byte seed; EC: the big-endian scalar; ML-DSA,
 * ML-KEM: the FIPS encoding, and on import also the 32 / 64-byte seed). RSA has none.
 * ## `"pkcs8"`
 * 
 * PKCS#8 DER.
 * ## `"pem"`
 * 
 * PKCS#8 PEM.
 * ## `"sec"`
 * 
 * SEC 1 `ECPrivateKey` DER (RFC 5915) for elliptic-curve keys.
 * ## `"local"`
 * 
 * This host's own encoding.
 */
export type SecretkeyEncoding = 'raw' | 'pkcs8' | 'pem' | 'sec' | 'local';

export class Keypair {
  /**
   * This type does not have a public constructor.
   */
  private constructor();
  /**
  * Generates a key pair.
  * 
  * Errors: `unsupported-algorithm` (also for a name of another `algorithm-type`);
  * `unsupported-option`; `rng-error`.
  */
  static generate(algorithmType: AlgorithmType, algorithm: string, options: Options | undefined): Keypair;
  /**
  * Imports an encoded key pair.
  * 
  * Errors: `unsupported-algorithm`; `unsupported-encoding` if the algorithm has no such
  * encoding; `invalid-key` if the bytes do not decode to a key of the algorithm.
  */
  static 'import'(algorithmType: AlgorithmType, algorithm: string, encoded: Uint8Array, encoding: KeypairEncoding): Keypair;
  /**
  * Builds a key pair from a public key and the matching secret key.
  * 
  * Errors: `incompatible-keys` if they are of different algorithms or the public key does
  * not belong to the secret key.
  */
  static fromPkAndSk(publickey: Publickey, secretkey: Secretkey): Keypair;
  /**
  * Exports the key pair (it contains the secret key).
  * 
  * Errors: `unsupported-encoding`; `prohibited-operation` if the key pair is managed or
  * slot-held and not exportable.
  */
  'export'(encoding: KeypairEncoding): Uint8Array;
  /**
  * The public key of the pair, as a new handle.
  * 
  * Errors: `algorithm-failure` only on a host library failure.
  */
  publickey(): Publickey;
  /**
  * The secret key of the pair, as a new handle with the pair's permissions (a handle is
  * not an export: the secret key's own `export` needs the `export` permission).
  */
  secretkey(): Secretkey;
  /**
  * The permissions of this key pair (its public and secret keys inherit them).
  */
  permissions(): KeyPermissions;
  /**
  * A new handle to the same key pair with `permissions`, a subset of this one's.
  * 
  * Errors: `prohibited-operation` if `permissions` has a permission this key pair lacks.
  */
  restrict(permissions: KeyPermissions): Keypair;
  /**
  * The key pair's PKCS#8 DER, encrypted under `wrapping-key` with AES-KWP (RFC 5649; an
  * `AES-128-KWP` or `AES-256-KWP` key).
  * 
  * Errors: `prohibited-operation` if this key pair lacks `export` or the wrapping key lacks
  * `wrap`; `invalid-key` if `wrapping-key` is not an AES-KWP key; `unsupported-encoding`
  * for an algorithm without PKCS#8 (X-Wing).
  */
  exportWrapped(wrappingKey: SymmetricKey): Uint8Array;
  /**
  * Imports a key pair that `export-wrapped` produced.
  * 
  * Errors: `prohibited-operation` if the wrapping key lacks `unwrap`; `invalid-tag` if the
  * bytes do not unwrap under this key; `invalid-key` as for `import`.
  */
  static importWrapped(algorithmType: AlgorithmType, algorithm: string, wrappingKey: SymmetricKey, wrapped: Uint8Array, permissions: KeyPermissions | undefined): Keypair;
  /**
  * The canonical algorithm name (e.g. "Ed25519").
  */
  algorithm(): string;
  /**
  * __(optional)__ Generates a key pair held by the secrets manager.
  * 
  * Errors: `unsupported-feature` if the host has no managed keys; the errors of
  * `generate`.
  */
  static generateManaged(secretsManager: SecretsManager, algorithmType: AlgorithmType, algorithm: string, options: Options | undefined): Keypair;
  /**
  * __(optional)__ Stores this key pair in the secrets manager; returns its identifier.
  * 
  * Errors: `unsupported-feature`; `prohibited-operation`.
  */
  storeManaged(secretsManager: SecretsManager): KeyId;
  /**
  * __(optional)__ Makes `new-keypair` the newest version of this managed key pair;
  * returns the new version.
  * 
  * Errors: `unsupported-feature`; `incompatible-keys` if the algorithms differ.
  */
  replaceManaged(secretsManager: SecretsManager, newKeypair: Keypair): Version;
  /**
  * __(optional)__ The identifier and version of this managed key pair.
  * 
  * Errors: `unsupported-feature` if the key pair is not managed.
  */
  id(): [KeyId, Version];
  /**
  * __(optional)__ Loads a managed key pair by identifier and version.
  * 
  * Errors: `unsupported-feature`; `not-found`; `expired`; `invalid-operation` for
  * `version::all`.
  */
  static fromId(secretsManager: SecretsManager, keyId: KeyId, keyVersion: Version): Keypair;
}

export class Publickey {
  /**
   * This type does not have a public constructor.
   */
  private constructor();
  /**
  * Imports an encoded public key.
  * 
  * Errors: `unsupported-algorithm`; `unsupported-encoding`; `invalid-key` if the bytes
  * do not decode to a valid key of the algorithm.
  */
  static 'import'(algorithmType: AlgorithmType, algorithm: string, encoded: Uint8Array, encoding: PublickeyEncoding): Publickey;
  /**
  * Exports the public key.
  * 
  * Errors: `unsupported-encoding`.
  */
  'export'(encoding: PublickeyEncoding): Uint8Array;
  /**
  * Checks that the key is valid for its algorithm (e.g. a point on the curve).
  * 
  * Errors: `invalid-key`.
  */
  verify(): void;
  /**
  * Computes the public key of a secret key.
  * 
  * Errors: `invalid-key`.
  */
  static fromSecretkey(secretkey: Secretkey): Publickey;
  /**
  * The permissions of this key (inherited from its key pair or slot).
  */
  permissions(): KeyPermissions;
  /**
  * The canonical algorithm name.
  */
  algorithm(): string;
}

export class Secretkey {
  /**
   * This type does not have a public constructor.
   */
  private constructor();
  /**
  * Imports an encoded secret key.
  * 
  * Errors: `unsupported-algorithm`; `unsupported-encoding`; `invalid-key`.
  */
  static 'import'(algorithmType: AlgorithmType, algorithm: string, encoded: Uint8Array, encoding: SecretkeyEncoding): Secretkey;
  /**
  * Exports the secret key.
  * 
  * Errors: `unsupported-encoding`; `prohibited-operation` if the key is not exportable.
  */
  'export'(encoding: SecretkeyEncoding): Uint8Array;
  /**
  * The permissions of this key (inherited from its key pair or slot).
  */
  permissions(): KeyPermissions;
  /**
  * The canonical algorithm name.
  */
  algorithm(): string;
}
