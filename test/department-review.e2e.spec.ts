import { Role } from '@nongsan/core';
import { createTestApp, signIn, type Session, type TestApp } from './harness/app.js';
import { createCooperative, PDF } from './harness/fixtures.js';

/** The Department's review queue, a cooperative's file, its decisions and its audit trail (issue #21). */
describe('Reviewing cooperatives at the Department', () => {
  let t: TestApp;
  let official: Session;
  let owner: Session;
  let buyer: Session;
  let bauDa: { id: string; taxCode: string };
  let goBoi: { id: string; taxCode: string };

  const ids = async (query: Record<string, string>) =>
    (await t.http().get('/api/v1/admin/cooperatives').query(query).set(official.auth).expect(200)).body.items.map((c: { id: string }) => c.id);
  const decide = (id: string, action: string, body: Record<string, unknown> = {}) =>
    t.http().post(`/api/v1/admin/cooperatives/${id}/${action}`).set(official.auth).send(body);
  /** The fields a 400 names, each once (a field may fail several rules). */
  const fieldsOf = (res: { body: { error: { details: Array<{ field: string }> } } }) => [...new Set(res.body.error.details.map((d) => d.field))];

  beforeAll(async () => {
    t = await createTestApp();
    official = await signIn(t, Role.Official);
    owner = await signIn(t);
    buyer = await signIn(t);
    bauDa = await createCooperative(t, owner, { overrides: { name: 'HTX Rượu Bàu Đá Cù Lâm', wardCode: '21910' } });
    goBoi = await createCooperative(t, owner, { overrides: { name: 'HTX Nước mắm Gò Bồi', wardCode: '21553' } });
    for (const { id } of [bauDa, goBoi]) await t.http().post(`/api/v1/cooperatives/${id}/submit`).set(owner.auth).expect(200);
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  it('finds cooperatives waiting for review by status, place and name or tax code, without accents', async () => {
    expect(await ids({ status: 'submitted', q: 'go boi' })).toEqual([goBoi.id]);
    expect(await ids({ status: 'submitted', q: goBoi.taxCode.slice(0, 7) })).toContain(goBoi.id);
    expect(await ids({ q: bauDa.taxCode })).toEqual([bauDa.id]);
    expect(await ids({ status: 'submitted', formerDistrictCode: '549', q: 'BÀU ĐÁ' })).toEqual([bauDa.id]);
    expect(await ids({ status: 'submitted', wardCode: '21553' })).toEqual([goBoi.id]);
    expect(await ids({ status: 'approved', q: 'bau da' })).toEqual([]);
    const bad = await t
      .http()
      .get('/api/v1/admin/cooperatives')
      .query({ status: 'waiting', wardCode: 'abc', formerDistrictCode: '5490' })
      .set(official.auth)
      .expect(400);
    expect(fieldsOf(bad).sort()).toEqual(['formerDistrictCode', 'status', 'wardCode']);
  });

  it('opens a cooperative’s file: profile, papers (downloaded through the API’s check) and timeline', async () => {
    const { body } = await t.http().get(`/api/v1/admin/cooperatives/${goBoi.id}`).set(official.auth).expect(200);
    expect(body.cooperative).toMatchObject({ id: goBoi.id, name: 'HTX Nước mắm Gò Bồi', taxCode: goBoi.taxCode, status: 'submitted', myRole: null });
    expect(body.documents).toEqual([expect.objectContaining({ kind: 'business_registration', fileName: 'Giấy chứng nhận ĐK HTX.pdf' })]);
    expect(body.timeline.map((e: { to: string }) => e.to)).toEqual(['draft', 'submitted']);
    const steps = Object.fromEntries(body.onboarding.steps.map((s: { key: string; done: boolean }) => [s.key, s.done]));
    expect(steps).toMatchObject({ profile_complete: true, documents_uploaded: true, submitted: true, approved: false, first_product_published: false });

    const paper = body.documents[0].id;
    const { body: link } = await t.http().get(`/api/v1/cooperatives/${goBoi.id}/documents/${paper}/download`).set(official.auth).expect(200);
    const file = await fetch(link.url);
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer())).toEqual(PDF);
    await t.http().get(`/api/v1/cooperatives/${goBoi.id}/documents/${paper}/download`).set(buyer.auth).expect(404);
    await t.http().get(`/api/v1/admin/cooperatives/${goBoi.id}`).set(buyer.auth).expect(403);
    await t.http().get(`/api/v1/admin/cooperatives/${goBoi.id}`).set(owner.auth).expect(403);
  });

  it('needs a reason to reject, suspend or reinstate, and keeps an approval’s note', async () => {
    expect(fieldsOf(await decide(bauDa.id, 'reject').expect(400))).toEqual(['reason']);
    expect(fieldsOf(await decide(bauDa.id, 'reject', { reason: '  ' }).expect(400))).toEqual(['reason']);
    expect(fieldsOf(await decide(bauDa.id, 'approve', { note: 42 }).expect(400))).toEqual(['note']);
    await decide(bauDa.id, 'approve', { note: 'Đã đối chiếu bản gốc tại Sở.' }).expect(200);
    expect(fieldsOf(await decide(bauDa.id, 'suspend').expect(400))).toEqual(['reason']);
    await decide(bauDa.id, 'suspend', { reason: 'Nhãn rượu ghi sai nồng độ.' }).expect(200);
    const english = await t
      .http()
      .post(`/api/v1/admin/cooperatives/${bauDa.id}/reinstate`)
      .set(official.auth)
      .set('Accept-Language', 'en')
      .send({})
      .expect(400);
    expect(english.body.error.details).toEqual([expect.objectContaining({ field: 'reason' })]);
    await decide(bauDa.id, 'reinstate', { reason: 'Đã in lại nhãn đúng.' }).expect(200);
    await decide(goBoi.id, 'approve').expect(200);

    const { body } = await t.http().get(`/api/v1/admin/cooperatives/${bauDa.id}`).set(official.auth).expect(200);
    expect(body.timeline.map((e: { to: string; reason: string | null }) => [e.to, e.reason])).toEqual([
      ['draft', null],
      ['submitted', null],
      ['approved', 'Đã đối chiếu bản gốc tại Sở.'],
      ['suspended', 'Nhãn rượu ghi sai nồng độ.'],
      ['approved', 'Đã in lại nhãn đúng.'],
    ]);
    expect(body.cooperative).toMatchObject({ status: 'approved', statusReason: null });
  });

  it('shows a cooperative’s audit trail: who (name and role) did what, to which record, when', async () => {
    const page = async (query: Record<string, string | number>) => (await t.http().get('/api/v1/admin/audit').query(query).set(official.auth).expect(200)).body;
    const first = await page({ cooperativeId: bauDa.id, limit: 3 });
    expect(first.items.map((e: { action: string }) => e.action)).toEqual(['cooperative.reinstate', 'cooperative.suspend', 'cooperative.approve']);
    expect(first.items[0]).toMatchObject({
      actorUserId: official.userId,
      actorName: 'Người Thử',
      actorRoles: ['official'],
      entity: 'cooperative',
      entityId: bauDa.id,
      cooperativeId: bauDa.id,
      data: { from: 'suspended', to: 'approved', reason: 'Đã in lại nhãn đúng.' },
    });
    expect(Date.parse(first.items[0].occurredAt)).toBeGreaterThan(Date.now() - 10 * 60_000);
    const rest = await page({ cooperativeId: bauDa.id, limit: 3, cursor: first.nextCursor });
    expect(rest.items.map((e: { action: string }) => e.action)).toEqual(['cooperative.submit', 'cooperative.document.upload', 'cooperative.create']);
    expect(rest.items[2]).toMatchObject({ actorUserId: owner.userId, actorName: 'Người Thử', actorRoles: ['buyer'] });
    expect((await page({ cooperativeId: goBoi.id, limit: 100 })).items.every((e: { cooperativeId: string }) => e.cooperativeId === goBoi.id)).toBe(true);

    const bad = await t.http().get('/api/v1/admin/audit').query({ cooperativeId: 'not-a-uuid' }).set(official.auth).expect(400);
    expect(fieldsOf(bad)).toEqual(['cooperativeId']);
    await t.http().get('/api/v1/admin/audit').query({ cooperativeId: bauDa.id }).set(owner.auth).expect(403);
    await t.http().get('/api/v1/admin/audit').query({ cooperativeId: bauDa.id }).set(buyer.auth).expect(403);
  });
});
