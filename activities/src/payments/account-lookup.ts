import { createHash } from 'node:crypto';

/**
 * The non-reversible key Creator.stripeAccountLookup holds: sha256 hex of the Stripe account
 * id, so `account.updated` webhooks find their creator without the id being stored in clear.
 * The api's webhook receiver computes the same hash (api/src/webhooks/stripe/account-lookup.ts).
 */
export const stripeAccountLookup = (accountId: string): string => createHash('sha256').update(accountId).digest('hex');
