// One error type for every Flow access failure, classified so callers can decide to retry.

/**
 * - `invalid_sequence_number`: the proposal key's sequence number was stale (Flow error 1007).
 *   Retry after re-reading the key's sequence number from chain.
 * - `cadence`: the transaction or script ran and failed (panic, pre-condition, resource or
 *   computation limits, ...). Not retryable as is.
 * - `rejected`: the access node refused the request (bad signature, unparseable script, unknown
 *   reference block, duplicate, ...) or the transaction failed verification. Not retryable as is.
 * - `expired`: the reference block is older than the expiry window; rebuild with a fresh block.
 * - `not_found`: the transaction, account or block does not exist (yet).
 * - `transient`: transport failure, timeout, 5xx or 429. The same request may be retried, but a
 *   submission may or may not have reached the node: check by transaction id first.
 * - `wait_timeout`: the transaction did not reach the awaited status in time; its outcome is unknown.
 */
export type FlowErrorKind = 'invalid_sequence_number' | 'cadence' | 'rejected' | 'expired' | 'not_found' | 'transient' | 'wait_timeout';

export interface FlowErrorDetails {
  /** Flow's numeric error code (`[Error Code: 1101]`), when the message carries one. */
  flowCode?: number;
  /** HTTP status of the access API answer, if there was one. */
  httpStatus?: number;
  transactionId?: string;
  /** For `invalid_sequence_number`: the key's sequence number on chain and the one given. */
  expectedSequenceNumber?: number;
  givenSequenceNumber?: number;
  cause?: unknown;
}

export class FlowError extends Error {
  override readonly name = 'FlowError';
  readonly kind: FlowErrorKind;
  readonly flowCode?: number;
  readonly httpStatus?: number;
  readonly transactionId?: string;
  readonly expectedSequenceNumber?: number;
  readonly givenSequenceNumber?: number;

  constructor(kind: FlowErrorKind, message: string, details: FlowErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.kind = kind;
    this.flowCode = details.flowCode;
    this.httpStatus = details.httpStatus;
    this.transactionId = details.transactionId;
    this.expectedSequenceNumber = details.expectedSequenceNumber;
    this.givenSequenceNumber = details.givenSequenceNumber;
  }

  /** Whether repeating the same call (or, for a sequence number, rebuilding with a fresh one) can succeed. */
  get retryable(): boolean {
    return this.kind === 'transient' || this.kind === 'invalid_sequence_number' || this.kind === 'expired' || this.kind === 'wait_timeout';
  }
}

export function isFlowError(error: unknown, kind?: FlowErrorKind): error is FlowError {
  return error instanceof FlowError && (kind === undefined || error.kind === kind);
}

/** `[Error Code: 1007] invalid proposal key: public key 1 on account f8d6e0586b0a20c7 has sequence number 3, but given 2` */
const SEQUENCE_RE = /has sequence number (\d+), but given (\d+)/;
const CODE_RE = /\[Error Code: (\d+)\]/;
const SIGNATURE_CODES = new Set([1006, 1008, 1009]);
const BUSY_RE = /is currently being executed|pending block/i;

export function flowErrorCode(message: string): number | undefined {
  const match = CODE_RE.exec(message);
  return match ? Number(match[1]) : undefined;
}

/** Classifies an error message from a transaction result, a script or a rejected submission. */
export function classifyFlowMessage(message: string, details: FlowErrorDetails = {}): FlowError {
  const flowCode = flowErrorCode(message) ?? details.flowCode;
  const sequence = SEQUENCE_RE.exec(message);
  if (flowCode === 1007 || sequence) {
    return new FlowError('invalid_sequence_number', message, {
      ...details,
      flowCode: flowCode ?? 1007,
      expectedSequenceNumber: sequence ? Number(sequence[1]) : undefined,
      givenSequenceNumber: sequence ? Number(sequence[2]) : undefined,
    });
  }
  if (flowCode !== undefined && SIGNATURE_CODES.has(flowCode)) return new FlowError('rejected', message, { ...details, flowCode });
  if (flowCode !== undefined) return new FlowError('cadence', message, { ...details, flowCode });
  if (/\bexpired\b/i.test(message)) return new FlowError('expired', message, details);
  // The node is busy (the emulator refuses submissions while it executes a block): try again.
  if (BUSY_RE.test(message)) return new FlowError('transient', message, details);
  return new FlowError('rejected', message, details);
}
