/*
 * A WASI preview 1 command that exercises the witx wasi-crypto ABI (wasi_crypto.h), one line per
 * check ("ok NAME" / "FAIL NAME ..."), exit code 1 if any check fails. Expected values are
 * published test vectors: FIPS 180-2 (SHA-256 "abc"), RFC 4231 test case 2 (HMAC-SHA-256),
 * the GCM specification's test case 14 (AES-256-GCM), RFC 8032 §7.1 test 1 (Ed25519),
 * RFC 6979 §A.2.5 (ECDSA P-256/SHA-256, message "sample"), RFC 7748 §6.1 (X25519).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "wasi_crypto.h"

static int failures = 0;

static void check(const char *name, int ok, const char *detail) {
  if (ok) {
    printf("ok %s\n", name);
  } else {
    printf("FAIL %s %s\n", name, detail ? detail : "");
    failures++;
  }
}

static void check_errno(const char *name, wasi_crypto_errno got, wasi_crypto_errno want) {
  char detail[64];
  snprintf(detail, sizeof detail, "errno %u, expected %u", (unsigned)got, (unsigned)want);
  check(name, got == want, detail);
}

static int hex2bin(const char *hex, uint8_t *out, size_t max) {
  size_t n = strlen(hex) / 2;
  if (n > max) return -1;
  for (size_t i = 0; i < n; i++) {
    unsigned v;
    if (sscanf(hex + 2 * i, "%2x", &v) != 1) return -1;
    out[i] = (uint8_t)v;
  }
  return (int)n;
}

static int eq_hex(const uint8_t *got, size_t len, const char *hex) {
  uint8_t want[256];
  int n = hex2bin(hex, want, sizeof want);
  return n >= 0 && (size_t)n == len && memcmp(got, want, len) == 0;
}

/* Reads an array_output into buf; returns its length or -1. */
static int pull_all(wasi_crypto_handle ao, uint8_t *buf, size_t max) {
  size_t len = 0, got = 0;
  if (array_output_len(ao, &len) != 0 || len > max) return -1;
  if (array_output_pull(ao, buf, max, &got) != 0 || got != len) return -1;
  return (int)len;
}

#define S(x) x, strlen(x)

static const wasi_crypto_opt_options NO_OPTIONS = {WASI_CRYPTO_OPT_NONE, 0};
static const wasi_crypto_opt_symmetric_key NO_KEY = {WASI_CRYPTO_OPT_NONE, 0};

static void test_hash(void) {
  wasi_crypto_handle st;
  uint8_t out[32];
  check_errno("sha256.open", symmetric_state_open(S("SHA-256"), &NO_KEY, &NO_OPTIONS, &st), 0);
  check_errno("sha256.absorb", symmetric_state_absorb(st, (const uint8_t *)"abc", 3), 0);
  check_errno("sha256.squeeze", symmetric_state_squeeze(st, out, sizeof out), 0);
  check("sha256.abc", eq_hex(out, 32, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"), "digest differs from FIPS 180-2");
  check_errno("sha256.close", symmetric_state_close(st), 0);
  check_errno("sha256.close-twice", symmetric_state_close(st), WASI_CRYPTO_CLOSED);
}

static void test_hmac(void) {
  wasi_crypto_handle key, st, tag;
  uint8_t raw[32];
  size_t n = 0;
  const wasi_crypto_opt_symmetric_key some_key = {WASI_CRYPTO_OPT_SOME, 0};
  check_errno("hmac.import", symmetric_key_import(S("HMAC/SHA-256"), (const uint8_t *)"Jefe", 4, &key), 0);
  wasi_crypto_opt_symmetric_key k = some_key;
  k.handle = key;
  check_errno("hmac.open", symmetric_state_open(S("HMAC/SHA-256"), &k, &NO_OPTIONS, &st), 0);
  check_errno("hmac.absorb", symmetric_state_absorb(st, (const uint8_t *)S("what do ya want for nothing?")), 0);
  check_errno("hmac.squeeze_tag", symmetric_state_squeeze_tag(st, &tag), 0);
  check_errno("hmac.tag_verify", symmetric_tag_verify(tag, raw, 0), WASI_CRYPTO_INVALID_TAG);
  uint8_t expected[32];
  hex2bin("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", expected, 32);
  check_errno("hmac.tag_verify_rfc4231", symmetric_tag_verify(tag, expected, 32), 0);
  /* undersized output: overflow, the handle stays valid */
  check_errno("hmac.tag_pull_small", symmetric_tag_pull(tag, raw, 16, &n), WASI_CRYPTO_OVERFLOW);
  check_errno("hmac.tag_pull", symmetric_tag_pull(tag, raw, sizeof raw, &n), 0);
  check("hmac.rfc4231", n == 32 && memcmp(raw, expected, 32) == 0, "tag differs from RFC 4231 case 2");
  /* pull consumed the handle */
  check_errno("hmac.tag_after_pull", symmetric_tag_len(tag, &n), WASI_CRYPTO_INVALID_HANDLE);
  check_errno("hmac.tag_close_after_pull", symmetric_tag_close(tag), WASI_CRYPTO_CLOSED);
  symmetric_state_close(st);
  symmetric_key_close(key);
}

static void test_aead(void) {
  static const uint8_t zero[32] = {0};
  wasi_crypto_handle key, opts, st, st2;
  uint8_t ct[32], pt[16], small[8];
  size_t n = 0;
  check_errno("aes256gcm.import", symmetric_key_import(S("AES-256-GCM"), zero, 32, &key), 0);
  check_errno("aes256gcm.options", options_open(WASI_CRYPTO_ALGORITHM_TYPE_SYMMETRIC, &opts), 0);
  check_errno("aes256gcm.nonce", options_set(opts, S("nonce"), zero, 12), 0);
  wasi_crypto_opt_symmetric_key k = {WASI_CRYPTO_OPT_SOME, key};
  wasi_crypto_opt_options o = {WASI_CRYPTO_OPT_SOME, opts};
  check_errno("aes256gcm.open", symmetric_state_open(S("AES-256-GCM"), &k, &o, &st), 0);
  check_errno("aes256gcm.encrypt_small", symmetric_state_encrypt(st, small, sizeof small, zero, 16, &n), WASI_CRYPTO_OVERFLOW);
  check_errno("aes256gcm.encrypt", symmetric_state_encrypt(st, ct, sizeof ct, zero, 16, &n), 0);
  check("aes256gcm.gcm-tc14", n == 32 && eq_hex(ct, 32, "cea7403d4d606b6e074ec5d3baf39d18d0d1c8a799996bf0265b98b5d48ab919"), "ciphertext||tag differs from GCM test case 14");
  check_errno("aes256gcm.open2", symmetric_state_open(S("AES-256-GCM"), &k, &o, &st2), 0);
  check_errno("aes256gcm.decrypt", symmetric_state_decrypt(st2, pt, sizeof pt, ct, 32, &n), 0);
  check("aes256gcm.roundtrip", n == 16 && memcmp(pt, zero, 16) == 0, "plaintext differs");
  symmetric_state_close(st2);
  ct[31] ^= 1;
  check_errno("aes256gcm.open3", symmetric_state_open(S("AES-256-GCM"), &k, &o, &st2), 0);
  memset(pt, 0xaa, sizeof pt);
  check_errno("aes256gcm.tampered", symmetric_state_decrypt(st2, pt, sizeof pt, ct, 32, &n), WASI_CRYPTO_INVALID_TAG);
  uint8_t untouched = 1;
  for (size_t i = 0; i < sizeof pt; i++) untouched &= pt[i] == 0xaa;
  check("aes256gcm.tampered-no-plaintext", untouched, "plaintext written on failure");
  symmetric_state_close(st2);
  symmetric_state_close(st);
  options_close(opts);
  symmetric_key_close(key);
}

static void test_ed25519(void) {
  uint8_t seed[32], buf[128];
  wasi_crypto_handle sk, pk, kp, st, sig, ao, vst, pk2, sig2;
  hex2bin("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60", seed, 32);
  check_errno("ed25519.sk_import", secretkey_import(WASI_CRYPTO_ALGORITHM_TYPE_SIGNATURES, S("Ed25519"), seed, 32, WASI_CRYPTO_SECRETKEY_ENCODING_RAW, &sk), 0);
  check_errno("ed25519.pk_from_sk", publickey_from_secretkey(sk, &pk), 0);
  check_errno("ed25519.pk_export", publickey_export(pk, WASI_CRYPTO_PUBLICKEY_ENCODING_RAW, &ao), 0);
  int n = pull_all(ao, buf, sizeof buf);
  check("ed25519.rfc8032-pk", n == 32 && eq_hex(buf, 32, "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"), "public key differs from RFC 8032 test 1");
  check_errno("ed25519.array_output_consumed", array_output_len(ao, (size_t *)buf), WASI_CRYPTO_INVALID_HANDLE);
  check_errno("ed25519.keypair", keypair_from_pk_and_sk(pk, sk, &kp), 0);
  check_errno("ed25519.sign_open", signature_state_open(kp, &st), 0);
  check_errno("ed25519.sign", signature_state_sign(st, &sig), 0);
  check_errno("ed25519.sig_export", signature_export(sig, WASI_CRYPTO_SIGNATURE_ENCODING_RAW, &ao), 0);
  n = pull_all(ao, buf, sizeof buf);
  check("ed25519.rfc8032-sig", n == 64 && eq_hex(buf, 64, "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"), "signature differs from RFC 8032 test 1");
  uint8_t pkraw[32];
  hex2bin("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", pkraw, 32);
  check_errno("ed25519.pk_import", publickey_import(WASI_CRYPTO_ALGORITHM_TYPE_SIGNATURES, S("Ed25519"), pkraw, 32, WASI_CRYPTO_PUBLICKEY_ENCODING_RAW, &pk2), 0);
  check_errno("ed25519.sig_import", signature_import(S("Ed25519"), buf, 64, WASI_CRYPTO_SIGNATURE_ENCODING_RAW, &sig2), 0);
  check_errno("ed25519.verify_open", signature_verification_state_open(pk2, &vst), 0);
  check_errno("ed25519.verify", signature_verification_state_verify(vst, sig2), 0);
  check_errno("ed25519.verify_other_msg_update", signature_verification_state_update(vst, (const uint8_t *)"x", 1), 0);
  check_errno("ed25519.verify_other_msg", signature_verification_state_verify(vst, sig2), WASI_CRYPTO_VERIFICATION_FAILED);
  signature_verification_state_close(vst);
  signature_close(sig2);
  signature_close(sig);
  signature_state_close(st);
  keypair_close(kp);
  publickey_close(pk2);
  publickey_close(pk);
  secretkey_close(sk);
}

static void test_ecdsa(void) {
  uint8_t pub[65], sigraw[64], buf[128];
  wasi_crypto_handle pk, sig, vst, kp, st, mysig;
  pub[0] = 4;
  hex2bin("60FED4BA255A9D31C961EB74C6356D68C049B8923B61FA6CE669622E60F29FB6", pub + 1, 32);
  hex2bin("7903FE1008B8BC99A41AE9E95628BC64F2F1B20C2D7E9F5177A3C294D4462299", pub + 33, 32);
  hex2bin("EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8", sigraw, 64);
  check_errno("p256.pk_import", publickey_import(WASI_CRYPTO_ALGORITHM_TYPE_SIGNATURES, S("ECDSA_P256_SHA256"), pub, 65, WASI_CRYPTO_PUBLICKEY_ENCODING_SEC, &pk), 0);
  check_errno("p256.sig_import", signature_import(S("ECDSA_P256_SHA256"), sigraw, 64, WASI_CRYPTO_SIGNATURE_ENCODING_RAW, &sig), 0);
  check_errno("p256.verify_open", signature_verification_state_open(pk, &vst), 0);
  check_errno("p256.update", signature_verification_state_update(vst, (const uint8_t *)"sample", 6), 0);
  check_errno("p256.rfc6979-verify", signature_verification_state_verify(vst, sig), 0);
  signature_verification_state_close(vst);
  /* a fresh key pair: sign, then verify through an exported/imported public key */
  check_errno("p256.generate", keypair_generate(WASI_CRYPTO_ALGORITHM_TYPE_SIGNATURES, S("ECDSA_P256_SHA256"), &NO_OPTIONS, &kp), 0);
  check_errno("p256.sign_open", signature_state_open(kp, &st), 0);
  check_errno("p256.sign_update", signature_state_update(st, (const uint8_t *)"sample", 6), 0);
  check_errno("p256.sign", signature_state_sign(st, &mysig), 0);
  wasi_crypto_handle mypk, ao;
  check_errno("p256.kp_publickey", keypair_publickey(kp, &mypk), 0);
  check_errno("p256.verify_open2", signature_verification_state_open(mypk, &vst), 0);
  check_errno("p256.update2", signature_verification_state_update(vst, (const uint8_t *)"sample", 6), 0);
  check_errno("p256.verify-own", signature_verification_state_verify(vst, mysig), 0);
  check_errno("p256.verify-rfc-sig-other-key", signature_verification_state_verify(vst, sig), WASI_CRYPTO_VERIFICATION_FAILED);
  check_errno("p256.sig_export_der", signature_export(mysig, WASI_CRYPTO_SIGNATURE_ENCODING_DER, &ao), 0);
  int n = pull_all(ao, buf, sizeof buf);
  check("p256.der", n >= 8 && buf[0] == 0x30, "not a DER SEQUENCE");
  signature_verification_state_close(vst);
  signature_close(mysig);
  signature_state_close(st);
  publickey_close(mypk);
  keypair_close(kp);
  signature_close(sig);
  publickey_close(pk);
}

static void test_x25519(void) {
  uint8_t a_sk[32], b_pk[32], buf[64];
  wasi_crypto_handle sk, pk, ao, apk;
  hex2bin("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a", a_sk, 32);
  hex2bin("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f", b_pk, 32);
  check_errno("x25519.sk_import", secretkey_import(WASI_CRYPTO_ALGORITHM_TYPE_KEY_EXCHANGE, S("X25519"), a_sk, 32, WASI_CRYPTO_SECRETKEY_ENCODING_RAW, &sk), 0);
  check_errno("x25519.pk_import", publickey_import(WASI_CRYPTO_ALGORITHM_TYPE_KEY_EXCHANGE, S("X25519"), b_pk, 32, WASI_CRYPTO_PUBLICKEY_ENCODING_RAW, &pk), 0);
  check_errno("x25519.dh", kx_dh(pk, sk, &ao), 0);
  int n = pull_all(ao, buf, sizeof buf);
  check("x25519.rfc7748-shared", n == 32 && eq_hex(buf, 32, "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742"), "shared secret differs from RFC 7748 6.1");
  check_errno("x25519.pk_from_sk", publickey_from_secretkey(sk, &apk), 0);
  check_errno("x25519.pk_export", publickey_export(apk, WASI_CRYPTO_PUBLICKEY_ENCODING_RAW, &ao), 0);
  /* stream the array_output in two pulls */
  size_t got1 = 0, got2 = 0, got3 = 0;
  check_errno("x25519.pull1", array_output_pull(ao, buf, 20, &got1), 0);
  check_errno("x25519.pull2", array_output_pull(ao, buf + 20, 44, &got2), 0);
  check("x25519.rfc7748-alice-pk", got1 == 20 && got2 == 12 && eq_hex(buf, 32, "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"), "alice's public key differs from RFC 7748");
  check_errno("x25519.pull-after-end", array_output_pull(ao, buf, 8, &got3), WASI_CRYPTO_INVALID_HANDLE);
  publickey_close(apk);
  publickey_close(pk);
  secretkey_close(sk);
}

static void test_errors(void) {
  wasi_crypto_handle st;
  uint8_t out[32];
  check_errno("err.unknown-algorithm", symmetric_state_open(S("NOPE-512"), &NO_KEY, &NO_OPTIONS, &st), WASI_CRYPTO_UNSUPPORTED_ALGORITHM);
  check_errno("err.bad-handle", symmetric_state_absorb(0x7fff1234u, out, 4), WASI_CRYPTO_INVALID_HANDLE);
  check_errno("err.bad-handle-close", symmetric_key_close(0x7fff1234u), WASI_CRYPTO_INVALID_HANDLE);
  check_errno("err.open", symmetric_state_open(S("SHA-256"), &NO_KEY, &NO_OPTIONS, &st), 0);
  check_errno("err.wrong-handle-type", symmetric_key_close(st), WASI_CRYPTO_INVALID_HANDLE);
  /* pointers outside the linear memory */
  check_errno("err.oob-input", symmetric_state_absorb(st, (const uint8_t *)0xfffffff0u, 64), WASI_CRYPTO_GUEST_ERROR);
  check_errno("err.wrapping-input", symmetric_state_absorb(st, (const uint8_t *)0x10u, 0xfffffff8u), WASI_CRYPTO_GUEST_ERROR);
  check_errno("err.oob-output", symmetric_state_squeeze(st, (uint8_t *)0xffffff00u, 32), WASI_CRYPTO_GUEST_ERROR);
  check_errno("err.oob-out-handle", symmetric_state_clone(st, (wasi_crypto_handle *)0xfffffffeu), WASI_CRYPTO_GUEST_ERROR);
  check_errno("err.oob-name", symmetric_state_open((const char *)0xfffffff0u, 100, &NO_KEY, &NO_OPTIONS, &st), WASI_CRYPTO_GUEST_ERROR);
  check_errno("err.oob-options", symmetric_state_open(S("SHA-256"), &NO_KEY, (const wasi_crypto_opt_options *)0xfffffffcu, &st), WASI_CRYPTO_GUEST_ERROR);
  /* the state still works after the faults */
  check_errno("err.absorb-after", symmetric_state_absorb(st, (const uint8_t *)"abc", 3), 0);
  check_errno("err.squeeze-after", symmetric_state_squeeze(st, out, 32), 0);
  check("err.sha256-after", eq_hex(out, 32, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"), "digest differs");
  check_errno("err.close", symmetric_state_close(st), 0);
  check_errno("err.use-after-close", symmetric_state_absorb(st, out, 1), WASI_CRYPTO_INVALID_HANDLE);
  check_errno("err.bad-enum", options_open(7, &st), WASI_CRYPTO_GUEST_ERROR);
}

/* The sandbox as the guest sees it: its arguments, one environment variable, the filesystem. */
static int report_sandbox(int argc, char **argv) {
  int code = 0;
  for (int i = 1; i < argc; i++) {
    printf("arg %s\n", argv[i]);
    if (strncmp(argv[i], "exit=", 5) == 0) code = atoi(argv[i] + 5);
  }
  const char *v = getenv("WITX_GUEST_ENV");
  printf("env WITX_GUEST_ENV=%s\n", v ? v : "(unset)");
  printf("env HOME=%s\n", getenv("HOME") ? "(set)" : "(unset)");
  FILE *f = fopen("/etc/passwd", "r");
  printf("fs /etc/passwd %s\n", f ? "readable" : "denied");
  if (f) fclose(f);
  return code;
}

int main(int argc, char **argv) {
  int code = report_sandbox(argc, argv);
  test_hash();
  test_hmac();
  test_aead();
  test_ed25519();
  test_ecdsa();
  test_x25519();
  test_errors();
  printf("%s: %d failure(s)\n", failures ? "FAILED" : "PASSED", failures);
  return failures ? 1 : code;
}
