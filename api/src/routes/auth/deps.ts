import type { Database } from '../../../../platform/database';
import type { AccessTokens } from '../../auth/access-tokens';
import type { Sessions } from '../../auth/sessions';
import type { SignupProcess } from '../../auth/signup-process';
import type { RateLimitRule, RateLimiter } from '../../middleware/rate-limit';

export interface AuthDeps {
  db: Database;
  accessTokens: AccessTokens;
  sessions: Sessions;
  signup: SignupProcess;
  rateLimit: RateLimiter;
  limits: { perIp: number; perAccount: number };
}

export const ipKey = (action: string, ip: string) => `${action}:ip:${ip}`;

/** One hit against the client IP's limit and one against the account's. */
export function ipAndAccountRules(deps: Pick<AuthDeps, 'limits'>, action: string, ip: string, email: string): RateLimitRule[] {
  return [
    { key: ipKey(action, ip), limit: deps.limits.perIp },
    { key: `${action}:account:${email}`, limit: deps.limits.perAccount },
  ];
}
