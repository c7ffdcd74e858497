import { createHash } from 'node:crypto';

/**
 * Creator.stripeAccountLookup of a Stripe account id: sha256 hex, the same hash the
 * onboarding activity stores (activities/src/payments/account-lookup.ts).
 */
export const stripeAccountLookup = (accountId: string): string => createHash('sha256').update(accountId).digest('hex');
