import type { ChainMetrics, ChainOperationContext } from '../../../activities/src';
import type { Database } from '../../../platform/database';
import { arg } from '../../../platform/flow';
import type { Logger } from '../../../platform/logger';

/** Refreshes the lane backlog and service-account balance gauges on an interval. */
export function startChainGauges(deps: { db: Database; context: ChainOperationContext; metrics: ChainMetrics; laneCount: number; intervalMs: number; logger: Logger }): () => void {
  const balanceScript = deps.context.cadence('scripts/flow_balance.cdc');
  async function refresh(): Promise<void> {
    const backlog = await deps.db.chainOp.groupBy({ by: ['lane'], where: { status: { in: ['queued', 'submitted'] } }, _count: true });
    const byLane = new Map(backlog.map((row) => [row.lane, row._count]));
    for (let lane = 1; lane <= deps.laneCount; lane++) deps.metrics.backlog.set({ lane: String(lane) }, byLane.get(lane) ?? 0);
    const balance = await deps.context.gateway.script<string>(balanceScript, [arg.address(deps.context.serviceAddress)]);
    deps.metrics.serviceBalance.set(Number(balance));
  }
  const tick = () => void refresh().catch((error: unknown) => deps.logger.warn({ err: error }, 'chain gauges refresh failed'));
  tick();
  const timer = setInterval(tick, deps.intervalMs);
  return () => clearInterval(timer);
}
