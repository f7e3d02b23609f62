/**
 * Symmetric keys and states, with the rules of the wasi-crypto specification's symmetric module.
 * ABI-independent: bytes in, bytes out, errors as CryptoError.
 */
import type { Digest } from '../backends/types.js';
import type { HostContext } from './context.js';
import { constantTimeEqual } from './ct.js';
import { fail } from './errors.js';
import { checkAccepted, type OptionValues } from './options.js';
import { randomBytes } from './random.js';
import { symmetricAlgorithm, type SymmetricAlgorithm } from './registry.js';
import type { KeyMaterial } from './secret.js';

type AeadAlgorithm = Extract<SymmetricAlgorithm, { kind: 'aead' }>;

/** A symmetric key: an algorithm and shared, reference-counted key bytes. */
export class SymmetricKeyCore {
  readonly alg: SymmetricAlgorithm;
  readonly material: KeyMaterial;
  #released = false;

  private constructor(alg: SymmetricAlgorithm, material: KeyMaterial) {
    this.alg = alg;
    this.material = material;
  }

  static generate(ctx: HostContext, algorithm: string, options: OptionValues | undefined): SymmetricKeyCore {
    const alg = symmetricAlgorithm(algorithm);
    if (alg.kind === 'hash') fail('key-not-supported', `${alg.name} takes no key`);
    if (options && options.type !== 'symmetric') fail('invalid-handle', `options of type ${options.type} given for a symmetric key`);
    checkAccepted(options, [], alg.name);
    return new SymmetricKeyCore(alg, ctx.newKeyMaterial(randomBytes(ctx.rng, alg.keyLen)));
  }

  static import(ctx: HostContext, algorithm: string, raw: Uint8Array): SymmetricKeyCore {
    const alg = symmetricAlgorithm(algorithm);
    if (alg.kind === 'hash') fail('key-not-supported', `${alg.name} takes no key`);
    if (alg.kind === 'aead' && raw.length !== alg.keyLen) fail('invalid-key', `${alg.name} needs a ${alg.keyLen}-byte key, got ${raw.length}`);
    if (alg.kind === 'hmac' && (raw.length === 0 || raw.length > ctx.limits.maxKeyBytes)) {
      fail('invalid-key', `${alg.name} key must be 1..${ctx.limits.maxKeyBytes} bytes, got ${raw.length}`);
    }
    return new SymmetricKeyCore(alg, ctx.newKeyMaterial(Uint8Array.from(raw)));
  }

  /** Wraps key material derived inside the host (takes one reference of `material`). */
  static fromMaterial(alg: SymmetricAlgorithm, material: KeyMaterial): SymmetricKeyCore {
    return new SymmetricKeyCore(alg, material);
  }

  exportRaw(): Uint8Array {
    return this.material.copy();
  }

  /** One-shot MAC. */
  mac(ctx: HostContext, data: Uint8Array): Uint8Array {
    if (this.alg.kind !== 'hmac') fail('invalid-operation', `${this.alg.name} is not a MAC`);
    ctx.checkInput(data.length, 'MAC input');
    const d = ctx.backend.hmac(this.alg.hash, this.material);
    try {
      d.update(data);
      return d.digest();
    } finally {
      d.destroy();
    }
  }

  macVerify(ctx: HostContext, data: Uint8Array, expected: Uint8Array): void {
    const tag = this.mac(ctx, data);
    const ok = constantTimeEqual(tag, expected);
    tag.fill(0);
    if (!ok) fail('invalid-tag', 'MAC does not match');
  }

  seal(ctx: HostContext, nonce: Uint8Array, aad: Uint8Array, plaintext: Uint8Array): Uint8Array {
    const alg = this.#aead();
    if (nonce.length !== alg.nonceLen) fail('invalid-nonce', `${alg.name} needs a ${alg.nonceLen}-byte nonce, got ${nonce.length}`);
    ctx.checkInput(plaintext.length, 'plaintext');
    ctx.checkInput(aad.length, 'associated data');
    return ctx.backend.aeadSeal(alg.aead, this.material, nonce, aad, plaintext);
  }

  open(ctx: HostContext, nonce: Uint8Array, aad: Uint8Array, ciphertext: Uint8Array): Uint8Array {
    const alg = this.#aead();
    if (nonce.length !== alg.nonceLen) fail('invalid-nonce', `${alg.name} needs a ${alg.nonceLen}-byte nonce, got ${nonce.length}`);
    ctx.checkInput(ciphertext.length, 'ciphertext');
    ctx.checkInput(aad.length, 'associated data');
    if (ciphertext.length < alg.tagLen) fail('invalid-tag', 'ciphertext is shorter than a tag');
    const pt = ctx.backend.aeadOpen(alg.aead, this.material, nonce, aad, ciphertext);
    if (pt === null) fail('invalid-tag', 'ciphertext does not authenticate');
    return pt;
  }

  #aead(): AeadAlgorithm {
    if (this.alg.kind !== 'aead') fail('invalid-operation', `${this.alg.name} is not an AEAD`);
    return this.alg;
  }

  /** Lets go of this handle's reference to the key bytes (idempotent). */
  release(): void {
    if (this.#released) return;
    this.#released = true;
    this.material.release();
  }
}

/** One-shot hash with an optional output length (truncation; longer than the digest is an error). */
export function oneShotHash(ctx: HostContext, algorithm: string, data: Uint8Array, outLen: number | undefined): Uint8Array {
  const alg = symmetricAlgorithm(algorithm);
  if (alg.kind !== 'hash') fail('invalid-operation', `${alg.name} is not a hash function`);
  const len = outLen ?? alg.outLen;
  if (len > alg.outLen) fail('invalid-length', `${alg.name} produces at most ${alg.outLen} bytes, ${len} requested`);
  ctx.checkInput(data.length, 'hash input');
  const d = ctx.backend.hash(alg.hash);
  try {
    d.update(data);
    const out = d.digest();
    return len === out.length ? out : out.slice(0, len);
  } finally {
    d.destroy();
  }
}

/** The outcome of `squeeze-tag`/`encrypt-detached`: tag bytes owned by the caller. */
export type TagBytes = Uint8Array;

/**
 * A symmetric state. One class, three behaviours (hash, HMAC, AEAD), as in the spec: every
 * operation that does not apply to the algorithm answers `invalid-operation`.
 */
export class SymmetricStateCore {
  readonly alg: SymmetricAlgorithm;
  readonly #ctx: HostContext;
  /** The state's own reference to the key (released on dispose). */
  readonly #key: KeyMaterial | undefined;
  readonly #options: OptionValues | undefined;
  #digest: Digest | undefined;
  // AEAD state
  #nonce: Uint8Array | undefined;
  #aad: Uint8Array[] = [];
  #aadLen = 0;
  #encrypted = false;
  #disposed = false;

  private constructor(ctx: HostContext, alg: SymmetricAlgorithm, key: KeyMaterial | undefined, options: OptionValues | undefined) {
    this.#ctx = ctx;
    this.alg = alg;
    this.#key = key;
    this.#options = options;
    this.#init();
  }

  /**
   * Opens a state. `key` is borrowed: the state takes its own reference, so the guest may drop the
   * key handle right away. `options` is borrowed and snapshotted.
   */
  static open(ctx: HostContext, algorithm: string, key: SymmetricKeyCore | undefined, options: OptionValues | undefined): SymmetricStateCore {
    const alg = symmetricAlgorithm(algorithm);
    if (options && options.type !== 'symmetric') fail('invalid-handle', `options of type ${options.type} given to a symmetric state`);
    if (alg.kind === 'hash') {
      if (key) fail('key-not-supported', `${alg.name} takes no key`);
      checkAccepted(options, [], alg.name);
      return new SymmetricStateCore(ctx, alg, undefined, undefined);
    }
    if (!key) fail('key-required', `${alg.name} needs a key`);
    if (key.alg.name !== alg.name) fail('invalid-key', `key was made for ${key.alg.name}, not ${alg.name}`);
    let snap: OptionValues | undefined;
    if (alg.kind === 'hmac') {
      checkAccepted(options, [], alg.name);
    } else {
      checkAccepted(options, ['nonce'], alg.name);
      if (!options?.hasBytes('nonce')) fail('nonce-required', `${alg.name} needs a nonce option (it cannot safely generate one)`);
      const nonce = options.getBytes('nonce');
      if (nonce.length !== alg.nonceLen) fail('invalid-nonce', `${alg.name} needs a ${alg.nonceLen}-byte nonce, got ${nonce.length}`);
      snap = options.snapshot();
    }
    const material = key.material.retain();
    try {
      return new SymmetricStateCore(ctx, alg, material, snap);
    } catch (e) {
      material.release();
      snap?.clear();
      throw e;
    }
  }

  #init(): void {
    const alg = this.alg;
    if (alg.kind === 'hash') this.#digest = this.#ctx.backend.hash(alg.hash);
    else if (alg.kind === 'hmac') this.#digest = this.#ctx.backend.hmac(alg.hash, this.#key!);
    else this.#nonce = this.#options!.getBytes('nonce');
  }

  #live(): void {
    if (this.#disposed) fail('invalid-handle', 'state is closed');
  }

  optionsGet(name: string): Uint8Array {
    this.#live();
    if (this.alg.kind !== 'aead') fail('unsupported-option', `${this.alg.name} has no options`);
    if (name !== 'nonce') fail('unsupported-option', `${this.alg.name} has no option ${JSON.stringify(name)}`);
    return Uint8Array.from(this.#nonce!);
  }

  optionsGetU64(name: string): bigint {
    this.#live();
    fail('unsupported-option', `${this.alg.name} has no integer option ${JSON.stringify(name)}`);
  }

  clone(): SymmetricStateCore {
    this.#live();
    if (this.alg.kind === 'aead') fail('unsupported-feature', 'an AEAD state cannot be cloned: the clone would reuse its nonce');
    // Build the clone through the constructor path, then replace the fresh digest with a copy.
    const material = this.#key?.retain();
    let clone: SymmetricStateCore;
    try {
      clone = new SymmetricStateCore(this.#ctx, this.alg, material, undefined);
    } catch (e) {
      material?.release();
      throw e;
    }
    clone.#digest!.destroy();
    clone.#digest = this.#digest!.clone();
    return clone;
  }

  absorb(data: Uint8Array): void {
    this.#live();
    this.#ctx.checkInput(data.length, 'absorbed data');
    if (this.alg.kind === 'aead') {
      if (this.#encrypted) fail('invalid-operation', 'associated data must be absorbed before encryption');
      if (this.#aadLen + data.length > this.#ctx.limits.maxStateBufferBytes) fail('invalid-length', 'associated data exceeds the state buffer limit');
      this.#aad.push(Uint8Array.from(data));
      this.#aadLen += data.length;
      return;
    }
    this.#digest!.update(data);
  }

  squeeze(outLen: number): Uint8Array {
    this.#live();
    const alg = this.alg;
    if (alg.kind !== 'hash') fail('invalid-operation', `${alg.name} cannot squeeze: use squeeze-tag${alg.kind === 'aead' ? ' or encrypt' : ''}`);
    if (outLen > alg.outLen) fail('invalid-length', `${alg.name} produces at most ${alg.outLen} bytes, ${outLen} requested`);
    const out = this.#digest!.digest();
    return outLen === out.length ? out : out.slice(0, outLen);
  }

  squeezeTag(): TagBytes {
    this.#live();
    if (this.alg.kind !== 'hmac') fail('invalid-operation', `${this.alg.name} produces no tag`);
    return this.#digest!.digest();
  }

  squeezeKey(algorithm: string): never {
    this.#live();
    symmetricAlgorithm(algorithm);
    fail('invalid-operation', `${this.alg.name} cannot derive keys`);
  }

  maxTagLen(): number {
    this.#live();
    if (this.alg.kind === 'hmac') return this.alg.outLen;
    if (this.alg.kind === 'aead') return this.alg.tagLen;
    fail('invalid-operation', `${this.alg.name} produces no tag`);
  }

  #aadBytes(): Uint8Array {
    const out = new Uint8Array(this.#aadLen);
    let off = 0;
    for (const c of this.#aad) {
      out.set(c, off);
      off += c.length;
    }
    return out;
  }

  #aeadAlg(): AeadAlgorithm {
    if (this.alg.kind !== 'aead') fail('invalid-operation', `${this.alg.name} does not encrypt`);
    return this.alg;
  }

  encrypt(data: Uint8Array): Uint8Array {
    this.#live();
    const alg = this.#aeadAlg();
    this.#ctx.checkInput(data.length, 'plaintext');
    if (this.#encrypted) fail('invalid-operation', 'this state already encrypted a message; a second encryption would reuse the nonce');
    const out = this.#ctx.backend.aeadSeal(alg.aead, this.#key!, this.#nonce!, this.#aadBytes(), data);
    this.#encrypted = true;
    return out;
  }

  encryptDetached(data: Uint8Array): { ciphertext: Uint8Array; tag: TagBytes } {
    const alg = this.#aeadAlg();
    const both = this.encrypt(data);
    const split = both.length - alg.tagLen;
    return { ciphertext: both.slice(0, split), tag: both.slice(split) };
  }

  decrypt(data: Uint8Array): Uint8Array {
    this.#live();
    this.#ctx.checkInput(data.length, 'ciphertext');
    return this.#decrypt(data);
  }

  #decrypt(data: Uint8Array): Uint8Array {
    const alg = this.#aeadAlg();
    if (data.length < alg.tagLen) fail('invalid-tag', 'ciphertext is shorter than a tag');
    const pt = this.#ctx.backend.aeadOpen(alg.aead, this.#key!, this.#nonce!, this.#aadBytes(), data);
    if (pt === null) fail('invalid-tag', 'ciphertext does not authenticate');
    return pt;
  }

  decryptDetached(data: Uint8Array, rawTag: Uint8Array): Uint8Array {
    const alg = this.#aeadAlg();
    this.#live();
    if (rawTag.length !== alg.tagLen) fail('invalid-tag', `${alg.name} tags are ${alg.tagLen} bytes, got ${rawTag.length}`);
    this.#ctx.checkInput(data.length, 'ciphertext');
    const joined = new Uint8Array(data.length + rawTag.length);
    joined.set(data);
    joined.set(rawTag, data.length);
    return this.#decrypt(joined);
  }

  ratchet(): never {
    this.#live();
    fail('invalid-operation', `${this.alg.name} cannot ratchet`);
  }

  reset(): void {
    this.#live();
    if (this.alg.kind === 'aead') {
      if (this.#encrypted) fail('invalid-operation', 'a reset after encryption would reuse the nonce');
      for (const c of this.#aad) c.fill(0);
      this.#aad = [];
      this.#aadLen = 0;
      return;
    }
    this.#digest!.destroy();
    this.#init();
  }

  /** Releases the state's key reference and wipes buffers (idempotent). */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#digest?.destroy();
    this.#digest = undefined;
    for (const c of this.#aad) c.fill(0);
    this.#aad = [];
    this.#nonce?.fill(0);
    this.#options?.clear();
    this.#key?.release();
  }
}

/** Constant-time tag comparison for `symmetric-tag.verify`. */
export function verifyTag(tag: Uint8Array, expected: Uint8Array): void {
  if (!constantTimeEqual(tag, expected)) fail('invalid-tag', 'tag does not match');
}
