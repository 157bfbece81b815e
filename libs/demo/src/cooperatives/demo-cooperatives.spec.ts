import { toE164VietnamesePhone } from '@nongsan/core';
import { checkTaxCode } from '@nongsan/seller';
import { DEMO_COOPERATIVES } from './demo-cooperatives.js';

describe('demo cooperatives', () => {
  it('have valid, distinct tax codes, E.164 phones and login handles', () => {
    for (const c of DEMO_COOPERATIVES) {
      expect([c.handle, checkTaxCode(c.taxCode)]).toEqual([c.handle, { valid: true, canonical: c.taxCode }]);
      expect([c.handle, toE164VietnamesePhone(c.phone)]).toEqual([c.handle, c.phone]);
    }
    expect(new Set(DEMO_COOPERATIVES.map((c) => c.taxCode)).size).toBe(DEMO_COOPERATIVES.length);
    expect(new Set(DEMO_COOPERATIVES.map((c) => c.handle)).size).toBe(DEMO_COOPERATIVES.length);
  });
});
