import net from 'node:net';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { applyMigrations } from '../../scripts/db/migrations';
import { dropDatabase, ensureDatabase, databaseUrlFor, startPostgres } from '../../scripts/infra/postgres';
import { startSesEmulator } from '../../scripts/infra/ses';
import { startStripeMock } from '../../scripts/infra/stripe-mock';
import { freePort, startTemporal } from '../../scripts/infra/temporal';
import { ensureTemporalCli } from '../../scripts/infra/tools';
import { buildWorkflowBundle } from '../../scripts/workflow-bundle';
import { startLocalChain } from '../../scripts/chain/local-chain';

/** Proposal keys on the test chain: the chain tests use several lanes. */
export const TEST_PROPOSER_KEYS = 8;

// Starts the real infrastructure once per test run: a Temporal dev server, an isolated
// PostgreSQL database (migrated), the SES emulator, stripe-mock, the Flow emulator with dropline's
// contracts and proposal keys, and the workflow bundle.

declare module 'vitest' {
  export interface ProvidedContext {
    temporalAddress: string;
    databaseUrl: string;
    postgresServerUrl: string;
    sesUrl: string;
    workflowBundlePath: string;
    flowRestUrl: string;
    flowServiceAddress: string;
    flowServicePrivateKey: string;
    stripeMockUrl: string;
  }
}

const LOCAL_POSTGRES = 'postgresql://postgres@127.0.0.1:5432/postgres';

function reachable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => (socket.destroy(), resolve(true)));
    socket.on('error', () => resolve(false));
  });
}

async function postgresServer(): Promise<{ url: string; stop: () => Promise<void> }> {
  const configured = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (configured) return { url: configured, stop: async () => {} };
  if (await reachable(5432)) return { url: LOCAL_POSTGRES, stop: async () => {} };
  const embedded = await startPostgres({ dataDir: path.resolve('.data', 'pg-test'), port: await freePort() });
  return { url: embedded.databaseUrl, stop: embedded.stop };
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const [temporal, server, ses, workflowBundlePath, chain, stripeMock] = await Promise.all([
    ensureTemporalCli().then(async (binary) => startTemporal({ binary, port: await freePort() })),
    postgresServer(),
    freePort().then((port) => startSesEmulator({ port })),
    buildWorkflowBundle(),
    startLocalChain({ proposerKeyCount: TEST_PROPOSER_KEYS }),
    freePort().then((httpPort) => startStripeMock({ httpPort })),
  ]);
  const databaseName = `dropline_test_${process.pid}_${Date.now()}`;
  await ensureDatabase(server.url, databaseName);
  const databaseUrl = databaseUrlFor(server.url, databaseName);
  await applyMigrations(databaseUrl);

  project.provide('temporalAddress', temporal.address);
  project.provide('databaseUrl', databaseUrl);
  project.provide('postgresServerUrl', server.url);
  project.provide('sesUrl', ses.url);
  project.provide('workflowBundlePath', workflowBundlePath);
  project.provide('flowRestUrl', chain.restUrl);
  project.provide('flowServiceAddress', chain.serviceAddress);
  project.provide('flowServicePrivateKey', chain.servicePrivateKey);
  project.provide('stripeMockUrl', stripeMock.url);

  return async () => {
    await Promise.allSettled([temporal.stop(), ses.stop(), chain.stop(), stripeMock.stop()]);
    await dropDatabase(server.url, databaseName);
    await server.stop();
  };
}
