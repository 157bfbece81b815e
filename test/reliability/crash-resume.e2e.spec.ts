import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Role } from '@nongsan/core';
import sharp from 'sharp';
import { ShopeeFake } from '../fakes/shopee.fake.js';
import { createTestApp, signIn, type Session, type TestApp } from '../harness/app.js';
import { approvedCooperative, job } from '../harness/channel-fixtures.js';
import { eventually } from '../harness/eventually.js';
import { sharedEnv, WorkerProcess } from '../harness/worker-process.js';
import { report } from './support/report.js';

const LISTINGS = 2000;
/**
 * The shortest heartbeat pg-boss takes, looked for every 2 s: a dead worker's jobs come back within
 * seconds instead of the production default's half minute. Both processes send jobs, so both agree.
 */
const QUEUE_ENV = { QUEUE_HEARTBEAT_SECONDS: '10', QUEUE_SUPERVISE_SECONDS: '2' };

/**
 * The worker is killed with SIGKILL in the middle of a 2,000-row spreadsheet import and of a
 * 2,000-listing sync to the Shopee fake, and started again. Everything converges: every row
 * imported once, every listing synced with exactly one item on the platform, no job left waiting,
 * running or dead.
 */
describe('crash and resume of the worker', () => {
  let t: TestApp;
  let fake: ShopeeFake;
  let worker: WorkerProcess;
  let owner: Session;
  let coopId: string;
  let dataDir: string;
  const figures: Record<string, unknown> = { listings: LISTINGS };

  /** Jobs of a queue that are not finished: waiting, retrying or claimed. */
  const unfinished = async (queue: string) =>
    (await t.db.query(`SELECT state, count(*)::int AS n FROM pgboss.job WHERE name = $1 AND state IN ('created', 'retry', 'active') GROUP BY state`, [
      queue,
    ])) as Array<{ state: string; n: number }>;
  /** Jobs that a dead worker held and another one ran again: the heartbeat's work. */
  const rerun = async (queue: string) =>
    (await t.db.query(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = $1 AND retry_count > 0`, [queue]))[0].n as number;
  const dead = async (queue: string) =>
    (await t.db.query(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = $1 AND state = 'failed'`, [queue]))[0].n as number;

  beforeAll(async () => {
    fake = await ShopeeFake.start();
    t = await createTestApp({ env: { RUN_WORKER: 'false', CHANNEL_SHOPEE_BASE_URL: fake.baseUrl, ...QUEUE_ENV } });
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'nongsan-worker-'));
    worker = new WorkerProcess({
      ...sharedEnv(t, dataDir),
      LOG_LEVEL: 'warn',
      ...QUEUE_ENV,
      CHANNEL_SHOPEE_BASE_URL: fake.baseUrl,
      CHANNEL_RATE_PER_SECOND: '400',
      CHANNEL_RATE_BURST: '400',
      CHANNEL_RETRY_BASE_MS: '50',
      CHANNEL_RETRY_MAX_MS: '400',
      CHANNEL_REQUEST_TIMEOUT_MS: '5000',
    });
    const official = await signIn(t, Role.Official);
    owner = await signIn(t);
    coopId = await approvedCooperative(t, owner, official);
    await worker.start();
  }, 180_000);

  afterAll(async () => {
    report('crash-resume', figures);
    await worker?.stop();
    await t?.close();
    await fake?.close();
    if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
  });

  it(`resumes a ${LISTINGS}-row import killed midway: every row once, the job completed`, async () => {
    const header = 'Mã sản phẩm,Tên sản phẩm,Mô tả,Danh mục,Mã phường/xã xuất xứ,Đơn vị,SKU,Tên phân loại,Giá (đồng),Khối lượng (gram),Tồn kho';
    const rows = Array.from(
      { length: LISTINGS },
      (_, i) =>
        `,Bánh tráng Trường Thành loại ${i},Bánh tráng phơi sương.,rice-paper,21940,xấp,CR-${String(i).padStart(4, '0')},Xấp 500 g,${30000 + i},500,${100 + (i % 50)}`,
    );
    const csv = Buffer.from(`${header}\n${rows.join('\n')}\n`);
    const { body } = await t
      .http()
      .post(`/api/v1/cooperatives/${coopId}/imports`)
      .set(owner.auth)
      .attach('file', csv, { filename: 'banh-trang.csv', contentType: 'text/csv' })
      .expect(202);

    // Killed as soon as the first batches (200 rows each, one transaction each) are in, well before the end.
    const atKill = await eventually(
      () => job(t, owner, body.jobId),
      (j) => j.done >= 200 || j.status === 'completed',
      180_000,
      25,
    );
    await worker.crash();
    const [{ n: productsAtKill }] = await t.db.query(`SELECT count(*)::int AS n FROM products WHERE cooperative_id = $1`, [coopId]);
    expect(atKill.status).toBe('running');
    expect(productsAtKill).toBeLessThan(LISTINGS);

    await worker.start();
    const done = await eventually(
      () => job(t, owner, body.jobId),
      (j) => j.status === 'completed' || j.status === 'failed',
      240_000,
      250,
    );
    expect(done).toMatchObject({ status: 'completed', total: LISTINGS, done: LISTINGS, failed: 0, errors: [] });
    const [counts] = await t.db.query(
      `SELECT count(*)::int AS products, count(DISTINCT p.name)::int AS names, (SELECT count(*)::int FROM variants WHERE cooperative_id = $1) AS variants,
              (SELECT count(DISTINCT sku)::int FROM variants WHERE cooperative_id = $1) AS skus
         FROM products p WHERE p.cooperative_id = $1`,
      [coopId],
    );
    expect(counts).toEqual({ products: LISTINGS, names: LISTINGS, variants: LISTINGS, skus: LISTINGS });
    expect(await unfinished('catalog.import')).toEqual([]);
    expect(await dead('catalog.import')).toBe(0);
    // The import the killed worker held was given to the new one (it was not lost, nor left claimed).
    expect(await rerun('catalog.import')).toBe(1);
    figures.import = { rows: LISTINGS, doneAtKill: atKill.done, productsAtKill, result: done.result };
  }, 400_000);

  it(`resumes a ${LISTINGS}-listing Shopee sync killed midway: every listing synced, one item each, nothing stuck`, async () => {
    // Each imported product gets the same picture and goes on sale: set up in bulk (the import and
    // the sync are under test here, not 2,000 uploads).
    const picture = await sharp({ create: { width: 320, height: 320, channels: 3, background: { r: 220, g: 200, b: 150 } } })
      .png()
      .toBuffer();
    const [first] = await t.db.query(`SELECT id FROM products WHERE cooperative_id = $1 ORDER BY name LIMIT 1`, [coopId]);
    await t
      .http()
      .post(`/api/v1/products/${first.id}/images`)
      .set(owner.auth)
      .attach('file', picture, { filename: 'banh-trang.png', contentType: 'image/png' })
      .expect(201);
    await t.db.query(
      `INSERT INTO product_images (product_id, position, width, height, keys, alt)
       SELECT p.id, 0, i.width, i.height, i.keys, i.alt FROM products p CROSS JOIN (SELECT * FROM product_images WHERE product_id = $2) i
        WHERE p.cooperative_id = $1 AND p.id <> $2`,
      [coopId, first.id],
    );
    await t.db.query(`UPDATE products SET status = 'active', published_at = now() WHERE cooperative_id = $1`, [coopId]);

    const partner = fake.addPartner();
    const shop = fake.addShop({ name: 'HTX Bánh tráng Trường Thành', partnerId: partner.partnerId });
    const { body: connection } = await t
      .http()
      .post(`/api/v1/cooperatives/${coopId}/channels`)
      .set(owner.auth)
      .send({
        platform: 'shopee',
        credentials: {
          partnerId: String(partner.partnerId),
          partnerKey: partner.partnerKey,
          shopId: String(shop.shopId),
          accessToken: shop.accessToken,
          refreshToken: shop.refreshToken,
        },
        settings: { logisticIds: [50018] },
      })
      .expect(201);
    const items = () => fake.items(shop.shopId).filter((i) => i.status !== 'SELLER_DELETE');

    const itemsAtKill = (await eventually(
      () => items().length,
      (n) => n >= 500,
      240_000,
      50,
    )) as number;
    await worker.crash();
    const afterKill = items().length;
    expect(afterKill).toBeLessThan(LISTINGS);

    await worker.start();
    const done = await eventually(
      () => job(t, owner, connection.syncJobId),
      (j) => j.status === 'completed',
      300_000,
      500,
    );
    expect(done).toMatchObject({ status: 'completed', total: LISTINGS, done: LISTINGS, failed: 0 });
    // The import before this left its products' change events queued; each asks for a sync of a
    // listing the full sync may already have done. They must all run out, and change nothing there.
    const drained = await eventually(
      async () => [...(await unfinished('listing.sync')), ...(await unfinished('channel.full-sync'))],
      (left) => left.length === 0,
      240_000,
      500,
    );
    const listings = (await t.db.query(`SELECT status, count(*)::int AS n FROM channel_listings WHERE connection_id = $1 GROUP BY status`, [
      connection.id,
    ])) as Array<{ status: string; n: number }>;
    expect(listings).toEqual([{ status: 'synced', n: LISTINGS }]);
    // One item per SKU on Shopee: no create was repeated, not even the ones in flight at the kill.
    const skus = items().map((i) => i.sku);
    expect(skus).toHaveLength(LISTINGS);
    expect(new Set(skus).size).toBe(LISTINGS);
    const [{ mismatched }] = await t.db.query(
      `SELECT count(*)::int AS mismatched FROM channel_listings l WHERE l.connection_id = $1 AND l.external_id IS NULL`,
      [connection.id],
    );
    expect(mismatched).toBe(0);
    // No job lost or stuck: nothing left waiting, retrying or claimed, nothing dead.
    expect(drained).toEqual([]);
    expect(await dead('listing.sync')).toBe(0);
    expect(await dead('listing.sync.dead')).toBe(0);
    expect(await t.db.query(`SELECT 1 FROM pgboss.job WHERE name = 'listing.sync.dead'`)).toEqual([]);
    figures.sync = {
      itemsAtKill,
      itemsRightAfterKill: afterKill,
      createCalls: fake.calls.filter((c) => c.path === '/api/v2/product/add_item' && c.status === 200).length,
      searchCalls: fake.calls.filter((c) => c.path === '/api/v2/product/search_item').length,
      workerStarts: worker.starts,
      listingJobsRerunAfterKill: await rerun('listing.sync'),
    };
  }, 600_000);
});
