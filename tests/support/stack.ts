import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../api/src/app';
import { apiConfigSchema, type ApiConfig } from '../../api/src/config';
import { loadConfig } from '../../platform/config';
import { createDatabase } from '../../platform/database';
import { connectTemporalClient } from '../../platform/temporal';
import { startAppWorker } from './app-worker';
import { infra, testLogger } from './infra';

/** The api (createApp) with its real dependencies, as tests call it in-process. */
export async function createTestApi(overrides: Record<string, string> = {}) {
  const config: ApiConfig = loadConfig(apiConfigSchema, {
    DROPLINE_ENV: 'test',
    DATABASE_URL: infra.databaseUrl(),
    TEMPORAL_ADDRESS: infra.temporalAddress(),
    // Test files share one database and call in-process (one client IP): only tests
    // about the per-IP limit set it low.
    AUTH_RATE_LIMIT_PER_IP: '100000',
    ...overrides,
  });
  const db = createDatabase(config.DATABASE_URL, { maxConnections: 5 });
  const temporal = await connectTemporalClient({ address: config.TEMPORAL_ADDRESS, namespace: config.TEMPORAL_NAMESPACE });
  const app = createApp({ config, db, temporal, logger: testLogger });
  return {
    app,
    db,
    config,
    temporal,
    async close() {
      await Promise.allSettled([db.$disconnect(), temporal.connection.close()]);
    },
  };
}

/** The api listening on a free port plus an `app` worker: what a browser talks to. */
export async function startStack(overrides: Record<string, string> = {}) {
  const api = await createTestApi(overrides);
  const worker = await startAppWorker(api.db);
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const listening = serve({ fetch: api.app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;
  return {
    apiUrl: `http://127.0.0.1:${port}`,
    sesUrl: infra.sesUrl(),
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await worker.stop();
      await api.close();
    },
  };
}
