/** @module Interface wasi:crypto/key-slots@0.12.0-draft **/
export type ErrorCode = import('./wasi-crypto-common.js').ErrorCode;
export type KeyPermissions = import('./wasi-crypto-common.js').KeyPermissions;
export type AlgorithmType = import('./wasi-crypto-common.js').AlgorithmType;
export type SymmetricKey = import('./wasi-crypto-symmetric.js').SymmetricKey;
export type Keypair = import('./wasi-crypto-asymmetric-common.js').Keypair;
/**
 * What a guest may know about a slot.
 */
export interface SlotInfo {
  /**
   * The slot's name in the manifest.
   */
  name: string,
  /**
   * The key family, e.g. "AES-256", "ECDSA-P256", "Ed25519", "ML-KEM-768".
   */
  family: string,
  /**
   * The permissions of the slot (and so the most a key loaded from it has).
   */
  permissions: KeyPermissions,
  /**
   * Whether the slot holds a key.
   */
  occupied: boolean,
  /**
   * Whether the slot refuses changes (`store-*` and `clear`): set by the manifest.
   */
  locked: boolean,
  /**
   * The version of the key in the slot (0 when empty; +1 at every store).
   */
  version: bigint,
}

export class Slot {
  /**
   * This type does not have a public constructor.
   */
  private constructor();
  /**
  * Opens the slot called `name`.
  * 
  * Errors: `not-found` if this host has no such slot.
  */
  static open(name: string): Slot;
  /**
  * The slot's info.
  */
  info(): SlotInfo;
  /**
  * The slot's key as a symmetric key for `algorithm` (one of the family's), with the
  * slot's permissions. Dropping the handle releases the key (seed 000's guard).
  * 
  * Errors: `not-found` if the slot is empty; `invalid-key` if `algorithm` is not of the
  * slot's family; `unsupported-algorithm` for an unknown name.
  */
  loadSymmetric(algorithm: string): SymmetricKey;
  /**
  * The slot's key as a key pair for `algorithm` of `algorithm-type`.
  * 
  * Errors: as `load-symmetric`.
  */
  loadKeypair(algorithmType: AlgorithmType, algorithm: string): Keypair;
  /**
  * Stores a copy of `key` into the slot (the handle stays the guest's).
  * 
  * Errors: `prohibited-operation` if the slot is locked or lacks `import`, or the key has
  * a permission the slot lacks; `invalid-key` if the key is not of the slot's family;
  * `invalid-operation` if the slot is occupied and does not allow replacing.
  */
  storeSymmetric(key: SymmetricKey): void;
  /**
  * Stores a copy of `keypair` into the slot.
  * 
  * Errors: as `store-symmetric`.
  */
  storeKeypair(keypair: Keypair): void;
  /**
  * Empties the slot (wiping the key).
  * 
  * Errors: `not-found` if it is empty; `prohibited-operation` if it is locked.
  */
  clear(): void;
}
