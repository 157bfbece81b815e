import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Role } from '@nongsan/core';
import { createTestApp, signIn, type Session, type TestApp } from '../harness/app.js';
import { sharedEnv } from '../harness/worker-process.js';
import { createSellableVariant, stockOf } from '../harness/catalog-fixtures.js';
import sharp from 'sharp';
import { approvedCooperative, job, listedRicePapers } from '../harness/channel-fixtures.js';
import { eventually } from '../harness/eventually.js';
import { ShopeeFake } from '../fakes/shopee.fake.js';
import { report } from './support/report.js';

const API = path.resolve('dist/apps/api/src/main.js');
const WORKER = path.resolve('dist/apps/worker/src/main.js');
const PASSWORD = 'mat-khau-thu-nghiem';
/** The channel budget every process is given: calls per second to one shop, and the burst. */
const RATE = 1;
const BURST = 2;
const ADDRESS = { fullName: 'Trần Thị Mai', phone: '0905 123 456', addressLine: '12 Trần Hưng Đạo', wardCode: '21583' };

/** A built app (`node dist/apps/…/main.js`), as production runs it: its own process, killable. */
class AppProcess {
  private child?: ChildProcess;
  output = '';
  url = '';

  constructor(
    private readonly entry: string,
    private readonly env: Record<string, string>,
  ) {}

  async start(): Promise<void> {
    const { DATABASE_URL: _shared, ...inherited } = process.env;
    const child = spawn(process.execPath, [this.entry], { env: { ...inherited, ...this.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    child.stdout!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    const up = await eventually(
      () => /running at (http:\/\/\S+)|worker running/.exec(this.output) ?? child.exitCode,
      (m) => m !== null,
      180_000,
      100,
    );
    if (!up || typeof up === 'number') throw new Error(`${path.basename(path.dirname(path.dirname(this.entry)))} did not start:\n${this.output}`);
    this.url = up[1] ?? '';
  }

  /** kill -9: requests in flight get no answer, their transactions roll back or stand as committed. */
  async crash(): Promise<void> {
    const child = this.child!;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}

/**
 * The production shape without Docker: two API processes and two workers on one PostgreSQL and one
 * object store, the clients spread over both APIs. What each process keeps in PostgreSQL must hold
 * for all of them: the sign-in limits, idempotency keys, queue jobs; and an API process killed
 * under load loses no order it accepted.
 */
describe('several API processes and workers on one database', () => {
  let t: TestApp;
  let fake: ShopeeFake;
  let dir: string;
  const apis: AppProcess[] = [];
  const workers: AppProcess[] = [];
  let owner: Session;
  let coop: string;
  const figures: Record<string, unknown> = {};

  beforeAll(async () => {
    fake = await ShopeeFake.start();
    t = await createTestApp({ env: { RUN_WORKER: 'false', CHANNEL_SHOPEE_BASE_URL: fake.baseUrl } });
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'nongsan-several-'));
    const env = (name: string): Record<string, string> => ({
      ...sharedEnv(t, path.join(dir, name)),
      DATABASE_POOL_SIZE: '4',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'false',
      RUN_WORKER: 'false',
      TRUST_PROXY: 'true',
      COD_OPEN_ORDERS_PER_NEW_ACCOUNT: '1000',
      QUEUE_HEARTBEAT_SECONDS: '10',
      QUEUE_SUPERVISE_SECONDS: '2',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      CHANNEL_SHOPEE_BASE_URL: fake.baseUrl,
      CHANNEL_RATE_PER_SECOND: String(RATE),
      CHANNEL_RATE_BURST: String(BURST),
      CHANNEL_RETRY_BASE_MS: '50',
      CHANNEL_RETRY_MAX_MS: '400',
    });
    apis.push(new AppProcess(API, env('api-a')), new AppProcess(API, env('api-b')));
    workers.push(new AppProcess(WORKER, env('worker-a')), new AppProcess(WORKER, env('worker-b')));
    await Promise.all([...apis, ...workers].map((p) => p.start()));
    owner = await signIn(t);
    coop = await approvedCooperative(t, owner, await signIn(t, Role.Official));
  }, 300_000);

  afterAll(async () => {
    await Promise.all([...apis, ...workers].map((p) => p.stop()));
    await t?.close();
    await fake?.close();
    await fs.rm(dir, { recursive: true, force: true });
    report('several-processes', figures);
  });

  const call = (api: AppProcess, route: string, init: { method?: string; token?: string; ip?: string; key?: string; body?: unknown; form?: FormData } = {}) =>
    fetch(`${api.url}/api/v1${route}`, {
      method: init.method ?? 'GET',
      headers: {
        ...(init.token ? { Authorization: `Bearer ${init.token}` } : {}),
        ...(init.ip ? { 'X-Forwarded-For': init.ip } : {}),
        ...(init.key ? { 'Idempotency-Key': init.key } : {}),
        ...(init.body ? { 'Content-Type': 'application/json' } : {}),
      },
      body: init.form ?? (init.body ? JSON.stringify(init.body) : undefined),
    });

  it('holds the sign-in limit across both APIs: parallel guesses from one address, split between them', async () => {
    const victim = await signIn(t);
    const guesses = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        call(apis[i % 2], '/auth/login', { method: 'POST', ip: '203.0.113.9', body: { email: victim.email, password: `doan-sai-${i}` } }),
      ),
    );
    const statuses = guesses.map((g) => g.status);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    const inBurst = statuses.filter((s) => s === 401).length;
    expect(inBurst).toBeLessThanOrEqual(5);
    // One by one, alternating APIs, guesses are checked until the one shared limit, and not once more
    // (a count kept per process would let each API check five).
    let checked = inBurst;
    for (let i = 0; ; i++) {
      const next = await call(apis[i % 2], '/auth/login', { method: 'POST', ip: '203.0.113.9', body: { email: victim.email, password: `doan-tiep-${i}` } });
      if (next.status === 429) break;
      expect(next.status).toBe(401);
      checked += 1;
      expect(checked).toBeLessThanOrEqual(5);
    }
    expect(checked).toBe(5);
    // The owner, from their own address, through either API.
    for (const api of apis)
      expect((await call(api, '/auth/login', { method: 'POST', ip: '198.51.100.9', body: { email: victim.email, password: PASSWORD } })).status).toBe(200);
    figures.login = { parallelGuesses: 30, checkedInBurst: inBurst, checkedInAll: checked, limit: 5 };
  });

  it('runs every queued import once, whichever API queued it and whichever worker took it', async () => {
    const header = [
      'Mã sản phẩm',
      'Tên sản phẩm',
      'Mô tả',
      'Danh mục',
      'Mã phường/xã xuất xứ',
      'Đơn vị',
      'SKU',
      'Tên phân loại',
      'Giá (đồng)',
      'Khối lượng (gram)',
      'Tồn kho',
    ];
    const files = Array.from({ length: 6 }, (_, f) =>
      [
        header.join(','),
        ...Array.from({ length: 20 }, (_, r) =>
          [`NHIEU-${f}-${r}`, `Sản phẩm ${f}-${r}`, 'Hàng thử.', 'rice-grains', '21940', 'túi', `NHIEU-${f}-${r}`, 'Túi 1 kg', 50000, 1100, 10].join(','),
        ),
      ].join('\n'),
    );
    const jobIds = await Promise.all(
      files.map(async (csv, i) => {
        const form = new FormData();
        form.append('file', new Blob([csv], { type: 'text/csv' }), `nhieu-${i}.csv`);
        const res = await call(apis[i % 2], `/cooperatives/${coop}/imports`, { method: 'POST', token: owner.accessToken, form });
        expect(res.status).toBe(202);
        return ((await res.json()) as { jobId: string }).jobId;
      }),
    );
    const states = await eventually(
      async () => (await t.db.query(`SELECT status FROM jobs WHERE id = ANY($1)`, [jobIds])).map((r: { status: string }) => r.status) as string[],
      (s) => s.length === jobIds.length && s.every((x) => x === 'completed' || x === 'failed'),
      120_000,
      250,
    );
    expect(states).toEqual(jobIds.map(() => 'completed'));
    // pg-boss records the completion just after the handler has finished the job's own row.
    const queue = await eventually(
      () => t.db.query(`SELECT state, retry_count FROM pgboss.job WHERE name = 'catalog.import' AND data->>'jobId' = ANY($1)`, [jobIds]),
      (rows: Array<{ state: string }>) => rows.every((r) => r.state !== 'active'),
      30_000,
      100,
    );
    expect(queue).toEqual(jobIds.map(() => ({ state: 'completed', retry_count: 0 })));
    const [{ products }] = await t.db.query(
      `SELECT count(DISTINCT v.sku)::int AS products, count(*)::int AS variants FROM variants v WHERE v.sku LIKE 'NHIEU-%'`,
    );
    expect(products).toBe(120);
    figures.imports = { jobs: jobIds.length, rows: 120, rerun: 0 };
  });

  it('keeps one channel budget per shop across both workers: the shop never gets more calls than the budget allows', async () => {
    const picture = await sharp({ create: { width: 320, height: 320, channels: 3, background: { r: 220, g: 200, b: 150 } } })
      .png()
      .toBuffer();
    const LISTINGS = 12;
    await listedRicePapers(t, coop, owner, picture, { count: LISTINGS, batch: 6 });
    const partner = fake.addPartner();
    const shop = fake.addShop({ name: 'HTX Bánh tráng Trường Thành', partnerId: partner.partnerId });
    // The listing sync's calls, which the budget governs (the connect check and the order polls are outside it).
    const SYNC_PATHS = new Set([
      '/api/v2/media_space/upload_image',
      '/api/v2/product/add_item',
      '/api/v2/product/update_item',
      '/api/v2/product/search_item',
      '/api/v2/product/get_item_base_info',
    ]);
    const shopCalls = () =>
      fake.calls.filter((c) => SYNC_PATHS.has(c.path) && (c.shopId === shop.shopId || c.query.partner_id === String(partner.partnerId))).length;
    const started = Date.now();
    const connected = await call(apis[0], `/cooperatives/${coop}/channels`, {
      method: 'POST',
      token: owner.accessToken,
      body: {
        platform: 'shopee',
        credentials: {
          partnerId: String(partner.partnerId),
          partnerKey: partner.partnerKey,
          shopId: String(shop.shopId),
          accessToken: shop.accessToken,
          refreshToken: shop.refreshToken,
        },
        settings: { logisticIds: [50018] },
      },
    });
    expect(connected.status).toBe(201);
    const connection = (await connected.json()) as { id: string; syncJobId: string };
    // Sampled while both workers sync: calls in any stretch between two samples stay within the
    // bucket's burst plus its refill over that stretch and one second more — a token is taken just
    // before its request leaves, and on a loaded machine requests taken apart can arrive together.
    // (One bucket in PostgreSQL for both workers; a bucket per process would let through about
    // twice as many over any longer stretch.)
    const samples: Array<{ at: number; calls: number }> = [];
    const done = await eventually(
      async () => {
        samples.push({ at: Date.now(), calls: shopCalls() });
        return job(t, owner, connection.syncJobId);
      },
      (j) => j.status === 'completed',
      240_000,
      100,
    );
    expect(done).toMatchObject({ status: 'completed', total: LISTINGS, done: LISTINGS, failed: 0 });
    const elapsed = (Date.now() - started) / 1000;
    const calls = shopCalls();
    expect(calls).toBeLessThanOrEqual(BURST + RATE * elapsed);
    let worstExcess = -Infinity;
    for (let i = 1; i < samples.length; i++) {
      for (let j = i; j < samples.length; j++) {
        const window = (samples[j].at - samples[i - 1].at) / 1000;
        worstExcess = Math.max(worstExcess, samples[j].calls - samples[i].calls - (BURST + RATE * (window + 1)));
      }
    }
    expect(worstExcess).toBeLessThanOrEqual(0);
    expect(fake.items(shop.shopId)).toHaveLength(LISTINGS);
    figures.channelBudget = {
      listings: LISTINGS,
      calls,
      seconds: Number(elapsed.toFixed(1)),
      callsPerSecond: Number((calls / elapsed).toFixed(2)),
      budget: { rate: RATE, burst: BURST },
    };
  });

  it('keeps the uptake rollup exact while orders arrive through both APIs and both workers and APIs fold it', async () => {
    const official = await signIn(t, Role.Official);
    const variantId = await createSellableVariant(t, coop, owner, `NHIEU-${randomUUID().slice(0, 8)}`, 15000, 500);
    const buyers = await Promise.all(Array.from({ length: 4 }, () => signIn(t)));
    const [{ today }] = await t.db.query(`SELECT (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date::text AS today`);
    const summary = async (api: AppProcess) => {
      const res = await call(api, `/uptake/summary?from=${today}&to=${today}`, { token: official.accessToken });
      expect(res.status).toBe(200);
      return ((await res.json()) as { orders: { count: number; gmv: number } }).orders;
    };
    let placing = true;
    let reads = 0;
    // Readers on both APIs fold the rollup under way, as the dashboard does on every read.
    const readers = apis.map(async (api) => {
      while (placing) {
        await summary(api);
        reads += 1;
      }
    });
    await Promise.all(
      buyers.map(async (buyer, b) => {
        for (let n = 0; n < 10; n++) {
          const res = await call(apis[(b + n) % 2], '/checkouts', {
            method: 'POST',
            token: buyer.accessToken,
            key: `uptake-${b}-${n}`,
            body: { items: [{ variantId, quantity: 1 + (n % 3) }], shippingAddress: ADDRESS, paymentMethod: 'cod' },
          });
          expect(res.status).toBe(201);
        }
      }),
    );
    placing = false;
    await Promise.all(readers);
    const [truth] = await t.db.query(
      `SELECT count(*)::int AS count, coalesce(sum(items_total), 0)::bigint AS gmv FROM orders
        WHERE status NOT IN ('pending_payment','cancelled','refunded') AND (created_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date = $1::date`,
      [today],
    );
    const read = { a: await summary(apis[0]), b: await summary(apis[1]) };
    expect(read.a).toEqual({ count: truth.count, gmv: Number(truth.gmv) });
    expect(read.b).toEqual(read.a);
    figures.uptake = { ordersPlaced: buyers.length * 10, readsDuringLoad: reads, rollupCount: read.a.count, ordersCounted: truth.count };
  });

  it('answers one checkout per idempotency key, resent to both APIs at once, and loses no accepted order when one API is killed under load', async () => {
    const STOCK = 400;
    const variantId = await createSellableVariant(t, coop, owner, `NHIEU-${randomUUID().slice(0, 8)}`, 20000, STOCK);
    const buyers = await Promise.all(Array.from({ length: 4 }, () => signIn(t)));
    const order = (buyer: Session, api: AppProcess, key: string) =>
      call(api, '/checkouts', {
        method: 'POST',
        token: buyer.accessToken,
        key,
        body: { items: [{ variantId, quantity: 1 }], shippingAddress: ADDRESS, paymentMethod: 'cod' },
      });

    // The same key, four times at once, twice through each API: one checkout.
    const keyed = await Promise.all([0, 1, 2, 3].map((i) => order(buyers[0], apis[i % 2], 'cung-mot-khoa-1')));
    const ids = await Promise.all(keyed.map(async (r) => (r.status === 201 ? ((await r.json()) as { id: string }).id : `status ${r.status}`)));
    expect(new Set(ids).size).toBe(1);

    // Load: each buyer places orders one after another, alternating APIs; a request that gets no
    // answer is sent again, same key, to the other API. API A is killed a third of the way in.
    const PER_BUYER = 15;
    const accepted = new Map<string, string>();
    let noAnswer = 0;
    let killed = false;
    const place = async (buyer: Session, n: number) => {
      const key = `tai-${buyer.userId.slice(0, 8)}-${n}`;
      for (let attempt = 0; ; attempt++) {
        const api = killed || attempt > 0 ? apis[1] : apis[n % 2];
        const res = await order(buyer, api, key).catch(() => undefined);
        if (!res) {
          noAnswer += 1;
          continue;
        }
        expect(res.status).toBe(201);
        accepted.set(key, ((await res.json()) as { id: string }).id);
        if (!killed && accepted.size >= (buyers.length * PER_BUYER) / 3) {
          killed = true;
          void apis[0].crash();
        }
        return;
      }
    };
    await Promise.all(
      buyers.map(async (buyer) => {
        for (let n = 0; n < PER_BUYER; n++) await place(buyer, n);
      }),
    );

    expect(accepted.size).toBe(buyers.length * PER_BUYER);
    const stored = await t.db.query(`SELECT id, idempotency_key FROM checkouts WHERE buyer_id = ANY($1) AND idempotency_key LIKE 'tai-%'`, [
      buyers.map((b) => b.userId),
    ]);
    expect(stored.length).toBe(accepted.size);
    for (const { id, idempotency_key } of stored) expect(accepted.get(idempotency_key)).toBe(id);
    const sold = 1 + accepted.size;
    expect(await stockOf(t, variantId)).toBe(STOCK - sold);
    const [{ orders }] = await t.db.query(`SELECT count(*)::int AS orders FROM order_lines WHERE variant_id = $1`, [variantId]);
    expect(orders).toBe(sold);
    figures.checkouts = { sameKeyFourTimes: 1, placed: accepted.size, withoutAnswerThenResent: noAnswer, stockLeft: STOCK - sold };
  });
});
