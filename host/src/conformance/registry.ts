/**
 * The schema handlers, keyed by the `schema` field of a Wycheproof file (with or without its
 * `.json` suffix). Adding a schema family = one module under `schemas/` plus one entry in
 * `HANDLERS`.
 * @module
 */
import { aeadHandler } from './schemas/aead.js';
import { hkdfHandler } from './schemas/hkdf.js';
import { indCpaHandler } from './schemas/ind-cpa.js';
import { ecdhHandler, xdhHandler } from './schemas/kx-dh.js';
import { macHandler } from './schemas/mac.js';
import { mldsaSignNoSeedHandler, mldsaSignSeedHandler, mldsaVerifyHandler } from './schemas/mldsa.js';
import { mlkemEncapsHandler, mlkemHandler } from './schemas/mlkem.js';
import { pbkdfHandler } from './schemas/pbkdf.js';
import { ecdsaP1363VerifyHandler, ecdsaVerifyHandler, eddsaVerifyHandler, rsaPkcs1VerifyHandler, rsaPssVerifyHandler } from './schemas/sig-verify.js';
import type { SchemaHandler } from './types.js';

const HANDLERS: readonly SchemaHandler[] = Object.freeze([
  // symmetric
  aeadHandler,
  indCpaHandler,
  macHandler,
  hkdfHandler,
  pbkdfHandler,
  // signatures
  eddsaVerifyHandler,
  ecdsaVerifyHandler,
  ecdsaP1363VerifyHandler,
  rsaPkcs1VerifyHandler,
  rsaPssVerifyHandler,
  mldsaVerifyHandler,
  mldsaSignSeedHandler,
  mldsaSignNoSeedHandler,
  // key exchange
  xdhHandler,
  ecdhHandler,
  mlkemHandler,
  mlkemEncapsHandler,
]);

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
