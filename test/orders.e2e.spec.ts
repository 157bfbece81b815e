import { MarketplaceOrdersService, OrdersService, parseVietQr } from '@nongsan/order';
import { Role } from '@nongsan/core';
import { addMember, createTestApp, signIn, signInCollector, type Session, type TestApp } from './harness/app.js';
import { createProduct, createSellableVariant, stockOf as storedStock } from './harness/catalog-fixtures.js';
import { approveCooperative, createCooperative } from './harness/fixtures.js';

const address = { fullName: 'Nguyễn Văn An', phone: '0912 345 678', addressLine: '12 ngõ 34 Láng Hạ', wardCode: '00175', province: 'Hà Nội' };
let keyCounter = 0;
const newKey = () => `test-key-${process.pid}-${++keyCounter}-${Date.now()}`;

describe('orders: checkout, stock, payment, fulfilment', () => {
  let t: TestApp;
  let official: Session;
  let collector: Session;
  let ownerA: Session;
  let ownerB: Session;
  let buyer: Session;
  let coopA: string;
  let coopB: string;

  const stockOf = (variantId: string) => storedStock(t, variantId);
  const checkout = (who: Session, body: Record<string, unknown>, key = newKey()) =>
    t.http().post('/api/v1/checkouts').set(who.auth).set('Idempotency-Key', key).send(body);
  const product = (coop: string, owner: Session, sku: string, price: number, stock: number, weightGrams?: number) =>
    createSellableVariant(t, coop, owner, sku, price, stock, weightGrams);

  beforeAll(async () => {
    t = await createTestApp();
    official = await signIn(t, Role.Official);
    collector = await signInCollector(t);
    ownerA = await signIn(t);
    ownerB = await signIn(t);
    buyer = await signIn(t);
    coopA = (await createCooperative(t, ownerA, { overrides: { name: 'HTX Kẹo dừa Tam Quan' } })).id;
    coopB = (await createCooperative(t, ownerB, { overrides: { name: 'HTX Nước mắm Đề Gi' } })).id;
    await approveCooperative(t, ownerA, official, coopA);
    await approveCooperative(t, ownerB, official, coopB);
  });
  afterAll(() => t.close());

  it('splits one checkout into an order per cooperative, prices and ships each, and reserves the stock', async () => {
    const candy = await product(coopA, ownerA, 'KD-1', 45000, 20, 300);
    const sauce = await product(coopB, ownerB, 'NM-1', 95000, 10, 1200);
    const res = await checkout(buyer, {
      items: [
        { variantId: candy, quantity: 2 },
        { variantId: sauce, quantity: 2 },
      ],
      shippingAddress: address,
      paymentMethod: 'cod',
    }).expect(201);
    expect(res.body.orders).toHaveLength(2);
    const [a, b] = res.body.orders;
    // 2 × 300 g = 600 g → first band (22.000 ₫); 2 × 1.2 kg = 2.4 kg → second band (30.000 ₫).
    expect(a).toMatchObject({
      cooperativeId: coopA,
      status: 'placed',
      itemsTotal: 90000,
      shippingFee: 22000,
      total: 112000,
      cooperativeName: 'HTX Kẹo dừa Tam Quan',
    });
    expect(b).toMatchObject({ cooperativeId: coopB, status: 'placed', itemsTotal: 190000, shippingFee: 30000, total: 220000 });
    expect(res.body).toMatchObject({ itemsTotal: 280000, shippingTotal: 52000, total: 332000, payment: { method: 'cod', status: 'pending', amount: 332000 } });
    expect(a.lines).toEqual([
      {
        variantId: candy,
        productId: expect.any(String),
        productName: 'Sản phẩm KD-1',
        variantName: 'Mặc định',
        sku: 'KD-1',
        unitPrice: 45000,
        quantity: 2,
        lineTotal: 90000,
      },
    ]);
    expect(res.body.shippingAddress.phone).toBe('+84912345678');
    expect([await stockOf(candy), await stockOf(sauce)]).toEqual([18, 8]);

    const mine = await t.http().get('/api/v1/me/orders').set(buyer.auth).expect(200);
    expect(mine.body.items.map((o: { id: string }) => o.id).sort()).toEqual([a.id, b.id].sort());
    const sellerView = await t.http().get(`/api/v1/cooperatives/${coopA}/orders`).set(ownerA.auth).expect(200);
    expect(sellerView.body.items.map((o: { id: string }) => o.id)).toContain(a.id);
    expect(sellerView.body.items.map((o: { id: string }) => o.id)).not.toContain(b.id);
    expect(sellerView.body.totals.orders).toBeGreaterThanOrEqual(1);
  });

  it('lists a cooperative’s orders of one channel, with totals for that channel; a malformed channel is 400 naming it', async () => {
    const fish = await product(coopA, ownerA, 'CH-1', 60000, 30);
    const { body: web } = await checkout(buyer, { items: [{ variantId: fish, quantity: 1 }], shippingAddress: address, paymentMethod: 'cod' }).expect(201);
    const placed = await t.db.transaction((manager) =>
      t.app.get(MarketplaceOrdersService).place(manager, {
        cooperativeId: coopA,
        channel: 'shopee',
        externalReference: `CH-${process.pid}`,
        buyerName: 'shopee_buyer',
        lines: [{ variantId: fish, quantity: 2, unitPrice: 58000 }],
      }),
    );
    if (!placed.placed) throw new Error('marketplace order not placed');
    const list = async (channel: string) => (await t.http().get(`/api/v1/cooperatives/${coopA}/orders`).query({ channel }).set(ownerA.auth).expect(200)).body;
    const shopee = await list('shopee');
    expect(shopee.items.map((o: { id: string }) => o.id)).toEqual([placed.orderId]);
    expect(shopee.totals).toMatchObject({ orders: 1, itemsTotal: 116000 });
    const onWeb = await list('web');
    expect(onWeb.items.map((o: { id: string }) => o.id)).toContain(web.orders[0].id);
    expect(onWeb.items.every((o: { channel: string }) => o.channel === 'web')).toBe(true);
    expect((await list('lazada')).items).toEqual([]);
    const bad = await t.http().get(`/api/v1/cooperatives/${coopA}/orders`).query({ channel: 'Shopee; DROP' }).set(ownerA.auth).expect(400);
    expect(bad.body.error.details.map((d: { field: string }) => d.field)).toEqual(['channel']);
  });

  it('pays by VietQR: a payload that scans to the amount and reference, then marked received', async () => {
    const rice = await product(coopA, ownerA, 'GAO-1', 120000, 10, 5000);
    const res = await checkout(buyer, { items: [{ variantId: rice, quantity: 1 }], shippingAddress: address, paymentMethod: 'vietqr' }).expect(201);
    const qr = res.body.payment.vietqr;
    expect(res.body.orders[0]).toMatchObject({ status: 'pending_payment' });
    expect(Date.parse(res.body.orders[0].paymentDueAt)).toBeGreaterThan(Date.now() + 25 * 60_000);
    expect(parseVietQr(qr.payload)).toEqual({ bankBin: '970446', accountNumber: '0000000000', amount: res.body.total, purpose: res.body.reference });
    expect(qr.imageDataUrl).toMatch(/^data:image\/png;base64,/);
    expect(res.body.reference).toMatch(/^NS[0-9A-HJKMNP-TV-Z]{8}$/);

    const orderId = res.body.orders[0].id;
    // The money lands on the collector's account: only its people can say it arrived.
    await t.http().post(`/api/v1/orders/${orderId}/payment-received`).set(buyer.auth).expect(403);
    await t.http().post(`/api/v1/orders/${orderId}/payment-received`).set(ownerB.auth).expect(404);
    await t.http().post(`/api/v1/orders/${orderId}/payment-received`).set(ownerA.auth).expect(403);
    await t.http().post(`/api/v1/orders/${orderId}/payment-received`).set(official.auth).expect(403);
    const paid = await t.http().post(`/api/v1/orders/${orderId}/payment-received`).set(collector.auth).expect(200);
    expect(paid.body.status).toBe('paid');
    const again = await t.http().post(`/api/v1/orders/${orderId}/payment-received`).set(collector.auth).expect(409);
    expect(again.body.error.code).toBe('PAYMENT_NOT_PENDING');
    const view = await t.http().get(`/api/v1/checkouts/${res.body.id}`).set(buyer.auth).expect(200);
    expect(view.body.payment).toEqual({ method: 'vietqr', status: 'succeeded', amount: res.body.total });
  });

  it('never oversells: 200 parallel checkouts for 50 units → exactly 50 orders, the rest 409, stock 0', async () => {
    const hot = await product(coopA, ownerA, 'HOT-1', 10000, 50);
    const responses = await Promise.all(
      Array.from({ length: 200 }, () => checkout(buyer, { items: [{ variantId: hot, quantity: 1 }], shippingAddress: address, paymentMethod: 'cod' })),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(50);
    expect(statuses.filter((s) => s === 409)).toHaveLength(150);
    expect(await stockOf(hot)).toBe(0);
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM order_lines WHERE variant_id = $1`, [hot]);
    expect(count).toBe(50);
    const refused = responses.find((r) => r.status === 409)!;
    expect(refused.body.error).toMatchObject({
      code: 'STOCK_INSUFFICIENT',
      details: [{ field: 'items[0].quantity', message: '“Sản phẩm HOT-1” đã hết hàng.' }],
    });
  });

  it('takes several variants all or nothing under concurrency, without deadlocks', async () => {
    const x = await product(coopA, ownerA, 'MIX-X', 10000, 30);
    const y = await product(coopB, ownerB, 'MIX-Y', 10000, 30);
    const responses = await Promise.all(
      Array.from({ length: 80 }, (_, i) =>
        checkout(buyer, {
          items:
            i % 2
              ? [
                  { variantId: x, quantity: 1 },
                  { variantId: y, quantity: 1 },
                ]
              : [
                  { variantId: y, quantity: 1 },
                  { variantId: x, quantity: 1 },
                ],
          shippingAddress: address,
          paymentMethod: 'cod',
        }),
      ),
    );
    expect(responses.filter((r) => r.status === 201)).toHaveLength(30);
    expect(responses.filter((r) => r.status !== 201 && r.status !== 409)).toEqual([]);
    expect([await stockOf(x), await stockOf(y)]).toEqual([0, 0]);
  });

  it('makes one checkout of five concurrent retries with one Idempotency-Key; another body under it is 422', async () => {
    const item = await product(coopA, ownerA, 'IDEM-1', 30000, 10);
    const body = { items: [{ variantId: item, quantity: 3 }], shippingAddress: address, paymentMethod: 'cod' };
    const key = newKey();
    const responses = await Promise.all(Array.from({ length: 5 }, () => checkout(buyer, body, key)));
    expect(responses.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
    expect(await stockOf(item)).toBe(7);
    const other = await checkout(buyer, { ...body, items: [{ variantId: item, quantity: 4 }] }, key).expect(422);
    expect(other.body.error).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', details: [{ field: 'Idempotency-Key' }] });
    // Another buyer's identical key is theirs alone.
    const stranger = await signIn(t);
    const theirs = await checkout(stranger, body, key).expect(201);
    expect(theirs.body.id).not.toBe(responses[0].body.id);
  });

  it('refuses bad checkouts naming the field, and keeps the stock of the good lines', async () => {
    const ok = await product(coopA, ownerA, 'BAD-OK', 10000, 5);
    const few = await product(coopB, ownerB, 'BAD-FEW', 10000, 1);
    const draft = (await createProduct(t, coopA, ownerA, { overrides: { variants: [{ sku: 'BAD-DRAFT', name: 'x', price: 1000, weightGrams: 1, stock: 9 }] } }))
      .variantIds[0];
    const base = { shippingAddress: address, paymentMethod: 'cod' };

    await t
      .http()
      .post('/api/v1/checkouts')
      .set(buyer.auth)
      .send({ ...base, items: [{ variantId: ok, quantity: 1 }] })
      .expect(400);
    const short = await checkout(buyer, {
      ...base,
      items: [
        { variantId: ok, quantity: 2 },
        { variantId: few, quantity: 3 },
      ],
    }).expect(409);
    expect(short.body.error.details).toEqual([{ field: 'items[1].quantity', message: '“Sản phẩm BAD-FEW” chỉ còn 1 sản phẩm.' }]);
    expect(await stockOf(ok)).toBe(5);

    const fields = async (body: Record<string, unknown>) => (await checkout(buyer, body).expect(400)).body.error.details.map((d: { field: string }) => d.field);
    expect(await fields({ ...base, items: [{ variantId: draft, quantity: 1 }] })).toEqual(['items[0].variantId']);
    expect(await fields({ ...base, items: [{ variantId: ok, quantity: 0 }] })).toEqual(['items[0].quantity']);
    expect(await fields({ ...base, items: [{ variantId: ok, quantity: 101 }] })).toEqual(['items[0].quantity']);
    expect(
      await fields({
        ...base,
        items: [
          { variantId: ok, quantity: 1 },
          { variantId: ok, quantity: 1 },
        ],
      }),
    ).toEqual(['items[1].variantId']);
    expect(await fields({ ...base, paymentMethod: 'card', items: [{ variantId: ok, quantity: 1 }] })).toEqual(['paymentMethod']);
    expect(await fields({ ...base, shippingAddress: { ...address, phone: '123' }, items: [{ variantId: ok, quantity: 1 }] })).toEqual([
      'shippingAddress.phone',
    ]);
    expect(await stockOf(ok)).toBe(5);
  });

  it('walks the fulfilment steps; illegal steps are 409; cancelling gives the stock back', async () => {
    const item = await product(coopA, ownerA, 'FLOW-1', 50000, 10);
    const order = (await checkout(buyer, { items: [{ variantId: item, quantity: 2 }], shippingAddress: address, paymentMethod: 'cod' }).expect(201)).body
      .orders[0];
    const step = (path: string, who: Session, body: Record<string, unknown> = {}) =>
      t.http().post(`/api/v1/orders/${order.id}/${path}`).set(who.auth).send(body);

    expect((await step('ship', ownerA, { carrier: 'Viettel Post', trackingNumber: 'VTP1' }).expect(409)).body.error.details).toEqual([
      { field: 'status', message: 'Trạng thái hiện tại: placed.' },
    ]);
    await step('confirm', buyer).expect(404);
    await step('confirm', ownerB).expect(404);
    await step('confirm', ownerA).expect(200);
    await step('pack', ownerA).expect(200);
    await step('cancel', buyer).expect(409); // packed: too late for the buyer
    await step('ship', ownerA, {}).expect(400);
    const shipped = await step('ship', ownerA, { carrier: 'Viettel Post', trackingNumber: 'VTP123456789' }).expect(200);
    expect(shipped.body).toMatchObject({ status: 'shipped', carrier: 'Viettel Post', trackingNumber: 'VTP123456789' });
    await step('cancel', ownerA).expect(409);
    const delivered = await step('deliver', ownerA).expect(200);
    expect(delivered.body.timeline.map((c: { to: string }) => c.to)).toEqual(['placed', 'confirmed', 'packed', 'shipped', 'delivered']);
    expect(await stockOf(item)).toBe(8);

    const second = (await checkout(buyer, { items: [{ variantId: item, quantity: 3 }], shippingAddress: address, paymentMethod: 'cod' }).expect(201)).body
      .orders[0];
    expect(await stockOf(item)).toBe(5);
    const cancelled = await t.http().post(`/api/v1/orders/${second.id}/cancel`).set(buyer.auth).send({ reason: 'Đặt nhầm' }).expect(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelReason: 'Đặt nhầm' });
    expect(await stockOf(item)).toBe(8);
    await t.http().post(`/api/v1/orders/${second.id}/cancel`).set(buyer.auth).send({}).expect(409);
  });

  it('names who made each move in the timeline, for the buyer and the cooperative alike', async () => {
    const register = async (email: string, fullName: string): Promise<Session & { fullName: string }> => {
      const { body } = await t.http().post('/api/v1/auth/register').send({ email, password: 'mat-khau-thu-nghiem', fullName }).expect(201);
      return {
        userId: body.user.id,
        email,
        accessToken: body.accessToken,
        refreshToken: body.refreshToken,
        auth: { Authorization: `Bearer ${body.accessToken}` },
        fullName,
      };
    };
    const mai = await register(`mai-${Date.now()}@example.vn`, 'Lê Thị Mai');
    const hung = await register(`hung-${Date.now()}@example.vn`, 'Trần Văn Hùng');
    await addMember(t, ownerA, coopA, hung);
    const item = await product(coopA, ownerA, 'NAME-1', 30000, 5);

    const placed = await checkout(mai, { items: [{ variantId: item, quantity: 1 }], shippingAddress: address, paymentMethod: 'cod' }).expect(201);
    const order = placed.body.orders[0];
    expect(order.timeline).toEqual([
      { from: null, to: 'placed', note: null, at: expect.any(String), by: mai.userId, actor: { id: mai.userId, name: 'Lê Thị Mai' } },
    ]);
    await t.http().post(`/api/v1/orders/${order.id}/confirm`).set(hung.auth).expect(200);
    await t.http().post(`/api/v1/orders/${order.id}/cancel`).set(ownerA.auth).send({ reason: 'Hết hàng' }).expect(200);

    const expected = [
      { to: 'placed', actor: { id: mai.userId, name: 'Lê Thị Mai' } },
      { to: 'confirmed', actor: { id: hung.userId, name: 'Trần Văn Hùng' } },
      { to: 'cancelled', actor: { id: ownerA.userId, name: 'Người Thử' } },
    ];
    const timeline = (body: { timeline: Array<{ to: string; actor: unknown }> }) => body.timeline.map(({ to, actor }) => ({ to, actor }));
    expect(timeline((await t.http().get(`/api/v1/orders/${order.id}`).set(mai.auth).expect(200)).body)).toEqual(expected);
    expect(timeline((await t.http().get(`/api/v1/orders/${order.id}`).set(hung.auth).expect(200)).body)).toEqual(expected);
    const listed = (await t.http().get(`/api/v1/cooperatives/${coopA}/orders`).set(ownerA.auth).expect(200)).body.items.find(
      (o: { id: string }) => o.id === order.id,
    );
    expect(timeline(listed)).toEqual(expected);
    expect(listed.timeline.map((c: { by: string | null }) => c.by)).toEqual([mai.userId, hung.userId, ownerA.userId]);
  });

  it('expires unpaid VietQR orders, gives their stock back, and records a late transfer for refund', async () => {
    const item = await product(coopA, ownerA, 'EXP-1', 40000, 10);
    const cod = await checkout(buyer, { items: [{ variantId: item, quantity: 1 }], shippingAddress: address, paymentMethod: 'cod' }).expect(201);
    const qr = await checkout(buyer, { items: [{ variantId: item, quantity: 4 }], shippingAddress: address, paymentMethod: 'vietqr' }).expect(201);
    expect(await stockOf(item)).toBe(5);

    const orders = t.app.get(OrdersService);
    expect(await orders.expireUnpaid(new Date())).toBe(0); // not due yet
    expect(await orders.expireUnpaid(new Date(Date.now() + 31 * 60_000))).toBeGreaterThanOrEqual(1);
    expect(await stockOf(item)).toBe(9);
    const expired = await t.http().get(`/api/v1/orders/${qr.body.orders[0].id}`).set(buyer.auth).expect(200);
    expect(expired.body).toMatchObject({ status: 'cancelled', cancelReason: 'Hết hạn thanh toán' });
    expect(expired.body.timeline.at(-1)).toMatchObject({ from: 'pending_payment', to: 'cancelled', by: null, actor: null });
    const codOrder = await t.http().get(`/api/v1/orders/${cod.body.orders[0].id}`).set(buyer.auth).expect(200);
    expect(codOrder.body.status).toBe('placed');

    // The buyer paid anyway, after the deadline: the money is recorded and owed back.
    await t.http().post(`/api/v1/orders/${qr.body.orders[0].id}/payment-received`).set(collector.auth).expect(200);
    const [payment] = await t.db.query(`SELECT status, needs_refund FROM payments WHERE checkout_id = $1`, [qr.body.id]);
    expect(payment).toEqual({ status: 'succeeded', needs_refund: true });
    expect(await stockOf(item)).toBe(9);
  });

  it('keeps orders private: other buyers, other cooperatives and anonymous callers see nothing', async () => {
    const item = await product(coopA, ownerA, 'PRIV-1', 50000, 10);
    const res = await checkout(buyer, { items: [{ variantId: item, quantity: 1 }], shippingAddress: address, paymentMethod: 'cod' }).expect(201);
    const orderId = res.body.orders[0].id;
    const stranger = await signIn(t);
    await t.http().get(`/api/v1/orders/${orderId}`).set(stranger.auth).expect(404);
    await t.http().get(`/api/v1/checkouts/${res.body.id}`).set(stranger.auth).expect(404);
    await t.http().get(`/api/v1/orders/${orderId}`).set(ownerB.auth).expect(404);
    await t.http().get(`/api/v1/cooperatives/${coopA}/orders`).set(ownerB.auth).expect(404);
    await t.http().post(`/api/v1/orders/${orderId}/cancel`).set(ownerB.auth).send({}).expect(404);
    await t.http().get(`/api/v1/orders/${orderId}`).expect(401);
    const strangers = await t.http().get('/api/v1/me/orders').set(stranger.auth).expect(200);
    expect(strangers.body.items).toEqual([]);
    await t.http().get(`/api/v1/orders/${orderId}`).set(ownerA.auth).expect(200);
    await t.http().get(`/api/v1/orders/${orderId}`).set(official.auth).expect(200);
    await t.http().post(`/api/v1/orders/${orderId}/confirm`).set(official.auth).expect(403);
  });
});
