import {
  ok,
  permanent,
  retryable,
  type AdapterResult,
  type ChannelAdapter,
  type ChannelContext,
  type ChannelCredentials,
  type ChannelSettings,
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
import { mapShopeeOrder, type ShopeeOrderDetail } from './shopee.orders.js';
import { publicApiSign, pushSignature, shopApiSign } from './shopee.signing.js';

export interface ShopeeAdapterOptions {
  /** `https://partner.shopeemobile.com` live, the sandbox host, or a fake in tests. */
  baseUrl: string;
  timeoutMs: number;
  now?: () => Date;
}

const PATH = {
  shopInfo: '/api/v2/shop/get_shop_info',
  refreshToken: '/api/v2/auth/access_token/get',
  uploadImage: '/api/v2/media_space/upload_image',
  addItem: '/api/v2/product/add_item',
  updateItem: '/api/v2/product/update_item',
  updatePrice: '/api/v2/product/update_price',
  updateStock: '/api/v2/product/update_stock',
  unlistItem: '/api/v2/product/unlist_item',
  searchItem: '/api/v2/product/search_item',
  itemBaseInfo: '/api/v2/product/get_item_base_info',
  orderList: '/api/v2/order/get_order_list',
  orderDetail: '/api/v2/order/get_order_detail',
} as const;

/** get_order_list refuses a range longer than 15 days. */
const ORDER_WINDOW_S = 15 * 86400;
/** get_item_base_info and get_order_detail take at most 50 ids. */
const BATCH = 50;
/** The usual per-item image limit (the exact one is per category, from get_item_limit). */
const MAX_IMAGES = 9;
const MAX_SEARCH_PAGES = 20;
/** Statuses where an item with our SKU still exists and can be taken over. */
const LIVE_STATUSES = ['NORMAL', 'UNLIST', 'REVIEWING', 'BANNED'];
/** Shopee's "try again later" words; everything else it names is for a person to fix. */
const TRANSIENT_ERRORS = new Set(['error_server', 'error_inner', 'error_system_busy', 'error_network', 'error_get_shop_fail', 'error_busi_add_item_failed', 'error_update_price_fail']);
/** The words for an access token Shopee no longer accepts (the misspelling is Shopee's). */
const AUTH_ERRORS = new Set(['error_auth', 'invalid_acceess_token', 'invalid_access_token']);
/**
 * Old access tokens stay valid 5 minutes after a refresh; a result reused within that is still good.
 * Replicas, which share no refresh, rely on that grace too.
 */
const REFRESH_REUSE_MS = 5 * 60_000;

interface ShopeeCredentials {
  partnerId: string;
  partnerKey: string;
  shopId: string;
  accessToken: string;
  refreshToken: string;
}

/** One operation's view of a connection: the credentials change when a refresh happens mid-way. */
interface Session {
  context: ChannelContext;
  credentials: ShopeeCredentials;
}

interface ShopeeRequest {
  method: 'GET' | 'POST';
  path: string;
  /** Shop APIs carry and sign access_token and shop_id; public ones (auth, media) sign without them. */
  api: 'shop' | 'public';
  query?: Record<string, string | number | Array<string | number>>;
  json?: unknown;
  form?: FormData;
}

/** Shopee's envelope. get_shop_info and the auth calls put their fields beside it, not under `response`. */
type Envelope<R> = { request_id?: string; error?: string; message?: string; response?: R } & Record<string, unknown>;

interface FailureList {
  failure_list?: Array<{ failed_reason?: string }>;
}

interface ItemBaseInfo {
  item_id: number;
  item_sku?: string;
  item_status?: string;
}

/**
 * Shopee Open Platform v2 (platforms.md §1). Every call carries partner_id, timestamp and an
 * HMAC-SHA256 sign in the query; shop calls add access_token and shop_id. An access token Shopee
 * rejects is refreshed once (the new pair saved before anything else) and the call is tried again.
 */
export class ShopeeAdapter implements ChannelAdapter {
  static readonly info: PlatformInfo = { platform: 'shopee', name: 'Shopee', kind: 'api' };
  static readonly liveBaseUrl = 'https://partner.shopeemobile.com';
  readonly info = ShopeeAdapter.info;
  private readonly baseUrl: string;
  private readonly now: () => Date;
  private readonly refreshes = new RefreshCoalescer<ShopeeCredentials>(REFRESH_REUSE_MS);

  constructor(private readonly options: ShopeeAdapterOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.now = options.now ?? (() => new Date());
  }

  credentialProblems(credentials: ChannelCredentials): Array<{ field: string; message: string }> {
    const problems: Array<{ field: string; message: string }> = [];
    for (const field of ['partnerId', 'shopId'] as const) {
      const value = credentials[field];
      if (!value) problems.push({ field, message: `${field} is required (from the Shopee Open Platform console).` });
      else if (!/^\d{1,19}$/.test(value)) problems.push({ field, message: `${field} must be the number Shopee gives, digits only.` });
    }
    for (const field of ['partnerKey', 'accessToken', 'refreshToken'] as const) {
      const value = credentials[field];
      if (!value) problems.push({ field, message: `${field} is required (from the Shopee Open Platform console).` });
      else if (/\s/.test(value)) problems.push({ field, message: `${field} must not contain spaces.` });
    }
    return problems;
  }

  /** get_shop_info; the account is the shop_id (one shop may be authorized for several partner apps, but it is one shop). */
  async verifyCredentials(context: ChannelContext): Promise<AdapterResult<VerifiedShop>> {
    const session = this.open(context);
    if (!session.ok) return session;
    const result = await this.call<never>(session.value, { method: 'GET', path: PATH.shopInfo, api: 'shop' });
    if (!result.ok) return result;
    const shopName = result.value.shop_name;
    return ok({ shopName: typeof shopName === 'string' && shopName ? shopName : null, account: session.value.credentials.shopId });
  }

  /**
   * Known item → update_item, then make sure it is listed. Unknown item that an earlier attempt may
   * have created → look it up by item_sku first. Otherwise (or when the item is gone from Shopee)
   * add_item. Price and stock are sent on create only; on an update the engine follows with
   * updatePrice/updateStock, so a found item is not changed twice.
   */
  async publish(context: ChannelContext, input: PublishInput): Promise<AdapterResult<PublishedItem>> {
    const opened = this.open(context);
    if (!opened.ok) return opened;
    const session = opened.value;
    const { listing } = input;
    const invalid = checkListingBasics('Shopee', listing);
    if (invalid) return invalid;
    const resolved = await PublishTarget.resolve(input, parseItemId, () => this.findBySku(session, listing.sku));
    if (!resolved.ok) return resolved;
    const target = resolved.value;
    // Before uploading anything: a create is certain and cannot succeed.
    if (target.item === null && !context.settings.logisticIds?.length) return logisticsMissing();

    const uploaded = await this.uploadImages(session, input);
    if (!uploaded.ok) return uploaded;
    const imageIds = uploaded.value;
    const imageIdList = listing.images.slice(0, MAX_IMAGES).map((image) => imageIds[image.key]);

    for (let itemId = target.item; itemId !== null; itemId = target.item) {
      const updated = await this.updateExisting(session, itemId, listing, imageIdList);
      if (updated.ok) return ok({ externalId: String(itemId), imageIds });
      if (errorWord(updated.code) !== 'error_item_not_found') return updated;
      // Deleted on Shopee since we last saw it: another item may carry the SKU, else create anew.
      const next = await target.searchOnce();
      if (!next.ok) return next;
    }

    const logistics = context.settings.logisticIds;
    if (!logistics?.length) return logisticsMissing();
    await input.progress?.creating();
    const created = await this.call<{ item_id?: number }>(session, {
      method: 'POST',
      path: PATH.addItem,
      api: 'shop',
      json: {
        ...itemFields(listing, imageIdList, context.settings),
        original_price: listing.price,
        seller_stock: [sellerStock(listing.stock, context.settings)],
        item_status: 'NORMAL',
      },
    });
    if (!created.ok) return created;
    const itemId = created.value.response?.item_id;
    if (typeof itemId !== 'number') return permanent('bad_response', 'Shopee created the item but did not return its item_id.');
    return ok({ externalId: String(itemId), imageIds, created: true });
  }

  async updatePrice(context: ChannelContext, externalId: string, price: number): Promise<AdapterResult<void>> {
    const opened = this.open(context);
    if (!opened.ok) return opened;
    const itemId = parseItemId(externalId);
    if (!itemId.ok) return itemId;
    const invalid = checkPrice('Shopee', price);
    if (invalid) return invalid;
    const result = await this.call<FailureList>(opened.value, {
      method: 'POST',
      path: PATH.updatePrice,
      api: 'shop',
      json: { item_id: itemId.value, price_list: [{ original_price: price }] },
    });
    return checkFailureList(result, 'update_price_failed', 'Shopee did not change the price.');
  }

  async updateStock(context: ChannelContext, externalId: string, stock: number): Promise<AdapterResult<void>> {
    const opened = this.open(context);
    if (!opened.ok) return opened;
    const itemId = parseItemId(externalId);
    if (!itemId.ok) return itemId;
    const invalid = checkStock(stock);
    if (invalid) return invalid;
    const result = await this.call<FailureList>(opened.value, {
      method: 'POST',
      path: PATH.updateStock,
      api: 'shop',
      json: { item_id: itemId.value, stock_list: [{ seller_stock: [sellerStock(stock, context.settings)] }] },
    });
    return checkFailureList(result, 'update_stock_failed', 'Shopee did not change the stock.');
  }

  async unpublish(context: ChannelContext, externalId: string): Promise<AdapterResult<void>> {
    const opened = this.open(context);
    if (!opened.ok) return opened;
    const itemId = parseItemId(externalId);
    if (!itemId.ok) return itemId;
    return this.setListed(opened.value, itemId.value, false);
  }

  async fetchOrders(context: ChannelContext, since: Date, until: Date): Promise<AdapterResult<FetchedOrders>> {
    const opened = this.open(context);
    if (!opened.ok) return opened;
    const session = opened.value;
    const from = Math.floor(since.getTime() / 1000);
    const to = Math.floor(until.getTime() / 1000);
    const orderSns: string[] = [];
    const seen = new Set<string>();
    for (let start = from; start <= to; start += ORDER_WINDOW_S + 1) {
      const end = Math.min(to, start + ORDER_WINDOW_S);
      let cursor = '';
      for (;;) {
        const page = await this.call<{ more?: boolean; next_cursor?: string; order_list?: Array<{ order_sn?: string }> }>(session, {
          method: 'GET',
          path: PATH.orderList,
          api: 'shop',
          query: { time_range_field: 'update_time', time_from: start, time_to: end, page_size: 100, cursor },
        });
        if (!page.ok) return page;
        for (const entry of page.value.response?.order_list ?? []) {
          if (entry.order_sn && !seen.has(entry.order_sn)) {
            seen.add(entry.order_sn);
            orderSns.push(entry.order_sn);
          }
        }
        if (!page.value.response?.more) break;
        const next = page.value.response.next_cursor ?? '';
        if (!next || next === cursor) return permanent('bad_response', 'Shopee said more orders follow but gave no new next_cursor.');
        cursor = next;
      }
    }
    const orders: ExternalOrder[] = [];
    for (let index = 0; index < orderSns.length; index += BATCH) {
      const details = await this.orderDetails(session, orderSns.slice(index, index + BATCH));
      if (!details.ok) return details;
      orders.push(...details.value.map(mapShopeeOrder));
    }
    return ok({ orders });
  }

  async fetchOrder(context: ChannelContext, externalOrderId: string): Promise<AdapterResult<ExternalOrder | null>> {
    const opened = this.open(context);
    if (!opened.ok) return opened;
    if (!externalOrderId || externalOrderId.includes(',')) return ok(null);
    const details = await this.orderDetails(opened.value, [externalOrderId]);
    if (!details.ok) return details;
    const detail = details.value.find((entry) => entry.order_sn === externalOrderId);
    return ok(detail ? mapShopeeOrder(detail) : null);
  }

  /**
   * Shopee signs a push over `callback URL|raw body` with the partner key. A push for another shop
   * (the same partner app may serve several) verifies but is not this connection's business.
   */
  verifyWebhook(credentials: ChannelCredentials, request: WebhookRequest): WebhookEvent | null {
    if (!credentials.partnerKey) return null;
    if (!pushAuthorized(request, pushSignature(credentials.partnerKey, request.url, request.rawBody))) return null;
    const push = parseJsonObject<{ code?: unknown; shop_id?: unknown; data?: Record<string, unknown> }>(request.rawBody.toString('utf8'));
    if (!push) return { kind: 'ignored' };
    if (push.shop_id !== undefined && credentials.shopId && String(push.shop_id) !== credentials.shopId) return { kind: 'ignored' };
    switch (push.code) {
      case 3: {
        const orderSn = push.data?.ordersn ?? push.data?.order_sn;
        return typeof orderSn === 'string' && orderSn ? { kind: 'order', externalOrderId: orderSn } : { kind: 'ignored' };
      }
      case 2:
        return { kind: 'authorization', message: 'The seller cancelled this app’s authorization on Shopee; connect the shop again to keep syncing.' };
      case 12:
        return { kind: 'authorization', message: 'The Shopee authorization of this shop expires soon; authorize the app again to keep syncing.' };
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

  /** Our SKU is Shopee's item_sku. search_item does not say whether it matches exactly, so each hit is checked. */
  private async findBySku(session: Session, sku: string): Promise<AdapterResult<number | null>> {
    const ids = new Set<number>();
    let offset = '';
    for (let page = 0; page < MAX_SEARCH_PAGES; page++) {
      const result = await this.call<{ item_id_list?: number[]; next_offset?: string }>(session, {
        method: 'GET',
        path: PATH.searchItem,
        api: 'shop',
        query: { page_size: 100, item_sku: sku, item_status: LIVE_STATUSES, ...(offset ? { offset } : {}) },
      });
      if (!result.ok) return result;
      const list = result.value.response?.item_id_list ?? [];
      for (const id of list) ids.add(id);
      offset = result.value.response?.next_offset ?? '';
      if (!offset || list.length === 0) break;
    }
    const idList = [...ids];
    const matches: ItemBaseInfo[] = [];
    for (let index = 0; index < idList.length; index += BATCH) {
      const result = await this.call<{ item_list?: ItemBaseInfo[] }>(session, {
        method: 'GET',
        path: PATH.itemBaseInfo,
        api: 'shop',
        query: { item_id_list: idList.slice(index, index + BATCH).join(',') },
      });
      if (!result.ok) {
        if (errorWord(result.code) === 'error_item_not_found') continue;
        return result;
      }
      matches.push(...(result.value.response?.item_list ?? []).filter((item) => item.item_sku === sku && LIVE_STATUSES.includes(item.item_status ?? '')));
    }
    if (matches.length === 0) return ok(null);
    // Duplicates can exist from before: take the listed one, then the oldest.
    matches.sort((a, b) => LIVE_STATUSES.indexOf(a.item_status!) - LIVE_STATUSES.indexOf(b.item_status!) || a.item_id - b.item_id);
    const chosen = matches[0];
    if (chosen.item_status === 'BANNED') {
      return permanent('item_banned', `Shopee has banned item ${chosen.item_id} with SKU ${sku}; resolve it in Shopee Seller Centre before publishing again.`);
    }
    return ok(chosen.item_id);
  }

  private uploadImages(session: Session, input: PublishInput): Promise<AdapterResult<Record<string, string>>> {
    return uploadNewImages(input, MAX_IMAGES, async ({ body, contentType, filename }) => {
      const form = new FormData();
      form.append('image', new Blob([new Uint8Array(body)], { type: contentType }), filename);
      form.append('scene', 'normal');
      const result = await this.call<{
        image_info?: { image_id?: string };
        image_info_list?: Array<{ error?: string; message?: string; image_info?: { image_id?: string } }>;
      }>(session, { method: 'POST', path: PATH.uploadImage, api: 'public', form });
      if (!result.ok) return result;
      const entry = result.value.response?.image_info_list?.[0];
      const imageId = result.value.response?.image_info?.image_id || entry?.image_info?.image_id;
      if (!imageId) return entry?.error ? permanent(entry.error, entry.message || 'Shopee refused the image.') : permanent('bad_response', 'Shopee accepted the image but returned no image_id.');
      return ok(imageId);
    });
  }

  private async updateExisting(session: Session, itemId: number, listing: DesiredListing, imageIdList: string[]): Promise<AdapterResult<void>> {
    const updated = await this.call<unknown>(session, {
      method: 'POST',
      path: PATH.updateItem,
      api: 'shop',
      json: { item_id: itemId, ...itemFields(listing, imageIdList, session.context.settings) },
    });
    if (!updated.ok) return updated;
    // Unlisted earlier (by us or the seller): publishing means on sale. One call always, where reading
    // the status first would cost one or two.
    return this.setListed(session, itemId, true);
  }

  private async setListed(session: Session, itemId: number, listed: boolean): Promise<AdapterResult<void>> {
    const result = await this.call<FailureList>(session, {
      method: 'POST',
      path: PATH.unlistItem,
      api: 'shop',
      json: { item_list: [{ item_id: itemId, unlist: !listed }] },
    });
    return checkFailureList(result, listed ? 'relist_failed' : 'unlist_failed', listed ? 'Shopee did not put the item back on sale.' : 'Shopee did not take the item off sale.');
  }

  private async orderDetails(session: Session, orderSns: string[]): Promise<AdapterResult<ShopeeOrderDetail[]>> {
    const result = await this.call<{ order_list?: ShopeeOrderDetail[] }>(session, {
      method: 'GET',
      path: PATH.orderDetail,
      api: 'shop',
      query: { order_sn_list: orderSns.join(','), response_optional_fields: 'buyer_username,item_list,total_amount' },
    });
    if (!result.ok) return errorWord(result.code) === 'error_not_found' ? ok([]) : result;
    return ok(result.value.response?.order_list ?? []);
  }

  // ---- transport -------------------------------------------------------------------------------

  private open(context: ChannelContext): AdapterResult<Session> {
    const problems = this.credentialProblems(context.credentials);
    if (problems.length > 0) return permanent('credentials_invalid', problems.map((problem) => problem.message).join(' '));
    const { partnerId, partnerKey, shopId, accessToken, refreshToken } = context.credentials;
    return ok({ context, credentials: { partnerId, partnerKey, shopId, accessToken, refreshToken } });
  }

  /** A shop call, with one refresh and one retry when Shopee rejects the access token. */
  private async call<R>(session: Session, request: ShopeeRequest): Promise<AdapterResult<Envelope<R>>> {
    const first = await this.send<R>(session.credentials, request);
    if (first.ok || first.retryable || request.api === 'public' || !AUTH_ERRORS.has(errorWord(first.code))) return first;
    const refreshed = await this.refresh(session);
    if (!refreshed.ok) return refreshed;
    return this.send<R>(session.credentials, request);
  }

  private async refresh(session: Session): Promise<AdapterResult<void>> {
    const result = await this.refreshes.run(session.context.connectionId, session.credentials.refreshToken, () => this.renewTokens(session));
    if (!result.ok) return result;
    session.credentials = result.value;
    return ok(undefined);
  }

  private async renewTokens(session: Session): Promise<AdapterResult<ShopeeCredentials>> {
    const { credentials, context } = session;
    const result = checkTokenRenewal(
      'Shopee',
      await this.send<never>(credentials, {
        method: 'POST',
        path: PATH.refreshToken,
        api: 'public',
        json: { refresh_token: credentials.refreshToken, partner_id: Number(credentials.partnerId), shop_id: Number(credentials.shopId) },
      }),
    );
    if (!result.ok) return result;
    const { access_token: accessToken, refresh_token: refreshToken } = result.value;
    // Saved before anything else: the old refresh token is spent, so losing this pair loses the shop.
    await context.saveCredentials({ ...context.credentials, accessToken, refreshToken });
    return ok({ ...credentials, accessToken, refreshToken });
  }

  private async send<R>(credentials: ShopeeCredentials, request: ShopeeRequest): Promise<AdapterResult<Envelope<R>>> {
    const timestamp = Math.floor(this.now().getTime() / 1000);
    const params = new URLSearchParams();
    params.set('partner_id', credentials.partnerId);
    params.set('timestamp', String(timestamp));
    if (request.api === 'shop') {
      params.set('access_token', credentials.accessToken);
      params.set('shop_id', credentials.shopId);
      params.set('sign', shopApiSign(credentials.partnerKey, { ...credentials, path: request.path, timestamp }));
    } else {
      params.set('sign', publicApiSign(credentials.partnerKey, { partnerId: credentials.partnerId, path: request.path, timestamp }));
    }
    for (const [name, value] of Object.entries(request.query ?? {})) {
      for (const item of Array.isArray(value) ? value : [value]) params.append(name, String(item));
    }
    const init: RequestInit = { method: request.method };
    if (request.form) init.body = request.form;
    else if (request.json !== undefined) {
      init.body = JSON.stringify(request.json);
      init.headers = { 'content-type': 'application/json' };
    }

    const answered = await fetchText('Shopee', `${this.baseUrl}${request.path}?${params}`, init, this.options.timeoutMs);
    if (!answered.ok) return answered;
    const { response, text } = answered.value;

    const envelope = parseJsonObject<Envelope<R>>(text);
    const retryAfter = parseRetryAfter(response.headers.get('retry-after'), this.now());
    const error = typeof envelope?.error === 'string' ? envelope.error : '';
    const word = errorWord(error);
    const message = (typeof envelope?.message === 'string' && envelope.message) || `Shopee answered HTTP ${response.status}.`;
    if (response.status === 429 || word === 'error_rate_limit') return retryable(error || 'error_rate_limit', message, retryAfter);
    if (response.status >= 500 || response.status === 408) return retryable(error || `http_${response.status}`, message, retryAfter);
    if (!envelope) return permanent(response.ok ? 'bad_response' : `http_${response.status}`, `Shopee answered HTTP ${response.status} with a body that is not its JSON envelope.`);
    if (!error) return response.ok ? ok(envelope) : permanent(`http_${response.status}`, message);
    // The daily call limit resets at 00:00 Singapore time (UTC+8).
    if (word === 'error_limit') return retryable(error, message, secondsUntilMidnightUtc8(this.now()));
    if (TRANSIENT_ERRORS.has(word)) return retryable(error, message, retryAfter);
    return permanent(error, message);
  }
}

/** The fields add_item and update_item share. */
function itemFields(listing: DesiredListing, imageIdList: string[], settings: ChannelSettings): Record<string, unknown> {
  const attributes = new Map<number, Array<{ value_id: number; original_value_name?: string }>>();
  for (const attribute of listing.category.attributes ?? []) {
    const values = attributes.get(attribute.attributeId) ?? [];
    values.push({ value_id: attribute.valueId, ...(attribute.valueName ? { original_value_name: attribute.valueName } : {}) });
    attributes.set(attribute.attributeId, values);
  }
  return {
    item_name: listing.name,
    description: listing.description,
    weight: listing.weightGrams / 1000,
    category_id: listing.category.categoryId,
    ...(attributes.size > 0
      ? { attribute_list: [...attributes].map(([attribute_id, attribute_value_list]) => ({ attribute_id, attribute_value_list })) }
      : {}),
    image: { image_id_list: imageIdList },
    ...(settings.logisticIds?.length ? { logistic_info: settings.logisticIds.map((logistic_id) => ({ logistic_id, enabled: true })) } : {}),
    item_sku: listing.sku,
    condition: 'NEW',
  };
}

function sellerStock(stock: number, settings: ChannelSettings): { location_id?: string; stock: number } {
  return { ...(settings.warehouseId ? { location_id: settings.warehouseId } : {}), stock };
}

function logisticsMissing(): AdapterResult<never> {
  return permanent(
    'logistics_missing',
    'No Shopee shipping channel is set for this connection. Add the logistic_id of each channel enabled in your Shopee shop to the connection settings as logisticIds; Shopee refuses an item without one.',
  );
}

function parseItemId(externalId: string): AdapterResult<number> {
  return /^\d{1,16}$/.test(externalId) ? ok(Number(externalId)) : permanent('invalid_external_id', `"${externalId}" is not a Shopee item_id.`);
}

function checkFailureList(result: AdapterResult<Envelope<FailureList>>, code: string, fallback: string): AdapterResult<void> {
  if (!result.ok) return result;
  const failure = result.value.response?.failure_list?.[0];
  return failure ? permanent(code, failure.failed_reason || fallback) : ok(undefined);
}

/** Shopee sometimes prefixes the word with its module ("product.error_param", "common.error_auth"). */
function errorWord(error: string): string {
  return error.slice(error.lastIndexOf('.') + 1);
}

function secondsUntilMidnightUtc8(now: Date): number {
  const day = 86400_000;
  const local = now.getTime() + 8 * 3600_000;
  return Math.ceil((day - (local % day)) / 1000);
}
