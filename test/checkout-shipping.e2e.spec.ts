import { Role } from '@nongsan/core';
import type { GhnFake } from './fakes/ghn.fake.js';
import type { GhtkFake } from './fakes/ghtk.fake.js';
import { startCarrierFakes, type CarrierFakes } from './harness/carrier-fixtures.js';
import { createTestApp, signIn, type Session, type TestApp } from './harness/app.js';
import { createSellableVariant } from './harness/catalog-fixtures.js';
import { approveCooperative, createCooperative } from './harness/fixtures.js';

const GHN_TOKEN = 'ghn-checkout-c4bb-11ea-be3a-f636b1deefb9';
const GHTK_TOKEN = 'ghtk-checkout-ca441e70288cB0515F310742';
/** Quy Nhơn Bắc (the former Nhơn Phú, in Quy Nhơn). */
const BUYER_WARD = '21553';
const address = { fullName: 'Nguyễn Văn An', phone: '0912 345 678', addressLine: '5 Nguyễn Huệ', wardCode: BUYER_WARD };
const FALLBACK_NOTICE = 'Chưa lấy được phí từ đơn vị vận chuyển; phí giao hàng tạm tính theo bảng phí cố định.';

interface Shipping {
  carrier: string | null;
  fee: number;
  estimatedDeliveryDate?: string;
  fallback: boolean;
}

/**
 * The checkout charges each cooperative's parcel what its carrier quotes from the cooperative's
 * pickup ward to the buyer's, and the flat table when it has no carrier or its carriers fail.
 */
describe('Shipping fees at checkout', () => {
  let t: TestApp;
  let ghn: GhnFake;
  let ghtk: GhtkFake;
  let carriers: CarrierFakes;
  let buyer: Session;
  /** 700 g each, shipped with GHN from Tây Sơn. */
  let rice: string;
  /** 700 g each, shipped with GHTK from Quy Nhơn. */
  let sauce: string;
  /** 700 g each, from a cooperative with no carrier. */
  let candy: string;
  let counter = 0;

  const checkout = (body: Record<string, unknown>, key = `ship-${process.pid}-${++counter}`) =>
    t.http().post('/api/v1/checkouts').set(buyer.auth).set('Idempotency-Key', key).send(body);
  const quote = (body: Record<string, unknown>) => t.http().post('/api/v1/checkouts/quote').send(body);
  const shippingOf = (orders: Array<{ cooperativeName: string; shipping: Shipping }>) => Object.fromEntries(orders.map((o) => [o.cooperativeName, o.shipping]));

  beforeAll(async () => {
    carriers = await startCarrierFakes({ ghn: GHN_TOKEN, ghtk: GHTK_TOKEN });
    ({ ghn, ghtk } = carriers);
    t = await createTestApp({ env: carriers.env });
    const official = await signIn(t, Role.Official);
    buyer = await signIn(t);
    const coop = async (name: string, sku: string, carrier?: { carrier: string; body: Record<string, string> }) => {
      const owner = await signIn(t);
      const { id } = await createCooperative(t, owner, { overrides: { name } });
      await approveCooperative(t, owner, official, id);
      if (carrier)
        await t
          .http()
          .put(`/api/v1/cooperatives/${id}/carriers/${carrier.carrier}`)
          .set(owner.auth)
          .send({ ...carrier.body, pickupAddressLine: '12 Quang Trung' })
          .expect(200);
      return createSellableVariant(t, id, owner, sku, 60_000, 500, 700);
    };
    rice = await coop('HTX Tây Sơn', 'SHIP-GAO', { carrier: 'ghn', body: { token: GHN_TOKEN, shopId: '885', pickupWardCode: '21808' } });
    sauce = await coop('HTX Quy Nhơn', 'SHIP-MAM', { carrier: 'ghtk', body: { token: GHTK_TOKEN, pickupWardCode: '21601' } });
    candy = await coop('HTX Chưa Kết Nối', 'SHIP-KEO');
  });
  afterEach(() => carriers.clearFaults());
  afterAll(async () => {
    await t?.close();
    await carriers?.close();
  });

  it('charges each cooperative its own carrier’s fee, by distance and weight, and stores it', async () => {
    const items = [
      { variantId: rice, quantity: 2 },
      { variantId: sauce, quantity: 2 },
      { variantId: candy, quantity: 2 },
    ];
    // Tây Sơn → Quy Nhơn crosses districts with GHN; Quy Nhơn → Quy Nhơn stays in one with GHTK; 1.4 kg each.
    const expected = {
      'HTX Tây Sơn': { carrier: 'ghn', fee: 30_500 + 2 * 2_500, fallback: false },
      'HTX Quy Nhơn': { carrier: 'ghtk', fee: 18_000 + 2 * 2_000, fallback: false },
      'HTX Chưa Kết Nối': { carrier: null, fee: 30_000, fallback: false },
    };

    const quoted = (await quote({ items, shippingAddress: { wardCode: BUYER_WARD } }).expect(200)).body;
    expect(Object.fromEntries(quoted.parcels.map((p: { cooperativeName: string; shipping: Shipping }) => [p.cooperativeName, p.shipping]))).toEqual(expected);
    expect(quoted.parcels.map((p: { shippingFee: number }) => p.shippingFee)).toEqual([35_500, 22_000, 30_000]);
    expect(quoted.shippingTotal).toBe(87_500);
    expect(quoted.shippingNotice).toBeNull();
    // Without a destination the quote stays the flat table's.
    const flat = (await quote({ items }).expect(200)).body;
    expect(flat.parcels.map((p: { shipping: Shipping }) => p.shipping)).toEqual([
      { carrier: null, fee: 30_000, fallback: false },
      { carrier: null, fee: 30_000, fallback: false },
      { carrier: null, fee: 30_000, fallback: false },
    ]);

    const key = `ship-stored-${process.pid}`;
    const placed = (await checkout({ items, shippingAddress: address, paymentMethod: 'vietqr' }, key).expect(201)).body;
    expect(shippingOf(placed.orders)).toEqual(expected);
    expect(placed.orders.map((o: { shippingFee: number }) => o.shippingFee)).toEqual([35_500, 22_000, 30_000]);
    expect(placed.shippingTotal).toBe(87_500);
    expect(placed.total).toBe(6 * 60_000 + 87_500);
    expect(placed.shippingNotice).toBeNull();

    // A replay answers what was charged without asking the carriers again, even were they down now.
    const asked = ghn.callsTo('/shiip/public-api/v2/shipping-order/fee').length + ghtk.callsTo('/services/shipment/fee').length;
    ghn.injectFaults({ probability: 1, kinds: ['http503'] });
    const replay = (await checkout({ items, shippingAddress: address, paymentMethod: 'vietqr' }, key).expect(201)).body;
    expect(replay).toEqual(placed);
    expect(ghn.callsTo('/shiip/public-api/v2/shipping-order/fee').length + ghtk.callsTo('/services/shipment/fee').length).toBe(asked);
    const order = (await t.http().get(`/api/v1/orders/${placed.orders[0].id}`).set(buyer.auth).expect(200)).body;
    expect(order.shipping).toEqual(expected['HTX Tây Sơn']);
  });

  it('refuses a checkout to a ward the carrier does not serve, naming that cooperative’s order', async () => {
    ghtk.unservedWards.add('21583'); // the former Thị Nại, whose code the ward Quy Nhơn kept
    const res = await checkout({
      items: [{ variantId: sauce, quantity: 1 }],
      shippingAddress: { ...address, wardCode: '21583' },
      paymentMethod: 'vietqr',
    }).expect(400);
    expect(res.body.error).toMatchObject({
      code: 'CARRIER_ROUTE_UNSERVED',
      details: [{ field: 'shippingAddress.wardCode', message: expect.stringContaining('HTX Quy Nhơn') }],
    });
    expect(res.body.error.details[0].message).toContain('GHTK');
    await quote({ items: [{ variantId: sauce, quantity: 1 }], shippingAddress: { wardCode: '21583' } }).expect(400);
    ghtk.unservedWards.delete('21583');
  });

  it.each(['http503', 'timeout'] as const)('charges the flat fee and says so when the carrier fails (%s)', async (kind) => {
    ghn.injectFaults({ probability: 1, kinds: [kind] });
    // 3 (or 4) × 700 g: weights no earlier quote was kept for.
    const quantity = kind === 'http503' ? 3 : 4;
    const items = [{ variantId: rice, quantity }];
    const quoted = (await quote({ items, shippingAddress: { wardCode: BUYER_WARD } }).expect(200)).body;
    expect(quoted.parcels[0].shipping).toEqual({ carrier: null, fee: 30_000, fallback: true });
    expect(quoted.shippingNotice).toBe(FALLBACK_NOTICE);

    const placed = (await checkout({ items, shippingAddress: address, paymentMethod: 'vietqr' }).set('Accept-Language', 'en').expect(201)).body;
    expect(placed.orders[0].shipping).toEqual({ carrier: null, fee: 30_000, fallback: true });
    expect(placed.orders[0].shippingFee).toBe(30_000);
    expect(placed.shippingNotice).toBe("The carriers' fees could not be fetched; shipping is charged from the flat fee table.");
    const stored = (await t.http().get(`/api/v1/checkouts/${placed.id}`).set(buyer.auth).expect(200)).body;
    expect(stored.orders[0].shipping).toEqual({ carrier: null, fee: 30_000, fallback: true });
    expect(stored.shippingNotice).toBe(FALLBACK_NOTICE);
  });

  it('charges the flat fee, without a notice, for a cooperative with no carrier', async () => {
    const placed = (await checkout({ items: [{ variantId: candy, quantity: 1 }], shippingAddress: address, paymentMethod: 'vietqr' }).expect(201)).body;
    expect(placed.orders[0].shipping).toEqual({ carrier: null, fee: 22_000, fallback: false });
    expect(placed.shippingNotice).toBeNull();
  });
});
