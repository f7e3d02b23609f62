/** `wasi:crypto/wasi-ephemeral-crypto-external-secrets@0.11.0`: secrets kept by the secrets manager — over core/secrets.ts. */
import type * as GenCommon from '../../../generated-wit011/interfaces/wasi-crypto-wasi-ephemeral-crypto-common.js';
import type { HostContext } from '../../core/context.js';
import { fail } from '../../core/errors.js';
import { arrayOutput, versionIn } from './common.js';
import type { Resources } from './resources.js';

type SecretsManager = GenCommon.SecretsManager;

export function createExternalSecrets(ctx: HostContext, r: Resources) {
  const sm = (m: SecretsManager) => r.SecretsManager.of(m);
  return {
    externalSecretStore(secretsManager: SecretsManager, secret: Uint8Array, expiration: bigint): Uint8Array {
      ctx.checkInput(secret.length, 'secret');
      return sm(secretsManager).storeExternal(secret, expiration);
    },
    /**
     * 0.11.0 dropped the witx `secret_id` parameter, so this function cannot say which secret it
     * replaces: `unsupported-feature` (what the spec prescribes for an unsupported function, and
     * what the upstream WIT's reference host answers). Store a new secret and invalidate the old one
     * instead. The handle is still checked first (`invalid-handle`).
     */
    externalSecretReplace(secretsManager: SecretsManager, _secret: Uint8Array, _expiration: bigint): [Uint8Array, GenCommon.Version] {
      sm(secretsManager);
      return fail('unsupported-feature', 'external-secret-replace has no secret id in wasi:crypto@0.11.0');
    },
    externalSecretFromId(secretsManager: SecretsManager, secretId: Uint8Array, secretVersion: GenCommon.Version): GenCommon.ArrayOutput {
      return arrayOutput(r, sm(secretsManager).externalFromId(secretId, versionIn(secretVersion)));
    },
    externalSecretInvalidate(secretsManager: SecretsManager, secretId: Uint8Array, secretVersion: GenCommon.Version): void {
      sm(secretsManager).invalidateExternal(secretId, versionIn(secretVersion));
    },
    externalSecretEncapsulate(secretsManager: SecretsManager, secret: Uint8Array, expiration: bigint): GenCommon.ArrayOutput {
      ctx.checkInput(secret.length, 'secret');
      return arrayOutput(r, sm(secretsManager).encapsulate(secret, expiration));
    },
    externalSecretDecapsulate(secretsManager: SecretsManager, encryptedSecret: Uint8Array): GenCommon.ArrayOutput {
      ctx.checkInput(encryptedSecret.length, 'encapsulated secret');
      return arrayOutput(r, sm(secretsManager).decapsulate(encryptedSecret));
    },
  };
}
