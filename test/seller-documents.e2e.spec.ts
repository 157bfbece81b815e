import sharp from 'sharp';
import { addMember, createTestApp, signIn, type Session, type TestApp } from './harness/app.js';
import { createCooperative, PDF } from './harness/fixtures.js';

/** What a Windows program looks like to anyone who reads the bytes. */
const EXE = Buffer.concat([
  Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff', 'latin1'),
  Buffer.alloc(64),
  Buffer.from('PE\0\0', 'latin1'),
  Buffer.alloc(200),
]);

describe('cooperative papers, logo and members', () => {
  let t: TestApp;
  let owner: Session;
  let id: string;
  beforeAll(async () => {
    t = await createTestApp();
    owner = await signIn(t);
    ({ id } = await createCooperative(t, owner, { withRegistration: false }));
  });
  afterAll(() => t.close());

  const upload = (file: Buffer, filename: string, kind = 'ocop_certificate') =>
    t.http().post(`/api/v1/cooperatives/${id}/documents`).set(owner.auth).field('kind', kind).attach('file', file, filename);

  it('refuses a program renamed to .pdf, and stores nothing', async () => {
    const res = await upload(EXE, 'giay-phep.pdf').expect(400);
    expect(res.body.error).toMatchObject({ code: 'UNSUPPORTED_FILE_TYPE', details: [{ field: 'file' }] });
    expect(res.body.error.message).toContain('application/pdf, image/jpeg, image/png, image/webp');
    expect((await t.http().get(`/api/v1/cooperatives/${id}/documents`).set(owner.auth).expect(200)).body.items).toEqual([]);
    expect(await t.objectKeys(`private/cooperatives/${id}/`)).toEqual([]);
  });

  it('leaves no private object behind when the paper’s row cannot be recorded, nor when an import job cannot', async () => {
    // The database refuses the row after the file is in the bucket, as a lost connection would.
    const refuse = async (table: string, call: () => Promise<unknown>) => {
      await t.db.query(`CREATE FUNCTION test_refuse_row() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$`);
      await t.db.query(`CREATE TRIGGER test_refuse_row BEFORE INSERT ON ${table} FOR EACH ROW EXECUTE FUNCTION test_refuse_row()`);
      try {
        await call();
      } finally {
        await t.db.query(`DROP TRIGGER test_refuse_row ON ${table}; DROP FUNCTION test_refuse_row()`);
      }
    };
    await refuse('cooperative_documents', () => upload(PDF, 'giay-phep.pdf').expect(500));
    expect(await t.objectKeys(`private/cooperatives/${id}/`)).toEqual([]);
    const before = await t.objectKeys('private/imports/');
    const csv = Buffer.from('SKU,Tên sản phẩm\nA-1,Gạo\n');
    await refuse('jobs', () => t.http().post(`/api/v1/cooperatives/${id}/imports`).set(owner.auth).attach('file', csv, 'san-pham.csv').expect(500));
    expect(await t.objectKeys('private/imports/')).toEqual(before);
  });

  it('refuses a file over 10 MB with 413, and stores nothing', async () => {
    const big = Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]);
    const res = await upload(big, 'ban-scan-lon.pdf').expect(413);
    expect(res.body.error).toMatchObject({ code: 'FILE_TOO_LARGE', message: 'Tệp quá lớn (tối đa 10 MB).' });
    expect(await t.objectKeys(`private/cooperatives/${id}/`)).toEqual([]);
  });

  it('names the missing or wrong fields of an upload', async () => {
    const noFile = await t.http().post(`/api/v1/cooperatives/${id}/documents`).set(owner.auth).field('kind', 'other').expect(400);
    expect(noFile.body.error.details).toEqual([expect.objectContaining({ field: 'file' })]);
    const badKind = await upload(PDF, 'a.pdf', 'giay-to-khac').expect(400);
    expect(badKind.body.error.details.map((d: { field: string }) => d.field)).toEqual(['kind']);
    const wrongField = await t
      .http()
      .post(`/api/v1/cooperatives/${id}/documents`)
      .set(owner.auth)
      .field('kind', 'other')
      .attach('document', PDF, 'a.pdf')
      .expect(400);
    expect(wrongField.body.error.details[0].message).toContain('“file”');
  });

  it('keeps a real JPEG scan, detected by content even when misnamed, under private storage', async () => {
    const jpeg = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#c33' } })
      .jpeg()
      .toBuffer();
    const res = await upload(jpeg, 'chung-nhan-ocop.pdf').expect(201);
    expect(res.body).toMatchObject({ contentType: 'image/jpeg', fileName: 'chung-nhan-ocop.jpg', kind: 'ocop_certificate' });
    const keys = await t.objectKeys(`private/cooperatives/${id}/documents/`);
    expect(keys).toHaveLength(1);
    const link = await t.http().get(`/api/v1/cooperatives/${id}/documents/${res.body.id}/download`).set(owner.auth).expect(200);
    expect(Date.parse(link.body.expiresAt) - Date.now()).toBeLessThanOrEqual(300_000);
    expect(Buffer.from(await (await fetch(link.body.url)).arrayBuffer())).toEqual(jpeg);
    await t.http().delete(`/api/v1/cooperatives/${id}/documents/${res.body.id}`).set(owner.auth).expect(204);
    expect(await t.objectKeys(`private/cooperatives/${id}/documents/`)).toEqual([]);
  });

  it('re-encodes a logo to a small public WebP and replaces the old one', async () => {
    const png = await sharp({ create: { width: 1600, height: 900, channels: 4, background: '#2a7' } })
      .png()
      .toBuffer();
    const first = await t.http().post(`/api/v1/cooperatives/${id}/logo`).set(owner.auth).attach('file', png, 'logo.png').expect(200);
    const image = await fetch(first.body.logoUrl);
    expect(image.headers.get('content-type')).toBe('image/webp');
    const meta = await sharp(Buffer.from(await image.arrayBuffer())).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['webp', 512, 288]);

    const second = await t.http().post(`/api/v1/cooperatives/${id}/logo`).set(owner.auth).attach('file', png, 'logo2.png').expect(200);
    expect(second.body.logoUrl).not.toBe(first.body.logoUrl);
    expect(await t.objectKeys(`public/cooperatives/${id}/`)).toHaveLength(1);
    await t.http().post(`/api/v1/cooperatives/${id}/logo`).set(owner.auth).attach('file', PDF, 'logo.png').expect(400);
  });

  it('keeps at least one admin, and lets members leave (joining: seller-invitations)', async () => {
    const staff = await signIn(t);
    await addMember(t, owner, id, staff);
    const members = await t.http().get(`/api/v1/cooperatives/${id}/members`).set(owner.auth).expect(200);
    expect(members.body.items.find((m: { userId: string }) => m.userId === staff.userId)).toMatchObject({ role: 'coop_member' });

    // The staff member sees the cooperative, cannot edit it.
    await t.http().get(`/api/v1/cooperatives/${id}`).set(staff.auth).expect(200);
    await t.http().patch(`/api/v1/cooperatives/${id}`).set(staff.auth).send({ description: 'x' }).expect(403);

    const last = await t.http().patch(`/api/v1/cooperatives/${id}/members/${owner.userId}`).set(owner.auth).send({ role: 'coop_member' }).expect(409);
    expect(last.body.error.code).toBe('LAST_ADMIN');
    await t.http().patch(`/api/v1/cooperatives/${id}/members/${staff.userId}`).set(owner.auth).send({ role: 'coop_admin' }).expect(200);
    await t.http().patch(`/api/v1/cooperatives/${id}/members/${owner.userId}`).set(owner.auth).send({ role: 'coop_member' }).expect(200);
    // The former admin is a plain member now and leaves on their own.
    await t.http().delete(`/api/v1/cooperatives/${id}/members/${owner.userId}`).set(owner.auth).expect(204);
    await t.http().get(`/api/v1/cooperatives/${id}`).set(owner.auth).expect(404);
    const lastAdminLeaving = await t.http().delete(`/api/v1/cooperatives/${id}/members/${staff.userId}`).set(staff.auth).expect(409);
    expect(lastAdminLeaving.body.error.code).toBe('LAST_ADMIN');
  });
});
