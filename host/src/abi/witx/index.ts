/**
 * The witx (core-module) ABI of wasi-crypto 0.10: the `wasi_ephemeral_crypto_*` import modules,
 * served by the same host as our WIT interfaces. Every witx function is a thin translation onto
 * the interface layer's objects (`host.getImportObject()`), so the algorithm registry, validation,
 * limits, permissions and error rules are the WIT layer's own; this file adds only what the witx
 * ABI has and WIT lacks: u32 handles, pointers into guest memory, out-parameters, `array_output`,
 * guest buffers, errno results. See README.md in this folder for the conventions and choices.
 *
 * ```ts
 * const witx = createWitxImports(host);
 * const { instance } = await WebAssembly.instantiate(bytes, { ...witx.imports, ...wasiImports });
 * witx.bindMemory(instance.exports.memory);
 * ```
 * @module
 */
import type { CryptoHost, CryptoImportObject } from '../../host.js';
import { isCryptoError } from '../../core/errors.js';
import { Errno, WitxFault, errnoOf, fault } from './errno.js';
import { HandleTable, type WitxKind } from './handles.js';
import { GuestMemory, type WasmMemory } from './memory.js';

export { Errno, ERRNO_NAMES, errnoOf, errorCodeOf, type ErrnoName } from './errno.js';
export { GuestMemory, type WasmMemory } from './memory.js';
export type { WitxKind } from './handles.js';

/** The six import modules of witx 0.10 plus the two batch modules. */
export const WITX_MODULES = [
  'wasi_ephemeral_crypto_common',
  'wasi_ephemeral_crypto_symmetric',
  'wasi_ephemeral_crypto_asymmetric_common',
  'wasi_ephemeral_crypto_signatures',
  'wasi_ephemeral_crypto_kx',
  'wasi_ephemeral_crypto_external_secrets',
  'wasi_ephemeral_crypto_symmetric_batch',
  'wasi_ephemeral_crypto_signatures_batch',
] as const;

export type WitxModuleName = (typeof WITX_MODULES)[number];
/** A witx function as wasm calls it: i32 values arrive as numbers, i64 as bigint; it returns the errno. */
export type WitxFunction = (...args: (number | bigint)[]) => number;
export type WitxImportObject = Record<WitxModuleName, Record<string, WitxFunction>>;

export interface WitxImportsOptions {
  /** Most live witx handles per instance (default 65536); beyond it `too_many_handles`. */
  maxHandles?: number;
}

export interface WitxImports extends Disposable {
  /** The import object: merge it with the WASI preview 1 imports and instantiate. */
  readonly imports: WitxImportObject;
  /** The guest's exported memory; calls before this fail with `guest_error`. */
  bindMemory(memory: WasmMemory): void;
  /** Live witx handles, in all and per type. */
  stats(): { handles: number; byKind: Partial<Record<WitxKind, number>> };
  /** Every live witx handle and its type (for embedders' diagnostics and leak checks). */
  liveHandles(): { handle: number; kind: WitxKind }[];
}

/** Managed key and external secret ids of this host are 16 bytes (core/secrets.ts). */
export const KEY_ID_BYTES = 16;

/** The three reserved `version` constants of witx. */
export const VERSION_UNSPECIFIED = 0xff00000000000000n;
export const VERSION_LATEST = 0xff00000000000001n;
export const VERSION_ALL = 0xff00000000000002n;

type Gen = CryptoImportObject;
type Options = InstanceType<Gen['wasi:crypto/common']['Options']>;
type SecretsManager = ReturnType<Gen['wasi:crypto/common']['SecretsManager']['open']>;
type SymmetricKey = ReturnType<Gen['wasi:crypto/symmetric']['SymmetricKey']['import']>;
type SymmetricState = ReturnType<Gen['wasi:crypto/symmetric']['SymmetricState']['open']>;
type SymmetricTag = ReturnType<SymmetricState['squeezeTag']>;
type Keypair = ReturnType<Gen['wasi:crypto/asymmetric-common']['Keypair']['import']>;
type Publickey = ReturnType<Gen['wasi:crypto/asymmetric-common']['Publickey']['import']>;
type Secretkey = ReturnType<Gen['wasi:crypto/asymmetric-common']['Secretkey']['import']>;
type Signature = ReturnType<Gen['wasi:crypto/signatures']['Signature']['import']>;
type SignatureState = ReturnType<Gen['wasi:crypto/signatures']['SignatureState']['open']>;
type VerificationState = ReturnType<Gen['wasi:crypto/signatures']['SignatureVerificationState']['open']>;
type Version = Parameters<SecretsManager['invalidate']>[1];
type AlgorithmType = ConstructorParameters<Gen['wasi:crypto/common']['Options']>[0];

/** A witx options handle: the WIT options set plus the guest buffers given to it. */
interface WitxOptions extends Disposable {
  readonly opts: Options;
  readonly type: AlgorithmType;
  readonly buffers: Map<string, [number, number]>;
  memoryLimitSet: boolean;
}

/** An `array_output`: host-owned bytes, pulled by the guest (streaming allowed). */
interface ArrayOutput {
  readonly data: Uint8Array;
  pos: number;
}

const ALGORITHM_TYPES: readonly AlgorithmType[] = ['signatures', 'symmetric', 'key-exchange'];
const KEYPAIR_ENCODINGS = ['raw', 'pkcs8', 'pem', 'local'] as const;
const PUBLICKEY_ENCODINGS = ['raw', 'pkcs8', 'pem', 'sec', 'local'] as const;
const SECRETKEY_ENCODINGS = ['raw', 'pkcs8', 'pem', 'sec', 'local'] as const;
const SIGNATURE_ENCODINGS = ['raw', 'der'] as const;

function dispose(obj: unknown): void {
  (obj as Partial<Disposable>)[Symbol.dispose]?.();
}

function enumValue<T>(table: readonly T[], value: number | bigint, what: string): T {
  const v = Number(value) >>> 0;
  const r = table[v];
  if (r === undefined) fault(Errno.guest_error, `${v} is not a ${what}`);
  return r;
}

/** witx `version` (u64 with three reserved values) → WIT `version`. */
export function versionFromWitx(v: bigint): Version {
  const u = BigInt.asUintN(64, v);
  if (u === VERSION_UNSPECIFIED) return { tag: 'unspecified' };
  if (u === VERSION_LATEST) return { tag: 'latest' };
  if (u === VERSION_ALL) return { tag: 'all' };
  return { tag: 'exact', val: u };
}

/** WIT `version` → witx u64. */
export function versionToWitx(v: Version): bigint {
  switch (v.tag) {
    case 'unspecified':
      return VERSION_UNSPECIFIED;
    case 'latest':
      return VERSION_LATEST;
    case 'all':
      return VERSION_ALL;
    default:
      return v.val;
  }
}

/**
 * Runs one witx call: 0 on success, the errno of a typed failure. Anything else is a host bug
 * and propagates (a trap for the guest), as in the WIT layer.
 */
function call(body: () => void): number {
  try {
    body();
    return Errno.success;
  } catch (e) {
    if (e instanceof WitxFault) return e.errno;
    if (isCryptoError(e)) return errnoOf(e.payload);
    throw e;
  }
}

const u32 = (v: number | bigint): number => Number(v) >>> 0;
const u64 = (v: number | bigint): bigint => BigInt.asUintN(64, BigInt(v));

/**
 * Creates the witx import object for one guest instance over `host` (its handles, its limits,
 * its secrets). Dispose it when the instance is done: every handle the guest left open is closed.
 */
export function createWitxImports(host: CryptoHost, options: WitxImportsOptions = {}): WitxImports {
  const I = host.getImportObject();
  const C = I['wasi:crypto/common'];
  const S = I['wasi:crypto/symmetric'];
  const A = I['wasi:crypto/asymmetric-common'];
  const G = I['wasi:crypto/signatures'];
  const K = I['wasi:crypto/kx'];
  const X = I['wasi:crypto/external-secrets'];
  const maxHandles = options.maxHandles ?? 65536;
  if (!Number.isSafeInteger(maxHandles) || maxHandles < 1) throw new TypeError('maxHandles must be a positive integer');
  const mem = new GuestMemory();
  const table = new HandleTable(maxHandles);

  // ---- guest memory helpers ----
  const str = (p: number | bigint, l: number | bigint): string => mem.readString(u32(p), u32(l));
  const bytes = (p: number | bigint, l: number | bigint): Uint8Array => mem.read(u32(p), u32(l));
  /** Checks an out-parameter of `size` bytes before the operation runs (memory never shrinks). */
  const outSlot = (p: number | bigint, size: number): number => mem.check(u32(p), size)[0];
  /** Checks a guest output buffer `[p, p + max)`. */
  const outBuf = (p: number | bigint, max: number | bigint): [number, number] => mem.check(u32(p), u32(max));
  /** Writes `data` into a checked buffer of `max` bytes; too small → `overflow`, nothing written. */
  const fill = (buf: [number, number], data: Uint8Array): void => {
    if (data.length > buf[1]) fault(Errno.overflow, `${data.length} bytes do not fit a ${buf[1]}-byte buffer`);
    mem.write(buf[0], data);
  };

  // ---- handles ----
  const get = <T>(h: number | bigint, kind: WitxKind): T => table.get<T>(u32(h), kind);
  const close = (h: number | bigint, kind: WitxKind): void => table.close(u32(h), kind);
  /** Creates an object and writes its new handle to `outPtr` (checked before `make` runs). */
  const produce = (outPtr: number | bigint, kind: WitxKind, make: () => unknown): void => {
    const out = outSlot(outPtr, 4);
    table.reserve();
    const obj = make();
    mem.writeU32(out, table.add(kind, obj, () => dispose(obj)));
  };
  const newArrayOutput = (data: Uint8Array): number => {
    const ao: ArrayOutput = { data, pos: 0 };
    return table.add('array_output', ao, () => data.fill(0));
  };
  /** Computes bytes and returns them to the guest as a new `array_output` handle at `outPtr`. */
  const produceArray = (outPtr: number | bigint, make: () => Uint8Array): void => {
    const out = outSlot(outPtr, 4);
    table.reserve();
    mem.writeU32(out, newArrayOutput(make()));
  };

  /** Reads an `opt_options` (8 bytes at `ptr`: u8 tag, 0 = some / 1 = none; u32 handle at +4). */
  const optOptions = (ptr: number | bigint): Options | undefined => {
    const p = mem.check(u32(ptr), 8)[0];
    const tag = mem.readU8(p);
    if (tag === 1) return undefined;
    if (tag !== 0) fault(Errno.guest_error, `opt_options tag ${tag}`);
    const o = get<WitxOptions>(mem.readU32(p + 4), 'options');
    // A guest buffer is checked again at the moment it is used.
    for (const [bp, bl] of o.buffers.values()) mem.check(bp, bl);
    return o.opts;
  };
  const optSymmetricKey = (ptr: number | bigint): SymmetricKey | undefined => {
    const p = mem.check(u32(ptr), 8)[0];
    const tag = mem.readU8(p);
    if (tag === 1) return undefined;
    if (tag !== 0) fault(Errno.guest_error, `opt_symmetric_key tag ${tag}`);
    return get<SymmetricKey>(mem.readU32(p + 4), 'symmetric_key');
  };
  const algType = (v: number | bigint): AlgorithmType => enumValue(ALGORITHM_TYPES, v, 'algorithm_type');

  const f = (body: (...a: (number | bigint)[]) => void): WitxFunction => (...a) => call(() => body(...a));

  // ------------------------------------------------------------------ common (10)
  const common: Record<string, WitxFunction> = {
    options_open: f((type, out) => produce(out, 'options', (): WitxOptions => {
      const t = algType(type);
      const opts = new C.Options(t);
      return { opts, type: t, buffers: new Map(), memoryLimitSet: false, [Symbol.dispose]: () => dispose(opts) };
    })),
    options_close: f((h) => close(h, 'options')),
    options_set: f((h, np, nl, vp, vl) => {
      const o = get<WitxOptions>(h, 'options');
      o.opts.set(str(np, nl), bytes(vp, vl));
    }),
    options_set_u64: f((h, np, nl, v) => {
      const o = get<WitxOptions>(h, 'options');
      const name = str(np, nl);
      o.opts.setU64(name, u64(v));
      if (name === 'memory_limit') o.memoryLimitSet = true;
    }),
    options_set_guest_buffer: f((h, np, nl, bp, bl) => {
      const o = get<WitxOptions>(h, 'options');
      const name = str(np, nl);
      const [p, l] = mem.check(u32(bp), u32(bl));
      if (name !== 'memory' || o.type !== 'symmetric') fault(Errno.unsupported_option, `no ${o.type} algorithm takes a guest buffer named ${JSON.stringify(name)}`);
      // The buffer's size is the memory budget of memory-hard functions (Argon2 memory_limit)
      // unless the guest set memory_limit itself.
      if (!o.memoryLimitSet) o.opts.setU64('memory_limit', BigInt(l));
      o.buffers.set(name, [p, l]);
    }),
    array_output_len: f((h, out) => {
      const o = outSlot(out, 4);
      mem.writeU32(o, get<ArrayOutput>(h, 'array_output').data.length);
    }),
    array_output_pull: f((h, bp, bl, out) => {
      const buf = outBuf(bp, bl);
      const o = outSlot(out, 4);
      const ao = get<ArrayOutput>(h, 'array_output');
      const remaining = ao.data.length - ao.pos;
      if (remaining > 0 && buf[1] === 0) fault(Errno.overflow, 'a zero-length buffer cannot take any of the remaining bytes');
      const n = Math.min(remaining, buf[1]);
      mem.write(buf[0], ao.data.subarray(ao.pos, ao.pos + n));
      ao.pos += n;
      mem.writeU32(o, n);
      if (ao.pos === ao.data.length) close(h, 'array_output'); // consumed: the handle closes itself
    }),
    secrets_manager_open: f((optPtr, out) => {
      const opts = optOptions(optPtr);
      produce(out, 'secrets_manager', () => C.SecretsManager.open(opts));
    }),
    secrets_manager_close: f((h) => close(h, 'secrets_manager')),
    secrets_manager_invalidate: f((h, ip, il, v) => {
      const id = bytes(ip, il);
      get<SecretsManager>(h, 'secrets_manager').invalidate(id, versionFromWitx(u64(v)));
    }),
  };

  // ------------------------------------------------------------------ symmetric (28)
  const writeId = (idBuf: [number, number], id: Uint8Array): void => fill(idBuf, id);
  const symmetric: Record<string, WitxFunction> = {
    symmetric_key_generate: f((ap, al, optPtr, out) => {
      const alg = str(ap, al);
      const opts = optOptions(optPtr);
      produce(out, 'symmetric_key', () => S.SymmetricKey.generate(alg, opts));
    }),
    symmetric_key_import: f((ap, al, rp, rl, out) => {
      const alg = str(ap, al);
      const raw = bytes(rp, rl);
      try {
        produce(out, 'symmetric_key', () => S.SymmetricKey.import(alg, raw));
      } finally {
        raw.fill(0);
      }
    }),
    symmetric_key_export: f((h, out) => produceArray(out, () => get<SymmetricKey>(h, 'symmetric_key').export())),
    symmetric_key_close: f((h) => close(h, 'symmetric_key')),
    symmetric_key_generate_managed: f((sm, ap, al, optPtr, out) => {
      const alg = str(ap, al);
      const opts = optOptions(optPtr);
      const m = get<SecretsManager>(sm, 'secrets_manager');
      produce(out, 'symmetric_key', () => S.SymmetricKey.generateManaged(m, alg, opts));
    }),
    symmetric_key_store_managed: f((sm, h, ip, il) => {
      const idBuf = outBuf(ip, il);
      const m = get<SecretsManager>(sm, 'secrets_manager');
      const key = get<SymmetricKey>(h, 'symmetric_key');
      if (idBuf[1] < KEY_ID_BYTES) fault(Errno.overflow, `key ids are ${KEY_ID_BYTES} bytes`);
      writeId(idBuf, key.storeManaged(m));
    }),
    symmetric_key_replace_managed: f((sm, oldH, newH, out) => {
      const o = outSlot(out, 8);
      const m = get<SecretsManager>(sm, 'secrets_manager');
      const oldKey = get<SymmetricKey>(oldH, 'symmetric_key');
      const newKey = get<SymmetricKey>(newH, 'symmetric_key');
      const v = oldKey.replaceManaged(m, newKey);
      close(oldH, 'symmetric_key'); // "The $symmetric_key_old handle is closed."
      mem.writeU64(o, versionToWitx(v));
    }),
    symmetric_key_id: f((h, ip, il, outSize, outVersion) => {
      const idBuf = outBuf(ip, il);
      const os = outSlot(outSize, 4);
      const ov = outSlot(outVersion, 8);
      const [id, v] = get<SymmetricKey>(h, 'symmetric_key').id();
      fill(idBuf, id);
      mem.writeU32(os, id.length);
      mem.writeU64(ov, versionToWitx(v));
    }),
    symmetric_key_from_id: f((sm, ip, il, v, out) => {
      const id = bytes(ip, il);
      const m = get<SecretsManager>(sm, 'secrets_manager');
      produce(out, 'symmetric_key', () => S.SymmetricKey.fromId(m, id, versionFromWitx(u64(v))));
    }),
    symmetric_state_open: f((ap, al, keyPtr, optPtr, out) => {
      const alg = str(ap, al);
      const key = optSymmetricKey(keyPtr);
      const opts = optOptions(optPtr);
      produce(out, 'symmetric_state', () => S.SymmetricState.open(alg, key, opts));
    }),
    symmetric_state_options_get: f((h, np, nl, vp, vl, outSize) => {
      const name = str(np, nl);
      const buf = outBuf(vp, vl);
      const os = outSlot(outSize, 4);
      const v = get<SymmetricState>(h, 'symmetric_state').optionsGet(name);
      fill(buf, v);
      mem.writeU32(os, v.length);
    }),
    symmetric_state_options_get_u64: f((h, np, nl, out) => {
      const name = str(np, nl);
      const o = outSlot(out, 8);
      mem.writeU64(o, get<SymmetricState>(h, 'symmetric_state').optionsGetU64(name));
    }),
    symmetric_state_clone: f((h, out) => {
      const st = get<SymmetricState>(h, 'symmetric_state');
      produce(out, 'symmetric_state', () => st.clone());
    }),
    symmetric_state_close: f((h) => close(h, 'symmetric_state')),
    symmetric_state_absorb: f((h, dp, dl) => {
      const data = bytes(dp, dl);
      get<SymmetricState>(h, 'symmetric_state').absorb(data);
    }),
    symmetric_state_squeeze: f((h, op, ol) => {
      const buf = outBuf(op, ol);
      fill(buf, get<SymmetricState>(h, 'symmetric_state').squeeze(buf[1]));
    }),
    symmetric_state_squeeze_tag: f((h, out) => {
      const st = get<SymmetricState>(h, 'symmetric_state');
      produce(out, 'symmetric_tag', () => st.squeezeTag());
    }),
    symmetric_state_squeeze_key: f((h, ap, al, out) => {
      const alg = str(ap, al);
      const st = get<SymmetricState>(h, 'symmetric_state');
      produce(out, 'symmetric_key', () => st.squeezeKey(alg));
    }),
    symmetric_state_max_tag_len: f((h, out) => {
      const o = outSlot(out, 4);
      mem.writeU32(o, get<SymmetricState>(h, 'symmetric_state').maxTagLen());
    }),
    symmetric_state_encrypt: f((h, op, ol, dp, dl, outSize) => {
      const buf = outBuf(op, ol);
      const data = bytes(dp, dl); // a copy: `out` may overlap `data` (in-place encryption)
      const os = outSlot(outSize, 4);
      const st = get<SymmetricState>(h, 'symmetric_state');
      // Refuse a buffer that cannot hold data + tag before the state spends its nonce.
      const overhead = tagOverhead(st);
      if (overhead !== undefined && buf[1] < data.length + overhead) fault(Errno.overflow, `the ciphertext needs ${data.length + overhead} bytes; the buffer has ${buf[1]}`);
      const ct = st.encrypt(data);
      fill(buf, ct);
      mem.writeU32(os, ct.length);
    }),
    symmetric_state_encrypt_detached: f((h, op, ol, dp, dl, outTag) => {
      const buf = outBuf(op, ol);
      const data = bytes(dp, dl);
      const ot = outSlot(outTag, 4);
      const st = get<SymmetricState>(h, 'symmetric_state');
      if (buf[1] < data.length) fault(Errno.overflow, `the ciphertext needs ${data.length} bytes; the buffer has ${buf[1]}`);
      table.reserve();
      const [ct, tag] = st.encryptDetached(data);
      if (ct.length > buf[1]) {
        dispose(tag);
        fault(Errno.overflow, `the ciphertext needs ${ct.length} bytes; the buffer has ${buf[1]}`);
      }
      mem.write(buf[0], ct);
      mem.writeU32(ot, table.add('symmetric_tag', tag, () => dispose(tag)));
    }),
    symmetric_state_decrypt: f((h, op, ol, dp, dl, outSize) => {
      const buf = outBuf(op, ol);
      const data = bytes(dp, dl);
      const os = outSlot(outSize, 4);
      const st = get<SymmetricState>(h, 'symmetric_state');
      const overhead = tagOverhead(st);
      if (overhead !== undefined && data.length >= overhead && buf[1] < data.length - overhead) {
        fault(Errno.overflow, `the plaintext needs ${data.length - overhead} bytes; the buffer has ${buf[1]}`);
      }
      const pt = st.decrypt(data);
      try {
        fill(buf, pt);
      } finally {
        pt.fill(0);
      }
      mem.writeU32(os, pt.length);
    }),
    symmetric_state_decrypt_detached: f((h, op, ol, dp, dl, tp, tl, outSize) => {
      const buf = outBuf(op, ol);
      const data = bytes(dp, dl);
      const rawTag = bytes(tp, tl);
      const os = outSlot(outSize, 4);
      const st = get<SymmetricState>(h, 'symmetric_state');
      if (buf[1] < data.length && tagOverhead(st) !== undefined) fault(Errno.overflow, `the plaintext needs ${data.length} bytes; the buffer has ${buf[1]}`);
      const pt = st.decryptDetached(data, rawTag);
      try {
        fill(buf, pt);
      } finally {
        pt.fill(0);
      }
      mem.writeU32(os, pt.length);
    }),
    symmetric_state_ratchet: f((h) => get<SymmetricState>(h, 'symmetric_state').ratchet()),
    symmetric_tag_len: f((h, out) => {
      const o = outSlot(out, 4);
      mem.writeU32(o, get<SymmetricTag>(h, 'symmetric_tag').len());
    }),
    symmetric_tag_pull: f((h, bp, bl, out) => {
      const buf = outBuf(bp, bl);
      const o = outSlot(out, 4);
      const tag = get<SymmetricTag>(h, 'symmetric_tag');
      const raw = tag.toBytes();
      try {
        fill(buf, raw);
      } finally {
        raw.fill(0);
      }
      mem.writeU32(o, raw.length);
      close(h, 'symmetric_tag'); // "The handle automatically becomes invalid after this operation."
    }),
    symmetric_tag_verify: f((h, ep, el) => {
      const expected = bytes(ep, el);
      get<SymmetricTag>(h, 'symmetric_tag').verify(expected);
    }),
    symmetric_tag_close: f((h) => close(h, 'symmetric_tag')),
  };

  /** The tag (+ padding) overhead of an encrypting state, or undefined if it has none to tell. */
  function tagOverhead(st: SymmetricState): number | undefined {
    try {
      return st.maxTagLen();
    } catch (e) {
      if (isCryptoError(e)) return undefined;
      throw e;
    }
  }

  // ------------------------------------------------------------------ asymmetric_common (20)
  const kpEnc = (v: number | bigint) => enumValue(KEYPAIR_ENCODINGS, v, 'keypair_encoding');
  const pkEnc = (v: number | bigint) => enumValue(PUBLICKEY_ENCODINGS, v, 'publickey_encoding');
  const skEnc = (v: number | bigint) => enumValue(SECRETKEY_ENCODINGS, v, 'secretkey_encoding');
  const asymmetric: Record<string, WitxFunction> = {
    keypair_generate: f((t, ap, al, optPtr, out) => {
      const type = algType(t);
      const alg = str(ap, al);
      const opts = optOptions(optPtr);
      produce(out, 'keypair', () => A.Keypair.generate(type, alg, opts));
    }),
    keypair_import: f((t, ap, al, ep, el, enc, out) => {
      const type = algType(t);
      const alg = str(ap, al);
      const encoded = bytes(ep, el);
      const encoding = kpEnc(enc);
      // Not wiped afterwards: the core may keep views of `encoded` (it is a fresh copy).
      produce(out, 'keypair', () => A.Keypair.import(type, alg, encoded, encoding));
    }),
    keypair_generate_managed: f((sm, t, ap, al, optPtr, out) => {
      const type = algType(t);
      const alg = str(ap, al);
      const opts = optOptions(optPtr);
      const m = get<SecretsManager>(sm, 'secrets_manager');
      produce(out, 'keypair', () => A.Keypair.generateManaged(m, type, alg, opts));
    }),
    keypair_store_managed: f((sm, h, ip, il) => {
      const idBuf = outBuf(ip, il);
      const m = get<SecretsManager>(sm, 'secrets_manager');
      const kp = get<Keypair>(h, 'keypair');
      if (idBuf[1] < KEY_ID_BYTES) fault(Errno.overflow, `key ids are ${KEY_ID_BYTES} bytes`);
      writeId(idBuf, kp.storeManaged(m));
    }),
    keypair_replace_managed: f((sm, oldH, newH, out) => {
      const o = outSlot(out, 8);
      const m = get<SecretsManager>(sm, 'secrets_manager');
      const oldKp = get<Keypair>(oldH, 'keypair');
      const newKp = get<Keypair>(newH, 'keypair');
      const v = oldKp.replaceManaged(m, newKp);
      close(oldH, 'keypair');
      mem.writeU64(o, versionToWitx(v));
    }),
    keypair_id: f((h, ip, il, outSize, outVersion) => {
      const idBuf = outBuf(ip, il);
      const os = outSlot(outSize, 4);
      const ov = outSlot(outVersion, 8);
      const [id, v] = get<Keypair>(h, 'keypair').id();
      fill(idBuf, id);
      mem.writeU32(os, id.length);
      mem.writeU64(ov, versionToWitx(v));
    }),
    keypair_from_id: f((sm, ip, il, v, out) => {
      const id = bytes(ip, il);
      const m = get<SecretsManager>(sm, 'secrets_manager');
      produce(out, 'keypair', () => A.Keypair.fromId(m, id, versionFromWitx(u64(v))));
    }),
    keypair_from_pk_and_sk: f((pk, sk, out) => {
      const p = get<Publickey>(pk, 'publickey');
      const s = get<Secretkey>(sk, 'secretkey');
      produce(out, 'keypair', () => A.Keypair.fromPkAndSk(p, s));
    }),
    keypair_export: f((h, enc, out) => {
      const kp = get<Keypair>(h, 'keypair');
      const encoding = kpEnc(enc);
      produceArray(out, () => kp.export(encoding));
    }),
    keypair_publickey: f((h, out) => {
      const kp = get<Keypair>(h, 'keypair');
      produce(out, 'publickey', () => kp.publickey());
    }),
    keypair_secretkey: f((h, out) => {
      const kp = get<Keypair>(h, 'keypair');
      produce(out, 'secretkey', () => kp.secretkey());
    }),
    keypair_close: f((h) => close(h, 'keypair')),
    publickey_import: f((t, ap, al, ep, el, enc, out) => {
      const type = algType(t);
      const alg = str(ap, al);
      const encoded = bytes(ep, el);
      const encoding = pkEnc(enc);
      produce(out, 'publickey', () => A.Publickey.import(type, alg, encoded, encoding));
    }),
    publickey_export: f((h, enc, out) => {
      const pk = get<Publickey>(h, 'publickey');
      const encoding = pkEnc(enc);
      produceArray(out, () => pk.export(encoding));
    }),
    publickey_verify: f((h) => get<Publickey>(h, 'publickey').verify()),
    publickey_from_secretkey: f((h, out) => {
      const sk = get<Secretkey>(h, 'secretkey');
      produce(out, 'publickey', () => A.Publickey.fromSecretkey(sk));
    }),
    publickey_close: f((h) => close(h, 'publickey')),
    secretkey_import: f((t, ap, al, ep, el, enc, out) => {
      const type = algType(t);
      const alg = str(ap, al);
      const encoded = bytes(ep, el);
      const encoding = skEnc(enc);
      // Not wiped afterwards: the core may keep views of `encoded` (it is a fresh copy).
      produce(out, 'secretkey', () => A.Secretkey.import(type, alg, encoded, encoding));
    }),
    secretkey_export: f((h, enc, out) => {
      const sk = get<Secretkey>(h, 'secretkey');
      const encoding = skEnc(enc);
      produceArray(out, () => sk.export(encoding));
    }),
    secretkey_close: f((h) => close(h, 'secretkey')),
  };

  // ------------------------------------------------------------------ signatures (11)
  const sigEnc = (v: number | bigint) => enumValue(SIGNATURE_ENCODINGS, v, 'signature_encoding');
  const signatures: Record<string, WitxFunction> = {
    signature_export: f((h, enc, out) => {
      const sig = get<Signature>(h, 'signature');
      const encoding = sigEnc(enc);
      produceArray(out, () => sig.export(encoding));
    }),
    signature_import: f((ap, al, ep, el, enc, out) => {
      const alg = str(ap, al);
      const encoded = bytes(ep, el);
      const encoding = sigEnc(enc);
      produce(out, 'signature', () => G.Signature.import(alg, encoded, encoding));
    }),
    signature_state_open: f((h, out) => {
      const kp = get<Keypair>(h, 'keypair');
      produce(out, 'signature_state', () => G.SignatureState.open(kp, undefined));
    }),
    signature_state_update: f((h, ip, il) => {
      const input = bytes(ip, il);
      get<SignatureState>(h, 'signature_state').update(input);
    }),
    // The witx result type says array_output; its own example, the reference host, WasmEdge,
    // the Rust/AssemblyScript bindings and 0.11 all treat the result as a signature handle.
    signature_state_sign: f((h, out) => {
      const st = get<SignatureState>(h, 'signature_state');
      produce(out, 'signature', () => st.sign());
    }),
    signature_state_close: f((h) => close(h, 'signature_state')),
    signature_verification_state_open: f((h, out) => {
      const pk = get<Publickey>(h, 'publickey');
      produce(out, 'signature_verification_state', () => G.SignatureVerificationState.open(pk, undefined));
    }),
    signature_verification_state_update: f((h, ip, il) => {
      const input = bytes(ip, il);
      get<VerificationState>(h, 'signature_verification_state').update(input);
    }),
    signature_verification_state_verify: f((h, sh) => {
      const st = get<VerificationState>(h, 'signature_verification_state');
      st.verify(get<Signature>(sh, 'signature'));
    }),
    signature_verification_state_close: f((h) => close(h, 'signature_verification_state')),
    signature_close: f((h) => close(h, 'signature')),
  };

  // ------------------------------------------------------------------ kx (3)
  const kx: Record<string, WitxFunction> = {
    kx_dh: f((pk, sk, out) => {
      const p = get<Publickey>(pk, 'publickey');
      const s = get<Secretkey>(sk, 'secretkey');
      produceArray(out, () => K.dh(p, s));
    }),
    kx_encapsulate: f((pk, outSecret, outCiphertext) => {
      const os = outSlot(outSecret, 4);
      const oc = outSlot(outCiphertext, 4);
      const p = get<Publickey>(pk, 'publickey');
      table.reserve(2);
      const e = K.encapsulate(p);
      mem.writeU32(os, newArrayOutput(e.secret));
      mem.writeU32(oc, newArrayOutput(e.ciphertext));
    }),
    kx_decapsulate: f((sk, cp, cl, out) => {
      const ct = bytes(cp, cl);
      const s = get<Secretkey>(sk, 'secretkey');
      produceArray(out, () => K.decapsulate(s, ct));
    }),
  };

  // ------------------------------------------------------------------ external_secrets (6)
  const external: Record<string, WitxFunction> = {
    external_secret_store: f((sm, sp, sl, exp, ip, il) => {
      const secret = bytes(sp, sl);
      const idBuf = outBuf(ip, il);
      const m = get<SecretsManager>(sm, 'secrets_manager');
      if (idBuf[1] < KEY_ID_BYTES) fault(Errno.overflow, `secret ids are ${KEY_ID_BYTES} bytes`);
      try {
        writeId(idBuf, X.store(m, secret, u64(exp)));
      } finally {
        secret.fill(0);
      }
    }),
    external_secret_replace: f((sm, sp, sl, exp, ip, il, out) => {
      const secret = bytes(sp, sl);
      const id = bytes(ip, il);
      const o = outSlot(out, 8);
      const m = get<SecretsManager>(sm, 'secrets_manager');
      try {
        mem.writeU64(o, versionToWitx(X.replace(m, id, secret, u64(exp))));
      } finally {
        secret.fill(0);
      }
    }),
    external_secret_from_id: f((sm, ip, il, v, out) => {
      const id = bytes(ip, il);
      const m = get<SecretsManager>(sm, 'secrets_manager');
      produceArray(out, () => X.fromId(m, id, versionFromWitx(u64(v))));
    }),
    external_secret_invalidate: f((sm, ip, il, v) => {
      const id = bytes(ip, il);
      X.invalidate(get<SecretsManager>(sm, 'secrets_manager'), id, versionFromWitx(u64(v)));
    }),
    external_secret_encapsulate: f((sm, sp, sl, exp, out) => {
      const secret = bytes(sp, sl);
      const m = get<SecretsManager>(sm, 'secrets_manager');
      try {
        produceArray(out, () => X.encapsulate(m, secret, u64(exp)));
      } finally {
        secret.fill(0);
      }
    }),
    external_secret_decapsulate: f((sm, ep, el, out) => {
      const enc = bytes(ep, el);
      const m = get<SecretsManager>(sm, 'secrets_manager');
      produceArray(out, () => X.decapsulate(m, enc));
    }),
  };

  // ------------------------------------------------------------------ batch modules (8): not implemented
  const notImplemented: WitxFunction = () => Errno.not_implemented;
  const symmetricBatch: Record<string, WitxFunction> = Object.fromEntries(
    [
      'batch_symmetric_state_squeeze',
      'batch_symmetric_state_squeeze_tag',
      'batch_symmetric_state_encrypt',
      'batch_symmetric_state_encrypt_detached',
      'batch_symmetric_state_decrypt',
      'batch_symmetric_state_decrypt_detached',
    ].map((n) => [n, notImplemented]),
  );
  const signaturesBatch: Record<string, WitxFunction> = Object.fromEntries(
    ['batch_signature_state_sign', 'batch_signature_state_verify'].map((n) => [n, notImplemented]),
  );

  const imports: WitxImportObject = {
    wasi_ephemeral_crypto_common: common,
    wasi_ephemeral_crypto_symmetric: symmetric,
    wasi_ephemeral_crypto_asymmetric_common: asymmetric,
    wasi_ephemeral_crypto_signatures: signatures,
    wasi_ephemeral_crypto_kx: kx,
    wasi_ephemeral_crypto_external_secrets: external,
    wasi_ephemeral_crypto_symmetric_batch: symmetricBatch,
    wasi_ephemeral_crypto_signatures_batch: signaturesBatch,
  };
  let disposed = false;
  return {
    imports,
    bindMemory: (memory) => {
      if (typeof memory !== 'object' || memory === null || !(memory.buffer instanceof ArrayBuffer)) throw new TypeError('bindMemory needs a WebAssembly.Memory');
      mem.bind(memory);
    },
    stats: () => ({ handles: table.size, byKind: table.snapshot() }),
    liveHandles: () => table.list(),
    [Symbol.dispose]() {
      if (disposed) return;
      disposed = true;
      table.closeAll();
    },
  };
}
