import { createHash } from 'node:crypto';
import type { Order } from '../../../../generated/prisma/client';
import { orderStepsSchema, type OrderDto } from '../../../../domain/orders';

export function toOrderDto(order: Order): OrderDto {
  const steps = orderStepsSchema.safeParse(order.steps);
  return {
    id: order.id,
    itemId: order.itemId,
    status: order.status,
    amountCents: order.amountCents,
    currency: order.currency,
    checkoutUrl: order.status === 'awaiting_payment' ? order.checkoutUrl : null,
    reservationExpiresAt: order.reservationExpiresAt?.toISOString() ?? null,
    nftId: order.nftId,
    txId: order.txId,
    flowAddress: order.flowAddress,
    steps: steps.success ? steps.data : { reserved: order.reserved, checkoutCreated: false, paid: false, accountReady: false, minted: false, receiptSent: false, refunded: false },
    createdAt: order.createdAt.toISOString(),
  };
}

/** The same buyer and idempotency key always name the same order (a UUID derived from both). */
export function orderIdFor(buyerId: string, idempotencyKey: string): string {
  const hex = createHash('sha256').update(`order:${buyerId}:${idempotencyKey}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
