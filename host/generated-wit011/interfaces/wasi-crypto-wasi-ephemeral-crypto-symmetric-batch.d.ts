/** @module Interface wasi:crypto/wasi-ephemeral-crypto-symmetric-batch@0.11.0 **/
/**
 * Batch of operations to squeeze bytes from a batch of states.
 * 
 * This is a batch version of the $symmetric_state_squeeze operation.
 * 
 * Each entry in the batch corresponds to an individual squeeze operation.
 * The parameters associated with each operation are grouped into a tuple.
 * 
 * The batch operation returns an error code of type $crypto_errno that
 * indicates if the batch was processed or if the batch could not be
 * processed.
 * 
 * Batch processing error codes:
 *  - `success`: Batch was processed. The status of each operation is indicated in the results list.
 *  - `not_implemented`: Batch functionality is not supported.
 *  - `unsupported_feature`: Inconsistent operations within the batch, e.g. not all operations in the batch use the same algorithm.
 * 
 * If the batch was processed, the result is a list of $crypto_errno error
 * codes that represent the status of the operation in the input list at
 * the same list offset.
 */
export function batchSymmetricStateSqueeze(batch: Array<SymmetricState>): BatchSqueezeResults;
/**
 * Batch of operations to compute and return a tag for all the data
 * injected into the state so far.
 * 
 * This is a batch version of the $symmetric_state_squeeze_tag operation.
 * 
 * Each entry in the batch corresponds to an individual squeeze_tag
 * operation. The parameters associated with each operation are grouped
 * into a tuple.
 * 
 * The batch operation returns an error code of type $crypto_errno that
 * indicates if the batch was processed or if the batch could not be
 * processed.
 * 
 * Batch processing error codes:
 *  - `success`: Batch was processed. The status of each operation is indicated in the results list.
 *  - `not_implemented`: Batch functionality is not supported.
 *  - `unsupported_feature`: Inconsistent operations within the batch, e.g. not all operations in the batch use the same algorithm.
 * 
 * If the batch was processed, the result is a list of tuples, with each
 * list entry corresponding to the operation in the input list at the same
 * list offset. Each tuple contains a $crypto_errno error code and a tag.
 * The error code represents the status of the operation and the tag is the
 * tag generated from the squeeze operation. The tag is only valid if the
 * tuple's error code is `success`.
 */
export function batchSymmetricStateSqueezeTag(states: Array<SymmetricState>): BatchSqueezeDetachedResults;
/**
 * Perform a batch of symmetric encrypt operations.
 * 
 * This is a batch version of the symmetric_state_encrypt operation.
 * 
 * Each entry in the batch corresponds to an individual encrypt operation.
 * The parameters associated with each encrypt operation are grouped into a
 * tuple.
 * 
 * The batch operation returns an error code of type $crypto_errno that
 * indicates if the batch was processed or if the batch could not be
 * processed.
 * 
 * Batch processing error codes:
 *  - `success`: Batch was processed. The status of each operation is indicated in the results list.
 *  - `not_implemented`: Batch functionality is not supported.
 *  - `unsupported_feature`: Inconsistent operations within the batch, e.g. not all operations in the batch use the same algorithm.
 * 
 * If the batch was processed, the result is a list of tuples, with each
 * list entry corresponding to the operation in the input list at the same
 * list offset.
 * Each tuple contains a size and a $crypto_errno error code.
 * The error code represents the status of the operation and the size is
 * the actual size of the ciphertext and the tag in the output buffer. The
 * size value is only valid if the tuple's error code is `success`.
 * 
 * Example usage:
 * 
 * ```rust
 * let mut batch = Vec::new();
 * 
 * let state_handle = ctx.symmetric_state_open("AES-256-GCM", Some(key_handle1), Some(options_handle1))?;
 * let mut ciphertext = vec![0u8; message.len() + ctx.symmetric_state_max_tag_len(state_handle)?];
 * batch.push((batch, state_handle, ciphertext, ciphertext.len(), message, message.len()));
 * 
 * let state_handle = ctx.symmetric_state_open("AES-256-GCM", Some(key_handle2), Some(options_handle2))?;
 * let mut ciphertext = vec![0u8; message2.len() + ctx.symmetric_state_max_tag_len(state_handle)?];
 * batch.push((batch, state_handle, ciphertext, ciphertext.len(), message2, message2.len()));
 * 
 * let results = ctx.batch_symmetric_state_encrypt(batch)?;
 * ```
 */
export function batchSymmetricStateEncrypt(batch: Array<[SymmetricState, Data]>): BatchCryptResults;
/**
 * Perform a batch of symmetric encrypt operations with detached tags.
 * 
 * This is a batch version of the symmetric_state_encrypt_detached
 * operation.
 * 
 * Each entry in the batch corresponds to an individual encrypt operation.
 * The parameters associated with each encrypt operation are grouped into a
 * tuple.
 * 
 * The batch operation returns an error code of type $crypto_errno that
 * indicates if the batch was processed or if the batch could not be
 * processed.
 * 
 * Batch processing error codes:
 *  - `success`: Batch was processed. The status of each operation is indicated in the results list.
 *  - `not_implemented`: Batch functionality is not supported.
 *  - `unsupported_feature`: Inconsistent operations within the batch, e.g. not all operations in the batch use the same algorithm.
 * 
 * If the batch was processed, the result is a list of tuples, with each
 * list entry corresponding to the operation in the input list at the same
 * list offset.
 * Each tuple contains a tag and a $crypto_errno error code.
 * The error code represents the status of the operation and the tag is
 * the tag generated by the operation. The tag is only valid if the tuple's
 * error code is `success`.
 * 
 * Example usage:
 * 
 * ```rust
 * let mut batch = Vec::new();
 * 
 * let state_handle = ctx.symmetric_state_open("AES-256-GCM", Some(key_handle1), Some(options_handle1))?;
 * let mut ciphertext = vec![0u8; message.len() + ctx.symmetric_state_max_tag_len(state_handle)?];
 * batch.push((batch, state_handle, ciphertext, ciphertext.len(), message, message.len()));
 * 
 * let state_handle = ctx.symmetric_state_open("AES-256-GCM", Some(key_handle2), Some(options_handle2))?;
 * let mut ciphertext = vec![0u8; message2.len() + ctx.symmetric_state_max_tag_len(state_handle)?];
 * batch.push((batch, state_handle, ciphertext, ciphertext.len(), message2, message2.len()));
 * 
 * let results = ctx.batch_symmetric_state_encrypt_detached(batch)?;
 * ```
 */
export function batchSymmetricStateEncryptDetached(batch: Array<[SymmetricState, Data]>): BatchEncryptDetachedResults;
/**
 * Perform a batch of symmetric decrypt operations.
 * 
 * This is a batch version of the symmetric_state_decrypt operation.
 * 
 * Each entry in the batch corresponds to an individual decrypt operation.
 * The parameters associated with each decrypt operation are grouped into a
 * tuple.
 * 
 * The batch operation returns an error code of type $crypto_errno that
 * indicates if the batch was processed or if the batch could not be
 * processed.
 * 
 * Batch processing error codes:
 *  - `success`: Batch was processed. The status of each operation is indicated in the results list.
 *  - `not_implemented`: Batch functionality is not supported.
 *  - `unsupported_feature`: Inconsistent operations within the batch, e.g. not all operations in the batch use the same algorithm.
 * 
 * If the batch was processed, the result is a list of tuples, with each
 * list entry corresponding to the operation in the input list at the same
 * list offset.
 * Each tuple contains a size and a $crypto_errno error code.
 * The error code represents the status of the operation and the size is
 * the actual size of the decrypted data in the output buffer. The size
 * value is only valid if the tuple's error code is `success`.
 */
export function batchSymmetricStateDecrypt(batch: Array<[SymmetricState, Data]>): BatchCryptResults;
/**
 * Perform a batch of symmetric decrypt operations with detached tags.
 * 
 * This is a batch version of the symmetric_state_decrypt_detached operation.
 * 
 * Each entry in the batch corresponds to an individual decrypt operation.
 * The parameters associated with each decrypt operation are grouped into a
 * tuple.
 * 
 * The batch operation returns an error code of type $crypto_errno that
 * indicates if the batch was processed or if the batch could not be
 * processed.
 * 
 * Batch processing error codes:
 *  - `success`: Batch was processed. The status of each operation is indicated in the results list.
 *  - `not_implemented`: Batch functionality is not supported.
 *  - `unsupported_feature`: Inconsistent operations within the batch, e.g. not all operations in the batch use the same algorithm.
 * 
 * If the batch was processed, the result is a list of tuples, with each
 * list entry corresponding to the operation in the input list at the same
 * list offset.
 * Each tuple contains a size and a $crypto_errno error code.
 * The error code represents the status of the operation and the size is
 * the actual size of the decrypted data in the output buffer. The size
 * value is only valid if the tuple's error code is `success`.
 */
export function batchSymmetricStateDecryptDetached(batch: Array<[SymmetricState, Data, RawTag]>): BatchCryptResults;
export type Size = import('./wasi-crypto-wasi-ephemeral-crypto-common.js').Size;
export type CryptoErrno = import('./wasi-crypto-wasi-ephemeral-crypto-common.js').CryptoErrno;
export type SymmetricTag = import('./wasi-crypto-wasi-ephemeral-crypto-common.js').SymmetricTag;
export type SymmetricState = import('./wasi-crypto-wasi-ephemeral-crypto-common.js').SymmetricState;
export type Output = Uint8Array;
/**
 * A non-mutable data buffer
 */
export type Data = Uint8Array;
/**
 * A raw tag buffer
 */
export type RawTag = Uint8Array;
/**
 * Tuple representing results and output buffers produced by an encrypt/decrypt operation.
 */
export type CryptResult = [Output, CryptoErrno];
/**
 * A list of results from the individual encrypt/decrypt operations within a batch operation.
 */
export type BatchCryptResults = Array<CryptResult>;
/**
 * Tuple representing results and size produced by a detached encrypt operation.
 */
export type EncryptDetachedResult = [Output, SymmetricTag, CryptoErrno];
/**
 * A list of results from the individual encrypt/decrypt operations within a batch operation.
 */
export type BatchEncryptDetachedResults = Array<EncryptDetachedResult>;
/**
 * Tuple representing results and size produced by a squeeze operation.
 */
export type SqueezeResult = [Output, CryptoErrno];
/**
 * A list of results from squeeze operation within a batch operation.
 */
export type BatchSqueezeResults = Array<SqueezeResult>;
/**
 * Tuple representing results and tag and error produced by a detached squeeze operation.
 */
export type SqueezeDetachedResult = [SymmetricTag, CryptoErrno];
/**
 * A list of results from the individual detached squeeze operations within a batch operation.
 */
export type BatchSqueezeDetachedResults = Array<SqueezeDetachedResult>;
