import { shippingFee } from './checkout.service.js';

describe('shippingFee', () => {
  const shipping = { bands: [{ maxGrams: 1000, fee: 22000 }, { maxGrams: 3000, fee: 30000 }], extraPerKg: 5000 };
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
