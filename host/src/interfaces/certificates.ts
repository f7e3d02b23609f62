/** `wasi:crypto/certificates`: certificates, CRLs, trust stores, certificate slots, verification (docs/certificates.md). */
import type * as GenAsym from '../../generated/interfaces/wasi-crypto-asymmetric-common.js';
import type * as Gen from '../../generated/interfaces/wasi-crypto-certificates.js';
import { CertificateCore, CrlCore, fingerprintHex } from '../core/certificates/certificate.js';
import { TrustStoreCore, type CertificateSlotRegistry } from '../core/certificates/slots.js';
import { KEY_USAGE_NAMES, VerificationCore, type KeyUsageName } from '../core/certificates/verify.js';
import type { HostContext, ResourceKind } from '../core/context.js';
import { fail } from '../core/errors.js';
import type { AsymmetricCommonModule } from './asymmetric-common.js';
import { adopt } from './support.js';

export type CertificatesModule = typeof Gen;

/** The WIT `key-usage` flag names, in the order of KEY_USAGE_NAMES. */
const KEY_USAGE_FLAGS = [
  'digitalSignature',
  'contentCommitment',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'crlSign',
  'encipherOnly',
  'decipherOnly',
] as const satisfies readonly (keyof Gen.KeyUsage)[];

function fingerprintArg(fp: Uint8Array): string {
  if (!(fp instanceof Uint8Array) || fp.length !== 32) fail('invalid-length', `a SHA-256 fingerprint is 32 bytes, got ${fp?.length}`);
  return fingerprintHex(fp);
}

/** Wraps several new resources; if the handle limit stops one, the ones made are dropped again. */
function adoptAll<T extends Disposable, C>(cores: readonly C[], wrap: (c: C) => T): T[] {
  const out: T[] = [];
  try {
    for (const c of cores) out.push(wrap(c));
  } catch (e) {
    for (const h of out) h[Symbol.dispose]();
    throw e;
  }
  return out;
}

export function createCertificates(ctx: HostContext, registry: CertificateSlotRegistry, asym: AsymmetricCommonModule): CertificatesModule {
  const handle = <T extends Disposable>(kind: ResourceKind, make: () => T): T => adopt(ctx, kind, () => {}, make);

  class Certificate implements Gen.Certificate {
    readonly #core: CertificateCore;
    #disposed = false;
    private constructor(core?: CertificateCore) {
      if (core === undefined) throw new TypeError('resource has no public constructor');
      this.#core = core;
    }
    static wrap(core: CertificateCore): Certificate {
      return handle('certificate', () => new Certificate(core));
    }
    static coreOf(c: Gen.Certificate): CertificateCore {
      if (typeof c !== 'object' || c === null || !(#core in c)) fail('invalid-handle', 'not a certificate handle of this host');
      return c.#core;
    }
    static parse(encoded: Uint8Array, encoding: Gen.CertificateEncoding): Certificate {
      return Certificate.wrap(CertificateCore.parse(ctx, encoded, encoding));
    }
    static parseBundle(encoded: Uint8Array, encoding: Gen.CertificateEncoding): Certificate[] {
      return adoptAll(CertificateCore.parseBundle(ctx, encoded, encoding), (c) => Certificate.wrap(c));
    }
    export(encoding: Gen.CertificateEncoding): Uint8Array {
      return this.#core.export(encoding);
    }
    subject(): string {
      return this.#core.subject;
    }
    issuer(): string {
      return this.#core.issuer;
    }
    serialNumber(): Uint8Array {
      return this.#core.serial;
    }
    validity(): Gen.Validity {
      return { notBefore: this.#core.notBefore, notAfter: this.#core.notAfter };
    }
    sha256Fingerprint(): Uint8Array {
      return Uint8Array.from(this.#core.fingerprint);
    }
    subjectAltNames(): Gen.SubjectAltName[] {
      return this.#core.subjectAltNames();
    }
    isCa(): boolean {
      return this.#core.isCa;
    }
    publicKey(algorithm: string | undefined): GenAsym.Publickey {
      return asym.Publickey.wrap(this.#core.publicKey(ctx, algorithm));
    }
    [Symbol.dispose](): void {
      if (this.#disposed) return;
      this.#disposed = true;
      ctx.handles.release('certificate', this);
    }
  }

  class Crl implements Gen.Crl {
    readonly #core: CrlCore;
    #disposed = false;
    private constructor(core?: CrlCore) {
      if (core === undefined) throw new TypeError('resource has no public constructor');
      this.#core = core;
    }
    static wrap(core: CrlCore): Crl {
      return handle('crl', () => new Crl(core));
    }
    static coreOf(c: Gen.Crl): CrlCore {
      if (typeof c !== 'object' || c === null || !(#core in c)) fail('invalid-handle', 'not a crl handle of this host');
      return c.#core;
    }
    static parse(encoded: Uint8Array, encoding: Gen.CertificateEncoding): Crl {
      return Crl.wrap(CrlCore.parse(ctx, encoded, encoding));
    }
    export(encoding: Gen.CertificateEncoding): Uint8Array {
      return this.#core.export(encoding);
    }
    issuer(): string {
      return this.#core.issuer;
    }
    thisUpdate(): bigint {
      return this.#core.thisUpdate;
    }
    nextUpdate(): bigint | undefined {
      return this.#core.nextUpdate;
    }
    isRevoked(serialNumber: Uint8Array): boolean {
      return this.#core.isRevoked(serialNumber);
    }
    revokedCount(): number {
      return this.#core.revokedCount;
    }
    [Symbol.dispose](): void {
      if (this.#disposed) return;
      this.#disposed = true;
      ctx.handles.release('crl', this);
    }
  }

  class TrustStore implements Gen.TrustStore {
    readonly #core: TrustStoreCore;
    #disposed = false;
    private constructor(core?: TrustStoreCore) {
      if (core === undefined) throw new TypeError('resource has no public constructor');
      this.#core = core;
    }
    static coreOf(s: Gen.TrustStore): TrustStoreCore {
      if (typeof s !== 'object' || s === null || !(#core in s)) fail('invalid-handle', 'not a trust-store handle of this host');
      return s.#core;
    }
    static create(): TrustStore {
      return handle('trust-store', () => new TrustStore(new TrustStoreCore(ctx)));
    }
    static open(name: string): TrustStore {
      const core = registry.trustStore(name);
      return handle('trust-store', () => new TrustStore(core));
    }
    add(certificate: Gen.Certificate): void {
      this.#core.add(Certificate.coreOf(certificate), undefined);
    }
    addWithCrl(certificate: Gen.Certificate, crl: Gen.Crl): void {
      this.#core.add(Certificate.coreOf(certificate), Crl.coreOf(crl));
    }
    remove(certificate: Gen.Certificate): void {
      this.#core.remove(Certificate.coreOf(certificate).fingerprintHex);
    }
    removeByFingerprint(sha256Fingerprint: Uint8Array): void {
      this.#core.remove(fingerprintArg(sha256Fingerprint));
    }
    setEnabled(sha256Fingerprint: Uint8Array, enabled: boolean): void {
      this.#core.setEnabled(fingerprintArg(sha256Fingerprint), enabled);
    }
    setMemberCrl(sha256Fingerprint: Uint8Array, crl: Gen.Crl): void {
      this.#core.setCrl(fingerprintArg(sha256Fingerprint), Crl.coreOf(crl));
    }
    deleteMemberCrl(sha256Fingerprint: Uint8Array): void {
      this.#core.setCrl(fingerprintArg(sha256Fingerprint), undefined);
    }
    members(): Gen.MemberInfo[] {
      return this.#core.members().map((m) => ({
        sha256Fingerprint: Uint8Array.from(m.cert.fingerprint),
        subject: m.cert.subject,
        issuer: m.cert.issuer,
        serialNumber: m.cert.serial,
        kind: m.kind,
        enabled: m.enabled,
        status: m.status,
        hasCrl: m.crl !== undefined,
        ...(m.slot !== undefined ? { slot: m.slot } : {}),
      }));
    }
    acknowledgeMemberUpdate(slot: string): void {
      this.#core.acknowledge(slot);
    }
    memberCertificate(sha256Fingerprint: Uint8Array): Certificate {
      return Certificate.wrap(this.#core.certificate(fingerprintArg(sha256Fingerprint)));
    }
    [Symbol.dispose](): void {
      if (this.#disposed) return;
      this.#disposed = true;
      ctx.handles.release('trust-store', this);
    }
  }

  class CertificateSlot implements Gen.CertificateSlot {
    readonly #name: string;
    #disposed = false;
    private constructor(name?: string) {
      if (name === undefined) throw new TypeError('resource has no public constructor');
      this.#name = name;
    }
    static open(name: string): CertificateSlot {
      if (!registry.hasSlot(name)) fail('not-found', `no certificate slot named ${JSON.stringify(name)}`);
      return handle('certificate-slot', () => new CertificateSlot(name));
    }
    info(): Gen.CertificateSlotInfo {
      const i = registry.info(this.#name);
      return {
        name: i.name,
        state: i.state,
        hasCrl: i.hasCrl,
        ...(i.notAfter !== undefined ? { notAfter: i.notAfter } : {}),
        ...(i.fingerprint !== undefined ? { sha256Fingerprint: i.fingerprint } : {}),
      };
    }
    load(): Certificate {
      return Certificate.wrap(registry.load(this.#name));
    }
    loadCrl(): Crl {
      return Crl.wrap(registry.loadCrl(this.#name));
    }
    save(certificate: Gen.Certificate, crl: Gen.Crl | undefined): void {
      registry.save(this.#name, Certificate.coreOf(certificate), crl === undefined ? undefined : Crl.coreOf(crl));
    }
    importCrl(crl: Gen.Crl): void {
      registry.importCrl(this.#name, Crl.coreOf(crl));
    }
    deleteCrl(): void {
      registry.deleteCrl(this.#name);
    }
    clear(): void {
      registry.clear(this.#name);
    }
    [Symbol.dispose](): void {
      if (this.#disposed) return;
      this.#disposed = true;
      ctx.handles.release('certificate-slot', this);
    }
  }

  class VerificationContext implements Gen.VerificationContext {
    readonly #core: VerificationCore;
    #disposed = false;
    private constructor(core?: VerificationCore) {
      if (core === undefined) throw new TypeError('resource has no public constructor');
      this.#core = core;
    }
    static create(): VerificationContext {
      return handle('verification-context', () => new VerificationContext(new VerificationCore(ctx)));
    }
    setLeaf(leaf: Gen.Certificate): void {
      this.#core.setLeaf(Certificate.coreOf(leaf));
    }
    addChainCertificate(certificate: Gen.Certificate): void {
      this.#core.addChainCertificate(Certificate.coreOf(certificate));
    }
    addUntrusted(certificate: Gen.Certificate): void {
      this.#core.addUntrusted(Certificate.coreOf(certificate));
    }
    setTrustStore(store: Gen.TrustStore): void {
      this.#core.setTrustStore(TrustStore.coreOf(store).members());
    }
    addAnchor(anchor: Gen.Certificate): void {
      this.#core.addAnchor(Certificate.coreOf(anchor));
    }
    addCrl(crl: Gen.Crl): void {
      this.#core.addCrl(Crl.coreOf(crl));
    }
    setTermination(policy: Gen.TerminationPolicy): void {
      this.#core.setTermination(policy);
    }
    setTime(time: bigint): void {
      this.#core.setTime(time);
    }
    setMaxDepth(depth: number): void {
      this.#core.setMaxDepth(depth);
    }
    addPeerName(name: Gen.SubjectAltName): void {
      this.#core.addPeerName(name.kind, name.value);
    }
    setKeyUsage(usage: Gen.KeyUsage): void {
      const names: KeyUsageName[] = [];
      KEY_USAGE_FLAGS.forEach((f, i) => {
        if (usage[f] === true) names.push(KEY_USAGE_NAMES[i]!);
      });
      this.#core.setKeyUsage(names);
    }
    addExtendedKeyUsage(oid: string): void {
      this.#core.addExtendedKeyUsage(oid);
    }
    setRevocation(policy: Gen.RevocationPolicy): void {
      this.#core.setRevocation(policy);
    }
    setCoverage(coverage: Gen.RevocationCoverage): void {
      this.#core.setCoverage(coverage);
    }
    setProfile(profile: Gen.Profile): void {
      this.#core.setProfile(profile);
    }
    verify(): Gen.Result<Certificate[], Gen.VerifyResult> {
      const r = this.#core.verify();
      if (!r.ok) return { tag: 'err', val: r.result };
      return { tag: 'ok', val: adoptAll(r.chain, (c) => Certificate.wrap(c)) };
    }
    lastDetail(): string {
      return this.#core.detail;
    }
    [Symbol.dispose](): void {
      if (this.#disposed) return;
      this.#disposed = true;
      ctx.handles.release('verification-context', this);
    }
  }

  function deleteExpiredCertificates(time: bigint | undefined): number {
    return registry.deleteExpired(time ?? BigInt(ctx.now()));
  }

  return { Certificate, Crl, TrustStore, CertificateSlot, VerificationContext, deleteExpiredCertificates };
}
