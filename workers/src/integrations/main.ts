import { taskQueues } from '../../../domain/task-queues';
import { loadConfig, portSchema } from '../../../platform/config';
import { createLogger } from '../../../platform/logger';
import { workerBaseSchema } from '../shared/config';
import { runWorkers } from '../shared/run';
import { installRuntime } from '../shared/runtime';

// Worker `integrations`: slow third-party activities (Stripe, Shopify, media). The
// checkout (#4) and Shopify issues register their activities here.
const config = loadConfig(workerBaseSchema.extend({ INTEGRATIONS_WORKER_METRICS_PORT: portSchema.default(9465) }), process.env);
const logger = createLogger({ name: 'worker-integrations', level: config.LOG_LEVEL, environment: config.DROPLINE_ENV });
installRuntime(logger, config.INTEGRATIONS_WORKER_METRICS_PORT);

await runWorkers(config, logger, [{ taskQueue: taskQueues.integrations, activities: {} }]);
