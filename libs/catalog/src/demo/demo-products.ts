import { randomUUID } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DemoSeedService, slugify } from '@nongsan/core';
import type { DataSource, EntityManager } from 'typeorm';
import { ProductImagesService } from '../images/product-images.service.js';
import { OcopStatus, Product, ProductCertification, ProductImage, ProductStatus, Variant } from '../products/product.entities.js';
import { coverSvg, sceneSvg } from './demo-illustrations.js';
import { DEMO_PRODUCTS, type DemoProduct } from './demo-product-list.js';

/** Image encoding is CPU-bound; two at a time keeps the seed short without starving the servers beside it. */
const PARALLEL = 2;
const DAY = 24 * 60 * 60 * 1000;
/** An OCOP certificate is valid 36 months. */
const OCOP_YEARS = 3;

/**
 * Registers the 'products' demo step. It runs after 'cooperatives' (seller initialises first) and
 * finds them by tax code. Written straight to the tables: demo data announces no PRODUCT_CHANGED.
 */
@Injectable()
export class DemoProducts implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly seed: DemoSeedService,
    private readonly images: ProductImagesService,
  ) {}

  onModuleInit(): void {
    this.seed.register('products', () => this.createMissing());
  }

  /** Keyed by SKU within the cooperative: a product with any of its SKUs already there is left alone. */
  private async createMissing(): Promise<void> {
    const taxCodes = [...new Set(DEMO_PRODUCTS.map((p) => p.cooperativeTaxCode))];
    const rows = await this.db.query<Array<{ id: string; tax_code: string }>>(`SELECT id, tax_code FROM cooperatives WHERE tax_code = ANY($1)`, [taxCodes]);
    const cooperatives = new Map(rows.map((r) => [r.tax_code, r.id]));
    const taken = new Set(
      (await this.db.query<Array<{ key: string }>>(`SELECT cooperative_id || '/' || upper(sku) AS key FROM variants WHERE cooperative_id = ANY($1)`, [rows.map((r) => r.id)])).map((r) => r.key),
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
    const id = randomUUID();
    const seed = `${demo.cooperativeTaxCode}/${demo.variants[0][0]}`;
    const pictures = [{ svg: coverSvg(demo.picture, seed), alt: demo.name }];
    if (demo.scene) pictures.push({ svg: sceneSvg(demo.picture, seed), alt: `${demo.name} bày trên nia tre` });
    // Stored before the rows: a failure leaves unused objects, never a product without its pictures.
    const images: Array<Omit<ProductImage, 'createdAt'>> = [];
    for (const [position, picture] of pictures.entries()) {
      images.push({ ...(await this.images.encodeAndStore(id, picture.svg)), productId: id, position, alt: picture.alt });
    }
    // Spread over the last four months, after every demo cooperative was approved, so "newest" has an order.
    const publishedAt = demo.draft ? null : new Date(Date.now() - (1 + ((index * 37) % 120)) * DAY);
    const createdAt = new Date((publishedAt?.getTime() ?? Date.now()) - 2 * DAY);
    const today = new Date().toISOString().slice(0, 10);
    const term = demo.ocop ? currentTerm(demo.ocop[2], plusYears(demo.ocop[2], OCOP_YEARS), today) : null;
    // A lapsed one shows the term before: over by today, whatever day that is.
    const ocop = term && demo.ocopLapsed ? { issuedAt: plusYears(term.issuedAt, -OCOP_YEARS), expiresAt: plusYears(term.expiresAt, -OCOP_YEARS) } : term;

    await this.db.transaction(async (manager) => {
      await manager.getRepository(Product).insert({
        id,
        cooperativeId,
        slug: await uniqueSlug(manager, demo.name),
        name: demo.name,
        description: demo.description,
        categoryId: demo.categoryId,
        originWardCode: demo.originWardCode,
        unit: demo.unit,
        status: demo.draft ? ProductStatus.Draft : ProductStatus.Active,
        ocopStars: demo.ocop?.[0] ?? null,
        ocopCertificateNumber: demo.ocop?.[1] ?? null,
        ocopIssuedAt: ocop?.issuedAt ?? null,
        ocopExpiresAt: ocop?.expiresAt ?? null,
        // Demo claims start verified, so the storefront shows their badges from the first start.
        ocopStatus: demo.ocop ? OcopStatus.Verified : null,
        harvestMonths: demo.harvestMonths ?? [],
        shelfLifeDays: demo.shelfLifeDays ?? null,
        minPrice: Math.min(...demo.variants.map(([, , price]) => price)),
        publishedAt,
        createdAt,
      });
      if (demo.certifications?.length) {
        await manager
          .getRepository(ProductCertification)
          .insert(demo.certifications.map((c, position) => ({ ...c, ...currentTerm(c.issuedAt, c.expiresAt, today), productId: id, position })));
      }
      await manager
        .getRepository(Variant)
        .insert(demo.variants.map(([sku, name, price, weightGrams, stock], position) => ({ productId: id, cooperativeId, sku, name, price, weightGrams, stock, position, createdAt })));
      await manager.getRepository(ProductImage).insert(images.map((image) => ({ ...image, createdAt })));
    });
  }
}

async function uniqueSlug(manager: EntityManager, name: string): Promise<string> {
  const base = slugify(name);
  return (await manager.getRepository(Product).existsBy({ slug: base })) ? `${base}-${randomUUID().slice(0, 6)}` : base;
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
