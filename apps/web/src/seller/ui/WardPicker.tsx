import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { foldAccents } from '../../format';
import { useApi } from '../../hooks';

/**
 * The ward (xã, phường) since the July 2025 reform, with the former district beside each name:
 * people still say "Phù Cát" or "An Nhơn", so that is what they can filter by.
 */
export function WardPicker({
  name,
  label,
  value,
  onChange,
  error,
}: {
  name: string;
  label: string;
  value: string;
  onChange(code: string): void;
  error?: string;
}) {
  const { t } = useTranslation();
  const wards = useApi(() => api.GET('/api/v1/catalog/wards'), []);
  const districts = useApi(() => api.GET('/api/v1/catalog/former-districts'), []);
  const [district, setDistrict] = useState('');
  const [typed, setTyped] = useState('');
  const districtName = useMemo(() => new Map((districts.data?.items ?? []).map((d) => [d.code, `${d.type} ${d.name}`])), [districts.data]);
  const shown = useMemo(() => {
    const wanted = foldAccents(typed.trim());
    return (wards.data?.items ?? []).filter(
      (w) => (!district || w.formerDistrictCodes.includes(district)) && (!wanted || foldAccents(`${w.type} ${w.name}`).includes(wanted) || w.code === value),
    );
  }, [wards.data, district, typed, value]);
  const id = `field-${name}`;
  const formerOf = (codes: string[]) =>
    codes
      .map((c) => districtName.get(c))
      .filter(Boolean)
      .join(', ');
  return (
    <div className="field ward-picker">
      <label htmlFor={`${id}-district`}>{t('seller.ward.formerDistrict')}</label>
      <select id={`${id}-district`} value={district} onChange={(e) => setDistrict(e.target.value)}>
        <option value="">{t('seller.ward.anyDistrict')}</option>
        {(districts.data?.items ?? []).map((d) => (
          <option key={d.code} value={d.code}>
            {d.type} {d.name}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-filter`}>{t('seller.ward.filter')}</label>
      <input id={`${id}-filter`} type="search" value={typed} placeholder={t('checkout.wardFilter')} onChange={(e) => setTyped(e.target.value)} />
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        name={name}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        <option value="">{wards.data ? t('checkout.chooseWard', { count: shown.length }) : t('common.loading')}</option>
        {shown.map((w) => {
          const former = formerOf(w.formerDistrictCodes);
          return (
            <option key={w.code} value={w.code}>
              {w.type} {w.name}
              {former ? ` — ${t('seller.ward.formerly', { places: former })}` : ''}
            </option>
          );
        })}
      </select>
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
