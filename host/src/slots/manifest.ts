/**
 * The key slot manifest (docs/key-management.md §Key slots; the format is documented by
 * `schemas/slot-manifest.schema.json`): parsing and validation into the `SlotSpec`s the core
 * provisions. Node-only: pre-deployed keys are read from files and environment variables.
 *
 * Every mistake is reported, one per line, each line naming its field as a JSON path
 * (`slots[2].permissions`); a manifest with any mistake yields no slots at all. Messages never
 * contain key bytes nor the values of environment variables.
 * @module
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { PERMISSION, PERMISSION_NAMES, PERMISSION_PRESETS, type PermissionName } from '../core/permissions.js';
import type { KeyFamily, SlotSpec } from '../core/slots.js';
import { certificatesInto, type CertificateProvisioning } from './cert-manifest.js';

export type { KeyFamily, SlotSpec, CertificateProvisioning };

/** Every key family, in the order of docs/key-management.md (and of the schema's enum). */
export const KEY_FAMILY_NAMES = Object.freeze([
  'AES-128',
  'AES-256',
  'CHACHA20',
  'HMAC-SHA256',
  'HMAC-SHA384',
  'HMAC-SHA512',
  'Ed25519',
  'X25519',
  'ECDSA-P256',
  'ECDSA-P384',
  'ECDSA-K256',
  'RSA-2048',
  'RSA-3072',
  'RSA-4096',
  'ML-DSA-44',
  'ML-DSA-65',
  'ML-DSA-87',
  'ML-KEM-512',
  'ML-KEM-768',
  'ML-KEM-1024',
  'X-WING',
] as const satisfies readonly KeyFamily[]);

// Compile-time check: the list above is every KeyFamily.
type UnlistedFamily = Exclude<KeyFamily, (typeof KEY_FAMILY_NAMES)[number]>;
const everyFamilyListed: [UnlistedFamily] extends [never] ? true : false = true;
void everyFamilyListed;

/** Permission name → bit (encrypt 0x1 … import 0x400). */
export const PERMISSION_BITS: Readonly<Record<string, number>> = PERMISSION;
/** Preset name → bitmask (none, data-protection, authentication, full-lifecycle, all). */
export const PRESETS: Readonly<Record<string, number>> = PERMISSION_PRESETS;

/** Key lengths (bytes) of the symmetric families; the other families take PKCS#8 DER or PEM. */
export const SYMMETRIC_KEY_BYTES: Readonly<Partial<Record<KeyFamily, { min: number; max: number }>>> = Object.freeze({
  'AES-128': { min: 16, max: 16 },
  'AES-256': { min: 32, max: 32 },
  CHACHA20: { min: 32, max: 32 },
  'HMAC-SHA256': { min: 1, max: 8192 },
  'HMAC-SHA384': { min: 1, max: 8192 },
  'HMAC-SHA512': { min: 1, max: 8192 },
});

/** The largest key file read (an RSA-4096 PKCS#8 PEM is about 3.3 KB). */
export const MAX_KEY_FILE_BYTES = 1 << 20;

const SLOT_FIELDS = ['name', 'algorithm', 'permissions', 'persistence', 'key', 'locked', 'replace'] as const;
const TOP_FIELDS = ['$schema', 'slots', 'certificates'] as const;
const KEY_SOURCES = ['file', 'env', 'generate'] as const;
const PERSISTENCE = ['persistent', 'volatile'] as const;

export interface ManifestProblem {
  /** JSON path of the offending field: `slots[2].permissions`, `slots[0].key.file`; `$` is the whole manifest. */
  field: string;
  message: string;
}

/** A refused manifest. `message` has one line per problem, `field: message`; `field` is the first one's. */
export class ManifestError extends Error {
  readonly field: string;
  readonly problems: readonly ManifestProblem[];
  constructor(problems: readonly ManifestProblem[]) {
    if (problems.length === 0) throw new TypeError('ManifestError needs at least one problem');
    super(problems.map((p) => `${p.field}: ${p.message}`).join('\n'));
    this.name = 'ManifestError';
    this.field = problems[0]!.field;
    this.problems = Object.freeze([...problems]);
  }
}

export interface ValidateOptions {
  /** The folder relative `key.file` paths are resolved against (the manifest's folder). */
  baseDir: string;
  /** The environment `key.env` variables are read from. */
  env: Record<string, string | undefined>;
}

// ---------------------------------------------------------------------------------------------
// Helpers

class Problems {
  readonly list: ManifestProblem[] = [];
  add(field: string, message: string): void {
    this.list.push({ field, message });
  }
}

type JsonObject = Record<string, unknown>;

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return `the string ${JSON.stringify(v)}`;
  if (typeof v === 'number' || typeof v === 'boolean') return `${typeof v} ${String(v)}`;
  return typeof v;
}

function quoteList(names: readonly string[]): string {
  return names.map((n) => JSON.stringify(n)).join(', ');
}

/** Edit distance with transpositions (optimal string alignment). */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/** ` (did you mean "x"?)` for a near miss (ignoring case: one edit or transposition away, two for long names, or a prefix), else ''. */
function suggestion(value: string, options: readonly string[]): string {
  const lower = value.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const o of options) {
    const d = distance(lower, o.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [o, d];
  }
  if (best === undefined || !(bestDistance <= 1 || (bestDistance === 2 && value.length >= 8))) {
    best = lower.length >= 4 ? options.find((o) => o.toLowerCase().startsWith(lower)) : undefined;
  }
  return best !== undefined ? ` (did you mean ${JSON.stringify(best)}?)` : '';
}

function unknownFields(obj: JsonObject, known: readonly string[], path: string, problems: Problems): void {
  for (const k of Object.keys(obj)) {
    if (!known.includes(k)) {
      problems.add(`${path}${path ? '.' : ''}${k}`, `unknown field${suggestion(k, known)}; the fields are ${known.join(', ')}`);
    }
  }
}

function fsReason(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ENOTDIR':
      return 'a parent of it is not a directory';
    default:
      return typeof code === 'string' ? code : e instanceof Error ? e.message : String(e);
  }
}

function isPermissionName(s: string): s is PermissionName {
  return (PERMISSION_NAMES as readonly string[]).includes(s);
}

function isFamily(s: string): s is KeyFamily {
  return (KEY_FAMILY_NAMES as readonly string[]).includes(s);
}

// ---------------------------------------------------------------------------------------------
// Permissions

function permissionsInto(value: unknown, field: string, problems: Problems): number | undefined {
  const presets = Object.keys(PERMISSION_PRESETS);
  if (typeof value === 'string') {
    const preset = Object.hasOwn(PERMISSION_PRESETS, value) ? PERMISSION_PRESETS[value] : undefined;
    if (preset !== undefined) return preset;
    if (isPermissionName(value)) {
      problems.add(field, `${JSON.stringify(value)} is a permission, not a preset: give a list, "permissions": [${JSON.stringify(value)}]`);
    } else {
      problems.add(
        field,
        `unknown permissions preset ${JSON.stringify(value)}${suggestion(value, presets)}; the presets are ${presets.join(', ')} (or give a list of permission names: ${PERMISSION_NAMES.join(', ')})`,
      );
    }
    return undefined;
  }
  if (!Array.isArray(value)) {
    problems.add(field, `must be a preset name (${presets.join(', ')}) or a list of permission names, not ${typeName(value)}`);
    return undefined;
  }
  let bits = 0;
  let ok = true;
  const seen = new Map<string, number>();
  value.forEach((item: unknown, i) => {
    const at = `${field}[${i}]`;
    if (typeof item !== 'string') {
      problems.add(at, `must be a permission name (${PERMISSION_NAMES.join(', ')}), not ${typeName(item)}`);
      ok = false;
    } else if (!isPermissionName(item)) {
      problems.add(
        at,
        Object.hasOwn(PERMISSION_PRESETS, item)
          ? `${JSON.stringify(item)} is a preset: give it alone, "permissions": ${JSON.stringify(item)}, not in a list`
          : `unknown permission ${JSON.stringify(item)}${suggestion(item, PERMISSION_NAMES)}; the permissions are ${PERMISSION_NAMES.join(', ')}`,
      );
      ok = false;
    } else if (seen.has(item)) {
      problems.add(at, `duplicate permission ${JSON.stringify(item)} (also ${field}[${seen.get(item)!}])`);
      ok = false;
    } else {
      seen.set(item, i);
      bits |= PERMISSION[item];
    }
  });
  return ok ? bits : undefined;
}

/**
 * The bitmask of a `permissions` value: a preset name (`"data-protection"`) or a list of
 * permission names (`["sign", "verify"]`, no duplicates). Throws a {@link ManifestError} naming
 * `field` (or `field[i]` for a bad list item).
 */
export function parsePermissions(value: unknown, field: string): number {
  const problems = new Problems();
  const bits = permissionsInto(value, field, problems);
  if (bits === undefined || problems.list.length > 0) throw new ManifestError(problems.list);
  return bits;
}

// ---------------------------------------------------------------------------------------------
// Keys

/** Hex (an even number of hex digits) or base64 (standard or URL-safe, padded or not); else undefined. */
export function decodeKeyText(text: string): { bytes: Uint8Array; encoding: 'hex' | 'base64' } | undefined {
  const s = text.trim();
  if (s.length === 0) return undefined;
  if (s.length % 2 === 0 && /^[0-9a-fA-F]+$/.test(s)) return { bytes: new Uint8Array(Buffer.from(s, 'hex')), encoding: 'hex' };
  const std = s.replace(/-/g, '+').replace(/_/g, '/');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(std)) return undefined;
  if (std.includes('=') ? std.length % 4 !== 0 : std.length % 4 === 1) return undefined;
  const bytes = new Uint8Array(Buffer.from(std, 'base64'));
  // Reject non-canonical trailing bits so that one text means one key.
  const canonical = Buffer.from(bytes).toString('base64').replace(/=+$/, '');
  if (canonical !== std.replace(/=+$/, '')) return undefined;
  return { bytes, encoding: 'base64' };
}

function looksLikeText(bytes: Uint8Array): boolean {
  return bytes.length > 0 && bytes.every((b) => (b >= 0x20 && b < 0x7f) || b === 0x0a || b === 0x0d || b === 0x09);
}

/** Checks key bytes against the family; `what` describes where they came from (never the bytes). */
function checkKeyBytes(bytes: Uint8Array, family: KeyFamily, what: string, field: string, problems: Problems, fromFile: boolean): void {
  const range = SYMMETRIC_KEY_BYTES[family];
  if (range !== undefined) {
    if (bytes.length < range.min || bytes.length > range.max) {
      const expected = range.min === range.max ? `${range.min} bytes` : `${range.min} to ${range.max} bytes`;
      const hint = fromFile && looksLikeText(bytes) ? ' (a key file holds the raw key bytes, not hex or base64 text)' : '';
      problems.add(field, `${family} keys are ${expected}; ${what} has ${bytes.length} bytes${hint}`);
    }
    return;
  }
  if (bytes.length === 0) {
    problems.add(field, `${what} is empty`);
    return;
  }
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 4096)).toString('latin1');
  const label = /-----BEGIN ([^-\r\n]*)-----/.exec(head)?.[1];
  if (label !== undefined) {
    if (/PUBLIC KEY|CERTIFICATE/.test(label) || label.startsWith('ENCRYPTED')) {
      problems.add(field, `${what} holds a PEM ${JSON.stringify(label)}; a ${family} slot needs an unencrypted private key, PKCS#8 ("PRIVATE KEY")`);
    }
    return;
  }
  if (bytes[0] !== 0x30) {
    problems.add(field, `${what} is neither PKCS#8 DER nor PEM; a ${family} slot needs a private key in PKCS#8`);
  }
}

function keyInto(
  value: unknown,
  path: string,
  family: KeyFamily | undefined,
  opts: ValidateOptions,
  problems: Problems,
): SlotSpec['key'] | undefined {
  const forms = '{ "file": PATH }, { "env": VARIABLE } or { "generate": true }';
  if (value === undefined) return { kind: 'none' };
  if (!isObject(value)) {
    problems.add(path, `must be ${forms}, not ${typeName(value)}`);
    return undefined;
  }
  unknownFields(value, KEY_SOURCES, path, problems);
  const given = KEY_SOURCES.filter((k) => Object.hasOwn(value, k));
  if (given.length === 0) {
    problems.add(path, `needs one of file, env or generate: ${forms}`);
    return undefined;
  }
  if (given.length > 1) {
    problems.add(path, `has ${given.join(' and ')}; give exactly one of ${forms}`);
    return undefined;
  }
  const source = given[0]!;
  const field = `${path}.${source}`;
  const v = value[source];
  if (source === 'generate') {
    if (v !== true) {
      problems.add(field, `must be true, not ${typeName(v)} (to leave the slot empty, omit key)`);
      return undefined;
    }
    return { kind: 'generate' };
  }
  if (typeof v !== 'string' || v.length === 0) {
    problems.add(field, `must be a non-empty string (${source === 'file' ? 'a path' : 'the name of an environment variable'}), not ${typeName(v)}`);
    return undefined;
  }
  let bytes: Uint8Array;
  let what: string;
  let where: string;
  if (source === 'file') {
    const file = resolve(opts.baseDir, v);
    where = `file ${file}`;
    what = `key file ${file}`;
    try {
      const st = statSync(file);
      if (!st.isFile()) {
        problems.add(field, `${what} is not a regular file`);
        return undefined;
      }
      if (st.size > MAX_KEY_FILE_BYTES) {
        problems.add(field, `${what} is too large (${st.size} bytes; at most ${MAX_KEY_FILE_BYTES})`);
        return undefined;
      }
      bytes = new Uint8Array(readFileSync(file));
    } catch (e) {
      problems.add(field, `cannot read ${what}: ${fsReason(e)}`);
      return undefined;
    }
    if (bytes.length === 0) {
      problems.add(field, `${what} is empty`);
      return undefined;
    }
  } else {
    where = `environment variable ${v}`;
    const text = Object.hasOwn(opts.env, v) ? opts.env[v] : undefined;
    if (text === undefined) {
      problems.add(field, `environment variable ${v} is not set`);
      return undefined;
    }
    if (text.trim().length === 0) {
      problems.add(field, `environment variable ${v} is empty`);
      return undefined;
    }
    const asymmetric = family !== undefined && SYMMETRIC_KEY_BYTES[family] === undefined;
    if (asymmetric && text.trimStart().startsWith('-----BEGIN ')) {
      bytes = new TextEncoder().encode(text);
      what = `environment variable ${v} (PEM)`;
    } else {
      const decoded = decodeKeyText(text);
      if (decoded === undefined) {
        problems.add(
          field,
          `environment variable ${v} is neither hex (an even number of 0-9a-f digits) nor base64${asymmetric ? ' (nor PEM)' : ''}`,
        );
        return undefined;
      }
      bytes = decoded.bytes;
      what = `environment variable ${v} (${decoded.encoding})`;
    }
  }
  if (family === undefined) {
    // The algorithm is wrong (reported already): the bytes cannot be checked.
    bytes.fill(0);
    return undefined;
  }
  const before = problems.list.length;
  checkKeyBytes(bytes, family, what, field, problems, source === 'file');
  if (problems.list.length !== before) {
    bytes.fill(0);
    return undefined;
  }
  return { kind: 'bytes', bytes, source: where };
}

// ---------------------------------------------------------------------------------------------
// Manifest

function booleanField(slot: JsonObject, key: 'locked' | 'replace', path: string, problems: Problems): boolean | undefined {
  const v = slot[key];
  if (v === undefined) return false;
  if (typeof v !== 'boolean') {
    problems.add(`${path}.${key}`, `must be true or false, not ${typeName(v)}`);
    return undefined;
  }
  return v;
}

function slotInto(
  raw: unknown,
  path: string,
  opts: ValidateOptions,
  problems: Problems,
  names: Map<string, string>,
): SlotSpec | undefined {
  if (!isObject(raw)) {
    problems.add(path, `a slot must be an object with name, algorithm and permissions, not ${typeName(raw)}`);
    return undefined;
  }
  const before = problems.list.length;
  unknownFields(raw, SLOT_FIELDS, path, problems);

  let name: string | undefined;
  if (!Object.hasOwn(raw, 'name')) problems.add(`${path}.name`, 'missing (every slot needs a name)');
  else if (typeof raw['name'] !== 'string' || raw['name'].length === 0) {
    problems.add(`${path}.name`, `must be a non-empty string, not ${typeName(raw['name'])}`);
  } else {
    name = raw['name'];
    const first = names.get(name);
    if (first !== undefined) problems.add(`${path}.name`, `duplicate slot name ${JSON.stringify(name)} (also ${first})`);
    else names.set(name, `${path}.name`);
  }

  let family: KeyFamily | undefined;
  const alg = raw['algorithm'];
  if (!Object.hasOwn(raw, 'algorithm')) {
    problems.add(`${path}.algorithm`, `missing (the key family: ${KEY_FAMILY_NAMES.join(', ')})`);
  } else if (typeof alg !== 'string' || !isFamily(alg)) {
    const what = typeof alg === 'string' ? `unknown key family ${JSON.stringify(alg)}${suggestion(alg, KEY_FAMILY_NAMES)}` : `must be a key family name, not ${typeName(alg)}`;
    problems.add(`${path}.algorithm`, `${what}; the families are ${KEY_FAMILY_NAMES.join(', ')}`);
  } else {
    family = alg;
  }

  let permissions: number | undefined;
  if (!Object.hasOwn(raw, 'permissions')) {
    problems.add(`${path}.permissions`, `missing (a preset, ${Object.keys(PERMISSION_PRESETS).join(', ')}, or a list of permission names)`);
  } else {
    permissions = permissionsInto(raw['permissions'], `${path}.permissions`, problems);
  }

  let persistence: SlotSpec['persistence'] | undefined = 'persistent';
  const p = raw['persistence'];
  if (p !== undefined && (typeof p !== 'string' || !(PERSISTENCE as readonly string[]).includes(p))) {
    problems.add(`${path}.persistence`, `must be "persistent" or "volatile", not ${typeName(p)}`);
    persistence = undefined;
  } else if (p !== undefined) {
    persistence = p as SlotSpec['persistence'];
  }

  const locked = booleanField(raw, 'locked', path, problems);
  const replace = booleanField(raw, 'replace', path, problems);
  if (locked === true && replace === true) {
    problems.add(`${path}.replace`, 'a locked slot refuses every store, so replace cannot apply: drop one of locked and replace');
  }

  const key = keyInto(raw['key'], `${path}.key`, family, opts, problems);
  if (key?.kind === 'none' && persistence === 'volatile' && permissions !== undefined && locked !== undefined) {
    // A volatile slot starts empty every run: without a key it must be fillable by a store.
    if (locked) {
      problems.add(`${path}.key`, 'a volatile, locked slot without a key would stay empty forever: give a key (file, env or generate) or drop locked');
    } else if ((permissions & PERMISSION.import) === 0) {
      problems.add(`${path}.key`, 'a volatile slot without a key needs the import permission to ever hold one: give a key (file, env or generate) or add import');
    }
  }

  if (problems.list.length !== before) {
    if (key?.kind === 'bytes') key.bytes.fill(0);
    return undefined;
  }
  return { name: name!, family: family!, permissions: permissions!, persistence: persistence!, key: key!, locked: locked!, replace: replace! };
}

/**
 * Validates a manifest object (parsed JSON, see `schemas/slot-manifest.schema.json`) and reads its
 * pre-deployed keys: `key.file` paths relative to `opts.baseDir`, `key.env` variables from
 * `opts.env` (hex or base64; PEM text too for asymmetric families). Throws a
 * {@link ManifestError} listing every problem, one per line, each naming its field.
 * The `certificates` section (docs/certificates.md) is validated too; pass `out` to receive it.
 */
export function validateManifest(manifest: unknown, opts: ValidateOptions, out?: { certificates?: CertificateProvisioning }): SlotSpec[] {
  const problems = new Problems();
  if (!isObject(manifest)) throw new ManifestError([{ field: '$', message: `the manifest must be a JSON object { "slots": [...] }, not ${typeName(manifest)}` }]);
  unknownFields(manifest, TOP_FIELDS, '', problems);
  if (manifest['$schema'] !== undefined && typeof manifest['$schema'] !== 'string') {
    problems.add('$schema', `must be a string, not ${typeName(manifest['$schema'])}`);
  }
  const slots = manifest['slots'];
  const specs: SlotSpec[] = [];
  if (!Object.hasOwn(manifest, 'slots')) problems.add('slots', 'missing (the manifest is { "slots": [...] })');
  else if (!Array.isArray(slots)) problems.add('slots', `must be a list of slots, not ${typeName(slots)}`);
  else {
    const names = new Map<string, string>();
    slots.forEach((raw: unknown, i) => {
      const spec = slotInto(raw, `slots[${i}]`, opts, problems, names);
      if (spec) specs.push(spec);
    });
  }
  const certificates = certificatesInto(manifest['certificates'], opts.baseDir, (f, m) => problems.add(f, m));
  if (problems.list.length > 0) {
    for (const s of specs) if (s.key.kind === 'bytes') s.key.bytes.fill(0);
    throw new ManifestError(problems.list);
  }
  if (out !== undefined) out.certificates = certificates;
  return specs;
}

/**
 * Reads and validates the manifest at `path` (JSON); relative key files are relative to its
 * folder, `key.env` variables come from `env` (default: `process.env`).
 */
export function loadManifestFile(path: string, env: Record<string, string | undefined> = process.env, out?: { certificates?: CertificateProvisioning }): SlotSpec[] {
  const file = resolve(path);
  let text: string;
  try {
    if (statSync(file).isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ManifestError([{ field: '$', message: `cannot read the slot manifest ${file}: ${fsReason(e)}` }]);
  }
  let manifest: unknown;
  try {
    manifest = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    throw new ManifestError([{ field: '$', message: `the slot manifest ${file} is not valid JSON (${e instanceof Error ? e.message : String(e)})` }]);
  }
  return validateManifest(manifest, { baseDir: dirname(file), env }, out);
}
