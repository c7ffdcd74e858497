import { inject } from 'vitest';
import { createDatabase, type Database } from '../../platform/database';
import { createLogger } from '../../platform/logger';
import { readEmails } from '../../scripts/infra/ses';

// Handles to the infrastructure the global setup started, for use inside test files.

export const testLogger = createLogger({ name: 'test', level: process.env.TEST_LOG_LEVEL ?? 'silent', environment: 'test' });

export const infra = {
  temporalAddress: () => inject('temporalAddress'),
  databaseUrl: () => inject('databaseUrl'),
  sesUrl: () => inject('sesUrl'),
  workflowBundlePath: () => inject('workflowBundlePath'),
};

export function testDatabase(): Database {
  return createDatabase(infra.databaseUrl(), { maxConnections: 5 });
}

export const uniqueEmail = (label: string) => `${label}-${crypto.randomUUID().slice(0, 8)}@example.test`;

/** The code in the newest email to `to`, waiting for it to arrive (after `after` emails seen). */
export async function latestCode(to: string, options: { after?: number; timeoutMs?: number } = {}): Promise<string> {
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  for (;;) {
    const emails = (await readEmails(infra.sesUrl())).filter((email) => email.to.includes(to));
    const newest = emails.length > (options.after ?? 0) ? emails[emails.length - 1] : undefined;
    const code = newest && /\b(\d{6})\b/.exec(newest.text)?.[1];
    if (code) return code;
    if (Date.now() > deadline) throw new Error(`no verification email for ${to}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function emailCount(to: string): Promise<number> {
  return (await readEmails(infra.sesUrl())).filter((email) => email.to.includes(to)).length;
}
