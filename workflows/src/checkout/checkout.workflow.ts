import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { ActivityFailure, ApplicationFailure, ChildWorkflowFailure, condition, executeChild, proxyActivities, setHandler, sleep, workflowInfo } from '@temporalio/workflow';
import type { OrderActivities, StripeActivities } from '../../../activities/src';
import type { ChainOpRequest, ChainOpResult } from '../../../domain/chain';
import { chainOpIds, workflowIds } from '../../../domain/ids';
import type { OrderStatus, OrderSteps } from '../../../domain/orders';
import { taskQueues } from '../../../domain/task-queues';
import {
  orderStateQuery, paymentFailedSignal, paymentSucceededSignal, reserveUpdate, sessionExpiredSignal,
  type CheckoutInput, type PaymentSucceeded, type ReserveResult,
} from './messages';

const retry = { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m' };
const orders = proxyActivities<OrderActivities>({ startToCloseTimeout: '30s', retry });
const payments = proxyActivities<StripeActivities>({ taskQueue: taskQueues.integrations, startToCloseTimeout: '1m', retry });

/** Runs a chain operation as the child workflow chain-op:<opId>; it fails only for good. */
const runChainOp = (request: ChainOpRequest): Promise<ChainOpResult> =>
  executeChild('chainOpWorkflow', { workflowId: workflowIds.chainOp(request.opId), args: [request], workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY' });

const LATE_PAYMENT_GRACE = '15 minutes';
const money = (cents: number, currency: string) => `${(cents / 100).toFixed(2)} ${currency.toUpperCase()}`;

/**
 * checkout:<orderId> — reserve a unit, open a Stripe Checkout Session (returned through the
 * `reserve` update), wait for the payment webhook or the reservation's expiry, then mint to
 * the buyer's Flow account and send the receipt. A paid order ends fulfilled, refunded (with
 * its unit released) when minting fails for good, or needs_review when the payment does not
 * match the order. No paid unit is minted twice: the mint's op id is the order's.
 */
export async function checkoutWorkflow(input: CheckoutInput): Promise<{ status: OrderStatus }> {
  const { workflowId } = workflowInfo();
  let status: OrderStatus = 'reserving';
  const steps: OrderSteps = { reserved: false, checkoutCreated: false, paid: false, accountReady: false, minted: false, receiptSent: false, refunded: false };
  let reservation: ReserveResult | null = null;
  let payment: PaymentSucceeded | null = null;
  let ended: 'failed' | 'expired' | null = null;

  setHandler(reserveUpdate, async () => {
    await condition(() => reservation !== null);
    return reservation!;
  });
  setHandler(orderStateQuery, () => ({ status, steps }));
  setHandler(paymentSucceededSignal, (event) => void (payment ??= event));
  setHandler(paymentFailedSignal, () => void (ended ??= 'failed'));
  setHandler(sessionExpiredSignal, () => void (ended ??= 'expired'));
  const record = (next: OrderStatus, fields: Parameters<OrderActivities['recordOrder']>[0]['fields'] = {}) => {
    status = next;
    return orders.recordOrder({ orderId: input.orderId, status, steps, fields });
  };

  // 1. Reserve a unit and open the Checkout Session.
  const reserved = await orders.reserveInventory({ orderId: input.orderId, buyerId: input.buyerId, itemId: input.itemId, reservationSeconds: input.reservationSeconds });
  if (reserved.outcome !== 'reserved') {
    reservation = { outcome: reserved.outcome, message: reserved.message };
    return { status: 'sold_out' };
  }
  steps.reserved = true;
  const details = await orders.mintDetails({ itemId: input.itemId });
  const session = await payments.createCheckoutSession({
    orderId: input.orderId, idempotencyKey: `${workflowId}:checkout-session`, amountCents: reserved.amountCents, currency: reserved.currency,
    itemName: details.itemName, buyerEmail: input.buyerEmail, creatorId: details.creatorId, expiresAt: Math.floor(reserved.expiresAt / 1000),
  });
  steps.checkoutCreated = true;
  await record('awaiting_payment', { checkoutSessionId: session.sessionId, checkoutUrl: session.url });
  reservation = { outcome: 'reserved', checkoutUrl: session.url, expiresAt: reserved.expiresAt };

  // 2. Wait for the payment, a failure, or the reservation's expiry.
  await condition(() => payment !== null || ended !== null, Math.max(1, reserved.expiresAt - Date.now()));
  if (payment === null && ended === null) {
    // Our timer ran out first: close the session at Stripe. If it was paid after all (a
    // webhook lost or still on its way), that is the payment.
    const state = await payments.expireCheckoutSession({ sessionId: session.sessionId });
    if (state.status === 'complete' && state.paymentStatus === 'paid' && state.amountTotal !== null && state.currency) {
      payment ??= { eventId: `expiry-check:${session.sessionId}`, sessionId: state.sessionId, paymentIntentId: state.paymentIntentId, amountTotal: state.amountTotal, currency: state.currency };
    }
  }
  const late = payment === null;
  if (late) {
    await orders.releaseInventory({ orderId: input.orderId });
    steps.reserved = false;
    await record(ended === 'failed' ? 'payment_failed' : 'expired');
    // A payment completed at the last moment can still be reported: it is refunded.
    if (!(await condition(() => payment !== null, LATE_PAYMENT_GRACE))) return { status };
  }
  const paid: PaymentSucceeded = payment!;
  if (late) return refundLatePayment(paid);
  steps.paid = true;
  const paidFields = { paymentIntentId: paid.paymentIntentId, paidAmountCents: paid.amountTotal, paidCurrency: paid.currency };
  if (paid.amountTotal !== reserved.amountCents || paid.currency.toLowerCase() !== reserved.currency.toLowerCase()) {
    await record('needs_review', paidFields);
    return { status };
  }
  await record('paid', paidFields);

  // 3. Mint to the buyer's Flow account (a custodial one is created on first purchase).
  try {
    const address = await buyerAccount();
    steps.accountReady = true;
    await record('paid', { flowAddress: address });
    const minted = await runChainOp({
      opId: chainOpIds.orderMint(input.orderId),
      kind: 'mint',
      args: {
        recipient: address,
        externalId: input.orderId,
        metadata: { name: details.itemName, description: details.description, thumbnail: details.mediaUrl, traits: { drop: details.dropName } },
        royalties: details.royaltyAddress ? [{ receiver: details.royaltyAddress, cut: '0.05000000', description: 'Creator royalty' }] : [],
      },
    });
    steps.minted = true;
    await record('paid', { nftId: minted.nftIds?.[0] ?? null, txId: minted.txId });
    await orders.sendOrderEmail({ to: input.buyerEmail, kind: 'receipt', itemName: details.itemName, orderId: input.orderId, nftId: minted.nftIds?.[0], amount: money(paid.amountTotal, paid.currency) });
    steps.receiptSent = true;
    await record('fulfilled');
    return { status };
  } catch (error) {
    if (!isPermanent(error)) throw error;
  }

  // 4. Minting failed for good: refund, release the unit, tell the buyer.
  return refundLatePayment(paid);

  /** The buyer's linked or custodial Flow address; a custodial account is set up once per buyer. */
  async function buyerAccount(): Promise<string> {
    for (;;) {
      const existing = await orders.buyerFlowAddress({ buyerId: input.buyerId });
      if (existing) return existing;
      try {
        const setup = await runChainOp({ opId: chainOpIds.accountSetup(input.buyerId), kind: 'account_setup', args: { mode: 'custodial', userId: input.buyerId } });
        return setup.address!;
      } catch (error) {
        // Another checkout of this buyer is setting the account up: wait for it.
        if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
        await sleep('2s');
      }
    }
  }

  async function refundLatePayment(paidEvent: PaymentSucceeded): Promise<{ status: OrderStatus }> {
    const refund = await payments.refundPayment({ orderId: input.orderId, paymentIntentId: paidEvent.paymentIntentId ?? '', idempotencyKey: `${workflowId}:refund` });
    steps.refunded = true;
    await orders.releaseInventory({ orderId: input.orderId });
    steps.reserved = false;
    await orders.sendOrderEmail({ to: input.buyerEmail, kind: 'refund', itemName: details.itemName, orderId: input.orderId, amount: money(paidEvent.amountTotal, paidEvent.currency) });
    await record('refunded', { refundId: refund.refundId, paymentIntentId: paidEvent.paymentIntentId, paidAmountCents: paidEvent.amountTotal, paidCurrency: paidEvent.currency });
    return { status };
  }
}

/** A chain operation that failed for good (chain-op workflows retry everything else themselves). */
function isPermanent(error: unknown): boolean {
  if (error instanceof ChildWorkflowFailure) return true;
  return error instanceof ActivityFailure && error.cause instanceof ApplicationFailure && error.cause.nonRetryable === true;
}
