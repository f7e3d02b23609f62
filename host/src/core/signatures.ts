/**
 * Signatures and signature states (seed 004's signatures module; docs/asymmetric.md).
 * States buffer the message (bounded by `maxStateBufferBytes`) and sign or verify all of it.
 */
import type { KeypairCore, PublicKeyCore } from './asymmetric.js';
import { resolveAsymmetric } from './asymmetric.js';
import type { HostContext } from './context.js';
import { ecdsaSignatureFromDer, ecdsaSignatureToDer, rsaPublicInfo } from './encoding.js';
import { fail } from './errors.js';
import { checkAccepted, type OptionValues } from './options.js';
import { requirePermission } from './permissions.js';
import type { SignatureAlgorithm } from './registry.js';
import type { KeyMaterial } from './secret.js';

export type SignatureEncoding = 'raw' | 'der';

const EMPTY = new Uint8Array(0);
const MAX_CONTEXT = 255;
const MAX_RSA_SIGNATURE = 4096 / 8;

function signatureAlg(ctx: HostContext, alg: { type: string; name: string }): SignatureAlgorithm {
  if (alg.type !== 'signatures') fail('invalid-key', `a ${alg.name} key is not a signature key`);
  return alg as SignatureAlgorithm;
}

export class SignatureCore {
  readonly alg: SignatureAlgorithm;
  readonly #bytes: Uint8Array;

  /** Takes ownership of the raw signature bytes. */
  constructor(alg: SignatureAlgorithm, bytes: Uint8Array) {
    this.alg = alg;
    this.#bytes = bytes;
  }

  static import(ctx: HostContext, algorithm: string, encoded: Uint8Array, encoding: SignatureEncoding): SignatureCore {
    const alg = resolveAsymmetric(ctx, 'signatures', algorithm) as SignatureAlgorithm;
    ctx.checkInput(encoded.length, 'encoded signature');
    if (encoding === 'der') {
      if (alg.kind !== 'ecdsa') fail('unsupported-encoding', `${alg.name} signatures have no der encoding`);
      return new SignatureCore(alg, ecdsaSignatureFromDer(encoded, alg.scalarLen));
    }
    if (encoding !== 'raw') fail('unsupported-encoding', `${alg.name} signatures have no ${String(encoding)} encoding`);
    checkRawLength(alg, encoded.length);
    return new SignatureCore(alg, Uint8Array.from(encoded));
  }

  export(encoding: SignatureEncoding): Uint8Array {
    if (encoding === 'der') {
      if (this.alg.kind !== 'ecdsa') fail('unsupported-encoding', `${this.alg.name} signatures have no der encoding`);
      return ecdsaSignatureToDer(this.#bytes);
    }
    if (encoding !== 'raw') fail('unsupported-encoding', `${this.alg.name} signatures have no ${String(encoding)} encoding`);
    return Uint8Array.from(this.#bytes);
  }

  get raw(): Uint8Array {
    return this.#bytes;
  }
}

function checkRawLength(alg: SignatureAlgorithm, len: number): void {
  if (alg.kind === 'rsa') {
    // The exact length is the key's modulus size, checked at verification.
    if (len < alg.bits / 8 || len > MAX_RSA_SIGNATURE) fail('invalid-signature', `${alg.name} signatures are ${alg.bits / 8}..${MAX_RSA_SIGNATURE} bytes, got ${len}`);
    return;
  }
  if (len !== alg.signatureLen) fail('invalid-signature', `${alg.name} signatures are ${alg.signatureLen} bytes, got ${len}`);
}

/** The options of a signature state: only ML-DSA reads one (`context`). Returns the context string. */
function readContext(alg: SignatureAlgorithm, options: OptionValues | undefined): Uint8Array {
  if (options && options.type !== 'signatures') fail('invalid-handle', `options of type ${options.type} given to a signature state`);
  if (alg.kind !== 'ml-dsa') {
    checkAccepted(options, [], alg.name);
    return EMPTY;
  }
  checkAccepted(options, ['context'], alg.name);
  const c = options?.bytesOrUndefined('context') ?? EMPTY;
  if (c.length > MAX_CONTEXT) fail('invalid-length', `an ML-DSA context string is at most ${MAX_CONTEXT} bytes, got ${c.length}`);
  return c;
}

function sign(ctx: HostContext, alg: SignatureAlgorithm, sk: KeyMaterial, message: Uint8Array, context: Uint8Array): Uint8Array {
  const b = ctx.backend;
  switch (alg.kind) {
    case 'ed25519':
      return b.ed25519.sign(sk, message);
    case 'ecdsa':
      return b.ecdsa.sign(alg.curve, alg.hash, sk, message, ctx.rng);
    case 'rsa': {
      const rsa = b.rsa ?? fail('unsupported-algorithm', 'RSA is available on the node backend only');
      return rsa.sign(alg.scheme, alg.hash, sk, message);
    }
    case 'ml-dsa':
      return b.mldsa.sign(alg.level, sk, message, context, ctx.rng);
  }
}

/** `verification-failed` for a well-formed signature that does not verify; `invalid-signature` for a malformed one. */
function verify(ctx: HostContext, pk: PublicKeyCore, message: Uint8Array, sig: SignatureCore, context: Uint8Array): void {
  const alg = signatureAlg(ctx, pk.alg);
  if (sig.alg.name !== alg.name) fail('invalid-signature', `a ${sig.alg.name} signature cannot verify under a ${alg.name} key`);
  const b = ctx.backend;
  let ok: boolean;
  switch (alg.kind) {
    case 'ed25519':
      ok = b.ed25519.verify(pk.raw, message, sig.raw);
      break;
    case 'ecdsa':
      ok = b.ecdsa.verify(alg.curve, alg.hash, pk.raw, message, sig.raw);
      break;
    case 'rsa': {
      const rsa = b.rsa ?? fail('unsupported-algorithm', 'RSA is available on the node backend only');
      const bytes = Math.ceil(rsaPublicInfo(pk.raw).modulusBits / 8);
      if (sig.raw.length !== bytes) fail('invalid-signature', `signatures under this key are ${bytes} bytes, got ${sig.raw.length}`);
      ok = rsa.verify(alg.scheme, alg.hash, pk.raw, message, sig.raw);
      break;
    }
    case 'ml-dsa':
      ok = b.mldsa.verify(alg.level, pk.raw, message, sig.raw, context);
      break;
  }
  if (!ok) fail('verification-failed', 'the signature does not verify');
}

/** Buffers a message up to the host's state limit. */
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

export class SignatureStateCore {
  readonly #ctx: HostContext;
  readonly #alg: SignatureAlgorithm;
  readonly #key: KeyMaterial;
  readonly #context: Uint8Array;
  readonly #buf: MessageBuffer;
  #disposed = false;

  constructor(ctx: HostContext, kp: KeypairCore, options: OptionValues | undefined) {
    const alg = signatureAlg(ctx, kp.alg);
    requirePermission(kp.permissions, 'sign', `a ${alg.name} signature state`);
    this.#context = Uint8Array.from(readContext(alg, options));
    this.#ctx = ctx;
    this.#alg = alg;
    this.#key = kp.material.retain();
    this.#buf = new MessageBuffer(ctx);
  }

  #live(): void {
    if (this.#disposed) fail('invalid-handle', 'state is closed');
  }

  update(data: Uint8Array): void {
    this.#live();
    this.#buf.append(data);
  }

  /** Signs everything absorbed so far; the state stays usable (cumulative). */
  sign(): SignatureCore {
    this.#live();
    return new SignatureCore(this.#alg, sign(this.#ctx, this.#alg, this.#key, this.#buf.bytes(), this.#context));
  }

  reset(): void {
    this.#live();
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
  readonly #context: Uint8Array;
  readonly #buf: MessageBuffer;
  #disposed = false;

  constructor(ctx: HostContext, pk: PublicKeyCore, options: OptionValues | undefined) {
    const alg = signatureAlg(ctx, pk.alg);
    requirePermission(pk.permissions, 'verify', `a ${alg.name} verification state`);
    this.#context = Uint8Array.from(readContext(alg, options));
    this.#ctx = ctx;
    this.#pk = pk;
    this.#buf = new MessageBuffer(ctx);
  }

  #live(): void {
    if (this.#disposed) fail('invalid-handle', 'state is closed');
  }

  update(data: Uint8Array): void {
    this.#live();
    this.#buf.append(data);
  }

  verify(sig: SignatureCore): void {
    this.#live();
    verify(this.#ctx, this.#pk, this.#buf.bytes(), sig, this.#context);
  }

  reset(): void {
    this.#live();
    this.#buf.clear();
  }

  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#buf.clear();
  }
}

export function oneShotSign(ctx: HostContext, kp: KeypairCore, message: Uint8Array): Uint8Array {
  const alg = signatureAlg(ctx, kp.alg);
  requirePermission(kp.permissions, 'sign', `${alg.name} signing`);
  ctx.checkInput(message.length, 'message');
  return sign(ctx, alg, kp.material, message, EMPTY);
}

export function oneShotVerify(ctx: HostContext, pk: PublicKeyCore, message: Uint8Array, signature: Uint8Array): void {
  const alg = signatureAlg(ctx, pk.alg);
  requirePermission(pk.permissions, 'verify', `${alg.name} verification`);
  ctx.checkInput(message.length, 'message');
  verify(ctx, pk, message, SignatureCore.import(ctx, alg.name, signature, 'raw'), EMPTY);
}
