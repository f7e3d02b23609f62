//! The interop suite in Rust: the world `interop-guest` of guest-examples/interop/wit/interop.wit,
//! written against the generated bindings bindings/rust/interop_guest.rs (scripts/bindgen/rust.mjs).
//!
//! Every handle is a value whose `Drop` is the WIT `[resource-drop]`, so each handle this guest
//! opens is dropped when it goes out of scope — on success and on every early `?` return alike.
#[path = "../../../../bindings/rust/interop_guest.rs"]
mod bindings;

use bindings::exports::suite::{CheckLine, Guest, Outputs};
use bindings::wasi::crypto::asymmetric_common::{Keypair, KeypairEncoding, Publickey, PublickeyEncoding, Secretkey, SecretkeyEncoding};
use bindings::wasi::crypto::common::{AlgorithmType, ErrorCode};
use bindings::wasi::crypto::{kx, signatures, symmetric};
use symmetric::SymmetricKey;

const PRODUCER: &str = "rust";

pub struct Component;

/// `what: error-name` for a failed step.
fn step<T>(what: &str, r: Result<T, ErrorCode>) -> Result<T, String> {
    r.map_err(|e| format!("{}: {}", what, e.name()))
}

fn line(scenario: &str, passed: bool, detail: String) -> CheckLine {
    CheckLine { scenario: scenario.to_string(), passed, detail: if passed { String::new() } else { detail } }
}

/// A scenario as a closure returning `Ok(())` or what went wrong.
fn scenario(lines: &mut Vec<CheckLine>, name: &str, f: impl FnOnce() -> Result<(), String>) {
    let r = f();
    lines.push(line(name, r.is_ok(), r.err().unwrap_or_default()));
}

fn produce() -> Result<Outputs, String> {
    let message = format!("interop message from {}", PRODUCER).into_bytes();
    let sha256 = step("hash", symmetric::hash("SHA-256", &message, None))?;

    let hmac = step("HMAC key generate", SymmetricKey::generate("HMAC/SHA-256", None))?;
    let hmac_key = step("HMAC key export", hmac.export())?;
    let hmac_tag = step("mac", hmac.mac(&message))?;

    let aead = step("AES key generate", SymmetricKey::generate("AES-256-GCM", None))?;
    let aead_key = step("AES key export", aead.export())?;
    // A fresh key per run, so a fixed-pattern nonce is safe: the first 12 bytes of SHA-256(message).
    let aead_nonce = sha256[..12].to_vec();
    let aead_ciphertext = step("seal", aead.seal(&aead_nonce, PRODUCER.as_bytes(), &message))?;

    let ed = step("Ed25519 generate", Keypair::generate(AlgorithmType::Signatures, "Ed25519", None))?;
    let ed_pk = step("Ed25519 publickey", ed.publickey())?;
    let ed25519_public = step("Ed25519 public export", ed_pk.export(PublickeyEncoding::Raw))?;
    let ed25519_keypair = step("Ed25519 keypair export", ed.export(KeypairEncoding::Pkcs8))?;
    let ed25519_signature = step("Ed25519 sign", signatures::sign(&ed, &message))?;

    let p256 = step("P-256 generate", Keypair::generate(AlgorithmType::Signatures, "ECDSA_P256_SHA256", None))?;
    let p256_pk = step("P-256 publickey", p256.publickey())?;
    let p256_public = step("P-256 public export", p256_pk.export(PublickeyEncoding::Sec))?;
    let p256_signature = step("P-256 sign", signatures::sign(&p256, &message))?;

    let xa = step("X25519 generate A", Keypair::generate(AlgorithmType::KeyExchange, "X25519", None))?;
    let xb = step("X25519 generate B", Keypair::generate(AlgorithmType::KeyExchange, "X25519", None))?;
    let xa_pk = step("X25519 A publickey", xa.publickey())?;
    let xa_sk = step("X25519 A secretkey", xa.secretkey())?;
    let xb_pk = step("X25519 B publickey", xb.publickey())?;
    let xb_sk = step("X25519 B secretkey", xb.secretkey())?;
    let x25519_public = step("X25519 A public export", xa_pk.export(PublickeyEncoding::Raw))?;
    let x25519_peer_secret = step("X25519 B secret export", xb_sk.export(SecretkeyEncoding::Raw))?;
    let x25519_shared = step("dh", kx::dh(&xb_pk, &xa_sk))?;

    Ok(Outputs {
        producer: PRODUCER.to_string(),
        message,
        sha256,
        hmac_key,
        hmac_tag,
        aead_key,
        aead_nonce,
        aead_ciphertext,
        ed25519_public,
        ed25519_keypair,
        ed25519_signature,
        p256_public,
        p256_signature,
        x25519_public,
        x25519_peer_secret,
        x25519_shared,
    })
}

fn verify_line(lines: &mut Vec<CheckLine>, name: &str, algorithm: &str, public: &[u8], encoding: PublickeyEncoding, o: &Outputs, signature: &[u8]) {
    scenario(lines, name, || {
        let pk = step("publickey import", Publickey::import(AlgorithmType::Signatures, algorithm, public, encoding))?;
        step("verify", signatures::verify(&pk, &o.message, signature))
    });
}

fn check(o: Outputs) -> Vec<CheckLine> {
    let mut lines = Vec::new();
    scenario(&mut lines, "sha256", || {
        let digest = step("hash", symmetric::hash("SHA-256", &o.message, None))?;
        if digest == o.sha256 { Ok(()) } else { Err("digest differs".to_string()) }
    });
    scenario(&mut lines, "hmac-verify", || {
        let key = step("import", SymmetricKey::import("HMAC/SHA-256", &o.hmac_key))?;
        step("mac-verify", key.mac_verify(&o.message, &o.hmac_tag))
    });
    scenario(&mut lines, "aead-open", || {
        let key = step("import", SymmetricKey::import("AES-256-GCM", &o.aead_key))?;
        let plain = step("open", key.open(&o.aead_nonce, o.producer.as_bytes(), &o.aead_ciphertext))?;
        if plain == o.message { Ok(()) } else { Err("plaintext differs from the message".to_string()) }
    });
    verify_line(&mut lines, "ed25519-verify", "Ed25519", &o.ed25519_public, PublickeyEncoding::Raw, &o, &o.ed25519_signature);
    scenario(&mut lines, "ed25519-keypair-import", || {
        let kp = step("keypair import", Keypair::import(AlgorithmType::Signatures, "Ed25519", &o.ed25519_keypair, KeypairEncoding::Pkcs8))?;
        let sig = step("sign", signatures::sign(&kp, &o.message))?;
        let pk = step("publickey", kp.publickey())?;
        let public = step("publickey export", pk.export(PublickeyEncoding::Raw))?;
        if sig != o.ed25519_signature {
            Err("re-signed signature differs (Ed25519 is deterministic)".to_string())
        } else if public != o.ed25519_public {
            Err("public key differs".to_string())
        } else {
            Ok(())
        }
    });
    verify_line(&mut lines, "p256-verify", "ECDSA_P256_SHA256", &o.p256_public, PublickeyEncoding::Sec, &o, &o.p256_signature);
    scenario(&mut lines, "x25519-dh", || {
        let pk = step("publickey import", Publickey::import(AlgorithmType::KeyExchange, "X25519", &o.x25519_public, PublickeyEncoding::Raw))?;
        let sk = step("secretkey import", Secretkey::import(AlgorithmType::KeyExchange, "X25519", &o.x25519_peer_secret, SecretkeyEncoding::Raw))?;
        let shared = step("dh", kx::dh(&pk, &sk))?;
        if shared == o.x25519_shared { Ok(()) } else { Err("shared secret differs".to_string()) }
    });
    lines
}

/// `Ok(())` if `r` failed with `want`.
fn expect<T>(r: Result<T, ErrorCode>, want: ErrorCode) -> Result<(), String> {
    match r {
        Ok(_) => Err(format!("succeeded; expected {}", want.name())),
        Err(e) if e == want => Ok(()),
        Err(e) => Err(format!("got {}; expected {}", e.name(), want.name())),
    }
}

fn errors() -> Vec<CheckLine> {
    let mut lines = Vec::new();
    // unsupported-algorithm: a hash nobody has.
    scenario(&mut lines, "error:unsupported-algorithm", || expect(symmetric::hash("NO-SUCH-HASH-512", b"x", None), ErrorCode::UnsupportedAlgorithm));
    // invalid-key: a 5-byte AES-256-GCM key (a key that did import is dropped by `expect`).
    scenario(&mut lines, "error:invalid-key", || expect(SymmetricKey::import("AES-256-GCM", b"short"), ErrorCode::InvalidKey));
    // verification-failed: an Ed25519 signature with one bit flipped.
    scenario(&mut lines, "error:verification-failed", || {
        let msg = b"signed message";
        let kp = step("generate", Keypair::generate(AlgorithmType::Signatures, "Ed25519", None))?;
        let mut sig = step("sign", signatures::sign(&kp, msg))?;
        let pk = step("publickey", kp.publickey())?;
        if signatures::verify(&pk, msg, &sig).is_err() {
            return Err("the untampered signature did not verify".to_string());
        }
        sig[10] ^= 1;
        expect(signatures::verify(&pk, msg, &sig), ErrorCode::VerificationFailed)
    });
    // invalid-tag: an AES-256-GCM ciphertext with one bit flipped.
    scenario(&mut lines, "error:invalid-tag", || {
        let key = step("generate", SymmetricKey::generate("AES-256-GCM", None))?;
        let mut ct = step("seal", key.seal(b"twelve bytes", b"", b"secret"))?;
        ct[0] ^= 1;
        expect(key.open(b"twelve bytes", b"", &ct), ErrorCode::InvalidTag)
    });
    lines
}

impl Guest for Component {
    fn produce() -> Result<Outputs, String> {
        produce()
    }
    fn check(outputs: Outputs) -> Vec<CheckLine> {
        check(outputs)
    }
    fn errors() -> Vec<CheckLine> {
        errors()
    }
}
