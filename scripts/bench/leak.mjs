// Leak check: open/close cycles of each resource type, sampling RSS and the host's live handles
// every 10,000 cycles; the RSS (and JS heap / external memory) slope after warm-up (bytes per 10k cycles) by least squares.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc');

export const STEP = 10_000;

/** Least-squares slope of y over x. */
function slope(xs, ys) {
  const n = xs.length;
  if (n < 2) return NaN;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (xs[i] - mx) * (ys[i] - my);
    den += (xs[i] - mx) ** 2;
  }
  return num / den;
}

/**
 * Runs `cycles` cycles as `steps` calls of `step10k()` (each STEP cycles, may be async), sampling
 * after each. `handles()` returns the host's live-handle total. Warm-up: the first 2 steps.
 */
export async function leakRun(name, step10k, handles, { cycles = 100_000, warmSteps = 2 } = {}) {
  gc();
  const handlesStart = handles();
  const mem = () => {
    const m = process.memoryUsage();
    return { rss: m.rss, heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers };
  };
  const samples = [{ cycles: 0, ...mem(), handles: handlesStart }];
  const t0 = Date.now();
  for (let done = 0; done < cycles; done += STEP) {
    const r = step10k();
    if (r && typeof r.then === 'function') await r;
    gc();
    samples.push({ cycles: done + STEP, ...mem(), handles: handles() });
  }
  const after = samples.filter((s) => s.cycles >= warmSteps * STEP);
  const slopeOf = (k) =>
    slope(
      after.map((s) => s.cycles / STEP),
      after.map((s) => s[k]),
    );
  return {
    name,
    cycles,
    seconds: (Date.now() - t0) / 1000,
    rssSlopeBytesPer10k: slopeOf('rss'),
    // Where RSS growth lives: the JS heap, or outside it (external = ArrayBuffers incl. wasm
    // memories that jco views, and native allocations V8 knows of).
    heapSlopeBytesPer10k: slopeOf('heapUsed'),
    externalSlopeBytesPer10k: slopeOf('external'),
    handlesStart,
    handlesEnd: samples[samples.length - 1].handles,
    samples,
  };
}
