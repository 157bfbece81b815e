import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ProductBackfill } from '@nongsan/catalog';
import type { DataSource } from 'typeorm';
import type { DemoLogin, DemoSeedStep } from '../demo-step.js';
import { coverSvg, sceneSvg } from './demo-illustrations.js';
import { DEMO_PRODUCTS, type DemoProduct } from './demo-product-list.js';

/** Image encoding is CPU-bound; two at a time keeps the seed short without starving the servers beside it. */
const PARALLEL = 2;
const DAY = 24 * 60 * 60 * 1000;
/** An OCOP certificate is valid 36 months. */
const OCOP_YEARS = 3;

/** The 'products' demo step. It runs after 'cooperatives' and finds them by tax code. */
@Injectable()
export class DemoProducts implements DemoSeedStep {
  readonly name = 'products';
  readonly logins: DemoLogin[] = [];

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly products: ProductBackfill,
  ) {}

  /** Keyed by SKU within the cooperative: a product with any of its SKUs already there is left alone. */
  async run(): Promise<void> {
    const taxCodes = [...new Set(DEMO_PRODUCTS.map((p) => p.cooperativeTaxCode))];
    const rows = await this.db.query<Array<{ id: string; tax_code: string }>>(`SELECT id, tax_code FROM cooperatives WHERE tax_code = ANY($1)`, [taxCodes]);
    const cooperatives = new Map(rows.map((r) => [r.tax_code, r.id]));
    const taken = new Set(
      (
        await this.db.query<Array<{ key: string }>>(`SELECT cooperative_id || '/' || upper(sku) AS key FROM variants WHERE cooperative_id = ANY($1)`, [
          rows.map((r) => r.id),
        ])
      ).map((r) => r.key),
    );
    const missing = DEMO_PRODUCTS.flatMap((product, index) => {
      const cooperativeId = cooperatives.get(product.cooperativeTaxCode);
      if (!cooperativeId) throw new Error(`demo product ${product.name}: no cooperative with tax code ${product.cooperativeTaxCode}`);
      return product.variants.some(([sku]) => taken.has(`${cooperativeId}/${sku.toUpperCase()}`)) ? [] : [{ product, index, cooperativeId }];
    });
    const work = async () => {
      for (let item = missing.shift(); item; item = missing.shift()) await this.create(item.product, item.cooperativeId, item.index);
    };
    await Promise.all(Array.from({ length: PARALLEL }, work));
  }

  private async create(demo: DemoProduct, cooperativeId: string, index: number): Promise<void> {
    const seed = `${demo.cooperativeTaxCode}/${demo.variants[0][0]}`;
    const pictures = [{ source: coverSvg(demo.picture, seed), alt: demo.name }];
    if (demo.scene) pictures.push({ source: sceneSvg(demo.picture, seed), alt: `${demo.name} bày trên nia tre` });
    // Spread over the last four months, after every demo cooperative was approved, so "newest" has an order.
    const publishedAt = demo.draft ? null : new Date(Date.now() - (1 + ((index * 37) % 120)) * DAY);
    const today = new Date().toISOString().slice(0, 10);
    const term = demo.ocop ? currentTerm(demo.ocop[2], plusYears(demo.ocop[2], OCOP_YEARS), today) : null;
    // A lapsed one shows the term before: over by today, whatever day that is.
    const ocopTerm = term && demo.ocopLapsed ? { issuedAt: plusYears(term.issuedAt, -OCOP_YEARS), expiresAt: plusYears(term.expiresAt, -OCOP_YEARS) } : term;

    await this.products.write({
      cooperativeId,
      name: demo.name,
      description: demo.description,
      categoryId: demo.categoryId,
      originWardCode: demo.originWardCode,
      unit: demo.unit,
      // Demo claims start verified, so the storefront shows their badges from the first start.
      ocop: demo.ocop && ocopTerm ? { stars: demo.ocop[0], certificateNumber: demo.ocop[1], ...ocopTerm } : null,
      certifications: (demo.certifications ?? []).map((c) => ({ ...c, ...currentTerm(c.issuedAt, c.expiresAt, today) })),
      harvestMonths: demo.harvestMonths ?? [],
      shelfLifeDays: demo.shelfLifeDays ?? null,
      variants: demo.variants.map(([sku, name, price, weightGrams, stock]) => ({ sku, name, price, weightGrams, stock })),
      pictures,
      publishedAt,
      createdAt: new Date((publishedAt?.getTime() ?? Date.now()) - 2 * DAY),
    });
  }
}

/** The demo issue dates avoid 29 February, so moving the year keeps the date valid. */
const plusYears = (date: string, years: number) => `${Number(date.slice(0, 4)) + years}${date.slice(4)}`;

/**
 * A certificate's term as of `today` (YYYY-MM-DD): one that has run out counts as renewed for as
 * many years as it ran (OCOP stars and certifications are re-assessed at the end of each term), so
 * the demo shows live badges on whatever day it is first started, not only in the year it was written.
 */
export function currentTerm(issuedAt: string, expiresAt: string, today: string): { issuedAt: string; expiresAt: string } {
  const years = Math.max(1, Number(expiresAt.slice(0, 4)) - Number(issuedAt.slice(0, 4)));
  let renewals = 0;
  while (plusYears(expiresAt, renewals * years) <= today) renewals += 1;
  return { issuedAt: plusYears(issuedAt, renewals * years), expiresAt: plusYears(expiresAt, renewals * years) };
}
