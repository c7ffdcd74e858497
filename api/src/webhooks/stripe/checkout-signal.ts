import { WorkflowNotFoundError } from '@temporalio/client';
import type { SignalDefinition } from '@temporalio/common';
import type Stripe from 'stripe';
import { workflowIds } from '../../../../domain/ids';
import type { StripeEventContext } from './context';

/** The dropline order a Checkout Session belongs to (set by the createCheckoutSession activity). */
export function orderIdOf(session: Stripe.Checkout.Session): string | null {
  return session.metadata?.orderId || session.client_reference_id || null;
}

export function paymentIntentIdOf(session: Stripe.Checkout.Session): string | null {
  const intent = session.payment_intent;
  return typeof intent === 'string' ? intent : (intent?.id ?? null);
}

/**
 * Signals the order's `checkout:<orderId>` workflow. An order with no running workflow
 * (unknown, or already finished) is logged and skipped: Stripe must not retry it forever.
 * Any other failure (Temporal unreachable) propagates, so the delivery is answered 503.
 */
export async function signalCheckout<Args extends unknown[]>(
  ctx: StripeEventContext,
  session: Stripe.Checkout.Session,
  signal: SignalDefinition<Args>,
  ...args: Args
): Promise<void> {
  const orderId = orderIdOf(session);
  if (!orderId) {
    ctx.log.info({ sessionId: session.id }, 'checkout session without a dropline order id; ignored');
    return;
  }
  const workflowId = workflowIds.checkout(orderId);
  try {
    await ctx.temporal.withDeadline(Date.now() + ctx.signalTimeoutMs, () => ctx.temporal.workflow.getHandle(workflowId).signal(signal, ...args));
    ctx.log.info({ workflowId, signal: signal.name }, 'checkout workflow signalled');
  } catch (error) {
    if (!(error instanceof WorkflowNotFoundError)) throw error;
    ctx.log.warn({ workflowId, signal: signal.name }, 'no running checkout workflow for this order; event ignored');
  }
}
