import sharp from 'sharp';
import { LazadaFake } from './fakes/lazada.fake.js';
import type { Session, TestApp } from './harness/app.js';
import {
  allListings,
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

type Seller = { sellerId: number; accessToken: string; refreshToken: string };

/**
 * A cooperative's Lazada shop through the real API, the real sync engine on pg-boss and the Lazada
 * fake that checks every signature: publishing, price and stock changes, orders coming back by
 * poll and by push, taking an item off sale.
 */
describe('Lazada channel', () => {
  let fake: LazadaFake;
  let t: TestApp;
  let owner: Session;
  let coopId: string;
  let seller: Seller;
  let connectionId: string;
  let picture: Buffer;

  const credentials = (s: Seller, appSecret = fake.appSecret) => ({ appKey: fake.appKey, appSecret, accessToken: s.accessToken, refreshToken: s.refreshToken });
  const items = () => fake.items(seller.sellerId).filter((i) => i.status !== 'Deleted');
  const bySku = (sku: string) => items().find((i) => i.skus[0].sellerSku === sku)!;
  const calls = (path: string) => fake.calls.filter((c) => c.path === path && c.sellerId === seller.sellerId && c.code === '0');

  beforeAll(async () => {
    picture = await sharp({ create: { width: 400, height: 400, channels: 3, background: { r: 240, g: 100, b: 20 } } })
      .png()
      .toBuffer();
    fake = await LazadaFake.start();
    seller = fake.addSeller({ name: 'HTX Nhơn Lộc trên Lazada' });
    ({ t, owner, coopId } = await sellerOnMarketplace({ CHANNEL_LAZADA_BASE_URL: fake.baseUrl, ...QUICK_SYNC_ENV }, { listen: true }));
  });

  afterAll(() => closeAppThenFake(t, fake));

  it('lists Lazada among the platforms it can connect', async () => {
    const { body } = await t.http().get('/api/v1/channels/platforms').expect(200);
    expect(body).toEqual(expect.arrayContaining([{ platform: 'lazada', name: 'Lazada', kind: 'api', oneClick: false }]));
  });

  it('refuses a wrong app secret at connect time with Lazada’s own message, and stores nothing', async () => {
    const { body } = await t
      .http()
      .post(`/api/v1/cooperatives/${coopId}/channels`)
      .set(owner.auth)
      .set('Accept-Language', 'en')
      .send({ platform: 'lazada', credentials: credentials(seller, 'not-the-app-secret') })
      .expect(400);
    expect(body.error.code).toBe('CHANNEL_CREDENTIALS_REJECTED');
    expect(body.error.details[0].field).toBe('credentials');
    expect(body.error.details[0].message).toContain('The request signature does not conform to platform standards');
    expect(body.error.details[0].message).toContain('IncompleteSignature');
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM channel_connections`);
    expect(n).toBe(0);
  });

  it('names missing credential fields', async () => {
    const { body } = await t
      .http()
      .post(`/api/v1/cooperatives/${coopId}/channels`)
      .set(owner.auth)
      .send({ platform: 'lazada', credentials: { appKey: 'abc' } })
      .expect(400);
    expect(body.error.details.map((d: { field: string }) => d.field)).toEqual(
      expect.arrayContaining(['credentials.appKey', 'credentials.appSecret', 'credentials.accessToken', 'credentials.refreshToken']),
    );
  });

  it('publishes 30 products as 30 items with integer prices, each picture uploaded before its item', async () => {
    for (let i = 0; i < 30; i++) {
      await listedProduct(
        t,
        coopId,
        owner,
        picture,
        i === 0
          ? { categoryId: 'fish-sauce' }
          : { variants: [{ sku: `LZ-${i}`, name: 'Chai 500 ml', price: 150000 + (i % 3) * 500, weightGrams: 900, stock: 40 }] },
      );
    }

    const { body: connection } = await t
      .http()
      .post(`/api/v1/cooperatives/${coopId}/channels`)
      .set(owner.auth)
      .send({ platform: 'lazada', credentials: credentials(seller) })
      .expect(201);
    connectionId = connection.id;
    expect(connection).toMatchObject({ platform: 'lazada', status: 'active', shopName: 'HTX Nhơn Lộc trên Lazada' });
    expect(JSON.stringify(connection)).not.toContain(fake.appSecret);
    expect(JSON.stringify(connection)).not.toContain(seller.accessToken);

    const progress = await eventually(
      () => job(t, owner, connection.syncJobId),
      (j) => j.status === 'completed',
      150_000,
    );
    expect(progress).toMatchObject({ status: 'completed', total: 30, done: 30, failed: 0 });
    expect(items()).toHaveLength(30);
    for (const item of items()) {
      expect(item.status).toBe('Active');
      expect(item.images).toHaveLength(1);
      expect(item.skus).toHaveLength(1);
      expect(Number.isInteger(item.skus[0].price)).toBe(true);
      expect([150000, 150500, 151000]).toContain(item.skus[0].price);
      expect(item.skus[0]).toMatchObject({ quantity: 40, packageWeight: 0.9, status: 'active' });
    }
    expect(items().filter((i) => i.primaryCategory === 10000358)).toHaveLength(1);
    const synced = await listings(t, owner, connectionId);
    expect(synced).toHaveLength(30);
    for (const listing of synced) {
      const item = bySku(listing.sku as string);
      expect(listing).toMatchObject({ status: 'synced', externalId: `${item.itemId}:${item.skus[0].skuId}` });
    }
    expect(calls('/image/upload')).toHaveLength(30);
    expect(calls('/product/create')).toHaveLength(30);
    // The same account cannot be connected twice.
    await t
      .http()
      .post(`/api/v1/cooperatives/${coopId}/channels`)
      .set(owner.auth)
      .send({ platform: 'lazada', credentials: credentials(seller) })
      .expect(409);
  });

  it('sends one UpdatePriceQuantity for one price change, and nothing else', async () => {
    const target = items()[3];
    const listing = (await listings(t, owner, connectionId)).find((l) => l.sku === target.skus[0].sellerSku)!;
    const before = fake.calls.length;
    await editVariant(t, owner, listing.productId as string, { price: 139000 });
    await eventually(
      () => bySku(target.skus[0].sellerSku).skus[0].price,
      (p) => p === 139000,
    );
    await queuesIdle(t, CHANNEL_QUEUES);
    const since = fake.calls.slice(before).filter((c) => c.sellerId === seller.sellerId && (c.path.startsWith('/product/') || c.path === '/image/upload'));
    expect(since.map((c) => c.path)).toEqual(['/product/price_quantity/update']);
    expect((since[0].body as { Request: { Product: { Skus: { Sku: unknown[] } } } }).Request.Product.Skus.Sku).toEqual([
      { ItemId: String(target.itemId), SkuId: String(target.skus[0].skuId), Price: '139000' },
    ]);
  });

  it('sends a stock change as Quantity', async () => {
    const target = items()[5];
    const listing = (await listings(t, owner, connectionId)).find((l) => l.sku === target.skus[0].sellerSku)!;
    await editVariant(t, owner, listing.productId as string, { stock: 7 });
    await eventually(
      () => bySku(target.skus[0].sellerSku).skus[0].quantity,
      (q) => q === 7,
    );
    expect(bySku(target.skus[0].sellerSku).skus[0].quantity).toBe(7);
  });

  it('takes a Lazada order’s 3 units from the one stock once, by push or poll, and gives them back when Lazada cancels', async () => {
    const target = items()[10];
    const sku = target.skus[0].sellerSku;
    const listing = (await listings(t, owner, connectionId)).find((l) => l.sku === sku)!;
    const stockBefore = await variantStock(t, owner, listing.productId as string);
    const orderId = fake.createOrder(seller.sellerId, { lines: [{ sellerSku: sku, quantity: 3 }], buyerFirstName: 'Trần Thị', buyerLastName: 'Bích' });

    // The push names the order; our handler verifies it, answers at once and imports it.
    expect(await fake.push(webhookUrl(t, connectionId), orderId)).toBe(200);
    await eventually(
      () => variantStock(t, owner, listing.productId as string),
      (s) => s === stockBefore - 3,
    );
    // Replays of the push and a full poll change nothing.
    expect(await fake.push(webhookUrl(t, connectionId), orderId)).toBe(200);
    await t.http().post(`/api/v1/channels/${connectionId}/sync`).set(owner.auth).expect(202);
    await queuesIdle(t, CHANNEL_QUEUES);
    expect(await variantStock(t, owner, listing.productId as string)).toBe(stockBefore - 3);
    expect(bySku(sku).skus[0].quantity).toBe(stockBefore - 3);

    const { body: channelOrders } = await t.http().get(`/api/v1/channels/${connectionId}/orders`).set(owner.auth).expect(200);
    expect(channelOrders.items.filter((o: { externalId: string }) => o.externalId === orderId)).toHaveLength(1);
    const imported = channelOrders.items.find((o: { externalId: string }) => o.externalId === orderId);
    expect(imported).toMatchObject({ status: 'imported', platformStatus: 'pending', buyerName: 'Trần Thị Bích' });
    const { body: order } = await t.http().get(`/api/v1/orders/${imported.orderId}`).set(owner.auth).expect(200);
    expect(order).toMatchObject({ channel: 'lazada', externalReference: orderId, status: 'paid' });
    expect(order.lines[0]).toMatchObject({ sku, quantity: 3 });

    fake.setOrderStatus(orderId, 'canceled');
    expect(await fake.push(webhookUrl(t, connectionId), orderId)).toBe(200);
    await eventually(
      () => variantStock(t, owner, listing.productId as string),
      (s) => s === stockBefore,
    );
    expect(await variantStock(t, owner, listing.productId as string)).toBe(stockBefore);
  });

  it('brings an order in by polling when no push comes', async () => {
    const target = items()[12];
    const sku = target.skus[0].sellerSku;
    const listing = (await listings(t, owner, connectionId)).find((l) => l.sku === sku)!;
    const stockBefore = await variantStock(t, owner, listing.productId as string);
    const orderId = fake.createOrder(seller.sellerId, { lines: [{ sellerSku: sku, quantity: 3 }] });
    await t.http().post(`/api/v1/channels/${connectionId}/sync`).set(owner.auth).expect(202);
    await eventually(
      () => variantStock(t, owner, listing.productId as string),
      (s) => s === stockBefore - 3,
    );
    expect(await variantStock(t, owner, listing.productId as string)).toBe(stockBefore - 3);
    const { body } = await t.http().get(`/api/v1/channels/${connectionId}/orders`).set(owner.auth).expect(200);
    expect(body.items.find((o: { externalId: string }) => o.externalId === orderId)).toMatchObject({ status: 'imported' });
    expect(fake.calls.some((c) => c.path === '/orders/get' && c.sellerId === seller.sellerId && c.code === '0')).toBe(true);
  });

  it('takes an archived product off sale on Lazada with DeactivateProduct', async () => {
    const target = items()[20];
    const sku = target.skus[0].sellerSku;
    const listing = (await listings(t, owner, connectionId)).find((l) => l.sku === sku)!;
    await t.http().post(`/api/v1/products/${listing.productId}/archive`).set(owner.auth).expect(200);
    await eventually(
      () => bySku(sku).status,
      (s) => s === 'InActive',
    );
    expect(bySku(sku).status).toBe('InActive');
    expect(calls('/product/deactivate').map((c) => c.body)).toEqual([
      { Request: { Product: { ItemId: target.itemId, Skus: { SkuId: [target.skus[0].skuId] } } } },
    ]);
    const delisted = await eventually(
      () => listings(t, owner, connectionId, 'delisted'),
      (l) => l.some((x) => x.sku === sku),
    );
    expect(delisted.map((l) => l.sku)).toContain(sku);
  });

  it('refuses a push with a wrong signature and does nothing', async () => {
    const res = await fetch(webhookUrl(t, connectionId), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'f'.repeat(64) },
      body: JSON.stringify({ seller_id: String(seller.sellerId), message_type: 0, data: { trade_order_id: '1' } }),
    });
    expect(res.status).toBe(401);
  });
});

/**
 * Lazada misbehaving while 100 listings are pushed: one call in five answers 500/503, E901 or
 * nothing at all, two creates succeed but their answers are lost, and the access token expires
 * midway. Every listing must end up synced, each SellerSku exactly once on Lazada.
 */
describe('Lazada channel under faults', () => {
  let fake: LazadaFake;
  let t: TestApp;
  let owner: Session;
  let coopId: string;
  let seller: Seller;

  beforeAll(async () => {
    fake = await LazadaFake.start();
    seller = fake.addSeller({ name: 'HTX Bánh tráng Trường Thành' });
    ({ t, owner, coopId } = await sellerOnMarketplace({ CHANNEL_LAZADA_BASE_URL: fake.baseUrl, ...FAULTY_SYNC_ENV }));
    const picture = await sharp({ create: { width: 400, height: 400, channels: 3, background: { r: 30, g: 140, b: 60 } } })
      .png()
      .toBuffer();
    await listedRicePapers(t, coopId, owner, picture, { count: 100, batch: 10 });
  }, 240_000);

  afterAll(() => closeAppThenFake(t, fake));

  it('publishes 100 listings through 20 % faults, two lost create answers and an expired token, without a duplicate', async () => {
    fake.injectFaults({ probability: 0.2, kinds: ['http500', 'http503', 'rate_limit', 'timeout'], seed: 7, holdMs: 1000 });
    fake.dropNextResponses('/product/create', 2);
    const connected = await connectDespiteFaults(t, owner, coopId, {
      platform: 'lazada',
      credentials: { appKey: fake.appKey, appSecret: fake.appSecret, accessToken: seller.accessToken, refreshToken: seller.refreshToken },
    });
    const connectionId = connected.id;
    // Midway: once a third of the items exist, every access token issued so far stops working.
    const created = () => fake.calls.filter((c) => c.path === '/product/create' && c.code === '0').length;
    expect(await eventually(created, (n) => n >= 33, 30_000, 20)).toBeGreaterThanOrEqual(33);
    fake.expireAccessToken(seller.sellerId);

    const done = await eventually(
      () => job(t, owner, connected.syncJobId),
      (j) => j.status === 'completed',
      80_000,
      500,
    );
    expect(done).toMatchObject({ total: 100, done: 100, failed: 0 });
    fake.clearFaults();

    const all = await allListings(t, owner, connectionId);
    expect(all).toHaveLength(100);
    expect(all.filter((l) => l.status !== 'synced')).toEqual([]);

    const live = fake.items(seller.sellerId).filter((i) => i.status !== 'Deleted');
    const skus = live.map((i) => i.skus[0].sellerSku);
    expect(skus).toHaveLength(100);
    expect(new Set(skus).size).toBe(100);
    const refs = new Map(live.map((i) => [i.skus[0].sellerSku, `${i.itemId}:${i.skus[0].skuId}`]));
    for (const listing of all) expect(listing.externalId).toBe(refs.get(listing.sku));
    for (const item of live) {
      const i = Number(item.skus[0].sellerSku.slice(3));
      expect(item.skus[0]).toMatchObject({ price: 30000 + i * 100, quantity: 100 + i });
    }

    // The faults really happened, and a lost create was found again by SellerSku, not refused as a duplicate.
    expect(fake.calls.filter((c) => c.fault === 'drop')).toHaveLength(2);
    expect(fake.calls.filter((c) => c.fault && c.fault !== 'drop').length).toBeGreaterThan(20);
    expect(fake.calls.filter((c) => c.code === '4105')).toEqual([]);
    // The token was refreshed, and the new pair is what was stored: a later change still reaches Lazada.
    expect(fake.calls.some((c) => c.path === '/auth/token/refresh' && c.code === '0')).toBe(true);
    await editVariant(t, owner, all.find((l) => l.sku === 'BT-042')!.productId, { stock: 5 });
    const item = () => fake.items(seller.sellerId).find((i) => i.skus[0].sellerSku === 'BT-042')!.skus[0];
    expect((await eventually(item, (s) => s.quantity === 5)).quantity).toBe(5);
    expect(fake.calls.filter((c) => c.code === 'IllegalRefreshToken')).toEqual([]);
  }, 300_000);
});
