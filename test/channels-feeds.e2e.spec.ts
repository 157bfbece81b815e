import { Role } from '@nongsan/core';
import { parse } from 'csv-parse/sync';
import { XMLParser } from 'fast-xml-parser';
import sharp from 'sharp';
import { addMember, createTestApp, signIn, type Session, type TestApp } from './harness/app.js';
import { createProduct } from './harness/catalog-fixtures.js';
import { approveCooperative, createCooperative } from './harness/fixtures.js';

const TRICKY_NAME = 'Nước mắm "Nhĩ" 40°, cá cơm & muối <Sa Huỳnh>';
const TRICKY_DESCRIPTION = 'Ủ chượp 12 tháng, "cốt" nhĩ; đóng chai 500 ml, giao toàn quốc & quà biếu.\nKhông chất bảo quản.';

/**
 * Google Merchant and Meta feeds as the platforms fetch them: parsed with a real XML parser and
 * csv-parse, every required field checked, Vietnamese text and XML/CSV specials intact, cheap
 * re-fetches (304), revocation, the province-wide feed, and who may see what.
 */
describe('Product feeds', () => {
  let t: TestApp;
  let owner: Session;
  let official: Session;
  let coopId: string;
  let otherOwner: Session;
  let otherCoopId: string;
  let picture: Buffer;
  const products: Record<string, { id: string; variantIds: string[] }> = {};
  const xml = new XMLParser({ ignoreAttributes: false, parseTagValue: false });

  const listed = async (coop: string, member: Session, overrides: Record<string, unknown>) => {
    const product = await createProduct(t, coop, member, { overrides });
    await t
      .http()
      .post(`/api/v1/products/${product.id}/images`)
      .set(member.auth)
      .attach('file', picture, { filename: 'anh.png', contentType: 'image/png' })
      .expect(201);
    await t.http().post(`/api/v1/products/${product.id}/publish`).set(member.auth).expect(200);
    return product;
  };
  const path = (feedUrl: string) => new URL(feedUrl).pathname;
  const googleItems = (body: string) => {
    const doc = xml.parse(body);
    const items = doc.rss.channel.item ?? [];
    return (Array.isArray(items) ? items : [items]) as Array<Record<string, string>>;
  };

  beforeAll(async () => {
    t = await createTestApp();
    picture = await sharp({ create: { width: 200, height: 150, channels: 3, background: { r: 90, g: 60, b: 20 } } })
      .png()
      .toBuffer();
    official = await signIn(t, Role.Official);
    owner = await signIn(t, Role.Buyer);
    otherOwner = await signIn(t, Role.Buyer);
    coopId = (await createCooperative(t, owner, { overrides: { name: 'HTX Nước mắm Sa Huỳnh & Tam Quan' } })).id;
    otherCoopId = (await createCooperative(t, otherOwner, { overrides: { name: 'HTX Gạo Phù Cát' } })).id;
    await approveCooperative(t, owner, official, coopId);
    await approveCooperative(t, otherOwner, official, otherCoopId);
    products.tricky = await listed(coopId, owner, {
      name: TRICKY_NAME,
      description: TRICKY_DESCRIPTION,
      categoryId: 'fish-sauce',
      variants: [{ sku: 'NM-NHI-500', name: 'Chai 500 ml', price: 185000, weightGrams: 800, stock: 12 }],
    });
    products.soldOut = await listed(coopId, owner, {
      name: 'Mắm ruốc Tam Quan',
      variants: [{ sku: 'MR-TQ', name: 'Hũ 250 g', price: 45000, weightGrams: 300, stock: 0 }],
    });
    products.twoSizes = await listed(coopId, owner, {
      name: 'Cá cơm khô',
      variants: [
        { sku: 'CC-200', name: 'Gói 200 g', price: 60000, weightGrams: 220, stock: 5 },
        { sku: 'CC-500', name: 'Gói 500 g', price: 140000, weightGrams: 520, stock: 5 },
      ],
    });
    products.draft = await createProduct(t, coopId, owner, { overrides: { name: 'Sản phẩm nháp' } });
    products.archived = await listed(coopId, owner, { name: 'Mắm đã ngừng bán' });
    await t.http().post(`/api/v1/products/${products.archived.id}/archive`).set(owner.auth).expect(200);
    products.other = await listed(otherCoopId, otherOwner, { name: 'Gạo Phù Cát', categoryId: 'rice-grains' });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('lists the feed platforms beside the shops', async () => {
    const { body } = await t.http().get('/api/v1/channels/platforms').expect(200);
    expect(body).toEqual(
      expect.arrayContaining([
        { platform: 'google-merchant', name: 'Google Merchant Center', kind: 'feed', oneClick: false },
        { platform: 'meta-catalog', name: 'Meta (Facebook/Instagram) catalog', kind: 'feed', oneClick: false },
      ]),
    );
  });

  it('serves a Google Merchant feed with every required field, the cooperative as brand, text intact', async () => {
    const { body: feed } = await t.http().post(`/api/v1/cooperatives/${coopId}/channels`).set(owner.auth).send({ platform: 'google-merchant' }).expect(201);
    expect(feed).toMatchObject({ platform: 'google-merchant', kind: 'feed', status: 'active' });
    expect(feed.feedUrl).toMatch(/\/api\/v1\/feeds\/[A-Za-z0-9_-]{32}\/google-merchant\.xml$/);
    const res = await t.http().get(path(feed.feedUrl)).expect(200);
    expect(res.headers['content-type']).toContain('application/xml');
    const items = googleItems(res.text);
    // Published products of this cooperative only: one row per variant; no draft, no archived, no other cooperative.
    expect(items.map((i) => i['g:title']).sort()).toEqual(['Cá cơm khô - Gói 200 g', 'Cá cơm khô - Gói 500 g', 'Mắm ruốc Tam Quan', TRICKY_NAME].sort());
    const tricky = items.find((i) => i['g:title'] === TRICKY_NAME)!;
    expect(tricky).toMatchObject({
      'g:id': products.tricky.variantIds[0],
      'g:description': TRICKY_DESCRIPTION.replace(/\s+/g, ' '),
      'g:availability': 'in_stock',
      'g:price': '185000 VND',
      'g:brand': 'HTX Nước mắm Sa Huỳnh & Tam Quan',
      'g:condition': 'new',
      'g:identifier_exists': 'no',
      'g:item_group_id': products.tricky.id,
    });
    expect(tricky['g:link']).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/products\/[a-z0-9-]+$/);
    expect(tricky['g:image_link']).toMatch(/^http:\/\/.+\.webp$/);
    const image = await fetch(tricky['g:image_link']);
    expect(image.status).toBe(200);
    expect(items.find((i) => i['g:title'] === 'Mắm ruốc Tam Quan')?.['g:availability']).toBe('out_of_stock');
    for (const item of items)
      for (const field of ['g:id', 'g:title', 'g:description', 'g:link', 'g:image_link', 'g:availability', 'g:price']) expect(item[field]).toBeTruthy();
    // The raw bytes escape what XML needs escaped.
    expect(res.text).toContain('&amp; muối &lt;Sa Huỳnh&gt;');
  });

  it('answers 304 to a fetcher that already has this version, and 200 once something changes', async () => {
    const { body: feed } = await t.http().post(`/api/v1/cooperatives/${coopId}/channels`).set(owner.auth).send({ platform: 'google-merchant' }).expect(201);
    const first = await t.http().get(path(feed.feedUrl)).expect(200);
    const etag = first.headers.etag;
    expect(etag).toBeTruthy();
    expect(first.headers['last-modified']).toBeTruthy();
    const again = await t.http().get(path(feed.feedUrl)).set('If-None-Match', etag).expect(304);
    expect(again.text ?? '').toBe('');
    await t.http().get(path(feed.feedUrl)).set('If-Modified-Since', first.headers['last-modified']).expect(304);
    const { body: product } = await t.http().get(`/api/v1/products/${products.soldOut.id}`).set(owner.auth).expect(200);
    const v = product.variants[0];
    await t
      .http()
      .patch(`/api/v1/products/${products.soldOut.id}`)
      .set(owner.auth)
      .send({ variants: [{ id: v.id, sku: v.sku, name: v.name, price: v.price, weightGrams: v.weightGrams, stock: 9 }] })
      .expect(200);
    const changed = await t.http().get(path(feed.feedUrl)).set('If-None-Match', etag).expect(200);
    expect(changed.headers.etag).not.toBe(etag);
    expect(googleItems(changed.text).find((i) => i['g:title'] === 'Mắm ruốc Tam Quan')?.['g:availability']).toBe('in_stock');
  });

  it('serves a Meta catalog CSV that csv-parse reads back exactly', async () => {
    const { body: feed } = await t.http().post(`/api/v1/cooperatives/${coopId}/channels`).set(owner.auth).send({ platform: 'meta-catalog' }).expect(201);
    const res = await t.http().get(path(feed.feedUrl)).expect(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const rows = parse(res.text, { columns: true, skip_empty_lines: true }) as Array<Record<string, string>>;
    expect(Object.keys(rows[0])).toEqual(['id', 'item_group_id', 'title', 'description', 'availability', 'condition', 'price', 'link', 'image_link', 'brand']);
    expect(rows).toHaveLength(4);
    const tricky = rows.find((r) => r.id === products.tricky.variantIds[0])!;
    expect(tricky).toMatchObject({
      title: TRICKY_NAME,
      description: TRICKY_DESCRIPTION.replace(/\s+/g, ' '),
      availability: 'in stock',
      condition: 'new',
      price: '185000 VND',
      brand: 'HTX Nước mắm Sa Huỳnh & Tam Quan',
    });
    expect(['in stock', 'out of stock']).toEqual(expect.arrayContaining([...new Set(rows.map((r) => r.availability))]));
    for (const row of rows) for (const value of Object.values(row)) expect(value).not.toBe('');
  });

  it('stops answering once revoked, and a feed is never something to sync', async () => {
    const { body: feed } = await t.http().post(`/api/v1/cooperatives/${coopId}/channels`).set(owner.auth).send({ platform: 'meta-catalog' }).expect(201);
    await t.http().get(path(feed.feedUrl)).expect(200);
    const refused = await t.http().post(`/api/v1/channels/${feed.id}/sync`).set(owner.auth).expect(409);
    expect(refused.body.error.code).toBe('CHANNEL_IS_FEED');
    expect((await t.http().get(`/api/v1/channels/${feed.id}/listings`).set(owner.auth).expect(200)).body.items).toEqual([]);
    expect((await t.http().delete(`/api/v1/channels/${feed.id}`).set(owner.auth).expect(200)).body).toEqual({ jobId: null });
    await t.http().get(path(feed.feedUrl)).expect(404);
    // A made-up token, or the right token with the other format, is the same 404.
    await t
      .http()
      .get(path(feed.feedUrl).replace(/feeds\/[^/]+/, 'feeds/khong-co-token'))
      .expect(404);
    const { body: google } = await t.http().post(`/api/v1/cooperatives/${coopId}/channels`).set(owner.auth).send({ platform: 'google-merchant' }).expect(201);
    await t.http().get(path(google.feedUrl).replace('google-merchant.xml', 'meta-catalog.csv')).expect(404);
  });

  it('gives the Department one feed for every approved cooperative, made by officials only', async () => {
    await t.http().post('/api/v1/admin/feeds').set(owner.auth).send({ platform: 'google-merchant' }).expect(403);
    const notFeed = await t.http().post('/api/v1/admin/feeds').set(official.auth).send({ platform: 'shopee' }).expect(400);
    expect(notFeed.body.error.details[0].field).toBe('platform');
    const { body: feed } = await t.http().post('/api/v1/admin/feeds').set(official.auth).send({ platform: 'google-merchant' }).expect(201);
    expect(feed.cooperativeId).toBeNull();
    const brands = new Set(googleItems((await t.http().get(path(feed.feedUrl)).expect(200)).text).map((i) => i['g:brand']));
    expect(brands).toEqual(new Set(['HTX Nước mắm Sa Huỳnh & Tam Quan', 'HTX Gạo Phù Cát']));
    const provinceFeeds = (await t.http().get('/api/v1/admin/feeds').set(official.auth).expect(200)).body;
    expect(provinceFeeds.find((f: { id: string }) => f.id === feed.id)).toMatchObject({ id: feed.id, feedUrl: expect.stringContaining(path(feed.feedUrl)) });
    // Cooperatives cannot see or revoke it; officials can.
    await t.http().get(`/api/v1/channels/${feed.id}`).set(owner.auth).expect(404);
    await t.http().delete(`/api/v1/channels/${feed.id}`).set(owner.auth).expect(404);
    await t.http().delete(`/api/v1/channels/${feed.id}`).set(official.auth).expect(200);
    await t.http().get(path(feed.feedUrl)).expect(404);
  });

  it('keeps one cooperative’s feeds from another', async () => {
    const { body: feed } = await t.http().post(`/api/v1/cooperatives/${coopId}/channels`).set(owner.auth).send({ platform: 'google-merchant' }).expect(201);
    await t.http().get(`/api/v1/channels/${feed.id}`).set(otherOwner.auth).expect(404);
    await t.http().delete(`/api/v1/channels/${feed.id}`).set(otherOwner.auth).expect(404);
    await t.http().post(`/api/v1/cooperatives/${coopId}/channels`).set(otherOwner.auth).send({ platform: 'google-merchant' }).expect(404);
    await t.http().post(`/api/v1/channels/${feed.id}/feed-token`).set(otherOwner.auth).expect(404);
    await t.http().get(path(feed.feedUrl)).expect(200);
    // Officials read a cooperative's connections, but its feed address stays the cooperative's.
    const token = new URL(feed.feedUrl).pathname.split('/')[4];
    const read = (await t.http().get(`/api/v1/channels/${feed.id}`).set(official.auth).expect(200)).body;
    expect(read).not.toHaveProperty('feedUrl');
    expect(JSON.stringify((await t.http().get(`/api/v1/cooperatives/${coopId}/channels`).set(official.auth).expect(200)).body)).not.toContain(token);
  });

  it('shows a feed’s address again to the cooperative’s members, and replaces it on demand', async () => {
    const { body: feed } = await t.http().post(`/api/v1/cooperatives/${coopId}/channels`).set(owner.auth).send({ platform: 'google-merchant' }).expect(201);
    const again = (await t.http().get(`/api/v1/channels/${feed.id}`).set(owner.auth).expect(200)).body;
    // supertest listens on a new port for each request: the addresses are compared by path.
    expect(again).toMatchObject({ id: feed.id, kind: 'feed' });
    expect(path(again.feedUrl)).toBe(path(feed.feedUrl));
    const listedFeed = (await t.http().get(`/api/v1/cooperatives/${coopId}/channels`).set(owner.auth).expect(200)).body.find(
      (c: { id: string }) => c.id === feed.id,
    );
    expect(path(listedFeed.feedUrl)).toBe(path(feed.feedUrl));
    // The address is built for the caller's host, as at connect time (PUBLIC_URL when set).
    const viaHost = await t.http().get(`/api/v1/channels/${feed.id}`).set(owner.auth).set('Host', 'nongsan.example.vn').expect(200);
    expect(viaHost.body.feedUrl).toBe(`http://nongsan.example.vn${path(feed.feedUrl)}`);

    // Staff see it too; replacing it is for the cooperative's admins.
    const staff = await signIn(t);
    await addMember(t, owner, coopId, staff);
    expect(path((await t.http().get(`/api/v1/channels/${feed.id}`).set(staff.auth).expect(200)).body.feedUrl)).toBe(path(feed.feedUrl));
    await t.http().post(`/api/v1/channels/${feed.id}/feed-token`).set(staff.auth).expect(403);

    const replaced = await t.http().post(`/api/v1/channels/${feed.id}/feed-token`).set(owner.auth).expect(200);
    expect(replaced.body).toEqual({ feedUrl: expect.stringMatching(/\/api\/v1\/feeds\/[A-Za-z0-9_-]{32}\/google-merchant\.xml$/) });
    expect(path(replaced.body.feedUrl)).not.toBe(path(feed.feedUrl));
    await t.http().get(path(feed.feedUrl)).expect(404);
    await t.http().get(path(replaced.body.feedUrl)).expect(200);
    expect(path((await t.http().get(`/api/v1/channels/${feed.id}`).set(owner.auth).expect(200)).body.feedUrl)).toBe(path(replaced.body.feedUrl));

    // A feed made before addresses were kept has only the hash: null, until it gets a new address.
    await t.db.query(`UPDATE channel_connections SET feed_token_box = NULL WHERE id = $1`, [feed.id]);
    expect((await t.http().get(`/api/v1/channels/${feed.id}`).set(owner.auth).expect(200)).body.feedUrl).toBeNull();
    await t.http().get(path(replaced.body.feedUrl)).expect(200);
    const renewed = await t.http().post(`/api/v1/channels/${feed.id}/feed-token`).set(owner.auth).expect(200);
    expect(path((await t.http().get(`/api/v1/channels/${feed.id}`).set(owner.auth).expect(200)).body.feedUrl)).toBe(path(renewed.body.feedUrl));
    await t.http().get(path(replaced.body.feedUrl)).expect(404);

    // Disconnected: the address is dead and forgotten, and cannot be renewed.
    await t.http().delete(`/api/v1/channels/${feed.id}`).set(owner.auth).expect(200);
    expect((await t.http().get(`/api/v1/channels/${feed.id}`).set(owner.auth).expect(200)).body.feedUrl).toBeNull();
    const closed = await t.http().post(`/api/v1/channels/${feed.id}/feed-token`).set(owner.auth).expect(409);
    expect(closed.body.error.code).toBe('CHANNEL_DISCONNECTED');
  });
});
