import type { Order, OrderLine } from './order.entities.js';

/**
 * The rows that place orders, as one statement: the orders, their lines, a held stock reservation
 * per line and each order's first status change. `OrderWriter` runs it after taking the stock;
 * bench/checkout.mjs runs the same text from the build, so its ceiling writes what the app writes
 * (this file imports types only, so the bench loads nothing else).
 */

/** An order to place, its id already chosen: its lines and its first status change are keyed by it. */
export interface OrderToPlace extends Pick<
  Order,
  | 'id'
  | 'checkoutId'
  | 'cooperativeId'
  | 'buyerId'
  | 'channel'
  | 'externalReference'
  | 'externalBuyerName'
  | 'status'
  | 'itemsTotal'
  | 'shippingFee'
  | 'shippingCarrier'
  | 'shippingEstimatedDeliveryDate'
  | 'shippingFallback'
  | 'weightGrams'
  | 'paymentDueAt'
  | 'position'
> {
  /** Who placed it, the actor of its first status change; null when the system did (a marketplace's order). */
  placedBy: string | null;
  /** The note on its first status change. */
  note: string | null;
  /** As bought; each takes the position it has here. */
  lines: LineToPlace[];
}

/** Priced and named as at order time. */
export type LineToPlace = Omit<OrderLine, 'id' | 'orderId' | 'position'>;

/**
 * Parameters: one array per column (`placeOrdersParameters`). A sub-statement's foreign keys are
 * checked when the whole statement ends, so the lines, reservations and status changes may refer
 * to orders inserted beside them. Returns each order's id with the timestamps the database gave it.
 */
export const PLACE_ORDERS = `
  WITH placed AS (
    INSERT INTO orders (id, checkout_id, cooperative_id, buyer_id, channel, external_reference, external_buyer_name, status, items_total, shipping_fee, total, weight_grams, payment_due_at, position, shipping_carrier, shipping_estimated_delivery_date, shipping_fallback)
    SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[], $9::bigint[], $10::bigint[], $11::bigint[], $12::int[], $13::timestamptz[], $14::int[], $27::text[], $28::date[], $29::boolean[])
    RETURNING id, created_at, updated_at
  ), first_status AS (
    INSERT INTO order_status_changes (order_id, from_status, to_status, note, actor_user_id)
    SELECT order_id, NULL, to_status, note, actor FROM unnest($1::uuid[], $8::text[], $15::text[], $16::uuid[]) AS s(order_id, to_status, note, actor)
  ), lines AS (
    INSERT INTO order_lines (order_id, variant_id, product_id, product_name, variant_name, sku, unit_price, quantity, line_total, position)
    SELECT * FROM unnest($17::uuid[], $18::uuid[], $19::uuid[], $20::text[], $21::text[], $22::text[], $23::bigint[], $24::int[], $25::bigint[], $26::int[])
  ), held AS (
    INSERT INTO stock_reservations (order_id, variant_id, quantity, status)
    SELECT order_id, variant_id, quantity, 'held' FROM unnest($17::uuid[], $18::uuid[], $24::int[]) AS r(order_id, variant_id, quantity)
  )
  SELECT id, created_at, updated_at FROM placed`;

export function placeOrdersParameters(orders: OrderToPlace[]): unknown[] {
  const lines = orders.flatMap((order) => order.lines.map((line, position) => ({ ...line, orderId: order.id, position })));
  return [
    orders.map((o) => o.id),
    orders.map((o) => o.checkoutId),
    orders.map((o) => o.cooperativeId),
    orders.map((o) => o.buyerId),
    orders.map((o) => o.channel),
    orders.map((o) => o.externalReference),
    orders.map((o) => o.externalBuyerName),
    orders.map((o) => o.status),
    orders.map((o) => o.itemsTotal),
    orders.map((o) => o.shippingFee),
    orders.map((o) => o.itemsTotal + o.shippingFee),
    orders.map((o) => o.weightGrams),
    orders.map((o) => o.paymentDueAt),
    orders.map((o) => o.position),
    orders.map((o) => o.note),
    orders.map((o) => o.placedBy),
    lines.map((l) => l.orderId),
    lines.map((l) => l.variantId),
    lines.map((l) => l.productId),
    lines.map((l) => l.productName),
    lines.map((l) => l.variantName),
    lines.map((l) => l.sku),
    lines.map((l) => l.unitPrice),
    lines.map((l) => l.quantity),
    lines.map((l) => l.lineTotal),
    lines.map((l) => l.position),
    orders.map((o) => o.shippingCarrier),
    orders.map((o) => o.shippingEstimatedDeliveryDate),
    orders.map((o) => o.shippingFallback),
  ];
}
