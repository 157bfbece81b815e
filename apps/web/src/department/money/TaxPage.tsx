import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorOf, type ApiError } from '../../api/client';
import { useDocumentTitle } from '../../hooks';
import { ErrorState } from '../../ui/bits';
import { fieldErrors } from '../../ui/forms';
import { fileNameOf, saveBlob } from '../api';
import { todayInVietnam } from '../period';

/** The month's withholding workbook, the one the declaration is filed from. */
export function TaxPage() {
  const { t } = useTranslation(undefined, { keyPrefix: 'department.money.tax' });
  const { t: tr } = useTranslation();
  useDocumentTitle(t('title'));
  const [month, setMonth] = useState(todayInVietnam().slice(0, 7));
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const download = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { data, error: failure, response } = await api.GET('/api/v1/admin/tax-withholding.xlsx', { params: { query: { month } }, parseAs: 'blob' });
      if (failure || !data) return setError(errorOf(failure, tr('errors.network')));
      saveBlob(data as unknown as Blob, fileNameOf(response, `khau-tru-thue-${month}.xlsx`));
    } catch {
      setError(errorOf(null, tr('errors.network')));
    } finally {
      setBusy(false);
    }
  };
  const monthError = fieldErrors(error).month;

  return (
    <section>
      <h1>{t('title')}</h1>
      <p className="muted">{t('lead')}</p>
      <form className="moit-form" onSubmit={(e) => void download(e)} noValidate>
        <label>
          {t('month')}
          <input type="month" name="month" value={month} onChange={(e) => setMonth(e.target.value)} required aria-invalid={monthError ? true : undefined} />
        </label>
        <button type="submit" className="button" disabled={busy || !month}>
          {busy ? t('downloading') : t('download')}
        </button>
      </form>
      {monthError && <p className="field-error">{monthError}</p>}
      {error && !monthError && <ErrorState error={error} />}
    </section>
  );
}
