import type { Schemas } from '../api/client';

export type Order = Schemas['OrderDto'];
export type OrderStatus = Order['status'];
export type SellerStep = 'confirm' | 'pack' | 'ship' | 'deliver' | 'cancel';

/**
 * The steps a cooperative may take next, from the order state machine (libs/order order-status.ts):
 * the web shows only what the API would accept. Marketplace orders are moved by their platform.
 * A VietQR transfer reaches the collector's account, not the cooperative's: only the collector
 * confirms it (the department's screens), so it is no step of the cooperative's.
 */
export function nextSteps(order: Order): SellerStep[] {
  if (order.channel !== 'web') return [];
  const steps: SellerStep[] = [];
  const from: Record<SellerStep, OrderStatus[]> = {
    confirm: ['paid', 'placed'],
    pack: ['confirmed'],
    ship: ['packed'],
    deliver: ['shipped'],
    cancel: ['pending_payment', 'placed', 'paid', 'confirmed', 'packed'],
  };
  for (const step of ['confirm', 'pack', 'ship', 'deliver', 'cancel'] as const) if (from[step].includes(order.status)) steps.push(step);
  return steps;
}

/** The buyer paid before the order was cancelled (card or VietQR): the money goes back to them. */
export function wasPaid(order: Order): boolean {
  return order.paymentMethod !== 'cod' && order.timeline.some((step) => step.to === 'paid');
}

/** Who moved the order; null for the system and the marketplaces. */
export function actorName(change: Schemas['StatusChangeDto']): string | null {
  return change.actor?.name ?? null;
}

export const CHANNELS = ['web', 'shopee', 'lazada', 'tiktok-shop'] as const;
