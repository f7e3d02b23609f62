/**
 * Node entry point. `createCryptoHost` serves every algorithm from node:crypto (OpenSSL), the
 * fast path on Node, unless `backend: 'noble'` asks for the portable @noble/* backend, and can
 * keep managed keys, external secrets and slot keys in an encrypted SQLite file.
 */
import { createNodeBackend } from './backends/node.js';
import { createNobleBackend } from './backends/noble.js';
import { createHost, type CryptoHost, type CryptoHostConfig } from './host.js';
import { openSqliteStore } from './store/sqlite.js';

export interface NodeCryptoHostConfig extends CryptoHostConfig {
  /** `node` (default on Node: node:crypto) or `noble` (@noble/*, the portable backend). */
  backend?: 'node' | 'noble';
  /**
   * A persistent key store: a SQLite file, its key material encrypted under `kek` (32 bytes).
   * The host opens it and closes it when disposed. (Or pass any `KeyStore` as `store`.)
   */
  keystore?: { file: string; kek: Uint8Array };
}

export function createCryptoHost(config: NodeCryptoHostConfig = {}): CryptoHost {
  const backend = config.backend === 'noble' ? createNobleBackend() : createNodeBackend();
  if (config.keystore !== undefined) {
    if (config.store !== undefined) throw new TypeError('give either `store` or `keystore`, not both');
    const store = openSqliteStore(config.keystore);
    return createHost(backend, { ...config, store }, true);
  }
  return createHost(backend, config);
}

export { CryptoError, ERROR_CODES, type ErrorCode } from './core/errors.js';
export { DEFAULT_LIMITS, type HostLimits } from './core/limits.js';
export { listAlgorithms } from './core/registry.js';
export { PERMISSION, PERMISSION_NAMES, PERMISSION_PRESETS, ALL_PERMISSIONS } from './core/permissions.js';
export { createMemoryStore, type KeyStore, type KeyRecord, type KeyRecordMeta, type RecordKind } from './core/store.js';
export { KEY_FAMILIES, type KeyFamily, type SlotSpec, type SlotInfo } from './core/slots.js';
export { openSqliteStore } from './store/sqlite.js';
export { loadManifestFile, validateManifest, ManifestError } from './slots/manifest.js';
export type { CertificateSlotSpec, TrustStoreSpec, CertificateSlotInfo } from './core/certificates/slots.js';
export type { CertificateProvisioning } from './slots/cert-manifest.js';
export type { CryptoHost, CryptoHostAdmin, CryptoHostConfig, CryptoHostStats, CryptoImportObject } from './host.js';
