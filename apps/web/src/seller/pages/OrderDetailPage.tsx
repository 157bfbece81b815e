import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, errorOf, type ApiError } from '../../api/client';
import { formatDateTime, formatGrams, formatVnd } from '../../format';
import { useApi, useDocumentTitle } from '../../hooks';
import { PageState } from '../../ui/bits';
import { Field, fieldErrors } from '../../ui/forms';
import { useSeller } from '../area';
import { actorName, nextSteps, wasPaid, type Order, type SellerStep } from '../orders';
import { RefundStatus } from '../../ui/RefundStatus';
import { ShippingFee } from '../../ui/ShippingFee';
import { OrderReturns } from './OrderReturns';
import { FormError } from '../ui/states';

export function OrderDetailPage() {
  const { id } = useParams();
  const order = useApi(() => api.GET('/api/v1/orders/{id}', { params: { path: { id: id! } } }), [id]);
  return <PageState state={order}>{(o) => <OrderDetail order={o} onChanged={order.reload} />}</PageState>;
}

function OrderDetail({ order, onChanged }: { order: Order; onChanged(): void }) {
  const { t, i18n } = useTranslation();
  const reference = order.externalReference ?? order.id.slice(0, 8).toUpperCase();
  useDocumentTitle(t('seller.order.title', { reference }));
  const { refreshOverview } = useSeller();
  const address = order.shippingAddress;
  const wards = useApi(() => api.GET('/api/v1/catalog/wards'), []);
  const ward = wards.data?.items.find((w) => w.code === address?.wardCode);
  return (
    <section className="order-detail">
      <p className="breadcrumb">
        <Link to="/seller/orders">{t('seller.orders.title')}</Link>
      </p>
      <div className="page-head">
        <h1>{t('seller.order.title', { reference })}</h1>
        <span className={`status status-${order.status}`}>{t(`status.${order.status}`)}</span>
      </div>
      <p className="muted">
        <span className={`channel-badge channel-${order.channel}`}>{t(`seller.channel.${order.channel}`, { defaultValue: order.channel })}</span> ·{' '}
        {formatDateTime(order.createdAt, i18n.language)}
      </p>

      <OrderActions
        order={order}
        onDone={() => {
          onChanged();
          refreshOverview();
        }}
      />

      <div className="detail-grid">
        <section className="panel">
          <h2>{t('seller.order.lines')}</h2>
          <ul className="order-lines">
            {order.lines.map((line) => (
              <li key={line.variantId}>
                {line.quantity} × {line.productName}{' '}
                <span className="muted">
                  ({line.variantName}, {line.sku})
                </span>{' '}
                — {formatVnd(line.lineTotal)}
              </li>
            ))}
          </ul>
          <dl className="facts">
            <dt>{t('seller.order.items')}</dt>
            <dd>{formatVnd(order.itemsTotal)}</dd>
            <dt>{t('cart.shipping')}</dt>
            <dd>
              {/* A marketplace's order ships as that platform charged it, not priced here. */}
              {order.channel === 'web' ? <ShippingFee shipping={order.shipping} /> : formatVnd(order.shippingFee)} · {formatGrams(order.weightGrams)}
            </dd>
            <dt>
              <strong>{t('cart.total')}</strong>
            </dt>
            <dd>
              <strong>{formatVnd(order.total)}</strong>
            </dd>
            <dt>{t('seller.order.payment')}</dt>
            <dd>
              {order.paymentMethod
                ? t(`payment.${order.paymentMethod}`)
                : t('seller.order.paidOnPlatform', { platform: t(`seller.channel.${order.channel}`, { defaultValue: order.channel }) })}
            </dd>
          </dl>
          {order.refund && <RefundStatus refund={order.refund} />}
        </section>
        <section className="panel">
          <h2>{t('seller.order.buyer')}</h2>
          {address ? (
            <address>
              <strong>{address.fullName}</strong>
              <br />
              <a href={`tel:${address.phone.replace(/\s/g, '')}`}>{address.phone}</a>
              <br />
              {address.addressLine}
              <br />
              {ward ? `${ward.type} ${ward.name}, ${t('seller.order.province')}` : `${address.wardCode}${address.province ? `, ${address.province}` : ''}`}
            </address>
          ) : (
            <p>{order.buyerName ?? '—'}</p>
          )}
          {order.trackingNumber && <p>{t('orders.tracking', { carrier: order.carrier ?? '', number: order.trackingNumber })}</p>}
          {order.cancelReason && <p>{t('orders.cancelReason', { reason: order.cancelReason })}</p>}
        </section>
      </div>

      {order.channel === 'web' && <OrderReturns orderId={order.id} />}

      <section className="panel">
        <h2>{t('orders.timeline')}</h2>
        <ol className="timeline">
          {order.timeline.map((step, i) => {
            const who = actorName(step);
            return (
              <li key={`${step.to}-${i}`}>
                <span className="timeline-status">{t(`status.${step.to}`)}</span>
                <time dateTime={step.at}>{formatDateTime(step.at, i18n.language)}</time>
                {who && <span className="small">{t('seller.status.by', { name: who })}</span>}
                {step.note && <span className="muted small"> — {step.note}</span>}
              </li>
            );
          })}
        </ol>
      </section>
    </section>
  );
}

/** Only the steps the order can take next; shipping asks for the carrier and tracking number, cancelling for a reason. */
function OrderActions({ order, onDone }: { order: Order; onDone(): void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<'ship' | 'cancel' | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const steps = nextSteps(order);
  if (order.channel !== 'web') {
    return <p className="notice">{t('seller.order.managedBy', { platform: t(`seller.channel.${order.channel}`, { defaultValue: order.channel }) })}</p>;
  }
  if (steps.length === 0) return null;

  const run = async (step: SellerStep, body?: Record<string, string>) => {
    setBusy(true);
    setError(null);
    const path = { params: { path: { id: order.id } } };
    try {
      const answer =
        step === 'ship'
          ? await api.POST('/api/v1/orders/{id}/ship', { ...path, body: body as { carrier: string; trackingNumber: string } })
          : step === 'cancel'
            ? await api.POST('/api/v1/orders/{id}/cancel', { ...path, body: body ?? {} })
            : await api.POST(`/api/v1/orders/{id}/${step}`, path);
      if (!answer.data) return setError(errorOf(answer.error, t('errors.network')));
      setOpen(null);
      onDone();
    } catch {
      setError(errorOf(null, t('errors.network')));
    } finally {
      setBusy(false);
    }
  };

  const submit = (step: 'ship' | 'cancel') => (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    void run(step, step === 'ship' ? { carrier: text('carrier'), trackingNumber: text('trackingNumber') } : text('reason') ? { reason: text('reason') } : {});
  };
  const fields = fieldErrors(error);

  return (
    <section className="order-actions" aria-label={t('seller.order.next')}>
      <div className="action-buttons">
        {steps.map((step) =>
          step === 'ship' || step === 'cancel' ? (
            <button
              key={step}
              type="button"
              className={`button${step === 'cancel' ? ' secondary' : ''}`}
              aria-expanded={open === step}
              onClick={() => setOpen(open === step ? null : step)}
            >
              {t(`seller.order.${step}`)}
            </button>
          ) : (
            <button key={step} type="button" className="button" disabled={busy} onClick={() => void run(step)}>
              {t(`seller.order.${step}`)}
            </button>
          ),
        )}
      </div>
      {open === 'ship' && (
        <form className="panel" onSubmit={submit('ship')} noValidate>
          <Field label={t('seller.order.carrier')} name="carrier" list="carriers" required error={fields.carrier} />
          <datalist id="carriers">
            {['Viettel Post', 'VNPost', 'GHN', 'GHTK', 'J&T Express'].map((c) => (
              <option key={c} value={c} />
            ))}
          </datalist>
          <Field label={t('seller.order.trackingNumber')} name="trackingNumber" required autoCapitalize="characters" error={fields.trackingNumber} />
          <button type="submit" className="button wide" disabled={busy}>
            {t('seller.order.confirmShip')}
          </button>
        </form>
      )}
      {open === 'cancel' && (
        <form className="panel" onSubmit={submit('cancel')} noValidate>
          {wasPaid(order) && <p className="notice">{t('seller.order.cancelRefunds')}</p>}
          <Field label={t('seller.order.reason')} name="reason" maxLength={500} hint={t('seller.order.reasonHint')} error={fields.reason} />
          <button type="submit" className="button wide danger" disabled={busy}>
            {t('seller.order.confirmCancel')}
          </button>
        </form>
      )}
      <FormError error={error} />
    </section>
  );
}
