// The benchmark's own infrastructure: one Flow emulator (dropline contracts, K proposer
// keys), one headless in-memory Temporal dev server and one scratch PostgreSQL database.
import { Client, Connection } from '@temporalio/client';
import { startLocalChain, type LocalChain } from '../../scripts/chain/local-chain';
import { applyMigrations } from '../../scripts/db/migrations';
import { databaseUrlFor, dropDatabase, ensureDatabase } from '../../scripts/infra/postgres';
import { freePort, startTemporal, type TemporalServer } from '../../scripts/infra/temporal';
import { ensureTemporalCli } from '../../scripts/infra/tools';
import { buildWorkflowBundle } from '../../scripts/workflow-bundle';

export const DEFAULT_POSTGRES_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';

export interface BenchStackOptions {
  proposerKeyCount: number;
  blockTime: string;
  postgresServerUrl: string;
  log(line: string): void;
}

export interface BenchStack {
  chain: LocalChain;
  /** The emulator's admin API (read from its log), for /emulator/computationReport. */
  emulatorAdminUrl: string | null;
  temporalAddress: string;
  databaseName: string;
  databaseUrl: string;
  workflowBundlePath: string;
  client: Client;
  /** Stops everything that was started and drops the scratch database; safe to call twice. */
  stop(): Promise<void>;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export async function startBenchStack(options: BenchStackOptions): Promise<BenchStack> {
  const databaseName = `dropline_bench_${process.pid}`;
  const cleanups: Array<{ what: string; run(): Promise<void> }> = [];
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    for (const cleanup of cleanups.reverse()) {
      await cleanup.run().catch((error: unknown) => options.log(`cleanup of ${cleanup.what} failed: ${describe(error)}`));
    }
  };

  // The emulator reads its flags from FLOW_* variables too (sconfig): this one is
  // --computation-reporting. Its transaction results always say computation_used 0, the
  // admin API's /emulator/computationReport has the real figure per transaction.
  process.env.FLOW_COMPUTATIONREPORTINGENABLED ??= 'true';
  let emulatorAdminUrl: string | null = null;
  const emulatorLog = (line: string): void => {
    const port = /Starting admin server on port (\d+)/.exec(line)?.[1];
    if (port) emulatorAdminUrl = `http://127.0.0.1:${port}`;
  };

  try {
    const started = Date.now();
    // allSettled: every started piece registers its cleanup before a failure stops them all.
    const [chainResult, temporalResult, bundleResult, databaseResult] = await Promise.allSettled([
      startLocalChain({ proposerKeyCount: options.proposerKeyCount, blockTime: options.blockTime, log: emulatorLog }).then((value) => {
        cleanups.push({ what: 'flow emulator', run: value.stop });
        options.log(`flow emulator at ${value.restUrl} (block time ${options.blockTime}, ${options.proposerKeyCount} proposer keys) in ${secondsSince(started)}s`);
        return value;
      }),
      ensureTemporalCli().then(async (binary) => {
        const server: TemporalServer = await startTemporal({ binary, port: await freePort() });
        cleanups.push({ what: 'temporal dev server', run: server.stop });
        options.log(`temporal dev server at ${server.address} (headless, in memory) in ${secondsSince(started)}s`);
        return server;
      }),
      buildWorkflowBundle(),
      (async () => {
        await ensureDatabase(options.postgresServerUrl, databaseName);
        cleanups.push({ what: `database ${databaseName}`, run: () => dropDatabase(options.postgresServerUrl, databaseName) });
        const { applied } = await applyMigrations(databaseUrlFor(options.postgresServerUrl, databaseName));
        options.log(`database ${databaseName} created, ${applied.length} migrations applied`);
      })(),
    ]);
    settledValue(databaseResult);
    const chain = settledValue(chainResult);
    const temporal = settledValue(temporalResult);
    const workflowBundlePath = settledValue(bundleResult);
    const connection = await Connection.connect({ address: temporal.address, connectTimeout: '10s' });
    cleanups.push({ what: 'temporal client', run: () => connection.close() });
    return {
      chain,
      emulatorAdminUrl,
      temporalAddress: temporal.address,
      databaseName,
      databaseUrl: databaseUrlFor(options.postgresServerUrl, databaseName),
      workflowBundlePath,
      client: new Client({ connection, namespace: 'default' }),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

function settledValue<T>(result: PromiseSettledResult<T>): T {
  if (result.status === 'rejected') throw result.reason;
  return result.value;
}

export function secondsSince(started: number): string {
  return ((Date.now() - started) / 1000).toFixed(1);
}
