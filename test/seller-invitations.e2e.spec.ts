import { createTestApp, signIn, type Session, type TestApp } from './harness/app.js';
import { createCooperative } from './harness/fixtures.js';

const PUBLIC_URL = 'https://nongsan.example.vn';

/**
 * Issue #28: an admin added any registered user by e-mail, learnt their full name from the answer,
 * and the user became a member unasked. Now it is an invitation the person answers.
 */
describe('cooperative invitations: nobody joins unasked', () => {
  let t: TestApp;
  let owner: Session;
  let coop: string;
  const invite = (email: string, role?: string, as: Session = owner) =>
    t
      .http()
      .post(`/api/v1/cooperatives/${coop}/invitations`)
      .set(as.auth)
      .send({ email, ...(role ? { role } : {}) });
  const membersOf = async () =>
    (await t.http().get(`/api/v1/cooperatives/${coop}/members`).set(owner.auth).expect(200)).body.items.map((m: { userId: string }) => m.userId);
  const mine = async (who: Session) =>
    (await t.http().get('/api/v1/me/invitations').set(who.auth).expect(200)).body.items as Array<{
      id: string;
      cooperativeName: string;
      role: string;
      invitedByName: string;
    }>;
  const accept = (who: Session, id: string) => t.http().post(`/api/v1/me/invitations/${id}/accept`).set(who.auth);

  beforeAll(async () => {
    t = await createTestApp({ env: { PUBLIC_URL } });
    owner = await signIn(t);
    await t.db.query(`UPDATE users SET full_name = 'Trần Văn Chủ' WHERE id = $1`, [owner.userId]);
    coop = (await createCooperative(t, owner, { overrides: { name: 'HTX Chè Tân Cương' } })).id;
  });
  afterAll(() => t.close());

  it('answers the same, without a name, whether the address has an account or not, and e-mails both', async () => {
    const person = await signIn(t);
    await t.db.query(`UPDATE users SET full_name = 'Nguyễn Thị Kín Đáo' WHERE id = $1`, [person.userId]);
    // The e-mail's link is on PUBLIC_URL, never on the Host the request named.
    const known = await invite(person.email.toUpperCase()).set('Host', 'evil.example').expect(202);
    const unknown = await invite('chua-co-tai-khoan@example.vn').expect(202);
    expect(Object.keys(known.body).sort()).toEqual(['email', 'expiresAt', 'id', 'role']);
    expect(Object.keys(unknown.body).sort()).toEqual(Object.keys(known.body).sort());
    expect(known.text).not.toContain('Kín Đáo');
    expect(known.body).toMatchObject({ role: 'coop_member' });
    // 14 days, as the invitation e-mail says.
    expect(new Date(known.body.expiresAt).getTime() - Date.now()).toBeGreaterThan(13.9 * 86_400_000);

    const outbox = await t.db.query(
      `SELECT recipient, template, data FROM notification_outbox WHERE cooperative_id = $1 AND template = 'member.invitation' ORDER BY created_at`,
      [coop],
    );
    expect(outbox).toEqual(
      [person.email.toUpperCase(), 'chua-co-tai-khoan@example.vn'].map((recipient) => ({
        recipient,
        template: 'member.invitation',
        data: { cooperativeName: 'HTX Chè Tân Cương', invitedByName: 'Trần Văn Chủ', acceptUrl: `${PUBLIC_URL}/seller/invitations` },
      })),
    );
    // Not a member yet: the cooperative is still hidden from them.
    expect(await membersOf()).not.toContain(person.userId);
    await t.http().get(`/api/v1/cooperatives/${coop}`).set(person.auth).expect(404);
    const pending = await t.http().get(`/api/v1/cooperatives/${coop}/invitations`).set(owner.auth).expect(200);
    expect(pending.body.items.map((i: { email: string }) => i.email)).toEqual([person.email.toUpperCase(), 'chua-co-tai-khoan@example.vn']);
  });

  it('lets the invited person see and accept it, once; nobody else can', async () => {
    const person = await signIn(t);
    const stranger = await signIn(t);
    const { body } = await invite(person.email, 'coop_admin').expect(202);
    expect(await mine(stranger)).toEqual([]);
    const [seen] = await mine(person);
    expect(seen).toMatchObject({ id: body.id, cooperativeId: coop, cooperativeName: 'HTX Chè Tân Cương', role: 'coop_admin', invitedByName: 'Trần Văn Chủ' });

    const stolen = await accept(stranger, body.id).expect(404);
    expect(stolen.body.error.code).toBe('NOT_FOUND');
    await t.http().post(`/api/v1/me/invitations/${body.id}/decline`).set(stranger.auth).expect(404);

    expect((await accept(person, body.id).expect(200)).body).toEqual({ cooperativeId: coop, role: 'coop_admin' });
    expect(await membersOf()).toContain(person.userId);
    await t.http().patch(`/api/v1/cooperatives/${coop}`).set(person.auth).send({ description: 'Quản trị mới' }).expect(200);
    const again = await accept(person, body.id).expect(409);
    expect(again.body.error.code).toBe('INVITATION_CLOSED');
    expect(again.body.error.details[0]).toMatchObject({ field: 'status' });
    expect(await mine(person)).toEqual([]);
    const twice = await invite(person.email).expect(409);
    expect(twice.body.error.code).toBe('ALREADY_MEMBER');
  });

  it('lets the person decline, and the admin revoke or replace; a closed invitation never works again', async () => {
    const decliner = await signIn(t);
    const declined = (await invite(decliner.email).expect(202)).body.id;
    await t.http().post(`/api/v1/me/invitations/${declined}/decline`).set(decliner.auth).expect(204);
    expect((await accept(decliner, declined).expect(409)).body.error.code).toBe('INVITATION_CLOSED');

    const revokedFrom = await signIn(t);
    const revoked = (await invite(revokedFrom.email).expect(202)).body.id;
    await t.http().delete(`/api/v1/cooperatives/${coop}/invitations/${revoked}`).set(owner.auth).expect(204);
    await t.http().delete(`/api/v1/cooperatives/${coop}/invitations/${revoked}`).set(owner.auth).expect(404);
    expect(await mine(revokedFrom)).toEqual([]);
    expect((await accept(revokedFrom, revoked).expect(409)).body.error.code).toBe('INVITATION_CLOSED');

    const twiceAsked = await signIn(t);
    const first = (await invite(twiceAsked.email).expect(202)).body.id;
    const second = (await invite(twiceAsked.email, 'coop_admin').expect(202)).body.id;
    expect((await mine(twiceAsked)).map((i) => [i.id, i.role])).toEqual([[second, 'coop_admin']]);
    expect((await accept(twiceAsked, first).expect(409)).body.error.code).toBe('INVITATION_CLOSED');

    const members = await membersOf();
    for (const who of [decliner, revokedFrom, twiceAsked]) expect(members).not.toContain(who.userId);
  });

  it('lets an invitation expire', async () => {
    const late = await signIn(t);
    const id = (await invite(late.email).expect(202)).body.id;
    await t.db.query(`UPDATE cooperative_invitations SET expires_at = now() - interval '1 minute' WHERE id = $1`, [id]);
    expect(await mine(late)).toEqual([]);
    const res = await accept(late, id).expect(409);
    expect(res.body.error).toMatchObject({
      code: 'INVITATION_CLOSED',
      details: [expect.objectContaining({ field: 'status', message: expect.stringContaining('expired') })],
    });
    expect(await membersOf()).not.toContain(late.userId);
    const pending = await t.http().get(`/api/v1/cooperatives/${coop}/invitations`).set(owner.auth).expect(200);
    expect(pending.body.items.map((i: { id: string }) => i.id)).not.toContain(id);
  });

  it('no longer adds anyone directly', async () => {
    const person = await signIn(t);
    await t.http().post(`/api/v1/cooperatives/${coop}/members`).set(owner.auth).send({ email: person.email }).expect(404);
    expect(await membersOf()).not.toContain(person.userId);
  });
});
