import { taskQueues } from '../../../domain/task-queues';
import { loadConfig } from '../../../platform/config';
import { createDatabase } from '../../../platform/database';
import { createLogger } from '../../../platform/logger';
import { runWorkers } from '../shared/run';
import { installRuntime } from '../shared/runtime';
import { createIntegrationsActivities } from './activities';
import { integrationsWorkerConfigSchema, integrationsWorkerProductionRules } from './config';

// Worker `integrations`: slow third-party activities (Stripe now; Shopify and media later).
const config = loadConfig(integrationsWorkerConfigSchema, process.env, integrationsWorkerProductionRules);
const logger = createLogger({ name: 'worker-integrations', level: config.LOG_LEVEL, environment: config.DROPLINE_ENV });
installRuntime(logger, config.INTEGRATIONS_WORKER_METRICS_PORT);

const db = createDatabase(config.DATABASE_URL);
logger.info({ stripe: config.STRIPE_API_BASE_URL ?? 'api.stripe.com' }, 'stripe endpoint');
await runWorkers(config, logger, [{ taskQueue: taskQueues.integrations, activities: createIntegrationsActivities(config, db) }]);
await db.$disconnect();
