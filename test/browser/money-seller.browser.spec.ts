import fs from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import sharp from 'sharp';
import { eventually } from '../harness/eventually.js';
import { apiCall, launchChromium, scenario as runScenario, SCREENSHOTS, startStorefront, type Storefront, upload } from './storefront-server.js';

const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 900 } };
const PHONE: BrowserContextOptions = { viewport: { width: 360, height: 780 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const PASSWORD = 'mat-khau-du-dai';
/** The demo official `npm start` prints (apps/api/src/main.ts, demo seed). */
const OFFICIAL = { email: 'sct@demo.nongsan.vn', password: 'nongsan-demo' };
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

/** A household owner's 12-digit personal id number: province 052 (Bình Định), then 9 random digits. */
const newPersonalId = () => `052${Array.from({ length: 9 }, () => Math.floor(Math.random() * 10)).join('')}`;

describe('money in the seller portal and the storefront, in Chromium', () => {
  let store: Storefront;
  let browser: Browser;
  let photo: Buffer;
  let n = 0;
  const unique = () => `${Date.now().toString(36)}${++n}`;

  beforeAll(async () => {
    await fs.mkdir(SCREENSHOTS, { recursive: true });
    photo = await sharp({ create: { width: 1200, height: 900, channels: 3, background: { r: 150, g: 60, b: 40 } } })
      .jpeg()
      .toBuffer();
    store = await startStorefront();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await store?.stop();
  });

  // ---- the API, for what the test sets up around the screens ----

  const call = <T>(method: string, url: string, token: string | null, body?: unknown) => apiCall<T>(store.url, method, url, token, body);
  const login = async (email: string, password: string) => (await call<{ accessToken: string }>('POST', '/auth/login', null, { email, password })).accessToken;
  const register = async (label: string) => {
    const email = `${label}.${unique()}@example.vn`;
    const { accessToken } = await call<{ accessToken: string }>('POST', '/auth/register', null, { email, password: PASSWORD, fullName: `Người ${label}` });
    return { email, token: accessToken };
  };
  const firstWard = async () => (await call<{ items: Array<{ code: string }> }>('GET', '/catalog/wards', null)).items[0].code;

  /** A person with an approved cooperative and, when asked, one published product. */
  async function approvedSeller(label: string, withProduct: boolean) {
    const { email, token } = await register(`htx.${label}`);
    const ward = await firstWard();
    const id = unique();
    const coop = await call<{ id: string }>('POST', '/cooperatives', token, {
      name: `Hợp tác xã ${label} ${id}`,
      taxCode: newTaxCode(),
      representative: 'Nguyễn Văn Tâm',
      phone: '0256 3822 123',
      email,
      wardCode: ward,
      addressLine: 'Thôn Trung Lương',
      description: 'Nước mắm nhĩ cá cơm ủ chượp truyền thống.',
    });
    await call('POST', `/cooperatives/${coop.id}/documents`, token, upload(PDF, 'dang-ky.pdf', 'application/pdf', { kind: 'business_registration' }));
    await call('POST', `/cooperatives/${coop.id}/submit`, token);
    await call('POST', `/admin/cooperatives/${coop.id}/approve`, await login(OFFICIAL.email, OFFICIAL.password));
    if (!withProduct) return { email, token, coopId: coop.id, product: null };
    const product = await call<{ id: string; slug: string; name: string; variants: Array<{ id: string }> }>(
      'POST',
      `/cooperatives/${coop.id}/products`,
      token,
      {
        name: `Nước mắm Tam Quan ${id}`,
        description: 'Nước mắm cá cơm 40 độ đạm, chai thuỷ tinh 500 ml.',
        categoryId: 'fish-sauce',
        originWardCode: ward,
        unit: 'chai 500 ml',
        variants: [{ sku: `NM-${id}`, name: 'Chai 500 ml', price: 120000, weightGrams: 900, stock: 20 }],
      },
    );
    await call('POST', `/products/${product.id}/images`, token, upload(photo, 'nuoc-mam.jpg', 'image/jpeg'));
    await call('POST', `/products/${product.id}/publish`, token);
    return { email, token, coopId: coop.id, product: { id: product.id, slug: product.slug, name: product.name, variantId: product.variants[0].id } };
  }

  // ---- the browser ----

  type Watched = Page & { phone: boolean; prefix: string };

  /** Saves the screen; on a phone, the page must not scroll sideways. */
  async function screen(page: Watched, name: string): Promise<void> {
    await page.screenshot({ path: path.join(SCREENSHOTS, `money-${page.prefix}-${name}.png`), fullPage: true });
    if (page.phone) expect({ screen: name, width: await page.evaluate('document.documentElement.scrollWidth') }).toEqual({ screen: name, width: 360 });
  }

  const scenario = (name: string, options: BrowserContextOptions, prefix: string, steps: (page: Watched) => Promise<void>) =>
    runScenario(browser, store.url, `money-${name}`, options, (page) => steps(Object.assign(page, { phone: options === PHONE, prefix })));

  async function signIn(page: Page, email: string, next: string): Promise<void> {
    await page.goto(`/login?next=${encodeURIComponent(next)}`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Mật khẩu').fill(PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL((url) => url.pathname === next);
  }

  const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name }).waitFor();

  for (const [prefix, options] of [
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ] as const) {
    it(`1. a seller's admin saves the payout account: a wrong account number is named beside its field (${prefix})`, async () => {
      const seller = await approvedSeller(`tien-${prefix}`, false);
      await scenario(`payout-${prefix}`, options, prefix, async (page) => {
        await signIn(page, seller.email, '/seller');
        await page.getByTestId('payout-account-missing').getByRole('link', { name: 'Khai báo tài khoản nhận tiền' }).click();
        await heading(page, 'Tiền về');
        await page.getByRole('button', { name: 'Khai báo tài khoản nhận tiền' }).click();
        await page.getByLabel('Tìm ngân hàng').fill('vietcom');
        const bank = page.getByLabel('Ngân hàng', { exact: true });
        await bank.locator('option', { hasText: 'Vietcombank' }).waitFor({ state: 'attached' });
        expect(await bank.locator('option').count()).toBeLessThan(5); // the list narrowed to what was typed
        await bank.selectOption({ label: 'Vietcombank — Ngân hàng TMCP Ngoại Thương Việt Nam' });
        await page.getByLabel('Số tài khoản').fill('12');
        await page.getByLabel('Tên chủ tài khoản').fill('Hợp tác xã Nước mắm Tam Quan');
        await page.getByRole('button', { name: 'Lưu', exact: true }).click();
        const numberError = page.locator('#field-accountNumber-error');
        await numberError.waitFor();
        expect(await page.getByLabel('Số tài khoản').getAttribute('aria-invalid')).toBe('true');
        await screen(page, 'payout-account-error');

        await page.getByLabel('Số tài khoản').fill('1017 5956 00');
        await page.getByRole('button', { name: 'Lưu', exact: true }).click();
        const saved = page.getByTestId('payout-account');
        await saved.waitFor();
        expect(await saved.textContent()).toContain('1017595600');
        expect(await saved.textContent()).toContain('HOP TAC XA NUOC MAM TAM QUAN');
        await screen(page, 'payout-account-saved');
        const account = await call<{ account: { bankBin: string } }>('GET', `/cooperatives/${seller.coopId}/payout-account`, seller.token);
        expect(account.account.bankBin).toBe('970436');
      });
    });
  }

  it('2. a buyer asks to return a bottle with a photo (phone), the seller takes it back (desktop), the buyer sees the refund pending (phone)', async () => {
    const seller = await approvedSeller('tra-hang', true);
    const buyer = await register('nguoimua');
    const checkout = await call<{ orders: Array<{ id: string }> }>('POST', '/checkouts', buyer.token, {
      items: [{ variantId: seller.product!.variantId, quantity: 2 }],
      shippingAddress: { fullName: 'Trần Thị Mai', phone: '0905 123 456', addressLine: '12 Trần Hưng Đạo', wardCode: await firstWard() },
      paymentMethod: 'cod',
    });
    const orderId = checkout.orders[0].id;
    for (const step of ['confirm', 'pack']) await call('POST', `/orders/${orderId}/${step}`, seller.token);
    await call('POST', `/orders/${orderId}/ship`, seller.token, { carrier: 'GHN', trackingNumber: `GHN${unique()}` });
    await call('POST', `/orders/${orderId}/deliver`, seller.token);

    await scenario('return-ask', PHONE, 'phone', async (page) => {
      await signIn(page, buyer.email, '/me/orders');
      await page.getByRole('button', { name: 'Yêu cầu trả hàng' }).click();
      // Nothing picked: the form says so before anything is sent.
      await page.getByLabel('Lý do trả hàng').fill('Một chai bị nứt cổ khi nhận hàng.');
      await page.getByRole('button', { name: 'Gửi yêu cầu' }).click();
      await page.getByText('Chọn ít nhất một sản phẩm và số lượng muốn trả.').waitFor();
      await page.getByLabel(seller.product!.name).fill('1');
      await page.getByLabel('Ảnh chụp hàng').setInputFiles({ name: 'chai-nut.jpg', mimeType: 'image/jpeg', buffer: photo });
      await screen(page, 'return-form');
      await page.getByRole('button', { name: 'Gửi yêu cầu' }).click();
      await page.getByText('Đã gửi yêu cầu trả hàng, chờ người bán').waitFor();
      // The private photo shows through its short-lived link.
      const shown = page.getByRole('img', { name: 'Ảnh 1' });
      await shown.waitFor();
      expect(
        await eventually(
          () => shown.evaluate((img: { complete: boolean; naturalWidth: number }) => img.complete && img.naturalWidth),
          (width) => width === 1200,
        ),
      ).toBe(1200);
      await screen(page, 'return-asked');
    });

    await scenario('return-accept', DESKTOP, 'desktop', async (page) => {
      await signIn(page, seller.email, '/seller');
      const navigation = page.getByRole('navigation', { name: 'Mục của kênh người bán' });
      await navigation.getByText('1 yêu cầu trả hàng chờ trả lời').waitFor({ state: 'attached' });
      await navigation.getByRole('link', { name: /Trả hàng/ }).click();
      await heading(page, 'Trả hàng');
      await page.getByTestId('return-row').first().click();
      await page.getByText('Một chai bị nứt cổ khi nhận hàng.').waitFor();
      await page.getByRole('img', { name: 'Ảnh 1' }).waitFor();
      await screen(page, 'return-detail');
      await page.getByRole('button', { name: 'Nhận lại hàng' }).click();
      expect(await page.getByLabel('Hàng đã về tới hợp tác xã: nhập lại kho để bán tiếp').isChecked()).toBe(true);
      await page.getByRole('button', { name: 'Nhận lại và hoàn tiền' }).click();
      await page.locator('.page-head .status').getByText('Đã nhận lại').waitFor();
      await page.getByTestId('refund').getByText('Đang hoàn tiền 120.000').waitFor();
      await screen(page, 'return-accepted');
      // The order's page shows the refund and the return too.
      await page.getByRole('link', { name: 'Xem đơn' }).click();
      await page.getByTestId('refund').waitFor();
      await page.getByRole('link', { name: /Đã nhận lại/ }).waitFor();
      await screen(page, 'order-refund');
    });

    await scenario('return-refund', PHONE, 'phone', async (page) => {
      await signIn(page, buyer.email, '/me/orders');
      await page.getByText('Người bán đã nhận trả hàng').waitFor();
      await page.getByTestId('buyer-return').getByTestId('refund').getByText('Đang hoàn tiền 120.000').waitFor();
      await screen(page, 'return-refund-pending');
    });

    // The seller's returns on a phone: the list and the answered return fit 360 px.
    await scenario('returns-phone', PHONE, 'phone', async (page) => {
      await signIn(page, seller.email, '/seller/returns');
      await page.getByLabel('Trạng thái').selectOption('accepted');
      await page.getByTestId('return-row').first().waitFor();
      await screen(page, 'returns-list');
      await page.getByTestId('return-row').first().click();
      await page.getByTestId('refund').waitFor();
      await screen(page, 'return-detail');
    });
  });

  it('3. a new buyer past the open cash-on-delivery limit is told why at checkout, and pays by VietQR instead (phone)', async () => {
    const seller = await approvedSeller('cod', true);
    const buyer = await register('nguoimua.cod');
    const ward = await firstWard();
    // COD_OPEN_ORDERS_PER_NEW_ACCOUNT (3 by default) orders the cooperative has not delivered yet.
    for (let i = 0; i < 3; i++) {
      await call('POST', '/checkouts', buyer.token, {
        items: [{ variantId: seller.product!.variantId, quantity: 1 }],
        shippingAddress: { fullName: 'Lê Văn Hải', phone: '0905 123 456', addressLine: '12 Trần Hưng Đạo', wardCode: ward },
        paymentMethod: 'cod',
      });
    }
    await scenario('cod-limit', PHONE, 'phone', async (page) => {
      await signIn(page, buyer.email, '/me/orders');
      await page.goto(`/products/${seller.product!.slug}`);
      await page.getByRole('button', { name: 'Thêm vào giỏ' }).click();
      await page.getByText('Đã thêm vào giỏ.').waitFor();
      await page.goto('/checkout');
      await page.getByLabel('Số điện thoại').fill('0905 123 456');
      await page.getByLabel('Số nhà, đường, thôn').fill('12 Trần Hưng Đạo');
      await page.getByPlaceholder('Gõ tên xã, phường để lọc…').fill('quy nhon');
      const wardSelect = page.locator('#ward');
      await wardSelect.locator('option', { hasText: 'Quy Nhơn' }).first().waitFor({ state: 'attached' });
      await wardSelect.selectOption({ index: 1 });
      await page.getByRole('radio', { name: /Thanh toán khi nhận hàng/ }).check();
      await page.locator('form.checkout-layout').getByRole('button', { name: 'Đặt hàng' }).click();
      const told = page.getByRole('alert').filter({ hasText: 'hoặc thanh toán bằng VietQR' });
      await told.waitFor();
      await screen(page, 'cod-limit');
      await page.getByTestId('cod-limit').getByRole('button', { name: 'Đổi sang Chuyển khoản VietQR' }).click();
      expect(await page.getByRole('radio', { name: /Chuyển khoản VietQR/ }).isChecked()).toBe(true);
      await page.locator('form.checkout-layout').getByRole('button', { name: 'Đặt hàng' }).click();
      await page.getByRole('heading', { level: 1, name: 'Đã đặt hàng' }).waitFor();
      await screen(page, 'cod-limit-vietqr');
    });
  });

  it('4. a household business registers with its owner’s personal id and both of its papers (desktop)', async () => {
    const owner = await register('hokinhdoanh');
    await scenario('household', DESKTOP, 'desktop', async (page) => {
      await signIn(page, owner.email, '/seller');
      await page.getByRole('link', { name: 'Đăng ký hợp tác xã của bạn' }).click();
      await heading(page, 'Đăng ký hợp tác xã');
      await page.getByLabel('Hộ kinh doanh').check();
      await page.getByLabel('Mã số thuế').fill(newPersonalId());
      await page.getByText('✓ Số định danh cá nhân của chủ hộ (12 chữ số)').waitFor();
      const name = `Hộ kinh doanh Bánh ít lá gai Bà Tư ${unique()}`;
      await page.getByLabel('Tên hộ kinh doanh').fill(name);
      await page.getByLabel('Người đại diện theo pháp luật').fill('Phạm Thị Tư');
      await page.getByLabel('Số điện thoại').fill('0256 3822 456');
      await page.getByLabel('Gõ tên xã, phường').fill('tam quan');
      const ward = page.getByLabel('Xã, phường (từ 1/7/2025)');
      await ward
        .locator('option', { hasText: /trước thuộc/ })
        .first()
        .waitFor({ state: 'attached' });
      await ward.selectOption({ index: 1 });
      await page.getByLabel('Số nhà, đường, thôn').fill('Thôn Chánh Khoan');
      await page.getByLabel('Hợp tác xã trồng, làm ra sản phẩm gì?').fill('Bánh ít lá gai nhân dừa, làm tay mỗi sáng.');
      await screen(page, 'household-profile');
      await page.getByRole('button', { name: 'Đăng ký hộ kinh doanh và tiếp tục' }).click();

      await page.waitForURL(/step=documents/);
      await heading(page, 'Đăng ký hộ kinh doanh');
      await page.getByText('căn cước công dân của chủ hộ').first().waitFor();
      await page.getByLabel('Loại giấy tờ').selectOption({ label: 'Giấy chứng nhận đăng ký hộ kinh doanh' });
      await page.getByLabel('Chọn tệp PDF hoặc ảnh').setInputFiles({ name: 'dang-ky-ho-kinh-doanh.pdf', mimeType: 'application/pdf', buffer: PDF });
      await page.getByText('dang-ky-ho-kinh-doanh.pdf').waitFor();
      await page.getByText('Cần tải lên trước khi tiếp tục: Căn cước công dân của chủ hộ.').waitFor();
      expect(await page.getByRole('button', { name: 'Tiếp tục' }).isDisabled()).toBe(true);
      await page.getByLabel('Loại giấy tờ').selectOption('identity_card');
      await page.getByLabel('Chọn tệp PDF hoặc ảnh').setInputFiles({ name: 'cccd.jpg', mimeType: 'image/jpeg', buffer: photo });
      await page.getByText('cccd.jpg').waitFor();
      await screen(page, 'household-documents');
      await page.getByRole('button', { name: 'Tiếp tục' }).click();

      await page.waitForURL(/step=submit/);
      await page.getByRole('button', { name: 'Gửi hồ sơ cho Sở duyệt' }).click();
      await page.waitForURL(/step=status/);
      await page.getByText('Đang chờ Sở Công Thương duyệt').first().waitFor();
      await screen(page, 'household-submitted');
      const coopId = await page.evaluate("localStorage.getItem('nongsan.seller.cooperative')");
      expect(await call('GET', `/cooperatives/${coopId}`, owner.token)).toMatchObject({ kind: 'household_business', name, status: 'submitted' });
    });
  });
});
