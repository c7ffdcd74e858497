import { ApplicationFailure } from '@temporalio/common';
import { failureTypes } from '../../../domain/errors';
import type { Database } from '../../../platform/database';
import type { Mailer } from '../email/mailer';
import { deriveVerificationCode, verificationCodeMatches } from './verification-code';

export interface VerificationDeps {
  db: Database;
  mailer: Mailer;
  codeSecret: string;
}

export function createVerificationActivities(deps: VerificationDeps) {
  return {
    async sendVerificationCode(input: { email: string; sendKey: string; expiresInSeconds: number }): Promise<void> {
      const code = deriveVerificationCode(deps.codeSecret, input.sendKey);
      const minutes = Math.max(1, Math.round(input.expiresInSeconds / 60));
      await deps.mailer({
        to: input.email,
        subject: 'Your dropline verification code',
        text: `Your dropline verification code is ${code}.\n\nIt expires in ${minutes} minutes. If you did not sign up, ignore this email.`,
      });
    },

    async checkVerificationCode(input: { sendKey: string; code: string }): Promise<boolean> {
      return verificationCodeMatches(deps.codeSecret, input.sendKey, input.code);
    },

    async markEmailVerified(input: { userId: string }): Promise<void> {
      const updated = await deps.db.user.updateMany({
        where: { id: input.userId, emailVerifiedAt: null },
        data: { emailVerifiedAt: new Date() },
      });
      if (updated.count === 0) {
        const exists = await deps.db.user.count({ where: { id: input.userId } });
        if (exists === 0) {
          throw ApplicationFailure.create({ type: failureTypes.userNotFound, message: 'user no longer exists', nonRetryable: true });
        }
      }
    },

    /** Frees the email of a signup that ended unverified; a verified account is never touched. */
    async discardUnverifiedUser(input: { userId: string }): Promise<void> {
      await deps.db.user.deleteMany({ where: { id: input.userId, emailVerifiedAt: null } });
    },
  };
}

export type VerificationActivities = ReturnType<typeof createVerificationActivities>;
