import { WithStartWorkflowOperation, WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { Hono } from 'hono';
import { z } from 'zod';
import { paginationSchema, pageSchema } from '../../../../domain/catalog';
import { apiErrorCodes, type ApiErrorCode } from '../../../../domain/errors';
import { workflowIds } from '../../../../domain/ids';
import { createOrderSchema, orderSchema } from '../../../../domain/orders';
import { taskQueues } from '../../../../domain/task-queues';
import type { Database } from '../../../../platform/database';
import { reserveUpdate, type CheckoutInput, type ReserveResult } from '../../../../workflows/src/checkout/messages';
import type { checkoutWorkflow } from '../../../../workflows/src/checkout/checkout.workflow';
import type { AccessTokens } from '../../auth/access-tokens';
import { authorize } from '../../auth/permissions';
import { readJsonBody, readQuery } from '../../http/body';
import type { AppEnv } from '../../http/context';
import { HttpError, httpErrors } from '../../http/errors';
import type { RouteDoc } from '../../http/route-doc';
import { authenticate } from '../../middleware/authenticate';
import { orderIdFor, toOrderDto } from './order-dto';

export const orderDocs: RouteDoc[] = [
  {
    method: 'post', path: '/v1/orders', tag: 'orders', auth: true, summary: 'Reserve an item and open a Stripe Checkout Session (same idempotencyKey = same order)',
    body: createOrderSchema,
    responses: { 201: { description: 'Reserved; pay at checkoutUrl', data: orderSchema }, 200: { description: 'The existing order for this idempotencyKey', data: orderSchema }, 404: { description: 'No such item' }, 409: { description: 'Sold out, purchase limit reached or not on sale' }, 422: { description: 'Invalid input' } },
  },
  { method: 'get', path: '/v1/orders', tag: 'orders', auth: true, summary: "The caller's orders, newest first", query: paginationSchema, responses: { 200: { description: 'A page of orders', data: pageSchema(orderSchema) } } },
  { method: 'get', path: '/v1/orders/{id}', tag: 'orders', auth: true, summary: 'One order: status, steps done, NFT id and tx id once minted', responses: { 200: { description: 'The order', data: orderSchema }, 404: { description: 'No such order (or not yours)' } } },
];

const refusals: Record<Exclude<ReserveResult['outcome'], 'reserved' | 'closed'>, ApiErrorCode> = {
  sold_out: apiErrorCodes.soldOut,
  limit_reached: apiErrorCodes.purchaseLimitReached,
  not_on_sale: apiErrorCodes.notOnSale,
};

export function registerOrderRoutes(app: Hono<AppEnv>, deps: { db: Database; temporal: Client; accessTokens: AccessTokens; reservationSeconds: number }): void {
  const { db } = deps;
  const auth = authenticate(deps.accessTokens);

  app.post('/v1/orders', auth, async (c) => {
    const body = await readJsonBody(c, createOrderSchema);
    const actor = c.get('actor');
    const [item, buyer] = await Promise.all([db.item.findUnique({ where: { id: body.itemId } }), db.user.findUnique({ where: { id: actor.userId } })]);
    if (!item) throw httpErrors.notFound('No such item');
    if (!buyer) throw httpErrors.unauthenticated();
    const orderId = orderIdFor(actor.userId, body.idempotencyKey);
    const existed = (await db.order.count({ where: { id: orderId } })) > 0;
    const input: CheckoutInput = { orderId, buyerId: actor.userId, buyerEmail: buyer.email, itemId: item.id, reservationSeconds: deps.reservationSeconds };
    let result: ReserveResult;
    try {
      result = await deps.temporal.workflow.executeUpdateWithStart(reserveUpdate, {
        startWorkflowOperation: new WithStartWorkflowOperation<typeof checkoutWorkflow>('checkoutWorkflow', {
          workflowId: workflowIds.checkout(orderId),
          taskQueue: taskQueues.app,
          args: [input],
          workflowIdConflictPolicy: 'USE_EXISTING',
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
        }),
      });
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
      result = { outcome: 'closed', status: 'fulfilled' };
    }
    if (result.outcome === 'sold_out' || result.outcome === 'limit_reached' || result.outcome === 'not_on_sale') {
      throw new HttpError(409, refusals[result.outcome], result.message);
    }
    const order = await db.order.findUnique({ where: { id: orderId } });
    if (!order) throw new HttpError(409, apiErrorCodes.soldOut, 'This order could not be placed');
    return c.json({ data: toOrderDto(order) }, existed ? 200 : 201);
  });

  app.get('/v1/orders', auth, async (c) => {
    const query = readQuery(c, paginationSchema);
    const cursor = query.cursor ? z.iso.datetime().safeParse(Buffer.from(query.cursor, 'base64url').toString()) : null;
    if (cursor && !cursor.success) throw httpErrors.badRequest('Invalid cursor');
    const rows = await db.order.findMany({
      where: { buyerId: c.get('actor').userId, ...(cursor?.success ? { createdAt: { lt: new Date(cursor.data) } } : {}) },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    const nextCursor = rows.length > query.limit && last ? Buffer.from(last.createdAt.toISOString()).toString('base64url') : null;
    return c.json({ data: { items: page.map(toOrderDto), nextCursor } }, 200);
  });

  app.get('/v1/orders/:id', auth, async (c) => {
    const id = z.uuid().safeParse(c.req.param('id'));
    if (!id.success) throw httpErrors.notFound('No such order');
    const order = await db.order.findUnique({ where: { id: id.data } });
    const owned = authorize(c.get('actor'), 'read', order && { ...order, ownerId: order.buyerId });
    return c.json({ data: toOrderDto(owned) }, 200);
  });
}
