import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChainOpRequest, ChainOpResult } from '../../domain/chain';
import { arg } from '../../platform/flow';
import { startChainLanes } from '../support/chain';
import { TEST_PROPOSER_KEYS } from '../support/global-setup';
import { startFaultProxy, type FaultPlan, type FaultProxy } from '../support/fault-proxy';
import { chainReader, mapLimited, type ChainReader } from './chain-audit';
import { leaseHolders, metricTotal, spawnChainWorker, waitFor, type ChainWorkerProcess } from './chain-processes';
import { metadata, runChainOp } from './harness';
import { createIsolatedChainEnv, type IsolatedChainEnv } from './isolated-env';

// 200 mints, each its own chain-op workflow, while the access node misbehaves (5xx, hangs,
// transactions accepted whose answer is lost) and the chain worker serving every lane is
// killed with SIGKILL mid-run; an in-process lane supervisor takes its lanes over. Every
// mint must end executed exactly once, and no transaction may fail for a wrong sequence
// number: the chain itself is audited, transaction by transaction.

const MINTS = 200;
const PER_TICK = 8;
const TICK_MS = 1_000;
const KILL_AFTER_EXECUTED = 40;
// Periods coprime with each other: 5xx on every 17th request, a hang on every 41st, and
// every 2nd transaction submission accepted by the node with its answer lost.
const FAULTS: FaultPlan = { errorEvery: 17, hangEvery: 41, acceptThenDropEvery: 2 };

let env: IsolatedChainEnv;
let proxy: FaultProxy;
let reader: ChainReader;
let doomed: ChainWorkerProcess;
let lanes: Awaited<ReturnType<typeof startChainLanes>>;
const recipients: string[] = [];
const run = crypto.randomUUID().slice(0, 8);
let laneEnv: Record<string, string>;

type Settled = { request: ChainOpRequest; result?: ChainOpResult; error?: unknown };
const finished = new Set<string>();
const settle = (request: ChainOpRequest): Promise<Settled> =>
  runChainOp(env.client, request)
    .then((result) => ({ request, result }), (error: unknown) => ({ request, error }))
    .finally(() => finished.add(request.opId));
const executedMints = () => env.db.chainOp.count({ where: { kind: 'mint', status: 'executed' } });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** All outcomes, or (after timeoutMs) an error naming the mints still unexecuted and why. */
async function settleWithin(outcomes: Array<Promise<Settled>>, timeoutMs: number): Promise<Settled[]> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<'expired'>((resolve) => (timer = setTimeout(() => resolve('expired'), timeoutMs)));
  const all = await Promise.race([Promise.all(outcomes), expired]);
  clearTimeout(timer);
  if (all !== 'expired') return all;
  const stuck = await env.db.chainOp.findMany({ where: { kind: 'mint', status: { not: 'executed' } }, take: 10 });
  const described = stuck.map((row) => `${row.id} ${row.status} lane=${row.lane} tx=${row.txId ?? '-'} attempts=${row.attempts} ${row.lastError ?? ''}`);
  throw new Error(`${outcomes.length - finished.size} chain-op workflows unfinished after ${timeoutMs}ms; unexecuted ChainOps:\n${described.join('\n')}`);
}

beforeAll(async () => {
  env = await createIsolatedChainEnv('exactly_once', { ownChain: true });
  reader = chainReader(env.chain);
  await env.startAppWorker();
  proxy = await startFaultProxy(env.chain.restUrl);
  laneEnv = { ...env.workerEnv, FLOW_ACCESS_NODE: proxy.url, FLOW_REQUEST_TIMEOUT_MS: '1500', CHAIN_EXECUTION_TIMEOUT_SECONDS: '5', CHAIN_MINT_BATCH_SIZE: '10', CHAIN_LEASE_RETRY_SECONDS: '1', WORKER_SHUTDOWN_GRACE_SECONDS: '2' };
  // The process to be killed serves every lane first.
  doomed = await spawnChainWorker(laneEnv);
  await waitFor('the chain worker to lease every lane', async () => {
    if (doomed.proc.hasExited()) throw new Error(`chain worker exited\n${doomed.proc.tail()}`);
    const holders = await leaseHolders(env.db);
    return holders.size === TEST_PROPOSER_KEYS && [...holders.values()].every((pid) => pid === doomed.pid);
  }, 60_000);
  // Recipients: three custodial accounts and the service account (it has a collection).
  const accounts = await Promise.all(
    ['ana', 'ben', 'cy'].map(async (name) => {
      const userId = crypto.randomUUID();
      await env.db.user.create({ data: { id: userId, email: `${name}-${run}@example.test`, passwordHash: 'x' } });
      return runChainOp(env.client, { opId: `setup-${name}-${run}`, kind: 'account_setup', args: { mode: 'custodial', userId } });
    }),
  );
  recipients.push(...accounts.map((account) => account.address!), env.chain.serviceAddress);
  expect(await reader.script('has_collection.cdc', [arg.address(env.chain.serviceAddress)])).toBe(true);
  // The takeover supervisor: the same lane code, in this process, retrying leases every second.
  lanes = await startChainLanes(env.db, laneEnv);
  expect(lanes.served()).toEqual([]);
}, 150_000);

afterAll(async () => {
  await doomed?.proc.stop(5_000);
  await lanes?.stop();
  await proxy?.close();
  await env?.close();
});

describe('exactly-once minting through access-node faults and a killed chain worker', () => {
  it('executes every mint exactly once, with no transaction failing for a wrong sequence number', async () => {
    const heightBefore = await reader.height();
    const idsBefore = new Set((await Promise.all(recipients.map(reader.idsOf))).flat());
    const requests: ChainOpRequest[] = Array.from({ length: MINTS }, (_, index) => ({
      opId: `eo-${run}-${index}`,
      kind: 'mint',
      args: { recipient: recipients[index % recipients.length]!, externalId: `eo-ext-${run}-${index}`, metadata: metadata(`Exactly once ${index}`) },
    }));

    // A steady stream of mints under faults, the killed worker in the middle of it.
    proxy.setPlan(FAULTS);
    const outcomes: Array<Promise<Settled>> = [];
    const submitting = (async () => {
      for (let index = 0; index < MINTS; index += PER_TICK) {
        outcomes.push(...requests.slice(index, index + PER_TICK).map(settle));
        await sleep(TICK_MS);
      }
    })();
    await waitFor('mints executed by the doomed worker', async () => (await executedMints()) >= KILL_AFTER_EXECUTED, 120_000, 100);
    const doomedMetrics = await doomed.scrapeMetrics();
    doomed.proc.child.kill('SIGKILL');
    const killedAt = Date.now();
    const executedAtKill = await executedMints();
    expect(await doomed.proc.exited).toEqual({ code: null, signal: 'SIGKILL' });
    await waitFor('the supervisor to take over every lane', async () => lanes.served().length === TEST_PROPOSER_KEYS, 15_000, 100);
    const takeoverMs = Date.now() - killedAt;
    await submitting;
    // The recovery: faults stop once every mint has been requested and each kind of fault
    // has hit at least a few times.
    await waitFor('the planned faults', async () => {
      const injected = proxy.stats();
      return injected.errors >= 5 && injected.hangs >= 3 && injected.acceptedDropped >= 3;
    }, 60_000);
    proxy.setPlan({});
    const settled = await settleWithin(outcomes, 120_000);
    const faults = proxy.stats();
    const inProcess = await lanes.registry.metrics();

    // Every workflow completed with one NFT id, all distinct, each the one chain records for its externalId.
    expect(settled.filter((outcome) => outcome.error !== undefined).map((outcome) => `${outcome.request.opId}: ${String(outcome.error)}`)).toEqual([]);
    const nftIds = settled.map((outcome) => outcome.result!.nftIds![0]!);
    expect(new Set(nftIds).size).toBe(MINTS);
    const onChain = await mapLimited(requests, 8, (request) => reader.script('id_for_external_id.cdc', [arg.string((request.args as { externalId: string }).externalId)]));
    expect(onChain.map(String)).toEqual(nftIds);

    // The recipients hold exactly the minted tokens: no extra, none missing.
    const idsAfter = (await Promise.all(recipients.map(reader.idsOf))).flat();
    expect(idsAfter.length).toBe(idsBefore.size + MINTS);
    expect(new Set(idsAfter.filter((id) => !idsBefore.has(id)))).toEqual(new Set(nftIds));

    // Every ChainOp row executed, with the transaction it was minted in.
    const rows = await env.db.chainOp.findMany({ where: { id: { in: requests.map((request) => request.opId) } } });
    expect(rows).toHaveLength(MINTS);
    expect(rows.filter((row) => row.status !== 'executed' || row.txId === null)).toEqual([]);

    // The chain, transaction by transaction since the run began: every mint in exactly one
    // successful transaction, and no transaction failed: in particular none with 1007 (invalid
    // sequence number), from the killed worker or from any lane after a fault's recovery.
    const audited = await reader.audit(heightBefore);
    expect(audited.filter((tx) => tx.errorMessage !== '').map((tx) => `key ${tx.proposerKey} #${tx.sequenceNumber}: ${tx.errorMessage.slice(0, 160)}`)).toEqual([]);
    expect(audited.reduce((sum, tx) => sum + tx.mintedEvents, 0)).toBe(MINTS);
    expect(metricTotal(doomedMetrics, 'chain_invalid_sequence_number_total')).toBe(0);
    expect(metricTotal(inProcess, 'chain_invalid_sequence_number_total')).toBe(0);
    expect(metricTotal(inProcess, 'chain_transactions_failed_total')).toBe(0);

    // A transaction accepted while its answer was lost executed, and was found by id, not sent again.
    const rowTxIds = new Set(rows.map((row) => row.txId));
    for (const txId of faults.droppedTransactionIds) {
      expect(rowTxIds, `dropped transaction ${txId}`).toContain(txId);
      expect(audited.find((tx) => tx.id === txId)?.errorMessage).toBe('');
    }

    // The run exercised what it claims: the worker killed with work left, the lanes taken over
    // fast, mints executed on both sides of the kill.
    expect(executedAtKill).toBeLessThan(MINTS);
    expect(takeoverMs).toBeLessThan(5_000);
    expect(metricTotal(doomedMetrics, 'chain_transactions_executed_total')).toBeGreaterThan(0);
    expect(metricTotal(inProcess, 'chain_transactions_executed_total')).toBeGreaterThan(0);
  }, 210_000);

  it('retries a transaction that failed with 1007 (sequence number used behind the lane) with a fresh number', async () => {
    const mint = (label: string) => runChainOp(env.client, { opId: `seq-${label}-${run}`, kind: 'mint', args: { recipient: recipients[0]!, externalId: `seq-ext-${label}-${run}`, metadata: metadata(label) } });
    const laneOf = async (label: string) => (await env.db.chainOp.findUniqueOrThrow({ where: { id: `seq-${label}-${run}` } })).lane!;
    const sequenceErrors = async () => metricTotal(await lanes.registry.metrics(), 'chain_invalid_sequence_number_total');

    await mint('warm'); // the lane now knows its next sequence number
    const lane = await laneOf('warm');
    const errorsBefore = await sequenceErrors();
    const heightBefore = await reader.height();
    await reader.burnSequenceNumber(lane);
    const result = await mint('stale');
    expect(await laneOf('stale')).toBe(lane); // idle lanes: the least-loaded lane is the same one

    expect(await reader.script('id_for_external_id.cdc', [arg.string(`seq-ext-stale-${run}`)])).toBe(result.nftIds![0]);
    const audited = (await reader.audit(heightBefore)).filter((tx) => tx.proposerKey === lane);
    // The out-of-band transaction, the lane's stale attempt (1007), its retry with a fresh number.
    expect(audited.map((tx) => [tx.errorCode, tx.mintedEvents])).toEqual([[undefined, 0], [1007, 0], [undefined, 1]]);
    expect(await sequenceErrors()).toBe(errorsBefore + 1);
    const row = await env.db.chainOp.findUniqueOrThrow({ where: { id: `seq-stale-${run}` } });
    expect(row).toMatchObject({ status: 'executed', txId: audited[2]!.id, attempts: 2 });
  }, 60_000);
});
