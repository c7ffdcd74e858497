import { taskQueues } from '../../domain/task-queues';
import { loadConfig } from '../../platform/config';
import type { Database } from '../../platform/database';
import { createAppActivities } from '../../workers/src/app/activities';
import { appWorkerConfigSchema } from '../../workers/src/app/config';
import { infra } from './infra';
import { runTestWorker } from './test-worker';

/** Runs the real `app` worker (bundle + activities) in this test process. */
export async function startAppWorker(db: Database, taskQueue: string = taskQueues.app): Promise<{ stop(): Promise<void> }> {
  const config = loadConfig(appWorkerConfigSchema, {
    DROPLINE_ENV: 'test',
    DATABASE_URL: infra.databaseUrl(),
    SES_ENDPOINT: infra.sesUrl(),
    TEMPORAL_ADDRESS: infra.temporalAddress(),
  });
  return runTestWorker(config.TEMPORAL_ADDRESS, {
    taskQueue,
    workflowBundle: { codePath: infra.workflowBundlePath() },
    activities: createAppActivities(config, db),
  });
}
