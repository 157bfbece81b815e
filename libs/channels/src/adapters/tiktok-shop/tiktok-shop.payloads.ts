/**
 * The JSON bodies of TikTok Shop's product calls, from a listing, and what TikTok Shop Vietnam asks
 * of a listing before it takes one. Pure, so the shapes can be read and checked without a server.
 */
import { permanent, type AdapterResult, type DesiredListing } from '../channel-adapter.js';
import { checkListingBasics } from '../listing-checks.js';

/** Main images per product (create-product doc). */
export const MAX_IMAGES = 9;
/** Inventory quantity limit per warehouse; a larger stock is offered as this much, never more than we have. */
const MAX_QUANTITY = 99_999;
/** Title length outside US/EU/JP/BR/MX, counted in characters. */
const TITLE_LENGTH = { min: 25, max: 255 };
const SELLER_SKU_MAX = 50;

/** Our externalId: TikTok prices and stocks a SKU, but activates and edits the product around it. */
export interface ProductRef {
  productId: string;
  skuId: string;
}

export interface SkuInfo {
  id?: string;
  seller_sku?: string;
}

export interface ProductInfo {
  id?: string;
  status?: string;
  category_chains?: Array<{ id?: string; is_leaf?: boolean }>;
  skus?: SkuInfo[];
}

export function formatExternalId(ref: ProductRef): string {
  return `${ref.productId}:${ref.skuId}`;
}

/** Title, description, images, weight and attributes: what Partial Edit changes, and Create and Edit send with the rest. */
function detailFields(listing: DesiredListing, uris: string[]): Record<string, unknown> {
  const attributes = new Map<string, Array<{ id: string } | { name: string }>>();
  for (const attribute of listing.category.attributes ?? []) {
    const values = attributes.get(String(attribute.attributeId)) ?? [];
    // A built-in value by id; a value of 0 with a name is the seller's own ("custom") value.
    values.push(attribute.valueId > 0 ? { id: String(attribute.valueId) } : { name: attribute.valueName ?? '' });
    attributes.set(String(attribute.attributeId), values);
  }
  return {
    title: listing.name,
    description: descriptionHtml(listing.description || listing.name),
    main_images: uris.map((uri) => ({ uri })),
    package_weight: { value: String(Math.round(listing.weightGrams) / 1000), unit: 'KILOGRAM' },
    ...(attributes.size > 0 ? { product_attributes: [...attributes].map(([id, values]) => ({ id, values })) } : {}),
  };
}

function productFields(listing: DesiredListing, uris: string[]): Record<string, unknown> {
  return { ...detailFields(listing, uris), category_id: String(listing.category.categoryId) };
}

/**
 * The edit that makes an existing product match the listing: Partial Edit when the category stays
 * (Partial Edit has no category_id), else Edit Product, which replaces the product but keeps a
 * SKU's price and inventory when they are left out, so those stay with updatePrice/updateStock.
 */
export function productEdit(product: ProductInfo, skuId: string, listing: DesiredListing, uris: string[]): { partial: boolean; json: Record<string, unknown> } {
  const chains = product.category_chains ?? [];
  const currentCategory = (chains.find((chain) => chain.is_leaf) ?? chains.at(-1))?.id;
  if (currentCategory === undefined || currentCategory === String(listing.category.categoryId)) return { partial: true, json: detailFields(listing, uris) };
  return { partial: false, json: { ...productFields(listing, uris), skus: [{ id: skuId, seller_sku: listing.sku }] } };
}

/** Create Product: the product with its one SKU, priced and stocked in the warehouse, listed at once. */
export function createProductBody(listing: DesiredListing, uris: string[], warehouseId: string): Record<string, unknown> {
  const sku = {
    seller_sku: listing.sku,
    price: { amount: String(listing.price), currency: 'VND' },
    inventory: [{ warehouse_id: warehouseId, quantity: Math.min(listing.stock, MAX_QUANTITY) }],
  };
  return { ...productFields(listing, uris), skus: [sku], save_mode: 'LISTING' };
}

export function priceBody(skuId: string, price: number): Record<string, unknown> {
  return { skus: [{ id: skuId, price: { amount: String(price), currency: 'VND' } }] };
}

/** The warehouse may be left out when the SKU has only one (update-inventory doc). */
export function inventoryBody(skuId: string, stock: number, warehouseId: string | undefined): Record<string, unknown> {
  return { skus: [{ id: skuId, inventory: [{ ...(warehouseId ? { warehouse_id: warehouseId } : {}), quantity: Math.min(stock, MAX_QUANTITY) }] }] };
}

/** TikTok takes the description as HTML: our plain text, escaped, a paragraph per blank-line block. */
function descriptionHtml(text: string): string {
  const escape = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
    .map((paragraph) => `<p>${escape(paragraph).replace(/\r?\n/g, '<br>')}</p>`)
    .join('');
}

/** The listing's basics, then TikTok Shop Vietnam's title length and seller SKU rules: the first problem, or null. */
export function checkListing(listing: DesiredListing): AdapterResult<never> | null {
  // The weight goes out in whole grams, so one that rounds to nothing is missing.
  const basics = checkListingBasics('TikTok Shop', listing, Math.round(listing.weightGrams));
  if (basics) return basics;
  const titleLength = [...listing.name].length;
  if (titleLength < TITLE_LENGTH.min || titleLength > TITLE_LENGTH.max) {
    return permanent(
      'title_length',
      `TikTok Shop Vietnam needs a product name of ${TITLE_LENGTH.min} to ${TITLE_LENGTH.max} characters; "${listing.name}" has ${titleLength}. Say what it is, where it is from and the pack size.`,
    );
  }
  if (!listing.sku || listing.sku.length > SELLER_SKU_MAX || /\s/.test(listing.sku)) {
    return permanent('invalid_sku', `TikTok Shop takes a seller SKU of 1 to ${SELLER_SKU_MAX} characters without spaces; got "${listing.sku}".`);
  }
  return null;
}

/** A create with no warehouse picked: TikTok refuses a product without one, so nothing is sent. */
export function warehouseMissing(): AdapterResult<never> {
  return permanent(
    'warehouse_missing',
    'No TikTok Shop warehouse is set for this connection. Pick the warehouse in the connection’s settings (they are read from your TikTok shop); TikTok refuses a product without one.',
  );
}
