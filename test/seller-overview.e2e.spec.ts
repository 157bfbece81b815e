import { Role } from '@nongsan/core';
import sharp from 'sharp';
import { ShopeeFake } from './fakes/shopee.fake.js';
import { addMember, createTestApp, signIn, signInCollector, type Session, type TestApp } from './harness/app.js';
import { createProduct } from './harness/catalog-fixtures.js';
import { approvedCooperative, listedProduct, QUICK_SYNC_ENV } from './harness/channel-fixtures.js';
import { eventually } from './harness/eventually.js';
import { createCooperative } from './harness/fixtures.js';

const ADDRESS = { fullName: 'Lê Thị Mai', phone: '0912 345 678', addressLine: '12 Trần Hưng Đạo', wardCode: '21583' };

/**
 * The seller portal's home (GET /cooperatives/:id/overview): each figure comes from the context
 * that owns it — orders to confirm (order), low stock (catalog), failed listings (channels), the
 * payouts balance — and moves as the seller's work does.
 */
describe('seller home: the overview figures', () => {
  let t: TestApp;
  let shopee: ShopeeFake;
  let official: Session;
  let owner: Session;
  let buyer: Session;
  let coopId: string;

  const overview = async (who: Session = owner) => (await t.http().get(`/api/v1/cooperatives/${coopId}/overview`).set(who.auth).expect(200)).body;
  let keys = 0;
  const checkout = (variantId: string, paymentMethod: string) =>
    t
      .http()
      .post('/api/v1/checkouts')
      .set(buyer.auth)
      .set('Idempotency-Key', `overview-${++keys}`)
      .send({ items: [{ variantId, quantity: 1 }], shippingAddress: ADDRESS, paymentMethod })
      .expect(201);
  const step = (orderId: string, action: string, body: Record<string, unknown> = {}) =>
    t.http().post(`/api/v1/orders/${orderId}/${action}`).set(owner.auth).send(body).expect(200);

  beforeAll(async () => {
    shopee = await ShopeeFake.start();
    t = await createTestApp({ env: { LOW_STOCK_THRESHOLD: '6', CHANNEL_SHOPEE_BASE_URL: shopee.baseUrl, ...QUICK_SYNC_ENV } });
    official = await signIn(t, Role.Official);
    owner = await signIn(t);
    buyer = await signIn(t);
    coopId = await approvedCooperative(t, owner, official);
  });
  afterAll(async () => {
    await t?.close();
    await shopee?.close();
  });

  it('counts what needs the cooperative: orders to confirm, low stock, failed listings, and what it is owed', async () => {
    expect(await overview()).toEqual({
      ordersToConfirm: 0,
      returnsToAnswer: 0,
      lowStockVariants: 0,
      lowStockThreshold: 6,
      failedListings: 0,
      balance: 0,
      currency: 'VND',
    });

    // Stock: 6 is low under LOW_STOCK_THRESHOLD=6, 7 is not; a draft counts, an archived product does not.
    const picture = await sharp({ create: { width: 320, height: 240, channels: 3, background: '#c87828' } })
      .png()
      .toBuffer();
    const sold = await listedProduct(t, coopId, owner, picture, {
      name: 'Kẹo dừa Tam Quan',
      variants: [
        { sku: 'KD-HOP', name: 'Hộp 500 g', price: 45000, weightGrams: 550, stock: 50 },
        { sku: 'KD-GOI', name: 'Gói 200 g', price: 20000, weightGrams: 220, stock: 6 },
        { sku: 'KD-THUNG', name: 'Thùng 5 kg', price: 400000, weightGrams: 5200, stock: 7 },
      ],
    });
    await createProduct(t, coopId, owner, {
      overrides: { name: 'Bánh tráng mới', variants: [{ sku: 'BT-NHAP', name: 'Xấp 10 cái', price: 30000, weightGrams: 300, stock: 0 }] },
    });
    const old = await createProduct(t, coopId, owner, {
      overrides: { name: 'Mắm cũ', variants: [{ sku: 'MAM-CU', name: 'Hũ', price: 50000, weightGrams: 400, stock: 1 }] },
    });
    await t.http().post(`/api/v1/products/${old.id}/archive`).set(owner.auth).expect(200);
    expect((await overview()).lowStockVariants).toBe(2);

    // A shop whose listing of a product without a picture fails.
    const partner = shopee.addPartner();
    const shop = shopee.addShop({ name: 'HTX trên Shopee', partnerId: partner.partnerId });
    await listedProduct(t, coopId, owner, picture, {
      name: 'Nem chợ Huyện',
      variants: [{ sku: 'NEM-1', name: 'Chục', price: 60000, weightGrams: 500, stock: 30 }],
    });
    const bare = await createProduct(t, coopId, owner, {
      overrides: { name: 'Nước mắm chưa có ảnh', variants: [{ sku: 'NM-TRONG', name: 'Chai', price: 90000, weightGrams: 800, stock: 20 }] },
      publishAs: owner,
    });
    const { body: connection } = await t
      .http()
      .post(`/api/v1/cooperatives/${coopId}/channels`)
      .set(owner.auth)
      .send({
        platform: 'shopee',
        credentials: {
          partnerId: String(partner.partnerId),
          partnerKey: partner.partnerKey,
          shopId: String(shop.shopId),
          accessToken: shop.accessToken,
          refreshToken: shop.refreshToken,
        },
        settings: { logisticIds: [50018] },
      })
      .expect(201);
    await eventually(
      () => overview(),
      (o) => o.failedListings === 1,
    );
    const failed = (await t.http().get(`/api/v1/channels/${connection.id}/listings`).query({ status: 'failed' }).set(owner.auth).expect(200)).body.items;
    expect(failed.map((l: { productId: string }) => l.productId)).toEqual([bare.id]);

    // Orders: cash on delivery waits for confirmation at once; VietQR only once paid.
    const variantId = sold.variantIds[0];
    const cod = (await checkout(variantId, 'cod')).body.orders[0];
    const qr = (await checkout(variantId, 'vietqr')).body.orders[0];
    expect((await overview()).ordersToConfirm).toBe(1);
    await t
      .http()
      .post(`/api/v1/orders/${qr.id}/payment-received`)
      .set((await signInCollector(t)).auth)
      .expect(200);
    expect((await overview()).ordersToConfirm).toBe(2);
    await step(cod.id, 'confirm');
    expect((await overview()).ordersToConfirm).toBe(1);

    // Delivered after an online payment: the order's total is owed to the cooperative.
    await step(qr.id, 'confirm');
    await step(qr.id, 'pack');
    await step(qr.id, 'ship', { carrier: 'Viettel Post', trackingNumber: 'VTP0001' });
    await step(qr.id, 'deliver');
    const payouts = (await t.http().get(`/api/v1/cooperatives/${coopId}/payouts`).set(owner.auth).expect(200)).body;
    expect(payouts.balance).toBe(qr.total);
    const home = { ordersToConfirm: 0, returnsToAnswer: 0, lowStockVariants: 2, lowStockThreshold: 6, failedListings: 1, balance: qr.total, currency: 'VND' };
    expect(await overview()).toEqual(home);

    // Officials read it too; a disconnected shop's failures are no longer the cooperative's to fix.
    expect(await overview(official)).toEqual(home);
    await t.http().delete(`/api/v1/channels/${connection.id}`).set(owner.auth).expect(200);
    expect((await overview()).failedListings).toBe(0);
  });

  it('is the cooperative’s own: members and officials read it, anyone else is told it does not exist', async () => {
    const staff = await signIn(t);
    await addMember(t, owner, coopId, staff);
    await overview(staff);
    const otherOwner = await signIn(t);
    await createCooperative(t, otherOwner);
    const strangers = await t.http().get(`/api/v1/cooperatives/${coopId}/overview`).set(otherOwner.auth).expect(404);
    expect(strangers.body.error.code).toBe('NOT_FOUND');
    await t.http().get(`/api/v1/cooperatives/${coopId}/overview`).set(buyer.auth).expect(404);
    await t.http().get(`/api/v1/cooperatives/${coopId}/overview`).expect(401);
    await t.http().get('/api/v1/cooperatives/khong-phai-id/overview').set(owner.auth).expect(404);
  });
});
