import { taskQueues } from '../../../domain/task-queues';
import { loadConfig } from '../../../platform/config';
import { createDatabase } from '../../../platform/database';
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
await runWorkers(config, logger, [
  {
    taskQueue: taskQueues.app,
    workflowBundle: { codePath: config.WORKFLOW_BUNDLE_PATH ?? (await buildWorkflowBundle()) },
    activities: createAppActivities(config, db),
  },
]);
await db.$disconnect();
