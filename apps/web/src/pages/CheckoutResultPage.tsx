import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useParams } from 'react-router';
import { api, type Schemas } from '../api/client';
import { formatDateTime, formatVnd } from '../format';
import { useApi, useDocumentTitle } from '../hooks';
import { useSession } from '../session';
import { PageState } from '../ui/bits';
import { CopyButton } from '../ui/CopyButton';
import { OrderCard } from '../ui/OrderCard';

const POLL_MS = 5000;

export function CheckoutResultPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('confirmation.title'));
  const { id = '' } = useParams();
  const session = useSession();
  const checkout = useApi(() => api.GET('/api/v1/checkouts/{id}', { params: { path: { id } } }), [id]);
  const waiting = checkout.data?.payment.method === 'vietqr' && checkout.data.payment.status === 'pending';

  // The transfer is confirmed by the cooperative or the bank feed: look again until it is.
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(checkout.reload, POLL_MS);
    return () => clearInterval(timer);
  }, [waiting, checkout.reload]);

  if (!session.user) return <Navigate to={`/login?next=${encodeURIComponent(`/checkouts/${id}`)}`} replace />;
  return <PageState state={checkout}>{(c) => <Confirmation checkout={c} />}</PageState>;
}

function Confirmation({ checkout }: { checkout: Schemas['CheckoutDto'] }) {
  const { t, i18n } = useTranslation();
  const payment = checkout.payment;
  return (
    <section>
      <h1>{t('confirmation.title')}</h1>
      <p>
        {t('confirmation.lead', { count: checkout.orders.length })} <span className="muted">{formatDateTime(checkout.createdAt, i18n.language)}</span>
      </p>
      <p>
        {t('confirmation.reference')}: <strong className="reference">{checkout.reference}</strong>
      </p>

      <section className="payment-box" aria-labelledby="payment-heading">
        <h2 id="payment-heading">{t('confirmation.payment', { method: t(`payment.${payment.method}`) })}</h2>
        {payment.status === 'succeeded' && (
          <p className="success" role="status">
            {t('confirmation.paid')}
          </p>
        )}
        {payment.method === 'cod' && <p>{t('confirmation.cod', { amount: formatVnd(payment.amount) })}</p>}
        {payment.method === 'card' && payment.status === 'pending' && <p>{t('confirmation.cardPending')}</p>}
        {payment.method === 'vietqr' && payment.vietqr && payment.status === 'pending' && (
          <VietQr qr={payment.vietqr} due={checkout.orders[0]?.paymentDueAt ?? null} />
        )}
        {(payment.status === 'cancelled' || payment.status === 'failed') && <p className="field-error">{t('confirmation.paymentFailed')}</p>}
      </section>

      <h2>{t('confirmation.orders')}</h2>
      {checkout.orders.map((order) => (
        <OrderCard key={order.id} order={order} linkToPayment={false} />
      ))}
      <p>
        <Link to="/me/orders">{t('nav.myOrders')}</Link> · <Link to="/">{t('confirmation.continue')}</Link>
      </p>
    </section>
  );
}

function VietQr({ qr, due }: { qr: Schemas['VietQrDto']; due: string | null }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="vietqr">
      <img src={qr.imageDataUrl} alt={t('confirmation.qrAlt', { amount: formatVnd(qr.amount), reference: qr.reference })} width={240} height={240} />
      <div>
        <p>{t('confirmation.scan')}</p>
        <dl className="facts">
          <dt>{t('confirmation.amount')}</dt>
          <dd>
            <strong data-testid="qr-amount">{formatVnd(qr.amount)}</strong> <CopyButton value={String(qr.amount)} label={t('confirmation.amount')} />
          </dd>
          <dt>{t('confirmation.transferNote')}</dt>
          <dd>
            <strong className="reference" data-testid="qr-reference">
              {qr.reference}
            </strong>{' '}
            <CopyButton value={qr.reference} label={t('confirmation.transferNote')} />
          </dd>
          <dt>{t('confirmation.account')}</dt>
          <dd>
            {qr.accountNumber} <CopyButton value={qr.accountNumber} label={t('confirmation.account')} /> — {qr.accountName}
          </dd>
        </dl>
        {due && <p className="small">{t('confirmation.payBefore', { time: formatDateTime(due, i18n.language) })}</p>}
        <p className="waiting" role="status">
          {t('confirmation.waiting')}
        </p>
      </div>
    </div>
  );
}
