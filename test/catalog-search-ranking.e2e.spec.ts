import { Role } from '@nongsan/core';
import { createTestApp, signIn, type TestApp } from './harness/app.js';
import { createProduct } from './harness/catalog-fixtures.js';
import { approveCooperative, createCooperative } from './harness/fixtures.js';

/**
 * The search ranks by the name's trigram similarity to the query without computing it for every
 * match (catalog-search.service.ts). Over a catalog built like the benchmark's, its pages must be the
 * ones the similarity order gives — and a name that has every word must come before a name that
 * only shares letters with the query while the description has the words.
 */
const WORDS = [
  'Nước mắm cá cơm',
  'Nước mắm nhĩ',
  'Bánh tráng nước dừa',
  'Bánh tráng mè đen',
  'Rượu nếp',
  'Xoài',
  'Mật ong rừng',
  'Kẹo dừa',
  'Mực khô',
  'Tôm khô',
  'Dầu dừa',
];
const PLACES = ['Tam Quan', 'Bàu Đá', 'Gò Bồi', 'Đề Gi', 'Nhơn Lý', 'An Lão', 'Hoài Nhơn', 'Phù Cát'];
const QUALITIES = ['40 độ đạm', 'nguyên chất', 'loại một', 'sấy giòn', 'đặc biệt', '', 'thượng hạng', 'nhà làm'];
const QUERIES = ['nuoc mam', 'banh trang', 'banh trang tam quan', 'xoai', 'mat ong rung', 'Nước mắm Gò Bồi', 'ruou bau da', 'keo dua', 'nuoc mam nhi', 'kho'];

describe('catalog search ranking', () => {
  let t: TestApp;
  let coop: string;

  beforeAll(async () => {
    t = await createTestApp();
    const owner = await signIn(t);
    const official = await signIn(t, Role.Official);
    coop = (await createCooperative(t, owner, { overrides: { name: 'HTX Xếp Hạng' } })).id;
    await approveCooperative(t, owner, official, coop);
    // 1,200 products, every combination several times over, in a fixed order (ids differ run to run: ties go by id, as the reference does).
    const names: string[] = [];
    for (let i = 0; i < 1200; i++) names.push(`${WORDS[i % WORDS.length]} ${PLACES[(i * 7) % PLACES.length]} ${QUALITIES[(i * 5) % QUALITIES.length]}`.trim());
    await t.db.query(
      `INSERT INTO products (cooperative_id, slug, name, description, category_id, origin_ward_code, unit, status, min_price, published_at)
       SELECT $1, 'xep-hang-' || n, name, name || ' của HTX Xếp Hạng, làm thủ công. Giao toàn quốc.', 'fish-sauce', '21859', 'chai', 'active', 50000 + n, now() - make_interval(mins => n::int)
         FROM unnest($2::text[]) WITH ORDINALITY AS x(name, n)`,
      [coop, names],
    );
  }, 120_000);
  afterAll(() => t.close());

  const page = async (q: string, cursor?: string) =>
    (
      await t
        .http()
        .get('/api/v1/catalog/products')
        .query({ q, limit: 20, ...(cursor ? { cursor } : {}) })
        .expect(200)
    ).body as { items: Array<{ id: string; name: string }>; nextCursor: string | null };

  /** The ids of up to `pages` pages of a search, each page from the one before's cursor (all of them when `pages` is not given). */
  const pagesOf = async (query: Record<string, string | number>, pages = Infinity) => {
    const ids: string[] = [];
    let cursor: string | undefined;
    for (let n = 0; n < pages && (n === 0 || cursor); n++) {
      const { body } = await t
        .http()
        .get('/api/v1/catalog/products')
        .query({ ...query, ...(cursor ? { cursor } : {}) })
        .expect(200);
      ids.push(...body.items.map((i: { id: string }) => i.id));
      cursor = body.nextCursor ?? undefined;
    }
    return ids;
  };

  /** The order the search had before it stopped computing similarity per match. */
  const bySimilarity = async (q: string, offset: number, price = { min: 0, max: Number.MAX_SAFE_INTEGER }) =>
    (
      await t.db.query<Array<{ id: string }>>(
        `SELECT p.id FROM products p
          WHERE p.status = 'active' AND (SELECT bool_and(p.search_text LIKE '%' || f_unaccent(lower(w)) || '%') FROM unnest(string_to_array($1, ' ')) AS w)
            AND p.min_price BETWEEN $3 AND $4
          ORDER BY similarity(f_unaccent(lower($1)), p.search_name) DESC, p.id DESC OFFSET $2 LIMIT 20`,
        [q, offset, price.min, price.max],
      )
    ).map((r) => r.id);

  it('gives the pages the trigram similarity order gives, for every query of the mix', async () => {
    let secondPages = 0;
    for (const q of QUERIES) {
      const first = await page(q);
      expect({ q, ids: first.items.map((i) => i.id) }).toEqual({ q, ids: await bySimilarity(q, 0) });
      expect(first.items.length).toBeGreaterThan(0);
      if (!first.nextCursor) continue;
      secondPages++;
      const second = await page(q, first.nextCursor);
      expect({ q, ids: second.items.map((i) => i.id) }).toEqual({ q, ids: await bySimilarity(q, 20) });
    }
    expect(secondPages).toBeGreaterThanOrEqual(6);
  });

  it('keeps that order within a filter, page after page', async () => {
    const price = { min: 50_300, max: 50_900 };
    let cursor: string | undefined;
    for (let n = 0; n < 3; n++) {
      const { body } = await t
        .http()
        .get('/api/v1/catalog/products')
        .query({ q: 'nuoc mam', limit: 20, minPrice: price.min, maxPrice: price.max, ...(cursor ? { cursor } : {}) })
        .expect(200);
      expect(body.items.map((i: { id: string }) => i.id)).toEqual(await bySimilarity('nuoc mam', n * 20, price));
      cursor = body.nextCursor;
    }
    expect(cursor).toBeTruthy();
  });

  it('sorts the matches by price, both ways, page after page, description matches included', async () => {
    for (const [sort, direction] of [
      ['price_asc', 'ASC'],
      ['price_desc', 'DESC'],
    ] as const) {
      const expected = (
        await t.db.query<Array<{ id: string }>>(
          `SELECT p.id FROM products p WHERE p.status = 'active' AND p.search_text LIKE '%nuoc%' AND p.search_text LIKE '%mam%'
            ORDER BY p.min_price ${direction}, p.id ${direction} LIMIT 60`,
        )
      ).map((r) => r.id);
      expect({ sort, ids: await pagesOf({ q: 'nuoc mam', sort, limit: 20 }, 3) }).toEqual({ sort, ids: expected });
    }
  });

  it('follows names, archiving and a suspended cooperative at once on a phrase hundreds of names have', async () => {
    const ids = async (q: string) => (await page(q)).items.map((i) => i.id);
    const before = await ids('nuoc mam');
    expect(before).toHaveLength(20);
    // The shortest name that has the words ranks first: a product renamed to it moves to the top…
    const [renamed] = await t.db.query(`SELECT id FROM products WHERE cooperative_id = $1 AND name LIKE 'Xoài%' LIMIT 1`, [coop]);
    await t.db.query(`UPDATE products SET name = 'Nước mắm' WHERE id = $1`, [renamed.id]);
    expect((await ids('nuoc mam'))[0]).toBe(renamed.id);
    // …and out of the words it no longer has.
    expect(await ids('xoai')).not.toContain(renamed.id);
    // An archived product leaves the page; the next one comes up.
    await t.db.query(`UPDATE products SET status = 'archived' WHERE id = $1`, [before[0]]);
    const after = await ids('nuoc mam');
    expect(after).not.toContain(before[0]);
    expect(after).toEqual(await bySimilarity('nuoc mam', 0));
    // A suspended cooperative's products are not shown, whatever their names.
    await t.db.query(`UPDATE cooperatives SET status = 'suspended' WHERE id = $1`, [coop]);
    try {
      expect(await ids('nuoc mam')).toEqual([]);
    } finally {
      await t.db.query(`UPDATE cooperatives SET status = 'approved' WHERE id = $1`, [coop]);
    }
  });

  it('ranks a name that has every word above one that only mentions a word in its description', async () => {
    const owner = await signIn(t);
    const official = await signIn(t, Role.Official);
    const other = (await createCooperative(t, owner, { overrides: { name: 'HTX Mật Gừng' } })).id;
    await approveCooperative(t, owner, official, other);
    const variants = [{ sku: 'MG-1', name: 'Hũ', price: 90000, weightGrams: 300, stock: 5 }];
    // Close to "mat ong" letter by letter (similarity 0.42 against 0.2), but the honey is in the description only.
    await createProduct(t, other, owner, { overrides: { name: 'Mật gừng', description: 'Gừng ngâm mật ong.', variants }, publishAs: owner });
    const long = await createProduct(t, other, owner, {
      overrides: { name: 'Mật ong rừng An Lão nguyên chất loại một hũ lớn', description: 'Hũ 1 lít.', variants: [{ ...variants[0], sku: 'MO-1' }] },
      publishAs: owner,
    });
    const found = (await t.http().get('/api/v1/catalog/products').query({ q: 'mat ong', cooperativeId: other }).expect(200)).body.items as Array<{
      id: string;
      name: string;
    }>;
    expect(found.map((i) => i.name)).toEqual(['Mật ong rừng An Lão nguyên chất loại một hũ lớn', 'Mật gừng']);
    expect(found[0].id).toBe(long.id);
  });

  it('sorts by price and by date across many bands, ties at the edge of a band included, page after page', async () => {
    // Prices from 1,000 to 1,043,000 đồng, two products at each, published over 17 weeks, two or
    // three a day (the search reads prices band by band, 10 % wide, and dates week by week); a fifth
    // of the matches have the words in the description only.
    await t.db.query(
      `INSERT INTO products (cooperative_id, slug, name, description, category_id, origin_ward_code, unit, status, min_price, published_at)
       SELECT $1, 'hat-dieu-' || n, CASE WHEN n % 5 = 0 THEN 'Bánh quy bơ ' || n ELSE 'Hạt điều rang muối ' || n END,
              CASE WHEN n % 5 = 0 THEN 'Bánh quy nhân hạt điều.' ELSE 'Điều Bình Định.' END,
              'fish-sauce', '21859', 'hộp', 'active', 1000 + ((n * 7919) % 150) * 7000, now() - make_interval(days => (n * 37) % 120)
         FROM generate_series(1, 300) AS n`,
      [coop],
    );
    for (const [sort, order] of [
      ['price_asc', 'p.min_price ASC, p.id ASC'],
      ['price_desc', 'p.min_price DESC, p.id DESC'],
      ['newest', 'p.published_at DESC, p.id DESC'],
    ] as const) {
      const expected = (
        await t.db.query<Array<{ id: string }>>(
          `SELECT p.id FROM products p WHERE p.status = 'active' AND p.search_text LIKE '%hat%' AND p.search_text LIKE '%dieu%' ORDER BY ${order}`,
        )
      ).map((r) => r.id);
      expect(expected).toHaveLength(300);
      expect({ sort, ids: await pagesOf({ q: 'hat dieu', sort, limit: 24 }) }).toEqual({ sort, ids: expected });
    }
  });

  it('reads the words as typed and as the synonym list says at once, by relevance, price and date, page after page', async () => {
    // "coconut candy" is kẹo dừa in the synonym list; some products are also named in English.
    await t.db.query(
      `INSERT INTO products (cooperative_id, slug, name, description, category_id, origin_ward_code, unit, status, min_price, published_at)
       SELECT $1, 'coconut-candy-' || n, 'Coconut candy ' || repeat('x', n % 7) || ' box ' || n, 'Gift box.', 'fish-sauce', '21859', 'hộp', 'active', 20000 + n * 3000, now()
         FROM generate_series(1, 40) AS n`,
      [coop],
    );
    const either = (where: 'search_name' | 'search_text') =>
      `((p.${where} LIKE '%coconut%' AND p.${where} LIKE '%candy%') OR (p.${where} LIKE '%keo%' AND p.${where} LIKE '%dua%'))`;
    const queries = [
      { sort: 'relevance', order: `CASE WHEN ${either('search_name')} THEN p.name_trigrams ELSE 100000 END, p.id DESC` },
      { sort: 'price_asc', order: 'p.min_price ASC, p.id ASC' },
      { sort: 'price_desc', order: 'p.min_price DESC, p.id DESC' },
      { sort: 'newest', order: 'p.published_at DESC, p.id DESC' },
    ];
    for (const { sort, order } of queries) {
      const expected = (
        await t.db.query<Array<{ id: string }>>(`SELECT p.id FROM products p WHERE p.status = 'active' AND ${either('search_text')} ORDER BY ${order} LIMIT 60`)
      ).map((r) => r.id);
      expect({ sort, ids: await pagesOf({ q: 'coconut candy', sort, limit: 20 }, 3) }).toEqual({ sort, ids: expected });
    }
  });
});
