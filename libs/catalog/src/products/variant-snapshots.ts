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

/** One row of a product feed: a sellable variant with its shop's name and the product's page. */
export interface FeedEntry extends VariantSnapshot {
  cooperativeName: string;
  productSlug: string;
}

/** Changes whenever anything a feed shows changes: cheap to compute, so fetchers can poll with If-None-Match. */
export interface FeedVersion {
  items: number;
  lastModified: Date;
  tag: string;
}

/** What other contexts (channels, feeds) may read of the catalog, without reaching into its tables. */
@Injectable()
export class VariantSnapshots {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async of(variantIds: string[], manager: EntityManager = this.db.manager): Promise<Map<string, VariantSnapshot>> {
    if (variantIds.length === 0) return new Map();
    const rows = await manager.query<
      Array<{
        id: string;
        product_id: string;
        cooperative_id: string;
        sku: string;
        product_name: string;
        name: string;
        siblings: number;
        description: string;
        category_id: string;
        price: string;
        stock: number;
        weight_grams: number;
        listable: boolean;
        image_keys: Array<Record<string, string>> | null;
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

  /**
   * Every variant of the active products of approved cooperatives (one cooperative's, or the
   * province's), in stable order, a page at a time: a feed of 100 000 rows never sits in memory.
   */
  async *feed(cooperativeId: string | null, pageSize = 500): AsyncGenerator<FeedEntry[]> {
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows = await this.db.query<Array<{ id: string; cooperative_name: string; slug: string }>>(
        `SELECT v.id, c.name AS cooperative_name, p.slug
           FROM variants v JOIN products p ON p.id = v.product_id JOIN cooperatives c ON c.id = v.cooperative_id
          WHERE p.status = 'active' AND c.status = 'approved' AND ($1::uuid IS NULL OR v.cooperative_id = $1) AND v.id > $2
          ORDER BY v.id LIMIT $3`,
        [cooperativeId, after, pageSize],
      );
      if (rows.length === 0) return;
      const snapshots = await this.of(rows.map((r) => r.id));
      yield rows.map((r) => ({ ...snapshots.get(r.id)!, cooperativeName: r.cooperative_name, productSlug: r.slug }));
      if (rows.length < pageSize) return;
      after = rows[rows.length - 1].id;
    }
  }

  async feedVersion(cooperativeId: string | null): Promise<FeedVersion> {
    const [row] = await this.db.query<Array<{ items: number; images: number; changed: Date | null; tag: string }>>(
      `SELECT count(*)::int AS items,
              (SELECT count(*)::int FROM product_images i JOIN products p ON p.id = i.product_id JOIN cooperatives c ON c.id = p.cooperative_id
                WHERE p.status = 'active' AND c.status = 'approved' AND ($1::uuid IS NULL OR p.cooperative_id = $1)) AS images,
              greatest(max(v.updated_at), max(p.updated_at), max(c.updated_at),
                       (SELECT max(i.created_at) FROM product_images i JOIN products p ON p.id = i.product_id WHERE ($1::uuid IS NULL OR p.cooperative_id = $1))) AS changed,
              md5(string_agg(v.id::text, ',' ORDER BY v.id)) AS tag
         FROM variants v JOIN products p ON p.id = v.product_id JOIN cooperatives c ON c.id = v.cooperative_id
        WHERE p.status = 'active' AND c.status = 'approved' AND ($1::uuid IS NULL OR v.cooperative_id = $1)`,
      [cooperativeId],
    );
    const lastModified = row.changed ?? new Date(0);
    // The set of rows and the latest change: an archived product or a reordered image changes it too.
    return { items: row.items, lastModified, tag: `${row.items}-${row.images}-${lastModified.getTime()}-${row.tag ?? ''}` };
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
