import type { DesiredListing } from '../channel-adapter.js';

/**
 * The JSON payloads of Lazada's product calls (`create-a-product.md`, `update-a-product.md` and
 * `json-format-demo.md` in lazykern/ecommerce-api-docs data/processed/lazada). Lazada takes them as
 * one string parameter (`payload`, or `apiRequestBody` for deactivate); list fields must be arrays
 * even with one entry. Numbers go as strings, as every documented example sends them.
 */

/** One listing is one SKU of one Lazada item; both ids are needed to change it. */
export interface LazadaSkuRef {
  itemId: string;
  skuId: string;
}

export interface PriceQuantityUpdate extends LazadaSkuRef {
  /** Whole đồng. */
  price?: number;
  quantity?: number;
}

/** UpdatePriceQuantity takes at most 50 SKUs per call (20 recommended, but 50 is the documented limit). */
export const PRICE_QUANTITY_BATCH = 50;
/** Product images per item. */
export const MAX_IMAGES = 8;

export function productCreatePayload(listing: DesiredListing, imageUrls: string[]): string {
  return JSON.stringify({
    Request: {
      Product: {
        PrimaryCategory: String(listing.category.categoryId),
        Images: { Image: imageUrls },
        Attributes: attributes(listing),
        Skus: {
          Sku: [{ SellerSku: listing.sku, quantity: String(listing.stock), price: String(listing.price), ...packageFields(listing.weightGrams) }],
        },
      },
    },
  });
}

/**
 * Everything but price and stock, which the engine sends on their own. The SKU is marked active:
 * publishing means on sale, and this puts an item deactivated earlier back without another call.
 * SellerSku is not sent: Lazada does not let UpdateProduct change it.
 */
export function productUpdatePayload(ref: LazadaSkuRef, listing: DesiredListing, imageUrls: string[]): string {
  return JSON.stringify({
    Request: {
      Product: {
        ItemId: ref.itemId,
        PrimaryCategory: String(listing.category.categoryId),
        Images: { Image: imageUrls },
        Attributes: attributes(listing),
        Skus: { Sku: [{ SkuId: ref.skuId, ...packageFields(listing.weightGrams), Status: 'active' }] },
      },
    },
  });
}

/** One payload per 50 SKUs; each SKU carries only the fields that change. */
export function priceQuantityPayloads(updates: PriceQuantityUpdate[]): string[] {
  const payloads: string[] = [];
  for (let start = 0; start < updates.length; start += PRICE_QUANTITY_BATCH) {
    const skus = updates.slice(start, start + PRICE_QUANTITY_BATCH).map((update) => ({
      ItemId: update.itemId,
      SkuId: update.skuId,
      ...(update.price !== undefined ? { Price: String(update.price) } : {}),
      ...(update.quantity !== undefined ? { Quantity: String(update.quantity) } : {}),
    }));
    payloads.push(JSON.stringify({ Request: { Product: { Skus: { Sku: skus } } } }));
  }
  return payloads;
}

/** Only our SKU goes off sale: an item adopted from the seller may have others. */
export function deactivatePayload(ref: LazadaSkuRef): string {
  return JSON.stringify({ Request: { Product: { ItemId: Number(ref.itemId), Skus: { SkuId: [Number(ref.skuId)] } } } });
}

function attributes(listing: DesiredListing): Record<string, string> {
  // Cooperatives sell under their own name, not a registered brand; "No Brand" is Lazada's word for that.
  return { name: listing.name, description: descriptionHtml(listing.description), brand: 'No Brand' };
}

/** Lazada renders the description as HTML: ours is plain text, so it is escaped and its paragraphs kept. */
export function descriptionHtml(text: string): string {
  const escape = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return text
    .trim()
    .split(/\n\s*\n/)
    .map((paragraph) => `<p>${escape(paragraph.trim()).replace(/\n/g, '<br/>')}</p>`)
    .join('');
}

/**
 * Weight in kg and the three package sides in cm, each with at most two decimals (all four are
 * mandatory). We keep no dimensions, so the box is a cube whose volumetric weight at the usual
 * carrier divisor (L×W×H / 6000) does not exceed the real weight: the shipping fee stays set by
 * the weight the seller entered.
 */
export function packageFields(weightGrams: number): Record<'package_weight' | 'package_length' | 'package_width' | 'package_height', string> {
  const kg = Math.max(0.01, Math.round(weightGrams / 10) / 100);
  const side = String(Math.max(1, Math.floor(Math.cbrt(kg * 6000) * 100) / 100));
  return { package_weight: String(kg), package_length: side, package_width: side, package_height: side };
}
