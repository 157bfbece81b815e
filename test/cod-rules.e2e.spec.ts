import { Role } from '@nongsan/core';
import { OrdersService } from '@nongsan/order';
import { createTestApp, signIn, type Session, type TestApp } from './harness/app.js';
import { createSellableVariant, stockOf } from './harness/catalog-fixtures.js';
import { approveCooperative, createCooperative } from './harness/fixtures.js';

const address = { fullName: 'Huỳnh Văn Lộc', phone: '0935 666 777', addressLine: '5 Phan Bội Châu', wardCode: '21583' };

describe('cash on delivery cannot squat stock', () => {
  let t: TestApp;
  let owner: Session;
  let variantId: string;
  let keys = 0;

  const cod = (buyer: Session, quantity = 1, paymentMethod = 'cod') =>
    t
      .http()
      .post('/api/v1/checkouts')
      .set(buyer.auth)
      .set('Idempotency-Key', `cod-${process.pid}-${++keys}`)
      .send({ items: [{ variantId, quantity }], shippingAddress: address, paymentMethod });

  beforeAll(async () => {
    t = await createTestApp({ env: { COD_OPEN_ORDERS_PER_NEW_ACCOUNT: '3', COD_CONFIRM_HOURS: '48' } });
    const official = await signIn(t, Role.Official);
    owner = await signIn(t);
    const coop = (await createCooperative(t, owner)).id;
    await approveCooperative(t, owner, official, coop);
    variantId = await createSellableVariant(t, coop, owner, 'COD-1', 40000, 200, 500);
  });
  afterAll(() => t.close());

  it('cancels a cash-on-delivery order its cooperative left unconfirmed past COD_CONFIRM_HOURS, and releases its stock', async () => {
    const buyer = await signIn(t);
    const waiting = (await cod(buyer, 4).expect(201)).body.orders[0];
    const confirmed = (await cod(buyer, 1).expect(201)).body.orders[0];
    await t.http().post(`/api/v1/orders/${confirmed.id}/confirm`).set(owner.auth).expect(200);
    const before = await stockOf(t, variantId);
    const orders = t.app.get(OrdersService);
    expect(await orders.cancelUnconfirmedCod(new Date(Date.now() + 47 * 3_600_000))).toBe(0);
    expect(await orders.cancelUnconfirmedCod(new Date(Date.now() + 49 * 3_600_000))).toBe(1);
    const cancelled = (await t.http().get(`/api/v1/orders/${waiting.id}`).set(buyer.auth).expect(200)).body;
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: 'Hợp tác xã không xác nhận trong 48 giờ', refund: null });
    expect(cancelled.timeline.at(-1)).toMatchObject({ from: 'placed', to: 'cancelled', actor: null });
    expect(await stockOf(t, variantId)).toBe(before + 4);
    expect((await t.http().get(`/api/v1/orders/${confirmed.id}`).set(buyer.auth).expect(200)).body.status).toBe('confirmed');
  });

  it('lets an account younger than 30 days hold 3 open cash-on-delivery orders, with a clear 409 past that', async () => {
    const buyer = await signIn(t);
    const placed = [];
    for (let i = 0; i < 3; i++) placed.push((await cod(buyer).expect(201)).body.orders[0]);
    const refused = await cod(buyer).expect(409);
    expect(refused.body.error).toMatchObject({
      code: 'COD_LIMIT_REACHED',
      details: [{ field: 'paymentMethod', message: expect.stringContaining('tối đa 3') }],
    });
    const english = await cod(buyer).set('Accept-Language', 'en').expect(409);
    expect(english.body.error.details[0].message).toContain('at most 3');
    await cod(buyer, 1, 'vietqr').expect(201); // paying now is always possible
    // One delivered (no longer open) frees a place.
    for (const step of ['confirm', 'pack']) await t.http().post(`/api/v1/orders/${placed[0].id}/${step}`).set(owner.auth).expect(200);
    await t.http().post(`/api/v1/orders/${placed[0].id}/ship`).set(owner.auth).send({ carrier: 'GHN', trackingNumber: 'GHN-COD' }).expect(200);
    await t.http().post(`/api/v1/orders/${placed[0].id}/deliver`).set(owner.auth).expect(200);
    await cod(buyer).expect(201);
    await cod(buyer).expect(409);
  });

  it('lets several checkouts at once not slip past the limit together', async () => {
    const buyer = await signIn(t);
    const answers = await Promise.all(Array.from({ length: 6 }, () => cod(buyer)));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 201, 201, 409, 409, 409]);
  });

  it('does not limit an account older than 30 days', async () => {
    const buyer = await signIn(t);
    await t.db.query(`UPDATE users SET created_at = now() - interval '31 days' WHERE id = $1`, [buyer.userId]);
    for (let i = 0; i < 5; i++) await cod(buyer).expect(201);
  });
});
