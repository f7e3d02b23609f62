// A WASI preview 1 command in AssemblyScript that exercises the witx wasi-crypto ABI, one line per
// check ("ok NAME" / "FAIL NAME ..."), exit code 1 if any check fails. Expected values are
// published test vectors: FIPS 180-2 (SHA-256 "abc"), RFC 4231 test case 2 (HMAC-SHA-256), the GCM
// specification's test case 14 (AES-256-GCM), RFC 8032 §7.1 test 1 (Ed25519), RFC 6979 §A.2.5
// (ECDSA P-256/SHA-256, "sample"), RFC 7748 §6.1 (X25519).
//
// The imports are declared here from the witx (shared/reference/upstream/witx-0.10): errno as the
// i32 result, (ptr, len) buffers, trailing out-pointers, opt_options by pointer to 8 bytes.

// ---- WASI preview 1 (only what printing and exiting need) ----
@external("wasi_snapshot_preview1", "fd_write")
declare function fd_write(fd: u32, iovs: usize, iovs_len: usize, nwritten: usize): u16;
@external("wasi_snapshot_preview1", "proc_exit")
declare function proc_exit(code: u32): void;

// ---- witx wasi-crypto ----
@external("wasi_ephemeral_crypto_common", "options_open")
declare function options_open(alg_type: u16, out: usize): u16;
@external("wasi_ephemeral_crypto_common", "options_close")
declare function options_close(h: u32): u16;
@external("wasi_ephemeral_crypto_common", "options_set")
declare function options_set(h: u32, name: usize, name_len: usize, value: usize, value_len: usize): u16;
@external("wasi_ephemeral_crypto_common", "array_output_len")
declare function array_output_len(h: u32, out: usize): u16;
@external("wasi_ephemeral_crypto_common", "array_output_pull")
declare function array_output_pull(h: u32, buf: usize, buf_len: usize, out: usize): u16;
@external("wasi_ephemeral_crypto_symmetric", "symmetric_key_import")
declare function symmetric_key_import(alg: usize, alg_len: usize, raw: usize, raw_len: usize, out: usize): u16;
@external("wasi_ephemeral_crypto_symmetric", "symmetric_key_close")
declare function symmetric_key_close(h: u32): u16;
@external("wasi_ephemeral_crypto_symmetric", "symmetric_state_open")
declare function symmetric_state_open(alg: usize, alg_len: usize, key: usize, options: usize, out: usize): u16;
@external("wasi_ephemeral_crypto_symmetric", "symmetric_state_close")
declare function symmetric_state_close(h: u32): u16;
@external("wasi_ephemeral_crypto_symmetric", "symmetric_state_absorb")
declare function symmetric_state_absorb(h: u32, data: usize, data_len: usize): u16;
@external("wasi_ephemeral_crypto_symmetric", "symmetric_state_squeeze")
declare function symmetric_state_squeeze(h: u32, out: usize, out_len: usize): u16;
@external("wasi_ephemeral_crypto_symmetric", "symmetric_state_squeeze_tag")
declare function symmetric_state_squeeze_tag(h: u32, out: usize): u16;
@external("wasi_ephemeral_crypto_symmetric", "symmetric_state_encrypt")
declare function symmetric_state_encrypt(h: u32, out: usize, out_len: usize, data: usize, data_len: usize, out_size: usize): u16;
@external("wasi_ephemeral_crypto_symmetric", "symmetric_state_decrypt")
declare function symmetric_state_decrypt(h: u32, out: usize, out_len: usize, data: usize, data_len: usize, out_size: usize): u16;
@external("wasi_ephemeral_crypto_symmetric", "symmetric_tag_pull")
declare function symmetric_tag_pull(h: u32, buf: usize, buf_len: usize, out: usize): u16;
@external("wasi_ephemeral_crypto_symmetric", "symmetric_tag_verify")
declare function symmetric_tag_verify(h: u32, expected: usize, expected_len: usize): u16;
@external("wasi_ephemeral_crypto_symmetric", "symmetric_tag_close")
declare function symmetric_tag_close(h: u32): u16;
@external("wasi_ephemeral_crypto_asymmetric_common", "keypair_generate")
declare function keypair_generate(alg_type: u16, alg: usize, alg_len: usize, options: usize, out: usize): u16;
@external("wasi_ephemeral_crypto_asymmetric_common", "keypair_from_pk_and_sk")
declare function keypair_from_pk_and_sk(pk: u32, sk: u32, out: usize): u16;
@external("wasi_ephemeral_crypto_asymmetric_common", "keypair_publickey")
declare function keypair_publickey(kp: u32, out: usize): u16;
@external("wasi_ephemeral_crypto_asymmetric_common", "keypair_close")
declare function keypair_close(kp: u32): u16;
@external("wasi_ephemeral_crypto_asymmetric_common", "publickey_import")
declare function publickey_import(alg_type: u16, alg: usize, alg_len: usize, enc: usize, enc_len: usize, encoding: u16, out: usize): u16;
@external("wasi_ephemeral_crypto_asymmetric_common", "publickey_export")
declare function publickey_export(pk: u32, encoding: u16, out: usize): u16;
@external("wasi_ephemeral_crypto_asymmetric_common", "publickey_from_secretkey")
declare function publickey_from_secretkey(sk: u32, out: usize): u16;
@external("wasi_ephemeral_crypto_asymmetric_common", "publickey_close")
declare function publickey_close(pk: u32): u16;
@external("wasi_ephemeral_crypto_asymmetric_common", "secretkey_import")
declare function secretkey_import(alg_type: u16, alg: usize, alg_len: usize, enc: usize, enc_len: usize, encoding: u16, out: usize): u16;
@external("wasi_ephemeral_crypto_asymmetric_common", "secretkey_close")
declare function secretkey_close(sk: u32): u16;
@external("wasi_ephemeral_crypto_signatures", "signature_export")
declare function signature_export(sig: u32, encoding: u16, out: usize): u16;
@external("wasi_ephemeral_crypto_signatures", "signature_import")
declare function signature_import(alg: usize, alg_len: usize, enc: usize, enc_len: usize, encoding: u16, out: usize): u16;
@external("wasi_ephemeral_crypto_signatures", "signature_state_open")
declare function signature_state_open(kp: u32, out: usize): u16;
@external("wasi_ephemeral_crypto_signatures", "signature_state_update")
declare function signature_state_update(st: u32, input: usize, input_len: usize): u16;
@external("wasi_ephemeral_crypto_signatures", "signature_state_sign")
declare function signature_state_sign(st: u32, out: usize): u16;
@external("wasi_ephemeral_crypto_signatures", "signature_state_close")
declare function signature_state_close(st: u32): u16;
@external("wasi_ephemeral_crypto_signatures", "signature_verification_state_open")
declare function signature_verification_state_open(pk: u32, out: usize): u16;
@external("wasi_ephemeral_crypto_signatures", "signature_verification_state_update")
declare function signature_verification_state_update(st: u32, input: usize, input_len: usize): u16;
@external("wasi_ephemeral_crypto_signatures", "signature_verification_state_verify")
declare function signature_verification_state_verify(st: u32, sig: u32): u16;
@external("wasi_ephemeral_crypto_signatures", "signature_verification_state_close")
declare function signature_verification_state_close(st: u32): u16;
@external("wasi_ephemeral_crypto_signatures", "signature_close")
declare function signature_close(sig: u32): u16;
@external("wasi_ephemeral_crypto_kx", "kx_dh")
declare function kx_dh(pk: u32, sk: u32, out: usize): u16;

// errno values (witx crypto_errno)
const GUEST_ERROR: u16 = 1;
const UNSUPPORTED_ALGORITHM: u16 = 6;
const VERIFICATION_FAILED: u16 = 10;
const CLOSED: u16 = 14;
const INVALID_HANDLE: u16 = 15;
const OVERFLOW: u16 = 16;
const INVALID_TAG: u16 = 21;

const SIGNATURES: u16 = 0;
const SYMMETRIC: u16 = 1;
const KEY_EXCHANGE: u16 = 2;
const ENC_RAW: u16 = 0;
const PK_SEC: u16 = 3;

// ---- helpers ----
const OUT = memory.data(16); // out-parameters: handle / size at OUT, a second one at OUT + 8
const NONE = memory.data<u8>([1, 0, 0, 0, 0, 0, 0, 0]); // opt_options / opt_symmetric_key = none
const SOME = memory.data(8); // opt_* = some(handle), filled in by some()
let failures = 0;

function print(s: string): void {
  const b = String.UTF8.encode(s + "\n");
  const iov = memory.data(16);
  store<u32>(iov, <u32>changetype<usize>(b));
  store<u32>(iov, <u32>b.byteLength, 4);
  fd_write(1, iov, 1, iov + 8);
}

function check(name: string, ok: bool, detail: string = ""): void {
  if (ok) print("ok " + name);
  else {
    print("FAIL " + name + " " + detail);
    failures++;
  }
}

function checkErrno(name: string, got: u16, want: u16): void {
  check(name, got == want, "errno " + got.toString() + ", expected " + want.toString());
}

function ptr(b: ArrayBuffer): usize {
  return changetype<usize>(b);
}
function len(b: ArrayBuffer): usize {
  return <usize>b.byteLength;
}
function utf8(s: string): ArrayBuffer {
  return String.UTF8.encode(s);
}
function hex(s: string): ArrayBuffer {
  const out = new ArrayBuffer(s.length >> 1);
  for (let i = 0; i < out.byteLength; i++) store<u8>(ptr(out) + i, <u8>I32.parseInt(s.substr(i * 2, 2), 16));
  return out;
}
function eq(p: usize, n: usize, want: ArrayBuffer): bool {
  if (n != len(want)) return false;
  return memory.compare(p, ptr(want), n) == 0;
}
function handle(): u32 {
  return load<u32>(OUT);
}
function size(): u32 {
  return load<u32>(OUT);
}
function some(h: u32): usize {
  store<u8>(SOME, 0);
  store<u32>(SOME, h, 4);
  return SOME;
}
/** Pulls a whole array_output into a new buffer (length -1 on error). */
function pullAll(ao: u32): ArrayBuffer {
  if (array_output_len(ao, OUT) != 0) return new ArrayBuffer(0);
  const buf = new ArrayBuffer(<i32>size());
  if (array_output_pull(ao, ptr(buf), len(buf), OUT) != 0) return new ArrayBuffer(0);
  return buf;
}

// ---- checks ----
const SHA256_ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

function testHash(): void {
  const alg = utf8("SHA-256");
  const abc = utf8("abc");
  const out = new ArrayBuffer(32);
  checkErrno("sha256.open", symmetric_state_open(ptr(alg), len(alg), NONE, NONE, OUT), 0);
  const st = handle();
  checkErrno("sha256.absorb", symmetric_state_absorb(st, ptr(abc), len(abc)), 0);
  checkErrno("sha256.squeeze", symmetric_state_squeeze(st, ptr(out), 32), 0);
  check("sha256.abc", eq(ptr(out), 32, hex(SHA256_ABC)), "digest differs from FIPS 180-2");
  checkErrno("sha256.close", symmetric_state_close(st), 0);
  checkErrno("sha256.close-twice", symmetric_state_close(st), CLOSED);
}

function testHmac(): void {
  const alg = utf8("HMAC/SHA-256");
  const k = utf8("Jefe");
  const msg = utf8("what do ya want for nothing?");
  const expected = hex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  checkErrno("hmac.import", symmetric_key_import(ptr(alg), len(alg), ptr(k), len(k), OUT), 0);
  const key = handle();
  checkErrno("hmac.open", symmetric_state_open(ptr(alg), len(alg), some(key), NONE, OUT), 0);
  const st = handle();
  checkErrno("hmac.absorb", symmetric_state_absorb(st, ptr(msg), len(msg)), 0);
  checkErrno("hmac.squeeze_tag", symmetric_state_squeeze_tag(st, OUT), 0);
  const tag = handle();
  checkErrno("hmac.tag_verify_rfc4231", symmetric_tag_verify(tag, ptr(expected), 32), 0);
  const raw = new ArrayBuffer(32);
  checkErrno("hmac.tag_pull_small", symmetric_tag_pull(tag, ptr(raw), 16, OUT), OVERFLOW);
  checkErrno("hmac.tag_pull", symmetric_tag_pull(tag, ptr(raw), 32, OUT), 0);
  check("hmac.rfc4231", size() == 32 && eq(ptr(raw), 32, expected), "tag differs from RFC 4231 case 2");
  checkErrno("hmac.tag_close_after_pull", symmetric_tag_close(tag), CLOSED);
  symmetric_state_close(st);
  symmetric_key_close(key);
}

function testAead(): void {
  const alg = utf8("AES-256-GCM");
  const zero = new ArrayBuffer(32);
  const nonceName = utf8("nonce");
  checkErrno("aes256gcm.import", symmetric_key_import(ptr(alg), len(alg), ptr(zero), 32, OUT), 0);
  const key = handle();
  checkErrno("aes256gcm.options", options_open(SYMMETRIC, OUT), 0);
  const opts = handle();
  checkErrno("aes256gcm.nonce", options_set(opts, ptr(nonceName), len(nonceName), ptr(zero), 12), 0);
  const optsSome = memory.data(8);
  store<u8>(optsSome, 0);
  store<u32>(optsSome, opts, 4);
  checkErrno("aes256gcm.open", symmetric_state_open(ptr(alg), len(alg), some(key), optsSome, OUT), 0);
  const st = handle();
  const ct = new ArrayBuffer(32);
  checkErrno("aes256gcm.encrypt_small", symmetric_state_encrypt(st, ptr(ct), 20, ptr(zero), 16, OUT), OVERFLOW);
  checkErrno("aes256gcm.encrypt", symmetric_state_encrypt(st, ptr(ct), 32, ptr(zero), 16, OUT), 0);
  check("aes256gcm.gcm-tc14", size() == 32 && eq(ptr(ct), 32, hex("cea7403d4d606b6e074ec5d3baf39d18d0d1c8a799996bf0265b98b5d48ab919")), "differs from GCM test case 14");
  checkErrno("aes256gcm.open2", symmetric_state_open(ptr(alg), len(alg), some(key), optsSome, OUT), 0);
  const st2 = handle();
  const pt = new ArrayBuffer(16);
  checkErrno("aes256gcm.decrypt", symmetric_state_decrypt(st2, ptr(pt), 16, ptr(ct), 32, OUT), 0);
  check("aes256gcm.roundtrip", size() == 16 && memory.compare(ptr(pt), ptr(zero), 16) == 0, "plaintext differs");
  store<u8>(ptr(ct) + 31, load<u8>(ptr(ct) + 31) ^ 1);
  checkErrno("aes256gcm.open3", symmetric_state_open(ptr(alg), len(alg), some(key), optsSome, OUT), 0);
  const st3 = handle();
  checkErrno("aes256gcm.tampered", symmetric_state_decrypt(st3, ptr(pt), 16, ptr(ct), 32, OUT), INVALID_TAG);
  symmetric_state_close(st3);
  symmetric_state_close(st2);
  symmetric_state_close(st);
  options_close(opts);
  symmetric_key_close(key);
}

function testEd25519(): void {
  const alg = utf8("Ed25519");
  const seed = hex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
  const pkHex = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
  const sigHex = "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";
  checkErrno("ed25519.sk_import", secretkey_import(SIGNATURES, ptr(alg), len(alg), ptr(seed), 32, ENC_RAW, OUT), 0);
  const sk = handle();
  checkErrno("ed25519.pk_from_sk", publickey_from_secretkey(sk, OUT), 0);
  const pk = handle();
  checkErrno("ed25519.pk_export", publickey_export(pk, ENC_RAW, OUT), 0);
  const pkRaw = pullAll(handle());
  check("ed25519.rfc8032-pk", eq(ptr(pkRaw), len(pkRaw), hex(pkHex)), "public key differs from RFC 8032 test 1");
  checkErrno("ed25519.keypair", keypair_from_pk_and_sk(pk, sk, OUT), 0);
  const kp = handle();
  checkErrno("ed25519.sign_open", signature_state_open(kp, OUT), 0);
  const st = handle();
  checkErrno("ed25519.sign", signature_state_sign(st, OUT), 0);
  const sig = handle();
  checkErrno("ed25519.sig_export", signature_export(sig, ENC_RAW, OUT), 0);
  const sigRaw = pullAll(handle());
  check("ed25519.rfc8032-sig", eq(ptr(sigRaw), len(sigRaw), hex(sigHex)), "signature differs from RFC 8032 test 1");
  checkErrno("ed25519.sig_import", signature_import(ptr(alg), len(alg), ptr(sigRaw), len(sigRaw), ENC_RAW, OUT), 0);
  const sig2 = handle();
  checkErrno("ed25519.verify_open", signature_verification_state_open(pk, OUT), 0);
  const vst = handle();
  checkErrno("ed25519.verify", signature_verification_state_verify(vst, sig2), 0);
  const x = utf8("x");
  checkErrno("ed25519.update", signature_verification_state_update(vst, ptr(x), 1), 0);
  checkErrno("ed25519.verify_other_msg", signature_verification_state_verify(vst, sig2), VERIFICATION_FAILED);
  signature_verification_state_close(vst);
  signature_close(sig2);
  signature_close(sig);
  signature_state_close(st);
  keypair_close(kp);
  publickey_close(pk);
  secretkey_close(sk);
}

function testEcdsa(): void {
  const alg = utf8("ECDSA_P256_SHA256");
  const msg = utf8("sample");
  const pub = hex("0460FED4BA255A9D31C961EB74C6356D68C049B8923B61FA6CE669622E60F29FB67903FE1008B8BC99A41AE9E95628BC64F2F1B20C2D7E9F5177A3C294D4462299");
  const rfcSig = hex("EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8");
  checkErrno("p256.pk_import", publickey_import(SIGNATURES, ptr(alg), len(alg), ptr(pub), len(pub), PK_SEC, OUT), 0);
  const pk = handle();
  checkErrno("p256.sig_import", signature_import(ptr(alg), len(alg), ptr(rfcSig), 64, ENC_RAW, OUT), 0);
  const sig = handle();
  checkErrno("p256.verify_open", signature_verification_state_open(pk, OUT), 0);
  const vst = handle();
  checkErrno("p256.update", signature_verification_state_update(vst, ptr(msg), len(msg)), 0);
  checkErrno("p256.rfc6979-verify", signature_verification_state_verify(vst, sig), 0);
  signature_verification_state_close(vst);
  checkErrno("p256.generate", keypair_generate(SIGNATURES, ptr(alg), len(alg), NONE, OUT), 0);
  const kp = handle();
  checkErrno("p256.sign_open", signature_state_open(kp, OUT), 0);
  const st = handle();
  checkErrno("p256.sign_update", signature_state_update(st, ptr(msg), len(msg)), 0);
  checkErrno("p256.sign", signature_state_sign(st, OUT), 0);
  const mySig = handle();
  checkErrno("p256.kp_publickey", keypair_publickey(kp, OUT), 0);
  const myPk = handle();
  checkErrno("p256.verify_open2", signature_verification_state_open(myPk, OUT), 0);
  const vst2 = handle();
  checkErrno("p256.update2", signature_verification_state_update(vst2, ptr(msg), len(msg)), 0);
  checkErrno("p256.verify-own", signature_verification_state_verify(vst2, mySig), 0);
  checkErrno("p256.verify-rfc-sig-other-key", signature_verification_state_verify(vst2, sig), VERIFICATION_FAILED);
  signature_verification_state_close(vst2);
  publickey_close(myPk);
  signature_close(mySig);
  signature_state_close(st);
  keypair_close(kp);
  signature_close(sig);
  publickey_close(pk);
}

function testX25519(): void {
  const alg = utf8("X25519");
  const aSk = hex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
  const bPk = hex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
  checkErrno("x25519.sk_import", secretkey_import(KEY_EXCHANGE, ptr(alg), len(alg), ptr(aSk), 32, ENC_RAW, OUT), 0);
  const sk = handle();
  checkErrno("x25519.pk_import", publickey_import(KEY_EXCHANGE, ptr(alg), len(alg), ptr(bPk), 32, ENC_RAW, OUT), 0);
  const pk = handle();
  checkErrno("x25519.dh", kx_dh(pk, sk, OUT), 0);
  const shared = pullAll(handle());
  check("x25519.rfc7748-shared", eq(ptr(shared), len(shared), hex("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742")), "shared secret differs from RFC 7748");
  checkErrno("x25519.pk_from_sk", publickey_from_secretkey(sk, OUT), 0);
  const apk = handle();
  checkErrno("x25519.pk_export", publickey_export(apk, ENC_RAW, OUT), 0);
  const alicePk = pullAll(handle());
  check("x25519.rfc7748-alice-pk", eq(ptr(alicePk), len(alicePk), hex("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a")), "public key differs from RFC 7748");
  publickey_close(apk);
  publickey_close(pk);
  secretkey_close(sk);
}

function testErrors(): void {
  const nope = utf8("NOPE-512");
  const sha = utf8("SHA-256");
  checkErrno("err.unknown-algorithm", symmetric_state_open(ptr(nope), len(nope), NONE, NONE, OUT), UNSUPPORTED_ALGORITHM);
  const buf = new ArrayBuffer(32);
  checkErrno("err.bad-handle", symmetric_state_absorb(0x7fff1234, ptr(buf), 4), INVALID_HANDLE);
  checkErrno("err.open", symmetric_state_open(ptr(sha), len(sha), NONE, NONE, OUT), 0);
  const st = handle();
  checkErrno("err.wrong-handle-type", symmetric_key_close(st), INVALID_HANDLE);
  checkErrno("err.oob-input", symmetric_state_absorb(st, 0xfffffff0, 64), GUEST_ERROR);
  checkErrno("err.wrapping-input", symmetric_state_absorb(st, 0x10, 0xfffffff8), GUEST_ERROR);
  checkErrno("err.oob-output", symmetric_state_squeeze(st, 0xffffff00, 32), GUEST_ERROR);
  checkErrno("err.oob-out-handle", symmetric_state_open(ptr(sha), len(sha), NONE, NONE, 0xfffffffe), GUEST_ERROR);
  checkErrno("err.oob-options", symmetric_state_open(ptr(sha), len(sha), NONE, 0xfffffffc, OUT), GUEST_ERROR);
  const abc = utf8("abc");
  checkErrno("err.absorb-after", symmetric_state_absorb(st, ptr(abc), 3), 0);
  checkErrno("err.squeeze-after", symmetric_state_squeeze(st, ptr(buf), 32), 0);
  check("err.sha256-after", eq(ptr(buf), 32, hex(SHA256_ABC)), "digest differs");
  checkErrno("err.close", symmetric_state_close(st), 0);
  checkErrno("err.use-after-close", symmetric_state_absorb(st, ptr(buf), 1), INVALID_HANDLE);
}

testHash();
testHmac();
testAead();
testEd25519();
testEcdsa();
testX25519();
testErrors();
print((failures > 0 ? "FAILED: " : "PASSED: ") + failures.toString() + " failure(s)");
proc_exit(failures > 0 ? 1 : 0);
