/** `wasi:crypto/common`: options and the secrets manager. */
import type * as Gen from '../../generated/interfaces/wasi-crypto-common.js';
import type { HostContext } from '../core/context.js';
import { fail } from '../core/errors.js';
import { OptionValues, type AlgorithmType } from '../core/options.js';
import { SecretsManagerCore } from '../core/secrets.js';
import { adopt, type Version } from './support.js';

export interface CommonModule {
  Options: typeof Gen.Options & { valuesOf(o: Gen.Options | undefined): OptionValues | undefined };
  SecretsManager: typeof Gen.SecretsManager & { coreOf(sm: Gen.SecretsManager): SecretsManagerCore };
}

export function createCommon(ctx: HostContext): CommonModule {
  class Options implements Gen.Options {
    readonly #values: OptionValues;
    #disposed = false;

    /**
     * WIT constructors cannot fail (a throwing constructor poisons a StarlingMonkey instance), so
     * an options set is counted as a handle but never refused.
     */
    constructor(algorithmType: Gen.AlgorithmType) {
      this.#values = new OptionValues(algorithmType as AlgorithmType, ctx.limits.maxOptionBytes);
      ctx.handles.acquireUnchecked('options');
      ctx.handles.track(this);
    }

    set(name: string, value: Uint8Array): void {
      this.#values.setBytes(name, value);
    }
    setU64(name: string, value: bigint): void {
      this.#values.setU64(name, value);
    }
    get(name: string): Uint8Array {
      return this.#values.getBytes(name);
    }
    getU64(name: string): bigint {
      return this.#values.getU64(name);
    }

    /** The values of an options handle given by the guest (`undefined` stays `undefined`). */
    static valuesOf(o: Gen.Options | undefined): OptionValues | undefined {
      if (o === undefined) return undefined;
      if (typeof o !== 'object' || o === null || !(#values in o)) fail('invalid-handle', 'not an options handle of this host');
      return o.#values;
    }

    [Symbol.dispose](): void {
      if (this.#disposed) return;
      this.#disposed = true;
      this.#values.clear();
      ctx.handles.release('options', this);
    }
  }

  /** The secrets manager (docs/key-management.md): managed keys and external secrets in the host's store. */
  class SecretsManager implements Gen.SecretsManager {
    readonly #core: SecretsManagerCore;
    #disposed = false;
    private constructor(core?: SecretsManagerCore) {
      if (core === undefined) throw new TypeError('resource has no public constructor');
      this.#core = core;
    }
    static open(options: Gen.Options | undefined): SecretsManager {
      const core = new SecretsManagerCore(ctx, Options.valuesOf(options));
      return adopt(ctx, 'secrets-manager', () => {}, () => new SecretsManager(core));
    }
    static coreOf(sm: Gen.SecretsManager): SecretsManagerCore {
      if (typeof sm !== 'object' || sm === null || !(#core in sm)) fail('invalid-handle', 'not a secrets-manager handle of this host');
      return (sm as SecretsManager).#core;
    }
    invalidate(keyId: Uint8Array, keyVersion: Version): void {
      this.#core.invalidate(keyId, keyVersion);
    }
    [Symbol.dispose](): void {
      if (this.#disposed) return;
      this.#disposed = true;
      ctx.handles.release('secrets-manager', this);
    }
  }

  return { Options, SecretsManager };
}
