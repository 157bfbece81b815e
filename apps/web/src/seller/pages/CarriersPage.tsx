import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorOf, type ApiError, type Schemas } from '../../api/client';
import { useApi, useDocumentTitle } from '../../hooks';
import { PageState } from '../../ui/bits';
import { CopyButton } from '../../ui/CopyButton';
import { fieldErrors } from '../../ui/forms';
import { useSeller } from '../area';
import { FormError } from '../ui/states';
import { WardPicker } from '../ui/WardPicker';

type Account = Schemas['CarrierAccountDto'];

/** The cooperative's carrier (GHN, GHTK): its account, where parcels are picked up, and the address for status updates. */
export function CarriersPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('seller.carriers.title'));
  const { cooperative, isAdmin } = useSeller();
  const carriers = useApi(() => api.GET('/api/v1/delivery/carriers'), []);
  const accounts = useApi(() => api.GET('/api/v1/cooperatives/{id}/carriers', { params: { path: { id: cooperative.id } } }), [cooperative.id]);
  return (
    <section className="wide-page">
      <h1>{t('seller.carriers.title')}</h1>
      <p>{t('seller.carriers.lead')}</p>
      <PageState state={accounts}>
        {(list) =>
          list.length === 0 ? (
            <p className="empty">{t('seller.carriers.none')}</p>
          ) : (
            <ul className="channel-cards">
              {list.map((a) => (
                <AccountCard key={a.id} account={a} />
              ))}
            </ul>
          )
        }
      </PageState>
      {isAdmin && carriers.data && <CarrierForm carriers={carriers.data} saved={accounts.data ?? []} onSaved={accounts.reload} />}
    </section>
  );
}

function AccountCard({ account }: { account: Account }) {
  const { t } = useTranslation();
  return (
    <li className="panel channel-card" aria-label={account.name}>
      <h2>
        {account.name} {account.chosen && <span className="status status-active">{t('seller.carriers.chosen')}</span>}
      </h2>
      <p className="small">{t('seller.carriers.pickup', { address: account.pickupAddressLine, ward: account.pickupWardName })}</p>
      <p className="small muted">{t('seller.carriers.token', { hint: account.tokenHint })}</p>
      {account.webhookUrl && (
        <div className="small">
          <p>{t('seller.carriers.webhook', { name: account.name })}</p>
          <code className="block carrier-webhook">{account.webhookUrl}</code>
          <CopyButton value={account.webhookUrl} label={t('seller.carriers.webhookCopy')} />
        </div>
      )}
    </li>
  );
}

function CarrierForm({ carriers, saved, onSaved }: { carriers: Array<Schemas['CarrierInfoDto']>; saved: Account[]; onSaved(): void }) {
  const { t } = useTranslation();
  const { cooperative } = useSeller();
  const [carrier, setCarrier] = useState(carriers[0]?.carrier ?? 'ghn');
  const current = saved.find((a) => a.carrier === carrier);
  const [ward, setWard] = useState(current?.pickupWardCode ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const labels = {
    token: t('seller.carriers.fields.token'),
    shopId: t('seller.carriers.fields.shopId'),
    pickupWardCode: t('seller.carriers.fields.pickupWard'),
    pickupAddressLine: t('seller.carriers.fields.pickupAddressLine'),
  };
  const fields = fieldErrors(error, labels);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    setBusy(true);
    setError(null);
    const { data, error: failure } = await api
      .PUT('/api/v1/cooperatives/{id}/carriers/{carrier}', {
        params: { path: { id: cooperative.id, carrier } },
        body: {
          token: text('token'),
          ...(carrier === 'ghn' ? { shopId: text('shopId') } : {}),
          pickupWardCode: ward,
          pickupAddressLine: text('pickupAddressLine'),
        },
      })
      .catch(() => ({ data: undefined, error: null }));
    setBusy(false);
    if (!data) return setError(errorOf(failure, t('errors.network')));
    // The token leaves the screen once stored.
    formRef.current?.reset();
    onSaved();
  };

  const input = (name: keyof typeof labels, extra: { secret?: boolean; numeric?: boolean; defaultValue?: string } = {}) => (
    <div className="field">
      <label htmlFor={`carrier-${name}`}>{labels[name]}</label>
      <input
        id={`carrier-${name}`}
        name={name}
        type={extra.secret ? 'password' : 'text'}
        autoComplete="off"
        inputMode={extra.numeric ? 'numeric' : undefined}
        defaultValue={extra.defaultValue}
        aria-invalid={fields[name] ? true : undefined}
      />
      {fields[name] && <p className="field-error">{fields[name]}</p>}
    </div>
  );

  return (
    <form ref={formRef} onSubmit={(e) => void submit(e)} noValidate className="panel shop-form">
      <h2>{t('seller.carriers.formTitle')}</h2>
      <div className="field">
        <label htmlFor="carrier-carrier">{t('seller.carriers.fields.carrier')}</label>
        <select id="carrier-carrier" value={carrier} onChange={(e) => setCarrier(e.target.value as typeof carrier)}>
          {carriers.map((c) => (
            <option key={c.carrier} value={c.carrier}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      <p className="hint">{t('seller.carriers.tokenHint', { name: carriers.find((c) => c.carrier === carrier)?.name ?? carrier })}</p>
      {input('token', { secret: true })}
      {carrier === 'ghn' && input('shopId', { numeric: true, defaultValue: current?.shopId ?? '' })}
      <WardPicker name="pickupWardCode" label={labels.pickupWardCode} value={ward} onChange={setWard} error={fields.pickupWardCode} />
      {input('pickupAddressLine', { defaultValue: current?.pickupAddressLine ?? '' })}
      <FormError error={error} />
      <button type="submit" className="button wide" disabled={busy}>
        {t('seller.carriers.save')}
      </button>
    </form>
  );
}
