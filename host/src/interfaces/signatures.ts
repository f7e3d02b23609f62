/** `wasi:crypto/signatures`: signatures, signing and verification states, one-shot sign/verify. */
import type * as GenAsym from '../../generated/interfaces/wasi-crypto-asymmetric-common.js';
import type * as GenCommon from '../../generated/interfaces/wasi-crypto-common.js';
import type * as Gen from '../../generated/interfaces/wasi-crypto-signatures.js';
import { oneShotSign, oneShotVerify, SignatureCore, SignatureStateCore, VerificationStateCore } from '../core/signatures.js';
import type { HostContext } from '../core/context.js';
import { fail } from '../core/errors.js';
import type { AsymmetricCommonModule } from './asymmetric-common.js';
import type { CommonModule } from './common.js';
import { adopt } from './support.js';

export type SignaturesModule = typeof Gen;

export function createSignatures(ctx: HostContext, common: CommonModule, asym: AsymmetricCommonModule): SignaturesModule {
  const { Options } = common;
  const { Keypair, Publickey } = asym;
  type Options = GenCommon.Options;
  type Keypair = GenAsym.Keypair;
  type Publickey = GenAsym.Publickey;

  class Signature implements Gen.Signature {
    readonly #core: SignatureCore;
    #disposed = false;
    private constructor(core?: SignatureCore) {
      if (core === undefined) throw new TypeError('resource has no public constructor');
      this.#core = core;
    }
    static wrap(core: SignatureCore): Signature {
      return adopt(ctx, 'signature', () => {}, () => new Signature(core));
    }
    static coreOf(s: Gen.Signature): SignatureCore {
      if (typeof s !== 'object' || s === null || !(#core in s)) fail('invalid-handle', 'not a signature handle of this host');
      return s.#core;
    }
    static import(algorithm: string, encoded: Uint8Array, encoding: Gen.SignatureEncoding): Signature {
      return Signature.wrap(SignatureCore.import(ctx, algorithm, encoded, encoding));
    }
    export(encoding: Gen.SignatureEncoding): Uint8Array {
      return this.#core.export(encoding);
    }
    [Symbol.dispose](): void {
      if (this.#disposed) return;
      this.#disposed = true;
      ctx.handles.release('signature', this);
    }
  }

  class SignatureState implements Gen.SignatureState {
    readonly #core: SignatureStateCore;
    #disposed = false;
    private constructor(core?: SignatureStateCore) {
      if (core === undefined) throw new TypeError('resource has no public constructor');
      this.#core = core;
    }
    static open(keypair: Keypair, options: Options | undefined): SignatureState {
      const core = new SignatureStateCore(ctx, Keypair.coreOf(keypair), Options.valuesOf(options));
      return adopt(ctx, 'signature-state', () => core.dispose(), () => new SignatureState(core));
    }
    update(input: Uint8Array): void {
      this.#core.update(input);
    }
    sign(): Signature {
      return Signature.wrap(this.#core.sign());
    }
    reset(): void {
      this.#core.reset();
    }
    [Symbol.dispose](): void {
      if (this.#disposed) return;
      this.#disposed = true;
      this.#core.dispose();
      ctx.handles.release('signature-state', this);
    }
  }

  class SignatureVerificationState implements Gen.SignatureVerificationState {
    readonly #core: VerificationStateCore;
    #disposed = false;
    private constructor(core?: VerificationStateCore) {
      if (core === undefined) throw new TypeError('resource has no public constructor');
      this.#core = core;
    }
    static open(publickey: Publickey, options: Options | undefined): SignatureVerificationState {
      const core = new VerificationStateCore(ctx, Publickey.coreOf(publickey), Options.valuesOf(options));
      return adopt(ctx, 'signature-verification-state', () => core.dispose(), () => new SignatureVerificationState(core));
    }
    update(input: Uint8Array): void {
      this.#core.update(input);
    }
    verify(signature: Gen.Signature): void {
      this.#core.verify(Signature.coreOf(signature));
    }
    reset(): void {
      this.#core.reset();
    }
    [Symbol.dispose](): void {
      if (this.#disposed) return;
      this.#disposed = true;
      this.#core.dispose();
      ctx.handles.release('signature-verification-state', this);
    }
  }

  function sign(keypair: Keypair, message: Uint8Array): Uint8Array {
    return oneShotSign(ctx, Keypair.coreOf(keypair), message);
  }

  function verify(publickey: Publickey, message: Uint8Array, signature: Uint8Array): void {
    oneShotVerify(ctx, Publickey.coreOf(publickey), message, signature);
  }

  return { Signature, SignatureState, SignatureVerificationState, sign, verify };
}
