/**
 * End-to-end test of the hash-sign example (guest-examples/js/hash-sign): both builds of it
 * (StarlingMonkey and QuickJS) run through the CLI, `node bin/wasi-crypto.js run …`, as a child
 * process, and every line they print is compared with the published test vectors below.
 *
 * The components are built by `npm run build-guests` (run by `npm install`); if they are missing
 * the tests fail and say so.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: this file runs from build/tests/components/. */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CLI = join(ROOT, 'bin', 'wasi-crypto.js');
const BUILD = join(ROOT, 'guest-examples', 'js', 'hash-sign', 'build');

// Published vectors, copied from their sources (not from the host's output).
/** FIPS 180-2, appendix B.1: SHA-256("abc"). */
const SHA256_ABC = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
/** RFC 4231 §4.3, test case 2: HMAC-SHA-256, key "Jefe", data "what do ya want for nothing?". */
const HMAC_SHA256_RFC4231_TC2 = '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843';
/** McGrew & Viega, GCM specification, test case 14: K = 0^256, IV = 0^96, P = 0^128, no AAD. */
const GCM_TC14_C = 'cea7403d4d606b6e074ec5d3baf39d18';
const GCM_TC14_T = 'd0d1c8a799996bf0265b98b5d48ab919';
/** RFC 8032 §7.1, TEST 1: the Ed25519 signature of the empty message. */
const ED25519_RFC8032_TEST1 =
  'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b';

const EXPECTED = [
  `SHA-256("abc") = ${SHA256_ABC}`,
  'SHA-256 state (open/absorb/squeeze) == one-shot: ok',
  'SHA-256 == FIPS 180-2 B.1: ok',
  `HMAC-SHA-256(RFC 4231 #2) = ${HMAC_SHA256_RFC4231_TC2}`,
  'HMAC-SHA-256 state (absorb/squeeze-tag) == key.mac: ok',
  'HMAC-SHA-256 tag verify: ok',
  'HMAC-SHA-256 tag verify (wrong tag): invalid-tag',
  'HMAC-SHA-256 == RFC 4231 #2: ok',
  `AES-256-GCM(NIST #14) = ${GCM_TC14_C}${GCM_TC14_T}`,
  'AES-256-GCM state encrypt == key.seal: ok',
  'AES-256-GCM open round-trips: ok',
  'AES-256-GCM state decrypt round-trips: ok',
  'AES-256-GCM open (tampered ciphertext): invalid-tag',
  'AES-256-GCM == NIST #14: ok',
  `Ed25519(RFC 8032 #1) = ${ED25519_RFC8032_TEST1}`,
  'Ed25519 state (update/sign) == one-shot: ok',
  'Ed25519 verify: ok',
  'Ed25519 verify (state): ok',
  'Ed25519 verify (modified message): verification-failed',
  'Ed25519 == RFC 8032 #1: ok',
  'hash-sign: all checks passed',
];

interface Result {
  status: number | null;
  stdout: string;
  stderr: string;
}

let cacheDir: string;

before(async () => {
  cacheDir = await mkdtemp(join(tmpdir(), 'wasi-crypto-hash-sign-'));
});
after(async () => {
  await rm(cacheDir, { recursive: true, force: true });
});

function cli(args: string[]): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: ROOT,
      env: { ...process.env, WASI_CRYPTO_CACHE_DIR: cacheDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

function component(engine: 'sm' | 'qjs'): string {
  const path = join(BUILD, `hash-sign.${engine}.wasm`);
  assert.ok(
    existsSync(path),
    `${path} is missing: the guest components are not built; run \`npm run build-guests\``,
  );
  return path;
}

for (const [engine, label] of [
  ['sm', 'StarlingMonkey'],
  ['qjs', 'QuickJS'],
] as const) {
  test(`hash-sign (${label}, ${engine}.wasm) prints the published SHA-256, HMAC, AES-GCM and Ed25519 vectors`, async () => {
    const r = await cli(['run', '--quiet', component(engine)]);
    assert.equal(r.stderr, '', 'nothing on stderr');
    assert.equal(r.status, 0, `exit code\n${r.stdout}`);
    assert.ok(r.stdout.endsWith('\n'), 'the output ends with a newline');
    assert.deepEqual(r.stdout.split('\n').slice(0, -1), EXPECTED);
  });
}
