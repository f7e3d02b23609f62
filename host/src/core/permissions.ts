/**
 * Key-usage permissions (seed 000's bitmask; WIT `flags key-permissions` in the same bit order).
 * docs/key-management.md has the table of which operation needs which permission.
 */
import { fail } from './errors.js';

export const PERMISSION_NAMES = [
  'encrypt',
  'decrypt',
  'wrap',
  'unwrap',
  'sign',
  'verify',
  'mac',
  'agree',
  'derive',
  'export',
  'import',
] as const;
export type PermissionName = (typeof PERMISSION_NAMES)[number];

export const PERMISSION: Readonly<Record<PermissionName, number>> = Object.freeze(
  Object.fromEntries(PERMISSION_NAMES.map((n, i) => [n, 1 << i])) as Record<PermissionName, number>,
);

export const ALL_PERMISSIONS = 0x7ff;
export const PERMISSION_PRESETS: Readonly<Record<string, number>> = Object.freeze({
  none: 0,
  'data-protection': 0x00f,
  authentication: 0x0f0,
  'full-lifecycle': 0x700,
  all: ALL_PERMISSIONS,
});

/** The WIT flags record (jco: an object of booleans). */
export type PermissionFlags = { [K in PermissionName]: boolean };

export function toFlags(bits: number): PermissionFlags {
  return Object.fromEntries(PERMISSION_NAMES.map((n) => [n, (bits & PERMISSION[n]) !== 0])) as PermissionFlags;
}

export function fromFlags(flags: Partial<Record<PermissionName, boolean | undefined>>): number {
  let bits = 0;
  for (const n of PERMISSION_NAMES) if (flags[n] === true) bits |= PERMISSION[n];
  return bits;
}

export function describe(bits: number): string {
  const names = PERMISSION_NAMES.filter((n) => (bits & PERMISSION[n]) !== 0);
  return names.length === 0 ? 'none' : names.join('|');
}

/** `prohibited-operation` unless `bits` has `needed`. */
export function requirePermission(bits: number, needed: PermissionName, what: string): void {
  if ((bits & PERMISSION[needed]) === 0) fail('prohibited-operation', `${what} needs the '${needed}' permission; this key has ${describe(bits)}`);
}

/** A narrowed set: `requested` must be a subset of `current`. */
export function narrow(current: number, requested: number): number {
  if ((requested & ~current) !== 0) {
    fail('prohibited-operation', `permissions can only be narrowed: ${describe(requested & ~current)} not held by this key (${describe(current)})`);
  }
  return requested;
}

/** The `permissions` u64 option (a bitmask), or `dflt`. */
export function permissionsOption(value: bigint | undefined, dflt: number): number {
  if (value === undefined) return dflt;
  if (value < 0n || value > BigInt(ALL_PERMISSIONS)) fail('unsupported-option', `permissions ${value} has bits outside 0x7ff`);
  return Number(value);
}
