import { ShopeeFake } from '../../../../../test/fakes/shopee.fake.js';
import { pushReceiver, recordingContext } from '../../../../../test/harness/channel-fixtures.js';
import type { ChannelSettings, DesiredListing } from '../channel-adapter.js';
import { ShopeeAdapter } from './shopee.adapter.js';
import { publicApiSign, shopApiSign } from './shopee.signing.js';

const UPLOAD = '/api/v2/media_space/upload_image';
const ADD_ITEM = '/api/v2/product/add_item';
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);

describe('ShopeeAdapter against the Shopee fake', () => {
  let fake: ShopeeFake;
  let adapter: ShopeeAdapter;
  let shopCount = 0;

  beforeAll(async () => {
    fake = await ShopeeFake.start();
    adapter = new ShopeeAdapter({ baseUrl: fake.baseUrl, timeoutMs: 2_000 });
  });
  afterEach(() => fake.clearFaults());
  afterAll(() => fake.close());

  /** A fresh shop per test, with a context whose saveCredentials keeps what it was given. */
  function connect(settings: ChannelSettings = { logisticIds: [50011] }) {
    const shop = fake.addShop({ name: `HTX Gạo Sóc Trăng ${++shopCount}` });
    const credentials = {
      partnerId: String(fake.partnerId),
      partnerKey: fake.partnerKey,
      shopId: String(shop.shopId),
      accessToken: shop.accessToken,
      refreshToken: shop.refreshToken,
    };
    return { shop, ...recordingContext(`conn-${shopCount}`, credentials, settings) };
  }

  function listing(overrides: Partial<DesiredListing> = {}): DesiredListing {
    const image = (key: string) => ({ key, read: async () => ({ body: JPEG, contentType: 'image/jpeg' }) });
    return {
      sku: 'GAO-ST25-5KG',
      name: 'Gạo ST25 túi 5kg',
      description: 'Gạo ST25 Sóc Trăng, vụ mới, đóng túi 5kg.',
      price: 185_000,
      stock: 40,
      weightGrams: 5_200,
      category: { categoryId: 100870 },
      images: [image('public/products/st25-1.webp'), image('public/products/st25-2.webp')],
      ...overrides,
    };
  }

  const pathsSince = (mark: number) => fake.calls.slice(mark).map((call) => call.path);

  it('verifies credentials with get_shop_info and reports Shopee’s own words for a wrong partner key', async () => {
    const { context, shop } = connect();
    await expect(adapter.verifyCredentials(context)).resolves.toEqual({
      ok: true,
      value: { shopName: `HTX Gạo Sóc Trăng ${shopCount}`, account: String(shop.shopId) },
    });

    const wrongKey = { ...context, credentials: { ...context.credentials, partnerKey: 'not-the-key' } };
    await expect(adapter.verifyCredentials(wrongKey)).resolves.toEqual({ ok: false, retryable: false, code: 'error_sign', message: 'Wrong sign.' });
    expect(fake.calls.at(-1)).toMatchObject({ path: '/api/v2/shop/get_shop_info', shopId: shop.shopId, status: 403, error: 'error_sign' });
  });

  it('names missing and ill-formed credential fields before any call', () => {
    expect(adapter.credentialProblems({ partnerId: '20018x7', partnerKey: 'k', shopId: '', accessToken: 'a b' }).map((p) => p.field)).toEqual([
      'partnerId',
      'shopId',
      'accessToken',
      'refreshToken',
    ]);
  });

  it('publishes one item: images uploaded first, then add_item with an integer price, weight in kg and the SKU', async () => {
    const { context, shop } = connect();
    const mark = fake.calls.length;
    const result = await adapter.publish(context, { listing: listing(), mayExist: false, imageIds: {} });
    if (!result.ok) throw new Error(result.message);

    expect(pathsSince(mark)).toEqual([UPLOAD, UPLOAD, ADD_ITEM]);
    const [item] = fake.items(shop.shopId);
    expect(fake.items(shop.shopId)).toHaveLength(1);
    expect(item).toMatchObject({
      itemId: Number(result.value.externalId),
      sku: 'GAO-ST25-5KG',
      price: 185_000,
      stock: 40,
      weight: 5.2,
      categoryId: 100870,
      status: 'NORMAL',
    });
    expect(Number.isInteger((fake.calls.at(-1)!.body as { original_price: number }).original_price)).toBe(true);
    expect(item.imageIds).toEqual([result.value.imageIds['public/products/st25-1.webp'], result.value.imageIds['public/products/st25-2.webp']]);
    expect(item.logistics).toEqual([{ logisticId: 50011, enabled: true }]);

    // Publishing again after a crash that lost the id finds the same item by SKU instead of creating one.
    const before = fake.calls.length;
    const again = await adapter.publish(context, { listing: listing({ name: 'Gạo ST25 túi 5kg (vụ mới)' }), mayExist: true, imageIds: result.value.imageIds });
    expect(again).toEqual({ ok: true, value: { externalId: result.value.externalId, imageIds: result.value.imageIds } });
    expect(fake.items(shop.shopId)).toHaveLength(1);
    expect(fake.items(shop.shopId)[0].name).toBe('Gạo ST25 túi 5kg (vụ mới)');
    expect(pathsSince(before)).toEqual([
      '/api/v2/product/search_item',
      '/api/v2/product/get_item_base_info',
      '/api/v2/product/update_item',
      '/api/v2/product/unlist_item',
    ]);
  });

  it('does not make a second item when add_item succeeded but its answer was lost', async () => {
    const { context, shop } = connect();
    fake.dropNextResponses(ADD_ITEM, 1);
    const lost = await adapter.publish(context, { listing: listing({ sku: 'MAM-NEM-500' }), mayExist: false, imageIds: {} });
    expect(lost).toMatchObject({ ok: false, retryable: true, code: 'network' });
    expect(fake.items(shop.shopId)).toHaveLength(1);

    const mark = fake.calls.length;
    const retried = await adapter.publish(context, { listing: listing({ sku: 'MAM-NEM-500' }), mayExist: true, imageIds: {} });
    expect(retried).toMatchObject({ ok: true, value: { externalId: String(fake.items(shop.shopId)[0].itemId) } });
    expect(fake.items(shop.shopId)).toHaveLength(1);
    expect(pathsSince(mark)).not.toContain(ADD_ITEM);
  });

  it('checks the SKU of each search hit: a longer SKU containing ours is another product', async () => {
    const { context, shop } = connect();
    const other = await adapter.publish(context, { listing: listing({ sku: 'GAO-ST25-5KG-X2' }), mayExist: false, imageIds: {} });
    expect(other.ok).toBe(true);
    const ours = await adapter.publish(context, { listing: listing(), mayExist: true, imageIds: {} });
    if (!ours.ok || !other.ok) throw new Error('publish failed');
    expect(ours.value.externalId).not.toBe(other.value.externalId);
    expect(
      fake
        .items(shop.shopId)
        .map((item) => item.sku)
        .sort(),
    ).toEqual(['GAO-ST25-5KG', 'GAO-ST25-5KG-X2']);
  });

  it('updates price and stock, unlists, and puts an unlisted item back on sale when published again', async () => {
    const { context, shop } = connect({ logisticIds: [50011], warehouseId: 'VNZ' });
    const published = await adapter.publish(context, { listing: listing(), mayExist: false, imageIds: {} });
    if (!published.ok) throw new Error(published.message);
    const id = published.value.externalId;

    await expect(adapter.updatePrice(context, id, 199_000)).resolves.toEqual({ ok: true, value: undefined });
    await expect(adapter.updateStock(context, id, 12)).resolves.toEqual({ ok: true, value: undefined });
    expect(fake.items(shop.shopId)[0]).toMatchObject({ price: 199_000, stock: 12, locationId: 'VNZ' });
    expect(fake.calls.filter((call) => call.shopId === shop.shopId && call.path === '/api/v2/product/update_price')).toHaveLength(1);
    await expect(adapter.updatePrice(context, id, 199_000.5)).resolves.toMatchObject({ ok: false, retryable: false, code: 'invalid_price' });

    await expect(adapter.unpublish(context, id)).resolves.toEqual({ ok: true, value: undefined });
    expect(fake.items(shop.shopId)[0].status).toBe('UNLIST');

    const mark = fake.calls.length;
    const republished = await adapter.publish(context, { listing: listing(), externalId: id, mayExist: false, imageIds: published.value.imageIds });
    expect(republished).toMatchObject({ ok: true, value: { externalId: id } });
    expect(pathsSince(mark)).toEqual(['/api/v2/product/update_item', '/api/v2/product/unlist_item']);
    expect(fake.items(shop.shopId)[0].status).toBe('NORMAL');
  });

  it('reports a change Shopee refused in failure_list as permanent, with Shopee’s reason', async () => {
    const { context, shop } = connect();
    const published = await adapter.publish(context, { listing: listing(), mayExist: false, imageIds: {} });
    if (!published.ok) throw new Error(published.message);
    fake.setPromotionLock(Number(published.value.externalId), true);
    await expect(adapter.updatePrice(context, published.value.externalId, 150_000)).resolves.toEqual({
      ok: false,
      retryable: false,
      code: 'update_price_failed',
      message: 'Original_price cannot be edited when item is under promotion.',
    });
    expect(fake.items(shop.shopId)[0].price).toBe(185_000);
  });

  it('sends the category’s mandatory attributes, and passes on Shopee’s refusal when one is missing', async () => {
    const { context, shop } = connect();
    const bare = await adapter.publish(context, { listing: listing({ category: { categoryId: 100999 } }), mayExist: false, imageIds: {} });
    expect(bare).toEqual({ ok: false, retryable: false, code: 'error_less_required_attribute', message: 'Mandatory attribute information required' });
    const category = { categoryId: 100999, attributes: [{ attributeId: 100134, valueId: 0, valueName: 'Sóc Trăng' }] };
    await expect(adapter.publish(context, { listing: listing({ category }), mayExist: false, imageIds: {} })).resolves.toMatchObject({ ok: true });
    expect(fake.items(shop.shopId)[0].attributes).toEqual([{ attributeId: 100134, values: [{ valueId: 0, name: 'Sóc Trăng', unit: '' }] }]);
  });

  it('asks for logisticIds before creating anything when the connection has none', async () => {
    const { context } = connect({});
    const mark = fake.calls.length;
    await expect(adapter.publish(context, { listing: listing(), mayExist: false, imageIds: {} })).resolves.toMatchObject({
      ok: false,
      retryable: false,
      code: 'logistics_missing',
      message: expect.stringContaining('shipping channels'),
    });
    expect(fake.calls.length).toBe(mark);
  });

  it('refreshes an expired access token once, saves the new pair, and finishes the call', async () => {
    const { context, shop, saved } = connect();
    const published = await adapter.publish(context, { listing: listing(), mayExist: false, imageIds: {} });
    if (!published.ok) throw new Error(published.message);
    fake.expireAccessToken(shop.shopId);

    const mark = fake.calls.length;
    await expect(adapter.updateStock(context, published.value.externalId, 7)).resolves.toEqual({ ok: true, value: undefined });
    expect(pathsSince(mark)).toEqual(['/api/v2/product/update_stock', '/api/v2/auth/access_token/get', '/api/v2/product/update_stock']);
    expect(saved).toHaveLength(1);
    expect(saved[0].accessToken).not.toBe(shop.accessToken);
    expect(saved[0].refreshToken).not.toBe(shop.refreshToken);
    expect(saved[0]).toMatchObject({ partnerId: String(fake.partnerId), shopId: String(shop.shopId) });
    expect(fake.items(shop.shopId)[0].stock).toBe(7);
  });

  it('shares one refresh between calls that find the token expired together (a refresh token works once)', async () => {
    const { context, shop, saved } = connect();
    fake.expireAccessToken(shop.shopId);
    const stale = { ...context, credentials: { ...context.credentials } };
    const results = await Promise.all([adapter.verifyCredentials(stale), adapter.verifyCredentials(stale), adapter.verifyCredentials(stale)]);
    expect(results.every((result) => result.ok)).toBe(true);
    const refreshes = fake.calls.filter((call) => call.path === '/api/v2/auth/access_token/get' && (call.body as { shop_id: number }).shop_id === shop.shopId);
    expect(refreshes).toHaveLength(1);
    expect(saved).toHaveLength(1);
  });

  it('gives up with Shopee’s words when the refresh token is refused', async () => {
    const { context, shop } = connect();
    fake.expireAccessToken(shop.shopId);
    const revoked = { ...context, credentials: { ...context.credentials, refreshToken: 'f'.repeat(32) } };
    await expect(adapter.verifyCredentials(revoked)).resolves.toMatchObject({
      ok: false,
      retryable: false,
      code: 'error_param',
      message: expect.stringContaining('Invalid refresh_token.'),
    });
  });

  it('treats a rate limit as retryable with Shopee’s Retry-After', async () => {
    const { context } = connect();
    fake.setRateLimit({ perSecond: 1 });
    await expect(adapter.verifyCredentials(context)).resolves.toMatchObject({ ok: true });
    await expect(adapter.verifyCredentials(context)).resolves.toEqual({
      ok: false,
      retryable: true,
      code: 'error_rate_limit',
      message: 'Too many requests. You have reached the rate limit. Please try again later.',
      retryAfterSeconds: 1,
    });
  });

  it('treats HTTP 500 as retryable, and nothing happened on Shopee', async () => {
    const { context, shop } = connect();
    fake.injectFaults({ probability: 1, kinds: ['http500'] });
    await expect(adapter.publish(context, { listing: listing(), mayExist: false, imageIds: {} })).resolves.toMatchObject({
      ok: false,
      retryable: true,
      code: 'error_server',
    });
    expect(fake.items(shop.shopId)).toHaveLength(0);
  });

  /** What a publish reported as it went, as the engine would save it. */
  function progressLog() {
    const log = { imageIds: {} as Record<string, string>, creating: 0 };
    return { log, progress: { imageUploaded: async (key: string, id: string) => void (log.imageIds[key] = id), creating: async () => void log.creating++ } };
  }

  it('reports each picture Shopee took before a later call failed, and no create when add_item was never sent', async () => {
    const { context, shop } = connect();
    fake.setRateLimit({ perSecond: 1 });
    const { log, progress } = progressLog();
    const mark = fake.calls.length;
    await expect(adapter.publish(context, { listing: listing(), mayExist: false, imageIds: {}, progress })).resolves.toMatchObject({
      ok: false,
      code: 'error_rate_limit',
    });
    expect(pathsSince(mark)).toEqual([UPLOAD, UPLOAD]);
    expect(Object.keys(log.imageIds)).toEqual(['public/products/st25-1.webp']);
    expect(log.creating).toBe(0);

    // The retry sends only the picture Shopee does not have yet, and creates without searching first.
    fake.setRateLimit(null);
    const retryMark = fake.calls.length;
    const retried = await adapter.publish(context, { listing: listing(), mayExist: false, imageIds: log.imageIds, progress });
    expect(retried).toMatchObject({ ok: true, value: { created: true } });
    expect(pathsSince(retryMark)).toEqual([UPLOAD, ADD_ITEM]);
    expect(log.creating).toBe(1);
    expect(fake.items(shop.shopId)).toHaveLength(1);
  });

  it('reports the create before add_item goes out, so a lost answer is looked up on the retry', async () => {
    const { context, shop } = connect();
    fake.dropNextResponses(ADD_ITEM, 1);
    const { log, progress } = progressLog();
    await expect(adapter.publish(context, { listing: listing(), mayExist: false, imageIds: {}, progress })).resolves.toMatchObject({
      ok: false,
      retryable: true,
    });
    expect(log.creating).toBe(1);
    expect(Object.keys(log.imageIds)).toHaveLength(2);
    expect(fake.items(shop.shopId)).toHaveLength(1);
  });

  it('treats a response that never comes as a retryable timeout', async () => {
    const { context } = connect();
    const impatient = new ShopeeAdapter({ baseUrl: fake.baseUrl, timeoutMs: 150 });
    fake.injectFaults({ probability: 1, kinds: ['timeout'] });
    const started = Date.now();
    await expect(impatient.verifyCredentials(context)).resolves.toEqual({
      ok: false,
      retryable: true,
      code: 'timeout',
      message: 'Shopee did not answer within 150 ms.',
    });
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('takes a clock more than 5 minutes off as a permanent problem, in Shopee’s words', async () => {
    const { context } = connect();
    const slow = new ShopeeAdapter({ baseUrl: fake.baseUrl, timeoutMs: 2_000, now: () => new Date(Date.now() - 10 * 60_000) });
    await expect(slow.verifyCredentials(context)).resolves.toEqual({ ok: false, retryable: false, code: 'error_param', message: 'Timestamp is expired.' });
  });

  it('fetches orders updated in a range longer than 15 days, every page, and maps them', async () => {
    const { context, shop } = connect();
    const published = await adapter.publish(context, { listing: listing({ stock: 500 }), mayExist: false, imageIds: {} });
    if (!published.ok) throw new Error(published.message);
    const paid = fake.createOrder(shop.shopId, { lines: [{ sku: 'GAO-ST25-5KG', quantity: 2 }], buyerUsername: 'nguyenvana' });
    const unpaid = fake.createOrder(shop.shopId, { lines: [{ sku: 'GAO-ST25-5KG', quantity: 1 }], status: 'UNPAID' });
    const cancelled = fake.createOrder(shop.shopId, { lines: [{ sku: 'GAO-ST25-5KG', quantity: 1 }] });
    fake.setOrderStatus(cancelled, 'CANCELLED');
    for (let n = 0; n < 117; n++) fake.createOrder(shop.shopId, { lines: [{ sku: 'GAO-ST25-5KG', quantity: 1 }] });

    const mark = fake.calls.length;
    const now = Date.now();
    const result = await adapter.fetchOrders(context, new Date(now - 20 * 86400_000), new Date(now + 60_000));
    if (!result.ok) throw new Error(result.message);
    const calls = pathsSince(mark);
    expect(calls.filter((path) => path === '/api/v2/order/get_order_list')).toHaveLength(3); // two windows, the second with two pages
    expect(calls.filter((path) => path === '/api/v2/order/get_order_detail')).toHaveLength(3); // 120 orders in batches of 50
    expect(result.value.orders).toHaveLength(120);

    const byId = new Map(result.value.orders.map((order) => [order.externalId, order]));
    expect(byId.get(paid)).toEqual({
      externalId: paid,
      platformStatus: 'READY_TO_SHIP',
      state: 'paid',
      createdAt: expect.any(Date),
      updatedAt: expect.any(Date),
      buyerName: 'nguyenvana',
      total: 370_000,
      lines: [{ sku: 'GAO-ST25-5KG', name: 'Gạo ST25 túi 5kg', quantity: 2, unitPrice: 185_000 }],
    });
    expect(byId.get(unpaid)).toMatchObject({ state: 'unpaid', platformStatus: 'UNPAID', total: 185_000 });
    expect(byId.get(cancelled)).toMatchObject({ state: 'cancelled', platformStatus: 'CANCELLED' });

    await expect(adapter.fetchOrder(context, paid)).resolves.toEqual({ ok: true, value: byId.get(paid) });
    await expect(adapter.fetchOrder(context, '2401010000NONE')).resolves.toEqual({ ok: true, value: null });
  });

  it('verifies the fake’s push over url|body, and rejects a tampered body, another URL and another shop', async () => {
    const { context, shop } = connect();
    const published = await adapter.publish(context, { listing: listing(), mayExist: false, imageIds: {} });
    if (!published.ok) throw new Error(published.message);
    const orderSn = fake.createOrder(shop.shopId, { lines: [{ itemId: Number(published.value.externalId), quantity: 1 }] });

    const receiver = await pushReceiver(204);
    const { received } = receiver;
    try {
      const url = `${receiver.origin}/api/v1/channels/${context.connectionId}/webhook`;
      expect(await fake.push(url, shop.shopId, orderSn)).toBe(204);
      const [push] = received;
      expect(adapter.verifyWebhook(context.credentials, { url, ...push })).toEqual({ kind: 'order', externalOrderId: orderSn });

      const tampered = Buffer.from(push.rawBody.toString('utf8').replace('"code":3', '"code":3 '));
      expect(adapter.verifyWebhook(context.credentials, { url, rawBody: tampered, headers: push.headers })).toBeNull();
      expect(adapter.verifyWebhook(context.credentials, { url: `${url}?x=1`, ...push })).toBeNull();
      expect(adapter.verifyWebhook({ ...context.credentials, partnerKey: 'other' }, { url, ...push })).toBeNull();

      const other = connect();
      expect(adapter.verifyWebhook(other.context.credentials, { url, ...push })).toEqual({ kind: 'ignored' });

      await fake.pushEvent(url, shop.shopId, 2, { shop_id: shop.shopId });
      expect(adapter.verifyWebhook(context.credentials, { url, ...received[1] })).toMatchObject({ kind: 'authorization' });
    } finally {
      await receiver.close();
    }
  });
});

/** The fake itself, spoken to directly: it must refuse what Shopee documents refusing, or adapter tests prove little. */
describe('ShopeeFake gateway and validation', () => {
  let fake: ShopeeFake;
  let shop: { shopId: number; accessToken: string };

  beforeAll(async () => {
    fake = await ShopeeFake.start();
    shop = fake.addShop({ name: 'HTX Chè Thái Nguyên' });
  });
  afterAll(() => fake.close());

  async function send(
    path: string,
    options: {
      method?: string;
      json?: unknown;
      form?: FormData;
      query?: Record<string, string>;
      omit?: string;
      sign?: (sign: string) => string;
      api?: 'shop' | 'public';
    } = {},
  ) {
    const timestamp = Math.floor(Date.now() / 1000);
    const api = options.api ?? 'shop';
    const sign =
      api === 'shop'
        ? shopApiSign(fake.partnerKey, { partnerId: fake.partnerId, path, timestamp, accessToken: shop.accessToken, shopId: shop.shopId })
        : publicApiSign(fake.partnerKey, { partnerId: fake.partnerId, path, timestamp });
    const params = new URLSearchParams({
      partner_id: String(fake.partnerId),
      timestamp: String(timestamp),
      sign: options.sign ? options.sign(sign) : sign,
      ...(api === 'shop' ? { access_token: shop.accessToken, shop_id: String(shop.shopId) } : {}),
      ...options.query,
    });
    if (options.omit) params.delete(options.omit);
    const body = options.form ?? (options.json !== undefined ? JSON.stringify(options.json) : undefined);
    const response = await fetch(`${fake.baseUrl}${path}?${params}`, {
      method: options.method ?? (body ? 'POST' : 'GET'),
      body,
      ...(options.json !== undefined ? { headers: { 'content-type': 'application/json' } } : {}),
    });
    return { status: response.status, body: (await response.json()) as { error: string; message: string; response?: Record<string, unknown> } };
  }

  const imageForm = (bytes: Buffer) => {
    const form = new FormData();
    form.append('image', new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }), 'a.jpg');
    return form;
  };

  it('checks the common parameters and the lowercase signature', async () => {
    await expect(send('/api/v2/shop/get_shop_info', { omit: 'access_token' })).resolves.toMatchObject({
      status: 400,
      body: { error: 'error_param', message: 'There is no access_token in query.' },
    });
    await expect(send('/api/v2/shop/get_shop_info', { sign: (sign) => sign.toUpperCase() })).resolves.toMatchObject({
      status: 403,
      body: { error: 'error_sign', message: 'Wrong sign.' },
    });
    await expect(send('/api/v2/shop/get_shop_info')).resolves.toMatchObject({ status: 200, body: { error: '', shop_name: 'HTX Chè Thái Nguyên' } });
  });

  it('refuses add_item with a fractional VND price, an unknown category, an image it never received, or no logistics', async () => {
    const uploaded = await send('/api/v2/media_space/upload_image', { api: 'public', form: imageForm(JPEG) });
    const imageId = (uploaded.body.response!.image_info as { image_id: string }).image_id;
    const item = {
      item_name: 'Chè Tân Cương 200g',
      description: 'Chè búp Tân Cương.',
      original_price: 120_000,
      weight: 0.25,
      category_id: 100859,
      image: { image_id_list: [imageId] },
      logistic_info: [{ logistic_id: 50011, enabled: true }],
      item_sku: 'CHE-TC-200',
      seller_stock: [{ stock: 5 }],
    };
    const add = (changes: Record<string, unknown>) => send('/api/v2/product/add_item', { json: { ...item, ...changes } });
    await expect(add({ original_price: 120_000.5 })).resolves.toMatchObject({ body: { error: 'error_invalid_price' } });
    await expect(add({ category_id: 1 })).resolves.toMatchObject({ body: { error: 'error_param', message: 'Invalid category.' } });
    await expect(add({ image: { image_id_list: ['vn-never-uploaded'] } })).resolves.toMatchObject({
      body: { error: 'error_param', message: 'Image not exist.' },
    });
    await expect(add({ logistic_info: [] })).resolves.toMatchObject({ body: { error: 'error_invalid_logistic_info' } });
    await expect(add({ item_name: ' ' })).resolves.toMatchObject({ body: { error: 'error_item_name_empty' } });
    expect(fake.items(shop.shopId)).toHaveLength(0);
    await expect(add({})).resolves.toMatchObject({ status: 200, body: { error: '', response: { item_id: expect.any(Number) } } });
    expect(fake.items(shop.shopId)).toMatchObject([{ sku: 'CHE-TC-200', price: 120_000, stock: 5 }]);
  });

  it('takes JPG and PNG only, by their bytes', async () => {
    await expect(send('/api/v2/media_space/upload_image', { api: 'public', form: imageForm(Buffer.from('GIF89a....')) })).resolves.toMatchObject({
      status: 400,
      body: { error: 'error_param' },
    });
  });

  it('refuses an order range longer than 15 days, as documented', async () => {
    const to = Math.floor(Date.now() / 1000);
    const query = { time_range_field: 'update_time', time_from: String(to - 15 * 86400 - 1), time_to: String(to), page_size: '20' };
    await expect(send('/api/v2/order/get_order_list', { query })).resolves.toMatchObject({ body: { error: 'order.order_list_invalid_time' } });
    await expect(send('/api/v2/order/get_order_list', { query: { ...query, time_from: String(to - 15 * 86400) } })).resolves.toMatchObject({
      body: { error: '', response: { more: false, next_cursor: '', order_list: [] } },
    });
  });
});
