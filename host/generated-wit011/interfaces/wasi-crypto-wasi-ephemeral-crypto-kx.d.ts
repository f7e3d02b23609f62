/** @module Interface wasi:crypto/wasi-ephemeral-crypto-kx@0.11.0 **/
/**
 * Perform a simple Diffie-Hellman key exchange.
 * 
 * Both keys must be of the same type, or else the `$crypto_errno.incompatible_keys` error is returned.
 * The algorithm also has to support this kind of key exchange. If this is not the case, the `$crypto_errno.invalid_operation` error is returned.
 * 
 * Otherwise, a raw shared key is returned, and can be imported as a symmetric key.
 */
export function kxDh(pk: Publickey, sk: Secretkey): ArrayOutput;
/**
 * Create a shared secret and encrypt it for the given public key.
 * 
 * This operation is only compatible with specific algorithms.
 * If a selected algorithm doesn't support it, `$crypto_errno.invalid_operation` is returned.
 * 
 * On success, both the shared secret and its encrypted version are returned.
 */
export function kxEncapsulate(pk: Publickey): [ArrayOutput, ArrayOutput];
/**
 * Decapsulate an encapsulated secret created with `kx_encapsulate`
 * 
 * Return the secret, or `$crypto_errno.verification_failed` on error.
 */
export function kxDecapsulate(sk: Secretkey, encapsulatedSecret: Uint8Array): ArrayOutput;
export type Keypair = import('./wasi-crypto-wasi-ephemeral-crypto-common.js').Keypair;
export type Publickey = import('./wasi-crypto-wasi-ephemeral-crypto-common.js').Publickey;
export type Secretkey = import('./wasi-crypto-wasi-ephemeral-crypto-common.js').Secretkey;
export type ArrayOutput = import('./wasi-crypto-wasi-ephemeral-crypto-common.js').ArrayOutput;
export type CryptoErrno = import('./wasi-crypto-wasi-ephemeral-crypto-common.js').CryptoErrno;
export type Size = import('./wasi-crypto-wasi-ephemeral-crypto-common.js').Size;
/**
 * `$kx_keypair` is just an alias for `$keypair`
 * 
 * However, bindings may want to define a specialized type `kx_keypair` as a super class of `keypair`.
 */
export type KxKeypair = Keypair;
/**
 * `$kx_publickey` is just an alias for `$publickey`
 * 
 * However, bindings may want to define a specialized type `kx_publickey` as a super class of `publickey`, with additional methods such as `dh`.
 */
export type KxPublickey = Publickey;
/**
 * `$kx_secretkey` is just an alias for `$secretkey`
 * 
 * However, bindings may want to define a specialized type `kx_secretkey` as a super class of `secretkey`, with additional methods such as `dh`.
 */
export type KxSecretkey = Secretkey;
