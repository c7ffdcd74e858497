import type { Database } from '../../../../platform/database';
import type { AccessTokens } from '../../auth/access-tokens';
import type { Sessions } from '../../auth/sessions';
import type { SignupProcess } from '../../auth/signup-process';
import type { RateLimiter } from '../../middleware/rate-limit';

export interface AuthDeps {
  db: Database;
  accessTokens: AccessTokens;
  sessions: Sessions;
  signup: SignupProcess;
  rateLimit: RateLimiter;
  limits: { perIp: number; perAccount: number };
}

export const ipKey = (action: string, ip: string) => `${action}:ip:${ip}`;
export const accountKey = (action: string, email: string) => `${action}:account:${email}`;
