import { z } from 'zod';
import { portSchema, positiveIntSchema, secretSchema } from '../../../platform/config';
import { workerBaseSchema } from '../shared/config';

export const appWorkerConfigSchema = workerBaseSchema.extend({
  DATABASE_URL: z.string().default('postgresql://postgres@127.0.0.1:5432/test'),
  VERIFICATION_CODE_SECRET: secretSchema('VERIFICATION_CODE_SECRET'),
  SES_ENDPOINT: z.url().optional(),
  SES_REGION: z.string().default('us-east-1'),
  // Read by the AWS SDK itself; declared here so an emulator endpoint without them gets placeholders.
  AWS_ACCESS_KEY_ID: z.string().optional(),
  EMAIL_FROM: z.email().default('no-reply@dropline.local'),
  APP_WORKER_METRICS_PORT: portSchema.default(9464),
  // Lanes the chain-op workflow may choose from (the chain worker serves 1..K).
  CHAIN_PROPOSER_KEYS: positiveIntSchema.default(8),
});
export type AppWorkerConfig = z.infer<typeof appWorkerConfigSchema>;

export const appWorkerProductionRules = { secrets: ['VERIFICATION_CODE_SECRET'], required: ['DATABASE_URL', 'EMAIL_FROM'] };
