/**
 * Asymmetric keys (key pairs, public keys, secret keys) and their encodings, for signatures and key
 * exchange. ABI-independent; docs/asymmetric.md is the contract.
 *
 * Keys are held in one canonical form per algorithm (see `Backend` in backends/types.ts): EC points
 * uncompressed, EC scalars fixed-length big-endian, RSA keys as SPKI / PKCS#8 DER, ML-DSA / ML-KEM
 * secret keys in their FIPS encodings, X-Wing secret keys as the 32-byte seed. Encodings convert at
 * the edge (import/export) through core/encoding.ts; nothing else sees an encoded key.
 */
import type { HostContext } from './context.js';
import { constantTimeEqual } from './ct.js';
import {
  decodeEcPrivateKey,
  decodePkcs8,
  decodeSpki,
  encodeEcPrivateKey,
  encodePkcs8,
  encodeSpki,
  fromPem,
  rsaPublicInfo,
  toPem,
  type KeyKind,
} from './encoding.js';
import { fail } from './errors.js';
import { checkAccepted, type AlgorithmType, type OptionValues } from './options.js';
import { ALL_PERMISSIONS, narrow, permissionsOption, requirePermission } from './permissions.js';
import { randomBytes } from './random.js';
import { asymmetricAlgorithm, type AsymmetricAlgorithm } from './registry.js';
import { KeyMaterial } from './secret.js';
import type { ManagedRef, SymmetricKeyCore } from './symmetric.js';

export type KeypairEncoding = 'raw' | 'pkcs8' | 'pem' | 'local';
export type PublickeyEncoding = 'raw' | 'pkcs8' | 'pem' | 'sec' | 'local';
export type SecretkeyEncoding = 'raw' | 'pkcs8' | 'pem' | 'sec' | 'local';

type Alg<K extends AsymmetricAlgorithm['kind']> = Extract<AsymmetricAlgorithm, { kind: K }>;

const MAX_RSA_BITS = 4096;

/** Resolves an algorithm of `type` that this host's backend implements. */
export function resolveAsymmetric(ctx: HostContext, type: AlgorithmType | string, name: string): AsymmetricAlgorithm {
  if (type !== 'signatures' && type !== 'key-exchange') {
    fail('unsupported-algorithm', `${JSON.stringify(name)} is not an asymmetric algorithm (algorithm-type is ${type})`);
  }
  const alg = asymmetricAlgorithm(type, name);
  if (alg.kind === 'rsa' && ctx.backend.rsa === undefined) fail('unsupported-algorithm', `${alg.name}: RSA is available on the node backend only`);
  return alg;
}

function noEncoding(alg: AsymmetricAlgorithm, encoding: string, what: string): never {
  return fail('unsupported-encoding', `${alg.name} has no ${encoding} ${what} encoding`);
}

/** The ASN.1 key kind of an algorithm, or undefined where no standard SPKI/PKCS#8 form exists (X-Wing). */
function keyKind(alg: AsymmetricAlgorithm): KeyKind | undefined {
  switch (alg.kind) {
    case 'ed25519':
      return { family: 'ed25519' };
    case 'x25519':
      return { family: 'x25519' };
    case 'ecdsa':
    case 'ecdh':
      return { family: 'ec', curve: alg.curve };
    case 'rsa':
      return { family: 'rsa' };
    case 'ml-dsa':
      return { family: 'ml-dsa', level: alg.level };
    case 'ml-kem':
      return { family: 'ml-kem', level: alg.level };
    case 'x-wing':
      return undefined;
  }
}

function asn1Kind(alg: AsymmetricAlgorithm, encoding: string, what: string): KeyKind {
  return keyKind(alg) ?? noEncoding(alg, encoding, what);
}

function pemLabels(alg: AsymmetricAlgorithm, what: 'public' | 'secret'): string[] {
  if (what === 'public') return alg.kind === 'rsa' ? ['PUBLIC KEY', 'RSA PUBLIC KEY'] : ['PUBLIC KEY'];
  if (alg.kind === 'rsa') return ['PRIVATE KEY', 'RSA PRIVATE KEY'];
  if (alg.kind === 'ecdsa' || alg.kind === 'ecdh') return ['PRIVATE KEY', 'EC PRIVATE KEY'];
  return ['PRIVATE KEY'];
}

// ---------------------------------------------------------------------------------------------
// Public keys

/** Checks and canonicalizes the decoded bytes of a public key (raw / SEC1 / the inside of an SPKI). */
function canonicalPublic(ctx: HostContext, alg: AsymmetricAlgorithm, bytes: Uint8Array): Uint8Array {
  const b = ctx.backend;
  switch (alg.kind) {
    case 'ed25519':
      if (bytes.length !== 32 || !b.ed25519.validPublic(bytes)) fail('invalid-key', `not a valid ${alg.name} public key`);
      return Uint8Array.from(bytes);
    case 'x25519':
      if (bytes.length !== 32) fail('invalid-key', `${alg.name} public keys are 32 bytes, got ${bytes.length}`);
      return Uint8Array.from(bytes);
    case 'ecdsa':
    case 'ecdh':
      return b.ecdsa.decodePublic(alg.curve, bytes) ?? fail('invalid-key', `not a valid ${alg.curve} point`);
    case 'rsa': {
      const { modulusBits, publicExponent } = rsaPublicInfo(bytes);
      checkRsaBits(alg, modulusBits);
      if (publicExponent < 3n || publicExponent % 2n === 0n) fail('invalid-key', `RSA public exponent ${publicExponent} is not usable`);
      return Uint8Array.from(bytes);
    }
    case 'ml-dsa':
      if (bytes.length !== alg.publicLen) fail('invalid-key', `${alg.name} public keys are ${alg.publicLen} bytes, got ${bytes.length}`);
      return Uint8Array.from(bytes);
    case 'ml-kem':
      if (bytes.length !== alg.publicLen) fail('invalid-key', `${alg.name} public keys are ${alg.publicLen} bytes, got ${bytes.length}`);
      if (!b.mlkem.validPublic(alg.level, bytes)) fail('invalid-key', `${alg.name} public key fails the FIPS 203 modulus check`);
      return Uint8Array.from(bytes);
    case 'x-wing':
      if (bytes.length !== alg.publicLen) fail('invalid-key', `${alg.name} public keys are ${alg.publicLen} bytes, got ${bytes.length}`);
      if (!b.xwing.validPublic('X-WING', bytes)) fail('invalid-key', `${alg.name} public key is not usable`);
      return Uint8Array.from(bytes);
  }
}

function checkRsaBits(alg: Alg<'rsa'>, bits: number): void {
  if (bits < alg.bits || bits > MAX_RSA_BITS) fail('invalid-key', `${alg.name} needs a modulus of ${alg.bits}..${MAX_RSA_BITS} bits, got ${bits}`);
}

export class PublicKeyCore {
  readonly alg: AsymmetricAlgorithm;
  readonly #bytes: Uint8Array;
  /** The key-permissions bitmask (inherited from a key pair or slot; all for an imported key). */
  readonly permissions: number;

  /** Takes ownership of canonical, validated `bytes`. */
  constructor(alg: AsymmetricAlgorithm, bytes: Uint8Array, permissions = ALL_PERMISSIONS) {
    this.alg = alg;
    this.#bytes = bytes;
    this.permissions = permissions;
  }

  static import(ctx: HostContext, type: AlgorithmType, algorithm: string, encoded: Uint8Array, encoding: PublickeyEncoding): PublicKeyCore {
    const alg = resolveAsymmetric(ctx, type, algorithm);
    ctx.checkInput(encoded.length, 'encoded key');
    return new PublicKeyCore(alg, decodePublic(ctx, alg, encoded, encoding));
  }

  static fromSecret(ctx: HostContext, sk: SecretKeyCore): PublicKeyCore {
    return new PublicKeyCore(sk.alg, Uint8Array.from(sk.publicKey(ctx)), sk.permissions);
  }

  export(ctx: HostContext, encoding: PublickeyEncoding): Uint8Array {
    return encodePublic(ctx, this.alg, this.#bytes, encoding);
  }

  /** The canonical bytes, for host-internal use only (never returned to a guest without a copy). */
  get raw(): Uint8Array {
    return this.#bytes;
  }

  /** `publickey.verify`: `invalid-key` if the key cannot be used safely. */
  verify(ctx: HostContext): void {
    const alg = this.alg;
    if (alg.kind === 'x25519') {
      // A clamped scalar is a multiple of the cofactor 8, so it maps every small-order point — and
      // only those — to the all-zero output that dh() reports as null.
      const probe = new KeyMaterial(new Uint8Array(32).fill(0x55));
      try {
        if (ctx.backend.x25519.dh(probe, this.#bytes) === null) fail('invalid-key', 'X25519 public key of small order');
      } finally {
        probe.release();
      }
      return;
    }
    if (alg.kind === 'ed25519' && !ctx.backend.ed25519.primeOrderPublic(this.#bytes)) {
      fail('invalid-key', 'Ed25519 public key is the identity or not in the prime-order subgroup');
    }
    canonicalPublic(ctx, alg, this.#bytes);
  }
}

function decodePublic(ctx: HostContext, alg: AsymmetricAlgorithm, encoded: Uint8Array, encoding: PublickeyEncoding): Uint8Array {
  switch (encoding) {
    case 'raw':
      if (alg.kind === 'rsa') noEncoding(alg, encoding, 'public key');
      return canonicalPublic(ctx, alg, encoded);
    case 'sec':
      if (alg.kind !== 'ecdsa' && alg.kind !== 'ecdh') noEncoding(alg, encoding, 'public key');
      return canonicalPublic(ctx, alg, encoded);
    case 'pkcs8':
      return canonicalPublic(ctx, alg, decodeSpki(asn1Kind(alg, encoding, 'public key'), encoded));
    case 'pem': {
      const kind = asn1Kind(alg, encoding, 'public key');
      const { der } = fromPem(encoded, pemLabels(alg, 'public'));
      return canonicalPublic(ctx, alg, decodeSpki(kind, der));
    }
    default:
      return noEncoding(alg, encoding, 'public key');
  }
}

function encodePublic(ctx: HostContext, alg: AsymmetricAlgorithm, bytes: Uint8Array, encoding: PublickeyEncoding): Uint8Array {
  switch (encoding) {
    case 'raw':
      if (alg.kind === 'rsa') noEncoding(alg, encoding, 'public key');
      // The reference host's raw EC public key is the compressed point.
      if (alg.kind === 'ecdsa' || alg.kind === 'ecdh') return ctx.backend.ecdsa.compressPublic(alg.curve, bytes);
      return Uint8Array.from(bytes);
    case 'sec':
      if (alg.kind !== 'ecdsa' && alg.kind !== 'ecdh') noEncoding(alg, encoding, 'public key');
      return Uint8Array.from(bytes);
    case 'pkcs8':
      return encodeSpki(asn1Kind(alg, encoding, 'public key'), bytes);
    case 'pem':
      return toPem('PUBLIC KEY', encodeSpki(asn1Kind(alg, encoding, 'public key'), bytes));
    default:
      return noEncoding(alg, encoding, 'public key');
  }
}

/** The canonical public key of a canonical secret key. */
export function publicFromSecret(ctx: HostContext, alg: AsymmetricAlgorithm, sk: KeyMaterial): Uint8Array {
  const b = ctx.backend;
  switch (alg.kind) {
    case 'ed25519':
      return b.ed25519.publicFromSecret(sk);
    case 'x25519':
      return b.x25519.publicFromSecret(sk);
    case 'ecdsa':
    case 'ecdh':
      return b.ecdsa.publicFromSecret(alg.curve, sk);
    case 'rsa':
      return rsaOps(ctx, alg).publicFromSecret(sk);
    case 'ml-dsa':
      return b.mldsa.publicFromSecret(alg.level, sk);
    case 'ml-kem':
      return b.mlkem.publicFromSecret(alg.level, sk);
    case 'x-wing':
      return b.xwing.publicFromSecret('X-WING', sk);
  }
}

function rsaOps(ctx: HostContext, alg: AsymmetricAlgorithm) {
  return ctx.backend.rsa ?? fail('unsupported-algorithm', `${alg.name}: RSA is available on the node backend only`);
}

// ---------------------------------------------------------------------------------------------
// Secret keys

/** A decoded secret key: canonical secret bytes (owned) and, if the encoding carried one, a public key to check. */
interface DecodedSecret {
  secret: Uint8Array;
  publicKey?: Uint8Array | undefined;
}

/** Canonical secret bytes from a raw secret (ML-DSA / ML-KEM: a seed or the expanded key, by length). */
function secretFromRaw(ctx: HostContext, alg: AsymmetricAlgorithm, raw: Uint8Array): DecodedSecret {
  const b = ctx.backend;
  switch (alg.kind) {
    case 'ed25519':
    case 'x25519':
      if (raw.length !== 32) fail('invalid-key', `${alg.name} secret keys are 32 bytes, got ${raw.length}`);
      return { secret: Uint8Array.from(raw) };
    case 'ecdsa':
    case 'ecdh':
      if (raw.length !== alg.scalarLen || !b.ecdsa.validSecret(alg.curve, raw)) {
        fail('invalid-key', `${alg.name} secret keys are scalars in [1, n−1] of ${alg.scalarLen} bytes`);
      }
      return { secret: Uint8Array.from(raw) };
    case 'rsa':
      return noEncoding(alg, 'raw', 'secret key');
    case 'ml-dsa':
      if (raw.length === 32) return { secret: b.mldsa.fromSeed(alg.level, raw).secret };
      if (raw.length !== alg.secretLen) fail('invalid-key', `${alg.name} secret keys are a 32-byte seed or ${alg.secretLen} bytes, got ${raw.length}`);
      return { secret: Uint8Array.from(raw) };
    case 'ml-kem':
      if (raw.length === 64) return { secret: b.mlkem.fromSeed(alg.level, raw).secret };
      if (raw.length !== alg.secretLen) fail('invalid-key', `${alg.name} secret keys are a 64-byte seed or ${alg.secretLen} bytes, got ${raw.length}`);
      return { secret: Uint8Array.from(raw) };
    case 'x-wing':
      if (raw.length !== 32) fail('invalid-key', `${alg.name} secret keys are a 32-byte seed, got ${raw.length}`);
      return { secret: Uint8Array.from(raw) };
  }
}

function secretFromAsn1(ctx: HostContext, alg: AsymmetricAlgorithm, der: Uint8Array, label: string): DecodedSecret {
  const kind = asn1Kind(alg, 'pkcs8', 'secret key');
  if (label === 'EC PRIVATE KEY' && kind.family === 'ec') {
    const { secret, publicKey } = decodeEcPrivateKey(kind.curve, der);
    return { ...secretFromRaw(ctx, alg, secret), publicKey };
  }
  const d = decodePkcs8(kind, der);
  if (alg.kind === 'rsa') return { secret: d.secret ?? fail('invalid-key', 'no RSA private key inside') };
  if (d.seed !== undefined) {
    const fromSeed = secretFromRaw(ctx, alg, d.seed);
    if (d.secret !== undefined && !constantTimeEqual(d.secret, fromSeed.secret)) {
      fromSeed.secret.fill(0);
      fail('invalid-key', 'the seed and the expanded key inside do not match');
    }
    return { secret: fromSeed.secret, publicKey: d.publicKey };
  }
  if (d.secret === undefined) fail('invalid-key', 'no private key inside');
  return { ...secretFromRaw(ctx, alg, d.secret), publicKey: d.publicKey };
}

function decodeSecret(ctx: HostContext, alg: AsymmetricAlgorithm, encoded: Uint8Array, encoding: SecretkeyEncoding): DecodedSecret {
  switch (encoding) {
    case 'raw':
      return secretFromRaw(ctx, alg, encoded);
    case 'sec':
      if (alg.kind !== 'ecdsa' && alg.kind !== 'ecdh') noEncoding(alg, encoding, 'secret key');
      return secretFromAsn1(ctx, alg, encoded, 'EC PRIVATE KEY');
    case 'pkcs8':
      return secretFromAsn1(ctx, alg, encoded, 'PRIVATE KEY');
    case 'pem': {
      asn1Kind(alg, encoding, 'secret key');
      const { label, der } = fromPem(encoded, pemLabels(alg, 'secret'));
      return secretFromAsn1(ctx, alg, der, label);
    }
    default:
      return noEncoding(alg, encoding, 'secret key');
  }
}

function encodeSecret(ctx: HostContext, alg: AsymmetricAlgorithm, sk: KeyMaterial, encoding: SecretkeyEncoding, publicKey: () => Uint8Array): Uint8Array {
  switch (encoding) {
    case 'raw':
      if (alg.kind === 'rsa') noEncoding(alg, encoding, 'secret key');
      return sk.copy();
    case 'sec':
      if (alg.kind !== 'ecdsa' && alg.kind !== 'ecdh') noEncoding(alg, encoding, 'secret key');
      return encodeEcPrivateKey(alg.curve, sk.bytes, publicKey());
    case 'pkcs8':
      return encodePkcs8(asn1Kind(alg, encoding, 'secret key'), { secret: sk.bytes, publicKey: alg.kind === 'rsa' ? undefined : publicKey() });
    case 'pem': {
      const der = encodePkcs8(asn1Kind(alg, encoding, 'secret key'), { secret: sk.bytes, publicKey: alg.kind === 'rsa' ? undefined : publicKey() });
      try {
        return toPem('PRIVATE KEY', der);
      } finally {
        der.fill(0);
      }
    }
    default:
      return noEncoding(alg, encoding, 'secret key');
  }
}

/** Validates a decoded secret: derives its public key (which checks the key) and compares an embedded one. */
function adoptSecret(ctx: HostContext, alg: AsymmetricAlgorithm, d: DecodedSecret): { material: KeyMaterial; publicKey: Uint8Array } {
  const material = ctx.newKeyMaterial(d.secret);
  try {
    const pub = publicFromSecret(ctx, alg, material);
    if (alg.kind === 'rsa') checkRsaBits(alg, rsaPublicInfo(pub).modulusBits);
    if (d.publicKey !== undefined) {
      const embedded = canonicalPublic(ctx, alg, d.publicKey);
      if (!constantTimeEqual(embedded, pub)) fail('invalid-key', 'the public key inside does not belong to the secret key');
    }
    return { material, publicKey: pub };
  } catch (e) {
    material.release();
    throw e;
  }
}

export class SecretKeyCore {
  readonly alg: AsymmetricAlgorithm;
  /** Shared with the key pair it came from (one reference held by this object). */
  readonly material: KeyMaterial;
  readonly permissions: number;
  #publicKey: Uint8Array | undefined;
  #released = false;

  constructor(alg: AsymmetricAlgorithm, material: KeyMaterial, publicKey?: Uint8Array, permissions = ALL_PERMISSIONS) {
    this.alg = alg;
    this.material = material;
    this.#publicKey = publicKey;
    this.permissions = permissions;
  }

  static import(ctx: HostContext, type: AlgorithmType, algorithm: string, encoded: Uint8Array, encoding: SecretkeyEncoding): SecretKeyCore {
    const alg = resolveAsymmetric(ctx, type, algorithm);
    ctx.checkInput(encoded.length, 'encoded key');
    const { material, publicKey } = adoptSecret(ctx, alg, decodeSecret(ctx, alg, encoded, encoding));
    return new SecretKeyCore(alg, material, publicKey);
  }

  /** The canonical public key (derived once). */
  publicKey(ctx: HostContext): Uint8Array {
    this.#publicKey ??= publicFromSecret(ctx, this.alg, this.material);
    return this.#publicKey;
  }

  export(ctx: HostContext, encoding: SecretkeyEncoding): Uint8Array {
    requirePermission(this.permissions, 'export', `exporting a ${this.alg.name} secret key`);
    return encodeSecret(ctx, this.alg, this.material, encoding, () => this.publicKey(ctx));
  }

  release(): void {
    if (this.#released) return;
    this.#released = true;
    this.material.release();
  }
}

// ---------------------------------------------------------------------------------------------
// Key pairs

function generateSecret(ctx: HostContext, alg: AsymmetricAlgorithm): { material: KeyMaterial; publicKey: Uint8Array } {
  const b = ctx.backend;
  switch (alg.kind) {
    case 'ed25519':
    case 'x25519':
    case 'x-wing':
      return adoptSecret(ctx, alg, { secret: randomBytes(ctx.rng, 32) });
    case 'ecdsa':
    case 'ecdh': {
      // Rejection sampling: n is within 2^-32 of 2^(8·len) for these curves, so one draw almost always suffices.
      for (let i = 0; i < 64; i++) {
        const k = randomBytes(ctx.rng, alg.scalarLen);
        if (b.ecdsa.validSecret(alg.curve, k)) return adoptSecret(ctx, alg, { secret: k });
        k.fill(0);
      }
      return fail('rng-error', 'the random source keeps producing invalid scalars');
    }
    case 'rsa': {
      const { secret } = rsaOps(ctx, alg).generate(alg.bits);
      return adoptSecret(ctx, alg, { secret });
    }
    case 'ml-dsa': {
      const seed = randomBytes(ctx.rng, 32);
      try {
        return adoptSecret(ctx, alg, { secret: b.mldsa.fromSeed(alg.level, seed).secret });
      } finally {
        seed.fill(0);
      }
    }
    case 'ml-kem': {
      const seed = randomBytes(ctx.rng, 64);
      try {
        return adoptSecret(ctx, alg, { secret: b.mlkem.fromSeed(alg.level, seed).secret });
      } finally {
        seed.fill(0);
      }
    }
  }
}

export class KeypairCore {
  readonly alg: AsymmetricAlgorithm;
  readonly material: KeyMaterial;
  /** Canonical public key. */
  readonly publicKey: Uint8Array;
  readonly permissions: number;
  readonly managed: ManagedRef | undefined;
  #released = false;

  private constructor(alg: AsymmetricAlgorithm, material: KeyMaterial, publicKey: Uint8Array, permissions: number, managed?: ManagedRef) {
    this.alg = alg;
    this.material = material;
    this.publicKey = publicKey;
    this.permissions = permissions;
    this.managed = managed;
  }

  /** Resolves the algorithm and reads the `permissions` generation option. */
  static generationParams(
    ctx: HostContext,
    type: AlgorithmType,
    algorithm: string,
    options: OptionValues | undefined,
    defaultPermissions: number,
  ): { alg: AsymmetricAlgorithm; permissions: number } {
    const alg = resolveAsymmetric(ctx, type, algorithm);
    if (options && options.type !== type) fail('invalid-handle', `options of type ${options.type} given for a ${type} key`);
    checkAccepted(options, ['permissions'], alg.name);
    return { alg, permissions: permissionsOption(options?.u64OrUndefined('permissions'), defaultPermissions) };
  }

  static generate(ctx: HostContext, type: AlgorithmType, algorithm: string, options: OptionValues | undefined, defaultPermissions = ALL_PERMISSIONS): KeypairCore {
    const { alg, permissions } = KeypairCore.generationParams(ctx, type, algorithm, options, defaultPermissions);
    const { material, publicKey } = generateSecret(ctx, alg);
    return new KeypairCore(alg, material, publicKey, permissions);
  }

  /** A key pair from canonical secret bytes (takes ownership of `secret`): slots and managed keys. */
  static fromCanonicalSecret(ctx: HostContext, alg: AsymmetricAlgorithm, secret: Uint8Array, permissions: number, managed?: ManagedRef): KeypairCore {
    const { material, publicKey } = adoptSecret(ctx, alg, { secret });
    return new KeypairCore(alg, material, publicKey, permissions, managed);
  }

  /** The same key pair recorded as managed (takes over this object's reference). */
  asManaged(managed: ManagedRef): KeypairCore {
    return new KeypairCore(this.alg, this.material.retain(), this.publicKey, this.permissions, managed);
  }

  restrict(permissions: number): KeypairCore {
    return new KeypairCore(this.alg, this.material.retain(), this.publicKey, narrow(this.permissions, permissions), this.managed);
  }

  /** The key pair's PKCS#8, wrapped with AES-KWP under `wrapping`. */
  exportWrapped(ctx: HostContext, wrapping: SymmetricKeyCore): Uint8Array {
    requirePermission(this.permissions, 'export', `wrapping a ${this.alg.name} key pair`);
    if (wrapping.alg.kind !== 'keywrap' || !wrapping.alg.padded) fail('invalid-key', 'key pairs are wrapped with an AES-128-KWP or AES-256-KWP key');
    requirePermission(wrapping.permissions, 'wrap', `wrapping with a ${wrapping.alg.name} key`);
    const der = encodeSecret(ctx, this.alg, this.material, 'pkcs8', () => this.publicKey);
    try {
      return ctx.backend.keyWrap(wrapping.material, der, true);
    } finally {
      der.fill(0);
    }
  }

  static importWrapped(
    ctx: HostContext,
    type: AlgorithmType,
    algorithm: string,
    wrapping: SymmetricKeyCore,
    wrapped: Uint8Array,
    permissions = ALL_PERMISSIONS,
  ): KeypairCore {
    const alg = resolveAsymmetric(ctx, type, algorithm);
    if (wrapping.alg.kind !== 'keywrap' || !wrapping.alg.padded) fail('invalid-key', 'key pairs are unwrapped with an AES-128-KWP or AES-256-KWP key');
    requirePermission(wrapping.permissions, 'unwrap', `unwrapping with a ${wrapping.alg.name} key`);
    ctx.checkInput(wrapped.length, 'wrapped key');
    const der = ctx.backend.keyUnwrap(wrapping.material, wrapped, true);
    if (der === null) fail('invalid-tag', `the bytes do not unwrap under this ${wrapping.alg.name} key`);
    try {
      const { material, publicKey } = adoptSecret(ctx, alg, decodeSecret(ctx, alg, der, 'pkcs8'));
      return new KeypairCore(alg, material, publicKey, permissions);
    } finally {
      der.fill(0);
    }
  }

  static import(ctx: HostContext, type: AlgorithmType, algorithm: string, encoded: Uint8Array, encoding: KeypairEncoding): KeypairCore {
    const alg = resolveAsymmetric(ctx, type, algorithm);
    ctx.checkInput(encoded.length, 'encoded key');
    let d: DecodedSecret;
    if (encoding === 'raw' && alg.kind === 'ed25519') {
      // RFC 8032 / reference host: seed || public key.
      if (encoded.length !== 64) fail('invalid-key', `${alg.name} raw key pairs are 64 bytes (seed || public key), got ${encoded.length}`);
      d = { secret: encoded.slice(0, 32), publicKey: encoded.subarray(32) };
    } else if (encoding === 'raw' && alg.kind === 'x25519') {
      // The reference host and WasmEdge: public key || secret key.
      if (encoded.length !== 64) fail('invalid-key', `${alg.name} raw key pairs are 64 bytes (public key || secret key), got ${encoded.length}`);
      d = { secret: encoded.slice(32), publicKey: encoded.subarray(0, 32) };
    } else {
      // Key pairs have no `sec` encoding (the WIT enum has none), so every case maps to a secret-key encoding.
      d = decodeSecret(ctx, alg, encoded, encoding);
    }
    const { material, publicKey } = adoptSecret(ctx, alg, d);
    return new KeypairCore(alg, material, publicKey, ALL_PERMISSIONS);
  }

  static fromParts(ctx: HostContext, pk: PublicKeyCore, sk: SecretKeyCore): KeypairCore {
    if (pk.alg.name !== sk.alg.name) fail('incompatible-keys', `${pk.alg.name} public key with ${sk.alg.name} secret key`);
    if (!constantTimeEqual(sk.publicKey(ctx), pk.raw)) fail('incompatible-keys', 'the public key does not belong to the secret key');
    // Never more than either part had.
    return new KeypairCore(sk.alg, sk.material.retain(), Uint8Array.from(pk.raw), pk.permissions & sk.permissions);
  }

  export(ctx: HostContext, encoding: KeypairEncoding): Uint8Array {
    const alg = this.alg;
    requirePermission(this.permissions, 'export', `exporting a ${alg.name} key pair`);
    if (encoding === 'raw' && (alg.kind === 'ed25519' || alg.kind === 'x25519')) {
      const out = new Uint8Array(64);
      if (alg.kind === 'ed25519') {
        out.set(this.material.bytes);
        out.set(this.publicKey, 32);
      } else {
        out.set(this.publicKey);
        out.set(this.material.bytes, 32);
      }
      return out;
    }
    return encodeSecret(ctx, alg, this.material, encoding, () => this.publicKey);
  }

  publickey(): PublicKeyCore {
    return new PublicKeyCore(this.alg, Uint8Array.from(this.publicKey), this.permissions);
  }

  secretkey(): SecretKeyCore {
    return new SecretKeyCore(this.alg, this.material.retain(), this.publicKey, this.permissions);
  }

  release(): void {
    if (this.#released) return;
    this.#released = true;
    this.material.release();
  }
}
