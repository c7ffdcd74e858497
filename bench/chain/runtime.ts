// The Temporal runtime of the bench process: failed activity attempts (the lanes' retries)
// are counted per failure kind instead of printed; other SDK warnings go to stderr.
import { ApplicationFailure } from '@temporalio/common';
import { DefaultLogger, Runtime, type LogEntry } from '@temporalio/worker';

const failures = new Map<string, number>();
let installed = false;

/** `type: message` with op ids, tx ids and numbers folded, so retries of one kind count together. */
function failureKind(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const type = error instanceof ApplicationFailure ? (error.type ?? 'Error') : error.name;
  // Multi-line messages (Prisma's) carry the reason on their last line.
  const lines = error.message.split('\n').map((line) => line.trim()).filter((line) => line.length > 0);
  const text = lines.length > 1 ? `${lines[0]} ... ${lines[lines.length - 1]}` : (lines[0] ?? '');
  const message = text
    .replace(/bench-[\w-]+/g, '<op>')
    .replace(/[0-9a-f]{64}/g, '<tx>')
    .replace(/\d+/g, 'N')
    .slice(0, 160);
  return `${type}: ${message}`;
}

function log(entry: LogEntry): void {
  if (entry.message.startsWith('No workflows registered')) return; // the lane workers only run activities
  if (entry.message === 'Workflow failed') return; // counted by the scenario from the workflow results
  if (entry.message === 'Activity failed') {
    const kind = failureKind(entry.meta?.error);
    failures.set(kind, (failures.get(kind) ?? 0) + 1);
    return;
  }
  process.stderr.write(`[temporal ${entry.level}] ${entry.message}\n`);
}

export function installBenchRuntime(): void {
  if (installed) return;
  Runtime.install({ logger: new DefaultLogger('WARN', log) });
  installed = true;
}

/** Failed activity attempts by kind since the last call. */
export function takeActivityFailures(): Record<string, number> {
  const taken = Object.fromEntries([...failures.entries()].sort((a, b) => b[1] - a[1]));
  failures.clear();
  return taken;
}
