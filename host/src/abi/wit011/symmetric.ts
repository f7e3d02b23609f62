/** `wasi:crypto/wasi-ephemeral-crypto-symmetric@0.11.0`: keys, states, tags — over core/symmetric.ts. */
import type * as GenCommon from '../../../generated-wit011/interfaces/wasi-crypto-wasi-ephemeral-crypto-common.js';
import type { HostContext } from '../../core/context.js';
import { fail } from '../../core/errors.js';
import type { SymmetricAlgorithm } from '../../core/registry.js';
import { fromHex } from '../../core/secrets.js';
import { SymmetricKeyCore, SymmetricStateCore, verifyTag } from '../../core/symmetric.js';
import { checkOutLen } from '../../interfaces/support.js';
import { arrayOutput, versionIn, versionOut } from './common.js';
import type { Resources } from './resources.js';

type Options = GenCommon.Options;
type SymmetricKey = GenCommon.SymmetricKey;
type SymmetricState = GenCommon.SymmetricState;
type SymmetricTag = GenCommon.SymmetricTag;
type SecretsManager = GenCommon.SecretsManager;
type Version = GenCommon.Version;

const HASH_LEN = { 'SHA-256': 32, 'SHA-384': 48, 'SHA-512': 64 } as const;

/**
 * What `symmetric-state-squeeze` returns, as 0.11.0's squeeze has no output length (README.md,
 * "Choices"): a hash its full digest; a XOF its conventional length (SHAKE-128, cSHAKE-128 and
 * BLAKE3 32 bytes, SHAKE-256 and cSHAKE-256 64 bytes, the same default as our one-shot `hash`);
 * HKDF-EXPAND HashLen bytes (as the upstream WIT's reference host); PBKDF2 HashLen; scrypt and
 * Argon2id 32 bytes. Every other kind answers the core's `invalid-operation` (length 0 is passed).
 */
export function defaultSqueezeLength(alg: SymmetricAlgorithm): number {
  switch (alg.kind) {
    case 'hash':
      return alg.outLen;
    case 'xof':
      return alg.defaultLen;
    case 'hkdf-expand':
      return alg.hashLen;
    case 'pbkdf2':
      return HASH_LEN[alg.hash];
    case 'scrypt':
    case 'argon2id':
      return 32;
    default:
      return 0;
  }
}

export function createSymmetric(ctx: HostContext, r: Resources) {
  const { Options, SecretsManager, SymmetricKey, SymmetricState, SymmetricTag } = r;

  return {
    symmetricKeyGenerate(algorithm: string, options: Options | undefined): SymmetricKey {
      return SymmetricKey.wrap(SymmetricKeyCore.generate(ctx, algorithm, Options.ofOptional(options)));
    },
    symmetricKeyImport(algorithm: string, raw: Uint8Array): SymmetricKey {
      return SymmetricKey.wrap(SymmetricKeyCore.import(ctx, algorithm, raw));
    },
    symmetricKeyExport(symmetricKey: SymmetricKey): GenCommon.ArrayOutput {
      return arrayOutput(r, SymmetricKey.of(symmetricKey).exportRaw());
    },
    symmetricKeyClose(symmetricKey: SymmetricKey): void {
      SymmetricKey.close(symmetricKey);
    },
    symmetricKeyGenerateManaged(secretsManager: SecretsManager, algorithm: string, options: Options | undefined): SymmetricKey {
      return SymmetricKey.wrap(SecretsManager.of(secretsManager).generateSymmetric(algorithm, Options.ofOptional(options)));
    },
    symmetricKeyStoreManaged(secretsManager: SecretsManager, symmetricKey: SymmetricKey): Uint8Array {
      return SecretsManager.of(secretsManager).storeSymmetric(SymmetricKey.of(symmetricKey));
    },
    /** Takes ownership of `symmetricKeyOld`: its handle is closed whether or not the replacement succeeds. */
    symmetricKeyReplaceManaged(secretsManager: SecretsManager, symmetricKeyOld: SymmetricKey, symmetricKeyNew: SymmetricKey): Version {
      try {
        const sm = SecretsManager.of(secretsManager);
        return versionOut(sm.replaceSymmetric(SymmetricKey.of(symmetricKeyOld), SymmetricKey.of(symmetricKeyNew)));
      } finally {
        SymmetricKey.consume(symmetricKeyOld);
      }
    },
    symmetricKeyId(symmetricKey: SymmetricKey): [Uint8Array, Version] {
      const m = SymmetricKey.of(symmetricKey).managed ?? fail('unsupported-feature', 'this key is not managed');
      return [fromHex(m.id), versionOut(m.version)];
    },
    symmetricKeyFromId(secretsManager: SecretsManager, symmetricKeyId: Uint8Array, symmetricKeyVersion: Version): SymmetricKey {
      return SymmetricKey.wrap(SecretsManager.of(secretsManager).symmetricFromId(symmetricKeyId, versionIn(symmetricKeyVersion)));
    },

    symmetricStateOpen(algorithm: string, key: SymmetricKey | undefined, options: Options | undefined): SymmetricState {
      return SymmetricState.wrap(SymmetricStateCore.open(ctx, algorithm, SymmetricKey.ofOptional(key), Options.ofOptional(options)));
    },
    symmetricStateOptionsGet(state: SymmetricState, name: string): Uint8Array {
      return SymmetricState.of(state).optionsGet(name);
    },
    symmetricStateOptionsGetU64(state: SymmetricState, name: string): bigint {
      return SymmetricState.of(state).optionsGetU64(name);
    },
    symmetricStateClone(state: SymmetricState): SymmetricState {
      return SymmetricState.wrap(SymmetricState.of(state).clone());
    },
    symmetricStateClose(state: SymmetricState): void {
      SymmetricState.close(state);
    },
    symmetricStateAbsorb(state: SymmetricState, data: Uint8Array): void {
      SymmetricState.of(state).absorb(data);
    },
    symmetricStateSqueeze(state: SymmetricState): Uint8Array {
      const core = SymmetricState.of(state);
      const n = defaultSqueezeLength(core.alg);
      return core.squeeze(checkOutLen(ctx, Math.min(n, ctx.limits.maxOutputBytes)));
    },
    symmetricStateSqueezeTag(state: SymmetricState): SymmetricTag {
      return SymmetricTag.wrap(SymmetricState.of(state).squeezeTag());
    },
    symmetricStateSqueezeKey(state: SymmetricState, algStr: string): SymmetricKey {
      return SymmetricKey.wrap(SymmetricState.of(state).squeezeKey(algStr));
    },
    symmetricStateMaxTagLen(state: SymmetricState): number {
      return SymmetricState.of(state).maxTagLen();
    },
    symmetricStateEncrypt(state: SymmetricState, data: Uint8Array): Uint8Array {
      return SymmetricState.of(state).encrypt(data);
    },
    symmetricStateEncryptDetached(state: SymmetricState, data: Uint8Array): [Uint8Array, SymmetricTag] {
      const core = SymmetricState.of(state);
      // Reserve the tag's handle first: the state encrypts only once (as in interfaces/symmetric.ts).
      ctx.handles.acquire('symmetric-tag');
      let out: { ciphertext: Uint8Array; tag: Uint8Array };
      try {
        out = core.encryptDetached(data);
      } catch (e) {
        ctx.handles.release('symmetric-tag');
        throw e;
      }
      return [out.ciphertext, SymmetricTag.wrapReserved(out.tag)];
    },
    /**
     * `out-len` is the plaintext length (README.md, "Choices"): more than `data` → `overflow` (as
     * the reference host); an AEAD whose tag would not be exactly its tag length → `invalid-tag`
     * before anything is decrypted; a cipher whose plaintext is not `out-len` bytes → `invalid-length`
     * (the plaintext is wiped, nothing is returned).
     */
    symmetricStateDecrypt(state: SymmetricState, data: Uint8Array, outLen: number): Uint8Array {
      const core = SymmetricState.of(state);
      if (!Number.isInteger(outLen) || outLen < 0) fail('guest-error', `bad length ${outLen}`);
      if (outLen > data.length) fail('overflow', `out-len ${outLen} exceeds the ${data.length}-byte input`);
      const alg = core.alg;
      if (alg.kind === 'aead' && data.length - outLen !== alg.tagLen) {
        fail('invalid-tag', `${alg.name} tags are ${alg.tagLen} bytes; out-len ${outLen} leaves ${data.length - outLen}`);
      }
      const plain = core.decrypt(data);
      if (plain.length !== outLen) {
        plain.fill(0);
        fail('invalid-length', `the plaintext is not ${outLen} bytes`);
      }
      return plain;
    },
    symmetricStateDecryptDetached(state: SymmetricState, data: Uint8Array, rawTag: Uint8Array): Uint8Array {
      return SymmetricState.of(state).decryptDetached(data, rawTag);
    },
    symmetricStateRatchet(state: SymmetricState): void {
      SymmetricState.of(state).ratchet();
    },
    symmetricTagLen(symmetricTag: SymmetricTag): number {
      return SymmetricTag.of(symmetricTag).length;
    },
    /** Takes ownership: the tag's bytes, then the handle is gone (the bytes are wiped). */
    symmetricTagPull(symmetricTag: SymmetricTag): Uint8Array {
      const out = Uint8Array.from(SymmetricTag.of(symmetricTag));
      SymmetricTag.close(symmetricTag);
      return out;
    },
    symmetricTagVerify(symmetricTag: SymmetricTag, expectedRawTag: Uint8Array): void {
      verifyTag(SymmetricTag.of(symmetricTag), expectedRawTag);
    },
    symmetricTagClose(symmetricTag: SymmetricTag): void {
      SymmetricTag.close(symmetricTag);
    },
  };
}
