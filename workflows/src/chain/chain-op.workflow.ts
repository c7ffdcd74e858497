import { SearchAttributeType, TimeoutType, defineSearchAttributeKey } from '@temporalio/common';
import { ActivityFailure, ApplicationFailure, TimeoutFailure, proxyActivities, upsertSearchAttributes } from '@temporalio/workflow';
import type { ChainOpRequest, ChainOpResult } from '../../../domain/chain';
import { chainFailureTypes } from '../../../domain/errors';
import { searchAttributeNames } from '../../../domain/search-attributes';
import { taskQueues } from '../../../domain/task-queues';
import type { ChainLaneActivities, ChainOpBookkeepingActivities } from '../../../activities/src';

const chainOpKindKey = defineSearchAttributeKey(searchAttributeNames.chainOpKind, SearchAttributeType.KEYWORD);

const bookkeeping = proxyActivities<ChainOpBookkeepingActivities>({
  startToCloseTimeout: '15s',
  retry: { initialInterval: '500ms', backoffCoefficient: 2, maximumInterval: '10s', nonRetryableErrorTypes: [chainFailureTypes.invalidInput] },
});

// Signing happens on the chosen lane's own queue, one transaction at a time per key.
// A lane whose worker is gone does not start the task in time: pick another lane.
function laneActivities(lane: number) {
  return proxyActivities<ChainLaneActivities>({
    taskQueue: taskQueues.chainProposer(lane),
    scheduleToStartTimeout: '90s',
    startToCloseTimeout: '3m',
    // The lane heartbeats every 2s: an attempt on a worker that died is retried (on the key's
    // next lease holder) after this, not after the start-to-close timeout.
    heartbeatTimeout: '10s',
    retry: {
      initialInterval: '1s',
      backoffCoefficient: 2,
      maximumInterval: '30s',
      nonRetryableErrorTypes: [chainFailureTypes.cadence, chainFailureTypes.invalidInput],
    },
  });
}

const laneUnstarted = (error: unknown) =>
  error instanceof ActivityFailure && error.cause instanceof TimeoutFailure && error.cause.timeoutType === TimeoutType.SCHEDULE_TO_START;

/**
 * chain-op:<opId> — records the operation, picks the least-loaded served lane, and runs
 * the signing activity there. The activity is idempotent by opId (it checks the recorded
 * transaction, and the contract refuses a duplicate externalId), so retries never apply
 * an operation twice. Ends with the result read back from chain, or a typed failure.
 */
export async function chainOpWorkflow(request: ChainOpRequest): Promise<ChainOpResult> {
  upsertSearchAttributes([{ key: chainOpKindKey, value: request.kind }]);
  try {
    await bookkeeping.recordChainOp(request);
  } catch (error) {
    throw workflowFailure(error);
  }
  const avoid: number[] = [];
  for (;;) {
    const lane = await bookkeeping.assignLane({ opId: request.opId, avoid });
    try {
      return await laneActivities(lane).executeChainOp({ opId: request.opId });
    } catch (error) {
      if (laneUnstarted(error)) {
        avoid.push(lane);
        continue;
      }
      const failure = workflowFailure(error);
      await bookkeeping.markChainOpFailed({ opId: request.opId, type: failure.type ?? chainFailureTypes.transient, message: failure.message });
      throw failure;
    }
  }
}

/** The activity's typed failure as the workflow's own, so callers branch on `type`. */
function workflowFailure(error: unknown): ApplicationFailure {
  const cause = error instanceof ActivityFailure && error.cause instanceof ApplicationFailure ? error.cause : null;
  return ApplicationFailure.create({
    type: cause?.type ?? chainFailureTypes.transient,
    message: cause?.message ?? (error instanceof Error ? error.message : 'chain operation failed'),
    nonRetryable: true,
  });
}
