/**
 * The Lazada item and SKU that carry our SKU (Lazada's SellerSku), for a publish whose earlier
 * attempt may have created it and lost its ids, or whose create Lazada refused as a repeat.
 */
import { ok, type AdapterResult } from '../channel-adapter.js';
import { preferredItem } from '../publish-target.js';
import type { LazadaCall } from './lazada.client.js';
import type { LazadaSkuRef } from './lazada.payloads.js';

const PRODUCTS_PATH = '/products/get';
/** GetProducts' largest page; a SKU list of one matches a handful of items at most. */
const SKU_SEARCH_LIMIT = 50;
/** GetProducts item statuses, best first, for taking over an item carrying our SKU. */
const ADOPTABLE_STATUSES = ['Active', 'InActive', 'Pending QC', 'Suspended'];

interface LazadaProduct {
  item_id?: number | string;
  status?: string;
  skus?: Array<{ SkuId?: number | string; SellerSku?: string; Status?: string }>;
}

/**
 * GetProducts filtered by SellerSku (whole-word match, as documented) across every status but
 * deleted; each hit's SKU is still compared, and the best-placed item is taken over.
 */
export async function findLazadaItemBySku(call: LazadaCall, sku: string): Promise<AdapterResult<LazadaSkuRef | null>> {
  const result = await call<{ products?: LazadaProduct[] }>({
    method: 'GET',
    path: PRODUCTS_PATH,
    host: 'api',
    params: { filter: 'all', sku_seller_list: JSON.stringify([sku]), limit: String(SKU_SEARCH_LIMIT), offset: '0' },
  });
  if (!result.ok) return result;
  const matches: Array<{ status: string; id: string; skuId: string }> = [];
  for (const product of result.value.data?.products ?? []) {
    const match = product.skus?.find((entry) => entry.SellerSku === sku && entry.Status !== 'deleted');
    if (match && product.item_id !== undefined && match.SkuId !== undefined)
      matches.push({ status: product.status ?? '', id: String(product.item_id), skuId: String(match.SkuId) });
  }
  const chosen = preferredItem(matches, ADOPTABLE_STATUSES);
  return ok(chosen && { itemId: chosen.id, skuId: chosen.skuId });
}
