import { Role } from '@nongsan/core';
import { createTestApp, signIn, type Session, type TestApp } from './harness/app.js';
import { createSellableVariant } from './harness/catalog-fixtures.js';
import { approveCooperative, createCooperative } from './harness/fixtures.js';

/**
 * A new checkout answers from the rows its transaction wrote instead of reading them back
 * (bench/checkout.mjs): that answer must be the one a replay of the request and GET
 * /checkouts/:id give, read from the database — same key and body, same response (an idempotent replay).
 */
describe('checkout answer', () => {
  let t: TestApp;
  let buyer: Session;
  let variants: string[];
  let counter = 0;
  const address = { fullName: 'Trần Thị Mai', phone: '0905 123 456', addressLine: '25 Nguyễn Huệ', wardCode: '21583' };
  const checkout = (body: Record<string, unknown>, key: string) => t.http().post('/api/v1/checkouts').set(buyer.auth).set('Idempotency-Key', key).send(body);

  beforeAll(async () => {
    t = await createTestApp();
    const official = await signIn(t, Role.Official);
    buyer = await signIn(t);
    variants = [];
    for (const [name, sku, price, weightGrams] of [
      ['HTX Kẹo dừa Tam Quan', 'KD-ANS', 45000, 300],
      ['HTX Nước mắm Đề Gi', 'NM-ANS', 95000, 1200],
    ] as const) {
      const owner = await signIn(t);
      const { id } = await createCooperative(t, owner, { overrides: { name } });
      await approveCooperative(t, owner, official, id);
      variants.push(await createSellableVariant(t, id, owner, sku, price, 50, weightGrams));
    }
  });
  afterAll(() => t.close());

  it.each(['cod', 'vietqr'])('answers a new %s checkout of two cooperatives exactly as its replay and GET do', async (paymentMethod) => {
    const key = `answer-${paymentMethod}-${process.pid}-${++counter}`;
    const body = {
      items: [
        { variantId: variants[1], quantity: 2 },
        { variantId: variants[0], quantity: 3 },
      ],
      shippingAddress: address,
      paymentMethod,
    };
    const first = await checkout(body, key).expect(201);
    const replay = await checkout(body, key).expect(201);
    const read = await t.http().get(`/api/v1/checkouts/${first.body.id}`).set(buyer.auth).expect(200);
    expect(first.body.orders).toHaveLength(2);
    expect(first.body.orders[0].timeline).toHaveLength(1);
    expect(first.body).toEqual(replay.body);
    expect(first.body).toEqual(read.body);
  });
});
