/** `wasi:crypto/wasi-ephemeral-crypto-kx@0.11.0`: Diffie-Hellman and KEMs — over core/kx.ts. */
import type * as GenCommon from '../../../generated-wit011/interfaces/wasi-crypto-wasi-ephemeral-crypto-common.js';
import type { HostContext } from '../../core/context.js';
import * as core from '../../core/kx.js';
import { arrayOutput } from './common.js';
import type { Resources } from './resources.js';

export function createKx(ctx: HostContext, r: Resources) {
  const { Publickey, Secretkey, ArrayOutput } = r;
  return {
    kxDh(pk: GenCommon.Publickey, sk: GenCommon.Secretkey): GenCommon.ArrayOutput {
      return arrayOutput(r, core.dh(ctx, Publickey.of(pk), Secretkey.of(sk)));
    },
    /** (shared secret, encapsulated secret), as two array outputs. */
    kxEncapsulate(pk: GenCommon.Publickey): [GenCommon.ArrayOutput, GenCommon.ArrayOutput] {
      const pkCore = Publickey.of(pk);
      // Both handles are reserved before the secret exists, so a full table loses nothing.
      ctx.handles.acquire('array-output');
      try {
        ctx.handles.acquire('array-output');
      } catch (e) {
        ctx.handles.release('array-output');
        throw e;
      }
      let out: { secret: Uint8Array; ciphertext: Uint8Array };
      try {
        out = core.encapsulate(ctx, pkCore);
      } catch (e) {
        ctx.handles.release('array-output');
        ctx.handles.release('array-output');
        throw e;
      }
      return [ArrayOutput.wrapReserved(out.secret), ArrayOutput.wrapReserved(out.ciphertext)];
    },
    kxDecapsulate(sk: GenCommon.Secretkey, encapsulatedSecret: Uint8Array): GenCommon.ArrayOutput {
      ctx.checkInput(encapsulatedSecret.length, 'ciphertext');
      return arrayOutput(r, core.decapsulate(ctx, Secretkey.of(sk), encapsulatedSecret));
    },
  };
}
