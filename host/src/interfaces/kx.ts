/**
 * `wasi:crypto/kx`: Diffie-Hellman and KEMs. No key-exchange algorithm is implemented yet, so a
 * key of this family cannot be made and every function answers a typed error.
 */
import type * as GenAsym from '../../generated/interfaces/wasi-crypto-asymmetric-common.js';
import type * as Gen from '../../generated/interfaces/wasi-crypto-kx.js';
import type { HostContext } from '../core/context.js';
import { fail } from '../core/errors.js';
import type { AsymmetricCommonModule } from './asymmetric-common.js';

export function createKx(_ctx: HostContext, asym: AsymmetricCommonModule): typeof Gen {
  const { Publickey, Secretkey } = asym;
  type Publickey = GenAsym.Publickey;
  type Secretkey = GenAsym.Secretkey;

  function dh(publickey: Publickey, secretkey: Secretkey): Uint8Array {
    const pk = Publickey.coreOf(publickey);
    Secretkey.coreOf(secretkey);
    return fail('invalid-operation', `${pk.alg.name} is not a Diffie-Hellman algorithm`);
  }

  function encapsulate(publickey: Publickey): Gen.Encapsulated {
    const pk = Publickey.coreOf(publickey);
    return fail('invalid-operation', `${pk.alg.name} is not a KEM`);
  }

  function decapsulate(secretkey: Secretkey, _ciphertext: Uint8Array): Uint8Array {
    const sk = Secretkey.coreOf(secretkey);
    return fail('invalid-operation', `${sk.alg.name} is not a KEM`);
  }

  return { dh, encapsulate, decapsulate };
}
