import type { DesiredListing } from '../channel-adapter.js';
import { deactivatePayload, descriptionHtml, packageFields, priceQuantityPayloads, productCreatePayload, productUpdatePayload } from './lazada.payloads.js';

const listing: DesiredListing = {
  sku: 'GAO-ST25-5KG',
  name: 'Gạo ST25 túi 5kg',
  description: 'Gạo ST25 Sóc Trăng.\n\nVụ mới, đóng túi 5kg <hút chân không>.',
  price: 185_000,
  stock: 40,
  weightGrams: 5_204,
  category: { categoryId: 10000351 },
  images: [],
};

describe('Lazada payloads', () => {
  it('creates with the documented shape: arrays for Image and Sku, integer VND, kg with two decimals, No Brand', () => {
    expect(JSON.parse(productCreatePayload(listing, ['https://vn-live.slatic.net/p/a.jpg']))).toEqual({
      Request: {
        Product: {
          PrimaryCategory: '10000351',
          Images: { Image: ['https://vn-live.slatic.net/p/a.jpg'] },
          Attributes: {
            name: 'Gạo ST25 túi 5kg',
            description: '<p>Gạo ST25 Sóc Trăng.</p><p>Vụ mới, đóng túi 5kg &lt;hút chân không&gt;.</p>',
            brand: 'No Brand',
          },
          Skus: {
            Sku: [
              {
                SellerSku: 'GAO-ST25-5KG',
                quantity: '40',
                price: '185000',
                package_weight: '5.2',
                package_length: '31.48',
                package_width: '31.48',
                package_height: '31.48',
              },
            ],
          },
        },
      },
    });
  });

  it('updates by ItemId and SkuId, marks the SKU active, and leaves price, stock and SellerSku alone', () => {
    const sku = JSON.parse(productUpdatePayload({ itemId: '3069252927', skuId: '15298395971' }, listing, ['u'])).Request.Product;
    expect(sku).toMatchObject({ ItemId: '3069252927', PrimaryCategory: '10000351', Images: { Image: ['u'] } });
    expect(sku.Skus.Sku).toEqual([
      { SkuId: '15298395971', package_weight: '5.2', package_length: '31.48', package_width: '31.48', package_height: '31.48', Status: 'active' },
    ]);
  });

  it('batches price and stock changes 50 SKUs to a call, each with only what changes', () => {
    const updates = Array.from({ length: 120 }, (_, i) => ({
      itemId: String(1000 + i),
      skuId: String(5000 + i),
      ...(i % 2 ? { price: 10_000 + i } : { quantity: i }),
    }));
    const payloads = priceQuantityPayloads(updates).map((text) => JSON.parse(text).Request.Product.Skus.Sku);
    expect(payloads.map((skus) => skus.length)).toEqual([50, 50, 20]);
    expect(payloads[0][0]).toEqual({ ItemId: '1000', SkuId: '5000', Quantity: '0' });
    expect(payloads[2][19]).toEqual({ ItemId: '1119', SkuId: '5119', Price: '10119' });
    expect(priceQuantityPayloads([])).toEqual([]);
  });

  it('deactivates only our SKU of the item', () => {
    expect(JSON.parse(deactivatePayload({ itemId: '3865707451', skuId: '22332218421' }))).toEqual({
      Request: { Product: { ItemId: 3865707451, Skus: { SkuId: [22332218421] } } },
    });
  });

  it('keeps the package within two decimals and its volumetric weight under the real one', () => {
    for (const grams of [1, 250, 900, 5_204, 30_000]) {
      const fields = packageFields(grams);
      for (const value of Object.values(fields)) expect(value).toMatch(/^\d+(\.\d{1,2})?$/);
      const side = Number(fields.package_length);
      expect(side === 1 || side ** 3 / 6000 <= Number(fields.package_weight)).toBe(true);
    }
    expect(packageFields(1).package_weight).toBe('0.01');
  });

  it('escapes HTML and keeps line breaks', () => {
    expect(descriptionHtml('Nước mắm "nhĩ" & muối\ncá cơm')).toBe('<p>Nước mắm &quot;nhĩ&quot; &amp; muối<br/>cá cơm</p>');
  });
});
