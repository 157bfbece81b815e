import { Role } from '@nongsan/core';
import sharp from 'sharp';
import { createTestApp, signIn, signInCollector, type Session, type TestApp } from './harness/app.js';
import { createSellableVariant, stockOf } from './harness/catalog-fixtures.js';
import { approveCooperative, createCooperative } from './harness/fixtures.js';

const address = { fullName: 'Trương Văn Nam', phone: '0914 123 789', addressLine: '8 Ngô Mây', wardCode: '21583' };

describe('returns: a delivered order’s goods sent back, decided by the cooperative or an official', () => {
  let t: TestApp;
  let official: Session;
  let collector: Session;
  let owner: Session;
  let buyer: Session;
  let coop: string;
  let wine: string;
  let cake: string;
  let keys = 0;

  /** An order of `items` paid by `paymentMethod`, walked through to delivery. */
  const delivered = async (items: Array<{ variantId: string; quantity: number }>, paymentMethod: 'vietqr' | 'cod' = 'vietqr') => {
    const { body } = await t
      .http()
      .post('/api/v1/checkouts')
      .set(buyer.auth)
      .set('Idempotency-Key', `return-${process.pid}-${++keys}`)
      .send({ items, shippingAddress: address, paymentMethod })
      .expect(201);
    const order = body.orders[0] as { id: string; total: number; itemsTotal: number };
    if (paymentMethod === 'vietqr') await t.http().post(`/api/v1/orders/${order.id}/payment-received`).set(collector.auth).expect(200);
    for (const step of ['confirm', 'pack']) await t.http().post(`/api/v1/orders/${order.id}/${step}`).set(owner.auth).expect(200);
    await t
      .http()
      .post(`/api/v1/orders/${order.id}/ship`)
      .set(owner.auth)
      .send({ carrier: 'GHN', trackingNumber: `GHN-${keys}` })
      .expect(200);
    await t.http().post(`/api/v1/orders/${order.id}/deliver`).set(owner.auth).expect(200);
    return order;
  };
  const ask = (orderId: string, lines: Array<{ variantId: string; quantity: number }>, reason = 'Chai bị nứt khi nhận', who = buyer) =>
    t.http().post(`/api/v1/orders/${orderId}/returns`).set(who.auth).send({ lines, reason });
  const ledger = async () => (await t.http().get(`/api/v1/cooperatives/${coop}/payouts`).query({ limit: 100 }).set(owner.auth).expect(200)).body;

  beforeAll(async () => {
    t = await createTestApp({ env: { RETURN_WINDOW_DAYS: '7' } });
    official = await signIn(t, Role.Official);
    collector = await signInCollector(t);
    owner = await signIn(t);
    buyer = await signIn(t);
    coop = (await createCooperative(t, owner, { overrides: { name: 'HTX Rượu Bàu Đá Nhơn Lộc' } })).id;
    await approveCooperative(t, owner, official, coop);
    wine = await createSellableVariant(t, coop, owner, 'RBD-RET', 100000, 30, 800);
    cake = await createSellableVariant(t, coop, owner, 'BIT-RET', 50000, 30, 300);
  });
  afterAll(() => t.close());

  it('takes back part of an order within the window: the goods’ value refunded, the earning reversed, the stock back', async () => {
    const order = await delivered([
      { variantId: wine, quantity: 3 },
      { variantId: cake, quantity: 2 },
    ]);
    const bad = await ask(
      order.id,
      [
        { variantId: cake, quantity: 3 },
        { variantId: owner.userId, quantity: 1 },
      ],
      '',
    ).expect(400);
    expect(bad.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['reason']);
    const over = await ask(order.id, [
      { variantId: cake, quantity: 3 },
      { variantId: owner.userId, quantity: 1 },
      { variantId: cake, quantity: 1 },
    ]).expect(400);
    expect(over.body.error.details).toEqual([
      { field: 'lines[0].quantity', message: 'Chỉ còn trả được tối đa 2 sản phẩm này.' },
      { field: 'lines[1].variantId', message: 'Sản phẩm này không có trong đơn hàng.' },
      { field: 'lines[2].variantId', message: 'Sản phẩm này đã có ở dòng khác của yêu cầu.' },
    ]);
    await ask(order.id, [{ variantId: wine, quantity: 1 }], 'x', owner).expect(404);

    const asked = await ask(order.id, [{ variantId: wine, quantity: 2 }]).expect(201);
    expect(asked.body).toMatchObject({
      status: 'requested',
      amount: 200000,
      lines: [{ variantId: wine, sku: 'RBD-RET', unitPrice: 100000, quantity: 2, lineTotal: 200000 }],
      refund: null,
    });
    // Two more of the wine are spoken for until the cooperative answers.
    expect((await ask(order.id, [{ variantId: wine, quantity: 2 }]).expect(400)).body.error.details).toEqual([
      { field: 'lines[0].quantity', message: 'Chỉ còn trả được tối đa 1 sản phẩm này.' },
    ]);

    const before = { stock: await stockOf(t, wine), balance: (await ledger()).balance };
    await t.http().post(`/api/v1/returns/${asked.body.id}/accept`).set(buyer.auth).send({ goodsReturned: true }).expect(404);
    const accepted = await t.http().post(`/api/v1/returns/${asked.body.id}/accept`).set(owner.auth).send({ goodsReturned: true }).expect(200);
    expect(accepted.body).toMatchObject({
      status: 'accepted',
      goodsReturned: true,
      refund: { amount: 200000, status: 'pending', method: 'bank', cause: 'return', returnId: asked.body.id },
    });
    expect(await stockOf(t, wine)).toBe(before.stock + 2);
    const after = await ledger();
    expect(after.balance).toBe(before.balance - 200000);
    expect(after.items[0]).toMatchObject({ kind: 'refund', orderId: order.id, refundId: accepted.body.refund.id, amount: -200000 });
    await t.http().post(`/api/v1/returns/${asked.body.id}/refuse`).set(owner.auth).send({ reason: 'Đổi ý' }).expect(409);
    // The buyer sees it on the order; the collector pays it back like any bank refund.
    const listed = (await t.http().get(`/api/v1/orders/${order.id}/returns`).set(buyer.auth).expect(200)).body.items;
    expect(listed.map((r: { id: string; status: string }) => [r.id, r.status])).toEqual([[asked.body.id, 'accepted']]);
    await t.http().post(`/api/v1/admin/refunds/${accepted.body.refund.id}/refunded`).set(collector.auth).send({ reference: 'FT-TRA-HANG' }).expect(200);
    expect((await t.http().get(`/api/v1/returns/${asked.body.id}`).set(buyer.auth).expect(200)).body.refund).toMatchObject({
      status: 'refunded',
      reference: 'FT-TRA-HANG',
    });
  });

  it('lets the buyer escalate a refusal once; the official’s decision is final', async () => {
    const order = await delivered([{ variantId: cake, quantity: 4 }]);
    const first = (await ask(order.id, [{ variantId: cake, quantity: 2 }]).expect(201)).body;
    const refused = await t.http().post(`/api/v1/returns/${first.id}/refuse`).set(owner.auth).send({ reason: 'Bánh đã bóc hộp' }).expect(200);
    expect(refused.body).toMatchObject({ status: 'refused', decisionReason: 'Bánh đã bóc hộp', refund: null });
    // Refused units are free to ask for again.
    await t.http().post(`/api/v1/returns/${first.id}/escalate`).set(owner.auth).send({ note: 'x' }).expect(404);
    const escalated = await t.http().post(`/api/v1/returns/${first.id}/escalate`).set(buyer.auth).send({ note: 'Bánh mốc khi giao, có ảnh' }).expect(200);
    expect(escalated.body).toMatchObject({ status: 'escalated', escalationNote: 'Bánh mốc khi giao, có ảnh' });
    await t.http().post(`/api/v1/returns/${first.id}/escalate`).set(buyer.auth).send({ note: 'lần nữa' }).expect(409);
    await t.http().post(`/api/v1/returns/${first.id}/accept`).set(owner.auth).send({ goodsReturned: false }).expect(409);
    const waiting = (await t.http().get('/api/v1/admin/returns').query({ status: 'escalated' }).set(official.auth).expect(200)).body.items;
    expect(waiting.map((r: { id: string }) => r.id)).toContain(first.id);
    await t.http().get('/api/v1/admin/returns').set(owner.auth).expect(403);
    await t.http().post(`/api/v1/admin/returns/${first.id}/decide`).set(owner.auth).send({ decision: 'accept', reason: 'x' }).expect(403);

    const stock = await stockOf(t, cake);
    const decided = await t
      .http()
      .post(`/api/v1/admin/returns/${first.id}/decide`)
      .set(official.auth)
      .send({ decision: 'accept', reason: 'Ảnh cho thấy bánh mốc khi giao.' })
      .expect(200);
    expect(decided.body).toMatchObject({
      status: 'accepted',
      goodsReturned: false,
      decisionReason: 'Ảnh cho thấy bánh mốc khi giao.',
      refund: { amount: 100000, status: 'pending' },
    });
    expect(await stockOf(t, cake)).toBe(stock);

    const second = (await ask(order.id, [{ variantId: cake, quantity: 2 }]).expect(201)).body;
    await t.http().post(`/api/v1/returns/${second.id}/refuse`).set(owner.auth).send({ reason: 'Quá hạn dùng do người mua bảo quản sai' }).expect(200);
    await t.http().post(`/api/v1/returns/${second.id}/escalate`).set(buyer.auth).send({ note: 'Không đồng ý' }).expect(200);
    const final = await t
      .http()
      .post(`/api/v1/admin/returns/${second.id}/decide`)
      .set(official.auth)
      .send({ decision: 'refuse', reason: 'Hợp tác xã đúng.' })
      .expect(200);
    expect(final.body).toMatchObject({ status: 'refused', decisionReason: 'Hợp tác xã đúng.', refund: null });
    await t.http().post(`/api/v1/returns/${second.id}/escalate`).set(buyer.auth).send({ note: 'Lần nữa' }).expect(409);
    await t
      .http()
      .get(`/api/v1/returns/${second.id}`)
      .set(await signIn(t).then((s) => s.auth))
      .expect(404);
  });

  it('asks only of delivered orders, and only within RETURN_WINDOW_DAYS of delivery', async () => {
    const { body } = await t
      .http()
      .post('/api/v1/checkouts')
      .set(buyer.auth)
      .set('Idempotency-Key', `return-${process.pid}-${++keys}`)
      .send({ items: [{ variantId: wine, quantity: 1 }], shippingAddress: address, paymentMethod: 'cod' })
      .expect(201);
    await ask(body.orders[0].id, [{ variantId: wine, quantity: 1 }]).expect(409);
    const old = await delivered([{ variantId: wine, quantity: 1 }]);
    const open = (await t.http().get(`/api/v1/orders/${old.id}`).set(buyer.auth).expect(200)).body.returnableUntil;
    expect(Date.parse(open) - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
    await t.db.query(`UPDATE order_status_changes SET created_at = now() - interval '8 days' WHERE order_id = $1 AND to_status = 'delivered'`, [old.id]);
    expect(Date.parse((await t.http().get(`/api/v1/orders/${old.id}`).set(buyer.auth).expect(200)).body.returnableUntil)).toBeLessThan(Date.now());
    expect((await t.http().get(`/api/v1/orders/${body.orders[0].id}`).set(buyer.auth).expect(200)).body.returnableUntil).toBeNull();
    const closed = await ask(old.id, [{ variantId: wine, quantity: 1 }])
      .set('Accept-Language', 'en')
      .expect(409);
    expect(closed.body.error).toMatchObject({
      code: 'RETURN_WINDOW_CLOSED',
      message: 'More than 7 days have passed since delivery: a return can no longer be asked for.',
      details: [{ field: 'order' }],
    });
  });

  it('keeps the buyer’s photos private: the buyer, the cooperative and officials see them, another cooperative gets 404', async () => {
    const order = await delivered([{ variantId: wine, quantity: 1 }]);
    const asked = (await ask(order.id, [{ variantId: wine, quantity: 1 }]).expect(201)).body;
    expect(asked.photos).toEqual([]);
    const photo = (width: number, height: number) =>
      sharp({ create: { width, height, channels: 3, background: '#b33' } })
        .jpeg()
        .toBuffer();
    const upload = (who: Session, file: Buffer, name = 'chai-vo.jpg') =>
      t.http().post(`/api/v1/returns/${asked.id}/photos`).set(who.auth).attach('file', file, name);

    // Bad input names the field; only the buyer who asked may add one.
    expect((await t.http().post(`/api/v1/returns/${asked.id}/photos`).set(buyer.auth).field('note', 'x').expect(400)).body.error.details).toEqual([
      expect.objectContaining({ field: 'file' }),
    ]);
    expect((await upload(buyer, Buffer.from('%PDF-1.4 not a photo'), 'a.jpg').expect(400)).body.error.details).toEqual([
      expect.objectContaining({ field: 'file' }),
    ]);
    await upload(owner, await photo(40, 30)).expect(404);

    const withExif = await sharp({ create: { width: 2400, height: 1800, channels: 3, background: '#b33' } })
      .jpeg()
      .withExif({ IFD0: { ImageDescription: 'Nha rieng cua nguoi mua' } })
      .toBuffer();
    expect((await sharp(withExif).metadata()).exif).toBeDefined();
    const added = await upload(buyer, withExif).expect(201);
    expect(added.body.photos).toEqual([{ id: expect.any(String), url: expect.any(String), width: 1600, height: 1200 }]);
    // The link works without a token (an <img> sends none), and shows a re-encoded picture (no metadata carried over).
    const link: string = added.body.photos[0].url;
    const fetched = await t
      .http()
      .get(link)
      .responseType('blob')
      .expect(200)
      .expect('Content-Type', 'image/webp')
      .expect('Cache-Control', 'private, max-age=600');
    const stored = await sharp(fetched.body as Buffer).metadata();
    expect(stored).toMatchObject({ format: 'webp', width: 1600, height: 1200 });
    expect(stored.exif).toBeUndefined();
    // A link changed in any part (a later expiry, another signature, another photo) shows nothing.
    const expires = Number(new URL(link, 'http://x').searchParams.get('expires'));
    await t
      .http()
      .get(link.replace(`expires=${expires}`, `expires=${expires + 3600}`))
      .expect(404);
    await t
      .http()
      .get(link.replace(/signature=[^&]+/, 'signature=AAAA'))
      .expect(404);
    await t.http().get(link.replace(added.body.photos[0].id, asked.id)).expect(404);

    for (const who of [owner, official]) expect((await t.http().get(`/api/v1/returns/${asked.id}`).set(who.auth).expect(200)).body.photos).toHaveLength(1);
    const listed = (await t.http().get(`/api/v1/cooperatives/${coop}/returns`).query({ status: 'requested' }).set(owner.auth).expect(200)).body.items;
    expect(listed.find((r: { id: string }) => r.id === asked.id).photos).toHaveLength(1);

    const stranger = await signIn(t);
    const otherCoop = (await createCooperative(t, stranger, { overrides: { name: 'HTX Khác' } })).id;
    await t.http().get(`/api/v1/returns/${asked.id}`).set(stranger.auth).expect(404);
    await t.http().get(`/api/v1/orders/${order.id}/returns`).set(stranger.auth).expect(404);
    await t.http().get(`/api/v1/cooperatives/${coop}/returns`).set(stranger.auth).expect(404);
    expect((await t.http().get(`/api/v1/cooperatives/${otherCoop}/returns`).set(stranger.auth).expect(200)).body.items).toEqual([]);
    await upload(stranger, await photo(40, 30)).expect(404);

    for (let i = 1; i < 6; i++) await upload(buyer, await photo(40, 30)).expect(201);
    expect((await upload(buyer, await photo(40, 30)).expect(409)).body.error).toMatchObject({ code: 'RETURN_PHOTOS_FULL', details: [{ field: 'file' }] });

    // The seller portal's badge counts it until the cooperative answers.
    const overview = async () => (await t.http().get(`/api/v1/cooperatives/${coop}/overview`).set(owner.auth).expect(200)).body.returnsToAnswer;
    expect(await overview()).toBe(1);
    // Once the cooperative has answered, the evidence is fixed.
    await t.http().post(`/api/v1/returns/${asked.id}/refuse`).set(owner.auth).send({ reason: 'Chai còn nguyên' }).expect(200);
    await upload(buyer, await photo(40, 30)).expect(409);
    expect(await overview()).toBe(0);
  });

  it('pays back a cash-on-delivery buyer from what the cooperative is owed', async () => {
    const order = await delivered([{ variantId: cake, quantity: 2 }], 'cod');
    const asked = (await ask(order.id, [{ variantId: cake, quantity: 1 }]).expect(201)).body;
    const before = (await ledger()).balance;
    const accepted = await t.http().post(`/api/v1/returns/${asked.id}/accept`).set(owner.auth).send({ goodsReturned: true, reason: 'Nhận lại' }).expect(200);
    expect(accepted.body.refund).toMatchObject({ amount: 50000, method: 'bank', status: 'pending' });
    expect((await ledger()).balance).toBe(before - 50000);
  });
});
