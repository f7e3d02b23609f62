/**
 * The third runner of the case table (cases.ts): the upstream `wasi:crypto@0.11.0` WIT through the
 * host's import object (host/src/abi/wit011), called as jco calls it — free functions over
 * resource handles, `array-output` handles pulled once, errors thrown with a `{ tag }` payload.
 *
 * 0.11.0's `symmetric-state-squeeze` has no length (host/src/abi/wit011/README.md, choice 4), so a
 * `hash`/`hkdf` case asking for another length than the algorithm's default cannot be expressed;
 * `inexpressible()` says which and why, and the runner then squeezes the default length.
 */
import type { CryptoHost } from '../../host/src/host.js';
import { defaultSqueezeLength, Wit011Error } from '../../host/src/abi/wit011/index.js';
import { isCryptoError } from '../../host/src/core/errors.js';
import { symmetricAlgorithm } from '../../host/src/core/registry.js';
import type { AbiRunner, Operation, Outcome } from './cases.js';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const bin = (h: string): Uint8Array => new Uint8Array(Buffer.from(h, 'hex'));

function defaultLength(alg: string): number | undefined {
  try {
    return defaultSqueezeLength(symmetricAlgorithm(alg));
  } catch (e) {
    if (isCryptoError(e)) return undefined; // an unknown algorithm fails the same way in every ABI
    throw e;
  }
}

/** Why `o` cannot be expressed through 0.11.0, or undefined if it can. */
export function inexpressible(o: Operation): string | undefined {
  if (o.op === 'hash' || o.op === 'hkdf') {
    const alg = o.op === 'hash' ? o.alg : o.expandAlg;
    const len = defaultLength(alg);
    if (len !== undefined && len !== o.outLen) {
      return `symmetric-state-squeeze has no length in 0.11.0: ${alg} squeezes ${len} bytes, the case asks for ${o.outLen}`;
    }
  }
  return undefined;
}

export function wit011Runner(host: CryptoHost): AbiRunner {
  const I = host.getImportObject();
  const C = I['wasi:crypto/wasi-ephemeral-crypto-common'];
  const S = I['wasi:crypto/wasi-ephemeral-crypto-symmetric'];
  const A = I['wasi:crypto/wasi-ephemeral-crypto-asymmetric-common'];
  const G = I['wasi:crypto/wasi-ephemeral-crypto-signatures'];
  const K = I['wasi:crypto/wasi-ephemeral-crypto-kx'];
  type ArrayOutput = Parameters<typeof C.arrayOutputPull>[0];

  function exec(o: Operation, own: <T>(x: T) => T): Uint8Array | null {
    const pull = (out: ArrayOutput): Uint8Array => C.arrayOutputPull(own(out));
    const nonceOptions = (nonce: string | undefined) => {
      if (nonce === undefined) return undefined;
      const opts = own(C.optionsOpen('symmetric'));
      C.optionsSet(opts, 'nonce', bin(nonce));
      return opts;
    };
    switch (o.op) {
      case 'hash': {
        const st = own(S.symmetricStateOpen(o.alg, undefined, undefined));
        S.symmetricStateAbsorb(st, bin(o.data));
        return S.symmetricStateSqueeze(st);
      }
      case 'mac':
      case 'mac-verify': {
        const key = own(S.symmetricKeyImport(o.alg, bin(o.key)));
        const st = own(S.symmetricStateOpen(o.alg, key, undefined));
        S.symmetricStateAbsorb(st, bin(o.data));
        const tag = own(S.symmetricStateSqueezeTag(st));
        if (o.op === 'mac') return S.symmetricTagPull(tag);
        S.symmetricTagVerify(tag, bin(o.tag));
        return null;
      }
      case 'aead-seal':
      case 'aead-open': {
        const key = own(S.symmetricKeyImport(o.alg, bin(o.key)));
        const st = own(S.symmetricStateOpen(o.alg, key, nonceOptions(o.nonce)));
        if (o.ad !== '') S.symmetricStateAbsorb(st, bin(o.ad));
        if (o.op === 'aead-seal') return S.symmetricStateEncrypt(st, bin(o.pt));
        // out-len as a 0.11.0 guest computes it (the WIT's own advice): ciphertext length − max tag length.
        const ct = bin(o.ct);
        return S.symmetricStateDecrypt(st, ct, Math.max(0, ct.length - S.symmetricStateMaxTagLen(st)));
      }
      case 'hkdf': {
        const ikm = own(S.symmetricKeyImport(o.extractAlg, bin(o.ikm)));
        const ex = own(S.symmetricStateOpen(o.extractAlg, ikm, undefined));
        S.symmetricStateAbsorb(ex, bin(o.salt));
        const prk = own(S.symmetricStateSqueezeKey(ex, o.expandAlg));
        const st = own(S.symmetricStateOpen(o.expandAlg, prk, undefined));
        S.symmetricStateAbsorb(st, bin(o.info));
        return S.symmetricStateSqueeze(st);
      }
      case 'state-open': {
        const key = o.keyAlg !== undefined ? own(S.symmetricKeyImport(o.keyAlg, bin(o.key ?? ''))) : undefined;
        own(S.symmetricStateOpen(o.alg, key, nonceOptions(o.nonce)));
        return null;
      }
      case 'symmetric-key-import':
        own(S.symmetricKeyImport(o.alg, bin(o.raw)));
        return null;
      case 'options-set':
        C.optionsSet(own(C.optionsOpen(o.type)), o.name, bin(o.value));
        return null;
      case 'state-call': {
        const st = own(S.symmetricStateOpen(o.alg, undefined, undefined));
        if (o.call === 'encrypt') S.symmetricStateEncrypt(st, new Uint8Array(1));
        else if (o.call === 'squeeze-tag') own(S.symmetricStateSqueezeTag(st));
        else if (o.call === 'ratchet') S.symmetricStateRatchet(st);
        else S.symmetricStateMaxTagLen(st);
        return null;
      }
      case 'verify': {
        const pk = own(A.publickeyImport(o.type, o.alg, bin(o.pk), o.pkEncoding));
        const sig = own(G.signatureImport(o.alg, bin(o.sig), o.sigEncoding));
        const st = own(G.signatureVerificationStateOpen(pk));
        G.signatureVerificationStateUpdate(st, bin(o.msg));
        G.signatureVerificationStateVerify(st, sig);
        return null;
      }
      case 'sign': {
        const sk = own(A.secretkeyImport('signatures', o.alg, bin(o.sk), 'raw'));
        const pk = own(A.publickeyFromSecretkey(sk));
        const kp = own(A.keypairFromPkAndSk(pk, sk));
        const st = own(G.signatureStateOpen(kp));
        G.signatureStateUpdate(st, bin(o.msg));
        return pull(G.signatureExport(own(G.signatureStateSign(st)), 'raw'));
      }
      case 'keypair-import-sign': {
        const kp = own(A.keypairImport('signatures', o.alg, bin(o.kp), o.encoding));
        const st = own(G.signatureStateOpen(kp));
        G.signatureStateUpdate(st, bin(o.msg));
        return pull(G.signatureExport(own(G.signatureStateSign(st)), 'raw'));
      }
      case 'sign-roundtrip': {
        const kp = own(A.keypairGenerate('signatures', o.alg, undefined));
        const st = own(G.signatureStateOpen(kp));
        G.signatureStateUpdate(st, bin(o.msg));
        const sig = own(G.signatureStateSign(st));
        const vst = own(G.signatureVerificationStateOpen(own(A.keypairPublickey(kp))));
        G.signatureVerificationStateUpdate(vst, bin(o.msg));
        G.signatureVerificationStateVerify(vst, sig);
        return null;
      }
      case 'publickey-import':
        own(A.publickeyImport(o.type, o.alg, bin(o.pk), o.encoding));
        return null;
      case 'signature-import':
        own(G.signatureImport(o.alg, bin(o.sig), o.encoding));
        return null;
      case 'dh': {
        const sk = own(A.secretkeyImport('key-exchange', o.alg, bin(o.sk), 'raw'));
        const pk = own(A.publickeyImport('key-exchange', o.alg, bin(o.pk), 'raw'));
        return pull(K.kxDh(pk, sk));
      }
      case 'publickey-from-secretkey': {
        const sk = own(A.secretkeyImport(o.type, o.alg, bin(o.sk), 'raw'));
        return pull(A.publickeyExport(own(A.publickeyFromSecretkey(sk)), 'raw'));
      }
    }
  }

  return {
    name: 'wit011 (wasi:crypto@0.11.0)',
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
        if (e instanceof Wit011Error) return { error: e.payload.tag };
        throw e;
      } finally {
        // What jco does when the guest drops its handles (idempotent for closed/pulled ones).
        for (const x of owned.reverse()) (x as Partial<Disposable>)[Symbol.dispose]?.();
      }
    },
    [Symbol.dispose]() {},
  };
}
