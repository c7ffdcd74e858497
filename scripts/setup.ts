// `npm run setup` (also run by `dev` and `test`): idempotent first-run installer.
// Dependencies, Prisma client, Temporal CLI, Flow emulator, stripe-mock, and with --with-browser Chromium. One line per step.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDotEnv } from './infra/dotenv';
import { ensureChromium, ensureTemporalCli } from './infra/tools';
import { ensureFlowEmulator } from './infra/flow-emulator';
import { ensureStripeMock } from './infra/stripe-mock';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const withBrowser = process.argv.includes('--with-browser');

function step(line: string): void {
  process.stdout.write(`setup: ${line}\n`);
}

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.error) throw new Error(`${command} ${args.join(' ')}: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with code ${result.status ?? result.signal}`);
}

function dependenciesStale(): boolean {
  const installed = join(root, 'node_modules', '.package-lock.json');
  if (!existsSync(installed)) return true;
  return statSync(join(root, 'package-lock.json')).mtimeMs > statSync(installed).mtimeMs;
}

async function main(): Promise<void> {
  loadDotEnv(join(root, '.env'));

  if (dependenciesStale()) {
    step('installing dependencies (npm install)');
    run('npm', ['install', '--no-audit', '--no-fund']);
  } else {
    step('dependencies up to date');
  }

  const generate = join(root, 'scripts', 'db', 'generate.ts');
  if (existsSync(generate)) {
    step('generating the Prisma client');
    run('npx', ['tsx', generate]);
  } else {
    step('skipping Prisma client generation (scripts/db/generate.ts does not exist yet)');
  }

  step(`Temporal CLI: ${await ensureTemporalCli()}`);
  step(`Flow emulator: ${await ensureFlowEmulator()}`);
  step(`stripe-mock: ${await ensureStripeMock()}`);

  if (withBrowser) step(`Chromium: ${await ensureChromium()}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`setup failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
