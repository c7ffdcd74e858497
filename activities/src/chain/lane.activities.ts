import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { ChainOpKind, ChainOpResult } from '../../../domain/chain';
import { chainFailureTypes } from '../../../domain/errors';
import type { Database } from '../../../platform/database';
import type { Logger } from '../../../platform/logger';
import type { ChainMetrics } from './metrics';
import { ChainError, type ChainOperation, type ChainOperationContext, type QueuedOp, type TransactionOutcome } from './gateway';
import { claimBatch, finalizeExecuted, releaseBatch, type ChainOpRow } from './lane-store';

export interface ChainLaneDeps {
  keyIndex: number;
  db: Database;
  context: ChainOperationContext;
  operations: Record<ChainOpKind, ChainOperation>;
  maxBatchSize: number;
  executionTimeoutMs: number;
  metrics: ChainMetrics;
  logger: Logger;
}

const failureType: Record<ChainError['kind'], string> = {
  invalid_sequence_number: chainFailureTypes.invalidSequenceNumber,
  transient: chainFailureTypes.transient,
  expired: chainFailureTypes.expired,
  cadence: chainFailureTypes.cadence,
  invalid_input: chainFailureTypes.invalidInput,
};

/** Heartbeat period of a lane attempt; the chain-op workflow's heartbeat timeout is a few periods. */
const HEARTBEAT_INTERVAL_MS = 2_000;

/**
 * Runs `work` heartbeating: if the worker dies mid-attempt, Temporal retries the attempt on
 * the key's next lease holder after the heartbeat timeout, not the 3-minute start-to-close.
 */
async function heartbeating<T>(work: () => Promise<T>): Promise<T> {
  const context = Context.current();
  const timer = setInterval(() => context.heartbeat(), HEARTBEAT_INTERVAL_MS);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}

function toFailure(error: unknown): ApplicationFailure {
  if (error instanceof ApplicationFailure) return error;
  const chainError = error instanceof ChainError ? error : new ChainError('transient', error instanceof Error ? error.message : String(error));
  const nonRetryable = chainError.kind === 'cadence' || chainError.kind === 'invalid_input';
  return ApplicationFailure.create({
    type: failureType[chainError.kind],
    message: chainError.message,
    nonRetryable,
    ...(chainError.retryAfterMs ? { nextRetryDelay: chainError.retryAfterMs } : {}),
  });
}

/**
 * The signing lane of one proposer key. Runs one operation (or one batch of mints) at a
 * time: sign at send time with the key's current sequence number, wait for execution,
 * record the result. Re-reads the sequence number from chain after any failure.
 */
export function createChainLaneActivities(deps: ChainLaneDeps) {
  const { db, keyIndex, context, metrics } = deps;
  const lane = String(keyIndex);
  let nextSequenceNumber: bigint | null = null;

  async function sequenceNumber(): Promise<bigint> {
    if (nextSequenceNumber === null) {
      nextSequenceNumber = await context.gateway.sequenceNumber(keyIndex);
      metrics.sequenceRecoveries.inc({ lane });
    }
    return nextSequenceNumber;
  }

  async function settle(batch: ChainOpRow[], txId: string, outcome: TransactionOutcome, started: number): Promise<void> {
    const kind = batch[0]!.kind;
    if (outcome.status === 'executed') {
      const results = await deps.operations[kind].results(batch, outcome.events, context);
      // Counted by whichever activity settles the transaction first.
      if ((await finalizeExecuted(db, batch, txId, results)) > 0) {
        metrics.executed.inc({ kind, lane }, 1);
        metrics.latency.observe({ kind, lane }, (Date.now() - started) / 1000);
      }
      return;
    }
    if (outcome.status === 'failed') {
      metrics.failed.inc({ kind, lane });
      // A stale sequence number (1007) fails the transaction without running it: retry.
      if (outcome.errorKind !== 'cadence') {
        await releaseBatch(db, batch, { unbatch: false, error: outcome.errorMessage });
        throw new ChainError(outcome.errorKind, outcome.errorMessage);
      }
      if (batch.length > 1) {
        // One bad item fails the whole batch: every item retries alone.
        await releaseBatch(db, batch, { unbatch: true, error: outcome.errorMessage });
        throw new ChainError('transient', 'batched transaction failed; its items retry one by one');
      }
      throw new ChainError('cadence', outcome.errorMessage);
    }
    throw new ChainError('transient', `transaction ${txId} is ${outcome.status}`);
  }

  async function resolveRecorded(op: ChainOpRow): Promise<ChainOpResult | null> {
    const outcome = await context.gateway.outcome(op.txId!);
    if (outcome.status === 'unknown') return null;
    const batch = await db.chainOp.findMany({ where: { txId: op.txId } });
    const settled = outcome.status === 'pending' ? await context.gateway.waitForOutcome(op.txId!, deps.executionTimeoutMs) : outcome;
    await settle(batch, op.txId!, settled, op.submittedAt?.getTime() ?? Date.now());
    return resultOf(op.id);
  }

  async function resultOf(opId: string): Promise<ChainOpResult> {
    const row = await db.chainOp.findUniqueOrThrow({ where: { id: opId } });
    return { ...(row.result as Record<string, unknown>), txId: row.txId! } as ChainOpResult;
  }

  async function submit(op: ChainOpRow): Promise<ChainOpResult> {
    const batch = await claimBatch(db, op, keyIndex, deps.maxBatchSize);
    const operation = deps.operations[op.kind];
    const applied = (await operation.alreadyApplied?.(batch, context)) ?? new Map();
    if (applied.size > 0) await finalizeExecuted(db, batch.filter((item) => applied.has(item.id)), null, applied);
    const pending = batch.filter((item) => !applied.has(item.id));
    if (pending.length === 0) return resultOf(op.id);
    const plan = await operation.plan(pending as QueuedOp[], context);
    const sequence = await sequenceNumber();
    const prepared = await context.gateway.prepare(plan, { keyIndex, sequenceNumber: sequence });
    const started = Date.now();
    await db.chainOp.updateMany({
      where: { id: { in: pending.map((item) => item.id) } },
      data: { txId: prepared.txId, sequenceNumber: sequence, lane: keyIndex, status: 'submitted', submittedAt: new Date(started), attempts: { increment: 1 } },
    });
    await prepared.send();
    metrics.submitted.inc({ kind: op.kind, lane }, 1);
    deps.logger.info({ opId: op.id, lane: keyIndex, txId: prepared.txId, sequenceNumber: sequence.toString(), batch: pending.length }, 'chain transaction submitted');
    const outcome = await context.gateway.waitForOutcome(prepared.txId, deps.executionTimeoutMs);
    if (outcome.status === 'executed' || outcome.status === 'failed') nextSequenceNumber = sequence + 1n;
    await settle(pending, prepared.txId, outcome, started);
    return resultOf(op.id);
  }

  const activities = {
    async executeChainOp(input: { opId: string }): Promise<ChainOpResult> {
      const op = await db.chainOp.findUniqueOrThrow({ where: { id: input.opId } });
      if (op.status === 'executed') return resultOf(op.id);
      if (op.status === 'failed') throw ApplicationFailure.create({ type: chainFailureTypes.cadence, message: op.lastError ?? 'failed', nonRetryable: true });
      try {
        if (op.txId) {
          const recorded = await resolveRecorded(op);
          if (recorded) return recorded;
        }
        return await submit(await db.chainOp.findUniqueOrThrow({ where: { id: input.opId } }));
      } catch (error) {
        nextSequenceNumber = null;
        const failure = toFailure(error);
        if (failure.type === chainFailureTypes.invalidSequenceNumber) metrics.sequenceErrors.inc({ lane });
        await db.chainOp.updateMany({ where: { id: input.opId, status: { not: 'executed' } }, data: { lastError: `${failure.type}: ${failure.message}`.slice(0, 2000) } });
        deps.logger.warn({ opId: input.opId, lane: keyIndex, type: failure.type, err: failure.message }, 'chain operation attempt failed');
        throw failure;
      }
    },
  };
  return { executeChainOp: (input: { opId: string }) => heartbeating(() => activities.executeChainOp(input)) };
}
export type ChainLaneActivities = ReturnType<typeof createChainLaneActivities>;
