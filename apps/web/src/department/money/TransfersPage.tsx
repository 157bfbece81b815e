import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorOf, type ApiError } from '../../api/client';
import { formatDateTime, formatVnd } from '../../format';
import { useDocumentTitle, usePaged } from '../../hooks';
import { ErrorState } from '../../ui/bits';
import { Field, fieldErrors } from '../../ui/forms';
import { CursorList } from '../CursorList';
import { ConfirmDialog } from './ConfirmDialog';
import { ageOf, type AwaitingTransfer } from './money';

/** VietQR checkouts whose money the collector has not seen yet; "money received" pays all their orders. */
export function TransfersPage() {
  const { t, i18n } = useTranslation(undefined, { keyPrefix: 'department.money.transfers' });
  useDocumentTitle(t('title'));
  const list = usePaged(
    (cursor) => api.GET('/api/v1/admin/checkouts', { params: { query: { status: 'awaiting_transfer', limit: 20, ...(cursor ? { cursor } : {}) } } }),
    [],
  );
  const [confirming, setConfirming] = useState<AwaitingTransfer | null>(null);
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
        {(items) =>
          items.length === 0 ? (
            <p className="empty">{t('none')}</p>
          ) : (
            <ul className="money-cards">
              {items.map((transfer) => (
                <li key={transfer.id} className="money-card">
                  <div className="money-card-head">
                    <strong className="money-reference">{transfer.reference}</strong>
                    <strong className="money-amount">{formatVnd(transfer.amountDue)}</strong>
                  </div>
                  <p className="small">
                    {t('buyer')}: {transfer.buyer.fullName} · {transfer.buyer.email}
                    {transfer.buyer.phone ? ` · ${transfer.buyer.phone}` : ''}
                  </p>
                  <ul className="money-coops small">
                    {transfer.cooperatives.map((coop) => (
                      <li key={coop.id}>
                        {coop.name}: {formatVnd(coop.total)}
                      </li>
                    ))}
                  </ul>
                  <p className="small muted">
                    <span title={formatDateTime(transfer.createdAt, lang)}>
                      {t('age')} {ageOf(transfer.createdAt, lang) ?? t('justNow')}
                    </span>
                    {transfer.dueAt && <> · {t('dueAt', { at: formatDateTime(transfer.dueAt, lang) })}</>}
                  </p>
                  <p>
                    <button type="button" className="button" onClick={() => setConfirming(transfer)}>
                      {t('received')}
                    </button>
                  </p>
                </li>
              ))}
            </ul>
          )
        }
      </CursorList>
      {confirming && (
        <ConfirmTransfer
          transfer={confirming}
          onClose={() => setConfirming(null)}
          onDone={(message) => {
            setConfirming(null);
            setDone(message);
            list.reload();
          }}
        />
      )}
    </section>
  );
}

function ConfirmTransfer({ transfer, onClose, onDone }: { transfer: AwaitingTransfer; onClose: () => void; onDone: (message: string) => void }) {
  const { t } = useTranslation(undefined, { keyPrefix: 'department.money.transfers' });
  const { t: tr } = useTranslation();
  const [reference, setReference] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      const { data, error: failure } = await api.POST('/api/v1/admin/checkouts/{id}/payment-received', {
        params: { path: { id: transfer.id } },
        body: reference.trim() ? { reference: reference.trim() } : {},
      });
      if (failure || !data) return setError(errorOf(failure, tr('errors.network')));
      onDone(t('done', { reference: transfer.reference, count: data.orders.filter((o) => o.status === 'paid').length }));
    } catch {
      setError(errorOf(null, tr('errors.network')));
    } finally {
      setBusy(false);
    }
  };
  const referenceError = fieldErrors(error, { reference: t('bankReference') }).reference;
  return (
    <ConfirmDialog
      title={t('confirmTitle', { amount: formatVnd(transfer.amountDue) })}
      confirmLabel={t('confirm')}
      busy={busy}
      onConfirm={() => void confirm()}
      onCancel={onClose}
    >
      <p>{t('confirmText', { reference: transfer.reference, count: transfer.cooperatives.length })}</p>
      <Field
        label={t('bankReference')}
        name="reference"
        value={reference}
        onChange={(e) => setReference(e.target.value)}
        maxLength={200}
        error={referenceError}
      />
      {error && !referenceError && <ErrorState error={error} />}
    </ConfirmDialog>
  );
}
