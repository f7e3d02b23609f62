/**
 * A minimal strict DER reader (tag-length-value walking only; no crypto). Used next to
 * @peculiar/asn1-schema for the pieces the validator needs byte-exact: the raw TBS, raw names,
 * raw times, raw iPAddress octets and ECDSA signature integers.
 */

export class DerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DerError';
  }
}

export interface Tlv {
  /** The full identifier octet (class + constructed bit + tag number < 31). */
  tag: number;
  /** Offset of the identifier octet in `buf`. */
  start: number;
  /** Offset of the first content octet. */
  valueStart: number;
  /** Offset one past the last content octet. */
  end: number;
  buf: Uint8Array;
}

export const TAG = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTF8String: 0x0c,
  PrintableString: 0x13,
  T61String: 0x14,
  IA5String: 0x16,
  UTCTime: 0x17,
  GeneralizedTime: 0x18,
  UniversalString: 0x1c,
  BMPString: 0x1e,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;

/** Reads one TLV at `pos`; DER rules: definite minimal lengths, low tag numbers only. */
export function readTlv(buf: Uint8Array, pos: number, limit = buf.length): Tlv {
  if (pos + 2 > limit) throw new DerError('truncated TLV');
  const tag = buf[pos]!;
  if ((tag & 0x1f) === 0x1f) throw new DerError('high tag numbers are not supported');
  let len = buf[pos + 1]!;
  let p = pos + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0) throw new DerError('indefinite length');
    if (n > 4) throw new DerError('length too large');
    if (p + n > limit) throw new DerError('truncated length');
    if (buf[p] === 0) throw new DerError('non-minimal length');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[p + i]!;
    if (len < 0x80) throw new DerError('non-minimal length');
    p += n;
  }
  if (p + len > limit) throw new DerError('truncated value');
  return { tag, start: pos, valueStart: p, end: p + len, buf };
}

/**
 * How many TLVs a DER encoding holds, constructed ones descended into (iteratively); counting stops
 * once past `limit`. Throws DerError where the strict reader does. A cheap bound on what a schema
 * parse of the same bytes will cost.
 */
export function countTlvs(buf: Uint8Array, limit: number): number {
  let n = 0;
  const stack: [number, number][] = [[0, buf.length]];
  while (stack.length) {
    const [start, end] = stack.pop()!;
    for (let p = start; p < end; ) {
      const t = readTlv(buf, p, end);
      if (++n > limit) return n;
      if (t.tag & 0x20) stack.push([t.valueStart, t.end]);
      p = t.end;
    }
  }
  return n;
}

/** The content octets (a view; callers copy before handing out). */
export function value(t: Tlv): Uint8Array {
  return t.buf.subarray(t.valueStart, t.end);
}

/** The whole encoding (a view). */
export function raw(t: Tlv): Uint8Array {
  return t.buf.subarray(t.start, t.end);
}

/** The children of a constructed TLV; they must fill it exactly. */
export function children(t: Tlv): Tlv[] {
  if (!(t.tag & 0x20)) throw new DerError(`tag 0x${t.tag.toString(16)} is not constructed`);
  const out: Tlv[] = [];
  let p = t.valueStart;
  while (p < t.end) {
    const c = readTlv(t.buf, p, t.end);
    out.push(c);
    p = c.end;
  }
  return out;
}

/** Parses a complete DER element that must span `buf` exactly. */
export function parseOne(buf: Uint8Array, expectTag?: number): Tlv {
  const t = readTlv(buf, 0);
  if (t.end !== buf.length) throw new DerError('trailing data');
  if (expectTag !== undefined && t.tag !== expectTag) throw new DerError(`expected tag 0x${expectTag.toString(16)}, got 0x${t.tag.toString(16)}`);
  return t;
}

export function expectTag(t: Tlv | undefined, tag: number, what: string): Tlv {
  if (!t || t.tag !== tag) throw new DerError(`${what}: expected tag 0x${tag.toString(16)}${t ? `, got 0x${t.tag.toString(16)}` : ', missing'}`);
  return t;
}

export function decodeOid(t: Tlv): string {
  if (t.tag !== TAG.OID) throw new DerError('expected OBJECT IDENTIFIER');
  const v = value(t);
  if (v.length === 0) throw new DerError('empty OID');
  const parts: number[] = [];
  let acc = 0;
  let first = true;
  for (let i = 0; i < v.length; i++) {
    const b = v[i]!;
    if (acc === 0 && b === 0x80) throw new DerError('non-minimal OID arc');
    acc = acc * 128 + (b & 0x7f);
    if (acc > Number.MAX_SAFE_INTEGER / 256) throw new DerError('OID arc too large');
    if (!(b & 0x80)) {
      if (first) {
        const a = acc < 40 ? 0 : acc < 80 ? 1 : 2;
        parts.push(a, acc - a * 40);
        first = false;
      } else parts.push(acc);
      acc = 0;
    } else if (i === v.length - 1) throw new DerError('truncated OID');
  }
  return parts.join('.');
}

export function decodeBoolean(t: Tlv): boolean {
  const v = value(expectTag(t, TAG.BOOLEAN, 'BOOLEAN'));
  if (v.length !== 1 || (v[0] !== 0 && v[0] !== 0xff)) throw new DerError('non-DER BOOLEAN');
  return v[0] === 0xff;
}

/** INTEGER content octets, checked minimal. */
export function integerBytes(t: Tlv): Uint8Array {
  const v = value(expectTag(t, TAG.INTEGER, 'INTEGER'));
  if (v.length === 0) throw new DerError('empty INTEGER');
  if (v.length > 1 && ((v[0] === 0 && !(v[1]! & 0x80)) || (v[0] === 0xff && v[1]! & 0x80))) throw new DerError('non-minimal INTEGER');
  return v;
}

/** A small non-negative INTEGER as a number (throws above 2^31). */
export function smallInteger(t: Tlv): number {
  const v = integerBytes(t);
  if (v[0]! & 0x80) throw new DerError('negative INTEGER');
  if (v.length > 5 || (v.length === 5 && v[0] !== 0)) throw new DerError('INTEGER too large');
  let n = 0;
  for (const b of v) n = n * 256 + b;
  if (n > 0x7fffffff) throw new DerError('INTEGER too large');
  return n;
}

/** BIT STRING: unused-bit count and the bytes. */
export function bitString(t: Tlv): { unused: number; bytes: Uint8Array } {
  const v = value(expectTag(t, TAG.BIT_STRING, 'BIT STRING'));
  if (v.length === 0) throw new DerError('empty BIT STRING');
  const unused = v[0]!;
  if (unused > 7 || (v.length === 1 && unused !== 0)) throw new DerError('bad BIT STRING padding');
  if (unused && (v[v.length - 1]! & ((1 << unused) - 1))) throw new DerError('non-zero BIT STRING padding');
  return { unused, bytes: v.subarray(1) };
}

const two = (s: string, i: number): number => {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  if (a < 0 || a > 9 || b < 0 || b > 9) throw new DerError('bad digit in time');
  return a * 10 + b;
};

/**
 * RFC 5280 §4.1.2.5 times: UTCTime YYMMDDHHMMSSZ (YY ≥ 50 → 19YY) or GeneralizedTime
 * YYYYMMDDHHMMSSZ, seconds present, no fractions, always Zulu.
 */
export function decodeTime(t: Tlv): Date {
  const v = value(t);
  let s = '';
  for (const b of v) s += String.fromCharCode(b);
  let year: number;
  let rest: string;
  if (t.tag === TAG.UTCTime) {
    if (s.length !== 13 || s[12] !== 'Z') throw new DerError(`UTCTime not in YYMMDDHHMMSSZ form: ${s}`);
    const yy = two(s, 0);
    year = yy >= 50 ? 1900 + yy : 2000 + yy;
    rest = s.slice(2);
  } else if (t.tag === TAG.GeneralizedTime) {
    if (s.length !== 15 || s[14] !== 'Z') throw new DerError(`GeneralizedTime not in YYYYMMDDHHMMSSZ form: ${s}`);
    year = two(s, 0) * 100 + two(s, 2);
    rest = s.slice(4);
  } else throw new DerError('expected UTCTime or GeneralizedTime');
  const mo = two(rest, 0);
  const d = two(rest, 2);
  const h = two(rest, 4);
  const mi = two(rest, 6);
  const se = two(rest, 8);
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 59) throw new DerError(`time out of range: ${s}`);
  const back = new Date(Date.UTC(2000, 0, 1, h, mi, se));
  back.setUTCFullYear(year, mo - 1, d); // not Date.UTC(year, …): it maps years 0-99 to 1900-1999
  if (back.getUTCDate() !== d) throw new DerError(`no such day: ${s}`);
  return back;
}

/** A string value of a directory attribute (UTF-8, Printable, IA5, T61 as Latin-1, BMP, Universal). */
export function decodeString(t: Tlv): string | undefined {
  const v = value(t);
  switch (t.tag) {
    case TAG.UTF8String:
      return new TextDecoder('utf-8', { fatal: true }).decode(v);
    case TAG.PrintableString:
    case TAG.IA5String:
    case TAG.T61String: {
      let s = '';
      for (const b of v) s += String.fromCharCode(b);
      return s;
    }
    case TAG.BMPString: {
      if (v.length % 2) throw new DerError('odd BMPString');
      let s = '';
      for (let i = 0; i < v.length; i += 2) s += String.fromCharCode((v[i]! << 8) | v[i + 1]!);
      return s;
    }
    case TAG.UniversalString: {
      if (v.length % 4) throw new DerError('bad UniversalString');
      let s = '';
      for (let i = 0; i < v.length; i += 4) s += String.fromCodePoint(((v[i]! << 24) | (v[i + 1]! << 16) | (v[i + 2]! << 8) | v[i + 3]!) >>> 0);
      return s;
    }
    default:
      return undefined;
  }
}

export function ascii(v: Uint8Array): string | undefined {
  let s = '';
  for (const b of v) {
    if (b > 0x7e || b < 0x20) return undefined;
    s += String.fromCharCode(b);
  }
  return s;
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function hex(v: Uint8Array): string {
  let s = '';
  for (const b of v) s += (b < 16 ? '0' : '') + b.toString(16);
  return s;
}
