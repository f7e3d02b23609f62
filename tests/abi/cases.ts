/**
 * One table of algorithm and rule cases for every ABI the host serves (issue 9: "one table of
 * algorithm and rule cases runs through each ABI with the same results"). A case names an
 * operation in ABI-neutral terms, its inputs (hex), and the expected outcome: the output bytes,
 * plain success, or a wasi-crypto error (WIT spelling, e.g. `invalid-tag`; a witx runner maps its
 * errno with `errorCodeOf`). Expected bytes come from published vectors (FIPS 180-2, RFC 4231,
 * the GCM specification, RFC 5869, RFC 8032, RFC 6979, RFC 7748) — never from this host.
 *
 * To add an ABI: implement {@link AbiRunner} (see runners.ts for the WIT and witx runners) and run
 * `CASES` through it with `runCase`.
 */

/** The operations every runner implements. Byte strings are hex. */
export type Operation =
  /** Open a hash/XOF state (no key), absorb `data`, squeeze `outLen` bytes. */
  | { op: 'hash'; alg: string; data: string; outLen: number }
  /** Import a symmetric key, open a MAC state with it, absorb, squeeze_tag, return the tag bytes. */
  | { op: 'mac'; alg: string; key: string; data: string }
  /** As `mac`, then verify the tag against `tag` (constant-time, via the tag object). */
  | { op: 'mac-verify'; alg: string; key: string; data: string; tag: string }
  /** Import the key, set `nonce` (if given), open, absorb `ad`, encrypt `pt`: ciphertext‖tag. */
  | { op: 'aead-seal'; alg: string; key: string; nonce?: string; ad: string; pt: string }
  /** Import the key, set `nonce`, open, absorb `ad`, decrypt `ct` (ciphertext‖tag): plaintext. */
  | { op: 'aead-open'; alg: string; key: string; nonce: string; ad: string; ct: string }
  /** HKDF: extract with `key` (IKM) and `salt` absorbed, squeeze_key for `expandAlg`, absorb `info`, squeeze `outLen`. */
  | { op: 'hkdf'; extractAlg: string; expandAlg: string; ikm: string; salt: string; info: string; outLen: number }
  /** Open a state for `alg`, with a key of `keyAlg` (raw `key`) if given. Success or the error. */
  | { op: 'state-open'; alg: string; keyAlg?: string; key?: string; nonce?: string }
  /** Import a symmetric key. */
  | { op: 'symmetric-key-import'; alg: string; raw: string }
  /** Open an options set of `type` and set the byte option `name`. */
  | { op: 'options-set'; type: 'signatures' | 'symmetric' | 'key-exchange'; name: string; value: string }
  /** Open a state for `alg` (no key, no options) and call a function it may not support. */
  | { op: 'state-call'; alg: string; call: 'encrypt' | 'squeeze-tag' | 'ratchet' | 'max-tag-len' }
  /** Import a public key; verify `sig` (import with `sigEncoding`) over `msg`. */
  | { op: 'verify'; type: 'signatures'; alg: string; pk: string; pkEncoding: 'raw' | 'sec' | 'pkcs8'; msg: string; sig: string; sigEncoding: 'raw' | 'der' }
  /** Import a raw secret key, derive the key pair, sign `msg`, export the raw signature. */
  | { op: 'sign'; alg: string; sk: string; msg: string }
  /** Import a key pair (`encoding`), sign `msg`, export the raw signature. */
  | { op: 'keypair-import-sign'; alg: string; kp: string; encoding: 'raw' | 'pkcs8'; msg: string }
  /** Generate a key pair, sign `msg`, verify it with the key pair's public key. */
  | { op: 'sign-roundtrip'; alg: string; msg: string }
  /** Import a public key only. */
  | { op: 'publickey-import'; type: 'signatures' | 'key-exchange'; alg: string; pk: string; encoding: 'raw' | 'sec' | 'pkcs8' | 'pem' }
  /** Import a signature only. */
  | { op: 'signature-import'; alg: string; sig: string; encoding: 'raw' | 'der' }
  /** Key exchange: raw secret key and raw public key, DH, the shared secret. */
  | { op: 'dh'; alg: string; sk: string; pk: string }
  /** Import a raw secret key and return the raw public key derived from it. */
  | { op: 'publickey-from-secretkey'; type: 'signatures' | 'key-exchange'; alg: string; sk: string };

/** What a runner returns: bytes (hex), plain success (`null`), or a wasi-crypto error case. */
export type Outcome = { ok: string | null } | { error: string };

export interface Case {
  name: string;
  operation: Operation;
  expect: Outcome;
}

/** One ABI under test. `run` never throws for a wasi-crypto error; it returns `{ error }`. */
export interface AbiRunner extends Disposable {
  readonly name: string;
  run(operation: Operation): Outcome;
}

export function runCase(runner: AbiRunner, c: Case): Outcome {
  return runner.run(c.operation);
}

const ZERO16 = '00'.repeat(16);
const ZERO32 = '00'.repeat(32);
const ZERO12 = '00'.repeat(12);
const hexOf = (s: string): string => Buffer.from(s, 'utf8').toString('hex');

const SHA256_ABC = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
const ED25519_1 = {
  sk: '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
  pk: 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
  sig: 'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
};
const ED25519_2 = {
  sk: '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb',
  pk: '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
  msg: '72',
  sig: '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
};
// RFC 6979 A.2.5: P-256, SHA-256, message "sample".
const P256 = {
  pk: '0460fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb67903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299',
  sig: 'efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8',
};
// RFC 7748 6.1.
const X25519 = {
  aliceSk: '77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a',
  alicePk: '8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a',
  bobSk: '5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb',
  bobPk: 'de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f',
  shared: '4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742',
};

export const CASES: readonly Case[] = [
  // ---- hashes (FIPS 180-2) ----
  { name: 'SHA-256("abc")', operation: { op: 'hash', alg: 'SHA-256', data: hexOf('abc'), outLen: 32 }, expect: { ok: SHA256_ABC } },
  { name: 'sha-256 (lower case name)', operation: { op: 'hash', alg: 'sha-256', data: hexOf('abc'), outLen: 32 }, expect: { ok: SHA256_ABC } },
  { name: 'SHA-256("")', operation: { op: 'hash', alg: 'SHA-256', data: '', outLen: 32 }, expect: { ok: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' } },
  {
    name: 'SHA-512("abc")',
    operation: { op: 'hash', alg: 'SHA-512', data: hexOf('abc'), outLen: 64 },
    expect: { ok: 'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f' },
  },
  { name: 'SHA-256 truncated to 16 bytes', operation: { op: 'hash', alg: 'SHA-256', data: hexOf('abc'), outLen: 16 }, expect: { ok: SHA256_ABC.slice(0, 32) } },
  { name: 'SHA-256 squeeze beyond the digest → invalid-length', operation: { op: 'hash', alg: 'SHA-256', data: hexOf('abc'), outLen: 33 }, expect: { error: 'invalid-length' } },
  { name: 'unknown algorithm → unsupported-algorithm', operation: { op: 'hash', alg: 'NOPE-512', data: '', outLen: 32 }, expect: { error: 'unsupported-algorithm' } },
  { name: '"__proto__" is no algorithm', operation: { op: 'hash', alg: '__proto__', data: '', outLen: 32 }, expect: { error: 'unsupported-algorithm' } },

  // ---- MACs (RFC 4231 test case 2) ----
  {
    name: 'HMAC/SHA-256 RFC 4231 case 2',
    operation: { op: 'mac', alg: 'HMAC/SHA-256', key: hexOf('Jefe'), data: hexOf('what do ya want for nothing?') },
    expect: { ok: '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843' },
  },
  {
    name: 'HMAC/SHA-512 RFC 4231 case 2',
    operation: { op: 'mac', alg: 'HMAC/SHA-512', key: hexOf('Jefe'), data: hexOf('what do ya want for nothing?') },
    expect: { ok: '164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737' },
  },
  {
    name: 'HMAC tag verify: the RFC tag',
    operation: { op: 'mac-verify', alg: 'HMAC/SHA-256', key: hexOf('Jefe'), data: hexOf('what do ya want for nothing?'), tag: '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843' },
    expect: { ok: null },
  },
  {
    name: 'HMAC tag verify: one bit off → invalid-tag',
    operation: { op: 'mac-verify', alg: 'HMAC/SHA-256', key: hexOf('Jefe'), data: hexOf('what do ya want for nothing?'), tag: '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3842' },
    expect: { error: 'invalid-tag' },
  },
  { name: 'HMAC without a key → key-required', operation: { op: 'state-open', alg: 'HMAC/SHA-256' }, expect: { error: 'key-required' } },
  { name: 'SHA-256 with a key → key-not-supported', operation: { op: 'state-open', alg: 'SHA-256', keyAlg: 'HMAC/SHA-256', key: ZERO32 }, expect: { error: 'key-not-supported' } },

  // ---- AEAD (GCM specification test cases 1, 2, 14) ----
  { name: 'AES-128-GCM test case 1', operation: { op: 'aead-seal', alg: 'AES-128-GCM', key: ZERO16, nonce: ZERO12, ad: '', pt: '' }, expect: { ok: '58e2fccefa7e3061367f1d57a4e7455a' } },
  {
    name: 'AES-128-GCM test case 2',
    operation: { op: 'aead-seal', alg: 'AES-128-GCM', key: ZERO16, nonce: ZERO12, ad: '', pt: ZERO16 },
    expect: { ok: '0388dace60b6a392f328c2b971b2fe78ab6e47d42cec13bdf53a67b21257bddf' },
  },
  {
    name: 'AES-256-GCM test case 14',
    operation: { op: 'aead-seal', alg: 'AES-256-GCM', key: ZERO32, nonce: ZERO12, ad: '', pt: ZERO16 },
    expect: { ok: 'cea7403d4d606b6e074ec5d3baf39d18d0d1c8a799996bf0265b98b5d48ab919' },
  },
  {
    name: 'AES-256-GCM test case 14 decrypts',
    operation: { op: 'aead-open', alg: 'AES-256-GCM', key: ZERO32, nonce: ZERO12, ad: '', ct: 'cea7403d4d606b6e074ec5d3baf39d18d0d1c8a799996bf0265b98b5d48ab919' },
    expect: { ok: ZERO16 },
  },
  {
    name: 'AES-256-GCM altered tag → invalid-tag',
    operation: { op: 'aead-open', alg: 'AES-256-GCM', key: ZERO32, nonce: ZERO12, ad: '', ct: 'cea7403d4d606b6e074ec5d3baf39d18d0d1c8a799996bf0265b98b5d48ab918' },
    expect: { error: 'invalid-tag' },
  },
  {
    name: 'AES-256-GCM other associated data → invalid-tag',
    operation: { op: 'aead-open', alg: 'AES-256-GCM', key: ZERO32, nonce: ZERO12, ad: '01', ct: 'cea7403d4d606b6e074ec5d3baf39d18d0d1c8a799996bf0265b98b5d48ab919' },
    expect: { error: 'invalid-tag' },
  },
  { name: 'AES-GCM without a nonce → nonce-required', operation: { op: 'state-open', alg: 'AES-128-GCM', keyAlg: 'AES-128-GCM', key: ZERO16 }, expect: { error: 'nonce-required' } },
  { name: 'AES-GCM with an 8-byte nonce → invalid-nonce', operation: { op: 'state-open', alg: 'AES-128-GCM', keyAlg: 'AES-128-GCM', key: ZERO16, nonce: '00'.repeat(8) }, expect: { error: 'invalid-nonce' } },
  { name: 'AES-256-GCM key of 16 bytes → invalid-key', operation: { op: 'symmetric-key-import', alg: 'AES-256-GCM', raw: ZERO16 }, expect: { error: 'invalid-key' } },
  { name: 'a key of another algorithm → invalid-key', operation: { op: 'state-open', alg: 'AES-256-GCM', keyAlg: 'HMAC/SHA-256', key: ZERO32, nonce: ZERO12 }, expect: { error: 'invalid-key' } },

  // ---- KDF (RFC 5869 A.1) ----
  {
    name: 'HKDF-SHA-256 RFC 5869 A.1',
    operation: { op: 'hkdf', extractAlg: 'HKDF-EXTRACT/SHA-256', expandAlg: 'HKDF-EXPAND/SHA-256', ikm: '0b'.repeat(22), salt: '000102030405060708090a0b0c', info: 'f0f1f2f3f4f5f6f7f8f9', outLen: 42 },
    expect: { ok: '3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865' },
  },

  // ---- state rules ----
  { name: 'encrypt on a hash state → invalid-operation', operation: { op: 'state-call', alg: 'SHA-256', call: 'encrypt' }, expect: { error: 'invalid-operation' } },
  { name: 'squeeze_tag on a hash state → invalid-operation', operation: { op: 'state-call', alg: 'SHA-256', call: 'squeeze-tag' }, expect: { error: 'invalid-operation' } },
  { name: 'ratchet on a hash state → invalid-operation', operation: { op: 'state-call', alg: 'SHA-256', call: 'ratchet' }, expect: { error: 'invalid-operation' } },
  { name: 'max_tag_len on a hash state → invalid-operation', operation: { op: 'state-call', alg: 'SHA-256', call: 'max-tag-len' }, expect: { error: 'invalid-operation' } },
  { name: 'an option no algorithm knows → unsupported-option', operation: { op: 'options-set', type: 'symmetric', name: 'foo', value: '00' }, expect: { error: 'unsupported-option' } },
  { name: 'nonce is a symmetric option', operation: { op: 'options-set', type: 'symmetric', name: 'nonce', value: ZERO12 }, expect: { ok: null } },

  // ---- signatures (RFC 8032, RFC 6979) ----
  { name: 'Ed25519 RFC 8032 test 1 signs', operation: { op: 'sign', alg: 'Ed25519', sk: ED25519_1.sk, msg: '' }, expect: { ok: ED25519_1.sig } },
  { name: 'Ed25519 RFC 8032 test 2 signs', operation: { op: 'sign', alg: 'Ed25519', sk: ED25519_2.sk, msg: ED25519_2.msg }, expect: { ok: ED25519_2.sig } },
  {
    name: 'Ed25519 RFC 8032 test 2 verifies',
    operation: { op: 'verify', type: 'signatures', alg: 'Ed25519', pk: ED25519_2.pk, pkEncoding: 'raw', msg: ED25519_2.msg, sig: ED25519_2.sig, sigEncoding: 'raw' },
    expect: { ok: null },
  },
  {
    name: 'Ed25519 another message → verification-failed',
    operation: { op: 'verify', type: 'signatures', alg: 'Ed25519', pk: ED25519_2.pk, pkEncoding: 'raw', msg: '73', sig: ED25519_2.sig, sigEncoding: 'raw' },
    expect: { error: 'verification-failed' },
  },
  { name: 'Ed25519 public key from the RFC seed', operation: { op: 'publickey-from-secretkey', type: 'signatures', alg: 'Ed25519', sk: ED25519_1.sk }, expect: { ok: ED25519_1.pk } },
  { name: 'Ed25519 signature of 63 bytes → invalid-signature', operation: { op: 'signature-import', alg: 'Ed25519', sig: '00'.repeat(63), encoding: 'raw' }, expect: { error: 'invalid-signature' } },
  { name: 'Ed25519 public key as SEC → unsupported-encoding', operation: { op: 'publickey-import', type: 'signatures', alg: 'Ed25519', pk: ED25519_1.pk, encoding: 'sec' }, expect: { error: 'unsupported-encoding' } },
  { name: 'Ed25519 key pair raw (seed ‖ public key) signs RFC 8032 test 1', operation: { op: 'keypair-import-sign', alg: 'Ed25519', kp: ED25519_1.sk + ED25519_1.pk, encoding: 'raw', msg: '' }, expect: { ok: ED25519_1.sig } },
  { name: 'Ed25519 key pair PKCS#8 (RFC 8410 form) signs RFC 8032 test 2', operation: { op: 'keypair-import-sign', alg: 'Ed25519', kp: '302e020100300506032b657004220420' + ED25519_2.sk, encoding: 'pkcs8', msg: ED25519_2.msg }, expect: { ok: ED25519_2.sig } },
  { name: 'Ed25519 key pair raw with a foreign public key → invalid-key', operation: { op: 'keypair-import-sign', alg: 'Ed25519', kp: ED25519_1.sk + ED25519_2.pk, encoding: 'raw', msg: '' }, expect: { error: 'invalid-key' } },
  { name: 'Ed25519 round trip with a generated key', operation: { op: 'sign-roundtrip', alg: 'Ed25519', msg: hexOf('hello') }, expect: { ok: null } },
  {
    name: 'ECDSA P-256 RFC 6979 A.2.5 verifies',
    operation: { op: 'verify', type: 'signatures', alg: 'ECDSA_P256_SHA256', pk: P256.pk, pkEncoding: 'sec', msg: hexOf('sample'), sig: P256.sig, sigEncoding: 'raw' },
    expect: { ok: null },
  },
  {
    name: 'ECDSA P-256 another message → verification-failed',
    operation: { op: 'verify', type: 'signatures', alg: 'ECDSA_P256_SHA256', pk: P256.pk, pkEncoding: 'sec', msg: hexOf('test'), sig: P256.sig, sigEncoding: 'raw' },
    expect: { error: 'verification-failed' },
  },
  { name: 'ECDSA P-256 round trip with a generated key', operation: { op: 'sign-roundtrip', alg: 'ECDSA_P256_SHA256', msg: hexOf('sample') }, expect: { ok: null } },
  { name: 'Ed25519 as a key-exchange algorithm → unsupported-algorithm', operation: { op: 'publickey-import', type: 'key-exchange', alg: 'Ed25519', pk: ED25519_1.pk, encoding: 'raw' }, expect: { error: 'unsupported-algorithm' } },

  // ---- key exchange (RFC 7748 6.1) ----
  { name: 'X25519 RFC 7748: Alice', operation: { op: 'dh', alg: 'X25519', sk: X25519.aliceSk, pk: X25519.bobPk }, expect: { ok: X25519.shared } },
  { name: 'X25519 RFC 7748: Bob', operation: { op: 'dh', alg: 'X25519', sk: X25519.bobSk, pk: X25519.alicePk }, expect: { ok: X25519.shared } },
  { name: 'X25519 public key from the RFC secret', operation: { op: 'publickey-from-secretkey', type: 'key-exchange', alg: 'X25519', sk: X25519.aliceSk }, expect: { ok: X25519.alicePk } },
  { name: 'X25519 public key of 31 bytes → invalid-key', operation: { op: 'publickey-import', type: 'key-exchange', alg: 'X25519', pk: '09'.repeat(31), encoding: 'raw' }, expect: { error: 'invalid-key' } },
];
