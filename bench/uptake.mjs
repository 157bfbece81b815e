// uptake: the Department's reports (/uptake/summary, /timeseries, /localities, the rest of the
// dashboard's overview and the Ministry report) at 100 000 and at
// 1 000 000 orders over 24 months. Both sizes run side by side — two databases on one PostgreSQL,
// an app on each — and calls alternate between them, so both see the same machine. Reported: the
// median (p50) of each report over repeated calls at each size, and time(1M)/time(100k). For
// reference, the same figures computed straight from the orders table (what a report would cost
// without the daily rollup), in bare pg, at both sizes.
import path from 'node:path';
import pg from 'pg';
import {
  ROUNDS,
  SCALE,
  api,
  appEnv,
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
  timed,
  writeResult,
} from './lib/common.mjs';
import { cooperatives, products, seedCooperatives, seedOrders, seedProducts } from './lib/generate.mjs';

const SMALL = scaled(100_000, 1000);
const LARGE = scaled(1_000_000, 10_000);
const CALLS = Math.max(7, ROUNDS * 3);

function lastTwelveMonths() {
  const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
  const from = new Date(Date.UTC(Number(today.slice(0, 4)) - 1, Number(today.slice(5, 7)), 1)).toISOString().slice(0, 10);
  return { from, to: today };
}

await runBenchmark(async (defer) => {
  say(`uptake: ${SMALL} and ${LARGE} orders over 24 months, ${CALLS} calls per report and size (scale ${SCALE})`);
  const database = await startDatabase('uptake');
  defer(database.stop);
  const { db } = database;
  const [official] = await createUsers(db, [{ email: 'sct@bench.nongsan.test', roles: ['official'], fullName: 'Sở Công Thương' }]);
  await createUsers(db, [{ email: 'nguoimua@bench.nongsan.test', roles: ['buyer'] }]);
  const coops = await seedCooperatives(db, cooperatives(scaled(300, 58)), official.id);
  await seedProducts(db, products(scaled(3000, 100), coops, { seed: 5 }));
  let t = await timed(() => seedOrders(db, { count: SMALL }));
  await db.query('VACUUM ANALYZE');
  say(`seeded ${SMALL} orders in ${Math.round(t.ms / 1000)} s`);

  // The large database starts as a copy of the small one, then gets the rest of the orders.
  const admin = new pg.Client({ connectionString: database.adminUrl });
  await admin.connect();
  const smallName = new URL(database.url).pathname.slice(1);
  const largeName = `${smallName}_large`;
  await database.db.end(); // CREATE DATABASE … TEMPLATE needs the template without sessions
  await admin.query(`CREATE DATABASE ${largeName} TEMPLATE ${smallName}`);
  await admin.end();
  const largeUrl = database.url.replace(`/${smallName}`, `/${largeName}`);
  if (process.env.DATABASE_URL) {
    defer(async () => {
      const c = new pg.Client({ connectionString: database.adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${largeName} WITH (FORCE)`);
      await c.end();
    });
  }
  const small = new pg.Pool({ connectionString: database.url, max: 2 });
  const large = new pg.Pool({ connectionString: largeUrl, max: 2 });
  defer(() => small.end());
  defer(() => large.end());
  t = await timed(() => seedOrders(large, { count: LARGE - SMALL, offset: SMALL }));
  await large.query('VACUUM ANALYZE');
  say(`seeded ${LARGE - SMALL} more orders into the large database in ${Math.round(t.ms / 1000)} s`);

  const apps = {};
  for (const [size, url] of [
    ['small', database.url],
    ['large', largeUrl],
  ]) {
    const app = await startApp({ env: appEnv(url, path.join(database.dir, `app-${size}`)), logFile: path.join(database.dir, `app-${size}.log`) });
    defer(app.stop);
    const session = await login(app.origin, official.email);
    apps[size] = { app, session };
  }

  const period = lastTwelveMonths();
  const q = new URLSearchParams(period).toString();
  const reports = {
    summary: `/api/v1/uptake/summary?${q}`,
    'timeseries (gmv by channel, month)': `/api/v1/uptake/timeseries?${q}&metric=gmv&interval=month&by=channel`,
    'timeseries (orders by former district, week)': `/api/v1/uptake/timeseries?${q}&metric=orders&interval=week&by=former_district`,
    localities: `/api/v1/uptake/localities?${q}`,
    // The rest of what the department dashboard's overview asks for, and the Ministry report.
    funnel: `/api/v1/uptake/funnel?${q}`,
    channels: `/api/v1/uptake/channels?${q}`,
    'sync-health': `/api/v1/uptake/sync-health?${q}`,
    'moit-report': `/api/v1/uptake/moit-report?year=${period.to.slice(0, 4)}&until=${period.to}`,
  };
  // The first report after the orders arrived re-aggregates every marked day (the rollup's first build).
  const firstCall = {};
  for (const size of ['small', 'large']) {
    const { app, session } = apps[size];
    const first = await timed(() => api(app.origin, 'GET', reports.summary, { auth: session.auth }));
    if (first.value.status !== 200) throw new Error(`summary: ${first.value.status} ${JSON.stringify(first.value.body)}`);
    firstCall[size] = round(first.ms, 0);
    say(
      `${size}: first summary (rollup built from ${size === 'small' ? SMALL : LARGE} orders) in ${firstCall[size]} ms; ${first.value.body.orders.count} orders in the period`,
    );
  }

  const times = Object.fromEntries(Object.keys(reports).map((k) => [k, { small: [], large: [] }]));
  for (let i = 0; i < CALLS + 2; i++) {
    for (const [name, url] of Object.entries(reports)) {
      for (const size of i % 2 === 0 ? ['small', 'large'] : ['large', 'small']) {
        const { app, session } = apps[size];
        const call = await timed(() => api(app.origin, 'GET', url, { auth: session.auth }));
        if (call.value.status !== 200) throw new Error(`${name} (${size}): ${call.value.status}`);
        if (i >= 2) times[name][size].push(call.ms); // two warm-up calls
      }
    }
  }

  // Reference: the same totals straight from the orders table (no rollup), in bare pg.
  const range = [new Date(`${period.from}T00:00:00+07:00`), new Date(Date.parse(`${period.to}T00:00:00+07:00`) + 86_400_000)];
  const baselines = {
    'orders and gmv by channel, from orders': `SELECT channel, count(*), sum(items_total) FROM orders WHERE created_at >= $1 AND created_at < $2 AND status NOT IN ('pending_payment','cancelled','refunded') GROUP BY channel`,
    'gmv by former district and month, from orders': `SELECT l.former_district_code, date_trunc('month', o.created_at AT TIME ZONE 'Asia/Ho_Chi_Minh'), sum(o.items_total) FROM orders o JOIN cooperative_localities l ON l.cooperative_id = o.cooperative_id
        WHERE o.created_at >= $1 AND o.created_at < $2 AND o.status NOT IN ('pending_payment','cancelled','refunded') GROUP BY 1, 2`,
  };
  const baselineTimes = {};
  for (const [name, sql] of Object.entries(baselines)) {
    baselineTimes[name] = { small: [], large: [] };
    for (let i = 0; i < 5; i++) {
      for (const [size, pool] of [
        ['small', small],
        ['large', large],
      ])
        baselineTimes[name][size].push((await timed(() => pool.query(sql, range))).ms);
    }
  }

  const figures = {};
  for (const [name, { small: s, large: l }] of Object.entries(times)) {
    figures[name] = {
      p50SmallMs: round(median(s), 1),
      p50LargeMs: round(median(l), 1),
      p99SmallMs: round(percentile(s, 99), 1),
      p99LargeMs: round(percentile(l, 99), 1),
      ratio: round(median(l) / median(s), 2),
    };
    say(`${name}: ${figures[name].p50SmallMs} ms at ${SMALL}, ${figures[name].p50LargeMs} ms at ${LARGE} → ×${figures[name].ratio}`);
  }
  const reference = Object.fromEntries(
    Object.entries(baselineTimes).map(([name, { small: s, large: l }]) => [
      name,
      { p50SmallMs: round(median(s), 1), p50LargeMs: round(median(l), 1), ratio: round(median(l) / median(s), 2) },
    ]),
  );
  const worst = Math.max(...Object.values(figures).map((f) => f.ratio));
  await writeResult('uptake', {
    environment: await environment(small),
    sizes: { smallOrders: SMALL, largeOrders: LARGE, cooperatives: coops.length, months: 24, callsPerReport: CALLS, period },
    firstSummaryAfterSeedMs: firstCall,
    reports: figures,
    worstRatio: worst,
    referenceFromOrders: reference,
    targets: { 'time(1M)/time(100k) ≤ 2 for every report': { value: worst, met: worst <= 2 } },
  });
});
