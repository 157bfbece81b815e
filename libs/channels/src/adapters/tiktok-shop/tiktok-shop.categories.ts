import type { PlatformCategory } from '../channel-adapter.js';

/**
 * Our categories → TikTok Shop Vietnam leaf categories (the 3-level `v1` tree every non-US shop
 * uses) under "Food & Beverages", "Beauty & Personal Care", "Home Supplies" and "Textiles & Soft
 * Furnishings". The ids are a best reading of that tree, NOT checked against a live
 * `GET /product/202309/categories` call for a VN shop (not reachable from here) nor against a
 * published VN export (none was found): treat them as defaults to confirm. TikTok also opens
 * categories per shop (a shop may only sell in its main category), so a shop whose tree or
 * permissions differ overrides any entry in its connection's `settings.categories`, with the
 * category's mandatory attributes. Categories with no sensible leaf (rural tourism is a service)
 * are left out on purpose: such a product fails with a clear message.
 */
export const TIKTOK_SHOP_CATEGORIES: Record<string, PlatformCategory> = {
  'fresh-produce': { categoryId: 914440 },
  'fresh-fruit': { categoryId: 914440 },
  vegetables: { categoryId: 914568 },
  coconut: { categoryId: 914440 },
  'rice-grains': { categoryId: 700645 },
  seafood: { categoryId: 914696 },
  'fish-sauce': { categoryId: 700773 },
  'dried-seafood': { categoryId: 700901 },
  'processed-foods': { categoryId: 701029 },
  'rice-paper': { categoryId: 701157 },
  'cured-meat': { categoryId: 914824 },
  sweets: { categoryId: 701285 },
  spices: { categoryId: 700773 },
  beverages: { categoryId: 914184 },
  'wine-spirits': { categoryId: 914312 },
  'tea-coffee': { categoryId: 914056 },
  herbal: { categoryId: 702181 },
  'essential-oils': { categoryId: 601450 },
  honey: { categoryId: 701413 },
  textiles: { categoryId: 604206 },
  handicrafts: { categoryId: 600942 },
};
