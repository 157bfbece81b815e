// Query plans and timings of the public catalog search at 100k active products.
// Run: npm run build && node bench/search-plans.mjs   (embedded PostgreSQL, temporary data)
// Prints, for each query the storefront makes, the indexes the plan uses and the median time.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { EmbeddedPostgres, runMigrations } from '../dist/libs/core/src/index.js';
import { migrations } from '../dist/migrations/index.js';
import { CatalogSearchService } from '../dist/libs/catalog/src/search/catalog-search.service.js';

const PRODUCTS = Number(process.env.PRODUCTS ?? 100_000);
const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'nongsan-bench-'));
await fs.chmod(dir, 0o755);
const server = new EmbeddedPostgres({ dataDir: path.join(dir, 'data'), port: 0, password: 'bench' });
await server.start();
try {
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query('CREATE DATABASE bench');
  await admin.end();
  const url = server.url.replace(/\/postgres$/, '/bench');
  await runMigrations(url, migrations);
  const db = new pg.Client({ connectionString: url });
  await db.connect();

  console.log(`seeding ${PRODUCTS} active products…`);
  await db.query(`INSERT INTO users (email, password_hash, full_name) VALUES ('bench@x.vn', 'x', 'Bench')`);
  await db.query(`
    INSERT INTO cooperatives (slug, name, tax_code, representative, phone, email, ward_code, address_line, status, created_by)
    SELECT 'htx-' || i, 'HTX ' || i, lpad(i::text, 10, '0'), 'A', '+84905123456', 'a@x.vn', w.code, 'x', 'approved', (SELECT id FROM users LIMIT 1)
      FROM generate_series(1, 200) i CROSS JOIN LATERAL (SELECT code FROM wards WHERE former_province = 'Bình Định' ORDER BY md5(i::text || code) LIMIT 1) w`);
  const words = {
    kind: ['Nước mắm', 'Bánh tráng', 'Rượu', 'Xoài', 'Dừa', 'Kẹo dừa', 'Tinh dầu sả', 'Gạo', 'Nem', 'Mực khô', 'Mật ong', 'Chả cá', 'Tôm khô', 'Muối', 'Đậu phộng'],
    place: ['Đề Gi', 'Tam Quan', 'Bàu Đá', 'Nhơn Lộc', 'Gò Bồi', 'Phù Cát', 'Tây Sơn', 'Hoài Nhơn', 'An Nhơn', 'Quy Nhơn', 'Vân Canh', 'An Lão', 'Phù Mỹ', 'Tuy Phước'],
    quality: ['thượng hạng', 'truyền thống', 'đặc biệt', 'hữu cơ', 'loại 1', '40 độ đạm', 'nguyên chất', 'sấy giòn', 'chín cây', 'thủ công'],
  };
  await db.query(
    `INSERT INTO products (cooperative_id, slug, name, description, category_id, origin_ward_code, unit, status, min_price, published_at, ocop_stars, ocop_certificate_number, ocop_issued_at, ocop_expires_at)
     SELECT c.id, 'p-' || i,
            ($1::text[])[1 + i % 15] || ' ' || ($2::text[])[1 + (i / 15) % 14] || ' ' || ($3::text[])[1 + (i / 210) % 10] || ' ' || i,
            'Sản phẩm số ' || i || ' của ' || c.name || ', làm theo cách ' || ($3::text[])[1 + i % 10],
            (ARRAY['fish-sauce','rice-paper','wine-spirits','fresh-fruit','coconut','sweets','essential-oils','rice-grains','cured-meat','dried-seafood','honey'])[1 + i % 11],
            c.ward_code, 'hộp', 'active', 10000 + (i * 7919) % 990000, now() - make_interval(secs => i),
            CASE WHEN i % 9 = 0 THEN 3 + i % 3 END, CASE WHEN i % 9 = 0 THEN 'OCOP-' || i END,
            CASE WHEN i % 9 = 0 THEN date '2024-01-01' END, CASE WHEN i % 9 = 0 THEN date '2027-01-01' END
       FROM generate_series(1, $4::int) i JOIN cooperatives c ON c.slug = 'htx-' || (1 + i % 200)`,
    [words.kind, words.place, words.quality, PRODUCTS],
  );
  await db.query(`INSERT INTO variants (product_id, cooperative_id, sku, name, price, weight_grams, stock, position)
                  SELECT id, cooperative_id, 'SKU-' || slug, 'Mặc định', min_price, 500, (hashtext(slug) & 63), 0 FROM products`);
  await db.query('ANALYZE');

  // The service builds the SQL; capture it instead of running it, then EXPLAIN it here.
  let captured;
  // The fake answers every query with no rows, so a typo query shows its second (approximate) pass last.
  const capture = { query: async (sql, params) => ((captured = { sql, params }), []), getRepository: () => ({ find: async () => [] }) };
  const service = new CatalogSearchService(capture, { publicUrl: (k) => k }, {});
  const cases = {
    'newest, no filter': {},
    'q=nuoc mam de gi': { q: 'nuoc mam de gi' },
    'q=banh trangg (typo)': { q: 'banh trangg' },
    'q=xoai, price_asc': { q: 'xoai', sort: 'price_asc' },
    'category seafood + OCOP ≥ 4': { categoryId: 'seafood', ocopStars: 4 },
    'former district 549, in stock': { formerDistrictCode: '549', inStock: true },
    'price 50k–100k, price_desc': { minPrice: 50000, maxPrice: 100000, sort: 'price_desc' },
  };
  console.log(`\n| query | indexes used | median ms (9 runs) |\n|---|---|---|`);
  for (const [name, query] of Object.entries(cases)) {
    captured = undefined;
    await service.search({ limit: 20, ...query });
    const { sql, params } = captured;
    const plan = (await db.query(`EXPLAIN (FORMAT JSON) ${sql}`, params)).rows[0]['QUERY PLAN'];
    const indexes = new Set();
    const walk = (node) => {
      if (node['Index Name']) indexes.add(node['Index Name']);
      for (const child of node.Plans ?? []) walk(child);
    };
    walk(plan[0].Plan);
    const times = [];
    for (let i = 0; i < 9; i++) {
      const start = process.hrtime.bigint();
      await db.query(sql, params);
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    times.sort((a, b) => a - b);
    console.log(`| ${name} | ${[...indexes].join(', ') || '(sequential scan)'} | ${times[4].toFixed(1)} |`);
    if (process.env.EXPLAIN && name.startsWith(process.env.EXPLAIN)) {
      for (const seq of ['on', 'off']) {
        await db.query(`SET enable_seqscan = ${seq}`);
        const text = (await db.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params)).rows.map((r) => r['QUERY PLAN']).join('\n');
        console.log(`--- enable_seqscan=${seq}\n${text}`);
      }
      await db.query('RESET enable_seqscan');
    }
  }
  await db.end();
} finally {
  await server.stop();
  await fs.rm(dir, { recursive: true, force: true });
}
