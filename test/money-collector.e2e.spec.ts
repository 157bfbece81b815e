import { Role } from '@nongsan/core';
import { createTestApp, signIn, signInCollector, type Session, type TestApp } from './harness/app.js';
import { createSellableVariant } from './harness/catalog-fixtures.js';
import { approveCooperative, createCooperative } from './harness/fixtures.js';

const address = { fullName: 'Phạm Thị Hoa', phone: '0914 222 333', addressLine: '3 Nguyễn Huệ', wardCode: '21583' };

describe('the collector: who confirms a transfer, refunds, and what a cooperative can be paid', () => {
  let t: TestApp;
  let official: Session;
  let collector: Session;
  let ownerA: Session;
  let ownerB: Session;
  let buyer: Session;
  let coopA: string;
  let coopB: string;
  let candy: string;
  let sauce: string;
  let keys = 0;

  const checkout = async (items: Array<{ variantId: string; quantity: number }>, paymentMethod = 'vietqr') =>
    (
      await t
        .http()
        .post('/api/v1/checkouts')
        .set(buyer.auth)
        .set('Idempotency-Key', `collector-${process.pid}-${++keys}`)
        .send({ items, shippingAddress: address, paymentMethod })
        .expect(201)
    ).body;
  const order = async (id: string, who: Session = buyer) => (await t.http().get(`/api/v1/orders/${id}`).set(who.auth).expect(200)).body;
  const ledger = async (coop: string) => (await t.http().get(`/api/v1/cooperatives/${coop}/payouts`).set(official.auth).expect(200)).body;
  const stateOf = async (checkoutId: string) =>
    (await t.db.query(`SELECT status FROM orders WHERE checkout_id = $1 ORDER BY position`, [checkoutId])).map((r: { status: string }) => r.status);

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
    candy = await createSellableVariant(t, coopA, ownerA, 'KD-COL', 45000, 100, 300);
    sauce = await createSellableVariant(t, coopB, ownerB, 'NM-COL', 95000, 100, 1200);
  });
  afterAll(() => t.close());

  it('refuses a cooperative admin (403, nothing changes); the collector pays every order of the checkout at once', async () => {
    const shared = await checkout([
      { variantId: candy, quantity: 1 },
      { variantId: sauce, quantity: 1 },
    ]);
    const [a, b] = shared.orders;
    const refused = await t.http().post(`/api/v1/orders/${a.id}/payment-received`).set(ownerA.auth).expect(403);
    expect(refused.body.error.code).toBe('FORBIDDEN');
    await t.http().post(`/api/v1/admin/checkouts/${shared.id}/payment-received`).set(ownerA.auth).send({}).expect(403);
    await t.http().post(`/api/v1/admin/checkouts/${shared.id}/payment-received`).set(official.auth).send({}).expect(403);
    expect(await stateOf(shared.id)).toEqual(['pending_payment', 'pending_payment']);
    expect((await ledger(coopA)).items).toEqual([]);

    const paid = await t
      .http()
      .post(`/api/v1/admin/checkouts/${shared.id}/payment-received`)
      .set(collector.auth)
      .send({ reference: 'FT26340000001' })
      .expect(200);
    expect(paid.body.payment).toEqual({ method: 'vietqr', status: 'succeeded', amount: shared.total });
    expect(paid.body.orders.map((o: { status: string }) => o.status)).toEqual(['paid', 'paid']);
    expect((await order(b.id, ownerB)).timeline.at(-1)).toMatchObject({ from: 'pending_payment', to: 'paid', actor: { id: collector.userId } });
    const [payment] = await t.db.query(`SELECT received_reference, received_by FROM payments WHERE checkout_id = $1`, [shared.id]);
    expect(payment).toEqual({ received_reference: 'FT26340000001', received_by: collector.userId });
    // Each cooperative earns its own order the moment the money is in.
    expect((await ledger(coopA)).items.map((e: { kind: string; amount: number }) => [e.kind, e.amount])).toEqual([['order_earning', a.total]]);
    expect((await ledger(coopB)).balance).toBe(b.total);
    const again = await t.http().post(`/api/v1/admin/checkouts/${shared.id}/payment-received`).set(collector.auth).send({}).expect(409);
    expect(again.body.error.code).toBe('PAYMENT_NOT_PENDING');
    const bad = await t.http().post(`/api/v1/admin/checkouts/${shared.id}/payment-received`).set(collector.auth).send({ reference: '' }).expect(400);
    expect(bad.body.error.details.map((d: { field: string }) => d.field)).toEqual(['reference']);
  });

  it('owes a cancelled paid order back: refund pending, the earning reversed, then recorded by the collector', async () => {
    const bought = await checkout([{ variantId: candy, quantity: 2 }]);
    const orderId = bought.orders[0].id;
    await t.http().post(`/api/v1/orders/${orderId}/payment-received`).set(collector.auth).expect(200);
    const before = (await ledger(coopA)).balance;
    const cancelled = await t.http().post(`/api/v1/orders/${orderId}/cancel`).set(ownerA.auth).send({ reason: 'Hết hàng' }).expect(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', refund: { amount: bought.total, status: 'pending', method: 'bank', cause: 'cancellation' } });
    const after = await ledger(coopA);
    expect(after.balance).toBe(before - bought.total);
    expect(after.items[0]).toMatchObject({ kind: 'refund', orderId, refundId: cancelled.body.refund.id, amount: -bought.total });
    expect((await order(orderId)).refund).toMatchObject({ status: 'pending' });

    const pending = await t.http().get('/api/v1/admin/refunds').query({ status: 'pending' }).set(collector.auth).expect(200);
    expect(pending.body.items.map((r: { id: string }) => r.id)).toContain(cancelled.body.refund.id);
    await t.http().get('/api/v1/admin/refunds').set(ownerA.auth).expect(403);
    await t.http().post(`/api/v1/admin/refunds/${cancelled.body.refund.id}/refunded`).set(ownerA.auth).send({ reference: 'x' }).expect(403);
    await t.http().post(`/api/v1/admin/refunds/${cancelled.body.refund.id}/refunded`).set(collector.auth).send({}).expect(400);
    const done = await t
      .http()
      .post(`/api/v1/admin/refunds/${cancelled.body.refund.id}/refunded`)
      .set(collector.auth)
      .send({ reference: 'FT26340000777' })
      .expect(200);
    expect(done.body).toMatchObject({ status: 'refunded', reference: 'FT26340000777' });
    expect((await order(orderId)).refund).toMatchObject({ amount: bought.total, status: 'refunded', method: 'bank' });
    const [payment] = await t.db.query(`SELECT status FROM payments WHERE checkout_id = $1`, [bought.id]);
    expect(payment.status).toBe('refunded');
    await t.http().post(`/api/v1/admin/refunds/${cancelled.body.refund.id}/refunded`).set(collector.auth).send({ reference: 'FT-again' }).expect(409);
    // The ledger moved once: recording the transfer back does not reverse the earning again.
    expect((await ledger(coopA)).balance).toBe(before - bought.total);
  });

  it('owes back money that arrives for an order the buyer cancelled before paying, and pays the rest', async () => {
    const shared = await checkout([
      { variantId: candy, quantity: 1 },
      { variantId: sauce, quantity: 1 },
    ]);
    const [a, b] = shared.orders;
    await t.http().post(`/api/v1/orders/${a.id}/cancel`).set(buyer.auth).send({}).expect(200);
    expect((await order(a.id)).refund).toBeNull();
    await t.http().post(`/api/v1/admin/checkouts/${shared.id}/payment-received`).set(collector.auth).send({}).expect(200);
    expect(await stateOf(shared.id)).toEqual(['cancelled', 'paid']);
    expect((await order(a.id)).refund).toMatchObject({ amount: a.total, status: 'pending', cause: 'unpaid_order', method: 'bank' });
    expect((await order(b.id)).refund).toBeNull();
  });

  it('never pays a cooperative refunded money or money of orders still on their way: 409 above what is available', async () => {
    const delivered = (await checkout([{ variantId: sauce, quantity: 1 }])).orders[0];
    await t.http().post(`/api/v1/orders/${delivered.id}/payment-received`).set(collector.auth).expect(200);
    for (const step of ['confirm', 'pack']) await t.http().post(`/api/v1/orders/${delivered.id}/${step}`).set(ownerB.auth).expect(200);
    await t.http().post(`/api/v1/orders/${delivered.id}/ship`).set(ownerB.auth).send({ carrier: 'GHN', trackingNumber: 'GHN1' }).expect(200);
    await t.http().post(`/api/v1/orders/${delivered.id}/deliver`).set(ownerB.auth).expect(200);
    const refunded = (await checkout([{ variantId: sauce, quantity: 3 }])).orders[0];
    await t.http().post(`/api/v1/orders/${refunded.id}/payment-received`).set(collector.auth).expect(200);
    await t.http().post(`/api/v1/orders/${refunded.id}/cancel`).set(buyer.auth).send({}).expect(200);

    await t
      .http()
      .put(`/api/v1/cooperatives/${coopB}/payout-account`)
      .set(ownerB.auth)
      .send({ bankBin: '970418', accountNumber: '5611 0000 1234', accountName: 'HTX Nuoc mam De Gi' })
      .expect(200);
    const { balance, available } = await ledger(coopB);
    // Paid in the first test and not yet delivered: earned, but not to be paid out yet.
    const inTransit = (await t.db.query(`SELECT coalesce(sum(total), 0)::int AS total FROM orders WHERE cooperative_id = $1 AND status = 'paid'`, [coopB]))[0]
      .total;
    expect(available).toBe(balance - inTransit);
    expect(available).toBe(delivered.total);
    const tooMuch = await t
      .http()
      .post(`/api/v1/admin/cooperatives/${coopB}/payouts`)
      .set(collector.auth)
      .send({ amount: available + 1, reference: 'UNC-1' })
      .expect(409);
    expect(tooMuch.body.error).toMatchObject({ code: 'PAYOUT_EXCEEDS_BALANCE', details: [{ field: 'amount' }] });
    const paid = await t
      .http()
      .post(`/api/v1/admin/cooperatives/${coopB}/payouts`)
      .set(collector.auth)
      .send({ amount: available, reference: 'UNC-2' })
      .expect(201);
    expect(paid.body.available).toBe(0);
  });
});
