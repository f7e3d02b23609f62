/**
 * Signatures and key exchange (`wasi:crypto/asymmetric-common`, `signatures`, `kx`;
 * docs/asymmetric.md) seen from real components, across engines: the asymmetric test guest
 * (tests/components/guests/asymmetric), built for QuickJS and StarlingMonkey, runs each scenario
 * in-process through the runtime API against a fresh host (node backend). Keys, signatures and
 * ciphertexts go from one engine's run to the other's as hex arguments:
 *
 * - signatures (Ed25519, ECDSA_P256_SHA256, ML-DSA-65), both directions (QuickJS signs and
 *   StarlingMonkey verifies, then the reverse), twice: with raw keys only, and with the encoded
 *   forms (SPKI/PKCS#8 keys, SEC 1 points, DER signatures). One engine generates a key pair, the
 *   same engine imports its export and signs (state and one-shot); the other engine verifies with
 *   the exported public key, and so does node:crypto outside any component (`crypto.verify` with a
 *   KeyObject built from the raw key as a JWK, or from the exported SPKI DER; `ieee-p1363` for raw
 *   ECDSA signatures, `der` for DER ones). Node 20's node:crypto has no ML-DSA: there the
 *   reference is @noble/post-quantum, called directly. A tampered signature gives
 *   `verification-failed`, a truncated one `invalid-signature`. Key pairs node:crypto generated
 *   (PKCS#8) sign in the guests too.
 * - X25519: each engine generates a key pair, they exchange public keys, both `dh` results are
 *   equal and equal to node:crypto's `diffieHellman` on the exported PKCS#8 / SPKI keys.
 * - ML-KEM-768 and X-WING: one engine generates, the other encapsulates to its public key, the
 *   first decapsulates: the same secret, which @noble/post-quantum (outside any component) also
 *   decapsulates from the exported secret key; implicit rejection of a tampered ciphertext.
 * - the portable backend: the same flows with StarlingMonkey's host on @noble/* and QuickJS's on
 *   node:crypto.
 *
 * Every run must exit 0, print one JSON line and leave no handle or unwiped key behind. Loaded
 * components are shared by all the scenarios (an instantiation costs ~0.1–0.6 s).
 *
 * The guests are built by `npm run build-guests` (run by `npm install`); if they are missing the
 * tests fail and say so.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createECDH,
  createHash,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  ECDH,
  generateKeyPairSync,
  type KeyObject,
  sign as nodeSign,
  verify as nodeVerify,
} from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ml_dsa65 } from '@noble/post-quantum/ml-dsa.js';
import { ml_kem768 } from '@noble/post-quantum/ml-kem.js';
import { ml_kem768_x25519 } from '@noble/post-quantum/hybrid.js';
import { createCryptoHost } from '../../host/src/index.js';
import { type LoadedComponent, loadComponent, run } from '../../host/src/runtime/index.js';

/** The repository root: this file runs from build/tests/components/. */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BUILD = join(ROOT, 'tests', 'components', 'guests', 'asymmetric', 'build');

const ENGINES = [
  { id: 'qjs', label: 'QuickJS' },
  { id: 'sm', label: 'StarlingMonkey' },
] as const;
type Engine = (typeof ENGINES)[number]['id'];
const LABEL: Record<Engine, string> = { qjs: 'QuickJS', sm: 'StarlingMonkey' };
/** Signer → verifier (or generator → encapsulator): both directions. */
const DIRECTIONS: [Engine, Engine][] = [
  ['qjs', 'sm'],
  ['sm', 'qjs'],
];

// --- byte helpers -----------------------------------------------------------------------------

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const unhex = (h: string): Buffer => Buffer.from(h, 'hex');
const ascii = (s: string): Buffer => Buffer.from(s, 'latin1');
const b64url = (b: Uint8Array): string => Buffer.from(b).toString('base64url');
/** A copy with bit 0 of byte `at` flipped (negative `at` counts from the end). */
const flipped = (b: Uint8Array, at: number): Buffer => {
  const out = Buffer.from(b);
  const i = at < 0 ? out.length + at : at;
  out[i]! ^= 1;
  return out;
};

// --- running the guest ------------------------------------------------------------------------

let tmp: string;
const loaded = new Map<Engine, Promise<LoadedComponent>>();

before(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'wasi-crypto-asymmetric-'));
});
after(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/** The loaded guest for `engine` (transpiled once into a private cache). Fails if it is not built. */
function guest(engine: Engine): Promise<LoadedComponent> {
  const path = join(BUILD, `asymmetric.${engine}.wasm`);
  assert.ok(existsSync(path), `${path} is missing: the test guests are not built; run \`npm run build-guests\``);
  let p = loaded.get(engine);
  if (!p) loaded.set(engine, (p = loadComponent(path, { cacheDir: join(tmp, 'cache') })));
  return p;
}

/** One step of the guest's report: `{ok}`, `{err: error-code}` or `{skipped}`. */
type Step = { ok: unknown } | { err: string } | { skipped: string };
type Report = Record<string, Step | string | Record<string, string>>;

/** The host's backend: node:crypto (the default on Node) or the portable @noble/* one. */
type Backend = 'node' | 'noble';

/**
 * Runs one scenario against a fresh host (node backend unless told); checks it exited 0 with one
 * JSON line and left no handle or unwiped key behind; returns the parsed report.
 */
async function scenario(engine: Engine, args: string[], backend: Backend = 'node'): Promise<Report> {
  const component = await guest(engine);
  const host = createCryptoHost({ backend });
  const chunks: Uint8Array[] = [];
  let code: number;
  let stats: ReturnType<typeof host.stats>;
  try {
    code = await run(component, {
      imports: { ...host.getImportObject() },
      args: ['asymmetric', ...args],
      stdout: (chunk) => chunks.push(Uint8Array.from(chunk)),
    });
    stats = host.stats();
  } finally {
    host[Symbol.dispose]();
  }
  const stdout = Buffer.concat(chunks).toString('utf8');
  const what = `${LABEL[engine]} (${backend} backend) ${args[0]} ${args[1]}`;
  assert.equal(code, 0, `${what}: exit code; output:\n${stdout}`);
  const lines = stdout.split('\n').filter((l) => l !== '');
  assert.equal(lines.length, 1, `${what}: one JSON line expected; output:\n${stdout}`);
  const report = JSON.parse(lines[0]!) as Report;
  assert.equal(stats.handles.total, 0, `${what}: handles left open: ${JSON.stringify(stats.handles.byKind)}`);
  assert.equal(stats.liveKeyMaterials, 0, `${what}: key materials not wiped`);
  return report;
}

/** The `ok` value of a step; fails, showing the step's outcome, if it did not succeed. */
function ok(report: Report, label: string): unknown {
  const step = report[label];
  assert.ok(
    typeof step === 'object' && step !== null && 'ok' in step,
    `${String(report['scenario'])} ${String(report['alg'])}: ${label}: expected ok, got ${JSON.stringify(step)}`,
  );
  return step.ok;
}

/** The `ok` value of a step holding bytes, as a Buffer, optionally of a known length. */
function okBytes(report: Report, label: string, length?: number): Buffer {
  const value = ok(report, label);
  assert.equal(typeof value, 'string', `${label}: hex expected`);
  const bytes = unhex(value as string);
  if (length !== undefined) assert.equal(bytes.length, length, `${String(report['alg'])} ${label}: ${length} bytes expected`);
  return bytes;
}

// --- node:crypto keys from the exported encodings ---------------------------------------------

const spki = (der: Uint8Array): KeyObject => createPublicKey({ key: Buffer.from(der), format: 'der', type: 'spki' });
const pkcs8 = (der: Uint8Array): KeyObject => createPrivateKey({ key: Buffer.from(der), format: 'der', type: 'pkcs8' });
const spkiOf = (k: KeyObject): Buffer => createPublicKey(k).export({ format: 'der', type: 'spki' });

/** Does this Node's node:crypto know ML-DSA (Node ≥ 24)? */
const NODE_HAS_ML_DSA = (() => {
  try {
    generateKeyPairSync('ml-dsa-65' as 'ed25519');
    return true;
  } catch {
    return false;
  }
})();

// --- signature algorithms ---------------------------------------------------------------------

/** What a sign run produced: the public key in the encodings asked for, and the signatures. */
interface Signed {
  pk: { raw: Buffer; pkcs8?: Buffer; sec?: Buffer };
  sig: { raw: Buffer; der?: Buffer };
  oneshot: Buffer;
}

/** One verification in the other engine: the outcome expected (`ok` or an error code). */
interface VerifyCase {
  pkEnc: string;
  pk: Buffer;
  sigEnc: 'raw' | 'der';
  sig: Buffer;
  want: string;
}

interface SigAlg {
  alg: string;
  /** Raw public key and raw signature lengths (docs/asymmetric.md). */
  pkLen: number;
  sigLen: number;
  ecdsa: boolean;
  /** The key pair encoding the encoded-keys test exports and imports (docs table). */
  kpEncoded: 'raw' | 'pkcs8';
  /** Which byte of a raw signature to flip so that it stays well-formed but does not verify. */
  tamperAt: number;
  /** Checks of keygen's raw exports against each other. */
  checkRaw(report: Report): void;
  /** Checks of keygen's pkcs8 / sec exports against the raw ones, with an independent decoder. */
  checkEncoded(report: Report): void;
  /** Verifies a raw (or DER) signature outside any component, the key built from the raw public key. */
  verifyRaw(pk: Buffer, msg: Uint8Array, sig: Uint8Array, encoding: 'raw' | 'der'): boolean;
  /** The same, the key built from the exported SPKI DER. */
  verifySpki(spkiDer: Buffer, msg: Uint8Array, sig: Uint8Array, encoding: 'raw' | 'der'): boolean;
}

/** ECDSA P-256: the SEC 1 compressed point of an uncompressed one. */
function compress(uncompressed: Uint8Array): Buffer {
  assert.equal(uncompressed[0], 0x04);
  const x = uncompressed.subarray(1, 33);
  const y = uncompressed.subarray(33, 65);
  return Buffer.concat([Buffer.of(y[31]! & 1 ? 0x03 : 0x02), x]);
}

/** A P-256 public key from a SEC 1 point (compressed or not), decompressed by OpenSSL. */
function p256Key(point: Uint8Array): KeyObject {
  const u = ECDH.convertKey(Buffer.from(point), 'prime256v1', undefined, undefined, 'uncompressed') as Buffer;
  return createPublicKey({
    key: { kty: 'EC', crv: 'P-256', x: b64url(u.subarray(1, 33)), y: b64url(u.subarray(33, 65)) },
    format: 'jwk',
  });
}

/**
 * The SPKI DER prefix of an ML-DSA-65 public key: SEQUENCE { SEQUENCE { OID
 * 2.16.840.1.101.3.4.3.18 } BIT STRING (1952-byte key) } (draft-ietf-lamps-dilithium-certificates).
 */
const ML_DSA_65_SPKI_PREFIX = unhex('308207b2300b0609608648016503040312038207a100');

const SIG_ALGS: SigAlg[] = [
  {
    alg: 'Ed25519',
    pkLen: 32,
    sigLen: 64,
    ecdsa: false,
    kpEncoded: 'pkcs8',
    tamperAt: 32, // the low byte of S: S ± 1 stays < L, the equation fails
    checkRaw(r) {
      const pk = okBytes(r, 'pk:raw', 32);
      const kpRaw = okBytes(r, 'kp:raw', 64);
      assert.equal(hex(kpRaw.subarray(32)), hex(pk), 'kp:raw = seed ‖ pk');
      assert.equal(hex(okBytes(r, 'sk:raw', 32)), hex(kpRaw.subarray(0, 32)), 'sk:raw = the seed');
      // node:crypto derives the same public key from the seed (JWK d).
      const priv = createPrivateKey({ key: { kty: 'OKP', crv: 'Ed25519', d: b64url(kpRaw.subarray(0, 32)), x: b64url(pk) }, format: 'jwk' });
      assert.equal(createPublicKey(priv).export({ format: 'jwk' }).x, b64url(pk), 'node:crypto: seed → pk:raw');
    },
    checkEncoded(r) {
      const pk = okBytes(r, 'pk:raw', 32);
      const spkiDer = okBytes(r, 'pk:pkcs8');
      assert.equal(spki(spkiDer).export({ format: 'jwk' }).x, b64url(pk), 'pk:pkcs8 holds pk:raw');
      const seed = okBytes(r, 'sk:raw', 32);
      for (const label of ['kp:pkcs8', 'sk:pkcs8']) {
        const priv = pkcs8(okBytes(r, label));
        assert.equal(priv.export({ format: 'jwk' }).d, b64url(seed), `${label} holds the seed`);
        assert.equal(hex(spkiOf(priv)), hex(spkiDer), `${label} → public key = pk:pkcs8`);
      }
    },
    verifyRaw: (pk, msg, sig) =>
      nodeVerify(null, msg, createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: b64url(pk) }, format: 'jwk' }), sig),
    verifySpki: (der, msg, sig) => nodeVerify(null, msg, spki(der), sig),
  },
  {
    alg: 'ECDSA_P256_SHA256',
    pkLen: 33,
    sigLen: 64,
    ecdsa: true,
    kpEncoded: 'pkcs8',
    tamperAt: -1, // the low byte of s
    checkRaw(r) {
      const raw = okBytes(r, 'pk:raw', 33);
      const scalar = okBytes(r, 'kp:raw', 32);
      assert.equal(hex(okBytes(r, 'sk:raw', 32)), hex(scalar), 'sk:raw = kp:raw = the scalar');
      // node:crypto: the scalar's public point, compressed, is pk:raw.
      const ecdh = createECDH('prime256v1');
      ecdh.setPrivateKey(scalar);
      assert.equal(hex(raw), hex(ecdh.getPublicKey(undefined, 'compressed')), 'node:crypto: scalar → pk:raw (compressed SEC 1)');
    },
    checkEncoded(r) {
      const raw = okBytes(r, 'pk:raw', 33);
      const sec = okBytes(r, 'pk:sec', 65);
      assert.equal(hex(raw), hex(compress(sec)), 'pk:raw is the compressed form of pk:sec');
      const spkiDer = okBytes(r, 'pk:pkcs8');
      const jwk = spki(spkiDer).export({ format: 'jwk' });
      assert.equal(jwk.crv, 'P-256');
      assert.equal(jwk.x, b64url(sec.subarray(1, 33)), 'pk:pkcs8 holds the point of pk:sec (x)');
      assert.equal(jwk.y, b64url(sec.subarray(33)), 'pk:pkcs8 holds the point of pk:sec (y)');
      const scalar = okBytes(r, 'sk:raw', 32);
      for (const label of ['kp:pkcs8', 'sk:pkcs8']) {
        const priv = pkcs8(okBytes(r, label));
        assert.equal(priv.export({ format: 'jwk' }).d, b64url(scalar), `${label} holds the scalar`);
        assert.equal(hex(spkiOf(priv)), hex(spkiDer), `${label} → public key = pk:pkcs8`);
      }
    },
    verifyRaw: (pk, msg, sig, encoding) =>
      nodeVerify('sha256', msg, { key: p256Key(pk), dsaEncoding: encoding === 'raw' ? 'ieee-p1363' : 'der' }, sig),
    verifySpki: (der, msg, sig, encoding) =>
      nodeVerify('sha256', msg, { key: spki(der), dsaEncoding: encoding === 'raw' ? 'ieee-p1363' : 'der' }, sig),
  },
  {
    alg: 'ML-DSA-65',
    pkLen: 1952,
    sigLen: 3309,
    ecdsa: false,
    kpEncoded: 'raw', // ML-DSA key pairs have no pkcs8 encoding (docs table)
    tamperAt: 0, // the challenge hash c̃
    checkRaw(r) {
      const pk = okBytes(r, 'pk:raw', 1952);
      const sk = okBytes(r, 'sk:raw', 4032);
      assert.equal(hex(okBytes(r, 'kp:raw', 4032)), hex(sk), 'kp:raw = sk:raw');
      // FIPS 204: sk = ρ ‖ K ‖ tr ‖ …, pk = ρ ‖ t1; tr = H(pk, 64).
      assert.equal(hex(sk.subarray(0, 32)), hex(pk.subarray(0, 32)), 'sk and pk share ρ');
      assert.equal(hex(sk.subarray(64, 128)), hex(shake256(pk, 64)), 'sk holds tr = SHAKE256(pk, 64)');
    },
    checkEncoded(r) {
      const pk = okBytes(r, 'pk:raw', 1952);
      assert.equal(hex(okBytes(r, 'pk:pkcs8')), hex(Buffer.concat([ML_DSA_65_SPKI_PREFIX, pk])), 'pk:pkcs8 = SPKI(id-ml-dsa-65, pk:raw)');
    },
    verifyRaw: (pk, msg, sig) => ml_dsa65.verify(sig, msg, pk),
    verifySpki(der, msg, sig) {
      if (NODE_HAS_ML_DSA) return nodeVerify(null, msg, spki(der), sig);
      assert.equal(hex(der.subarray(0, ML_DSA_65_SPKI_PREFIX.length)), hex(ML_DSA_65_SPKI_PREFIX), 'an ML-DSA-65 SPKI');
      return ml_dsa65.verify(sig, msg, der.subarray(ML_DSA_65_SPKI_PREFIX.length));
    },
  },
];

/** SHAKE256 by node:crypto. */
function shake256(data: Uint8Array, outputLength: number): Buffer {
  return createHash('shake256', { outputLength }).update(data).digest();
}

/** keygen then sign (importing the key pair exported in `kpEnc`) in one engine. */
async function keygenSign(
  engine: Engine,
  a: SigAlg,
  kpEnc: 'raw' | 'pkcs8',
  msg: Buffer,
  encoded: boolean,
): Promise<{ keygen: Report; signed: Signed }> {
  const k = await scenario(engine, ['keygen', a.alg, 'signatures']);
  assert.deepEqual(k['generate'], { ok: a.alg }, 'keypair.generate');
  a.checkRaw(k);
  if (encoded) a.checkEncoded(k);
  assert.equal(hex(okBytes(k, 'pk:fromSk')), hex(okBytes(k, 'pk:raw')), 'publickey.from-secretkey');
  assert.deepEqual(k['pk:verify'], { ok: 'ok' }, 'publickey.verify');

  const s = await scenario(engine, ['sign', a.alg, hex(okBytes(k, `kp:${kpEnc}`)), kpEnc, hex(msg)]);
  assert.deepEqual(s['import'], { ok: a.alg }, `keypair.import (${kpEnc})`);
  const pk: Signed['pk'] = { raw: okBytes(s, 'pk:raw', a.pkLen) };
  assert.equal(hex(pk.raw), hex(okBytes(k, 'pk:raw')), 'the imported key pair has the generated public key');
  if (encoded) {
    pk.pkcs8 = okBytes(s, 'pk:pkcs8');
    assert.equal(hex(pk.pkcs8), hex(okBytes(k, 'pk:pkcs8')), 'the imported key pair has the generated public key (pkcs8)');
    if (a.ecdsa) pk.sec = okBytes(s, 'pk:sec', 65);
    else assert.deepEqual(s['pk:sec'], { err: 'unsupported-encoding' }, `${a.alg} has no sec public key`);
  }
  const sig: Signed['sig'] = { raw: okBytes(s, 'sig:raw', a.sigLen) };
  if (encoded) {
    if (a.ecdsa) sig.der = okBytes(s, 'sig:der');
    else assert.deepEqual(s['sig:der'], { err: 'unsupported-encoding' }, `${a.alg} has no der signature`);
  }
  const oneshot = okBytes(s, 'oneshot', a.sigLen);
  const again = okBytes(s, 'signAgain', a.sigLen);
  if (a.alg === 'Ed25519') {
    // Deterministic: the state, the state again (cumulative, same message) and one-shot agree.
    assert.equal(hex(again), hex(sig.raw), 'a second sign on the state signs the same message');
    assert.equal(hex(oneshot), hex(sig.raw), 'one-shot = state');
  }
  assert.deepEqual(s['selfVerify'], { ok: 'ok' }, 'the signer verifies its own signatures');
  return { keygen: k, signed: { pk, sig, oneshot } };
}

/** Runs `verify` in `engine` for each case; checks each outcome. */
async function verifyCases(engine: Engine, a: SigAlg, msg: Buffer, cases: VerifyCase[], backend: Backend = 'node'): Promise<void> {
  for (const c of cases) {
    const r = await scenario(engine, ['verify', a.alg, hex(c.pk), c.pkEnc, hex(msg), hex(c.sig), c.sigEnc], backend);
    assert.equal(
      r['result'],
      c.want,
      `${LABEL[engine]} (${backend} backend) verify (pk ${c.pkEnc}, sig ${c.sigEnc}): expected ${c.want}; report ${JSON.stringify(r)}`,
    );
  }
}

const ref = (a: SigAlg): string => (a.alg === 'ML-DSA-65' && !NODE_HAS_ML_DSA ? '@noble/post-quantum' : 'node:crypto');

for (const a of SIG_ALGS) {
  describe(`${a.alg} signatures across engines`, () => {
    for (const [signer, verifier] of DIRECTIONS) {
      test(`raw keys: ${LABEL[signer]} generates and signs; ${LABEL[verifier]} and ${ref(a)} verify; tampered, truncated, other message`, async () => {
        const msg = ascii(`wasi:crypto ${a.alg} signed on ${LABEL[signer]}, verified on ${LABEL[verifier]}`);
        const { signed: s } = await keygenSign(signer, a, 'raw', msg, false);
        const tampered = flipped(s.sig.raw, a.tamperAt);

        // Outside any component, the key built from the raw export.
        assert.ok(a.verifyRaw(s.pk.raw, msg, s.sig.raw, 'raw'), `${ref(a)} verifies the state signature`);
        assert.ok(a.verifyRaw(s.pk.raw, msg, s.oneshot, 'raw'), `${ref(a)} verifies the one-shot signature`);
        assert.equal(a.verifyRaw(s.pk.raw, msg, tampered, 'raw'), false, `${ref(a)} rejects the tampered signature`);

        // In the other engine.
        await verifyCases(verifier, a, msg, [
          { pkEnc: 'raw', pk: s.pk.raw, sigEnc: 'raw', sig: s.sig.raw, want: 'ok' },
          { pkEnc: 'raw', pk: s.pk.raw, sigEnc: 'raw', sig: s.oneshot, want: 'ok' },
          { pkEnc: 'raw', pk: s.pk.raw, sigEnc: 'raw', sig: tampered, want: 'verification-failed' },
          { pkEnc: 'raw', pk: s.pk.raw, sigEnc: 'raw', sig: s.sig.raw.subarray(0, a.sigLen - 1), want: 'invalid-signature' },
        ]);
        // The signature does not cover another message.
        await verifyCases(verifier, a, ascii('another message'), [
          { pkEnc: 'raw', pk: s.pk.raw, sigEnc: 'raw', sig: s.sig.raw, want: 'verification-failed' },
        ]);
      });

      const kpEnc = a.kpEncoded;
      const what = a.ecdsa ? 'pkcs8/sec keys, raw/der signatures' : 'pkcs8 keys';
      test(`${what}: ${LABEL[signer]} generates and signs (key pair via ${kpEnc}); ${LABEL[verifier]} and ${ref(a)} verify with the SPKI`, async () => {
        const msg = ascii(`wasi:crypto ${a.alg} (${what}) signed on ${LABEL[signer]}, verified on ${LABEL[verifier]}`);
        const { signed: s } = await keygenSign(signer, a, kpEnc, msg, true);
        const spkiDer = s.pk.pkcs8!;

        // Outside any component, the key built from the exported SPKI DER.
        assert.ok(a.verifySpki(spkiDer, msg, s.sig.raw, 'raw'), `${ref(a)} verifies the state signature`);
        assert.ok(a.verifySpki(spkiDer, msg, s.oneshot, 'raw'), `${ref(a)} verifies the one-shot signature`);
        assert.equal(a.verifySpki(spkiDer, msg, flipped(s.sig.raw, a.tamperAt), 'raw'), false, 'tampered');
        if (a.ecdsa) {
          assert.ok(a.verifySpki(spkiDer, msg, s.sig.der!, 'der'), `${ref(a)} verifies the DER signature`);
          assert.equal(hex(derToRaw(s.sig.der!)), hex(s.sig.raw), 'sig:der and sig:raw are the same signature');
        }

        const cases: VerifyCase[] = [
          { pkEnc: 'pkcs8', pk: spkiDer, sigEnc: 'raw', sig: s.sig.raw, want: 'ok' },
          { pkEnc: 'pkcs8', pk: spkiDer, sigEnc: 'raw', sig: s.oneshot, want: 'ok' },
        ];
        if (a.ecdsa) {
          cases.push(
            { pkEnc: 'sec', pk: s.pk.sec!, sigEnc: 'der', sig: s.sig.der!, want: 'ok' },
            { pkEnc: 'sec', pk: compress(s.pk.sec!), sigEnc: 'raw', sig: s.sig.raw, want: 'ok' }, // sec import takes both forms
            // Tampered DER (the low byte of s): still strict DER, does not verify.
            { pkEnc: 'pkcs8', pk: spkiDer, sigEnc: 'der', sig: flipped(s.sig.der!, -1), want: 'verification-failed' },
          );
        }
        await verifyCases(verifier, a, msg, cases);
      });
    }
  });
}

/** An ECDSA P-256 DER signature as r ‖ s, by hand (two INTEGERs in a SEQUENCE, short form lengths). */
function derToRaw(der: Uint8Array): Buffer {
  assert.equal(der[0], 0x30, 'DER SEQUENCE');
  assert.equal(der[1], der.length - 2, 'DER length');
  const ints: Buffer[] = [];
  let i = 2;
  while (i < der.length) {
    assert.equal(der[i], 0x02, 'DER INTEGER');
    const len = der[i + 1]!;
    let v = Buffer.from(der.subarray(i + 2, i + 2 + len));
    assert.ok(!(v[0] === 0 && len > 1 && (v[1]! & 0x80) === 0), 'minimal INTEGER');
    if (v[0] === 0) v = v.subarray(1);
    ints.push(Buffer.concat([Buffer.alloc(32 - v.length), v]));
    i += 2 + len;
  }
  assert.equal(ints.length, 2);
  return Buffer.concat(ints);
}

describe('key pairs generated by node:crypto sign in the guests (PKCS#8 import)', () => {
  for (const engine of ENGINES) {
    test(`Ed25519 on ${engine.label}: the guest's signatures are node:crypto's (RFC 8032 is deterministic)`, async () => {
      const { privateKey, publicKey } = generateKeyPairSync('ed25519');
      const msg = ascii(`signed with a node:crypto key on ${engine.label}`);
      const r = await scenario(engine.id, ['sign', 'Ed25519', hex(privateKey.export({ format: 'der', type: 'pkcs8' })), 'pkcs8', hex(msg)]);
      assert.deepEqual(r['import'], { ok: 'Ed25519' });
      assert.equal(hex(okBytes(r, 'pk:pkcs8')), hex(publicKey.export({ format: 'der', type: 'spki' })));
      assert.equal(b64url(okBytes(r, 'pk:raw', 32)), publicKey.export({ format: 'jwk' }).x);
      const want = hex(nodeSign(null, msg, privateKey));
      assert.deepEqual(r['sig:raw'], { ok: want });
      assert.deepEqual(r['oneshot'], { ok: want });
    });

    test(`ECDSA_P256_SHA256 on ${engine.label}: node:crypto verifies (raw and DER)`, async () => {
      const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const msg = ascii(`signed with a node:crypto key on ${engine.label}`);
      const r = await scenario(engine.id, ['sign', 'ECDSA_P256_SHA256', hex(privateKey.export({ format: 'der', type: 'pkcs8' })), 'pkcs8', hex(msg)]);
      assert.deepEqual(r['import'], { ok: 'ECDSA_P256_SHA256' });
      assert.equal(hex(okBytes(r, 'pk:pkcs8')), hex(publicKey.export({ format: 'der', type: 'spki' })));
      assert.ok(nodeVerify('sha256', msg, { key: publicKey, dsaEncoding: 'ieee-p1363' }, okBytes(r, 'sig:raw', 64)), 'sig:raw');
      assert.ok(nodeVerify('sha256', msg, { key: publicKey, dsaEncoding: 'der' }, okBytes(r, 'sig:der')), 'sig:der');
      assert.ok(nodeVerify('sha256', msg, { key: publicKey, dsaEncoding: 'ieee-p1363' }, okBytes(r, 'oneshot', 64)), 'one-shot');
    });
  }
});

// --- key exchange -----------------------------------------------------------------------------

/** An X25519 key pair in node:crypto from the raw exports (JWK). */
function x25519Private(sk: Uint8Array, pk: Uint8Array): KeyObject {
  return createPrivateKey({ key: { kty: 'OKP', crv: 'X25519', d: b64url(sk), x: b64url(pk) }, format: 'jwk' });
}
function x25519Public(pk: Uint8Array): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: b64url(pk) }, format: 'jwk' });
}

/** dh-keygen X25519 in `engine`, with the checks of the raw exports (and of the encoded ones). */
async function x25519Keygen(engine: Engine, encoded: boolean): Promise<Report> {
  const k = await scenario(engine, ['dh-keygen', 'X25519']);
  assert.deepEqual(k['generate'], { ok: 'X25519' }, `${LABEL[engine]} keypair.generate`);
  const pk = okBytes(k, 'pk:raw', 32);
  const sk = okBytes(k, 'sk:raw', 32);
  assert.equal(hex(okBytes(k, 'kp:raw', 64)), hex(Buffer.concat([pk, sk])), 'kp:raw = pk ‖ sk');
  assert.equal(hex(okBytes(k, 'pk:fromSk')), hex(pk), 'publickey.from-secretkey');
  assert.equal(createPublicKey(x25519Private(sk, pk)).export({ format: 'jwk' }).x, b64url(pk), 'node:crypto: sk:raw → pk:raw');
  if (encoded) {
    const spkiDer = okBytes(k, 'pk:pkcs8');
    assert.equal(spki(spkiDer).export({ format: 'jwk' }).x, b64url(pk), 'pk:pkcs8 holds pk:raw');
    for (const label of ['kp:pkcs8', 'sk:pkcs8']) {
      const priv = pkcs8(okBytes(k, label));
      assert.equal(priv.export({ format: 'jwk' }).d, b64url(sk), `${label} holds sk:raw`);
      assert.equal(hex(spkiOf(priv)), hex(spkiDer), `${label} → public key = pk:pkcs8`);
    }
  }
  return k;
}

describe('X25519 across engines', () => {
  test('raw keys: QuickJS and StarlingMonkey each generate, exchange public keys; both dh results agree with node:crypto', async () => {
    const q = await x25519Keygen('qjs', false);
    const s = await x25519Keygen('sm', false);
    const onQjs = await scenario('qjs', ['dh', 'X25519', hex(okBytes(s, 'pk:raw')), hex(okBytes(q, 'sk:raw'))]);
    const onSm = await scenario('sm', ['dh', 'X25519', hex(okBytes(q, 'pk:raw')), hex(okBytes(s, 'sk:raw'))]);
    const shared = okBytes(onQjs, 'dh', 32);
    assert.equal(hex(okBytes(onSm, 'dh', 32)), hex(shared), 'both sides derive the same secret');
    assert.notEqual(hex(shared), '00'.repeat(32));
    const reference = diffieHellman({
      privateKey: x25519Private(okBytes(q, 'sk:raw'), okBytes(q, 'pk:raw')),
      publicKey: x25519Public(okBytes(s, 'pk:raw')),
    });
    assert.equal(hex(shared), hex(reference), 'node:crypto diffieHellman');
  });

  test('pkcs8 keys: the same exchange with SPKI public keys and PKCS#8 secret keys; node:crypto reads the exports', async () => {
    const q = await x25519Keygen('qjs', true);
    const s = await x25519Keygen('sm', true);
    const onQjs = await scenario('qjs', ['dh', 'X25519', hex(okBytes(s, 'pk:pkcs8')), hex(okBytes(q, 'sk:pkcs8')), 'pkcs8', 'pkcs8']);
    const onSm = await scenario('sm', ['dh', 'X25519', hex(okBytes(q, 'pk:pkcs8')), hex(okBytes(s, 'sk:pkcs8')), 'pkcs8', 'pkcs8']);
    const shared = okBytes(onQjs, 'dh', 32);
    assert.equal(hex(okBytes(onSm, 'dh', 32)), hex(shared), 'both sides derive the same secret');
    const reference = diffieHellman({ privateKey: pkcs8(okBytes(q, 'kp:pkcs8')), publicKey: spki(okBytes(s, 'pk:pkcs8')) });
    assert.equal(hex(shared), hex(reference), 'node:crypto diffieHellman (QuickJS key pair, StarlingMonkey public key)');
    const reference2 = diffieHellman({ privateKey: pkcs8(okBytes(s, 'sk:pkcs8')), publicKey: spki(okBytes(q, 'pk:pkcs8')) });
    assert.equal(hex(reference2), hex(shared), 'node:crypto diffieHellman (the other way)');
  });

  test('a small-order peer public key (all zeros) gives invalid-key', async () => {
    const { privateKey } = generateKeyPairSync('x25519');
    const sk = Buffer.from(privateKey.export({ format: 'jwk' }).d!, 'base64url');
    const r = await scenario('sm', ['dh', 'X25519', '00'.repeat(32), hex(sk)]);
    assert.deepEqual(r['importSk'], { ok: 'X25519' });
    // Import may refuse it already; otherwise dh must.
    const failed = [r['importPk'], r['dh']].find((st) => typeof st === 'object' && st !== null && 'err' in st);
    assert.deepEqual(failed, { err: 'invalid-key' }, `importPk ${JSON.stringify(r['importPk'])}, dh ${JSON.stringify(r['dh'])}`);
  });
});

interface KemAlg {
  alg: string;
  pkLen: number;
  skLen: number;
  ctLen: number;
  /** Decapsulation outside any component, from the exported raw secret key. */
  reference(sk: Uint8Array, ct: Uint8Array): Uint8Array;
}

const KEM_ALGS: KemAlg[] = [
  {
    alg: 'ML-KEM-768',
    pkLen: 1184,
    skLen: 2400,
    ctLen: 1088,
    reference: (sk, ct) => ml_kem768.decapsulate(ct, sk),
  },
  {
    alg: 'X-WING',
    pkLen: 1216,
    skLen: 32,
    ctLen: 1120,
    // @noble/post-quantum's ml_kem768_x25519 is X-Wing (draft-connolly-cfrg-xwing-kem; label \.//^\).
    reference: (sk, ct) => ml_kem768_x25519.decapsulate(ct, sk),
  },
];

/**
 * The SPKI DER prefix of an ML-KEM-768 public key: SEQUENCE { SEQUENCE { OID
 * 2.16.840.1.101.3.4.4.2 } BIT STRING (1184-byte key) } (draft-ietf-lamps-kyber-certificates).
 */
const ML_KEM_768_SPKI_PREFIX = unhex('308204b2300b0609608648016503040402038204a100');

/** kem-keygen in `engine` with the checks of the raw exports. */
async function kemKeygen(engine: Engine, k: KemAlg): Promise<{ report: Report; pk: Buffer; sk: Buffer }> {
  const g = await scenario(engine, ['kem-keygen', k.alg]);
  assert.deepEqual(g['generate'], { ok: k.alg }, 'keypair.generate');
  const pk = okBytes(g, 'pk:raw', k.pkLen);
  const sk = okBytes(g, 'sk:raw', k.skLen);
  assert.equal(hex(okBytes(g, 'kp:raw')), hex(sk), 'kp:raw = sk:raw');
  assert.equal(hex(okBytes(g, 'pk:fromSk')), hex(pk), 'publickey.from-secretkey');
  return { report: g, pk, sk };
}

for (const k of KEM_ALGS) {
  describe(`${k.alg} across engines`, () => {
    for (const [holder, sender] of DIRECTIONS) {
      test(`${LABEL[holder]} generates, ${LABEL[sender]} encapsulates to its raw public key, ${LABEL[holder]} decapsulates${
        holder === 'qjs' ? '; implicit rejection, a short ciphertext' : ''
      }`, async () => {
        const { pk, sk } = await kemKeygen(holder, k);
        const e = await scenario(sender, ['encaps', k.alg, hex(pk)]);
        const enc = ok(e, 'encapsulate') as { secret: string; ciphertext: string };
        const secret = unhex(enc.secret);
        const ct = unhex(enc.ciphertext);
        assert.equal(secret.length, 32, 'secret: 32 bytes');
        assert.equal(ct.length, k.ctLen, `ciphertext: ${k.ctLen} bytes`);

        const d = await scenario(holder, ['decaps', k.alg, hex(sk), hex(ct)]);
        assert.equal(hex(okBytes(d, 'decapsulate', 32)), hex(secret), 'the holder decapsulates the sender’s secret');
        assert.equal(hex(k.reference(sk, ct)), hex(secret), '@noble/post-quantum decapsulates the same secret');

        if (holder === 'qjs') {
          // Implicit rejection: a modified ciphertext gives another secret, not an error.
          const t = await scenario(holder, ['decaps', k.alg, hex(sk), hex(flipped(ct, 0))]);
          const rejected = okBytes(t, 'decapsulate', 32);
          assert.notEqual(hex(rejected), hex(secret), 'a tampered ciphertext does not give the secret');
          assert.equal(hex(rejected), hex(k.reference(sk, flipped(ct, 0))), 'implicit rejection as @noble/post-quantum');
          // A ciphertext of the wrong length.
          const short = await scenario(holder, ['decaps', k.alg, hex(sk), hex(ct.subarray(1))]);
          assert.deepEqual(short['decapsulate'], { err: 'invalid-length' }, 'a ciphertext one byte short');
        }
      });
    }
  });
}

describe('KEM public key encodings', () => {
  test('ML-KEM-768: QuickJS exports SPKI, StarlingMonkey encapsulates to it, QuickJS decapsulates', async () => {
    const k = KEM_ALGS[0]!;
    const { report, pk, sk } = await kemKeygen('qjs', k);
    const spkiDer = okBytes(report, 'pk:pkcs8');
    assert.equal(hex(spkiDer), hex(Buffer.concat([ML_KEM_768_SPKI_PREFIX, pk])), 'pk:pkcs8 = SPKI(id-alg-ml-kem-768, pk:raw)');
    const e = await scenario('sm', ['encaps', k.alg, hex(spkiDer), 'pkcs8']);
    const enc = ok(e, 'encapsulate') as { secret: string; ciphertext: string };
    const d = await scenario('qjs', ['decaps', k.alg, hex(sk), enc.ciphertext]);
    assert.deepEqual(d['decapsulate'], { ok: enc.secret });
  });

  test('X-WING has raw public keys only', async () => {
    const { report } = await kemKeygen('sm', KEM_ALGS[1]!);
    assert.deepEqual(report['pk:pkcs8'], { err: 'unsupported-encoding' });
    assert.deepEqual(report['kp:pkcs8'], { err: 'unsupported-encoding' });
  });
});

test('encapsulate on a DH key and dh on a KEM key give invalid-operation', async () => {
  const x = generateKeyPairSync('x25519');
  const e = await scenario('qjs', ['encaps', 'X25519', hex(Buffer.from(x.publicKey.export({ format: 'jwk' }).x!, 'base64url'))]);
  assert.deepEqual(e['importPk'], { ok: 'X25519' });
  assert.deepEqual(e['encapsulate'], { err: 'invalid-operation' });
  const m = ml_kem768.keygen();
  const d = await scenario('sm', ['dh', 'ML-KEM-768', hex(m.publicKey), hex(m.secretKey)]);
  assert.deepEqual(d['importPk'], { ok: 'ML-KEM-768' });
  assert.deepEqual(d['importSk'], { ok: 'ML-KEM-768' });
  assert.deepEqual(d['dh'], { err: 'invalid-operation' });
});

// --- the portable backend on the other side ---------------------------------------------------

describe('the portable (noble) backend on the other side: QuickJS on node:crypto, StarlingMonkey on @noble/*', () => {
  for (const a of SIG_ALGS) {
    test(`${a.alg}: signed on the node backend, verified on the noble backend, and back`, async () => {
      const msg = ascii(`wasi:crypto ${a.alg} across backends`);
      const there = await keygenSign('qjs', a, 'raw', msg, false);
      await verifyCases(
        'sm',
        a,
        msg,
        [
          { pkEnc: 'raw', pk: there.signed.pk.raw, sigEnc: 'raw', sig: there.signed.sig.raw, want: 'ok' },
          { pkEnc: 'raw', pk: there.signed.pk.raw, sigEnc: 'raw', sig: flipped(there.signed.sig.raw, a.tamperAt), want: 'verification-failed' },
        ],
        'noble',
      );
      // The other way: the noble backend signs the same key pair, node:crypto's host verifies.
      const kp = okBytes(there.keygen, 'kp:raw');
      const back = await scenario('sm', ['sign', a.alg, hex(kp), 'raw', hex(msg)], 'noble');
      assert.deepEqual(back['selfVerify'], { ok: 'ok' }, 'the noble backend verifies its own signatures');
      const sig = okBytes(back, 'sig:raw', a.sigLen);
      if (a.alg === 'Ed25519') assert.equal(hex(sig), hex(there.signed.sig.raw), 'Ed25519 is deterministic on both backends');
      assert.ok(a.verifyRaw(there.signed.pk.raw, msg, sig, 'raw'), `${ref(a)} verifies the noble backend's signature`);
      await verifyCases('qjs', a, msg, [{ pkEnc: 'raw', pk: there.signed.pk.raw, sigEnc: 'raw', sig, want: 'ok' }]);
    });
  }

  test('X25519: dh on both backends agrees', async () => {
    const q = await x25519Keygen('qjs', false);
    const sm = await scenario('sm', ['dh-keygen', 'X25519'], 'noble');
    const onQjs = await scenario('qjs', ['dh', 'X25519', hex(okBytes(sm, 'pk:raw', 32)), hex(okBytes(q, 'sk:raw'))]);
    const onSm = await scenario('sm', ['dh', 'X25519', hex(okBytes(q, 'pk:raw')), hex(okBytes(sm, 'sk:raw', 32))], 'noble');
    assert.equal(hex(okBytes(onSm, 'dh', 32)), hex(okBytes(onQjs, 'dh', 32)));
  });

  for (const k of KEM_ALGS) {
    test(`${k.alg}: generated on the node backend, encapsulated on the noble backend, decapsulated on node`, async () => {
      const { pk, sk } = await kemKeygen('qjs', k);
      const e = await scenario('sm', ['encaps', k.alg, hex(pk)], 'noble');
      const enc = ok(e, 'encapsulate') as { secret: string; ciphertext: string };
      const d = await scenario('qjs', ['decaps', k.alg, hex(sk), enc.ciphertext]);
      assert.deepEqual(d['decapsulate'], { ok: enc.secret });
    });
  }
});

test('an unknown scenario and a bad encoding name are usage errors: run returns err (exit code 1)', async () => {
  for (const [engine, args] of [
    ['qjs', ['no-such-scenario', 'Ed25519']],
    ['sm', ['dh', 'X25519', '00', '00', 'der']],
  ] as const) {
    const component = await guest(engine);
    const host = createCryptoHost();
    const chunks: Uint8Array[] = [];
    const code = await run(component, {
      imports: { ...host.getImportObject() },
      args: ['asymmetric', ...args],
      stdout: (chunk) => chunks.push(Uint8Array.from(chunk)),
    });
    const stats = host.stats();
    host[Symbol.dispose]();
    assert.equal(code, 1, LABEL[engine]);
    assert.match(Buffer.concat(chunks).toString('utf8'), args[0] === 'dh' ? /^PKENC: expected one of / : /^usage: asymmetric </);
    assert.equal(stats.handles.total, 0);
  }
});
