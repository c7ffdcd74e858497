import { NativeConnection } from '@temporalio/worker';
import { Registry, collectDefaultMetrics } from 'prom-client';
import { createChainMetrics } from '../../../activities/src';
import { loadConfig } from '../../../platform/config';
import { createDatabase } from '../../../platform/database';
import { openKeyLeaseHolder } from '../../../platform/key-leases';
import { createLogger } from '../../../platform/logger';
import { serveMetrics } from '../shared/metrics-server';
import { installRuntime } from '../shared/runtime';
import { chainWorkerConfigSchema, chainWorkerProductionRules } from './config';
import { createChainContext } from './context';
import { startChainGauges } from './gauges';
import { serveChainLanes } from './serve';

// Worker `chain`: one Temporal worker per proposer key it holds the lease for, on
// `chain-proposer-<i>`, one activity at a time.
const config = loadConfig(chainWorkerConfigSchema, process.env, chainWorkerProductionRules);
const logger = createLogger({ name: 'worker-chain', level: config.LOG_LEVEL, environment: config.DROPLINE_ENV });
installRuntime(logger, config.CHAIN_WORKER_METRICS_PORT);

const registry = new Registry();
collectDefaultMetrics({ register: registry });
const metrics = createChainMetrics(registry);
const metricsServer = serveMetrics(registry, config.CHAIN_METRICS_PORT);

const db = createDatabase(config.DATABASE_URL);
const context = createChainContext(config, db);
const leases = await openKeyLeaseHolder(config.DATABASE_URL, `dropline-chain:${process.pid}`);
const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });

const lanes = await serveChainLanes(config, { db, connection, leases, metrics, logger });
const stopGauges = startChainGauges({ db, context, metrics, laneCount: config.CHAIN_PROPOSER_KEYS, intervalMs: 15_000, logger });

const signal = await new Promise<string>((resolve) => {
  for (const name of ['SIGINT', 'SIGTERM'] as const) process.once(name, () => resolve(name));
});
logger.info({ signal, lanes: lanes.served() }, 'chain worker shutting down');
stopGauges();
await lanes.stop();
await leases.close();
await connection.close();
await db.$disconnect();
metricsServer.close();
