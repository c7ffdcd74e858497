import { createStripeActivities } from '../../../activities/src';
import type { Database } from '../../../platform/database';
import { createSecretBox } from '../../../platform/secrets';
import type { IntegrationsWorkerConfig } from './config';
import { createStripeClient } from './stripe-client';

/** Builds every activity served on the `integrations` queue from its dependencies. */
export function createIntegrationsActivities(config: IntegrationsWorkerConfig, db: Database) {
  const stripe = createStripeClient({ secretKey: config.STRIPE_SECRET_KEY, apiBaseUrl: config.STRIPE_API_BASE_URL, timeoutMs: config.STRIPE_TIMEOUT_MS });
  return {
    ...createStripeActivities({
      stripe,
      db,
      secrets: createSecretBox(config.ENCRYPTION_KEYS, config.ENCRYPTION_ACTIVE_KEY_ID),
      platformFeePercent: config.PLATFORM_FEE_PERCENT,
      successUrl: config.CHECKOUT_SUCCESS_URL,
      cancelUrl: config.CHECKOUT_CANCEL_URL,
    }),
  };
}
