import { Role } from '@nongsan/core';
import type { GhnFake } from './fakes/ghn.fake.js';
import type { GhtkFake } from './fakes/ghtk.fake.js';
import { startCarrierFakes, type CarrierFakes } from './harness/carrier-fixtures.js';
import { createTestApp, signIn, type Session, type TestApp } from './harness/app.js';
import { createSellableVariant } from './harness/catalog-fixtures.js';
import { eventually } from './harness/eventually.js';
import { approveCooperative, createCooperative } from './harness/fixtures.js';

const GHN_TOKEN = 'ghn-shipments-c4bb-11ea-be3a-f636b1deefb9';
const GHTK_TOKEN = 'ghtk-shipments-ca441e70288cB0515F310742';
/** Quy Nhơn Bắc: a ward of Quy Nhơn that carriers still know as the former Nhơn Phú. */
const ADDRESS = { fullName: 'Nguyễn Văn An', phone: '0905 123 456', addressLine: '5 Nguyễn Huệ', wardCode: '21553' };

/**
 * Confirming an order books its parcel with the cooperative's carrier from the queue (retried while
 * the carrier is down, never booked twice); the carrier's status pushes move the order once each,
 * whatever order they arrive in, and a push without the account's secret is refused.
 */
describe('Shipments with GHN and GHTK', () => {
  let t: TestApp;
  let ghn: GhnFake;
  let ghtk: GhtkFake;
  let carriers: CarrierFakes;
  let buyer: Session;
  const coops: Record<'ghn' | 'ghtk', { admin: Session; id: string; variantId: string; webhookUrl: string }> = {} as never;
  let orders = 0;

  const order = async (carrier: 'ghn' | 'ghtk', paymentMethod: 'cod' | 'vietqr' = 'cod') => {
    const { body } = await t
      .http()
      .post('/api/v1/checkouts')
      .set(buyer.auth)
      .set('Idempotency-Key', `shipments-${++orders}`)
      .send({ items: [{ variantId: coops[carrier].variantId, quantity: 2 }], shippingAddress: ADDRESS, paymentMethod })
      .expect(201);
    return body.orders[0] as { id: string; total: number };
  };
  const confirm = (carrier: 'ghn' | 'ghtk', orderId: string) =>
    t.http().post(`/api/v1/orders/${orderId}/confirm`).set(coops[carrier].admin.auth).send({}).expect(200);
  const view = async (orderId: string) => (await t.http().get(`/api/v1/orders/${orderId}`).set(buyer.auth).expect(200)).body;
  const booked = (orderId: string) =>
    eventually(
      () => view(orderId),
      (o) => Boolean(o.shipment?.trackingNumber),
      60_000,
      200,
    );

  beforeAll(async () => {
    carriers = await startCarrierFakes({ ghn: GHN_TOKEN, ghtk: GHTK_TOKEN });
    ({ ghn, ghtk } = carriers);
    t = await createTestApp({ env: carriers.env });
    const official = await signIn(t, Role.Official);
    buyer = await signIn(t);
    for (const [carrier, account, ward] of [
      ['ghn', { token: GHN_TOKEN, shopId: '885' }, '21808'],
      ['ghtk', { token: GHTK_TOKEN }, '21601'],
    ] as const) {
      const admin = await signIn(t);
      const { id } = await createCooperative(t, admin, { overrides: { name: `HTX giao bằng ${carrier}` } });
      await approveCooperative(t, admin, official, id);
      const variantId = await createSellableVariant(t, id, admin, `SHIP-${carrier}-${process.pid}`, 120_000, 100, 700);
      const saved = await t
        .http()
        .put(`/api/v1/cooperatives/${id}/carriers/${carrier}`)
        .set(admin.auth)
        .send({ ...account, pickupWardCode: ward, pickupAddressLine: '12 Quang Trung' })
        .expect(200);
      coops[carrier] = { admin, id, variantId, webhookUrl: saved.body.webhookUrl.replace(/^https?:\/\/[^/]+/, '') };
    }
  });
  afterEach(() => carriers.clearFaults());
  afterAll(async () => {
    await t?.close();
    await carriers?.close();
  });

  /** Posts what a fake would post to our webhook, through supertest: the app under test listens on no port. */
  const postGhn = (orderCode: string, status: string, time: Date, extra: Record<string, unknown> = {}) => {
    const order = ghn.orders.get(orderCode)!;
    return t
      .http()
      .post(coops.ghn.webhookUrl)
      .set('content-type', 'application/json')
      .send(
        JSON.stringify({
          OrderCode: orderCode,
          ClientOrderCode: order.clientOrderCode,
          Status: status,
          Time: time.toISOString(),
          CODAmount: order.codAmount,
          ShopID: 885,
          Type: 'switch_status',
          ...extra,
        }),
      );
  };

  it('books a confirmed order with GHN under the order’s own code, with its COD amount, and prints its label', async () => {
    const placed = await order('ghn');
    await confirm('ghn', placed.id);
    const o = await booked(placed.id);
    expect(o.shipment).toMatchObject({ carrier: 'GHN', status: 'booked', labelUrl: `/api/v1/orders/${placed.id}/shipment/label` });
    expect(o).toMatchObject({ carrier: 'GHN', trackingNumber: o.shipment.trackingNumber });
    const sent = ghn.orders.get(o.shipment.trackingNumber)!;
    expect(sent).toMatchObject({ clientOrderCode: placed.id, codAmount: placed.total, shopId: '885' });
    expect(sent.body).toMatchObject({ to_ward_code: '21553', to_district_id: 3540, from_district_name: 'Huyện Tây Sơn', weight: 1400, to_phone: '0905123456' });

    const label = await t.http().get(`/api/v1/orders/${placed.id}/shipment/label`).set(coops.ghn.admin.auth).expect(200);
    const page = await fetch(label.body.url);
    expect(await page.text()).toContain(o.shipment.trackingNumber);
    await t.http().get(`/api/v1/orders/${placed.id}/shipment/label`).set(coops.ghtk.admin.auth).expect(404);
  });

  it('prints several GHN labels on one page, for the cooperative’s members only', async () => {
    const placed = [await order('ghn'), await order('ghn')];
    for (const p of placed) await confirm('ghn', p.id);
    const codes = await Promise.all(placed.map(async (p) => (await booked(p.id)).shipment.trackingNumber as string));
    const ids = placed.map((p) => p.id).join(',');
    const labels = await t.http().get(`/api/v1/cooperatives/${coops.ghn.id}/shipments/labels`).query({ orderIds: ids }).set(coops.ghn.admin.auth).expect(200);
    const page = await (await fetch(labels.body.url)).text();
    for (const code of codes) expect(page).toContain(code);
    await t.http().get(`/api/v1/cooperatives/${coops.ghtk.id}/shipments/labels`).query({ orderIds: ids }).set(coops.ghtk.admin.auth).expect(404);
  });

  it('moves the order once per status, whatever order the pushes come in, and refuses a push without the secret', async () => {
    const placed = await order('ghn');
    await confirm('ghn', placed.id);
    const code = (await booked(placed.id)).shipment.trackingNumber as string;
    const t0 = Date.now();

    const forged = await t
      .http()
      .post(coops.ghn.webhookUrl.replace(/hash=[^&]+/, 'hash=not-the-secret'))
      .send({ OrderCode: code, Status: 'delivered', Time: new Date(t0).toISOString() });
    expect(forged.status).toBe(401);
    expect((await view(placed.id)).status).toBe('confirmed');

    // Delivered arrives before picked-up; then picked-up, then delivered again (GHN resends until it gets a 200).
    expect((await postGhn(code, 'delivered', new Date(t0 + 2000))).status).toBe(200);
    expect((await postGhn(code, 'picked', new Date(t0 + 1000))).status).toBe(200);
    expect((await postGhn(code, 'delivered', new Date(t0 + 2000))).status).toBe(200);
    const o = await view(placed.id);
    expect(o.status).toBe('delivered');
    expect(o.shipment).toMatchObject({ status: 'delivered', codMatches: true });
    expect(o.timeline.map((c: { to: string }) => c.to)).toEqual(['placed', 'confirmed', 'packed', 'shipped', 'delivered']);
  });

  it('takes GHN’s own retries until it answers 200, and flags a COD amount that differs from the order', async () => {
    const placed = await order('ghn');
    await confirm('ghn', placed.id);
    const code = (await booked(placed.id)).shipment.trackingNumber as string;
    // The fake posts over HTTP itself, as GHN would; the app listens for it on a real port here.
    const server = await t.app.listen(0, '127.0.0.1');
    const port = (server.address() as { port: number }).port;
    const answers = await ghn.pushStatus(`http://127.0.0.1:${port}${coops.ghn.webhookUrl}`, code, 'picked', { codAmount: placed.total - 10_000 });
    expect(answers).toEqual([200]);
    const o = await view(placed.id);
    expect(o.status).toBe('shipped');
    expect(o.shipment.codMatches).toBe(false);
  });

  it('books with GHTK, takes its form-encoded pushes with the hash, and hands out its label PDF', async () => {
    const placed = await order('ghtk', 'vietqr');
    // A VietQR order is confirmed once paid; the collector marks the transfer received.
    const collector = await signIn(t, [Role.Official, Role.Finance]);
    const checkoutId = (await view(placed.id)).checkoutId;
    await t.http().post(`/api/v1/admin/checkouts/${checkoutId}/payment-received`).set(collector.auth).send({ reference: 'FT26341000001' }).expect(200);
    await confirm('ghtk', placed.id);
    const o = await booked(placed.id);
    const label = o.shipment.trackingNumber as string;
    expect(ghtk.orders.get(label)).toMatchObject({ partnerId: placed.id, pickMoney: 0 });
    expect(ghtk.orders.get(label)!.order).toMatchObject({
      province: 'Bình Định',
      district: 'Thành phố Quy Nhơn',
      ward: 'Phường Nhơn Phú',
      pick_district: 'Thành phố Quy Nhơn',
    });

    const form = (statusId: number, at: Date) =>
      new URLSearchParams({
        label_id: label,
        partner_id: placed.id,
        status_id: String(statusId),
        action_time: at.toISOString(),
        reason_code: '',
        reason: '',
        weight: '1.4',
        fee: '27000',
        pick_money: '0',
        return_part_package: '0',
      }).toString();
    await t
      .http()
      .post(coops.ghtk.webhookUrl.replace(/hash=[^&]+/, 'hash=wrong'))
      .set('content-type', 'application/x-www-form-urlencoded')
      .send(form(3, new Date()))
      .expect(401);
    await t.http().post(coops.ghtk.webhookUrl).set('content-type', 'application/x-www-form-urlencoded').send(form(3, new Date())).expect(200);
    expect((await view(placed.id)).status).toBe('shipped');

    const pdf = await t.http().get(`/api/v1/orders/${placed.id}/shipment/label`).set(coops.ghtk.admin.auth).expect(200).buffer(true);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('retries the booking from the queue while GHN is down, and a lost answer never books twice', async () => {
    const placed = await order('ghn');
    ghn.injectFaults({ probability: 1, kinds: ['http503'] });
    await confirm('ghn', placed.id);
    const failing = await eventually(
      () => t.db.query(`SELECT status, attempts, last_error FROM shipments WHERE order_id = $1`, [placed.id]),
      (rows) => rows[0]?.attempts >= 1,
      60_000,
      200,
    );
    expect(failing[0]).toMatchObject({ status: 'booking', last_error: expect.stringMatching(/Service Unavailable/) });
    expect((await view(placed.id)).status).toBe('confirmed');
    ghn.clearFaults();
    // The next try gets through but its answer is lost: the one after finds that booking by the order's code.
    ghn.dropNextCreates(1);
    const o = await booked(placed.id);
    expect([...ghn.orders.values()].filter((g) => g.clientOrderCode === placed.id)).toHaveLength(1);
    expect(o.shipment.trackingNumber).toBe([...ghn.orders.values()].find((g) => g.clientOrderCode === placed.id)!.orderCode);
    expect(await t.db.query(`SELECT count(*)::int AS n FROM shipments WHERE order_id = $1`, [placed.id])).toEqual([{ n: 1 }]);
  });

  const stockOf = async (carrier: 'ghn' | 'ghtk') =>
    (await t.db.query(`SELECT stock FROM variants WHERE id = $1`, [coops[carrier].variantId]))[0].stock as number;
  const cancel = (orderId: string, session: Session, lang = 'vi') =>
    t.http().post(`/api/v1/orders/${orderId}/cancel`).set(session.auth).set('Accept-Language', lang).send({ reason: 'Khách đổi ý' });
  const shipmentRow = async (orderId: string) =>
    (await t.db.query(`SELECT status, tracking_number, carrier_call_at FROM shipments WHERE order_id = $1`, [orderId]))[0];

  describe('cancelling an order with a parcel', () => {
    it('cancels the GHN parcel first, then the order, with its stock back once', async () => {
      const before = await stockOf('ghn');
      const placed = await order('ghn');
      await confirm('ghn', placed.id);
      const code = (await booked(placed.id)).shipment.trackingNumber as string;
      const cancelled = await cancel(placed.id, coops.ghn.admin).expect(200);
      expect(cancelled.body).toMatchObject({ status: 'cancelled', shipment: { status: 'cancelled', trackingNumber: code } });
      expect(ghn.orders.get(code)!.status).toBe('cancel');
      expect(ghn.callsTo('/shiip/public-api/v2/switch-status/cancel').at(-1)).toMatchObject({ shopId: '885', body: { order_codes: [code] }, status: 200 });
      expect(await stockOf('ghn')).toBe(before);
      // GHN's own push about the cancellation changes nothing more.
      expect((await postGhn(code, 'cancel', new Date())).status).toBe(200);
      expect((await view(placed.id)).status).toBe('cancelled');
    });

    it('lets the buyer cancel a GHTK parcel before pickup (by its label, with GHTK’s headers)', async () => {
      const placed = await order('ghtk');
      await confirm('ghtk', placed.id);
      const label = (await booked(placed.id)).shipment.trackingNumber as string;
      await cancel(placed.id, buyer).expect(200);
      expect(ghtk.orders.get(label)!.statusId).toBe(-1);
      expect(ghtk.callsTo('/services/shipment/cancel/').at(-1)).toMatchObject({ token: GHTK_TOKEN, clientSource: 'NONGSAN', status: 200 });
      expect((await view(placed.id)).status).toBe('cancelled');
    });

    it('keeps the order when the carrier has picked the parcel up, and says what to do in both languages', async () => {
      const before = await stockOf('ghn');
      const placed = await order('ghn');
      await confirm('ghn', placed.id);
      const code = (await booked(placed.id)).shipment.trackingNumber as string;
      // Picked up at GHN; its push has not arrived yet.
      ghn.orders.get(code)!.status = 'picked';
      const vi = await cancel(placed.id, coops.ghn.admin).expect(409);
      expect(vi.body.error).toMatchObject({ code: 'SHIPMENT_CANCEL_REFUSED' });
      expect(vi.body.error.message).toContain(code);
      expect(vi.body.error.message).toMatch(/GHN.*hoàn hàng/);
      const en = await cancel(placed.id, coops.ghn.admin, 'en').expect(409);
      expect(en.body.error.message).toMatch(/ask GHN to return it/);
      expect(await view(placed.id)).toMatchObject({ status: 'confirmed', shipment: { status: 'booked' } });
      expect(await stockOf('ghn')).toBe(before - 2);
      expect((await shipmentRow(placed.id)).carrier_call_at).toBeNull();
    });

    it('answers 503 and changes nothing while the carrier is down, then cancels once it is back', async () => {
      const placed = await order('ghtk');
      await confirm('ghtk', placed.id);
      const label = (await booked(placed.id)).shipment.trackingNumber as string;
      ghtk.injectFaults({ probability: 1, kinds: ['http503'] });
      const down = await cancel(placed.id, coops.ghtk.admin).expect(503);
      expect(down.body.error.code).toBe('CARRIER_UNREACHABLE');
      expect(await view(placed.id)).toMatchObject({ status: 'confirmed', shipment: { status: 'booked' } });
      ghtk.clearFaults();
      await cancel(placed.id, coops.ghtk.admin).expect(200);
      expect(ghtk.orders.get(label)!.statusId).toBe(-1);
    });

    it('finds and cancels a booking whose answer was lost, so no parcel outlives the order', async () => {
      const placed = await order('ghn');
      ghn.dropNextCreates(1);
      await confirm('ghn', placed.id);
      await eventually(
        () => t.db.query(`SELECT attempts FROM shipments WHERE order_id = $1`, [placed.id]),
        (rows) => rows[0]?.attempts >= 1,
        60_000,
        100,
      );
      await cancel(placed.id, coops.ghn.admin).expect(200);
      const atGhn = [...ghn.orders.values()].filter((g) => g.clientOrderCode === placed.id);
      expect(atGhn.map((g) => g.status)).toEqual(['cancel']);
      // The booking job, retried later, finds the shipment cancelled and books nothing.
      await new Promise((resolve) => setTimeout(resolve, 3000));
      expect([...ghn.orders.values()].filter((g) => g.clientOrderCode === placed.id)).toHaveLength(1);
      expect(await shipmentRow(placed.id)).toMatchObject({ status: 'cancelled', tracking_number: atGhn[0].orderCode });
    });

    it('asks to try again while another call about the parcel is under way', async () => {
      const placed = await order('ghn');
      await confirm('ghn', placed.id);
      await booked(placed.id);
      await t.db.query(`UPDATE shipments SET carrier_call_at = now() WHERE order_id = $1`, [placed.id]);
      const busy = await cancel(placed.id, coops.ghn.admin).expect(409);
      expect(busy.body.error.code).toBe('SHIPMENT_BUSY');
      expect((await view(placed.id)).status).toBe('confirmed');
      await t.db.query(`UPDATE shipments SET carrier_call_at = NULL WHERE order_id = $1`, [placed.id]);
    });

    it('refuses another cooperative (404, nothing sent to the carrier) and bad input (400)', async () => {
      const placed = await order('ghn');
      await confirm('ghn', placed.id);
      const code = (await booked(placed.id)).shipment.trackingNumber as string;
      const cancels = ghn.callsTo('/shiip/public-api/v2/switch-status/cancel').length;
      await cancel(placed.id, coops.ghtk.admin).expect(404);
      expect(ghn.callsTo('/shiip/public-api/v2/switch-status/cancel')).toHaveLength(cancels);
      expect(ghn.orders.get(code)!.status).toBe('ready_to_pick');
      const long = await t
        .http()
        .post(`/api/v1/orders/${placed.id}/cancel`)
        .set(coops.ghn.admin.auth)
        .send({ reason: 'x'.repeat(501) })
        .expect(400);
      expect(long.body.error.details[0].field).toBe('reason');
      expect(ghn.orders.get(code)!.status).toBe('ready_to_pick');
    });
  });

  describe('a parcel the carrier brings back', () => {
    it('moves the GHN order to returned once, its stock back once, no COD owed', async () => {
      const before = await stockOf('ghn');
      const placed = await order('ghn');
      await confirm('ghn', placed.id);
      const code = (await booked(placed.id)).shipment.trackingNumber as string;
      const t0 = Date.now();
      expect((await postGhn(code, 'picked', new Date(t0))).status).toBe(200);
      expect((await postGhn(code, 'delivery_fail', new Date(t0 + 1000))).status).toBe(200);
      expect((await postGhn(code, 'return', new Date(t0 + 2000))).status).toBe(200);
      expect(await view(placed.id)).toMatchObject({ status: 'shipped', shipment: { status: 'returning' } });
      expect(await stockOf('ghn')).toBe(before - 2);

      const forged = await t
        .http()
        .post(coops.ghn.webhookUrl.replace(/hash=[^&]+/, 'hash=forged'))
        .send({ OrderCode: code, Status: 'returned', Time: new Date(t0 + 3000).toISOString() });
      expect(forged.status).toBe(401);
      expect((await view(placed.id)).status).toBe('shipped');

      for (let i = 0; i < 2; i++) expect((await postGhn(code, 'returned', new Date(t0 + 3000))).status).toBe(200);
      // A late, out-of-order push from before changes nothing either.
      expect((await postGhn(code, 'delivering', new Date(t0 + 500))).status).toBe(200);
      const o = await view(placed.id);
      expect(o).toMatchObject({ status: 'returned', shipment: { status: 'returned', codMatches: null } });
      expect(o.timeline.map((c: { to: string }) => c.to)).toEqual(['placed', 'confirmed', 'packed', 'shipped', 'returned']);
      expect(await stockOf('ghn')).toBe(before);
      expect(await t.db.query(`SELECT kind FROM payout_ledger WHERE order_id = $1`, [placed.id])).toEqual([]);
      expect(await t.db.query(`SELECT cod_expected FROM shipments WHERE order_id = $1`, [placed.id])).toEqual([{ cod_expected: '0' }]);
      const seller = await t.http().get(`/api/v1/cooperatives/${coops.ghn.id}/orders`).query({ status: 'returned' }).set(coops.ghn.admin.auth).expect(200);
      expect(seller.body.items.map((i: { id: string }) => i.id)).toContain(placed.id);
      // The buyer hears of it once, though the push came twice.
      const told = await t.db.query(`SELECT channel FROM notification_outbox WHERE template = 'order.returned' AND event_key = $1`, [
        `order.returned:${placed.id}`,
      ]);
      expect(told.length).toBeGreaterThan(0);
      expect(new Set(told.map((r: { channel: string }) => r.channel)).size).toBe(told.length);
    });

    it('takes GHTK’s return codes (20, then 21) from a confirmed order whose pickup push was lost', async () => {
      const before = await stockOf('ghtk');
      const placed = await order('ghtk');
      await confirm('ghtk', placed.id);
      const label = (await booked(placed.id)).shipment.trackingNumber as string;
      const push = (statusId: number, at: Date) =>
        t
          .http()
          .post(coops.ghtk.webhookUrl)
          .set('content-type', 'application/x-www-form-urlencoded')
          .send(
            new URLSearchParams({
              label_id: label,
              partner_id: placed.id,
              status_id: String(statusId),
              action_time: at.toISOString(),
              pick_money: String(placed.total),
            }).toString(),
          );
      await push(20, new Date()).expect(200);
      expect((await view(placed.id)).status).toBe('shipped');
      await push(21, new Date(Date.now() + 1000)).expect(200);
      expect(await view(placed.id)).toMatchObject({ status: 'returned', shipment: { status: 'returned' } });
      expect(await stockOf('ghtk')).toBe(before);
    });

    it('ignores a return pushed to another cooperative’s account', async () => {
      const placed = await order('ghn');
      await confirm('ghn', placed.id);
      const code = (await booked(placed.id)).shipment.trackingNumber as string;
      const form = new URLSearchParams({ label_id: code, partner_id: placed.id, status_id: '21', action_time: new Date().toISOString() }).toString();
      await t.http().post(coops.ghtk.webhookUrl).set('content-type', 'application/x-www-form-urlencoded').send(form).expect(200);
      expect((await view(placed.id)).status).toBe('confirmed');
    });
  });
});
