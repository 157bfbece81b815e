import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, type Schemas } from '../../api/client';
import { formatDateTime, formatVnd } from '../../format';
import { useDocumentTitle, usePaged } from '../../hooks';
import { useSeller } from '../area';
import { PagedFooter } from '../ui/states';

export type Return = Schemas['ReturnDto'];
export const RETURN_STATUSES: Return['status'][] = ['requested', 'escalated', 'accepted', 'refused'];

/** Buyers' requests to send goods back, newest first; the ones waiting for an answer stand out. */
export function ReturnsPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('seller.returns.title'));
  const { cooperative } = useSeller();
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') ?? '') as Return['status'] | '';
  const list = usePaged(
    (cursor) =>
      api.GET('/api/v1/cooperatives/{id}/returns', { params: { path: { id: cooperative.id }, query: { limit: 20, cursor, ...(status ? { status } : {}) } } }),
    [cooperative.id, status],
  );
  return (
    <section>
      <h1>{t('seller.returns.title')}</h1>
      <p className="muted">{t('seller.returns.lead')}</p>
      <form className="order-filters" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="returns-status">{t('seller.orders.status')}</label>
          <select id="returns-status" value={status} onChange={(e) => setParams(e.target.value ? { status: e.target.value } : {}, { replace: true })}>
            <option value="">{t('filters.all')}</option>
            {RETURN_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`seller.returns.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
      </form>
      <ul className="order-rows">
        {list.items.map((r) => (
          <li key={r.id} className={`order-row${r.status === 'requested' ? ' to-confirm' : ''}`} data-testid="return-row">
            <Link to={`/seller/returns/${r.id}`} className="order-row-link">
              <span className="order-row-head">
                <strong className="order-ref">{t('seller.returns.ofOrder', { reference: r.orderId.slice(0, 8).toUpperCase() })}</strong>
                <span className={`status return-${r.status}`}>{t(`seller.returns.status.${r.status}`)}</span>
              </span>
              <span className="order-row-body">
                <span>{r.lines.map((l) => `${l.quantity} × ${l.productName}`).join(', ')}</span>
                <strong>{formatVnd(r.amount)}</strong>
              </span>
              <span className="muted small">
                {r.reason} · {formatDateTime(r.createdAt, i18n.language)}
              </span>
              {r.status === 'requested' && <span className="to-confirm-mark">{t('seller.returns.needsAnswer')}</span>}
            </Link>
          </li>
        ))}
      </ul>
      <PagedFooter list={list} empty={t('seller.returns.none')} />
    </section>
  );
}
