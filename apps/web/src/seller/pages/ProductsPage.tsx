import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, errorOf, type ApiError, type Schemas } from '../../api/client';
import { formatVnd } from '../../format';
import { useDocumentTitle, usePaged } from '../../hooks';
import { OcopBadge } from '../../ui/bits';
import { fieldErrors } from '../../ui/forms';
import { useSeller } from '../area';

import { useListingsByProduct, type Channel, type ProductOnChannel } from '../listings';
import { PagedFooter } from '../ui/states';

type Product = Schemas['ProductSummaryDto'];
type Variant = Schemas['VariantDto'];
const STATUSES = ['', 'draft', 'active', 'archived'] as const;
/** Stock at or under this shows as running low, until the overview says the configured threshold. */
const LOW_STOCK_DEFAULT = 5;

export function ProductsPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('seller.products.title'));
  const { cooperative } = useSeller();
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') ?? '') as (typeof STATUSES)[number];
  const list = usePaged(
    (cursor) =>
      api.GET('/api/v1/cooperatives/{id}/products', { params: { path: { id: cooperative.id }, query: { limit: 20, cursor, ...(status ? { status } : {}) } } }),
    [cooperative.id, status],
  );
  const listings = useListingsByProduct(cooperative.id, i18n.language);
  return (
    <section>
      <div className="page-head">
        <h1>{t('seller.products.title')}</h1>
        <Link to="/seller/products/new" className="button">
          {t('seller.products.add')}
        </Link>
      </div>
      <nav className="filter-chips" aria-label={t('seller.products.filter')}>
        {STATUSES.map((s) => (
          <button key={s || 'all'} type="button" className="chip" aria-pressed={s === status} onClick={() => setParams(s ? { status: s } : {})}>
            {s ? t(`seller.productStatus.${s}`) : t('filters.all')}
          </button>
        ))}
      </nav>
      <ul className="product-rows">
        {list.items.map((product) => (
          <ProductRow
            key={product.id}
            product={product}
            channels={listings.channels}
            onChannel={(channelId) => listings.byChannel.get(channelId)?.get(product.id)}
          />
        ))}
      </ul>
      <PagedFooter list={list} empty={status ? t('seller.products.noneWithStatus') : t('seller.products.none')} />
    </section>
  );
}

function ProductRow({ product, channels, onChannel }: { product: Product; channels: Channel[]; onChannel(channelId: string): ProductOnChannel | undefined }) {
  const { t } = useTranslation();
  const [variants, setVariants] = useState(product.variants);
  return (
    <li className="product-row" data-testid="product-row">
      <div className="product-row-head">
        <Link to={`/seller/products/${product.id}`} className="product-row-name">
          {product.name}
        </Link>
        <span className={`status product-${product.status}`}>{t(`seller.productStatus.${product.status}`)}</span>
      </div>
      <p className="muted small">
        {product.unit}
        {product.ocop?.valid ? (
          <>
            {' '}
            <OcopBadge stars={product.ocop.stars} />
          </>
        ) : null}
      </p>
      {channels.length > 0 && (
        <ul className="sync-badges" aria-label={t('seller.products.onChannels')}>
          {channels.map((channel) => {
            const here = onChannel(channel.id);
            const state = here?.status ?? 'none';
            return (
              <li key={channel.id} className={`sync sync-${state}`}>
                <span>
                  {channel.shopName ?? channel.platform}: {t(`seller.sync.${state}`)}
                </span>
                {state === 'failed' && here?.reason && <span className="sync-reason">{here.reason}</span>}
                {state === 'none' && product.status !== 'active' && <span className="sync-reason">{t('seller.sync.publishFirst')}</span>}
              </li>
            );
          })}
        </ul>
      )}
      <ul className="variant-rows">
        {variants.map((variant) => (
          <VariantRow
            key={variant.id}
            productId={product.id}
            variant={variant}
            onSaved={(saved) => setVariants((vs) => vs.map((v) => (v.id === saved.id ? saved : v)))}
          />
        ))}
      </ul>
    </li>
  );
}

/** Quick edit of one variant's stock or price, without opening the product. */
function VariantRow({ productId, variant, onSaved }: { productId: string; variant: Variant; onSaved(v: Variant): void }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const threshold = useSeller().overview.data?.lowStockThreshold ?? LOW_STOCK_DEFAULT;
  const low = variant.stock <= threshold;

  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const stock = Number(form.get('stock'));
    const price = Number(form.get('price'));
    // Only what changed, by variant id: the partial form of PATCH /products/:id (issue #20).
    const change: { id: string; stock?: number; price?: number } = { id: variant.id };
    if (stock !== variant.stock) change.stock = stock;
    if (price !== variant.price) change.price = price;
    if (change.stock === undefined && change.price === undefined) return setEditing(false);
    setBusy(true);
    setError(null);
    const body: Schemas['UpdateProductDto'] = { variants: [change] };
    const { data, error: failure } = await api
      .PATCH('/api/v1/products/{id}', { params: { path: { id: productId } }, body })
      .catch(() => ({ data: undefined, error: null }));
    setBusy(false);
    if (!data) return setError(errorOf(failure, t('errors.network')));
    const saved = data.variants.find((v) => v.id === variant.id);
    if (saved) onSaved(saved);
    setEditing(false);
  };

  if (!editing) {
    return (
      <li className="variant-row">
        <span className="variant-name">
          {variant.name} <span className="muted small">{variant.sku}</span>
        </span>
        <span>{formatVnd(variant.price)}</span>
        <span className={low ? 'stock-low' : undefined}>
          {t('seller.products.stock', { count: variant.stock })}
          {low && <span className="visually-hidden"> ({t('seller.products.low')})</span>}
        </span>
        <button type="button" className="link-button" onClick={() => setEditing(true)} aria-label={t('seller.products.quickEditNamed', { name: variant.name })}>
          {t('seller.common.edit')}
        </button>
      </li>
    );
  }
  const fields = fieldErrors(error);
  const fieldError = (name: string) => fields[`variants[0].${name}`] ?? fields[name];
  // A problem that is not about the two fields shown here (or names no field at all).
  const otherProblem = error && (error.details?.length ? error.details.find((d) => !/(stock|price)$/.test(d.field ?? ''))?.message : error.message);
  return (
    <li className="variant-row editing">
      <form onSubmit={(e) => void save(e)} noValidate className="quick-edit">
        <span className="variant-name">{variant.name}</span>
        <label>
          {t('seller.product.stock')}
          <input
            name="stock"
            type="number"
            inputMode="numeric"
            min={0}
            defaultValue={variant.stock}
            aria-invalid={fieldError('stock') ? true : undefined}
            autoFocus
          />
          {fieldError('stock') && <span className="field-error">{fieldError('stock')}</span>}
        </label>
        <label>
          {t('seller.product.price')}
          <input name="price" type="number" inputMode="numeric" min={1} defaultValue={variant.price} aria-invalid={fieldError('price') ? true : undefined} />
          {fieldError('price') && <span className="field-error">{fieldError('price')}</span>}
        </label>
        <span className="quick-actions">
          <button type="submit" className="button small" disabled={busy}>
            {t('seller.common.save')}
          </button>
          <button type="button" className="button small secondary" onClick={() => setEditing(false)}>
            {t('seller.common.cancel')}
          </button>
        </span>
        {otherProblem && (
          <span className="field-error" role="alert">
            {otherProblem}
          </span>
        )}
      </form>
    </li>
  );
}
