// One scenario's workers, built from the production factories: the app worker's activities
// (chain-op bookkeeping) with the workflow bundle, and the chain worker's lane supervisor
// serving proposer keys 1..K with the lane activities. Only the seed baseline swaps
// assignLane for its fixed `id mod 3` choice.
import { NativeConnection, Worker } from '@temporalio/worker';
import { Registry } from 'prom-client';
import { createChainMetrics } from '../../activities/src';
import { loadConfig } from '../../platform/config';
import { createDatabase } from '../../platform/database';
import { openKeyLeaseHolder } from '../../platform/key-leases';
import type { Logger } from '../../platform/logger';
import { createAppActivities } from '../../workers/src/app/activities';
import { appWorkerConfigSchema } from '../../workers/src/app/config';
import { chainWorkerConfigSchema } from '../../workers/src/chain/config';
import { serveChainLanes } from '../../workers/src/chain/serve';
import { instrumentContext } from './instrument';
import { installBenchRuntime } from './runtime';
import type { BenchStack } from './stack';

export interface ScenarioWorkersOptions {
  stack: BenchStack;
  keys: number;
  batchSize: number;
  /** App task queue the scenario's workflows run on (one per scenario: no stale tasks cross over). */
  taskQueue: string;
  /** Seed baseline only: the fixed lane of an op, replacing assignLane's least-backlog choice. */
  fixedLaneOf?: (opId: string) => number;
  logger: Logger;
}

export interface ScenarioWorkers {
  served: number[];
  stop(): Promise<void>;
}

export function chainBenchConfig(stack: BenchStack, keys: number, batchSize?: number) {
  return loadConfig(chainWorkerConfigSchema, {
    DROPLINE_ENV: 'test',
    DATABASE_URL: stack.databaseUrl,
    TEMPORAL_ADDRESS: stack.temporalAddress,
    FLOW_ACCESS_NODE: stack.chain.restUrl,
    FLOW_SERVICE_ADDRESS: stack.chain.serviceAddress,
    FLOW_SERVICE_PRIVATE_KEY: stack.chain.servicePrivateKey,
    CHAIN_PROPOSER_KEYS: String(keys),
    CHAIN_MINT_BATCH_SIZE: batchSize === undefined ? undefined : String(batchSize),
    WORKER_SHUTDOWN_GRACE_SECONDS: '5',
  });
}

export async function startScenarioWorkers(options: ScenarioWorkersOptions): Promise<ScenarioWorkers> {
  installBenchRuntime();
  const { stack, logger } = options;
  const chainConfig = chainBenchConfig(stack, options.keys, options.batchSize);
  const appConfig = loadConfig(appWorkerConfigSchema, {
    DROPLINE_ENV: 'test',
    DATABASE_URL: stack.databaseUrl,
    TEMPORAL_ADDRESS: stack.temporalAddress,
    CHAIN_PROPOSER_KEYS: String(options.keys),
  });
  // Two pools, as the two worker processes have in production.
  const chainDb = createDatabase(chainConfig.DATABASE_URL);
  const appDb = createDatabase(appConfig.DATABASE_URL);
  const stops: Array<() => Promise<void>> = [() => chainDb.$disconnect(), () => appDb.$disconnect()];
  const stop = async (): Promise<void> => {
    for (const step of stops.splice(0).reverse()) await step();
  };

  try {
    const connection = await NativeConnection.connect({ address: stack.temporalAddress });
    stops.push(() => connection.close());

    const leases = await openKeyLeaseHolder(chainConfig.DATABASE_URL, `dropline-bench:${process.pid}`);
    stops.push(() => leases.close());
    const metrics = createChainMetrics(new Registry());
    const lanes = await serveChainLanes(chainConfig, { db: chainDb, connection: connection, leases, metrics, logger, wrapContext: instrumentContext });
    stops.push(() => lanes.stop());
    const served = lanes.served();
    if (served.length !== options.keys) throw new Error(`the lane supervisor serves ${served.length} of ${options.keys} lanes (${served.join(',')})`);

    const production = createAppActivities(appConfig, appDb);
    const fixedLaneOf = options.fixedLaneOf;
    const activities = fixedLaneOf
      ? {
          ...production,
          async assignLane(input: { opId: string; avoid: number[] }): Promise<number> {
            const lane = fixedLaneOf(input.opId);
            await appDb.chainOp.updateMany({ where: { id: input.opId, status: 'queued' }, data: { lane } });
            return lane;
          },
        }
      : production;
    const app = await Worker.create({
      connection,
      taskQueue: options.taskQueue,
      workflowBundle: { codePath: stack.workflowBundlePath },
      activities,
    });
    const running = app.run();
    stops.push(async () => {
      if (app.getState() === 'RUNNING') app.shutdown();
      await running;
    });
    return { served, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
