import type { Prisma } from '../../../generated/prisma/client';
import type { Database } from '../../../platform/database';
import { ChainError } from './gateway';

export type ChainOpRow = Prisma.ChainOpGetPayload<object>;

/**
 * Takes the operation (and, for batchable mints, up to `max - 1` stranded or queued ops with
 * the same batch key) for this lane in one transaction, so no op is ever in two transactions
 * being built at once.
 */
export async function claimBatch(db: Database, op: ChainOpRow, keyIndex: number, max: number): Promise<ChainOpRow[]> {
  return db.$transaction(async (tx) => {
    const [self] = await tx.$queryRaw<Array<{ status: string; lane: number | null; tx_id: string | null }>>`
      SELECT status, lane, tx_id FROM chain_ops WHERE id = ${op.id} FOR UPDATE`;
    if (!self || self.status === 'executed' || self.status === 'failed') throw new ChainError('transient', `operation ${op.id} is already ${self?.status ?? 'gone'}`);
    if (self.status === 'submitted' && self.lane !== keyIndex) {
      // That lane settles it within about a block: look again soon rather than backing off.
      throw new ChainError('transient', `operation ${op.id} is in a transaction of lane ${self.lane}`, 500);
    }
    // Ops this lane claimed into an earlier batch that is in no transaction on chain: that
    // attempt failed before recording a transaction, or recorded this op's transaction and
    // the node does not know it. Their own workflows (on other lanes) can only wait for this
    // lane, so it takes them back, waiting for their locks rather than skipping them.
    const stranded =
      op.batchKey && max > 1
        ? await tx.$queryRaw<Array<{ id: string }>>`
            SELECT id FROM chain_ops WHERE batch_key = ${op.batchKey} AND status = 'submitted' AND lane = ${keyIndex} AND id <> ${op.id}
              AND (tx_id IS NULL OR tx_id = ${self.tx_id})
            ORDER BY created_at LIMIT ${max - 1} FOR UPDATE`
        : [];
    const others =
      op.batchKey && max - 1 > stranded.length
        ? await tx.$queryRaw<Array<{ id: string }>>`
            SELECT id FROM chain_ops WHERE batch_key = ${op.batchKey} AND status = 'queued' AND id <> ${op.id}
            ORDER BY created_at LIMIT ${max - 1 - stranded.length} FOR UPDATE SKIP LOCKED`
        : [];
    const ids = [op.id, ...stranded.map((row) => row.id), ...others.map((row) => row.id)];
    await tx.chainOp.updateMany({ where: { id: { in: ids } }, data: { status: 'submitted', lane: keyIndex, txId: null } });
    return tx.chainOp.findMany({ where: { id: { in: ids } }, orderBy: { createdAt: 'asc' } });
  });
}

/**
 * Marks the ops executed with their results. Rows already executed are left alone, and the
 * count of rows this call moved is returned, so a transaction is counted once however many
 * of its ops' activities settle it. Rows are updated in id order (no lock-order deadlocks).
 */
export async function finalizeExecuted(
  db: Database,
  batch: ChainOpRow[],
  txId: string | null,
  results: Map<string, Record<string, unknown>>,
): Promise<number> {
  const executedAt = new Date();
  const ordered = [...batch].sort((a, b) => a.id.localeCompare(b.id));
  const updates = await db.$transaction(
    ordered.map((op) =>
      db.chainOp.updateMany({
        where: { id: op.id, status: { not: 'executed' } },
        data: {
          status: 'executed',
          executedAt,
          lastError: null,
          result: (results.get(op.id) ?? {}) as Prisma.InputJsonValue,
          ...(txId ? { txId } : {}),
        },
      }),
    ),
  );
  return updates.reduce((sum, update) => sum + update.count, 0);
}

/** Puts claimed ops back in the queue (after a batch failed), optionally never to batch again. */
export async function releaseBatch(db: Database, batch: ChainOpRow[], options: { unbatch: boolean; error: string }): Promise<void> {
  await db.chainOp.updateMany({
    where: { id: { in: batch.map((op) => op.id) }, status: { not: 'executed' } },
    data: { status: 'queued', txId: null, lastError: options.error.slice(0, 2000), ...(options.unbatch ? { batchKey: null } : {}) },
  });
}
