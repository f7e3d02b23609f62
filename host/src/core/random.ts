/** Fills `out` with random bytes. The host's random source is part of its config so tests can inject one. */
export type RandomSource = (out: Uint8Array) => void;

/** The platform CSPRNG through Web Crypto (`globalThis.crypto`), present in Node ≥ 20, browsers and edge runtimes. */
export const platformRandom: RandomSource = (out) => {
  // getRandomValues is limited to 65536 bytes per call.
  for (let off = 0; off < out.length; off += 65536) {
    globalThis.crypto.getRandomValues(out.subarray(off, Math.min(out.length, off + 65536)));
  }
};

export function randomBytes(rng: RandomSource, n: number): Uint8Array {
  const out = new Uint8Array(n);
  rng(out);
  return out;
}
