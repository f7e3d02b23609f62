// Ratios, goals, the terminal table and the SVG chart of the bench harness.
import { fmtCount, fmtNs } from './measure.mjs';
import { sizeLabel } from './workloads.mjs';

/** ns/op of a path: the guest-measured time for guest paths, else the harness-measured one. */
export const nsOf = (r) => (r && !r.error ? (r.inner?.medianNs ?? r.medianNs) : undefined);

/** Ratios of one case `c` ({ baseline, paths: { name → result } }). */
export function caseRatios(c) {
  const ns = (n) => nsOf(c.paths[n]);
  const out = {};
  const put = (key, a, b) => {
    if (a !== undefined && b !== undefined && b > 0) out[key] = a / b;
  };
  const bases = [...new Set([c.baseline, 'direct-node'])].filter((b) => ns(b) !== undefined);
  const contenders = Object.keys(c.paths).filter((n) => !n.startsWith('direct-') && !n.startsWith('floor-') && !n.startsWith('in-guest-'));
  for (const p of contenders) for (const b of bases) put(`${p}/${b}`, ns(p), ns(b));
  for (const p of Object.keys(c.paths).filter((n) => n.startsWith('in-guest-'))) for (const b of bases) put(`${p}/${b}`, ns(p), ns(b));
  for (const p of contenders.filter((n) => n.startsWith('guest-'))) {
    const engine = p.split('-')[1];
    put(`${p}/in-guest-${engine}`, ns(p), ns(`in-guest-${engine}`));
    const floor = ns(`floor-${engine}`);
    const base = ns(c.baseline);
    if (floor !== undefined && base !== undefined) put(`${p}/(${c.baseline} + floor-${engine})`, ns(p), base + floor);
  }
  for (const e of ['sm', 'qjs']) put(`floor-${e}-unpatched/floor-${e}`, ns(`floor-${e}-unpatched`), ns(`floor-${e}`));
  put('host-stream/host', ns('host-stream'), ns('host'));
  put('direct-noble/direct-node', ns('direct-noble'), ns('direct-node'));
  return out;
}

/**
 * Boundary calls a guest's streaming path makes beyond the one-shot call (bench/guest/bench.js):
 * e.g. HMAC: open, absorb, squeeze-tag, tag.to-bytes, drop tag, drop state = 6 calls vs `mac`.
 */
const STREAM_EXTRA_CALLS = { sha256: 3, 'hmac-sha256': 5, 'aes256gcm-seal': 2, 'chacha20poly1305-seal': 2, 'ed25519-sign': 5, 'p256-sign': 5, 'ed25519-verify': 3, 'p256-verify': 3 };

/** The issue's goals that one run can judge: [{ goal, case, ratio, limit, ok }]. */
export function goals(cases, load, leak) {
  const g = [];
  const nopCase = cases.find((c) => c.workload === 'nop');
  const oneShot = /^(sha256|hmac-sha256|aes256gcm-seal|chacha20poly1305-seal|ed25519-sign|ed25519-verify|p256-sign|p256-verify)$/;
  for (const c of cases) {
    const id = `${c.workload}${c.size ? ` ${sizeLabel(c.size)}` : ''}`;
    for (const [k, v] of Object.entries(c.ratios)) {
      if (/^guest-(sm|qjs)\/\(/.test(k) && (oneShot.test(c.workload) || c.baseline === 'direct-noble')) {
        g.push({ goal: 'guest ≤ 1.25 × (baseline + floor)', case: id, ratio: k, value: v, limit: 1.25, ok: v <= 1.25 });
      }
      if (/^guest-(sm|qjs)\/in-guest/.test(k) && ((c.workload === 'aes256gcm-seal' && c.size === 1048576) || c.workload === 'ed25519-sign')) {
        g.push({ goal: 'host crypto ≥ 100× faster than in-guest', case: id, ratio: k, value: v, limit: 0.01, ok: v <= 0.01 });
      }
    }
    for (const e of ['sm', 'qjs']) {
      const s = nsOf(c.paths[`guest-${e}-stream`]);
      const o = nsOf(c.paths[`guest-${e}`]);
      const f = nsOf(nopCase?.paths[`floor-${e}`]);
      const extra = STREAM_EXTRA_CALLS[c.workload];
      if (s !== undefined && o !== undefined && f !== undefined && extra !== undefined) {
        const v = (s - o) / f;
        g.push({ goal: `stream ≤ one-shot + one empty-call floor per extra call (${extra} extra calls)`, case: id, ratio: `(guest-${e}-stream − guest-${e})/floor-${e}(nop)`, value: v, limit: extra, ok: v <= extra });
      }
    }
  }
  const nop = cases.find((c) => c.workload === 'nop');
  if (nop) {
    // The toolchain probe's 4.3 µs: a C guest's empty-ish call with the process.env fix applied.
    const f = nsOf(nop.paths['floor-qjs']);
    const u = nsOf(nop.paths['floor-qjs-unpatched']);
    if (f !== undefined) g.push({ goal: 'empty-call floor from QuickJS < 4.3 µs (with the glue patch)', case: 'nop', ratio: 'floor-qjs µs', value: f / 1000, limit: 4.3, ok: f < 4300 });
    if (u !== undefined) g.push({ goal: 'empty-call floor from QuickJS without the glue patch (reported)', case: 'nop', ratio: 'floor-qjs-unpatched µs', value: u / 1000, limit: null, ok: null });
  }
  for (const l of load) {
    if (l.firstMs && l.cachedMs) g.push({ goal: 'cached load ≥ 10× faster than first', case: `component-load ${l.engine}`, ratio: 'first/cached', value: l.firstMs / l.cachedMs, limit: 10, ok: l.firstMs / l.cachedMs >= 10 });
  }
  for (const l of leak ?? []) {
    g.push({ goal: 'live handles back to start after churn', case: `leak ${l.name}`, ratio: 'handles end − start', value: l.handlesEnd - l.handlesStart, limit: 0, ok: l.handlesEnd === l.handlesStart });
    if (l.heapSlopeBytesPer10k !== undefined && l.cycles > 0) {
      // ≈ 0: under 64 KiB per 10,000 cycles (< 7 bytes a cycle; the jco _createdReps leak was ~29).
      g.push({ goal: 'host JS heap slope ≈ 0 after warm-up (< 64 KiB/10k cycles)', case: `leak ${l.name}`, ratio: 'heap KiB/10k', value: l.heapSlopeBytesPer10k / 1024, limit: 64, ok: l.heapSlopeBytesPer10k < 64 * 1024 });
      g.push({ goal: 'RSS slope after warm-up (reported; includes the guest engine\'s own linear memory)', case: `leak ${l.name}`, ratio: 'RSS KiB/10k', value: l.rssSlopeBytesPer10k / 1024, limit: null, ok: null });
    }
  }
  return g;
}

const pad = (s, n) => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const lpad = (s, n) => (s.length >= n ? s : ' '.repeat(n - s.length) + s);

/** The terminal table. */
export function table(result) {
  const L = [];
  const head = [pad('workload', 30), pad('path', 20), lpad('median/op', 11), lpad('p10–p90 of batches', 23), lpad('ops/s', 8), lpad('× base', 9), '  harness-timed'];
  L.push(head.join(' '));
  L.push('-'.repeat(120));
  for (const c of result.workloads) {
    const id = `${c.workload}${c.size ? ` ${sizeLabel(c.size)}` : ''}`;
    const base = nsOf(c.paths[c.baseline]);
    let first = true;
    const grouped = new Map();
    for (const [name, r] of Object.entries(c.paths)) {
      const w = pad(first ? id : '', 30);
      if (r.status && !r.error) {
        grouped.set(r.status, [...(grouped.get(r.status) ?? []), name]);
        continue;
      }
      first = false;
      if (r.error) {
        L.push(`${w} ${pad(name, 20)} ${r.status ? `${r.status}: ` : ''}error: ${r.error.slice(0, 70)}`);
        continue;
      }
      const m = r.inner ?? r;
      const ns = m.medianNs;
      const x = base ? `${(ns / base).toFixed(2)}×` : '';
      L.push(
        [w, pad(name, 20), lpad(fmtNs(ns), 11), lpad(`${fmtNs(m.spread.p10Ns)}–${fmtNs(m.spread.p90Ns)}`, 23), lpad(fmtCount(1e9 / ns), 8), lpad(x, 9), r.inner ? `  ${fmtNs(r.medianNs)}` : ''].join(' '),
      );
    }
    for (const [status, names] of grouped) L.push(`${pad('', 30)} ${names.join(', ')}: ${status}`);
    const rs = Object.entries(c.ratios).map(([k, v]) => `${k} = ${v < 0.1 ? v.toPrecision(2) : v.toFixed(v < 10 ? 2 : 1)}×`);
    for (let i = 0; i < rs.length; i += 3) L.push(`${pad('', 30)} ${rs.slice(i, i + 3).join('   ')}`);
  }
  if (result.componentLoad.length) {
    L.push('', 'component load / instantiation:');
    for (const l of result.componentLoad) {
      L.push(
        l.error
          ? `  ${l.engine} ${l.file}: error: ${l.error}`
          : `  ${pad(l.engine, 4)} ${pad(l.component, 24)} first (transpile) ${fmtNs(l.firstMs * 1e6)}   cached ${fmtNs(l.cachedMs * 1e6)}   first/cached ${(l.firstMs / l.cachedMs).toFixed(1)}×   instantiate ${fmtNs(l.instantiateMs * 1e6)}`,
      );
    }
  }
  if (result.leak?.length) {
    L.push('', 'leak check (open/close cycles, RSS and live handles sampled every 10,000):');
    for (const l of result.leak) {
      L.push(
        l.error
          ? `  ${pad(l.name, 30)} error: ${l.error}`
          : `  ${pad(l.name, 30)} ${l.cycles} cycles  RSS slope ${(l.rssSlopeBytesPer10k / 1024).toFixed(1)} KiB/10k after warm-up (JS heap ${((l.heapSlopeBytesPer10k ?? 0) / 1024).toFixed(1)}, external ${((l.externalSlopeBytesPer10k ?? 0) / 1024).toFixed(1)})  handles ${l.handlesStart} → ${l.handlesEnd}${l.handlesEnd === l.handlesStart ? ' ✓' : ' ✗'}`,
      );
    }
  }
  const judged = result.goals.filter((g) => g.ok !== null);
  if (judged.length) {
    L.push('', 'goals:');
    for (const g of judged) L.push(`  ${g.ok ? '✓' : '✗'} ${pad(g.case, 28)} ${pad(g.ratio, 44)} ${typeof g.value === 'number' ? g.value.toFixed(g.value < 10 ? 3 : 1) : g.value}  (${g.goal})`);
  }
  return L.join('\n');
}

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Colour of a ratio's bar by its kind. */
function colour(key) {
  if (key.includes('+ floor')) return '#d62728';
  if (key.includes('/in-guest')) return '#2ca02c';
  if (key.startsWith('host')) return '#1f77b4';
  if (key.startsWith('in-guest')) return '#8c564b';
  if (key.startsWith('direct-noble')) return '#7f7f7f';
  return '#ff7f0e';
}

/** Hand-written SVG: horizontal bars of every ratio per workload on a log scale, with the 1× line. */
export function svg(result) {
  const rows = [];
  for (const c of result.workloads) {
    const id = `${c.workload}${c.size ? ` ${sizeLabel(c.size)}` : ''}`;
    const entries = Object.entries(c.ratios).filter(([, v]) => Number.isFinite(v) && v > 0);
    if (!entries.length) continue;
    rows.push({ group: id });
    for (const [k, v] of entries) rows.push({ key: k, value: v });
  }
  const values = rows.filter((r) => r.key).map((r) => r.value);
  const lmin = Math.floor(Math.log10(Math.min(0.5, ...values)));
  const lmax = Math.ceil(Math.log10(Math.max(2, ...values)));
  const labelW = 330;
  const plotW = 560;
  const rowH = 16;
  const top = 48;
  const height = top + rows.length * rowH + 40;
  const width = labelW + plotW + 90;
  const x = (v) => labelW + ((Math.log10(v) - lmin) / (lmax - lmin)) * plotW;
  const o = [];
  o.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`);
  o.push(`<rect width="100%" height="100%" fill="#fff"/>`);
  o.push(`<text x="10" y="18" font-size="14" font-weight="bold">${esc(`wasi-crypto-host bench ${result.date}: time ratios (log scale; < 1× is faster)`)}</text>`);
  o.push(`<text x="10" y="34" fill="#555">${esc(`node ${result.machine.node} · ${result.machine.cpu} · ${result.machine.os}${result.options.quick ? ' · --quick' : ''}`)}</text>`);
  for (let e = lmin; e <= lmax; e++) {
    const gx = x(10 ** e).toFixed(1);
    o.push(`<line x1="${gx}" y1="${top - 4}" x2="${gx}" y2="${height - 30}" stroke="${e === 0 ? '#000' : '#ddd'}" stroke-width="${e === 0 ? 1.5 : 1}"/>`);
    o.push(`<text x="${gx}" y="${height - 16}" text-anchor="middle" fill="#333">${esc(e >= 0 ? `${10 ** e}×` : `${(10 ** e).toFixed(-e)}×`)}</text>`);
  }
  const one = x(1);
  rows.forEach((r, i) => {
    const y = top + i * rowH;
    if (r.group) {
      o.push(`<text x="10" y="${y + 12}" font-weight="bold">${esc(r.group)}</text>`);
      return;
    }
    const xv = x(r.value);
    const x0 = Math.min(one, xv);
    const w = Math.max(1, Math.abs(xv - one));
    o.push(`<text x="${labelW - 6}" y="${y + 12}" text-anchor="end" fill="#333">${esc(r.key)}</text>`);
    o.push(`<rect class="bar" x="${x0.toFixed(1)}" y="${y + 3}" width="${w.toFixed(1)}" height="${rowH - 5}" fill="${colour(r.key)}"><title>${esc(`${r.key} = ${r.value.toPrecision(3)}×`)}</title></rect>`);
    o.push(`<text x="${(Math.max(one, xv) + 4).toFixed(1)}" y="${y + 12}" fill="#000">${esc(`${r.value < 0.1 ? r.value.toPrecision(2) : r.value < 10 ? r.value.toFixed(2) : r.value.toFixed(0)}×`)}</text>`);
  });
  o.push('</svg>');
  return o.join('\n') + '\n';
}
