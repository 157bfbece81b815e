import { Role } from '@nongsan/core';
import { DemoSeedService } from '@nongsan/demo';
import { createTestApp, type TestApp } from './harness/app.js';

interface CatalogItem {
  id: string;
  slug: string;
  name: string;
  minPrice: number;
  imageUrl: string | null;
  cooperative: { id: string; name: string };
  ocopStars: number | null;
  wardCode: string;
}

describe('demo data', () => {
  let t: TestApp;
  let seed: DemoSeedService;
  beforeAll(async () => {
    t = await createTestApp();
    seed = t.app.get(DemoSeedService);
    await seed.run();
  });
  afterAll(() => t.close());

  const signIn = async (role: Role) => {
    const login = seed.logins.find((l) => l.role === role)!;
    const { body } = await t.http().post('/api/v1/auth/login').send({ email: login.email, password: login.password }).expect(200);
    return { Authorization: `Bearer ${body.accessToken}` };
  };

  async function catalog(query: Record<string, string> = {}): Promise<CatalogItem[]> {
    const items: CatalogItem[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: CatalogItem[]; nextCursor: string | null } } = await t
        .http()
        .get('/api/v1/catalog/products')
        .query({ ...query, limit: 100, ...(cursor ? { cursor } : {}) })
        .expect(200);
      items.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    return items;
  }

  async function counts() {
    const [row] = await t.db.query(
      `SELECT (SELECT count(*) FROM cooperatives)::int AS cooperatives, (SELECT count(*) FROM cooperative_members)::int AS members,
              (SELECT count(*) FROM cooperative_status_changes)::int AS timeline, (SELECT count(*) FROM cooperative_documents)::int AS documents,
              (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM products)::int AS products, (SELECT count(*) FROM variants)::int AS variants,
              (SELECT count(*) FROM product_certifications)::int AS certifications, (SELECT count(*) FROM product_images)::int AS images,
              (SELECT count(*) FROM checkouts)::int AS checkouts, (SELECT count(*) FROM cooperatives WHERE payout_bank_bin IS NOT NULL)::int AS payoutAccounts`,
    );
    return { ...row, objects: (await t.objectKeys('public/products/')).length + (await t.objectKeys('private/cooperatives/')).length };
  }

  it('puts a dozen cooperatives of the former Bình Định area in front of the Department, some still waiting for review', async () => {
    const official = await signIn(Role.Official);
    const { body } = await t.http().get('/api/v1/admin/cooperatives').query({ limit: 100 }).set(official).expect(200);
    expect(body.items.length).toBeGreaterThanOrEqual(12);
    const byStatus = (status: string) => body.items.filter((c: { status: string }) => c.status === status).length;
    expect(byStatus('approved')).toBeGreaterThanOrEqual(10);
    expect(byStatus('submitted')).toBeGreaterThanOrEqual(1);
    expect(byStatus('draft')).toBeGreaterThanOrEqual(1);

    const waiting = body.items.find((c: { status: string }) => c.status === 'submitted');
    const review = await t.http().get(`/api/v1/admin/cooperatives/${waiting.id}`).set(official).expect(200);
    expect(review.body.documents.map((d: { kind: string }) => d.kind)).toContain('business_registration');
    const wards = await t.db.query<Array<{ former_province: string }>>(
      `SELECT DISTINCT w.former_province FROM cooperatives c JOIN wards w ON w.code = c.ward_code`,
    );
    expect(wards).toEqual([{ former_province: 'Bình Định' }]);
  });

  it('lists 60+ active products, each with a WebP picture', async () => {
    const items = await catalog();
    expect(items.length).toBeGreaterThanOrEqual(60);
    expect(new Set(items.map((i) => i.cooperative.id)).size).toBeGreaterThanOrEqual(10);
    await Promise.all(
      items.map(async (item) => {
        expect(item.imageUrl).toMatch(/\/public\/products\/.+\/320\.webp$/);
        const image = await fetch(item.imageUrl!);
        const bytes = Buffer.from(await image.arrayBuffer());
        expect([item.slug, image.status, bytes.subarray(0, 4).toString(), bytes.subarray(8, 12).toString()]).toEqual([item.slug, 200, 'RIFF', 'WEBP']);
      }),
    );
    // Two demo certificates ran out and were not reassessed: the products stay, the badges go.
    const [expired] = await t.db.query<Array<{ id: string }>>(`SELECT id FROM products WHERE status = 'active' AND ocop_expires_at < current_date LIMIT 1`);
    expect(items.find((i) => i.id === expired.id)?.ocopStars).toBeNull();
    expect(items.some((i) => i.ocopStars === 4)).toBe(true);
  });

  it('finds fish sauce without accents', async () => {
    const found = await catalog({ q: 'nuoc mam' });
    expect(found.length).toBeGreaterThanOrEqual(4);
    expect(found[0].name).toMatch(/nước mắm/i);
    expect(found.map((i) => i.name)).toEqual(expect.arrayContaining([expect.stringMatching(/Gò Bồi/), expect.stringMatching(/Đề Gi/)]));
  });

  it('lets the printed cooperative admin sign in and manage their cooperative', async () => {
    const admin = await signIn(Role.CoopAdmin);
    const { body } = await t.http().get('/api/v1/me/cooperatives').set(admin).expect(200);
    expect(body.items).toEqual([expect.objectContaining({ status: 'approved', role: 'coop_admin' })]);
    const onboarding = await t.http().get(`/api/v1/cooperatives/${body.items[0].id}/onboarding`).set(admin).expect(200);
    expect(onboarding.body.steps.filter((s: { done: boolean }) => s.done).map((s: { key: string }) => s.key)).toEqual([
      'profile_complete',
      'documents_uploaded',
      'submitted',
      'approved',
      'first_product_published',
    ]);
  });

  it('gives the printed collector transfers to confirm and cooperatives an account to pay into', async () => {
    const collector = await signIn(Role.Finance);
    const { body } = await t.http().get('/api/v1/admin/checkouts').query({ status: 'awaiting_transfer' }).set(collector).expect(200);
    expect(body.items).toHaveLength(2);
    expect(body.items.map((c: { cooperatives: unknown[] }) => c.cooperatives.length).sort()).toEqual([1, 2]);
    const admin = await signIn(Role.CoopAdmin);
    const [mine] = (await t.http().get('/api/v1/me/cooperatives').set(admin).expect(200)).body.items;
    const account = await t.http().get(`/api/v1/cooperatives/${mine.id}/payout-account`).set(collector).expect(200);
    expect(account.body.account).toMatchObject({
      bankBin: expect.stringMatching(/^\d{6}$/),
      accountNumber: expect.stringMatching(/^10\d{10}$/),
      accountName: 'HOP TAC XA RUOU BAU DA CU LAM',
    });
  });

  it('changes nothing when run again', async () => {
    const before = await counts();
    expect(before.products).toBeGreaterThanOrEqual(60);
    await seed.run();
    expect(await counts()).toEqual(before);
  });
});
