import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { formatDateTime, formatVnd } from '../../format';
import { usePaged } from '../../hooks';
import { PagedFooter } from '../ui/states';

/** The return requests of one order, each leading to where it is answered. */
export function OrderReturns({ orderId }: { orderId: string }) {
  const { t, i18n } = useTranslation();
  const list = usePaged((cursor) => api.GET('/api/v1/orders/{id}/returns', { params: { path: { id: orderId }, query: { limit: 20, cursor } } }), [orderId]);
  if (list.loaded && list.items.length === 0 && !list.error) return null;
  return (
    <section className="panel">
      <h2>{t('seller.returns.title')}</h2>
      <ul className="order-lines">
        {list.items.map((r) => (
          <li key={r.id}>
            <Link to={`/seller/returns/${r.id}`}>
              {t(`seller.returns.status.${r.status}`)} · {formatVnd(r.amount)}
            </Link>{' '}
            <span className="muted small">
              {r.lines.map((l) => `${l.quantity} × ${l.productName}`).join(', ')} · {formatDateTime(r.createdAt, i18n.language)}
            </span>
          </li>
        ))}
      </ul>
      <PagedFooter list={list} empty="" />
    </section>
  );
}
