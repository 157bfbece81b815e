import { useTranslation } from 'react-i18next';
import { ProduceIcon } from './icons';
import { Link } from 'react-router';
import type { Schemas } from '../api/client';
import { formatVnd } from '../format';
import { OcopBadge } from './bits';

export function ProductCard({ item }: { item: Schemas['CatalogItemDto'] }) {
  const { t } = useTranslation();
  return (
    <article className="product-card">
      <Link to={`/products/${item.slug}`} className="product-card-link">
        <div className="product-card-image" style={{ aspectRatio: String(item.imageAspect ?? 1) }}>
          {item.imageUrl ? (
            <img src={item.imageUrl} alt="" loading="lazy" decoding="async" />
          ) : (
            <span className="no-image">
              <ProduceIcon />
            </span>
          )}
          {item.ocopStars ? <OcopBadge stars={item.ocopStars} /> : null}
        </div>
        <h3 className="product-card-name">{item.name}</h3>
      </Link>
      <p className="product-card-price">
        {t('product.from')} <strong>{formatVnd(item.minPrice)}</strong>
      </p>
      <p className="product-card-meta">
        <Link to={`/cooperatives/${item.cooperative.slug}`}>{item.cooperative.name}</Link>
        <span> · {item.wardName}</span>
      </p>
      {!item.inStock && <p className="stock-out">{t('product.outOfStock')}</p>}
    </article>
  );
}

export function ProductGrid({ items }: { items: Schemas['CatalogItemDto'][] }) {
  return (
    <div className="product-grid">
      {items.map((item) => (
        <ProductCard key={item.id} item={item} />
      ))}
    </div>
  );
}
