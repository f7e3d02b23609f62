/**
 * VerifyFailure → seed 000 result codes (crypto-stack-seed000.md §2.6 `CertVerifyResult`, new API,
 * and §2.10 `CryptoErrorCode` category 09 certificate / others). `result` is the CertVerifyResult a
 * completed verification reports; `error` is the CryptoErrorCode for the same condition when the
 * caller needs an error (and the only code when seed 000 has no result value for it: a verification
 * that cannot be performed returns an error instead of a result).
 */
import type { VerifyFailure } from './verify.js';

export type SeedResultCode =
  | 'kValid'
  | 'kExpired'
  | 'kNotYetValid'
  | 'kRevoked'
  | 'kRevocationStatusUnavailable'
  | 'kNoRootFound'
  | 'kChainIncomplete'
  | 'kSignatureInvalid'
  | 'kInvalidPurpose';

export const FAILURE_CODES: Readonly<Record<VerifyFailure, { result: SeedResultCode | undefined; error: string }>> = Object.freeze({
  expired: { result: 'kExpired', error: 'kCertificateExpired' },
  'not-yet-valid': { result: 'kNotYetValid', error: 'kCertChainVerifyFailed' },
  revoked: { result: 'kRevoked', error: 'kCertificateRevoked' },
  'revocation-unknown': { result: 'kRevocationStatusUnavailable', error: 'kCertChainVerifyFailed' },
  'untrusted-root': { result: 'kNoRootFound', error: 'kTrustAnchorNotFound' },
  'anchor-not-found': { result: 'kChainIncomplete', error: 'kTrustAnchorNotFound' },
  'bad-signature': { result: 'kSignatureInvalid', error: 'kCertificateVerifyFailed' },
  'constraint-violated': { result: 'kInvalidPurpose', error: 'kCertChainVerifyFailed' },
  'name-mismatch': { result: 'kInvalidPurpose', error: 'kCertificateVerifyFailed' },
  'key-usage': { result: 'kInvalidPurpose', error: 'kCertificateVerifyFailed' },
  'path-too-long': { result: 'kChainIncomplete', error: 'kCertChainVerifyFailed' },
  'unsupported-critical-extension': { result: undefined, error: 'kCertChainVerifyFailed' },
  'budget-exceeded': { result: undefined, error: 'kQuotaExceeded' },
  malformed: { result: undefined, error: 'kCertificateParsingFailed' },
  'unsupported-algorithm': { result: undefined, error: 'kUnsupportedAlgorithm' },
});
