// One scenario: start its workers, fire N mint requests at once (one chain-op workflow each),
// wait for every workflow, then read what happened from ChainOp rows and the chain.
import { randomUUID } from 'node:crypto';
import type { ChainOpRequest, ChainOpResult } from '../../domain/chain';
import { workflowIds } from '../../domain/ids';
import type { Database } from '../../platform/database';
import type { Logger } from '../../platform/logger';
import type { chainOpWorkflow } from '../../workflows/src/chain/chain-op.workflow';
import { percentile, type ComputationSample, type ScenarioResult } from './report';
import { takeGatewayStats } from './instrument';
import { takeActivityFailures } from './runtime';
import type { BenchStack } from './stack';
import { startScenarioWorkers } from './workers';

export interface ScenarioSpec {
  id: string;
  keys: number;
  batchSize: number;
  /** `seed`: lane = (mint index mod K) + 1 fixed up front; `dropline`: production assignLane. */
  laneChoice: 'seed' | 'dropline';
}

export interface ScenarioEnv {
  stack: BenchStack;
  db: Database;
  logger: Logger;
  blockTimeSeconds: number;
}

const metadata = (name: string) => ({ name, description: `${name} (bench)`, thumbnail: `https://cdn.dropline.test/bench/${encodeURIComponent(name)}.png`, traits: { bench: 'chain' } });

/** Runs chain-op workflows on `taskQueue`; settles with each one's outcome and timings. */
export async function runChainOps(stack: BenchStack, taskQueue: string, requests: ChainOpRequest[]) {
  return Promise.all(
    requests.map(async (request) => {
      const startedAt = Date.now();
      try {
        const handle = await stack.client.workflow.start<typeof chainOpWorkflow>('chainOpWorkflow', {
          workflowId: workflowIds.chainOp(request.opId),
          taskQueue,
          args: [request],
        });
        const result: ChainOpResult = await handle.result();
        return { opId: request.opId, startedAt, finishedAt: Date.now(), result, error: null };
      } catch (error) {
        return { opId: request.opId, startedAt, finishedAt: Date.now(), result: null, error: error instanceof Error ? `${error.message}${error.cause instanceof Error ? `: ${error.cause.message}` : ''}` : String(error) };
      }
    }),
  );
}

/** Nothing may be left over for the next scenario: no open workflow, no unfinished ChainOp. */
export async function assertIdle(env: ScenarioEnv): Promise<void> {
  const unfinished = await env.db.chainOp.count({ where: { status: { in: ['queued', 'submitted'] } } });
  const { count } = await env.stack.client.workflow.count('ExecutionStatus="Running"');
  if (unfinished > 0 || count > 0) throw new Error(`work left over: ${unfinished} unfinished ChainOp rows, ${count} running workflows`);
}

interface ComputationReport {
  transactions?: Record<string, { computation: number }>;
}

/** computationUsed of every transaction of the scenario, by batch size (from the emulator's computation report). */
async function computationSamples(env: ScenarioEnv, batches: Map<string, number>): Promise<ComputationSample[]> {
  if (!env.stack.emulatorAdminUrl) return [];
  const response = await fetch(`${env.stack.emulatorAdminUrl}/emulator/computationReport`, { signal: AbortSignal.timeout(30_000) });
  if (!response.ok) return [];
  const report = (await response.json()) as ComputationReport;
  const bySize = new Map<number, number[]>();
  for (const [txId, batch] of batches) {
    const computation = report.transactions?.[txId]?.computation;
    if (computation !== undefined) bySize.set(batch, [...(bySize.get(batch) ?? []), computation]);
  }
  return [...bySize.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([batch, values]) => {
      const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
      return { batch, transactions: values.length, computationMean: mean, computationMax: Math.max(...values), perMint: mean / batch };
    });
}

export async function runMintScenario(env: ScenarioEnv, spec: ScenarioSpec, mints: number, recipients: string[]): Promise<ScenarioResult> {
  await assertIdle(env);
  const run = randomUUID().slice(0, 8);
  const opIdOf = (index: number) => `bench-${spec.id}-${run}-${index}`;
  const indexOf = new Map(Array.from({ length: mints }, (_, index) => [opIdOf(index), index]));
  const taskQueue = `bench-app-${spec.id}-${run}`;
  const workers = await startScenarioWorkers({
    stack: env.stack,
    keys: spec.keys,
    batchSize: spec.batchSize,
    taskQueue,
    logger: env.logger,
    ...(spec.laneChoice === 'seed' ? { fixedLaneOf: (opId: string) => ((indexOf.get(opId) ?? 0) % spec.keys) + 1 } : {}),
  });
  let outcomes: Awaited<ReturnType<typeof runChainOps>>;
  let warmup: string | null;
  try {
    // One untimed mint first: the fresh workers' workflow isolate, DB pools and code paths are warm.
    const warm = opIdOf(-1);
    const [warmed] = await runChainOps(env.stack, taskQueue, [{ opId: warm, kind: 'mint', args: { recipient: recipients[0]!, externalId: warm, metadata: metadata(`${spec.id} warm-up`) } }]);
    warmup = warmed?.error ?? null;
    await assertIdle(env);
  } catch (error) {
    await workers.stop();
    throw error;
  }
  takeActivityFailures();
  takeGatewayStats();
  try {
    const requests: ChainOpRequest[] = Array.from({ length: mints }, (_, index) => ({
      opId: opIdOf(index),
      kind: 'mint',
      args: { recipient: recipients[index % recipients.length]!, externalId: opIdOf(index), metadata: metadata(`${spec.id} #${index}`) },
    }));
    outcomes = await runChainOps(env.stack, taskQueue, requests);
  } finally {
    await workers.stop();
  }
  const activityFailures = takeActivityFailures();
  const gateway = takeGatewayStats();
  await assertIdle(env);

  const first = Math.min(...outcomes.map((outcome) => outcome.startedAt));
  const last = Math.max(...outcomes.map((outcome) => outcome.finishedAt));
  const elapsedSeconds = (last - first) / 1000;
  const failures = outcomes.filter((outcome) => outcome.error !== null);
  const rows = await env.db.chainOp.findMany({ where: { id: { in: outcomes.map((outcome) => outcome.opId) } }, select: { id: true, txId: true, lane: true, status: true, submittedAt: true, executedAt: true } });
  const executed = rows.filter((row) => row.status === 'executed' && row.executedAt && row.txId);
  const startOf = new Map(outcomes.map((outcome) => [outcome.opId, outcome]));
  const toExecuted = executed.map((row) => row.executedAt!.getTime() - startOf.get(row.id)!.startedAt);
  const toResult = outcomes.filter((outcome) => outcome.error === null).map((outcome) => outcome.finishedAt - outcome.startedAt);
  const batches = new Map<string, number>();
  const lanes = new Map<number, number>();
  for (const row of executed) batches.set(row.txId!, (batches.get(row.txId!) ?? 0) + 1);
  for (const row of executed) if (row.lane !== null) lanes.set(row.lane, (lanes.get(row.lane) ?? 0) + 1);
  const txLanes = new Map(executed.map((row) => [row.txId!, row.lane]));
  const timeline = [...new Map(executed.map((row) => [row.txId!, row])).values()]
    .map((row) => ({ lane: row.lane, mints: batches.get(row.txId!) ?? 0, submittedMs: (row.submittedAt?.getTime() ?? Number.NaN) - first, executedMs: row.executedAt!.getTime() - first }))
    .sort((a, b) => a.submittedMs - b.submittedMs);

  return {
    id: spec.id,
    laneChoice: spec.laneChoice,
    keys: spec.keys,
    batchSize: spec.batchSize,
    mints,
    executed: executed.length,
    failed: failures.length,
    firstFailure: failures[0]?.error ?? null,
    transactions: batches.size,
    elapsedSeconds,
    mintsPerSecond: executed.length / elapsedSeconds,
    transactionsPerSecond: batches.size / elapsedSeconds,
    latencyMs: { p50: percentile(toExecuted, 50), p99: percentile(toExecuted, 99), max: Math.max(...toExecuted) },
    resultLatencyMs: { p50: percentile(toResult, 50), p99: percentile(toResult, 99) },
    ceilingMintsPerSecond: (spec.keys * spec.batchSize) / env.blockTimeSeconds,
    lanesUsed: new Set(txLanes.values()).size,
    maxMintsOnOneLane: Math.max(...lanes.values()),
    meanBatch: executed.length / Math.max(batches.size, 1),
    computation: await computationSamples(env, batches),
    activityFailures,
    warmupFailure: warmup,
    rampSeconds: Math.min(...timeline.map((tx) => tx.submittedMs)) / 1000,
    gateway,
    timeline,
  };
}
