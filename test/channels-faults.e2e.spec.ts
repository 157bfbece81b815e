import { Role } from '@nongsan/core';
import sharp from 'sharp';
import { ShopeeFake } from './fakes/shopee.fake.js';
import { createTestApp, signIn, type Session, type TestApp } from './harness/app.js';
import { createProduct } from './harness/catalog-fixtures.js';
import { eventually } from './harness/eventually.js';
import { approveCooperative, createCooperative } from './harness/fixtures.js';

/**
 * Shopee misbehaving while 200 listings are pushed: one call in five answers 500/503, 429 or
 * nothing at all, the access token expires midway, and a create succeeds but its answer is lost.
 * Every listing must end up synced, each SKU exactly once on the platform.
 */
describe('Channel sync under faults', () => {
  let fake: ShopeeFake;
  let t: TestApp;
  let owner: Session;
  let coopId: string;
  let partner: { partnerId: number; partnerKey: string };
  let shop: { shopId: number; accessToken: string; refreshToken: string };
  let connectionId: string;

  const job = async (jobId: string) => (await t.http().get(`/api/v1/jobs/${jobId}`).set(owner.auth).expect(200)).body;
  const listings = async () => {
    const all: Array<{ sku: string; status: string; externalId: string | null; lastError: string | null }> = [];
    let cursor: string | null = null;
    do {
      const { body }: { body: { items: typeof all; nextCursor: string | null } } = await t.http().get(`/api/v1/channels/${connectionId}/listings`).query({ limit: 100, ...(cursor ? { cursor } : {}) }).set(owner.auth).expect(200);
      all.push(...body.items);
      cursor = body.nextCursor;
    } while (cursor);
    return all;
  };
  const liveItems = () => fake.items(shop.shopId).filter((i) => i.status !== 'SELLER_DELETE');

  beforeAll(async () => {
    fake = await ShopeeFake.start();
    partner = fake.addPartner();
    shop = fake.addShop({ name: 'HTX Hoài Nhơn', partnerId: partner.partnerId });
    t = await createTestApp({
      env: {
        CHANNEL_SHOPEE_BASE_URL: fake.baseUrl,
        CHANNEL_RATE_PER_SECOND: '100',
        CHANNEL_RATE_BURST: '20',
        CHANNEL_RETRY_BASE_MS: '50',
        CHANNEL_RETRY_MAX_MS: '500',
        CHANNEL_REQUEST_TIMEOUT_MS: '400',
        CHANNEL_SYNC_MAX_ATTEMPTS: '25',
      },
    });
    const official = await signIn(t, Role.Official);
    owner = await signIn(t, Role.Buyer);
    coopId = (await createCooperative(t, owner)).id;
    await approveCooperative(t, owner, official, coopId);
    const picture = await sharp({ create: { width: 200, height: 200, channels: 3, background: { r: 30, g: 140, b: 60 } } }).png().toBuffer();
    const create = async (i: number) => {
      const { id } = await createProduct(t, coopId, owner, { overrides: { name: `Bánh tráng Trường Thành loại ${i}`, categoryId: 'rice-paper', variants: [{ sku: `BT-${String(i).padStart(3, '0')}`, name: 'Xấp 500 g', price: 30000 + i * 100, weightGrams: 500, stock: 100 + i }] } });
      await t.http().post(`/api/v1/products/${id}/images`).set(owner.auth).attach('file', picture, { filename: 'banh-trang.png', contentType: 'image/png' }).expect(201);
      await t.http().post(`/api/v1/products/${id}/publish`).set(owner.auth).expect(200);
    };
    for (let start = 0; start < 200; start += 8) await Promise.all(Array.from({ length: 8 }, (_, k) => create(start + k)));
  }, 400_000);

  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

  it('publishes 200 listings through 20 % faults and a lost create answer without a duplicate', async () => {
    // Connecting itself may meet a fault: the seller is told to try again and nothing is stored.
    fake.injectFaults({ probability: 0.2, kinds: ['http500', 'http503', 'rate_limit', 'timeout'], seed: 7, holdMs: 1000 });
    fake.dropNextResponses('/api/v2/product/add_item', 3);
    let connected: { status: number; body: { id: string; syncJobId: string; error?: { code: string } } };
    do {
      connected = await t
        .http()
        .post(`/api/v1/cooperatives/${coopId}/channels`)
        .set(owner.auth)
        .send({ platform: 'shopee', credentials: { partnerId: String(partner.partnerId), partnerKey: partner.partnerKey, shopId: String(shop.shopId), accessToken: shop.accessToken, refreshToken: shop.refreshToken }, settings: { logisticIds: [50018] } });
      if (connected.status !== 201) expect(connected.body.error?.code).toBe('CHANNEL_UNREACHABLE');
    } while (connected.status !== 201);
    connectionId = connected.body.id;

    const done = await eventually(() => job(connected.body.syncJobId), (j) => j.status === 'completed', 240_000, 500);
    expect(done).toMatchObject({ total: 200, done: 200, failed: 0 });
    const all = await listings();
    expect(all).toHaveLength(200);
    expect(all.filter((l) => l.status !== 'synced')).toEqual([]);
    const skus = liveItems().map((i) => i.sku);
    expect(skus).toHaveLength(200);
    expect(new Set(skus).size).toBe(200);
    // The faults really happened: failed and dropped calls are on the fake's record.
    expect(fake.calls.filter((c) => c.fault === 'drop')).toHaveLength(3);
    expect(fake.calls.filter((c) => c.fault && c.fault !== 'drop').length).toBeGreaterThan(20);
    // Each listing names the item with its SKU.
    const bySku = new Map(liveItems().map((i) => [i.sku, String(i.itemId)]));
    for (const listing of all) expect(listing.externalId).toBe(bySku.get(listing.sku));
  }, 300_000);

  it('converges on a full resync with faults and an access token that expires midway', async () => {
    // Prices move here while nothing is pushed yet… then the resync has to carry them.
    await t.db.query(`UPDATE variants SET price = price + 1000 WHERE cooperative_id = $1`, [coopId]);
    fake.injectFaults({ probability: 0.2, kinds: ['http500', 'rate_limit', 'timeout'], seed: 11, holdMs: 1000 });
    const { body } = await t.http().post(`/api/v1/channels/${connectionId}/sync`).set(owner.auth).expect(202);
    setTimeout(() => fake.expireAccessToken(shop.shopId), 300);
    const done = await eventually(() => job(body.jobId), (j) => j.status === 'completed', 240_000, 500);
    expect(done).toMatchObject({ total: 200, done: 200, failed: 0 });
    fake.clearFaults();
    const items = liveItems();
    expect(items).toHaveLength(200);
    for (const item of items) {
      const i = Number(item.sku.slice(3));
      expect(item.price).toBe(30000 + i * 100 + 1000);
      expect(item.stock).toBe(100 + i);
    }
    // The token was refreshed (Shopee's refresh token works once) and the new one is what is stored.
    expect(fake.calls.some((c) => c.path === '/api/v2/auth/access_token/get' && c.status === 200)).toBe(true);
    const [row] = await t.db.query(`SELECT credentials FROM channel_connections WHERE id = $1`, [connectionId]);
    expect(row.credentials).not.toContain(shop.refreshToken);
  }, 300_000);
});
