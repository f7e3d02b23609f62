/** Portable entry point (browsers, edge runtimes): the @noble/* backend only, nothing Node-specific. */
import { createNobleBackend } from './backends/noble.js';
import { createHost, type CryptoHost, type CryptoHostConfig } from './host.js';

export function createCryptoHost(config: CryptoHostConfig = {}): CryptoHost {
  return createHost(createNobleBackend(), config);
}

export { CryptoError, ERROR_CODES, type ErrorCode } from './core/errors.js';
export { DEFAULT_LIMITS, type HostLimits } from './core/limits.js';
export type { CryptoHost, CryptoHostConfig, CryptoHostStats, CryptoImportObject } from './host.js';
