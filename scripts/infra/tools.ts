// Locates (or installs) the external binaries the dev and test setups need:
// the Temporal CLI (dev server) and Chromium (browser tests).
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { describeExit, spawnManaged } from './proc';

export const TEMPORAL_CLI_VERSION = 'v1.5.1';
const TEMPORAL_CLI_MODULE = `github.com/temporalio/cli/cmd/temporal@${TEMPORAL_CLI_VERSION}`;

export function write(line: string): void {
  process.stdout.write(`${line}\n`);
}

export function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function findOnPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && isExecutable(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

export function toolsBinDir(): string {
  const cacheHome = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(cacheHome, 'dropline', 'bin');
}

/** The `go` command: on PATH, or where the official installer puts it. */
export function findGo(): string | undefined {
  return findOnPath('go') ?? (isExecutable('/usr/local/go/bin/go') ? '/usr/local/go/bin/go' : undefined);
}

/** Returns the path of a Temporal CLI binary, building it with `go install` on first use. */
export async function ensureTemporalCli(): Promise<string> {
  const explicit = process.env.TEMPORAL_CLI_PATH;
  if (explicit) {
    if (!isExecutable(explicit)) {
      throw new Error(`TEMPORAL_CLI_PATH=${explicit} does not exist or is not executable.`);
    }
    return explicit;
  }
  const binDir = toolsBinDir();
  const cached = join(binDir, 'temporal');
  if (isExecutable(cached)) return cached;

  const go = findGo();
  if (!go) {
    throw new Error(
      `The Temporal CLI is not installed and Go was not found (looked on PATH and in /usr/local/go/bin).\n` +
        `Either install Go >= 1.25 (https://go.dev/dl; Go >= 1.21 also works, it downloads the newer toolchain itself) ` +
        `so setup can build temporal ${TEMPORAL_CLI_VERSION} into ${binDir},\n` +
        `or set TEMPORAL_CLI_PATH to an existing \`temporal\` binary (https://github.com/temporalio/cli/releases).`,
    );
  }
  mkdirSync(binDir, { recursive: true });
  write(`  building Temporal CLI ${TEMPORAL_CLI_VERSION} with ${go} (first run only, takes a few minutes)...`);
  const started = Date.now();
  const build = spawnManaged(go, {
    args: ['install', TEMPORAL_CLI_MODULE],
    // GOTOOLCHAIN=auto lets an older Go fetch the toolchain the CLI's go.mod asks for.
    env: { ...process.env, GOBIN: binDir, GOTOOLCHAIN: process.env.GOTOOLCHAIN || 'auto' },
    onLine: (line) => write(`  go: ${line}`),
  });
  const ticker = setInterval(() => write(`  ...still building (${Math.round((Date.now() - started) / 1000)}s)`), 30_000);
  const result = await build.exited.finally(() => clearInterval(ticker));
  if (result.code !== 0 || !existsSync(cached)) {
    throw new Error(
      `Building the Temporal CLI failed (go install ${TEMPORAL_CLI_MODULE} ${describeExit(result)}).\n${build.tail()}\n` +
        `Fix the Go setup (Go >= 1.25 or GOTOOLCHAIN=auto, access to the Go module proxy) or set TEMPORAL_CLI_PATH.`,
    );
  }
  write(`  built ${cached} in ${Math.round((Date.now() - started) / 1000)}s`);
  return cached;
}

function runApt(args: string[]): boolean {
  write(`  apt-get ${args.join(' ')}`);
  const result = spawnSync('apt-get', args, {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return result.status === 0;
}

/** Returns the path of a Chromium binary, installing Debian's `chromium` package when running as root. */
export async function ensureChromium(): Promise<string> {
  const explicit = process.env.CHROMIUM_PATH;
  if (explicit) {
    if (!isExecutable(explicit)) throw new Error(`CHROMIUM_PATH=${explicit} does not exist or is not executable.`);
    return explicit;
  }
  const system = '/usr/bin/chromium';
  if (isExecutable(system)) return system;

  const isRoot = process.getuid?.() === 0;
  const aptGet = findOnPath('apt-get');
  if (!isRoot || !aptGet) {
    throw new Error(
      `Chromium was not found at ${system}. Install it (Debian/Ubuntu: \`sudo apt-get install chromium\`) ` +
        `or set CHROMIUM_PATH to a Chromium/Chrome binary.`,
    );
  }
  write('  installing chromium with apt-get...');
  const installed = runApt(['install', '-y', 'chromium']) || (runApt(['update']) && runApt(['install', '-y', 'chromium']));
  if (!installed || !isExecutable(system)) {
    throw new Error(`apt-get could not install chromium. Install it manually or set CHROMIUM_PATH.`);
  }
  return system;
}
