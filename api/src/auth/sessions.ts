import { createHash, randomBytes } from 'node:crypto';
import type { Session } from '../../../domain/auth';
import type { Database } from '../../../platform/database';
import type { User } from '../../../generated/prisma/client';
import { httpErrors } from '../http/errors';
import type { AccessTokens } from './access-tokens';
import { toUserDto } from './user-dto';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Sessions: a short-lived access token plus a refresh token. Refresh tokens are stored
 * hashed, rotate on every use, and a reused (already rotated) token revokes its family.
 */
export function createSessions(deps: { db: Database; accessTokens: AccessTokens; refreshTtlSeconds: number }) {
  const { db } = deps;

  async function issue(user: User, familyId: string = crypto.randomUUID(), replaces?: string): Promise<Session> {
    const refreshToken = randomBytes(32).toString('base64url');
    const refreshExpiresAt = new Date(Date.now() + deps.refreshTtlSeconds * 1000);
    const id = crypto.randomUUID();
    await db.$transaction(async (tx) => {
      await tx.refreshToken.create({ data: { id, userId: user.id, familyId, tokenHash: hashToken(refreshToken), expiresAt: refreshExpiresAt } });
      if (replaces) await tx.refreshToken.update({ where: { id: replaces }, data: { replacedById: id } });
    });
    const access = await deps.accessTokens.issue({ userId: user.id, role: user.role });
    return {
      accessToken: access.token,
      accessTokenExpiresAt: access.expiresAt.toISOString(),
      refreshToken,
      refreshTokenExpiresAt: refreshExpiresAt.toISOString(),
      user: toUserDto(user),
    };
  }

  async function revokeFamily(familyId: string): Promise<void> {
    await db.refreshToken.updateMany({ where: { familyId, revokedAt: null }, data: { revokedAt: new Date() } });
  }

  return {
    issue: (user: User) => issue(user),

    async rotate(refreshToken: string, log: { warn: (obj: object, msg: string) => void }): Promise<Session> {
      const row = await db.refreshToken.findUnique({ where: { tokenHash: hashToken(refreshToken) }, include: { user: true } });
      if (!row) throw httpErrors.unauthenticated('The refresh token is invalid');
      if (row.revokedAt) throw httpErrors.unauthenticated('The session has ended, log in again');
      if (row.expiresAt.getTime() <= Date.now()) throw httpErrors.unauthenticated('The refresh token has expired, log in again');
      // Claim the token atomically: only one caller can move usedAt from null.
      const claimed = await db.refreshToken.updateMany({ where: { id: row.id, usedAt: null, revokedAt: null }, data: { usedAt: new Date() } });
      if (claimed.count === 0) {
        await revokeFamily(row.familyId);
        log.warn({ userId: row.userId, familyId: row.familyId }, 'refresh token reuse detected, family revoked');
        throw httpErrors.unauthenticated('The session has ended, log in again');
      }
      return issue(row.user, row.familyId, row.id);
    },

    async revoke(refreshToken: string): Promise<void> {
      const row = await db.refreshToken.findUnique({ where: { tokenHash: hashToken(refreshToken) } });
      if (row) await revokeFamily(row.familyId);
    },
  };
}
export type Sessions = ReturnType<typeof createSessions>;
