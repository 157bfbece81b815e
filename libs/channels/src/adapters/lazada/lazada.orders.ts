import type { ExternalOrder } from '../channel-adapter.js';

/** The part of a GetOrders / GetOrder `data` entry we read. Lazada sends money as decimal strings. */
export interface LazadaOrder {
  order_id: string | number;
  created_at: string;
  updated_at: string;
  /** The items' own statuses, each once. */
  statuses?: string[];
  customer_first_name?: string;
  customer_last_name?: string;
  /** The items' total before vouchers and shipping. */
  price?: string | number;
}

/** One entry of GetOrderItems: Lazada lists every unit as its own item, so there is no quantity. */
export interface LazadaOrderItem {
  order_item_id?: string | number;
  order_id?: string | number;
  name?: string;
  /** The seller SKU. */
  sku?: string;
  status?: string;
  /** The unit's selling price (the special price when one applies), before vouchers. */
  item_price?: string | number;
  /** What the buyer paid for the unit after vouchers, some of which Lazada funds. */
  paid_price?: string | number;
}

/**
 * What one item status means for our stock. Payment is per order, so an order's items are all
 * unpaid or all past payment. Judgement calls:
 * - Everything between payment and delivery holds the stock, including `failed`, `failed_delivery`
 *   and the `shipped_back*` family: the goods left the shop and are not back yet, and a return is
 *   settled by hand (as on Shopee). `lost` and `damaged_by_3pl` keep it too: those units are gone.
 * - `returned` is a return after delivery: the sale happened, the goods come back later; it stays
 *   paid rather than completed so the seller decides what returns to the shelf.
 * - Anything unknown is unpaid, which holds no stock: a new word should not silently take goods off
 *   sale.
 */
export function lazadaItemState(status: string): ExternalOrder['state'] {
  switch (status) {
    case 'unpaid':
      return 'unpaid';
    case 'pending':
    case 'topack':
    case 'packed':
    case 'repacked':
    case 'toship':
    case 'ready_to_ship':
    case 'ready_to_ship_pending':
    case 'failed':
    case 'failed_delivery':
    case 'shipped_back':
    case 'shipped_back_success':
    case 'shipped_back_failed':
    case 'returned':
    case 'lost':
    case 'lost_by_3pl':
    case 'damaged_by_3pl':
    case 'package_scrapped':
      return 'paid';
    case 'shipping':
    case 'shipped':
      return 'shipped';
    case 'canceled':
      return 'cancelled';
    case 'delivered':
    case 'confirmed':
      return 'completed';
    default:
      return 'unpaid';
  }
}

/**
 * One state for the whole order from its items' statuses. Cancelled only when every item is; a
 * partly cancelled order is judged by what is left. Any item not yet handed to the carrier keeps the order
 * paid; shipped once every remaining item has left; completed only when every one is delivered.
 */
export function lazadaOrderState(statuses: string[]): ExternalOrder['state'] {
  const remaining = statuses.map(lazadaItemState).filter((state) => state !== 'cancelled');
  if (statuses.length > 0 && remaining.length === 0) return 'cancelled';
  if (remaining.includes('paid')) return 'paid';
  if (remaining.length > 0 && remaining.every((state) => state === 'completed')) return 'completed';
  if (remaining.length > 0 && remaining.every((state) => state === 'shipped' || state === 'completed')) return 'shipped';
  return 'unpaid';
}

/**
 * An order with its items. The order's `statuses` is not trusted alone (it is a summary the list
 * call may build before the items settle): the items' own statuses decide. Cancelled units of a
 * partly cancelled order are left out of the lines, so they take no stock; units of the same SKU
 * at the same price become one line.
 */
export function mapLazadaOrder(order: LazadaOrder, items: LazadaOrderItem[]): ExternalOrder {
  const itemStatuses = items.map((item) => item.status ?? '').filter(Boolean);
  const statuses = itemStatuses.length > 0 ? itemStatuses : (order.statuses ?? []);
  const state = lazadaOrderState(statuses);
  const kept = state === 'cancelled' ? items : items.filter((item) => item.status !== 'canceled');
  const lines: ExternalOrder['lines'] = [];
  for (const item of kept) {
    const sku = item.sku ?? '';
    const unitPrice = Math.round(Number(item.item_price ?? 0) || 0);
    const line = lines.find((entry) => entry.sku === sku && entry.unitPrice === unitPrice);
    if (line) line.quantity += 1;
    else lines.push({ sku, name: item.name ?? '', quantity: 1, unitPrice });
  }
  const buyerName = [order.customer_first_name, order.customer_last_name]
    .map((part) => part?.trim())
    .filter(Boolean)
    .join(' ');
  const price = Number(order.price);
  return {
    externalId: String(order.order_id),
    platformStatus: [...new Set(statuses)].join(','),
    state,
    createdAt: new Date(order.created_at),
    updatedAt: new Date(order.updated_at),
    buyerName: buyerName || null,
    total: Number.isFinite(price) ? Math.round(price) : lines.reduce((sum, line) => sum + line.unitPrice * line.quantity, 0),
    lines,
  };
}
