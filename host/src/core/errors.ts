/**
 * The error cases of `wasi:crypto/common.error-code`, as strings (the shape jco expects for an enum).
 * `interfaces/` checks at compile time that this union equals the generated WIT type.
 */
export const ERROR_CODES = [
  'guest-error',
  'not-implemented',
  'unsupported-feature',
  'prohibited-operation',
  'unsupported-encoding',
  'unsupported-algorithm',
  'unsupported-option',
  'invalid-key',
  'invalid-length',
  'verification-failed',
  'rng-error',
  'algorithm-failure',
  'invalid-signature',
  'closed',
  'invalid-handle',
  'overflow',
  'internal-error',
  'too-many-handles',
  'key-not-supported',
  'key-required',
  'invalid-tag',
  'invalid-operation',
  'nonce-required',
  'invalid-nonce',
  'option-not-set',
  'not-found',
  'parameters-missing',
  'in-progress',
  'incompatible-keys',
  'expired',
  'timed-out',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * A typed wasi-crypto error. jco turns a thrown object with an own `payload` property into
 * `err(payload)` for `result`-returning imports, so `payload` is exactly the WIT enum case.
 */
export class CryptoError extends Error {
  readonly payload: ErrorCode;
  constructor(payload: ErrorCode, detail?: string) {
    super(detail === undefined ? payload : `${payload}: ${detail}`);
    this.name = 'CryptoError';
    this.payload = payload;
  }
}

export function fail(code: ErrorCode, detail?: string): never {
  throw new CryptoError(code, detail);
}

export function isCryptoError(e: unknown): e is CryptoError {
  return e instanceof CryptoError;
}
