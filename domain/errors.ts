// Failure type names carried by ApplicationFailure.type. Workflows branch on these,
// never on class names or messages.
export const failureTypes = {
  invalidInput: 'InvalidInput',
  emailDeliveryRejected: 'EmailDeliveryRejected',
  userNotFound: 'UserNotFound',
} as const;
export type FailureType = (typeof failureTypes)[keyof typeof failureTypes];

// Error codes in the API envelope `{ error: { code, message, requestId } }`.
export const apiErrorCodes = {
  badRequest: 'bad_request',
  validation: 'validation_failed',
  unauthenticated: 'unauthenticated',
  forbidden: 'forbidden',
  notFound: 'not_found',
  conflict: 'conflict',
  payloadTooLarge: 'payload_too_large',
  unsupportedMediaType: 'unsupported_media_type',
  rateLimited: 'rate_limited',
  emailNotVerified: 'email_not_verified',
  verificationClosed: 'verification_closed',
  unavailable: 'service_unavailable',
  soldOut: 'sold_out',
  purchaseLimitReached: 'purchase_limit_reached',
  notOnSale: 'not_on_sale',
  internal: 'internal_error',
} as const;
export type ApiErrorCode = (typeof apiErrorCodes)[keyof typeof apiErrorCodes];

// Chain failures. Retryable: a stale sequence number, a transient access-node failure,
// an expired transaction. Not retryable: a Cadence error (panic, failed precondition),
// invalid input.
export const chainFailureTypes = {
  invalidSequenceNumber: 'ChainInvalidSequenceNumber',
  transient: 'ChainTransient',
  expired: 'ChainTransactionExpired',
  cadence: 'ChainCadenceError',
  invalidInput: 'ChainInvalidInput',
  laneUnavailable: 'ChainLaneUnavailable',
} as const;

// Payment provider (Stripe) failures. Rejected (invalid request, card declined, idempotency
// key reused with other parameters) and CreatorNotFound are not retryable; Unavailable
// (network, Stripe 5xx, rate limit, authentication) is retried with backoff.
export const paymentFailureTypes = {
  rejected: 'PaymentProviderRejected',
  unavailable: 'PaymentProviderUnavailable',
  creatorNotFound: 'PaymentCreatorNotFound',
} as const;
