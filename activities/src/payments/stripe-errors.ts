import { ApplicationFailure } from '@temporalio/common';
import Stripe from 'stripe';
import { paymentFailureTypes } from '../../../domain/errors';

// Stripe errors a retry can fix: the network, Stripe itself, rate limits, a concurrent
// request holding the same idempotency key (409), and credentials an operator can repair.
const RETRYABLE_TYPES = new Set(['StripeConnectionError', 'StripeAPIError', 'StripeRateLimitError', 'RateLimitError', 'StripeAuthenticationError', 'StripePermissionError']);

function retryable(error: InstanceType<typeof Stripe.errors.StripeError>): boolean {
  const status = error.statusCode ?? 0;
  return RETRYABLE_TYPES.has(error.type) || status >= 500 || status === 409 || status === 429;
}

/**
 * Turns a Stripe SDK error into a typed Temporal failure: `PaymentProviderRejected` (not
 * retryable: invalid request, card error, idempotency key reused with other parameters)
 * or `PaymentProviderUnavailable` (retried with the activity's backoff). Anything else is
 * rethrown as it is, so Temporal retries it.
 */
export function toPaymentFailure(error: unknown, what: string): unknown {
  if (!(error instanceof Stripe.errors.StripeError)) return error;
  const detail = [error.type, error.code, error.statusCode, error.requestId].filter((part) => part !== undefined && part !== '').join(' ');
  const message = `${what}: ${error.message} (${detail})`;
  if (retryable(error)) {
    return ApplicationFailure.create({ type: paymentFailureTypes.unavailable, message, nonRetryable: false });
  }
  return ApplicationFailure.create({ type: paymentFailureTypes.rejected, message, nonRetryable: true, details: [{ stripeType: error.type, code: error.code ?? null }] });
}

/** Runs a Stripe call, mapping its errors with `toPaymentFailure`. */
export async function callStripe<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toPaymentFailure(error, what);
  }
}
