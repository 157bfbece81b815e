import {
  ok,
  permanent,
  type AdapterResult,
  type ChannelAdapter,
  type ChannelContext,
  type ChannelCredentials,
  type DesiredListing,
  type ExternalOrder,
} from '../channel-adapter.js';
import type {
  FetchedOrders,
  PlatformInfo,
  PublishedItem,
  PublishInput,
  ShopAuthorization,
  ShopOptions,
  VerifiedShop,
  WebhookEvent,
  WebhookRequest,
} from '../channel-adapter.js';
import { checkListingBasics, checkPrice, checkStock } from '../listing-checks.js';
import type { ErrorSentences } from '../platform-errors.js';
import { SHOPEE_ERRORS } from './shopee.errors.js';
import { uploadNewImages } from '../listing-images.js';
import { PublishTarget } from '../publish-target.js';
import { SignedChannelAdapter, type ChannelSession } from '../signed-channel-adapter.js';
import {
  checkFailureList,
  ShopeeClient,
  shopeeErrorWord,
  type FailureList,
  type ShopeeCall,
  type ShopeeClientOptions,
  type ShopeeCredentials,
  type ShopeeEnvelope,
  type ShopeeRequest,
} from './shopee.client.js';
import { shopeeAuthorizeUrl, shopeeExchangeCode, type ShopeeApp } from './shopee.authorization.js';
import { fetchShopeeOrder, fetchShopeeOrders } from './shopee.order-fetch.js';
import { addItemBody, itemFields, MAX_IMAGES, priceBody, stockBody } from './shopee.payloads.js';
import { shopeePushEvent } from './shopee.push.js';
import { findShopeeItemBySku } from './shopee.sku-search.js';

export interface ShopeeAdapterOptions extends ShopeeClientOptions {
  /** The operator's partner app: sellers connect by approving it (absent: credentials are typed). */
  app?: ShopeeApp;
}

const PATH = {
  shopInfo: '/api/v2/shop/get_shop_info',
  uploadImage: '/api/v2/media_space/upload_image',
  addItem: '/api/v2/product/add_item',
  updateItem: '/api/v2/product/update_item',
  updatePrice: '/api/v2/product/update_price',
  updateStock: '/api/v2/product/update_stock',
  unlistItem: '/api/v2/product/unlist_item',
  channelList: '/api/v2/logistics/get_channel_list',
} as const;

type Session = ChannelSession<ShopeeCredentials>;

/**
 * Shopee Open Platform v2, on the Shopee client: an access token Shopee rejects is
 * refreshed once (the new pair saved before anything else) and the call is tried again.
 */
export class ShopeeAdapter extends SignedChannelAdapter<ShopeeCredentials, ShopeeRequest, number> implements ChannelAdapter {
  static readonly info: PlatformInfo = { platform: 'shopee', name: 'Shopee', kind: 'api' };
  static readonly liveBaseUrl = 'https://partner.shopeemobile.com';
  /** What each of Shopee's codes tells the seller to do. */
  static readonly errors: ErrorSentences = SHOPEE_ERRORS;
  readonly info = ShopeeAdapter.info;
  readonly authorization?: ShopAuthorization;

  constructor(options: ShopeeAdapterOptions) {
    super(new ShopeeClient(options), {
      numbers: ['partnerId', 'shopId'],
      secrets: ['partnerKey', 'accessToken', 'refreshToken'],
      source: 'from the Shopee Open Platform console',
      numberRule: 'must be the number Shopee gives, digits only',
      maxDigits: 19,
    });
    const { app } = options;
    if (app) {
      this.authorization = {
        authorizeUrl: (redirectUrl, state) => shopeeAuthorizeUrl(options.baseUrl, app, redirectUrl, state, (options.now ?? (() => new Date()))()),
        exchange: (callback) => shopeeExchangeCode(this.client as ShopeeClient, app, callback),
      };
    }
  }

  /**
   * The shop's shipping channels it has switched on (get_channel_list): the seller picks among them, and
   * a new connection lists its items with all of them. One Shopee refuses as disabled is not offered.
   */
  shopOptions(context: ChannelContext): Promise<AdapterResult<ShopOptions>> {
    return this.withSession(context, async (session) => {
      const result = await this.call<{
        logistics_channel_list?: Array<{ logistics_channel_id?: number; logistics_channel_name?: string; enabled?: boolean }>;
      }>(session, { method: 'GET', path: PATH.channelList, api: 'shop' });
      if (!result.ok) return result;
      const enabled = (result.value.response?.logistics_channel_list ?? []).filter(
        (channel) => channel.enabled && Number.isInteger(channel.logistics_channel_id),
      );
      return ok({
        logistics: enabled.map((channel) => ({
          id: channel.logistics_channel_id!,
          name: channel.logistics_channel_name || String(channel.logistics_channel_id),
          preferred: true,
        })),
      });
    });
  }

  /** get_shop_info; the account is the shop_id (one shop may be authorized for several partner apps, but it is one shop). */
  verifyCredentials(context: ChannelContext): Promise<AdapterResult<VerifiedShop>> {
    return this.withSession(context, async (session) => {
      const result = await this.call<never>(session, { method: 'GET', path: PATH.shopInfo, api: 'shop' });
      if (!result.ok) return result;
      const shopName = result.value.shop_name;
      return ok({ shopName: typeof shopName === 'string' && shopName ? shopName : null, account: session.credentials.shopId });
    });
  }

  /**
   * Known item → update_item, then make sure it is listed. Unknown item that an earlier attempt may
   * have created → look it up by item_sku first. Otherwise (or when the item is gone from Shopee)
   * add_item. Price and stock are sent on create only; on an update the engine follows with
   * updatePrice/updateStock, so a found item is not changed twice.
   */
  publish(context: ChannelContext, input: PublishInput): Promise<AdapterResult<PublishedItem>> {
    return this.withSession(context, async (session) => {
      const { listing } = input;
      const invalid = checkListingBasics('Shopee', listing);
      if (invalid) return invalid;
      const resolved = await PublishTarget.resolve(
        input,
        (id) => this.parseExternalId(id),
        () => findShopeeItemBySku(this.caller(session), listing.sku),
      );
      if (!resolved.ok) return resolved;
      const target = resolved.value;
      // Before uploading anything: a create is certain and cannot succeed.
      if (target.item === null && !context.settings.logisticIds?.length) return logisticsMissing();

      const uploaded = await this.uploadImages(session, input);
      if (!uploaded.ok) return uploaded;
      const imageIds = uploaded.value;
      const imageIdList = listing.images.slice(0, MAX_IMAGES).map((image) => imageIds[image.key]);

      const updated = await target.update(
        (itemId) => this.updateExisting(session, itemId, listing, imageIdList),
        (failure) => shopeeErrorWord(failure.code) === 'error_item_not_found',
      );
      if (!updated.ok) return updated;
      if (updated.value !== null) return ok({ externalId: String(updated.value), imageIds });

      if (!context.settings.logisticIds?.length) return logisticsMissing();
      await input.progress?.creating();
      const created = await this.call<{ item_id?: number }>(session, {
        method: 'POST',
        path: PATH.addItem,
        api: 'shop',
        json: addItemBody(listing, imageIdList, context.settings),
      });
      if (!created.ok) return created;
      const itemId = created.value.response?.item_id;
      if (typeof itemId !== 'number') return permanent('bad_response', 'Shopee created the item but did not return its item_id.');
      return ok({ externalId: String(itemId), imageIds, created: true });
    });
  }

  updatePrice(context: ChannelContext, externalId: string, price: number): Promise<AdapterResult<void>> {
    return this.withItem(context, externalId, checkPrice('Shopee', price), async (session, itemId) =>
      checkFailureList(
        await this.call<FailureList>(session, { method: 'POST', path: PATH.updatePrice, api: 'shop', json: priceBody(itemId, price) }),
        'update_price_failed',
        'Shopee did not change the price.',
      ),
    );
  }

  updateStock(context: ChannelContext, externalId: string, stock: number): Promise<AdapterResult<void>> {
    return this.withItem(context, externalId, checkStock(stock), async (session, itemId) =>
      checkFailureList(
        await this.call<FailureList>(session, { method: 'POST', path: PATH.updateStock, api: 'shop', json: stockBody(itemId, stock, context.settings) }),
        'update_stock_failed',
        'Shopee did not change the stock.',
      ),
    );
  }

  unpublish(context: ChannelContext, externalId: string): Promise<AdapterResult<void>> {
    return this.withItem(context, externalId, null, (session, itemId) => this.setListed(session, itemId, false));
  }

  fetchOrders(context: ChannelContext, since: Date, until: Date): Promise<AdapterResult<FetchedOrders>> {
    return this.withSession(context, (session) => fetchShopeeOrders(this.caller(session), since, until));
  }

  fetchOrder(context: ChannelContext, externalOrderId: string): Promise<AdapterResult<ExternalOrder | null>> {
    return this.withSession(context, (session) => fetchShopeeOrder(this.caller(session), externalOrderId));
  }

  verifyWebhook(credentials: ChannelCredentials, request: WebhookRequest): WebhookEvent | null {
    return shopeePushEvent(credentials, request);
  }

  protected parseExternalId(externalId: string): AdapterResult<number> {
    return /^\d{1,16}$/.test(externalId) ? ok(Number(externalId)) : permanent('invalid_external_id', `"${externalId}" is not a Shopee item_id.`);
  }

  private call<R>(session: Session, request: ShopeeRequest): Promise<AdapterResult<ShopeeEnvelope<R>>> {
    return this.client.call<ShopeeEnvelope<R>>(session, request);
  }

  /** The session's calls, for the pieces in their own files (the SKU search, the order fetch). */
  private caller(session: Session): ShopeeCall {
    return (request) => this.call(session, request);
  }

  // ---- the pieces of publish -----------------------------------------------------------------

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
      if (!imageId)
        return entry?.error
          ? permanent(entry.error, entry.message || 'Shopee refused the image.')
          : permanent('bad_response', 'Shopee accepted the image but returned no image_id.');
      return ok(imageId);
    });
  }

  private async updateExisting(session: Session, itemId: number, listing: DesiredListing, imageIdList: string[]): Promise<AdapterResult<number>> {
    const updated = await this.call<unknown>(session, {
      method: 'POST',
      path: PATH.updateItem,
      api: 'shop',
      json: { item_id: itemId, ...itemFields(listing, imageIdList, session.context.settings) },
    });
    if (!updated.ok) return updated;
    // Unlisted earlier (by us or the seller): publishing means on sale. One call always, where reading
    // the status first would cost one or two.
    const listed = await this.setListed(session, itemId, true);
    return listed.ok ? ok(itemId) : listed;
  }

  private async setListed(session: Session, itemId: number, listed: boolean): Promise<AdapterResult<void>> {
    const result = await this.call<FailureList>(session, {
      method: 'POST',
      path: PATH.unlistItem,
      api: 'shop',
      json: { item_list: [{ item_id: itemId, unlist: !listed }] },
    });
    return checkFailureList(
      result,
      listed ? 'relist_failed' : 'unlist_failed',
      listed ? 'Shopee did not put the item back on sale.' : 'Shopee did not take the item off sale.',
    );
  }
}

function logisticsMissing(): AdapterResult<never> {
  return permanent(
    'logistics_missing',
    'No Shopee shipping channel is set for this connection. Pick the shipping channels in the connection’s settings (they are read from your Shopee shop); Shopee refuses an item without one.',
  );
}
