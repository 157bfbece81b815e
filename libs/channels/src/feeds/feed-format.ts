import type { FeedEntry } from '@nongsan/catalog';
import type { PlatformInfo } from '../adapters/channel-adapter.js';

/** What a feed item is made of, worked out once for every format. */
export interface FeedItem {
  id: string;
  /** Groups the variants of one product (Google's item_group_id). */
  groupId: string;
  title: string;
  /** Plain text. */
  description: string;
  link: string;
  imageLink: string | null;
  inStock: boolean;
  /** Integer VND. */
  price: number;
  brand: string;
}

/**
 * A product feed a platform fetches by URL (Google Merchant Center, Meta catalog): no partner
 * approval, no API calls from us. A format writes a head, one chunk per item and a tail, so the
 * whole feed streams.
 */
export interface FeedFormat {
  readonly info: PlatformInfo & { kind: 'feed' };
  /** The last segment of the feed's URL, e.g. `google-merchant.xml`. */
  readonly fileName: string;
  readonly contentType: string;
  head(meta: { title: string; link: string }): string;
  items(items: FeedItem[]): string;
  tail(): string;
}

/** Marketplaces cap titles (Google: 150) and descriptions (5000); cut on a word where possible. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}

/** Plain text: tags dropped, entities of the common kind decoded, whitespace collapsed. */
export function plainText(text: string): string {
  return text
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function toFeedItem(entry: FeedEntry, productUrl: (slug: string) => string, imageUrl: (key: `public/${string}`) => string): FeedItem {
  return {
    id: entry.variantId,
    groupId: entry.productId,
    title: clip(entry.siblings > 1 ? `${entry.productName} - ${entry.variantName}` : entry.productName, 150),
    description: clip(plainText(entry.description) || entry.productName, 5000),
    link: productUrl(entry.productSlug),
    imageLink: entry.imageKeys[0] ? imageUrl(entry.imageKeys[0]) : null,
    inStock: entry.stock > 0,
    price: entry.price,
    brand: entry.cooperativeName,
  };
}
