/**
 * The random source the runner gives every host it creates (`createCryptoHost({ random })`, the
 * embedder's documented hook, not a back door): the platform CSPRNG, except while a probe injects
 * the fixed randomness of a vector (ML-KEM encapsulation's `m`, ML-DSA signing's `rnd`). Then the
 * host's draws must consume exactly those bytes, in order: a draw beyond them fails (the host
 * turns that into `rng-error`), and bytes left undrawn are reported by `finish`.
 * @module
 */
import { platformRandom, type RandomSource } from '../core/random.js';

export class InjectableRandom {
  #injected: Uint8Array | null = null;
  #pos = 0;
  #draws: number[] = [];
  #problem: string | null = null;

  /** The function to pass as `createCryptoHost({ random })`. */
  readonly source: RandomSource = (out) => {
    const bytes = this.#injected;
    if (bytes === null) {
      platformRandom(out);
      return;
    }
    this.#draws.push(out.length);
    if (this.#pos + out.length > bytes.length) {
      this.#problem ??= `the host drew ${this.#describeDraws()} random bytes, more than the ${bytes.length} the vector fixes`;
      throw new Error(`conformance runner: ${this.#problem}`);
    }
    out.set(bytes.subarray(this.#pos, this.#pos + out.length));
    this.#pos += out.length;
  };

  /** Makes the host's next draws return exactly `bytes` (until `finish`). */
  inject(bytes: Uint8Array): void {
    if (this.#injected !== null) throw new Error('conformance runner: randomness injected twice');
    this.#injected = Uint8Array.from(bytes);
    this.#pos = 0;
    this.#draws = [];
    this.#problem = null;
  }

  /**
   * Ends the injection. Returns what went wrong (the host drew more than the injected bytes, or
   * fewer), or `null` if it drew exactly them; `drewAll` tells the two "fewer" cases apart for the
   * caller: an operation that failed before drawing may legitimately leave them undrawn.
   */
  finish(): { problem: string | null; overdrawn: boolean; drewAll: boolean } {
    const bytes = this.#injected;
    if (bytes === null) throw new Error('conformance runner: no randomness injected');
    const overdrawn = this.#problem !== null;
    const drewAll = this.#pos === bytes.length;
    const problem =
      this.#problem ??
      (drewAll
        ? null
        : this.#draws.length === 0
          ? `the host drew none of the ${bytes.length} random bytes the vector fixes (docs/asymmetric.md: they come from the host's random source)`
          : `the host drew only ${this.#describeDraws()} of the ${bytes.length} random bytes the vector fixes`);
    this.#injected = null;
    this.#pos = 0;
    this.#draws = [];
    this.#problem = null;
    return { problem, overdrawn, drewAll };
  }

  #describeDraws(): string {
    const total = this.#draws.reduce((n, d) => n + d, 0);
    return this.#draws.length === 1 ? `${total}` : `${total} (${this.#draws.join(' + ')})`;
  }
}
