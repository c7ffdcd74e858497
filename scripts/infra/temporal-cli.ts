// `npm run tools:temporal -- <args>`: runs the project's Temporal CLI (building it on first use),
// e.g. `npm run tools:temporal -- workflow list`. TEMPORAL_ADDRESS / TEMPORAL_NAMESPACE apply as usual.
import { spawn } from 'node:child_process';
import { ensureTemporalCli } from './tools';

try {
  const binary = await ensureTemporalCli();
  const child = spawn(binary, process.argv.slice(2), { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
