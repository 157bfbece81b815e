import fs from 'node:fs/promises';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { GhnFake } from '../fakes/ghn.fake.js';
import { newTaxCode } from '../harness/fixtures.js';
import { apiCall, launchChromium, scenario, SCREENSHOTS, shot, startStorefront, type Storefront } from './storefront-server.js';

const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 900 } };
const PHONE: BrowserContextOptions = { viewport: { width: 360, height: 780 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const PASSWORD = 'mat-khau-du-dai';
const GHN_TOKEN = 'ghn-browser-c4bb-11ea-be3a-f636b1deefb9';

/** A cooperative's admin connects GHN in the seller portal: a refused token is named beside its field, then the account shows with its hint and webhook address. */
describe('delivery settings in the seller portal, in Chromium', () => {
  let store: Storefront;
  let browser: Browser;
  let ghn: GhnFake;
  let n = 0;

  beforeAll(async () => {
    await fs.mkdir(SCREENSHOTS, { recursive: true });
    ghn = await GhnFake.start({ accounts: [{ token: GHN_TOKEN, shopId: '885' }] });
    store = await startStorefront({ CARRIER_GHN_BASE_URL: ghn.baseUrl });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await store?.stop();
    await ghn?.close();
  });

  /** A person with a cooperative in draft: enough for its settings pages. */
  const seller = async () => {
    const email = `giao.hang.${Date.now().toString(36)}${++n}@example.vn`;
    const { accessToken } = await apiCall<{ accessToken: string }>(store.url, 'POST', '/auth/register', null, {
      email,
      password: PASSWORD,
      fullName: 'Người Giao Hàng',
    });
    await apiCall(store.url, 'POST', '/cooperatives', accessToken, {
      name: `HTX Giao Hàng ${n}`,
      taxCode: newTaxCode(),
      representative: 'Nguyễn Văn Tâm',
      phone: '0256 3822 123',
      email,
      wardCode: '21808',
      addressLine: 'Thôn Phú Phong',
      description: 'Rượu Bàu Đá.',
    });
    return email;
  };

  for (const [device, options] of [
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ] as const) {
    it(`connects GHN with a pickup ward from the list (${device})`, async () => {
      const email = await seller();
      await scenario(browser, store.url, `delivery-${device}`, options, async (page: Page) => {
        await page.goto(`/login?next=${encodeURIComponent('/seller/carriers')}`);
        await page.getByLabel('Email').fill(email);
        await page.getByLabel('Mật khẩu').fill(PASSWORD);
        await page.getByRole('button', { name: 'Đăng nhập' }).click();
        await page.getByRole('heading', { level: 1, name: 'Vận chuyển' }).waitFor();
        await page.getByText('Chưa kết nối đơn vị vận chuyển nào').waitFor();
        await page.getByLabel('Đơn vị vận chuyển').selectOption('ghn');
        await page.getByLabel('Token').fill('khong-dung');
        await page.getByLabel('Mã cửa hàng (ShopId)').fill('885');
        const ward = page.getByLabel('Phường/xã lấy hàng');
        await ward.locator('option', { hasText: 'Tây Sơn' }).first().waitFor({ state: 'attached' });
        await ward.selectOption('21808');
        await page.getByLabel('Địa chỉ lấy hàng (số nhà, đường, thôn)').fill('12 Quang Trung');
        await page.getByRole('button', { name: 'Lưu và kiểm tra với đơn vị vận chuyển' }).click();
        await page.getByText('GHN trả lời').waitFor();
        await shot(page, `delivery-${device}-refused`);
        await page.getByLabel('Token').fill(GHN_TOKEN);
        await page.getByRole('button', { name: 'Lưu và kiểm tra với đơn vị vận chuyển' }).click();
        await page.getByText('Đang dùng').waitFor();
        await page.getByText('Mã token đã lưu: ••••efb9').waitFor();
        await page.getByText(/\/api\/v1\/carrier-webhooks\/ghn\//).waitFor();
        expect(await page.content()).not.toContain(GHN_TOKEN);
        await shot(page, `delivery-${device}-connected`);
        if (device === 'phone') expect(await page.evaluate('document.documentElement.scrollWidth')).toBe(360);
      });
    });
  }
});
