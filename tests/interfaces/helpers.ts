import assert from 'node:assert/strict';
import { createCryptoHost, type NodeCryptoHostConfig } from '../../host/src/index.js';
import type { KeyMaterial } from '../../host/src/core/secret.js';

export const BACKENDS = ['node', 'noble'] as const;

export const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s, 'hex'));
export const toHex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Asserts that `fn` fails with the WIT error case `code` (a thrown object with `payload === code`). */
export function throwsCode(fn: () => unknown, code: string): void {
  assert.throws(fn, (e: unknown) => {
    const payload = (e as { payload?: unknown }).payload;
    assert.equal(payload, code, `expected error ${code}, got ${String(payload)} (${String((e as Error).message)})`);
    return true;
  });
}

/** A host and its interface modules, plus every key material it created (to check wiping). */
export function makeHost(backend: 'node' | 'noble', config: NodeCryptoHostConfig = {}) {
  const materials: KeyMaterial[] = [];
  const host = createCryptoHost({ ...config, backend, debug: { onKeyMaterial: (k) => materials.push(k) } });
  const imports = host.getImportObject();
  return {
    host,
    materials,
    common: imports['wasi:crypto/common'],
    symmetric: imports['wasi:crypto/symmetric'],
    asym: imports['wasi:crypto/asymmetric-common'],
    signatures: imports['wasi:crypto/signatures'],
    kx: imports['wasi:crypto/kx'],
    external: imports['wasi:crypto/external-secrets'],
  };
}

/** What jco does when a guest drops a handle. */
export function drop(...objs: unknown[]): void {
  for (const o of objs) (o as Disposable)[Symbol.dispose]();
}
