// The plain-SQL ceiling: what the simplest good SQL answers on the same data, so the search
// benchmark can say how the app's search compares to it — not only to its own SQL without the
// framework (search-server.mjs). A bare node:http server, one statement per request: each word
// required (accent-free LIKE on the product name, answered by a trigram index), the filters as
// plain WHERE clauses, 20 rows of id, slug, name and price. No ranking, no typo tolerance, no
// description, no pictures, stock or cooperative, no cursor (a second page is OFFSET 20).
// Needs the trigram index on `search_name` that bench/search.mjs creates for it.
// Env: DATABASE_URL, PORT, DATABASE_POOL_SIZE (default 10).
import http from 'node:http';
import pg from 'pg';

const PAGE = 20;
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
pool.on('error', () => undefined);

// A category and everything under it, read once.
const categories = (await pool.query('SELECT id, parent_id FROM categories')).rows;
const subtree = (id) => [id, ...categories.filter((c) => c.parent_id === id).flatMap((c) => subtree(c.id))];

function statement(params) {
  const values = [];
  const bind = (v) => `$${values.push(v)}`;
  const where = [`status = 'active'`];
  const words = (params.get('q') ?? '').trim().split(/\s+/).filter(Boolean);
  for (const word of words) where.push(`search_name LIKE '%' || f_unaccent(lower(${bind(word)})) || '%'`);
  if (params.has('wardCode')) where.push(`origin_ward_code = ${bind(params.get('wardCode'))}`);
  if (params.has('categoryId')) where.push(`category_id = ANY(${bind(subtree(params.get('categoryId')))})`);
  if (params.has('ocopStars')) where.push(`ocop_status = 'verified' AND ocop_stars >= ${bind(Number(params.get('ocopStars')))}`);
  if (params.has('minPrice')) where.push(`min_price >= ${bind(Number(params.get('minPrice')))}`);
  if (params.has('maxPrice')) where.push(`min_price <= ${bind(Number(params.get('maxPrice')))}`);
  const sort = params.get('sort');
  const order =
    sort === 'price_asc'
      ? 'ORDER BY min_price, id'
      : sort === 'price_desc'
        ? 'ORDER BY min_price DESC, id DESC'
        : words.length === 0
          ? 'ORDER BY published_at DESC, id DESC'
          : '';
  const offset = params.has('cursor') ? `OFFSET ${PAGE}` : '';
  return { text: `SELECT id, slug, name, min_price FROM products WHERE ${where.join(' AND ')} ${order} LIMIT ${PAGE} ${offset}`, values };
}

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, 'http://plain');
  if (url.pathname !== '/api/v1/catalog/products') {
    res.writeHead(404).end();
    return;
  }
  try {
    const { rows } = await pool.query(statement(url.searchParams));
    const body = JSON.stringify({ items: rows });
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  } catch (error) {
    res.writeHead(500, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { code: 'INTERNAL', message: String(error) } }));
  }
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log(`plain ceiling listening on ${process.env.PORT}`));
process.on('SIGTERM', () => server.close(() => pool.end().then(() => process.exit(0))));
