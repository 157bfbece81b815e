import { Role } from '@nongsan/core';
import { createTestApp, signIn, signInCollector, type Session, type TestApp } from './harness/app.js';
import { createProduct } from './harness/catalog-fixtures.js';
import { approveCooperative, createCooperative } from './harness/fixtures.js';

const address = { fullName: 'Lê Văn Cường', phone: '0935 111 222', addressLine: '7 Trần Hưng Đạo', wardCode: '21583' };

describe('payouts ledger: what each cooperative is owed and was paid', () => {
  let t: TestApp;
  let official: Session;
  let collector: Session;
  let owner: Session;
  let buyer: Session;
  let coop: string;
  let variantId: string;
  let key = 0;

  const order = async (paymentMethod: 'cod' | 'vietqr', quantity: number) => {
    const res = await t
      .http()
      .post('/api/v1/checkouts')
      .set(buyer.auth)
      .set('Idempotency-Key', `payout-${process.pid}-${++key}`)
      .send({ items: [{ variantId, quantity }], shippingAddress: address, paymentMethod })
      .expect(201);
    return res.body.orders[0] as { id: string; itemsTotal: number; total: number };
  };
  const deliver = async (orderId: string, paid: boolean) => {
    if (paid) await t.http().post(`/api/v1/orders/${orderId}/payment-received`).set(collector.auth).expect(200);
    for (const step of ['confirm', 'pack']) await t.http().post(`/api/v1/orders/${orderId}/${step}`).set(owner.auth).expect(200);
    await t
      .http()
      .post(`/api/v1/orders/${orderId}/ship`)
      .set(owner.auth)
      .send({ carrier: 'GHN', trackingNumber: `GHN-${orderId.slice(0, 8)}` })
      .expect(200);
    await t.http().post(`/api/v1/orders/${orderId}/deliver`).set(owner.auth).expect(200);
  };

  beforeAll(async () => {
    t = await createTestApp({ env: { PLATFORM_COMMISSION_BPS: '250' } });
    official = await signIn(t, Role.Official);
    collector = await signInCollector(t);
    owner = await signIn(t);
    buyer = await signIn(t);
    coop = (await createCooperative(t, owner)).id;
    await approveCooperative(t, owner, official, coop);
    variantId = (
      await createProduct(t, coop, owner, {
        overrides: { variants: [{ sku: 'PAY-1', name: 'Chai', price: 99999, weightGrams: 400, stock: 50 }] },
        publishAs: owner,
      })
    ).variantIds[0];
  });
  afterAll(() => t.close());

  it('credits a delivered online-paid order less commission, and charges commission for cash on delivery', async () => {
    const online = await order('vietqr', 2);
    const cash = await order('cod', 1);
    await deliver(online.id, true);
    await deliver(cash.id, false);
    // Commission: 2.5 % of the goods, rounded down to whole đồng; shipping stays with the cooperative.
    const earning = online.total - Math.floor((online.itemsTotal * 250) / 10_000);
    const commission = Math.floor((cash.itemsTotal * 250) / 10_000);
    const ledger = await t.http().get(`/api/v1/cooperatives/${coop}/payouts`).set(owner.auth).expect(200);
    expect(ledger.body.items.map((e: { kind: string; orderId: string; amount: number }) => [e.kind, e.orderId, e.amount]).sort()).toEqual(
      [
        ['commission_due', cash.id, -commission],
        ['order_earning', online.id, earning],
      ].sort(),
    );
    expect(ledger.body.balance).toBe(earning - commission);
  });

  it('records a bank transfer to the cooperative, never more than it is owed, and audits it', async () => {
    const missing = await t
      .http()
      .post(`/api/v1/admin/cooperatives/${coop}/payouts`)
      .set(collector.auth)
      .send({ amount: 1000, reference: 'UNC-0' })
      .expect(409);
    expect(missing.body.error).toMatchObject({ code: 'PAYOUT_ACCOUNT_MISSING', details: [{ field: 'payoutAccount' }] });
    await t
      .http()
      .put(`/api/v1/cooperatives/${coop}/payout-account`)
      .set(owner.auth)
      .send({ bankBin: '970436', accountNumber: '1017595600', accountName: 'HTX Nhơn Lộc' })
      .expect(200);
    const before = (await t.http().get(`/api/v1/cooperatives/${coop}/payouts`).set(official.auth).expect(200)).body.balance;
    const tooMuch = await t
      .http()
      .post(`/api/v1/admin/cooperatives/${coop}/payouts`)
      .set(collector.auth)
      .send({ amount: before + 1, reference: 'UNC-1' })
      .expect(409);
    expect(tooMuch.body.error).toMatchObject({ code: 'PAYOUT_EXCEEDS_BALANCE', details: [{ field: 'amount' }] });
    // Paid from the collector's account: an official without the finance permission cannot record it.
    await t.http().post(`/api/v1/admin/cooperatives/${coop}/payouts`).set(official.auth).send({ amount: 100000, reference: 'UNC 29/11 FT2633401' }).expect(403);
    const paid = await t
      .http()
      .post(`/api/v1/admin/cooperatives/${coop}/payouts`)
      .set(collector.auth)
      .send({ amount: 100000, reference: 'UNC 29/11 FT2633401' })
      .expect(201);
    expect(paid.body.balance).toBe(before - 100000);
    expect(paid.body.items[0]).toMatchObject({ kind: 'payout', amount: -100000, reference: 'UNC 29/11 FT2633401' });
    const audit = await t.http().get('/api/v1/admin/audit').query({ entity: 'cooperative', id: coop }).set(official.auth).expect(200);
    expect(audit.body.items[0]).toMatchObject({ action: 'cooperative.payout', actorUserId: collector.userId });
    const bad = await t.http().post(`/api/v1/admin/cooperatives/${coop}/payouts`).set(collector.auth).send({ amount: 1.5, reference: '' }).expect(400);
    expect(bad.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['amount', 'reference']);
  });

  it('shows the ledger to the cooperative and officials only; only officials record payouts', async () => {
    const stranger = await signIn(t);
    await t.http().get(`/api/v1/cooperatives/${coop}/payouts`).set(stranger.auth).expect(404);
    await t.http().get(`/api/v1/cooperatives/${coop}/payouts`).set(buyer.auth).expect(404);
    await t.http().get(`/api/v1/cooperatives/${coop}/payouts`).expect(401);
    await t.http().post(`/api/v1/admin/cooperatives/${coop}/payouts`).set(owner.auth).send({ amount: 1, reference: 'tự trả' }).expect(403);
  });
});
