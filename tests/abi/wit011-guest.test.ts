/**
 * End-to-end test of the wasi:crypto@0.11.0 guest (guest-examples/js/wit011, QuickJS): a component
 * built against the upstream WIT (wit-upstream/0.11.0), run unchanged
 *  - through the CLI, `node bin/wasi-crypto.js run …`, as a child process (exit code 0), and
 *  - through the embedding API, on one host instance beside a guest built against our own
 *    `wasi:crypto@0.12.0-draft` (the hash-sign example), so one host serves both packages.
 * Every line the guest prints is compared with the published vectors below (FIPS 180-2, RFC 4231,
 * NIST GCM, RFC 8032, RFC 6979, RFC 7748), copied from their sources, not from the host's output.
 *
 * The components are built by `npm run build-guests` (run by `npm install`; QuickJS comes from npm,
 * so there is no toolchain to miss); if they are missing the tests fail and say so.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createPublicKey, verify as nodeVerify } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCryptoHost } from '../../host/src/index.js';
import { type LoadedComponent, loadComponent, run, RuntimeError } from '../../host/src/runtime/index.js';

/** The repository root: this file runs from build/tests/abi/. */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CLI = join(ROOT, 'bin', 'wasi-crypto.js');
const GUEST = join(ROOT, 'guest-examples', 'js', 'wit011', 'build', 'wit011.qjs.wasm');
const BATCH_GUEST = join(ROOT, 'guest-examples', 'js', 'wit011', 'build', 'wit011-batch.qjs.wasm');
const HASH_SIGN = join(ROOT, 'guest-examples', 'js', 'hash-sign', 'build', 'hash-sign.qjs.wasm');

/** FIPS 180-2, appendix B.1: SHA-256("abc"). */
const SHA256_ABC = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
/** RFC 4231 §4.2, test case 1: HMAC-SHA-256, key 0x0b × 20, data "Hi There". */
const HMAC_RFC4231_TC1 = 'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7';
/** McGrew & Viega, GCM specification, test case 14: K = 0^256, IV = 0^96, P = 0^128 → C ‖ T. */
const GCM_TC14 = 'cea7403d4d606b6e074ec5d3baf39d18' + 'd0d1c8a799996bf0265b98b5d48ab919';
/** RFC 8032 §7.1, TEST 1. */
const ED25519_TEST1 =
  'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b';
/** RFC 7748 §6.1: the X25519 shared secret of Alice and Bob. */
const X25519_SHARED = '4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742';
/** RFC 6979 §A.2.5 (P-256, SHA-256, "sample"): public key U and signature r‖s, as the guest embeds them. */
const P256_U =
  '04' + '60fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6' + '7903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299';
const P256_SIG =
  'efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716' + 'f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8';

const EXPECTED = [
  `SHA-256("abc") = ${SHA256_ABC}`,
  'SHA-256("abc") == FIPS 180-2 B.1: ok',
  'SHA-256 clone continues independently: ok',
  'SHA-256 opened with a key: key-not-supported',
  'HMAC-SHA-256 tag length: ok',
  `HMAC-SHA-256(RFC 4231 #1) = ${HMAC_RFC4231_TC1}`,
  'HMAC-SHA-256 == RFC 4231 #1: ok',
  'symmetric-tag-pull twice (consumed handle): refused',
  'HMAC-SHA-256 verify (RFC 4231 #2): ok',
  'HMAC-SHA-256 verify (wrong tag): invalid-tag',
  'AES-256-GCM max tag length: ok',
  `AES-256-GCM(NIST #14) = ${GCM_TC14}`,
  'AES-256-GCM seal == NIST #14: ok',
  'AES-256-GCM second encryption with one nonce: nonce-required',
  'AES-256-GCM open round-trips: ok',
  'AES-256-GCM open with a wrong out-len: invalid-tag',
  'AES-256-GCM open with out-len beyond the input: overflow',
  'AES-256-GCM open (tampered ciphertext): invalid-tag',
  'AES-256-GCM open (detached tag): ok',
  'AES-256-GCM encrypt-detached == NIST #14: ok',
  'AES-256-GCM state with an HMAC key (wrong key): invalid-key',
  'AES-256-GCM state without a nonce: nonce-required',
  `Ed25519(RFC 8032 #1) = ${ED25519_TEST1}`,
  'Ed25519 sign == RFC 8032 #1: ok',
  'Ed25519 public key == RFC 8032 #1: ok',
  'Ed25519 verify: ok',
  'Ed25519 verify (modified message): verification-failed',
  'Ed25519 verify (wrong public key): verification-failed',
  'ECDSA P-256 verify (RFC 6979 A.2.5): ok',
  'ECDSA P-256 verify (modified message): verification-failed',
  'ECDSA P-256 DER round trip: ok',
  'ECDSA P-256 raw signature is r||s (64 bytes): ok',
  'ECDSA P-256 sign/verify: ok',
  'X25519 public key from secret key == RFC 7748 6.1: ok',
  `X25519(RFC 7748 6.1) = ${X25519_SHARED}`,
  'X25519 shared secret == RFC 7748 6.1 (both sides): ok',
  'X25519 DH with an Ed25519 public key (wrong key): incompatible-keys',
  'symmetric-state-open("SHA-1024") (unknown algorithm): unsupported-algorithm',
  'keypair-generate("Ed448") (unknown algorithm): unsupported-algorithm',
  'symmetric-key-import("NOPE") (unknown algorithm): unsupported-algorithm',
  'options-set("no-such-option"): unsupported-option',
  'symmetric-state-absorb on a closed state (bad handle): refused',
  'symmetric-state-absorb on a key handle (wrong handle type): refused',
  'array-output-pull twice (consumed handle): refused',
  'external-secret-replace (no secret id in 0.11.0): unsupported-feature',
  'wit011: all checks passed',
];

/** What the batch guest prints: every batch function answers not-implemented, and borrows only. */
const EXPECTED_BATCH = [
  'batch-symmetric-state-squeeze: not-implemented',
  'batch-symmetric-state-squeeze-tag: not-implemented',
  'batch-symmetric-state-encrypt: not-implemented',
  'batch-symmetric-state-encrypt-detached: not-implemented',
  'batch-symmetric-state-decrypt: not-implemented',
  'batch-symmetric-state-decrypt-detached: not-implemented',
  'a state passed to a batch function still works (SHA-256("abc")): ok',
  'batch-signature-state-sign: not-implemented',
  'batch-signature-state-verify: not-implemented',
  'states passed to a batch function still work (Ed25519 verify): ok',
  'wit011-batch: all checks passed',
];

let tmp: string;
let loaded: Promise<LoadedComponent> | undefined;

before(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'wasi-crypto-wit011-'));
});
after(async () => {
  await rm(tmp, { recursive: true, force: true });
});

function requireBuilt(file: string): void {
  assert.ok(existsSync(file), `${file} is missing: the guest components are not built; run \`npm run build-guests\``);
}

function guest(): Promise<LoadedComponent> {
  requireBuilt(GUEST);
  loaded ??= loadComponent(GUEST, { cacheDir: join(tmp, 'cache') });
  return loaded;
}

function lines(chunks: Uint8Array[]): string[] {
  return Buffer.concat(chunks)
    .toString('utf8')
    .split('\n')
    .filter((l) => l !== '');
}

test('the RFC 6979 vector the guest embeds verifies under node:crypto (independent check of the constants)', () => {
  const x = Buffer.from(P256_U.slice(2, 66), 'hex').toString('base64url');
  const y = Buffer.from(P256_U.slice(66), 'hex').toString('base64url');
  const key = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x, y }, format: 'jwk' });
  const ok = nodeVerify('sha256', Buffer.from('sample'), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(P256_SIG, 'hex'));
  assert.equal(ok, true);
});

test('the 0.11.0 guest imports every wasi:crypto@0.11.0 interface under the unversioned keys the glue reads', async () => {
  const component = await guest();
  const crypto = component.imports.filter((i) => i.key.startsWith('wasi:crypto/'));
  assert.deepEqual(
    crypto.map((i) => `${i.key} <- ${i.name}`).sort(),
    ['asymmetric-common', 'common', 'external-secrets', 'kx', 'signatures', 'symmetric'].map(
      (n) => `wasi:crypto/wasi-ephemeral-crypto-${n} <- wasi:crypto/wasi-ephemeral-crypto-${n}@0.11.0`,
    ),
  );
  using host = createCryptoHost();
  const offered = host.getImportObject() as unknown as Record<string, unknown>;
  for (const { key } of crypto) assert.ok(offered[key], `the host offers ${key}`);
  // Our own interfaces are still there under their own (non-colliding) names.
  for (const n of ['common', 'symmetric', 'asymmetric-common', 'signatures', 'kx', 'external-secrets', 'key-slots']) {
    assert.ok(offered[`wasi:crypto/${n}`], `the host still offers wasi:crypto/${n}`);
  }
});

/** `node bin/wasi-crypto.js run <component>` as a child process. */
function cli(component: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'run', component], {
      env: { ...process.env, WASI_CRYPTO_CACHE_DIR: join(tmp, 'cli-cache') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

test('wasi-crypto run runs the 0.11.0 guest: exit code 0, every line as published', async () => {
  requireBuilt(GUEST);
  const result = await cli(GUEST);
  assert.equal(result.status, 0, `exit code ${result.status}; stderr: ${result.stderr}\nstdout: ${result.stdout}`);
  assert.deepEqual(result.stdout.split('\n').filter((l) => l !== ''), EXPECTED);
});

test('wasi-crypto run runs a 0.11.0 guest that imports the batch interfaces: each answers not-implemented', async () => {
  requireBuilt(BATCH_GUEST);
  const result = await cli(BATCH_GUEST);
  assert.equal(result.status, 0, `exit code ${result.status}; stderr: ${result.stderr}\nstdout: ${result.stdout}`);
  assert.deepEqual(result.stdout.split('\n').filter((l) => l !== ''), EXPECTED_BATCH);
});

test('embedding API: one host runs the 0.11.0 guest and a 0.12.0-draft guest, each getting its own functions', async () => {
  requireBuilt(HASH_SIGN);
  const component = await guest();
  const hashSign = await loadComponent(HASH_SIGN, { cacheDir: join(tmp, 'cache') });
  using host = createCryptoHost();
  const imports = host.getImportObject();

  const out011: Uint8Array[] = [];
  assert.equal(await run(component, { imports, stdout: (c) => out011.push(Uint8Array.from(c)) }), 0);
  assert.deepEqual(lines(out011), EXPECTED);

  const out012: Uint8Array[] = [];
  assert.equal(await run(hashSign, { imports, stdout: (c) => out012.push(Uint8Array.from(c)) }), 0);
  assert.equal(lines(out012).at(-1), 'hash-sign: all checks passed');

  // And the 0.11.0 guest again after the other one, on the same host.
  const again: Uint8Array[] = [];
  assert.equal(await run(component, { imports, stdout: (c) => again.push(Uint8Array.from(c)) }), 0);
  assert.deepEqual(lines(again), EXPECTED);
});

test('embedding API: versioned 0.11.0 keys work too; a host without the 0.11.0 interfaces is refused by name', async () => {
  const component = await guest();
  using host = createCryptoHost();
  const all = host.getImportObject() as unknown as Record<string, unknown>;
  const versioned: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(all)) if (k.includes('wasi-ephemeral-crypto-')) versioned[`${k}@0.11.0`] = v;
  const chunks: Uint8Array[] = [];
  assert.equal(await run(component, { imports: versioned, stdout: (c) => chunks.push(Uint8Array.from(c)) }), 0);
  assert.equal(lines(chunks).at(-1), 'wit011: all checks passed');

  const only012: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(all)) if (!k.includes('wasi-ephemeral-crypto-')) only012[k] = v;
  await assert.rejects(
    run(component, { imports: only012 }),
    (e: unknown) => e instanceof RuntimeError && e.code === 'missing-import' && /wasi:crypto\/wasi-ephemeral-crypto-[a-z-]+@0\.11\.0/.test(e.message),
  );
  // A 0.11.0 version the host does not serve (the versioned keys name 0.11.0 only) is refused too.
  const wrongVersion: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(versioned)) wrongVersion[k.replace('@0.11.0', '@0.10.0')] = v;
  await assert.rejects(run(component, { imports: wrongVersion }), (e: unknown) => e instanceof RuntimeError && e.code === 'missing-import');
});

test('the 0.11.0 guest leaves no live handle and no unwiped key in its host', async () => {
  const component = await guest();
  using host = createCryptoHost();
  assert.equal(await run(component, { imports: host.getImportObject(), stdout: () => {} }), 0);
  const stats = host.stats();
  assert.equal(stats.handles.total, 0, `live handles: ${JSON.stringify(stats.handles.byKind)}`);
  assert.equal(stats.liveKeyMaterials, 0);
});
