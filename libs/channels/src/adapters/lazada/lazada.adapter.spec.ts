import { LazadaFake } from '../../../../../test/fakes/lazada.fake.js';
import { pushReceiver, recordingContext } from '../../../../../test/harness/channel-fixtures.js';
import type { ChannelContext, DesiredListing, PlatformCategory } from '../channel-adapter.js';
import { LazadaAdapter } from './lazada.adapter.js';
import { signRequest } from './lazada.signing.js';

const UPLOAD = '/image/upload';
const CREATE = '/product/create';
const UPDATE = '/product/update';
const PRICE_QUANTITY = '/product/price_quantity/update';
const SEARCH = '/products/get';
const REFRESH = '/auth/token/refresh';
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);

describe('LazadaAdapter against the Lazada fake', () => {
  let fake: LazadaFake;
  let adapter: LazadaAdapter;
  let sellerCount = 0;

  beforeAll(async () => {
    fake = await LazadaFake.start();
    adapter = new LazadaAdapter({ baseUrl: fake.baseUrl, timeoutMs: 2_000 });
  });
  afterEach(() => fake.clearFaults());
  afterAll(() => fake.close());

  /** A fresh seller per test, with a context whose saveCredentials keeps what it was given. */
  function connect() {
    const seller = fake.addSeller({ name: `HTX Gạo Sóc Trăng ${++sellerCount}` });
    const credentials = { appKey: fake.appKey, appSecret: fake.appSecret, accessToken: seller.accessToken, refreshToken: seller.refreshToken };
    return { seller, ...recordingContext(`conn-${sellerCount}`, credentials, {}) };
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
      category: { categoryId: 10000351 },
      images: [image('public/products/st25-1.webp'), image('public/products/st25-2.webp')],
      ...overrides,
    };
  }

  const pathsSince = (mark: number) => fake.calls.slice(mark).map((call) => call.path);
  const only = (sellerId: number) => {
    const items = fake.items(sellerId);
    expect(items).toHaveLength(1);
    return { item: items[0], sku: items[0].skus[0] };
  };

  it('verifies credentials with GetSeller and reports Lazada’s own words for a wrong app secret', async () => {
    const { context, seller } = connect();
    await expect(adapter.verifyCredentials(context)).resolves.toEqual({
      ok: true,
      value: { shopName: `HTX Gạo Sóc Trăng ${sellerCount}`, account: String(seller.sellerId) },
    });

    const wrongSecret = { ...context, credentials: { ...context.credentials, appSecret: 'not-the-secret' } };
    await expect(adapter.verifyCredentials(wrongSecret)).resolves.toEqual({
      ok: false,
      retryable: false,
      code: 'IncompleteSignature',
      message: 'The request signature does not conform to platform standards',
    });
    expect(fake.calls.at(-1)).toMatchObject({ path: '/seller/get', status: 200, code: 'IncompleteSignature' });
  });

  it('names missing and ill-formed credential fields before any call', () => {
    expect(adapter.credentialProblems({ appKey: '10010x', appSecret: 's', accessToken: 'a b' }).map((p) => p.field)).toEqual([
      'appKey',
      'accessToken',
      'refreshToken',
    ]);
    expect(adapter.credentialProblems({ appKey: '100101', appSecret: 's', accessToken: 'a', refreshToken: 'r' })).toEqual([]);
  });

  it('publishes one item: images uploaded first, then CreateProduct with an integer price, kg and the SellerSku', async () => {
    const { context, seller } = connect();
    const mark = fake.calls.length;
    const result = await adapter.publish(context, { listing: listing(), mayExist: false, imageIds: {} });
    if (!result.ok) throw new Error(result.message);

    expect(pathsSince(mark)).toEqual([UPLOAD, UPLOAD, CREATE]);
    const { item, sku } = only(seller.sellerId);
    expect(result.value.externalId).toBe(`${item.itemId}:${sku.skuId}`);
    expect(item).toMatchObject({ status: 'Active', primaryCategory: 10000351, name: 'Gạo ST25 túi 5kg', attributes: { brand: 'No Brand' } });
    expect(sku).toMatchObject({ sellerSku: 'GAO-ST25-5KG', price: 185_000, quantity: 40, status: 'active', packageWeight: 5.2 });
    expect(item.images).toEqual([result.value.imageIds['public/products/st25-1.webp'], result.value.imageIds['public/products/st25-2.webp']]);
    const created = fake.calls.at(-1)!.body as { Request: { Product: { Skus: { Sku: Array<{ price: string }> } } } };
    expect(created.Request.Product.Skus.Sku[0].price).toBe('185000');

    // Publishing again after a crash that lost the id finds the same item by SellerSku instead of creating one.
    const before = fake.calls.length;
    const again = await adapter.publish(context, { listing: listing({ name: 'Gạo ST25 túi 5kg (vụ mới)' }), mayExist: true, imageIds: result.value.imageIds });
    expect(again).toEqual({ ok: true, value: { externalId: result.value.externalId, imageIds: result.value.imageIds } });
    expect(only(seller.sellerId).item.name).toBe('Gạo ST25 túi 5kg (vụ mới)');
    expect(pathsSince(before)).toEqual([SEARCH, UPDATE]);
    expect(fake.calls.at(-2)!.params.sku_seller_list).toBe('["GAO-ST25-5KG"]');
  });

  it('does not make a second item when CreateProduct succeeded but its answer was lost', async () => {
    const { context, seller } = connect();
    fake.dropNextResponses(CREATE, 1);
    const lost = await adapter.publish(context, { listing: listing({ sku: 'MAM-NEM-500' }), mayExist: false, imageIds: {} });
    expect(lost).toMatchObject({ ok: false, retryable: true, code: 'network' });
    const { item, sku } = only(seller.sellerId);

    const mark = fake.calls.length;
    const retried = await adapter.publish(context, { listing: listing({ sku: 'MAM-NEM-500' }), mayExist: true, imageIds: {} });
    expect(retried).toMatchObject({ ok: true, value: { externalId: `${item.itemId}:${sku.skuId}` } });
    expect(fake.items(seller.sellerId)).toHaveLength(1);
    expect(pathsSince(mark)).not.toContain(CREATE);
  });

  it('adopts the item Lazada already has with our SellerSku when a create is refused as a duplicate', async () => {
    const { context, seller } = connect();
    // Listed by hand in Seller Center, or created by an attempt we know nothing of.
    const first = await adapter.publish(context, { listing: listing({ sku: 'CHE-TC-200' }), mayExist: false, imageIds: {} });
    if (!first.ok) throw new Error(first.message);
    const mark = fake.calls.length;
    const second = await adapter.publish(context, {
      listing: listing({ sku: 'CHE-TC-200', name: 'Chè Tân Cương 200g' }),
      mayExist: false,
      imageIds: first.value.imageIds,
    });
    expect(second).toEqual({ ok: true, value: { externalId: first.value.externalId, imageIds: first.value.imageIds } });
    expect(pathsSince(mark)).toEqual([CREATE, SEARCH, UPDATE]);
    expect(fake.calls[mark]).toMatchObject({ code: '4105' });
    expect(only(seller.sellerId).item.name).toBe('Chè Tân Cương 200g');
  });

  it('checks the SellerSku of each hit: another SKU of a found item is not ours', async () => {
    const { context, seller } = connect();
    const other = await adapter.publish(context, { listing: listing({ sku: 'GAO-ST25-5KG-X2' }), mayExist: false, imageIds: {} });
    const ours = await adapter.publish(context, { listing: listing(), mayExist: true, imageIds: {} });
    if (!ours.ok || !other.ok) throw new Error('publish failed');
    expect(ours.value.externalId).not.toBe(other.value.externalId);
    expect(
      fake
        .items(seller.sellerId)
        .map((item) => item.skus[0].sellerSku)
        .sort(),
    ).toEqual(['GAO-ST25-5KG', 'GAO-ST25-5KG-X2']);
  });

  it('updates price and stock with one call each, deactivates, and puts the item back on sale when published again', async () => {
    const { context, seller } = connect();
    const published = await adapter.publish(context, { listing: listing(), mayExist: false, imageIds: {} });
    if (!published.ok) throw new Error(published.message);
    const id = published.value.externalId;

    const mark = fake.calls.length;
    await expect(adapter.updatePrice(context, id, 199_000)).resolves.toEqual({ ok: true, value: undefined });
    await expect(adapter.updateStock(context, id, 12)).resolves.toEqual({ ok: true, value: undefined });
    expect(pathsSince(mark)).toEqual([PRICE_QUANTITY, PRICE_QUANTITY]);
    expect(fake.calls.slice(mark).map((call) => (call.body as { Request: { Product: { Skus: { Sku: unknown[] } } } }).Request.Product.Skus.Sku)).toEqual([
      [{ ItemId: id.split(':')[0], SkuId: id.split(':')[1], Price: '199000' }],
      [{ ItemId: id.split(':')[0], SkuId: id.split(':')[1], Quantity: '12' }],
    ]);
    expect(only(seller.sellerId).sku).toMatchObject({ price: 199_000, quantity: 12 });
    await expect(adapter.updatePrice(context, id, 199_000.5)).resolves.toMatchObject({ ok: false, retryable: false, code: 'invalid_price' });

    await expect(adapter.unpublish(context, id)).resolves.toEqual({ ok: true, value: undefined });
    expect(only(seller.sellerId).item.status).toBe('InActive');
    // Already off sale (Lazada answers E0004): still what was asked for.
    await expect(adapter.unpublish(context, id)).resolves.toEqual({ ok: true, value: undefined });
    expect(fake.calls.at(-1)).toMatchObject({ path: '/product/deactivate', code: 'E0004' });

    const before = fake.calls.length;
    const republished = await adapter.publish(context, { listing: listing(), externalId: id, mayExist: false, imageIds: published.value.imageIds });
    expect(republished).toMatchObject({ ok: true, value: { externalId: id } });
    expect(pathsSince(before)).toEqual([UPDATE]);
    expect(only(seller.sellerId).item.status).toBe('Active');
  });

  it('creates the item anew when it was deleted on Lazada since the last publish', async () => {
    const { context, seller } = connect();
    const published = await adapter.publish(context, { listing: listing(), mayExist: false, imageIds: {} });
    if (!published.ok) throw new Error(published.message);
    fake.setItemStatus(Number(published.value.externalId.split(':')[0]), 'deleted');

    const mark = fake.calls.length;
    const again = await adapter.publish(context, {
      listing: listing(),
      externalId: published.value.externalId,
      mayExist: false,
      imageIds: published.value.imageIds,
    });
    if (!again.ok) throw new Error(again.message);
    expect(pathsSince(mark)).toEqual([UPDATE, SEARCH, CREATE]);
    expect(again.value.externalId).not.toBe(published.value.externalId);
    expect(fake.items(seller.sellerId).map((item) => item.status)).toEqual(['Deleted', 'Active']);
  });

  it('passes on Lazada’s refusal of a missing mandatory attribute, and refuses numbered attributes before any call', async () => {
    const { context, seller } = connect();
    await expect(adapter.publish(context, { listing: listing({ category: { categoryId: 10009999 } }), mayExist: false, imageIds: {} })).resolves.toEqual({
      ok: false,
      retryable: false,
      code: '4110',
      message: 'BIZ_CHECK_CAT_PROP_MANDATORY — origin: The attribute origin is mandatory in this category.',
    });
    expect(fake.items(seller.sellerId)).toHaveLength(0);

    const numbered: PlatformCategory = { categoryId: 10009999, attributes: [{ attributeId: 100134, valueId: 0, valueName: 'Sóc Trăng' }] };
    const mark = fake.calls.length;
    await expect(adapter.publish(context, { listing: listing({ category: numbered }), mayExist: false, imageIds: {} })).resolves.toMatchObject({
      ok: false,
      retryable: false,
      code: 'category_attributes_unsupported',
    });
    expect(fake.calls.length).toBe(mark);
  });

  it('refreshes an expired access token once, saves the new pair, and finishes the call', async () => {
    const { context, seller, saved } = connect();
    const published = await adapter.publish(context, { listing: listing(), mayExist: false, imageIds: {} });
    if (!published.ok) throw new Error(published.message);
    fake.expireAccessToken(seller.sellerId);

    const mark = fake.calls.length;
    await expect(adapter.updateStock(context, published.value.externalId, 7)).resolves.toEqual({ ok: true, value: undefined });
    expect(pathsSince(mark)).toEqual([PRICE_QUANTITY, REFRESH, PRICE_QUANTITY]);
    expect(fake.calls[mark]).toMatchObject({ code: 'IllegalAccessToken' });
    // Token calls are signed by the app alone.
    expect(fake.calls[mark + 1].params.access_token).toBeUndefined();
    expect(saved).toHaveLength(1);
    expect(saved[0].accessToken).not.toBe(seller.accessToken);
    expect(saved[0].refreshToken).not.toBe(seller.refreshToken);
    expect(saved[0]).toMatchObject({ appKey: fake.appKey, appSecret: fake.appSecret });
    expect(only(seller.sellerId).sku.quantity).toBe(7);
  });

  it('shares one refresh between calls that find the token expired together (the refresh token works once)', async () => {
    const { context, seller, saved } = connect();
    fake.expireAccessToken(seller.sellerId);
    const stale = { ...context, credentials: { ...context.credentials } };
    const results = await Promise.all([adapter.verifyCredentials(stale), adapter.verifyCredentials(stale), adapter.verifyCredentials(stale)]);
    expect(results.every((result) => result.ok)).toBe(true);
    expect(fake.calls.filter((call) => call.path === REFRESH && call.params.refresh_token === seller.refreshToken)).toHaveLength(1);
    expect(saved).toHaveLength(1);
  });

  it('gives up with Lazada’s words when the refresh token is refused', async () => {
    const { context, seller } = connect();
    fake.expireAccessToken(seller.sellerId);
    const revoked = { ...context, credentials: { ...context.credentials, refreshToken: 'f'.repeat(40) } };
    await expect(adapter.verifyCredentials(revoked)).resolves.toMatchObject({
      ok: false,
      retryable: false,
      code: 'IllegalRefreshToken',
      message: expect.stringContaining('The specified refresh token is invalid or expired'),
    });
  });

  it('treats E901 as retryable, a second later as Lazada advises', async () => {
    const { context } = connect();
    fake.setRateLimit({ perSecond: 1 });
    await expect(adapter.verifyCredentials(context)).resolves.toMatchObject({ ok: true });
    await expect(adapter.verifyCredentials(context)).resolves.toEqual({
      ok: false,
      retryable: true,
      code: '901',
      message: 'E901: The request is too frequent, or the requested functionality is temporarily disabled.',
      retryAfterSeconds: 1,
    });
  });

  it('treats HTTP 500 as retryable, and nothing happened on Lazada', async () => {
    const { context, seller } = connect();
    fake.injectFaults({ probability: 1, kinds: ['http500'] });
    await expect(adapter.publish(context, { listing: listing(), mayExist: false, imageIds: {} })).resolves.toMatchObject({
      ok: false,
      retryable: true,
      code: '1000',
    });
    expect(fake.items(seller.sellerId)).toHaveLength(0);
  });

  it('treats a response that never comes as a retryable timeout', async () => {
    const { context } = connect();
    const impatient = new LazadaAdapter({ baseUrl: fake.baseUrl, timeoutMs: 150 });
    fake.injectFaults({ probability: 1, kinds: ['timeout'] });
    const started = Date.now();
    await expect(impatient.verifyCredentials(context)).resolves.toEqual({
      ok: false,
      retryable: true,
      code: 'timeout',
      message: 'Lazada did not answer within 150 ms.',
    });
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('takes a clock more than two hours off as a permanent problem, in the fake’s words', async () => {
    const { context } = connect();
    const slow = new LazadaAdapter({ baseUrl: fake.baseUrl, timeoutMs: 2_000, now: () => new Date(Date.now() - 7201_000) });
    await expect(slow.verifyCredentials(context)).resolves.toMatchObject({ ok: false, retryable: false, code: 'InvalidTimestamp' });
    const skewed = new LazadaAdapter({ baseUrl: fake.baseUrl, timeoutMs: 2_000, now: () => new Date(Date.now() - 7000_000) });
    await expect(skewed.verifyCredentials(context)).resolves.toMatchObject({ ok: true });
  });

  it('fetches orders updated in a range, every page, with their items 50 orders a call, and maps them', async () => {
    const { context, seller } = connect();
    const published = await adapter.publish(context, { listing: listing({ stock: 500 }), mayExist: false, imageIds: {} });
    if (!published.ok) throw new Error(published.message);
    const paid = fake.createOrder(seller.sellerId, { lines: [{ sellerSku: 'GAO-ST25-5KG', quantity: 2 }], buyerFirstName: 'Nguyễn Văn', buyerLastName: 'An' });
    const unpaid = fake.createOrder(seller.sellerId, { lines: [{ sellerSku: 'GAO-ST25-5KG', quantity: 1 }], status: 'unpaid' });
    const cancelled = fake.createOrder(seller.sellerId, { lines: [{ sellerSku: 'GAO-ST25-5KG', quantity: 1 }] });
    fake.setOrderStatus(cancelled, 'canceled');
    const delivered = fake.createOrder(seller.sellerId, { lines: [{ sellerSku: 'GAO-ST25-5KG', quantity: 1 }] });
    fake.setOrderStatus(delivered, 'delivered');
    for (let n = 0; n < 116; n++) fake.createOrder(seller.sellerId, { lines: [{ sellerSku: 'GAO-ST25-5KG', quantity: 1 }] });
    expect(only(seller.sellerId).sku.quantity).toBe(500 - 2 - 1 - 1 - 116);
    // Lazada has no quantity on an order item: two units are two items.
    expect(
      fake
        .orders(seller.sellerId)
        .find((order) => order.orderId === paid)!
        .items.map((item) => item.sellerSku),
    ).toEqual(['GAO-ST25-5KG', 'GAO-ST25-5KG']);

    const mark = fake.calls.length;
    const now = Date.now();
    const result = await adapter.fetchOrders(context, new Date(now - 20 * 86400_000), new Date(now + 1));
    if (!result.ok) throw new Error(result.message);
    const calls = fake.calls.slice(mark);
    expect(calls.filter((call) => call.path === '/orders/get').map((call) => call.params.offset)).toEqual(['0', '100']);
    expect(calls.find((call) => call.path === '/orders/get')!.params.update_after).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
    expect(calls.filter((call) => call.path === '/orders/items/get')).toHaveLength(3); // 120 orders, 50 at a time
    expect(result.value.orders).toHaveLength(120);

    const byId = new Map(result.value.orders.map((order) => [order.externalId, order]));
    expect(byId.get(paid)).toEqual({
      externalId: paid,
      platformStatus: 'pending',
      state: 'paid',
      createdAt: expect.any(Date),
      updatedAt: expect.any(Date),
      buyerName: 'Nguyễn Văn An',
      total: 370_000,
      lines: [{ sku: 'GAO-ST25-5KG', name: 'Gạo ST25 túi 5kg', quantity: 2, unitPrice: 185_000 }],
    });
    expect(Math.abs(byId.get(paid)!.createdAt.getTime() - now)).toBeLessThan(5_000);
    expect(byId.get(unpaid)).toMatchObject({ state: 'unpaid', platformStatus: 'unpaid', total: 185_000 });
    expect(byId.get(cancelled)).toMatchObject({ state: 'cancelled', platformStatus: 'canceled' });
    expect(byId.get(delivered)).toMatchObject({ state: 'completed', platformStatus: 'delivered' });

    await expect(adapter.fetchOrder(context, paid)).resolves.toEqual({ ok: true, value: byId.get(paid) });
    await expect(adapter.fetchOrder(context, '491253082189999')).resolves.toEqual({ ok: true, value: null });
    await expect(adapter.fetchOrder(context, 'not-an-id')).resolves.toEqual({ ok: true, value: null });
    // Another seller's order is not this connection's.
    const other = connect();
    await expect(adapter.fetchOrder(other.context, paid)).resolves.toEqual({ ok: true, value: null });
  });

  it('verifies the fake’s push over app key + body, and rejects a tampered body, another secret and another app', async () => {
    const { context, seller } = connect();
    const published = await adapter.publish(context, { listing: listing(), mayExist: false, imageIds: {} });
    if (!published.ok) throw new Error(published.message);
    const orderId = fake.createOrder(seller.sellerId, { lines: [{ sellerSku: 'GAO-ST25-5KG', quantity: 1 }] });

    const receiver = await pushReceiver(200);
    const { received } = receiver;
    try {
      const url = `${receiver.origin}/api/v1/channels/${context.connectionId}/webhook`;
      expect(await fake.push(url, orderId)).toBe(200);
      const [push] = received;
      expect(push.headers.authorization).toMatch(/^[0-9a-f]{64}$/);
      expect(adapter.verifyWebhook(context.credentials, { url, ...push })).toEqual({ kind: 'order', externalOrderId: orderId });

      const tampered = Buffer.from(push.rawBody.toString('utf8').replace('"message_type":0', '"message_type":0 '));
      expect(adapter.verifyWebhook(context.credentials, { url, rawBody: tampered, headers: push.headers })).toBeNull();
      expect(adapter.verifyWebhook({ ...context.credentials, appSecret: 'other' }, { url, ...push })).toBeNull();
      const otherApp = fake.addApp();
      expect(adapter.verifyWebhook({ ...context.credentials, ...otherApp }, { url, ...push })).toBeNull();
      expect(adapter.verifyWebhook(context.credentials, { url, rawBody: push.rawBody, headers: {} })).toBeNull();

      await fake.pushMessage(url, seller.sellerId, 8, {
        app_key: fake.appKey,
        seller_id: String(seller.sellerId),
        auth_expiry_time: Math.floor(Date.now() / 1000) + 86400,
      });
      expect(adapter.verifyWebhook(context.credentials, { url, ...received[1] })).toMatchObject({ kind: 'authorization' });
      await fake.pushMessage(url, seller.sellerId, 13, {});
      expect(adapter.verifyWebhook(context.credentials, { url, ...received[2] })).toEqual({ kind: 'ignored' });
    } finally {
      await receiver.close();
    }
  });
});

describe('LazadaAdapter hosts', () => {
  it('sends the token refresh to auth.lazada.com and everything else to the country’s api host', async () => {
    const seen: Array<{ url: URL; body: string }> = [];
    const answers = [
      { code: 'IllegalAccessToken', type: 'ISV', message: 'The specified access token is invalid or expired', request_id: 'a' },
      { code: '0', access_token: 'new-access', refresh_token: 'new-refresh', expires_in: 604800, request_id: 'b' },
      { code: '0', data: { name: 'HTX', seller_id: 1000165972 }, request_id: 'c' },
    ];
    const realFetch = globalThis.fetch;
    // No network here: the stand-in records where each call went and answers as Lazada would.
    globalThis.fetch = async (input: string | URL | Request, init?: RequestInit) => {
      seen.push({ url: new URL(String(input)), body: init?.body ? String(init.body) : '' });
      return new Response(JSON.stringify(answers[seen.length - 1]), { status: 200, headers: { 'content-type': 'application/json' } });
    };
    try {
      const live = new LazadaAdapter({ baseUrl: 'https://api.lazada.vn/rest/', timeoutMs: 1_000 });
      const context: ChannelContext = {
        connectionId: 'live',
        credentials: { appKey: '100101', appSecret: 'secret', accessToken: 'old-access', refreshToken: 'old-refresh' },
        settings: {},
        saveCredentials: async (next) => void (context.credentials = next),
      };
      await expect(live.verifyCredentials(context)).resolves.toEqual({ ok: true, value: { shopName: 'HTX', account: '1000165972' } });
      expect(seen.map(({ url }) => `${url.origin}${url.pathname}`)).toEqual([
        'https://api.lazada.vn/rest/seller/get',
        'https://auth.lazada.com/rest/auth/token/refresh',
        'https://api.lazada.vn/rest/seller/get',
      ]);
      // The API path alone is signed, without /rest; the refresh carries no access token.
      const [first, refresh, retry] = seen;
      const params = (entry: { url: URL; body: string }) => Object.fromEntries([...entry.url.searchParams, ...new URLSearchParams(entry.body)]);
      expect(first.url.searchParams.get('sign')).toBe(signRequest('secret', '/seller/get', { ...params(first), sign: '' }));
      expect(params(refresh)).toMatchObject({ refresh_token: 'old-refresh' });
      expect(params(refresh).access_token).toBeUndefined();
      expect(retry.url.searchParams.get('access_token')).toBe('new-access');
      expect(context.credentials).toMatchObject({ accessToken: 'new-access', refreshToken: 'new-refresh' });
    } finally {
      globalThis.fetch = realFetch;
    }
  });
});

/** The fake itself, spoken to directly: it must refuse what Lazada documents refusing, or adapter tests prove little. */
describe('LazadaFake gateway and validation', () => {
  let fake: LazadaFake;
  let seller: { sellerId: number; accessToken: string };

  beforeAll(async () => {
    fake = await LazadaFake.start();
    seller = fake.addSeller({ name: 'HTX Chè Thái Nguyên' });
  });
  afterAll(() => fake.close());

  async function send(
    path: string,
    options: {
      method?: 'GET' | 'POST';
      params?: Record<string, string>;
      raw?: { body: string; signed: boolean };
      form?: FormData;
      sign?: (sign: string) => string;
      timestamp?: number;
      omit?: string;
    } = {},
  ) {
    const system: Record<string, string> = {
      app_key: fake.appKey,
      timestamp: String(options.timestamp ?? Date.now()),
      sign_method: 'sha256',
      access_token: seller.accessToken,
    };
    if (options.omit) delete system[options.omit];
    const signed = { ...system, ...(options.params ?? {}) };
    const sign = signRequest(fake.appSecret, path, signed, options.raw?.signed ? options.raw.body : undefined);
    const method = options.method ?? (options.raw || options.form || options.params?.payload ? 'POST' : 'GET');
    const query = new URLSearchParams({ ...(method === 'GET' ? signed : system), sign: options.sign ? options.sign(sign) : sign });
    const body = options.form ?? (options.raw ? options.raw.body : method === 'POST' ? new URLSearchParams(options.params ?? {}) : undefined);
    const response = await fetch(`${fake.baseUrl}${path}?${query}`, {
      method,
      body,
      ...(options.raw ? { headers: { 'content-type': 'application/json' } } : {}),
    });
    return { status: response.status, body: (await response.json()) as { code: string; message?: string; detail?: unknown; data?: Record<string, unknown> } };
  }

  const imageForm = (bytes: Buffer) => {
    const form = new FormData();
    form.append('image', new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }), 'a.jpg');
    return form;
  };

  it('checks the system parameters, the window of 7200 s and the UPPERCASE signature; codes are strings', async () => {
    await expect(send('/seller/get', { omit: 'access_token' })).resolves.toMatchObject({ status: 200, body: { code: 'MissingParameter' } });
    await expect(send('/seller/get', { sign: (sign) => sign.toLowerCase() })).resolves.toMatchObject({
      body: { code: 'IncompleteSignature', message: 'The request signature does not conform to platform standards' },
    });
    await expect(send('/seller/get', { timestamp: Date.now() - 7300_000 })).resolves.toMatchObject({ body: { code: 'InvalidTimestamp' } });
    await expect(send('/seller/get')).resolves.toMatchObject({
      status: 200,
      body: { code: '0', data: { name: 'HTX Chè Thái Nguyên', seller_id: seller.sellerId } },
    });
    await expect(send('/no/such/api')).resolves.toMatchObject({ status: 404, body: { code: 'InvalidApiPath' } });
  });

  it('signs a raw body after the parameters, as the Java and C# SDKs do', async () => {
    const raw = '{"Request":{"Product":{"ItemId":1}}}';
    // The signature holds (the business answer is about the missing apiRequestBody parameter)…
    await expect(send('/product/deactivate', { raw: { body: raw, signed: true } })).resolves.toMatchObject({
      body: { code: '30', message: 'E030: Empty Request' },
    });
    // …and a signature that leaves the body out does not.
    await expect(send('/product/deactivate', { raw: { body: raw, signed: false } })).resolves.toMatchObject({ body: { code: 'IncompleteSignature' } });
  });

  it('refuses a fractional VND price, an unknown category, an outside image, a missing package weight or a repeated SellerSku', async () => {
    const uploaded = await send('/image/upload', { method: 'POST', form: imageForm(JPEG) });
    const url = (uploaded.body.data!.image as { url: string }).url;
    const sku = {
      SellerSku: 'CHE-TC-200',
      quantity: '5',
      price: '120000',
      package_weight: '0.25',
      package_length: '10',
      package_width: '10',
      package_height: '10',
    };
    const product = {
      PrimaryCategory: '10000345',
      Images: { Image: [url] },
      Attributes: { name: 'Chè Tân Cương 200g', description: '<p>Chè búp.</p>', brand: 'No Brand' },
      Skus: { Sku: [sku] },
    };
    const create = (changes: Record<string, unknown>, skuChanges: Record<string, unknown> = {}) =>
      send('/product/create', {
        params: { payload: JSON.stringify({ Request: { Product: { ...product, ...changes, Skus: { Sku: [{ ...sku, ...skuChanges }] } } } }) },
      });
    await expect(create({}, { price: '120000.5' })).resolves.toMatchObject({ body: { code: '4104', message: 'BIZ_CHECK_PRICE_PRECISION_INVALID' } });
    await expect(create({ PrimaryCategory: '1' })).resolves.toMatchObject({ body: { code: '201', message: 'E201: 1 Invalid CategoryId' } });
    await expect(create({ Images: { Image: ['https://example.com/a.jpg'] } })).resolves.toMatchObject({ body: { code: '4138' } });
    await expect(create({ Images: { Image: url } })).resolves.toMatchObject({ body: { code: '1001' } });
    await expect(create({}, { package_weight: undefined })).resolves.toMatchObject({
      body: { code: '1', message: 'E001: Parameter package_weight is mandatory' },
    });
    await expect(create({}, { package_weight: '0.255' })).resolves.toMatchObject({ body: { code: '4149' } });
    expect(fake.items(seller.sellerId)).toHaveLength(0);
    await expect(create({})).resolves.toMatchObject({
      body: { code: '0', data: { item_id: expect.any(Number), sku_list: [{ seller_sku: 'CHE-TC-200', sku_id: expect.any(Number) }] } },
    });
    await expect(create({})).resolves.toMatchObject({ body: { code: '4105', message: 'BIZ_CHECK_SELLER_SKU_DUPLICATE' } });
    expect(fake.items(seller.sellerId)).toMatchObject([{ skus: [{ sellerSku: 'CHE-TC-200', price: 120_000, quantity: 5 }] }]);
  });

  it('takes JPG and PNG only, by their bytes', async () => {
    await expect(send('/image/upload', { method: 'POST', form: imageForm(Buffer.from('GIF89a....')) })).resolves.toMatchObject({ body: { code: '300' } });
  });

  it('takes at most 50 SKUs in one UpdatePriceQuantity and changes all or none', async () => {
    const [item] = fake.items(seller.sellerId);
    const ours = { ItemId: String(item.itemId), SkuId: String(item.skus[0].skuId), Price: '99000' };
    const payload = (skus: unknown[]) => JSON.stringify({ Request: { Product: { Skus: { Sku: skus } } } });
    await expect(send('/product/price_quantity/update', { params: { payload: payload(Array.from({ length: 51 }, () => ours)) } })).resolves.toMatchObject({
      body: { code: '4171' },
    });
    await expect(
      send('/product/price_quantity/update', { params: { payload: payload([ours, { ItemId: '1', SkuId: '2', Price: '1000' }]) } }),
    ).resolves.toMatchObject({
      body: { code: '501', message: 'Update product failed' },
    });
    expect(fake.items(seller.sellerId)[0].skus[0].price).toBe(120_000);
  });

  it('wants GetOrders dates as YYYY-MM-DDTHH:mm:ss±HH:MM and one of the two lower bounds', async () => {
    await expect(send('/orders/get', { params: { update_after: new Date().toISOString() } })).resolves.toMatchObject({ body: { code: '17' } });
    await expect(send('/orders/get', { params: { limit: '10' } })).resolves.toMatchObject({ body: { code: 'MissingParameter' } });
    await expect(send('/orders/get', { params: { update_after: '2024-01-01T00:00:00+07:00', limit: '101' } })).resolves.toMatchObject({ body: { code: '19' } });
    await expect(send('/orders/get', { params: { update_after: '2024-01-01T00:00:00+07:00' } })).resolves.toMatchObject({
      body: { code: '0', data: { count: 0, countTotal: 0, orders: [] } },
    });
  });
});
