import { Role } from '@nongsan/core';
import sharp from 'sharp';
import { TikTokShopAdapter } from '../libs/channels/src/adapters/tiktok-shop/tiktok-shop.adapter.js';
import { ConnectionStore } from '../libs/channels/src/connections/connection-store.js';
import { TikTokShopFake } from './fakes/tiktok-shop.fake.js';
import { signIn, type Session, type TestApp } from './harness/app.js';
import {
  connectDespiteFaults,
  editVariant,
  FAULTY_SYNC_ENV,
  job,
  listedProduct,
  listedRicePapers,
  listings,
  QUICK_SYNC_ENV,
  variantStock,
  webhookUrl,
} from './harness/channel-fixtures.js';
import { eventually } from './harness/eventually.js';
import { closeAppThenFake, sellerOnMarketplace } from './harness/marketplace-seller.js';
import { CHANNEL_QUEUES, queuesIdle } from './harness/queues.js';
import { createCooperative } from './harness/fixtures.js';

const CREATE = '/product/202309/products';
const UPLOAD = '/product/202309/images/upload';
const REFRESH = '/api/v2/token/refresh';

type FakeShop = ReturnType<TikTokShopFake['addShop']>;

const credentialsOf = (fake: TikTokShopFake, shop: FakeShop, appSecret = fake.appSecret) => ({
  appKey: fake.appKey,
  appSecret,
  accessToken: shop.accessToken,
  refreshToken: shop.refreshToken,
  shopCipher: shop.shopCipher,
});

/**
 * A cooperative's TikTok Shop through the real API, the real sync engine on pg-boss and the TikTok
 * Shop fake that checks every signature: publishing, price and stock changes, an order coming back
 * by poll and by push, taking an archived product off sale.
 */
describe('TikTok Shop channel', () => {
  let fake: TikTokShopFake;
  let t: TestApp;
  let owner: Session;
  let coopId: string;
  let shop: FakeShop;
  let connectionId: string;
  let picture: Buffer;

  const okCalls = (path: string) => fake.calls.filter((c) => c.path === path && c.shopId === shop.shopId && c.status === 200 && c.code === 0);
  const live = () => fake.products(shop.shopId).filter((p) => p.status !== 'DELETED');
  const onTikTok = (sellerSku: string) => live().find((p) => p.skus[0].sellerSku === sellerSku)!;
  const listingOf = async (sellerSku: string) => (await listings(t, owner, connectionId)).find((l) => l.sku === sellerSku)!;

  beforeAll(async () => {
    picture = await sharp({ create: { width: 400, height: 400, channels: 3, background: { r: 200, g: 120, b: 40 } } })
      .png()
      .toBuffer();
    fake = await TikTokShopFake.start();
    shop = fake.addShop({ name: 'HTX Nhơn Lộc Official' });
    ({ t, owner, coopId } = await sellerOnMarketplace({ CHANNEL_TIKTOK_SHOP_BASE_URL: fake.baseUrl, ...QUICK_SYNC_ENV }, { listen: true }));
  });

  afterAll(() => closeAppThenFake(t, fake));

  it('lists TikTok Shop among the platforms it can connect', async () => {
    const { body } = await t.http().get('/api/v1/channels/platforms').expect(200);
    expect(body).toEqual(expect.arrayContaining([{ platform: 'tiktok-shop', name: 'TikTok Shop', kind: 'api', oneClick: false }]));
  });

  it('refuses a wrong app secret at connect time with TikTok’s own message, and stores nothing', async () => {
    const { body } = await t
      .http()
      .post(`/api/v1/cooperatives/${coopId}/channels`)
      .set(owner.auth)
      .set('Accept-Language', 'en')
      .send({ platform: 'tiktok-shop', credentials: credentialsOf(fake, shop, 'not-the-app-secret'), settings: { warehouseId: shop.warehouseId } })
      .expect(400);
    expect(body.error.code).toBe('CHANNEL_CREDENTIALS_REJECTED');
    expect(body.error.details[0].field).toBe('credentials');
    expect(body.error.details[0].message).toContain('Invalid credentials. The `sign` query parameter is invalid.');
    expect(body.error.details[0].message).toContain('106001');
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM channel_connections`);
    expect(n).toBe(0);
  });

  it('names missing credential fields', async () => {
    const missing = await t
      .http()
      .post(`/api/v1/cooperatives/${coopId}/channels`)
      .set(owner.auth)
      .send({ platform: 'tiktok-shop', credentials: { appKey: fake.appKey } })
      .expect(400);
    const fields = missing.body.error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['credentials.appSecret', 'credentials.accessToken', 'credentials.refreshToken', 'credentials.shopCipher']));
  });

  it('publishes 20 products as 20 TikTok products with whole-đồng prices, stock in the warehouse, each picture uploaded first', async () => {
    for (let i = 0; i < 20; i++) {
      const overrides =
        i === 0
          ? { categoryId: 'fish-sauce', name: 'Nước mắm Nhơn Lộc cá cơm 40 độ đạm' }
          : { variants: [{ sku: `NL-TT-${i}`, name: 'Chai 500 ml', price: 150000 + (i % 3) * 500, weightGrams: 900, stock: 40 }] };
      await listedProduct(t, coopId, owner, picture, overrides);
    }

    const { body: connection } = await t
      .http()
      .post(`/api/v1/cooperatives/${coopId}/channels`)
      .set(owner.auth)
      .send({ platform: 'tiktok-shop', credentials: credentialsOf(fake, shop), settings: { warehouseId: shop.warehouseId } })
      .expect(201);
    connectionId = connection.id;
    expect(connection).toMatchObject({ platform: 'tiktok-shop', status: 'active', shopName: 'HTX Nhơn Lộc Official' });
    expect(JSON.stringify(connection)).not.toContain(fake.appSecret);
    expect(JSON.stringify(connection)).not.toContain(shop.accessToken);

    const progress = await eventually(
      () => job(t, owner, connection.syncJobId),
      (j) => j.status === 'completed',
      150_000,
    );
    expect(progress).toMatchObject({ status: 'completed', total: 20, done: 20, failed: 0 });
    expect(live()).toHaveLength(20);
    for (const product of live()) {
      expect(product.status).toBe('ACTIVATE');
      expect(product.mainImages).toHaveLength(1);
      expect(product.skus).toHaveLength(1);
      expect([150000, 150500, 151000]).toContain(product.skus[0].price);
      expect(product.skus[0].inventory).toEqual([{ warehouseId: shop.warehouseId, quantity: 40 }]);
      expect(product.packageWeight).toEqual({ value: '0.9', unit: 'KILOGRAM' });
    }
    expect(live().filter((p) => p.categoryId === '700773')).toHaveLength(1);
    const synced = await listings(t, owner, connectionId);
    expect(synced).toHaveLength(20);
    expect(synced.every((l) => l.status === 'synced')).toBe(true);
    for (const listing of synced) {
      const product = onTikTok(listing.sku as string);
      expect(listing.externalId).toBe(`${product.productId}:${product.skus[0].skuId}`);
    }
    expect(okCalls(UPLOAD)).toHaveLength(20);
    expect(okCalls(CREATE)).toHaveLength(20);
    // Every create carried price and stock as TikTok wants them: a string amount in VND.
    for (const call of okCalls(CREATE))
      expect((call.body as { skus: Array<{ price: { amount: string; currency: string } }> }).skus[0].price).toEqual({
        amount: expect.stringMatching(/^\d+$/),
        currency: 'VND',
      });
  });

  it('sends one price update for one price change, and nothing else', async () => {
    const target = live()[3];
    const listing = await listingOf(target.skus[0].sellerSku);
    const before = fake.calls.length;
    await editVariant(t, owner, listing.productId as string, { price: 139000 });
    await eventually(
      () => fake.products(shop.shopId).find((p) => p.productId === target.productId)!.skus[0].price,
      (p) => p === 139000,
    );
    await queuesIdle(t, CHANNEL_QUEUES);
    const since = fake.calls.slice(before).filter((c) => c.shopId === shop.shopId && c.path.startsWith('/product/'));
    expect(since.map((c) => c.path)).toEqual([`/product/202309/products/${target.productId}/prices/update`]);
    expect(since[0].body).toEqual({ skus: [{ id: target.skus[0].skuId, price: { amount: '139000', currency: 'VND' } }] });
  });

  it('sends a stock change to the SKU’s warehouse', async () => {
    const target = live()[5];
    const listing = await listingOf(target.skus[0].sellerSku);
    await editVariant(t, owner, listing.productId as string, { stock: 7 });
    await eventually(
      () => fake.products(shop.shopId).find((p) => p.productId === target.productId)!.skus[0].inventory,
      (inventory) => inventory[0].quantity === 7,
    );
    expect(fake.products(shop.shopId).find((p) => p.productId === target.productId)!.skus[0].inventory).toEqual([
      { warehouseId: shop.warehouseId, quantity: 7 },
    ]);
    expect(okCalls(`/product/202309/products/${target.productId}/inventory/update`).length).toBeGreaterThanOrEqual(1);
  });

  it('keeps credentials encrypted in the database', async () => {
    const [row] = await t.db.query(`SELECT credentials, account FROM channel_connections WHERE id = $1`, [connectionId]);
    expect(row.account).toBe(shop.shopId);
    expect(row.credentials).toMatch(/^v1\./);
    for (const secret of [fake.appSecret, shop.accessToken, shop.refreshToken, shop.shopCipher]) expect(row.credentials).not.toContain(secret);
  });

  it('takes a TikTok order’s 3 units from the one stock once, whether it comes by poll or by push, and gives them back on cancellation', async () => {
    const target = live()[10];
    const sellerSku = target.skus[0].sellerSku;
    const listing = await listingOf(sellerSku);
    const productId = listing.productId as string;
    const stockBefore = await variantStock(t, owner, productId);
    const orderId = fake.createOrder(shop.shopId, { lines: [{ sellerSku, quantity: 3 }], buyerName: 'Nguyễn Văn A' });

    // A full sync pulls new orders.
    const { body: sync } = await t.http().post(`/api/v1/channels/${connectionId}/sync`).set(owner.auth).expect(202);
    await eventually(
      () => variantStock(t, owner, productId),
      (s) => s === stockBefore - 3,
    );
    await eventually(
      () => job(t, owner, sync.jobId),
      (j) => j.status === 'completed',
      150_000,
    );
    // The push for the same order, and its replays, change nothing.
    for (let n = 0; n < 3; n++) expect(await fake.push(webhookUrl(t, connectionId), orderId)).toBe(200);
    await queuesIdle(t, CHANNEL_QUEUES);
    expect(await variantStock(t, owner, productId)).toBe(stockBefore - 3);

    const { body: channelOrders } = await t.http().get(`/api/v1/channels/${connectionId}/orders`).set(owner.auth).expect(200);
    const imported = channelOrders.items.filter((o: { externalId: string }) => o.externalId === orderId);
    expect(imported).toHaveLength(1);
    expect(imported[0]).toMatchObject({ status: 'imported', platformStatus: 'AWAITING_SHIPMENT', buyerName: 'Nguyễn Văn A' });
    const { body: order } = await t.http().get(`/api/v1/orders/${imported[0].orderId}`).set(owner.auth).expect(200);
    expect(order).toMatchObject({ channel: 'tiktok-shop', externalReference: orderId, status: 'paid' });
    expect(order.lines[0]).toMatchObject({ sku: sellerSku, quantity: 3 });
    await eventually(
      () => onTikTok(sellerSku).skus[0].inventory[0].quantity,
      (q) => q === stockBefore - 3,
    );

    // TikTok cancels it and says so by push: the 3 units come back, here and there.
    fake.setOrderStatus(orderId, 'CANCELLED');
    expect(await fake.push(webhookUrl(t, connectionId), orderId)).toBe(200);
    await eventually(
      () => variantStock(t, owner, productId),
      (s) => s === stockBefore,
    );
    expect(await variantStock(t, owner, productId)).toBe(stockBefore);
    await eventually(
      () => onTikTok(sellerSku).skus[0].inventory[0].quantity,
      (q) => q === stockBefore,
    );
    expect(onTikTok(sellerSku).skus[0].inventory[0].quantity).toBe(stockBefore);
  });

  it('takes an archived product off sale on TikTok with Deactivate Products', async () => {
    const target = live()[12];
    const listing = await listingOf(target.skus[0].sellerSku);
    await t.http().post(`/api/v1/products/${listing.productId}/archive`).set(owner.auth).expect(200);
    await eventually(
      () => fake.products(shop.shopId).find((p) => p.productId === target.productId)!.status,
      (s) => s === 'SELLER_DEACTIVATED',
    );
    expect(fake.products(shop.shopId).find((p) => p.productId === target.productId)!.status).toBe('SELLER_DEACTIVATED');
    expect(okCalls('/product/202309/products/deactivate').map((c) => c.body)).toContainEqual({ product_ids: [target.productId] });
    const delisted = await eventually(
      () => listings(t, owner, connectionId, 'delisted'),
      (l) => l.some((x) => x.sku === target.skus[0].sellerSku),
    );
    expect(delisted.map((l) => l.sku)).toContain(target.skus[0].sellerSku);
  });

  it('refuses a push with a wrong signature, and the same shop connected twice', async () => {
    const res = await fetch(webhookUrl(t, connectionId), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'f'.repeat(64) },
      body: JSON.stringify({ type: 1, shop_id: shop.shopId, data: { order_id: '1' } }),
    });
    expect(res.status).toBe(401);
    const stranger = await signIn(t, Role.Buyer);
    const strangerCoop = (await createCooperative(t, stranger)).id;
    const taken = await t
      .http()
      .post(`/api/v1/cooperatives/${strangerCoop}/channels`)
      .set(stranger.auth)
      .send({ platform: 'tiktok-shop', credentials: credentialsOf(fake, shop), settings: { warehouseId: shop.warehouseId } })
      .expect(409);
    expect(taken.body.error.code).toBe('CHANNEL_ALREADY_CONNECTED');
  });
});

/**
 * TikTok misbehaving while 100 listings are pushed: one call in five answers 500/503, 429 or
 * nothing at all, two creates succeed but their answers are lost, and the access token expires
 * midway. Every listing must end up synced, each seller SKU exactly once on TikTok.
 */
describe('TikTok Shop channel under faults', () => {
  const COUNT = 100;
  let fake: TikTokShopFake;
  let t: TestApp;
  let owner: Session;
  let coopId: string;
  let shop: FakeShop;

  const live = () => fake.products(shop.shopId).filter((p) => p.status !== 'DELETED');

  beforeAll(async () => {
    fake = await TikTokShopFake.start();
    shop = fake.addShop({ name: 'HTX Hoài Nhơn' });
    ({ t, owner, coopId } = await sellerOnMarketplace({ CHANNEL_TIKTOK_SHOP_BASE_URL: fake.baseUrl, ...FAULTY_SYNC_ENV }));
    const picture = await sharp({ create: { width: 400, height: 400, channels: 3, background: { r: 30, g: 140, b: 60 } } })
      .png()
      .toBuffer();
    await listedRicePapers(t, coopId, owner, picture, { count: COUNT, batch: 8 });
  }, 240_000);

  afterAll(() => closeAppThenFake(t, fake));

  it('publishes 100 listings through 20 % faults, two lost create answers and an expired token, each seller SKU once', async () => {
    fake.injectFaults({ probability: 0.2, kinds: ['http500', 'http503', 'rate_limit', 'timeout'], seed: 7, holdMs: 1000 });
    fake.dropNextResponses(CREATE, 2);
    const connected = await connectDespiteFaults(t, owner, coopId, {
      platform: 'tiktok-shop',
      credentials: credentialsOf(fake, shop),
      settings: { warehouseId: shop.warehouseId },
    });
    const connectionId = connected.id;
    // The token lapses once a third of the products are up.
    const expiry = eventually(
      () => live().length,
      (n) => n >= COUNT / 3,
      60_000,
      20,
    ).then(() => fake.expireAccessToken(shop.shopId));

    const done = await eventually(
      () => job(t, owner, connected.syncJobId),
      (j) => j.status === 'completed',
      80_000,
      500,
    );
    await expiry;
    expect(done).toMatchObject({ total: COUNT, done: COUNT, failed: 0 });
    fake.clearFaults();

    const all = (await listings(t, owner, connectionId)) as Array<{ sku: string; status: string; externalId: string }>;
    expect(all).toHaveLength(COUNT);
    expect(all.filter((l) => l.status !== 'synced')).toEqual([]);
    const products = live();
    const skus = products.map((p) => p.skus[0].sellerSku);
    expect(skus).toHaveLength(COUNT);
    expect(new Set(skus).size).toBe(COUNT);
    for (const product of products) {
      const i = Number(product.skus[0].sellerSku.slice(3));
      expect(product.skus[0]).toMatchObject({ price: 30000 + i * 100, inventory: [{ warehouseId: shop.warehouseId, quantity: 100 + i }] });
      expect(product.status).toBe('ACTIVATE');
    }
    const bySku = new Map(products.map((p) => [p.skus[0].sellerSku, `${p.productId}:${p.skus[0].skuId}`]));
    for (const listing of all) expect(listing.externalId).toBe(bySku.get(listing.sku));

    // The faults really happened: failed and dropped calls are on the fake's record.
    expect(fake.calls.filter((c) => c.fault === 'drop')).toHaveLength(2);
    expect(fake.calls.filter((c) => c.fault && c.fault !== 'drop').length).toBeGreaterThan(20);
    expect(fake.calls.filter((c) => c.code === 105002).length).toBeGreaterThan(0);
    // The token was refreshed, and the pair stored is the one TikTok now accepts.
    expect(fake.calls.some((c) => c.path === REFRESH && c.status === 200 && c.code === 0)).toBe(true);
    const stored = (await t.app.get(ConnectionStore).context(connectionId))!.context;
    expect(stored.credentials).toMatchObject({ shopId: shop.shopId, accessTokenExpiresAt: expect.stringMatching(/^\d{10}$/) });
    expect(stored.credentials.refreshToken).not.toBe(shop.refreshToken);
    const adapter = new TikTokShopAdapter({ baseUrl: fake.baseUrl, timeoutMs: 2_000 });
    const mark = fake.calls.length;
    await expect(adapter.verifyCredentials({ ...stored, saveCredentials: async () => undefined })).resolves.toMatchObject({
      ok: true,
      value: { account: shop.shopId },
    });
    expect(fake.calls.slice(mark).map((c) => c.path)).toEqual(['/authorization/202309/shops']);
  }, 300_000);
});
