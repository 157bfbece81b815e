import { Role } from '@nongsan/core';
import { createTestApp, signIn, type Session, type TestApp } from './harness/app.js';
import { createProduct } from './harness/catalog-fixtures.js';
import { approveCooperative, createCooperative } from './harness/fixtures.js';

describe('search synonyms kept by the Department', () => {
  let t: TestApp;
  let official: Session;
  let owner: Session;

  const names = async (q: string) =>
    ((await t.http().get('/api/v1/catalog/products').query({ q }).expect(200)).body.items as Array<{ name: string }>).map((i) => i.name);
  const fields = (body: { error: { details: Array<{ field: string }> } }) => body.error.details.map((d) => d.field);

  beforeAll(async () => {
    t = await createTestApp();
    official = await signIn(t, Role.Official);
    owner = await signIn(t);
    const coop = (await createCooperative(t, owner)).id;
    await approveCooperative(t, owner, official, coop);
    await createProduct(t, coop, owner, {
      overrides: {
        name: 'Chả cá Quy Nhơn',
        description: 'Chả cá thu tươi.',
        categoryId: 'dried-seafood',
        variants: [{ sku: 'CC-1', name: 'Gói 500 g', price: 120000, weightGrams: 500, stock: 9 }],
      },
      publishAs: owner,
    });
  });
  afterAll(() => t.close());

  it('lists the starting list, and an official adds, edits and removes a synonym the search uses at once', async () => {
    const listed = await t.http().get('/api/v1/admin/search-synonyms').query({ q: 'sauce' }).set(official.auth).expect(200);
    expect(listed.body.items).toEqual([expect.objectContaining({ term: 'fish sauce', means: 'nước mắm' })]);

    expect(await names('fish cake')).toEqual([]);
    const made = await t.http().post('/api/v1/admin/search-synonyms').set(official.auth).send({ term: '  Fish   cake ', means: 'chả cá' }).expect(201);
    expect(made.body).toMatchObject({ term: 'Fish cake', means: 'chả cá' });
    expect(await names('fish cake quy nhon')).toEqual(['Chả cá Quy Nhơn']);

    await t.http().put(`/api/v1/admin/search-synonyms/${made.body.id}`).set(official.auth).send({ term: 'fishcake', means: 'chả cá' }).expect(200);
    expect(await names('fish cake')).toEqual([]);
    expect(await names('FISHCAKE')).toEqual(['Chả cá Quy Nhơn']);

    const audit = await t.http().get('/api/v1/admin/audit').query({ entity: 'search_synonym', id: made.body.id }).set(official.auth).expect(200);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(['search_synonym.updated', 'search_synonym.created']);

    await t.http().delete(`/api/v1/admin/search-synonyms/${made.body.id}`).set(official.auth).expect(204);
    expect(await names('fishcake')).toEqual([]);
    await t.http().delete(`/api/v1/admin/search-synonyms/${made.body.id}`).set(official.auth).expect(404);
  });

  it('names the field it refuses: a term already listed (accents aside), the same meaning, too many words, nothing', async () => {
    const taken = await t.http().post('/api/v1/admin/search-synonyms').set(official.auth).send({ term: 'Bánh Đa', means: 'bánh phở' }).expect(400);
    expect(fields(taken.body)).toEqual(['term']);
    expect(taken.body.error.details[0].message).toContain('Bánh Đa');
    expect(
      fields((await t.http().post('/api/v1/admin/search-synonyms').set(official.auth).send({ term: 'nuoc mam', means: 'Nước Mắm' }).expect(400)).body),
    ).toEqual(['means']);
    expect(
      fields((await t.http().post('/api/v1/admin/search-synonyms').set(official.auth).send({ term: 'one two three four', means: 'bốn' }).expect(400)).body),
    ).toEqual(['term']);
    expect(fields((await t.http().post('/api/v1/admin/search-synonyms').set(official.auth).send({ term: '   ', means: '' }).expect(400)).body).sort()).toEqual([
      'means',
      'term',
    ]);
  });

  it("is the Department's: a cooperative admin or a buyer cannot change it", async () => {
    await t.http().post('/api/v1/admin/search-synonyms').set(owner.auth).send({ term: 'cheap', means: 'giá rẻ' }).expect(403);
    await t.http().get('/api/v1/admin/search-synonyms').expect(401);
    expect(await names('cheap')).toEqual([]);
  });
});
