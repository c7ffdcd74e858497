import type Stripe from 'stripe';
import type { StripeEventContext } from './context';
import { onAccountUpdated } from './handlers/account-updated';
import { onChargeRefunded } from './handlers/charge-refunded';
import { onCheckoutSessionAsyncPaymentFailed } from './handlers/checkout-session-async-payment-failed';
import { onCheckoutSessionAsyncPaymentSucceeded } from './handlers/checkout-session-async-payment-succeeded';
import { onCheckoutSessionCompleted } from './handlers/checkout-session-completed';
import { onCheckoutSessionExpired } from './handlers/checkout-session-expired';

/** Runs the handler of the event's type (one file per type in handlers/); other types are ignored. */
export async function dispatchStripeEvent(event: Stripe.Event, ctx: StripeEventContext): Promise<'handled' | 'ignored'> {
  switch (event.type) {
    case 'checkout.session.completed':
      await onCheckoutSessionCompleted(event, ctx);
      return 'handled';
    case 'checkout.session.async_payment_succeeded':
      await onCheckoutSessionAsyncPaymentSucceeded(event, ctx);
      return 'handled';
    case 'checkout.session.async_payment_failed':
      await onCheckoutSessionAsyncPaymentFailed(event, ctx);
      return 'handled';
    case 'checkout.session.expired':
      await onCheckoutSessionExpired(event, ctx);
      return 'handled';
    case 'charge.refunded':
      await onChargeRefunded(event, ctx);
      return 'handled';
    case 'account.updated':
      await onAccountUpdated(event, ctx);
      return 'handled';
    default:
      ctx.log.info('stripe event type not handled; ignored');
      return 'ignored';
  }
}
