import type { Client } from '@temporalio/client';
import type { Database } from '../../../../platform/database';
import type { Logger } from '../../../../platform/logger';

export interface StripeWebhookDeps {
  db: Database;
  temporal: Client;
  /** Signing secret of the webhook endpoint (STRIPE_WEBHOOK_SECRET). */
  webhookSecret: string;
  /** Longest wait for Temporal to take a signal; beyond it the delivery is answered 503. */
  signalTimeoutMs?: number;
}

/** What every event handler gets: the event's own logger and the api's clients. */
export interface StripeEventContext {
  db: Database;
  temporal: Client;
  log: Logger;
  signalTimeoutMs: number;
}
