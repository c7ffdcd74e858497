// npm run bench:checkout — checkout to mint end to end, once: the real api (listening) and the
// real app / integrations / chain worker code against one Flow emulator (--block-time 1s,
// one proposer key per lane), its own Temporal dev server, a scratch PostgreSQL database,
// stripe-mock and the SES emulator. N buyers each POST /v1/orders and then deliver a signed
// checkout.session.completed webhook (C at a time); the run ends when every order is fulfilled.
// Env: BENCH_ORDERS (default 100), BENCH_CONCURRENCY (default 25), BENCH_LANES (default 16),
// BENCH_TIMEOUT_SECONDS (drive, default 240), BENCH_STALL_SECONDS (default 60),
// DATABASE_URL (server for the scratch database), BENCH_LOG_LEVEL (default error),
// BENCH_OUT (default bench-results/checkout.json).
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { createDatabase, type Database } from '../../platform/database';
import { createLogger } from '../../platform/logger';
import { startSesEmulator, type SesEmulator } from '../../scripts/infra/ses';
import { startStripeMock, type StripeMock } from '../../scripts/infra/stripe-mock';
import { freePort } from '../../scripts/infra/temporal';
import { writeJson } from '../chain/report';
import { takeActivityFailures } from '../chain/runtime';
import { DEFAULT_POSTGRES_URL, secondsSince, startBenchStack, type BenchStack } from '../chain/stack';
import { startBenchApi, type BenchApi } from './api';
import { chainOpsOf, driveOrders } from './drive';
import { formatSummary, summarize } from './report';
import { startCheckoutWorkers, type CheckoutWorkers } from './workers';

const BLOCK_TIME = '1s';
const PRICE_CENTS = 2500;
const say = (line: string) => process.stdout.write(`${line}\n`);

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got ${raw}`);
  return value;
}

const settings = {
  orders: positiveInt('BENCH_ORDERS', 100),
  concurrency: positiveInt('BENCH_CONCURRENCY', 25),
  lanes: positiveInt('BENCH_LANES', 16),
  timeoutSeconds: positiveInt('BENCH_TIMEOUT_SECONDS', 240),
  stallSeconds: positiveInt('BENCH_STALL_SECONDS', 60),
  out: process.env.BENCH_OUT ?? 'bench-results/checkout.json',
  logLevel: process.env.BENCH_LOG_LEVEL ?? 'error',
};

/** The commit measured, and uncommitted changes to the code the bench runs (others edit in parallel). */
function codeVersion(): { commit: string; uncommitted: string[] } {
  const git = (args: string[]) => execFileSync('git', args, { encoding: 'utf8' }).trim();
  try {
    const dirty = git(['status', '--porcelain', '--', 'api', 'activities', 'workflows', 'workers', 'platform', 'domain', 'cadence', 'scripts', 'bench']);
    return { commit: git(['rev-parse', '--short', 'HEAD']), uncommitted: dirty ? dirty.split('\n').map((line) => line.trim()) : [] };
  } catch {
    return { commit: 'unknown', uncommitted: [] };
  }
}

/** Failed attempts by kind, with the orders' op ids folded (the chain bench's folding knows only its own ids). */
function foldFailures(failures: Record<string, number>): Record<string, number> {
  const folded = new Map<string, number>();
  for (const [kind, count] of Object.entries(failures)) {
    const key = kind.replace(/\b(order-mint|account):[\w-]+/g, '$1:<id>');
    folded.set(key, (folded.get(key) ?? 0) + count);
  }
  return Object.fromEntries([...folded.entries()].sort((a, b) => b[1] - a[1]));
}

/** One creator, one drop on sale, one item with a unit per order (no royalty receiver). */
async function seedItem(db: Database, run: string, supply: number): Promise<string> {
  const userId = randomUUID();
  await db.user.create({ data: { id: userId, email: `bench-creator-${run}@example.test`, passwordHash: 'x', role: 'creator', emailVerifiedAt: new Date() } });
  const creator = await db.creator.create({ data: { id: randomUUID(), userId, displayName: 'Bench creator', royaltyAddress: null } });
  const drop = await db.drop.create({
    data: { id: randomUUID(), creatorId: creator.id, name: 'Bench drop', description: 'Checkout bench', mediaUrl: 'https://cdn.dropline.test/bench.png', saleStartsAt: new Date(Date.now() - 60_000), perBuyerLimit: 1 },
  });
  const item = await db.item.create({ data: { id: randomUUID(), dropId: drop.id, name: 'Bench item', priceCents: PRICE_CENTS, currency: 'usd', supply, available: supply } });
  return item.id;
}

interface Services {
  stack: BenchStack;
  stripeMock: StripeMock;
  ses: SesEmulator;
}

async function startServices(): Promise<Services> {
  const [stack, stripeMock, ses] = await Promise.allSettled([
    startBenchStack({ proposerKeyCount: settings.lanes, blockTime: BLOCK_TIME, postgresServerUrl: process.env.DATABASE_URL ?? DEFAULT_POSTGRES_URL, log: say }),
    freePort().then((httpPort) => startStripeMock({ httpPort })),
    freePort().then((port) => startSesEmulator({ port })),
  ]);
  if (stack.status === 'fulfilled' && stripeMock.status === 'fulfilled' && ses.status === 'fulfilled') {
    say(`stripe-mock at ${stripeMock.value.url}, SES emulator at ${ses.value.url}`);
    return { stack: stack.value, stripeMock: stripeMock.value, ses: ses.value };
  }
  await Promise.allSettled([stack, stripeMock, ses].map((started) => (started.status === 'fulfilled' ? started.value.stop() : Promise.resolve())));
  const failed = [stack, stripeMock, ses].find((started): started is PromiseRejectedResult => started.status === 'rejected');
  throw failed?.reason ?? new Error('infrastructure did not start');
}

async function main(services: Services, started: number): Promise<void> {
  const { stack } = services;
  const logger = createLogger({ name: 'bench-checkout', level: settings.logLevel, environment: 'test' });
  const db = createDatabase(stack.databaseUrl, { maxConnections: 2 });
  let workers: CheckoutWorkers | null = null;
  let api: BenchApi | null = null;
  try {
    const code = codeVersion();
    say(`code: ${code.commit}${code.uncommitted.length ? ` + uncommitted: ${code.uncommitted.join(', ')}` : ''}`);
    const run = randomUUID().slice(0, 8);
    const itemId = await seedItem(db, run, settings.orders + 1);
    workers = await startCheckoutWorkers({ stack, lanes: settings.lanes, stripeMockUrl: services.stripeMock.url, sesUrl: services.ses.url, logger });
    api = await startBenchApi(stack, logger);
    const buyers = await api.createBuyers(db, settings.orders + 1, run);
    const [warmBuyer, ...benchBuyers] = buyers;
    say(`api at ${api.url}; ${workers.served.length} lanes, mint batch size ${workers.batchSize}; ${buyers.length} buyers created; setup done in ${secondsSince(started)}s`);

    // One untimed order first: workflow isolates, pools, stripe-mock and the lanes are warm.
    const warmStarted = Date.now();
    const warm = await driveOrders({ api, db, buyers: [warmBuyer!], itemId, concurrency: 1, timeoutMs: 120_000, stallMs: 60_000, run: `${run}-warm`, say });
    const warmTrace = warm.traces[0]!;
    if (warmTrace.finalStatus !== 'fulfilled') {
      throw new Error(`warm-up order did not fulfil: ${warm.abandoned ?? warmTrace.postError ?? warmTrace.webhookError ?? warmTrace.finalStatus ?? 'unknown'}`);
    }
    say(`warm-up order fulfilled in ${secondsSince(warmStarted)}s`);
    takeActivityFailures();

    say(`driving ${settings.orders} orders, ${settings.concurrency} at a time...`);
    const loadBefore = loadavg()[0] ?? Number.NaN;
    const cpuBefore = process.cpuUsage();
    const drive = await driveOrders({
      api, db, buyers: benchBuyers, itemId, concurrency: settings.concurrency,
      timeoutMs: settings.timeoutSeconds * 1000, stallMs: settings.stallSeconds * 1000, run, say,
    });
    const loadAfter = loadavg()[0] ?? Number.NaN;
    const cpu = process.cpuUsage(cpuBefore);
    // The api, the three workers and the clients share this process; the emulator, Temporal, PostgreSQL, stripe-mock and SES run beside it.
    const benchProcessCpuSeconds = (cpu.user + cpu.system) / 1e6;
    const activityFailures = foldFailures(takeActivityFailures());
    const summary = summarize(drive, await chainOpsOf(db, drive.traces));
    const totalRuntimeSeconds = (Date.now() - started) / 1000;

    say('');
    say(`checkout bench: ${settings.orders} orders, ${settings.concurrency} client slots (POST /v1/orders then the signed webhook, per order), ` +
      `${settings.lanes} lanes, mint batch size ${workers.batchSize}, one Flow emulator (--block-time ${BLOCK_TIME}), ${cpus().length} cpus, load ${loadBefore.toFixed(1)} -> ${loadAfter.toFixed(1)}, ` +
      `bench process (api + workers + clients) ${benchProcessCpuSeconds.toFixed(1)} cpu-s over the drive`);
    say(formatSummary(summary));
    const retries = Object.entries(activityFailures);
    say(`failed activity attempts (retried by Temporal): ${retries.length === 0 ? 'none' : retries.map(([kind, count]) => `${count} x ${kind}`).join('; ')}`);
    say(`total runtime ${totalRuntimeSeconds.toFixed(1)}s (setup, warm-up, run)`);
    const file = await writeJson(settings.out, {
      generatedAt: new Date().toISOString(),
      code,
      settings: { orders: settings.orders, concurrency: settings.concurrency, lanes: settings.lanes, mintBatchSize: workers.batchSize, blockTime: BLOCK_TIME, priceCents: PRICE_CENTS },
      cpus: cpus().length,
      loadAverage: { before: loadBefore, after: loadAfter },
      benchProcessCpuSeconds,
      totalRuntimeSeconds,
      notes: {
        drive: 'C client slots; each takes the next buyer, POSTs /v1/orders, then delivers a signed checkout.session.completed (amount = price) and moves on; one untimed warm-up order before',
        totalSeconds: 'first POST sent -> last order row fulfilled (its updatedAt)',
        webhookToFulfilled: 'webhook 200 received -> order row status fulfilled (updatedAt of that write: minted and receipt sent)',
        webhookToMintExecuted: 'webhook 200 received -> the order mint ChainOp.executedAt',
        orderToReserved: 'POST /v1/orders sent -> 201 received (unit reserved, Checkout Session open)',
        buyers: 'one new buyer per order: each order also runs an account_setup chain op (a custodial Flow account) before its mint',
      },
      summary,
      activityFailures,
      orders: drive.traces.map((trace) => ({
        orderId: trace.orderId,
        postMs: trace.reservedAt === null ? null : trace.reservedAt - trace.postStartedAt,
        postStartedAt: trace.postStartedAt - drive.startedAt,
        webhookAcceptedAt: trace.webhookAcceptedAt === null ? null : trace.webhookAcceptedAt - drive.startedAt,
        finishedAt: trace.finishedAt === null ? null : trace.finishedAt - drive.startedAt,
        finalStatus: trace.finalStatus,
        error: trace.postError ?? trace.webhookError,
      })),
    });
    say(`wrote ${file}`);
    if (summary.abandoned || summary.orders.fulfilled !== settings.orders) process.exitCode = 1;
  } finally {
    if (api) await api.stop();
    if (workers) await workers.stop();
    await db.$disconnect();
  }
}

const started = Date.now();
say(`starting flow emulator (${settings.lanes} proposer keys), temporal dev server, scratch database, stripe-mock and SES emulator...`);
const services = await startServices();
const stopServices = async () => {
  await services.stack.stop();
  await Promise.allSettled([services.stripeMock.stop(), services.ses.stop()]);
};
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    say(`${signal}: stopping the bench infrastructure`);
    void stopServices().finally(() => process.exit(130));
  });
}
try {
  await main(services, started);
} catch (error) {
  process.exitCode = 1;
  process.stderr.write(`checkout bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
} finally {
  await stopServices();
  say(`infrastructure stopped, database ${services.stack.databaseName} dropped`);
}
process.exit(process.exitCode ?? 0);
