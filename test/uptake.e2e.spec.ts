import { Role } from '@nongsan/core';
import { MarketplaceOrdersService } from '@nongsan/order';
import ExcelJS from 'exceljs';
import { createTestApp, signIn, type Session, type TestApp } from './harness/app.js';
import { createProduct } from './harness/catalog-fixtures.js';
import { approveCooperative, createCooperative } from './harness/fixtures.js';

const BUYER = { fullName: 'Trần Thị Bích Ngọc', phone: '0987 654 321', addressLine: '45 Lê Lợi', wardCode: '21553', province: 'Gia Lai' };
const OCOP = { stars: 4, certificateNumber: '12/QĐ-UBND', issuedAt: '2025-03-01', expiresAt: '2028-03-01' };

/**
 * The Department's numbers against a fixture small enough to count by hand:
 *   A (An Nhơn ward 21910, former district 549): approved; P1 OCOP fish sauce 150 000, P2 rice paper
 *     80 000, P3 OCOP draft; a Google feed connected 20 Sep.
 *   B (Tam Quan 21637, former Hoài Nhơn 543): approved; P4 OCOP honey 200 000, P5 archived; a Shopee
 *     shop 25 Sep with P4 synced and P5 failed.
 *   C (Bồng Sơn 21640, 543): submitted only.  D (An Nhơn Tây 21940, 549): draft.
 * Orders (Vietnam time): o1 A 2×P1 = 300 000 on 31 Oct 23:30; o2 A P2 = 80 000 on 1 Nov 00:30
 * (still 31 Oct in UTC); o3 B P4 = 200 000 on 10 Nov 10:00; o4 Shopee A 3×P1 at 145 000 = 435 000 on
 * 5 Nov; o5 A cancelled and o6 A unpaid VietQR on 12 Nov, which never count.
 */
describe('Uptake for the Department', () => {
  let t: TestApp;
  let official: Session;
  let buyer: Session;
  const coop: Record<'A' | 'B' | 'C' | 'D', string> = { A: '', B: '', C: '', D: '' };
  const owner: Partial<Record<'A' | 'B' | 'C' | 'D', Session>> = {};
  const variant: Record<string, string> = {};
  let keys = 0;
  let o3: string;
  let o2: string;

  const get = async (path: string, query: Record<string, string> = {}) =>
    (await t.http().get(`/api/v1/uptake/${path}`).query(query).set(official.auth).expect(200)).body;
  const at = (iso: string) => new Date(iso).toISOString();
  const sql = (text: string, params: unknown[] = []) => t.db.query(text, params);
  const order = async (items: Array<{ variantId: string; quantity: number }>, paymentMethod: 'cod' | 'vietqr', when: string) => {
    const { body } = await t
      .http()
      .post('/api/v1/checkouts')
      .set(buyer.auth)
      .set('Idempotency-Key', `uptake-${process.pid}-${++keys}`)
      .send({ items, shippingAddress: BUYER, paymentMethod })
      .expect(201);
    await sql(`UPDATE orders SET created_at = $2, updated_at = now() WHERE checkout_id = $1`, [body.id, at(when)]);
    return body.orders[0].id as string;
  };
  /** Every product is dated in the fixture's past (created an hour before it went on sale, or 9 Sep for a draft), never "now". */
  const product = async (c: 'A' | 'B', name: string, sku: string, price: number, categoryId: string, extra: Record<string, unknown>, publishedAt?: string) => {
    const p = await createProduct(t, coop[c], owner[c]!, {
      overrides: { name, categoryId, variants: [{ sku, name: 'Mặc định', price, weightGrams: 500, stock: 50 }], ...extra },
      ...(publishedAt ? { publishAs: owner[c] } : {}),
    });
    const createdAt = publishedAt ? new Date(new Date(publishedAt).getTime() - 3_600_000).toISOString() : at('2026-09-09T09:00:00+07:00');
    await sql(`UPDATE products SET created_at = $2, published_at = $3 WHERE id = $1`, [p.id, createdAt, publishedAt ? at(publishedAt) : null]);
    // Only claims the Department verified count as OCOP (issue #21).
    if (extra.ocop) await t.http().post(`/api/v1/admin/products/${p.id}/ocop/verify`).set(official.auth).expect(200);
    variant[sku] = p.variantIds[0];
    return p;
  };
  const milestones = async (c: 'A' | 'B' | 'C' | 'D', registered: string, submitted?: string, approved?: string) => {
    await sql(`UPDATE cooperatives SET created_at = $2 WHERE id = $1`, [coop[c], at(registered)]);
    if (submitted)
      await sql(`UPDATE cooperative_status_changes SET created_at = $2 WHERE cooperative_id = $1 AND to_status = 'submitted'`, [coop[c], at(submitted)]);
    if (approved)
      await sql(`UPDATE cooperative_status_changes SET created_at = $2 WHERE cooperative_id = $1 AND to_status = 'approved'`, [coop[c], at(approved)]);
  };

  beforeAll(async () => {
    t = await createTestApp();
    official = await signIn(t, Role.Official);
    buyer = await signIn(t, Role.Buyer);
    for (const [c, ward] of [
      ['A', '21910'],
      ['B', '21637'],
      ['C', '21640'],
      ['D', '21940'],
    ] as const) {
      owner[c] = await signIn(t, Role.Buyer);
      coop[c] = (await createCooperative(t, owner[c]!, { overrides: { wardCode: ward, name: `HTX Thử ${c}` } })).id;
    }
    await approveCooperative(t, owner.A!, official, coop.A);
    await approveCooperative(t, owner.B!, official, coop.B);
    await t.http().post(`/api/v1/cooperatives/${coop.C}/submit`).set(owner.C!.auth).expect(200);
    await milestones('A', '2026-09-01T09:00:00+07:00', '2026-09-03T09:00:00+07:00', '2026-09-08T09:00:00+07:00');
    await milestones('B', '2026-09-05T09:00:00+07:00', '2026-09-09T09:00:00+07:00', '2026-09-10T09:00:00+07:00');
    await milestones('C', '2026-09-06T09:00:00+07:00', '2026-09-07T09:00:00+07:00');
    await milestones('D', '2026-09-07T09:00:00+07:00');

    await product('A', 'Nước mắm nhĩ', 'P1', 150000, 'fish-sauce', { ocop: OCOP }, '2026-09-10T09:00:00+07:00');
    await product('A', 'Bánh tráng nước dừa', 'P2', 80000, 'rice-paper', {}, '2026-09-10T09:00:00+07:00');
    await product('A', 'Mắm ruốc (nháp)', 'P3', 60000, 'fish-sauce', { ocop: OCOP });
    await product('B', 'Mật ong rừng An Lão', 'P4', 200000, 'honey', { ocop: OCOP }, '2026-09-12T09:00:00+07:00');
    // Sold once, archived since: it counts nowhere, but its Shopee listing failed to come down.
    const p5 = await product('B', 'Sáp ong (ngừng bán)', 'P5', 90000, 'honey', {}, '2026-09-12T10:00:00+07:00');
    await t.http().post(`/api/v1/products/${p5.id}/archive`).set(owner.B!.auth).expect(200);

    const { body: feed } = await t.http().post(`/api/v1/cooperatives/${coop.A}/channels`).set(owner.A!.auth).send({ platform: 'google-merchant' }).expect(201);
    await sql(`UPDATE channel_connections SET created_at = $2 WHERE id = $1`, [feed.id, at('2026-09-20T09:00:00+07:00')]);
    // B's Shopee shop as the sync engine leaves it: one listing synced, one refused by Shopee.
    const [shop] = await sql(
      `INSERT INTO channel_connections (cooperative_id, platform, account, status, credentials, created_at) VALUES ($1, 'shopee', 'uptake-shop', 'active', '', $2) RETURNING id`,
      [coop.B, at('2026-09-25T09:00:00+07:00')],
    );
    await sql(
      `INSERT INTO channel_listings (connection_id, cooperative_id, variant_id, product_id, sku, status, attempts, last_error_code, last_error, external_id)
       SELECT $1, v.cooperative_id, v.id, v.product_id, v.sku, s.status, 0, s.code, s.message, s.ext
         FROM variants v JOIN (VALUES ($2::uuid, 'synced', NULL, NULL, '9001'), ($3::uuid, 'failed', 'error_param', 'Invalid category.', '9002')) AS s(variant, status, code, message, ext)
           ON s.variant = v.id`,
      [shop.id, variant.P4, variant.P5],
    );

    await order([{ variantId: variant.P1, quantity: 2 }], 'cod', '2026-10-31T23:30:00+07:00');
    o2 = await order([{ variantId: variant.P2, quantity: 1 }], 'cod', '2026-11-01T00:30:00+07:00');
    o3 = await order([{ variantId: variant.P4, quantity: 1 }], 'cod', '2026-11-10T10:00:00+07:00');
    const cancelled = await order([{ variantId: variant.P1, quantity: 1 }], 'cod', '2026-11-12T09:00:00+07:00');
    await t.http().post(`/api/v1/orders/${cancelled}/cancel`).set(owner.A!.auth).send({ reason: 'Khách đổi ý' }).expect(200);
    await order([{ variantId: variant.P2, quantity: 1 }], 'vietqr', '2026-11-12T09:30:00+07:00');
    const placed = await t.db.transaction((manager) =>
      t.app.get(MarketplaceOrdersService).place(manager, {
        cooperativeId: coop.A,
        channel: 'shopee',
        externalReference: '2611050001',
        buyerName: 'shopee_buyer',
        lines: [{ variantId: variant.P1, quantity: 3, unitPrice: 145000 }],
      }),
    );
    if (!placed.placed) throw new Error('fixture order not placed');
    await sql(`UPDATE orders SET created_at = $2, updated_at = now() WHERE id = $1`, [placed.orderId, at('2026-11-05T15:00:00+07:00')]);
  }, 240_000);

  afterAll(async () => {
    await t?.close();
  });

  it('sums up the period: onboarding, products online and sales by channel', async () => {
    const summary = await get('summary', { from: '2026-10-01', to: '2026-11-30' });
    expect(summary.cooperatives).toEqual({ registered: 4, submitted: 3, approved: 2, withActiveProducts: 2, withExternalChannel: 2, withSalesInPeriod: 2 });
    expect(summary.products).toEqual({ active: 3, ocop: 3, ocopOnline: 2 });
    expect(summary.orders).toEqual({ count: 4, gmv: 1_015_000 });
    const byChannel = Object.fromEntries(summary.byChannel.map((c: { channel: string }) => [c.channel, c]));
    expect(byChannel.web).toEqual({ channel: 'web', listings: 3, orders: 3, gmv: 580_000 });
    expect(byChannel.shopee).toEqual({ channel: 'shopee', listings: 1, orders: 1, gmv: 435_000 });
  });

  it('cuts periods at midnight Vietnam time', async () => {
    expect((await get('summary', { from: '2026-10-01', to: '2026-10-31' })).orders).toEqual({ count: 1, gmv: 300_000 });
    expect((await get('summary', { from: '2026-11-01', to: '2026-11-30' })).orders).toEqual({ count: 3, gmv: 715_000 });
    // Before anyone sold anything, and before B and A connected a channel.
    const september = await get('summary', { from: '2026-09-01', to: '2026-09-19' });
    expect(september.orders).toEqual({ count: 0, gmv: 0 });
    expect(september.cooperatives).toMatchObject({ registered: 4, approved: 2, withExternalChannel: 0, withSalesInPeriod: 0 });
  });

  it('filters by former district and by ward', async () => {
    const hoaiNhon = await get('summary', { from: '2026-10-01', to: '2026-11-30', formerDistrictCode: '543' });
    expect(hoaiNhon.cooperatives).toEqual({ registered: 2, submitted: 2, approved: 1, withActiveProducts: 1, withExternalChannel: 1, withSalesInPeriod: 1 });
    expect(hoaiNhon.products).toEqual({ active: 1, ocop: 1, ocopOnline: 1 });
    expect(hoaiNhon.orders).toEqual({ count: 1, gmv: 200_000 });
    const anNhon = await get('summary', { from: '2026-10-01', to: '2026-11-30', wardCode: '21910' });
    expect(anNhon.cooperatives.registered).toBe(1);
    expect(anNhon.orders).toEqual({ count: 3, gmv: 815_000 });
  });

  it('shows the onboarding funnel with conversion and median days between steps', async () => {
    const { steps } = await get('funnel', { from: '2026-09-01', to: '2026-11-30' });
    expect(steps).toEqual([
      { step: 'registered', count: 4, conversion: null, medianDays: null },
      { step: 'submitted', count: 3, conversion: 0.75, medianDays: 2 },
      { step: 'approved', count: 2, conversion: 0.6667, medianDays: 3 },
      { step: 'first_product', count: 2, conversion: 1, medianDays: 2 },
      { step: 'first_channel', count: 2, conversion: 1, medianDays: 11.5 },
      { step: 'first_order', count: 2, conversion: 1, medianDays: 43.8 },
    ]);
  });

  it('draws zero-filled monthly series by channel, former district and category', async () => {
    const period = { from: '2026-09-01', to: '2026-11-30', interval: 'month' };
    const byChannel = await get('timeseries', { ...period, metric: 'gmv', by: 'channel' });
    expect(byChannel.buckets).toEqual(['2026-09-01', '2026-10-01', '2026-11-01']);
    const series = (body: { series: Array<{ key: string; values: number[] }> }, key: string) => body.series.find((s) => s.key === key)?.values;
    expect(series(byChannel, 'web')).toEqual([0, 300_000, 280_000]);
    expect(series(byChannel, 'shopee')).toEqual([0, 0, 435_000]);
    const byDistrict = await get('timeseries', { ...period, metric: 'orders', by: 'former_district' });
    expect(byDistrict.series).toHaveLength(11);
    expect(series(byDistrict, '549')).toEqual([0, 1, 2]);
    expect(series(byDistrict, '543')).toEqual([0, 0, 1]);
    expect(series(byDistrict, '540')).toEqual([0, 0, 0]);
    const byCategory = await get('timeseries', { ...period, metric: 'gmv', by: 'category' });
    expect(series(byCategory, 'seafood')).toEqual([0, 300_000, 435_000]);
    expect(series(byCategory, 'processed-foods')).toEqual([0, 0, 80_000]);
    expect(series(byCategory, 'herbal')).toEqual([0, 0, 200_000]);
    expect(series(await get('timeseries', { ...period, metric: 'active_products' }), 'all')).toEqual([3, 3, 3]);
    expect(series(await get('timeseries', { from: '2026-08-01', to: '2026-10-31', metric: 'onboarded_cooperatives' }), 'all')).toEqual([0, 2, 2]);
    const weekly = await get('timeseries', { from: '2026-10-26', to: '2026-11-08', metric: 'gmv', interval: 'week' });
    expect(weekly.buckets).toEqual(['2026-10-26', '2026-11-02']);
    expect(series(weekly, 'all')).toEqual([380_000, 435_000]);
  });

  it('ranks localities with the lagging ones first', async () => {
    const { formerDistricts, wards } = await get('localities', { from: '2026-09-01', to: '2026-11-30' });
    expect(formerDistricts).toHaveLength(11);
    expect(formerDistricts.slice(-2)).toEqual([
      { code: '543', name: 'Hoài Nhơn', cooperatives: 2, approved: 1, online: 1, onlineShare: 1, activeProducts: 1, ocopOnline: 1, ocopTotal: 1, gmv: 200_000 },
      { code: '549', name: 'An Nhơn', cooperatives: 2, approved: 1, online: 1, onlineShare: 1, activeProducts: 2, ocopOnline: 1, ocopTotal: 2, gmv: 815_000 },
    ]);
    expect(formerDistricts[0]).toMatchObject({ cooperatives: 0, onlineShare: null });
    const ward = (code: string) => wards.find((w: { code: string }) => w.code === code);
    expect(ward('21940')).toMatchObject({ cooperatives: 1, approved: 0, online: 0, onlineShare: null });
    expect(ward('21640')).toMatchObject({ cooperatives: 1, approved: 0 });
    expect(ward('21910')).toMatchObject({ cooperatives: 1, approved: 1, online: 1, ocopTotal: 2, ocopOnline: 1, gmv: 815_000 });
    expect(wards.findIndex((w: { code: string }) => w.code === '21940')).toBeLessThan(wards.findIndex((w: { code: string }) => w.code === '21910'));
  });

  it('reports channels and sync health where cooperatives need help', async () => {
    const { channels } = await get('channels', { from: '2026-10-01', to: '2026-11-30' });
    const by = (c: string) => channels.find((x: { channel: string }) => x.channel === c);
    expect(by('web')).toMatchObject({ cooperatives: 2, listings: { synced: 3 }, orders: 3, gmv: 580_000 });
    expect(by('shopee')).toMatchObject({
      connections: 1,
      cooperatives: 1,
      listings: { pending: 0, synced: 1, failed: 1, delisted: 0 },
      orders: 1,
      gmv: 435_000,
    });
    expect(by('google-merchant')).toMatchObject({ connections: 1, cooperatives: 1 });
    const { platforms } = await get('sync-health');
    expect(platforms.find((p: { platform: string }) => p.platform === 'shopee')).toEqual({
      platform: 'shopee',
      listings: 2,
      failed: 1,
      failureRate: 0.5,
      deadLettered: 0,
      topErrors: [{ message: 'error_param: Invalid category.', listings: 1 }],
    });
  });

  it('exports a workbook an official can paste into a report', async () => {
    const res = await t
      .http()
      .get('/api/v1/uptake/export.xlsx')
      .query({ from: '2026-10-01', to: '2026-11-30' })
      .set(official.auth)
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(res.headers['content-disposition']).toContain('nong-san-uptake-2026-10-01-2026-11-30.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual([
      'Bìa',
      'Tổng quan',
      'Theo kênh',
      'Phễu',
      'Theo huyện cũ',
      'Theo phường xã',
      'GMV theo tháng',
      'Đồng bộ',
    ]);
    const cover = book.getWorksheet('Bìa')!;
    expect(cover.getCell('B3').value).toBe('2026-10-01');
    expect(cover.getCell('B8').value).toBe(official.email);
    const overview = book.getWorksheet('Tổng quan')!;
    expect(overview.getRow(1).values).toEqual([undefined, 'Chỉ tiêu', 'Giá trị']);
    expect(overview.getCell('A12').value).toBe('Giá trị hàng hoá (GMV) trong kỳ');
    expect(overview.getCell('B12').value).toBe(1_015_000);
    expect(overview.getCell('B12').numFmt).toContain('#,##0');
    const districts = book.getWorksheet('Theo huyện cũ')!;
    const anNhon = districts.getRows(2, districts.rowCount - 1)!.find((r) => r.getCell(1).value === '549')!;
    expect([anNhon.getCell(2).value, anNhon.getCell(3).value, anNhon.getCell(9).value]).toEqual(['An Nhơn', 2, 815_000]);
  });

  it('is for officials only, answers bad input with the field named, and never shows a buyer', async () => {
    await t.http().get('/api/v1/uptake/summary').set(buyer.auth).expect(403);
    await t.http().get('/api/v1/uptake/summary').set(owner.A!.auth).expect(403);
    await t.http().get('/api/v1/uptake/summary').expect(401);
    const fields = async (query: Record<string, string>, path = 'summary') =>
      (await t.http().get(`/api/v1/uptake/${path}`).query(query).set(official.auth).expect(400)).body.error.details.map((d: { field: string }) => d.field);
    expect(await fields({ from: '2026-13-01' })).toEqual(['from']);
    expect(await fields({ from: '2026-02-30', to: '2026-03-01' })).toEqual(['from']);
    expect(await fields({ from: '2026-11-01', to: '2026-10-01' })).toEqual(['to']);
    expect(await fields({ wardCode: '99999' })).toEqual(['wardCode']);
    expect(await fields({ formerDistrictCode: '999' })).toEqual(['formerDistrictCode']);
    expect(await fields({ metric: 'onboarded_cooperatives', by: 'category' }, 'timeseries')).toEqual(['by']);
    expect(await fields({ metric: 'happiness' }, 'timeseries')).toEqual(['metric']);
    expect(await fields({ from: '2026-10-01', secret: 'x' })).toEqual(['secret']);
    const everything = JSON.stringify(
      await Promise.all(['summary', 'funnel', 'localities', 'channels', 'sync-health'].map((p) => get(p, { from: '2026-09-01', to: '2026-11-30' }))),
    );
    for (const personal of [BUYER.fullName, '987654321', BUYER.addressLine, buyer.email, 'shopee_buyer']) expect(everything).not.toContain(personal);
  });

  it('follows a change at the next report, without waiting for the worker', async () => {
    expect((await get('summary', { from: '2026-11-01', to: '2026-11-30' })).orders).toEqual({ count: 3, gmv: 715_000 });
    await t.http().post(`/api/v1/orders/${o3}/cancel`).set(owner.B!.auth).send({ reason: 'Hết hàng' }).expect(200);
    expect((await get('summary', { from: '2026-11-01', to: '2026-11-30' })).orders).toEqual({ count: 2, gmv: 515_000 });
    expect((await get('summary', { from: '2026-11-01', to: '2026-11-30', formerDistrictCode: '543' })).cooperatives.withSalesInPeriod).toBe(0);
  });

  it('counts a change whose transaction commits while a report is folding its day', async () => {
    const november = { from: '2026-11-01', to: '2026-11-30' };
    const before = (await get('summary', november)).orders;
    // Another change that day has already committed and marked the day as changed…
    await sql(`UPDATE orders SET created_at = created_at + interval '1 minute' WHERE id = $1`, [o2]);
    // …when a transaction cancels that day's order and stays open while an official opens a report.
    const open = t.db.createQueryRunner();
    await open.connect();
    try {
      await open.startTransaction();
      await open.query(`UPDATE orders SET status = 'cancelled' WHERE id = $1`, [o2]);
      expect((await get('summary', november)).orders).toEqual(before);
      await open.commitTransaction();
    } finally {
      await open.release();
    }
    expect((await get('summary', november)).orders).toEqual({ count: before.count - 1, gmv: before.gmv - 80_000 });
  });
});
