import { Role } from '@nongsan/core';
import Stripe from 'stripe';
import { StripeFake } from './fakes/stripe.fake.js';
import { createTestApp, signIn, signInCollector, type Session, type TestApp } from './harness/app.js';
import { createSellableVariant } from './harness/catalog-fixtures.js';
import { eventually } from './harness/eventually.js';
import { approveCooperative, createCooperative } from './harness/fixtures.js';

const WEBHOOK_SECRET = 'whsec_test_nongsan_desk_0123456789';
const address = { fullName: 'Lê Thị Thu', phone: '0905 777 888', addressLine: '12 Trần Phú', wardCode: '21583' };
const signer = new Stripe('sk_test_signer_only');

/** The lists and actions the collector's screens need: transfers to confirm, past statements, a card refund sent again. */
describe('the collector’s desk: transfers to confirm, past statements, card refunds retried', () => {
  let stripe: StripeFake;
  let t: TestApp;
  let collector: Session;
  let official: Session;
  let owner: Session;
  let buyer: Session;
  let coop: string;
  let otherCoop: string;
  let candy: string;
  let sauce: string;
  let keys = 0;

  const checkout = async (items: Array<{ variantId: string; quantity: number }>, paymentMethod = 'vietqr') =>
    (
      await t
        .http()
        .post('/api/v1/checkouts')
        .set(buyer.auth)
        .set('Idempotency-Key', `desk-${process.pid}-${++keys}`)
        .send({ items, shippingAddress: address, paymentMethod })
        .expect(201)
    ).body;
  const paidByCard = async () => {
    const made = await checkout([{ variantId: candy, quantity: 1 }], 'card');
    const intent = stripe.succeed([...stripe.intents.values()].find((i) => i.metadata.checkoutId === made.id)!.id);
    const payload = JSON.stringify({
      id: `evt_${intent.id}`,
      object: 'event',
      type: 'payment_intent.succeeded',
      api_version: '2025-01-01',
      created: Math.floor(Date.now() / 1000),
      data: { object: { id: intent.id, object: 'payment_intent', amount: made.total, currency: 'vnd', status: 'succeeded' } },
    });
    await t
      .http()
      .post('/api/v1/payments/stripe/webhook')
      .set('Content-Type', 'application/json')
      .set('Stripe-Signature', signer.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET }))
      .send(payload)
      .expect(200);
    return { checkout: made, intentId: intent.id };
  };

  beforeAll(async () => {
    stripe = await new StripeFake().start();
    t = await createTestApp({ env: { STRIPE_SECRET_KEY: stripe.secretKey, STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET, STRIPE_API_BASE: stripe.url } });
    official = await signIn(t, Role.Official);
    collector = await signInCollector(t);
    owner = await signIn(t);
    const otherOwner = await signIn(t);
    buyer = await signIn(t);
    coop = (await createCooperative(t, owner, { overrides: { name: 'HTX Kẹo dừa Bàn Thạch' } })).id;
    otherCoop = (await createCooperative(t, otherOwner, { overrides: { name: 'HTX Nước mắm Gò Bồi' } })).id;
    await approveCooperative(t, owner, official, coop);
    await approveCooperative(t, otherOwner, official, otherCoop);
    candy = await createSellableVariant(t, coop, owner, 'KD-DESK', 45000, 100, 300);
    sauce = await createSellableVariant(t, otherCoop, otherOwner, 'NM-DESK', 95000, 100, 1200);
  });
  afterAll(async () => {
    await t.close();
    await stripe.stop();
  });

  it('lists the VietQR checkouts still waiting for their transfer, newest first, page by page; a confirmed one leaves the list', async () => {
    const shared = await checkout([
      { variantId: candy, quantity: 1 },
      { variantId: sauce, quantity: 2 },
    ]);
    const single = await checkout([{ variantId: candy, quantity: 2 }]);
    await checkout([{ variantId: candy, quantity: 1 }], 'cod');

    const first = await t.http().get('/api/v1/admin/checkouts').query({ status: 'awaiting_transfer', limit: 1 }).set(collector.auth).expect(200);
    expect(first.body.items.map((c: { id: string }) => c.id)).toEqual([single.id]);
    const second = await t
      .http()
      .get('/api/v1/admin/checkouts')
      .query({ status: 'awaiting_transfer', limit: 1, cursor: first.body.nextCursor })
      .set(collector.auth)
      .expect(200);
    expect(second.body.items).toEqual([
      {
        id: shared.id,
        reference: expect.stringMatching(/^NS[A-Z0-9]{8}$/),
        amountDue: shared.total,
        buyer: { id: buyer.userId, fullName: expect.any(String), email: buyer.email, phone: null },
        cooperatives: [
          { id: coop, name: 'HTX Kẹo dừa Bàn Thạch', total: shared.orders[0].total },
          { id: otherCoop, name: 'HTX Nước mắm Gò Bồi', total: shared.orders[1].total },
        ],
        createdAt: expect.any(String),
        dueAt: expect.any(String),
      },
    ]);
    expect(second.body.nextCursor).toBeNull();

    await t.http().post(`/api/v1/admin/checkouts/${shared.id}/payment-received`).set(collector.auth).send({}).expect(200);
    const after = await t.http().get('/api/v1/admin/checkouts').set(collector.auth).expect(200);
    expect(after.body.items.map((c: { id: string }) => c.id)).toEqual([single.id]);
  });

  it('refuses the list to an official without finance (403) and names a bad filter (400)', async () => {
    const refused = await t.http().get('/api/v1/admin/checkouts').set(official.auth).expect(403);
    expect(refused.body.error.code).toBe('FORBIDDEN');
    await t.http().get('/api/v1/admin/checkouts').set(owner.auth).expect(403);
    const bad = await t.http().get('/api/v1/admin/checkouts').query({ status: 'paid', limit: 0 }).set(collector.auth).expect(400);
    expect(bad.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['limit', 'status']);
  });

  it('lists past bank statements newest first with their lines counted', async () => {
    const waiting = await checkout([{ variantId: candy, quantity: 1 }]);
    const [{ payment_reference: reference }] = await t.db.query(`SELECT payment_reference FROM checkouts WHERE id = $1`, [waiting.id]);
    const today = new Date().toISOString().slice(0, 10);
    const upload = async (name: string, csv: string) =>
      (
        await t
          .http()
          .post('/api/v1/admin/bank-statements')
          .set(collector.auth)
          .attach('file', Buffer.from(csv), { filename: name, contentType: 'text/csv' })
          .expect(202)
      ).body;
    const older = await upload('thang11.csv', `Ngày giao dịch,Số tiền ghi có,Nội dung\n${today},50000,chuyen tien khong ro\n`);
    const newer = await upload(
      'thang12.csv',
      `Ngày giao dịch,Số tiền ghi có,Nội dung\n${today},${waiting.total},${reference} thanh toan\n${today},1000,${reference} thieu\n`,
    );
    const statementOf = async (id: string) => (await t.http().get(`/api/v1/admin/bank-statements/${id}`).set(collector.auth).expect(200)).body;
    await eventually(
      () => statementOf(older.statementId),
      (s) => s.status === 'completed',
    );
    await eventually(
      () => statementOf(newer.statementId),
      (s) => s.status === 'completed',
    );
    const { body } = await t.http().get('/api/v1/admin/bank-statements').set(collector.auth).expect(200);
    expect(body.items).toEqual([
      {
        id: newer.statementId,
        fileName: 'thang12.csv',
        jobId: newer.jobId,
        status: 'completed',
        counts: { matched: 1, short: 0, over: 1, unmatched: 0, duplicate: 0 },
        createdAt: expect.any(String),
      },
      {
        id: older.statementId,
        fileName: 'thang11.csv',
        jobId: older.jobId,
        status: 'completed',
        counts: { matched: 0, short: 0, over: 0, unmatched: 1, duplicate: 0 },
        createdAt: expect.any(String),
      },
    ]);
    const paged = await t.http().get('/api/v1/admin/bank-statements').query({ limit: 1 }).set(collector.auth).expect(200);
    const rest = await t.http().get('/api/v1/admin/bank-statements').query({ limit: 1, cursor: paged.body.nextCursor }).set(collector.auth).expect(200);
    expect(rest.body.items.map((s: { id: string }) => s.id)).toEqual([older.statementId]);
    await t.http().get('/api/v1/admin/bank-statements').set(official.auth).expect(403);
    const bad = await t.http().get('/api/v1/admin/bank-statements').query({ limit: 'many' }).set(collector.auth).expect(400);
    expect(new Set(bad.body.error.details.map((d: { field: string }) => d.field))).toEqual(new Set(['limit']));
  });

  it('sends a card refund Stripe refused again: two retries at once make one Stripe refund', async () => {
    const { checkout: bought, intentId } = await paidByCard();
    stripe.refuseRefunds = 1;
    const cancelled = await t.http().post(`/api/v1/orders/${bought.orders[0].id}/cancel`).set(buyer.auth).send({}).expect(200);
    const refundId = cancelled.body.refund.id as string;
    expect(cancelled.body.refund).toMatchObject({ status: 'pending', method: 'card' });
    expect(stripe.refundedOn(intentId)).toBe(0);

    await t.http().post(`/api/v1/admin/refunds/${refundId}/retry`).set(official.auth).expect(403);
    await t.http().post(`/api/v1/admin/refunds/${refundId}/retry`).set(owner.auth).expect(403);
    await t.http().post('/api/v1/admin/refunds/not-a-refund/retry').set(collector.auth).expect(404);

    const [a, b] = await Promise.all([
      t.http().post(`/api/v1/admin/refunds/${refundId}/retry`).set(collector.auth),
      t.http().post(`/api/v1/admin/refunds/${refundId}/retry`).set(collector.auth),
    ]);
    expect([a.status, b.status]).toContain(200);
    const stripeRefunds = [...stripe.refunds.values()].filter((r) => r.payment_intent === intentId);
    expect(stripeRefunds).toHaveLength(1);
    expect(stripe.refundedOn(intentId)).toBe(bought.total);
    const ok = a.status === 200 ? a : b;
    expect(ok.body).toMatchObject({ id: refundId, status: 'refunded', method: 'card', reference: stripeRefunds[0].id });
    expect((await t.http().get(`/api/v1/orders/${bought.orders[0].id}`).set(buyer.auth).expect(200)).body.refund).toMatchObject({
      status: 'refunded',
      reference: stripeRefunds[0].id,
    });

    const again = await t.http().post(`/api/v1/admin/refunds/${refundId}/retry`).set(collector.auth).expect(409);
    expect(again.body.error.code).toBe('REFUND_NOT_PENDING');
    expect([...stripe.refunds.values()].filter((r) => r.payment_intent === intentId)).toHaveLength(1);
  });

  it('tells a refused retry apart, records a card refund paid back by hand, and sends a bank refund to be recorded by hand', async () => {
    const { checkout: bought, intentId } = await paidByCard();
    stripe.refuseRefunds = 2;
    const cancelled = await t.http().post(`/api/v1/orders/${bought.orders[0].id}/cancel`).set(buyer.auth).send({}).expect(200);
    const refused = await t.http().post(`/api/v1/admin/refunds/${cancelled.body.refund.id}/retry`).set(collector.auth).set('Accept-Language', 'vi').expect(502);
    expect(refused.body.error).toMatchObject({ code: 'REFUND_REFUSED', message: expect.stringContaining('Stripe') });
    expect(stripe.refundedOn(intentId)).toBe(0);
    // Stripe keeps refusing: the collector pays the buyer back by transfer and records it, as the desk offers.
    const byHand = await t
      .http()
      .post(`/api/v1/admin/refunds/${cancelled.body.refund.id}/refunded`)
      .set(collector.auth)
      .send({ reference: 'FT26341000123' })
      .expect(200);
    expect(byHand.body).toMatchObject({ status: 'refunded', method: 'card', reference: 'FT26341000123' });
    expect(stripe.refundedOn(intentId)).toBe(0);

    const transfer = await checkout([{ variantId: candy, quantity: 1 }]);
    await t.http().post(`/api/v1/admin/checkouts/${transfer.id}/payment-received`).set(collector.auth).send({}).expect(200);
    const bank = await t.http().post(`/api/v1/orders/${transfer.orders[0].id}/cancel`).set(buyer.auth).send({}).expect(200);
    const notCard = await t.http().post(`/api/v1/admin/refunds/${bank.body.refund.id}/retry`).set(collector.auth).expect(409);
    expect(notCard.body.error).toMatchObject({ code: 'REFUND_NOT_CARD', details: [{ field: 'method' }] });
  });
});
