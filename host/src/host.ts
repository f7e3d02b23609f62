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
import { createKeySlots } from './interfaces/key-slots.js';
import { createCertificates } from './interfaces/certificates.js';
import { CertificateSlotRegistry, type CertificateSlotInfo, type CertificateSlotSpec, type TrustStoreSpec } from './core/certificates/slots.js';
import { SlotRegistry, type SlotInfo, type SlotSpec } from './core/slots.js';
import { createMemoryStore, type KeyRecordMeta, type KeyStore, type RecordKind } from './core/store.js';
import type * as GenSlots from '../generated/interfaces/wasi-crypto-key-slots.js';
import type * as GenCommon from '../generated/interfaces/wasi-crypto-common.js';
import type * as GenSymmetric from '../generated/interfaces/wasi-crypto-symmetric.js';
import type * as GenAsym from '../generated/interfaces/wasi-crypto-asymmetric-common.js';
import type * as GenSignatures from '../generated/interfaces/wasi-crypto-signatures.js';
import type * as GenKx from '../generated/interfaces/wasi-crypto-kx.js';
import type * as GenExternal from '../generated/interfaces/wasi-crypto-external-secrets.js';
import type * as GenCertificates from '../generated/interfaces/wasi-crypto-certificates.js';
import type { ErrorCode } from './core/errors.js';
import { createWit011, type Wit011ImportObject } from './abi/wit011/index.js';

export interface CryptoHostConfig {
  /** Random source for keys, nonces and signatures. Default: the platform CSPRNG. */
  random?: RandomSource;
  /** Bounds on what a guest may ask for (see `DEFAULT_LIMITS`). */
  limits?: Partial<HostLimits>;
  /** Test hooks. `onKeyMaterial` sees every key material the host creates (to check wiping). */
  debug?: { onKeyMaterial?: (k: KeyMaterial) => void };
  /**
   * This host's tenant (default "default"): managed keys, external secrets and persistent slots
   * are namespaced by it, so hosts of different tenants on one store never see each other's keys.
   */
  tenant?: string;
  /**
   * Where managed keys, external secrets and persistent slot keys live. Default: an in-memory store
   * private to this host. (On Node, `createCryptoHost` also takes `keystore: { file, kek }`.)
   */
  store?: KeyStore;
  /** Key slots, validated (see `loadManifestFile` / `validateManifest`). */
  slots?: readonly SlotSpec[];
  /** Certificate slots and trust stores, validated (the manifest's `certificates` section; docs/certificates.md). */
  certificates?: { slots: readonly CertificateSlotSpec[]; trustStores: readonly TrustStoreSpec[] };
}

/** The embedder's key-management API (docs/key-management.md §Admin API). Never exposed to guests. */
export interface CryptoHostAdmin {
  /** Metadata of every stored record of this host's tenant (never key bytes). */
  listKeys(kind?: RecordKind): KeyRecordMeta[];
  /** The versions of one id (metadata only). */
  inspectKey(kind: RecordKind, id: string): KeyRecordMeta[];
  /** Deletes one version or all of them; returns how many went. */
  deleteKey(kind: RecordKind, id: string, version?: number): number;
  listSlots(): SlotInfo[];
  provisionSlot(spec: SlotSpec): void;
  /** Certificate slots (state, CRL, notAfter, fingerprint). */
  listCertificateSlots(): CertificateSlotInfo[];
  /** Re-encrypts the store under a new key-encryption key. */
  rotateKek(newKek: Uint8Array): void;
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
  readonly admin: CryptoHostAdmin;
}

/** Our `wasi:crypto@0.12.0-draft` interfaces and the upstream `wasi:crypto@0.11.0` ones (abi/wit011). */
export interface CryptoImportObject extends Wit011ImportObject {
  'wasi:crypto/common': typeof GenCommon;
  'wasi:crypto/symmetric': typeof GenSymmetric;
  'wasi:crypto/asymmetric-common': typeof GenAsym;
  'wasi:crypto/signatures': typeof GenSignatures;
  'wasi:crypto/kx': typeof GenKx;
  'wasi:crypto/external-secrets': typeof GenExternal;
  'wasi:crypto/key-slots': typeof GenSlots;
  'wasi:crypto/certificates': typeof GenCertificates;
}

// Compile-time check: the core's error list is exactly the WIT enum.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const errorCodesMatchWit: Same<ErrorCode, GenCommon.ErrorCode> = true;
void errorCodesMatchWit;

/**
 * Creates a host. `ownsStore`: close `config.store` when the host is disposed (Node's
 * `createCryptoHost` sets it for the SQLite store it opens itself).
 */
export function createHost(backend: Backend, config: CryptoHostConfig = {}, ownsStore = false): CryptoHost {
  const tenant = config.tenant ?? 'default';
  if (typeof tenant !== 'string' || tenant.length === 0 || tenant.length > 256) throw new TypeError('tenant must be a non-empty string of at most 256 characters');
  const store = config.store ?? createMemoryStore();
  const closeStore = ownsStore || config.store === undefined;
  const ctx = createHostContext({
    backend,
    store,
    tenant,
    rng: config.random ?? platformRandom,
    limits: resolveLimits(config.limits),
    onKeyMaterial: config.debug?.onKeyMaterial,
  });
  let slots: SlotRegistry;
  let certSlots: CertificateSlotRegistry;
  try {
    slots = new SlotRegistry(ctx, config.slots ?? []);
    certSlots = new CertificateSlotRegistry(ctx, config.certificates?.slots ?? [], config.certificates?.trustStores ?? []);
  } catch (e) {
    if (closeStore) store.close();
    throw e;
  }
  const common = createCommon(ctx);
  const symmetric = createSymmetric(ctx, common);
  const asym = createAsymmetricCommon(ctx, common, (k) => symmetric.SymmetricKey.coreOf(k)!);
  const signatures = createSignatures(ctx, common, asym);
  const kx = createKx(ctx, asym);
  const external = createExternalSecrets(ctx, common);
  const keySlots = createKeySlots(ctx, slots, symmetric.SymmetricKey, asym);
  const certificates = createCertificates(ctx, certSlots, asym);

  // Each assignment is checked against the `jco types` output in host/generated/.
  const imports: CryptoImportObject = {
    'wasi:crypto/common': common,
    'wasi:crypto/symmetric': symmetric,
    'wasi:crypto/asymmetric-common': asym,
    'wasi:crypto/signatures': signatures,
    'wasi:crypto/kx': kx,
    'wasi:crypto/external-secrets': external,
    'wasi:crypto/key-slots': keySlots,
    'wasi:crypto/certificates': certificates,
    // The upstream wasi:crypto@0.11.0 WIT over the same core (host/src/abi/wit011/README.md).
    ...createWit011(ctx),
  };
  let disposed = false;
  const admin: CryptoHostAdmin = {
    listKeys: (kind) => store.list(tenant, kind),
    inspectKey: (kind, id) => store.list(tenant, kind).filter((m) => m.id === id),
    deleteKey: (kind, id, version) => store.delete(tenant, kind, id, version),
    listSlots: () => slots.list(),
    provisionSlot: (spec) => slots.provision(spec),
    listCertificateSlots: () => certSlots.list(),
    rotateKek: (kek) => store.rotateKek(kek),
  };
  return {
    getImportObject: () => imports,
    provider: (algorithm) => backend.provider(algorithm),
    stats: () => ({ handles: ctx.handles.snapshot(), liveKeyMaterials: ctx.liveKeyMaterials(), backend: backend.name }),
    admin,
    [Symbol.dispose]() {
      if (disposed) return;
      disposed = true;
      ctx.handles.disposeAll();
      slots.dispose();
      if (closeStore) store.close();
    },
  };
}
