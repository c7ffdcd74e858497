// The three worker processes of production, in the bench process and built from the same
// factories as their entry points: `app` (every workflow + database/email/run-chain-op
// activities, as workers/src/app/main.ts), `integrations` (Stripe, against stripe-mock, as
// workers/src/integrations/main.ts) and `chain` (the lane supervisor serving proposer keys
// 1..K with the lane activities, as workers/src/chain/main.ts). Each has its own database
// pool, Temporal connection and default worker options, as the separate processes have.
import { NativeConnection, Worker } from '@temporalio/worker';
import { Registry } from 'prom-client';
import { createChainMetrics } from '../../activities/src';
import { taskQueues } from '../../domain/task-queues';
import { loadConfig } from '../../platform/config';
import { createDatabase } from '../../platform/database';
import { openKeyLeaseHolder } from '../../platform/key-leases';
import type { Logger } from '../../platform/logger';
import { createAppActivities } from '../../workers/src/app/activities';
import { appWorkerConfigSchema } from '../../workers/src/app/config';
import { createIntegrationsActivities } from '../../workers/src/integrations/activities';
import { integrationsWorkerConfigSchema } from '../../workers/src/integrations/config';
import { serveChainLanes } from '../../workers/src/chain/serve';
import { installBenchRuntime } from '../chain/runtime';
import type { BenchStack } from '../chain/stack';
import { chainBenchConfig } from '../chain/workers';

export interface CheckoutWorkersOptions {
  stack: BenchStack;
  lanes: number;
  stripeMockUrl: string;
  sesUrl: string;
  logger: Logger;
}

export interface CheckoutWorkers {
  /** Proposer keys the chain worker holds (and serves lanes for). */
  served: number[];
  batchSize: number;
  stop(): Promise<void>;
}

const SHUTDOWN_GRACE = '5s';

export async function startCheckoutWorkers(options: CheckoutWorkersOptions): Promise<CheckoutWorkers> {
  installBenchRuntime();
  const { stack, logger } = options;
  const base = { DROPLINE_ENV: 'test', DATABASE_URL: stack.databaseUrl, TEMPORAL_ADDRESS: stack.temporalAddress, WORKER_SHUTDOWN_GRACE_SECONDS: '5' };
  const appConfig = loadConfig(appWorkerConfigSchema, { ...base, SES_ENDPOINT: options.sesUrl, CHAIN_PROPOSER_KEYS: String(options.lanes) });
  const integrationsConfig = loadConfig(integrationsWorkerConfigSchema, { ...base, STRIPE_API_BASE_URL: options.stripeMockUrl });
  const chainConfig = chainBenchConfig(stack, options.lanes);

  const stops: Array<() => Promise<void>> = [];
  const stop = async (): Promise<void> => {
    for (const step of stops.splice(0).reverse()) await step();
  };
  try {
    // app: workflows + fast activities.
    const appDb = createDatabase(appConfig.DATABASE_URL);
    stops.push(() => appDb.$disconnect());
    const appConnection = await NativeConnection.connect({ address: appConfig.TEMPORAL_ADDRESS });
    stops.push(() => appConnection.close());
    const app = await Worker.create({
      connection: appConnection,
      namespace: appConfig.TEMPORAL_NAMESPACE,
      taskQueue: taskQueues.app,
      workflowBundle: { codePath: stack.workflowBundlePath },
      activities: createAppActivities(appConfig, appDb),
      shutdownGraceTime: SHUTDOWN_GRACE,
    });
    stops.push(runUntilStopped(app));

    // integrations: Stripe activities against stripe-mock.
    const integrationsDb = createDatabase(integrationsConfig.DATABASE_URL);
    stops.push(() => integrationsDb.$disconnect());
    const integrationsConnection = await NativeConnection.connect({ address: integrationsConfig.TEMPORAL_ADDRESS });
    stops.push(() => integrationsConnection.close());
    const integrations = await Worker.create({
      connection: integrationsConnection,
      namespace: integrationsConfig.TEMPORAL_NAMESPACE,
      taskQueue: taskQueues.integrations,
      activities: createIntegrationsActivities(integrationsConfig, integrationsDb),
      shutdownGraceTime: SHUTDOWN_GRACE,
    });
    stops.push(runUntilStopped(integrations));

    // chain: one lane per proposer key, default batch size.
    const chainDb = createDatabase(chainConfig.DATABASE_URL);
    stops.push(() => chainDb.$disconnect());
    const chainConnection = await NativeConnection.connect({ address: chainConfig.TEMPORAL_ADDRESS });
    stops.push(() => chainConnection.close());
    const leases = await openKeyLeaseHolder(chainConfig.DATABASE_URL, `dropline-bench-checkout:${process.pid}`);
    stops.push(() => leases.close());
    const metrics = createChainMetrics(new Registry());
    const lanes = await serveChainLanes(chainConfig, { db: chainDb, connection: chainConnection, leases, metrics, logger });
    stops.push(() => lanes.stop());
    const served = lanes.served();
    if (served.length !== options.lanes) throw new Error(`the lane supervisor serves ${served.length} of ${options.lanes} lanes (${served.join(',')})`);
    return { served, batchSize: chainConfig.CHAIN_MINT_BATCH_SIZE, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function runUntilStopped(worker: Worker): () => Promise<void> {
  const running = worker.run();
  return async () => {
    if (worker.getState() === 'RUNNING') worker.shutdown();
    await running;
  };
}
