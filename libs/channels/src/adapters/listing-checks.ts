/**
 * The checks every platform adapter makes before a call, in the same words: each marketplace sells in
 * Vietnam in whole đồng and whole units, and none takes an item without a package weight or an image.
 * What a platform asks beyond that stays in its own folder.
 */
import { permanent, type AdapterResult, type DesiredListing } from './channel-adapter.js';

export function checkPrice(platformName: string, price: number): AdapterResult<never> | null {
  return Number.isInteger(price) && price > 0 ? null : permanent('invalid_price', `${platformName} Vietnam takes whole đồng above zero; got ${price}.`);
}

export function checkStock(stock: number): AdapterResult<never> | null {
  return Number.isInteger(stock) && stock >= 0 ? null : permanent('invalid_stock', `Stock must be a whole number, zero or more; got ${stock}.`);
}

/** Price, stock, weight (`weightGrams` as the platform will read it) and images, in that order: the first problem, or null. */
export function checkListingBasics(platformName: string, listing: DesiredListing, weightGrams = listing.weightGrams): AdapterResult<never> | null {
  return (
    checkPrice(platformName, listing.price) ??
    checkStock(listing.stock) ??
    (weightGrams > 0 ? null : permanent('weight_missing', `${platformName} needs the package weight; set the product weight in grams.`)) ??
    (listing.images.length > 0 ? null : permanent('images_missing', `${platformName} needs at least one product image.`))
  );
}
