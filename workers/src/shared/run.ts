import { Runtime, Worker, type WorkerOptions } from '@temporalio/worker';
import type { Logger } from '../../../platform/logger';
import type { WorkerBaseConfig } from './config';
import { connectWorkerTemporal } from './runtime';

export type WorkerSpec = Pick<WorkerOptions, 'taskQueue' | 'activities' | 'workflowBundle' | 'maxConcurrentActivityTaskExecutions'>;

const hasWork = (spec: WorkerSpec) => spec.workflowBundle !== undefined || Object.keys(spec.activities ?? {}).length > 0;

function shutdownSignal(): Promise<string> {
  return new Promise((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve(signal));
  });
}

/**
 * Creates one Temporal worker per spec on a shared connection and runs them until
 * SIGINT/SIGTERM; each finishes or hands back its in-flight tasks within the grace time.
 * A queue family with nothing registered yet stays up idle (its metrics endpoint and
 * deployment shape are already real) instead of polling an empty task list.
 */
export async function runWorkers(config: WorkerBaseConfig, logger: Logger, specs: WorkerSpec[]): Promise<void> {
  const active = specs.filter(hasWork);
  if (active.length === 0) {
    logger.info({ taskQueues: specs.map((spec) => spec.taskQueue) }, 'nothing registered on these queues yet; idle until shutdown');
    logger.info({ signal: await shutdownSignal() }, 'workers stopped');
    // The runtime's metrics exporter would keep the process alive.
    await Runtime.instance().shutdown();
    return;
  }
  const connection = await connectWorkerTemporal(config);
  const workers = await Promise.all(
    active.map((spec) =>
      Worker.create({
        ...spec,
        connection,
        namespace: config.TEMPORAL_NAMESPACE,
        shutdownGraceTime: `${config.WORKER_SHUTDOWN_GRACE_SECONDS}s`,
      }),
    ),
  );
  logger.info({ taskQueues: active.map((spec) => spec.taskQueue) }, 'workers started');
  await Promise.all(workers.map((worker) => worker.run()));
  await connection.close();
  logger.info('workers stopped');
}
