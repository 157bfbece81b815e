import { AppException } from '@nongsan/core';

export enum OrderStatus {
  PendingPayment = 'pending_payment',
  /** Cash on delivery: nothing to pay now, waiting for the cooperative. */
  Placed = 'placed',
  Paid = 'paid',
  Confirmed = 'confirmed',
  Packed = 'packed',
  Shipped = 'shipped',
  Delivered = 'delivered',
  Completed = 'completed',
  Cancelled = 'cancelled',
  Refunded = 'refunded',
  /** The carrier brought the parcel back undelivered: its stock is on sale again, nothing was sold. */
  Returned = 'returned',
}

export type OrderAction = 'pay' | 'confirm' | 'pack' | 'ship' | 'deliver' | 'complete' | 'cancel' | 'return';

/** The order state machine: each action, the states it may start from, where it leads. */
const TRANSITIONS: Record<OrderAction, { from: OrderStatus[]; to: OrderStatus }> = {
  pay: { from: [OrderStatus.PendingPayment], to: OrderStatus.Paid },
  confirm: { from: [OrderStatus.Paid, OrderStatus.Placed], to: OrderStatus.Confirmed },
  pack: { from: [OrderStatus.Confirmed], to: OrderStatus.Packed },
  ship: { from: [OrderStatus.Packed], to: OrderStatus.Shipped },
  deliver: { from: [OrderStatus.Shipped], to: OrderStatus.Delivered },
  complete: { from: [OrderStatus.Delivered], to: OrderStatus.Completed },
  cancel: { from: [OrderStatus.PendingPayment, OrderStatus.Placed, OrderStatus.Paid, OrderStatus.Confirmed, OrderStatus.Packed], to: OrderStatus.Cancelled },
  // Only the carrier takes this step (its return push), never a person.
  return: { from: [OrderStatus.Shipped], to: OrderStatus.Returned },
};

/** The states an action may start from (the seller's home counts the orders `confirm` would take). */
export function statesAllowing(action: OrderAction): readonly OrderStatus[] {
  return TRANSITIONS[action].from;
}

/** States an order paid online is in between its money arriving and its hand-over (a cancellation owes it back). */
export const PAID_FOR = [OrderStatus.Paid, OrderStatus.Confirmed, OrderStatus.Packed];

/** Buyers may cancel only before the parcel is packed. */
export const BUYER_CANCELLABLE = [OrderStatus.PendingPayment, OrderStatus.Placed, OrderStatus.Paid, OrderStatus.Confirmed];

export function nextOrderStatus(current: OrderStatus, action: OrderAction): OrderStatus {
  if (!TRANSITIONS[action].from.includes(current)) {
    throw AppException.wrongState(current);
  }
  return TRANSITIONS[action].to;
}
