import { stringify } from 'csv-stringify/sync';
import type { FeedFormat, FeedItem } from './feed-format.js';

const COLUMNS = ['id', 'item_group_id', 'title', 'description', 'availability', 'condition', 'price', 'link', 'image_link', 'brand'] as const;

/**
 * A cell a spreadsheet would run as a formula (`=HYPERLINK(…)` in a product name, when a seller or
 * the platform's staff opens the feed) gets a leading `'`, as OWASP advises for CSV injection.
 */
function neutralised(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/**
 * Meta (Facebook/Instagram) catalog CSV: a header row, fields quoted when they hold commas,
 * quotes or line breaks (quotes doubled), availability with spaces, plain-text descriptions,
 * no cell a spreadsheet would take for a formula.
 */
export const metaCatalogFeed: FeedFormat = {
  info: { platform: 'meta-catalog', name: 'Meta (Facebook/Instagram) catalog', kind: 'feed' },
  fileName: 'meta-catalog.csv',
  contentType: 'text/csv; charset=utf-8',
  head: () => stringify([[...COLUMNS]]),
  items: (items: FeedItem[]) =>
    stringify(
      items.map((item) =>
        [
          item.id,
          item.groupId,
          item.title,
          item.description,
          item.inStock ? 'in stock' : 'out of stock',
          'new',
          `${item.price} VND`,
          item.link,
          item.imageLink ?? '',
          item.brand,
        ].map(neutralised),
      ),
    ),
  tail: () => '',
};
