/**
 * The key store contract (host/src/core/store.ts, docs/key-management.md §Persistence), run
 * against both implementations: `createMemoryStore()` and `openSqliteStore` on a file in a fresh
 * temporary directory. Then what only the SQLite store has: reopening keeps everything, a wrong
 * KEK is refused at open, `rotateKek` re-keys the file (the new KEK opens it, the old one no
 * longer does), rows tampered with raw SQL (ciphertext, nonce, tenant, version, permissions,
 * algorithm, expiration, kind, id; a row copied to another tenant) fail authentication instead
 * of yielding material, the raw bytes of `<db>`, `<db>-wal` and `<db>-shm` never contain key
 * material or the KEK (while open, after a checkpoint, after close, after delete and rotation),
 * and `PRAGMA integrity_check` is ok.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createMemoryStore, type KeyRecord, type KeyStore, type RecordKind } from '../../host/src/core/store.js';
import { openSqliteStore } from '../../host/src/store/sqlite.js';

const dir = mkdtempSync(join(tmpdir(), 'wasi-crypto-store-test-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let fileNo = 0;
const newFile = () => join(dir, `keys-${++fileNo}.db`);
const newKek = () => new Uint8Array(randomBytes(32));

function rec(over: Partial<KeyRecord> & { material?: Uint8Array } = {}): KeyRecord {
  return {
    tenant: 'tenant-a',
    kind: 'symmetric',
    id: '00112233445566778899aabbccddeeff',
    version: 1,
    algorithm: 'AES-256-GCM',
    permissions: 0x7ff,
    expiration: 0,
    createdAt: 1_700_000_000_000,
    material: new Uint8Array(randomBytes(32)),
    ...over,
  };
}

function withoutMaterial(r: KeyRecord) {
  const { material: _m, ...m } = r;
  return m;
}

interface Impl {
  name: string;
  open(): KeyStore;
}

const impls: Impl[] = [
  { name: 'memory', open: () => createMemoryStore() },
  { name: 'sqlite', open: () => openSqliteStore({ file: newFile(), kek: newKek() }) },
];

for (const impl of impls) {
  describe(`KeyStore contract: ${impl.name}`, () => {
    test('description', () => {
      const s = impl.open();
      if (impl.name === 'memory') assert.equal(s.description, 'memory');
      else assert.match(s.description, /^sqlite:\/.*keys-\d+\.db$/);
      s.close();
    });

    test('insert, get newest and exact, versions', () => {
      const s = impl.open();
      const v1 = rec({ version: 1 });
      const v2 = rec({ version: 2, permissions: 0x0f });
      const v5 = rec({ version: 5, expiration: 2_000_000_000 });
      s.insert(v1);
      s.insert(v5);
      s.insert(v2);
      assert.deepEqual(s.versions(v1.tenant, v1.kind, v1.id), [1, 2, 5]);
      assert.deepEqual(s.get(v1.tenant, v1.kind, v1.id), v5, 'newest = highest version, not last inserted');
      assert.deepEqual(s.get(v1.tenant, v1.kind, v1.id, 1), v1);
      assert.deepEqual(s.get(v1.tenant, v1.kind, v1.id, 2), v2);
      assert.equal(s.get(v1.tenant, v1.kind, v1.id, 3), undefined);
      assert.equal(s.get(v1.tenant, v1.kind, v1.id, 0), undefined);
      assert.equal(s.get(v1.tenant, v1.kind, 'ffff'), undefined);
      assert.equal(s.get(v1.tenant, 'keypair', v1.id), undefined, 'kinds are separate namespaces');
      assert.deepEqual(s.versions(v1.tenant, v1.kind, 'ffff'), []);
      const got = s.get(v1.tenant, v1.kind, v1.id, 1);
      assert.ok(got !== undefined && got.material instanceof Uint8Array);
      s.close();
    });

    test('empty material and every kind round-trip', () => {
      const s = impl.open();
      const kinds: RecordKind[] = ['symmetric', 'keypair', 'external', 'slot'];
      for (const kind of kinds) {
        const r = rec({ kind, id: kind === 'slot' ? 'vehicle/aes' : 'aa', algorithm: kind === 'external' ? '' : 'Ed25519' });
        s.insert(r);
        assert.deepEqual(s.get(r.tenant, kind, r.id), r);
      }
      const empty = rec({ kind: 'external', id: 'bb', algorithm: '', material: new Uint8Array(0), expiration: 4_000_000_000 });
      s.insert(empty);
      assert.deepEqual(s.get(empty.tenant, 'external', 'bb'), empty);
      s.close();
    });

    test('duplicate insert throws and leaves the original', () => {
      const s = impl.open();
      const r = rec();
      s.insert(r);
      assert.throws(() => s.insert(rec()), /exists/);
      assert.deepEqual(s.get(r.tenant, r.kind, r.id, 1), r);
      assert.deepEqual(s.versions(r.tenant, r.kind, r.id), [1]);
      // The same (kind, id, version) under another tenant or kind is another record.
      s.insert(rec({ tenant: 'tenant-b' }));
      s.insert(rec({ kind: 'keypair' }));
      s.close();
    });

    test('delete one version, the newest moves back; delete all', () => {
      const s = impl.open();
      const [t, k, id] = ['tenant-a', 'symmetric', 'cafe'] as const;
      for (const v of [1, 2, 3]) s.insert(rec({ id, version: v }));
      assert.equal(s.delete(t, k, id, 3), 1);
      assert.equal(s.delete(t, k, id, 3), 0);
      assert.equal(s.get(t, k, id)?.version, 2);
      assert.deepEqual(s.versions(t, k, id), [1, 2]);
      assert.equal(s.delete(t, k, id, 9), 0);
      assert.equal(s.delete(t, k, id), 2);
      assert.equal(s.get(t, k, id), undefined);
      assert.deepEqual(s.versions(t, k, id), []);
      assert.equal(s.delete(t, k, id), 0);
      // A deleted version can be inserted again.
      s.insert(rec({ id, version: 1 }));
      assert.deepEqual(s.versions(t, k, id), [1]);
      s.close();
    });

    test('list: metadata only, per tenant and kind, ordered', () => {
      const s = impl.open();
      const rs = [
        rec({ kind: 'symmetric', id: 'bb', version: 2 }),
        rec({ kind: 'symmetric', id: 'aa', version: 1 }),
        rec({ kind: 'symmetric', id: 'bb', version: 1 }),
        rec({ kind: 'keypair', id: 'cc', version: 1, algorithm: 'Ed25519' }),
        rec({ kind: 'slot', id: 'ecu-sign', version: 1, algorithm: 'ECDSA-P256', permissions: 0x30 }),
        rec({ kind: 'external', id: 'dd', version: 1, algorithm: '', expiration: 4_000_000_000 }),
        rec({ tenant: 'tenant-b', kind: 'symmetric', id: 'zz' }),
      ];
      for (const r of rs) s.insert(r);
      const all = s.list('tenant-a');
      assert.equal(all.length, 6);
      for (const m of all) assert.equal('material' in m, false, 'list never returns material');
      assert.deepEqual(
        all.map((m) => [m.kind, m.id, m.version]),
        [
          ['external', 'dd', 1],
          ['keypair', 'cc', 1],
          ['slot', 'ecu-sign', 1],
          ['symmetric', 'aa', 1],
          ['symmetric', 'bb', 1],
          ['symmetric', 'bb', 2],
        ],
      );
      const slot = all.find((m) => m.kind === 'slot');
      assert.deepEqual(slot, withoutMaterial(rs[4]!));
      assert.deepEqual(
        s.list('tenant-a', 'symmetric').map((m) => [m.id, m.version]),
        [['aa', 1], ['bb', 1], ['bb', 2]],
      );
      assert.deepEqual(s.list('tenant-a', 'external').map((m) => m.id), ['dd']);
      assert.deepEqual(s.list('tenant-b').map((m) => m.id), ['zz']);
      assert.deepEqual(s.list('tenant-c'), []);
      s.close();
    });

    test('tenant isolation: tenant B never sees or touches A', () => {
      const s = impl.open();
      const a = rec({ tenant: 'A', id: 'shared-id' });
      s.insert(a);
      s.insert(rec({ tenant: 'A', id: 'only-a' }));
      assert.equal(s.get('B', a.kind, a.id), undefined);
      assert.equal(s.get('B', a.kind, a.id, 1), undefined);
      assert.equal(s.get('B', a.kind, 'only-a'), undefined);
      assert.deepEqual(s.versions('B', a.kind, a.id), []);
      assert.deepEqual(s.list('B'), []);
      assert.equal(s.delete('B', a.kind, a.id), 0);
      assert.equal(s.delete('B', a.kind, a.id, 1), 0);
      // Tenant names that differ only by case, whitespace or a prefix are different tenants.
      for (const t of ['a', 'A ', ' A', 'AA', '']) assert.equal(s.get(t, a.kind, a.id), undefined, JSON.stringify(t));
      // B may use the same id; both coexist with their own material.
      const b = rec({ tenant: 'B', id: 'shared-id' });
      s.insert(b);
      assert.deepEqual(s.get('A', a.kind, a.id), a);
      assert.deepEqual(s.get('B', b.kind, b.id), b);
      assert.equal(s.delete('B', b.kind, b.id), 1);
      assert.deepEqual(s.get('A', a.kind, a.id), a, "B's delete leaves A's record");
      assert.deepEqual(s.list('A').map((m) => m.id).sort(), ['only-a', 'shared-id']);
      s.close();
    });

    test('material is copied in and out', () => {
      const s = impl.open();
      const material = new Uint8Array(32).fill(7);
      s.insert(rec({ material }));
      material.fill(0xee); // the caller wipes or reuses its buffer
      const g1 = s.get('tenant-a', 'symmetric', rec().id);
      assert.ok(g1 !== undefined);
      assert.deepEqual(g1.material, new Uint8Array(32).fill(7));
      g1.material.fill(0); // the caller wipes what it got
      const g2 = s.get('tenant-a', 'symmetric', rec().id, 1);
      assert.ok(g2 !== undefined);
      assert.deepEqual(g2.material, new Uint8Array(32).fill(7));
      assert.notEqual(g2.material, g1.material);
      assert.notEqual(g2.material.buffer, g1.material.buffer);
      s.close();
    });

    test('close: idempotent, every further call fails', () => {
      const s = impl.open();
      s.insert(rec());
      s.close();
      s.close();
      const r = rec();
      assert.throws(() => s.insert(rec({ version: 2 })), /closed/);
      assert.throws(() => s.get(r.tenant, r.kind, r.id), /closed/);
      assert.throws(() => s.versions(r.tenant, r.kind, r.id), /closed/);
      assert.throws(() => s.delete(r.tenant, r.kind, r.id), /closed/);
      assert.throws(() => s.list(r.tenant), /closed/);
      assert.throws(() => s.rotateKek(newKek()), /closed/);
    });
  });
}

// ---------------------------------------------------------------------------------------------
// SQLite only

function raw(file: string): Database.Database {
  return new Database(file);
}

function integrityOk(file: string): void {
  const db = raw(file);
  try {
    assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
  } finally {
    db.close();
  }
}

function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  return Buffer.from(haystack.buffer, haystack.byteOffset, haystack.length).indexOf(Buffer.from(needle)) !== -1;
}

/** Every needle (and its two halves) absent from each of <db>, <db>-wal, <db>-shm that exists; returns the files checked. */
function assertAbsent(file: string, needles: Uint8Array[], when: string): string[] {
  const checked: string[] = [];
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    if (!existsSync(f)) continue;
    const bytes = readFileSync(f);
    checked.push(`${f.slice(file.length) || 'db'}:${bytes.length}`);
    for (const n of needles) {
      const half = n.length >> 1;
      for (const part of [n, n.subarray(0, half), n.subarray(half)]) {
        assert.equal(contains(bytes, part), false, `${when}: ${f} contains secret bytes ${Buffer.from(part).toString('hex')}`);
      }
    }
  }
  return checked;
}

describe('SQLite key store', () => {
  test('reopen persists records and metadata; schema, pragmas, file mode', () => {
    const file = newFile();
    const kek = newKek();
    const rs = [rec(), rec({ version: 2, permissions: 0x30 }), rec({ tenant: 'other', kind: 'slot', id: 'session', algorithm: 'HMAC-SHA256' })];
    const s = openSqliteStore({ file, kek });
    for (const r of rs) s.insert(r);
    s.close();
    const s2 = openSqliteStore({ file, kek });
    for (const r of rs) assert.deepEqual(s2.get(r.tenant, r.kind, r.id, r.version), r);
    assert.deepEqual(s2.versions('tenant-a', 'symmetric', rec().id), [1, 2]);
    s2.insert(rec({ version: 3 }));
    s2.close();
    const db = raw(file);
    try {
      assert.equal(db.pragma('journal_mode', { simple: true }), 'wal', 'WAL persists in the file');
      assert.equal(db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").pluck().get(), 1);
      assert.equal(db.prepare('SELECT count(*) FROM keys').pluck().get(), 4);
      const row = db.prepare('SELECT nonce, ciphertext FROM keys LIMIT 1').get() as { nonce: Buffer; ciphertext: Buffer };
      assert.equal(row.nonce.length, 12);
      assert.equal(row.ciphertext.length, 32 + 16);
    } finally {
      db.close();
    }
    if (process.platform !== 'win32') assert.equal(statSync(file).mode & 0o077, 0, 'a new keystore is owner-only');
    integrityOk(file);
  });

  test('the KEK: exactly 32 bytes, copied, and a wrong one refused at open', () => {
    const file = newFile();
    for (const bad of [new Uint8Array(16), new Uint8Array(31), new Uint8Array(33), 'x'.repeat(32)]) {
      assert.throws(() => openSqliteStore({ file, kek: bad as Uint8Array }), TypeError);
    }
    const kek = newKek();
    const keep = Uint8Array.from(kek);
    const s = openSqliteStore({ file, kek });
    kek.fill(0); // the caller wipes its copy: the store keeps working with its own
    const r = rec();
    s.insert(r);
    assert.deepEqual(s.get(r.tenant, r.kind, r.id), r);
    s.close();
    assert.throws(() => openSqliteStore({ file, kek: newKek() }), (e: Error) => e.message === `wrong key-encryption key for ${file}`);
    assert.throws(() => openSqliteStore({ file, kek }), /wrong key-encryption key/, 'the wiped (all-zero) KEK is another key');
    const again = openSqliteStore({ file, kek: keep });
    assert.deepEqual(again.get(r.tenant, r.kind, r.id), r);
    again.close();
  });

  test('refuses files that are not keystores, or of another schema version', () => {
    const plain = newFile();
    const db = raw(plain);
    db.exec('CREATE TABLE t (x)');
    db.close();
    assert.throws(() => openSqliteStore({ file: plain, kek: newKek() }), /not a wasi-crypto-host keystore/);
    const garbage = newFile();
    writeFileSync(garbage, Buffer.alloc(8192, 0x41));
    assert.throws(() => openSqliteStore({ file: garbage, kek: newKek() }), /keystore|database/i);
    const future = newFile();
    const kek = newKek();
    openSqliteStore({ file: future, kek }).close();
    const db2 = raw(future);
    db2.prepare("UPDATE meta SET value = 2 WHERE key = 'schema_version'").run();
    db2.close();
    assert.throws(() => openSqliteStore({ file: future, kek }), /schema version 2/);
    assert.throws(() => openSqliteStore({ file: join(dir, 'no-such-dir', 'k.db'), kek }), /cannot open keystore/);
  });

  test('rotateKek: everything re-encrypted; the new KEK opens the file, the old one no longer does', () => {
    const file = newFile();
    const k1 = newKek();
    const k2 = newKek();
    const s = openSqliteStore({ file, kek: k1 });
    const rs: KeyRecord[] = [];
    for (let i = 0; i < 600; i++) {
      // more than one rotation batch (256 rows), several tenants and kinds
      const r = rec({ tenant: `t${i % 3}`, kind: i % 2 ? 'keypair' : 'external', id: `id${i}`, algorithm: i % 2 ? 'X25519' : '', expiration: i });
      rs.push(r);
      s.insert(r);
    }
    const db0 = raw(file);
    const before = db0.prepare('SELECT rowid, nonce, ciphertext FROM keys ORDER BY rowid').all() as { nonce: Buffer; ciphertext: Buffer }[];
    db0.close();
    assert.throws(() => s.rotateKek(new Uint8Array(31)), TypeError);
    s.rotateKek(k2);
    for (const r of rs) assert.deepEqual(s.get(r.tenant, r.kind, r.id), r, 'usable right after rotation');
    s.insert(rec({ id: 'after-rotation' }));
    s.close();
    const dbr = raw(file);
    const afterRows = dbr.prepare('SELECT rowid, nonce, ciphertext FROM keys ORDER BY rowid').all() as { nonce: Buffer; ciphertext: Buffer }[];
    dbr.close();
    for (let i = 0; i < before.length; i++) {
      assert.notDeepEqual(afterRows[i]!.ciphertext, before[i]!.ciphertext, `row ${i} re-encrypted`);
      assert.notDeepEqual(afterRows[i]!.nonce, before[i]!.nonce, `row ${i} has a fresh nonce`);
    }
    assert.throws(() => openSqliteStore({ file, kek: k1 }), /wrong key-encryption key/);
    const s2 = openSqliteStore({ file, kek: k2 });
    for (const r of rs) assert.deepEqual(s2.get(r.tenant, r.kind, r.id), r);
    assert.ok(s2.get('tenant-a', 'symmetric', 'after-rotation') !== undefined);
    s2.close();
    integrityOk(file);
  });

  test('rotateKek is all or nothing: a tampered row aborts it and the old KEK stays', () => {
    const file = newFile();
    const k1 = newKek();
    const s = openSqliteStore({ file, kek: k1 });
    const good = rec({ id: 'good' });
    s.insert(good);
    s.insert(rec({ id: 'bad' }));
    const db = raw(file);
    db.prepare("UPDATE keys SET permissions = 1 WHERE id = 'bad'").run();
    db.close();
    assert.throws(() => s.rotateKek(newKek()), /failed authentication/);
    assert.deepEqual(s.get(good.tenant, good.kind, good.id), good, 'still the old KEK');
    s.close();
    openSqliteStore({ file, kek: k1 }).close(); // the check value was not replaced either
  });

  test('two connections: after one rotates the KEK, the other refuses to read or write with the old one', () => {
    const file = newFile();
    const k1 = newKek();
    const a = openSqliteStore({ file, kek: k1 });
    const b = openSqliteStore({ file, kek: k1 });
    const r = rec();
    a.insert(r);
    assert.deepEqual(b.get(r.tenant, r.kind, r.id), r, 'B sees A\'s commit');
    const k2 = newKek();
    a.rotateKek(k2);
    assert.throws(() => b.get(r.tenant, r.kind, r.id), /wrong key-encryption key .*rotated by another connection/);
    assert.throws(() => b.insert(rec({ version: 2 })), /wrong key-encryption key/);
    assert.throws(() => b.rotateKek(newKek()), /wrong key-encryption key/);
    assert.deepEqual(b.versions(r.tenant, r.kind, r.id), [1], 'B wrote nothing');
    b.close();
    a.insert(rec({ version: 2 }));
    a.close();
    const c = openSqliteStore({ file, kek: k2 });
    assert.deepEqual(c.versions(r.tenant, r.kind, r.id), [1, 2]);
    assert.deepEqual(c.get(r.tenant, r.kind, r.id, 1), r);
    c.close();
  });

  test('tampered rows fail authentication, never yield material', () => {
    const flip = (at: (n: number) => number) => (db: Database.Database) => {
      const ct = db.prepare("SELECT ciphertext FROM keys WHERE id = 'victim'").pluck().get() as Buffer;
      ct[at(ct.length)]! ^= 0x01;
      db.prepare("UPDATE keys SET ciphertext = ? WHERE id = 'victim'").run(ct);
    };
    const edits: [string, string | ((db: Database.Database) => void), (s: KeyStore) => unknown][] = [
      ['ciphertext bit flip', flip(() => 3), (s) => s.get('A', 'symmetric', 'victim')],
      ['tag bit flip', flip((n) => n - 1), (s) => s.get('A', 'symmetric', 'victim')],
      ['tag truncated', "UPDATE keys SET ciphertext = substr(ciphertext, 1, 16) WHERE id = 'victim'", (s) => s.get('A', 'symmetric', 'victim')],
      ['nonce changed', "UPDATE keys SET nonce = zeroblob(12) WHERE id = 'victim'", (s) => s.get('A', 'symmetric', 'victim')],
      ['permissions widened', "UPDATE keys SET permissions = 2047 WHERE id = 'victim'", (s) => s.get('A', 'symmetric', 'victim')],
      ['algorithm changed', "UPDATE keys SET algorithm = 'AES-128-GCM' WHERE id = 'victim'", (s) => s.get('A', 'symmetric', 'victim')],
      ['expiration extended', "UPDATE keys SET expiration = 0 WHERE id = 'victim'", (s) => s.get('A', 'symmetric', 'victim')],
      ['moved to tenant B', "UPDATE keys SET tenant = 'B' WHERE id = 'victim'", (s) => s.get('B', 'symmetric', 'victim')],
      ['re-versioned', "UPDATE keys SET version = 7 WHERE id = 'victim'", (s) => s.get('A', 'symmetric', 'victim', 7)],
      ['re-kinded', "UPDATE keys SET kind = 'external' WHERE id = 'victim'", (s) => s.get('A', 'external', 'victim')],
      ['re-named', "UPDATE keys SET id = 'other' WHERE id = 'victim'", (s) => s.get('A', 'symmetric', 'other')],
      [
        'copied to tenant B',
        "INSERT INTO keys SELECT 'B', kind, id, version, algorithm, permissions, expiration, created_at, nonce, ciphertext FROM keys WHERE id = 'victim'",
        (s) => s.get('B', 'symmetric', 'victim'),
      ],
      [
        'copied as a newer version',
        "INSERT INTO keys SELECT tenant, kind, id, 2, algorithm, permissions, expiration, created_at, nonce, ciphertext FROM keys WHERE id = 'victim'",
        (s) => s.get('A', 'symmetric', 'victim'),
      ],
      [
        "another row's ciphertext swapped in",
        "UPDATE keys SET (nonce, ciphertext) = (SELECT nonce, ciphertext FROM keys WHERE id = 'bystander') WHERE id = 'victim'",
        (s) => s.get('A', 'symmetric', 'victim'),
      ],
    ];
    for (const [what, sql, read] of edits) {
      const file = newFile();
      const kek = newKek();
      const s = openSqliteStore({ file, kek });
      const victim = rec({ tenant: 'A', id: 'victim', permissions: 0x03, expiration: 1_900_000_000 });
      const bystander = rec({ tenant: 'A', id: 'bystander' });
      s.insert(victim);
      s.insert(bystander);
      const db = raw(file); // concurrently with the open store: WAL lets it
      if (typeof sql === 'string') db.exec(sql);
      else sql(db);
      db.close();
      assert.throws(() => read(s), (e: Error) => /^keystore row .* failed authentication/.test(e.message), what);
      assert.deepEqual(s.get('A', 'symmetric', 'bystander'), bystander, `${what}: other rows unaffected`);
      s.close();
      const s2 = openSqliteStore({ file, kek }); // and after reopening
      assert.throws(() => read(s2), /failed authentication/, `${what} (reopened)`);
      s2.close();
    }
  });

  test('malformed names are refused (a lone surrogate would alias another tenant in UTF-8)', () => {
    const s = openSqliteStore({ file: newFile(), kek: newKek() });
    s.insert(rec({ tenant: '\uFFFD' }));
    assert.throws(() => s.get('\uD800', 'symmetric', rec().id), TypeError);
    assert.throws(() => s.list('\uDC00'), TypeError);
    assert.throws(() => s.insert(rec({ tenant: 'a\0b' })), TypeError);
    assert.throws(() => s.insert(rec({ id: '\uD800' })), TypeError);
    assert.throws(() => s.insert(rec({ kind: 'other' as RecordKind })), TypeError);
    assert.throws(() => s.insert(rec({ version: 0 })), TypeError);
    assert.throws(() => s.insert(rec({ version: 1.5 })), TypeError);
    assert.throws(() => s.insert(rec({ permissions: -1 })), TypeError);
    // Well-formed non-ASCII names are fine.
    const emoji = rec({ tenant: 'tenant-\u{1F511}', id: 'slot/ü' });
    s.insert(emoji);
    assert.deepEqual(s.get(emoji.tenant, emoji.kind, emoji.id), emoji);
    s.close();
  });

  test('the files never contain key material or the KEK (open, checkpointed, closed, deleted, rotated)', (t) => {
    const file = newFile();
    const kek = newKek();
    const kekCopy = Uint8Array.from(kek);
    const s = openSqliteStore({ file, kek });
    const secrets: Uint8Array[] = [kekCopy];
    for (let i = 0; i < 200; i++) {
      const material = new Uint8Array(randomBytes(i % 5 === 0 ? 64 : 32));
      secrets.push(Uint8Array.from(material));
      s.insert(rec({ tenant: `t${i % 4}`, id: `k${i}`, material }));
    }
    const log: string[][] = [];
    log.push(assertAbsent(file, secrets, 'open, before any checkpoint'));
    assert.ok(existsSync(`${file}-wal`), 'the WAL exists while open');
    // Checkpoint from another connection (the store has no checkpoint call of its own).
    const db = raw(file);
    db.pragma('wal_checkpoint(FULL)');
    log.push(assertAbsent(file, secrets, 'after checkpoint'));
    db.close();
    for (let i = 0; i < 200; i += 2) s.delete(`t${i % 4}`, 'symmetric', `k${i}`);
    log.push(assertAbsent(file, secrets, 'after deletes'));
    const k2 = newKek();
    secrets.push(Uint8Array.from(k2));
    s.rotateKek(k2);
    log.push(assertAbsent(file, secrets, 'after rotateKek'));
    s.close();
    log.push(assertAbsent(file, secrets, 'after close'));
    assert.equal(existsSync(`${file}-wal`), false, 'close removes the WAL');
    // The same check would fail if the material were there: the search works.
    const probe = readFileSync(file);
    assert.ok(contains(probe, probe.subarray(4000, 4032)));
    integrityOk(file);
    t.diagnostic(`searched (file:size): ${log.map((l) => l.join(' ')).join(' | ')}`);
  });
});
