import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorOf, type ApiError, type Schemas } from '../../api/client';
import { formatDateTime, formatVnd } from '../../format';
import { useApi, useDebounced, useDocumentTitle, usePaged } from '../../hooks';
import { ErrorState, Loading, PageState } from '../../ui/bits';
import { Field, fieldErrors } from '../../ui/forms';
import { CursorList } from '../CursorList';

type Cooperative = Schemas['CooperativeSummaryDto'];
type PayoutQr = Schemas['PayoutQrDto'];

/** Approved cooperatives on one side; the chosen one's balance, account, VietQR and the payout record on the other. */
export function PayoutsPage() {
  const { t, i18n } = useTranslation(undefined, { keyPrefix: 'department.money.payouts' });
  useDocumentTitle(t('title'));
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 300);
  const list = usePaged(
    (cursor) =>
      api.GET('/api/v1/admin/cooperatives', { params: { query: { status: 'approved', limit: 20, ...(q ? { q } : {}), ...(cursor ? { cursor } : {}) } } }),
    [q],
  );
  // Kept apart from the list: a new search reloads the list without closing the open cooperative.
  const [chosen, setChosen] = useState<Cooperative | null>(null);

  return (
    <section>
      <h1>{t('title')}</h1>
      <p className="muted">{t('lead')}</p>
      <div className="ocop-layout">
        <section aria-labelledby="payout-coops">
          <h2 id="payout-coops">{t('cooperatives')}</h2>
          <label className="money-search">
            {t('search')}
            <input type="search" value={text} onChange={(e) => setText(e.target.value)} />
          </label>
          <CursorList list={list} more={i18n.t('department.money.more')}>
            {(coops) =>
              coops.length === 0 ? (
                <p className="empty">{t('none')}</p>
              ) : (
                <ul className="claims">
                  {coops.map((coop) => (
                    <li key={coop.id} className="claim" aria-current={coop.id === chosen?.id ? 'true' : undefined}>
                      <button type="button" className="claim-select" onClick={() => setChosen(coop)}>
                        <strong>{coop.name}</strong>
                        <span className="muted small">{coop.wardName}</span>
                      </button>
                    </li>
                  ))}
                </ul>
              )
            }
          </CursorList>
        </section>
        <div className="ocop-viewer">
          {chosen ? <CooperativePayout key={chosen.id} cooperative={chosen} /> : <p className="dept-panel muted">{t('choose')}</p>}
        </div>
      </div>
    </section>
  );
}

function CooperativePayout({ cooperative }: { cooperative: Cooperative }) {
  const { t, i18n } = useTranslation(undefined, { keyPrefix: 'department.money.payouts' });
  const { t: tr } = useTranslation();
  const path = { id: cooperative.id };
  const ledger = useApi(() => api.GET('/api/v1/cooperatives/{id}/payouts', { params: { path, query: { limit: 10 } } }), [cooperative.id]);
  const account = useApi(() => api.GET('/api/v1/cooperatives/{id}/payout-account', { params: { path } }), [cooperative.id]);
  const [amount, setAmount] = useState('');
  const [reference, setReference] = useState('');
  const [qr, setQr] = useState<PayoutQr | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const lang = i18n.language;
  // On a phone the panel is below the list: bring it into sight (braces: Chromium's scrollIntoView returns a promise).
  const panel = useRef<HTMLElement>(null);
  useEffect(() => {
    panel.current?.scrollIntoView({ block: 'nearest' });
  }, []);
  const typed = amount.trim() === '' ? undefined : Number(amount.replace(/\D/g, ''));

  const call = async <T,>(request: () => Promise<{ data?: T; error?: unknown }>): Promise<T | null> => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const { data, error: failure } = await request();
      if (failure || !data) {
        setError(errorOf(failure, tr('errors.network')));
        return null;
      }
      return data;
    } catch {
      setError(errorOf(null, tr('errors.network')));
      return null;
    } finally {
      setBusy(false);
    }
  };
  const showQr = async () => {
    const code = await call(() =>
      api.GET('/api/v1/admin/cooperatives/{id}/payout-qr', { params: { path, query: typed === undefined ? {} : { amount: typed } } }),
    );
    if (!code) return;
    setQr(code);
    setAmount(String(code.amount));
  };
  const record = async (event: FormEvent) => {
    event.preventDefault();
    const paid = typed ?? qr?.amount ?? 0;
    const answer = await call(() =>
      api.POST('/api/v1/admin/cooperatives/{id}/payouts', { params: { path }, body: { amount: paid, reference: reference.trim() } }),
    );
    if (!answer) return;
    setDone(t('recorded', { amount: formatVnd(paid), name: cooperative.name }));
    setQr(null);
    setAmount('');
    setReference('');
    ledger.reload();
  };
  const errors = fieldErrors(error, { amount: t('amount'), reference: t('reference') });
  const otherError = error && !errors.amount && !errors.reference ? error : null;

  return (
    <section className="dept-panel" aria-labelledby="payout-title" ref={panel}>
      <h2 id="payout-title">{cooperative.name}</h2>
      <PageState state={ledger}>
        {(book) => (
          <dl className="facts">
            <dt>{t('balance')}</dt>
            <dd>{formatVnd(book.balance)}</dd>
            <dt>{t('available')}</dt>
            <dd>
              <strong>{formatVnd(book.available)}</strong> <span className="muted small">{t('availableHint')}</span>
            </dd>
          </dl>
        )}
      </PageState>
      <h3>{t('account')}</h3>
      {account.data === undefined ? (
        account.error ? (
          <ErrorState error={account.error} retry={account.reload} />
        ) : (
          <Loading />
        )
      ) : account.data.account ? (
        <p>
          {account.data.account.bank.shortName} · {account.data.account.accountNumber} · {account.data.account.accountName}
        </p>
      ) : (
        <p className="notice">{t('noAccount')}</p>
      )}
      {done && (
        <p className="success" role="status">
          {done}
        </p>
      )}
      <form className="dept-form" onSubmit={(e) => void record(e)} noValidate>
        <Field label={t('amount')} name="amount" inputMode="numeric" value={amount} onChange={(e) => setAmount(e.target.value)} error={errors.amount} />
        <p>
          <button type="button" className="button secondary" disabled={busy} onClick={() => void showQr()}>
            {t('showQr')}
          </button>
        </p>
        {qr && (
          <figure className="payout-qr">
            <img src={qr.imageDataUrl} alt={t('qrAlt', { amount: formatVnd(qr.amount), name: cooperative.name })} width={240} height={240} />
            <figcaption>
              <strong>{formatVnd(qr.amount)}</strong>
              <br />
              {qr.bankName} · {qr.accountNumber} · {qr.accountName}
              <br />
              {t('purpose')}: <code>{qr.purpose}</code>
            </figcaption>
          </figure>
        )}
        <Field
          label={t('reference')}
          name="reference"
          value={reference}
          onChange={(e) => setReference(e.target.value)}
          maxLength={200}
          error={errors.reference}
        />
        {otherError && <ErrorState error={otherError} />}
        <p>
          <button type="submit" className="button" disabled={busy}>
            {t('record')}
          </button>
        </p>
      </form>
      <h3>{t('ledger')}</h3>
      {ledger.data &&
        (ledger.data.items.length === 0 ? (
          <p className="empty">{t('noLedger')}</p>
        ) : (
          <ul className="ledger small">
            {ledger.data.items.map((entry) => (
              <li key={entry.id}>
                <span>
                  {t(`kinds.${entry.kind}`)} · {formatDateTime(entry.at, lang)}
                  {entry.reference ? ` · ${entry.reference}` : ''}
                </span>
                <strong className={entry.amount < 0 ? 'negative' : undefined}>{formatVnd(entry.amount)}</strong>
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}
