/**
 * The TikTok Shop product and SKU that carry our SKU (TikTok's seller_sku), for a publish whose
 * earlier attempt may have created it and lost its ids.
 */
import { ok, type AdapterResult } from '../channel-adapter.js';
import { preferredItem } from '../publish-target.js';
import { productFrozen, type TikTokCall } from './tiktok-shop.client.js';
import type { ProductInfo, ProductRef } from './tiktok-shop.payloads.js';

const SEARCH_PRODUCTS_PATH = '/product/202502/products/search';
/** The largest page Search Products takes. */
const PAGE_SIZE = 100;
const MAX_SEARCH_PAGES = 20;
/** Statuses an existing product with our SKU can be taken over from, most useful first. */
const ADOPTABLE = ['ACTIVATE', 'SELLER_DEACTIVATED', 'PLATFORM_DEACTIVATED', 'PENDING', 'FAILED', 'DRAFT', 'FREEZE'];

/** Search Products by seller_sku; the filter's matching rule is not documented, so each hit's SKU is compared. */
export async function findTikTokProductBySku(call: TikTokCall, sku: string): Promise<AdapterResult<ProductRef | null>> {
  const hits: Array<{ status: string; id: string; skuId: string }> = [];
  let token = '';
  for (let page = 0; page < MAX_SEARCH_PAGES; page++) {
    const result = await call<{ products?: ProductInfo[]; next_page_token?: string }>({
      method: 'POST',
      path: SEARCH_PRODUCTS_PATH,
      shop: true,
      query: { page_size: PAGE_SIZE, ...(token ? { page_token: token } : {}) },
      json: { seller_skus: [sku] },
    });
    if (!result.ok) return result;
    for (const product of result.value.products ?? []) {
      for (const candidate of product.skus ?? []) {
        if (candidate.seller_sku === sku && candidate.id && product.id) hits.push({ status: product.status ?? '', id: product.id, skuId: candidate.id });
      }
    }
    const next = result.value.next_page_token ?? '';
    if (!next || next === token) break;
    token = next;
  }
  const chosen = preferredItem(hits, ADOPTABLE);
  if (chosen?.status === 'FREEZE') return productFrozen(chosen.id, sku);
  return ok(chosen && { productId: chosen.id, skuId: chosen.skuId });
}
