// world wasi:crypto/imports@0.12.0-draft
export type * as WasiCryptoAsymmetricCommon0120Draft from './interfaces/wasi-crypto-asymmetric-common.js'; // import wasi:crypto/asymmetric-common@0.12.0-draft
export type * as WasiCryptoCertificates0120Draft from './interfaces/wasi-crypto-certificates.js'; // import wasi:crypto/certificates@0.12.0-draft
export type * as WasiCryptoCommon0120Draft from './interfaces/wasi-crypto-common.js'; // import wasi:crypto/common@0.12.0-draft
export type * as WasiCryptoExternalSecrets0120Draft from './interfaces/wasi-crypto-external-secrets.js'; // import wasi:crypto/external-secrets@0.12.0-draft
export type * as WasiCryptoKeySlots0120Draft from './interfaces/wasi-crypto-key-slots.js'; // import wasi:crypto/key-slots@0.12.0-draft
export type * as WasiCryptoKx0120Draft from './interfaces/wasi-crypto-kx.js'; // import wasi:crypto/kx@0.12.0-draft
export type * as WasiCryptoSignatures0120Draft from './interfaces/wasi-crypto-signatures.js'; // import wasi:crypto/signatures@0.12.0-draft
export type * as WasiCryptoSymmetric0120Draft from './interfaces/wasi-crypto-symmetric.js'; // import wasi:crypto/symmetric@0.12.0-draft
