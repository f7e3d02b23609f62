/** `wasi:crypto/common`: options and the secrets manager. */
import type * as Gen from '../../generated/interfaces/wasi-crypto-common.js';
import type { HostContext } from '../core/context.js';
import { fail } from '../core/errors.js';
import { OptionValues, type AlgorithmType } from '../core/options.js';
import type { Version } from './support.js';

export interface CommonModule {
  Options: typeof Gen.Options & { valuesOf(o: Gen.Options | undefined): OptionValues | undefined };
  SecretsManager: typeof Gen.SecretsManager;
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
      if (!(#values in o)) fail('invalid-handle', 'not an options handle of this host');
      return o.#values;
    }

    [Symbol.dispose](): void {
      if (this.#disposed) return;
      this.#disposed = true;
      this.#values.clear();
      ctx.handles.release('options', this);
    }
  }

  /** Secrets management is an optional feature of the spec; this host does not offer it yet. */
  class SecretsManager implements Gen.SecretsManager {
    private constructor() {}
    static open(_options: Gen.Options | undefined): SecretsManager {
      fail('unsupported-feature', 'this host has no secrets manager (managed keys are not available)');
    }
    invalidate(_keyId: Uint8Array, _keyVersion: Version): void {
      fail('unsupported-feature', 'this host has no secrets manager');
    }
    [Symbol.dispose](): void {}
  }

  return { Options, SecretsManager };
}
