import type { Client } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workflowIds } from '../../../domain/ids';
import type { Database } from '../../../platform/database';
import { connectTemporalClient } from '../../../platform/temporal';
import { startAppWorker } from '../../../tests/support/app-worker';
import { emailCount, infra, latestCode, testDatabase, uniqueEmail } from '../../../tests/support/infra';
import { resendCodeUpdate, signupStateQuery, submitCodeUpdate, type SignupInput } from './messages';
import type { signupWorkflow } from './signup.workflow';

// The signup workflow on the real Temporal dev server, with the real activities
// (PostgreSQL, SES emulator), on a task queue of its own.

const taskQueue = `test-signup-${crypto.randomUUID()}`;
let db: Database;
let client: Client;
let worker: { stop(): Promise<void> };

beforeAll(async () => {
  db = testDatabase();
  client = await connectTemporalClient({ address: infra.temporalAddress(), namespace: 'default' });
  worker = await startAppWorker(db, taskQueue);
});

afterAll(async () => {
  await worker?.stop();
  await client?.connection.close();
  await db?.$disconnect();
});

async function startSignup(overrides: Partial<SignupInput> = {}) {
  const email = uniqueEmail('wf');
  const userId = crypto.randomUUID();
  await db.user.create({ data: { id: userId, email, passwordHash: 'not-used-here' } });
  const input: SignupInput = { userId, email, codeTtlSeconds: 60, maxAttempts: 3, maxResends: 2, ...overrides };
  const handle = await client.workflow.start<typeof signupWorkflow>('signupWorkflow', {
    workflowId: workflowIds.signup(userId),
    taskQueue,
    args: [input],
  });
  return { handle, email, userId, code: await latestCode(email) };
}

const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

describe('signup workflow', () => {
  it('verifies the email with the emailed code', async () => {
    const { handle, userId, code } = await startSignup();
    await expect(handle.executeUpdate(submitCodeUpdate, { args: [{ code }] })).resolves.toEqual({ outcome: 'verified' });
    await expect(handle.result()).resolves.toEqual({ status: 'verified' });
    expect(await db.user.count({ where: { id: userId } })).toBe(1);
    const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
    expect(user.emailVerifiedAt).toBeInstanceOf(Date);
  });

  it('replays its recorded history deterministically with the current bundle', async () => {
    const { handle, email, code } = await startSignup();
    await handle.executeUpdate(submitCodeUpdate, { args: [{ code: wrongCode(code) }] });
    await handle.executeUpdate(resendCodeUpdate);
    await handle.executeUpdate(submitCodeUpdate, { args: [{ code: await latestCode(email, { after: 1 }) }] });
    await expect(handle.result()).resolves.toEqual({ status: 'verified' });
    const history = await handle.fetchHistory();
    await expect(Worker.runReplayHistory({ workflowBundle: { codePath: infra.workflowBundlePath() } }, history, handle.workflowId)).resolves.toBeUndefined();
  });

  it('counts wrong codes and still accepts the right one within the limit', async () => {
    const { handle, userId, code } = await startSignup();
    await expect(handle.executeUpdate(submitCodeUpdate, { args: [{ code: wrongCode(code) }] })).resolves.toEqual({ outcome: 'wrong_code', attemptsLeft: 2 });
    await expect(handle.query(signupStateQuery)).resolves.toMatchObject({ status: 'pending', attemptsUsed: 1 });
    expect((await db.user.findUniqueOrThrow({ where: { id: userId } })).emailVerifiedAt).toBeNull();
    await expect(handle.executeUpdate(submitCodeUpdate, { args: [{ code }] })).resolves.toEqual({ outcome: 'verified' });
  });

  it('locks after too many wrong codes, and then refuses even the right one', async () => {
    const { handle, userId, code } = await startSignup({ maxAttempts: 2 });
    await handle.executeUpdate(submitCodeUpdate, { args: [{ code: wrongCode(code) }] });
    await expect(handle.executeUpdate(submitCodeUpdate, { args: [{ code: wrongCode(code) }] })).resolves.toEqual({ outcome: 'closed', status: 'locked' });
    await expect(handle.result()).resolves.toEqual({ status: 'locked' });
    // The unverified account is removed, freeing the email for its owner.
    expect(await db.user.count({ where: { id: userId } })).toBe(0);
    expect(code).toMatch(/^\d{6}$/);
  });

  it('rejects a malformed code in the validator without using a try', async () => {
    const { handle } = await startSignup();
    await expect(handle.executeUpdate(submitCodeUpdate, { args: [{ code: '12ab' }] })).rejects.toThrow();
    await expect(handle.query(signupStateQuery)).resolves.toMatchObject({ attemptsUsed: 0 });
  });

  it('expires when the code is not entered in time', async () => {
    const { handle, userId, code } = await startSignup({ codeTtlSeconds: 2 });
    await expect(handle.result()).resolves.toEqual({ status: 'expired' });
    await expect(handle.executeUpdate(submitCodeUpdate, { args: [{ code }] })).rejects.toThrow();
    expect(await db.user.count({ where: { id: userId } })).toBe(0);
  });

  it('sends a new code on resend, invalidates the old one, and stops at the resend limit', async () => {
    const { handle, email, code: first } = await startSignup({ maxResends: 1, maxAttempts: 5 });
    await expect(handle.executeUpdate(resendCodeUpdate)).resolves.toEqual({ outcome: 'sent', expiresInSeconds: 60 });
    const second = await latestCode(email, { after: 1 });
    expect(await emailCount(email)).toBe(2);
    await expect(handle.executeUpdate(resendCodeUpdate)).resolves.toEqual({ outcome: 'limit_reached' });
    expect(await emailCount(email)).toBe(2);
    if (first !== second) {
      await expect(handle.executeUpdate(submitCodeUpdate, { args: [{ code: first }] })).resolves.toMatchObject({ outcome: 'wrong_code' });
    }
    await expect(handle.executeUpdate(submitCodeUpdate, { args: [{ code: second }] })).resolves.toEqual({ outcome: 'verified' });
  });

  it('restarts the expiry timer on resend', async () => {
    const { handle, email } = await startSignup({ codeTtlSeconds: 3 });
    await new Promise((resolve) => setTimeout(resolve, 2000));
    await handle.executeUpdate(resendCodeUpdate);
    const code = await latestCode(email, { after: 1 });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await expect(handle.executeUpdate(submitCodeUpdate, { args: [{ code }] })).resolves.toEqual({ outcome: 'verified' });
  });
});
