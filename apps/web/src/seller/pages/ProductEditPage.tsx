import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api, errorOf, type ApiError, type Schemas } from '../../api/client';
import { useApi, useDocumentTitle } from '../../hooks';
import { PageState } from '../../ui/bits';
import { fieldErrors } from '../../ui/forms';
import { useSeller } from '../area';
import { ProductImages } from '../ui/ProductImages';
import { FormError } from '../ui/states';
import { WardPicker } from '../ui/WardPicker';

type Product = Schemas['ProductDto'];
type CertificationType = Schemas['CertificationInput']['type'];
const CERTIFICATIONS: CertificationType[] = ['vietgap', 'globalgap', 'organic', 'haccp', 'iso22000', 'other'];
const MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

/** What the form holds: text as typed (numbers too), turned into the API's shape on save. */
interface Draft {
  name: string;
  description: string;
  categoryId: string;
  originWardCode: string;
  unit: string;
  shelfLifeDays: string;
  harvestMonths: number[];
  ocop: { stars: string; certificateNumber: string; issuedAt: string; expiresAt: string } | null;
  certifications: Array<{ type: CertificationType; number: string; issuer: string; issuedAt: string; expiresAt: string }>;
  variants: Array<{ id?: string; sku: string; name: string; price: string; weightGrams: string; stock: string }>;
}

function draftOf(product: Product | undefined, wardCode: string): Draft {
  if (!product) {
    return {
      name: '',
      description: '',
      categoryId: '',
      originWardCode: wardCode,
      unit: '',
      shelfLifeDays: '',
      harvestMonths: [],
      ocop: null,
      certifications: [],
      variants: [{ sku: '', name: '', price: '', weightGrams: '', stock: '' }],
    };
  }
  return {
    name: product.name,
    description: product.description,
    categoryId: product.categoryId,
    originWardCode: product.originWardCode,
    unit: product.unit,
    shelfLifeDays: product.shelfLifeDays ? String(product.shelfLifeDays) : '',
    harvestMonths: product.harvestMonths,
    ocop: product.ocop
      ? {
          stars: String(product.ocop.stars),
          certificateNumber: product.ocop.certificateNumber,
          issuedAt: product.ocop.issuedAt,
          expiresAt: product.ocop.expiresAt,
        }
      : null,
    certifications: product.certifications.map(({ type, number, issuer, issuedAt, expiresAt }) => ({ type, number, issuer, issuedAt, expiresAt })),
    variants: product.variants.map((v) => ({
      id: v.id,
      sku: v.sku,
      name: v.name,
      price: String(v.price),
      weightGrams: String(v.weightGrams),
      stock: String(v.stock),
    })),
  };
}

/** An empty box is left out, so the server names the missing field instead of reading it as 0. */
const int = (text: string): number | undefined => (text.trim() === '' ? undefined : Number(text));

function bodyOf(draft: Draft): Schemas['CreateProductDto'] {
  return {
    name: draft.name.trim(),
    description: draft.description.trim(),
    categoryId: draft.categoryId,
    originWardCode: draft.originWardCode,
    unit: draft.unit.trim(),
    ...(draft.shelfLifeDays ? { shelfLifeDays: int(draft.shelfLifeDays) } : {}),
    harvestMonths: draft.harvestMonths,
    ocop: draft.ocop ? { ...draft.ocop, stars: int(draft.ocop.stars)!, certificateNumber: draft.ocop.certificateNumber.trim() } : null,
    certifications: draft.certifications.map((c) => ({ ...c, number: c.number.trim(), issuer: c.issuer.trim() })),
    variants: draft.variants.map((v) => ({
      ...(v.id ? { id: v.id } : {}),
      sku: v.sku.trim(),
      name: v.name.trim(),
      price: int(v.price)!,
      weightGrams: int(v.weightGrams)!,
      stock: int(v.stock)!,
    })),
  };
}

export function NewProductPage() {
  return <ProductEditor />;
}

export function ProductEditPage() {
  const { id } = useParams();
  const product = useApi(() => api.GET('/api/v1/products/{id}', { params: { path: { id: id! } } }), [id]);
  return <PageState state={product}>{(p) => <ProductEditor key={p.id} product={p} onChanged={product.reload} />}</PageState>;
}

function ProductEditor({ product, onChanged }: { product?: Product; onChanged?: () => void }) {
  const { t, i18n } = useTranslation();
  useDocumentTitle(product ? product.name : t('seller.product.newTitle'));
  const { cooperative } = useSeller();
  const navigate = useNavigate();
  const categories = useApi(() => api.GET('/api/v1/catalog/categories'), []);
  const [draft, setDraft] = useState<Draft>(() => draftOf(product, cooperative.wardCode));
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const fields = fieldErrors(error);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const categoryName = (c: Schemas['CategoryDto']) => (i18n.language === 'en' ? c.nameEn : c.name);
  const parents = useMemo(() => new Map((categories.data?.items ?? []).map((c) => [c.id, c])), [categories.data]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      const body = bodyOf(draft);
      const answer = product
        ? await api.PATCH('/api/v1/products/{id}', { params: { path: { id: product.id } }, body })
        : await api.POST('/api/v1/cooperatives/{id}/products', { params: { path: { id: cooperative.id } }, body });
      if (!answer.data) {
        setError(errorOf(answer.error, t('errors.network')));
        return;
      }
      setSaved(true);
      if (product) onChanged?.();
      else navigate(`/seller/products/${answer.data.id}`, { replace: true });
    } catch {
      setError(errorOf(null, t('errors.network')));
    } finally {
      setBusy(false);
    }
  };

  const text = (key: 'name' | 'unit' | 'shelfLifeDays', label: string, extra: { hint?: string; inputMode?: 'numeric' } = {}) => (
    <div className="field">
      <label htmlFor={`product-${key}`}>{label}</label>
      <input
        id={`product-${key}`}
        value={draft[key]}
        inputMode={extra.inputMode}
        onChange={(e) => set(key, e.target.value)}
        aria-invalid={fields[key] ? true : undefined}
      />
      {extra.hint && <p className="hint">{extra.hint}</p>}
      {fields[key] && <p className="field-error">{fields[key]}</p>}
    </div>
  );

  return (
    <section className="product-editor">
      <p className="breadcrumb">
        <Link to="/seller/products">{t('seller.products.title')}</Link>
      </p>
      <div className="page-head">
        <h1>{product ? product.name : t('seller.product.newTitle')}</h1>
        {product && <span className={`status product-${product.status}`}>{t(`seller.productStatus.${product.status}`)}</span>}
      </div>
      {product && <PublishBar product={product} onChanged={() => onChanged?.()} />}
      {product && <ProductImages product={product} onChanged={() => onChanged?.()} />}
      {!product && <p className="muted">{t('seller.product.photosAfter')}</p>}

      <form onSubmit={(e) => void save(e)} noValidate>
        <fieldset>
          <legend>{t('seller.product.basics')}</legend>
          {text('name', t('seller.product.name'))}
          <div className="field">
            <label htmlFor="product-category">{t('seller.product.category')}</label>
            <select
              id="product-category"
              value={draft.categoryId}
              onChange={(e) => set('categoryId', e.target.value)}
              aria-invalid={fields.categoryId ? true : undefined}
            >
              <option value="">{t('seller.product.chooseCategory')}</option>
              {(categories.data?.items ?? []).map((c) => (
                <option key={c.id} value={c.id}>
                  {c.parentId && parents.get(c.parentId) ? `${categoryName(parents.get(c.parentId)!)} › ` : ''}
                  {categoryName(c)}
                </option>
              ))}
            </select>
            {fields.categoryId && <p className="field-error">{fields.categoryId}</p>}
          </div>
          <div className="field">
            <label htmlFor="product-description">{t('seller.product.description')}</label>
            <textarea
              id="product-description"
              rows={5}
              value={draft.description}
              onChange={(e) => set('description', e.target.value)}
              aria-invalid={fields.description ? true : undefined}
            />
            {fields.description && <p className="field-error">{fields.description}</p>}
          </div>
          {text('unit', t('seller.product.unit'), { hint: t('seller.product.unitHint') })}
          {text('shelfLifeDays', t('seller.product.shelfLife'), { inputMode: 'numeric' })}
          <WardPicker
            name="originWardCode"
            label={t('seller.product.origin')}
            value={draft.originWardCode}
            onChange={(code) => set('originWardCode', code)}
            error={fields.originWardCode}
          />
        </fieldset>

        <fieldset>
          <legend>{t('seller.product.variants')}</legend>
          <p className="hint">{t('seller.product.variantsHint')}</p>
          {draft.variants.map((v, i) => {
            const vset = (key: keyof Draft['variants'][number], value: string) =>
              set(
                'variants',
                draft.variants.map((x, j) => (j === i ? { ...x, [key]: value } : x)),
              );
            const vfield = (key: 'sku' | 'name' | 'price' | 'weightGrams' | 'stock', label: string, numeric = false) => {
              const err = fields[`variants[${i}].${key}`];
              return (
                <label className="variant-field">
                  {label}
                  <input
                    value={v[key]}
                    inputMode={numeric ? 'numeric' : undefined}
                    onChange={(e) => vset(key, e.target.value)}
                    aria-invalid={err ? true : undefined}
                  />
                  {err && <span className="field-error">{err}</span>}
                </label>
              );
            };
            return (
              <div key={v.id ?? `new-${i}`} className="variant-editor" role="group" aria-label={t('seller.product.variantN', { n: i + 1 })}>
                {vfield('name', t('seller.product.variantName'))}
                {vfield('sku', t('seller.product.sku'))}
                {vfield('price', t('seller.product.price'), true)}
                {vfield('weightGrams', t('seller.product.weight'), true)}
                {vfield('stock', t('seller.product.stock'), true)}
                {!v.id && draft.variants.length > 1 && (
                  <button
                    type="button"
                    className="link-button"
                    onClick={() =>
                      set(
                        'variants',
                        draft.variants.filter((_, j) => j !== i),
                      )
                    }
                  >
                    {t('seller.product.removeVariant')}
                  </button>
                )}
              </div>
            );
          })}
          {fields.variants && <p className="field-error">{fields.variants}</p>}
          <button
            type="button"
            className="button secondary small"
            onClick={() => set('variants', [...draft.variants, { sku: '', name: '', price: '', weightGrams: '', stock: '' }])}
          >
            {t('seller.product.addVariant')}
          </button>
        </fieldset>

        <fieldset>
          <legend>{t('seller.product.season')}</legend>
          <div className="months">
            {MONTHS.map((m) => (
              <label key={m} className="checkbox month">
                <input
                  type="checkbox"
                  checked={draft.harvestMonths.includes(m)}
                  onChange={(e) =>
                    set('harvestMonths', e.target.checked ? [...draft.harvestMonths, m].sort((a, b) => a - b) : draft.harvestMonths.filter((x) => x !== m))
                  }
                />
                {t('product.month', { m })}
              </label>
            ))}
          </div>
          {fields.harvestMonths && <p className="field-error">{fields.harvestMonths}</p>}
        </fieldset>

        <fieldset>
          <legend>{t('seller.product.ocop')}</legend>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={!!draft.ocop}
              onChange={(e) => set('ocop', e.target.checked ? { stars: '3', certificateNumber: '', issuedAt: '', expiresAt: '' } : null)}
            />
            {t('seller.product.hasOcop')}
          </label>
          {draft.ocop && (
            <div className="grid-2">
              <label className="variant-field">
                {t('seller.product.stars')}
                <select value={draft.ocop.stars} onChange={(e) => set('ocop', { ...draft.ocop!, stars: e.target.value })}>
                  {[3, 4, 5].map((s) => (
                    <option key={s} value={s}>
                      {t('product.ocopTitle', { stars: s })}
                    </option>
                  ))}
                </select>
              </label>
              {(['certificateNumber', 'issuedAt', 'expiresAt'] as const).map((key) => (
                <label key={key} className="variant-field">
                  {t(`seller.product.${key}`)}
                  <input
                    type={key === 'certificateNumber' ? 'text' : 'date'}
                    value={draft.ocop![key]}
                    onChange={(e) => set('ocop', { ...draft.ocop!, [key]: e.target.value })}
                    aria-invalid={fields[`ocop.${key}`] ? true : undefined}
                  />
                  {fields[`ocop.${key}`] && <span className="field-error">{fields[`ocop.${key}`]}</span>}
                </label>
              ))}
            </div>
          )}
        </fieldset>

        <fieldset>
          <legend>{t('seller.product.certifications')}</legend>
          {draft.certifications.map((c, i) => {
            const cset = (key: string, value: string) =>
              set(
                'certifications',
                draft.certifications.map((x, j) => (j === i ? { ...x, [key]: value } : x)),
              );
            return (
              <div key={i} className="variant-editor" role="group" aria-label={t('seller.product.certificationN', { n: i + 1 })}>
                <label className="variant-field">
                  {t('seller.product.certType')}
                  <select value={c.type} onChange={(e) => cset('type', e.target.value)}>
                    {CERTIFICATIONS.map((type) => (
                      <option key={type} value={type}>
                        {t(`certification.${type}`)}
                      </option>
                    ))}
                  </select>
                </label>
                {(['number', 'issuer', 'issuedAt', 'expiresAt'] as const).map((key) => {
                  const err = fields[`certifications[${i}].${key}`];
                  return (
                    <label key={key} className="variant-field">
                      {t(`seller.product.cert_${key}`)}
                      <input
                        type={key.endsWith('At') ? 'date' : 'text'}
                        value={c[key]}
                        onChange={(e) => cset(key, e.target.value)}
                        aria-invalid={err ? true : undefined}
                      />
                      {err && <span className="field-error">{err}</span>}
                    </label>
                  );
                })}
                <button
                  type="button"
                  className="link-button"
                  onClick={() =>
                    set(
                      'certifications',
                      draft.certifications.filter((_, j) => j !== i),
                    )
                  }
                >
                  {t('seller.common.remove')}
                </button>
              </div>
            );
          })}
          <button
            type="button"
            className="button secondary small"
            onClick={() => set('certifications', [...draft.certifications, { type: 'vietgap', number: '', issuer: '', issuedAt: '', expiresAt: '' }])}
          >
            {t('seller.product.addCertification')}
          </button>
        </fieldset>

        <FormError error={error} />
        {saved && !error && (
          <p className="success" role="status">
            {t('seller.common.saved')}
          </p>
        )}
        <button type="submit" className="button wide" disabled={busy}>
          {product ? t('seller.product.save') : t('seller.product.create')}
        </button>
      </form>
    </section>
  );
}

/** Publish (only an approved cooperative's product) or take it off sale. */
function PublishBar({ product, onChanged }: { product: Product; onChanged(): void }) {
  const { t } = useTranslation();
  const { cooperative } = useSeller();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const act = async (action: 'publish' | 'archive') => {
    setBusy(true);
    setError(null);
    const path = action === 'publish' ? '/api/v1/products/{id}/publish' : '/api/v1/products/{id}/archive';
    const { data, error: failure } = await api.POST(path, { params: { path: { id: product.id } } }).catch(() => ({ data: undefined, error: null }));
    setBusy(false);
    if (!data) return setError(errorOf(failure, t('errors.network')));
    onChanged();
  };
  return (
    <div className="publish-bar">
      {product.status === 'active' ? (
        <>
          <p>
            {t('seller.product.isActive')} <Link to={`/products/${product.slug}`}>{t('seller.product.view')}</Link>
          </p>
          <button type="button" className="button secondary" disabled={busy} onClick={() => void act('archive')}>
            {t('seller.product.archive')}
          </button>
        </>
      ) : (
        <>
          <p>{cooperative.status === 'approved' ? t('seller.product.notActive') : t('seller.product.needsApproval')}</p>
          <button type="button" className="button" disabled={busy || cooperative.status !== 'approved'} onClick={() => void act('publish')}>
            {t('seller.product.publish')}
          </button>
        </>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error.message} {error.details?.map((d) => d.message).join(' ')}
        </p>
      )}
    </div>
  );
}
