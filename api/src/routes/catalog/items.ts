import type { Hono } from 'hono';
import { createItemSchema, itemSchema, updateItemSchema } from '../../../../domain/catalog';
import { authorize } from '../../auth/permissions';
import { readJsonBody } from '../../http/body';
import type { AppEnv } from '../../http/context';
import { httpErrors } from '../../http/errors';
import type { RouteDoc } from '../../http/route-doc';
import { authenticate } from '../../middleware/authenticate';
import { idParam, loadDropWithOwner, loadItemWithOwner, routePath, toItemDto, type CatalogDeps } from './support';

const unauthenticated = { description: 'Missing, invalid or expired access token' };

export const createItemDoc: RouteDoc = {
  method: 'post', path: '/v1/drops/{id}/items', tag: 'catalog', auth: true,
  summary: 'Add an item to a drop (its creator or an admin); available starts at supply, and supply never changes afterwards',
  body: createItemSchema,
  responses: {
    201: { description: 'The item', data: itemSchema },
    401: unauthenticated,
    403: { description: 'Not the drop\'s creator' },
    404: { description: 'No such drop' },
    422: { description: 'Invalid input' },
  },
};
export const updateItemDoc: RouteDoc = {
  method: 'patch', path: '/v1/items/{id}', tag: 'catalog', auth: true,
  summary: 'Change an item\'s name or price (its creator or an admin); supply and currency are immutable',
  body: updateItemSchema,
  responses: {
    200: { description: 'The item', data: itemSchema },
    401: unauthenticated,
    403: { description: 'Not the item\'s creator' },
    404: { description: 'No such item' },
    422: { description: 'Invalid input, including any attempt to change supply or currency' },
  },
};
export const getItemDoc: RouteDoc = {
  method: 'get', path: '/v1/items/{id}', tag: 'catalog', summary: 'An item (public)',
  responses: { 200: { description: 'The item', data: itemSchema }, 404: { description: 'No such item' } },
};
export const itemDocs = [createItemDoc, updateItemDoc, getItemDoc];

export function registerItemRoutes(app: Hono<AppEnv>, deps: CatalogDeps): void {
  const { db } = deps;
  const auth = authenticate(deps.accessTokens);

  app.post(routePath(createItemDoc.path), auth, async (c) => {
    const drop = authorize(c.get('actor'), 'write', await loadDropWithOwner(db, idParam(c)));
    const body = await readJsonBody(c, createItemSchema);
    const item = await db.item.create({ data: { ...body, id: crypto.randomUUID(), dropId: drop.id, available: body.supply } });
    return c.json({ data: toItemDto(item) }, 201);
  });

  // Supply is immutable: units may already be reserved or sold, and `available` only
  // moves through the checkout's conditional updates.
  app.patch(routePath(updateItemDoc.path), auth, async (c) => {
    const item = authorize(c.get('actor'), 'write', await loadItemWithOwner(db, idParam(c)));
    const body = await readJsonBody(c, updateItemSchema);
    const updated = await db.item.update({ where: { id: item.id }, data: body });
    return c.json({ data: toItemDto(updated) }, 200);
  });

  app.get(routePath(getItemDoc.path), async (c) => {
    const item = await db.item.findUnique({ where: { id: idParam(c) } });
    if (!item) throw httpErrors.notFound();
    return c.json({ data: toItemDto(item) }, 200);
  });
}
