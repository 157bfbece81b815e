import fs from 'node:fs/promises';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { eventually } from '../harness/eventually.js';
import { launchChromium, scenario as runScenario, SCREENSHOTS, shot, startStorefront, type Storefront } from './storefront-server.js';

/** The demo logins `npm start` prints (libs/demo). */
const PASSWORD = 'nongsan-demo';
const COLLECTOR = 'thuho@demo.nongsan.vn';
const OFFICIAL = 'sct@demo.nongsan.vn';
const BUYER = 'nguoimua@demo.nongsan.vn';
const BAUDA = 'htx.bauda@demo.nongsan.vn';
const BAUDA_NAME = 'Hợp tác xã Rượu Bàu Đá Cù Lâm';

const DESKTOP: BrowserContextOptions = { viewport: { width: 1366, height: 900 } };
const PHONE: BrowserContextOptions = { viewport: { width: 360, height: 780 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const spaces = (text: string | null) => (text ?? '').replace(/\s+/g, ' ');
const money = (n: number) => new Intl.NumberFormat('vi-VN', { style: 'currency', currency: 'VND', maximumFractionDigits: 0 }).format(n);

interface Checkout {
  id: string;
  total: number;
  orders: Array<{ id: string; cooperativeId: string; total: number }>;
  payment: { vietqr: { reference: string } };
}

describe('department dashboard in Chromium: the collector’s desk (Tiền)', () => {
  let store: Storefront;
  let browser: Browser;
  const tokens = new Map<string, string>();
  let variants: { bauda: string; other: string };
  let keys = 0;

  beforeAll(async () => {
    await fs.mkdir(SCREENSHOTS, { recursive: true });
    store = await startStorefront();
    browser = await launchChromium();
    // One product of Bàu Đá and one of another cooperative, from the demo catalog.
    const { body } = await call<{ items: Array<{ slug: string; cooperative: { name: string } }> }>(null, '/catalog/products?limit=100');
    const variantOf = async (slug: string) =>
      (await call<{ variants: Array<{ id: string; stock: number }> }>(null, `/catalog/products/${slug}`)).body.variants.find((v) => v.stock > 20)!.id;
    const bauda = body.items.find((p) => p.cooperative.name === BAUDA_NAME)!;
    const other = body.items.find((p) => p.cooperative.name !== BAUDA_NAME)!;
    variants = { bauda: await variantOf(bauda.slug), other: await variantOf(other.slug) };
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

  async function call<T>(email: string | null, route: string, init: RequestInit = {}, expected?: number): Promise<{ status: number; body: T }> {
    const response = await fetch(`${store.url}/api/v1${route}`, {
      ...init,
      headers: { ...(email ? { Authorization: `Bearer ${await tokenOf(email)}` } : {}), 'Content-Type': 'application/json', ...init.headers },
    });
    const text = await response.text();
    if (expected !== undefined) expect({ route, status: response.status, text }).toMatchObject({ route, status: expected });
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  }
  const post = <T>(email: string, route: string, body: unknown = {}, expected = 200) =>
    call<T>(email, route, { method: 'POST', body: JSON.stringify(body) }, expected);

  /** A VietQR checkout by the demo buyer, waiting for its transfer. */
  const vietQrCheckout = async (items: Array<{ variantId: string; quantity: number }>) =>
    (
      await call<Checkout>(
        BUYER,
        '/checkouts',
        {
          method: 'POST',
          headers: { 'Idempotency-Key': `money-browser-${process.pid}-${++keys}` },
          body: JSON.stringify({
            items,
            shippingAddress: { fullName: 'Nguyễn Văn An', phone: '0905 123 456', addressLine: '12 Nguyễn Huệ', wardCode: '21583' },
            paymentMethod: 'vietqr',
          }),
        },
        201,
      )
    ).body;
  const orderStatuses = async (checkout: Checkout) =>
    Promise.all(checkout.orders.map(async (o) => (await call<{ status: string }>(BUYER, `/orders/${o.id}`)).body.status));

  const scenario = (name: string, options: BrowserContextOptions, steps: (page: Page) => Promise<void>) =>
    runScenario(browser, store.url, `money-${name}`, options, steps);

  async function signIn(page: Page, email: string): Promise<void> {
    await page.goto('/department');
    await page.waitForURL(/\/login\?next=%2Fdepartment$/);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Mật khẩu').fill(PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL(/\/department$/);
  }

  async function noSideScroll(page: Page, width: number): Promise<void> {
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(width);
  }

  it('an official without the finance permission sees no “Tiền” section, and the API refuses the desk', async () => {
    await scenario('no-finance', DESKTOP, async (page) => {
      await signIn(page, OFFICIAL);
      await page.getByRole('link', { name: 'Duyệt hợp tác xã' }).waitFor();
      expect(await page.getByRole('navigation', { name: 'Các mục của bảng điều hành' }).getByRole('link', { name: 'Tiền' }).count()).toBe(0);
      await page.goto('/department/money');
      await page.getByText('Tài khoản của bạn chưa có quyền này').waitFor();
      expect((await call(OFFICIAL, '/admin/checkouts?status=awaiting_transfer')).status).toBe(403);
    });
  });

  for (const [device, options, width] of [
    ['desktop', DESKTOP, 1366],
    ['phone', PHONE, 360],
  ] as const) {
    it(`the collector on a ${device}: confirms a transfer, reads a statement, records a bank refund, pays a cooperative and decides an escalated return`, async () => {
      await scenario(device, options, async (page) => {
        await signIn(page, COLLECTOR);
        await page.getByRole('navigation', { name: 'Các mục của bảng điều hành' }).getByRole('link', { name: 'Tiền' }).click();

        // 1. A checkout across two cooperatives: “Đã nhận tiền” after the dialog pays both orders.
        const shared = await vietQrCheckout([
          { variantId: variants.bauda, quantity: 1 },
          { variantId: variants.other, quantity: 1 },
        ]);
        await page.getByRole('heading', { level: 1, name: 'Chuyển khoản chờ xác nhận' }).waitFor();
        await page.reload();
        const card = page.locator('.money-card').filter({ hasText: shared.payment.vietqr.reference });
        await card.waitFor();
        expect(spaces(await card.textContent())).toContain(spaces(money(shared.total)));
        await noSideScroll(page, width);
        await shot(page, `money-transfers-${device}`);
        await card.getByRole('button', { name: 'Đã nhận tiền' }).click();
        const dialog = page.getByRole('dialog');
        await dialog.getByText(shared.payment.vietqr.reference).waitFor();
        await dialog.getByLabel('Mã giao dịch ngân hàng (nếu có)').fill(`FT${Date.now()}`);
        await shot(page, `money-transfer-dialog-${device}`);
        await dialog.getByRole('button', { name: 'Xác nhận đã nhận tiền' }).click();
        await page
          .getByRole('status')
          .filter({ hasText: `Đã xác nhận ${shared.payment.vietqr.reference}: 2 đơn đã thanh toán.` })
          .waitFor();
        expect(await orderStatuses(shared)).toEqual(['paid', 'paid']);
        expect(await page.locator('.money-card').filter({ hasText: shared.payment.vietqr.reference }).count()).toBe(0);

        // 2. A statement with a matching line, a short one and an unknown reference.
        const matching = await vietQrCheckout([{ variantId: variants.other, quantity: 1 }]);
        const short = await vietQrCheckout([{ variantId: variants.other, quantity: 2 }]);
        const today = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
        const csv = [
          'Sao kê tài khoản thu hộ',
          'Ngày giao dịch,Số tiền ghi có,Nội dung,Số tham chiếu',
          `${today},${matching.total},CT ${matching.payment.vietqr.reference} thanh toan,FT${device}1`,
          `${today},${short.total - 10000},${short.payment.vietqr.reference} chuyen thieu,FT${device}2`,
          `${today},77000,chuyen tien khong ghi ma ${device},FT${device}3`,
        ].join('\n');
        await page.getByRole('link', { name: 'Sao kê ngân hàng' }).click();
        // A file without the credit column is refused at once, naming it.
        await page
          .getByLabel('Tệp sao kê')
          .setInputFiles({ name: 'thieu-cot.csv', mimeType: 'text/csv', buffer: Buffer.from(`Ngày giao dịch,Nội dung\n${today},abc\n`) });
        await page.getByRole('button', { name: 'Tải lên và đối chiếu' }).click();
        await page.getByRole('alert').filter({ hasText: 'Không tìm thấy cột số tiền ghi có' }).waitFor();
        await shot(page, `money-statement-refused-${device}`);
        await page.getByLabel('Tệp sao kê').setInputFiles({ name: `saoke-${device}.csv`, mimeType: 'text/csv', buffer: Buffer.from(csv) });
        await page.getByRole('button', { name: 'Tải lên và đối chiếu' }).click();
        await page.getByRole('heading', { level: 1, name: `saoke-${device}.csv` }).waitFor();
        const statusOf = (row: string) => page.locator('tbody tr').filter({ hasText: row }).locator('.line-status');
        await statusOf(matching.payment.vietqr.reference).filter({ hasText: 'Khớp' }).waitFor();
        await statusOf(short.payment.vietqr.reference).filter({ hasText: 'Thiếu tiền' }).waitFor();
        await statusOf(`chuyen tien khong ghi ma ${device}`).filter({ hasText: 'Không rõ mã' }).waitFor();
        await noSideScroll(page, width);
        await shot(page, `money-statement-${device}`);
        await page.getByRole('button', { name: 'Thiếu tiền (1)' }).click();
        await eventually(
          () => page.locator('tbody tr').count(),
          (n) => n === 1,
          10_000,
          100,
        );
        expect(await orderStatuses(matching)).toEqual(['paid']);
        expect(await orderStatuses(short)).toEqual(['pending_payment']);

        // 3. The buyer cancels a paid order: the bank refund is recorded with the transfer back's reference.
        const cancelled = await post<{ refund: { id: string; amount: number } }>(BUYER, `/orders/${matching.orders[0].id}/cancel`, { reason: 'Đặt nhầm' });
        await page.getByRole('link', { name: 'Hoàn tiền' }).click();
        const refundCard = page.locator('.money-card').filter({ hasText: `Đơn ${matching.orders[0].id.slice(0, 8).toUpperCase()}` });
        await refundCard.waitFor();
        await refundCard.getByRole('button', { name: 'Ghi nhận đã hoàn' }).click();
        await refundCard.locator('.field-error').waitFor();
        await refundCard.getByLabel('Mã giao dịch chuyển trả').fill(`FT-HOAN-${device}`);
        await shot(page, `money-refunds-${device}`);
        await refundCard.getByRole('button', { name: 'Ghi nhận đã hoàn' }).click();
        await page
          .getByRole('status')
          .filter({ hasText: `Đã ghi nhận hoàn ${money(cancelled.body.refund.amount)}` })
          .waitFor();
        const order = (await call<{ refund: { status: string; reference: string } }>(BUYER, `/orders/${matching.orders[0].id}`)).body;
        expect(order.refund).toMatchObject({ status: 'refunded', reference: `FT-HOAN-${device}` });

        // 4. A delivered order makes money available to Bàu Đá: the VietQR shows, too much is refused in words, the payout is recorded.
        const sold = await vietQrCheckout([{ variantId: variants.bauda, quantity: 1 }]);
        await post(COLLECTOR, `/admin/checkouts/${sold.id}/payment-received`, {});
        for (const [step, body] of [
          ['confirm', {}],
          ['pack', {}],
          ['ship', { carrier: 'Viettel Post', trackingNumber: `VTP${Date.now()}` }],
          ['deliver', {}],
        ] as const) {
          await post(BAUDA, `/orders/${sold.orders[0].id}/${step}`, body);
        }
        const coopId = sold.orders[0].cooperativeId;
        const { available } = (await call<{ available: number }>(COLLECTOR, `/cooperatives/${coopId}/payouts`)).body;
        expect(available).toBeGreaterThan(0);
        await page.getByRole('link', { name: 'Chi trả HTX' }).click();
        await page.getByLabel('Tìm hợp tác xã').fill('bau da');
        await page.getByRole('button', { name: new RegExp(BAUDA_NAME) }).click();
        const panel = page.locator('section[aria-labelledby="payout-title"]');
        await panel.getByText(money(available).replace(/\s/g, ' ')).first().waitFor();
        await panel.getByLabel('Số tiền chi (đồng)').fill(String(available + 1));
        await panel.getByLabel('Mã giao dịch ngân hàng').fill(`UNC-${device}`);
        await panel.getByRole('button', { name: 'Ghi nhận đã chi' }).click();
        await panel.locator('.field-error, .error-state').filter({ hasText: 'có thể nhận tối đa' }).waitFor();
        await panel.getByLabel('Số tiền chi (đồng)').fill('');
        await panel.getByRole('button', { name: 'Tạo mã VietQR' }).click();
        const qr = panel.getByRole('img', { name: /^Mã VietQR chuyển/ });
        await qr.waitFor();
        expect(
          await qr.evaluate(
            (img) => (img as unknown as { complete: boolean; naturalWidth: number }).complete && (img as unknown as { naturalWidth: number }).naturalWidth > 0,
          ),
        ).toBe(true);
        expect(await panel.getByLabel('Số tiền chi (đồng)').inputValue()).toBe(String(available));
        await panel.getByText(`NONGSAN CHI TRA ${coopId.slice(0, 8).toUpperCase()}`).waitFor();
        await noSideScroll(page, width);
        await shot(page, `money-payout-qr-${device}`);
        await panel.getByRole('button', { name: 'Ghi nhận đã chi' }).click();
        await page
          .getByRole('status')
          .filter({ hasText: `Đã ghi nhận chi ${money(available)}` })
          .waitFor();
        const after = (
          await call<{ available: number; items: Array<{ kind: string; amount: number; reference: string }> }>(COLLECTOR, `/cooperatives/${coopId}/payouts`)
        ).body;
        expect(after.available).toBe(0);
        expect(after.items[0]).toMatchObject({ kind: 'payout', amount: -available, reference: `UNC-${device}` });
        await shot(page, `money-payout-recorded-${device}`);

        // 5. The buyer escalates the cooperative's refusal of a return; the official accepts it with the goods back.
        const asked = await post<{ id: string }>(
          BUYER,
          `/orders/${sold.orders[0].id}/returns`,
          { lines: [{ variantId: variants.bauda, quantity: 1 }], reason: 'Chai bị nứt khi nhận' },
          201,
        );
        await post(BAUDA, `/returns/${asked.body.id}/refuse`, { reason: 'Chai còn nguyên khi giao' });
        await post(BUYER, `/returns/${asked.body.id}/escalate`, { note: 'Có ảnh chụp lúc mở hộp' });
        await page.getByRole('link', { name: 'Trả hàng cần quyết định' }).click();
        const returnCard = page
          .locator('.money-card')
          .filter({ hasText: 'Có ảnh chụp lúc mở hộp' })
          .filter({ hasText: `Đơn ${sold.orders[0].id.slice(0, 8).toUpperCase()}` });
        await returnCard.getByText('Chai còn nguyên khi giao').waitFor();
        await returnCard.getByLabel('Chấp nhận: hoàn tiền cho người mua').check();
        await returnCard.getByLabel('Hàng đã được gửi trả về hợp tác xã').check();
        await returnCard.getByLabel('Lý do (bắt buộc, gửi cho cả hai bên)').fill('Ảnh cho thấy chai nứt khi vận chuyển');
        await noSideScroll(page, width);
        await shot(page, `money-returns-${device}`);
        await returnCard.getByRole('button', { name: 'Gửi quyết định' }).click();
        await page.getByRole('status').filter({ hasText: 'Đã quyết định yêu cầu trả hàng.' }).waitFor();
        const decided = (await call<{ status: string; refund: { amount: number; status: string } }>(BUYER, `/returns/${asked.body.id}`)).body;
        expect(decided).toMatchObject({ status: 'accepted', refund: { status: 'pending' } });

        // 6. The tax tab fits too.
        await page.getByRole('link', { name: 'Thuế khấu trừ' }).click();
        await page.getByRole('heading', { level: 1, name: 'Thuế khấu trừ của hộ kinh doanh' }).waitFor();
        await noSideScroll(page, width);
        await shot(page, `money-tax-${device}`);
      });
    });
  }
});
