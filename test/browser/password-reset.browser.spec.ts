import fs from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, SCREENSHOTS, startStorefront, type Storefront } from './storefront-server.js';

const BUYER = 'nguoimua@demo.nongsan.vn';
const ADMIN = { email: 'admin@demo.nongsan.vn' };
const MOBILE = { viewport: { width: 360, height: 780 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

/**
 * Issue #26 as a person does it on a phone, against `npm start`'s embedded default: forgot
 * password → the e-mail, read from the local mail catcher through GET /admin/mail → the link →
 * a new password → signed in with it.
 */
describe('password reset in Chromium, with the embedded mail catcher', () => {
  let store: Storefront;
  let browser: Browser;
  let demoPassword: string;

  beforeAll(async () => {
    await fs.mkdir(SCREENSHOTS, { recursive: true });
    store = await startStorefront();
    demoPassword = /admin\s+admin@demo\.nongsan\.vn \/ (\S+)/.exec(store.log())![1];
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await store?.stop();
  });

  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });

  /** The reset link in the newest caught mail to the buyer, as an admin reads it. */
  async function caughtResetLink(): Promise<string> {
    const login = await fetch(`${store.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...ADMIN, password: demoPassword }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    for (const deadline = Date.now() + 60_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 250))) {
      const response = await fetch(`${store.url}/api/v1/admin/mail`, { headers: { Authorization: `Bearer ${accessToken}` } });
      const { catcherEnabled, items } = (await response.json()) as {
        catcherEnabled: boolean;
        items: Array<{ to: string; subject: string; text: string; html: string }>;
      };
      expect(catcherEnabled).toBe(true);
      const mail = items.find((m) => m.to.includes(BUYER) && m.subject === 'Đặt lại mật khẩu Nông sản');
      if (mail) {
        const links = mail.text.match(/http:\/\/\S+\/reset-password\?token=[A-Za-z0-9_%-]+/g) ?? [];
        expect(links).toHaveLength(1);
        expect(mail.html).toContain(links[0]);
        return links[0]!;
      }
    }
    throw new Error('no reset e-mail was caught');
  }

  it('forgot password → the caught e-mail → the link → a new password → signed in', async () => {
    const context = await browser.newContext({ ...MOBILE, baseURL: store.url, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    try {
      await page.goto('/login');
      await page.getByRole('link', { name: 'Quên mật khẩu?' }).click();
      await page.getByRole('heading', { level: 1, name: 'Quên mật khẩu' }).waitFor();
      await page.getByLabel('Email').fill(BUYER);
      await shot(page, 'password-reset-1-forgot');
      await page.getByRole('button', { name: 'Gửi liên kết' }).click();
      await page.getByRole('status').filter({ hasText: 'một liên kết đặt lại mật khẩu vừa được gửi' }).waitFor();
      await shot(page, 'password-reset-2-sent');

      const link = new URL(await caughtResetLink());
      // The link is built from PUBLIC_URL (unset here: this machine's own address and port), never the request's Host.
      expect(link.origin).toBe(`http://localhost:${new URL(store.url).port}`);
      await page.goto(`${link.pathname}${link.search}`);
      await page.getByRole('heading', { level: 1, name: 'Đặt mật khẩu mới' }).waitFor();
      await page.getByLabel('Mật khẩu mới').fill('ngan');
      await page.getByRole('button', { name: 'Lưu mật khẩu mới' }).click();
      await page.locator('.field-error').filter({ hasText: 'ít nhất 8 ký tự' }).waitFor();
      await shot(page, 'password-reset-3-too-short');
      await page.getByLabel('Mật khẩu mới').fill('mat-khau-moi-cua-toi');
      await page.getByRole('button', { name: 'Lưu mật khẩu mới' }).click();
      await page.getByRole('status').filter({ hasText: 'Đã đổi mật khẩu' }).waitFor();
      await shot(page, 'password-reset-4-done');

      await page.locator('section.narrow').getByRole('link', { name: 'Đăng nhập' }).click();
      await page.getByLabel('Email').fill(BUYER);
      await page.getByLabel('Mật khẩu').fill('mat-khau-moi-cua-toi');
      await page.locator('form').getByRole('button', { name: 'Đăng nhập' }).click();
      await page.waitForURL(`${store.url}/`);
      await shot(page, 'password-reset-5-signed-in');

      // The same link a second time is refused, with the way forward.
      await page.goto(`${link.pathname}${link.search}`);
      await page.getByLabel('Mật khẩu mới').fill('mat-khau-lan-thu-hai');
      await page.getByRole('button', { name: 'Lưu mật khẩu mới' }).click();
      await page.getByRole('alert').filter({ hasText: 'Liên kết không hợp lệ' }).waitFor();
      await page.getByRole('link', { name: 'Yêu cầu liên kết mới' }).waitFor();
      await shot(page, 'password-reset-6-reused');
      expect(problems).toEqual([]);
    } catch (error) {
      await shot(page, 'failed-password-reset').catch(() => undefined);
      throw error;
    } finally {
      await context.close();
    }
  }, 240_000);

  it('shows an admin the caught mail in the department dashboard', async () => {
    const context = await browser.newContext({ ...MOBILE, baseURL: store.url, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const page = await context.newPage();
    try {
      await page.goto('/login?next=/department/mail');
      await page.getByLabel('Email').fill(ADMIN.email);
      await page.getByLabel('Mật khẩu').fill(demoPassword);
      await page.locator('form').getByRole('button', { name: 'Đăng nhập' }).click();
      await page.getByRole('heading', { level: 1, name: 'Thư hệ thống đã gửi' }).waitFor();
      const reset = page.getByRole('button', { name: /Đặt lại mật khẩu Nông sản/ }).first();
      await reset.click();
      await page.locator('.caught-mail-text').filter({ hasText: '/reset-password?token=' }).waitFor();
      await shot(page, 'password-reset-7-caught-mail');
    } catch (error) {
      await shot(page, 'failed-caught-mail').catch(() => undefined);
      throw error;
    } finally {
      await context.close();
    }
  }, 120_000);
});
