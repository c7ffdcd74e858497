import { checkoutSessionActivities } from './checkout-session';
import type { StripeActivityDeps } from './deps';
import { onboardingActivities } from './onboarding';
import { refundActivities } from './refund';

export type { CheckoutSessionCreated, CheckoutSessionState, CreateCheckoutSessionInput } from './checkout-session';
export type { OnboardingLinkInput } from './onboarding';
export type { RefundPaymentInput } from './refund';
export type { StripeActivityDeps } from './deps';

/**
 * Stripe activities, served on the `integrations` queue. Every call that creates something
 * carries an idempotency key, so a retried activity never charges, refunds or onboards twice;
 * Stripe errors become typed failures (`paymentFailureTypes`).
 */
export function createStripeActivities(deps: StripeActivityDeps) {
  return {
    ...checkoutSessionActivities(deps),
    ...refundActivities(deps),
    ...onboardingActivities(deps),
  };
}
export type StripeActivities = ReturnType<typeof createStripeActivities>;
