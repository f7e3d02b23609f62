/** `wasi:crypto/symmetric`: symmetric keys, states and tags, and the one-shot hash. */
import type * as GenCommon from '../../generated/interfaces/wasi-crypto-common.js';
import type * as Gen from '../../generated/interfaces/wasi-crypto-symmetric.js';
import type { HostContext } from '../core/context.js';
import { fail } from '../core/errors.js';
import { fromFlags, toFlags } from '../core/permissions.js';
import { fromHex } from '../core/secrets.js';
import { oneShotHash, SymmetricKeyCore, SymmetricStateCore, verifyTag } from '../core/symmetric.js';
import type { CommonModule } from './common.js';
import { adopt, checkOutLen, type Version } from './support.js';

export type SymmetricModule = Omit<typeof Gen, 'SymmetricKey'> & {
  SymmetricKey: typeof Gen.SymmetricKey & {
    coreOf(k: Gen.SymmetricKey | undefined): SymmetricKeyCore | undefined;
    fromCore(core: SymmetricKeyCore): Gen.SymmetricKey;
  };
};

export function createSymmetric(ctx: HostContext, common: CommonModule): SymmetricModule {
  const { Options, SecretsManager: SM } = common;
  type Options = GenCommon.Options;
  type SecretsManager = GenCommon.SecretsManager;

  class SymmetricKey implements Gen.SymmetricKey {
    readonly #core: SymmetricKeyCore;
    #disposed = false;

    private constructor(core?: SymmetricKeyCore) {
      if (core === undefined) throw new TypeError('resource has no public constructor');
      this.#core = core;
    }

    static #wrap(core: SymmetricKeyCore): SymmetricKey {
      return adopt(ctx, 'symmetric-key', () => core.release(), () => new SymmetricKey(core));
    }

    static coreOf(k: Gen.SymmetricKey | undefined): SymmetricKeyCore | undefined {
      if (k === undefined) return undefined;
      if (typeof k !== 'object' || k === null || !(#core in k)) fail('invalid-handle', 'not a symmetric-key handle of this host');
      return (k as SymmetricKey).#core;
    }

    static #of(k: Gen.SymmetricKey): SymmetricKeyCore {
      return SymmetricKey.coreOf(k)!;
    }

    static generate(algorithm: string, options: Options | undefined): SymmetricKey {
      return SymmetricKey.#wrap(SymmetricKeyCore.generate(ctx, algorithm, Options.valuesOf(options)));
    }

    static import(algorithm: string, raw: Uint8Array): SymmetricKey {
      return SymmetricKey.#wrap(SymmetricKeyCore.import(ctx, algorithm, raw));
    }

    /** Wraps a key derived inside the host (`squeeze-key`). */
    static fromCore(core: SymmetricKeyCore): SymmetricKey {
      return SymmetricKey.#wrap(core);
    }

    export(): Uint8Array {
      return this.#core.exportRaw();
    }

    algorithm(): string {
      return this.#core.alg.name;
    }

    permissions(): GenCommon.KeyPermissions {
      return toFlags(this.#core.permissions);
    }
    restrict(permissions: GenCommon.KeyPermissions): SymmetricKey {
      return SymmetricKey.#wrap(this.#core.restrict(fromFlags(permissions)));
    }
    exportWrapped(wrappingKey: Gen.SymmetricKey): Uint8Array {
      return this.#core.exportWrapped(ctx, SymmetricKey.#of(wrappingKey));
    }
    static importWrapped(algorithm: string, wrappingKey: Gen.SymmetricKey, wrapped: Uint8Array, permissions: GenCommon.KeyPermissions | undefined): SymmetricKey {
      const perms = permissions === undefined ? undefined : fromFlags(permissions);
      return SymmetricKey.#wrap(SymmetricKeyCore.importWrapped(ctx, algorithm, SymmetricKey.#of(wrappingKey), wrapped, perms));
    }

    static generateManaged(sm: SecretsManager, algorithm: string, options: Options | undefined): SymmetricKey {
      return SymmetricKey.#wrap(SM.coreOf(sm).generateSymmetric(algorithm, Options.valuesOf(options)));
    }
    storeManaged(sm: SecretsManager): Uint8Array {
      return SM.coreOf(sm).storeSymmetric(this.#core);
    }
    replaceManaged(sm: SecretsManager, newKey: Gen.SymmetricKey): Version {
      return { tag: 'exact', val: SM.coreOf(sm).replaceSymmetric(this.#core, SymmetricKey.#of(newKey)) };
    }
    id(): [Uint8Array, Version] {
      const m = this.#core.managed ?? fail('unsupported-feature', 'this key is not managed');
      return [fromHex(m.id), { tag: 'exact', val: BigInt(m.version) }];
    }
    static fromId(sm: SecretsManager, keyId: Uint8Array, version: Version): SymmetricKey {
      return SymmetricKey.#wrap(SM.coreOf(sm).symmetricFromId(keyId, version));
    }

    mac(data: Uint8Array): Uint8Array {
      return this.#core.mac(ctx, data);
    }
    macVerify(data: Uint8Array, expectedTag: Uint8Array): void {
      this.#core.macVerify(ctx, data, expectedTag);
    }
    seal(nonce: Uint8Array, associatedData: Uint8Array, plaintext: Uint8Array): Uint8Array {
      return this.#core.seal(ctx, nonce, associatedData, plaintext);
    }
    open(nonce: Uint8Array, associatedData: Uint8Array, ciphertext: Uint8Array): Uint8Array {
      return this.#core.open(ctx, nonce, associatedData, ciphertext);
    }

    [Symbol.dispose](): void {
      if (this.#disposed) return;
      this.#disposed = true;
      this.#core.release();
      ctx.handles.release('symmetric-key', this);
    }
  }

  class SymmetricTag implements Gen.SymmetricTag {
    readonly #bytes: Uint8Array;
    #disposed = false;
    private constructor(bytes?: Uint8Array) {
      if (bytes === undefined) throw new TypeError('resource has no public constructor');
      this.#bytes = bytes;
    }
    /** Takes ownership of `bytes`. */
    static fromBytes(bytes: Uint8Array): SymmetricTag {
      return adopt(ctx, 'symmetric-tag', () => bytes.fill(0), () => new SymmetricTag(bytes));
    }
    /** Like `fromBytes` for a handle already counted with `ctx.handles.acquire`. */
    static fromReservedBytes(bytes: Uint8Array): SymmetricTag {
      const tag = new SymmetricTag(bytes);
      ctx.handles.track(tag);
      return tag;
    }
    len(): number {
      return this.#bytes.length;
    }
    toBytes(): Uint8Array {
      return Uint8Array.from(this.#bytes);
    }
    verify(expected: Uint8Array): void {
      verifyTag(this.#bytes, expected);
    }
    [Symbol.dispose](): void {
      if (this.#disposed) return;
      this.#disposed = true;
      this.#bytes.fill(0);
      ctx.handles.release('symmetric-tag', this);
    }
  }

  class SymmetricState implements Gen.SymmetricState {
    readonly #core: SymmetricStateCore;
    #disposed = false;

    private constructor(core?: SymmetricStateCore) {
      if (core === undefined) throw new TypeError('resource has no public constructor');
      this.#core = core;
    }

    static #wrap(core: SymmetricStateCore): SymmetricState {
      return adopt(ctx, 'symmetric-state', () => core.dispose(), () => new SymmetricState(core));
    }

    static open(algorithm: string, key: SymmetricKey | undefined, options: Options | undefined): SymmetricState {
      return SymmetricState.#wrap(SymmetricStateCore.open(ctx, algorithm, SymmetricKey.coreOf(key), Options.valuesOf(options)));
    }

    optionsGet(name: string): Uint8Array {
      return this.#core.optionsGet(name);
    }
    optionsGetU64(name: string): bigint {
      return this.#core.optionsGetU64(name);
    }
    clone(): SymmetricState {
      return SymmetricState.#wrap(this.#core.clone());
    }
    absorb(data: Uint8Array): void {
      this.#core.absorb(data);
    }
    squeeze(outLen: number): Uint8Array {
      return this.#core.squeeze(checkOutLen(ctx, outLen));
    }
    squeezeTag(): SymmetricTag {
      return SymmetricTag.fromBytes(this.#core.squeezeTag());
    }
    squeezeKey(algorithm: string): SymmetricKey {
      return SymmetricKey.fromCore(this.#core.squeezeKey(algorithm));
    }
    maxTagLen(): number {
      return this.#core.maxTagLen();
    }
    encrypt(data: Uint8Array): Uint8Array {
      return this.#core.encrypt(data);
    }
    encryptDetached(data: Uint8Array): [Uint8Array, SymmetricTag] {
      // Reserve the tag's handle first: the state encrypts only once, so a refused tag handle
      // after encrypting would lose that one encryption.
      ctx.handles.acquire('symmetric-tag');
      let out: { ciphertext: Uint8Array; tag: Uint8Array };
      try {
        out = this.#core.encryptDetached(data);
      } catch (e) {
        ctx.handles.release('symmetric-tag');
        throw e;
      }
      return [out.ciphertext, SymmetricTag.fromReservedBytes(out.tag)];
    }
    decrypt(data: Uint8Array): Uint8Array {
      return this.#core.decrypt(data);
    }
    decryptDetached(data: Uint8Array, rawTag: Uint8Array): Uint8Array {
      return this.#core.decryptDetached(data, rawTag);
    }
    ratchet(): void {
      this.#core.ratchet();
    }
    reset(): void {
      this.#core.reset();
    }
    [Symbol.dispose](): void {
      if (this.#disposed) return;
      this.#disposed = true;
      this.#core.dispose();
      ctx.handles.release('symmetric-state', this);
    }
  }

  function hash(algorithm: string, data: Uint8Array, outLen: number | undefined): Uint8Array {
    // oneShotHash resolves the algorithm first, then bounds `outLen` by the digest size.
    return oneShotHash(ctx, algorithm, data, outLen);
  }

  return { SymmetricKey, SymmetricState, SymmetricTag, hash };
}
