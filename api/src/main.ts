import { serve } from '@hono/node-server';
import { loadConfig } from '../../platform/config';
import { createDatabase } from '../../platform/database';
import { createLogger } from '../../platform/logger';
import { connectTemporalClient } from '../../platform/temporal';
import { createApp } from './app';
import { apiConfigSchema, apiProductionRules } from './config';

const config = loadConfig(apiConfigSchema, process.env, apiProductionRules);
const logger = createLogger({ name: 'api', level: config.LOG_LEVEL, environment: config.DROPLINE_ENV });
const db = createDatabase(config.DATABASE_URL);
const temporal = await connectTemporalClient({ address: config.TEMPORAL_ADDRESS, namespace: config.TEMPORAL_NAMESPACE });

const server = serve({ fetch: createApp({ config, db, temporal, logger }).fetch, hostname: config.API_HOST, port: config.API_PORT }, (info) => {
  logger.info({ port: info.port, host: config.API_HOST }, 'api listening');
});

async function shutdown(signal: string): Promise<void> {
  logger.info({ signal }, 'api shutting down');
  server.close();
  await Promise.allSettled([db.$disconnect(), temporal.connection.close()]);
  process.exit(0);
}
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));
