/**
 * End to end (issue 10): a QuickJS guest (tests/components/guests/certificates) verifies a
 * leaf-first chain against a trust-store slot provisioned by the manifest, then verifies a
 * signature with the leaf certificate's public key; afterwards the host holds no live handle.
 * Fixtures are made with @peculiar/x509 over WebCrypto; the signature is WebCrypto's.
 *
 * The guest is built by `npm run build-guests` (run by `npm install`); if it is missing the tests
 * fail and say so.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { createCryptoHost, validateManifest } from '../../host/src/index.js';
import type { CertificateProvisioning } from '../../host/src/slots/cert-manifest.js';
import { type LoadedComponent, loadComponent, run } from '../../host/src/runtime/index.js';
import { EC, issue, type Issued, NOW, pem, pkcs8, root, signRaw } from './fixtures.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const GUEST = join(ROOT, 'tests', 'components', 'guests', 'certificates', 'build', 'certificates.qjs.wasm');
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

let tmp: string;
let loaded: Promise<LoadedComponent> | undefined;
let ca: Issued;
let stranger: Issued;
let inter: Issued;
let leaf: Issued;
const message = new TextEncoder().encode('firmware image 4.2.0 for ECU 17');
let signature: Uint8Array;
let leafKey: Uint8Array;

before(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'wasi-crypto-cert-e2e-'));
  ca = await root('CN=Backend Root CA, O=Example');
  stranger = await root('CN=Someone Else');
  inter = await issue(ca, 'CN=Backend Issuing CA, O=Example', { ca: true });
  leaf = await issue(inter, 'CN=backend.example.com, O=Example', { san: [{ type: 'dns', value: 'backend.example.com' }] });
  signature = await signRaw(leaf.keys.privateKey, EC, message);
  leafKey = await pkcs8(leaf.keys.privateKey);
});
after(() => rmSync(tmp, { recursive: true, force: true }));

function guest(): Promise<LoadedComponent> {
  assert.ok(existsSync(GUEST), `${GUEST} is missing: the test guests are not built; run \`npm run build-guests\``);
  loaded ??= loadComponent(GUEST, { cacheDir: process.env['WASI_CRYPTO_CACHE_DIR'] ?? join(tmp, 'cache') });
  return loaded;
}

function provisioning(): CertificateProvisioning {
  const out: { certificates?: CertificateProvisioning } = {};
  validateManifest(
    {
      slots: [],
      certificates: {
        slots: [
          { name: 'backend/root', certificate: { pem: pem('CERTIFICATE', ca.der) }, locked: true },
          { name: 'other/root', certificate: { pem: pem('CERTIFICATE', stranger.der) }, locked: true },
        ],
        'trust-stores': [
          { name: 'backend', members: ['backend/root'] },
          { name: 'other', members: ['other/root'] },
        ],
      },
    },
    { baseDir: tmp, env: {} },
    out,
  );
  return out.certificates!;
}

async function runGuest(args: string[]): Promise<{ code: number; lines: string[]; handles: number }> {
  const component = await guest();
  using host = createCryptoHost({ certificates: provisioning() });
  const chunks: Uint8Array[] = [];
  const code = await run(component, { imports: { ...host.getImportObject() }, args: ['certificates', ...args], stdout: (c) => chunks.push(Uint8Array.from(c)) });
  const lines = Buffer.concat(chunks).toString('utf8').split('\n').filter((l) => l !== '');
  return { code, lines, handles: host.stats().handles.total };
}

const verifyArgs = (store: string, time: number, peer: string, sig = signature) => ['verify', store, hex(leaf.der), hex(inter.der), String(time), peer, hex(message), hex(sig)];

test('the guest verifies the chain from the trust-store slot, then the signature with the leaf key (its key pair cannot sign); no handle left', async () => {
  const r = await runGuest([...verifyArgs('backend', NOW, 'backend.example.com'), hex(leafKey)]);
  assert.equal(r.code, 0, r.lines.join('\n'));
  assert.deepEqual(r.lines, [
    'anchors: 1',
    'verify: ok 3',
    'chain[0]: CN=backend.example.com, O=Example',
    'chain[1]: CN=Backend Issuing CA, O=Example',
    'chain[2]: CN=Backend Root CA, O=Example',
    'key: ECDSA_P256_SHA256',
    'signature: ok',
    'tampered: verification-failed',
    'sign-with-certificate-key: prohibited-operation',
  ]);
  assert.equal(r.handles, 0, 'live handles after the guest returned');
});

test('a signature by another key fails with the leaf key', async () => {
  const forged = Uint8Array.from(signature);
  forged[5] = forged[5]! ^ 0x40;
  const r = await runGuest(verifyArgs('backend', NOW, 'backend.example.com', forged));
  assert.equal(r.code, 0, r.lines.join('\n'));
  assert.equal(r.lines[1], 'verify: ok 3');
  assert.equal(r.lines[6], 'signature: verification-failed');
  assert.equal(r.handles, 0);
});

test('rejections are verify-result cases with a detail: wrong peer name, expired, unknown anchor', async () => {
  const peer = await runGuest(verifyArgs('backend', NOW, 'evil.example.com'));
  assert.deepEqual(peer.lines.slice(0, 2), ['anchors: 1', 'verify: name-mismatch']);
  assert.match(peer.lines[2] ?? '', /^detail: ./);
  assert.equal(peer.handles, 0);
  const late = await runGuest(verifyArgs('backend', Date.parse('2040-01-01T00:00:00Z') / 1000, 'backend.example.com'));
  assert.equal(late.lines[1], 'verify: expired');
  assert.equal(late.handles, 0);
  const other = await runGuest(verifyArgs('other', NOW, 'backend.example.com'));
  assert.equal(other.lines[1], 'verify: anchor-not-found');
  assert.equal(other.handles, 0);
});

test('the CLI: wasi-crypto run --slots provisions the trust-store slot from the manifest for the same guest', async () => {
  assert.ok(existsSync(GUEST), `${GUEST} is missing: run \`npm run build-guests\``);
  const manifest = join(tmp, 'manifest.json');
  writeFileSync(join(tmp, 'backend-root.pem'), pem('CERTIFICATE', ca.der));
  writeFileSync(
    manifest,
    JSON.stringify({ slots: [], certificates: { slots: [{ name: 'backend/root', certificate: { file: 'backend-root.pem' }, locked: true }], 'trust-stores': [{ name: 'backend', members: ['backend/root'] }] } }),
  );
  const cli = join(ROOT, 'bin', 'wasi-crypto.js');
  const cacheDir = process.env['WASI_CRYPTO_CACHE_DIR'] ?? join(tmp, 'cache');
  const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve, reject) => {
    execFile(process.execPath, [cli, 'run', '-q', '--cache-dir', cacheDir, '--slots', manifest, GUEST, ...verifyArgs('backend', NOW, 'backend.example.com')], { timeout: 120_000, encoding: 'utf8' }, (err, out, errOut) => {
      if (err && typeof err.code !== 'number') reject(err);
      else resolve({ code: err ? Number(err.code) : 0, stdout: out, stderr: errOut });
    });
  });
  assert.equal(code, 0, `${stdout}\n${stderr}`);
  const lines = stdout.split('\n').filter((l) => l !== '');
  assert.deepEqual(lines.slice(0, 2), ['anchors: 1', 'verify: ok 3']);
  assert.equal(lines[6], 'signature: ok');
});
