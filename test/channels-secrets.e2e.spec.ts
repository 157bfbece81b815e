import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import sharp from 'sharp';
import { CredentialBox } from '../libs/core/src/secrets/credential-box.js';
import { ShopeeFake } from './fakes/shopee.fake.js';
import { createTestDatabase, type TestDatabase } from './harness/database.js';
import { eventually } from './harness/eventually.js';
import { newTaxCode, PDF } from './harness/fixtures.js';

const MAIN = path.resolve('dist/apps/api/src/main.js');
const CLI = path.resolve('dist/apps/cli/src/main.js');

/**
 * Secrets kept out of logs and answers, for real: the built app as it runs in production (its own process, its own pino
 * logger at the most talkative level), a shop connected, synced, its token refreshed, a push
 * received, a wrong key tried. No partner key or token may appear in any line it wrote, and the
 * stored credentials open only with the key.
 */
describe('Channel secrets', () => {
  let database: TestDatabase;
  let dataDir: string;
  let fake: ShopeeFake;
  let child: ChildProcess;
  let output = '';
  let url: string;
  const credentialsKey = randomBytes(32).toString('base64');

  const api = async (method: string, route: string, body?: unknown, token?: string) => {
    const response = await fetch(`${url}/api/v1${route}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null, text };
  };
  const upload = async (route: string, token: string, field: Record<string, string>, file: Buffer, name: string, type: string) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(field)) form.set(k, v);
    form.set('file', new Blob([new Uint8Array(file)], { type }), name);
    const response = await fetch(`${url}/api/v1${route}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    expect(response.status).toBe(201);
  };
  const login = async (email: string, password: string) => (await api('POST', '/auth/login', { email, password })).body.accessToken as string;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'nongsan-secrets-'));
    fake = await ShopeeFake.start();
    const env = {
      ...process.env,
      DATABASE_URL: database.url,
      DATA_DIR: dataDir,
      PORT: '0',
      LOG_LEVEL: 'trace',
      SEED_DEMO: 'false',
      CREDENTIALS_KEY: credentialsKey,
      CHANNEL_SHOPEE_BASE_URL: fake.baseUrl,
      CHANNEL_RETRY_BASE_MS: '50',
      CHANNEL_RETRY_MAX_MS: '200',
    };
    await promisify(execFile)(
      process.execPath,
      [CLI, 'user:create', '--role', 'official', '--email', 'so.ct@example.vn', '--password', 'mat-khau-so-ct', '--name', 'Sở Công Thương'],
      { env },
    );
    child = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    url = await eventually(
      () => /running at (http:\/\/\S+)/.exec(output)?.[1] ?? '',
      (u) => u !== '',
      60_000,
    );
    if (!url) throw new Error(`app did not start:\n${output}`);
  }, 180_000);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    await fake?.close();
    await database?.drop();
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('never writes a partner key or token to the log, and keeps them sealed in the database', async () => {
    const partner = fake.addPartner();
    const shop = fake.addShop({ name: 'HTX Tam Quan', partnerId: partner.partnerId });
    const password = 'mat-khau-chu-htx';
    expect((await api('POST', '/auth/register', { email: 'htx.tamquan@example.vn', password, fullName: 'Lê Thị Hoa' })).status).toBe(201);
    const owner = await login('htx.tamquan@example.vn', password);
    const official = await login('so.ct@example.vn', 'mat-khau-so-ct');
    const coop = await api(
      'POST',
      '/cooperatives',
      {
        name: 'HTX Dừa Tam Quan',
        taxCode: newTaxCode(),
        representative: 'Lê Thị Hoa',
        phone: '0256 3822 456',
        email: 'htx.tamquan@example.vn',
        wardCode: '21910',
        addressLine: 'Thôn Tân Lập',
        description: 'Kẹo dừa và dầu dừa của nông dân Tam Quan.',
      },
      owner,
    );
    expect(coop.status).toBe(201);
    await upload(`/cooperatives/${coop.body.id}/documents`, owner, { kind: 'business_registration' }, PDF, 'dkkd.pdf', 'application/pdf');
    expect((await api('POST', `/cooperatives/${coop.body.id}/submit`, undefined, owner)).status).toBe(200);
    expect((await api('POST', `/admin/cooperatives/${coop.body.id}/approve`, undefined, official)).status).toBe(200);
    const product = await api(
      'POST',
      `/cooperatives/${coop.body.id}/products`,
      {
        name: 'Kẹo dừa Tam Quan',
        description: 'Kẹo dừa nấu thủ công.',
        categoryId: 'sweets',
        originWardCode: '21940',
        unit: 'hộp',
        variants: [{ sku: 'KD-TQ-500', name: 'Hộp 500 g', price: 45000, weightGrams: 550, stock: 30 }],
      },
      owner,
    );
    expect(product.status).toBe(201);
    const picture = await sharp({ create: { width: 120, height: 120, channels: 3, background: { r: 240, g: 220, b: 180 } } })
      .png()
      .toBuffer();
    await upload(`/products/${product.body.id}/images`, owner, {}, picture, 'keo-dua.png', 'image/png');
    expect((await api('POST', `/products/${product.body.id}/publish`, undefined, owner)).status).toBe(200);

    const credentials = {
      partnerId: String(partner.partnerId),
      partnerKey: partner.partnerKey,
      shopId: String(shop.shopId),
      accessToken: shop.accessToken,
      refreshToken: shop.refreshToken,
    };
    const refused = await api(
      'POST',
      `/cooperatives/${coop.body.id}/channels`,
      { platform: 'shopee', credentials: { ...credentials, partnerKey: `${partner.partnerKey}x` }, settings: { logisticIds: [50018] } },
      owner,
    );
    expect(refused.status).toBe(400);
    const connected = await api(
      'POST',
      `/cooperatives/${coop.body.id}/channels`,
      { platform: 'shopee', credentials, settings: { logisticIds: [50018] } },
      owner,
    );
    expect(connected.status).toBe(201);
    await eventually(
      async () => (await api('GET', `/jobs/${connected.body.syncJobId}`, undefined, owner)).body.status,
      (s) => s === 'completed',
      30_000,
    );

    // The token expires; the next push refreshes it (a new pair is saved) and carries the new price.
    fake.expireAccessToken(shop.shopId);
    const { body: full } = await api('GET', `/products/${product.body.id}`, undefined, owner);
    const variant = full.variants[0];
    expect((await api('PATCH', `/products/${product.body.id}`, { variants: [{ ...variant, price: 47000 }] }, owner)).status).toBe(200);
    await eventually(
      () => fake.items(shop.shopId)[0]?.price,
      (p) => p === 47000,
      30_000,
    );
    const orderSn = fake.createOrder(shop.shopId, { lines: [{ sku: 'KD-TQ-500', quantity: 1 }] });
    expect(await fake.push(`${url}/api/v1/channels/${connected.body.id}/webhook`, shop.shopId, orderSn)).toBe(200);
    await eventually(
      async () => (await api('GET', `/channels/${connected.body.id}/orders`, undefined, owner)).body.items.length,
      (n) => n === 1,
      30_000,
    );

    // A feed's URL is its secret too: fetched, but never written down.
    const feed = await api('POST', `/cooperatives/${coop.body.id}/channels`, { platform: 'google-merchant' }, owner);
    expect(feed.status).toBe(201);
    const feedToken = new URL(feed.body.feedUrl).pathname.split('/')[4];
    expect((await fetch(feed.body.feedUrl)).status).toBe(200);

    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const { rows } = await client.query(`SELECT id, credentials FROM channel_connections WHERE platform = 'shopee'`);
    const { rows: feeds } = await client.query(`SELECT id, feed_token_box FROM channel_connections WHERE id = $1`, [feed.body.id]);
    await client.end();
    // The feed's token is kept for its members sealed, and opens only with the key and on its own row.
    expect(feeds[0].feed_token_box).not.toContain(feedToken);
    expect(new CredentialBox(credentialsKey).open(feed.body.id, feeds[0].feed_token_box)).toEqual({ feedToken });
    expect(() => new CredentialBox(credentialsKey).open(rows[0].id, feeds[0].feed_token_box)).toThrow();
    expect(rows).toHaveLength(1);
    const current = new CredentialBox(credentialsKey).open(rows[0].id, rows[0].credentials);
    expect(current.accessToken).not.toBe(shop.accessToken);
    expect(current.refreshToken).not.toBe(shop.refreshToken);

    const secrets = [partner.partnerKey, shop.accessToken, shop.refreshToken, current.accessToken, current.refreshToken, feedToken];
    for (const secret of secrets) expect(rows[0].credentials).not.toContain(secret);
    expect(output).toContain('/api/v1/feeds/[token]/google-merchant.xml');
    // Every answer the API gave about the shop, and every log line, are free of them; the list shows
    // the cooperative's members their feed's address (its token), and nothing of the shop's.
    const list = (await api('GET', `/cooperatives/${coop.body.id}/channels`, undefined, owner)).text;
    expect(list).toContain(feedToken);
    const views = [(await api('GET', `/channels/${connected.body.id}`, undefined, owner)).text, JSON.stringify(connected.body), refused.text];
    for (const secret of secrets) for (const text of [...views, output]) expect(text).not.toContain(secret);
    for (const secret of secrets.filter((s) => s !== feedToken)) expect(list).not.toContain(secret);
    // The log did record the work (so the check above looked at something).
    expect(output).toContain('/api/v1/cooperatives/');
    expect(output.split('\n').length).toBeGreaterThan(20);
  }, 240_000);
});
