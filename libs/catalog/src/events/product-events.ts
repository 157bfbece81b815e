/** The domain event every product or stock change publishes in the transaction that made the change; channels sync from it. */
export const PRODUCT_CHANGED = 'catalog.product.changed';

export type ProductChange = 'created' | 'details' | 'price' | 'stock' | 'published' | 'archived' | 'deleted' | 'images';

export interface ProductChangedEvent {
  productId: string;
  cooperativeId: string;
  changes: ProductChange[];
  /** Variants whose price or stock changed (or were added). */
  variantIds: string[];
  at: string;
}
