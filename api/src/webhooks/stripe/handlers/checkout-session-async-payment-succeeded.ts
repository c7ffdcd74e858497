import type Stripe from 'stripe';
import { paymentSucceededSignal } from '../../../../../workflows/src/checkout/messages';
import { signalCheckout } from '../checkout-signal';
import type { StripeEventContext } from '../context';
import { paymentSucceededOf } from './checkout-session-completed';

/** checkout.session.async_payment_succeeded: a delayed payment method settled. */
export async function onCheckoutSessionAsyncPaymentSucceeded(event: Stripe.CheckoutSessionAsyncPaymentSucceededEvent, ctx: StripeEventContext): Promise<void> {
  await signalCheckout(ctx, event.data.object, paymentSucceededSignal, paymentSucceededOf(event));
}
