// Child-process helpers shared by the infra launchers and `npm run dev`:
// line-split output, a bounded tail for error messages, graceful stop.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { Socket } from 'node:net';
import { createInterface } from 'node:readline';

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ManagedProcess {
  readonly child: ChildProcess;
  /** Resolves when the process has exited (never rejects; spawn errors resolve with code null). */
  readonly exited: Promise<ExitInfo>;
  /** True once the process has exited. */
  hasExited(): boolean;
  /** The last lines of combined stdout/stderr. */
  tail(): string;
  /** SIGTERM, then SIGKILL after graceMs; resolves once the process is gone. */
  stop(graceMs: number): Promise<ExitInfo>;
}

export interface ManagedSpawnOptions {
  args?: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  onLine?: (line: string) => void;
  tailLines?: number;
  /** Own process group, so a terminal's Ctrl-C reaches it only through our orderly shutdown. */
  detached?: boolean;
}

const live = new Set<ChildProcess>();
let exitHookInstalled = false;

// Last resort: if this process exits without stopping its children, do not leave them running.
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of live) child.kill('SIGKILL');
  });
}

export function spawnManaged(command: string, opts: ManagedSpawnOptions = {}): ManagedProcess {
  installExitHook();
  const spawnOptions: SpawnOptions = {
    cwd: opts.cwd,
    env: opts.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: opts.detached ?? false,
  };
  const child = spawn(command, opts.args ?? [], spawnOptions);
  live.add(child);
  const maxLines = opts.tailLines ?? 40;
  const lines: string[] = [];
  const record = (line: string): void => {
    lines.push(line);
    if (lines.length > maxLines) lines.shift();
    opts.onLine?.(line);
  };
  for (const stream of [child.stdout, child.stderr]) {
    if (stream) createInterface({ input: stream, crlfDelay: Infinity }).on('line', record);
  }

  let done = false;
  const exited = new Promise<ExitInfo>((resolve) => {
    child.once('error', (error) => {
      record(`failed to spawn ${command}: ${error.message}`);
      done = true;
      live.delete(child);
      resolve({ code: null, signal: null });
    });
    child.once('exit', (code, signal) => {
      done = true;
      live.delete(child);
      // Let buffered output drain into the tail, but don't wait on grandchildren holding the pipes.
      const settle = (): void => resolve({ code, signal });
      child.once('close', settle);
      setTimeout(settle, 250).unref();
    });
  });

  const stop = async (graceMs: number): Promise<ExitInfo> => {
    if (done) return exited;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    try {
      return await exited;
    } finally {
      clearTimeout(timer);
    }
  };

  return {
    child,
    exited,
    hasExited: () => done,
    tail: () => lines.join('\n'),
    stop,
  };
}

export function describeExit(info: ExitInfo): string {
  if (info.signal) return `killed by ${info.signal}`;
  if (info.code === null) return 'failed to start';
  return `exited with code ${info.code}`;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Whether something accepts TCP connections on host:port. */
export function isPortOpen(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const finish = (open: boolean): void => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(1_000, () => finish(false));
    socket.once('error', () => finish(false));
    socket.connect(port, host, () => finish(true));
  });
}
