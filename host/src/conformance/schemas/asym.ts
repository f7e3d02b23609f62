/**
 * Helpers shared by the asymmetric schema handlers (signatures, key exchange): key import in the
 * encodings a test group provides, signature verification through the state and the one-shot
 * function, `signatures` options, injected randomness, and Wycheproof field readers.
 * @module
 */
import { describeThrown, OutputMismatch, type Scope } from '../scope.js';
import type { Imports, ProbeEnv } from '../types.js';
import { equalBytes, field, hexField, hexToBytes, isObject, stringField, VectorFormatError, type JsonObject } from '../vector.js';
import { arg, halves } from './common.js';

type AsymCommon = Imports['wasi:crypto/asymmetric-common'];
export type AsymType = 'signatures' | 'key-exchange';
export type PublickeyEncoding = Parameters<AsymCommon['Publickey']['import']>[3];
export type SecretkeyEncoding = Parameters<AsymCommon['Secretkey']['import']>[3];
export type KeypairEncoding = Parameters<AsymCommon['Keypair']['import']>[3];
export type SignatureEncoding = Parameters<Imports['wasi:crypto/signatures']['Signature']['import']>[2];
export type Publickey = ReturnType<AsymCommon['Publickey']['import']>;
export type Secretkey = ReturnType<AsymCommon['Secretkey']['import']>;
export type Keypair = ReturnType<AsymCommon['Keypair']['import']>;
type Options = InstanceType<Imports['wasi:crypto/common']['Options']>;

/** An encoded key as a test group gives it: the bytes, the WIT encoding, and a label for messages. */
export interface EncodedKey {
  readonly bytes: Uint8Array;
  readonly encoding: PublickeyEncoding;
  /** E.g. "SPKI DER 'pkcs8'". */
  readonly label: string;
}

export function importPublicKey(imports: Imports, scope: Scope, type: AsymType, alg: string, key: EncodedKey): Publickey {
  return scope.add(imports['wasi:crypto/asymmetric-common'].Publickey.import(type, alg, arg(key.bytes), key.encoding), `publickey (${key.label})`);
}

export function importSecretKey(imports: Imports, scope: Scope, type: AsymType, alg: string, bytes: Uint8Array, encoding: SecretkeyEncoding, label: string): Secretkey {
  return scope.add(imports['wasi:crypto/asymmetric-common'].Secretkey.import(type, alg, arg(bytes), encoding), `secretkey (${label})`);
}

export function importKeypair(imports: Imports, scope: Scope, type: AsymType, alg: string, bytes: Uint8Array, encoding: KeypairEncoding, label: string): Keypair {
  return scope.add(imports['wasi:crypto/asymmetric-common'].Keypair.import(type, alg, arg(bytes), encoding), `keypair (${label})`);
}

/** A `signatures` options set with the `context` option, or `undefined` when the test has none. */
export function signatureOptions(imports: Imports, scope: Scope, context: Uint8Array | undefined): Options | undefined {
  if (context === undefined) return undefined;
  const opts = scope.add(new imports['wasi:crypto/common'].Options('signatures'), 'options');
  opts.set('context', arg(context));
  return opts;
}

export function importSignature(imports: Imports, scope: Scope, alg: string, sig: Uint8Array, encoding: SignatureEncoding) {
  return scope.add(imports['wasi:crypto/signatures'].Signature.import(alg, arg(sig), encoding), `signature (${encoding})`);
}

/** How a verification probe feeds the message to the state. */
export type Feed = 'two-parts' | 'after-reset';

/**
 * `signature-verification-state`: open (with `context` if given), absorb the message (in two
 * parts, or after absorbing junk and resetting), verify the signature imported as `sigEncoding`.
 */
export function stateVerify(
  imports: Imports,
  scope: Scope,
  pk: Publickey,
  alg: string,
  msg: Uint8Array,
  sig: Uint8Array,
  sigEncoding: SignatureEncoding,
  feed: Feed,
  context?: Uint8Array,
): void {
  const sigs = imports['wasi:crypto/signatures'];
  const st = scope.add(sigs.SignatureVerificationState.open(pk, signatureOptions(imports, scope, context)), 'signature-verification-state');
  if (feed === 'after-reset') {
    st.update(Uint8Array.of(0x6a, 0x75, 0x6e, 0x6b));
    st.reset();
    st.update(arg(msg));
  } else {
    for (const part of halves(msg)) st.update(part);
  }
  st.verify(importSignature(imports, scope, alg, sig, sigEncoding));
}

/** A label for a probe's message feeding. */
export function feedLabel(feed: Feed): string {
  return feed === 'two-parts' ? 'message in two parts' : 'junk absorbed, reset, message';
}

/**
 * Runs `op` while the host's random source returns exactly `bytes` (the vector's fixed
 * randomness). Fails with `OutputMismatch` if the host drew more than `bytes`, or succeeded
 * without drawing them all (its output then cannot be the published one by construction). A
 * host error before drawing everything is the host's answer and is rethrown as is.
 */
export function withInjectedRandom<T>(env: ProbeEnv, bytes: Uint8Array, what: string, op: () => T): T {
  env.random.inject(bytes);
  let result: T;
  try {
    result = op();
  } catch (e) {
    const r = env.random.finish();
    if (r.overdrawn) throw new OutputMismatch(`${what}: ${r.problem ?? 'randomness overdrawn'}; the host then threw ${describeThrown(e)}`);
    throw e;
  }
  const r = env.random.finish();
  if (r.problem !== null) throw new OutputMismatch(`${what}: ${r.problem}`);
  return result;
}

/** Throws `OutputMismatch` unless `got` equals `want`. */
export function expectEqual(what: string, got: Uint8Array, want: Uint8Array): void {
  if (!equalBytes(got, want)) throw new OutputMismatch(`${what} differs from the vector's`);
}

// --- Wycheproof field readers ---------------------------------------------------------------

export function objectField(obj: JsonObject, name: string, where: string): JsonObject {
  const v = field(obj, name, where);
  if (!isObject(v)) throw new VectorFormatError(`${where}: field "${name}" must be an object`);
  return v;
}

/** A string field, or `undefined` when it is absent or not a string (for `resolveGroup`). */
export function peekString(obj: JsonObject, ...path: string[]): string | undefined {
  let v: unknown = obj;
  for (const p of path) {
    if (!isObject(v) || !Object.prototype.hasOwnProperty.call(v, p)) return undefined;
    v = v[p];
  }
  return typeof v === 'string' ? v : undefined;
}

/** A number field, or `undefined` (for `resolveGroup`). */
export function peekNumber(obj: JsonObject, name: string): number | undefined {
  const v = Object.prototype.hasOwnProperty.call(obj, name) ? obj[name] : undefined;
  return typeof v === 'number' ? v : undefined;
}

/** A PEM text field as the bytes a guest would pass (UTF-8). */
export function pemField(obj: JsonObject, name: string, where: string): Uint8Array {
  return new TextEncoder().encode(stringField(obj, name, where));
}

/** An optional hex field: `undefined` when absent (or `null`). */
export function optionalHex(obj: JsonObject, name: string, where: string): Uint8Array | undefined {
  if (!Object.prototype.hasOwnProperty.call(obj, name) || obj[name] === null) return undefined;
  return hexField(obj, name, where);
}

/**
 * A Wycheproof `BigInt` (big-endian two's complement hex, with a leading 00 byte when the top bit
 * is set) as an unsigned fixed-width scalar of `size` bytes: leading zero bytes dropped, then
 * left-padded. A value that does not fit stays longer (the host must reject it).
 */
export function scalarField(obj: JsonObject, name: string, where: string, size: number): Uint8Array {
  const s = stringField(obj, name, where);
  let b: Uint8Array;
  try {
    b = hexToBytes(s.length % 2 === 1 ? `0${s}` : s);
  } catch (e) {
    throw new VectorFormatError(`${where}: field "${name}": ${(e as Error).message}`);
  }
  let i = 0;
  while (i < b.length && b[i] === 0) i++;
  const v = b.subarray(i);
  if (v.length >= size) return Uint8Array.from(v);
  const out = new Uint8Array(size);
  out.set(v, size - v.length);
  return out;
}

/** Own-property lookup in a frozen table. */
export function lookup<T>(table: Readonly<Record<string, T>>, key: string | undefined): T | undefined {
  return key !== undefined && Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}
