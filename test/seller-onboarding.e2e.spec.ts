import { Role } from '@nongsan/core';
import { createTestApp, signIn, type Session, type TestApp } from './harness/app.js';
import { createSellableVariant } from './harness/catalog-fixtures.js';
import { approveCooperative, cooperativeInput, createCooperative, newTaxCode, PDF } from './harness/fixtures.js';

describe('seller onboarding: register, papers, submit, review, progress', () => {
  let t: TestApp;
  let official: Session;
  beforeAll(async () => {
    t = await createTestApp();
    official = await signIn(t, Role.Official);
  });
  afterAll(() => t.close());

  it('walks the whole path over HTTP: register → cooperative → papers → submit → approve → progress', async () => {
    const { body: account } = await t
      .http()
      .post('/api/v1/auth/register')
      .send({ email: 'hung.tran@example.vn', password: 'mat-khau-htx', fullName: 'Trần Văn Hùng' })
      .expect(201);
    const owner = { auth: { Authorization: `Bearer ${account.accessToken}` } };

    // An old-style address: xã Nhơn Tân (21946, former An Nhơn) is now part of xã An Nhơn Tây (21940).
    const created = await t
      .http()
      .post('/api/v1/cooperatives')
      .set(owner.auth)
      .send(cooperativeInput({ taxCode: '0100233488', wardCode: '21946', phone: '0905 123 456' }))
      .expect(201);
    expect(created.body).toMatchObject({
      slug: 'hop-tac-xa-nong-nghiep-nhon-loc',
      status: 'draft',
      taxCode: '0100233488',
      phone: '+84905123456',
      wardCode: '21940',
      wardName: 'An Nhơn Tây',
      formerCommuneCode: '21946',
      myRole: 'coop_admin',
    });
    expect(created.body.formerDistrictCodes).toContain('549');
    const id = created.body.id;

    const before = await t.http().get(`/api/v1/cooperatives/${id}/onboarding`).set(owner.auth).expect(200);
    expect(before.body.steps.map((s: { key: string; done: boolean }) => [s.key, s.done])).toEqual([
      ['profile_complete', true],
      ['documents_uploaded', false],
      ['submitted', false],
      ['approved', false],
      ['first_product_published', false],
      ['first_channel_connected', false],
      ['first_order_received', false],
    ]);

    const upload = await t
      .http()
      .post(`/api/v1/cooperatives/${id}/documents`)
      .set(owner.auth)
      .field('kind', 'business_registration')
      .attach('file', PDF, { filename: 'Giấy chứng nhận ĐK HTX.pdf', contentType: 'application/pdf' })
      .expect(201);
    expect(upload.body).toMatchObject({
      kind: 'business_registration',
      fileName: 'Giấy chứng nhận ĐK HTX.pdf',
      contentType: 'application/pdf',
      sizeBytes: PDF.length,
    });

    await t
      .http()
      .post(`/api/v1/cooperatives/${id}/submit`)
      .set(owner.auth)
      .expect(200)
      .expect(({ body }) => expect(body.status).toBe('submitted'));

    const queue = await t.http().get('/api/v1/admin/cooperatives').query({ status: 'submitted' }).set(official.auth).expect(200);
    expect(queue.body.items.map((c: { id: string }) => c.id)).toContain(id);
    const review = await t.http().get(`/api/v1/admin/cooperatives/${id}`).set(official.auth).expect(200);
    expect(review.body.documents).toHaveLength(1);
    const download = await t.http().get(`/api/v1/cooperatives/${id}/documents/${upload.body.id}/download`).set(official.auth).expect(200);
    const file = await fetch(download.body.url);
    expect(Buffer.from(await file.arrayBuffer())).toEqual(PDF);

    await t
      .http()
      .post(`/api/v1/admin/cooperatives/${id}/approve`)
      .set(official.auth)
      .expect(200)
      .expect(({ body }) => expect(body.status).toBe('approved'));

    const after = await t.http().get(`/api/v1/cooperatives/${id}/onboarding`).set(owner.auth).expect(200);
    expect(after.body).toMatchObject({ done: 4, total: 7 });
    expect(after.body.steps.filter((s: { done: boolean }) => s.done).map((s: { key: string }) => s.key)).toEqual([
      'profile_complete',
      'documents_uploaded',
      'submitted',
      'approved',
    ]);
    for (const step of after.body.steps.slice(1, 4)) expect(Date.parse(step.doneAt)).toBeGreaterThan(0);

    const mine = await t.http().get('/api/v1/me/cooperatives').set(owner.auth).expect(200);
    expect(mine.body.items).toEqual([
      { id, name: 'Hợp tác xã Nông nghiệp Nhơn Lộc', slug: 'hop-tac-xa-nong-nghiep-nhon-loc', status: 'approved', role: 'coop_admin' },
    ]);
  });

  it('counts the first order once one stands: not while unpaid, yes for cash on delivery, dated by the order', async () => {
    const owner = await signIn(t);
    const buyer = await signIn(t);
    const { id } = await createCooperative(t, owner, { overrides: { name: 'HTX Bánh tráng Tam Quan' } });
    await approveCooperative(t, owner, official, id);
    const variantId = await createSellableVariant(t, id, owner, `BT-${Date.now().toString(36)}`, 30000, 20);
    const firstOrder = async () =>
      (await t.http().get(`/api/v1/cooperatives/${id}/onboarding`).set(owner.auth).expect(200)).body.steps.find(
        (s: { key: string }) => s.key === 'first_order_received',
      );
    const checkout = (paymentMethod: string, key: string) =>
      t
        .http()
        .post('/api/v1/checkouts')
        .set(buyer.auth)
        .set('Idempotency-Key', key)
        .send({
          items: [{ variantId, quantity: 1 }],
          shippingAddress: { fullName: 'Lê Thị Mai', phone: '0912 345 678', addressLine: '12 Trần Hưng Đạo', wardCode: '21583' },
          paymentMethod,
        })
        .expect(201);

    expect(await firstOrder()).toEqual({ key: 'first_order_received', done: false, doneAt: null, missing: [] });
    // A VietQR order nobody has paid yet is not a sale (the Department's funnel counts it the same way).
    await checkout('vietqr', 'onboarding-qr');
    expect((await firstOrder()).done).toBe(false);

    const cod = await checkout('cod', 'onboarding-cod');
    const step = await firstOrder();
    expect(step).toMatchObject({ done: true, doneAt: cod.body.createdAt });
    const progress = (await t.http().get(`/api/v1/cooperatives/${id}/onboarding`).set(owner.auth).expect(200)).body;
    expect(progress).toMatchObject({ done: 6, total: 7 });
  });

  it('checks the tax code: vectors, the 13-digit branch form, duplicates in any writing', async () => {
    const owner = await signIn(t);
    const post = (taxCode: string, lang = 'vi') =>
      t.http().post('/api/v1/cooperatives').set(owner.auth).set('Accept-Language', lang).send(cooperativeInput({ taxCode }));

    const wrongDigit = await post('0100233480').expect(400);
    expect(wrongDigit.body.error.details).toEqual([{ field: 'taxCode', message: '“taxCode” sai chữ số kiểm tra; vui lòng kiểm tra lại mã số thuế.' }]);
    for (const bad of ['010023348', '01002334881', '0314409058-000', 'MST0100233488']) {
      const res = await post(bad, 'en').expect(400);
      expect(res.body.error.details).toEqual([{ field: 'taxCode', message: 'taxCode must have 10 digits, or 13 for a branch (NNNNNNNNNN-NNN).' }]);
    }

    const branch = await post('0314409058002').expect(201);
    expect(branch.body.taxCode).toBe('0314409058-002');
    const duplicate = await post('0314409058-002').expect(409);
    expect(duplicate.body.error).toMatchObject({ code: 'TAX_CODE_TAKEN', details: [{ field: 'taxCode', message: 'Mã số thuế này đã được đăng ký.' }] });
    // The head office and another branch are other taxpayers.
    await post('0314409058').expect(201);
  });

  it('accepts only wards of the province; a split former commune must be resolved by the user', async () => {
    const owner = await signIn(t);
    const unknown = await t
      .http()
      .post('/api/v1/cooperatives')
      .set(owner.auth)
      .send(cooperativeInput({ wardCode: '99999' }))
      .expect(400);
    expect(unknown.body.error.details.map((d: { field: string }) => d.field)).toEqual(['wardCode']);
    const split = await t
      .http()
      .post('/api/v1/cooperatives')
      .set(owner.auth)
      .send(cooperativeInput({ wardCode: '21634' }))
      .expect(400);
    expect(split.body.error.details[0].field).toBe('wardCode');
    expect(split.body.error.details[0].message).toMatch(/21622 An Toàn.*21628 An Hòa|21628 An Hòa.*21622 An Toàn/);
  });

  it('refuses to submit an incomplete cooperative, naming what is missing', async () => {
    const owner = await signIn(t);
    const { id } = await createCooperative(t, owner, { overrides: { description: undefined }, withRegistration: false });
    const res = await t.http().post(`/api/v1/cooperatives/${id}/submit`).set(owner.auth).expect(409);
    expect(res.body.error.code).toBe('COOPERATIVE_INCOMPLETE');
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toEqual(['description', 'documents']);
    const onboarding = await t.http().get(`/api/v1/cooperatives/${id}/onboarding`).set(owner.auth).expect(200);
    expect(onboarding.body.steps[0]).toMatchObject({ key: 'profile_complete', done: false, missing: ['description'] });
  });

  it('rejects with a reason the cooperative can act on, then takes the fixed submission', async () => {
    const owner = await signIn(t);
    const { id } = await createCooperative(t, owner);
    await t.http().post(`/api/v1/cooperatives/${id}/submit`).set(owner.auth).expect(200);

    const noReason = await t.http().post(`/api/v1/admin/cooperatives/${id}/reject`).set(official.auth).send({}).expect(400);
    expect(noReason.body.error.details).toEqual([expect.objectContaining({ field: 'reason' })]);
    const reason = 'Giấy chứng nhận bị mờ, vui lòng tải bản rõ hơn.';
    const rejected = await t.http().post(`/api/v1/admin/cooperatives/${id}/reject`).set(official.auth).send({ reason }).expect(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', statusReason: reason });

    // Papers can be replaced after a rejection…
    const docs = await t.http().get(`/api/v1/cooperatives/${id}/documents`).set(owner.auth).expect(200);
    await t.http().delete(`/api/v1/cooperatives/${id}/documents/${docs.body.items[0].id}`).set(owner.auth).expect(204);
    await t
      .http()
      .post(`/api/v1/cooperatives/${id}/documents`)
      .set(owner.auth)
      .field('kind', 'business_registration')
      .attach('file', PDF, 'ban-ro.pdf')
      .expect(201);
    await t.http().post(`/api/v1/cooperatives/${id}/submit`).set(owner.auth).expect(200);
    // …but not while under review.
    const locked = await t.http().get(`/api/v1/cooperatives/${id}/documents`).set(owner.auth).expect(200);
    const refused = await t.http().delete(`/api/v1/cooperatives/${id}/documents/${locked.body.items[0].id}`).set(owner.auth).expect(409);
    expect(refused.body.error.details).toEqual([{ field: 'status', message: 'Trạng thái hiện tại: submitted.' }]);

    await t.http().post(`/api/v1/admin/cooperatives/${id}/approve`).set(official.auth).expect(200);
    const timeline = await t.http().get(`/api/v1/cooperatives/${id}/timeline`).set(owner.auth).expect(200);
    expect(timeline.body.items.map((e: { from: string | null; to: string }) => `${e.from}→${e.to}`)).toEqual([
      'null→draft',
      'draft→submitted',
      'submitted→rejected',
      'rejected→submitted',
      'submitted→approved',
    ]);
    expect(timeline.body.items[2]).toMatchObject({ reason, by: 'Người Thử' });
  });

  it('answers an illegal transition with 409 and the current status', async () => {
    const owner = await signIn(t);
    const { id } = await createCooperative(t, owner);
    const early = await t.http().post(`/api/v1/admin/cooperatives/${id}/approve`).set(official.auth).expect(409);
    expect(early.body.error).toMatchObject({ code: 'INVALID_STATUS_TRANSITION', details: [{ field: 'status', message: 'Trạng thái hiện tại: draft.' }] });
    await approveCooperative(t, owner, official, id);
    await t.http().post(`/api/v1/cooperatives/${id}/submit`).set(owner.auth).expect(409);
    await t.http().post(`/api/v1/admin/cooperatives/${id}/approve`).set(official.auth).expect(409);
    // The tax code of an approved cooperative is locked; other fields still change.
    const locked = await t.http().patch(`/api/v1/cooperatives/${id}`).set(owner.auth).send({ taxCode: newTaxCode() }).expect(409);
    expect(locked.body.error.details[0].field).toBe('taxCode');
    const edited = await t.http().patch(`/api/v1/cooperatives/${id}`).set(owner.auth).send({ addressLine: 'Thôn Tân Lập, đường ĐT 636' }).expect(200);
    expect(edited.body.addressLine).toBe('Thôn Tân Lập, đường ĐT 636');
  });

  it('suspends with a reason and reinstates; each decision is audited and queued for the cooperative', async () => {
    const owner = await signIn(t);
    const { id } = await createCooperative(t, owner, { overrides: { email: 'suspend-me@example.vn' } });
    await approveCooperative(t, owner, official, id);
    await t.http().post(`/api/v1/admin/cooperatives/${id}/suspend`).set(official.auth).send({ reason: 'Sản phẩm bị phản ánh sai nhãn.' }).expect(200);
    const noReason = await t.http().post(`/api/v1/admin/cooperatives/${id}/reinstate`).set(official.auth).expect(400);
    expect(noReason.body.error.details.map((d: { field: string }) => d.field)).toEqual(['reason']);
    await t.http().post(`/api/v1/admin/cooperatives/${id}/reinstate`).set(official.auth).send({ reason: 'Đã sửa nhãn theo yêu cầu.' }).expect(200);

    const audit = await t.http().get('/api/v1/admin/audit').query({ entity: 'cooperative', id, limit: 50 }).set(official.auth).expect(200);
    const entries = [...audit.body.items].reverse();
    expect(entries.map((e: { action: string }) => e.action)).toEqual([
      'cooperative.create',
      'cooperative.document.upload',
      'cooperative.submit',
      'cooperative.approve',
      'cooperative.suspend',
      'cooperative.reinstate',
    ]);
    const suspend = entries[4];
    expect(suspend).toMatchObject({ actorUserId: official.userId, data: { from: 'approved', to: 'suspended', reason: 'Sản phẩm bị phản ánh sai nhãn.' } });
    expect(Date.parse(suspend.occurredAt)).toBeGreaterThan(Date.now() - 60_000);

    // Officials hear of the submission; the cooperative's admin (its owner) of each decision.
    const outbox = await t.db.query(
      `SELECT channel, recipient, template FROM notification_outbox WHERE cooperative_id = $1 ORDER BY created_at, channel, recipient`,
      [id],
    );
    expect(outbox.filter((m: { template: string }) => m.template === 'cooperative.submitted').map((m: { recipient: string }) => m.recipient)).toContain(
      official.email,
    );
    expect(outbox.filter((m: { template: string }) => m.template !== 'cooperative.submitted')).toEqual([
      { channel: 'email', recipient: owner.email, template: 'cooperative.approved' },
      { channel: 'email', recipient: owner.email, template: 'cooperative.suspended' },
      { channel: 'email', recipient: owner.email, template: 'cooperative.reinstated' },
    ]);
  });

  it('lets officials find cooperatives by status, former district, accent-free name and tax code', async () => {
    const owner = await signIn(t);
    const bauDa = await createCooperative(t, owner, { overrides: { name: 'HTX Rượu Bàu Đá Cù Lâm', wardCode: '21910' } });
    const goBoi = await createCooperative(t, owner, { overrides: { name: 'HTX Nước mắm Gò Bồi', wardCode: '21553' } });
    const search = (query: Record<string, string>) => t.http().get('/api/v1/admin/cooperatives').query(query).set(official.auth).expect(200);

    expect((await search({ q: 'ruou bau da' })).body.items.map((c: { id: string }) => c.id)).toEqual([bauDa.id]);
    expect((await search({ q: 'NƯỚC MẮM' })).body.items.map((c: { id: string }) => c.id)).toEqual([goBoi.id]);
    expect((await search({ taxCode: goBoi.taxCode })).body.items.map((c: { id: string }) => c.id)).toEqual([goBoi.id]);
    const anNhon = (await search({ formerDistrictCode: '549' })).body.items.map((c: { id: string }) => c.id);
    expect(anNhon).toContain(bauDa.id);
    expect(anNhon).not.toContain(goBoi.id);

    const first = await search({ limit: '1' });
    expect(first.body.items).toHaveLength(1);
    const second = await search({ limit: '1', cursor: first.body.nextCursor });
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);

    await t.http().get('/api/v1/admin/cooperatives').query({ status: 'pending' }).set(official.auth).expect(400);
  });
});
