// `npm run dev`: Temporal dev server (with UI), PostgreSQL (DATABASE_URL or embedded), the SES
// emulator, stripe-mock (unless STRIPE_SECRET_KEY is set), migrations and the workflow bundle,
// then the api, the three workers and the web dev server, each line tagged with its process
// name. Ctrl-C stops everything in order.
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyMigrations } from './db/migrations';
import { loadDotEnv } from './infra/dotenv';
import { prefixer, useColour } from './infra/output';
import { databaseUrlFor, ensureDatabase, startPostgres } from './infra/postgres';
import { describeExit, spawnManaged, type ManagedProcess } from './infra/proc';
import { startSesEmulator } from './infra/ses';
import { startStripeMock } from './infra/stripe-mock';
import { startTemporal } from './infra/temporal';
import { startLocalChain } from './chain/local-chain';
import { ensureTemporalCli } from './infra/tools';
import { buildWorkflowBundle } from './workflow-bundle';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
loadDotEnv(join(root, '.env'));

const CHILD_GRACE_MS = 15_000;
const bin = (name: string): string => join(root, 'node_modules', '.bin', name);
const apps = [
  { name: 'api', command: bin('tsx'), args: ['api/src/main.ts'] },
  { name: 'app', command: bin('tsx'), args: ['workers/src/app/main.ts'] },
  { name: 'integrations', command: bin('tsx'), args: ['workers/src/integrations/main.ts'] },
  { name: 'chain', command: bin('tsx'), args: ['workers/src/chain/main.ts'] },
  { name: 'web', command: bin('vite'), args: ['--config', 'web/vite.config.ts'] },
];
const width = Math.max('temporal'.length, ...apps.map((app) => app.name.length));
const say = prefixer('dev', apps.length + 1, width);

interface Service {
  name: string;
  stop(): Promise<void>;
}
const services: Service[] = [];
const children: Array<{ name: string; process: ManagedProcess }> = [];
let shuttingDown = false;

function envPort(name: string, fallback: number): number {
  const raw = process.env[name];
  const port = raw ? Number(raw) : fallback;
  if (!Number.isInteger(port) || port <= 0 || port > 65_535) throw new Error(`${name}=${raw} is not a valid port`);
  return port;
}

function temporalPort(): number {
  const address = process.env.TEMPORAL_ADDRESS || '127.0.0.1:7233';
  const port = Number(address.slice(address.lastIndexOf(':') + 1));
  if (!Number.isInteger(port) || port <= 0) throw new Error(`TEMPORAL_ADDRESS=${address} has no valid port`);
  return port;
}

async function shutdown(code: number, reason: string): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  say(reason);
  await Promise.all(children.map((child) => child.process.stop(CHILD_GRACE_MS)));
  for (const service of [...services].reverse()) {
    say(`stopping ${service.name}`);
    await service.stop().catch((error: unknown) => say(`stopping ${service.name} failed: ${String(error)}`));
  }
  process.exit(code);
}

async function externalDatabase(url: string): Promise<string> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (name) {
    await ensureDatabase(databaseUrlFor(url, 'postgres'), name).catch((error: unknown) => {
      say(`could not ensure database ${name} exists (${error instanceof Error ? error.message : String(error)})`);
    });
  }
  return url;
}

interface Infrastructure {
  temporalAddress: string;
  uiPort: number;
  databaseUrl: string;
  sesUrl: string;
  flow: { restUrl: string; serviceAddress: string; servicePrivateKey: string };
  /** stripe-mock's URL; null when STRIPE_SECRET_KEY is set (Stripe itself, or STRIPE_API_BASE_URL). */
  stripeMockUrl: string | null;
}

async function startInfrastructure(): Promise<Infrastructure> {
  const binary = await ensureTemporalCli();
  const uiPort = envPort('TEMPORAL_UI_PORT', 8233);
  const temporalLog = prefixer('temporal', apps.length, width);
  say('starting Temporal, PostgreSQL, the SES emulator and the Flow emulator');
  const flowLog = prefixer('flow', apps.length, width);
  // Without a key of your own, Stripe is stripe-mock (canned answers, no webhooks).
  const useStripeMock = !process.env.STRIPE_SECRET_KEY;
  const [temporal, postgres, ses, flow, stripeMock] = await Promise.allSettled([
    startTemporal({
      binary,
      port: temporalPort(),
      uiPort,
      dbFile: join(root, '.data', 'temporal.db'),
      namespace: process.env.TEMPORAL_NAMESPACE || 'default',
      detached: true,
      log: (line) => {
        if (!shuttingDown) temporalLog(line);
      },
    }),
    process.env.DATABASE_URL
      ? externalDatabase(process.env.DATABASE_URL).then((databaseUrl) => ({ databaseUrl, stop: async () => {} }))
      : startPostgres({ dataDir: join(root, '.data', 'pg'), port: envPort('EMBEDDED_PG_PORT', 54329) }),
    startSesEmulator({ port: envPort('SES_EMULATOR_PORT', 8005) }),
    // The service key lives in .data/, so accounts and keys are the same on every start.
    startLocalChain({
      proposerKeyCount: envPort('CHAIN_PROPOSER_KEYS', 8),
      dataDir: join(root, '.data'),
      persist: process.env.FLOW_EMULATOR_PERSIST === 'true',
      ...(process.env.FLOW_EMULATOR_BLOCK_TIME ? { blockTime: process.env.FLOW_EMULATOR_BLOCK_TIME } : {}),
      restPort: envPort('FLOW_EMULATOR_REST_PORT', 8888),
      log: (line) => {
        if (!shuttingDown) flowLog(line);
      },
    }),
    useStripeMock ? startStripeMock({ httpPort: envPort('STRIPE_MOCK_PORT', 12111) }) : Promise.resolve(null),
  ]);
  if (temporal.status === 'fulfilled') services.push({ name: 'Temporal', stop: temporal.value.stop });
  if (postgres.status === 'fulfilled' && !process.env.DATABASE_URL) services.push({ name: 'PostgreSQL', stop: postgres.value.stop });
  if (ses.status === 'fulfilled') services.push({ name: 'SES emulator', stop: ses.value.stop });
  if (flow.status === 'fulfilled') services.push({ name: 'Flow emulator', stop: flow.value.stop });
  if (stripeMock.status === 'fulfilled' && stripeMock.value) services.push({ name: 'stripe-mock', stop: stripeMock.value.stop });
  for (const result of [temporal, postgres, ses, flow, stripeMock]) {
    if (result.status === 'rejected') throw result.reason;
  }
  if (temporal.status !== 'fulfilled' || postgres.status !== 'fulfilled' || ses.status !== 'fulfilled' || flow.status !== 'fulfilled' || stripeMock.status !== 'fulfilled') {
    throw new Error('infrastructure did not start');
  }
  return { temporalAddress: temporal.value.address, uiPort, databaseUrl: postgres.value.databaseUrl, sesUrl: ses.value.url, flow: flow.value, stripeMockUrl: stripeMock.value?.url ?? null };
}

function spawnApps(env: NodeJS.ProcessEnv): void {
  apps.forEach((app, index) => {
    const child = spawnManaged(app.command, { args: app.args, cwd: root, env, onLine: prefixer(app.name, index, width) });
    children.push({ name: app.name, process: child });
    void child.exited.then((info) => {
      if (!shuttingDown) void shutdown(1, `${app.name} ${describeExit(info)}; shutting everything down`);
    });
  });
}

function banner(lines: Array<[string, string]>): void {
  say('dropline is running (Ctrl-C to stop)');
  for (const [label, value] of lines) say(`  ${label.padEnd(12)} ${value}`);
}

async function main(): Promise<void> {
  let firstSignalAt = 0;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      // `npm run` forwards the terminal's Ctrl-C, so one keypress can arrive twice:
      // only a second signal a moment later forces the exit.
      if (shuttingDown && Date.now() - firstSignalAt < 2_000) return;
      if (shuttingDown) {
        say(`${signal} again: forcing exit`);
        process.exit(130);
      }
      firstSignalAt = Date.now();
      void shutdown(0, `${signal}: stopping`);
    });
  }
  const infra = await startInfrastructure();
  const { applied } = await applyMigrations(infra.databaseUrl);
  say(applied.length ? `applied migrations: ${applied.join(', ')}` : 'database schema up to date');
  const workflowBundlePath = await buildWorkflowBundle();
  say(`workflow bundle: ${workflowBundlePath}`);
  if (shuttingDown) return;

  const apiHost = process.env.API_HOST || '127.0.0.1';
  const apiUrl = `http://${apiHost}:${process.env.API_PORT || '3000'}`;
  spawnApps({
    ...process.env,
    DATABASE_URL: infra.databaseUrl,
    TEMPORAL_ADDRESS: infra.temporalAddress,
    SES_ENDPOINT: infra.sesUrl,
    FLOW_ACCESS_NODE: infra.flow.restUrl,
    FLOW_SERVICE_ADDRESS: infra.flow.serviceAddress,
    FLOW_SERVICE_PRIVATE_KEY: infra.flow.servicePrivateKey,
    WORKFLOW_BUNDLE_PATH: workflowBundlePath,
    ...(infra.stripeMockUrl ? { STRIPE_API_BASE_URL: infra.stripeMockUrl } : {}),
    DROPLINE_ENV: 'development',
    API_URL: process.env.API_URL || apiUrl,
    ...(useColour() && process.env.FORCE_COLOR === undefined ? { FORCE_COLOR: '1' } : {}),
  });
  banner([
    ['API', apiUrl],
    ['Web', `http://127.0.0.1:${process.env.WEB_PORT || '5173'}`],
    ['Temporal UI', `http://127.0.0.1:${infra.uiPort} (gRPC ${infra.temporalAddress})`],
    ['SES emails', `${infra.sesUrl}/ (JSON: ${infra.sesUrl}/store)`],
    ['PostgreSQL', infra.databaseUrl],
    ['Flow', `${infra.flow.restUrl} (service account ${infra.flow.serviceAddress})`],
    ['Stripe', infra.stripeMockUrl ? `stripe-mock ${infra.stripeMockUrl}` : (process.env.STRIPE_API_BASE_URL || 'api.stripe.com (STRIPE_SECRET_KEY)')],
  ]);
}

main().catch((error: unknown) => {
  process.stderr.write(`dev failed: ${error instanceof Error ? error.message : String(error)}\n`);
  void shutdown(1, 'startup failed; stopping what was started');
});
