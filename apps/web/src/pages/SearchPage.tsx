import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, errorOf, type ApiError, type Schemas } from '../api/client';
import type { operations } from '../api/schema';
import { useApi, useDocumentTitle } from '../hooks';
import { ErrorState, Loading } from '../ui/bits';
import { ProductGrid } from '../ui/ProductCard';

type Query = NonNullable<operations['CatalogController_search']['parameters']['query']>;

const CERTIFICATIONS = ['vietgap', 'globalgap', 'organic', 'haccp', 'iso22000'] as const;
const SORTS = ['relevance', 'price_asc', 'price_desc', 'newest'] as const;
const FILTERS = ['categoryId', 'formerDistrictCode', 'wardCode', 'ocopStars', 'certification', 'minPrice', 'maxPrice', 'sort', 'inStock'] as const;

/** The URL is the state: a search can be shared in a Zalo message and opens the same results. */
function queryOf(params: URLSearchParams): Query {
  const number = (name: string) => (params.get(name) && /^\d+$/.test(params.get(name)!) ? Number(params.get(name)) : undefined);
  const text = (name: string) => params.get(name) || undefined;
  return {
    q: text('q'),
    categoryId: text('categoryId'),
    formerDistrictCode: text('formerDistrictCode'),
    wardCode: text('wardCode'),
    ocopStars: number('ocopStars'),
    certification: text('certification') as Query['certification'],
    minPrice: number('minPrice'),
    maxPrice: number('maxPrice'),
    sort: text('sort') as Query['sort'],
    inStock: params.get('inStock') === 'true' ? true : undefined,
    limit: 24,
  };
}

export function SearchPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const query = queryOf(params);
  const key = params.toString();
  useDocumentTitle(query.q ? t('search.titleFor', { q: query.q }) : t('search.title'));

  const [items, setItems] = useState<Schemas['CatalogItemDto'][] | null>(null);
  const [approximate, setApproximate] = useState(false);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);

  useEffect(() => {
    let current = true;
    setItems(null);
    setError(null);
    api
      .GET('/api/v1/catalog/products', { params: { query } })
      .then(({ data, error: failure }) => {
        if (!current) return;
        if (failure || !data) return setError(errorOf(failure, t('errors.network')));
        setItems(data.items);
        setCursor(data.nextCursor);
        setApproximate(data.approximate);
      })
      .catch(() => current && setError(errorOf(null, t('errors.network'))));
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, i18n.language]);

  const more = async () => {
    if (!cursor) return;
    setLoadingMore(true);
    try {
      const { data, error: failure } = await api.GET('/api/v1/catalog/products', { params: { query: { ...query, cursor } } });
      if (failure || !data) return setError(errorOf(failure, t('errors.network')));
      setItems((current) => [...(current ?? []), ...data.items]);
      setCursor(data.nextCursor);
    } catch {
      setError(errorOf(null, t('errors.network')));
    } finally {
      setLoadingMore(false);
    }
  };

  return (
    <div className="search-layout">
      <Filters params={params} onChange={setParams} />
      <section aria-labelledby="results-heading" aria-busy={items === null}>
        <h1 id="results-heading">{query.q ? t('search.titleFor', { q: query.q }) : t('search.title')}</h1>
        {approximate && items && items.length > 0 && <p className="notice">{t('search.approximate')}</p>}
        {error && <ErrorState error={error} retry={() => setParams(new URLSearchParams(params))} />}
        {!error && items === null && <Loading />}
        {items && items.length === 0 && <p className="empty">{t('search.none')}</p>}
        {items && items.length > 0 && <ProductGrid items={items} />}
        {cursor && (
          <p className="more">
            <button type="button" className="button secondary" onClick={() => void more()} disabled={loadingMore}>
              {loadingMore ? t('common.loading') : t('search.more')}
            </button>
          </p>
        )}
      </section>
    </div>
  );
}

function Filters({ params, onChange }: { params: URLSearchParams; onChange: (next: URLSearchParams) => void }) {
  const { t, i18n } = useTranslation();
  const categories = useApi(() => api.GET('/api/v1/catalog/categories'), []);
  const districts = useApi(() => api.GET('/api/v1/catalog/former-districts'), []);
  const district = params.get('formerDistrictCode') ?? '';
  const wards = useApi(
    () => api.GET('/api/v1/catalog/wards', { params: { query: district ? { formerDistrictCode: district } : { formerProvince: 'Bình Định' } } }),
    [district],
  );
  const [minPrice, setMinPrice] = useState(params.get('minPrice') ?? '');
  const [maxPrice, setMaxPrice] = useState(params.get('maxPrice') ?? '');

  const set = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    if (name === 'formerDistrictCode') next.delete('wardCode');
    onChange(next);
  };
  const applyPrices = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams(params);
    for (const [name, value] of [
      ['minPrice', minPrice],
      ['maxPrice', maxPrice],
    ] as const) {
      const digits = value.replace(/\D/g, '');
      if (digits) next.set(name, digits);
      else next.delete(name);
    }
    onChange(next);
  };
  const active = FILTERS.some((f) => params.get(f));
  const en = i18n.language === 'en';

  return (
    <details className="filters" open={window.matchMedia('(min-width: 900px)').matches || undefined}>
      <summary>{t('filters.title')}</summary>
      <form onSubmit={applyPrices} className="filters-form">
        <label>
          {t('filters.category')}
          <select value={params.get('categoryId') ?? ''} onChange={(e) => set('categoryId', e.target.value)}>
            <option value="">{t('filters.all')}</option>
            {categories.data?.items.map((c) => (
              <option key={c.id} value={c.id}>
                {c.parentId ? '— ' : ''}
                {en ? c.nameEn : c.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('filters.formerDistrict')}
          <select value={district} onChange={(e) => set('formerDistrictCode', e.target.value)}>
            <option value="">{t('filters.all')}</option>
            {districts.data?.items.map((d) => (
              <option key={d.code} value={d.code}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('filters.ward')}
          <select value={params.get('wardCode') ?? ''} onChange={(e) => set('wardCode', e.target.value)}>
            <option value="">{t('filters.all')}</option>
            {wards.data?.items.map((w) => (
              <option key={w.code} value={w.code}>
                {w.type} {w.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('filters.ocop')}
          <select value={params.get('ocopStars') ?? ''} onChange={(e) => set('ocopStars', e.target.value)}>
            <option value="">{t('filters.any')}</option>
            {[3, 4, 5].map((stars) => (
              <option key={stars} value={stars}>
                {t('filters.stars', { stars })}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('filters.certification')}
          <select value={params.get('certification') ?? ''} onChange={(e) => set('certification', e.target.value)}>
            <option value="">{t('filters.any')}</option>
            {CERTIFICATIONS.map((c) => (
              <option key={c} value={c}>
                {t(`certification.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="price-range">
          <legend>{t('filters.price')}</legend>
          <label>
            <span className="visually-hidden">{t('filters.minPrice')}</span>
            <input inputMode="numeric" placeholder={t('filters.minPrice')} value={minPrice} onChange={(e) => setMinPrice(e.target.value)} />
          </label>
          <span aria-hidden="true">–</span>
          <label>
            <span className="visually-hidden">{t('filters.maxPrice')}</span>
            <input inputMode="numeric" placeholder={t('filters.maxPrice')} value={maxPrice} onChange={(e) => setMaxPrice(e.target.value)} />
          </label>
          <button type="submit" className="button secondary small">
            {t('filters.apply')}
          </button>
        </fieldset>
        <label className="checkbox">
          <input type="checkbox" checked={params.get('inStock') === 'true'} onChange={(e) => set('inStock', e.target.checked ? 'true' : '')} />
          {t('filters.inStock')}
        </label>
        <label>
          {t('filters.sort')}
          <select value={params.get('sort') ?? 'relevance'} onChange={(e) => set('sort', e.target.value === 'relevance' ? '' : e.target.value)}>
            {SORTS.map((s) => (
              <option key={s} value={s}>
                {t(`sort.${s}`)}
              </option>
            ))}
          </select>
        </label>
        {active && (
          <button
            type="button"
            className="link-button"
            onClick={() => {
              const next = new URLSearchParams();
              if (params.get('q')) next.set('q', params.get('q')!);
              setMinPrice('');
              setMaxPrice('');
              onChange(next);
            }}
          >
            {t('filters.clear')}
          </button>
        )}
      </form>
    </details>
  );
}
