import { Client, Connection } from '@temporalio/client';
import { encodeSearchAttributeIndexedValueType } from '@temporalio/common/lib/search-attributes';
import { msToTs } from '@temporalio/common/lib/time';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { inject } from 'vitest';
import { searchAttributeNames } from '../../domain/search-attributes';
import { taskQueues } from '../../domain/task-queues';
import { loadConfig } from '../../platform/config';
import { createDatabase, type Database } from '../../platform/database';
import { startLocalChain } from '../../scripts/chain/local-chain';
import { applyMigrations } from '../../scripts/db/migrations';
import { databaseUrlFor, dropDatabase, ensureDatabase } from '../../scripts/infra/postgres';
import { createAppActivities } from '../../workers/src/app/activities';
import { appWorkerConfigSchema } from '../../workers/src/app/config';
import { TEST_PROPOSER_KEYS } from '../support/global-setup';
import { infra } from '../support/infra';

// Chain tests that kill workers, hold every key lease or break the access node get a world
// of their own: a fresh PostgreSQL database (its own advisory-lock space and ChainOp table),
// a fresh Temporal namespace (its own `chain-proposer-<i>` queues and pollers) and, when
// they sign, a Flow emulator of their own (their own proposal keys and sequence numbers).
// Other test files, run before, after or alongside, neither see nor disturb them.

export interface FlowChain {
  restUrl: string;
  serviceAddress: string;
  servicePrivateKey: string;
}

export interface IsolatedChainEnv {
  databaseUrl: string;
  db: Database;
  namespace: string;
  client: Client;
  chain: FlowChain;
  /** The environment variables every chain worker of this world needs (flow access node: the chain's own). */
  workerEnv: Record<string, string>;
  /** The real `app` worker (chain-op workflow and bookkeeping) for this world, in-process. */
  startAppWorker(): Promise<void>;
  close(): Promise<void>;
}

let runtimeInstalled = false;

/** Installs the Temporal runtime once, showing only errors: injected faults make every retry a warning. */
export function installQuietRuntime(): void {
  if (runtimeInstalled) return;
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  runtimeInstalled = true;
}

async function registerNamespace(connection: Connection, namespace: string): Promise<void> {
  await connection.workflowService.registerNamespace({ namespace, workflowExecutionRetentionPeriod: msToTs('1 day') });
  const keyword = encodeSearchAttributeIndexedValueType('KEYWORD');
  if (keyword === undefined) throw new Error('unknown search attribute type KEYWORD');
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const existing = await connection.operatorService.listSearchAttributes({ namespace });
      const missing = Object.values(searchAttributeNames).filter((name) => !(name in (existing.customAttributes ?? {})));
      if (missing.length === 0) return;
      await connection.operatorService.addSearchAttributes({ namespace, searchAttributes: Object.fromEntries(missing.map((name) => [name, keyword])) });
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export async function createIsolatedChainEnv(label: string, options: { ownChain: boolean }): Promise<IsolatedChainEnv> {
  installQuietRuntime();
  const suffix = `${process.pid}_${Date.now()}`;
  const serverUrl = inject('postgresServerUrl');
  const databaseName = `dropline_${label}_${suffix}`;
  const namespace = `dropline-${label}-${suffix}`;
  await ensureDatabase(serverUrl, databaseName);
  const databaseUrl = databaseUrlFor(serverUrl, databaseName);
  const connection = await Connection.connect({ address: infra.temporalAddress() });
  const [, , ownChain] = await Promise.all([
    applyMigrations(databaseUrl),
    registerNamespace(connection, namespace),
    options.ownChain ? startLocalChain({ proposerKeyCount: TEST_PROPOSER_KEYS }) : Promise.resolve(null),
  ]);
  const chain: FlowChain = ownChain ?? { restUrl: inject('flowRestUrl'), serviceAddress: inject('flowServiceAddress'), servicePrivateKey: inject('flowServicePrivateKey') };
  const db = createDatabase(databaseUrl, { maxConnections: 5 });
  const client = new Client({ connection, namespace });
  let stopWorker = async (): Promise<void> => {};

  return {
    databaseUrl,
    db,
    namespace,
    client,
    chain,
    workerEnv: {
      DROPLINE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: infra.temporalAddress(),
      TEMPORAL_NAMESPACE: namespace,
      FLOW_ACCESS_NODE: chain.restUrl,
      FLOW_SERVICE_ADDRESS: chain.serviceAddress,
      FLOW_SERVICE_PRIVATE_KEY: chain.servicePrivateKey,
      CHAIN_PROPOSER_KEYS: String(TEST_PROPOSER_KEYS),
    },
    async startAppWorker() {
      const config = loadConfig(appWorkerConfigSchema, {
        DROPLINE_ENV: 'test',
        DATABASE_URL: databaseUrl,
        SES_ENDPOINT: infra.sesUrl(),
        TEMPORAL_ADDRESS: infra.temporalAddress(),
        TEMPORAL_NAMESPACE: namespace,
      });
      const native = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
      const worker = await Worker.create({
        connection: native,
        namespace,
        taskQueue: taskQueues.app,
        workflowBundle: { codePath: infra.workflowBundlePath() },
        activities: createAppActivities(config, db),
      });
      const running = worker.run();
      stopWorker = async () => {
        worker.shutdown();
        await running;
        await native.close();
      };
    },
    async close() {
      await stopWorker();
      await connection.close();
      await db.$disconnect();
      await ownChain?.stop();
      await dropDatabase(serverUrl, databaseName);
    },
  };
}
