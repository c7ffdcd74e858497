import { defineQuery, defineUpdate } from '@temporalio/workflow';

export interface SignupInput {
  userId: string;
  email: string;
  codeTtlSeconds: number;
  maxAttempts: number;
  maxResends: number;
}

export type SignupStatus = 'pending' | 'verified' | 'expired' | 'locked' | 'undeliverable';
export type ClosedSignupStatus = Exclude<SignupStatus, 'pending'>;

export interface SignupState {
  status: SignupStatus;
  attemptsUsed: number;
  resendsUsed: number;
  expiresAt: number;
}

export type SubmitCodeResult =
  | { outcome: 'verified' }
  | { outcome: 'wrong_code'; attemptsLeft: number }
  | { outcome: 'closed'; status: SignupStatus };

export type ResendCodeResult =
  | { outcome: 'sent'; expiresInSeconds: number }
  | { outcome: 'limit_reached' }
  | { outcome: 'closed'; status: SignupStatus };

export const submitCodeUpdate = defineUpdate<SubmitCodeResult, [{ code: string }]>('submitCode');
export const resendCodeUpdate = defineUpdate<ResendCodeResult, []>('resendCode');
export const signupStateQuery = defineQuery<SignupState>('signupState');
