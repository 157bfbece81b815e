import fs from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { launchChromium, SCREENSHOTS, startStorefront, type Storefront } from './storefront-server.js';

/** What a buyer reads on the buttons and headings, in each language. */
const TEXT = {
  vi: {
    addToCart: 'Thêm vào giỏ',
    added: 'Đã thêm vào giỏ.',
    cart: 'Giỏ hàng',
    checkout: 'Đặt hàng',
    register: 'Tạo tài khoản',
    placed: 'Đã đặt hàng',
    myOrders: 'Đơn hàng của tôi',
    resultsFor: 'Kết quả cho',
    notFound: 'Không tìm thấy trang',
    vietqr: 'Chuyển khoản VietQR',
    cod: 'Thanh toán khi nhận hàng',
    awaiting: 'Chờ thanh toán',
  },
  en: {
    addToCart: 'Add to cart',
    added: 'Added to your cart.',
    cart: 'Cart',
    checkout: 'Check out',
    register: 'Create account',
    placed: 'Order placed',
    myOrders: 'My orders',
    resultsFor: 'Results for',
    notFound: 'Page not found',
    vietqr: 'VietQR bank transfer',
    cod: 'Cash on delivery',
    awaiting: 'Awaiting payment',
  },
} as const;
type Lang = keyof typeof TEXT;

const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 900 } };
const MOBILE: BrowserContextOptions = { viewport: { width: 360, height: 780 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

describe('storefront in Chromium: search, product, cart, checkout, my orders', () => {
  let store: Storefront;
  let browser: Browser;
  let buyers = 0;
  beforeAll(async () => {
    await fs.mkdir(SCREENSHOTS, { recursive: true });
    store = await startStorefront();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await store?.stop();
  });

  async function open(options: BrowserContextOptions): Promise<Page> {
    const context = await browser.newContext({ ...options, baseURL: store.url, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    // A 4xx the page handles (a refused phone number, a product that is gone) is not a problem of the page.
    page.on('console', (message) => message.type() === 'error' && !/status of 4\d\d/.test(message.text()) && problems.push(message.text()));
    (page as Page & { problems: string[] }).problems = problems;
    return page;
  }

  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });

  /** Runs a scenario; when it fails, the page as it was is saved beside the other screenshots. */
  async function scenario(name: string, options: BrowserContextOptions, steps: (page: Page) => Promise<void>): Promise<void> {
    const page = await open(options);
    try {
      await steps(page);
      expect((page as Page & { problems: string[] }).problems).toEqual([]);
    } catch (error) {
      await shot(page, `failed-${name}`).catch(() => undefined);
      throw new Error(`${(error as Error).message}\nat ${page.url()}; screenshot failed-${name}.png`, { cause: error });
    } finally {
      await page.context().close();
    }
  }

  /** Types into the header search, checks the suggestions, then searches. */
  async function search(page: Page, lang: Lang, typed: string, suggested: RegExp): Promise<void> {
    const box = page.getByRole('combobox');
    await box.fill(typed);
    await page.getByRole('listbox').getByRole('option', { name: suggested }).first().waitFor();
    await box.press('Enter');
    await page.getByRole('heading', { level: 1, name: new RegExp(`${TEXT[lang].resultsFor} “${typed}”`) }).waitFor();
    await page.locator('.product-card').first().waitFor();
  }

  async function addFirstResult(page: Page, lang: Lang, name: RegExp): Promise<string> {
    await page
      .locator('.product-card')
      .filter({ has: page.getByRole('heading', { name }) })
      .first()
      .getByRole('link')
      .first()
      .click();
    const heading = page.getByRole('heading', { level: 1 });
    await heading.filter({ hasText: name }).waitFor();
    await page.getByRole('button', { name: TEXT[lang].addToCart }).click();
    await page.getByRole('status').filter({ hasText: TEXT[lang].added }).waitFor();
    return (await heading.textContent())!.trim();
  }

  async function registerOnTheWay(page: Page, lang: Lang): Promise<void> {
    await page.waitForURL(/\/login\?next=/);
    await page.getByRole('link', { name: TEXT[lang].register }).click();
    buyers += 1;
    await page.getByLabel(lang === 'vi' ? 'Họ và tên' : 'Full name').fill('Trần Thị Mai');
    await page.getByLabel('Email').fill(`mai.${lang}.${buyers}.${Date.now()}@example.vn`);
    await page.getByLabel(lang === 'vi' ? 'Số điện thoại (không bắt buộc)' : 'Phone number (optional)').fill('0905 123 456');
    await page.getByLabel(lang === 'vi' ? 'Mật khẩu' : 'Password').fill('mat-khau-du-dai');
    await page.getByRole('button', { name: TEXT[lang].register }).click();
    await page.waitForURL(/\/checkout$/);
  }

  async function fillAddress(page: Page, lang: Lang): Promise<void> {
    await page.getByLabel(lang === 'vi' ? 'Số nhà, đường, thôn' : 'House number, street, hamlet').fill('12 Trần Hưng Đạo');
    await page.getByPlaceholder(lang === 'vi' ? 'Gõ tên xã, phường để lọc…' : 'Type a name to filter…').fill('quy nhon');
    const ward = page.locator('#ward');
    await ward.locator('option', { hasText: 'Quy Nhơn' }).first().waitFor({ state: 'attached' });
    await ward.selectOption({ index: 1 });
  }

  async function orderCards(page: Page, lang: Lang): Promise<number> {
    await page.getByRole('link', { name: TEXT[lang].myOrders }).first().click();
    await page.getByRole('heading', { level: 1, name: TEXT[lang].myOrders }).waitFor();
    await page.locator('.order-card').first().waitFor();
    return page.locator('.order-card').count();
  }

  for (const lang of ['vi', 'en'] as const) {
    it(`${lang}: "nuoc mam" → product → two cooperatives in the cart → VietQR checkout → QR and reference → my orders lists two orders`, async () => {
      await scenario(`desktop-${lang}`, DESKTOP, async (page) => {
        await page.goto('/');
        if (lang === 'en') await page.getByRole('button', { name: 'English' }).click();
        await page.getByRole('heading', { level: 1, name: lang === 'vi' ? /mua thẳng từ hợp tác xã/ : /straight from the cooperatives/ }).waitFor();
        await page.locator('.product-card').first().waitFor();
        await shot(page, `desktop-${lang}-home`);

        await search(page, lang, 'nuoc mam', /nước mắm/i);
        await shot(page, `desktop-${lang}-search`);
        const first = await addFirstResult(page, lang, /nước mắm/i);
        await shot(page, `desktop-${lang}-product`);
        await search(page, lang, 'ruou bau da', /rượu bàu đá/i);
        const second = await addFirstResult(page, lang, /rượu bàu đá/i);

        await page
          .getByRole('link', { name: new RegExp(TEXT[lang].cart) })
          .first()
          .click();
        const parcels = page.locator('section.parcel');
        await parcels.nth(1).waitFor();
        expect(await parcels.count()).toBe(2);
        await expect(page.locator('.cart-line').allTextContents()).resolves.toEqual([expect.stringContaining(first), expect.stringContaining(second)]);
        // Shipping is priced per cooperative by the server, in đồng as Vietnamese shops write it.
        const shipping = page.locator('.parcel-shipping strong').first();
        await shipping.filter({ hasText: '₫' }).waitFor();
        expect(await shipping.textContent()).toMatch(/^\d{2}\.000\s₫$/);
        await shot(page, `desktop-${lang}-cart`);

        await page.getByRole('button', { name: TEXT[lang].checkout }).click();
        await registerOnTheWay(page, lang);
        await fillAddress(page, lang);
        await page.getByRole('radio', { name: new RegExp(TEXT[lang].vietqr) }).check();
        await shot(page, `desktop-${lang}-checkout`);
        await page
          .locator('form.checkout-layout')
          .getByRole('button', { name: lang === 'vi' ? 'Đặt hàng' : 'Place order' })
          .click();

        await page.getByRole('heading', { level: 1, name: TEXT[lang].placed }).waitFor();
        const qr = page.getByRole('img', { name: /VietQR/ });
        await qr.waitFor();
        expect(await qr.evaluate((img) => (img as unknown as { complete: boolean; naturalWidth: number }).naturalWidth > 100)).toBe(true);
        await expect(page.getByTestId('qr-reference').textContent()).resolves.toMatch(/^NS[0-9A-Z]{8}$/);
        await expect(page.getByTestId('qr-amount').textContent()).resolves.toMatch(/^\d{1,3}(\.\d{3})+\s₫$/);
        await shot(page, `desktop-${lang}-order`);

        expect(await orderCards(page, lang)).toBe(2);
        await expect(page.locator('.order-card .status').allTextContents()).resolves.toEqual([TEXT[lang].awaiting, TEXT[lang].awaiting]);
        await shot(page, `desktop-${lang}-my-orders`);

        // The cart was emptied by the order, and the language choice survives a reload.
        await page.reload();
        await page.getByRole('heading', { level: 1, name: TEXT[lang].myOrders }).waitFor();
        expect(await page.locator('.cart-count').count()).toBe(0);
      });
    });
  }

  it('mobile 360×780: search, cart and a cash-on-delivery checkout fit the screen', async () => {
    await scenario('mobile-vi', MOBILE, async (page) => {
      // The page must not scroll sideways on a 360 px phone.
      const fits = () => page.evaluate('document.documentElement.scrollWidth <= window.innerWidth');
      await page.goto('/');
      await page.locator('.product-card').first().waitFor();
      expect(await fits()).toBe(true);
      await shot(page, 'mobile-vi-home');

      await search(page, 'vi', 'nuoc mam', /nước mắm/i);
      expect(await fits()).toBe(true);
      await shot(page, 'mobile-vi-search');
      await addFirstResult(page, 'vi', /nước mắm/i);
      expect(await fits()).toBe(true);
      await shot(page, 'mobile-vi-product');

      await page
        .getByRole('link', { name: /Giỏ hàng/ })
        .first()
        .click();
      await page.locator('.parcel-shipping strong').filter({ hasText: '₫' }).waitFor();
      expect(await fits()).toBe(true);
      await shot(page, 'mobile-vi-cart');

      await page.getByRole('button', { name: 'Đặt hàng' }).click();
      await registerOnTheWay(page, 'vi');
      await fillAddress(page, 'vi');
      await page.getByRole('radio', { name: new RegExp(TEXT.vi.cod) }).check();
      expect(await fits()).toBe(true);
      await shot(page, 'mobile-vi-checkout');
      await page.locator('form.checkout-layout').getByRole('button', { name: 'Đặt hàng' }).click();
      await page.getByRole('heading', { level: 1, name: TEXT.vi.placed }).waitFor();
      await page.getByText(/Bạn trả .* khi nhận hàng/).waitFor();
      await shot(page, 'mobile-vi-order');
      expect(await orderCards(page, 'vi')).toBe(1);
    });
  });

  it('tells the buyer when the stock ran out between the cart and "place order", and nothing is ordered', async () => {
    await scenario('stock-gone', DESKTOP, async (page) => {
      await page.goto('/');
      await search(page, 'vi', 'ruou bau da', /rượu bàu đá/i);
      const name = await addFirstResult(page, 'vi', /rượu bàu đá cù lâm/i);
      await page
        .getByRole('link', { name: /Giỏ hàng/ })
        .first()
        .click();
      await page.getByRole('button', { name: 'Đặt hàng' }).click();
      await registerOnTheWay(page, 'vi');
      await fillAddress(page, 'vi');

      // Meanwhile the cooperative sells the last bottles at its shop and sets the stock to 0.
      await sellOut(name);
      await page.locator('form.checkout-layout').getByRole('button', { name: 'Đặt hàng' }).click();
      const alert = page.locator('.error-state[role="alert"]');
      await alert.waitFor();
      expect(await alert.textContent()).toContain(`“${name}” đã hết hàng.`);
      await alert.getByRole('link', { name: 'Quay lại giỏ hàng' }).click();
      await page.locator('.cart-line .field-error').filter({ hasText: name }).waitFor();
      expect(await page.getByRole('button', { name: 'Đặt hàng' }).isDisabled()).toBe(true);
      await shot(page, 'desktop-vi-stock-gone');
    });
  });

  /** What the cooperative's admin does in its own tools: every variant of the product to 0 in stock. */
  async function sellOut(productName: string): Promise<void> {
    const call = async (method: string, url: string, token?: string, body?: unknown) => {
      const response = await fetch(`${store.url}/api/v1${url}`, {
        method,
        headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      return (await response.json()) as any;
    };
    const found = await call('GET', `/catalog/products?q=${encodeURIComponent(productName)}&limit=1`);
    const { accessToken } = await call('POST', '/auth/login', undefined, { email: 'htx.bauda@demo.nongsan.vn', password: 'nongsan-demo' });
    const product = await call('GET', `/products/${found.items[0].id}`, accessToken);
    const variants = product.variants.map((v: { id: string; sku: string; name: string; price: number; weightGrams: number }) => ({
      id: v.id,
      sku: v.sku,
      name: v.name,
      price: v.price,
      weightGrams: v.weightGrams,
      stock: 0,
    }));
    await call('PATCH', `/products/${product.id}`, accessToken, { variants });
  }

  it('shows a 404 page for an unknown product and a field message for a bad phone number', async () => {
    await scenario('errors', DESKTOP, async (page) => {
      await page.goto('/products/khong-co-san-pham-nay');
      await page.getByRole('heading', { level: 1, name: TEXT.vi.notFound }).waitFor();
      await page.goto('/register');
      await page.getByLabel('Họ và tên').fill('Lê Văn Bình');
      await page.getByLabel('Email').fill('binh@example.vn');
      await page.getByLabel('Số điện thoại (không bắt buộc)').fill('12345');
      await page.getByLabel('Mật khẩu').fill('mat-khau-du-dai');
      await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
      const phone = page.getByLabel('Số điện thoại (không bắt buộc)');
      await page.locator('#field-phone-error').waitFor();
      expect(await phone.getAttribute('aria-invalid')).toBe('true');
    });
  });
});
