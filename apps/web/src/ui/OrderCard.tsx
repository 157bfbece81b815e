import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Schemas } from '../api/client';
import { formatDateTime, formatVnd } from '../format';
import { RefundStatus } from './RefundStatus';
import { ShippingFee } from './ShippingFee';

/** One order as its buyer follows it: what, from whom, how much, and each step with its time. */
export function OrderCard({ order, linkToPayment = true, children }: { order: Schemas['OrderDto']; linkToPayment?: boolean; children?: ReactNode }) {
  const { t, i18n } = useTranslation();
  return (
    <article className="order-card" aria-label={t('orders.orderFrom', { name: order.cooperativeName })}>
      <header className="order-card-head">
        <h3>{order.cooperativeName}</h3>
        <span className={`status status-${order.status}`}>{t(`status.${order.status}`)}</span>
      </header>
      <ul className="order-lines">
        {order.lines.map((line) => (
          <li key={line.variantId}>
            {line.quantity} × {line.productName} <span className="muted">({line.variantName})</span> — {formatVnd(line.lineTotal)}
          </li>
        ))}
      </ul>
      <p className="small">
        {t('cart.shipping')}: <ShippingFee shipping={order.shipping} /> ·{' '}
        <strong>
          {t('cart.total')}: {formatVnd(order.total)}
        </strong>
      </p>
      {order.trackingNumber && (
        <p className="small">
          {t('orders.tracking', { carrier: order.carrier ?? '', number: order.trackingNumber })}
          {order.shipment && <> · {t(`orders.shipment.${order.shipment.status}`)}</>}
        </p>
      )}
      {order.cancelReason && <p className="small">{t('orders.cancelReason', { reason: order.cancelReason })}</p>}
      {/* A return's refund shows with its return (OrderReturnsBox). */}
      {order.refund && order.refund.cause !== 'return' && <RefundStatus refund={order.refund} />}
      <ol className="timeline" aria-label={t('orders.timeline')}>
        {order.timeline.map((step, i) => (
          <li key={`${step.to}-${i}`}>
            <span className="timeline-status">{t(`status.${step.to}`)}</span>
            <time dateTime={step.at}>{formatDateTime(step.at, i18n.language)}</time>
            {step.note && <span className="muted small"> — {step.note}</span>}
          </li>
        ))}
      </ol>
      {linkToPayment && order.checkoutId && (
        <p className="small">
          <Link to={`/checkouts/${order.checkoutId}`}>{t('orders.viewPayment')}</Link>
        </p>
      )}
      {children}
    </article>
  );
}
