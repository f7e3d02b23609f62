/**
 * The `certificates` section of the slot manifest (docs/certificates.md §Slot manifest; schema:
 * `schemas/slot-manifest.schema.json`, `$defs/certificates`): certificate slots and trust stores.
 * Validated with the rest of the manifest by host/src/slots/manifest.ts, which calls
 * {@link certificatesInto}; every problem names its field (`certificates.slots[1].certificate.file`).
 * Node-only: certificates and CRLs are read from files.
 * @module
 */
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CertificateSlotSpec, TrustStoreSpec } from '../core/certificates/slots.js';

export type { CertificateSlotSpec, TrustStoreSpec };

/** What the manifest provisions for the `certificates` interface. */
export interface CertificateProvisioning {
  slots: CertificateSlotSpec[];
  trustStores: TrustStoreSpec[];
}

/** The largest certificate or CRL file read (a CRL may be large; the host's limits apply again when it is parsed). */
export const MAX_CERT_FILE_BYTES = 16 * 1024 * 1024;

const SECTION_FIELDS = ['slots', 'trust-stores'] as const;
const CERT_SLOT_FIELDS = ['name', 'certificate', 'crl', 'persistence', 'locked'] as const;
const TRUST_STORE_FIELDS = ['name', 'members', 'persistence', 'locked'] as const;
const MEMBER_FIELDS = ['slot', 'enabled', 'kind', 'init'] as const;
const MEMBER_KINDS = ['shared-static', 'conditional-external'] as const;
const MEMBER_INITS = ['disable-until-accepted', 'accept-current'] as const;
const SOURCE_FIELDS = ['file', 'pem'] as const;

type Add = (field: string, message: string) => void;
type JsonObject = Record<string, unknown>;

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return `the string ${JSON.stringify(v)}`;
  if (typeof v === 'number' || typeof v === 'boolean') return `${typeof v} ${String(v)}`;
  return typeof v;
}

function unknownFields(obj: JsonObject, known: readonly string[], path: string, add: Add): void {
  for (const k of Object.keys(obj)) {
    if (!known.includes(k)) add(path ? `${path}.${k}` : k, `unknown field; the fields are ${known.join(', ')}`);
  }
}

/**
 * The DER inside PEM text with exactly one block labelled `label`, or undefined (and a problem)
 * when there is none or several. Other blocks are ignored.
 */
function pemToDer(text: string, label: string, field: string, what: string, add: Add): Uint8Array | undefined {
  const re = new RegExp(`-----BEGIN ${label}-----([A-Za-z0-9+/=\\s]*)-----END ${label}-----`, 'g');
  const blocks = [...text.matchAll(re)];
  if (blocks.length !== 1) {
    add(field, `${what} must hold exactly one PEM "${label}" block, found ${blocks.length}`);
    return undefined;
  }
  const der = new Uint8Array(Buffer.from(blocks[0]![1]!.replace(/\s/g, ''), 'base64'));
  if (der.length === 0) {
    add(field, `${what}: the "${label}" block is empty`);
    return undefined;
  }
  return der;
}

/** Reads a `{ "file": PATH }` or `{ "pem": TEXT }` source: DER or PEM (`label`). */
function sourceInto(value: unknown, path: string, label: string, baseDir: string, add: Add): { der: Uint8Array; source: string } | undefined {
  const forms = '{ "file": PATH } (DER or PEM) or { "pem": TEXT }';
  if (!isObject(value)) {
    add(path, `must be ${forms}, not ${typeName(value)}`);
    return undefined;
  }
  unknownFields(value, SOURCE_FIELDS, path, add);
  const given = SOURCE_FIELDS.filter((k) => Object.hasOwn(value, k));
  if (given.length !== 1) {
    add(path, given.length === 0 ? `needs one of file or pem: ${forms}` : `has ${given.join(' and ')}; give exactly one of ${forms}`);
    return undefined;
  }
  const key = given[0]!;
  const v = value[key];
  const field = `${path}.${key}`;
  if (typeof v !== 'string' || v.length === 0) {
    add(field, `must be a non-empty string, not ${typeName(v)}`);
    return undefined;
  }
  if (key === 'pem') {
    const der = pemToDer(v, label, field, 'the text', add);
    return der && { der, source: `${path}.pem` };
  }
  const file = resolve(baseDir, v);
  let bytes: Buffer;
  try {
    const st = statSync(file);
    if (!st.isFile()) {
      add(field, `${file} is not a regular file`);
      return undefined;
    }
    if (st.size > MAX_CERT_FILE_BYTES) {
      add(field, `${file} is too large (${st.size} bytes; at most ${MAX_CERT_FILE_BYTES})`);
      return undefined;
    }
    bytes = readFileSync(file);
  } catch (e) {
    add(field, `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    return undefined;
  }
  if (bytes.length === 0) {
    add(field, `${file} is empty`);
    return undefined;
  }
  if (bytes[0] === 0x30) return { der: new Uint8Array(bytes), source: `file ${file}` };
  const der = pemToDer(bytes.toString('latin1'), label, field, `file ${file}`, add);
  return der && { der, source: `file ${file}` };
}

function persistenceInto(v: unknown, field: string, add: Add): 'persistent' | 'volatile' | undefined {
  if (v === undefined) return 'persistent';
  if (v === 'persistent' || v === 'volatile') return v;
  add(field, `must be "persistent" or "volatile", not ${typeName(v)}`);
  return undefined;
}

function boolInto(v: unknown, field: string, dflt: boolean, add: Add): boolean | undefined {
  if (v === undefined) return dflt;
  if (typeof v === 'boolean') return v;
  add(field, `must be true or false, not ${typeName(v)}`);
  return undefined;
}

function nameInto(raw: JsonObject, path: string, names: Map<string, string>, what: string, add: Add): string | undefined {
  const n = raw['name'];
  if (!Object.hasOwn(raw, 'name')) {
    add(`${path}.name`, `missing (every ${what} needs a name)`);
    return undefined;
  }
  if (typeof n !== 'string' || n.length === 0) {
    add(`${path}.name`, `must be a non-empty string, not ${typeName(n)}`);
    return undefined;
  }
  const first = names.get(n);
  if (first !== undefined) {
    add(`${path}.name`, `duplicate ${what} name ${JSON.stringify(n)} (also ${first})`);
    return undefined;
  }
  names.set(n, `${path}.name`);
  return n;
}

function certSlotInto(raw: unknown, path: string, baseDir: string, names: Map<string, string>, add: Add): CertificateSlotSpec | undefined {
  if (!isObject(raw)) {
    add(path, `a certificate slot must be an object with a name, not ${typeName(raw)}`);
    return undefined;
  }
  let ok = true;
  const addFlag: Add = (f, m) => {
    ok = false;
    add(f, m);
  };
  unknownFields(raw, CERT_SLOT_FIELDS, path, addFlag);
  const name = nameInto(raw, path, names, 'certificate slot', addFlag);
  const certificate = raw['certificate'] === undefined ? undefined : sourceInto(raw['certificate'], `${path}.certificate`, 'CERTIFICATE', baseDir, addFlag);
  const crl = raw['crl'] === undefined ? undefined : sourceInto(raw['crl'], `${path}.crl`, 'X509 CRL', baseDir, addFlag);
  if (raw['crl'] !== undefined && raw['certificate'] === undefined) addFlag(`${path}.crl`, 'a CRL belongs to the slot\'s certificate: give certificate too');
  const persistence = persistenceInto(raw['persistence'], `${path}.persistence`, addFlag);
  const locked = boolInto(raw['locked'], `${path}.locked`, false, addFlag);
  if (locked === true && raw['certificate'] === undefined) addFlag(`${path}.locked`, 'a locked certificate slot without a certificate would stay empty forever: give certificate or drop locked');
  if (!ok) return undefined;
  return { name: name!, persistence: persistence!, certificate, crl, locked: locked! };
}

function trustStoreInto(raw: unknown, path: string, slotNames: Map<string, string>, names: Map<string, string>, add: Add): TrustStoreSpec | undefined {
  if (!isObject(raw)) {
    add(path, `a trust store must be an object with a name and members, not ${typeName(raw)}`);
    return undefined;
  }
  let ok = true;
  const addFlag: Add = (f, m) => {
    ok = false;
    add(f, m);
  };
  unknownFields(raw, TRUST_STORE_FIELDS, path, addFlag);
  const name = nameInto(raw, path, names, 'trust store', addFlag);
  const members: TrustStoreSpec['members'] = [];
  const m = raw['members'];
  if (m !== undefined && !Array.isArray(m)) addFlag(`${path}.members`, `must be a list of certificate slot names (or { "slot": NAME, "enabled": BOOL }), not ${typeName(m)}`);
  const seen = new Map<string, number>();
  (Array.isArray(m) ? m : []).forEach((item: unknown, i) => {
    const at = `${path}.members[${i}]`;
    let slot: unknown = item;
    let enabled: boolean | undefined = true;
    let kind: (typeof MEMBER_KINDS)[number] = 'shared-static';
    let init: (typeof MEMBER_INITS)[number] | undefined;
    if (isObject(item)) {
      unknownFields(item, MEMBER_FIELDS, at, addFlag);
      slot = item['slot'];
      enabled = boolInto(item['enabled'], `${at}.enabled`, true, addFlag);
      const k = item['kind'];
      if (k !== undefined && !(MEMBER_KINDS as readonly unknown[]).includes(k)) addFlag(`${at}.kind`, `must be ${MEMBER_KINDS.map((x) => `"${x}"`).join(' or ')}, not ${typeName(k)}`);
      else if (k !== undefined) kind = k as (typeof MEMBER_KINDS)[number];
      const ini = item['init'];
      if (ini !== undefined) {
        if (!(MEMBER_INITS as readonly unknown[]).includes(ini)) addFlag(`${at}.init`, `must be ${MEMBER_INITS.map((x) => `"${x}"`).join(' or ')}, not ${typeName(ini)}`);
        else if (kind !== 'conditional-external') addFlag(`${at}.init`, 'applies to "kind": "conditional-external" members only');
        else init = ini as (typeof MEMBER_INITS)[number];
      }
    }
    if (typeof slot !== 'string' || slot.length === 0) {
      addFlag(isObject(item) ? `${at}.slot` : at, `must be the name of a certificate slot, not ${typeName(slot)}`);
      return;
    }
    if (!slotNames.has(slot)) {
      addFlag(at, `no certificate slot named ${JSON.stringify(slot)} in certificates.slots`);
      return;
    }
    if (seen.has(slot)) {
      addFlag(at, `duplicate member ${JSON.stringify(slot)} (also ${path}.members[${seen.get(slot)!}])`);
      return;
    }
    seen.set(slot, i);
    if (enabled !== undefined) members.push(kind === 'conditional-external' ? { slot, enabled, kind, init: init ?? 'disable-until-accepted' } : { slot, enabled });
  });
  const persistence = persistenceInto(raw['persistence'], `${path}.persistence`, addFlag);
  const locked = boolInto(raw['locked'], `${path}.locked`, false, addFlag);
  if (!ok) return undefined;
  return { name: name!, persistence: persistence!, members, locked: locked! };
}

/**
 * Validates the manifest's `certificates` value (undefined: nothing provisioned), reading
 * certificate and CRL files relative to `baseDir`. Problems go to `add`; the result is complete
 * only when none were added.
 */
export function certificatesInto(value: unknown, baseDir: string, add: Add): CertificateProvisioning {
  const out: CertificateProvisioning = { slots: [], trustStores: [] };
  if (value === undefined) return out;
  if (!isObject(value)) {
    add('certificates', `must be an object { "slots": [...], "trust-stores": [...] }, not ${typeName(value)}`);
    return out;
  }
  unknownFields(value, SECTION_FIELDS, 'certificates', add);
  const slots = value['slots'];
  const slotNames = new Map<string, string>();
  if (slots !== undefined && !Array.isArray(slots)) add('certificates.slots', `must be a list of certificate slots, not ${typeName(slots)}`);
  (Array.isArray(slots) ? slots : []).forEach((raw: unknown, i) => {
    const s = certSlotInto(raw, `certificates.slots[${i}]`, baseDir, slotNames, add);
    if (s) out.slots.push(s);
  });
  const stores = value['trust-stores'];
  const storeNames = new Map<string, string>();
  if (stores !== undefined && !Array.isArray(stores)) add('certificates.trust-stores', `must be a list of trust stores, not ${typeName(stores)}`);
  (Array.isArray(stores) ? stores : []).forEach((raw: unknown, i) => {
    const t = trustStoreInto(raw, `certificates.trust-stores[${i}]`, slotNames, storeNames, add);
    if (t) out.trustStores.push(t);
  });
  return out;
}
