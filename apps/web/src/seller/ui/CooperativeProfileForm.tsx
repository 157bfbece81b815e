import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorOf, type ApiError } from '../../api/client';
import { Field, fieldErrors } from '../../ui/forms';
import type { Cooperative } from '../area';
// The API's own rule, bundled: the form answers as the person types, the API stays the judge.
import { checkHouseholdTaxCode, checkTaxCode } from '../../../../../libs/seller/src/tax-code';
import { FormError } from './states';
import { WardPicker } from './WardPicker';

type Kind = Cooperative['kind'];
const KINDS: Kind[] = ['cooperative', 'household_business', 'enterprise'];

type Profile = {
  name: string;
  taxCode: string;
  representative: string;
  phone: string;
  email: string;
  wardCode: string;
  addressLine: string;
  description: string;
};

/**
 * The cooperative's profile: creates it (POST /cooperatives, the person becomes its admin) or
 * saves changes (PATCH). The tax code is checked as it is typed; the server's answer has the last word.
 */
export function CooperativeProfileForm({ cooperative, email, onSaved }: { cooperative?: Cooperative; email?: string; onSaved(saved: Cooperative): void }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<Kind>(cooperative?.kind ?? 'cooperative');
  const [taxCode, setTaxCode] = useState(cooperative?.taxCode ?? '');
  const [wardCode, setWardCode] = useState(cooperative?.wardCode ?? '');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  // A household business may give its owner's 12-digit personal id number instead of a tax code.
  const check = !taxCode.trim() ? null : kind === 'household_business' ? checkHouseholdTaxCode(taxCode) : checkTaxCode(taxCode);
  const personalId = check?.valid === true && check.canonical.length === 12;
  const fields = fieldErrors(error);
  const readOnly = cooperative && cooperative.myRole !== 'coop_admin';

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (key: string) => String(form.get(key) ?? '').trim();
    const profile: Profile = {
      name: text('name'),
      taxCode: text('taxCode'),
      representative: text('representative'),
      phone: text('phone'),
      email: text('email'),
      wardCode,
      addressLine: text('addressLine'),
      description: text('description'),
    };
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      const { description, ...required } = profile;
      const answer = cooperative
        ? await api.PATCH('/api/v1/cooperatives/{id}', { params: { path: { id: cooperative.id } }, body: profile })
        : await api.POST('/api/v1/cooperatives', { body: { kind, ...required, ...(description ? { description } : {}) } });
      if (!answer.data) return setError(errorOf(answer.error, t('errors.network')));
      setSaved(true);
      onSaved(answer.data);
    } catch {
      setError(errorOf(null, t('errors.network')));
    } finally {
      setBusy(false);
    }
  };

  const taxHint = personalId
    ? t('seller.profile.personalIdValid')
    : !check
      ? t('seller.profile.taxCodeHint', { context: kind })
      : check.valid
        ? t('seller.profile.taxCodeValid')
        : t(`seller.profile.taxCode_${check.reason}`, { context: kind });
  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="profile-form">
      {!cooperative && (
        <fieldset className="kind-choice">
          <legend>{t('seller.kind.legend')}</legend>
          {KINDS.map((k) => (
            <label key={k} className={`payment-option${k === kind ? ' selected' : ''}`}>
              <input type="radio" name="kind" value={k} checked={k === kind} onChange={() => setKind(k)} />
              <span>
                <strong>{t(`seller.kind.${k}`)}</strong>
                <span className="muted small block">{t(`seller.kind.${k}Hint`)}</span>
              </span>
            </label>
          ))}
          {fields.kind && <p className="field-error">{fields.kind}</p>}
        </fieldset>
      )}
      <fieldset disabled={readOnly}>
        <legend>{t('seller.profile.legend', { context: kind })}</legend>
        <Field
          label={t('seller.profile.name', { context: kind })}
          name="name"
          defaultValue={cooperative?.name}
          required
          maxLength={200}
          error={fields.name}
          hint={t('seller.profile.nameHint')}
        />
        <div className="field">
          <label htmlFor="field-taxCode">{t('seller.profile.taxCode')}</label>
          <input
            id="field-taxCode"
            name="taxCode"
            inputMode="numeric"
            autoComplete="off"
            value={taxCode}
            onChange={(e) => setTaxCode(e.target.value)}
            aria-invalid={fields.taxCode || (check && !check.valid && taxCode.replace(/\D/g, '').length >= 10) ? true : undefined}
            aria-describedby="field-taxCode-check"
          />
          <p id="field-taxCode-check" className={check?.valid ? 'hint ok' : check ? 'hint warn' : 'hint'} aria-live="polite">
            {taxHint}
          </p>
          {fields.taxCode && <p className="field-error">{fields.taxCode}</p>}
        </div>
        <Field
          label={t('seller.profile.representative')}
          name="representative"
          defaultValue={cooperative?.representative}
          autoComplete="name"
          required
          error={fields.representative}
        />
        <Field
          label={t('seller.profile.phone')}
          name="phone"
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          defaultValue={cooperative?.phone}
          required
          error={fields.phone}
        />
        <Field
          label={t('seller.profile.email')}
          name="email"
          type="email"
          autoComplete="email"
          defaultValue={cooperative?.email ?? email}
          required
          error={fields.email}
        />
      </fieldset>
      <fieldset disabled={readOnly}>
        <legend>{t('seller.profile.address')}</legend>
        <WardPicker name="wardCode" label={t('seller.profile.ward')} value={wardCode} onChange={setWardCode} error={fields.wardCode} />
        <Field
          label={t('checkout.addressLine')}
          name="addressLine"
          defaultValue={cooperative?.addressLine}
          required
          maxLength={300}
          hint={t('seller.profile.addressHint')}
          error={fields.addressLine}
        />
      </fieldset>
      <fieldset disabled={readOnly}>
        <legend>{t('seller.profile.about')}</legend>
        <div className="field">
          <label htmlFor="field-description">{t('seller.profile.description')}</label>
          <textarea
            id="field-description"
            name="description"
            rows={4}
            maxLength={5000}
            defaultValue={cooperative?.description ?? ''}
            aria-describedby="field-description-hint"
            aria-invalid={fields.description ? true : undefined}
          />
          <p id="field-description-hint" className="hint">
            {t('seller.profile.descriptionHint')}
          </p>
          {fields.description && <p className="field-error">{fields.description}</p>}
        </div>
      </fieldset>
      <FormError error={error} />
      {saved && !error && cooperative && (
        <p className="success" role="status">
          {t('seller.profile.saved')}
        </p>
      )}
      {!readOnly && (
        <button type="submit" className="button wide" disabled={busy}>
          {cooperative ? t('seller.profile.save') : t('seller.profile.create', { context: kind })}
        </button>
      )}
    </form>
  );
}
