import { proxyActivities } from '@temporalio/workflow';
import type { StripeActivities } from '../../../activities/src';
import { taskQueues } from '../../../domain/task-queues';

const payments = proxyActivities<StripeActivities>({
  taskQueue: taskQueues.integrations,
  startToCloseTimeout: '1m',
  scheduleToCloseTimeout: '2m',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '10s' },
});

export interface CreatorOnboardingInput {
  creatorId: string;
  refreshUrl: string;
  returnUrl: string;
}

/**
 * creator-onboarding:<creatorId>:<requestId> — a fresh Stripe Connect onboarding link (links
 * expire within minutes). The Connect account itself is created once per creator; its payout
 * status then follows the `account.updated` webhook.
 */
export async function creatorOnboardingWorkflow(input: CreatorOnboardingInput): Promise<{ url: string; expiresAt: number }> {
  return payments.createOnboardingLink(input);
}
