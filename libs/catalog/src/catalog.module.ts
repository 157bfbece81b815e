import { Module, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource, TypeOrmModule } from '@nestjs/typeorm';
import { OnboardingFacts, SellerModule } from '@nongsan/seller';
import { OcopExpiryNotices } from './ocop/ocop-expiry-notices.js';
import type { DataSource } from 'typeorm';
import './messages.js';
import { CategoriesController, CategoriesService } from './categories/categories.js';
import { ProductImagesController } from './images/product-images.controller.js';
import { ProductImagesService } from './images/product-images.service.js';
import { AdminOcopController } from './ocop/admin-ocop.controller.js';
import { OcopVerificationService } from './ocop/ocop-verification.service.js';
import { ImportTemplateService } from './import/import-template.js';
import { ImportController } from './import/import.controller.js';
import { ProductImportService } from './import/product-import.service.js';
import { ProductImportWorker } from './import/product-import.worker.js';
import { Category, Product, ProductCertification, ProductImage, Variant } from './products/product.entities.js';
import { ProductBackfill } from './products/product-backfill.js';
import { ProductsController } from './products/products.controller.js';
import { ProductsService } from './products/products.service.js';
import { CatalogCooperativesController } from './search/catalog-cooperatives.controller.js';
import { CatalogController } from './search/catalog.controller.js';
import { CooperativePageService } from './search/cooperative-page.service.js';
import { CatalogSearchService } from './search/catalog-search.service.js';
import { AdminSearchSynonymsController } from './search/admin-search-synonyms.controller.js';
import { SearchSynonymsService } from './search/search-synonyms.service.js';
import { StockService } from './stock/stock.service.js';
import { VariantSnapshots } from './products/variant-snapshots.js';

/** Categories, products, variants and stock, images, the public catalog and its search. */
@Module({
  imports: [SellerModule, TypeOrmModule.forFeature([Category, Product, ProductCertification, Variant, ProductImage])],
  controllers: [
    CategoriesController,
    CatalogController,
    CatalogCooperativesController,
    ProductsController,
    ProductImagesController,
    ImportController,
    AdminOcopController,
    AdminSearchSynonymsController,
  ],
  providers: [
    CategoriesService,
    ProductsService,
    ProductImagesService,
    CatalogSearchService,
    CooperativePageService,
    ProductBackfill,
    ProductImportService,
    ProductImportWorker,
    ImportTemplateService,
    StockService,
    VariantSnapshots,
    OcopVerificationService,
    OcopExpiryNotices,
    SearchSynonymsService,
  ],
  exports: [ProductsService, StockService, VariantSnapshots, ProductBackfill],
})
export class CatalogModule implements OnModuleInit {
  constructor(
    private readonly facts: OnboardingFacts,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  /** Tells seller onboarding when a cooperative first published a product. */
  onModuleInit(): void {
    this.facts.provide('first_product_published', async (cooperativeId) => {
      const [row] = await this.db.query<Array<{ at: Date | null }>>(`SELECT min(published_at) AS at FROM products WHERE cooperative_id = $1`, [cooperativeId]);
      return row?.at ?? null;
    });
  }
}
