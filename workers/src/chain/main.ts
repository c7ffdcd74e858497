import { taskQueues } from '../../../domain/task-queues';
import { loadConfig, portSchema } from '../../../platform/config';
import { createLogger } from '../../../platform/logger';
import { workerBaseSchema } from '../shared/config';
import { runWorkers } from '../shared/run';
import { installRuntime } from '../shared/runtime';

// Worker `chain`: chain reads on `chain`; the chain-layer issue adds one worker per
// proposer key on `chain-proposer-<i>`, each behind a PostgreSQL advisory-lock lease.
const config = loadConfig(workerBaseSchema.extend({ CHAIN_WORKER_METRICS_PORT: portSchema.default(9466) }), process.env);
const logger = createLogger({ name: 'worker-chain', level: config.LOG_LEVEL, environment: config.DROPLINE_ENV });
installRuntime(logger, config.CHAIN_WORKER_METRICS_PORT);

await runWorkers(config, logger, [{ taskQueue: taskQueues.chain, activities: {} }]);
