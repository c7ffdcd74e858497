import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ManagedProcess } from '../../scripts/infra/proc';
import { spawnWorkerProcess } from '../support/worker-process';
import { freePort } from '../../scripts/infra/temporal';
import { arg } from '../../platform/flow';
import { chainScript } from '../support/chain';
import { infra } from '../support/infra';
import { chainOpIds } from '../../domain/ids';
import { seedItem, sessionEvent, startCheckoutStack, waitForOrder, type CheckoutStack } from './harness';

// The `app` worker (every workflow, and the order activities) runs as a real process and is
// killed with SIGKILL while orders are between payment and mint; a new process finishes them.

let stack: CheckoutStack;
const running: ManagedProcess[] = [];

async function appWorkerProcess(): Promise<ManagedProcess> {
  const worker = spawnWorkerProcess('workers/src/app/main.ts', {
    DROPLINE_ENV: 'test',
    DATABASE_URL: infra.databaseUrl(),
    TEMPORAL_ADDRESS: infra.temporalAddress(),
    SES_ENDPOINT: infra.sesUrl(),
    WORKFLOW_BUNDLE_PATH: infra.workflowBundlePath(),
    APP_WORKER_METRICS_PORT: String(await freePort()),
  });
  running.push(worker);
  return worker;
}

beforeAll(async () => {
  stack = await startCheckoutStack({}, { appWorker: false });
}, 180_000);
afterAll(async () => {
  await Promise.all(running.map((worker) => worker.stop(5_000)));
  await stack?.stop();
});

it('fulfils every order exactly once when the app worker is killed mid-order', async () => {
  const first = await appWorkerProcess();
  const item = await seedItem(stack.db, { supply: 6 });
  const buyers = await Promise.all(Array.from({ length: 6 }, () => stack.buyer()));
  const orders = await Promise.all(
    buyers.map(async (buyer) => ((await (await stack.order(buyer, item.itemId)).json()) as { data: { id: string } }).data.id),
  );
  await Promise.all(orders.map((id) => stack.webhook(sessionEvent('checkout.session.completed', id, { amountTotal: item.priceCents }))));
  // Kill as soon as the first order is paid: the others are somewhere between payment and mint.
  await waitForOrder(stack.db, orders[0]!, ['paid', 'fulfilled']);
  first.child.kill('SIGKILL');
  await first.exited;
  await appWorkerProcess();
  for (const id of orders) {
    const order = await waitForOrder(stack.db, id, ['fulfilled'], 180_000);
    expect(await chainScript('id_for_external_id.cdc', [arg.string(id)])).toBe(order.nftId);
  }
  const mints = await stack.db.chainOp.findMany({ where: { id: { in: orders.map((id) => chainOpIds.orderMint(id)) } } });
  expect(mints).toHaveLength(6);
  expect(mints.every((op) => op.status === 'executed')).toBe(true);
  const nftIds = (await stack.db.order.findMany({ where: { id: { in: orders } } })).map((order) => order.nftId);
  expect(new Set(nftIds).size).toBe(6);
});
