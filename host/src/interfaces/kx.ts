/** `wasi:crypto/kx`: Diffie-Hellman and KEMs (docs/asymmetric.md). */
import type * as GenAsym from '../../generated/interfaces/wasi-crypto-asymmetric-common.js';
import type * as Gen from '../../generated/interfaces/wasi-crypto-kx.js';
import type { HostContext } from '../core/context.js';
import * as core from '../core/kx.js';
import type { AsymmetricCommonModule } from './asymmetric-common.js';

export function createKx(ctx: HostContext, asym: AsymmetricCommonModule): typeof Gen {
  const { Publickey, Secretkey } = asym;
  type Publickey = GenAsym.Publickey;
  type Secretkey = GenAsym.Secretkey;

  function dh(publickey: Publickey, secretkey: Secretkey): Uint8Array {
    return core.dh(ctx, Publickey.coreOf(publickey), Secretkey.coreOf(secretkey));
  }

  function encapsulate(publickey: Publickey): Gen.Encapsulated {
    return core.encapsulate(ctx, Publickey.coreOf(publickey));
  }

  function decapsulate(secretkey: Secretkey, ciphertext: Uint8Array): Uint8Array {
    ctx.checkInput(ciphertext.length, 'ciphertext');
    return core.decapsulate(ctx, Secretkey.coreOf(secretkey), ciphertext);
  }

  return { dh, encapsulate, decapsulate };
}
