import type { PlatformCategory } from '../channel-adapter.js';

/**
 * Our categories → Shopee Vietnam leaf categories under "Thực phẩm và đồ uống" / "Sắc đẹp" /
 * "Nhà cửa & Đời sống". The ids follow Shopee's global v2 tree as published by third-party
 * exports, not a live `get_category` call (not reachable from here): a shop whose tree differs
 * overrides any entry in its connection's `settings.categories`. Categories with no sensible leaf
 * (rural tourism is a service) are left out on purpose: such a product fails with a clear message.
 */
export const SHOPEE_CATEGORIES: Record<string, PlatformCategory> = {
  'fresh-produce': { categoryId: 100786 },
  'fresh-fruit': { categoryId: 100786 },
  vegetables: { categoryId: 100787 },
  coconut: { categoryId: 100786 },
  'rice-grains': { categoryId: 100870 },
  seafood: { categoryId: 100784 },
  'fish-sauce': { categoryId: 100875 },
  'dried-seafood': { categoryId: 100784 },
  'processed-foods': { categoryId: 100880 },
  'rice-paper': { categoryId: 100881 },
  'cured-meat': { categoryId: 100783 },
  sweets: { categoryId: 100865 },
  spices: { categoryId: 100875 },
  beverages: { categoryId: 100858 },
  'wine-spirits': { categoryId: 100861 },
  'tea-coffee': { categoryId: 100859 },
  herbal: { categoryId: 100888 },
  'essential-oils': { categoryId: 100664 },
  honey: { categoryId: 100876 },
  textiles: { categoryId: 100017 },
  handicrafts: { categoryId: 100714 },
};
