/** Published on every order status change; uptake and channels read it. */
export const ORDER_CHANGED = 'order.changed';

export interface OrderChangedEvent {
  orderId: string;
  cooperativeId: string;
  status: string;
  at: string;
}
