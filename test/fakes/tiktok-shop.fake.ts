import { createHmac, randomBytes } from 'node:crypto';
import { constantTimeEqual, postPush, queryRecord, type ParsedBody, type RecordedCall } from './fake-server.js';
import {
  MarketplaceFake,
  OwnedRecords,
  tokenFields,
  type Admission,
  type FakeRequest,
  type Reply,
  type Route,
  type RouteFound,
  type TokenPair,
  type TokenPolicy,
} from './marketplace-fake.js';

/**
 * A local stand-in for the part of TikTok Shop Open API 202309+ we use, built from the documented
 * protocol (paths, payloads and field names from the official docs kept in
 * lazykern/ecommerce-api-docs `data/raw/tiktok/api-reference/{products,orders,authorization}/*.spec.json`
 * and `developer-guide/tiktok-shop-api-concepts/{sign-your-api-request,common-errors}.json`). It checks
 * what the gateway checks — app_key, a 10-digit timestamp within [now−5 min, now+30 s], the
 * secret-wrapped lowercase-hex HMAC-SHA256 over path + sorted query + raw body (multipart bodies
 * unsigned), the access token in the `x-tts-access-token` header only, shop_cipher required on shop
 * calls and refused on the others — and answers with TikTok's envelope `{code, message, request_id, data}`.
 *
 * Where the docs are silent the fake makes a choice and says so:
 * - HTTP statuses: 200 for success and for business errors (code ≠ 0); 401 for sign, token,
 *   timestamp and app_key errors; 400 for a missing shop_cipher or a body of the wrong format; 404/405
 *   for an unknown path or method; 429 (code 36009002, with a `Retry-After` in seconds, which TikTok
 *   does not document) for rate limits; 500/503/504 for injected faults.
 * - A token sent in the query is refused (code 36009004) rather than ignored.
 * - Token refresh revokes the previous access token and the refresh token (the docs do not say
 *   whether they stay valid, so the stricter reading). Access tokens last 7 days, as documented.
 * - Every review passes at once: a created, edited or re-activated product is ACTIVATE immediately
 *   (use setProductStatus for PENDING, FREEZE…). Price and stock change only on an ACTIVATE product.
 * - Images belong to the seller whose token uploaded them; a product may use only those.
 * - Search Products matches `seller_skus` exactly, and lists products in ascending id; status ALL
 *   includes DELETED ones. The same seller_sku may exist on several products, as on TikTok.
 * - Inventory quantity may be 0 to 99,999: the 202309 SDK docs say "a non-negative number" while
 *   the newer pages say [1, 99,999], and a sold-out SKU must be expressible.
 * - VND prices are whole numbers from 1 to 180,000,000 (the 202309 SDK docs' VN local range).
 * - Order ids not found by Get Order Detail are left out of the answer rather than failing it.
 * - Business parameter errors without a documented code answer 12052910 "Invalid input parameters".
 */

export type TikTokShopProductStatus = 'DRAFT' | 'PENDING' | 'FAILED' | 'ACTIVATE' | 'SELLER_DEACTIVATED' | 'PLATFORM_DEACTIVATED' | 'FREEZE' | 'DELETED';
export type TikTokShopOrderStatus =
  'UNPAID' | 'ON_HOLD' | 'AWAITING_SHIPMENT' | 'PARTIALLY_SHIPPING' | 'AWAITING_COLLECTION' | 'IN_TRANSIT' | 'DELIVERED' | 'COMPLETED' | 'CANCELLED';

export interface TikTokShopFakeOptions {
  /** Leaf category id → ids of its mandatory product attributes. Replaces the default set. */
  categories?: Record<string, string[]>;
  /** The fake's clock in ms, for the timestamp window, token lifetimes, order times and rate limits. */
  now?: () => number;
}

export interface TikTokShopFakeCall extends RecordedCall {
  /** The shop named by shop_cipher, else the one the access (or refresh) token belongs to. */
  shopId: string | null;
  query: Record<string, string | string[]>;
  /** Parsed JSON body; for multipart, `{fields, files: [{field, filename, contentType, size}]}`. */
  body: unknown;
  /** TikTok's `code`; 0 on success. */
  code: number;
}

export interface TikTokShopFakeSku {
  skuId: string;
  sellerSku: string;
  /** Whole đồng. */
  price: number;
  currency: string;
  inventory: Array<{ warehouseId: string; quantity: number }>;
}

export interface TikTokShopFakeProduct {
  productId: string;
  shopId: string;
  title: string;
  description: string;
  categoryId: string;
  mainImages: string[];
  attributes: Array<{ id: string; values: Array<{ id?: string; name?: string }> }>;
  packageWeight: { value: string; unit: string };
  status: TikTokShopProductStatus;
  skus: TikTokShopFakeSku[];
  createTime: number;
  updateTime: number;
  /** While true, price updates fail as under an ongoing promotion. */
  priceLocked: boolean;
}

export interface TikTokShopFakeOrderLine {
  productId: string;
  skuId: string;
  sellerSku: string;
  productName: string;
  price: number;
  quantity: number;
}

export interface TikTokShopFakeOrder {
  orderId: string;
  shopId: string;
  status: TikTokShopOrderStatus;
  createTime: number;
  updateTime: number;
  buyerName: string;
  lines: TikTokShopFakeOrderLine[];
}

export interface TikTokShopCreateOrderInput {
  lines: Array<{ sellerSku: string; quantity: number; price?: number }>;
  status?: TikTokShopOrderStatus;
  buyerName?: string;
}

interface App {
  appKey: string;
  appSecret: string;
  /** The service sellers authorize on services.tiktokshop.com, and the redirect URL registered with it (Partner Center). */
  serviceId: string;
  redirectUrl: string | null;
}

interface Shop {
  shopId: string;
  name: string;
  code: string;
  cipher: string;
  appKey: string;
  /** Sales warehouses, the default first. */
  warehouseIds: string[];
  warehouseNames: Map<string, string>;
}

interface Answer {
  /** When the code alone does not say it (injected server faults). */
  status?: number;
  headers?: Record<string, string>;
  code?: number;
  message?: string;
  data?: unknown;
}

interface RequestContext {
  app: App;
  shop: Shop;
  query: URLSearchParams;
  body: Record<string, unknown>;
  form: FormData | null;
  /** The `{product_id}` of the path, when the route has one. */
  pathId: string;
}

interface Guard {
  /** `shop`: signed, shop_cipher required. `seller`: signed, shop_cipher refused. `token`: the token refresh, unsigned. */
  scope: 'shop' | 'seller' | 'token';
  body: 'json' | 'multipart' | 'none';
}

interface TikTokShopProtocol {
  accountId: string;
  account: Shop;
  call: TikTokShopFakeCall;
  context: RequestContext;
  answer: Answer;
  guard: Guard;
}

interface Failure {
  code: number;
  message: string;
}

interface ProductFields {
  title?: string;
  description?: string;
  categoryId?: string;
  mainImages?: string[];
  attributes?: TikTokShopFakeProduct['attributes'];
  packageWeight?: TikTokShopFakeProduct['packageWeight'];
  /** Price and inventory may be left out of an existing SKU on an edit, which keeps them. */
  skus?: Array<{ id?: string; sellerSku: string; price?: number; inventory?: Array<{ warehouseId: string; quantity: number }> }>;
}

const GET_TOKEN_PATH = '/api/v2/token/get';
const REFRESH_PATH = '/api/v2/token/refresh';
/** The service's authorization page (services.tiktokshop.com); its auth_code lasts 30 minutes, once (authorization-overview-202407). */
const AUTHORIZE_PATH = '/open/authorize';
const CODE_TTL_MS = 30 * 60_000;
const TIMESTAMP_PAST_S = 300;
const TIMESTAMP_FUTURE_S = 30;
/** Access tokens last 7 days, as documented; a refresh revokes the access tokens issued before it. */
const TOKENS: TokenPolicy = {
  accessTtlMs: 7 * 86400_000,
  refreshTtlMs: 365 * 86400_000,
  mint: () => `TTP_${randomBytes(24).toString('base64url')}`,
  onRefresh: 'revoke',
};
const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
const MAX_VND = 180_000_000;
const MAX_QUANTITY = 99_999;
const OK = 0;
const RATE_LIMITED = 36009002;
const INTERNAL_ERROR = 36009003;
const INVALID_CREDENTIALS = 36009004;
const REQUEST_TIMEOUT = 36009007;
const INVALID_PATH = 36009009;
const INVALID_METHOD = 36009010;
const JSON_REQUIRED = 36009022;
const MULTIPART_REQUIRED = 36009023;
const INVALID_SIGN = 106001;
const EXPIRED_TOKEN = 105002;
const MISSING_CIPHER = 106013;
const TOKEN_SHOP_MISMATCH = 101000;
const INVALID_PARAMS = 12052910;
const PRODUCT_MISSING = 12052032;
const NOT_IN_SHOP = 12052048;
const WRONG_STATUS = 12052901;
/** The leaf ids of our default TikTok Shop category table (so an end-to-end test needs no setup), plus 999001, made up, with a mandatory attribute 100392. */
const DEFAULT_CATEGORIES: Record<string, string[]> = Object.fromEntries([
  ...[
    '914440',
    '914568',
    '700645',
    '914696',
    '700773',
    '700901',
    '701029',
    '701157',
    '914824',
    '701285',
    '914184',
    '914312',
    '914056',
    '702181',
    '601450',
    '701413',
    '604206',
    '600942',
  ].map((id) => [id, [] as string[]]),
  ['999001', ['100392']],
]);
const ORDER_STATUSES: TikTokShopOrderStatus[] = [
  'UNPAID',
  'ON_HOLD',
  'AWAITING_SHIPMENT',
  'PARTIALLY_SHIPPING',
  'AWAITING_COLLECTION',
  'IN_TRANSIT',
  'DELIVERED',
  'COMPLETED',
  'CANCELLED',
];
const PRODUCT_STATUSES: TikTokShopProductStatus[] = [
  'DRAFT',
  'PENDING',
  'FAILED',
  'ACTIVATE',
  'SELLER_DEACTIVATED',
  'PLATFORM_DEACTIVATED',
  'FREEZE',
  'DELETED',
];
const IMAGE_USE_CASES = ['MAIN_IMAGE', 'ATTRIBUTE_IMAGE', 'DESCRIPTION_IMAGE', 'CERTIFICATION_IMAGE', 'SIZE_CHART_IMAGE'];
/** How TikTok refuses a body it cannot read. */
const BODY_PROBLEMS: Record<NonNullable<ParsedBody['problem']>, Failure> = {
  bad_multipart: { code: MULTIPART_REQUIRED, message: 'Invalid request format. The multipart body could not be parsed.' },
  not_an_object: { code: JSON_REQUIRED, message: 'Invalid request format. The request body must be a JSON object.' },
  not_json: {
    code: JSON_REQUIRED,
    message: 'Invalid request format. The request body format must be `application/json` for structured data or `multipart/form-data` for binary files.',
  },
};

export class TikTokShopFake extends MarketplaceFake<TikTokShopProtocol> {
  /** The app `addShop` authorizes unless told otherwise. */
  readonly appKey: string;
  readonly appSecret: string;
  readonly serviceId: string;
  /** Leaf category id → mandatory attribute ids; tests may add to it. */
  readonly categories = new Map<string, string[]>();

  private readonly apps = new Map<string, App>();
  private readonly productsById = new OwnedRecords<string, TikTokShopFakeProduct>('TikTokShopFake: unknown product', (product) => product.shopId);
  private readonly images = new Map<string, { shopId: string; useCase: string }>();
  private readonly ordersById = new OwnedRecords<string, TikTokShopFakeOrder>('TikTokShopFake: unknown order', (order) => order.shopId);
  private nextShopId = 7_494_049_642_642_441_000n;
  private nextProductId = 1_729_592_969_712_207_000n;
  private nextSkuId = 1_729_592_969_712_300_000n;
  private nextOrderId = 576_461_413_038_785_000n;
  private nextWarehouseId = 7_068_517_275_539_719_000n;
  private notificationCounter = 0;

  private constructor(options: TikTokShopFakeOptions = {}) {
    super({ name: 'TikTokShopFake', accountNoun: 'shop', now: options.now, tokens: TOKENS });
    const app = this.addApp();
    this.appKey = app.appKey;
    this.appSecret = app.appSecret;
    this.serviceId = app.serviceId;
    for (const [id, attributes] of Object.entries(options.categories ?? DEFAULT_CATEGORIES)) this.categories.set(id, attributes);
    this.registerRoutes();
    this.consentPage = {
      path: AUTHORIZE_PATH,
      codeTtlMs: CODE_TTL_MS,
      open: (query) => {
        const service = [...this.apps.values()].find((candidate) => candidate.serviceId === query.get('service_id'));
        if (!service) return { refusal: { status: 400, code: INVALID_PARAMS, message: 'Invalid input parameters. service_id is invalid.' } };
        if (!service.redirectUrl) throw new Error('TikTokShopFake: the service has no redirect URL; call setRedirectUrl first');
        const back = new URL(service.redirectUrl);
        if (query.has('state')) back.searchParams.set('state', query.get('state')!);
        return { back, app: service.appKey };
      },
    };
  }

  static start(options?: TikTokShopFakeOptions): Promise<TikTokShopFake> {
    return new TikTokShopFake(options).listen();
  }

  // ---- test controls -------------------------------------------------------------------------

  addApp(options: { appKey?: string; appSecret?: string } = {}): { appKey: string; appSecret: string; serviceId: string } {
    const app: App = {
      appKey: options.appKey ?? randomBytes(7).toString('hex').slice(0, 13),
      appSecret: options.appSecret ?? randomBytes(20).toString('hex'),
      serviceId: String(7_584_563_551_361_271_000n + BigInt(this.apps.size)),
      redirectUrl: null,
    };
    this.apps.set(app.appKey, app);
    return { appKey: app.appKey, appSecret: app.appSecret, serviceId: app.serviceId };
  }

  /** The redirect URL registered with the app's service in Partner Center: where the authorization page sends sellers back. */
  setRedirectUrl(url: string, appKey = this.appKey): void {
    this.apps.get(appKey)!.redirectUrl = url;
  }

  /** Another sales warehouse of the shop (after its default one). */
  addWarehouse(shopId: string, name: string): string {
    const shop = this.mustAccount(shopId);
    const id = String(this.nextWarehouseId++);
    shop.warehouseIds.push(id);
    shop.warehouseNames.set(id, name);
    return id;
  }

  /** A VN shop authorized for an app (the default one unless given), with one warehouse and a fresh token pair. */
  addShop(options: { name: string; appKey?: string }): { shopId: string; shopCipher: string; accessToken: string; refreshToken: string; warehouseId: string } {
    const appKey = options.appKey ?? this.appKey;
    if (!this.apps.has(appKey)) throw new Error(`TikTokShopFake: unknown app ${appKey}`);
    const warehouseId = String(this.nextWarehouseId++);
    const shop: Shop = {
      shopId: String(this.nextShopId++),
      name: options.name,
      code: `VNLC${randomBytes(4).toString('hex').toUpperCase()}`,
      cipher: `ROW_${randomBytes(18).toString('base64url')}`,
      appKey,
      warehouseIds: [warehouseId],
      warehouseNames: new Map([[warehouseId, `Kho ${options.name}`]]),
    };
    this.accounts.set(shop.shopId, shop);
    const { accessToken, refreshToken } = this.tokens.issue(shop);
    return { shopId: shop.shopId, shopCipher: shop.cipher, accessToken, refreshToken, warehouseId };
  }

  /** All products of a shop, deleted ones included, as copies. */
  products(shopId: string): TikTokShopFakeProduct[] {
    return this.productsById.copiesFor(shopId);
  }

  orders(shopId: string): TikTokShopFakeOrder[] {
    return this.ordersById.copiesFor(shopId);
  }

  setProductStatus(productId: string, status: TikTokShopProductStatus): void {
    this.productsById.must(productId).status = status;
  }

  setPriceLock(productId: string, locked: boolean): void {
    this.productsById.must(productId).priceLocked = locked;
  }

  /** Places an order as a buyer would: each SKU's first warehouse gives up the units at once. */
  createOrder(shopId: string, input: TikTokShopCreateOrderInput): string {
    this.mustAccount(shopId);
    const picked = input.lines.map((line) => {
      const found = this.findSku(shopId, line.sellerSku);
      if (!found) throw new Error(`TikTokShopFake: no live SKU ${line.sellerSku} in shop ${shopId}`);
      const stock = found.sku.inventory[0]?.quantity ?? 0;
      if (line.quantity < 1 || line.quantity > stock) throw new Error(`TikTokShopFake: SKU ${line.sellerSku} has ${stock} in stock, asked ${line.quantity}`);
      return { ...found, line };
    });
    for (const { sku, line } of picked) sku.inventory[0].quantity -= line.quantity;
    const now = Math.floor(this.now() / 1000);
    const orderId = String(this.nextOrderId++);
    this.ordersById.set(orderId, {
      orderId,
      shopId,
      status: input.status ?? 'AWAITING_SHIPMENT',
      createTime: now,
      updateTime: now,
      buyerName: input.buyerName ?? `Khách ${orderId.slice(-4)}`,
      lines: picked.map(({ product, sku, line }) => ({
        productId: product.productId,
        skuId: sku.skuId,
        sellerSku: sku.sellerSku,
        productName: product.title,
        price: line.price ?? sku.price,
        quantity: line.quantity,
      })),
    });
    return orderId;
  }

  /** Moving into CANCELLED gives the units back, as TikTok does. */
  setOrderStatus(orderId: string, status: TikTokShopOrderStatus): void {
    const order = this.ordersById.must(orderId);
    if (status === 'CANCELLED' && order.status !== 'CANCELLED') {
      for (const line of order.lines) {
        const sku = this.productsById.get(line.productId)?.skus.find((candidate) => candidate.skuId === line.skuId);
        if (sku?.inventory[0]) sku.inventory[0].quantity += line.quantity;
      }
    }
    order.status = status;
    order.updateTime = Math.floor(this.now() / 1000);
  }

  /** Sends an ORDER_STATUS_CHANGE (type 1) push for an order; returns the HTTP status the receiver answered. */
  async push(callbackUrl: string, orderId: string): Promise<number> {
    const order = this.ordersById.must(orderId);
    return this.pushEvent(callbackUrl, order.shopId, 1, {
      order_id: order.orderId,
      order_status: order.status,
      is_on_hold_order: false,
      update_time: order.updateTime,
    });
  }

  /** Any push type (6 deauthorization, 7 expiring authorization…), signed over `app_key + body` with the shop's app secret. */
  async pushEvent(callbackUrl: string, shopId: string, type: number, data: Record<string, unknown>): Promise<number> {
    const app = this.apps.get(this.mustAccount(shopId).appKey)!;
    this.notificationCounter += 1;
    const body = JSON.stringify({
      type,
      tts_notification_id: `73271123930573${String(this.notificationCounter).padStart(5, '0')}`,
      shop_id: shopId,
      timestamp: Math.floor(this.now() / 1000),
      data,
    });
    return postPush(callbackUrl, body, createHmac('sha256', app.appSecret).update(`${app.appKey}${body}`).digest('hex'));
  }

  // ---- HTTP ------------------------------------------------------------------------------------

  /** The call's shop: the one shop_cipher names, else the one the access (or refresh) token belongs to. */
  protected async record(request: FakeRequest): Promise<TikTokShopFakeCall> {
    const { query } = request;
    const refreshShop = request.path === REFRESH_PATH ? this.tokens.refreshGrant(query.get('refresh_token') ?? '')?.account : undefined;
    const shop = this.shopByCipher(query.get('shop_cipher')) ?? this.tokens.accessGrant(headerToken(request))?.account ?? refreshShop;
    return {
      method: request.method,
      path: request.path,
      shopId: shop?.shopId ?? null,
      query: queryRecord(query),
      body: (await request.parsed()).recorded,
      status: 0,
      code: 0,
    };
  }

  /** app_key, the timestamp window, the sign, the token in its header, shop_cipher where the route wants one and nowhere else. */
  protected async admit(request: FakeRequest, { route, params }: RouteFound<TikTokShopProtocol>): Promise<Admission<TikTokShopProtocol>> {
    const { query } = request;
    const app = this.apps.get(query.get('app_key') ?? '');
    if (!app) return refuse(INVALID_CREDENTIALS, 'Invalid credentials. Invalid `app_key` query parameter.');
    if (route.guard.scope === 'token') return this.admitToken(app, query, request.path);
    if (query.has('access_token'))
      return refuse(INVALID_CREDENTIALS, 'Invalid credentials. The access token goes in the `x-tts-access-token` header, not in the query.');
    const timestampText = query.get('timestamp') ?? '';
    if (!/^\d{10}$/.test(timestampText))
      return refuse(INVALID_CREDENTIALS, 'Invalid timestamp. The `timestamp` query parameter must be a 10-digit Unix time in seconds.');
    const nowS = Math.floor(this.now() / 1000);
    if (Number(timestampText) < nowS - TIMESTAMP_PAST_S)
      return refuse(
        INVALID_CREDENTIALS,
        'Invalid timestamp. The value of the `timestamp` query parameter must not be earlier than 5 minutes before the current time.',
      );
    if (Number(timestampText) > nowS + TIMESTAMP_FUTURE_S)
      return refuse(
        INVALID_CREDENTIALS,
        'Invalid timestamp. The value of the `timestamp` query parameter must not exceed the current time by more than 30 seconds.',
      );
    const sign = query.get('sign');
    if (!sign) return refuse(INVALID_CREDENTIALS, 'Missing credentials. The request does not include a required signature in the query.');
    // Lowercase hex only, as documented: an uppercase signature is a client bug worth seeing.
    if (
      !constantTimeEqual(
        expectedSign(app.appSecret, request.path, query, request.contentType.startsWith('multipart/form-data') ? undefined : request.raw),
        sign,
      )
    ) {
      return refuse(INVALID_SIGN, 'Invalid credentials. The `sign` query parameter is invalid.');
    }
    const grant = this.tokens.accessGrant(headerToken(request));
    if (grant?.account.appKey !== app.appKey) return refuse(INVALID_CREDENTIALS, 'Invalid credentials. The `x-tts-access-token` header is invalid.');
    if (grant.expiresAt <= this.now()) return refuse(EXPIRED_TOKEN, 'Expired credentials. The `access_token` or `x-tts-access-token` header has expired.');
    const shop = grant.account;
    if (route.guard.scope === 'shop') {
      if (!query.get('shop_cipher'))
        return refuse(MISSING_CIPHER, 'Missing identifier. The `shop_cipher` query parameter is required to identify the target shop.');
      if (this.shopByCipher(query.get('shop_cipher')) !== shop) {
        return refuse(
          TOKEN_SHOP_MISMATCH,
          'Invalid query or header. The token is not associated with a shop, or the associated shop does not match the provided `shop_cipher` query parameter.',
        );
      }
    } else if (query.has('shop_cipher')) {
      return refuse(INVALID_CREDENTIALS, 'Unexpected identifier. The `shop_cipher` query parameter is not required for this request.');
    }
    const { json: body, form } = await request.parsed();
    // TikTok limits each API per app and shop.
    return {
      context: { app, shop, query, body, form, pathId: params.product_id ?? '' },
      budget: `${app.appKey}:${shop.shopId}:${request.method} ${route.path}`,
    };
  }

  /**
   * Get Access Token and Get Refresh Token are unsigned: the app secret in the query, with the
   * auth_code (grant_type authorized_code, spent here) or the refresh token (authorization-overview-202407).
   */
  private admitToken(app: App, query: URLSearchParams, path: string): Admission<TikTokShopProtocol> {
    if (!constantTimeEqual(app.appSecret, query.get('app_secret') ?? ''))
      return refuse(INVALID_CREDENTIALS, 'Invalid credentials. The `app_secret` does not match the `app_key`.');
    const granting = path === GET_TOKEN_PATH;
    const grantType = granting ? 'authorized_code' : 'refresh_token';
    if (query.get('grant_type') !== grantType) return refuse(INVALID_CREDENTIALS, `Invalid credentials. Only \`${grantType}\` is accepted as grant_type.`);
    const shop = granting ? this.redeemCode(query.get('auth_code') ?? '', app.appKey) : this.tokens.liveRefreshHolder(query.get('refresh_token') ?? '');
    if (!shop || shop.appKey !== app.appKey)
      return refuse(INVALID_CREDENTIALS, `Invalid credentials. The \`${granting ? 'auth_code' : 'refresh_token'}\` is invalid or has expired.`);
    return { context: { app, shop, query, body: {}, form: null, pathId: '' }, budget: null };
  }

  protected override async refuseBody(request: FakeRequest, route: Route<TikTokShopProtocol>): Promise<Answer | null> {
    const { form, problem } = await request.parsed();
    if (problem) return BODY_PROBLEMS[problem];
    if (route.guard.body === 'multipart' && !form)
      return { code: MULTIPART_REQUIRED, message: 'Invalid request format. The value of the `content-type` header must be `multipart/form-data`.' };
    if (route.guard.body === 'json' && !request.contentType.startsWith('application/json')) {
      return {
        code: JSON_REQUIRED,
        message: 'Invalid request format. The request body format must be `application/json` for structured data or `multipart/form-data` for binary files.',
      };
    }
    return null;
  }

  /** TikTok's envelope `{code, message, request_id, data}`. */
  protected reply(answer: Answer, call: TikTokShopFakeCall): Reply {
    const code = answer.code ?? OK;
    call.code = code;
    return {
      status: answer.status ?? httpStatusFor(code),
      headers: answer.headers,
      ok: code === OK,
      body: {
        code,
        message: answer.message ?? 'Success',
        request_id: `${new Date(this.now()).toISOString().replace(/\D/g, '').slice(0, 14)}${randomBytes(10).toString('hex').toUpperCase()}`,
        ...(answer.data !== undefined ? { data: answer.data } : {}),
      },
    };
  }

  protected unrouted(miss: 'path' | 'method'): Answer {
    return miss === 'path'
      ? { code: INVALID_PATH, message: 'Invalid path. The specified path does not match any available endpoint.' }
      : { code: INVALID_METHOD, message: 'Invalid method. The HTTP method used is not supported by this endpoint.' };
  }

  protected serverFault(kind: 'http500' | 'http503' | 'timeout'): Answer {
    if (kind === 'timeout') return { status: 504, code: REQUEST_TIMEOUT, message: 'Request timeout. The request to the endpoint timed out.' };
    return {
      status: kind === 'http503' ? 503 : 500,
      code: INTERNAL_ERROR,
      message: 'Internal error. Please try again. If the issue persists after multiple attempts, please contact platform support.',
    };
  }

  protected rateLimited(retryAfterSeconds: number): Answer {
    return {
      code: RATE_LIMITED,
      message: "Too many requests. You've made too many requests in a short period of time.",
      headers: { 'retry-after': String(retryAfterSeconds) },
    };
  }

  protected crashBody(message: string): unknown {
    return { code: INTERNAL_ERROR, message, request_id: '' };
  }

  private shopByCipher(cipher: string | null): Shop | undefined {
    return [...this.accounts.values()].find((shop) => shop.cipher === cipher);
  }

  // ---- endpoints -------------------------------------------------------------------------------

  private registerRoutes(): void {
    const route = (method: string, path: string, scope: Guard['scope'], body: Guard['body'], handler: Route<TikTokShopProtocol>['handler']) =>
      this.routes.add(method, path, { scope, body }, handler);
    route('GET', GET_TOKEN_PATH, 'token', 'none', ({ shop }) => tokenAnswer(shop, this.tokens.issue(shop)));
    route('GET', REFRESH_PATH, 'token', 'none', ({ shop }) => tokenAnswer(shop, this.tokens.renew(shop)));
    route('GET', '/authorization/202309/shops', 'seller', 'none', (ctx) => this.getShops(ctx));
    route('GET', '/logistics/202309/warehouses', 'shop', 'none', (ctx) => this.getWarehouses(ctx));
    route('POST', '/product/202309/images/upload', 'seller', 'multipart', (ctx) => this.uploadImage(ctx));
    route('POST', '/product/202309/products', 'shop', 'json', (ctx) => this.createProduct(ctx));
    route('GET', '/product/202309/products/{product_id}', 'shop', 'none', (ctx) => this.getProduct(ctx));
    route('PUT', '/product/202309/products/{product_id}', 'shop', 'json', (ctx) => this.editProduct(ctx));
    route('POST', '/product/202309/products/{product_id}/partial_edit', 'shop', 'json', (ctx) => this.partialEditProduct(ctx));
    route('POST', '/product/202502/products/search', 'shop', 'json', (ctx) => this.searchProducts(ctx));
    route('POST', '/product/202309/products/activate', 'shop', 'json', (ctx) => this.setListed(ctx, true));
    route('POST', '/product/202309/products/deactivate', 'shop', 'json', (ctx) => this.setListed(ctx, false));
    route('POST', '/product/202309/products/{product_id}/prices/update', 'shop', 'json', (ctx) => this.updatePrice(ctx));
    route('POST', '/product/202309/products/{product_id}/inventory/update', 'shop', 'json', (ctx) => this.updateInventory(ctx));
    route('POST', '/order/202309/orders/search', 'shop', 'json', (ctx) => this.searchOrders(ctx));
    route('GET', '/order/202309/orders', 'shop', 'none', (ctx) => this.getOrderDetail(ctx));
  }

  /** Get Warehouse List: the sales warehouses (the first is the default) and the return warehouse every VN shop has beside them. */
  private getWarehouses({ shop }: RequestContext): Answer {
    const address = { region: 'Vietnam', region_code: 'VN', state: 'Lâm Đồng', city: 'Đà Lạt', full_address: '1 Trần Phú' };
    const sales = shop.warehouseIds.map((id, index) => ({
      id,
      entity_id: id,
      name: shop.warehouseNames.get(id) ?? id,
      effect_status: 'ENABLED',
      type: 'SALES_WAREHOUSE',
      sub_type: 'DOMESTIC_WAREHOUSE',
      is_default: index === 0,
      address,
    }));
    const returns = { ...sales[0], id: `${shop.warehouseIds[0]}9`, name: 'Kho nhận hàng hoàn', type: 'RETURN_WAREHOUSE', is_default: false };
    return { data: { warehouses: [...sales, returns] } };
  }

  private getShops({ shop }: RequestContext): Answer {
    return { data: { shops: [{ id: shop.shopId, name: shop.name, region: 'VN', seller_type: 'LOCAL', cipher: shop.cipher, code: shop.code }] } };
  }

  private async uploadImage({ shop, form }: RequestContext): Promise<Answer> {
    const file = form!.get('data');
    if (!file || typeof file === 'string') return { code: 12038002, message: 'Invalid upload file. Please ensure you are passing the correct file data.' };
    const useCase = form!.get('use_case') ?? 'MAIN_IMAGE';
    if (typeof useCase !== 'string' || !IMAGE_USE_CASES.includes(useCase)) return { code: 11050001, message: 'invalid param' };
    const bytes = Buffer.from(await file.arrayBuffer());
    if (bytes.length > MAX_IMAGE_BYTES) return { code: 12038005, message: 'The file size exceeds the maximum allowed size.' };
    const info = imageInfo(bytes);
    if (!info)
      return {
        code: 12038015,
        message: 'Failed to process the image. The format or content is not supported. Supported formats: JPG, JPEG, PNG, WEBP, HEIC, BMP',
      };
    const [min, max] = useCase === 'MAIN_IMAGE' ? [300, 4000] : [100, 20000];
    if (info.width !== null && info.height !== null && (info.width < min || info.height < min || info.width > max || info.height > max)) {
      return {
        code: 12038014,
        message: `The image dimensions exceed the allowed limits. Allowed dimensions (width x height in pixels): ${min} x ${min} to ${max} x ${max}`,
      };
    }
    const uri = `tos-alisg-i-aphluv4xwc-sg/${randomBytes(16).toString('hex')}`;
    this.images.set(uri, { shopId: shop.shopId, useCase });
    return {
      data: {
        uri,
        url: `https://p16-oec-sg.ibyteimg.com/${uri}~tplv-aphluv4xwc-origin-jpeg.jpeg`,
        width: info.width ?? 0,
        height: info.height ?? 0,
        use_case: useCase,
      },
    };
  }

  private createProduct({ shop, body }: RequestContext): Answer {
    const fields = this.checkProductFields(body, shop, true);
    if ('code' in fields) return fields;
    const missing = this.missingAttributes(fields.categoryId!, fields.attributes ?? []);
    if (missing) return missing;
    if (fields.skus!.some((sku) => sku.id)) return { code: INVALID_PARAMS, message: 'Invalid input parameters. A new product cannot name SKU ids.' };
    const saveMode = body.save_mode ?? 'LISTING';
    if (saveMode !== 'LISTING' && saveMode !== 'AS_DRAFT')
      return { code: INVALID_PARAMS, message: 'Invalid input parameters. save_mode must be AS_DRAFT or LISTING.' };
    const now = Math.floor(this.now() / 1000);
    const product: TikTokShopFakeProduct = {
      productId: String(this.nextProductId++),
      shopId: shop.shopId,
      ...wholeProduct(fields),
      status: saveMode === 'AS_DRAFT' ? 'DRAFT' : 'ACTIVATE',
      skus: fields.skus!.map((sku) => ({
        skuId: String(this.nextSkuId++),
        sellerSku: sku.sellerSku,
        price: sku.price!,
        currency: 'VND',
        inventory: sku.inventory!,
      })),
      createTime: now,
      updateTime: now,
      priceLocked: false,
    };
    this.productsById.set(product.productId, product);
    return saved(product);
  }

  private getProduct({ shop, pathId }: RequestContext): Answer {
    const product = this.shopProduct(shop, pathId);
    if (!product) return { code: PRODUCT_MISSING, message: 'The product does not exist' };
    return { data: this.productResource(product) };
  }

  /** Edit Product replaces the product, except an existing SKU's price and inventory when they are left out. */
  private editProduct({ shop, body, pathId }: RequestContext): Answer {
    const product = this.editableProduct(shop, pathId);
    if ('code' in product) return product;
    const fields = this.checkProductFields(body, shop, true);
    if ('code' in fields) return fields;
    const missing = this.missingAttributes(fields.categoryId!, fields.attributes ?? []);
    if (missing) return missing;
    const skus = this.mergeSkus(product, fields.skus!);
    if ('code' in skus) return skus;
    Object.assign(product, { ...wholeProduct(fields), skus, updateTime: Math.floor(this.now() / 1000) });
    return saved(product);
  }

  /** Only the top-level properties sent change; category_id is not one Partial Edit takes, so it is ignored. */
  private partialEditProduct({ shop, body, pathId }: RequestContext): Answer {
    const product = this.editableProduct(shop, pathId);
    if ('code' in product) return product;
    const fields = this.checkProductFields({ ...body, category_id: undefined }, shop, false);
    if ('code' in fields) return fields;
    const missing = this.missingAttributes(product.categoryId, fields.attributes ?? product.attributes);
    if (missing) return missing;
    const skus = fields.skus ? this.mergeSkus(product, fields.skus) : product.skus;
    if ('code' in skus) return skus;
    if (fields.title !== undefined) product.title = fields.title;
    if (fields.description !== undefined) product.description = fields.description;
    if (fields.mainImages !== undefined) product.mainImages = fields.mainImages;
    if (fields.attributes !== undefined) product.attributes = fields.attributes;
    if (fields.packageWeight !== undefined) product.packageWeight = fields.packageWeight;
    product.skus = skus;
    product.updateTime = Math.floor(this.now() / 1000);
    return { data: { product_id: product.productId, skus: product.skus.map((sku) => ({ id: sku.skuId, seller_sku: sku.sellerSku })) } };
  }

  private searchProducts({ shop, query, body }: RequestContext): Answer {
    const page = pageOf(query);
    if ('code' in page) return page;
    const status = body.status ?? 'ALL';
    if (status !== 'ALL' && !PRODUCT_STATUSES.includes(status as TikTokShopProductStatus))
      return { code: INVALID_PARAMS, message: 'Invalid input parameters. Unknown status.' };
    const sellerSkus = body.seller_skus;
    if (sellerSkus !== undefined && (!Array.isArray(sellerSkus) || sellerSkus.some((sku) => typeof sku !== 'string')))
      return { code: INVALID_PARAMS, message: 'Invalid input parameters. seller_skus must be a list of strings.' };
    const matching = this.productsById
      .ownedBy(shop.shopId)
      .filter((product) => status === 'ALL' || product.status === status)
      .filter((product) => !sellerSkus || product.skus.some((sku) => (sellerSkus as string[]).includes(sku.sellerSku)))
      .sort((a, b) => compareIds(a.productId, b.productId));
    const slice = matching.slice(page.offset, page.offset + page.size);
    const more = page.offset + page.size < matching.length;
    return {
      data: {
        total_count: matching.length,
        products: slice.map((product) => ({
          id: product.productId,
          title: product.title,
          status: product.status,
          skus: product.skus.map((sku) => this.skuResource(sku)),
          create_time: product.createTime,
          update_time: product.updateTime,
          sales_regions: ['VN'],
        })),
        next_page_token: more ? pageToken(page.offset + page.size) : '',
      },
    };
  }

  private setListed({ shop, body }: RequestContext, listed: boolean): Answer {
    const ids = body.product_ids;
    if (!Array.isArray(ids) || ids.length === 0 || ids.some((id) => typeof id !== 'string'))
      return { code: INVALID_PARAMS, message: 'Invalid input parameters. product_ids must be a list of product ids.' };
    if (ids.length > 20) return { code: 12019120, message: 'The number of provided product IDs exceeds the limit.' };
    const errors: unknown[] = [];
    for (const id of ids as string[]) {
      const product = this.shopProduct(shop, id);
      const from: TikTokShopProductStatus[] = listed ? ['SELLER_DEACTIVATED', 'PLATFORM_DEACTIVATED'] : ['ACTIVATE', 'PENDING'];
      if (!product) errors.push({ code: NOT_IN_SHOP, message: "You can't edit other sellers' products", detail: { product_id: id } });
      else if (!from.includes(product.status)) {
        errors.push({
          code: 12052990,
          message: 'Check failed',
          detail: { product_id: id, extra_errors: [{ code: WRONG_STATUS, message: 'The product in its current status is not available for this operation.' }] },
        });
      } else {
        product.status = listed ? 'ACTIVATE' : 'SELLER_DEACTIVATED';
        product.updateTime = Math.floor(this.now() / 1000);
      }
    }
    return { data: errors.length > 0 ? { errors } : {} };
  }

  private updatePrice({ shop, body, pathId }: RequestContext): Answer {
    const product = this.shopProduct(shop, pathId);
    if (!product || product.status === 'DELETED') return { code: PRODUCT_MISSING, message: 'The product does not exist' };
    if (!Array.isArray(body.skus) || body.skus.length === 0)
      return { code: 12052902, message: 'The SKU list is empty. Either omit the list entirely, or provide all required details.' };
    if (product.status !== 'ACTIVATE') return { code: 12019113, message: 'product status is invalid' };
    const changes: Array<{ sku: TikTokShopFakeSku; price: number }> = [];
    for (const entry of body.skus as Array<Record<string, unknown>>) {
      const sku = product.skus.find((candidate) => candidate.skuId === entry?.id);
      if (!sku) return { code: 12052557, message: 'The SKU ID does not belong to the product.' };
      const price = parsePrice(entry.price);
      if ('code' in price) return price;
      changes.push({ sku, price: price.amount });
    }
    if (product.priceLocked) return { code: 12052038, message: 'Product price locked due to ongoing promotion. ' };
    for (const { sku, price } of changes) sku.price = price;
    product.updateTime = Math.floor(this.now() / 1000);
    return { data: {} };
  }

  /** Warehouses must be the SKU's own: a wrong one is a per-SKU error inside a code-0 answer, as the doc's sample shows. */
  private updateInventory({ shop, body, pathId }: RequestContext): Answer {
    const product = this.shopProduct(shop, pathId);
    if (!product || product.status === 'DELETED') return { code: PRODUCT_MISSING, message: 'The product does not exist' };
    if (!Array.isArray(body.skus) || body.skus.length === 0)
      return { code: 12052902, message: 'The SKU list is empty. Either omit the list entirely, or provide all required details.' };
    if (product.status !== 'ACTIVATE')
      return { code: WRONG_STATUS, message: 'The product in its current status is not available for this operation. Change the product status and try again.' };
    const errors: unknown[] = [];
    const changes: Array<{ slot: { quantity: number }; quantity: number }> = [];
    for (const entry of body.skus as Array<Record<string, unknown>>) {
      const sku = product.skus.find((candidate) => candidate.skuId === entry?.id);
      if (!sku) return { code: 12052556, message: 'The SKU id not exist.' };
      if (!Array.isArray(entry.inventory) || entry.inventory.length === 0) return { code: 12019022, message: 'SKU must contain a valid warehouse.' };
      for (const slot of entry.inventory as Array<Record<string, unknown>>) {
        const quantity = slot?.quantity;
        if (typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity < 0 || quantity > MAX_QUANTITY)
          return { code: 12052055, message: 'The SKU inventory quantity for the warehouse must be within allowed limits.' };
        if (slot.warehouse_id === undefined && sku.inventory.length > 1)
          return { code: 12019028, message: 'Multiple warehouses detected. Include all warehouse IDs and the corresponding details and try again.' };
        const target = slot.warehouse_id === undefined ? sku.inventory[0] : sku.inventory.find((candidate) => candidate.warehouseId === slot.warehouse_id);
        if (!target) {
          errors.push({
            code: 12052990,
            message: 'Check failed',
            detail: { sku_id: sku.skuId, extra_errors: [{ warehouse_id: String(slot.warehouse_id), code: 12052097, message: 'The warehouse does not exist' }] },
          });
        } else changes.push({ slot: target, quantity });
      }
    }
    if (errors.length > 0) return { data: { errors } };
    for (const { slot, quantity } of changes) slot.quantity = quantity;
    product.updateTime = Math.floor(this.now() / 1000);
    return { data: {} };
  }

  private searchOrders({ shop, query, body }: RequestContext): Answer {
    const page = pageOf(query);
    if ('code' in page) return page;
    const sortField = query.get('sort_field') ?? 'create_time';
    const sortOrder = query.get('sort_order') ?? 'DESC';
    if ((sortField !== 'create_time' && sortField !== 'update_time') || (sortOrder !== 'ASC' && sortOrder !== 'DESC')) {
      return { code: INVALID_PARAMS, message: 'Invalid input parameters. sort_field must be create_time or update_time, sort_order ASC or DESC.' };
    }
    const status = body.order_status;
    if (status !== undefined && !ORDER_STATUSES.includes(status as TikTokShopOrderStatus))
      return { code: INVALID_PARAMS, message: 'Invalid input parameters. Unknown order_status.' };
    const bounds: Record<string, number | undefined> = {};
    for (const name of ['create_time_ge', 'create_time_lt', 'update_time_ge', 'update_time_lt']) {
      const value = body[name];
      if (value !== undefined && (typeof value !== 'number' || !Number.isInteger(value) || value < 0))
        return { code: INVALID_PARAMS, message: `Invalid input parameters. ${name} must be a Unix timestamp.` };
      bounds[name] = value as number | undefined;
    }
    const within = (value: number, ge?: number, lt?: number) => (ge === undefined || value >= ge) && (lt === undefined || value < lt);
    const key = sortField === 'create_time' ? 'createTime' : 'updateTime';
    const matching = this.ordersById
      .ownedBy(shop.shopId)
      .filter((order) => !status || order.status === status)
      .filter(
        (order) =>
          within(order.createTime, bounds.create_time_ge, bounds.create_time_lt) && within(order.updateTime, bounds.update_time_ge, bounds.update_time_lt),
      )
      .sort((a, b) => (a[key] - b[key] || compareIds(a.orderId, b.orderId)) * (sortOrder === 'ASC' ? 1 : -1));
    const slice = matching.slice(page.offset, page.offset + page.size);
    const more = page.offset + page.size < matching.length;
    return {
      data: {
        next_page_token: more ? pageToken(page.offset + page.size) : '',
        total_count: matching.length,
        orders: slice.map((order) => this.orderResource(order)),
      },
    };
  }

  private getOrderDetail({ shop, query }: RequestContext): Answer {
    const ids = (query.get('ids') ?? '').split(',').filter(Boolean);
    if (ids.length === 0 || ids.length > 50) return { code: INVALID_PARAMS, message: 'Invalid input parameters. ids must hold 1 to 50 order ids.' };
    const orders = ids.map((id) => this.ordersById.owned(shop.shopId, id)).filter((order) => order !== undefined);
    return { data: { orders: orders.map((order) => this.orderResource(order)) } };
  }

  // ---- helpers ---------------------------------------------------------------------------------

  /** Checks the product properties present (all of create's required ones when `complete`). */
  private checkProductFields(body: Record<string, unknown>, shop: Shop, complete: boolean): Failure | ProductFields {
    const out: ProductFields = {};
    const required = (name: string) => complete && body[name] === undefined;
    if (required('title') || body.title !== undefined) {
      if (typeof body.title !== 'string' || body.title.trim() === '') return { code: 12052261, message: 'product name is empty' };
      const length = [...body.title].length;
      if (length < 25 || length > 255) return { code: 12052051, message: 'The product name must be 25 to 255 characters.' };
      out.title = body.title;
    }
    if (required('description') || body.description !== undefined) {
      if (typeof body.description !== 'string' || body.description.trim() === '') return { code: 12052015, message: 'The product description is required' };
      if (body.description.length > 10_000) return { code: 12052013, message: 'The product description cannot exceed maximum characters' };
      out.description = body.description;
    }
    if (required('category_id') || body.category_id !== undefined) {
      if (typeof body.category_id !== 'string') return { code: 12052002, message: 'Incorrect category format' };
      if (!this.categories.has(body.category_id)) return { code: 12052023, message: 'Category does not exist' };
      out.categoryId = body.category_id;
    }
    if (required('main_images') || body.main_images !== undefined) {
      const images = body.main_images;
      if (!Array.isArray(images) || images.length === 0) return { code: 12052028, message: 'Main product image is required' };
      if (images.length > 9) return { code: 12052306, message: 'main product images count exceed limit' };
      const uris: string[] = [];
      for (const image of images as Array<Record<string, unknown>>) {
        const known = typeof image?.uri === 'string' ? this.images.get(image.uri) : undefined;
        if (!known || known.shopId !== shop.shopId || known.useCase !== 'MAIN_IMAGE') return { code: 12052300, message: 'product main image uri illegal' };
        uris.push(image.uri as string);
      }
      out.mainImages = uris;
    }
    if (required('package_weight') || body.package_weight !== undefined) {
      const weight = body.package_weight as Record<string, unknown> | null;
      if (!weight || typeof weight.value !== 'string' || !/^\d+(\.\d{1,3})?$/.test(weight.value) || weight.unit !== 'KILOGRAM')
        return { code: 12052006, message: 'Incorrect parcel weight format' };
      if (Number(weight.value) <= 0) return { code: 12052181, message: 'The package weight of the product can not be zero.' };
      out.packageWeight = { value: weight.value, unit: weight.unit };
    }
    if (body.product_attributes !== undefined) {
      if (!Array.isArray(body.product_attributes)) return { code: INVALID_PARAMS, message: 'Invalid input parameters. product_attributes must be a list.' };
      const attributes: TikTokShopFakeProduct['attributes'] = [];
      for (const entry of body.product_attributes as Array<Record<string, unknown>>) {
        if (typeof entry?.id !== 'string' || !Array.isArray(entry.values) || entry.values.length === 0)
          return { code: 12052241, message: 'attribute name or attribute id is empty.' };
        const values: Array<{ id?: string; name?: string }> = [];
        for (const value of entry.values as Array<Record<string, unknown>>) {
          const id = typeof value?.id === 'string' && value.id ? value.id : undefined;
          const name = typeof value?.name === 'string' && value.name ? value.name : undefined;
          if (!id && !name) return { code: 12052248, message: 'The product attribute value name or attribute value id is empty.' };
          values.push({ ...(id ? { id } : {}), ...(name ? { name } : {}) });
        }
        attributes.push({ id: entry.id, values });
      }
      out.attributes = attributes;
    }
    if (required('skus') || body.skus !== undefined) {
      const skus = body.skus;
      if (!Array.isArray(skus) || skus.length === 0)
        return { code: 12052902, message: 'The SKU list is empty. Either omit the list entirely, or provide all required details.' };
      if (skus.length > 100) return { code: 12052050, message: 'A single product cannot have more than 100 different SKUs' };
      if (skus.length > 1 && skus.some((sku: Record<string, unknown>) => !Array.isArray(sku?.sales_attributes) || sku.sales_attributes.length === 0)) {
        return { code: 12052550, message: 'SKU property must contain all properties' };
      }
      const parsed: NonNullable<ProductFields['skus']> = [];
      for (const sku of skus as Array<Record<string, unknown>>) {
        const sellerSku = sku?.seller_sku ?? '';
        if (typeof sellerSku !== 'string' || sellerSku.length > 50 || /\s/.test(sellerSku))
          return { code: 12052054, message: 'The seller SKU text length cannot exceed max limit characters' };
        const id = typeof sku.id === 'string' && sku.id ? sku.id : undefined;
        // Edit Product keeps an existing SKU's price and inventory when they are omitted; a new SKU needs both.
        const keeps = !complete || id !== undefined;
        let amount: number | undefined;
        if (sku.price !== undefined || !keeps) {
          const price = parsePrice(sku.price);
          if ('code' in price) return price;
          amount = price.amount;
        }
        let inventory: Array<{ warehouseId: string; quantity: number }> | undefined;
        if (sku.inventory !== undefined || !keeps) {
          if (!Array.isArray(sku.inventory) || sku.inventory.length === 0) return { code: 12019022, message: 'SKU must contain a valid warehouse.' };
          inventory = [];
          for (const slot of sku.inventory as Array<Record<string, unknown>>) {
            if (typeof slot?.warehouse_id !== 'string' || !shop.warehouseIds.includes(slot.warehouse_id)) {
              return { code: 12052530, message: `The warehouse ' ${String(slot?.warehouse_id)} ' does not belong to this shop/seller.` };
            }
            const quantity = slot.quantity ?? 0;
            if (typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity < 0 || quantity > MAX_QUANTITY)
              return { code: 12052055, message: 'The SKU inventory quantity for the warehouse must be within allowed limits.' };
            inventory.push({ warehouseId: slot.warehouse_id, quantity });
          }
        }
        parsed.push({ ...(id ? { id } : {}), sellerSku, ...(amount !== undefined ? { price: amount } : {}), ...(inventory ? { inventory } : {}) });
      }
      out.skus = parsed;
    }
    return out;
  }

  /** SKUs left out are deleted, SKUs without an id are created, the others keep what they are not sent. */
  private mergeSkus(product: TikTokShopFakeProduct, skus: NonNullable<ProductFields['skus']>): Failure | TikTokShopFakeSku[] {
    const merged: TikTokShopFakeSku[] = [];
    for (const sku of skus) {
      const existing = sku.id ? product.skus.find((candidate) => candidate.skuId === sku.id) : undefined;
      if (sku.id && !existing) return { code: 12052557, message: 'The SKU ID does not belong to the product.' };
      const price = sku.price ?? existing?.price;
      const inventory = sku.inventory ?? existing?.inventory;
      if (price === undefined || inventory === undefined) return { code: 12052073, message: 'The product price is invalid' };
      merged.push({ skuId: existing?.skuId ?? String(this.nextSkuId++), sellerSku: sku.sellerSku, price, currency: 'VND', inventory });
    }
    return merged;
  }

  private missingAttributes(categoryId: string, attributes: TikTokShopFakeProduct['attributes']): Failure | null {
    const given = new Set(attributes.map((attribute) => attribute.id));
    return (this.categories.get(categoryId) ?? []).every((id) => given.has(id)) ? null : { code: 12052104, message: 'property is required' };
  }

  private shopProduct(shop: Shop, productId: string): TikTokShopFakeProduct | null {
    return this.productsById.owned(shop.shopId, productId) ?? null;
  }

  /** Frozen and deleted products cannot be edited. */
  private editableProduct(shop: Shop, productId: string): Failure | TikTokShopFakeProduct {
    const product = this.shopProduct(shop, productId);
    if (!product) return { code: PRODUCT_MISSING, message: 'The product does not exist' };
    if (product.status === 'FREEZE' || product.status === 'DELETED')
      return { code: WRONG_STATUS, message: 'The product in its current status is not available for this operation. Change the product status and try again.' };
    return product;
  }

  private findSku(shopId: string, sellerSku: string): { product: TikTokShopFakeProduct; sku: TikTokShopFakeSku } | null {
    for (const product of this.productsById.ownedBy(shopId)) {
      if (product.status === 'DELETED') continue;
      const sku = product.skus.find((candidate) => candidate.sellerSku === sellerSku);
      if (sku) return { product, sku };
    }
    return null;
  }

  private skuResource(sku: TikTokShopFakeSku) {
    return {
      id: sku.skuId,
      seller_sku: sku.sellerSku,
      price: { currency: sku.currency, tax_exclusive_price: String(sku.price), sale_price: String(sku.price) },
      inventory: sku.inventory.map((slot) => ({ warehouse_id: slot.warehouseId, quantity: slot.quantity })),
    };
  }

  /** Field names of Get Product 202309. */
  private productResource(product: TikTokShopFakeProduct) {
    return {
      id: product.productId,
      status: product.status,
      title: product.title,
      category_chains: [
        { id: '700437', parent_id: '0', local_name: 'Thực phẩm & Đồ uống', is_leaf: false },
        { id: product.categoryId, parent_id: '700437', local_name: `Danh mục ${product.categoryId}`, is_leaf: true },
      ],
      main_images: product.mainImages.map((uri) => ({
        uri,
        urls: [`https://p16-oec-sg.ibyteimg.com/${uri}`],
        thumb_urls: [`https://p16-oec-sg.ibyteimg.com/${uri}`],
        width: 800,
        height: 800,
      })),
      description: product.description,
      package_weight: product.packageWeight,
      skus: product.skus.map((sku) => this.skuResource(sku)),
      product_attributes: product.attributes.map((attribute) => ({ id: attribute.id, name: `Attribute ${attribute.id}`, values: attribute.values })),
      create_time: product.createTime,
      update_time: product.updateTime,
      is_cod_allowed: false,
    };
  }

  /** Field names of Get Order List / Get Order Detail 202309: one line item per unit, amounts as strings. */
  private orderResource(order: TikTokShopFakeOrder) {
    const subtotal = order.lines.reduce((sum, line) => sum + line.price * line.quantity, 0);
    const hidden = order.status === 'UNPAID' || order.status === 'ON_HOLD';
    let itemCounter = 0n;
    return {
      id: order.orderId,
      status: order.status,
      create_time: order.createTime,
      update_time: order.updateTime,
      user_id: `70214368104682${order.orderId.slice(-5)}`,
      buyer_email: `v2b2${order.orderId.slice(-4)}@chat.seller.tiktok.com`,
      buyer_message: '',
      shipping_type: 'TIKTOK',
      is_cod: false,
      is_on_hold_order: order.status === 'ON_HOLD',
      payment: {
        currency: 'VND',
        sub_total: String(subtotal),
        shipping_fee: '0',
        seller_discount: '0',
        platform_discount: '0',
        original_total_product_price: String(subtotal),
        original_shipping_fee: '0',
        tax: '0',
        total_amount: String(subtotal),
      },
      // Not available under UNPAID and ON_HOLD (Get Order Detail doc).
      ...(hidden
        ? {}
        : {
            recipient_address: {
              name: order.buyerName,
              full_address: 'Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh',
              phone_number: '(+84)90****123',
              region_code: 'VN',
            },
          }),
      line_items: order.lines.flatMap((line) =>
        Array.from({ length: line.quantity }, () => ({
          id: `${order.orderId}${String(++itemCounter).padStart(3, '0')}`,
          sku_id: line.skuId,
          product_id: line.productId,
          product_name: line.productName,
          sku_name: '',
          seller_sku: line.sellerSku,
          original_price: String(line.price),
          sale_price: String(line.price),
          platform_discount: '0',
          seller_discount: '0',
          currency: 'VND',
          display_status: order.status,
          is_gift: false,
          sku_type: 'NORMAL',
        })),
      ),
    };
  }
}

function refuse(code: number, message: string): { refusal: Failure } {
  return { refusal: { code, message } };
}

function headerToken(request: FakeRequest): string {
  const token = request.headers['x-tts-access-token'];
  return typeof token === 'string' ? token : '';
}

/** The properties Create Product and Edit Product set, all present once checkProductFields has checked a complete body. */
function wholeProduct(
  fields: ProductFields,
): Pick<TikTokShopFakeProduct, 'title' | 'description' | 'categoryId' | 'mainImages' | 'attributes' | 'packageWeight'> {
  return {
    title: fields.title!,
    description: fields.description!,
    categoryId: fields.categoryId!,
    mainImages: fields.mainImages!,
    attributes: fields.attributes ?? [],
    packageWeight: fields.packageWeight!,
  };
}

/** What Create Product and Edit Product answer. */
function saved(product: TikTokShopFakeProduct): Answer {
  return {
    data: {
      product_id: product.productId,
      skus: product.skus.map((sku) => ({ id: sku.skuId, seller_sku: sku.sellerSku, sales_attributes: [] })),
      warnings: [],
    },
  };
}

function httpStatusFor(code: number): number {
  switch (code) {
    case OK:
      return 200;
    case RATE_LIMITED:
      return 429;
    case INVALID_SIGN:
    case EXPIRED_TOKEN:
    case INVALID_CREDENTIALS:
    case TOKEN_SHOP_MISMATCH:
      return 401;
    case MISSING_CIPHER:
    case JSON_REQUIRED:
    case MULTIPART_REQUIRED:
      return 400;
    case INVALID_PATH:
      return 404;
    case INVALID_METHOD:
      return 405;
    case INTERNAL_ERROR:
      return 500;
    default:
      return 200;
  }
}

/** What Get Access Token and Get Refresh Token answer: the pair, their expiries as unix seconds, and who the seller is. */
function tokenAnswer(shop: Shop, pair: TokenPair): Answer {
  return {
    data: {
      ...tokenFields(pair),
      access_token_expire_in: Math.floor(pair.accessExpiresAt / 1000),
      refresh_token_expire_in: Math.floor(pair.refreshExpiresAt / 1000),
      open_id: `open_${shop.shopId}`,
      seller_name: shop.name,
      seller_base_region: 'VN',
      user_type: 0,
      granted_scopes: ['seller.authorization.info', 'seller.product.basic', 'seller.order.info', 'seller.logistics'],
    },
  };
}

/** The sign the gateway recomputes: every query parameter but sign and access_token, sorted, after the path; then the raw body. */
function expectedSign(secret: string, path: string, query: URLSearchParams, body: Buffer | undefined): string {
  const params = [...new Set(query.keys())]
    .filter((key) => key !== 'sign' && key !== 'access_token')
    .sort()
    .map((key) => `${key}${query.get(key)}`)
    .join('');
  const hmac = createHmac('sha256', secret).update(`${secret}${path}${params}`);
  if (body) hmac.update(body);
  return hmac.update(secret).digest('hex');
}

/** Whole đồng as TikTok's decimal string, within the VN range. */
function parsePrice(value: unknown): Failure | { amount: number } {
  const price = value as Record<string, unknown> | null;
  if (!price || typeof price !== 'object') return { code: 12052073, message: 'The product price is invalid' };
  if (price.currency !== 'VND') return { code: 12052084, message: 'The provided currency is not available for this shop/region.' };
  if (typeof price.amount !== 'string' || !/^\d+$/.test(price.amount)) return { code: 12052012, message: 'Incorrect price format' };
  const amount = Number(price.amount);
  if (amount < 1) return { code: 12052073, message: 'The product price is invalid' };
  if (amount > MAX_VND) return { code: 12052570, message: 'product price exceed limit' };
  return { amount };
}

/** page_size 1–100 and an opaque page_token (here, a base64 offset). */
function pageOf(query: URLSearchParams): Failure | { size: number; offset: number } {
  const size = Number(query.get('page_size'));
  if (!Number.isInteger(size) || size < 1 || size > 100)
    return { code: INVALID_PARAMS, message: 'Invalid input parameters. page_size must be between 1 and 100.' };
  const token = query.get('page_token');
  if (!token) return { size, offset: 0 };
  const decoded = /^offset=(\d+)$/.exec(Buffer.from(token, 'base64').toString('utf8'));
  if (!decoded) return { code: INVALID_PARAMS, message: 'Invalid input parameters. page_token is invalid.' };
  return { size, offset: Number(decoded[1]) };
}

function pageToken(offset: number): string {
  return Buffer.from(`offset=${offset}`).toString('base64');
}

function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/** The format by magic bytes, and the size where the header gives it cheaply (JPEG, PNG, BMP). */
function imageInfo(bytes: Buffer): { width: number | null; height: number | null } | null {
  if (bytes.length >= 24 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  }
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return jpegSize(bytes);
  if (bytes.length >= 12 && bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP')
    return { width: null, height: null };
  if (bytes.length >= 26 && bytes.subarray(0, 2).toString('latin1') === 'BM') return { width: bytes.readInt32LE(18), height: Math.abs(bytes.readInt32LE(22)) };
  if (bytes.length >= 12 && bytes.subarray(4, 8).toString('latin1') === 'ftyp' && /^(heic|heix|mif1)$/.test(bytes.subarray(8, 12).toString('latin1')))
    return { width: null, height: null };
  return null;
}

/** Walks the JPEG segments to the first frame header (SOFn), which holds height then width. */
function jpegSize(bytes: Buffer): { width: number | null; height: number | null } | null {
  let offset = 2;
  while (offset + 9 < bytes.length) {
    if (bytes[offset] !== 0xff) return null;
    const marker = bytes[offset + 1];
    if (marker === 0xff) {
      offset += 1;
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      offset += 2;
      continue;
    }
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: bytes.readUInt16BE(offset + 5), width: bytes.readUInt16BE(offset + 7) };
    }
    offset += 2 + bytes.readUInt16BE(offset + 2);
  }
  return null;
}
