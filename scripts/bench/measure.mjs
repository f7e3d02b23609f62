// Timing core of the bench harness: warm-up, calibrated batches, interleaved rounds, statistics.
//
// A *path* is { name, batch(iters) → undefined | number | bigint | Promise<…> }: it runs the
// operation `iters` times. The harness times the call from outside (hrtime); a path may also return
// the nanoseconds it measured itself (a guest export timing its own loop), kept as `inner`.
import { hrtime } from 'node:process';

const now = () => hrtime.bigint();

/** Runs one batch; returns { outer, inner } in ns for the whole batch (inner may be undefined). */
export async function timeBatch(path, iters) {
  const t0 = now();
  let r = path.batch(iters);
  if (r && typeof r.then === 'function') r = await r;
  const outer = Number(now() - t0);
  return { outer, inner: r === undefined || r === null ? undefined : Number(r) };
}

/**
 * Warm-up: batches of growing size until `warmMs` of work has run (at least one call). Returns the
 * estimated ns/op of the last batch.
 */
export async function warmUp(path, warmMs) {
  const budget = warmMs * 1e6;
  let iters = 1;
  let spent = 0;
  let est = Infinity;
  for (;;) {
    const { outer } = await timeBatch(path, iters);
    spent += outer;
    est = Math.max(1, outer / iters);
    if (spent >= budget) break;
    iters = Math.max(1, Math.min(iters * 2, Math.floor((budget - spent) / est)));
  }
  return est;
}

/** Linear-interpolated quantile of a sorted array. */
export function quantile(sorted, q) {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** Summary of per-batch ns/op samples. */
export function summarize(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const median = quantile(s, 0.5);
  return {
    medianNs: median,
    opsPerSec: 1e9 / median,
    spread: { minNs: s[0], maxNs: s[s.length - 1], p10Ns: quantile(s, 0.1), p90Ns: quantile(s, 0.9) },
    batches: s.length,
  };
}

/**
 * Measures the paths of one workload: each is warmed up and calibrated (one batch ≈ `batchMs`),
 * then `batches` rounds run the paths round-robin (A,B,C,A,B,C… with the order reversed on every
 * other round), so that machine noise hits all of them. A path slower than a batch (one op >
 * `batchMs`) runs at most `slowBatches` batches of one op.
 * Returns Map name → { iters, ...summarize(outer), inner?: summarize(inner) } or { error }.
 */
export async function measurePaths(paths, { warmMs, batchMs, batches, slowBatches = 3, log = () => {} }) {
  const st = new Map();
  for (const p of paths) {
    try {
      const est = await warmUp(p, warmMs);
      const iters = Math.max(1, Math.round((batchMs * 1e6) / est));
      const limit = est > batchMs * 1e6 ? Math.min(batches, slowBatches) : batches;
      st.set(p.name, { p, iters, limit, outer: [], inner: [] });
    } catch (e) {
      st.set(p.name, { p, error: errorText(e) });
      log(`  ${p.name}: ${errorText(e)}`);
    }
  }
  const live = [...st.values()].filter((s) => !s.error);
  for (let round = 0; round < batches; round++) {
    const order = round % 2 ? [...live].reverse() : live;
    for (const s of order) {
      if (s.error || s.outer.length >= s.limit) continue;
      try {
        const { outer, inner } = await timeBatch(s.p, s.iters);
        s.outer.push(outer / s.iters);
        if (inner !== undefined && Number.isFinite(inner) && inner > 0) s.inner.push(inner / s.iters);
      } catch (e) {
        s.error = errorText(e);
      }
    }
  }
  const out = new Map();
  for (const [name, s] of st) {
    if (s.error && !s.outer?.length) {
      out.set(name, { error: s.error });
      continue;
    }
    const r = { iters: s.iters, ...summarize(s.outer) };
    if (s.inner.length) r.inner = summarize(s.inner);
    out.set(name, r);
  }
  return out;
}

export function errorText(e) {
  if (e && typeof e === 'object') {
    const payload = 'payload' in e ? ` (${String(e.payload)})` : '';
    return `${e.name ?? 'Error'}: ${e.message ?? String(e)}${payload}`.slice(0, 300);
  }
  return String(e).slice(0, 300);
}

/** Formats ns as ns / µs / ms / s with 3 significant digits. */
export function fmtNs(ns) {
  if (!Number.isFinite(ns)) return '—';
  if (ns < 1e3) return `${ns.toFixed(0)} ns`;
  if (ns < 1e6) return `${(ns / 1e3).toPrecision(3)} µs`;
  if (ns < 1e9) return `${(ns / 1e6).toPrecision(3)} ms`;
  return `${(ns / 1e9).toPrecision(3)} s`;
}

export function fmtCount(x) {
  if (!Number.isFinite(x)) return '—';
  if (x >= 1e6) return `${(x / 1e6).toPrecision(3)}M`;
  if (x >= 1e3) return `${(x / 1e3).toPrecision(3)}k`;
  return x.toPrecision(3);
}
