import type { Schemas } from '../api/client';

export type Order = Schemas['OrderDto'];
export type OrderStatus = Order['status'];
export type SellerStep = 'confirm' | 'pack' | 'ship' | 'deliver' | 'cancel' | 'paymentReceived';

/**
 * The steps a cooperative may take next, from the order state machine (libs/order order-status.ts):
 * the web shows only what the API would accept. Marketplace orders are moved by their platform.
 */
export function nextSteps(order: Order, isAdmin: boolean): SellerStep[] {
  if (order.channel !== 'web') return [];
  const steps: SellerStep[] = [];
  const from: Record<Exclude<SellerStep, 'paymentReceived'>, OrderStatus[]> = {
    confirm: ['paid', 'placed'],
    pack: ['confirmed'],
    ship: ['packed'],
    deliver: ['shipped'],
    cancel: ['pending_payment', 'placed', 'paid', 'confirmed', 'packed'],
  };
  for (const step of ['confirm', 'pack', 'ship', 'deliver', 'cancel'] as const) if (from[step].includes(order.status)) steps.push(step);
  // A buyer's VietQR transfer that the cooperative's admin saw arrive.
  if (isAdmin && order.status === 'pending_payment' && order.paymentMethod === 'vietqr') steps.unshift('paymentReceived');
  return steps;
}

/** Who moved the order; null for the system and the marketplaces. */
export function actorName(change: Schemas['StatusChangeDto']): string | null {
  return change.actor?.name ?? null;
}

export const CHANNELS = ['web', 'shopee', 'lazada', 'tiktok-shop'] as const;
