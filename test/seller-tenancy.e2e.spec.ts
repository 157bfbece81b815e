import { Role } from '@nongsan/core';
import { addMember, createTestApp, signIn, type Session, type TestApp } from './harness/app.js';
import { createCooperative, PDF } from './harness/fixtures.js';

interface Route {
  name: string;
  write: boolean;
  call(t: TestApp, ids: { coop: string; document: string; member: string; invitation: string }): ReturnType<ReturnType<TestApp['http']>['get']>;
}

/** Every seller route on one cooperative, reads and writes. */
const routes: Route[] = [
  { name: 'GET profile', write: false, call: (t, i) => t.http().get(`/api/v1/cooperatives/${i.coop}`) },
  { name: 'PATCH profile', write: true, call: (t, i) => t.http().patch(`/api/v1/cooperatives/${i.coop}`).send({ name: 'Chiếm đoạt' }) },
  { name: 'POST logo', write: true, call: (t, i) => t.http().post(`/api/v1/cooperatives/${i.coop}/logo`).attach('file', PDF, 'logo.png') },
  { name: 'GET members', write: false, call: (t, i) => t.http().get(`/api/v1/cooperatives/${i.coop}/members`) },
  { name: 'POST invitation', write: true, call: (t, i) => t.http().post(`/api/v1/cooperatives/${i.coop}/invitations`).send({ email: 'nguoi-la@example.vn' }) },
  // Who was invited is the admins' business: members and officials get 403 like on a write.
  { name: 'GET invitations', write: true, call: (t, i) => t.http().get(`/api/v1/cooperatives/${i.coop}/invitations`) },
  { name: 'DELETE invitation', write: true, call: (t, i) => t.http().delete(`/api/v1/cooperatives/${i.coop}/invitations/${i.invitation}`) },
  { name: 'PATCH member', write: true, call: (t, i) => t.http().patch(`/api/v1/cooperatives/${i.coop}/members/${i.member}`).send({ role: 'coop_member' }) },
  { name: 'DELETE member', write: true, call: (t, i) => t.http().delete(`/api/v1/cooperatives/${i.coop}/members/${i.member}`) },
  { name: 'GET documents', write: false, call: (t, i) => t.http().get(`/api/v1/cooperatives/${i.coop}/documents`) },
  {
    name: 'POST document',
    write: true,
    call: (t, i) => t.http().post(`/api/v1/cooperatives/${i.coop}/documents`).field('kind', 'other').attach('file', PDF, 'x.pdf'),
  },
  { name: 'GET download', write: false, call: (t, i) => t.http().get(`/api/v1/cooperatives/${i.coop}/documents/${i.document}/download`) },
  { name: 'DELETE document', write: true, call: (t, i) => t.http().delete(`/api/v1/cooperatives/${i.coop}/documents/${i.document}`) },
  { name: 'GET onboarding', write: false, call: (t, i) => t.http().get(`/api/v1/cooperatives/${i.coop}/onboarding`) },
  { name: 'GET timeline', write: false, call: (t, i) => t.http().get(`/api/v1/cooperatives/${i.coop}/timeline`) },
  { name: 'POST submit', write: true, call: (t, i) => t.http().post(`/api/v1/cooperatives/${i.coop}/submit`) },
];

describe('seller tenancy: one cooperative never sees or changes another', () => {
  let t: TestApp;
  let ownerB: Session;
  let adminA: Session;
  let memberB: Session;
  let buyer: Session;
  let official: Session;
  let ids: { coop: string; document: string; member: string; invitation: string };

  beforeAll(async () => {
    t = await createTestApp();
    adminA = await signIn(t);
    ownerB = await signIn(t);
    memberB = await signIn(t);
    buyer = await signIn(t);
    official = await signIn(t, Role.Official);
    await createCooperative(t, adminA, { overrides: { name: 'HTX A' } });
    const b = await createCooperative(t, ownerB, { overrides: { name: 'HTX Bí Mật B', email: 'bi-mat-b@example.vn' } });
    await addMember(t, ownerB, b.id, memberB);
    const docs = await t.http().get(`/api/v1/cooperatives/${b.id}/documents`).set(ownerB.auth).expect(200);
    const invitation = await t.http().post(`/api/v1/cooperatives/${b.id}/invitations`).set(ownerB.auth).send({ email: 'cho-tra-loi@example.vn' }).expect(202);
    ids = { coop: b.id, document: docs.body.items[0].id, member: ownerB.userId, invitation: invitation.body.id };
  });
  afterAll(() => t.close());

  /** Nothing of B may leak into an answer to someone who may not see B. */
  const expectNothingOfB = (text: string) => {
    expect(text).not.toContain('Bí Mật B');
    expect(text).not.toContain('bi-mat-b@example.vn');
    expect(text).not.toContain(ids.document);
  };

  it.each(routes.map((r) => [r.name, r]))('%s: another cooperative’s admin gets 404, and B is unchanged', async (_, route) => {
    const res = await route.call(t, ids).set(adminA.auth);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
    expectNothingOfB(res.text);
  });

  it.each(routes.map((r) => [r.name, r]))('%s: a buyer with no membership gets 404', async (_, route) => {
    const res = await route.call(t, ids).set(buyer.auth);
    expect(res.status).toBe(404);
    expectNothingOfB(res.text);
  });

  it.each(routes.map((r) => [r.name, r]))('%s: an anonymous caller gets 401', async (_, route) => {
    const res = await route.call(t, ids);
    expect(res.status).toBe(401);
    expectNothingOfB(res.text);
  });

  it.each(routes.map((r) => [r.name, r]))('%s: a plain member of B may read (2xx) but not change (403)', async (_, route) => {
    const res = await route.call(t, ids).set(memberB.auth);
    if (route.write) expect(res.status).toBe(403);
    else expect(res.status).toBeLessThan(300);
  });

  it.each(routes.map((r) => [r.name, r]))('%s: an official may read (2xx) but not act as the cooperative (403)', async (_, route) => {
    const res = await route.call(t, ids).set(official.auth);
    if (route.write) expect(res.status).toBe(403);
    else expect(res.status).toBeLessThan(300);
  });

  it('left B exactly as it was after all those attempts', async () => {
    const res = await t.http().get(`/api/v1/cooperatives/${ids.coop}`).set(ownerB.auth).expect(200);
    expect(res.body).toMatchObject({ name: 'HTX Bí Mật B', status: 'draft', logoUrl: null });
    const docs = await t.http().get(`/api/v1/cooperatives/${ids.coop}/documents`).set(ownerB.auth).expect(200);
    expect(docs.body.items.map((d: { id: string }) => d.id)).toEqual([ids.document]);
    const members = await t.http().get(`/api/v1/cooperatives/${ids.coop}/members`).set(ownerB.auth).expect(200);
    expect(members.body.items.map((m: { userId: string; role: string }) => [m.userId, m.role]).sort()).toEqual(
      [
        [ownerB.userId, 'coop_admin'],
        [memberB.userId, 'coop_member'],
      ].sort(),
    );
    const invitations = await t.http().get(`/api/v1/cooperatives/${ids.coop}/invitations`).set(ownerB.auth).expect(200);
    expect(invitations.body.items.map((i: { id: string; email: string }) => [i.id, i.email])).toEqual([[ids.invitation, 'cho-tra-loi@example.vn']]);
  });

  it('lets only officials decide: buyers and the cooperative’s own admin get 403 on every admin route', async () => {
    await t.http().post(`/api/v1/cooperatives/${ids.coop}/submit`).set(ownerB.auth).expect(200);
    for (const action of ['approve', 'reinstate']) {
      await t.http().post(`/api/v1/admin/cooperatives/${ids.coop}/${action}`).set(buyer.auth).expect(403);
      await t.http().post(`/api/v1/admin/cooperatives/${ids.coop}/${action}`).set(ownerB.auth).expect(403);
    }
    for (const action of ['reject', 'suspend']) {
      await t.http().post(`/api/v1/admin/cooperatives/${ids.coop}/${action}`).set(ownerB.auth).send({ reason: 'tự duyệt' }).expect(403);
    }
    await t.http().get('/api/v1/admin/cooperatives').set(ownerB.auth).expect(403);
    await t.http().get(`/api/v1/admin/cooperatives/${ids.coop}`).set(buyer.auth).expect(403);
    await t.http().get('/api/v1/admin/cooperatives').expect(401);
    await t.http().post(`/api/v1/admin/cooperatives/${ids.coop}/approve`).set(official.auth).expect(200);
  });

  it('does not let an official who belongs to a cooperative review it', async () => {
    const insider = await signIn(t, Role.Official);
    const { id } = await createCooperative(t, insider, { overrides: { name: 'HTX của cán bộ' } });
    await t.http().post(`/api/v1/cooperatives/${id}/submit`).set(insider.auth).expect(200);
    await t.http().post(`/api/v1/admin/cooperatives/${id}/approve`).set(insider.auth).expect(403);
    await t.http().post(`/api/v1/admin/cooperatives/${id}/approve`).set(official.auth).expect(200);
  });

  it('answers a malformed id with 404, like a missing one', async () => {
    await t.http().get('/api/v1/cooperatives/not-a-uuid').set(ownerB.auth).expect(404);
    await t.http().get(`/api/v1/cooperatives/${ids.coop}/documents/123/download`).set(ownerB.auth).expect(404);
    await t.http().get('/api/v1/cooperatives/00000000-0000-4000-8000-000000000000').set(official.auth).expect(404);
  });
});
