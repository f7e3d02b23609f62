/** `wasi:crypto/external-secrets` (docs/key-management.md): secrets kept by the secrets manager. */
import type * as GenCommon from '../../generated/interfaces/wasi-crypto-common.js';
import type * as Gen from '../../generated/interfaces/wasi-crypto-external-secrets.js';
import type { HostContext } from '../core/context.js';
import type { CommonModule } from './common.js';
import type { Version } from './support.js';

export function createExternalSecrets(ctx: HostContext, common: CommonModule): typeof Gen {
  type SecretsManager = GenCommon.SecretsManager;
  const sm = (m: SecretsManager) => common.SecretsManager.coreOf(m);
  return {
    store: (m: SecretsManager, secret: Uint8Array, expiration: bigint): Uint8Array => {
      ctx.checkInput(secret.length, 'secret');
      return sm(m).storeExternal(secret, expiration);
    },
    replace: (m: SecretsManager, id: Uint8Array, secret: Uint8Array, expiration: bigint): Version => {
      ctx.checkInput(secret.length, 'secret');
      return { tag: 'exact', val: sm(m).replaceExternal(id, secret, expiration) };
    },
    fromId: (m: SecretsManager, id: Uint8Array, version: Version): Uint8Array => sm(m).externalFromId(id, version),
    invalidate: (m: SecretsManager, id: Uint8Array, version: Version): void => sm(m).invalidateExternal(id, version),
    encapsulate: (m: SecretsManager, secret: Uint8Array, expiration: bigint): Uint8Array => {
      ctx.checkInput(secret.length, 'secret');
      return sm(m).encapsulate(secret, expiration);
    },
    decapsulate: (m: SecretsManager, encrypted: Uint8Array): Uint8Array => {
      ctx.checkInput(encrypted.length, 'encapsulated secret');
      return sm(m).decapsulate(encrypted);
    },
  };
}
