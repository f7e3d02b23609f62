/**
 * Names: distinguished names (RFC 5280 §7.1 comparison after whitespace/case folding of string
 * attributes), GeneralNames, name constraints (DNS, IP, email, directory name) and peer-name
 * matching (DNS with wildcards, IP, email).
 */
import { DerError, TAG, ascii, children, decodeOid, decodeString, equalBytes, hex, parseOne, raw, readTlv, value, type Tlv } from './der.js';

export interface Atv {
  type: string;
  /** Normalized comparison key of the value. */
  key: string;
  /** The decoded string, if the value is a string type. */
  text?: string;
}
export interface DistinguishedName {
  der: Uint8Array;
  /** RDNs in order, each a sorted set of normalized attribute keys. */
  rdns: string[][];
  atvs: Atv[];
  /** Whole-name comparison key. */
  key: string;
}

export const OID_EMAIL_ADDRESS = '1.2.840.113549.1.9.1';
export const OID_CN = '2.5.4.3';

function normalizeString(s: string): string {
  return s.trim().replace(/\s+/g, ' ').toLowerCase();
}

export function parseName(t: Tlv): DistinguishedName {
  if (t.tag !== TAG.SEQUENCE) throw new DerError('Name: expected SEQUENCE');
  const rdns: string[][] = [];
  const atvs: Atv[] = [];
  for (const set of children(t)) {
    if (set.tag !== TAG.SET) throw new DerError('RDN: expected SET');
    const items = children(set);
    if (items.length === 0) throw new DerError('empty RDN');
    const keys: string[] = [];
    for (const item of items) {
      if (item.tag !== TAG.SEQUENCE) throw new DerError('AttributeTypeAndValue: expected SEQUENCE');
      const [ty, val, extra] = children(item);
      if (!ty || !val || extra) throw new DerError('AttributeTypeAndValue: bad shape');
      const type = decodeOid(ty);
      const text = decodeString(val);
      const key = text !== undefined ? `${type}=${normalizeString(text)}` : `${type}#${hex(raw(val))}`;
      keys.push(key);
      atvs.push(text !== undefined ? { type, key, text } : { type, key });
    }
    keys.sort();
    rdns.push(keys);
  }
  // JSON, not joined with ',' / '+': attribute values may contain those characters.
  return { der: raw(t), rdns, atvs, key: JSON.stringify(rdns) };
}

/** `sub` lies within subtree `base` (base's RDNs are a prefix of sub's). */
export function dnWithin(sub: DistinguishedName, base: DistinguishedName): boolean {
  if (base.rdns.length > sub.rdns.length) return false;
  for (let i = 0; i < base.rdns.length; i++) {
    const b = base.rdns[i]!;
    const s = sub.rdns[i]!;
    if (b.length !== s.length || b.some((k, j) => k !== s[j])) return false;
  }
  return true;
}

export type GeneralName =
  | { kind: 'dns'; value: string | undefined; raw: Uint8Array }
  | { kind: 'email'; value: string | undefined; raw: Uint8Array }
  | { kind: 'ip'; bytes: Uint8Array }
  | { kind: 'uri'; value: string | undefined }
  | { kind: 'dn'; name: DistinguishedName }
  | { kind: 'other'; typeId: string; der: Uint8Array }
  | { kind: 'unsupported'; tag: number; der: Uint8Array };

export function parseGeneralName(t: Tlv): GeneralName {
  switch (t.tag) {
    case 0xa0: {
      const [ty] = children(t);
      if (!ty) throw new DerError('otherName: missing type');
      return { kind: 'other', typeId: decodeOid(ty), der: raw(t) };
    }
    case 0x81:
      return { kind: 'email', value: ascii(value(t)), raw: value(t) };
    case 0x82:
      return { kind: 'dns', value: ascii(value(t)), raw: value(t) };
    case 0x86:
      return { kind: 'uri', value: ascii(value(t)) };
    case 0x87:
      return { kind: 'ip', bytes: value(t) };
    case 0xa4: {
      const inner = children(t);
      if (inner.length !== 1) throw new DerError('directoryName: bad shape');
      return { kind: 'dn', name: parseName(inner[0]!) };
    }
    default:
      return { kind: 'unsupported', tag: t.tag, der: raw(t) };
  }
}

export function parseGeneralNames(der: Uint8Array): GeneralName[] {
  const t = parseOne(der, TAG.SEQUENCE);
  const out = children(t).map(parseGeneralName);
  if (out.length === 0) throw new DerError('empty GeneralNames');
  return out;
}

export interface NameConstraints {
  permitted: GeneralName[] | undefined;
  excluded: GeneralName[] | undefined;
}

function parseSubtrees(t: Tlv): GeneralName[] {
  const out: GeneralName[] = [];
  for (const st of children(t)) {
    if (st.tag !== TAG.SEQUENCE) throw new DerError('GeneralSubtree: expected SEQUENCE');
    const [base, ...rest] = children(st);
    if (!base) throw new DerError('GeneralSubtree: missing base');
    // minimum MUST be zero (absent in DER), maximum MUST be absent (RFC 5280 §4.2.1.10).
    if (rest.length) throw new DerError('GeneralSubtree: minimum/maximum present');
    out.push(parseGeneralName(base));
  }
  if (out.length === 0) throw new DerError('empty GeneralSubtrees');
  return out;
}

export function parseNameConstraints(der: Uint8Array): NameConstraints {
  const t = parseOne(der, TAG.SEQUENCE);
  let permitted: GeneralName[] | undefined;
  let excluded: GeneralName[] | undefined;
  for (const c of children(t)) {
    if (c.tag === 0xa0 && !permitted && !excluded) permitted = parseSubtrees(c);
    else if (c.tag === 0xa1 && !excluded) excluded = parseSubtrees(c);
    else throw new DerError('NameConstraints: unexpected field');
  }
  if (!permitted && !excluded) throw new DerError('NameConstraints: neither permitted nor excluded subtrees');
  return { permitted, excluded };
}

// ---------------------------------------------------------------- DNS

const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** A syntactically valid (LDH, ASCII, lowercased) hostname, or undefined. Allows a leading `*.` when `wildcard`. */
export function normalizeDns(name: string | undefined, wildcard: boolean): string | undefined {
  if (name === undefined || name.length === 0 || name.length > 253) return undefined;
  const n = name.toLowerCase();
  const labels = n.split('.');
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i]!;
    if (i === 0 && wildcard && l === '*' && labels.length > 1) continue;
    if (!LABEL.test(l)) return undefined;
  }
  return n;
}

/** Valid dNSName constraint base: a hostname (no wildcard, no leading period, no trailing period). */
function dnsConstraintBase(base: string | undefined): string | undefined {
  return normalizeDns(base, false);
}

function dnsWithin(name: string, base: string): boolean {
  return name === base || name.endsWith('.' + base);
}

/** How a (possibly wildcard) DNS SAN relates to a dNSName subtree. */
function dnsPermitted(name: string, base: string): boolean {
  if (name.startsWith('*.')) {
    // every name *.S must lie in the subtree: S itself within base
    return dnsWithin(name.slice(2), base);
  }
  return dnsWithin(name, base);
}
function dnsExcluded(name: string, base: string): boolean {
  if (name.startsWith('*.')) {
    const s = name.slice(2);
    if (dnsWithin(s, base)) return true;
    // some single label L with L.S inside the subtree: base = L.S
    const dot = base.indexOf('.');
    return dot > 0 && base.slice(dot + 1) === s;
  }
  return dnsWithin(name, base);
}

// ---------------------------------------------------------------- email

interface Mailbox {
  local: string;
  host: string;
}
function parseMailbox(v: string | undefined): Mailbox | undefined {
  if (v === undefined) return undefined;
  const at = v.lastIndexOf('@');
  if (at <= 0 || at !== v.indexOf('@')) return undefined;
  const local = v.slice(0, at);
  const host = normalizeDns(v.slice(at + 1), false);
  if (!host || /[\s()<>,;:\\"[\]]/.test(local)) return undefined;
  return { local, host };
}

type EmailBase = { kind: 'mailbox'; m: Mailbox } | { kind: 'host'; host: string } | { kind: 'domain'; domain: string };
function parseEmailBase(v: string | undefined): EmailBase | undefined {
  if (v === undefined || v.length === 0) return undefined;
  if (v.includes('@')) {
    const m = parseMailbox(v);
    return m ? { kind: 'mailbox', m } : undefined;
  }
  if (v.startsWith('.')) {
    const d = normalizeDns(v.slice(1), false);
    return d ? { kind: 'domain', domain: d } : undefined;
  }
  const h = normalizeDns(v, false);
  return h ? { kind: 'host', host: h } : undefined;
}
function emailWithin(m: Mailbox, b: EmailBase): boolean {
  switch (b.kind) {
    case 'mailbox':
      return m.local === b.m.local && m.host === b.m.host;
    case 'host':
      return m.host === b.host;
    case 'domain':
      return m.host.endsWith('.' + b.domain);
  }
}

// ---------------------------------------------------------------- IP

function validMask(mask: Uint8Array): boolean {
  let seenZero = false;
  for (const byte of mask) {
    for (let bit = 7; bit >= 0; bit--) {
      const on = (byte >> bit) & 1;
      if (on && seenZero) return false;
      if (!on) seenZero = true;
    }
  }
  return true;
}
function ipWithin(addr: Uint8Array, base: Uint8Array): boolean {
  const n = addr.length;
  if (base.length !== 2 * n) return false;
  for (let i = 0; i < n; i++) if ((addr[i]! & base[n + i]!) !== (base[i]! & base[n + i]!)) return false;
  return true;
}
/** The other-family form of an address: a.b.c.d ↔ ::ffff:a.b.c.d (RFC 4291 §2.5.5.2); undefined when there is none. */
function ipv4MappedAlternate(addr: Uint8Array): Uint8Array | undefined {
  if (addr.length === 4) return Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, ...addr]);
  if (addr.length === 16 && addr.subarray(0, 10).every((b) => b === 0) && addr[10] === 0xff && addr[11] === 0xff) return addr.slice(12);
  return undefined;
}

// ---------------------------------------------------------------- constraint checking

export class ConstraintError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConstraintError';
  }
}

/** Validates the bases of a NameConstraints extension (throws ConstraintError on an invalid base). */
export function checkConstraintBases(nc: NameConstraints): void {
  for (const list of [nc.permitted, nc.excluded]) {
    for (const b of list ?? []) {
      if (b.kind === 'dns' && !dnsConstraintBase(b.value)) throw new ConstraintError(`invalid dNSName constraint ${JSON.stringify(b.value)}`);
      if (b.kind === 'ip' && ((b.bytes.length !== 8 && b.bytes.length !== 32) || !validMask(b.bytes.subarray(b.bytes.length / 2))))
        throw new ConstraintError(`invalid iPAddress constraint (${b.bytes.length} bytes or non-contiguous mask)`);
      if (b.kind === 'email' && !parseEmailBase(b.value)) throw new ConstraintError(`invalid rfc822Name constraint ${JSON.stringify(b.value)}`);
    }
  }
}

type Verdict = 'within' | 'outside' | 'other-type';

function relate(name: GeneralName, base: GeneralName, mode: 'permit' | 'exclude'): Verdict {
  if (name.kind !== base.kind) return 'other-type';
  switch (name.kind) {
    case 'dns': {
      const b = dnsConstraintBase((base as { value: string | undefined }).value)!;
      const n = normalizeDns(name.value, true);
      if (!n) throw new ConstraintError(`invalid dNSName ${JSON.stringify(name.value)} under a DNS name constraint`);
      return (mode === 'permit' ? dnsPermitted(n, b) : dnsExcluded(n, b)) ? 'within' : 'outside';
    }
    case 'email': {
      const m = parseMailbox(name.value);
      if (!m) throw new ConstraintError(`invalid rfc822Name ${JSON.stringify(name.value)} under an email name constraint`);
      return emailWithin(m, parseEmailBase((base as { value: string | undefined }).value)!) ? 'within' : 'outside';
    }
    case 'ip': {
      if (name.bytes.length !== 4 && name.bytes.length !== 16) throw new ConstraintError(`invalid iPAddress of ${name.bytes.length} bytes under an IP name constraint`);
      const b = (base as { bytes: Uint8Array }).bytes;
      if (ipWithin(name.bytes, b)) return 'within';
      // ::ffff:a.b.c.d reaches the same host as a.b.c.d: an excluded subtree of either family excludes both forms.
      const alt = mode === 'exclude' ? ipv4MappedAlternate(name.bytes) : undefined;
      return alt && ipWithin(alt, b) ? 'within' : 'outside';
    }
    case 'dn':
      return dnWithin(name.name, (base as { name: DistinguishedName }).name) ? 'within' : 'outside';
    case 'other': {
      const b = base as { typeId: string; der: Uint8Array };
      if (b.typeId !== name.typeId) return 'other-type';
      // An otherName of a constrained type cannot be interpreted: an exact match is within,
      // anything else of that type is rejected (RFC 5280: process the constraint or reject).
      if (equalBytes(b.der, name.der)) return 'within';
      throw new ConstraintError(`otherName ${name.typeId} under an otherName constraint of the same type cannot be processed`);
    }
    case 'uri':
      // URI constraints are not evaluated; a URI under a URI constraint fails closed.
      throw new ConstraintError('URI name constraints are not supported');
    default:
      throw new ConstraintError('unsupported GeneralName form under a name constraint');
  }
}

/** Throws ConstraintError when one of `names` is excluded or not permitted by `nc`. */
export function checkNames(names: GeneralName[], nc: NameConstraints, who: string): void {
  for (const name of names) {
    if (nc.excluded) {
      for (const b of nc.excluded) {
        if (relate(name, b, 'exclude') === 'within') throw new ConstraintError(`${who}: ${describe(name)} is in an excluded subtree`);
      }
    }
    if (nc.permitted) {
      let sameType = false;
      let ok = false;
      for (const b of nc.permitted) {
        const v = relate(name, b, 'permit');
        if (v === 'other-type') continue;
        sameType = true;
        if (v === 'within') {
          ok = true;
          break;
        }
      }
      if (sameType && !ok) throw new ConstraintError(`${who}: ${describe(name)} is outside the permitted subtrees`);
    }
  }
}

export function describe(n: GeneralName): string {
  switch (n.kind) {
    case 'dns':
      return `DNS:${n.value ?? '<non-ASCII>'}`;
    case 'email':
      return `email:${n.value ?? '<non-ASCII>'}`;
    case 'ip':
      return `IP:${formatIp(n.bytes)}`;
    case 'uri':
      return `URI:${n.value ?? '?'}`;
    case 'dn':
      return `DirName:${n.name.key}`;
    case 'other':
      return `otherName:${n.typeId}`;
    default:
      return `GeneralName[0x${n.tag.toString(16)}]`;
  }
}

export function formatIp(b: Uint8Array): string {
  if (b.length === 4) return Array.from(b).join('.');
  if (b.length === 16) {
    const parts: string[] = [];
    for (let i = 0; i < 16; i += 2) parts.push(((b[i]! << 8) | b[i + 1]!).toString(16));
    return parts.join(':');
  }
  return hex(b);
}

/** The canonical text of an address: dotted quad, or RFC 5952 IPv6 (lowercase, longest zero run of ≥ 2 groups compressed, first on ties). */
export function formatIpCanonical(b: Uint8Array): string | undefined {
  if (b.length === 4) return Array.from(b).join('.');
  if (b.length !== 16) return undefined;
  const g: number[] = [];
  for (let i = 0; i < 16; i += 2) g.push((b[i]! << 8) | b[i + 1]!);
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hexes = g.map((x) => x.toString(16));
  if (bestLen < 2) return hexes.join(':');
  return hexes.slice(0, bestStart).join(':') + '::' + hexes.slice(bestStart + bestLen).join(':');
}

// ---------------------------------------------------------------- peer names

/** IPv4 dotted quad (no leading zeros) or IPv6 text to bytes; undefined when not an address. */
export function parseIp(s: string): Uint8Array | undefined {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(s)) {
    const parts = s.split('.');
    const out = new Uint8Array(4);
    for (let i = 0; i < 4; i++) {
      const p = parts[i]!;
      if (p.length > 1 && p[0] === '0') return undefined;
      const n = Number(p);
      if (n > 255) return undefined;
      out[i] = n;
    }
    return out;
  }
  if (!s.includes(':') || !/^[0-9a-fA-F:.]+$/.test(s)) return undefined;
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const groups = (h: string): number[] | undefined => {
    if (h === '') return [];
    const out: number[] = [];
    const ps = h.split(':');
    for (let i = 0; i < ps.length; i++) {
      const p = ps[i]!;
      if (i === ps.length - 1 && p.includes('.')) {
        const v4 = parseIp(p);
        if (!v4 || v4.length !== 4) return undefined;
        out.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
      } else {
        if (!/^[0-9a-fA-F]{1,4}$/.test(p)) return undefined;
        out.push(parseInt(p, 16));
      }
    }
    return out;
  };
  const left = groups(halves[0]!);
  const right = halves.length === 2 ? groups(halves[1]!) : [];
  if (!left || !right) return undefined;
  let all: number[];
  if (halves.length === 2) {
    const fill = 8 - left.length - right.length;
    if (fill < 1) return undefined;
    all = [...left, ...new Array<number>(fill).fill(0), ...right];
  } else all = left;
  if (all.length !== 8) return undefined;
  const out = new Uint8Array(16);
  all.forEach((g, i) => {
    out[2 * i] = g >> 8;
    out[2 * i + 1] = g & 0xff;
  });
  return out;
}

/** DNS peer-name match against one SAN dNSName (wildcard only as the whole leftmost label, never matching the apex or more than one label). */
export function dnsMatches(peer: string, san: string | undefined, allowWildcard: boolean): boolean {
  const p = normalizeDns(peer.endsWith('.') ? peer.slice(0, -1) : peer, false);
  const s = normalizeDns(san, allowWildcard);
  if (!p || !s) return false;
  if (s === p) return true;
  if (s.startsWith('*.')) {
    const suffix = s.slice(1); // ".example.com"
    // at least two labels after the wildcard (no "*.com")
    if (suffix.split('.').length < 3) return false;
    if (!p.endsWith(suffix)) return false;
    const head = p.slice(0, p.length - suffix.length);
    return head.length > 0 && !head.includes('.');
  }
  return false;
}

export function emailMatches(peer: string, san: string | undefined): boolean {
  const a = parseMailbox(peer);
  const b = parseMailbox(san);
  return !!a && !!b && a.local === b.local && a.host === b.host;
}

// re-export for callers that only need the TLV reader
export { readTlv };
