import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { taskQueues } from '../../domain/task-queues';
import { loadConfig } from '../../platform/config';
import type { Database } from '../../platform/database';
import { createAppActivities } from '../../workers/src/app/activities';
import { appWorkerConfigSchema } from '../../workers/src/app/config';
import { infra } from './infra';

let runtimeInstalled = false;

/** Runs the real `app` worker (bundle + activities) in this test process. */
export async function startAppWorker(db: Database, taskQueue: string = taskQueues.app): Promise<{ stop(): Promise<void> }> {
  const config = loadConfig(appWorkerConfigSchema, {
    DROPLINE_ENV: 'test',
    DATABASE_URL: infra.databaseUrl(),
    SES_ENDPOINT: infra.sesUrl(),
    TEMPORAL_ADDRESS: infra.temporalAddress(),
  });
  if (!runtimeInstalled) {
    // Worker lifecycle chatter would drown the test output; warnings and errors still show.
    Runtime.install({ logger: new DefaultLogger('WARN') });
    runtimeInstalled = true;
  }
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  const worker = await Worker.create({
    connection,
    taskQueue,
    workflowBundle: { codePath: infra.workflowBundlePath() },
    activities: createAppActivities(config, db),
  });
  const running = worker.run();
  return {
    async stop() {
      worker.shutdown();
      await running;
      await connection.close();
    },
  };
}
