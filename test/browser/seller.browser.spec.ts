import fs from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContextOptions, Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { LazadaFake } from '../fakes/lazada.fake.js';
import { ShopeeFake } from '../fakes/shopee.fake.js';
import { TikTokShopFake } from '../fakes/tiktok-shop.fake.js';
import { eventually } from '../harness/eventually.js';
import { apiCall, launchChromium, scenario as runScenario, SCREENSHOTS, startStorefront, type Storefront, upload } from './storefront-server.js';

const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 900 } };
const PHONE: BrowserContextOptions = { viewport: { width: 360, height: 780 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const PASSWORD = 'mat-khau-du-dai';
/** The demo logins `npm start` prints (apps/api/src/main.ts, demo seed). */
const DEMO = { official: 'sct@demo.nongsan.vn', bauda: 'htx.bauda@demo.nongsan.vn', buyer: 'nguoimua@demo.nongsan.vn', password: 'nongsan-demo' };
/** Quick retries and a generous rate against a well-behaved fake (as test/harness/channel-fixtures.ts). */
const QUICK_SYNC_ENV = {
  CHANNEL_RATE_PER_SECOND: '200',
  CHANNEL_RATE_BURST: '200',
  CHANNEL_RETRY_BASE_MS: '50',
  CHANNEL_RETRY_MAX_MS: '400',
  CHANNEL_REQUEST_TIMEOUT_MS: '2000',
};
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/** A tax code with a correct check digit (the rule of libs/seller/src/tax-code.ts), new on every run. */
function newTaxCode(): string {
  const weights = [31, 29, 23, 19, 17, 13, 7, 5, 3];
  for (;;) {
    const digits = [0, 4, ...Array.from({ length: 7 }, () => Math.floor(Math.random() * 10))];
    const r = digits.reduce((sum, d, i) => sum + d * weights[i], 0) % 11;
    if (r !== 0) return `${digits.join('')}${r === 10 ? 0 : 10 - r}`;
  }
}

/** Off by one in the last digit: the same code with a wrong check digit. */
const wrongCheckDigit = (code: string) => `${code.slice(0, 9)}${(Number(code[9]) + 1) % 10}`;

describe('seller portal in Chromium', () => {
  let store: Storefront;
  let browser: Browser;
  let shopee: ShopeeFake;
  let lazada: LazadaFake;
  let tiktok: TikTokShopFake;
  let picture: Buffer;
  let n = 0;
  const unique = () => `${Date.now().toString(36)}${++n}`;

  beforeAll(async () => {
    await fs.mkdir(SCREENSHOTS, { recursive: true });
    picture = await sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 180, g: 120, b: 40 } } })
      .jpeg()
      .toBuffer();
    [shopee, lazada, tiktok] = await Promise.all([ShopeeFake.start(), LazadaFake.start(), TikTokShopFake.start()]);
    // The operator registered its app with each marketplace: sellers may connect in one click, or with codes.
    store = await startStorefront({
      CHANNEL_SHOPEE_BASE_URL: shopee.baseUrl,
      SHOPEE_PARTNER_ID: String(shopee.partnerId),
      SHOPEE_PARTNER_KEY: shopee.partnerKey,
      CHANNEL_LAZADA_BASE_URL: lazada.baseUrl,
      CHANNEL_LAZADA_AUTH_URL: lazada.baseUrl,
      LAZADA_APP_KEY: lazada.appKey,
      LAZADA_APP_SECRET: lazada.appSecret,
      CHANNEL_TIKTOK_SHOP_BASE_URL: tiktok.baseUrl,
      CHANNEL_TIKTOK_SHOP_AUTH_URL: tiktok.baseUrl,
      TIKTOK_SHOP_APP_KEY: tiktok.appKey,
      TIKTOK_SHOP_APP_SECRET: tiktok.appSecret,
      TIKTOK_SHOP_SERVICE_ID: tiktok.serviceId,
      ...QUICK_SYNC_ENV,
    });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await store?.stop();
    await Promise.all([shopee?.close(), lazada?.close(), tiktok?.close()]);
  });

  // ---- the API, for what the test sets up around the screens (an official's decision, a buyer's order) ----

  const call = <T>(method: string, url: string, token: string | null, body?: unknown) => apiCall<T>(store.url, method, url, token, body);
  const login = async (email: string, password = DEMO.password) =>
    (await call<{ accessToken: string }>('POST', '/auth/login', null, { email, password })).accessToken;

  interface Seller {
    email: string;
    name: string;
    token: string;
    coopId: string;
    product: { id: string; slug: string; name: string; sku: string; variantId: string };
  }

  /** A registered person with an approved cooperative and one published product with a photo, made through the API. */
  async function approvedSeller(label: string, stock: number): Promise<Seller> {
    const id = unique();
    const email = `htx.${label}.${id}@example.vn`;
    const name = `Chủ nhiệm ${label}`;
    const { accessToken: token } = await call<{ accessToken: string }>('POST', '/auth/register', null, { email, password: PASSWORD, fullName: name });
    const ward = (await call<{ items: Array<{ code: string }> }>('GET', '/catalog/wards', null)).items[0].code;
    const coop = await call<{ id: string }>('POST', '/cooperatives', token, {
      name: `Hợp tác xã ${label} ${id}`,
      taxCode: newTaxCode(),
      representative: name,
      phone: '0256 3822 123',
      email,
      wardCode: ward,
      addressLine: 'Thôn Trung Lương',
      description: 'Nước mắm nhĩ cá cơm ủ chượp truyền thống.',
    });
    await call('POST', `/cooperatives/${coop.id}/documents`, token, upload(PDF, 'dang-ky.pdf', 'application/pdf', { kind: 'business_registration' }));
    await call('POST', `/cooperatives/${coop.id}/submit`, token);
    await call('POST', `/admin/cooperatives/${coop.id}/approve`, await login(DEMO.official));
    const sku = `NM-${label.toUpperCase()}-${id}`;
    const product = await call<{ id: string; slug: string; name: string; variants: Array<{ id: string }> }>(
      'POST',
      `/cooperatives/${coop.id}/products`,
      token,
      {
        name: `Nước mắm ${label} ${id}`,
        description: 'Nước mắm cá cơm 40 độ đạm, ủ 12 tháng trong thùng gỗ.',
        categoryId: 'fish-sauce',
        originWardCode: ward,
        unit: 'chai 500 ml',
        variants: [{ sku, name: 'Chai 500 ml', price: 85000, weightGrams: 900, stock }],
      },
    );
    await call('POST', `/products/${product.id}/images`, token, upload(picture, 'nuoc-mam.jpg', 'image/jpeg'));
    await call('POST', `/products/${product.id}/publish`, token);
    return { email, name, token, coopId: coop.id, product: { id: product.id, slug: product.slug, name: product.name, sku, variantId: product.variants[0].id } };
  }

  /** A cash-on-delivery order by the demo buyer. */
  async function codOrder(variantId: string, quantity: number): Promise<string> {
    const ward = (await call<{ items: Array<{ code: string }> }>('GET', '/catalog/wards', null)).items[0].code;
    const checkout = await call<{ orders: Array<{ id: string }> }>('POST', '/checkouts', await login(DEMO.buyer), {
      items: [{ variantId, quantity }],
      shippingAddress: { fullName: 'Trần Thị Mai', phone: '0905 123 456', addressLine: '12 Trần Hưng Đạo', wardCode: ward },
      paymentMethod: 'cod',
    });
    return checkout.orders[0].id;
  }

  // ---- the browser ----

  type Watched = Page & { phone: boolean; prefix: string };

  /** Saves the screen; on a phone, the page must not scroll sideways. */
  async function screen(page: Watched, name: string): Promise<void> {
    await page.screenshot({ path: path.join(SCREENSHOTS, `seller-${page.prefix}-${name}.png`), fullPage: true });
    if (page.phone) expect({ screen: name, width: await page.evaluate('document.documentElement.scrollWidth') }).toEqual({ screen: name, width: 360 });
  }

  const scenario = (name: string, options: BrowserContextOptions, prefix: string, steps: (page: Watched) => Promise<void>) =>
    runScenario(browser, store.url, `seller-${name}`, options, (page) => steps(Object.assign(page, { phone: options === PHONE, prefix })));

  async function signIn(page: Page, email: string, password: string, next: string): Promise<void> {
    await page.goto(`/login?next=${encodeURIComponent(next)}`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Mật khẩu').fill(password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL((url) => url.pathname === next);
  }

  /** The order pulled from a platform arrives in the background: read the list again until it is there. */
  async function reloadUntil(page: Page, wanted: Locator, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await wanted.count())) {
      if (Date.now() > deadline) throw new Error(`not there after ${timeoutMs} ms`);
      await page.reload();
      await page.locator('form.order-filters').waitFor();
      await wanted.waitFor({ timeout: 2000 }).catch(() => undefined);
    }
  }

  const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name }).waitFor();
  const nav = (page: Page, name: string | RegExp) => page.getByRole('navigation', { name: 'Mục của kênh người bán' }).getByRole('link', { name }).click();

  it('1. a new user registers, creates a cooperative through the wizard, is approved, and sells a product with a photo on the storefront (phone)', async () => {
    await scenario('wizard', PHONE, 'phone', async (page) => {
      await page.goto('/seller');
      await page.waitForURL(/\/login\?next=%2Fseller$/);
      await page.getByRole('link', { name: 'Tạo tài khoản' }).click();
      await page.getByLabel('Họ và tên').fill('Lê Thị Hoa');
      await page.getByLabel('Email').fill(`hoa.${unique()}@example.vn`);
      await page.getByLabel('Mật khẩu').fill(PASSWORD);
      await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
      await page.waitForURL(/\/seller$/);
      await heading(page, 'Bạn chưa có hợp tác xã nào');
      await screen(page, 'no-cooperative');

      await page.getByRole('link', { name: 'Đăng ký hợp tác xã của bạn' }).click();
      await heading(page, 'Đăng ký hợp tác xã');
      const taxCode = newTaxCode();
      await page.getByLabel('Mã số thuế').fill(wrongCheckDigit(taxCode));
      await page.getByText('Chữ số cuối không khớp').waitFor();
      await page.getByLabel('Mã số thuế').fill(taxCode);
      await page.getByText('✓ Mã số thuế hợp lệ').waitFor();
      await page.getByLabel('Tên hợp tác xã').fill(`Hợp tác xã Nước mắm Tam Quan ${unique()}`);
      await page.getByLabel('Người đại diện theo pháp luật').fill('Lê Thị Hoa');
      await page.getByLabel('Số điện thoại').fill('0256 3822 123');
      await page.getByLabel('Gõ tên xã, phường').fill('tam quan');
      const ward = page.getByLabel('Xã, phường (từ 1/7/2025)');
      await ward
        .locator('option', { hasText: /trước thuộc/ })
        .first()
        .waitFor({ state: 'attached' });
      await ward.selectOption({ index: 1 });
      await page.getByLabel('Số nhà, đường, thôn').fill('Thôn Trung Lương');
      await page.getByLabel('Hợp tác xã trồng, làm ra sản phẩm gì?').fill('Nước mắm nhĩ cá cơm ủ chượp truyền thống ở Tam Quan.');
      await screen(page, 'wizard-profile');
      await page.getByRole('button', { name: 'Tạo hợp tác xã và tiếp tục' }).click();

      await page.waitForURL(/step=documents/);
      await page.getByRole('heading', { level: 2, name: 'Giấy tờ' }).waitFor();
      await page.getByLabel('Chọn tệp PDF hoặc ảnh').setInputFiles({ name: 'giay-chung-nhan-dang-ky.pdf', mimeType: 'application/pdf', buffer: PDF });
      await page.getByText('giay-chung-nhan-dang-ky.pdf').waitFor();
      await screen(page, 'wizard-documents');
      await page.getByRole('button', { name: 'Tiếp tục' }).click();

      await page.waitForURL(/step=submit/);
      await screen(page, 'wizard-submit');
      await page.getByRole('button', { name: 'Gửi hồ sơ cho Sở duyệt' }).click();
      await page.waitForURL(/step=status/);
      await page.getByText('Đang chờ Sở Công Thương duyệt').first().waitFor();
      await page.locator('.timeline li').filter({ hasText: 'Chờ Sở duyệt' }).waitFor();
      await screen(page, 'wizard-waiting');

      // The Department's official approves it (the dashboard is another helper's work: through the API).
      const coopId = await page.evaluate("localStorage.getItem('nongsan.seller.cooperative')");
      await call('POST', `/admin/cooperatives/${coopId}/approve`, await login(DEMO.official));
      await page.reload();
      await page.getByText('Đã được duyệt — hợp tác xã có thể bán').waitFor();
      await page.locator('.timeline li').filter({ hasText: 'Đã duyệt' }).waitFor();
      await screen(page, 'wizard-approved');

      await page.getByRole('link', { name: 'Thêm sản phẩm' }).click();
      await heading(page, 'Sản phẩm mới');
      const name = `Nước mắm cá cơm Tam Quan ${unique()}`;
      await page.getByLabel('Tên sản phẩm').fill(name);
      await page.getByLabel('Danh mục').selectOption('fish-sauce');
      await page.getByLabel('Mô tả').fill('Nước mắm nhĩ 40 độ đạm, ủ chượp 12 tháng trong thùng gỗ bời lời.');
      await page.getByLabel('Đơn vị bán').fill('chai 500 ml');
      const variant = page.getByRole('group', { name: 'Loại 1' });
      await variant.getByLabel('Tên loại').fill('Chai 500 ml');
      await variant.getByLabel('Mã SKU').fill(`TQ-${unique()}`);
      await variant.getByLabel('Giá (đồng)').fill('85000');
      await variant.getByLabel('Cân nặng (gam)').fill('900');
      await variant.getByLabel('Tồn kho').fill('30');
      await page.getByLabel('tháng 5').check();
      await page.getByLabel('tháng 6').check();
      await screen(page, 'product-new');
      await page.getByRole('button', { name: 'Tạo sản phẩm' }).click();
      await page.waitForURL(/\/seller\/products\/[0-9a-f-]{36}$/);
      await heading(page, name);

      await page.getByLabel('Thêm ảnh').setInputFiles({ name: 'nuoc-mam.jpg', mimeType: 'image/jpeg', buffer: picture });
      const photo = page.getByRole('img', { name: 'Ảnh 1' });
      await photo.waitFor();
      await eventually(
        () => photo.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
        (w) => w > 0,
        20_000,
      );
      await page.getByRole('button', { name: 'Đăng bán' }).click();
      await page.getByText('Sản phẩm đang bán trên chợ.').waitFor();
      await screen(page, 'product-published');

      await page.getByRole('link', { name: 'Xem trên chợ' }).click();
      await heading(page, name);
      await page.getByRole('button', { name: 'Thêm vào giỏ' }).waitFor();
      await screen(page, 'storefront-product');
    });
  });

  it('2. imports a spreadsheet with one bad row: the bar moves, the table names the row and column, the fixed file goes through (phone)', async () => {
    const seller = await approvedSeller('nhap', 20);
    const template = Buffer.from(await (await fetch(`${store.url}/api/v1/catalog/import-template.xlsx`)).arrayBuffer());
    const workbook = async (price: number | string) => {
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(template as unknown as ArrayBuffer);
      const sheet = book.worksheets[0];
      const headers = (sheet.getRow(1).values as unknown[]).map(String);
      const column = (header: string) => headers.indexOf(header);
      // The template's own example (rows 2 and 3) stays; row 4 is one more product, with its price as given.
      const row = sheet.getRow(4);
      const cells: Record<string, string | number> = {
        'Mã sản phẩm': 'SP-BANH-TRANG',
        'Tên sản phẩm': 'Bánh tráng nước dừa Tam Quan',
        'Danh mục': 'rice-paper',
        'Mã phường/xã xuất xứ': String(sheet.getRow(2).getCell(column('Mã phường/xã xuất xứ')).value),
        'Đơn vị': 'xấp',
        SKU: `BT-${unique()}`,
        'Tên phân loại': 'Xấp 10 cái',
        'Giá (đồng)': price,
        'Khối lượng (gram)': 400,
        'Tồn kho': 50,
      };
      for (const [header, value] of Object.entries(cells)) row.getCell(column(header)).value = value;
      row.commit();
      return Buffer.from(await book.xlsx.writeBuffer());
    };

    await scenario('import', PHONE, 'phone', async (page) => {
      await signIn(page, seller.email, PASSWORD, '/seller/import');
      await heading(page, 'Nhập sản phẩm từ Excel');
      expect(await page.getByRole('link', { name: 'Tải tệp mẫu (.xlsx)' }).getAttribute('href')).toBe('/api/v1/catalog/import-template.xlsx');
      await screen(page, 'import');
      // Every value the import bar shows, however fast the job runs.
      await page.evaluate(`{
        const seen = (window.importBar = []);
        new MutationObserver(() => {
          const bar = document.querySelector('[role=progressbar][aria-label="Tiến độ nhập"]');
          const value = bar && Number(bar.getAttribute('aria-valuenow'));
          if (bar && seen[seen.length - 1] !== value) seen.push(value);
        }).observe(document.body, { subtree: true, childList: true, attributes: true });
      }`);
      await page.getByLabel('Chọn tệp để nhập').setInputFiles({
        name: 'san-pham.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: await workbook('mười nghìn'),
      });
      const table = page.getByRole('table', { name: 'Các dòng cần sửa' });
      await table.waitFor();
      const bar = (await page.evaluate('window.importBar')) as number[];
      expect(bar[0]).toBeLessThan(100);
      expect(bar[bar.length - 1]).toBe(100);
      expect(await table.locator('tbody tr').count()).toBe(1);
      expect(await table.locator('tbody tr td').allTextContents()).toEqual(['4', 'Giá (đồng)', expect.stringContaining('Giá (đồng)')]);
      await page.getByText('Đã nhập 2, lỗi 1, trên tổng 3 dòng').waitFor();
      await screen(page, 'import-errors');

      await page.getByLabel('Gửi lại tệp đã sửa').setInputFiles({
        name: 'san-pham-da-sua.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: await workbook(12000),
      });
      await page.getByText(/^Xong: 1 mới/).waitFor();
      expect(await table.count()).toBe(0);
      await screen(page, 'import-done');
      await page.getByRole('link', { name: 'Xem sản phẩm' }).click();
      await page.getByRole('link', { name: 'Bánh tráng nước dừa Tam Quan' }).waitFor();
      await screen(page, 'products');
    });
  });

  it('3. connects the Shopee fake, the listing becomes synced, a Shopee order arrives and turns shipped when Shopee ships it, a web order is shipped, and the storefront stock goes down (desktop)', async () => {
    const partner = shopee.addPartner();
    const shop = shopee.addShop({ name: 'Nước mắm Tam Quan Official', partnerId: partner.partnerId });
    const seller = await approvedSeller('shopee', 4);

    await scenario('shopee', DESKTOP, 'desktop', async (page) => {
      await page.goto(`/products/${seller.product.slug}`);
      await page.getByText('Chỉ còn 4').waitFor();
      await signIn(page, seller.email, PASSWORD, '/seller/channels');
      await heading(page, 'Kênh bán');
      await screen(page, 'channels-empty');

      await page.getByText('Kết nối Shopee bằng mã (nâng cao)').click();
      const form = page.locator('form.shop-form').filter({ has: page.getByRole('button', { name: 'Kết nối Shopee' }) });
      await form.getByRole('button', { name: 'Kết nối Shopee' }).click();
      // Each missing credential is named beside its field.
      await form
        .getByText(/partnerKey/)
        .first()
        .waitFor();
      expect(await form.locator('input[aria-invalid=true]').count()).toBeGreaterThanOrEqual(4);
      await form.getByLabel('Partner ID').fill(String(partner.partnerId));
      await form.getByLabel('Partner Key').fill(partner.partnerKey);
      await form.getByLabel('Shop ID').fill(String(shop.shopId));
      await form.getByLabel('Access token').fill(shop.accessToken);
      await form.getByLabel('Refresh token').fill(shop.refreshToken);
      // No shipping channel ids to type: the shop's enabled ones are read from Shopee.
      expect(await form.getByLabel(/logistic/).count()).toBe(0);
      await screen(page, 'channels-connect');
      await form.getByRole('button', { name: 'Kết nối Shopee' }).click();

      const card = page.getByTestId('channel-shopee');
      await card.getByText('Nước mắm Tam Quan Official').waitFor();
      await card.getByText(/^Xong: 1 thành công, 0 lỗi\.$/).waitFor({ timeout: 60_000 });
      await card.getByTestId('count-synced').filter({ hasText: /^1/ }).waitFor();
      expect(shopee.items(shop.shopId).map((i) => i.sku)).toEqual([seller.product.sku]);
      await screen(page, 'channels-synced');

      await nav(page, 'Sản phẩm');
      await page.getByText('Nước mắm Tam Quan Official: đã lên').waitFor();
      await screen(page, 'products-synced');

      // A buyer orders 3 on Shopee; "sync now" pulls it in and holds its stock.
      const item = shopee.items(shop.shopId)[0];
      const orderSn = shopee.createOrder(shop.shopId, { lines: [{ itemId: item.itemId, quantity: 3 }], status: 'READY_TO_SHIP', buyerUsername: 'nguyenvana' });
      await nav(page, 'Kênh bán');
      await card.getByRole('button', { name: 'Đồng bộ ngay' }).click();
      await card.getByRole('progressbar', { name: 'Tiến độ đồng bộ' }).waitFor();
      await card.getByText(/^Xong:/).waitFor({ timeout: 60_000 });
      await nav(page, /^Đơn hàng/);
      const shopeeRow = page.getByTestId('order-row').filter({ hasText: orderSn });
      await reloadUntil(page, shopeeRow);
      await shopeeRow.getByText('Shopee', { exact: true }).waitFor();
      // The API answers for that channel alone: once its answer is in, the list is the one Shopee
      // order. (Waiting on the row count alone raced the reload: the list held one row before too.)
      const filtered = page.waitForResponse((r) => r.url().includes('/orders?') && r.url().includes('channel=shopee') && r.ok());
      await page.getByLabel('Kênh', { exact: true }).selectOption('shopee');
      await filtered;
      await shopeeRow.waitFor();
      await eventually(
        () => page.getByTestId('order-row').count(),
        (n) => n === 1,
        30_000,
      );
      expect(await page.getByTestId('order-row').filter({ hasText: orderSn }).count()).toBe(1);
      await screen(page, 'orders-shopee');
      await shopeeRow.getByRole('link').click();
      await page.getByText('Đơn này xử lý trên Shopee').waitFor();
      expect(await page.getByRole('button', { name: 'Xác nhận đơn' }).count()).toBe(0);
      await screen(page, 'order-shopee');

      // Shopee's carrier takes the parcel: at the next sync the order reads shipped, on Shopee's word.
      shopee.setOrderStatus(orderSn, 'SHIPPED');
      await nav(page, 'Kênh bán');
      await card.getByRole('button', { name: 'Đồng bộ ngay' }).click();
      await nav(page, /^Đơn hàng/);
      await reloadUntil(page, page.getByTestId('order-row').filter({ hasText: orderSn }).filter({ hasText: 'Đang giao' }));

      await page.goto(`/products/${seller.product.slug}`);
      await page.getByText('Chỉ còn 1').waitFor();

      // The last bottle sells on the web: confirm, pack, ship with carrier and tracking number.
      const webOrder = await codOrder(seller.product.variantId, 1);
      await page.goto('/seller/orders');
      const webRow = page.getByTestId('order-row').filter({ hasText: webOrder.slice(0, 8).toUpperCase() });
      await webRow.getByText('Đơn mới, cần xử lý').waitFor();
      await screen(page, 'orders');
      await webRow.getByRole('link').click();
      await page.getByRole('button', { name: 'Xác nhận đơn' }).click();
      await page.getByRole('button', { name: 'Đã đóng gói' }).click();
      await page.getByRole('button', { name: 'Giao cho đơn vị vận chuyển' }).click();
      await page.getByRole('button', { name: 'Lưu và chuyển sang đang giao' }).click();
      await page.getByText('Vui lòng kiểm tra các ô được đánh dấu.').waitFor();
      await page.getByLabel('Đơn vị vận chuyển').fill('Viettel Post');
      await page.getByLabel('Mã vận đơn').fill('VTP123456789');
      await page.getByRole('button', { name: 'Lưu và chuyển sang đang giao' }).click();
      await page.locator('.page-head .status').filter({ hasText: 'Đang giao' }).waitFor();
      await page.getByText('Vận chuyển: Viettel Post VTP123456789').waitFor();
      expect(await page.getByRole('button', { name: 'Đã giao tới người mua' }).count()).toBe(1);
      expect(await page.getByRole('button', { name: 'Huỷ đơn' }).count()).toBe(0);
      await page.goto(`/products/${seller.product.slug}`);
      await page.getByText('Hết hàng').first().waitFor();

      // What the parallel API work (issue #20) adds: names in the timeline, feed links, the home numbers.
      await page.goto(`/seller/orders/${webOrder}`);
      await page.locator('.timeline').getByText(`bởi ${seller.name}`).first().waitFor();
      await screen(page, 'order-shipped');
      await page.goto('/seller/channels');
      await page.getByRole('button', { name: 'Kết nối Google Merchant Center' }).click();
      await page
        .getByTestId('feed-url')
        .filter({ hasText: /google-merchant\.xml$/ })
        .waitFor();
      await page.reload();
      await page
        .getByTestId('feed-url')
        .filter({ hasText: /google-merchant\.xml$/ })
        .waitFor();
      await page.getByRole('button', { name: 'Sao chép đường dẫn nguồn cấp' }).waitFor();
      await screen(page, 'channels-feed');
      // A leaked link is replaced: the new one shows, the old one stops working.
      const oldLink = (await page.getByTestId('feed-url').textContent())!;
      await page.getByRole('button', { name: /^Tạo đường dẫn mới/ }).click();
      await page.getByTestId('feed-url').filter({ hasNotText: oldLink }).waitFor();
      expect((await fetch(oldLink)).status).toBe(404);
      // Home: nothing left to confirm, the sold-out variant is low, no failed sync; a new web order shows on the tile and the badge.
      await page.goto('/seller');
      await page.getByTestId('tile-orders').waitFor();
      expect(await page.getByTestId('tile-orders').locator('strong').textContent()).toBe('0');
      expect(await page.getByTestId('tile-stock').locator('strong').textContent()).toBe('1');
      expect(await page.getByTestId('tile-sync').locator('strong').textContent()).toBe('0');
      expect(await page.locator('.seller-nav .nav-badge').count()).toBe(0);
      // Quick edit of the stock from the list (the partial PATCH): 9 bottles are back on sale.
      await nav(page, 'Sản phẩm');
      await page.getByRole('button', { name: 'Sửa nhanh tồn kho, giá của Chai 500 ml' }).click();
      await page.getByRole('spinbutton', { name: 'Tồn kho' }).fill('9');
      await page.getByRole('button', { name: 'Lưu' }).click();
      await page.getByText('Còn 9').waitFor();
      await screen(page, 'products-quick-edit');
      await codOrder(seller.product.variantId, 1);
      await nav(page, 'Tổng quan');
      await page.getByTestId('tile-orders').locator('strong').filter({ hasText: /^1$/ }).waitFor();
      await page.locator('.seller-nav .nav-badge').filter({ hasText: /^1$/ }).waitFor();
      expect(await page.getByTestId('tile-stock').locator('strong').textContent()).toBe('0');
      await screen(page, 'home');
    });
  });

  it('4. a buyer sees no cooperative at /seller; a member of cooperative A never sees B’s products or orders', async () => {
    const a = await approvedSeller('a', 10);
    const b = await approvedSeller('b', 10);
    const bOrder = await codOrder(b.product.variantId, 1);

    await scenario('buyer', PHONE, 'phone', async (page) => {
      await signIn(page, DEMO.buyer, DEMO.password, '/');
      await page.goto('/seller');
      await heading(page, 'Bạn chưa có hợp tác xã nào');
      expect(await page.getByRole('navigation', { name: 'Mục của kênh người bán' }).count()).toBe(0);
      await page.goto('/seller/products');
      await heading(page, 'Bạn chưa có hợp tác xã nào');
      expect(await page.getByText(/Nước mắm|Rượu Bàu Đá/).count()).toBe(0);
      await screen(page, 'buyer');
    });

    await scenario('tenancy', DESKTOP, 'desktop', async (page) => {
      await signIn(page, a.email, PASSWORD, '/seller/products');
      await page.getByRole('link', { name: a.product.name }).waitFor();
      expect(await page.getByText(b.product.name).count()).toBe(0);
      await page.goto('/seller/orders');
      await page.getByText('Chưa có đơn hàng nào ở đây.').waitFor();
      await page.goto(`/seller/products/${b.product.id}`);
      await heading(page, 'Không tìm thấy trang');
      expect(await page.getByText(b.product.name).count()).toBe(0);
      await page.goto(`/seller/orders/${bOrder}`);
      await heading(page, 'Không tìm thấy trang');
      expect(await page.getByText('Trần Thị Mai').count()).toBe(0);
      await screen(page, 'other-cooperative');
    });
  });

  it('7. connects Shopee in one click: the admin approves on Shopee, comes back to the channels page, and the shop is active with its product listed (desktop); on a phone, every marketplace’s button and the shipping channels picked from Shopee’s list', async () => {
    const seller = await approvedSeller('motcham', 6);
    const shop = { shopId: 990001, name: 'Nước mắm Một Chạm Official' };
    shopee.addShop(shop);
    shopee.approveAs(shop.shopId);
    await scenario('one-click', DESKTOP, 'desktop', async (page) => {
      await signIn(page, seller.email, PASSWORD, '/seller/channels');
      await heading(page, 'Kênh bán');
      await screen(page, 'channels-one-click-offer');
      // No code to type: Shopee's page (the fake approves at once) sends the browser back here.
      await page.getByTestId('connect-shopee').getByRole('button', { name: 'Kết nối Shopee', exact: true }).click();
      await page.waitForURL((url) => url.pathname === '/seller/channels' && url.searchParams.has('connected'));
      await page.getByTestId('connected-notice').waitFor();
      const card = page.getByTestId('channel-shopee');
      await card.getByText(shop.name).waitFor();
      await card.getByText('Đang hoạt động').waitFor();
      await eventually(
        () => shopee.items(shop.shopId).map((item) => item.sku),
        (skus) => skus.includes(seller.product.sku),
        60_000,
        200,
      );
      await screen(page, 'channels-one-click');
    });

    // On a phone: every marketplace offers its one-click button, and the shop's shipping channels are
    // picked from the list Shopee gives, never typed.
    await scenario('pick-logistics', PHONE, 'phone', async (page) => {
      await signIn(page, seller.email, PASSWORD, '/seller/channels');
      await heading(page, 'Kênh bán');
      for (const name of ['Kết nối Shopee', 'Kết nối Lazada', 'Kết nối TikTok Shop']) await page.getByRole('button', { name, exact: true }).first().waitFor();
      const card = page.getByTestId('channel-shopee');
      await card.getByText('Đơn vị vận chuyển', { exact: true }).click();
      const channels = card.getByRole('checkbox');
      await channels.first().waitFor();
      expect(await channels.count()).toBe(shopee.logisticIds.size);
      // Every enabled channel is used until the seller says otherwise; the one switched off on Shopee is not offered.
      for (const box of await channels.all()) expect(await box.isChecked()).toBe(true);
      expect(await card.getByText('Hỏa tốc').count()).toBe(0);
      await channels.first().uncheck();
      await card.getByRole('button', { name: 'Lưu lựa chọn' }).click();
      await card.getByRole('status').filter({ hasText: 'Đã lưu' }).waitFor();
      await screen(page, 'channels-pick-logistics');
    });
    const [connection] = await call<Array<{ settings: { logisticIds?: number[] } }>>('GET', `/cooperatives/${seller.coopId}/channels`, seller.token);
    expect(connection.settings.logisticIds).toHaveLength(shopee.logisticIds.size - 1);
  });

  it('6. an admin invites by e-mail; the person joins only by accepting at /seller/invitations (phone)', async () => {
    const admin = await approvedSeller('moi', 5);
    const invitee = `thanh.vien.${unique()}@example.vn`;
    await call('POST', '/auth/register', null, { email: invitee, password: PASSWORD, fullName: 'Lê Thị Được Mời' });

    await scenario('invite', PHONE, 'phone', async (page) => {
      await signIn(page, admin.email, PASSWORD, '/seller/members');
      await heading(page, 'Thành viên');
      await page.getByLabel('Email').fill(invitee);
      await page.getByLabel('Vai trò').selectOption('coop_member');
      await page.getByRole('button', { name: 'Gửi lời mời' }).click();
      await page
        .getByRole('status')
        .filter({ hasText: `Đã gửi lời mời tới ${invitee}` })
        .waitFor();
      await page.locator('ul.members li', { hasText: invitee }).waitFor();
      // Not a member yet, and the answer named nobody.
      expect(await page.getByText('Lê Thị Được Mời').count()).toBe(0);
      await screen(page, 'members-invited');
    });

    await scenario('accept', PHONE, 'phone', async (page) => {
      await signIn(page, invitee, PASSWORD, '/seller/invitations');
      await heading(page, 'Lời mời tham gia hợp tác xã');
      const row = page.locator('ul.members li', { hasText: /Hợp tác xã moi/ });
      await row.getByText(`Mời bởi ${admin.name}`).waitFor();
      await screen(page, 'invitations');
      await row.getByRole('button', { name: 'Chấp nhận' }).click();
      await page.waitForURL((url) => url.pathname === '/seller');
      await heading(page, 'Tổng quan');
      await screen(page, 'invitation-accepted');
    });
    const members = await call<{ items: Array<{ email: string; role: string }> }>('GET', `/cooperatives/${admin.coopId}/members`, admin.token);
    expect(members.items.find((m) => m.email === invitee)).toMatchObject({ role: 'coop_member' });
  });

  for (const [label, options] of [
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ] as const) {
    it(`5. every seller screen of a busy cooperative fits the ${label} (${label === 'phone' ? '360 px, no sideways scroll' : '1280 px'}), in Vietnamese and English`, async () => {
      await scenario(`tour-${label}`, options, `${label}-tour`, async (page) => {
        await signIn(page, DEMO.bauda, DEMO.password, '/seller');
        await heading(page, 'Tổng quan');
        await page
          .getByText(/Các bước bắt đầu bán|Hôm nay/)
          .first()
          .waitFor();
        await screen(page, 'home');
        for (const [section, title, ready, file] of [
          ['Sản phẩm', 'Sản phẩm', '[data-testid=product-row]', 'products'],
          [/^Đơn hàng/, 'Đơn hàng', 'form.order-filters', 'orders'],
          ['Kênh bán', 'Kênh bán', 'section.connect', 'channels'],
          ['Nhập từ Excel', 'Nhập sản phẩm từ Excel', '.import-steps', 'import'],
          ['Tiền về', 'Tiền về', '[data-testid=balance]', 'payouts'],
          ['Thành viên', 'Thành viên', 'ul.members li', 'members'],
        ] as const) {
          await nav(page, section);
          await heading(page, title);
          await page.locator(ready).first().waitFor();
          await screen(page, file);
        }
        await nav(page, 'Sản phẩm');
        await page.locator('[data-testid=product-row] a').first().click();
        await page.getByRole('heading', { level: 2, name: 'Ảnh sản phẩm' }).waitFor();
        await screen(page, 'product-edit');
        await page.goto('/seller/onboarding?step=status');
        await page.getByText('Đã được duyệt — hợp tác xã có thể bán').waitFor();
        await screen(page, 'onboarding-status');
        await page.goto('/seller/onboarding?step=profile');
        await page.getByText('✓ Mã số thuế hợp lệ').waitFor();
        await screen(page, 'onboarding-profile');

        await page.getByRole('button', { name: 'English' }).click();
        await page.goto('/seller/products');
        await heading(page, 'Products');
        await page.locator('[data-testid=product-row]').first().waitFor();
        await screen(page, 'products-en');
        await page.goto('/seller/channels');
        await heading(page, 'Channels');
        await screen(page, 'channels-en');
      });
    });
  }
});
