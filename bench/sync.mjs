// sync: a cooperative with 10 000 listable variants connects a Shopee shop (the Shopee fake of
// test/fakes, which checks every signature) that allows R calls per second and fails 5 % of calls
// (500, 503, 429 and a held answer that ends in 504). Measured: time until every listing is
// synced, calls made against the fewest that could do it, successful calls per second against R,
// and items created twice on Shopee (must be 0). The app is told the platform's rate
// (CHANNEL_RATE_PER_SECOND = CHANNEL_RATE_BURST = R); everything else is the app's default.
// Runs under tsx (the fake is TypeScript): node --import tsx bench/sync.mjs
import path from 'node:path';
import sharp from 'sharp';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { startEmbeddedS3 } from '../dist/libs/runtime/src/index.js';
import { ShopeeFake } from '../test/fakes/shopee.fake.ts';
import {
  SCALE,
  api,
  appEnv,
  createUsers,
  environment,
  login,
  round,
  runBenchmark,
  say,
  scaled,
  sleep,
  startApp,
  startDatabase,
  writeResult,
  rssMb,
  topStatements,
  resetStatements,
} from './lib/common.mjs';
import { cooperatives, products, seedCooperatives, seedProducts } from './lib/generate.mjs';

const LISTINGS = scaled(Number(process.env.SYNC_LISTINGS ?? 10_000), 10);
const RATE = Number(process.env.SYNC_RATE ?? 50);
const FAULTS = Number(process.env.SYNC_FAULTS ?? 0.05);
const PICTURES = 60;
const TIMEOUT_MS = Number(process.env.SYNC_TIMEOUT_S ?? 900) * 1000;

await runBenchmark(async (defer) => {
  say(`sync: ${LISTINGS} listings to the Shopee fake at ${RATE} calls/s with ${FAULTS * 100} % faults (scale ${SCALE})`);
  const database = await startDatabase('sync');
  defer(database.stop);
  const { db } = database;

  // One approved cooperative whose admin connects the shop; products until there are LISTINGS variants.
  const [owner] = await createUsers(db, [{ email: 'htx.admin@bench.nongsan.test', roles: ['buyer', 'coop_admin'] }]);
  const [coop] = await seedCooperatives(db, cooperatives(1), owner.id);
  await db.query(`INSERT INTO cooperative_members (cooperative_id, user_id, role) VALUES ($1, $2, 'coop_admin')`, [coop.id, owner.id]);
  let list = products(Math.ceil(LISTINGS / 1.2), [coop], { seed: 11 });
  let count = 0;
  list = list.filter((p) => {
    if (count >= LISTINGS) return false;
    p.variants = p.variants.slice(0, LISTINGS - count);
    count += p.variants.length;
    return true;
  });
  while (count < LISTINGS) throw new Error('not enough variants generated');
  // Each product has its picture; the stored files repeat a few drawn pictures (the platform sees one upload per listing either way).
  const key = (p) => `public/products/bench/pic-${p.index % PICTURES}/1024.webp`;
  await seedProducts(db, list, { imageKey: key });
  await db.query('VACUUM ANALYZE');

  const credentials = { accessKeyId: 'nongsan-bench', secretAccessKey: 'bench-only-secret-key' };
  const s3 = await startEmbeddedS3({ directory: path.join(database.dir, 'objects'), port: 0, bucket: 'nongsan', credentials });
  defer(() => s3.close());
  const client = new S3Client({ endpoint: s3.endpoint, region: 'us-east-1', forcePathStyle: true, credentials });
  defer(() => client.destroy());
  for (let i = 0; i < PICTURES; i++) {
    const body = await sharp({ create: { width: 640, height: 480, channels: 3, background: { r: (i * 53) % 256, g: (i * 97) % 256, b: (i * 31) % 256 } } })
      .webp({ quality: 82 })
      .toBuffer();
    await client.send(new PutObjectCommand({ Bucket: 'nongsan', Key: `public/products/bench/pic-${i}/1024.webp`, Body: body, ContentType: 'image/webp' }));
    await client.send(new PutObjectCommand({ Bucket: 'nongsan', Key: `public/products/bench/pic-${i}/320.webp`, Body: body, ContentType: 'image/webp' }));
  }

  const fake = await ShopeeFake.start();
  defer(() => fake.close());
  const shop = fake.addShop({ name: 'HTX Bình Định trên Shopee' });
  fake.setRateLimit({ perSecond: RATE });
  fake.injectFaults({ probability: FAULTS, kinds: ['http500', 'http503', 'rate_limit', 'timeout'], seed: 52, holdMs: 1000 });

  const app = await startApp({
    env: appEnv(database.url, path.join(database.dir, 'app'), {
      S3_ENDPOINT: s3.endpoint,
      S3_BUCKET: 'nongsan',
      S3_ACCESS_KEY_ID: credentials.accessKeyId,
      S3_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      CHANNEL_SHOPEE_BASE_URL: fake.baseUrl,
      CHANNEL_RATE_PER_SECOND: String(RATE),
      CHANNEL_RATE_BURST: String(RATE),
    }),
    logFile: path.join(database.dir, 'app.log'),
  });
  defer(app.stop);
  const session = await login(app.origin, owner.email);
  await resetStatements(db);

  // The seller connects; a fault may refuse the credential check, and the seller tries again.
  const started = Date.now();
  let connected;
  for (let attempt = 0; ; attempt++) {
    connected = await api(app.origin, 'POST', `/api/v1/cooperatives/${coop.id}/channels`, {
      auth: session.auth,
      body: {
        platform: 'shopee',
        credentials: {
          partnerId: String(fake.partnerId),
          partnerKey: fake.partnerKey,
          shopId: String(shop.shopId),
          accessToken: shop.accessToken,
          refreshToken: shop.refreshToken,
        },
        settings: { logisticIds: [50018] },
      },
    });
    if (connected.status === 201) break;
    if (connected.status !== 503 || attempt > 20) throw new Error(`connect: ${connected.status} ${JSON.stringify(connected.body)}`);
    await sleep(1000);
  }
  const connectionId = connected.body.id;
  say(`connected in ${Date.now() - started} ms; syncing`);

  // Converged when every listing is synced (or has failed for good); sampled every half second.
  const timeline = [];
  let last;
  let peakRss = 0;
  // Running counts of the calls the shop refused for its rate and of SKU searches: where the calls beyond the minimum went, over time.
  const seen = { upTo: 0, rateLimited: 0, searches: 0 };
  for (;;) {
    const { rows } = await db.query(`SELECT status, count(*)::int AS n FROM channel_listings WHERE connection_id = $1 GROUP BY status`, [connectionId]);
    const by = Object.fromEntries(rows.map((r) => [r.status, r.n]));
    const at = Date.now() - started;
    peakRss = Math.max(peakRss, rssMb(app.pid));
    for (const call of fake.calls.slice(seen.upTo)) {
      if (!call.fault && call.error === 'error_rate_limit') seen.rateLimited += 1;
      if (call.path.endsWith('/search_item')) seen.searches += 1;
    }
    seen.upTo = fake.calls.length;
    timeline.push({
      ms: at,
      synced: by.synced ?? 0,
      failed: by.failed ?? 0,
      pending: by.pending ?? 0,
      calls: seen.upTo,
      rateLimited: seen.rateLimited,
      searches: seen.searches,
    });
    if (!last || at - last >= 15_000) {
      last = at;
      say(`${Math.round(at / 1000)} s: ${by.synced ?? 0} synced, ${by.pending ?? 0} pending, ${by.failed ?? 0} failed; ${fake.calls.length} calls`);
    }
    if ((by.synced ?? 0) + (by.failed ?? 0) >= LISTINGS) break;
    if (at > TIMEOUT_MS) break;
    await sleep(500);
  }
  const convergedMs = Date.now() - started;
  const statements = await topStatements(db);

  // What the platform saw.
  const calls = fake.calls;
  const ok = calls.filter((c) => c.status === 200 && c.error === '');
  const byPath = {};
  for (const c of calls) {
    const k = c.path.replace('/api/v2/', '');
    byPath[k] ??= { calls: 0, ok: 0, faults: 0, rateLimited: 0 };
    byPath[k].calls += 1;
    if (c.status === 200 && c.error === '') byPath[k].ok += 1;
    if (c.fault) byPath[k].faults += 1;
    if (!c.fault && c.error === 'error_rate_limit') byPath[k].rateLimited += 1;
  }
  const items = fake.items(shop.shopId).filter((i) => !['SELLER_DELETE', 'SHOPEE_DELETE'].includes(i.status));
  const skus = new Map();
  for (const item of items) skus.set(item.sku, (skus.get(item.sku) ?? 0) + 1);
  const duplicates = [...skus.values()].reduce((s, n) => s + Math.max(0, n - 1), 0);
  const {
    rows: [state],
  } = await db.query(
    `SELECT count(*) FILTER (WHERE status = 'synced')::int AS synced, count(*) FILTER (WHERE status = 'failed')::int AS failed,
            count(*) FILTER (WHERE dead_lettered_at IS NOT NULL)::int AS dead, count(DISTINCT product_id)::int AS products
       FROM channel_listings WHERE connection_id = $1`,
    [connectionId],
  );
  // The fewest calls: the credential check, one add_item per listing, one picture upload per product.
  const minimum = 1 + LISTINGS + state.products;
  const seconds = convergedMs / 1000;
  const usefulRate = ok.length / seconds;
  // The steady part: from 10 % to 90 % of the listings synced.
  const at = (share) => timeline.find((t) => t.synced >= share * LISTINGS);
  const [t10, t90] = [at(0.1), at(0.9)];
  const steady = t10 && t90 ? { callsPerSecond: round((t90.calls - t10.calls) / ((t90.ms - t10.ms) / 1000), 1) } : null;
  // The ceiling: a shop that fails a share f of the calls it is sent lets even a perfect client
  // succeed at most R × (1 − f) times a second (f as the fake drew it in this run).
  const faults = calls.filter((c) => c.fault).length;
  const ceilingRate = RATE * (1 - faults / calls.length);
  const ratio = round(usefulRate / ceilingRate, 3);
  const ratioOfR = round(usefulRate / RATE, 3);
  // Calls the platform took (answered, not refused by its rate limit), per second, against R: how much of the budget was used.
  const accepted = calls.filter((c) => c.error !== 'error_rate_limit').length;
  const acceptedRatio = round(accepted / seconds / RATE, 3);
  const lastPercent = timeline.find((t) => t.synced >= 0.99 * LISTINGS);
  const converged = state.synced === LISTINGS;
  say(
    `${converged ? 'converged' : 'NOT converged'} in ${round(seconds, 1)} s: ${calls.length} calls (${ok.length} ok, minimum ${minimum}), useful ${round(usefulRate, 1)}/s = ${ratio} of the ${round(ceilingRate, 1)}/s a shop failing ${round((faults / calls.length) * 100, 1)} % allows (${ratioOfR} of R), ${duplicates} duplicates`,
  );

  await writeResult('sync', {
    environment: await environment(db),
    sizes: {
      listings: LISTINGS,
      products: state.products,
      rate: RATE,
      faults: FAULTS,
      faultKinds: ['http500', 'http503', 'rate_limit', 'timeout (1 s, then 504)'],
    },
    converged,
    convergedSeconds: round(seconds, 1),
    listings: state,
    calls: {
      made: calls.length,
      ok: ok.length,
      minimum,
      madePerMinimum: round(calls.length / minimum, 3),
      faults,
      rateLimited: calls.filter((c) => !c.fault && c.error === 'error_rate_limit').length,
      byPath,
    },
    usefulCallsPerSecond: round(usefulRate, 1),
    callsPerSecond: round(calls.length / seconds, 1),
    ceilingCallsPerSecond: round(ceilingRate, 1),
    ratio,
    ratioOfR,
    acceptedRatio,
    steady: steady ? { ...steady, ratio: round(steady.callsPerSecond / RATE, 3) } : null,
    lastPercentSeconds: lastPercent ? round((convergedMs - lastPercent.ms) / 1000, 1) : null,
    duplicates,
    appRssPeakMb: peakRss,
    targets: {
      'successful calls/s ÷ R × (1 − fault share) ≥ 0.95': { value: ratio, met: ratio >= 0.95 },
      'duplicates = 0': { value: duplicates, met: duplicates === 0 },
      'every listing synced': { value: state.synced, met: converged },
    },
    timeline: timeline.filter((_, i) => i % 4 === 0),
    statements,
  });
});
