import { Role } from '@nongsan/core';
import fc from 'fast-check';
import sharp from 'sharp';
import { LazadaFake } from '../fakes/lazada.fake.js';
import { ShopeeFake } from '../fakes/shopee.fake.js';
import { createTestApp, signIn, type Session, type TestApp } from '../harness/app.js';
import { approvedCooperative, editVariant, job, listedProduct, QUICK_SYNC_ENV, webhookUrl } from '../harness/channel-fixtures.js';
import { eventually } from '../harness/eventually.js';
import { report } from './support/report.js';

const SEED = 4242;
const ROUNDS = 10;
/** Stock of each variant at the start of a round: less than the round asks for, so sales compete. */
const STOCK = 12;
const SKUS = ['MIX-A', 'MIX-B', 'MIX-C'] as const;
const address = { fullName: 'Lê Văn Tám', phone: '0905 123 456', addressLine: '9 Trần Phú', wardCode: '21583' };

/** One round's demand: web checkouts (several lines each) and platform orders, all sent at once. */
const roundPlan = fc.record({
  web: fc.array(
    fc.record({
      buyer: fc.nat({ max: 4 }),
      lines: fc.uniqueArray(fc.record({ sku: fc.constantFrom(...SKUS), quantity: fc.integer({ min: 1, max: 3 }) }), {
        minLength: 1,
        maxLength: 3,
        selector: (l) => l.sku,
      }),
    }),
    { minLength: 10, maxLength: 14 },
  ),
  shopee: fc.array(fc.record({ sku: fc.constantFrom(...SKUS), quantity: fc.integer({ min: 1, max: 3 }) }), { minLength: 3, maxLength: 5 }),
  lazada: fc.array(fc.record({ sku: fc.constantFrom(...SKUS), quantity: fc.integer({ min: 1, max: 3 }) }), { minLength: 3, maxLength: 5 }),
  /** Web checkouts the buyer cancels right away, giving their stock back mid-round. */
  cancelFirst: fc.nat({ max: 2 }),
});

/**
 * The one stock of a cooperative sold on the web and on two marketplaces at the same moment: in
 * each of 10 rounds (fixed seed) a dozen checkouts and the platforms' orders for the same three
 * variants arrive together, more than there is. Nothing is ever sold twice: stock never goes below
 * zero, and after each round it is exactly the round's starting stock minus what the orders that
 * stand (web and marketplace, cancellations given back) hold. Every platform order is accounted
 * for, and every platform is told the stock that is left.
 */
describe('stock under mixed load: web checkouts and channel imports for the same variants', () => {
  let t: TestApp;
  let shopee: ShopeeFake;
  let lazada: LazadaFake;
  let owner: Session;
  let buyers: Session[];
  let shop: { shopId: number };
  let seller: { sellerId: number; accessToken: string; refreshToken: string };
  let shopeeConnection: string;
  let lazadaConnection: string;
  const products = new Map<string, { productId: string; variantId: string }>();
  const figures: { seed: number; rounds: unknown[] } = { seed: SEED, rounds: [] };

  const stockOf = async () =>
    new Map<string, number>(
      (await t.db.query(`SELECT sku, stock FROM variants WHERE sku = ANY($1)`, [[...SKUS]])).map((r: { sku: string; stock: number }) => [r.sku, r.stock]),
    );
  const shopeeStock = (sku: string) => shopee.items(shop.shopId).find((i) => i.sku === sku && i.status !== 'SELLER_DELETE')?.stock;
  const lazadaStock = (sku: string) =>
    lazada
      .items(seller.sellerId)
      .flatMap((i) => i.skus)
      .find((s) => s.sellerSku === sku)?.quantity;
  const pendingImports = async () =>
    (await t.db.query(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'channel.orders.import' AND state IN ('created', 'retry', 'active')`))[0]
      .n as number;

  beforeAll(async () => {
    shopee = await ShopeeFake.start();
    lazada = await LazadaFake.start();
    t = await createTestApp({ env: { ...QUICK_SYNC_ENV, CHANNEL_SHOPEE_BASE_URL: shopee.baseUrl, CHANNEL_LAZADA_BASE_URL: lazada.baseUrl } });
    await t.app.listen(0, '127.0.0.1');
    const official = await signIn(t, Role.Official);
    owner = await signIn(t);
    buyers = await Promise.all(Array.from({ length: 5 }, () => signIn(t)));
    const coopId = await approvedCooperative(t, owner, official);
    const picture = await sharp({ create: { width: 400, height: 400, channels: 3, background: { r: 240, g: 200, b: 80 } } })
      .png()
      .toBuffer();
    for (const sku of SKUS) {
      const made = await listedProduct(t, coopId, owner, picture, {
        name: `Tinh dầu sả chanh Phù Cát loại ${sku} chai 100 ml`,
        categoryId: 'fish-sauce',
        variants: [{ sku, name: 'Chai 100 ml', price: 85000, weightGrams: 200, stock: STOCK }],
      });
      products.set(sku, { productId: made.id, variantId: made.variantIds[0] });
    }
    const partner = shopee.addPartner();
    const shopeeShop = shopee.addShop({ name: 'HTX Phù Cát', partnerId: partner.partnerId });
    shop = shopeeShop;
    seller = lazada.addSeller({ name: 'HTX Phù Cát trên Lazada' });
    const connect = async (body: Record<string, unknown>) => {
      const { body: made } = await t.http().post(`/api/v1/cooperatives/${coopId}/channels`).set(owner.auth).send(body).expect(201);
      const done = await eventually(
        () => job(t, owner, made.syncJobId),
        (j) => j.status === 'completed',
        120_000,
      );
      expect(done).toMatchObject({ done: SKUS.length, failed: 0 });
      return made.id as string;
    };
    shopeeConnection = await connect({
      platform: 'shopee',
      credentials: {
        partnerId: String(partner.partnerId),
        partnerKey: partner.partnerKey,
        shopId: String(shopeeShop.shopId),
        accessToken: shopeeShop.accessToken,
        refreshToken: shopeeShop.refreshToken,
      },
      settings: { logisticIds: [50018] },
    });
    lazadaConnection = await connect({
      platform: 'lazada',
      credentials: { appKey: lazada.appKey, appSecret: lazada.appSecret, accessToken: seller.accessToken, refreshToken: seller.refreshToken },
    });
  }, 240_000);

  afterAll(async () => {
    report('stock-mixed-load', figures);
    await t?.close();
    await shopee?.close();
    await lazada?.close();
  });

  it(`never oversells over ${ROUNDS} rounds, and ends each round at starting stock minus the orders that stand`, async () => {
    const plans = fc.sample(roundPlan, { seed: SEED, numRuns: ROUNDS });
    let keys = 0;
    for (const [round, plan] of plans.entries()) {
      // Restock, and wait until both platforms were told: they sell from what we last said.
      for (const sku of SKUS) await editVariant(t, owner, products.get(sku)!.productId, { stock: STOCK });
      await eventually(
        () => SKUS.every((sku) => shopeeStock(sku) === STOCK && lazadaStock(sku) === STOCK),
        (ok) => ok,
        60_000,
        100,
      );
      const [{ started }] = await t.db.query(`SELECT clock_timestamp() AS started`);

      // The platforms take their orders from their own copy of the stock, as buyers there do…
      const platformOrders: Array<{ platform: 'shopee' | 'lazada'; externalId: string }> = [];
      for (const line of plan.shopee) {
        if ((shopeeStock(line.sku) ?? 0) >= line.quantity)
          platformOrders.push({ platform: 'shopee', externalId: shopee.createOrder(shop.shopId, { lines: [{ sku: line.sku, quantity: line.quantity }] }) });
      }
      for (const line of plan.lazada) {
        if ((lazadaStock(line.sku) ?? 0) >= line.quantity)
          platformOrders.push({
            platform: 'lazada',
            externalId: lazada.createOrder(seller.sellerId, { lines: [{ sellerSku: line.sku, quantity: line.quantity }], status: 'pending' }),
          });
      }
      // …and their pushes arrive while web buyers check out the same variants.
      const pushes = platformOrders.map((o) =>
        o.platform === 'shopee'
          ? shopee.push(webhookUrl(t, shopeeConnection), shop.shopId, o.externalId)
          : lazada.push(webhookUrl(t, lazadaConnection), o.externalId),
      );
      const checkouts = plan.web.map((c) =>
        t
          .http()
          .post('/api/v1/checkouts')
          .set(buyers[c.buyer].auth)
          .set('Idempotency-Key', `mix-${process.pid}-${round}-${++keys}`)
          .send({
            items: c.lines.map((l) => ({ variantId: products.get(l.sku)!.variantId, quantity: l.quantity })),
            shippingAddress: address,
            paymentMethod: 'cod',
          })
          .then((res) => res),
      );
      const [pushAnswers, web] = await Promise.all([Promise.all(pushes), Promise.all(checkouts)]);
      expect(pushAnswers.every((s) => s === 200)).toBe(true);
      // A few buyers change their minds at once: their stock goes back mid-round.
      const placed = web.filter((r) => r.status === 201);
      await Promise.all(
        placed
          .slice(0, plan.cancelFirst)
          .map((r) =>
            t
              .http()
              .post(`/api/v1/orders/${r.body.orders[0].id}/cancel`)
              .set(buyers[plan.web[web.indexOf(r)].buyer].auth)
              .send({ reason: 'Đổi ý' })
              .expect(200),
          ),
      );

      // Every web checkout either took all its lines or none, with the short item named.
      for (const res of web) {
        expect([201, 409]).toContain(res.status);
        if (res.status === 409) {
          expect(res.body.error.code).toBe('STOCK_INSUFFICIENT');
          expect(res.body.error.details[0].field).toMatch(/^items\[\d\]\.quantity$/);
        }
      }
      // Every platform order is accounted for: imported with its stock, or held for the seller as short.
      const externalIds = platformOrders.map((o) => o.externalId);
      const channelOrders = await eventually(
        async () =>
          (await t.db.query(`SELECT external_id, status, problem FROM channel_orders WHERE external_id = ANY($1)`, [externalIds])) as Array<{
            external_id: string;
            status: string;
            problem: string | null;
          }>,
        (rows) => rows.length === externalIds.length,
        60_000,
        100,
      );
      await eventually(pendingImports, (n) => n === 0, 60_000, 100);
      expect(channelOrders).toHaveLength(externalIds.length);
      for (const row of channelOrders) {
        expect(['imported', 'needs_attention']).toContain(row.status);
        if (row.status === 'needs_attention') expect(row.problem).toMatch(/^Không đủ hàng/);
      }

      // The invariant: per variant, stock = starting stock − what the standing orders of this round hold.
      const held = new Map<string, number>(
        (
          await t.db.query(
            `SELECT l.sku, sum(l.quantity)::int AS n FROM order_lines l JOIN orders o ON o.id = l.order_id
              WHERE o.created_at >= $1 AND o.status <> 'cancelled' AND l.sku = ANY($2) GROUP BY l.sku`,
            [started, [...SKUS]],
          )
        ).map((r: { sku: string; n: number }) => [r.sku, r.n]),
      );
      const stock = await stockOf();
      for (const sku of SKUS) {
        expect([round, sku, stock.get(sku)! >= 0]).toEqual([round, sku, true]);
        expect([round, sku, stock.get(sku)]).toEqual([round, sku, STOCK - (held.get(sku) ?? 0)]);
      }
      // And both platforms are told what is left.
      await eventually(
        () => SKUS.every((sku) => shopeeStock(sku) === stock.get(sku) && lazadaStock(sku) === stock.get(sku)),
        (ok) => ok,
        60_000,
        100,
      );
      for (const sku of SKUS) expect([round, sku, shopeeStock(sku), lazadaStock(sku)]).toEqual([round, sku, stock.get(sku), stock.get(sku)]);

      figures.rounds.push({
        round,
        webCheckouts: web.length,
        webPlaced: placed.length,
        webRefused: web.filter((r) => r.status === 409).length,
        cancelled: Math.min(plan.cancelFirst, placed.length),
        platformOrders: externalIds.length,
        platformImported: channelOrders.filter((r) => r.status === 'imported').length,
        platformShort: channelOrders.filter((r) => r.status === 'needs_attention').length,
        unitsAsked: plan.web.flatMap((c) => c.lines).reduce((n, l) => n + l.quantity, 0) + [...plan.shopee, ...plan.lazada].reduce((n, l) => n + l.quantity, 0),
        stockLeft: Object.fromEntries(stock),
      });
    }
  }, 600_000);
});
