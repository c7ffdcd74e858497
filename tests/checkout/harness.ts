import Stripe from 'stripe';
import { expect } from 'vitest';
import type { OrderStatus } from '../../domain/orders';
import { hashPassword } from '../../api/src/auth/passwords';
import { createAccessTokens } from '../../api/src/auth/access-tokens';
import type { Database } from '../../platform/database';
import { startAppWorker } from '../support/app-worker';
import { startChainLanes } from '../support/chain';
import { startIntegrationsWorker } from '../support/integrations-worker';
import { uniqueEmail } from '../support/infra';
import { createTestApi } from '../support/stack';

export type CheckoutStack = Awaited<ReturnType<typeof startCheckoutStack>>;

/** api + app, integrations and chain workers, on the real infrastructure of the test run. */
export async function startCheckoutStack(apiOverrides: Record<string, string> = {}, options: { appWorker?: boolean } = {}) {
  const api = await createTestApi(apiOverrides);
  const workers = await Promise.all([
    ...(options.appWorker === false ? [] : [startAppWorker(api.db)]),
    startIntegrationsWorker(api.db),
    startChainLanes(api.db),
  ]);
  const tokens = createAccessTokens({ secret: api.config.JWT_SECRET, ttlSeconds: 3600 });
  const stripe = new Stripe('sk_test_123');
  return {
    api,
    db: api.db,
    async buyer() {
      const user = await api.db.user.create({ data: { id: crypto.randomUUID(), email: uniqueEmail('buyer'), passwordHash: await hashPassword('irrelevant pw'), emailVerifiedAt: new Date() } });
      const { token } = await tokens.issue({ userId: user.id, role: 'user' });
      return { id: user.id, email: user.email, authorization: `Bearer ${token}` };
    },
    order(buyer: { authorization: string }, itemId: string, idempotencyKey: string = crypto.randomUUID()) {
      return api.app.request('/v1/orders', {
        method: 'POST',
        headers: { host: 'localhost', 'content-type': 'application/json', authorization: buyer.authorization },
        body: JSON.stringify({ itemId, idempotencyKey }),
      });
    },
    /** Delivers a Stripe event to the webhook, signed like Stripe signs it. */
    webhook(event: Record<string, unknown>) {
      const payload = JSON.stringify(event);
      const signature = stripe.webhooks.generateTestHeaderString({ payload, secret: api.config.STRIPE_WEBHOOK_SECRET });
      return api.app.request('/webhooks/stripe', { method: 'POST', headers: { host: 'localhost', 'content-type': 'application/json', 'stripe-signature': signature }, body: payload });
    },
    async stop() {
      await Promise.all(workers.map((worker) => worker.stop()));
      await api.close();
    },
  };
}

export async function seedItem(db: Database, options: { supply?: number; priceCents?: number; royaltyAddress?: string; perBuyerLimit?: number } = {}) {
  const userId = crypto.randomUUID();
  await db.user.create({ data: { id: userId, email: uniqueEmail('creator'), passwordHash: 'x', role: 'creator', emailVerifiedAt: new Date() } });
  const creator = await db.creator.create({ data: { id: crypto.randomUUID(), userId, displayName: 'Creator', royaltyAddress: options.royaltyAddress ?? null } });
  const drop = await db.drop.create({
    data: { id: crypto.randomUUID(), creatorId: creator.id, name: 'Genesis drop', description: 'First drop', mediaUrl: 'https://cdn.dropline.test/genesis.png', saleStartsAt: new Date(Date.now() - 60_000), perBuyerLimit: options.perBuyerLimit ?? 5 },
  });
  const supply = options.supply ?? 10;
  const item = await db.item.create({ data: { id: crypto.randomUUID(), dropId: drop.id, name: 'Genesis #1', priceCents: options.priceCents ?? 2500, currency: 'usd', supply, available: supply } });
  return { creatorId: creator.id, dropId: drop.id, itemId: item.id, priceCents: item.priceCents };
}

export function sessionEvent(type: string, orderId: string, fields: { amountTotal: number; currency?: string; paymentStatus?: string; eventId?: string }) {
  return {
    id: fields.eventId ?? `evt_${crypto.randomUUID().replaceAll('-', '')}`,
    object: 'event',
    type,
    api_version: '2024-06-20',
    created: Math.floor(Date.now() / 1000),
    data: {
      object: {
        id: `cs_test_${orderId.replaceAll('-', '')}`,
        object: 'checkout.session',
        client_reference_id: orderId,
        metadata: { orderId },
        amount_total: fields.amountTotal,
        currency: fields.currency ?? 'usd',
        payment_status: fields.paymentStatus ?? 'paid',
        payment_intent: `pi_${orderId.replaceAll('-', '').slice(0, 24)}`,
        status: type === 'checkout.session.expired' ? 'expired' : 'complete',
      },
    },
  };
}

export async function waitForOrder(db: Database, orderId: string, statuses: OrderStatus[], timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const order = await db.order.findUnique({ where: { id: orderId } });
    if (order && statuses.includes(order.status)) return order;
    if (Date.now() > deadline) {
      expect.fail(`order ${orderId} is ${order?.status ?? 'missing'}, expected ${statuses.join('/')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
