import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorOf, type ApiError } from '../../api/client';
import { formatDateTime, formatVnd } from '../../format';
import { useDocumentTitle, usePaged } from '../../hooks';
import { ErrorState } from '../../ui/bits';
import { fieldErrors } from '../../ui/forms';
import { CursorList } from '../CursorList';
import { shortId, type Return } from './money';

/** Refusals the buyer escalated: the whole story, then the Department's final word. */
export function ReturnsPage() {
  const { t, i18n } = useTranslation(undefined, { keyPrefix: 'department.money.returns' });
  useDocumentTitle(t('title'));
  const list = usePaged(
    (cursor) => api.GET('/api/v1/admin/returns', { params: { query: { status: 'escalated', limit: 20, ...(cursor ? { cursor } : {}) } } }),
    [],
  );
  const [done, setDone] = useState<string | null>(null);
  const lang = i18n.language;

  return (
    <section>
      <h1>{t('title')}</h1>
      <p className="muted">{t('lead')}</p>
      {done && (
        <p className="success" role="status">
          {done}
        </p>
      )}
      <CursorList list={list} more={i18n.t('department.money.more')}>
        {(returns) =>
          returns.length === 0 ? (
            <p className="empty">{t('none')}</p>
          ) : (
            <ul className="money-cards">
              {returns.map((request) => (
                <li key={request.id} className="money-card">
                  <div className="money-card-head">
                    <span>{i18n.t('department.money.order', { id: shortId(request.orderId) })}</span>
                    <strong className="money-amount">{formatVnd(request.amount)}</strong>
                  </div>
                  <ul className="small">
                    {request.lines.map((line) => (
                      <li key={line.variantId}>
                        {line.quantity} × {line.productName} ({line.variantName}) · {formatVnd(line.lineTotal)}
                      </li>
                    ))}
                  </ul>
                  <dl className="facts small">
                    <dt>{t('buyerReason')}</dt>
                    <dd>{request.reason}</dd>
                    <dt>{t('refusal')}</dt>
                    <dd>{request.decisionReason ?? '—'}</dd>
                    <dt>{t('note')}</dt>
                    <dd>
                      {request.escalationNote ?? '—'}
                      {request.escalatedAt && <span className="muted"> · {formatDateTime(request.escalatedAt, lang)}</span>}
                    </dd>
                  </dl>
                  <Decide
                    request={request}
                    onDone={() => {
                      setDone(t('decided'));
                      list.reload();
                    }}
                  />
                </li>
              ))}
            </ul>
          )
        }
      </CursorList>
    </section>
  );
}

function Decide({ request, onDone }: { request: Return; onDone: () => void }) {
  const { t } = useTranslation(undefined, { keyPrefix: 'department.money.returns' });
  const { t: tr } = useTranslation();
  const [decision, setDecision] = useState<'accept' | 'refuse'>('refuse');
  const [goodsReturned, setGoodsReturned] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const name = `decision-${request.id}`;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { error: failure } = await api.POST('/api/v1/admin/returns/{id}/decide', {
        params: { path: { id: request.id } },
        body: { decision, reason: reason.trim(), ...(decision === 'accept' ? { goodsReturned } : {}) },
      });
      if (failure) return setError(errorOf(failure, tr('errors.network')));
      onDone();
    } catch {
      setError(errorOf(null, tr('errors.network')));
    } finally {
      setBusy(false);
    }
  };
  const errors = fieldErrors(error);
  return (
    <form className="dept-form" onSubmit={(e) => void submit(e)} noValidate>
      <fieldset className="money-choice">
        <legend>{t('decision')}</legend>
        {(['accept', 'refuse'] as const).map((value) => (
          <label key={value}>
            <input type="radio" name={name} value={value} checked={decision === value} onChange={() => setDecision(value)} /> {t(value)}
          </label>
        ))}
        {decision === 'accept' && (
          <label>
            <input type="checkbox" checked={goodsReturned} onChange={(e) => setGoodsReturned(e.target.checked)} /> {t('goodsReturned')}
          </label>
        )}
      </fieldset>
      <label htmlFor={`${name}-reason`}>{t('reason')}</label>
      <textarea
        id={`${name}-reason`}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        maxLength={2000}
        aria-invalid={errors.reason ? true : undefined}
        aria-describedby={errors.reason ? `${name}-reason-error` : undefined}
      />
      {errors.reason && (
        <p id={`${name}-reason-error`} className="field-error">
          {errors.reason}
        </p>
      )}
      {error && !errors.reason && <ErrorState error={error} />}
      <p>
        <button type="submit" className="button" disabled={busy}>
          {t('submit')}
        </button>
      </p>
    </form>
  );
}
