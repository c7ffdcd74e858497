import type Stripe from 'stripe';
import { paymentFailedSignal } from '../../../../../workflows/src/checkout/messages';
import { signalCheckout } from '../checkout-signal';
import type { StripeEventContext } from '../context';

/** checkout.session.async_payment_failed: a delayed payment method was declined. */
export async function onCheckoutSessionAsyncPaymentFailed(event: Stripe.CheckoutSessionAsyncPaymentFailedEvent, ctx: StripeEventContext): Promise<void> {
  const session = event.data.object;
  await signalCheckout(ctx, session, paymentFailedSignal, { eventId: event.id, sessionId: session.id });
}
