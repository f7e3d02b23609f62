/**
 * The limbo harness CLI (npm run limbo): final tally line, exit codes, --filter, --json in
 * limbo's LimboResult format, and the wall-clock limit that turns a hang into HANG.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.join(here, '..', '..', '..');
const file = process.env['LIMBO_CORE'] ?? path.join(repo, 'tests', 'vectors', 'x509-limbo', 'limbo-core.json');
const skip = existsSync(file) ? false : `${file} is not present`;

function limbo(...args: string[]): { code: number | null; out: string } {
  const r = spawnSync(process.execPath, [path.join(repo, 'scripts', 'limbo.mjs'), file, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout + r.stderr };
}

test('--filter and --json: LimboResult with one result per selected case', { skip }, () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'limbo-'));
  try {
    const out = path.join(dir, 'r.json');
    const r = limbo('--filter', 'crl::', '--json', out);
    assert.equal(r.code, 0, r.out);
    const lines = r.out.trim().split('\n');
    assert.equal(lines[lines.length - 1], '8 passed, 0 failed, 0 skipped');
    const json = JSON.parse(readFileSync(out, 'utf8')) as { version: number; harness: string; results: { id: string; actual_result: string; context: string | null }[] };
    assert.equal(json.version, 1);
    assert.equal(json.results.length, 8);
    const revoked = json.results.find((x) => x.id === 'crl::revoked-certificate-with-crl')!;
    assert.equal(revoked.actual_result, 'FAILURE');
    assert.match(revoked.context ?? '', /^revoked: /);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a case that never returns is reported as HANG, counts as failed, and the run goes on', { skip }, () => {
  const verifier = path.join(here, 'support', 'hang-verifier.js');
  const dir = mkdtempSync(path.join(tmpdir(), 'limbo-'));
  const out = path.join(dir, 'r.json');
  const r = limbo('--filter', 'pathlen::max-chain-depth-', '--verifier', verifier, '--timeout', '1500', '--json', out);
  const json = JSON.parse(readFileSync(out, 'utf8')) as { results: { id: string; actual_result: string }[] };
  rmSync(dir, { recursive: true, force: true });
  assert.equal(json.results.find((x) => x.id === 'pathlen::max-chain-depth-0')?.actual_result, 'HANG');
  assert.equal(r.code, 1, r.out);
  assert.match(r.out, /FAIL pathlen::max-chain-depth-0: expected SUCCESS, got HANG \(no result within 1500 ms\)/);
  const lines = r.out.trim().split('\n');
  // the four other max-chain-depth cases still ran, in a fresh worker
  assert.equal(lines[lines.length - 1], '4 passed, 1 failed, 0 skipped');
});

test('a fixed profile skips the conflicts_with partner of the other profile', { skip }, () => {
  const r = limbo('--filter', 'ee-without-eku', '--profile', 'rfc5280');
  assert.equal(r.code, 0, r.out);
  assert.match(r.out, /SKIP webpki::eku::ee-without-eku: feature pedantic-webpki-eku|SKIP webpki::eku::ee-without-eku: conflicts_with rfc5280::eku::ee-without-eku/);
  const lines = r.out.trim().split('\n');
  assert.equal(lines[lines.length - 1], '1 passed, 0 failed, 1 skipped');
});
