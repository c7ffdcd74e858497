import Stripe from 'stripe';
import { toPaymentFailure, callStripe } from './stripe-errors';
import { invalidInput, type StripeActivityDeps } from './deps';

export interface RefundPaymentInput {
  orderId: string;
  paymentIntentId: string;
  /** Stripe idempotency key, derived in the workflow (`<workflowId>:refund`). */
  idempotencyKey: string;
}

export function refundActivities(deps: StripeActivityDeps) {
  const { stripe } = deps;

  /** The newest refund of an intent that was already refunded in full (under another key). */
  async function existingRefund(paymentIntentId: string): Promise<string | null> {
    const refunds = await callStripe('list refunds', () => stripe.refunds.list({ payment_intent: paymentIntentId, limit: 10 }));
    return refunds.data.find((refund) => refund.status !== 'failed' && refund.status !== 'canceled')?.id ?? null;
  }

  return {
    /** Refunds the whole payment; the same key never refunds twice. */
    async refundPayment(input: RefundPaymentInput): Promise<{ refundId: string }> {
      if (!input.paymentIntentId || !input.idempotencyKey) throw invalidInput('paymentIntentId and idempotencyKey are required');
      const intent = await callStripe('retrieve payment intent', () => stripe.paymentIntents.retrieve(input.paymentIntentId));
      // A destination charge also takes the creator's transfer and dropline's fee back.
      const destination = intent.transfer_data?.destination ? { reverse_transfer: true, refund_application_fee: true } : {};
      try {
        const refund = await stripe.refunds.create(
          { payment_intent: input.paymentIntentId, metadata: { orderId: input.orderId }, ...destination },
          { idempotencyKey: input.idempotencyKey },
        );
        return { refundId: refund.id };
      } catch (error) {
        if (error instanceof Stripe.errors.StripeError && error.code === 'charge_already_refunded') {
          const refundId = await existingRefund(input.paymentIntentId);
          if (refundId) return { refundId };
        }
        throw toPaymentFailure(error, 'refund payment');
      }
    },
  };
}
