import { Worker, type NativeConnection } from '@temporalio/worker';
import { taskQueues } from '../../../domain/task-queues';
import type { KeyLeaseHolder } from '../../../platform/key-leases';
import type { Logger } from '../../../platform/logger';

export interface LaneSupervisorOptions {
  connection: NativeConnection;
  namespace: string;
  leases: KeyLeaseHolder;
  keyIndexes: number[];
  retrySeconds: number;
  shutdownGraceSeconds: number;
  activitiesFor(keyIndex: number): object;
  logger: Logger;
}

export interface LaneSupervisor {
  served(): number[];
  /** Stops every lane (in-flight tasks finish within the grace time) and releases the leases. */
  stop(): Promise<void>;
}

/**
 * Serves every proposer key this process holds the lease for, one Temporal worker per key
 * with one activity at a time. Keys leased elsewhere are retried periodically, so a
 * surviving process takes over the lanes of one that died. Never polls a key's queue
 * without its lease; if the lease connection drops, every lane stops at once.
 */
export async function startLaneSupervisor(options: LaneSupervisorOptions): Promise<LaneSupervisor> {
  const running = new Map<number, { worker: Worker; done: Promise<void> }>();
  let stopping = false;

  async function startLane(keyIndex: number): Promise<void> {
    const worker = await Worker.create({
      connection: options.connection,
      namespace: options.namespace,
      taskQueue: taskQueues.chainProposer(keyIndex),
      activities: options.activitiesFor(keyIndex),
      maxConcurrentActivityTaskExecutions: 1,
      shutdownGraceTime: `${options.shutdownGraceSeconds}s`,
    });
    const done = worker.run().finally(() => options.leases.release(keyIndex));
    running.set(keyIndex, { worker, done });
    options.logger.info({ lane: keyIndex }, 'lane leased and served');
  }

  async function acquireFreeLanes(): Promise<void> {
    for (const keyIndex of options.keyIndexes) {
      if (stopping || running.has(keyIndex)) continue;
      if (await options.leases.tryAcquire(keyIndex)) await startLane(keyIndex);
    }
  }

  async function stopAll(): Promise<void> {
    if (stopping) return;
    stopping = true;
    clearInterval(retry);
    options.logger.info({ lanes: [...running.keys()] }, 'stopping lanes');
    for (const { worker } of running.values()) if (worker.getState() === 'RUNNING') worker.shutdown();
    await Promise.allSettled([...running.values()].map((lane) => lane.done));
  }

  const retry = setInterval(() => void acquireFreeLanes().catch((error: unknown) => options.logger.error({ err: error }, 'lease retry failed')), options.retrySeconds * 1000);
  void options.leases.lost.then((error) => {
    // Another process may take the keys the moment PostgreSQL notices: stop signing now,
    // without a grace period. Temporal hands the interrupted tasks to the new holder.
    options.logger.fatal({ err: error }, 'key lease connection lost; exiting');
    process.exit(1);
  });
  await acquireFreeLanes();
  return { served: () => [...running.keys()].sort((a, b) => a - b), stop: stopAll };
}
