import { AppException, Role } from '@nongsan/core';
import { ShippingQuotes } from '@nongsan/delivery';
import type { GhnFake } from './fakes/ghn.fake.js';
import type { GhtkFake } from './fakes/ghtk.fake.js';
import { startCarrierFakes, type CarrierFakes } from './harness/carrier-fixtures.js';
import { createTestApp, signIn, type TestApp } from './harness/app.js';
import { approveCooperative, createCooperative } from './harness/fixtures.js';

const GHN_TOKEN = 'ghn-quotes-c4bb-11ea-be3a-f636b1deefb9';
const GHTK_TOKEN = 'ghtk-quotes-ca441e70288cB0515F310742';
/** Quy Nhơn Bắc (the former Nhơn Phú, in Quy Nhơn). */
const BUYER_WARD = '21553';

/**
 * The fee of each cooperative's parcel, from its pickup ward to the buyer's, with its own carrier:
 * the fee the checkout quote and the checkout charge (wired into the checkout once the order
 * writer's rewrite of it lands).
 */
describe('Shipping quotes', () => {
  let t: TestApp;
  let ghn: GhnFake;
  let ghtk: GhtkFake;
  let carriers: CarrierFakes;
  let quotes: ShippingQuotes;
  const parcel = (cooperativeId: string, weightGrams: number) => ({ cooperativeId, cooperativeName: names[cooperativeId], weightGrams, goodsValue: 240_000 });
  const names: Record<string, string> = {};
  let tayson: string;
  let quynhon: string;
  let unconnected: string;

  beforeAll(async () => {
    carriers = await startCarrierFakes({ ghn: GHN_TOKEN, ghtk: GHTK_TOKEN });
    ({ ghn, ghtk } = carriers);
    t = await createTestApp({ env: carriers.env });
    quotes = t.app.get(ShippingQuotes);
    const official = await signIn(t, Role.Official);
    const coop = async (name: string, carrier?: { carrier: string; body: Record<string, string> }) => {
      const admin = await signIn(t);
      const { id } = await createCooperative(t, admin, { overrides: { name } });
      await approveCooperative(t, admin, official, id);
      if (carrier)
        await t
          .http()
          .put(`/api/v1/cooperatives/${id}/carriers/${carrier.carrier}`)
          .set(admin.auth)
          .send({ ...carrier.body, pickupAddressLine: '12 Quang Trung' })
          .expect(200);
      names[id] = name;
      return id;
    };
    tayson = await coop('HTX Tây Sơn', { carrier: 'ghn', body: { token: GHN_TOKEN, shopId: '885', pickupWardCode: '21808' } });
    quynhon = await coop('HTX Quy Nhơn', { carrier: 'ghtk', body: { token: GHTK_TOKEN, pickupWardCode: '21601' } });
    unconnected = await coop('HTX Chưa Kết Nối');
  });
  afterEach(() => carriers.clearFaults());
  afterAll(async () => {
    await t?.close();
    await carriers?.close();
  });

  it('prices two cooperatives’ parcels with their own carriers, by distance and weight', async () => {
    const fees = await quotes.quote(BUYER_WARD, [parcel(tayson, 1400), parcel(quynhon, 1400), parcel(unconnected, 1400)]);
    // Tây Sơn → Quy Nhơn crosses districts with GHN; Quy Nhơn → Quy Nhơn stays in one with GHTK.
    expect(fees.get(tayson)).toEqual({ carrier: 'ghn', fee: 30_500 + 2 * 2_500, fallback: false });
    expect(fees.get(quynhon)).toEqual({ carrier: 'ghtk', fee: 18_000 + 2 * 2_000, fallback: false });
    expect(fees.get(unconnected)).toEqual({ carrier: null, fallback: false });
    const heavier = await quotes.quote(BUYER_WARD, [parcel(tayson, 3000)]);
    expect(heavier.get(tayson)).toMatchObject({ carrier: 'ghn', fee: 30_500 + 5 * 2_500 });
  });

  it('reuses a fee for the same route and weight instead of asking again', async () => {
    await quotes.quote(BUYER_WARD, [parcel(quynhon, 2200)]);
    const asked = ghtk.callsTo('/services/shipment/fee').length;
    expect((await quotes.quote(BUYER_WARD, [parcel(quynhon, 2200)])).get(quynhon)).toMatchObject({ carrier: 'ghtk', fallback: false });
    expect(ghtk.callsTo('/services/shipment/fee')).toHaveLength(asked);
  });

  it('names the cooperative’s order when its carrier does not deliver to the buyer’s ward', async () => {
    ghtk.unservedWards.add('21583'); // the former Thị Nại, whose code the ward Quy Nhơn kept
    const unserved = await quotes.quote('21583', [parcel(quynhon, 900)]).catch((e: unknown) => e);
    expect(unserved).toBeInstanceOf(AppException);
    expect(unserved).toMatchObject({
      code: 'CARRIER_ROUTE_UNSERVED',
      status: 400,
      details: [
        {
          field: 'shippingAddress.wardCode',
          key: 'validation.orderRouteUnserved',
          params: { cooperative: 'HTX Quy Nhơn', carrier: 'GHTK', ward: 'Phường Quy Nhơn' },
        },
      ],
    });
    // A ward grown from former Gia Lai communes has no address in the carriers' old lists here.
    const unmapped = await quotes.quote('23563', [parcel(tayson, 900)]).catch((e: unknown) => e);
    expect(unmapped).toMatchObject({
      code: 'CARRIER_ROUTE_UNSERVED',
      details: [{ key: 'validation.orderWardUnmapped', params: { cooperative: 'HTX Tây Sơn', ward: 'Phường Diên Hồng' } }],
    });
  });

  it('falls back to the flat table, and says so, when the carrier is down or too slow', async () => {
    ghn.injectFaults({ probability: 1, kinds: ['http503'] });
    expect((await quotes.quote(BUYER_WARD, [parcel(tayson, 1700)])).get(tayson)).toEqual({ carrier: null, fallback: true });
    ghn.injectFaults({ probability: 1, kinds: ['timeout'] });
    expect((await quotes.quote(BUYER_WARD, [parcel(tayson, 1800)])).get(tayson)).toEqual({ carrier: null, fallback: true });
  });
});
