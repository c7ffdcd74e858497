import { ApplicationFailure } from '@temporalio/common';
import Stripe from 'stripe';
import { paymentFailureTypes } from '../../../domain/errors';
import { callStripe } from './stripe-errors';
import { findCreator, firstScheduledAtMs, invalidInput, type StripeActivityDeps } from './deps';
import { checkoutSessionExpiry } from './session-expiry';

export interface CreateCheckoutSessionInput {
  orderId: string;
  /** Stripe idempotency key, derived in the workflow (`<workflowId>:checkout-session`). */
  idempotencyKey: string;
  amountCents: number;
  currency: string;
  itemName: string;
  buyerEmail: string;
  creatorId: string;
  /** Unix seconds; clamped into Stripe's 30 min – 24 h window. */
  expiresAt: number;
}

export interface CheckoutSessionCreated {
  sessionId: string;
  url: string;
  /** Unix seconds at which Stripe expires the session. */
  expiresAt: number;
}

/** A session's state, e.g. to reconcile an order whose payment webhook never arrived. */
export interface CheckoutSessionState {
  sessionId: string;
  /** Stripe's session status: `open`, `complete` or `expired`. */
  status: string | null;
  /** `paid`, `unpaid` or `no_payment_required`. */
  paymentStatus: string;
  paymentIntentId: string | null;
  amountTotal: number | null;
  currency: string | null;
}

function validate(input: CreateCheckoutSessionInput): void {
  if (!input.orderId || !input.idempotencyKey || !input.creatorId) throw invalidInput('orderId, idempotencyKey and creatorId are required');
  if (!Number.isInteger(input.amountCents) || input.amountCents <= 0) throw invalidInput(`amountCents must be a positive integer, got ${input.amountCents}`);
  if (!/^[a-z]{3}$/i.test(input.currency)) throw invalidInput(`currency must be an ISO 4217 code, got "${input.currency}"`);
}

export function stateOf(session: Stripe.Checkout.Session): CheckoutSessionState {
  const intent = session.payment_intent;
  return {
    sessionId: session.id,
    status: session.status,
    paymentStatus: session.payment_status,
    paymentIntentId: typeof intent === 'string' ? intent : (intent?.id ?? null),
    amountTotal: session.amount_total,
    currency: session.currency,
  };
}

export function checkoutSessionActivities(deps: StripeActivityDeps) {
  const now = deps.now ?? Date.now;
  const withOrder = (url: string, orderId: string) => url.replaceAll('{ORDER_ID}', encodeURIComponent(orderId));

  return {
    /** Opens the order's Stripe Checkout Session; a retry with the same key returns the same session. */
    async createCheckoutSession(input: CreateCheckoutSessionInput): Promise<CheckoutSessionCreated> {
      validate(input);
      const creator = await findCreator(deps.db, input.creatorId);
      // A destination charge pays the creator's connected account minus dropline's fee. A
      // creator who cannot take charges yet (no account, onboarding unfinished) is not paid
      // through Stripe: the platform collects the whole amount and settles with them later.
      const destination = creator.chargesEnabled && creator.stripeAccountSealed ? deps.secrets.open(creator.stripeAccountSealed) : null;
      const fee = Math.min(input.amountCents, Math.round((input.amountCents * deps.platformFeePercent) / 100));
      const startedAt = now();
      const params: Stripe.Checkout.SessionCreateParams = {
        mode: 'payment',
        line_items: [{ quantity: 1, price_data: { currency: input.currency.toLowerCase(), unit_amount: input.amountCents, product_data: { name: input.itemName } } }],
        client_reference_id: input.orderId,
        metadata: { orderId: input.orderId },
        customer_email: input.buyerEmail,
        success_url: withOrder(deps.successUrl, input.orderId),
        cancel_url: withOrder(deps.cancelUrl, input.orderId),
        expires_at: checkoutSessionExpiry(input.expiresAt, firstScheduledAtMs(startedAt), startedAt),
        payment_intent_data: {
          metadata: { orderId: input.orderId },
          ...(destination ? { transfer_data: { destination }, ...(fee > 0 ? { application_fee_amount: fee } : {}) } : {}),
        },
      };
      const session = await callStripe('create checkout session', () => deps.stripe.checkout.sessions.create(params, { idempotencyKey: input.idempotencyKey }));
      if (!session.url) {
        throw ApplicationFailure.create({ type: paymentFailureTypes.rejected, message: `Stripe returned checkout session ${session.id} without a url`, nonRetryable: true });
      }
      return { sessionId: session.id, url: session.url, expiresAt: session.expires_at };
    },

    /**
     * Closes a session that is still open (so nobody pays after the reservation ended) and
     * returns its state; a session that already completed or expired is returned as it is.
     */
    async expireCheckoutSession(input: { sessionId: string }): Promise<CheckoutSessionState> {
      if (!input.sessionId) throw invalidInput('sessionId is required');
      const session = await callStripe('expire checkout session', async () => {
        try {
          return await deps.stripe.checkout.sessions.expire(input.sessionId);
        } catch (error) {
          // Stripe refuses to expire a session that is not open (400): read it instead.
          if (error instanceof Stripe.errors.StripeInvalidRequestError && error.statusCode === 400) return deps.stripe.checkout.sessions.retrieve(input.sessionId);
          throw error;
        }
      });
      return stateOf(session);
    },
  };
}
