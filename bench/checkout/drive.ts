// Drives N orders through the real api with C client slots: each slot takes the next buyer,
// POSTs /v1/orders (returns once the unit is reserved and the Checkout Session is open),
// then delivers the signed `checkout.session.completed` webhook (amount = price) and moves
// on without waiting for the mint. Orders pile up in the system; a poller watches the order
// rows until every one reaches an end state.
import type { OrderStatus } from '../../domain/orders';
import { chainOpIds } from '../../domain/ids';
import type { Database } from '../../platform/database';
import { sessionCompletedEvent, type BenchApi, type Buyer } from './api';

export interface DriveOptions {
  api: BenchApi;
  db: Database;
  buyers: Buyer[];
  itemId: string;
  concurrency: number;
  /** The whole drive (orders + waiting) gives up after this. */
  timeoutMs: number;
  /** Gives up when nothing progressed (no order changed status, no chain op executed) for this long. */
  stallMs: number;
  run: string;
  say(line: string): void;
}

export interface OrderTrace {
  index: number;
  buyerId: string;
  orderId: string | null;
  postStartedAt: number;
  /** 201 received: reserved, Checkout Session open (status awaiting_payment). */
  reservedAt: number | null;
  postStatus: number;
  postError: string | null;
  webhookSentAt: number | null;
  /** 200 received from /webhooks/stripe. */
  webhookAcceptedAt: number | null;
  webhookStatus: number | null;
  webhookError: string | null;
  /** End state of the order row and when it was written (updatedAt of that write). */
  finalStatus: OrderStatus | null;
  finishedAt: number | null;
  /** When the poller (every 500ms) first saw the end state: an upper bound of finishedAt. */
  observedAt: number | null;
}

export interface DriveResult {
  traces: OrderTrace[];
  startedAt: number;
  /** Last webhook answered. */
  lastWebhookAt: number;
  /** Every order at an end state (or the drive gave up). */
  endedAt: number;
  /** Why the drive gave up, if it did. */
  abandoned: string | null;
  statusCounts: Record<string, number>;
}

const endStates: ReadonlySet<OrderStatus> = new Set(['fulfilled', 'refunded', 'needs_review', 'expired', 'payment_failed', 'sold_out']);
const POLL_MS = 500;
const PROGRESS_EVERY_MS = 10_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

async function driveOne(options: DriveOptions, trace: OrderTrace, buyer: Buyer): Promise<void> {
  trace.postStartedAt = Date.now();
  let placed: Awaited<ReturnType<BenchApi['order']>>;
  try {
    placed = await options.api.order(buyer, options.itemId, `bench-${options.run}-${trace.index}`);
  } catch (error) {
    trace.postError = describe(error);
    return;
  }
  trace.postStatus = placed.status;
  if (!placed.order || placed.order.status !== 'awaiting_payment') {
    trace.postError = placed.error ?? `order answered status ${placed.order?.status ?? 'none'}`;
    return;
  }
  trace.reservedAt = Date.now();
  trace.orderId = placed.order.id;
  trace.webhookSentAt = Date.now();
  try {
    const delivered = await options.api.webhook(sessionCompletedEvent(placed.order));
    trace.webhookStatus = delivered.status;
    if (delivered.status === 200) trace.webhookAcceptedAt = Date.now();
    else trace.webhookError = delivered.body.slice(0, 300);
  } catch (error) {
    trace.webhookError = describe(error);
  }
}

/** Order and chain-op progress, for the stall check and the progress line. */
async function progress(db: Database, orderIds: string[]) {
  const [statuses, chainOps] = await Promise.all([
    db.order.groupBy({ by: ['status'], where: { id: { in: orderIds } }, _count: { _all: true } }),
    db.chainOp.groupBy({ by: ['kind', 'status'], where: { OR: [{ id: { startsWith: 'order-mint:' } }, { id: { startsWith: 'account:' } }] }, _count: { _all: true } }),
  ]);
  const byStatus = Object.fromEntries(statuses.map((row) => [row.status, row._count._all]));
  const ops = Object.fromEntries(chainOps.map((row) => [`${row.kind}:${row.status}`, row._count._all]));
  return { byStatus, ops, fingerprint: JSON.stringify([byStatus, ops]) };
}

export async function driveOrders(options: DriveOptions): Promise<DriveResult> {
  const { db, buyers, say } = options;
  const traces: OrderTrace[] = buyers.map((buyer, index) => ({
    index, buyerId: buyer.id, orderId: null, postStartedAt: 0, reservedAt: null, postStatus: 0, postError: null,
    webhookSentAt: null, webhookAcceptedAt: null, webhookStatus: null, webhookError: null, finalStatus: null, finishedAt: null, observedAt: null,
  }));
  const startedAt = Date.now();
  const deadline = startedAt + options.timeoutMs;

  let next = 0;
  const slots = Array.from({ length: Math.min(options.concurrency, buyers.length) }, async () => {
    while (next < buyers.length && Date.now() < deadline) {
      const index = next++;
      await driveOne(options, traces[index]!, buyers[index]!);
    }
  });
  let clientsDone = false;
  const clients = Promise.all(slots).then(() => {
    clientsDone = true;
  });

  // Poll the order rows for end states while the clients run and after.
  let abandoned: string | null = null;
  let lastFingerprint = '';
  let lastChange = Date.now();
  let lastReport = Date.now();
  let statusCounts: Record<string, number> = {};
  for (;;) {
    await Promise.race([clients, sleep(POLL_MS)]);
    const open = traces.filter((trace) => trace.orderId !== null && trace.finalStatus === null);
    if (open.length > 0) {
      const rows = await db.order.findMany({
        where: { id: { in: open.map((trace) => trace.orderId!) }, status: { in: [...endStates] } },
        select: { id: true, status: true, updatedAt: true },
      });
      const byId = new Map(traces.filter((trace) => trace.orderId).map((trace) => [trace.orderId!, trace]));
      for (const row of rows) {
        const trace = byId.get(row.id)!;
        trace.finalStatus = row.status;
        trace.finishedAt = row.updatedAt.getTime();
        trace.observedAt = Date.now();
      }
    }
    const now = Date.now();
    const settled = clientsDone && traces.every((trace) => trace.orderId === null || trace.finalStatus !== null);
    if (settled) break;
    const ids = traces.flatMap((trace) => (trace.orderId ? [trace.orderId] : []));
    const state = await progress(db, ids);
    statusCounts = state.byStatus;
    if (state.fingerprint !== lastFingerprint) {
      lastFingerprint = state.fingerprint;
      lastChange = now;
    }
    if (now - lastReport >= PROGRESS_EVERY_MS) {
      lastReport = now;
      const placed = traces.filter((trace) => trace.reservedAt !== null).length;
      const paid = traces.filter((trace) => trace.webhookAcceptedAt !== null).length;
      say(`  ${((now - startedAt) / 1000).toFixed(0)}s: ${placed} reserved, ${paid} webhooks accepted; orders ${JSON.stringify(state.byStatus)}; chain ops ${JSON.stringify(state.ops)}`);
    }
    if (now - lastChange > options.stallMs) {
      abandoned = `no progress for ${(options.stallMs / 1000).toFixed(0)}s: orders ${JSON.stringify(state.byStatus)}, chain ops ${JSON.stringify(state.ops)}`;
      break;
    }
    if (now > deadline) {
      abandoned = `timed out after ${(options.timeoutMs / 1000).toFixed(0)}s: orders ${JSON.stringify(state.byStatus)}, chain ops ${JSON.stringify(state.ops)}`;
      break;
    }
  }
  if (!clientsDone) await clients;
  const ids = traces.flatMap((trace) => (trace.orderId ? [trace.orderId] : []));
  if (!abandoned) statusCounts = (await progress(db, ids)).byStatus;
  const lastWebhookAt = Math.max(0, ...traces.map((trace) => trace.webhookAcceptedAt ?? 0));
  const endedAt = abandoned ? Date.now() : Math.max(lastWebhookAt, ...traces.map((trace) => trace.finishedAt ?? 0));
  return { traces, startedAt, lastWebhookAt, endedAt, abandoned, statusCounts };
}

/** The mint and account-setup chain ops of the driven orders, as the lanes recorded them. */
export async function chainOpsOf(db: Database, traces: OrderTrace[]) {
  const orderIds = traces.flatMap((trace) => (trace.orderId ? [trace.orderId] : []));
  const buyerIds = traces.filter((trace) => trace.orderId).map((trace) => trace.buyerId);
  const select = { id: true, status: true, txId: true, lane: true, submittedAt: true, executedAt: true, attempts: true } as const;
  const [mints, accounts] = await Promise.all([
    db.chainOp.findMany({ where: { id: { in: orderIds.map(chainOpIds.orderMint) } }, select }),
    db.chainOp.findMany({ where: { id: { in: buyerIds.map(chainOpIds.accountSetup) } }, select }),
  ]);
  return { mints, accounts };
}
