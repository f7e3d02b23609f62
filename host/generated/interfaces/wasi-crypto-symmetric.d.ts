/** @module Interface wasi:crypto/symmetric@0.12.0-draft **/
/**
 * One-shot hash of `data`. `out-len` selects the output length: `none` is the algorithm's
 * natural length; a shorter length truncates; XOFs accept any length up to the host's limit.
 * 
 * Errors: `unsupported-algorithm`; `invalid-operation` if `algorithm` is not a hash or XOF;
 * `invalid-length` for a length beyond a fixed-size hash or the host's limits.
 */
export function hash(algorithm: string, data: Uint8Array, outLen: number | undefined): Uint8Array;
export type ErrorCode = import('./wasi-crypto-common.js').ErrorCode;
export type Options = import('./wasi-crypto-common.js').Options;
export type SecretsManager = import('./wasi-crypto-common.js').SecretsManager;
export type Version = import('./wasi-crypto-common.js').Version;
export type KeyId = import('./wasi-crypto-common.js').KeyId;
export type KeyPermissions = import('./wasi-crypto-common.js').KeyPermissions;

export class SymmetricKey {
  /**
   * This type does not have a public constructor.
   */
  private constructor();
  /**
  * Generates a random key for `algorithm`.
  * 
  * Errors: `unsupported-algorithm`; `key-not-supported` if the algorithm takes no key
  * (a plain hash); `unsupported-option` for an option the algorithm does not know;
  * `rng-error` if the random source fails.
  */
  static generate(algorithm: string, options: Options | undefined): SymmetricKey;
  /**
  * Imports raw key bytes for `algorithm`. The bytes are copied.
  * 
  * Errors: `unsupported-algorithm`; `key-not-supported` if the algorithm takes no key;
  * `invalid-key` if the length is wrong for the algorithm (AES-256-GCM needs 32 bytes).
  */
  static 'import'(algorithm: string, raw: Uint8Array): SymmetricKey;
  /**
  * Exports the raw key bytes (a copy).
  * 
  * Errors: `prohibited-operation` if the key is managed or slot-held and not exportable,
  * or its permissions forbid export.
  */
  'export'(): Uint8Array;
  /**
  * The permissions of this key.
  */
  permissions(): KeyPermissions;
  /**
  * A new handle to the same key bytes with `permissions` (which must be a subset of
  * this key's; the key keeps its own).
  * 
  * Errors: `prohibited-operation` if `permissions` has a permission this key lacks.
  */
  restrict(permissions: KeyPermissions): SymmetricKey;
  /**
  * This key, encrypted under `wrapping-key` (an `AES-128-KW`, `AES-256-KW`, `AES-128-KWP`
  * or `AES-256-KWP` key: RFC 3394 / RFC 5649), so it can leave the host without being in
  * the clear.
  * 
  * Errors: `prohibited-operation` if this key lacks `export` or the wrapping key lacks
  * `wrap`; `invalid-key` if `wrapping-key` is not a key-wrapping key; `invalid-length` if
  * this key's length does not suit AES-KW (a multiple of 8 bytes, at least 16).
  */
  exportWrapped(wrappingKey: SymmetricKey): Uint8Array;
  /**
  * Imports a key for `algorithm` that `export-wrapped` produced, with `permissions`
  * (default: all — a key can only have been wrapped if it had `export`).
  * 
  * Errors: `prohibited-operation` if the wrapping key lacks `unwrap`; `invalid-tag` if the
  * wrapped bytes do not unwrap under this key (tampered, or another key); `invalid-key` as
  * for `import`.
  */
  static importWrapped(algorithm: string, wrappingKey: SymmetricKey, wrapped: Uint8Array, permissions: KeyPermissions | undefined): SymmetricKey;
  /**
  * The canonical name of the algorithm this key was made for (e.g. "AES-256-GCM").
  */
  algorithm(): string;
  /**
  * __(optional)__ Generates a key held by the secrets manager.
  * 
  * Errors: `unsupported-feature` if the host has no managed keys; the errors of
  * `generate`.
  */
  static generateManaged(secretsManager: SecretsManager, algorithm: string, options: Options | undefined): SymmetricKey;
  /**
  * __(optional)__ Stores this key in the secrets manager and returns its new identifier.
  * 
  * Errors: `unsupported-feature`; `prohibited-operation` if the key may not be stored.
  */
  storeManaged(secretsManager: SecretsManager): KeyId;
  /**
  * __(optional)__ Makes `new-key` the newest version of this managed key and returns the
  * new version number. Older versions stay usable until invalidated.
  * 
  * Errors: `unsupported-feature` if this key is not managed; `incompatible-keys` if
  * `new-key` is for another algorithm.
  */
  replaceManaged(secretsManager: SecretsManager, newKey: SymmetricKey): Version;
  /**
  * __(optional)__ The identifier and version of this managed key.
  * 
  * Errors: `unsupported-feature` if the key is not managed.
  */
  id(): [KeyId, Version];
  /**
  * __(optional)__ Loads a managed key by identifier and version (`latest` and
  * `unspecified` mean the newest).
  * 
  * Errors: `unsupported-feature`; `not-found`; `expired`; `invalid-operation` for
  * `version::all`.
  */
  static fromId(secretsManager: SecretsManager, keyId: KeyId, keyVersion: Version): SymmetricKey;
  /**
  * One-shot MAC: `HMAC`, `KMAC`, `CMAC` of `data` under this key, with this key's
  * algorithm.
  * 
  * Errors: `invalid-operation` if the key is not a MAC key; `prohibited-operation` if its
  * permissions forbid MACs; `invalid-length` if `data` exceeds the host's input limit.
  */
  mac(data: Uint8Array): Uint8Array;
  /**
  * One-shot MAC verification in constant time.
  * 
  * Errors: `invalid-tag` if the tag does not match (including a tag of the wrong length);
  * the errors of `mac`.
  */
  macVerify(data: Uint8Array, expectedTag: Uint8Array): void;
  /**
  * One-shot AEAD encryption with this key's algorithm: returns ciphertext || tag.
  * 
  * Errors: `invalid-operation` if the key is not an AEAD key; `invalid-nonce` if the nonce
  * has the wrong size; `prohibited-operation` if the key may not encrypt;
  * `invalid-length` if an input exceeds the host's limit.
  */
  seal(nonce: Uint8Array, associatedData: Uint8Array, plaintext: Uint8Array): Uint8Array;
  /**
  * One-shot AEAD decryption of ciphertext || tag. No plaintext is returned unless the
  * tag authenticates.
  * 
  * Errors: `invalid-tag` if the input does not authenticate or is shorter than a tag;
  * `invalid-nonce`; `invalid-operation`; `prohibited-operation` if the key may not decrypt;
  * `invalid-length` if an input exceeds the host's limit.
  */
  open(nonce: Uint8Array, associatedData: Uint8Array, ciphertext: Uint8Array): Uint8Array;
}

export class SymmetricState {
  /**
   * This type does not have a public constructor.
   */
  private constructor();
  /**
  * Opens a state for `algorithm`, with a key if the algorithm needs one.
  * 
  * Errors: `unsupported-algorithm`; `key-required` if a keyed algorithm gets none;
  * `key-not-supported` if an unkeyed one gets a key; `invalid-key` if the key was made for
  * another algorithm; `unsupported-option` for an option the algorithm does not read or
  * a value it cannot use; `parameters-missing` (a password hash without `salt`);
  * `nonce-required` or `invalid-nonce` for a cipher whose `nonce` option is missing or of
  * the wrong size (XChaCha20-Poly1305 and AES-GCM-SIV draw a random nonce instead);
  * `prohibited-operation` for a cost above the host's limits or a key whose permissions
  * forbid the algorithm. The options are copied: later changes to them change nothing.
  */
  static open(algorithm: string, key: SymmetricKey | undefined, options: Options | undefined): SymmetricState;
  /**
  * Returns a byte-string option of the state (e.g. a generated `nonce`).
  * 
  * Errors: `option-not-set`; `unsupported-option`.
  */
  optionsGet(name: string): Uint8Array;
  /**
  * Returns an integer option of the state.
  * 
  * Errors: `option-not-set`; `unsupported-option`.
  */
  optionsGetU64(name: string): bigint;
  /**
  * An independent copy of the state, including everything absorbed so far. A cipher
  * state and its clones share their nonce's single use: only one of them can encrypt.
  * 
  * Errors: `invalid-handle` if the state was dropped.
  */
  clone(): SymmetricState;
  /**
  * Absorbs data: the message of a hash, XOF or MAC, the salt of HKDF-EXTRACT, the info of
  * HKDF-EXPAND, the password of a password hash, the associated data of an AEAD (before
  * encryption).
  * 
  * Errors: `invalid-operation` if the algorithm absorbs nothing (CBC, CTR), an XOF
  * already squeezed or an AEAD already encrypted; `invalid-length` if the host's input
  * or buffer limit is exceeded.
  */
  absorb(data: Uint8Array): void;
  /**
  * Squeezes `out-len` bytes: a hash digest (truncated if shorter), the next bytes of an
  * XOF's output stream, HKDF-EXPAND output, or a raw password hash.
  * 
  * Errors: `invalid-length` if `out-len` exceeds what a fixed-size hash produces or the
  * host's output limit; `overflow` beyond 255·HashLen for HKDF-EXPAND or beyond the
  * output limit for an XOF state's total; `invalid-operation` for MACs, HKDF-EXTRACT and
  * ciphers (use `squeeze-tag`, `squeeze-key` or `encrypt`).
  */
  squeeze(outLen: number): Uint8Array;
  /**
  * Computes an authentication tag (MAC) or a password-hash string in the PHC format
  * (`$argon2id$v=19$m=…,t=…,p=…$salt$hash`).
  * 
  * Errors: `invalid-operation` if the algorithm produces no tag.
  */
  squeezeTag(): SymmetricTag;
  /**
  * Derives a key for `algorithm` from the state: HKDF-EXTRACT's PRK as an HKDF-EXPAND key
  * of the same hash.
  * 
  * Errors: `invalid-operation` if the state cannot derive keys; `unsupported-algorithm`
  * for an unknown or unsuitable target.
  */
  squeezeKey(algorithm: string): SymmetricKey;
  /**
  * The length of the tags this algorithm produces (in bytes); for CBC, the padding
  * overhead (16), for CTR 0.
  * 
  * Errors: `invalid-operation` if the algorithm produces no tag.
  */
  maxTagLen(): number;
  /**
  * Encrypts `data` and returns ciphertext || tag for an AEAD (the ciphertext alone for
  * CBC and CTR). A nonce serves one encryption: a state, its clones and its resets
  * encrypt once between them.
  * 
  * Errors: `invalid-operation` for algorithms that do not encrypt; `nonce-required` for
  * a second encryption with the same nonce;
  * `prohibited-operation` if the key may not encrypt; `invalid-length` for input beyond
  * the host's limit.
  */
  encrypt(data: Uint8Array): Uint8Array;
  /**
  * Encrypts `data` and returns the ciphertext and, separately, the tag.
  * 
  * Errors: as `encrypt`.
  */
  encryptDetached(data: Uint8Array): [Uint8Array, SymmetricTag];
  /**
  * Decrypts ciphertext || tag. No plaintext is returned unless the tag authenticates.
  * 
  * Errors: `invalid-tag` if it does not authenticate or is shorter than a tag;
  * `invalid-operation`; for CBC, `invalid-length` (not a multiple of 16) or
  * `algorithm-failure` (bad padding); `prohibited-operation` if the key may not decrypt;
  * `invalid-length` if the input exceeds the host's limit.
  */
  decrypt(data: Uint8Array): Uint8Array;
  /**
  * Decrypts a ciphertext with a separate tag.
  * 
  * Errors: as `decrypt`.
  */
  decryptDetached(data: Uint8Array, rawTag: Uint8Array): Uint8Array;
  /**
  * Makes earlier states unrecoverable from the current one (for algorithms that
  * support it).
  * 
  * Errors: `invalid-operation` if the algorithm cannot ratchet (as the spec requires).
  */
  ratchet(): void;
  /**
  * Returns the state to the moment it was opened, with the same key and options, and
  * discards everything absorbed (seed 000's context reuse: cheaper than reopening).
  * 
  * A cipher's nonce stays used: a reset state can decrypt but not encrypt again.
  * 
  * Errors: `invalid-handle` if the state was dropped.
  */
  reset(): void;
}

export class SymmetricTag {
  /**
   * This type does not have a public constructor.
   */
  private constructor();
  /**
  * The tag's length in bytes.
  */
  len(): number;
  /**
  * The tag's bytes (a copy).
  */
  toBytes(): Uint8Array;
  /**
  * Compares the tag with `expected` in constant time.
  * 
  * Errors: `invalid-tag` if they differ (including in length).
  */
  verify(expected: Uint8Array): void;
}
