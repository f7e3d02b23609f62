/**
 * ABI-free X.509 certificate-path validation (RFC 5280 §6, optional Web PKI profile) with CRL
 * revocation, parsing through @peculiar/asn1-x509 and signature verification through our backends.
 * See docs/certificates-validator.md.
 */
export {
  verifyChain,
  DEFAULT_BUDGETS,
  type PeerName,
  type VerifyRequest,
  type TrustAnchorInput,
  type VerifyFailure,
  type VerifyResult,
  type VerifyBudgets,
  type VerifyStats,
} from './verify.js';
export { parseCertificate, parseCrl, ParseError, OID, type ParsedCertificate, type ParsedCrl } from './cert.js';
export { decodePublicKey, verifySignature, UnsupportedAlgorithm, type PublicKey } from './signature.js';
export { pemToDer, derToPem, splitPem } from './pem.js';
export { FAILURE_CODES, type SeedResultCode } from './codes.js';
