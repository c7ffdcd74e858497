import { DefaultLogger, NativeConnection, Runtime, makeTelemetryFilterString, type LogLevel, type LogMetadata } from '@temporalio/worker';
import type { Logger } from '../../../platform/logger';
import type { WorkerBaseConfig } from './config';

const pinoLevels: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error',
};

/**
 * Installs the Temporal runtime once per process: SDK logs go to pino (workflow id, run id
 * and activity id ride in each line's metadata), SDK metrics to a Prometheus endpoint.
 */
export function installRuntime(logger: Logger, metricsPort: number): void {
  Runtime.install({
    logger: new DefaultLogger('INFO', (entry) => {
      const meta: LogMetadata = entry.meta ?? {};
      logger[pinoLevels[entry.level]](meta, entry.message);
    }),
    telemetryOptions: {
      logging: { filter: makeTelemetryFilterString({ core: 'WARN' }), forward: {} },
      metrics: { prometheus: { bindAddress: `0.0.0.0:${metricsPort}` } },
    },
  });
}

export async function connectWorkerTemporal(config: WorkerBaseConfig): Promise<NativeConnection> {
  return NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
}
