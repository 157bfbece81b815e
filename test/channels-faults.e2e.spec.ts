import sharp from 'sharp';
import { ShopeeFake } from './fakes/shopee.fake.js';
import type { Session, TestApp } from './harness/app.js';
import { allListings, connectDespiteFaults, FAULTY_SYNC_ENV, job, listedRicePapers } from './harness/channel-fixtures.js';
import { eventually } from './harness/eventually.js';
import { closeAppThenFake, sellerOnMarketplace } from './harness/marketplace-seller.js';

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

  const liveItems = () => fake.items(shop.shopId).filter((i) => i.status !== 'SELLER_DELETE');

  beforeAll(async () => {
    fake = await ShopeeFake.start();
    partner = fake.addPartner();
    shop = fake.addShop({ name: 'HTX Hoài Nhơn', partnerId: partner.partnerId });
    ({ t, owner, coopId } = await sellerOnMarketplace({ CHANNEL_SHOPEE_BASE_URL: fake.baseUrl, ...FAULTY_SYNC_ENV }));
    const picture = await sharp({ create: { width: 200, height: 200, channels: 3, background: { r: 30, g: 140, b: 60 } } })
      .png()
      .toBuffer();
    await listedRicePapers(t, coopId, owner, picture, { count: 200, batch: 8 });
  }, 400_000);

  afterAll(() => closeAppThenFake(t, fake));

  it('publishes 200 listings through 20 % faults and a lost create answer without a duplicate', async () => {
    fake.injectFaults({ probability: 0.2, kinds: ['http500', 'http503', 'rate_limit', 'timeout'], seed: 7, holdMs: 1000 });
    fake.dropNextResponses('/api/v2/product/add_item', 3);
    const connected = await connectDespiteFaults(t, owner, coopId, {
      platform: 'shopee',
      credentials: {
        partnerId: String(partner.partnerId),
        partnerKey: partner.partnerKey,
        shopId: String(shop.shopId),
        accessToken: shop.accessToken,
        refreshToken: shop.refreshToken,
      },
      settings: { logisticIds: [50018] },
    });
    connectionId = connected.id;

    const done = await eventually(
      () => job(t, owner, connected.syncJobId),
      (j) => j.status === 'completed',
      240_000,
      500,
    );
    expect(done).toMatchObject({ total: 200, done: 200, failed: 0 });
    const all = await allListings(t, owner, connectionId);
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
    const done = await eventually(
      () => job(t, owner, body.jobId),
      (j) => j.status === 'completed',
      240_000,
      500,
    );
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
