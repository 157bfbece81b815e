import { Role } from '@nongsan/core';
import { SmtpFake } from './fakes/smtp.fake.js';
import { ZaloZnsFake } from './fakes/zalo-zns.fake.js';
import { createTestApp, signIn, type Session, type TestApp } from './harness/app.js';
import { createSellableVariant } from './harness/catalog-fixtures.js';
import { eventually } from './harness/eventually.js';
import { approveCooperative, createCooperative } from './harness/fixtures.js';

const TOKEN = 'zns-oa-access-token-for-tests';
const address = { fullName: 'Lê Văn Cường', phone: '0935 111 222', addressLine: '7 Trần Hưng Đạo', wardCode: '21583' };

const rows = (t: TestApp, template: string) =>
  t.db.query(
    `SELECT id, recipient, status, attempts, last_error AS "lastError" FROM notification_outbox WHERE channel = 'zns' AND template = $1 ORDER BY created_at`,
    [template],
  ) as Promise<Array<{ id: string; recipient: string; status: string; attempts: number; lastError: string | null }>>;

/**
 * Issue #26: Zalo ZNS beside e-mail, against a fake of the documented endpoint that checks the
 * `access_token` header and the body. Only moments with an approved template go by ZNS.
 */
describe('Zalo ZNS messages', () => {
  let smtp: SmtpFake;
  let zns: ZaloZnsFake;
  let t: TestApp;
  let owner: Session;
  let buyer: Session;
  let variantId: string;
  let key = 0;

  const shippedOrder = async () => {
    const { body } = await t
      .http()
      .post('/api/v1/checkouts')
      .set(buyer.auth)
      .set('Idempotency-Key', `zns-${process.pid}-${++key}`)
      .send({ items: [{ variantId, quantity: 1 }], shippingAddress: address, paymentMethod: 'cod' })
      .expect(201);
    const orderId = body.orders[0].id as string;
    for (const step of ['confirm', 'pack']) await t.http().post(`/api/v1/orders/${orderId}/${step}`).set(owner.auth).expect(200);
    await t
      .http()
      .post(`/api/v1/orders/${orderId}/ship`)
      .set(owner.auth)
      .send({ carrier: 'GHTK', trackingNumber: `GHTK-${key}` })
      .expect(200);
    return orderId;
  };

  beforeAll(async () => {
    smtp = await SmtpFake.start();
    zns = await ZaloZnsFake.start({ accessToken: TOKEN, templates: ['231001', '231002'] });
    t = await createTestApp({
      env: {
        SMTP_URL: smtp.url,
        ZALO_ZNS_ACCESS_TOKEN: TOKEN,
        ZALO_ZNS_BASE_URL: zns.baseUrl,
        ZALO_ZNS_TEMPLATES: 'order.shipped:231001,cooperative.approved:231002',
        NOTIFY_RETRY_BASE_SECONDS: '1',
      },
    });
    const official = await signIn(t, Role.Official);
    owner = await signIn(t);
    const registered = await t
      .http()
      .post('/api/v1/auth/register')
      .send({ email: `zns-buyer-${Date.now()}@test.nongsan.vn`, password: 'mat-khau-thu-nghiem', fullName: 'Phạm Thị Hoa', phone: '0905 123 456' })
      .expect(201);
    buyer = {
      userId: registered.body.user.id,
      email: registered.body.user.email,
      accessToken: registered.body.accessToken,
      refreshToken: registered.body.refreshToken,
      auth: { Authorization: `Bearer ${registered.body.accessToken}` },
    };
    const { id } = await createCooperative(t, owner);
    await approveCooperative(t, owner, official, id);
    variantId = await createSellableVariant(t, id, owner, `ZNS-${process.pid}`, 90000, 50);
  }, 60_000);

  afterAll(async () => {
    await t?.close();
    await zns?.close();
    await smtp?.stop();
  });

  it('sends a shipped order by ZNS to the buyer’s phone in 84 format, tracked by the outbox row, beside the e-mail', async () => {
    const orderId = await shippedOrder();
    const [row] = await eventually(
      () => rows(t, 'order.shipped'),
      (r) => r[0]?.status === 'sent',
    );
    expect(row).toMatchObject({ recipient: '+84905123456', status: 'sent', attempts: 1 });
    expect(zns.accepted()).toEqual([
      {
        phone: '84905123456',
        templateId: '231001',
        trackingId: row.id,
        error: 0,
        templateData: expect.objectContaining({ orderId, orderCode: orderId.slice(0, 8).toUpperCase(), trackingNumber: `GHTK-${key}`, carrier: 'GHTK' }),
      },
    ]);
    // A moment without an approved template (order confirmed) goes by e-mail only.
    expect(await rows(t, 'order.confirmed')).toEqual([]);
    const mails = await eventually(
      () => smtp.to(buyer.email).filter((m) => m.subject.includes(orderId.slice(0, 8).toUpperCase())),
      (m) => m.length === 2,
    );
    expect(mails.map((m) => m.subject).sort()).toEqual([
      `Đơn hàng ${orderId.slice(0, 8).toUpperCase()} đang được giao`,
      `Đơn hàng ${orderId.slice(0, 8).toUpperCase()} đã được xác nhận`,
    ]);
  });

  it('retries Zalo’s unknown error and a 503 with backoff and sends once', async () => {
    zns.calls.length = 0;
    zns.failNext('unknown', 'http503');
    await shippedOrder();
    const [row] = await eventually(
      () => rows(t, 'order.shipped'),
      (r) => r[1]?.status === 'sent',
      60_000,
    ).then((r) => r.slice(1));
    expect(row.attempts).toBe(3);
    expect(zns.calls.map((c) => c.error)).toEqual([-100, 0]);
    expect(zns.accepted().map((c) => c.trackingId)).toEqual([row.id]);
  });

  it('keeps a message while Zalo refuses the access token, records why without the token, and sends it once renewed', async () => {
    zns.accessToken = 'renewed-token-value';
    await shippedOrder();
    const [waiting] = await eventually(
      () => rows(t, 'order.shipped'),
      (r) => r[2]?.lastError !== null && r[2]?.lastError !== undefined,
    ).then((r) => r.slice(2));
    expect(waiting).toMatchObject({ status: 'pending', lastError: 'ZNS -124: Access token invalid' });
    const logged = await t.db.query(`SELECT last_error FROM notification_outbox WHERE last_error LIKE '%${TOKEN}%'`);
    expect(logged).toEqual([]);
    zns.accessToken = TOKEN;
    const [sent] = await eventually(
      () => rows(t, 'order.shipped'),
      (r) => r[2]?.status === 'sent',
      60_000,
    ).then((r) => r.slice(2));
    expect(sent.status).toBe('sent');
  }, 90_000);

  it('gives up at once on a template id Zalo does not know', async () => {
    const other = await createTestApp({
      env: { SMTP_URL: smtp.url, ZALO_ZNS_ACCESS_TOKEN: TOKEN, ZALO_ZNS_BASE_URL: zns.baseUrl, ZALO_ZNS_TEMPLATES: 'cooperative.approved:999999' },
    });
    try {
      const official = await signIn(other, Role.Official);
      const admin = await other
        .http()
        .post('/api/v1/auth/register')
        .send({ email: `zns-admin-${Date.now()}@test.nongsan.vn`, password: 'mat-khau-thu-nghiem', fullName: 'Quản trị', phone: '0912 345 678' })
        .expect(201);
      const session = {
        userId: admin.body.user.id,
        email: admin.body.user.email,
        accessToken: admin.body.accessToken,
        refreshToken: admin.body.refreshToken,
        auth: { Authorization: `Bearer ${admin.body.accessToken}` },
      };
      const { id } = await createCooperative(other, session);
      await approveCooperative(other, session, official, id);
      const [row] = await eventually(
        () => rows(other, 'cooperative.approved'),
        (r) => r[0]?.status === 'failed',
      );
      expect(row).toMatchObject({ status: 'failed', attempts: 1, lastError: 'ZNS -109: Template ID invalid', recipient: '+84912345678' });
    } finally {
      await other.close();
    }
  });
});
