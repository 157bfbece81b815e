import type { SellableVariant } from '@nongsan/catalog';
import type { AppConfig, FieldIssue } from '@nongsan/core';
import type { ParcelQuote } from '@nongsan/delivery';

/** Why one line of a cart cannot be bought as asked; the storefront switches on these. */
export const CART_PROBLEM_CODES = ['VARIANT_UNAVAILABLE', 'ITEM_REPEATED', 'QUANTITY_ABOVE_MAX', 'STOCK_INSUFFICIENT'] as const;
export type CartProblemCode = (typeof CART_PROBLEM_CODES)[number];

/** A problem with the cart's line `index`, with the message key to tell the buyer about it. */
export interface CartProblem extends FieldIssue {
  index: number;
  code: CartProblemCode;
}

export interface CartItem {
  variantId: string;
  quantity: number;
}

export interface CartLine {
  /** Its position in the request's `items`. */
  index: number;
  variant: SellableVariant;
  quantity: number;
}

export interface PricedLine extends CartLine {
  lineTotal: number;
}

/** What a parcel's shipping costs: a carrier's fee, or the flat table's (`carrier` null). */
export interface ParcelShipping {
  carrier: string | null;
  fee: number;
  estimatedDeliveryDate?: string;
  /** The flat table stood in for carriers that failed. */
  fallback: boolean;
}

/** What one cooperative ships: its lines, their total, weight and shipping fee. */
export interface PricedParcel {
  cooperativeId: string;
  lines: PricedLine[];
  itemsTotal: number;
  weightGrams: number;
  shippingFee: number;
  shipping: ParcelShipping;
}

export interface PricedCart {
  parcels: PricedParcel[];
  itemsTotal: number;
  shippingTotal: number;
  total: number;
}

/**
 * The rules every line must pass before it can be bought (stock aside: that is taken, or read,
 * by the caller): a sellable variant, once per cart, at most the per-line maximum. Returns the
 * problems and the lines that can be priced (sellable, first of their variant).
 */
export function checkCart(
  items: CartItem[],
  variants: Map<string, SellableVariant>,
  maxQuantityPerLine: number,
): { problems: CartProblem[]; lines: CartLine[] } {
  const problems: CartProblem[] = [];
  const lines: CartLine[] = [];
  const seen = new Set<string>();
  items.forEach((item, index) => {
    const variant = variants.get(item.variantId);
    const repeated = seen.has(item.variantId);
    seen.add(item.variantId);
    if (repeated) problems.push({ index, code: 'ITEM_REPEATED', field: `items[${index}].variantId`, key: 'validation.itemRepeated' });
    if (!variant?.sellable) problems.push({ index, code: 'VARIANT_UNAVAILABLE', field: `items[${index}].variantId`, key: 'validation.variantUnavailable' });
    if (item.quantity > maxQuantityPerLine) {
      problems.push({
        index,
        code: 'QUANTITY_ABOVE_MAX',
        field: `items[${index}].quantity`,
        ...(variant
          ? { key: 'validation.quantityAboveMax', params: { name: variant.productName, max: maxQuantityPerLine } }
          : { key: 'validation.max', params: { max: maxQuantityPerLine } }),
      });
    }
    if (variant?.sellable && !repeated) lines.push({ index, variant, quantity: item.quantity });
  });
  return { problems, lines };
}

/** The problem of a line asking for more than the `available` units left ("sold out" when none). */
export function stockShort(index: number, variant: SellableVariant, available: number): CartProblem {
  const key = available > 0 ? 'validation.stockShort' : 'validation.soldOut';
  return { index, code: 'STOCK_INSUFFICIENT', field: `items[${index}].quantity`, key, params: { name: variant.productName, available } };
}

/** The problems of the lines asking for more than the stock they were read with. */
export function shortLines(lines: CartLine[]): CartProblem[] {
  return lines.filter((l) => l.variant.stock < l.quantity).map((l) => stockShort(l.index, l.variant, l.variant.stock));
}

/**
 * Prices a cart as a checkout charges it: one parcel per cooperative in the order the buyer
 * added them, lines at today's price, and each parcel's shipping by its carrier's quote, or by
 * its weight in the flat table when it has none (no carrier, carriers failed, not quoted).
 */
export function priceCart(lines: CartLine[], shipping: AppConfig['shipping'], quotes: Map<string, ParcelQuote> = new Map()): PricedCart {
  const byCooperative = new Map<string, PricedLine[]>();
  for (const line of lines) {
    const { cooperativeId } = line.variant;
    byCooperative.set(cooperativeId, [...(byCooperative.get(cooperativeId) ?? []), { ...line, lineTotal: line.variant.price * line.quantity }]);
  }
  const parcels = [...byCooperative].map(([cooperativeId, parcelLines]): PricedParcel => {
    const weightGrams = parcelLines.reduce((sum, l) => sum + l.variant.weightGrams * l.quantity, 0);
    const quote = quotes.get(cooperativeId);
    const parcelShipping: ParcelShipping =
      quote?.carrier != null ? quote : { carrier: null, fee: shippingFee(weightGrams, shipping), fallback: quote?.fallback ?? false };
    return {
      cooperativeId,
      lines: parcelLines,
      itemsTotal: parcelLines.reduce((sum, l) => sum + l.lineTotal, 0),
      weightGrams,
      shippingFee: parcelShipping.fee,
      shipping: parcelShipping,
    };
  });
  const itemsTotal = parcels.reduce((sum, p) => sum + p.itemsTotal, 0);
  const shippingTotal = parcels.reduce((sum, p) => sum + p.shippingFee, 0);
  return { parcels, itemsTotal, shippingTotal, total: itemsTotal + shippingTotal };
}

/** A priced line as an order records it and a quote shows it: the product as it is sold today. */
export function orderLineOf({ variant, quantity, lineTotal }: PricedLine) {
  return {
    variantId: variant.variantId,
    productId: variant.productId,
    productName: variant.productName,
    variantName: variant.variantName,
    sku: variant.sku,
    unitPrice: variant.price,
    quantity,
    lineTotal,
  };
}

/** The flat fee of the first weight band that fits, or the last band plus each started extra kilogram. */
export function shippingFee(weightGrams: number, shipping: AppConfig['shipping']): number {
  const band = shipping.bands.find((b) => weightGrams <= b.maxGrams);
  if (band) return band.fee;
  const last = shipping.bands[shipping.bands.length - 1];
  return last.fee + Math.ceil((weightGrams - last.maxGrams) / 1000) * shipping.extraPerKg;
}
