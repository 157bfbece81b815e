export { CatalogModule } from './catalog.module.js';
export { ProductsService } from './products/products.service.js';
export { PRODUCT_CHANGED, type ProductChangedEvent, type ProductChange } from './events/product-events.js';
export { ProductStatus } from './products/product.entities.js';
export { StockService, type SellableVariant, type StockRequest } from './stock/stock.service.js';
export { VariantSnapshots, type VariantSnapshot, type FeedEntry, type FeedVersion } from './products/variant-snapshots.js';
