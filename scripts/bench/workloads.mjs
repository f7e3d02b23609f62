// The bench workloads and their JavaScript paths: `direct-node` (node:crypto), `direct-noble`
// (@noble/*) and `host` (the crypto host's interface objects called from JS, no wasm).
// Guest paths are added by guest.mjs; each workload names the guest `workload` id and `size` the
// bench guest's `runner.run(workload, path, size, iterations)` takes.
import * as nc from 'node:crypto';
import { sha256 } from '@noble/hashes/sha2.js';
import { hmac } from '@noble/hashes/hmac.js';
import { gcm } from '@noble/ciphers/aes.js';
import { chacha20poly1305 } from '@noble/ciphers/chacha.js';
import { ed25519, x25519 } from '@noble/curves/ed25519.js';
import { p256 } from '@noble/curves/nist.js';
import { ml_kem768 } from '@noble/post-quantum/ml-kem.js';

export const KIB = 1024;
export const MIB = 1024 * 1024;
export const sizeLabel = (n) => (n >= MIB ? `${n / MIB} MiB` : n >= KIB ? `${n / KIB} KiB` : n > 0 ? `${n} B` : '');

/** Keeps results alive so no path is optimised away. */
export let sink = 0;
const keep = (x) => {
  sink = (sink + (x?.length ?? 1)) | 0;
};

const bytes = (n) => new Uint8Array(nc.randomBytes(n));
const hashOneShot = typeof nc.hash === 'function' ? (d) => nc.hash('sha256', d, 'buffer') : (d) => nc.createHash('sha256').update(d).digest();

/**
 * The workload list. Each: { workload, size, baseline, shape, make(io) → { [path]: () => any } }.
 * `io` is the host's import object; `make` does all set-up (keys, inputs) outside the timed part.
 * `baseline` is what guest/host times are held to (`direct-noble` where node has no algorithm).
 * `shape` describes the call shape of the matching floor (bench guest's `floor` path).
 */
export function workloads({ quick }) {
  const list = [];
  // The bare floors (bench guest only, `floor-*` paths): the empty call and a list in.
  list.push({ workload: 'nop', size: 0, baseline: 'direct-node', shape: 'func()', floorOnly: true, make: () => ({}) });
  for (const size of [64, MIB]) {
    list.push({ workload: 'take', size, baseline: 'direct-node', shape: `list<u8>(${sizeLabel(size)}) → ()`, floorOnly: true, make: () => ({}) });
  }
  const hashSizes = quick ? [64, MIB] : [64, KIB, MIB];
  const aeadSizes = [64, MIB];
  for (const size of hashSizes) {
    list.push({
      workload: 'sha256', size, baseline: 'direct-node', shape: `list<u8>(${sizeLabel(size)}) → list<u8>(32 B)`,
      make(io) {
        const d = bytes(size);
        const sym = io['wasi:crypto/symmetric'];
        return {
          'direct-node': () => keep(hashOneShot(d)),
          'direct-noble': () => keep(sha256(d)),
          host: () => keep(sym.hash('SHA-256', d, undefined)),
          'host-stream': () => {
            const st = sym.SymmetricState.open('SHA-256', undefined, undefined);
            st.absorb(d);
            keep(st.squeeze(32));
            st[Symbol.dispose]();
          },
        };
      },
    });
  }
  for (const size of hashSizes) {
    list.push({
      workload: 'hmac-sha256', size, baseline: 'direct-node', shape: `list<u8>(${sizeLabel(size)}) → list<u8>(32 B)`,
      make(io) {
        const d = bytes(size);
        const key = bytes(32);
        const sym = io['wasi:crypto/symmetric'];
        const hk = sym.SymmetricKey.import('HMAC/SHA-256', key);
        const ko = nc.createSecretKey(key);
        return {
          'direct-node': () => keep(nc.createHmac('sha256', ko).update(d).digest()),
          'direct-noble': () => keep(hmac(sha256, key, d)),
          host: () => keep(hk.mac(d)),
          'host-stream': () => {
            const st = sym.SymmetricState.open('HMAC/SHA-256', hk, undefined);
            st.absorb(d);
            const tag = st.squeezeTag();
            keep(tag.toBytes());
            tag[Symbol.dispose]();
            st[Symbol.dispose]();
          },
        };
      },
    });
  }
  const aeads = [
    ['aes256gcm-seal', 'AES-256-GCM', 'aes-256-gcm', (k, n) => gcm(k, n)],
    ['chacha20poly1305-seal', 'CHACHA20-POLY1305', 'chacha20-poly1305', (k, n) => chacha20poly1305(k, n)],
  ];
  for (const [workload, alg, nodeAlg, noble] of aeads) {
    for (const size of aeadSizes) {
      list.push({
        workload, size, baseline: 'direct-node', shape: `3 × list<u8> (12 B, 0 B, ${sizeLabel(size)}) → list<u8>(${sizeLabel(size)} + 16 B)`,
        make(io) {
          const d = bytes(size);
          const key = bytes(32);
          const nonce = bytes(12);
          const aad = new Uint8Array(0);
          const hk = io['wasi:crypto/symmetric'].SymmetricKey.import(alg, key);
          const ko = nc.createSecretKey(key);
          return {
            // ct ‖ tag, as the host returns it (one concat, as a host must do)
            'direct-node': () => {
              const c = nc.createCipheriv(nodeAlg, ko, nonce, { authTagLength: 16 });
              const ct = c.update(d);
              const fin = c.final();
              keep(Buffer.concat([ct, fin, c.getAuthTag()]));
            },
            'direct-noble': () => keep(noble(key, nonce).encrypt(d)),
            host: () => keep(hk.seal(nonce, aad, d)),
          };
        },
      });
    }
  }
  const msg = bytes(64);
  list.push({
    workload: 'ed25519-sign', size: 64, baseline: 'direct-node', shape: 'handle + list<u8>(64 B) → list<u8>(64 B)',
    make(io) {
      const kp = io['wasi:crypto/asymmetric-common'].Keypair.generate('signatures', 'Ed25519', undefined);
      const nk = nc.generateKeyPairSync('ed25519');
      const sk = ed25519.utils.randomSecretKey();
      const sig = io['wasi:crypto/signatures'];
      return {
        'direct-node': () => keep(nc.sign(null, msg, nk.privateKey)),
        'direct-noble': () => keep(ed25519.sign(msg, sk)),
        host: () => keep(sig.sign(kp, msg)),
      };
    },
  });
  list.push({
    workload: 'ed25519-verify', size: 64, baseline: 'direct-node', shape: 'handle + list<u8>(64 B) + list<u8>(64 B) → result',
    make(io) {
      const kp = io['wasi:crypto/asymmetric-common'].Keypair.generate('signatures', 'Ed25519', undefined);
      const pk = kp.publickey();
      const sig = io['wasi:crypto/signatures'];
      const s = sig.sign(kp, msg);
      const nk = nc.generateKeyPairSync('ed25519');
      const ns = nc.sign(null, msg, nk.privateKey);
      const bk = ed25519.keygen();
      const bs = ed25519.sign(msg, bk.secretKey);
      return {
        'direct-node': () => keep(nc.verify(null, msg, nk.publicKey, ns) ? [1] : []),
        'direct-noble': () => keep(ed25519.verify(bs, msg, bk.publicKey) ? [1] : []),
        host: () => keep(sig.verify(pk, msg, s)),
      };
    },
  });
  list.push({
    workload: 'p256-sign', size: 64, baseline: 'direct-node', shape: 'handle + list<u8>(64 B) → list<u8>(64 B)',
    make(io) {
      const kp = io['wasi:crypto/asymmetric-common'].Keypair.generate('signatures', 'ECDSA_P256_SHA256', undefined);
      const nk = nc.generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const bk = p256.keygen();
      const sig = io['wasi:crypto/signatures'];
      return {
        'direct-node': () => keep(nc.sign('sha256', msg, { key: nk.privateKey, dsaEncoding: 'ieee-p1363' })),
        'direct-noble': () => keep(p256.sign(msg, bk.secretKey)),
        host: () => keep(sig.sign(kp, msg)),
      };
    },
  });
  list.push({
    workload: 'p256-verify', size: 64, baseline: 'direct-node', shape: 'handle + list<u8>(64 B) + list<u8>(64 B) → result',
    make(io) {
      const kp = io['wasi:crypto/asymmetric-common'].Keypair.generate('signatures', 'ECDSA_P256_SHA256', undefined);
      const pk = kp.publickey();
      const sig = io['wasi:crypto/signatures'];
      const s = sig.sign(kp, msg);
      const nk = nc.generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const ns = nc.sign('sha256', msg, { key: nk.privateKey, dsaEncoding: 'ieee-p1363' });
      const bk = p256.keygen();
      const bs = p256.sign(msg, bk.secretKey);
      return {
        'direct-node': () => keep(nc.verify('sha256', msg, { key: nk.publicKey, dsaEncoding: 'ieee-p1363' }, ns) ? [1] : []),
        'direct-noble': () => keep(p256.verify(bs, msg, bk.publicKey) ? [1] : []),
        host: () => keep(sig.verify(pk, msg, s)),
      };
    },
  });
  list.push({
    workload: 'x25519', size: 0, baseline: 'direct-node', shape: '2 handles → list<u8>(32 B)',
    make(io) {
      const KP = io['wasi:crypto/asymmetric-common'].Keypair;
      const a = KP.generate('key-exchange', 'X25519', undefined);
      const b = KP.generate('key-exchange', 'X25519', undefined);
      const sk = a.secretkey();
      const pk = b.publickey();
      const kx = io['wasi:crypto/kx'];
      const na = nc.generateKeyPairSync('x25519');
      const nb = nc.generateKeyPairSync('x25519');
      const ba = x25519.keygen();
      const bb = x25519.keygen();
      return {
        'direct-node': () => keep(nc.diffieHellman({ privateKey: na.privateKey, publicKey: nb.publicKey })),
        'direct-noble': () => keep(x25519.getSharedSecret(ba.secretKey, bb.publicKey)),
        host: () => keep(kx.dh(pk, sk)),
      };
    },
  });
  // ML-KEM: no node:crypto path on Node 20; held to direct-noble.
  list.push({
    workload: 'mlkem768-encaps', size: 0, baseline: 'direct-noble', shape: 'handle → record { list<u8>(32 B), list<u8>(1088 B) }',
    make(io) {
      const kp = io['wasi:crypto/asymmetric-common'].Keypair.generate('key-exchange', 'ML-KEM-768', undefined);
      const pk = kp.publickey();
      const kx = io['wasi:crypto/kx'];
      const bk = ml_kem768.keygen();
      return {
        'direct-noble': () => keep(ml_kem768.encapsulate(bk.publicKey).cipherText),
        host: () => keep(kx.encapsulate(pk).ciphertext),
      };
    },
  });
  list.push({
    workload: 'mlkem768-decaps', size: 0, baseline: 'direct-noble', shape: 'handle + list<u8>(1088 B) → list<u8>(32 B)',
    make(io) {
      const kp = io['wasi:crypto/asymmetric-common'].Keypair.generate('key-exchange', 'ML-KEM-768', undefined);
      const kx = io['wasi:crypto/kx'];
      const sk = kp.secretkey();
      const enc = kx.encapsulate(kp.publickey());
      const bk = ml_kem768.keygen();
      const be = ml_kem768.encapsulate(bk.publicKey);
      return {
        'direct-noble': () => keep(ml_kem768.decapsulate(be.cipherText, bk.secretKey)),
        host: () => keep(kx.decapsulate(sk, enc.ciphertext)),
      };
    },
  });
  // Handle churn: open + close of a state / of a generated key.
  list.push({
    workload: 'state-churn', size: 0, baseline: 'direct-node', shape: 'resource open + drop',
    make(io) {
      const sym = io['wasi:crypto/symmetric'];
      return {
        'direct-node': () => keep(nc.createHash('sha256')),
        'direct-noble': () => keep(sha256.create()),
        host: () => sym.SymmetricState.open('SHA-256', undefined, undefined)[Symbol.dispose](),
      };
    },
  });
  list.push({
    workload: 'keygen-churn', size: 0, baseline: 'direct-node', shape: 'resource open + drop',
    make(io) {
      const sym = io['wasi:crypto/symmetric'];
      return {
        'direct-node': () => keep(nc.createSecretKey(nc.randomBytes(32))),
        'direct-noble': () => keep(bytes(32)),
        host: () => sym.SymmetricKey.generate('AES-256-GCM', undefined)[Symbol.dispose](),
      };
    },
  });
  return list;
}

/**
 * Resource cycles for the host-side leak check (used when no bench guest is built): each opens
 * and closes one resource type through the host's interface objects.
 */
export function hostChurns(io) {
  const sym = io['wasi:crypto/symmetric'];
  const asym = io['wasi:crypto/asymmetric-common'];
  const sigs = io['wasi:crypto/signatures'];
  const kp = asym.Keypair.generate('signatures', 'Ed25519', undefined);
  const mk = sym.SymmetricKey.generate('HMAC/SHA-256', undefined);
  return {
    'symmetric-state': () => sym.SymmetricState.open('SHA-256', undefined, undefined)[Symbol.dispose](),
    'symmetric-key': () => sym.SymmetricKey.generate('AES-256-GCM', undefined)[Symbol.dispose](),
    'symmetric-tag': () => {
      const st = sym.SymmetricState.open('HMAC/SHA-256', mk, undefined);
      st.squeezeTag()[Symbol.dispose]();
      st[Symbol.dispose]();
    },
    keypair: () => asym.Keypair.generate('key-exchange', 'X25519', undefined)[Symbol.dispose](),
    publickey: () => kp.publickey()[Symbol.dispose](),
    'signature-state': () => sigs.SignatureState.open(kp, undefined)[Symbol.dispose](),
    _cleanup: () => {
      kp[Symbol.dispose]();
      mk[Symbol.dispose]();
    },
  };
}
