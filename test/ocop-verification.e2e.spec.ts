import { Role } from '@nongsan/core';
import { addMember, createTestApp, signIn, type Session, type TestApp } from './harness/app.js';
import { createProduct } from './harness/catalog-fixtures.js';
import { approveCooperative, createCooperative, PDF } from './harness/fixtures.js';

/** Relative to now: the certificate runs two more years, whatever day the test runs. */
const inYears = (n: number) => new Date(Date.now() + n * 365 * 86_400_000).toISOString().slice(0, 10);
const OCOP = { stars: 4, certificateNumber: '2867/QĐ-UBND', issuedAt: '2025-09-05', expiresAt: inYears(2) };

describe('OCOP claims verified by the Department', () => {
  let t: TestApp;
  let official: Session;
  let owner: Session;
  let buyer: Session;
  let coopId: string;
  let certificateId: string;

  const claimed = async (name: string, ocop: Record<string, unknown> | null = OCOP) =>
    createProduct(t, coopId, owner, { overrides: { name, categoryId: 'fish-sauce', ...(ocop ? { ocop } : {}) }, publishAs: owner });
  const ownerView = async (id: string) => (await t.http().get(`/api/v1/products/${id}`).set(owner.auth).expect(200)).body;
  const publicStars = async (slug: string) => {
    const page = (await t.http().get(`/api/v1/catalog/products/${slug}`).expect(200)).body;
    const list = (await t.http().get('/api/v1/catalog/products').query({ cooperativeId: coopId, limit: 100 }).expect(200)).body.items;
    const filtered = (await t.http().get('/api/v1/catalog/products').query({ cooperativeId: coopId, ocopStars: 3, limit: 100 }).expect(200)).body.items;
    return {
      page: page.ocop?.stars ?? null,
      list: list.find((p: { slug: string }) => p.slug === slug).ocopStars,
      inFilter: filtered.some((p: { slug: string }) => p.slug === slug),
    };
  };
  const verify = (id: string, who = official) => t.http().post(`/api/v1/admin/products/${id}/ocop/verify`).set(who.auth);
  const reject = (id: string, body: Record<string, unknown>, who = official) =>
    t.http().post(`/api/v1/admin/products/${id}/ocop/reject`).set(who.auth).send(body);
  const queue = async (query: Record<string, string | number> = {}) =>
    (await t.http().get('/api/v1/admin/ocop-claims').query(query).set(official.auth).expect(200)).body;

  beforeAll(async () => {
    t = await createTestApp();
    official = await signIn(t, Role.Official);
    owner = await signIn(t);
    buyer = await signIn(t);
    coopId = (await createCooperative(t, owner, { overrides: { name: 'HTX Nước mắm Gò Bồi', wardCode: '21553' } })).id;
    await approveCooperative(t, owner, official, coopId);
    const { body } = await t
      .http()
      .post(`/api/v1/cooperatives/${coopId}/documents`)
      .set(owner.auth)
      .field('kind', 'ocop_certificate')
      .attach('file', PDF, { filename: 'Giấy chứng nhận OCOP 4 sao.pdf', contentType: 'application/pdf' })
      .expect(201);
    certificateId = body.id;
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  it('keeps a new claim pending, without the badge, until an official verifies it against its certificate', async () => {
    const fishSauce = await claimed('Nước mắm Gò Bồi 40 độ đạm');
    expect((await ownerView(fishSauce.id)).ocop).toMatchObject({ ...OCOP, status: 'pending', valid: true });
    expect(await publicStars(fishSauce.slug)).toEqual({ page: null, list: null, inFilter: false });

    const { items } = await queue();
    expect(items).toContainEqual({
      productId: fishSauce.id,
      productName: 'Nước mắm Gò Bồi 40 độ đạm',
      cooperative: { id: coopId, name: 'HTX Nước mắm Gò Bồi' },
      stars: 4,
      certificateNumber: OCOP.certificateNumber,
      issuedAt: OCOP.issuedAt,
      expiresAt: OCOP.expiresAt,
      status: 'pending',
      certificateDocument: { id: certificateId, kind: 'ocop_certificate', fileName: 'Giấy chứng nhận OCOP 4 sao.pdf' },
    });
    // The paper opens through the API's own check, for the official.
    const { body: download } = await t.http().get(`/api/v1/cooperatives/${coopId}/documents/${certificateId}/download`).set(official.auth).expect(200);
    expect(download.url).toContain('private/');

    const { body: verified } = await verify(fishSauce.id).expect(200);
    expect(verified.ocop).toMatchObject({ status: 'verified', stars: 4 });
    expect(verified.ocop.rejectionReason).toBeUndefined();
    expect(await publicStars(fishSauce.slug)).toEqual({ page: 4, list: 4, inFilter: true });
    expect((await queue()).items.map((c: { productId: string }) => c.productId)).not.toContain(fishSauce.id);
    expect((await queue({ status: 'verified' })).items.map((c: { productId: string }) => c.productId)).toContain(fishSauce.id);

    const audit = (await t.http().get('/api/v1/admin/audit').query({ cooperativeId: coopId }).set(official.auth).expect(200)).body.items[0];
    expect(audit).toMatchObject({
      action: 'product.ocop.verify',
      entity: 'product',
      entityId: fishSauce.id,
      actorUserId: official.userId,
      actorName: 'Người Thử',
      actorRoles: ['official'],
    });
    expect(audit.data).toMatchObject({ from: 'pending', to: 'verified', stars: 4, certificateNumber: OCOP.certificateNumber });
  });

  it('sends an edited claim back to pending, and keeps the verdict through edits that leave the claim alone', async () => {
    const made = await claimed('Nước mắm cá cơm Gò Bồi');
    await verify(made.id).expect(200);
    await t.http().patch(`/api/v1/products/${made.id}`).set(owner.auth).send({ description: 'Ủ chượp 12 tháng trong thùng gỗ.', ocop: OCOP }).expect(200);
    expect((await ownerView(made.id)).ocop.status).toBe('verified');
    await t
      .http()
      .patch(`/api/v1/products/${made.id}`)
      .set(owner.auth)
      .send({ ocop: { ...OCOP, stars: 5 } })
      .expect(200);
    expect((await ownerView(made.id)).ocop).toMatchObject({ stars: 5, status: 'pending' });
    expect(await publicStars(made.slug)).toEqual({ page: null, list: null, inFilter: false });
  });

  it('rejects a claim with a reason the cooperative reads, and lets an official reverse a verdict', async () => {
    const made = await claimed('Nước mắm nhĩ cá thu');
    const missing = await reject(made.id, {}).expect(400);
    expect(missing.body.error.details.map((d: { field: string }) => d.field)).toEqual(['reason']);
    await reject(made.id, { reason: '   ' }).expect(400);

    const reason = 'Số quyết định không khớp với giấy chứng nhận đã tải lên.';
    await reject(made.id, { reason }).expect(200);
    expect((await ownerView(made.id)).ocop).toMatchObject({ status: 'rejected', rejectionReason: reason });
    expect(await publicStars(made.slug)).toEqual({ page: null, list: null, inFilter: false });
    expect((await queue({ status: 'rejected' })).items.find((c: { productId: string }) => c.productId === made.id)).toMatchObject({
      status: 'rejected',
      rejectionReason: reason,
    });
    const told = await t.db.query(
      `SELECT channel, template, data FROM notification_outbox WHERE cooperative_id = $1 AND template = 'product.ocop.rejected' ORDER BY channel`,
      [coopId],
    );
    expect(told).toEqual(
      ['email'].map((channel) => ({
        channel,
        template: 'product.ocop.rejected',
        data: expect.objectContaining({ productName: 'Nước mắm nhĩ cá thu', stars: 4, reason }),
      })),
    );

    const twice = await reject(made.id, { reason }).expect(409);
    expect(twice.body.error.code).toBe('INVALID_STATUS_TRANSITION');
    await verify(made.id).expect(200);
    expect((await ownerView(made.id)).ocop.rejectionReason).toBeUndefined();
    await verify(made.id).expect(409);
  });

  it('counts only verified, unexpired claims in the Department’s figures', async () => {
    const pending = await claimed('Mắm ruốc Gò Bồi');
    const [{ today }] = await t.db.query(`SELECT (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date::text AS today`);
    const products = async () => (await t.http().get('/api/v1/uptake/summary').query({ from: today, to: today }).set(official.auth).expect(200)).body.products;
    const before = await products();
    await verify(pending.id).expect(200);
    expect(await products()).toEqual({ ...before, ocop: before.ocop + 1, ocopOnline: before.ocopOnline + 1 });
    // A certificate that ran out yesterday keeps its verdict but loses the badge and the count.
    await t.db.query(`UPDATE products SET ocop_issued_at = '2022-01-01', ocop_expires_at = (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date - 1 WHERE id = $1`, [
      pending.id,
    ]);
    expect(await products()).toEqual(before);
    expect(await publicStars(pending.slug)).toEqual({ page: null, list: null, inFilter: false });
  });

  it('pages the queue oldest first', async () => {
    const all = (await queue({ status: 'verified', limit: 100 })).items.map((c: { productId: string }) => c.productId);
    expect(all.length).toBeGreaterThanOrEqual(3);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await queue({ status: 'verified', limit: 1, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((c: { productId: string }) => c.productId));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(all);
    const created = await t.db.query(`SELECT id FROM products WHERE id = ANY($1) ORDER BY created_at, id`, [all]);
    expect(created.map((r: { id: string }) => r.id)).toEqual(all);
  });

  it('is for officials who are not of the cooperative, and answers a wrong request with its field', async () => {
    const made = await claimed('Nước mắm ruột cá ngừ');
    for (const who of [buyer, owner]) {
      await verify(made.id, who).expect(403);
      await reject(made.id, { reason: 'x' }, who).expect(403);
      await t.http().get('/api/v1/admin/ocop-claims').set(who.auth).expect(403);
    }
    await t.http().post(`/api/v1/admin/products/${made.id}/ocop/verify`).expect(401);
    // An official who is also a member of the cooperative does not judge its claims.
    const insider = await signIn(t, Role.Official);
    await addMember(t, owner, coopId, insider);
    await verify(made.id, insider).expect(403);

    const plain = await claimed('Nước mắm không OCOP', null);
    const none = await verify(plain.id).expect(409);
    expect(none.body.error).toMatchObject({ code: 'OCOP_CLAIM_MISSING', details: [{ field: 'ocop' }] });
    await verify('00000000-0000-4000-8000-000000000000').expect(404);
    await verify('khong-phai-id').expect(404);
    const bad = await t.http().get('/api/v1/admin/ocop-claims').query({ status: 'maybe', limit: 0 }).set(official.auth).expect(400);
    expect(bad.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['limit', 'status']);
    expect((await t.db.query(`SELECT ocop_status FROM products WHERE id = $1`, [made.id]))[0].ocop_status).toBe('pending');
  });
});
