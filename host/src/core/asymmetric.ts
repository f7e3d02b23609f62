/**
 * Asymmetric keys (key pairs, public keys, secret keys), signatures and signature states.
 * ABI-independent. Ed25519 is the algorithm implemented so far.
 */
import type { HostContext } from './context.js';
import { constantTimeEqual } from './ct.js';
import { fail } from './errors.js';
import { checkAccepted, type AlgorithmType, type OptionValues } from './options.js';
import { keyExchangeAlgorithm, signatureAlgorithm, type SignatureAlgorithm } from './registry.js';
import type { KeyMaterial } from './secret.js';

export type KeypairEncoding = 'raw' | 'pkcs8' | 'pem' | 'local';
export type PublickeyEncoding = 'raw' | 'pkcs8' | 'pem' | 'sec' | 'local';
export type SecretkeyEncoding = 'raw' | 'pkcs8' | 'pem' | 'sec' | 'local';
export type SignatureEncoding = 'raw' | 'der';

/** Resolves an asymmetric algorithm of the given family. */
export function asymmetricAlgorithm(type: AlgorithmType, name: string): SignatureAlgorithm {
  if (type === 'signatures') return signatureAlgorithm(name);
  if (type === 'key-exchange') return keyExchangeAlgorithm(name);
  return fail('unsupported-algorithm', `${JSON.stringify(name)} is not an asymmetric algorithm (algorithm-type is symmetric)`);
}

/** Encodings that later work will add: a typed `not-implemented` today rather than a trap. */
function unsupportedEncoding(alg: SignatureAlgorithm, encoding: string, what: string): never {
  if (encoding === 'pkcs8' || encoding === 'pem') fail('not-implemented', `${encoding} ${what} encoding of ${alg.name} is not implemented yet`);
  fail('unsupported-encoding', `${alg.name} has no ${encoding} ${what} encoding`);
}

export class PublicKeyCore {
  readonly alg: SignatureAlgorithm;
  readonly #bytes: Uint8Array;
  constructor(alg: SignatureAlgorithm, bytes: Uint8Array) {
    this.alg = alg;
    this.#bytes = bytes;
  }

  static import(ctx: HostContext, type: AlgorithmType, algorithm: string, encoded: Uint8Array, encoding: PublickeyEncoding): PublicKeyCore {
    const alg = asymmetricAlgorithm(type, algorithm);
    if (encoding !== 'raw') unsupportedEncoding(alg, encoding, 'public key');
    if (encoded.length !== alg.publicLen) fail('invalid-key', `${alg.name} public keys are ${alg.publicLen} bytes, got ${encoded.length}`);
    if (!ctx.backend.ed25519.validPublic(encoded)) fail('invalid-key', `not a valid ${alg.name} public key encoding`);
    return new PublicKeyCore(alg, Uint8Array.from(encoded));
  }

  static fromSecret(ctx: HostContext, sk: SecretKeyCore): PublicKeyCore {
    return new PublicKeyCore(sk.alg, ctx.backend.ed25519.publicFromSecret(sk.material));
  }

  export(encoding: PublickeyEncoding): Uint8Array {
    if (encoding !== 'raw') unsupportedEncoding(this.alg, encoding, 'public key');
    return Uint8Array.from(this.#bytes);
  }

  /** The raw bytes, for host-internal use only (never returned to a guest without a copy). */
  get raw(): Uint8Array {
    return this.#bytes;
  }

  verify(ctx: HostContext): void {
    if (!ctx.backend.ed25519.validPublic(this.#bytes)) fail('invalid-key', `not a valid ${this.alg.name} public key`);
  }
}

export class SecretKeyCore {
  readonly alg: SignatureAlgorithm;
  /** Shared with the key pair it came from (one reference held by this object). */
  readonly material: KeyMaterial;
  #released = false;
  constructor(alg: SignatureAlgorithm, material: KeyMaterial) {
    this.alg = alg;
    this.material = material;
  }

  static import(ctx: HostContext, type: AlgorithmType, algorithm: string, encoded: Uint8Array, encoding: SecretkeyEncoding): SecretKeyCore {
    const alg = asymmetricAlgorithm(type, algorithm);
    if (encoding !== 'raw') unsupportedEncoding(alg, encoding, 'secret key');
    if (encoded.length !== alg.secretLen) fail('invalid-key', `${alg.name} secret keys are ${alg.secretLen} bytes, got ${encoded.length}`);
    return new SecretKeyCore(alg, ctx.newKeyMaterial(Uint8Array.from(encoded)));
  }

  export(encoding: SecretkeyEncoding): Uint8Array {
    if (encoding !== 'raw') unsupportedEncoding(this.alg, encoding, 'secret key');
    return this.material.copy();
  }

  release(): void {
    if (this.#released) return;
    this.#released = true;
    this.material.release();
  }
}

export class KeypairCore {
  readonly alg: SignatureAlgorithm;
  readonly material: KeyMaterial;
  readonly publicKey: Uint8Array;
  #released = false;

  private constructor(alg: SignatureAlgorithm, material: KeyMaterial, publicKey: Uint8Array) {
    this.alg = alg;
    this.material = material;
    this.publicKey = publicKey;
  }

  static generate(ctx: HostContext, type: AlgorithmType, algorithm: string, options: OptionValues | undefined): KeypairCore {
    const alg = asymmetricAlgorithm(type, algorithm);
    if (options && options.type !== type) fail('invalid-handle', `options of type ${options.type} given for a ${type} key`);
    checkAccepted(options, [], alg.name);
    const { secret, public: pub } = ctx.backend.ed25519.generate(ctx.rng);
    return new KeypairCore(alg, ctx.newKeyMaterial(secret), pub);
  }

  /** Ed25519 `raw` key pairs are seed || public key (64 bytes, RFC 8032), as the reference host. */
  static import(ctx: HostContext, type: AlgorithmType, algorithm: string, encoded: Uint8Array, encoding: KeypairEncoding): KeypairCore {
    const alg = asymmetricAlgorithm(type, algorithm);
    if (encoding !== 'raw') unsupportedEncoding(alg, encoding, 'key pair');
    if (encoded.length !== alg.secretLen + alg.publicLen) {
      fail('invalid-key', `${alg.name} raw key pairs are ${alg.secretLen + alg.publicLen} bytes (seed || public key), got ${encoded.length}`);
    }
    const material = ctx.newKeyMaterial(encoded.slice(0, alg.secretLen));
    const derived = ctx.backend.ed25519.publicFromSecret(material);
    if (!constantTimeEqual(derived, encoded.subarray(alg.secretLen))) {
      material.release();
      fail('invalid-key', 'the public half does not belong to the secret half');
    }
    return new KeypairCore(alg, material, derived);
  }

  static fromParts(ctx: HostContext, pk: PublicKeyCore, sk: SecretKeyCore): KeypairCore {
    if (pk.alg.name !== sk.alg.name) fail('incompatible-keys', `${pk.alg.name} public key with ${sk.alg.name} secret key`);
    const derived = ctx.backend.ed25519.publicFromSecret(sk.material);
    if (!constantTimeEqual(derived, pk.raw)) fail('invalid-key', 'the public key does not belong to the secret key');
    return new KeypairCore(sk.alg, sk.material.retain(), derived);
  }

  export(encoding: KeypairEncoding): Uint8Array {
    if (encoding !== 'raw') unsupportedEncoding(this.alg, encoding, 'key pair');
    const out = new Uint8Array(this.alg.secretLen + this.alg.publicLen);
    out.set(this.material.bytes);
    out.set(this.publicKey, this.alg.secretLen);
    return out;
  }

  publickey(): PublicKeyCore {
    return new PublicKeyCore(this.alg, Uint8Array.from(this.publicKey));
  }

  secretkey(): SecretKeyCore {
    return new SecretKeyCore(this.alg, this.material.retain());
  }

  release(): void {
    if (this.#released) return;
    this.#released = true;
    this.material.release();
  }
}

export class SignatureCore {
  readonly alg: SignatureAlgorithm;
  readonly #bytes: Uint8Array;
  constructor(alg: SignatureAlgorithm, bytes: Uint8Array) {
    this.alg = alg;
    this.#bytes = bytes;
  }

  static import(algorithm: string, encoded: Uint8Array, encoding: SignatureEncoding): SignatureCore {
    const alg = signatureAlgorithm(algorithm);
    if (encoding !== 'raw') fail('unsupported-encoding', `${alg.name} signatures have no ${encoding} encoding`);
    if (encoded.length !== alg.signatureLen) fail('invalid-signature', `${alg.name} signatures are ${alg.signatureLen} bytes, got ${encoded.length}`);
    return new SignatureCore(alg, Uint8Array.from(encoded));
  }

  export(encoding: SignatureEncoding): Uint8Array {
    if (encoding !== 'raw') fail('unsupported-encoding', `${this.alg.name} signatures have no ${encoding} encoding`);
    return Uint8Array.from(this.#bytes);
  }

  get raw(): Uint8Array {
    return this.#bytes;
  }
}

/** Buffers a message up to the host's state limit (Ed25519 signs the whole message at once). */
class MessageBuffer {
  #chunks: Uint8Array[] = [];
  #len = 0;
  readonly #ctx: HostContext;
  constructor(ctx: HostContext) {
    this.#ctx = ctx;
  }
  append(data: Uint8Array): void {
    this.#ctx.checkInput(data.length, 'signed data');
    if (this.#len + data.length > this.#ctx.limits.maxStateBufferBytes) {
      fail('invalid-length', `a signature state buffers at most ${this.#ctx.limits.maxStateBufferBytes} bytes`);
    }
    this.#chunks.push(Uint8Array.from(data));
    this.#len += data.length;
  }
  bytes(): Uint8Array {
    if (this.#chunks.length === 1) return this.#chunks[0]!;
    const out = new Uint8Array(this.#len);
    let off = 0;
    for (const c of this.#chunks) {
      out.set(c, off);
      off += c.length;
    }
    this.#chunks = [out];
    return out;
  }
  clear(): void {
    for (const c of this.#chunks) c.fill(0);
    this.#chunks = [];
    this.#len = 0;
  }
}

function checkSignatureOptions(alg: SignatureAlgorithm, options: OptionValues | undefined): void {
  if (options && options.type !== 'signatures') fail('invalid-handle', `options of type ${options.type} given to a signature state`);
  checkAccepted(options, [], alg.name);
}

export class SignatureStateCore {
  readonly #ctx: HostContext;
  readonly #alg: SignatureAlgorithm;
  readonly #key: KeyMaterial;
  readonly #buf: MessageBuffer;
  #disposed = false;

  constructor(ctx: HostContext, kp: KeypairCore, options: OptionValues | undefined) {
    checkSignatureOptions(kp.alg, options);
    this.#ctx = ctx;
    this.#alg = kp.alg;
    this.#key = kp.material.retain();
    this.#buf = new MessageBuffer(ctx);
  }

  update(data: Uint8Array): void {
    if (this.#disposed) fail('invalid-handle', 'state is closed');
    this.#buf.append(data);
  }

  sign(): SignatureCore {
    if (this.#disposed) fail('invalid-handle', 'state is closed');
    return new SignatureCore(this.#alg, this.#ctx.backend.ed25519.sign(this.#key, this.#buf.bytes()));
  }

  reset(): void {
    this.#buf.clear();
  }

  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#buf.clear();
    this.#key.release();
  }
}

export class VerificationStateCore {
  readonly #ctx: HostContext;
  readonly #pk: PublicKeyCore;
  readonly #buf: MessageBuffer;
  #disposed = false;

  constructor(ctx: HostContext, pk: PublicKeyCore, options: OptionValues | undefined) {
    checkSignatureOptions(pk.alg, options);
    this.#ctx = ctx;
    this.#pk = pk;
    this.#buf = new MessageBuffer(ctx);
  }

  update(data: Uint8Array): void {
    if (this.#disposed) fail('invalid-handle', 'state is closed');
    this.#buf.append(data);
  }

  verify(sig: SignatureCore): void {
    if (this.#disposed) fail('invalid-handle', 'state is closed');
    verifySignature(this.#ctx, this.#pk, this.#buf.bytes(), sig);
  }

  reset(): void {
    this.#buf.clear();
  }

  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#buf.clear();
  }
}

/** `verification-failed` for a well-formed signature that does not verify; `invalid-signature` for another algorithm's. */
export function verifySignature(ctx: HostContext, pk: PublicKeyCore, message: Uint8Array, sig: SignatureCore): void {
  if (sig.alg.name !== pk.alg.name) fail('invalid-signature', `a ${sig.alg.name} signature cannot verify under a ${pk.alg.name} key`);
  if (!ctx.backend.ed25519.verify(pk.raw, message, sig.raw)) fail('verification-failed');
}

export function oneShotSign(ctx: HostContext, kp: KeypairCore, message: Uint8Array): Uint8Array {
  ctx.checkInput(message.length, 'message');
  return ctx.backend.ed25519.sign(kp.material, message);
}

export function oneShotVerify(ctx: HostContext, pk: PublicKeyCore, message: Uint8Array, signature: Uint8Array): void {
  ctx.checkInput(message.length, 'message');
  verifySignature(ctx, pk, message, SignatureCore.import(pk.alg.name, signature, 'raw'));
}
