/**
 * Diffie-Hellman key agreement through `kx.dh(publickey, secretkey)`:
 * - `xdh_comp_schema_v1` (raw keys), `xdh_asn_comp_schema_v1` (SPKI DER public key and PKCS#8
 *   DER private key, both `pkcs8`), `xdh_pem_comp_schema_v1` (both PEM): X25519;
 * - `ecdh_test_schema_v1` (public key as SPKI DER `pkcs8`, or as given by the group's
 *   `encoding`), `ecdh_ecpoint_test_schema_v1` (public key as a SEC1 point, `sec`): P-256 and
 *   P-384 (our `P256-SHA256`, `P384-SHA384`, which return the raw x-coordinate). The private key,
 *   a Wycheproof BigInt, is imported `raw` as the fixed-width big-endian scalar.
 * `valid`: the shared secret equals the vector's. `invalid`: a typed error (from a key import or
 * from `dh`). `acceptable` (e.g. a public key on the twist, a compressed point, an all-zero
 * X25519 result): a typed error or the vector's shared secret.
 * @module
 */
import type { Probe, SchemaHandler, TestCase } from '../types.js';
import { hexField, stringField, VectorFormatError, type JsonObject } from '../vector.js';
import { planTests } from './common.js';
import { importPublicKey, importSecretKey, lookup, peekString, pemField, scalarField, type EncodedKey, type SecretkeyEncoding } from './asym.js';

interface DhVector {
  readonly alg: string;
  readonly pk: EncodedKey;
  readonly sk: { readonly bytes: Uint8Array; readonly encoding: SecretkeyEncoding; readonly label: string };
  readonly shared: Uint8Array;
}

function dhProbe(v: DhVector): Probe {
  return {
    name: `kx.dh (${v.pk.label} public key, ${v.sk.label} secret key)`,
    role: 'check',
    expected: v.shared,
    run: (imports, scope) => {
      const pk = importPublicKey(imports, scope, 'key-exchange', v.alg, v.pk);
      const sk = importSecretKey(imports, scope, 'key-exchange', v.alg, v.sk.bytes, v.sk.encoding, v.sk.label);
      return imports['wasi:crypto/kx'].dh(pk, sk);
    },
  };
}

function tests(group: JsonObject, type: string): readonly unknown[] {
  const t = stringField(group, 'type', 'test group');
  if (t !== type) throw new VectorFormatError(`test group: type is ${JSON.stringify(t)}, expected ${JSON.stringify(type)}`);
  const list = group['tests'];
  if (!Array.isArray(list)) throw new VectorFormatError('test group: "tests" is not an array');
  return list;
}

// --- X25519 ---------------------------------------------------------------------------------

const XDH_CURVES: Readonly<Record<string, string>> = Object.freeze({ curve25519: 'X25519', X25519: 'X25519' });

type XdhForm = 'raw' | 'asn' | 'pem';
const XDH_SCHEMAS: Readonly<Record<string, XdhForm>> = Object.freeze({
  xdh_comp_schema_v1: 'raw',
  xdh_comp_schema: 'raw',
  xdh_asn_comp_schema_v1: 'asn',
  xdh_asn_comp_schema: 'asn',
  xdh_pem_comp_schema_v1: 'pem',
  xdh_pem_comp_schema: 'pem',
});
const XDH_GROUP_TYPE: Readonly<Record<XdhForm, string>> = { raw: 'XdhComp', asn: 'XdhAsnComp', pem: 'XdhPemComp' };

function xdhCurve(group: JsonObject): { ok: true; alg: string } | { ok: false; reason: string } | undefined {
  const curve = peekString(group, 'curve');
  if (curve === undefined) return undefined;
  const alg = lookup(XDH_CURVES, curve);
  return alg ? { ok: true, alg } : { ok: false, reason: `XDH curve ${JSON.stringify(curve)}: only X25519 (curve25519) is in docs/asymmetric.md` };
}

export const xdhHandler: SchemaHandler = {
  family: 'XDH',
  schemas: Object.keys(XDH_SCHEMAS),

  resolveAlgorithm(algorithm) {
    return algorithm === 'XDH' ? { ok: true } : { ok: false, reason: `${JSON.stringify(algorithm)} is not XDH` };
  },

  resolveGroup(_header, group) {
    const c = xdhCurve(group);
    return c === undefined || c.ok ? { ok: true } : c;
  },

  planGroup(header, group): TestCase[] {
    const form = XDH_SCHEMAS[header.schema.replace(/\.json$/, '')];
    if (form === undefined) throw new Error(`unexpected schema ${header.schema}`);
    const list = tests(group, XDH_GROUP_TYPE[form]);
    const c = xdhCurve(group);
    if (c === undefined) throw new VectorFormatError('test group: field "curve" is missing or not a string');
    if (!c.ok) throw new VectorFormatError(`test group: ${c.reason}`);
    const alg = c.alg;
    return planTests(list, alg, (t, tc) => {
      const shared = hexField(t, 'shared', tc.where);
      let v: DhVector;
      if (form === 'raw') {
        v = { alg, pk: { bytes: hexField(t, 'public', tc.where), encoding: 'raw', label: 'raw' }, sk: { bytes: hexField(t, 'private', tc.where), encoding: 'raw', label: 'raw' }, shared };
      } else if (form === 'asn') {
        v = {
          alg,
          pk: { bytes: hexField(t, 'public', tc.where), encoding: 'pkcs8', label: "SPKI DER 'pkcs8'" },
          sk: { bytes: hexField(t, 'private', tc.where), encoding: 'pkcs8', label: "PKCS#8 DER 'pkcs8'" },
          shared,
        };
      } else {
        v = { alg, pk: { bytes: pemField(t, 'public', tc.where), encoding: 'pem', label: 'PEM' }, sk: { bytes: pemField(t, 'private', tc.where), encoding: 'pem', label: 'PEM' }, shared };
      }
      return { algorithm: alg, probes: [dhProbe(v)], rejectsParameters: false };
    });
  },
};

// --- ECDH -----------------------------------------------------------------------------------

/** Wycheproof curve → our ECDH algorithm and its scalar size. */
const ECDH_CURVES: Readonly<Record<string, { alg: string; scalarBytes: number }>> = Object.freeze({
  secp256r1: { alg: 'P256-SHA256', scalarBytes: 32 },
  'P-256': { alg: 'P256-SHA256', scalarBytes: 32 },
  prime256v1: { alg: 'P256-SHA256', scalarBytes: 32 },
  secp384r1: { alg: 'P384-SHA384', scalarBytes: 48 },
  'P-384': { alg: 'P384-SHA384', scalarBytes: 48 },
});

/** The group's `encoding` of the public key → ours. */
const ECDH_ENCODINGS: Readonly<Record<string, { encoding: 'pkcs8' | 'sec' | 'pem'; label: string }>> = Object.freeze({
  asn: { encoding: 'pkcs8', label: "SPKI DER 'pkcs8'" },
  ecpoint: { encoding: 'sec', label: "SEC1 point 'sec'" },
  pem: { encoding: 'pem', label: 'PEM' },
});

const ECDH_SCHEMAS: Readonly<Record<string, { groupType: string; defaultEncoding: string }>> = Object.freeze({
  ecdh_test_schema_v1: { groupType: 'EcdhTest', defaultEncoding: 'asn' },
  ecdh_test_schema: { groupType: 'EcdhTest', defaultEncoding: 'asn' },
  ecdh_ecpoint_test_schema_v1: { groupType: 'EcdhEcpointTest', defaultEncoding: 'ecpoint' },
  ecdh_ecpoint_test_schema: { groupType: 'EcdhEcpointTest', defaultEncoding: 'ecpoint' },
});

export const ecdhHandler: SchemaHandler = {
  family: 'ECDH',
  schemas: Object.keys(ECDH_SCHEMAS),

  resolveAlgorithm(algorithm) {
    return algorithm === 'ECDH' ? { ok: true } : { ok: false, reason: `${JSON.stringify(algorithm)} is not ECDH` };
  },

  resolveGroup(_header, group) {
    const curve = peekString(group, 'curve');
    if (curve !== undefined && !lookup(ECDH_CURVES, curve)) return { ok: false, reason: `ECDH curve ${JSON.stringify(curve)} is not in docs/asymmetric.md (P-256, P-384)` };
    const enc = peekString(group, 'encoding');
    if (enc !== undefined && !lookup(ECDH_ENCODINGS, enc)) return { ok: false, reason: `ECDH public keys encoded as ${JSON.stringify(enc)}: no wasi-crypto encoding (we take asn, ecpoint, pem)` };
    return { ok: true };
  },

  planGroup(header, group): TestCase[] {
    const schema = ECDH_SCHEMAS[header.schema.replace(/\.json$/, '')];
    if (schema === undefined) throw new Error(`unexpected schema ${header.schema}`);
    const list = tests(group, schema.groupType);
    const curveName = stringField(group, 'curve', 'test group');
    const curve = lookup(ECDH_CURVES, curveName);
    if (!curve) throw new VectorFormatError(`test group: ECDH curve ${JSON.stringify(curveName)} is not ours`);
    const encName = Object.prototype.hasOwnProperty.call(group, 'encoding') ? stringField(group, 'encoding', 'test group') : schema.defaultEncoding;
    const enc = lookup(ECDH_ENCODINGS, encName);
    if (!enc) throw new VectorFormatError(`test group: public key encoding ${JSON.stringify(encName)} is not ours`);
    const alg = curve.alg;
    return planTests(list, alg, (t, tc) => {
      const pk: EncodedKey = {
        bytes: enc.encoding === 'pem' ? pemField(t, 'public', tc.where) : hexField(t, 'public', tc.where),
        encoding: enc.encoding,
        label: enc.label,
      };
      const v: DhVector = {
        alg,
        pk,
        sk: { bytes: scalarField(t, 'private', tc.where, curve.scalarBytes), encoding: 'raw', label: `raw ${curve.scalarBytes}-byte scalar` },
        shared: hexField(t, 'shared', tc.where),
      };
      return { algorithm: alg, probes: [dhProbe(v)], rejectsParameters: false };
    });
  },
};
