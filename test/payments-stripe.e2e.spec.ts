import { Role } from '@nongsan/core';
import Stripe from 'stripe';
import { StripeFake } from './fakes/stripe.fake.js';
import { createTestApp, signIn, type Session, type TestApp } from './harness/app.js';
import { createProduct } from './harness/catalog-fixtures.js';
import { approveCooperative, createCooperative } from './harness/fixtures.js';

const WEBHOOK_SECRET = 'whsec_test_nongsan_0123456789abcdef';
const address = { fullName: 'Trần Thị Bích', phone: '0905 123 456', addressLine: '45 Lê Lợi', wardCode: '21583' };
const signer = new Stripe('sk_test_signer_only');

describe('card payments through Stripe (local fake speaking its wire format)', () => {
  let stripe: StripeFake;
  let t: TestApp;
  let buyer: Session;
  let variantId: string;
  let keys = 0;

  const cardCheckout = async (quantity = 1) =>
    (
      await t
        .http()
        .post('/api/v1/checkouts')
        .set(buyer.auth)
        .set('Idempotency-Key', `card-${process.pid}-${++keys}`)
        .send({ items: [{ variantId, quantity }], shippingAddress: address, paymentMethod: 'card' })
        .expect(201)
    ).body;

  /** Delivers an event the way Stripe does: JSON body, Stripe-Signature over the exact bytes. */
  const deliver = (event: Record<string, unknown>, secret = WEBHOOK_SECRET) => {
    const payload = JSON.stringify(event);
    const header = signer.webhooks.generateTestHeaderString({ payload, secret });
    return t.http().post('/api/v1/payments/stripe/webhook').set('Content-Type', 'application/json').set('Stripe-Signature', header).send(payload);
  };
  const intentEvent = (id: string, type: string, intentId: string, amount: number) => ({
    id,
    object: 'event',
    type,
    api_version: '2025-01-01',
    created: Math.floor(Date.now() / 1000),
    data: {
      object: { id: intentId, object: 'payment_intent', amount, currency: 'vnd', status: type.endsWith('succeeded') ? 'succeeded' : 'requires_payment_method' },
    },
  });
  const statusOf = async (checkoutId: string) => (await t.db.query(`SELECT status, needs_refund FROM payments WHERE checkout_id = $1`, [checkoutId]))[0];
  const ordersOf = async (checkoutId: string) =>
    (await t.db.query(`SELECT status FROM orders WHERE checkout_id = $1`, [checkoutId])).map((r: { status: string }) => r.status);

  beforeAll(async () => {
    stripe = await new StripeFake().start();
    t = await createTestApp({ env: { STRIPE_SECRET_KEY: stripe.secretKey, STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET, STRIPE_API_BASE: stripe.url } });
    const official = await signIn(t, Role.Official);
    const owner = await signIn(t);
    buyer = await signIn(t);
    const coop = (await createCooperative(t, owner)).id;
    await approveCooperative(t, owner, official, coop);
    variantId = (
      await createProduct(t, coop, owner, {
        overrides: { variants: [{ sku: 'CARD-1', name: 'Hộp quà', price: 150000, weightGrams: 800, stock: 100 }] },
        publishAs: owner,
      })
    ).variantIds[0];
  });
  afterAll(async () => {
    await t.close();
    await stripe.stop();
  });

  it('creates one PaymentIntent in whole đồng with the checkout id, idempotently', async () => {
    const checkout = await cardCheckout(2);
    const creates = stripe.requests.filter((r) => r.method === 'POST' && r.path === '/v1/payment_intents');
    const create = creates.at(-1)!;
    expect(create.params).toMatchObject({ amount: String(checkout.total), currency: 'vnd', 'metadata[checkoutId]': checkout.id });
    expect(create.idempotencyKey).toBe(`checkout-${checkout.id}`);
    expect(checkout.total).toBe(300000 + 30000); // 2 × 800 g = 1.6 kg: the 1–3 kg shipping band
    expect(checkout.payment).toMatchObject({
      method: 'card',
      status: 'pending',
      amount: checkout.total,
      stripe: { clientSecret: expect.stringMatching(/^pi_\w+_secret_\w+$/) },
    });
    expect(checkout.orders[0].status).toBe('pending_payment');
    const again = await t.http().get(`/api/v1/checkouts/${checkout.id}`).set(buyer.auth).expect(200);
    expect(again.body.payment.stripe.clientSecret).toBe(checkout.payment.stripe.clientSecret);
    expect(stripe.requests.filter((r) => r.path === '/v1/payment_intents')).toHaveLength(creates.length);
  });

  it('offers card in a checkout quote once Stripe is configured, and the quote prices as the card checkout charges', async () => {
    const intents = stripe.requests.filter((r) => r.path === '/v1/payment_intents').length;
    const quote = await t
      .http()
      .post('/api/v1/checkouts/quote')
      .send({ items: [{ variantId, quantity: 2 }] })
      .expect(200);
    expect(quote.body.paymentMethods).toEqual(['cod', 'vietqr', 'card']);
    expect(quote.body.total).toBe(300000 + 30000);
    expect(stripe.requests.filter((r) => r.path === '/v1/payment_intents')).toHaveLength(intents); // a quote never talks to Stripe
  });

  it('pays the orders on payment_intent.succeeded, once, however often it is delivered', async () => {
    const checkout = await cardCheckout();
    const intent = [...stripe.intents.values()].find((i) => i.metadata.checkoutId === checkout.id)!;
    const event = intentEvent(`evt_ok_${intent.id}`, 'payment_intent.succeeded', intent.id, checkout.total);
    expect((await deliver(event).expect(200)).body).toEqual({ received: true, duplicate: false });
    for (let i = 0; i < 3; i++) expect((await deliver(event).expect(200)).body).toEqual({ received: true, duplicate: true });
    expect(await statusOf(checkout.id)).toEqual({ status: 'succeeded', needs_refund: false });
    expect(await ordersOf(checkout.id)).toEqual(['paid']);
    const timeline = (await t.http().get(`/api/v1/orders/${checkout.orders[0].id}`).set(buyer.auth).expect(200)).body.timeline;
    expect(timeline.map((c: { to: string }) => c.to)).toEqual(['pending_payment', 'paid']);
  });

  it('holds in any order: a failure after a success changes nothing; a refund before the success wins', async () => {
    const first = await cardCheckout();
    const firstIntent = [...stripe.intents.values()].find((i) => i.metadata.checkoutId === first.id)!;
    await deliver(intentEvent(`evt_s_${firstIntent.id}`, 'payment_intent.succeeded', firstIntent.id, first.total)).expect(200);
    await deliver(intentEvent(`evt_f_${firstIntent.id}`, 'payment_intent.payment_failed', firstIntent.id, first.total)).expect(200);
    expect((await statusOf(first.id)).status).toBe('succeeded');

    const second = await cardCheckout();
    const secondIntent = [...stripe.intents.values()].find((i) => i.metadata.checkoutId === second.id)!;
    await deliver(intentEvent(`evt_f2_${secondIntent.id}`, 'payment_intent.payment_failed', secondIntent.id, second.total)).expect(200);
    expect((await statusOf(second.id)).status).toBe('failed');
    await deliver({
      id: `evt_r_${secondIntent.id}`,
      object: 'event',
      type: 'charge.refunded',
      created: Math.floor(Date.now() / 1000),
      data: { object: { id: 'ch_1', object: 'charge', amount: second.total, amount_refunded: second.total, payment_intent: secondIntent.id } },
    }).expect(200);
    await deliver(intentEvent(`evt_s2_${secondIntent.id}`, 'payment_intent.succeeded', secondIntent.id, second.total)).expect(200);
    expect((await statusOf(second.id)).status).toBe('refunded');
    expect(await ordersOf(second.id)).toEqual(['pending_payment']);
  });

  it('refuses a bad signature with 400 and stores nothing; ignores unknown event types with 200', async () => {
    const checkout = await cardCheckout();
    const intent = [...stripe.intents.values()].find((i) => i.metadata.checkoutId === checkout.id)!;
    const forged = intentEvent('evt_forged', 'payment_intent.succeeded', intent.id, checkout.total);
    const res = await deliver(forged, 'whsec_someone_else').expect(400);
    expect(res.body.error.details).toEqual([expect.objectContaining({ field: 'Stripe-Signature' })]);
    await t.http().post('/api/v1/payments/stripe/webhook').set('Content-Type', 'application/json').send(JSON.stringify(forged)).expect(400);
    expect(await t.db.query(`SELECT 1 FROM payment_events WHERE event_id = 'evt_forged'`)).toEqual([]);
    expect((await statusOf(checkout.id)).status).toBe('pending');

    await deliver({ id: 'evt_unknown', object: 'event', type: 'customer.created', created: 1, data: { object: { id: 'cus_1', object: 'customer' } } }).expect(
      200,
    );
    expect(await t.db.query(`SELECT type, applied FROM payment_events WHERE event_id = 'evt_unknown'`)).toEqual([{ type: 'customer.created', applied: false }]);
  });

  it('refunds a paid card order through Stripe when it is cancelled', async () => {
    const checkout = await cardCheckout(3);
    const intent = stripe.succeed([...stripe.intents.values()].find((i) => i.metadata.checkoutId === checkout.id)!.id);
    await deliver(intentEvent(`evt_paid_${intent.id}`, 'payment_intent.succeeded', intent.id, checkout.total)).expect(200);
    const orderId = checkout.orders[0].id;
    // The buyer cancels before packing: money goes back to the card, stock back on sale.
    const before = (await t.db.query(`SELECT stock FROM variants WHERE id = $1`, [variantId]))[0].stock;
    const cancelled = await t.http().post(`/api/v1/orders/${orderId}/cancel`).set(buyer.auth).send({ reason: 'Đổi ý' }).expect(200);
    const refund = stripe.requests.filter((r) => r.path === '/v1/refunds').at(-1)!;
    expect(refund).toMatchObject({
      idempotencyKey: `refund-${cancelled.body.refund.id}`,
      params: { payment_intent: intent.id, amount: String(checkout.orders[0].total), reason: 'requested_by_customer' },
    });
    expect(stripe.refundedOn(intent.id)).toBe(checkout.total);
    const stripeRefund = [...stripe.refunds.values()].find((r) => r.payment_intent === intent.id)!;
    expect(cancelled.body.refund).toMatchObject({ amount: checkout.orders[0].total, status: 'refunded', method: 'card', reference: stripeRefund.id });
    expect((await t.db.query(`SELECT stock FROM variants WHERE id = $1`, [variantId]))[0].stock).toBe(before + 3);
    expect(await statusOf(checkout.id)).toEqual({ status: 'refunded', needs_refund: false });
  });

  it('leaves a refund Stripe refuses pending, for the collector to settle by hand', async () => {
    const checkout = await cardCheckout(1);
    const intent = stripe.succeed([...stripe.intents.values()].find((i) => i.metadata.checkoutId === checkout.id)!.id);
    await deliver(intentEvent(`evt_paid_${intent.id}`, 'payment_intent.succeeded', intent.id, checkout.total)).expect(200);
    stripe.refuseRefunds = 1;
    const cancelled = await t.http().post(`/api/v1/orders/${checkout.orders[0].id}/cancel`).set(buyer.auth).send({}).expect(200);
    expect(cancelled.body.refund).toMatchObject({ amount: checkout.total, status: 'pending', method: 'card', reference: null });
    expect(stripe.refundedOn(intent.id)).toBe(0);
    expect((await statusOf(checkout.id)).status).toBe('succeeded');
  });

  it('records a success that arrives after the order expired, and flags it for refund', async () => {
    const checkout = await cardCheckout();
    const intent = [...stripe.intents.values()].find((i) => i.metadata.checkoutId === checkout.id)!;
    const { OrdersService } = await import('@nongsan/order');
    await t.app.get(OrdersService).expireUnpaid(new Date(Date.now() + 31 * 60_000));
    expect(await ordersOf(checkout.id)).toEqual(['cancelled']);
    await deliver(intentEvent(`evt_late_${intent.id}`, 'payment_intent.succeeded', intent.id, checkout.total)).expect(200);
    expect(await statusOf(checkout.id)).toEqual({ status: 'succeeded', needs_refund: true });
    expect(await ordersOf(checkout.id)).toEqual(['cancelled']);
  });
});
