import { randomUUID } from 'node:crypto';
import { Role } from '@nongsan/core';
import sharp from 'sharp';
import { createTestApp, signIn, type Session, type TestApp } from './harness/app.js';
import { createProduct } from './harness/catalog-fixtures.js';
import { approveCooperative, createCooperative } from './harness/fixtures.js';

const variant = (sku: string, price: number) => [{ sku, name: 'Mặc định', price, weightGrams: 500, stock: 10 }];
const ocop = (expiresAt: string) => ({ stars: 4, certificateNumber: '77/QĐ-UBND', issuedAt: '2021-06-01', expiresAt });

describe('public cooperative page and the catalog of one cooperative', () => {
  let t: TestApp;
  let official: Session;
  let ownerA: Session;
  let ownerB: Session;
  let coopA: string;
  let coopB: string;
  let approvedBetween: [number, number];
  const slugs: Record<string, string> = {};

  const slugOf = async (owner: Session, id: string) => (await t.http().get(`/api/v1/cooperatives/${id}`).set(owner.auth).expect(200)).body.slug as string;
  const names = async (cooperativeId: string) =>
    (
      (await t.http().get('/api/v1/catalog/products').query({ cooperativeId, limit: 50, sort: 'price_asc' }).expect(200)).body.items as Array<{
        name: string;
        cooperative: { id: string };
      }>
    ).map((i) => i.name);

  beforeAll(async () => {
    t = await createTestApp();
    official = await signIn(t, Role.Official);
    ownerA = await signIn(t);
    ownerB = await signIn(t);
    coopA = (
      await createCooperative(t, ownerA, { overrides: { name: 'HTX Rượu Bàu Đá Nhơn Lộc', wardCode: '21910', description: 'Rượu Bàu Đá nấu thủ công.' } })
    ).id;
    coopB = (await createCooperative(t, ownerB, { overrides: { name: 'HTX Nước mắm Đề Gi', wardCode: '21859' } })).id;
    const before = Date.now();
    await approveCooperative(t, ownerA, official, coopA);
    approvedBetween = [before, Date.now()];
    await approveCooperative(t, ownerB, official, coopB);
    slugs.a = await slugOf(ownerA, coopA);
    slugs.b = await slugOf(ownerB, coopB);

    const add = async (coop: string, owner: Session, name: string, overrides: Record<string, unknown>, publish = true) => {
      const made = await createProduct(t, coop, owner, { overrides: { name, ...overrides }, ...(publish ? { publishAs: owner } : {}) });
      // A claim earns the badge only once the Department verified it (ocop-verification.e2e.spec.ts).
      if (overrides.ocop) await t.http().post(`/api/v1/admin/products/${made.id}/ocop/verify`).set(official.auth).expect(200);
      return made;
    };
    await add(coopA, ownerA, 'Rượu Bàu Đá 40 độ', { ocop: ocop('2030-01-01'), variants: variant('A-1', 150000) });
    await add(coopA, ownerA, 'Rượu Bàu Đá 29 độ', { ocop: ocop('2024-01-01'), variants: variant('A-2', 120000) }); // OCOP expired
    await add(coopA, ownerA, 'Gạo Nhơn Lộc', { categoryId: 'rice-grains', variants: variant('A-3', 30000) });
    await add(coopA, ownerA, 'Rượu nháp', { variants: variant('A-4', 1000) }, false);
    const archived = await add(coopA, ownerA, 'Rượu đã ngừng bán', { variants: variant('A-5', 2000) });
    await t.http().post(`/api/v1/products/${archived.id}/archive`).set(ownerA.auth).expect(200);
    await add(coopB, ownerB, 'Nước mắm Đề Gi', { categoryId: 'fish-sauce', ocop: ocop('2030-01-01'), variants: variant('B-1', 95000) });
  });
  afterAll(() => t.close());

  it('filters the catalog by cooperative; a bad uuid is 400 naming cooperativeId', async () => {
    expect(await names(coopA)).toEqual(['Gạo Nhơn Lộc', 'Rượu Bàu Đá 29 độ', 'Rượu Bàu Đá 40 độ']);
    expect(await names(coopB)).toEqual(['Nước mắm Đề Gi']);
    expect(await names(randomUUID())).toEqual([]);
    const both = (await t.http().get('/api/v1/catalog/products').query({ cooperativeId: coopA, q: 'ruou bau da', ocopStars: 4 }).expect(200)).body.items;
    expect(both.map((i: { name: string }) => i.name)).toEqual(['Rượu Bàu Đá 40 độ']);

    const bad = await t.http().get('/api/v1/catalog/products').query({ cooperativeId: 'htx-nhon-loc' }).expect(400);
    expect(bad.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'cooperativeId', message: '“cooperativeId” phải là mã UUID.' }] });
  });

  it('serves an approved cooperative’s page with its place, counts and approval date', async () => {
    const png = await sharp({ create: { width: 400, height: 400, channels: 4, background: '#a52' } })
      .png()
      .toBuffer();
    const logo = (await t.http().post(`/api/v1/cooperatives/${coopA}/logo`).set(ownerA.auth).attach('file', png, 'logo.png').expect(200)).body.logoUrl;

    const page = (await t.http().get(`/api/v1/catalog/cooperatives/${slugs.a}`).expect(200)).body;
    expect(page).toEqual({
      id: coopA,
      slug: slugs.a,
      name: 'HTX Rượu Bàu Đá Nhơn Lộc',
      description: 'Rượu Bàu Đá nấu thủ công.',
      logoUrl: logo,
      wardCode: '21910',
      wardName: 'An Nhơn',
      formerDistricts: ['An Nhơn'],
      productCount: 3,
      ocopProductCount: 1,
      memberSince: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    });
    // The day the Department approved it, not the day it registered.
    const [approval] = await t.db.query(`SELECT created_at FROM cooperative_status_changes WHERE cooperative_id = $1 AND to_status = 'approved'`, [coopA]);
    expect(page.memberSince).toBe(approval.created_at.toISOString());
    expect(Date.parse(page.memberSince)).toBeGreaterThanOrEqual(approvedBetween[0]);
    expect(Date.parse(page.memberSince)).toBeLessThanOrEqual(approvedBetween[1]);
    // The counts are what the catalog lists for it.
    const listed = (await t.http().get('/api/v1/catalog/products').query({ cooperativeId: coopA, limit: 50 }).expect(200)).body.items as Array<{
      ocopStars: number | null;
    }>;
    expect(page.productCount).toBe(listed.length);
    expect(page.ocopProductCount).toBe(listed.filter((i) => i.ocopStars !== null).length);

    const other = (await t.http().get(`/api/v1/catalog/cooperatives/${slugs.b}`).expect(200)).body;
    expect(other).toMatchObject({
      id: coopB,
      name: 'HTX Nước mắm Đề Gi',
      wardCode: '21859',
      wardName: 'Đề Gi',
      logoUrl: null,
      productCount: 1,
      ocopProductCount: 1,
    });
    expect(other.formerDistricts.length).toBeGreaterThan(0);
  });

  it('has no page for a draft, submitted, rejected or suspended cooperative, nor an unknown slug', async () => {
    const owner = await signIn(t);
    const draft = (await createCooperative(t, owner, { overrides: { name: 'HTX Nháp Tây Sơn' } })).id;
    const submitted = (await createCooperative(t, owner, { overrides: { name: 'HTX Chờ duyệt Hoài Nhơn' } })).id;
    await t.http().post(`/api/v1/cooperatives/${submitted}/submit`).set(owner.auth).expect(200);
    const rejected = (await createCooperative(t, owner, { overrides: { name: 'HTX Bị từ chối Phù Cát' } })).id;
    await t.http().post(`/api/v1/cooperatives/${rejected}/submit`).set(owner.auth).expect(200);
    await t.http().post(`/api/v1/admin/cooperatives/${rejected}/reject`).set(official.auth).send({ reason: 'Thiếu giấy tờ' }).expect(200);
    const suspended = (await createCooperative(t, owner, { overrides: { name: 'HTX Tạm ngưng Gò Bồi' } })).id;
    await approveCooperative(t, owner, official, suspended);
    await createProduct(t, suspended, owner, { overrides: { name: 'Nước mắm Gò Bồi', variants: variant('S-1', 80000) }, publishAs: owner });
    const suspendedSlug = await slugOf(owner, suspended);
    expect((await t.http().get(`/api/v1/catalog/cooperatives/${suspendedSlug}`).expect(200)).body.productCount).toBe(1);
    await t.http().post(`/api/v1/admin/cooperatives/${suspended}/suspend`).set(official.auth).send({ reason: 'Kiểm tra' }).expect(200);

    for (const id of [draft, submitted, rejected, suspended]) {
      const res = await t
        .http()
        .get(`/api/v1/catalog/cooperatives/${await slugOf(owner, id)}`)
        .expect(404);
      expect(res.body).toEqual({ error: { code: 'NOT_FOUND', message: 'Không tìm thấy hợp tác xã.', details: [], requestId: expect.any(String) } });
    }
    expect(await names(suspended)).toEqual([]);
    const unknown = await t.http().get('/api/v1/catalog/cooperatives/khong-co-htx-nay').set('Accept-Language', 'en').expect(404);
    expect(unknown.body.error).toMatchObject({ code: 'NOT_FOUND', message: 'The cooperative was not found.' });
  });
});
