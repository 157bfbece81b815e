import { Injectable, Module, type OnModuleInit } from '@nestjs/common';
import { PRODUCT_CHANGED, type ProductChangedEvent } from '@nongsan/catalog';
import { QueueService, Role } from '@nongsan/core';
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { addMember, createTestApp, signIn, type Session, type TestApp } from './harness/app.js';
import { createProduct, productInput } from './harness/catalog-fixtures.js';
import { daysFromToday } from './harness/dates.js';
import { approveCooperative, createCooperative } from './harness/fixtures.js';
import { eventually } from './harness/eventually.js';
import { queuesIdle } from './harness/queues.js';

/** Stands in for the channels context: every product event lands in its queue. */
@Injectable()
class ChannelsStandIn implements OnModuleInit {
  readonly events: ProductChangedEvent[] = [];
  constructor(private readonly queue: QueueService) {}
  async onModuleInit(): Promise<void> {
    await this.queue.defineQueue('test.product-events');
    await this.queue.subscribe(PRODUCT_CHANGED, 'test.product-events');
    this.queue.work<ProductChangedEvent>('test.product-events', async (event) => void this.events.push(event), { pollingIntervalSeconds: 0.5 });
  }
}

@Module({ providers: [ChannelsStandIn] })
class ChannelsStandInModule {}

/**
 * A valid PNG of `width`×`height` black pixels (1-bit grey), written by hand: every row is zeros,
 * so 256 megapixels deflate to some 30 KB — a tiny upload that would decode to hundreds of MB.
 */
function hugePng(width: number, height: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([1, 0, 0, 0, 0], 8); // bit depth 1, greyscale, deflate, no filter, no interlace
  const rows = Buffer.alloc((Math.ceil(width / 8) + 1) * height); // each row: filter byte 0, then zeros
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('catalog: products, variants, lifecycle, events', () => {
  let t: TestApp;
  let owner: Session;
  let official: Session;
  let coop: string;
  let listener: ChannelsStandIn;
  beforeAll(async () => {
    t = await createTestApp({ imports: [ChannelsStandInModule] });
    listener = t.app.get(ChannelsStandIn);
    owner = await signIn(t);
    official = await signIn(t, Role.Official);
    coop = (await createCooperative(t, owner)).id;
  });
  afterAll(() => t.close());

  it('creates a draft with variants, OCOP and certifications, and reads it back in full', async () => {
    const res = await t
      .http()
      .post(`/api/v1/cooperatives/${coop}/products`)
      .set(owner.auth)
      .send(
        productInput({
          ocop: { stars: 4, certificateNumber: '1234/QĐ-UBND', issuedAt: daysFromToday(-600), expiresAt: daysFromToday(500) },
          certifications: [{ type: 'vietgap', number: 'VG-0425', issuer: 'Trung tâm VietGAP', issuedAt: daysFromToday(-300), expiresAt: daysFromToday(400) }],
          harvestMonths: [7, 5, 6],
          shelfLifeDays: 730,
          variants: [
            { sku: 'BD-500', name: 'Chai 500 ml', price: 150000, weightGrams: 900, stock: 40 },
            { sku: 'BD-1000', name: 'Chai 1 lít', price: 260000, weightGrams: 1600, stock: 0 },
          ],
        }),
      )
      .expect(201);
    expect(res.body).toMatchObject({
      status: 'draft',
      slug: 'ruou-bau-da-nhon-loc-40-do',
      ocop: { stars: 4, valid: true },
      harvestMonths: [5, 6, 7],
      certifications: [{ type: 'vietgap', valid: true }],
    });
    expect(res.body.variants.map((v: { sku: string; price: number; stock: number }) => [v.sku, v.price, v.stock])).toEqual([
      ['BD-500', 150000, 40],
      ['BD-1000', 260000, 0],
    ]);
    const again = await t.http().get(`/api/v1/products/${res.body.id}`).set(owner.auth).expect(200);
    expect(again.body).toEqual(res.body);
  });

  it.each([
    ['a negative price', { variants: [{ sku: 'N-1', name: 'x', price: -1, weightGrams: 1, stock: 1 }] }, 'variants[0].price'],
    ['a float price', { variants: [{ sku: 'N-1', name: 'x', price: 1500.5, weightGrams: 1, stock: 1 }] }, 'variants[0].price'],
    ['a negative stock', { variants: [{ sku: 'N-1', name: 'x', price: 1, weightGrams: 1, stock: -3 }] }, 'variants[0].stock'],
    ['an unknown ward', { originWardCode: '99999' }, 'originWardCode'],
    ['an unknown category', { categoryId: 'khong-co' }, 'categoryId'],
    ['OCOP stars 6', { ocop: { stars: 6, certificateNumber: 'x', issuedAt: '2024-01-01', expiresAt: '2027-01-01' } }, 'ocop.stars'],
    ['an OCOP expiry before issue', { ocop: { stars: 3, certificateNumber: 'x', issuedAt: '2024-01-01', expiresAt: '2023-12-31' } }, 'ocop.expiresAt'],
    [
      'a certification expiring before issue',
      { certifications: [{ type: 'organic', number: 'O-1', issuer: 'x', issuedAt: '2025-01-01', expiresAt: '2025-01-01' }] },
      'certifications[0].expiresAt',
    ],
    ['harvest month 13', { harvestMonths: [12, 13] }, 'harvestMonths'],
    ['no variant', { variants: [] }, 'variants'],
    [
      'a SKU twice in one request',
      {
        variants: [
          { sku: 'TWICE', name: 'a', price: 1, weightGrams: 1, stock: 1 },
          { sku: 'twice', name: 'b', price: 1, weightGrams: 1, stock: 1 },
        ],
      },
      'variants[1].sku',
    ],
  ])('refuses %s with 400 naming the field, and saves nothing', async (_, overrides, field) => {
    const before = await t.http().get(`/api/v1/cooperatives/${coop}/products`).query({ limit: 100 }).set(owner.auth).expect(200);
    const res = await t.http().post(`/api/v1/cooperatives/${coop}/products`).set(owner.auth).send(productInput(overrides)).expect(400);
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
    const after = await t.http().get(`/api/v1/cooperatives/${coop}/products`).query({ limit: 100 }).set(owner.auth).expect(200);
    expect(after.body.items).toHaveLength(before.body.items.length);
  });

  it('keeps SKUs unique within the cooperative (any case), but not across cooperatives', async () => {
    await createProduct(t, coop, owner, { overrides: { variants: [{ sku: 'UNIQ-1', name: 'a', price: 1000, weightGrams: 10, stock: 1 }] } });
    const clash = await t
      .http()
      .post(`/api/v1/cooperatives/${coop}/products`)
      .set(owner.auth)
      .send(productInput({ variants: [{ sku: 'uniq-1', name: 'b', price: 1000, weightGrams: 10, stock: 1 }] }))
      .expect(400);
    expect(clash.body.error.details).toEqual([{ field: 'variants[0].sku', message: 'Mã SKU “uniq-1” đã được dùng cho một sản phẩm khác của hợp tác xã.' }]);
    const other = await signIn(t);
    const otherCoop = (await createCooperative(t, other)).id;
    await createProduct(t, otherCoop, other, { overrides: { variants: [{ sku: 'UNIQ-1', name: 'a', price: 1000, weightGrams: 10, stock: 1 }] } });
  });

  it('patches a subset: updates a variant by id, adds one without, keeps the rest', async () => {
    const product = await createProduct(t, coop, owner);
    const res = await t
      .http()
      .patch(`/api/v1/products/${product.id}`)
      .set(owner.auth)
      .send({
        name: 'Rượu Bàu Đá thượng hạng',
        variants: [
          { id: product.variantIds[0], sku: `P-${product.id.slice(0, 8)}`, name: 'Chai 500 ml', price: 120000, weightGrams: 900, stock: 12 },
          { sku: `P-${product.id.slice(0, 8)}-X`, name: 'Bình 2 lít', price: 450000, weightGrams: 3000, stock: 3 },
        ],
      })
      .expect(200);
    expect(res.body.name).toBe('Rượu Bàu Đá thượng hạng');
    expect(res.body.slug).toBe(product.slug);
    expect(res.body.variants.map((v: { price: number; stock: number }) => [v.price, v.stock])).toEqual([
      [120000, 12],
      [450000, 3],
    ]);
    const foreign = await t
      .http()
      .patch(`/api/v1/products/${product.id}`)
      .set(owner.auth)
      .send({ variants: [{ id: '00000000-0000-4000-8000-000000000000', sku: 'Z', name: 'z', price: 1, weightGrams: 1, stock: 1 }] })
      .expect(400);
    expect(foreign.body.error.details[0].field).toBe('variants[0].id');
    // null for a field the product must have is a 400 naming it (the fuzz suite found a 500); null clears the OCOP claim.
    const nulls = await t.http().patch(`/api/v1/products/${product.id}`).set(owner.auth).send({ name: null, unit: null }).expect(400);
    expect(nulls.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['name', 'unit']);
    await t.http().patch(`/api/v1/products/${product.id}`).set(owner.auth).send({ ocop: null }).expect(200);
    const nullName = await t.http().patch(`/api/v1/cooperatives/${coop}`).set(owner.auth).send({ name: null }).expect(400);
    expect(nullName.body.error.details.map((d: { field: string }) => d.field)).toEqual(['name']);
  });

  it('changes one field of one variant: stock only, price only; a new variant still needs every field', async () => {
    const tag = Date.now().toString(36);
    const product = await createProduct(t, coop, owner, {
      overrides: {
        variants: [
          { sku: `PART-${tag}-A`, name: 'Chai 500 ml', price: 150000, weightGrams: 900, stock: 40 },
          { sku: `PART-${tag}-B`, name: 'Bình 2 lít', price: 450000, weightGrams: 3000, stock: 8 },
        ],
      },
    });
    const [a, b] = product.variantIds;
    const variants = (body: { variants: Array<Record<string, unknown>> }) =>
      body.variants.map(({ sku, name, price, weightGrams, stock }) => ({ sku, name, price, weightGrams, stock }));

    const counted = await t
      .http()
      .patch(`/api/v1/products/${product.id}`)
      .set(owner.auth)
      .send({ variants: [{ id: a, stock: 12 }] })
      .expect(200);
    expect(variants(counted.body)).toEqual([
      { sku: `PART-${tag}-A`, name: 'Chai 500 ml', price: 150000, weightGrams: 900, stock: 12 },
      { sku: `PART-${tag}-B`, name: 'Bình 2 lít', price: 450000, weightGrams: 3000, stock: 8 },
    ]);

    const repriced = await t
      .http()
      .patch(`/api/v1/products/${product.id}`)
      .set(owner.auth)
      .send({ variants: [{ id: b, price: 99000 }] })
      .expect(200);
    expect(variants(repriced.body)).toEqual([
      { sku: `PART-${tag}-A`, name: 'Chai 500 ml', price: 150000, weightGrams: 900, stock: 12 },
      { sku: `PART-${tag}-B`, name: 'Bình 2 lít', price: 99000, weightGrams: 3000, stock: 8 },
    ]);

    // Each change is announced for the channels as exactly what it was, naming the one variant.
    const events = await eventually(
      () => listener.events.filter((e) => e.productId === product.id),
      (list) => list.length >= 3,
    );
    expect(events.map((e) => [e.changes, e.variantIds])).toEqual([
      [['created'], [a, b]],
      [['stock'], [a]],
      [['price'], [b]],
    ]);

    const missing = await t
      .http()
      .patch(`/api/v1/products/${product.id}`)
      .set(owner.auth)
      .send({
        variants: [
          { id: a, stock: 5 },
          { name: 'Thùng 6 chai', price: 800000, weightGrams: 6000, stock: 2 },
        ],
      })
      .expect(400);
    expect(missing.body.error.code).toBe('VALIDATION_FAILED');
    expect(missing.body.error.details.map((d: { field: string }) => d.field)).toEqual(['variants[1].sku']);
    // A given field is still checked, and nothing of a refused request is kept.
    const bad = await t
      .http()
      .patch(`/api/v1/products/${product.id}`)
      .set(owner.auth)
      .send({ variants: [{ id: a, stock: -1 }] })
      .expect(400);
    expect(bad.body.error.details.map((d: { field: string }) => d.field)).toEqual(['variants[0].stock']);
    const kept = await t.http().get(`/api/v1/products/${product.id}`).set(owner.auth).expect(200);
    expect(kept.body.variants.map((v: { stock: number }) => v.stock)).toEqual([12, 8]);

    const ownerB = await signIn(t);
    const coopB = (await createCooperative(t, ownerB, { overrides: { name: 'HTX khác' } })).id;
    const productB = await createProduct(t, coopB, ownerB);
    await t
      .http()
      .patch(`/api/v1/products/${productB.id}`)
      .set(owner.auth)
      .send({ variants: [{ id: productB.variantIds[0], stock: 0 }] })
      .expect(404);
    expect((await t.http().get(`/api/v1/products/${productB.id}`).set(ownerB.auth).expect(200)).body.variants[0].stock).toBe(40);
  });

  it('publishes only for an approved cooperative; suspension hides at once; archive and delete rules', async () => {
    const product = await createProduct(t, coop, owner);
    const early = await t.http().post(`/api/v1/products/${product.id}/publish`).set(owner.auth).expect(409);
    expect(early.body.error.code).toBe('COOPERATIVE_NOT_APPROVED');

    await approveCooperative(t, owner, official, coop);
    await t
      .http()
      .post(`/api/v1/products/${product.id}/publish`)
      .set(owner.auth)
      .expect(200)
      .expect(({ body }) => expect(body.status).toBe('active'));
    await t.http().get(`/api/v1/catalog/products/${product.slug}`).expect(200);

    await t.http().post(`/api/v1/admin/cooperatives/${coop}/suspend`).set(official.auth).send({ reason: 'Kiểm tra nhãn' }).expect(200);
    await t.http().get(`/api/v1/catalog/products/${product.slug}`).expect(404);
    await t.http().post(`/api/v1/products/${product.id}/publish`).set(owner.auth).expect(409);
    await t.http().post(`/api/v1/admin/cooperatives/${coop}/reinstate`).set(official.auth).send({ reason: 'Nhãn đã sửa' }).expect(200);
    await t.http().get(`/api/v1/catalog/products/${product.slug}`).expect(200);

    await t.http().delete(`/api/v1/products/${product.id}`).set(owner.auth).expect(409);
    await t.http().post(`/api/v1/products/${product.id}/archive`).set(owner.auth).expect(200);
    await t.http().get(`/api/v1/catalog/products/${product.slug}`).expect(404);

    const draft = await createProduct(t, coop, owner);
    await t.http().delete(`/api/v1/products/${draft.id}`).set(owner.auth).expect(204);
    await t.http().get(`/api/v1/products/${draft.id}`).set(owner.auth).expect(404);

    const onboarding = await t.http().get(`/api/v1/cooperatives/${coop}/onboarding`).set(owner.auth).expect(200);
    expect(onboarding.body.steps.find((s: { key: string }) => s.key === 'first_product_published')).toMatchObject({ done: true });
  });

  it('lets staff (coop_member) write drafts but only admins publish', async () => {
    const staff = await signIn(t);
    await addMember(t, owner, coop, staff);
    const product = await createProduct(t, coop, staff);
    await t.http().post(`/api/v1/products/${product.id}/publish`).set(staff.auth).expect(403);
    await t.http().post(`/api/v1/products/${product.id}/publish`).set(owner.auth).expect(200);
  });

  it('keeps drafts, edits, images and publishing of cooperative B away from cooperative A', async () => {
    const ownerB = await signIn(t);
    const coopB = (await createCooperative(t, ownerB, { overrides: { name: 'HTX B' } })).id;
    const draftB = await createProduct(t, coopB, ownerB, { overrides: { name: 'Bí mật của B' } });
    const png = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();

    await t.http().get(`/api/v1/products/${draftB.id}`).set(owner.auth).expect(404);
    await t.http().get(`/api/v1/cooperatives/${coopB}/products`).set(owner.auth).expect(404);
    await t.http().post(`/api/v1/cooperatives/${coopB}/products`).set(owner.auth).send(productInput()).expect(404);
    await t.http().patch(`/api/v1/products/${draftB.id}`).set(owner.auth).send({ name: 'Của A' }).expect(404);
    await t.http().post(`/api/v1/products/${draftB.id}/publish`).set(owner.auth).expect(404);
    await t.http().post(`/api/v1/products/${draftB.id}/archive`).set(owner.auth).expect(404);
    await t.http().delete(`/api/v1/products/${draftB.id}`).set(owner.auth).expect(404);
    await t.http().post(`/api/v1/products/${draftB.id}/images`).set(owner.auth).attach('file', png, 'a.png').expect(404);
    await t.http().get(`/api/v1/products/${draftB.id}`).expect(401);
    const search = await t.http().get('/api/v1/catalog/products').query({ q: 'bi mat cua b' }).expect(200);
    expect(search.body.items).toEqual([]);
    const still = await t.http().get(`/api/v1/products/${draftB.id}`).set(ownerB.auth).expect(200);
    expect(still.body).toMatchObject({ name: 'Bí mật của B', status: 'draft', images: [] });
    await t.http().get(`/api/v1/products/${draftB.id}`).set(official.auth).expect(200);
  });

  it('stores photos as 320 and 1024 px WebP, orders and deletes them', async () => {
    const product = await createProduct(t, coop, owner);
    const jpeg = await sharp({ create: { width: 2000, height: 1500, channels: 3, background: '#e9a400' } })
      .jpeg()
      .toBuffer();
    const png = await sharp({ create: { width: 800, height: 800, channels: 3, background: '#2a7' } })
      .png()
      .toBuffer();
    await t.http().post(`/api/v1/products/${product.id}/images`).set(owner.auth).field('alt', 'Chai rượu').attach('file', jpeg, 'chai.jpg').expect(201);
    const second = await t.http().post(`/api/v1/products/${product.id}/images`).set(owner.auth).attach('file', png, 'hop.png').expect(201);
    const [first, last] = second.body.images;
    expect(first).toMatchObject({ alt: 'Chai rượu', width: 1024, height: 768 });
    const small = await sharp(Buffer.from(await (await fetch(first.urls['320'])).arrayBuffer())).metadata();
    expect([small.format, small.width, small.height]).toEqual(['webp', 320, 240]);

    const reordered = await t
      .http()
      .put(`/api/v1/products/${product.id}/images/order`)
      .set(owner.auth)
      .send({ imageIds: [last.id, first.id] })
      .expect(200);
    expect(reordered.body.images.map((i: { id: string }) => i.id)).toEqual([last.id, first.id]);
    await t
      .http()
      .put(`/api/v1/products/${product.id}/images/order`)
      .set(owner.auth)
      .send({ imageIds: [last.id] })
      .expect(400);
    await t.http().post(`/api/v1/products/${product.id}/images`).set(owner.auth).attach('file', Buffer.from('MZ not an image'), 'x.jpg').expect(400);

    await t.http().delete(`/api/v1/products/${product.id}/images/${first.id}`).set(owner.auth).expect(204);
    expect(await t.objectKeys(`public/products/${product.id}/${first.id}/`)).toEqual([]);
    expect(await t.objectKeys(`public/products/${product.id}/${last.id}/`)).toHaveLength(2);
  });

  it('leaves no stored object behind when recording a photo fails after it was stored', async () => {
    const product = await createProduct(t, coop, owner);
    const png = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#2a7' } })
      .png()
      .toBuffer();
    // The database refuses the row after both renditions are in the bucket, as a lost connection would.
    await t.db.query(`CREATE FUNCTION test_refuse_image() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$`);
    await t.db.query(`CREATE TRIGGER test_refuse_image BEFORE INSERT ON product_images FOR EACH ROW EXECUTE FUNCTION test_refuse_image()`);
    try {
      await t.http().post(`/api/v1/products/${product.id}/images`).set(owner.auth).attach('file', png, 'hop.png').expect(500);
    } finally {
      await t.db.query(`DROP TRIGGER test_refuse_image ON product_images; DROP FUNCTION test_refuse_image()`);
    }
    expect(await t.objectKeys(`public/products/${product.id}/`)).toEqual([]);
    await t.http().post(`/api/v1/products/${product.id}/images`).set(owner.auth).attach('file', png, 'hop.png').expect(201);
    expect(await t.objectKeys(`public/products/${product.id}/`)).toHaveLength(2);
  });

  it('refuses a 256-megapixel PNG of a few kilobytes before decoding it, as a photo and as a logo', async () => {
    const product = await createProduct(t, coop, owner);
    const bomb = hugePng(16_000, 16_000);
    expect(bomb.length).toBeLessThan(100_000);
    const photo = await t.http().post(`/api/v1/products/${product.id}/images`).set(owner.auth).attach('file', bomb, 'to.png').expect(400);
    expect(photo.body.error.details).toEqual([{ field: 'file', message: 'Ảnh “file” quá lớn (16000×16000 điểm ảnh); tối đa 50 megapixel.' }]);
    const logo = await t
      .http()
      .post(`/api/v1/cooperatives/${coop}/logo`)
      .set(owner.auth)
      .set('Accept-Language', 'en')
      .attach('file', bomb, 'logo.png')
      .expect(400);
    expect(logo.body.error.details).toEqual([{ field: 'file', message: 'The image file is too large (16000×16000 pixels); at most 50 megapixels.' }]);
    expect(await t.objectKeys(`public/products/${product.id}/`)).toEqual([]);
    // A photo of 8000×6000 (48 megapixels, a phone's full resolution) still goes through.
    await t.http().post(`/api/v1/products/${product.id}/images`).set(owner.auth).attach('file', hugePng(8_000, 6_000), 'lon.png').expect(201);
  });

  it('announces every product and stock change as a domain event, only when it commits', async () => {
    const product = await createProduct(t, coop, owner);
    await t
      .http()
      .patch(`/api/v1/products/${product.id}`)
      .set(owner.auth)
      .send({ variants: [{ id: product.variantIds[0], sku: `EV-${product.id.slice(0, 6)}`, name: 'Chai 500 ml', price: 150000, weightGrams: 900, stock: 7 }] })
      .expect(200);
    // A rejected change publishes nothing.
    await t.http().patch(`/api/v1/products/${product.id}`).set(owner.auth).send({ categoryId: 'khong-co' }).expect(400);
    const events = await eventually(
      () => listener.events.filter((e) => e.productId === product.id),
      (list) => list.length >= 2,
    );
    // Whatever else the two changes announced has been delivered once the listener's queue is empty.
    await queuesIdle(t, ['test.product-events']);
    // The SKU changed too (details), and the stock.
    expect(listener.events.filter((e) => e.productId === product.id).map((e) => [...e.changes].sort())).toEqual([['created'], ['details', 'stock']]);
    expect(events[1]).toMatchObject({ cooperativeId: coop, variantIds: [product.variantIds[0]] });
  });
});
