// world wasi:crypto/imports-with-batch@0.11.0
export type * as WasiCryptoWasiEphemeralCryptoAsymmetricCommon0110 from './interfaces/wasi-crypto-wasi-ephemeral-crypto-asymmetric-common.js'; // import wasi:crypto/wasi-ephemeral-crypto-asymmetric-common@0.11.0
export type * as WasiCryptoWasiEphemeralCryptoCommon0110 from './interfaces/wasi-crypto-wasi-ephemeral-crypto-common.js'; // import wasi:crypto/wasi-ephemeral-crypto-common@0.11.0
export type * as WasiCryptoWasiEphemeralCryptoExternalSecrets0110 from './interfaces/wasi-crypto-wasi-ephemeral-crypto-external-secrets.js'; // import wasi:crypto/wasi-ephemeral-crypto-external-secrets@0.11.0
export type * as WasiCryptoWasiEphemeralCryptoKx0110 from './interfaces/wasi-crypto-wasi-ephemeral-crypto-kx.js'; // import wasi:crypto/wasi-ephemeral-crypto-kx@0.11.0
export type * as WasiCryptoWasiEphemeralCryptoSignaturesBatch0110 from './interfaces/wasi-crypto-wasi-ephemeral-crypto-signatures-batch.js'; // import wasi:crypto/wasi-ephemeral-crypto-signatures-batch@0.11.0
export type * as WasiCryptoWasiEphemeralCryptoSignatures0110 from './interfaces/wasi-crypto-wasi-ephemeral-crypto-signatures.js'; // import wasi:crypto/wasi-ephemeral-crypto-signatures@0.11.0
export type * as WasiCryptoWasiEphemeralCryptoSymmetricBatch0110 from './interfaces/wasi-crypto-wasi-ephemeral-crypto-symmetric-batch.js'; // import wasi:crypto/wasi-ephemeral-crypto-symmetric-batch@0.11.0
export type * as WasiCryptoWasiEphemeralCryptoSymmetric0110 from './interfaces/wasi-crypto-wasi-ephemeral-crypto-symmetric.js'; // import wasi:crypto/wasi-ephemeral-crypto-symmetric@0.11.0
