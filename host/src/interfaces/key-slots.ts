/** `wasi:crypto/key-slots`: named slots provisioned by the embedder (docs/key-management.md). */
import type * as GenAsym from '../../generated/interfaces/wasi-crypto-asymmetric-common.js';
import type * as GenCommon from '../../generated/interfaces/wasi-crypto-common.js';
import type * as Gen from '../../generated/interfaces/wasi-crypto-key-slots.js';
import type * as GenSymmetric from '../../generated/interfaces/wasi-crypto-symmetric.js';
import type { HostContext } from '../core/context.js';
import { fail } from '../core/errors.js';
import { toFlags } from '../core/permissions.js';
import type { SlotRegistry } from '../core/slots.js';
import type { SymmetricKeyCore } from '../core/symmetric.js';
import type { AsymmetricCommonModule } from './asymmetric-common.js';
import { adopt } from './support.js';

export function createKeySlots(
  ctx: HostContext,
  slots: SlotRegistry,
  symmetric: { coreOf(k: GenSymmetric.SymmetricKey): SymmetricKeyCore | undefined; fromCore(core: SymmetricKeyCore): GenSymmetric.SymmetricKey },
  asym: AsymmetricCommonModule,
): typeof Gen {
  class Slot implements Gen.Slot {
    readonly #name: string;
    #disposed = false;
    private constructor(name?: string) {
      if (name === undefined) throw new TypeError('resource has no public constructor');
      this.#name = name;
    }
    static open(name: string): Slot {
      if (!slots.has(name)) fail('not-found', `no slot named ${JSON.stringify(name)}`);
      return adopt(ctx, 'slot', () => {}, () => new Slot(name));
    }
    info(): Gen.SlotInfo {
      const i = slots.info(this.#name);
      return { name: i.name, family: i.family, permissions: toFlags(i.permissions) as GenCommon.KeyPermissions, occupied: i.occupied, locked: i.locked, version: i.version };
    }
    loadSymmetric(algorithm: string): GenSymmetric.SymmetricKey {
      return symmetric.fromCore(slots.loadSymmetric(this.#name, algorithm));
    }
    loadKeypair(algorithmType: GenCommon.AlgorithmType, algorithm: string): GenAsym.Keypair {
      return asym.Keypair.fromCore(slots.loadKeypair(this.#name, algorithmType, algorithm));
    }
    storeSymmetric(key: GenSymmetric.SymmetricKey): void {
      slots.storeSymmetric(this.#name, symmetric.coreOf(key)!);
    }
    storeKeypair(keypair: GenAsym.Keypair): void {
      slots.storeKeypair(this.#name, asym.Keypair.coreOf(keypair));
    }
    clear(): void {
      slots.clear(this.#name);
    }
    [Symbol.dispose](): void {
      if (this.#disposed) return;
      this.#disposed = true;
      ctx.handles.release('slot', this);
    }
  }
  return { Slot };
}
