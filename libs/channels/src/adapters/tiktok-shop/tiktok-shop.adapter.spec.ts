import sharp from 'sharp';
import { TikTokShopFake } from '../../../../../test/fakes/tiktok-shop.fake.js';
import { pushReceiver, recordingContext } from '../../../../../test/harness/channel-fixtures.js';
import type { ChannelContext, ChannelSettings, DesiredListing } from '../channel-adapter.js';
import { TikTokShopAdapter } from './tiktok-shop.adapter.js';
import { signRequest } from './tiktok-shop.signing.js';

const UPLOAD = '/product/202309/images/upload';
const CREATE = '/product/202309/products';
const SEARCH = '/product/202502/products/search';
const REFRESH = '/api/v2/token/refresh';
const product = (id: string) => `/product/202309/products/${id}`;

describe('TikTokShopAdapter against the TikTok Shop fake', () => {
  let fake: TikTokShopFake;
  let adapter: TikTokShopAdapter;
  let jpeg: Buffer;
  let shopCount = 0;

  beforeAll(async () => {
    jpeg = await sharp({ create: { width: 400, height: 400, channels: 3, background: { r: 240, g: 220, b: 160 } } })
      .jpeg()
      .toBuffer();
    fake = await TikTokShopFake.start();
    adapter = new TikTokShopAdapter({ baseUrl: fake.baseUrl, timeoutMs: 2_000 });
  });
  afterEach(() => fake.clearFaults());
  afterAll(() => fake.close());

  /** A fresh shop per test, with a context whose saveCredentials keeps what it was given. */
  function connect(settings?: (warehouseId: string) => ChannelSettings) {
    const shop = fake.addShop({ name: `HTX Gạo Sóc Trăng ${++shopCount}` });
    const credentials = {
      appKey: fake.appKey,
      appSecret: fake.appSecret,
      accessToken: shop.accessToken,
      refreshToken: shop.refreshToken,
      shopCipher: shop.shopCipher,
    };
    return { shop, ...recordingContext(`conn-${shopCount}`, credentials, settings ? settings(shop.warehouseId) : { warehouseId: shop.warehouseId }) };
  }

  function listing(overrides: Partial<DesiredListing> = {}): DesiredListing {
    const image = (key: string) => ({ key, read: async () => ({ body: jpeg, contentType: 'image/jpeg' }) });
    return {
      sku: 'GAO-ST25-5KG',
      name: 'Gạo ST25 Sóc Trăng túi 5kg vụ mới',
      description: 'Gạo ST25 Sóc Trăng, vụ mới.\n\nĐóng túi 5kg <hút chân không>.',
      price: 185_000,
      stock: 40,
      weightGrams: 5_200,
      category: { categoryId: 700645 },
      images: [image('public/products/st25-1.webp'), image('public/products/st25-2.webp')],
      ...overrides,
    };
  }

  const pathsSince = (mark: number) => fake.calls.slice(mark).map((call) => call.path);
  const publish = async (context: ChannelContext, overrides: Partial<DesiredListing> = {}) => {
    const result = await adapter.publish(context, { listing: listing(overrides), mayExist: false, imageIds: {} });
    if (!result.ok) throw new Error(result.message);
    const [productId, skuId] = result.value.externalId.split(':');
    return { ...result.value, productId, skuId };
  };

  it('verifies credentials with Get Authorized Shops, keeps the shop id, and reports TikTok’s words for a wrong secret', async () => {
    const { context, shop, saved } = connect();
    await expect(adapter.verifyCredentials(context)).resolves.toEqual({
      ok: true,
      value: { shopName: `HTX Gạo Sóc Trăng ${shopCount}`, account: shop.shopId },
    });
    expect(saved).toEqual([{ ...context.credentials, shopId: shop.shopId }]);
    expect(fake.calls.at(-1)!.query).not.toHaveProperty('shop_cipher');

    const wrongSecret = { ...context, credentials: { ...context.credentials, appSecret: 'not-the-secret' } };
    await expect(adapter.verifyCredentials(wrongSecret)).resolves.toEqual({
      ok: false,
      retryable: false,
      code: '106001',
      message: 'Invalid credentials. The `sign` query parameter is invalid.',
    });
    expect(fake.calls.at(-1)).toMatchObject({ path: '/authorization/202309/shops', shopId: shop.shopId, status: 401, code: 106001 });
  });

  it('refuses a shop cipher the token does not cover', async () => {
    const { context } = connect();
    const other = connect();
    const mixed = { ...context, credentials: { ...context.credentials, shopCipher: other.shop.shopCipher } };
    await expect(adapter.verifyCredentials(mixed)).resolves.toMatchObject({ ok: false, retryable: false, code: 'shop_cipher_mismatch' });
  });

  it('names missing and ill-formed credential fields before any call', () => {
    expect(
      adapter.credentialProblems({ appKey: 'k', appSecret: '', accessToken: 'a b', shopCipher: 'ROW_x', accessTokenExpiresAt: 'soon' }).map((p) => p.field),
    ).toEqual(['appSecret', 'accessToken', 'refreshToken', 'accessTokenExpiresAt']);
  });

  it('publishes one product: images first, then Create Product with a string VND price, kilograms and the warehouse', async () => {
    const { context, shop } = connect();
    const mark = fake.calls.length;
    const published = await publish(context);

    expect(pathsSince(mark)).toEqual([UPLOAD, UPLOAD, CREATE]);
    const [item] = fake.products(shop.shopId);
    expect(fake.products(shop.shopId)).toHaveLength(1);
    expect(item).toMatchObject({
      productId: published.productId,
      title: 'Gạo ST25 Sóc Trăng túi 5kg vụ mới',
      description: '<p>Gạo ST25 Sóc Trăng, vụ mới.</p><p>Đóng túi 5kg &lt;hút chân không&gt;.</p>',
      categoryId: '700645',
      packageWeight: { value: '5.2', unit: 'KILOGRAM' },
      status: 'ACTIVATE',
      skus: [
        { skuId: published.skuId, sellerSku: 'GAO-ST25-5KG', price: 185_000, currency: 'VND', inventory: [{ warehouseId: shop.warehouseId, quantity: 40 }] },
      ],
    });
    expect(item.mainImages).toEqual([published.imageIds['public/products/st25-1.webp'], published.imageIds['public/products/st25-2.webp']]);
    const create = fake.calls.at(-1)!;
    expect((create.body as { skus: Array<{ price: unknown }> }).skus[0].price).toEqual({ amount: '185000', currency: 'VND' });
    // The token travels in the header only; every call was signed and accepted.
    expect(fake.calls.slice(mark).every((call) => call.status === 200 && !('access_token' in call.query) && typeof call.query.sign === 'string')).toBe(true);
    expect(fake.calls.slice(mark).map((call) => 'shop_cipher' in call.query)).toEqual([false, false, true]);

    // Publishing again after a crash that lost the id finds the same product by SKU instead of creating one.
    const before = fake.calls.length;
    const again = await adapter.publish(context, {
      listing: listing({ name: 'Gạo ST25 Sóc Trăng túi 5kg (vụ mới 2025)' }),
      mayExist: true,
      imageIds: published.imageIds,
    });
    expect(again).toEqual({ ok: true, value: { externalId: published.externalId, imageIds: published.imageIds } });
    expect(fake.products(shop.shopId)).toHaveLength(1);
    expect(fake.products(shop.shopId)[0].title).toBe('Gạo ST25 Sóc Trăng túi 5kg (vụ mới 2025)');
    expect(pathsSince(before)).toEqual([SEARCH, product(published.productId), `${product(published.productId)}/partial_edit`]);
  });

  it('does not make a second product when Create Product succeeded but its answer was lost', async () => {
    const { context, shop } = connect();
    fake.dropNextResponses(CREATE, 1);
    const lost = await adapter.publish(context, { listing: listing({ sku: 'MAM-NEM-500' }), mayExist: false, imageIds: {} });
    expect(lost).toMatchObject({ ok: false, retryable: true, code: 'network' });
    expect(fake.products(shop.shopId)).toHaveLength(1);

    const mark = fake.calls.length;
    const retried = await adapter.publish(context, { listing: listing({ sku: 'MAM-NEM-500' }), mayExist: true, imageIds: {} });
    const [made] = fake.products(shop.shopId);
    expect(retried).toMatchObject({ ok: true, value: { externalId: `${made.productId}:${made.skus[0].skuId}` } });
    expect(fake.products(shop.shopId)).toHaveLength(1);
    expect(pathsSince(mark)).not.toContain(CREATE);
  });

  it('creates a new product when the known one was deleted on TikTok and nothing else carries the SKU', async () => {
    const { context, shop } = connect();
    const first = await publish(context);
    fake.setProductStatus(first.productId, 'DELETED');
    const mark = fake.calls.length;
    const again = await adapter.publish(context, { listing: listing(), externalId: first.externalId, mayExist: false, imageIds: first.imageIds });
    if (!again.ok) throw new Error(again.message);
    expect(again.value.externalId).not.toBe(first.externalId);
    expect(pathsSince(mark)).toEqual([product(first.productId), SEARCH, CREATE]);
    expect(fake.products(shop.shopId).map((p) => p.status)).toEqual(['DELETED', 'ACTIVATE']);
  });

  it('updates price and stock, deactivates, and activates again when published again', async () => {
    const { context, shop } = connect();
    const published = await publish(context);
    const id = published.externalId;

    await expect(adapter.updatePrice(context, id, 199_000)).resolves.toEqual({ ok: true, value: undefined });
    await expect(adapter.updateStock(context, id, 0)).resolves.toEqual({ ok: true, value: undefined });
    await expect(adapter.updateStock(context, id, 250_000)).resolves.toEqual({ ok: true, value: undefined });
    expect(fake.products(shop.shopId)[0].skus[0]).toMatchObject({ price: 199_000, inventory: [{ warehouseId: shop.warehouseId, quantity: 99_999 }] });
    expect(fake.calls.filter((call) => call.shopId === shop.shopId && call.path.endsWith('/prices/update'))).toHaveLength(1);
    await expect(adapter.updatePrice(context, id, 199_000.5)).resolves.toMatchObject({ ok: false, retryable: false, code: 'invalid_price' });

    await expect(adapter.unpublish(context, id)).resolves.toEqual({ ok: true, value: undefined });
    expect(fake.products(shop.shopId)[0].status).toBe('SELLER_DEACTIVATED');
    // Already off sale: still what was asked for.
    await expect(adapter.unpublish(context, id)).resolves.toEqual({ ok: true, value: undefined });

    const mark = fake.calls.length;
    const republished = await adapter.publish(context, { listing: listing(), externalId: id, mayExist: false, imageIds: published.imageIds });
    expect(republished).toMatchObject({ ok: true, value: { externalId: id } });
    expect(pathsSince(mark)).toEqual([product(published.productId), `${product(published.productId)}/partial_edit`, '/product/202309/products/activate']);
    expect(fake.products(shop.shopId)[0].status).toBe('ACTIVATE');
  });

  it('moves a product to another category with Edit Product, which Partial Edit cannot do, leaving price and stock alone', async () => {
    const { context, shop } = connect();
    const published = await publish(context);
    const mark = fake.calls.length;
    await expect(
      adapter.publish(context, {
        listing: listing({ category: { categoryId: 701029 }, price: 180_000 }),
        externalId: published.externalId,
        mayExist: false,
        imageIds: published.imageIds,
      }),
    ).resolves.toMatchObject({ ok: true });
    expect(fake.calls.slice(mark).map((call) => `${call.method} ${call.path}`)).toEqual([
      `GET ${product(published.productId)}`,
      `PUT ${product(published.productId)}`,
    ]);
    expect((fake.calls.at(-1)!.body as { skus: unknown }).skus).toEqual([{ id: published.skuId, seller_sku: 'GAO-ST25-5KG' }]);
    expect(fake.products(shop.shopId)[0]).toMatchObject({
      categoryId: '701029',
      skus: [{ skuId: published.skuId, price: 185_000, inventory: [{ warehouseId: shop.warehouseId, quantity: 40 }] }],
    });
  });

  it('reports what TikTok refuses in its own words: a price under promotion, a warehouse the SKU is not in', async () => {
    const { context, shop } = connect();
    const published = await publish(context);
    fake.setPriceLock(published.productId, true);
    await expect(adapter.updatePrice(context, published.externalId, 150_000)).resolves.toEqual({
      ok: false,
      retryable: false,
      code: '12052038',
      message: 'Product price locked due to ongoing promotion. ',
    });
    expect(fake.products(shop.shopId)[0].skus[0].price).toBe(185_000);

    const elsewhere = { ...context, settings: { warehouseId: '7068517275539719942' } };
    await expect(adapter.updateStock(elsewhere, published.externalId, 5)).resolves.toEqual({
      ok: false,
      retryable: false,
      code: '12052097',
      message: 'Check failed: The warehouse does not exist',
    });
  });

  it('waits for TikTok’s review before changing the price of a product still PENDING', async () => {
    const { context } = connect();
    const published = await publish(context);
    fake.setProductStatus(published.productId, 'PENDING');
    await expect(adapter.updatePrice(context, published.externalId, 150_000)).resolves.toMatchObject({
      ok: false,
      retryable: true,
      code: '12019113',
      retryAfterSeconds: 600,
    });
  });

  it('sends the category’s mandatory attributes, and passes on TikTok’s refusal when one is missing', async () => {
    const { context, shop } = connect();
    const bare = await adapter.publish(context, { listing: listing({ category: { categoryId: 999001 } }), mayExist: false, imageIds: {} });
    expect(bare).toEqual({ ok: false, retryable: false, code: '12052104', message: 'property is required' });
    const category = {
      categoryId: 999001,
      attributes: [
        { attributeId: 100392, valueId: 0, valueName: 'Sóc Trăng' },
        { attributeId: 100107, valueId: 1001533 },
      ],
    };
    await expect(adapter.publish(context, { listing: listing({ category }), mayExist: false, imageIds: {} })).resolves.toMatchObject({ ok: true });
    expect(fake.products(shop.shopId)[0].attributes).toEqual([
      { id: '100392', values: [{ name: 'Sóc Trăng' }] },
      { id: '100107', values: [{ id: '1001533' }] },
    ]);
  });

  it('says what is missing before any call: a warehouse, a long enough name', async () => {
    const { context } = connect(() => ({}));
    const mark = fake.calls.length;
    await expect(adapter.publish(context, { listing: listing(), mayExist: false, imageIds: {} })).resolves.toMatchObject({
      ok: false,
      retryable: false,
      code: 'warehouse_missing',
      message: expect.stringContaining('Pick the warehouse'),
    });
    await expect(adapter.publish(context, { listing: listing({ name: 'Gạo ST25 túi 5kg' }), mayExist: false, imageIds: {} })).resolves.toMatchObject({
      ok: false,
      retryable: false,
      code: 'title_length',
      message: expect.stringContaining('has 16'),
    });
    expect(fake.calls.length).toBe(mark);
  });

  it('refreshes an expired access token once, saves the new pair with its expiry, and finishes the call', async () => {
    const { context, shop, saved } = connect();
    const published = await publish(context);
    fake.expireAccessToken(shop.shopId);

    const mark = fake.calls.length;
    await expect(adapter.updateStock(context, published.externalId, 7)).resolves.toEqual({ ok: true, value: undefined });
    expect(fake.calls.slice(mark).map((call) => [call.path, call.code])).toEqual([
      [`${product(published.productId)}/inventory/update`, 105002],
      [REFRESH, 0],
      [`${product(published.productId)}/inventory/update`, 0],
    ]);
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({ appKey: fake.appKey, shopCipher: shop.shopCipher, accessTokenExpiresAt: expect.stringMatching(/^\d{10}$/) });
    expect(saved[0].accessToken).not.toBe(shop.accessToken);
    expect(saved[0].refreshToken).not.toBe(shop.refreshToken);
    expect(Number(saved[0].accessTokenExpiresAt) * 1000).toBeGreaterThan(Date.now() + 6 * 86400_000);
    expect(fake.products(shop.shopId)[0].skus[0].inventory[0].quantity).toBe(7);
    // The old refresh token is spent.
    const stale = { ...context, connectionId: 'other', credentials: { ...context.credentials, refreshToken: shop.refreshToken } };
    await expect(adapter.refreshToken(stale)).resolves.toMatchObject({
      ok: false,
      retryable: false,
      message: expect.stringContaining('The `refresh_token` is invalid or has expired.'),
    });
  });

  it('shares one refresh between calls that find the token expired together', async () => {
    const { context, shop, saved } = connect();
    fake.expireAccessToken(shop.shopId);
    const stale = { ...context, credentials: { ...context.credentials } };
    const results = await Promise.all([adapter.verifyCredentials(stale), adapter.verifyCredentials(stale), adapter.verifyCredentials(stale)]);
    expect(results.every((result) => result.ok)).toBe(true);
    expect(fake.calls.filter((call) => call.path === REFRESH && call.shopId === shop.shopId)).toHaveLength(1);
    expect(saved.filter((credentials) => credentials.accessToken !== shop.accessToken).length).toBeGreaterThanOrEqual(1);
  });

  it('refreshes first when the stored expiry has passed, without spending a refused call', async () => {
    const { context, shop } = connect();
    const lapsed = { ...context, credentials: { ...context.credentials, accessTokenExpiresAt: String(Math.floor(Date.now() / 1000) - 60) } };
    const mark = fake.calls.length;
    await expect(adapter.verifyCredentials(lapsed)).resolves.toMatchObject({ ok: true, value: { account: shop.shopId } });
    expect(pathsSince(mark)).toEqual([REFRESH, '/authorization/202309/shops']);
  });

  it('treats a rate limit as retryable with the Retry-After given', async () => {
    const { context } = connect();
    fake.setRateLimit({ perSecond: 1 });
    await expect(adapter.verifyCredentials(context)).resolves.toMatchObject({ ok: true });
    await expect(adapter.verifyCredentials(context)).resolves.toEqual({
      ok: false,
      retryable: true,
      code: '36009002',
      message: "Too many requests. You've made too many requests in a short period of time.",
      retryAfterSeconds: 1,
    });
  });

  it('treats HTTP 500 as retryable, and nothing happened on TikTok', async () => {
    const { context, shop } = connect();
    fake.injectFaults({ probability: 1, kinds: ['http500'] });
    await expect(adapter.publish(context, { listing: listing(), mayExist: false, imageIds: {} })).resolves.toMatchObject({
      ok: false,
      retryable: true,
      code: '36009003',
    });
    expect(fake.products(shop.shopId)).toHaveLength(0);
  });

  it('treats a response that never comes as a retryable timeout', async () => {
    const { context } = connect();
    const impatient = new TikTokShopAdapter({ baseUrl: fake.baseUrl, timeoutMs: 150 });
    fake.injectFaults({ probability: 1, kinds: ['timeout'] });
    const started = Date.now();
    await expect(impatient.verifyCredentials(context)).resolves.toEqual({
      ok: false,
      retryable: true,
      code: 'timeout',
      message: 'TikTok Shop did not answer within 150 ms.',
    });
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('takes a clock more than 5 minutes slow as a permanent problem, in TikTok’s words', async () => {
    const { context } = connect();
    const slow = new TikTokShopAdapter({ baseUrl: fake.baseUrl, timeoutMs: 2_000, now: () => new Date(Date.now() - 6 * 60_000) });
    await expect(slow.verifyCredentials(context)).resolves.toEqual({
      ok: false,
      retryable: false,
      code: '36009004',
      message: 'Invalid timestamp. The value of the `timestamp` query parameter must not be earlier than 5 minutes before the current time.',
    });
  });

  it('fetches every page of orders updated in the range and maps them, one line per SKU', async () => {
    const { context, shop } = connect();
    await publish(context, { stock: 500 });
    const paid = fake.createOrder(shop.shopId, { lines: [{ sellerSku: 'GAO-ST25-5KG', quantity: 3 }], buyerName: 'Nguyễn Văn A' });
    const unpaid = fake.createOrder(shop.shopId, { lines: [{ sellerSku: 'GAO-ST25-5KG', quantity: 1 }], status: 'UNPAID' });
    const cancelled = fake.createOrder(shop.shopId, { lines: [{ sellerSku: 'GAO-ST25-5KG', quantity: 1 }] });
    fake.setOrderStatus(cancelled, 'CANCELLED');
    for (let n = 0; n < 117; n++) fake.createOrder(shop.shopId, { lines: [{ sellerSku: 'GAO-ST25-5KG', quantity: 1 }] });

    const mark = fake.calls.length;
    const result = await adapter.fetchOrders(context, new Date(Date.now() - 3600_000), new Date());
    if (!result.ok) throw new Error(result.message);
    expect(pathsSince(mark)).toEqual(['/order/202309/orders/search', '/order/202309/orders/search']);
    expect(fake.calls.at(-1)!.body).toEqual({ update_time_ge: expect.any(Number), update_time_lt: expect.any(Number) });
    expect(result.value.orders).toHaveLength(120);

    const byId = new Map(result.value.orders.map((order) => [order.externalId, order]));
    expect(byId.get(paid)).toEqual({
      externalId: paid,
      platformStatus: 'AWAITING_SHIPMENT',
      state: 'paid',
      createdAt: expect.any(Date),
      updatedAt: expect.any(Date),
      buyerName: 'Nguyễn Văn A',
      total: 555_000,
      lines: [{ sku: 'GAO-ST25-5KG', name: 'Gạo ST25 Sóc Trăng túi 5kg vụ mới', quantity: 3, unitPrice: 185_000 }],
    });
    expect(byId.get(unpaid)).toMatchObject({ state: 'unpaid', platformStatus: 'UNPAID', buyerName: null, total: 185_000 });
    expect(byId.get(cancelled)).toMatchObject({ state: 'cancelled', platformStatus: 'CANCELLED' });

    await expect(adapter.fetchOrder(context, paid)).resolves.toEqual({ ok: true, value: byId.get(paid) });
    await expect(adapter.fetchOrder(context, '576461413000000001')).resolves.toEqual({ ok: true, value: null });
    await expect(adapter.fetchOrder(context, '1,2')).resolves.toEqual({ ok: true, value: null });
  });

  it('verifies the fake’s push over app_key + body, and rejects a tampered body or another secret; ignores another shop', async () => {
    const { context, shop } = connect();
    await adapter.verifyCredentials(context);
    await publish(context);
    const orderId = fake.createOrder(shop.shopId, { lines: [{ sellerSku: 'GAO-ST25-5KG', quantity: 1 }] });

    const receiver = await pushReceiver(200);
    const { received } = receiver;
    try {
      const url = `${receiver.origin}/api/v1/channels/${context.connectionId}/webhook`;
      expect(await fake.push(url, orderId)).toBe(200);
      const [push] = received;
      expect(adapter.verifyWebhook(context.credentials, { url, ...push })).toEqual({ kind: 'order', externalOrderId: orderId });

      const tampered = Buffer.from(push.rawBody.toString('utf8').replace('"type":1', '"type": 1'));
      expect(adapter.verifyWebhook(context.credentials, { url, rawBody: tampered, headers: push.headers })).toBeNull();
      expect(adapter.verifyWebhook({ ...context.credentials, appSecret: 'other' }, { url, ...push })).toBeNull();
      expect(adapter.verifyWebhook(context.credentials, { url, rawBody: push.rawBody, headers: {} })).toBeNull();

      const other = connect();
      await adapter.verifyCredentials(other.context);
      expect(adapter.verifyWebhook(other.context.credentials, { url, ...push })).toEqual({ kind: 'ignored' });

      await fake.pushEvent(url, shop.shopId, 6, { message: `Shop_id ${shop.shopId} is deauthorized from your APP by merchant.` });
      expect(adapter.verifyWebhook(context.credentials, { url, ...received[1] })).toMatchObject({ kind: 'authorization' });
    } finally {
      await receiver.close();
    }
  });
});

/** The fake itself, spoken to directly: it must refuse what TikTok documents refusing, or adapter tests prove little. */
describe('TikTokShopFake gateway and validation', () => {
  let fake: TikTokShopFake;
  let shop: ReturnType<TikTokShopFake['addShop']>;
  let small: Buffer;
  let jpeg: Buffer;

  beforeAll(async () => {
    fake = await TikTokShopFake.start();
    shop = fake.addShop({ name: 'HTX Chè Thái Nguyên' });
    jpeg = await sharp({ create: { width: 600, height: 600, channels: 3, background: { r: 20, g: 120, b: 40 } } })
      .jpeg()
      .toBuffer();
    small = await sharp({ create: { width: 200, height: 200, channels: 3, background: { r: 20, g: 120, b: 40 } } })
      .jpeg()
      .toBuffer();
  });
  afterAll(() => fake.close());

  interface SendOptions {
    method?: string;
    json?: unknown;
    form?: FormData;
    shop?: boolean;
    query?: Record<string, string>;
    tamper?: (body: string) => string;
    sign?: (sign: string) => string;
    timestamp?: number;
    header?: boolean;
  }

  async function send(path: string, options: SendOptions = {}) {
    const query: Record<string, string> = {
      app_key: fake.appKey,
      timestamp: String(options.timestamp ?? Math.floor(Date.now() / 1000)),
      ...(options.shop === false ? {} : { shop_cipher: shop.shopCipher }),
      ...options.query,
    };
    const body = options.json !== undefined ? JSON.stringify(options.json) : undefined;
    const sign = signRequest(fake.appSecret, { path, query, body });
    const response = await fetch(`${fake.baseUrl}${path}?${new URLSearchParams({ ...query, sign: options.sign ? options.sign(sign) : sign })}`, {
      method: options.method ?? (body || options.form ? 'POST' : 'GET'),
      headers: {
        ...(options.header === false ? {} : { 'x-tts-access-token': shop.accessToken }),
        ...(options.form ? {} : { 'content-type': 'application/json' }),
      },
      body: options.form ?? (body !== undefined && options.tamper ? options.tamper(body) : body),
    });
    return { status: response.status, body: (await response.json()) as { code: number; message: string; data?: Record<string, unknown> } };
  }

  const imageForm = (bytes: Buffer, type = 'image/jpeg') => {
    const form = new FormData();
    form.append('data', new Blob([new Uint8Array(bytes)], { type }), 'a.jpg');
    form.append('use_case', 'MAIN_IMAGE');
    return form;
  };

  it('checks the common parameters, the header token and the lowercase signature over the body', async () => {
    const shops = '/authorization/202309/shops';
    await expect(send(shops, { shop: false })).resolves.toMatchObject({
      status: 200,
      body: { code: 0, data: { shops: [{ id: shop.shopId, cipher: shop.shopCipher, region: 'VN' }] } },
    });
    await expect(send(shops, { shop: false, sign: (sign) => sign.toUpperCase() })).resolves.toMatchObject({ status: 401, body: { code: 106001 } });
    await expect(send(shops, { shop: false, query: { access_token: shop.accessToken } })).resolves.toMatchObject({ status: 401, body: { code: 36009004 } });
    await expect(send(shops, { shop: false, header: false })).resolves.toMatchObject({
      status: 401,
      body: { code: 36009004, message: 'Invalid credentials. The `x-tts-access-token` header is invalid.' },
    });
    await expect(send(shops)).resolves.toMatchObject({ status: 401, body: { code: 36009004, message: expect.stringContaining('Unexpected identifier') } });
    await expect(send(shops, { shop: false, timestamp: Date.now() })).resolves.toMatchObject({ status: 401, body: { code: 36009004 } });
    await expect(send(shops, { shop: false, timestamp: Math.floor(Date.now() / 1000) + 60 })).resolves.toMatchObject({
      body: { code: 36009004, message: expect.stringContaining('30 seconds') },
    });
    await expect(send('/product/202502/products/search', { shop: false, query: { page_size: '10' }, json: {} })).resolves.toMatchObject({
      status: 400,
      body: { code: 106013 },
    });
    const search = { query: { page_size: '10' }, json: { seller_skus: ['X'] } };
    await expect(send('/product/202502/products/search', search)).resolves.toMatchObject({
      status: 200,
      body: { code: 0, data: { total_count: 0, products: [] } },
    });
    await expect(send('/product/202502/products/search', { ...search, tamper: (body) => body.replace('"X"', '"Y"') })).resolves.toMatchObject({
      status: 401,
      body: { code: 106001 },
    });
  });

  it('refuses Create Product with a fractional or non-VND price, a foreign warehouse, an image it never received, or a short title', async () => {
    const uploaded = await send('/product/202309/images/upload', { shop: false, form: imageForm(jpeg) });
    expect(uploaded.body).toMatchObject({ code: 0, data: { width: 600, height: 600, use_case: 'MAIN_IMAGE' } });
    const uri = uploaded.body.data!.uri as string;
    const item = {
      title: 'Chè Tân Cương Thái Nguyên búp non 200g',
      description: '<p>Chè búp Tân Cương.</p>',
      category_id: '914056',
      main_images: [{ uri }],
      skus: [{ seller_sku: 'CHE-TC-200', price: { amount: '120000', currency: 'VND' }, inventory: [{ warehouse_id: shop.warehouseId, quantity: 5 }] }],
      package_weight: { value: '0.25', unit: 'KILOGRAM' },
    };
    const sku = item.skus[0];
    const create = (changes: Record<string, unknown>) => send('/product/202309/products', { json: { ...item, ...changes } });
    await expect(create({ skus: [{ ...sku, price: { amount: '120000.5', currency: 'VND' } }] })).resolves.toMatchObject({ body: { code: 12052012 } });
    await expect(create({ skus: [{ ...sku, price: { amount: '120000', currency: 'USD' } }] })).resolves.toMatchObject({ body: { code: 12052084 } });
    await expect(create({ skus: [{ ...sku, inventory: [{ warehouse_id: '1', quantity: 5 }] }] })).resolves.toMatchObject({ body: { code: 12052530 } });
    await expect(create({ main_images: [{ uri: 'tos-alisg-i-aphluv4xwc-sg/never' }] })).resolves.toMatchObject({
      body: { code: 12052300, message: 'product main image uri illegal' },
    });
    await expect(create({ title: 'Chè Tân Cương 200g' })).resolves.toMatchObject({ body: { code: 12052051 } });
    await expect(create({ category_id: 914056 })).resolves.toMatchObject({ body: { code: 12052002 } });
    expect(fake.products(shop.shopId)).toHaveLength(0);
    await expect(create({})).resolves.toMatchObject({
      status: 200,
      body: { code: 0, data: { product_id: expect.stringMatching(/^\d+$/), skus: [{ seller_sku: 'CHE-TC-200' }] } },
    });
    expect(fake.products(shop.shopId)).toMatchObject([
      { status: 'ACTIVATE', skus: [{ sellerSku: 'CHE-TC-200', price: 120000, inventory: [{ quantity: 5 }] }] },
    ]);
  });

  it('takes the documented image formats by their bytes, and main images of 300 to 4000 px only', async () => {
    await expect(send('/product/202309/images/upload', { shop: false, form: imageForm(Buffer.from('GIF89a....')) })).resolves.toMatchObject({
      body: { code: 12038015 },
    });
    await expect(send('/product/202309/images/upload', { shop: false, form: imageForm(small) })).resolves.toMatchObject({ body: { code: 12038014 } });
  });
});
