import { Controller, Module, Param, Post } from '@nestjs/common';
import { AuditService, CurrentUser, Role, Roles, type AuthUser } from '@nongsan/core';
import { createTestApp, signIn, type TestApp } from './harness/app.js';

/** Stands in for a later feature's state change (approving a cooperative, say). */
@Controller('test-audit')
class AuditedChangeController {
  constructor(private readonly audit: AuditService) {}

  @Post(':id/approve')
  @Roles(Role.Official)
  async approve(@Param('id') id: string, @CurrentUser() user: AuthUser) {
    await this.audit.record({ actor: user, action: 'thing.approve', entityType: 'thing', entityId: id });
    return { ok: true };
  }
}

@Module({ controllers: [AuditedChangeController] })
class AuditedChangeModule {}

describe('audit log', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ imports: [AuditedChangeModule] });
  });
  afterAll(() => t.close());

  it('records who did what, and officials read it per record, newest first, page by page', async () => {
    const official = await signIn(t, Role.Official);
    const audit = t.app.get(AuditService);
    const actor = { id: official.userId, email: official.email, roles: [Role.Official] };
    for (const action of ['cooperative.submit', 'cooperative.approve', 'cooperative.suspend']) {
      await audit.record({ actor, action, entityType: 'cooperative', entityId: 'coop-1', data: { reason: action } });
    }
    await audit.record({ actor, action: 'cooperative.approve', entityType: 'cooperative', entityId: 'coop-2' });

    const first = await t.http().get('/api/v1/admin/audit').query({ entity: 'cooperative', id: 'coop-1', limit: 2 }).set(official.auth).expect(200);
    expect(first.body.items.map((e: { action: string }) => e.action)).toEqual(['cooperative.suspend', 'cooperative.approve']);
    expect(first.body.items[0]).toMatchObject({ actorUserId: official.userId, actorRoles: ['official'], entity: 'cooperative', entityId: 'coop-1' });
    const second = await t
      .http()
      .get('/api/v1/admin/audit')
      .query({ entity: 'cooperative', id: 'coop-1', limit: 2, cursor: first.body.nextCursor })
      .set(official.auth)
      .expect(200);
    expect(second.body.items.map((e: { action: string }) => e.action)).toEqual(['cooperative.submit']);
    expect(second.body.nextCursor).toBeNull();
  });

  it('keeps the request id and address of a change made over HTTP', async () => {
    const official = await signIn(t, Role.Official);
    await t.http().post('/api/v1/test-audit/t-9/approve').set(official.auth).set('X-Request-Id', 'req-audit-12345').expect(201);
    const res = await t.http().get('/api/v1/admin/audit').query({ entity: 'thing', id: 't-9' }).set(official.auth).expect(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({
        action: 'thing.approve',
        actorUserId: official.userId,
        requestId: 'req-audit-12345',
        ip: expect.stringMatching(/127\.0\.0\.1/),
      }),
    ]);
  });

  it('is closed to buyers (403) and to anonymous callers (401), and refuses a forged cursor (400)', async () => {
    const buyer = await signIn(t);
    await t.http().get('/api/v1/admin/audit').set(buyer.auth).expect(403);
    await t.http().get('/api/v1/admin/audit').expect(401);
    const official = await signIn(t, Role.Official);
    const res = await t.http().get('/api/v1/admin/audit').query({ cursor: 'bm90LWEtY3Vyc29y', limit: 500 }).set(official.auth).expect(400);
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toEqual(['limit']);
    const forged = await t.http().get('/api/v1/admin/audit').query({ cursor: 'bm90LWEtY3Vyc29y' }).set(official.auth).expect(400);
    expect(forged.body.error.details).toEqual([{ field: 'cursor', message: '“cursor” không hợp lệ.' }]);
  });
});
