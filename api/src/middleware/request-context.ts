import { getConnInfo } from '@hono/node-server/conninfo';
import { createMiddleware } from 'hono/factory';
import type { Logger } from '../../../platform/logger';
import type { AppEnv } from '../http/context';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,128}$/;

/** Gives every request an id (the caller's X-Request-Id when well-formed), a child logger and the client IP. */
export function requestContext(logger: Logger, trustProxy: boolean) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const incoming = c.req.header('x-request-id');
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
    c.set('requestId', requestId);
    c.set('log', logger.child({ requestId }));
    c.set('clientIp', clientIp(c.req.header('x-forwarded-for'), trustProxy, () => getConnInfo(c).remote.address));
    c.header('X-Request-Id', requestId);
    const started = performance.now();
    await next();
    c.get('log').info(
      { method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started) },
      'request',
    );
  });
}

function clientIp(forwardedFor: string | undefined, trustProxy: boolean, socketAddress: () => string | undefined): string {
  if (trustProxy && forwardedFor) return forwardedFor.split(',')[0]?.trim() || 'unknown';
  try {
    return socketAddress() ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
