/**
 * P-521 ECDSA verification added to both backends for certificate validation (EcVerifyCurve):
 * signatures made by WebCrypto (OpenSSL's signer, independent of both verifiers) verify on node
 * and noble; tampered signatures, r or s equal to 0 or to the group order n (n from @noble/curves'
 * curve definition), and points off the curve are rejected by both.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { webcrypto } from 'node:crypto';
import { p521 } from '@noble/curves/nist.js';
import { createNodeBackend } from '../../host/src/backends/node.js';
import { createNobleBackend } from '../../host/src/backends/noble.js';

const backends = [createNodeBackend(), createNobleBackend()];

test('P-521 ECDSA (SHA-512, SHA-256): both backends agree with WebCrypto signatures and reject edge cases', async () => {
  const n = p521.Point.Fn.ORDER;
  const be = (x: bigint): Uint8Array => Uint8Array.from(Buffer.from(x.toString(16).padStart(132, '0'), 'hex'));
  for (const hash of ['SHA-512', 'SHA-256'] as const) {
    const kp = (await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-521' }, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
    const pub = new Uint8Array(await webcrypto.subtle.exportKey('raw', kp.publicKey));
    assert.equal(pub.length, 133);
    for (let k = 0; k < 4; k++) {
      const msg = new TextEncoder().encode(`message ${k} ${hash}`);
      const sig = new Uint8Array(await webcrypto.subtle.sign({ name: 'ECDSA', hash }, kp.privateKey, msg));
      assert.equal(sig.length, 132);
      const bad = sig.slice();
      bad[70]! ^= 1;
      const r = sig.subarray(0, 66);
      for (const b of backends) {
        assert.ok(b.ecdsa.decodePublic('P-521', pub), b.name);
        assert.equal(b.ecdsa.verify('P-521', hash, pub, msg, sig), true, b.name);
        assert.equal(b.ecdsa.verify('P-521', hash, pub, new TextEncoder().encode('other'), sig), false, b.name);
        assert.equal(b.ecdsa.verify('P-521', hash, pub, msg, bad), false, b.name);
        for (const s of [0n, n, n + 1n]) assert.equal(b.ecdsa.verify('P-521', hash, pub, msg, Uint8Array.from([...r, ...be(s)])), false, `${b.name} s=${s}`);
        assert.equal(b.ecdsa.verify('P-521', hash, pub, msg, Uint8Array.from([...be(n), ...sig.subarray(66)])), false, `${b.name} r=n`);
        const off = pub.slice();
        off[132]! ^= 1;
        assert.equal(b.ecdsa.decodePublic('P-521', off), null, b.name);
        assert.equal(b.ecdsa.verify('P-521', hash, off, msg, sig), false, b.name);
      }
    }
  }
});
