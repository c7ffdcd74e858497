// Locates (or builds) the Flow emulator and runs it with an explicit service key.
import { existsSync, mkdirSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { generateKeyPair, publicKeyFromPrivate, type FlowKeyPair } from '../../platform/flow/keys';
import { describeExit, isPortOpen, sleep, spawnManaged } from './proc';
import { freePort } from './temporal';
import { findGo, isExecutable, toolsBinDir, write } from './tools';

export const FLOW_EMULATOR_VERSION = 'v1.9.0';
const EMULATOR_MODULE = 'github.com/onflow/flow-emulator';
// Go 1.26 fails on a dependency (cockroachdb/swiss); cgo with portable BLST for the crypto.
const BUILD_TOOLCHAIN = 'go1.25.5';
const HOST = '127.0.0.1';
const STOP_GRACE_MS = 10_000;
/** Blocks a transaction's reference block stays valid for; the emulator's default (10) expires queued work quickly. */
export const FLOW_TRANSACTION_EXPIRY_BLOCKS = 600;

async function runGo(go: string, cwd: string, args: string[], env: NodeJS.ProcessEnv, what: string): Promise<void> {
  const started = Date.now();
  const onLine = (line: string): void => {
    if (!line.startsWith('go: added ')) write(`  ${line}`);
  };
  const proc = spawnManaged(go, { args, cwd, env, onLine, tailLines: 60 });
  const ticker = setInterval(() => write(`  ...still ${what} (${Math.round((Date.now() - started) / 1000)}s)`), 30_000);
  const result = await proc.exited.finally(() => clearInterval(ticker));
  if (result.code !== 0) {
    throw new Error(
      `Building the Flow emulator failed: go ${args.join(' ')} ${describeExit(result)}.\n${proc.tail()}\n` +
        `Fix the Go setup (Go >= 1.21 with access to the Go module proxy, a C compiler for cgo) or set FLOW_EMULATOR_PATH.`,
    );
  }
}

/** Returns the path of a flow-emulator binary, building it with Go on first use. */
export async function ensureFlowEmulator(): Promise<string> {
  const explicit = process.env.FLOW_EMULATOR_PATH;
  if (explicit) {
    if (!isExecutable(explicit)) throw new Error(`FLOW_EMULATOR_PATH=${explicit} does not exist or is not executable.`);
    return explicit;
  }
  const binDir = toolsBinDir();
  const cached = join(binDir, 'flow-emulator');
  if (isExecutable(cached)) return cached;

  const go = findGo();
  if (!go) {
    throw new Error(
      `The Flow emulator is not installed and Go was not found (looked on PATH and in /usr/local/go/bin).\n` +
        `Either install Go >= 1.21 (https://go.dev/dl; it downloads the ${BUILD_TOOLCHAIN} toolchain itself) and a C compiler ` +
        `(Debian: \`apt-get install gcc\`) so setup can build flow-emulator ${FLOW_EMULATOR_VERSION} into ${binDir},\n` +
        `or set FLOW_EMULATOR_PATH to an existing emulator binary (\`flow emulator\` of the Flow CLI is not a drop-in: the binary must accept the emulator's flags directly).`,
    );
  }
  // `go install <module>/cmd/emulator@version` probes the cmd path as a module, which some proxies answer with 403;
  // a throwaway module that requires the emulator avoids the probe.
  const moduleDir = join(dirname(binDir), 'build', 'emulator');
  mkdirSync(moduleDir, { recursive: true });
  mkdirSync(binDir, { recursive: true });
  const env: NodeJS.ProcessEnv = { ...process.env, GOTOOLCHAIN: BUILD_TOOLCHAIN, CGO_ENABLED: '1', CGO_CFLAGS: '-O2 -D__BLST_PORTABLE__' };
  const goMod = join(moduleDir, 'go.mod');
  const pinned = existsSync(goMod) && (await readFile(goMod, 'utf8')).includes(`${EMULATOR_MODULE} ${FLOW_EMULATOR_VERSION}`);
  write(`  building flow-emulator ${FLOW_EMULATOR_VERSION} with ${go} (${BUILD_TOOLCHAIN}; first run only, takes several minutes)...`);
  const started = Date.now();
  if (!pinned) {
    await writeFile(goMod, 'module dropline.local/emulator-build\n\ngo 1.25.0\n');
    await writeFile(join(moduleDir, 'tools.go'), `//go:build tools\n\npackage tools\n\nimport _ "${EMULATOR_MODULE}/cmd/emulator"\n`);
    await runGo(go, moduleDir, ['get', `${EMULATOR_MODULE}@${FLOW_EMULATOR_VERSION}`], env, 'resolving modules');
    await runGo(go, moduleDir, ['mod', 'tidy'], env, 'resolving modules');
  }
  const partial = `${cached}.partial`;
  await runGo(go, moduleDir, ['build', '-o', partial, `${EMULATOR_MODULE}/cmd/emulator`], env, 'building');
  await rename(partial, cached);
  write(`  built ${cached} in ${Math.round((Date.now() - started) / 1000)}s`);
  return cached;
}

export interface FlowEmulatorOptions {
  binary: string;
  restPort: number;
  grpcPort: number;
  /** Admin API port; omitted picks a free one. */
  adminPort?: number;
  /** Hex ECDSA_P256 private key of the service account. */
  servicePrivateKey: string;
  /** Time between blocks, e.g. '1s'; omitted auto-mines one block per transaction. */
  blockTime?: string;
  /** Directory for persistent state; omitted keeps everything in memory. */
  persistDir?: string;
  /** Blocks a reference block stays valid for; default FLOW_TRANSACTION_EXPIRY_BLOCKS (tests of expiry use a few). */
  transactionExpiry?: number;
  log?: (line: string) => void;
  /** How long to wait for the REST API; default 60s. */
  startTimeoutMs?: number;
  /** Run in its own process group (a terminal Ctrl-C then doesn't stop it before its clients). */
  detached?: boolean;
}

export interface FlowEmulator {
  restUrl: string;
  /** The emulator's admin API (e.g. POST /emulator/newBlock commits an empty block). */
  adminUrl: string;
  serviceAddress: string;
  stop(): Promise<void>;
}

/** The emulator chain's service account; the emulator logs it on start, this is the fallback. */
export const EMULATOR_SERVICE_ADDRESS = '0xf8d6e0586b0a20c7';

const HIDDEN_LOG_FIELDS = new Set(['level', 'time', 'msg', 'servicePrivKey', 'servicePubKey']);

/** The emulator logs JSON (no colour codes, parseable); this turns a line back into `level msg key=value`. */
function parseLogLine(line: string): { text: string; fields: Record<string, unknown> } {
  let fields: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(line);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { text: line, fields: {} };
    fields = Object.fromEntries(Object.entries(parsed));
  } catch {
    return { text: line, fields: {} };
  }
  const extra = Object.entries(fields)
    .filter(([key]) => !HIDDEN_LOG_FIELDS.has(key))
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  const msg = typeof fields.msg === 'string' ? fields.msg.trim() : '';
  return { text: [String(fields.level ?? 'info'), msg, ...extra].join(' '), fields };
}

async function restAnswers(restUrl: string): Promise<boolean> {
  try {
    const response = await fetch(`${restUrl}/v1/blocks?height=sealed`, { signal: AbortSignal.timeout(2_000) });
    return response.ok;
  } catch {
    return false;
  }
}

export async function startFlowEmulator(opts: FlowEmulatorOptions): Promise<FlowEmulator> {
  const restUrl = `http://${HOST}:${opts.restPort}`;
  for (const port of [opts.restPort, opts.grpcPort, ...(opts.adminPort === undefined ? [] : [opts.adminPort])]) {
    if (await isPortOpen(HOST, port)) throw new Error(`Cannot start the Flow emulator: ${HOST}:${port} is already in use.`);
  }
  const adminPort = opts.adminPort ?? (await freePort());
  // The debugger (DAP) server always starts and listens on all interfaces; give it a free port.
  const debuggerPort = await freePort();
  const args = [
    '--host', HOST,
    '--port', String(opts.grpcPort),
    '--rest-port', String(opts.restPort),
    '--admin-port', String(adminPort),
    '--debugger-port', String(debuggerPort),
    '--chain-id', 'emulator',
    '--service-priv-key', opts.servicePrivateKey,
    '--service-sig-algo', 'ECDSA_P256',
    '--service-hash-algo', 'SHA3_256',
    '--transaction-expiry', String(opts.transactionExpiry ?? FLOW_TRANSACTION_EXPIRY_BLOCKS),
    // No EVM, VM bridge or scheduled transactions: dropline doesn't use them, and without them
    // the emulator starts faster and mines no system transactions of its own.
    '--setup-evm=false',
    '--setup-vm-bridge=false',
    '--scheduled-transactions=false',
    '--log-format', 'JSON',
  ];
  if (opts.blockTime) args.push('--block-time', opts.blockTime);
  if (opts.persistDir) {
    mkdirSync(opts.persistDir, { recursive: true });
    args.push('--persist', '--dbpath', opts.persistDir);
  }
  let serviceAddress = EMULATOR_SERVICE_ADDRESS;
  const onLine = (line: string): void => {
    const entry = parseLogLine(line);
    if (typeof entry.fields.serviceAddress === 'string') serviceAddress = `0x${entry.fields.serviceAddress}`;
    opts.log?.(entry.text);
  };
  const emulator = spawnManaged(opts.binary, { args, onLine, tailLines: 60, detached: opts.detached });
  const timeoutMs = opts.startTimeoutMs ?? 60_000;
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (emulator.hasExited()) throw new Error('the emulator exited during startup');
      if (await restAnswers(restUrl)) break;
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${restUrl}`);
      await sleep(200);
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const exit = emulator.hasExited() ? ` (${describeExit(await emulator.exited)})` : '';
    await emulator.stop(STOP_GRACE_MS);
    throw new Error(`Flow emulator on ${restUrl} did not start: ${reason}${exit}.\n--- emulator output ---\n${emulator.tail()}`);
  }
  return {
    restUrl,
    adminUrl: `http://${HOST}:${adminPort}`,
    serviceAddress,
    stop: async () => {
      await emulator.stop(STOP_GRACE_MS);
    },
  };
}

/** The service account key of a persistent dev chain: generated once, kept in `<dir>/flow-service-key.json`. */
export async function loadOrCreateServiceKey(dir: string): Promise<FlowKeyPair> {
  const file = join(dir, 'flow-service-key.json');
  if (existsSync(file)) {
    const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
    const privateKey = typeof parsed === 'object' && parsed !== null && 'privateKey' in parsed ? parsed.privateKey : undefined;
    if (typeof privateKey !== 'string') throw new Error(`${file} has no "privateKey"; delete it (and the chain state next to it) to start over.`);
    return { privateKey, publicKey: publicKeyFromPrivate(privateKey) };
  }
  mkdirSync(dir, { recursive: true });
  const pair = generateKeyPair();
  const tmp = `${file}.tmp`;
  await writeFile(tmp, `${JSON.stringify({ ...pair, sigAlgo: 'ECDSA_P256', hashAlgo: 'SHA3_256' }, null, 2)}\n`, { mode: 0o600 });
  await rename(tmp, file);
  return pair;
}
