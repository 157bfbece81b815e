import { createHmac } from 'node:crypto';
import { Role } from '@nongsan/core';
import { ShopeeFake } from './fakes/shopee.fake.js';
import { createTestApp, signIn, type Session, type TestApp } from './harness/app.js';
import { approvedCooperative, QUICK_SYNC_ENV } from './harness/channel-fixtures.js';

/**
 * One-click shop connection: the seller is sent to the platform's approval page with a state that
 * works once, for ten minutes, for the cooperative and the person who asked; whatever comes back
 * with another state stores nothing and says why, in Vietnamese first.
 */
describe('Shop authorization', () => {
  let fake: ShopeeFake;
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
    fake = await ShopeeFake.start();
    t = await createTestApp({ env: { CHANNEL_SHOPEE_BASE_URL: fake.baseUrl, SHOPEE_PARTNER_ID: String(fake.partnerId), SHOPEE_PARTNER_KEY: fake.partnerKey, ...QUICK_SYNC_ENV } });
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
    expect(body).toEqual(expect.arrayContaining([expect.objectContaining({ platform: 'shopee', oneClick: true }), expect.objectContaining({ platform: 'lazada', oneClick: false })]));
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
    expect(url.searchParams.get('sign')).toBe(createHmac('sha256', fake.partnerKey).update(`${fake.partnerId}/api/v2/shop/auth_partner${timestamp}`).digest('hex'));
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
    const elsewhere = await t.http().get('/api/v1/channels/oauth/lazada/callback').query({ state: stateOf(body.authorizeUrl), code: 'x' }).expect(400);
    expect(elsewhere.text).toContain('Lazada');
  });
});
