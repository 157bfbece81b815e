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
  FetchedOrders,
  PlatformInfo,
  PublishedItem,
  PublishInput,
  VerifiedShop,
  WebhookEvent,
  WebhookRequest,
} from '../channel-adapter.js';
import { checkListingBasics, checkPrice, checkStock } from '../listing-checks.js';
import type { ErrorSentences } from '../platform-errors.js';
import { LAZADA_ERRORS } from './lazada.errors.js';
import { uploadNewImages } from '../listing-images.js';
import { PublishTarget } from '../publish-target.js';
import { SignedChannelAdapter, type ChannelSession } from '../signed-channel-adapter.js';
import { lazadaAuthorizeUrl, lazadaExchangeCode, type LazadaApp } from './lazada.authorization.js';
import { LazadaClient, type LazadaCall, type LazadaClientOptions, type LazadaCredentials, type LazadaEnvelope, type LazadaRequest } from './lazada.client.js';
import { fetchLazadaOrder, fetchLazadaOrders } from './lazada.order-fetch.js';
import { deactivatePayload, MAX_IMAGES, priceQuantityPayloads, productCreatePayload, productUpdatePayload, type LazadaSkuRef } from './lazada.payloads.js';
import { lazadaPushEvent } from './lazada.push.js';
import { findLazadaItemBySku } from './lazada.sku-search.js';

/** The registry takes the platform from one import. */
export { LAZADA_CATEGORIES } from './lazada.categories.js';

export interface LazadaAdapterOptions extends LazadaClientOptions {
  /** The operator's app: sellers connect by approving it (absent: credentials are typed). */
  app?: LazadaApp;
}

const PATH = {
  seller: '/seller/get',
  uploadImage: '/image/upload',
  createProduct: '/product/create',
  updateProduct: '/product/update',
  priceQuantity: '/product/price_quantity/update',
  deactivate: '/product/deactivate',
} as const;

/** The item or SKU is no longer on Lazada (4137 ITEM_NOT_FOUND; E0002 from DeactivateProduct). */
const GONE_CODES = new Set(['4137', 'E0002']);
/** "SellerSku repeat": the store already has an item with our SKU. */
const DUPLICATE_SKU_CODES = new Set(['4105', '4126', '4141']);
/** DeactivateProduct on an item already off sale. */
const NOT_ONLINE = 'E0004';
type Session = ChannelSession<LazadaCredentials>;

/**
 * Lazada Open Platform, on the Lazada client: an access token Lazada rejects is
 * refreshed once (the new pair saved before anything else) and the call is tried again. One listing
 * is one SKU of one Lazada item, so its external id is `item_id:sku_id`.
 */
export class LazadaAdapter extends SignedChannelAdapter<LazadaCredentials, LazadaRequest, LazadaSkuRef> implements ChannelAdapter {
  static readonly info: PlatformInfo = { platform: 'lazada', name: 'Lazada', kind: 'api' };
  static readonly liveBaseUrl = 'https://api.lazada.vn/rest';
  /** What each of Lazada's codes tells the seller to do. */
  static readonly errors: ErrorSentences = LAZADA_ERRORS;
  readonly info = LazadaAdapter.info;
  readonly authorization?: ShopAuthorization;

  constructor(options: LazadaAdapterOptions) {
    const client = new LazadaClient(options);
    super(client, {
      numbers: ['appKey'],
      secrets: ['appSecret', 'accessToken', 'refreshToken'],
      optionalNumbers: ['accessTokenExpiresAt'],
      source: 'from the Lazada Open Platform console',
      numberRule: 'must be the number Lazada gives, digits only',
      maxDigits: 19,
    });
    const { app } = options;
    if (app) {
      this.authorization = {
        authorizeUrl: (redirectUrl, state) => lazadaAuthorizeUrl(client.authUrl, app, redirectUrl, state),
        exchange: (callback) => lazadaExchangeCode(client, app, callback),
      };
    }
  }

  /** GetSeller; the account is the seller_id, the same for every app the seller authorizes. */
  verifyCredentials(context: ChannelContext): Promise<AdapterResult<VerifiedShop>> {
    return this.withSession(context, async (session) => {
      const result = await this.call<{ name?: string; name_company?: string; seller_id?: number | string }>(session, {
        method: 'GET',
        path: PATH.seller,
        host: 'api',
      });
      if (!result.ok) return result;
      const seller = result.value.data;
      if (seller?.seller_id === undefined || seller.seller_id === null || String(seller.seller_id) === '') {
        return permanent('bad_response', 'Lazada answered GetSeller without a seller_id.');
      }
      return ok({ shopName: seller.name || seller.name_company || null, account: String(seller.seller_id) });
    });
  }

  /**
   * Known item → UpdateProduct, which also puts it back on sale. Unknown item that an earlier
   * attempt may have created → look it up by SellerSku first. Otherwise (or when the item is gone
   * from Lazada) CreateProduct with price and stock. Lazada refuses a second item with the same
   * SellerSku, so a create that meets one adopts it instead. On an update the engine follows with
   * updatePrice/updateStock, so a found item is not changed twice.
   */
  publish(context: ChannelContext, input: PublishInput): Promise<AdapterResult<PublishedItem>> {
    return this.withSession(context, async (session) => {
      const { listing } = input;
      const invalid = checkListingBasics('Lazada', listing) ?? checkAttributes(listing);
      if (invalid) return invalid;
      const resolved = await PublishTarget.resolve(
        input,
        (id) => this.parseExternalId(id),
        () => findLazadaItemBySku(this.caller(session), listing.sku),
      );
      if (!resolved.ok) return resolved;
      const target = resolved.value;

      const uploaded = await this.uploadImages(session, input);
      if (!uploaded.ok) return uploaded;
      const imageIds = uploaded.value;
      const imageUrls = listing.images.slice(0, MAX_IMAGES).map((image) => imageIds[image.key]);

      for (;;) {
        const updated = await target.update(
          async (ref) => {
            const result = await this.call<unknown>(session, {
              method: 'POST',
              path: PATH.updateProduct,
              host: 'api',
              params: { payload: productUpdatePayload(ref, listing, imageUrls) },
            });
            return result.ok ? ok(ref) : result;
          },
          (failure) => GONE_CODES.has(failure.code),
        );
        if (!updated.ok) return updated;
        if (updated.value !== null) return ok({ externalId: refId(updated.value), imageIds });

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
          if (itemId === undefined || skuId === undefined)
            return permanent('bad_response', 'Lazada created the product but did not return its item_id and sku_id.');
          return ok({ externalId: refId({ itemId: String(itemId), skuId: String(skuId) }), imageIds, created: true });
        }
        if (!DUPLICATE_SKU_CODES.has(created.code) || target.searched) return created;
        // Lazada already has an item with our SellerSku: take it over, unless the search finds none.
        const adopted = await target.searchOnce();
        if (!adopted.ok) return adopted;
        if (target.item === null) return created;
      }
    });
  }

  updatePrice(context: ChannelContext, externalId: string, price: number): Promise<AdapterResult<void>> {
    return this.withItem(context, externalId, checkPrice('Lazada', price), (session, ref) => this.updatePriceQuantity(session, { ...ref, price }));
  }

  updateStock(context: ChannelContext, externalId: string, stock: number): Promise<AdapterResult<void>> {
    return this.withItem(context, externalId, checkStock(stock), (session, ref) => this.updatePriceQuantity(session, { ...ref, quantity: stock }));
  }

  /** DeactivateProduct for our SKU; an item already off sale is what was asked for. */
  unpublish(context: ChannelContext, externalId: string): Promise<AdapterResult<void>> {
    return this.withItem(context, externalId, null, async (session, ref) => {
      const result = await this.call<unknown>(session, {
        method: 'POST',
        path: PATH.deactivate,
        host: 'api',
        params: { apiRequestBody: deactivatePayload(ref) },
      });
      return !result.ok && result.code !== NOT_ONLINE ? result : ok(undefined);
    });
  }

  fetchOrders(context: ChannelContext, since: Date, until: Date): Promise<AdapterResult<FetchedOrders>> {
    return this.withSession(context, (session) => fetchLazadaOrders(this.caller(session), since, until));
  }

  fetchOrder(context: ChannelContext, externalOrderId: string): Promise<AdapterResult<ExternalOrder | null>> {
    return this.withSession(context, (session) => fetchLazadaOrder(this.caller(session), externalOrderId));
  }

  verifyWebhook(credentials: ChannelCredentials, request: WebhookRequest): WebhookEvent | null {
    return lazadaPushEvent(credentials, request);
  }

  protected parseExternalId(externalId: string): AdapterResult<LazadaSkuRef> {
    const match = /^(\d{1,20}):(\d{1,20})$/.exec(externalId);
    return match ? ok({ itemId: match[1], skuId: match[2] }) : permanent('invalid_external_id', `"${externalId}" is not a Lazada item_id:sku_id.`);
  }

  private call<D>(session: Session, request: LazadaRequest): Promise<AdapterResult<LazadaEnvelope<D>>> {
    return this.client.call<LazadaEnvelope<D>>(session, request);
  }

  /** The session's calls, for the pieces in their own files (the SKU search, the order fetch). */
  private caller(session: Session): LazadaCall {
    return (request) => this.call(session, request);
  }

  // ---- the pieces of publish -----------------------------------------------------------------

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

  private async updatePriceQuantity(
    session: Session,
    update: { itemId: string; skuId: string; price?: number; quantity?: number },
  ): Promise<AdapterResult<void>> {
    for (const payload of priceQuantityPayloads([update])) {
      const result = await this.call<unknown>(session, { method: 'POST', path: PATH.priceQuantity, host: 'api', params: { payload } });
      if (!result.ok) return result;
    }
    return ok(undefined);
  }
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

function refId(ref: LazadaSkuRef): string {
  return `${ref.itemId}:${ref.skuId}`;
}
