import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { findFreePort } from '@nongsan/runtime';

export interface Storefront {
  url: string;
  log: () => string;
  stop(): Promise<void>;
}

/**
 * `node dist/apps/api/src/main.js` on a fresh DATA_DIR: embedded PostgreSQL, demo data, the built
 * web app. `env` adds settings, e.g. CHANNEL_SHOPEE_BASE_URL pointing at a fake started by the test.
 */
export async function startStorefront(env: Record<string, string> = {}): Promise<Storefront> {
  // While working on the pages: point at an app you already run (`STOREFRONT_URL=http://localhost:3000`).
  const running = process.env.STOREFRONT_URL;
  if (running) return { url: running, log: () => '', stop: async () => undefined };
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'nongsan-browser-'));
  await fs.chmod(dataDir, 0o755);
  const port = await findFreePort();
  let output = '';
  const child: ChildProcess = spawn(process.execPath, ['dist/apps/api/src/main.js'], {
    env: { ...process.env, ...env, DATA_DIR: path.join(dataDir, 'data'), PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', SEED_DEMO: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 150_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the app exited (${child.exitCode}):\n${output}`);
    const ready = await fetch(`${url}/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready && output.includes('demo logins')) break;
    if (Date.now() > deadline) throw new Error(`the app was not ready in time:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return {
    url,
    log: () => output,
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 30_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Debian's Chromium with the flags this closed network needs (STACK.md); never a downloaded browser. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

export const SCREENSHOTS = path.resolve('test/browser/screenshots');

/** Saves the whole page as `<name>.png` beside the other screenshots. */
export const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });

/**
 * Runs `steps` in a fresh browser context, in Vietnamese and Vietnam time. A page error, or a console
 * error other than the API's 4xx answers the pages handle, fails the scenario; a failed one leaves
 * `failed-<name>.png` and says where it was.
 */
export async function scenario(
  browser: Browser,
  baseURL: string,
  name: string,
  options: BrowserContextOptions,
  steps: (page: Page) => Promise<void>,
): Promise<void> {
  const context = await browser.newContext({ ...options, baseURL, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', acceptDownloads: true });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => message.type() === 'error' && !/status of 4\d\d/.test(message.text()) && problems.push(message.text()));
  try {
    await steps(page);
    expect(problems).toEqual([]);
  } catch (error) {
    await shot(page, `failed-${name}`).catch(() => undefined);
    throw new Error(`${(error as Error).message}\nat ${page.url()}; screenshot failed-${name}.png`, { cause: error });
  } finally {
    await context.close();
  }
}

/**
 * One API call for what a browser test sets up around its screens: JSON or a form, the bearer
 * token when given, a fresh Idempotency-Key for a checkout. Anything but 2xx throws with the answer.
 */
export async function apiCall<T>(origin: string, method: string, url: string, token: string | null, body?: unknown): Promise<T> {
  const form = body instanceof FormData;
  const response = await fetch(`${origin}/api/v1${url}`, {
    method,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body && !form ? { 'Content-Type': 'application/json' } : {}),
      ...(method === 'POST' && url === '/checkouts' ? { 'Idempotency-Key': randomUUID() } : {}),
    },
    body: form ? body : body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${url} → ${response.status} ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}

/** A multipart body with `file` (and any other fields), as the upload routes take it. */
export function upload(file: Buffer, name: string, type: string, fields: Record<string, string> = {}): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', new Blob([file], { type }), name);
  return form;
}
