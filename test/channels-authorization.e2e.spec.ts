import { createHmac } from 'node:crypto';
import { Role } from '@nongsan/core';
import sharp from 'sharp';
import { ShopeeFake } from './fakes/shopee.fake.js';
import { createTestApp, signIn, type Session, type TestApp } from './harness/app.js';
import { approvedCooperative, editVariant, listedProduct, listings, QUICK_SYNC_ENV } from './harness/channel-fixtures.js';
import { eventually } from './harness/eventually.js';

/**
 * One-click shop connection: the seller is sent to the platform's approval page with a state that
 * works once, for ten minutes, for the cooperative and the person who asked; whatever comes back
 * with another state stores nothing and says why, in Vietnamese first.
 */
describe('Shop authorization', () => {
  let fake: ShopeeFake;
  let picture: Buffer;
  let t: TestApp;
  let owner: Session;
  let stranger: Session;
  let coopId: string;
  let otherCoopId: string;

  const count = async (table: string) => (await t.db.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM ${table}`))[0].n;
  const start = (session: Session, cooperativeId: string, platform = 'shopee') =>
    t.http().post(`/api/v1/cooperatives/${cooperativeId}/channels/authorizations`).set(session.auth).send({ platform });
  /** The state our callback will receive: Shopee keeps it in the redirect URL it was given. */
  const stateOf = (authorizeUrl: string) => new URL(new URL(authorizeUrl).searchParams.get('redirect')!).searchParams.get('state')!;
  const callback = (query: Record<string, string>) => t.http().get('/api/v1/channels/oauth/shopee/callback').query(query);

  beforeAll(async () => {
    picture = await sharp({ create: { width: 320, height: 240, channels: 3, background: { r: 60, g: 140, b: 60 } } })
      .png()
      .toBuffer();
    fake = await ShopeeFake.start();
    t = await createTestApp({
      env: { CHANNEL_SHOPEE_BASE_URL: fake.baseUrl, SHOPEE_PARTNER_ID: String(fake.partnerId), SHOPEE_PARTNER_KEY: fake.partnerKey, ...QUICK_SYNC_ENV },
    });
    await t.app.listen(0, '127.0.0.1');
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

  it('offers one-click connection only where the operator registered an app', async () => {
    const { body } = await t.http().get('/api/v1/channels/platforms').expect(200);
    expect(body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ platform: 'shopee', oneClick: true }),
        expect.objectContaining({ platform: 'lazada', oneClick: false }),
      ]),
    );
    const refused = await start(owner, coopId, 'lazada').expect(400);
    expect(refused.body.error.details).toEqual([{ field: 'platform', message: expect.stringContaining('chưa đăng ký ứng dụng với sàn Lazada') }]);
  });

  it('sends the seller to Shopee’s auth_partner page, signed with the partner key, coming back to our callback with the state', async () => {
    const before = Math.floor(Date.now() / 1000);
    const { body } = await start(owner, coopId).expect(201);
    const url = new URL(body.authorizeUrl);
    expect(`${url.origin}${url.pathname}`).toBe(`${fake.baseUrl}/api/v2/shop/auth_partner`);
    const timestamp = Number(url.searchParams.get('timestamp'));
    expect(timestamp).toBeGreaterThanOrEqual(before);
    expect(url.searchParams.get('partner_id')).toBe(String(fake.partnerId));
    // The documented base string of a public call: partner_id, the path, the timestamp.
    expect(url.searchParams.get('sign')).toBe(
      createHmac('sha256', fake.partnerKey).update(`${fake.partnerId}/api/v2/shop/auth_partner${timestamp}`).digest('hex'),
    );
    const redirect = new URL(url.searchParams.get('redirect')!);
    expect(redirect.pathname).toBe('/api/v1/channels/oauth/shopee/callback');
    expect(stateOf(body.authorizeUrl)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Only a hash of the state is kept.
    const rows = await t.db.query<Array<{ state_hash: string }>>(`SELECT state_hash FROM channel_authorizations`);
    expect(rows.map((r) => r.state_hash)).not.toContain(stateOf(body.authorizeUrl));
  });

  it('does not let another cooperative’s admin start an authorization for this one', async () => {
    const before = await count('channel_authorizations');
    await start(stranger, coopId).expect(404);
    expect(await count('channel_authorizations')).toBe(before);
  });

  it('answers a forged state with a page saying why in Vietnamese, then English, and stores nothing', async () => {
    const res = await callback({ state: 'not-a-state-we-gave', code: 'abc', shop_id: '123' }).expect(400);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toContain('Liên kết kết nối gian hàng này không hợp lệ');
    expect(res.text).toContain('This shop connection link is not valid');
    expect(res.text).toContain('href="/seller/channels"');
    expect(await count('channel_connections')).toBe(0);
  });

  it('refuses a state older than ten minutes', async () => {
    const { body } = await start(owner, coopId).expect(201);
    await t.db.query(`UPDATE channel_authorizations SET expires_at = now() - interval '1 second' WHERE used_at IS NULL`);
    const res = await callback({ state: stateOf(body.authorizeUrl), code: 'abc', shop_id: '123' }).expect(400);
    expect(res.text).toContain('quá 10 phút');
    expect(await count('channel_connections')).toBe(0);
  });

  it('uses a state once: a code Shopee refuses spends it, and the same callback again is refused as used', async () => {
    const { body } = await start(owner, coopId).expect(201);
    const query = { state: stateOf(body.authorizeUrl), code: 'never-issued', shop_id: '123' };
    const first = await callback(query).expect(400);
    expect(first.text).toContain('Sàn Shopee không xác nhận việc cấp quyền');
    const replay = await callback(query).expect(400);
    expect(replay.text).toContain('đã được dùng rồi');
    expect(await count('channel_connections')).toBe(0);
  });

  it('binds a state to its platform and its cooperative: another cooperative’s state is not this one’s', async () => {
    const { body } = await start(stranger, otherCoopId).expect(201);
    const [row] = await t.db.query<Array<{ cooperative_id: string }>>(`SELECT cooperative_id FROM channel_authorizations ORDER BY created_at DESC LIMIT 1`);
    expect(row.cooperative_id).toBe(otherCoopId);
    // The same state at another platform's callback is unknown there.
    const elsewhere = await t
      .http()
      .get('/api/v1/channels/oauth/lazada/callback')
      .query({ state: stateOf(body.authorizeUrl), code: 'x' })
      .expect(400);
    expect(elsewhere.text).toContain('Lazada');
  });

  /** The seller's browser: our link to Shopee, Shopee's page (the shop's owner approves), back to our callback. */
  async function approveOnShopee(shop: { shopId: number; name: string }): Promise<{ status: number; location?: string }> {
    approveAs(shop);
    const { body } = await start(owner, coopId).expect(201);
    const atShopee = await fetch(body.authorizeUrl, { redirect: 'manual' });
    expect(atShopee.status).toBe(302);
    const back = new URL(atShopee.headers.get('location')!);
    const res = await t.http().get(back.pathname).query(Object.fromEntries(back.searchParams));
    return { status: res.status, location: res.headers.location };
  }
  /** The shop's owner signs in and approves on Shopee's page next (the shop is made the first time). */
  const shops = new Set<number>();
  function approveAs(shop: { shopId: number; name: string }): void {
    if (!shops.has(shop.shopId)) fake.addShop(shop);
    shops.add(shop.shopId);
    fake.approveAs(shop.shopId);
  }
  const connectedId = (location: string) => new URL(location, 'http://seller.test').searchParams.get('connected')!;
  const connection = async (id: string) => (await t.http().get(`/api/v1/channels/${id}`).set(owner.auth).expect(200)).body;

  it('connects a shop its owner approved on Shopee, with nothing typed: active, named, its shipping channels set, products synced, an order imported', async () => {
    const shop = { shopId: 880001, name: 'HTX Nhơn Lộc trên Shopee' };
    const product = await listedProduct(t, coopId, owner, picture);
    const done = await approveOnShopee(shop);
    expect(done.status).toBe(302);
    expect(done.location).toMatch(/^\/seller\/channels\?connected=[0-9a-f-]{36}$/);
    const id = connectedId(done.location!);
    // The enabled channels from get_channel_list, not the one the seller switched off.
    expect(await connection(id)).toMatchObject({ status: 'active', shopName: shop.name, settings: { logisticIds: [...fake.logisticIds] } });

    const synced = await eventually(
      () => listings(t, owner, id),
      (rows) => rows.length === 1 && rows[0].status === 'synced',
      30_000,
      200,
    );
    expect(synced).toEqual([expect.objectContaining({ productId: product.id, status: 'synced' })]);
    const [item] = fake.items(shop.shopId);
    expect(item.logistics.map((l) => l.logisticId)).toEqual([...fake.logisticIds]);

    // The seller may list with fewer channels, picked from the shop's enabled ones; a disabled one is refused.
    const { body: options } = await t.http().get(`/api/v1/channels/${id}/options`).set(owner.auth).expect(200);
    expect(options.logistics).toEqual([...fake.logisticIds].map((logisticId) => ({ id: logisticId, name: `Kênh ${logisticId}`, preferred: true })));
    const refused = await t
      .http()
      .patch(`/api/v1/channels/${id}/settings`)
      .set(owner.auth)
      .send({ logisticIds: [59999] })
      .expect(400);
    expect(refused.body.error.details).toEqual([{ field: 'logisticIds', message: expect.any(String) }]);
    const picked = await t
      .http()
      .patch(`/api/v1/channels/${id}/settings`)
      .set(owner.auth)
      .send({ logisticIds: [options.logistics[0].id] })
      .expect(200);
    expect(picked.body.settings.logisticIds).toEqual([options.logistics[0].id]);

    fake.createOrder(shop.shopId, { lines: [{ itemId: item.itemId, quantity: 1 }], status: 'READY_TO_SHIP' });
    await t.http().post(`/api/v1/channels/${id}/sync`).set(owner.auth).expect(202);
    const orders = await eventually(
      async () => (await t.http().get(`/api/v1/channels/${id}/orders`).set(owner.auth).expect(200)).body.items,
      (rows) => rows.length === 1,
      30_000,
      200,
    );
    expect(orders[0]).toMatchObject({ status: 'imported' });
  });

  it('pauses a shop whose refresh token Shopee no longer takes, and after the owner approves again pushes every edit made meanwhile without a second item', async () => {
    const shop = { shopId: 880002, name: 'HTX Cát Hải trên Shopee' };
    const product = await listedProduct(t, coopId, owner, picture, {
      name: 'Nước mắm Cát Hải',
      variants: [{ sku: 'NM-CH-1', name: 'Chai 500 ml', price: 85000, weightGrams: 700, stock: 30 }],
    });
    const id = connectedId((await approveOnShopee(shop)).location!);
    await eventually(
      () => listings(t, owner, id),
      (rows) => rows.some((row) => row.productId === product.id && row.status === 'synced'),
      30_000,
      200,
    );

    // The seller re-authorized elsewhere: the pair we hold, refresh token included, is dead.
    fake.addShop({ shopId: shop.shopId, name: shop.name });
    await editVariant(t, owner, product.id, { price: 91000, stock: 12 });
    const paused = await eventually(
      () => connection(id),
      (c) => c.status === 'needs_reauthorization',
      30_000,
      200,
    );
    // What to do, in Vietnamese; Shopee's own word for the dead refresh token stays beside it.
    expect(paused.lastError).toContain('hãy bấm “Kết nối lại” và đồng ý trên Shopee');
    expect(paused.lastErrorCode).toBe('error_param');
    await editVariant(t, owner, product.id, { price: 93000 });

    const again = await approveOnShopee(shop);
    expect(connectedId(again.location!)).toBe(id);
    expect((await connection(id)).status).toBe('active');
    const item = () => fake.items(shop.shopId).find((candidate) => candidate.sku === 'NM-CH-1');
    await eventually(
      () => item(),
      (found) => found?.price === 93000 && found.stock === 12,
      30_000,
      200,
    );
    expect(fake.items(shop.shopId).filter((candidate) => candidate.sku === 'NM-CH-1')).toHaveLength(1);
  });

  it('does not attach a shop connected to another cooperative', async () => {
    approveAs({ shopId: 880001, name: 'HTX Nhơn Lộc trên Shopee' });
    const { body } = await start(stranger, otherCoopId).expect(201);
    const atShopee = await fetch(body.authorizeUrl, { redirect: 'manual' });
    const back = new URL(atShopee.headers.get('location')!);
    const res = await t.http().get(back.pathname).query(Object.fromEntries(back.searchParams)).expect(409);
    expect(res.text).toContain('đã được kết nối');
    const [{ n }] = await t.db.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM channel_connections WHERE cooperative_id = $1`, [otherCoopId]);
    expect(n).toBe(0);
  });
});
