import { Role } from '@nongsan/core';
import { parseVietQr } from '@nongsan/order';
import { addMember, createTestApp, signIn, signInCollector, type Session, type TestApp } from './harness/app.js';
import { createSellableVariant } from './harness/catalog-fixtures.js';
import { approveCooperative, createCooperative } from './harness/fixtures.js';

const address = { fullName: 'Đặng Thu Hà', phone: '0983 444 555', addressLine: '1 Hai Bà Trưng', wardCode: '21583' };

describe('payout account: where a cooperative is paid, and the VietQR the collector scans', () => {
  let t: TestApp;
  let official: Session;
  let collector: Session;
  let owner: Session;
  let member: Session;
  let coop: string;

  beforeAll(async () => {
    t = await createTestApp();
    official = await signIn(t, Role.Official);
    collector = await signInCollector(t);
    owner = await signIn(t);
    member = await signIn(t);
    coop = (await createCooperative(t, owner)).id;
    await approveCooperative(t, owner, official, coop);
    await addMember(t, owner, coop, member);
  });
  afterAll(() => t.close());

  it('lists the NAPAS banks by BIN for anyone', async () => {
    const banks = (await t.http().get('/api/v1/banks').expect(200)).body;
    expect(banks).toEqual(
      expect.arrayContaining([
        { bin: '970436', code: 'VCB', shortName: 'Vietcombank', name: 'Ngân hàng TMCP Ngoại Thương Việt Nam' },
        expect.objectContaining({ bin: '970446', shortName: 'COOPBANK' }),
      ]),
    );
    expect(new Set(banks.map((b: { bin: string }) => b.bin)).size).toBe(banks.length);
  });

  it('lets the cooperative’s admins set it, validated; members and officials read it; the change is audited', async () => {
    expect((await t.http().get(`/api/v1/cooperatives/${coop}/payout-account`).set(member.auth).expect(200)).body).toEqual({ account: null });
    const bad = await t
      .http()
      .put(`/api/v1/cooperatives/${coop}/payout-account`)
      .set(owner.auth)
      .send({ bankBin: '97043', accountNumber: '12', accountName: '' })
      .expect(400);
    expect(bad.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['accountName', 'accountNumber', 'bankBin']);
    const unknown = await t
      .http()
      .put(`/api/v1/cooperatives/${coop}/payout-account`)
      .set(owner.auth)
      .set('Accept-Language', 'en')
      .send({ bankBin: '123456', accountNumber: '1017595600', accountName: 'X Y' })
      .expect(400);
    expect(unknown.body.error.details).toEqual([{ field: 'bankBin', message: 'bankBin is not the BIN of a bank in the list (GET /banks).' }]);
    await t
      .http()
      .put(`/api/v1/cooperatives/${coop}/payout-account`)
      .set(member.auth)
      .send({ bankBin: '970436', accountNumber: '1017595600', accountName: 'Ke gian' })
      .expect(403);
    const stranger = await signIn(t);
    await t
      .http()
      .put(`/api/v1/cooperatives/${coop}/payout-account`)
      .set(stranger.auth)
      .send({ bankBin: '970436', accountNumber: '1017595600', accountName: 'Ke gian' })
      .expect(404);
    await t.http().get(`/api/v1/cooperatives/${coop}/payout-account`).set(stranger.auth).expect(404);

    const saved = await t
      .http()
      .put(`/api/v1/cooperatives/${coop}/payout-account`)
      .set(owner.auth)
      .send({ bankBin: '970436', accountNumber: '1017 5956-00', accountName: 'HTX Nông nghiệp  Nhơn Lộc' })
      .expect(200);
    expect(saved.body.account).toMatchObject({
      bankBin: '970436',
      bank: { shortName: 'Vietcombank' },
      accountNumber: '1017595600',
      accountName: 'HTX NONG NGHIEP NHON LOC',
    });
    expect((await t.http().get(`/api/v1/cooperatives/${coop}/payout-account`).set(official.auth).expect(200)).body).toEqual(saved.body);
    const audit = await t.http().get('/api/v1/admin/audit').query({ entity: 'cooperative', id: coop }).set(official.auth).expect(200);
    expect(audit.body.items[0]).toMatchObject({ action: 'cooperative.payout_account', actorUserId: owner.userId });
  });

  it('gives the collector a VietQR for what is available, and records the payout with the bank reference', async () => {
    await t.http().get(`/api/v1/admin/cooperatives/${coop}/payout-qr`).set(collector.auth).expect(409); // nothing owed yet
    const variantId = await createSellableVariant(t, coop, owner, 'PAYQR-1', 200000, 10, 500);
    const buyer = await signIn(t);
    const { body } = await t
      .http()
      .post('/api/v1/checkouts')
      .set(buyer.auth)
      .set('Idempotency-Key', `payout-qr-${process.pid}`)
      .send({ items: [{ variantId, quantity: 1 }], shippingAddress: address, paymentMethod: 'vietqr' })
      .expect(201);
    const orderId = body.orders[0].id;
    await t.http().post(`/api/v1/orders/${orderId}/payment-received`).set(collector.auth).expect(200);
    for (const step of ['confirm', 'pack']) await t.http().post(`/api/v1/orders/${orderId}/${step}`).set(owner.auth).expect(200);
    await t.http().post(`/api/v1/orders/${orderId}/ship`).set(owner.auth).send({ carrier: 'GHTK', trackingNumber: 'GHTK1' }).expect(200);
    await t.http().post(`/api/v1/orders/${orderId}/deliver`).set(owner.auth).expect(200);

    const qr = (await t.http().get(`/api/v1/admin/cooperatives/${coop}/payout-qr`).set(collector.auth).expect(200)).body;
    expect(qr).toMatchObject({
      amount: body.total,
      bankBin: '970436',
      bankName: 'Vietcombank',
      accountNumber: '1017595600',
      accountName: 'HTX NONG NGHIEP NHON LOC',
    });
    expect(parseVietQr(qr.payload)).toEqual({ bankBin: '970436', accountNumber: '1017595600', amount: body.total, purpose: qr.purpose });
    expect(qr.imageDataUrl).toMatch(/^data:image\/png;base64,/);
    const part = (await t.http().get(`/api/v1/admin/cooperatives/${coop}/payout-qr`).query({ amount: 50000 }).set(collector.auth).expect(200)).body;
    expect(parseVietQr(part.payload).amount).toBe(50000);
    await t
      .http()
      .get(`/api/v1/admin/cooperatives/${coop}/payout-qr`)
      .query({ amount: body.total + 1 })
      .set(collector.auth)
      .expect(409);
    await t.http().get(`/api/v1/admin/cooperatives/${coop}/payout-qr`).set(official.auth).expect(403);
    await t.http().get(`/api/v1/admin/cooperatives/${coop}/payout-qr`).set(owner.auth).expect(403);

    const paid = await t
      .http()
      .post(`/api/v1/admin/cooperatives/${coop}/payouts`)
      .set(collector.auth)
      .send({ amount: qr.amount, reference: 'FT26341999' })
      .expect(201);
    expect(paid.body).toMatchObject({ balance: 0, available: 0, items: [{ kind: 'payout', amount: -qr.amount, reference: 'FT26341999' }, expect.anything()] });
    const audit = await t.http().get('/api/v1/admin/audit').query({ entity: 'cooperative', id: coop }).set(official.auth).expect(200);
    expect(audit.body.items[0]).toMatchObject({
      action: 'cooperative.payout',
      data: { amount: qr.amount, reference: 'FT26341999', paidTo: { bankBin: '970436', accountNumber: '1017595600' } },
    });
  });
});
