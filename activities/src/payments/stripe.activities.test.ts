import { ApplicationFailure } from '@temporalio/common';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { paymentFailureTypes } from '../../../domain/errors';
import type { Database } from '../../../platform/database';
import { createSecretBox } from '../../../platform/secrets';
import { freePort } from '../../../scripts/infra/temporal';
import { testDatabase } from '../../../tests/support/infra';
import { createStripeClient } from '../../../workers/src/integrations/stripe-client';
import { stripeAccountLookup } from './account-lookup';
import { createStripeActivities } from './stripe.activities';

// The Stripe activities against stripe-mock (canned answers, real request validation) and
// PostgreSQL. The SDK's own Node transport records what each call sent.

interface SentRequest {
  method: string;
  path: string;
  idempotencyKey: string | null;
  form: URLSearchParams;
}

function recordingTransport(sent: SentRequest[]): Stripe.StripeConfig['httpClient'] {
  const node = Stripe.createNodeHttpClient();
  return {
    getClientName: () => node.getClientName(),
    makeRequest: (host, port, path, method, headers, requestData, protocol, timeout) => {
      const key = headers['Idempotency-Key'];
      sent.push({ method, path, idempotencyKey: typeof key === 'string' ? key : null, form: new URLSearchParams(requestData) });
      return node.makeRequest(host, port, path, method, headers, requestData, protocol, timeout);
    },
  };
}

const secrets = createSecretBox('test:ZHJvcGxpbmUtdGVzdC1lbmNyeXB0aW9uLWtleS0zMmI=', 'test');
const sent: SentRequest[] = [];
let db: Database;

function activities(overrides: { secretKey?: string; apiBaseUrl?: string } = {}) {
  const stripe = createStripeClient({ secretKey: overrides.secretKey ?? 'sk_test_123', apiBaseUrl: overrides.apiBaseUrl ?? inject('stripeMockUrl'), httpClient: recordingTransport(sent) });
  return createStripeActivities({
    stripe, db, secrets, platformFeePercent: 10,
    successUrl: 'http://localhost:5173/orders/{ORDER_ID}?checkout=success', cancelUrl: 'http://localhost:5173/orders/{ORDER_ID}?checkout=cancelled',
  });
}

async function creator(account?: { id: string; chargesEnabled: boolean }) {
  const id = crypto.randomUUID();
  await db.creator.create({
    data: {
      id, userId: crypto.randomUUID(), displayName: 'Creator',
      ...(account ? { stripeAccountSealed: secrets.seal(account.id), stripeAccountLookup: stripeAccountLookup(account.id), chargesEnabled: account.chargesEnabled } : {}),
    },
  });
  return id;
}

const lastRequest = (path: string) => [...sent].reverse().find((request) => request.path.startsWith(path));
const sessionInput = (creatorId: string, orderId = crypto.randomUUID()) => ({
  orderId, idempotencyKey: `checkout:${orderId}:checkout-session`, amountCents: 2500, currency: 'USD', itemName: 'Genesis #1',
  buyerEmail: 'buyer@example.test', creatorId, expiresAt: Math.floor(Date.now() / 1000) + 3600,
});

async function failureOf(promise: Promise<unknown>): Promise<ApplicationFailure> {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(ApplicationFailure);
  return error as ApplicationFailure;
}

beforeAll(() => {
  db = testDatabase();
});
afterAll(async () => {
  await db?.$disconnect();
});

describe('createCheckoutSession', () => {
  it('opens a session paying the creator\'s account minus the platform fee', async () => {
    const creatorId = await creator({ id: 'acct_1CreatorReady', chargesEnabled: true });
    const input = sessionInput(creatorId);
    const session = await activities().createCheckoutSession(input);
    expect(session.sessionId).toMatch(/^cs_/);
    expect(session.url).toMatch(/^https:\/\//);
    expect(session.expiresAt).toBeGreaterThan(0);

    const request = lastRequest('/v1/checkout/sessions');
    expect(request?.idempotencyKey).toBe(input.idempotencyKey);
    const form = request!.form;
    expect(form.get('mode')).toBe('payment');
    expect(form.get('client_reference_id')).toBe(input.orderId);
    expect(form.get('metadata[orderId]')).toBe(input.orderId);
    expect(form.get('line_items[0][price_data][unit_amount]')).toBe('2500');
    expect(form.get('line_items[0][price_data][currency]')).toBe('usd');
    expect(form.get('line_items[0][price_data][product_data][name]')).toBe('Genesis #1');
    expect(form.get('payment_intent_data[transfer_data][destination]')).toBe('acct_1CreatorReady');
    expect(form.get('payment_intent_data[application_fee_amount]')).toBe('250');
    expect(form.get('success_url')).toBe(`http://localhost:5173/orders/${input.orderId}?checkout=success`);
    expect(Number(form.get('expires_at'))).toBe(input.expiresAt);
  });

  it('lets the platform collect when the creator cannot take charges yet', async () => {
    for (const creatorId of [await creator(), await creator({ id: 'acct_1CreatorPending', chargesEnabled: false })]) {
      await activities().createCheckoutSession(sessionInput(creatorId));
      const form = lastRequest('/v1/checkout/sessions')!.form;
      expect(form.get('payment_intent_data[transfer_data][destination]')).toBeNull();
      expect(form.get('payment_intent_data[application_fee_amount]')).toBeNull();
    }
  });

  it('clamps an expiry under Stripe\'s 30 minutes', async () => {
    const input = { ...sessionInput(await creator()), expiresAt: Math.floor(Date.now() / 1000) + 60 };
    await activities().createCheckoutSession(input);
    const sentExpiry = Number(lastRequest('/v1/checkout/sessions')!.form.get('expires_at'));
    expect(sentExpiry - Date.now() / 1000).toBeGreaterThan(30 * 60);
  });

  it('fails for good on an unknown creator or invalid input', async () => {
    const unknown = await failureOf(activities().createCheckoutSession(sessionInput(crypto.randomUUID())));
    expect([unknown.type, unknown.nonRetryable]).toEqual([paymentFailureTypes.creatorNotFound, true]);
    const invalid = await failureOf(activities().createCheckoutSession({ ...sessionInput(await creator()), amountCents: 0 }));
    expect([invalid.type, invalid.nonRetryable]).toEqual(['InvalidInput', true]);
  });

  it('retries when Stripe refuses the credentials or cannot be reached', async () => {
    const creatorId = await creator();
    const refused = await failureOf(activities({ secretKey: 'sk_live_not_accepted_by_stripe_mock' }).createCheckoutSession(sessionInput(creatorId)));
    expect([refused.type, refused.nonRetryable]).toEqual([paymentFailureTypes.unavailable, false]);
    const closed = await failureOf(activities({ apiBaseUrl: `http://127.0.0.1:${await freePort()}` }).createCheckoutSession(sessionInput(creatorId)));
    expect([closed.type, closed.nonRetryable]).toEqual([paymentFailureTypes.unavailable, false]);
  });
});

describe('expireCheckoutSession', () => {
  it('returns the session\'s state', async () => {
    const state = await activities().expireCheckoutSession({ sessionId: 'cs_test_expire' });
    expect(state.sessionId).toMatch(/^cs_/);
    expect(typeof state.paymentStatus).toBe('string');
    expect(lastRequest('/v1/checkout/sessions/cs_test_expire/expire')?.method).toBe('POST');
  });
});

describe('refundPayment', () => {
  it('refunds the payment intent under the workflow\'s idempotency key', async () => {
    const orderId = crypto.randomUUID();
    const { refundId } = await activities().refundPayment({ orderId, paymentIntentId: 'pi_test_paid', idempotencyKey: `checkout:${orderId}:refund` });
    expect(refundId).toMatch(/^re_/);
    const request = lastRequest('/v1/refunds');
    expect(request?.idempotencyKey).toBe(`checkout:${orderId}:refund`);
    expect(request?.form.get('payment_intent')).toBe('pi_test_paid');
    expect(request?.form.get('metadata[orderId]')).toBe(orderId);
  });

  it('refuses a missing payment intent for good', async () => {
    const failure = await failureOf(activities().refundPayment({ orderId: crypto.randomUUID(), paymentIntentId: '', idempotencyKey: 'k' }));
    expect(failure.nonRetryable).toBe(true);
  });
});

describe('createOnboardingLink', () => {
  it('creates the connected account once, stores it sealed with a lookup hash, and links to onboarding', async () => {
    const creatorId = await creator();
    const urls = { refreshUrl: 'http://localhost:5173/creator/onboarding?refresh=1', returnUrl: 'http://localhost:5173/creator/onboarding?done=1' };
    const first = await activities().createOnboardingLink({ creatorId, ...urls });
    expect(first.url).toMatch(/^https:\/\//);
    const accountRequest = lastRequest('/v1/accounts');
    expect(accountRequest?.idempotencyKey).toBe(`creator-account:${creatorId}`);
    expect(accountRequest?.form.get('type')).toBe('express');

    const stored = await db.creator.findUniqueOrThrow({ where: { id: creatorId } });
    expect(stored.stripeAccountSealed).toBeTruthy();
    expect(stored.stripeAccountSealed).not.toContain('acct_');
    const accountId = secrets.open(stored.stripeAccountSealed!);
    expect(accountId).toMatch(/^acct_/);
    expect(stored.stripeAccountLookup).toBe(stripeAccountLookup(accountId));
    expect(lastRequest('/v1/account_links')?.form.get('account')).toBe(accountId);

    const accountsBefore = sent.filter((request) => request.path === '/v1/accounts').length;
    await activities().createOnboardingLink({ creatorId, ...urls });
    expect(sent.filter((request) => request.path === '/v1/accounts').length).toBe(accountsBefore);
    expect(lastRequest('/v1/account_links')?.form.get('account')).toBe(accountId);
    const again = await db.creator.findUniqueOrThrow({ where: { id: creatorId } });
    expect(again.stripeAccountSealed).toBe(stored.stripeAccountSealed);
  });
});
