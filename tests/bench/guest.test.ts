/**
 * Smoke test of the bench guest (bench/guest, issue 7) on both engines: it instantiates with the
 * crypto host's imports plus a do-nothing `bench:floor/floor`, `runner.run` returns a time for a
 * few workloads and paths, and `runner.check` shows that the paths that compute the same thing
 * (host, host-stream, in-guest) agree, and that randomized outputs (P-256 signatures, ML-KEM
 * encapsulation) are accepted by the in-guest verifier. No timing assertions.
 *
 * The guests are built by `npm run build-guests` (run by `npm install`).
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCryptoHost } from '../../host/src/index.js';
import { loadComponent, instantiate } from '../../host/src/runtime/index.js';

/** The repository root: this file runs from build/tests/bench/. */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BUILD = join(ROOT, 'bench', 'guest', 'build');

interface Runner {
  run(workload: string, path: string, size: number, iterations: number): bigint;
  check(workload: string, path: string): string;
}

/** The floor the harness gives the guest: do-nothing calls of each shape. */
const OUT32 = new Uint8Array(32);
class Thing {
  static open(): Thing {
    return new Thing();
  }
  poke(_data: Uint8Array): void {}
}
const floor = {
  nop(): void {},
  take(_data: Uint8Array): void {},
  echo(data: Uint8Array): Uint8Array {
    return data;
  },
  takeResult(_data: Uint8Array): Uint8Array {
    return OUT32;
  },
  Thing,
};

/** What check() says for `bytes`: length and the first 16 bytes of their SHA-256, in hex. */
const describeBytes = (bytes: Uint8Array): string =>
  `${bytes.length}:${createHash('sha256').update(bytes).digest().subarray(0, 16).toString('hex')}`;
/** The guest's input pattern: byte i = (i * 31 + 7) & 255. */
const pattern = (n: number): Buffer => Buffer.from(Array.from({ length: n }, (_, i) => (i * 31 + 7) & 255));

for (const engine of ['qjs', 'sm'] as const) {
  describe(`bench guest (${engine})`, () => {
    let runner: Runner;

    before(async () => {
      const file = join(BUILD, `bench.${engine}.wasm`);
      assert.ok(existsSync(file), `${file} is missing: run \`npm run build-guests\``);
      const component = await loadComponent(file);
      const host = createCryptoHost();
      const root = await instantiate(component, {
        imports: { ...host.getImportObject(), 'bench:floor/floor': floor },
      });
      runner = root['runner'] as Runner;
      assert.equal(root['bench:floor/runner@0.1.0'], runner);
    });

    test('run returns elapsed nanoseconds as a u64 for every path', () => {
      for (const [workload, path, size] of [
        ['nop', 'floor', 0],
        ['take', 'floor', 64],
        ['sha256', 'host', 64],
        ['sha256', 'host-stream', 64],
        ['sha256', 'floor', 64],
        ['sha256', 'in-guest', 64],
        ['aes256gcm-seal', 'host', 1024],
        ['ed25519-verify', 'host-stream', 64],
        ['x25519', 'host', 0],
        ['state-churn', 'host', 0],
        ['state-churn', 'floor', 0],
        ['keygen-churn', 'in-guest', 0],
      ] as const) {
        const ns = runner.run(workload, path, size, 3);
        assert.equal(typeof ns, 'bigint', `${workload} ${path}`);
        assert.ok(ns >= 0n, `${workload} ${path}: ${ns}`);
      }
    });

    test('host, host-stream and in-guest compute the same outputs', () => {
      const cases: [string, string[]][] = [
        ['sha256', ['host', 'host-stream', 'in-guest']],
        ['sha256:1048576', ['host', 'host-stream', 'in-guest']],
        ['hmac-sha256', ['host', 'host-stream', 'in-guest']],
        ['aes256gcm-seal:64', ['host', 'host-stream', 'in-guest']],
        ['chacha20poly1305-seal', ['host', 'host-stream', 'in-guest']],
        ['ed25519-sign', ['host', 'host-stream', 'in-guest']],
        ['x25519', ['host', 'in-guest']],
        ['mlkem768-decaps', ['host', 'in-guest']],
        ['state-churn', ['host-stream', 'in-guest']],
      ];
      for (const [workload, paths] of cases) {
        const got = paths.map((p) => runner.check(workload, p));
        assert.match(got[0]!, /^\d+:[0-9a-f]{32}$/, `${workload} ${paths[0]}: ${got[0]}`);
        for (let i = 1; i < paths.length; i++) assert.equal(got[i], got[0], `${workload}: ${paths[i]} vs ${paths[0]}`);
      }
      // Independently: SHA-256 of the 1 KiB input pattern.
      const digest = createHash('sha256').update(pattern(1024)).digest();
      assert.equal(runner.check('sha256', 'host'), describeBytes(digest));
    });

    test('verifications and randomized outputs check out', () => {
      for (const path of ['host', 'host-stream', 'in-guest']) {
        assert.equal(runner.check('ed25519-verify', path), 'valid', path);
        assert.equal(runner.check('p256-verify', path), 'valid', path);
        assert.equal(runner.check('p256-sign', path), '64:valid', path);
      }
      for (const path of ['host', 'in-guest']) assert.equal(runner.check('mlkem768-encaps', path), '1088:valid', path);
      for (const path of ['host', 'floor', 'in-guest']) assert.equal(runner.check('keygen-churn', path), 'ok', path);
    });

    test('the floor path goes through the floor import', () => {
      assert.equal(runner.check('sha256', 'floor'), describeBytes(OUT32));
      assert.equal(runner.check('aes256gcm-seal:64', 'floor'), describeBytes(pattern(80)));
      assert.equal(runner.check('nop', 'floor'), 'ok');
    });

    test('unsupported combinations are reported by check, not trapped', () => {
      assert.match(runner.check('x25519', 'host-stream'), /^unsupported: /);
      assert.match(runner.check('no-such-workload', 'host'), /^unsupported: /);
      assert.match(runner.check('sha256', 'no-such-path'), /^unsupported: /);
    });
  });
}
