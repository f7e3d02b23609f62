/**
 * Resource bookkeeping for one probe: everything the probe creates (keys, states, tags, options)
 * is disposed afterwards in reverse order, as jco does when a guest drops its handles.
 * @module
 */

/** Thrown by a probe when the host's answers disagree with each other (not a host error). */
export class OutputMismatch extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutputMismatch';
  }
}

export class Scope {
  readonly #items: { what: string; obj: object }[] = [];

  /** Registers `obj` for disposal and returns it. */
  add<T extends object>(obj: T, what = obj.constructor.name): T {
    this.#items.push({ what, obj });
    return obj;
  }

  /**
   * Disposes every registered resource, newest first, and returns a description of each disposal
   * that threw or was impossible (an empty list when all went well).
   */
  dispose(): string[] {
    const problems: string[] = [];
    for (let i = this.#items.length - 1; i >= 0; i--) {
      const { what, obj } = this.#items[i]!;
      const dispose = (obj as { [Symbol.dispose]?: unknown })[Symbol.dispose];
      if (typeof dispose !== 'function') {
        problems.push(`${what} has no [Symbol.dispose]() method`);
        continue;
      }
      try {
        dispose.call(obj);
      } catch (e) {
        problems.push(`disposing ${what} threw ${describeThrown(e)}`);
      }
    }
    this.#items.length = 0;
    return problems;
  }
}

/** A short description of a thrown value, for messages. */
export function describeThrown(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  if (typeof e === 'object' && e !== null) {
    try {
      return `a non-Error object ${JSON.stringify(e)}`;
    } catch {
      return 'a non-Error object';
    }
  }
  return `${typeof e} ${String(e)}`;
}
