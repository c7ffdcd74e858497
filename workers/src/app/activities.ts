import { SESClient } from '@aws-sdk/client-ses';
import { createChainOpBookkeepingActivities, createOrderActivities, createSesMailer, createVerificationActivities } from '../../../activities/src';
import type { Database } from '../../../platform/database';
import type { AppWorkerConfig } from './config';

/** Builds every activity served on the `app` queue from its dependencies. */
export function createAppActivities(config: AppWorkerConfig, db: Database) {
  const ses = new SESClient({
    region: config.SES_REGION,
    ...(config.SES_ENDPOINT ? { endpoint: config.SES_ENDPOINT } : {}),
    // The SES emulator accepts any credentials; real SES uses the standard AWS chain.
    ...(config.SES_ENDPOINT && !config.AWS_ACCESS_KEY_ID ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
    requestHandler: { requestTimeout: 10_000, connectionTimeout: 5_000 },
  });
  const mailer = createSesMailer({ ses, from: config.EMAIL_FROM });
  return {
    ...createVerificationActivities({ db, mailer, codeSecret: config.VERIFICATION_CODE_SECRET }),
    ...createChainOpBookkeepingActivities({ db, laneCount: config.CHAIN_PROPOSER_KEYS }),
    ...createOrderActivities({ db, mailer }),
  };
}
