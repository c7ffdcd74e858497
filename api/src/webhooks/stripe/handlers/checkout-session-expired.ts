import type Stripe from 'stripe';
import { sessionExpiredSignal } from '../../../../../workflows/src/checkout/messages';
import { signalCheckout } from '../checkout-signal';
import type { StripeEventContext } from '../context';

/** checkout.session.expired: the buyer never paid and Stripe closed the session. */
export async function onCheckoutSessionExpired(event: Stripe.CheckoutSessionExpiredEvent, ctx: StripeEventContext): Promise<void> {
  const session = event.data.object;
  await signalCheckout(ctx, session, sessionExpiredSignal, { eventId: event.id, sessionId: session.id });
}
