/**
 * Shopee's orders as ours: the order_sn updated in a time range (get_order_list, in windows Shopee
 * accepts), then their details (get_order_detail) mapped.
 */
import { ok, permanent, type AdapterResult, type ExternalOrder, type FetchedOrders } from '../channel-adapter.js';
import { shopeeErrorWord, type ShopeeCall } from './shopee.client.js';
import { mapShopeeOrder, type ShopeeOrderDetail } from './shopee.orders.js';

const ORDER_LIST_PATH = '/api/v2/order/get_order_list';
const ORDER_DETAIL_PATH = '/api/v2/order/get_order_detail';
/** get_order_list refuses a range longer than 15 days. */
const ORDER_WINDOW_S = 15 * 86400;
/** get_order_detail takes at most 50 ids. */
const BATCH = 50;

export async function fetchShopeeOrders(call: ShopeeCall, since: Date, until: Date): Promise<AdapterResult<FetchedOrders>> {
  const orderSns = new Set<string>();
  const to = Math.floor(until.getTime() / 1000);
  for (let start = Math.floor(since.getTime() / 1000); start <= to; start += ORDER_WINDOW_S + 1) {
    const end = Math.min(to, start + ORDER_WINDOW_S);
    let cursor = '';
    for (;;) {
      const page = await call<{ more?: boolean; next_cursor?: string; order_list?: Array<{ order_sn?: string }> }>({
        method: 'GET',
        path: ORDER_LIST_PATH,
        api: 'shop',
        query: { time_range_field: 'update_time', time_from: start, time_to: end, page_size: 100, cursor },
      });
      if (!page.ok) return page;
      for (const entry of page.value.response?.order_list ?? []) if (entry.order_sn) orderSns.add(entry.order_sn);
      if (!page.value.response?.more) break;
      const next = page.value.response.next_cursor ?? '';
      if (!next || next === cursor) return permanent('bad_response', 'Shopee said more orders follow but gave no new next_cursor.');
      cursor = next;
    }
  }
  const list = [...orderSns];
  const orders: ExternalOrder[] = [];
  for (let index = 0; index < list.length; index += BATCH) {
    const details = await orderDetails(call, list.slice(index, index + BATCH));
    if (!details.ok) return details;
    orders.push(...details.value.map(mapShopeeOrder));
  }
  return ok({ orders });
}

export async function fetchShopeeOrder(call: ShopeeCall, orderSn: string): Promise<AdapterResult<ExternalOrder | null>> {
  if (!orderSn || orderSn.includes(',')) return ok(null);
  const details = await orderDetails(call, [orderSn]);
  if (!details.ok) return details;
  const detail = details.value.find((entry) => entry.order_sn === orderSn);
  return ok(detail ? mapShopeeOrder(detail) : null);
}

async function orderDetails(call: ShopeeCall, orderSns: string[]): Promise<AdapterResult<ShopeeOrderDetail[]>> {
  const result = await call<{ order_list?: ShopeeOrderDetail[] }>({
    method: 'GET',
    path: ORDER_DETAIL_PATH,
    api: 'shop',
    query: { order_sn_list: orderSns.join(','), response_optional_fields: 'buyer_username,item_list,total_amount' },
  });
  if (!result.ok) return shopeeErrorWord(result.code) === 'error_not_found' ? ok([]) : result;
  return ok(result.value.response?.order_list ?? []);
}
