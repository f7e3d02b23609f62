/*
 * wasi_crypto.h: the witx wasi-crypto ABI (witx 0.10, the `wasi_ephemeral_crypto_*` modules) as
 * plain C imports, written from shared/reference/upstream/witx-0.10/wasi_ephemeral_crypto.txt
 * (the witx-codegen overview of the six modules; the batch modules are left out).
 *
 * Conventions (witx lowering for wasm32): every function returns the errno (u16, as i32);
 * results come back through the trailing out-pointers; strings and buffers are (pointer, length);
 * `size` is 32 bits; handles are u32; opt_options / opt_symmetric_key are passed by pointer to an
 * 8-byte tagged struct (u8 tag, 0 = some, 1 = none; u32 handle at offset 4).
 */
#ifndef WASI_CRYPTO_H
#define WASI_CRYPTO_H
#include <stddef.h>
#include <stdint.h>

typedef uint16_t wasi_crypto_errno;
typedef uint32_t wasi_crypto_handle;
typedef uint16_t wasi_crypto_algorithm_type;
typedef uint16_t wasi_crypto_keypair_encoding;
typedef uint16_t wasi_crypto_publickey_encoding;
typedef uint16_t wasi_crypto_secretkey_encoding;
typedef uint16_t wasi_crypto_signature_encoding;

enum {
  WASI_CRYPTO_SUCCESS = 0, WASI_CRYPTO_GUEST_ERROR, WASI_CRYPTO_NOT_IMPLEMENTED, WASI_CRYPTO_UNSUPPORTED_FEATURE,
  WASI_CRYPTO_PROHIBITED_OPERATION, WASI_CRYPTO_UNSUPPORTED_ENCODING, WASI_CRYPTO_UNSUPPORTED_ALGORITHM,
  WASI_CRYPTO_UNSUPPORTED_OPTION, WASI_CRYPTO_INVALID_KEY, WASI_CRYPTO_INVALID_LENGTH, WASI_CRYPTO_VERIFICATION_FAILED,
  WASI_CRYPTO_RNG_ERROR, WASI_CRYPTO_ALGORITHM_FAILURE, WASI_CRYPTO_INVALID_SIGNATURE, WASI_CRYPTO_CLOSED,
  WASI_CRYPTO_INVALID_HANDLE, WASI_CRYPTO_OVERFLOW, WASI_CRYPTO_INTERNAL_ERROR, WASI_CRYPTO_TOO_MANY_HANDLES,
  WASI_CRYPTO_KEY_NOT_SUPPORTED, WASI_CRYPTO_KEY_REQUIRED, WASI_CRYPTO_INVALID_TAG, WASI_CRYPTO_INVALID_OPERATION,
  WASI_CRYPTO_NONCE_REQUIRED, WASI_CRYPTO_INVALID_NONCE, WASI_CRYPTO_OPTION_NOT_SET, WASI_CRYPTO_NOT_FOUND,
  WASI_CRYPTO_PARAMETERS_MISSING, WASI_CRYPTO_IN_PROGRESS, WASI_CRYPTO_INCOMPATIBLE_KEYS, WASI_CRYPTO_EXPIRED
};

enum { WASI_CRYPTO_ALGORITHM_TYPE_SIGNATURES = 0, WASI_CRYPTO_ALGORITHM_TYPE_SYMMETRIC = 1, WASI_CRYPTO_ALGORITHM_TYPE_KEY_EXCHANGE = 2 };
enum { WASI_CRYPTO_KEYPAIR_ENCODING_RAW = 0, WASI_CRYPTO_KEYPAIR_ENCODING_PKCS8 = 1, WASI_CRYPTO_KEYPAIR_ENCODING_PEM = 2, WASI_CRYPTO_KEYPAIR_ENCODING_LOCAL = 3 };
enum { WASI_CRYPTO_PUBLICKEY_ENCODING_RAW = 0, WASI_CRYPTO_PUBLICKEY_ENCODING_PKCS8 = 1, WASI_CRYPTO_PUBLICKEY_ENCODING_PEM = 2, WASI_CRYPTO_PUBLICKEY_ENCODING_SEC = 3, WASI_CRYPTO_PUBLICKEY_ENCODING_LOCAL = 4 };
enum { WASI_CRYPTO_SECRETKEY_ENCODING_RAW = 0, WASI_CRYPTO_SECRETKEY_ENCODING_PKCS8 = 1, WASI_CRYPTO_SECRETKEY_ENCODING_PEM = 2, WASI_CRYPTO_SECRETKEY_ENCODING_SEC = 3, WASI_CRYPTO_SECRETKEY_ENCODING_LOCAL = 4 };
enum { WASI_CRYPTO_SIGNATURE_ENCODING_RAW = 0, WASI_CRYPTO_SIGNATURE_ENCODING_DER = 1 };

#define WASI_CRYPTO_VERSION_UNSPECIFIED 0xff00000000000000ULL
#define WASI_CRYPTO_VERSION_LATEST 0xff00000000000001ULL
#define WASI_CRYPTO_VERSION_ALL 0xff00000000000002ULL

#define WASI_CRYPTO_OPT_SOME 0
#define WASI_CRYPTO_OPT_NONE 1
typedef struct { uint8_t tag; wasi_crypto_handle handle; } wasi_crypto_opt_options;
typedef struct { uint8_t tag; wasi_crypto_handle handle; } wasi_crypto_opt_symmetric_key;
_Static_assert(sizeof(wasi_crypto_opt_options) == 8, "opt_options is 8 bytes");
_Static_assert(sizeof(size_t) == 4, "wasm32: size is 32 bits");

#define WASI_CRYPTO_IMPORT(module, name) __attribute__((import_module(#module), import_name(#name)))

/* ---- wasi_ephemeral_crypto_common ---- */

WASI_CRYPTO_IMPORT(wasi_ephemeral_crypto_common, options_open)
wasi_crypto_errno options_open(wasi_crypto_algorithm_type algorithm_type, wasi_crypto_handle *out);
WASI_CRYPTO_IMPORT(wasi_ephemeral_crypto_common, options_close)
wasi_crypto_errno options_close(wasi_crypto_handle handle);
WASI_CRYPTO_IMPORT(wasi_ephemeral_crypto_common, options_set)
wasi_crypto_errno options_set(wasi_crypto_handle handle, const char *name, size_t name_len, const uint8_t * value, size_t value_len);
WASI_CRYPTO_IMPORT(wasi_ephemeral_crypto_common, options_set_u64)
wasi_crypto_errno options_set_u64(wasi_crypto_handle handle, const char *name, size_t name_len, uint64_t value);
WASI_CRYPTO_IMPORT(wasi_ephemeral_crypto_common, options_set_guest_buffer)
wasi_crypto_errno options_set_guest_buffer(wasi_crypto_handle handle, const char *name, size_t name_len, uint8_t * buffer, size_t buffer_len);
WASI_CRYPTO_IMPORT(wasi_ephemeral_crypto_common, array_output_len)
wasi_crypto_errno array_output_len(wasi_crypto_handle array_output, size_t *out);
WASI_CRYPTO_IMPORT(wasi_ephemeral_crypto_common, array_output_pull)
wasi_crypto_errno array_output_pull(wasi_crypto_handle array_output, uint8_t * buf, size_t buf_len, size_t *out);
WASI_CRYPTO_IMPORT(wasi_ephemeral_crypto_common, secrets_manager_open)
wasi_crypto_errno secrets_manager_open(const wasi_crypto_opt_options * options, wasi_crypto_handle *out);
WASI_CRYPTO_IMPORT(wasi_ephemeral_crypto_common, secrets_manager_close)
wasi_crypto_errno secrets_manager_close(wasi_crypto_handle secrets_manager);
WASI_CRYPTO_IMPORT(wasi_ephemeral_crypto_common, secrets_manager_invalidate)
wasi_crypto_errno secrets_manager_invalidate(wasi_crypto_handle secrets_manager, const uint8_t * key_id, size_t key_id_len, uint64_t key_version);

/* ---- wasi_ephemeral_crypto_asymmetric_common ---- */

WASI_CRYPTO_IMPORT(wasi_ephemeral_crypto_asymmetric_common, keypair_generate)
wasi_crypto_errno keypair_generate(wasi_crypto_algorithm_type algorithm_type, const char *algorithm, size_t algorithm_len, const wasi_crypto_opt_options * options, wasi_crypto_handle *out);
WASI_CRYPTO_IMPORT(wasi_ephemeral_crypto_asymmetric_common, keypair_import)
wasi_crypto_errno keypair_import(wasi_crypto_algorithm_type algorithm_type, const char *algorithm, size_t algorithm_len, const uint8_t * encoded, size_t encoded_len, wasi_crypto_keypair_encoding encoding, wasi_crypto_handle *out);
WASI_CRYPTO_IMPORT(wasi_ephemeral_crypto_asymmetric_common, keypair_generate_managed)
wasi_crypto_errno keypair_generate_managed(wasi_crypto_handle secrets_manager, wasi_crypto_algorithm_type algorithm_type, const char *algorithm, size_t algorithm_len, const wasi_crypto_opt_options * options, wasi_crypto_handle *out);
WASI_CRYPTO_IMPORT(wasi_ephemeral_crypto_asymmetric_common, keypair_store_managed)
wasi_crypto_errno keypair_store_managed(wasi_crypto_handle secrets_manager, wasi_crypto_handle kp, uint8_t * kp_id, size_t kp_id_max_len);
WASI_CRYPTO_IMPORT(wasi_ephemeral_crypto_asymmetric_common, keypair_replace_managed)
wasi_crypto_errno keypair_replace_managed(wasi_crypto_handle secrets_manager, wasi_crypto_handle kp_old, wasi_crypto_handle kp_new, uint64_t *out);
WASI_CRYPTO_IMPORT(wasi_ephemeral_crypto_asymmetric_common, keypair_id)
wasi_crypto_errno keypair_id(wasi_crypto_handle kp, uint8_t * kp_id, size_t kp_id_max_len, size_t *out, uint64_t *out2);
WASI_CRYPTO_IMPORT(wasi_ephemeral_crypto_asymmetric_common, keypair_from_id)
wasi_crypto_errno keypair_from_id(wasi_crypto_handle secrets_manager, const uint8_t * kp_id, size_t kp_id_len, uint64_t kp_version, wasi_crypto_handle *out);
WASI_CRYPTO_IMPORT(wasi_ephemeral_crypto_asymmetric_common, keypair_from_pk_and_sk)
wasi_crypto_errno keypair_from_pk_and_sk(wasi_crypto_handle publickey, wasi_crypto_handle secretkey, wasi_crypto_handle *out);
WASI_CRYPTO_IMPORT(wasi_ephemeral_crypto_asymmetric_common, keypair_export)
wasi_crypto_errno keypair_export(wasi_crypto_handle kp, wasi_crypto_keypair_encoding encoding, wasi_crypto_handle *out);
WASI_CRYPTO_IMPORT(wasi_ephemeral_crypto_asymmetric_common, keypair_publickey)
wasi_crypto_errno keypair_publickey(wasi_crypto_handle kp, wasi_crypto_handle *out);
WASI_CRYPTO_IMPORT(wasi_ephemeral_crypto_asymmetric_common, keypair_secretkey)
wasi_crypto_errno keypair_secretkey(wasi_crypto_handle kp, wasi_crypto_handle *out);
WASI_CRYPTO_IMPORT(wasi_ephemeral_crypto_asymmetric_common, keypair_close)
wasi_crypto_errno keypair_close(wasi_crypto_handle kp);
WASI_CRYPTO_IMPORT(wasi_ephemeral_crypto_asymmetric_common, publickey_import)
wasi_crypto_errno publickey_import(wasi_crypto_algorithm_type algorithm_type, const char *algorithm, size_t algorithm_len, const uint8_t * encoded, size_t encoded_len, wasi_crypto_publickey_encoding encoding, wasi_crypto_handle *out);
WASI_CRYPTO_IMPORT(wasi_ephemeral_crypto_asymmetric_common, publickey_export)
wasi_crypto_errno publickey_export(wasi_crypto_handle pk, wasi_crypto_publickey_encoding encoding, wasi_crypto_handle *out);
WASI_CRYPTO_IMPORT(wasi_ephemeral_crypto_asymmetric_common, publickey_verify)
wasi_crypto_errno publickey_verify(wasi_crypto_handle pk);
WASI_CRYPTO_IMPORT(wasi_ephemeral_crypto_asymmetric_common, publickey_from_secretkey)
wasi_crypto_errno publickey_from_secretkey(wasi_crypto_handle sk, wasi_crypto_handle *out);
WASI_CRYPTO_IMPORT(wasi_ephemeral_crypto_asymmetric_common, publickey_close)
wasi_crypto_errno publickey_close(wasi_crypto_handle pk);
WASI_CRYPTO_IMPORT(wasi_ephemeral_crypto_asymmetric_common, secretkey_import)
wasi_crypto_errno secretkey_import(wasi_crypto_algorithm_type algorithm_type, const char *algorithm, size_t algorithm_len, const uint8_t * encoded, size_t encoded_len, wasi_crypto_secretkey_encoding encoding, wasi_crypto_handle *out);
WASI_CRYPTO_IMPORT(wasi_ephemeral_crypto_asymmetric_common, secretkey_export)
wasi_crypto_errno secretkey_export(wasi_crypto_handle sk, wasi_crypto_secretkey_encoding encoding, wasi_crypto_handle *out);
WASI_CRYPTO_IMPORT(wasi_ephemeral_crypto_asymmetric_common, secretkey_close)
wasi_crypto_errno secretkey_close(wasi_crypto_handle sk);

/* ---- wasi_ephemeral_crypto_symmetric ---- */

WASI_CRYPTO_IMPORT(wasi_ephemeral_crypto_symmetric, symmetric_key_generate)
wasi_crypto_errno symmetric_key_generate(const char *algorithm, size_t algorithm_len, const wasi_crypto_opt_options * options, wasi_crypto_handle *out);
WASI_CRYPTO_IMPORT(wasi_ephemeral_crypto_symmetric, symmetric_key_import)
wasi_crypto_errno symmetric_key_import(const char *algorithm, size_t algorithm_len, const uint8_t * raw, size_t raw_len, wasi_crypto_handle *out);
WASI_CRYPTO_IMPORT(wasi_ephemeral_crypto_symmetric, symmetric_key_export)
wasi_crypto_errno symmetric_key_export(wasi_crypto_handle symmetric_key, wasi_crypto_handle *out);
WASI_CRYPTO_IMPORT(wasi_ephemeral_crypto_symmetric, symmetric_key_close)
wasi_crypto_errno symmetric_key_close(wasi_crypto_handle symmetric_key);
WASI_CRYPTO_IMPORT(wasi_ephemeral_crypto_symmetric, symmetric_key_generate_managed)
wasi_crypto_errno symmetric_key_generate_managed(wasi_crypto_handle secrets_manager, const char *algorithm, size_t algorithm_len, const wasi_crypto_opt_options * options, wasi_crypto_handle *out);
WASI_CRYPTO_IMPORT(wasi_ephemeral_crypto_symmetric, symmetric_key_store_managed)
wasi_crypto_errno symmetric_key_store_managed(wasi_crypto_handle secrets_manager, wasi_crypto_handle symmetric_key, uint8_t * symmetric_key_id, size_t symmetric_key_id_max_len);
WASI_CRYPTO_IMPORT(wasi_ephemeral_crypto_symmetric, symmetric_key_replace_managed)
wasi_crypto_errno symmetric_key_replace_managed(wasi_crypto_handle secrets_manager, wasi_crypto_handle symmetric_key_old, wasi_crypto_handle symmetric_key_new, uint64_t *out);
WASI_CRYPTO_IMPORT(wasi_ephemeral_crypto_symmetric, symmetric_key_id)
wasi_crypto_errno symmetric_key_id(wasi_crypto_handle symmetric_key, uint8_t * symmetric_key_id, size_t symmetric_key_id_max_len, size_t *out, uint64_t *out2);
WASI_CRYPTO_IMPORT(wasi_ephemeral_crypto_symmetric, symmetric_key_from_id)
wasi_crypto_errno symmetric_key_from_id(wasi_crypto_handle secrets_manager, const uint8_t * symmetric_key_id, size_t symmetric_key_id_len, uint64_t symmetric_key_version, wasi_crypto_handle *out);
WASI_CRYPTO_IMPORT(wasi_ephemeral_crypto_symmetric, symmetric_state_open)
wasi_crypto_errno symmetric_state_open(const char *algorithm, size_t algorithm_len, const wasi_crypto_opt_symmetric_key * key, const wasi_crypto_opt_options * options, wasi_crypto_handle *out);
WASI_CRYPTO_IMPORT(wasi_ephemeral_crypto_symmetric, symmetric_state_options_get)
wasi_crypto_errno symmetric_state_options_get(wasi_crypto_handle handle, const char *name, size_t name_len, uint8_t * value, size_t value_max_len, size_t *out);
WASI_CRYPTO_IMPORT(wasi_ephemeral_crypto_symmetric, symmetric_state_options_get_u64)
wasi_crypto_errno symmetric_state_options_get_u64(wasi_crypto_handle handle, const char *name, size_t name_len, uint64_t *out);
WASI_CRYPTO_IMPORT(wasi_ephemeral_crypto_symmetric, symmetric_state_clone)
wasi_crypto_errno symmetric_state_clone(wasi_crypto_handle handle, wasi_crypto_handle *out);
WASI_CRYPTO_IMPORT(wasi_ephemeral_crypto_symmetric, symmetric_state_close)
wasi_crypto_errno symmetric_state_close(wasi_crypto_handle handle);
WASI_CRYPTO_IMPORT(wasi_ephemeral_crypto_symmetric, symmetric_state_absorb)
wasi_crypto_errno symmetric_state_absorb(wasi_crypto_handle handle, const uint8_t * data, size_t data_len);
WASI_CRYPTO_IMPORT(wasi_ephemeral_crypto_symmetric, symmetric_state_squeeze)
wasi_crypto_errno symmetric_state_squeeze(wasi_crypto_handle handle, uint8_t * out, size_t out_len);
WASI_CRYPTO_IMPORT(wasi_ephemeral_crypto_symmetric, symmetric_state_squeeze_tag)
wasi_crypto_errno symmetric_state_squeeze_tag(wasi_crypto_handle handle, wasi_crypto_handle *out);
WASI_CRYPTO_IMPORT(wasi_ephemeral_crypto_symmetric, symmetric_state_squeeze_key)
wasi_crypto_errno symmetric_state_squeeze_key(wasi_crypto_handle handle, const char *alg_str, size_t alg_str_len, wasi_crypto_handle *out);
WASI_CRYPTO_IMPORT(wasi_ephemeral_crypto_symmetric, symmetric_state_max_tag_len)
wasi_crypto_errno symmetric_state_max_tag_len(wasi_crypto_handle handle, size_t *out);
WASI_CRYPTO_IMPORT(wasi_ephemeral_crypto_symmetric, symmetric_state_encrypt)
wasi_crypto_errno symmetric_state_encrypt(wasi_crypto_handle handle, uint8_t * out, size_t out_len, const uint8_t * data, size_t data_len, size_t *out2);
WASI_CRYPTO_IMPORT(wasi_ephemeral_crypto_symmetric, symmetric_state_encrypt_detached)
wasi_crypto_errno symmetric_state_encrypt_detached(wasi_crypto_handle handle, uint8_t * out, size_t out_len, const uint8_t * data, size_t data_len, wasi_crypto_handle *out2);
WASI_CRYPTO_IMPORT(wasi_ephemeral_crypto_symmetric, symmetric_state_decrypt)
wasi_crypto_errno symmetric_state_decrypt(wasi_crypto_handle handle, uint8_t * out, size_t out_len, const uint8_t * data, size_t data_len, size_t *out2);
WASI_CRYPTO_IMPORT(wasi_ephemeral_crypto_symmetric, symmetric_state_decrypt_detached)
wasi_crypto_errno symmetric_state_decrypt_detached(wasi_crypto_handle handle, uint8_t * out, size_t out_len, const uint8_t * data, size_t data_len, const uint8_t * raw_tag, size_t raw_tag_len, size_t *out2);
WASI_CRYPTO_IMPORT(wasi_ephemeral_crypto_symmetric, symmetric_state_ratchet)
wasi_crypto_errno symmetric_state_ratchet(wasi_crypto_handle handle);
WASI_CRYPTO_IMPORT(wasi_ephemeral_crypto_symmetric, symmetric_tag_len)
wasi_crypto_errno symmetric_tag_len(wasi_crypto_handle symmetric_tag, size_t *out);
WASI_CRYPTO_IMPORT(wasi_ephemeral_crypto_symmetric, symmetric_tag_pull)
wasi_crypto_errno symmetric_tag_pull(wasi_crypto_handle symmetric_tag, uint8_t * buf, size_t buf_len, size_t *out);
WASI_CRYPTO_IMPORT(wasi_ephemeral_crypto_symmetric, symmetric_tag_verify)
wasi_crypto_errno symmetric_tag_verify(wasi_crypto_handle symmetric_tag, const uint8_t * expected_raw_tag_ptr, size_t expected_raw_tag_len);
WASI_CRYPTO_IMPORT(wasi_ephemeral_crypto_symmetric, symmetric_tag_close)
wasi_crypto_errno symmetric_tag_close(wasi_crypto_handle symmetric_tag);

/* ---- wasi_ephemeral_crypto_signatures ---- */

WASI_CRYPTO_IMPORT(wasi_ephemeral_crypto_signatures, signature_export)
wasi_crypto_errno signature_export(wasi_crypto_handle signature, wasi_crypto_signature_encoding encoding, wasi_crypto_handle *out);
WASI_CRYPTO_IMPORT(wasi_ephemeral_crypto_signatures, signature_import)
wasi_crypto_errno signature_import(const char *algorithm, size_t algorithm_len, const uint8_t * encoded, size_t encoded_len, wasi_crypto_signature_encoding encoding, wasi_crypto_handle *out);
WASI_CRYPTO_IMPORT(wasi_ephemeral_crypto_signatures, signature_state_open)
wasi_crypto_errno signature_state_open(wasi_crypto_handle kp, wasi_crypto_handle *out);
WASI_CRYPTO_IMPORT(wasi_ephemeral_crypto_signatures, signature_state_update)
wasi_crypto_errno signature_state_update(wasi_crypto_handle state, const uint8_t * input, size_t input_len);
WASI_CRYPTO_IMPORT(wasi_ephemeral_crypto_signatures, signature_state_sign)
wasi_crypto_errno signature_state_sign(wasi_crypto_handle state, wasi_crypto_handle *out);
WASI_CRYPTO_IMPORT(wasi_ephemeral_crypto_signatures, signature_state_close)
wasi_crypto_errno signature_state_close(wasi_crypto_handle state);
WASI_CRYPTO_IMPORT(wasi_ephemeral_crypto_signatures, signature_verification_state_open)
wasi_crypto_errno signature_verification_state_open(wasi_crypto_handle kp, wasi_crypto_handle *out);
WASI_CRYPTO_IMPORT(wasi_ephemeral_crypto_signatures, signature_verification_state_update)
wasi_crypto_errno signature_verification_state_update(wasi_crypto_handle state, const uint8_t * input, size_t input_len);
WASI_CRYPTO_IMPORT(wasi_ephemeral_crypto_signatures, signature_verification_state_verify)
wasi_crypto_errno signature_verification_state_verify(wasi_crypto_handle state, wasi_crypto_handle signature);
WASI_CRYPTO_IMPORT(wasi_ephemeral_crypto_signatures, signature_verification_state_close)
wasi_crypto_errno signature_verification_state_close(wasi_crypto_handle state);
WASI_CRYPTO_IMPORT(wasi_ephemeral_crypto_signatures, signature_close)
wasi_crypto_errno signature_close(wasi_crypto_handle signature);

/* ---- wasi_ephemeral_crypto_kx ---- */

WASI_CRYPTO_IMPORT(wasi_ephemeral_crypto_kx, kx_dh)
wasi_crypto_errno kx_dh(wasi_crypto_handle pk, wasi_crypto_handle sk, wasi_crypto_handle *out);
WASI_CRYPTO_IMPORT(wasi_ephemeral_crypto_kx, kx_encapsulate)
wasi_crypto_errno kx_encapsulate(wasi_crypto_handle pk, wasi_crypto_handle *out, wasi_crypto_handle *out2);
WASI_CRYPTO_IMPORT(wasi_ephemeral_crypto_kx, kx_decapsulate)
wasi_crypto_errno kx_decapsulate(wasi_crypto_handle sk, const uint8_t * encapsulated_secret, size_t encapsulated_secret_len, wasi_crypto_handle *out);

/* ---- wasi_ephemeral_crypto_external_secrets ---- */

WASI_CRYPTO_IMPORT(wasi_ephemeral_crypto_external_secrets, external_secret_store)
wasi_crypto_errno external_secret_store(wasi_crypto_handle secrets_manager, const uint8_t * secret, size_t secret_len, uint64_t expiration, uint8_t * secret_id, size_t secret_id_max_len);
WASI_CRYPTO_IMPORT(wasi_ephemeral_crypto_external_secrets, external_secret_replace)
wasi_crypto_errno external_secret_replace(wasi_crypto_handle secrets_manager, const uint8_t * secret, size_t secret_len, uint64_t expiration, const uint8_t * secret_id, size_t secret_id_len, uint64_t *out);
WASI_CRYPTO_IMPORT(wasi_ephemeral_crypto_external_secrets, external_secret_from_id)
wasi_crypto_errno external_secret_from_id(wasi_crypto_handle secrets_manager, const uint8_t * secret_id, size_t secret_id_len, uint64_t secret_version, wasi_crypto_handle *out);
WASI_CRYPTO_IMPORT(wasi_ephemeral_crypto_external_secrets, external_secret_invalidate)
wasi_crypto_errno external_secret_invalidate(wasi_crypto_handle secrets_manager, const uint8_t * secret_id, size_t secret_id_len, uint64_t secret_version);
WASI_CRYPTO_IMPORT(wasi_ephemeral_crypto_external_secrets, external_secret_encapsulate)
wasi_crypto_errno external_secret_encapsulate(wasi_crypto_handle secrets_manager, const uint8_t * secret, size_t secret_len, uint64_t expiration, wasi_crypto_handle *out);
WASI_CRYPTO_IMPORT(wasi_ephemeral_crypto_external_secrets, external_secret_decapsulate)
wasi_crypto_errno external_secret_decapsulate(wasi_crypto_handle secrets_manager, const uint8_t * encrypted_secret, size_t encrypted_secret_len, wasi_crypto_handle *out);

/* 78 functions */
#endif
