import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { SearchAttributeType, defineSearchAttributeKey } from '@temporalio/common';
import { workflowIds } from '../../../domain/ids';
import { searchAttributeNames } from '../../../domain/search-attributes';
import { taskQueues } from '../../../domain/task-queues';
import {
  resendCodeUpdate,
  submitCodeUpdate,
  type ResendCodeResult,
  type SignupInput,
  type SubmitCodeResult,
} from '../../../workflows/src/auth/messages';
import type { signupWorkflow } from '../../../workflows/src/auth/signup.workflow';

const userIdKey = defineSearchAttributeKey(searchAttributeNames.userId, SearchAttributeType.KEYWORD);

export interface VerificationSettings {
  codeTtlSeconds: number;
  maxAttempts: number;
  maxResends: number;
}

/** The api's side of the signup workflow: start it, and talk to it through updates. */
export function createSignupProcess(client: Client, settings: VerificationSettings) {
  async function start(user: { id: string; email: string }): Promise<void> {
    const input: SignupInput = { userId: user.id, email: user.email, ...settings };
    await client.workflow.start<typeof signupWorkflow>('signupWorkflow', {
      workflowId: workflowIds.signup(user.id),
      taskQueue: taskQueues.app,
      args: [input],
      workflowIdConflictPolicy: 'FAIL',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      typedSearchAttributes: [{ key: userIdKey, value: user.id }],
    });
  }

  /** Runs an update, or returns null when no signup workflow is running for the user. */
  async function updateRunning<R>(userId: string, run: (handle: ReturnType<Client['workflow']['getHandle']>) => Promise<R>): Promise<R | null> {
    const handle = client.workflow.getHandle(workflowIds.signup(userId));
    try {
      return await run(handle);
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return null;
      const description = await handle.describe().catch(() => null);
      if (!description || description.status.name !== 'RUNNING') return null;
      throw error;
    }
  }

  return {
    start,

    submitCode: (userId: string, code: string): Promise<SubmitCodeResult | null> =>
      updateRunning(userId, (handle) => handle.executeUpdate(submitCodeUpdate, { args: [{ code }] })),

    /** Sends a new code through the running workflow; null when none is running. */
    resend: (userId: string): Promise<ResendCodeResult | null> =>
      updateRunning(userId, (handle) => handle.executeUpdate(resendCodeUpdate)),
  };
}
export type SignupProcess = ReturnType<typeof createSignupProcess>;
