/**
 * Key slots (seed 000): named, embedder-provisioned places for one key of a key *family*, with
 * permissions. Persistent slots keep their key in the host's store (kind 'slot', id = the slot
 * name, one version per store); volatile slots keep it in this object. docs/key-management.md.
 */
import { KeypairCore, resolveAsymmetric, SecretKeyCore } from './asymmetric.js';
import type { HostContext } from './context.js';
import { CryptoError, fail } from './errors.js';
import { describe, PERMISSION, requirePermission } from './permissions.js';
import { symmetricAlgorithm, type AsymmetricAlgorithm, type SymmetricAlgorithm } from './registry.js';
import type { KeyRecordMeta } from './store.js';
import { SymmetricKeyCore } from './symmetric.js';

export type KeyFamily =
  | 'AES-128'
  | 'AES-256'
  | 'CHACHA20'
  | 'HMAC-SHA256'
  | 'HMAC-SHA384'
  | 'HMAC-SHA512'
  | 'Ed25519'
  | 'X25519'
  | 'ECDSA-P256'
  | 'ECDSA-P384'
  | 'ECDSA-K256'
  | 'RSA-2048'
  | 'RSA-3072'
  | 'RSA-4096'
  | 'ML-DSA-44'
  | 'ML-DSA-65'
  | 'ML-DSA-87'
  | 'ML-KEM-512'
  | 'ML-KEM-768'
  | 'ML-KEM-1024'
  | 'X-WING';

/** A validated slot of the manifest (host/src/slots/manifest.ts produces these). */
export interface SlotSpec {
  name: string;
  family: KeyFamily;
  permissions: number;
  persistence: 'persistent' | 'volatile';
  key: { kind: 'none' } | { kind: 'bytes'; bytes: Uint8Array; source: string } | { kind: 'generate' };
  locked: boolean;
  replace: boolean;
}

interface FamilyInfo {
  /** 'symmetric', or the asymmetric algorithm types the family's algorithms belong to. */
  symmetric: boolean;
  /** Algorithm names served (upper-case). The first one is used to generate and store. */
  algorithms: readonly string[];
}

const aes = (bits: 128 | 256): FamilyInfo => ({
  symmetric: true,
  algorithms: ['GCM', 'GCM-SIV', 'CBC', 'CTR', 'CMAC', 'KW', 'KWP'].map((m) => `AES-${bits}-${m}`),
});
const hmac = (h: 256 | 384 | 512): FamilyInfo => ({
  symmetric: true,
  algorithms: [`HMAC/SHA-${h}`, `HKDF-EXTRACT/SHA-${h}`, `HKDF-EXPAND/SHA-${h}`],
});
const rsa = (bits: number): FamilyInfo => ({
  symmetric: false,
  algorithms: (['PKCS1', 'PSS'] as const).flatMap((s) =>
    [2048, 3072, 4096].filter((b) => b <= bits).flatMap((b) => ['SHA256', 'SHA384', 'SHA512'].map((h) => `RSA_${s}_${b}_${h}`)),
  ).sort((a, b) => (a.includes(`_${bits}_`) ? -1 : 0) - (b.includes(`_${bits}_`) ? -1 : 0)),
});

export const KEY_FAMILIES: Readonly<Record<KeyFamily, FamilyInfo>> = Object.freeze({
  'AES-128': aes(128),
  'AES-256': aes(256),
  CHACHA20: { symmetric: true, algorithms: ['CHACHA20-POLY1305', 'XCHACHA20-POLY1305'] },
  'HMAC-SHA256': hmac(256),
  'HMAC-SHA384': hmac(384),
  'HMAC-SHA512': hmac(512),
  Ed25519: { symmetric: false, algorithms: ['ED25519'] },
  X25519: { symmetric: false, algorithms: ['X25519'] },
  'ECDSA-P256': { symmetric: false, algorithms: ['ECDSA_P256_SHA256', 'P256-SHA256'] },
  'ECDSA-P384': { symmetric: false, algorithms: ['ECDSA_P384_SHA384', 'P384-SHA384'] },
  'ECDSA-K256': { symmetric: false, algorithms: ['ECDSA_K256_SHA256'] },
  'RSA-2048': rsa(2048),
  'RSA-3072': rsa(3072),
  'RSA-4096': rsa(4096),
  'ML-DSA-44': { symmetric: false, algorithms: ['ML-DSA-44'] },
  'ML-DSA-65': { symmetric: false, algorithms: ['ML-DSA-65'] },
  'ML-DSA-87': { symmetric: false, algorithms: ['ML-DSA-87'] },
  'ML-KEM-512': { symmetric: false, algorithms: ['ML-KEM-512'] },
  'ML-KEM-768': { symmetric: false, algorithms: ['ML-KEM-768'] },
  'ML-KEM-1024': { symmetric: false, algorithms: ['ML-KEM-1024'] },
  'X-WING': { symmetric: false, algorithms: ['X-WING'] },
});

/** The WIT algorithm-type of an asymmetric algorithm a family serves. */
function typeOf(name: string): 'signatures' | 'key-exchange' {
  return ['X25519', 'P256-SHA256', 'P384-SHA384', 'X-WING'].includes(name) || name.startsWith('ML-KEM') ? 'key-exchange' : 'signatures';
}

export interface SlotInfo {
  name: string;
  family: KeyFamily;
  permissions: number;
  occupied: boolean;
  locked: boolean;
  version: bigint;
}

/** One slot's content: the algorithm it was stored under and the canonical key bytes. */
interface Content {
  algorithm: string;
  version: number;
  material: Uint8Array;
}

class Slot {
  readonly spec: SlotSpec;
  readonly family: FamilyInfo;
  /** Volatile slots only. */
  #volatile: Content | undefined;
  #volatileVersion = 0;

  constructor(spec: SlotSpec) {
    this.spec = spec;
    this.family = KEY_FAMILIES[spec.family];
  }

  content(ctx: HostContext): Content | undefined {
    if (this.spec.persistence === 'volatile') return this.#volatile && { ...this.#volatile, material: Uint8Array.from(this.#volatile.material) };
    const rec = ctx.store.get(ctx.tenant, 'slot', this.spec.name);
    return rec && { algorithm: rec.algorithm, version: rec.version, material: rec.material as Uint8Array };
  }

  occupied(ctx: HostContext): boolean {
    if (this.spec.persistence === 'volatile') return this.#volatile !== undefined;
    return ctx.store.versions(ctx.tenant, 'slot', this.spec.name).length > 0;
  }

  version(ctx: HostContext): number {
    if (this.spec.persistence === 'volatile') return this.#volatile === undefined ? 0 : this.#volatileVersion;
    const v = ctx.store.versions(ctx.tenant, 'slot', this.spec.name);
    return v[v.length - 1] ?? 0;
  }

  write(ctx: HostContext, algorithm: string, material: Uint8Array): void {
    if (this.spec.persistence === 'volatile') {
      this.#volatile?.material.fill(0);
      this.#volatileVersion++;
      this.#volatile = { algorithm, version: this.#volatileVersion, material: Uint8Array.from(material) };
      return;
    }
    // Persistent: the previous versions are removed once the new one is in (a slot holds one key).
    const previous = ctx.store.versions(ctx.tenant, 'slot', this.spec.name);
    const version = (previous[previous.length - 1] ?? 0) + 1;
    ctx.store.insert({
      tenant: ctx.tenant,
      kind: 'slot',
      id: this.spec.name,
      version,
      algorithm,
      permissions: this.spec.permissions,
      expiration: 0,
      createdAt: Date.now(),
      material,
    });
    for (const v of previous) ctx.store.delete(ctx.tenant, 'slot', this.spec.name, v);
  }

  clear(ctx: HostContext): boolean {
    if (this.spec.persistence === 'volatile') {
      if (this.#volatile === undefined) return false;
      this.#volatile.material.fill(0);
      this.#volatile = undefined;
      return true;
    }
    return ctx.store.delete(ctx.tenant, 'slot', this.spec.name) > 0;
  }

  dispose(): void {
    this.#volatile?.material.fill(0);
    this.#volatile = undefined;
  }
}

/** The slots of one host, by name. */
export class SlotRegistry {
  readonly #ctx: HostContext;
  readonly #slots = new Map<string, Slot>();

  /** Provisions every slot, or none: any problem throws before the host starts. */
  constructor(ctx: HostContext, specs: readonly SlotSpec[]) {
    this.#ctx = ctx;
    for (const spec of specs) this.provision(spec);
  }

  /** Adds a slot (admin API and construction). Its pre-deployed key is checked now. */
  provision(spec: SlotSpec): void {
    if (this.#slots.has(spec.name)) throw new TypeError(`slot ${JSON.stringify(spec.name)} is provisioned twice`);
    if (!Object.prototype.hasOwnProperty.call(KEY_FAMILIES, spec.family)) throw new TypeError(`slot ${spec.name}: unknown key family ${spec.family}`);
    const slot = new Slot(spec);
    if (spec.key.kind === 'bytes' && slot.content(this.#ctx) === undefined) {
      const algorithm = slot.family.algorithms[0]!;
      let canonical: Uint8Array;
      try {
        canonical = this.#canonical(slot, algorithm, spec.key.bytes);
      } catch (e) {
        const why = e instanceof CryptoError ? `${e.payload}: ${e.message}` : String(e);
        throw new TypeError(`slot ${spec.name}: the key from ${spec.key.source} is not a ${spec.family} key (${why})`);
      }
      slot.write(this.#ctx, algorithm, canonical);
      canonical.fill(0);
    }
    this.#slots.set(spec.name, slot);
  }

  /** Canonical secret bytes of a pre-deployed key (raw for symmetric families, PKCS#8 DER/PEM otherwise). */
  #canonical(slot: Slot, algorithm: string, bytes: Uint8Array): Uint8Array {
    const ctx = this.#ctx;
    if (slot.family.symmetric) {
      const k = SymmetricKeyCore.import(ctx, algorithm, bytes);
      try {
        return k.material.copy();
      } finally {
        k.release();
      }
    }
    // PEM may have explanatory text before its header (RFC 7468); DER starts with a SEQUENCE tag.
    const pem = bytes[0] !== 0x30 && new TextDecoder().decode(bytes.subarray(0, 64 * 1024)).includes('-----BEGIN ');
    const sk = SecretKeyCore.import(ctx, typeOf(algorithm), algorithm, bytes, pem ? 'pem' : 'pkcs8');
    try {
      return sk.material.copy();
    } finally {
      sk.release();
    }
  }

  #slot(name: string): Slot {
    const s = this.#slots.get(name);
    return s ?? fail('not-found', `no slot named ${JSON.stringify(name)}`);
  }

  has(name: string): boolean {
    return this.#slots.has(name);
  }

  info(name: string): SlotInfo {
    const s = this.#slot(name);
    const v = s.version(this.#ctx);
    return {
      name,
      family: s.spec.family,
      permissions: s.spec.permissions,
      occupied: s.occupied(this.#ctx),
      locked: s.spec.locked,
      version: BigInt(v),
    };
  }

  list(): SlotInfo[] {
    return [...this.#slots.keys()].map((n) => this.info(n));
  }

  #familyAlgorithm(s: Slot, algorithm: string, symmetric: boolean): string {
    const upper = algorithm.toUpperCase();
    if (s.family.symmetric !== symmetric || !s.family.algorithms.includes(upper)) {
      fail('invalid-key', `slot ${s.spec.name} holds a ${s.spec.family} key, which does not serve ${algorithm} (it serves ${s.family.algorithms.join(', ')})`);
    }
    return upper;
  }

  /** The slot's content, generating it first for a generate-on-first-use slot. */
  #load(s: Slot): Content {
    let c = s.content(this.#ctx);
    if (c === undefined && s.spec.key.kind === 'generate') {
      const algorithm = s.family.algorithms[0]!;
      const material = s.family.symmetric ? this.#generateSymmetric(algorithm) : this.#generateKeypair(algorithm);
      s.write(this.#ctx, algorithm, material);
      material.fill(0);
      c = s.content(this.#ctx);
    }
    return c ?? fail('not-found', `slot ${s.spec.name} is empty`);
  }

  #generateSymmetric(algorithm: string): Uint8Array {
    const k = SymmetricKeyCore.generate(this.#ctx, algorithm, undefined);
    try {
      return k.material.copy();
    } finally {
      k.release();
    }
  }

  #generateKeypair(algorithm: string): Uint8Array {
    const kp = KeypairCore.generate(this.#ctx, typeOf(algorithm), algorithm, undefined);
    try {
      return kp.material.copy();
    } finally {
      kp.release();
    }
  }

  loadSymmetric(name: string, algorithm: string): SymmetricKeyCore {
    const s = this.#slot(name);
    const alg: SymmetricAlgorithm = symmetricAlgorithm(algorithm);
    this.#familyAlgorithm(s, alg.name, true);
    const c = this.#load(s);
    return SymmetricKeyCore.derived(this.#ctx, alg, c.material, s.spec.permissions);
  }

  loadKeypair(name: string, type: string, algorithm: string): KeypairCore {
    const s = this.#slot(name);
    const alg: AsymmetricAlgorithm = resolveAsymmetric(this.#ctx, type, algorithm);
    this.#familyAlgorithm(s, alg.name, false);
    const c = this.#load(s);
    return KeypairCore.fromCanonicalSecret(this.#ctx, alg, c.material, s.spec.permissions);
  }

  #checkWritable(s: Slot, keyPermissions: number): void {
    if (s.spec.locked) fail('prohibited-operation', `slot ${s.spec.name} is locked`);
    requirePermission(s.spec.permissions, 'import', `storing into slot ${s.spec.name}`);
    if ((keyPermissions & ~s.spec.permissions) !== 0) {
      fail('prohibited-operation', `the key has permissions (${describe(keyPermissions & ~s.spec.permissions)}) that slot ${s.spec.name} does not allow`);
    }
    if (s.occupied(this.#ctx) && !s.spec.replace) {
      fail('invalid-operation', `slot ${s.spec.name} is occupied and does not allow replacing`);
    }
  }

  storeSymmetric(name: string, key: SymmetricKeyCore): void {
    const s = this.#slot(name);
    this.#familyAlgorithm(s, key.alg.name, true);
    this.#checkWritable(s, key.permissions);
    s.write(this.#ctx, key.alg.name, key.material.bytes);
  }

  storeKeypair(name: string, kp: KeypairCore): void {
    const s = this.#slot(name);
    this.#familyAlgorithm(s, kp.alg.name, false);
    this.#checkWritable(s, kp.permissions);
    s.write(this.#ctx, kp.alg.name, kp.material.bytes);
  }

  clear(name: string): void {
    const s = this.#slot(name);
    if (s.spec.locked) fail('prohibited-operation', `slot ${s.spec.name} is locked`);
    if (!s.clear(this.#ctx)) fail('not-found', `slot ${s.spec.name} is empty`);
  }

  /** Store metadata of the persistent slots (admin). */
  stored(): KeyRecordMeta[] {
    return this.#ctx.store.list(this.#ctx.tenant, 'slot');
  }

  dispose(): void {
    for (const s of this.#slots.values()) s.dispose();
  }
}

export { PERMISSION };
