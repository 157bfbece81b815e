import type { SellableVariant } from '@nongsan/catalog';
import { checkCart, priceCart, shippingFee } from './cart-pricing.js';

const shipping = {
  bands: [
    { maxGrams: 1000, fee: 22000 },
    { maxGrams: 3000, fee: 30000 },
  ],
  extraPerKg: 5000,
};

describe('shippingFee', () => {
  it.each([
    [1, 22000],
    [1000, 22000],
    [1001, 30000],
    [3000, 30000],
    [3001, 35000],
    [4000, 35000],
    [4001, 40000],
  ])('%i g → %i đ', (grams, fee) => expect(shippingFee(grams, shipping)).toBe(fee));
});

describe('checkCart and priceCart', () => {
  const variant = (id: string, cooperativeId: string, price: number, weightGrams: number, sellable = true): SellableVariant => ({
    variantId: id,
    productId: `p-${id}`,
    cooperativeId,
    cooperativeName: `HTX ${cooperativeId}`,
    productName: `Sản phẩm ${id}`,
    variantName: 'Mặc định',
    sku: id.toUpperCase(),
    price,
    weightGrams,
    stock: 10,
    sellable,
  });
  const variants = new Map([
    ['a', variant('a', 'A', 45000, 300)],
    ['b', variant('b', 'B', 95000, 1200)],
    ['c', variant('c', 'A', 10000, 500)],
    ['d', variant('d', 'A', 1000, 1, false)],
  ]);

  it('groups lines by cooperative in the order added, and ships each parcel by its weight', () => {
    const { problems, lines } = checkCart(
      [
        { variantId: 'a', quantity: 2 },
        { variantId: 'b', quantity: 2 },
        { variantId: 'c', quantity: 1 },
      ],
      variants,
      100,
    );
    expect(problems).toEqual([]);
    const priced = priceCart(lines, shipping);
    expect(priced.parcels.map((p) => [p.cooperativeId, p.lines.map((l) => l.index), p.itemsTotal, p.weightGrams, p.shippingFee])).toEqual([
      ['A', [0, 2], 100000, 1100, 30000],
      ['B', [1], 190000, 2400, 30000],
    ]);
    expect(priced).toMatchObject({ itemsTotal: 290000, shippingTotal: 60000, total: 350000 });
  });

  it('reports unavailable, unknown, repeated and over-the-limit lines, and prices only what can be bought', () => {
    const { problems, lines } = checkCart(
      [
        { variantId: 'a', quantity: 101 },
        { variantId: 'd', quantity: 1 },
        { variantId: 'zz', quantity: 1 },
        { variantId: 'a', quantity: 1 },
      ],
      variants,
      100,
    );
    expect(problems.map((p) => [p.field, p.code])).toEqual([
      ['items[0].quantity', 'QUANTITY_ABOVE_MAX'],
      ['items[1].variantId', 'VARIANT_UNAVAILABLE'],
      ['items[2].variantId', 'VARIANT_UNAVAILABLE'],
      ['items[3].variantId', 'ITEM_REPEATED'],
    ]);
    expect(lines.map((l) => [l.index, l.quantity])).toEqual([[0, 101]]);
  });
});
