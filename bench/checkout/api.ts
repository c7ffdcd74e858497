// The real api (createApp, as api/src/main.ts builds it) listening on a free port, and the
// bench's HTTP client for it: buyers with access tokens, POST /v1/orders, and Stripe
// webhooks signed with the endpoint secret the way Stripe signs them.
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { createAccessTokens } from '../../api/src/auth/access-tokens';
import { createApp } from '../../api/src/app';
import { apiConfigSchema } from '../../api/src/config';
import type { OrderDto } from '../../domain/orders';
import { loadConfig } from '../../platform/config';
import { createDatabase, type Database } from '../../platform/database';
import type { Logger } from '../../platform/logger';
import { connectTemporalClient } from '../../platform/temporal';
import type { BenchStack } from '../chain/stack';

export interface Buyer {
  id: string;
  email: string;
  authorization: string;
}

export interface BenchApi {
  url: string;
  /** Creates `count` verified buyers (one insert) with access tokens. */
  createBuyers(db: Database, count: number, run: string): Promise<Buyer[]>;
  order(buyer: Buyer, itemId: string, idempotencyKey: string): Promise<{ status: number; order: OrderDto | null; error: string | null }>;
  /** Delivers a signed event to POST /webhooks/stripe; its status and body. */
  webhook(event: Record<string, unknown>): Promise<{ status: number; body: string }>;
  stop(): Promise<void>;
}

export async function startBenchApi(stack: BenchStack, logger: Logger): Promise<BenchApi> {
  const config = loadConfig(apiConfigSchema, {
    DROPLINE_ENV: 'test',
    DATABASE_URL: stack.databaseUrl,
    TEMPORAL_ADDRESS: stack.temporalAddress,
    // Every request of the bench comes from one IP.
    AUTH_RATE_LIMIT_PER_IP: '1000000',
  });
  const db = createDatabase(config.DATABASE_URL);
  const temporal = await connectTemporalClient({ address: config.TEMPORAL_ADDRESS, namespace: config.TEMPORAL_NAMESPACE });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const listening = serve({ fetch: createApp({ config, db, temporal, logger }).fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const tokens = createAccessTokens({ secret: config.JWT_SECRET, ttlSeconds: 3600 });

  return {
    url,
    async createBuyers(buyerDb, count, run) {
      const rows = Array.from({ length: count }, (_, index) => ({ id: crypto.randomUUID(), email: `bench-buyer-${run}-${index}@example.test`, passwordHash: 'x', emailVerifiedAt: new Date() }));
      await buyerDb.user.createMany({ data: rows });
      return Promise.all(
        rows.map(async (row) => {
          const { token } = await tokens.issue({ userId: row.id, role: 'user' });
          return { id: row.id, email: row.email, authorization: `Bearer ${token}` };
        }),
      );
    },
    async order(buyer, itemId, idempotencyKey) {
      const response = await fetch(`${url}/v1/orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: buyer.authorization },
        body: JSON.stringify({ itemId, idempotencyKey }),
      });
      const text = await response.text();
      if (response.status !== 201 && response.status !== 200) return { status: response.status, order: null, error: text.slice(0, 300) };
      return { status: response.status, order: (JSON.parse(text) as { data: OrderDto }).data, error: null };
    },
    async webhook(event) {
      const payload = JSON.stringify(event);
      const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: config.STRIPE_WEBHOOK_SECRET });
      const response = await fetch(`${url}/webhooks/stripe`, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': signature }, body: payload });
      return { status: response.status, body: await response.text() };
    },
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.allSettled([db.$disconnect(), temporal.connection.close()]);
    },
  };
}

/** A `checkout.session.completed` event for an order, paid in full, as Stripe sends it. */
export function sessionCompletedEvent(order: { id: string; amountCents: number; currency: string }) {
  const compact = order.id.replaceAll('-', '');
  return {
    id: `evt_${crypto.randomUUID().replaceAll('-', '')}`,
    object: 'event',
    type: 'checkout.session.completed',
    api_version: '2024-06-20',
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    data: {
      object: {
        id: `cs_test_${compact}`,
        object: 'checkout.session',
        client_reference_id: order.id,
        metadata: { orderId: order.id },
        amount_total: order.amountCents,
        currency: order.currency,
        payment_status: 'paid',
        payment_intent: `pi_${compact.slice(0, 24)}`,
        status: 'complete',
        mode: 'payment',
      },
    },
  };
}
