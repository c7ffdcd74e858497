import type Stripe from 'stripe';
import { stripeAccountLookup } from '../account-lookup';
import type { StripeEventContext } from '../context';

/** account.updated: a creator's connected account can (or can no longer) take charges or receive payouts. */
export async function onAccountUpdated(event: Stripe.AccountUpdatedEvent, ctx: StripeEventContext): Promise<void> {
  const account = event.data.object;
  const flags = { chargesEnabled: account.charges_enabled === true, payoutsEnabled: account.payouts_enabled === true };
  const updated = await ctx.db.creator.updateMany({ where: { stripeAccountLookup: stripeAccountLookup(account.id) }, data: flags });
  if (updated.count === 0) {
    ctx.log.warn('account.updated for an account no creator holds; ignored');
    return;
  }
  ctx.log.info(flags, 'creator payment capabilities updated');
}
