import { NativeConnection } from '@temporalio/worker';
import { Registry } from 'prom-client';
import { inject } from 'vitest';
import { createChainMetrics, type ChainMetrics } from '../../activities/src';
import { loadConfig } from '../../platform/config';
import type { Database } from '../../platform/database';
import { createFlowClient, type CadenceJson, type DecodedValue } from '../../platform/flow';
import { openKeyLeaseHolder } from '../../platform/key-leases';
import { chainWorkerConfigSchema } from '../../workers/src/chain/config';
import { chainCadence } from '../../workers/src/chain/context';
import { serveChainLanes } from '../../workers/src/chain/serve';
import { infra, testLogger } from './infra';

export function chainConfig(overrides: Record<string, string> = {}) {
  return loadConfig(chainWorkerConfigSchema, {
    DROPLINE_ENV: 'test',
    DATABASE_URL: infra.databaseUrl(),
    TEMPORAL_ADDRESS: infra.temporalAddress(),
    FLOW_ACCESS_NODE: inject('flowRestUrl'),
    FLOW_SERVICE_ADDRESS: inject('flowServiceAddress'),
    FLOW_SERVICE_PRIVATE_KEY: inject('flowServicePrivateKey'),
    WORKER_SHUTDOWN_GRACE_SECONDS: '5',
    ...overrides,
  });
}

/** The chain worker's lanes in this test process (the same code as workers/src/chain/main.ts). */
export async function startChainLanes(db: Database, overrides: Record<string, string> = {}): Promise<{ metrics: ChainMetrics; registry: Registry; served(): number[]; stop(): Promise<void> }> {
  const config = chainConfig(overrides);
  const registry = new Registry();
  const metrics = createChainMetrics(registry);
  const leases = await openKeyLeaseHolder(config.DATABASE_URL, `dropline-chain-test:${process.pid}`);
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  const lanes = await serveChainLanes(config, { db, connection, leases, metrics, logger: testLogger });
  return {
    metrics,
    registry,
    served: lanes.served,
    async stop() {
      await lanes.stop();
      await leases.close();
      await connection.close();
    },
  };
}

/** Runs a Cadence script from cadence/scripts against the test chain. */
export async function chainScript(file: string, args: CadenceJson[]): Promise<DecodedValue> {
  const config = chainConfig();
  return createFlowClient({ accessUrl: config.FLOW_ACCESS_NODE }).executeScript(chainCadence(config)(`scripts/${file}`), args);
}
