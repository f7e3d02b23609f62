/**
 * The SQLite key store (Node-only; docs/key-management.md §Persistence): the `KeyStore` of
 * host/src/core/store.ts kept in one SQLite file through better-sqlite3, key material encrypted
 * at rest under a 32-byte key-encryption key (KEK) the embedder supplies.
 *
 * File layout (schema version 1):
 *
 * - `meta(key, value)`: `format` = 'wasi-crypto-host keystore', `schema_version` = 1,
 *   `kek_check` = HMAC-SHA-256(KEK, 'wasi-crypto-host kek check v1') — opening with another KEK
 *   fails at once ('wrong key-encryption key for <file>') instead of at the first read.
 * - `keys(tenant, kind, id, version, algorithm, permissions, expiration, created_at, nonce,
 *   ciphertext)`, UNIQUE(tenant, kind, id, version). `ciphertext` = AES-256-GCM(KEK, nonce,
 *   material) ‖ 16-byte tag, `nonce` a fresh random 12 bytes per seal. The associated data is
 *   `'wasi-crypto-host keystore v1'` followed by tenant, kind, id (u32-BE length + UTF-8), version
 *   (u64-BE), algorithm (u32-BE length + UTF-8), permissions and expiration (u64-BE): a row copied
 *   to another tenant, kind, id or version, or with an edited algorithm, permissions or expiration,
 *   fails authentication and reading it throws ('keystore row … failed authentication') — it never
 *   yields material under the wrong label. `created_at` is informational and not authenticated;
 *   `list` returns the stored metadata without decrypting anything.
 *
 * Durability: WAL journal, `synchronous=FULL`. In WAL mode a commit is a write() of the frames to
 * the -wal file; `synchronous=NORMAL` would skip the fsync at commit, which already survives a
 * killed process (the frames are in the OS page cache) but not an OS crash or power loss, where
 * the last commits could roll back. A key the store acknowledged may already protect data, so
 * losing it is losing that data: FULL fsyncs the WAL at every commit, and an acknowledged insert
 * survives kill -9, a kernel panic and power loss (given a disk that honours flushes). Every change
 * (insert, delete, rotateKek) is one transaction; statements are prepared once.
 *
 * Several connections (processes) may share a file (WAL; better-sqlite3 waits up to 5 s for the
 * write lock). If one rotates the KEK, the others notice: their inserts and rotations re-check
 * the stored KEK check value inside their write transaction and refuse ('wrong key-encryption
 * key … rotated by another connection?'), so nothing is ever sealed under a retired KEK, and a
 * read that fails to authenticate reports the rotation rather than a tampered row.
 *
 * Hygiene: `secure_delete` is on (freed row content is zeroed, so a deleted or re-encrypted row's
 * old ciphertext does not linger in free space); a new file is created 0600 (SQLite gives the -wal
 * and -shm files the same mode). The KEK is copied into a private Uint8Array (never a string,
 * never a pooled Buffer), wiped on close or when rotated away; decrypted bytes are copied into a
 * fresh Uint8Array for the caller and the intermediate buffer is wiped. Tenant, kind, id and
 * algorithm must be well-formed strings without NUL (a lone surrogate would become U+FFFD in UTF-8
 * and alias another tenant's name), else TypeError.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { closeSync, openSync } from 'node:fs';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { KeyRecord, KeyRecordMeta, KeyStore, RecordKind } from '../core/store.js';

const SCHEMA_VERSION = 1;
const FORMAT = 'wasi-crypto-host keystore';
const KEK_CHECK_LABEL = 'wasi-crypto-host kek check v1';
const AAD_LABEL = 'wasi-crypto-host keystore v1';
const KINDS: readonly RecordKind[] = ['symmetric', 'keypair', 'external', 'slot', 'cert-slot', 'trust-store'];
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const utf8 = new TextEncoder();

interface Row {
  tenant: string;
  kind: RecordKind;
  id: string;
  version: number;
  algorithm: string;
  permissions: number;
  expiration: number;
  created_at: number;
  nonce: Uint8Array;
  ciphertext: Uint8Array;
}

type MetaRow = Omit<Row, 'nonce' | 'ciphertext'>;

const SCHEMA = `
CREATE TABLE meta (
  key   TEXT PRIMARY KEY NOT NULL,
  value ANY NOT NULL
) STRICT;
CREATE TABLE keys (
  tenant      TEXT NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN (${KINDS.map((k) => `'${k}'`).join(', ')})),
  id          TEXT NOT NULL,
  version     INTEGER NOT NULL CHECK (version >= 1),
  algorithm   TEXT NOT NULL,
  permissions INTEGER NOT NULL CHECK (permissions >= 0),
  expiration  INTEGER NOT NULL CHECK (expiration >= 0),
  created_at  INTEGER NOT NULL,
  nonce       BLOB NOT NULL CHECK (length(nonce) = ${NONCE_BYTES}),
  ciphertext  BLOB NOT NULL CHECK (length(ciphertext) >= ${TAG_BYTES}),
  UNIQUE (tenant, kind, id, version)
) STRICT;
`;

/**
 * Files written before the certificate record kinds ('cert-slot', 'trust-store') were added have a
 * narrower CHECK on `keys.kind`: rebuild the table with the current schema, rows unchanged (their
 * associated data does not depend on the table), inside the caller's transaction.
 */
function widenKinds(db: Database.Database): void {
  const sql = db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'keys'").pluck().get();
  if (typeof sql !== 'string' || KINDS.every((k) => sql.includes(`'${k}'`))) return;
  const create = /CREATE TABLE keys \([\s\S]*?\) STRICT;/.exec(SCHEMA)![0].replace('CREATE TABLE keys (', 'CREATE TABLE keys_widened (');
  db.exec(`${create}
INSERT INTO keys_widened SELECT * FROM keys;
DROP TABLE keys;
ALTER TABLE keys_widened RENAME TO keys;`);
}

function checkString(name: string, s: unknown): string {
  if (typeof s !== 'string') throw new TypeError(`${name} must be a string`);
  // In a /u regex a surrogate class matches only unpaired surrogates.
  if (/[\uD800-\uDFFF]|\0/u.test(s)) throw new TypeError(`${name} must be well-formed UTF-16 without NUL`);
  return s;
}

function checkKind(kind: unknown): RecordKind {
  if (!KINDS.includes(kind as RecordKind)) throw new TypeError(`kind must be one of ${KINDS.join(', ')}`);
  return kind as RecordKind;
}

function checkUint(name: string, n: unknown, min = 0): number {
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < min) {
    throw new TypeError(`${name} must be an integer ≥ ${min} (at most 2^53 - 1)`);
  }
  return n;
}

function checkKek(kek: unknown): Uint8Array {
  if (!(kek instanceof Uint8Array) || kek.length !== 32) {
    throw new TypeError('the key-encryption key must be a Uint8Array of exactly 32 bytes');
  }
  // A private, non-pooled copy: the caller may wipe or reuse theirs.
  const own = new Uint8Array(32);
  own.set(kek);
  return own;
}

/** The associated data of a row: a label, then each field length-prefixed (strings) or fixed-size (numbers). */
function associatedData(r: { tenant: string; kind: string; id: string; version: number; algorithm: string; permissions: number; expiration: number }): Uint8Array {
  const parts: Uint8Array[] = [];
  const str = (s: string) => {
    const b = utf8.encode(s);
    const len = new Uint8Array(4);
    new DataView(len.buffer).setUint32(0, b.length);
    parts.push(len, b);
  };
  const u64 = (n: number) => {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setBigUint64(0, BigInt(n));
    parts.push(b);
  };
  str(AAD_LABEL);
  str(r.tenant);
  str(r.kind);
  str(r.id);
  u64(r.version);
  str(r.algorithm);
  u64(r.permissions);
  u64(r.expiration);
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

function kekCheck(kek: Uint8Array): Uint8Array {
  return new Uint8Array(createHmac('sha256', kek).update(KEK_CHECK_LABEL, 'utf8').digest());
}

function seal(kek: Uint8Array, aad: Uint8Array, material: Uint8Array): { nonce: Uint8Array; ciphertext: Uint8Array } {
  const nonce = new Uint8Array(randomBytes(NONCE_BYTES));
  const c = createCipheriv('aes-256-gcm', kek, nonce, { authTagLength: TAG_BYTES });
  c.setAAD(aad);
  const body = c.update(material);
  const tail = c.final();
  const tag = c.getAuthTag();
  const ciphertext = new Uint8Array(body.length + tail.length + TAG_BYTES);
  ciphertext.set(body, 0);
  ciphertext.set(tail, body.length);
  ciphertext.set(tag, body.length + tail.length);
  return { nonce, ciphertext };
}

/** The material, or undefined when the row does not authenticate. */
function unseal(kek: Uint8Array, aad: Uint8Array, nonce: Uint8Array, ciphertext: Uint8Array): Uint8Array | undefined {
  if (!(nonce instanceof Uint8Array) || nonce.length !== NONCE_BYTES) return undefined;
  if (!(ciphertext instanceof Uint8Array) || ciphertext.length < TAG_BYTES) return undefined;
  const d = createDecipheriv('aes-256-gcm', kek, nonce, { authTagLength: TAG_BYTES });
  d.setAAD(aad);
  d.setAuthTag(ciphertext.subarray(ciphertext.length - TAG_BYTES));
  const body = d.update(ciphertext.subarray(0, ciphertext.length - TAG_BYTES));
  let tail: Buffer;
  try {
    tail = d.final();
  } catch {
    body.fill(0);
    return undefined;
  }
  const out = new Uint8Array(body.length + tail.length);
  out.set(body, 0);
  out.set(tail, body.length);
  body.fill(0);
  tail.fill(0);
  return out;
}

function toMeta(r: MetaRow): KeyRecordMeta {
  return {
    tenant: r.tenant,
    kind: r.kind,
    id: r.id,
    version: r.version,
    algorithm: r.algorithm,
    permissions: r.permissions,
    expiration: r.expiration,
    createdAt: r.created_at,
  };
}

/** Opens (creating if needed) the SQLite key store `file`, its material encrypted under `kek` (32 bytes). */
export function openSqliteStore(opts: { file: string; kek: Uint8Array }): KeyStore {
  if (typeof opts?.file !== 'string' || opts.file === '') throw new TypeError('keystore file must be a non-empty path');
  let kek = checkKek(opts.kek);
  const file = resolve(opts.file);
  let db: Database.Database;
  try {
    // Create a new file owner-only before SQLite does (its -wal and -shm inherit the mode).
    closeSync(openSync(file, 'a', 0o600));
    db = new Database(file);
  } catch (e) {
    kek.fill(0);
    throw new Error(`cannot open keystore ${file}: ${(e as Error).message}`, { cause: e });
  }
  try {
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (String(mode).toLowerCase() !== 'wal') throw new Error(`keystore ${file}: cannot use WAL journal (got ${String(mode)})`);
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('secure_delete = ON');
    db.pragma('trusted_schema = OFF');
    db.transaction(() => {
      const hasMeta = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'meta'").get() !== undefined;
      if (!hasMeta) {
        const other = db.prepare("SELECT name FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' LIMIT 1").get();
        if (other !== undefined) throw new Error(`${file} is a SQLite file but not a wasi-crypto-host keystore`);
        db.exec(SCHEMA);
        const put = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
        put.run('format', FORMAT);
        put.run('schema_version', SCHEMA_VERSION);
        put.run('kek_check', kekCheck(kek));
        return;
      }
      const meta = new Map<string, unknown>(
        (db.prepare('SELECT key, value FROM meta').all() as { key: string; value: unknown }[]).map((r) => [r.key, r.value]),
      );
      if (meta.get('format') !== FORMAT) throw new Error(`${file} is a SQLite file but not a wasi-crypto-host keystore`);
      const version = meta.get('schema_version');
      if (version !== SCHEMA_VERSION) {
        throw new Error(`keystore ${file} has schema version ${String(version)}; this host reads version ${SCHEMA_VERSION}`);
      }
      const stored = meta.get('kek_check');
      const expected = kekCheck(kek);
      if (!(stored instanceof Uint8Array) || stored.length !== expected.length || !timingSafeEqual(stored, expected)) {
        throw new Error(`wrong key-encryption key for ${file}`);
      }
      widenKinds(db);
    }).immediate();
  } catch (e) {
    kek.fill(0);
    db.close();
    throw e;
  }

  const cols = 'tenant, kind, id, version, algorithm, permissions, expiration, created_at';
  const q = {
    insert: db.prepare(
      `INSERT INTO keys (${cols}, nonce, ciphertext) VALUES (@tenant, @kind, @id, @version, @algorithm, @permissions, @expiration, @created_at, @nonce, @ciphertext)`,
    ),
    newest: db.prepare(`SELECT ${cols}, nonce, ciphertext FROM keys WHERE tenant = ? AND kind = ? AND id = ? ORDER BY version DESC LIMIT 1`),
    exact: db.prepare(`SELECT ${cols}, nonce, ciphertext FROM keys WHERE tenant = ? AND kind = ? AND id = ? AND version = ?`),
    versions: db.prepare('SELECT version FROM keys WHERE tenant = ? AND kind = ? AND id = ? ORDER BY version').pluck(),
    deleteOne: db.prepare('DELETE FROM keys WHERE tenant = ? AND kind = ? AND id = ? AND version = ?'),
    deleteAll: db.prepare('DELETE FROM keys WHERE tenant = ? AND kind = ? AND id = ?'),
    listAll: db.prepare(`SELECT ${cols} FROM keys WHERE tenant = ?`),
    listKind: db.prepare(`SELECT ${cols} FROM keys WHERE tenant = ? AND kind = ?`),
    // rotateKek only: the one store-wide operation, walking every tenant's rows in rowid batches.
    batch: db.prepare(`SELECT rowid, ${cols}, nonce, ciphertext FROM keys WHERE rowid > ? ORDER BY rowid LIMIT 256`),
    reseal: db.prepare('UPDATE keys SET nonce = ?, ciphertext = ? WHERE rowid = ?'),
    setCheck: db.prepare("UPDATE meta SET value = ? WHERE key = 'kek_check'"),
    getCheck: db.prepare("SELECT value FROM meta WHERE key = 'kek_check'").pluck(),
  };
  // The check value of the KEK in use (not secret), to notice a rotation by another connection.
  let check = kekCheck(kek);
  const kekIsCurrent = (): boolean => {
    const stored = q.getCheck.get();
    return stored instanceof Uint8Array && stored.length === check.length && timingSafeEqual(stored, check);
  };
  const staleKek = () => new Error(`wrong key-encryption key for ${file} (was it rotated by another connection? reopen the store)`);

  let closed = false;
  const live = () => {
    if (closed) throw new Error('key store is closed');
  };
  const label = (r: { tenant: string; kind: string; id: string; version: number }) =>
    `keystore row (tenant ${JSON.stringify(r.tenant)}, ${r.kind} ${JSON.stringify(r.id)}, version ${r.version}) in ${file}`;
  const open = (k: Uint8Array, row: Row): Uint8Array => {
    const material = unseal(k, associatedData(row), row.nonce, row.ciphertext);
    if (material === undefined) {
      if (!kekIsCurrent()) throw staleKek();
      throw new Error(`${label(row)} failed authentication (modified, moved or re-labelled)`);
    }
    return material;
  };
  const args = (tenant: string, kind: RecordKind, id: string): [string, RecordKind, string] => [
    checkString('tenant', tenant),
    checkKind(kind),
    checkString('id', id),
  ];

  const rotate = db.transaction((next: Uint8Array) => {
    if (!kekIsCurrent()) throw staleKek();
    let last = 0;
    for (;;) {
      const rows = q.batch.all(last) as (Row & { rowid: number })[];
      if (rows.length === 0) break;
      for (const row of rows) {
        const material = open(kek, row);
        try {
          const s = seal(next, associatedData(row), material);
          q.reseal.run(s.nonce, s.ciphertext, row.rowid);
        } finally {
          material.fill(0);
        }
        last = row.rowid;
      }
    }
    q.setCheck.run(kekCheck(next));
  });
  // A write transaction from the start (BEGIN IMMEDIATE): the KEK check and the insert see the
  // same snapshot, so a row is never sealed under a KEK another connection has just rotated away.
  const insertTx = db.transaction((row: Record<string, unknown>) => {
    if (!kekIsCurrent()) throw staleKek();
    q.insert.run(row);
  });

  return {
    description: `sqlite:${file}`,
    insert(record) {
      live();
      const r = {
        tenant: checkString('tenant', record.tenant),
        kind: checkKind(record.kind),
        id: checkString('id', record.id),
        version: checkUint('version', record.version, 1),
        algorithm: checkString('algorithm', record.algorithm),
        permissions: checkUint('permissions', record.permissions),
        expiration: checkUint('expiration', record.expiration),
        created_at: checkUint('createdAt', record.createdAt),
      };
      if (!(record.material instanceof Uint8Array)) throw new TypeError('material must be a Uint8Array');
      const { nonce, ciphertext } = seal(kek, associatedData(r), record.material);
      try {
        insertTx.immediate({ ...r, nonce, ciphertext });
      } catch (e) {
        if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
          throw new Error(`record ${JSON.stringify([r.tenant, r.kind, r.id])} version ${r.version} exists`, { cause: e });
        }
        throw e;
      }
    },
    get(tenant, kind, id, version) {
      live();
      const a = args(tenant, kind, id);
      if (version !== undefined && !Number.isSafeInteger(version)) return undefined;
      const row = (version === undefined ? q.newest.get(...a) : q.exact.get(...a, version)) as Row | undefined;
      if (row === undefined) return undefined;
      return { ...toMeta(row), material: open(kek, row) };
    },
    versions(tenant, kind, id) {
      live();
      return q.versions.all(...args(tenant, kind, id)) as number[];
    },
    delete(tenant, kind, id, version) {
      live();
      const a = args(tenant, kind, id);
      if (version === undefined) return q.deleteAll.run(...a).changes;
      if (!Number.isSafeInteger(version)) return 0;
      return q.deleteOne.run(...a, version).changes;
    },
    list(tenant, kind) {
      live();
      checkString('tenant', tenant);
      const rows = (kind === undefined ? q.listAll.all(tenant) : q.listKind.all(tenant, checkKind(kind))) as MetaRow[];
      // The memory store's order, so both stores list alike.
      return rows.map(toMeta).sort((a, b) => (a.kind + a.id).localeCompare(b.kind + b.id) || a.version - b.version);
    },
    rotateKek(newKek) {
      live();
      const next = checkKek(newKek);
      try {
        rotate.immediate(next);
      } catch (e) {
        next.fill(0);
        throw e;
      }
      kek.fill(0);
      kek = next;
      check = kekCheck(kek);
      // Best effort: copy the re-encrypted pages into the file and empty the WAL, so no frame
      // sealed under the old KEK stays in the -wal file.
      try {
        db.pragma('wal_checkpoint(TRUNCATE)');
      } catch {
        // another connection is reading: the frames are overwritten later
      }
    },
    close() {
      if (closed) return;
      closed = true;
      try {
        db.close(); // the last connection checkpoints and removes the -wal file
      } finally {
        kek.fill(0);
      }
    },
  };
}
