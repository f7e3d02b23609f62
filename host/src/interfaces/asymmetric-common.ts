/** `wasi:crypto/asymmetric-common`: key pairs, public keys, secret keys. */
import type * as Gen from '../../generated/interfaces/wasi-crypto-asymmetric-common.js';
import type * as GenCommon from '../../generated/interfaces/wasi-crypto-common.js';
import type * as GenSymmetric from '../../generated/interfaces/wasi-crypto-symmetric.js';
import { KeypairCore, PublicKeyCore, SecretKeyCore } from '../core/asymmetric.js';
import type { HostContext } from '../core/context.js';
import { fail } from '../core/errors.js';
import type { AlgorithmType } from '../core/options.js';
import { fromFlags, toFlags } from '../core/permissions.js';
import { fromHex } from '../core/secrets.js';
import type { SymmetricKeyCore } from '../core/symmetric.js';
import type { CommonModule } from './common.js';
import { adopt, type Version } from './support.js';

export interface AsymmetricCommonModule {
  Keypair: typeof Gen.Keypair & { coreOf(k: Gen.Keypair): KeypairCore; fromCore(core: KeypairCore): Gen.Keypair };
  Publickey: typeof Gen.Publickey & { coreOf(k: Gen.Publickey): PublicKeyCore; wrap(core: PublicKeyCore): Gen.Publickey };
  Secretkey: typeof Gen.Secretkey & { coreOf(k: Gen.Secretkey): SecretKeyCore };
}

export function createAsymmetricCommon(
  ctx: HostContext,
  common: CommonModule,
  symmetricKeyCore: (k: GenSymmetric.SymmetricKey) => SymmetricKeyCore,
): AsymmetricCommonModule {
  const { Options, SecretsManager: SM } = common;
  type Options = GenCommon.Options;
  type SecretsManager = GenCommon.SecretsManager;

  class Publickey implements Gen.Publickey {
    readonly #core: PublicKeyCore;
    #disposed = false;
    private constructor(core?: PublicKeyCore) {
      if (core === undefined) throw new TypeError('resource has no public constructor');
      this.#core = core;
    }
    static wrap(core: PublicKeyCore): Publickey {
      return adopt(ctx, 'publickey', () => {}, () => new Publickey(core));
    }
    static coreOf(k: Gen.Publickey): PublicKeyCore {
      if (typeof k !== 'object' || k === null || !(#core in k)) fail('invalid-handle', 'not a publickey handle of this host');
      return k.#core;
    }
    static import(algorithmType: Gen.AlgorithmType, algorithm: string, encoded: Uint8Array, encoding: Gen.PublickeyEncoding): Publickey {
      return Publickey.wrap(PublicKeyCore.import(ctx, algorithmType as AlgorithmType, algorithm, encoded, encoding));
    }
    export(encoding: Gen.PublickeyEncoding): Uint8Array {
      return this.#core.export(ctx, encoding);
    }
    verify(): void {
      this.#core.verify(ctx);
    }
    permissions(): GenCommon.KeyPermissions {
      return toFlags(this.#core.permissions);
    }
    static fromSecretkey(secretkey: Gen.Secretkey): Publickey {
      return Publickey.wrap(PublicKeyCore.fromSecret(ctx, Secretkey.coreOf(secretkey)));
    }
    algorithm(): string {
      return this.#core.alg.name;
    }
    [Symbol.dispose](): void {
      if (this.#disposed) return;
      this.#disposed = true;
      ctx.handles.release('publickey', this);
    }
  }

  class Secretkey implements Gen.Secretkey {
    readonly #core: SecretKeyCore;
    #disposed = false;
    private constructor(core?: SecretKeyCore) {
      if (core === undefined) throw new TypeError('resource has no public constructor');
      this.#core = core;
    }
    static wrap(core: SecretKeyCore): Secretkey {
      return adopt(ctx, 'secretkey', () => core.release(), () => new Secretkey(core));
    }
    static coreOf(k: Gen.Secretkey): SecretKeyCore {
      if (typeof k !== 'object' || k === null || !(#core in k)) fail('invalid-handle', 'not a secretkey handle of this host');
      return k.#core;
    }
    static import(algorithmType: Gen.AlgorithmType, algorithm: string, encoded: Uint8Array, encoding: Gen.SecretkeyEncoding): Secretkey {
      return Secretkey.wrap(SecretKeyCore.import(ctx, algorithmType as AlgorithmType, algorithm, encoded, encoding));
    }
    export(encoding: Gen.SecretkeyEncoding): Uint8Array {
      return this.#core.export(ctx, encoding);
    }
    permissions(): GenCommon.KeyPermissions {
      return toFlags(this.#core.permissions);
    }
    algorithm(): string {
      return this.#core.alg.name;
    }
    [Symbol.dispose](): void {
      if (this.#disposed) return;
      this.#disposed = true;
      this.#core.release();
      ctx.handles.release('secretkey', this);
    }
  }

  class Keypair implements Gen.Keypair {
    readonly #core: KeypairCore;
    #disposed = false;
    private constructor(core?: KeypairCore) {
      if (core === undefined) throw new TypeError('resource has no public constructor');
      this.#core = core;
    }
    static #wrap(core: KeypairCore): Keypair {
      return adopt(ctx, 'keypair', () => core.release(), () => new Keypair(core));
    }
    static coreOf(k: Gen.Keypair): KeypairCore {
      if (typeof k !== 'object' || k === null || !(#core in k)) fail('invalid-handle', 'not a keypair handle of this host');
      return k.#core;
    }
    static generate(algorithmType: Gen.AlgorithmType, algorithm: string, options: Options | undefined): Keypair {
      return Keypair.#wrap(KeypairCore.generate(ctx, algorithmType as AlgorithmType, algorithm, Options.valuesOf(options)));
    }
    static import(algorithmType: Gen.AlgorithmType, algorithm: string, encoded: Uint8Array, encoding: Gen.KeypairEncoding): Keypair {
      return Keypair.#wrap(KeypairCore.import(ctx, algorithmType as AlgorithmType, algorithm, encoded, encoding));
    }
    static fromPkAndSk(publickey: Gen.Publickey, secretkey: Gen.Secretkey): Keypair {
      return Keypair.#wrap(KeypairCore.fromParts(ctx, Publickey.coreOf(publickey), Secretkey.coreOf(secretkey)));
    }
    export(encoding: Gen.KeypairEncoding): Uint8Array {
      return this.#core.export(ctx, encoding);
    }
    publickey(): Publickey {
      return Publickey.wrap(this.#core.publickey());
    }
    secretkey(): Secretkey {
      const core = this.#core.secretkey();
      return Secretkey.wrap(core);
    }
    algorithm(): string {
      return this.#core.alg.name;
    }
    permissions(): GenCommon.KeyPermissions {
      return toFlags(this.#core.permissions);
    }
    restrict(permissions: GenCommon.KeyPermissions): Keypair {
      return Keypair.#wrap(this.#core.restrict(fromFlags(permissions)));
    }
    exportWrapped(wrappingKey: GenSymmetric.SymmetricKey): Uint8Array {
      return this.#core.exportWrapped(ctx, symmetricKeyCore(wrappingKey));
    }
    static importWrapped(
      algorithmType: Gen.AlgorithmType,
      algorithm: string,
      wrappingKey: GenSymmetric.SymmetricKey,
      wrapped: Uint8Array,
      permissions: GenCommon.KeyPermissions | undefined,
    ): Keypair {
      const perms = permissions === undefined ? undefined : fromFlags(permissions);
      return Keypair.#wrap(KeypairCore.importWrapped(ctx, algorithmType as AlgorithmType, algorithm, symmetricKeyCore(wrappingKey), wrapped, perms));
    }
    static fromCore(core: KeypairCore): Keypair {
      return Keypair.#wrap(core);
    }
    static generateManaged(sm: SecretsManager, t: Gen.AlgorithmType, algorithm: string, options: Options | undefined): Keypair {
      return Keypair.#wrap(SM.coreOf(sm).generateKeypair(t as AlgorithmType, algorithm, Options.valuesOf(options)));
    }
    storeManaged(sm: SecretsManager): Uint8Array {
      return SM.coreOf(sm).storeKeypair(this.#core);
    }
    replaceManaged(sm: SecretsManager, newKeypair: Gen.Keypair): Version {
      return { tag: 'exact', val: SM.coreOf(sm).replaceKeypair(this.#core, Keypair.coreOf(newKeypair)) };
    }
    id(): [Uint8Array, Version] {
      const m = this.#core.managed ?? fail('unsupported-feature', 'this key pair is not managed');
      return [fromHex(m.id), { tag: 'exact', val: BigInt(m.version) }];
    }
    static fromId(sm: SecretsManager, keyId: Uint8Array, version: Version): Keypair {
      return Keypair.#wrap(SM.coreOf(sm).keypairFromId(keyId, version));
    }
    [Symbol.dispose](): void {
      if (this.#disposed) return;
      this.#disposed = true;
      this.#core.release();
      ctx.handles.release('keypair', this);
    }
  }

  return { Keypair, Publickey, Secretkey };
}
