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
