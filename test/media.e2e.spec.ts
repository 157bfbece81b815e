import { XMLParser } from 'fast-xml-parser';
import { Role } from '@nongsan/core';
import sharp from 'sharp';
import { createTestApp, signIn, type Session, type TestApp } from './harness/app.js';
import { createProduct } from './harness/catalog-fixtures.js';
import { approveCooperative, createCooperative } from './harness/fixtures.js';

const PUBLIC_URL = 'https://nongsan.example.vn';

/** A pictured, published product of a new approved cooperative. */
async function listedProduct(t: TestApp): Promise<{ owner: Session; coop: string; id: string; slug: string }> {
  const owner = await signIn(t);
  const coop = (await createCooperative(t, owner)).id;
  await approveCooperative(t, owner, await signIn(t, Role.Official), coop);
  const product = await createProduct(t, coop, owner);
  const png = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#2a7' } })
    .png()
    .toBuffer();
  await t.http().post(`/api/v1/products/${product.id}/images`).set(owner.auth).attach('file', png, 'hop.png').expect(201);
  const published = await t.http().post(`/api/v1/products/${product.id}/publish`).set(owner.auth).expect(200);
  return { owner, coop, id: product.id, slug: published.body.slug };
}

/**
 * Issue #28: with S3_PUBLIC_URL unset (the embedded default), image links pointed at the embedded
 * store's http://127.0.0.1:<port>, which phones and the platforms cannot load.
 */
describe('public images and links from the app’s own origin', () => {
  it('serves images through the app, on PUBLIC_URL, and the feeds link there whatever the Host header says', async () => {
    const t = await createTestApp({ env: { S3_PUBLIC_URL: '', PUBLIC_URL } });
    try {
      const { owner, coop, slug } = await listedProduct(t);
      const product = (await t.http().get(`/api/v1/catalog/products/${slug}`).expect(200)).body;
      const url = product.images[0].urls['320'] as string;
      expect(url).toMatch(new RegExp(`^${PUBLIC_URL}/api/v1/media/public/products/[0-9a-f-]+/[0-9a-f-]+/320\\.webp$`));
      const image = await t.http().get(new URL(url).pathname).expect(200);
      expect(image.headers['content-type']).toBe('image/webp');
      expect(image.headers['cache-control']).toContain('immutable');
      expect((await sharp(image.body as Buffer).metadata()).width).toBe(320);

      const search = (await t.http().get('/api/v1/catalog/products').query({ q: product.name }).expect(200)).body;
      expect(search.items[0].imageUrl).toMatch(new RegExp(`^${PUBLIC_URL}/api/v1/media/`));

      const feed = (await t.http().post(`/api/v1/cooperatives/${coop}/channels`).set(owner.auth).send({ platform: 'google-merchant' }).expect(201)).body;
      expect(feed.feedUrl.startsWith(`${PUBLIC_URL}/`)).toBe(true);
      const xml = await t.http().get(new URL(feed.feedUrl).pathname).set('Host', 'evil.example').set('X-Forwarded-Host', 'evil.example').expect(200);
      const item = new XMLParser().parse(xml.text).rss.channel.item;
      expect(item['g:link']).toBe(`${PUBLIC_URL}/products/${slug}`);
      expect(item['g:image_link']).toMatch(new RegExp(`^${PUBLIC_URL}/api/v1/media/public/products/.+\\.webp$`));
      expect(xml.text).not.toContain('evil.example');
      expect(xml.text).not.toContain('127.0.0.1');
    } finally {
      await t.close();
    }
  });

  it('without PUBLIC_URL, gives root-relative image links that load from wherever the app is served, and only public objects', async () => {
    const t = await createTestApp({ env: { S3_PUBLIC_URL: '' } });
    try {
      const { slug } = await listedProduct(t);
      const url = (await t.http().get(`/api/v1/catalog/products/${slug}`).expect(200)).body.images[0].urls['1024'] as string;
      expect(url).toMatch(/^\/api\/v1\/media\/public\/products\/.+\/1024\.webp$/);
      await t.http().get(url).expect(200).expect('Content-Type', 'image/webp');
      await t.http().get('/api/v1/media/public/products/none/none/320.webp').expect(404);
      for (const sneaky of ['/api/v1/media/public/..%2Fprivate%2Fcooperatives%2Fx.pdf', '/api/v1/media/public/products/%2E%2E/%2E%2E/private/x.pdf']) {
        expect([sneaky, (await t.http().get(sneaky)).status]).toEqual([sneaky, 404]);
      }
    } finally {
      await t.close();
    }
  });
});
