/**
 * Runners of the case table (cases.ts) for the ABIs of this host:
 * - `witRunner`: our WIT (`wasi:crypto@0.12.0-draft`) through the host's import object, as jco
 *   calls it (resources, `list<u8>`, thrown `CryptoError`s);
 * - `witxRunner`: the witx core-module ABI through `createWitxImports`, driven from TypeScript
 *   the way a guest would: a `WebAssembly.Memory` we create, pointers into it, out-parameters,
 *   errno results.
 */
import type { CryptoHost } from '../../host/src/host.js';
import { isCryptoError } from '../../host/src/core/errors.js';
import { createWitxImports, errorCodeOf, type WasmMemory, type WitxFunction, type WitxImports, type WitxImportsOptions } from '../../host/src/abi/witx/index.js';
import type { AbiRunner, Operation, Outcome } from './cases.js';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const bin = (h: string): Uint8Array => new Uint8Array(Buffer.from(h, 'hex'));

// ------------------------------------------------------------------ WIT

export function witRunner(host: CryptoHost): AbiRunner {
  const I = host.getImportObject();
  const C = I['wasi:crypto/common'];
  const S = I['wasi:crypto/symmetric'];
  const A = I['wasi:crypto/asymmetric-common'];
  const G = I['wasi:crypto/signatures'];
  const K = I['wasi:crypto/kx'];

  function exec(o: Operation, own: <T>(x: T) => T): Uint8Array | null {
    const nonceOptions = (nonce: string | undefined) => {
      if (nonce === undefined) return undefined;
      const opts = own(new C.Options('symmetric'));
      opts.set('nonce', bin(nonce));
      return opts;
    };
    switch (o.op) {
      case 'hash': {
        const st = own(S.SymmetricState.open(o.alg, undefined, undefined));
        st.absorb(bin(o.data));
        return st.squeeze(o.outLen);
      }
      case 'mac':
      case 'mac-verify': {
        const key = own(S.SymmetricKey.import(o.alg, bin(o.key)));
        const st = own(S.SymmetricState.open(o.alg, key, undefined));
        st.absorb(bin(o.data));
        const tag = own(st.squeezeTag());
        if (o.op === 'mac') return tag.toBytes();
        tag.verify(bin(o.tag));
        return null;
      }
      case 'aead-seal':
      case 'aead-open': {
        const key = own(S.SymmetricKey.import(o.alg, bin(o.key)));
        const st = own(S.SymmetricState.open(o.alg, key, nonceOptions(o.nonce)));
        if (o.ad !== '') st.absorb(bin(o.ad));
        return o.op === 'aead-seal' ? st.encrypt(bin(o.pt)) : st.decrypt(bin(o.ct));
      }
      case 'hkdf': {
        const ikm = own(S.SymmetricKey.import(o.extractAlg, bin(o.ikm)));
        const ex = own(S.SymmetricState.open(o.extractAlg, ikm, undefined));
        ex.absorb(bin(o.salt));
        const prk = own(ex.squeezeKey(o.expandAlg));
        const st = own(S.SymmetricState.open(o.expandAlg, prk, undefined));
        st.absorb(bin(o.info));
        return st.squeeze(o.outLen);
      }
      case 'state-open': {
        const key = o.keyAlg !== undefined ? own(S.SymmetricKey.import(o.keyAlg, bin(o.key ?? ''))) : undefined;
        own(S.SymmetricState.open(o.alg, key, nonceOptions(o.nonce)));
        return null;
      }
      case 'symmetric-key-import':
        own(S.SymmetricKey.import(o.alg, bin(o.raw)));
        return null;
      case 'options-set':
        own(new C.Options(o.type)).set(o.name, bin(o.value));
        return null;
      case 'state-call': {
        const st = own(S.SymmetricState.open(o.alg, undefined, undefined));
        if (o.call === 'encrypt') st.encrypt(new Uint8Array(1));
        else if (o.call === 'squeeze-tag') own(st.squeezeTag());
        else if (o.call === 'ratchet') st.ratchet();
        else st.maxTagLen();
        return null;
      }
      case 'verify': {
        const pk = own(A.Publickey.import(o.type, o.alg, bin(o.pk), o.pkEncoding));
        const sig = own(G.Signature.import(o.alg, bin(o.sig), o.sigEncoding));
        const st = own(G.SignatureVerificationState.open(pk, undefined));
        st.update(bin(o.msg));
        st.verify(sig);
        return null;
      }
      case 'sign': {
        const sk = own(A.Secretkey.import('signatures', o.alg, bin(o.sk), 'raw'));
        const pk = own(A.Publickey.fromSecretkey(sk));
        const kp = own(A.Keypair.fromPkAndSk(pk, sk));
        const st = own(G.SignatureState.open(kp, undefined));
        st.update(bin(o.msg));
        return own(st.sign()).export('raw');
      }
      case 'keypair-import-sign': {
        const kp = own(A.Keypair.import('signatures', o.alg, bin(o.kp), o.encoding));
        const st = own(G.SignatureState.open(kp, undefined));
        st.update(bin(o.msg));
        return own(st.sign()).export('raw');
      }
      case 'sign-roundtrip': {
        const kp = own(A.Keypair.generate('signatures', o.alg, undefined));
        const st = own(G.SignatureState.open(kp, undefined));
        st.update(bin(o.msg));
        const sig = own(st.sign());
        const vst = own(G.SignatureVerificationState.open(own(kp.publickey()), undefined));
        vst.update(bin(o.msg));
        vst.verify(sig);
        return null;
      }
      case 'publickey-import':
        own(A.Publickey.import(o.type, o.alg, bin(o.pk), o.encoding));
        return null;
      case 'signature-import':
        own(G.Signature.import(o.alg, bin(o.sig), o.encoding));
        return null;
      case 'dh': {
        const sk = own(A.Secretkey.import('key-exchange', o.alg, bin(o.sk), 'raw'));
        const pk = own(A.Publickey.import('key-exchange', o.alg, bin(o.pk), 'raw'));
        return K.dh(pk, sk);
      }
      case 'publickey-from-secretkey': {
        const sk = own(A.Secretkey.import(o.type, o.alg, bin(o.sk), 'raw'));
        return own(A.Publickey.fromSecretkey(sk)).export('raw');
      }
    }
  }

  return {
    name: 'wit (wasi:crypto@0.12.0-draft)',
    run(o: Operation): Outcome {
      const owned: unknown[] = [];
      const own = <T>(x: T): T => {
        owned.push(x);
        return x;
      };
      try {
        const out = exec(o, own);
        return { ok: out === null ? null : hex(out) };
      } catch (e) {
        if (isCryptoError(e)) return { error: e.payload };
        throw e;
      } finally {
        for (const x of owned.reverse()) (x as Partial<Disposable>)[Symbol.dispose]?.();
      }
    },
    [Symbol.dispose]() {},
  };
}

// ------------------------------------------------------------------ witx

interface WebAssemblyMemoryCtor {
  Memory: new (d: { initial: number; maximum?: number }) => WasmMemory;
}
/** A fresh `WebAssembly.Memory` (the project compiles without the DOM lib). */
export function newMemory(pages: number, maximum?: number): WasmMemory {
  const W = (globalThis as unknown as { WebAssembly: WebAssemblyMemoryCtor }).WebAssembly;
  return new W.Memory(maximum === undefined ? { initial: pages } : { initial: pages, maximum });
}

const ALG_TYPE = { signatures: 0, symmetric: 1, 'key-exchange': 2 } as const;
const PK_ENC = { raw: 0, pkcs8: 1, pem: 2, sec: 3, local: 4 } as const;
const SIG_ENC = { raw: 0, der: 1 } as const;

/** Thrown inside an operation when a witx call returns an errno. */
class Errno extends Error {
  constructor(readonly errno: number, readonly fn: string) {
    super(`${fn}: errno ${errno}`);
  }
}

/** Drives witx functions the way a guest does: a bump allocator in a memory of our own. */
export class WitxDriver {
  readonly memory: WasmMemory;
  readonly witx: WitxImports;
  #top = 8;
  readonly #fns = new Map<string, WitxFunction>();

  constructor(host: CryptoHost, memory: WasmMemory = newMemory(4), options: WitxImportsOptions = {}) {
    this.memory = memory;
    this.witx = createWitxImports(host, options);
    this.witx.bindMemory(memory);
    for (const mod of Object.values(this.witx.imports)) for (const [n, f] of Object.entries(mod)) this.#fns.set(n, f);
  }

  fn(name: string): WitxFunction {
    const f = this.#fns.get(name);
    if (f === undefined) throw new Error(`no witx function ${name}`);
    return f;
  }

  /** Resets the allocator (between operations). */
  reset(): void {
    this.#top = 8;
  }

  alloc(size: number, align = 8): number {
    this.#top = Math.ceil(this.#top / align) * align;
    const p = this.#top;
    this.#top += Math.max(size, 1);
    if (this.#top > this.memory.buffer.byteLength) throw new Error('driver memory exhausted');
    return p;
  }

  put(bytes: Uint8Array): [number, number] {
    const p = this.alloc(bytes.length, 1);
    new Uint8Array(this.memory.buffer, p, bytes.length).set(bytes);
    return [p, bytes.length];
  }

  str(s: string): [number, number] {
    return this.put(new TextEncoder().encode(s));
  }

  u32(p: number): number {
    return new DataView(this.memory.buffer).getUint32(p, true);
  }

  bytes(p: number, n: number): Uint8Array {
    return new Uint8Array(this.memory.buffer, p, n).slice();
  }

  /** An `opt_options` / `opt_symmetric_key` struct: some(handle) or none. */
  opt(handle: number | undefined): number {
    const p = this.alloc(8, 4);
    const dv = new DataView(this.memory.buffer);
    dv.setUint8(p, handle === undefined ? 1 : 0);
    dv.setUint32(p + 4, handle ?? 0, true);
    return p;
  }

  /** Calls `name`; a non-zero errno is thrown as {@link Errno}. */
  call(name: string, ...args: (number | bigint)[]): void {
    const r = this.fn(name)(...args);
    if (r !== 0) throw new Errno(r, name);
  }

  /** Calls `name` with a trailing u32 out-parameter and returns it. */
  out(name: string, ...args: (number | bigint)[]): number {
    const o = this.alloc(4, 4);
    this.call(name, ...args, o);
    return this.u32(o);
  }

  /** Reads an array_output whole (which closes it). */
  pull(ao: number): Uint8Array {
    const len = this.out('array_output_len', ao);
    const buf = this.alloc(len, 1);
    const n = this.out('array_output_pull', ao, buf, len);
    return this.bytes(buf, n);
  }
}

export function witxRunner(host: CryptoHost, memory?: WasmMemory, options?: WitxImportsOptions): AbiRunner & { driver: WitxDriver } {
  const d = new WitxDriver(host, memory, options);

  function exec(o: Operation, own: (h: number, close: string) => number): Uint8Array | null {
    const symKey = (alg: string, raw: string) => own(d.out('symmetric_key_import', ...d.str(alg), ...d.put(bin(raw))), 'symmetric_key_close');
    const nonceOptions = (nonce: string | undefined): number => {
      if (nonce === undefined) return d.opt(undefined);
      const opts = own(d.out('options_open', ALG_TYPE.symmetric), 'options_close');
      d.call('options_set', opts, ...d.str('nonce'), ...d.put(bin(nonce)));
      return d.opt(opts);
    };
    const open = (alg: string, key: number | undefined, opts: number) => own(d.out('symmetric_state_open', ...d.str(alg), d.opt(key), opts), 'symmetric_state_close');
    switch (o.op) {
      case 'hash': {
        const st = open(o.alg, undefined, d.opt(undefined));
        d.call('symmetric_state_absorb', st, ...d.put(bin(o.data)));
        const out = d.alloc(o.outLen, 1);
        d.call('symmetric_state_squeeze', st, out, o.outLen);
        return d.bytes(out, o.outLen);
      }
      case 'mac':
      case 'mac-verify': {
        const key = symKey(o.alg, o.key);
        const st = open(o.alg, key, d.opt(undefined));
        d.call('symmetric_state_absorb', st, ...d.put(bin(o.data)));
        const tag = d.out('symmetric_state_squeeze_tag', st);
        if (o.op === 'mac-verify') {
          own(tag, 'symmetric_tag_close');
          d.call('symmetric_tag_verify', tag, ...d.put(bin(o.tag)));
          return null;
        }
        // symmetric_tag_pull consumes the handle: not closed afterwards.
        const len = d.out('symmetric_tag_len', tag);
        const buf = d.alloc(len, 1);
        const n = d.out('symmetric_tag_pull', tag, buf, len);
        return d.bytes(buf, n);
      }
      case 'aead-seal':
      case 'aead-open': {
        const key = symKey(o.alg, o.key);
        const st = open(o.alg, key, nonceOptions(o.nonce));
        if (o.ad !== '') d.call('symmetric_state_absorb', st, ...d.put(bin(o.ad)));
        const input = bin(o.op === 'aead-seal' ? o.pt : o.ct);
        const tagLen = d.out('symmetric_state_max_tag_len', st);
        const outLen = o.op === 'aead-seal' ? input.length + tagLen : Math.max(0, input.length - tagLen);
        const out = d.alloc(outLen, 1);
        const n = d.out(o.op === 'aead-seal' ? 'symmetric_state_encrypt' : 'symmetric_state_decrypt', st, out, outLen, ...d.put(input));
        return d.bytes(out, n);
      }
      case 'hkdf': {
        const ikm = symKey(o.extractAlg, o.ikm);
        const ex = open(o.extractAlg, ikm, d.opt(undefined));
        d.call('symmetric_state_absorb', ex, ...d.put(bin(o.salt)));
        const prk = own(d.out('symmetric_state_squeeze_key', ex, ...d.str(o.expandAlg)), 'symmetric_key_close');
        const st = open(o.expandAlg, prk, d.opt(undefined));
        d.call('symmetric_state_absorb', st, ...d.put(bin(o.info)));
        const out = d.alloc(o.outLen, 1);
        d.call('symmetric_state_squeeze', st, out, o.outLen);
        return d.bytes(out, o.outLen);
      }
      case 'state-open': {
        const key = o.keyAlg !== undefined ? symKey(o.keyAlg, o.key ?? '') : undefined;
        open(o.alg, key, nonceOptions(o.nonce));
        return null;
      }
      case 'symmetric-key-import':
        symKey(o.alg, o.raw);
        return null;
      case 'options-set': {
        const opts = own(d.out('options_open', ALG_TYPE[o.type]), 'options_close');
        d.call('options_set', opts, ...d.str(o.name), ...d.put(bin(o.value)));
        return null;
      }
      case 'state-call': {
        const st = open(o.alg, undefined, d.opt(undefined));
        if (o.call === 'encrypt') {
          const out = d.alloc(64, 1);
          d.out('symmetric_state_encrypt', st, out, 64, ...d.put(new Uint8Array(1)));
        } else if (o.call === 'squeeze-tag') own(d.out('symmetric_state_squeeze_tag', st), 'symmetric_tag_close');
        else if (o.call === 'ratchet') d.call('symmetric_state_ratchet', st);
        else d.out('symmetric_state_max_tag_len', st);
        return null;
      }
      case 'verify': {
        const pk = own(d.out('publickey_import', ALG_TYPE[o.type], ...d.str(o.alg), ...d.put(bin(o.pk)), PK_ENC[o.pkEncoding]), 'publickey_close');
        const sig = own(d.out('signature_import', ...d.str(o.alg), ...d.put(bin(o.sig)), SIG_ENC[o.sigEncoding]), 'signature_close');
        const st = own(d.out('signature_verification_state_open', pk), 'signature_verification_state_close');
        d.call('signature_verification_state_update', st, ...d.put(bin(o.msg)));
        d.call('signature_verification_state_verify', st, sig);
        return null;
      }
      case 'sign': {
        const sk = own(d.out('secretkey_import', ALG_TYPE.signatures, ...d.str(o.alg), ...d.put(bin(o.sk)), PK_ENC.raw), 'secretkey_close');
        const pk = own(d.out('publickey_from_secretkey', sk), 'publickey_close');
        const kp = own(d.out('keypair_from_pk_and_sk', pk, sk), 'keypair_close');
        const st = own(d.out('signature_state_open', kp), 'signature_state_close');
        d.call('signature_state_update', st, ...d.put(bin(o.msg)));
        const sig = own(d.out('signature_state_sign', st), 'signature_close');
        return d.pull(d.out('signature_export', sig, SIG_ENC.raw));
      }
      case 'keypair-import-sign': {
        const kp = own(d.out('keypair_import', ALG_TYPE.signatures, ...d.str(o.alg), ...d.put(bin(o.kp)), PK_ENC[o.encoding]), 'keypair_close');
        const st = own(d.out('signature_state_open', kp), 'signature_state_close');
        d.call('signature_state_update', st, ...d.put(bin(o.msg)));
        const sig = own(d.out('signature_state_sign', st), 'signature_close');
        return d.pull(d.out('signature_export', sig, SIG_ENC.raw));
      }
      case 'sign-roundtrip': {
        const kp = own(d.out('keypair_generate', ALG_TYPE.signatures, ...d.str(o.alg), d.opt(undefined)), 'keypair_close');
        const st = own(d.out('signature_state_open', kp), 'signature_state_close');
        d.call('signature_state_update', st, ...d.put(bin(o.msg)));
        const sig = own(d.out('signature_state_sign', st), 'signature_close');
        const pk = own(d.out('keypair_publickey', kp), 'publickey_close');
        const vst = own(d.out('signature_verification_state_open', pk), 'signature_verification_state_close');
        d.call('signature_verification_state_update', vst, ...d.put(bin(o.msg)));
        d.call('signature_verification_state_verify', vst, sig);
        return null;
      }
      case 'publickey-import':
        own(d.out('publickey_import', ALG_TYPE[o.type], ...d.str(o.alg), ...d.put(bin(o.pk)), PK_ENC[o.encoding]), 'publickey_close');
        return null;
      case 'signature-import':
        own(d.out('signature_import', ...d.str(o.alg), ...d.put(bin(o.sig)), SIG_ENC[o.encoding]), 'signature_close');
        return null;
      case 'dh': {
        const sk = own(d.out('secretkey_import', ALG_TYPE['key-exchange'], ...d.str(o.alg), ...d.put(bin(o.sk)), PK_ENC.raw), 'secretkey_close');
        const pk = own(d.out('publickey_import', ALG_TYPE['key-exchange'], ...d.str(o.alg), ...d.put(bin(o.pk)), PK_ENC.raw), 'publickey_close');
        return d.pull(d.out('kx_dh', pk, sk));
      }
      case 'publickey-from-secretkey': {
        const sk = own(d.out('secretkey_import', ALG_TYPE[o.type], ...d.str(o.alg), ...d.put(bin(o.sk)), PK_ENC.raw), 'secretkey_close');
        const pk = own(d.out('publickey_from_secretkey', sk), 'publickey_close');
        return d.pull(d.out('publickey_export', pk, PK_ENC.raw));
      }
    }
  }

  return {
    name: 'witx (wasi_ephemeral_crypto_*, core modules)',
    driver: d,
    run(o: Operation): Outcome {
      d.reset();
      const owned: [number, string][] = [];
      const own = (h: number, close: string): number => {
        owned.push([h, close]);
        return h;
      };
      try {
        const out = exec(o, own);
        return { ok: out === null ? null : hex(out) };
      } catch (e) {
        if (e instanceof Errno) return { error: errorCodeOf(e.errno) ?? `errno ${e.errno}` };
        throw e;
      } finally {
        for (const [h, close] of owned.reverse()) {
          const r = d.fn(close)(h);
          if (r !== 0) throw new Error(`${close}(${h}) returned errno ${r}`);
        }
      }
    },
    [Symbol.dispose]() {
      d.witx[Symbol.dispose]();
    },
  };
}
