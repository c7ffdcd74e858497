import { DefaultLogger, NativeConnection, Runtime, Worker, type WorkerOptions } from '@temporalio/worker';

let runtimeInstalled = false;

/** Runs a Temporal worker in this test process until `stop()`. */
export async function runTestWorker(
  address: string,
  options: Pick<WorkerOptions, 'taskQueue' | 'activities' | 'workflowBundle'>,
): Promise<{ stop(): Promise<void> }> {
  if (!runtimeInstalled) {
    // Worker lifecycle chatter would drown the test output; warnings and errors still show.
    Runtime.install({ logger: new DefaultLogger('WARN') });
    runtimeInstalled = true;
  }
  const connection = await NativeConnection.connect({ address });
  const worker = await Worker.create({ connection, ...options });
  const running = worker.run();
  return {
    async stop() {
      worker.shutdown();
      await running;
      await connection.close();
    },
  };
}
