/**
 * The key slot manifest (host/src/slots/manifest.ts, schemas/slot-manifest.schema.json): one test
 * per kind of mistake (each message names its field), valid manifests, and the agreement of the
 * schema with the code (enums, and samples judged by a small JSON Schema evaluator below).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  KEY_FAMILY_NAMES,
  loadManifestFile,
  ManifestError,
  parsePermissions,
  PERMISSION_BITS,
  PRESETS,
  SYMMETRIC_KEY_BYTES,
  validateManifest,
  type SlotSpec,
} from '../../host/src/slots/manifest.js';
import { KEY_FAMILIES } from '../../host/src/core/slots.js';
import { PERMISSION_NAMES } from '../../host/src/core/permissions.js';

/** The repository root: this file runs from build/tests/slots/. */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SCHEMA = JSON.parse(readFileSync(join(ROOT, 'schemas', 'slot-manifest.schema.json'), 'utf8')) as JsonSchema;

let tmp: string;
const AES256 = randomBytes(32);
const ED25519_DER = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'der' });
const P256 = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const P256_PEM = P256.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
const P256_PUBLIC_PEM = P256.publicKey.export({ type: 'spki', format: 'pem' }) as string;

before(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'wasi-crypto-manifest-'));
  await mkdir(join(tmp, 'keys'));
  await writeFile(join(tmp, 'keys', 'aes.bin'), AES256);
  await writeFile(join(tmp, 'keys', 'aes.hex'), AES256.toString('hex') + '\n');
  await writeFile(join(tmp, 'keys', 'ecu.pk8'), ED25519_DER);
  await writeFile(join(tmp, 'keys', 'p256.pem'), P256_PEM);
  await writeFile(join(tmp, 'keys', 'p256.pub.pem'), P256_PUBLIC_PEM);
  await writeFile(join(tmp, 'keys', 'empty.bin'), new Uint8Array(0));
  await writeFile(join(tmp, 'keys', 'junk.bin'), Buffer.from([0x04, 1, 2, 3, 4, 5]));
});
after(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const ENV: Record<string, string | undefined> = {
  AES_HEX: AES256.toString('hex'),
  AES_HEX_UPPER: AES256.toString('hex').toUpperCase(),
  AES_B64: AES256.toString('base64'),
  AES_B64URL: AES256.toString('base64url'),
  SHORT_HEX: 'ab'.repeat(16),
  ODD_HEX: 'abcde', // odd hex, and 5 characters is no base64
  NOT_A_KEY: 'this is not hex!',
  EMPTY: '  ',
  ED_B64: ED25519_DER.toString('base64'),
  P256_PEM,
};

function validate(manifest: unknown, env = ENV): SlotSpec[] {
  return validateManifest(manifest, { baseDir: tmp, env });
}

function slot(fields: Record<string, unknown>): unknown {
  return { slots: [{ name: 's', algorithm: 'AES-256', permissions: 'all', ...fields }] };
}

/** Asserts that validating `manifest` fails with exactly these problems (field, message pattern), in order. */
function assertProblems(manifest: unknown, expected: [string, RegExp][], env = ENV): ManifestError {
  let error: unknown;
  try {
    validate(manifest, env);
  } catch (e) {
    error = e;
  }
  assert.ok(error instanceof ManifestError, `expected a ManifestError, got ${String(error)}`);
  assert.deepEqual(
    error.problems.map((p) => p.field),
    expected.map(([f]) => f),
    error.message,
  );
  error.problems.forEach((p, i) => assert.match(p.message, expected[i]![1]));
  assert.equal(error.field, expected[0]![0]);
  // One line per problem, each starting with its field.
  assert.deepEqual(
    error.message.split('\n'),
    error.problems.map((p) => `${p.field}: ${p.message}`),
  );
  return error;
}

// ---------------------------------------------------------------------------------------------
// Mistakes

test('the manifest must be an object with a slots list and nothing else', () => {
  assertProblems([], [['$', /must be a JSON object/]]);
  assertProblems(null, [['$', /must be a JSON object/]]);
  assertProblems({}, [['slots', /missing/]]);
  assertProblems({ slots: {} }, [['slots', /must be a list of slots, not an object/]]);
  assertProblems({ slots: [], slot: [] }, [['slot', /unknown field \(did you mean "slots"\?\); the fields are \$schema, slots/]]);
  assertProblems({ slots: [], $schema: 3 }, [['$schema', /must be a string/]]);
  assertProblems({ slots: ['AES-256'] }, [['slots[0]', /a slot must be an object .*not the string "AES-256"/]]);
});

test('an unknown slot field is named (with a suggestion)', () => {
  assertProblems(slot({ permission: ['sign'] }), [['slots[0].permission', /unknown field \(did you mean "permissions"\?\); the fields are name, algorithm, permissions, persistence, key, locked, replace/]]);
  assertProblems(slot({ colour: 'red' }), [['slots[0].colour', /^unknown field; the fields are/]]);
});

test('a missing, empty or non-string name', () => {
  assertProblems({ slots: [{ algorithm: 'AES-256', permissions: 'all' }] }, [['slots[0].name', /missing/]]);
  assertProblems(slot({ name: '' }), [['slots[0].name', /must be a non-empty string, not the string ""/]]);
  assertProblems(slot({ name: 7 }), [['slots[0].name', /must be a non-empty string, not number 7/]]);
});

test('a duplicate slot name names both places', () => {
  const m = {
    slots: [
      { name: 'a', algorithm: 'AES-256', permissions: 'all' },
      { name: 'b', algorithm: 'AES-256', permissions: 'all' },
      { name: 'a', algorithm: 'Ed25519', permissions: 'all' },
    ],
  };
  assertProblems(m, [['slots[2].name', /duplicate slot name "a" \(also slots\[0\]\.name\)/]]);
});

test('an unknown algorithm lists the valid families', () => {
  const all = KEY_FAMILY_NAMES.join(', ');
  const e = assertProblems(slot({ algorithm: 'AES-256-GCM' }), [['slots[0].algorithm', /unknown key family "AES-256-GCM"/]]);
  assert.ok(e.message.includes(`the families are ${all}`));
  assertProblems(slot({ algorithm: 'ed25519' }), [['slots[0].algorithm', /unknown key family "ed25519" \(did you mean "Ed25519"\?\)/]]);
  assertProblems(slot({ algorithm: 256 }), [['slots[0].algorithm', /must be a key family name, not number 256; the families are AES-128/]]);
  assertProblems({ slots: [{ name: 's', permissions: 'all' }] }, [['slots[0].algorithm', /missing \(the key family: AES-128, /]]);
});

test('a bad permissions preset, or a permission name given as a string', () => {
  assertProblems(slot({ permissions: 'everything' }), [['slots[0].permissions', /unknown permissions preset "everything"; the presets are none, data-protection, authentication, full-lifecycle, all \(or give a list/]]);
  assertProblems(slot({ permissions: 'data-protect' }), [['slots[0].permissions', /did you mean "data-protection"\?/]]);
  assertProblems(slot({ permissions: 'sign' }), [['slots[0].permissions', /"sign" is a permission, not a preset: give a list, "permissions": \["sign"\]/]]);
});

test('permissions that are neither a string nor a list', () => {
  assertProblems(slot({ permissions: 0x7ff }), [['slots[0].permissions', /must be a preset name .* or a list of permission names, not number 2047/]]);
  assertProblems(slot({ permissions: { sign: true } }), [['slots[0].permissions', /not an object/]]);
  assertProblems(slot({ permissions: null }), [['slots[0].permissions', /not null/]]);
  assertProblems({ slots: [{ name: 's', algorithm: 'AES-256' }] }, [['slots[0].permissions', /missing/]]);
});

test('a bad permission name in a list is named by its index', () => {
  assertProblems(slot({ permissions: ['sign', 'sgin'] }), [['slots[0].permissions[1]', /unknown permission "sgin" \(did you mean "sign"\?\); the permissions are encrypt, decrypt, wrap, unwrap, sign, verify, mac, agree, derive, export, import/]]);
  assertProblems(slot({ permissions: ['all'] }), [['slots[0].permissions[0]', /"all" is a preset: give it alone/]]);
  assertProblems(slot({ permissions: ['sign', 16] }), [['slots[0].permissions[1]', /must be a permission name .*not number 16/]]);
});

test('a duplicate permission names both indices', () => {
  assertProblems(slot({ permissions: ['sign', 'verify', 'sign'] }), [['slots[0].permissions[2]', /duplicate permission "sign" \(also slots\[0\]\.permissions\[0\]\)/]]);
});

test('a bad persistence', () => {
  assertProblems(slot({ persistence: 'temporary' }), [['slots[0].persistence', /must be "persistent" or "volatile", not the string "temporary"/]]);
  assertProblems(slot({ persistence: true }), [['slots[0].persistence', /not boolean true/]]);
});

test('locked and replace must be booleans, and not both true', () => {
  assertProblems(slot({ locked: 'yes' }), [['slots[0].locked', /must be true or false, not the string "yes"/]]);
  assertProblems(slot({ replace: 1 }), [['slots[0].replace', /must be true or false, not number 1/]]);
  assertProblems(slot({ locked: true, replace: true, key: { generate: true } }), [['slots[0].replace', /a locked slot refuses every store/]]);
});

test('a key with none, several or unknown sources', () => {
  assertProblems(slot({ key: {} }), [['slots[0].key', /needs one of file, env or generate/]]);
  assertProblems(slot({ key: { file: 'keys/aes.bin', env: 'AES_HEX' } }), [['slots[0].key', /has file and env; give exactly one of/]]);
  assertProblems(slot({ key: { file: 'keys/aes.bin', env: 'AES_HEX', generate: true } }), [['slots[0].key', /has file and env and generate/]]);
  assertProblems(slot({ key: 'keys/aes.bin' }), [['slots[0].key', /must be \{ "file": PATH \}, \{ "env": VARIABLE \} or \{ "generate": true \}, not the string/]]);
  assertProblems(slot({ key: { path: 'keys/aes.bin' } }), [
    ['slots[0].key.path', /unknown field; the fields are file, env, generate/],
    ['slots[0].key', /needs one of file, env or generate/],
  ]);
  assertProblems(slot({ key: { generate: false } }), [['slots[0].key.generate', /must be true, not boolean false \(to leave the slot empty, omit key\)/]]);
  assertProblems(slot({ key: { generate: 'yes' } }), [['slots[0].key.generate', /must be true/]]);
  assertProblems(slot({ key: { file: '' } }), [['slots[0].key.file', /must be a non-empty string \(a path\)/]]);
  assertProblems(slot({ key: { env: 5 } }), [['slots[0].key.env', /must be a non-empty string \(the name of an environment variable\), not number 5/]]);
});

test('a missing, unreadable or empty key file names the path', () => {
  const missing = join(tmp, 'keys', 'missing.bin');
  const e = assertProblems(slot({ key: { file: 'keys/missing.bin' } }), [['slots[0].key.file', /cannot read key file .*missing\.bin: no such file/]]);
  assert.ok(e.message.includes(missing), e.message);
  assertProblems(slot({ key: { file: 'keys' } }), [['slots[0].key.file', /key file .*keys is not a regular file/]]);
  assertProblems(slot({ key: { file: 'keys/empty.bin' } }), [['slots[0].key.file', /key file .*empty\.bin is empty/]]);
});

test('an unreadable key file names the path', { skip: process.getuid?.() === 0 ? 'root reads any file' : false }, async () => {
  const file = join(tmp, 'keys', 'secret.bin');
  await writeFile(file, AES256, { mode: 0o000 });
  assertProblems(slot({ key: { file: 'keys/secret.bin' } }), [['slots[0].key.file', new RegExp(`cannot read key file ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: permission denied`)]]);
});

test('a missing, empty or undecodable environment variable', () => {
  assertProblems(slot({ key: { env: 'NOPE' } }), [['slots[0].key.env', /^environment variable NOPE is not set$/]]);
  assertProblems(slot({ key: { env: 'EMPTY' } }), [['slots[0].key.env', /environment variable EMPTY is empty/]]);
  assertProblems(slot({ key: { env: 'NOT_A_KEY' } }), [['slots[0].key.env', /environment variable NOT_A_KEY is neither hex \(an even number of 0-9a-f digits\) nor base64$/]]);
  assertProblems(slot({ key: { env: 'ODD_HEX' } }), [['slots[0].key.env', /neither hex .* nor base64/]]);
  assertProblems(slot({ algorithm: 'Ed25519', key: { env: 'NOT_A_KEY' } }), [['slots[0].key.env', /nor base64 \(nor PEM\)/]]);
});

test('key bytes of the wrong length for a symmetric family', () => {
  assertProblems(slot({ algorithm: 'AES-128', key: { file: 'keys/aes.bin' } }), [['slots[0].key.file', /AES-128 keys are 16 bytes; key file .*aes\.bin has 32 bytes$/]]);
  assertProblems(slot({ algorithm: 'AES-256', key: { env: 'SHORT_HEX' } }), [['slots[0].key.env', /AES-256 keys are 32 bytes; environment variable SHORT_HEX \(hex\) has 16 bytes/]]);
  assertProblems(slot({ algorithm: 'CHACHA20', key: { env: 'SHORT_HEX' } }), [['slots[0].key.env', /CHACHA20 keys are 32 bytes/]]);
  // A hex text file instead of raw bytes gets a hint.
  assertProblems(slot({ key: { file: 'keys/aes.hex' } }), [['slots[0].key.file', /has 65 bytes \(a key file holds the raw key bytes, not hex or base64 text\)/]]);
  assertProblems(slot({ algorithm: 'HMAC-SHA256', key: { env: 'BIG' } }), [['slots[0].key.env', /HMAC-SHA256 keys are 1 to 8192 bytes; .* has 8193 bytes/]], {
    BIG: Buffer.alloc(8193, 7).toString('base64'),
  });
});

test('an asymmetric key that is not a PKCS#8 private key', () => {
  assertProblems(slot({ algorithm: 'ECDSA-P256', key: { file: 'keys/p256.pub.pem' } }), [['slots[0].key.file', /holds a PEM "PUBLIC KEY"; a ECDSA-P256 slot needs an unencrypted private key, PKCS#8/]]);
  assertProblems(slot({ algorithm: 'Ed25519', key: { file: 'keys/junk.bin' } }), [['slots[0].key.file', /is neither PKCS#8 DER nor PEM/]]);
});

test('a volatile slot without a key that could never hold one', () => {
  assertProblems(slot({ persistence: 'volatile', locked: true }), [['slots[0].key', /a volatile, locked slot without a key would stay empty forever/]]);
  assertProblems(slot({ persistence: 'volatile', permissions: ['mac'] }), [['slots[0].key', /needs the import permission/]]);
  // Persistent: the keystore may hold its key already.
  assert.equal(validate(slot({ locked: true, permissions: ['mac'] })).length, 1);
});

test('every problem is reported, one per line, in order; the first names ManifestError.field', () => {
  const m = {
    slots: [
      { name: 'a', algorithm: 'AES-512', permissions: ['sign', 'sign'], persistence: 'ram' },
      { name: 'a', algorithm: 'Ed25519', permissions: 'all', key: { env: 'NOPE' }, extra: 1 },
    ],
    version: 2,
  };
  assertProblems(m, [
    ['version', /unknown field/],
    ['slots[0].algorithm', /unknown key family "AES-512"/],
    ['slots[0].permissions[1]', /duplicate permission/],
    ['slots[0].persistence', /must be "persistent" or "volatile"/],
    ['slots[1].extra', /unknown field/],
    ['slots[1].name', /duplicate slot name "a" \(also slots\[0\]\.name\)/],
    ['slots[1].key.env', /NOPE is not set/],
  ]);
});

test('messages never contain key bytes nor environment values', () => {
  const secretEnv = { ...ENV, K: AES256.subarray(0, 20).toString('hex') };
  const samples: unknown[] = [
    slot({ key: { env: 'K' } }),
    slot({ algorithm: 'AES-128', key: { file: 'keys/aes.bin' } }),
    slot({ algorithm: 'AES-128', key: { file: 'keys/aes.hex' } }),
    slot({ algorithm: 'AES-128', key: { env: 'AES_B64' } }),
    slot({ algorithm: 'AES-128', key: { env: 'P256_PEM' } }),
  ];
  const secrets = [AES256.toString('hex'), AES256.subarray(0, 20).toString('hex'), AES256.toString('base64'), AES256.toString('base64url'), AES256.subarray(0, 8).toString('hex'), P256_PEM.split('\n')[1]!];
  for (const m of samples) {
    let message = '';
    try {
      validate(m, secretEnv);
    } catch (e) {
      message = (e as Error).message;
    }
    assert.notEqual(message, '');
    for (const s of secrets) assert.ok(!message.toLowerCase().includes(s.toLowerCase()), message);
    assert.ok(!message.includes(AES256.toString('latin1')), message);
  }
});

test('parsePermissions: presets, lists, and errors naming the field', () => {
  assert.equal(parsePermissions('none', 'p'), 0);
  assert.equal(parsePermissions('data-protection', 'p'), 0x00f);
  assert.equal(parsePermissions('authentication', 'p'), 0x0f0);
  assert.equal(parsePermissions('full-lifecycle', 'p'), 0x700);
  assert.equal(parsePermissions('all', 'p'), 0x7ff);
  assert.equal(parsePermissions([], 'p'), 0);
  assert.equal(parsePermissions(['sign', 'verify'], 'p'), 0x30);
  assert.equal(parsePermissions(['encrypt', 'decrypt', 'wrap', 'unwrap', 'sign', 'verify', 'mac', 'agree', 'derive', 'export', 'import'], 'p'), 0x7ff);
  assert.throws(() => parsePermissions(['sign', 'nope'], 'cfg.perms'), (e: unknown) => e instanceof ManifestError && e.field === 'cfg.perms[1]');
  assert.throws(() => parsePermissions('toString', 'cfg.perms'), (e: unknown) => e instanceof ManifestError && e.field === 'cfg.perms' && /unknown permissions preset "toString"/.test(e.message));
  assert.throws(() => parsePermissions(['constructor'], 'x'), /unknown permission "constructor"/);
  assert.deepEqual(PERMISSION_BITS, { encrypt: 0x1, decrypt: 0x2, wrap: 0x4, unwrap: 0x8, sign: 0x10, verify: 0x20, mac: 0x40, agree: 0x80, derive: 0x100, export: 0x200, import: 0x400 });
  assert.deepEqual(PRESETS, { none: 0, 'data-protection': 0x00f, authentication: 0x0f0, 'full-lifecycle': 0x700, all: 0x7ff });
});

// ---------------------------------------------------------------------------------------------
// Valid manifests

test('the example of docs/key-management.md, from a file with a relative key path', async () => {
  const dir = join(tmp, 'example');
  await mkdir(join(dir, 'keys'), { recursive: true });
  await writeFile(join(dir, 'keys', 'ecu.pk8'), P256.privateKey.export({ type: 'pkcs8', format: 'der' }));
  const file = join(dir, 'slots.json');
  await writeFile(
    file,
    JSON.stringify({
      slots: [
        { name: 'vehicle/aes', algorithm: 'AES-256', permissions: 'data-protection', key: { generate: true } },
        { name: 'ecu-sign', algorithm: 'ECDSA-P256', permissions: ['sign', 'verify'], key: { file: 'keys/ecu.pk8' }, locked: true },
        { name: 'session', algorithm: 'HMAC-SHA256', permissions: ['mac', 'import'], persistence: 'volatile', replace: true },
      ],
    }),
  );
  // The key path is relative to the manifest's folder, not to the working directory.
  const specs = loadManifestFile(file, {});
  assert.equal(specs.length, 3);
  assert.deepEqual(specs[0], { name: 'vehicle/aes', family: 'AES-256', permissions: 0x00f, persistence: 'persistent', key: { kind: 'generate' }, locked: false, replace: false });
  const ecu = specs[1]!;
  assert.equal(ecu.family, 'ECDSA-P256');
  assert.equal(ecu.permissions, 0x30);
  assert.equal(ecu.locked, true);
  assert.ok(ecu.key.kind === 'bytes');
  assert.deepEqual(Buffer.from(ecu.key.bytes), P256.privateKey.export({ type: 'pkcs8', format: 'der' }));
  assert.equal(ecu.key.source, `file ${join(dir, 'keys', 'ecu.pk8')}`);
  assert.deepEqual(specs[2], { name: 'session', family: 'HMAC-SHA256', permissions: 0x440, persistence: 'volatile', key: { kind: 'none' }, locked: false, replace: true });
});

test('file keys: raw symmetric bytes, PKCS#8 DER and PEM passed through unchanged; absolute paths', () => {
  const specs = validate({
    slots: [
      { name: 'aes', algorithm: 'AES-256', permissions: 'all', key: { file: 'keys/aes.bin' } },
      { name: 'ed', algorithm: 'Ed25519', permissions: ['sign'], key: { file: join(tmp, 'keys', 'ecu.pk8') } },
      { name: 'p256', algorithm: 'ECDSA-P256', permissions: ['sign'], key: { file: './keys/p256.pem' } },
    ],
  });
  const bytes = specs.map((s) => (s.key.kind === 'bytes' ? Buffer.from(s.key.bytes) : undefined));
  assert.deepEqual(bytes, [AES256, ED25519_DER, Buffer.from(P256_PEM)]);
});

test('env keys: hex (either case), base64, base64url, and PEM or base64 DER for asymmetric families', () => {
  const names = ['AES_HEX', 'AES_HEX_UPPER', 'AES_B64', 'AES_B64URL'];
  const specs = validate({ slots: names.map((env) => ({ name: env, algorithm: 'AES-256', permissions: 'all', key: { env } })) });
  for (const s of specs) {
    assert.ok(s.key.kind === 'bytes');
    assert.deepEqual(Buffer.from(s.key.bytes), AES256);
    assert.equal(s.key.source, `environment variable ${s.name}`);
  }
  const unpadded = validate(slot({ algorithm: 'HMAC-SHA512', key: { env: 'K' } }), { K: 'AAAA' + 'AQ' })[0]!; // 4 bytes, unpadded base64
  assert.ok(unpadded.key.kind === 'bytes');
  assert.deepEqual([...unpadded.key.bytes], [0, 0, 0, 1]);
  const [ed, p256] = validate({
    slots: [
      { name: 'ed', algorithm: 'Ed25519', permissions: 'all', key: { env: 'ED_B64' } },
      { name: 'p', algorithm: 'ECDSA-P256', permissions: 'all', key: { env: 'P256_PEM' } },
    ],
  });
  assert.ok(ed?.key.kind === 'bytes' && p256?.key.kind === 'bytes');
  assert.deepEqual(Buffer.from(ed.key.bytes), ED25519_DER);
  assert.equal(Buffer.from(p256.key.bytes).toString(), P256_PEM);
});

test('defaults, generate with locked, every family, HMAC key length bounds, an empty slot list, $schema', () => {
  assert.deepEqual(validate({ slots: [] }), []);
  assert.deepEqual(validate({ $schema: '../schemas/slot-manifest.schema.json', slots: [] }), []);
  const [g] = validate(slot({ key: { generate: true }, locked: true, persistence: 'volatile' }));
  assert.deepEqual(g, { name: 's', family: 'AES-256', permissions: 0x7ff, persistence: 'volatile', key: { kind: 'generate' }, locked: true, replace: false });
  const every = validate({ slots: KEY_FAMILY_NAMES.map((f) => ({ name: f, algorithm: f, permissions: 'none' })) });
  assert.deepEqual(every.map((s) => s.family), [...KEY_FAMILY_NAMES]);
  for (const n of [1, 8192]) {
    const [s] = validate(slot({ algorithm: 'HMAC-SHA384', key: { env: 'K' } }), { K: Buffer.alloc(n, 1).toString('hex') });
    assert.ok(s?.key.kind === 'bytes' && s.key.bytes.length === n);
  }
});

test('loadManifestFile: missing file, a directory, invalid JSON, a byte-order mark', async () => {
  const missing = join(tmp, 'nope.json');
  assert.throws(() => loadManifestFile(missing, {}), (e: unknown) => e instanceof ManifestError && e.field === '$' && e.message === `$: cannot read the slot manifest ${missing}: no such file`);
  assert.throws(() => loadManifestFile(tmp, {}), /cannot read the slot manifest .*: is a directory/);
  const bad = join(tmp, 'bad.json');
  await writeFile(bad, '{ "slots": [ }');
  assert.throws(() => loadManifestFile(bad, {}), (e: unknown) => e instanceof ManifestError && e.field === '$' && e.message.startsWith(`$: the slot manifest ${bad} is not valid JSON (`));
  const bom = join(tmp, 'bom.json');
  await writeFile(bom, '\ufeff{ "slots": [] }');
  assert.deepEqual(loadManifestFile(bom, {}), []);
  const env = join(tmp, 'env.json');
  await writeFile(env, JSON.stringify(slot({ key: { env: 'MY_KEY' } })));
  const [s] = loadManifestFile(env, { MY_KEY: AES256.toString('hex') });
  assert.ok(s?.key.kind === 'bytes');
});

// ---------------------------------------------------------------------------------------------
// The schema and the code agree

interface JsonSchema {
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  type?: string;
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean;
  items?: JsonSchema;
  uniqueItems?: boolean;
  minLength?: number;
  oneOf?: JsonSchema[];
  [k: string]: unknown;
}

/** Evaluates the JSON Schema keywords the manifest schema uses (and refuses any other). */
function schemaValid(schema: JsonSchema, value: unknown, root: JsonSchema = schema): boolean {
  const known = new Set(['$schema', '$id', '$comment', 'title', 'description', 'default', '$defs', '$ref', 'type', 'enum', 'const', 'properties', 'required', 'additionalProperties', 'items', 'uniqueItems', 'minLength', 'oneOf']);
  for (const k of Object.keys(schema)) if (!known.has(k)) throw new Error(`the test's schema evaluator does not know ${k}`);
  if (schema.$ref !== undefined) {
    const m = /^#\/\$defs\/(.+)$/.exec(schema.$ref);
    const target = m ? root.$defs?.[m[1]!] : undefined;
    if (!target) throw new Error(`unresolved ${schema.$ref}`);
    if (!schemaValid(target, value, root)) return false;
  }
  if (schema.type !== undefined) {
    const t = Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
    if (t !== schema.type) return false;
  }
  if (schema.enum !== undefined && !schema.enum.includes(value)) return false;
  if ('const' in schema && value !== schema.const) return false;
  if (schema.minLength !== undefined && typeof value === 'string' && [...value].length < schema.minLength) return false;
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const obj = value as Record<string, unknown>;
    for (const r of schema.required ?? []) if (!Object.hasOwn(obj, r)) return false;
    for (const [k, v] of Object.entries(obj)) {
      const sub = schema.properties?.[k];
      if (sub !== undefined) {
        if (!schemaValid(sub, v, root)) return false;
      } else if (schema.additionalProperties === false) return false;
    }
  }
  if (Array.isArray(value)) {
    if (schema.items !== undefined && !value.every((v) => schemaValid(schema.items!, v, root))) return false;
    if (schema.uniqueItems === true && new Set(value.map((v) => JSON.stringify(v))).size !== value.length) return false;
  }
  if (schema.oneOf !== undefined && schema.oneOf.filter((s) => schemaValid(s, value, root)).length !== 1) return false;
  return true;
}

function codeValid(manifest: unknown): boolean {
  try {
    validate(manifest);
    return true;
  } catch (e) {
    if (e instanceof ManifestError) return false;
    throw e;
  }
}

test('the schema lists exactly the families, permissions, presets and persistences of the code', () => {
  const defs = SCHEMA.$defs!;
  assert.equal(SCHEMA.$schema, 'https://json-schema.org/draft/2020-12/schema');
  assert.deepEqual(defs['family']!.enum, [...KEY_FAMILY_NAMES]);
  assert.deepEqual([...KEY_FAMILY_NAMES].sort(), Object.keys(KEY_FAMILIES).sort(), 'the core serves every family');
  assert.deepEqual(defs['permission']!.enum, [...PERMISSION_NAMES]);
  assert.deepEqual(defs['permission']!.enum, Object.keys(PERMISSION_BITS));
  assert.deepEqual(defs['preset']!.enum, Object.keys(PRESETS));
  const slotProps = defs['slot']!.properties!;
  assert.deepEqual(slotProps['persistence']!.enum, ['persistent', 'volatile']);
  assert.equal(slotProps['persistence']!.default, 'persistent');
  assert.deepEqual(Object.keys(slotProps), ['name', 'algorithm', 'permissions', 'persistence', 'key', 'locked', 'replace']);
  assert.deepEqual(defs['slot']!.required, ['name', 'algorithm', 'permissions']);
  assert.deepEqual(Object.keys(SCHEMA.properties!), ['$schema', 'slots', 'certificates']);
  // The symmetric families are the ones with key lengths.
  assert.deepEqual(Object.keys(SYMMETRIC_KEY_BYTES), ['AES-128', 'AES-256', 'CHACHA20', 'HMAC-SHA256', 'HMAC-SHA384', 'HMAC-SHA512']);
  // additionalProperties is false on every object schema.
  const objects: JsonSchema[] = [];
  const walk = (s: unknown): void => {
    if (typeof s !== 'object' || s === null) return;
    if ((s as JsonSchema).type === 'object') objects.push(s as JsonSchema);
    for (const v of Object.values(s)) walk(v);
  };
  walk(SCHEMA);
  assert.ok(objects.length >= 5);
  for (const o of objects) assert.equal(o.additionalProperties, false, JSON.stringify(o).slice(0, 80));
});

test('the schema and the validator accept and refuse the same samples', () => {
  const base = { name: 's', algorithm: 'AES-256', permissions: 'all' };
  const one = (fields: Record<string, unknown>, drop: string[] = []) => {
    const s: Record<string, unknown> = { ...base, ...fields };
    for (const d of drop) delete s[d];
    return { slots: [s] };
  };
  const samples: unknown[] = [
    { slots: [] },
    { $schema: 'x', slots: [] },
    { $schema: 1, slots: [] },
    {},
    [],
    'slots',
    { slots: {} },
    { slots: [], more: 1 },
    { slots: [1] },
    one({}),
    one({}, ['name']),
    one({}, ['algorithm']),
    one({}, ['permissions']),
    one({ name: '' }),
    one({ name: 3 }),
    one({ extra: true }),
    ...KEY_FAMILY_NAMES.map((algorithm) => one({ algorithm })),
    one({ algorithm: 'AES-512' }),
    one({ algorithm: 'aes-256' }),
    ...Object.keys(PRESETS).map((permissions) => one({ permissions })),
    ...PERMISSION_NAMES.map((p) => one({ permissions: [p] })),
    one({ permissions: PERMISSION_NAMES }),
    one({ permissions: [] }),
    one({ permissions: 'sign' }),
    one({ permissions: 'bogus' }),
    one({ permissions: ['all'] }),
    one({ permissions: ['sign', 'sign'] }),
    one({ permissions: ['sign', 1] }),
    one({ permissions: 3 }),
    one({ persistence: 'persistent' }),
    one({ persistence: 'volatile' }),
    one({ persistence: 'disk' }),
    one({ locked: true }),
    one({ locked: false, replace: true }),
    one({ locked: 'no' }),
    one({ replace: null }),
    one({ key: { generate: true } }),
    one({ key: { generate: false } }),
    one({ key: { generate: 1 } }),
    one({ key: { file: 'keys/aes.bin' } }),
    one({ key: { file: '' } }),
    one({ key: { file: 7 } }),
    one({ key: { env: 'AES_HEX' } }),
    one({ key: { env: '' } }),
    one({ key: {} }),
    one({ key: { file: 'keys/aes.bin', env: 'AES_HEX' } }),
    one({ key: { env: 'AES_HEX', generate: true } }),
    one({ key: { generate: true, other: 1 } }),
    one({ key: 'keys/aes.bin' }),
    one({ key: null }),
  ];
  let accepted = 0;
  for (const m of samples) {
    const bySchema = schemaValid(SCHEMA, m);
    assert.equal(codeValid(m), bySchema, `${JSON.stringify(m)}: schema says ${bySchema ? 'valid' : 'invalid'}`);
    if (bySchema) accepted++;
  }
  assert.ok(accepted > 30 && accepted < samples.length - 20, `${accepted} of ${samples.length} accepted`);
  // What only the code checks (the schema cannot): the schema accepts these, the validator does not.
  const codeOnly: unknown[] = [
    { slots: [base, base] },
    one({ locked: true, replace: true }),
    one({ persistence: 'volatile', locked: true }),
    one({ persistence: 'volatile', permissions: ['mac'] }),
    one({ key: { file: 'keys/missing.bin' } }),
    one({ key: { env: 'NOPE' } }),
    one({ key: { env: 'NOT_A_KEY' } }),
    one({ algorithm: 'AES-128', key: { env: 'AES_HEX' } }),
    one({ algorithm: 'Ed25519', key: { file: 'keys/junk.bin' } }),
  ];
  for (const m of codeOnly) {
    assert.equal(schemaValid(SCHEMA, m), true, JSON.stringify(m));
    assert.equal(codeValid(m), false, JSON.stringify(m));
  }
});
