import { GhnFake } from '../../../../test/fakes/ghn.fake.js';
import { GhtkFake } from '../../../../test/fakes/ghtk.fake.js';
import { ROUTE_UNSERVED, type CarrierAdapter, type CarrierCredentials, type CarrierPlace, type ShipmentRequest } from './carrier-adapter.js';
import { GhnAdapter } from './ghn/ghn.adapter.js';
import { GhtkAdapter } from './ghtk/ghtk.adapter.js';

// Former communes of Bình Định: Nhơn Bình and Nhơn Phú (Quy Nhơn), Phú Phong (Tây Sơn).
const QUY_NHON_A = { provinceName: 'Bình Định', districtName: 'Thành phố Quy Nhơn', wardName: 'Phường Nhơn Bình', districtId: 3540, wardCode: '21550' };
const QUY_NHON_B = { provinceName: 'Bình Định', districtName: 'Thành phố Quy Nhơn', wardName: 'Phường Nhơn Phú', districtId: 3540, wardCode: '21553' };
const TAY_SON = { provinceName: 'Bình Định', districtName: 'Huyện Tây Sơn', wardName: 'Thị trấn Phú Phong', districtId: 3547, wardCode: '21808' };

const shipment = (code: string, to: CarrierPlace): ShipmentRequest => ({
  clientOrderCode: code,
  from: QUY_NHON_A,
  pickup: { name: 'HTX Nhơn Bình', phone: '0912345678', addressLine: '12 Trần Hưng Đạo' },
  to,
  recipient: { name: 'Nguyễn Văn An', phone: '0987654321', addressLine: '5 Quang Trung' },
  weightGrams: 1200,
  codAmount: 250_000,
  insuredValue: 220_000,
  items: [{ name: 'Xoài cát', code: 'XOAI-1', quantity: 2, weightGrams: 600, price: 110_000 }],
});

describe.each([
  [
    'GHN',
    async () => {
      const fake = await GhnFake.start({ accounts: [{ token: 'ghn-token', shopId: '885' }] });
      return {
        fake,
        adapter: new GhnAdapter({ baseUrl: fake.baseUrl, timeoutMs: 1500 }) as CarrierAdapter,
        credentials: { token: 'ghn-token', shopId: '885' } as CarrierCredentials,
        lock: (code: string) => fake.lockedWards.add(code),
        pickUp: (trackingNumber: string): void => {
          fake.orders.get(trackingNumber)!.status = 'picked';
        },
        push: (trackingNumber: string, status: string) =>
          Buffer.from(JSON.stringify({ OrderCode: trackingNumber, Status: status, Time: '2026-12-08T03:00:00.000Z', CODAmount: 250_000 })),
        returning: 'return',
        returned: 'returned',
      };
    },
  ],
  [
    'GHTK',
    async () => {
      const fake = await GhtkFake.start({ tokens: ['ghtk-token'], clientSource: 'S308157' });
      return {
        fake,
        adapter: new GhtkAdapter({ baseUrl: fake.baseUrl, clientSource: 'S308157', timeoutMs: 1500 }) as CarrierAdapter,
        credentials: { token: 'ghtk-token' } as CarrierCredentials,
        lock: (code: string) => fake.unservedWards.add(code),
        pickUp: (trackingNumber: string): void => {
          fake.orders.get(trackingNumber)!.statusId = 3;
        },
        push: (trackingNumber: string, status: string) =>
          Buffer.from(
            new URLSearchParams({ label_id: trackingNumber, status_id: status, action_time: '2026-12-08T10:00:00+07:00', pick_money: '250000' }).toString(),
          ),
        returning: '20',
        returned: '21',
      };
    },
  ],
])('%s adapter against its fake', (_name, start) => {
  let setup: Awaited<ReturnType<typeof start>>;
  beforeAll(async () => {
    setup = await start();
  });
  afterEach(() => setup.fake.clearFaults());
  afterAll(() => setup.fake.close());

  it('quotes more for a farther, heavier parcel', async () => {
    const near = await setup.adapter.quote(setup.credentials, { from: QUY_NHON_A, to: QUY_NHON_B, weightGrams: 500, insuredValue: 0 });
    const far = await setup.adapter.quote(setup.credentials, { from: QUY_NHON_A, to: TAY_SON, weightGrams: 500, insuredValue: 0 });
    const heavy = await setup.adapter.quote(setup.credentials, { from: QUY_NHON_A, to: TAY_SON, weightGrams: 3000, insuredValue: 0 });
    expect(near.ok && far.ok && heavy.ok).toBe(true);
    if (!near.ok || !far.ok || !heavy.ok) return;
    expect(far.value.fee).toBeGreaterThan(near.value.fee);
    expect(heavy.value.fee).toBeGreaterThan(far.value.fee);
  });

  it('says a route is unserved, and a refused token is not', async () => {
    setup.lock('21808');
    const unserved = await setup.adapter.quote(setup.credentials, { from: QUY_NHON_A, to: TAY_SON, weightGrams: 500, insuredValue: 0 });
    expect(unserved).toMatchObject({ ok: false, retryable: false, code: ROUTE_UNSERVED });
    const refused = await setup.adapter.quote(
      { ...setup.credentials, token: 'wrong' },
      { from: QUY_NHON_A, to: QUY_NHON_B, weightGrams: 500, insuredValue: 0 },
    );
    expect(refused).toMatchObject({ ok: false, retryable: false });
    expect(refused.ok === false && refused.code).not.toBe(ROUTE_UNSERVED);
  });

  it('reports 5xx and timeouts as worth retrying', async () => {
    setup.fake.injectFaults({ probability: 1, kinds: ['http503'] });
    expect(await setup.adapter.quote(setup.credentials, { from: QUY_NHON_A, to: QUY_NHON_B, weightGrams: 500, insuredValue: 0 })).toMatchObject({
      ok: false,
      retryable: true,
    });
    setup.fake.injectFaults({ probability: 1, kinds: ['timeout'] });
    expect(await setup.adapter.quote(setup.credentials, { from: QUY_NHON_A, to: QUY_NHON_B, weightGrams: 500, insuredValue: 0 })).toMatchObject({
      ok: false,
      retryable: true,
      code: 'timeout',
    });
  });

  it('books once per client order code: a retry after a lost answer finds the first booking', async () => {
    const first = await setup.adapter.createShipment(setup.credentials, shipment('NS-0001', QUY_NHON_B));
    const again = await setup.adapter.createShipment(setup.credentials, shipment('NS-0001', QUY_NHON_B));
    expect(first.ok && again.ok).toBe(true);
    if (!first.ok || !again.ok) return;
    expect(again.value.trackingNumber).toBe(first.value.trackingNumber);
    expect(setup.fake.orders.size).toBe(1);
    const label = await setup.adapter.label(setup.credentials, [first.value.trackingNumber]);
    expect(label.ok).toBe(true);
    expect(await setup.adapter.cancel(setup.credentials, first.value.trackingNumber)).toEqual({ ok: true, value: undefined });
  });

  it('finds a booking by our code, says none for a code it never took, and cancels only before pickup', async () => {
    const booked = await setup.adapter.createShipment(setup.credentials, shipment('NS-0002', QUY_NHON_B));
    if (!booked.ok) throw new Error(booked.message);
    expect(await setup.adapter.find(setup.credentials, 'NS-0002')).toMatchObject({ ok: true, value: { trackingNumber: booked.value.trackingNumber } });
    expect(await setup.adapter.find(setup.credentials, 'NS-NEVER')).toEqual({ ok: true, value: null });
    setup.fake.injectFaults({ probability: 1, kinds: ['http503'] });
    expect(await setup.adapter.find(setup.credentials, 'NS-0002')).toMatchObject({ ok: false, retryable: true });
    expect(await setup.adapter.cancel(setup.credentials, booked.value.trackingNumber)).toMatchObject({ ok: false, retryable: true });
    setup.fake.clearFaults();

    setup.pickUp(booked.value.trackingNumber);
    const refused = await setup.adapter.cancel(setup.credentials, booked.value.trackingNumber);
    expect(refused).toMatchObject({ ok: false, retryable: false });
    expect(refused.ok === false && refused.message).toBeTruthy();
  });

  it('reads the return pushes: on the way back, then back with the shop', () => {
    const read = (status: string) => setup.adapter.readWebhook({ query: {}, headers: {}, rawBody: setup.push('TRACK-1', status) });
    expect(read(setup.returning)).toMatchObject({ trackingNumber: 'TRACK-1', status: 'returning', carrierStatus: setup.returning });
    expect(read(setup.returned)).toMatchObject({ trackingNumber: 'TRACK-1', status: 'returned', codAmount: 250_000 });
  });
});
