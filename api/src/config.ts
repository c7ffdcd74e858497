import { z } from 'zod';
import { csvSchema, environmentSchema, logLevelSchema, portSchema, positiveIntSchema, secretSchema } from '../../platform/config';

const booleanSchema = z.enum(['true', 'false']).transform((value) => value === 'true');

export const apiConfigSchema = z.object({
  DROPLINE_ENV: environmentSchema,
  LOG_LEVEL: logLevelSchema,
  DATABASE_URL: z.string().default('postgresql://postgres@127.0.0.1:5432/test'),
  TEMPORAL_ADDRESS: z.string().default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().default('default'),
  API_HOST: z.string().default('127.0.0.1'),
  API_PORT: portSchema.default(3000),
  API_ALLOWED_HOSTS: csvSchema.default(['localhost', '127.0.0.1']),
  API_CORS_ORIGINS: csvSchema.default(['http://localhost:5173', 'http://127.0.0.1:5173']),
  API_TRUST_PROXY: booleanSchema.default(false),
  API_BODY_LIMIT_BYTES: positiveIntSchema.default(64 * 1024),
  JWT_SECRET: secretSchema('JWT_SECRET'),
  ACCESS_TOKEN_TTL_SECONDS: positiveIntSchema.default(15 * 60),
  REFRESH_TOKEN_TTL_SECONDS: positiveIntSchema.default(30 * 24 * 3600),
  VERIFICATION_CODE_TTL_SECONDS: positiveIntSchema.default(15 * 60),
  VERIFICATION_MAX_ATTEMPTS: positiveIntSchema.default(5),
  VERIFICATION_MAX_RESENDS: positiveIntSchema.default(3),
  // How long a reserved unit (and its Checkout Session) waits for payment; Stripe needs >= 1800.
  // The web client's public URL (Stripe Connect onboarding returns there).
  WEB_BASE_URL: z.url().default('http://localhost:5173'),
  CHECKOUT_RESERVATION_SECONDS: positiveIntSchema.default(30 * 60),
  AUTH_RATE_LIMIT_WINDOW_SECONDS: positiveIntSchema.default(15 * 60),
  AUTH_RATE_LIMIT_PER_IP: positiveIntSchema.default(50),
  AUTH_RATE_LIMIT_PER_ACCOUNT: positiveIntSchema.default(10),
  // Signing secret of the Stripe webhook endpoint (`whsec_…`); the default carries the dev-only marker.
  STRIPE_WEBHOOK_SECRET: z.string().min(16).default('whsec_dev-only-stripe-webhook-secret'),
});
export type ApiConfig = z.infer<typeof apiConfigSchema>;

export const apiProductionRules = {
  secrets: ['JWT_SECRET', 'STRIPE_WEBHOOK_SECRET'],
  hostLists: ['API_ALLOWED_HOSTS', 'API_CORS_ORIGINS'],
  required: ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'API_ALLOWED_HOSTS', 'API_CORS_ORIGINS'],
};
