// The storefront's search traffic, as the search benchmark and the plan report both use it.
import { WARDS } from './generate.mjs';

/** What buyers type and click: accent-free and accented words, filters, price sort, a second page. */
export function queryMix() {
  const ward = (name) => WARDS.find((w) => w.name === name).code;
  const q = (params) => `/api/v1/catalog/products?${new URLSearchParams(params).toString()}`;
  return [
    { name: 'accent-free: nuoc mam', path: q({ q: 'nuoc mam' }) },
    { name: 'accent-free: banh trang tam quan', path: q({ q: 'banh trang tam quan' }) },
    { name: 'accent-free: ruou bau da', path: q({ q: 'ruou bau da' }) },
    { name: 'accent-free: xoai', path: q({ q: 'xoai' }) },
    { name: 'accented: mực khô', path: q({ q: 'mực khô' }) },
    { name: 'accented: Mật ong rừng', path: q({ q: 'Mật ong rừng' }) },
    { name: 'accented: Nước mắm Gò Bồi', path: q({ q: 'Nước mắm Gò Bồi' }) },
    { name: 'typo: nuoc mamm', path: q({ q: 'nuoc mamm' }) },
    { name: 'ward Tam Quan', path: q({ wardCode: ward('Tam Quan') }) },
    { name: 'ward Phù Cát + q=tom kho', path: q({ wardCode: ward('Phù Cát'), q: 'tom kho' }) },
    { name: 'category seafood (with sub-categories)', path: q({ categoryId: 'seafood' }) },
    { name: 'OCOP ≥ 4 stars', path: q({ ocopStars: '4' }) },
    { name: 'category fish-sauce + OCOP ≥ 3', path: q({ categoryId: 'fish-sauce', ocopStars: '3' }) },
    { name: 'q=keo dua, price_asc', path: q({ q: 'keo dua', sort: 'price_asc' }) },
    { name: '50k–200k, price_desc', path: q({ minPrice: '50000', maxPrice: '200000', sort: 'price_desc' }) },
    { name: 'newest (home page)', path: q({}) },
    { name: 'page 2: q=banh trang', path: q({ q: 'banh trang' }), page2: true },
    { name: 'page 2: newest', path: q({}), page2: true },
    { name: 'page 2: seafood price_asc', path: q({ categoryId: 'seafood', sort: 'price_asc' }), page2: true },
  ];
}

/**
 * One autocannon request that hands out the mix's entries in turn across all connections, so each
 * entry is sent in its share. (Given the mix as a `requests` list, autocannon walks it from the
 * first entry on every connection: at 50 connections and a few requests per connection per run,
 * the later entries — the typo, the second pages — were hardly ever sent.) `stats` counts what was
 * sent and answered per entry, with each answer's latency.
 */
export function roundRobin(mix) {
  let next = 0;
  const stats = mix.map((m) => ({ name: m.name, sent: 0, answered: 0, non200: 0, latenciesMs: [] }));
  const request = {
    method: 'GET',
    setupRequest: (req, context) => {
      const i = next++ % mix.length;
      context.entry = i;
      context.sentAt = process.hrtime.bigint();
      stats[i].sent++;
      return { ...req, path: mix[i].path };
    },
    onResponse: (status, _body, context) => {
      const s = stats[context.entry];
      s.answered++;
      if (status !== 200) s.non200++;
      s.latenciesMs.push(Number(process.hrtime.bigint() - context.sentAt) / 1e6);
    },
  };
  return { requests: [request], stats };
}

/** The query string as the API's DTO has it after validation (numbers, booleans, trimmed words). */
export function toSearchQuery(params) {
  const numbers = new Set(['ocopStars', 'minPrice', 'maxPrice', 'limit']);
  const query = {};
  for (const [key, value] of params) {
    if (numbers.has(key)) query[key] = Number(value);
    else if (key === 'inStock') query[key] = value === 'true';
    else if (key === 'q') query[key] = value.trim();
    else query[key] = value;
  }
  return query;
}
