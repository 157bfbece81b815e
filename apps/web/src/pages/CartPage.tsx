import { useTranslation } from 'react-i18next';
import { ProduceIcon } from '../ui/icons';
import { Link, useNavigate } from 'react-router';
import { api, type Schemas } from '../api/client';
import { useCart, type CartLine } from '../cart';
import { formatVnd } from '../format';
import { useApi, useDebounced, useDocumentTitle } from '../hooks';
import { ErrorState, Loading } from '../ui/bits';
import { ShippingFee } from '../ui/ShippingFee';

export type Quote = Schemas['CheckoutQuoteDto'];

/** The server's price of the cart: parcels per cooperative with shipping, and what is wrong. */
export function useQuote(lines: CartLine[], wardCode?: string) {
  const items = useDebounced(
    lines.map((l) => ({ variantId: l.variantId, quantity: l.quantity })),
    250,
  );
  // With the buyer's ward each cooperative's carrier prices its parcel; without it, the flat table.
  const shippingAddress = wardCode && /^\d{5}$/.test(wardCode) ? { wardCode } : undefined;
  const key = JSON.stringify([items, shippingAddress]);
  return useApi<Quote>(async () => {
    if (items.length === 0) return { data: undefined, response: new Response(null, { status: 204 }) };
    return api.POST('/api/v1/checkouts/quote', { body: { items, ...(shippingAddress ? { shippingAddress } : {}) } });
  }, [key]);
}

export function CartPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('cart.title'));
  const cart = useCart();
  const quote = useQuote(cart.lines);
  const navigate = useNavigate();

  if (cart.lines.length === 0) {
    return (
      <section className="narrow">
        <h1>{t('cart.title')}</h1>
        <p className="empty">{t('cart.empty')}</p>
        <Link to="/search" className="button">
          {t('cart.browse')}
        </Link>
      </section>
    );
  }

  const problems = new Map<string, string>();
  (quote.data?.problems ?? []).forEach((p) => {
    const index = Number(/^items\[(\d+)\]/.exec(p.field)?.[1]);
    if (Number.isInteger(index) && cart.lines[index]) problems.set(cart.lines[index].variantId, p.message);
  });
  const groups = new Map<string, CartLine[]>();
  for (const line of cart.lines) groups.set(line.cooperativeId, [...(groups.get(line.cooperativeId) ?? []), line]);

  return (
    <section>
      <h1>{t('cart.title')}</h1>
      {quote.error && <ErrorState error={quote.error} retry={quote.reload} />}
      <div className="cart-layout">
        <div>
          {[...groups].map(([cooperativeId, lines]) => {
            const parcel = quote.data?.parcels.find((p) => p.cooperativeId === cooperativeId);
            return (
              <section key={cooperativeId} className="parcel" aria-label={lines[0].cooperativeName}>
                <h2 className="parcel-title">{parcel?.cooperativeName ?? lines[0].cooperativeName}</h2>
                <ul className="cart-lines">
                  {lines.map((line) => (
                    <CartRow
                      key={line.variantId}
                      line={line}
                      problem={problems.get(line.variantId)}
                      price={parcel?.lines.find((l) => l.variantId === line.variantId)?.unitPrice}
                    />
                  ))}
                </ul>
                <p className="parcel-shipping">
                  {t('cart.shipping')}: {parcel ? <ShippingFee shipping={parcel.shipping} /> : <strong>…</strong>}
                </p>
              </section>
            );
          })}
        </div>
        <aside className="summary" aria-label={t('cart.summary')}>
          {quote.data ? (
            <dl>
              <dt>{t('cart.items')}</dt>
              <dd>{formatVnd(quote.data.itemsTotal)}</dd>
              <dt>{t('cart.shippingTotal', { count: quote.data.parcels.length })}</dt>
              <dd>{formatVnd(quote.data.shippingTotal)}</dd>
              <dt className="total">{t('cart.total')}</dt>
              <dd className="total">{formatVnd(quote.data.total)}</dd>
            </dl>
          ) : (
            !quote.error && <Loading />
          )}
          {problems.size > 0 && <p className="field-error">{t('cart.fixProblems')}</p>}
          <button type="button" className="button wide" disabled={!quote.data || problems.size > 0 || quote.loading} onClick={() => navigate('/checkout')}>
            {t('cart.checkout')}
          </button>
        </aside>
      </div>
    </section>
  );
}

function CartRow({ line, problem, price }: { line: CartLine; problem?: string; price?: number }) {
  const { t } = useTranslation();
  const cart = useCart();
  const id = `qty-${line.variantId}`;
  return (
    <li className="cart-line">
      <div className="cart-line-image" style={{ aspectRatio: '1' }}>
        {line.imageUrl ? <img src={line.imageUrl} alt="" width={72} height={72} /> : <ProduceIcon />}
      </div>
      <div className="cart-line-body">
        <Link to={`/products/${line.productSlug}`}>{line.productName}</Link>
        <p className="muted small">{line.variantName}</p>
        <p>{formatVnd(price ?? line.price)}</p>
        {problem && (
          <p className="field-error" role="alert">
            {problem}
          </p>
        )}
      </div>
      <div className="cart-line-actions">
        <label htmlFor={id} className="visually-hidden">
          {t('cart.quantityOf', { name: line.productName })}
        </label>
        <input id={id} type="number" min={1} max={100} value={line.quantity} onChange={(e) => cart.setQuantity(line.variantId, Number(e.target.value))} />
        <button type="button" className="link-button" onClick={() => cart.remove(line.variantId)}>
          {t('cart.remove')}
        </button>
      </div>
    </li>
  );
}
