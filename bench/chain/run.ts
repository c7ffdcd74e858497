// npm run bench:chain — mint throughput of the signing lanes on one Flow emulator
// (--block-time 1s, 32 proposer keys), its own Temporal dev server and scratch database.
// Env: BENCH_MINTS (default 120), DATABASE_URL (server to create the scratch database on),
// BENCH_LOG_LEVEL (worker logs, default error), BENCH_OUT (default bench-results/chain.json).
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { createDatabase } from '../../platform/database';
import { createLogger } from '../../platform/logger';
import { MINT_GAS_LIMIT } from '../../activities/src/chain/operations/mint';
import { formatComputation, formatGateway, formatRetries, formatTable, scenarioLabel, writeJson, type ScenarioResult } from './report';
import { assertIdle, runChainOps, runMintScenario, type ScenarioEnv, type ScenarioSpec } from './scenario';
import { DEFAULT_POSTGRES_URL, secondsSince, startBenchStack, type BenchStack } from './stack';
import { chainBenchConfig, startScenarioWorkers } from './workers';

const PROPOSER_KEYS = 32;
const BLOCK_TIME = '1s';
const BLOCK_TIME_SECONDS = 1;
const RECIPIENTS = 2;
const mints = Number.parseInt(process.env.BENCH_MINTS ?? '120', 10);
const out = process.env.BENCH_OUT ?? 'bench-results/chain.json';
const say = (line: string) => process.stdout.write(`${line}\n`);

const SEED_NOTE =
  'scenario (a) runs the production chain-op workflow, lane activities and recordChainOp, but the app worker registers a ' +
  'bench-only assignLane that returns lane (mint index mod 3) + 1 (keys 1..3; key 0 is the payer) and writes it on the ChainOp row, ' +
  "instead of the production least-backlog choice; CHAIN_MINT_BATCH_SIZE=1 so no lane takes another lane's ops.";

/** Custodial recipient accounts (with a DroplineNFT collection), made by account_setup chain ops. */
async function createRecipients(env: ScenarioEnv): Promise<string[]> {
  const run = randomUUID().slice(0, 8);
  const taskQueue = `bench-app-setup-${run}`;
  const workers = await startScenarioWorkers({ stack: env.stack, keys: 4, batchSize: 1, taskQueue, logger: env.logger });
  try {
    const userIds = Array.from({ length: RECIPIENTS }, () => randomUUID());
    await env.db.user.createMany({ data: userIds.map((id, index) => ({ id, email: `bench-${run}-${index}@example.test`, passwordHash: 'x' })) });
    const outcomes = await runChainOps(
      env.stack,
      taskQueue,
      userIds.map((userId, index) => ({ opId: `bench-setup-${run}-${index}`, kind: 'account_setup' as const, args: { mode: 'custodial' as const, userId } })),
    );
    return outcomes.map((outcome) => {
      if (!outcome.result?.address) throw new Error(`account setup failed: ${outcome.error ?? 'no address'}`);
      return outcome.result.address;
    });
  } finally {
    await workers.stop();
  }
}

/** The commit measured, and uncommitted changes to the code the bench runs (others edit in parallel). */
function codeVersion(): { commit: string; uncommitted: string[] } {
  const git = (args: string[]) => execFileSync('git', args, { encoding: 'utf8' }).trim();
  try {
    const dirty = git(['status', '--porcelain', '--', 'activities', 'workflows', 'workers', 'platform', 'domain', 'cadence', 'scripts']);
    return { commit: git(['rev-parse', '--short', 'HEAD']), uncommitted: dirty ? dirty.split('\n').map((line) => line.trim()) : [] };
  } catch {
    return { commit: 'unknown', uncommitted: [] };
  }
}

async function main(stack: BenchStack, started: number): Promise<void> {
  const db = createDatabase(stack.databaseUrl, { maxConnections: 4 });
  const logger = createLogger({ name: 'bench-chain', level: process.env.BENCH_LOG_LEVEL ?? 'error', environment: 'test' });
  const env: ScenarioEnv = { stack, db, logger, blockTimeSeconds: BLOCK_TIME_SECONDS };
  try {
    const batchDefault = chainBenchConfig(stack, PROPOSER_KEYS).CHAIN_MINT_BATCH_SIZE;
    const specs: ScenarioSpec[] = [
      { id: 'a-seed-k3', keys: 3, batchSize: 1, laneChoice: 'seed' },
      ...[8, 16, 32].flatMap((keys): ScenarioSpec[] => [
        { id: `b-k${keys}-b1`, keys, batchSize: 1, laneChoice: 'dropline' },
        { id: `b-k${keys}-b${batchDefault}`, keys, batchSize: batchDefault, laneChoice: 'dropline' },
      ]),
    ];
    const code = codeVersion();
    say(`code: ${code.commit}${code.uncommitted.length ? ` + uncommitted: ${code.uncommitted.join(', ')}` : ''}`);
    const recipients = await createRecipients(env);
    await assertIdle(env);
    say(`recipients: ${recipients.join(', ')} (custodial accounts; mint i goes to recipient i mod ${RECIPIENTS})`);
    say(`setup done in ${secondsSince(started)}s; ${specs.length} scenarios x ${mints} mints, batch size default from config: ${batchDefault}`);
    say(`note: ${SEED_NOTE}`);

    const results: ScenarioResult[] = [];
    for (const spec of specs) {
      const scenarioStarted = Date.now();
      const loadBefore = loadavg()[0] ?? Number.NaN;
      const result = { ...(await runMintScenario(env, spec, mints, recipients)), loadAverage: { before: loadBefore, after: loadavg()[0] ?? Number.NaN } };
      results.push(result);
      const failure = `${result.firstFailure ? `; first failure: ${result.firstFailure}` : ''}${result.warmupFailure ? `; warm-up mint failed: ${result.warmupFailure}` : ''}`;
      say(
        `${scenarioLabel(result)}: ${result.executed}/${result.mints} minted in ${result.elapsedSeconds.toFixed(1)}s, ${result.transactions} txs, ` +
          `${result.mintsPerSecond.toFixed(2)} mints/s (scenario wall ${secondsSince(scenarioStarted)}s, load ${result.loadAverage.before.toFixed(1)} -> ${result.loadAverage.after.toFixed(1)} on ${cpus().length} cpus, idle checked)${failure}`,
      );
    }

    const totalSeconds = (Date.now() - started) / 1000;
    say('');
    say(`chain bench: ${mints} mints per scenario to ${RECIPIENTS} recipients, one emulator (--block-time ${BLOCK_TIME}, ${PROPOSER_KEYS} proposer keys)`);
    say('all N requests start at once after one untimed warm-up mint; latency = workflow start -> ChainOp.executedAt;');
    say('elapsed = first workflow start -> last workflow result; ramp = first start -> first tx submitted; ceiling = K x batch / block time');
    say(formatTable(results));
    say('');
    say(formatRetries(results));
    say('');
    say(formatGateway(results));
    say('');
    say(formatComputation(results, MINT_GAS_LIMIT));
    say(`total runtime ${totalSeconds.toFixed(1)}s`);
    const file = await writeJson(out, {
      generatedAt: new Date().toISOString(),
      code,
      totalSeconds,
      mintsPerScenario: mints,
      recipients: RECIPIENTS,
      blockTime: BLOCK_TIME,
      cpus: cpus().length,
      proposerKeys: PROPOSER_KEYS,
      mintGasLimit: MINT_GAS_LIMIT,
      notes: { baseline: SEED_NOTE, latency: 'workflow start -> ChainOp.executedAt', elapsed: 'first workflow start -> last workflow result' },
      results,
    });
    say(`wrote ${file}`);
  } finally {
    await db.$disconnect();
  }
}

if (!Number.isInteger(mints) || mints < 1) throw new Error(`BENCH_MINTS must be a positive integer, got ${process.env.BENCH_MINTS}`);
const started = Date.now();
say(`starting flow emulator, temporal dev server and scratch database...`);
const stack = await startBenchStack({ proposerKeyCount: PROPOSER_KEYS, blockTime: BLOCK_TIME, postgresServerUrl: process.env.DATABASE_URL ?? DEFAULT_POSTGRES_URL, log: say });
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    say(`${signal}: stopping the bench infrastructure`);
    void stack.stop().finally(() => process.exit(130));
  });
}
let exitCode = 0;
try {
  await main(stack, started);
} catch (error) {
  exitCode = 1;
  process.stderr.write(`chain bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
} finally {
  await stack.stop();
  say(`infrastructure stopped, database ${stack.databaseName} dropped`);
}
process.exit(exitCode);
