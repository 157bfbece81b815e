import { useState } from 'react';
import { ProduceIcon } from '../ui/icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, type Schemas } from '../api/client';
import { useCart } from '../cart';
import { formatDate, formatGrams, formatVnd } from '../format';
import { useApi, useDocumentTitle } from '../hooks';
import { OcopBadge, PageState } from '../ui/bits';

export function ProductPage() {
  const { slug = '' } = useParams();
  const product = useApi(() => api.GET('/api/v1/catalog/products/{slug}', { params: { path: { slug } } }), [slug]);
  useDocumentTitle(product.data?.name);
  return <PageState state={product}>{(p) => <Product product={p} />}</PageState>;
}

function srcSet(urls: Record<string, string>): string {
  return Object.entries(urls)
    .map(([width, url]) => `${url} ${width}w`)
    .join(', ');
}

function Gallery({ images, name }: { images: Schemas['ImageDto'][]; name: string }) {
  const { t } = useTranslation();
  const [index, setIndex] = useState(0);
  if (images.length === 0)
    return (
      <div className="gallery-main no-image">
        <ProduceIcon />
      </div>
    );
  const image = images[Math.min(index, images.length - 1)];
  const urls = image.urls as Record<string, string>;
  const largest = Object.keys(urls)
    .map(Number)
    .sort((a, b) => b - a)[0];
  return (
    <div className="gallery">
      <img
        className="gallery-main"
        src={urls[String(largest)]}
        srcSet={srcSet(urls)}
        sizes="(min-width: 900px) 480px, 100vw"
        width={image.width}
        height={image.height}
        alt={image.alt ?? name}
      />
      {images.length > 1 && (
        <ul className="gallery-thumbs" aria-label={t('product.photos')}>
          {images.map((img, i) => {
            const thumbs = img.urls as Record<string, string>;
            const smallest = Object.keys(thumbs)
              .map(Number)
              .sort((a, b) => a - b)[0];
            return (
              <li key={img.id}>
                <button type="button" aria-pressed={i === index} aria-label={t('product.photoN', { n: i + 1 })} onClick={() => setIndex(i)}>
                  <img src={thumbs[String(smallest)]} alt="" width={64} height={Math.round((64 * img.height) / img.width)} />
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

function Product({ product }: { product: Schemas['PublicProductDto'] }) {
  const { t, i18n } = useTranslation();
  const cart = useCart();
  const firstAvailable = product.variants.find((v) => v.stockState !== 'out_of_stock') ?? product.variants[0];
  const [variantId, setVariantId] = useState(firstAvailable?.id);
  const [quantity, setQuantity] = useState(1);
  const [added, setAdded] = useState(false);
  const variant = product.variants.find((v) => v.id === variantId) ?? firstAvailable;
  const inCart = cart.lines.find((l) => l.variantId === variant?.id)?.quantity ?? 0;
  const canAdd = variant && variant.stockState !== 'out_of_stock' && quantity + inCart <= variant.stock;
  const lang = i18n.language;

  const add = () => {
    if (!variant || !canAdd) return;
    cart.add({
      variantId: variant.id,
      quantity,
      productSlug: product.slug,
      productName: product.name,
      variantName: variant.name,
      price: variant.price,
      imageUrl: (product.images[0]?.urls as Record<string, string> | undefined)?.['320'] ?? null,
      cooperativeId: product.cooperative.id,
      cooperativeName: product.cooperative.name,
    });
    setAdded(true);
  };

  return (
    <article className="product-page">
      <Gallery images={product.images} name={product.name} />
      <div className="product-info">
        <p className="breadcrumb">
          <Link to={`/search?categoryId=${product.categoryId}`}>{product.categoryName}</Link>
        </p>
        <h1>{product.name}</h1>
        {product.ocop && <OcopBadge stars={product.ocop.stars} />}
        <p className="price-large">{variant ? formatVnd(variant.price) : formatVnd(product.minPrice)}</p>

        {product.variants.length > 1 && (
          <fieldset className="variants">
            <legend>{t('product.variant')}</legend>
            {product.variants.map((v) => (
              <label key={v.id} className={`variant-option${v.id === variant?.id ? ' selected' : ''}`}>
                <input
                  type="radio"
                  name="variant"
                  value={v.id}
                  checked={v.id === variant?.id}
                  onChange={() => {
                    setVariantId(v.id);
                    setAdded(false);
                  }}
                />
                <span>{v.name}</span>
                <span className="muted">{formatVnd(v.price)}</span>
              </label>
            ))}
          </fieldset>
        )}
        {variant && (
          <p className={`stock-state ${variant.stockState}`}>
            {variant.stockState === 'out_of_stock'
              ? t('product.outOfStock')
              : variant.stockState === 'low_stock'
                ? t('product.lowStock', { count: variant.stock })
                : t('product.inStock')}
            {' · '}
            {formatGrams(variant.weightGrams)}
          </p>
        )}
        <div className="add-row">
          <label>
            {t('product.quantity')}
            <input type="number" min={1} max={variant?.stock ?? 1} value={quantity} onChange={(e) => setQuantity(Math.max(1, Number(e.target.value) || 1))} />
          </label>
          <button type="button" className="button" onClick={add} disabled={!canAdd}>
            {t('product.addToCart')}
          </button>
        </div>
        {variant && variant.stockState !== 'out_of_stock' && !canAdd && (
          <p className="field-error">{t('product.notThatMany', { count: variant.stock - inCart })}</p>
        )}
        {added && (
          <p className="notice" role="status">
            {t('product.added')} <Link to="/cart">{t('product.viewCart')}</Link>
          </p>
        )}

        <section className="product-section">
          <h2>{t('product.description')}</h2>
          <p className="pre-line">{product.description}</p>
        </section>

        <section className="product-section">
          <h2>{t('product.originAndSeason')}</h2>
          <dl className="facts">
            <dt>{t('product.origin')}</dt>
            <dd>
              {product.origin.wardName}
              {product.origin.formerDistricts.length > 0 && ` (${t('product.formerly', { places: product.origin.formerDistricts.join(', ') })})`},{' '}
              {product.origin.formerProvince}
            </dd>
            {product.harvestMonths.length > 0 && (
              <>
                <dt>{t('product.season')}</dt>
                <dd>{product.harvestMonths.map((m) => t('product.month', { m })).join(', ')}</dd>
              </>
            )}
            {product.shelfLifeDays ? (
              <>
                <dt>{t('product.shelfLife')}</dt>
                <dd>{t('product.days', { count: product.shelfLifeDays })}</dd>
              </>
            ) : null}
            <dt>{t('product.unit')}</dt>
            <dd>{product.unit}</dd>
          </dl>
        </section>

        {(product.ocop || product.certifications.length > 0) && (
          <section className="product-section">
            <h2>{t('product.certificates')}</h2>
            <ul className="certificates">
              {product.ocop && (
                <li>
                  <strong>{t('product.ocopTitle', { stars: product.ocop.stars })}</strong> —{' '}
                  {t('product.certificateNumber', { number: product.ocop.certificateNumber })},{' '}
                  {t('product.validUntil', { date: formatDate(product.ocop.expiresAt, lang) })}
                </li>
              )}
              {product.certifications.map((c) => (
                <li key={`${c.type}-${c.number}`}>
                  <strong>{t(`certification.${c.type}`)}</strong> — {c.number}, {c.issuer}, {t('product.validUntil', { date: formatDate(c.expiresAt, lang) })}
                </li>
              ))}
            </ul>
          </section>
        )}

        <section className="cooperative-card" aria-label={t('product.seller')}>
          {product.cooperative.logoUrl && <img src={product.cooperative.logoUrl} alt="" width={56} height={56} />}
          <div>
            <p className="muted small">{t('product.seller')}</p>
            <p>
              <Link to={`/cooperatives/${product.cooperative.slug}`}>
                <strong>{product.cooperative.name}</strong>
              </Link>
            </p>
            <p className="muted small">{product.cooperative.wardName}</p>
          </div>
        </section>
      </div>
    </article>
  );
}
