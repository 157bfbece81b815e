import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../api/client';
import { useApi, useDocumentTitle } from '../hooks';
import { PageState } from '../ui/bits';
import { ProductGrid } from '../ui/ProductCard';

export function HomePage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('home.title'));
  const featured = useApi(() => api.GET('/api/v1/catalog/products', { params: { query: { ocopStars: 3, inStock: true, limit: 8 } } }), []);
  const categories = useApi(() => api.GET('/api/v1/catalog/categories'), []);
  const districts = useApi(() => api.GET('/api/v1/catalog/former-districts'), []);
  return (
    <>
      <section className="hero">
        <h1>{t('home.headline')}</h1>
        <p>{t('home.lead')}</p>
        <Link to="/search?ocopStars=3" className="button">
          {t('home.browseOcop')}
        </Link>
      </section>

      <section aria-labelledby="featured-heading">
        <h2 id="featured-heading">{t('home.featured')}</h2>
        <PageState state={featured}>{(page) => <ProductGrid items={page.items} />}</PageState>
      </section>

      <section aria-labelledby="categories-heading">
        <h2 id="categories-heading">{t('home.categories')}</h2>
        <PageState state={categories}>
          {(list) => (
            <ul className="chips">
              {list.items
                .filter((c) => c.parentId === null)
                .map((c) => (
                  <li key={c.id}>
                    <Link to={`/search?categoryId=${c.id}`} className="chip">
                      {i18n.language === 'en' ? c.nameEn : c.name}
                    </Link>
                  </li>
                ))}
            </ul>
          )}
        </PageState>
      </section>

      <section aria-labelledby="localities-heading">
        <h2 id="localities-heading">{t('home.localities')}</h2>
        <PageState state={districts}>
          {(list) => (
            <ul className="chips">
              {list.items.map((d) => (
                <li key={d.code}>
                  <Link to={`/search?formerDistrictCode=${d.code}`} className="chip">
                    {d.name}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </PageState>
      </section>
    </>
  );
}
