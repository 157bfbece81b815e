import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, errorOf, type ApiError } from '../../api/client';
import { formatDateTime, formatVnd } from '../../format';
import { useDocumentTitle, usePaged } from '../../hooks';
import { ErrorState } from '../../ui/bits';
import { Field, fieldErrors } from '../../ui/forms';
import { CursorList } from '../CursorList';
import { shortId, type Refund } from './money';

/** Money owed back to buyers: bank refunds recorded with their transfer reference, refused card refunds sent again. */
export function RefundsPage() {
  const { t, i18n } = useTranslation(undefined, { keyPrefix: 'department.money.refunds' });
  useDocumentTitle(t('title'));
  const [params, setParams] = useSearchParams();
  const status = params.get('status') === 'refunded' ? 'refunded' : 'pending';
  const list = usePaged((cursor) => api.GET('/api/v1/admin/refunds', { params: { query: { status, limit: 20, ...(cursor ? { cursor } : {}) } } }), [status]);
  const [done, setDone] = useState<string | null>(null);
  const lang = i18n.language;

  return (
    <section>
      <h1>{t('title')}</h1>
      <p className="muted">{t('lead')}</p>
      <div className="period-kinds" role="group" aria-label={t('title')}>
        {(['pending', 'refunded'] as const).map((s) => (
          <button
            key={s}
            type="button"
            className="segment"
            aria-pressed={status === s}
            onClick={() => setParams(s === 'pending' ? {} : { status: s }, { replace: true })}
          >
            {t(s)}
          </button>
        ))}
      </div>
      {done && (
        <p className="success" role="status">
          {done}
        </p>
      )}
      <CursorList list={list} more={i18n.t('department.money.more')}>
        {(refunds) =>
          refunds.length === 0 ? (
            <p className="empty">{t('none')}</p>
          ) : (
            <ul className="money-cards">
              {refunds.map((refund) => (
                <li key={refund.id} className="money-card">
                  <div className="money-card-head">
                    <span>
                      {i18n.t('department.money.order', { id: shortId(refund.orderId) })} · {t(`method.${refund.method}`)}
                    </span>
                    <strong className="money-amount">{formatVnd(refund.amount)}</strong>
                  </div>
                  <p className="small">{t(`cause.${refund.cause}`)}</p>
                  <p className="small muted">
                    {refund.status === 'refunded' && refund.refundedAt
                      ? t('refundedAt', { at: formatDateTime(refund.refundedAt, lang), reference: refund.reference ?? '' })
                      : t('at', { at: formatDateTime(refund.createdAt, lang) })}
                  </p>
                  {refund.status === 'pending' && (
                    <SettleRefund
                      refund={refund}
                      onDone={(message) => {
                        setDone(message);
                        list.reload();
                      }}
                    />
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </CursorList>
    </section>
  );
}

/**
 * A bank refund is recorded with the reference of the transfer back. A card one Stripe refused is
 * sent again (a passing failure), or, when Stripe keeps refusing, paid back by transfer and recorded
 * the same way.
 */
function SettleRefund({ refund, onDone }: { refund: Refund; onDone: (message: string) => void }) {
  const { t } = useTranslation(undefined, { keyPrefix: 'department.money.refunds' });
  const { t: tr } = useTranslation();
  const [reference, setReference] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (call: () => Promise<{ data?: Refund; error?: unknown }>, done: (data: Refund) => string) => {
    setBusy(true);
    setError(null);
    try {
      const { data, error: failure } = await call();
      if (failure || !data) return setError(errorOf(failure, tr('errors.network')));
      onDone(done(data));
    } catch {
      setError(errorOf(null, tr('errors.network')));
    } finally {
      setBusy(false);
    }
  };
  const path = { id: refund.id };
  const record = (event: FormEvent) => {
    event.preventDefault();
    void run(
      () => api.POST('/api/v1/admin/refunds/{id}/refunded', { params: { path }, body: { reference: reference.trim() } }),
      (data) => t('recorded', { amount: formatVnd(data.amount) }),
    );
  };
  const retry = () =>
    void run(
      () => api.POST('/api/v1/admin/refunds/{id}/retry', { params: { path } }),
      (data) => t('retried', { amount: formatVnd(data.amount), reference: data.reference ?? '' }),
    );
  const referenceError = fieldErrors(error, { reference: t('reference') }).reference;

  return (
    <div>
      {refund.method === 'card' && (
        <>
          <p className="small notice">{t('cardRefused')}</p>
          <button type="button" className="button" disabled={busy} onClick={retry}>
            {t('retry')}
          </button>
          <p className="small muted">{t('cardByHand')}</p>
        </>
      )}
      <form className="money-inline-form" onSubmit={record} noValidate>
        <Field
          label={t('reference')}
          name={`reference-${refund.id}`}
          value={reference}
          onChange={(e) => setReference(e.target.value)}
          maxLength={200}
          error={referenceError}
        />
        <p>
          <button type="submit" className={refund.method === 'card' ? 'button secondary' : 'button'} disabled={busy}>
            {t('record')}
          </button>
        </p>
      </form>
      {error && !referenceError && <ErrorState error={error} />}
    </div>
  );
}
