import { inject } from 'vitest';
import { taskQueues } from '../../domain/task-queues';
import { loadConfig } from '../../platform/config';
import type { Database } from '../../platform/database';
import { createIntegrationsActivities } from '../../workers/src/integrations/activities';
import { integrationsWorkerConfigSchema } from '../../workers/src/integrations/config';
import { infra } from './infra';
import { runTestWorker } from './test-worker';

/** The real `integrations` worker activities (Stripe, against stripe-mock) in this test process. */
export async function startIntegrationsWorker(db: Database): Promise<{ stop(): Promise<void> }> {
  const config = loadConfig(integrationsWorkerConfigSchema, {
    DROPLINE_ENV: 'test',
    DATABASE_URL: infra.databaseUrl(),
    TEMPORAL_ADDRESS: infra.temporalAddress(),
    STRIPE_API_BASE_URL: inject('stripeMockUrl'),
  });
  return runTestWorker(config.TEMPORAL_ADDRESS, { taskQueue: taskQueues.integrations, activities: createIntegrationsActivities(config, db) });
}
