import { Worker, type WorkerOptions } from '@temporalio/worker';
import type { Logger } from '../../../platform/logger';
import type { WorkerBaseConfig } from './config';
import { connectWorkerTemporal } from './runtime';

export type WorkerSpec = Pick<WorkerOptions, 'taskQueue' | 'activities' | 'workflowBundle' | 'maxConcurrentActivityTaskExecutions'>;

/**
 * Creates one Temporal worker per spec on a shared connection and runs them until
 * SIGINT/SIGTERM; each finishes or hands back its in-flight tasks within the grace time.
 */
export async function runWorkers(config: WorkerBaseConfig, logger: Logger, specs: WorkerSpec[]): Promise<void> {
  const connection = await connectWorkerTemporal(config);
  const workers = await Promise.all(
    specs.map((spec) =>
      Worker.create({
        ...spec,
        connection,
        namespace: config.TEMPORAL_NAMESPACE,
        shutdownGraceTime: `${config.WORKER_SHUTDOWN_GRACE_SECONDS}s`,
      }),
    ),
  );
  logger.info({ taskQueues: specs.map((spec) => spec.taskQueue) }, 'workers started');
  await Promise.all(workers.map((worker) => worker.run()));
  await connection.close();
  logger.info('workers stopped');
}
