/** @module Interface wasi:crypto/certificates@0.12.0-draft **/
/**
 * Clears every unlocked certificate slot whose certificate's notAfter is before `time`
 * (default: now); returns how many were cleared (seed 000's `DeleteExpiredCertificates`).
 */
export function deleteExpiredCertificates(time: Timestamp | undefined): number;
export type ErrorCode = import('./wasi-crypto-common.js').ErrorCode;
export type Timestamp = import('./wasi-crypto-common.js').Timestamp;
export type Publickey = import('./wasi-crypto-asymmetric-common.js').Publickey;
/**
 * How a certificate or CRL is encoded.
 * # Variants
 * 
 * ## `"der"`
 * 
 * DER (one ASN.1 structure).
 * ## `"pem"`
 * 
 * PEM (RFC 7468): `-----BEGIN CERTIFICATE-----` (or `X509 CRL`) blocks; text around the
 * blocks is ignored.
 */
export type CertificateEncoding = 'der' | 'pem';
/**
 * The validity period of a certificate, in seconds since 1970-01-01T00:00:00Z. Signed: a
 * certificate may be valid from before 1970.
 */
export interface Validity {
  notBefore: bigint,
  notAfter: bigint,
}
/**
 * What kind of name a subject alternative name or an expected peer name is.
 * # Variants
 * 
 * ## `"dns"`
 * 
 * A DNS name (`dNSName`), e.g. "ecu.example.com".
 * ## `"ip"`
 * 
 * An IP address (`iPAddress`) in text form: "192.0.2.1" or "2001:db8::1".
 * ## `"email"`
 * 
 * An email address (`rfc822Name`).
 * ## `"uri"`
 * 
 * A URI (`uniformResourceIdentifier`); subject alternative names only.
 * ## `"other"`
 * 
 * Any other GeneralName form (directory name, registered ID, other name); subject
 * alternative names only, and `value` is empty.
 */
export type NameKind = 'dns' | 'ip' | 'email' | 'uri' | 'other';
/**
 * One subject alternative name of a certificate, or the peer name a verification expects.
 */
export interface SubjectAltName {
  kind: NameKind,
  value: string,
}
/**
 * The key usages of RFC 5280 §4.2.1.3 a verification may require of the leaf.
 */
export interface KeyUsage {
  digitalSignature?: boolean,
  /**
   * Also called non-repudiation.
   */
  contentCommitment?: boolean,
  keyEncipherment?: boolean,
  dataEncipherment?: boolean,
  keyAgreement?: boolean,
  keyCertSign?: boolean,
  crlSign?: boolean,
  encipherOnly?: boolean,
  decipherOnly?: boolean,
}
/**
 * How a trust-store member came to be there (seed 000's `MemberKind`).
 * # Variants
 * 
 * ## `"shared-static"`
 * 
 * A certificate slot named by the manifest; read-only through the trust store (its CRL
 * is the slot's).
 * ## `"exclusive-mutable"`
 * 
 * A certificate added through `trust-store.add`, owned by the trust store; it may carry
 * its own CRL.
 * ## `"conditional-external"`
 * 
 * A certificate slot named by the manifest whose certificate's fingerprint is pinned:
 * when the slot's certificate changes, the member is no anchor until
 * `acknowledge-member-update` accepts the new one.
 */
export type MemberKind = 'shared-static' | 'exclusive-mutable' | 'conditional-external';
/**
 * Whether a member is an anchor now, and why not (seed 000's `MemberStatus`).
 * # Variants
 * 
 * ## `"enabled"`
 * 
 * An anchor.
 * ## `"disabled"`
 * 
 * Disabled with `set-enabled` (or by the manifest).
 * ## `"fingerprint-mismatch"`
 * 
 * `conditional-external`: the slot holds another certificate than the accepted one.
 * ## `"awaiting-acknowledgement"`
 * 
 * `conditional-external`: no certificate has been accepted yet.
 */
export type MemberStatus = 'enabled' | 'disabled' | 'fingerprint-mismatch' | 'awaiting-acknowledgement';
/**
 * One trust-store member (seed 000's `MemberInfo`).
 */
export interface MemberInfo {
  /**
   * The member's identity within the store.
   */
  sha256Fingerprint: Uint8Array,
  /**
   * Subject and issuer, as `certificate.subject`.
   */
  subject: string,
  issuer: string,
  /**
   * The serial number, as `certificate.serial-number`.
   */
  serialNumber: Uint8Array,
  kind: MemberKind,
  /**
   * Whether the member is an anchor now (`status` is `enabled`).
   */
  enabled: boolean,
  status: MemberStatus,
  /**
   * Whether a CRL is attached (the member's own, or its slot's).
   */
  hasCrl: boolean,
  /**
   * The certificate slot a `shared-static` or `conditional-external` member comes from.
   */
  slot?: string,
}
/**
 * The state of a certificate slot (seed 000's `CertificateSlotState`).
 * # Variants
 * 
 * ## `"empty"`
 * 
 * ## `"occupied"`
 * 
 * ## `"locked"`
 * 
 * Occupied, and the manifest locks the slot: it holds the manifest's certificate;
 * `save`, `import-crl`, `delete-crl` and `clear` are refused, and
 * `delete-expired-certificates` skips it.
 */
export type CertificateSlotState = 'empty' | 'occupied' | 'locked';
/**
 * What a guest may know about a certificate slot (seed 000's `CertificateSlotInfo`).
 */
export interface CertificateSlotInfo {
  /**
   * The slot's name in the manifest.
   */
  name: string,
  state: CertificateSlotState,
  hasCrl: boolean,
  /**
   * The certificate's notAfter (seconds since 1970), if occupied.
   */
  notAfter?: bigint,
  /**
   * The certificate's SHA-256 fingerprint, if occupied.
   */
  sha256Fingerprint?: Uint8Array,
}
/**
 * Where a chain may end (seed 000's `ChainTerminationPolicy`).
 * # Variants
 * 
 * ## `"root-required"`
 * 
 * The chain must reach a self-signed root that is an anchor (the default).
 * ## `"trust-store-terminated"`
 * 
 * The chain may end at the first anchor, also an intermediate.
 */
export type TerminationPolicy = 'root-required' | 'trust-store-terminated';
/**
 * Whether revocation is checked (seed 000's `RevocationCheckPolicy`; OCSP is not offered).
 * # Variants
 * 
 * ## `"none"`
 * 
 * No revocation check (the default).
 * ## `"crl-only"`
 * 
 * CRLs: those given with `add-crl` and those of trust-store members and slots.
 */
export type RevocationPolicy = 'none' | 'crl-only';
/**
 * What a missing or stale CRL means (seed 000's `RevocationCoveragePolicy`).
 * # Variants
 * 
 * ## `"fail-closed"`
 * 
 * The certificate's status is unavailable: `revocation-status-unavailable` (the default).
 * ## `"best-effort"`
 * 
 * The check is skipped for that certificate: valid does not prove full coverage. A stale
 * CRL still proves revocation.
 */
export type RevocationCoverage = 'fail-closed' | 'best-effort';
/**
 * The validation profile.
 * # Variants
 * 
 * ## `"rfc5280"`
 * 
 * RFC 5280 §6 (the default).
 * ## `"webpki"`
 * 
 * The CA/Browser Forum Web PKI rules on top.
 */
export type Profile = 'rfc5280' | 'webpki';
/**
 * Why a verification rejected a chain (seed 000's `CertVerifyResult`, refined; the mapping is
 * in `docs/certificates.md`).
 * # Variants
 * 
 * ## `"expired"`
 * 
 * A certificate of the path is past its notAfter (kExpired).
 * ## `"not-yet-valid"`
 * 
 * A certificate of the path is before its notBefore (kNotYetValid).
 * ## `"revoked"`
 * 
 * A certificate of the path is revoked by a CRL (kRevoked).
 * ## `"revocation-status-unavailable"`
 * 
 * Fail-closed revocation checking found no usable CRL (kRevocationStatusUnavailable).
 * ## `"untrusted-root"`
 * 
 * A path was built, but it ends at a root that is not an enabled anchor (kNoRootFound).
 * ## `"anchor-not-found"`
 * 
 * No path reaches any anchor (kChainIncomplete).
 * ## `"bad-signature"`
 * 
 * A signature of the path does not verify (kSignatureInvalid).
 * ## `"constraint-violated"`
 * 
 * Basic constraints, path length or name constraints are violated.
 * ## `"name-mismatch"`
 * 
 * The leaf does not match the expected peer name.
 * ## `"path-too-long"`
 * 
 * The path is longer than the maximum depth.
 * ## `"budget-exceeded"`
 * 
 * Path building hit a budget (candidates, signature checks) before it could decide.
 * ## `"invalid-purpose"`
 * 
 * Key usage or extended key usage does not allow the purpose (kInvalidPurpose).
 * ## `"unsupported-critical-extension"`
 * 
 * A certificate has a critical extension this host does not process.
 * ## `"unsupported-algorithm"`
 * 
 * A signature or key algorithm this host does not implement (kUnknownAlgorithm).
 * ## `"malformed"`
 * 
 * A certificate or CRL of the path is malformed.
 */
export type VerifyResult = 'expired' | 'not-yet-valid' | 'revoked' | 'revocation-status-unavailable' | 'untrusted-root' | 'anchor-not-found' | 'bad-signature' | 'constraint-violated' | 'name-mismatch' | 'path-too-long' | 'budget-exceeded' | 'invalid-purpose' | 'unsupported-critical-extension' | 'unsupported-algorithm' | 'malformed';
export type Result<T, E> = { tag: 'ok', val: T } | { tag: 'err', val: E };

export class Certificate {
  /**
   * This type does not have a public constructor.
   */
  private constructor();
  /**
  * Parses one certificate. With `pem`, the text must hold exactly one `CERTIFICATE` block.
  * 
  * Errors: `invalid-length` if `encoded` exceeds the host's certificate limit;
  * `unsupported-encoding` if a PEM text has no `CERTIFICATE` block (or more than one);
  * `invalid-key` if the bytes are not a well-formed certificate in strict DER (seed 000's
  * kCertificateParsingFailed).
  */
  static parse(encoded: Uint8Array, encoding: CertificateEncoding): Certificate;
  /**
  * Parses a bundle, in order: every `CERTIFICATE` block of a PEM text, or concatenated DER
  * certificates.
  * 
  * Errors: `invalid-length` if `encoded` exceeds the host's bundle limit or holds more
  * certificates than the host allows; otherwise as `parse` (an empty bundle is
  * `unsupported-encoding`).
  */
  static parseBundle(encoded: Uint8Array, encoding: CertificateEncoding): Array<Certificate>;
  /**
  * The certificate in DER or PEM. The DER is exactly the bytes that were parsed.
  */
  'export'(encoding: CertificateEncoding): Uint8Array;
  /**
  * The subject distinguished name as text: `TYPE=value` pairs (RFC 4514 escaping) in
  * certificate order (the order `openssl x509 -subject` and node:crypto print), joined by
  * ", ", e.g. "CN=ecu.example.com, O=Example".
  */
  subject(): string;
  /**
  * The issuer distinguished name, as `subject`.
  */
  issuer(): string;
  /**
  * The serial number: the content octets of the DER INTEGER (big-endian, two's complement).
  */
  serialNumber(): Uint8Array;
  /**
  * The validity period.
  */
  validity(): Validity;
  /**
  * The SHA-256 fingerprint of the DER (32 bytes).
  */
  sha256Fingerprint(): Uint8Array;
  /**
  * The subject alternative names, in certificate order (empty without the extension).
  * 
  * Errors: `invalid-key` if the extension is malformed.
  */
  subjectAltNames(): Array<SubjectAltName>;
  /**
  * Whether the basic-constraints extension marks this certificate as a CA.
  */
  isCa(): boolean;
  /**
  * The certificate's public key, usable by `signatures` for verification only: its
  * permissions are `verify` alone, so a key pair built from it cannot sign
  * (`prohibited-operation`). `algorithm` picks the signature algorithm; none picks the
  * default for the key (P-256: ECDSA_P256_SHA256, P-384: ECDSA_P384_SHA384, Ed25519,
  * ML-DSA-44/65/87, RSA: RSA_PKCS1_<size>_SHA256).
  * 
  * Errors: `unsupported-algorithm` if the key is of a type this host cannot use, or
  * `algorithm` names another key type; `invalid-key` if the key is malformed.
  */
  publicKey(algorithm: string | undefined): Publickey;
}

export class CertificateSlot {
  /**
   * This type does not have a public constructor.
   */
  private constructor();
  /**
  * Opens the slot called `name`.
  * 
  * Errors: `not-found` if this host has no certificate slot of that name.
  */
  static open(name: string): CertificateSlot;
  /**
  * The slot's info.
  */
  info(): CertificateSlotInfo;
  /**
  * The slot's certificate, as a new handle.
  * 
  * Errors: `not-found` if the slot is empty.
  */
  load(): Certificate;
  /**
  * The slot's CRL, as a new handle.
  * 
  * Errors: `not-found` if the slot has no CRL.
  */
  loadCrl(): Crl;
  /**
  * Saves a copy of `certificate` into the slot, replacing what it held; with `crl`, the
  * CRL is saved too, without re-validation (seed 000's `with_crl`). Saving a certificate
  * without a CRL drops the old CRL.
  * 
  * Errors: `prohibited-operation` if the slot is locked.
  */
  save(certificate: Certificate, crl: Crl | undefined): void;
  /**
  * Attaches `crl` to the slot's certificate (replacing a previous CRL).
  * 
  * Errors: `not-found` if the slot is empty; `prohibited-operation` if it is locked.
  */
  importCrl(crl: Crl): void;
  /**
  * Removes the slot's CRL.
  * 
  * Errors: `not-found` if there is none; `prohibited-operation` if locked.
  */
  deleteCrl(): void;
  /**
  * Empties the slot (certificate and CRL).
  * 
  * Errors: `not-found` if it is empty; `prohibited-operation` if it is locked.
  */
  clear(): void;
}

export class Crl {
  /**
   * This type does not have a public constructor.
   */
  private constructor();
  /**
  * Parses a CRL (with `pem`, exactly one `X509 CRL` block).
  * 
  * Errors: `invalid-length` over the host's CRL limit; `unsupported-encoding` for PEM
  * without an `X509 CRL` block; `invalid-key` if the bytes are not a well-formed CRL in
  * strict DER (seed 000's kCrlImportFailed).
  */
  static parse(encoded: Uint8Array, encoding: CertificateEncoding): Crl;
  /**
  * The CRL in DER or PEM.
  */
  'export'(encoding: CertificateEncoding): Uint8Array;
  /**
  * The issuer distinguished name, as `certificate.subject`.
  */
  issuer(): string;
  /**
  * thisUpdate, in seconds since 1970.
  */
  thisUpdate(): bigint;
  /**
  * nextUpdate, in seconds since 1970, if present.
  */
  nextUpdate(): bigint | undefined;
  /**
  * Whether the CRL lists `serial-number` (as `certificate.serial-number` returns it). Does
  * not check the CRL's signature: chain verification does that.
  */
  isRevoked(serialNumber: Uint8Array): boolean;
  /**
  * The number of revoked certificates listed.
  */
  revokedCount(): number;
}

export class TrustStore {
  /**
   * This type does not have a public constructor.
   */
  private constructor();
  /**
  * An empty in-memory trust store.
  * 
  * Errors: `too-many-handles`.
  */
  static create(): TrustStore;
  /**
  * Opens the trust-store slot `name`.
  * 
  * Errors: `not-found` if the host has no trust store of that name.
  */
  static open(name: string): TrustStore;
  /**
  * Adds `certificate` as an enabled `exclusive-mutable` member (a copy). Idempotent: a
  * certificate already in the store (same SHA-256) is left as it is.
  * 
  * Errors: `prohibited-operation` if the store is locked; `overflow` if the store already
  * holds the host's maximum number of members.
  */
  add(certificate: Certificate): void;
  /**
  * As `add`, with `crl` as the member's CRL (replacing one it had).
  * 
  * Errors: as `add`.
  */
  addWithCrl(certificate: Certificate, crl: Crl): void;
  /**
  * Removes the member with `certificate`'s fingerprint.
  * 
  * Errors: `not-found` if it is not a member; `prohibited-operation` if the store is
  * locked or the member comes from a certificate slot (disable it instead).
  */
  remove(certificate: Certificate): void;
  /**
  * Removes the member with this SHA-256 fingerprint (32 bytes).
  * 
  * Errors: `invalid-length` if the fingerprint is not 32 bytes; as `remove`.
  */
  removeByFingerprint(sha256Fingerprint: Uint8Array): void;
  /**
  * Enables or disables a member; a disabled member is not an anchor (a
  * `conditional-external` member is one only when also its fingerprint is accepted).
  * 
  * Errors: `invalid-length`; `not-found`; `prohibited-operation` if the store is locked.
  */
  setEnabled(sha256Fingerprint: Uint8Array, enabled: boolean): void;
  /**
  * Sets (replaces) the CRL of an `exclusive-mutable` member.
  * 
  * Errors: `invalid-length`; `not-found`; `prohibited-operation` if the store is locked
  * or the member comes from a certificate slot (seed 000: per-member CRLs only on owned
  * members; a slot member's CRL is the slot's).
  */
  setMemberCrl(sha256Fingerprint: Uint8Array, crl: Crl): void;
  /**
  * Removes the CRL of an `exclusive-mutable` member.
  * 
  * Errors: as `set-member-crl`; `not-found` also if the member has no CRL.
  */
  deleteMemberCrl(sha256Fingerprint: Uint8Array): void;
  /**
  * The members, in the order they were added (manifest members first).
  */
  members(): Array<MemberInfo>;
  /**
  * Accepts the current certificate of the `conditional-external` member from certificate
  * slot `slot` (its fingerprint becomes the pinned one) and enables the member (seed 000's
  * `AcknowledgeTrustStoreMemberUpdate`).
  * 
  * Errors: `not-found` if the slot is not a member or is empty; `invalid-operation` if the
  * member is not `conditional-external`; `prohibited-operation` if the store is locked.
  */
  acknowledgeMemberUpdate(slot: string): void;
  /**
  * A member's certificate, as a new handle.
  * 
  * Errors: `invalid-length`; `not-found`; for a `shared-static` member whose slot is
  * empty, `not-found`.
  */
  memberCertificate(sha256Fingerprint: Uint8Array): Certificate;
}

export class VerificationContext {
  /**
   * This type does not have a public constructor.
   */
  private constructor();
  /**
  * A context with the defaults: no leaf, no anchors, `root-required`, the current time,
  * the host's maximum depth, no peer names, no key usage, revocation `none`, coverage
  * `fail-closed`, profile `rfc5280`.
  * 
  * Errors: `too-many-handles`.
  */
  static create(): VerificationContext;
  /**
  * Sets the leaf and forgets any chain certificates added before.
  */
  setLeaf(leaf: Certificate): void;
  /**
  * Appends the next certificate of a leaf-first chain (after `set-leaf`). These are
  * untrusted path-building inputs, like `add-untrusted`.
  * 
  * Errors: `invalid-operation` if no leaf is set; `overflow` beyond the host's limit of
  * certificates per verification.
  */
  addChainCertificate(certificate: Certificate): void;
  /**
  * Adds an untrusted certificate for path building (seed 000's additional certificates;
  * duplicates by fingerprint are ignored).
  * 
  * Errors: `overflow` beyond the host's limit.
  */
  addUntrusted(certificate: Certificate): void;
  /**
  * Uses a snapshot of `store`'s enabled members (and their CRLs) as the anchors. Not
  * together with `add-anchor`.
  * 
  * Errors: `invalid-operation` if explicit anchors were added.
  */
  setTrustStore(store: TrustStore): void;
  /**
  * Adds an explicit anchor. Not together with `set-trust-store`.
  * 
  * Errors: `invalid-operation` if a trust store was set; `overflow` beyond the limit.
  */
  addAnchor(anchor: Certificate): void;
  /**
  * Adds a CRL for revocation checking.
  * 
  * Errors: `overflow` beyond the limit.
  */
  addCrl(crl: Crl): void;
  /**
  * Where the chain may end.
  */
  setTermination(policy: TerminationPolicy): void;
  /**
  * The verification time, in seconds since 1970 (default: the time of `verify`).
  */
  setTime(time: Timestamp): void;
  /**
  * The maximum number of intermediate certificates between the leaf and the anchor (0: the
  * leaf must be issued by an anchor). Default: the host's maximum (8 unless configured).
  * 
  * Errors: `invalid-length` above the host's maximum.
  */
  setMaxDepth(depth: number): void;
  /**
  * Adds a name the leaf must match (kind `dns`, `ip` or `email`); when several are added,
  * the leaf must match every one.
  * 
  * Errors: `invalid-operation` for kind `uri` or `other`; `invalid-length` for an empty
  * or over-long name; `overflow` beyond the host's limit.
  */
  addPeerName(name: SubjectAltName): void;
  /**
  * The key usages the leaf must allow (default: none required).
  */
  setKeyUsage(usage: KeyUsage): void;
  /**
  * Adds an extended key usage the leaf must allow, as a dotted OID (e.g.
  * "1.3.6.1.5.5.7.3.1" for serverAuth).
  * 
  * Errors: `invalid-operation` if `oid` is not a dotted OID.
  */
  addExtendedKeyUsage(oid: string): void;
  /**
  * Revocation checking.
  */
  setRevocation(policy: RevocationPolicy): void;
  /**
  * What a missing or stale CRL means.
  */
  setCoverage(coverage: RevocationCoverage): void;
  /**
  * The validation profile.
  */
  setProfile(profile: Profile): void;
  /**
  * Verifies. `ok(chain)`: the verified path, leaf first, the anchor last, as new handles.
  * `err(result)`: why the chain was rejected (`last-detail` says more).
  * 
  * Errors (the verification could not be performed): `invalid-operation` if no leaf is
  * set; `parameters-missing` if neither a trust store nor anchors are set.
  */
  verify(): Result<Array<Certificate>, VerifyResult>;
  /**
  * A human-readable explanation of the last `verify` (empty before the first, or after a
  * success).
  */
  lastDetail(): string;
}
