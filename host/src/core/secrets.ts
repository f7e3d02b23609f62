/**
 * The secrets manager (seed 004): managed symmetric keys and key pairs, external secrets.
 * Everything lives in the host's `KeyStore` under this host's tenant; docs/key-management.md is the
 * contract.
 */
import { KeypairCore } from './asymmetric.js';
import type { HostContext } from './context.js';
import { fail } from './errors.js';
import type { AlgorithmType, OptionValues } from './options.js';
import { ALL_PERMISSIONS, PERMISSION } from './permissions.js';
import { randomBytes } from './random.js';
import { asymmetricAlgorithm, symmetricAlgorithm } from './registry.js';
import { KeyMaterial } from './secret.js';
import type { KeyRecord, RecordKind } from './store.js';
import { SymmetricKeyCore } from './symmetric.js';

/** The WIT `version` variant. */
export type VersionSpec = { tag: 'unspecified' } | { tag: 'latest' } | { tag: 'all' } | { tag: 'exact'; val: bigint };

/** Managed keys are created without `export` unless the `permissions` option says otherwise. */
export const MANAGED_DEFAULT_PERMISSIONS = ALL_PERMISSIONS & ~PERMISSION.export;
const ID_BYTES = 16;
/** Versions above this are reserved by the witx ABI (its `version_latest` etc.) and match nothing. */
const MAX_VERSION = 0xfeffffffffffffffn;
const ENCAPSULATION_KEY_ID = 'encapsulation-key';
const BLOB_VERSION = 1;

const toHex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
/** The bytes of a hex key id (as the store keeps it). */
export function fromHex(id: string): Uint8Array {
  const out = new Uint8Array(id.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(id.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** A key id from the guest as the store's hex form, or undefined if it cannot be one of ours. */
function idOf(keyId: Uint8Array): string | undefined {
  return keyId.length === ID_BYTES ? toHex(keyId) : undefined;
}

export class SecretsManagerCore {
  readonly #ctx: HostContext;

  constructor(ctx: HostContext, options: OptionValues | undefined) {
    if (options && options.names().length > 0) fail('unsupported-option', 'the secrets manager reads no options');
    this.#ctx = ctx;
  }

  #newId(kind: RecordKind): string {
    for (;;) {
      const id = toHex(randomBytes(this.#ctx.rng, ID_BYTES));
      if (this.#ctx.store.versions(this.#ctx.tenant, kind, id).length === 0) return id;
    }
  }

  #insert(kind: RecordKind, id: string, version: number, algorithm: string, permissions: number, material: Uint8Array, expiration = 0): void {
    const rec: KeyRecord = { tenant: this.#ctx.tenant, kind, id, version, algorithm, permissions, expiration, createdAt: Date.now(), material };
    this.#ctx.store.insert(rec);
  }

  /** The record a version spec names: `latest`/`unspecified` = newest; `all` → `invalid-operation`. */
  #find(kind: RecordKind, keyId: Uint8Array, version: VersionSpec): KeyRecord {
    if (version.tag === 'all') fail('invalid-operation', 'a key is loaded one version at a time: `all` names several');
    const id = idOf(keyId);
    let v: number | undefined;
    if (version.tag === 'exact') {
      if (version.val < 1n || version.val > MAX_VERSION) fail('not-found', `no version ${version.val}`);
      v = Number(version.val);
    }
    const rec = id === undefined ? undefined : this.#ctx.store.get(this.#ctx.tenant, kind, id, v);
    return rec ?? fail('not-found', 'no such key id and version in this tenant');
  }

  #nextVersion(kind: RecordKind, id: string): number {
    const versions = this.#ctx.store.versions(this.#ctx.tenant, kind, id);
    return (versions[versions.length - 1] ?? 0) + 1;
  }

  // ---- managed symmetric keys

  generateSymmetric(algorithm: string, options: OptionValues | undefined): SymmetricKeyCore {
    const generated = SymmetricKeyCore.generate(this.#ctx, algorithm, options, MANAGED_DEFAULT_PERMISSIONS);
    try {
      const id = this.#newId('symmetric');
      this.#insert('symmetric', id, 1, generated.alg.name, generated.permissions, generated.material.bytes);
      return SymmetricKeyCore.derived(this.#ctx, generated.alg, generated.material.copy(), generated.permissions, { id, version: 1 });
    } finally {
      generated.release();
    }
  }

  storeSymmetric(key: SymmetricKeyCore): Uint8Array {
    const id = this.#newId('symmetric');
    this.#insert('symmetric', id, 1, key.alg.name, key.permissions, key.material.bytes);
    return fromHex(id);
  }

  replaceSymmetric(old: SymmetricKeyCore, replacement: SymmetricKeyCore): bigint {
    if (old.managed === undefined) fail('unsupported-feature', 'this key is not managed: store it first');
    if (replacement.alg.name !== old.alg.name) fail('incompatible-keys', `a ${replacement.alg.name} key cannot replace a ${old.alg.name} key`);
    const version = this.#nextVersion('symmetric', old.managed.id);
    this.#insert('symmetric', old.managed.id, version, replacement.alg.name, replacement.permissions, replacement.material.bytes);
    return BigInt(version);
  }

  symmetricFromId(keyId: Uint8Array, version: VersionSpec): SymmetricKeyCore {
    const rec = this.#find('symmetric', keyId, version);
    return SymmetricKeyCore.derived(this.#ctx, symmetricAlgorithm(rec.algorithm), rec.material as Uint8Array, rec.permissions, { id: rec.id, version: rec.version });
  }

  // ---- managed key pairs

  generateKeypair(type: AlgorithmType, algorithm: string, options: OptionValues | undefined): KeypairCore {
    const generated = KeypairCore.generate(this.#ctx, type, algorithm, options, MANAGED_DEFAULT_PERMISSIONS);
    try {
      const id = this.#newId('keypair');
      this.#insert('keypair', id, 1, generated.alg.name, generated.permissions, generated.material.bytes);
      return generated.asManaged({ id, version: 1 });
    } finally {
      generated.release();
    }
  }

  storeKeypair(kp: KeypairCore): Uint8Array {
    const id = this.#newId('keypair');
    this.#insert('keypair', id, 1, kp.alg.name, kp.permissions, kp.material.bytes);
    return fromHex(id);
  }

  replaceKeypair(old: KeypairCore, replacement: KeypairCore): bigint {
    if (old.managed === undefined) fail('unsupported-feature', 'this key pair is not managed: store it first');
    if (replacement.alg.name !== old.alg.name) fail('incompatible-keys', `a ${replacement.alg.name} key pair cannot replace a ${old.alg.name} key pair`);
    const version = this.#nextVersion('keypair', old.managed.id);
    this.#insert('keypair', old.managed.id, version, replacement.alg.name, replacement.permissions, replacement.material.bytes);
    return BigInt(version);
  }

  keypairFromId(keyId: Uint8Array, version: VersionSpec): KeypairCore {
    const rec = this.#find('keypair', keyId, version);
    const alg = asymmetricAlgorithm(asymmetricAlgorithmType(rec.algorithm), rec.algorithm);
    return KeypairCore.fromCanonicalSecret(this.#ctx, alg, rec.material as Uint8Array, rec.permissions, { id: rec.id, version: rec.version });
  }

  /** `secrets-manager.invalidate`: one version, the newest, or all, of a managed key or key pair. */
  invalidate(keyId: Uint8Array, version: VersionSpec): void {
    this.#invalidate(['symmetric', 'keypair'], keyId, version);
  }

  #invalidate(kinds: RecordKind[], keyId: Uint8Array, version: VersionSpec): void {
    const id = idOf(keyId);
    if (id !== undefined) {
      for (const kind of kinds) {
        const versions = this.#ctx.store.versions(this.#ctx.tenant, kind, id);
        if (versions.length === 0) continue;
        let v: number | undefined;
        if (version.tag === 'exact') {
          if (version.val > MAX_VERSION || !versions.includes(Number(version.val))) break;
          v = Number(version.val);
        } else if (version.tag !== 'all') {
          v = versions[versions.length - 1];
        }
        if (this.#ctx.store.delete(this.#ctx.tenant, kind, id, v) > 0) return;
      }
    }
    fail('not-found', 'no such id and version in this tenant');
  }

  // ---- external secrets

  #checkSecret(secret: Uint8Array, expiration: bigint): number {
    if (secret.length > this.#ctx.limits.maxKeyBytes) fail('invalid-length', `external secrets are at most ${this.#ctx.limits.maxKeyBytes} bytes`);
    if (expiration <= BigInt(this.#ctx.now())) fail('expired', 'the expiration is not in the future');
    if (expiration > BigInt(Number.MAX_SAFE_INTEGER)) fail('invalid-operation', 'expiration out of range');
    return Number(expiration);
  }

  storeExternal(secret: Uint8Array, expiration: bigint): Uint8Array {
    const exp = this.#checkSecret(secret, expiration);
    const id = this.#newId('external');
    this.#insert('external', id, 1, '', 0, secret, exp);
    return fromHex(id);
  }

  replaceExternal(secretId: Uint8Array, secret: Uint8Array, expiration: bigint): bigint {
    const exp = this.#checkSecret(secret, expiration);
    const id = idOf(secretId);
    if (id === undefined || this.#ctx.store.versions(this.#ctx.tenant, 'external', id).length === 0) fail('not-found', 'no such secret id in this tenant');
    const version = this.#nextVersion('external', id);
    this.#insert('external', id, version, '', 0, secret, exp);
    return BigInt(version);
  }

  externalFromId(secretId: Uint8Array, version: VersionSpec): Uint8Array {
    const rec = this.#find('external', secretId, version);
    if (rec.expiration !== 0 && rec.expiration <= this.#ctx.now()) {
      rec.material.fill(0);
      fail('expired', 'this secret has expired');
    }
    return rec.material as Uint8Array;
  }

  invalidateExternal(secretId: Uint8Array, version: VersionSpec): void {
    this.#invalidate(['external'], secretId, version);
  }

  /** The tenant's encapsulation key (AES-256-GCM), made on first use and kept in the store. */
  #encapsulationKey(): KeyMaterial {
    const t = this.#ctx.tenant;
    let rec = this.#ctx.store.get(t, 'external', ENCAPSULATION_KEY_ID);
    if (rec === undefined) {
      const k = randomBytes(this.#ctx.rng, 32);
      try {
        this.#insert('external', ENCAPSULATION_KEY_ID, 1, 'AES-256-GCM', 0, k);
      } catch {
        // Another host on the same store made one first: use theirs.
      } finally {
        k.fill(0);
      }
      rec = this.#ctx.store.get(t, 'external', ENCAPSULATION_KEY_ID) ?? fail('internal-error', 'encapsulation key vanished');
    }
    return new KeyMaterial(rec.material as Uint8Array);
  }

  #blobAad(expiration: number): Uint8Array {
    const tenant = new TextEncoder().encode(this.#ctx.tenant);
    const aad = new Uint8Array(8 + tenant.length + 8);
    const dv = new DataView(aad.buffer);
    dv.setUint32(0, BLOB_VERSION);
    dv.setUint32(4, tenant.length);
    aad.set(tenant, 8);
    dv.setBigUint64(8 + tenant.length, BigInt(expiration));
    return aad;
  }

  /** An opaque blob: version (1) ‖ expiration (8, big-endian) ‖ nonce (12) ‖ AES-256-GCM(secret). */
  encapsulate(secret: Uint8Array, expiration: bigint): Uint8Array {
    const exp = this.#checkSecret(secret, expiration);
    const key = this.#encapsulationKey();
    try {
      const nonce = randomBytes(this.#ctx.rng, 12);
      const ct = this.#ctx.backend.aeadSeal('AES-256-GCM', key, nonce, this.#blobAad(exp), secret);
      const out = new Uint8Array(1 + 8 + 12 + ct.length);
      out[0] = BLOB_VERSION;
      new DataView(out.buffer).setBigUint64(1, BigInt(exp));
      out.set(nonce, 9);
      out.set(ct, 21);
      return out;
    } finally {
      key.release();
    }
  }

  decapsulate(blob: Uint8Array): Uint8Array {
    if (blob.length < 1 + 8 + 12 + 16 || blob[0] !== BLOB_VERSION) fail('verification-failed', 'not an encapsulated secret of this host');
    const exp = Number(new DataView(blob.buffer, blob.byteOffset, blob.byteLength).getBigUint64(1));
    const key = this.#encapsulationKey();
    let secret: Uint8Array | null;
    try {
      secret = this.#ctx.backend.aeadOpen('AES-256-GCM', key, blob.subarray(9, 21), this.#blobAad(exp), blob.subarray(21));
    } finally {
      key.release();
    }
    if (secret === null) fail('verification-failed', 'the encapsulated secret does not authenticate (modified, or from another tenant or store)');
    if (exp <= this.#ctx.now()) {
      secret.fill(0);
      fail('expired', 'this secret has expired');
    }
    return secret;
  }
}

/** The WIT algorithm-type of an asymmetric algorithm name (names are unique across types). */
export function asymmetricAlgorithmType(name: string): AlgorithmType {
  try {
    asymmetricAlgorithm('signatures', name);
    return 'signatures';
  } catch {
    return 'key-exchange';
  }
}
