// The search ceiling: a bare node:http server, a pg pool of the app's size, and the very same SQL
// the app sends. The SQL comes from the app's own CatalogSearchService, given a thin adapter over
// `pg` instead of TypeORM — so the queries and the JSON are the app's, byte for byte, and what the
// ceiling leaves out is exactly the framework: Express, Nest's pipeline (guards, validation,
// interceptors), helmet, request logging and metrics, TypeORM's query runner.
// Env: DATABASE_URL, PORT, DATABASE_POOL_SIZE (default 10), S3_PUBLIC_URL.
import http from 'node:http';
import pg from 'pg';
import { CatalogSearchService } from '../../dist/libs/catalog/src/search/catalog-search.service.js';
import { toSearchQuery } from '../lib/search-mix.mjs';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
pool.on('error', () => undefined);
const db = { query: async (sql, params) => (await pool.query(sql, params)).rows };
const base = process.env.S3_PUBLIC_URL;
const storage = { publicUrl: (key) => `${base}/${key.split('/').map(encodeURIComponent).join('/')}` };
const search = new CatalogSearchService(db, storage, {});

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, 'http://ceiling');
  if (url.pathname !== '/api/v1/catalog/products') {
    res.writeHead(404).end();
    return;
  }
  try {
    const body = JSON.stringify(await search.search(toSearchQuery(url.searchParams)));
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  } catch (error) {
    res.writeHead(500, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { code: 'INTERNAL', message: String(error) } }));
  }
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log(`ceiling listening on ${process.env.PORT}`));
process.on('SIGTERM', () => server.close(() => pool.end().then(() => process.exit(0))));
