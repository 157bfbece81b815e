import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, errorOf, type ApiError } from '../../api/client';
import { formatDateTime, formatVnd } from '../../format';
import { useApi, useDocumentTitle } from '../../hooks';
import { PageState } from '../../ui/bits';
import { Field, fieldErrors } from '../../ui/forms';
import { RefundStatus, ReturnPhotos } from '../../ui/RefundStatus';
import { useSeller } from '../area';
import { FormError } from '../ui/states';
import type { Return } from './ReturnsPage';

export function ReturnDetailPage() {
  const { id } = useParams();
  const ret = useApi(() => api.GET('/api/v1/returns/{id}', { params: { path: { id: id! } } }), [id]);
  return <PageState state={ret}>{(r) => <ReturnDetail ret={r} onChanged={ret.reload} />}</PageState>;
}

function ReturnDetail({ ret, onChanged }: { ret: Return; onChanged(): void }) {
  const { t, i18n } = useTranslation();
  const reference = ret.orderId.slice(0, 8).toUpperCase();
  useDocumentTitle(t('seller.returns.ofOrder', { reference }));
  const { refreshOverview } = useSeller();
  return (
    <section className="order-detail">
      <p className="breadcrumb">
        <Link to="/seller/returns">{t('seller.returns.title')}</Link>
      </p>
      <div className="page-head">
        <h1>{t('seller.returns.ofOrder', { reference })}</h1>
        <span className={`status return-${ret.status}`}>{t(`seller.returns.status.${ret.status}`)}</span>
      </div>
      <p className="muted">
        {formatDateTime(ret.createdAt, i18n.language)} · <Link to={`/seller/orders/${ret.orderId}`}>{t('seller.payouts.order')}</Link>
      </p>
      {ret.status === 'requested' && (
        <ReturnAnswer
          ret={ret}
          onDone={() => {
            onChanged();
            refreshOverview();
          }}
        />
      )}
      <div className="detail-grid">
        <section className="panel">
          <h2>{t('seller.returns.lines')}</h2>
          <ul className="order-lines">
            {ret.lines.map((line) => (
              <li key={line.variantId}>
                {line.quantity} × {line.productName}{' '}
                <span className="muted">
                  ({line.variantName}, {line.sku})
                </span>{' '}
                — {formatVnd(line.lineTotal)}
              </li>
            ))}
          </ul>
          <p>
            <strong>{t('seller.returns.amount', { amount: formatVnd(ret.amount) })}</strong>
          </p>
          {ret.refund && <RefundStatus refund={ret.refund} />}
        </section>
        <section className="panel">
          <h2>{t('seller.returns.reason')}</h2>
          <p className="return-reason">{ret.reason}</p>
          <ReturnPhotos photos={ret.photos} />
          {ret.decisionReason && <p>{t('seller.returns.decision', { reason: ret.decisionReason })}</p>}
          {ret.goodsReturned && <p className="small">{t('seller.returns.restocked')}</p>}
          {ret.escalationNote && <p>{t('seller.returns.escalated', { note: ret.escalationNote })}</p>}
        </section>
      </div>
    </section>
  );
}

/** Accept (and say whether the goods came back, which puts them on sale again) or refuse with a reason the buyer reads. */
function ReturnAnswer({ ret, onDone }: { ret: Return; onDone(): void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<'accept' | 'refuse' | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const fields = fieldErrors(error);

  const submit = (decision: 'accept' | 'refuse') => async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const reason = String(form.get('reason') ?? '').trim();
    setBusy(true);
    setError(null);
    try {
      const path = { params: { path: { id: ret.id } } };
      const answer =
        decision === 'accept'
          ? await api.POST('/api/v1/returns/{id}/accept', {
              ...path,
              body: { goodsReturned: form.get('goodsReturned') === 'on', ...(reason ? { reason } : {}) },
            })
          : await api.POST('/api/v1/returns/{id}/refuse', { ...path, body: { reason } });
      if (!answer.data) return setError(errorOf(answer.error, t('errors.network')));
      setOpen(null);
      onDone();
    } catch {
      setError(errorOf(null, t('errors.network')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="order-actions" aria-label={t('seller.order.next')}>
      <div className="action-buttons">
        <button type="button" className="button" aria-expanded={open === 'accept'} onClick={() => setOpen(open === 'accept' ? null : 'accept')}>
          {t('seller.returns.accept')}
        </button>
        <button type="button" className="button secondary" aria-expanded={open === 'refuse'} onClick={() => setOpen(open === 'refuse' ? null : 'refuse')}>
          {t('seller.returns.refuse')}
        </button>
      </div>
      {open === 'accept' && (
        <form className="panel" onSubmit={(e) => void submit('accept')(e)} noValidate>
          <p>{t('seller.returns.acceptText', { amount: formatVnd(ret.amount) })}</p>
          <label className="checkbox">
            <input type="checkbox" name="goodsReturned" defaultChecked />
            {t('seller.returns.goodsReturned')}
          </label>
          <Field label={t('seller.returns.note')} name="reason" maxLength={2000} error={fields.reason} />
          <button type="submit" className="button wide" disabled={busy}>
            {t('seller.returns.confirmAccept')}
          </button>
        </form>
      )}
      {open === 'refuse' && (
        <form className="panel" onSubmit={(e) => void submit('refuse')(e)} noValidate>
          <Field label={t('seller.returns.refuseReason')} name="reason" required maxLength={2000} hint={t('seller.returns.refuseHint')} error={fields.reason} />
          <button type="submit" className="button wide danger" disabled={busy}>
            {t('seller.returns.confirmRefuse')}
          </button>
        </form>
      )}
      <FormError error={error} />
    </section>
  );
}
