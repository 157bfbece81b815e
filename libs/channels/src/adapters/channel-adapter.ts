/**
 * One small interface per external marketplace: a new platform is one folder and one registration line. An adapter speaks one platform's
 * protocol and nothing else: it never touches the database, never throws for a platform's answer
 * (results are values), and is given everything it needs in each call.
 */
import { ok, permanent, retryable, type PlatformResult } from '@nongsan/core';

/** What happened to one call (the result every outside platform's adapter returns). */
export type AdapterResult<T> = PlatformResult<T>;
export { ok, retryable, permanent };

/** Credentials as the seller entered them (each adapter names its fields in credentialProblems). Decrypted only in memory. */
export type ChannelCredentials = Record<string, string>;

/** Per-connection options: `logisticIds`, `warehouseId`, category overrides. */
export interface ChannelSettings {
  logisticIds?: number[];
  warehouseId?: string;
  /** Our category id → the platform's leaf category (and attributes) for this shop, over the default table. */
  categories?: Record<string, PlatformCategory>;
}

export interface PlatformCategory {
  categoryId: number;
  /** Mandatory attributes of that leaf category, sent as given. */
  attributes?: Array<{ attributeId: number; valueId: number; valueName?: string }>;
}

/**
 * Everything an adapter is given for a call on one connection. When the adapter refreshes the
 * access token it calls `saveCredentials` so the engine stores the new pair (encrypted) before
 * anything else happens: a refresh token is single-use.
 */
export interface ChannelContext {
  connectionId: string;
  credentials: ChannelCredentials;
  settings: ChannelSettings;
  saveCredentials(next: ChannelCredentials): Promise<void>;
}

/** The state we want one variant to have on the platform; one listing = one variant = one platform item. */
export interface DesiredListing {
  /** Our SKU: unique per cooperative, sent as the platform's seller SKU so an item can be found again. */
  sku: string;
  name: string;
  description: string;
  /** Integer VND. */
  price: number;
  stock: number;
  weightGrams: number;
  category: PlatformCategory;
  /** Public images, in display order; `key` is stable, so an uploaded image is not sent again. */
  images: Array<{ key: string; read(): Promise<{ body: Buffer; contentType: string }> }>;
}

export interface PublishedItem {
  externalId: string;
  /** Image key → the platform's image id, kept so the next publish does not upload again. */
  imageIds: Record<string, string>;
  /** This publish created the item, with the listing's price and stock (absent when it updated one). */
  created?: true;
}

export interface PublishInput {
  listing: DesiredListing;
  /** Known from an earlier publish; absent when the item may or may not exist yet. */
  externalId?: string;
  /**
   * An earlier attempt may have created the item and crashed before its id was saved: look it up
   * by SKU before creating. False on a first publish, so a new shop does not pay a search per item.
   */
  mayExist: boolean;
  imageIds: Record<string, string>;
  /** Told as the publish goes (the engine always listens; a one-off publish need not). */
  progress?: PublishProgress;
}

/**
 * What a publish that fails halfway has already done, so its retry does not pay for it again: each
 * picture the platform took (not uploaded again), and the moment just before the create call goes
 * out (from then on the item may exist, and the retry looks it up by SKU first; before it, the
 * retry need not).
 */
export interface PublishProgress {
  imageUploaded(key: string, platformId: string): Promise<void>;
  creating(): Promise<void>;
}

/** One order as the platform reports it, normalised. */
export interface ExternalOrder {
  externalId: string;
  /** The platform's own status word, kept for the seller. */
  platformStatus: string;
  /** What it means here. `unpaid` orders are recorded but hold no stock yet. */
  /** `shipped`: the parcel left the shop and the platform has not closed the order yet. */
  state: 'unpaid' | 'paid' | 'shipped' | 'cancelled' | 'completed';
  createdAt: Date;
  updatedAt: Date;
  buyerName: string | null;
  /** Integer VND, as the platform computed it. */
  total: number;
  lines: Array<{ sku: string; name: string; quantity: number; unitPrice: number }>;
}

export interface FetchedOrders {
  orders: ExternalOrder[];
}

/** What a verified push asks us to do. */
export type WebhookEvent = { kind: 'order'; externalOrderId: string } | { kind: 'authorization'; message: string } | { kind: 'ignored' };

export interface WebhookRequest {
  /** The public URL the platform posted to, exactly as registered (some platforms sign it). */
  url: string;
  rawBody: Buffer;
  headers: Record<string, string | undefined>;
}

export interface VerifiedShop {
  shopName: string | null;
  account: string;
}

export interface PlatformInfo {
  platform: string;
  name: string;
  kind: 'api' | 'feed';
}

/**
 * Connecting a shop by the seller's approval on the platform, with the app the operator registered
 * there once: no key or token is typed by the seller.
 */
export interface ShopAuthorization {
  /** The platform's page where the seller approves our app; it sends the browser back to `redirectUrl`, carrying `state`. */
  authorizeUrl(redirectUrl: string, state: string): string;
  /** The shop's credentials for the query the platform sent the browser back with (its one-time code). */
  exchange(callback: Record<string, string>): Promise<AdapterResult<ChannelCredentials>>;
}

/** One thing of the shop's the seller may pick (a shipping channel, a warehouse), as the platform names it. */
export interface ShopChoice<Id> {
  id: Id;
  name: string;
  /** Used when the seller has picked nothing: Shopee's enabled channels, TikTok Shop's default sales warehouse. */
  preferred: boolean;
}

/** What a shop offers for the settings its items are listed with: read from the platform, never typed. */
export interface ShopOptions {
  /** Shopee's enabled shipping channels (logistics_channel_id): `settings.logisticIds` picks among them. */
  logistics?: Array<ShopChoice<number>>;
  /** TikTok Shop's sales warehouses: `settings.warehouseId` picks one. */
  warehouses?: Array<ShopChoice<string>>;
}

export interface ChannelAdapter {
  readonly info: PlatformInfo;
  /** Present when the operator has registered an app with the platform (configuration). */
  readonly authorization?: ShopAuthorization;
  /** The shop's shipping channels or warehouses to pick from; absent on a platform whose items need neither. */
  shopOptions?(context: ChannelContext): Promise<AdapterResult<ShopOptions>>;
  /** Field-level problems with the shape of the credentials (missing partnerId…), before any call. */
  credentialProblems(credentials: ChannelCredentials): Array<{ field: string; message: string }>;
  /**
   * Asks the platform whether these credentials work (shop info); the platform's message on
   * failure. `account` is the shop's own id there (Shopee's shop_id, Lazada's seller_id): a shop
   * is connected once.
   */
  verifyCredentials(context: ChannelContext): Promise<AdapterResult<VerifiedShop>>;
  /** Creates the item, or finds it by SKU and updates it: calling twice never makes two items. */
  publish(context: ChannelContext, input: PublishInput): Promise<AdapterResult<PublishedItem>>;
  updatePrice(context: ChannelContext, externalId: string, price: number): Promise<AdapterResult<void>>;
  updateStock(context: ChannelContext, externalId: string, stock: number): Promise<AdapterResult<void>>;
  /** Takes the item off sale (kept on the platform, can be published again). */
  unpublish(context: ChannelContext, externalId: string): Promise<AdapterResult<void>>;
  /** Orders created or updated since `since` (all pages). */
  fetchOrders(context: ChannelContext, since: Date, until: Date): Promise<AdapterResult<FetchedOrders>>;
  fetchOrder(context: ChannelContext, externalOrderId: string): Promise<AdapterResult<ExternalOrder | null>>;
  /** Checks the push's signature with the connection's secret; null when it does not verify. */
  verifyWebhook(credentials: ChannelCredentials, request: WebhookRequest): WebhookEvent | null;
  /** Gets a new access token with the refresh token and saves it through the context. */
  refreshToken(context: ChannelContext): Promise<AdapterResult<void>>;
}
