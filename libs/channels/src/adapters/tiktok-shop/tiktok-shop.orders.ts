import type { ExternalOrder } from '../channel-adapter.js';

/**
 * The part of an order we read, as Get Order List (`/order/202309/orders/search`) and Get Order
 * Detail return it: amounts are decimal strings in the shop's currency, times are unix seconds.
 */
export interface TikTokOrder {
  id: string;
  status: string;
  create_time: number;
  update_time: number;
  payment?: { currency?: string; total_amount?: string; sub_total?: string };
  /** Not returned while the order is UNPAID or ON_HOLD. */
  recipient_address?: { name?: string };
  /** One entry per unit sold: the resource has no quantity field. */
  line_items?: Array<{
    sku_id?: string;
    seller_sku?: string;
    product_name?: string;
    sku_name?: string;
    original_price?: string;
    sale_price?: string;
  }>;
}

/**
 * What a TikTok Shop order status means for our stock. Every status after payment holds stock until
 * the order ends. Two are judgement calls:
 * - ON_HOLD: paid, but the buyer may still cancel without the seller's approval for a short while.
 *   The goods are promised, so it counts as paid; a cancellation comes back as CANCELLED.
 * - DELIVERED: the buyer has the goods but may still return them; TikTok closes the order as
 *   COMPLETED once no return or refund is possible, and only that is completed here.
 * The webhook guide spells the cancelled state CANCEL while the order API says CANCELLED; both mean
 * cancelled. Anything unknown is recorded as unpaid, which holds no stock: a new word should not
 * silently take goods off sale.
 */
export function tiktokOrderState(status: string): ExternalOrder['state'] {
  switch (status) {
    case 'UNPAID':
      return 'unpaid';
    case 'ON_HOLD':
    case 'AWAITING_SHIPMENT':
    case 'PARTIALLY_SHIPPING':
    case 'AWAITING_COLLECTION':
      return 'paid';
    case 'IN_TRANSIT':
    case 'DELIVERED':
      return 'shipped';
    case 'CANCELLED':
    case 'CANCEL':
      return 'cancelled';
    case 'COMPLETED':
      return 'completed';
    default:
      return 'unpaid';
  }
}

/** Whole đồng from TikTok's decimal strings; NaN for anything that is not a number. */
function dong(amount: string | undefined): number {
  return amount === undefined || amount.trim() === '' ? Number.NaN : Math.round(Number(amount));
}

export function mapTikTokOrder(order: TikTokOrder): ExternalOrder {
  // Units of the same SKU at the same price become one line with a quantity.
  const grouped = new Map<string, ExternalOrder['lines'][number]>();
  for (const item of order.line_items ?? []) {
    const price = dong(item.sale_price);
    const unitPrice = Number.isFinite(price) ? price : Math.max(0, dong(item.original_price) || 0);
    const sku = item.seller_sku ?? '';
    const key = `${sku}\n${unitPrice}`;
    const line = grouped.get(key);
    if (line) line.quantity += 1;
    else grouped.set(key, { sku, name: item.sku_name ? `${item.product_name ?? ''} (${item.sku_name})` : (item.product_name ?? ''), quantity: 1, unitPrice });
  }
  const lines = [...grouped.values()];
  const total = dong(order.payment?.total_amount);
  return {
    externalId: order.id,
    platformStatus: order.status,
    state: tiktokOrderState(order.status),
    createdAt: new Date(order.create_time * 1000),
    updatedAt: new Date(order.update_time * 1000),
    buyerName: order.recipient_address?.name || null,
    total: Number.isFinite(total) ? total : lines.reduce((sum, line) => sum + line.unitPrice * line.quantity, 0),
    lines,
  };
}
