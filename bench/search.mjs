// search: GET /api/v1/catalog/products over 100 000 active products, a query mix at 50
// connections (autocannon), against a bare node:http + pg server running the same SQL
// (bench/ceilings/search-server.mjs) in the same run. Rounds alternate app and ceiling; the
// figures are medians over the rounds, and the ratio is taken round by round.
import { spawn } from 'node:child_process';
import { isDeepStrictEqual } from 'node:util';
import path from 'node:path';
import autocannon from 'autocannon';
import { findFreePort } from '../dist/libs/core/src/index.js';
import {
  ROOT, ROUNDS, SCALE, appEnv, createUsers, environment, median, round, runBenchmark, sampleRss, say, scaled, sleep, startApp, startDatabase, writeResult,
} from './lib/common.mjs';
import { cooperatives, products, seedCooperatives, seedProducts } from './lib/generate.mjs';
import { queryMix } from './lib/search-mix.mjs';

const PRODUCTS = scaled(Number(process.env.PRODUCTS ?? 100_000));
const COOPS = scaled(400, 58);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 50);
const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const POOL = 10;

async function startCeiling(databaseUrl) {
  const port = await findFreePort();
  const child = spawn(process.execPath, [path.join(ROOT, 'bench/ceilings/search-server.mjs')], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), DATABASE_POOL_SIZE: String(POOL), S3_PUBLIC_URL: appEnv('', '').S3_PUBLIC_URL },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const origin = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (await fetch(`${origin}/api/v1/catalog/products?limit=1`).then((r) => r.ok, () => false)) break;
    if (i > 200) throw new Error('the search ceiling did not start');
    await sleep(50);
  }
  return { origin, pid: child.pid, stop: async () => (child.kill('SIGTERM'), await exited) };
}

async function load(origin, requests, seconds) {
  const result = await autocannon({ url: origin, connections: CONNECTIONS, duration: seconds, requests: requests.map((r) => ({ method: 'GET', path: r })) });
  return {
    requestsPerSecond: round(result.requests.average, 1),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    total: result.requests.total,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

await runBenchmark(async (defer) => {
  say(`search: ${PRODUCTS} active products of ${COOPS} cooperatives, ${CONNECTIONS} connections, ${ROUNDS} rounds of ${DURATION_S} s (scale ${SCALE})`);
  const database = await startDatabase('search');
  defer(database.stop);
  const { db } = database;
  const [creator] = await createUsers(db, [{ email: 'admin@bench.nongsan.test', roles: ['admin'] }]);
  const coops = await seedCooperatives(db, cooperatives(COOPS), creator.id);
  const seedStart = Date.now();
  const list = products(PRODUCTS, coops);
  const { variants } = await seedProducts(db, list);
  await db.query('VACUUM ANALYZE');
  const seededMs = Date.now() - seedStart;
  say(`seeded ${list.length} products, ${variants.length} variants in ${Math.round(seededMs / 1000)} s`);

  const app = await startApp({ env: appEnv(database.url, path.join(database.dir, 'app'), { DATABASE_POOL_SIZE: String(POOL) }), logFile: path.join(database.dir, 'app.log') });
  defer(app.stop);
  const ceiling = await startCeiling(database.url);
  defer(ceiling.stop);

  // Second pages start from the first page's cursor, as a client would.
  const mix = queryMix();
  for (const entry of mix.filter((m) => m.page2)) {
    const first = await (await fetch(`${app.origin}${entry.path}`)).json();
    if (!first.nextCursor) throw new Error(`${entry.name}: the first page has no next page`);
    entry.path += `${entry.path.includes('?') && !entry.path.endsWith('?') ? '&' : ''}cursor=${first.nextCursor}`;
  }
  // The ceiling must answer exactly what the app answers, or it is not a ceiling of the same work.
  const perQuery = [];
  for (const entry of mix) {
    const [a, c] = await Promise.all([app.origin, ceiling.origin].map(async (origin) => {
      const response = await fetch(`${origin}${entry.path}`);
      return { status: response.status, body: await response.json() };
    }));
    if (a.status !== 200 || !isDeepStrictEqual(a.body, c.body)) {
      throw new Error(`${entry.name}: the ceiling's answer differs from the app's (${a.status}/${c.status}):\n${JSON.stringify(a.body).slice(0, 400)}\n${JSON.stringify(c.body).slice(0, 400)}`);
    }
    perQuery.push({ name: entry.name, path: entry.path, items: a.body.items.length, approximate: a.body.approximate });
  }
  say(`the ceiling answers the same JSON for all ${mix.length} queries`);
  const paths = mix.map((m) => m.path);

  // Single-connection latency per query, app and ceiling: which query costs what, and what the framework adds.
  for (const entry of perQuery) {
    for (const [who, origin] of [['appMedianMs', app.origin], ['ceilingMedianMs', ceiling.origin]]) {
      const times = [];
      for (let i = 0; i < 9; i++) {
        const start = process.hrtime.bigint();
        await (await fetch(`${origin}${entry.path}`)).arrayBuffer();
        times.push(Number(process.hrtime.bigint() - start) / 1e6);
      }
      entry[who] = round(median(times), 1);
    }
  }

  say('warming up both servers');
  await load(app.origin, paths, 3);
  await load(ceiling.origin, paths, 3);

  const rounds = [];
  for (let r = 0; r < ROUNDS; r++) {
    const order = r % 2 === 0 ? ['app', 'ceiling'] : ['ceiling', 'app'];
    const round_ = {};
    for (const who of order) {
      const target = who === 'app' ? app : ceiling;
      const stopSampling = sampleRss(target.pid);
      round_[who] = await load(target.origin, paths, DURATION_S);
      round_[who].rss = stopSampling();
    }
    round_.ratio = round(round_.app.requestsPerSecond / round_.ceiling.requestsPerSecond, 3);
    rounds.push(round_);
    say(`round ${r + 1}: app ${round_.app.requestsPerSecond} req/s (p99 ${round_.app.p99Ms} ms, RSS ≤ ${round_.app.rss.peakMb} MB), ceiling ${round_.ceiling.requestsPerSecond} req/s → ${round_.ratio}`);
  }

  const pick = (who, key) => median(rounds.map((x) => x[who][key]));
  const appRssPeak = Math.max(...rounds.map((x) => x.app.rss.peakMb));
  const ratio = median(rounds.map((x) => x.ratio));
  const errors = rounds.reduce((sum, x) => sum + x.app.errors + x.ceiling.errors, 0);
  await writeResult('search', {
    environment: await environment(db),
    sizes: { products: PRODUCTS, variants: variants.length, cooperatives: COOPS, wards: new Set(coops.map((c) => c.wardCode)).size, connections: CONNECTIONS, durationSeconds: DURATION_S, pool: POOL },
    seededMs,
    app: { requestsPerSecond: pick('app', 'requestsPerSecond'), p50Ms: pick('app', 'p50Ms'), p99Ms: pick('app', 'p99Ms'), rssPeakMb: appRssPeak, rssMedianMb: median(rounds.map((x) => x.app.rss.medianMb)) },
    ceiling: { requestsPerSecond: pick('ceiling', 'requestsPerSecond'), p50Ms: pick('ceiling', 'p50Ms'), p99Ms: pick('ceiling', 'p99Ms'), rssPeakMb: Math.max(...rounds.map((x) => x.ceiling.rss.peakMb)) },
    ratio,
    errors,
    targets: {
      'app/ceiling ≥ 0.5': { value: ratio, met: ratio >= 0.5 },
      'API RSS ≤ 300 MB': { value: appRssPeak, met: appRssPeak <= 300 },
      'no errors': { value: errors, met: errors === 0 },
    },
    queries: perQuery,
    rounds,
  });
});
