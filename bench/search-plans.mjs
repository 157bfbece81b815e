// search-plans: the query plans behind the search benchmark. Seeds the same catalog (100 000
// active products), runs each query of the same mix through the app's CatalogSearchService on a
// bare pg connection, and prints every SQL statement it sent with its median time and the indexes
// its plan uses. EXPLAIN=<query name prefix> prints that query's EXPLAIN (ANALYZE, BUFFERS).
// Not a timed benchmark (no result file): `npm run bench -- search-plans`.
import pg from 'pg';
import { CatalogSearchService } from '../dist/libs/catalog/src/search/catalog-search.service.js';
import { createUsers, median, round, runBenchmark, say, scaled, startDatabase } from './lib/common.mjs';
import { cooperatives, products, seedCooperatives, seedProducts } from './lib/generate.mjs';
import { queryMix, toSearchQuery } from './lib/search-mix.mjs';

const PRODUCTS = scaled(Number(process.env.PRODUCTS ?? 100_000));

await runBenchmark(async (defer) => {
  const database = await startDatabase('plans');
  defer(database.stop);
  const { db } = database;
  const [creator] = await createUsers(db, [{ email: 'admin@bench.nongsan.test', roles: ['admin'] }]);
  const coops = await seedCooperatives(db, cooperatives(scaled(400, 58)), creator.id);
  await seedProducts(db, products(PRODUCTS, coops));
  await db.query('VACUUM ANALYZE');
  say(`seeded ${PRODUCTS} products`);

  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  defer(() => client.end());
  let sent = [];
  const recording = { query: async (sql, params) => (sent.push({ sql, params }), (await client.query(sql, params)).rows) };
  const service = new CatalogSearchService(recording, { publicUrl: (k) => k }, {});

  console.log(`\n| query | statement | indexes used | median ms (9 runs) |\n|---|---|---|---|`);
  for (const entry of queryMix()) {
    const url = new URL(entry.path, 'http://x');
    const query = toSearchQuery(url.searchParams);
    if (entry.page2) query.cursor = (await service.search(query)).nextCursor;
    sent = [];
    await service.search(query);
    const statements = sent;
    for (const [i, { sql, params }] of statements.entries()) {
      const plan = (await client.query(`EXPLAIN (FORMAT JSON) ${sql}`, params)).rows[0]['QUERY PLAN'];
      const indexes = new Set();
      const walk = (node) => {
        if (node['Index Name']) indexes.add(node['Index Name']);
        if (node['Node Type'] === 'Seq Scan') indexes.add(`seq scan ${node['Relation Name']}`);
        for (const child of node.Plans ?? []) walk(child);
      };
      walk(plan[0].Plan);
      const times = [];
      for (let k = 0; k < 9; k++) {
        const start = process.hrtime.bigint();
        await client.query(sql, params);
        times.push(Number(process.hrtime.bigint() - start) / 1e6);
      }
      console.log(
        `| ${i === 0 ? entry.name : ''} | ${i === 0 ? 'search' : i === 1 ? 'images' : 'stock'} | ${[...indexes].join(', ')} | ${round(median(times), 1)} |`,
      );
      if (process.env.EXPLAIN && entry.name.startsWith(process.env.EXPLAIN) && i === 0) {
        const text = (await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params)).rows.map((r) => r['QUERY PLAN']).join('\n');
        console.log(`\n${sql}\n${JSON.stringify(params)}\n${text}\n`);
      }
    }
  }
});
