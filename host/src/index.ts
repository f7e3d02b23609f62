/**
 * Node entry point. `createCryptoHost` serves every algorithm from node:crypto (OpenSSL), the
 * fast path on Node, unless `backend: 'noble'` asks for the portable @noble/* backend.
 */
import { createNodeBackend } from './backends/node.js';
import { createNobleBackend } from './backends/noble.js';
import { createHost, type CryptoHost, type CryptoHostConfig } from './host.js';

export interface NodeCryptoHostConfig extends CryptoHostConfig {
  /** `node` (default on Node: node:crypto) or `noble` (@noble/*, the portable backend). */
  backend?: 'node' | 'noble';
}

export function createCryptoHost(config: NodeCryptoHostConfig = {}): CryptoHost {
  const backend = config.backend === 'noble' ? createNobleBackend() : createNodeBackend();
  return createHost(backend, config);
}

export { CryptoError, ERROR_CODES, type ErrorCode } from './core/errors.js';
export { DEFAULT_LIMITS, type HostLimits } from './core/limits.js';
export { listAlgorithms } from './core/registry.js';
export type { CryptoHost, CryptoHostConfig, CryptoHostStats, CryptoImportObject } from './host.js';
