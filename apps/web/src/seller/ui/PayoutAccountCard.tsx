import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorOf, type ApiError, type Schemas } from '../../api/client';
import { foldAccents } from '../../format';
import { useApi } from '../../hooks';
import { ErrorState, Loading } from '../../ui/bits';
import { Field, fieldErrors } from '../../ui/forms';
import { useSeller } from '../area';
import { FormError } from './states';

type Account = Schemas['PayoutAccountDto'];

/**
 * The bank account the cooperative's money is paid into. Admins give or change it; members see it.
 * The API checks the bank's BIN, the number and the holder's name, and spells the name as banks do.
 */
export function PayoutAccountCard() {
  const { t } = useTranslation();
  const { cooperative, isAdmin } = useSeller();
  const current = useApi(() => api.GET('/api/v1/cooperatives/{id}/payout-account', { params: { path: { id: cooperative.id } } }), [cooperative.id]);
  const [editing, setEditing] = useState(false);
  const account = current.data?.account ?? null;
  return (
    <section className="panel payout-account" id="payout-account" aria-labelledby="payout-account-title">
      <h2 id="payout-account-title">{t('seller.payoutAccount.title')}</h2>
      {current.error && <ErrorState error={current.error} retry={current.reload} />}
      {!current.data && !current.error && <Loading />}
      {current.data && !editing && (
        <>
          {account ? <AccountFacts account={account} /> : <p className="notice">{t('seller.payoutAccount.missing')}</p>}
          {isAdmin ? (
            <button type="button" className={account ? 'button secondary' : 'button'} onClick={() => setEditing(true)}>
              {account ? t('seller.payoutAccount.change') : t('seller.payoutAccount.add')}
            </button>
          ) : (
            <p className="hint">{t('seller.payoutAccount.adminsOnly')}</p>
          )}
        </>
      )}
      {current.data && editing && (
        <PayoutAccountForm
          account={account}
          onCancel={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            current.reload();
          }}
        />
      )}
    </section>
  );
}

function AccountFacts({ account }: { account: Account }) {
  const { t } = useTranslation();
  return (
    <dl className="facts" data-testid="payout-account">
      <dt>{t('seller.payoutAccount.bank')}</dt>
      <dd>
        {account.bank.shortName} <span className="muted small">({account.bank.name})</span>
      </dd>
      <dt>{t('seller.payoutAccount.accountNumber')}</dt>
      <dd>{account.accountNumber}</dd>
      <dt>{t('seller.payoutAccount.accountName')}</dt>
      <dd>{account.accountName}</dd>
    </dl>
  );
}

function PayoutAccountForm({ account, onSaved, onCancel }: { account: Account | null; onSaved(): void; onCancel(): void }) {
  const { t } = useTranslation();
  const { cooperative } = useSeller();
  const banks = useApi(() => api.GET('/api/v1/banks'), []);
  const [bankFilter, setBankFilter] = useState('');
  const [bankBin, setBankBin] = useState(account?.bankBin ?? '');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const fields = fieldErrors(error, {
    bankBin: t('seller.payoutAccount.bank'),
    accountNumber: t('seller.payoutAccount.accountNumber'),
    accountName: t('seller.payoutAccount.accountName'),
  });

  const shownBanks = useMemo(() => {
    const wanted = foldAccents(bankFilter.trim());
    const all = banks.data ?? [];
    // The chosen bank stays in the list whatever is typed, so the select never shows a stale value.
    return all.filter((b) => b.bin === bankBin || !wanted || foldAccents(`${b.shortName} ${b.code} ${b.name}`).includes(wanted));
  }, [banks.data, bankFilter, bankBin]);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    setBusy(true);
    setError(null);
    try {
      const answer = await api.PUT('/api/v1/cooperatives/{id}/payout-account', {
        params: { path: { id: cooperative.id } },
        body: { bankBin, accountNumber: text('accountNumber'), accountName: text('accountName') },
      });
      if (!answer.data) return setError(errorOf(answer.error, t('errors.network')));
      onSaved();
    } catch {
      setError(errorOf(null, t('errors.network')));
    } finally {
      setBusy(false);
    }
  };

  if (banks.error) return <ErrorState error={banks.error} retry={banks.reload} />;
  if (!banks.data) return <Loading />;
  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="payout-account-form">
      <div className="field">
        <label htmlFor="bank-filter">{t('seller.payoutAccount.findBank')}</label>
        <input
          id="bank-filter"
          type="search"
          value={bankFilter}
          onChange={(e) => setBankFilter(e.target.value)}
          placeholder={t('seller.payoutAccount.findBankHint')}
          autoComplete="off"
        />
      </div>
      <div className="field">
        <label htmlFor="field-bankBin">{t('seller.payoutAccount.bank')}</label>
        <select
          id="field-bankBin"
          name="bankBin"
          value={bankBin}
          onChange={(e) => setBankBin(e.target.value)}
          required
          aria-invalid={fields.bankBin ? true : undefined}
          aria-describedby={fields.bankBin ? 'field-bankBin-error' : undefined}
        >
          <option value="">{t('seller.payoutAccount.chooseBank', { count: shownBanks.length })}</option>
          {shownBanks.map((b) => (
            <option key={b.bin} value={b.bin}>
              {b.shortName} — {b.name}
            </option>
          ))}
        </select>
        {fields.bankBin && (
          <p id="field-bankBin-error" className="field-error">
            {fields.bankBin}
          </p>
        )}
      </div>
      <Field
        label={t('seller.payoutAccount.accountNumber')}
        name="accountNumber"
        inputMode="numeric"
        autoComplete="off"
        defaultValue={account?.accountNumber}
        required
        hint={t('seller.payoutAccount.accountNumberHint')}
        error={fields.accountNumber}
      />
      <Field
        label={t('seller.payoutAccount.accountName')}
        name="accountName"
        autoComplete="off"
        autoCapitalize="characters"
        defaultValue={account?.accountName ?? cooperative.name}
        required
        maxLength={70}
        hint={t('seller.payoutAccount.accountNameHint')}
        error={fields.accountName}
      />
      <FormError error={error} />
      <div className="action-buttons">
        <button type="submit" className="button" disabled={busy}>
          {t('seller.common.save')}
        </button>
        <button type="button" className="button secondary" onClick={onCancel}>
          {t('seller.common.cancel')}
        </button>
      </div>
    </form>
  );
}
