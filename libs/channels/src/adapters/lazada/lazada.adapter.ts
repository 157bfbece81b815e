import {
  ok,
  permanent,
  retryable,
  type AdapterResult,
  type ChannelAdapter,
  type ChannelContext,
  type ChannelCredentials,
  type DesiredListing,
  type ExternalOrder,
  type FetchedOrders,
  type PlatformInfo,
  type PublishedItem,
  type PublishInput,
  type VerifiedShop,
  type WebhookEvent,
  type WebhookRequest,
} from '../channel-adapter.js';
import { fetchText, parseJsonObject, parseRetryAfter } from '@nongsan/core';
import { checkListingBasics, checkPrice, checkStock } from '../listing-checks.js';
import { uploadNewImages } from '../listing-images.js';
import { PublishTarget } from '../publish-target.js';
import { pushAuthorized } from '../push-signature.js';
import { checkTokenRenewal, RefreshCoalescer } from '@nongsan/core';
import { mapLazadaOrder, type LazadaOrder, type LazadaOrderItem } from './lazada.orders.js';
import { deactivatePayload, MAX_IMAGES, priceQuantityPayloads, productCreatePayload, productUpdatePayload, type LazadaSkuRef } from './lazada.payloads.js';
import { pushSignature, signRequest } from './lazada.signing.js';

/** The registry takes the platform from one import. */
export { LAZADA_CATEGORIES } from './lazada.categories.js';

export interface LazadaAdapterOptions {
  /** The country's API host, `https://api.lazada.vn/rest` live, or a fake in tests. */
  baseUrl: string;
  timeoutMs: number;
  now?: () => Date;
}

const PATH = {
  seller: '/seller/get',
  refreshToken: '/auth/token/refresh',
  uploadImage: '/image/upload',
  createProduct: '/product/create',
  updateProduct: '/product/update',
  priceQuantity: '/product/price_quantity/update',
  deactivate: '/product/deactivate',
  products: '/products/get',
  orders: '/orders/get',
  order: '/order/get',
  orderItems: '/order/items/get',
  ordersItems: '/orders/items/get',
} as const;

const LIVE_AUTH_URL = 'https://auth.lazada.com/rest';
/** GetOrders returns at most 100 orders a page. */
const ORDER_PAGE = 100;
/** GetMultipleOrderItems takes at most 50 order ids. */
const ORDER_ITEMS_BATCH = 50;
/** GetProducts' largest page; a SKU list of one matches a handful of items at most. */
const SKU_SEARCH_LIMIT = 50;
/** "Slow down": E901 (API QPS limit), the gateway's ApiCallLimit, 4154 SYS_REQUEST_TOO_FAST. */
const RATE_LIMIT_CODES = new Set(['901', 'ApiCallLimit', '4154']);
/** Documented internal errors (E006, 1000, 513, 4135 IC service error) and 4147 concurrent edit: worth another try. */
const TRANSIENT_CODES = new Set(['6', 'E0006', '1000', '513', '4135', '4147']);
/** The item or SKU is no longer on Lazada (4137 ITEM_NOT_FOUND; E0002 from DeactivateProduct). */
const GONE_CODES = new Set(['4137', 'E0002']);
/** "SellerSku repeat": the store already has an item with our SKU. */
const DUPLICATE_SKU_CODES = new Set(['4105', '4126', '4141']);
/** DeactivateProduct on an item already off sale. */
const NOT_ONLINE = 'E0004';
/** GetOrder / GetOrderItems for an order this seller does not have. */
const INVALID_ORDER = '16';
/**
 * A finished refresh is reused this long by calls that failed with the same old token, instead of
 * spending the new refresh token with the old one. Lazada documents no grace for the old access
 * token, so this only covers calls that were in flight together.
 */
const REFRESH_REUSE_MS = 60_000;

interface LazadaCredentials {
  appKey: string;
  appSecret: string;
  accessToken: string;
  refreshToken: string;
}

/** One operation's view of a connection: the credentials change when a refresh happens mid-way. */
interface Session {
  context: ChannelContext;
  credentials: LazadaCredentials;
}

interface LazadaRequest {
  method: 'GET' | 'POST';
  path: string;
  /** `api`: the country host, with the seller's access token. `auth`: the token host, without one. */
  host: 'api' | 'auth';
  /** Business parameters: in the query for GET, form-encoded in the body for POST. All are signed. */
  params?: Record<string, string>;
  /** A byte-array parameter: sent multipart and, as documented, left out of the signature. */
  file?: { field: string; body: Buffer; contentType: string; filename: string };
}

/** Lazada's envelope; the token calls put their fields beside `code` instead of under `data`. */
type Envelope<D> = {
  code?: string;
  type?: string;
  message?: string;
  request_id?: string;
  data?: D;
  detail?: Array<{ field?: string; message?: string }>;
} & Record<string, unknown>;

interface LazadaProduct {
  item_id?: number | string;
  status?: string;
  skus?: Array<{ SkuId?: number | string; SellerSku?: string; Status?: string }>;
}

/** GetProducts item statuses, best first, for taking over an item carrying our SKU. */
const ADOPTABLE_STATUSES = ['Active', 'InActive', 'Pending QC', 'Suspended'];

/**
 * Lazada Open Platform (platforms.md §2). Every call carries app_key, timestamp (ms), sign_method
 * and an UPPERCASE HMAC-SHA256 sign over the path and all parameters; seller calls add the access
 * token. Errors come as `{code, type, message}` with a string code ("0" is success). An access
 * token Lazada rejects is refreshed once (the new pair saved before anything else) and the call is
 * tried again. One listing is one SKU of one Lazada item, so its external id is `item_id:sku_id`.
 */
export class LazadaAdapter implements ChannelAdapter {
  static readonly info: PlatformInfo = { platform: 'lazada', name: 'Lazada', kind: 'api' };
  static readonly liveBaseUrl = 'https://api.lazada.vn/rest';
  readonly info = LazadaAdapter.info;
  private readonly baseUrl: string;
  private readonly authUrl: string;
  private readonly now: () => Date;
  private readonly refreshes = new RefreshCoalescer<LazadaCredentials>(REFRESH_REUSE_MS);

  constructor(private readonly options: LazadaAdapterOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.authUrl = authUrlFor(this.baseUrl);
    this.now = options.now ?? (() => new Date());
  }

  credentialProblems(credentials: ChannelCredentials): Array<{ field: string; message: string }> {
    const problems: Array<{ field: string; message: string }> = [];
    const appKey = credentials.appKey;
    if (!appKey) problems.push({ field: 'appKey', message: 'appKey is required (the App Key from the Lazada Open Platform console).' });
    else if (!/^\d{1,19}$/.test(appKey)) problems.push({ field: 'appKey', message: 'appKey must be the number Lazada gives, digits only.' });
    for (const field of ['appSecret', 'accessToken', 'refreshToken'] as const) {
      const value = credentials[field];
      if (!value) problems.push({ field, message: `${field} is required (from the Lazada Open Platform console).` });
      else if (/\s/.test(value)) problems.push({ field, message: `${field} must not contain spaces.` });
    }
    return problems;
  }

  /** GetSeller; the account is the seller_id, the same for every app the seller authorizes. */
  async verifyCredentials(context: ChannelContext): Promise<AdapterResult<VerifiedShop>> {
    const session = this.open(context);
    if (!session.ok) return session;
    const result = await this.call<{ name?: string; name_company?: string; seller_id?: number | string }>(session.value, { method: 'GET', path: PATH.seller, host: 'api' });
    if (!result.ok) return result;
    const seller = result.value.data;
    if (seller?.seller_id === undefined || seller.seller_id === null || String(seller.seller_id) === '') {
      return permanent('bad_response', 'Lazada answered GetSeller without a seller_id.');
    }
    return ok({ shopName: seller.name || seller.name_company || null, account: String(seller.seller_id) });
  }

  /**
   * Known item → UpdateProduct, which also puts it back on sale. Unknown item that an earlier
   * attempt may have created → look it up by SellerSku first. Otherwise (or when the item is gone
   * from Lazada) CreateProduct with price and stock. Lazada refuses a second item with the same
   * SellerSku, so a create that meets one adopts it instead. On an update the engine follows with
   * updatePrice/updateStock, so a found item is not changed twice.
   */
  async publish(context: ChannelContext, input: PublishInput): Promise<AdapterResult<PublishedItem>> {
    const opened = this.open(context);
    if (!opened.ok) return opened;
    const session = opened.value;
    const { listing } = input;
    const invalid = checkListingBasics('Lazada', listing) ?? checkAttributes(listing);
    if (invalid) return invalid;
    const resolved = await PublishTarget.resolve(input, parseRef, () => this.findBySku(session, listing.sku));
    if (!resolved.ok) return resolved;
    const target = resolved.value;

    const uploaded = await this.uploadImages(session, input);
    if (!uploaded.ok) return uploaded;
    const imageIds = uploaded.value;
    const imageUrls = listing.images.slice(0, MAX_IMAGES).map((image) => imageIds[image.key]);

    for (;;) {
      for (let ref = target.item; ref !== null; ref = target.item) {
        const updated = await this.call<unknown>(session, {
          method: 'POST',
          path: PATH.updateProduct,
          host: 'api',
          params: { payload: productUpdatePayload(ref, listing, imageUrls) },
        });
        if (updated.ok) return ok({ externalId: refId(ref), imageIds });
        if (!GONE_CODES.has(updated.code)) return updated;
        // Deleted on Lazada since we last saw it: another item may carry the SKU, else create anew.
        const next = await target.searchOnce();
        if (!next.ok) return next;
      }

      await input.progress?.creating();
      const created = await this.call<{ item_id?: number | string; sku_list?: Array<{ seller_sku?: string; sku_id?: number | string }> }>(session, {
        method: 'POST',
        path: PATH.createProduct,
        host: 'api',
        params: { payload: productCreatePayload(listing, imageUrls) },
      });
      if (created.ok) {
        const itemId = created.value.data?.item_id;
        const skus = created.value.data?.sku_list ?? [];
        const skuId = (skus.find((sku) => sku.seller_sku === listing.sku) ?? skus[0])?.sku_id;
        if (itemId === undefined || skuId === undefined) return permanent('bad_response', 'Lazada created the product but did not return its item_id and sku_id.');
        return ok({ externalId: refId({ itemId: String(itemId), skuId: String(skuId) }), imageIds, created: true });
      }
      if (!DUPLICATE_SKU_CODES.has(created.code) || target.searched) return created;
      // Lazada already has an item with our SellerSku: take it over, unless the search finds none.
      const adopted = await target.searchOnce();
      if (!adopted.ok) return adopted;
      if (target.item === null) return created;
    }
  }

  async updatePrice(context: ChannelContext, externalId: string, price: number): Promise<AdapterResult<void>> {
    return checkPrice('Lazada', price) ?? this.updatePriceQuantity(context, externalId, { price });
  }

  async updateStock(context: ChannelContext, externalId: string, stock: number): Promise<AdapterResult<void>> {
    return checkStock(stock) ?? this.updatePriceQuantity(context, externalId, { quantity: stock });
  }

  /** DeactivateProduct for our SKU; an item already off sale is what was asked for. */
  async unpublish(context: ChannelContext, externalId: string): Promise<AdapterResult<void>> {
    const opened = this.open(context);
    if (!opened.ok) return opened;
    const ref = parseRef(externalId);
    if (!ref.ok) return ref;
    const result = await this.call<unknown>(opened.value, {
      method: 'POST',
      path: PATH.deactivate,
      host: 'api',
      params: { apiRequestBody: deactivatePayload(ref.value) },
    });
    if (!result.ok && result.code !== NOT_ONLINE) return result;
    return ok(undefined);
  }

  /**
   * GetOrders by update time, oldest first, every page; then the items of 50 orders per call.
   * Offset paging can skip an order that is updated while the pages are read (it leaves the
   * window); its new update time falls in the next poll, which starts before this one's end.
   */
  async fetchOrders(context: ChannelContext, since: Date, until: Date): Promise<AdapterResult<FetchedOrders>> {
    const opened = this.open(context);
    if (!opened.ok) return opened;
    const session = opened.value;
    const found = new Map<string, LazadaOrder>();
    const window = { update_after: isoSeconds(since, 'floor'), update_before: isoSeconds(until, 'ceil'), sort_by: 'updated_at', sort_direction: 'ASC', limit: String(ORDER_PAGE) };
    for (let offset = 0; ; offset += ORDER_PAGE) {
      const page = await this.call<{ orders?: LazadaOrder[] }>(session, { method: 'GET', path: PATH.orders, host: 'api', params: { ...window, offset: String(offset) } });
      if (!page.ok) return page;
      const list = page.value.data?.orders ?? [];
      const before = found.size;
      for (const order of list) found.set(String(order.order_id), order);
      // A short page ends the list; a page of nothing new means Lazada is repeating itself.
      if (list.length < ORDER_PAGE || found.size === before) break;
    }
    const ids = [...found.keys()];
    const orders: ExternalOrder[] = [];
    for (let index = 0; index < ids.length; index += ORDER_ITEMS_BATCH) {
      const batch = ids.slice(index, index + ORDER_ITEMS_BATCH);
      const result = await this.call<Array<{ order_id?: number | string; order_items?: LazadaOrderItem[] }>>(session, {
        method: 'GET',
        path: PATH.ordersItems,
        host: 'api',
        params: { order_ids: `[${batch.join(',')}]` },
      });
      if (!result.ok) return result;
      const itemsByOrder = new Map((result.value.data ?? []).map((entry) => [String(entry.order_id), entry.order_items ?? []]));
      for (const id of batch) {
        const items = itemsByOrder.get(id);
        if (!items) return retryable('order_items_missing', `Lazada listed order ${id} but returned none of its items.`);
        orders.push(mapLazadaOrder(found.get(id)!, items));
      }
    }
    return ok({ orders });
  }

  /** GetOrder then GetOrderItems, the flow Lazada recommends for a pushed order. */
  async fetchOrder(context: ChannelContext, externalOrderId: string): Promise<AdapterResult<ExternalOrder | null>> {
    const opened = this.open(context);
    if (!opened.ok) return opened;
    if (!/^\d{1,20}$/.test(externalOrderId)) return ok(null);
    const order = await this.call<LazadaOrder>(opened.value, { method: 'GET', path: PATH.order, host: 'api', params: { order_id: externalOrderId } });
    if (!order.ok) return order.code === INVALID_ORDER ? ok(null) : order;
    if (!order.value.data) return ok(null);
    const items = await this.call<LazadaOrderItem[]>(opened.value, { method: 'GET', path: PATH.orderItems, host: 'api', params: { order_id: externalOrderId } });
    if (!items.ok) return items;
    return ok(mapLazadaOrder(order.value.data, items.value.data ?? []));
  }

  /**
   * Lazada signs a push with the app secret over the app key and the raw body. Order messages
   * (type 0, returns included) name the trade order; type 8 warns that the authorization ends
   * within 48 hours. A push for another seller of the same app verifies too: its order is not
   * found with this connection's token and nothing happens.
   */
  verifyWebhook(credentials: ChannelCredentials, request: WebhookRequest): WebhookEvent | null {
    if (!credentials.appKey || !credentials.appSecret) return null;
    if (!pushAuthorized(request, pushSignature(credentials.appSecret, credentials.appKey, request.rawBody))) return null;
    const push = parseJsonObject<{ message_type?: unknown; data?: Record<string, unknown> }>(request.rawBody.toString('utf8'));
    if (!push) return { kind: 'ignored' };
    switch (Number(push.message_type)) {
      case 0: {
        const orderId = push.data?.trade_order_id;
        return (typeof orderId === 'string' || typeof orderId === 'number') && String(orderId) ? { kind: 'order', externalOrderId: String(orderId) } : { kind: 'ignored' };
      }
      case 8:
        return { kind: 'authorization', message: 'The Lazada authorization of this shop ends within 48 hours; authorize the app again to keep syncing.' };
      default:
        return { kind: 'ignored' };
    }
  }

  async refreshToken(context: ChannelContext): Promise<AdapterResult<void>> {
    const opened = this.open(context);
    if (!opened.ok) return opened;
    return this.refresh(opened.value);
  }

  // ---- the pieces of publish -----------------------------------------------------------------

  /**
   * GetProducts filtered by SellerSku (whole-word match, as documented) across every status but
   * deleted; each hit's SKU is still compared, and the best-placed item is taken over.
   */
  private async findBySku(session: Session, sku: string): Promise<AdapterResult<LazadaSkuRef | null>> {
    const result = await this.call<{ products?: LazadaProduct[] }>(session, {
      method: 'GET',
      path: PATH.products,
      host: 'api',
      params: { filter: 'all', sku_seller_list: JSON.stringify([sku]), limit: String(SKU_SEARCH_LIMIT), offset: '0' },
    });
    if (!result.ok) return result;
    const matches: Array<{ rank: number; itemId: string; skuId: string }> = [];
    for (const product of result.value.data?.products ?? []) {
      const rank = ADOPTABLE_STATUSES.indexOf(product.status ?? '');
      const match = product.skus?.find((entry) => entry.SellerSku === sku && entry.Status !== 'deleted');
      if (rank < 0 || !match || product.item_id === undefined || match.SkuId === undefined) continue;
      matches.push({ rank, itemId: String(product.item_id), skuId: String(match.SkuId) });
    }
    // Duplicates can exist from before: the listed one first, then the oldest.
    matches.sort((a, b) => a.rank - b.rank || a.itemId.length - b.itemId.length || a.itemId.localeCompare(b.itemId));
    return ok(matches[0] ? { itemId: matches[0].itemId, skuId: matches[0].skuId } : null);
  }

  /** Image key → the Lazada-hosted URL products must use; known keys are not sent again. */
  private uploadImages(session: Session, input: PublishInput): Promise<AdapterResult<Record<string, string>>> {
    return uploadNewImages(input, MAX_IMAGES, async (file) => {
      const result = await this.call<{ image?: { url?: string; hash_code?: string } }>(session, {
        method: 'POST',
        path: PATH.uploadImage,
        host: 'api',
        file: { field: 'image', ...file },
      });
      if (!result.ok) return result;
      const url = result.value.data?.image?.url;
      return url ? ok(url) : permanent('bad_response', 'Lazada accepted the image but returned no URL.');
    });
  }

  private async updatePriceQuantity(context: ChannelContext, externalId: string, change: { price?: number; quantity?: number }): Promise<AdapterResult<void>> {
    const opened = this.open(context);
    if (!opened.ok) return opened;
    const ref = parseRef(externalId);
    if (!ref.ok) return ref;
    for (const payload of priceQuantityPayloads([{ ...ref.value, ...change }])) {
      const result = await this.call<unknown>(opened.value, { method: 'POST', path: PATH.priceQuantity, host: 'api', params: { payload } });
      if (!result.ok) return result;
    }
    return ok(undefined);
  }

  // ---- transport -------------------------------------------------------------------------------

  private open(context: ChannelContext): AdapterResult<Session> {
    const problems = this.credentialProblems(context.credentials);
    if (problems.length > 0) return permanent('credentials_invalid', problems.map((problem) => problem.message).join(' '));
    const { appKey, appSecret, accessToken, refreshToken } = context.credentials;
    return ok({ context, credentials: { appKey, appSecret, accessToken, refreshToken } });
  }

  /** A seller call, with one refresh and one retry when Lazada rejects the access token. */
  private async call<D>(session: Session, request: LazadaRequest): Promise<AdapterResult<Envelope<D>>> {
    const first = await this.send<D>(session.credentials, request);
    if (first.ok || first.retryable || request.host !== 'api' || first.code !== 'IllegalAccessToken') return first;
    const refreshed = await this.refresh(session);
    if (!refreshed.ok) return refreshed;
    return this.send<D>(session.credentials, request);
  }

  private async refresh(session: Session): Promise<AdapterResult<void>> {
    const result = await this.refreshes.run(session.context.connectionId, session.credentials.refreshToken, () => this.renewTokens(session));
    if (!result.ok) return result;
    session.credentials = result.value;
    return ok(undefined);
  }

  private async renewTokens(session: Session): Promise<AdapterResult<LazadaCredentials>> {
    const { credentials, context } = session;
    const result = checkTokenRenewal(
      'Lazada',
      await this.send<never>(credentials, { method: 'POST', path: PATH.refreshToken, host: 'auth', params: { refresh_token: credentials.refreshToken } }),
    );
    if (!result.ok) return result;
    const { access_token: accessToken, refresh_token: refreshToken } = result.value;
    // Saved before anything else: the old refresh token may be spent, so losing this pair loses the shop.
    await context.saveCredentials({ ...context.credentials, accessToken, refreshToken });
    return ok({ ...credentials, accessToken, refreshToken });
  }

  private async send<D>(credentials: LazadaCredentials, request: LazadaRequest): Promise<AdapterResult<Envelope<D>>> {
    const system: Record<string, string> = {
      app_key: credentials.appKey,
      timestamp: String(this.now().getTime()),
      sign_method: 'sha256',
      ...(request.host === 'api' ? { access_token: credentials.accessToken } : {}),
    };
    const business = request.params ?? {};
    const sign = signRequest(credentials.appSecret, request.path, { ...system, ...business });
    const base = request.host === 'auth' ? this.authUrl : this.baseUrl;
    const init: RequestInit = { method: request.method };
    let url: string;
    if (request.method === 'GET') {
      url = `${base}${request.path}?${new URLSearchParams({ ...system, ...business, sign })}`;
    } else {
      // As Lazada's SDKs do: system parameters and the sign in the query, business ones in the body.
      url = `${base}${request.path}?${new URLSearchParams({ ...system, sign })}`;
      if (request.file) {
        const form = new FormData();
        for (const [name, value] of Object.entries(business)) form.append(name, value);
        form.append(request.file.field, new Blob([new Uint8Array(request.file.body)], { type: request.file.contentType }), request.file.filename);
        init.body = form;
      } else {
        init.body = new URLSearchParams(business);
      }
    }

    const answered = await fetchText('Lazada', url, init, this.options.timeoutMs);
    if (!answered.ok) return answered;
    const { response, text } = answered.value;

    const envelope = parseJsonObject<Envelope<D>>(text);
    const code = envelope?.code !== undefined && envelope.code !== null ? String(envelope.code) : '';
    const message = describe(envelope) || `Lazada answered HTTP ${response.status}.`;
    const retryAfter = parseRetryAfter(response.headers.get('retry-after'), this.now());
    // Lazada's advice for E901 is to try again in the next second.
    if (response.status === 429 || RATE_LIMIT_CODES.has(code)) return retryable(code || 'http_429', message, retryAfter ?? 1);
    if (response.status >= 500 || response.status === 408) return retryable(code || `http_${response.status}`, message, retryAfter);
    if (!envelope || !code) return permanent(response.ok ? 'bad_response' : `http_${response.status}`, `Lazada answered HTTP ${response.status} with a body that is not its JSON envelope.`);
    if (code === '0') return response.ok ? ok(envelope) : permanent(`http_${response.status}`, message);
    if (TRANSIENT_CODES.has(code)) return retryable(code, message, retryAfter);
    return permanent(code, message);
  }
}

/**
 * Lazada serves /auth/token/refresh from one host for every country (RefreshAccessToken doc), not
 * from the country's `api.lazada.*` host; anything else (a sandbox proxy, the test fake) serves both.
 */
function authUrlFor(baseUrl: string): string {
  return /^api\.lazada\.[a-z.]+$/.test(new URL(baseUrl).hostname) ? LIVE_AUTH_URL : baseUrl;
}

function checkAttributes(listing: DesiredListing): AdapterResult<never> | null {
  if (listing.category.attributes?.length) {
    // Lazada names its category attributes ("Hazmat", "warranty_type"); numeric ids cannot be sent.
    return permanent(
      'category_attributes_unsupported',
      `The Lazada category ${listing.category.categoryId} in this connection's settings lists attributes by number, but Lazada names them; remove them from settings.categories and fill them in Lazada Seller Center.`,
    );
  }
  return null;
}

function parseRef(externalId: string): AdapterResult<LazadaSkuRef> {
  const match = /^(\d{1,20}):(\d{1,20})$/.exec(externalId);
  return match ? ok({ itemId: match[1], skuId: match[2] }) : permanent('invalid_external_id', `"${externalId}" is not a Lazada item_id:sku_id.`);
}

function refId(ref: LazadaSkuRef): string {
  return `${ref.itemId}:${ref.skuId}`;
}

/** Lazada's message, with the per-field reasons it gives for its generic codes (500, 501). */
function describe(envelope: Envelope<unknown> | null): string {
  if (!envelope) return '';
  const message = typeof envelope.message === 'string' ? envelope.message : '';
  const details = Array.isArray(envelope.detail)
    ? envelope.detail.map((entry) => [entry?.field, entry?.message].filter((part) => typeof part === 'string' && part).join(': ')).filter(Boolean)
    : [];
  return details.length > 0 ? `${message}${message ? ' — ' : ''}${details.join('; ')}` : message;
}

/** GetOrders wants `YYYY-MM-DDTHH:mm:ss±HH:MM`, without milliseconds. */
function isoSeconds(date: Date, round: 'floor' | 'ceil'): string {
  const seconds = round === 'floor' ? Math.floor(date.getTime() / 1000) : Math.ceil(date.getTime() / 1000);
  return `${new Date(seconds * 1000).toISOString().slice(0, 19)}+00:00`;
}
