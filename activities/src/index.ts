export { createSesMailer, type Mailer, type EmailMessage } from './email/mailer';
export { createVerificationActivities, type VerificationActivities, type VerificationDeps } from './auth/verification.activities';
export { createChainOpBookkeepingActivities, type ChainOpBookkeepingActivities } from './chain/bookkeeping.activities';
export { createChainLaneActivities, type ChainLaneActivities, type ChainLaneDeps } from './chain/lane.activities';
export { createChainMetrics, type ChainMetrics } from './chain/metrics';
export * from './chain/gateway';
export { createOrderActivities, type OrderActivities, type MintDetails } from './orders/orders.activities';
export { createStripeActivities, type StripeActivities, type StripeActivityDeps, type CheckoutSessionCreated, type CheckoutSessionState, type CreateCheckoutSessionInput, type RefundPaymentInput, type OnboardingLinkInput } from './payments/stripe.activities';
