import type { Hono } from 'hono';
import Stripe from 'stripe';
import { Prisma } from '../../../../generated/prisma/client';
import type { AppEnv } from '../../http/context';
import { httpErrors } from '../../http/errors';
import type { StripeWebhookDeps } from './context';
import { dispatchStripeEvent } from './dispatch';

export type { StripeWebhookDeps } from './context';

export const STRIPE_WEBHOOK_PATH = '/webhooks/stripe';
const PROVIDER = 'stripe';

/**
 * POST /webhooks/stripe: verify the signature on the raw body, record (stripe, event id)
 * once, then signal the order's workflow or update the creator. A replay answers 200
 * `duplicate` and does nothing. If the event could not be processed (Temporal unreachable)
 * its record is removed and the answer is 503, so Stripe's retry processes it.
 * It lives outside /v1: no CORS, no JSON body reader; request ids, the Host allowlist and
 * the body limit still apply.
 */
export function registerStripeWebhook(app: Hono<AppEnv>, deps: StripeWebhookDeps): void {
  const { db } = deps;
  app.post(STRIPE_WEBHOOK_PATH, async (c) => {
    const signature = c.req.header('stripe-signature');
    if (!signature) throw httpErrors.badRequest('Missing Stripe-Signature header');
    const payload = new Uint8Array(await c.req.arrayBuffer());
    let event: Stripe.Event;
    try {
      event = Stripe.webhooks.constructEvent(payload, signature, deps.webhookSecret);
    } catch {
      throw httpErrors.badRequest('Invalid Stripe signature');
    }
    const log = c.get('log').child({ stripeEventId: event.id, stripeEventType: event.type });
    const key = { provider: PROVIDER, eventId: event.id };

    try {
      await db.webhookEvent.create({ data: { ...key, type: event.type } });
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
        log.info('stripe event already received; ignored');
        return c.json({ data: { received: true, duplicate: true } }, 200);
      }
      throw error;
    }

    try {
      const outcome = await dispatchStripeEvent(event, { db, temporal: deps.temporal, log, signalTimeoutMs: deps.signalTimeoutMs ?? 5_000 });
      return c.json({ data: { received: true, ...(outcome === 'ignored' ? { ignored: true } : {}) } }, 200);
    } catch (error) {
      log.error({ err: error }, 'stripe event not processed; its record is removed so a retry processes it');
      await db.webhookEvent.deleteMany({ where: key }).catch((cleanup: unknown) => log.error({ err: cleanup }, 'could not remove the event record'));
      throw httpErrors.unavailable();
    }
  });
}
