/**
 * Types shared by the Wycheproof conformance runner and its schema handlers.
 *
 * A schema handler turns the test groups of one Wycheproof schema family into `TestCase`s, each
 * with one or more `Probe`s: one way of computing the test's result through the WIT-facing
 * interface objects (what jco's glue calls), e.g. "state encrypt" or "symmetric-key.seal". The
 * runner executes every probe of every test on every backend and judges the outcomes against the
 * test's expected result (`valid`, `invalid`, `acceptable`).
 * @module
 */
import type { CryptoImportObject } from '../host.js';
import type { InjectableRandom } from './random.js';
import type { Scope } from './scope.js';

export type BackendName = 'node' | 'noble';
export const BACKEND_NAMES: readonly BackendName[] = Object.freeze(['node', 'noble']);

/** The `result` of a Wycheproof test vector. */
export type Verdict = 'valid' | 'invalid' | 'acceptable';

/** The wasi:crypto import object of one host (`CryptoHost.getImportObject()`). */
export type Imports = CryptoImportObject;

export const SKIP_AES_192 = 'AES-192 is outside the spec';
export const SKIP_GCM_NONCE = 'GCM nonces other than 96 bits';
export const SKIP_TRUNCATED_MAC = 'truncated MAC tags';
export const SKIP_MLDSA_MU = 'ML-DSA tests that give a precomputed µ instead of a message (the API signs messages)';

/**
 * The only reasons for which a `valid` or `acceptable` test may be skipped. An `invalid` test is
 * never skipped: with these parameters it must still fail with a typed error.
 */
export const ALLOWED_SKIP_REASONS = Object.freeze([SKIP_AES_192, SKIP_GCM_NONCE, SKIP_TRUNCATED_MAC, SKIP_MLDSA_MU] as const);
export type SkipReason = (typeof ALLOWED_SKIP_REASONS)[number];

/**
 * Why a test does not apply to a backend at all: the documented contract says that backend does
 * not offer the algorithm (it answers `unsupported-algorithm`). Such a test is neither passed,
 * failed nor skipped there: it is counted apart, and only after every probe has confirmed the
 * `unsupported-algorithm` answer (any other outcome fails the test).
 */
export const NA_RSA_PORTABLE = 'RSA on the portable noble backend, which answers unsupported-algorithm by design (docs/asymmetric.md)';
export const NOT_APPLICABLE_REASONS = Object.freeze([NA_RSA_PORTABLE] as const);
export type NotApplicableReason = (typeof NOT_APPLICABLE_REASONS)[number];

/** What a probe may use besides the interface objects. */
export interface ProbeEnv {
  /** The backend the host under test runs on. */
  readonly backend: BackendName;
  /**
   * The host's random source (the `random` of `createCryptoHost`): the platform CSPRNG, except
   * while a probe injects a vector's fixed randomness (ML-KEM `m`, ML-DSA `rnd`).
   */
  readonly random: InjectableRandom;
}

/**
 * What a probe does with the test's inputs, which decides how an `invalid` test is judged:
 * - `produce`: computes an output from the inputs (encrypt, MAC). For an `invalid` test whose
 *   parameters are usable, it may succeed, but only with an output other than the vector's
 *   (the invalid part of such a vector is its ciphertext or tag, which encryption does not read).
 * - `check`: consumes the vector's output (decrypt, verify) or derives one (KDFs). For an
 *   `invalid` test it must fail with a typed error.
 */
export type ProbeRole = 'produce' | 'check';

/** One way of computing a test's result through the interface objects. */
export interface Probe {
  /** Shown in failure messages, e.g. "state encrypt", "symmetric-key.seal". */
  readonly name: string;
  readonly role: ProbeRole;
  /** The output a successful run must return; `null` when success returns nothing (verify). */
  readonly expected: Uint8Array | null;
  /**
   * The backends this probe runs on (default: every backend). E.g. an exact-output check of a
   * randomized operation runs where the vector's randomness can be injected, a round-trip check
   * elsewhere.
   */
  readonly backends?: readonly BackendName[];
  /**
   * Runs the probe. Every resource it creates must be handed to `scope` (which disposes them all
   * afterwards, as jco does when a guest drops its handles). Throws whatever the host throws;
   * throws `OutputMismatch` for an inconsistency the runner detects (e.g. `tag.len()` disagrees
   * with `tag.to-bytes()`).
   */
  run(imports: Imports, scope: Scope, env: ProbeEnv): Uint8Array | null;
}

/** One Wycheproof test vector, ready to run. */
export interface TestCase {
  readonly tcId: number | null;
  readonly comment: string;
  /** `null` only for a malformed vector whose result could not be read. */
  readonly result: Verdict | null;
  readonly flags: readonly string[];
  /** Our algorithm name (e.g. "AES-128-GCM"), for messages. */
  readonly algorithm: string;
  /**
   * Set when the test uses a parameter the host deliberately does not offer. The runner skips the
   * test for that reason only if the expected result is `valid` or `acceptable`.
   */
  readonly outOfScope?: SkipReason;
  /**
   * Backends that by contract do not offer this test's algorithm. There every probe must fail
   * with `unsupported-algorithm`; the test then counts as not applicable (neither pass, fail nor
   * skip).
   */
  readonly notApplicable?: { readonly backends: readonly BackendName[]; readonly reason: NotApplicableReason };
  /**
   * The group's parameters (key size, nonce size, …) are ones the documented algorithm rejects, so
   * every probe of an `invalid` test must fail, `produce` probes included.
   */
  readonly rejectsParameters: boolean;
  readonly probes: readonly Probe[];
  /** A problem with the vector itself (missing field, bad hex); the test fails with it. */
  readonly malformed?: string;
}

/** The fields of a Wycheproof file that select how it is run. */
export interface FileHeader {
  /** The `schema` field as written in the file. */
  readonly schema: string;
  readonly algorithm: string;
}

/**
 * Knows one family of Wycheproof schemas. To support more schemas (signatures, key exchange), add
 * a module exporting a handler and list it in `registry.ts`.
 */
export interface SchemaHandler {
  /** A short name for messages ("aead", "mac", …). */
  readonly family: string;
  /**
   * The `schema` values this handler runs, without the `.json` suffix (older Wycheproof releases
   * name the same formats without `_v1`).
   */
  readonly schemas: readonly string[];
  /** Whether this handler maps the file's `algorithm` to one of ours; if not, why. */
  resolveAlgorithm(algorithm: string): { ok: true } | { ok: false; reason: string };
  /**
   * Whether the parameters of one test group (curve, hash, key size, …) map to one of our
   * algorithms; if not, why (the file is then unsupported, as for an unknown `algorithm`). Fields
   * it cannot read are left to `planGroup`, which reports them as malformed.
   */
  resolveGroup?(header: FileHeader, group: Readonly<Record<string, unknown>>): { ok: true } | { ok: false; reason: string };
  /**
   * Turns one test group into test cases. Throws `VectorFormatError` if the group itself is
   * malformed (its tests are then failed with that message). A malformed test yields a case with
   * `malformed` set instead of throwing.
   */
  planGroup(header: FileHeader, group: Readonly<Record<string, unknown>>): TestCase[];
}

/** One test that did not pass. */
export interface Failure {
  readonly file: string;
  /** `null` for a failure of the whole file (unreadable, unsupported schema). */
  readonly backend: BackendName | null;
  readonly tcId: number | null;
  readonly comment: string;
  readonly result: Verdict | null;
  readonly flags: readonly string[];
  /** What happened, one entry per failing probe. */
  readonly problems: readonly string[];
}

/** The outcome of one file on one backend (or of an unusable file: `backend === null`). */
export interface FileResult {
  readonly file: string;
  readonly backend: BackendName | null;
  readonly schema: string | null;
  readonly algorithm: string | null;
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  /** Skip counts by reason. */
  readonly skipReasons: Readonly<Partial<Record<SkipReason, number>>>;
  /** Tests that do not apply to this backend (confirmed `unsupported-algorithm`); not counted above. */
  readonly notApplicable: number;
  readonly notApplicableReasons: Readonly<Partial<Record<NotApplicableReason, number>>>;
  /** Why the whole file failed (it then counts as one failed test), else `null`. */
  readonly error: string | null;
  /** Remarks that do not fail the file (e.g. a `numberOfTests` header that disagrees). */
  readonly notes: readonly string[];
  readonly failures: readonly Failure[];
}

export interface SkipReasonCount {
  readonly file: string;
  readonly backend: BackendName;
  readonly reason: SkipReason;
  readonly count: number;
}

export interface RunSummary {
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  /** Tests that do not apply to the backend they were run on; not in `passed`, `failed` or `skipped`. */
  readonly notApplicable: number;
  readonly perFile: readonly FileResult[];
  readonly skipReasons: readonly SkipReasonCount[];
  readonly failures: readonly Failure[];
}

export interface RunOptions {
  /** Backends to run each file on (default: both). */
  readonly backends?: readonly BackendName[];
  /** Called after each file, with its results on every backend (in `backends` order). */
  readonly onFile?: (results: readonly FileResult[]) => void;
}
