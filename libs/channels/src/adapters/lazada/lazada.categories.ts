import type { PlatformCategory } from '../channel-adapter.js';

/**
 * Our categories → Lazada Vietnam leaf categories under "Bách hóa Online" (groceries), "Sức khỏe &
 * Làm đẹp" and "Nhà cửa & Đời sống". CAVEAT: no copy of Lazada VN's category tree was reachable
 * from here (`/category/tree/get` needs a live seller token), so these ids are unverified
 * placeholders in Lazada's numbering, not read from the tree. Check them against
 * `/category/tree/get` for the shop before going live; a shop whose tree differs overrides any
 * entry in its connection's `settings.categories`. Lazada keys category attributes by name, so an
 * entry here carries none. Categories with no sensible leaf (rural tourism is a service) are left
 * out on purpose: such a product fails with a clear message.
 */
export const LAZADA_CATEGORIES: Record<string, PlatformCategory> = {
  'fresh-produce': { categoryId: 10000330 },
  'fresh-fruit': { categoryId: 10000330 },
  vegetables: { categoryId: 10000331 },
  coconut: { categoryId: 10000330 },
  'rice-grains': { categoryId: 10000351 },
  seafood: { categoryId: 10000336 },
  'fish-sauce': { categoryId: 10000358 },
  'dried-seafood': { categoryId: 10000337 },
  'processed-foods': { categoryId: 10000362 },
  'rice-paper': { categoryId: 10000353 },
  'cured-meat': { categoryId: 10000334 },
  sweets: { categoryId: 10000366 },
  spices: { categoryId: 10000359 },
  beverages: { categoryId: 10000343 },
  'wine-spirits': { categoryId: 10000347 },
  'tea-coffee': { categoryId: 10000345 },
  herbal: { categoryId: 10000546 },
  'essential-oils': { categoryId: 10000598 },
  honey: { categoryId: 10000361 },
  textiles: { categoryId: 10000713 },
  handicrafts: { categoryId: 10000742 },
};
