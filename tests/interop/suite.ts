/**
 * The interop suite (guest-examples/interop/wit/interop.wit) as the test sees it: the languages
 * that implement it as guest components, and node:crypto's implementation outside any component
 * (the independent column of the matrix).
 *
 * To add a language: one entry in {@link LANGUAGES}.
 */
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  randomBytes,
  sign as nodeSign,
  timingSafeEqual,
  verify as nodeVerify,
  type KeyObject,
} from 'node:crypto';

/** `record outputs` as jco gives it to JavaScript. */
export interface Outputs {
  producer: string;
  message: Uint8Array;
  sha256: Uint8Array;
  hmacKey: Uint8Array;
  hmacTag: Uint8Array;
  aeadKey: Uint8Array;
  aeadNonce: Uint8Array;
  aeadCiphertext: Uint8Array;
  ed25519Public: Uint8Array;
  ed25519Keypair: Uint8Array;
  ed25519Signature: Uint8Array;
  p256Public: Uint8Array;
  p256Signature: Uint8Array;
  x25519Public: Uint8Array;
  x25519PeerSecret: Uint8Array;
  x25519Shared: Uint8Array;
}

/** `record check-line`. */
export interface CheckLine {
  scenario: string;
  passed: boolean;
  detail: string;
}

/** The exported `suite` interface. */
export interface Suite {
  produce(): Outputs;
  check(outputs: Outputs): CheckLine[];
  errors(): CheckLine[];
}

/** The scenarios every `check` reports, in order. */
export const CHECK_SCENARIOS = ['sha256', 'hmac-verify', 'aead-open', 'ed25519-verify', 'ed25519-keypair-import', 'p256-verify', 'x25519-dh'];
/** The error lines every `errors()` reports, in order. */
export const ERROR_SCENARIOS = ['error:unsupported-algorithm', 'error:invalid-key', 'error:verification-failed', 'error:invalid-tag'];

export interface InteropLanguage {
  /** Column / row label. */
  id: string;
  /** The component, relative to the repository root. */
  component: string;
  /** How it is built: shown when it is missing. */
  build: string;
}

/** Every guest language of the matrix. */
export const LANGUAGES: InteropLanguage[] = [
  {
    id: 'c',
    component: 'guest-examples/c/interop/build/interop.c.wasm',
    build: '`npm run build-native-guests` (needs clang-19 + wasi-libc: scripts/install-toolchains.sh)',
  },
  { id: 'js-quickjs', component: 'guest-examples/js/interop/build/interop.qjs.wasm', build: '`npm run build-guests`' },
  { id: 'js-starlingmonkey', component: 'guest-examples/js/interop/build/interop.sm.wasm', build: '`npm run build-guests`' },
  {
    id: 'rust',
    component: 'guest-examples/rust/interop/build/interop.rust.wasm',
    build: '`npm run build-native-guests` (needs Debian rustc 1.63 + libstd-rust-dev-wasm32: scripts/install-toolchains.sh)',
  },
  {
    id: 'assemblyscript',
    component: 'guest-examples/assemblyscript/interop/build/interop.as.wasm',
    build: '`npm run build-native-guests` (needs the npm devDependency assemblyscript)',
  },
];

// ── node:crypto, outside any component ──────────────────────────────────────────────────────────

const b64url = (b: Uint8Array): string => Buffer.from(b).toString('base64url');
const fromB64url = (s: string | undefined): Uint8Array => new Uint8Array(Buffer.from(s ?? '', 'base64url'));
const eq = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && timingSafeEqual(a, b);

function okpPublic(crv: 'Ed25519' | 'X25519', raw: Uint8Array): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv, x: b64url(raw) }, format: 'jwk' });
}

function p256Public(sec1: Uint8Array): KeyObject {
  if (sec1.length !== 65 || sec1[0] !== 4) throw new Error('not an uncompressed SEC 1 P-256 point');
  return createPublicKey({
    key: { kty: 'EC', crv: 'P-256', x: b64url(sec1.subarray(1, 33)), y: b64url(sec1.subarray(33)) },
    format: 'jwk',
  });
}

/** node:crypto's producer: the same scenarios as the guests' `produce`. */
export function nodeProduce(): Outputs {
  const producer = 'node';
  const message = new Uint8Array(Buffer.from(`interop message from ${producer}`));
  const sha256 = new Uint8Array(createHash('sha256').update(message).digest());
  const hmacKey = new Uint8Array(randomBytes(32));
  const hmacTag = new Uint8Array(createHmac('sha256', hmacKey).update(message).digest());
  const aeadKey = new Uint8Array(randomBytes(32));
  const aeadNonce = new Uint8Array(randomBytes(12));
  const c = createCipheriv('aes-256-gcm', aeadKey, aeadNonce);
  c.setAAD(Buffer.from(producer));
  const aeadCiphertext = new Uint8Array(Buffer.concat([c.update(message), c.final(), c.getAuthTag()]));
  const ed = generateKeyPairSync('ed25519');
  const x = (k: KeyObject): Uint8Array => fromB64url(k.export({ format: 'jwk' }).x);
  const p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const pj = p256.publicKey.export({ format: 'jwk' });
  const a = generateKeyPairSync('x25519');
  const b = generateKeyPairSync('x25519');
  return {
    producer,
    message,
    sha256,
    hmacKey,
    hmacTag,
    aeadKey,
    aeadNonce,
    aeadCiphertext,
    ed25519Public: x(ed.publicKey),
    ed25519Keypair: new Uint8Array(ed.privateKey.export({ format: 'der', type: 'pkcs8' })),
    ed25519Signature: new Uint8Array(nodeSign(null, message, ed.privateKey)),
    p256Public: new Uint8Array([4, ...fromB64url(pj.x), ...fromB64url(pj.y)]),
    p256Signature: new Uint8Array(nodeSign('sha256', message, { key: p256.privateKey, dsaEncoding: 'ieee-p1363' })),
    x25519Public: x(a.publicKey),
    x25519PeerSecret: fromB64url(b.privateKey.export({ format: 'jwk' }).d),
    x25519Shared: new Uint8Array(diffieHellman({ publicKey: b.publicKey, privateKey: a.privateKey })),
  };
}

function line(scenario: string, fn: () => string): CheckLine {
  let detail: string;
  try {
    detail = fn();
  } catch (e) {
    detail = String((e as Error)?.message ?? e);
  }
  return { scenario, passed: detail === '', detail };
}

/** node:crypto's checker: the same scenarios as the guests' `check`. */
export function nodeCheck(o: Outputs): CheckLine[] {
  return [
    line('sha256', () => (eq(createHash('sha256').update(o.message).digest(), o.sha256) ? '' : 'digest differs')),
    line('hmac-verify', () => (eq(createHmac('sha256', o.hmacKey).update(o.message).digest(), o.hmacTag) ? '' : 'tag differs')),
    line('aead-open', () => {
      const ct = o.aeadCiphertext;
      if (ct.length < 16) return 'ciphertext shorter than a tag';
      const d = createDecipheriv('aes-256-gcm', o.aeadKey, o.aeadNonce);
      d.setAAD(Buffer.from(o.producer));
      d.setAuthTag(ct.subarray(ct.length - 16));
      const plain = Buffer.concat([d.update(ct.subarray(0, ct.length - 16)), d.final()]);
      return eq(plain, o.message) ? '' : 'plaintext differs from the message';
    }),
    line('ed25519-verify', () =>
      nodeVerify(null, o.message, okpPublic('Ed25519', o.ed25519Public), o.ed25519Signature) ? '' : 'signature does not verify',
    ),
    line('ed25519-keypair-import', () => {
      const sk = createPrivateKey({ key: Buffer.from(o.ed25519Keypair), format: 'der', type: 'pkcs8' });
      if (!eq(nodeSign(null, o.message, sk), o.ed25519Signature)) return 're-signed signature differs (Ed25519 is deterministic)';
      const pub = fromB64url(createPublicKey(sk).export({ format: 'jwk' }).x);
      return eq(pub, o.ed25519Public) ? '' : 'public key differs';
    }),
    line('p256-verify', () =>
      nodeVerify('sha256', o.message, { key: p256Public(o.p256Public), dsaEncoding: 'ieee-p1363' }, o.p256Signature)
        ? ''
        : 'signature does not verify',
    ),
    line('x25519-dh', () => {
      const pub = okpPublic('X25519', o.x25519Public);
      // The raw 32-byte secret as a KeyObject: RFC 8410 PKCS#8 is a fixed prefix and the bytes.
      if (o.x25519PeerSecret.length !== 32) return `secret key of ${o.x25519PeerSecret.length} bytes`;
      const prefix = Buffer.from('302e020100300506032b656e04220420', 'hex');
      const sk = createPrivateKey({ key: Buffer.concat([prefix, o.x25519PeerSecret]), format: 'der', type: 'pkcs8' });
      return eq(diffieHellman({ publicKey: pub, privateKey: sk }), o.x25519Shared) ? '' : 'shared secret differs';
    }),
  ];
}
