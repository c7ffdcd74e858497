import { ApplicationFailure } from '@temporalio/common';
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { paymentFailureTypes } from '../../../domain/errors';
import { toPaymentFailure } from './stripe-errors';

// The SDK's own error classes, as it raises them from Stripe's answers.
const stripeError = (raw: Stripe.StripeRawError) => Stripe.errors.StripeError.generate(raw);

function failure(error: unknown): ApplicationFailure {
  const mapped = toPaymentFailure(error, 'test');
  expect(mapped).toBeInstanceOf(ApplicationFailure);
  return mapped as ApplicationFailure;
}

describe('toPaymentFailure', () => {
  it('makes invalid requests, card errors and idempotency conflicts non-retryable rejections', () => {
    const rejections: Stripe.StripeRawError[] = [
      { type: 'invalid_request_error', message: 'No such destination', statusCode: 400, code: 'resource_missing' },
      { type: 'card_error', message: 'Your card was declined', statusCode: 402, code: 'card_declined' },
      { type: 'idempotency_error', message: 'Keys for idempotent requests can only be used with the same parameters', statusCode: 400 },
    ];
    for (const raw of rejections) {
      const mapped = failure(stripeError(raw));
      expect(mapped.type).toBe(paymentFailureTypes.rejected);
      expect(mapped.nonRetryable).toBe(true);
      expect(mapped.message).toContain(raw.message ?? '');
    }
  });

  it('makes network, 5xx, rate-limit and credential errors retryable', () => {
    const transient: Stripe.StripeRawError[] = [
      { type: 'api_error', message: 'Something went wrong on Stripe', statusCode: 500 },
      { type: 'rate_limit_error', message: 'Too many requests', statusCode: 429 },
      { type: 'invalid_request_error', message: 'idempotency key in use', statusCode: 409 },
      { type: 'authentication_error', message: 'Invalid API key', statusCode: 401 },
    ];
    for (const raw of transient) {
      const mapped = failure(stripeError(raw));
      expect(mapped.type).toBe(paymentFailureTypes.unavailable);
      expect(mapped.nonRetryable).toBe(false);
    }
    const connection = failure(new Stripe.errors.StripeConnectionError({ message: 'connect ECONNREFUSED' }));
    expect(connection.type).toBe(paymentFailureTypes.unavailable);
  });

  it('passes anything that is not a Stripe error through untouched', () => {
    const error = new Error('database down');
    expect(toPaymentFailure(error, 'test')).toBe(error);
  });
});
