import type { Hono } from 'hono';
import { resendRequestSchema, resendResponseSchema, sessionSchema, verifyRequestSchema } from '../../../../domain/auth';
import { apiErrorCodes } from '../../../../domain/errors';
import { readJsonBody } from '../../http/body';
import type { AppEnv } from '../../http/context';
import { HttpError, httpErrors } from '../../http/errors';
import type { RouteDoc } from '../../http/route-doc';
import { ipAndAccountRules, type AuthDeps } from './deps';

export const verifyDoc: RouteDoc = {
  method: 'post', path: '/v1/auth/verify', tag: 'auth', summary: 'Submit the emailed code; returns a session',
  body: verifyRequestSchema,
  responses: { 200: { description: 'Email verified', data: sessionSchema }, 400: { description: 'Wrong code' }, 409: { description: 'Already verified' }, 410: { description: 'Code expired or locked; request a new one' }, 422: { description: 'Invalid input' }, 429: { description: 'Rate limited' } },
};

export const resendDoc: RouteDoc = {
  method: 'post', path: '/v1/auth/resend', tag: 'auth', summary: 'Email a new verification code',
  body: resendRequestSchema,
  responses: { 200: { description: 'A code was sent if the account awaits verification', data: resendResponseSchema }, 422: { description: 'Invalid input' }, 429: { description: 'Resend limit reached or rate limited' } },
};

const verificationClosed = () =>
  new HttpError(410, apiErrorCodes.verificationClosed, 'This code is no longer valid. Request a new code.');

export function registerVerification(app: Hono<AppEnv>, deps: AuthDeps): void {
  app.post(verifyDoc.path, async (c) => {
    const body = await readJsonBody(c, verifyRequestSchema);
    await deps.rateLimit(ipAndAccountRules(deps, 'verify', c.get('clientIp'), body.email));
    const user = await deps.db.user.findUnique({ where: { email: body.email } });
    if (!user) throw httpErrors.badRequest('Wrong code');
    if (user.emailVerifiedAt) throw httpErrors.conflict('This email is already verified; log in instead');
    const result = await deps.signup.submitCode(user.id, body.code);
    if (!result) throw verificationClosed();
    if (result.outcome === 'wrong_code') {
      throw httpErrors.badRequest(`Wrong code, ${result.attemptsLeft} ${result.attemptsLeft === 1 ? 'try' : 'tries'} left`);
    }
    if (result.outcome === 'closed') {
      if (result.status === 'verified') throw httpErrors.conflict('This email is already verified; log in instead');
      throw verificationClosed();
    }
    const verified = await deps.db.user.findUniqueOrThrow({ where: { id: user.id } });
    return c.json({ data: await deps.sessions.issue(verified) }, 200);
  });

  app.post(resendDoc.path, async (c) => {
    const body = await readJsonBody(c, resendRequestSchema);
    await deps.rateLimit(ipAndAccountRules(deps, 'resend', c.get('clientIp'), body.email));
    const user = await deps.db.user.findUnique({ where: { email: body.email } });
    // The answer is the same whether or not the account exists or is verified.
    if (user && !user.emailVerifiedAt) {
      const result = await deps.signup.resend(user.id);
      if (result?.outcome === 'limit_reached') {
        throw new HttpError(429, apiErrorCodes.rateLimited, 'Too many codes requested; wait for the current one to expire');
      }
    }
    return c.json({ data: { sent: true as const } }, 200);
  });
}
