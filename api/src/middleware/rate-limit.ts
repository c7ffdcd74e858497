import type { Database } from '../../../platform/database';
import { httpErrors } from '../http/errors';

export interface RateLimitRule {
  key: string;
  limit: number;
}

/**
 * Fixed-window counters in PostgreSQL, so every api process shares them. Each call
 * counts one hit against every rule and throws 429 (with Retry-After) if any is over.
 */
export function createRateLimiter(db: Database, windowSeconds: number) {
  const windowMs = windowSeconds * 1000;
  let prunedWindow = 0;

  // Once per window and process, drop the counters of windows that have ended.
  async function pruneEndedWindows(windowStart: Date): Promise<void> {
    if (prunedWindow === windowStart.getTime()) return;
    prunedWindow = windowStart.getTime();
    await db.rateLimitHit.deleteMany({ where: { windowStart: { lt: windowStart } } });
  }

  return async function consume(rules: RateLimitRule[]): Promise<void> {
    const windowStart = new Date(Math.floor(Date.now() / windowMs) * windowMs);
    await pruneEndedWindows(windowStart);
    for (const rule of rules) {
      const rows = await db.$queryRaw<Array<{ count: number }>>`
        INSERT INTO rate_limit_hits (key, window_start, count) VALUES (${rule.key}, ${windowStart}, 1)
        ON CONFLICT (key, window_start) DO UPDATE SET count = rate_limit_hits.count + 1
        RETURNING count`;
      if ((rows[0]?.count ?? 0) > rule.limit) {
        throw httpErrors.rateLimited(Math.ceil((windowStart.getTime() + windowMs - Date.now()) / 1000));
      }
    }
  };
}
export type RateLimiter = ReturnType<typeof createRateLimiter>;
