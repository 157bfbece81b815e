import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ProductImagesService } from '../images/product-images.service.js';
import type { OcopInput } from './product.dto.js';
import { uniqueSlugs } from './product-columns.js';
import { CertificationType, OcopStatus, Product, ProductCertification, ProductImage, ProductStatus, Variant } from './product.entities.js';

/** A product a cooperative wrote up (and maybe published) before now, on the dates given. */
export interface BackfilledProduct {
  cooperativeId: string;
  name: string;
  description: string;
  categoryId: string;
  originWardCode: string;
  unit: string;
  /** Already verified by the Department: the badge shows while the term runs. */
  ocop: OcopInput | null;
  certifications: Array<{ type: CertificationType; number: string; issuer: string; issuedAt: string; expiresAt: string }>;
  harvestMonths: number[];
  shelfLifeDays: number | null;
  variants: Array<{ sku: string; name: string; price: number; weightGrams: number; stock: number }>;
  /** Any format sharp reads (SVG included), stored as the uploaded photos are. */
  pictures: Array<{ source: Buffer; alt: string }>;
  /** On sale since then; null: still a draft. */
  publishedAt: Date | null;
  createdAt: Date;
}

/**
 * Writes products with a past (the demo's) straight to the tables: announces no PRODUCT_CHANGED
 * (no shop is connected yet to hear it) and audits nothing, since none of it happens now.
 */
@Injectable()
export class ProductBackfill {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly images: ProductImagesService,
  ) {}

  async write(backfilled: BackfilledProduct): Promise<void> {
    const { cooperativeId, ocop, createdAt } = backfilled;
    const id = randomUUID();
    // Stored before the rows: a failure leaves unused objects, never a product without its pictures.
    const images: Array<Omit<ProductImage, 'createdAt'>> = [];
    for (const [position, picture] of backfilled.pictures.entries()) {
      images.push({ ...(await this.images.encodeAndStore(id, picture.source)), productId: id, position, alt: picture.alt });
    }

    await this.db.transaction(async (manager) => {
      await manager.getRepository(Product).insert({
        id,
        cooperativeId,
        slug: (await uniqueSlugs(manager, [backfilled.name]))[0],
        name: backfilled.name,
        description: backfilled.description,
        categoryId: backfilled.categoryId,
        originWardCode: backfilled.originWardCode,
        unit: backfilled.unit,
        status: backfilled.publishedAt ? ProductStatus.Active : ProductStatus.Draft,
        ocopStars: ocop?.stars ?? null,
        ocopCertificateNumber: ocop?.certificateNumber ?? null,
        ocopIssuedAt: ocop?.issuedAt ?? null,
        ocopExpiresAt: ocop?.expiresAt ?? null,
        ocopStatus: ocop ? OcopStatus.Verified : null,
        harvestMonths: backfilled.harvestMonths,
        shelfLifeDays: backfilled.shelfLifeDays,
        minPrice: Math.min(...backfilled.variants.map((v) => v.price)),
        publishedAt: backfilled.publishedAt,
        createdAt,
      });
      if (backfilled.certifications.length > 0) {
        await manager.getRepository(ProductCertification).insert(backfilled.certifications.map((c, position) => ({ ...c, productId: id, position })));
      }
      await manager.getRepository(Variant).insert(backfilled.variants.map((v, position) => ({ ...v, productId: id, cooperativeId, position, createdAt })));
      await manager.getRepository(ProductImage).insert(images.map((image) => ({ ...image, createdAt })));
    });
  }
}
