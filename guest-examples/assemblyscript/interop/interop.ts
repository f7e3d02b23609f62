// The interop suite in AssemblyScript: the world `interop-guest` of
// guest-examples/interop/wit/interop.wit, written against the generated bindings
// bindings/assemblyscript/interop-guest.ts (scripts/bindgen/as.mjs).
//
// AssemblyScript has no destructors and no exceptions: every handle this guest opens goes into a
// `Scope`, and every scenario ends (on success and at each early return) with `scope.close()`,
// which drops them all.
import {
  common, symmetric, asymmetricCommon, signatures, kx, exports_suite, GuestSuite, setGuestSuite, Resource, Result,
} from "../../../bindings/assemblyscript/interop-guest";
export * from "../../../bindings/assemblyscript/interop-guest.exports";

type ErrorCode = common.ErrorCode;
type Outputs = exports_suite.Outputs;
type CheckLine = exports_suite.CheckLine;
const SIGNATURES = common.AlgorithmType.Signatures;
const KEY_EXCHANGE = common.AlgorithmType.KeyExchange;
const PRODUCER = "assemblyscript";

/** The handles a scenario opened; `close()` drops them all. */
class Scope {
  items: Array<Resource> = [];
  add<T extends Resource>(r: T): T {
    this.items.push(r);
    return r;
  }
  close(): void {
    for (let i = 0; i < this.items.length; i++) this.items[i].drop();
    this.items = [];
  }
}

function errName(e: ErrorCode): string {
  return common.nameOfErrorCode(e);
}

function utf8(s: string): Uint8Array {
  return Uint8Array.wrap(String.UTF8.encode(s));
}

function same(a: Uint8Array, b: Uint8Array): bool {
  if (a.length != b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] != b[i]) return false;
  return true;
}

function line(scenario: string, detail: string): CheckLine {
  return new exports_suite.CheckLine(scenario, detail.length == 0, detail);
}

// ── produce ──────────────────────────────────────────────────────────────────────────────────────

/** Ends `produce` with `what: error`, dropping every handle. */
function failed(scope: Scope, what: string, e: ErrorCode): Result<Outputs, string> {
  scope.close();
  return new Result<Outputs, string>(false, changetype<Outputs>(0), what + ": " + errName(e));
}

function produce(): Result<Outputs, string> {
  const scope = new Scope();
  const message = utf8("interop message from " + PRODUCER);

  const sha = symmetric.hash("SHA-256", message, null);
  if (sha.isErr) return failed(scope, "hash", sha.error);

  const hmacR = symmetric.SymmetricKey.generate("HMAC/SHA-256", null);
  if (hmacR.isErr) return failed(scope, "HMAC key generate", hmacR.error);
  const hmac = scope.add(hmacR.value);
  const hmacKey = hmac.export_();
  if (hmacKey.isErr) return failed(scope, "HMAC key export", hmacKey.error);
  const hmacTag = hmac.mac(message);
  if (hmacTag.isErr) return failed(scope, "mac", hmacTag.error);

  const aeadR = symmetric.SymmetricKey.generate("AES-256-GCM", null);
  if (aeadR.isErr) return failed(scope, "AES key generate", aeadR.error);
  const aead = scope.add(aeadR.value);
  const aeadKey = aead.export_();
  if (aeadKey.isErr) return failed(scope, "AES key export", aeadKey.error);
  // A fresh key per run, so a fixed-pattern nonce is safe: the first 12 bytes of SHA-256(message).
  const nonce = sha.value.slice(0, 12);
  const ct = aead.seal(nonce, utf8(PRODUCER), message);
  if (ct.isErr) return failed(scope, "seal", ct.error);

  const edR = asymmetricCommon.Keypair.generate(SIGNATURES, "Ed25519", null);
  if (edR.isErr) return failed(scope, "Ed25519 generate", edR.error);
  const ed = scope.add(edR.value);
  const edPkR = ed.publickey();
  if (edPkR.isErr) return failed(scope, "Ed25519 publickey", edPkR.error);
  const edPk = scope.add(edPkR.value);
  const edPublic = edPk.export_(asymmetricCommon.PublickeyEncoding.Raw);
  if (edPublic.isErr) return failed(scope, "Ed25519 public export", edPublic.error);
  const edPair = ed.export_(asymmetricCommon.KeypairEncoding.Pkcs8);
  if (edPair.isErr) return failed(scope, "Ed25519 keypair export", edPair.error);
  const edSig = signatures.sign(ed, message);
  if (edSig.isErr) return failed(scope, "Ed25519 sign", edSig.error);

  const pR = asymmetricCommon.Keypair.generate(SIGNATURES, "ECDSA_P256_SHA256", null);
  if (pR.isErr) return failed(scope, "P-256 generate", pR.error);
  const p256 = scope.add(pR.value);
  const pPkR = p256.publickey();
  if (pPkR.isErr) return failed(scope, "P-256 publickey", pPkR.error);
  const pPublic = scope.add(pPkR.value).export_(asymmetricCommon.PublickeyEncoding.Sec);
  if (pPublic.isErr) return failed(scope, "P-256 public export", pPublic.error);
  const pSig = signatures.sign(p256, message);
  if (pSig.isErr) return failed(scope, "P-256 sign", pSig.error);

  const xaR = asymmetricCommon.Keypair.generate(KEY_EXCHANGE, "X25519", null);
  if (xaR.isErr) return failed(scope, "X25519 generate A", xaR.error);
  const xa = scope.add(xaR.value);
  const xbR = asymmetricCommon.Keypair.generate(KEY_EXCHANGE, "X25519", null);
  if (xbR.isErr) return failed(scope, "X25519 generate B", xbR.error);
  const xb = scope.add(xbR.value);
  const xaPk = xa.publickey();
  if (xaPk.isErr) return failed(scope, "X25519 A publickey", xaPk.error);
  scope.add(xaPk.value);
  const xaSk = xa.secretkey();
  if (xaSk.isErr) return failed(scope, "X25519 A secretkey", xaSk.error);
  scope.add(xaSk.value);
  const xbPk = xb.publickey();
  if (xbPk.isErr) return failed(scope, "X25519 B publickey", xbPk.error);
  scope.add(xbPk.value);
  const xbSk = xb.secretkey();
  if (xbSk.isErr) return failed(scope, "X25519 B secretkey", xbSk.error);
  scope.add(xbSk.value);
  const xPublic = xaPk.value.export_(asymmetricCommon.PublickeyEncoding.Raw);
  if (xPublic.isErr) return failed(scope, "X25519 A public export", xPublic.error);
  const xPeerSecret = xbSk.value.export_(asymmetricCommon.SecretkeyEncoding.Raw);
  if (xPeerSecret.isErr) return failed(scope, "X25519 B secret export", xPeerSecret.error);
  const shared = kx.dh(xbPk.value, xaSk.value);
  if (shared.isErr) return failed(scope, "dh", shared.error);

  scope.close();
  const o = new exports_suite.Outputs(
    PRODUCER, message, sha.value, hmacKey.value, hmacTag.value, aeadKey.value, nonce, ct.value,
    edPublic.value, edPair.value, edSig.value, pPublic.value, pSig.value,
    xPublic.value, xPeerSecret.value, shared.value,
  );
  return new Result<Outputs, string>(true, o, "");
}

// ── check ────────────────────────────────────────────────────────────────────────────────────────

function checkSha256(o: Outputs): CheckLine {
  const d = symmetric.hash("SHA-256", o.message, null);
  if (d.isErr) return line("sha256", "hash: " + errName(d.error));
  return line("sha256", same(d.value, o.sha256) ? "" : "digest differs");
}

function checkHmac(o: Outputs): CheckLine {
  const k = symmetric.SymmetricKey.import_("HMAC/SHA-256", o.hmacKey);
  if (k.isErr) return line("hmac-verify", "import: " + errName(k.error));
  const key = k.value;
  const r = key.macVerify(o.message, o.hmacTag);
  key.drop();
  return line("hmac-verify", r.isOk ? "" : "mac-verify: " + errName(r.error));
}

function checkAead(o: Outputs): CheckLine {
  const k = symmetric.SymmetricKey.import_("AES-256-GCM", o.aeadKey);
  if (k.isErr) return line("aead-open", "import: " + errName(k.error));
  const key = k.value;
  const p = key.open(o.aeadNonce, utf8(o.producer), o.aeadCiphertext);
  key.drop();
  if (p.isErr) return line("aead-open", "open: " + errName(p.error));
  return line("aead-open", same(p.value, o.message) ? "" : "plaintext differs from the message");
}

function checkVerify(scenario: string, algorithm: string, pub: Uint8Array, enc: asymmetricCommon.PublickeyEncoding, o: Outputs, sig: Uint8Array): CheckLine {
  const pk = asymmetricCommon.Publickey.import_(SIGNATURES, algorithm, pub, enc);
  if (pk.isErr) return line(scenario, "publickey import: " + errName(pk.error));
  const r = signatures.verify(pk.value, o.message, sig);
  pk.value.drop();
  return line(scenario, r.isOk ? "" : "verify: " + errName(r.error));
}

function checkEd25519Keypair(o: Outputs): CheckLine {
  const sc = "ed25519-keypair-import";
  const scope = new Scope();
  const kp = asymmetricCommon.Keypair.import_(SIGNATURES, "Ed25519", o.ed25519Keypair, asymmetricCommon.KeypairEncoding.Pkcs8);
  if (kp.isErr) return line(sc, "keypair import: " + errName(kp.error));
  scope.add(kp.value);
  const sig = signatures.sign(kp.value, o.message);
  if (sig.isErr) { scope.close(); return line(sc, "sign: " + errName(sig.error)); }
  const pk = kp.value.publickey();
  if (pk.isErr) { scope.close(); return line(sc, "publickey: " + errName(pk.error)); }
  scope.add(pk.value);
  const pub = pk.value.export_(asymmetricCommon.PublickeyEncoding.Raw);
  scope.close();
  if (pub.isErr) return line(sc, "publickey export: " + errName(pub.error));
  if (!same(sig.value, o.ed25519Signature)) return line(sc, "re-signed signature differs (Ed25519 is deterministic)");
  return line(sc, same(pub.value, o.ed25519Public) ? "" : "public key differs");
}

function checkX25519(o: Outputs): CheckLine {
  const sc = "x25519-dh";
  const pk = asymmetricCommon.Publickey.import_(KEY_EXCHANGE, "X25519", o.x25519Public, asymmetricCommon.PublickeyEncoding.Raw);
  if (pk.isErr) return line(sc, "publickey import: " + errName(pk.error));
  const sk = asymmetricCommon.Secretkey.import_(KEY_EXCHANGE, "X25519", o.x25519PeerSecret, asymmetricCommon.SecretkeyEncoding.Raw);
  if (sk.isErr) { pk.value.drop(); return line(sc, "secretkey import: " + errName(sk.error)); }
  const shared = kx.dh(pk.value, sk.value);
  sk.value.drop();
  pk.value.drop();
  if (shared.isErr) return line(sc, "dh: " + errName(shared.error));
  return line(sc, same(shared.value, o.x25519Shared) ? "" : "shared secret differs");
}

function check(o: Outputs): Array<CheckLine> {
  const lines = new Array<CheckLine>();
  lines.push(checkSha256(o));
  lines.push(checkHmac(o));
  lines.push(checkAead(o));
  lines.push(checkVerify("ed25519-verify", "Ed25519", o.ed25519Public, asymmetricCommon.PublickeyEncoding.Raw, o, o.ed25519Signature));
  lines.push(checkEd25519Keypair(o));
  lines.push(checkVerify("p256-verify", "ECDSA_P256_SHA256", o.p256Public, asymmetricCommon.PublickeyEncoding.Sec, o, o.p256Signature));
  lines.push(checkX25519(o));
  return lines;
}

// ── errors ───────────────────────────────────────────────────────────────────────────────────────

/** The line for a call that must fail with `want`. */
function expectErr<T>(scenario: string, r: Result<T, ErrorCode>, want: ErrorCode): CheckLine {
  if (r.isOk) return line(scenario, "succeeded; expected " + errName(want));
  if (r.error == want) return line(scenario, "");
  return line(scenario, "got " + errName(r.error) + "; expected " + errName(want));
}

function errors(): Array<CheckLine> {
  const lines = new Array<CheckLine>();
  // unsupported-algorithm: a hash nobody has.
  lines.push(expectErr("error:unsupported-algorithm", symmetric.hash("NO-SUCH-HASH-512", utf8("x"), null), common.ErrorCode.UnsupportedAlgorithm));

  // invalid-key: a 5-byte AES-256-GCM key.
  const k = symmetric.SymmetricKey.import_("AES-256-GCM", utf8("short"));
  if (k.isOk) k.value.drop();
  lines.push(expectErr("error:invalid-key", k, common.ErrorCode.InvalidKey));

  // verification-failed: an Ed25519 signature with one bit flipped.
  {
    const sc = "error:verification-failed";
    const msg = utf8("signed message");
    const kp = asymmetricCommon.Keypair.generate(SIGNATURES, "Ed25519", null);
    if (kp.isErr) {
      lines.push(line(sc, "generate: " + errName(kp.error)));
    } else {
      const sig = signatures.sign(kp.value, msg);
      const pk = kp.value.publickey();
      if (sig.isErr) lines.push(line(sc, "sign: " + errName(sig.error)));
      else if (pk.isErr) lines.push(line(sc, "publickey: " + errName(pk.error)));
      else {
        const good = signatures.verify(pk.value, msg, sig.value);
        const bad = sig.value.slice(0);
        bad[10] ^= 1;
        const r = signatures.verify(pk.value, msg, bad);
        lines.push(good.isErr ? line(sc, "the untampered signature did not verify") : expectErr(sc, r, common.ErrorCode.VerificationFailed));
      }
      if (pk.isOk) pk.value.drop();
      kp.value.drop();
    }
  }

  // invalid-tag: an AES-256-GCM ciphertext with one bit flipped.
  {
    const sc = "error:invalid-tag";
    const key = symmetric.SymmetricKey.generate("AES-256-GCM", null);
    if (key.isErr) {
      lines.push(line(sc, "generate: " + errName(key.error)));
    } else {
      const nonce = utf8("twelve bytes");
      const ct = key.value.seal(nonce, new Uint8Array(0), utf8("secret"));
      if (ct.isErr) lines.push(line(sc, "seal: " + errName(ct.error)));
      else {
        ct.value[0] ^= 1;
        lines.push(expectErr(sc, key.value.open(nonce, new Uint8Array(0), ct.value), common.ErrorCode.InvalidTag));
      }
      key.value.drop();
    }
  }
  return lines;
}

class Suite extends GuestSuite {
  produce(): Result<Outputs, string> { return produce(); }
  check(outputs: Outputs): Array<CheckLine> { return check(outputs); }
  errors(): Array<CheckLine> { return errors(); }
}

setGuestSuite(new Suite());
