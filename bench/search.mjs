// search: GET /api/v1/catalog/products over 100 000 active products, a storefront query mix handed
// out round-robin across the connections (every entry sent in its share, counted per entry), against
// two ceilings in the same run:
// - the framework ceiling (bench/ceilings/search-server.mjs): a bare node:http + pg server sending
//   the app's very SQL — what the app costs above its own queries;
// - the plain-SQL ceiling (bench/ceilings/plain-search-server.mjs): the simplest good SQL on the same
//   data (each word required on a trigram-indexed accent-free name, 20 rows) — how the app's search
//   compares to a plain query, not only to itself.
// Rounds at 50 connections rotate the three servers; the figures are medians over the rounds and
// the ratios are taken round by round. Then each request type's latency at 4 connections, and the
// same again after the catalog grows to 1 000 000 products (SEARCH_GROW_TO, 0 to skip).
import { spawn } from 'node:child_process';
import { isDeepStrictEqual } from 'node:util';
import path from 'node:path';
import autocannon from 'autocannon';
import { findFreePort } from '../dist/libs/runtime/src/index.js';
import {
  ROOT,
  ROUNDS,
  SCALE,
  appEnv,
  createUsers,
  environment,
  median,
  percentile,
  round,
  runBenchmark,
  sampleRss,
  say,
  scaled,
  sleep,
  startApp,
  startDatabase,
  writeResult,
} from './lib/common.mjs';
import { cooperatives, products, seedCooperatives, seedProducts } from './lib/generate.mjs';
import { queryMix, roundRobin } from './lib/search-mix.mjs';

const PRODUCTS = scaled(Number(process.env.PRODUCTS ?? 100_000));
const GROW_TO = scaled(Number(process.env.SEARCH_GROW_TO ?? 1_000_000));
const COOPS = scaled(400, 58);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 50);
const FEW_CONNECTIONS = 4;
const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const POOL = 10;
const SEED_BATCH = 100_000;
/**
 * The throughput target is "6 × today's", read as a ratio to the plain-SQL ceiling in the same run
 * so that it holds on any machine: before the search was reworked (commit 3dda088, 2026-12-07) the
 * app answered 0.085 of the plain query's req/s at 100 000 products and 50 connections (26.7 vs
 * 313.8 req/s, three rounds 0.085–0.089).
 */
const BASELINE_PLAIN_RATIO = 0.085;
const PLAIN_RATIO_TARGET = round(6 * BASELINE_PLAIN_RATIO, 2);

async function startServer(script, databaseUrl) {
  const port = await findFreePort();
  const child = spawn(process.execPath, [path.join(ROOT, script)], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), DATABASE_POOL_SIZE: String(POOL), S3_PUBLIC_URL: appEnv('', '').S3_PUBLIC_URL },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const origin = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (
      await fetch(`${origin}/api/v1/catalog/products?limit=1`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (i > 200) throw new Error(`${script} did not start`);
    await sleep(50);
  }
  return { origin, pid: child.pid, stop: async () => (child.kill('SIGTERM'), await exited) };
}

/** `seconds` of the mix, round-robin, at `connections`: totals and, per request type, what was sent and how fast it came back. */
async function load(origin, mix, seconds, connections = CONNECTIONS) {
  const { requests, stats } = roundRobin(mix);
  const result = await autocannon({ url: origin, connections, duration: seconds, requests });
  return {
    requestsPerSecond: round(result.requests.average, 1),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    total: result.requests.total,
    errors: result.errors + result.timeouts + result.non2xx,
    perType: stats.map((s) => ({
      name: s.name,
      sent: s.sent,
      answered: s.answered,
      non200: s.non200,
      p50Ms: round(percentile(s.latenciesMs, 50), 1),
      p99Ms: round(percentile(s.latenciesMs, 99), 1),
    })),
  };
}

/** The mix with its second pages starting from the app's first page's cursor, as a client would. */
async function mixFor(origin) {
  const mix = queryMix();
  for (const entry of mix.filter((m) => m.page2)) {
    const first = await (await fetch(`${origin}${entry.path}`)).json();
    if (!first.nextCursor) throw new Error(`${entry.name}: the first page has no next page`);
    entry.path += `${entry.path.includes('?') && !entry.path.endsWith('?') ? '&' : ''}cursor=${first.nextCursor}`;
  }
  return mix;
}

/** Per request type at a few connections: the app and the plain query side by side. */
async function fewConnections(servers, mix) {
  const app = await load(servers.app.origin, mix, DURATION_S, FEW_CONNECTIONS);
  const plain = await load(servers.plain.origin, mix, DURATION_S, FEW_CONNECTIONS);
  return {
    app: { requestsPerSecond: app.requestsPerSecond, p50Ms: app.p50Ms, p99Ms: app.p99Ms },
    plain: { requestsPerSecond: plain.requestsPerSecond, p50Ms: plain.p50Ms, p99Ms: plain.p99Ms },
    perType: app.perType.map((t, i) => ({ ...t, plainP50Ms: plain.perType[i].p50Ms })),
    worstP50: app.perType.reduce((worst, t) => (t.p50Ms > worst.p50Ms ? t : worst)),
  };
}

await runBenchmark(async (defer) => {
  say(
    `search: ${PRODUCTS} active products of ${COOPS} cooperatives, ${CONNECTIONS} connections, ${ROUNDS} rounds of ${DURATION_S} s (scale ${SCALE}); then ${FEW_CONNECTIONS} connections, at ${PRODUCTS} and ${GROW_TO} products`,
  );
  const database = await startDatabase('search');
  defer(database.stop);
  const { db } = database;
  const [creator] = await createUsers(db, [{ email: 'admin@bench.nongsan.test', roles: ['admin'] }]);
  const coops = await seedCooperatives(db, cooperatives(COOPS), creator.id);
  const seedStart = Date.now();
  let variantCount = 0;
  const seed = async (from, to) => {
    for (let start = from; start < to; start += SEED_BATCH) {
      const { variants } = await seedProducts(db, products(Math.min(SEED_BATCH, to - start), coops, { seed: 7 + start, from: start }));
      variantCount += variants.length;
    }
  };
  await seed(0, PRODUCTS);
  // The plain ceiling's index: only it reads search_name with LIKE, so the app's plans do not change.
  await db.query(`CREATE INDEX products_plain_name_trgm_idx ON products USING gin (search_name gin_trgm_ops) WHERE status = 'active'`);
  await db.query('VACUUM ANALYZE');
  const seededMs = Date.now() - seedStart;
  say(`seeded ${PRODUCTS} products, ${variantCount} variants in ${Math.round(seededMs / 1000)} s`);

  const app = await startApp({
    env: appEnv(database.url, path.join(database.dir, 'app'), { DATABASE_POOL_SIZE: String(POOL) }),
    logFile: path.join(database.dir, 'app.log'),
  });
  defer(app.stop);
  const ceiling = await startServer('bench/ceilings/search-server.mjs', database.url);
  defer(ceiling.stop);
  const plain = await startServer('bench/ceilings/plain-search-server.mjs', database.url);
  defer(plain.stop);
  const servers = { app, ceiling, plain };

  const mix = await mixFor(app.origin);
  // The framework ceiling must answer exactly what the app answers, or it is not a ceiling of the same work.
  const perQuery = [];
  for (const entry of mix) {
    const [a, c] = await Promise.all(
      [app.origin, ceiling.origin].map(async (origin) => {
        const response = await fetch(`${origin}${entry.path}`);
        return { status: response.status, body: await response.json() };
      }),
    );
    if (a.status !== 200 || !isDeepStrictEqual(a.body, c.body)) {
      throw new Error(
        `${entry.name}: the ceiling's answer differs from the app's (${a.status}/${c.status}):\n${JSON.stringify(a.body).slice(0, 400)}\n${JSON.stringify(c.body).slice(0, 400)}`,
      );
    }
    perQuery.push({ name: entry.name, path: entry.path, items: a.body.items.length, approximate: a.body.approximate });
  }
  say(`the framework ceiling answers the same JSON for all ${mix.length} queries`);

  // Single-connection latency per query: which query costs what, what the framework adds, what the plain query costs.
  for (const entry of perQuery) {
    for (const [who, origin] of [
      ['appMedianMs', app.origin],
      ['ceilingMedianMs', ceiling.origin],
      ['plainMedianMs', plain.origin],
    ]) {
      const times = [];
      for (let i = 0; i < 9; i++) {
        const start = process.hrtime.bigint();
        await (await fetch(`${origin}${entry.path}`)).arrayBuffer();
        times.push(Number(process.hrtime.bigint() - start) / 1e6);
      }
      entry[who] = round(median(times), 1);
    }
  }

  say('warming up the three servers');
  for (const server of Object.values(servers)) await load(server.origin, mix, 3);

  const names = Object.keys(servers);
  const rounds = [];
  for (let r = 0; r < ROUNDS; r++) {
    const order = names.map((_, i) => names[(i + r) % names.length]);
    const round_ = {};
    for (const who of order) {
      const stopSampling = sampleRss(servers[who].pid);
      round_[who] = await load(servers[who].origin, mix, DURATION_S);
      round_[who].rss = stopSampling();
    }
    round_.ratio = round(round_.app.requestsPerSecond / round_.ceiling.requestsPerSecond, 3);
    round_.plainRatio = round(round_.app.requestsPerSecond / round_.plain.requestsPerSecond, 3);
    rounds.push(round_);
    const sent = round_.app.perType.map((t) => t.sent);
    say(
      `round ${r + 1}: app ${round_.app.requestsPerSecond} req/s (p99 ${round_.app.p99Ms} ms, RSS ≤ ${round_.app.rss.peakMb} MB, sent per type ${Math.min(...sent)}–${Math.max(...sent)}), ` +
        `framework ceiling ${round_.ceiling.requestsPerSecond} → ${round_.ratio}, plain SQL ${round_.plain.requestsPerSecond} → ${round_.plainRatio}`,
    );
  }

  say(`${FEW_CONNECTIONS} connections at ${PRODUCTS} products`);
  const few = await fewConnections(servers, mix);
  say(`app p50 per type ≤ ${few.worstP50.p50Ms} ms (${few.worstP50.name})`);

  let grown;
  if (GROW_TO > PRODUCTS) {
    say(`growing the catalog to ${GROW_TO} products`);
    const growStart = Date.now();
    await seed(PRODUCTS, GROW_TO);
    await db.query('VACUUM ANALYZE');
    say(`grown in ${Math.round((Date.now() - growStart) / 1000)} s`);
    const bigMix = await mixFor(app.origin);
    for (const server of [app, plain]) await load(server.origin, bigMix, 3, FEW_CONNECTIONS);
    const big = await fewConnections(servers, bigMix);
    const p50Ratios = big.perType.map((t, i) => ({ name: t.name, ratio: round(t.p50Ms / Math.max(few.perType[i].p50Ms, 0.1), 2) }));
    grown = { products: GROW_TO, ...big, p50Ratios, worstP50Ratio: p50Ratios.reduce((w, t) => (t.ratio > w.ratio ? t : w)) };
    say(
      `at ${GROW_TO}: app p50 per type ≤ ${big.worstP50.p50Ms} ms (${big.worstP50.name}); worst p50 ratio to ${PRODUCTS}: ${grown.worstP50Ratio.ratio} (${grown.worstP50Ratio.name})`,
    );
  }

  const pick = (who, key) => median(rounds.map((x) => x[who][key]));
  const appRssPeak = Math.max(...rounds.map((x) => x.app.rss.peakMb));
  const ratio = median(rounds.map((x) => x.ratio));
  const plainRatio = median(rounds.map((x) => x.plainRatio));
  const errors = rounds.reduce((sum, x) => sum + x.app.errors + x.ceiling.errors + x.plain.errors, 0);
  // Every request type sent in its share: the least-sent type against an even split. (Answers of
  // slow types lag behind by the requests still in flight when a round ends.)
  const shares = rounds.flatMap((x) => x.app.perType.map((t, _, all) => t.sent / (all.reduce((sum, u) => sum + u.sent, 0) / all.length)));
  const evenness = round(Math.min(...shares), 2);
  const summary = (who) => ({
    requestsPerSecond: pick(who, 'requestsPerSecond'),
    p50Ms: pick(who, 'p50Ms'),
    p99Ms: pick(who, 'p99Ms'),
    rssPeakMb: Math.max(...rounds.map((x) => x[who].rss.peakMb)),
  });
  await writeResult('search', {
    environment: await environment(db),
    sizes: {
      products: PRODUCTS,
      grownTo: grown ? GROW_TO : null,
      variants: variantCount,
      cooperatives: COOPS,
      wards: new Set(coops.map((c) => c.wardCode)).size,
      connections: CONNECTIONS,
      fewConnections: FEW_CONNECTIONS,
      durationSeconds: DURATION_S,
      pool: POOL,
    },
    seededMs,
    app: { ...summary('app'), rssMedianMb: median(rounds.map((x) => x.app.rss.medianMb)) },
    ceiling: summary('ceiling'),
    plain: summary('plain'),
    ratio,
    plainRatio,
    errors,
    evenness,
    few,
    grown,
    targets: {
      [`app/plain SQL ≥ ${PLAIN_RATIO_TARGET} at ${CONNECTIONS} connections (6 × the ${BASELINE_PLAIN_RATIO} measured before the search was reworked)`]: {
        value: plainRatio,
        met: plainRatio >= PLAIN_RATIO_TARGET,
      },
      'app p99 < 1 s at 50 connections': { value: pick('app', 'p99Ms'), met: pick('app', 'p99Ms') < 1000 },
      [`p50 ≤ 20 ms for every request type at ${FEW_CONNECTIONS} connections`]: { value: few.worstP50.p50Ms, met: few.worstP50.p50Ms <= 20 },
      ...(grown
        ? {
            [`p50 at ${GROW_TO} ≤ 3 × at ${PRODUCTS} (${FEW_CONNECTIONS} connections, worst type)`]: {
              value: grown.worstP50Ratio.ratio,
              met: grown.worstP50Ratio.ratio <= 3,
            },
          }
        : {}),
      'app/framework ceiling ≥ 0.5': { value: ratio, met: ratio >= 0.5 },
      'API RSS ≤ 300 MB': { value: appRssPeak, met: appRssPeak <= 300 },
      'every request type sent in its share (least ÷ even ≥ 0.9)': { value: evenness, met: evenness >= 0.9 },
      'no errors': { value: errors, met: errors === 0 },
    },
    queries: perQuery,
    rounds: rounds.map((x) =>
      Object.fromEntries(
        Object.entries(x).map(([k, v]) => [
          k,
          typeof v === 'object' ? { ...v, perType: v.perType?.map(({ name, sent, answered, p50Ms, p99Ms }) => ({ name, sent, answered, p50Ms, p99Ms })) } : v,
        ]),
      ),
    ),
  });
});
