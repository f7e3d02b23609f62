/**
 * Reading Wycheproof JSON: typed field accessors that fail with `VectorFormatError`, hex decoding
 * and the hex shown in messages.
 * @module
 */
import type { Verdict } from './types.js';

/** A Wycheproof file, group or test that does not have the shape its schema promises. */
export class VectorFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VectorFormatError';
  }
}

export type JsonObject = Readonly<Record<string, unknown>>;

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const HEX = /^(?:[0-9a-fA-F]{2})*$/;

export function hexToBytes(s: string): Uint8Array {
  if (!HEX.test(s)) throw new VectorFormatError(`not an even-length hex string: ${JSON.stringify(s.length > 40 ? `${s.slice(0, 40)}…` : s)}`);
  const out = new Uint8Array(s.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(s.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export function bytesToHex(b: Uint8Array): string {
  let s = '';
  for (const x of b) s += x.toString(16).padStart(2, '0');
  return s;
}

/** Hex for messages: at most `max` bytes, then an ellipsis and the length. */
export function showBytes(b: Uint8Array, max = 40): string {
  if (b.length === 0) return '(empty)';
  return b.length <= max ? bytesToHex(b) : `${bytesToHex(b.subarray(0, max))}… (${b.length} bytes)`;
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

/** Reads a required field; `where` names the object in messages ("test group 3", "tcId 17"). */
export function field(obj: JsonObject, name: string, where: string): unknown {
  if (!Object.prototype.hasOwnProperty.call(obj, name)) throw new VectorFormatError(`${where}: field "${name}" is missing`);
  return obj[name];
}

export function stringField(obj: JsonObject, name: string, where: string): string {
  const v = field(obj, name, where);
  if (typeof v !== 'string') throw new VectorFormatError(`${where}: field "${name}" must be a string, got ${typeof v}`);
  return v;
}

export function intField(obj: JsonObject, name: string, where: string): number {
  const v = field(obj, name, where);
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) {
    throw new VectorFormatError(`${where}: field "${name}" must be a non-negative integer, got ${JSON.stringify(v)}`);
  }
  return v;
}

export function hexField(obj: JsonObject, name: string, where: string): Uint8Array {
  const s = stringField(obj, name, where);
  try {
    return hexToBytes(s);
  } catch (e) {
    throw new VectorFormatError(`${where}: field "${name}": ${(e as Error).message}`);
  }
}

/** An optional hex field: `undefined` when absent. */
export function optionalHexField(obj: JsonObject, name: string, where: string): Uint8Array | undefined {
  return Object.prototype.hasOwnProperty.call(obj, name) ? hexField(obj, name, where) : undefined;
}

/** The fields every Wycheproof test vector has. */
export interface TestCommon {
  readonly tcId: number | null;
  readonly comment: string;
  readonly result: Verdict;
  readonly flags: readonly string[];
  /** "tcId 17", for messages. */
  readonly where: string;
}

/**
 * Reads `tcId`, `comment`, `result`, `flags`. Throws `VectorFormatError`; `tcIdOf` gives what
 * can be salvaged for the failure report.
 */
export function testCommon(t: unknown): TestCommon {
  if (!isObject(t)) throw new VectorFormatError('a test vector is not a JSON object');
  const tcId = intField(t, 'tcId', 'test vector');
  const where = `tcId ${tcId}`;
  const comment = Object.prototype.hasOwnProperty.call(t, 'comment') ? stringField(t, 'comment', where) : '';
  const result = stringField(t, 'result', where);
  if (result !== 'valid' && result !== 'invalid' && result !== 'acceptable') {
    throw new VectorFormatError(`${where}: result must be valid, invalid or acceptable, got ${JSON.stringify(result)}`);
  }
  let flags: string[] = [];
  if (Object.prototype.hasOwnProperty.call(t, 'flags')) {
    const f = t['flags'];
    if (!Array.isArray(f) || !f.every((x): x is string => typeof x === 'string')) {
      throw new VectorFormatError(`${where}: flags must be an array of strings`);
    }
    flags = f;
  }
  return { tcId, comment, result, flags, where };
}

/** The tcId and comment of a test that could not be read, as far as they are readable. */
export function salvage(t: unknown): { tcId: number | null; comment: string; result: Verdict | null } {
  if (!isObject(t)) return { tcId: null, comment: '', result: null };
  const tcId = typeof t['tcId'] === 'number' ? t['tcId'] : null;
  const comment = typeof t['comment'] === 'string' ? t['comment'] : '';
  const r = t['result'];
  const result = r === 'valid' || r === 'invalid' || r === 'acceptable' ? r : null;
  return { tcId, comment, result };
}
