// Figures of one checkout bench run: throughput, latency percentiles and how the mints
// were packed into transactions, printed and written as JSON.
import { percentile } from '../chain/report';
import type { chainOpsOf, DriveResult, OrderTrace } from './drive';

export interface Latency {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

type ChainOps = Awaited<ReturnType<typeof chainOpsOf>>;
type ChainOpRow = ChainOps['mints'][number];

export interface CheckoutSummary {
  orders: {
    requested: number;
    reserved: number;
    webhooksAccepted: number;
    fulfilled: number;
    /** End states of the order rows of the run. */
    statuses: Record<string, number>;
    firstOrderError: string | null;
    firstWebhookError: string | null;
  };
  /** First POST /v1/orders sent → last order fulfilled. */
  totalSeconds: number;
  /** Fulfilled orders / totalSeconds. */
  ordersPerSecond: number;
  /** First POST sent → last webhook accepted (the clients' part). */
  placingSeconds: number;
  latencyMs: {
    /** POST /v1/orders sent → 201 (unit reserved, Checkout Session open). */
    orderToReserved: Latency;
    /** Webhook sent → its 200 (signature checked, event recorded, workflow signalled). */
    webhookResponse: Latency;
    /** Webhook accepted (200 received) → order row `fulfilled` (its updatedAt: minted and receipt sent). */
    webhookToFulfilled: Latency;
    /** Webhook accepted → the order's mint transaction executed (ChainOp.executedAt). */
    webhookToMintExecuted: Latency;
  };
  chain: {
    mintsExecuted: number;
    /** Distinct transaction ids of the orders' mints. */
    mintTransactions: number;
    mintsPerTransaction: number;
    largestMintTransaction: number;
    mintLanes: number;
    /** Custodial account setups (one per new buyer, before its first mint). */
    accountSetups: number;
    accountTransactions: number;
    /** Mint and account-setup ops that needed more than one attempt. */
    retriedOps: number;
  };
  /** Orders whose fulfilled updatedAt was before the webhook's 200 or after the poller saw it (clock sanity). */
  timestampAnomalies: number;
  abandoned: string | null;
}

export function latencyOf(values: number[]): Latency {
  return { count: values.length, p50: percentile(values, 50), p95: percentile(values, 95), p99: percentile(values, 99), max: values.length ? Math.max(...values) : Number.NaN };
}

function transactions(rows: ChainOpRow[]): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const row of rows) if (row.status === 'executed' && row.txId) sizes.set(row.txId, (sizes.get(row.txId) ?? 0) + 1);
  return sizes;
}

export function summarize(drive: DriveResult, ops: ChainOps): CheckoutSummary {
  const { traces } = drive;
  const placed = traces.filter((trace): trace is OrderTrace & { reservedAt: number; orderId: string } => trace.reservedAt !== null && trace.orderId !== null);
  const accepted = placed.filter((trace): trace is typeof trace & { webhookAcceptedAt: number; webhookSentAt: number } => trace.webhookAcceptedAt !== null && trace.webhookSentAt !== null);
  const fulfilled = accepted.filter((trace): trace is typeof trace & { finishedAt: number; observedAt: number } => trace.finalStatus === 'fulfilled' && trace.finishedAt !== null && trace.observedAt !== null);
  const mintById = new Map(ops.mints.map((row) => [row.id.slice('order-mint:'.length), row]));
  const mintExecuted = accepted.flatMap((trace) => {
    const executedAt = mintById.get(trace.orderId)?.executedAt;
    return executedAt ? [executedAt.getTime() - trace.webhookAcceptedAt] : [];
  });
  const mintTxs = transactions(ops.mints);
  const accountTxs = transactions(ops.accounts);
  const mintsExecuted = [...mintTxs.values()].reduce((sum, size) => sum + size, 0);
  const totalSeconds = (drive.endedAt - drive.startedAt) / 1000;
  return {
    orders: {
      requested: traces.length,
      reserved: placed.length,
      webhooksAccepted: accepted.length,
      fulfilled: fulfilled.length,
      statuses: drive.statusCounts,
      firstOrderError: traces.find((trace) => trace.postError)?.postError ?? null,
      firstWebhookError: traces.find((trace) => trace.webhookError)?.webhookError ?? null,
    },
    totalSeconds,
    ordersPerSecond: fulfilled.length / totalSeconds,
    placingSeconds: (drive.lastWebhookAt - drive.startedAt) / 1000,
    latencyMs: {
      orderToReserved: latencyOf(placed.map((trace) => trace.reservedAt - trace.postStartedAt)),
      webhookResponse: latencyOf(accepted.map((trace) => trace.webhookAcceptedAt - trace.webhookSentAt)),
      webhookToFulfilled: latencyOf(fulfilled.map((trace) => trace.finishedAt - trace.webhookAcceptedAt)),
      webhookToMintExecuted: latencyOf(mintExecuted),
    },
    chain: {
      mintsExecuted,
      mintTransactions: mintTxs.size,
      mintsPerTransaction: mintsExecuted / Math.max(mintTxs.size, 1),
      largestMintTransaction: Math.max(0, ...mintTxs.values()),
      mintLanes: new Set(ops.mints.flatMap((row) => (row.status === 'executed' && row.lane !== null ? [row.lane] : []))).size,
      accountSetups: [...accountTxs.values()].reduce((sum, size) => sum + size, 0),
      accountTransactions: accountTxs.size,
      retriedOps: [...ops.mints, ...ops.accounts].filter((row) => row.attempts > 1).length,
    },
    timestampAnomalies: fulfilled.filter((trace) => trace.finishedAt < trace.webhookAcceptedAt || trace.finishedAt > trace.observedAt).length,
    abandoned: drive.abandoned,
  };
}

const fixed = (value: number, digits: number) => (Number.isFinite(value) ? value.toFixed(digits) : '-');
const secs = (ms: number) => fixed(ms / 1000, 2);

export function formatSummary(summary: CheckoutSummary): string {
  const { orders, chain, latencyMs } = summary;
  const row = (label: string, latency: Latency) =>
    `  ${label.padEnd(34)} ${secs(latency.p50).padStart(7)} ${secs(latency.p95).padStart(7)} ${secs(latency.p99).padStart(7)} ${secs(latency.max).padStart(7)}  (n=${latency.count})`;
  return [
    `orders: ${orders.requested} requested, ${orders.reserved} reserved, ${orders.webhooksAccepted} webhooks accepted, ${orders.fulfilled} fulfilled; end states ${JSON.stringify(orders.statuses)}`,
    ...(orders.firstOrderError ? [`first order error: ${orders.firstOrderError}`] : []),
    ...(orders.firstWebhookError ? [`first webhook error: ${orders.firstWebhookError}`] : []),
    `total time ${fixed(summary.totalSeconds, 1)}s (first POST -> last fulfilled), ${fixed(summary.ordersPerSecond, 2)} orders/s; all orders placed and paid after ${fixed(summary.placingSeconds, 1)}s`,
    `latency (s)                               p50     p95     p99     max`,
    row('order -> reserved (POST -> 201)', latencyMs.orderToReserved),
    row('webhook response (sent -> 200)', latencyMs.webhookResponse),
    row('webhook accepted -> mint executed', latencyMs.webhookToMintExecuted),
    row('webhook accepted -> fulfilled', latencyMs.webhookToFulfilled),
    `mints: ${chain.mintsExecuted} executed in ${chain.mintTransactions} transactions (distinct tx ids) -> ${fixed(chain.mintsPerTransaction, 2)} mints/tx (largest ${chain.largestMintTransaction}), on ${chain.mintLanes} lanes`,
    `account setups: ${chain.accountSetups} in ${chain.accountTransactions} transactions; chain ops retried: ${chain.retriedOps}`,
    ...(summary.timestampAnomalies > 0 ? [`warning: ${summary.timestampAnomalies} fulfilled timestamps outside [webhook 200, poller saw it]`] : []),
    ...(summary.abandoned ? [`ABANDONED: ${summary.abandoned}`] : []),
  ].join('\n');
}
