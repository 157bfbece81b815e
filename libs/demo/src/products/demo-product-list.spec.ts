import { slugify } from '@nongsan/core';
import { DEMO_PRODUCTS } from './demo-product-list.js';
import { currentTerm } from './demo-products.js';

describe('demo product list', () => {
  it('has 60+ products to publish, each with its own slug and SKUs unique within its cooperative', () => {
    expect(DEMO_PRODUCTS.filter((p) => !p.draft).length).toBeGreaterThanOrEqual(60);
    expect(new Set(DEMO_PRODUCTS.map((p) => slugify(p.name))).size).toBe(DEMO_PRODUCTS.length);
    const skus = DEMO_PRODUCTS.flatMap((p) => p.variants.map(([sku]) => `${p.cooperativeTaxCode}/${sku.toUpperCase()}`));
    expect(new Set(skus).size).toBe(skus.length);
  });

  it('keeps what the database checks: 1–3 variants, dates in order, harvest months in 1–12', () => {
    for (const p of DEMO_PRODUCTS) {
      expect([p.name, p.variants.length >= 1 && p.variants.length <= 3]).toEqual([p.name, true]);
      expect([p.name, p.variants.every(([, , price, grams, stock]) => price > 0 && grams > 0 && stock >= 0)]).toEqual([p.name, true]);
      expect([p.name, (p.certifications ?? []).every((c) => c.expiresAt > c.issuedAt)]).toEqual([p.name, true]);
      expect([p.name, (p.harvestMonths ?? []).every((m) => m >= 1 && m <= 12)]).toEqual([p.name, true]);
      if (p.ocop) expect([p.name, p.ocop[2].slice(5)]).not.toEqual([p.name, '02-29']);
    }
  });
});

describe('demo certificate terms', () => {
  it('keeps a term still running and renews a lapsed one for as many years as it ran', () => {
    expect(currentTerm('2024-08-15', '2027-08-15', '2026-12-06')).toEqual({ issuedAt: '2024-08-15', expiresAt: '2027-08-15' });
    expect(currentTerm('2024-08-15', '2027-08-15', '2027-12-06')).toEqual({ issuedAt: '2027-08-15', expiresAt: '2030-08-15' });
    expect(currentTerm('2024-12-02', '2026-12-01', '2026-12-01')).toEqual({ issuedAt: '2026-12-02', expiresAt: '2028-12-01' });
    expect(currentTerm('2020-01-10', '2021-01-09', '2026-06-01')).toEqual({ issuedAt: '2026-01-10', expiresAt: '2027-01-09' });
  });
});
