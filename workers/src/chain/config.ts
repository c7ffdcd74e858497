import { z } from 'zod';
import { portSchema, positiveIntSchema } from '../../../platform/config';
import { workerBaseSchema } from '../shared/config';

export const chainWorkerConfigSchema = workerBaseSchema.extend({
  DATABASE_URL: z.string().default('postgresql://postgres@127.0.0.1:5432/test'),
  FLOW_NETWORK: z.enum(['emulator', 'testnet', 'mainnet']).default('emulator'),
  FLOW_ACCESS_NODE: z.url().default('http://127.0.0.1:8888'),
  FLOW_SERVICE_ADDRESS: z.string().regex(/^0x[0-9a-f]{16}$/).default('0xf8d6e0586b0a20c7'),
  FLOW_SERVICE_PRIVATE_KEY: z.string().regex(/^[0-9a-f]{64}$/, 'must be a 32-byte hex P256 private key').optional(),
  FLOW_REQUEST_TIMEOUT_MS: positiveIntSchema.default(10_000),
  CHAIN_PROPOSER_KEYS: positiveIntSchema.default(8),
  // At most 250 mints per transaction keeps it near half the 9999 computation limit.
  CHAIN_MINT_BATCH_SIZE: positiveIntSchema.max(250).default(50),
  CHAIN_EXECUTION_TIMEOUT_SECONDS: positiveIntSchema.default(60),
  CHAIN_LEASE_RETRY_SECONDS: positiveIntSchema.default(10),
  // `id:base64(32 bytes)` pairs; the development key id carries the dev-only marker.
  ENCRYPTION_KEYS: z.string().default('dev-only:ZHJvcGxpbmUtZGV2LW9ubHktZW5jcnlwdGlvbi1rZXk='),
  ENCRYPTION_ACTIVE_KEY_ID: z.string().default('dev-only'),
  CHAIN_WORKER_METRICS_PORT: portSchema.default(9466),
  CHAIN_METRICS_PORT: portSchema.default(9467),
});
export type ChainWorkerConfig = z.infer<typeof chainWorkerConfigSchema>;

export const chainWorkerProductionRules = {
  secrets: ['ENCRYPTION_KEYS'],
  required: ['DATABASE_URL', 'FLOW_ACCESS_NODE', 'FLOW_SERVICE_ADDRESS', 'FLOW_SERVICE_PRIVATE_KEY', 'ENCRYPTION_KEYS', 'ENCRYPTION_ACTIVE_KEY_ID'],
};
