import type { Prisma } from '../../../generated/prisma/client';
import type { OrderStatus, OrderSteps } from '../../../domain/orders';
import type { Database } from '../../../platform/database';
import type { Mailer } from '../email/mailer';
import { releaseUnit, reserveUnit, type ReserveOutcome } from './inventory';

export interface OrderDeps {
  db: Database;
  mailer: Mailer;
}

export interface MintDetails {
  itemName: string;
  dropName: string;
  description: string;
  mediaUrl: string;
  creatorId: string;
  royaltyAddress: string | null;
}

export function createOrderActivities(deps: OrderDeps) {
  const { db } = deps;
  return {
    async reserveInventory(input: { orderId: string; buyerId: string; itemId: string; reservationSeconds: number }): Promise<ReserveOutcome & { expiresAt: number }> {
      const now = new Date();
      const expiresAt = new Date(now.getTime() + input.reservationSeconds * 1000);
      // A refused reservation creates no order: the api answers it directly.
      return { ...(await reserveUnit(db, { ...input, expiresAt, now })), expiresAt: expiresAt.getTime() };
    },

    async releaseInventory(input: { orderId: string }): Promise<void> {
      await releaseUnit(db, input.orderId);
    },

    async mintDetails(input: { itemId: string }): Promise<MintDetails> {
      const item = await db.item.findUniqueOrThrow({ where: { id: input.itemId }, include: { drop: { include: { creator: true } } } });
      return {
        itemName: item.name,
        dropName: item.drop.name,
        description: item.drop.description,
        mediaUrl: item.drop.mediaUrl,
        creatorId: item.drop.creatorId,
        royaltyAddress: item.drop.creator.royaltyAddress,
      };
    },

    async buyerFlowAddress(input: { buyerId: string }): Promise<string | null> {
      return (await db.flowAccount.findUnique({ where: { userId: input.buyerId } }))?.address ?? null;
    },

    /** Records what the workflow knows; the row is the api's read model of the order. */
    async recordOrder(input: { orderId: string; status: OrderStatus; steps: OrderSteps; fields?: Partial<Pick<Prisma.OrderUncheckedUpdateInput, 'checkoutSessionId' | 'checkoutUrl' | 'paymentIntentId' | 'paidAmountCents' | 'paidCurrency' | 'flowAddress' | 'nftId' | 'txId' | 'refundId'>> }): Promise<void> {
      await db.order.updateMany({ where: { id: input.orderId }, data: { status: input.status, steps: input.steps, ...input.fields } });
    },

    async sendOrderEmail(input: { to: string; kind: 'receipt' | 'refund'; itemName: string; orderId: string; nftId?: string; amount: string }): Promise<void> {
      const subject = input.kind === 'receipt' ? `Your ${input.itemName} is yours` : `Your order for ${input.itemName} was refunded`;
      const text =
        input.kind === 'receipt'
          ? `Thank you for your purchase of ${input.itemName} (${input.amount}).\nOrder ${input.orderId}\nNFT #${input.nftId ?? ''} is in your dropline collection.`
          : `We could not deliver ${input.itemName}, so your payment of ${input.amount} was refunded in full.\nOrder ${input.orderId}`;
      await deps.mailer({ to: input.to, subject, text });
    },
  };
}
export type OrderActivities = ReturnType<typeof createOrderActivities>;
