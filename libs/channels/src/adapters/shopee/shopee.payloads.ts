/**
 * The JSON bodies of Shopee's product calls, from a listing. Pure, so the shapes can be read and
 * checked without a server.
 */
import type { ChannelSettings, DesiredListing } from '../channel-adapter.js';

/** The usual per-item image limit (the exact one is per category, from get_item_limit). */
export const MAX_IMAGES = 9;

/** The fields add_item and update_item share. */
export function itemFields(listing: DesiredListing, imageIdList: string[], settings: ChannelSettings): Record<string, unknown> {
  const attributes = new Map<number, Array<{ value_id: number; original_value_name?: string }>>();
  for (const attribute of listing.category.attributes ?? []) {
    const values = attributes.get(attribute.attributeId) ?? [];
    values.push({ value_id: attribute.valueId, ...(attribute.valueName ? { original_value_name: attribute.valueName } : {}) });
    attributes.set(attribute.attributeId, values);
  }
  return {
    item_name: listing.name,
    description: listing.description,
    weight: listing.weightGrams / 1000,
    category_id: listing.category.categoryId,
    ...(attributes.size > 0 ? { attribute_list: [...attributes].map(([attribute_id, attribute_value_list]) => ({ attribute_id, attribute_value_list })) } : {}),
    image: { image_id_list: imageIdList },
    ...(settings.logisticIds?.length ? { logistic_info: settings.logisticIds.map((logistic_id) => ({ logistic_id, enabled: true })) } : {}),
    item_sku: listing.sku,
    condition: 'NEW',
  };
}

/** add_item: the shared fields with the listing's price and stock, on sale at once. */
export function addItemBody(listing: DesiredListing, imageIdList: string[], settings: ChannelSettings): Record<string, unknown> {
  return {
    ...itemFields(listing, imageIdList, settings),
    original_price: listing.price,
    seller_stock: [sellerStock(listing.stock, settings)],
    item_status: 'NORMAL',
  };
}

export function priceBody(itemId: number, price: number): Record<string, unknown> {
  return { item_id: itemId, price_list: [{ original_price: price }] };
}

export function stockBody(itemId: number, stock: number, settings: ChannelSettings): Record<string, unknown> {
  return { item_id: itemId, stock_list: [{ seller_stock: [sellerStock(stock, settings)] }] };
}

function sellerStock(stock: number, settings: ChannelSettings): { location_id?: string; stock: number } {
  return { ...(settings.warehouseId ? { location_id: settings.warehouseId } : {}), stock };
}
