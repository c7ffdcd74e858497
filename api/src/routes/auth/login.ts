import type { Hono } from 'hono';
import { loginRequestSchema, logoutRequestSchema, refreshRequestSchema, sessionSchema } from '../../../../domain/auth';
import { apiErrorCodes } from '../../../../domain/errors';
import { UNKNOWN_USER_PASSWORD_HASH, verifyPassword } from '../../auth/passwords';
import { readJsonBody } from '../../http/body';
import type { AppEnv } from '../../http/context';
import { HttpError, httpErrors } from '../../http/errors';
import type { RouteDoc } from '../../http/route-doc';
import { ipAndAccountRules, ipKey, type AuthDeps } from './deps';

export const loginDoc: RouteDoc = {
  method: 'post', path: '/v1/auth/login', tag: 'auth', summary: 'Log in with email and password',
  body: loginRequestSchema,
  responses: { 200: { description: 'Session', data: sessionSchema }, 401: { description: 'Wrong email or password' }, 403: { description: 'Email not verified yet' }, 422: { description: 'Invalid input' }, 429: { description: 'Rate limited' } },
};
export const refreshDoc: RouteDoc = {
  method: 'post', path: '/v1/auth/refresh', tag: 'auth', summary: 'Exchange a refresh token for a new session (the token rotates)',
  body: refreshRequestSchema,
  responses: { 200: { description: 'New session', data: sessionSchema }, 401: { description: 'Invalid, expired, revoked or reused refresh token' }, 422: { description: 'Invalid input' } },
};
export const logoutDoc: RouteDoc = {
  method: 'post', path: '/v1/auth/logout', tag: 'auth', summary: 'End the session of a refresh token',
  body: logoutRequestSchema,
  responses: { 204: { description: 'Session ended' }, 422: { description: 'Invalid input' } },
};

export function registerLogin(app: Hono<AppEnv>, deps: AuthDeps): void {
  app.post(loginDoc.path, async (c) => {
    const body = await readJsonBody(c, loginRequestSchema);
    await deps.rateLimit(ipAndAccountRules(deps, 'login', c.get('clientIp'), body.email));
    const user = await deps.db.user.findUnique({ where: { email: body.email } });
    const passwordOk = await verifyPassword(body.password, user?.passwordHash ?? UNKNOWN_USER_PASSWORD_HASH);
    if (!user || !passwordOk) throw httpErrors.unauthenticated('Wrong email or password');
    if (!user.emailVerifiedAt) throw new HttpError(403, apiErrorCodes.emailNotVerified, 'Verify your email before logging in');
    return c.json({ data: await deps.sessions.issue(user) }, 200);
  });

  app.post(refreshDoc.path, async (c) => {
    const body = await readJsonBody(c, refreshRequestSchema);
    await deps.rateLimit([{ key: ipKey('refresh', c.get('clientIp')), limit: deps.limits.perIp * 4 }]);
    return c.json({ data: await deps.sessions.rotate(body.refreshToken, c.get('log')) }, 200);
  });

  app.post(logoutDoc.path, async (c) => {
    const body = await readJsonBody(c, logoutRequestSchema);
    await deps.sessions.revoke(body.refreshToken);
    return c.body(null, 204);
  });
}
