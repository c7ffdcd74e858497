import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paidOrderEndStates } from '../../domain/orders';
import { arg } from '../../platform/flow';
import { chainScript } from '../support/chain';
import { emailCount } from '../support/infra';
import { seedItem, sessionEvent, startCheckoutStack, waitForOrder, type CheckoutStack } from './harness';

// Checkout-to-mint end to end: api, checkout workflow on real Temporal, Stripe calls to
// stripe-mock, signed webhooks, mints on the Flow emulator, receipts by the SES emulator.

let stack: CheckoutStack;
beforeAll(async () => {
  stack = await startCheckoutStack({ CHECKOUT_RESERVATION_SECONDS: '20' });
}, 180_000);
afterAll(async () => stack?.stop());

async function placeOrder(itemId: string) {
  const buyer = await stack.buyer();
  const response = await stack.order(buyer, itemId);
  expect(response.status).toBe(201);
  const { data } = (await response.json()) as { data: { id: string; checkoutUrl: string; status: string } };
  return { buyer, order: data };
}

async function expectMintedTo(orderId: string) {
  const order = await waitForOrder(stack.db, orderId, ['fulfilled']);
  const nft = (await chainScript('get_nft.cdc', [arg.address(order.flowAddress!), arg.uint64(order.nftId!)])) as Record<string, unknown>;
  expect(nft).toMatchObject({ externalId: orderId, owner: order.flowAddress });
  expect(await chainScript('id_for_external_id.cdc', [arg.string(orderId)])).toBe(order.nftId);
  return order;
}

describe('checkout to mint', () => {
  it('reserves, takes the payment webhook, mints to the buyer and sends the receipt', async () => {
    const item = await seedItem(stack.db, { supply: 3 });
    const { buyer, order } = await placeOrder(item.itemId);
    expect(order).toMatchObject({ status: 'awaiting_payment', checkoutUrl: expect.stringMatching(/^https?:\/\//) });
    expect((await stack.db.item.findUniqueOrThrow({ where: { id: item.itemId } })).available).toBe(2);
    const webhook = await stack.webhook(sessionEvent('checkout.session.completed', order.id, { amountTotal: item.priceCents }));
    expect(webhook.status).toBe(200);
    const done = await expectMintedTo(order.id);
    expect(done.steps).toMatchObject({ reserved: true, paid: true, accountReady: true, minted: true, receiptSent: true });
    expect(await emailCount(buyer.email)).toBe(1);
    const view = await stack.api.app.request(`/v1/orders/${order.id}`, { headers: { host: 'localhost', authorization: buyer.authorization } });
    expect(await view.json()).toMatchObject({ data: { status: 'fulfilled', nftId: done.nftId, txId: done.txId } });
    const stranger = await stack.buyer();
    expect((await stack.api.app.request(`/v1/orders/${order.id}`, { headers: { host: 'localhost', authorization: stranger.authorization } })).status).toBe(404);
  });

  it('returns the same order and session for a repeated request', async () => {
    const item = await seedItem(stack.db, { supply: 5 });
    const buyer = await stack.buyer();
    const first = await stack.order(buyer, item.itemId, 'same-key-123');
    const second = await stack.order(buyer, item.itemId, 'same-key-123');
    expect([first.status, second.status]).toEqual([201, 200]);
    const [a, b] = (await Promise.all([first.json(), second.json()])) as Array<{ data: { id: string; checkoutUrl: string } }>;
    expect(b!.data).toMatchObject({ id: a!.data.id, checkoutUrl: a!.data.checkoutUrl });
    expect((await stack.db.item.findUniqueOrThrow({ where: { id: item.itemId } })).available).toBe(4);
  });

  it('fulfils exactly once when the webhook is delivered 20 times and out of order, even before the redirect', async () => {
    const item = await seedItem(stack.db, { supply: 2 });
    const { order } = await placeOrder(item.itemId);
    // An asynchronous payment: "completed" (unpaid) then "async_payment_succeeded", delivered
    // in reverse order, each 20 times.
    const succeeded = sessionEvent('checkout.session.async_payment_succeeded', order.id, { amountTotal: item.priceCents });
    const completedUnpaid = sessionEvent('checkout.session.completed', order.id, { amountTotal: item.priceCents, paymentStatus: 'unpaid' });
    const first = await stack.webhook(succeeded);
    expect(first.status).toBe(200);
    const statuses = await Promise.all(
      [...Array.from({ length: 20 }, () => stack.webhook(completedUnpaid)), ...Array.from({ length: 19 }, () => stack.webhook(succeeded))].map(async (response) => (await response).status),
    );
    expect(new Set(statuses)).toEqual(new Set([200]));
    expect(await stack.db.webhookEvent.count({ where: { eventId: { in: [succeeded.id, completedUnpaid.id] } } })).toBe(2);
    await expectMintedTo(order.id);
    expect(await stack.db.chainOp.count({ where: { kind: 'mint', args: { path: ['externalId'], equals: order.id } } })).toBe(1);
  });

  it('releases the reservation when the session expires', async () => {
    const item = await seedItem(stack.db, { supply: 1 });
    const { order } = await placeOrder(item.itemId);
    const soldOut = await stack.order(await stack.buyer(), item.itemId);
    expect(soldOut.status).toBe(409);
    expect(await soldOut.json()).toMatchObject({ error: { code: 'sold_out' } });
    await stack.webhook(sessionEvent('checkout.session.expired', order.id, { amountTotal: item.priceCents }));
    await waitForOrder(stack.db, order.id, ['expired']);
    expect((await stack.db.item.findUniqueOrThrow({ where: { id: item.itemId } })).available).toBe(1);
    expect((await stack.order(await stack.buyer(), item.itemId)).status).toBe(201);
  });

  it('expires on its own timer when no webhook comes', async () => {
    const item = await seedItem(stack.db, { supply: 1 });
    const { order } = await placeOrder(item.itemId);
    await waitForOrder(stack.db, order.id, ['expired'], 60_000);
    expect((await stack.db.item.findUniqueOrThrow({ where: { id: item.itemId } })).available).toBe(1);
  });

  it('refunds and releases the unit when minting fails for good', async () => {
    // A royalty receiver without an account makes the contract refuse the mint.
    const item = await seedItem(stack.db, { supply: 1, royaltyAddress: '0x00000000000000ff' });
    const { buyer, order } = await placeOrder(item.itemId);
    await stack.webhook(sessionEvent('checkout.session.completed', order.id, { amountTotal: item.priceCents }));
    const refunded = await waitForOrder(stack.db, order.id, ['refunded']);
    expect(refunded.refundId).toMatch(/^re_/);
    expect(refunded.nftId).toBeNull();
    expect((await stack.db.item.findUniqueOrThrow({ where: { id: item.itemId } })).available).toBe(1);
    expect(await chainScript('id_for_external_id.cdc', [arg.string(order.id)])).toBeNull();
    expect(await emailCount(buyer.email)).toBe(1);
  });

  it('sends a payment that does not match the order to review, without minting', async () => {
    const item = await seedItem(stack.db, { supply: 1 });
    const { order } = await placeOrder(item.itemId);
    await stack.webhook(sessionEvent('checkout.session.completed', order.id, { amountTotal: item.priceCents - 1 }));
    await waitForOrder(stack.db, order.id, ['needs_review']);
    expect(await chainScript('id_for_external_id.cdc', [arg.string(order.id)])).toBeNull();
  });

  it('sells exactly the supply to 50 concurrent buyers', async () => {
    const item = await seedItem(stack.db, { supply: 10 });
    const buyers = await Promise.all(Array.from({ length: 50 }, () => stack.buyer()));
    const responses = await Promise.all(buyers.map((buyer) => stack.order(buyer, item.itemId)));
    const bodies = (await Promise.all(responses.map((response) => response.json()))) as Array<{ data?: { id: string }; error?: { code: string } }>;
    expect(responses.filter((response) => response.status === 201)).toHaveLength(10);
    expect(bodies.filter((body) => body.error?.code === 'sold_out')).toHaveLength(40);
    expect((await stack.db.item.findUniqueOrThrow({ where: { id: item.itemId } })).available).toBe(0);
    const orders = bodies.flatMap((body) => (body.data ? [body.data.id] : []));
    await Promise.all(orders.map((id) => stack.webhook(sessionEvent('checkout.session.completed', id, { amountTotal: item.priceCents }))));
    for (const id of orders) await waitForOrder(stack.db, id, ['fulfilled'], 180_000);
  });

  it('leaves every paid order fulfilled, refunded or in review', async () => {
    const paid = await stack.db.order.findMany({ where: { paidAmountCents: { not: null } } });
    expect(paid.length).toBeGreaterThan(0);
    for (const order of paid) {
      const settled = await waitForOrder(stack.db, order.id, [...paidOrderEndStates], 120_000);
      expect(paidOrderEndStates.has(settled.status)).toBe(true);
    }
  });
});
