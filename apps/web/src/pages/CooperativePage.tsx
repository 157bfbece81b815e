import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api, type Schemas } from '../api/client';
import { formatDate } from '../format';
import { useApi, useDocumentTitle } from '../hooks';
import { PageState } from '../ui/bits';
import { ProductGrid } from '../ui/ProductCard';

export function CooperativePage() {
  const { slug = '' } = useParams();
  const cooperative = useApi(() => api.GET('/api/v1/catalog/cooperatives/{slug}', { params: { path: { slug } } }), [slug]);
  useDocumentTitle(cooperative.data?.name);
  return <PageState state={cooperative}>{(c) => <Cooperative cooperative={c} />}</PageState>;
}

function Cooperative({ cooperative }: { cooperative: Schemas['CooperativeProfileDto'] }) {
  const { t, i18n } = useTranslation();
  const products = useApi(() => api.GET('/api/v1/catalog/products', { params: { query: { cooperativeId: cooperative.id, limit: 48 } } }), [cooperative.id]);
  return (
    <section>
      <header className="cooperative-head">
        {cooperative.logoUrl && <img src={cooperative.logoUrl} alt="" width={96} height={96} />}
        <div>
          <h1>{cooperative.name}</h1>
          <p className="muted">
            {cooperative.wardName}
            {cooperative.formerDistricts.length > 0 && ` (${t('product.formerly', { places: cooperative.formerDistricts.join(', ') })})`}
          </p>
          <p className="small">
            {t('cooperative.products', { count: cooperative.productCount })} · {t('cooperative.ocopProducts', { count: cooperative.ocopProductCount })} ·{' '}
            {t('cooperative.since', { date: formatDate(cooperative.memberSince, i18n.language) })}
          </p>
        </div>
      </header>
      {cooperative.description && <p className="pre-line">{cooperative.description}</p>}
      <h2>{t('cooperative.catalog')}</h2>
      <PageState state={products}>{(page) => (page.items.length ? <ProductGrid items={page.items} /> : <p className="empty">{t('search.none')}</p>)}</PageState>
    </section>
  );
}
