/**
 * `wasi:crypto/wasi-ephemeral-crypto-signatures-batch@0.11.0` and `…-symmetric-batch@0.11.0`:
 * upstream's draft batch API (PR #88; kept in wit-upstream/0.11.0/batch/, commented out of the
 * `imports` world). Served so that a guest built with them links, and every function answers
 * `not-implemented`, the error the batch API reserves for "batch functionality is not supported".
 * The handles passed in are only borrowed: nothing is consumed.
 */
import type * as GenSigBatch from '../../../generated-wit011/interfaces/wasi-crypto-wasi-ephemeral-crypto-signatures-batch.js';
import type * as GenSymBatch from '../../../generated-wit011/interfaces/wasi-crypto-wasi-ephemeral-crypto-symmetric-batch.js';
import { fail011 } from './errors.js';

const notImplemented = (fn: string): never => fail011('not-implemented', `${fn}: the batch API is not implemented`);

export function createSignaturesBatch() {
  return {
    batchSignatureStateSign(_states: GenSigBatch.SignatureState[]): GenSigBatch.SignatureResults {
      return notImplemented('batch-signature-state-sign');
    },
    batchSignatureStateVerify(_states: GenSigBatch.SignatureVerificationInput[]): GenSigBatch.SignatureVerificationResults {
      return notImplemented('batch-signature-state-verify');
    },
  };
}

export function createSymmetricBatch() {
  return {
    batchSymmetricStateSqueeze(_batch: GenSymBatch.SymmetricState[]): GenSymBatch.BatchSqueezeResults {
      return notImplemented('batch-symmetric-state-squeeze');
    },
    batchSymmetricStateSqueezeTag(_states: GenSymBatch.SymmetricState[]): GenSymBatch.BatchSqueezeDetachedResults {
      return notImplemented('batch-symmetric-state-squeeze-tag');
    },
    batchSymmetricStateEncrypt(_batch: [GenSymBatch.SymmetricState, Uint8Array][]): GenSymBatch.BatchCryptResults {
      return notImplemented('batch-symmetric-state-encrypt');
    },
    batchSymmetricStateEncryptDetached(_batch: [GenSymBatch.SymmetricState, Uint8Array][]): GenSymBatch.BatchEncryptDetachedResults {
      return notImplemented('batch-symmetric-state-encrypt-detached');
    },
    batchSymmetricStateDecrypt(_batch: [GenSymBatch.SymmetricState, Uint8Array][]): GenSymBatch.BatchCryptResults {
      return notImplemented('batch-symmetric-state-decrypt');
    },
    batchSymmetricStateDecryptDetached(_batch: [GenSymBatch.SymmetricState, Uint8Array, Uint8Array][]): GenSymBatch.BatchCryptResults {
      return notImplemented('batch-symmetric-state-decrypt-detached');
    },
  };
}
