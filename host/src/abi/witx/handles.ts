/**
 * The per-instance u32 handle table of the witx adapter. Handles are never 0 and are handed out
 * in increasing order, so a handle below the next one that is no longer live was closed:
 * closing it again is `closed`, any other use `invalid_handle` (as the witx errno docs say). A
 * handle of another type is `invalid_handle`. More than `max` live handles is `too_many_handles`.
 */
import { Errno, fault } from './errno.js';

export type WitxKind =
  | 'options'
  | 'secrets_manager'
  | 'array_output'
  | 'symmetric_key'
  | 'symmetric_state'
  | 'symmetric_tag'
  | 'keypair'
  | 'publickey'
  | 'secretkey'
  | 'signature'
  | 'signature_state'
  | 'signature_verification_state';

interface Entry {
  kind: WitxKind;
  obj: unknown;
  /** Releases what the handle holds (the resource's dispose). */
  close: () => void;
}

export class HandleTable {
  readonly #entries = new Map<number, Entry>();
  readonly #max: number;
  #next = 1;
  #wrapped = false;

  constructor(max: number) {
    this.#max = max;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** Fails with `too_many_handles` if no handle can be added now (check before creating objects). */
  reserve(count = 1): void {
    if (this.#entries.size + count > this.#max) fault(Errno.too_many_handles, `limit of ${this.#max} live handles reached`);
  }

  /** Adds an object; on `too_many_handles` it is closed first, so nothing leaks. */
  add(kind: WitxKind, obj: unknown, close: () => void): number {
    if (this.#entries.size >= this.#max) {
      close();
      fault(Errno.too_many_handles, `limit of ${this.#max} live handles reached`);
    }
    let h = this.#next;
    while (this.#entries.has(h)) h = h === 0xffffffff ? 1 : h + 1;
    this.#next = h === 0xffffffff ? 1 : h + 1;
    if (this.#next === 1) this.#wrapped = true;
    this.#entries.set(h, { kind, obj, close });
    return h;
  }

  #wasIssued(h: number): boolean {
    return h !== 0 && (this.#wrapped || h < this.#next);
  }

  get<T>(handle: number, kind: WitxKind): T {
    const h = handle >>> 0;
    const e = this.#entries.get(h);
    if (e === undefined) fault(Errno.invalid_handle, this.#wasIssued(h) ? `handle ${h} was closed` : `handle ${h} was never issued`);
    if (e.kind !== kind) fault(Errno.invalid_handle, `handle ${h} is a ${e.kind}, not a ${kind}`);
    return e.obj as T;
  }

  /** The kind of a live handle, or undefined. */
  kindOf(handle: number): WitxKind | undefined {
    return this.#entries.get(handle >>> 0)?.kind;
  }

  /** Closes a handle of `kind`: a handle closed before is `closed`, an unknown one `invalid_handle`. */
  close(handle: number, kind: WitxKind): void {
    const h = handle >>> 0;
    const e = this.#entries.get(h);
    if (e === undefined) fault(this.#wasIssued(h) ? Errno.closed : Errno.invalid_handle, `handle ${h} is not open`);
    if (e.kind !== kind) fault(Errno.invalid_handle, `handle ${h} is a ${e.kind}, not a ${kind}`);
    this.#entries.delete(h);
    e.close();
  }

  /** Removes a handle without closing what it holds (the object moved elsewhere). */
  forget(handle: number): void {
    this.#entries.delete(handle >>> 0);
  }

  /** Every live handle with its kind, in issue order. */
  list(): { handle: number; kind: WitxKind }[] {
    return [...this.#entries].map(([handle, e]) => ({ handle, kind: e.kind }));
  }

  /** Live handles per kind. */
  snapshot(): Partial<Record<WitxKind, number>> {
    const out: Partial<Record<WitxKind, number>> = {};
    for (const e of this.#entries.values()) out[e.kind] = (out[e.kind] ?? 0) + 1;
    return out;
  }

  /** Closes every handle (instance teardown). */
  closeAll(): void {
    const entries = [...this.#entries.values()];
    this.#entries.clear();
    for (const e of entries) e.close();
  }
}
