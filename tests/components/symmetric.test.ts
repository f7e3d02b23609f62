/**
 * AEADs, HKDF and password hashes of `wasi:crypto/symmetric` (docs/symmetric.md) seen from a real
 * component: the symmetric test guest (tests/components/guests/symmetric), built for both
 * engines, runs every scenario in-process through the runtime API against a fresh host (node
 * backend). Each run prints one JSON line, whose steps are compared with expectations that do not
 * come from the code under test:
 *
 * - published vectors: RFC 8439 §2.8.2 (ChaCha20-Poly1305), draft-irtf-cfrg-xchacha-03 §2.2.1 and
 *   §A.3.1 (HChaCha20, XChaCha20-Poly1305), RFC 5869 A.1 and A.3 (HKDF-SHA-256), RFC 9106 §5.3
 *   (Argon2id), RFC 7914 §11 and §12 (PBKDF2-HMAC-SHA-256, scrypt);
 * - node:crypto computed here (`createCipheriv`, `hkdfSync`, `pbkdf2Sync`, `scryptSync`), and an
 *   XChaCha20-Poly1305 built here from node:crypto's raw `chacha20` (HChaCha20 = the ChaCha20
 *   block minus its input state) and `chacha20-poly1305`; the host's backends use
 *   @noble/ciphers' HChaCha20 instead;
 * - the random-nonce case: the guest's ciphertext is opened with the nonce it printed, by the
 *   host's interface layer on the other backend (noble) and by the node:crypto XChaCha above.
 *
 * The guests are built by `npm run build-guests` (run by `npm install`); if they are missing the
 * tests fail and say so.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, pbkdf2Sync, scryptSync } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCryptoHost } from '../../host/src/index.js';
import { type LoadedComponent, loadComponent, run } from '../../host/src/runtime/index.js';

/** The repository root: this file runs from build/tests/components/. */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BUILD = join(ROOT, 'tests', 'components', 'guests', 'symmetric', 'build');

const ENGINES = [
  { id: 'qjs', label: 'QuickJS' },
  { id: 'sm', label: 'StarlingMonkey' },
] as const;
type Engine = (typeof ENGINES)[number]['id'];

// --- byte helpers -----------------------------------------------------------------------------

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const unhex = (h: string): Buffer => Buffer.from(h.replace(/\s+/g, ''), 'hex');
const ascii = (s: string): Buffer => Buffer.from(s, 'latin1');
const fill = (byte: number, n: number): Buffer => Buffer.alloc(n, byte);
const range = (from: number, n: number): Buffer => Buffer.from(Array.from({ length: n }, (_, i) => (from + i) & 0xff));
/** Standard base64 without padding (PHC string format). */
const b64 = (b: Uint8Array): string => Buffer.from(b).toString('base64').replace(/=+$/, '');
/** A copy with bit 0 of byte 0 flipped: what the guest does to a ciphertext or tag. */
const flipped = (b: Uint8Array): Buffer => {
  const out = Buffer.from(b);
  out[0]! ^= 1;
  return out;
};
/** How the guest takes an empty byte string on its command line. */
const arg = (b: Uint8Array): string => (b.length === 0 ? '-' : hex(b));

// --- independent references (node:crypto only) ------------------------------------------------

/**
 * HChaCha20 (draft-irtf-cfrg-xchacha-03 §2.2) from node:crypto's raw ChaCha20: OpenSSL's 16-byte
 * `chacha20` IV is state words 12–15 (block counter ‖ nonce), exactly HChaCha20's 16-byte input,
 * and one keystream block is rounds(state) + state. Subtracting the input state from words 0–3
 * and 12–15 leaves HChaCha20's output.
 */
function hchacha20(key: Uint8Array, nonce16: Uint8Array): Buffer {
  const cipher = createCipheriv('chacha20', key, nonce16);
  const block = Buffer.concat([cipher.update(Buffer.alloc(64)), cipher.final()]);
  const state = Buffer.concat([ascii('expand 32-byte k'), Buffer.from(key), Buffer.from(nonce16)]);
  const out = Buffer.alloc(32);
  [0, 1, 2, 3, 12, 13, 14, 15].forEach((word, i) => {
    out.writeUInt32LE((block.readUInt32LE(4 * word) - state.readUInt32LE(4 * word)) >>> 0, 4 * i);
  });
  return out;
}

/** XChaCha20-Poly1305 (draft-irtf-cfrg-xchacha-03 §2.3): subkey + ChaCha20-Poly1305 with 0⁴ ‖ nonce[16..24]. */
function xchachaParams(key: Uint8Array, nonce24: Uint8Array): { key: Buffer; nonce: Buffer } {
  return { key: hchacha20(key, nonce24.subarray(0, 16)), nonce: Buffer.concat([Buffer.alloc(4), nonce24.subarray(16)]) };
}

const NODE_AEAD: Record<string, 'aes-128-gcm' | 'aes-256-gcm' | 'chacha20-poly1305'> = {
  'AES-128-GCM': 'aes-128-gcm',
  'AES-256-GCM': 'aes-256-gcm',
  'CHACHA20-POLY1305': 'chacha20-poly1305',
  'XCHACHA20-POLY1305': 'chacha20-poly1305',
};

function nodeAeadParams(alg: string, key: Uint8Array, nonce: Uint8Array): { cipher: string; key: Uint8Array; nonce: Uint8Array } {
  const cipher = NODE_AEAD[alg];
  assert.ok(cipher, `no node:crypto reference for ${alg}`);
  return alg === 'XCHACHA20-POLY1305' ? { cipher, ...xchachaParams(key, nonce) } : { cipher, key, nonce };
}

/** AEAD encryption by node:crypto: the ciphertext and the 16-byte tag. */
function nodeSeal(alg: string, key: Uint8Array, nonce: Uint8Array, ad: Uint8Array, pt: Uint8Array): { ct: Buffer; tag: Buffer } {
  const p = nodeAeadParams(alg, key, nonce);
  const c = createCipheriv(p.cipher as 'aes-256-gcm', p.key, p.nonce, { authTagLength: 16 });
  c.setAAD(ad);
  const ct = Buffer.concat([c.update(pt), c.final()]);
  return { ct, tag: c.getAuthTag() };
}

/** AEAD decryption of ct ‖ tag by node:crypto (throws if it does not authenticate). */
function nodeOpen(alg: string, key: Uint8Array, nonce: Uint8Array, ad: Uint8Array, sealed: Uint8Array): Buffer {
  const p = nodeAeadParams(alg, key, nonce);
  const d = createDecipheriv(p.cipher as 'aes-256-gcm', p.key, p.nonce, { authTagLength: 16 });
  d.setAAD(ad);
  d.setAuthTag(sealed.subarray(sealed.length - 16));
  return Buffer.concat([d.update(sealed.subarray(0, sealed.length - 16)), d.final()]);
}

// --- published vectors ------------------------------------------------------------------------

const SUNSCREEN = ascii(
  "Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it.",
);

/** RFC 8439 §2.8.2: AEAD_CHACHA20_POLY1305 test vector (ciphertext ‖ tag). */
const RFC8439_2_8_2 = {
  key: range(0x80, 32),
  nonce: unhex('070000004041424344454647'),
  ad: unhex('50515253c0c1c2c3c4c5c6c7'),
  pt: SUNSCREEN,
  sealed:
    'd31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d63dbea45e8ca9671282fafb69da92728b' +
    '1a71de0a9e060b2905d6a5b67ecd3b3692ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc' +
    '3ff4def08e4b7a9de576d26586cec64b6116' +
    '1ae10b594f09e26a7e902ecbd0600691',
};

/**
 * draft-irtf-cfrg-xchacha-03 (https://datatracker.ietf.org/doc/html/draft-irtf-cfrg-xchacha-03),
 * copied from the draft's source, xchacha.md in github.com/bikeshedders/xchacha-rfc at 011d760:
 * §2.2.1 "Test Vector for the HChaCha20 Block Function" and §A.3.1 "Example and Test Vector for
 * AEAD_XChaCha20_Poly1305" (ciphertext ‖ tag).
 */
const XCHACHA_2_2_1 = {
  key: range(0x00, 32),
  nonce: unhex('000000090000004a0000000031415927'),
  subkey: '82413b4227b27bfed30e42508a877d73a0f9e4d58a74a853c12ec41326d3ecdc',
};
const XCHACHA_A_3_1 = {
  key: range(0x80, 32),
  nonce: range(0x40, 24),
  ad: unhex('50515253c0c1c2c3c4c5c6c7'),
  pt: SUNSCREEN,
  sealed:
    'bd6d179d3e83d43b9576579493c0e939572a1700252bfaccbed2902c21396cbb731c7f1b0b4aa6440bf3a82f4eda7e39' +
    'ae64c6708c54c216cb96b72e1213b4522f8c9ba40db5d945b11b69b982c1bb9e3f3fac2bc369488f76b2383565d3fff9' +
    '21f9664c97637da9768812f615c68b13b52e' +
    'c0875924c1c7987947deafd8780acf49',
};

/** RFC 5869 appendix A.1 (test case 1) and A.3 (test case 3: zero-length salt and info), SHA-256. */
const RFC5869_A1 = {
  ikm: fill(0x0b, 22),
  salt: unhex('000102030405060708090a0b0c'),
  info: unhex('f0f1f2f3f4f5f6f7f8f9'),
  len: 42,
  prk: '077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5',
  okm: '3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865',
};
const RFC5869_A3 = {
  ikm: fill(0x0b, 22),
  salt: Buffer.alloc(0),
  info: Buffer.alloc(0),
  len: 42,
  prk: '19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04',
  okm: '8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8',
};

/** RFC 9106 §5.3: Argon2id, version 0x13, m = 32 KiB, t = 3, p = 4, with secret and associated data. */
const RFC9106_5_3 = {
  password: fill(0x01, 32),
  salt: fill(0x02, 16),
  secret: fill(0x03, 8),
  ad: fill(0x04, 12),
  tag: '0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659',
};

/** RFC 7914 §11: PBKDF2-HMAC-SHA256 (P = "passwd", S = "salt", c = 1, dkLen = 64). */
const RFC7914_PBKDF2 = {
  password: ascii('passwd'),
  salt: ascii('salt'),
  iterations: 1,
  dk:
    '55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc' +
    '49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783',
};

/** RFC 7914 §12: scrypt (P = "password", S = "NaCl", N = 1024, r = 8, p = 16, dkLen = 64). */
const RFC7914_SCRYPT = {
  password: ascii('password'),
  salt: ascii('NaCl'),
  N: 1024,
  r: 8,
  p: 16,
  dk:
    'fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162' +
    '2eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640',
};

// --- running the guest ------------------------------------------------------------------------

let tmp: string;
const loaded = new Map<Engine, Promise<LoadedComponent>>();

before(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'wasi-crypto-symmetric-'));
});
after(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/** The loaded guest for `engine` (transpiled once into a private cache). Fails if it is not built. */
function guest(engine: Engine): Promise<LoadedComponent> {
  const path = join(BUILD, `symmetric.${engine}.wasm`);
  assert.ok(existsSync(path), `${path} is missing: the test guests are not built; run \`npm run build-guests\``);
  let p = loaded.get(engine);
  if (!p) loaded.set(engine, (p = loadComponent(path, { cacheDir: join(tmp, 'cache') })));
  return p;
}

/** One step of the guest's report: `{ok}`, `{err: error-code}` or `{skipped}`. */
type Step = { ok: unknown } | { err: string } | { skipped: string };
type Report = Record<string, Step | string>;

interface ScenarioRun {
  stdout: string;
  report: Report;
}

/**
 * Runs one scenario against a fresh node-backend host; checks it exited 0 with one JSON line and
 * left no handle or unwiped key behind; returns the parsed report.
 */
async function scenario(engine: Engine, args: string[]): Promise<ScenarioRun> {
  const component = await guest(engine);
  const host = createCryptoHost();
  const chunks: Uint8Array[] = [];
  let code: number;
  let stats: ReturnType<typeof host.stats>;
  try {
    code = await run(component, {
      imports: { ...host.getImportObject() },
      args: ['symmetric', ...args],
      stdout: (chunk) => chunks.push(Uint8Array.from(chunk)),
    });
    stats = host.stats();
  } finally {
    host[Symbol.dispose]();
  }
  const stdout = Buffer.concat(chunks).toString('utf8');
  assert.equal(code, 0, `exit code; output:\n${stdout}`);
  const lines = stdout.split('\n').filter((l) => l !== '');
  assert.equal(lines.length, 1, `one JSON line expected; output:\n${stdout}`);
  const report = JSON.parse(lines[0]!) as Report;
  assert.equal(stats.handles.total, 0, `handles left open: ${JSON.stringify(stats.handles.byKind)}`);
  assert.equal(stats.liveKeyMaterials, 0, 'key materials not wiped');
  return { stdout, report };
}

/** The `ok` value of a step; fails, showing the step's outcome, if it did not succeed. */
function ok(report: Report, label: string): unknown {
  const step = report[label];
  assert.ok(typeof step === 'object' && step !== null && 'ok' in step, `${label}: expected ok, got ${JSON.stringify(step)}`);
  return step.ok;
}

// --- the cases --------------------------------------------------------------------------------

interface AeadCase {
  name: string;
  alg: string;
  key: Uint8Array;
  nonce: Uint8Array;
  ad: Uint8Array;
  pt: Uint8Array;
  /** A published ciphertext ‖ tag, where the inputs are a published vector's. */
  published?: string;
}

const AEAD_CASES: AeadCase[] = [
  {
    name: 'AES-256-GCM',
    alg: 'AES-256-GCM',
    key: range(0x20, 32),
    nonce: unhex('cafebabefacedbaddecaf888'),
    ad: ascii('wasi:crypto header'),
    pt: ascii('forty-one bytes of plaintext, not aligned'),
  },
  {
    name: 'AES-256-GCM, empty associated data and plaintext',
    alg: 'AES-256-GCM',
    key: range(0x60, 32),
    nonce: range(0x01, 12),
    ad: Buffer.alloc(0),
    pt: Buffer.alloc(0),
  },
  {
    name: 'AES-128-GCM',
    alg: 'AES-128-GCM',
    key: range(0xa0, 16),
    nonce: range(0x10, 12),
    ad: ascii('ad'),
    pt: ascii('sixteen byte msg and then some more'),
  },
  { name: 'CHACHA20-POLY1305 (RFC 8439 §2.8.2)', alg: 'CHACHA20-POLY1305', ...RFC8439_2_8_2, published: RFC8439_2_8_2.sealed },
  {
    name: 'XCHACHA20-POLY1305 (draft-irtf-cfrg-xchacha-03 §A.3.1)',
    alg: 'XCHACHA20-POLY1305',
    ...XCHACHA_A_3_1,
    published: XCHACHA_A_3_1.sealed,
  },
];

const aeadArgs = (c: AeadCase): string[] => [c.alg, hex(c.key), hex(c.nonce), arg(c.ad), arg(c.pt)];

/** ct ‖ tag expected for `c`: node:crypto's, which must also be the published one where there is one. */
function expectedSealed(c: AeadCase): { ct: string; tag: string; sealed: string } {
  const { ct, tag } = nodeSeal(c.alg, c.key, c.nonce, c.ad, c.pt);
  const sealed = hex(ct) + hex(tag);
  if (c.published !== undefined) assert.equal(sealed, c.published, 'the node:crypto reference disagrees with the published vector');
  return { ct: hex(ct), tag: hex(tag), sealed };
}

test('reference: the node:crypto XChaCha20-Poly1305 reproduces draft-irtf-cfrg-xchacha-03 §2.2.1 and §A.3.1', () => {
  assert.equal(hex(hchacha20(XCHACHA_2_2_1.key, XCHACHA_2_2_1.nonce)), XCHACHA_2_2_1.subkey);
  const { key, nonce, ad, pt, sealed } = XCHACHA_A_3_1;
  const s = nodeSeal('XCHACHA20-POLY1305', key, nonce, ad, pt);
  assert.equal(hex(s.ct) + hex(s.tag), sealed);
  assert.equal(hex(nodeOpen('XCHACHA20-POLY1305', key, nonce, ad, unhex(sealed))), hex(pt));
});

for (const engine of ENGINES) {
  describe(`symmetric guest on ${engine.label} (symmetric.${engine.id}.wasm)`, () => {
    for (const c of AEAD_CASES) {
      test(`aead-stream ${c.name}: encrypt, decrypt, detached, nonce reuse, tampering`, async () => {
        const want = expectedSealed(c);
        const { stdout, report } = await scenario(engine.id, ['aead-stream', ...aeadArgs(c)]);
        assert.deepEqual(report['import'], { ok: c.alg });
        assert.deepEqual(report['encrypt'], { ok: want.sealed }, 'state encrypt: ct ‖ tag');
        assert.deepEqual(report['maxTagLen'], { ok: 16 });
        assert.deepEqual(report['encryptAgain'], { err: 'nonce-required' }, 'a second encrypt on the same state');
        assert.deepEqual(report['decrypt'], { ok: hex(c.pt) }, 'a second state decrypts');
        assert.deepEqual(report['encryptDetached'], { ok: { ciphertext: want.ct, tag: want.tag } });
        assert.deepEqual(report['decryptDetached'], { ok: hex(c.pt) });
        assert.deepEqual(report['decryptTampered'], { err: 'invalid-tag' }, 'a flipped ciphertext bit');
        assert.deepEqual(report['decryptDetachedTampered'], { err: 'invalid-tag' }, 'a flipped tag bit');
        // The tampered ciphertext's (unauthenticated) plaintext is the plaintext with the same bit
        // flipped: it must appear nowhere in the output.
        if (c.pt.length > 0) assert.ok(!stdout.includes(hex(flipped(c.pt))), 'the tampered plaintext was printed');
      });

      test(`aead-oneshot ${c.name}: symmetric-key.seal / open`, async () => {
        const want = expectedSealed(c);
        const { stdout, report } = await scenario(engine.id, ['aead-oneshot', ...aeadArgs(c)]);
        assert.deepEqual(report['seal'], { ok: want.sealed });
        assert.deepEqual(report['open'], { ok: hex(c.pt) });
        assert.deepEqual(report['openTampered'], { err: 'invalid-tag' });
        assert.deepEqual(report['sealShortNonce'], { err: 'invalid-nonce' });
        if (c.pt.length > 0) assert.ok(!stdout.includes(hex(flipped(c.pt))), 'the tampered plaintext was printed');
      });
    }

    test('aead-autononce XCHACHA20-POLY1305: the drawn nonce, read back, opens the ciphertext elsewhere', async () => {
      const alg = 'XCHACHA20-POLY1305';
      const key = range(0xc0, 32);
      const pt = ascii('sealed with a nonce the host drew');
      const { report } = await scenario(engine.id, ['aead-autononce', alg, hex(key), hex(pt)]);
      const none = new Uint8Array(0);
      const noble = createCryptoHost({ backend: 'noble' });
      try {
        const { SymmetricKey } = noble.getImportObject()['wasi:crypto/symmetric'];
        for (const [sealedLabel, nonceLabel] of [
          ['encrypt', 'nonce'],
          ['encrypt2', 'nonce2'],
        ] as const) {
          const sealed = unhex(ok(report, sealedLabel) as string);
          const nonce = unhex(ok(report, nonceLabel) as string);
          assert.equal(nonce.length, 24, `${nonceLabel}: 24 bytes`);
          assert.equal(sealed.length, pt.length + 16, `${sealedLabel}: ciphertext ‖ 16-byte tag`);
          // The other backend, through the host's interface layer (its handles go with `noble`).
          const k = SymmetricKey.import(alg, key);
          assert.equal(hex(k.open(nonce, none, sealed)), hex(pt), `${sealedLabel}: opened by the noble backend`);
          // node:crypto's ChaCha20 with the HChaCha20 subkey derived here.
          assert.equal(hex(nodeOpen(alg, key, nonce, none, sealed)), hex(pt), `${sealedLabel}: opened by node:crypto`);
        }
      } finally {
        noble[Symbol.dispose]();
      }
      assert.notEqual(ok(report, 'nonce'), ok(report, 'nonce2'), 'two states drew the same nonce');
      assert.notEqual(ok(report, 'nonce'), '00'.repeat(24), 'an all-zero nonce');
      assert.deepEqual(report['decrypt'], { ok: hex(pt) }, 'the guest decrypts with the nonce it read back');
    });

    for (const [name, v] of [
      ['RFC 5869 A.1', RFC5869_A1],
      ['RFC 5869 A.3, empty salt and info', RFC5869_A3],
    ] as const) {
      test(`kdf HKDF-SHA-256 (${name}) → AES-256-GCM key`, async () => {
        const nonce = range(0x30, 12);
        const msg = ascii('a message under a derived key');
        const { report } = await scenario(engine.id, [
          'kdf',
          hex(v.ikm),
          arg(v.salt),
          arg(v.info),
          String(v.len),
          hex(nonce),
          hex(msg),
        ]);
        // node:crypto agrees with the RFC; the guest must agree with both.
        const prk = createHmac('sha256', v.salt).update(v.ikm).digest('hex');
        const okm = Buffer.from(hkdfSync('sha256', v.ikm, v.salt, v.info, v.len));
        assert.equal(prk, v.prk);
        assert.equal(hex(okm), v.okm);
        assert.deepEqual(report['import'], { ok: 'HKDF-EXTRACT/SHA-256' });
        assert.deepEqual(report['extract'], { ok: 'HKDF-EXPAND/SHA-256' }, 'squeeze-key gives an HKDF-EXPAND key');
        assert.deepEqual(report['prk'], { ok: v.prk });
        assert.deepEqual(report['okm'], { ok: v.okm });
        const sealed = nodeSeal('AES-256-GCM', okm.subarray(0, 32), nonce, new Uint8Array(0), msg);
        assert.deepEqual(report['sealed'], { ok: hex(sealed.ct) + hex(sealed.tag) });
      });
    }

    test('pwhash ARGON2-ID-13 (RFC 9106 §5.3): raw hash and encoded string', async () => {
      const v = RFC9106_5_3;
      const { report } = await scenario(engine.id, [
        'pwhash',
        'ARGON2-ID-13',
        hex(v.password),
        '32',
        `salt=${hex(v.salt)}`,
        `key=${hex(v.secret)}`,
        `context=${hex(v.ad)}`,
        'memory_limit=32768',
        'ops_limit=3',
        'parallelism=4',
      ]);
      assert.deepEqual(report['import'], { ok: 'ARGON2-ID-13' });
      assert.deepEqual(report['squeeze'], { ok: v.tag });
      assert.deepEqual(report['squeezeTag'], { ok: `$argon2id$v=19$m=32,t=3,p=4$${b64(v.salt)}$${b64(unhex(v.tag))}` });
      assert.deepEqual(report['get:memory_limit'], { ok: 32768 });
      assert.deepEqual(report['get:ops_limit'], { ok: 3 });
      assert.deepEqual(report['get:parallelism'], { ok: 4 });
    });

    test('pwhash PBKDF2-HMAC/SHA-256 (RFC 7914 §11): raw hash and encoded string', async () => {
      const v = RFC7914_PBKDF2;
      const { report } = await scenario(engine.id, [
        'pwhash',
        'PBKDF2-HMAC/SHA-256',
        hex(v.password),
        '64',
        `salt=${hex(v.salt)}`,
        `ops_limit=${v.iterations}`,
      ]);
      assert.equal(pbkdf2Sync(v.password, v.salt, v.iterations, 64, 'sha256').toString('hex'), v.dk);
      assert.deepEqual(report['squeeze'], { ok: v.dk });
      const hash32 = pbkdf2Sync(v.password, v.salt, v.iterations, 32, 'sha256');
      assert.deepEqual(report['squeezeTag'], { ok: `$pbkdf2-sha256$i=${v.iterations},l=32$${b64(v.salt)}$${b64(hash32)}` });
      assert.deepEqual(report['get:ops_limit'], { ok: v.iterations });
    });

    test('pwhash SCRYPT (RFC 7914 §12): raw hash and encoded string', async () => {
      const v = RFC7914_SCRYPT;
      const { report } = await scenario(engine.id, [
        'pwhash',
        'SCRYPT',
        hex(v.password),
        '64',
        `salt=${hex(v.salt)}`,
        `ops_limit=${v.N}`,
        `block_size=${v.r}`,
        `parallelism=${v.p}`,
      ]);
      const params = { N: v.N, r: v.r, p: v.p };
      assert.equal(scryptSync(v.password, v.salt, 64, params).toString('hex'), v.dk);
      assert.deepEqual(report['squeeze'], { ok: v.dk });
      const hash32 = scryptSync(v.password, v.salt, 32, params);
      assert.deepEqual(report['squeezeTag'], { ok: `$scrypt$ln=${Math.log2(v.N)},r=${v.r},p=${v.p}$${b64(v.salt)}$${b64(hash32)}` });
      assert.deepEqual(report['get:ops_limit'], { ok: v.N });
      assert.deepEqual(report['get:block_size'], { ok: v.r });
      assert.deepEqual(report['get:parallelism'], { ok: v.p });
    });

    test('an unknown scenario is a usage error: run returns err (exit code 1)', async () => {
      const component = await guest(engine.id);
      const host = createCryptoHost();
      const chunks: Uint8Array[] = [];
      const code = await run(component, {
        imports: { ...host.getImportObject() },
        args: ['symmetric', 'no-such-scenario'],
        stdout: (chunk) => chunks.push(Uint8Array.from(chunk)),
      });
      host[Symbol.dispose]();
      assert.equal(code, 1);
      assert.match(Buffer.concat(chunks).toString('utf8'), /^usage: symmetric </);
    });
  });
}
