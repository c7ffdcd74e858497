import { Client, Connection, WorkflowNotFoundError } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workflowIds } from '../../../../domain/ids';
import { loadConfig } from '../../../../platform/config';
import { freePort } from '../../../../scripts/infra/temporal';
import { infra, testLogger } from '../../../../tests/support/infra';
import { createTestApi } from '../../../../tests/support/stack';
import { createApp } from '../../app';
import { apiConfigSchema } from '../../config';
import { stripeAccountLookup } from './account-lookup';

// POST /webhooks/stripe in-process against real PostgreSQL and Temporal. The order's
// `checkout:<orderId>` workflow is started on a task queue no worker polls: Temporal still
// records every signal in its history, which is what these tests read.

const SECRET = 'whsec_test_secret_for_webhook_tests';
let api: Awaited<ReturnType<typeof createTestApi>>;
const started: string[] = [];

beforeAll(async () => {
  api = await createTestApi({ STRIPE_WEBHOOK_SECRET: SECRET });
});
afterAll(async () => {
  await Promise.allSettled(started.map((id) => api.temporal.workflow.getHandle(id).terminate('test done')));
  await api?.close();
});

function stripeEvent(type: string, object: Record<string, unknown>, id = `evt_${crypto.randomUUID().replaceAll('-', '')}`) {
  return { id, object: 'event', type, api_version: Stripe.API_VERSION, created: Math.floor(Date.now() / 1000), livemode: false, pending_webhooks: 1, request: { id: null, idempotency_key: null }, data: { object } };
}

function checkoutSession(orderId: string, overrides: Record<string, unknown> = {}) {
  return {
    id: `cs_test_${crypto.randomUUID().slice(0, 8)}`, object: 'checkout.session', mode: 'payment', status: 'complete', payment_status: 'paid',
    client_reference_id: orderId, metadata: { orderId }, payment_intent: 'pi_test_123', amount_total: 2500, currency: 'usd', ...overrides,
  };
}

function deliver(event: object, options: { secret?: string; signature?: string | null; body?: string; headers?: Record<string, string>; app?: { request: typeof api.app.request } } = {}) {
  const body = options.body ?? JSON.stringify(event);
  const signature = options.signature === undefined ? Stripe.webhooks.generateTestHeaderString({ payload: JSON.stringify(event), secret: options.secret ?? SECRET }) : options.signature;
  const headers: Record<string, string> = { host: 'localhost', 'content-type': 'application/json', ...(signature ? { 'stripe-signature': signature } : {}), ...options.headers };
  return (options.app ?? api.app).request('/webhooks/stripe', { method: 'POST', headers, body });
}

/** The order's workflow, started where no worker runs it, so its history shows what arrived. */
async function orderWorkflow(): Promise<{ orderId: string; signals: () => Promise<Array<{ name: string; input: unknown }>> }> {
  const orderId = crypto.randomUUID();
  const workflowId = workflowIds.checkout(orderId);
  await api.temporal.workflow.start('checkoutWorkflow', { workflowId, taskQueue: `stripe-webhook-test-${orderId}`, args: [] });
  started.push(workflowId);
  const signals = async () => {
    const history = await api.temporal.workflow.getHandle(workflowId).fetchHistory();
    return (history.events ?? []).flatMap((event) => {
      const signal = event.workflowExecutionSignaledEventAttributes;
      if (!signal) return [];
      const payload = signal.input?.payloads?.[0];
      return [{ name: signal.signalName ?? '', input: payload ? defaultPayloadConverter.fromPayload(payload) : undefined }];
    });
  };
  return { orderId, signals };
}

const rows = (eventId: string) => api.db.webhookEvent.count({ where: { provider: 'stripe', eventId } });

describe('POST /webhooks/stripe', () => {
  it('signals a paid checkout to the order\'s workflow and records the event', async () => {
    const { orderId, signals } = await orderWorkflow();
    const session = checkoutSession(orderId);
    const event = stripeEvent('checkout.session.completed', session);
    const response = await deliver(event);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { received: true } });
    expect(response.headers.get('x-request-id')).toBeTruthy();
    expect(await rows(event.id)).toBe(1);
    expect(await signals()).toEqual([
      { name: 'paymentSucceeded', input: { eventId: event.id, sessionId: session.id, paymentIntentId: 'pi_test_123', amountTotal: 2500, currency: 'usd' } },
    ]);
  });

  it('waits for a delayed payment method, then signals its success or failure', async () => {
    const { orderId, signals } = await orderWorkflow();
    const session = checkoutSession(orderId, { payment_status: 'unpaid', metadata: {} });
    const pending = stripeEvent('checkout.session.completed', session);
    expect((await deliver(pending)).status).toBe(200);
    expect(await rows(pending.id)).toBe(1);
    expect(await signals()).toEqual([]);

    const succeeded = stripeEvent('checkout.session.async_payment_succeeded', { ...session, payment_status: 'paid' });
    const failed = stripeEvent('checkout.session.async_payment_failed', session);
    expect((await deliver(succeeded)).status).toBe(200);
    expect((await deliver(failed)).status).toBe(200);
    expect(await signals()).toEqual([
      { name: 'paymentSucceeded', input: { eventId: succeeded.id, sessionId: session.id, paymentIntentId: 'pi_test_123', amountTotal: 2500, currency: 'usd' } },
      { name: 'paymentFailed', input: { eventId: failed.id, sessionId: session.id } },
    ]);
  });

  it('signals an expired session', async () => {
    const { orderId, signals } = await orderWorkflow();
    const session = checkoutSession(orderId, { status: 'expired', payment_status: 'unpaid', payment_intent: null });
    const event = stripeEvent('checkout.session.expired', session);
    expect((await deliver(event)).status).toBe(200);
    expect(await signals()).toEqual([{ name: 'sessionExpired', input: { eventId: event.id, sessionId: session.id } }]);
  });

  it('processes a replayed event once: one row, one signal, 200 every time', async () => {
    const { orderId, signals } = await orderWorkflow();
    const event = stripeEvent('checkout.session.completed', checkoutSession(orderId));
    const responses = await Promise.all(Array.from({ length: 20 }, () => deliver(event)));
    expect(responses.map((response) => response.status)).toEqual(Array(20).fill(200));
    const bodies = (await Promise.all(responses.map((response) => response.json()))) as Array<{ data: { duplicate?: boolean } }>;
    expect(bodies.filter((body) => body.data.duplicate === true)).toHaveLength(19);
    expect(await rows(event.id)).toBe(1);
    expect(await signals()).toHaveLength(1);
  });

  it('refuses a missing, forged or stale signature with 400 and stores nothing', async () => {
    const { orderId, signals } = await orderWorkflow();
    const event = stripeEvent('checkout.session.completed', checkoutSession(orderId));
    const stale = Stripe.webhooks.generateTestHeaderString({ payload: JSON.stringify(event), secret: SECRET, timestamp: Math.floor(Date.now() / 1000) - 3600 });
    const tampered = JSON.stringify({ ...event, data: { object: checkoutSession(orderId, { amount_total: 1 }) } });
    for (const attempt of [{ signature: null }, { secret: 'whsec_someone_else_entirely' }, { signature: stale }, { signature: 't=1,v1=deadbeef' }, { body: tampered }]) {
      const response = await deliver(event, attempt);
      expect(response.status).toBe(400);
      const body = (await response.json()) as { error: { code: string; requestId: string } };
      expect(body.error.code).toBe('bad_request');
      expect(body.error.requestId).toBeTruthy();
    }
    expect(await rows(event.id)).toBe(0);
    expect(await signals()).toEqual([]);
  });

  it('answers 200 to an event type it does not handle, and to an order with no workflow', async () => {
    const unknownType = stripeEvent('customer.created', { id: 'cus_123', object: 'customer' });
    const ignored = await deliver(unknownType);
    expect(ignored.status).toBe(200);
    expect(await ignored.json()).toEqual({ data: { received: true, ignored: true } });

    const noWorkflow = stripeEvent('checkout.session.completed', checkoutSession(crypto.randomUUID()));
    expect((await deliver(noWorkflow)).status).toBe(200);
    expect(await rows(noWorkflow.id)).toBe(1);

    const refunded = stripeEvent('charge.refunded', { id: 'ch_123', object: 'charge', payment_intent: 'pi_123', amount_refunded: 2500, currency: 'usd', metadata: {} });
    expect((await deliver(refunded)).status).toBe(200);
    expect(await rows(refunded.id)).toBe(1);
  });

  it('updates the creator whose connected account changed', async () => {
    const accountId = `acct_${crypto.randomUUID().replaceAll('-', '').slice(0, 16)}`;
    const creatorId = crypto.randomUUID();
    await api.db.creator.create({ data: { id: creatorId, userId: crypto.randomUUID(), displayName: 'Creator', stripeAccountSealed: 'sealed', stripeAccountLookup: stripeAccountLookup(accountId) } });
    const enabled = stripeEvent('account.updated', { id: accountId, object: 'account', charges_enabled: true, payouts_enabled: true });
    expect((await deliver(enabled)).status).toBe(200);
    expect(await api.db.creator.findUniqueOrThrow({ where: { id: creatorId } })).toMatchObject({ chargesEnabled: true, payoutsEnabled: true });
    const restricted = stripeEvent('account.updated', { id: accountId, object: 'account', charges_enabled: true, payouts_enabled: false });
    expect((await deliver(restricted)).status).toBe(200);
    expect(await api.db.creator.findUniqueOrThrow({ where: { id: creatorId } })).toMatchObject({ chargesEnabled: true, payoutsEnabled: false });
  });

  it('skips CORS for the webhook', async () => {
    const event = stripeEvent('customer.created', { id: 'cus_1', object: 'customer' });
    const response = await deliver(event, { headers: { origin: 'http://localhost:5173' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers 503 and forgets the event when Temporal is unreachable, so Stripe\'s retry is processed', async () => {
    const config = loadConfig(apiConfigSchema, { DROPLINE_ENV: 'test', DATABASE_URL: infra.databaseUrl(), STRIPE_WEBHOOK_SECRET: SECRET });
    const connection = Connection.lazy({ address: `127.0.0.1:${await freePort()}` });
    const offline = createApp({ config, db: api.db, temporal: new Client({ connection }), logger: testLogger });
    const { orderId, signals } = await orderWorkflow();
    const event = stripeEvent('checkout.session.completed', checkoutSession(orderId));

    const refused = await deliver(event, { app: offline });
    expect(refused.status).toBe(503);
    expect(await rows(event.id)).toBe(0);
    await connection.close();

    const retried = await deliver(event);
    expect(retried.status).toBe(200);
    expect(await rows(event.id)).toBe(1);
    expect(await signals()).toHaveLength(1);
  });
});

describe('a finished order', () => {
  it('is not an error: the event is recorded and answered 200', async () => {
    const { orderId } = await orderWorkflow();
    await api.temporal.workflow.getHandle(workflowIds.checkout(orderId)).terminate('order finished');
    const event = stripeEvent('checkout.session.expired', checkoutSession(orderId));
    expect((await deliver(event)).status).toBe(200);
    expect(await rows(event.id)).toBe(1);
    await expect(api.temporal.workflow.getHandle(workflowIds.checkout(orderId)).signal('sessionExpired')).rejects.toBeInstanceOf(WorkflowNotFoundError);
  });
});
