import { Role } from '@nongsan/core';
import ExcelJS from 'exceljs';
import { createTestApp, signIn, type Session, type TestApp } from './harness/app.js';
import { createProduct } from './harness/catalog-fixtures.js';
import { approveCooperative, createCooperative } from './harness/fixtures.js';

const ADDRESS = { fullName: 'Lê Văn Tám', phone: '0905 123 456', addressLine: '12 Trần Hưng Đạo', wardCode: '21553' };
const OCOP = { stars: 4, certificateNumber: '77/QĐ-UBND', issuedAt: '2025-06-01', expiresAt: '2028-06-01' };

/**
 * The Ministry's report, visits, sync errors and the export's agreement with the screen, on a
 * fixture dated by hand in 2025–2026 (nothing depends on today, except the visits counted today):
 *   A (An Nhơn 21910, former 549): approved 10 Dec 2025. P1 two variants, published 15 Dec 2025;
 *     P2 verified OCOP, published 1 Feb 2026.
 *   B (Tam Quan 21637, former 543): approved 5 Mar 2026. P3 published 1 Apr 2026, archived since;
 *     P4 published 3 Dec 2026 (after the report's end).
 *   C (Bồng Sơn 21640, 543): approved 2 Dec 2026.   D (An Nhơn Tây 21940, 549): draft.
 * Orders: o1 A 2×P1 200 000 delivered (10 Jan 2026); o2 A P2 300 000 delivered (5 May); o3 B P3
 * 90 000 placed (1 Jun); o4 A P1 100 000 cancelled (7 Jul); o5 A P1 VietQR cancelled unpaid (8 Aug);
 * o6 A P2 VietQR still unpaid (9 Sep); o7 A P1 delivered 20 Dec 2025; o8 A P2 1 Dec 2026.
 */
describe('The Department’s year-to-date reports', () => {
  let t: TestApp;
  let official: Session;
  let buyer: Session;
  const coop: Record<'A' | 'B' | 'C' | 'D', string> = { A: '', B: '', C: '', D: '' };
  const owner: Partial<Record<'A' | 'B' | 'C' | 'D', Session>> = {};
  const variant: Record<string, string> = {};
  const product: Record<string, string> = {};
  let keys = 0;

  const sql = (text: string, params: unknown[] = []) => t.db.query(text, params);
  const at = (iso: string) => new Date(iso).toISOString();
  const get = async (path: string, query: Record<string, string | number> = {}) =>
    (await t.http().get(`/api/v1/uptake/${path}`).query(query).set(official.auth).expect(200)).body;
  /** The fields a 400 names (a field failing several rules is named once). */
  const fields = async (path: string, query: Record<string, string | number>) => [
    ...new Set(
      (await t.http().get(`/api/v1/uptake/${path}`).query(query).set(official.auth).expect(400)).body.error.details.map((d: { field: string }) => d.field),
    ),
  ];
  const order = async (sku: string, quantity: number, paymentMethod: 'cod' | 'vietqr', when: string) => {
    const { body } = await t
      .http()
      .post('/api/v1/checkouts')
      .set(buyer.auth)
      .set('Idempotency-Key', `moit-${process.pid}-${++keys}`)
      .send({ items: [{ variantId: variant[sku], quantity }], shippingAddress: ADDRESS, paymentMethod })
      .expect(201);
    await sql(`UPDATE orders SET created_at = $2, updated_at = now() WHERE checkout_id = $1`, [body.id, at(when)]);
    return body.orders[0].id as string;
  };
  const deliver = async (c: 'A' | 'B', id: string) => {
    for (const step of ['confirm', 'pack', 'ship', 'deliver']) {
      await t
        .http()
        .post(`/api/v1/orders/${id}/${step}`)
        .set(owner[c]!.auth)
        .send(step === 'ship' ? { carrier: 'Viettel Post', trackingNumber: `VTP${++keys}` } : {})
        .expect(200);
    }
  };
  const approvedOn = async (c: 'A' | 'B' | 'C', day: string) => {
    await approveCooperative(t, owner[c]!, official, coop[c]);
    await sql(`UPDATE cooperative_status_changes SET created_at = $2 WHERE cooperative_id = $1`, [coop[c], at(`${day}T09:00:00+07:00`)]);
    await sql(`UPDATE cooperatives SET created_at = $2 WHERE id = $1`, [coop[c], at(`${day}T08:00:00+07:00`)]);
  };
  const publish = async (c: 'A' | 'B', key: string, price: number, day: string, extra: Record<string, unknown> = {}, variants = 1) => {
    const made = await createProduct(t, coop[c], owner[c]!, {
      overrides: {
        name: `Sản phẩm ${key}`,
        variants: Array.from({ length: variants }, (_, i) => ({
          sku: `${key}-${i + 1}-${process.pid}`,
          name: `Loại ${i + 1}`,
          price,
          weightGrams: 500,
          stock: 50,
        })),
        ...extra,
      },
      publishAs: owner[c],
    });
    await sql(`UPDATE products SET published_at = $2, created_at = $3 WHERE id = $1`, [made.id, at(`${day}T10:00:00+07:00`), at(`${day}T08:00:00+07:00`)]);
    product[key] = made.id;
    variant[key] = made.variantIds[0];
    made.variantIds.forEach((id, i) => (variant[`${key}.${i + 1}`] = id));
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
      coop[c] = (await createCooperative(t, owner[c]!, { overrides: { wardCode: ward, name: `HTX Báo cáo ${c}` } })).id;
    }
    await approvedOn('A', '2025-12-10');
    await approvedOn('B', '2026-03-05');
    await sql(`UPDATE cooperatives SET created_at = $2 WHERE id = $1`, [coop.D, at('2026-02-02T08:00:00+07:00')]);

    await publish('A', 'P1', 100_000, '2025-12-15', {}, 2);
    await publish('A', 'P2', 300_000, '2026-02-01', { ocop: OCOP });
    await t.http().post(`/api/v1/admin/products/${product.P2}/ocop/verify`).set(official.auth).expect(200);
    await publish('B', 'P3', 90_000, '2026-04-01');
    await publish('B', 'P4', 50_000, '2026-12-03');

    await deliver('A', await order('P1', 2, 'cod', '2026-01-10T09:00:00+07:00'));
    await deliver('A', await order('P2', 1, 'cod', '2026-05-05T09:00:00+07:00'));
    await order('P3', 1, 'cod', '2026-06-01T09:00:00+07:00');
    const o4 = await order('P1', 1, 'cod', '2026-07-07T09:00:00+07:00');
    await t.http().post(`/api/v1/orders/${o4}/cancel`).set(owner.A!.auth).send({ reason: 'Hết hàng' }).expect(200);
    const o5 = await order('P1', 1, 'vietqr', '2026-08-08T09:00:00+07:00');
    await t.http().post(`/api/v1/orders/${o5}/cancel`).set(buyer.auth).send({}).expect(200);
    await order('P2', 1, 'vietqr', '2026-09-09T09:00:00+07:00');
    await deliver('A', await order('P1', 1, 'cod', '2025-12-20T09:00:00+07:00'));
    await order('P2', 1, 'cod', '2026-12-01T09:00:00+07:00');
    await t.http().post(`/api/v1/products/${product.P3}/archive`).set(owner.B!.auth).expect(200);
    // C is approved after the report's end: not a seller at 30 Nov.
    await approvedOn('C', '2026-12-02');

    await sql(`INSERT INTO storefront_visit_days (day, visits) VALUES ('2025-12-31', 100), ('2026-01-01', 5), ('2026-11-30', 7), ('2026-12-01', 1000)`);
    // A Shopee shop of A as the sync engine leaves it: three listings refused for one reason, one for another.
    const [shop] = await sql(
      `INSERT INTO channel_connections (cooperative_id, platform, account, status, credentials, created_at) VALUES ($1, 'shopee', 'moit-shop', 'active', '', $2) RETURNING id`,
      [coop.A, at('2026-03-01T09:00:00+07:00')],
    );
    await sql(
      `INSERT INTO channel_listings (connection_id, cooperative_id, variant_id, product_id, sku, status, attempts, last_error_code, last_error, updated_at)
       SELECT $1, v.cooperative_id, v.id, v.product_id, v.sku, s.status, 1, s.code, s.message, $5
         FROM variants v JOIN (VALUES ($2::uuid, 'failed', 'error_param', 'Invalid category.'), ($3::uuid, 'failed', 'error_param', 'Invalid category.'),
                                      ($4::uuid, 'failed', 'error_image', 'Image too small.')) AS s(variant, status, code, message) ON s.variant = v.id`,
      [shop.id, variant['P1.1'], variant['P1.2'], variant.P2, at('2026-11-15T09:00:00+07:00')],
    );
    // B's Lazada shop since 10 April, with P4 listed there (synced) from that day.
    const [lazada] = await sql(
      `INSERT INTO channel_connections (cooperative_id, platform, account, status, credentials, created_at) VALUES ($1, 'lazada', 'moit-lazada', 'active', '', $2) RETURNING id`,
      [coop.B, at('2026-04-10T09:00:00+07:00')],
    );
    await sql(
      `INSERT INTO channel_listings (connection_id, cooperative_id, variant_id, product_id, sku, status, attempts, external_id, created_at)
       SELECT $1, v.cooperative_id, v.id, v.product_id, v.sku, 'synced', 1, '77001', $3 FROM variants v WHERE v.id = $2`,
      [lazada.id, variant.P4, at('2026-04-10T10:00:00+07:00')],
    );
  }, 240_000);

  afterAll(async () => {
    await t?.close();
  });

  it('reports the year to date to the Ministry, each figure by its definition', async () => {
    const report = await get('moit-report', { year: 2026, until: '2026-11-30' });
    expect(report).toEqual({
      year: 2026,
      from: '2026-01-01',
      until: '2026-11-30',
      soLuongTruyCap: 12,
      soNguoiBan: 2,
      soNguoiBanMoi: 1,
      tongSoSanPham: 2,
      soSanPhamMoi: 2,
      soLuongGiaoDich: 4,
      tongSoDonHangThanhCong: 2,
      tongSoDonHangKhongThanhCong: 1,
      tongGiaTriGiaoDich: 590_000,
    });
    // The figures the dashboard shows too are the dashboard's own for the same period.
    const summary = await get('summary', { from: '2026-01-01', to: '2026-11-30' });
    expect([summary.visits, summary.cooperatives.approved, summary.products.active, summary.orders.gmv]).toEqual([12, 2, 2, 590_000]);
    // Until the end of February: only o1, and P2 is the one new product.
    expect(await get('moit-report', { year: 2026, until: '2026-02-28' })).toMatchObject({
      soNguoiBanMoi: 0,
      soSanPhamMoi: 1,
      soLuongGiaoDich: 1,
      tongSoDonHangThanhCong: 1,
      tongGiaTriGiaoDich: 200_000,
    });
  });

  it('counts the Ministry report up to today by default, and names the field it refuses', async () => {
    const [{ today }] = await sql(`SELECT (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date::text AS today`);
    const year = Number(today.slice(0, 4));
    expect(await get('moit-report')).toMatchObject({ year, from: `${year}-01-01`, until: today });
    expect(await get('moit-report', { year: year - 1 })).toMatchObject({ until: `${year - 1}-12-31` });
    expect(await fields('moit-report', { year: 2026, until: '2025-12-31' })).toEqual(['until']);
    expect(await fields('moit-report', { year: 2026, until: '2027-01-01' })).toEqual(['until']);
    expect(await fields('moit-report', { year: 2026, until: '2026-02-30' })).toEqual(['until']);
    expect(await fields('moit-report', { year: 'hai-nghin' })).toEqual(['year']);
    expect(await fields('moit-report', { year: year + 1 })).toEqual(['year']);
    const english = await t
      .http()
      .get('/api/v1/uptake/moit-report')
      .query({ year: 2026, until: '2025-12-31' })
      .set(official.auth)
      .set('Accept-Language', 'en')
      .expect(400);
    expect(english.body.error.details[0].message).toBe('until must be a day of 2026.');
    await t.http().get('/api/v1/uptake/moit-report').set(buyer.auth).expect(403);
    await t.http().get('/api/v1/uptake/moit-report').set(owner.A!.auth).expect(403);
    await t.http().get('/api/v1/uptake/moit-report').expect(401);
  });

  it('lists the most frequent sync errors of each platform', async () => {
    const health = await get('sync-health', { from: '2026-11-01', to: '2026-11-30' });
    expect(health.topErrors).toEqual([
      { platform: 'shopee', code: 'error_param', message: 'Invalid category.', count: 2 },
      { platform: 'shopee', code: 'error_image', message: 'Image too small.', count: 1 },
    ]);
    expect((await get('sync-health', { from: '2026-10-01', to: '2026-10-31' })).topErrors).toEqual([]);
  });

  it('breaks sales, products on sale and onboarding down by channel and by former district', async () => {
    const period = { from: '2026-01-01', to: '2026-06-30', interval: 'month' };
    const series = (body: { series: Array<{ key: string; values: number[] }> }, key: string) => body.series.find((s) => s.key === key)?.values;
    const gmv = await get('timeseries', { ...period, metric: 'gmv', by: 'channel' });
    expect(series(gmv, 'web')).toEqual([200_000, 0, 0, 0, 300_000, 90_000]);
    expect(series(gmv, 'shopee')).toEqual([0, 0, 0, 0, 0, 0]);
    expect(series(await get('timeseries', { ...period, metric: 'orders', by: 'former_district' }), '543')).toEqual([0, 0, 0, 0, 0, 1]);
    // P3 is archived now, so it never shows as on sale (archiving keeps no date).
    expect(series(await get('timeseries', { ...period, metric: 'active_products', by: 'former_district' }), '549')).toEqual([1, 2, 2, 2, 2, 2]);
    const onboarded = await get('timeseries', { ...period, metric: 'onboarded_cooperatives', by: 'former_district' });
    expect([series(onboarded, '549'), series(onboarded, '543')]).toEqual([
      [1, 1, 1, 1, 1, 1],
      [0, 0, 1, 1, 1, 1],
    ]);
    const onSale = await get('timeseries', { ...period, metric: 'active_products', by: 'channel' });
    expect([series(onSale, 'web'), series(onSale, 'lazada'), series(onSale, 'shopee')]).toEqual([
      [1, 2, 2, 2, 2, 2],
      [0, 0, 0, 1, 1, 1],
      [0, 0, 0, 0, 0, 0],
    ]);
    const connected = await get('timeseries', { ...period, metric: 'onboarded_cooperatives', by: 'channel' });
    expect([series(connected, 'web'), series(connected, 'shopee'), series(connected, 'lazada')]).toEqual([
      [1, 1, 2, 2, 2, 2],
      [0, 0, 1, 1, 1, 1],
      [0, 0, 0, 1, 1, 1],
    ]);
    expect(await fields('timeseries', { ...period, metric: 'onboarded_cooperatives', by: 'category' })).toEqual(['by']);
  });

  for (const filter of [{}, { formerDistrictCode: '549' }, { wardCode: '21637' }] as Array<Record<string, string>>) {
    it(`exports a workbook whose every figure is the screen’s (${JSON.stringify(filter)})`, async () => {
      const query = { from: '2026-01-01', to: '2026-11-30', ...filter };
      const [summary, localities, channels] = await Promise.all([get('summary', query), get('localities', query), get('channels', query)]);
      const res = await t
        .http()
        .get('/api/v1/uptake/export.xlsx')
        .query(query)
        .set(official.auth)
        .buffer(true)
        .parse((r, done) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(res.body as unknown as ArrayBuffer);
      const rows = (name: string) =>
        book
          .getWorksheet(name)!
          .getRows(2, book.getWorksheet(name)!.rowCount - 1)!
          .map((r) => (r.values as unknown[]).slice(1));

      const overview = Object.fromEntries(rows('Tổng quan').map(([label, value]) => [label, value]));
      expect(overview).toEqual({
        'HTX đã đăng ký': summary.cooperatives.registered,
        'HTX đã gửi hồ sơ': summary.cooperatives.submitted,
        'HTX được duyệt': summary.cooperatives.approved,
        'HTX có sản phẩm đang bán': summary.cooperatives.withActiveProducts,
        'HTX có kết nối sàn ngoài': summary.cooperatives.withExternalChannel,
        'HTX có đơn hàng trong kỳ': summary.cooperatives.withSalesInPeriod,
        'Sản phẩm đang bán': summary.products.active,
        'Sản phẩm OCOP': summary.products.ocop,
        'Sản phẩm OCOP đang bán trực tuyến': summary.products.ocopOnline,
        'Số đơn hàng trong kỳ': summary.orders.count,
        'Giá trị hàng hoá (GMV) trong kỳ': summary.orders.gmv,
        'Lượt truy cập sàn trong kỳ (toàn tỉnh)': summary.visits,
      });

      // One product with two variants: the channel sheet counts products, like the overview.
      const web = rows('Theo kênh').find((r) => r[0] === 'Sàn Nông sản (web)')!;
      expect([web[1], web[3]]).toEqual([summary.cooperatives.withActiveProducts, summary.products.active]);
      expect(rows('Theo kênh').map((r) => r[3])).toEqual(channels.channels.map((c: { products: number }) => c.products));

      for (const [sheet, list] of [
        ['Theo huyện cũ', localities.formerDistricts],
        ['Theo phường xã', localities.wards],
      ] as const) {
        const read = rows(sheet);
        expect(read.map((r) => [r[0], r[2], r[3], r[4], r[6], r[7], r[8], r[9]])).toEqual(
          list.map((l: Record<string, unknown>) => [l.code, l.cooperatives, l.approved, l.online, l.ocopOnline, l.ocopTotal, l.gmv, l.activeProducts]),
        );
        const sum = (i: number) => read.reduce((n, r) => n + Number(r[i] ?? 0), 0);
        expect([sum(2), sum(3), sum(4), sum(9), sum(6), sum(7), sum(8)]).toEqual([
          summary.cooperatives.registered,
          summary.cooperatives.approved,
          summary.cooperatives.withActiveProducts,
          summary.products.active,
          summary.products.ocopOnline,
          summary.products.ocop,
          summary.orders.gmv,
        ]);
      }
      const monthly = rows('GMV theo tháng').reduce((n, r) => n + r.slice(1).reduce((m: number, v) => m + Number(v ?? 0), 0), 0);
      expect(monthly).toBe(summary.orders.gmv);
    });
  }

  it('counts storefront visits without keeping who visited, and caps one address per day', async () => {
    const [{ today }] = await sql(`SELECT (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date::text AS today`);
    const before = (await get('summary', { from: today, to: today })).visits;
    for (let i = 0; i < 3; i++) await t.http().post('/api/v1/visits').expect(204);
    expect((await get('summary', { from: today, to: today })).visits).toBe(before + 3);

    // The same address past the daily cap is ignored, and still answered 204.
    for (let i = 0; i < 50; i++) await t.http().post('/api/v1/visits').expect(204);
    const [{ visits }] = await sql(`SELECT visits FROM storefront_visit_days WHERE day = $1::date`, [today]);
    expect(Number(visits)).toBe(50);

    const stored = JSON.stringify(await sql(`SELECT encode(visitor, 'hex') AS visitor, visits FROM storefront_visitor_days`));
    expect(stored).not.toMatch(/127\.0\.0\.1|::1|3132372e302e302e31/);
    expect(await sql(`SELECT day::text FROM storefront_visit_salts`)).toEqual([{ day: today }]);
  });

  it('counts a parcel the carrier brought back as a failed transaction and never as sales', async () => {
    const until = { year: 2026, until: '2026-11-30' };
    const before = await get('moit-report', until);
    const gmv = (await get('summary', { from: '2026-01-01', to: '2026-11-30' })).orders.gmv;
    const id = await order('P1', 1, 'cod', '2026-10-10T09:00:00+07:00');
    // Shipped, then returned by the carrier (the carrier's push is delivery-shipments.e2e's; here only its outcome counts).
    for (const step of ['confirm', 'pack', 'ship']) {
      await t
        .http()
        .post(`/api/v1/orders/${id}/${step}`)
        .set(owner.A!.auth)
        .send(step === 'ship' ? { carrier: 'GHN', trackingNumber: `GHN${++keys}` } : {})
        .expect(200);
    }
    await sql(`UPDATE orders SET status = 'returned', updated_at = now() WHERE id = $1`, [id]);
    expect(await get('moit-report', until)).toMatchObject({
      soLuongGiaoDich: before.soLuongGiaoDich + 1,
      tongSoDonHangThanhCong: before.tongSoDonHangThanhCong,
      tongSoDonHangKhongThanhCong: before.tongSoDonHangKhongThanhCong + 1,
      tongGiaTriGiaoDich: before.tongGiaTriGiaoDich,
    });
    expect((await get('summary', { from: '2026-01-01', to: '2026-11-30' })).orders.gmv).toBe(gmv);
  });
});
