/** @module Interface wasi:crypto/common@0.12.0-draft **/
/**
 * Every way a wasi:crypto function can fail. It carries all error cases of the wasi-crypto
 * specification except `success`, plus `timed-out` for per-call deadlines.
 * 
 * A host bug, or a limit the specification calls a trap, is a trap, not one of these cases.
 * # Variants
 * 
 * ## `"guest-error"`
 * 
 * A value coming from the guest could not be converted into a host type.
 * ## `"not-implemented"`
 * 
 * The operation is valid, but this host does not implement it (yet).
 * ## `"unsupported-feature"`
 * 
 * The requested feature is not supported by the chosen algorithm, or an optional
 * feature (secrets manager, managed keys, external secrets) is not offered by this host.
 * ## `"prohibited-operation"`
 * 
 * The operation is valid but administratively prohibited: the key's usage permissions
 * forbid it, or the key may not be exported.
 * ## `"unsupported-encoding"`
 * 
 * The encoding is not supported for this import or export.
 * ## `"unsupported-algorithm"`
 * 
 * The algorithm is not supported by this host.
 * ## `"unsupported-option"`
 * 
 * The option is not supported by the selected algorithm.
 * ## `"invalid-key"`
 * 
 * The key is invalid, or was made for another algorithm or parameter set.
 * ## `"invalid-length"`
 * 
 * The requested or supplied length is not supported by the algorithm
 * (for example a squeeze longer than a fixed-size hash).
 * ## `"verification-failed"`
 * 
 * A well-formed signature, KEM ciphertext or host-encapsulated secret did not verify.
 * (A MAC tag that does not match is `invalid-tag`.)
 * ## `"rng-error"`
 * 
 * A secure random source is not available right now.
 * ## `"algorithm-failure"`
 * 
 * The underlying cryptography library failed in a way no other case describes.
 * ## `"invalid-signature"`
 * 
 * The signature is malformed, or not a signature of the chosen algorithm.
 * ## `"closed"`
 * 
 * The object was already closed. (Kept for the witx ABI; with resources, a dropped
 * handle cannot be used, so this host does not return it through this interface.)
 * ## `"invalid-handle"`
 * 
 * The handle is unassigned, closed, or of an unexpected type.
 * ## `"overflow"`
 * 
 * Too much output was requested: HKDF-EXPAND beyond 255·HashLen, or an XOF state's
 * total output beyond the host's limit. (In the witx ABI it also means "the output does
 * not fit the buffer"; functions of this package return `list<u8>`, so never that.)
 * ## `"internal-error"`
 * 
 * The host detected an internal inconsistency and stayed safe.
 * ## `"too-many-handles"`
 * 
 * Too many handles are open; a new one cannot be created.
 * ## `"key-not-supported"`
 * 
 * A key was given to an algorithm that does not take one.
 * ## `"key-required"`
 * 
 * The algorithm requires a key and none was given.
 * ## `"invalid-tag"`
 * 
 * The authentication tag is invalid for this algorithm, or a ciphertext did not
 * authenticate.
 * ## `"invalid-operation"`
 * 
 * The operation does not apply to this algorithm (for example `encrypt` on a hash).
 * ## `"nonce-required"`
 * 
 * The cipher needs a nonce and cannot safely generate one.
 * ## `"invalid-nonce"`
 * 
 * The nonce does not have the size the cipher needs.
 * ## `"option-not-set"`
 * 
 * The named option was never set.
 * ## `"not-found"`
 * 
 * No key, version or secret matches the identifier.
 * ## `"parameters-missing"`
 * 
 * The algorithm needs options that were not set.
 * ## `"in-progress"`
 * 
 * A long computation is not finished; call again with the same parameters.
 * ## `"incompatible-keys"`
 * 
 * The keys were made for different, incompatible algorithms.
 * ## `"expired"`
 * 
 * The managed key or secret has expired.
 * ## `"timed-out"`
 * 
 * The call did not finish before its deadline. The object it was called on must be
 * dropped and recreated.
 */
export type ErrorCode = 'guest-error' | 'not-implemented' | 'unsupported-feature' | 'prohibited-operation' | 'unsupported-encoding' | 'unsupported-algorithm' | 'unsupported-option' | 'invalid-key' | 'invalid-length' | 'verification-failed' | 'rng-error' | 'algorithm-failure' | 'invalid-signature' | 'closed' | 'invalid-handle' | 'overflow' | 'internal-error' | 'too-many-handles' | 'key-not-supported' | 'key-required' | 'invalid-tag' | 'invalid-operation' | 'nonce-required' | 'invalid-nonce' | 'option-not-set' | 'not-found' | 'parameters-missing' | 'in-progress' | 'incompatible-keys' | 'expired' | 'timed-out';
/**
 * Which family an algorithm name belongs to.
 * # Variants
 * 
 * ## `"signatures"`
 * 
 * Signature algorithms (`signatures` interface).
 * ## `"symmetric"`
 * 
 * Symmetric algorithms (`symmetric` interface).
 * ## `"key-exchange"`
 * 
 * Key-exchange and KEM algorithms (`kx` interface).
 */
export type AlgorithmType = 'signatures' | 'symmetric' | 'key-exchange';
/**
 * Which version of a managed key or secret an operation refers to.
 */
export type Version = VersionUnspecified | VersionLatest | VersionAll | VersionExact;
/**
 * The key is not versioned; the host picks the newest version.
 */
export interface VersionUnspecified {
  tag: 'unspecified',
}
/**
 * The newest version.
 */
export interface VersionLatest {
  tag: 'latest',
}
/**
 * Every version (only where an operation can act on all of them, e.g. invalidation).
 */
export interface VersionAll {
  tag: 'all',
}
/**
 * One exact version number, at most 0xfeffffffffffffff (larger values are reserved by
 * the witx ABI and match nothing: `not-found`).
 */
export interface VersionExact {
  tag: 'exact',
  val: bigint,
}
/**
 * What a key may be used for (seed 000's key-usage permissions; flag i is bit i of its
 * bitmask: encrypt 0x1, decrypt 0x2, wrap 0x4, unwrap 0x8, sign 0x10, verify 0x20, mac 0x40,
 * agree 0x80, derive 0x100, export 0x200, import 0x400). Every key carries a set; an
 * operation its set lacks fails with `prohibited-operation`. Sets only ever narrow: a derived,
 * copied or restricted key never has a permission its source lacked.
 */
export interface KeyPermissions {
  /**
   * `symmetric-state.encrypt`, `encrypt-detached`, `symmetric-key.seal`.
   */
  encrypt?: boolean,
  /**
   * `decrypt`, `decrypt-detached`, `symmetric-key.open`.
   */
  decrypt?: boolean,
  /**
   * Wrapping other keys with this key (`export-wrapped`).
   */
  wrap?: boolean,
  /**
   * Unwrapping keys with this key (`import-wrapped`).
   */
  unwrap?: boolean,
  /**
   * Signature states and one-shot `sign`.
   */
  sign?: boolean,
  /**
   * Verification states and one-shot `verify`.
   */
  verify?: boolean,
  /**
   * MAC states (HMAC, KMAC, CMAC) and the one-shot `mac` / `mac-verify`.
   */
  mac?: boolean,
  /**
   * `kx.dh` and `kx.decapsulate`.
   */
  agree?: boolean,
  /**
   * Key derivation from this key (HKDF, `squeeze-key`, keyed XOFs, password-hash secrets).
   */
  derive?: boolean,
  /**
   * Leaving the host: `export` in any encoding, and being wrapped by `export-wrapped`.
   */
  export?: boolean,
  /**
   * Being stored into a key slot or imported from a wrapped form.
   */
  import?: boolean,
}
/**
 * A UNIX timestamp, in seconds since 1970-01-01T00:00:00Z.
 */
export type Timestamp = bigint;
/**
 * The identifier of a managed key, key pair or external secret, chosen by the host.
 */
export type KeyId = Uint8Array;

export class Options {
  /**
  * Creates an empty options set for one algorithm family.
  */
  constructor(algorithmType: AlgorithmType)
  /**
  * Sets or replaces a byte-string option.
  * 
  * Errors: `unsupported-option` if no algorithm of this family knows `name`;
  * `invalid-length` if `value` exceeds the host's limit for options.
  */
  set(name: string, value: Uint8Array): void;
  /**
  * Sets or replaces an integer option.
  * 
  * Errors: `unsupported-option` if no algorithm of this family knows `name`.
  */
  setU64(name: string, value: bigint): void;
  /**
  * Returns a byte-string option.
  * 
  * Errors: `option-not-set` if `name` was never set; `unsupported-option` if it is an
  * integer option or unknown.
  */
  get(name: string): Uint8Array;
  /**
  * Returns an integer option.
  * 
  * Errors: `option-not-set` if `name` was never set; `unsupported-option` if it is a
  * byte-string option or unknown.
  */
  getU64(name: string): bigint;
}

export class SecretsManager {
  /**
   * This type does not have a public constructor.
   */
  private constructor();
  /**
  * Opens a secrets manager. Which options it needs (credentials, a namespace) is defined
  * by the host.
  * 
  * Errors: `unsupported-feature` if the host offers no secrets manager;
  * `unsupported-option` if an option is not understood.
  */
  static open(options: Options | undefined): SecretsManager;
  /**
  * Invalidates (revokes) one version, the newest version (`latest`) or all versions
  * (`all`) of a managed key or key pair.
  * 
  * Errors: `not-found` if nothing matches `key-id` and `key-version`;
  * `unsupported-feature` if the host does not support invalidation.
  */
  invalidate(keyId: KeyId, keyVersion: Version): void;
}
