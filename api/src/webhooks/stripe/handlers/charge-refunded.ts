import type Stripe from 'stripe';
import type { StripeEventContext } from '../context';

/**
 * charge.refunded: refunds are started by the checkout workflow (refundPayment activity),
 * which records them itself; this is logged for the audit trail (and recorded as delivered).
 */
export async function onChargeRefunded(event: Stripe.ChargeRefundedEvent, ctx: StripeEventContext): Promise<void> {
  const charge = event.data.object;
  const paymentIntent = typeof charge.payment_intent === 'string' ? charge.payment_intent : (charge.payment_intent?.id ?? null);
  ctx.log.info(
    { chargeId: charge.id, paymentIntent, amountRefunded: charge.amount_refunded, currency: charge.currency, orderId: charge.metadata?.orderId ?? null },
    'charge refunded',
  );
}
