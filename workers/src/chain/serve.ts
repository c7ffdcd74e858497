import type { NativeConnection } from '@temporalio/worker';
import { createChainLaneActivities, type ChainMetrics, type ChainOperationContext } from '../../../activities/src';
import { createChainOperations } from '../../../activities/src/chain/operations';
import type { Database } from '../../../platform/database';
import type { KeyLeaseHolder } from '../../../platform/key-leases';
import type { Logger } from '../../../platform/logger';
import { createSecretBox } from '../../../platform/secrets';
import type { ChainWorkerConfig } from './config';
import { createChainContext } from './context';
import { startLaneSupervisor, type LaneSupervisor } from './lanes';

/**
 * The chain worker's lanes, wired from config: the entry point, the tests and the benchmarks
 * all serve lanes through this one function. `wrapContext` lets a benchmark observe calls.
 */
export function serveChainLanes(
  config: ChainWorkerConfig,
  deps: { db: Database; connection: NativeConnection; leases: KeyLeaseHolder; metrics: ChainMetrics; logger: Logger; wrapContext?: (context: ChainOperationContext) => ChainOperationContext },
): Promise<LaneSupervisor> {
  const base = createChainContext(config, deps.db);
  const context = deps.wrapContext ? deps.wrapContext(base) : base;
  const operations = createChainOperations({ db: deps.db, secrets: createSecretBox(config.ENCRYPTION_KEYS, config.ENCRYPTION_ACTIVE_KEY_ID) });
  return startLaneSupervisor({
    connection: deps.connection,
    namespace: config.TEMPORAL_NAMESPACE,
    leases: deps.leases,
    keyIndexes: Array.from({ length: config.CHAIN_PROPOSER_KEYS }, (_, index) => index + 1),
    retrySeconds: config.CHAIN_LEASE_RETRY_SECONDS,
    shutdownGraceSeconds: config.WORKER_SHUTDOWN_GRACE_SECONDS,
    logger: deps.logger,
    activitiesFor: (keyIndex) =>
      createChainLaneActivities({
        keyIndex,
        db: deps.db,
        context,
        operations,
        maxBatchSize: config.CHAIN_MINT_BATCH_SIZE,
        executionTimeoutMs: config.CHAIN_EXECUTION_TIMEOUT_SECONDS * 1000,
        metrics: deps.metrics,
        logger: deps.logger.child({ lane: keyIndex }),
      }),
  });
}
