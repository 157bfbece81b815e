import ExcelJS from 'exceljs';
import fs from 'node:fs/promises';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { eventually } from '../harness/eventually.js';
import { launchChromium, scenario as runScenario, SCREENSHOTS, shot, startStorefront, type Storefront } from './storefront-server.js';

/** The demo logins `npm start` prints (libs/demo). */
const PASSWORD = 'nongsan-demo';
const OFFICIAL = 'sct@demo.nongsan.vn';
const BUYER = 'nguoimua@demo.nongsan.vn';
const COOP_ADMIN = 'htx.bauda@demo.nongsan.vn';
/** Two demo cooperatives wait for the Department's review. */
const WAITING = 'Hợp tác xã Nông nghiệp An Hòa';
const ALSO_WAITING = 'Hợp tác xã Thủy sản Mỹ An';

const DESKTOP: BrowserContextOptions = { viewport: { width: 1366, height: 900 } };
const PHONE: BrowserContextOptions = { viewport: { width: 360, height: 780 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

const DAY = 86_400_000;
/** A Vietnam day `days` before now: the fixture is relative to today, never a fixed date. */
const vietnamDay = (daysAgo: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date(Date.now() - daysAgo * DAY));
/** As the dashboard writes figures in Vietnamese. */
const count = (n: number) => new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 }).format(n);
const money = (n: number) => new Intl.NumberFormat('vi-VN', { style: 'currency', currency: 'VND', maximumFractionDigits: 0 }).format(n);
const spaces = (text: string) => text.replace(/\s+/g, ' ').trim();

interface Summary {
  cooperatives: { registered: number; approved: number; withActiveProducts: number; withExternalChannel: number };
  products: { active: number; ocopOnline: number };
  orders: { count: number; gmv: number };
}

describe('department dashboard in Chromium: access, overview, review, OCOP verification', () => {
  let store: Storefront;
  let browser: Browser;
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    await fs.mkdir(SCREENSHOTS, { recursive: true });
    store = await startStorefront();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await store?.stop();
  });

  async function tokenOf(email: string): Promise<string> {
    if (!tokens.has(email)) {
      const response = await fetch(`${store.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email, password: PASSWORD }),
      });
      expect(response.status).toBe(200);
      tokens.set(email, ((await response.json()) as { accessToken: string }).accessToken);
    }
    return tokens.get(email)!;
  }

  async function call<T>(email: string, route: string, init: RequestInit = {}): Promise<{ status: number; body: T }> {
    const response = await fetch(`${store.url}/api/v1${route}`, {
      ...init,
      headers: { Authorization: `Bearer ${await tokenOf(email)}`, 'Content-Type': 'application/json', ...init.headers },
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  }

  const scenario = (name: string, options: BrowserContextOptions, steps: (page: Page) => Promise<void>) =>
    runScenario(browser, store.url, `department-${name}`, options, steps);

  /** Opens the dashboard signed out: it sends the person to sign in, then back. */
  async function signIn(page: Page, email: string): Promise<void> {
    await page.goto('/department');
    await page.waitForURL(/\/login\?next=%2Fdepartment$/);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Mật khẩu').fill(PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL(/\/department$/);
  }

  const kpiPanel = (page: Page) => page.locator('section[aria-labelledby="kpi-title"]');

  /** Each tile comes to show the API's figure for the same filters, as the dashboard formats it. */
  async function expectTiles(page: Page, summary: Summary): Promise<void> {
    const expected: Array<[string, string]> = [
      ['HTX đã đăng ký', count(summary.cooperatives.registered)],
      ['HTX đã được duyệt', count(summary.cooperatives.approved)],
      ['HTX có hàng đang bán', count(summary.cooperatives.withActiveProducts)],
      ['HTX lên sàn TMĐT khác', count(summary.cooperatives.withExternalChannel)],
      ['Sản phẩm đang bán', count(summary.products.active)],
      ['Sản phẩm OCOP đang bán', count(summary.products.ocopOnline)],
      ['Đơn hàng', count(summary.orders.count)],
      ['Giá trị giao dịch', money(summary.orders.gmv)],
    ].map(([label, value]) => [label, spaces(value)]);
    const read = () =>
      Promise.all(
        expected.map(async ([label]) => [
          label,
          spaces((await kpiPanel(page).getByRole('group', { name: label, exact: true }).locator('.kpi-value').textContent()) ?? ''),
        ]),
      );
    const shown = await eventually(read, (tiles) => JSON.stringify(tiles) === JSON.stringify(expected), 30_000, 200);
    expect(shown).toEqual(expected);
  }

  async function noSideScroll(page: Page): Promise<void> {
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
  }

  for (const [role, email] of [
    ['buyer', BUYER],
    ['cooperative admin', COOP_ADMIN],
  ] as const) {
    it(`a ${role} cannot open /department: told so, no figures shown, and the API answers 403`, async () => {
      await scenario(`refused-${role.replace(' ', '-')}`, DESKTOP, async (page) => {
        await signIn(page, email);
        await page.getByRole('heading', { level: 1, name: 'Không có quyền truy cập' }).waitFor();
        expect(await page.locator('.kpi, .dept-panel, .dept-nav').count()).toBe(0);
        for (const route of ['/uptake/summary', '/admin/cooperatives?status=submitted', '/admin/ocop-claims?status=pending', '/uptake/moit-report?year=2026']) {
          expect({ route, status: (await call(email, route)).status }).toEqual({ route, status: 403 });
        }
      });
    });
  }

  it('an official changes the period and sees the figures of /uptake/summary, switches a chart to former districts and downloads the export', async () => {
    await scenario('overview', DESKTOP, async (page) => {
      await signIn(page, OFFICIAL);
      await page.getByRole('heading', { level: 1, name: 'Tổng quan' }).waitFor();
      const url = new URL(page.url());
      expect(url.pathname).toBe('/department');

      // This month so far (the default), then a custom month ending 200 days ago: seeded cooperatives
      // registered between the two ends make the figures differ.
      const thisMonth = { from: `${vietnamDay(0).slice(0, 8)}01`, to: vietnamDay(0) };
      const earlier = { from: vietnamDay(230), to: vietnamDay(200) };
      const now = (await call<Summary>(OFFICIAL, `/uptake/summary?from=${thisMonth.from}&to=${thisMonth.to}`)).body;
      const then = (await call<Summary>(OFFICIAL, `/uptake/summary?from=${earlier.from}&to=${earlier.to}`)).body;
      expect(then.cooperatives.registered).not.toBe(now.cooperatives.registered);
      await expectTiles(page, now);
      await page.locator('.dept-chart canvas').first().waitFor();
      await shot(page, 'department-desktop-overview');

      await page.getByRole('group', { name: 'Kỳ báo cáo' }).getByRole('button', { name: 'Tuỳ chọn' }).click();
      await page.getByLabel('Từ ngày').fill(earlier.from);
      await page.getByLabel('Đến ngày').fill(earlier.to);
      await page.getByRole('button', { name: 'Xem', exact: true }).click();
      await page.waitForURL(
        (u) => u.searchParams.get('from') === earlier.from && u.searchParams.get('to') === earlier.to && u.searchParams.get('period') === 'custom',
      );
      await expectTiles(page, then);

      // The link keeps the filters: opened again, it shows the same period.
      await page.reload();
      await expectTiles(page, then);

      const series = page.locator('section[aria-labelledby="series-title"]');
      await series.getByRole('group', { name: 'Chia theo' }).getByRole('button', { name: 'Huyện, thị xã cũ' }).click();
      const byDistrict = (
        await call<{ series: Array<{ name: string }> }>(
          OFFICIAL,
          `/uptake/timeseries?from=${earlier.from}&to=${earlier.to}&metric=gmv&interval=week&by=former_district`,
        )
      ).body;
      await series.locator('details summary').click();
      const districts = byDistrict.series.map((s) => s.name);
      const seriesNames = async () => (await series.locator('details thead th').allTextContents()).slice(1).map((h) => h.replace(/[↕▲▼]/g, '').trim());
      expect(await eventually(seriesNames, (names) => JSON.stringify(names) === JSON.stringify(districts), 30_000, 200)).toEqual(districts);
      expect(districts).not.toContain('Shopee');

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải báo cáo Excel' }).click()]);
      expect(download.suggestedFilename()).toBe(`nong-san-uptake-${earlier.from}-${earlier.to}.xlsx`);
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(await download.path());
      const cover = book.getWorksheet('Bìa')!;
      expect([cover.getCell('B3').value, cover.getCell('B4').value]).toEqual([earlier.from, earlier.to]);
      const overview = book.getWorksheet('Tổng quan')!;
      expect(overview.getCell('A2').value).toBe('HTX đã đăng ký');
      expect(overview.getCell('B2').value).toBe(then.cooperatives.registered);
    });
  });

  it('an official approves a waiting cooperative, which leaves the queue, with the decision in its audit trail', async () => {
    await scenario('review', DESKTOP, async (page) => {
      await signIn(page, OFFICIAL);
      await page.getByRole('navigation', { name: 'Các mục của bảng điều hành' }).getByRole('link', { name: 'Duyệt hợp tác xã' }).click();
      await page.getByRole('link', { name: WAITING }).waitFor();
      await page.getByRole('link', { name: ALSO_WAITING }).waitFor();
      await shot(page, 'department-desktop-review');

      await page.getByRole('link', { name: WAITING }).click();
      await page.getByRole('heading', { level: 1, name: WAITING }).waitFor();
      await page.getByRole('heading', { name: 'Giấy tờ' }).waitFor();
      // Rejecting needs a reason, said beside the field.
      await page.getByRole('button', { name: 'Từ chối' }).click();
      await page.getByText('Vui lòng nhập lý do.').waitFor();
      await shot(page, 'department-desktop-cooperative');

      await page.getByRole('button', { name: 'Duyệt', exact: true }).click();
      await page.getByRole('status').filter({ hasText: 'Đã duyệt hợp tác xã.' }).waitFor();
      await page.locator('.page-head .status', { hasText: 'Đã duyệt' }).waitFor();
      await page.locator('section[aria-labelledby="audit-title"]').getByText('cooperative.approve').waitFor();

      await page.getByRole('link', { name: /Danh sách hợp tác xã/ }).click();
      await page.getByRole('link', { name: ALSO_WAITING }).waitFor();
      expect(await page.getByRole('link', { name: WAITING }).count()).toBe(0);
    });
  });

  it('an official verifies a pending OCOP claim, after which the product shows under the storefront OCOP filter', async () => {
    // A cooperative admin changes a certificate number: the claim goes back to pending.
    const [cooperative] = (await call<{ items: Array<{ id: string }> }>(COOP_ADMIN, '/me/cooperatives')).body.items;
    type Product = { id: string; name: string; ocop: { stars: number; certificateNumber: string; issuedAt: string; expiresAt: string; valid: boolean } | null };
    const products = (await call<{ items: Product[] }>(COOP_ADMIN, `/cooperatives/${cooperative.id}/products?status=active&limit=100`)).body.items;
    const product = products.find((p) => p.ocop?.valid)!;
    expect(product).toBeDefined();
    const { stars, certificateNumber, issuedAt, expiresAt } = product.ocop!;
    const edit = await call(COOP_ADMIN, `/products/${product.id}`, {
      method: 'PATCH',
      body: JSON.stringify({ ocop: { stars, certificateNumber: `${certificateNumber}-BS`, issuedAt, expiresAt } }),
    });
    expect(edit.status).toBe(200);
    const underFilter = async () => {
      const response = await fetch(`${store.url}/api/v1/catalog/products?q=${encodeURIComponent(product.name)}&ocopStars=${stars}&limit=50`);
      return ((await response.json()) as { items: Array<{ name: string }> }).items.some((item) => item.name === product.name);
    };
    expect(await underFilter()).toBe(false);

    await scenario('ocop', DESKTOP, async (page) => {
      await signIn(page, OFFICIAL);
      await page.getByRole('link', { name: 'Xác minh OCOP' }).click();
      const claim = page.locator('.claim', { hasText: product.name });
      await claim.getByRole('button').click();
      await page.getByRole('heading', { level: 2, name: product.name }).waitFor();
      await page.getByText(`${certificateNumber}-BS`).first().waitFor();
      await shot(page, 'department-desktop-ocop');
      await page.getByRole('button', { name: 'Xác minh', exact: true }).click();
      await page
        .getByRole('status')
        .filter({ hasText: `Đã xác minh “${product.name}”.` })
        .waitFor();
      expect(await page.locator('.claim', { hasText: product.name }).count()).toBe(0);

      await page.goto(`/search?q=${encodeURIComponent(product.name)}&ocopStars=${stars}`);
      await page.locator('.product-card').getByRole('heading', { name: product.name }).first().waitFor();
    });
    expect(await underFilter()).toBe(true);
  });

  it('the storefront counts one visit per browser session, and the Ministry report shows the visits with each figure of the API', async () => {
    const year = Number(vietnamDay(0).slice(0, 4));
    type Report = Record<string, number | string>;
    const report = async () => (await call<Report>(OFFICIAL, `/uptake/moit-report?year=${year}`)).body;
    const before = Number((await report()).soLuongTruyCap);
    for (const visitor of ['first', 'second']) {
      await scenario(`visits-${visitor}`, PHONE, async (page) => {
        const beacons: string[] = [];
        page.on('request', (request) => request.url().endsWith('/api/v1/visits') && beacons.push(request.method()));
        await page.goto('/');
        await page.locator('.product-card').first().waitFor();
        await page.goto('/search?q=nuoc%20mam');
        await page.locator('.product-card').first().waitFor();
        await page.reload();
        await page.locator('.product-card').first().waitFor();
        expect(beacons).toEqual(['POST']);
      });
    }
    const after = await eventually(report, (r) => Number(r.soLuongTruyCap) === before + 2, 30_000, 200);
    expect(Number(after.soLuongTruyCap)).toBe(before + 2);

    await scenario('moit-report', DESKTOP, async (page) => {
      await signIn(page, OFFICIAL);
      await page.getByRole('link', { name: 'Báo cáo Bộ Công Thương' }).click();
      await page.getByRole('heading', { level: 1, name: 'Báo cáo gửi Bộ Công Thương' }).waitFor();
      await page.locator('tr[data-figure="soLuongTruyCap"]').waitFor();
      const expected = await report();
      for (const figure of ['soLuongTruyCap', 'soNguoiBan', 'tongSoSanPham', 'soLuongGiaoDich']) {
        expect(spaces((await page.locator(`tr[data-figure="${figure}"] td.numeric`).textContent()) ?? '')).toBe(spaces(count(Number(expected[figure]))));
      }
      expect(spaces((await page.locator('tr[data-figure="tongGiaTriGiaoDich"] td.numeric').textContent()) ?? '')).toBe(
        spaces(money(Number(expected.tongGiaTriGiaoDich))),
      );
      await page.locator('tr[data-figure="soLuongTruyCap"] th', { hasText: 'Số lượng truy cập' }).waitFor();
      await shot(page, 'department-desktop-moit-report');
    });
  });

  it('on a phone an official adds a search synonym, is told a repeated one is already listed, and buyers find by it at once', async () => {
    const search = async (q: string) =>
      ((await (await fetch(`${store.url}/api/v1/catalog/products?q=${encodeURIComponent(q)}`)).json()) as { items: Array<{ name: string }> }).items.map(
        (i) => i.name,
      );
    expect(await search('coconut rice cracker')).toEqual([]);
    await scenario('synonyms', PHONE, async (page) => {
      await signIn(page, OFFICIAL);
      await page.getByRole('link', { name: 'Từ tìm kiếm' }).click();
      await page.getByRole('heading', { level: 1, name: 'Từ đồng nghĩa khi tìm kiếm' }).waitFor();
      await page.locator('.synonym-row', { hasText: 'fish sauce' }).waitFor();

      // "bánh đa" is in the starting list: the form says so beside the field, in Vietnamese.
      await page.getByLabel('Người mua gõ').first().fill('Bánh Đa');
      await page.getByLabel('Nghĩa là (từ trên sàn)').first().fill('bánh phở');
      await page.getByRole('button', { name: 'Thêm' }).click();
      await page.locator('.field-error', { hasText: 'đã có trong danh sách từ đồng nghĩa' }).waitFor();

      await page.getByLabel('Người mua gõ').first().fill('coconut rice cracker');
      await page.getByLabel('Nghĩa là (từ trên sàn)').first().fill('bánh tráng nước dừa');
      await page.getByRole('button', { name: 'Thêm' }).click();
      await page.getByRole('status').filter({ hasText: 'Đã thêm: “coconut rice cracker” → “bánh tráng nước dừa”.' }).waitFor();
      await page.getByLabel('Tìm trong danh sách').fill('coconut');
      await page.getByRole('button', { name: 'Tìm', exact: true }).click();
      await page.locator('.synonym-row', { hasText: 'coconut rice cracker' }).waitFor();
      await noSideScroll(page);
      await shot(page, 'department-phone-synonyms');

      await page.goto('/search?q=coconut%20rice%20cracker');
      await page.locator('.product-card').getByRole('heading', { name: 'Bánh tráng nước dừa Tam Quan nướng sẵn' }).first().waitFor();
    });
    expect(await search('coconut rice cracker')).toContain('Bánh tráng nước dừa chưa nướng');
  });

  it('on a 360 px phone the overview, the review queue and the OCOP queue fit the width', async () => {
    await scenario('phone', PHONE, async (page) => {
      await signIn(page, OFFICIAL);
      await kpiPanel(page).and(page.locator('[aria-busy="false"]')).waitFor();
      await page.locator('.dept-chart canvas').first().waitFor();
      await noSideScroll(page);
      await shot(page, 'department-phone-overview');

      await page.goto('/department/cooperatives?status=approved');
      await page.locator('.dept-table tbody tr').first().waitFor();
      await noSideScroll(page);
      await shot(page, 'department-phone-review');

      await page.goto('/department/ocop');
      await page.getByRole('heading', { level: 2, name: 'Yêu cầu chờ xác minh' }).waitFor();
      await page.locator('.claims, .empty').first().waitFor();
      await noSideScroll(page);
      await shot(page, 'department-phone-ocop');
    });
  });
});
