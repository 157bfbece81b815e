import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import sharp from 'sharp';
import Stripe from 'stripe';
import { CredentialBox } from '../../libs/core/src/secrets/credential-box.js';
import { LazadaFake } from '../fakes/lazada.fake.js';
import { ShopeeFake } from '../fakes/shopee.fake.js';
import { StripeFake } from '../fakes/stripe.fake.js';
import { TikTokShopFake } from '../fakes/tiktok-shop.fake.js';
import { createTestDatabase, type TestDatabase } from '../harness/database.js';
import { eventually } from '../harness/eventually.js';
import { newTaxCode, PDF } from '../harness/fixtures.js';
import { report } from './support/report.js';

const MAIN = path.resolve('dist/apps/api/src/main.js');
const CLI = path.resolve('dist/apps/cli/src/main.js');
const signer = new Stripe('sk_test_signer_only');

interface Captured {
  route: string;
  status: number;
  text: string;
  headers: string;
}

/**
 * Secrets never reach a log line or a response, over a whole working day, with the most talkative logging: the built API in its own
 * process at LOG_LEVEL=trace (everything debug logs, and more), three marketplaces connected (one
 * refused first), synced, their tokens expired and refreshed, their pushes received; a card paid
 * through Stripe, a forged Stripe delivery, a refund; sign-ins right and wrong; a feed fetched; and
 * a database error in the middle of storing a new account. Then every log line and every answer
 * the API gave is searched for the channel credentials (as given and as refreshed), the JWT secret,
 * the credentials key, the Stripe keys, passwords and their hashes: zero hits.
 */
describe('secrets never reach a log line or an answer', () => {
  let database: TestDatabase;
  let dataDir: string;
  let child: ChildProcess;
  let output = '';
  let url: string;
  let shopee: ShopeeFake;
  let lazada: LazadaFake;
  let tiktok: TikTokShopFake;
  let stripe: StripeFake;
  const captured: Captured[] = [];
  const jwtSecret = randomBytes(32).toString('hex');
  const credentialsKey = randomBytes(32).toString('base64');
  const webhookSecret = `whsec_${randomBytes(16).toString('hex')}`;
  const passwords = {
    owner: `Mk-chu-${randomBytes(6).toString('hex')}`,
    buyer: `Mk-mua-${randomBytes(6).toString('hex')}`,
    official: `Mk-so-${randomBytes(6).toString('hex')}`,
  };

  const api = async (method: string, route: string, body?: unknown, token?: string, extra: Record<string, string> = {}) => {
    const response = await fetch(`${url}/api/v1${route}`, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}), ...extra },
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    captured.push({ route: `${method} ${route}`, status: response.status, text, headers: JSON.stringify([...response.headers]) });
    let parsed: Record<string, unknown> | null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = null;
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each test reads its own answer's shape
    return { status: response.status, body: parsed as Record<string, any>, text };
  };
  const upload = async (route: string, token: string, fields: Record<string, string>, file: Buffer, name: string, type: string) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    form.set('file', new Blob([new Uint8Array(file)], { type }), name);
    const response = await fetch(`${url}/api/v1${route}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    captured.push({ route: `POST ${route}`, status: response.status, text: await response.text(), headers: JSON.stringify([...response.headers]) });
    expect(response.status).toBe(201);
  };
  const query = async <T>(sql: string, params: unknown[] = []): Promise<T[]> => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    [shopee, lazada, tiktok, stripe] = await Promise.all([ShopeeFake.start(), LazadaFake.start(), TikTokShopFake.start(), new StripeFake().start()]);
    database = await createTestDatabase();
    // A fault to inject: the database refuses one particular new account mid-insert, as a full disk
    // or a dropped connection would. What gets logged about that insert is part of the check.
    await query(`CREATE FUNCTION refuse_account() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full (injected)'; END $$`);
    await query(`CREATE TRIGGER refuse_account BEFORE INSERT ON users FOR EACH ROW WHEN (NEW.email LIKE 'loi-csdl%') EXECUTE FUNCTION refuse_account()`);
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'nongsan-secrets-'));
    const env = {
      ...process.env,
      DATABASE_URL: database.url,
      DATA_DIR: dataDir,
      PORT: '0',
      LOG_LEVEL: 'trace',
      SEED_DEMO: 'false',
      JWT_SECRET: jwtSecret,
      CREDENTIALS_KEY: credentialsKey,
      STRIPE_SECRET_KEY: stripe.secretKey,
      STRIPE_WEBHOOK_SECRET: webhookSecret,
      STRIPE_API_BASE: stripe.url,
      CHANNEL_SHOPEE_BASE_URL: shopee.baseUrl,
      // The operator's own partner app: sellers connect by approving it.
      SHOPEE_PARTNER_ID: String(shopee.partnerId),
      SHOPEE_PARTNER_KEY: shopee.partnerKey,
      CHANNEL_LAZADA_BASE_URL: lazada.baseUrl,
      CHANNEL_LAZADA_AUTH_URL: lazada.baseUrl,
      LAZADA_APP_KEY: lazada.appKey,
      LAZADA_APP_SECRET: lazada.appSecret,
      CHANNEL_TIKTOK_SHOP_BASE_URL: tiktok.baseUrl,
      CHANNEL_TIKTOK_SHOP_AUTH_URL: tiktok.baseUrl,
      TIKTOK_SHOP_APP_KEY: tiktok.appKey,
      TIKTOK_SHOP_APP_SECRET: tiktok.appSecret,
      TIKTOK_SHOP_SERVICE_ID: tiktok.serviceId,
      CHANNEL_RATE_PER_SECOND: '200',
      CHANNEL_RATE_BURST: '200',
      CHANNEL_RETRY_BASE_MS: '50',
      CHANNEL_RETRY_MAX_MS: '200',
    };
    await promisify(execFile)(
      process.execPath,
      [CLI, 'user:create', '--role', 'official', '--email', 'so.ct@example.vn', '--password', passwords.official, '--name', 'Sở Công Thương'],
      { env },
    );
    child = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    url = await eventually(
      () => /running at (http:\/\/\S+)/.exec(output)?.[1] ?? '',
      (u) => u !== '' || child.exitCode !== null,
      120_000,
    );
    if (!url) throw new Error(`app did not start:\n${output}`);
  }, 180_000);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    await Promise.all([shopee?.close(), lazada?.close(), tiktok?.close(), stripe?.stop()]);
    await database?.drop();
    if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('finds none of them anywhere after a full day of work', async () => {
    // ---- people -----------------------------------------------------------------------------
    expect((await api('POST', '/auth/register', { email: 'chu.htx@example.vn', password: passwords.owner, fullName: 'Chủ HTX' })).status).toBe(201);
    expect((await api('POST', '/auth/register', { email: 'nguoi.mua@example.vn', password: passwords.buyer, fullName: 'Người Mua' })).status).toBe(201);
    expect((await api('POST', '/auth/login', { email: 'chu.htx@example.vn', password: `${passwords.owner}-sai` })).status).toBe(401);
    const ownerLogin = await api('POST', '/auth/login', { email: 'chu.htx@example.vn', password: passwords.owner });
    const owner = ownerLogin.body.accessToken as string;
    const refreshed = await api('POST', '/auth/refresh', { refreshToken: ownerLogin.body.refreshToken });
    expect(refreshed.status).toBe(200);
    const buyerLogin = await api('POST', '/auth/login', { email: 'nguoi.mua@example.vn', password: passwords.buyer });
    const buyer = buyerLogin.body.accessToken as string;
    const official = (await api('POST', '/auth/login', { email: 'so.ct@example.vn', password: passwords.official })).body.accessToken as string;
    // The database fails while storing an account: a 500 to the caller, an error in the log.
    const failed = await api('POST', '/auth/register', { email: 'loi-csdl@example.vn', password: 'Mk-loi-csdl-123', fullName: 'Lỗi CSDL' });
    expect(failed.status).toBe(500);

    // ---- a cooperative with a product ----------------------------------------------------------
    const coop = await api(
      'POST',
      '/cooperatives',
      {
        name: 'HTX Bí Mật',
        taxCode: newTaxCode(),
        representative: 'Chủ HTX',
        phone: '0256 3822 456',
        email: 'htx@example.vn',
        wardCode: '21910',
        addressLine: 'Thôn 1',
        description: 'Nước mắm truyền thống Gò Bồi.',
      },
      owner,
    );
    const coopId = coop.body.id as string;
    await upload(`/cooperatives/${coopId}/documents`, owner, { kind: 'business_registration' }, PDF, 'dkkd.pdf', 'application/pdf');
    expect((await api('POST', `/cooperatives/${coopId}/submit`, undefined, owner)).status).toBe(200);
    expect((await api('POST', `/admin/cooperatives/${coopId}/approve`, undefined, official)).status).toBe(200);
    const product = await api(
      'POST',
      `/cooperatives/${coopId}/products`,
      {
        name: 'Nước mắm cá cơm Gò Bồi Bình Định chai 500 ml',
        description: 'Nước mắm truyền thống.',
        categoryId: 'fish-sauce',
        originWardCode: '21940',
        unit: 'chai',
        variants: [{ sku: 'SEC-1', name: 'Chai 500 ml', price: 90000, weightGrams: 700, stock: 50 }],
      },
      owner,
    );
    expect(product.status).toBe(201);
    const picture = await sharp({ create: { width: 400, height: 400, channels: 3, background: { r: 120, g: 60, b: 20 } } })
      .png()
      .toBuffer();
    await upload(`/products/${product.body.id}/images`, owner, {}, picture, 'nuoc-mam.png', 'image/png');
    expect((await api('POST', `/products/${product.body.id}/publish`, undefined, owner)).status).toBe(200);

    // ---- three marketplaces: one refused, then all connected and synced --------------------------
    const partner = shopee.addPartner();
    const shop = shopee.addShop({ name: 'HTX trên Shopee', partnerId: partner.partnerId });
    const seller = lazada.addSeller({ name: 'HTX trên Lazada' });
    const tshop = tiktok.addShop({ name: 'HTX trên TikTok' });
    const shopeeCredentials = {
      partnerId: String(partner.partnerId),
      partnerKey: partner.partnerKey,
      shopId: String(shop.shopId),
      accessToken: shop.accessToken,
      refreshToken: shop.refreshToken,
    };
    const lazadaCredentials = { appKey: lazada.appKey, appSecret: lazada.appSecret, accessToken: seller.accessToken, refreshToken: seller.refreshToken };
    const tiktokCredentials = {
      appKey: tiktok.appKey,
      appSecret: tiktok.appSecret,
      accessToken: tshop.accessToken,
      refreshToken: tshop.refreshToken,
      shopCipher: tshop.shopCipher,
    };
    const refused = await api(
      'POST',
      `/cooperatives/${coopId}/channels`,
      { platform: 'lazada', credentials: { ...lazadaCredentials, appSecret: `${lazada.appSecret}x` } },
      owner,
    );
    expect(refused.status).toBe(400);
    const connections: Record<string, string> = {};
    for (const [platform, credentials, settings] of [
      ['shopee', shopeeCredentials, { logisticIds: [50018] }],
      ['lazada', lazadaCredentials, {}],
      ['tiktok-shop', tiktokCredentials, { warehouseId: tshop.warehouseId }],
    ] as const) {
      const connected = await api('POST', `/cooperatives/${coopId}/channels`, { platform, credentials, settings }, owner);
      expect([platform, connected.status]).toEqual([platform, 201]);
      connections[platform] = connected.body.id;
      const done = await eventually(
        async () => (await api('GET', `/jobs/${connected.body.syncJobId}`, undefined, owner)).body,
        (j) => j.status === 'completed',
        60_000,
      );
      expect([platform, done.done]).toEqual([platform, 1]);
    }

    // One-click connection started twice: a code Shopee refuses, then the spent state replayed.
    const states: string[] = [];
    for (const attempt of [1, 2]) {
      const started = await api('POST', `/cooperatives/${coopId}/channels/authorizations`, { platform: 'shopee' }, owner);
      expect([attempt, started.status]).toEqual([attempt, 201]);
      const state = new URL(new URL(started.body.authorizeUrl).searchParams.get('redirect')!).searchParams.get('state')!;
      states.push(state);
      for (const replay of [1, 2])
        expect([
          attempt,
          replay,
          (await api('GET', `/channels/oauth/shopee/callback?state=${state}&code=code-${attempt}&shop_id=${shop.shopId}`)).status,
        ]).toEqual([attempt, replay, 400]);
    }

    // One click on Lazada and TikTok Shop: each shop's owner approves on the platform's page, and the
    // code it sends back through the browser is a credential while it lasts.
    const codes: string[] = [];
    lazada.approveAs(lazada.addSeller({ name: 'HTX một chạm trên Lazada' }).sellerId);
    tiktok.approveAs(tiktok.addShop({ name: 'HTX một chạm trên TikTok' }).shopId);
    tiktok.setRedirectUrl(`${url}/api/v1/channels/oauth/tiktok-shop/callback`);
    for (const platform of ['lazada', 'tiktok-shop']) {
      const started = await api('POST', `/cooperatives/${coopId}/channels/authorizations`, { platform }, owner);
      expect([platform, started.status]).toEqual([platform, 201]);
      const back = new URL((await fetch(started.body.authorizeUrl, { redirect: 'manual' })).headers.get('location')!);
      codes.push(back.searchParams.get('code')!);
      expect([platform, (await fetch(`${url}${back.pathname}${back.search}`, { redirect: 'manual' })).status]).toEqual([platform, 302]);
    }

    // Tokens expire on every platform; the next push refreshes them and carries the new price.
    shopee.expireAccessToken(shop.shopId);
    lazada.expireAccessToken(seller.sellerId);
    tiktok.expireAccessToken(tshop.shopId);
    const full = (await api('GET', `/products/${product.body.id}`, undefined, owner)).body;
    expect((await api('PATCH', `/products/${product.body.id}`, { variants: [{ ...full.variants[0], price: 95000 }] }, owner)).status).toBe(200);
    await eventually(
      () => shopee.items(shop.shopId)[0]?.price,
      (p) => p === 95000,
      60_000,
    );
    await eventually(
      () => lazada.items(seller.sellerId)[0]?.skus[0]?.price,
      (p) => p === 95000,
      60_000,
    );
    await eventually(
      () => tiktok.products(tshop.shopId)[0]?.skus[0]?.price,
      (p) => p === 95000,
      60_000,
    );

    // Orders come back by push from each.
    const webhook = (id: string) => `${url}/api/v1/channels/${id}/webhook`;
    expect(await shopee.push(webhook(connections.shopee), shop.shopId, shopee.createOrder(shop.shopId, { lines: [{ sku: 'SEC-1', quantity: 1 }] }))).toBe(200);
    expect(
      await lazada.push(webhook(connections.lazada), lazada.createOrder(seller.sellerId, { lines: [{ sellerSku: 'SEC-1', quantity: 1 }], status: 'pending' })),
    ).toBe(200);
    expect(await tiktok.push(webhook(connections['tiktok-shop']), tiktok.createOrder(tshop.shopId, { lines: [{ sellerSku: 'SEC-1', quantity: 1 }] }))).toBe(
      200,
    );
    for (const id of Object.values(connections))
      await eventually(
        async () => (await api('GET', `/channels/${id}/orders`, undefined, owner)).body.items.length,
        (n) => n === 1,
        60_000,
      );
    for (const id of Object.values(connections)) {
      await api('GET', `/channels/${id}`, undefined, owner);
      await api('GET', `/channels/${id}/listings`, undefined, owner);
    }
    await api('GET', `/cooperatives/${coopId}/channels`, undefined, owner);

    // A feed: its URL is shown once, fetched, and otherwise a secret.
    const feed = await api('POST', `/cooperatives/${coopId}/channels`, { platform: 'google-merchant' }, owner);
    const feedToken = new URL(feed.body.feedUrl).pathname.split('/')[4];
    expect((await fetch(feed.body.feedUrl)).status).toBe(200);

    // ---- a card payment, a forged delivery, a refund -----------------------------------------------
    const checkout = await api(
      'POST',
      '/checkouts',
      {
        items: [{ variantId: full.variants[0].id, quantity: 1 }],
        shippingAddress: { fullName: 'Người Mua', phone: '0905 123 456', addressLine: '1 Lê Lợi', wardCode: '21583' },
        paymentMethod: 'card',
      },
      buyer,
      {
        'idempotency-key': `secrets-${randomBytes(4).toString('hex')}`,
      },
    );
    expect(checkout.status).toBe(201);
    const clientSecret = checkout.body.payment.stripe.clientSecret as string;
    const intent = [...stripe.intents.values()].find((i) => i.metadata.checkoutId === checkout.body.id)!;
    const event = JSON.stringify({
      id: `evt_${intent.id}`,
      object: 'event',
      type: 'payment_intent.succeeded',
      api_version: '2025-01-01',
      created: Math.floor(Date.now() / 1000),
      data: { object: { id: intent.id, object: 'payment_intent', amount: intent.amount, currency: 'vnd', status: 'succeeded' } },
    });
    const forged = await api('POST', '/payments/stripe/webhook', event, undefined, {
      'stripe-signature': signer.webhooks.generateTestHeaderString({ payload: event, secret: 'whsec_forged_0000' }),
    });
    expect(forged.status).toBe(400);
    const delivered = await api('POST', '/payments/stripe/webhook', event, undefined, {
      'stripe-signature': signer.webhooks.generateTestHeaderString({ payload: event, secret: webhookSecret }),
    });
    expect(delivered.status).toBe(200);
    expect((await api('POST', `/orders/${checkout.body.orders[0].id}/cancel`, { reason: 'Đổi ý' }, buyer)).status).toBe(200);
    expect(stripe.requests.some((r) => r.path === '/v1/refunds')).toBe(true);
    await api('GET', `/checkouts/${checkout.body.id}`, undefined, buyer);
    await api('GET', '/me', undefined, owner);
    expect((await api('POST', '/auth/logout', { refreshToken: refreshed.body.refreshToken })).status).toBe(204);

    // ---- what there is to find ---------------------------------------------------------------------
    const box = new CredentialBox(credentialsKey);
    const stored = await query<{ id: string; credentials: string }>(`SELECT id, credentials FROM channel_connections WHERE credentials <> ''`);
    const current = stored.map((row) => box.open(row.id, row.credentials));
    const hashes = (await query<{ password_hash: string }>(`SELECT password_hash FROM users`)).map((r) => r.password_hash);
    expect(hashes).toHaveLength(3);
    // The parts of platform credentials that are secret (ids and app keys are not).
    const channelSecrets = [
      partner.partnerKey,
      shopee.partnerKey,
      shop.accessToken,
      shop.refreshToken,
      lazada.appSecret,
      seller.accessToken,
      seller.refreshToken,
      tiktok.appSecret,
      tshop.accessToken,
      tshop.refreshToken,
      ...codes,
      ...current.flatMap((c) => [c.accessToken, c.refreshToken]).filter(Boolean),
    ];
    // The refresh really happened: the stored tokens are new ones.
    expect(current.map((c) => c.accessToken)).not.toEqual(expect.arrayContaining([shop.accessToken]));
    const neverAnswered: Record<string, string[]> = {
      'channel credentials': channelSecrets,
      'JWT secret': [jwtSecret],
      'credentials key': [credentialsKey, Buffer.from(credentialsKey, 'base64').toString('hex')],
      'Stripe keys': [stripe.secretKey, webhookSecret],
      passwords: Object.values(passwords),
      'password hashes': [...hashes, ...hashes.map((h) => h.split('$').pop()!)],
    };
    // Tokens go to their owner in an answer, but never into a log line.
    const neverLogged: Record<string, string[]> = {
      ...neverAnswered,
      'access and refresh tokens': [
        owner,
        buyer,
        official,
        ownerLogin.body.refreshToken,
        refreshed.body.refreshToken,
        refreshed.body.accessToken,
        buyerLogin.body.refreshToken,
      ],
      'Stripe client secret': [clientSecret],
      'feed token': [feedToken],
      'shop authorization states': states,
    };

    const answers = captured.map((c) => `${c.route} ${c.status} ${c.headers} ${c.text}`);
    const hits: string[] = [];
    for (const [kind, secrets] of Object.entries(neverAnswered)) {
      for (const secret of secrets) for (const answer of answers) if (answer.includes(secret)) hits.push(`answer ${answer.slice(0, 60)} contains a ${kind}`);
    }
    const lines = output.split('\n');
    for (const [kind, secrets] of Object.entries(neverLogged)) {
      for (const secret of secrets)
        for (const [n, line] of lines.entries()) if (line.includes(secret)) hits.push(`log line ${n} contains a ${kind}: ${line.slice(0, 160)}`);
    }
    // Any argon2 hash at all (the failed account's was never stored, so it cannot be listed above).
    for (const [n, line] of lines.entries()) if (/\$argon2(id|i|d)\$/.test(line)) hits.push(`log line ${n} contains an argon2 hash: ${line.slice(0, 160)}`);
    expect(hits.slice(0, 20)).toEqual([]);

    // The search looked at something: a log of every request of all that work, the failure with its error.
    const logged = (text: string) => output.includes(text);
    expect(lines.length).toBeGreaterThan(100);
    expect([
      logged('"msg":"request completed"'),
      logged('disk full (injected)'),
      logged('"msg":"unhandled error"'),
      logged('/api/v1/feeds/[token]/google-merchant.xml'),
    ]).toEqual([true, true, true, true]);
    report('secrets', {
      logLines: lines.length,
      answers: captured.length,
      secretsSearched: Object.values(neverLogged).reduce((n, list) => n + list.length, 0),
      kinds: Object.keys(neverLogged),
    });
  }, 400_000);
});
