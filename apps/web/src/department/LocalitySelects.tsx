import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { useApi } from '../hooks';

export interface Locality {
  formerDistrictCode?: string;
  wardCode?: string;
}

/** A former district, then a ward within it (all of the former Bình Định area without one). */
export function LocalitySelects({ value, onChange, errors }: { value: Locality; onChange: (next: Locality) => void; errors: Record<string, string> }) {
  const { t } = useTranslation(undefined, { keyPrefix: 'department.filters' });
  const district = value.formerDistrictCode ?? '';
  const districts = useApi(() => api.GET('/api/v1/catalog/former-districts'), []);
  const wards = useApi(
    () => api.GET('/api/v1/catalog/wards', { params: { query: district ? { formerDistrictCode: district } : { formerProvince: 'Bình Định' } } }),
    [district],
  );
  return (
    <>
      <label>
        {t('formerDistrict')}
        <select
          value={district}
          onChange={(e) => onChange({ formerDistrictCode: e.target.value || undefined })}
          aria-invalid={errors.formerDistrictCode ? true : undefined}
        >
          <option value="">{t('wholeProvince')}</option>
          {districts.data?.items.map((d) => (
            <option key={d.code} value={d.code}>
              {d.name}
            </option>
          ))}
        </select>
        {errors.formerDistrictCode && <span className="field-error">{errors.formerDistrictCode}</span>}
      </label>
      <label>
        {t('ward')}
        <select
          value={value.wardCode ?? ''}
          onChange={(e) => onChange({ formerDistrictCode: value.formerDistrictCode, wardCode: e.target.value || undefined })}
          aria-invalid={errors.wardCode ? true : undefined}
        >
          <option value="">{t('allWards')}</option>
          {wards.data?.items.map((w) => (
            <option key={w.code} value={w.code}>
              {w.name}
            </option>
          ))}
        </select>
        {errors.wardCode && <span className="field-error">{errors.wardCode}</span>}
      </label>
    </>
  );
}
