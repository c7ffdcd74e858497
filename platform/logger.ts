import { pino, type Logger, type LoggerOptions } from 'pino';
import type { Environment } from './config';

export type { Logger } from 'pino';

/** JSON lines in production, pretty lines in development; silent when level is 'silent'. */
export function createLogger(options: { name: string; level: string; environment: Environment }): Logger {
  const base: LoggerOptions = {
    name: options.name,
    level: options.level,
    redact: { paths: ['password', '*.password', 'refreshToken', '*.refreshToken', 'req.headers.authorization'], censor: '[redacted]' },
  };
  if (options.environment === 'development') {
    return pino({ ...base, transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'HH:MM:ss.l', ignore: 'pid,hostname' } } });
  }
  return pino(base);
}
