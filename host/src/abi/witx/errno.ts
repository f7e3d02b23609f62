/**
 * The witx `crypto_errno` values (u16, returned as the i32 result of every function) and the
 * mapping from the host's error cases. witx code *i + 1* is `ERROR_CODES[i]` for the 30 cases the
 * two share; `timed-out` (seed 000) has no witx code and maps to `algorithm_failure`.
 */
import { ERROR_CODES, type ErrorCode } from '../../core/errors.js';

export const Errno = Object.freeze({
  success: 0,
  guest_error: 1,
  not_implemented: 2,
  unsupported_feature: 3,
  prohibited_operation: 4,
  unsupported_encoding: 5,
  unsupported_algorithm: 6,
  unsupported_option: 7,
  invalid_key: 8,
  invalid_length: 9,
  verification_failed: 10,
  rng_error: 11,
  algorithm_failure: 12,
  invalid_signature: 13,
  closed: 14,
  invalid_handle: 15,
  overflow: 16,
  internal_error: 17,
  too_many_handles: 18,
  key_not_supported: 19,
  key_required: 20,
  invalid_tag: 21,
  invalid_operation: 22,
  nonce_required: 23,
  invalid_nonce: 24,
  option_not_set: 25,
  not_found: 26,
  parameters_missing: 27,
  in_progress: 28,
  incompatible_keys: 29,
  expired: 30,
} as const);

export type ErrnoName = keyof typeof Errno;

/** Names by value (index = errno). */
export const ERRNO_NAMES: readonly ErrnoName[] = Object.freeze(
  (Object.keys(Errno) as ErrnoName[]).sort((a, b) => Errno[a] - Errno[b]),
);

/** The witx errno of a host error case. */
export function errnoOf(code: ErrorCode): number {
  if (code === 'timed-out') return Errno.algorithm_failure;
  const i = ERROR_CODES.indexOf(code);
  return i < 0 ? Errno.internal_error : i + 1;
}

/** The host error case of a witx errno (`success` and unknown values: undefined). */
export function errorCodeOf(errno: number): ErrorCode | undefined {
  if (!Number.isInteger(errno) || errno < 1 || errno > 30) return undefined;
  return ERROR_CODES[errno - 1];
}

/** An errno raised inside the adapter (guest memory faults, overflow, handle errors). */
export class WitxFault extends Error {
  readonly errno: number;
  constructor(errno: number, detail: string) {
    super(`${ERRNO_NAMES[errno] ?? errno}: ${detail}`);
    this.name = 'WitxFault';
    this.errno = errno;
  }
}

export function fault(errno: number, detail: string): never {
  throw new WitxFault(errno, detail);
}
