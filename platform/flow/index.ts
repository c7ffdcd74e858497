// dropline's Flow access layer: REST client, signing, JSON-Cadence, typed errors.
export { arg, compositeTypeId, decodeCadence, type CadenceJson, type DecodedValue } from './cadence';
export { createFlowClient, throwIfFailed, type FlowClient, type FlowClientOptions, type SignedTransaction, type TransactionRequest } from './client';
export { normalizeAddress, transactionId } from './encoding';
export { classifyFlowMessage, flowErrorCode, FlowError, isFlowError, type FlowErrorDetails, type FlowErrorKind } from './errors';
export { generateKeyPair, privateKeySigner, publicKeyFromPrivate, signMessage, verifySignature, type FlowKeyPair, type KeySigner } from './keys';
export type { AccountKey, FlowAccount, FlowBlock, FlowEvent, TransactionResult, TransactionStatus } from './models';
