/**
 * `npm run limbo -- <limbo.json> [--json out.json] [--filter substring] [--profile auto|rfc5280|webpki]
 * [--timeout ms] [--verifier module.js] [--verbose]`: runs x509-limbo testcases, each in a worker
 * thread under a wall-clock limit (a case that exceeds it is reported as HANG and counts as
 * failed; the worker is replaced). Ends with `N passed, M failed, K skipped`; exit code 0 only
 * when nothing failed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CaseOutcome, Limbo, LimboResult } from './types.js';
import { passed } from './run.js';
import type { ProfileChoice } from './cases.js';

const here = dirname(fileURLToPath(import.meta.url));

interface Options {
  file: string;
  json: string | undefined;
  filter: string | undefined;
  profile: ProfileChoice;
  timeout: number;
  verifier: string;
  verbose: boolean;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { file: '', json: undefined, filter: undefined, profile: 'auto', timeout: 5000, verifier: join(here, 'core-verifier.js'), verbose: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const val = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--json') o.json = val();
    else if (a === '--filter') o.filter = val();
    else if (a === '--profile') {
      const p = val();
      if (p !== 'auto' && p !== 'rfc5280' && p !== 'webpki') throw new Error(`--profile ${p}: expected auto, rfc5280 or webpki`);
      o.profile = p;
    } else if (a === '--timeout') o.timeout = Number(val());
    else if (a === '--verifier') o.verifier = resolve(val());
    else if (a === '--verbose') o.verbose = true;
    else if (a.startsWith('--')) throw new Error(`unknown option ${a}`);
    else if (!o.file) o.file = a;
    else throw new Error(`unexpected argument ${a}`);
  }
  if (!o.file) throw new Error('usage: npm run limbo -- <limbo.json> [--json out.json] [--filter id] [--profile auto|rfc5280|webpki] [--timeout ms] [--verifier module.js] [--verbose]');
  if (!(o.timeout > 0)) throw new Error('--timeout must be a positive number of milliseconds');
  return o;
}

class CaseWorker {
  private worker!: Worker;
  private ready!: Promise<void>;
  constructor(private readonly data: { file: string; verifier: string; profile: ProfileChoice }) {
    this.spawn();
  }
  private spawn(): void {
    this.worker = new Worker(join(here, 'worker.js'), { workerData: this.data });
    this.ready = new Promise((res, rej) => {
      const onMsg = (m: unknown): void => {
        if (m === 'ready') {
          this.worker.off('message', onMsg);
          this.worker.off('error', rej);
          res();
        }
      };
      this.worker.on('message', onMsg);
      this.worker.once('error', rej);
    });
  }
  async run(index: number, timeout: number): Promise<CaseOutcome | 'HANG'> {
    await this.ready;
    return new Promise((res, rej) => {
      const timer = setTimeout(() => {
        this.worker.off('message', onMsg);
        this.worker.off('error', onErr);
        void this.worker.terminate();
        this.spawn();
        res('HANG');
      }, timeout);
      const onMsg = (m: CaseOutcome): void => {
        clearTimeout(timer);
        this.worker.off('error', onErr);
        res(m);
      };
      const onErr = (e: Error): void => {
        clearTimeout(timer);
        this.worker.off('message', onMsg);
        this.spawn();
        rej(e);
      };
      this.worker.once('message', onMsg);
      this.worker.once('error', onErr);
      this.worker.postMessage(index);
    });
  }
  close(): Promise<number> {
    return this.worker.terminate();
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p + 0.5))]!;
}

export async function main(argv: string[]): Promise<number> {
  let o: Options;
  try {
    o = parseArgs(argv);
  } catch (e) {
    console.error(`limbo: ${(e as Error).message}`);
    return 2;
  }
  const file = resolve(o.file);
  const limbo = JSON.parse(readFileSync(file, 'utf8')) as Limbo;
  if (limbo.version !== 1) {
    console.error(`limbo: unsupported testcase format version ${limbo.version}`);
    return 2;
  }
  const indices = limbo.testcases.map((_, i) => i).filter((i) => !o.filter || limbo.testcases[i]!.id.includes(o.filter));
  const w = new CaseWorker({ file, verifier: o.verifier, profile: o.profile });
  const outcomes: CaseOutcome[] = [];
  for (const i of indices) {
    const tc = limbo.testcases[i]!;
    let out: CaseOutcome;
    try {
      const r = await w.run(i, o.timeout);
      out = r === 'HANG' ? { id: tc.id, expected: tc.expected_result, actual: 'HANG', context: `no result within ${o.timeout} ms` } : r;
    } catch (e) {
      out = { id: tc.id, expected: tc.expected_result, actual: 'FAILURE', crashed: true, context: `worker error: ${(e as Error).message}` };
    }
    outcomes.push(out);
    const ok = out.actual === 'SKIPPED' || passed(out);
    if (!ok) console.log(`FAIL ${out.id}: expected ${out.expected}, got ${out.actual} (${out.context})`);
    else if (out.actual === 'SKIPPED') console.log(`SKIP ${out.id}: ${out.context}`);
    else if (o.verbose) console.log(`ok   ${out.id}: ${out.actual} (${out.context})`);
  }
  await w.close();
  const skipped = outcomes.filter((x) => x.actual === 'SKIPPED').length;
  const pass = outcomes.filter((x) => x.actual !== 'SKIPPED' && passed(x)).length;
  const failed = outcomes.length - skipped - pass;
  const times = outcomes.flatMap((x) => (x.ms === undefined ? [] : [x.ms])).sort((a, b) => a - b);
  if (times.length) {
    const worst = outcomes.reduce((m, x) => ((x.ms ?? -1) > (m.ms ?? -1) ? x : m));
    console.log(`time per chain: median ${percentile(times, 0.5).toFixed(2)} ms, p90 ${percentile(times, 0.9).toFixed(2)} ms, worst ${times[times.length - 1]!.toFixed(2)} ms (${worst.id}), over ${times.length} verified cases`);
  }
  if (o.json) {
    const result: LimboResult = {
      version: 1,
      harness: 'wasi-crypto-host',
      results: outcomes.map((x) => ({ id: x.id, actual_result: x.actual, context: x.context })),
    };
    writeFileSync(o.json, JSON.stringify(result, null, 2) + '\n');
  }
  console.log(`${pass} passed, ${failed} failed, ${skipped} skipped`);
  return failed === 0 ? 0 : 1;
}
