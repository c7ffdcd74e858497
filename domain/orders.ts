import { z } from 'zod';

export const orderStatuses = ['reserving', 'sold_out', 'awaiting_payment', 'paid', 'fulfilled', 'expired', 'payment_failed', 'refunded', 'needs_review'] as const;
export const orderStatusSchema = z.enum(orderStatuses);
export type OrderStatus = z.infer<typeof orderStatusSchema>;

/** Every paid order ends in exactly one of these. */
export const paidOrderEndStates: ReadonlySet<OrderStatus> = new Set(['fulfilled', 'refunded', 'needs_review']);

export const createOrderSchema = z.object({ itemId: z.uuid(), idempotencyKey: z.string().min(8).max(100) }).strict();
export type CreateOrderRequest = z.input<typeof createOrderSchema>;

export const orderStepsSchema = z.object({
  reserved: z.boolean(),
  checkoutCreated: z.boolean(),
  paid: z.boolean(),
  accountReady: z.boolean(),
  minted: z.boolean(),
  receiptSent: z.boolean(),
  refunded: z.boolean(),
});
export type OrderSteps = z.infer<typeof orderStepsSchema>;

export const orderSchema = z.object({
  id: z.uuid(),
  itemId: z.uuid(),
  status: orderStatusSchema,
  amountCents: z.number().int(),
  currency: z.string(),
  checkoutUrl: z.string().nullable(),
  reservationExpiresAt: z.iso.datetime().nullable(),
  nftId: z.string().nullable(),
  txId: z.string().nullable(),
  flowAddress: z.string().nullable(),
  steps: orderStepsSchema,
  createdAt: z.iso.datetime(),
});
export type OrderDto = z.infer<typeof orderSchema>;
