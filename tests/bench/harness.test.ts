// The bench harness (scripts/bench.mjs) on a tiny workload: the JSON's shape and the SVG chart.
// No timing assertions: only that every figure is a positive number and the ratios are there.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';

// build/tests/bench/harness.test.js → repository root
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const script = join(root, 'scripts', 'bench.mjs');
const dir = mkdtempSync(join(tmpdir(), 'wasi-crypto-bench-test-'));
after(() => rmSync(dir, { recursive: true, force: true }));

interface Summary {
  medianNs: number;
  opsPerSec: number;
  spread: { minNs: number; maxNs: number; p10Ns: number; p90Ns: number };
  batches: number;
}
interface PathResult extends Partial<Summary> {
  status?: string;
  error?: string;
  inner?: Summary;
}
interface Case {
  workload: string;
  size: number;
  baseline: string;
  paths: Record<string, PathResult>;
  ratios: Record<string, number>;
}
interface Result {
  date: string;
  machine: { node: string; cpu: string; os: string };
  workloads: Case[];
  floors: unknown[];
  componentLoad: unknown[];
  goals: unknown[];
}

function checkSummary(s: Summary, what: string): void {
  for (const k of ['medianNs', 'opsPerSec'] as const) assert.ok(typeof s[k] === 'number' && s[k] > 0, `${what}.${k} = ${s[k]}`);
  for (const k of ['minNs', 'maxNs', 'p10Ns', 'p90Ns'] as const) assert.ok(s.spread[k] > 0, `${what}.spread.${k}`);
  assert.ok(s.spread.minNs <= s.medianNs && s.medianNs <= s.spread.maxNs, `${what}: min ≤ median ≤ max`);
  assert.ok(s.batches >= 1, `${what}.batches`);
}

test('bench harness: --quick --filter sha256 writes the JSON and the SVG', { timeout: 60_000 }, () => {
  const json = join(dir, 'out.json');
  const svgFile = join(dir, 'out.svg');
  // JS paths only: loading the bench guest (a StarlingMonkey transpile) would take most of the
  // time budget; the guest paths are exercised by `npm run bench` itself.
  const args = [script, '--quick', '--filter', 'sha256', '--budget-ms', '20', '--no-guest', '--json', json, '--svg', svgFile];
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', timeout: 55_000 });
  assert.equal(r.status, 0, `bench exited ${r.status}: ${r.stderr}`);
  assert.match(r.stdout, /direct-node/);
  assert.match(r.stdout, /host\/direct-node = /);

  const res = JSON.parse(readFileSync(json, 'utf8')) as Result;
  assert.match(res.date, /^\d{4}-\d{2}-\d{2}$/);
  assert.ok(res.machine.node.startsWith('v'));
  assert.ok(res.machine.cpu.length > 0 && res.machine.os.length > 0);
  for (const k of ['floors', 'componentLoad', 'goals'] as const) assert.ok(Array.isArray(res[k]), k);

  const sha = res.workloads.filter((c) => c.workload === 'sha256');
  assert.ok(sha.length >= 2, 'sha256 at several sizes');
  assert.ok(res.workloads.every((c) => c.workload.includes('sha256')), '--filter picks workloads');
  for (const c of res.workloads) {
    const id = `${c.workload} ${c.size}`;
    for (const p of ['direct-node', 'direct-noble', 'host']) {
      const pr = c.paths[p];
      assert.ok(pr && !pr.error, `${id} ${p}: ${pr?.error}`);
      checkSummary(pr as Summary, `${id} ${p}`);
    }
    for (const [name, pr] of Object.entries(c.paths)) {
      if (pr.inner) checkSummary(pr.inner, `${id} ${name}.inner`);
      if (/^(guest|floor|in-guest)-/.test(name)) assert.ok(pr.status, `${id} ${name} has a status`);
    }
    assert.ok(c.ratios['host/direct-node']! > 0, `${id} host/direct-node`);
    assert.ok(c.ratios['direct-noble/direct-node']! > 0, `${id} direct-noble/direct-node`);
    for (const [k, v] of Object.entries(c.ratios)) assert.ok(Number.isFinite(v) && v > 0, `${id} ${k} = ${v}`);
  }

  const svg = readFileSync(svgFile, 'utf8');
  assert.ok(svg.startsWith('<svg'), 'SVG starts with <svg');
  assert.ok(svg.trimEnd().endsWith('</svg>'), 'SVG ends with </svg>');
  assert.ok((svg.match(/<rect class="bar"/g) ?? []).length >= sha.length, 'one bar per ratio at least');
  assert.match(svg, /host\/direct-node/);
  // XML-ish: every element opened is closed (self-closing or with its end tag).
  const opens = (svg.match(/<(?!\/)([a-z]+)[^>]*[^/]>/g) ?? []).length;
  const closes = (svg.match(/<\/[a-z]+>/g) ?? []).length;
  assert.equal(opens, closes, 'balanced tags');
  assert.ok(!/&(?!amp;|lt;|gt;|quot;)/.test(svg), 'escaped ampersands');
});
