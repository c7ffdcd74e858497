import { createMiddleware } from 'hono/factory';
import { apiErrorCodes } from '../../../domain/errors';
import type { AppEnv } from '../http/context';
import { HttpError } from '../http/errors';

/** Refuses requests whose Host header is not in the allowlist (Host header injection). */
export function hostAllowlist(allowedHosts: string[]) {
  const allowed = new Set(allowedHosts.map((host) => host.toLowerCase()));
  return createMiddleware<AppEnv>(async (c, next) => {
    const host = (c.req.header('host') ?? '').toLowerCase().replace(/:\d+$/, '');
    if (!allowed.has(host)) throw new HttpError(400, apiErrorCodes.badRequest, 'Host not allowed');
    await next();
  });
}
