import { OcopExpiryNotices } from '@nongsan/catalog';
import { ChannelHealthDigest } from '@nongsan/channels';
import { Role } from '@nongsan/core';
import { MarketplaceOrdersService } from '@nongsan/order';
import { SmtpFake } from './fakes/smtp.fake.js';
import { createTestApp, signIn, signInCollector, type Session, type TestApp } from './harness/app.js';
import { createProduct, createSellableVariant } from './harness/catalog-fixtures.js';
import { daysFromToday } from './harness/dates.js';
import { eventually } from './harness/eventually.js';
import { approveCooperative, createCooperative } from './harness/fixtures.js';

const PUBLIC_URL = 'https://nongsan.example.vn';
const address = { fullName: 'Lê Văn Cường', phone: '0935 111 222', addressLine: '7 Trần Hưng Đạo', wardCode: '21583' };

/**
 * Issue #26, the moments: each sends exactly one message to the right person, in their language,
 * through a real SMTP server. Everyone here speaks Vietnamese except the English-speaking official
 * and buyer, so a message in the wrong language shows.
 */
describe('notification moments', () => {
  let smtp: SmtpFake;
  let t: TestApp;
  let officialVi: Session;
  let officialEn: Session;
  let owner: Session;
  let buyerEn: Session;
  let collector: Session;
  let coopId: string;
  let variantId: string;
  let key = 0;

  const english = (who: Session) => t.db.query(`UPDATE users SET locale = 'en' WHERE id = $1`, [who.userId]);
  /** Waits until nothing is left to send, then answers what `address` received with `subject` (by substring). */
  const mailTo = async (to: string, subject: string) => {
    await eventually(
      () => t.db.query(`SELECT count(*)::int AS n FROM notification_outbox WHERE channel = 'email' AND status = 'pending'`),
      (r) => r[0].n === 0,
    );
    return smtp.to(to).filter((m) => m.subject.includes(subject));
  };
  const checkout = async (paymentMethod: 'cod' | 'vietqr') =>
    (
      await t
        .http()
        .post('/api/v1/checkouts')
        .set(buyerEn.auth)
        .set('Idempotency-Key', `moments-${process.pid}-${++key}`)
        .send({ items: [{ variantId, quantity: 1 }], shippingAddress: address, paymentMethod })
        .expect(201)
    ).body as {
      id: string;
      orders: Array<{ id: string; total: number }>;
    };

  beforeAll(async () => {
    smtp = await SmtpFake.start();
    t = await createTestApp({ env: { SMTP_URL: smtp.url, PUBLIC_URL } });
    officialVi = await signIn(t, Role.Official);
    officialEn = await signIn(t, Role.Official);
    await english(officialEn);
    collector = await signInCollector(t);
    owner = await signIn(t);
    buyerEn = await signIn(t);
    await english(buyerEn);
    coopId = (await createCooperative(t, owner, { overrides: { name: 'HTX Cà phê Kon Hà Nừng' } })).id;
    await approveCooperative(t, owner, officialVi, coopId);
    variantId = await createSellableVariant(t, coopId, owner, `MOMENT-${process.pid}`, 120000, 100);
  }, 60_000);

  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
  });

  it('tells every official of a submission, each in their language, and the admins of the decision', async () => {
    expect(await mailTo(officialVi.email, 'Hồ sơ mới chờ duyệt: HTX Cà phê Kon Hà Nừng')).toHaveLength(1);
    const [en] = await mailTo(officialEn.email, 'New application to review: HTX Cà phê Kon Hà Nừng');
    expect(en.text).toContain(`${PUBLIC_URL}/department/cooperatives/${coopId}`);
    expect(await mailTo(owner.email, 'Hồ sơ của HTX Cà phê Kon Hà Nừng đã được duyệt')).toHaveLength(1);
    // The buyer is no official: she heard nothing of it (only her own account's verification e-mail).
    expect(smtp.to(buyerEn.email).map((m) => m.subject)).toEqual(['Xác nhận địa chỉ email Nông sản']);

    const other = await createCooperative(t, owner, { overrides: { name: 'HTX Mật ong Chư Sê' } });
    await t.http().post(`/api/v1/cooperatives/${other.id}/submit`).set(owner.auth).expect(200);
    await t
      .http()
      .post(`/api/v1/admin/cooperatives/${other.id}/reject`)
      .set(officialVi.auth)
      .send({ reason: 'Giấy đăng ký bị mờ, không đọc được.' })
      .expect(200);
    const [rejected] = await mailTo(owner.email, 'Hồ sơ của HTX Mật ong Chư Sê chưa được duyệt');
    expect(rejected.text).toContain('Lý do: Giấy đăng ký bị mờ, không đọc được.');
  });

  it('tells the cooperative of a cash-on-delivery order to confirm, and the buyer of each step in English', async () => {
    const bought = await checkout('cod');
    const orderId = bought.orders[0].id;
    const code = orderId.slice(0, 8).toUpperCase();
    const [fresh] = await mailTo(owner.email, `Đơn hàng mới ${code} cần xác nhận`);
    expect(fresh.text).toContain('từ cửa hàng Nông sản');
    expect(fresh.text).toContain(`${PUBLIC_URL}/seller/orders/${orderId}`);

    await t.http().post(`/api/v1/orders/${orderId}/confirm`).set(owner.auth).expect(200);
    await t.http().post(`/api/v1/orders/${orderId}/pack`).set(owner.auth).expect(200);
    await t.http().post(`/api/v1/orders/${orderId}/ship`).set(owner.auth).send({ carrier: 'GHN', trackingNumber: 'GHN123456VN' }).expect(200);
    await t.http().post(`/api/v1/orders/${orderId}/deliver`).set(owner.auth).expect(200);
    expect(await mailTo(buyerEn.email, `Order ${code} confirmed`)).toHaveLength(1);
    const [shipped] = await mailTo(buyerEn.email, `Order ${code} is on its way`);
    expect(shipped.text).toContain('Tracking number: GHN123456VN (GHN)');
    expect(await mailTo(buyerEn.email, `Order ${code} delivered`)).toHaveLength(1);
    // Packing is no moment for the buyer: four messages about this order in all, one of them to the cooperative.
    expect(smtp.received.filter((m) => m.subject.includes(code))).toHaveLength(4);
  });

  it('tells the buyer a transfer was received and then refunded, and the cooperative of the paid order', async () => {
    const bought = await checkout('vietqr');
    const orderId = bought.orders[0].id;
    const code = orderId.slice(0, 8).toUpperCase();
    // Unpaid, it is nobody's to confirm yet.
    expect(await mailTo(owner.email, `Đơn hàng mới ${code}`)).toHaveLength(0);
    await t.http().post(`/api/v1/orders/${orderId}/payment-received`).set(collector.auth).expect(200);
    const [paid] = await mailTo(buyerEn.email, `Payment received for order ${code}`);
    // The goods and their shipping.
    expect(paid.text).toContain('We have received 142.000 ₫');
    expect(await mailTo(owner.email, `Đơn hàng mới ${code} cần xác nhận`)).toHaveLength(1);

    const cancelled = await t.http().post(`/api/v1/orders/${orderId}/cancel`).set(owner.auth).send({ reason: 'Hết hàng' }).expect(200);
    await t.http().post(`/api/v1/admin/refunds/${cancelled.body.refund.id}/refunded`).set(collector.auth).send({ reference: 'FT26340000777' }).expect(200);
    expect(await mailTo(buyerEn.email, `Order ${code} refunded`)).toHaveLength(1);
  });

  it('tells the cooperative of an order taken on a marketplace', async () => {
    const placed = await t.db.transaction((manager) =>
      t.app.get(MarketplaceOrdersService).place(manager, {
        cooperativeId: coopId,
        channel: 'shopee',
        externalReference: `SHP-${Date.now()}`,
        buyerName: 'Khách Shopee',
        lines: [{ variantId, quantity: 2, unitPrice: 110000 }],
      }),
    );
    if (!placed.placed) throw new Error('not placed');
    const [fresh] = await mailTo(owner.email, `Đơn hàng mới ${placed.orderId.slice(0, 8).toUpperCase()}`);
    expect(fresh.text).toContain('từ Shopee, trị giá 220.000 ₫');
  });

  it('sends one digest a day of channels needing attention, not one per failure', async () => {
    const { body } = await t
      .http()
      .post(`/api/v1/cooperatives/${coopId}/channels`)
      .set(owner.auth)
      .send({ platform: 'google-merchant', credentials: {} })
      .expect(201);
    await t.db.query(`UPDATE channel_connections SET status = 'needs_attention' WHERE id = $1`, [body.id]);
    const digest = t.app.get(ChannelHealthDigest);
    expect(await digest.send()).toBe(1);
    expect(await digest.send()).toBe(1);
    const [mail] = await mailTo(owner.email, 'Kênh bán hàng của HTX Cà phê Kon Hà Nừng cần xem lại');
    expect(mail.text).toContain('- Google Merchant: cần kết nối lại');
    expect(await mailTo(owner.email, 'Kênh bán hàng của')).toHaveLength(1);
  });

  it('warns of an OCOP certificate 30 days before it expires, once per term, unless the admin turned it off', async () => {
    const ocop = (expiresAt: string) => ({ stars: 4, certificateNumber: `OCOP-${expiresAt}`, issuedAt: daysFromToday(-700), expiresAt });
    await createProduct(t, coopId, owner, { overrides: { name: 'Cà phê hạt Kon Hà Nừng', ocop: ocop(daysFromToday(20)) } });
    await createProduct(t, coopId, owner, { overrides: { name: 'Cà phê bột còn hạn lâu', ocop: ocop(daysFromToday(90)) } });
    const notices = t.app.get(OcopExpiryNotices);
    await notices.notifyExpiring();
    await notices.notifyExpiring();
    const [mail] = await mailTo(owner.email, 'Chứng nhận OCOP của “Cà phê hạt Kon Hà Nừng” sắp hết hạn');
    expect(mail.text).toContain(`OCOP-${daysFromToday(20)}`);
    expect(await mailTo(owner.email, 'sắp hết hạn')).toHaveLength(1);

    const preferences = await t
      .http()
      .put('/api/v1/me/notification-preferences')
      .set(owner.auth)
      .send({ disabled: ['ocop.expiring'] })
      .expect(200);
    expect(preferences.body.items).toContainEqual({ template: 'ocop.expiring', enabled: false });
    expect(preferences.body.items).toContainEqual({ template: 'order.new', enabled: true });
    await createProduct(t, coopId, owner, { overrides: { name: 'Cà phê phin giấy', ocop: ocop(daysFromToday(10)) } });
    await notices.notifyExpiring();
    expect(await mailTo(owner.email, 'Cà phê phin giấy')).toHaveLength(0);
  });

  it('refuses to turn off a message that must always go, naming the field', async () => {
    const refused = await t
      .http()
      .put('/api/v1/me/notification-preferences')
      .set(buyerEn.auth)
      .send({ disabled: ['order.shipped'] })
      .expect(400);
    expect(refused.body.error.details.map((d: { field: string }) => d.field)).toEqual(['disabled']);
  });
});
