/**
 * Options sets, typed by algorithm family, with the specification's option names.
 * Which names an individual algorithm accepts is checked when the options are used.
 */
import { fail } from './errors.js';

export type AlgorithmType = 'signatures' | 'symmetric' | 'key-exchange';

type OptionKind = 'bytes' | 'u64';

const KNOWN: Readonly<Record<AlgorithmType, Readonly<Record<string, OptionKind>>>> = Object.freeze({
  symmetric: Object.freeze(
    Object.assign(Object.create(null), {
      nonce: 'bytes',
      context: 'bytes',
      salt: 'bytes',
      memory_limit: 'u64',
      ops_limit: 'u64',
      parallelism: 'u64',
      // Coined for scrypt's block size r (the specification names no option for it).
      block_size: 'u64',
      // Key-usage permissions of a generated key (seed 000; docs/key-management.md).
      permissions: 'u64',
    }) as Record<string, OptionKind>,
  ),
  signatures: Object.freeze(Object.assign(Object.create(null), { context: 'bytes', permissions: 'u64' }) as Record<string, OptionKind>),
  'key-exchange': Object.freeze(Object.assign(Object.create(null), { context: 'bytes', permissions: 'u64' }) as Record<string, OptionKind>),
});

function kindOf(type: AlgorithmType, name: string): OptionKind | undefined {
  const t = KNOWN[type];
  return Object.prototype.hasOwnProperty.call(t, name) ? t[name] : undefined;
}

/** The values of an options set. Byte values are copies owned by this object. */
export class OptionValues {
  readonly type: AlgorithmType;
  readonly #bytes = new Map<string, Uint8Array>();
  readonly #ints = new Map<string, bigint>();
  readonly #maxBytes: number;

  constructor(type: AlgorithmType, maxBytes: number) {
    this.type = type;
    this.#maxBytes = maxBytes;
  }

  setBytes(name: string, value: Uint8Array): void {
    if (kindOf(this.type, name) !== 'bytes') fail('unsupported-option', `${this.type} option ${JSON.stringify(name)} takes no byte string`);
    if (value.length > this.#maxBytes) fail('invalid-length', `option ${name} is ${value.length} bytes; the limit is ${this.#maxBytes}`);
    this.#bytes.get(name)?.fill(0);
    this.#bytes.set(name, Uint8Array.from(value));
  }

  setU64(name: string, value: bigint): void {
    if (kindOf(this.type, name) !== 'u64') fail('unsupported-option', `${this.type} option ${JSON.stringify(name)} takes no integer`);
    this.#ints.set(name, value);
  }

  getBytes(name: string): Uint8Array {
    if (kindOf(this.type, name) !== 'bytes') fail('unsupported-option', `${this.type} option ${JSON.stringify(name)} is not a byte string`);
    const v = this.#bytes.get(name);
    if (v === undefined) fail('option-not-set', name);
    return Uint8Array.from(v);
  }

  getU64(name: string): bigint {
    if (kindOf(this.type, name) !== 'u64') fail('unsupported-option', `${this.type} option ${JSON.stringify(name)} is not an integer`);
    const v = this.#ints.get(name);
    if (v === undefined) fail('option-not-set', name);
    return v;
  }

  hasBytes(name: string): boolean {
    return this.#bytes.has(name);
  }

  /** The byte value of `name` (a copy), or undefined when it is not set. */
  bytesOrUndefined(name: string): Uint8Array | undefined {
    const v = this.#bytes.get(name);
    return v === undefined ? undefined : Uint8Array.from(v);
  }

  /** The integer value of `name`, or undefined when it is not set. */
  u64OrUndefined(name: string): bigint | undefined {
    return this.#ints.get(name);
  }

  /** Names set, for checking them against what an algorithm accepts. */
  names(): string[] {
    return [...this.#bytes.keys(), ...this.#ints.keys()];
  }

  /** A snapshot copy (states copy options at open, so later changes to the set do not leak in). */
  snapshot(): OptionValues {
    const o = new OptionValues(this.type, this.#maxBytes);
    for (const [k, v] of this.#bytes) o.#bytes.set(k, Uint8Array.from(v));
    for (const [k, v] of this.#ints) o.#ints.set(k, v);
    return o;
  }

  /** Wipes byte values (nonces, salts, contexts). */
  clear(): void {
    for (const v of this.#bytes.values()) v.fill(0);
    this.#bytes.clear();
    this.#ints.clear();
  }
}

/** Rejects any option the algorithm does not accept. */
/** Whether `name` is a byte-string option (false: an integer option) of `type`; undefined if unknown. */
export function optionKind(type: AlgorithmType, name: string): OptionKind | undefined {
  return kindOf(type, name);
}

export function checkAccepted(options: OptionValues | undefined, accepted: readonly string[], algorithm: string): void {
  if (!options) return;
  for (const n of options.names()) {
    if (!accepted.includes(n)) fail('unsupported-option', `${algorithm} does not accept option ${JSON.stringify(n)}`);
  }
}
