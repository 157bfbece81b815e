// Uptake reports at scale: seeds N orders (ORDERS, default 100 000) over two years for 200
// cooperatives, builds the daily rollup, then times each report against the same figure computed
// straight from the orders table. Run: npm run build && ORDERS=1000000 node bench/uptake.mjs
// Writes bench/results/uptake-<orders>.json and prints a table (medians of 9 runs, ms).
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { EmbeddedPostgres, runMigrations } from '../dist/libs/core/src/index.js';
import { migrations } from '../dist/migrations/index.js';
import { UptakeService } from '../dist/libs/uptake/src/uptake.service.js';

const ORDERS = Number(process.env.ORDERS ?? 100_000);
const RUNS = 9;
const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'nongsan-bench-uptake-'));
await fs.chmod(dir, 0o755);
const server = new EmbeddedPostgres({ dataDir: path.join(dir, 'data'), port: 0, password: 'bench' });
await server.start();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function time(fn) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    await fn();
    runs.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return Math.round(median(runs) * 10) / 10;
}
try {
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query('CREATE DATABASE bench');
  await admin.end();
  const url = server.url.replace(/\/postgres$/, '/bench');
  await runMigrations(url, migrations);
  const db = new pg.Client({ connectionString: url });
  db.on('error', () => undefined);
  await db.connect();

  const seedStart = Date.now();
  console.log(`seeding 200 cooperatives, 2 000 products, ${ORDERS} orders…`);
  await db.query(`INSERT INTO users (email, password_hash, full_name) VALUES ('bench@x.vn', 'x', 'Bench')`);
  await db.query(`
    INSERT INTO cooperatives (slug, name, tax_code, representative, phone, email, ward_code, address_line, status, created_by, created_at)
    SELECT 'htx-' || i, 'HTX ' || i, lpad(i::text, 10, '0'), 'A', '+84905123456', 'a@x.vn', w.code, 'x', CASE WHEN i % 5 = 0 THEN 'submitted' ELSE 'approved' END,
           (SELECT id FROM users LIMIT 1), now() - make_interval(days => 400 + i)
      FROM generate_series(1, 200) i CROSS JOIN LATERAL (SELECT code FROM wards WHERE former_province = 'Bình Định' ORDER BY md5(i::text || code) LIMIT 1) w`);
  await db.query(`INSERT INTO cooperative_status_changes (cooperative_id, from_status, to_status, created_at)
                  SELECT id, 'draft', 'submitted', created_at + interval '3 days' FROM cooperatives
                  UNION ALL SELECT id, 'submitted', 'approved', created_at + interval '9 days' FROM cooperatives WHERE status = 'approved'`);
  await db.query(`
    INSERT INTO products (cooperative_id, slug, name, description, category_id, origin_ward_code, unit, status, min_price, published_at, ocop_stars, ocop_certificate_number, ocop_issued_at, ocop_expires_at)
    SELECT c.id, 'p-' || i, 'Sản phẩm ' || i, 'Mô tả ' || i,
           (ARRAY['fish-sauce','rice-paper','wine-spirits','fresh-fruit','coconut','sweets','essential-oils','rice-grains','cured-meat','dried-seafood','honey'])[1 + i % 11],
           c.ward_code, 'hộp', 'active', 20000 + (i * 7919) % 480000, c.created_at + interval '12 days',
           CASE WHEN i % 7 = 0 THEN 3 + i % 3 END, CASE WHEN i % 7 = 0 THEN 'OCOP-' || i END, CASE WHEN i % 7 = 0 THEN date '2024-01-01' END, CASE WHEN i % 7 = 0 THEN date '2027-01-01' END
      FROM generate_series(1, 2000) i JOIN cooperatives c ON c.slug = 'htx-' || (1 + i % 200)`);
  await db.query(`INSERT INTO variants (product_id, cooperative_id, sku, name, price, weight_grams, stock, position)
                  SELECT id, cooperative_id, 'SKU-' || slug, 'Mặc định', min_price, 500, 100, 0 FROM products`);
  await db.query(`INSERT INTO checkouts (buyer_id, idempotency_key, request_hash, payment_method, payment_reference, shipping_address, items_total, shipping_total, total)
                  SELECT id, 'bench', 'x', 'cod', 'NSBENCH', '{}', 1, 0, 1 FROM users LIMIT 1`);
  // Two thirds on the storefront, the rest on the marketplaces; 8 % cancelled; spread over two years.
  await db.query(`
    INSERT INTO orders (checkout_id, buyer_id, cooperative_id, channel, external_reference, status, items_total, shipping_fee, total, weight_grams, position, created_at, updated_at)
    SELECT CASE WHEN ch = 'web' THEN (SELECT id FROM checkouts LIMIT 1) END, CASE WHEN ch = 'web' THEN (SELECT id FROM users LIMIT 1) END,
           v.cooperative_id, ch, CASE WHEN ch <> 'web' THEN 'X' || i END,
           CASE WHEN i % 13 = 0 THEN 'cancelled' WHEN i % 3 = 0 THEN 'completed' ELSE 'paid' END,
           v.price * (1 + i % 3), 0, v.price * (1 + i % 3), 500, 0, ts, ts
      FROM generate_series(1, $1::int) i
      CROSS JOIN LATERAL (SELECT (ARRAY['web','web','web','web','shopee','lazada','tiktok-shop'])[1 + i % 7] AS ch,
                                 now() - make_interval(secs => (i::bigint * 7919) % (730 * 86400)) AS ts) x
      JOIN variants v ON v.sku = 'SKU-p-' || (1 + i % 2000)`,
    [ORDERS],
  );
  await db.query(`INSERT INTO order_lines (order_id, variant_id, product_id, product_name, variant_name, sku, unit_price, quantity, line_total, position)
                  SELECT o.id, v.id, v.product_id, 'x', 'x', v.sku, o.items_total, 1, o.items_total, 0
                    FROM orders o JOIN LATERAL (SELECT * FROM variants v WHERE v.cooperative_id = o.cooperative_id LIMIT 1) v ON true`);
  await db.query('ANALYZE');
  const seeded = Date.now() - seedStart;

  const source = new DataSource({ type: 'postgres', url });
  await source.initialize();
  const registry = { list: () => ['shopee', 'lazada', 'tiktok-shop'].map((platform) => ({ platform, name: platform, kind: 'api' })) };
  const uptake = new UptakeService(source, registry, {});
  const rollupStart = Date.now();
  await uptake.refreshRollup();
  const rollupFull = Date.now() - rollupStart;
  const rows = (await db.query(`SELECT count(*)::int AS n FROM uptake_order_days`)).rows[0].n;
  const period = await uptake.period({ from: '2026-01-01', to: '2026-11-30' });
  const range = [period.start, period.end];

  const results = {
    'rollup refresh, nothing changed': await time(() => uptake.refreshRollup()),
    'rollup refresh after 100 orders changed status': await time(async () => {
      await db.query(`UPDATE orders SET status = CASE status WHEN 'paid' THEN 'completed' ELSE 'paid' END, updated_at = now()
                       WHERE id IN (SELECT id FROM orders WHERE status IN ('paid','completed') ORDER BY random() LIMIT 100)`);
      await uptake.refreshRollup();
    }),
    'summary right after 10 new orders today': await time(async () => {
      await db.query(`INSERT INTO orders (checkout_id, buyer_id, cooperative_id, channel, external_reference, status, items_total, shipping_fee, total, weight_grams, position)
                      SELECT NULL, NULL, cooperative_id, 'shopee', 'N' || gen_random_uuid(), 'paid', price, 0, price, 500, 0 FROM variants LIMIT 10`);
      await uptake.summary(period);
    }),
    summary: await time(() => uptake.summary(period)),
    funnel: await time(() => uptake.funnel(period)),
    localities: await time(() => uptake.localities(period)),
    'timeseries gmv by channel (month)': await time(() => uptake.timeseries(period, { metric: 'gmv', interval: 'month', by: 'channel' })),
    'timeseries orders by former district (week)': await time(() => uptake.timeseries(period, { metric: 'orders', interval: 'week', by: 'former_district' })),
    'timeseries gmv by category (live from order lines)': await time(() => uptake.timeseries(period, { metric: 'gmv', interval: 'month', by: 'category' })),
    // The same totals straight from the orders table, as the reports would cost without the rollup.
    'baseline: orders and gmv by channel from orders': await time(() =>
      db.query(`SELECT channel, count(*), sum(items_total) FROM orders WHERE created_at >= $1 AND created_at < $2 AND status NOT IN ('pending_payment','cancelled','refunded') GROUP BY channel`, range),
    ),
    'baseline: gmv by former district and month from orders': await time(() =>
      db.query(
        `SELECT l.former_district_code, date_trunc('month', o.created_at AT TIME ZONE 'Asia/Ho_Chi_Minh'), sum(o.items_total) FROM orders o JOIN cooperative_localities l ON l.cooperative_id = o.cooperative_id
          WHERE o.created_at >= $1 AND o.created_at < $2 AND o.status NOT IN ('pending_payment','cancelled','refunded') GROUP BY 1, 2`,
        range,
      ),
    ),
  };
  await source.destroy();
  await db.end();
  const out = { orders: ORDERS, seededMs: seeded, rollupFullBuildMs: rollupFull, rollupRows: rows, medianMs: results, at: new Date().toISOString(), machine: `${os.cpus().length} cpu, ${Math.round(os.totalmem() / 2 ** 30)} GiB` };
  await fs.mkdir(path.resolve('bench/results'), { recursive: true });
  await fs.writeFile(path.resolve(`bench/results/uptake-${ORDERS}.json`), `${JSON.stringify(out, null, 2)}\n`);
  console.log(`\n${ORDERS} orders: seeded in ${seeded} ms; rollup built in ${rollupFull} ms (${rows} rows)`);
  console.table(Object.fromEntries(Object.entries(results).map(([k, v]) => [k, { 'median ms': v }])));
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await server.stop();
  await fs.rm(dir, { recursive: true, force: true });
}
