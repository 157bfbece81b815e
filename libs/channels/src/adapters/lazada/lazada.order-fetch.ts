/** Lazada's orders as ours: each order with its items, whose own statuses decide the order's state. */
import { ok, retryable, type AdapterResult, type ExternalOrder, type FetchedOrders } from '../channel-adapter.js';
import type { LazadaCall } from './lazada.client.js';
import { mapLazadaOrder, type LazadaOrder, type LazadaOrderItem } from './lazada.orders.js';

const PATH = {
  orders: '/orders/get',
  order: '/order/get',
  orderItems: '/order/items/get',
  ordersItems: '/orders/items/get',
} as const;

/** GetOrders returns at most 100 orders a page. */
const ORDER_PAGE = 100;
/** GetMultipleOrderItems takes at most 50 order ids. */
const ORDER_ITEMS_BATCH = 50;
/** GetOrder / GetOrderItems for an order this seller does not have. */
const INVALID_ORDER = '16';

/**
 * GetOrders by update time, oldest first, every page; then the items of 50 orders per call.
 * Offset paging can skip an order that is updated while the pages are read (it leaves the
 * window); its new update time falls in the next poll, which starts before this one's end.
 */
export async function fetchLazadaOrders(call: LazadaCall, since: Date, until: Date): Promise<AdapterResult<FetchedOrders>> {
  const found = new Map<string, LazadaOrder>();
  const window = {
    update_after: isoSeconds(since, 'floor'),
    update_before: isoSeconds(until, 'ceil'),
    sort_by: 'updated_at',
    sort_direction: 'ASC',
    limit: String(ORDER_PAGE),
  };
  for (let offset = 0; ; offset += ORDER_PAGE) {
    const page = await call<{ orders?: LazadaOrder[] }>({
      method: 'GET',
      path: PATH.orders,
      host: 'api',
      params: { ...window, offset: String(offset) },
    });
    if (!page.ok) return page;
    const list = page.value.data?.orders ?? [];
    const before = found.size;
    for (const order of list) found.set(String(order.order_id), order);
    // A short page ends the list; a page of nothing new means Lazada is repeating itself.
    if (list.length < ORDER_PAGE || found.size === before) break;
  }
  const ids = [...found.keys()];
  const orders: ExternalOrder[] = [];
  for (let index = 0; index < ids.length; index += ORDER_ITEMS_BATCH) {
    const batch = ids.slice(index, index + ORDER_ITEMS_BATCH);
    const result = await call<Array<{ order_id?: number | string; order_items?: LazadaOrderItem[] }>>({
      method: 'GET',
      path: PATH.ordersItems,
      host: 'api',
      params: { order_ids: `[${batch.join(',')}]` },
    });
    if (!result.ok) return result;
    const itemsByOrder = new Map((result.value.data ?? []).map((entry) => [String(entry.order_id), entry.order_items ?? []]));
    for (const id of batch) {
      const items = itemsByOrder.get(id);
      if (!items) return retryable('order_items_missing', `Lazada listed order ${id} but returned none of its items.`);
      orders.push(mapLazadaOrder(found.get(id)!, items));
    }
  }
  return ok({ orders });
}

/** GetOrder then GetOrderItems, the flow Lazada recommends for a pushed order. */
export async function fetchLazadaOrder(call: LazadaCall, orderId: string): Promise<AdapterResult<ExternalOrder | null>> {
  if (!/^\d{1,20}$/.test(orderId)) return ok(null);
  const order = await call<LazadaOrder>({ method: 'GET', path: PATH.order, host: 'api', params: { order_id: orderId } });
  if (!order.ok) return order.code === INVALID_ORDER ? ok(null) : order;
  if (!order.value.data) return ok(null);
  const items = await call<LazadaOrderItem[]>({ method: 'GET', path: PATH.orderItems, host: 'api', params: { order_id: orderId } });
  if (!items.ok) return items;
  return ok(mapLazadaOrder(order.value.data, items.value.data ?? []));
}

/** GetOrders wants `YYYY-MM-DDTHH:mm:ss±HH:MM`, without milliseconds. */
function isoSeconds(date: Date, round: 'floor' | 'ceil'): string {
  const seconds = round === 'floor' ? Math.floor(date.getTime() / 1000) : Math.ceil(date.getTime() / 1000);
  return `${new Date(seconds * 1000).toISOString().slice(0, 19)}+00:00`;
}
