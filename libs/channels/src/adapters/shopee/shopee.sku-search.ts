/**
 * The Shopee item that carries our SKU (Shopee's item_sku), for a publish whose earlier attempt may
 * have created it and lost its item_id.
 */
import { ok, permanent, type AdapterResult } from '../channel-adapter.js';
import { preferredItem } from '../publish-target.js';
import { shopeeErrorWord, type ShopeeCall } from './shopee.client.js';

const SEARCH_ITEM_PATH = '/api/v2/product/search_item';
const ITEM_BASE_INFO_PATH = '/api/v2/product/get_item_base_info';
/** get_item_base_info takes at most 50 ids. */
const BATCH = 50;
const MAX_SEARCH_PAGES = 20;
/** Statuses where an item with our SKU still exists and can be taken over. */
const LIVE_STATUSES = ['NORMAL', 'UNLIST', 'REVIEWING', 'BANNED'];

interface ItemBaseInfo {
  item_id: number;
  item_sku?: string;
  item_status?: string;
}

/** search_item does not say whether it matches exactly, so each hit is checked. */
export async function findShopeeItemBySku(call: ShopeeCall, sku: string): Promise<AdapterResult<number | null>> {
  const ids = new Set<number>();
  let offset = '';
  for (let page = 0; page < MAX_SEARCH_PAGES; page++) {
    const result = await call<{ item_id_list?: number[]; next_offset?: string }>({
      method: 'GET',
      path: SEARCH_ITEM_PATH,
      api: 'shop',
      query: { page_size: 100, item_sku: sku, item_status: LIVE_STATUSES, ...(offset ? { offset } : {}) },
    });
    if (!result.ok) return result;
    const list = result.value.response?.item_id_list ?? [];
    for (const id of list) ids.add(id);
    offset = result.value.response?.next_offset ?? '';
    if (!offset || list.length === 0) break;
  }
  const idList = [...ids];
  const matches: Array<{ status: string; id: string }> = [];
  for (let index = 0; index < idList.length; index += BATCH) {
    const result = await call<{ item_list?: ItemBaseInfo[] }>({
      method: 'GET',
      path: ITEM_BASE_INFO_PATH,
      api: 'shop',
      query: { item_id_list: idList.slice(index, index + BATCH).join(',') },
    });
    if (!result.ok) {
      if (shopeeErrorWord(result.code) === 'error_item_not_found') continue;
      return result;
    }
    for (const item of result.value.response?.item_list ?? [])
      if (item.item_sku === sku) matches.push({ status: item.item_status ?? '', id: String(item.item_id) });
  }
  const chosen = preferredItem(matches, LIVE_STATUSES);
  if (chosen?.status === 'BANNED')
    return permanent('item_banned', `Shopee has banned item ${chosen.id} with SKU ${sku}; resolve it in Shopee Seller Centre before publishing again.`);
  return ok(chosen && Number(chosen.id));
}
