import type { Hono } from 'hono';
import {
  createDropSchema, dropFiltersSchema, dropSchema, dropSummarySchema, pageSchema, updateDropSchema, type DropStatus,
} from '../../../../domain/catalog';
import type { Prisma } from '../../../../generated/prisma/client';
import type { Database } from '../../../../platform/database';
import { authorize } from '../../auth/permissions';
import { readJsonBody, readQuery } from '../../http/body';
import type { Actor, AppEnv } from '../../http/context';
import { httpErrors } from '../../http/errors';
import type { RouteDoc } from '../../http/route-doc';
import { authenticate } from '../../middleware/authenticate';
import {
  decodeCursor, encodeCursor, idParam, invalid, itemOrder, loadDropWithOwner, routePath, toDropDto, toDropSummaryDto,
  type CatalogDeps,
} from './support';

const unauthenticated = { description: 'Missing, invalid or expired access token' };

export const createDropDoc: RouteDoc = {
  method: 'post', path: '/v1/drops', tag: 'catalog', auth: true,
  summary: 'Create a drop (creators for themselves; admins for any creator via creatorId)',
  body: createDropSchema,
  responses: {
    201: { description: 'The drop, without items yet', data: dropSchema },
    401: unauthenticated,
    403: { description: 'Not a creator, or creatorId given by a non-admin' },
    422: { description: 'Invalid input (description is stored as plain text; mediaUrl must be https)' },
  },
};
export const updateDropDoc: RouteDoc = {
  method: 'patch', path: '/v1/drops/{id}', tag: 'catalog', auth: true, summary: 'Change a drop (its creator or an admin)',
  body: updateDropSchema,
  responses: {
    200: { description: 'The drop', data: dropSchema },
    401: unauthenticated,
    403: { description: 'Not the drop\'s creator' },
    404: { description: 'No such drop' },
    422: { description: 'Invalid input' },
  },
};
export const listDropsDoc: RouteDoc = {
  method: 'get', path: '/v1/drops', tag: 'catalog',
  summary: 'Drops, newest sale start first (cursor = nextCursor of the previous page)',
  query: dropFiltersSchema,
  responses: { 200: { description: 'A page of drops', data: pageSchema(dropSummarySchema) }, 422: { description: 'Invalid query parameters' } },
};
export const getDropDoc: RouteDoc = {
  method: 'get', path: '/v1/drops/{id}', tag: 'catalog', summary: 'A drop with its items (public)',
  responses: { 200: { description: 'The drop', data: dropSchema }, 404: { description: 'No such drop' } },
};
export const dropDocs = [createDropDoc, updateDropDoc, listDropsDoc, getDropDoc];

/** The creator a new drop belongs to: the actor's own profile, or any creator for an admin. */
async function owningCreatorId(db: Database, actor: Actor, ownId: string | undefined, requested: string | undefined): Promise<string> {
  if (actor.role !== 'admin') {
    if (!ownId) throw httpErrors.forbidden('Only creators can create drops');
    if (requested && requested !== ownId) throw httpErrors.forbidden('Only admins can create drops for another creator');
    return ownId;
  }
  if (!requested) {
    if (!ownId) throw invalid('creatorId', 'is required: you have no creator profile');
    return ownId;
  }
  if (!(await db.creator.findUnique({ where: { id: requested }, select: { id: true } }))) throw invalid('creatorId', 'no such creator');
  return requested;
}

function statusWhere(status: DropStatus, now: Date): Prisma.DropWhereInput {
  if (status === 'upcoming') return { saleStartsAt: { gt: now } };
  if (status === 'ended') return { saleEndsAt: { lte: now } };
  return { saleStartsAt: { lte: now }, OR: [{ saleEndsAt: null }, { saleEndsAt: { gt: now } }] };
}

export function registerDropRoutes(app: Hono<AppEnv>, deps: CatalogDeps): void {
  const { db } = deps;
  const auth = authenticate(deps.accessTokens);

  app.post(createDropDoc.path, auth, async (c) => {
    const actor = c.get('actor');
    const own = await db.creator.findUnique({ where: { userId: actor.userId }, select: { id: true } });
    // Non-admins without a creator profile get 403 whatever they send.
    if (actor.role !== 'admin' && !own) throw httpErrors.forbidden('Only creators can create drops');
    const { creatorId: requested, ...body } = await readJsonBody(c, createDropSchema);
    const creatorId = await owningCreatorId(db, actor, own?.id, requested);
    const drop = await db.drop.create({
      data: {
        ...body, id: crypto.randomUUID(), creatorId,
        saleStartsAt: new Date(body.saleStartsAt), saleEndsAt: body.saleEndsAt ? new Date(body.saleEndsAt) : null,
      },
      include: { items: true },
    });
    return c.json({ data: toDropDto(drop, new Date()) }, 201);
  });

  app.patch(routePath(updateDropDoc.path), auth, async (c) => {
    const drop = authorize(c.get('actor'), 'write', await loadDropWithOwner(db, idParam(c)));
    const { saleStartsAt, saleEndsAt, ...body } = await readJsonBody(c, updateDropSchema);
    // The sale window is checked as it will be stored: the change merged into the drop.
    const startsAt = saleStartsAt ? new Date(saleStartsAt) : drop.saleStartsAt;
    const endsAt = saleEndsAt === undefined ? drop.saleEndsAt : saleEndsAt && new Date(saleEndsAt);
    if (endsAt && endsAt.getTime() <= startsAt.getTime()) throw invalid('saleEndsAt', 'saleEndsAt must be after saleStartsAt');
    const updated = await db.drop.update({
      where: { id: drop.id },
      data: { ...body, saleStartsAt: startsAt, saleEndsAt: endsAt },
      include: { items: { orderBy: itemOrder } },
    });
    return c.json({ data: toDropDto(updated, new Date()) }, 200);
  });

  app.get(listDropsDoc.path, async (c) => {
    const query = readQuery(c, dropFiltersSchema);
    const cursor = query.cursor ? decodeCursor(query.cursor) : undefined;
    const now = new Date();
    const where: Prisma.DropWhereInput[] = [];
    if (query.creatorId) where.push({ creatorId: query.creatorId });
    if (query.status) where.push(statusWhere(query.status, now));
    if (cursor) {
      where.push({ OR: [{ saleStartsAt: { lt: cursor.saleStartsAt } }, { saleStartsAt: cursor.saleStartsAt, id: { lt: cursor.id } }] });
    }
    const rows = await db.drop.findMany({ where: { AND: where }, orderBy: [{ saleStartsAt: 'desc' }, { id: 'desc' }], take: query.limit + 1 });
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    const nextCursor = rows.length > query.limit && last ? encodeCursor(last) : null;
    return c.json({ data: { items: page.map((drop) => toDropSummaryDto(drop, now)), nextCursor } }, 200);
  });

  app.get(routePath(getDropDoc.path), async (c) => {
    const drop = await db.drop.findUnique({ where: { id: idParam(c) }, include: { items: { orderBy: itemOrder } } });
    if (!drop) throw httpErrors.notFound();
    return c.json({ data: toDropDto(drop, new Date()) }, 200);
  });
}
