import { Role } from '@nongsan/core';
import sharp from 'sharp';
import { ShopeeAdapter } from '../libs/channels/src/adapters/shopee/shopee.adapter.js';
import { ShopeeFake } from './fakes/shopee.fake.js';
import { signIn, type Session, type TestApp } from './harness/app.js';
import { editVariant, job, listedProduct, listings, QUICK_SYNC_ENV, variantStock, webhookUrl } from './harness/channel-fixtures.js';
import { eventually } from './harness/eventually.js';
import { closeAppThenFake, sellerOnMarketplace } from './harness/marketplace-seller.js';
import { CHANNEL_QUEUES, queuesIdle } from './harness/queues.js';
import { createCooperative } from './harness/fixtures.js';

/**
 * A cooperative's Shopee shops through the real API, the real sync engine on pg-boss and the
 * Shopee fake that checks every signature: publishing, price and stock changes, orders coming
 * back by poll and by push, and the one shared stock across two shops.
 */
describe('Shopee channel', () => {
  let fake: ShopeeFake;
  let t: TestApp;
  let owner: Session;
  let official: Session;
  let coopId: string;
  let partner: { partnerId: number; partnerKey: string };
  let shop: { shopId: number; accessToken: string; refreshToken: string };
  let connectionId: string;

  const credentials = (s: { shopId: number; accessToken: string; refreshToken: string }, key = partner.partnerKey) => ({
    partnerId: String(partner.partnerId),
    partnerKey: key,
    shopId: String(s.shopId),
    accessToken: s.accessToken,
    refreshToken: s.refreshToken,
  });
  const calls = (path: string, shopId = shop.shopId) => fake.calls.filter((c) => c.path === path && c.shopId === shopId && c.status === 200 && c.error === '');
  const items = (shopId = shop.shopId) => fake.items(shopId).filter((i) => i.status !== 'SELLER_DELETE');
  let picture: Buffer;

  beforeAll(async () => {
    picture = await sharp({ create: { width: 320, height: 240, channels: 3, background: { r: 200, g: 120, b: 40 } } })
      .png()
      .toBuffer();
    fake = await ShopeeFake.start();
    partner = fake.addPartner();
    shop = fake.addShop({ name: 'HTX Nhơn Lộc Official', partnerId: partner.partnerId });
    ({ t, official, owner, coopId } = await sellerOnMarketplace({ CHANNEL_SHOPEE_BASE_URL: fake.baseUrl, ...QUICK_SYNC_ENV }, { listen: true }));
  });

  afterAll(() => closeAppThenFake(t, fake));

  it('lists the platforms it can connect', async () => {
    const { body } = await t.http().get('/api/v1/channels/platforms').expect(200);
    expect(body).toEqual(expect.arrayContaining([{ platform: 'shopee', name: 'Shopee', kind: 'api', oneClick: false }]));
  });

  it('refuses a wrong partner key at connect time with Shopee’s own message, and stores nothing', async () => {
    const { body } = await t
      .http()
      .post(`/api/v1/cooperatives/${coopId}/channels`)
      .set(owner.auth)
      .set('Accept-Language', 'en')
      .send({ platform: 'shopee', credentials: credentials(shop, 'not-the-partner-key'), settings: { logisticIds: [50018] } })
      .expect(400);
    expect(body.error.code).toBe('CHANNEL_CREDENTIALS_REJECTED');
    expect(body.error.details[0].field).toBe('credentials');
    expect(body.error.details[0].message).toContain('Wrong sign');
    expect(body.error.details[0].message).toContain('error_sign');
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM channel_connections`);
    expect(n).toBe(0);
  });

  it('names missing credential fields and an unknown platform', async () => {
    const missing = await t
      .http()
      .post(`/api/v1/cooperatives/${coopId}/channels`)
      .set(owner.auth)
      .send({ platform: 'shopee', credentials: { partnerId: 'abc' } })
      .expect(400);
    const fields = missing.body.error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['credentials.partnerId', 'credentials.partnerKey', 'credentials.shopId']));
    const unknown = await t.http().post(`/api/v1/cooperatives/${coopId}/channels`).set(owner.auth).send({ platform: 'amazon', credentials: {} }).expect(400);
    expect(unknown.body.error.details[0].field).toBe('platform');
    const wrongTypes = await t
      .http()
      .post(`/api/v1/cooperatives/${coopId}/channels`)
      .set(owner.auth)
      .send({ platform: 'shopee', credentials: 'partner-key', settings: { logisticIds: 'all' }, note: 'x' })
      .expect(400);
    expect(wrongTypes.body.error.details.map((d: { field: string }) => d.field)).toEqual(
      expect.arrayContaining(['credentials', 'settings.logisticIds', 'note']),
    );
  });

  it('publishes 50 products as 50 items with integer prices, each picture uploaded before its item', async () => {
    for (let i = 0; i < 50; i++)
      await listedProduct(
        t,
        coopId,
        owner,
        picture,
        i === 0
          ? { categoryId: 'fish-sauce' }
          : { variants: [{ sku: `NL-${i}`, name: 'Chai 500 ml', price: 150000 + (i % 3) * 500, weightGrams: 900, stock: 40 }] },
      );

    const { body: connection } = await t
      .http()
      .post(`/api/v1/cooperatives/${coopId}/channels`)
      .set(owner.auth)
      .send({ platform: 'shopee', credentials: credentials(shop), settings: { logisticIds: [50018] } })
      .expect(201);
    connectionId = connection.id;
    expect(connection).toMatchObject({ platform: 'shopee', status: 'active', shopName: 'HTX Nhơn Lộc Official' });
    expect(JSON.stringify(connection)).not.toContain(partner.partnerKey);
    expect(JSON.stringify(connection)).not.toContain(shop.accessToken);

    const progress = await eventually(
      () => job(t, owner, connection.syncJobId),
      (j) => j.status === 'completed',
      150_000,
    );
    expect(progress).toMatchObject({ status: 'completed', total: 50, done: 50, failed: 0 });
    expect(items()).toHaveLength(50);
    for (const item of items()) {
      expect(Number.isInteger(item.price)).toBe(true);
      expect([150000, 150500, 151000]).toContain(item.price);
      expect(item.stock).toBe(40);
      expect(item.status).toBe('NORMAL');
      expect(item.imageIds).toHaveLength(1);
    }
    expect(items().filter((i) => i.categoryId === 100875)).toHaveLength(1);
    const synced = await listings(t, owner, connectionId);
    expect(synced).toHaveLength(50);
    expect(synced.every((l) => l.status === 'synced' && typeof l.externalId === 'string')).toBe(true);
    // One upload per picture (Shopee's image space belongs to the partner app, not the shop), one create per item.
    expect(fake.calls.filter((c) => c.path === '/api/v2/media_space/upload_image' && c.status === 200)).toHaveLength(50);
    expect(calls('/api/v2/product/add_item')).toHaveLength(50);

    const { body: onboarding } = await t.http().get(`/api/v1/cooperatives/${coopId}/onboarding`).set(owner.auth).expect(200);
    expect(onboarding.steps.find((s: { key: string }) => s.key === 'first_channel_connected')?.done).toBe(true);
  });

  it('sends one update_price for one price change, and nothing else', async () => {
    const target = items()[3];
    const { body: product } = await t
      .http()
      .get(`/api/v1/products/${(await listings(t, owner, connectionId)).find((l) => l.sku === target.sku)!.productId}`)
      .set(owner.auth)
      .expect(200);
    const before = fake.calls.length;
    await editVariant(t, owner, product.id, { price: 139000 });
    await eventually(
      () => fake.items(shop.shopId).find((i) => i.itemId === target.itemId)!.price,
      (p) => p === 139000,
    );
    await queuesIdle(t, CHANNEL_QUEUES);
    const since = fake.calls.slice(before).filter((c) => c.shopId === shop.shopId && c.path.startsWith('/api/v2/product/'));
    expect(since.map((c) => c.path)).toEqual(['/api/v2/product/update_price']);
  });

  it('folds ten quick stock edits into at most two calls, the last with the last stock', async () => {
    const target = items()[5];
    const listing = (await listings(t, owner, connectionId)).find((l) => l.sku === target.sku)!;
    const { body: product } = await t.http().get(`/api/v1/products/${listing.productId}`).set(owner.auth).expect(200);
    const before = calls('/api/v2/product/update_stock').length;
    // The listing's row stays locked while the seller edits, so its sync cannot finish in between
    // however fast or slow the machine is: one sync may have read an early stock, and one more waits.
    const hold = t.db.createQueryRunner();
    await hold.connect();
    await hold.startTransaction();
    await hold.query(`SELECT 1 FROM channel_listings WHERE id = $1 FOR UPDATE`, [listing.id]);
    try {
      for (const stock of [31, 32, 33, 34, 35, 36, 37, 38, 39, 7]) await editVariant(t, owner, product.id, { stock });
    } finally {
      await hold.rollbackTransaction();
      await hold.release();
    }
    await queuesIdle(t, CHANNEL_QUEUES);
    const pushed = calls('/api/v2/product/update_stock')
      .slice(before)
      .map((c) => (c.body as { stock_list: Array<{ seller_stock: Array<{ stock: number }> }> }).stock_list[0].seller_stock[0].stock);
    expect(pushed.length).toBeGreaterThanOrEqual(1);
    expect(pushed.length).toBeLessThanOrEqual(2);
    expect(pushed.at(-1)).toBe(7);
    expect(fake.items(shop.shopId).find((i) => i.itemId === target.itemId)!.stock).toBe(7);
  });

  it('keeps credentials encrypted in the database', async () => {
    const [row] = await t.db.query(`SELECT credentials FROM channel_connections WHERE id = $1`, [connectionId]);
    expect(row.credentials).toMatch(/^v1\./);
    for (const secret of [partner.partnerKey, shop.accessToken, shop.refreshToken, String(partner.partnerId)]) expect(row.credentials).not.toContain(secret);
    const { body } = await t.http().get(`/api/v1/cooperatives/${coopId}/channels`).set(owner.auth).expect(200);
    expect(JSON.stringify(body)).not.toMatch(new RegExp(`${partner.partnerKey}|${shop.accessToken}|${shop.refreshToken}`));
  });

  it('takes a Shopee order’s 3 units from the one stock once, by poll or push, and pushes the new stock to the other shop', async () => {
    const second = fake.addShop({ name: 'HTX Nhơn Lộc OCOP Mall', partnerId: partner.partnerId });
    const { body: other } = await t
      .http()
      .post(`/api/v1/cooperatives/${coopId}/channels`)
      .set(owner.auth)
      .send({ platform: 'shopee', credentials: credentials(second), settings: { logisticIds: [50011] } })
      .expect(201);
    await eventually(
      () => job(t, owner, other.syncJobId),
      (j) => j.status === 'completed',
      150_000,
    );
    expect(items(second.shopId)).toHaveLength(50);

    const target = items()[10];
    const listing = (await listings(t, owner, connectionId)).find((l) => l.sku === target.sku)!;
    const stockBefore = await variantStock(t, owner, listing.productId as string);
    const orderSn = fake.createOrder(shop.shopId, { lines: [{ itemId: target.itemId, quantity: 3 }], status: 'READY_TO_SHIP', buyerUsername: 'nguyenvana' });

    // The push names the order; our handler answers with an empty 2xx and imports it.
    const url = webhookUrl(t, connectionId);
    expect(await fake.push(url, shop.shopId, orderSn)).toBe(200);
    await eventually(
      () => variantStock(t, owner, listing.productId as string),
      (s) => s === stockBefore - 3,
    );
    // Replays of the push and a full poll change nothing.
    expect(await fake.push(url, shop.shopId, orderSn)).toBe(200);
    expect(await fake.push(url, shop.shopId, orderSn)).toBe(200);
    await t.http().post(`/api/v1/channels/${connectionId}/sync`).set(owner.auth).expect(202);
    await queuesIdle(t, CHANNEL_QUEUES);
    expect(await variantStock(t, owner, listing.productId as string)).toBe(stockBefore - 3);

    const { body: channelOrders } = await t.http().get(`/api/v1/channels/${connectionId}/orders`).set(owner.auth).expect(200);
    expect(channelOrders.items.filter((o: { externalId: string }) => o.externalId === orderSn)).toHaveLength(1);
    const imported = channelOrders.items.find((o: { externalId: string }) => o.externalId === orderSn);
    expect(imported).toMatchObject({ status: 'imported', platformStatus: 'READY_TO_SHIP', buyerName: 'nguyenvana' });
    const { body: order } = await t.http().get(`/api/v1/orders/${imported.orderId}`).set(owner.auth).expect(200);
    expect(order).toMatchObject({ channel: 'shopee', externalReference: orderSn, status: 'paid', checkoutId: null, paymentMethod: null });
    expect(order.lines[0]).toMatchObject({ sku: target.sku, quantity: 3 });

    // The other shop now shows the new stock.
    const twin = items(second.shopId).find((i) => i.sku === target.sku)!;
    await eventually(
      () => fake.items(second.shopId).find((i) => i.itemId === twin.itemId)!.stock,
      (s) => s === stockBefore - 3,
    );
    expect(fake.items(second.shopId).find((i) => i.itemId === twin.itemId)!.stock).toBe(stockBefore - 3);

    // A seller cannot run a marketplace order's fulfilment from here.
    const refused = await t.http().post(`/api/v1/orders/${imported.orderId}/confirm`).set(owner.auth).expect(409);
    expect(refused.body.error.code).toBe('ORDER_MANAGED_BY_CHANNEL');

    // Shopee cancels it: the 3 units come back, here and on both shops.
    fake.setOrderStatus(orderSn, 'CANCELLED');
    expect(await fake.push(url, shop.shopId, orderSn)).toBe(200);
    await eventually(
      () => variantStock(t, owner, listing.productId as string),
      (s) => s === stockBefore,
    );
    await eventually(
      () => fake.items(second.shopId).find((i) => i.itemId === twin.itemId)!.stock,
      (s) => s === stockBefore,
    );
    expect(fake.items(second.shopId).find((i) => i.itemId === twin.itemId)!.stock).toBe(stockBefore);
  });

  it('follows Shopee’s word on an order: shipped, then completed; a cancel after shipping gives no stock back', async () => {
    const target = items()[11];
    const listing = (await listings(t, owner, connectionId)).find((l) => l.sku === target.sku)!;
    const stockBefore = await variantStock(t, owner, listing.productId as string);
    const url = webhookUrl(t, connectionId);
    const orderOf = async (sn: string) => {
      const { body } = await t.http().get(`/api/v1/channels/${connectionId}/orders`).set(owner.auth).expect(200);
      const imported = body.items.find((o: { externalId: string }) => o.externalId === sn);
      return imported?.orderId ? (await t.http().get(`/api/v1/orders/${imported.orderId}`).set(owner.auth).expect(200)).body : null;
    };
    const status = (sn: string) => orderOf(sn).then((o) => o?.status ?? null);

    const delivered = fake.createOrder(shop.shopId, { lines: [{ itemId: target.itemId, quantity: 1 }], status: 'READY_TO_SHIP' });
    expect(await fake.push(url, shop.shopId, delivered)).toBe(200);
    expect(
      await eventually(
        () => status(delivered),
        (s) => s === 'paid',
      ),
    ).toBe('paid');
    fake.setOrderStatus(delivered, 'SHIPPED');
    expect(await fake.push(url, shop.shopId, delivered)).toBe(200);
    expect(
      await eventually(
        () => status(delivered),
        (s) => s === 'shipped',
      ),
    ).toBe('shipped');
    // Who moved it: the platform, named in the timeline's note, not a person of ours.
    const shipped = await orderOf(delivered);
    expect(shipped.timeline.at(-1)).toMatchObject({ to: 'shipped', actor: null });
    fake.setOrderStatus(delivered, 'COMPLETED');
    expect(await fake.push(url, shop.shopId, delivered)).toBe(200);
    expect(
      await eventually(
        () => status(delivered),
        (s) => s === 'completed',
      ),
    ).toBe('completed');

    const returned = fake.createOrder(shop.shopId, { lines: [{ itemId: target.itemId, quantity: 2 }], status: 'SHIPPED' });
    expect(await fake.push(url, shop.shopId, returned)).toBe(200);
    expect(
      await eventually(
        () => status(returned),
        (s) => s === 'shipped',
      ),
    ).toBe('shipped');
    fake.setOrderStatus(returned, 'CANCELLED');
    expect(await fake.push(url, shop.shopId, returned)).toBe(200);
    await queuesIdle(t, CHANNEL_QUEUES);
    expect(await status(returned)).toBe('shipped');
    expect(await variantStock(t, owner, listing.productId as string)).toBe(stockBefore - 3);
  });

  it('brings orders in by polling, and flags one it cannot fill instead of dropping it', async () => {
    const target = items()[12];
    const short = items()[13];
    const listing = (await listings(t, owner, connectionId)).find((l) => l.sku === target.sku)!;
    const shortListing = (await listings(t, owner, connectionId)).find((l) => l.sku === short.sku)!;
    const stockBefore = await variantStock(t, owner, listing.productId as string);
    // An item the seller listed on Shopee by hand, with a SKU we do not have.
    const adapter = new ShopeeAdapter({ baseUrl: fake.baseUrl, timeoutMs: 2000 });
    const stray = await adapter.publish(
      { connectionId: 'manual', credentials: credentials(shop), settings: { logisticIds: [50018] }, saveCredentials: async () => undefined },
      {
        listing: {
          sku: 'KHONG-CO-SKU',
          name: 'Bánh tráng nướng (đăng tay trên Shopee)',
          description: 'Đăng trực tiếp trên Shopee.',
          price: 50000,
          stock: 5,
          weightGrams: 300,
          category: { categoryId: 100881 },
          images: [{ key: 'manual', read: async () => ({ body: picture, contentType: 'image/png' }) }],
        },
        mayExist: false,
        imageIds: {},
      },
    );
    expect(stray.ok).toBe(true);
    const polled = fake.createOrder(shop.shopId, { lines: [{ itemId: target.itemId, quantity: 2 }], status: 'READY_TO_SHIP' });
    const unknownSku = fake.createOrder(shop.shopId, { lines: [{ sku: 'KHONG-CO-SKU', quantity: 1 }], status: 'READY_TO_SHIP' });
    // Shopee sells 5 while the last units go elsewhere: here only 2 are left when the order arrives.
    const tooMany = fake.createOrder(shop.shopId, { lines: [{ itemId: short.itemId, quantity: 5 }], status: 'READY_TO_SHIP' });
    await editVariant(t, owner, shortListing.productId as string, { stock: 2 });
    await t.http().post(`/api/v1/channels/${connectionId}/sync`).set(owner.auth).expect(202);
    const orders = await eventually(
      async () =>
        (await t.http().get(`/api/v1/channels/${connectionId}/orders`).set(owner.auth).expect(200)).body.items as Array<{
          externalId: string;
          status: string;
          problem: string | null;
        }>,
      (list) => [polled, tooMany, unknownSku].every((sn) => list.some((o) => o.externalId === sn)),
    );
    expect(orders.find((o) => o.externalId === polled)?.status).toBe('imported');
    expect(orders.find((o) => o.externalId === tooMany)).toMatchObject({ status: 'needs_attention' });
    expect(orders.find((o) => o.externalId === tooMany)?.problem).toContain(short.sku);
    expect(await variantStock(t, owner, shortListing.productId as string)).toBe(2);
    expect(orders.find((o) => o.externalId === unknownSku)?.problem).toContain('KHONG-CO-SKU');
    expect(await variantStock(t, owner, listing.productId as string)).toBe(stockBefore - 2);
    const { body: flagged } = await t.http().get(`/api/v1/channels/${connectionId}/orders`).query({ status: 'needs_attention' }).set(owner.auth).expect(200);
    expect(flagged.items).toHaveLength(2);
  });

  it('marks a product whose category has no Shopee category as failed with a clear message', async () => {
    const { id } = await listedProduct(t, coopId, owner, picture, { categoryId: 'rural-tourism', name: 'Tour làng rượu Bàu Đá' });
    const failed = await eventually(
      () => listings(t, owner, connectionId, 'failed'),
      (l) => l.some((x) => x.productId === id),
    );
    expect(failed.find((x) => x.productId === id)).toMatchObject({ status: 'failed', lastErrorCode: 'CATEGORY_UNMAPPED', externalId: null });
    expect(failed.find((x) => x.productId === id)!.lastError).toContain('rural-tourism');
    expect(items().find((i) => i.name.includes('Tour làng'))).toBeUndefined();
  });

  it('takes an archived product off sale on Shopee', async () => {
    const target = items()[20];
    const listing = (await listings(t, owner, connectionId)).find((l) => l.sku === target.sku)!;
    await t.http().post(`/api/v1/products/${listing.productId}/archive`).set(owner.auth).expect(200);
    await eventually(
      () => fake.items(shop.shopId).find((i) => i.itemId === target.itemId)!.status,
      (s) => s === 'UNLIST',
    );
    expect(fake.items(shop.shopId).find((i) => i.itemId === target.itemId)!.status).toBe('UNLIST');
    const delisted = await eventually(
      () => listings(t, owner, connectionId, 'delisted'),
      (l) => l.some((x) => x.sku === target.sku),
    );
    expect(delisted.map((l) => l.sku)).toContain(target.sku);
  });

  it('never shows one cooperative’s connections to another', async () => {
    const stranger = await signIn(t, Role.Buyer);
    const strangerCoop = (await createCooperative(t, stranger)).id;
    await t.http().get(`/api/v1/channels/${connectionId}`).set(stranger.auth).expect(404);
    await t.http().get(`/api/v1/channels/${connectionId}/listings`).set(stranger.auth).expect(404);
    await t.http().get(`/api/v1/channels/${connectionId}/orders`).set(stranger.auth).expect(404);
    await t.http().post(`/api/v1/channels/${connectionId}/sync`).set(stranger.auth).expect(404);
    await t.http().delete(`/api/v1/channels/${connectionId}`).set(stranger.auth).expect(404);
    await t.http().get(`/api/v1/cooperatives/${coopId}/channels`).set(stranger.auth).expect(404);
    expect((await t.http().get(`/api/v1/cooperatives/${strangerCoop}/channels`).set(stranger.auth).expect(200)).body).toEqual([]);
    // Nor can it connect a shop that is already connected elsewhere, and the answer does not say whose it is.
    const taken = await t
      .http()
      .post(`/api/v1/cooperatives/${strangerCoop}/channels`)
      .set(stranger.auth)
      .send({ platform: 'shopee', credentials: credentials(shop) })
      .expect(409);
    expect(taken.body.error.code).toBe('CHANNEL_ALREADY_CONNECTED');
    expect(JSON.stringify(taken.body)).not.toContain(coopId);
    // An official reads it, but cannot resync it.
    await t.http().get(`/api/v1/channels/${connectionId}/listings`).set(official.auth).expect(200);
    await t.http().post(`/api/v1/channels/${connectionId}/sync`).set(official.auth).expect(403);
  });

  it('refuses a push with a wrong signature and does nothing', async () => {
    const url = webhookUrl(t, connectionId);
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'f'.repeat(64) },
      body: JSON.stringify({ code: 3, shop_id: shop.shopId, data: { ordersn: 'X' } }),
    });
    expect(res.status).toBe(401);
  });

  it('disconnects and takes every item off sale when asked', async () => {
    const { body } = await t.http().delete(`/api/v1/channels/${connectionId}`).query({ listings: 'unpublish' }).set(owner.auth).expect(200);
    const done = await eventually(
      () => job(t, owner, body.jobId),
      (j) => j.status === 'completed',
      150_000,
    );
    expect(done.failed).toBe(0);
    // Ours are off sale; the item the seller listed by hand on Shopee is not ours to touch.
    expect(
      items()
        .filter((i) => i.status === 'NORMAL')
        .map((i) => i.sku),
    ).toEqual(['KHONG-CO-SKU']);
    const [row] = await t.db.query(`SELECT status, credentials FROM channel_connections WHERE id = $1`, [connectionId]);
    expect(row).toEqual({ status: 'disconnected', credentials: '' });
    await t.http().post(`/api/v1/channels/${connectionId}/sync`).set(owner.auth).expect(409);
  });
});
