// The access API's JSON answers, checked and turned into dropline's types.
import { Buffer } from 'node:buffer';
import { decodeCadence, type DecodedValue } from './cadence';
import { normalizeAddress } from './encoding';
import { classifyFlowMessage, FlowError, type FlowErrorKind } from './errors';

export interface AccountKey {
  index: number;
  /** Hex, without 0x. */
  publicKey: string;
  signingAlgorithm: string;
  hashingAlgorithm: string;
  sequenceNumber: number;
  weight: number;
  revoked: boolean;
}

export interface FlowAccount {
  /** 0x + 16 hex digits. */
  address: string;
  /** FLOW balance in the smallest unit (10^-8 FLOW), as a decimal string. */
  balance: string;
  keys: AccountKey[];
  /** Contract name to source code. */
  contracts: Record<string, string>;
}

export interface FlowBlock {
  id: string;
  height: number;
  timestamp: string;
}

export type TransactionStatus = 'Pending' | 'Finalized' | 'Executed' | 'Sealed' | 'Expired' | 'Unknown';

export interface FlowEvent {
  /** e.g. `flow.AccountKeyAdded` or `A.f8d6e0586b0a20c7.Contract.Minted`. */
  type: string;
  eventIndex: number;
  data: DecodedValue;
}

/** Plain data (JSON-safe); `error` is the classification of `errorMessage`. */
export interface TransactionResult {
  id: string;
  status: TransactionStatus;
  blockId: string;
  errorMessage: string;
  error?: { kind: FlowErrorKind; message: string; flowCode?: number };
  computationUsed: number;
  events: FlowEvent[];
}

function record(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new FlowError('transient', `unexpected ${what} from the access API: ${JSON.stringify(value).slice(0, 200)}`);
  }
  return Object.fromEntries(Object.entries(value));
}

const str = (value: unknown): string => (typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value));
const num = (value: unknown): number => {
  const n = Number(str(value) || '0');
  return Number.isFinite(n) ? n : 0;
};
const strip = (hex: string): string => (hex.startsWith('0x') ? hex.slice(2) : hex);

export function parseAccount(json: unknown): FlowAccount {
  const body = record(json, 'account');
  const keys = Array.isArray(body.keys) ? body.keys.map((k) => record(k, 'account key')) : [];
  const contracts = body.contracts ? record(body.contracts, 'contracts') : {};
  return {
    address: normalizeAddress(str(body.address)),
    balance: str(body.balance) || '0',
    keys: keys.map((key) => ({
      index: num(key.index),
      publicKey: strip(str(key.public_key)),
      signingAlgorithm: str(key.signing_algorithm),
      hashingAlgorithm: str(key.hashing_algorithm),
      sequenceNumber: num(key.sequence_number),
      weight: num(key.weight),
      revoked: key.revoked === true,
    })),
    contracts: Object.fromEntries(Object.entries(contracts).map(([name, code]) => [name, Buffer.from(str(code), 'base64').toString('utf8')])),
  };
}

export function parseBlock(json: unknown): FlowBlock {
  const header = record(record(json, 'block').header, 'block header');
  return { id: str(header.id), height: num(header.height), timestamp: str(header.timestamp) };
}

const STATUSES = new Set<string>(['Pending', 'Finalized', 'Executed', 'Sealed', 'Expired']);
const isStatus = (value: string): value is TransactionStatus => STATUSES.has(value);

function parseEvent(json: unknown): FlowEvent {
  const event = record(json, 'event');
  const payload = str(event.payload);
  const data = payload ? decodeCadence(JSON.parse(Buffer.from(payload, 'base64').toString('utf8'))) : null;
  return { type: str(event.type), eventIndex: num(event.event_index), data };
}

export function parseTransactionResult(id: string, json: unknown): TransactionResult {
  const body = record(json, 'transaction result');
  const rawStatus = str(body.status);
  const status: TransactionStatus = isStatus(rawStatus) ? rawStatus : 'Unknown';
  const errorMessage = str(body.error_message);
  const result: TransactionResult = {
    id,
    status,
    blockId: str(body.block_id),
    errorMessage,
    computationUsed: num(body.computation_used),
    events: Array.isArray(body.events) ? body.events.map(parseEvent) : [],
  };
  if (errorMessage) {
    const error = classifyFlowMessage(errorMessage, { transactionId: id });
    result.error = { kind: error.kind, message: error.message, ...(error.flowCode === undefined ? {} : { flowCode: error.flowCode }) };
  } else if (status === 'Expired') {
    result.error = { kind: 'expired', message: `transaction ${id} expired` };
  }
  return result;
}
