import { createHmac, randomBytes } from 'node:crypto';
import { constantTimeEqual, imageKind, postPush, queryRecord, type ParsedBody, type RecordedCall } from './fake-server.js';
import {
  MarketplaceFake,
  OwnedRecords,
  tokenFields,
  type Admission,
  type FakeRequest,
  type Reply,
  type Route,
  type RouteFound,
  type TokenPolicy,
} from './marketplace-fake.js';

/**
 * A local stand-in for the part of Shopee Open Platform v2 we use, built from the documented
 * protocol (field names from Shopee's API-doc JSON kept in
 * congminh1254/shopee-sdk `schemas/v2.*.json`). It checks what the gateway checks — common params
 * in the query, a 300 s timestamp window, lowercase-hex HMAC-SHA256 signatures (shop and public
 * base strings), access tokens per shop — and answers with Shopee's envelope
 * `{request_id, error, message, response?}`.
 *
 * Where Shopee's docs are silent the fake makes a choice and says so:
 * - HTTP statuses: 200 on success; 400 for parameter and business errors; 403 for `error_sign` and
 *   `error_auth`; 404 for an unknown path or a missing item/order; 429 for `error_rate_limit` with a
 *   `Retry-After` header in seconds; 500/503 for injected server faults.
 * - Refresh tokens are single-use; after a refresh the previous access token keeps working for
 *   5 more minutes, as documented. A bad refresh token answers `error_param` "Invalid refresh_token.".
 * - `upload_image` is a Public API (no shop params in its signature), so images belong to the partner
 *   app: add_item accepts any image id uploaded with the same partner_id.
 * - `search_item` matches `item_sku` as a substring: the doc does not say exact or partial, so a
 *   client has to compare `item_sku` itself.
 * - Item lists are in ascending item_id; order lists in ascending time then order_sn; cursors and
 *   offsets are plain positions.
 * - Leaf categories and logistic channel ids are a fixed set (not Shopee's live tree), adjustable
 *   per test.
 */

export type ShopeeItemStatus = 'NORMAL' | 'UNLIST' | 'BANNED' | 'REVIEWING' | 'SELLER_DELETE' | 'SHOPEE_DELETE';
export type ShopeeOrderStatus =
  'UNPAID' | 'READY_TO_SHIP' | 'PROCESSED' | 'SHIPPED' | 'TO_CONFIRM_RECEIVE' | 'COMPLETED' | 'RETRY_SHIP' | 'IN_CANCEL' | 'CANCELLED' | 'TO_RETURN';

export interface ShopeeFakeOptions {
  partnerId?: number;
  partnerKey?: string;
  /** Leaf category id → ids of its mandatory attributes. Replaces the default set. */
  categories?: Record<number, number[]>;
  /** Logistic channel ids add_item accepts. Replaces the default set. */
  logisticIds?: number[];
  /** The fake's clock in ms, for the timestamp window, token lifetimes, order times and rate limits. */
  now?: () => number;
}

export interface ShopeeFakeCall extends RecordedCall {
  shopId: number | null;
  query: Record<string, string | string[]>;
  /** Parsed JSON body; for multipart, `{fields, files: [{field, filename, contentType, size}]}`. */
  body: unknown;
  /** Shopee's `error` word; '' on success. */
  error: string;
}

export interface ShopeeFakeItem {
  itemId: number;
  shopId: number;
  sku: string;
  name: string;
  description: string;
  price: number;
  stock: number;
  locationId: string;
  weight: number;
  categoryId: number;
  attributes: Array<{ attributeId: number; values: Array<{ valueId: number; name: string; unit: string }> }>;
  imageIds: string[];
  logistics: Array<{ logisticId: number; enabled: boolean; shippingFee?: number; sizeId?: number; isFree?: boolean }>;
  status: ShopeeItemStatus;
  condition: 'NEW' | 'USED';
  createTime: number;
  updateTime: number;
  /** While true, price/stock changes and unlisting land in `failure_list`, as under a promotion. */
  promotionLocked: boolean;
}

export interface ShopeeFakeOrderLine {
  itemId: number;
  itemSku: string;
  modelSku: string;
  name: string;
  quantity: number;
  price: number;
}

export interface ShopeeFakeOrder {
  orderSn: string;
  shopId: number;
  status: ShopeeOrderStatus;
  createTime: number;
  updateTime: number;
  buyerUsername: string;
  lines: ShopeeFakeOrderLine[];
  totalAmount: number;
}

export interface ShopeeCreateOrderInput {
  lines: Array<{ itemId?: number; sku?: string; quantity: number; price?: number; modelSku?: string }>;
  status?: ShopeeOrderStatus;
  buyerUsername?: string;
}

interface Partner {
  partnerId: number;
  partnerKey: string;
}

interface Shop {
  shopId: number;
  name: string;
  partnerId: number;
}

interface Failure {
  error: string;
  message: string;
}

interface ItemFields {
  name?: string;
  description?: string;
  weight?: number;
  categoryId?: number;
  imageIds?: string[];
  logistics?: ShopeeFakeItem['logistics'];
  attributes?: ShopeeFakeItem['attributes'];
  sku?: string;
  condition?: 'NEW' | 'USED';
}

interface Answer {
  /** When the error word alone does not say it (404 for an unknown path, 5xx for a server fault). */
  status?: number;
  headers?: Record<string, string>;
  error?: string;
  message?: string;
  response?: unknown;
  /** Fields some endpoints (get_shop_info, auth) return beside the envelope instead of in `response`. */
  flat?: Record<string, unknown>;
}

interface RequestContext {
  partner: Partner;
  shop: Shop | null;
  query: URLSearchParams;
  body: Record<string, unknown>;
  form: FormData | null;
}

/** `shop` calls are signed with the shop's token; `public` ones (auth, upload_image) by the partner alone. */
type Guard = 'shop' | 'public';

interface ShopeeProtocol {
  accountId: number;
  account: Shop;
  call: ShopeeFakeCall;
  context: RequestContext;
  answer: Answer;
  guard: Guard;
}

const TIMESTAMP_WINDOW_S = 300;
/** The partner link the seller opens ("Authorization and Authentication"): signed like a public call; its code works once, for ten minutes. */
const AUTH_PARTNER_PATH = '/api/v2/shop/auth_partner';
const CODE_TTL_MS = 10 * 60_000;
/** A logistics channel every shop has but has switched off: get_channel_list shows it, add_item refuses it. */
const DISABLED_CHANNEL = { id: 59999, name: 'Hỏa tốc' };
/** Access tokens last 4 hours and refresh tokens 30 days; after a refresh the previous access token keeps working 5 more minutes, as documented. */
const TOKENS: TokenPolicy = {
  accessTtlMs: 4 * 3600_000,
  refreshTtlMs: 30 * 86400_000,
  mint: () => randomBytes(16).toString('hex'),
  onRefresh: { graceMs: 5 * 60_000 },
};
const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
const FIFTEEN_DAYS_S = 15 * 86400;
/**
 * The leaf ids of our default Shopee category table (so an end-to-end test needs no setup), plus
 * 100999, made up, with a mandatory attribute 100134 for tests of `error_less_required_attribute`.
 */
const DEFAULT_CATEGORIES: Record<number, number[]> = Object.fromEntries([
  ...[100017, 100664, 100714, 100783, 100784, 100786, 100787, 100858, 100859, 100861, 100865, 100870, 100875, 100876, 100880, 100881, 100888].map((id) => [
    id,
    [],
  ]),
  [100999, [100134]],
]);
const DEFAULT_LOGISTIC_IDS = [50011, 50012, 50018, 50021];
const ITEM_STATUSES: ShopeeItemStatus[] = ['NORMAL', 'BANNED', 'UNLIST', 'REVIEWING', 'SELLER_DELETE', 'SHOPEE_DELETE'];
const ORDER_STATUSES: ShopeeOrderStatus[] = [
  'UNPAID',
  'READY_TO_SHIP',
  'PROCESSED',
  'SHIPPED',
  'TO_CONFIRM_RECEIVE',
  'COMPLETED',
  'RETRY_SHIP',
  'IN_CANCEL',
  'CANCELLED',
  'TO_RETURN',
];
const DELETED: ShopeeItemStatus[] = ['SELLER_DELETE', 'SHOPEE_DELETE'];
/** How Shopee refuses a body it cannot read. */
const BODY_PROBLEMS: Record<NonNullable<ParsedBody['problem']>, string> = {
  bad_multipart: 'Wrong parameters, detail: multipart body could not be parsed.',
  not_an_object: 'Wrong parameters, detail: body must be a JSON object.',
  not_json: 'Wrong parameters, detail: body is not valid JSON.',
};

export class ShopeeFake extends MarketplaceFake<ShopeeProtocol> {
  readonly partnerId: number;
  readonly partnerKey: string;
  /** Leaf category id → mandatory attribute ids; tests may add to it (or use addCategory). */
  readonly categories = new Map<number, number[]>();
  readonly logisticIds = new Set<number>();

  private readonly partners = new Map<number, Partner>();
  private readonly itemsById = new OwnedRecords<number, ShopeeFakeItem>('ShopeeFake: unknown item', (item) => item.shopId);
  private readonly images = new Map<string, { partnerId: number; size: number; contentType: string }>();
  private readonly ordersBySn = new OwnedRecords<string, ShopeeFakeOrder>('ShopeeFake: unknown order', (order) => order.shopId);
  private nextShopId = 800_000_001;
  private nextItemId = 2_300_000_001;
  private nextPartnerId = 2_000_001;
  private orderCounter = 0;

  private constructor(options: ShopeeFakeOptions = {}) {
    super({
      name: 'ShopeeFake',
      accountNoun: 'shop',
      now: options.now,
      tokens: TOKENS,
    });
    const partner = this.addPartner({ partnerId: options.partnerId, partnerKey: options.partnerKey });
    this.partnerId = partner.partnerId;
    this.partnerKey = partner.partnerKey;
    for (const [id, attributes] of Object.entries(options.categories ?? DEFAULT_CATEGORIES)) this.categories.set(Number(id), attributes);
    for (const id of options.logisticIds ?? DEFAULT_LOGISTIC_IDS) this.logisticIds.add(id);
    this.registerRoutes();
    this.consentPage = {
      path: AUTH_PARTNER_PATH,
      codeTtlMs: CODE_TTL_MS,
      open: (query) => {
        const refusal = this.linkProblem(query);
        if (refusal) return { refusal };
        let back: URL;
        try {
          back = new URL(query.get('redirect') ?? '');
        } catch {
          return { refusal: err('error_param', 'redirect is required.') };
        }
        return { back, app: query.get('partner_id')! };
      },
      extra: (shop) => ({ shop_id: String(shop.shopId) }),
    };
  }

  static start(options?: ShopeeFakeOptions): Promise<ShopeeFake> {
    return new ShopeeFake(options).listen();
  }

  // ---- test controls -------------------------------------------------------------------------

  addPartner(options: { partnerId?: number; partnerKey?: string } = {}): { partnerId: number; partnerKey: string } {
    const partner = { partnerId: options.partnerId ?? this.nextPartnerId++, partnerKey: options.partnerKey ?? randomBytes(32).toString('hex') };
    this.partners.set(partner.partnerId, partner);
    return { ...partner };
  }

  /** A shop authorized for a partner (the default one unless given), with a fresh token pair. */
  addShop(options: { shopId?: number; name: string; partnerId?: number }): { shopId: number; accessToken: string; refreshToken: string } {
    const shopId = options.shopId ?? this.nextShopId++;
    const partnerId = options.partnerId ?? this.partnerId;
    if (!this.partners.has(partnerId)) throw new Error(`ShopeeFake: unknown partner ${partnerId}`);
    const shop = { shopId, name: options.name, partnerId };
    this.accounts.set(shopId, shop);
    const { accessToken, refreshToken } = this.tokens.issue(shop);
    return { shopId, accessToken, refreshToken };
  }

  addCategory(categoryId: number, mandatoryAttributeIds: number[] = []): void {
    this.categories.set(categoryId, mandatoryAttributeIds);
  }

  /** All items of a shop, deleted ones included, as copies. */
  items(shopId: number): ShopeeFakeItem[] {
    return this.itemsById.copiesFor(shopId);
  }

  orders(shopId: number): ShopeeFakeOrder[] {
    return this.ordersBySn.copiesFor(shopId);
  }

  setItemStatus(itemId: number, status: ShopeeItemStatus): void {
    this.itemsById.must(itemId).status = status;
  }

  setPromotionLock(itemId: number, locked: boolean): void {
    this.itemsById.must(itemId).promotionLocked = locked;
  }

  /** Places an order as a buyer would: stock is taken at once (Shopee reserves it even before payment). */
  createOrder(shopId: number, input: ShopeeCreateOrderInput): string {
    this.mustAccount(shopId);
    const lines = input.lines.map((line) => {
      const item =
        line.itemId !== undefined
          ? this.itemsById.owned(shopId, line.itemId)
          : this.itemsById.ownedBy(shopId).find((candidate) => candidate.sku === line.sku && !DELETED.includes(candidate.status));
      if (!item) throw new Error(`ShopeeFake: no item ${line.itemId ?? line.sku} in shop ${shopId}`);
      if (line.quantity < 1 || line.quantity > item.stock)
        throw new Error(`ShopeeFake: item ${item.itemId} has ${item.stock} in stock, asked ${line.quantity}`);
      return { item, line };
    });
    for (const { item, line } of lines) item.stock -= line.quantity;
    const now = Math.floor(this.now() / 1000);
    const orderSn = this.newOrderSn();
    const orderLines = lines.map(({ item, line }) => ({
      itemId: item.itemId,
      itemSku: item.sku,
      modelSku: line.modelSku ?? '',
      name: item.name,
      quantity: line.quantity,
      price: line.price ?? item.price,
    }));
    this.ordersBySn.set(orderSn, {
      orderSn,
      shopId,
      status: input.status ?? 'READY_TO_SHIP',
      createTime: now,
      updateTime: now,
      buyerUsername: input.buyerUsername ?? `buyer${this.orderCounter}`,
      lines: orderLines,
      totalAmount: orderLines.reduce((sum, line) => sum + line.price * line.quantity, 0),
    });
    return orderSn;
  }

  /** Moving into CANCELLED gives the stock back, as Shopee does. */
  setOrderStatus(orderSn: string, status: ShopeeOrderStatus): void {
    const order = this.ordersBySn.must(orderSn);
    if (status === 'CANCELLED' && order.status !== 'CANCELLED') {
      for (const line of order.lines) {
        const item = this.itemsById.get(line.itemId);
        if (item) item.stock += line.quantity;
      }
    }
    order.status = status;
    order.updateTime = Math.floor(this.now() / 1000);
  }

  /** Sends a code-3 order status push for an order; returns the HTTP status the receiver answered. */
  async push(callbackUrl: string, shopId: number, orderSn: string): Promise<number> {
    const order = this.ordersBySn.get(orderSn);
    if (!order || order.shopId !== shopId) throw new Error(`ShopeeFake: no order ${orderSn} in shop ${shopId}`);
    return this.pushEvent(callbackUrl, shopId, 3, { ordersn: order.orderSn, status: order.status, update_time: order.updateTime });
  }

  /** Any push code (1 authorized, 2 cancelled, 12 expiring…), signed over `url|body` with the shop's partner key. */
  async pushEvent(callbackUrl: string, shopId: number, code: number, data: Record<string, unknown>): Promise<number> {
    const shop = this.mustAccount(shopId);
    const partner = this.partners.get(shop.partnerId)!;
    const body = JSON.stringify({ code, shop_id: shopId, timestamp: Math.floor(this.now() / 1000), data });
    return postPush(callbackUrl, body, createHmac('sha256', partner.partnerKey).update(`${callbackUrl}|${body}`).digest('hex'));
  }

  // ---- HTTP ------------------------------------------------------------------------------------

  protected async record(request: FakeRequest): Promise<ShopeeFakeCall> {
    const shopId = request.query.get('shop_id') ?? '';
    return {
      method: request.method,
      path: request.path,
      shopId: /^\d+$/.test(shopId) ? Number(shopId) : null,
      query: queryRecord(request.query),
      body: (await request.parsed()).recorded,
      status: 0,
      error: '',
    };
  }

  /** Common parameters in the query, a 300 s timestamp window, then the signature over the shop or public base string, then the shop's token. */
  protected async admit(request: FakeRequest, { route }: RouteFound<ShopeeProtocol>): Promise<Admission<ShopeeProtocol>> {
    const { query, path } = request;
    const partnerIdText = query.get('partner_id');
    if (!partnerIdText) return refuse('error_param', 'There is no partner_id in query.');
    if (!/^\d+$/.test(partnerIdText)) return refuse('error_param', 'Partner_id is invalid, should be an integer between 0 and 4294967295.');
    const partner = this.partners.get(Number(partnerIdText));
    if (!partner) return refuse('error_param', 'Invalid partner_id.');
    const timestampText = query.get('timestamp');
    if (!timestampText) return refuse('error_param', 'no timestamp.');
    if (!/^\d+$/.test(timestampText)) return refuse('error_param', 'Timestamp is invalid, should be an integer between 0 and 4294967295.');
    if (Math.abs(Math.floor(this.now() / 1000) - Number(timestampText)) > TIMESTAMP_WINDOW_S) return refuse('error_param', 'Timestamp is expired.');
    const sign = query.get('sign');
    if (!sign) return refuse('error_param', 'There is no sign in query.');

    let base = `${partnerIdText}${path}${timestampText}`;
    let shop: Shop | null = null;
    let accessToken = '';
    if (route.guard === 'shop') {
      accessToken = query.get('access_token') ?? '';
      if (!accessToken) return refuse('error_param', 'There is no access_token in query.');
      const shopIdText = query.get('shop_id');
      if (!shopIdText) return refuse('error_param', 'There is no shop_id in query.');
      if (!/^\d+$/.test(shopIdText)) return refuse('error_param', 'shop_id is invalid, should be an integer between 0 and 4294967295.');
      base += `${accessToken}${shopIdText}`;
      shop = this.accounts.get(Number(shopIdText)) ?? null;
    }
    const expected = createHmac('sha256', partner.partnerKey).update(base).digest('hex');
    // Lowercase hex only, as documented: an uppercase signature is a client bug worth seeing.
    if (!constantTimeEqual(expected, sign)) return refuse('error_sign', 'Wrong sign.');
    if (route.guard === 'shop') {
      if (!shop || shop.partnerId !== partner.partnerId) return refuse('error_auth', 'Invalid partner_id or shopid.');
      if (this.tokens.liveAccessHolder(accessToken) !== shop) return refuse('error_auth', 'Invalid access_token.');
    }
    const { json: body, form } = await request.parsed();
    return { context: { partner, shop, query, body, form }, budget: shop ? `shop:${shop.shopId}` : `partner:${partner.partnerId}` };
  }

  protected override async refuseBody(request: FakeRequest, route: Route<ShopeeProtocol>): Promise<Answer | null> {
    const { form, problem } = await request.parsed();
    if (problem) return err('error_param', BODY_PROBLEMS[problem]);
    if (route.methods.includes('POST') && route.guard === 'shop' && form) return err('error_param', 'Wrong parameters, detail: body must be JSON.');
    return null;
  }

  /** Shopee's envelope `{request_id, error, message, response?}`. */
  protected reply(answer: Answer, call: ShopeeFakeCall): Reply {
    call.error = answer.error ?? '';
    return {
      status: answer.status ?? httpStatusFor(call.error),
      headers: answer.headers,
      ok: call.error === '',
      body: {
        request_id: randomBytes(16).toString('hex'),
        error: call.error,
        message: answer.message ?? '',
        ...(answer.response !== undefined ? { response: answer.response } : {}),
        ...(answer.flat ?? {}),
      },
    };
  }

  protected unrouted(): Answer {
    return { status: 404, error: 'error_param', message: 'Permission denied. This API is currently offline or the request path is incorrect.' };
  }

  protected serverFault(kind: 'http500' | 'http503' | 'timeout'): Answer {
    if (kind === 'http503') return { status: 503, error: 'error_server', message: 'System error. Please try again later.' };
    return { status: kind === 'timeout' ? 504 : 500, error: 'error_server', message: 'Something wrong. Please try later.' };
  }

  protected rateLimited(retryAfterSeconds: number): Answer {
    return {
      error: 'error_rate_limit',
      message: 'Too many requests. You have reached the rate limit. Please try again later.',
      headers: { 'retry-after': String(retryAfterSeconds) },
    };
  }

  protected crashBody(message: string): unknown {
    return { request_id: '', error: 'error_server', message };
  }

  // ---- endpoints -------------------------------------------------------------------------------

  private registerRoutes(): void {
    const route = (method: string, guard: Guard, path: string, handler: Route<ShopeeProtocol>['handler']) => this.routes.add(method, path, guard, handler);
    route('GET', 'shop', '/api/v2/shop/get_shop_info', (ctx) => this.getShopInfo(ctx));
    route('POST', 'public', '/api/v2/auth/token/get', (ctx) => this.getAccessToken(ctx));
    route('POST', 'public', '/api/v2/auth/access_token/get', (ctx) => this.refreshAccessToken(ctx));
    route('GET', 'shop', '/api/v2/logistics/get_channel_list', () => this.getChannelList());
    route('POST', 'public', '/api/v2/media_space/upload_image', (ctx) => this.uploadImage(ctx));
    route('POST', 'shop', '/api/v2/product/add_item', (ctx) => this.addItem(ctx));
    route('POST', 'shop', '/api/v2/product/update_item', (ctx) => this.updateItem(ctx));
    route('POST', 'shop', '/api/v2/product/update_price', (ctx) => this.updatePrice(ctx));
    route('POST', 'shop', '/api/v2/product/update_stock', (ctx) => this.updateStock(ctx));
    route('POST', 'shop', '/api/v2/product/unlist_item', (ctx) => this.unlistItem(ctx));
    route('GET', 'shop', '/api/v2/product/get_item_list', (ctx) => this.getItemList(ctx));
    route('GET', 'shop', '/api/v2/product/get_item_base_info', (ctx) => this.getItemBaseInfo(ctx));
    route('GET', 'shop', '/api/v2/product/search_item', (ctx) => this.searchItem(ctx));
    route('GET', 'shop', '/api/v2/order/get_order_list', (ctx) => this.getOrderList(ctx));
    route('GET', 'shop', '/api/v2/order/get_order_detail', (ctx) => this.getOrderDetail(ctx));
  }

  private getShopInfo({ shop }: RequestContext): Answer {
    const now = Math.floor(this.now() / 1000);
    return {
      flat: {
        shop_name: shop!.name,
        region: 'VN',
        status: 'NORMAL',
        auth_time: now,
        expire_time: now + 365 * 86400,
        is_cb: false,
        is_sip: false,
        is_main_shop: false,
        is_direct_shop: false,
        merchant_id: null,
      },
    };
  }

  /** The partner link's own checks, as for a public call: partner, timestamp window, sign over partner_id + path + timestamp. */
  private linkProblem(query: URLSearchParams): Answer | null {
    const partner = this.partners.get(Number(query.get('partner_id')));
    if (!partner) return err('error_param', 'Invalid partner_id.');
    const timestamp = query.get('timestamp') ?? '';
    if (!/^\d+$/.test(timestamp) || Math.abs(Math.floor(this.now() / 1000) - Number(timestamp)) > TIMESTAMP_WINDOW_S)
      return err('error_param', 'Timestamp is expired.');
    const expected = createHmac('sha256', partner.partnerKey).update(`${partner.partnerId}${AUTH_PARTNER_PATH}${timestamp}`).digest('hex');
    return constantTimeEqual(expected, query.get('sign') ?? '') ? null : err('error_sign', 'Wrong sign.');
  }

  /** token/get: the code the partner link handed out, for this partner and the shop it named, once; the shop gets a fresh pair. */
  private getAccessToken({ partner, body }: RequestContext): Answer {
    if (typeof body.code !== 'string' || body.partner_id !== partner.partnerId) return err('error_param', 'Invalid code.');
    const shop = this.redeemCode(body.code, String(partner.partnerId));
    if (!shop || shop.shopId !== body.shop_id) return err('error_param', 'Invalid code.');
    shop.partnerId = partner.partnerId;
    const pair = this.tokens.issue(shop);
    return { flat: { ...tokenFields(pair), expire_in: TOKENS.accessTtlMs / 1000, shop_id_list: [shop.shopId] } };
  }

  /** get_channel_list: the enabled channels (the fake's logisticIds) and one the seller has switched off. */
  private getChannelList(): Answer {
    const enabled = [...this.logisticIds].map((id) => ({ logistics_channel_id: id, logistics_channel_name: `Kênh ${id}`, enabled: true }));
    return {
      response: {
        logistics_channel_list: [...enabled, { logistics_channel_id: DISABLED_CHANNEL.id, logistics_channel_name: DISABLED_CHANNEL.name, enabled: false }],
      },
    };
  }

  private refreshAccessToken({ partner, body }: RequestContext): Answer {
    if (typeof body.refresh_token !== 'string' || !body.refresh_token) return err('error_param', 'Wrong parameters, detail: refresh_token is required.');
    if (body.partner_id !== partner.partnerId) return err('error_param', 'Wrong parameters, detail: partner_id in the body does not match the query.');
    const shop = typeof body.shop_id === 'number' ? this.accounts.get(body.shop_id) : undefined;
    if (!shop || shop.partnerId !== partner.partnerId) return err('error_auth', 'Invalid partner_id or shopid.');
    if (this.tokens.liveRefreshHolder(body.refresh_token) !== shop) return err('error_param', 'Invalid refresh_token.');
    const renewed = this.tokens.renew(shop);
    return {
      flat: {
        ...tokenFields(renewed),
        expire_in: TOKENS.accessTtlMs / 1000,
        partner_id: partner.partnerId,
        shop_id: shop.shopId,
      },
    };
  }

  private async uploadImage({ partner, form }: RequestContext): Promise<Answer> {
    if (!form) return err('error_param', 'Wrong parameters, detail: upload_image takes multipart/form-data.');
    const scene = form.get('scene');
    if (scene !== null && scene !== 'normal' && scene !== 'desc') return err('error_param', 'Wrong parameters, detail: scene must be normal or desc.');
    const files = form.getAll('image').filter((value): value is Exclude<ReturnType<FormData['getAll']>[number], string> => typeof value !== 'string');
    if (files.length === 0) return err('error_param', 'Wrong parameters, detail: image is required.');
    if (files.length >= 9) return err('error_param', 'Wrong parameters, detail: image number should be less than 9.');
    const infos = [];
    for (const [index, file] of files.entries()) {
      const bytes = Buffer.from(await file.arrayBuffer());
      if (bytes.length > MAX_IMAGE_BYTES) return err('error_param', `Wrong parameters, detail: image ${index} is larger than 10 MB.`);
      const kind = imageKind(bytes);
      if (!kind) return err('error_param', `Wrong parameters, detail: image ${index} is not a JPG, JPEG or PNG file.`);
      const imageId = `vn-11134207-7r98o-${randomBytes(12).toString('hex')}`;
      this.images.set(imageId, { partnerId: partner.partnerId, size: bytes.length, contentType: kind });
      infos.push({ image_id: imageId, image_url_list: [{ image_url_region: 'VN', image_url: `https://cf.shopee.vn/file/${imageId}` }] });
    }
    return {
      response: {
        image_info: infos[0],
        image_info_list: infos.map((image_info, id) => ({ id, error: '', message: '', image_info })),
      },
    };
  }

  private addItem({ partner, shop, body }: RequestContext): Answer {
    if (typeof body.original_price !== 'number' || !(body.original_price > 0) || !Number.isInteger(body.original_price)) {
      // VN listings take whole đồng only (update_price doc: decimals for SG/MY/BR/MX/PL/ES/AR only).
      return err('error_invalid_price', 'Invalid price, please use the correct format');
    }
    for (const field of ['item_name', 'description', 'weight', 'category_id', 'image', 'logistic_info'] as const) {
      if (body[field] === undefined)
        return field === 'item_name'
          ? err('error_item_name_empty', 'Item name could not be empty.')
          : err('error_param', `Wrong parameters, detail: ${field} is required.`);
    }
    const fields = this.checkItemFields(body, partner);
    if ('error' in fields) return fields;
    let stock = 0;
    let locationId = '';
    if (body.seller_stock !== undefined) {
      const parsed = parseSellerStock(body.seller_stock);
      if (!parsed) return err('error_param', 'Wrong parameters, detail: seller_stock must be a list of {location_id?, stock} with whole non-negative stock.');
      ({ stock, locationId } = parsed);
    }
    const status = body.item_status ?? 'NORMAL';
    if (status !== 'NORMAL' && status !== 'UNLIST') return err('error_param', 'Wrong parameters, detail: item_status must be NORMAL or UNLIST.');
    const attributes = fields.attributes ?? [];
    const missing = this.missingAttributes(fields.categoryId!, attributes);
    if (missing) return missing;
    const now = Math.floor(this.now() / 1000);
    const item: ShopeeFakeItem = {
      itemId: this.nextItemId++,
      shopId: shop!.shopId,
      sku: fields.sku ?? '',
      name: fields.name!,
      description: fields.description!,
      price: body.original_price,
      stock,
      locationId,
      weight: fields.weight!,
      categoryId: fields.categoryId!,
      attributes,
      imageIds: fields.imageIds!,
      logistics: fields.logistics!,
      status,
      condition: fields.condition ?? 'NEW',
      createTime: now,
      updateTime: now,
      promotionLocked: false,
    };
    this.itemsById.set(item.itemId, item);
    return { response: { item_id: item.itemId, ...this.itemEcho(item) } };
  }

  private updateItem({ partner, shop, body }: RequestContext): Answer {
    const item = this.shopItem(shop!, body.item_id);
    if (!item) return err('error_item_not_found', 'Item_id is not found.');
    if (item.status === 'BANNED') return err('error_item_uneditable', "Can't edit this item. item status can not support editing.");
    const fields = this.checkItemFields(body, partner);
    if ('error' in fields) return fields;
    const categoryId = fields.categoryId ?? item.categoryId;
    const attributes = fields.attributes ?? item.attributes;
    const missing = this.missingAttributes(categoryId, attributes);
    if (missing) return missing;
    if (fields.name !== undefined) item.name = fields.name;
    if (fields.description !== undefined) item.description = fields.description;
    if (fields.weight !== undefined) item.weight = fields.weight;
    if (fields.imageIds !== undefined) item.imageIds = fields.imageIds;
    if (fields.logistics !== undefined) item.logistics = fields.logistics;
    if (fields.sku !== undefined) item.sku = fields.sku;
    if (fields.condition !== undefined) item.condition = fields.condition;
    item.categoryId = categoryId;
    item.attributes = attributes;
    item.updateTime = Math.floor(this.now() / 1000);
    return { response: { item_id: item.itemId, ...this.itemEcho(item) } };
  }

  private updatePrice({ shop, body }: RequestContext): Answer {
    if (body.item_id === undefined) return err('product.error_param', 'invalid field ItemId: value must  Not Null');
    if (!Array.isArray(body.price_list) || body.price_list.length < 1 || body.price_list.length > 50) {
      return err('product.error_param', 'invalid field PriceList: length should be between 1 to 50');
    }
    const item = this.shopItem(shop!, body.item_id);
    if (!item) return err('error_item_not_found', 'Item_id is not found.');
    const success_list: unknown[] = [];
    const failure_list: unknown[] = [];
    for (const entry of body.price_list as Array<Record<string, unknown>>) {
      const modelId = entry?.model_id ?? 0;
      const price = entry?.original_price;
      if (typeof price !== 'number' || !(price > 0) || !Number.isInteger(price))
        return err('error_invalid_price', 'Invalid price, please use the correct format');
      if (modelId !== 0) failure_list.push({ model_id: modelId, failed_reason: 'Wrong model_id.' });
      else if (item.promotionLocked) failure_list.push({ model_id: 0, failed_reason: 'Original_price cannot be edited when item is under promotion.' });
      else {
        item.price = price;
        item.updateTime = Math.floor(this.now() / 1000);
        success_list.push({ model_id: 0, original_price: price });
      }
    }
    return { response: { failure_list, success_list } };
  }

  private updateStock({ shop, body }: RequestContext): Answer {
    if (body.item_id === undefined) return err('product.error_param', 'invalid field ItemId: value must  Not Null');
    if (!Array.isArray(body.stock_list) || body.stock_list.length < 1 || body.stock_list.length > 50) {
      return err('product.error_param', 'invalid field StockList: length should be between 1 to 50');
    }
    const item = this.shopItem(shop!, body.item_id);
    if (!item) return err('error_item_not_found', 'Item_id is not found.');
    const success_list: unknown[] = [];
    const failure_list: unknown[] = [];
    for (const entry of body.stock_list as Array<Record<string, unknown>>) {
      const modelId = entry?.model_id ?? 0;
      const parsed = parseSellerStock(entry?.seller_stock);
      if (!parsed || (entry.seller_stock as unknown[]).length === 0)
        return err('error_param', 'Wrong parameters, detail: seller_stock must hold whole non-negative stock.');
      if (modelId !== 0) failure_list.push({ model_id: modelId, failed_reason: 'Wrong model_id.' });
      else if (item.promotionLocked) failure_list.push({ model_id: 0, failed_reason: 'Normal_stock cannot be edited when item is under promotion.' });
      else {
        item.stock = parsed.stock;
        item.locationId = parsed.locationId;
        item.updateTime = Math.floor(this.now() / 1000);
        success_list.push({ model_id: 0, location_id: parsed.locationId, stock: parsed.stock });
      }
    }
    return { response: { failure_list, success_list } };
  }

  private unlistItem({ shop, body }: RequestContext): Answer {
    if (!Array.isArray(body.item_list) || body.item_list.length < 1 || body.item_list.length > 50) {
      return err('product.error_param', 'invalid field ItemList: value must  Not Null');
    }
    const success_list: unknown[] = [];
    const failure_list: unknown[] = [];
    for (const entry of body.item_list as Array<Record<string, unknown>>) {
      if (typeof entry?.unlist !== 'boolean') return err('product.error_param', 'invalid field Unlist: value must  Not Null');
      const item = this.shopItem(shop!, entry.item_id);
      if (!item) failure_list.push({ item_id: entry?.item_id, failed_reason: 'Item_id is not found.' });
      else if (item.status === 'BANNED')
        failure_list.push({ item_id: item.itemId, failed_reason: "Can't edit this item. item status can not support editing." });
      else if (item.promotionLocked && entry.unlist)
        failure_list.push({ item_id: item.itemId, failed_reason: "Can't unlist item when item is under promotion" });
      else {
        item.status = entry.unlist ? 'UNLIST' : 'NORMAL';
        item.updateTime = Math.floor(this.now() / 1000);
        success_list.push({ item_id: item.itemId, unlist: entry.unlist });
      }
    }
    return { response: { failure_list, success_list } };
  }

  private getItemList({ shop, query }: RequestContext): Answer {
    const offset = intParam(query, 'offset');
    const pageSize = intParam(query, 'page_size');
    if (offset === null || offset < 0) return err('error_param', 'Wrong parameters, detail: offset is required.');
    if (pageSize === null || pageSize < 1 || pageSize > 100) return err('error_param', 'Wrong parameters, detail: page_size should be between 1 and 100.');
    const statuses = query.getAll('item_status');
    if (statuses.length === 0 || statuses.some((status) => !ITEM_STATUSES.includes(status as ShopeeItemStatus)))
      return err('error_param_item_status', 'Item status error.');
    const from = intParam(query, 'update_time_from');
    const to = intParam(query, 'update_time_to');
    if (from !== null && to !== null && to < from) return err('error_update_time_range', 'Update_time_to should be later than update_time_from.');
    const matching = this.shopItems(shop!).filter(
      (item) => statuses.includes(item.status) && (from === null || item.updateTime >= from) && (to === null || item.updateTime <= to),
    );
    const page = matching.slice(offset, offset + pageSize);
    const hasNext = offset + pageSize < matching.length;
    return {
      response: {
        item: page.map((item) => ({ item_id: item.itemId, item_status: item.status, update_time: item.updateTime, tag: { kit: false } })),
        total_count: matching.length,
        has_next_page: hasNext,
        next_offset: hasNext ? offset + pageSize : 0,
      },
    };
  }

  private getItemBaseInfo({ shop, query }: RequestContext): Answer {
    const ids = (query.get('item_id_list') ?? '')
      .replace(/[[\]]/g, '')
      .split(/[,\s]+/)
      .filter(Boolean);
    if (ids.length === 0 || ids.length > 50 || ids.some((id) => !/^\d+$/.test(id))) {
      return err('error_param', 'Wrong parameters, detail: item_id_list should hold 1 to 50 item ids.');
    }
    const items = ids.map((id) => this.shopItem(shop!, Number(id), true)).filter((item): item is ShopeeFakeItem => item !== null);
    if (items.length === 0) return err('error_item_not_found', 'Item_id is not found.');
    return { response: { item_list: items.map((item) => this.baseInfo(item)) } };
  }

  private searchItem({ shop, query }: RequestContext): Answer {
    const pageSize = intParam(query, 'page_size');
    if (pageSize === null || pageSize < 1 || pageSize > 100) return err('product.error_param', 'invalid field PageSize: value must  Not Null');
    const offsetText = query.get('offset') ?? '';
    if (offsetText !== '' && !/^\d+$/.test(offsetText)) return err('error_param', 'Wrong parameters, detail: offset is invalid.');
    const offset = offsetText === '' ? 0 : Number(offsetText);
    const name = query.get('item_name');
    const sku = query.get('item_sku');
    if (!name && !sku && !query.get('attribute_status')) return err('error_param', 'request must set one of [item_name,attribute_status]');
    const statuses = query.getAll('item_status');
    if (statuses.some((status) => !ITEM_STATUSES.includes(status as ShopeeItemStatus))) return err('error_param_item_status', 'Item status error.');
    const matching = this.shopItems(shop!).filter((item) => {
      if (statuses.length > 0 ? !statuses.includes(item.status) : DELETED.includes(item.status)) return false;
      // With both, only item_sku counts (search_item doc).
      if (sku) return item.sku.includes(sku);
      if (name) return item.name.toLowerCase().includes(name.toLowerCase());
      return true;
    });
    const page = matching.slice(offset, offset + pageSize);
    const hasNext = offset + pageSize < matching.length;
    return { response: { item_id_list: page.map((item) => item.itemId), total_count: matching.length, next_offset: hasNext ? String(offset + pageSize) : '' } };
  }

  private getOrderList({ shop, query }: RequestContext): Answer {
    const field = query.get('time_range_field');
    if (field !== 'create_time' && field !== 'update_time')
      return err('error_param', 'Wrong parameters, detail: time_range_field should be create_time or update_time.');
    const from = intParam(query, 'time_from');
    const to = intParam(query, 'time_to');
    if (from === null || to === null) return err('error_param', 'Wrong parameters, detail: time_from and time_to are required.');
    if (from > to || to - from > FIFTEEN_DAYS_S) return err('order.order_list_invalid_time', 'Start time must be earlier than end time and diff in 15days.');
    const pageSize = intParam(query, 'page_size');
    if (pageSize === null || pageSize < 1 || pageSize > 100) return err('error_param', 'Wrong parameters, detail: page_size should be between 1 and 100.');
    const cursorText = query.get('cursor') ?? '';
    if (cursorText !== '' && !/^\d+$/.test(cursorText)) return err('error_param', 'Wrong parameters, detail: cursor is invalid.');
    const status = query.get('order_status');
    if (status && !ORDER_STATUSES.includes(status as ShopeeOrderStatus)) return err('error_param', 'Wrong parameters, detail: order_status is invalid.');
    const withStatus = (query.get('response_optional_fields') ?? '').split(',').includes('order_status');
    const key = field === 'create_time' ? 'createTime' : 'updateTime';
    const matching = this.ordersBySn
      .ownedBy(shop!.shopId)
      .filter((order) => order[key] >= from && order[key] <= to && (!status || order.status === status))
      .sort((a, b) => a[key] - b[key] || a.orderSn.localeCompare(b.orderSn));
    const offset = cursorText === '' ? 0 : Number(cursorText);
    const page = matching.slice(offset, offset + pageSize);
    const more = offset + pageSize < matching.length;
    return {
      response: {
        more,
        next_cursor: more ? String(offset + pageSize) : '',
        order_list: page.map((order) => ({ order_sn: order.orderSn, ...(withStatus ? { order_status: order.status } : {}) })),
      },
    };
  }

  private getOrderDetail({ shop, query }: RequestContext): Answer {
    const sns = (query.get('order_sn_list') ?? '').split(',').filter(Boolean);
    if (sns.length === 0 || sns.length > 50) return err('error_param', 'Wrong parameters, detail: order_sn_list should hold 1 to 50 order_sn.');
    const optional = new Set((query.get('response_optional_fields') ?? '').split(',').map((name) => name.trim()));
    const orders = sns.map((sn) => this.ordersBySn.owned(shop!.shopId, sn)).filter((order) => order !== undefined);
    if (orders.length === 0) return err('error_not_found', 'Wrong parameters, detail: the order is not found.');
    return {
      response: {
        order_list: orders.map((order) => ({
          order_sn: order.orderSn,
          region: 'VN',
          currency: 'VND',
          cod: false,
          order_status: order.status,
          message_to_seller: '',
          create_time: order.createTime,
          update_time: order.updateTime,
          days_to_ship: 2,
          ship_by_date: order.createTime + 2 * 86400,
          ...(optional.has('buyer_username') ? { buyer_username: order.buyerUsername } : {}),
          ...(optional.has('total_amount') && order.status !== 'UNPAID' ? { total_amount: order.totalAmount } : {}),
          ...(optional.has('item_list')
            ? {
                item_list: order.lines.map((line) => ({
                  item_id: line.itemId,
                  item_name: line.name,
                  item_sku: line.itemSku,
                  model_id: 0,
                  model_name: '',
                  model_sku: line.modelSku,
                  model_quantity_purchased: line.quantity,
                  model_original_price: line.price,
                  model_discounted_price: line.price,
                  wholesale: false,
                  weight: this.itemsById.get(line.itemId)?.weight ?? 0,
                  add_on_deal: false,
                  main_item: false,
                  add_on_deal_id: 0,
                  promotion_type: '',
                  promotion_id: 0,
                  order_item_id: line.itemId,
                  promotion_group_id: 0,
                  image_info: { image_url: '' },
                  product_location_id: [],
                })),
              }
            : {}),
        })),
      },
    };
  }

  // ---- helpers ---------------------------------------------------------------------------------

  /** Checks the item fields present in the body (add_item has already required its mandatory ones). */
  private checkItemFields(body: Record<string, unknown>, partner: Partner): Failure | ItemFields {
    const out: ItemFields = {};
    if (body.item_name !== undefined) {
      if (typeof body.item_name !== 'string' || !body.item_name.trim()) return err('error_item_name_empty', 'Item name could not be empty.');
      out.name = body.item_name;
    }
    if (body.description !== undefined) {
      if (typeof body.description !== 'string' || !body.description.trim()) return err('error_param', 'Wrong parameters, detail: description is required.');
      out.description = body.description;
    }
    if (body.weight !== undefined) {
      if (typeof body.weight !== 'number' || !(body.weight > 0)) return err('error_param', 'Invalid Weight.');
      out.weight = body.weight;
    }
    if (body.category_id !== undefined) {
      if (typeof body.category_id !== 'number' || !this.categories.has(body.category_id)) return err('error_param', 'Invalid category.');
      out.categoryId = body.category_id;
    }
    if (body.image !== undefined) {
      const list = (body.image as { image_id_list?: unknown } | null)?.image_id_list;
      if (!Array.isArray(list) || list.length === 0) return err('error_param', 'Wrong parameters, detail: image.image_id_list is required.');
      if (list.length > 9) return err('error_param', 'Wrong parameters, detail: at most 9 images.');
      if (list.some((id) => typeof id !== 'string' || this.images.get(id)?.partnerId !== partner.partnerId)) return err('error_param', 'Image not exist.');
      out.imageIds = list as string[];
    }
    if (body.logistic_info !== undefined) {
      const list = body.logistic_info;
      if (!Array.isArray(list) || list.length === 0) return err('error_invalid_logistic_info', 'invalid logistic info , logistic_info is empty');
      const logistics: ShopeeFakeItem['logistics'] = [];
      for (const entry of list as Array<Record<string, unknown>>) {
        if (typeof entry?.logistic_id !== 'number' || typeof entry.enabled !== 'boolean') {
          return err('error_invalid_logistic_info', 'invalid logistic info , each entry needs logistic_id and enabled');
        }
        if (!this.logisticIds.has(entry.logistic_id))
          return err('error_invalid_logistic_info', `invalid logistic info , logistic_id ${entry.logistic_id} is not available to this shop`);
        logistics.push({
          logisticId: entry.logistic_id,
          enabled: entry.enabled,
          ...(typeof entry.shipping_fee === 'number' ? { shippingFee: entry.shipping_fee } : {}),
          ...(typeof entry.size_id === 'number' ? { sizeId: entry.size_id } : {}),
          ...(typeof entry.is_free === 'boolean' ? { isFree: entry.is_free } : {}),
        });
      }
      if (!logistics.some((entry) => entry.enabled)) return err('error_invalid_logistic_info', 'invalid logistic info , no channel is enabled');
      out.logistics = logistics;
    }
    if (body.attribute_list !== undefined) {
      if (!Array.isArray(body.attribute_list)) return err('error_param', 'Invalid attribute. attribute_list must be a list');
      const attributes: ShopeeFakeItem['attributes'] = [];
      for (const entry of body.attribute_list as Array<Record<string, unknown>>) {
        const values = entry?.attribute_value_list;
        if (typeof entry?.attribute_id !== 'number' || !Array.isArray(values))
          return err('error_param', 'Invalid attribute. each attribute needs attribute_id and attribute_value_list');
        const parsed = [];
        for (const value of values as Array<Record<string, unknown>>) {
          if (typeof value?.value_id !== 'number') return err('error_param', 'Invalid attribute. value_id is required');
          const name = typeof value.original_value_name === 'string' ? value.original_value_name : '';
          if (value.value_id === 0 && !name) return err('error_value_name_required', 'Value_name is required.');
          parsed.push({ valueId: value.value_id, name, unit: typeof value.value_unit === 'string' ? value.value_unit : '' });
        }
        attributes.push({ attributeId: entry.attribute_id, values: parsed });
      }
      out.attributes = attributes;
    }
    if (body.item_sku !== undefined) {
      if (typeof body.item_sku !== 'string' || body.item_sku.length > 100)
        return err('error_param', 'Wrong parameters, detail: item_sku must be a string of at most 100 characters.');
      out.sku = body.item_sku;
    }
    if (body.condition !== undefined) {
      if (body.condition !== 'NEW' && body.condition !== 'USED') return err('error_param', 'Wrong parameters, detail: condition must be NEW or USED.');
      out.condition = body.condition;
    }
    return out;
  }

  private missingAttributes(categoryId: number, attributes: ShopeeFakeItem['attributes']): Failure | null {
    const mandatory = this.categories.get(categoryId) ?? [];
    const given = new Set(attributes.filter((attribute) => attribute.values.length > 0).map((attribute) => attribute.attributeId));
    return mandatory.every((id) => given.has(id)) ? null : err('error_less_required_attribute', 'Mandatory attribute information required');
  }

  private shopItems(shop: Shop): ShopeeFakeItem[] {
    return this.itemsById.ownedBy(shop.shopId).sort((a, b) => a.itemId - b.itemId);
  }

  private shopItem(shop: Shop, itemId: unknown, includeDeleted = false): ShopeeFakeItem | null {
    const item = typeof itemId === 'number' ? this.itemsById.owned(shop.shopId, itemId) : undefined;
    if (!item) return null;
    return includeDeleted || !DELETED.includes(item.status) ? item : null;
  }

  private itemEcho(item: ShopeeFakeItem) {
    return {
      item_name: item.name,
      description: item.description,
      item_sku: item.sku,
      weight: item.weight,
      category_id: item.categoryId,
      item_status: item.status,
      condition: item.condition,
      images: { image_id_list: item.imageIds, image_url_list: item.imageIds.map((id) => `https://cf.shopee.vn/file/${id}`) },
      price_info: { original_price: item.price, current_price: item.price },
      seller_stock: [{ ...(item.locationId ? { location_id: item.locationId } : {}), stock: item.stock }],
      logistic_info: item.logistics.map(logisticWire),
      attributes: item.attributes.map(attributeWire),
    };
  }

  /** Field names of v2.product.get_item_base_info. */
  private baseInfo(item: ShopeeFakeItem) {
    return {
      item_id: item.itemId,
      category_id: item.categoryId,
      item_name: item.name,
      description: item.description,
      item_sku: item.sku,
      create_time: item.createTime,
      update_time: item.updateTime,
      attribute_list: item.attributes.map(attributeWire),
      price_info: [{ currency: 'VND', original_price: item.price, current_price: item.price }],
      image: { image_url_list: item.imageIds.map((id) => `https://cf.shopee.vn/file/${id}`), image_id_list: item.imageIds, image_ratio: '1:1' },
      // The doc gives weight as a string of kilograms ("10.02").
      weight: String(item.weight),
      dimension: { package_length: 0, package_width: 0, package_height: 0 },
      logistic_info: item.logistics.map(logisticWire),
      pre_order: { is_pre_order: false, days_to_ship: 2 },
      condition: item.condition,
      size_chart: '',
      item_status: item.status,
      deboost: false,
      has_model: false,
      item_dangerous: 0,
      description_type: 'normal',
      stock_info_v2: {
        summary_info: { total_reserved_stock: 0, total_available_stock: item.stock },
        seller_stock: [{ location_id: item.locationId, stock: item.stock, if_saleable: true }],
      },
    };
  }

  private newOrderSn(): string {
    this.orderCounter += 1;
    const date = new Date(this.now());
    const yymmdd = `${String(date.getUTCFullYear() % 100).padStart(2, '0')}${String(date.getUTCMonth() + 1).padStart(2, '0')}${String(date.getUTCDate()).padStart(2, '0')}`;
    const alphabet = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';
    const tail = [...randomBytes(8)].map((byte) => alphabet[byte % alphabet.length]).join('');
    return `${yymmdd}${tail}`;
  }
}

function err(error: string, message: string): Failure {
  return { error, message };
}

function refuse(error: string, message: string): { refusal: Failure } {
  return { refusal: err(error, message) };
}

function httpStatusFor(error: string): number {
  if (!error) return 200;
  const word = error.slice(error.lastIndexOf('.') + 1);
  if (word === 'error_sign' || word === 'error_auth' || word === 'invalid_acceess_token') return 403;
  if (word === 'error_rate_limit') return 429;
  if (word === 'error_item_not_found' || word === 'error_not_found') return 404;
  if (word === 'error_server') return 500;
  return 400;
}

function intParam(query: URLSearchParams, name: string): number | null {
  const value = query.get(name);
  return value !== null && /^\d+$/.test(value) ? Number(value) : null;
}

function parseSellerStock(value: unknown): { stock: number; locationId: string } | null {
  if (!Array.isArray(value)) return null;
  let stock = 0;
  let locationId = '';
  for (const entry of value as Array<Record<string, unknown>>) {
    if (typeof entry?.stock !== 'number' || !Number.isInteger(entry.stock) || entry.stock < 0) return null;
    if (entry.location_id !== undefined && typeof entry.location_id !== 'string') return null;
    stock += entry.stock;
    locationId ||= (entry.location_id as string | undefined) ?? '';
  }
  return { stock, locationId };
}

function logisticWire(entry: ShopeeFakeItem['logistics'][number]) {
  return {
    logistic_id: entry.logisticId,
    logistic_name: `Channel ${entry.logisticId}`,
    enabled: entry.enabled,
    shipping_fee: entry.shippingFee ?? 0,
    size_id: entry.sizeId ?? 0,
    is_free: entry.isFree ?? false,
  };
}

function attributeWire(attribute: ShopeeFakeItem['attributes'][number]) {
  return {
    attribute_id: attribute.attributeId,
    original_attribute_name: '',
    is_mandatory: false,
    attribute_value_list: attribute.values.map((value) => ({ value_id: value.valueId, original_value_name: value.name, value_unit: value.unit })),
  };
}
