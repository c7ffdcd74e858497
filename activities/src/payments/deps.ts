import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type Stripe from 'stripe';
import { failureTypes, paymentFailureTypes } from '../../../domain/errors';
import type { Database } from '../../../platform/database';
import type { SecretBox } from '../../../platform/secrets';

export interface StripeActivityDeps {
  stripe: Stripe;
  /** Dropline's cut of a destination charge, in percent of the amount (0–100). */
  platformFeePercent: number;
  /** Where Stripe Checkout sends the buyer; `{ORDER_ID}` is replaced by the order id. */
  successUrl: string;
  cancelUrl: string;
  secrets: SecretBox;
  db: Database;
  now?: () => number;
}

export const invalidInput = (message: string) => ApplicationFailure.create({ type: failureTypes.invalidInput, message, nonRetryable: true });

/** When this activity was first scheduled (stable across its retries); `fallback` outside an activity. */
export function firstScheduledAtMs(fallback: number): number {
  try {
    return Context.current().info.scheduledTimestampMs;
  } catch {
    return fallback;
  }
}

export async function findCreator(db: Database, creatorId: string) {
  const creator = await db.creator.findUnique({ where: { id: creatorId } });
  if (!creator) {
    throw ApplicationFailure.create({ type: paymentFailureTypes.creatorNotFound, message: `creator ${creatorId} does not exist`, nonRetryable: true });
  }
  return creator;
}
