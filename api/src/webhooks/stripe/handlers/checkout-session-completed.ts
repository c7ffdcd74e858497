import type Stripe from 'stripe';
import { paymentSucceededSignal, type PaymentSucceeded } from '../../../../../workflows/src/checkout/messages';
import { paymentIntentIdOf, signalCheckout } from '../checkout-signal';
import type { StripeEventContext } from '../context';

type SessionEvent = Stripe.CheckoutSessionCompletedEvent | Stripe.CheckoutSessionAsyncPaymentSucceededEvent;

export function paymentSucceededOf(event: SessionEvent): PaymentSucceeded {
  const session = event.data.object;
  return { eventId: event.id, sessionId: session.id, paymentIntentId: paymentIntentIdOf(session), amountTotal: session.amount_total ?? 0, currency: session.currency ?? '' };
}

/**
 * checkout.session.completed: the buyer finished Checkout. Paid now (cards) → the order's
 * workflow learns it; `unpaid` means a delayed method (bank debit) is still pending, and
 * `checkout.session.async_payment_succeeded` / `_failed` will follow.
 */
export async function onCheckoutSessionCompleted(event: Stripe.CheckoutSessionCompletedEvent, ctx: StripeEventContext): Promise<void> {
  const session = event.data.object;
  if (session.payment_status !== 'paid') {
    ctx.log.info({ sessionId: session.id, paymentStatus: session.payment_status }, 'checkout completed, payment still pending');
    return;
  }
  await signalCheckout(ctx, session, paymentSucceededSignal, paymentSucceededOf(event));
}
