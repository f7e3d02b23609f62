/** `wasi:crypto/wasi-ephemeral-crypto-asymmetric-common@0.11.0`: key pairs, public and secret keys — over core/asymmetric.ts. */
import type * as GenCommon from '../../../generated-wit011/interfaces/wasi-crypto-wasi-ephemeral-crypto-common.js';
import { KeypairCore, PublicKeyCore, SecretKeyCore } from '../../core/asymmetric.js';
import type { HostContext } from '../../core/context.js';
import { fail } from '../../core/errors.js';
import type { AlgorithmType } from '../../core/options.js';
import { fromHex } from '../../core/secrets.js';
import { arrayOutput, versionIn, versionOut } from './common.js';
import type { Resources } from './resources.js';

type Keypair = GenCommon.Keypair;
type Publickey = GenCommon.Publickey;
type Secretkey = GenCommon.Secretkey;
type Options = GenCommon.Options;
type SecretsManager = GenCommon.SecretsManager;
type Version = GenCommon.Version;

export function createAsymmetricCommon(ctx: HostContext, r: Resources) {
  const { Keypair, Publickey, Secretkey, Options, SecretsManager } = r;
  // 0.11.0's algorithm-type has the same three case names as the core's.
  const type = (t: GenCommon.AlgorithmType) => t as AlgorithmType;

  return {
    keypairGenerate(algorithmType: GenCommon.AlgorithmType, algorithm: string, options: Options | undefined): Keypair {
      return Keypair.wrap(KeypairCore.generate(ctx, type(algorithmType), algorithm, Options.ofOptional(options)));
    },
    keypairImport(algorithmType: GenCommon.AlgorithmType, algorithm: string, encoded: Uint8Array, encoding: GenCommon.KeypairEncoding): Keypair {
      return Keypair.wrap(KeypairCore.import(ctx, type(algorithmType), algorithm, encoded, encoding));
    },
    keypairGenerateManaged(secretsManager: SecretsManager, algorithmType: GenCommon.AlgorithmType, algorithm: string, options: Options | undefined): Keypair {
      return Keypair.wrap(SecretsManager.of(secretsManager).generateKeypair(type(algorithmType), algorithm, Options.ofOptional(options)));
    },
    keypairStoreManaged(secretsManager: SecretsManager, kp: Keypair): Uint8Array {
      return SecretsManager.of(secretsManager).storeKeypair(Keypair.of(kp));
    },
    /** Takes ownership of `kpOld`: its handle is closed whether or not the replacement succeeds. */
    keypairReplaceManaged(secretsManager: SecretsManager, kpOld: Keypair, kpNew: Keypair): Version {
      try {
        return versionOut(SecretsManager.of(secretsManager).replaceKeypair(Keypair.of(kpOld), Keypair.of(kpNew)));
      } finally {
        Keypair.consume(kpOld);
      }
    },
    keypairId(kp: Keypair): [Uint8Array, Version] {
      const m = Keypair.of(kp).managed ?? fail('unsupported-feature', 'this key pair is not managed');
      return [fromHex(m.id), versionOut(m.version)];
    },
    keypairFromId(secretsManager: SecretsManager, kpId: Uint8Array, kpVersion: Version): Keypair {
      return Keypair.wrap(SecretsManager.of(secretsManager).keypairFromId(kpId, versionIn(kpVersion)));
    },
    keypairFromPkAndSk(publickey: Publickey, secretkey: Secretkey): Keypair {
      return Keypair.wrap(KeypairCore.fromParts(ctx, Publickey.of(publickey), Secretkey.of(secretkey)));
    },
    keypairExport(kp: Keypair, encoding: GenCommon.KeypairEncoding): GenCommon.ArrayOutput {
      return arrayOutput(r, Keypair.of(kp).export(ctx, encoding));
    },
    keypairPublickey(kp: Keypair): Publickey {
      return Publickey.wrap(Keypair.of(kp).publickey());
    },
    keypairSecretkey(kp: Keypair): Secretkey {
      return Secretkey.wrap(Keypair.of(kp).secretkey());
    },
    keypairClose(kp: Keypair): void {
      Keypair.close(kp);
    },
    publickeyImport(algorithmType: GenCommon.AlgorithmType, algorithm: string, encoded: Uint8Array, encoding: GenCommon.PublickeyEncoding): Publickey {
      return Publickey.wrap(PublicKeyCore.import(ctx, type(algorithmType), algorithm, encoded, encoding));
    },
    publickeyExport(pk: Publickey, encoding: GenCommon.PublickeyEncoding): GenCommon.ArrayOutput {
      return arrayOutput(r, Publickey.of(pk).export(ctx, encoding));
    },
    publickeyVerify(pk: Publickey): void {
      Publickey.of(pk).verify(ctx);
    },
    publickeyFromSecretkey(sk: Secretkey): Publickey {
      return Publickey.wrap(PublicKeyCore.fromSecret(ctx, Secretkey.of(sk)));
    },
    publickeyClose(pk: Publickey): void {
      Publickey.close(pk);
    },
    secretkeyImport(algorithmType: GenCommon.AlgorithmType, algorithm: string, encoded: Uint8Array, encoding: GenCommon.SecretkeyEncoding): Secretkey {
      return Secretkey.wrap(SecretKeyCore.import(ctx, type(algorithmType), algorithm, encoded, encoding));
    },
    secretkeyExport(sk: Secretkey, encoding: GenCommon.SecretkeyEncoding): GenCommon.ArrayOutput {
      return arrayOutput(r, Secretkey.of(sk).export(ctx, encoding));
    },
    secretkeyClose(sk: Secretkey): void {
      Secretkey.close(sk);
    },
  };
}
