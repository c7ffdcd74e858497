import type { Hono } from 'hono';
import { Prisma } from '../../../../generated/prisma/client';
import { signupRequestSchema, signupResponseSchema, type SignupResponse } from '../../../../domain/auth';
import { hashPassword } from '../../auth/passwords';
import { readJsonBody } from '../../http/body';
import type { AppEnv } from '../../http/context';
import { httpErrors } from '../../http/errors';
import type { RouteDoc } from '../../http/route-doc';
import { ipKey, type AuthDeps } from './deps';

export const signupDoc: RouteDoc = {
  method: 'post', path: '/v1/auth/signup', tag: 'auth', summary: 'Create an account and email a verification code',
  body: signupRequestSchema,
  responses: { 201: { description: 'Account created, code sent', data: signupResponseSchema }, 409: { description: 'Email already registered' }, 422: { description: 'Invalid input' }, 429: { description: 'Rate limited' } },
};

export function registerSignup(app: Hono<AppEnv>, deps: AuthDeps & { codeTtlSeconds: number }): void {
  app.post(signupDoc.path, async (c) => {
    const body = await readJsonBody(c, signupRequestSchema);
    await deps.rateLimit([{ key: ipKey('signup', c.get('clientIp')), limit: deps.limits.perIp }]);
    const user = { id: crypto.randomUUID(), email: body.email };
    try {
      await deps.db.user.create({ data: { ...user, passwordHash: await hashPassword(body.password) } });
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
        throw httpErrors.conflict('An account with this email already exists');
      }
      throw error;
    }
    try {
      await deps.signup.start(user);
    } catch (error) {
      // Without its workflow the account could never be verified: take it back.
      await deps.db.user.delete({ where: { id: user.id } });
      c.get('log').error({ err: error, userId: user.id }, 'could not start signup workflow');
      throw httpErrors.unavailable();
    }
    const data: SignupResponse = { userId: user.id, email: user.email, verification: { expiresInSeconds: deps.codeTtlSeconds } };
    return c.json({ data }, 201);
  });
}
