import { createHmac, randomBytes } from 'node:crypto';
import { constantTimeEqual, imageKind, postPush, type RecordedCall } from './fake-server.js';
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
 * A local stand-in for the part of the Lazada Open Platform we use, built from the documented
 * protocol (field names from Lazada's API reference as scraped in
 * lazykern/ecommerce-api-docs `data/raw/lazada/apis/{product,order,system}-api/*.json` and its
 * guides under `data/processed/lazada/guides/`). It checks what the gateway checks — app_key,
 * sign_method=sha256, a millisecond timestamp within 7200 s, an UPPERCASE HMAC-SHA256 sign over
 * the path and every parameter (plus a raw body when one is sent), the seller's access token —
 * and answers with Lazada's envelope: `{code: "0", data, request_id}` or
 * `{code, type, message, detail?, request_id}`, codes always strings. It is mounted under `/rest`
 * like the live hosts, and serves /auth/token/refresh from the same base.
 *
 * Where Lazada's docs are silent the fake makes a choice and says so:
 * - HTTP 200 for every answer that carries a Lazada code, rate limits included (SDKs read `code`);
 *   500/503 only for injected server faults, 504 after a held (timed-out) call.
 * - Gateway codes and messages: IncompleteSignature "The request signature does not conform to
 *   platform standards" (as third parties quote it), IllegalAccessToken and IllegalRefreshToken as
 *   documented; MissingParameter, InvalidAppKey, InvalidSignMethod and InvalidTimestamp are the
 *   fake's own words for checks the docs name without a code.
 * - A refresh token works once and the refresh returns a new pair; access tokens already issued
 *   keep working until they expire.
 * - Payloads are JSON only (Lazada also takes XML; answered E005 here).
 * - A new product is Active at once (no QC queue). SellerSku is unique among a seller's items that
 *   are not deleted (BIZ_CHECK_SELLER_SKU_DUPLICATE otherwise).
 * - Product images must be URLs this fake handed out from /image/upload (Lazada-hosted); 3 MB at
 *   most (the image guide; the API reference says 1 MB).
 * - UpdatePriceQuantity checks every SKU first and changes all or none.
 * - An order is placed as one order item per unit (Lazada has no quantity field) and takes stock
 *   at once, paid or not; cancelling gives it back.
 * - Leaf categories and their mandatory attributes are a fixed set (not Lazada's live tree),
 *   adjustable per test.
 */

export type LazadaSkuStatus = 'active' | 'inactive' | 'deleted';
export type LazadaProductStatus = 'Active' | 'InActive' | 'Deleted';
export type LazadaOrderItemStatus =
  'unpaid' | 'pending' | 'packed' | 'ready_to_ship' | 'shipped' | 'delivered' | 'confirmed' | 'failed_delivery' | 'returned' | 'lost' | 'canceled';

export interface LazadaFakeOptions {
  /** Leaf category id → names of its mandatory attributes. Replaces the default set. */
  categories?: Record<number, string[]>;
  /** The fake's clock in ms, for the timestamp window, token lifetimes, order times and rate limits. */
  now?: () => number;
}

export interface LazadaFakeCall extends RecordedCall {
  sellerId: number | null;
  /** Every signed parameter as received (query, form body, multipart text fields). */
  params: Record<string, string>;
  /** The parsed `payload` / `apiRequestBody` JSON; for multipart, the files received. */
  body: unknown;
  /** Lazada's code; "0" on success. */
  code: string;
}

export interface LazadaFakeSku {
  skuId: number;
  sellerSku: string;
  price: number;
  quantity: number;
  status: LazadaSkuStatus;
  packageWeight: number;
  packageLength: number;
  packageWidth: number;
  packageHeight: number;
}

export interface LazadaFakeItem {
  itemId: number;
  sellerId: number;
  /** Active while any SKU is, InActive when none is, Deleted when all are. */
  status: LazadaProductStatus;
  primaryCategory: number;
  name: string;
  description: string;
  /** Every attribute received, name/description/brand included. */
  attributes: Record<string, string>;
  images: string[];
  skus: LazadaFakeSku[];
  createdAt: number;
  updatedAt: number;
}

export interface LazadaFakeOrderItem {
  orderItemId: number;
  itemId: number;
  skuId: number;
  sellerSku: string;
  name: string;
  price: number;
  status: LazadaOrderItemStatus;
}

export interface LazadaFakeOrder {
  orderId: string;
  sellerId: number;
  buyerFirstName: string;
  buyerLastName: string;
  createdAt: number;
  updatedAt: number;
  /** One per unit. */
  items: LazadaFakeOrderItem[];
}

export interface LazadaCreateOrderInput {
  lines: Array<{ sellerSku: string; quantity: number; price?: number }>;
  status?: LazadaOrderItemStatus;
  buyerFirstName?: string;
  buyerLastName?: string;
}

interface App {
  appKey: string;
  appSecret: string;
}

interface Seller {
  sellerId: number;
  name: string;
  appKey: string;
}

interface Failure {
  code: string;
  message: string;
  /** Who is at fault: ISP (the platform's checks, the default), ISV (the caller's request at the gateway), SYSTEM. */
  type?: 'ISV' | 'SYSTEM';
  detail?: Array<{ field: string; message: string; seller_sku?: string }>;
}

/** A check's outcome: Lazada's refusal, or the value it let through. */
type Checked<T> = { failure: Failure } | { value: T };

interface Answer {
  /** 200 unless a server fault or an unknown path. */
  status?: number;
  failure?: Failure;
  data?: unknown;
  /** Fields the token calls return beside `code` instead of under `data`. */
  flat?: Record<string, unknown>;
}

interface RequestContext {
  app: App;
  seller: Seller | null;
  params: Record<string, string>;
  files: Array<{ field: string; bytes: Buffer; type: string; name: string }>;
}

/** `seller` calls need an access token; `app` calls (token refresh) are signed by the app alone. */
type Guard = 'seller' | 'app';

interface LazadaProtocol {
  accountId: number;
  account: Seller;
  call: LazadaFakeCall;
  context: RequestContext;
  answer: Answer;
  guard: Guard;
}

const TIMESTAMP_WINDOW_MS = 7200_000;
/** The seller approves on auth.lazada.com's page, outside the /rest API; the code lasts 30 minutes, once (GenerateAccessToken's InvalidCode). */
const AUTHORIZE_PATH = '/oauth/authorize';
const CODE_TTL_MS = 30 * 60_000;
/** A test app's lifetimes (articleId=121098): 7 days access, 14 days refresh; access tokens already issued outlive a refresh. */
const TOKENS: TokenPolicy = {
  accessTtlMs: 7 * 86400_000,
  refreshTtlMs: 14 * 86400_000,
  mint: () => `50000${randomBytes(20).toString('hex')}`,
  onRefresh: 'keep',
};
const MAX_IMAGE_BYTES = 3 * 1024 * 1024;
const MAX_IMAGES = 8;
const PQ_MAX_SKUS = 50;
/**
 * The leaf ids of our default Lazada category table (so an end-to-end test needs no setup), plus
 * 10009999, made up, with a mandatory attribute `origin` for tests of BIZ_CHECK_CAT_PROP_MANDATORY.
 */
const DEFAULT_CATEGORIES: Record<number, string[]> = Object.fromEntries([
  ...[
    10000330, 10000331, 10000334, 10000336, 10000337, 10000343, 10000345, 10000347, 10000351, 10000353, 10000358, 10000359, 10000361, 10000362, 10000366,
    10000546, 10000598, 10000713, 10000742,
  ].map((id) => [id, []]),
  [10009999, ['origin']],
]);
/** GetOrders' documented status filter values. */
const ORDER_FILTERS = [
  'unpaid',
  'pending',
  'canceled',
  'ready_to_ship',
  'delivered',
  'returned',
  'shipped',
  'failed',
  'topack',
  'toship',
  'shipping',
  'lost',
  'packed',
];
const PRODUCT_FILTERS = ['all', 'live', 'inactive', 'deleted', 'pending', 'rejected', 'sold-out'];
const ISO_SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/;

export class LazadaFake extends MarketplaceFake<LazadaProtocol> {
  readonly appKey: string;
  readonly appSecret: string;
  /** Leaf category id → mandatory attribute names; tests may add to it. */
  readonly categories = new Map<number, string[]>();

  private readonly apps = new Map<string, App>();
  private readonly itemsById = new OwnedRecords<number, LazadaFakeItem>('LazadaFake: unknown item', (item) => item.sellerId);
  private readonly images = new Set<string>();
  private readonly ordersById = new OwnedRecords<string, LazadaFakeOrder>('LazadaFake: unknown order', (order) => order.sellerId);
  private nextAppKey = 100_101;
  private nextSellerId = 200_000_001;
  private nextItemId = 3_069_250_001;
  private nextSkuId = 15_298_390_001;
  private nextOrderId = 491_253_082_180_001;
  private nextOrderItemId = 491_253_082_280_001;

  private constructor(options: LazadaFakeOptions = {}) {
    super({ name: 'LazadaFake', accountNoun: 'seller', prefix: '/rest', now: options.now, tokens: TOKENS });
    const app = this.addApp();
    this.appKey = app.appKey;
    this.appSecret = app.appSecret;
    for (const [id, attributes] of Object.entries(options.categories ?? DEFAULT_CATEGORIES)) this.categories.set(Number(id), attributes);
    this.registerRoutes();
    this.consentPage = {
      path: AUTHORIZE_PATH,
      codeTtlMs: CODE_TTL_MS,
      open: (query) => {
        if (query.get('response_type') !== 'code')
          return { refusal: { status: 400, failure: { code: 'InvalidParameter', message: 'response_type must be code.', type: 'ISV' } } };
        const appKey = query.get('client_id') ?? '';
        if (!this.apps.has(appKey))
          return { refusal: { status: 400, failure: { code: 'InvalidAppKey', message: 'The specified app key is not valid.', type: 'ISV' } } };
        let back: URL;
        try {
          back = new URL(query.get('redirect_uri') ?? '');
        } catch {
          return {
            refusal: {
              status: 400,
              failure: { code: 'InvalidParameter', message: 'redirect_uri must be the callback URL registered for the app.', type: 'ISV' },
            },
          };
        }
        // Whatever state the link carried comes back unchanged.
        if (query.has('state')) back.searchParams.set('state', query.get('state')!);
        return { back, app: appKey };
      },
    };
  }

  static start(options?: LazadaFakeOptions): Promise<LazadaFake> {
    return new LazadaFake(options).listen();
  }

  // ---- test controls -------------------------------------------------------------------------

  addApp(options: { appKey?: string; appSecret?: string } = {}): { appKey: string; appSecret: string } {
    const app = { appKey: options.appKey ?? String(this.nextAppKey++), appSecret: options.appSecret ?? randomBytes(16).toString('hex') };
    this.apps.set(app.appKey, app);
    return { ...app };
  }

  /** A seller who authorized an app (the default one unless given), with a fresh token pair. */
  addSeller(options: { name: string; appKey?: string }): { sellerId: number; accessToken: string; refreshToken: string } {
    const appKey = options.appKey ?? this.appKey;
    if (!this.apps.has(appKey)) throw new Error(`LazadaFake: unknown app ${appKey}`);
    const seller = { sellerId: this.nextSellerId++, name: options.name, appKey };
    this.accounts.set(seller.sellerId, seller);
    const { accessToken, refreshToken } = this.tokens.issue(seller);
    return { sellerId: seller.sellerId, accessToken, refreshToken };
  }

  /** All items of a seller, deleted ones included, as copies. */
  items(sellerId: number): LazadaFakeItem[] {
    return this.itemsById.ownedBy(sellerId).map((item) => ({ ...structuredClone(item), status: productStatus(item) }));
  }

  orders(sellerId: number): LazadaFakeOrder[] {
    return this.ordersById.copiesFor(sellerId);
  }

  /** Every SKU of the item gets this status, as a seller would set it in Seller Center. */
  setItemStatus(itemId: number, status: LazadaSkuStatus): void {
    const item = this.itemsById.must(itemId);
    for (const sku of item.skus) sku.status = status;
    item.updatedAt = this.now();
  }

  /** Places an order as a buyer would: one order item per unit, stock taken at once. */
  createOrder(sellerId: number, input: LazadaCreateOrderInput): string {
    this.mustAccount(sellerId);
    const picked = input.lines.map((line) => {
      const found = this.liveSku(sellerId, line.sellerSku);
      if (!found) throw new Error(`LazadaFake: no SKU ${line.sellerSku} for seller ${sellerId}`);
      if (line.quantity < 1 || line.quantity > found.sku.quantity)
        throw new Error(`LazadaFake: SKU ${line.sellerSku} has ${found.sku.quantity} in stock, asked ${line.quantity}`);
      return { ...found, line };
    });
    const now = this.now();
    const items: LazadaFakeOrderItem[] = [];
    for (const { item, sku, line } of picked) {
      sku.quantity -= line.quantity;
      for (let unit = 0; unit < line.quantity; unit++) {
        items.push({
          orderItemId: this.nextOrderItemId++,
          itemId: item.itemId,
          skuId: sku.skuId,
          sellerSku: sku.sellerSku,
          name: item.name,
          price: line.price ?? sku.price,
          status: input.status ?? 'pending',
        });
      }
    }
    const orderId = String(this.nextOrderId++);
    this.ordersById.set(orderId, {
      orderId,
      sellerId,
      buyerFirstName: input.buyerFirstName ?? 'Nguyễn Văn',
      buyerLastName: input.buyerLastName ?? `Khách ${this.ordersById.size + 1}`,
      createdAt: now,
      updatedAt: now,
      items,
    });
    return orderId;
  }

  /** Every item of the order moves to `status`; moving into canceled gives the stock back. */
  setOrderStatus(orderId: string, status: LazadaOrderItemStatus): void {
    const order = this.ordersById.must(orderId);
    for (const entry of order.items) {
      if (status === 'canceled' && entry.status !== 'canceled') {
        const sku = this.itemsById.get(entry.itemId)?.skus.find((candidate) => candidate.skuId === entry.skuId);
        if (sku) sku.quantity += 1;
      }
      entry.status = status;
    }
    order.updatedAt = this.now();
  }

  /** A trade order message (type 0) for the order; returns the HTTP status the receiver answered. */
  async push(callbackUrl: string, orderId: string): Promise<number> {
    const order = this.ordersById.must(orderId);
    const first = order.items[0];
    return this.pushMessage(callbackUrl, order.sellerId, 0, {
      order_status: first?.status ?? 'pending',
      status_update_time: Math.floor(order.updatedAt / 1000),
      trade_order_id: order.orderId,
      trade_order_line_id: String(first?.orderItemId ?? ''),
    });
  }

  /** Any message type (0 order, 8 token expiring…), signed with the seller's app as documented. */
  async pushMessage(callbackUrl: string, sellerId: number, messageType: number, data: Record<string, unknown>): Promise<number> {
    const app = this.apps.get(this.mustAccount(sellerId).appKey)!;
    const body = JSON.stringify({ seller_id: String(sellerId), message_type: messageType, data, timestamp: this.now(), site: 'lazada_vn' });
    return postPush(
      callbackUrl,
      body,
      createHmac('sha256', app.appSecret)
        .update(app.appKey + body)
        .digest('hex'),
    );
  }

  // ---- HTTP ------------------------------------------------------------------------------------

  protected record(request: FakeRequest): LazadaFakeCall {
    return { method: request.method, path: request.path, sellerId: null, params: {}, body: undefined, status: 0, code: '' };
  }

  /** Every parameter, signed: app_key, sign_method, a millisecond timestamp, the UPPERCASE sign; then the seller's token. */
  protected async admit(request: FakeRequest, { route }: RouteFound<LazadaProtocol>, call: LazadaFakeCall): Promise<Admission<LazadaProtocol>> {
    // Parameters: the query, then the body's form fields; a body that is neither is signed raw.
    const params: Record<string, string> = Object.fromEntries(request.query);
    const files: RequestContext['files'] = [];
    let rawBody = '';
    if (request.contentType.startsWith('multipart/form-data')) {
      const { form } = await request.parsed();
      if (!form) return refuse('5', 'E005: Invalid Request Format');
      for (const [field, value] of form) {
        if (typeof value === 'string') params[field] = value;
        else files.push({ field, bytes: Buffer.from(await value.arrayBuffer()), type: value.type, name: value.name });
      }
      call.body = { files: files.map((file) => ({ field: file.field, filename: file.name, contentType: file.type, size: file.bytes.length })) };
    } else if (request.contentType.startsWith('application/x-www-form-urlencoded')) {
      Object.assign(params, Object.fromEntries(new URLSearchParams(request.raw.toString('utf8'))));
    } else if (request.raw.length > 0) {
      rawBody = request.raw.toString('utf8');
    }
    call.params = { ...params };
    if (params.payload ?? params.apiRequestBody) call.body = parseJson(params.payload ?? params.apiRequestBody);

    for (const name of ['app_key', 'sign_method', 'timestamp', 'sign'] as const) {
      if (!params[name]) return refuse('MissingParameter', `The input parameter "${name}" that is mandatory for processing this request is not supplied.`);
    }
    const app = this.apps.get(params.app_key);
    if (!app) return refuse('InvalidAppKey', 'The specified app key is not valid.');
    if (params.sign_method !== 'sha256') return refuse('InvalidSignMethod', 'The sign_method must be sha256.');
    if (!/^\d{13}$/.test(params.timestamp) || Math.abs(this.now() - Number(params.timestamp)) > TIMESTAMP_WINDOW_MS) {
      return refuse('InvalidTimestamp', 'The timestamp must be in milliseconds and within 7200 seconds of the server time.');
    }
    // Uppercase hex only, as documented: a lowercase signature is a client bug worth seeing.
    if (!constantTimeEqual(expectedSign(app.appSecret, request.path, params, rawBody), params.sign)) {
      return refuse('IncompleteSignature', 'The request signature does not conform to platform standards');
    }

    let seller: Seller | null = null;
    if (route.guard === 'seller') {
      const accessToken = params.access_token;
      if (!accessToken) return refuse('MissingParameter', 'The input parameter "access_token" that is mandatory for processing this request is not supplied.');
      seller = this.tokens.liveAccessHolder(accessToken) ?? null;
      if (seller?.appKey !== app.appKey) return refuse('IllegalAccessToken', 'The specified access token is invalid or expired');
      call.sellerId = seller.sellerId;
    }
    return { context: { app, seller, params, files }, budget: seller ? `seller:${seller.sellerId}` : `app:${app.appKey}` };
  }

  /** Lazada's envelope: `{code: "0", data, request_id}` or `{code, type, message, detail?, request_id}`. */
  protected reply(answer: Answer, call: LazadaFakeCall): Reply {
    const { failure } = answer;
    call.code = failure?.code ?? '0';
    return {
      status: answer.status ?? 200,
      headers: { 'content-type': 'application/json;charset=UTF-8' },
      ok: !failure,
      body: failure
        ? {
            code: failure.code,
            type: failure.type ?? 'ISP',
            message: failure.message,
            ...(failure.detail ? { detail: failure.detail } : {}),
            request_id: requestId(),
          }
        : { code: '0', ...(answer.data !== undefined ? { data: answer.data } : {}), ...(answer.flat ?? {}), request_id: requestId() },
    };
  }

  protected unrouted(): Answer {
    return { status: 404, failure: { code: 'InvalidApiPath', message: 'The specified API path is invalid', type: 'ISV' } };
  }

  protected serverFault(kind: 'http500' | 'http503' | 'timeout'): Answer {
    if (kind === 'http500') return { status: 500, failure: { code: '1000', message: 'Internal Application Error', type: 'SYSTEM' } };
    return { status: kind === 'timeout' ? 504 : 503, failure: { code: '6', message: 'E006: Unexpected internal error', type: 'SYSTEM' } };
  }

  /** Lazada says nothing of when to try again. */
  protected rateLimited(): Answer {
    return fail('901', 'E901: The request is too frequent, or the requested functionality is temporarily disabled.');
  }

  protected crashBody(message: string): unknown {
    return { code: '1000', type: 'SYSTEM', message, request_id: '' };
  }

  // ---- endpoints -------------------------------------------------------------------------------

  private registerRoutes(): void {
    const route = (methods: string[], guard: Guard, path: string, handler: Route<LazadaProtocol>['handler']) => this.routes.add(methods, path, guard, handler);
    route(['GET'], 'seller', '/seller/get', (ctx) => this.getSeller(ctx));
    route(['GET', 'POST'], 'app', '/auth/token/create', (ctx) => this.createAccessToken(ctx));
    route(['GET', 'POST'], 'app', '/auth/token/refresh', (ctx) => this.refreshAccessToken(ctx));
    route(['POST'], 'seller', '/image/upload', (ctx) => this.uploadImage(ctx));
    route(['POST'], 'seller', '/product/create', (ctx) => this.createProduct(ctx));
    route(['POST'], 'seller', '/product/update', (ctx) => this.updateProduct(ctx));
    route(['POST'], 'seller', '/product/price_quantity/update', (ctx) => this.updatePriceQuantity(ctx));
    route(['POST'], 'seller', '/product/deactivate', (ctx) => this.deactivateProduct(ctx));
    route(['GET'], 'seller', '/products/get', (ctx) => this.getProducts(ctx));
    route(['GET'], 'seller', '/orders/get', (ctx) => this.getOrders(ctx));
    route(['GET'], 'seller', '/order/get', (ctx) => this.getOrder(ctx));
    route(['GET'], 'seller', '/order/items/get', (ctx) => this.getOrderItems(ctx));
    route(['GET'], 'seller', '/orders/items/get', (ctx) => this.getMultipleOrderItems(ctx));
  }

  /** Field names of GetSeller. */
  private getSeller({ seller }: RequestContext): Answer {
    const s = seller!;
    return {
      data: {
        name: s.name,
        name_company: `${s.name} (HTX)`,
        seller_id: s.sellerId,
        short_code: `VN${String(s.sellerId).slice(-6)}`,
        email: `seller${s.sellerId}@example.vn`,
        location: 'Hồ Chí Minh',
        verified: true,
        status: 'ACTIVE',
        cb: false,
        logo_url: '',
      },
    };
  }

  /** GenerateAccessToken: the code from the authorization page, for the app it was issued to, once. */
  private createAccessToken({ app, params }: RequestContext): Answer {
    if (!params.code) return fail('MissingParameter', 'The input parameter "code" that is mandatory for processing this request is not supplied.');
    const seller = this.redeemCode(params.code, app.appKey);
    if (!seller) return fail('InvalidCode', 'Invalid authorization code');
    // The seller has authorized this app now, whichever it had before.
    seller.appKey = app.appKey;
    return this.tokenAnswer(seller, this.tokens.issue(seller));
  }

  private refreshAccessToken({ app, params }: RequestContext): Answer {
    if (!params.refresh_token)
      return fail('MissingParameter', 'The input parameter "refresh_token" that is mandatory for processing this request is not supplied.');
    const seller = this.tokens.liveRefreshHolder(params.refresh_token);
    if (seller?.appKey !== app.appKey) return fail('IllegalRefreshToken', 'The specified refresh token is invalid or expired');
    return this.tokenAnswer(seller, this.tokens.renew(seller));
  }

  /** What both token calls answer beside `code` (system-api docs): the pair, lifetimes in seconds, and who the seller is per country. */
  private tokenAnswer(seller: Seller, renewed: TokenPair): Answer {
    return {
      flat: {
        ...tokenFields(renewed),
        expires_in: TOKENS.accessTtlMs / 1000,
        refresh_expires_in: TOKENS.refreshTtlMs / 1000,
        account: `seller${seller.sellerId}@example.vn`,
        account_platform: 'seller_center',
        country: 'vn',
        country_user_info: [
          { country: 'vn', seller_id: String(seller.sellerId), user_id: String(seller.sellerId + 1), short_code: `VN${String(seller.sellerId).slice(-6)}` },
        ],
      },
    };
  }

  private uploadImage({ files }: RequestContext): Answer {
    const image = files.find((file) => file.field === 'image');
    if (!image) return fail('30', 'E030: Empty Request');
    if (image.bytes.length > MAX_IMAGE_BYTES) return fail('303', 'E303: The image is too large');
    const kind = imageKind(image.bytes);
    if (!kind) return fail('300', 'E300: Upload Image Failed', [{ field: 'image', message: 'Only JPG and PNG images are supported.' }]);
    const hash = randomBytes(16).toString('hex');
    const url = `https://vn-live-01.slatic.net/p/${hash}.${kind === 'image/png' ? 'png' : 'jpg'}`;
    this.images.add(url);
    return { data: { image: { hash_code: hash, url } } };
  }

  private createProduct({ seller, params }: RequestContext): Answer {
    const checked = requestProduct(params.payload);
    if ('failure' in checked) return checked;
    const product = checked.value;
    const category = Number(product.PrimaryCategory);
    if (product.PrimaryCategory === undefined) return fail('1', 'E001: Parameter PrimaryCategory is mandatory');
    if (!this.categories.has(category)) return fail('201', `E201: ${String(product.PrimaryCategory)} Invalid CategoryId`);
    const images = this.checkImages(product.Images, true);
    if ('failure' in images) return images;
    const checkedAttributes = checkAttributes(product.Attributes, true);
    if ('failure' in checkedAttributes) return checkedAttributes;
    const attributes = checkedAttributes.value;
    const missing = this.missingAttributes(category, attributes);
    if (missing) return { failure: missing };
    const skus = asArray((product.Skus as { Sku?: unknown } | undefined)?.Sku);
    if (!skus || skus.length === 0) return fail('1', 'E001: Parameter Skus is mandatory');
    const parsed: LazadaFakeSku[] = [];
    for (const entry of skus) {
      const sellerSku = entry?.SellerSku;
      if (typeof sellerSku !== 'string' || !sellerSku.trim()) return fail('1', 'E001: Parameter SellerSku is mandatory');
      const price = parsePrice(entry.price);
      if ('failure' in price) return price;
      const quantity = wholeNumber(entry.quantity ?? '0');
      if (quantity === null)
        return fail('4152', 'THD_INVENTORY_ERR_INV_PARAM_ILLEGAL', [
          { field: 'quantity', message: 'quantity must be a whole number, zero or more', seller_sku: sellerSku },
        ]);
      const dims = packageDims(entry, true);
      if ('failure' in dims) return dims;
      if (parsed.some((sku) => sku.sellerSku === sellerSku) || this.liveSku(seller!.sellerId, sellerSku, true)) {
        return fail('4105', 'BIZ_CHECK_SELLER_SKU_DUPLICATE', [
          { field: 'SellerSku', message: `SellerSku ${sellerSku} already exists in this store.`, seller_sku: sellerSku },
        ]);
      }
      parsed.push({ skuId: this.nextSkuId++, sellerSku, price: price.value, quantity, status: 'active', ...(dims.value as PackageDims) });
    }
    const now = this.now();
    const item: LazadaFakeItem = {
      itemId: this.nextItemId++,
      sellerId: seller!.sellerId,
      status: 'Active',
      primaryCategory: category,
      name: attributes.name,
      description: attributes.description ?? '',
      attributes,
      images: images.value,
      skus: parsed,
      createdAt: now,
      updatedAt: now,
    };
    this.itemsById.set(item.itemId, item);
    return {
      data: { item_id: item.itemId, sku_list: item.skus.map((sku) => ({ shop_sku: shopSku(item, sku), seller_sku: sku.sellerSku, sku_id: sku.skuId })) },
    };
  }

  private updateProduct({ seller, params }: RequestContext): Answer {
    const checked = requestProduct(params.payload);
    if ('failure' in checked) return checked;
    const product = checked.value;
    if (product.ItemId === undefined) return fail('1', 'E001: Parameter ItemId is mandatory');
    const item = this.sellerItem(seller!, product.ItemId);
    if (!item) return fail('4137', 'ITEM_NOT_FOUND', [{ field: 'ItemId', message: `Item ${String(product.ItemId)} is not found in this store.` }]);
    const category = product.PrimaryCategory !== undefined ? Number(product.PrimaryCategory) : item.primaryCategory;
    if (!this.categories.has(category)) return fail('201', `E201: ${String(product.PrimaryCategory)} Invalid CategoryId`);
    const images = product.Images !== undefined ? this.checkImages(product.Images, false) : { value: item.images };
    if ('failure' in images) return images;
    const changed = checkAttributes(product.Attributes, false);
    if ('failure' in changed) return changed;
    const attributes = { ...item.attributes, ...changed.value };
    const missing = this.missingAttributes(category, attributes);
    if (missing) return { failure: missing };
    const changes: Array<{ sku: LazadaFakeSku; apply: Partial<LazadaFakeSku> }> = [];
    for (const entry of asArray((product.Skus as { Sku?: unknown } | undefined)?.Sku) ?? []) {
      if (entry?.SkuId === undefined) return fail('1', 'E001: Parameter SkuId is mandatory');
      const sku = item.skus.find((candidate) => candidate.skuId === Number(entry.SkuId) && candidate.status !== 'deleted');
      if (!sku) return fail('4137', 'ITEM_NOT_FOUND', [{ field: 'SkuId', message: `SKU ${String(entry.SkuId)} is not found in item ${item.itemId}.` }]);
      const apply: Partial<LazadaFakeSku> = {};
      if (entry.price !== undefined) {
        const price = parsePrice(entry.price);
        if ('failure' in price) return price;
        apply.price = price.value;
      }
      if (entry.quantity !== undefined) {
        const quantity = wholeNumber(entry.quantity);
        if (quantity === null)
          return fail('4152', 'THD_INVENTORY_ERR_INV_PARAM_ILLEGAL', [{ field: 'quantity', message: 'quantity must be a whole number, zero or more' }]);
        apply.quantity = quantity;
      }
      const dims = packageDims(entry, false);
      if ('failure' in dims) return dims;
      Object.assign(apply, dims.value);
      // The documented default of Status on UpdateProduct is active.
      const status = entry.Status ?? 'active';
      if (status !== 'active' && status !== 'inactive' && status !== 'deleted')
        return fail('5', 'E005: Invalid Request Format', [{ field: 'Status', message: 'Status must be active, inactive or deleted' }]);
      apply.status = status;
      changes.push({ sku, apply });
    }
    for (const { sku, apply } of changes) Object.assign(sku, apply);
    item.primaryCategory = category;
    // An empty list replaces nothing: UpdateProduct cannot delete images, only replace them.
    if (images.value.length > 0) item.images = images.value;
    item.attributes = attributes;
    item.name = attributes.name;
    item.description = attributes.description ?? '';
    item.updatedAt = this.now();
    return { data: {} };
  }

  private updatePriceQuantity({ seller, params }: RequestContext): Answer {
    const checked = requestProduct(params.payload);
    if ('failure' in checked) return checked;
    const entries = asArray((checked.value.Skus as { Sku?: unknown } | undefined)?.Sku);
    if (!entries || entries.length === 0) return fail('1', 'E001: Parameter Sku is mandatory');
    if (entries.length > PQ_MAX_SKUS)
      return fail('4171', 'The updated SKU quantity exceeds the maximum number 50, please do not update more than 50 SKUs at once');
    const changes: Array<{ item: LazadaFakeItem; sku: LazadaFakeSku; price?: number; quantity?: number }> = [];
    const detail: NonNullable<Failure['detail']> = [];
    for (const entry of entries) {
      if (entry?.ItemId === undefined || entry.SkuId === undefined) return fail('1', 'E001: Parameter ItemId and SkuId are mandatory');
      const item = this.sellerItem(seller!, entry.ItemId);
      const sku = item?.skus.find((candidate) => candidate.skuId === Number(entry.SkuId) && candidate.status !== 'deleted');
      if (!item || !sku) {
        detail.push({
          field: 'SkuId',
          message: `SKU ${String(entry.SkuId)} of item ${String(entry.ItemId)} is not found.`,
          seller_sku: String(entry.SellerSku ?? ''),
        });
        continue;
      }
      const change: (typeof changes)[number] = { item, sku };
      if (entry.Price !== undefined) {
        const price = parsePrice(entry.Price);
        if ('failure' in price) return price;
        change.price = price.value;
      }
      if (entry.Quantity !== undefined) {
        const quantity = wholeNumber(entry.Quantity);
        if (quantity === null) detail.push({ field: 'Quantity', message: 'Quantity must be a whole number, zero or more.', seller_sku: sku.sellerSku });
        else change.quantity = quantity;
      }
      changes.push(change);
    }
    if (detail.length > 0) return fail('501', 'Update product failed', detail);
    const now = this.now();
    for (const change of changes) {
      if (change.price !== undefined) change.sku.price = change.price;
      if (change.quantity !== undefined) change.sku.quantity = change.quantity;
      change.item.updatedAt = now;
    }
    return { data: {} };
  }

  private deactivateProduct({ seller, params }: RequestContext): Answer {
    const checked = requestProduct(params.apiRequestBody);
    if ('failure' in checked) return checked;
    const product = checked.value;
    if (product.ItemId === undefined) return fail('E0001', 'Parameter ItemId is mandatory');
    const item = this.sellerItem(seller!, product.ItemId);
    if (!item) return fail('E0002', 'Product:item id not exist');
    const skusField = product.Skus as { SkuId?: unknown; SellerSku?: unknown } | undefined;
    if (skusField?.SellerSku !== undefined && skusField.SkuId === undefined) {
      return fail('4193', 'The SellerSku parameter is no longer supported. Please update your parameter to use SkuId and try again');
    }
    const skuIds = skusField?.SkuId === undefined ? null : (Array.isArray(skusField.SkuId) ? skusField.SkuId : [skusField.SkuId]).map(Number);
    const targets =
      skuIds === null
        ? item.skus.filter((sku) => sku.status !== 'deleted')
        : skuIds.map((id) => item.skus.find((sku) => sku.skuId === id && sku.status !== 'deleted'));
    if (targets.some((sku) => sku === undefined)) return fail('E0003', 'Seller Sku not exists');
    const live = (targets as LazadaFakeSku[]).filter((sku) => sku.status === 'active');
    if (live.length === 0) return fail('E0004', 'Product Status not online');
    for (const sku of live) sku.status = 'inactive';
    item.updatedAt = this.now();
    return { data: {} };
  }

  private getProducts({ seller, params }: RequestContext): Answer {
    const filter = params.filter ?? 'all';
    if (!PRODUCT_FILTERS.includes(filter)) return fail('36', 'E036: Invalid status filter');
    const limit = params.limit === undefined ? 10 : wholeNumber(params.limit);
    if (limit === null || limit < 1 || limit > 50) return fail('19', `E019: "${params.limit}" Invalid Limit`);
    const offset = params.offset === undefined ? 0 : wholeNumber(params.offset);
    if (offset === null || offset > 10_000) return fail('14', `E014: "${params.offset}" Invalid Offset`);
    const skuList = params.sku_seller_list === undefined ? null : parseJson(params.sku_seller_list);
    if (skuList !== null && (!Array.isArray(skuList) || skuList.some((entry) => typeof entry !== 'string')))
      return fail('70', 'E070: You have corrupt data in your sku seller list.');
    const wanted = skuList === null ? null : new Set(skuList as string[]);
    const matching = this.itemsById
      .ownedBy(seller!.sellerId)
      .filter((item) => {
        const status = productStatus(item);
        switch (filter) {
          case 'all':
            return status !== 'Deleted';
          case 'live':
            return status === 'Active';
          case 'inactive':
            return status === 'InActive';
          case 'deleted':
            return status === 'Deleted';
          case 'sold-out':
            return status === 'Active' && item.skus.every((sku) => sku.quantity === 0);
          default:
            return false;
        }
      })
      // Whole SellerSku only, as documented.
      .filter((item) => wanted === null || item.skus.some((sku) => wanted.has(sku.sellerSku)))
      .sort((a, b) => a.itemId - b.itemId);
    return { data: { total_products: matching.length, products: matching.slice(offset, offset + limit).map((item) => productWire(item)) } };
  }

  private getOrders({ seller, params }: RequestContext): Answer {
    const bounds: Record<string, number> = {};
    for (const name of ['created_after', 'created_before', 'update_after', 'update_before'] as const) {
      const value = params[name];
      if (value === undefined) continue;
      if (!ISO_SECONDS.test(value) || Number.isNaN(Date.parse(value))) return fail('17', `E017: "${value}" Invalid Date Format`);
      bounds[name] = Date.parse(value);
    }
    if (bounds.created_after === undefined && bounds.update_after === undefined) {
      return fail('MissingParameter', 'The input parameter "created_after" or "update_after" that is mandatory for processing this request is not supplied.');
    }
    const limit = params.limit === undefined ? 100 : wholeNumber(params.limit);
    if (limit === null || limit < 1 || limit > 100) return fail('19', `E019: "${params.limit}" Invalid Limit`);
    const offset = params.offset === undefined ? 0 : wholeNumber(params.offset);
    if (offset === null) return fail('14', `E014: "${params.offset}" Invalid Offset`);
    const sortBy = params.sort_by ?? 'created_at';
    if (sortBy !== 'created_at' && sortBy !== 'updated_at') return fail('75', 'E075: Invalid sort filter.');
    const direction = params.sort_direction ?? 'DESC';
    if (direction !== 'ASC' && direction !== 'DESC') return fail('74', 'E074: Invalid sort direction.');
    if (params.status !== undefined && !ORDER_FILTERS.includes(params.status)) return fail('36', 'E036: Invalid status filter');
    // Seconds are what the bounds carry, so the orders' times are compared at that precision.
    const at = (ms: number) => Math.floor(ms / 1000) * 1000;
    const key = sortBy === 'created_at' ? 'createdAt' : 'updatedAt';
    const matching = this.ordersById
      .ownedBy(seller!.sellerId)
      .filter((order) => bounds.created_after === undefined || at(order.createdAt) >= bounds.created_after)
      .filter((order) => bounds.created_before === undefined || at(order.createdAt) <= bounds.created_before)
      .filter((order) => bounds.update_after === undefined || at(order.updatedAt) >= bounds.update_after)
      .filter((order) => bounds.update_before === undefined || at(order.updatedAt) <= bounds.update_before)
      .filter((order) => params.status === undefined || order.items.some((entry) => entry.status === params.status))
      .sort((a, b) => (direction === 'ASC' ? 1 : -1) * (a[key] - b[key] || a.orderId.localeCompare(b.orderId)));
    const page = matching.slice(offset, offset + limit);
    return { data: { count: page.length, countTotal: matching.length, orders: page.map((order) => orderWire(order)) } };
  }

  private getOrder({ seller, params }: RequestContext): Answer {
    const order = this.sellerOrder(seller!, params.order_id);
    if (!order) return fail('16', `E016: "${params.order_id ?? ''}" Invalid Order ID`);
    return { data: orderWire(order) };
  }

  private getOrderItems({ seller, params }: RequestContext): Answer {
    const order = this.sellerOrder(seller!, params.order_id);
    if (!order) return fail('16', `E016: "${params.order_id ?? ''}" Invalid Order ID`);
    return { data: order.items.map((entry) => this.orderItemWire(order, entry)) };
  }

  private getMultipleOrderItems({ seller, params }: RequestContext): Answer {
    const text = params.order_ids ?? '';
    if (!/^\[\s*\d+(\s*,\s*\d+)*\s*\]$/.test(text)) return fail('56', 'E056: Invalid OrdersIdList format. Must use array format [1,2]');
    const ids = text
      .slice(1, -1)
      .split(',')
      .map((id) => id.trim());
    if (ids.length > 50) return fail('38', 'E038: Too many orders were requested');
    const orders = ids.map((id) => this.sellerOrder(seller!, id));
    if (orders.some((order) => order === null)) return fail('37', 'E037: One or more order id in the list are incorrect');
    return {
      data: (orders as LazadaFakeOrder[]).map((order) => ({
        order_id: order.orderId,
        order_number: order.orderId,
        order_items: order.items.map((entry) => this.orderItemWire(order, entry)),
      })),
    };
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private checkImages(images: unknown, required: boolean): Checked<string[]> {
    const list = (images as { Image?: unknown } | undefined)?.Image;
    if (!Array.isArray(list)) return fail('1001', 'The parameters are not in JSON format', [{ field: 'Images.Image', message: 'Image must be an array' }]);
    if (list.length === 0) return required ? fail('4139', 'BIZ_CHECK_MAIN_IMAGE_REQUIRE') : { value: [] };
    if (list.length > MAX_IMAGES) return fail('500', 'E500: Create product failed', [{ field: 'Images', message: `At most ${MAX_IMAGES} images.` }]);
    if (list.some((url) => typeof url !== 'string' || !this.images.has(url)))
      return fail('4138', 'BIZ_CHECK_EXIST_OUTER_IMAGE', [{ field: 'Images', message: 'Only Lazada image URLs are allowed.' }]);
    return { value: list as string[] };
  }

  private missingAttributes(category: number, attributes: Record<string, string>): Failure | null {
    const absent = (this.categories.get(category) ?? []).filter((name) => !attributes[name]);
    return absent.length === 0
      ? null
      : err(
          '4110',
          'BIZ_CHECK_CAT_PROP_MANDATORY',
          absent.map((name) => ({ field: name, message: `The attribute ${name} is mandatory in this category.` })),
        );
  }

  private sellerItem(seller: Seller, itemId: unknown): LazadaFakeItem | null {
    const item = this.itemsById.owned(seller.sellerId, Number(itemId));
    return item && productStatus(item) !== 'Deleted' ? item : null;
  }

  /** The seller's SKU with this SellerSku on an item not deleted; `any` includes inactive SKUs. */
  private liveSku(sellerId: number, sellerSku: string, any = false): { item: LazadaFakeItem; sku: LazadaFakeSku } | null {
    for (const item of this.itemsById.ownedBy(sellerId)) {
      const sku = item.skus.find((candidate) => candidate.sellerSku === sellerSku && (any ? candidate.status !== 'deleted' : candidate.status === 'active'));
      if (sku) return { item, sku };
    }
    return null;
  }

  private sellerOrder(seller: Seller, orderId: string | undefined): LazadaFakeOrder | null {
    return (orderId && this.ordersById.owned(seller.sellerId, orderId)) || null;
  }

  /** Field names of GetOrderItems / GetMultipleOrderItems. */
  private orderItemWire(order: LazadaFakeOrder, entry: LazadaFakeOrderItem) {
    const item = this.itemsById.get(entry.itemId);
    const sku = item?.skus.find((candidate) => candidate.skuId === entry.skuId);
    return {
      order_item_id: String(entry.orderItemId),
      order_id: order.orderId,
      name: entry.name,
      sku: entry.sellerSku,
      shop_sku: item && sku ? shopSku(item, sku) : '',
      sku_id: String(entry.skuId),
      product_id: String(entry.itemId),
      variation: '',
      status: entry.status,
      item_price: money(entry.price),
      paid_price: money(entry.price),
      voucher_amount: '0.00',
      shipping_amount: '0.00',
      tax_amount: '0.00',
      currency: 'VND',
      shipping_type: 'Dropshipping',
      warehouse_code: 'dropshipping',
      is_digital: '0',
      created_at: String(order.createdAt),
      updated_at: String(order.updatedAt),
    };
  }
}

function fail(code: string, message: string, detail?: Failure['detail']): { failure: Failure } {
  return { failure: err(code, message, detail) };
}

function err(code: string, message: string, detail?: Failure['detail']): Failure {
  return { code, message, ...(detail ? { detail } : {}) };
}

/** A gateway refusal: the caller's request is at fault. */
function refuse(code: string, message: string): { refusal: Answer } {
  return { refusal: { failure: { code, message, type: 'ISV' } } };
}

function productStatus(item: LazadaFakeItem): LazadaProductStatus {
  if (item.skus.some((sku) => sku.status === 'active')) return 'Active';
  return item.skus.every((sku) => sku.status === 'deleted') ? 'Deleted' : 'InActive';
}

function shopSku(item: LazadaFakeItem, sku: LazadaFakeSku): string {
  return `${item.itemId}_VNAMZ-${sku.skuId}`;
}

/** `Request.Product` of a JSON payload. */
function requestProduct(text: string | undefined): Checked<Record<string, unknown>> {
  if (!text) return fail('30', 'E030: Empty Request');
  if (text.trimStart().startsWith('<'))
    return fail('5', 'E005: Invalid Request Format', [{ field: 'payload', message: 'This fake takes JSON payloads only.' }]);
  const parsed = parseJson(text) as { Request?: { Product?: unknown } } | undefined;
  const product = parsed?.Request?.Product;
  if (!product || typeof product !== 'object' || Array.isArray(product)) return fail('5', 'E005: Invalid Request Format');
  return { value: product as Record<string, unknown> };
}

function checkAttributes(value: unknown, creating: boolean): Checked<Record<string, string>> {
  if (value === undefined && !creating) return { value: {} };
  if (!value || typeof value !== 'object' || Array.isArray(value)) return fail('1', 'E001: Parameter Attributes is mandatory');
  const attributes: Record<string, string> = {};
  for (const [name, entry] of Object.entries(value as Record<string, unknown>)) {
    if (typeof entry === 'string' || typeof entry === 'number') attributes[name] = String(entry);
  }
  if (creating || attributes.name !== undefined) {
    if (!attributes.name?.trim()) return fail('1', 'E001: Parameter name is mandatory');
    if (attributes.name.length > 255)
      return fail('500', 'E500: Create product failed', [{ field: 'name', message: 'The name is longer than 255 characters.' }]);
  }
  if (creating && !attributes.brand && !attributes.brand_id) return fail('1', 'E001: Parameter brand is mandatory');
  if ((attributes.description?.length ?? 0) > 25_000)
    return fail('500', 'E500: Create product failed', [{ field: 'description', message: 'The description is longer than 25000 characters.' }]);
  return { value: attributes };
}

type PackageDims = Pick<LazadaFakeSku, 'packageWeight' | 'packageLength' | 'packageWidth' | 'packageHeight'>;

/** All four when `required` (a create), else those present. */
function packageDims(entry: Record<string, unknown>, required: boolean): Checked<Partial<PackageDims>> {
  const value: Partial<PackageDims> = {};
  const fields = [
    ['package_weight', 'packageWeight'],
    ['package_length', 'packageLength'],
    ['package_width', 'packageWidth'],
    ['package_height', 'packageHeight'],
  ] as const;
  for (const [field, key] of fields) {
    const raw = entry[field];
    if (raw === undefined) {
      if (required) return fail('1', `E001: Parameter ${field} is mandatory`);
      continue;
    }
    const text = String(raw);
    if (!/^\d+(\.\d{1,2})?$/.test(text) || !(Number(text) > 0)) {
      return fail('4149', 'BIZ_CHECK_PACKAGE_DECIMAL_INVALID', [{ field, message: `${field} must be above zero with at most two decimals.` }]);
    }
    value[key] = Number(text);
  }
  return { value };
}

/** VND has no decimals on Lazada Vietnam: a fractional price is BIZ_CHECK_PRICE_PRECISION_INVALID. */
function parsePrice(raw: unknown): Checked<number> {
  const text = typeof raw === 'number' || typeof raw === 'string' ? String(raw) : '';
  if (!/^\d+(\.\d+)?$/.test(text) || !(Number(text) > 0))
    return fail('4118', 'BIZ_CHECK_PRICE_IS_ZERO', [{ field: 'price', message: 'The price must be above zero.' }]);
  if (!Number.isInteger(Number(text)))
    return fail('4104', 'BIZ_CHECK_PRICE_PRECISION_INVALID', [{ field: 'price', message: 'Prices in VND take no decimals.' }]);
  return { value: Number(text) };
}

function wholeNumber(raw: unknown): number | null {
  const text = typeof raw === 'number' || typeof raw === 'string' ? String(raw) : '';
  return /^\d+$/.test(text) ? Number(text) : null;
}

/** A field that must be an array but, as Lazada tolerates in UpdatePriceQuantity, may be a single object. */
function asArray(value: unknown): Array<Record<string, unknown>> | null {
  if (value === undefined || value === null) return null;
  return (Array.isArray(value) ? value : [value]) as Array<Record<string, unknown>>;
}

/** Field names of GetProducts. */
function productWire(item: LazadaFakeItem) {
  return {
    item_id: item.itemId,
    primary_category: item.primaryCategory,
    attributes: item.attributes,
    skus: item.skus.map((sku) => ({
      Status: sku.status,
      SkuId: sku.skuId,
      SellerSku: sku.sellerSku,
      ShopSku: shopSku(item, sku),
      Url: `https://www.lazada.vn/-i${item.itemId}-s${sku.skuId}.html`,
      quantity: sku.quantity,
      Available: sku.quantity,
      price: sku.price,
      special_price: 0,
      package_weight: String(sku.packageWeight),
      package_length: String(sku.packageLength),
      package_width: String(sku.packageWidth),
      package_height: String(sku.packageHeight),
      Images: [],
    })),
    images: item.images,
    marketImages: [],
    status: productStatus(item),
    created_time: String(item.createdAt),
    updated_time: String(item.updatedAt),
    trialProduct: false,
    variation: {},
  };
}

/** Field names of GetOrders / GetOrder; money as decimal strings, times in Vietnam's offset. */
function orderWire(order: LazadaFakeOrder) {
  return {
    order_id: order.orderId,
    order_number: order.orderId,
    created_at: vietnamTime(order.createdAt),
    updated_at: vietnamTime(order.updatedAt),
    customer_first_name: order.buyerFirstName,
    customer_last_name: order.buyerLastName,
    price: money(order.items.reduce((sum, entry) => sum + entry.price, 0)),
    items_count: order.items.length,
    statuses: [...new Set(order.items.map((entry) => entry.status))],
    payment_method: 'COD',
    voucher: '0.00',
    voucher_platform: '0.00',
    voucher_seller: '0.00',
    shipping_fee: '0.00',
    warehouse_code: 'dropshipping',
    remarks: '',
    gift_option: false,
    address_shipping: { first_name: order.buyerFirstName, last_name: order.buyerLastName, country: 'Vietnam', city: 'Hồ Chí Minh' },
  };
}

function vietnamTime(ms: number): string {
  return `${new Date(Math.floor(ms / 1000) * 1000 + 7 * 3600_000).toISOString().slice(0, 19)}+07:00`;
}

function money(amount: number): string {
  return amount.toFixed(2);
}

/** What Lazada's signature guide computes, written out again here so a bug in the adapter's copy cannot hide. */
function expectedSign(appSecret: string, path: string, params: Record<string, string>, rawBody: string): string {
  const base = Object.keys(params)
    .filter((name) => name !== 'sign' && params[name] !== '')
    .sort()
    .map((name) => `${name}${params[name]}`)
    .join('');
  return createHmac('sha256', appSecret).update(`${path}${base}${rawBody}`, 'utf8').digest('hex').toUpperCase();
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function requestId(): string {
  return randomBytes(12).toString('hex');
}
