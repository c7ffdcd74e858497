import { spawnManaged, type ManagedProcess } from '../../scripts/infra/proc';

/**
 * Starts a worker entry point (e.g. `workers/src/app/main.ts`) as its own process. Node runs
 * it directly (`node --import tsx`), not through npx: the pid we hold is the worker itself,
 * so SIGKILL and SIGTERM reach it and its exit status is its own.
 */
export function spawnWorkerProcess(entry: string, env: Record<string, string>): ManagedProcess {
  return spawnManaged(process.execPath, {
    args: ['--import', 'tsx', entry],
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'warn', WORKER_SHUTDOWN_GRACE_SECONDS: '2', ...env },
    tailLines: 80,
  });
}
