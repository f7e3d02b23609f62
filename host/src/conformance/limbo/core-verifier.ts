/** The default ChainVerifier: the core validator over the node backend. */
import { createNodeBackend } from '../../backends/node.js';
import { verifyChain } from '../../core/x509/index.js';
import type { ChainVerifier } from './types.js';

export function createVerifier(): ChainVerifier {
  const backend = createNodeBackend();
  return (req) => verifyChain(req, backend);
}
