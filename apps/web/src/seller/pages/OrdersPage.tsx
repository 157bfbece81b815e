import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, errorOf, type ApiError } from '../../api/client';
import { formatDateTime, formatVnd } from '../../format';
import { useDocumentTitle, usePaged } from '../../hooks';
import { useSeller } from '../area';

import { CHANNELS, type Order, type OrderStatus } from '../orders';
import { FormError, PagedFooter } from '../ui/states';

const STATUSES: OrderStatus[] = [
  'placed',
  'paid',
  'confirmed',
  'packed',
  'shipped',
  'delivered',
  'completed',
  'pending_payment',
  'cancelled',
  'refunded',
  'returned',
];

/** Every channel's orders in one list, newest first; the ones to confirm stand out. */
export function OrdersPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('seller.orders.title'));
  const { cooperative } = useSeller();
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') ?? '') as OrderStatus | '';
  const channel = params.get('channel') ?? '';
  const list = usePaged(
    (cursor) =>
      api.GET('/api/v1/cooperatives/{id}/orders', {
        params: { path: { id: cooperative.id }, query: { limit: 20, cursor, ...(status ? { status } : {}), ...(channel ? { channel } : {}) } },
      }),
    [cooperative.id, status, channel],
  );
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [printError, setPrintError] = useState<ApiError | null>(null);
  const pick = (id: string, on: boolean) =>
    setPicked((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  /** The carrier's labels of the picked orders: GHN answers a print page with all of them, GHTK a PDF. */
  const printLabels = async () => {
    setPrintError(null);
    const { data, error } = await api
      .GET('/api/v1/cooperatives/{id}/shipments/labels', {
        params: { path: { id: cooperative.id }, query: { orderIds: [...picked].join(',') } },
        parseAs: 'blob',
      })
      .catch(() => ({ data: undefined, error: null }));
    if (!data) return setPrintError(errorOf(error, t('errors.network')));
    const blob = data as Blob;
    window.open(blob.type.includes('json') ? (JSON.parse(await blob.text()) as { url: string }).url : URL.createObjectURL(blob), '_blank', 'noopener');
  };
  const filter = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  return (
    <section>
      <h1>{t('seller.orders.title')}</h1>
      <form className="order-filters" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="orders-status">{t('seller.orders.status')}</label>
          <select id="orders-status" value={status} onChange={(e) => filter('status', e.target.value)}>
            <option value="">{t('filters.all')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="orders-channel">{t('seller.orders.channel')}</label>
          <select id="orders-channel" value={channel} onChange={(e) => filter('channel', e.target.value)}>
            <option value="">{t('filters.all')}</option>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {t(`seller.channel.${c}`)}
              </option>
            ))}
          </select>
        </div>
      </form>
      {picked.size > 0 && (
        <div className="action-buttons">
          <button type="button" className="button secondary" onClick={() => void printLabels()}>
            {t('seller.orders.printLabels', { count: picked.size })}
          </button>
          <FormError error={printError} />
        </div>
      )}
      <ul className="order-rows">
        {list.items.map((order) => (
          <OrderRow key={order.id} order={order} picked={picked.has(order.id)} onPick={(on) => pick(order.id, on)} />
        ))}
      </ul>
      <PagedFooter list={list} empty={t('seller.orders.none')} />
    </section>
  );
}

function OrderRow({ order, picked, onPick }: { order: Order; picked: boolean; onPick(on: boolean): void }) {
  const { t, i18n } = useTranslation();
  const toConfirm = order.status === 'placed' || order.status === 'paid';
  return (
    <li className={`order-row${toConfirm ? ' to-confirm' : ''}`} data-testid="order-row">
      {order.shipment?.trackingNumber && (
        <label className="checkbox small">
          <input type="checkbox" checked={picked} onChange={(e) => onPick(e.target.checked)} />
          {t('seller.orders.pickLabel', { carrier: order.shipment.carrier, number: order.shipment.trackingNumber })}
        </label>
      )}
      <Link to={`/seller/orders/${order.id}`} className="order-row-link">
        <span className="order-row-head">
          <span className={`channel-badge channel-${order.channel}`}>{t(`seller.channel.${order.channel}`, { defaultValue: order.channel })}</span>
          <strong className="order-ref">{order.externalReference ?? order.id.slice(0, 8).toUpperCase()}</strong>
          <span className={`status status-${order.status}`}>{t(`status.${order.status}`)}</span>
        </span>
        <span className="order-row-body">
          <span>{order.buyerName ?? order.shippingAddress?.fullName ?? '—'}</span>
          <strong>{formatVnd(order.total)}</strong>
        </span>
        <span className="muted small">
          {order.lines.map((l) => `${l.quantity} × ${l.productName}`).join(', ')} · {formatDateTime(order.createdAt, i18n.language)}
        </span>
        {toConfirm && <span className="to-confirm-mark">{t('seller.orders.needsConfirm')}</span>}
      </Link>
    </li>
  );
}
