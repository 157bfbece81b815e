import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { Response, Test } from 'supertest';
import { GhnFake } from '../fakes/ghn.fake.js';
import { ShopeeFake } from '../fakes/shopee.fake.js';
import { StripeFake } from '../fakes/stripe.fake.js';
import { createTestApp, type Session, type TestApp } from '../harness/app.js';
import { productInput } from '../harness/catalog-fixtures.js';
import { cooperativeInput } from '../harness/fixtures.js';
import { installWriteCounter, WRITES_ALLOWED_ON_REFUSAL } from './support/db-watch.js';
import { report } from './support/report.js';
import { ADDRESS, buildWorld, type World } from './support/world.js';

const SEED = 110_725;
const TOTAL_REQUESTS = 10_000;
const BODY_LIMIT = 64 * 1024;
const GHN_TOKEN = 'fuzz-ghn-token-0123456789';
/** What each multipart route takes at most (the services' *_MAX_BYTES). */
const FILE_LIMITS: Record<string, number> = {
  'POST /api/v1/cooperatives/{id}/logo': 5 * 1024 * 1024,
  'POST /api/v1/cooperatives/{id}/documents': 10 * 1024 * 1024,
  'POST /api/v1/products/{id}/images': 10 * 1024 * 1024,
  'POST /api/v1/cooperatives/{id}/imports': 20 * 1024 * 1024,
  'POST /api/v1/admin/bank-statements': 10 * 1024 * 1024,
  'POST /api/v1/returns/{id}/photos': 10 * 1024 * 1024,
};
const POLLUTION_MARKER = 'polluted_by_fuzz';
/**
 * Routes that get a smaller share of the random requests: each request that passes validation there
 * costs an argon2 hash or check (64 MiB, about 0.1 s of CPU) by design, and the share saved goes to
 * the other routes. They still get well over a hundred each.
 */
const SHARE_WEIGHTS: Record<string, number> = { 'POST /api/v1/auth/register': 0.5, 'POST /api/v1/auth/login': 0.6 };

// ---- values a careless client or an attacker sends -------------------------------------------------

const SNIPPETS = [
  "' OR '1'='1",
  "'; DROP TABLE users; --",
  '1; SELECT pg_sleep(0)',
  "%' AND 1=0 UNION SELECT password_hash FROM users --",
  '"><script>alert(1)</script>',
  '<img src=x onerror=alert(document.cookie)>',
  'javascript:alert(1)',
  '{{7*7}}${7*7}<%= 7*7 %>',
  '../../../../etc/passwd',
  '..%2F..%2Fetc%2Fpasswd',
  '\u0000',
  '%00',
  '\r\nSet-Cookie: x=1',
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  '0x1F',
  'true',
  'null',
  '[object Object]',
  '__proto__',
  'constructor',
  'Nước mắm Đề Gi — Hợp tác xã',
  'Đà Lạt ĐÀ LẠT đà lạt',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🍚🥭🐟',
  '\uFEFFbom',
  '\u202Eevil\u202C',
  'ＡＢＣ１２３',
  '\uD800',
  ' ',
  '',
];
const POISON_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  `${POLLUTION_MARKER}`,
  'isAdmin',
  'roles',
  'role',
  'cooperativeId',
  'status',
  'id',
  'userId',
  'stock',
  'price',
];

const hugeString = fc.tuple(fc.constantFrom('x', 'đ', '🍚', 'A'), fc.integer({ min: 1_000, max: 40_000 })).map(([c, n]) => c.repeat(n));
const number = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -1, 1.5, -2147483649, 2147483648, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2, 2 ** 63, -1e308, 1e308, 1e-7, Number.MIN_VALUE),
);
const text = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  fc.constantFrom(...SNIPPETS),
  fc.uuid().map(String),
  fc.emailAddress(),
);
const scalar = fc.oneof(
  { weight: 4, arbitrary: text },
  { weight: 3, arbitrary: number },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: hugeString },
);

const { value } = fc.letrec<{ value: unknown; object: Record<string, unknown>; array: unknown[] }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 6, arbitrary: scalar },
    { weight: 2, arbitrary: tie('object') },
    { weight: 2, arbitrary: tie('array') },
  ),
  object: fc.dictionary(fc.oneof(fc.string(), fc.constantFrom(...POISON_KEYS)), tie('value'), { maxKeys: 6 }),
  array: fc.array(tie('value'), { maxLength: 6 }),
}));

/** Thousands of levels deep, as an object or an array, written out as JSON text (too deep for JSON.stringify). */
const deep = fc
  .tuple(fc.integer({ min: 100, max: 5_000 }), fc.boolean(), fc.constantFrom('name', 'items', 'variants', 'credentials', 'a'))
  .map(([depth, asArray, key]) =>
    asArray ? `{"${key}":${'['.repeat(depth)}1${']'.repeat(depth)}}` : `${`{"${key}":`.repeat(depth)}"bottom"${'}'.repeat(depth)}`,
  );

/** `{"__proto__": {...}}` as JSON sends it: an own key named __proto__, not a prototype. */
const pollution = fc.constantFrom(
  `{"__proto__": {"${POLLUTION_MARKER}": true, "isAdmin": true}}`,
  `{"constructor": {"prototype": {"${POLLUTION_MARKER}": true}}}`,
  `{"variants": [{"__proto__": {"${POLLUTION_MARKER}": 1}}], "__proto__": {"roles": ["admin"]}}`,
  `{"items": {"__proto__": {"length": 1000000}}, "shippingAddress": {"__proto__": null}}`,
);

// ---- requests ------------------------------------------------------------------------------------

interface Route {
  key: string;
  method: string;
  path: string;
  params: string[];
  /** Property names of its JSON body, from the document's schema. */
  fields: string[];
  multipart: boolean;
  /** An official's route (/admin/…); everything else is called as the cooperative's admin. */
  official: boolean;
}

interface Fuzzed {
  params: Record<string, string>;
  query: Record<string, string>;
  caller: 'owner' | 'anonymous' | 'garbage-token' | 'stranger';
  body:
    | { kind: 'json'; value: unknown }
    | { kind: 'raw'; contentType: string; text: string }
    | { kind: 'multipart'; fields: Array<[string, string]>; file?: { field: string; bytes: Uint8Array; name: string; type: string } }
    | { kind: 'none' };
  headers: Record<string, string>;
}

/** Valid bodies of the routes that take one: mutated one field at a time, they reach the services' own checks. */
function examples(w: World): Record<string, unknown> {
  return {
    'POST /api/v1/auth/register': { email: 'moi@example.vn', password: 'mat-khau-dai-du', fullName: 'Người Mới' },
    'POST /api/v1/auth/login': { email: w.buyer.email, password: 'sai-mat-khau-thoi' },
    'POST /api/v1/auth/refresh': { refreshToken: `${randomUUID()}.abc` },
    'POST /api/v1/auth/logout': { refreshToken: `${randomUUID()}.abc` },
    'POST /api/v1/cooperatives': cooperativeInput(),
    'PATCH /api/v1/cooperatives/{id}': { description: 'Mô tả', phone: '0256 3822 123' },
    'POST /api/v1/cooperatives/{id}/invitations': { email: w.buyer.email, role: 'coop_member' },
    'PATCH /api/v1/cooperatives/{id}/members/{userId}': { role: 'coop_member' },
    'POST /api/v1/admin/cooperatives/{id}/reject': { reason: 'Thiếu giấy tờ' },
    'POST /api/v1/admin/cooperatives/{id}/suspend': { reason: 'Kiểm tra' },
    'POST /api/v1/admin/cooperatives/{id}/reinstate': { reason: 'Đã khắc phục' },
    'POST /api/v1/admin/cooperatives/{id}/approve': { note: 'Đủ hồ sơ' },
    'POST /api/v1/admin/products/{id}/ocop/reject': { reason: 'Số quyết định không khớp' },
    'POST /api/v1/cooperatives/{id}/products': productInput({
      ocop: { stars: 4, certificateNumber: '12/QĐ', issuedAt: '2025-01-01', expiresAt: '2028-01-01' },
      harvestMonths: [1, 2],
    }),
    'PATCH /api/v1/products/{id}': { name: 'Tên mới', variants: [{ sku: 'PATCH-1', name: 'Chai', price: 1000, weightGrams: 100, stock: 1 }] },
    'PUT /api/v1/products/{id}/images/order': { imageIds: [randomUUID()] },
    'POST /api/v1/checkouts/quote': { items: [{ variantId: w.product.variantId, quantity: 1 }] },
    'POST /api/v1/checkouts': { items: [{ variantId: w.product.variantId, quantity: 1 }], shippingAddress: ADDRESS, paymentMethod: 'cod' },
    'POST /api/v1/orders/{id}/ship': { carrier: 'Viettel Post', trackingNumber: 'VTP1' },
    'POST /api/v1/orders/{id}/cancel': { reason: 'Đổi ý' },
    'POST /api/v1/admin/cooperatives/{id}/payouts': { amount: 1000, reference: 'UNC 1' },
    'POST /api/v1/admin/checkouts/{id}/payment-received': { reference: 'FT26340000001' },
    'POST /api/v1/orders/{id}/returns': { lines: [{ variantId: w.product.variantId, quantity: 1 }], reason: 'Vỡ khi giao' },
    'POST /api/v1/returns/{id}/accept': { goodsReturned: true },
    'POST /api/v1/returns/{id}/refuse': { reason: 'Không nhận' },
    'POST /api/v1/returns/{id}/escalate': { note: 'Xin xem lại' },
    'POST /api/v1/admin/returns/{id}/decide': { decision: 'accept', reason: 'Đồng ý', goodsReturned: false },
    'PUT /api/v1/cooperatives/{id}/payout-account': { bankBin: '970436', accountNumber: '1017595600', accountName: 'HTX Nhơn Lộc' },
    'POST /api/v1/admin/refunds/{id}/refunded': { reference: 'FT26340000002' },
    'POST /api/v1/cooperatives/{id}/channels': { platform: 'shopee', credentials: w.freshShop().credentials, settings: { logisticIds: [50018] } },
    'POST /api/v1/admin/feeds': { platform: 'meta-catalog' },
    'POST /api/v1/cooperatives/{id}/channels/authorizations': { platform: 'shopee' },
    'PATCH /api/v1/channels/{id}/settings': { logisticIds: [50018] },
    'PUT /api/v1/cooperatives/{id}/carriers/{carrier}': { token: GHN_TOKEN, shopId: '885', pickupWardCode: '21808', pickupAddressLine: '12 Quang Trung' },
  };
}

/** Every path to a value inside `example` (`variants.0.price`), so one of them can be spoiled. */
function pathsOf(example: unknown, prefix: string[] = []): string[][] {
  if (example === null || typeof example !== 'object') return [prefix];
  const entries = Object.entries(example as Record<string, unknown>);
  return [prefix, ...entries.flatMap(([k, v]) => pathsOf(v, [...prefix, k]))];
}

function spoil(example: unknown, path: string[], op: 'set' | 'delete' | 'poison', replacement: unknown, poisonKey: string): unknown {
  const copy = structuredClone(example) as Record<string, unknown>;
  if (path.length === 0) return op === 'set' ? replacement : copy;
  let node: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  const last = path[path.length - 1];
  if (op === 'delete') delete node[last];
  else if (op === 'set') node[last] = replacement;
  else Object.defineProperty(node, poisonKey, { value: replacement, enumerable: true, configurable: true, writable: true });
  return copy;
}

function bodyArbitrary(route: Route, example: unknown): fc.Arbitrary<Fuzzed['body']> {
  const json = (v: fc.Arbitrary<unknown>) => v.map((value) => ({ kind: 'json' as const, value }));
  const shaped = fc
    .tuple(fc.subarray(route.fields), fc.array(fc.constantFrom(...POISON_KEYS), { maxLength: 2 }))
    .chain(([known, poison]) =>
      fc.tuple(...[...known, ...poison].map(() => value)).map((values) => Object.fromEntries([...known, ...poison].map((k, i) => [k, values[i]]))),
    );
  const choices: Array<fc.WeightedArbitrary<Fuzzed['body']>> = [
    { weight: 3, arbitrary: json(shaped) },
    { weight: 2, arbitrary: json(value) },
    { weight: 1, arbitrary: deep.map((text) => ({ kind: 'raw' as const, contentType: 'application/json', text })) },
    { weight: 1, arbitrary: pollution.map((text) => ({ kind: 'raw' as const, contentType: 'application/json', text })) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.constantFrom(
            'application/json',
            'text/plain',
            'application/x-www-form-urlencoded',
            'application/xml',
            'multipart/form-data; boundary=xyz',
            'multipart/form-data',
          ),
          fc.oneof(fc.string(), fc.constantFrom(...SNIPPETS), fc.constant('a[b][c][__proto__][x]=1&a=2&a=3')),
        )
        .map(([contentType, text]) => ({ kind: 'raw' as const, contentType, text })),
    },
  ];
  if (example !== undefined) {
    const paths = pathsOf(example);
    choices.push({
      weight: 6,
      arbitrary: fc
        .tuple(
          fc.constantFrom(...paths),
          fc.constantFrom('set' as const, 'set' as const, 'delete' as const, 'poison' as const),
          value,
          fc.constantFrom(...POISON_KEYS),
        )
        .map(([path, op, replacement, key]) => ({ kind: 'json' as const, value: spoil(example, path, op, replacement, key) })),
    });
  }
  if (route.multipart) {
    const file = fc.record({
      field: fc.constantFrom('file', 'file', 'files', 'logo', ''),
      bytes: fc.oneof(
        fc.uint8Array({ maxLength: 4096 }),
        fc.constantFrom(
          new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]),
          new Uint8Array(Buffer.from('%PDF-1.4\n%%EOF')),
          new Uint8Array(Buffer.from('PK\u0003\u0004garbage')),
          new Uint8Array(Buffer.from('SKU,Tên\n"unterminated')),
        ),
      ),
      name: fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('../../etc/passwd', 'a.png', 'x.pdf', 'x.csv', 'x.xlsx', 'con.exe', '')),
      type: fc.constantFrom('image/png', 'application/pdf', 'text/csv', 'application/octet-stream', 'text/html'),
    });
    choices.push({
      weight: 6,
      arbitrary: fc
        .record({
          fields: fc.array(
            fc.tuple(
              fc.oneof(fc.constantFrom('kind', 'alt', 'file', '__proto__', 'constructor[prototype][x]'), fc.string({ maxLength: 10 })),
              text.map((s) => s.slice(0, 20_000)),
            ),
            { maxLength: 25 },
          ),
          file: fc.option(file, { nil: undefined }),
        })
        .map(({ fields, file: f }) => ({ kind: 'multipart' as const, fields, ...(f ? { file: f } : {}) })),
    });
  }
  if (route.fields.length === 0 && !route.multipart) choices.push({ weight: 2, arbitrary: fc.constant({ kind: 'none' as const }) });
  return fc.oneof(...choices);
}

function requestArbitrary(route: Route, ids: Record<string, string[]>, example: unknown): fc.Arbitrary<Fuzzed> {
  const param = (name: string) =>
    fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom(...(ids[name] ?? ids.id)) },
      { weight: 2, arbitrary: fc.uuid().map(String) },
      {
        weight: 3,
        arbitrary: fc.oneof(
          text.map((s) => s.slice(0, 300)),
          fc.constantFrom('0', '-1', '1e9', 'null', '%', '%zz', '..', '.', ' '),
        ),
      },
    );
  return fc.record({
    params: fc.record(Object.fromEntries(route.params.map((p) => [p, param(p)]))) as fc.Arbitrary<Record<string, string>>,
    query: fc.dictionary(
      fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('listings', 'limit', 'cursor', 'status', '__proto__[x]', 'a[b][c]', 'constructor[prototype][y]')),
      text.map((s) => s.slice(0, 500)),
      { maxKeys: 3 },
    ),
    caller: fc.constantFrom('owner', 'owner', 'owner', 'owner', 'owner', 'owner', 'owner', 'anonymous', 'garbage-token', 'stranger'),
    body: bodyArbitrary(route, example),
    headers: fc.record(
      {
        'Idempotency-Key': fc.oneof(
          fc.stringMatching(/^[A-Za-z0-9_-]{8,40}$/),
          text.map((s) => s.slice(0, 200)),
        ),
        'Stripe-Signature': fc.oneof(
          text.map((s) => s.slice(0, 200)),
          fc.constant(`t=${Math.floor(Date.now() / 1000)},v1=${'0'.repeat(64)}`),
        ),
        'Accept-Language': fc.constantFrom('vi', 'en', 'en-US,en;q=0.9', '*', 'xx', ';;;q=abc'),
      },
      { requiredKeys: [] },
    ) as fc.Arbitrary<Record<string, string>>,
  });
}

/** A lone surrogate cannot be encoded in a URL; it goes as U+FFFD, as a browser sends it. */
const wellFormed = (s: string) => s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');

/** Header values must be what HTTP can carry: Latin-1, no line breaks. */
const headerSafe = (s: string) => s.replace(/[^\x20-\x7e]/g, '?');

function send(t: TestApp, route: Route, req: Fuzzed, sessions: Record<'owner' | 'official' | 'stranger', Session>): Test {
  const url = route.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(wellFormed(req.params[name])));
  const call = (t.http() as unknown as Record<string, (u: string) => Test>)[route.method.toLowerCase()](url);
  if (req.caller === 'owner') call.set((route.official ? sessions.official : sessions.owner).auth);
  if (req.caller === 'stranger') call.set(sessions.stranger.auth);
  if (req.caller === 'garbage-token') call.set('Authorization', headerSafe(`Bearer ${String(req.params.id ?? 'x')}.e30.`));
  for (const [name, v] of Object.entries(req.headers)) call.set(name, headerSafe(v));
  if (Object.keys(req.query).length > 0) call.query(Object.fromEntries(Object.entries(req.query).map(([k, v]) => [k, v])));
  const body = req.body;
  if (body.kind === 'json') call.set('Content-Type', 'application/json').send(JSON.stringify(body.value) ?? 'null');
  else if (body.kind === 'raw') call.set('Content-Type', body.contentType).send(body.text);
  else if (body.kind === 'multipart') {
    for (const [name, v] of body.fields) if (name) call.field(name, v);
    if (body.file) call.attach(body.file.field || 'file', Buffer.from(body.file.bytes), { filename: body.file.name || 'f', contentType: body.file.type });
  }
  return call;
}

/** Enough of a request to send it again by hand. */
function summary(req: Fuzzed): string {
  const body = req.body;
  const shown =
    body.kind === 'json'
      ? JSON.stringify(body.value)?.slice(0, 160)
      : body.kind === 'raw'
        ? `${body.contentType} ${JSON.stringify(body.text.slice(0, 160))}`
        : body.kind === 'multipart'
          ? `fields ${JSON.stringify(body.fields).slice(0, 120)} file ${body.file ? `${body.file.field}:${body.file.type}:${body.file.bytes.length}` : 'none'}`
          : '';
  return `${req.caller} ${JSON.stringify(req.params)} ${JSON.stringify(req.query).slice(0, 80)} ${body.kind} ${shown}`;
}

const inShape = (res: Response) =>
  typeof res.body?.error?.code === 'string' &&
  typeof res.body.error.message === 'string' &&
  Array.isArray(res.body.error.details) &&
  res.body.error.details.every((d: { field?: unknown; message?: unknown }) => typeof d.field === 'string' && typeof d.message === 'string');

/**
 * Every write route of the OpenAPI document, fed what fast-check makes of wrong types, huge and
 * strange strings, SQL and HTML, negative and huge numbers, deep nesting and prototype-pollution
 * keys — in bodies, query strings and path parameters, valid bodies spoiled one field at a time,
 * JSON where a form is expected and the reverse: 10,000 requests from a fixed seed. None may
 * answer 5xx; every 4xx is in the error shape; a refused request writes nothing (a trigger counts
 * every row written); oversized bodies get 413, malformed JSON 400.
 */
describe('fuzzed input on every write route', () => {
  let t: TestApp;
  let shopee: ShopeeFake;
  let stripe: StripeFake;
  let ghn: GhnFake;
  let w: World;
  let routes: Route[];
  let writes: Awaited<ReturnType<typeof installWriteCounter>>;
  /** An order and a pictured product of A's, for path parameters. */
  let extra: { order: string; image: string; imageProduct: string };
  const statusCounts: Record<string, number> = {};
  /** Milliseconds each route's share took: figures for the docs, not assertions. */
  const durations: Record<string, number> = {};
  const perRoute: Record<string, number> = {};
  let sent = 0;
  const problems: string[] = [];
  const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();

  /** One request and every check on its answer. */
  const check = async (route: Route, label: string, res: Response, expected?: number, expectedCode?: string) => {
    sent += 1;
    statusCounts[res.status] = (statusCounts[res.status] ?? 0) + 1;
    const written = (await writes()).filter((x) => !WRITES_ALLOWED_ON_REFUSAL.has(x.table));
    const where = `${route.key} [${label}]`;
    if (res.status >= 500) problems.push(`${where}: ${res.status} ${res.text.slice(0, 300)}`);
    if (res.status >= 400 && !inShape(res)) problems.push(`${where}: ${res.status} not in the error shape: ${res.text.slice(0, 200)}`);
    if (res.status >= 400 && written.length > 0)
      problems.push(`${where}: refused with ${res.status} but wrote ${[...new Set(written.map((x) => `${x.op} ${x.table}`))].join(', ')}`);
    if (expected !== undefined && res.status !== expected) problems.push(`${where}: ${res.status}, expected ${expected} ${res.text.slice(0, 200)}`);
    if (expectedCode !== undefined && res.body?.error?.code !== expectedCode)
      problems.push(`${where}: code ${res.body?.error?.code}, expected ${expectedCode}`);
  };

  beforeAll(async () => {
    shopee = await ShopeeFake.start();
    stripe = await new StripeFake().start();
    ghn = await GhnFake.start({ accounts: [{ token: GHN_TOKEN, shopId: '885' }] });
    t = await createTestApp({
      env: {
        RUN_WORKER: 'false',
        CARRIER_GHN_BASE_URL: ghn.baseUrl,
        CARRIER_REQUEST_TIMEOUT_MS: '2000',
        BODY_LIMIT_BYTES: String(BODY_LIMIT),
        CHANNEL_SHOPEE_BASE_URL: shopee.baseUrl,
        SHOPEE_PARTNER_ID: String(shopee.partnerId),
        SHOPEE_PARTNER_KEY: shopee.partnerKey,
        CHANNEL_REQUEST_TIMEOUT_MS: '2000',
        STRIPE_SECRET_KEY: stripe.secretKey,
        STRIPE_WEBHOOK_SECRET: 'whsec_fuzz_0123456789abcdef',
        STRIPE_API_BASE: stripe.url,
      },
    });
    // Listening once: supertest otherwise opens a new server for every one of the 10,000 requests.
    await t.app.listen(0, '127.0.0.1');
    w = await buildWorld(t, shopee);
    const doc = (await t.http().get('/api/docs-json').expect(200)).body as {
      paths: Record<
        string,
        Record<
          string,
          {
            parameters?: Array<{ in: string; name: string }>;
            requestBody?: { content: Record<string, { schema: { $ref?: string; properties?: Record<string, unknown> } }> };
          }
        >
      >;
      components: { schemas: Record<string, { properties?: Record<string, unknown>; allOf?: unknown }> };
    };
    routes = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([method]) => method !== 'get')
        .map(([method, op]) => {
          const content = op.requestBody?.content ?? {};
          const schema = Object.values(content)[0]?.schema;
          const resolved = schema?.$ref ? doc.components.schemas[schema.$ref.split('/').pop()!] : schema;
          return {
            key: `${method.toUpperCase()} ${path}`,
            method: method.toUpperCase(),
            path,
            params: (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
            fields: Object.keys(resolved?.properties ?? {}),
            multipart: 'multipart/form-data' in content,
            official: path.startsWith('/api/v1/admin/'),
          };
        }),
    );
    const order = await w.freshOrder('placed');
    const image = await w.freshProduct({ publish: false });
    extra = { order: order.orderId, image: image.imageId!, imageProduct: image.id };
    writes = await installWriteCounter(t.db);
    await writes(); // from here on
  }, 240_000);

  afterAll(async () => {
    report('fuzz', {
      seed: SEED,
      requests: sent,
      routes: routes?.length,
      statusCounts,
      problems: problems.length,
      requestsPerRoute: { min: Math.min(...Object.values(perRoute)), max: Math.max(...Object.values(perRoute)) },
      slowestRoutesMs: Object.fromEntries(
        Object.entries(durations)
          .sort((a, b) => b[1] - a[1])
          .slice(0, 8),
      ),
    });
    await t?.close();
    await shopee?.close();
    await stripe?.stop();
    await ghn?.close();
  });

  it('finds every write route in the document', () => {
    expect(routes.length).toBeGreaterThanOrEqual(40);
    expect(
      routes
        .filter((r) => r.multipart)
        .map((r) => r.key)
        .sort(),
    ).toEqual(Object.keys(FILE_LIMITS).sort());
  });

  it(`answers ${TOTAL_REQUESTS} fuzzed requests without a 5xx, in the error shape, writing nothing when refused`, async () => {
    const sessions = { owner: w.ownerAdmin, official: w.official, stranger: w.otherAdmin };
    const everything = [w.coopA, w.coopB, w.product.id, w.draft.id, w.connectionId, extra.order, extra.imageProduct];
    /** Ids of what each route's {id} names, mostly, so requests get past "not found" to the checks behind it. */
    const idsFor = (route: Route): Record<string, string[]> => {
      const prefix = route.path.split('/')[route.path.startsWith('/api/v1/admin/') ? 4 : 3];
      const own: Record<string, string[]> = {
        cooperatives: [w.coopA, w.coopA, w.coopB],
        products: [w.product.id, w.draft.id, extra.imageProduct],
        orders: [extra.order],
        channels: [w.connectionId],
      };
      return {
        id: [...(own[prefix] ?? []), ...(own[prefix] ?? []), ...everything],
        userId: [w.ownerAdmin.userId, w.buyer.userId, w.otherAdmin.userId],
        documentId: [w.documentId],
        imageId: [extra.image],
        carrier: ['ghn', 'ghn', 'ghtk'],
      };
    };
    const bodies = examples(w);

    // Fixed cases on every route: malformed JSON → 400, a body over the limit → 413, a file over the route's limit → 413.
    for (const route of routes) {
      const ids = idsFor(route);
      const params = Object.fromEntries(route.params.map((p) => [p, (ids[p] ?? ids.id)[0]]));
      const base: Omit<Fuzzed, 'body'> = { params, query: {}, caller: 'owner', headers: { 'Idempotency-Key': `fuzz-${randomUUID()}` } };
      await check(
        route,
        'malformed JSON',
        await send(t, route, { ...base, body: { kind: 'raw', contentType: 'application/json', text: '{"name": "Nước mắm", "price": 12,' } }, sessions),
        400,
        'MALFORMED_JSON',
      );
      await check(
        route,
        'oversized JSON',
        await send(t, route, { ...base, body: { kind: 'json', value: { name: 'x'.repeat(BODY_LIMIT + 1) } } }, sessions),
        413,
        'PAYLOAD_TOO_LARGE',
      );
      if (route.multipart) {
        const bytes = new Uint8Array(FILE_LIMITS[route.key] + 1);
        await check(
          route,
          'oversized file',
          await send(
            t,
            route,
            { ...base, body: { kind: 'multipart', fields: [['kind', 'other']], file: { field: 'file', bytes, name: 'lon.png', type: 'image/png' } } },
            sessions,
          ),
          413,
          'FILE_TOO_LARGE',
        );
      }
    }

    // The rest, spread over the routes by weight, each route its own seeded stream.
    const remaining = TOTAL_REQUESTS - sent;
    const weights = routes.map((r) => SHARE_WEIGHTS[r.key] ?? 1);
    const totalWeight = weights.reduce((a, b) => a + b, 0);
    const shares = weights.map((weight) => Math.floor((remaining * weight) / totalWeight));
    for (let i = 0; shares.reduce((a, b) => a + b, 0) < remaining; i++) shares[i % shares.length] += 1;
    for (const [index, route] of routes.entries()) {
      const share = shares[index];
      const requests = fc.sample(requestArbitrary(route, idsFor(route), bodies[route.key]), { seed: SEED + index, numRuns: share });
      const began = Date.now();
      for (const [n, req] of requests.entries()) {
        await check(route, `#${n} ${summary(req)}`, await send(t, route, req, sessions));
      }
      durations[route.key] = Date.now() - began;
      perRoute[route.key] = share + 2 + (route.multipart ? 1 : 0);
    }

    expect(sent).toBe(TOTAL_REQUESTS);
    expect(problems.slice(0, 40)).toEqual([]);
    // Nothing reached Object.prototype (a polluted prototype would show in every object of the process).
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
    expect(({} as Record<string, unknown>)[POLLUTION_MARKER]).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    // The app still works after all that.
    await t.http().get('/api/v1/me').set(w.ownerAdmin.auth).expect(200);
    await t.http().get('/health/ready').expect(200);
  }, 900_000);
});
