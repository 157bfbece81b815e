import { randomUUID } from 'node:crypto';
import { Role } from '@nongsan/core';
import { createTestApp, signIn, type Session, type TestApp } from './harness/app.js';
import { createProduct, createSellableVariant, stockOf as storedStock } from './harness/catalog-fixtures.js';
import { approveCooperative, createCooperative } from './harness/fixtures.js';

const address = { fullName: 'Nguyễn Văn An', phone: '0912 345 678', addressLine: '12 ngõ 34 Láng Hạ', wardCode: '00175', province: 'Hà Nội' };

interface Quote {
  parcels: Array<{
    cooperativeId: string;
    cooperativeName: string;
    lines: Array<Record<string, unknown>>;
    itemsTotal: number;
    weightGrams: number;
    shippingFee: number;
    shipping: { carrier: string | null; fee: number; fallback: boolean };
  }>;
  itemsTotal: number;
  shippingTotal: number;
  total: number;
  problems: Array<{ field: string; code: string; message: string }>;
  paymentMethods: string[];
}

describe('checkout quote: a cart priced as the checkout will charge it, nothing taken', () => {
  let t: TestApp;
  let ownerA: Session;
  let ownerB: Session;
  let buyer: Session;
  let coopA: string;
  let coopB: string;

  const quote = (body: unknown, locale?: string) => {
    const req = t.http().post('/api/v1/checkouts/quote');
    if (locale) req.set('Accept-Language', locale);
    return req.send(body as object);
  };
  const stockOf = (variantId: string) => storedStock(t, variantId);
  const count = async (table: string) => (await t.db.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;
  const product = (coop: string, owner: Session, sku: string, price: number, stock: number, weightGrams?: number) =>
    createSellableVariant(t, coop, owner, sku, price, stock, weightGrams);

  beforeAll(async () => {
    t = await createTestApp();
    const official = await signIn(t, Role.Official);
    ownerA = await signIn(t);
    ownerB = await signIn(t);
    buyer = await signIn(t);
    coopA = (await createCooperative(t, ownerA, { overrides: { name: 'HTX Kẹo dừa Tam Quan' } })).id;
    coopB = (await createCooperative(t, ownerB, { overrides: { name: 'HTX Nước mắm Đề Gi' } })).id;
    await approveCooperative(t, ownerA, official, coopA);
    await approveCooperative(t, ownerB, official, coopB);
  });
  afterAll(() => t.close());

  it('splits two cooperatives into two parcels with the totals and shipping the checkout then charges', async () => {
    const candy = await product(coopA, ownerA, 'Q-KD', 45000, 20, 300);
    const sauce = await product(coopB, ownerB, 'Q-NM', 95000, 10, 1200);
    const candy2 = await product(coopA, ownerA, 'Q-KD2', 30000, 5, 800);
    const items = [
      { variantId: candy, quantity: 2 },
      { variantId: sauce, quantity: 2 },
      { variantId: candy2, quantity: 1 },
    ];

    const res = await quote({ items }).expect(200);
    const q = res.body as Quote;
    expect(q.problems).toEqual([]);
    // A: 2 × 300 g + 800 g = 1.4 kg → 30.000 ₫; B: 2 × 1.2 kg = 2.4 kg → 30.000 ₫.
    expect(q.parcels).toEqual([
      {
        cooperativeId: coopA,
        cooperativeName: 'HTX Kẹo dừa Tam Quan',
        lines: [
          {
            variantId: candy,
            productId: expect.any(String),
            productName: 'Sản phẩm Q-KD',
            variantName: 'Mặc định',
            sku: 'Q-KD',
            unitPrice: 45000,
            quantity: 2,
            lineTotal: 90000,
            available: 20,
          },
          {
            variantId: candy2,
            productId: expect.any(String),
            productName: 'Sản phẩm Q-KD2',
            variantName: 'Mặc định',
            sku: 'Q-KD2',
            unitPrice: 30000,
            quantity: 1,
            lineTotal: 30000,
            available: 5,
          },
        ],
        itemsTotal: 120000,
        weightGrams: 1400,
        shippingFee: 30000,
        // No carrier connected: the flat table's fee, nothing to tell the buyer.
        shipping: { carrier: null, fee: 30000, fallback: false },
      },
      {
        cooperativeId: coopB,
        cooperativeName: 'HTX Nước mắm Đề Gi',
        lines: [
          {
            variantId: sauce,
            productId: expect.any(String),
            productName: 'Sản phẩm Q-NM',
            variantName: 'Mặc định',
            sku: 'Q-NM',
            unitPrice: 95000,
            quantity: 2,
            lineTotal: 190000,
            available: 10,
          },
        ],
        itemsTotal: 190000,
        weightGrams: 2400,
        shippingFee: 30000,
        shipping: { carrier: null, fee: 30000, fallback: false },
      },
    ]);
    expect(q).toMatchObject({ itemsTotal: 310000, shippingTotal: 60000, total: 370000, shippingNotice: null });
    expect([await stockOf(candy), await stockOf(sauce), await stockOf(candy2)]).toEqual([20, 10, 5]);

    const checkout = await t
      .http()
      .post('/api/v1/checkouts')
      .set(buyer.auth)
      .set('Idempotency-Key', `quote-${process.pid}-1`)
      .send({ items, shippingAddress: address, paymentMethod: 'cod' })
      .expect(201);
    expect({ itemsTotal: checkout.body.itemsTotal, shippingTotal: checkout.body.shippingTotal, total: checkout.body.total }).toEqual({
      itemsTotal: q.itemsTotal,
      shippingTotal: q.shippingTotal,
      total: q.total,
    });
    expect(
      checkout.body.orders.map((o: Record<string, unknown>) => ({
        cooperativeId: o.cooperativeId,
        cooperativeName: o.cooperativeName,
        lines: o.lines,
        itemsTotal: o.itemsTotal,
        weightGrams: o.weightGrams,
        shippingFee: o.shippingFee,
        shipping: o.shipping,
      })),
    ).toEqual(q.parcels.map((p) => ({ ...p, lines: p.lines.map(({ available: _, ...line }) => line) })));
  });

  it('reports short, unavailable, unknown and over-the-limit lines with fields and messages, in Vietnamese by default', async () => {
    const ok = await product(coopA, ownerA, 'Q-OK', 10000, 5, 200);
    const few = await product(coopB, ownerB, 'Q-FEW', 20000, 1, 300);
    const draft = (await createProduct(t, coopA, ownerA, { overrides: { variants: [{ sku: 'Q-DRAFT', name: 'x', price: 1000, weightGrams: 1, stock: 9 }] } }))
      .variantIds[0];
    const items = [
      { variantId: ok, quantity: 1 },
      { variantId: few, quantity: 3 },
      { variantId: draft, quantity: 1 },
      { variantId: randomUUID(), quantity: 1 },
    ];

    const vi = (await quote({ items }).expect(200)).body as Quote;
    expect(vi.problems).toEqual([
      { field: 'items[1].quantity', code: 'STOCK_INSUFFICIENT', message: '“Sản phẩm Q-FEW” chỉ còn 1 sản phẩm.' },
      { field: 'items[2].variantId', code: 'VARIANT_UNAVAILABLE', message: 'Sản phẩm này hiện không bán.' },
      { field: 'items[3].variantId', code: 'VARIANT_UNAVAILABLE', message: 'Sản phẩm này hiện không bán.' },
    ]);
    // Unavailable lines are left out; the short line is priced as asked.
    expect(vi.parcels.map((p) => p.lines.map((l) => [l.sku, l.quantity, l.lineTotal, l.available]))).toEqual([
      [['Q-OK', 1, 10000, 5]],
      [['Q-FEW', 3, 60000, 1]],
    ]);
    expect(vi).toMatchObject({ itemsTotal: 70000, shippingTotal: 44000, total: 114000 });

    const en = (await quote({ items }, 'en-US,en;q=0.9').expect(200)).body as Quote;
    expect(en.problems.map((p) => p.message)).toEqual([
      'Only 1 of “Sản phẩm Q-FEW” left.',
      'This product is not for sale now.',
      'This product is not for sale now.',
    ]);

    const tooMany = (await quote({ items: [{ variantId: ok, quantity: 101 }] }).expect(200)).body as Quote;
    expect(tooMany.problems).toEqual([
      { field: 'items[0].quantity', code: 'QUANTITY_ABOVE_MAX', message: 'Mỗi đơn chỉ mua được tối đa 100 “Sản phẩm Q-OK”.' },
      { field: 'items[0].quantity', code: 'STOCK_INSUFFICIENT', message: '“Sản phẩm Q-OK” chỉ còn 5 sản phẩm.' },
    ]);
    const repeated = (
      await quote(
        {
          items: [
            { variantId: ok, quantity: 1 },
            { variantId: ok, quantity: 2 },
          ],
        },
        'en',
      ).expect(200)
    ).body as Quote;
    expect(repeated.problems).toEqual([
      { field: 'items[1].variantId', code: 'ITEM_REPEATED', message: 'This product is already on another line of the cart.' },
    ]);
    expect(repeated.itemsTotal).toBe(10000);

    // The checkout refuses the same lines, naming the same fields.
    const refused = await t
      .http()
      .post('/api/v1/checkouts')
      .set(buyer.auth)
      .set('Idempotency-Key', `quote-${process.pid}-2`)
      .send({ items, shippingAddress: address, paymentMethod: 'cod' })
      .expect(400);
    expect(refused.body.error.details.map((d: { field: string }) => d.field)).toEqual(['items[2].variantId', 'items[3].variantId']);
    const over = await t
      .http()
      .post('/api/v1/checkouts')
      .set(buyer.auth)
      .set('Idempotency-Key', `quote-${process.pid}-3`)
      .send({ items: [{ variantId: ok, quantity: 101 }], shippingAddress: address, paymentMethod: 'cod' })
      .expect(400);
    expect(over.body.error.details).toEqual([{ field: 'items[0].quantity', message: 'Mỗi đơn chỉ mua được tối đa 100 “Sản phẩm Q-OK”.' }]);
  });

  it('reserves nothing and writes nothing, and needs no sign-in', async () => {
    const item = await product(coopA, ownerA, 'Q-RO', 10000, 3);
    const before = await Promise.all(['checkouts', 'orders', 'stock_reservations', 'payments'].map(count));
    await Promise.all(Array.from({ length: 5 }, () => quote({ items: [{ variantId: item, quantity: 3 }] }).expect(200)));
    expect(await stockOf(item)).toBe(3);
    expect(await Promise.all(['checkouts', 'orders', 'stock_reservations', 'payments'].map(count))).toEqual(before);
  });

  it('offers cash on delivery and VietQR, not card, when Stripe is not configured', async () => {
    const item = await product(coopA, ownerA, 'Q-PAY', 10000, 3);
    const q = (await quote({ items: [{ variantId: item, quantity: 1 }] }).expect(200)).body as Quote;
    expect(q.paymentMethods).toEqual(['cod', 'vietqr']);
  });

  it('refuses a malformed body with 400 naming the field', async () => {
    const fields = async (body: unknown) => {
      const res = await quote(body).expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      return res.body.error.details.map((d: { field: string }) => d.field);
    };
    const id = randomUUID();
    expect(await fields({})).toEqual(['items']);
    expect(await fields({ items: [] })).toEqual(['items']);
    expect(await fields({ items: Array.from({ length: 51 }, () => ({ variantId: id, quantity: 1 })) })).toEqual(['items']);
    expect(await fields({ items: [{ variantId: 'abc', quantity: 1 }] })).toEqual(['items[0].variantId']);
    expect(await fields({ items: [{ variantId: id, quantity: 0 }] })).toEqual(['items[0].quantity']);
    expect(await fields({ items: [{ variantId: id, quantity: 1.5 }] })).toEqual(['items[0].quantity']);
    // Integers all the same to class-validator: they priced to Infinity, sent as `total: null` (issue #28).
    for (const quantity of [1e308, Number.MAX_SAFE_INTEGER + 2, 2 ** 31, 100_001])
      expect(await fields({ items: [{ variantId: id, quantity }] })).toEqual(['items[0].quantity']);
    const huge = await t
      .http()
      .post('/api/v1/checkouts')
      .set(buyer.auth)
      .set('Idempotency-Key', `quote-${process.pid}-huge`)
      .send({ items: [{ variantId: id, quantity: 1e308 }], shippingAddress: address, paymentMethod: 'cod' })
      .expect(400);
    expect(huge.body.error.details).toEqual([{ field: 'items[0].quantity', message: '“items[0].quantity” phải nhỏ hơn hoặc bằng 100000.' }]);
    expect(await fields({ items: [{ variantId: id, quantity: 1 }], paymentMethod: 'cod' })).toEqual(['paymentMethod']);
    const malformed = await t.http().post('/api/v1/checkouts/quote').set('Content-Type', 'application/json').send('{"items": [').expect(400);
    expect(malformed.body.error.code).toBe('MALFORMED_JSON');
  });
});
