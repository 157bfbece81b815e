import { XMLBuilder } from 'fast-xml-parser';
import type { FeedFormat, FeedItem } from './feed-format.js';

/** Characters XML 1.0 forbids even escaped; a stray one would make Google reject the whole file. */
// eslint-disable-next-line no-control-regex -- the characters XML forbids are control characters
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

const builder = new XMLBuilder({ format: true, indentBy: '  ', suppressEmptyNode: true });

const xml = (value: string) => value.replace(XML_FORBIDDEN, '');

/**
 * Google Merchant Center, RSS 2.0 with the `g:` namespace (support.google.com/merchants/answer/
 * 7052112): farm goods have no GTIN or MPN, so `identifier_exists` is `no` and the cooperative is
 * the brand.
 */
export const googleMerchantFeed: FeedFormat = {
  info: { platform: 'google-merchant', name: 'Google Merchant Center', kind: 'feed' },
  fileName: 'google-merchant.xml',
  contentType: 'application/xml; charset=utf-8',
  head: ({ title, link }) =>
    `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:g="http://base.google.com/ns/1.0">\n<channel>\n` +
    builder.build({ title: xml(title), link: xml(link), description: xml(title) }),
  items: (items: FeedItem[]) =>
    builder.build({
      item: items.map((item) => ({
        'g:id': item.id,
        'g:item_group_id': item.groupId,
        'g:title': xml(item.title),
        'g:description': xml(item.description),
        'g:link': xml(item.link),
        ...(item.imageLink ? { 'g:image_link': xml(item.imageLink) } : {}),
        'g:availability': item.inStock ? 'in_stock' : 'out_of_stock',
        'g:price': `${item.price} VND`,
        'g:brand': xml(item.brand),
        'g:condition': 'new',
        'g:identifier_exists': 'no',
      })),
    }),
  tail: () => '</channel>\n</rss>\n',
};
