// A small Flow access client over the REST API: accounts, blocks, scripts, signed transactions.
import { Buffer } from 'node:buffer';
import { decodeCadence, type CadenceJson, type DecodedValue } from './cadence';
import { addressBytes, envelopeMessage, normalizeAddress, payloadMessage, sortSignatures, transactionId, type TransactionPayload, type TransactionSignatureEntry } from './encoding';
import { classifyFlowMessage, FlowError, type FlowErrorKind } from './errors';
import { createHttp, type HttpRequest } from './http';
import { bytesToHex, strip0x, type KeySigner } from './keys';
import { parseAccount, parseBlock, parseTransactionResult, type FlowAccount, type FlowBlock, type TransactionResult } from './models';

export interface FlowClientOptions {
  /** Base URL of the access node's REST API, e.g. http://127.0.0.1:8888. */
  accessUrl: string;
  /** Timeout of each HTTP call; default 10s. */
  timeoutMs?: number;
  /** Interval between transaction status polls; default 250ms. */
  pollIntervalMs?: number;
  fetch?: typeof fetch;
}

export interface TransactionRequest {
  code: string;
  args?: CadenceJson[];
  proposer: { address: string; keyIndex: number; sequenceNumber: number };
  payer: string;
  authorizers: string[];
  /** One signer per (address, key index) that signs: the proposal key, the payer's key(s), each authorizer's key(s). */
  signers: KeySigner[];
  /** Computation limit. */
  gasLimit: number;
  /** Omitted: the latest finalized block. */
  referenceBlockId?: string;
}

export interface SignedTransaction {
  /** The transaction id, computed locally (the access node derives the same). */
  id: string;
  /** The POST /v1/transactions body. */
  body: Record<string, unknown>;
}

export interface FlowClient {
  getAccount(address: string): Promise<FlowAccount>;
  getLatestFinalizedBlock(): Promise<FlowBlock>;
  executeScript(code: string, args?: CadenceJson[]): Promise<DecodedValue>;
  /** Signs and builds a transaction without sending it (its id is known before submission). */
  signTransaction(request: TransactionRequest): Promise<SignedTransaction>;
  /** Submits a signed transaction; resolves with its id. */
  submitTransaction(signed: SignedTransaction): Promise<string>;
  /** signTransaction + submitTransaction. */
  sendTransaction(request: TransactionRequest): Promise<string>;
  getTransactionResult(txId: string): Promise<TransactionResult>;
  /** Polls until Executed, Sealed or Expired; throws `wait_timeout` after timeoutMs. Failed results are returned, not thrown. */
  waitForExecuted(txId: string, timeoutMs: number): Promise<TransactionResult>;
  /** sendTransaction + waitForExecuted, throwing the classified FlowError if the transaction failed or expired. */
  executeTransaction(request: TransactionRequest, timeoutMs: number): Promise<TransactionResult>;
}

const base64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function signatureJson(entry: TransactionSignatureEntry): Record<string, string> {
  return { address: strip0x(normalizeAddress(entry.address)), key_index: String(entry.keyIndex), signature: Buffer.from(entry.signature).toString('base64') };
}

function checkSigners(request: TransactionRequest): void {
  const has = (address: string, keyIndex?: number): boolean =>
    request.signers.some((s) => normalizeAddress(s.address) === normalizeAddress(address) && (keyIndex === undefined || s.keyIndex === keyIndex));
  if (!has(request.proposer.address, request.proposer.keyIndex)) {
    throw new Error(`no signer for the proposal key ${request.proposer.address}/${request.proposer.keyIndex}`);
  }
  for (const address of [request.payer, ...request.authorizers]) {
    if (!has(address)) throw new Error(`no signer for ${address}`);
  }
}

/** Throws the classified error of a failed or expired transaction result. */
export function throwIfFailed(result: TransactionResult): TransactionResult {
  if (result.status === 'Expired') throw new FlowError('expired', `transaction ${result.id} expired`, { transactionId: result.id });
  if (result.errorMessage) throw classifyFlowMessage(result.errorMessage, { transactionId: result.id });
  return result;
}

export function createFlowClient(opts: FlowClientOptions): FlowClient {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const pollIntervalMs = opts.pollIntervalMs ?? 250;
  const http: HttpRequest = createHttp(opts);

  const getLatestFinalizedBlock = async (): Promise<FlowBlock> => {
    const blocks = await http('GET', '/v1/blocks?height=final', undefined, timeoutMs);
    if (!Array.isArray(blocks) || blocks.length === 0) throw new FlowError('transient', 'Flow GET /v1/blocks: no block in the answer');
    return parseBlock(blocks[0]);
  };

  const signTransaction = async (request: TransactionRequest): Promise<SignedTransaction> => {
    checkSigners(request);
    const referenceBlockId = request.referenceBlockId ?? (await getLatestFinalizedBlock()).id;
    const payload: TransactionPayload = {
      script: request.code,
      arguments: (request.args ?? []).map((value) => JSON.stringify(value)),
      referenceBlockId,
      gasLimit: request.gasLimit,
      proposalKey: request.proposer,
      payer: request.payer,
      authorizers: request.authorizers,
    };
    const payer = normalizeAddress(request.payer);
    const payloadSigners = request.signers.filter((s) => normalizeAddress(s.address) !== payer);
    const envelopeSigners = request.signers.filter((s) => normalizeAddress(s.address) === payer);
    const payloadMsg = payloadMessage(payload);
    const payloadSignatures = sortSignatures(payload, await Promise.all(
      payloadSigners.map(async (s) => ({ address: s.address, keyIndex: s.keyIndex, signature: await s.sign(payloadMsg) })),
    ));
    const envelopeMsg = envelopeMessage(payload, payloadSignatures);
    const envelopeSignatures = sortSignatures(payload, await Promise.all(
      envelopeSigners.map(async (s) => ({ address: s.address, keyIndex: s.keyIndex, signature: await s.sign(envelopeMsg) })),
    ));
    return {
      id: transactionId(payload, payloadSignatures, envelopeSignatures),
      body: {
        script: base64(payload.script),
        arguments: payload.arguments.map(base64),
        reference_block_id: strip0x(referenceBlockId),
        gas_limit: String(payload.gasLimit),
        payer: bytesToHex(addressBytes(payload.payer)),
        proposal_key: {
          address: bytesToHex(addressBytes(request.proposer.address)),
          key_index: String(request.proposer.keyIndex),
          sequence_number: String(request.proposer.sequenceNumber),
        },
        authorizers: payload.authorizers.map((a) => bytesToHex(addressBytes(a))),
        payload_signatures: payloadSignatures.map(signatureJson),
        envelope_signatures: envelopeSignatures.map(signatureJson),
      },
    };
  };

  const submitTransaction = async (signed: SignedTransaction): Promise<string> => {
    let answer: unknown;
    try {
      answer = await http('POST', '/v1/transactions', signed.body, timeoutMs);
    } catch (error) {
      if (error instanceof FlowError && error.transactionId === undefined) {
        const { flowCode, httpStatus, expectedSequenceNumber, givenSequenceNumber } = error;
        throw new FlowError(error.kind, error.message, { flowCode, httpStatus, expectedSequenceNumber, givenSequenceNumber, transactionId: signed.id, cause: error });
      }
      throw error;
    }
    const id = typeof answer === 'object' && answer !== null && 'id' in answer && typeof answer.id === 'string' ? answer.id : signed.id;
    return id;
  };

  const getTransactionResult = async (txId: string): Promise<TransactionResult> =>
    parseTransactionResult(strip0x(txId), await http('GET', `/v1/transaction_results/${strip0x(txId)}`, undefined, timeoutMs));

  const waitForExecuted = async (txId: string, waitMs: number): Promise<TransactionResult> => {
    const deadline = Date.now() + waitMs;
    let last = 'no answer yet';
    for (;;) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) break;
      try {
        const result = parseTransactionResult(
          strip0x(txId),
          await http('GET', `/v1/transaction_results/${strip0x(txId)}`, undefined, Math.min(timeoutMs, Math.max(remaining, 1))),
        );
        if (result.status === 'Executed' || result.status === 'Sealed' || result.status === 'Expired') return result;
        last = `status ${result.status}`;
      } catch (error) {
        const kind: FlowErrorKind | undefined = error instanceof FlowError ? error.kind : undefined;
        if (kind !== 'transient' && kind !== 'not_found') throw error;
        last = error instanceof Error ? error.message : String(error);
      }
      await sleep(Math.min(pollIntervalMs, Math.max(deadline - Date.now(), 0)));
    }
    throw new FlowError('wait_timeout', `transaction ${txId} not executed within ${waitMs}ms (${last})`, { transactionId: strip0x(txId) });
  };

  const sendTransaction = async (request: TransactionRequest): Promise<string> => submitTransaction(await signTransaction(request));

  return {
    getAccount: async (address) => {
      const path = `/v1/accounts/${strip0x(normalizeAddress(address))}?expand=keys,contracts`;
      return parseAccount(await http('GET', path, undefined, timeoutMs));
    },
    getLatestFinalizedBlock,
    executeScript: async (code, args = []) => {
      const body = { script: base64(code), arguments: args.map((value) => base64(JSON.stringify(value))) };
      const answer = await http('POST', '/v1/scripts?block_height=sealed', body, timeoutMs);
      if (typeof answer !== 'string') throw new FlowError('transient', 'Flow POST /v1/scripts: the answer is not a base64 string');
      return decodeCadence(JSON.parse(Buffer.from(answer, 'base64').toString('utf8')));
    },
    signTransaction,
    submitTransaction,
    sendTransaction,
    getTransactionResult,
    waitForExecuted,
    executeTransaction: async (request, waitMs) => throwIfFailed(await waitForExecuted(await sendTransaction(request), waitMs)),
  };
}
