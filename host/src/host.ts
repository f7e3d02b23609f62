/**
 * `createHost`: one isolated wasi:crypto host. Backend-agnostic; `index.ts` (Node) and
 * `portable.ts` (browsers, edge) choose the backends.
 */
import type { Backend } from './backends/types.js';
import { createHostContext } from './core/context.js';
import type { ResourceKind } from './core/context.js';
import { resolveLimits, type HostLimits } from './core/limits.js';
import { platformRandom, type RandomSource } from './core/random.js';
import type { KeyMaterial } from './core/secret.js';
import { createAsymmetricCommon } from './interfaces/asymmetric-common.js';
import { createCommon } from './interfaces/common.js';
import { createExternalSecrets } from './interfaces/external-secrets.js';
import { createKx } from './interfaces/kx.js';
import { createSignatures } from './interfaces/signatures.js';
import { createSymmetric } from './interfaces/symmetric.js';
import type * as GenCommon from '../generated/interfaces/wasi-crypto-common.js';
import type * as GenSymmetric from '../generated/interfaces/wasi-crypto-symmetric.js';
import type * as GenAsym from '../generated/interfaces/wasi-crypto-asymmetric-common.js';
import type * as GenSignatures from '../generated/interfaces/wasi-crypto-signatures.js';
import type * as GenKx from '../generated/interfaces/wasi-crypto-kx.js';
import type * as GenExternal from '../generated/interfaces/wasi-crypto-external-secrets.js';
import type { ErrorCode } from './core/errors.js';

export interface CryptoHostConfig {
  /** Random source for keys, nonces and signatures. Default: the platform CSPRNG. */
  random?: RandomSource;
  /** Bounds on what a guest may ask for (see `DEFAULT_LIMITS`). */
  limits?: Partial<HostLimits>;
  /** Test hooks. `onKeyMaterial` sees every key material the host creates (to check wiping). */
  debug?: { onKeyMaterial?: (k: KeyMaterial) => void };
}

export interface CryptoHostStats {
  /** Live handles, in all and per WIT resource type. */
  handles: { total: number; byKind: Partial<Record<ResourceKind, number>> };
  /** Key materials (symmetric keys, secret keys) whose bytes are not yet wiped. */
  liveKeyMaterials: number;
  /** The backend that serves the algorithms. */
  backend: string;
}

export interface CryptoHost extends Disposable {
  /** The wasi:crypto part of a jco import object (instantiation mode), with unversioned keys. */
  getImportObject(): CryptoImportObject;
  stats(): CryptoHostStats;
  /**
   * The library that computes `algorithm` on this host (e.g. 'node:crypto', '@noble/hashes',
   * 'node:crypto + @noble/ciphers (HChaCha20)'). Unknown names fail with `unsupported-algorithm`.
   */
  provider(algorithm: string): string;
}

export interface CryptoImportObject {
  'wasi:crypto/common': typeof GenCommon;
  'wasi:crypto/symmetric': typeof GenSymmetric;
  'wasi:crypto/asymmetric-common': typeof GenAsym;
  'wasi:crypto/signatures': typeof GenSignatures;
  'wasi:crypto/kx': typeof GenKx;
  'wasi:crypto/external-secrets': typeof GenExternal;
}

// Compile-time check: the core's error list is exactly the WIT enum.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const errorCodesMatchWit: Same<ErrorCode, GenCommon.ErrorCode> = true;
void errorCodesMatchWit;

export function createHost(backend: Backend, config: CryptoHostConfig = {}): CryptoHost {
  const ctx = createHostContext({
    backend,
    rng: config.random ?? platformRandom,
    limits: resolveLimits(config.limits),
    onKeyMaterial: config.debug?.onKeyMaterial,
  });
  const common = createCommon(ctx);
  const symmetric = createSymmetric(ctx, common);
  const asym = createAsymmetricCommon(ctx, common);
  const signatures = createSignatures(ctx, common, asym);
  const kx = createKx(ctx, asym);
  const external = createExternalSecrets(ctx, common);

  // Each assignment is checked against the `jco types` output in host/generated/.
  const imports: CryptoImportObject = {
    'wasi:crypto/common': common,
    'wasi:crypto/symmetric': symmetric,
    'wasi:crypto/asymmetric-common': asym,
    'wasi:crypto/signatures': signatures,
    'wasi:crypto/kx': kx,
    'wasi:crypto/external-secrets': external,
  };
  let disposed = false;
  return {
    getImportObject: () => imports,
    provider: (algorithm) => backend.provider(algorithm),
    stats: () => ({ handles: ctx.handles.snapshot(), liveKeyMaterials: ctx.liveKeyMaterials(), backend: backend.name }),
    [Symbol.dispose]() {
      if (disposed) return;
      disposed = true;
      ctx.handles.disposeAll();
    },
  };
}
