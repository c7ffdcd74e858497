import { NativeConnection, Worker } from '@temporalio/worker';
import { inject } from 'vitest';
import { taskQueues } from '../../domain/task-queues';
import { loadConfig } from '../../platform/config';
import type { Database } from '../../platform/database';
import { createIntegrationsActivities } from '../../workers/src/integrations/activities';
import { integrationsWorkerConfigSchema } from '../../workers/src/integrations/config';
import { infra } from './infra';

/** The real `integrations` worker activities (Stripe, against stripe-mock) in this test process. */
export async function startIntegrationsWorker(db: Database): Promise<{ stop(): Promise<void> }> {
  const config = loadConfig(integrationsWorkerConfigSchema, {
    DROPLINE_ENV: 'test',
    DATABASE_URL: infra.databaseUrl(),
    TEMPORAL_ADDRESS: infra.temporalAddress(),
    STRIPE_API_BASE_URL: inject('stripeMockUrl'),
  });
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  const worker = await Worker.create({ connection, taskQueue: taskQueues.integrations, activities: createIntegrationsActivities(config, db) });
  const running = worker.run();
  return {
    async stop() {
      worker.shutdown();
      await running;
      await connection.close();
    },
  };
}
