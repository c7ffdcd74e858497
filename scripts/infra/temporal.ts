// Runs a Temporal CLI dev server (`temporal server start-dev`) with dropline's search attributes.
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname } from 'node:path';
import { Connection } from '@temporalio/client';
import { encodeSearchAttributeIndexedValueType } from '@temporalio/common/lib/search-attributes';
import { searchAttributeNames } from '../../domain/search-attributes';
import { describeExit, isPortOpen, sleep, spawnManaged } from './proc';

export interface TemporalOptions {
  binary: string;
  port: number;
  /** Web UI port; omitted runs the server headless. */
  uiPort?: number;
  /** SQLite file for persistent state; omitted keeps everything in memory. */
  dbFile?: string;
  /** Namespace to create (besides `default`) and register the search attributes on. */
  namespace?: string;
  log?: (line: string) => void;
  /** How long to wait for the frontend to answer; default 60s. */
  startTimeoutMs?: number;
  /** Run in its own process group (a terminal Ctrl-C then doesn't stop it before its clients). */
  detached?: boolean;
}

export interface TemporalServer {
  address: string;
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';
const STOP_GRACE_MS = 10_000;

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('could not allocate a free port'))));
    });
  });
}

/** Adds any of dropline's search attributes the namespace lacks (e.g. a `.data/temporal.db` from an older checkout). */
async function reconcileSearchAttributes(connection: Connection, namespace: string): Promise<void> {
  const existing = await connection.operatorService.listSearchAttributes({ namespace });
  const known = new Set(Object.keys(existing.customAttributes ?? {}));
  const keyword = encodeSearchAttributeIndexedValueType('KEYWORD');
  if (keyword === undefined) throw new Error('unknown search attribute type KEYWORD');
  const missing = Object.values(searchAttributeNames).filter((name) => !known.has(name));
  if (missing.length === 0) return;
  const searchAttributes = Object.fromEntries(missing.map((name) => [name, keyword]));
  await connection.operatorService.addSearchAttributes({ namespace, searchAttributes });
}

async function waitUntilReady(address: string, port: number, namespace: string, isDead: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = 'frontend port not open yet';
  while (Date.now() < deadline) {
    if (isDead()) throw new Error('the Temporal server exited during startup');
    if (await isPortOpen(HOST, port)) {
      try {
        const connection = await Connection.connect({ address, connectTimeout: 2_000 });
        try {
          await connection.withDeadline(Date.now() + 5_000, async () => {
            await connection.workflowService.getSystemInfo({});
            await connection.workflowService.describeNamespace({ namespace });
            await reconcileSearchAttributes(connection, namespace);
          });
          return;
        } finally {
          await connection.close();
        }
      } catch (error) {
        lastError = error instanceof Error ? error.message : String(error);
      }
    }
    await sleep(250);
  }
  throw new Error(`timed out after ${timeoutMs / 1000}s waiting for the Temporal frontend (${lastError})`);
}

export async function startTemporal(opts: TemporalOptions): Promise<TemporalServer> {
  const namespace = opts.namespace ?? 'default';
  const address = `${HOST}:${opts.port}`;
  const args = ['server', 'start-dev', '--ip', HOST, '--port', String(opts.port)];
  args.push(...(opts.uiPort === undefined ? ['--headless'] : ['--ui-port', String(opts.uiPort)]));
  if (opts.dbFile) {
    mkdirSync(dirname(opts.dbFile), { recursive: true });
    args.push('--db-filename', opts.dbFile);
  }
  if (namespace !== 'default') args.push('--namespace', namespace);
  for (const name of Object.values(searchAttributeNames)) args.push('--search-attribute', `${name}=Keyword`);
  args.push('--log-level', 'warn');

  if (await isPortOpen(HOST, opts.port)) throw new Error(`Cannot start Temporal on ${address}: the port is already in use.`);
  const server = spawnManaged(opts.binary, { args, onLine: opts.log, tailLines: 60, detached: opts.detached });
  try {
    await waitUntilReady(address, opts.port, namespace, server.hasExited, opts.startTimeoutMs ?? 60_000);
    if (server.hasExited()) throw new Error('the Temporal server exited during startup');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const exit = server.hasExited() ? ` (${describeExit(await server.exited)})` : '';
    await server.stop(STOP_GRACE_MS);
    throw new Error(`Temporal dev server on ${address} did not start: ${reason}${exit}.\n--- temporal output ---\n${server.tail()}`);
  }
  return {
    address,
    stop: async () => {
      await server.stop(STOP_GRACE_MS);
    },
  };
}
