import type { Hono } from 'hono';
import { userSchema } from '../../../../domain/auth';
import type { Database } from '../../../../platform/database';
import type { AccessTokens } from '../../auth/access-tokens';
import { authorize } from '../../auth/permissions';
import { toUserDto } from '../../auth/user-dto';
import type { AppEnv } from '../../http/context';
import type { RouteDoc } from '../../http/route-doc';
import { authenticate } from '../../middleware/authenticate';

export const meDoc: RouteDoc = {
  method: 'get', path: '/v1/me', tag: 'users', summary: 'The authenticated user', auth: true,
  responses: { 200: { description: 'The user', data: userSchema }, 401: { description: 'Missing, invalid or expired access token' } },
};

export function registerMe(app: Hono<AppEnv>, deps: { db: Database; accessTokens: AccessTokens }): void {
  app.get(meDoc.path, authenticate(deps.accessTokens), async (c) => {
    const actor = c.get('actor');
    const found = await deps.db.user.findUnique({ where: { id: actor.userId } });
    const user = authorize(actor, 'read', found && { ...found, ownerId: found.id });
    return c.json({ data: toUserDto(user) }, 200);
  });
}
