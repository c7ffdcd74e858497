import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../http/context';
import { httpErrors } from '../http/errors';
import type { AccessTokens } from '../auth/access-tokens';

/** Requires `Authorization: Bearer <access token>` and puts the actor on the context. */
export function authenticate(tokens: AccessTokens) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const match = /^Bearer ([A-Za-z0-9._-]{10,4096})$/.exec(c.req.header('authorization') ?? '');
    if (!match?.[1]) throw httpErrors.unauthenticated();
    const actor = await tokens.verify(match[1]);
    if (!actor) throw httpErrors.unauthenticated('The access token is invalid or expired');
    c.set('actor', actor);
    await next();
  });
}
