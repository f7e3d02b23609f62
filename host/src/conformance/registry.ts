/**
 * The schema handlers, keyed by the `schema` field of a Wycheproof file (with or without its
 * `.json` suffix). Adding a schema family (signatures, key exchange) = one module under
 * `schemas/` plus one entry in `HANDLERS`.
 * @module
 */
import { aeadHandler } from './schemas/aead.js';
import { hkdfHandler } from './schemas/hkdf.js';
import { indCpaHandler } from './schemas/ind-cpa.js';
import { macHandler } from './schemas/mac.js';
import { pbkdfHandler } from './schemas/pbkdf.js';
import type { SchemaHandler } from './types.js';

const HANDLERS: readonly SchemaHandler[] = Object.freeze([aeadHandler, indCpaHandler, macHandler, hkdfHandler, pbkdfHandler]);

const BY_SCHEMA: ReadonlyMap<string, SchemaHandler> = (() => {
  const m = new Map<string, SchemaHandler>();
  for (const h of HANDLERS) {
    for (const s of h.schemas) {
      if (m.has(s)) throw new Error(`schema ${s} has two handlers (${m.get(s)!.family}, ${h.family})`);
      m.set(s, h);
    }
  }
  return m;
})();

/** `aead_test_schema_v1.json` → `aead_test_schema_v1`. */
export function normalizeSchema(schema: string): string {
  return schema.endsWith('.json') ? schema.slice(0, -'.json'.length) : schema;
}

export function handlerForSchema(schema: string): SchemaHandler | undefined {
  return BY_SCHEMA.get(normalizeSchema(schema));
}

/** Every schema the runner knows, for messages. */
export function supportedSchemas(): string[] {
  return [...BY_SCHEMA.keys()].sort();
}
