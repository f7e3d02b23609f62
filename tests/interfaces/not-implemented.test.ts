/**
 * Every WIT function whose feature later work adds answers a typed error now — never a trap.
 * The spec's optional features (secrets manager, managed keys, external secrets) answer
 * `unsupported-feature`; encodings an algorithm does not have answer `unsupported-encoding`; operations that do
 * not apply to the algorithm answer what the spec says.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { drop, makeHost, throwsCode } from './helpers.js';

test('every not-yet-built function of every interface answers a typed error', () => {
  const { common, symmetric, asym, signatures, kx, external, host } = makeHost('node');
  // A secrets manager cannot be opened on this host; functions that take one are called with an
  // object of the right class that never came from `open`, to reach their bodies.
  throwsCode(() => common.SecretsManager.open(undefined), 'unsupported-feature');
  const sm = Object.create(common.SecretsManager.prototype) as import('../../host/generated/interfaces/wasi-crypto-common.js').SecretsManager;
  const latest = { tag: 'latest' } as const;
  const id = Uint8Array.of(1);
  const checks: [string, () => unknown, string][] = [
    ['secrets-manager.invalidate', () => sm.invalidate(id, latest), 'unsupported-feature'],
    ['symmetric-key.generate-managed', () => symmetric.SymmetricKey.generateManaged(sm, 'AES-256-GCM', undefined), 'unsupported-feature'],
    ['symmetric-key.from-id', () => symmetric.SymmetricKey.fromId(sm, id, latest), 'unsupported-feature'],
    ['keypair.generate-managed', () => asym.Keypair.generateManaged(sm, 'signatures', 'Ed25519', undefined), 'unsupported-feature'],
    ['keypair.from-id', () => asym.Keypair.fromId(sm, id, latest), 'unsupported-feature'],
    ['external-secrets.store', () => external.store(sm, id, 0n), 'unsupported-feature'],
    ['external-secrets.replace', () => external.replace(sm, id, id, 0n), 'unsupported-feature'],
    ['external-secrets.from-id', () => external.fromId(sm, id, latest), 'unsupported-feature'],
    ['external-secrets.invalidate', () => external.invalidate(sm, id, latest), 'unsupported-feature'],
    ['external-secrets.encapsulate', () => external.encapsulate(sm, id, 0n), 'unsupported-feature'],
    ['external-secrets.decapsulate', () => external.decapsulate(sm, id), 'unsupported-feature'],
  ];

  const key = symmetric.SymmetricKey.generate('AES-256-GCM', undefined);
  const key2 = symmetric.SymmetricKey.generate('AES-256-GCM', undefined);
  const hashState = symmetric.SymmetricState.open('SHA-256', undefined, undefined);
  const kp = asym.Keypair.generate('signatures', 'Ed25519', undefined);
  const kp2 = asym.Keypair.generate('signatures', 'Ed25519', undefined);
  const pk = kp.publickey();
  const sk = kp.secretkey();
  const pkRaw = pk.export('raw');
  const sig = signatures.Signature.import('Ed25519', new Uint8Array(64), 'raw');
  checks.push(
    ['symmetric-key.store-managed', () => key.storeManaged(sm), 'unsupported-feature'],
    ['symmetric-key.replace-managed', () => key.replaceManaged(sm, key2), 'unsupported-feature'],
    ['symmetric-key.id', () => key.id(), 'unsupported-feature'],
    ['keypair.store-managed', () => kp.storeManaged(sm), 'unsupported-feature'],
    ['keypair.replace-managed', () => kp.replaceManaged(sm, kp2), 'unsupported-feature'],
    ['keypair.id', () => kp.id(), 'unsupported-feature'],
    ['symmetric-state.squeeze-key of a hash', () => hashState.squeezeKey('AES-256-GCM'), 'invalid-operation'],
    ['symmetric-state.ratchet', () => hashState.ratchet(), 'invalid-operation'],
    ['symmetric-state.options-get-u64', () => hashState.optionsGetU64('ops_limit'), 'unsupported-option'],
    ['keypair.export(local)', () => kp.export('local'), 'unsupported-encoding'],
    ['keypair.generate(Ed25519ph)', () => asym.Keypair.generate('signatures', 'Ed25519ph', undefined), 'unsupported-algorithm'],
    ['kx.dh with signature keys', () => kx.dh(pk, sk), 'invalid-operation'],
    ['kx.encapsulate', () => kx.encapsulate(pk), 'invalid-operation'],
    ['kx.decapsulate', () => kx.decapsulate(sk, new Uint8Array(32)), 'invalid-operation'],
    ['signature.export(der) of Ed25519', () => sig.export('der'), 'unsupported-encoding'],
  );
  for (const [name, fn, code] of checks) {
    assert.doesNotThrow(() => throwsCode(fn, code), `${name} should answer ${code}`);
  }
  drop(key, key2, hashState, kp, kp2, pk, sk, sig);
  assert.equal(host.stats().handles.total, 0, 'no failed call left a handle behind');
  assert.equal(host.stats().liveKeyMaterials, 0);
});
