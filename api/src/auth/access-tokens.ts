import { SignJWT, jwtVerify } from 'jose';
import { userRoleSchema } from '../../../domain/auth';
import type { Actor } from '../http/context';

const ISSUER = 'dropline';
const AUDIENCE = 'dropline-api';

/** Short-lived HS256 access tokens; the refresh token is what keeps a session alive. */
export function createAccessTokens(options: { secret: string; ttlSeconds: number }) {
  const key = new TextEncoder().encode(options.secret);
  return {
    async issue(actor: Actor): Promise<{ token: string; expiresAt: Date }> {
      const expiresAt = new Date(Date.now() + options.ttlSeconds * 1000);
      const token = await new SignJWT({ role: actor.role })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(actor.userId)
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt()
        .setJti(crypto.randomUUID())
        .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
        .sign(key);
      return { token, expiresAt };
    },

    /** The actor for a valid token, or null for anything else (bad signature, expired, malformed). */
    async verify(token: string): Promise<Actor | null> {
      try {
        const { payload } = await jwtVerify(token, key, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
        const role = userRoleSchema.safeParse(payload.role);
        if (!payload.sub || !role.success) return null;
        return { userId: payload.sub, role: role.data };
      } catch {
        return null;
      }
    },
  };
}
export type AccessTokens = ReturnType<typeof createAccessTokens>;
