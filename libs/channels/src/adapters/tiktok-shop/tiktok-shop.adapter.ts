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
import { mapTikTokOrder, type TikTokOrder } from './tiktok-shop.orders.js';
import { signRequest, webhookSignature } from './tiktok-shop.signing.js';

// The registry takes a platform from one module: the adapter and its default category table.
export { TIKTOK_SHOP_CATEGORIES } from './tiktok-shop.categories.js';

export interface TikTokShopAdapterOptions {
  /** `https://open-api.tiktokglobalshop.com` live, or a fake in tests. */
  baseUrl: string;
  /**
   * Where tokens are refreshed. TikTok serves them from another host than the API
   * (`auth.tiktok-shops.com`); anything other than the live API (a fake, a proxy) serves both.
   */
  authBaseUrl?: string;
  timeoutMs: number;
  now?: () => Date;
}

const LIVE_API = 'https://open-api.tiktokglobalshop.com';
const LIVE_AUTH = 'https://auth.tiktok-shops.com';

const PATH = {
  shops: '/authorization/202309/shops',
  refreshToken: '/api/v2/token/refresh',
  uploadImage: '/product/202309/images/upload',
  products: '/product/202309/products',
  product: (productId: string) => `/product/202309/products/${productId}`,
  partialEdit: (productId: string) => `/product/202309/products/${productId}/partial_edit`,
  searchProducts: '/product/202502/products/search',
  activate: '/product/202309/products/activate',
  deactivate: '/product/202309/products/deactivate',
  prices: (productId: string) => `/product/202309/products/${productId}/prices/update`,
  inventory: (productId: string) => `/product/202309/products/${productId}/inventory/update`,
  orderSearch: '/order/202309/orders/search',
  orderDetail: '/order/202309/orders',
} as const;

/** Main images per product (create-product doc). */
const MAX_IMAGES = 9;
/** The largest page both searches take. */
const PAGE_SIZE = 100;
const MAX_SEARCH_PAGES = 20;
/** Inventory quantity limit per warehouse; a larger stock is offered as this much, never more than we have. */
const MAX_QUANTITY = 99_999;
/** Title length outside US/EU/JP/BR/MX, counted in characters. */
const TITLE_LENGTH = { min: 25, max: 255 };
const SELLER_SKU_MAX = 50;
/** Refresh this long before the stored expiry, so a call does not start with a token about to lapse. */
const EARLY_REFRESH_S = 300;
/**
 * A refresh result reused by calls that saw the same old token within this long. Across replicas
 * the engine retries a refusal once it sees newer credentials saved.
 */
const REFRESH_REUSE_MS = 5 * 60_000;

const RATE_LIMITED = 36009002;
const EXPIRED_TOKEN = 105002;
/** TikTok's catch-all for bad credentials; only the access-token variants are worth a refresh. */
const INVALID_CREDENTIALS = 36009004;
/** "Internal error. Please try again", "Request timeout", "product api internal error". */
const TRANSIENT_CODES = new Set([36009003, 36009007, 12001000]);
/** "The product does not exist", "The product ID does not exist". */
const PRODUCT_GONE = new Set([12052032, 12052260]);
/**
 * "product status is invalid" and "not available in its current status": price and stock change
 * only on an ACTIVATE product, and a new or re-activated one waits in TikTok's review first.
 */
const NOT_YET_LIVE = new Set([12019113, 12052901]);
/** How long a review usually takes before it is worth asking again. */
const REVIEW_WAIT_S = 600;
/** Statuses an existing product with our SKU can be taken over from, most useful first. */
const ADOPTABLE = ['ACTIVATE', 'SELLER_DEACTIVATED', 'PLATFORM_DEACTIVATED', 'PENDING', 'FAILED', 'DRAFT', 'FREEZE'];
const DEACTIVATED = new Set(['SELLER_DEACTIVATED', 'PLATFORM_DEACTIVATED']);
/** Our own code for "that product is not there any more", so publish looks for it by SKU or creates it. */
const GONE = 'product_not_found';

interface TikTokCredentials {
  appKey: string;
  appSecret: string;
  accessToken: string;
  refreshToken: string;
  shopCipher: string;
  /** Unix seconds, stored after our first refresh (TikTok returns it with each token). */
  accessTokenExpiresAt?: string;
  /** The shop's id, stored at connect time so a push for another shop of the same app is told apart. */
  shopId?: string;
}

/** One operation's view of a connection: the credentials change when a refresh happens mid-way. */
interface Session {
  context: ChannelContext;
  credentials: TikTokCredentials;
}

interface TikTokRequest {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  /** Shop-scoped calls carry (and sign) shop_cipher; TikTok refuses it on the others. */
  shop: boolean;
  query?: Record<string, string | number>;
  json?: unknown;
  form?: FormData;
}

interface Envelope<D> {
  code?: unknown;
  message?: unknown;
  request_id?: unknown;
  data?: D;
}

/** Our externalId: TikTok prices and stocks a SKU, but activates and edits the product around it. */
interface ProductRef {
  productId: string;
  skuId: string;
}

interface SkuInfo {
  id?: string;
  seller_sku?: string;
}

interface ProductInfo {
  id?: string;
  status?: string;
  category_chains?: Array<{ id?: string; is_leaf?: boolean }>;
  skus?: SkuInfo[];
}

/** The per-product failures that activate, deactivate and inventory update report inside a code-0 answer. */
interface ItemErrors {
  errors?: Array<{ code?: number; message?: string; detail?: { extra_errors?: Array<{ code?: number; message?: string }> } }>;
}

interface TokenData {
  access_token?: string;
  access_token_expire_in?: number;
  refresh_token?: string;
}

/**
 * TikTok Shop Open API 202309+ (platforms.md §3). Every call carries app_key, timestamp and an
 * HMAC-SHA256 sign over path, sorted query and body; the access token goes in the
 * `x-tts-access-token` header only, and shop calls name the shop by its cipher. An access token
 * TikTok rejects (or that the stored expiry says has lapsed) is refreshed once, the new pair saved
 * before anything else, and the call tried again.
 */
export class TikTokShopAdapter implements ChannelAdapter {
  static readonly info: PlatformInfo = { platform: 'tiktok-shop', name: 'TikTok Shop', kind: 'api' };
  static readonly liveBaseUrl = LIVE_API;
  readonly info = TikTokShopAdapter.info;
  private readonly baseUrl: string;
  private readonly authBaseUrl: string;
  private readonly now: () => Date;
  private readonly refreshes = new RefreshCoalescer<TikTokCredentials>(REFRESH_REUSE_MS);

  constructor(private readonly options: TikTokShopAdapterOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.authBaseUrl = (options.authBaseUrl ?? (this.baseUrl === LIVE_API ? LIVE_AUTH : this.baseUrl)).replace(/\/+$/, '');
    this.now = options.now ?? (() => new Date());
  }

  credentialProblems(credentials: ChannelCredentials): Array<{ field: string; message: string }> {
    const problems: Array<{ field: string; message: string }> = [];
    for (const field of ['appKey', 'appSecret', 'accessToken', 'refreshToken', 'shopCipher'] as const) {
      const value = credentials[field];
      if (!value) problems.push({ field, message: `${field} is required (from TikTok Shop Partner Center and the seller's authorization).` });
      else if (/\s/.test(value)) problems.push({ field, message: `${field} must not contain spaces.` });
    }
    for (const field of ['accessTokenExpiresAt', 'shopId'] as const) {
      const value = credentials[field];
      if (value !== undefined && !/^\d{1,20}$/.test(value)) problems.push({ field, message: `${field} must be digits only, as TikTok Shop gives it.` });
    }
    return problems;
  }

  /**
   * Get Authorized Shops, then the shop whose cipher was given: the cipher alone could belong to a
   * shop the token does not cover. The account is the shop id, which stays the same whichever app
   * or token reaches the shop.
   */
  async verifyCredentials(context: ChannelContext): Promise<AdapterResult<VerifiedShop>> {
    const opened = this.open(context);
    if (!opened.ok) return opened;
    const session = opened.value;
    const result = await this.call<{ shops?: Array<{ id?: string; name?: string; cipher?: string }> }>(session, { method: 'GET', path: PATH.shops, shop: false });
    if (!result.ok) return result;
    const shops = result.value.shops ?? [];
    const shop = shops.find((candidate) => candidate.cipher === session.credentials.shopCipher);
    if (!shop?.id) {
      const names = shops.map((candidate) => candidate.name ?? candidate.id).join(', ') || 'none';
      return permanent('shop_cipher_mismatch', `This access token does not authorize a shop with that shop cipher (it authorizes: ${names}). Copy the cipher of this shop from Get Authorized Shops.`);
    }
    if (session.context.credentials.shopId !== shop.id) {
      await session.context.saveCredentials({ ...session.context.credentials, shopId: shop.id });
      session.credentials = { ...session.credentials, shopId: shop.id };
    }
    return ok({ shopName: shop.name || null, account: shop.id });
  }

  /**
   * Known product → Get Product, then Partial Edit of the details (or Edit Product when the
   * category changed, which Partial Edit cannot do) and Activate if it was taken off sale. Unknown
   * product that an earlier attempt may have created → search by seller_sku first. Otherwise (or when
   * the product is gone from TikTok) Create Product with price and stock; on an update the engine
   * follows with updatePrice/updateStock.
   */
  async publish(context: ChannelContext, input: PublishInput): Promise<AdapterResult<PublishedItem>> {
    const opened = this.open(context);
    if (!opened.ok) return opened;
    const session = opened.value;
    const { listing } = input;
    const invalid = checkListing(listing);
    if (invalid) return invalid;
    const resolved = await PublishTarget.resolve(input, parseExternalId, () => this.findBySku(session, listing.sku));
    if (!resolved.ok) return resolved;
    const target = resolved.value;
    const warehouseId = context.settings.warehouseId;
    // Before uploading anything: a create is certain and cannot succeed.
    if (target.item === null && !warehouseId) return warehouseMissing();

    const uploaded = await this.uploadImages(session, input);
    if (!uploaded.ok) return uploaded;
    const imageIds = uploaded.value;
    const uris = listing.images.slice(0, MAX_IMAGES).map((image) => imageIds[image.key]);

    for (let ref = target.item; ref !== null; ref = target.item) {
      const updated = await this.updateExisting(session, ref, listing, uris);
      if (updated.ok) return ok({ externalId: formatExternalId(updated.value), imageIds });
      if (updated.code !== GONE) return updated;
      // Deleted on TikTok since we last saw it: another product may carry the SKU, else create anew.
      const next = await target.searchOnce();
      if (!next.ok) return next;
    }

    if (!warehouseId) return warehouseMissing();
    await input.progress?.creating();
    const created = await this.call<{ product_id?: string; skus?: SkuInfo[] }>(session, {
      method: 'POST',
      path: PATH.products,
      shop: true,
      json: { ...productFields(listing, uris), skus: [skuFields(listing, warehouseId)], save_mode: 'LISTING' },
    });
    if (!created.ok) return created;
    const productId = created.value.product_id;
    const skuId = (created.value.skus?.find((sku) => sku.seller_sku === listing.sku) ?? created.value.skus?.[0])?.id;
    if (!productId || !skuId) return permanent('bad_response', 'TikTok Shop created the product but did not return its product_id and SKU id.');
    return ok({ externalId: formatExternalId({ productId, skuId }), imageIds, created: true });
  }

  async updatePrice(context: ChannelContext, externalId: string, price: number): Promise<AdapterResult<void>> {
    const opened = this.open(context);
    if (!opened.ok) return opened;
    const ref = parseExternalId(externalId);
    if (!ref.ok) return ref;
    const invalid = checkPrice('TikTok Shop', price);
    if (invalid) return invalid;
    const result = await this.call<ItemErrors>(opened.value, {
      method: 'POST',
      path: PATH.prices(ref.value.productId),
      shop: true,
      json: { skus: [{ id: ref.value.skuId, price: { amount: String(price), currency: 'VND' } }] },
    });
    return waitForReview(checkItemErrors(result, 'update_price_failed'));
  }

  async updateStock(context: ChannelContext, externalId: string, stock: number): Promise<AdapterResult<void>> {
    const opened = this.open(context);
    if (!opened.ok) return opened;
    const ref = parseExternalId(externalId);
    if (!ref.ok) return ref;
    const invalid = checkStock(stock);
    if (invalid) return invalid;
    const warehouseId = context.settings.warehouseId;
    const result = await this.call<ItemErrors>(opened.value, {
      method: 'POST',
      path: PATH.inventory(ref.value.productId),
      shop: true,
      // The warehouse may be left out when the SKU has only one (update-inventory doc).
      json: { skus: [{ id: ref.value.skuId, inventory: [{ ...(warehouseId ? { warehouse_id: warehouseId } : {}), quantity: Math.min(stock, MAX_QUANTITY) }] }] },
    });
    return waitForReview(checkItemErrors(result, 'update_stock_failed'));
  }

  /** Deactivate Products; a product already off sale or gone is what was asked for. */
  async unpublish(context: ChannelContext, externalId: string): Promise<AdapterResult<void>> {
    const opened = this.open(context);
    if (!opened.ok) return opened;
    const session = opened.value;
    const ref = parseExternalId(externalId);
    if (!ref.ok) return ref;
    const result = await this.call<ItemErrors>(session, { method: 'POST', path: PATH.deactivate, shop: true, json: { product_ids: [ref.value.productId] } });
    if (!result.ok) return PRODUCT_GONE.has(Number(result.code)) ? ok(undefined) : result;
    const error = result.value.errors?.[0];
    if (!error) return ok(undefined);
    if (PRODUCT_GONE.has(error.code ?? 0)) return ok(undefined);
    const product = await this.call<ProductInfo>(session, { method: 'GET', path: PATH.product(ref.value.productId), shop: true });
    if (!product.ok) return PRODUCT_GONE.has(Number(product.code)) ? ok(undefined) : product;
    if (product.value.status !== 'ACTIVATE' && product.value.status !== 'PENDING') return ok(undefined);
    return permanent(String(error.code ?? 'deactivate_failed'), describeItemError(error) || 'TikTok Shop did not take the product off sale.');
  }

  /**
   * Get Order List by update time, every page. Its 202309 answer carries each order whole (line
   * items, payment, recipient), so no Get Order Detail call is needed per batch.
   */
  async fetchOrders(context: ChannelContext, since: Date, until: Date): Promise<AdapterResult<FetchedOrders>> {
    const opened = this.open(context);
    if (!opened.ok) return opened;
    const session = opened.value;
    const orders = new Map<string, ExternalOrder>();
    let token = '';
    const seenTokens = new Set<string>();
    for (;;) {
      const page = await this.call<{ orders?: TikTokOrder[]; next_page_token?: string }>(session, {
        method: 'POST',
        path: PATH.orderSearch,
        shop: true,
        query: { page_size: PAGE_SIZE, sort_field: 'update_time', sort_order: 'ASC', ...(token ? { page_token: token } : {}) },
        // update_time_lt is exclusive: the second `until` falls in still counts.
        json: { update_time_ge: Math.floor(since.getTime() / 1000), update_time_lt: Math.floor(until.getTime() / 1000) + 1 },
      });
      if (!page.ok) return page;
      for (const order of page.value.orders ?? []) if (order?.id) orders.set(order.id, mapTikTokOrder(order));
      const next = page.value.next_page_token ?? '';
      if (!next) break;
      if (seenTokens.has(next)) return permanent('bad_response', 'TikTok Shop repeated a next_page_token while listing orders.');
      seenTokens.add(next);
      token = next;
    }
    return ok({ orders: [...orders.values()] });
  }

  async fetchOrder(context: ChannelContext, externalOrderId: string): Promise<AdapterResult<ExternalOrder | null>> {
    const opened = this.open(context);
    if (!opened.ok) return opened;
    if (!/^\d{1,30}$/.test(externalOrderId)) return ok(null);
    const result = await this.call<{ orders?: TikTokOrder[] }>(opened.value, { method: 'GET', path: PATH.orderDetail, shop: true, query: { ids: externalOrderId } });
    if (!result.ok) return result;
    const order = result.value.orders?.find((candidate) => candidate?.id === externalOrderId);
    return ok(order ? mapTikTokOrder(order) : null);
  }

  /**
   * A push is signed over `app_key + raw body` with the app secret (see webhookSignature). One app
   * may serve several shops, so a push for another shop verifies but is not this connection's.
   * Order status and cancellation changes name an order to fetch; deauthorization and the warning
   * before expiry are for the seller.
   */
  verifyWebhook(credentials: ChannelCredentials, request: WebhookRequest): WebhookEvent | null {
    if (!credentials.appSecret || !credentials.appKey) return null;
    if (!pushAuthorized(request, webhookSignature(credentials.appSecret, credentials.appKey, request.rawBody))) return null;
    const push = parseJsonObject<{ type?: unknown; shop_id?: unknown; data?: Record<string, unknown> }>(request.rawBody.toString('utf8'));
    if (!push) return { kind: 'ignored' };
    if (push.shop_id !== undefined && credentials.shopId && String(push.shop_id) !== credentials.shopId) return { kind: 'ignored' };
    switch (push.type) {
      // ORDER_STATUS_CHANGE, CANCELLATION_STATUS_CHANGE
      case 1:
      case 11: {
        const orderId = push.data?.order_id;
        const named = (typeof orderId === 'string' && orderId !== '') || typeof orderId === 'number';
        return named ? { kind: 'order', externalOrderId: String(orderId) } : { kind: 'ignored' };
      }
      case 6: // SELLER_DEAUTHORIZATION
        return { kind: 'authorization', message: 'The seller removed this app’s authorization on TikTok Shop; connect the shop again to keep syncing.' };
      case 7: // UPCOMING_AUTHORIZATION_EXPIRATION
        return { kind: 'authorization', message: 'The TikTok Shop authorization of this shop expires soon; authorize the app again to keep syncing.' };
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

  /** Search Products by seller_sku; the filter's matching rule is not documented, so each hit's SKU is compared. */
  private async findBySku(session: Session, sku: string): Promise<AdapterResult<ProductRef | null>> {
    const hits: Array<{ product: ProductInfo; skuId: string }> = [];
    let token = '';
    for (let page = 0; page < MAX_SEARCH_PAGES; page++) {
      const result = await this.call<{ products?: ProductInfo[]; next_page_token?: string }>(session, {
        method: 'POST',
        path: PATH.searchProducts,
        shop: true,
        query: { page_size: PAGE_SIZE, ...(token ? { page_token: token } : {}) },
        json: { seller_skus: [sku] },
      });
      if (!result.ok) return result;
      for (const product of result.value.products ?? []) {
        for (const candidate of product.skus ?? []) {
          if (candidate.seller_sku === sku && candidate.id && product.id && ADOPTABLE.includes(product.status ?? '')) hits.push({ product, skuId: candidate.id });
        }
      }
      const next = result.value.next_page_token ?? '';
      if (!next || next === token) break;
      token = next;
    }
    if (hits.length === 0) return ok(null);
    // Duplicates can exist from before: take the one on sale, then the oldest.
    hits.sort((a, b) => ADOPTABLE.indexOf(a.product.status!) - ADOPTABLE.indexOf(b.product.status!) || compareIds(a.product.id!, b.product.id!));
    const chosen = hits[0];
    if (chosen.product.status === 'FREEZE') return frozen(chosen.product.id!, sku);
    return ok({ productId: chosen.product.id!, skuId: chosen.skuId });
  }

  private uploadImages(session: Session, input: PublishInput): Promise<AdapterResult<Record<string, string>>> {
    return uploadNewImages(input, MAX_IMAGES, async ({ body, contentType, filename }) => {
      const form = new FormData();
      form.append('data', new Blob([new Uint8Array(body)], { type: contentType }), filename);
      form.append('use_case', 'MAIN_IMAGE');
      const result = await this.call<{ uri?: string }>(session, { method: 'POST', path: PATH.uploadImage, shop: false, form });
      if (!result.ok) return result;
      return result.value.uri ? ok(result.value.uri) : permanent('bad_response', 'TikTok Shop accepted the image but returned no uri.');
    });
  }

  /** The product as TikTok has it, edited to match, and on sale. The SKU id is re-read in case the seller re-made the SKU. */
  private async updateExisting(session: Session, ref: ProductRef, listing: DesiredListing, uris: string[]): Promise<AdapterResult<ProductRef>> {
    const got = await this.call<ProductInfo>(session, { method: 'GET', path: PATH.product(ref.productId), shop: true });
    if (!got.ok) return PRODUCT_GONE.has(Number(got.code)) ? permanent(GONE, got.message) : got;
    const product = got.value;
    const sku = product.skus?.find((candidate) => candidate.id === ref.skuId) ?? product.skus?.find((candidate) => candidate.seller_sku === listing.sku);
    if (product.status === 'DELETED' || !sku?.id) return permanent(GONE, `TikTok Shop product ${ref.productId} no longer holds SKU ${listing.sku}.`);
    if (product.status === 'FREEZE') return frozen(ref.productId, listing.sku);

    const categoryId = String(listing.category.categoryId);
    const chains = product.category_chains ?? [];
    const currentCategory = (chains.find((chain) => chain.is_leaf) ?? chains.at(-1))?.id;
    let edited: AdapterResult<unknown>;
    if (currentCategory === undefined || currentCategory === categoryId) {
      edited = await this.call<unknown>(session, { method: 'POST', path: PATH.partialEdit(ref.productId), shop: true, json: detailFields(listing, uris) });
    } else {
      // Partial Edit has no category_id. Edit Product replaces the product but keeps a SKU's price and
      // inventory when they are left out, so those stay with updatePrice/updateStock.
      edited = await this.call<unknown>(session, {
        method: 'PUT',
        path: PATH.product(ref.productId),
        shop: true,
        json: { ...productFields(listing, uris), skus: [{ id: sku.id, seller_sku: listing.sku }] },
      });
    }
    if (!edited.ok) return PRODUCT_GONE.has(Number(edited.code)) ? permanent(GONE, edited.message) : edited;

    if (DEACTIVATED.has(product.status ?? '')) {
      // Taken off sale earlier (by us or the seller): publishing means on sale again.
      const activated = checkItemErrors(await this.call<ItemErrors>(session, { method: 'POST', path: PATH.activate, shop: true, json: { product_ids: [ref.productId] } }), 'activate_failed');
      if (!activated.ok) return activated;
    }
    return ok({ productId: ref.productId, skuId: sku.id });
  }

  // ---- transport -------------------------------------------------------------------------------

  private open(context: ChannelContext): AdapterResult<Session> {
    const problems = this.credentialProblems(context.credentials);
    if (problems.length > 0) return permanent('credentials_invalid', problems.map((problem) => problem.message).join(' '));
    const { appKey, appSecret, accessToken, refreshToken, shopCipher, accessTokenExpiresAt, shopId } = context.credentials;
    return ok({
      context,
      credentials: { appKey, appSecret, accessToken, refreshToken, shopCipher, ...(accessTokenExpiresAt ? { accessTokenExpiresAt } : {}), ...(shopId ? { shopId } : {}) },
    });
  }

  /** A call with one refresh and one retry when TikTok rejects the access token, and a refresh first when it has lapsed. */
  private async call<D>(session: Session, request: TikTokRequest): Promise<AdapterResult<D>> {
    const expiresAt = Number(session.credentials.accessTokenExpiresAt);
    if (Number.isFinite(expiresAt) && expiresAt > 0 && this.now().getTime() / 1000 >= expiresAt - EARLY_REFRESH_S) {
      const refreshed = await this.refresh(session);
      if (!refreshed.ok) return refreshed;
    }
    const first = await this.send<D>(session.credentials, request);
    if (first.ok || first.retryable || !isTokenRejection(first)) return first;
    const refreshed = await this.refresh(session);
    if (!refreshed.ok) return refreshed;
    return this.send<D>(session.credentials, request);
  }

  private async refresh(session: Session): Promise<AdapterResult<void>> {
    const result = await this.refreshes.run(session.context.connectionId, session.credentials.refreshToken, () => this.renewTokens(session));
    if (!result.ok) return result;
    session.credentials = { ...result.value, ...(session.credentials.shopId ? { shopId: session.credentials.shopId } : {}) };
    return ok(undefined);
  }

  /** Get Refresh Token: a plain GET on the auth host with the app secret in the query, as documented; not signed. */
  private async renewTokens(session: Session): Promise<AdapterResult<TikTokCredentials>> {
    const { credentials, context } = session;
    const params = new URLSearchParams({ app_key: credentials.appKey, app_secret: credentials.appSecret, refresh_token: credentials.refreshToken, grant_type: 'refresh_token' });
    const result = checkTokenRenewal('TikTok Shop', await this.exchange<TokenData>(`${this.authBaseUrl}${PATH.refreshToken}?${params}`, { method: 'GET' }));
    if (!result.ok) return result;
    const { access_token: accessToken, refresh_token: refreshToken, access_token_expire_in: expiresAt } = result.value;
    const renewed = { accessToken, refreshToken, accessTokenExpiresAt: Number.isInteger(expiresAt) && expiresAt! > 0 ? String(expiresAt) : undefined };
    // Saved before anything else: a spent refresh token cannot be used again, so losing this pair loses the shop.
    await context.saveCredentials(withTokens(context.credentials, renewed));
    return ok(withTokens(credentials, renewed));
  }

  private async send<D>(credentials: TikTokCredentials, request: TikTokRequest): Promise<AdapterResult<D>> {
    const query: Record<string, string> = { app_key: credentials.appKey, timestamp: String(Math.floor(this.now().getTime() / 1000)) };
    if (request.shop) query.shop_cipher = credentials.shopCipher;
    for (const [name, value] of Object.entries(request.query ?? {})) query[name] = String(value);
    // Serialised once: the signature covers these exact bytes, and they are what goes on the wire.
    const body = request.json === undefined ? undefined : JSON.stringify(request.json);
    const sign = signRequest(credentials.appSecret, { path: request.path, query, body });
    const headers: Record<string, string> = { 'x-tts-access-token': credentials.accessToken };
    // A multipart body sets its own content type (with the boundary) and is not signed.
    if (!request.form) headers['content-type'] = 'application/json';
    return this.exchange<D>(`${this.baseUrl}${request.path}?${new URLSearchParams({ ...query, sign })}`, { method: request.method, headers, body: request.form ?? body });
  }

  private async exchange<D>(url: string, init: RequestInit): Promise<AdapterResult<D>> {
    const answered = await fetchText('TikTok Shop', url, init, this.options.timeoutMs);
    if (!answered.ok) return answered;
    const { response, text } = answered.value;
    const envelope = parseJsonObject<Envelope<D>>(text);
    const code = typeof envelope?.code === 'number' ? envelope.code : null;
    const message = (typeof envelope?.message === 'string' && envelope.message) || `TikTok Shop answered HTTP ${response.status}.`;
    const retryAfter = parseRetryAfter(response.headers.get('retry-after'), this.now());
    if (response.status === 429 || code === RATE_LIMITED) return retryable(String(code ?? RATE_LIMITED), message, retryAfter);
    if (response.status >= 500 || response.status === 408) return retryable(code ? String(code) : `http_${response.status}`, message, retryAfter);
    if (code === null) return permanent(response.ok ? 'bad_response' : `http_${response.status}`, `TikTok Shop answered HTTP ${response.status} with a body that is not its JSON envelope.`);
    if (code === 0) return response.ok ? ok((envelope!.data ?? {}) as D) : permanent(`http_${response.status}`, message);
    if (TRANSIENT_CODES.has(code)) return retryable(String(code), message, retryAfter);
    return permanent(String(code), message);
  }
}

/** Title, description, images, weight and attributes: what Partial Edit changes, and Create and Edit send with the rest. */
function detailFields(listing: DesiredListing, uris: string[]): Record<string, unknown> {
  const attributes = new Map<string, Array<{ id: string } | { name: string }>>();
  for (const attribute of listing.category.attributes ?? []) {
    const values = attributes.get(String(attribute.attributeId)) ?? [];
    // A built-in value by id; a value of 0 with a name is the seller's own ("custom") value.
    values.push(attribute.valueId > 0 ? { id: String(attribute.valueId) } : { name: attribute.valueName ?? '' });
    attributes.set(String(attribute.attributeId), values);
  }
  return {
    title: listing.name,
    description: descriptionHtml(listing.description || listing.name),
    main_images: uris.map((uri) => ({ uri })),
    package_weight: { value: String(Math.round(listing.weightGrams) / 1000), unit: 'KILOGRAM' },
    ...(attributes.size > 0 ? { product_attributes: [...attributes].map(([id, values]) => ({ id, values })) } : {}),
  };
}

function productFields(listing: DesiredListing, uris: string[]): Record<string, unknown> {
  return { ...detailFields(listing, uris), category_id: String(listing.category.categoryId) };
}

function skuFields(listing: DesiredListing, warehouseId: string): Record<string, unknown> {
  return {
    seller_sku: listing.sku,
    price: { amount: String(listing.price), currency: 'VND' },
    inventory: [{ warehouse_id: warehouseId, quantity: Math.min(listing.stock, MAX_QUANTITY) }],
  };
}

/** TikTok takes the description as HTML: our plain text, escaped, a paragraph per blank-line block. */
function descriptionHtml(text: string): string {
  const escape = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
    .map((paragraph) => `<p>${escape(paragraph).replace(/\r?\n/g, '<br>')}</p>`)
    .join('');
}

function checkListing(listing: DesiredListing): AdapterResult<never> | null {
  // The weight goes out in whole grams, so one that rounds to nothing is missing.
  const basics = checkListingBasics('TikTok Shop', listing, Math.round(listing.weightGrams));
  if (basics) return basics;
  const titleLength = [...listing.name].length;
  if (titleLength < TITLE_LENGTH.min || titleLength > TITLE_LENGTH.max) {
    return permanent(
      'title_length',
      `TikTok Shop Vietnam needs a product name of ${TITLE_LENGTH.min} to ${TITLE_LENGTH.max} characters; "${listing.name}" has ${titleLength}. Say what it is, where it is from and the pack size.`,
    );
  }
  if (!listing.sku || listing.sku.length > SELLER_SKU_MAX || /\s/.test(listing.sku)) {
    return permanent('invalid_sku', `TikTok Shop takes a seller SKU of 1 to ${SELLER_SKU_MAX} characters without spaces; got "${listing.sku}".`);
  }
  return null;
}

function warehouseMissing(): AdapterResult<never> {
  return permanent(
    'warehouse_missing',
    'No TikTok Shop warehouse is set for this connection. Add the warehouse_id of your shop’s warehouse (Seller Center, or Get Warehouse List) to the connection settings as warehouseId; TikTok refuses a product without one.',
  );
}

function frozen(productId: string, sku: string): AdapterResult<never> {
  return permanent('product_frozen', `TikTok Shop has frozen product ${productId} with SKU ${sku}; resolve it in TikTok Shop Seller Center before publishing again.`);
}

function parseExternalId(externalId: string): AdapterResult<ProductRef> {
  const match = /^(\d{1,30}):(\d{1,30})$/.exec(externalId);
  return match ? ok({ productId: match[1], skuId: match[2] }) : permanent('invalid_external_id', `"${externalId}" is not a TikTok Shop product_id:sku_id pair.`);
}

function formatExternalId(ref: ProductRef): string {
  return `${ref.productId}:${ref.skuId}`;
}

/** Numeric ids as strings (they exceed 2^53): shorter is smaller, else compare the digits. */
function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/** The credentials with a new token pair. An expiry kept from the old token would send every call through another refresh. */
function withTokens<C extends { accessTokenExpiresAt?: string }>(credentials: C, tokens: { accessToken: string; refreshToken: string; accessTokenExpiresAt: string | undefined }): C {
  const next = { ...credentials, accessToken: tokens.accessToken, refreshToken: tokens.refreshToken };
  if (tokens.accessTokenExpiresAt) next.accessTokenExpiresAt = tokens.accessTokenExpiresAt;
  else delete next.accessTokenExpiresAt;
  return next;
}

function isTokenRejection(failure: { code: string; message: string }): boolean {
  if (failure.code === String(EXPIRED_TOKEN)) return true;
  return failure.code === String(INVALID_CREDENTIALS) && /access.?token/i.test(failure.message);
}

function describeItemError(error: NonNullable<ItemErrors['errors']>[number]): string {
  const extra = (error.detail?.extra_errors ?? []).map((item) => item.message).filter(Boolean);
  return [error.message, ...extra].filter(Boolean).join(': ');
}

/** A code-0 answer can still hold per-item errors; the first one, in TikTok's words, is the outcome. */
function checkItemErrors(result: AdapterResult<ItemErrors>, code: string): AdapterResult<void> {
  if (!result.ok) return result;
  const error = result.value.errors?.[0];
  if (!error) return ok(undefined);
  const extra = error.detail?.extra_errors?.[0]?.code;
  return permanent(String(extra ?? error.code ?? code), describeItemError(error) || 'TikTok Shop refused the change.');
}

/** Price and stock of a product still in review are refused for now, not for good. */
function waitForReview(result: AdapterResult<void>): AdapterResult<void> {
  if (result.ok || result.retryable || !NOT_YET_LIVE.has(Number(result.code))) return result;
  return retryable(result.code, `${result.message} (TikTok Shop is still reviewing the product; trying again later.)`, REVIEW_WAIT_S);
}
