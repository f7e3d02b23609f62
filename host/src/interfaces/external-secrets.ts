/**
 * `wasi:crypto/external-secrets`: optional in the spec. Without a secrets manager (none can be
 * opened on this host yet) every function answers `unsupported-feature`.
 */
import type * as GenCommon from '../../generated/interfaces/wasi-crypto-common.js';
import type * as Gen from '../../generated/interfaces/wasi-crypto-external-secrets.js';
import type { HostContext } from '../core/context.js';
import { fail } from '../core/errors.js';
import type { CommonModule } from './common.js';
import type { Version } from './support.js';

export function createExternalSecrets(_ctx: HostContext, _common: CommonModule): typeof Gen {
  type SecretsManager = GenCommon.SecretsManager;
  const none = (): never => fail('unsupported-feature', 'this host has no secrets manager (external secrets are not available)');
  return {
    store: (_sm: SecretsManager, _secret: Uint8Array, _expiration: bigint): Uint8Array => none(),
    replace: (_sm: SecretsManager, _id: Uint8Array, _secret: Uint8Array, _expiration: bigint): Version => none(),
    fromId: (_sm: SecretsManager, _id: Uint8Array, _version: Version): Uint8Array => none(),
    invalidate: (_sm: SecretsManager, _id: Uint8Array, _version: Version): void => none(),
    encapsulate: (_sm: SecretsManager, _secret: Uint8Array, _expiration: bigint): Uint8Array => none(),
    decapsulate: (_sm: SecretsManager, _encrypted: Uint8Array): Uint8Array => none(),
  };
}
