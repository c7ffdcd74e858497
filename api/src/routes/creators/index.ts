import type { Hono } from 'hono';
import { Prisma } from '../../../../generated/prisma/client';
import { createCreatorSchema, creatorSchema } from '../../../../domain/catalog';
import { readJsonBody } from '../../http/body';
import type { AppEnv } from '../../http/context';
import { httpErrors } from '../../http/errors';
import type { RouteDoc } from '../../http/route-doc';
import { authenticate } from '../../middleware/authenticate';
import { idParam, routePath, toCreatorDto, type CatalogDeps } from '../catalog/support';

export const createCreatorDoc: RouteDoc = {
  method: 'post', path: '/v1/creators', tag: 'creators', auth: true,
  summary: 'Become a creator: the authenticated user gets a creator profile and the creator role',
  body: createCreatorSchema,
  responses: {
    201: { description: 'Creator profile created', data: creatorSchema },
    401: { description: 'Missing, invalid or expired access token' },
    409: { description: 'The user is already a creator' },
    422: { description: 'Invalid input' },
  },
};
export const getCreatorDoc: RouteDoc = {
  method: 'get', path: '/v1/creators/{id}', tag: 'creators', summary: 'A creator (public)',
  responses: { 200: { description: 'The creator', data: creatorSchema }, 404: { description: 'No such creator' } },
};
export const creatorDocs = [createCreatorDoc, getCreatorDoc];

const alreadyCreator = () => httpErrors.conflict('You are already a creator');

export function registerCreatorRoutes(app: Hono<AppEnv>, deps: CatalogDeps): void {
  const { db } = deps;

  // The role column follows (user -> creator; an admin stays admin). Catalog permissions
  // read the creators row, so they apply at once; the role claim in access tokens
  // changes with the next login or refresh.
  app.post(createCreatorDoc.path, authenticate(deps.accessTokens), async (c) => {
    const actor = c.get('actor');
    const body = await readJsonBody(c, createCreatorSchema);
    const user = await db.user.findUnique({ where: { id: actor.userId } });
    if (!user) throw httpErrors.unauthenticated();
    if (await db.creator.findUnique({ where: { userId: user.id } })) throw alreadyCreator();
    try {
      const creator = await db.$transaction(async (tx) => {
        const created = await tx.creator.create({ data: { id: crypto.randomUUID(), userId: user.id, displayName: body.displayName } });
        if (user.role === 'user') await tx.user.update({ where: { id: user.id }, data: { role: 'creator' } });
        return created;
      });
      return c.json({ data: toCreatorDto(creator) }, 201);
    } catch (error) {
      // Two concurrent requests: the unique user_id lets exactly one through.
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') throw alreadyCreator();
      throw error;
    }
  });

  app.get(routePath(getCreatorDoc.path), async (c) => {
    const creator = await db.creator.findUnique({ where: { id: idParam(c) } });
    if (!creator) throw httpErrors.notFound();
    return c.json({ data: toCreatorDto(creator) }, 200);
  });
}
