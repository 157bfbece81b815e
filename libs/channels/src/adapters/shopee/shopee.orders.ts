import type { ExternalOrder } from '../channel-adapter.js';

/** The part of a v2.order.get_order_detail entry we read (with buyer_username,item_list,total_amount requested). */
export interface ShopeeOrderDetail {
  order_sn: string;
  order_status: string;
  create_time: number;
  update_time: number;
  buyer_username?: string;
  /** Returned only once the buyer has paid. */
  total_amount?: number;
  item_list?: Array<{
    item_name?: string;
    item_sku?: string;
    model_sku?: string;
    model_name?: string;
    model_quantity_purchased?: number;
    model_original_price?: number;
    model_discounted_price?: number;
  }>;
}

/**
 * What a Shopee order status means for our stock. Paid (or cash-on-delivery accepted) orders hold
 * stock until they end. Two are judgement calls:
 * - IN_CANCEL is the buyer asking to cancel; the seller may still refuse and ship. Until Shopee
 *   says CANCELLED the goods stay reserved, so it counts as paid.
 * - TO_RETURN is a return under way: the goods left the shop and are not back, and the outcome is
 *   still open. Releasing stock now would sell what is not on the shelf, so it stays paid; the
 *   seller sees the platform status and settles the return by hand.
 * Anything unknown (PENDING, or a status added later) is recorded as unpaid, which holds no stock:
 * a new word should not silently take goods off sale.
 */
export function shopeeOrderState(status: string): ExternalOrder['state'] {
  switch (status) {
    case 'UNPAID':
      return 'unpaid';
    case 'READY_TO_SHIP':
    case 'PROCESSED':
    case 'RETRY_SHIP':
    case 'INVOICE_PENDING':
    case 'IN_CANCEL':
    case 'TO_RETURN':
      return 'paid';
    case 'SHIPPED':
    case 'TO_CONFIRM_RECEIVE':
      return 'shipped';
    case 'CANCELLED':
      return 'cancelled';
    case 'COMPLETED':
      return 'completed';
    default:
      return 'unpaid';
  }
}

export function mapShopeeOrder(detail: ShopeeOrderDetail): ExternalOrder {
  const lines = (detail.item_list ?? []).map((line) => ({
    // A seller may put the SKU on the model (variation) or on the item; ours is on the item.
    sku: line.model_sku || line.item_sku || '',
    name: line.model_name ? `${line.item_name ?? ''} (${line.model_name})` : (line.item_name ?? ''),
    quantity: line.model_quantity_purchased ?? 0,
    // Bundle deals report a discounted price of 0 (not broken down per line): fall back to the original.
    unitPrice: Math.round(line.model_discounted_price || line.model_original_price || 0),
  }));
  return {
    externalId: detail.order_sn,
    platformStatus: detail.order_status,
    state: shopeeOrderState(detail.order_status),
    createdAt: new Date(detail.create_time * 1000),
    updatedAt: new Date(detail.update_time * 1000),
    buyerName: detail.buyer_username || null,
    // Shopee sends total_amount only once the buyer has paid; until then the lines are all there is.
    total: detail.total_amount !== undefined ? Math.round(detail.total_amount) : lines.reduce((sum, line) => sum + line.unitPrice * line.quantity, 0),
    lines,
  };
}
