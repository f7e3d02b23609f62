/**
 * Wycheproof conformance runner for the wasi:crypto host (a Node tool). Library API for tests;
 * `cli.ts` is the command line (`npm run conformance`).
 * @module
 */
export { main } from './cli.js';
export { judgeCase, typedErrorCode, type CaseVerdict } from './judge.js';
export { handlerForSchema, normalizeSchema, supportedSchemas } from './registry.js';
export { InjectableRandom } from './random.js';
export { planFile, readVectorFile, runFile, runFiles, supportsFile, type PlannedFile } from './runner.js';
export {
  ALLOWED_SKIP_REASONS,
  BACKEND_NAMES,
  SKIP_AES_192,
  SKIP_GCM_NONCE,
  SKIP_TRUNCATED_MAC,
  SKIP_MLDSA_MU,
  NA_RSA_PORTABLE,
  NOT_APPLICABLE_REASONS,
  type BackendName,
  type Failure,
  type FileResult,
  type RunOptions,
  type RunSummary,
  type SchemaHandler,
  type SkipReason,
  type SkipReasonCount,
  type TestCase,
  type Probe,
  type ProbeEnv,
  type NotApplicableReason,
  type Verdict,
} from './types.js';
