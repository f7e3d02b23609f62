/**
 * The upstream `wasi:crypto@0.11.0` WIT (wit-upstream/0.11.0) served over the same core as our
 * own WIT: one import object per host, keyed by the unversioned interface names jco 1.35.0's
 * instantiation-mode glue reads (`wasi:crypto/wasi-ephemeral-crypto-common`, …). The names do not
 * collide with `wasi:crypto@0.12.0-draft`'s (`wasi:crypto/common`, …), so one host serves both.
 * README.md lists every choice the 0.11.0 WIT forced and the status of every function.
 */
import type * as GenAsym from '../../../generated-wit011/interfaces/wasi-crypto-wasi-ephemeral-crypto-asymmetric-common.js';
import type * as GenCommon from '../../../generated-wit011/interfaces/wasi-crypto-wasi-ephemeral-crypto-common.js';
import type * as GenExternal from '../../../generated-wit011/interfaces/wasi-crypto-wasi-ephemeral-crypto-external-secrets.js';
import type * as GenKx from '../../../generated-wit011/interfaces/wasi-crypto-wasi-ephemeral-crypto-kx.js';
import type * as GenSignatures from '../../../generated-wit011/interfaces/wasi-crypto-wasi-ephemeral-crypto-signatures.js';
import type * as GenSymmetric from '../../../generated-wit011/interfaces/wasi-crypto-wasi-ephemeral-crypto-symmetric.js';
import type * as GenSigBatch from '../../../generated-wit011/interfaces/wasi-crypto-wasi-ephemeral-crypto-signatures-batch.js';
import type * as GenSymBatch from '../../../generated-wit011/interfaces/wasi-crypto-wasi-ephemeral-crypto-symmetric-batch.js';
import type { HostContext } from '../../core/context.js';
import { createAsymmetricCommon } from './asymmetric-common.js';
import { createSignaturesBatch, createSymmetricBatch } from './batch.js';
import { createCommon } from './common.js';
import { guarded } from './errors.js';
import { createExternalSecrets } from './external-secrets.js';
import { createKx } from './kx.js';
import { createResources } from './resources.js';
import { createSignatures } from './signatures.js';
import { createSymmetric } from './symmetric.js';

export { Wit011Error, errnoOf } from './errors.js';
export { defaultSqueezeLength } from './symmetric.js';

/** The `wasi:crypto@0.11.0` part of a jco import object (instantiation mode), unversioned keys. */
export interface Wit011ImportObject {
  'wasi:crypto/wasi-ephemeral-crypto-common': typeof GenCommon;
  'wasi:crypto/wasi-ephemeral-crypto-symmetric': typeof GenSymmetric;
  'wasi:crypto/wasi-ephemeral-crypto-asymmetric-common': typeof GenAsym;
  'wasi:crypto/wasi-ephemeral-crypto-signatures': typeof GenSignatures;
  'wasi:crypto/wasi-ephemeral-crypto-kx': typeof GenKx;
  'wasi:crypto/wasi-ephemeral-crypto-external-secrets': typeof GenExternal;
  /** Upstream's draft batch interfaces (outside its `imports` world): every function → not-implemented. */
  'wasi:crypto/wasi-ephemeral-crypto-signatures-batch': typeof GenSigBatch;
  'wasi:crypto/wasi-ephemeral-crypto-symmetric-batch': typeof GenSymBatch;
}

/** The 0.11.0 interfaces of one host: its own resource classes, over `ctx`. */
export function createWit011(ctx: HostContext): Wit011ImportObject {
  const resources = createResources(ctx);
  // Each object is checked against the `jco types` output in host/generated-wit011/.
  const common = guarded(createCommon(ctx, resources)) satisfies typeof GenCommon;
  const symmetric = guarded(createSymmetric(ctx, resources)) satisfies typeof GenSymmetric;
  const asym = guarded(createAsymmetricCommon(ctx, resources)) satisfies typeof GenAsym;
  const signatures = guarded(createSignatures(ctx, resources)) satisfies typeof GenSignatures;
  const kx = guarded(createKx(ctx, resources)) satisfies typeof GenKx;
  const external = guarded(createExternalSecrets(ctx, resources)) satisfies typeof GenExternal;
  const signaturesBatch = createSignaturesBatch() satisfies typeof GenSigBatch;
  const symmetricBatch = createSymmetricBatch() satisfies typeof GenSymBatch;
  return {
    'wasi:crypto/wasi-ephemeral-crypto-common': common,
    'wasi:crypto/wasi-ephemeral-crypto-symmetric': symmetric,
    'wasi:crypto/wasi-ephemeral-crypto-asymmetric-common': asym,
    'wasi:crypto/wasi-ephemeral-crypto-signatures': signatures,
    'wasi:crypto/wasi-ephemeral-crypto-kx': kx,
    'wasi:crypto/wasi-ephemeral-crypto-external-secrets': external,
    'wasi:crypto/wasi-ephemeral-crypto-signatures-batch': signaturesBatch,
    'wasi:crypto/wasi-ephemeral-crypto-symmetric-batch': symmetricBatch,
  };
}
