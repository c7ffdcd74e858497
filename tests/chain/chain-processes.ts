import type { ManagedProcess } from '../../scripts/infra/proc';
import { spawnWorkerProcess } from '../support/worker-process';
import { freePort } from '../../scripts/infra/temporal';
import type { Database } from '../../platform/database';

// Chain worker processes (the real entry point, workers/src/chain/main.ts) and what the
// tests observe about them: who holds which key lease, and their metrics.

/** platform/key-leases.ts: the first int4 of every proposer-key advisory lock ("drop"). */
export const LEASE_NAMESPACE = 0x64726f70;

export interface ChainWorkerProcess {
  /** The worker's own pid: `dropline-chain:<pid>` in PostgreSQL, `<pid>@<host>` as Temporal poller. */
  pid: number;
  proc: ManagedProcess;
  scrapeMetrics(): Promise<string>;
}

/** Starts the chain worker entry point as its own process (its pid is the worker's). */
export async function spawnChainWorker(env: Record<string, string>): Promise<ChainWorkerProcess> {
  const [sdkPort, metricsPort] = [await freePort(), await freePort()];
  const proc = spawnWorkerProcess('workers/src/chain/main.ts', {
    CHAIN_LEASE_RETRY_SECONDS: '1',
    CHAIN_WORKER_METRICS_PORT: String(sdkPort),
    CHAIN_METRICS_PORT: String(metricsPort),
    ...env,
  });
  const pid = proc.child.pid;
  if (pid === undefined) throw new Error(`chain worker did not start: ${proc.tail()}`);
  return {
    pid,
    proc,
    async scrapeMetrics() {
      const response = await fetch(`http://127.0.0.1:${metricsPort}/metrics`, { signal: AbortSignal.timeout(5_000) });
      return response.text();
    },
  };
}

/** Key index → pid of the chain worker holding its lease, read from pg_locks and pg_stat_activity. */
export async function leaseHolders(db: Database): Promise<Map<number, number>> {
  const rows = await db.$queryRawUnsafe<Array<{ key_index: number; application_name: string }>>(
    `SELECT l.objid::int AS key_index, a.application_name
       FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
      WHERE l.locktype = 'advisory' AND l.classid = $1 AND l.objsubid = 2 AND l.granted
        AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
      ORDER BY 1`,
    LEASE_NAMESPACE,
  );
  const holders = new Map<number, number>();
  for (const row of rows) {
    const match = /^dropline-chain(?:-test)?:(\d+)$/.exec(row.application_name);
    if (!match) throw new Error(`lease ${row.key_index} is held by an unexpected session "${row.application_name}"`);
    if (holders.has(row.key_index)) throw new Error(`lease ${row.key_index} is held twice`);
    holders.set(row.key_index, Number(match[1]));
  }
  return holders;
}

/** Pids of the chain workers whose lease connection is open (leases held or not). */
export async function leaseSessions(db: Database): Promise<number[]> {
  const rows = await db.$queryRawUnsafe<Array<{ application_name: string }>>(
    "SELECT application_name FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE 'dropline-chain%'",
  );
  return rows.map((row) => Number(/:(\d+)$/.exec(row.application_name)?.[1])).sort((a, b) => a - b);
}

/** The sum of every sample of a counter or gauge in Prometheus text format (0 when absent). */
export function metricTotal(exposition: string, name: string): number {
  let total = 0;
  for (const line of exposition.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{[^}]*\})? ([^ ]+)/.exec(line);
    if (match && match[1] === name) total += Number(match[2]);
  }
  return total;
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs: number, intervalMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs}ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
