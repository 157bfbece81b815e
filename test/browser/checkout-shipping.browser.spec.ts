import fs from 'node:fs/promises';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { startCarrierFakes, type CarrierFakes } from '../harness/carrier-fixtures.js';
import { apiCall, launchChromium, scenario, SCREENSHOTS, shot, startStorefront, type Storefront } from './storefront-server.js';

const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 900 } };
const PHONE: BrowserContextOptions = { viewport: { width: 360, height: 780 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const PASSWORD = 'mat-khau-du-dai';
const DEMO_PASSWORD = 'nongsan-demo';
const TOKENS = { ghn: 'ghn-checkout-browser-0281a26fb5d4', ghtk: 'ghtk-checkout-browser-F310742' };

interface CartLine {
  variantId: string;
  quantity: number;
  productSlug: string;
  productName: string;
  variantName: string;
  price: number;
  imageUrl: string | null;
  cooperativeId: string;
  cooperativeName: string;
}

/**
 * A buyer checks out from two demo cooperatives, one shipping with GHN and one with GHTK while GHTK
 * is down: the checkout shows GHN's fee for the first, the flat fee for the second and the notice
 * saying so. Once the cooperative confirms, the buyer's orders show GHN's tracking number and status.
 */
describe('shipping at checkout and tracking, in Chromium', () => {
  let store: Storefront;
  let browser: Browser;
  let carriers: CarrierFakes;
  const coops: Record<'ghn' | 'ghtk', { token: string; line: CartLine }> = {} as never;
  let n = 0;

  /** A demo cooperative's admin connects the carrier; the cart line is its first product in stock. */
  const connect = async (handle: string, carrier: 'ghn' | 'ghtk', pickupWardCode: string) => {
    const { accessToken } = await apiCall<{ accessToken: string }>(store.url, 'POST', '/auth/login', null, {
      email: `htx.${handle}@demo.nongsan.vn`,
      password: DEMO_PASSWORD,
    });
    const {
      items: [coop],
    } = await apiCall<{ items: Array<{ id: string; name: string }> }>(store.url, 'GET', '/me/cooperatives', accessToken);
    await apiCall(store.url, 'PUT', `/cooperatives/${coop.id}/carriers/${carrier}`, accessToken, {
      token: TOKENS[carrier],
      ...(carrier === 'ghn' ? { shopId: '885' } : {}),
      pickupWardCode,
      pickupAddressLine: 'Thôn 1',
    });
    const products = await apiCall<{ items: Array<{ id: string; status: string }> }>(store.url, 'GET', `/cooperatives/${coop.id}/products`, accessToken);
    for (const item of products.items.filter((p) => p.status === 'active')) {
      const product = await apiCall<{ slug: string; name: string; variants: Array<{ id: string; name: string; price: number; stock: number }> }>(
        store.url,
        'GET',
        `/products/${item.id}`,
        accessToken,
      );
      const variant = product.variants.find((v) => v.stock >= 10);
      if (!variant) continue;
      const line: CartLine = {
        variantId: variant.id,
        quantity: 1,
        productSlug: product.slug,
        productName: product.name,
        variantName: variant.name,
        price: variant.price,
        imageUrl: null,
        cooperativeId: coop.id,
        cooperativeName: coop.name,
      };
      coops[carrier] = { token: accessToken, line };
      return;
    }
    throw new Error(`no product in stock for ${handle}`);
  };

  beforeAll(async () => {
    await fs.mkdir(SCREENSHOTS, { recursive: true });
    carriers = await startCarrierFakes(TOKENS);
    store = await startStorefront(carriers.env);
    browser = await launchChromium();
    await connect('bauda', 'ghn', '21940');
    await connect('nhontan', 'ghtk', '21601');
  });
  afterEach(() => carriers.clearFaults());
  afterAll(async () => {
    await browser?.close();
    await store?.stop();
    await carriers?.close();
  });

  for (const [device, options] of [
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ] as const) {
    it(`prices each cooperative's parcel with its carrier, falls back with a notice, then tracks the parcel (${device})`, async () => {
      const email = `nguoi.mua.ship.${Date.now().toString(36)}${++n}@example.vn`;
      await apiCall(store.url, 'POST', '/auth/register', null, { email, password: PASSWORD, fullName: 'Lê Thị Hoa', phone: '0905 123 456' });
      carriers.ghtk.injectFaults({ probability: 1, kinds: ['http503'] });
      await scenario(browser, store.url, `checkout-shipping-${device}`, options, async (page: Page) => {
        // The cart the buyer filled on the product pages (the storefront spec walks those), kept where the web app keeps it.
        await page.addInitScript(
          `localStorage.getItem('nongsan.cart') === null && localStorage.setItem('nongsan.cart', ${JSON.stringify(JSON.stringify([coops.ghn.line, coops.ghtk.line]))})`,
        );
        await page.goto(`/login?next=${encodeURIComponent('/checkout')}`);
        await page.getByLabel('Email').fill(email);
        await page.getByLabel('Mật khẩu').fill(PASSWORD);
        await page.getByRole('button', { name: 'Đăng nhập' }).click();
        await page.waitForURL(/\/checkout$/);
        await page.getByLabel('Số nhà, đường, thôn').fill('12 Trần Hưng Đạo');
        await page.getByPlaceholder('Gõ tên xã, phường để lọc…').fill('quy nhon');
        const ward = page.locator('#ward');
        await ward.locator('option', { hasText: 'Quy Nhơn' }).first().waitFor({ state: 'attached' });
        await ward.selectOption({ index: 1 });
        await page.getByRole('radio', { name: /Thanh toán khi nhận hàng/ }).check();

        const parcel = (name: string) => page.locator('.summary-parcel').filter({ hasText: name });
        await parcel(coops.ghn.line.cooperativeName).getByText('qua GHN').waitFor();
        await parcel(coops.ghtk.line.cooperativeName).getByText('theo bảng phí cố định').waitFor();
        await page.getByRole('status').filter({ hasText: 'phí giao hàng tạm tính theo bảng phí cố định' }).waitFor();
        expect(await parcel(coops.ghn.line.cooperativeName).locator('strong').nth(1).textContent()).toMatch(/^\d{2}\.\d{3}\s₫$/);
        expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
        await shot(page, `checkout-shipping-${device}-quote`);

        await page.locator('form.checkout-layout').getByRole('button', { name: 'Đặt hàng' }).click();
        await page.getByRole('heading', { level: 1, name: 'Đã đặt hàng' }).waitFor();

        // The GHN cooperative confirms; its carrier books the parcel from the queue.
        const buyerToken = (await apiCall<{ accessToken: string }>(store.url, 'POST', '/auth/login', null, { email, password: PASSWORD })).accessToken;
        const orders = await apiCall<{ items: Array<{ id: string; cooperativeId: string }> }>(store.url, 'GET', '/me/orders', buyerToken);
        const ghnOrder = orders.items.find((o) => o.cooperativeId === coops.ghn.line.cooperativeId)!;
        await apiCall(store.url, 'POST', `/orders/${ghnOrder.id}/confirm`, coops.ghn.token, {});
        let tracking: string | null = null;
        for (let i = 0; i < 150 && !tracking; i++) {
          tracking = (await apiCall<{ trackingNumber: string | null }>(store.url, 'GET', `/orders/${ghnOrder.id}`, buyerToken)).trackingNumber;
          if (!tracking) await new Promise((resolve) => setTimeout(resolve, 200));
        }
        expect(tracking).toMatch(/^GHN/);

        await page.goto('/me/orders');
        const card = page.locator('.order-card').filter({ hasText: coops.ghn.line.cooperativeName });
        await card.getByText(`Vận chuyển: GHN ${tracking} · chờ lấy hàng`).waitFor();
        await card.locator('.status').filter({ hasText: 'Đã xác nhận' }).waitFor();
        // The order emptied the cart.
        expect(await page.locator('.cart-count').count()).toBe(0);
        expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
        await shot(page, `checkout-shipping-${device}-tracking`);
      });
    });
  }
});
