/** `wasi:crypto/wasi-ephemeral-crypto-common@0.11.0`: the resources, options, array outputs, secrets manager. */
import type * as Gen from '../../../generated-wit011/interfaces/wasi-crypto-wasi-ephemeral-crypto-common.js';
import type { HostContext } from '../../core/context.js';
import { fail } from '../../core/errors.js';
import { OptionValues, type AlgorithmType } from '../../core/options.js';
import { SecretsManagerCore, type VersionSpec } from '../../core/secrets.js';
import type { Resources } from './resources.js';

/** 0.11.0 `version` (`specified(u64)`) → the core's version spec (`exact`). */
export function versionIn(v: Gen.Version): VersionSpec {
  switch (v?.tag) {
    case 'unspecified':
    case 'latest':
    case 'all':
      return { tag: v.tag };
    case 'specified':
      return { tag: 'exact', val: v.val };
    default:
      return fail('guest-error', 'not a version');
  }
}

/** A version number from the core → 0.11.0 `version`. */
export function versionOut(n: bigint | number): Gen.Version {
  return { tag: 'specified', val: BigInt(n) };
}

/** Array output of `bytes` (taken over: wiped when the handle goes). */
export function arrayOutput(r: Resources, bytes: Uint8Array): Gen.ArrayOutput {
  return r.ArrayOutput.wrap(bytes);
}

export function createCommon(ctx: HostContext, r: Resources) {
  const { ArrayOutput, Options, SecretsManager } = r;
  const types: Record<string, AlgorithmType> = { signatures: 'signatures', symmetric: 'symmetric', 'key-exchange': 'key-exchange' };

  const functions = {
    optionsOpen(algorithmType: Gen.AlgorithmType): Gen.Options {
      const type = Object.hasOwn(types, algorithmType) ? types[algorithmType]! : fail('guest-error', 'not an algorithm-type');
      return Options.wrap(new OptionValues(type, ctx.limits.maxOptionBytes));
    },
    optionsClose(options: Gen.Options): void {
      Options.close(options);
    },
    optionsSet(options: Gen.Options, name: string, value: Uint8Array): void {
      Options.of(options).setBytes(name, value);
    },
    optionsSetU64(options: Gen.Options, name: string, value: bigint): void {
      Options.of(options).setU64(name, value);
    },
    /**
     * A copy, like every `list<u8>` (the reference host does the same): the value is stored as the
     * byte option `name`, with that option's rules (unknown names → `unsupported-option`).
     */
    optionsSetGuestBuffer(options: Gen.Options, name: string, buffer: Uint8Array): void {
      Options.of(options).setBytes(name, buffer);
    },
    arrayOutputLen(arrayOutput: Gen.ArrayOutput): number {
      return ArrayOutput.of(arrayOutput).length;
    },
    /** Takes ownership: the whole content, then the handle is gone (the bytes are wiped). */
    arrayOutputPull(arrayOutput: Gen.ArrayOutput): Uint8Array {
      const bytes = ArrayOutput.of(arrayOutput);
      const out = Uint8Array.from(bytes);
      ArrayOutput.close(arrayOutput);
      return out;
    },
    secretsManagerOpen(options: Gen.Options | undefined): Gen.SecretsManager {
      return SecretsManager.wrap(new SecretsManagerCore(ctx, Options.ofOptional(options)));
    },
    secretsManagerClose(secretsManager: Gen.SecretsManager): void {
      SecretsManager.close(secretsManager);
    },
    secretsManagerInvalidate(secretsManager: Gen.SecretsManager, keyId: Uint8Array, keyVersion: Gen.Version): void {
      SecretsManager.of(secretsManager).invalidate(keyId, versionIn(keyVersion));
    },
  };
  return { ...r, ...functions };
}
