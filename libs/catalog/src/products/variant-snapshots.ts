import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

/** A variant with what a marketplace listing is made of, read in one query. */
export interface VariantSnapshot {
  variantId: string;
  productId: string;
  cooperativeId: string;
  sku: string;
  productName: string;
  variantName: string;
  /** How many variants its product has: a lone variant is listed under the product's name alone. */
  siblings: number;
  description: string;
  categoryId: string;
  price: number;
  stock: number;
  weightGrams: number;
  /** Active product of an approved cooperative: it may be on sale anywhere. */
  listable: boolean;
  /** The largest rendition of each image, cover first. */
  imageKeys: Array<`public/${string}`>;
}

/** What other contexts (channels, feeds) may read of the catalog, without reaching into its tables. */
@Injectable()
export class VariantSnapshots {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async of(variantIds: string[], manager: EntityManager = this.db.manager): Promise<Map<string, VariantSnapshot>> {
    if (variantIds.length === 0) return new Map();
    const rows = await manager.query<
      Array<{
        id: string; product_id: string; cooperative_id: string; sku: string; product_name: string; name: string; siblings: number;
        description: string; category_id: string; price: string; stock: number; weight_grams: number; listable: boolean; image_keys: Array<Record<string, string>> | null;
      }>
    >(
      `SELECT v.id, v.product_id, v.cooperative_id, v.sku, p.name AS product_name, v.name, p.description, p.category_id, v.price, v.stock, v.weight_grams,
              (SELECT count(*)::int FROM variants s WHERE s.product_id = p.id) AS siblings,
              (p.status = 'active' AND c.status = 'approved') AS listable,
              (SELECT jsonb_agg(i.keys ORDER BY i.position) FROM product_images i WHERE i.product_id = p.id) AS image_keys
         FROM variants v JOIN products p ON p.id = v.product_id JOIN cooperatives c ON c.id = v.cooperative_id
        WHERE v.id = ANY($1)`,
      [variantIds],
    );
    return new Map(
      rows.map((r) => [
        r.id,
        {
          variantId: r.id,
          productId: r.product_id,
          cooperativeId: r.cooperative_id,
          sku: r.sku,
          productName: r.product_name,
          variantName: r.name,
          siblings: r.siblings,
          description: r.description,
          categoryId: r.category_id,
          price: Number(r.price),
          stock: r.stock,
          weightGrams: r.weight_grams,
          listable: r.listable,
          imageKeys: (r.image_keys ?? []).map((keys) => largest(keys)),
        },
      ]),
    );
  }

  /** Every variant of the cooperative's active products: what a connected shop should carry. */
  async listableVariantIds(cooperativeId: string, manager: EntityManager = this.db.manager): Promise<string[]> {
    const rows = await manager.query<Array<{ id: string }>>(
      `SELECT v.id FROM variants v JOIN products p ON p.id = v.product_id JOIN cooperatives c ON c.id = v.cooperative_id
        WHERE v.cooperative_id = $1 AND p.status = 'active' AND c.status = 'approved' ORDER BY v.id`,
      [cooperativeId],
    );
    return rows.map((r) => r.id);
  }

  async variantIdsOfProduct(productId: string, manager: EntityManager = this.db.manager): Promise<string[]> {
    const rows = await manager.query<Array<{ id: string }>>(`SELECT id FROM variants WHERE product_id = $1 ORDER BY id`, [productId]);
    return rows.map((r) => r.id);
  }

  /** Variant ids by UPPER-CASED SKU: SKUs are unique per cooperative regardless of case. */
  async variantIdsBySku(cooperativeId: string, skus: string[], manager: EntityManager = this.db.manager): Promise<Map<string, string>> {
    const rows = await manager.query<Array<{ id: string; sku: string }>>(
      `SELECT id, upper(sku) AS sku FROM variants WHERE cooperative_id = $1 AND upper(sku) = ANY(SELECT upper(s) FROM unnest($2::text[]) s)`,
      [cooperativeId, skus],
    );
    return new Map(rows.map((r) => [r.sku, r.id]));
  }
}

function largest(keys: Record<string, string>): `public/${string}` {
  const width = Math.max(...Object.keys(keys).map(Number));
  return keys[String(width)] as `public/${string}`;
}
