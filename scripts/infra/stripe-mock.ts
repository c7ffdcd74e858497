// Locates (or builds) stripe-mock and runs it: Stripe's stateless API mock, answering every
// endpoint of the OpenAPI spec with canned objects. Tests and dev point the Stripe SDK at it.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describeExit, isPortOpen, sleep, spawnManaged } from './proc';
import { findGo, isExecutable, toolsBinDir, write } from './tools';

export const STRIPE_MOCK_VERSION = 'v0.203.0';
const STRIPE_MOCK_MODULE = `github.com/stripe/stripe-mock@${STRIPE_MOCK_VERSION}`;
const HOST = '127.0.0.1';
/** Any `sk_test_` key is accepted by stripe-mock. */
const PROBE_KEY = 'sk_test_123';

export interface StripeMock {
  /** Base URL of the HTTP API, e.g. http://127.0.0.1:12111 (STRIPE_API_BASE_URL). */
  url: string;
  stop(): Promise<void>;
}

/** Returns the path of a stripe-mock binary: STRIPE_MOCK_PATH, the tools cache, or a fresh `go install`. */
export async function ensureStripeMock(): Promise<string> {
  const explicit = process.env.STRIPE_MOCK_PATH;
  if (explicit) {
    if (!isExecutable(explicit)) throw new Error(`STRIPE_MOCK_PATH=${explicit} does not exist or is not executable.`);
    return explicit;
  }
  const binDir = toolsBinDir();
  const cached = join(binDir, 'stripe-mock');
  if (isExecutable(cached)) return cached;

  const go = findGo();
  if (!go) {
    throw new Error(
      `stripe-mock is not installed and Go was not found (looked on PATH and in /usr/local/go/bin).\n` +
        `Either install Go >= 1.21 (https://go.dev/dl) so setup can build stripe-mock ${STRIPE_MOCK_VERSION} into ${binDir},\n` +
        `or set STRIPE_MOCK_PATH to an existing stripe-mock binary (https://github.com/stripe/stripe-mock/releases).`,
    );
  }
  mkdirSync(binDir, { recursive: true });
  write(`  building stripe-mock ${STRIPE_MOCK_VERSION} with ${go} (first run only)...`);
  const started = Date.now();
  const build = spawnManaged(go, {
    args: ['install', STRIPE_MOCK_MODULE],
    env: { ...process.env, GOBIN: binDir, GOTOOLCHAIN: process.env.GOTOOLCHAIN || 'auto' },
    onLine: (line) => write(`  go: ${line}`),
  });
  const result = await build.exited;
  if (result.code !== 0 || !existsSync(cached)) {
    throw new Error(
      `Building stripe-mock failed (go install ${STRIPE_MOCK_MODULE} ${describeExit(result)}).\n${build.tail()}\n` +
        `Fix the Go setup (access to the Go module proxy) or set STRIPE_MOCK_PATH.`,
    );
  }
  write(`  built ${cached} in ${Math.round((Date.now() - started) / 1000)}s`);
  return cached;
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/v1/balance`, { headers: { authorization: `Bearer ${PROBE_KEY}` }, signal: AbortSignal.timeout(1_000) });
    return response.ok;
  } catch {
    return false;
  }
}

/** Runs stripe-mock serving HTTP on 127.0.0.1:httpPort until `stop()`. */
export async function startStripeMock(opts: { httpPort: number; binary?: string; startTimeoutMs?: number; log?: (line: string) => void }): Promise<StripeMock> {
  const binary = opts.binary ?? (await ensureStripeMock());
  const url = `http://${HOST}:${opts.httpPort}`;
  if (await isPortOpen(HOST, opts.httpPort)) throw new Error(`Cannot start stripe-mock on ${url}: the port is already in use.`);
  // Loopback only. -http-addr alone still opens HTTPS on the default :12112 (only -http-port
  // turns that off, but binds every interface), so HTTPS gets an ephemeral loopback port.
  const args = ['-http-addr', `${HOST}:${opts.httpPort}`, '-https-addr', `${HOST}:`];
  const mock = spawnManaged(binary, { args, onLine: opts.log });
  const deadline = Date.now() + (opts.startTimeoutMs ?? 15_000);
  while (!(await answers(url))) {
    if (mock.hasExited() || Date.now() > deadline) {
      const why = mock.hasExited() ? describeExit(await mock.exited) : 'timed out';
      await mock.stop(2_000);
      throw new Error(`stripe-mock on ${url} did not start (${why}).\n${mock.tail()}`);
    }
    await sleep(100);
  }
  return {
    url,
    stop: async () => {
      await mock.stop(5_000);
    },
  };
}
