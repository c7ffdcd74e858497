import type { Database } from '../../../platform/database';

export type ReserveOutcome =
  | { outcome: 'reserved'; amountCents: number; currency: string }
  | { outcome: 'sold_out' | 'limit_reached' | 'not_on_sale'; message: string };

const holdingStatuses = ['awaiting_payment', 'paid', 'fulfilled', 'needs_review'] as const;

/**
 * Takes one unit for the order, at most once. The item row is locked for the check, so the
 * per-buyer limit holds under concurrency, and `available` only moves by a conditional
 * update (and a CHECK constraint), so it never goes below zero.
 */
export async function reserveUnit(db: Database, input: { orderId: string; buyerId: string; itemId: string; expiresAt: Date; now: Date }): Promise<ReserveOutcome> {
  return db.$transaction(async (tx) => {
    const existing = await tx.order.findUnique({ where: { id: input.orderId } });
    if (existing?.reserved) return { outcome: 'reserved', amountCents: existing.amountCents, currency: existing.currency };
    const [item] = await tx.$queryRaw<Array<{ id: string }>>`SELECT id FROM items WHERE id = ${input.itemId}::uuid FOR UPDATE`;
    const found = item ? await tx.item.findUnique({ where: { id: input.itemId }, include: { drop: true } }) : null;
    if (!found) return { outcome: 'not_on_sale', message: 'This item does not exist' };
    const { drop } = found;
    if (drop.saleStartsAt > input.now || (drop.saleEndsAt && drop.saleEndsAt <= input.now)) {
      return { outcome: 'not_on_sale', message: 'This drop is not on sale' };
    }
    const held = await tx.order.count({
      where: { buyerId: input.buyerId, id: { not: input.orderId }, item: { dropId: drop.id }, status: { in: [...holdingStatuses] } },
    });
    if (held >= drop.perBuyerLimit) return { outcome: 'limit_reached', message: `At most ${drop.perBuyerLimit} per buyer for this drop` };
    const taken = await tx.item.updateMany({ where: { id: found.id, available: { gte: 1 } }, data: { available: { decrement: 1 } } });
    if (taken.count === 0) return { outcome: 'sold_out', message: 'Sold out' };
    await tx.order.upsert({
      where: { id: input.orderId },
      create: { id: input.orderId, buyerId: input.buyerId, itemId: found.id, amountCents: found.priceCents, currency: found.currency, reserved: true, reservationExpiresAt: input.expiresAt, status: 'awaiting_payment' },
      update: { reserved: true, reservationExpiresAt: input.expiresAt, status: 'awaiting_payment' },
    });
    return { outcome: 'reserved', amountCents: found.priceCents, currency: found.currency };
  });
}

/** Gives the unit back, at most once per reservation. */
export async function releaseUnit(db: Database, orderId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const released = await tx.order.updateMany({ where: { id: orderId, reserved: true }, data: { reserved: false } });
    if (released.count === 0) return;
    const order = await tx.order.findUniqueOrThrow({ where: { id: orderId } });
    await tx.item.update({ where: { id: order.itemId }, data: { available: { increment: 1 } } });
  });
}
