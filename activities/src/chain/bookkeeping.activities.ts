import { createHash } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import { Prisma } from '../../../generated/prisma/client';
import { batchableKinds, chainOpArgsSchemas, type ChainOpRequest } from '../../../domain/chain';
import { chainFailureTypes } from '../../../domain/errors';
import type { Database } from '../../../platform/database';
import { leasedKeyIndexes } from '../../../platform/key-leases';

const LANE_CHOICE_LOCK = 0x6c616e65; // "lane"

export interface ChainOpBookkeepingDeps {
  db: Database;
  laneCount: number;
}

/**
 * Single mints with the same royalties share a batch key, so a lane can put them (to any
 * recipients) in one batch_mint transaction; royalties are per transaction. A batch_mint op
 * is already a batch and never joins another.
 */
export function batchKeyOf(request: ChainOpRequest): string | null {
  if (!batchableKinds.has(request.kind)) return null;
  const royalties = 'royalties' in request.args ? request.args.royalties : undefined;
  return `mint:${createHash('sha256').update(JSON.stringify(royalties ?? [])).digest('hex').slice(0, 16)}`;
}

export function createChainOpBookkeepingActivities(deps: ChainOpBookkeepingDeps) {
  const { db } = deps;
  return {
    /** Validates and records the operation; a repeat with the same opId changes nothing. */
    async recordChainOp(request: ChainOpRequest): Promise<void> {
      const parsed = chainOpArgsSchemas[request.kind].safeParse(request.args);
      if (!parsed.success) {
        const message = `invalid ${request.kind} arguments: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`;
        // Recorded as failed too, so operators see the refusal where they see every op.
        await db.chainOp.upsert({
          where: { id: request.opId },
          create: { id: request.opId, kind: request.kind, args: (request.args ?? {}) as Prisma.InputJsonValue, status: 'failed', lastError: `${chainFailureTypes.invalidInput}: ${message}`.slice(0, 2000) },
          update: {},
        });
        throw ApplicationFailure.create({ type: chainFailureTypes.invalidInput, message, nonRetryable: true });
      }
      await db.chainOp.upsert({
        where: { id: request.opId },
        create: { id: request.opId, kind: request.kind, args: parsed.data as Prisma.InputJsonValue, batchKey: batchKeyOf(request) },
        update: {},
      });
    },

    /**
     * The served lane with the least backlog (queued + submitted ops), not id mod K.
     * An op already handed to a transaction keeps its lane.
     */
    async assignLane(input: { opId: string; avoid: number[] }): Promise<number> {
      const op = await db.chainOp.findUniqueOrThrow({ where: { id: input.opId } });
      if (op.lane !== null && op.status !== 'queued') return op.lane;
      const served = await leasedKeyIndexes((sql, values) => db.$queryRawUnsafe(sql, ...values));
      const lanes = served.filter((lane) => lane >= 1 && lane <= deps.laneCount);
      if (lanes.length === 0) {
        throw ApplicationFailure.create({ type: chainFailureTypes.laneUnavailable, message: 'no chain lane is being served' });
      }
      const candidates = lanes.filter((lane) => !input.avoid.includes(lane));
      const pool = candidates.length > 0 ? candidates : lanes;
      // Serialised, so concurrent requests each see the lanes the previous ones took.
      return db.$transaction(async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LANE_CHOICE_LOCK})`;
        const backlog = await tx.chainOp.groupBy({ by: ['lane'], where: { status: { in: ['queued', 'submitted'] }, lane: { in: lanes } }, _count: true });
        const load = new Map(backlog.map((row) => [row.lane, row._count]));
        const lane = pool.reduce((best, next) => ((load.get(next) ?? 0) < (load.get(best) ?? 0) ? next : best));
        await tx.chainOp.updateMany({ where: { id: input.opId, status: 'queued' }, data: { lane } });
        return lane;
      });
    },

    async markChainOpFailed(input: { opId: string; type: string; message: string }): Promise<void> {
      await db.chainOp.updateMany({
        where: { id: input.opId, status: { not: 'executed' } },
        data: { status: 'failed', lastError: `${input.type}: ${input.message}`.slice(0, 2000) },
      });
    },
  };
}
export type ChainOpBookkeepingActivities = ReturnType<typeof createChainOpBookkeepingActivities>;
