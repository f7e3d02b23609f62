/**
 * Certificate slots and trust stores (seed 000 §2.5, §2.8; docs/certificates.md): named places
 * the embedder provisions with the slot manifest. Persistent ones live in the host's keystore beside
 * the key slots: kind 'cert-slot' (the certificate and its CRL) and kind 'trust-store' (the owned
 * members, their CRLs and every member's enabled flag), id = the name, one version per change
 * (older versions are removed once the new one is in). Volatile ones live in this object.
 *
 * Trust stores reference certificate slots by name (members of kind `shared-static`: the slot's
 * certificate and CRL, read-only through the store, skipped while the slot is empty;
 * `conditional-external`: the same, with the slot's fingerprint pinned — a changed certificate is
 * no anchor until `acknowledge-member-update`) and own the certificates added through
 * `trust-store.add` (`exclusive-mutable`, each with an optional CRL).
 */
import { Convert } from 'pvtsutils';
import type { HostContext } from '../context.js';
import { fail } from '../errors.js';
import { CertificateCore, CrlCore } from './certificate.js';

/** A validated certificate slot of the manifest (host/src/slots/ produces these). */
export interface CertificateSlotSpec {
  name: string;
  persistence: 'persistent' | 'volatile';
  /** A pre-deployed certificate (DER) and optional CRL (DER), written when the slot is empty. */
  certificate?: { der: Uint8Array; source: string } | undefined;
  crl?: { der: Uint8Array; source: string } | undefined;
  locked: boolean;
}

/** A validated trust store of the manifest. */
export interface TrustStoreSpec {
  name: string;
  persistence: 'persistent' | 'volatile';
  /**
   * Certificate slots whose certificates are members, with their initial enabled flag; kind
   * `shared-static` (default) or `conditional-external` with its `init` (seed 000's
   * `conditional_slot_init`: accept the current fingerprint, or stay disabled until acknowledged,
   * the default).
   */
  members: { slot: string; enabled: boolean; kind?: 'shared-static' | 'conditional-external'; init?: 'accept-current' | 'disable-until-accepted' }[];
  locked: boolean;
}

export type CertificateSlotState = 'empty' | 'occupied' | 'locked';

export interface CertificateSlotInfo {
  name: string;
  state: CertificateSlotState;
  hasCrl: boolean;
  notAfter: bigint | undefined;
  fingerprint: Uint8Array | undefined;
}

interface SlotContent {
  cert: CertificateCore;
  crl: CrlCore | undefined;
}

const ALGORITHM = 'X509';

function sameDer(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** u32-BE length-prefixed certificate DER, then CRL DER (length 0: none). */
function encodeContent(cert: Uint8Array, crl: Uint8Array | undefined): Uint8Array {
  const c = crl ?? new Uint8Array(0);
  const out = new Uint8Array(8 + cert.length + c.length);
  const v = new DataView(out.buffer);
  v.setUint32(0, cert.length);
  out.set(cert, 4);
  v.setUint32(4 + cert.length, c.length);
  out.set(c, 8 + cert.length);
  return out;
}

function decodeContent(ctx: HostContext, bytes: Uint8Array, what: string): SlotContent {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fault = () => fail('internal-error', `stored ${what} is corrupt`);
  if (bytes.length < 8) fault();
  const certLen = v.getUint32(0);
  if (4 + certLen + 4 > bytes.length) fault();
  const crlLen = v.getUint32(4 + certLen);
  if (8 + certLen + crlLen !== bytes.length) fault();
  const cert = CertificateCore.fromDer(ctx, bytes.subarray(4, 4 + certLen));
  const crl = crlLen === 0 ? undefined : CrlCore.fromDer(ctx, bytes.subarray(8 + certLen));
  return { cert, crl };
}

/** Seconds → the store's expiration field (non-negative integer). */
const expirationOf = (notAfter: bigint): number => (notAfter <= 0n ? 1 : Number(notAfter > 2n ** 52n ? 2n ** 52n : notAfter));

/** Writes a new version of (kind, id) and removes the older ones (a slot holds one value). */
function writeRecord(ctx: HostContext, kind: 'cert-slot' | 'trust-store', id: string, material: Uint8Array, expiration: number): number {
  const previous = ctx.store.versions(ctx.tenant, kind, id);
  const version = (previous[previous.length - 1] ?? 0) + 1;
  ctx.store.insert({ tenant: ctx.tenant, kind, id, version, algorithm: ALGORITHM, permissions: 0, expiration, createdAt: Date.now(), material });
  for (const v of previous) ctx.store.delete(ctx.tenant, kind, id, v);
  return version;
}

class CertSlot {
  readonly spec: CertificateSlotSpec;
  #volatile: SlotContent | undefined;
  /**
   * Parsed persistent content, cached by store version and stored bytes (versions restart at 1
   * after a clear, so another connection's clear + save can reuse the version number).
   */
  #cache: { version: number; material: Uint8Array; content: SlotContent } | undefined;

  constructor(spec: CertificateSlotSpec) {
    this.spec = spec;
  }

  content(ctx: HostContext): SlotContent | undefined {
    if (this.spec.persistence === 'volatile') return this.#volatile;
    const versions = ctx.store.versions(ctx.tenant, 'cert-slot', this.spec.name);
    const newest = versions[versions.length - 1];
    if (newest === undefined) {
      this.#cache = undefined;
      return undefined;
    }
    const rec = ctx.store.get(ctx.tenant, 'cert-slot', this.spec.name, newest);
    if (rec === undefined) return undefined;
    if (this.#cache?.version === newest && sameDer(this.#cache.material, rec.material)) return this.#cache.content;
    const content = decodeContent(ctx, rec.material, `certificate slot ${this.spec.name}`);
    this.#cache = { version: newest, material: rec.material, content };
    return content;
  }

  write(ctx: HostContext, content: SlotContent): void {
    if (this.spec.persistence === 'volatile') {
      this.#volatile = content;
      return;
    }
    writeRecord(ctx, 'cert-slot', this.spec.name, encodeContent(content.cert.der, content.crl?.der), expirationOf(content.cert.notAfter));
  }

  clear(ctx: HostContext): boolean {
    if (this.spec.persistence === 'volatile') {
      const had = this.#volatile !== undefined;
      this.#volatile = undefined;
      return had;
    }
    this.#cache = undefined;
    return ctx.store.delete(ctx.tenant, 'cert-slot', this.spec.name) > 0;
  }
}

/** One member of a trust store, as seen at a moment. */
export type MemberStatus = 'enabled' | 'disabled' | 'fingerprint-mismatch' | 'awaiting-acknowledgement';

export interface TrustMember {
  kind: 'shared-static' | 'conditional-external' | 'exclusive-mutable';
  cert: CertificateCore;
  crl: CrlCore | undefined;
  /** Whether the member is an anchor now (status `enabled`). */
  enabled: boolean;
  status: MemberStatus;
  slot: string | undefined;
}

interface SharedMember {
  kind: 'shared-static' | 'conditional-external';
  enabled: boolean;
  /** conditional-external: the accepted SHA-256 fingerprint (hex), if any. */
  accepted: string | undefined;
}

interface OwnedMember {
  cert: CertificateCore;
  crl: CrlCore | undefined;
  enabled: boolean;
}

/** The persisted state of a trust store (JSON inside the encrypted record). */
interface StoredTrustState {
  v: 1;
  /** Enabled flags of shared members, by slot name. */
  shared: Record<string, boolean>;
  /** Accepted fingerprints (hex) of conditional-external members, by slot name. */
  accepted?: Record<string, string>;
  owned: { der: string; crl?: string; enabled: boolean }[];
}

/** The mutable state of one trust store (shared by every handle opened on it). */
export class TrustStoreCore {
  readonly name: string | undefined;
  readonly locked: boolean;
  readonly #ctx: HostContext;
  readonly #registry: CertificateSlotRegistry | undefined;
  readonly #persistent: boolean;
  readonly #spec: TrustStoreSpec | undefined;
  /** The stored version the state in memory reflects (persistent stores; another connection may write newer ones). */
  #version: number | undefined;
  /** Members from certificate slots, by slot name. */
  readonly #shared: Map<string, SharedMember>;
  /** Owned members by fingerprint hex, in insertion order. */
  readonly #owned = new Map<string, OwnedMember>();

  constructor(ctx: HostContext, opts: { spec?: TrustStoreSpec; registry?: CertificateSlotRegistry } = {}) {
    this.#ctx = ctx;
    this.name = opts.spec?.name;
    this.locked = opts.spec?.locked ?? false;
    this.#registry = opts.registry;
    this.#persistent = opts.spec?.persistence === 'persistent';
    this.#spec = opts.spec;
    this.#shared = new Map(
      (opts.spec?.members ?? []).map((m): [string, SharedMember] => [m.slot, { kind: m.kind ?? 'shared-static', enabled: m.enabled, accepted: undefined }]),
    );
    const known = this.#persistent ? this.#load() : new Set<string>();
    // A conditional member new to the store with init accept-current pins the slot's certificate now.
    let pinned = false;
    for (const m of opts.spec?.members ?? []) {
      if (m.kind !== 'conditional-external' || m.init !== 'accept-current' || known.has(m.slot)) continue;
      const c = this.#registry?.contentOf(m.slot);
      if (c === undefined) continue;
      this.#shared.get(m.slot)!.accepted = c.cert.fingerprintHex;
      pinned = true;
    }
    if (pinned) this.#save();
  }

  /** Loads the stored state; returns the slot names it knew. */
  #load(): Set<string> {
    const rec = this.#ctx.store.get(this.#ctx.tenant, 'trust-store', this.name!);
    this.#version = rec?.version;
    if (rec === undefined) return new Set();
    let state: StoredTrustState;
    try {
      state = JSON.parse(new TextDecoder().decode(rec.material)) as StoredTrustState;
    } catch {
      return fail('internal-error', `stored trust store ${this.name} is corrupt`);
    }
    for (const [slot, enabled] of Object.entries(state.shared ?? {})) {
      const m = this.#shared.get(slot);
      if (m !== undefined) m.enabled = enabled === true;
    }
    for (const [slot, fp] of Object.entries(state.accepted ?? {})) {
      const m = this.#shared.get(slot);
      if (m?.kind === 'conditional-external' && typeof fp === 'string') m.accepted = fp;
    }
    for (const m of state.owned ?? []) {
      const cert = CertificateCore.fromDer(this.#ctx, new Uint8Array(Convert.FromBase64(m.der)));
      const crl = m.crl === undefined ? undefined : CrlCore.fromDer(this.#ctx, new Uint8Array(Convert.FromBase64(m.crl)));
      this.#owned.set(cert.fingerprintHex, { cert, crl, enabled: m.enabled === true });
    }
    return new Set(Object.keys(state.shared ?? {}));
  }

  #save(): void {
    if (!this.#persistent) return;
    const state: StoredTrustState = {
      v: 1,
      shared: Object.fromEntries([...this.#shared].map(([slot, m]) => [slot, m.enabled])),
      accepted: Object.fromEntries([...this.#shared].filter(([, m]) => m.accepted !== undefined).map(([slot, m]) => [slot, m.accepted!])),
      owned: [...this.#owned.values()].map((m) => ({
        der: Convert.ToBase64(m.cert.der),
        ...(m.crl ? { crl: Convert.ToBase64(m.crl.der) } : {}),
        enabled: m.enabled,
      })),
    };
    const bytes = new TextEncoder().encode(JSON.stringify(state));
    // Every change rewrites the whole record: bound it, so that a guest cannot make each change
    // rewrite (and fsync) hundreds of MB. The caller rolls the in-memory change back.
    if (bytes.length > this.#ctx.limits.maxTrustStoreBytes) {
      fail('overflow', `trust store ${this.name} would take ${bytes.length} bytes, more than the host's limit of ${this.#ctx.limits.maxTrustStoreBytes}`);
    }
    this.#version = writeRecord(this.#ctx, 'trust-store', this.name!, bytes, 0);
  }

  /** Reloads the stored state if another connection to the keystore has changed it since. */
  #refresh(): void {
    if (!this.#persistent) return;
    const versions = this.#ctx.store.versions(this.#ctx.tenant, 'trust-store', this.name!);
    if (versions[versions.length - 1] === this.#version) return;
    for (const m of this.#spec?.members ?? []) {
      const shared = this.#shared.get(m.slot)!;
      shared.enabled = m.enabled;
      shared.accepted = undefined;
    }
    this.#owned.clear();
    this.#load();
  }

  #writable(): void {
    if (this.locked) fail('prohibited-operation', `trust store ${this.name} is locked`);
  }

  /** Applies `change` and saves it; if saving fails, the store is put back as it was. */
  #commit(change: () => void): void {
    const shared = [...this.#shared].map(([k, m]): [string, SharedMember] => [k, { ...m }]);
    const owned = [...this.#owned].map(([k, m]): [string, OwnedMember] => [k, { ...m }]);
    change();
    try {
      this.#save();
    } catch (e) {
      this.#shared.clear();
      for (const [k, m] of shared) this.#shared.set(k, m);
      this.#owned.clear();
      for (const [k, m] of owned) this.#owned.set(k, m);
      throw e;
    }
  }

  /** Every member now, shared (occupied slots only) first, then owned, in order. */
  members(): TrustMember[] {
    this.#refresh();
    const out: TrustMember[] = [];
    const seen = new Set<string>();
    for (const [slot, m] of this.#shared) {
      const c = this.#registry?.contentOf(slot);
      if (c === undefined || seen.has(c.cert.fingerprintHex)) continue;
      seen.add(c.cert.fingerprintHex);
      let status: MemberStatus = m.enabled ? 'enabled' : 'disabled';
      if (m.kind === 'conditional-external') {
        if (m.accepted === undefined) status = 'awaiting-acknowledgement';
        else if (m.accepted !== c.cert.fingerprintHex) status = 'fingerprint-mismatch';
      }
      out.push({ kind: m.kind, cert: c.cert, crl: c.crl, enabled: status === 'enabled', status, slot });
    }
    for (const m of this.#owned.values()) {
      if (seen.has(m.cert.fingerprintHex)) continue;
      out.push({ kind: 'exclusive-mutable', cert: m.cert, crl: m.crl, enabled: m.enabled, status: m.enabled ? 'enabled' : 'disabled', slot: undefined });
    }
    return out;
  }

  #find(fpHex: string): TrustMember {
    return this.members().find((m) => m.cert.fingerprintHex === fpHex) ?? fail('not-found', 'no member with that SHA-256 fingerprint');
  }

  add(cert: CertificateCore, crl: CrlCore | undefined): void {
    this.#writable();
    const existing = this.members().find((m) => m.cert.fingerprintHex === cert.fingerprintHex);
    if (existing !== undefined) {
      if (crl === undefined) return;
      if (existing.kind !== 'exclusive-mutable') fail('prohibited-operation', `the certificate is a member through slot ${existing.slot}; its CRL is the slot's`);
      this.#commit(() => {
        this.#owned.get(cert.fingerprintHex)!.crl = crl;
      });
      return;
    }
    if (this.members().length >= this.#ctx.limits.maxTrustStoreMembers) fail('overflow', `the trust store holds ${this.#ctx.limits.maxTrustStoreMembers} members, the host's limit`);
    this.#commit(() => {
      this.#owned.set(cert.fingerprintHex, { cert, crl, enabled: true });
    });
  }

  remove(fpHex: string): void {
    this.#writable();
    const m = this.#find(fpHex);
    if (m.kind !== 'exclusive-mutable') fail('prohibited-operation', `the member comes from certificate slot ${m.slot} (${m.kind}): disable it instead`);
    this.#commit(() => {
      this.#owned.delete(fpHex);
    });
  }

  setEnabled(fpHex: string, enabled: boolean): void {
    this.#writable();
    const m = this.#find(fpHex);
    this.#commit(() => {
      if (m.kind === 'exclusive-mutable') this.#owned.get(fpHex)!.enabled = enabled;
      else this.#shared.get(m.slot!)!.enabled = enabled;
    });
  }

  setCrl(fpHex: string, crl: CrlCore | undefined): void {
    this.#writable();
    const m = this.#find(fpHex);
    if (m.kind !== 'exclusive-mutable') fail('prohibited-operation', `per-member CRLs are for exclusive-mutable members; ${m.slot} is a certificate slot (use its import-crl)`);
    const owned = this.#owned.get(fpHex)!;
    if (crl === undefined && owned.crl === undefined) fail('not-found', 'the member has no CRL');
    this.#commit(() => {
      owned.crl = crl;
    });
  }

  certificate(fpHex: string): CertificateCore {
    return this.#find(fpHex).cert;
  }

  /**
   * Seed 000's `AcknowledgeTrustStoreMemberUpdate`: a conditional-external member accepts its
   * slot's current certificate (re-baselines the fingerprint) and is enabled.
   */
  acknowledge(slot: string): void {
    this.#writable();
    this.#refresh();
    const m = this.#shared.get(slot) ?? fail('not-found', `certificate slot ${JSON.stringify(slot)} is not a member of trust store ${this.name}`);
    if (m.kind !== 'conditional-external') fail('invalid-operation', `member ${slot} is ${m.kind}, not conditional-external`);
    const c = this.#registry?.contentOf(slot) ?? fail('not-found', `certificate slot ${slot} is empty`);
    this.#commit(() => {
      m.accepted = c.cert.fingerprintHex;
      m.enabled = true;
    });
  }
}

/** The certificate slots and trust stores of one host, by name. */
export class CertificateSlotRegistry {
  readonly #ctx: HostContext;
  readonly #slots = new Map<string, CertSlot>();
  readonly #stores = new Map<string, TrustStoreCore>();

  /** Provisions every slot and trust store, or none: any problem throws before the host starts. */
  constructor(ctx: HostContext, slots: readonly CertificateSlotSpec[], stores: readonly TrustStoreSpec[]) {
    this.#ctx = ctx;
    for (const s of slots) this.provisionSlot(s);
    for (const t of stores) this.provisionTrustStore(t);
  }

  provisionSlot(spec: CertificateSlotSpec): void {
    if (this.#slots.has(spec.name)) throw new TypeError(`certificate slot ${JSON.stringify(spec.name)} is provisioned twice`);
    const slot = new CertSlot(spec);
    if (spec.certificate !== undefined) {
      let content: SlotContent;
      try {
        content = {
          cert: CertificateCore.fromDer(this.#ctx, spec.certificate.der),
          crl: spec.crl === undefined ? undefined : CrlCore.fromDer(this.#ctx, spec.crl.der),
        };
      } catch (e) {
        throw new TypeError(`certificate slot ${spec.name}: ${e instanceof Error ? e.message : String(e)} (from ${spec.certificate.source}${spec.crl ? ` and ${spec.crl.source}` : ''})`);
      }
      // The manifest's certificate fills an empty slot. A locked slot always holds what the
      // manifest says (guests cannot change it; the operator rotates it by editing the manifest).
      const current = slot.content(this.#ctx);
      const differs = current !== undefined && (current.cert.fingerprintHex !== content.cert.fingerprintHex || !sameDer(current.crl?.der, content.crl?.der));
      if (current === undefined || (spec.locked && differs)) slot.write(this.#ctx, content);
    }
    this.#slots.set(spec.name, slot);
  }

  provisionTrustStore(spec: TrustStoreSpec): void {
    if (this.#stores.has(spec.name)) throw new TypeError(`trust store ${JSON.stringify(spec.name)} is provisioned twice`);
    for (const m of spec.members) {
      if (!this.#slots.has(m.slot)) throw new TypeError(`trust store ${spec.name}: no certificate slot named ${JSON.stringify(m.slot)}`);
    }
    this.#stores.set(spec.name, new TrustStoreCore(this.#ctx, { spec, registry: this }));
  }

  #slot(name: string): CertSlot {
    return this.#slots.get(name) ?? fail('not-found', `no certificate slot named ${JSON.stringify(name)}`);
  }

  hasSlot(name: string): boolean {
    return this.#slots.has(name);
  }

  trustStore(name: string): TrustStoreCore {
    return this.#stores.get(name) ?? fail('not-found', `no trust store named ${JSON.stringify(name)}`);
  }

  contentOf(name: string): SlotContent | undefined {
    return this.#slots.get(name)?.content(this.#ctx);
  }

  info(name: string): CertificateSlotInfo {
    const s = this.#slot(name);
    const c = s.content(this.#ctx);
    return {
      name,
      state: c === undefined ? 'empty' : s.spec.locked ? 'locked' : 'occupied',
      hasCrl: c?.crl !== undefined,
      notAfter: c?.cert.notAfter,
      fingerprint: c === undefined ? undefined : Uint8Array.from(c.cert.fingerprint),
    };
  }

  list(): CertificateSlotInfo[] {
    return [...this.#slots.keys()].map((n) => this.info(n));
  }

  load(name: string): CertificateCore {
    return this.#slot(name).content(this.#ctx)?.cert ?? fail('not-found', `certificate slot ${name} is empty`);
  }

  loadCrl(name: string): CrlCore {
    return this.#slot(name).content(this.#ctx)?.crl ?? fail('not-found', `certificate slot ${name} has no CRL`);
  }

  #writable(s: CertSlot): void {
    if (s.spec.locked) fail('prohibited-operation', `certificate slot ${s.spec.name} is locked`);
  }

  save(name: string, cert: CertificateCore, crl: CrlCore | undefined): void {
    const s = this.#slot(name);
    this.#writable(s);
    s.write(this.#ctx, { cert, crl });
  }

  importCrl(name: string, crl: CrlCore): void {
    const s = this.#slot(name);
    this.#writable(s);
    const c = s.content(this.#ctx) ?? fail('not-found', `certificate slot ${name} is empty`);
    s.write(this.#ctx, { cert: c.cert, crl });
  }

  deleteCrl(name: string): void {
    const s = this.#slot(name);
    this.#writable(s);
    const c = s.content(this.#ctx);
    if (c?.crl === undefined) fail('not-found', `certificate slot ${name} has no CRL`);
    s.write(this.#ctx, { cert: c.cert, crl: undefined });
  }

  clear(name: string): void {
    const s = this.#slot(name);
    this.#writable(s);
    if (!s.clear(this.#ctx)) fail('not-found', `certificate slot ${name} is empty`);
  }

  /** Clears every unlocked slot whose certificate's notAfter is before `time`; returns how many. */
  deleteExpired(time: bigint): number {
    let n = 0;
    for (const s of this.#slots.values()) {
      if (s.spec.locked) continue;
      const c = s.content(this.#ctx);
      if (c !== undefined && c.cert.notAfter < time && s.clear(this.#ctx)) n++;
    }
    return n;
  }
}
