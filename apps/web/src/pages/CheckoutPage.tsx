import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { api, errorOf, type ApiError } from '../api/client';
import { useCart } from '../cart';
import { foldAccents, formatVnd } from '../format';
import { useApi, useDocumentTitle } from '../hooks';
import { useSession } from '../session';
import { ErrorState, Loading } from '../ui/bits';
import { Field, fieldErrors, newIdempotencyKey } from '../ui/forms';
import { useQuote } from './CartPage';
import { ShippingFee } from '../ui/ShippingFee';

type Method = 'cod' | 'vietqr' | 'card';

export function CheckoutPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('checkout.title'));
  const session = useSession();
  const cart = useCart();
  // Placing the order empties the cart: go to the order, not back to the empty cart.
  const [placed, setPlaced] = useState<string | null>(null);
  if (placed) return <Navigate to={`/checkouts/${placed}`} replace />;
  if (!session.user) return <Navigate to="/login?next=%2Fcheckout" replace />;
  if (cart.lines.length === 0) return <Navigate to="/cart" replace />;
  return <CheckoutForm onPlaced={setPlaced} />;
}

function CheckoutForm({ onPlaced }: { onPlaced: (checkoutId: string) => void }) {
  const { t } = useTranslation();
  const session = useSession();
  const cart = useCart();
  const [wardCode, setWardCode] = useState('');
  const [outside, setOutside] = useState(false);
  const quote = useQuote(cart.lines, outside ? undefined : wardCode);
  const wards = useApi(() => api.GET('/api/v1/catalog/wards'), []);
  const [method, setMethod] = useState<Method>('vietqr');
  const [wardFilter, setWardFilter] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  // One key per attempt at this exact cart: a double tap or a retry after a timeout makes one order.
  const cartKey = JSON.stringify(cart.lines.map((l) => [l.variantId, l.quantity]));
  const idempotencyKey = useMemo(() => newIdempotencyKey(), [cartKey]); // eslint-disable-line react-hooks/exhaustive-deps

  const shownWards = useMemo(() => {
    const wanted = foldAccents(wardFilter.trim());
    return (wards.data?.items ?? []).filter((w) => !wanted || foldAccents(`${w.type} ${w.name}`).includes(wanted));
  }, [wards.data, wardFilter]);

  const methods = (quote.data?.paymentMethods ?? []) as Method[];
  const chosen = methods.includes(method) ? method : methods[0];

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    setBusy(true);
    setError(null);
    try {
      const { data, error: failure } = await api.POST('/api/v1/checkouts', {
        params: { header: { 'Idempotency-Key': idempotencyKey } },
        body: {
          items: cart.lines.map((l) => ({ variantId: l.variantId, quantity: l.quantity })),
          shippingAddress: {
            fullName: text('fullName'),
            phone: text('phone'),
            addressLine: text('addressLine'),
            wardCode: outside ? text('outsideWardCode') : wardCode,
            ...(outside ? { province: text('province') } : {}),
          },
          paymentMethod: chosen ?? 'cod',
        },
      });
      if (failure || !data) {
        setError(errorOf(failure, t('errors.network')));
        window.scrollTo({ top: 0 });
        return;
      }
      onPlaced(data.id);
      cart.clear();
    } catch {
      setError(errorOf(null, t('errors.network')));
    } finally {
      setBusy(false);
    }
  };

  const fields = fieldErrors(error);
  const stockProblem = error?.code === 'STOCK_INSUFFICIENT';
  // Too many unfinished cash-on-delivery orders for a new account: paying now is the way through.
  const codLimit = error?.code === 'COD_LIMIT_REACHED';
  const otherMethods = methods.filter((m) => m !== 'cod');
  return (
    <section>
      <h1>{t('checkout.title')}</h1>
      {error && (stockProblem || codLimit || !error.details?.length) && (
        <div className="error-state" role="alert">
          <p>{error.message}</p>
          {error.details?.map((d) => (
            <p key={d.field}>{d.message}</p>
          ))}
          {stockProblem && (
            <Link to="/cart" className="button secondary">
              {t('checkout.backToCart')}
            </Link>
          )}
          {codLimit && otherMethods.length > 0 && (
            <div className="action-buttons" data-testid="cod-limit">
              {otherMethods.map((m) => (
                <button
                  key={m}
                  type="button"
                  className="button secondary"
                  onClick={() => {
                    setMethod(m);
                    setError(null);
                  }}
                >
                  {t('checkout.payInstead', { method: t(`payment.${m}`) })}
                </button>
              ))}
            </div>
          )}
        </div>
      )}
      {error && !stockProblem && !codLimit && error.details?.length ? (
        <p className="field-error" role="alert">
          {t('checkout.checkFields')}
        </p>
      ) : null}
      <form className="checkout-layout" onSubmit={(e) => void submit(e)} noValidate>
        <div>
          <fieldset>
            <legend>{t('checkout.address')}</legend>
            <Field
              label={t('checkout.fullName')}
              name="fullName"
              autoComplete="name"
              defaultValue={session.user?.fullName}
              required
              error={fields['shippingAddress.fullName']}
            />
            <Field
              label={t('checkout.phone')}
              name="phone"
              type="tel"
              inputMode="tel"
              autoComplete="tel"
              defaultValue={session.user?.phone ?? ''}
              required
              hint={t('checkout.phoneHint')}
              error={fields['shippingAddress.phone']}
            />
            <Field
              label={t('checkout.addressLine')}
              name="addressLine"
              autoComplete="street-address"
              required
              hint={t('checkout.addressHint')}
              error={fields['shippingAddress.addressLine']}
            />
            <label className="checkbox">
              <input type="checkbox" checked={outside} onChange={(e) => setOutside(e.target.checked)} />
              {t('checkout.outside')}
            </label>
            {outside ? (
              <>
                <Field label={t('checkout.province')} name="province" required error={fields['shippingAddress.province']} />
                <Field
                  label={t('checkout.wardCode')}
                  name="outsideWardCode"
                  inputMode="numeric"
                  pattern="\d{5}"
                  required
                  hint={t('checkout.wardCodeHint')}
                  error={fields['shippingAddress.wardCode']}
                />
              </>
            ) : (
              <div className="field">
                <label htmlFor="ward-filter">{t('checkout.ward')}</label>
                <input
                  id="ward-filter"
                  type="search"
                  placeholder={t('checkout.wardFilter')}
                  value={wardFilter}
                  onChange={(e) => setWardFilter(e.target.value)}
                  aria-controls="ward"
                />
                <select
                  id="ward"
                  name="wardCode"
                  aria-label={t('checkout.ward')}
                  value={wardCode}
                  onChange={(e) => setWardCode(e.target.value)}
                  required
                  aria-invalid={fields['shippingAddress.wardCode'] ? true : undefined}
                  aria-describedby={fields['shippingAddress.wardCode'] ? 'ward-error' : undefined}
                >
                  <option value="">{wards.data ? t('checkout.chooseWard', { count: shownWards.length }) : t('common.loading')}</option>
                  {shownWards.map((w) => (
                    <option key={w.code} value={w.code}>
                      {w.type} {w.name} {w.formerProvince ? `(${w.formerProvince})` : ''}
                    </option>
                  ))}
                </select>
                {fields['shippingAddress.wardCode'] && (
                  <p id="ward-error" className="field-error">
                    {fields['shippingAddress.wardCode']}
                  </p>
                )}
              </div>
            )}
          </fieldset>

          <fieldset className="payment-methods">
            <legend>{t('checkout.payment')}</legend>
            {methods.map((m) => (
              <label key={m} className={`payment-option${m === chosen ? ' selected' : ''}`}>
                <input type="radio" name="paymentMethod" value={m} checked={m === chosen} onChange={() => setMethod(m)} />
                <span>
                  <strong>{t(`payment.${m}`)}</strong>
                  <span className="muted small block">{t(`payment.${m}Hint`)}</span>
                </span>
              </label>
            ))}
            {fields.paymentMethod && <p className="field-error">{fields.paymentMethod}</p>}
          </fieldset>
        </div>

        <aside className="summary" aria-label={t('cart.summary')}>
          {quote.error && <ErrorState error={quote.error} retry={quote.reload} />}
          {!quote.data && !quote.error && <Loading />}
          {quote.data && (
            <>
              {quote.data.parcels.map((p) => (
                <div key={p.cooperativeId} className="summary-parcel">
                  <p>
                    <strong>{p.cooperativeName}</strong>
                  </p>
                  {p.lines.map((l) => (
                    <p key={l.variantId} className="small">
                      {l.quantity} × {l.productName} ({l.variantName}) — {formatVnd(l.lineTotal)}
                    </p>
                  ))}
                  <p className="small">
                    {t('cart.shipping')}: <ShippingFee shipping={p.shipping} />
                  </p>
                </div>
              ))}
              {quote.data.shippingNotice && (
                <p className="small" role="status">
                  {quote.data.shippingNotice}
                </p>
              )}
              <dl>
                <dt className="total">{t('cart.total')}</dt>
                <dd className="total">{formatVnd(quote.data.total)}</dd>
              </dl>
              {quote.data.problems.length > 0 && (
                <p className="field-error">
                  {t('cart.fixProblems')} <Link to="/cart">{t('checkout.backToCart')}</Link>
                </p>
              )}
            </>
          )}
          <button type="submit" className="button wide" disabled={busy || !quote.data || quote.data.problems.length > 0 || !chosen}>
            {busy ? t('checkout.placing') : t('checkout.place')}
          </button>
        </aside>
      </form>
    </section>
  );
}
