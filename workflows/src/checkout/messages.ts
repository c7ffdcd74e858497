import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { OrderStatus, OrderSteps } from '../../../domain/orders';

export interface CheckoutInput {
  orderId: string;
  buyerId: string;
  buyerEmail: string;
  itemId: string;
  /** How long the reservation and the Checkout Session stay open. */
  reservationSeconds: number;
}

export type ReserveResult =
  | { outcome: 'reserved'; checkoutUrl: string; expiresAt: number }
  | { outcome: 'sold_out' | 'limit_reached' | 'not_on_sale'; message: string }
  | { outcome: 'closed'; status: OrderStatus };

/** What the Stripe webhook saw about the order's Checkout Session. */
export interface PaymentSucceeded {
  eventId: string;
  sessionId: string;
  paymentIntentId: string | null;
  amountTotal: number;
  currency: string;
}

export const reserveUpdate = defineUpdate<ReserveResult, []>('reserve');
export const paymentSucceededSignal = defineSignal<[PaymentSucceeded]>('paymentSucceeded');
export const paymentFailedSignal = defineSignal<[{ eventId: string; sessionId: string }]>('paymentFailed');
export const sessionExpiredSignal = defineSignal<[{ eventId: string; sessionId: string }]>('sessionExpired');
export const orderStateQuery = defineQuery<{ status: OrderStatus; steps: OrderSteps }>('orderState');
