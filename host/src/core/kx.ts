/**
 * Key exchange (seed 004's kx module; docs/asymmetric.md): Diffie-Hellman and KEMs.
 */
import type { PublicKeyCore, SecretKeyCore } from './asymmetric.js';
import type { HostContext } from './context.js';
import { fail } from './errors.js';
import { requirePermission } from './permissions.js';

function sameAlgorithm(pk: PublicKeyCore, sk: SecretKeyCore): void {
  if (pk.alg.name !== sk.alg.name) fail('incompatible-keys', `${pk.alg.name} public key with ${sk.alg.name} secret key`);
}

/** The shared secret of `sk` and `pk` (X25519: 32 bytes; ECDH: the raw x-coordinate). */
export function dh(ctx: HostContext, pk: PublicKeyCore, sk: SecretKeyCore): Uint8Array {
  sameAlgorithm(pk, sk);
  const alg = pk.alg;
  if (alg.kind === 'x25519' || alg.kind === 'ecdh') requirePermission(sk.permissions, 'agree', `${alg.name} key agreement`);
  let out: Uint8Array | null;
  if (alg.kind === 'x25519') out = ctx.backend.x25519.dh(sk.material, pk.raw);
  else if (alg.kind === 'ecdh') out = ctx.backend.ecdsa.ecdh(alg.curve, sk.material, pk.raw);
  else return fail('invalid-operation', `${alg.name} is not a Diffie-Hellman algorithm`);
  return out ?? fail('invalid-key', `${alg.name}: the public key gives no usable shared secret (a point of small order or off the curve)`);
}

export function encapsulate(ctx: HostContext, pk: PublicKeyCore): { secret: Uint8Array; ciphertext: Uint8Array } {
  const alg = pk.alg;
  if (alg.kind === 'ml-kem' || alg.kind === 'x-wing') requirePermission(pk.permissions, 'encrypt', `${alg.name} encapsulation`);
  if (alg.kind === 'ml-kem') return ctx.backend.mlkem.encapsulate(alg.level, pk.raw, ctx.rng);
  if (alg.kind === 'x-wing') return ctx.backend.xwing.encapsulate('X-WING', pk.raw, ctx.rng);
  return fail('invalid-operation', `${alg.name} is not a KEM`);
}

export function decapsulate(ctx: HostContext, sk: SecretKeyCore, ciphertext: Uint8Array): Uint8Array {
  const alg = sk.alg;
  if (alg.kind !== 'ml-kem' && alg.kind !== 'x-wing') return fail('invalid-operation', `${alg.name} is not a KEM`);
  requirePermission(sk.permissions, 'agree', `${alg.name} decapsulation`);
  if (ciphertext.length !== alg.ciphertextLen) fail('invalid-length', `${alg.name} ciphertexts are ${alg.ciphertextLen} bytes, got ${ciphertext.length}`);
  return alg.kind === 'ml-kem'
    ? ctx.backend.mlkem.decapsulate(alg.level, sk.material, ciphertext)
    : ctx.backend.xwing.decapsulate('X-WING', sk.material, ciphertext);
}
