import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createTestApp, type TestApp } from './harness/app.js';
// @ts-expect-error plain ESM script without types, shared with `npm run api:client`
import { DOCUMENT_PATH, renderClientTypes, TYPES_PATH } from '../scripts/api-client.mjs';

describe('web app: served at /, and its API client matches the API', () => {
  let t: TestApp;
  let webDir: string;
  beforeAll(async () => {
    // A stand-in build with the shape Vite gives (index.html + hashed assets), so this test does not depend on the real build.
    webDir = await fs.mkdtemp(path.join(os.tmpdir(), 'nongsan-web-'));
    await fs.mkdir(path.join(webDir, 'assets'));
    await fs.writeFile(
      path.join(webDir, 'index.html'),
      '<!doctype html><html lang="vi"><div id="root"></div><script type="module" src="/assets/index-abc123.js"></script></html>',
    );
    await fs.writeFile(path.join(webDir, 'assets', 'index-abc123.js'), `console.log(${JSON.stringify('x'.repeat(5000))});`);
    t = await createTestApp({ env: { WEB_DIR: webDir } });
  });
  afterAll(async () => {
    await t.close();
    await fs.rm(webDir, { recursive: true, force: true });
  });

  it('answers the SPA routes with index.html, never cached', async () => {
    for (const url of ['/', '/products/nuoc-mam-go-boi', '/cart', '/me/orders', '/no-such-page']) {
      const res = await t.http().get(url).expect(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.text).toContain('<div id="root">');
    }
  });

  it('serves hashed assets compressed and cached for a year; a missing asset is 404, not the page', async () => {
    const res = await t.http().get('/assets/index-abc123.js').set('Accept-Encoding', 'gzip').expect(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['cache-control']).toMatch(/max-age=31536000.*immutable/);
    const missing = await t.http().get('/assets/index-old999.js');
    expect(missing.status).toBe(404);
    expect(missing.text).not.toContain('<div id="root">');
  });

  it('leaves the API, probes and feeds to the server: an unknown API path is a JSON 404', async () => {
    const res = await t.http().get('/api/v1/no-such-thing').expect(404);
    expect(res.body.error.code).toBe('ROUTE_NOT_FOUND');
    expect((await t.http().get('/health').expect(200)).body).toEqual({ status: 'ok' });
    expect((await t.http().get('/api/v1/catalog/categories').expect(200)).body.items.length).toBeGreaterThan(0);
  });

  it('keeps the checked-in OpenAPI document and typed client identical to what the API serves (npm run api:client)', async () => {
    const served = (await t.http().get('/api/docs-json').expect(200)).body;
    const checkedIn = JSON.parse(await fs.readFile(DOCUMENT_PATH, 'utf8'));
    expect(checkedIn).toEqual(served);
    expect(await fs.readFile(TYPES_PATH, 'utf8')).toBe(await renderClientTypes(checkedIn));
  });
});

describe('web app: without a build, / opens the API docs', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { WEB_DIR: path.join(os.tmpdir(), 'nongsan-no-web-build') } });
  });
  afterAll(() => t.close());

  it('redirects / to /api/docs', async () => {
    const res = await t.http().get('/').expect(302);
    expect(res.headers.location).toBe('/api/docs');
  });
});
