import {
  ok,
  permanent,
  type AdapterResult,
  type ChannelAdapter,
  type ChannelContext,
  type ChannelCredentials,
  type DesiredListing,
} from '../channel-adapter.js';
import type {
  ExternalOrder,
  ShopAuthorization,
  ShopOptions,
  FetchedOrders,
  PlatformInfo,
  PublishedItem,
  PublishInput,
  VerifiedShop,
  WebhookEvent,
  WebhookRequest,
} from '../channel-adapter.js';
import { checkPrice, checkStock } from '../listing-checks.js';
import type { ErrorSentences } from '../platform-errors.js';
import { TIKTOK_SHOP_ERRORS } from './tiktok-shop.errors.js';
import { uploadNewImages } from '../listing-images.js';
import { PublishTarget } from '../publish-target.js';
import { SignedChannelAdapter, type ChannelSession } from '../signed-channel-adapter.js';
import {
  checkItemErrors,
  describeItemError,
  LIVE_API,
  productFrozen,
  TikTokShopClient,
  waitForReview,
  type ItemErrors,
  type TikTokCall,
  type TikTokCredentials,
  type TikTokApiRequest,
  type TikTokRequest,
  type TikTokShopClientOptions,
} from './tiktok-shop.client.js';
import { tiktokShopAuthorizeUrl, tiktokShopExchangeCode, tiktokShopWarehouses, type TikTokShopApp } from './tiktok-shop.authorization.js';
import { fetchTikTokOrder, fetchTikTokOrders } from './tiktok-shop.order-fetch.js';
import {
  checkListing,
  createProductBody,
  formatExternalId,
  inventoryBody,
  MAX_IMAGES,
  priceBody,
  productEdit,
  warehouseMissing,
  type ProductInfo,
  type ProductRef,
  type SkuInfo,
} from './tiktok-shop.payloads.js';
import { tiktokShopPushEvent } from './tiktok-shop.push.js';
import { findTikTokProductBySku } from './tiktok-shop.sku-search.js';

// The registry takes a platform from one module: the adapter and its default category table.
export { TIKTOK_SHOP_CATEGORIES } from './tiktok-shop.categories.js';

export interface TikTokShopAdapterOptions extends TikTokShopClientOptions {
  /** The operator's service: sellers connect by approving it (absent: credentials are typed). */
  app?: TikTokShopApp;
}

const PATH = {
  shops: '/authorization/202309/shops',
  uploadImage: '/product/202309/images/upload',
  products: '/product/202309/products',
  product: (productId: string) => `/product/202309/products/${productId}`,
  partialEdit: (productId: string) => `/product/202309/products/${productId}/partial_edit`,
  activate: '/product/202309/products/activate',
  deactivate: '/product/202309/products/deactivate',
  prices: (productId: string) => `/product/202309/products/${productId}/prices/update`,
  inventory: (productId: string) => `/product/202309/products/${productId}/inventory/update`,
} as const;

/** "The product does not exist", "The product ID does not exist". */
const PRODUCT_GONE = new Set([12052032, 12052260]);
const DEACTIVATED = new Set(['SELLER_DEACTIVATED', 'PLATFORM_DEACTIVATED']);
/** Our own code for "that product is not there any more", so publish looks for it by SKU or creates it. */
const GONE = 'product_not_found';

type Session = ChannelSession<TikTokCredentials>;

/**
 * TikTok Shop Open API 202309+, on the TikTok Shop client: an access token TikTok
 * rejects (or that the stored expiry says has lapsed) is refreshed once, the new pair saved before
 * anything else, and the call tried again.
 */
export class TikTokShopAdapter extends SignedChannelAdapter<TikTokCredentials, TikTokRequest, ProductRef> implements ChannelAdapter {
  static readonly info: PlatformInfo = { platform: 'tiktok-shop', name: 'TikTok Shop', kind: 'api' };
  static readonly liveBaseUrl = LIVE_API;
  /** What each of TikTok Shop's codes tells the seller to do. */
  static readonly errors: ErrorSentences = TIKTOK_SHOP_ERRORS;
  readonly info = TikTokShopAdapter.info;
  readonly authorization?: ShopAuthorization;

  constructor(options: TikTokShopAdapterOptions) {
    const client = new TikTokShopClient(options);
    super(client, {
      secrets: ['appKey', 'appSecret', 'accessToken', 'refreshToken', 'shopCipher'],
      optionalNumbers: ['accessTokenExpiresAt', 'shopId'],
      source: "from TikTok Shop Partner Center and the seller's authorization",
      numberRule: 'must be digits only, as TikTok Shop gives it',
      maxDigits: 20,
    });
    const { app } = options;
    if (app) {
      this.authorization = {
        authorizeUrl: (_redirectUrl, state) => tiktokShopAuthorizeUrl(options.authUrl, app, state),
        exchange: (callback) => tiktokShopExchangeCode(client, app, callback),
      };
    }
  }

  /** The shop's sales warehouses: the seller picks one, and a new connection starts with the default. */
  shopOptions(context: ChannelContext): Promise<AdapterResult<ShopOptions>> {
    return this.withSession(context, (session) => tiktokShopWarehouses(this.caller(session)));
  }

  /**
   * Get Authorized Shops, then the shop whose cipher was given: the cipher alone could belong to a
   * shop the token does not cover. The account is the shop id, which stays the same whichever app
   * or token reaches the shop.
   */
  verifyCredentials(context: ChannelContext): Promise<AdapterResult<VerifiedShop>> {
    return this.withSession(context, async (session) => {
      const result = await this.call<{ shops?: Array<{ id?: string; name?: string; cipher?: string }> }>(session, {
        method: 'GET',
        path: PATH.shops,
        shop: false,
      });
      if (!result.ok) return result;
      const shops = result.value.shops ?? [];
      const shop = shops.find((candidate) => candidate.cipher === session.credentials.shopCipher);
      if (!shop?.id) {
        const names = shops.map((candidate) => candidate.name ?? candidate.id).join(', ') || 'none';
        return permanent(
          'shop_cipher_mismatch',
          `This access token does not authorize a shop with that shop cipher (it authorizes: ${names}). Copy the cipher of this shop from Get Authorized Shops.`,
        );
      }
      if (context.credentials.shopId !== shop.id) {
        await context.saveCredentials({ ...context.credentials, shopId: shop.id });
        session.credentials = { ...session.credentials, shopId: shop.id };
      }
      return ok({ shopName: shop.name || null, account: shop.id });
    });
  }

  /**
   * Known product → Get Product, then Partial Edit of the details (or Edit Product when the
   * category changed, which Partial Edit cannot do) and Activate if it was taken off sale. Unknown
   * product that an earlier attempt may have created → search by seller_sku first. Otherwise (or when
   * the product is gone from TikTok) Create Product with price and stock; on an update the engine
   * follows with updatePrice/updateStock.
   */
  publish(context: ChannelContext, input: PublishInput): Promise<AdapterResult<PublishedItem>> {
    return this.withSession(context, async (session) => {
      const { listing } = input;
      const invalid = checkListing(listing);
      if (invalid) return invalid;
      const resolved = await PublishTarget.resolve(
        input,
        (id) => this.parseExternalId(id),
        () => findTikTokProductBySku(this.caller(session), listing.sku),
      );
      if (!resolved.ok) return resolved;
      const target = resolved.value;
      const warehouseId = context.settings.warehouseId;
      // Before uploading anything: a create is certain and cannot succeed.
      if (target.item === null && !warehouseId) return warehouseMissing();

      const uploaded = await this.uploadImages(session, input);
      if (!uploaded.ok) return uploaded;
      const imageIds = uploaded.value;
      const uris = listing.images.slice(0, MAX_IMAGES).map((image) => imageIds[image.key]);

      const updated = await target.update(
        (ref) => this.updateExisting(session, ref, listing, uris),
        (failure) => failure.code === GONE,
      );
      if (!updated.ok) return updated;
      if (updated.value !== null) return ok({ externalId: formatExternalId(updated.value), imageIds });

      if (!warehouseId) return warehouseMissing();
      await input.progress?.creating();
      const created = await this.call<{ product_id?: string; skus?: SkuInfo[] }>(session, {
        method: 'POST',
        path: PATH.products,
        shop: true,
        json: createProductBody(listing, uris, warehouseId),
      });
      if (!created.ok) return created;
      const productId = created.value.product_id;
      const skuId = (created.value.skus?.find((sku) => sku.seller_sku === listing.sku) ?? created.value.skus?.[0])?.id;
      if (!productId || !skuId) return permanent('bad_response', 'TikTok Shop created the product but did not return its product_id and SKU id.');
      return ok({ externalId: formatExternalId({ productId, skuId }), imageIds, created: true });
    });
  }

  updatePrice(context: ChannelContext, externalId: string, price: number): Promise<AdapterResult<void>> {
    return this.withItem(context, externalId, checkPrice('TikTok Shop', price), async (session, ref) =>
      waitForReview(
        checkItemErrors(
          await this.call<ItemErrors>(session, { method: 'POST', path: PATH.prices(ref.productId), shop: true, json: priceBody(ref.skuId, price) }),
          'update_price_failed',
        ),
      ),
    );
  }

  updateStock(context: ChannelContext, externalId: string, stock: number): Promise<AdapterResult<void>> {
    return this.withItem(context, externalId, checkStock(stock), async (session, ref) => {
      const json = inventoryBody(ref.skuId, stock, context.settings.warehouseId);
      return waitForReview(
        checkItemErrors(await this.call<ItemErrors>(session, { method: 'POST', path: PATH.inventory(ref.productId), shop: true, json }), 'update_stock_failed'),
      );
    });
  }

  /** Deactivate Products; a product already off sale or gone is what was asked for. */
  unpublish(context: ChannelContext, externalId: string): Promise<AdapterResult<void>> {
    return this.withItem(context, externalId, null, async (session, ref) => {
      const result = await this.call<ItemErrors>(session, { method: 'POST', path: PATH.deactivate, shop: true, json: { product_ids: [ref.productId] } });
      if (!result.ok) return PRODUCT_GONE.has(Number(result.code)) ? ok(undefined) : result;
      const error = result.value.errors?.[0];
      if (!error || PRODUCT_GONE.has(error.code ?? 0)) return ok(undefined);
      const product = await this.call<ProductInfo>(session, { method: 'GET', path: PATH.product(ref.productId), shop: true });
      if (!product.ok) return PRODUCT_GONE.has(Number(product.code)) ? ok(undefined) : product;
      if (product.value.status !== 'ACTIVATE' && product.value.status !== 'PENDING') return ok(undefined);
      return permanent(String(error.code ?? 'deactivate_failed'), describeItemError(error) || 'TikTok Shop did not take the product off sale.');
    });
  }

  fetchOrders(context: ChannelContext, since: Date, until: Date): Promise<AdapterResult<FetchedOrders>> {
    return this.withSession(context, (session) => fetchTikTokOrders(this.caller(session), since, until));
  }

  fetchOrder(context: ChannelContext, externalOrderId: string): Promise<AdapterResult<ExternalOrder | null>> {
    return this.withSession(context, (session) => fetchTikTokOrder(this.caller(session), externalOrderId));
  }

  verifyWebhook(credentials: ChannelCredentials, request: WebhookRequest): WebhookEvent | null {
    return tiktokShopPushEvent(credentials, request);
  }

  protected parseExternalId(externalId: string): AdapterResult<ProductRef> {
    const match = /^(\d{1,30}):(\d{1,30})$/.exec(externalId);
    return match
      ? ok({ productId: match[1], skuId: match[2] })
      : permanent('invalid_external_id', `"${externalId}" is not a TikTok Shop product_id:sku_id pair.`);
  }

  private call<D>(session: Session, request: TikTokApiRequest): Promise<AdapterResult<D>> {
    return this.client.call<D>(session, request);
  }

  /** The session's calls, for the pieces in their own files (the SKU search, the order fetch). */
  private caller(session: Session): TikTokCall {
    return (request) => this.call(session, request);
  }

  // ---- the pieces of publish -----------------------------------------------------------------

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
    if (product.status === 'FREEZE') return productFrozen(ref.productId, listing.sku);

    const edit = productEdit(product, sku.id, listing, uris);
    const edited = await this.call<unknown>(
      session,
      edit.partial
        ? { method: 'POST', path: PATH.partialEdit(ref.productId), shop: true, json: edit.json }
        : { method: 'PUT', path: PATH.product(ref.productId), shop: true, json: edit.json },
    );
    if (!edited.ok) return PRODUCT_GONE.has(Number(edited.code)) ? permanent(GONE, edited.message) : edited;

    if (DEACTIVATED.has(product.status ?? '')) {
      // Taken off sale earlier (by us or the seller): publishing means on sale again.
      const activated = checkItemErrors(
        await this.call<ItemErrors>(session, { method: 'POST', path: PATH.activate, shop: true, json: { product_ids: [ref.productId] } }),
        'activate_failed',
      );
      if (!activated.ok) return activated;
    }
    return ok({ productId: ref.productId, skuId: sku.id });
  }
}
