// The interop suite in C (guest-examples/interop/wit, world interop-guest), over the generated
// bindings in bindings/c/interop_guest.{h,c}. Every handle opened here is dropped before the
// export returns; every list the host returns is freed.
#include "interop_guest.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

// ── short names for the generated ones ───────────────────────────────────────────────────────────
typedef interop_guest_string_t str_t;
typedef interop_guest_list_u8_t bytes_t;
typedef wasi_crypto_common_error_code_t err_t;
typedef wasi_crypto_symmetric_own_symmetric_key_t symkey_t;
typedef wasi_crypto_asymmetric_common_own_keypair_t keypair_t;
typedef wasi_crypto_asymmetric_common_own_publickey_t publickey_t;
typedef wasi_crypto_asymmetric_common_own_secretkey_t secretkey_t;
typedef interop_matrix_suite_check_line_t line_t;
typedef interop_guest_list_check_line_t lines_t;

#define SIGNATURES WASI_CRYPTO_COMMON_ALGORITHM_TYPE_SIGNATURES
#define KEY_EXCHANGE WASI_CRYPTO_COMMON_ALGORITHM_TYPE_KEY_EXCHANGE
#define PRODUCER "c"

static const char *error_name(err_t e) {
  const char *n = wasi_crypto_common_error_code_name(e);
  return n ? n : "?";
}

static str_t s(const char *c) {
  str_t r;
  interop_guest_string_set(&r, c);
  return r;
}

static bytes_t b(const void *p, size_t n) {
  return (bytes_t){(uint8_t *) p, n};
}

static bool same(const bytes_t *x, const bytes_t *y) {
  return x->len == y->len && (x->len == 0 || memcmp(x->ptr, y->ptr, x->len) == 0);
}

/** A malloc'd copy, so that the copy can be handed over (freed by the glue) or modified. */
static bytes_t copy(const bytes_t *x) {
  bytes_t r = {NULL, x->len};
  r.ptr = cabi_realloc(NULL, 0, 1, x->len ? x->len : 1);
  if (x->len) memcpy(r.ptr, x->ptr, x->len);
  return r;
}

/**
 * A `%s`-only vsnprintf: wasi-libc's printf family is most of a small module (core 158 kB with it,
 * see README), and the details here only ever splice strings.
 */
static void format_s(char *out, size_t cap, const char *fmt, va_list ap) {
  size_t n = 0;
  for (const char *f = fmt; *f && n + 1 < cap; f++) {
    if (f[0] == '%' && f[1] == 's') {
      for (const char *a = va_arg(ap, const char *); *a && n + 1 < cap; a++) out[n++] = *a;
      f++;
    } else {
      out[n++] = *f;
    }
  }
  out[n] = 0;
}

static void fmt_s(char *out, size_t cap, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  format_s(out, cap, fmt, ap);
  va_end(ap);
}

// ── check lines ──────────────────────────────────────────────────────────────────────────────────

typedef struct {
  line_t items[16];
  size_t len;
} report_t;

static void add(report_t *rep, const char *scenario, bool passed, const char *fmt, ...) {
  if (rep->len >= sizeof rep->items / sizeof rep->items[0]) abort();
  line_t *l = &rep->items[rep->len++];
  interop_guest_string_dup(&l->scenario, scenario);
  l->passed = passed;
  char detail[200] = "";
  if (!passed && fmt) {
    va_list ap;
    va_start(ap, fmt);
    format_s(detail, sizeof detail, fmt, ap);
    va_end(ap);
  }
  interop_guest_string_dup(&l->detail, detail);
}

/** The lines as a malloc'd list<check-line>: the glue frees it after the call (cabi_post). */
static void finish(report_t *rep, lines_t *ret) {
  ret->len = rep->len;
  ret->ptr = cabi_realloc(NULL, 0, 4, rep->len * sizeof(line_t));
  memcpy(ret->ptr, rep->items, rep->len * sizeof(line_t));
}

// ── produce ──────────────────────────────────────────────────────────────────────────────────────

#define TRY(call, what)                                                   \
  do {                                                                    \
    if (!(call)) {                                                        \
      fmt_s(why, sizeof why, "%s: %s", what, error_name(e));              \
      goto fail;                                                          \
    }                                                                     \
  } while (0)

bool interop_matrix_suite_produce(interop_matrix_suite_outputs_t *ret, str_t *err) {
  static const char MESSAGE[] = "interop message from " PRODUCER;
  char why[160] = "";
  err_t e = 0;
  interop_matrix_suite_outputs_t o;
  memset(&o, 0, sizeof o);
  symkey_t hmac = {-1}, aead = {-1};
  keypair_t ed = {-1}, p256 = {-1}, xa = {-1}, xb = {-1};
  publickey_t ed_pk = {-1}, p256_pk = {-1}, xa_pk = {-1}, xb_pk = {-1};
  secretkey_t xa_sk = {-1}, xb_sk = {-1};

  interop_guest_string_dup(&o.producer, PRODUCER);
  bytes_t msg = b(MESSAGE, strlen(MESSAGE));
  o.message = copy(&msg);

  str_t alg = s("SHA-256");
  interop_guest_option_u32_t natural = {.is_some = false};
  TRY(wasi_crypto_symmetric_hash(&alg, &msg, &natural, &o.sha256, &e), "hash");

  interop_guest_option_borrow_options_t no_options = {.is_some = false};
  alg = s("HMAC/SHA-256");
  TRY(wasi_crypto_symmetric_static_symmetric_key_generate(&alg, &no_options, &hmac, &e), "HMAC key generate");
  TRY(wasi_crypto_symmetric_method_symmetric_key_export(wasi_crypto_symmetric_borrow_symmetric_key(hmac), &o.hmac_key, &e), "HMAC key export");
  TRY(wasi_crypto_symmetric_method_symmetric_key_mac(wasi_crypto_symmetric_borrow_symmetric_key(hmac), &msg, &o.hmac_tag, &e), "mac");

  alg = s("AES-256-GCM");
  TRY(wasi_crypto_symmetric_static_symmetric_key_generate(&alg, &no_options, &aead, &e), "AES key generate");
  TRY(wasi_crypto_symmetric_method_symmetric_key_export(wasi_crypto_symmetric_borrow_symmetric_key(aead), &o.aead_key, &e), "AES key export");
  // A fresh key per run, so a fixed-pattern nonce is safe: the first 12 bytes of SHA-256(message).
  bytes_t nonce = b(o.sha256.ptr, 12);
  o.aead_nonce = copy(&nonce);
  bytes_t aad = b(PRODUCER, strlen(PRODUCER));
  TRY(wasi_crypto_symmetric_method_symmetric_key_seal(wasi_crypto_symmetric_borrow_symmetric_key(aead), &nonce, &aad, &msg, &o.aead_ciphertext, &e), "seal");

  alg = s("Ed25519");
  TRY(wasi_crypto_asymmetric_common_static_keypair_generate(SIGNATURES, &alg, &no_options, &ed, &e), "Ed25519 generate");
  TRY(wasi_crypto_asymmetric_common_method_keypair_publickey(wasi_crypto_asymmetric_common_borrow_keypair(ed), &ed_pk, &e), "Ed25519 publickey");
  TRY(wasi_crypto_asymmetric_common_method_publickey_export(wasi_crypto_asymmetric_common_borrow_publickey(ed_pk), WASI_CRYPTO_ASYMMETRIC_COMMON_PUBLICKEY_ENCODING_RAW, &o.ed25519_public, &e), "Ed25519 public export");
  TRY(wasi_crypto_asymmetric_common_method_keypair_export(wasi_crypto_asymmetric_common_borrow_keypair(ed), WASI_CRYPTO_ASYMMETRIC_COMMON_KEYPAIR_ENCODING_PKCS8, &o.ed25519_keypair, &e), "Ed25519 keypair export");
  TRY(wasi_crypto_signatures_sign(wasi_crypto_asymmetric_common_borrow_keypair(ed), &msg, &o.ed25519_signature, &e), "Ed25519 sign");

  alg = s("ECDSA_P256_SHA256");
  TRY(wasi_crypto_asymmetric_common_static_keypair_generate(SIGNATURES, &alg, &no_options, &p256, &e), "P-256 generate");
  TRY(wasi_crypto_asymmetric_common_method_keypair_publickey(wasi_crypto_asymmetric_common_borrow_keypair(p256), &p256_pk, &e), "P-256 publickey");
  TRY(wasi_crypto_asymmetric_common_method_publickey_export(wasi_crypto_asymmetric_common_borrow_publickey(p256_pk), WASI_CRYPTO_ASYMMETRIC_COMMON_PUBLICKEY_ENCODING_SEC, &o.p256_public, &e), "P-256 public export");
  TRY(wasi_crypto_signatures_sign(wasi_crypto_asymmetric_common_borrow_keypair(p256), &msg, &o.p256_signature, &e), "P-256 sign");

  alg = s("X25519");
  TRY(wasi_crypto_asymmetric_common_static_keypair_generate(KEY_EXCHANGE, &alg, &no_options, &xa, &e), "X25519 generate A");
  TRY(wasi_crypto_asymmetric_common_static_keypair_generate(KEY_EXCHANGE, &alg, &no_options, &xb, &e), "X25519 generate B");
  TRY(wasi_crypto_asymmetric_common_method_keypair_publickey(wasi_crypto_asymmetric_common_borrow_keypair(xa), &xa_pk, &e), "X25519 A publickey");
  TRY(wasi_crypto_asymmetric_common_method_keypair_secretkey(wasi_crypto_asymmetric_common_borrow_keypair(xa), &xa_sk, &e), "X25519 A secretkey");
  TRY(wasi_crypto_asymmetric_common_method_keypair_publickey(wasi_crypto_asymmetric_common_borrow_keypair(xb), &xb_pk, &e), "X25519 B publickey");
  TRY(wasi_crypto_asymmetric_common_method_keypair_secretkey(wasi_crypto_asymmetric_common_borrow_keypair(xb), &xb_sk, &e), "X25519 B secretkey");
  TRY(wasi_crypto_asymmetric_common_method_publickey_export(wasi_crypto_asymmetric_common_borrow_publickey(xa_pk), WASI_CRYPTO_ASYMMETRIC_COMMON_PUBLICKEY_ENCODING_RAW, &o.x25519_public, &e), "X25519 A public export");
  TRY(wasi_crypto_asymmetric_common_method_secretkey_export(wasi_crypto_asymmetric_common_borrow_secretkey(xb_sk), WASI_CRYPTO_ASYMMETRIC_COMMON_SECRETKEY_ENCODING_RAW, &o.x25519_peer_secret, &e), "X25519 B secret export");
  TRY(wasi_crypto_kx_dh(wasi_crypto_asymmetric_common_borrow_publickey(xb_pk), wasi_crypto_asymmetric_common_borrow_secretkey(xa_sk), &o.x25519_shared, &e), "dh");

  *ret = o;
  goto done;
fail:
  interop_matrix_suite_outputs_free(&o);
  interop_guest_string_dup(err, why);
done:
  // Every handle goes, on success and failure alike.
  if (hmac.__handle != -1) wasi_crypto_symmetric_symmetric_key_drop_own(hmac);
  if (aead.__handle != -1) wasi_crypto_symmetric_symmetric_key_drop_own(aead);
  if (ed.__handle != -1) wasi_crypto_asymmetric_common_keypair_drop_own(ed);
  if (p256.__handle != -1) wasi_crypto_asymmetric_common_keypair_drop_own(p256);
  if (xa.__handle != -1) wasi_crypto_asymmetric_common_keypair_drop_own(xa);
  if (xb.__handle != -1) wasi_crypto_asymmetric_common_keypair_drop_own(xb);
  if (ed_pk.__handle != -1) wasi_crypto_asymmetric_common_publickey_drop_own(ed_pk);
  if (p256_pk.__handle != -1) wasi_crypto_asymmetric_common_publickey_drop_own(p256_pk);
  if (xa_pk.__handle != -1) wasi_crypto_asymmetric_common_publickey_drop_own(xa_pk);
  if (xb_pk.__handle != -1) wasi_crypto_asymmetric_common_publickey_drop_own(xb_pk);
  if (xa_sk.__handle != -1) wasi_crypto_asymmetric_common_secretkey_drop_own(xa_sk);
  if (xb_sk.__handle != -1) wasi_crypto_asymmetric_common_secretkey_drop_own(xb_sk);
  return why[0] == 0;
}

// ── check ────────────────────────────────────────────────────────────────────────────────────────

static void check_sha256(report_t *rep, interop_matrix_suite_outputs_t *o) {
  str_t alg = s("SHA-256");
  interop_guest_option_u32_t natural = {.is_some = false};
  bytes_t digest;
  err_t e;
  if (!wasi_crypto_symmetric_hash(&alg, &o->message, &natural, &digest, &e)) return add(rep, "sha256", false, "hash: %s", error_name(e));
  add(rep, "sha256", same(&digest, &o->sha256), "digest differs");
  interop_guest_list_u8_free(&digest);
}

static void check_hmac(report_t *rep, interop_matrix_suite_outputs_t *o) {
  str_t alg = s("HMAC/SHA-256");
  symkey_t key;
  err_t e;
  if (!wasi_crypto_symmetric_static_symmetric_key_import(&alg, &o->hmac_key, &key, &e)) return add(rep, "hmac-verify", false, "import: %s", error_name(e));
  bool ok = wasi_crypto_symmetric_method_symmetric_key_mac_verify(wasi_crypto_symmetric_borrow_symmetric_key(key), &o->message, &o->hmac_tag, &e);
  add(rep, "hmac-verify", ok, "mac-verify: %s", error_name(e));
  wasi_crypto_symmetric_symmetric_key_drop_own(key);
}

static void check_aead(report_t *rep, interop_matrix_suite_outputs_t *o) {
  str_t alg = s("AES-256-GCM");
  symkey_t key;
  err_t e;
  if (!wasi_crypto_symmetric_static_symmetric_key_import(&alg, &o->aead_key, &key, &e)) return add(rep, "aead-open", false, "import: %s", error_name(e));
  bytes_t aad = b(o->producer.ptr, o->producer.len);
  bytes_t plain;
  if (wasi_crypto_symmetric_method_symmetric_key_open(wasi_crypto_symmetric_borrow_symmetric_key(key), &o->aead_nonce, &aad, &o->aead_ciphertext, &plain, &e)) {
    add(rep, "aead-open", same(&plain, &o->message), "plaintext differs from the message");
    interop_guest_list_u8_free(&plain);
  } else {
    add(rep, "aead-open", false, "open: %s", error_name(e));
  }
  wasi_crypto_symmetric_symmetric_key_drop_own(key);
}

static void check_verify(report_t *rep, const char *scenario, const char *algorithm, bytes_t *pub, wasi_crypto_asymmetric_common_publickey_encoding_t enc, interop_matrix_suite_outputs_t *o, bytes_t *sig) {
  str_t alg = s(algorithm);
  publickey_t pk;
  err_t e;
  if (!wasi_crypto_asymmetric_common_static_publickey_import(SIGNATURES, &alg, pub, enc, &pk, &e)) return add(rep, scenario, false, "publickey import: %s", error_name(e));
  bool ok = wasi_crypto_signatures_verify(wasi_crypto_asymmetric_common_borrow_publickey(pk), &o->message, sig, &e);
  add(rep, scenario, ok, "verify: %s", error_name(e));
  wasi_crypto_asymmetric_common_publickey_drop_own(pk);
}

static void check_ed25519_keypair(report_t *rep, interop_matrix_suite_outputs_t *o) {
  const char *sc = "ed25519-keypair-import";
  str_t alg = s("Ed25519");
  keypair_t kp;
  publickey_t pk;
  bytes_t sig, pub;
  err_t e;
  if (!wasi_crypto_asymmetric_common_static_keypair_import(SIGNATURES, &alg, &o->ed25519_keypair, WASI_CRYPTO_ASYMMETRIC_COMMON_KEYPAIR_ENCODING_PKCS8, &kp, &e)) return add(rep, sc, false, "keypair import: %s", error_name(e));
  if (!wasi_crypto_signatures_sign(wasi_crypto_asymmetric_common_borrow_keypair(kp), &o->message, &sig, &e)) {
    add(rep, sc, false, "sign: %s", error_name(e));
  } else if (!wasi_crypto_asymmetric_common_method_keypair_publickey(wasi_crypto_asymmetric_common_borrow_keypair(kp), &pk, &e)) {
    add(rep, sc, false, "publickey: %s", error_name(e));
    interop_guest_list_u8_free(&sig);
  } else {
    if (!wasi_crypto_asymmetric_common_method_publickey_export(wasi_crypto_asymmetric_common_borrow_publickey(pk), WASI_CRYPTO_ASYMMETRIC_COMMON_PUBLICKEY_ENCODING_RAW, &pub, &e)) {
      add(rep, sc, false, "publickey export: %s", error_name(e));
    } else {
      bool sig_same = same(&sig, &o->ed25519_signature), pub_same = same(&pub, &o->ed25519_public);
      add(rep, sc, sig_same && pub_same, "%s", !sig_same ? "re-signed signature differs (Ed25519 is deterministic)" : "public key differs");
      interop_guest_list_u8_free(&pub);
    }
    interop_guest_list_u8_free(&sig);
    wasi_crypto_asymmetric_common_publickey_drop_own(pk);
  }
  wasi_crypto_asymmetric_common_keypair_drop_own(kp);
}

static void check_x25519(report_t *rep, interop_matrix_suite_outputs_t *o) {
  const char *sc = "x25519-dh";
  str_t alg = s("X25519");
  publickey_t pk;
  secretkey_t sk;
  bytes_t shared;
  err_t e;
  if (!wasi_crypto_asymmetric_common_static_publickey_import(KEY_EXCHANGE, &alg, &o->x25519_public, WASI_CRYPTO_ASYMMETRIC_COMMON_PUBLICKEY_ENCODING_RAW, &pk, &e)) return add(rep, sc, false, "publickey import: %s", error_name(e));
  if (!wasi_crypto_asymmetric_common_static_secretkey_import(KEY_EXCHANGE, &alg, &o->x25519_peer_secret, WASI_CRYPTO_ASYMMETRIC_COMMON_SECRETKEY_ENCODING_RAW, &sk, &e)) {
    add(rep, sc, false, "secretkey import: %s", error_name(e));
  } else {
    if (wasi_crypto_kx_dh(wasi_crypto_asymmetric_common_borrow_publickey(pk), wasi_crypto_asymmetric_common_borrow_secretkey(sk), &shared, &e)) {
      add(rep, sc, same(&shared, &o->x25519_shared), "shared secret differs");
      interop_guest_list_u8_free(&shared);
    } else {
      add(rep, sc, false, "dh: %s", error_name(e));
    }
    wasi_crypto_asymmetric_common_secretkey_drop_own(sk);
  }
  wasi_crypto_asymmetric_common_publickey_drop_own(pk);
}

void interop_matrix_suite_check(interop_matrix_suite_outputs_t *o, lines_t *ret) {
  report_t rep = {.len = 0};
  check_sha256(&rep, o);
  check_hmac(&rep, o);
  check_aead(&rep, o);
  check_verify(&rep, "ed25519-verify", "Ed25519", &o->ed25519_public, WASI_CRYPTO_ASYMMETRIC_COMMON_PUBLICKEY_ENCODING_RAW, o, &o->ed25519_signature);
  check_ed25519_keypair(&rep, o);
  check_verify(&rep, "p256-verify", "ECDSA_P256_SHA256", &o->p256_public, WASI_CRYPTO_ASYMMETRIC_COMMON_PUBLICKEY_ENCODING_SEC, o, &o->p256_signature);
  check_x25519(&rep, o);
  // The parameters are ours (see the ownership rules in interop_guest.h).
  interop_matrix_suite_outputs_free(o);
  finish(&rep, ret);
}

// ── errors ───────────────────────────────────────────────────────────────────────────────────────

static void expect(report_t *rep, const char *scenario, bool ok, err_t e, err_t want) {
  if (ok) add(rep, scenario, false, "succeeded; expected %s", error_name(want));
  else add(rep, scenario, e == want, "got %s; expected %s", error_name(e), error_name(want));
}

void interop_matrix_suite_errors(lines_t *ret) {
  report_t rep = {.len = 0};
  interop_guest_option_borrow_options_t no_options = {.is_some = false};
  err_t e = 0;
  bytes_t out;

  // unsupported-algorithm: a hash nobody has.
  {
    str_t alg = s("NO-SUCH-HASH-512");
    bytes_t data = b("x", 1);
    interop_guest_option_u32_t natural = {.is_some = false};
    bool ok = wasi_crypto_symmetric_hash(&alg, &data, &natural, &out, &e);
    if (ok) interop_guest_list_u8_free(&out);
    expect(&rep, "error:unsupported-algorithm", ok, e, WASI_CRYPTO_COMMON_ERROR_CODE_UNSUPPORTED_ALGORITHM);
  }
  // invalid-key: a 5-byte AES-256-GCM key.
  {
    str_t alg = s("AES-256-GCM");
    bytes_t raw = b("short", 5);
    symkey_t key;
    bool ok = wasi_crypto_symmetric_static_symmetric_key_import(&alg, &raw, &key, &e);
    if (ok) wasi_crypto_symmetric_symmetric_key_drop_own(key);
    expect(&rep, "error:invalid-key", ok, e, WASI_CRYPTO_COMMON_ERROR_CODE_INVALID_KEY);
  }
  // verification-failed: an Ed25519 signature with one bit flipped.
  {
    str_t alg = s("Ed25519");
    bytes_t msg = b("signed message", 14);
    keypair_t kp;
    publickey_t pk;
    bytes_t sig;
    if (!wasi_crypto_asymmetric_common_static_keypair_generate(SIGNATURES, &alg, &no_options, &kp, &e)) {
      add(&rep, "error:verification-failed", false, "generate: %s", error_name(e));
    } else {
      if (!wasi_crypto_signatures_sign(wasi_crypto_asymmetric_common_borrow_keypair(kp), &msg, &sig, &e)) {
        add(&rep, "error:verification-failed", false, "sign: %s", error_name(e));
      } else {
        if (!wasi_crypto_asymmetric_common_method_keypair_publickey(wasi_crypto_asymmetric_common_borrow_keypair(kp), &pk, &e)) {
          add(&rep, "error:verification-failed", false, "publickey: %s", error_name(e));
        } else {
          bool good = wasi_crypto_signatures_verify(wasi_crypto_asymmetric_common_borrow_publickey(pk), &msg, &sig, &e);
          sig.ptr[10] ^= 1;
          bool ok = wasi_crypto_signatures_verify(wasi_crypto_asymmetric_common_borrow_publickey(pk), &msg, &sig, &e);
          if (!good) add(&rep, "error:verification-failed", false, "the untampered signature did not verify");
          else expect(&rep, "error:verification-failed", ok, e, WASI_CRYPTO_COMMON_ERROR_CODE_VERIFICATION_FAILED);
          wasi_crypto_asymmetric_common_publickey_drop_own(pk);
        }
        interop_guest_list_u8_free(&sig);
      }
      wasi_crypto_asymmetric_common_keypair_drop_own(kp);
    }
  }
  // invalid-tag: an AES-256-GCM ciphertext with one bit flipped.
  {
    str_t alg = s("AES-256-GCM");
    symkey_t key;
    bytes_t nonce = b("twelve bytes", 12), aad = b("", 0), msg = b("secret", 6), ct;
    if (!wasi_crypto_symmetric_static_symmetric_key_generate(&alg, &no_options, &key, &e)) {
      add(&rep, "error:invalid-tag", false, "generate: %s", error_name(e));
    } else {
      if (!wasi_crypto_symmetric_method_symmetric_key_seal(wasi_crypto_symmetric_borrow_symmetric_key(key), &nonce, &aad, &msg, &ct, &e)) {
        add(&rep, "error:invalid-tag", false, "seal: %s", error_name(e));
      } else {
        ct.ptr[0] ^= 1;
        bool ok = wasi_crypto_symmetric_method_symmetric_key_open(wasi_crypto_symmetric_borrow_symmetric_key(key), &nonce, &aad, &ct, &out, &e);
        if (ok) interop_guest_list_u8_free(&out);
        expect(&rep, "error:invalid-tag", ok, e, WASI_CRYPTO_COMMON_ERROR_CODE_INVALID_TAG);
        interop_guest_list_u8_free(&ct);
      }
      wasi_crypto_symmetric_symmetric_key_drop_own(key);
    }
  }
  finish(&rep, ret);
}
