import { stripeAccountLookup } from './account-lookup';
import { callStripe } from './stripe-errors';
import { findCreator, invalidInput, type StripeActivityDeps } from './deps';

export interface OnboardingLinkInput {
  creatorId: string;
  /** Where Stripe sends the creator when the link expired or was used already. */
  refreshUrl: string;
  /** Where Stripe sends the creator after onboarding (finished or not: `account.updated` tells). */
  returnUrl: string;
}

export function onboardingActivities(deps: StripeActivityDeps) {
  const { db, secrets, stripe } = deps;

  /** The creator's connected account id, creating the account once and storing it sealed. */
  async function connectedAccountId(creatorId: string): Promise<string> {
    const creator = await findCreator(db, creatorId);
    if (creator.stripeAccountSealed) return secrets.open(creator.stripeAccountSealed);
    const account = await callStripe('create connected account', () =>
      stripe.accounts.create(
        { type: 'express', metadata: { creatorId }, capabilities: { card_payments: { requested: true }, transfers: { requested: true } } },
        { idempotencyKey: `creator-account:${creatorId}` },
      ),
    );
    const stored = await db.creator.updateMany({
      where: { id: creatorId, stripeAccountSealed: null },
      data: {
        stripeAccountSealed: secrets.seal(account.id),
        stripeAccountLookup: stripeAccountLookup(account.id),
        chargesEnabled: account.charges_enabled,
        payoutsEnabled: account.payouts_enabled,
      },
    });
    if (stored.count === 1) return account.id;
    // A concurrent call stored the account first (the same one: same idempotency key).
    const winner = await findCreator(db, creatorId);
    return winner.stripeAccountSealed ? secrets.open(winner.stripeAccountSealed) : account.id;
  }

  return {
    /** A Stripe-hosted onboarding link for the creator's Express account (created on first use). */
    async createOnboardingLink(input: OnboardingLinkInput): Promise<{ url: string; expiresAt: number }> {
      if (!input.creatorId || !input.refreshUrl || !input.returnUrl) throw invalidInput('creatorId, refreshUrl and returnUrl are required');
      const account = await connectedAccountId(input.creatorId);
      const link = await callStripe('create account link', () =>
        stripe.accountLinks.create({ account, refresh_url: input.refreshUrl, return_url: input.returnUrl, type: 'account_onboarding' }),
      );
      return { url: link.url, expiresAt: link.expires_at };
    },
  };
}
