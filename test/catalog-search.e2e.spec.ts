import { Role } from '@nongsan/core';
import { createTestApp, signIn, type Session, type TestApp } from './harness/app.js';
import { createProduct } from './harness/catalog-fixtures.js';
import { daysFromToday } from './harness/dates.js';
import { approveCooperative, createCooperative } from './harness/fixtures.js';

interface Item {
  id: string;
  name: string;
  minPrice: number;
  ocopStars: number | null;
  cooperative: { id: string; name: string };
}

const variant = (sku: string, price: number, stock = 10) => [{ sku, name: 'Mặc định', price, weightGrams: 500, stock }];

describe('public catalog search', () => {
  let t: TestApp;
  let owner: Session;
  let official: Session;
  let coop: string;
  const ids: Record<string, string> = {};

  const search = async (query: Record<string, string | number | boolean>) =>
    (await t.http().get('/api/v1/catalog/products').query(query).expect(200)).body as { items: Item[]; nextCursor: string | null; approximate: boolean };
  const names = async (query: Record<string, string | number | boolean>) => (await search(query)).items.map((i) => i.name);

  beforeAll(async () => {
    t = await createTestApp();
    owner = await signIn(t);
    official = await signIn(t, Role.Official);
    coop = (await createCooperative(t, owner, { overrides: { name: 'HTX Đề Gi' } })).id;
    await approveCooperative(t, owner, official, coop);
    const add = async (key: string, overrides: Record<string, unknown>) => {
      ids[key] = (await createProduct(t, coop, owner, { overrides, publishAs: owner })).id;
      // A claim earns the badge only once the Department verified it (ocop-verification.e2e.spec.ts).
      if (overrides.ocop) await t.http().post(`/api/v1/admin/products/${ids[key]}/ocop/verify`).set(official.auth).expect(200);
    };
    await add('deGi', {
      name: 'Nước mắm Đề Gi 40 độ đạm',
      description: 'Cá cơm than ủ chượp trong thùng gỗ.',
      categoryId: 'fish-sauce',
      originWardCode: '21859',
      ocop: { stars: 4, certificateNumber: '77/QĐ-UBND', issuedAt: daysFromToday(-400), expiresAt: daysFromToday(700) },
      variants: variant('DG-1', 95000),
    });
    await add('xoai', {
      name: 'Xoài tượng An Lão',
      description: 'Xoài chín cây.',
      categoryId: 'fresh-fruit',
      originWardCode: '21609',
      variants: variant('XO-1', 60000, 0),
    });
    await add('banhTrang', {
      name: 'Bánh tráng nước dừa Tam Quan',
      description: 'Nướng giòn, thơm vị dừa.',
      categoryId: 'rice-paper',
      originWardCode: '21637',
      variants: variant('BT-1', 35000),
    });
    await add('sa', {
      name: 'Tinh dầu sả Nhơn Lộc',
      description: 'Chưng cất từ sả trồng theo VietGAP.',
      categoryId: 'essential-oils',
      originWardCode: '21940',
      ocop: { stars: 3, certificateNumber: '12/QĐ-UBND', issuedAt: '2021-01-01', expiresAt: '2024-01-01' },
      certifications: [{ type: 'vietgap', number: 'VG-9', issuer: 'Trung tâm VietGAP', issuedAt: daysFromToday(-300), expiresAt: daysFromToday(800) }],
      variants: variant('SA-1', 120000),
    });
    await add('kho', {
      name: 'Mực khô Quy Nhơn',
      description: 'Mực một nắng phơi khô.',
      categoryId: 'dried-seafood',
      originWardCode: '21583',
      variants: variant('MK-1', 450000),
    });
    // Not for sale: a draft, and a product of a suspended cooperative.
    await createProduct(t, coop, owner, { overrides: { name: 'Nước mắm nháp chưa đăng', variants: variant('DR-1', 1000) } });
    const otherOwner = await signIn(t);
    const suspended = (await createCooperative(t, otherOwner, { overrides: { name: 'HTX Gò Bồi' } })).id;
    await approveCooperative(t, otherOwner, official, suspended);
    await createProduct(t, suspended, otherOwner, {
      overrides: { name: 'Nước mắm Gò Bồi', categoryId: 'fish-sauce', variants: variant('GB-1', 80000) },
      publishAs: otherOwner,
    });
    await t.http().post(`/api/v1/admin/cooperatives/${suspended}/suspend`).set(official.auth).send({ reason: 'Kiểm tra' }).expect(200);
  });
  afterAll(() => t.close());

  it("runs on connections without PostgreSQL's JIT (a search statement's estimate must not buy 20 ms of compiling)", async () => {
    expect(await t.db.query(`SHOW jit`)).toEqual([{ jit: 'off' }]);
  });

  it('matches without accents, with d for đ, in any case', async () => {
    expect(await names({ q: 'xoai' })).toEqual(['Xoài tượng An Lão']);
    expect(await names({ q: 'nuoc mam de gi' })).toEqual(['Nước mắm Đề Gi 40 độ đạm']);
    expect(await names({ q: 'NƯỚC MẮM ĐỀ GI' })).toEqual(['Nước mắm Đề Gi 40 độ đạm']);
    expect(await names({ q: 'dam' })).toEqual(['Nước mắm Đề Gi 40 độ đạm']);
  });

  it('matches words in any order, in the name or the description', async () => {
    expect(await names({ q: 'dua banh trang' })).toEqual(['Bánh tráng nước dừa Tam Quan']);
    expect(await names({ q: 'vietgap sa' })).toEqual(['Tinh dầu sả Nhơn Lộc']);
  });

  it('falls back to close matches for a typo, says so, and ranks the closest first', async () => {
    expect((await search({ q: 'banh trang' })).approximate).toBe(false);
    const typo = await search({ q: 'banh trangg' });
    expect(typo).toMatchObject({ approximate: true });
    expect(typo.items.map((i) => i.name)).toEqual(['Bánh tráng nước dừa Tam Quan']);
    expect((await names({ q: 'nuoc mamm' }))[0]).toBe('Nước mắm Đề Gi 40 độ đạm');
    expect(await names({ q: 'qwzxv' })).toEqual([]);
  });

  it('forgives a swapped pair of letters and one typo per word of four letters or more, not in short words', async () => {
    expect(await search({ q: 'bahn trnag' })).toMatchObject({ approximate: true, items: [{ name: 'Bánh tráng nước dừa Tam Quan' }] });
    expect(await names({ q: 'xaoi' })).toEqual(['Xoài tượng An Lão']);
    expect(await names({ q: 'muc khoo' })).toEqual(['Mực khô Quy Nhơn']);
    // Three letters allow none: "mak" is not taken for "mam".
    expect(await names({ q: 'nuoc mak' })).toEqual([]);
  });

  it("finds English and other regions' words for the catalog's, alongside the words as typed", async () => {
    expect(await search({ q: 'fish sauce' })).toMatchObject({ approximate: false, items: [{ name: 'Nước mắm Đề Gi 40 độ đạm' }] });
    expect(await names({ q: 'rice paper tam quan' })).toEqual(['Bánh tráng nước dừa Tam Quan']);
    expect(await names({ q: 'Bánh đa' })).toEqual(['Bánh tráng nước dừa Tam Quan']);
    expect(await names({ q: 'mango' })).toEqual(['Xoài tượng An Lão']);
    expect(await names({ q: 'honey' })).toEqual([]);
  });

  it('learns the words of new and renamed products at once', async () => {
    expect(await names({ q: 'hat dieuu' })).toEqual([]);
    const id = (
      await createProduct(t, coop, owner, {
        overrides: { name: 'Hạt điều rang muối', categoryId: 'rice-grains', variants: variant('HD-1', 150000) },
        publishAs: owner,
      })
    ).id;
    expect(await names({ q: 'hat dieuu' })).toEqual(['Hạt điều rang muối']);
    await t.http().patch(`/api/v1/products/${id}`).set(owner.auth).send({ name: 'Hạt sen sấy Tây Sơn' }).expect(200);
    expect(await names({ q: 'hat senn say' })).toEqual(['Hạt sen sấy Tây Sơn']);
    // Out of the way of the filters tested below.
    await t.http().post(`/api/v1/products/${id}/archive`).set(owner.auth).expect(200);
  });

  it('never shows drafts or a suspended cooperative’s products', async () => {
    const all = await names({ q: 'nuoc mam', limit: 50 });
    expect(all).toEqual(['Nước mắm Đề Gi 40 độ đạm']);
  });

  it('combines filters: category with sub-categories, locality, OCOP, certification, price, stock', async () => {
    expect(await names({ categoryId: 'seafood', sort: 'price_asc' })).toEqual(['Nước mắm Đề Gi 40 độ đạm', 'Mực khô Quy Nhơn']);
    expect(await names({ categoryId: 'seafood', ocopStars: 4 })).toEqual(['Nước mắm Đề Gi 40 độ đạm']);
    expect(await names({ formerDistrictCode: '549' })).toEqual(['Tinh dầu sả Nhơn Lộc']);
    expect(await names({ wardCode: '21637' })).toEqual(['Bánh tráng nước dừa Tam Quan']);
    expect(await names({ certification: 'vietgap' })).toEqual(['Tinh dầu sả Nhơn Lộc']);
    expect(await names({ minPrice: 50000, maxPrice: 100000, sort: 'price_desc' })).toEqual(['Nước mắm Đề Gi 40 độ đạm', 'Xoài tượng An Lão']);
    expect(await names({ minPrice: 50000, maxPrice: 100000, inStock: true })).toEqual(['Nước mắm Đề Gi 40 độ đạm']);
  });

  it('hides an expired OCOP badge and filter but keeps the product', async () => {
    const [sa] = (await search({ q: 'tinh dau sa' })).items;
    expect(sa.ocopStars).toBeNull();
    expect(await names({ ocopStars: 3 })).toEqual(['Nước mắm Đề Gi 40 độ đạm']);
    const owned = await t.http().get(`/api/v1/products/${ids.sa}`).set(owner.auth).expect(200);
    expect(owned.body.ocop).toMatchObject({ stars: 3, valid: false, certificateNumber: '12/QĐ-UBND' });
  });

  it('pages by cursor without skipping or repeating while products are being added', async () => {
    for (const sort of ['newest', 'price_asc', 'relevance'] as const) {
      const q: Record<string, string> = sort === 'relevance' ? { q: 'a' } : {};
      const before = (await search({ ...q, sort, limit: 50 })).items.map((i) => i.id);
      const seen: string[] = [];
      let cursor: string | null = null;
      let round = 0;
      do {
        const page: { items: Item[]; nextCursor: string | null } = await search({ ...q, sort, limit: 2, ...(cursor ? { cursor } : {}) });
        seen.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor;
        // Someone publishes new products between the buyer's page loads.
        await createProduct(t, coop, owner, {
          overrides: { name: `Sản phẩm mới ${sort} ${round}`, description: 'a', variants: variant(`NEW-${sort}-${round}`, 50000 + round) },
          publishAs: owner,
        });
        round += 1;
      } while (cursor && round < 20);
      expect(new Set(seen).size).toBe(seen.length);
      for (const id of before) expect(seen).toContain(id);
    }
  });

  it('serves a product page with its cooperative, origin and stock state', async () => {
    const list = await search({ q: 'xoai' });
    const slug = (await t.http().get(`/api/v1/products/${list.items[0].id}`).set(owner.auth).expect(200)).body.slug;
    const page = await t.http().get(`/api/v1/catalog/products/${slug}`).expect(200);
    expect(page.body).toMatchObject({
      name: 'Xoài tượng An Lão',
      categoryName: 'Trái cây tươi',
      cooperative: { id: coop, name: 'HTX Đề Gi' },
      origin: { wardCode: '21609', wardName: 'An Lão', formerProvince: 'Bình Định', formerDistricts: ['An Lão'] },
      variants: [{ stockState: 'out_of_stock', stock: 0, price: 60000 }],
    });
    await t.http().get('/api/v1/catalog/products/khong-ton-tai').expect(404);
  });

  it('lists the category tree with OCOP groups', async () => {
    const res = await t.http().get('/api/v1/catalog/categories').expect(200);
    expect(res.body.items).toEqual(
      expect.arrayContaining([
        { id: 'fish-sauce', parentId: 'seafood', name: 'Nước mắm', nameEn: 'Fish sauce', ocopGroup: 'food', ocopGroupName: 'Thực phẩm' },
      ]),
    );
  });

  it('refuses bad filters with 400 naming them', async () => {
    const res = await t.http().get('/api/v1/catalog/products').query({ sort: 'cheap', ocopStars: 6, minPrice: -1, inStock: 'maybe' }).expect(400);
    expect(res.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['inStock', 'minPrice', 'ocopStars', 'sort']);
    await t.http().get('/api/v1/catalog/products').query({ cursor: 'WyJ4Il0' }).expect(400);
  });
});
