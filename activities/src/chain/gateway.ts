// What the signing lanes need from a Flow access node. The chain worker adapts the Flow
// client in platform/flow to this; tests can point it at an emulator behind a proxy.

export interface ChainEvent {
  type: string;
  data: Record<string, unknown>;
}

export type TransactionOutcome =
  | { status: 'executed'; events: ChainEvent[] }
  | { status: 'failed'; errorMessage: string; errorKind: ChainErrorKind; events: ChainEvent[] }
  | { status: 'pending' }
  | { status: 'unknown' };

export interface TransactionPlan {
  code: string;
  args: unknown[];
  /** Every authorising account in the transaction's `prepare` order (service and/or custodial). */
  authorizers: string[];
  gasLimit: number;
}

export interface PreparedTransaction {
  /** Computed before sending, so a lost response never loses the transaction's identity. */
  txId: string;
  send(): Promise<void>;
}

export interface ChainGateway {
  sequenceNumber(keyIndex: number): Promise<bigint>;
  prepare(plan: TransactionPlan, proposer: { keyIndex: number; sequenceNumber: bigint }): Promise<PreparedTransaction>;
  outcome(txId: string): Promise<TransactionOutcome>;
  waitForOutcome(txId: string, timeoutMs: number): Promise<TransactionOutcome>;
  script<T>(code: string, args: unknown[]): Promise<T>;
}

export type ChainErrorKind = 'invalid_sequence_number' | 'transient' | 'cadence' | 'expired' | 'invalid_input';

/** A classified access-node or execution failure; the lane decides retry by `kind`. */
export class ChainError extends Error {
  constructor(
    readonly kind: ChainErrorKind,
    message: string,
    /** Retry sooner than the backoff would: the condition clears by itself within moments. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'ChainError';
  }
}

export interface ChainOperationContext {
  gateway: ChainGateway;
  /** The service (admin, payer) account. */
  serviceAddress: string;
  /** Cadence source by file name (e.g. `transactions/mint.cdc`), imports already resolved. */
  cadence(path: string): string;
}

export interface QueuedOp {
  id: string;
  args: unknown;
}

/** One operation kind: how to build its transaction and read its result back. */
export interface ChainOperation {
  plan(batch: QueuedOp[], context: ChainOperationContext): Promise<TransactionPlan>;
  results(batch: QueuedOp[], events: ChainEvent[], context: ChainOperationContext): Promise<Map<string, Record<string, unknown>>>;
  /** Ops whose effect is already on chain (a mint whose externalId exists), with their results. */
  alreadyApplied?(batch: QueuedOp[], context: ChainOperationContext): Promise<Map<string, Record<string, unknown>>>;
}
