/**
 * Errors of the `wasi:crypto@0.11.0` adapter. The core fails with `CryptoError` carrying one of
 * our `error-code` enum strings; 0.11.0 declares `crypto-errno` as a payload-less *variant*, which
 * jco lifts and lowers as `{ tag }` objects, so every function of the adapter translates.
 */
import type * as GenCommon from '../../../generated-wit011/interfaces/wasi-crypto-wasi-ephemeral-crypto-common.js';
import { isCryptoError, type ErrorCode } from '../../core/errors.js';

export type CryptoErrno = GenCommon.CryptoErrno;
export type CryptoErrnoTag = CryptoErrno['tag'];

/**
 * Our error-code → 0.11.0 crypto-errno. Identity for every case 0.11.0 has; `timed-out` (a
 * seed-000 deadline, which no 0.11.0 function can ask for) becomes `algorithm-failure`.
 * `success` is never an error. The `Record` makes the mapping exhaustive at compile time, and
 * `satisfies` checks that every target is a real 0.11.0 case.
 */
const ERRNO: Record<ErrorCode, Exclude<CryptoErrnoTag, 'success'>> = {
  'guest-error': 'guest-error',
  'not-implemented': 'not-implemented',
  'unsupported-feature': 'unsupported-feature',
  'prohibited-operation': 'prohibited-operation',
  'unsupported-encoding': 'unsupported-encoding',
  'unsupported-algorithm': 'unsupported-algorithm',
  'unsupported-option': 'unsupported-option',
  'invalid-key': 'invalid-key',
  'invalid-length': 'invalid-length',
  'verification-failed': 'verification-failed',
  'rng-error': 'rng-error',
  'algorithm-failure': 'algorithm-failure',
  'invalid-signature': 'invalid-signature',
  closed: 'closed',
  'invalid-handle': 'invalid-handle',
  overflow: 'overflow',
  'internal-error': 'internal-error',
  'too-many-handles': 'too-many-handles',
  'key-not-supported': 'key-not-supported',
  'key-required': 'key-required',
  'invalid-tag': 'invalid-tag',
  'invalid-operation': 'invalid-operation',
  'nonce-required': 'nonce-required',
  'invalid-nonce': 'invalid-nonce',
  'option-not-set': 'option-not-set',
  'not-found': 'not-found',
  'parameters-missing': 'parameters-missing',
  'in-progress': 'in-progress',
  'incompatible-keys': 'incompatible-keys',
  expired: 'expired',
  'timed-out': 'algorithm-failure',
};

/**
 * A 0.11.0 error. jco turns a thrown object with an own `payload` into `err(payload)` for a
 * `result`-returning import, so `payload` is exactly the WIT variant value (`{ tag }`).
 */
export class Wit011Error extends Error {
  readonly payload: CryptoErrno;
  constructor(tag: Exclude<CryptoErrnoTag, 'success'>, detail?: string) {
    super(detail === undefined ? tag : `${tag}: ${detail}`);
    this.name = 'Wit011Error';
    this.payload = { tag } as CryptoErrno;
  }
}

export function fail011(tag: Exclude<CryptoErrnoTag, 'success'>, detail?: string): never {
  throw new Wit011Error(tag, detail);
}

/** Our errno for a core error code (exported for tests and the README table). */
export function errnoOf(code: ErrorCode): Exclude<CryptoErrnoTag, 'success'> {
  return ERRNO[code];
}

/** Translates a core `CryptoError`; anything else (a host bug) is rethrown and traps. */
export function translate(e: unknown): unknown {
  if (e instanceof Wit011Error) return e;
  if (isCryptoError(e)) {
    const tag = ERRNO[e.payload];
    const err = new Wit011Error(tag);
    // The core's message already starts with its code ("invalid-key: …").
    err.message = tag === e.payload ? e.message : `${tag}: ${e.message}`;
    return err;
  }
  return e;
}

/** Wraps every function of an interface object so core errors leave as 0.11.0 errors. */
export function guarded<T extends object>(module: T): T {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(module)) {
    if (typeof value === 'function' && !isClass(value)) {
      const fn = value as (...args: unknown[]) => unknown;
      out[name] = {
        [name](...args: unknown[]): unknown {
          try {
            return fn(...args);
          } catch (e) {
            throw translate(e);
          }
        },
      }[name];
    } else {
      out[name] = value;
    }
  }
  return out as T;
}

function isClass(f: unknown): boolean {
  return typeof f === 'function' && /^class[\s{]/.test(Function.prototype.toString.call(f));
}
