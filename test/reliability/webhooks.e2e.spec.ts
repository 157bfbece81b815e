import { Role } from '@nongsan/core';
import fc from 'fast-check';
import sharp from 'sharp';
import Stripe from 'stripe';
import { LazadaFake } from '../fakes/lazada.fake.js';
import { ShopeeFake } from '../fakes/shopee.fake.js';
import { StripeFake } from '../fakes/stripe.fake.js';
import { TikTokShopFake } from '../fakes/tiktok-shop.fake.js';
import { createTestApp, signIn, type Session, type TestApp } from '../harness/app.js';
import { createProduct } from '../harness/catalog-fixtures.js';
import { approvedCooperative, job, listedProduct, QUICK_SYNC_ENV, webhookUrl } from '../harness/channel-fixtures.js';
import { eventually } from '../harness/eventually.js';
import { report } from './support/report.js';

const SEED = 20261111;
const REPLAYS = 10;
const WEBHOOK_SECRET = 'whsec_reliability_0123456789abcdef';
const signer = new Stripe('sk_test_signer_only');
const address = { fullName: 'Trần Thị Bích', phone: '0905 123 456', addressLine: '45 Lê Lợi', wardCode: '21583' };
const DAY_MS = 24 * 3600 * 1000;

/** The order a fixed seed gives: the same shuffle every run. */
function shuffled<T>(items: T[], seed: number): T[] {
  return fc.sample(fc.shuffledSubarray(items, { minLength: items.length, maxLength: items.length }), { seed, numRuns: 1 })[0];
}

/** A push exactly as the platform sent it: its bytes and its signature, to send again later. */
interface CapturedPush {
  url: string;
  body: string;
  authorization: string;
}

/**
 * Runs `send` (a fake's push) and keeps what it posted, byte for byte: the fakes post with the global
 * fetch, so it is wrapped for the call and only webhook posts are kept.
 */
async function capture(send: () => Promise<number>): Promise<CapturedPush> {
  const real = globalThis.fetch;
  let captured: CapturedPush | undefined;
  globalThis.fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input);
    if (url.includes('/webhook') && init?.method === 'POST') {
      captured = { url, body: String(init.body), authorization: String((init.headers as Record<string, string>).authorization) };
    }
    return real(input, init);
  }) as typeof fetch;
  try {
    expect(await send()).toBe(200);
  } finally {
    globalThis.fetch = real;
  }
  return captured!;
}

const post = (url: string, body: string, authorization?: string) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(authorization !== undefined ? { authorization } : {}) }, body }).then(
    async (r) => ({ status: r.status, text: await r.text() }),
  );

/**
 * Webhooks are delivered at least once, in any order, and anyone can post to the URL. Stripe's
 * events carry their own state and are stored once by id; a platform's push only names an order,
 * which is then fetched from the platform, so the platform's current state is what counts. Either
 * way: every delivery replayed 10 times at once, old ones after new ones, forged and stale ones —
 * exactly one effect each, and the bad ones refused without leaving anything behind.
 */
describe('webhooks: replays, reordering, forgeries, stale deliveries', () => {
  let t: TestApp;
  let stripe: StripeFake;
  let shopee: ShopeeFake;
  let lazada: LazadaFake;
  let tiktok: TikTokShopFake;
  /** Each fake's clock runs this far from ours: a day back sends a push a day late. */
  let clockOffset = 0;
  const fakeNow = () => Date.now() + clockOffset;
  let owner: Session;
  let buyer: Session;
  let coopId: string;
  const figures: Record<string, unknown> = { seed: SEED, replays: REPLAYS };

  beforeAll(async () => {
    stripe = await new StripeFake().start();
    shopee = await ShopeeFake.start({ now: fakeNow });
    lazada = await LazadaFake.start({ now: fakeNow });
    tiktok = await TikTokShopFake.start({ now: fakeNow });
    t = await createTestApp({
      env: {
        ...QUICK_SYNC_ENV,
        STRIPE_SECRET_KEY: stripe.secretKey,
        STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
        STRIPE_API_BASE: stripe.url,
        CHANNEL_SHOPEE_BASE_URL: shopee.baseUrl,
        CHANNEL_LAZADA_BASE_URL: lazada.baseUrl,
        CHANNEL_TIKTOK_SHOP_BASE_URL: tiktok.baseUrl,
      },
    });
    await t.app.listen(0, '127.0.0.1');
    const official = await signIn(t, Role.Official);
    owner = await signIn(t);
    buyer = await signIn(t);
    coopId = await approvedCooperative(t, owner, official);
  }, 120_000);

  afterAll(async () => {
    report('webhooks', figures);
    await t?.close();
    await stripe?.stop();
    await shopee?.close();
    await lazada?.close();
    await tiktok?.close();
  });

  describe('Stripe', () => {
    let keys = 0;
    let variantId: string;
    const deliver = (
      event: Record<string, unknown>,
      options: { secret?: string; timestamp?: number; tamper?: (payload: string) => string; header?: string } = {},
    ) => {
      const payload = JSON.stringify(event);
      const header =
        options.header ??
        signer.webhooks.generateTestHeaderString({
          payload,
          secret: options.secret ?? WEBHOOK_SECRET,
          ...(options.timestamp ? { timestamp: options.timestamp } : {}),
        });
      return t
        .http()
        .post('/api/v1/payments/stripe/webhook')
        .set('Content-Type', 'application/json')
        .set('Stripe-Signature', header)
        .send(options.tamper ? options.tamper(payload) : payload);
    };
    const event = (id: string, type: string, object: Record<string, unknown>) => ({
      id,
      object: 'event',
      type,
      api_version: '2025-01-01',
      created: Math.floor(Date.now() / 1000),
      data: { object },
    });
    const succeeded = (id: string, intent: { id: string; amount: number }) =>
      event(id, 'payment_intent.succeeded', { id: intent.id, object: 'payment_intent', amount: intent.amount, currency: 'vnd', status: 'succeeded' });
    const failed = (id: string, intent: { id: string; amount: number }) =>
      event(id, 'payment_intent.payment_failed', {
        id: intent.id,
        object: 'payment_intent',
        amount: intent.amount,
        currency: 'vnd',
        status: 'requires_payment_method',
      });
    const refunded = (id: string, intent: { id: string; amount: number }) =>
      event(id, 'charge.refunded', {
        id: `ch_${intent.id}`,
        object: 'charge',
        payment_intent: intent.id,
        amount: intent.amount,
        amount_refunded: intent.amount,
      });
    const cardCheckout = async () => {
      const { body } = await t
        .http()
        .post('/api/v1/checkouts')
        .set(buyer.auth)
        .set('Idempotency-Key', `wh-${process.pid}-${++keys}`)
        .send({ items: [{ variantId, quantity: 1 }], shippingAddress: address, paymentMethod: 'card' })
        .expect(201);
      const intent = [...stripe.intents.values()].find((i) => i.metadata.checkoutId === body.id)!;
      return { checkoutId: body.id as string, orderId: body.orders[0].id as string, intent: { id: intent.id, amount: intent.amount } };
    };
    const paymentOf = async (checkoutId: string) => (await t.db.query(`SELECT status, needs_refund FROM payments WHERE checkout_id = $1`, [checkoutId]))[0];
    const transitionsOf = async (orderId: string) =>
      (await t.db.query(`SELECT to_status FROM order_status_changes WHERE order_id = $1 ORDER BY id`, [orderId])).map(
        (r: { to_status: string }) => r.to_status,
      );
    const stored = async (ids: string[]) =>
      (await t.db.query(`SELECT event_id, count(*)::int AS n FROM payment_events WHERE event_id = ANY($1) GROUP BY event_id`, [ids])) as Array<{
        event_id: string;
        n: number;
      }>;

    beforeAll(async () => {
      variantId = (
        await createProduct(t, coopId, owner, {
          overrides: { name: 'Hộp quà Tết', variants: [{ sku: 'WH-CARD', name: 'Hộp', price: 150000, weightGrams: 800, stock: 500 }] },
          publishAs: owner,
        })
      ).variantIds[0];
    });

    it(`applies each event once when it is delivered ${REPLAYS} times at once, in any order`, async () => {
      // Five purchases; for each a success, and for two of them a refund that overtakes the success.
      const purchases = await Promise.all(Array.from({ length: 5 }, () => cardCheckout()));
      const deliveries: Array<Record<string, unknown>> = [];
      purchases.forEach((p, i) => {
        deliveries.push(succeeded(`evt_ok_${p.intent.id}`, p.intent));
        if (i < 2) deliveries.push(refunded(`evt_refund_${p.intent.id}`, p.intent));
        if (i === 4) deliveries.push(failed(`evt_fail_${p.intent.id}`, p.intent));
      });
      // Every event ten times, all shuffled, sent in waves of ten at once.
      const sends = shuffled(
        deliveries.flatMap((e) => Array.from({ length: REPLAYS }, () => e)),
        SEED,
      );
      const answers: Array<{ status: number; duplicate: boolean }> = [];
      for (let i = 0; i < sends.length; i += 10) {
        for (const res of await Promise.all(sends.slice(i, i + 10).map((e) => deliver(e)))) answers.push({ status: res.status, duplicate: res.body.duplicate });
      }
      expect(answers.every((a) => a.status === 200)).toBe(true);
      expect(answers.filter((a) => !a.duplicate)).toHaveLength(deliveries.length);
      expect((await stored(deliveries.map((e) => e.id as string))).map((r) => r.n)).toEqual(deliveries.map(() => 1));

      for (const [i, p] of purchases.entries()) {
        // Paid exactly once, whatever came first.
        expect(await transitionsOf(p.orderId)).toEqual(['pending_payment', 'paid']);
        // A refund holds even when the success came after it; a failure after a success changes nothing.
        expect((await paymentOf(p.checkoutId)).status).toBe(i < 2 ? 'refunded' : 'succeeded');
      }
      figures.stripe = { events: deliveries.length, deliveries: sends.length, applied: answers.filter((a) => !a.duplicate).length };
    });

    it('refuses forged, tampered, unsigned and stale deliveries, and stores none of them', async () => {
      const p = await cardCheckout();
      const good = succeeded(`evt_bad_${p.intent.id}`, p.intent);
      const now = Math.floor(Date.now() / 1000);
      const bad: Record<string, Promise<{ status: number; body: { error?: { code: string; details: Array<{ field: string }> } } }>> = {
        'another secret': deliver(good, { secret: 'whsec_someone_else_entirely' }),
        'body changed after signing': deliver(good, { tamper: (s) => s.replace('"succeeded"', '"succeeded" ') }),
        'amount changed after signing': deliver(good, { tamper: (s) => s.replace(String(p.intent.amount), '1') }),
        'no signature': t.http().post('/api/v1/payments/stripe/webhook').set('Content-Type', 'application/json').send(JSON.stringify(good)),
        'a v0 signature only': deliver(good, { header: `t=${now},v0=${'a'.repeat(64)}` }),
        'signature of another timestamp': deliver(good, {
          header: signer.webhooks
            .generateTestHeaderString({ payload: JSON.stringify(good), secret: WEBHOOK_SECRET, timestamp: now - 60 })
            .replace(/t=\d+/, `t=${now}`),
        }),
        'stale: signed 10 minutes ago': deliver(good, { timestamp: now - 600 }),
        'stale: signed a day ago': deliver(good, { timestamp: now - 86_400 }),
      };
      for (const [name, pending] of Object.entries(bad)) {
        const res = await pending;
        expect([name, res.status, res.body.error?.code, res.body.error?.details?.[0]?.field]).toEqual([name, 400, 'VALIDATION_FAILED', 'Stripe-Signature']);
      }
      expect(await stored([good.id as string])).toEqual([]);
      expect(await paymentOf(p.checkoutId)).toEqual({ status: 'pending', needs_refund: false });
      expect(await transitionsOf(p.orderId)).toEqual(['pending_payment']);
      // The genuine delivery still works: the refusals were about the forgeries.
      expect((await deliver(good).expect(200)).body).toEqual({ received: true, duplicate: false });
      expect(await transitionsOf(p.orderId)).toEqual(['pending_payment', 'paid']);
      figures.stripeRefused = Object.keys(bad).length;
    });
  });

  describe('platform pushes', () => {
    let picture: Buffer;
    let variantId: string;
    const STOCK = 200;
    const stock = async () => (await t.db.query(`SELECT stock FROM variants WHERE id = $1`, [variantId]))[0].stock as number;
    const channelOrders = async (connectionId: string, externalId: string) =>
      (await t.db.query(`SELECT status, order_id FROM channel_orders WHERE connection_id = $1 AND external_id = $2`, [connectionId, externalId])) as Array<{
        status: string;
        order_id: string | null;
      }>;
    const ordersFor = async (externalId: string) =>
      (await t.db.query(`SELECT id, status FROM orders WHERE external_reference = $1`, [externalId])) as Array<{ id: string; status: string }>;
    const importJobs = async (connectionId: string) =>
      (await t.db.query(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'channel.orders.import' AND data->>'connectionId' = $1`, [connectionId]))[0]
        .n as number;
    /** Settled: no import of this connection still waiting or running. */
    const settled = (connectionId: string) =>
      eventually(
        async () =>
          (
            await t.db.query(
              `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'channel.orders.import' AND data->>'connectionId' = $1 AND state IN ('created', 'retry', 'active')`,
              [connectionId],
            )
          )[0].n as number,
        (n) => n === 0,
        60_000,
        200,
      );

    beforeAll(async () => {
      picture = await sharp({ create: { width: 400, height: 400, channels: 3, background: { r: 20, g: 120, b: 200 } } })
        .png()
        .toBuffer();
      const product = await listedProduct(t, coopId, owner, picture, {
        name: 'Nước mắm cá cơm Gò Bồi Bình Định chai 500 ml',
        categoryId: 'fish-sauce',
        variants: [{ sku: 'WH-NM', name: 'Chai 500 ml', price: 90000, weightGrams: 700, stock: STOCK }],
      });
      variantId = product.variantIds[0];
    });

    /** One platform's scenario; each platform differs only in how its fake is driven. */
    interface Platform {
      connect(): Promise<string>;
      order(quantity: number): string;
      cancel(externalId: string): void;
      push(connectionId: string, externalId: string): Promise<number>;
      /** The push of an order, signed with another shop's key of the same platform. */
      pushAsOtherShop(connectionId: string): Promise<number>;
    }

    const connect = async (platform: string, credentials: Record<string, string>, settings: Record<string, unknown> = {}) => {
      const { body } = await t.http().post(`/api/v1/cooperatives/${coopId}/channels`).set(owner.auth).send({ platform, credentials, settings }).expect(201);
      const synced = await eventually(
        () => job(t, owner, body.syncJobId),
        (j) => j.status === 'completed',
        120_000,
      );
      // The card test's gift box has no picture and cannot be listed; the fish sauce must be.
      expect([platform, synced.errors.filter((e: { field: string }) => e.field === 'WH-NM')]).toEqual([platform, []]);
      return body.id as string;
    };

    const platforms: Record<string, () => Platform> = {
      shopee: () => {
        const partner = shopee.addPartner();
        const shop = shopee.addShop({ name: 'HTX trên Shopee', partnerId: partner.partnerId });
        const stranger = shopee.addShop({ name: 'Shop khác', partnerId: shopee.addPartner().partnerId });
        return {
          connect: () =>
            connect(
              'shopee',
              {
                partnerId: String(partner.partnerId),
                partnerKey: partner.partnerKey,
                shopId: String(shop.shopId),
                accessToken: shop.accessToken,
                refreshToken: shop.refreshToken,
              },
              { logisticIds: [50018] },
            ),
          order: (quantity) => shopee.createOrder(shop.shopId, { lines: [{ sku: 'WH-NM', quantity }] }),
          cancel: (id) => shopee.setOrderStatus(id, 'CANCELLED'),
          push: (connectionId, id) => shopee.push(webhookUrl(t, connectionId), shop.shopId, id),
          pushAsOtherShop: (connectionId) =>
            shopee.pushEvent(webhookUrl(t, connectionId), stranger.shopId, 3, { ordersn: 'SOMEONE-ELSES', status: 'READY_TO_SHIP' }),
        };
      },
      lazada: () => {
        const seller = lazada.addSeller({ name: 'HTX trên Lazada' });
        const stranger = lazada.addSeller({ name: 'Người bán khác', appKey: lazada.addApp().appKey });
        return {
          connect: () =>
            connect('lazada', { appKey: lazada.appKey, appSecret: lazada.appSecret, accessToken: seller.accessToken, refreshToken: seller.refreshToken }),
          order: (quantity) => lazada.createOrder(seller.sellerId, { lines: [{ sellerSku: 'WH-NM', quantity }], status: 'pending' }),
          cancel: (id) => lazada.setOrderStatus(id, 'canceled'),
          push: (connectionId, id) => lazada.push(webhookUrl(t, connectionId), id),
          pushAsOtherShop: (connectionId) =>
            lazada.pushMessage(webhookUrl(t, connectionId), stranger.sellerId, 0, { trade_order_id: '999', order_status: 'pending' }),
        };
      },
      'tiktok-shop': () => {
        const shop = tiktok.addShop({ name: 'HTX trên TikTok' });
        const stranger = tiktok.addShop({ name: 'Shop khác', appKey: tiktok.addApp().appKey });
        return {
          connect: () =>
            connect(
              'tiktok-shop',
              {
                appKey: tiktok.appKey,
                appSecret: tiktok.appSecret,
                accessToken: shop.accessToken,
                refreshToken: shop.refreshToken,
                shopCipher: shop.shopCipher,
              },
              { warehouseId: shop.warehouseId },
            ),
          order: (quantity) => tiktok.createOrder(shop.shopId, { lines: [{ sellerSku: 'WH-NM', quantity }] }),
          cancel: (id) => tiktok.setOrderStatus(id, 'CANCELLED'),
          push: (connectionId, id) => tiktok.push(webhookUrl(t, connectionId), id),
          pushAsOtherShop: (connectionId) =>
            tiktok.pushEvent(webhookUrl(t, connectionId), stranger.shopId, 1, { order_id: '999', order_status: 'AWAITING_SHIPMENT' }),
        };
      },
    };

    it.each(Object.keys(platforms))(
      '%s: a push replayed 10 times at once, an old one after a new one, forged and stale ones: one effect each',
      async (name) => {
        const platform = platforms[name]();
        const connectionId = await platform.connect();
        try {
          const startStock = await stock();

          // A paid order, its push delivered ten times at once: one order here, its 2 units taken once.
          const paid = platform.order(2);
          const answers = await Promise.all(Array.from({ length: REPLAYS }, () => platform.push(connectionId, paid)));
          expect(answers).toEqual(Array.from({ length: REPLAYS }, () => 200));
          await eventually(
            () => channelOrders(connectionId, paid),
            (rows) => rows[0]?.status === 'imported',
            60_000,
          );
          await settled(connectionId);
          expect(await channelOrders(connectionId, paid)).toEqual([{ status: 'imported', order_id: expect.any(String) }]);
          expect(await ordersFor(paid)).toEqual([{ id: expect.any(String), status: 'paid' }]);
          expect(await stock()).toBe(startStock - 2);

          // Reordered: the buyer cancels on the platform; the cancellation's push arrives, then the old
          // "paid" push (captured when it was sent) arrives late. The platform's state wins.
          const later = platform.order(1);
          const oldPush = await capture(() => platform.push(connectionId, later));
          await eventually(
            () => channelOrders(connectionId, later),
            (rows) => rows[0]?.status === 'imported',
            60_000,
          );
          expect(await stock()).toBe(startStock - 3);
          platform.cancel(later);
          expect(await platform.push(connectionId, later)).toBe(200);
          await eventually(
            () => channelOrders(connectionId, later),
            (rows) => rows[0]?.status === 'cancelled',
            60_000,
          );
          for (let i = 0; i < REPLAYS; i++) expect((await post(oldPush.url, oldPush.body, oldPush.authorization)).status).toBe(200);
          await settled(connectionId);
          expect(await channelOrders(connectionId, later)).toEqual([{ status: 'cancelled', order_id: expect.any(String) }]);
          expect((await ordersFor(later)).map((o) => o.status)).toEqual(['cancelled']);
          expect(await stock()).toBe(startStock - 2);

          // Stale: a correctly signed push a day late only names an order; fetched again, it changes nothing.
          clockOffset = -DAY_MS;
          try {
            expect(await platform.push(connectionId, paid)).toBe(200);
          } finally {
            clockOffset = 0;
          }
          await settled(connectionId);
          expect(await ordersFor(paid)).toEqual([{ id: expect.any(String), status: 'paid' }]);
          expect(await stock()).toBe(startStock - 2);

          // Forged: refused (401 in the error shape), and nothing queued or stored for them.
          const jobsBefore = await importJobs(connectionId);
          const forged: Record<string, { status: number; text: string }> = {
            'no signature': await post(oldPush.url, oldPush.body),
            'signature of other bytes': await post(oldPush.url, oldPush.body.replace(later, '1234567'), oldPush.authorization),
            'a made-up signature': await post(oldPush.url, oldPush.body, 'f'.repeat(64)),
            'signed with another shop’s key': { status: await platform.pushAsOtherShop(connectionId), text: '' },
          };
          for (const [kind, res] of Object.entries(forged)) expect([kind, res.status]).toEqual([kind, 401]);
          expect(JSON.parse(forged['no signature'].text).error.code).toBe('WEBHOOK_SIGNATURE_INVALID');
          expect(await importJobs(connectionId)).toBe(jobsBefore);
          expect(await channelOrders(connectionId, '1234567')).toEqual([]);
          expect(await channelOrders(connectionId, '999')).toEqual([]);
          expect(await channelOrders(connectionId, 'SOMEONE-ELSES')).toEqual([]);
          figures.platforms ??= {};
          (figures.platforms as Record<string, unknown>)[name] = { pushes: REPLAYS * 2 + 3, forgedRefused: Object.keys(forged).length };
        } finally {
          // Disconnect, so the next platform's orders do not meet this one's polls.
          await t.http().delete(`/api/v1/channels/${connectionId}`).set(owner.auth).expect(200);
        }
      },
    );
  });
});
