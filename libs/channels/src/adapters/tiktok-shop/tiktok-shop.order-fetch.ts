/** TikTok Shop's orders as ours, from Get Order List (by update time) and Get Order Detail (by id). */
import { ok, permanent, type AdapterResult, type ExternalOrder, type FetchedOrders } from '../channel-adapter.js';
import type { TikTokCall } from './tiktok-shop.client.js';
import { mapTikTokOrder, type TikTokOrder } from './tiktok-shop.orders.js';

const ORDER_SEARCH_PATH = '/order/202309/orders/search';
const ORDER_DETAIL_PATH = '/order/202309/orders';
/** The largest page Get Order List takes. */
const PAGE_SIZE = 100;

/**
 * Get Order List by update time, every page. Its 202309 answer carries each order whole (line
 * items, payment, recipient), so no Get Order Detail call is needed per batch.
 */
export async function fetchTikTokOrders(call: TikTokCall, since: Date, until: Date): Promise<AdapterResult<FetchedOrders>> {
  const orders = new Map<string, ExternalOrder>();
  let token = '';
  const seenTokens = new Set<string>();
  for (;;) {
    const page = await call<{ orders?: TikTokOrder[]; next_page_token?: string }>({
      method: 'POST',
      path: ORDER_SEARCH_PATH,
      shop: true,
      query: { page_size: PAGE_SIZE, sort_field: 'update_time', sort_order: 'ASC', ...(token ? { page_token: token } : {}) },
      // update_time_lt is exclusive: the second `until` falls in still counts.
      json: { update_time_ge: Math.floor(since.getTime() / 1000), update_time_lt: Math.floor(until.getTime() / 1000) + 1 },
    });
    if (!page.ok) return page;
    for (const order of page.value.orders ?? []) if (order?.id) orders.set(order.id, mapTikTokOrder(order));
    const next = page.value.next_page_token ?? '';
    if (!next) break;
    if (seenTokens.has(next)) return permanent('bad_response', 'TikTok Shop repeated a next_page_token while listing orders.');
    seenTokens.add(next);
    token = next;
  }
  return ok({ orders: [...orders.values()] });
}

export async function fetchTikTokOrder(call: TikTokCall, orderId: string): Promise<AdapterResult<ExternalOrder | null>> {
  if (!/^\d{1,30}$/.test(orderId)) return ok(null);
  const result = await call<{ orders?: TikTokOrder[] }>({
    method: 'GET',
    path: ORDER_DETAIL_PATH,
    shop: true,
    query: { ids: orderId },
  });
  if (!result.ok) return result;
  const order = result.value.orders?.find((candidate) => candidate?.id === orderId);
  return ok(order ? mapTikTokOrder(order) : null);
}
