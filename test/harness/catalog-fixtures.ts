import type { Session, TestApp } from './app.js';

let skuCounter = 0;

export function productInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  skuCounter += 1;
  return {
    name: 'Rượu Bàu Đá Nhơn Lộc 40 độ',
    description: 'Rượu gạo nấu thủ công bằng nước giếng Bàu Đá, ủ trong chum sành.',
    categoryId: 'wine-spirits',
    originWardCode: '21940',
    unit: 'chai',
    variants: [{ sku: `SKU-${process.pid}-${skuCounter}`, name: 'Chai 500 ml', price: 150000, weightGrams: 900, stock: 40 }],
    ...overrides,
  };
}

/** Creates a product as `member` of the cooperative and, if asked, publishes it as `admin`. */
export async function createProduct(
  t: TestApp,
  cooperativeId: string,
  member: Session,
  options: { overrides?: Record<string, unknown>; publishAs?: Session } = {},
): Promise<{ id: string; slug: string; variantIds: string[] }> {
  const { body } = await t.http().post(`/api/v1/cooperatives/${cooperativeId}/products`).set(member.auth).send(productInput(options.overrides)).expect(201);
  if (options.publishAs) await t.http().post(`/api/v1/products/${body.id}/publish`).set(options.publishAs.auth).expect(200);
  return { id: body.id, slug: body.slug, variantIds: body.variants.map((v: { id: string }) => v.id) };
}

/** A published product with one variant of the given price, stock and weight; answers the variant's id. */
export async function createSellableVariant(
  t: TestApp,
  cooperativeId: string,
  owner: Session,
  sku: string,
  price: number,
  stock: number,
  weightGrams = 500,
): Promise<string> {
  const product = await createProduct(t, cooperativeId, owner, {
    overrides: { name: `Sản phẩm ${sku}`, variants: [{ sku, name: 'Mặc định', price, weightGrams, stock }] },
    publishAs: owner,
  });
  return product.variantIds[0];
}

/** A variant's stock as stored. */
export async function stockOf(t: TestApp, variantId: string): Promise<number> {
  return (await t.db.query(`SELECT stock FROM variants WHERE id = $1`, [variantId]))[0].stock as number;
}
