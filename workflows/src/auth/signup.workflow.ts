import { ActivityFailure, ApplicationFailure, allHandlersFinished, condition, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { VerificationActivities } from '../../../activities/src';
import { failureTypes } from '../../../domain/errors';
import { resendCodeUpdate, signupStateQuery, submitCodeUpdate, type ClosedSignupStatus, type ResendCodeResult, type SignupInput, type SignupState, type SubmitCodeResult } from './messages';

const { sendVerificationCode } = proxyActivities<VerificationActivities>({
  startToCloseTimeout: '30s',
  scheduleToCloseTimeout: '10m',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m', nonRetryableErrorTypes: [failureTypes.emailDeliveryRejected] },
});

const { checkVerificationCode, markEmailVerified, discardUnverifiedUser } = proxyActivities<VerificationActivities>({
  startToCloseTimeout: '10s',
  retry: { initialInterval: '500ms', backoffCoefficient: 2, maximumInterval: '10s', maximumAttempts: 20 },
});

/**
 * signup:<userId> — emails a 6-digit code and waits for it. Ends `verified`, or `expired`
 * when the current code's timer runs out, `locked` after too many wrong codes, or
 * `undeliverable` when SES refuses the address. An account that ends unverified is
 * removed, so nobody can hold an email they do not own beyond one verification window.
 */
export async function signupWorkflow(input: SignupInput): Promise<{ status: ClosedSignupStatus }> {
  const state: SignupState = { status: 'pending', attemptsUsed: 0, resendsUsed: 0, expiresAt: 0 };
  const ttlMs = input.codeTtlSeconds * 1000;
  let sendCount = 0;
  let currentSendKey = '';
  let checksInFlight = 0;

  async function sendNewCode(): Promise<void> {
    sendCount += 1;
    const { workflowId, runId } = workflowInfo();
    currentSendKey = `${workflowId}:${runId}:code:${sendCount}`;
    state.expiresAt = Date.now() + ttlMs;
    await sendVerificationCode({ email: input.email, sendKey: currentSendKey, expiresInSeconds: input.codeTtlSeconds });
  }

  setHandler(signupStateQuery, () => ({ ...state }));

  setHandler(
    submitCodeUpdate,
    async ({ code }): Promise<SubmitCodeResult> => {
      if (state.status !== 'pending') return { outcome: 'closed', status: state.status };
      if (state.attemptsUsed >= input.maxAttempts) return { outcome: 'closed', status: 'locked' };
      state.attemptsUsed += 1;
      checksInFlight += 1;
      try {
        if (await checkVerificationCode({ sendKey: currentSendKey, code })) {
          await markEmailVerified({ userId: input.userId });
          state.status = 'verified';
          return { outcome: 'verified' };
        }
        const attemptsLeft = input.maxAttempts - state.attemptsUsed;
        if (attemptsLeft > 0) return { outcome: 'wrong_code', attemptsLeft };
        if (state.status === 'pending') state.status = 'locked';
        return { outcome: 'closed', status: state.status };
      } finally {
        checksInFlight -= 1;
      }
    },
    { validator: ({ code }) => assertCodeShape(code) },
  );

  setHandler(resendCodeUpdate, async (): Promise<ResendCodeResult> => {
    if (state.status !== 'pending') return { outcome: 'closed', status: state.status };
    if (state.resendsUsed >= input.maxResends) return { outcome: 'limit_reached' };
    state.resendsUsed += 1;
    await sendNewCode();
    return { outcome: 'sent', expiresInSeconds: input.codeTtlSeconds };
  });

  try {
    await sendNewCode();
  } catch (error) {
    if (!isDeliveryRejected(error)) throw error;
    state.status = 'undeliverable';
  }

  while (state.status === 'pending') {
    const deadline = state.expiresAt;
    const changed = await condition(() => state.status !== 'pending' || state.expiresAt !== deadline, Math.max(1, deadline - Date.now()));
    if (changed) continue;
    // A code check that started before the deadline finishes first.
    await condition(() => checksInFlight === 0);
    if (state.status === 'pending' && state.expiresAt === deadline) state.status = 'expired';
  }

  await condition(allHandlersFinished);
  if (state.status !== 'verified') await discardUnverifiedUser({ userId: input.userId });
  return { status: state.status };
}

function assertCodeShape(code: unknown): void {
  if (typeof code !== 'string' || !/^\d{6}$/.test(code)) {
    throw ApplicationFailure.create({ type: failureTypes.invalidInput, message: 'code must be 6 digits', nonRetryable: true });
  }
}

function isDeliveryRejected(error: unknown): boolean {
  return error instanceof ActivityFailure && error.cause instanceof ApplicationFailure && error.cause.type === failureTypes.emailDeliveryRejected;
}
