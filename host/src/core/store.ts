/**
 * The key store: where managed keys, external secrets and slot keys live. Two implementations:
 * `createMemoryStore` (here, portable: the default, nothing written anywhere) and the SQLite store
 * (host/src/store/sqlite.ts, Node-only: a file, encrypted at rest).
 *
 * The store is below the tenant boundary: every call names its tenant, and no call returns or
 * touches a record of another tenant. Records are versioned: (tenant, kind, id, version) is unique,
 * versions of one id start at 1 and only grow. Material handed in is copied; material handed out
 * is a fresh copy the caller owns (and should wipe).
 */

export type RecordKind = 'symmetric' | 'keypair' | 'external' | 'slot' | 'cert-slot' | 'trust-store';

export interface KeyRecordMeta {
  readonly tenant: string;
  readonly kind: RecordKind;
  /**
   * Managed keys and external secrets: the key id as lower-case hex. Slots: the slot name.
   * Certificate slots ('cert-slot') and trust stores ('trust-store'): their manifest name.
   */
  readonly id: string;
  readonly version: number;
  /** The algorithm (managed keys, slot keys) or '' (external secrets). */
  readonly algorithm: string;
  /** The key-permissions bitmask. */
  readonly permissions: number;
  /** UNIX seconds; 0 = never (external secrets always have one). */
  readonly expiration: number;
  /** UNIX milliseconds. */
  readonly createdAt: number;
}

export interface KeyRecord extends KeyRecordMeta {
  /** The secret bytes (canonical key form, or the external secret). */
  readonly material: Uint8Array;
}

export interface KeyStore {
  /** A short description for diagnostics, e.g. 'memory' or 'sqlite:/path/keys.db'. */
  readonly description: string;
  /** Stores a new record. Fails (throws) if that exact (tenant, kind, id, version) exists. Atomic. */
  insert(record: KeyRecord): void;
  /** A record: the given version, or the newest when `version` is undefined. */
  get(tenant: string, kind: RecordKind, id: string, version?: number): KeyRecord | undefined;
  /** The versions of an id, ascending (empty if none). */
  versions(tenant: string, kind: RecordKind, id: string): number[];
  /** Deletes one version, or every version when `version` is undefined. Returns how many went. Atomic. */
  delete(tenant: string, kind: RecordKind, id: string, version?: number): number;
  /** Metadata of a tenant's records (never the material), optionally of one kind. */
  list(tenant: string, kind?: RecordKind): KeyRecordMeta[];
  /** Re-encrypts everything under a new key-encryption key (stores without encryption: no-op). Atomic. */
  rotateKek(newKek: Uint8Array): void;
  /** Releases the store (closes files). Further calls fail. */
  close(): void;
}

function keyOf(tenant: string, kind: RecordKind, id: string): string {
  return JSON.stringify([tenant, kind, id]);
}

/** The in-memory store: records live in this object only, and are wiped when deleted or closed. */
export function createMemoryStore(): KeyStore {
  const rows = new Map<string, Map<number, KeyRecord>>();
  let closed = false;
  const live = () => {
    if (closed) throw new Error('key store is closed');
  };
  const copy = (r: KeyRecord): KeyRecord => ({ ...r, material: Uint8Array.from(r.material) });
  const meta = (r: KeyRecord): KeyRecordMeta => {
    const { material: _m, ...m } = r;
    return m;
  };
  return {
    description: 'memory',
    insert(record) {
      live();
      const k = keyOf(record.tenant, record.kind, record.id);
      let versions = rows.get(k);
      if (versions === undefined) rows.set(k, (versions = new Map()));
      if (versions.has(record.version)) throw new Error(`record ${k} version ${record.version} exists`);
      versions.set(record.version, copy(record));
    },
    get(tenant, kind, id, version) {
      live();
      const versions = rows.get(keyOf(tenant, kind, id));
      if (versions === undefined || versions.size === 0) return undefined;
      const v = version ?? Math.max(...versions.keys());
      const r = versions.get(v);
      return r === undefined ? undefined : copy(r);
    },
    versions(tenant, kind, id) {
      live();
      return [...(rows.get(keyOf(tenant, kind, id))?.keys() ?? [])].sort((a, b) => a - b);
    },
    delete(tenant, kind, id, version) {
      live();
      const k = keyOf(tenant, kind, id);
      const versions = rows.get(k);
      if (versions === undefined) return 0;
      let n = 0;
      for (const [v, r] of [...versions]) {
        if (version !== undefined && v !== version) continue;
        r.material.fill(0);
        versions.delete(v);
        n++;
      }
      if (versions.size === 0) rows.delete(k);
      return n;
    },
    list(tenant, kind) {
      live();
      const out: KeyRecordMeta[] = [];
      for (const versions of rows.values()) {
        for (const r of versions.values()) if (r.tenant === tenant && (kind === undefined || r.kind === kind)) out.push(meta(r));
      }
      return out.sort((a, b) => (a.kind + a.id).localeCompare(b.kind + b.id) || a.version - b.version);
    },
    rotateKek() {
      live();
    },
    close() {
      if (closed) return;
      for (const versions of rows.values()) for (const r of versions.values()) r.material.fill(0);
      rows.clear();
      closed = true;
    },
  };
}
