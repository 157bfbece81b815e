import { Role } from '@nongsan/core';
import sharp from 'sharp';
import { LazadaFake } from './fakes/lazada.fake.js';
import { TikTokShopFake } from './fakes/tiktok-shop.fake.js';
import { createTestApp, signIn, type Session, type TestApp } from './harness/app.js';
import { approvedCooperative, editVariant, listedProduct, listings, QUICK_SYNC_ENV } from './harness/channel-fixtures.js';
import { eventually } from './harness/eventually.js';

/** One shop's item as a test reads it from the platform's fake, whatever the platform calls its fields. */
interface ItemSeen {
  sku: string;
  price: number;
  stock: number;
}

/**
 * What the one-click scenarios need of a platform: its fake started with the operator's app, a shop
 * whose owner will approve, and the fake's view of that shop. Shopee's own spec
 * (channels-authorization.e2e.spec.ts) covers the state's rules in full; these are the same flows on
 * Lazada's and TikTok Shop's authorization pages.
 */
interface Marketplace {
  platform: string;
  name: string;
  start(): Promise<{ env: Record<string, string>; close(): Promise<void> }>;
  /** A shop on the platform; its owner approves on the next visits to the authorization page. */
  approvingShop(name: string): string;
  approveAgain(shop: string): void;
  /** The owner cancels the app's authorization there: every token the app holds for the shop is dead. */
  revoke(shop: string): void;
  items(shop: string): ItemSeen[];
  placeOrder(shop: string, sku: string): void;
  /** What the new connection's settings are, read from the shop, for the shop just approved. */
  expectedSettings(shop: string): Record<string, unknown>;
  /** What GET /channels/:id/options lists for the shop, and a pick the seller may make from it. */
  expectedOptions(shop: string): Record<string, unknown>;
  pick(shop: string): Record<string, unknown> | null;
}

function lazada(): Marketplace {
  let fake: LazadaFake;
  return {
    platform: 'lazada',
    name: 'Lazada',
    async start() {
      fake = await LazadaFake.start();
      return {
        // The fake serves the authorization page at its origin, and the token calls under /rest with the rest of the API.
        env: { CHANNEL_LAZADA_BASE_URL: fake.baseUrl, CHANNEL_LAZADA_AUTH_URL: fake.baseUrl, LAZADA_APP_KEY: fake.appKey, LAZADA_APP_SECRET: fake.appSecret },
        close: () => fake.close(),
      };
    },
    approvingShop(name) {
      const { sellerId } = fake.addSeller({ name });
      fake.approveAs(sellerId);
      return String(sellerId);
    },
    approveAgain: (shop) => fake.approveAs(Number(shop)),
    revoke: (shop) => fake.revokeTokens(Number(shop)),
    items: (shop) =>
      fake
        .items(Number(shop))
        .filter((item) => item.status !== 'Deleted')
        .flatMap((item) => item.skus.map((sku) => ({ sku: sku.sellerSku, price: sku.price, stock: sku.quantity }))),
    placeOrder: (shop, sku) => void fake.createOrder(Number(shop), { lines: [{ sellerSku: sku, quantity: 1 }], status: 'pending' }),
    expectedSettings: () => ({}),
    // Lazada items need neither shipping channels nor a warehouse.
    expectedOptions: () => ({}),
    pick: () => null,
  };
}

function tiktokShop(): Marketplace {
  let fake: TikTokShopFake;
  const warehouses = new Map<string, { first: string; second: string }>();
  return {
    platform: 'tiktok-shop',
    name: 'TikTok Shop',
    async start() {
      fake = await TikTokShopFake.start();
      // Registered with the service in Partner Center; the test follows only its path and query.
      fake.setRedirectUrl('https://nongsan.example.vn/api/v1/channels/oauth/tiktok-shop/callback');
      return {
        env: {
          CHANNEL_TIKTOK_SHOP_BASE_URL: fake.baseUrl,
          CHANNEL_TIKTOK_SHOP_AUTH_URL: fake.baseUrl,
          TIKTOK_SHOP_APP_KEY: fake.appKey,
          TIKTOK_SHOP_APP_SECRET: fake.appSecret,
          TIKTOK_SHOP_SERVICE_ID: fake.serviceId,
        },
        close: () => fake.close(),
      };
    },
    approvingShop(name) {
      const { shopId, warehouseId } = fake.addShop({ name });
      // A second sales warehouse: the default one is still what a new connection starts with.
      warehouses.set(shopId, { first: warehouseId, second: fake.addWarehouse(shopId, 'Kho Bảo Lộc') });
      fake.approveAs(shopId);
      return shopId;
    },
    approveAgain: (shop) => fake.approveAs(shop),
    revoke: (shop) => fake.revokeTokens(shop),
    items: (shop) =>
      fake
        .products(shop)
        .filter((product) => product.status !== 'DELETED')
        .flatMap((product) =>
          product.skus.map((sku) => ({ sku: sku.sellerSku, price: sku.price, stock: sku.inventory.reduce((sum, slot) => sum + slot.quantity, 0) })),
        ),
    placeOrder: (shop, sku) => void fake.createOrder(shop, { lines: [{ sellerSku: sku, quantity: 1 }] }),
    expectedSettings: (shop) => ({ warehouseId: warehouses.get(shop)!.first }),
    // The sales warehouses, not the return one.
    expectedOptions: (shop) => ({
      warehouses: [
        { id: warehouses.get(shop)!.first, name: expect.any(String), preferred: true },
        { id: warehouses.get(shop)!.second, name: 'Kho Bảo Lộc', preferred: false },
      ],
    }),
    pick: (shop) => ({ warehouseId: warehouses.get(shop)!.second }),
  };
}

describe.each([lazada(), tiktokShop()])('One-click $name connection', (market) => {
  let fake: { close(): Promise<void> };
  let picture: Buffer;
  let t: TestApp;
  let owner: Session;
  let stranger: Session;
  let coopId: string;
  let otherCoopId: string;

  const count = async (table: string) => (await t.db.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM ${table}`))[0].n;
  const start = (session: Session, cooperativeId: string) =>
    t.http().post(`/api/v1/cooperatives/${cooperativeId}/channels/authorizations`).set(session.auth).send({ platform: market.platform });
  const connectedId = (location: string) => new URL(location, 'http://seller.test').searchParams.get('connected')!;
  const connection = async (id: string) => (await t.http().get(`/api/v1/channels/${id}`).set(owner.auth).expect(200)).body;

  /** The seller's browser: our link to the platform's page (its owner approves), then back to our callback; the query it came back with. */
  async function approve(session: Session, cooperativeId: string): Promise<{ status: number; text: string; location?: string; query: Record<string, string> }> {
    const { body } = await start(session, cooperativeId).expect(201);
    const atPlatform = await fetch(body.authorizeUrl, { redirect: 'manual' });
    expect(atPlatform.status).toBe(302);
    const back = new URL(atPlatform.headers.get('location')!);
    expect(back.pathname).toBe(`/api/v1/channels/oauth/${market.platform}/callback`);
    const query = Object.fromEntries(back.searchParams);
    const res = await t.http().get(back.pathname).query(query);
    return { status: res.status, text: res.text, location: res.headers.location, query };
  }

  beforeAll(async () => {
    picture = await sharp({ create: { width: 400, height: 400, channels: 3, background: { r: 60, g: 140, b: 60 } } })
      .png()
      .toBuffer();
    const started = await market.start();
    fake = started;
    t = await createTestApp({ env: { ...started.env, ...QUICK_SYNC_ENV } });
    const official = await signIn(t, Role.Official);
    owner = await signIn(t, Role.Buyer);
    stranger = await signIn(t, Role.Buyer);
    coopId = await approvedCooperative(t, owner, official);
    otherCoopId = await approvedCooperative(t, stranger, official);
  });

  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

  it('offers one-click connection, and refuses a forged state with a page saying why, storing nothing', async () => {
    const { body } = await t.http().get('/api/v1/channels/platforms').expect(200);
    expect(body).toEqual(expect.arrayContaining([expect.objectContaining({ platform: market.platform, oneClick: true })]));
    const res = await t.http().get(`/api/v1/channels/oauth/${market.platform}/callback`).query({ state: 'not-a-state-we-gave', code: 'abc' }).expect(400);
    expect(res.text).toContain('Liên kết kết nối gian hàng này không hợp lệ');
    expect(await count('channel_connections')).toBe(0);
  });

  it('connects a shop its owner approved, with nothing typed: active, named, its settings read from the shop, products synced, an order imported', async () => {
    const sku = `${market.platform}-NM-1`;
    const product = await listedProduct(t, coopId, owner, picture, {
      name: 'Nước mắm Nhơn Lộc cá cơm 40 độ đạm',
      categoryId: 'fish-sauce',
      variants: [{ sku, name: 'Chai 500 ml', price: 150000, weightGrams: 900, stock: 40 }],
    });
    const shop = market.approvingShop(`HTX Nhơn Lộc trên ${market.name}`);
    const done = await approve(owner, coopId);
    expect(done.status).toBe(302);
    expect(done.location).toMatch(/^\/seller\/channels\?connected=[0-9a-f-]{36}$/);
    const id = connectedId(done.location!);
    const connected = await connection(id);
    expect(connected).toMatchObject({ status: 'active', shopName: `HTX Nhơn Lộc trên ${market.name}` });
    expect(connected.settings).toEqual(market.expectedSettings(shop));

    const synced = await eventually(
      () => listings(t, owner, id),
      (rows) => rows.length === 1 && rows[0].status === 'synced',
      30_000,
      200,
    );
    expect(synced).toEqual([expect.objectContaining({ productId: product.id, status: 'synced' })]);
    expect(market.items(shop)).toEqual([{ sku, price: 150000, stock: 40 }]);

    market.placeOrder(shop, sku);
    await t.http().post(`/api/v1/channels/${id}/sync`).set(owner.auth).expect(202);
    const orders = await eventually(
      async () => (await t.http().get(`/api/v1/channels/${id}/orders`).set(owner.auth).expect(200)).body.items,
      (rows) => rows.length === 1,
      30_000,
      200,
    );
    expect(orders[0]).toMatchObject({ status: 'imported' });

    // The way back used once: the same callback again changes nothing and says why.
    const replay = await t.http().get(`/api/v1/channels/oauth/${market.platform}/callback`).query(done.query).expect(400);
    expect(replay.text).toContain('đã được dùng rồi');
    expect(await count('channel_connections')).toBe(1);
  });

  it('refuses a state older than ten minutes', async () => {
    const before = await count('channel_connections');
    const { body } = await start(owner, coopId).expect(201);
    await t.db.query(`UPDATE channel_authorizations SET expires_at = now() - interval '1 second' WHERE used_at IS NULL`);
    const atPlatform = await fetch(body.authorizeUrl, { redirect: 'manual' });
    const back = new URL(atPlatform.headers.get('location')!);
    const res = await t.http().get(back.pathname).query(Object.fromEntries(back.searchParams)).expect(400);
    expect(res.text).toContain('quá 10 phút');
    expect(await count('channel_connections')).toBe(before);
  });

  it('pauses a shop whose authorization the owner cancelled, and after approving again pushes every edit made meanwhile without a second item', async () => {
    const sku = `${market.platform}-MC-1`;
    const product = await listedProduct(t, coopId, owner, picture, {
      name: 'Cà phê Robusta rang mộc Đắk Lắk nguyên chất',
      categoryId: 'tea-coffee',
      variants: [{ sku, name: 'Gói 500 g', price: 120000, weightGrams: 700, stock: 30 }],
    });
    const shop = market.approvingShop(`HTX Ea Kar trên ${market.name}`);
    const id = connectedId((await approve(owner, coopId)).location!);
    await eventually(
      () => listings(t, owner, id),
      (rows) => rows.some((row) => row.productId === product.id && row.status === 'synced'),
      30_000,
      200,
    );

    market.revoke(shop);
    await editVariant(t, owner, product.id, { price: 125000, stock: 12 });
    const paused = await eventually(
      () => connection(id),
      (c) => c.status === 'needs_reauthorization',
      30_000,
      200,
    );
    expect(paused.lastError).toBe(
      `Sàn ${market.name} không còn gia hạn quyền truy cập gian hàng; hãy bấm “Kết nối lại” và đồng ý trên ${market.name}. Các thay đổi vẫn được giữ và sẽ gửi lên sau đó.`,
    );
    const inEnglish = await t.http().get(`/api/v1/channels/${id}`).set(owner.auth).set('accept-language', 'en').expect(200);
    expect(inEnglish.body.lastError).toContain(`press “Reconnect” and approve on ${market.name}`);
    // The platform's own word for the refusal stays beside the sentence.
    expect(paused.lastErrorCode).toEqual(expect.any(String));
    await editVariant(t, owner, product.id, { price: 127000 });

    const again = await approve(owner, coopId);
    expect(connectedId(again.location!)).toBe(id);
    expect((await connection(id)).status).toBe('active');
    const item = await eventually(
      async () => market.items(shop).filter((candidate) => candidate.sku === sku),
      (found) => found.length === 1 && found[0].price === 127000 && found[0].stock === 12,
      30_000,
      200,
    );
    expect(item).toHaveLength(1);
  });

  it('lists what the shop offers and lets its admin pick from that list only, never an id from elsewhere', async () => {
    const shop = market.approvingShop(`HTX Bảo Lộc trên ${market.name}`);
    const id = connectedId((await approve(owner, coopId)).location!);
    const { body: options } = await t.http().get(`/api/v1/channels/${id}/options`).set(owner.auth).expect(200);
    expect(options).toEqual(market.expectedOptions(shop));
    await t.http().get(`/api/v1/channels/${id}/options`).set(stranger.auth).expect(404);

    const refused = await t.http().patch(`/api/v1/channels/${id}/settings`).set(owner.auth).send({ warehouseId: '123456789' }).expect(400);
    expect(refused.body.error.details).toEqual([{ field: 'warehouseId', message: expect.stringContaining('hãy chọn trong danh sách') }]);
    await t.http().patch(`/api/v1/channels/${id}/settings`).set(stranger.auth).send({ warehouseId: '123456789' }).expect(404);
    const pick = market.pick(shop);
    if (pick) {
      const { body } = await t.http().patch(`/api/v1/channels/${id}/settings`).set(owner.auth).send(pick).expect(200);
      expect(body.settings).toMatchObject(pick);
      expect((await connection(id)).settings).toMatchObject(pick);
    }
  });

  it('does not attach a shop connected to one cooperative to another', async () => {
    const shop = market.approvingShop(`HTX Cát Hải trên ${market.name}`);
    expect((await approve(owner, coopId)).status).toBe(302);
    // The same shop's owner approves again, this time from the other cooperative's link.
    market.approveAgain(shop);
    const res = await approve(stranger, otherCoopId);
    expect(res.status).toBe(409);
    expect(res.text).toContain('đã được kết nối');
    const [{ n }] = await t.db.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM channel_connections WHERE cooperative_id = $1`, [otherCoopId]);
    expect(n).toBe(0);
  });
});
