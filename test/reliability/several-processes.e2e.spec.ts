import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Role } from '@nongsan/core';
import { createTestApp, signIn, type Session, type TestApp } from '../harness/app.js';
import { sharedEnv } from '../harness/worker-process.js';
import { createSellableVariant, stockOf } from '../harness/catalog-fixtures.js';
import { approvedCooperative } from '../harness/channel-fixtures.js';
import { eventually } from '../harness/eventually.js';
import { report } from './support/report.js';

const API = path.resolve('dist/apps/api/src/main.js');
const WORKER = path.resolve('dist/apps/worker/src/main.js');
const PASSWORD = 'mat-khau-thu-nghiem';
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
    const up = await eventually(() => /running at (http:\/\/\S+)|worker running/.exec(this.output) ?? child.exitCode, (m) => m !== null, 180_000, 100);
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
  let dir: string;
  const apis: AppProcess[] = [];
  const workers: AppProcess[] = [];
  let owner: Session;
  let coop: string;
  const figures: Record<string, unknown> = {};

  beforeAll(async () => {
    t = await createTestApp({ env: { RUN_WORKER: 'false' } });
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
    const guesses = await Promise.all(Array.from({ length: 30 }, (_, i) => call(apis[i % 2], '/auth/login', { method: 'POST', ip: '203.0.113.9', body: { email: victim.email, password: `doan-sai-${i}` } })));
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
    for (const api of apis) expect((await call(api, '/auth/login', { method: 'POST', ip: '198.51.100.9', body: { email: victim.email, password: PASSWORD } })).status).toBe(200);
    figures.login = { parallelGuesses: 30, checkedInBurst: inBurst, checkedInAll: checked, limit: 5 };
  });

  it('runs every queued import once, whichever API queued it and whichever worker took it', async () => {
    const header = ['Mã sản phẩm', 'Tên sản phẩm', 'Mô tả', 'Danh mục', 'Mã phường/xã xuất xứ', 'Đơn vị', 'SKU', 'Tên phân loại', 'Giá (đồng)', 'Khối lượng (gram)', 'Tồn kho'];
    const files = Array.from({ length: 6 }, (_, f) =>
      [header.join(','), ...Array.from({ length: 20 }, (_, r) => [`NHIEU-${f}-${r}`, `Sản phẩm ${f}-${r}`, 'Hàng thử.', 'rice-grains', '21940', 'túi', `NHIEU-${f}-${r}`, 'Túi 1 kg', 50000, 1100, 10].join(','))].join('\n'),
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
    const queue = await t.db.query(`SELECT state, retry_count FROM pgboss.job WHERE name = 'catalog.import' AND data->>'jobId' = ANY($1)`, [jobIds]);
    expect(queue).toEqual(jobIds.map(() => ({ state: 'completed', retry_count: 0 })));
    const [{ products }] = await t.db.query(`SELECT count(DISTINCT v.sku)::int AS products, count(*)::int AS variants FROM variants v WHERE v.sku LIKE 'NHIEU-%'`);
    expect(products).toBe(120);
    figures.imports = { jobs: jobIds.length, rows: 120, rerun: 0 };
  });

  it('answers one checkout per idempotency key, resent to both APIs at once, and loses no accepted order when one API is killed under load', async () => {
    const STOCK = 400;
    const variantId = await createSellableVariant(t, coop, owner, `NHIEU-${randomUUID().slice(0, 8)}`, 20000, STOCK);
    const buyers = await Promise.all(Array.from({ length: 4 }, () => signIn(t)));
    const order = (buyer: Session, api: AppProcess, key: string) =>
      call(api, '/checkouts', { method: 'POST', token: buyer.accessToken, key, body: { items: [{ variantId, quantity: 1 }], shippingAddress: ADDRESS, paymentMethod: 'cod' } });

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
    await Promise.all(buyers.map(async (buyer) => {
      for (let n = 0; n < PER_BUYER; n++) await place(buyer, n);
    }));

    expect(accepted.size).toBe(buyers.length * PER_BUYER);
    const stored = await t.db.query(`SELECT id, idempotency_key FROM checkouts WHERE buyer_id = ANY($1) AND idempotency_key LIKE 'tai-%'`, [buyers.map((b) => b.userId)]);
    expect(stored.length).toBe(accepted.size);
    for (const { id, idempotency_key } of stored) expect(accepted.get(idempotency_key)).toBe(id);
    const sold = 1 + accepted.size;
    expect(await stockOf(t, variantId)).toBe(STOCK - sold);
    const [{ orders }] = await t.db.query(`SELECT count(*)::int AS orders FROM order_lines WHERE variant_id = $1`, [variantId]);
    expect(orders).toBe(sold);
    figures.checkouts = { sameKeyFourTimes: 1, placed: accepted.size, withoutAnswerThenResent: noAnswer, stockLeft: STOCK - sold };
  });
});
