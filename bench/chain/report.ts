// Result shapes, statistics and the printed table / JSON file of the chain benchmark.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { GatewayStats } from './instrument';

/** Transactions of one batch size in a scenario and their computation (emulator computation report). */
export interface ComputationSample {
  batch: number;
  transactions: number;
  computationMean: number;
  computationMax: number;
  perMint: number;
}

export interface ScenarioResult {
  id: string;
  laneChoice: 'seed' | 'dropline';
  keys: number;
  batchSize: number;
  mints: number;
  executed: number;
  failed: number;
  firstFailure: string | null;
  transactions: number;
  elapsedSeconds: number;
  mintsPerSecond: number;
  transactionsPerSecond: number;
  /** Workflow start → ChainOp.executedAt. */
  latencyMs: { p50: number; p99: number; max: number };
  /** Workflow start → workflow result received by the client. */
  resultLatencyMs: { p50: number; p99: number };
  ceilingMintsPerSecond: number;
  lanesUsed: number;
  maxMintsOnOneLane: number;
  meanBatch: number;
  computation: ComputationSample[];
  /** Failed executeChainOp attempts (retried by Temporal), by failure kind. */
  activityFailures: Record<string, number>;
  /** The untimed warm-up mint's failure, if it failed. */
  warmupFailure: string | null;
  /** 1-minute load average of the machine before and after the scenario (other work skews the figures). */
  loadAverage?: { before: number; after: number };
  /** First workflow start -> first transaction submitted. */
  rampSeconds: number;
  /** The lanes' access-node calls during the scenario (counts, total ms). */
  gateway: GatewayStats;
  /** Every transaction: lane, mints, submitted and executed, in ms after the first workflow start. */
  timeline: Array<{ lane: number | null; mints: number; submittedMs: number; executedMs: number }>;
}

/** Nearest-rank percentile (p in 0..100); NaN for no values. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

export function scenarioLabel(result: Pick<ScenarioResult, 'laneChoice' | 'keys' | 'batchSize'>): string {
  return result.laneChoice === 'seed' ? `(a) seed K=${result.keys} b=${result.batchSize}` : `(b) K=${result.keys} b=${result.batchSize}`;
}

const fixed = (value: number, digits: number) => (Number.isFinite(value) ? value.toFixed(digits) : '-');
const seconds = (ms: number) => fixed(ms / 1000, 2);

export function formatTable(results: ScenarioResult[]): string {
  const baseline = results.find((result) => result.laneChoice === 'seed');
  const header = ['scenario', 'mints', 'failed', 'txs', 'batch', 'lanes', 'max/lane', 'retries', 'ramp s', 'elapsed s', 'mints/s', 'tx/s', 'p50 s', 'p99 s', 'vs (a)', 'ceiling/s', '% ceil', 'comp/mint', 'load'];
  const rows = results.map((result) => {
    const computed = result.computation.reduce((sum, sample) => sum + sample.computationMean * sample.transactions, 0);
    const perMint = computed / result.computation.reduce((sum, sample) => sum + sample.batch * sample.transactions, 0);
    const retries = Object.values(result.activityFailures).reduce((sum, count) => sum + count, 0);
    return [
      scenarioLabel(result),
      String(result.executed),
      String(result.failed),
      String(result.transactions),
      fixed(result.meanBatch, 1),
      String(result.lanesUsed),
      String(result.maxMintsOnOneLane),
      String(retries),
      fixed(result.rampSeconds, 1),
      fixed(result.elapsedSeconds, 1),
      fixed(result.mintsPerSecond, 2),
      fixed(result.transactionsPerSecond, 2),
      seconds(result.latencyMs.p50),
      seconds(result.latencyMs.p99),
      baseline ? `${fixed(result.mintsPerSecond / baseline.mintsPerSecond, 2)}x` : '-',
      fixed(result.ceilingMintsPerSecond, 0),
      `${fixed((100 * result.mintsPerSecond) / result.ceilingMintsPerSecond, 0)}%`,
      fixed(perMint, 1),
      result.loadAverage ? `${fixed(result.loadAverage.before, 1)}-${fixed(result.loadAverage.after, 1)}` : '-',
    ];
  });
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ');
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}

export function formatComputation(results: ScenarioResult[], gasLimit: number): string {
  const samples = results.flatMap((result) => result.computation);
  if (samples.length === 0) return 'computationUsed: not available (no emulator computation report)';
  const lines = [`computationUsed by mints per transaction (emulator computation report; gas limit of batch_mint.cdc: ${gasLimit}):`];
  const sizes = [...new Set(samples.map((sample) => sample.batch))].sort((a, b) => a - b);
  for (const size of sizes) {
    const same = samples.filter((sample) => sample.batch === size);
    const txs = same.reduce((sum, sample) => sum + sample.transactions, 0);
    const mean = same.reduce((sum, sample) => sum + sample.computationMean * sample.transactions, 0) / txs;
    const max = Math.max(...same.map((sample) => sample.computationMax));
    lines.push(`  ${String(size).padStart(4)} mints/tx: ${String(txs).padStart(4)} txs, mean ${fixed(mean, 0)}, max ${max}, ${fixed(mean / size, 1)} per mint`);
  }
  const single = samples.filter((sample) => sample.batch === 1);
  const largest = samples.reduce((best, sample) => (sample.batch > best.batch ? sample : best));
  if (single.length > 0 && largest.batch > 1) {
    const base = single.reduce((sum, sample) => sum + sample.computationMean * sample.transactions, 0) / single.reduce((sum, sample) => sum + sample.transactions, 0);
    const perItem = (largest.computationMean - base) / (largest.batch - 1);
    const overhead = base - perItem;
    const maxBatch = perItem > 0 ? Math.floor((gasLimit - overhead) / perItem) : Number.POSITIVE_INFINITY;
    lines.push(`  linear fit (1 vs ${largest.batch} mints): ${fixed(overhead, 1)} per tx + ${fixed(perItem, 1)} per mint -> ~${maxBatch} mints fit under ${gasLimit}`);
  }
  return lines.join('\n');
}

/** Mean milliseconds per call of the lanes' access-node calls, per scenario. */
export function formatGateway(results: ScenarioResult[]): string {
  const mean = (ms: number, count: number) => (count > 0 ? `${fixed(ms / count, 0)}ms` : '-');
  const lines = ['lane time per access-node call (mean): scripts (alreadyApplied checks) / sign+prepare / send / wait for executed'];
  for (const result of results) {
    const g = result.gateway;
    lines.push(
      `  ${scenarioLabel(result).padEnd(18)} ${String(g.scripts).padStart(4)} scripts x ${mean(g.scriptMs, g.scripts)}, ${g.prepares} prepares x ${mean(g.prepareMs, g.prepares)}, ` +
        `${g.sends} sends x ${mean(g.sendMs, g.sends)}, ${g.waits} waits x ${mean(g.waitMs, g.waits)}`,
    );
  }
  return lines.join('\n');
}

export function formatRetries(results: ScenarioResult[]): string {
  const lines = ['failed executeChainOp attempts (retried by Temporal), by kind:'];
  for (const result of results) {
    const kinds = Object.entries(result.activityFailures);
    if (kinds.length > 0) lines.push(`  ${scenarioLabel(result)}: ${kinds.map(([kind, count]) => `${count} x ${kind}`).join('; ')}`);
  }
  if (lines.length === 1) lines.push('  none');
  return lines.join('\n');
}

export async function writeJson(file: string, report: object): Promise<string> {
  const target = path.resolve(file);
  await mkdir(path.dirname(target), { recursive: true });
  await writeFile(target, `${JSON.stringify(report, null, 2)}\n`);
  return target;
}
