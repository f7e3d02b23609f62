/**
 * The interop matrix (issue 8): every producer × every checker of the scenario suite in
 * guest-examples/interop/wit/interop.wit, across languages, plus node:crypto outside any component
 * as the independent row and column.
 *
 * - A producer makes fresh keys and writes its outputs (public keys, signatures, ciphertexts,
 *   tags, shared secrets, exported keys); every checker — each guest and node:crypto — verifies or
 *   opens them (tests/interop/suite.ts lists the scenarios). A cell is ✓ when every line of the
 *   checker's report passed.
 * - All guests are instances on ONE host (node backend), as the issue asks; after the matrix the
 *   host's live-handle count and live key materials are 0: every guest dropped every handle.
 * - Error paths: each guest's `errors()` provokes `unsupported-algorithm`, `invalid-key`,
 *   `verification-failed` and `invalid-tag` and reports whether each came back as that case.
 *
 * A guest whose component is not built (its toolchain is missing) is skipped, with the reason, in
 * every cell it takes part in. The languages are listed in tests/interop/suite.ts (LANGUAGES).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCryptoHost } from '../../host/src/index.js';
import { instantiate, loadComponent } from '../../host/src/runtime/index.js';
import { CHECK_SCENARIOS, ERROR_SCENARIOS, LANGUAGES, nodeCheck, nodeProduce, type CheckLine, type Outputs, type Suite } from './suite.js';

/** The repository root: this file runs from build/tests/interop/. */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

interface Party {
  id: string;
  /** Why this party is skipped, if it is. */
  missing?: string;
  produce: () => Outputs;
  check: (o: Outputs) => CheckLine[];
  errors?: () => CheckLine[];
}

const host = createCryptoHost();
let cacheDir: string;
const parties: Party[] = LANGUAGES.map((l) => {
  const path = join(ROOT, l.component);
  const missing = existsSync(path) ? undefined : `${l.component} is not built (build it with ${l.build})`;
  const unloaded = (): never => {
    throw new Error(`${l.id} is not loaded`);
  };
  return { id: l.id, missing, produce: unloaded, check: unloaded, errors: unloaded };
});
parties.push({ id: 'node:crypto', produce: nodeProduce, check: nodeCheck });

before(async () => {
  cacheDir = process.env.WASI_CRYPTO_CACHE_DIR ?? (await mkdtemp(join(tmpdir(), 'wasi-crypto-interop-')));
  for (const [i, l] of LANGUAGES.entries()) {
    const p = parties[i]!;
    if (p.missing) continue;
    const loaded = await loadComponent(join(ROOT, l.component), { cacheDir });
    const root = await instantiate(loaded, { imports: host.getImportObject() });
    const suite = root.suite as Suite | undefined;
    assert.ok(suite, `${l.id}: the component exports no interop:matrix/suite`);
    p.produce = () => suite.produce();
    p.check = (o) => suite.check(o);
    p.errors = () => suite.errors();
  }
});

after(async () => {
  if (!process.env.WASI_CRYPTO_CACHE_DIR) await rm(cacheDir, { recursive: true, force: true });
});

/** A copy of outputs, so that no checker can change what the next one sees. */
const copy = (o: Outputs): Outputs =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v instanceof Uint8Array ? new Uint8Array(v) : v])) as unknown as Outputs;

describe('interop matrix: every producer × every checker, one host', () => {
  const produced = new Map<string, Outputs>();
  /** producer → checker → '✓' | '✗' | '–' (skipped) */
  const cells = new Map<string, Map<string, string>>();
  const cell = (p: string, c: string, v: string): void => {
    if (!cells.has(p)) cells.set(p, new Map());
    cells.get(p)!.set(c, v);
  };

  for (const producer of parties) {
    test(`${producer.id} produces`, { skip: producer.missing }, () => {
      const o = producer.produce();
      assert.equal(o.sha256.length, 32);
      assert.equal(o.ed25519Signature.length, 64);
      assert.equal(o.p256Public.length, 65);
      assert.equal(o.x25519Shared.length, 32);
      produced.set(producer.id, o);
    });
    for (const checker of parties) {
      const skip = producer.missing ?? checker.missing;
      test(`${producer.id} → checked by ${checker.id}`, { skip }, () => {
        const o = produced.get(producer.id);
        if (!o) {
          cell(producer.id, checker.id, '✗');
          assert.fail(`${producer.id} produced nothing`);
        }
        const lines = checker.check(copy(o));
        const ok = lines.length === CHECK_SCENARIOS.length && lines.every((l) => l.passed);
        cell(producer.id, checker.id, ok ? '✓' : '✗');
        assert.deepEqual(
          lines.map((l) => l.scenario),
          CHECK_SCENARIOS,
          'the checker reports every scenario, in order',
        );
        for (const l of lines) assert.ok(l.passed, `${producer.id} → ${checker.id}: ${l.scenario}: ${l.detail}`);
      });
    }
  }

  test('the table (producer rows × checker columns) is all ✓, and no handle is left open', () => {
    const ids = parties.map((p) => p.id);
    const w = Math.max(...ids.map((i) => i.length)) + 2;
    const rows = [`${'producer \\ checker'.padEnd(w + 2)}${ids.map((i) => i.padEnd(w)).join('')}`];
    for (const p of ids) rows.push(`${p.padEnd(w + 2)}${ids.map((c) => (cells.get(p)?.get(c) ?? '–').padEnd(w)).join('')}`);
    console.log(`\ninterop matrix (✓ passed, ✗ failed, – skipped: component not built)\n${rows.join('\n')}\n`);
    for (const p of parties) {
      for (const c of parties) {
        if (p.missing || c.missing) continue;
        assert.equal(cells.get(p.id)?.get(c.id), '✓', `${p.id} → ${c.id}`);
      }
    }
    const stats = host.stats();
    assert.equal(stats.handles.total, 0, `handles left open: ${JSON.stringify(stats.handles.byKind)}`);
    assert.equal(stats.liveKeyMaterials, 0, 'key materials not wiped');
  });
});

describe('every checker rejects tampered outputs', () => {
  // node:crypto's outputs with one byte flipped in every checked value: each scenario line must
  // fail, so a ✓ above cannot come from a checker that passes everything.
  for (const checker of parties) {
    test(`${checker.id} fails every scenario of tampered outputs`, { skip: checker.missing }, () => {
      const o = copy(nodeProduce());
      const flip = (b: Uint8Array, at: number): void => {
        b[at]! ^= 1;
      };
      flip(o.sha256, 0);
      flip(o.hmacTag, 0);
      flip(o.aeadCiphertext, 0);
      flip(o.ed25519Signature, 0); // fails ed25519-verify, and the deterministic re-sign comparison
      flip(o.p256Signature, 40);
      flip(o.x25519Shared, 0);
      const lines = checker.check(o);
      assert.deepEqual(
        lines.map((l) => l.scenario),
        CHECK_SCENARIOS,
      );
      for (const l of lines) assert.equal(l.passed, false, `${checker.id}: ${l.scenario} passed on tampered input`);
      const stats = host.stats();
      assert.equal(stats.handles.total, 0, `${checker.id} left handles open on failures: ${JSON.stringify(stats.handles.byKind)}`);
    });
  }
});

describe('error paths in every language', () => {
  for (const party of parties) {
    if (!party.errors) continue;
    test(`${party.id}: unsupported-algorithm, invalid-key, verification-failed and invalid-tag arrive as those cases`, { skip: party.missing }, () => {
      const lines = party.errors!();
      assert.deepEqual(
        lines.map((l) => l.scenario),
        ERROR_SCENARIOS,
      );
      for (const l of lines) assert.ok(l.passed, `${party.id}: ${l.scenario}: ${l.detail}`);
      const stats = host.stats();
      assert.equal(stats.handles.total, 0, `${party.id} left handles open: ${JSON.stringify(stats.handles.byKind)}`);
    });
  }
});
