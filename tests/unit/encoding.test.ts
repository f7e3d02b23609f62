/**
 * Key and signature encodings (host/src/core/encoding.ts).
 *
 * The independent references are node:crypto (OpenSSL) for Ed25519, X25519, EC and RSA: its DER/PEM
 * exports must decode to the key its JWK export gives, and our encodings must be byte-identical to
 * its exports and importable back with the same JWK. For ML-DSA and ML-KEM, the published example
 * keys of RFC 9881 (ML-DSA in X.509, Appendix C) and RFC 9935 (ML-KEM in X.509, Appendix C) —
 * all derived from the seed 00 01 02 … — are decoded and re-encoded byte for byte, and the keys inside
 * are checked against @noble/post-quantum's key generation from that seed.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { ml_dsa44, ml_dsa65, ml_dsa87 } from '@noble/post-quantum/ml-dsa.js';
import { ml_kem512, ml_kem768, ml_kem1024 } from '@noble/post-quantum/ml-kem.js';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { AlgorithmIdentifier, SubjectPublicKeyInfo } from '@peculiar/asn1-x509';
import { PrivateKey, PrivateKeyInfo } from '@peculiar/asn1-pkcs8';
import { ECParameters, ECPrivateKey } from '@peculiar/asn1-ecc';
import { RSAPublicKey } from '@peculiar/asn1-rsa';
import type { EcCurve, MlDsaLevel, MlKemLevel } from '../../host/src/backends/types.js';
import { isCryptoError, type ErrorCode } from '../../host/src/core/errors.js';
import {
  decodeEcPrivateKey,
  decodePkcs8,
  decodeSpki,
  ecdsaSignatureFromDer,
  ecdsaSignatureToDer,
  encodeEcPrivateKey,
  encodePkcs8,
  encodeSpki,
  fromPem,
  rsaPublicInfo,
  toPem,
  type KeyKind,
} from '../../host/src/core/encoding.js';

// ---------------------------------------------------------------------------------------------
// helpers

function u8(b: Buffer | ArrayBuffer | Uint8Array): Uint8Array {
  return new Uint8Array(b instanceof ArrayBuffer ? b.slice(0) : Buffer.from(b));
}
function hex(s: string): Uint8Array {
  return new Uint8Array(Buffer.from(s.replace(/\s+/g, ''), 'hex'));
}
function toHex(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
}
function b64url(s: string | undefined): Uint8Array {
  assert.ok(s !== undefined);
  return new Uint8Array(Buffer.from(s, 'base64url'));
}
function cat(...parts: Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts));
}
function ascii(s: string): Uint8Array {
  return new Uint8Array(Buffer.from(s, 'latin1'));
}
function counting(n: number): Uint8Array {
  return Uint8Array.from({ length: n }, (_, i) => i);
}
function bytesEq(actual: Uint8Array | undefined, expected: Uint8Array, msg?: string): void {
  assert.ok(actual !== undefined, msg ?? 'missing bytes');
  assert.equal(toHex(actual), toHex(expected), msg);
}
function throwsCode(fn: () => unknown, code: ErrorCode, msg?: string): void {
  assert.throws(fn, (e: unknown) => isCryptoError(e) && e.payload === code, msg);
}
/** The DER inside a PEM string, decoded by node (independently of fromPem). */
function pemBody(pem: string): Uint8Array {
  const body = pem.replace(/-----(BEGIN|END) [^-]+-----/g, '').replace(/\s+/g, '');
  return new Uint8Array(Buffer.from(body, 'base64'));
}
function der(obj: object): Uint8Array {
  return new Uint8Array(AsnConvert.serialize(obj));
}
function buf(b: Uint8Array): ArrayBuffer {
  return b.slice().buffer;
}

const CURVES: ReadonlyArray<{ curve: EcCurve; size: number; nodeName: string }> = [
  { curve: 'P-256', size: 32, nodeName: 'prime256v1' },
  { curve: 'P-384', size: 48, nodeName: 'secp384r1' },
  { curve: 'secp256k1', size: 32, nodeName: 'secp256k1' },
];

// ---------------------------------------------------------------------------------------------
// Ed25519 / X25519 (RFC 8410)

for (const family of ['ed25519', 'x25519'] as const) {
  describe(`${family}: SPKI / PKCS#8 against node:crypto`, () => {
    const kind: KeyKind = { family };
    const kp = crypto.generateKeyPairSync(family as 'ed25519');
    const jwk = kp.privateKey.export({ format: 'jwk' });
    const x = b64url(jwk.x);
    const d = b64url(jwk.d);
    const spki = u8(kp.publicKey.export({ type: 'spki', format: 'der' }));
    const pkcs8 = u8(kp.privateKey.export({ type: 'pkcs8', format: 'der' }));

    test('node DER decodes to the JWK key; our encodings are node’s bytes', () => {
      bytesEq(decodeSpki(kind, spki), x);
      bytesEq(encodeSpki(kind, x), spki);
      const dec = decodePkcs8(kind, pkcs8);
      bytesEq(dec.secret, d);
      assert.equal(dec.publicKey, undefined);
      assert.equal(dec.seed, undefined);
      bytesEq(encodePkcs8(kind, { secret: d }), pkcs8);
    });

    test('our encodings import into node with the same JWK', () => {
      const pub = crypto.createPublicKey({ key: Buffer.from(encodeSpki(kind, x)), format: 'der', type: 'spki' });
      assert.deepEqual(pub.export({ format: 'jwk' }), kp.publicKey.export({ format: 'jwk' }));
      const priv = crypto.createPrivateKey({ key: Buffer.from(encodePkcs8(kind, { secret: d })), format: 'der', type: 'pkcs8' });
      assert.deepEqual(priv.export({ format: 'jwk' }), jwk);
    });

    test('PEM: node’s armour parses; ours is node’s text', () => {
      const pubPem = kp.publicKey.export({ type: 'spki', format: 'pem' }) as string;
      const privPem = kp.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
      const p = fromPem(ascii(pubPem), ['PUBLIC KEY']);
      assert.equal(p.label, 'PUBLIC KEY');
      bytesEq(decodeSpki(kind, p.der), x);
      bytesEq(decodePkcs8(kind, fromPem(ascii(privPem), ['PRIVATE KEY']).der).secret, d);
      assert.equal(Buffer.from(toPem('PUBLIC KEY', spki)).toString('latin1'), pubPem);
      assert.equal(Buffer.from(toPem('PRIVATE KEY', pkcs8)).toString('latin1'), privPem);
    });

    test('PKCS#8 v2 (OneAsymmetricKey) with the public key', () => {
      // SEQUENCE { INTEGER 1, AlgorithmIdentifier, OCTET STRING { OCTET STRING d }, [1] IMPLICIT BIT STRING x }
      const oid = family === 'ed25519' ? '2b6570' : '2b656e';
      const v2 = cat(hex(`3051 020101 3005 0603${oid} 0422 0420`), d, hex('812100'), x);
      const dec = decodePkcs8(kind, v2);
      bytesEq(dec.secret, d);
      bytesEq(dec.publicKey, x);
      // The same public key in a v1 structure is not allowed.
      throwsCode(() => decodePkcs8(kind, cat(hex(`3051 020100 3005 0603${oid} 0422 0420`), d, hex('812100'), x)), 'invalid-key');
      // A v2 public key of the wrong length.
      throwsCode(() => decodePkcs8(kind, cat(hex(`3050 020101 3005 0603${oid} 0422 0420`), d, hex('812000'), x.subarray(1))), 'invalid-key');
    });

    test('wrong algorithm, parameters, lengths and non-DER are invalid-key', () => {
      const other: KeyKind = { family: family === 'ed25519' ? 'x25519' : 'ed25519' };
      throwsCode(() => decodeSpki(other, spki), 'invalid-key');
      throwsCode(() => decodePkcs8(other, pkcs8), 'invalid-key');
      throwsCode(() => decodeSpki({ family: 'ec', curve: 'P-256' }, spki), 'invalid-key');
      throwsCode(() => encodeSpki(kind, x.subarray(1)), 'invalid-key');
      throwsCode(() => encodePkcs8(kind, { secret: cat(d, hex('00')) }), 'invalid-key');
      throwsCode(() => encodePkcs8(kind, {}), 'invalid-key');
      // Trailing byte.
      throwsCode(() => decodeSpki(kind, cat(spki, hex('00'))), 'invalid-key');
      throwsCode(() => decodePkcs8(kind, cat(pkcs8, hex('00'))), 'invalid-key');
      // BER long-form length on the outer SEQUENCE (0x30 0x2a → 0x30 0x81 0x2a).
      assert.equal(spki[1], 0x2a);
      throwsCode(() => decodeSpki(kind, cat(hex('3081'), spki.subarray(1))), 'invalid-key');
      // Indefinite length.
      throwsCode(() => decodeSpki(kind, cat(hex('3080'), spki.subarray(2), hex('0000'))), 'invalid-key');
      // NULL parameters (RFC 8410: absent).
      const withNull = der(
        new SubjectPublicKeyInfo({
          algorithm: new AlgorithmIdentifier({ algorithm: family === 'ed25519' ? '1.3.101.112' : '1.3.101.110', parameters: null }),
          subjectPublicKey: buf(x),
        }),
      );
      throwsCode(() => decodeSpki(kind, withNull), 'invalid-key');
      // BIT STRING with unused bits.
      const unused = spki.slice();
      assert.equal(unused[11], 0x00);
      unused[11] = 0x01;
      throwsCode(() => decodeSpki(kind, unused), 'invalid-key');
      // Wrong private key length inside the CurvePrivateKey.
      const short = der(
        new PrivateKeyInfo({
          privateKeyAlgorithm: new AlgorithmIdentifier({ algorithm: family === 'ed25519' ? '1.3.101.112' : '1.3.101.110' }),
          privateKey: new PrivateKey(der(new OctetString(buf(d.subarray(1))))),
        }),
      );
      throwsCode(() => decodePkcs8(kind, short), 'invalid-key');
      throwsCode(() => decodeSpki(kind, new Uint8Array(0)), 'invalid-key');
      throwsCode(() => decodePkcs8(kind, hex('0500')), 'invalid-key');
    });
  });
}

test('Ed25519: the RFC 8410 §10.3 example (PKCS#8 v2 with attributes and the public key)', () => {
  const kind: KeyKind = { family: 'ed25519' };
  const example = `-----BEGIN PRIVATE KEY-----
MHICAQEwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC
oB8wHQYKKoZIhvcNAQkJFDEPDA1DdXJkbGUgQ2hhaXJzgSEAGb9ECWmEzf6FQbrB
Z9w7lshQhqowtrbLDFw4rXAxZuE=
-----END PRIVATE KEY-----
`;
  const dec = decodePkcs8(kind, fromPem(ascii(example), ['PRIVATE KEY']).der);
  const d = hex('d4ee72dbf913584ad5b6d8f1f769f8ad3afe7c28cbf1d4fbe097a88f44755842');
  const x = hex('19bf44096984cdfe8541bac167dc3b96c85086aa30b6b6cb0c5c38ad703166e1');
  bytesEq(dec.secret, d);
  bytesEq(dec.publicKey, x);
  // OpenSSL 3.0 does not read v2; re-encoded as v1, node derives the example's public key.
  const k = crypto.createPrivateKey({ key: Buffer.from(encodePkcs8(kind, { secret: d })), format: 'der', type: 'pkcs8' });
  bytesEq(b64url(crypto.createPublicKey(k).export({ format: 'jwk' }).x), x);
  // A byte after the public key, inside and outside the SEQUENCE.
  throwsCode(() => decodePkcs8(kind, cat(hex('3073'), pemBody(example).subarray(2), hex('00'))), 'invalid-key');
  throwsCode(() => decodePkcs8(kind, cat(pemBody(example), hex('00'))), 'invalid-key');
});

// ---------------------------------------------------------------------------------------------
// EC (RFC 5480, RFC 5915)

for (const { curve, size, nodeName } of CURVES) {
  describe(`EC ${curve}: SPKI / PKCS#8 / SEC1 against node:crypto`, () => {
    const kind: KeyKind = { family: 'ec', curve };
    const kp = crypto.generateKeyPairSync('ec', { namedCurve: curve });
    const jwk = kp.privateKey.export({ format: 'jwk' });
    const d = b64url(jwk.d);
    const point = cat(hex('04'), b64url(jwk.x), b64url(jwk.y));
    const spki = u8(kp.publicKey.export({ type: 'spki', format: 'der' }));
    const pkcs8 = u8(kp.privateKey.export({ type: 'pkcs8', format: 'der' }));
    const sec1 = u8(kp.privateKey.export({ type: 'sec1', format: 'der' }));

    test('node DER decodes to the JWK d, x, y; our encodings are node’s bytes', () => {
      assert.equal(d.length, size);
      assert.equal(point.length, 1 + 2 * size);
      bytesEq(decodeSpki(kind, spki), point);
      bytesEq(encodeSpki(kind, point), spki);
      const p8 = decodePkcs8(kind, pkcs8);
      bytesEq(p8.secret, d);
      bytesEq(p8.publicKey, point);
      bytesEq(encodePkcs8(kind, { secret: d, publicKey: point }), pkcs8);
      const s1 = decodeEcPrivateKey(curve, sec1);
      bytesEq(s1.secret, d);
      bytesEq(s1.publicKey, point);
      bytesEq(encodeEcPrivateKey(curve, d, point), sec1);
    });

    test('our encodings import into node with the same JWK', () => {
      const pub = crypto.createPublicKey({ key: Buffer.from(encodeSpki(kind, point)), format: 'der', type: 'spki' });
      assert.deepEqual(pub.export({ format: 'jwk' }), kp.publicKey.export({ format: 'jwk' }));
      for (const p8 of [encodePkcs8(kind, { secret: d, publicKey: point }), encodePkcs8(kind, { secret: d })]) {
        const k = crypto.createPrivateKey({ key: Buffer.from(p8), format: 'der', type: 'pkcs8' });
        assert.deepEqual(k.export({ format: 'jwk' }), jwk);
      }
      for (const s1 of [encodeEcPrivateKey(curve, d, point), encodeEcPrivateKey(curve, d)]) {
        const k = crypto.createPrivateKey({ key: Buffer.from(s1), format: 'der', type: 'sec1' });
        assert.deepEqual(k.export({ format: 'jwk' }), jwk);
      }
    });

    test('PKCS#8 and SEC1 without the embedded public key', () => {
      const p8 = decodePkcs8(kind, encodePkcs8(kind, { secret: d }));
      bytesEq(p8.secret, d);
      assert.equal(p8.publicKey, undefined);
      const s1 = decodeEcPrivateKey(curve, encodeEcPrivateKey(curve, d));
      bytesEq(s1.secret, d);
      assert.equal(s1.publicKey, undefined);
    });

    test('OpenSSL "EC PRIVATE KEY" PEM (SEC1) and "PRIVATE KEY" PEM', () => {
      const sec1Pem = kp.privateKey.export({ type: 'sec1', format: 'pem' }) as string;
      const p = fromPem(ascii(sec1Pem), ['PRIVATE KEY', 'EC PRIVATE KEY']);
      assert.equal(p.label, 'EC PRIVATE KEY');
      bytesEq(decodeEcPrivateKey(curve, p.der).secret, d);
      assert.equal(Buffer.from(toPem('EC PRIVATE KEY', sec1)).toString('latin1'), sec1Pem);
      const p8Pem = kp.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
      bytesEq(decodePkcs8(kind, fromPem(ascii(p8Pem), ['PRIVATE KEY', 'EC PRIVATE KEY']).der).secret, d);
    });

    test('a compressed point inside an SPKI is returned as is', () => {
      const compressed = u8(crypto.ECDH.convertKey(Buffer.from(point), nodeName, undefined, undefined, 'compressed') as Buffer);
      assert.equal(compressed.length, 1 + size);
      const algorithm = new AlgorithmIdentifier({
        algorithm: '1.2.840.10045.2.1',
        parameters: AsnConvert.serialize(new ECParameters({ namedCurve: { 'P-256': '1.2.840.10045.3.1.7', 'P-384': '1.3.132.0.34', secp256k1: '1.3.132.0.10' }[curve] })),
      });
      const compressedSpki = der(new SubjectPublicKeyInfo({ algorithm, subjectPublicKey: buf(compressed) }));
      // node (OpenSSL) accepts this SPKI as the same key.
      const k = crypto.createPublicKey({ key: Buffer.from(compressedSpki), format: 'der', type: 'spki' });
      assert.deepEqual(k.export({ format: 'jwk' }), kp.publicKey.export({ format: 'jwk' }));
      bytesEq(decodeSpki(kind, compressedSpki), compressed);
      // Canonical public keys for encodeSpki are uncompressed.
      throwsCode(() => encodeSpki(kind, compressed), 'invalid-key');
    });

    test('a scalar shorter than the curve size is left-padded', () => {
      const shortD = d.slice();
      shortD[0] = 0;
      const k = new ECPrivateKey({ version: 1, privateKey: new OctetString(buf(shortD.subarray(1))) });
      const got = decodeEcPrivateKey(curve, der(k));
      bytesEq(got.secret, shortD);
      assert.equal(got.secret.length, size);
    });

    test('wrong curve, wrong shapes and non-DER are invalid-key', () => {
      const other: KeyKind = { family: 'ec', curve: curve === 'P-384' ? 'P-256' : 'P-384' };
      throwsCode(() => decodeSpki(other, spki), 'invalid-key');
      throwsCode(() => decodePkcs8(other, pkcs8), 'invalid-key');
      throwsCode(() => decodeEcPrivateKey(other.curve, sec1), 'invalid-key');
      throwsCode(() => decodeSpki({ family: 'ed25519' }, spki), 'invalid-key');
      throwsCode(() => decodeSpki(kind, cat(spki, hex('00'))), 'invalid-key');
      throwsCode(() => decodePkcs8(kind, cat(pkcs8, hex('00'))), 'invalid-key');
      throwsCode(() => decodeEcPrivateKey(curve, cat(sec1, hex('00'))), 'invalid-key');
      throwsCode(() => encodeSpki(kind, point.subarray(1)), 'invalid-key');
      throwsCode(() => encodeEcPrivateKey(curve, d.subarray(1)), 'invalid-key');
      throwsCode(() => encodePkcs8(kind, { secret: cat(hex('00'), d) }), 'invalid-key');
      throwsCode(() => encodePkcs8(kind, { secret: d, publicKey: point.subarray(1) }), 'invalid-key');
      // A scalar longer than the curve size.
      throwsCode(
        () => decodeEcPrivateKey(curve, der(new ECPrivateKey({ version: 1, privateKey: new OctetString(buf(cat(hex('01'), d))) }))),
        'invalid-key',
      );
      // ECPrivateKey version 2.
      throwsCode(() => decodeEcPrivateKey(curve, der(new ECPrivateKey({ version: 2, privateKey: new OctetString(buf(d)) }))), 'invalid-key');
      // Embedded public key that is not a SEC1 point.
      throwsCode(
        () => decodeEcPrivateKey(curve, der(new ECPrivateKey({ version: 1, privateKey: new OctetString(buf(d)), publicKey: buf(point.subarray(1)) }))),
        'invalid-key',
      );
      // The SEC1 point prefix byte is checked, not the point itself.
      const hybrid = point.slice();
      hybrid[0] = 0x06;
      throwsCode(() => decodeSpki(kind, encodeSpki(kind, point).map((b, i, a) => (i === a.length - point.length ? 0x06 : b))), 'invalid-key');
      throwsCode(() => encodeSpki(kind, hybrid), 'invalid-key');
    });
  });
}

// ---------------------------------------------------------------------------------------------
// RSA (RFC 8017 PKCS#1, RFC 3279)

describe('RSA: SPKI / PKCS#8 / PKCS#1 against node:crypto', () => {
  const kind: KeyKind = { family: 'rsa' };
  const kp = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const spki = u8(kp.publicKey.export({ type: 'spki', format: 'der' }));
  const pkcs1Pub = u8(kp.publicKey.export({ type: 'pkcs1', format: 'der' }));
  const pkcs8 = u8(kp.privateKey.export({ type: 'pkcs8', format: 'der' }));
  const pkcs1 = u8(kp.privateKey.export({ type: 'pkcs1', format: 'der' }));

  test('SPKI and PKCS#1 RSAPublicKey decode to the canonical SPKI', () => {
    bytesEq(decodeSpki(kind, spki), spki);
    bytesEq(decodeSpki(kind, pkcs1Pub), spki);
    bytesEq(encodeSpki(kind, spki), spki);
    bytesEq(encodeSpki(kind, pkcs1Pub), spki);
  });

  test('PKCS#8 and PKCS#1 RSAPrivateKey decode to node’s PKCS#8 and SPKI', () => {
    for (const input of [pkcs8, pkcs1]) {
      const dec = decodePkcs8(kind, input);
      bytesEq(dec.secret, pkcs8);
      bytesEq(dec.publicKey, spki);
      assert.equal(dec.seed, undefined);
      bytesEq(encodePkcs8(kind, { secret: input }), pkcs8);
    }
    const k = crypto.createPrivateKey({ key: Buffer.from(encodePkcs8(kind, { secret: pkcs1 })), format: 'der', type: 'pkcs8' });
    assert.deepEqual(k.export({ format: 'jwk' }), kp.privateKey.export({ format: 'jwk' }));
  });

  test('rsaPublicInfo: modulus bits and exponent', () => {
    const jwk = kp.publicKey.export({ format: 'jwk' });
    assert.equal(b64url(jwk.e).length, 3);
    assert.deepEqual(rsaPublicInfo(spki), { modulusBits: 2048, publicExponent: 65537n });
    assert.deepEqual(rsaPublicInfo(pkcs1Pub), { modulusBits: 2048, publicExponent: 65537n });
    const small = crypto.generateKeyPairSync('rsa', { modulusLength: 1025, publicExponent: 3 });
    assert.deepEqual(rsaPublicInfo(u8(small.publicKey.export({ type: 'spki', format: 'der' }))), {
      modulusBits: 1025,
      publicExponent: 3n,
    });
  });

  test('OpenSSL "RSA PRIVATE KEY" / "RSA PUBLIC KEY" PEM (PKCS#1)', () => {
    const privPem = kp.privateKey.export({ type: 'pkcs1', format: 'pem' }) as string;
    const pubPem = kp.publicKey.export({ type: 'pkcs1', format: 'pem' }) as string;
    const priv = fromPem(ascii(privPem), ['PRIVATE KEY', 'RSA PRIVATE KEY']);
    assert.equal(priv.label, 'RSA PRIVATE KEY');
    bytesEq(decodePkcs8(kind, priv.der).secret, pkcs8);
    const pub = fromPem(ascii(pubPem), ['PUBLIC KEY', 'RSA PUBLIC KEY']);
    assert.equal(pub.label, 'RSA PUBLIC KEY');
    bytesEq(decodeSpki(kind, pub.der), spki);
    assert.equal(Buffer.from(toPem('RSA PRIVATE KEY', pkcs1)).toString('latin1'), privPem);
  });

  test('non-minimal or negative integers, wrong algorithm and trailing data are invalid-key', () => {
    const jwk = kp.publicKey.export({ format: 'jwk' });
    const n = b64url(jwk.n);
    // Exponent 65537 encoded as 00 01 00 01 (a leading zero too many).
    const nonMinimal = der(new RSAPublicKey({ modulus: buf(cat(hex('00'), n)), publicExponent: buf(hex('00010001')) }));
    throwsCode(() => decodeSpki(kind, nonMinimal), 'invalid-key');
    const wrapped = der(
      new SubjectPublicKeyInfo({
        algorithm: new AlgorithmIdentifier({ algorithm: '1.2.840.113549.1.1.1', parameters: null }),
        subjectPublicKey: buf(nonMinimal),
      }),
    );
    throwsCode(() => decodeSpki(kind, wrapped), 'invalid-key');
    // The modulus without its sign byte reads as negative.
    throwsCode(() => decodeSpki(kind, der(new RSAPublicKey({ modulus: buf(n), publicExponent: buf(hex('010001')) }))), 'invalid-key');
    // The canonical form of the same values is accepted.
    const canonical = der(new RSAPublicKey({ modulus: buf(cat(hex('00'), n)), publicExponent: buf(hex('010001')) }));
    bytesEq(canonical, pkcs1Pub);
    // rsaEncryption without its NULL parameters.
    const noNull = der(
      new SubjectPublicKeyInfo({ algorithm: new AlgorithmIdentifier({ algorithm: '1.2.840.113549.1.1.1' }), subjectPublicKey: buf(pkcs1Pub) }),
    );
    throwsCode(() => decodeSpki(kind, noNull), 'invalid-key');
    throwsCode(() => decodeSpki(kind, cat(spki, hex('00'))), 'invalid-key');
    throwsCode(() => decodeSpki(kind, cat(pkcs1Pub, hex('00'))), 'invalid-key');
    throwsCode(() => decodePkcs8(kind, cat(pkcs8, hex('00'))), 'invalid-key');
    throwsCode(() => decodePkcs8(kind, cat(pkcs1, hex('00'))), 'invalid-key');
    const ec = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
    throwsCode(() => decodeSpki(kind, u8(ec.publicKey.export({ type: 'spki', format: 'der' }))), 'invalid-key');
    throwsCode(() => decodePkcs8(kind, u8(ec.privateKey.export({ type: 'pkcs8', format: 'der' }))), 'invalid-key');
    throwsCode(() => decodeSpki({ family: 'ec', curve: 'P-256' }, spki), 'invalid-key');
    throwsCode(() => rsaPublicInfo(hex('3000')), 'invalid-key');
    throwsCode(() => encodePkcs8(kind, {}), 'invalid-key');
  });
});

// ---------------------------------------------------------------------------------------------
// ML-DSA: RFC 9881 (draft-ietf-lamps-dilithium-certificates), Appendix C examples.
// All derive from the seed 000102…1f. Seed-format private keys: [0] IMPLICIT OCTET STRING.

const RFC9881_SEED_PEM: Record<MlDsaLevel, string> = {
  'ML-DSA-44': `-----BEGIN PRIVATE KEY-----
MDQCAQAwCwYJYIZIAWUDBAMRBCKAIAABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZ
GhscHR4f
-----END PRIVATE KEY-----
`,
  'ML-DSA-65': `-----BEGIN PRIVATE KEY-----
MDQCAQAwCwYJYIZIAWUDBAMSBCKAIAABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZ
GhscHR4f
-----END PRIVATE KEY-----
`,
  'ML-DSA-87': `-----BEGIN PRIVATE KEY-----
MDQCAQAwCwYJYIZIAWUDBAMTBCKAIAABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZ
GhscHR4f
-----END PRIVATE KEY-----
`,
};

const RFC9881_ML_DSA_44_PUBLIC_PEM = `-----BEGIN PUBLIC KEY-----
MIIFMjALBglghkgBZQMEAxEDggUhANeytHJUquDbReeTDUqY0sl9jxOX0Xidr6Fw
JLMW6b7JT8mUbULxm3mnQTu6oz5xSctC7VEVaTrAQfrLmIretf4OHYYxGEmVtZLD
l9IpTi4U+QqkFLo4JomaxD9MzKy8JumoMrlRGNXLQzy++WYLABOOCBf2HnYsonTD
atVU6yKqwRYuSrAay6HjjE79j4C2WzM9D3LlXf5xzpweu5iJ58VhBsD9c4A6Kuz+
r97XqjyyztpU0SvYzTanjPl1lDtHq9JeiArEUuV0LtHo0agq+oblkMdYwVrk0oQN
kryhpQkPQElll/yn2LlRPxob2m6VCqqY3kZ1B9Sk9aTwWZIWWCw1cvYu2okFqzWB
ZwxKAnd6M+DKcpX9j0/20aCjp2g9ZfX19/xg2gI+gmxfkhRMAvfRuhB1mHVT6pNn
/NdtmQt/qZzUWv24g21D5Fn1GH3wWEeXCaAepoNZNfpwRgmQzT3BukAbqUurHd5B
rGerMxncrKBgSNTE7vJ+4TqcF9BTj0MPLWQtwkFWYN54h32NirxyUjl4wELkKF9D
GYRsRBJiQpdoRMEOVWuiFbWnGeWdDGsqltOYWQcf3MLN51JKe+2uVOhbMY6FTo/i
svPt+slxkSgnCq/R5QRMOk/a/Z/zH5B4S46ORZYUSg2vWGUR09mWK56pWvGXtOX8
YPKx7RXeOlvvX4m9x52RBR2bKBbnT6VFMe/cHL501EiFf0drzVjyHAtlOzt2pOB2
plWaMCcYVVzGP3SFmqurkl8COGHKjND3utsocfZ9VTJtdFETWtRfShumkRj7ssij
DuyTku8/l3Bmya3VxxDMZHsVFNIX2VjHAXw+kP0gwE5nS5BIbpNwoxoAHTL0c5ee
SQZ0nn5Hf6C3RQj4pfI3gxK4PCW9OIygsP/3R4uvQrcWZ+2qyXxGsSlkPlhuWwVa
DCEZRtTzbmdb7Vhg+gQqMV2YJhZNapI3w1pfv0lUkKW9TfJIuVxKrneEtgVnMWas
QkW1tLCCoJ6TI+YvIHjFt2eDRG3v1zatOjcC1JsImESQCmGDM5e8RBmzDXqXoLOH
wZEUdMTUG1PjKpd6y28Op122W7OeWecB52lX3vby1EVZwxp3EitSBOO1whnxaIsU
7QvAuAGz5ugtzUPpwOn0F0TNmBW9G8iCDYuxI/BPrNGxtoXdWisbjbvz7ZM2cPCV
oYC08ZLQixC4+rvfzCskUY4y7qCl4MkEyoRHgAg/OwzS0Li2r2e8NVuUlAJdx7Cn
j6gOOi2/61EyiFHWB4GY6Uk2Ua54fsAlH5Irow6fUd9iptcnhM890gU5MXbfoySl
Er2Ulwo23TSlFKhnkfDrNvAUWwmrZGUbSgMTsplhGiocSIkWJ1mHaKMRQGC6RENI
bfUVIqHOiLMJhcIW+ObtF43VZ7MEoNTK+6iCooNC8XqaomrljbYwCD0sNY/fVmw/
XWKkKFZ7yeqM6VyqDzVHSwv6jzOaJQq0388gg76O77wQVeGP4VNw7ssmBWbYP/Br
IRquxDyim1TM0A+IFaJGXvC0ZRXMfkHzEk8J7/9zkwmrWLKaFFmgC85QOOk4yWeP
cusOTuX9quZtn4Vz/Jf8QrSVn0v4th14Qz6GsDNdbpGRxNi/SHs5BcEIz9asJLDO
t9y3z1H4TQ7Wh7lerrHFM8BvDZcCPZKnCCWDe1m6bLfU5WsKh8IDhiro8xW6WSXo
7e+meTaaIgJ2YVHxapZfn4Hs52zAcLVYaeTbl4TPBcgwsyQsgxI=
-----END PUBLIC KEY-----
`;

const ML_DSA_IMPL = { 'ML-DSA-44': ml_dsa44, 'ML-DSA-65': ml_dsa65, 'ML-DSA-87': ml_dsa87 } as const;
const ML_DSA_SIZES = {
  'ML-DSA-44': { pk: 1312, sk: 2560 },
  'ML-DSA-65': { pk: 1952, sk: 4032 },
  'ML-DSA-87': { pk: 2592, sk: 4896 },
} as const;

/** The privateKey OCTET STRING contents of a PKCS#8 DER, read with asn1-pkcs8 (independently of decodePkcs8). */
function innerPrivateKey(p8: Uint8Array): Uint8Array {
  return new Uint8Array(AsnConvert.parse(Buffer.from(p8), PrivateKeyInfo).privateKey.buffer);
}

describe('ML-DSA: RFC 9881 example keys', () => {
  const seed = counting(32);

  for (const level of ['ML-DSA-44', 'ML-DSA-65', 'ML-DSA-87'] as const) {
    const kind: KeyKind = { family: 'ml-dsa', level };
    const keys = ML_DSA_IMPL[level].keygen(seed);

    test(`${level}: the seed-format example decodes to 000102…1f and re-encodes byte for byte`, () => {
      const p = fromPem(ascii(RFC9881_SEED_PEM[level]), ['PRIVATE KEY']);
      bytesEq(p.der, pemBody(RFC9881_SEED_PEM[level]));
      const dec = decodePkcs8(kind, p.der);
      bytesEq(dec.seed, seed);
      assert.equal(dec.secret, undefined);
      assert.equal(dec.publicKey, undefined);
      bytesEq(encodePkcs8(kind, { seed }), p.der);
      assert.equal(Buffer.from(toPem('PRIVATE KEY', p.der)).toString('latin1'), RFC9881_SEED_PEM[level]);
    });

    test(`${level}: expanded and both formats round-trip with the CHOICE tags of RFC 9881 §6`, () => {
      assert.equal(keys.secretKey.length, ML_DSA_SIZES[level].sk);
      const expanded = encodePkcs8(kind, { secret: keys.secretKey });
      assert.equal(innerPrivateKey(expanded)[0], 0x04); // expandedKey OCTET STRING
      const e = decodePkcs8(kind, expanded);
      bytesEq(e.secret, keys.secretKey);
      assert.equal(e.seed, undefined);
      const both = encodePkcs8(kind, { seed, secret: keys.secretKey });
      const inner = innerPrivateKey(both);
      assert.equal(inner[0], 0x30); // both SEQUENCE { seed OCTET STRING, expandedKey OCTET STRING }
      bytesEq(inner.subarray(4, 6), hex('0420'));
      const b = decodePkcs8(kind, both);
      bytesEq(b.seed, seed);
      bytesEq(b.secret, keys.secretKey);
      assert.equal(innerPrivateKey(encodePkcs8(kind, { seed }))[0], 0x80); // seed [0] IMPLICIT
    });

    test(`${level}: SPKI round trip; lengths and levels are checked`, () => {
      const spki = encodeSpki(kind, keys.publicKey);
      bytesEq(decodeSpki(kind, spki), keys.publicKey);
      const other: KeyKind = { family: 'ml-dsa', level: level === 'ML-DSA-44' ? 'ML-DSA-65' : 'ML-DSA-44' };
      throwsCode(() => decodeSpki(other, spki), 'invalid-key');
      throwsCode(() => decodePkcs8(other, pemBody(RFC9881_SEED_PEM[level])), 'invalid-key');
      throwsCode(() => encodeSpki(kind, keys.publicKey.subarray(1)), 'invalid-key');
      throwsCode(() => encodePkcs8(kind, { seed: seed.subarray(1) }), 'invalid-key');
      throwsCode(() => encodePkcs8(kind, { secret: keys.secretKey.subarray(1) }), 'invalid-key');
      throwsCode(() => encodePkcs8(kind, {}), 'invalid-key');
      throwsCode(() => decodeSpki({ family: 'ml-kem', level: 'ML-KEM-512' }, spki), 'invalid-key');
    });
  }

  test('ML-DSA-44: the RFC 9881 public key example is the key of the seed, byte for byte', () => {
    const kind: KeyKind = { family: 'ml-dsa', level: 'ML-DSA-44' };
    const keys = ml_dsa44.keygen(seed);
    const p = fromPem(ascii(RFC9881_ML_DSA_44_PUBLIC_PEM), ['PUBLIC KEY']);
    const pk = decodeSpki(kind, p.der);
    assert.equal(pk.length, 1312);
    bytesEq(pk, keys.publicKey);
    bytesEq(encodeSpki(kind, pk), p.der);
    // The expanded key of RFC 9881's "both" example begins d7b2b47254aae0db (ρ, as the public key).
    bytesEq(keys.secretKey.subarray(0, 8), hex('d7b2b47254aae0db'));
  });

  test('malformed private key CHOICEs are invalid-key', () => {
    const kind: KeyKind = { family: 'ml-dsa', level: 'ML-DSA-44' };
    const p8 = (inner: Uint8Array, parameters?: null): Uint8Array =>
      der(
        new PrivateKeyInfo({
          privateKeyAlgorithm: new AlgorithmIdentifier(
            parameters === null ? { algorithm: '2.16.840.1.101.3.4.3.17', parameters: null } : { algorithm: '2.16.840.1.101.3.4.3.17' },
          ),
          privateKey: new PrivateKey(inner),
        }),
      );
    bytesEq(decodePkcs8(kind, p8(cat(hex('8020'), seed))).seed, seed);
    throwsCode(() => decodePkcs8(kind, p8(cat(hex('8020'), seed), null)), 'invalid-key'); // parameters must be absent
    throwsCode(() => decodePkcs8(kind, p8(cat(hex('801f'), seed.subarray(1)))), 'invalid-key'); // 31-byte seed
    throwsCode(() => decodePkcs8(kind, p8(cat(hex('8120'), seed))), 'invalid-key'); // [1]
    throwsCode(() => decodePkcs8(kind, p8(cat(hex('a022 0420'), seed))), 'invalid-key'); // constructed [0]
    throwsCode(() => decodePkcs8(kind, p8(cat(hex('808120'), seed))), 'invalid-key'); // long-form length
    throwsCode(() => decodePkcs8(kind, p8(cat(hex('8020'), seed, hex('00')))), 'invalid-key'); // trailing byte inside
    throwsCode(() => decodePkcs8(kind, p8(cat(hex('0420'), seed))), 'invalid-key'); // a seed as expandedKey
    throwsCode(() => decodePkcs8(kind, p8(cat(hex('3022 0420'), seed))), 'invalid-key'); // both without expandedKey
  });
});

// ---------------------------------------------------------------------------------------------
// ML-KEM: RFC 9935 (draft-ietf-lamps-kyber-certificates), Appendix C examples, seed 000102…3f.

const RFC9935_SEED_PEM: Record<MlKemLevel, string> = {
  'ML-KEM-512': `-----BEGIN PRIVATE KEY-----
MFQCAQAwCwYJYIZIAWUDBAQBBEKAQAABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZ
GhscHR4fICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=
-----END PRIVATE KEY-----
`,
  'ML-KEM-768': `-----BEGIN PRIVATE KEY-----
MFQCAQAwCwYJYIZIAWUDBAQCBEKAQAABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZ
GhscHR4fICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=
-----END PRIVATE KEY-----
`,
  'ML-KEM-1024': `-----BEGIN PRIVATE KEY-----
MFQCAQAwCwYJYIZIAWUDBAQDBEKAQAABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZ
GhscHR4fICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=
-----END PRIVATE KEY-----
`,
};

const RFC9935_ML_KEM_512_PUBLIC_PEM = `-----BEGIN PUBLIC KEY-----
MIIDMjALBglghkgBZQMEBAEDggMhADmVgV5ZfRBDVc8pqlMzyTJRhp1bzb5IcST2
Ari2pmwWxHYWSK12XPXYAGtRXpBafwrAdrDGLvoygVPnylcBaZ8TBfHmvG+QsOSb
aTUSts6ZKouAFt38GmYsfj+WGcvYad13GvMIlszVkYrGy3dGbF53mZbWf/mqvJdQ
Pyx7fi0ADYZFD7GAfKTKvaRlgloxx4mht6SRqzhydl0yDQtxkg+iE8lAk0Frg7gS
Tmn2XmLLUADcw3qpoP/3OXDEdy81fSQYnKb1MFVowOI3ajdipoxgXlY8XSCVcuD8
dTLKKUcpU1VntfxBPF6HktJGRTbMgI+YrddGZPFBVm+QFqkKVBgpqYoEZM5BqLtE
wtT6PCwglGByjvFKGnxMm5jRIgO0zDUpFgqasteDj3/2tTrgWqMafWRrevpsRZMl
JqPDdVYZvplMIRwqMcBbNEeDbLIVC+GCna5rBMVTXP9Ubjkrp5dBFyD5JPSQpaxU
lfITVtVQt4KmTBaItrZVvMeEIZekNML2Vjtbfwmni8xIgjJ4NWHRb0y6tnVUAAUH
gVcMZmBLgXrRJSKUc26LAYYaS1p0UZuLb+UUiaUHI5Llh2JscTd2V10zgGocjicy
r5fCaA9RZmMxxOuLvAQxxPloMtrxs8RVKPuhU/bHixwZhwKUfM0zdyekb7U7oR3l
y0GRNGhZUWy2rXJADzzyCbI2rvNaWArIfrPjD6/WaXPKin3SZ1r0H3oXthQzzRr4
D3cIhp9mVIhJeYCxrBCgzctjagDthoGzXkKRJMqANQcluF+DperDpKPMFgCQPmUp
NWC5szblrw1SnawaBIEZMCy3qbzBELlIUb8CEX8ZncSFqFK3Rz8JuDGmgx1bVMC3
kNIlz2u5LZRiomzbM92lEjx6rw4moLg2Ve6ii/OoB0clAY/WuuS2Ac9huqtxp6PT
UZejQ+dLSicsEl1UCJZCbYW3lY07OKa6mH7DciXHtEzbEt3kU5tKsII2NoPwS/eg
nMXEHf6DChsWLgsyQzQ2LwhKFEZ3IzRLrdAA+NjFN8SPmY8FMHzr0e3guBw7xZoG
WhttY7Js
-----END PUBLIC KEY-----
`;

const RFC9935_ML_KEM_512_EXPANDED_PEM = `-----BEGIN PRIVATE KEY-----
MIIGeAIBADALBglghkgBZQMEBAEEggZkBIIGYHBVT9Q2NE8nhbGzsbrBhLZnkAMz
bCbxWn3oeMSCXGvgPzxKSA91t0hqrTHToAUYYj/SB6tSjdYnIUlYNa4AYsNnt0px
uvEKrQ6KKQIHa+MTSL6xXMwJV83rtK/yJnVrvGAbZWireErLrrNHAvD4aiYgIRiy
KyP4NVh3bHnBTbqYM3nIA+DcwxYKEXVwMOacaRl5jYHraYqaRIOpnlpcssMcmmYX
mfPMiceQcG6gQWKQRdQqg67YiGDjlMaRh+IQXSjMFOw5NZLWfdAKpD/otOrkQUAC
hmtccTxqjX0Wz3i4GdbxLp5adCM5CPCxXjxLqDKcXN2lXISSjjqoBj5aqWdkA/kX
NbEQEMf1kwkTZNyGRFvIBIQKmiFyQhJGn4p7DOCsaY64bK05p/SCTZpRY6rCHuaA
iwU8ij+ssLZ0S1Jiu8smpD9mTIcytkz8es8JlgX0HHlgYJdqxDODP+ADQ/sYKDAK
QkdBEW5LRbsnbqgRKaDbTG5gvOYREB6MYlR0kl4CImeTCKPncI0Zcqe0I+sjKFHD
bS7VPT7Tu3UAY3BhpdwikvocRmwHNUaDMovsLB7Sy1yZt47KCWkDjPfDTdEYck4x
yuCGIGs0MCtSD10Xet7Vs8zgKszoCOomvMByYl/bk/F0WKX8HU2jlDgKH1fpzGYQ
lDigdfDSgT/MShmcx22zgj8nCwBhWUGSlAQRo3/7r64sFQFlzsXGv3PFlfuSzRUx
JgfaBwd4ZSvZlEvEi8fRpTQzi60LrWZWxdUCznhQqxWHJE7rWPQ5q14IV0pxjIqs
PXfHmLuhVCczvnNEjyP7cMDlNTonyIMixSGEk6+7OAhkNNbWCla6iH3UmMOrJqCH
CZOBWqakCXXyGK3KFYLWT/yGUvuzqab7wwT5GUX6Sq7yh4/XFd9wET0jefRIhvgS
yD/ytxmmnh7HSuSxWszTrtWlPOdqewmCRxYzuXPLQKGgAV0KQk+hGkecAjAXQ20q
KQDpk+taCgZ0AMf0qt8gH8T6MSZKY7rpXMjWXDmVgV5ZfRBDVc8pqlMzyTJRhp1b
zb5IcST2Ari2pmwWxHYWSK12XPXYAGtRXpBafwrAdrDGLvoygVPnylcBaZ8TBfHm
vG+QsOSbaTUSts6ZKouAFt38GmYsfj+WGcvYad13GvMIlszVkYrGy3dGbF53mZbW
f/mqvJdQPyx7fi0ADYZFD7GAfKTKvaRlgloxx4mht6SRqzhydl0yDQtxkg+iE8lA
k0Frg7gSTmn2XmLLUADcw3qpoP/3OXDEdy81fSQYnKb1MFVowOI3ajdipoxgXlY8
XSCVcuD8dTLKKUcpU1VntfxBPF6HktJGRTbMgI+YrddGZPFBVm+QFqkKVBgpqYoE
ZM5BqLtEwtT6PCwglGByjvFKGnxMm5jRIgO0zDUpFgqasteDj3/2tTrgWqMafWRr
evpsRZMlJqPDdVYZvplMIRwqMcBbNEeDbLIVC+GCna5rBMVTXP9Ubjkrp5dBFyD5
JPSQpaxUlfITVtVQt4KmTBaItrZVvMeEIZekNML2Vjtbfwmni8xIgjJ4NWHRb0y6
tnVUAAUHgVcMZmBLgXrRJSKUc26LAYYaS1p0UZuLb+UUiaUHI5Llh2JscTd2V10z
gGocjicyr5fCaA9RZmMxxOuLvAQxxPloMtrxs8RVKPuhU/bHixwZhwKUfM0zdyek
b7U7oR3ly0GRNGhZUWy2rXJADzzyCbI2rvNaWArIfrPjD6/WaXPKin3SZ1r0H3oX
thQzzRr4D3cIhp9mVIhJeYCxrBCgzctjagDthoGzXkKRJMqANQcluF+DperDpKPM
FgCQPmUpNWC5szblrw1SnawaBIEZMCy3qbzBELlIUb8CEX8ZncSFqFK3Rz8JuDGm
gx1bVMC3kNIlz2u5LZRiomzbM92lEjx6rw4moLg2Ve6ii/OoB0clAY/WuuS2Ac9h
uqtxp6PTUZejQ+dLSicsEl1UCJZCbYW3lY07OKa6mH7DciXHtEzbEt3kU5tKsII2
NoPwS/egnMXEHf6DChsWLgsyQzQ2LwhKFEZ3IzRLrdAA+NjFN8SPmY8FMHzr0e3g
uBw7xZoGWhttY7JsgvEB/2SAY7N24rtsW3RV9lWlDC/q2t4VDvoODm82WuogISIj
JCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+Pw==
-----END PRIVATE KEY-----
`;

const ML_KEM_IMPL = { 'ML-KEM-512': ml_kem512, 'ML-KEM-768': ml_kem768, 'ML-KEM-1024': ml_kem1024 } as const;
const ML_KEM_SIZES = {
  'ML-KEM-512': { pk: 800, sk: 1632 },
  'ML-KEM-768': { pk: 1184, sk: 2400 },
  'ML-KEM-1024': { pk: 1568, sk: 3168 },
} as const;

describe('ML-KEM: RFC 9935 example keys', () => {
  const seed = counting(64);

  for (const level of ['ML-KEM-512', 'ML-KEM-768', 'ML-KEM-1024'] as const) {
    const kind: KeyKind = { family: 'ml-kem', level };
    const keys = ML_KEM_IMPL[level].keygen(seed);

    test(`${level}: the seed-format example decodes to 000102…3f and re-encodes byte for byte`, () => {
      const p = fromPem(ascii(RFC9935_SEED_PEM[level]), ['PRIVATE KEY']);
      const dec = decodePkcs8(kind, p.der);
      bytesEq(dec.seed, seed);
      assert.equal(dec.secret, undefined);
      bytesEq(encodePkcs8(kind, { seed }), p.der);
    });

    test(`${level}: expanded, both and SPKI round-trip; lengths and levels are checked`, () => {
      assert.equal(keys.publicKey.length, ML_KEM_SIZES[level].pk);
      assert.equal(keys.secretKey.length, ML_KEM_SIZES[level].sk);
      const b = decodePkcs8(kind, encodePkcs8(kind, { seed, secret: keys.secretKey }));
      bytesEq(b.seed, seed);
      bytesEq(b.secret, keys.secretKey);
      bytesEq(decodePkcs8(kind, encodePkcs8(kind, { secret: keys.secretKey })).secret, keys.secretKey);
      const spki = encodeSpki(kind, keys.publicKey);
      bytesEq(decodeSpki(kind, spki), keys.publicKey);
      const other: KeyKind = { family: 'ml-kem', level: level === 'ML-KEM-512' ? 'ML-KEM-768' : 'ML-KEM-512' };
      throwsCode(() => decodeSpki(other, spki), 'invalid-key');
      throwsCode(() => decodePkcs8(other, pemBody(RFC9935_SEED_PEM[level])), 'invalid-key');
      throwsCode(() => decodePkcs8({ family: 'ml-dsa', level: 'ML-DSA-44' }, pemBody(RFC9935_SEED_PEM[level])), 'invalid-key');
      throwsCode(() => encodePkcs8(kind, { seed: counting(32) }), 'invalid-key');
      throwsCode(() => encodeSpki(kind, keys.publicKey.subarray(2)), 'invalid-key');
    });
  }

  test('ML-KEM-512: the RFC 9935 public key and expanded private key examples, byte for byte', () => {
    const kind: KeyKind = { family: 'ml-kem', level: 'ML-KEM-512' };
    const keys = ml_kem512.keygen(seed);
    const pub = fromPem(ascii(RFC9935_ML_KEM_512_PUBLIC_PEM), ['PUBLIC KEY']);
    const ek = decodeSpki(kind, pub.der);
    bytesEq(ek, keys.publicKey);
    bytesEq(encodeSpki(kind, ek), pub.der);
    const priv = fromPem(ascii(RFC9935_ML_KEM_512_EXPANDED_PEM), ['PRIVATE KEY']);
    const dec = decodePkcs8(kind, priv.der);
    assert.equal(dec.seed, undefined);
    bytesEq(dec.secret, keys.secretKey);
    bytesEq(encodePkcs8(kind, { secret: keys.secretKey }), priv.der);
    // FIPS 203: dk = dk_PKE ‖ ek ‖ H(ek) ‖ z — the example's dk embeds the example's ek.
    bytesEq(dec.secret?.subarray(768, 768 + 800), ek);
    bytesEq(dec.secret?.subarray(1632 - 32), seed.subarray(32));
    assert.equal(Buffer.from(toPem('PUBLIC KEY', pub.der)).toString('latin1'), RFC9935_ML_KEM_512_PUBLIC_PEM);
    assert.equal(Buffer.from(toPem('PRIVATE KEY', priv.der)).toString('latin1'), RFC9935_ML_KEM_512_EXPANDED_PEM);
  });
});

// ---------------------------------------------------------------------------------------------
// ECDSA signatures (RFC 3279 §2.2.3 ECDSA-Sig-Value, strict DER)

describe('ECDSA signatures: raw r‖s ↔ DER', () => {
  for (const { curve, size } of CURVES) {
    test(`${curve}: node’s DER and IEEE P1363 signatures correspond`, () => {
      const kp = crypto.generateKeyPairSync('ec', { namedCurve: curve });
      const hash = size === 48 ? 'sha384' : 'sha256';
      for (let i = 0; i < 32; i++) {
        const msg = Buffer.from(`message ${i}`);
        const derSig = u8(crypto.sign(hash, msg, { key: kp.privateKey, dsaEncoding: 'der' }));
        const raw = ecdsaSignatureFromDer(derSig, size);
        assert.equal(raw.length, 2 * size);
        bytesEq(ecdsaSignatureToDer(raw), derSig);
        assert.ok(crypto.verify(hash, msg, { key: kp.publicKey, dsaEncoding: 'ieee-p1363' }, raw));
        const p1363 = u8(crypto.sign(hash, msg, { key: kp.privateKey, dsaEncoding: 'ieee-p1363' }));
        const back = ecdsaSignatureToDer(p1363);
        assert.ok(crypto.verify(hash, msg, { key: kp.publicKey, dsaEncoding: 'der' }, back));
        bytesEq(ecdsaSignatureFromDer(back, size), p1363);
      }
    });
  }

  test('minimal INTEGERs: a sign byte when the top bit is set, leading zeros dropped', () => {
    const r = cat(hex('80'), new Uint8Array(31).fill(0x11));
    const s = cat(new Uint8Array(31), hex('05'));
    const d = ecdsaSignatureToDer(cat(r, s));
    bytesEq(d, cat(hex('3026 0221 00'), r, hex('020105')));
    bytesEq(ecdsaSignatureFromDer(d, 32), cat(r, s));
    bytesEq(ecdsaSignatureToDer(new Uint8Array(64)), hex('3006 020100 020100'));
    bytesEq(ecdsaSignatureFromDer(hex('3006 020101 020101'), 32), cat(new Uint8Array(31), hex('01'), new Uint8Array(31), hex('01')));
  });

  test('non-DER, negative, oversized and trailing data are invalid-signature', () => {
    const cases: Array<[string, string]> = [
      ['BER long-form SEQUENCE length', '308106 020101 020101'],
      ['BER long-form INTEGER length', '3007 02810101 020101'],
      ['indefinite length', '3080 020101 020101 0000'],
      ['a leading zero too many', '3007 02020001 020101'],
      ['a leading zero too many on s', '3007 020101 02020001'],
      ['negative r', '3006 020181 020101'],
      ['negative s', '3006 020101 0201ff'],
      ['empty INTEGER', '3004 0200 0200'],
      ['trailing byte', '3006 020101 020101 00'],
      ['trailing SEQUENCE', '3006 020101 020101 3000'],
      ['three INTEGERs', '3009 020101 020101 020101'],
      ['one INTEGER', '3003 020101'],
      ['SET instead of SEQUENCE', '3106 020101 020101'],
      ['OCTET STRINGs', '3006 040101 040101'],
      ['truncated', '3006 020101 0201'],
      ['empty', ''],
      ['not ASN.1', 'ff'],
      ['r of 33 significant bytes', `3027 0221 01${'11'.repeat(32)} 020101`],
      ['r of 32 bytes with the top bit set and no sign byte', `3025 0220 ${'ff'.repeat(32)} 020101`],
    ];
    for (const [name, h] of cases) {
      throwsCode(() => ecdsaSignatureFromDer(hex(h), 32), 'invalid-signature', name);
    }
    // 33 bytes with the sign byte are fine for a 32-byte curve...
    const ok = hex(`3026 0221 00${'ff'.repeat(32)} 020101`);
    bytesEq(ecdsaSignatureFromDer(ok, 32).subarray(0, 32), new Uint8Array(32).fill(0xff));
    // ...but not for a smaller size.
    throwsCode(() => ecdsaSignatureFromDer(ok, 31), 'invalid-signature');
    throwsCode(() => ecdsaSignatureToDer(new Uint8Array(63)), 'invalid-signature');
    throwsCode(() => ecdsaSignatureToDer(new Uint8Array(0)), 'invalid-signature');
  });
});

// ---------------------------------------------------------------------------------------------
// PEM (RFC 7468)

describe('PEM armour', () => {
  const kp = crypto.generateKeyPairSync('ed25519');
  const spki = u8(kp.publicKey.export({ type: 'spki', format: 'der' }));
  const pem = kp.publicKey.export({ type: 'spki', format: 'pem' }) as string;

  test('toPem: 64-column base64, LF line ends, trailing newline', () => {
    const rsa = crypto.generateKeyPairSync('rsa', { modulusLength: 1024 });
    const d = u8(rsa.publicKey.export({ type: 'spki', format: 'der' }));
    const text = Buffer.from(toPem('PUBLIC KEY', d)).toString('latin1');
    assert.equal(text, rsa.publicKey.export({ type: 'spki', format: 'pem' }));
    const lines = text.split('\n');
    assert.equal(lines.at(-1), '');
    assert.equal(lines[0], '-----BEGIN PUBLIC KEY-----');
    assert.equal(lines.at(-2), '-----END PUBLIC KEY-----');
    for (const l of lines.slice(1, -3)) assert.equal(l.length, 64);
    assert.ok(lines.at(-3)!.length <= 64 && lines.at(-3)!.length > 0);
    bytesEq(fromPem(toPem('ML-DSA-44 PRIVATE KEY', d), ['ML-DSA-44 PRIVATE KEY']).der, d);
    assert.throws(() => toPem('bad--label', d));
    assert.throws(() => toPem('', d));
  });

  test('fromPem tolerates CRLF, surrounding whitespace and explanatory text', () => {
    const variants = [
      pem,
      pem.replace(/\n/g, '\r\n'),
      `\n\n  ${pem}  \n\n`,
      `Subject: test key\nExplanatory text: with -dashes- and ünïcödé\n${pem}`,
      `Bag Attributes\r\n    localKeyID: 01 02\r\n${pem.replace(/\n/g, '\r\n')}\r\n`,
      pem.replace(/\n(?!-)/g, '\n  ').replace('-----END', '\n-----END'),
      pem.replace('-----\n', '----- \t\n'),
    ];
    for (const v of variants) {
      const got = fromPem(new Uint8Array(Buffer.from(v, 'utf8')), ['PRIVATE KEY', 'PUBLIC KEY']);
      assert.equal(got.label, 'PUBLIC KEY');
      bytesEq(got.der, spki, JSON.stringify(v));
    }
  });

  test('fromPem rejects wrong labels, broken armour and bad base64 with invalid-key', () => {
    const body = pem.split('\n').slice(1, -2).join('\n');
    const bad: Array<[string, string]> = [
      ['wrong label', pem],
      ['mismatched END label', `-----BEGIN PUBLIC KEY-----\n${body}\n-----END PRIVATE KEY-----\n`],
      ['no END', `-----BEGIN PUBLIC KEY-----\n${body}\n`],
      ['no armour', `${body}\n`],
      ['empty body', '-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----\n'],
      ['non-base64 character', pem.replace(/A/, '*')],
      ['missing padding', `-----BEGIN PUBLIC KEY-----\nAA\n-----END PUBLIC KEY-----\n`],
      ['non-zero padding bits', `-----BEGIN PUBLIC KEY-----\nAB==\n-----END PUBLIC KEY-----\n`],
      ['RFC 1421 headers', `-----BEGIN PUBLIC KEY-----\nProc-Type: 4,ENCRYPTED\n\n${body}\n-----END PUBLIC KEY-----\n`],
      ['two blocks', pem + pem],
      ['text after END', `${pem}trailing text\n`],
      ['BEGIN not at a line start', `text-----BEGIN PUBLIC KEY-----\n${body}\n-----END PUBLIC KEY-----\n`],
      ['empty', ''],
    ];
    for (const [name, v] of bad) {
      const labels = name === 'wrong label' ? ['PRIVATE KEY', 'EC PRIVATE KEY'] : ['PUBLIC KEY'];
      throwsCode(() => fromPem(ascii(v), labels), 'invalid-key', name);
    }
  });
});
