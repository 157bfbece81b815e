import { stringify } from 'csv-stringify/sync';
import type { FeedFormat, FeedItem } from './feed-format.js';

const COLUMNS = ['id', 'item_group_id', 'title', 'description', 'availability', 'condition', 'price', 'link', 'image_link', 'brand'] as const;

/**
 * Meta (Facebook/Instagram) catalog CSV: a header row, fields quoted when they hold commas,
 * quotes or line breaks (quotes doubled), availability with spaces, plain-text descriptions.
 */
export const metaCatalogFeed: FeedFormat = {
  info: { platform: 'meta-catalog', name: 'Meta (Facebook/Instagram) catalog', kind: 'feed' },
  fileName: 'meta-catalog.csv',
  contentType: 'text/csv; charset=utf-8',
  head: () => stringify([[...COLUMNS]]),
  items: (items: FeedItem[]) =>
    stringify(
      items.map((item) => [
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
      ]),
    ),
  tail: () => '',
};
