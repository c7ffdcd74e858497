import { z } from 'zod';
import { portSchema } from '../../../platform/config';
import { workerBaseSchema } from '../shared/config';

export const integrationsWorkerConfigSchema = workerBaseSchema.extend({
  DATABASE_URL: z.string().default('postgresql://postgres@127.0.0.1:5432/test'),
  // Any `sk_test_` key works with stripe-mock; the default carries the dev-only marker production refuses.
  STRIPE_SECRET_KEY: z.string().regex(/^(sk|rk)_(test|live)_\S+$/, 'must be a Stripe secret or restricted key (sk_… / rk_…)').default('sk_test_dev-only'),
  // Unset = the real Stripe API; dev and tests point it at stripe-mock.
  STRIPE_API_BASE_URL: z.url().optional(),
  STRIPE_TIMEOUT_MS: z.coerce.number().int().positive().default(20_000),
  PLATFORM_FEE_PERCENT: z.coerce.number().min(0).max(100).default(10),
  CHECKOUT_SUCCESS_URL: z.url().default('http://localhost:5173/orders/{ORDER_ID}?checkout=success'),
  CHECKOUT_CANCEL_URL: z.url().default('http://localhost:5173/orders/{ORDER_ID}?checkout=cancelled'),
  // Same keyring as the chain worker: sealed Stripe account ids are opened with it.
  ENCRYPTION_KEYS: z.string().default('dev-only:ZHJvcGxpbmUtZGV2LW9ubHktZW5jcnlwdGlvbi1rZXk='),
  ENCRYPTION_ACTIVE_KEY_ID: z.string().default('dev-only'),
  INTEGRATIONS_WORKER_METRICS_PORT: portSchema.default(9465),
});
export type IntegrationsWorkerConfig = z.infer<typeof integrationsWorkerConfigSchema>;

export const integrationsWorkerProductionRules = {
  secrets: ['STRIPE_SECRET_KEY', 'ENCRYPTION_KEYS'],
  required: ['DATABASE_URL', 'CHECKOUT_SUCCESS_URL', 'CHECKOUT_CANCEL_URL', 'ENCRYPTION_ACTIVE_KEY_ID'],
};
