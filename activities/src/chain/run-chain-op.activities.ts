import { WorkflowExecutionAlreadyStartedError, WorkflowFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { ChainOpRequest, ChainOpResult } from '../../../domain/chain';
import { chainFailureTypes } from '../../../domain/errors';
import { workflowIds } from '../../../domain/ids';
import { taskQueues } from '../../../domain/task-queues';

/**
 * Lets a business workflow run a chain operation and wait for it: starts `chain-op:<opId>`
 * or attaches to the one already running or finished (two orders of one buyer share the
 * account setup), and returns its result or its typed failure.
 */
export function createRunChainOpActivities(deps: { client: Client }) {
  return {
    async runChainOp(request: ChainOpRequest): Promise<ChainOpResult> {
      const workflowId = workflowIds.chainOp(request.opId);
      try {
        await deps.client.workflow.start('chainOpWorkflow', {
          workflowId,
          taskQueue: taskQueues.app,
          args: [request],
          workflowIdConflictPolicy: 'USE_EXISTING',
          workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY',
        });
      } catch (error) {
        if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
      }
      try {
        return (await deps.client.workflow.getHandle(workflowId).result()) as ChainOpResult;
      } catch (error) {
        if (error instanceof WorkflowFailedError && error.cause instanceof ApplicationFailure) {
          throw ApplicationFailure.create({ type: error.cause.type ?? chainFailureTypes.transient, message: error.cause.message, nonRetryable: true });
        }
        throw error;
      }
    },
  };
}
export type RunChainOpActivities = ReturnType<typeof createRunChainOpActivities>;
