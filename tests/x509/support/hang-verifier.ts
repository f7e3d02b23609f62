/** A ChainVerifier that never returns for one limbo case, to prove the harness's time limit (tests/x509/harness.test.ts). */
import type { ChainVerifier } from '../../../host/src/conformance/limbo/types.js';
import { createVerifier as core } from '../../../host/src/conformance/limbo/core-verifier.js';

export function createVerifier(): ChainVerifier {
  const inner = core();
  return (req) => {
    if (req.maxDepth === 0 && req.intermediates?.length === 0) for (;;); // pathlen::max-chain-depth-0 spins forever
    return inner(req);
  };
}
