export { CatalogModule } from './catalog.module.js';
export { ProductsService } from './products/products.service.js';
export { PRODUCT_CHANGED, type ProductChangedEvent, type ProductChange } from './events/product-events.js';
export { ProductStatus } from './products/product.entities.js';
export { StockService, type SellableVariant, type StockRequest } from './stock/stock.service.js';
export { VariantSnapshots, type VariantSnapshot, type FeedEntry, type FeedVersion } from './products/variant-snapshots.js';
export { readRows, type SheetRow, type SpreadsheetFormat } from './import/spreadsheet.js';
export { spreadsheetFormat, XLSX_MIME } from './import/product-import.service.js';
export { normalizeLabel } from './import/import-columns.js';
