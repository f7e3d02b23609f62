/**
 * The twelve resource types of `wasi:crypto@0.11.0` (all declared in its `common` interface), as
 * one class each per host. 0.11.0 has no methods: every operation is a free function of some
 * interface that borrows or takes ownership of these handles.
 *
 * Handles: the canonical ABI numbers a guest's handles (u32) in per-instance tables that jco
 * keeps for each `instantiate()`; the host sees the objects below. Each object holds one core
 * object, is counted in the host's handle accounting (so the `maxHandles` limit answers
 * `too-many-handles` and disposing the host wipes everything), and is released when the guest
 * closes it (`*-close`, `*-pull`, `*-replace-managed` take ownership) or drops it (jco calls
 * `[Symbol.dispose]`). A handle of another host, of another type, or already closed answers
 * `invalid-handle`; closing a closed handle answers `closed` (reachable only from JS: the canonical
 * ABI refuses a guest's dead handle before the host is called).
 */
import type { KeypairCore, PublicKeyCore, SecretKeyCore } from '../../core/asymmetric.js';
import type { HostContext, ResourceKind } from '../../core/context.js';
import { fail } from '../../core/errors.js';
import type { OptionValues } from '../../core/options.js';
import type { SecretsManagerCore } from '../../core/secrets.js';
import type { SignatureCore, SignatureStateCore, VerificationStateCore } from '../../core/signatures.js';
import type { SymmetricKeyCore, SymmetricStateCore } from '../../core/symmetric.js';
import { adopt } from '../../interfaces/support.js';

/** A resource class of the adapter (the statics the interface functions use). */
export interface ResourceClass<C> {
  /** Throws TypeError: 0.11.0 resources have no constructor (jco's types declare it private). */
  new (): Disposable;
  readonly prototype: Disposable;
  readonly kind: ResourceKind;
  /** Wraps `core` in a new counted handle; if the handle limit is reached, `cleanup` (default: release `core`) runs and `too-many-handles` is thrown. */
  wrap(core: C, cleanup?: () => void): Disposable;
  /** Like `wrap` for a handle already counted with `ctx.handles.acquire(kind)`. */
  wrapReserved(core: C): Disposable;
  /** The core object of a live handle of this type and host, else `invalid-handle`. */
  of(handle: unknown): C;
  /** Like `of` for an optional parameter (`undefined` stays `undefined`). */
  ofOptional(handle: unknown): C | undefined;
  /** `*-close`: `closed` if already closed, `invalid-handle` if not a handle of this type and host. */
  close(handle: unknown): void;
  /** Closes an owned handle parameter if it is one of ours and still open; anything else is left alone. */
  consume(handle: unknown): void;
}

function defineResource<C>(ctx: HostContext, name: string, kind: ResourceKind, release: (core: C) => void): ResourceClass<C> {
  class Resource {
    #core: C | undefined;
    #known = true;

    private constructor(core?: C) {
      if (core === undefined) throw new TypeError(`${name} has no public constructor`);
      this.#core = core;
    }

    static readonly kind: ResourceKind = kind;

    static wrap(core: C, cleanup: () => void = () => release(core)): Resource {
      return adopt(ctx, kind, cleanup, () => new Resource(core));
    }

    static wrapReserved(core: C): Resource {
      const r = new Resource(core);
      ctx.handles.track(r);
      return r;
    }

    static #own(handle: unknown): Resource {
      if (typeof handle !== 'object' || handle === null || !(#known in handle)) {
        fail('invalid-handle', `not a ${kind} handle of this host`);
      }
      return handle as Resource;
    }

    static of(handle: unknown): C {
      const core = Resource.#own(handle).#core;
      if (core === undefined) fail('invalid-handle', `this ${kind} handle is closed`);
      return core;
    }

    static ofOptional(handle: unknown): C | undefined {
      return handle === undefined ? undefined : Resource.of(handle);
    }

    static close(handle: unknown): void {
      const r = Resource.#own(handle);
      if (r.#core === undefined) fail('closed', `this ${kind} handle was already closed`);
      r[Symbol.dispose]();
    }

    /**
     * Closes an owned handle parameter if it is one of ours and still open (for functions that
     * take ownership and must not leak it on failure); anything else is left alone.
     */
    static consume(handle: unknown): void {
      if (typeof handle === 'object' && handle !== null && #known in handle) (handle as Resource)[Symbol.dispose]();
    }

    [Symbol.dispose](): void {
      const core = this.#core;
      if (core === undefined) return;
      this.#core = undefined;
      try {
        release(core);
      } finally {
        ctx.handles.release(kind, this);
      }
    }
  }
  Object.defineProperty(Resource, 'name', { value: name });
  return Resource as unknown as ResourceClass<C>;
}

export interface Resources {
  ArrayOutput: ResourceClass<Uint8Array>;
  Options: ResourceClass<OptionValues>;
  SecretsManager: ResourceClass<SecretsManagerCore>;
  Keypair: ResourceClass<KeypairCore>;
  Publickey: ResourceClass<PublicKeyCore>;
  Secretkey: ResourceClass<SecretKeyCore>;
  Signature: ResourceClass<SignatureCore>;
  SignatureState: ResourceClass<SignatureStateCore>;
  SignatureVerificationState: ResourceClass<VerificationStateCore>;
  SymmetricKey: ResourceClass<SymmetricKeyCore>;
  SymmetricState: ResourceClass<SymmetricStateCore>;
  SymmetricTag: ResourceClass<Uint8Array>;
}

/** Creates the resource classes of one host (never shared between hosts). */
export function createResources(ctx: HostContext): Resources {
  const wipe = (b: Uint8Array) => {
    b.fill(0);
  };
  const nothing = () => {};
  return {
    ArrayOutput: defineResource<Uint8Array>(ctx, 'ArrayOutput', 'array-output', wipe),
    Options: defineResource<OptionValues>(ctx, 'Options', 'options', (o) => o.clear()),
    SecretsManager: defineResource<SecretsManagerCore>(ctx, 'SecretsManager', 'secrets-manager', nothing),
    Keypair: defineResource<KeypairCore>(ctx, 'Keypair', 'keypair', (k) => k.release()),
    Publickey: defineResource<PublicKeyCore>(ctx, 'Publickey', 'publickey', nothing),
    Secretkey: defineResource<SecretKeyCore>(ctx, 'Secretkey', 'secretkey', (k) => k.release()),
    Signature: defineResource<SignatureCore>(ctx, 'Signature', 'signature', nothing),
    SignatureState: defineResource<SignatureStateCore>(ctx, 'SignatureState', 'signature-state', (s) => s.dispose()),
    SignatureVerificationState: defineResource<VerificationStateCore>(
      ctx,
      'SignatureVerificationState',
      'signature-verification-state',
      (s) => s.dispose(),
    ),
    SymmetricKey: defineResource<SymmetricKeyCore>(ctx, 'SymmetricKey', 'symmetric-key', (k) => k.release()),
    SymmetricState: defineResource<SymmetricStateCore>(ctx, 'SymmetricState', 'symmetric-state', (s) => s.dispose()),
    SymmetricTag: defineResource<Uint8Array>(ctx, 'SymmetricTag', 'symmetric-tag', wipe),
  };
}

