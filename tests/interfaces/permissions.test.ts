/**
 * Key-usage permissions through the interface layer (docs/key-management.md §Permissions): every
 * operation of the doc's table × every one of the 11 permission bits. A key whose set is exactly
 * {that bit} may do the operation iff the bit is the one the operation needs; a key with every bit
 * but that one may do it iff the bit is not the one it needs; a key with no permission can do
 * nothing. Denials are `prohibited-operation`; allowed operations must produce the right result.
 *
 * Keys get their set with `restrict` (on a full key whose results are known) and, where the result
 * can be checked without another handle to the same key, with the `permissions` u64 option at
 * generation. Then: restrict only narrows, public / secret keys inherit, squeeze-key inherits,
 * the option rejects bits above 0x7FF, managed keys default to all but export, imports give all,
 * slots hand out their own set.
 *
 * Each matrix test collects every mismatch and fails once with the whole list.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { KeyPermissions, Options } from '../../host/generated/interfaces/wasi-crypto-common.js';
import type { SymmetricKey } from '../../host/generated/interfaces/wasi-crypto-symmetric.js';
import type { Keypair } from '../../host/generated/interfaces/wasi-crypto-asymmetric-common.js';
import type { SlotSpec } from '../../host/src/index.js';
import { BACKENDS, drop, makeHost, throwsCode, toHex, utf8 } from './helpers.js';

// --- permission sets ---------------------------------------------------------------------------

const NAMES = ['encrypt', 'decrypt', 'wrap', 'unwrap', 'sign', 'verify', 'mac', 'agree', 'derive', 'export', 'import'] as const;
type Perm = (typeof NAMES)[number];
const ALL = 0x7ff;
const bit = (p: Perm): number => 1 << NAMES.indexOf(p);
const set = (...ps: Perm[]): number => ps.reduce((a, p) => a | bit(p), 0);

/** A bitmask as the WIT flags record (jco: an object of booleans, every flag present). */
function flags(bits: number): KeyPermissions {
  const f: KeyPermissions = {};
  for (const [i, n] of NAMES.entries()) f[n] = ((bits >> i) & 1) === 1;
  return f;
}
/** The WIT flags record as a bitmask; fails on unknown properties (a misspelt flag name). */
function bitsOf(f: KeyPermissions): number {
  let bits = 0;
  for (const [k, v] of Object.entries(f)) {
    const i = NAMES.indexOf(k as Perm);
    assert.ok(i !== -1, `unknown permission flag ${JSON.stringify(k)} in ${JSON.stringify(f)}`);
    if (v === true) bits |= 1 << i;
    else assert.equal(v, false, `flag ${k} is ${String(v)}, not a boolean`);
  }
  return bits;
}
function names(bits: number): string {
  const ns = NAMES.filter((_, i) => ((bits >> i) & 1) === 1);
  return ns.length === 0 ? '{}' : `{${ns.join(',')}}`;
}

/** The sets of the matrix: {} and, for every bit, {bit} and all-but-bit. */
const MATRIX_SETS: { label: string; bits: number }[] = [
  { label: '{}', bits: 0 },
  ...NAMES.flatMap((n) => [
    { label: `{${n}}`, bits: bit(n) },
    { label: `all but ${n}`, bits: ALL & ~bit(n) },
  ]),
];

// --- fixtures ----------------------------------------------------------------------------------

const bytes = (n: number, start: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (start + i) & 0xff);
const K32 = bytes(32, 0x00); // AES-256-GCM, HMAC, HKDF, BLAKE3, KMAC, CMAC key
const W32 = bytes(32, 0x40); // AES-256-KW(P) wrapping key
const NONCE = bytes(12, 0xa0);
const AD = utf8('associated data');
const PT = utf8('the permissions matrix plaintext');
const MSG = utf8('a message to authenticate, derive from or sign');

type How = 'restrict' | 'option';
type Host = ReturnType<typeof makeHost>;

/** Slots for the import column: one AES-256 and one Ed25519 slot per matrix set (volatile, replaceable). */
function matrixSlots(): SlotSpec[] {
  return MATRIX_SETS.flatMap(({ bits }) =>
    (['AES-256', 'Ed25519'] as const).map(
      (family): SlotSpec => ({
        name: `${family}/${bits}`,
        family,
        permissions: bits,
        persistence: 'volatile',
        key: { kind: 'none' },
        locked: false,
        replace: true,
      }),
    ),
  );
}

/** What the caller created in one attempt, dropped afterwards. */
class Bag {
  readonly items: unknown[] = [];
  add<T>(x: T): T {
    this.items.push(x);
    return x;
  }
  dispose(): void {
    for (const x of this.items.reverse()) {
      try {
        drop(x);
      } catch {
        /* already gone */
      }
    }
  }
}

/** The error case of a failure, or the message of anything else (an assertion, a host bug). */
function outcomeOf(e: unknown): string {
  const payload = (e as { payload?: unknown }).payload;
  if (typeof payload === 'string') return payload;
  return `exception: ${String((e as Error)?.message ?? e).split('\n')[0]}`;
}

/** Runs a step that must not fail whatever the permissions (so a denial cannot come from it). */
function mustWork<T>(what: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw new Error(`${what} failed (${outcomeOf(e)}); it needs no permission`);
  }
}

interface Op {
  name: string;
  needs: Perm;
  /** Whether the `permissions` generation option can make its subject (restrict always can). */
  option: boolean;
  /** Does the operation once with a subject key holding `bits`; asserts an allowed result. */
  run(bag: Bag, bits: number, how: How): void;
}

function buildOps(h: Host): Op[] {
  const { common, symmetric, asym, signatures, kx } = h;
  const { SymmetricKey, SymmetricState } = symmetric;
  const slotsIface = h.host.getImportObject()['wasi:crypto/key-slots'];

  // Full (all-permission) keys and reference results.
  const sym = (bag: Bag, alg: string, raw: Uint8Array, bits: number, how: How) => {
    if (how === 'restrict') {
      const full = bag.add(SymmetricKey.import(alg, raw));
      return bag.add(full.restrict(flags(bits)));
    }
    const o = bag.add(new common.Options('symmetric'));
    o.setU64('permissions', BigInt(bits));
    return bag.add(SymmetricKey.generate(alg, o));
  };
  const nonceOpts = (bag: Bag) => {
    const o = bag.add(new common.Options('symmetric'));
    o.set('nonce', NONCE);
    return o;
  };

  const aesFull = SymmetricKey.import('AES-256-GCM', K32);
  const CT = aesFull.seal(NONCE, AD, PT);
  const [CT_DETACHED, TAG] = (() => {
    const o = new common.Options('symmetric');
    o.set('nonce', NONCE);
    const st = SymmetricState.open('AES-256-GCM', aesFull, o);
    st.absorb(AD);
    const [c, t] = st.encryptDetached(PT);
    const tb = t.toBytes();
    drop(t, st, o);
    return [c, tb] as const;
  })();
  const macRef = (alg: string): Uint8Array => {
    const k = SymmetricKey.import(alg, K32);
    const st = SymmetricState.open(alg, k, undefined);
    st.absorb(MSG);
    const t = st.squeezeTag();
    const out = t.toBytes();
    drop(t, st, k);
    return out;
  };
  const HMAC_TAG = macRef('HMAC/SHA-256');
  const KMAC_TAG = macRef('KMAC-128');
  const CMAC_TAG = macRef('AES-256-CMAC');
  const hkdf = (bag: Bag, key: SymmetricKey): Uint8Array => {
    const ex = bag.add(SymmetricState.open('HKDF-EXTRACT/SHA-256', key, undefined));
    ex.absorb(utf8('salt'));
    const prk = bag.add(ex.squeezeKey('HKDF-EXPAND/SHA-256'));
    const exp = mustWork('opening HKDF-EXPAND with the squeezed key (it inherits derive)', () =>
      bag.add(SymmetricState.open('HKDF-EXPAND/SHA-256', prk, undefined)),
    );
    exp.absorb(utf8('info'));
    return exp.squeeze(42);
  };
  const HKDF_OUT = (() => {
    const bag = new Bag();
    const k = bag.add(SymmetricKey.import('HKDF-EXTRACT/SHA-256', K32));
    const out = hkdf(bag, k);
    bag.dispose();
    return out;
  })();
  const blake3 = (bag: Bag, key: SymmetricKey): Uint8Array => {
    const st = bag.add(SymmetricState.open('BLAKE3', key, undefined));
    st.absorb(MSG);
    return st.squeeze(32);
  };
  const BLAKE3_OUT = (() => {
    const bag = new Bag();
    const out = blake3(bag, bag.add(SymmetricKey.import('BLAKE3', K32)));
    bag.dispose();
    return out;
  })();
  const ARGON_SECRET = bytes(8, 0x03);
  const argon = (bag: Bag, key: SymmetricKey): Uint8Array => {
    const o = bag.add(new common.Options('symmetric'));
    o.set('salt', bytes(16, 0x02));
    o.setU64('memory_limit', 32n * 1024n);
    o.setU64('ops_limit', 1n);
    o.setU64('parallelism', 1n);
    const st = bag.add(SymmetricState.open('ARGON2-ID-13', key, o));
    st.absorb(utf8('password'));
    return st.squeeze(32);
  };
  const ARGON_OUT = (() => {
    const bag = new Bag();
    const out = argon(bag, bag.add(SymmetricKey.import('ARGON2-ID-13', ARGON_SECRET)));
    bag.dispose();
    return out;
  })();

  const kwFull = SymmetricKey.import('AES-256-KW', W32);
  const kwpFull = SymmetricKey.import('AES-256-KWP', W32);
  const WRAPPED_KW = aesFull.exportWrapped(kwFull);
  const WRAPPED_KWP = aesFull.exportWrapped(kwpFull);

  // Key pairs: generated once (full), restricted per attempt.
  const kpFull = {
    Ed25519: asym.Keypair.generate('signatures', 'Ed25519', undefined),
    ECDSA_P256_SHA256: asym.Keypair.generate('signatures', 'ECDSA_P256_SHA256', undefined),
    X25519: asym.Keypair.generate('key-exchange', 'X25519', undefined),
    'ML-KEM-768': asym.Keypair.generate('key-exchange', 'ML-KEM-768', undefined),
  };
  type KpAlg = keyof typeof kpFull;
  const typeOf = (alg: KpAlg) => (alg === 'X25519' || alg === 'ML-KEM-768' ? 'key-exchange' : 'signatures');
  const kp = (bag: Bag, alg: KpAlg, bits: number, how: How) => {
    if (how === 'restrict') return bag.add(kpFull[alg].restrict(flags(bits)));
    const o = bag.add(new common.Options(typeOf(alg)));
    o.setU64('permissions', BigInt(bits));
    return bag.add(asym.Keypair.generate(typeOf(alg), alg, o));
  };
  const fullPk = (alg: KpAlg) => kpFull[alg].publickey();
  const fullSk = (alg: KpAlg) => kpFull[alg].secretkey();
  const pkOf = (bag: Bag, k: Keypair) => bag.add(mustWork('keypair.publickey', () => k.publickey()));
  const skOf = (bag: Bag, k: Keypair) => bag.add(mustWork('keypair.secretkey', () => k.secretkey()));

  const SIGS = new Map<string, { oneShot: Uint8Array; state: Uint8Array }>();
  for (const alg of ['Ed25519', 'ECDSA_P256_SHA256'] as const) {
    const st = signatures.SignatureState.open(kpFull[alg], undefined);
    st.update(MSG);
    const s = st.sign();
    SIGS.set(alg, { oneShot: signatures.sign(kpFull[alg], MSG), state: s.export('raw') });
    drop(s, st);
  }
  const X_PEER = asym.Keypair.generate('key-exchange', 'X25519', undefined);
  const X_PEER_PK = X_PEER.publickey();
  const DH_REF = kx.dh(X_PEER_PK, fullSk('X25519'));
  const KEM_REF = kx.encapsulate(fullPk('ML-KEM-768'));
  const KEM_SK = fullSk('ML-KEM-768');

  const ops: Op[] = [];
  const add = (op: Op) => ops.push(op);

  // encrypt / decrypt: AES-256-GCM states and one-shots. A state has no direction: opening it
  // needs nothing, encrypt / decrypt are checked per call.
  const aesState = (bag: Bag, bits: number, how: How) => {
    const k = sym(bag, 'AES-256-GCM', K32, bits, how);
    const o = nonceOpts(bag);
    const st = mustWork('opening an AES-256-GCM state', () => bag.add(SymmetricState.open('AES-256-GCM', k, o)));
    st.absorb(AD);
    return st;
  };
  add({
    name: 'symmetric-state.encrypt (AES-256-GCM)', needs: 'encrypt', option: true,
    run(bag, bits, how) {
      const out = aesState(bag, bits, how).encrypt(PT);
      if (how === 'restrict') assert.equal(toHex(out), toHex(CT));
      else assert.equal(out.length, PT.length + 16);
    },
  });
  add({
    name: 'symmetric-state.encrypt-detached (AES-256-GCM)', needs: 'encrypt', option: true,
    run(bag, bits, how) {
      const [c, t] = aesState(bag, bits, how).encryptDetached(PT);
      bag.add(t);
      if (how === 'restrict') assert.equal(toHex(c) + toHex(t.toBytes()), toHex(CT_DETACHED) + toHex(TAG));
    },
  });
  add({
    name: 'symmetric-key.seal (AES-256-GCM)', needs: 'encrypt', option: true,
    run(bag, bits, how) {
      const out = sym(bag, 'AES-256-GCM', K32, bits, how).seal(NONCE, AD, PT);
      if (how === 'restrict') assert.equal(toHex(out), toHex(CT));
    },
  });
  add({
    name: 'symmetric-state.decrypt (AES-256-GCM)', needs: 'decrypt', option: false,
    run(bag, bits, how) {
      assert.equal(toHex(aesState(bag, bits, how).decrypt(CT)), toHex(PT));
    },
  });
  add({
    name: 'symmetric-state.decrypt-detached (AES-256-GCM)', needs: 'decrypt', option: false,
    run(bag, bits, how) {
      assert.equal(toHex(aesState(bag, bits, how).decryptDetached(CT_DETACHED, TAG)), toHex(PT));
    },
  });
  add({
    name: 'symmetric-key.open (AES-256-GCM)', needs: 'decrypt', option: false,
    run(bag, bits, how) {
      assert.equal(toHex(sym(bag, 'AES-256-GCM', K32, bits, how).open(NONCE, AD, CT)), toHex(PT));
    },
  });

  // mac: opening a MAC state, one-shot mac / mac-verify.
  for (const [alg, ref] of [
    ['HMAC/SHA-256', HMAC_TAG],
    ['KMAC-128', KMAC_TAG],
    ['AES-256-CMAC', CMAC_TAG],
  ] as const) {
    add({
      name: `symmetric-state.open + squeeze-tag (${alg})`, needs: 'mac', option: true,
      run(bag, bits, how) {
        const st = bag.add(SymmetricState.open(alg, sym(bag, alg, K32, bits, how), undefined));
        st.absorb(MSG);
        const t = bag.add(st.squeezeTag());
        if (how === 'restrict') assert.equal(toHex(t.toBytes()), toHex(ref));
      },
    });
  }
  for (const [alg, ref] of [
    ['HMAC/SHA-256', HMAC_TAG],
    ['AES-256-CMAC', CMAC_TAG],
  ] as const) {
    add({
      name: `symmetric-key.mac (${alg})`, needs: 'mac', option: true,
      run(bag, bits, how) {
        const t = sym(bag, alg, K32, bits, how).mac(MSG);
        if (how === 'restrict') assert.equal(toHex(t), toHex(ref));
      },
    });
  }
  add({
    name: 'symmetric-key.mac-verify (HMAC/SHA-256)', needs: 'mac', option: false,
    run(bag, bits, how) {
      sym(bag, 'HMAC/SHA-256', K32, bits, how).macVerify(MSG, HMAC_TAG);
    },
  });

  // derive: HKDF-EXTRACT + squeeze-key, keyed BLAKE3, Argon2 with a secret key.
  add({
    name: 'HKDF-EXTRACT state + squeeze-key, then HKDF-EXPAND', needs: 'derive', option: true,
    run(bag, bits, how) {
      const out = hkdf(bag, sym(bag, 'HKDF-EXTRACT/SHA-256', K32, bits, how));
      if (how === 'restrict') assert.equal(toHex(out), toHex(HKDF_OUT));
    },
  });
  const EXPAND_OUT = (() => {
    const k = SymmetricKey.import('HKDF-EXPAND/SHA-256', K32);
    const st = SymmetricState.open('HKDF-EXPAND/SHA-256', k, undefined);
    st.absorb(utf8('info'));
    const out = st.squeeze(42);
    drop(st, k);
    return out;
  })();
  add({
    name: 'HKDF-EXPAND state with a key', needs: 'derive', option: true,
    run(bag, bits, how) {
      const st = bag.add(SymmetricState.open('HKDF-EXPAND/SHA-256', sym(bag, 'HKDF-EXPAND/SHA-256', K32, bits, how), undefined));
      st.absorb(utf8('info'));
      const out = st.squeeze(42);
      if (how === 'restrict') assert.equal(toHex(out), toHex(EXPAND_OUT));
    },
  });
  add({
    name: 'keyed BLAKE3 state', needs: 'derive', option: true,
    run(bag, bits, how) {
      const out = blake3(bag, sym(bag, 'BLAKE3', K32, bits, how));
      if (how === 'restrict') assert.equal(toHex(out), toHex(BLAKE3_OUT));
    },
  });
  add({
    name: 'ARGON2-ID-13 state with a secret key', needs: 'derive', option: false,
    run(bag, bits, how) {
      assert.equal(toHex(argon(bag, sym(bag, 'ARGON2-ID-13', ARGON_SECRET, bits, how))), toHex(ARGON_OUT));
    },
  });

  // sign / verify: Ed25519 and ECDSA P-256, states and one-shots.
  for (const alg of ['Ed25519', 'ECDSA_P256_SHA256'] as const) {
    const pk = fullPk(alg);
    const ref = SIGS.get(alg)!;
    add({
      name: `signature-state.open + sign (${alg})`, needs: 'sign', option: true,
      run(bag, bits, how) {
        const st = bag.add(signatures.SignatureState.open(kp(bag, alg, bits, how), undefined));
        st.update(MSG);
        const sig = bag.add(st.sign());
        if (how === 'restrict') signatures.verify(pk, MSG, sig.export('raw'));
      },
    });
    add({
      name: `signatures.sign (${alg})`, needs: 'sign', option: true,
      run(bag, bits, how) {
        const sig = signatures.sign(kp(bag, alg, bits, how), MSG);
        if (how === 'restrict') signatures.verify(pk, MSG, sig);
        else assert.ok(sig.length >= 64);
      },
    });
    add({
      name: `signature-verification-state.open + verify (${alg}, public key of the pair)`, needs: 'verify', option: false,
      run(bag, bits, how) {
        const p = pkOf(bag, kp(bag, alg, bits, how));
        const st = bag.add(signatures.SignatureVerificationState.open(p, undefined));
        st.update(MSG);
        st.verify(bag.add(signatures.Signature.import(alg, ref.state, 'raw')));
      },
    });
    add({
      name: `signatures.verify (${alg}, public key of the pair)`, needs: 'verify', option: false,
      run(bag, bits, how) {
        signatures.verify(pkOf(bag, kp(bag, alg, bits, how)), MSG, ref.oneShot);
      },
    });
  }

  // agree: X25519 dh, ML-KEM-768 decapsulate (on the secret key); encrypt: encapsulate (public key).
  add({
    name: 'kx.dh (X25519, secret key of the pair)', needs: 'agree', option: true,
    run(bag, bits, how) {
      const out = kx.dh(X_PEER_PK, skOf(bag, kp(bag, 'X25519', bits, how)));
      if (how === 'restrict') assert.equal(toHex(out), toHex(DH_REF));
      else assert.equal(out.length, 32);
    },
  });
  add({
    name: 'kx.decapsulate (ML-KEM-768, secret key of the pair)', needs: 'agree', option: true,
    run(bag, bits, how) {
      const out = kx.decapsulate(skOf(bag, kp(bag, 'ML-KEM-768', bits, how)), KEM_REF.ciphertext);
      // With another (generated) key, ML-KEM's implicit rejection still gives 32 bytes.
      if (how === 'restrict') assert.equal(toHex(out), toHex(KEM_REF.secret));
      else assert.equal(out.length, 32);
    },
  });
  add({
    name: 'kx.encapsulate (ML-KEM-768, public key of the pair)', needs: 'encrypt', option: true,
    run(bag, bits, how) {
      const enc = kx.encapsulate(pkOf(bag, kp(bag, 'ML-KEM-768', bits, how)));
      if (how === 'restrict') assert.equal(toHex(kx.decapsulate(KEM_SK, enc.ciphertext)), toHex(enc.secret));
      else assert.equal(enc.secret.length, 32);
    },
  });

  // export: symmetric keys, key pairs and secret keys in every encoding the algorithm has.
  add({
    name: 'symmetric-key.export (AES-256-GCM)', needs: 'export', option: true,
    run(bag, bits, how) {
      const out = sym(bag, 'AES-256-GCM', K32, bits, how).export();
      if (how === 'restrict') assert.equal(toHex(out), toHex(K32));
      else assert.equal(out.length, 32);
    },
  });
  for (const alg of Object.keys(kpFull) as KpAlg[]) {
    for (const enc of ['raw', 'pkcs8', 'pem', 'local'] as const) {
      let ref: Uint8Array;
      try {
        ref = kpFull[alg].export(enc);
      } catch {
        continue; // no such encoding for this algorithm
      }
      add({
        name: `keypair.export (${alg}, ${enc})`, needs: 'export', option: true,
        run(bag, bits, how) {
          const out = kp(bag, alg, bits, how).export(enc);
          if (how === 'restrict') assert.equal(toHex(out), toHex(ref));
        },
      });
    }
    for (const enc of ['raw', 'pkcs8', 'pem', 'sec', 'local'] as const) {
      let ref: Uint8Array;
      const sk = fullSk(alg);
      try {
        ref = sk.export(enc);
      } catch {
        continue;
      } finally {
        drop(sk);
      }
      add({
        name: `secretkey.export (${alg}, ${enc}; secret key of the pair)`, needs: 'export', option: true,
        run(bag, bits, how) {
          const out = skOf(bag, kp(bag, alg, bits, how)).export(enc);
          if (how === 'restrict') assert.equal(toHex(out), toHex(ref));
        },
      });
    }
  }

  // wrap / unwrap: the wrapped key needs export, the wrapping key wrap (export-wrapped) or unwrap
  // (import-wrapped).
  add({
    name: 'symmetric-key.export-wrapped (the wrapped AES-256-GCM key; AES-256-KW wrapping key with all)', needs: 'export', option: true,
    run(bag, bits, how) {
      const out = sym(bag, 'AES-256-GCM', K32, bits, how).exportWrapped(kwFull);
      if (how === 'restrict') assert.equal(toHex(out), toHex(WRAPPED_KW));
      else assert.equal(out.length, 40);
    },
  });
  for (const [alg, ref] of [
    ['AES-256-KW', WRAPPED_KW],
    ['AES-256-KWP', WRAPPED_KWP],
  ] as const) {
    add({
      name: `symmetric-key.export-wrapped (the ${alg} wrapping key)`, needs: 'wrap', option: true,
      run(bag, bits, how) {
        const out = aesFull.exportWrapped(sym(bag, alg, W32, bits, how));
        if (how === 'restrict') assert.equal(toHex(out), toHex(ref));
        else assert.equal(out.length, 40);
      },
    });
    add({
      name: `symmetric-key.import-wrapped (the ${alg} wrapping key)`, needs: 'unwrap', option: false,
      run(bag, bits, how) {
        const k = bag.add(SymmetricKey.importWrapped('AES-256-GCM', sym(bag, alg, W32, bits, how), ref, undefined));
        assert.equal(toHex(k.export()), toHex(K32), 'the unwrapped key (default permissions: all) exports its bytes');
      },
    });
  }
  const KP_WRAPPED = kpFull.Ed25519.exportWrapped(kwpFull);
  const KP_PKCS8 = kpFull.Ed25519.export('pkcs8');
  add({
    name: 'keypair.export-wrapped (the wrapped Ed25519 key pair; AES-256-KWP wrapping key with all)', needs: 'export', option: true,
    run(bag, bits, how) {
      const out = kp(bag, 'Ed25519', bits, how).exportWrapped(kwpFull);
      if (how === 'restrict') assert.equal(toHex(out), toHex(KP_WRAPPED));
    },
  });
  add({
    name: 'keypair.export-wrapped (the AES-256-KWP wrapping key)', needs: 'wrap', option: true,
    run(bag, bits, how) {
      const out = kpFull.Ed25519.exportWrapped(sym(bag, 'AES-256-KWP', W32, bits, how));
      if (how === 'restrict') assert.equal(toHex(out), toHex(KP_WRAPPED));
    },
  });
  add({
    name: 'keypair.import-wrapped (the AES-256-KWP wrapping key)', needs: 'unwrap', option: false,
    run(bag, bits, how) {
      const k = bag.add(asym.Keypair.importWrapped('signatures', 'Ed25519', sym(bag, 'AES-256-KWP', W32, bits, how), KP_WRAPPED, undefined));
      assert.equal(toHex(k.export('pkcs8')), toHex(KP_PKCS8));
    },
  });

  // import: storing into a slot needs the slot's `import`; the key's set is the slot's, so it is
  // always a subset. A key loaded back has the slot's set.
  add({
    name: 'slot.store-symmetric (AES-256 slot and key with the set)', needs: 'import', option: true,
    run(bag, bits, how) {
      const slot = bag.add(slotsIface.Slot.open(`AES-256/${bits}`));
      slot.storeSymmetric(sym(bag, 'AES-256-GCM', K32, bits, how));
      const loaded = bag.add(slot.loadSymmetric('AES-256-GCM'));
      assert.equal(names(bitsOf(loaded.permissions())), names(bits), 'a key loaded from a slot has the slot set');
      if (how === 'restrict' && (bits & bit('encrypt')) !== 0) assert.equal(toHex(loaded.seal(NONCE, AD, PT)), toHex(CT));
    },
  });
  add({
    name: 'slot.store-keypair (Ed25519 slot and key pair with the set)', needs: 'import', option: true,
    run(bag, bits, how) {
      const slot = bag.add(slotsIface.Slot.open(`Ed25519/${bits}`));
      slot.storeKeypair(kp(bag, 'Ed25519', bits, how));
      const loaded = bag.add(slot.loadKeypair('signatures', 'Ed25519'));
      assert.equal(names(bitsOf(loaded.permissions())), names(bits), 'a key pair loaded from a slot has the slot set');
      if (how === 'restrict' && (bits & bit('sign')) !== 0) signatures.verify(fullPk('Ed25519'), MSG, signatures.sign(loaded, MSG));
    },
  });

  return ops;
}

/** Every mismatch of one operation over the matrix sets. */
function mismatches(op: Op, how: How): string[] {
  const out: string[] = [];
  for (const { label, bits } of MATRIX_SETS) {
    const allowed = (bits & bit(op.needs)) !== 0;
    const bag = new Bag();
    let outcome: string;
    try {
      op.run(bag, bits, how);
      outcome = 'allowed';
    } catch (e) {
      outcome = outcomeOf(e);
    } finally {
      bag.dispose();
    }
    const expected = allowed ? 'allowed' : 'prohibited-operation';
    if (outcome !== expected) out.push(`${label}: expected ${expected}, got ${outcome}`);
  }
  return out;
}

for (const backend of BACKENDS) {
  describe(`permission matrix (${backend} backend)`, () => {
    const h = makeHost(backend, { slots: matrixSlots() });
    const ops = buildOps(h);

    test('the matrix covers every operation of the table', () => {
      const needs = new Set(ops.map((o) => o.needs));
      assert.deepEqual([...NAMES].filter((n) => !needs.has(n)), [], 'every permission is needed by some operation');
      // Every encoding the algorithms have: at least raw + pkcs8 + pem for Ed25519 key pairs.
      for (const e of ['raw', 'pkcs8', 'pem']) assert.ok(ops.some((o) => o.name === `keypair.export (Ed25519, ${e})`), e);
    });

    for (const op of ops) {
      test(`${op.name} needs ${op.needs} (keys made with restrict)`, () => {
        assert.deepEqual(mismatches(op, 'restrict'), []);
      });
      if (op.option) {
        test(`${op.name} needs ${op.needs} (keys generated with the permissions option)`, () => {
          assert.deepEqual(mismatches(op, 'option'), []);
        });
      }
    }

    test('public-key export needs nothing, in every encoding', () => {
      const problems: string[] = [];
      for (const [type, alg] of [
        ['signatures', 'Ed25519'],
        ['signatures', 'ECDSA_P256_SHA256'],
        ['key-exchange', 'X25519'],
        ['key-exchange', 'ML-KEM-768'],
      ] as const) {
        const full = h.asym.Keypair.generate(type, alg, undefined);
        const fpk = full.publickey();
        for (const enc of ['raw', 'pkcs8', 'pem', 'sec', 'local'] as const) {
          let ref: Uint8Array;
          try {
            ref = fpk.export(enc);
          } catch {
            continue;
          }
          for (const { label, bits } of MATRIX_SETS) {
            const r = full.restrict(flags(bits));
            const pk = r.publickey();
            try {
              if (toHex(pk.export(enc)) !== toHex(ref)) problems.push(`${alg} ${enc} ${label}: different bytes`);
            } catch (e) {
              problems.push(`${alg} ${enc} ${label}: ${outcomeOf(e)}`);
            }
            drop(pk, r);
          }
        }
        drop(fpk, full);
      }
      assert.deepEqual(problems, []);
    });

    test('a denied encrypt changes nothing: the same state then decrypts', () => {
      const key = h.symmetric.SymmetricKey.import('AES-256-GCM', K32).restrict(flags(set('decrypt')));
      const o = new h.common.Options('symmetric');
      o.set('nonce', NONCE);
      const st = h.symmetric.SymmetricState.open('AES-256-GCM', key, o);
      st.absorb(AD);
      throwsCode(() => st.encrypt(PT), 'prohibited-operation');
      throwsCode(() => st.encryptDetached(PT), 'prohibited-operation');
      const sealed = h.symmetric.SymmetricKey.import('AES-256-GCM', K32).seal(NONCE, AD, PT);
      assert.equal(toHex(st.decrypt(sealed)), toHex(PT));
      drop(st, o, key);
    });

    test('only the key the table names is checked: dh ignores the public key set, wrapping ignores the wrapped key unwrap', () => {
      const peer = h.asym.Keypair.generate('key-exchange', 'X25519', undefined);
      const mine = h.asym.Keypair.generate('key-exchange', 'X25519', undefined);
      const peerNone = peer.restrict(flags(0));
      const pkNone = peerNone.publickey();
      const skAgree = mine.restrict(flags(set('agree'))).secretkey();
      const fullPk = peer.publickey();
      const fullSk = mine.secretkey();
      assert.equal(toHex(h.kx.dh(pkNone, skAgree)), toHex(h.kx.dh(fullPk, fullSk)));
      // The wrapped key needs export only; the wrapping key wrap only.
      const kw = h.symmetric.SymmetricKey.import('AES-256-KW', W32).restrict(flags(set('wrap')));
      const k = h.symmetric.SymmetricKey.import('AES-256-GCM', K32).restrict(flags(set('export')));
      const wrapped = k.exportWrapped(kw);
      const kwu = h.symmetric.SymmetricKey.import('AES-256-KW', W32).restrict(flags(set('unwrap')));
      const back = h.symmetric.SymmetricKey.importWrapped('AES-256-GCM', kwu, wrapped, undefined);
      assert.equal(toHex(back.export()), toHex(K32));
      drop(back, kwu, k, kw, fullSk, fullPk, skAgree, pkNone, peerNone, mine, peer);
    });

    test('clones and resets of a state keep its key set', () => {
      const key = h.symmetric.SymmetricKey.import('AES-256-GCM', K32).restrict(flags(set('decrypt')));
      const o = new h.common.Options('symmetric');
      o.set('nonce', NONCE);
      const st = h.symmetric.SymmetricState.open('AES-256-GCM', key, o);
      const c = st.clone();
      throwsCode(() => c.encrypt(PT), 'prohibited-operation');
      st.reset();
      throwsCode(() => st.encrypt(PT), 'prohibited-operation');
      const mk = h.symmetric.SymmetricKey.import('HMAC/SHA-256', K32).restrict(flags(set('derive')));
      throwsCode(() => h.symmetric.SymmetricState.open('HMAC/SHA-256', mk, undefined), 'prohibited-operation');
      drop(mk, c, st, o, key);
    });

    test('restrict narrows only: widening is prohibited-operation, the source keeps its set', () => {
      const { SymmetricKey } = h.symmetric;
      const full = SymmetricKey.import('AES-256-GCM', K32);
      assert.equal(bitsOf(full.permissions()), ALL, 'import gives all');
      const dp = full.restrict(flags(0x00f)); // data-protection
      assert.equal(bitsOf(dp.permissions()), 0x00f);
      assert.equal(bitsOf(full.permissions()), ALL, 'the source keeps its own set');
      for (const n of NAMES) {
        if ((0x00f & bit(n)) !== 0) continue;
        throwsCode(() => dp.restrict(flags(0x00f | bit(n))), 'prohibited-operation');
        throwsCode(() => dp.restrict(flags(bit(n))), 'prohibited-operation');
      }
      throwsCode(() => dp.restrict(flags(ALL)), 'prohibited-operation');
      const same = dp.restrict(flags(0x00f));
      assert.equal(bitsOf(same.permissions()), 0x00f);
      const enc = dp.restrict(flags(set('encrypt')));
      assert.equal(bitsOf(enc.permissions()), set('encrypt'));
      throwsCode(() => enc.restrict(flags(set('encrypt', 'decrypt'))), 'prohibited-operation');
      const none = enc.restrict(flags(0));
      assert.equal(bitsOf(none.permissions()), 0);
      throwsCode(() => none.restrict(flags(set('encrypt'))), 'prohibited-operation');
      // A flags record with missing properties is the empty set for those flags.
      const partial = full.restrict({ mac: true });
      assert.equal(bitsOf(partial.permissions()), set('mac'));
      drop(partial, none, enc, same, dp, full);

      const kp = h.asym.Keypair.generate('signatures', 'Ed25519', undefined);
      assert.equal(bitsOf(kp.permissions()), ALL, 'generation without the option gives all');
      const auth = kp.restrict(flags(0x0f0)); // authentication
      assert.equal(bitsOf(auth.permissions()), 0x0f0);
      for (const n of NAMES) {
        if ((0x0f0 & bit(n)) === 0) throwsCode(() => auth.restrict(flags(0x0f0 | bit(n))), 'prohibited-operation');
      }
      const sign = auth.restrict(flags(set('sign')));
      throwsCode(() => sign.restrict(flags(set('sign', 'verify'))), 'prohibited-operation');
      assert.equal(bitsOf(kp.permissions()), ALL);
      drop(sign, auth, kp);
    });

    test('public and secret keys of a key pair inherit its set; from-secretkey and from-pk-and-sk never widen', () => {
      const sets = [...MATRIX_SETS.map((s) => s.bits), 0x00f, 0x0f0, 0x700, ALL];
      for (const [type, alg] of [
        ['signatures', 'Ed25519'],
        ['signatures', 'ECDSA_P256_SHA256'],
        ['key-exchange', 'X25519'],
        ['key-exchange', 'ML-KEM-768'],
      ] as const) {
        const full = h.asym.Keypair.generate(type, alg, undefined);
        for (const bits of sets) {
          const r = full.restrict(flags(bits));
          const pk = r.publickey();
          const sk = r.secretkey();
          assert.equal(names(bitsOf(pk.permissions())), names(bits), `${alg} public key of ${names(bits)}`);
          assert.equal(names(bitsOf(sk.permissions())), names(bits), `${alg} secret key of ${names(bits)}`);
          const pk2 = h.asym.Publickey.fromSecretkey(sk);
          assert.equal(bitsOf(pk2.permissions()) & ~bits, 0, `${alg} from-secretkey of ${names(bits)} widened`);
          const kp2 = h.asym.Keypair.fromPkAndSk(pk, sk);
          assert.equal(bitsOf(kp2.permissions()) & ~bits, 0, `${alg} from-pk-and-sk of ${names(bits)} widened`);
          drop(kp2, pk2, sk, pk, r);
        }
        // Generated with the option: the pair's keys inherit it too.
        const o = new h.common.Options(type);
        o.setU64('permissions', BigInt(set('verify', 'agree')));
        const g = h.asym.Keypair.generate(type, alg, o);
        const gpk = g.publickey();
        const gsk = g.secretkey();
        assert.equal(bitsOf(g.permissions()), set('verify', 'agree'));
        assert.equal(bitsOf(gpk.permissions()), set('verify', 'agree'));
        assert.equal(bitsOf(gsk.permissions()), set('verify', 'agree'));
        drop(gsk, gpk, g, o, full);
      }
    });

    test('imports give all: symmetric key, key pair, public key, secret key', () => {
      const k = h.symmetric.SymmetricKey.import('HMAC/SHA-256', K32);
      assert.equal(bitsOf(k.permissions()), ALL);
      const full = h.asym.Keypair.generate('signatures', 'Ed25519', undefined);
      const der = full.export('pkcs8');
      const kp = h.asym.Keypair.import('signatures', 'Ed25519', der, 'pkcs8');
      assert.equal(bitsOf(kp.permissions()), ALL);
      const fpk = full.publickey();
      const pk = h.asym.Publickey.import('signatures', 'Ed25519', fpk.export('raw'), 'raw');
      assert.equal(bitsOf(pk.permissions()), ALL);
      const sk = h.asym.Secretkey.import('signatures', 'Ed25519', der, 'pkcs8');
      assert.equal(bitsOf(sk.permissions()), ALL);
      drop(sk, pk, fpk, kp, full, k);
    });

    test('squeeze-key output inherits the source key set', () => {
      const src = h.symmetric.SymmetricKey.import('HKDF-EXTRACT/SHA-256', K32);
      for (const bits of [set('derive'), set('derive', 'export'), set('derive', 'mac', 'export'), 0x1ff, ALL]) {
        const k = src.restrict(flags(bits));
        const st = h.symmetric.SymmetricState.open('HKDF-EXTRACT/SHA-256', k, undefined);
        st.absorb(utf8('salt'));
        const prk = st.squeezeKey('HKDF-EXPAND/SHA-256');
        assert.equal(names(bitsOf(prk.permissions())), names(bits), `squeezed from ${names(bits)}`);
        if ((bits & bit('export')) !== 0) assert.equal(prk.export().length, 32);
        else throwsCode(() => prk.export(), 'prohibited-operation');
        drop(prk, st, k);
      }
      drop(src);
    });

    test('the permissions option: bits above 0x7FF → unsupported-option; 0 and 0x7FF are taken as given', () => {
      const gens: [string, (o: Options) => { permissions(): KeyPermissions }][] = [
        ['symmetric', (o) => h.symmetric.SymmetricKey.generate('AES-256-GCM', o)],
        ['signatures', (o) => h.asym.Keypair.generate('signatures', 'Ed25519', o)],
        ['key-exchange', (o) => h.asym.Keypair.generate('key-exchange', 'X25519', o)],
      ];
      const sm = h.common.SecretsManager.open(undefined);
      gens.push(['symmetric', (o) => h.symmetric.SymmetricKey.generateManaged(sm, 'AES-256-GCM', o)]);
      gens.push(['signatures', (o) => h.asym.Keypair.generateManaged(sm, 'signatures', 'Ed25519', o)]);
      for (const [type, gen] of gens) {
        for (const bad of [0x800n, 0xfffn, 0x7ffn | 0x1000n, 1n << 32n, (1n << 64n) - 1n]) {
          const o = new h.common.Options(type as 'symmetric');
          // The option may be refused when set or when generating; either way unsupported-option.
          throwsCode(() => {
            o.setU64('permissions', bad);
            drop(gen(o));
          }, 'unsupported-option');
          drop(o);
        }
        for (const good of [0, 0x7ff, 0x200, 0x155]) {
          const o = new h.common.Options(type as 'symmetric');
          o.setU64('permissions', BigInt(good));
          const k = gen(o);
          assert.equal(names(bitsOf(k.permissions())), names(good), `${type} generated with ${good.toString(16)}`);
          drop(k, o);
        }
      }
      drop(sm);
    });

    test('managed keys default to all but export; from-id keeps the stored set; store-managed never widens', () => {
      const sm = h.common.SecretsManager.open(undefined);
      const ALL_BUT_EXPORT = ALL & ~bit('export');
      const mk = h.symmetric.SymmetricKey.generateManaged(sm, 'AES-256-GCM', undefined);
      assert.equal(names(bitsOf(mk.permissions())), names(ALL_BUT_EXPORT));
      throwsCode(() => mk.export(), 'prohibited-operation');
      const wrap = h.symmetric.SymmetricKey.import('AES-256-KW', W32);
      throwsCode(() => mk.exportWrapped(wrap), 'prohibited-operation');
      mk.open(NONCE, AD, mk.seal(NONCE, AD, PT));
      const [id] = mk.id();
      const again = h.symmetric.SymmetricKey.fromId(sm, id, { tag: 'latest' });
      assert.equal(names(bitsOf(again.permissions())), names(ALL_BUT_EXPORT));
      throwsCode(() => again.export(), 'prohibited-operation');

      const mkp = h.asym.Keypair.generateManaged(sm, 'signatures', 'Ed25519', undefined);
      assert.equal(names(bitsOf(mkp.permissions())), names(ALL_BUT_EXPORT));
      for (const enc of ['raw', 'pkcs8', 'pem'] as const) throwsCode(() => mkp.export(enc), 'prohibited-operation');
      const kwp = h.symmetric.SymmetricKey.import('AES-256-KWP', W32);
      throwsCode(() => mkp.exportWrapped(kwp), 'prohibited-operation');
      signAndVerify(h, mkp);
      const [kid] = mkp.id();
      const kagain = h.asym.Keypair.fromId(sm, kid, { tag: 'latest' });
      assert.equal(names(bitsOf(kagain.permissions())), names(ALL_BUT_EXPORT));

      // With the option: what is asked for, and from-id returns it.
      const o = new h.common.Options('symmetric');
      o.setU64('permissions', BigInt(set('mac', 'export')));
      const mh = h.symmetric.SymmetricKey.generateManaged(sm, 'HMAC/SHA-256', o);
      assert.equal(bitsOf(mh.permissions()), set('mac', 'export'));
      const [hid] = mh.id();
      const hagain = h.symmetric.SymmetricKey.fromId(sm, hid, { tag: 'exact', val: 1n });
      assert.equal(bitsOf(hagain.permissions()), set('mac', 'export'));
      assert.equal(toHex(hagain.export()), toHex(mh.export()));

      // store-managed of a restricted key: the stored copy has no permission the source lacked.
      const eph = h.symmetric.SymmetricKey.import('HMAC/SHA-256', K32).restrict(flags(set('mac')));
      const sid = eph.storeManaged(sm);
      const stored = h.symmetric.SymmetricKey.fromId(sm, sid, { tag: 'latest' });
      assert.equal(bitsOf(stored.permissions()) & ~set('mac'), 0, `stored copy widened to ${names(bitsOf(stored.permissions()))}`);
      throwsCode(() => stored.export(), 'prohibited-operation');
      const ekp = h.asym.Keypair.generate('signatures', 'Ed25519', undefined).restrict(flags(set('sign')));
      const ekid = ekp.storeManaged(sm);
      const ekstored = h.asym.Keypair.fromId(sm, ekid, { tag: 'latest' });
      assert.equal(bitsOf(ekstored.permissions()) & ~set('sign'), 0, `stored key pair widened to ${names(bitsOf(ekstored.permissions()))}`);
      drop(ekstored, ekp, stored, eph, hagain, mh, o, kagain, kwp, mkp, again, wrap, mk, sm);
    });

    test('import-wrapped: default all, or exactly the given set', () => {
      const kw = h.symmetric.SymmetricKey.import('AES-256-KW', W32);
      const src = h.symmetric.SymmetricKey.import('AES-256-GCM', K32);
      const wrapped = src.exportWrapped(kw);
      const dflt = h.symmetric.SymmetricKey.importWrapped('AES-256-GCM', kw, wrapped, undefined);
      assert.equal(bitsOf(dflt.permissions()), ALL);
      const given = h.symmetric.SymmetricKey.importWrapped('AES-256-GCM', kw, wrapped, flags(set('decrypt')));
      assert.equal(bitsOf(given.permissions()), set('decrypt'));
      throwsCode(() => given.export(), 'prohibited-operation');
      throwsCode(() => given.seal(NONCE, AD, PT), 'prohibited-operation');
      assert.equal(toHex(given.open(NONCE, AD, src.seal(NONCE, AD, PT))), toHex(PT));
      const kwp = h.symmetric.SymmetricKey.import('AES-256-KWP', W32);
      const kp = h.asym.Keypair.generate('signatures', 'Ed25519', undefined);
      const kpw = kp.exportWrapped(kwp);
      const kpGiven = h.asym.Keypair.importWrapped('signatures', 'Ed25519', kwp, kpw, flags(set('verify')));
      assert.equal(bitsOf(kpGiven.permissions()), set('verify'));
      throwsCode(() => h.signatures.sign(kpGiven, MSG), 'prohibited-operation');
      drop(kpGiven, kp, kwp, given, dflt, src, kw);
    });

    test('slots: a key with a permission the slot lacks is refused; a loaded key has the slot set', () => {
      const slots = h.host.getImportObject()['wasi:crypto/key-slots'];
      const dp = 0x00f | bit('import');
      const slot = slots.Slot.open(`AES-256/${ALL & ~bit('export')}`); // all but export
      const full = h.symmetric.SymmetricKey.import('AES-256-GCM', K32);
      throwsCode(() => slot.storeSymmetric(full), 'prohibited-operation'); // has export, the slot does not
      const narrowed = full.restrict(flags(dp));
      slot.storeSymmetric(narrowed); // a strict subset is fine
      const loaded = slot.loadSymmetric('AES-256-GCM');
      assert.equal(names(bitsOf(loaded.permissions())), names(ALL & ~bit('export')), 'the slot set, not the stored key set');
      throwsCode(() => loaded.export(), 'prohibited-operation');
      assert.equal(names(bitsOf(slot.info().permissions)), names(ALL & ~bit('export')));
      drop(loaded, narrowed, full, slot);
    });

    test('teardown', () => {
      h.host[Symbol.dispose]();
    });
  });
}

/** Signing with a managed key pair works without export (sign is in its default set). */
function signAndVerify(h: Host, kp: Keypair): void {
  const pk = kp.publickey();
  h.signatures.verify(pk, MSG, h.signatures.sign(kp, MSG));
  drop(pk);
}
