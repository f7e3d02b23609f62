/**
 * Symmetric keys and states, with the rules of the wasi-crypto specification's symmetric module
 * (docs/symmetric.md is the contract). ABI-independent: bytes in, bytes out, errors as CryptoError.
 *
 * A state is one class with one behaviour object per algorithm kind (hash, XOF, MAC, HKDF, password
 * hash, AEAD, legacy cipher). Every operation a kind does not support answers `invalid-operation`
 * from the shared base class, so the table in docs/symmetric.md is the list of overrides below.
 */
import type { Digest, Xof } from '../backends/types.js';
import type { HostContext } from './context.js';
import { constantTimeEqual } from './ct.js';
import { fail } from './errors.js';
import { checkAccepted, optionKind, type OptionValues } from './options.js';
import { ALL_PERMISSIONS, narrow, permissionsOption, requirePermission } from './permissions.js';
import { randomBytes } from './random.js';
import { symmetricAlgorithm, type SymmetricAlgorithm } from './registry.js';
import type { KeyMaterial } from './secret.js';

type Alg<K extends SymmetricAlgorithm['kind']> = Extract<SymmetricAlgorithm, { kind: K }>;
type AeadAlgorithm = Alg<'aead'>;

const EMPTY = new Uint8Array(0);

// ---------------------------------------------------------------------------------------------
// Keys

/** Checks a key length for `alg` (before anything is copied). */
function checkKeyLength(ctx: HostContext, alg: SymmetricAlgorithm, len: number): void {
  const max = ctx.limits.maxKeyBytes;
  switch (alg.kind) {
    case 'hash':
    case 'pbkdf2':
    case 'scrypt':
      return fail('key-not-supported', `${alg.name} takes no key`);
    case 'xof':
      if (alg.key === 'none') fail('key-not-supported', `${alg.name} takes no key`);
      if (len !== alg.keyLen) fail('invalid-key', `${alg.name} keys are ${alg.keyLen} bytes, got ${len}`);
      return;
    case 'hmac':
    case 'kmac':
    case 'hkdf-extract':
      if (len > max) fail('invalid-key', `${alg.name} keys are at most ${max} bytes (host limit), got ${len}`);
      return;
    case 'hkdf-expand':
      // RFC 5869 §2.3: PRK is "a pseudorandom key of at least HashLen octets".
      if (len < alg.hashLen || len > max) fail('invalid-key', `${alg.name} keys (PRKs) are ${alg.hashLen}..${max} bytes, got ${len}`);
      return;
    case 'argon2id':
      if (len < 1 || len > max) fail('invalid-key', `${alg.name} secrets are 1..${max} bytes, got ${len}`);
      return;
    case 'cmac':
    case 'aead':
    case 'cipher':
    case 'keywrap':
      if (len !== alg.keyLen) fail('invalid-key', `${alg.name} keys are ${alg.keyLen} bytes, got ${len}`);
      return;
  }
}

function keyedAlgorithm(algorithm: string): SymmetricAlgorithm {
  const alg = symmetricAlgorithm(algorithm);
  if (alg.key === 'none') fail('key-not-supported', `${alg.name} takes no key`);
  return alg;
}

function keyLenOf(alg: SymmetricAlgorithm): number {
  return 'keyLen' in alg ? alg.keyLen : 0;
}

/** Where a managed key lives in the secrets manager. */
export interface ManagedRef {
  /** The key id as lower-case hex. */
  readonly id: string;
  readonly version: number;
}

/** A symmetric key: an algorithm, shared reference-counted key bytes, and permissions. */
export class SymmetricKeyCore {
  readonly alg: SymmetricAlgorithm;
  readonly material: KeyMaterial;
  /** The key-permissions bitmask (docs/key-management.md). */
  readonly permissions: number;
  /** Set for a managed key. */
  readonly managed: ManagedRef | undefined;
  #released = false;

  private constructor(alg: SymmetricAlgorithm, material: KeyMaterial, permissions: number, managed?: ManagedRef) {
    this.alg = alg;
    this.material = material;
    this.permissions = permissions;
    this.managed = managed;
  }

  /** Resolves a keyed algorithm and reads the `permissions` generation option. */
  static generationParams(algorithm: string, options: OptionValues | undefined, defaultPermissions: number): { alg: SymmetricAlgorithm; permissions: number } {
    const alg = keyedAlgorithm(algorithm);
    if (options && options.type !== 'symmetric') fail('invalid-handle', `options of type ${options.type} given for a symmetric key`);
    checkAccepted(options, ['permissions'], alg.name);
    return { alg, permissions: permissionsOption(options?.u64OrUndefined('permissions'), defaultPermissions) };
  }

  static generate(ctx: HostContext, algorithm: string, options: OptionValues | undefined, defaultPermissions = ALL_PERMISSIONS): SymmetricKeyCore {
    const { alg, permissions } = SymmetricKeyCore.generationParams(algorithm, options, defaultPermissions);
    return new SymmetricKeyCore(alg, ctx.newKeyMaterial(randomBytes(ctx.rng, keyLenOf(alg))), permissions);
  }

  static import(ctx: HostContext, algorithm: string, raw: Uint8Array, permissions = ALL_PERMISSIONS): SymmetricKeyCore {
    const alg = keyedAlgorithm(algorithm);
    checkKeyLength(ctx, alg, raw.length);
    return new SymmetricKeyCore(alg, ctx.newKeyMaterial(Uint8Array.from(raw)), permissions);
  }

  /** Wraps key bytes made inside the host (takes ownership of `bytes`), after checking their length. */
  static derived(ctx: HostContext, alg: SymmetricAlgorithm, bytes: Uint8Array, permissions: number, managed?: ManagedRef): SymmetricKeyCore {
    try {
      checkKeyLength(ctx, alg, bytes.length);
    } catch (e) {
      bytes.fill(0);
      throw e;
    }
    return new SymmetricKeyCore(alg, ctx.newKeyMaterial(bytes), permissions, managed);
  }

  /** A new key object on the same bytes (one more reference) with narrowed permissions. */
  restrict(permissions: number): SymmetricKeyCore {
    const p = narrow(this.permissions, permissions);
    return new SymmetricKeyCore(this.alg, this.material.retain(), p, this.managed);
  }

  exportRaw(): Uint8Array {
    requirePermission(this.permissions, 'export', `exporting a ${this.alg.name} key`);
    return this.material.copy();
  }

  /** AES-KW/KWP wrapping of this key under `wrapping` (RFC 3394 / 5649). */
  exportWrapped(ctx: HostContext, wrapping: SymmetricKeyCore): Uint8Array {
    requirePermission(this.permissions, 'export', `wrapping a ${this.alg.name} key`);
    const w = wrappingAlg(wrapping, 'wrap');
    const key = this.material.bytes;
    if (!w.padded && (key.length < 16 || key.length % 8 !== 0)) {
      fail('invalid-length', `${w.name} wraps keys of a multiple of 8 bytes, at least 16 (this one is ${key.length}); use ${w.name}P`);
    }
    return ctx.backend.keyWrap(wrapping.material, key, w.padded);
  }

  /** Imports a key for `algorithm` from `wrapped` (made by `exportWrapped` or any RFC 3394/5649 implementation). */
  static importWrapped(ctx: HostContext, algorithm: string, wrapping: SymmetricKeyCore, wrapped: Uint8Array, permissions = ALL_PERMISSIONS): SymmetricKeyCore {
    const alg = keyedAlgorithm(algorithm);
    const w = wrappingAlg(wrapping, 'unwrap');
    ctx.checkInput(wrapped.length, 'wrapped key');
    const raw = ctx.backend.keyUnwrap(wrapping.material, wrapped, w.padded);
    if (raw === null) fail('invalid-tag', `the bytes do not unwrap under this ${w.name} key`);
    return SymmetricKeyCore.derived(ctx, alg, raw, permissions);
  }

  /** One-shot MAC (HMAC, KMAC without customization, CMAC). */
  mac(ctx: HostContext, data: Uint8Array): Uint8Array {
    const alg = this.alg;
    if (alg.kind !== 'hmac' && alg.kind !== 'kmac' && alg.kind !== 'cmac') fail('invalid-operation', `${alg.name} is not a MAC`);
    requirePermission(this.permissions, 'mac', `a ${alg.name} MAC`);
    ctx.checkInput(data.length, 'MAC input');
    if (alg.kind === 'hmac') return ctx.backend.hmacOnce(alg.hash, this.material, data);
    const d = macDigest(ctx, alg, this.material, EMPTY);
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
    requirePermission(this.permissions, 'encrypt', `${alg.name} encryption`);
    checkNonce(alg, nonce);
    ctx.checkInput(plaintext.length, 'plaintext');
    ctx.checkInput(aad.length, 'associated data');
    return ctx.backend.aeadSeal(alg.aead, this.material, nonce, aad, plaintext);
  }

  open(ctx: HostContext, nonce: Uint8Array, aad: Uint8Array, ciphertext: Uint8Array): Uint8Array {
    const alg = this.#aead();
    requirePermission(this.permissions, 'decrypt', `${alg.name} decryption`);
    checkNonce(alg, nonce);
    ctx.checkInput(ciphertext.length, 'ciphertext');
    ctx.checkInput(aad.length, 'associated data');
    return aeadOpen(ctx, alg, this.material, nonce, aad, ciphertext);
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

function wrappingAlg(k: SymmetricKeyCore, use: 'wrap' | 'unwrap'): Alg<'keywrap'> {
  if (k.alg.kind !== 'keywrap') fail('invalid-key', `a ${k.alg.name} key is not a key-wrapping key (AES-128-KW, AES-256-KW, AES-128-KWP, AES-256-KWP)`);
  requirePermission(k.permissions, use, `${use === 'wrap' ? 'wrapping' : 'unwrapping'} with a ${k.alg.name} key`);
  return k.alg;
}

function checkNonce(alg: { name: string; nonceLen: number }, nonce: Uint8Array): void {
  if (nonce.length !== alg.nonceLen) fail('invalid-nonce', `${alg.name} needs a ${alg.nonceLen}-byte nonce, got ${nonce.length}`);
}

function aeadOpen(ctx: HostContext, alg: AeadAlgorithm, key: KeyMaterial, nonce: Uint8Array, aad: Uint8Array, ct: Uint8Array): Uint8Array {
  if (ct.length < alg.tagLen) fail('invalid-tag', 'ciphertext is shorter than a tag');
  const pt = ctx.backend.aeadOpen(alg.aead, key, nonce, aad, ct);
  if (pt === null) fail('invalid-tag', 'ciphertext does not authenticate');
  return pt;
}

function macDigest(ctx: HostContext, alg: Alg<'hmac'> | Alg<'kmac'> | Alg<'cmac'>, key: KeyMaterial, customization: Uint8Array): Digest {
  switch (alg.kind) {
    case 'hmac':
      return ctx.backend.hmac(alg.hash, key);
    case 'kmac':
      return ctx.backend.kmac(alg.kmac, key, customization, alg.outLen);
    case 'cmac':
      return ctx.backend.cmac(alg.cmac, key);
  }
}

/** One-shot hash of a hash function or an XOF, with an optional output length. */
export function oneShotHash(ctx: HostContext, algorithm: string, data: Uint8Array, outLen: number | undefined): Uint8Array {
  const alg = symmetricAlgorithm(algorithm);
  // The algorithm is resolved first: an unknown name is `unsupported-algorithm` whatever the length.
  if (outLen !== undefined && outLen > ctx.limits.maxOutputBytes) {
    fail('invalid-length', `${outLen} bytes requested; the output limit is ${ctx.limits.maxOutputBytes}`);
  }
  if (alg.kind === 'hash') {
    const len = outLen ?? alg.outLen;
    if (len > alg.outLen) fail('invalid-length', `${alg.name} produces at most ${alg.outLen} bytes, ${len} requested`);
    ctx.checkInput(data.length, 'hash input');
    const out = ctx.backend.hashOnce(alg.hash, data);
    return len === out.length ? out : out.slice(0, len);
  }
  if (alg.kind === 'xof') {
    const len = outLen ?? Math.min(alg.defaultLen, ctx.limits.maxOutputBytes);
    ctx.checkInput(data.length, 'hash input');
    const x = ctx.backend.xof(alg.xof, {});
    try {
      x.update(data);
      return x.squeeze(len);
    } finally {
      x.destroy();
    }
  }
  return fail('invalid-operation', `${alg.name} is not a hash function (use a symmetric state)`);
}

// ---------------------------------------------------------------------------------------------
// Parameters read at open

/** The option values in effect for a state: what the guest set, plus defaults and generated nonces. */
class Params {
  readonly bytes = new Map<string, Uint8Array>();
  readonly ints = new Map<string, bigint>();

  copy(): Params {
    const p = new Params();
    for (const [k, v] of this.bytes) p.bytes.set(k, Uint8Array.from(v));
    for (const [k, v] of this.ints) p.ints.set(k, v);
    return p;
  }

  wipe(): void {
    for (const v of this.bytes.values()) v.fill(0);
    this.bytes.clear();
    this.ints.clear();
  }
}

/** Reads the options `alg` accepts into fresh Params (copies: later changes to `options` do not leak in). */
function readParams(alg: SymmetricAlgorithm, options: OptionValues | undefined): Params {
  checkAccepted(options, alg.options, alg.name);
  const p = new Params();
  if (!options) return p;
  for (const name of alg.options) {
    if (optionKind('symmetric', name) === 'bytes') {
      const v = options.bytesOrUndefined(name);
      if (v !== undefined) p.bytes.set(name, v);
    } else {
      const v = options.u64OrUndefined(name);
      if (v !== undefined) p.ints.set(name, v);
    }
  }
  return p;
}

/** An integer parameter with a default, a minimum (else `unsupported-option`) and a host limit (else `prohibited-operation`). */
function intParam(p: Params, name: string, dflt: number, min: number, hostMax: number, alg: string): number {
  const v = p.ints.get(name) ?? BigInt(dflt);
  if (v < BigInt(min)) fail('unsupported-option', `${alg}: ${name} must be at least ${min}, got ${v}`);
  if (v > BigInt(hostMax)) fail('prohibited-operation', `${alg}: ${name} = ${v} exceeds this host's limit of ${hostMax}`);
  p.ints.set(name, v);
  return Number(v);
}

function requireSalt(p: Params, alg: string): Uint8Array {
  const salt = p.bytes.get('salt');
  if (salt === undefined) fail('parameters-missing', `${alg} needs a salt option`);
  return salt;
}

// ---------------------------------------------------------------------------------------------
// State behaviours

/** The part of a state that depends on the algorithm kind. Defaults: `invalid-operation`. */
abstract class Behaviour {
  constructor(
    readonly ctx: HostContext,
    readonly alg: SymmetricAlgorithm,
    /** The state's own reference to the key, if any (released by the state). */
    readonly key: KeyMaterial | undefined,
    readonly params: Params,
  ) {}
  #no(what: string): never {
    return fail('invalid-operation', `${this.alg.name} does not support ${what}`);
  }
  absorb(_data: Uint8Array): void {
    this.#no('absorb');
  }
  squeeze(_n: number): Uint8Array {
    return this.#no('squeeze');
  }
  squeezeTag(): Uint8Array {
    return this.#no('squeeze-tag');
  }
  squeezeKey(_target: SymmetricAlgorithm): Uint8Array {
    return this.#no('squeeze-key');
  }
  maxTagLen(): number {
    return this.#no('max-tag-len (it produces no tag)');
  }
  encrypt(_data: Uint8Array): Uint8Array {
    return this.#no('encryption');
  }
  encryptDetached(_data: Uint8Array): { ciphertext: Uint8Array; tag: Uint8Array } {
    return this.#no('detached encryption');
  }
  decrypt(_data: Uint8Array): Uint8Array {
    return this.#no('decryption');
  }
  decryptDetached(_data: Uint8Array, _tag: Uint8Array): Uint8Array {
    return this.#no('detached decryption');
  }
  /** A copy sharing nothing mutable (except an AEAD nonce's single use). `key` is the clone's own reference. */
  abstract clone(key: KeyMaterial | undefined): Behaviour;
  /** Back to the state right after `open`. */
  abstract reset(): void;
  /** Wipes buffers (the key reference is released by the state). */
  abstract dispose(): void;
}

/** Bounded buffering of absorbed chunks (HKDF salt/info, passwords, AEAD associated data). */
class Chunks {
  #parts: Uint8Array[] = [];
  #len = 0;
  constructor(readonly limit: number, readonly what: string) {}
  push(data: Uint8Array): void {
    if (this.#len + data.length > this.limit) fail('invalid-length', `${this.what} exceeds the state buffer limit of ${this.limit} bytes`);
    this.#parts.push(Uint8Array.from(data));
    this.#len += data.length;
  }
  /** The concatenation (a fresh array; wipe it after use if it is secret). */
  bytes(): Uint8Array {
    const out = new Uint8Array(this.#len);
    let off = 0;
    for (const c of this.#parts) {
      out.set(c, off);
      off += c.length;
    }
    return out;
  }
  copy(): Chunks {
    const c = new Chunks(this.limit, this.what);
    for (const p of this.#parts) c.push(p);
    return c;
  }
  clear(): void {
    for (const c of this.#parts) c.fill(0);
    this.#parts = [];
    this.#len = 0;
  }
}

class HashBehaviour extends Behaviour {
  declare readonly alg: Alg<'hash'>;
  #d: Digest;
  constructor(ctx: HostContext, alg: Alg<'hash'>, params: Params, d?: Digest) {
    super(ctx, alg, undefined, params);
    this.#d = d ?? ctx.backend.hash(alg.hash);
  }
  override absorb(data: Uint8Array): void {
    this.#d.update(data);
  }
  override squeeze(n: number): Uint8Array {
    if (n > this.alg.outLen) fail('invalid-length', `${this.alg.name} produces at most ${this.alg.outLen} bytes, ${n} requested`);
    const out = this.#d.digest();
    return n === out.length ? out : out.slice(0, n);
  }
  clone(): Behaviour {
    return new HashBehaviour(this.ctx, this.alg, this.params.copy(), this.#d.clone());
  }
  reset(): void {
    this.#d.destroy();
    this.#d = this.ctx.backend.hash(this.alg.hash);
  }
  dispose(): void {
    this.#d.destroy();
  }
}

class XofBehaviour extends Behaviour {
  declare readonly alg: Alg<'xof'>;
  #x: Xof;
  /** Bytes squeezed so far (bounded by `maxOutputBytes` per state). */
  #squeezed: number;
  /** Whether the sponge is in its output phase (any squeeze, even of 0 bytes, ends the input phase). */
  #output: boolean;
  constructor(ctx: HostContext, alg: Alg<'xof'>, key: KeyMaterial | undefined, params: Params, from?: { x: Xof; squeezed: number; output: boolean }) {
    super(ctx, alg, key, params);
    this.#x = from?.x ?? this.#fresh();
    this.#squeezed = from?.squeezed ?? 0;
    this.#output = from?.output ?? false;
  }
  #fresh(): Xof {
    return this.ctx.backend.xof(this.alg.xof, { key: this.key, customization: this.params.bytes.get('context') });
  }
  override absorb(data: Uint8Array): void {
    if (this.#output) fail('invalid-operation', `${this.alg.name}: cannot absorb after squeezing (the sponge is in its output phase)`);
    this.#x.update(data);
  }
  override squeeze(n: number): Uint8Array {
    const max = this.ctx.limits.maxOutputBytes;
    if (this.#squeezed + n > max) fail('overflow', `${this.alg.name}: a state's total output is limited to ${max} bytes`);
    this.#output = true;
    this.#squeezed += n;
    return n === 0 ? new Uint8Array(0) : this.#x.squeeze(n);
  }
  clone(key: KeyMaterial | undefined): Behaviour {
    return new XofBehaviour(this.ctx, this.alg, key, this.params.copy(), { x: this.#x.clone(), squeezed: this.#squeezed, output: this.#output });
  }
  reset(): void {
    this.#x.destroy();
    this.#x = this.#fresh();
    this.#squeezed = 0;
    this.#output = false;
  }
  dispose(): void {
    this.#x.destroy();
  }
}

class MacBehaviour extends Behaviour {
  declare readonly alg: Alg<'hmac'> | Alg<'kmac'> | Alg<'cmac'>;
  #d: Digest;
  constructor(ctx: HostContext, alg: Alg<'hmac'> | Alg<'kmac'> | Alg<'cmac'>, key: KeyMaterial, params: Params, d?: Digest) {
    super(ctx, alg, key, params);
    this.#d = d ?? this.#fresh();
  }
  #fresh(): Digest {
    return macDigest(this.ctx, this.alg, this.key!, this.params.bytes.get('context') ?? EMPTY);
  }
  override absorb(data: Uint8Array): void {
    this.#d.update(data);
  }
  override squeezeTag(): Uint8Array {
    return this.#d.digest();
  }
  override maxTagLen(): number {
    return this.alg.outLen;
  }
  clone(key: KeyMaterial | undefined): Behaviour {
    return new MacBehaviour(this.ctx, this.alg, key!, this.params.copy(), this.#d.clone());
  }
  reset(): void {
    this.#d.destroy();
    this.#d = this.#fresh();
  }
  dispose(): void {
    this.#d.destroy();
  }
}

class HkdfBehaviour extends Behaviour {
  declare readonly alg: Alg<'hkdf-extract' | 'hkdf-expand'>;
  /** Extract: the salt; expand: the info. */
  #input: Chunks;
  constructor(ctx: HostContext, alg: Alg<'hkdf-extract' | 'hkdf-expand'>, key: KeyMaterial, params: Params, input?: Chunks) {
    super(ctx, alg, key, params);
    this.#input = input ?? new Chunks(ctx.limits.maxStateBufferBytes, alg.kind === 'hkdf-extract' ? 'HKDF salt' : 'HKDF info');
  }
  override absorb(data: Uint8Array): void {
    this.#input.push(data);
  }
  override squeeze(n: number): Uint8Array {
    if (this.alg.kind === 'hkdf-extract') fail('invalid-operation', `${this.alg.name}: use squeeze-key to obtain the PRK`);
    const max = 255 * this.alg.hashLen;
    if (n > max) fail('overflow', `${this.alg.name} derives at most 255·HashLen = ${max} bytes, ${n} requested`);
    if (n === 0) return new Uint8Array(0);
    const info = this.#input.bytes();
    try {
      return this.ctx.backend.hkdfExpand(this.alg.hash, this.key!.bytes, info, n);
    } finally {
      info.fill(0);
    }
  }
  override squeezeKey(target: SymmetricAlgorithm): Uint8Array {
    if (this.alg.kind !== 'hkdf-extract') return super.squeezeKey(target);
    if (target.kind !== 'hkdf-expand' || target.hash !== this.alg.hash) {
      fail('unsupported-algorithm', `${this.alg.name} derives keys for HKDF-EXPAND/${this.alg.hash} only, not ${target.name}`);
    }
    const salt = this.#input.bytes();
    try {
      return this.ctx.backend.hkdfExtract(this.alg.hash, this.key!.bytes, salt);
    } finally {
      salt.fill(0);
    }
  }
  clone(key: KeyMaterial | undefined): Behaviour {
    return new HkdfBehaviour(this.ctx, this.alg, key!, this.params.copy(), this.#input.copy());
  }
  reset(): void {
    this.#input.clear();
  }
  dispose(): void {
    this.#input.clear();
  }
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** Unpadded standard base64, as the PHC string format uses (encoding only; not cryptographic). */
function b64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    out += B64[a >> 2]! + B64[((a & 3) << 4) | ((b ?? 0) >> 4)]!;
    if (b !== undefined) out += B64[((b & 15) << 2) | ((c ?? 0) >> 6)]!;
    if (c !== undefined) out += B64[c & 63]!;
  }
  return out;
}

/** PBKDF2, scrypt and Argon2id: absorb the password, squeeze a raw hash or squeeze-tag an encoded string. */
class PwhashBehaviour extends Behaviour {
  declare readonly alg: Alg<'pbkdf2'> | Alg<'scrypt'> | Alg<'argon2id'>;
  #password: Chunks;
  constructor(ctx: HostContext, alg: Alg<'pbkdf2'> | Alg<'scrypt'> | Alg<'argon2id'>, key: KeyMaterial | undefined, params: Params, pw?: Chunks) {
    super(ctx, alg, key, params);
    this.#password = pw ?? new Chunks(ctx.limits.maxStateBufferBytes, 'password');
  }

  /** Validates the parameters and fills in defaults (called once at open). */
  static validate(ctx: HostContext, alg: Alg<'pbkdf2'> | Alg<'scrypt'> | Alg<'argon2id'>, p: Params): void {
    const L = ctx.limits;
    const salt = requireSalt(p, alg.name);
    if (alg.kind === 'pbkdf2') {
      intParam(p, 'ops_limit', alg.defaultIterations, 1, L.maxPbkdf2Iterations, alg.name);
    } else if (alg.kind === 'scrypt') {
      const N = intParam(p, 'ops_limit', 1 << 15, 2, 2 ** 40, alg.name);
      if (!Number.isInteger(Math.log2(N))) fail('unsupported-option', `SCRYPT: ops_limit (N) must be a power of two, got ${N}`);
      const r = intParam(p, 'block_size', 8, 1, 1 << 20, alg.name);
      const par = intParam(p, 'parallelism', 1, 1, L.maxPwhashParallelism, alg.name);
      const mem = 128 * r * (N + par);
      if (mem > L.maxPwhashMemoryBytes) fail('prohibited-operation', `SCRYPT needs ${mem} bytes (128·r·(N+p)); this host allows ${L.maxPwhashMemoryBytes}`);
    } else {
      if (salt.length < 8) fail('unsupported-option', `ARGON2-ID-13 salts are at least 8 bytes, got ${salt.length}`);
      const par = intParam(p, 'parallelism', 1, 1, Math.min(L.maxPwhashParallelism, 0xffffff), alg.name);
      intParam(p, 'ops_limit', 2, 1, L.maxArgon2Passes, alg.name);
      // OWASP's minimum (19 MiB) as the default; RFC 9106 §4 suggests more where affordable.
      const mem = intParam(p, 'memory_limit', 19 * 1024 * 1024, 0, L.maxPwhashMemoryBytes, alg.name);
      if (Math.floor(mem / 1024) < 8 * par) fail('unsupported-option', `ARGON2-ID-13: memory_limit must be at least 8·parallelism KiB`);
    }
  }

  override absorb(data: Uint8Array): void {
    this.#password.push(data);
  }

  #compute(n: number): Uint8Array {
    const p = this.params;
    const salt = p.bytes.get('salt')!;
    const int = (name: string) => Number(p.ints.get(name)!);
    const pw = this.#password.bytes();
    try {
      switch (this.alg.kind) {
        case 'pbkdf2':
          return this.ctx.backend.pbkdf2(this.alg.hash, pw, salt, int('ops_limit'), n);
        case 'scrypt':
          return this.ctx.backend.scrypt(pw, salt, {
            N: int('ops_limit'),
            r: int('block_size'),
            p: int('parallelism'),
            dkLen: n,
            maxmem: this.ctx.limits.maxPwhashMemoryBytes + 1024 * 1024,
          });
        case 'argon2id':
          return this.ctx.backend.argon2id(pw, salt, {
            t: int('ops_limit'),
            m: Math.floor(int('memory_limit') / 1024),
            p: int('parallelism'),
            dkLen: n,
            secret: this.key?.bytes,
            associatedData: p.bytes.get('context'),
          });
      }
    } finally {
      pw.fill(0);
    }
  }

  override squeeze(n: number): Uint8Array {
    const min = this.alg.kind === 'argon2id' ? 4 : 1;
    if (n < min) fail('invalid-length', `${this.alg.name} outputs at least ${min} bytes, ${n} requested`);
    return this.#compute(n);
  }

  override squeezeTag(): Uint8Array {
    const hash = this.#compute(32);
    const p = this.params;
    const salt = b64(p.bytes.get('salt')!);
    const i = (name: string) => p.ints.get(name)!.toString();
    let s: string;
    switch (this.alg.kind) {
      case 'argon2id':
        s = `$argon2id$v=19$m=${Math.floor(Number(p.ints.get('memory_limit')!) / 1024)},t=${i('ops_limit')},p=${i('parallelism')}$${salt}$${b64(hash)}`;
        break;
      case 'scrypt':
        s = `$scrypt$ln=${Math.log2(Number(p.ints.get('ops_limit')!))},r=${i('block_size')},p=${i('parallelism')}$${salt}$${b64(hash)}`;
        break;
      case 'pbkdf2':
        s = `$pbkdf2-${this.alg.hash === 'SHA-256' ? 'sha256' : this.alg.hash === 'SHA-384' ? 'sha384' : 'sha512'}$i=${i('ops_limit')},l=32$${salt}$${b64(hash)}`;
        break;
    }
    hash.fill(0);
    return new TextEncoder().encode(s);
  }

  clone(key: KeyMaterial | undefined): Behaviour {
    return new PwhashBehaviour(this.ctx, this.alg, key, this.params.copy(), this.#password.copy());
  }
  reset(): void {
    this.#password.clear();
  }
  dispose(): void {
    this.#password.clear();
  }
}

/** The single use of a nonce, shared by a state and all its clones. */
interface NonceUse {
  used: boolean;
}

class AeadBehaviour extends Behaviour {
  declare readonly alg: AeadAlgorithm;
  #aad: Chunks;
  #use: NonceUse;
  /** Whether the host drew the nonce (XChaCha20, GCM-SIV without a `nonce` option): a reset draws a new one. */
  #drawn = false;
  /** Encrypted since the last open/reset: associated data is closed. */
  #sealed = false;
  constructor(ctx: HostContext, alg: AeadAlgorithm, key: KeyMaterial, params: Params, use: NonceUse, aad?: Chunks) {
    super(ctx, alg, key, params);
    this.#use = use;
    this.#aad = aad ?? new Chunks(ctx.limits.maxStateBufferBytes, 'associated data');
  }
  get #nonce(): Uint8Array {
    return this.params.bytes.get('nonce')!;
  }
  override absorb(data: Uint8Array): void {
    if (this.#sealed) fail('invalid-operation', 'associated data must be absorbed before encryption');
    this.#aad.push(data);
  }
  override maxTagLen(): number {
    return this.alg.tagLen;
  }
  override encrypt(data: Uint8Array): Uint8Array {
    if (this.#use.used) fail('nonce-required', 'this nonce was already used for an encryption: open a new state with a new nonce');
    const aad = this.#aad.bytes();
    const out = this.ctx.backend.aeadSeal(this.alg.aead, this.key!, this.#nonce, aad, data);
    this.#use.used = true;
    this.#sealed = true;
    return out;
  }
  override encryptDetached(data: Uint8Array): { ciphertext: Uint8Array; tag: Uint8Array } {
    const both = this.encrypt(data);
    const split = both.length - this.alg.tagLen;
    const r = { ciphertext: both.slice(0, split), tag: both.slice(split) };
    both.fill(0);
    return r;
  }
  override decrypt(data: Uint8Array): Uint8Array {
    return aeadOpen(this.ctx, this.alg, this.key!, this.#nonce, this.#aad.bytes(), data);
  }
  override decryptDetached(data: Uint8Array, tag: Uint8Array): Uint8Array {
    if (tag.length !== this.alg.tagLen) fail('invalid-tag', `${this.alg.name} tags are ${this.alg.tagLen} bytes, got ${tag.length}`);
    const joined = new Uint8Array(data.length + tag.length);
    joined.set(data);
    joined.set(tag, data.length);
    return this.decrypt(joined);
  }
  clone(key: KeyMaterial | undefined): Behaviour {
    const c = new AeadBehaviour(this.ctx, this.alg, key!, this.params.copy(), this.#use, this.#aad.copy());
    c.#sealed = this.#sealed;
    c.#drawn = this.#drawn;
    return c;
  }
  reset(): void {
    this.#aad.clear();
    this.#sealed = false;
    if (this.#drawn && this.#use.used) {
      // A drawn nonce may be replaced by a fresh random one (seed 000's reset; the spec's "if it is
      // safe"): the state can encrypt again, under a new nonce that `options-get` reports. Clones
      // keep the old, used one.
      this.params.bytes.get('nonce')?.fill(0);
      this.params.bytes.set('nonce', randomBytes(this.ctx.rng, this.alg.nonceLen));
      this.#use = { used: false };
    }
  }
  markDrawn(): void {
    this.#drawn = true;
  }
  dispose(): void {
    this.#aad.clear();
  }
}

/** Key-wrapping keys: a state can be opened, but every operation is `invalid-operation`. */
class InertBehaviour extends Behaviour {
  clone(key: KeyMaterial | undefined): Behaviour {
    return new InertBehaviour(this.ctx, this.alg, key, this.params.copy());
  }
  reset(): void {}
  dispose(): void {}
}

class CipherBehaviour extends Behaviour {
  declare readonly alg: Alg<'cipher'>;
  #use: NonceUse;
  constructor(ctx: HostContext, alg: Alg<'cipher'>, key: KeyMaterial, params: Params, use: NonceUse) {
    super(ctx, alg, key, params);
    this.#use = use;
  }
  get #iv(): Uint8Array {
    return this.params.bytes.get('nonce')!;
  }
  override maxTagLen(): number {
    return this.alg.padded ? 16 : 0;
  }
  override encrypt(data: Uint8Array): Uint8Array {
    if (this.#use.used) fail('nonce-required', 'this IV was already used for an encryption: open a new state with a new IV');
    const out = this.ctx.backend.cipherEncrypt(this.alg.cipher, this.key!, this.#iv, data);
    this.#use.used = true;
    return out;
  }
  override decrypt(data: Uint8Array): Uint8Array {
    if (this.alg.padded && (data.length === 0 || data.length % 16 !== 0)) {
      fail('invalid-length', `${this.alg.name} ciphertexts are a positive multiple of 16 bytes, got ${data.length}`);
    }
    const pt = this.ctx.backend.cipherDecrypt(this.alg.cipher, this.key!, this.#iv, data);
    if (pt === null) fail('algorithm-failure', `${this.alg.name}: invalid padding`);
    return pt;
  }
  clone(key: KeyMaterial | undefined): Behaviour {
    return new CipherBehaviour(this.ctx, this.alg, key!, this.params.copy(), this.#use);
  }
  reset(): void {}
  dispose(): void {}
}

function makeBehaviour(ctx: HostContext, alg: SymmetricAlgorithm, key: KeyMaterial | undefined, params: Params): Behaviour {
  switch (alg.kind) {
    case 'hash':
      return new HashBehaviour(ctx, alg, params);
    case 'xof':
      return new XofBehaviour(ctx, alg, key, params);
    case 'hmac':
    case 'kmac':
    case 'cmac':
      return new MacBehaviour(ctx, alg, key!, params);
    case 'hkdf-extract':
    case 'hkdf-expand':
      return new HkdfBehaviour(ctx, alg, key!, params);
    case 'pbkdf2':
    case 'scrypt':
    case 'argon2id':
      PwhashBehaviour.validate(ctx, alg, params);
      return new PwhashBehaviour(ctx, alg, key, params);
    case 'aead':
    case 'cipher': {
      let nonce = params.bytes.get('nonce');
      let drawn = false;
      if (nonce === undefined) {
        if (alg.kind !== 'aead' || !alg.autoNonce) fail('nonce-required', `${alg.name} needs a nonce option (a random one is not safe for it)`);
        nonce = randomBytes(ctx.rng, alg.nonceLen);
        params.bytes.set('nonce', nonce);
        drawn = true;
      }
      checkNonce(alg, nonce);
      const use: NonceUse = { used: false };
      if (alg.kind === 'cipher') return new CipherBehaviour(ctx, alg, key!, params, use);
      const b = new AeadBehaviour(ctx, alg, key!, params, use);
      if (drawn) b.markDrawn();
      return b;
    }
    case 'keywrap':
      return new InertBehaviour(ctx, alg, key, params);
  }
}

// ---------------------------------------------------------------------------------------------

/** A symmetric state: input checks and lifecycle around the algorithm's behaviour. */
export class SymmetricStateCore {
  readonly alg: SymmetricAlgorithm;
  readonly #ctx: HostContext;
  readonly #b: Behaviour;
  /** The key's permissions (all when the state has no key). */
  readonly #permissions: number;
  #disposed = false;

  private constructor(ctx: HostContext, b: Behaviour, permissions: number) {
    this.#ctx = ctx;
    this.alg = b.alg;
    this.#b = b;
    this.#permissions = permissions;
  }

  /**
   * Opens a state. `key` is borrowed: the state takes its own reference, so the guest may drop the
   * key handle right away. `options` is borrowed and read once.
   */
  static open(ctx: HostContext, algorithm: string, key: SymmetricKeyCore | undefined, options: OptionValues | undefined): SymmetricStateCore {
    const alg = symmetricAlgorithm(algorithm);
    if (options && options.type !== 'symmetric') fail('invalid-handle', `options of type ${options.type} given to a symmetric state`);
    if (key) {
      if (alg.key === 'none') fail('key-not-supported', `${alg.name} takes no key`);
      if (key.alg.name !== alg.name) fail('invalid-key', `key was made for ${key.alg.name}, not ${alg.name}`);
    } else if (alg.key === 'required') {
      fail('key-required', `${alg.name} needs a key`);
    }
    if (key) {
      switch (alg.kind) {
        case 'hmac':
        case 'kmac':
        case 'cmac':
          requirePermission(key.permissions, 'mac', `a ${alg.name} state`);
          break;
        case 'xof':
        case 'hkdf-extract':
        case 'hkdf-expand':
        case 'argon2id':
          requirePermission(key.permissions, 'derive', `a ${alg.name} state with a key`);
          break;
        default:
          break; // ciphers: encrypt / decrypt are checked per call
      }
    }
    const params = readParams(alg, options);
    const material = key?.material.retain();
    try {
      return new SymmetricStateCore(ctx, makeBehaviour(ctx, alg, material, params), key?.permissions ?? ALL_PERMISSIONS);
    } catch (e) {
      material?.release();
      params.wipe();
      throw e;
    }
  }

  #live(): Behaviour {
    if (this.#disposed) fail('invalid-handle', 'state is closed');
    return this.#b;
  }

  optionsGet(name: string): Uint8Array {
    const b = this.#live();
    this.#readable(name, 'bytes');
    const v = b.params.bytes.get(name);
    if (v === undefined) fail('option-not-set', `${this.alg.name}: option ${JSON.stringify(name)} is not set`);
    return Uint8Array.from(v);
  }

  optionsGetU64(name: string): bigint {
    const b = this.#live();
    this.#readable(name, 'u64');
    const v = b.params.ints.get(name);
    if (v === undefined) fail('option-not-set', `${this.alg.name}: option ${JSON.stringify(name)} is not set`);
    return v;
  }

  #readable(name: string, kind: 'bytes' | 'u64'): void {
    if (!this.alg.options.includes(name)) fail('unsupported-option', `${this.alg.name} has no option ${JSON.stringify(name)}`);
    if (optionKind('symmetric', name) !== kind) {
      fail('unsupported-option', `${this.alg.name}: option ${JSON.stringify(name)} is ${kind === 'bytes' ? 'an integer' : 'a byte string'}`);
    }
  }

  clone(): SymmetricStateCore {
    const b = this.#live();
    const material = b.key?.retain();
    try {
      return new SymmetricStateCore(this.#ctx, b.clone(material), this.#permissions);
    } catch (e) {
      material?.release();
      throw e;
    }
  }

  absorb(data: Uint8Array): void {
    const b = this.#live();
    this.#ctx.checkInput(data.length, 'absorbed data');
    b.absorb(data);
  }

  squeeze(outLen: number): Uint8Array {
    return this.#live().squeeze(outLen);
  }

  squeezeTag(): Uint8Array {
    return this.#live().squeezeTag();
  }

  /** Derives a key for `algorithm` (HKDF-EXTRACT → its HKDF-EXPAND). */
  squeezeKey(algorithm: string): SymmetricKeyCore {
    const b = this.#live();
    const target = symmetricAlgorithm(algorithm);
    requirePermission(this.#permissions, 'derive', 'squeeze-key');
    const bytes = b.squeezeKey(target);
    // A derived key inherits the source key's permissions (never more).
    return SymmetricKeyCore.derived(this.#ctx, target, bytes, this.#permissions);
  }

  maxTagLen(): number {
    return this.#live().maxTagLen();
  }

  #cipherPermission(p: 'encrypt' | 'decrypt'): void {
    if (this.alg.kind === 'aead' || this.alg.kind === 'cipher') requirePermission(this.#permissions, p, `${this.alg.name} ${p === 'encrypt' ? 'encryption' : 'decryption'}`);
  }

  encrypt(data: Uint8Array): Uint8Array {
    const b = this.#live();
    this.#ctx.checkInput(data.length, 'plaintext');
    this.#cipherPermission('encrypt');
    return b.encrypt(data);
  }

  encryptDetached(data: Uint8Array): { ciphertext: Uint8Array; tag: Uint8Array } {
    const b = this.#live();
    this.#ctx.checkInput(data.length, 'plaintext');
    this.#cipherPermission('encrypt');
    return b.encryptDetached(data);
  }

  decrypt(data: Uint8Array): Uint8Array {
    const b = this.#live();
    this.#ctx.checkInput(data.length, 'ciphertext');
    this.#cipherPermission('decrypt');
    return b.decrypt(data);
  }

  decryptDetached(data: Uint8Array, rawTag: Uint8Array): Uint8Array {
    const b = this.#live();
    this.#cipherPermission('decrypt');
    this.#ctx.checkInput(data.length, 'ciphertext');
    this.#ctx.checkInput(rawTag.length, 'tag');
    return b.decryptDetached(data, rawTag);
  }

  ratchet(): never {
    this.#live();
    fail('invalid-operation', `${this.alg.name} cannot ratchet (no session modes are implemented)`);
  }

  reset(): void {
    this.#live().reset();
  }

  /** Releases the state's key reference and wipes buffers (idempotent). */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#b.dispose();
    this.#b.params.wipe();
    this.#b.key?.release();
  }
}

/** Constant-time tag comparison for `symmetric-tag.verify`. */
export function verifyTag(tag: Uint8Array, expected: Uint8Array): void {
  if (!constantTimeEqual(tag, expected)) fail('invalid-tag', 'tag does not match');
}
