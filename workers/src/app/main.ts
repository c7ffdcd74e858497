import { taskQueues } from '../../../domain/task-queues';
import { loadConfig } from '../../../platform/config';
import { createDatabase } from '../../../platform/database';
import { connectTemporalClient } from '../../../platform/temporal';
import { createLogger } from '../../../platform/logger';
import { buildWorkflowBundle } from '../../../scripts/workflow-bundle';
import { runWorkers } from '../shared/run';
import { installRuntime } from '../shared/runtime';
import { createAppActivities } from './activities';
import { appWorkerConfigSchema, appWorkerProductionRules } from './config';

// Worker `app`: every workflow, plus the fast activities (database, email).
const config = loadConfig(appWorkerConfigSchema, process.env, appWorkerProductionRules);
const logger = createLogger({ name: 'worker-app', level: config.LOG_LEVEL, environment: config.DROPLINE_ENV });
installRuntime(logger, config.APP_WORKER_METRICS_PORT);

const db = createDatabase(config.DATABASE_URL);
// Activities that start or attach to other workflows (a checkout's chain operations) use a client.
const temporal = await connectTemporalClient({ address: config.TEMPORAL_ADDRESS, namespace: config.TEMPORAL_NAMESPACE });
await runWorkers(config, logger, [
  {
    taskQueue: taskQueues.app,
    workflowBundle: { codePath: config.WORKFLOW_BUNDLE_PATH ?? (await buildWorkflowBundle()) },
    activities: createAppActivities(config, db, temporal),
  },
]);
await Promise.allSettled([db.$disconnect(), temporal.connection.close()]);
