import { api } from '../api/client';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { formatDate, formatVnd } from '../format';
import { useApi, useDocumentTitle } from '../hooks';
import { ErrorState, Loading } from '../ui/bits';
import { fieldErrors } from '../ui/forms';
import { MOIT_FIGURES } from './api';
import { formatCount } from './numbers';
import { todayInVietnam } from './period';

/**
 * The figures a registered e-commerce platform reports to the Ministry of Industry and Trade, year
 * to date, each with its Vietnamese name and how it is counted; laid out to print on one page.
 */
export function MoitReportPage() {
  const { t, i18n } = useTranslation(undefined, { keyPrefix: 'department.moit' });
  useDocumentTitle(t('title'));
  const today = todayInVietnam();
  const [params, setParams] = useSearchParams();
  const year = /^\d{4}$/.test(params.get('year') ?? '') ? Number(params.get('year')) : Number(today.slice(0, 4));
  const until = params.get('until') || undefined;
  const [form, setForm] = useState({ year: String(year), until: until ?? '' });
  useEffect(() => {
    setForm({ year: String(year), until: until ?? '' });
  }, [year, until]);
  const report = useApi(() => api.GET('/api/v1/uptake/moit-report', { params: { query: { year, ...(until ? { until } : {}) } } }), [year, until]);
  const errors = fieldErrors(report.error);
  const lang = i18n.language;
  const day = (iso: string) => formatDate(`${iso}T00:00:00+07:00`, lang);

  const show = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams({ year: form.year });
    if (form.until) next.set('until', form.until);
    setParams(next);
  };

  return (
    <section className="moit-report">
      <h1>{t('title')}</h1>
      <p className="muted">{t('lead')}</p>
      <form className="moit-form" onSubmit={show} noValidate>
        <label>
          {t('year')}
          <input
            type="number"
            inputMode="numeric"
            min={2024}
            max={Number(today.slice(0, 4))}
            value={form.year}
            onChange={(e) => setForm((f) => ({ ...f, year: e.target.value }))}
            aria-invalid={errors.year ? true : undefined}
          />
          {errors.year && <span className="field-error">{errors.year}</span>}
        </label>
        <label>
          {t('until')}
          <input
            type="date"
            value={form.until}
            min={`${form.year}-01-01`}
            max={`${form.year}-12-31`}
            onChange={(e) => setForm((f) => ({ ...f, until: e.target.value }))}
            aria-invalid={errors.until ? true : undefined}
          />
          {errors.until && <span className="field-error">{errors.until}</span>}
        </label>
        <button type="submit" className="button">
          {t('show')}
        </button>
        <button type="button" className="button secondary" onClick={() => window.print()} disabled={!report.data}>
          {t('print')}
        </button>
      </form>
      {report.error && Object.keys(errors).length === 0 && <ErrorState error={report.error} retry={report.reload} />}
      {!report.error && !report.data && <Loading />}
      {report.data && (
        <>
          <p className="moit-period">
            <strong>{t('period', { from: day(report.data.from), until: day(report.data.until) })}</strong>
          </p>
          <div className="table-scroll">
            <table className="moit-table">
              <thead>
                <tr>
                  <th scope="col">{t('figure')}</th>
                  <th scope="col">{t('value')}</th>
                  <th scope="col">{t('definition')}</th>
                </tr>
              </thead>
              <tbody>
                {MOIT_FIGURES.map((figure) => {
                  const value = report.data![figure];
                  return (
                    <tr key={figure} data-figure={figure}>
                      <th scope="row">
                        {t(`figures.${figure}.label`)}
                        <span className="moit-term">{figure}</span>
                      </th>
                      <td className="numeric">{figure === 'tongGiaTriGiaoDich' ? formatVnd(value) : formatCount(value, lang)}</td>
                      <td>{t(`figures.${figure}.definition`)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
