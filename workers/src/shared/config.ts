import { z } from 'zod';
import { environmentSchema, logLevelSchema, positiveIntSchema } from '../../../platform/config';

// Settings every worker process shares; each entry point extends this with its own.
export const workerBaseSchema = z.object({
  DROPLINE_ENV: environmentSchema,
  LOG_LEVEL: logLevelSchema,
  TEMPORAL_ADDRESS: z.string().default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().default('default'),
  WORKFLOW_BUNDLE_PATH: z.string().optional(),
  WORKER_SHUTDOWN_GRACE_SECONDS: positiveIntSchema.default(30),
});
export type WorkerBaseConfig = z.infer<typeof workerBaseSchema>;
