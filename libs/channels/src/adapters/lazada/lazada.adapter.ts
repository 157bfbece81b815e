import {
  ok,
  permanent,
  retryable,
  type AdapterResult,
  type ChannelAdapter,
  type ChannelContext,
  type ChannelCredentials,
  type DesiredListing,
} from '../channel-adapter.js';
import type {
  ExternalOrder,
  FetchedOrders,
  PlatformInfo,
  PublishedItem,
  PublishInput,
  VerifiedShop,
  WebhookEvent,
  WebhookRequest,
} from '../channel-adapter.js';
import { checkListingBasics, checkPrice, checkStock } from '../listing-checks.js';
import { uploadNewImages } from '../listing-images.js';
import { preferredItem, PublishTarget } from '../publish-target.js';
import { SignedChannelAdapter, type ChannelSession } from '../signed-channel-adapter.js';
import { LazadaClient, type LazadaClientOptions, type LazadaCredentials, type LazadaEnvelope, type LazadaRequest } from './lazada.client.js';
import { mapLazadaOrder, type LazadaOrder, type LazadaOrderItem } from './lazada.orders.js';
import { deactivatePayload, MAX_IMAGES, priceQuantityPayloads, productCreatePayload, productUpdatePayload, type LazadaSkuRef } from './lazada.payloads.js';
import { lazadaPushEvent } from './lazada.push.js';

/** The registry takes the platform from one import. */
export { LAZADA_CATEGORIES } from './lazada.categories.js';

export type LazadaAdapterOptions = LazadaClientOptions;

const PATH = {
  seller: '/seller/get',
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

/** GetOrders returns at most 100 orders a page. */
const ORDER_PAGE = 100;
/** GetMultipleOrderItems takes at most 50 order ids. */
const ORDER_ITEMS_BATCH = 50;
/** GetProducts' largest page; a SKU list of one matches a handful of items at most. */
const SKU_SEARCH_LIMIT = 50;
/** The item or SKU is no longer on Lazada (4137 ITEM_NOT_FOUND; E0002 from DeactivateProduct). */
const GONE_CODES = new Set(['4137', 'E0002']);
/** "SellerSku repeat": the store already has an item with our SKU. */
const DUPLICATE_SKU_CODES = new Set(['4105', '4126', '4141']);
/** DeactivateProduct on an item already off sale. */
const NOT_ONLINE = 'E0004';
/** GetOrder / GetOrderItems for an order this seller does not have. */
const INVALID_ORDER = '16';
type Session = ChannelSession<LazadaCredentials>;

interface LazadaProduct {
  item_id?: number | string;
  status?: string;
  skus?: Array<{ SkuId?: number | string; SellerSku?: string; Status?: string }>;
}

/** GetProducts item statuses, best first, for taking over an item carrying our SKU. */
const ADOPTABLE_STATUSES = ['Active', 'InActive', 'Pending QC', 'Suspended'];

/**
 * Lazada Open Platform, on the Lazada client: an access token Lazada rejects is
 * refreshed once (the new pair saved before anything else) and the call is tried again. One listing
 * is one SKU of one Lazada item, so its external id is `item_id:sku_id`.
 */
export class LazadaAdapter extends SignedChannelAdapter<LazadaCredentials, LazadaRequest, LazadaSkuRef> implements ChannelAdapter {
  static readonly info: PlatformInfo = { platform: 'lazada', name: 'Lazada', kind: 'api' };
  static readonly liveBaseUrl = 'https://api.lazada.vn/rest';
  readonly info = LazadaAdapter.info;

  constructor(options: LazadaAdapterOptions) {
    super(new LazadaClient(options), {
      numbers: ['appKey'],
      secrets: ['appSecret', 'accessToken', 'refreshToken'],
      source: 'from the Lazada Open Platform console',
      numberRule: 'must be the number Lazada gives, digits only',
      maxDigits: 19,
    });
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
        () => this.findBySku(session, listing.sku),
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

  /**
   * GetOrders by update time, oldest first, every page; then the items of 50 orders per call.
   * Offset paging can skip an order that is updated while the pages are read (it leaves the
   * window); its new update time falls in the next poll, which starts before this one's end.
   */
  fetchOrders(context: ChannelContext, since: Date, until: Date): Promise<AdapterResult<FetchedOrders>> {
    return this.withSession(context, async (session) => {
      const found = new Map<string, LazadaOrder>();
      const window = {
        update_after: isoSeconds(since, 'floor'),
        update_before: isoSeconds(until, 'ceil'),
        sort_by: 'updated_at',
        sort_direction: 'ASC',
        limit: String(ORDER_PAGE),
      };
      for (let offset = 0; ; offset += ORDER_PAGE) {
        const page = await this.call<{ orders?: LazadaOrder[] }>(session, {
          method: 'GET',
          path: PATH.orders,
          host: 'api',
          params: { ...window, offset: String(offset) },
        });
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
    });
  }

  /** GetOrder then GetOrderItems, the flow Lazada recommends for a pushed order. */
  fetchOrder(context: ChannelContext, externalOrderId: string): Promise<AdapterResult<ExternalOrder | null>> {
    return this.withSession(context, async (session) => {
      if (!/^\d{1,20}$/.test(externalOrderId)) return ok(null);
      const order = await this.call<LazadaOrder>(session, { method: 'GET', path: PATH.order, host: 'api', params: { order_id: externalOrderId } });
      if (!order.ok) return order.code === INVALID_ORDER ? ok(null) : order;
      if (!order.value.data) return ok(null);
      const items = await this.call<LazadaOrderItem[]>(session, { method: 'GET', path: PATH.orderItems, host: 'api', params: { order_id: externalOrderId } });
      if (!items.ok) return items;
      return ok(mapLazadaOrder(order.value.data, items.value.data ?? []));
    });
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
    const matches: Array<{ status: string; id: string; skuId: string }> = [];
    for (const product of result.value.data?.products ?? []) {
      const match = product.skus?.find((entry) => entry.SellerSku === sku && entry.Status !== 'deleted');
      if (match && product.item_id !== undefined && match.SkuId !== undefined)
        matches.push({ status: product.status ?? '', id: String(product.item_id), skuId: String(match.SkuId) });
    }
    const chosen = preferredItem(matches, ADOPTABLE_STATUSES);
    return ok(chosen && { itemId: chosen.id, skuId: chosen.skuId });
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

/** GetOrders wants `YYYY-MM-DDTHH:mm:ss±HH:MM`, without milliseconds. */
function isoSeconds(date: Date, round: 'floor' | 'ceil'): string {
  const seconds = round === 'floor' ? Math.floor(date.getTime() / 1000) : Math.ceil(date.getTime() / 1000);
  return `${new Date(seconds * 1000).toISOString().slice(0, 19)}+00:00`;
}
