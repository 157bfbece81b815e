import { AdminUnitsService } from '@nongsan/core';
import { createTestApp, type TestApp } from './harness/app.js';

describe('administrative units of province 52 (since 2025-07-01)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('lists all 135 wards publicly, 58 of them in the former Bình Định area', async () => {
    const all = await t.http().get('/api/v1/catalog/wards').expect(200);
    expect(all.body.items).toHaveLength(135);
    expect(all.body.nextCursor).toBeNull();
    const binhDinh = await t.http().get('/api/v1/catalog/wards').query({ formerProvince: 'Binh Dinh' }).expect(200);
    expect(binhDinh.body.items).toHaveLength(58);
    expect(binhDinh.body.items.filter((w: { type: string }) => w.type === 'phường')).toHaveLength(17);
  });

  it('filters wards by former district, as officials still think (An Nhơn = 549)', async () => {
    const res = await t.http().get('/api/v1/catalog/wards').query({ formerDistrictCode: '549' }).expect(200);
    const names = res.body.items.map((w: { name: string }) => w.name);
    expect(names).toEqual(expect.arrayContaining(['An Nhơn', 'Bình Định']));
    for (const ward of res.body.items) expect(ward.formerDistrictCodes).toContain('549');
  });

  it('finds wards by name without accents, đ typed as d', async () => {
    const res = await t.http().get('/api/v1/catalog/wards').query({ q: 'binh dinh' }).expect(200);
    expect(res.body.items.map((w: { code: string; name: string }) => [w.code, w.name])).toEqual([['21907', 'Bình Định']]);
    const quyNhon = await t.http().get('/api/v1/catalog/wards').query({ q: 'QUY NHON' }).expect(200);
    expect(quyNhon.body.items.length).toBeGreaterThanOrEqual(5);
  });

  it('lists the 11 former districts', async () => {
    const res = await t.http().get('/api/v1/catalog/former-districts').expect(200);
    expect(res.body.items).toHaveLength(11);
    expect(res.body.items[0]).toEqual({ code: '540', name: 'Quy Nhơn', type: 'thành phố', formerProvince: 'Bình Định' });
  });

  it('refuses a malformed filter with 400 naming it', async () => {
    const res = await t.http().get('/api/v1/catalog/wards').query({ formerDistrictCode: 'An Nhon', page: 2 }).expect(400);
    expect(res.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['formerDistrictCode', 'page']);
  });

  it('maps an old commune code to its new ward, and says when a split commune is ambiguous', async () => {
    const units = t.app.get(AdminUnitsService);
    // Nhơn Bình (old phường of Quy Nhơn) moved whole into Quy Nhơn Đông.
    expect(await units.resolveWard('21550')).toMatchObject({ kind: 'former-commune', ward: { code: '21601', name: 'Quy Nhơn Đông' } });
    // An Nghĩa (An Lão) was split between An Hòa and An Toàn.
    const split = await units.resolveWard('21634');
    expect(split.kind).toBe('ambiguous');
    if (split.kind === 'ambiguous') expect(split.candidates.map((w) => w.code).sort()).toEqual(['21622', '21628']);
    expect(await units.resolveWard('21907')).toMatchObject({ kind: 'ward' });
    expect(await units.resolveWard('99999')).toEqual({ kind: 'unknown' });
  });
});
