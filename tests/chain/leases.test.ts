import { hostname } from 'node:os';
import { temporal } from '@temporalio/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { taskQueues } from '../../domain/task-queues';
import { TEST_PROPOSER_KEYS } from '../support/global-setup';
import { leaseHolders, leaseSessions, spawnChainWorker, waitFor, type ChainWorkerProcess } from './chain-processes';
import { createIsolatedChainEnv, type IsolatedChainEnv } from './isolated-env';

// Two real chain worker processes (workers/src/chain/main.ts) started together, in a
// namespace and database of their own: each proposer key is leased (PostgreSQL) and its
// `chain-proposer-<i>` queue polled (Temporal) by one and the same process; when one is
// terminated the other takes over every lane.

const keys = Array.from({ length: TEST_PROPOSER_KEYS }, (_, index) => index + 1);
let env: IsolatedChainEnv;
const workers: ChainWorkerProcess[] = [];

/**
 * Identities of the activity pollers the server has seen on a lane's queue, with their last
 * poll. A queue has several partitions and the default describe mode reports the root
 * partition only; ENHANCED mode (supported by the pinned dev server) reports them all.
 */
async function pollers(keyIndex: number): Promise<Array<{ identity: string; lastAccess: number }>> {
  const { DescribeTaskQueueMode, TaskQueueKind, TaskQueueType } = temporal.api.enums.v1;
  const answer = await env.client.workflowService.describeTaskQueue({
    namespace: env.namespace,
    taskQueue: { name: taskQueues.chainProposer(keyIndex), kind: TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
    apiMode: DescribeTaskQueueMode.DESCRIBE_TASK_QUEUE_MODE_ENHANCED,
    taskQueueTypes: [TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY],
    reportPollers: true,
  });
  const seen = Object.values(answer.versionsInfo ?? {}).flatMap((version) => Object.values(version.typesInfo ?? {}).flatMap((info) => info.pollers ?? []));
  return seen.map((poller) => ({
    identity: poller.identity ?? '',
    lastAccess: Number(poller.lastAccessTime?.seconds ?? 0) * 1000 + Math.floor((poller.lastAccessTime?.nanos ?? 0) / 1e6),
  }));
}

const identityOf = (pid: number) => `${pid}@${hostname()}`;

beforeAll(async () => {
  env = await createIsolatedChainEnv('leases', { ownChain: false });
}, 120_000);

afterAll(async () => {
  await Promise.allSettled(workers.map((worker) => worker.proc.stop(5_000)));
  await env?.close();
});

describe('proposer-key leases across chain worker processes', () => {
  it('never lets two processes serve one key, and hands every lane to the survivor of a SIGTERM', async () => {
    workers.push(...(await Promise.all([spawnChainWorker(env.workerEnv), spawnChainWorker(env.workerEnv)])));
    const pids = workers.map((worker) => worker.pid);
    const failure = () => workers.map((worker) => `--- worker ${worker.pid}\n${worker.proc.tail()}`).join('\n');

    await waitFor('all lanes leased and polled', async () => {
      if (workers.some((worker) => worker.proc.hasExited())) throw new Error(`a chain worker exited\n${failure()}`);
      // Both processes up (lease connection open), every key leased, every queue polled.
      const sessions = await leaseSessions(env.db);
      if (!pids.every((pid) => sessions.includes(pid))) return false;
      const holders = await leaseHolders(env.db);
      if (holders.size < keys.length) return false;
      const seen = await Promise.all(keys.map(pollers));
      return seen.every((queue) => queue.length > 0);
    }, 60_000);

    // Several looks, a lease-retry period apart: a process without the lease (retrying it
    // every second) never polls. Which process wins which keys depends on start-up timing.
    for (let look = 0; look < 3; look++) {
      const holders = await leaseHolders(env.db);
      expect([...holders.keys()]).toEqual(keys);
      for (const keyIndex of keys) {
        const holder = holders.get(keyIndex)!;
        expect(pids).toContain(holder);
        const identities = (await pollers(keyIndex)).map((poller) => poller.identity);
        expect(identities.length).toBeGreaterThan(0);
        // The SDK's default worker identity is `<pid>@<host>`: every poller is the lease holder.
        expect(new Set(identities), `pollers of chain-proposer-${keyIndex}`).toEqual(new Set([identityOf(holder)]));
      }
      await new Promise((resolve) => setTimeout(resolve, 1_100));
    }

    const split = await leaseHolders(env.db);
    const lanesOf = (pid: number) => keys.filter((keyIndex) => split.get(keyIndex) === pid);
    const [victim, survivor] = lanesOf(workers[0]!.pid).length >= lanesOf(workers[1]!.pid).length ? [workers[0]!, workers[1]!] : [workers[1]!, workers[0]!];
    expect(lanesOf(victim.pid).length).toBeGreaterThan(0);

    const terminatedAt = Date.now();
    victim.proc.child.kill('SIGTERM');
    await waitFor('the survivor to lease every lane', async () => {
      const holders = await leaseHolders(env.db);
      return keys.every((keyIndex) => holders.get(keyIndex) === survivor.pid);
    }, 15_000, 100);
    const takeoverMs = Date.now() - terminatedAt;
    // Shutdown grace (2s) + lease retry (1s) + a worker start per lane.
    expect(takeoverMs).toBeLessThan(8_000);

    const exit = await Promise.race([victim.proc.exited, new Promise<null>((resolve) => setTimeout(() => resolve(null), 20_000))]);
    expect(exit, `the terminated worker did not exit cleanly\n${victim.proc.tail()}`).toEqual({ code: 0, signal: null });
    expect(survivor.proc.hasExited()).toBe(false);

    // The survivor polls every queue: those it took over since the takeover (its own it has
    // been long-polling all along).
    await waitFor('the survivor polling every lane', async () => {
      const seen = await Promise.all(keys.map(pollers));
      return keys.every((keyIndex, index) =>
        seen[index]!.some((poller) => poller.identity === identityOf(survivor.pid) && (split.get(keyIndex) === survivor.pid || poller.lastAccess >= terminatedAt - 1_000)),
      );
    }, 15_000);
  }, 150_000);
});
