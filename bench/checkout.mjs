// checkout: 2 000 checkout attempts fired at once over 20 variants holding 50 units each, through
// POST /api/v1/checkouts (signed-in buyers, Idempotency-Key, cash on delivery). Exactly 1 000 must
// succeed, every variant must end at 0, and stock must never be seen below 0.
// The ceiling is the app's own checkout transaction — the same statements in the same order
// (idempotency lock and lookup, the variants read, the checkout and its payment, the conditional
// stock UPDATE and its event through pg-boss, the orders written by the app's own statement from
// the build, PLACE_ORDERS) — in a bare `pg` loop at the same concurrency and pool size: what the app
// would do without HTTP, Nest, TypeORM and the answer it renders. A floor beside it does only the
// reservation itself (the UPDATE and the rows that hold the stock), to show what the app's other
// statements cost. Each round uses 20 fresh variants per path; the order of the paths rotates
// from round to round.
import http from 'node:http';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { PgBoss } from 'pg-boss';
import {
  ROUNDS,
  SCALE,
  appEnv,
  cpuDuring,
  resetStatements,
  topStatements,
  createUsers,
  environment,
  login,
  median,
  percentile,
  round,
  runBenchmark,
  say,
  scaled,
  startApp,
  startDatabase,
  writeResult,
} from './lib/common.mjs';
import { WARDS, cooperatives, products, seedCooperatives, seedProducts } from './lib/generate.mjs';
import { PLACE_ORDERS, placeOrdersParameters } from '../dist/libs/order/src/orders/place-orders.sql.js';

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
    p50Ms: round(
      percentile(
        results.map((r) => r.ms),
        50,
      ),
      0,
    ),
    p99Ms: round(
      percentile(
        results.map((r) => r.ms),
        99,
      ),
      0,
    ),
    lastSuccessMs: round(lastOk, 0),
    socketErrorsAtMs:
      other > 0
        ? results
            .filter((r) => r.status === 0)
            .map((r) => round(r.at, 0))
            .sort((a, b) => a - b)
            .filter((_, i, all) => i === 0 || i === all.length - 1)
        : undefined,
  };
}

/** StockService.describe's read of the variants. */
const DESCRIBE = `SELECT v.id, v.product_id, v.cooperative_id, p.name AS product_name, v.name, v.sku, v.price, v.weight_grams, v.stock,
            (p.status = 'active' AND c.status = 'approved') AS sellable
       FROM variants v JOIN products p ON p.id = v.product_id JOIN cooperatives c ON c.id = v.cooperative_id
      WHERE v.id = ANY($1)`;

/** The checkout of one unit of `v` by cash on delivery, and its payment; returns the checkout's id. */
async function recordCheckout(client, buyerId, key, v) {
  const total = Number(v.price) + 22000;
  const {
    rows: [checkout],
  } = await client.query(
    `INSERT INTO checkouts (buyer_id, idempotency_key, request_hash, payment_method, payment_reference, shipping_address, items_total, shipping_total, total)
     VALUES ($1, $2, 'x', 'cod', $3, $4, $5, 22000, $6) RETURNING id, created_at`,
    [buyerId, key, `NS${randomUUID().slice(0, 13).toUpperCase()}`, SHIPPING, v.price, total],
  );
  await client.query(`INSERT INTO payments (checkout_id, provider, amount, status, needs_refund) VALUES ($1, 'cod', $2, 'pending', false)`, [
    checkout.id,
    total,
  ]);
  return checkout.id;
}

/** The one cash-on-delivery order of an attempt, one unit of `v` (a row of DESCRIBE), as the checkout places it. */
function codOrder(checkoutId, buyerId, v) {
  const price = Number(v.price);
  return {
    id: randomUUID(),
    checkoutId,
    cooperativeId: v.cooperative_id,
    buyerId,
    channel: 'web',
    externalReference: null,
    externalBuyerName: null,
    status: 'placed',
    itemsTotal: price,
    shippingFee: 22000,
    shippingCarrier: null,
    shippingEstimatedDeliveryDate: null,
    shippingFallback: false,
    weightGrams: v.weight_grams,
    paymentDueAt: null,
    position: 0,
    placedBy: buyerId,
    note: null,
    lines: [
      {
        variantId: v.id,
        productId: v.product_id,
        productName: v.product_name,
        variantName: v.name,
        sku: v.sku,
        unitPrice: price,
        quantity: 1,
        lineTotal: price,
      },
    ],
  };
}

/** One attempt in its own transaction: `work` answers 201 (committed) or 409 (rolled back); a throw is a 500. */
async function inTransaction(pool, work) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const status = await work(client);
    await client.query(status === 201 ? 'COMMIT' : 'ROLLBACK');
    return status;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    console.error(error.message);
    return 500;
  } finally {
    client.release();
  }
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
  const buyers = await createUsers(
    db,
    Array.from({ length: BUYERS }, (_, i) => ({ email: `nguoimua${i + 1}@bench.nongsan.test`, roles: ['buyer'], fullName: `Người mua ${i + 1}` })),
  );
  // Buyers of long standing: a new account may hold only a few open cash-on-delivery orders
  // (COD_OPEN_ORDERS_PER_NEW_ACCOUNT, at most 1 000), and each buyer here places hundreds.
  await db.query(`UPDATE users SET created_at = now() - interval '1 year' WHERE id = ANY($1)`, [buyers.map((b) => b.id)]);
  await db.query('VACUUM ANALYZE');

  const app = await startApp({
    env: appEnv(database.url, path.join(database.dir, 'app'), { DATABASE_POOL_SIZE: String(POOL) }),
    logFile: path.join(database.dir, 'app.log'),
  });
  defer(app.stop);
  const sessions = [];
  for (let i = 0; i < buyers.length; i += 4) sessions.push(...(await Promise.all(buyers.slice(i, i + 4).map((b) => login(app.origin, b.email)))));
  say(`${sessions.length} buyers signed in`);
  const { port } = new URL(app.origin);
  const socketErrors = {};

  const viaApp = (variantIds) => async () => {
    // As many sockets as attempts, every attempt in flight at once; a new agent per burst, so no
    // socket the server closed while idle (its keep-alive timeout) is reused.
    const agent = new http.Agent({ keepAlive: true, maxSockets: ATTEMPTS });
    try {
      return await burst(
        Array.from({ length: ATTEMPTS }, (_, i) => () => {
          const body = JSON.stringify({ items: [{ variantId: variantIds[i % VARIANTS], quantity: 1 }], shippingAddress: SHIPPING, paymentMethod: 'cod' });
          const session = sessions[i % sessions.length];
          return new Promise((resolve) => {
            const req = http.request(
              {
                host: '127.0.0.1',
                port,
                path: '/api/v1/checkouts',
                method: 'POST',
                agent,
                headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'idempotency-key': randomUUID(), ...session.auth },
              },
              (res) => {
                res.resume();
                res.on('end', () => resolve(res.statusCode));
              },
            );
            req.on('error', (error) => {
              socketErrors[error.code ?? error.message] = (socketErrors[error.code ?? error.message] ?? 0) + 1;
              resolve(0);
            });
            req.end(body);
          });
        }),
      );
    } finally {
      agent.destroy();
    }
  };

  const pool = new pg.Pool({ connectionString: database.url, max: POOL });
  pool.on('error', () => undefined);
  defer(() => pool.end());
  const viaFloor = (variantIds) => async () => {
    const { rows: described } = await pool.query(DESCRIBE, [variantIds]);
    const byId = new Map(described.map((v) => [v.id, v]));
    return burst(
      Array.from({ length: ATTEMPTS }, (_, i) => async () => {
        const v = byId.get(variantIds[i % VARIANTS]);
        const buyer = sessions[i % sessions.length].id;
        return inTransaction(pool, async (client) => {
          const taken = await client.query(`UPDATE variants SET stock = stock - $2, updated_at = now() WHERE id = $1 AND stock >= $2`, [v.id, 1]);
          if (taken.rowCount === 0) return 409;
          const checkoutId = await recordCheckout(client, buyer, randomUUID(), v);
          await client.query(PLACE_ORDERS, placeOrdersParameters([codOrder(checkoutId, buyer, v)]));
          return 201;
        });
      }),
    );
  };

  // The app's checkout transaction, statement for statement (CheckoutService.checkout, StockService,
  // QueueService.publish through pg-boss in the transaction, OrderWriter.place), for cash on delivery, one item.
  const boss = new PgBoss({ connectionString: database.url, schema: 'pgboss', max: 2, supervise: false, schedule: false });
  boss.on('error', () => undefined);
  await boss.start();
  defer(() => boss.stop({ graceful: false, close: true }));
  const viaSameSql = (variantIds) => async () =>
    burst(
      Array.from({ length: ATTEMPTS }, (_, i) => async () => {
        const variantId = variantIds[i % VARIANTS];
        const buyer = sessions[i % sessions.length].id;
        const key = randomUUID();
        return inTransaction(pool, async (client) => {
          const tx = { executeSql: async (text, values) => client.query(text, values) };
          await client.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`checkout:${buyer}:${key}`]);
          await client.query(`SELECT id, request_hash FROM checkouts WHERE buyer_id = $1 AND idempotency_key = $2 LIMIT 1`, [buyer, key]);
          const {
            rows: [v],
          } = await client.query(DESCRIBE, [[variantId]]);
          if (v.stock < 1) return 409;
          const checkoutId = await recordCheckout(client, buyer, key, v);
          const { rows: moved } = await client.query(
            `UPDATE variants SET stock = stock - $2, updated_at = now() WHERE id = $1 AND stock >= $2 RETURNING id, product_id, cooperative_id`,
            [variantId, 1],
          );
          if (moved.length === 0) {
            await client.query(`SELECT stock FROM variants WHERE id = $1`, [variantId]);
            return 409;
          }
          await boss.publish(
            'catalog.product.changed',
            { productId: v.product_id, cooperativeId: v.cooperative_id, changes: ['stock'], variantIds: [v.id], at: new Date().toISOString() },
            { db: tx },
          );
          await client.query(PLACE_ORDERS, placeOrdersParameters([codOrder(checkoutId, buyer, v)]));
          return 201;
        });
      }),
    );

  const PATHS = { app: viaApp, ceiling: viaSameSql, floor: viaFloor };
  // Warm-up: a burst through each path on its own variants.
  let warm = 900;
  for (const path_ of Object.values(PATHS)) await path_(await freshVariants(db, coops, warm++))();

  const rounds = [];
  for (let r = 0; r < ROUNDS; r++) {
    const names = Object.keys(PATHS);
    const order = names.map((_, k) => names[(k + r) % names.length]);
    const round_ = {};
    for (const who of order) {
      const ids = await freshVariants(db, coops, r * 3 + names.indexOf(who));
      await resetStatements(db);
      const stopWatching = watchStock(db, ids);
      const { value: outcome, cpuMs: cpu } = await cpuDuring({ app: () => [app.pid], postgres: database.postgresPids, bench: () => [process.pid] }, () =>
        PATHS[who](ids)(),
      );
      const lowestSeen = await stopWatching();
      round_[who] = {
        ...summarise(who, outcome),
        cpuMsPerOrder: Object.fromEntries(Object.entries(cpu).map(([k, v]) => [k, round((v / ATTEMPTS) * 2, 2)])),
        lowestStockSeen: lowestSeen,
        check: await verify(db, ids),
        statements: r === 0 ? await topStatements(db) : undefined,
      };
    }
    round_.ratio = round(round_.app.ordersPerSecond / round_.ceiling.ordersPerSecond, 3);
    round_.ratioToFloor = round(round_.app.ordersPerSecond / round_.floor.ordersPerSecond, 3);
    rounds.push(round_);
    const a = round_.app;
    say(
      `  CPU ms per order: app ${JSON.stringify(a.cpuMsPerOrder)}, ceiling ${JSON.stringify(round_.ceiling.cpuMsPerOrder)}, floor ${JSON.stringify(round_.floor.cpuMsPerOrder)}`,
    );
    say(
      `round ${r + 1}: app ${a.ordersPerSecond} orders/s (${a.succeeded} ok, ${a.refused} refused, ${a.errors} errors, p99 ${a.p99Ms} ms, stock left ${a.check.stock_left}), ceiling ${round_.ceiling.ordersPerSecond} orders/s → ${round_.ratio}; floor ${round_.floor.ordersPerSecond} → ${round_.ratioToFloor}`,
    );
  }

  const pick = (who, key) => median(rounds.map((x) => x[who][key]));
  const ratio = median(rounds.map((x) => x.ratio));
  const exact =
    rounds.every((x) => ['app', 'ceiling', 'floor'].every((w) => x[w].check.stock_left === 0)) &&
    rounds.every(
      (x) =>
        x.app.succeeded === ATTEMPTS / 2 &&
        x.app.check.orders === ATTEMPTS / 2 &&
        x.app.check.stock_left === 0 &&
        x.app.check.variants_off === 0 &&
        x.app.check.units_reserved === ATTEMPTS / 2,
    );
  const lowest = Math.min(...rounds.flatMap((x) => [x.app.lowestStockSeen, x.app.check.min_stock]));
  const errors = rounds.reduce((s, x) => s + x.app.errors, 0);
  await writeResult('checkout', {
    environment: await environment(db),
    sizes: { attempts: ATTEMPTS, variants: VARIANTS, unitsPerVariant: UNITS, buyers: BUYERS, pool: POOL },
    app: { ordersPerSecond: pick('app', 'ordersPerSecond'), p50Ms: pick('app', 'p50Ms'), p99Ms: pick('app', 'p99Ms'), wallMs: pick('app', 'wallMs') },
    ceiling: {
      ordersPerSecond: pick('ceiling', 'ordersPerSecond'),
      p50Ms: pick('ceiling', 'p50Ms'),
      p99Ms: pick('ceiling', 'p99Ms'),
      wallMs: pick('ceiling', 'wallMs'),
    },
    floor: { ordersPerSecond: pick('floor', 'ordersPerSecond'), p50Ms: pick('floor', 'p50Ms'), p99Ms: pick('floor', 'p99Ms'), wallMs: pick('floor', 'wallMs') },
    cpuMsPerOrder: Object.fromEntries(
      Object.keys(PATHS).map((who) => [
        who,
        Object.fromEntries(['app', 'postgres', 'bench'].map((k) => [k, median(rounds.map((x) => x[who].cpuMsPerOrder[k]))])),
      ]),
    ),
    ratio,
    ratioToFloor: median(rounds.map((x) => x.ratioToFloor)),
    oversold: rounds.reduce((s, x) => s + Math.max(0, x.app.check.units_sold - ATTEMPTS / 2), 0),
    lowestStockSeen: lowest,
    targets: {
      'app/ceiling ≥ 0.5': { value: ratio, met: ratio >= 0.5 },
      'exactly 1 000 orders, stock 0 (every round)': { value: exact, met: exact },
      'stock never negative': { value: lowest, met: lowest >= 0 },
      'no errors (only 201 or 409)': { value: errors, met: errors === 0 },
    },
    socketErrors,
    rounds,
  });
});
