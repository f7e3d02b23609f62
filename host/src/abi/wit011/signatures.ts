/** `wasi:crypto/wasi-ephemeral-crypto-signatures@0.11.0`: signatures and their states — over core/signatures.ts. */
import type * as GenCommon from '../../../generated-wit011/interfaces/wasi-crypto-wasi-ephemeral-crypto-common.js';
import type { HostContext } from '../../core/context.js';
import { SignatureCore, SignatureStateCore, VerificationStateCore } from '../../core/signatures.js';
import { arrayOutput } from './common.js';
import type { Resources } from './resources.js';

type Signature = GenCommon.Signature;
type SignatureState = GenCommon.SignatureState;
type SignatureVerificationState = GenCommon.SignatureVerificationState;

export function createSignatures(ctx: HostContext, r: Resources) {
  const { Keypair, Publickey, Signature, SignatureState, SignatureVerificationState } = r;
  return {
    signatureExport(signature: Signature, encoding: GenCommon.SignatureEncoding): GenCommon.ArrayOutput {
      return arrayOutput(r, Signature.of(signature).export(encoding));
    },
    signatureImport(algorithm: string, encoded: Uint8Array, encoding: GenCommon.SignatureEncoding): Signature {
      return Signature.wrap(SignatureCore.import(ctx, algorithm, encoded, encoding));
    },
    /** 0.11.0 has no options parameter here: the state is opened with no options (no ML-DSA context). */
    signatureStateOpen(kp: GenCommon.Keypair): SignatureState {
      return SignatureState.wrap(new SignatureStateCore(ctx, Keypair.of(kp), undefined));
    },
    signatureStateUpdate(state: SignatureState, input: Uint8Array): void {
      SignatureState.of(state).update(input);
    },
    signatureStateSign(state: SignatureState): Signature {
      return Signature.wrap(SignatureState.of(state).sign());
    },
    signatureStateClose(state: SignatureState): void {
      SignatureState.close(state);
    },
    signatureVerificationStateOpen(kp: GenCommon.Publickey): SignatureVerificationState {
      return SignatureVerificationState.wrap(new VerificationStateCore(ctx, Publickey.of(kp), undefined));
    },
    signatureVerificationStateUpdate(state: SignatureVerificationState, input: Uint8Array): void {
      SignatureVerificationState.of(state).update(input);
    },
    signatureVerificationStateVerify(state: SignatureVerificationState, signature: Signature): void {
      SignatureVerificationState.of(state).verify(Signature.of(signature));
    },
    signatureVerificationStateClose(state: SignatureVerificationState): void {
      SignatureVerificationState.close(state);
    },
    signatureClose(signature: Signature): void {
      Signature.close(signature);
    },
  };
}
