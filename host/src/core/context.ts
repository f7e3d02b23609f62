/**
 * Everything one host instance owns. Created by `createCryptoHost`; never shared between hosts.
 */
import type { Backend } from '../backends/types.js';
import { fail } from './errors.js';
import type { HostLimits } from './limits.js';
import type { RandomSource } from './random.js';
import { KeyMaterial } from './secret.js';
import type { KeyStore } from './store.js';

/** The resource types a host hands out, as named in WIT. */
export type ResourceKind =
  | 'options'
  /** Only in `wasi:crypto@0.11.0` (host/src/abi/wit011): host-allocated output bytes. */
  | 'array-output'
  | 'secrets-manager'
  | 'symmetric-key'
  | 'symmetric-state'
  | 'symmetric-tag'
  | 'keypair'
  | 'publickey'
  | 'secretkey'
  | 'signature'
  | 'signature-state'
  | 'signature-verification-state'
  | 'slot'
  | 'certificate'
  | 'crl'
  | 'trust-store'
  | 'certificate-slot'
  | 'verification-context';

export class HandleAccounting {
  readonly #live = new Map<ResourceKind, number>();
  /** Every live resource object, so that disposing the host disposes them (and wipes their keys). */
  readonly #objects = new Set<Disposable>();
  #total = 0;
  readonly #max: number;
  constructor(max: number) {
    this.#max = max;
  }
  /** Counts a new live handle, or fails with `too-many-handles`. */
  acquire(kind: ResourceKind): void {
    if (this.#total >= this.#max) fail('too-many-handles', `limit of ${this.#max} live handles reached`);
    this.#count(kind);
  }
  /** Counts a handle without checking the limit (WIT constructors cannot fail). */
  acquireUnchecked(kind: ResourceKind): void {
    this.#count(kind);
  }
  #count(kind: ResourceKind): void {
    this.#total++;
    this.#live.set(kind, (this.#live.get(kind) ?? 0) + 1);
  }
  /** Registers a live resource object (after `acquire`). */
  track(obj: Disposable): void {
    this.#objects.add(obj);
  }
  /** Called from a resource's dispose: forgets the object and releases its handle count. */
  release(kind: ResourceKind, obj?: Disposable): void {
    if (obj !== undefined) this.#objects.delete(obj);
    const n = this.#live.get(kind) ?? 0;
    if (n <= 0) return;
    this.#total--;
    if (n === 1) this.#live.delete(kind);
    else this.#live.set(kind, n - 1);
  }
  /** Disposes every live resource (host shutdown). */
  disposeAll(): void {
    for (const o of [...this.#objects]) o[Symbol.dispose]();
    this.#objects.clear();
  }
  snapshot(): { total: number; byKind: Partial<Record<ResourceKind, number>> } {
    return { total: this.#total, byKind: Object.fromEntries(this.#live) };
  }
}

export interface HostContext {
  readonly backend: Backend;
  /** Where managed keys, external secrets and persistent slot keys live. */
  readonly store: KeyStore;
  /** This host's tenant: every store access is namespaced by it. */
  readonly tenant: string;
  /** UNIX seconds now (injectable for tests of expiration). */
  now(): number;
  readonly rng: RandomSource;
  readonly limits: HostLimits;
  readonly handles: HandleAccounting;
  /** Creates key material (taking ownership of `bytes`) and counts it until it is wiped. */
  newKeyMaterial(bytes: Uint8Array): KeyMaterial;
  /** Number of key materials not yet wiped. */
  liveKeyMaterials(): number;
  /** Fails with `invalid-length` when a guest-supplied input exceeds the input limit. */
  checkInput(len: number, what: string): void;
}

export function createHostContext(opts: {
  backend: Backend;
  store: KeyStore;
  tenant: string;
  now?: (() => number) | undefined;
  rng: RandomSource;
  limits: HostLimits;
  onKeyMaterial?: ((k: KeyMaterial) => void) | undefined;
}): HostContext {
  const handles = new HandleAccounting(opts.limits.maxHandles);
  let liveKeys = 0;
  const onWipe = () => {
    liveKeys--;
  };
  const source = opts.rng;
  // A random source that fails answers `rng-error` (the spec's case), never a trap.
  const rng: RandomSource = (out) => {
    try {
      source(out);
    } catch (e) {
      out.fill(0);
      fail('rng-error', e instanceof Error ? e.message : String(e));
    }
  };
  return {
    backend: opts.backend,
    store: opts.store,
    tenant: opts.tenant,
    now: opts.now ?? (() => Math.floor(Date.now() / 1000)),
    rng,
    limits: opts.limits,
    handles,
    newKeyMaterial(bytes) {
      const k = new KeyMaterial(bytes, onWipe);
      liveKeys++;
      opts.onKeyMaterial?.(k);
      return k;
    },
    liveKeyMaterials: () => liveKeys,
    checkInput(len, what) {
      if (len > opts.limits.maxInputBytes) fail('invalid-length', `${what} is ${len} bytes; the limit is ${opts.limits.maxInputBytes}`);
    },
  };
}
