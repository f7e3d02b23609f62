/** Bounds on everything a guest controls. Closed by default; an embedder may raise them. */
export interface HostLimits {
  /** Largest single input (message, plaintext, absorbed chunk) accepted, in bytes. */
  maxInputBytes: number;
  /** Largest output a guest may request (squeeze length, XOF output), in bytes. */
  maxOutputBytes: number;
  /** Most bytes a buffering state (EdDSA signing, AEAD associated data) may hold. */
  maxStateBufferBytes: number;
  /** Most live handles (of all resource types together) per host instance. */
  maxHandles: number;
  /** Largest option value, in bytes. */
  maxOptionBytes: number;
  /** Largest key accepted for algorithms with variable-length keys (HMAC, KMAC, HKDF), in bytes. */
  maxKeyBytes: number;
  /** Most memory a password hash may use: Argon2 `memory_limit`, scrypt 128·r·(N+p), in bytes. */
  maxPwhashMemoryBytes: number;
  /** Most PBKDF2 iterations (`ops_limit`). */
  maxPbkdf2Iterations: number;
  /** Most Argon2 passes (`ops_limit`). */
  maxArgon2Passes: number;
  /** Most lanes / parallel blocks (Argon2 and scrypt `parallelism`). */
  maxPwhashParallelism: number;
  /** Largest certificate (DER, or PEM text) `certificates` parses, in bytes. */
  maxCertificateBytes: number;
  /** Largest certificate bundle (PEM text or concatenated DER), in bytes. */
  maxBundleBytes: number;
  /** Most certificates in one bundle. */
  maxBundleCertificates: number;
  /** Largest CRL (DER, or PEM text), in bytes. */
  maxCrlBytes: number;
  /** Most members of one trust store. */
  maxTrustStoreMembers: number;
  /** Largest stored state of one persistent trust store (its own members' certificates and CRLs), in bytes. */
  maxTrustStoreBytes: number;
  /** Most certificates (chain, untrusted, anchors) and CRLs one verification context holds, each. */
  maxVerifyInputs: number;
  /** Most intermediate certificates between leaf and anchor in a verified path (the default and largest `set-max-depth`). */
  maxChainDepth: number;
}

export const DEFAULT_LIMITS: Readonly<HostLimits> = Object.freeze({
  maxInputBytes: 64 * 1024 * 1024,
  maxOutputBytes: 16 * 1024 * 1024,
  maxStateBufferBytes: 64 * 1024 * 1024,
  maxHandles: 65536,
  maxOptionBytes: 64 * 1024,
  maxKeyBytes: 8192,
  maxPwhashMemoryBytes: 256 * 1024 * 1024,
  maxPbkdf2Iterations: 10_000_000,
  maxArgon2Passes: 64,
  maxPwhashParallelism: 64,
  maxCertificateBytes: 64 * 1024,
  maxBundleBytes: 4 * 1024 * 1024,
  maxBundleCertificates: 512,
  maxCrlBytes: 16 * 1024 * 1024,
  maxTrustStoreMembers: 1024,
  maxTrustStoreBytes: 32 * 1024 * 1024,
  maxVerifyInputs: 256,
  maxChainDepth: 8,
});

export function resolveLimits(partial: Partial<HostLimits> | undefined): HostLimits {
  const out: HostLimits = { ...DEFAULT_LIMITS };
  if (partial) {
    for (const k of Object.keys(DEFAULT_LIMITS) as (keyof HostLimits)[]) {
      const v = partial[k];
      if (v === undefined) continue;
      if (!Number.isSafeInteger(v) || v < 0) throw new TypeError(`limits.${k} must be a non-negative safe integer, got ${String(v)}`);
      out[k] = v;
    }
  }
  return out;
}
