/**
 * Helpers shared by the interface modules: handle accounting around resource creation and the
 * conversion of WIT shapes. Nothing here knows about algorithms.
 */
import type { HostContext, ResourceKind } from '../core/context.js';
import { fail } from '../core/errors.js';

/**
 * Counts a new handle of `kind` and builds the resource. If the handle limit is reached, `cleanup`
 * releases what the caller already made (so nothing leaks) and `too-many-handles` is returned.
 */
export function adopt<T extends Disposable>(ctx: HostContext, kind: ResourceKind, cleanup: () => void, make: () => T): T {
  try {
    ctx.handles.acquire(kind);
  } catch (e) {
    cleanup();
    throw e;
  }
  const obj = make();
  ctx.handles.track(obj);
  return obj;
}

/** WIT `version` variant. */
export type Version = { tag: 'unspecified' } | { tag: 'latest' } | { tag: 'all' } | { tag: 'exact'; val: bigint };

/** `u32` lengths from the guest arrive as JS numbers; check them before anything is allocated. */
export function checkOutLen(ctx: HostContext, n: number): number {
  if (!Number.isInteger(n) || n < 0) fail('guest-error', `bad length ${n}`);
  if (n > ctx.limits.maxOutputBytes) fail('invalid-length', `${n} bytes requested; the output limit is ${ctx.limits.maxOutputBytes}`);
  return n;
}
