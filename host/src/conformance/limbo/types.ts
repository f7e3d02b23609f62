/** The x509-limbo testcase format (limbo-schema.json, version 1) and the harness's result format. */
import type { VerifyRequest, VerifyResult } from '../../core/x509/index.js';

export interface LimboPeerName {
  kind: 'DNS' | 'IP' | 'RFC822';
  value: string;
}

export interface LimboTestcase {
  id: string;
  conflicts_with: string[];
  features: string[];
  importance: string;
  description: string;
  validation_kind: 'SERVER' | 'CLIENT';
  trusted_certs: string[];
  untrusted_intermediates: string[];
  peer_certificate: string;
  peer_certificate_key: string | null;
  validation_time: string | null;
  signature_algorithms: string[];
  key_usage: string[];
  extended_key_usage: string[];
  expected_result: 'SUCCESS' | 'FAILURE';
  expected_peer_name: LimboPeerName | null;
  expected_peer_names: LimboPeerName[];
  max_chain_depth: number | null;
  crls: string[];
}

export interface Limbo {
  version: number;
  testcases: LimboTestcase[];
}

/** limbo's ActualResult (limbo.models): HANG is a case stopped by the harness's time limit. */
export type ActualResult = 'SUCCESS' | 'FAILURE' | 'SKIPPED' | 'HANG';

/** limbo's own LimboResult format (harness/README.md). */
export interface LimboResult {
  version: 1;
  harness: string;
  results: { id: string; actual_result: ActualResult; context: string | null }[];
}

/**
 * The pluggable part of the harness: something that verifies one chain. The core runner calls
 * `verifyChain` directly; the interface layer plugs in a verifier that goes through the WIT
 * `certificates` resources. A module given with `--verifier` must export
 * `createVerifier(): ChainVerifier | Promise<ChainVerifier>`.
 */
export type ChainVerifier = (req: VerifyRequest) => VerifyResult;

/** What running one case produced. */
export interface CaseOutcome {
  id: string;
  /** SUCCESS/FAILURE/SKIPPED as limbo defines them; HANG when the time limit stopped the case. */
  actual: ActualResult;
  expected: 'SUCCESS' | 'FAILURE';
  /**
   * The verifier or the harness threw instead of answering: reported as FAILURE in limbo's format
   * but never counted as passed, even for a case that expects FAILURE.
   */
  crashed?: boolean;
  /** Why (the validator's failure and detail, or the skip reason). */
  context: string;
  /** Wall-clock milliseconds of the verification itself (undefined for skips and hangs). */
  ms?: number;
}
