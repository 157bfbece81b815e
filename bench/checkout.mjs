// checkout: 2 000 checkout attempts fired at once over 20 variants holding 50 units each, through
// POST /api/v1/checkouts (signed-in buyers, Idempotency-Key, cash on delivery). Exactly 1 000 must
// succeed, every variant must end at 0, and stock must never be seen below 0. The ceiling is the
// same reservation in bare `pg` at the same concurrency and pool size: per attempt one transaction
// with the conditional UPDATE of the stock, then the checkout, order, line, reservation and
// payment rows that hold it. Each round uses 20 fresh variants; rounds alternate app and ceiling.
import http from 'node:http';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import {
  ROUNDS, SCALE, appEnv, resetStatements, topStatements, createUsers, environment, login, median, percentile, round, runBenchmark, say, scaled, startApp, startDatabase, writeResult,
} from './lib/common.mjs';
import { WARDS, cooperatives, products, seedCooperatives, seedProducts } from './lib/generate.mjs';

const ATTEMPTS = scaled(2000, 20);
const VARIANTS = 20;
const UNITS = Math.max(1, Math.round(ATTEMPTS / VARIANTS / 2));
const BUYERS = 20;
const POOL = 10;
const SHIPPING = { fullName: 'Nguyễn Thị Hoa', phone: '0905123456', addressLine: '12 Nguyễn Huệ', wardCode: WARDS.find((w) => w.name === 'Quy Nhơn').code };

/** 20 fresh products of one variant each, `UNITS` in stock, spread over the cooperatives. */
async function freshVariants(db, coops, roundIndex) {
  const list = products(VARIANTS, coops, { seed: 1000 + roundIndex });
  for (const p of list) {
    p.slug = `${p.slug}-r${roundIndex}`;
    p.variants = [{ ...p.variants[0], sku: `${p.variants[0].sku}-R${roundIndex}`, stock: UNITS }];
    p.minPrice = p.variants[0].price;
  }
  const { variants } = await seedProducts(db, list);
  return variants.map((v) => v.id);
}

/** Every attempt in flight at once; latency of each, and the wall time until the last answer. */
async function burst(attempts) {
  const started = process.hrtime.bigint();
  const results = await Promise.all(
    attempts.map(async (attempt) => {
      const t0 = process.hrtime.bigint();
      const status = await attempt();
      return { status, ms: Number(process.hrtime.bigint() - t0) / 1e6, at: Number(process.hrtime.bigint() - started) / 1e6 };
    }),
  );
  return { results, wallMs: Number(process.hrtime.bigint() - started) / 1e6 };
}

/** Polls the lowest stock of the round's variants while the burst runs. */
function watchStock(db, ids) {
  let lowest = Infinity;
  let running = true;
  const loop = (async () => {
    while (running) {
      const { rows } = await db.query(`SELECT min(stock)::int AS m FROM variants WHERE id = ANY($1)`, [ids]);
      lowest = Math.min(lowest, rows[0].m);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  return async () => {
    running = false;
    await loop;
    return lowest;
  };
}

function summarise(kind, { results, wallMs }) {
  const ok = results.filter((r) => r.status === 201);
  const conflicts = results.filter((r) => r.status === 409);
  const other = results.length - ok.length - conflicts.length;
  const lastOk = Math.max(...ok.map((r) => r.at));
  return {
    kind,
    succeeded: ok.length,
    refused: conflicts.length,
    errors: other,
    statuses: Object.fromEntries([...new Set(results.map((r) => r.status))].map((s) => [s, results.filter((r) => r.status === s).length])),
    wallMs: round(wallMs, 0),
    ordersPerSecond: round(ok.length / (wallMs / 1000), 1),
    p50Ms: round(percentile(results.map((r) => r.ms), 50), 0),
    p99Ms: round(percentile(results.map((r) => r.ms), 99), 0),
    lastSuccessMs: round(lastOk, 0),
  };
}

async function verify(db, ids) {
  const { rows } = await db.query(
    `SELECT (SELECT sum(stock)::int FROM variants WHERE id = ANY($1)) AS stock_left,
            (SELECT min(stock)::int FROM variants WHERE id = ANY($1)) AS min_stock,
            (SELECT count(DISTINCT order_id)::int FROM order_lines WHERE variant_id = ANY($1)) AS orders,
            (SELECT coalesce(sum(quantity), 0)::int FROM order_lines WHERE variant_id = ANY($1)) AS units_sold,
            (SELECT coalesce(sum(quantity), 0)::int FROM stock_reservations WHERE variant_id = ANY($1)) AS units_reserved,
            (SELECT count(*)::int FROM (SELECT variant_id FROM order_lines WHERE variant_id = ANY($1) GROUP BY variant_id HAVING sum(quantity) <> $2) x) AS variants_off`,
    [ids, UNITS],
  );
  return rows[0];
}

await runBenchmark(async (defer) => {
  say(`checkout: ${ATTEMPTS} attempts at once over ${VARIANTS} variants × ${UNITS} units, ${BUYERS} buyers, pool ${POOL}, ${ROUNDS} rounds (scale ${SCALE})`);
  const database = await startDatabase('checkout');
  defer(database.stop);
  const { db } = database;
  const [creator] = await createUsers(db, [{ email: 'admin@bench.nongsan.test', roles: ['admin'] }]);
  const coops = await seedCooperatives(db, cooperatives(8), creator.id);
  // A catalog around the contested variants, so the tables are not toy-sized.
  await seedProducts(db, products(2000, coops, { seed: 3 }));
  const buyers = await createUsers(db, Array.from({ length: BUYERS }, (_, i) => ({ email: `nguoimua${i + 1}@bench.nongsan.test`, roles: ['buyer'], fullName: `Người mua ${i + 1}` })));
  await db.query('VACUUM ANALYZE');

  const app = await startApp({ env: appEnv(database.url, path.join(database.dir, 'app'), { DATABASE_POOL_SIZE: String(POOL) }), logFile: path.join(database.dir, 'app.log') });
  defer(app.stop);
  const sessions = [];
  for (let i = 0; i < buyers.length; i += 4) sessions.push(...(await Promise.all(buyers.slice(i, i + 4).map((b) => login(app.origin, b.email)))));
  say(`${sessions.length} buyers signed in`);
  // As many sockets as attempts: every attempt is in flight at once.
  const agent = new http.Agent({ keepAlive: true, maxSockets: ATTEMPTS });
  defer(() => agent.destroy());
  const { port } = new URL(app.origin);

  const viaApp = (variantIds) => () =>
    burst(
      Array.from({ length: ATTEMPTS }, (_, i) => () => {
        const body = JSON.stringify({ items: [{ variantId: variantIds[i % VARIANTS], quantity: 1 }], shippingAddress: SHIPPING, paymentMethod: 'cod' });
        const session = sessions[i % sessions.length];
        return new Promise((resolve) => {
          const req = http.request(
            { host: '127.0.0.1', port, path: '/api/v1/checkouts', method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'idempotency-key': randomUUID(), ...session.auth } },
            (res) => {
              res.resume();
              res.on('end', () => resolve(res.statusCode));
            },
          );
          req.on('error', () => resolve(0));
          req.end(body);
        });
      }),
    );

  const pool = new pg.Pool({ connectionString: database.url, max: POOL });
  pool.on('error', () => undefined);
  defer(() => pool.end());
  const viaPg = (variantIds) => async () => {
    const { rows: priced } = await pool.query(`SELECT id, product_id, cooperative_id, price, sku, name FROM variants WHERE id = ANY($1)`, [variantIds]);
    const byId = new Map(priced.map((v) => [v.id, v]));
    return burst(
      Array.from({ length: ATTEMPTS }, (_, i) => async () => {
        const v = byId.get(variantIds[i % VARIANTS]);
        const buyer = sessions[i % sessions.length].id;
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          const taken = await client.query(`UPDATE variants SET stock = stock - $2, updated_at = now() WHERE id = $1 AND stock >= $2`, [v.id, 1]);
          if (taken.rowCount === 0) {
            await client.query('ROLLBACK');
            return 409;
          }
          const total = Number(v.price) + 22000;
          const { rows: [checkout] } = await client.query(
            `INSERT INTO checkouts (buyer_id, idempotency_key, request_hash, payment_method, payment_reference, shipping_address, items_total, shipping_total, total)
             VALUES ($1, $2, 'x', 'cod', $3, $4, $5, 22000, $6) RETURNING id`,
            [buyer, randomUUID(), `NS${randomUUID().slice(0, 13).toUpperCase()}`, SHIPPING, v.price, total],
          );
          const { rows: [order] } = await client.query(
            `INSERT INTO orders (checkout_id, cooperative_id, buyer_id, channel, status, items_total, shipping_fee, total, weight_grams, position)
             VALUES ($1, $2, $3, 'web', 'placed', $4, 22000, $5, 500, 0) RETURNING id`,
            [checkout.id, v.cooperative_id, buyer, v.price, total],
          );
          await client.query(
            `INSERT INTO order_lines (order_id, variant_id, product_id, product_name, variant_name, sku, unit_price, quantity, line_total, position)
             VALUES ($1, $2, $3, 'x', $4, $5, $6, 1, $6, 0)`,
            [order.id, v.id, v.product_id, v.name, v.sku, v.price],
          );
          await client.query(`INSERT INTO stock_reservations (order_id, variant_id, quantity, status) VALUES ($1, $2, 1, 'held')`, [order.id, v.id]);
          await client.query(`INSERT INTO payments (checkout_id, provider, amount, status, needs_refund) VALUES ($1, 'cod', $2, 'pending', false)`, [checkout.id, total]);
          await client.query('COMMIT');
          return 201;
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          console.error(error.message);
          return 500;
        } finally {
          client.release();
        }
      }),
    );
  };

  // Warm-up: a small burst through each path on its own variants.
  await viaApp(await freshVariants(db, coops, 900))();
  await viaPg(await freshVariants(db, coops, 901))();

  const rounds = [];
  for (let r = 0; r < ROUNDS; r++) {
    const order = r % 2 === 0 ? ['app', 'ceiling'] : ['ceiling', 'app'];
    const round_ = {};
    for (const who of order) {
      const ids = await freshVariants(db, coops, r * 2 + (who === 'app' ? 0 : 1));
      await resetStatements(db);
      const stopWatching = watchStock(db, ids);
      const outcome = await (who === 'app' ? viaApp(ids) : viaPg(ids))();
      const lowestSeen = await stopWatching();
      round_[who] = { ...summarise(who, outcome), lowestStockSeen: lowestSeen, check: await verify(db, ids), statements: r === 0 ? await topStatements(db) : undefined };
    }
    round_.ratio = round(round_.app.ordersPerSecond / round_.ceiling.ordersPerSecond, 3);
    rounds.push(round_);
    const a = round_.app;
    say(`round ${r + 1}: app ${a.ordersPerSecond} orders/s (${a.succeeded} ok, ${a.refused} refused, ${a.errors} errors, p99 ${a.p99Ms} ms, stock left ${a.check.stock_left}), ceiling ${round_.ceiling.ordersPerSecond} orders/s → ${round_.ratio}`);
  }

  const pick = (who, key) => median(rounds.map((x) => x[who][key]));
  const ratio = median(rounds.map((x) => x.ratio));
  const exact = rounds.every((x) => x.app.succeeded === ATTEMPTS / 2 && x.app.check.orders === ATTEMPTS / 2 && x.app.check.stock_left === 0 && x.app.check.variants_off === 0 && x.app.check.units_reserved === ATTEMPTS / 2);
  const lowest = Math.min(...rounds.flatMap((x) => [x.app.lowestStockSeen, x.app.check.min_stock]));
  const errors = rounds.reduce((s, x) => s + x.app.errors, 0);
  await writeResult('checkout', {
    environment: await environment(db),
    sizes: { attempts: ATTEMPTS, variants: VARIANTS, unitsPerVariant: UNITS, buyers: BUYERS, pool: POOL },
    app: { ordersPerSecond: pick('app', 'ordersPerSecond'), p50Ms: pick('app', 'p50Ms'), p99Ms: pick('app', 'p99Ms'), wallMs: pick('app', 'wallMs') },
    ceiling: { ordersPerSecond: pick('ceiling', 'ordersPerSecond'), p50Ms: pick('ceiling', 'p50Ms'), p99Ms: pick('ceiling', 'p99Ms'), wallMs: pick('ceiling', 'wallMs') },
    ratio,
    oversold: rounds.reduce((s, x) => s + Math.max(0, x.app.check.units_sold - ATTEMPTS / 2), 0),
    lowestStockSeen: lowest,
    targets: {
      'app/ceiling ≥ 0.5': { value: ratio, met: ratio >= 0.5 },
      'exactly 1 000 orders, stock 0 (every round)': { value: exact, met: exact },
      'stock never negative': { value: lowest, met: lowest >= 0 },
      'no errors (only 201 or 409)': { value: errors, met: errors === 0 },
    },
    rounds,
  });
});
