import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, errorOf, type ApiError } from '../api/client';
import { formatDate } from '../format';
import { ErrorState } from '../ui/bits';
import { fileNameOf, saveBlob } from './api';
import { LocalitySelects } from './LocalitySelects';
import { PERIOD_KINDS, periodAt, periodOfKind, readFilters, todayInVietnam, uptakeQuery, writeFilters, type DashboardFilters, type PeriodKind } from './period';

/** The filters as the URL has them, and a way to change them that keeps the rest of the query. */
export function useDashboardFilters(): [DashboardFilters, (next: DashboardFilters) => void] {
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  return [filters, (next) => setParams(writeFilters(next, params))];
}

const FIRST_YEAR = 2024;

/** Quarters and years back to the marketplace's first year, newest first. */
function recentUnits(kind: 'quarter' | 'year', today: string): string[] {
  const year = Number(today.slice(0, 4));
  const units: string[] = [];
  for (let y = year; y >= FIRST_YEAR; y -= 1) {
    if (kind === 'year') units.push(String(y));
    else for (let q = 4; q >= 1; q -= 1) if (y < year || (q - 1) * 3 < Number(today.slice(5, 7))) units.push(`${y}-Q${q}`);
  }
  return units;
}

interface FiltersBarProps {
  filters: DashboardFilters;
  onChange: (next: DashboardFilters) => void;
  /** The API's objections to these filters, by field (`to`, `wardCode`…), shown beside them. */
  errors: Record<string, string>;
}

export function FiltersBar({ filters, onChange, errors }: FiltersBarProps) {
  const { t, i18n } = useTranslation(undefined, { keyPrefix: 'department.filters' });
  const today = todayInVietnam();
  const { period } = filters;
  const [custom, setCustom] = useState({ from: period.from, to: period.to });
  useEffect(() => {
    setCustom({ from: period.from, to: period.to });
  }, [period.from, period.to]);

  const setKind = (kind: PeriodKind) => onChange({ ...filters, period: periodOfKind(kind, period, today) });
  const setUnit = (at: string) => {
    if (period.kind === 'custom') return;
    const next = periodAt(period.kind, at, today);
    if (next) onChange({ ...filters, period: next });
  };
  const applyCustom = (event: FormEvent) => {
    event.preventDefault();
    onChange({ ...filters, period: { kind: 'custom', at: '', from: custom.from, to: custom.to } });
  };

  return (
    <form className="dept-filters" onSubmit={applyCustom} aria-label={t('title')}>
      <fieldset className="period-kinds">
        <legend>{t('period')}</legend>
        {PERIOD_KINDS.map((kind) => (
          <button key={kind} type="button" className="segment" aria-pressed={period.kind === kind} onClick={() => setKind(kind)}>
            {t(`kind.${kind}`)}
          </button>
        ))}
      </fieldset>
      {period.kind === 'month' && (
        <label>
          {t('month')}
          <input type="month" value={period.at} max={today.slice(0, 7)} min={`${FIRST_YEAR}-01`} onChange={(e) => e.target.value && setUnit(e.target.value)} />
        </label>
      )}
      {(period.kind === 'quarter' || period.kind === 'year') && (
        <label>
          {t(period.kind)}
          <select value={period.at} onChange={(e) => setUnit(e.target.value)}>
            {recentUnits(period.kind, today).map((unit) => (
              <option key={unit} value={unit}>
                {period.kind === 'quarter' ? t('quarterN', { n: unit.slice(6), year: unit.slice(0, 4) }) : unit}
              </option>
            ))}
          </select>
        </label>
      )}
      {period.kind === 'custom' && (
        <div className="custom-range">
          <label>
            {t('from')}
            <input
              type="date"
              value={custom.from}
              max={custom.to}
              onChange={(e) => setCustom((c) => ({ ...c, from: e.target.value }))}
              required
              aria-invalid={errors.from ? true : undefined}
            />
            {errors.from && <span className="field-error">{errors.from}</span>}
          </label>
          <label>
            {t('to')}
            <input
              type="date"
              value={custom.to}
              min={custom.from}
              onChange={(e) => setCustom((c) => ({ ...c, to: e.target.value }))}
              required
              aria-invalid={errors.to ? true : undefined}
            />
            {errors.to && <span className="field-error">{errors.to}</span>}
          </label>
          <button type="submit" className="button small">
            {t('apply')}
          </button>
        </div>
      )}
      <LocalitySelects
        value={{ formerDistrictCode: filters.formerDistrictCode, wardCode: filters.wardCode }}
        onChange={(locality) => onChange({ period, ...locality })}
        errors={errors}
      />
      <p className="period-label muted small" role="status">
        {t('showing', { from: formatDate(`${period.from}T00:00:00+07:00`, i18n.language), to: formatDate(`${period.to}T00:00:00+07:00`, i18n.language) })}
      </p>
      <ExportButton filters={filters} />
    </form>
  );
}

/** The workbook of every view for the same filters, saved under the name the API gives it. */
function ExportButton({ filters }: { filters: DashboardFilters }) {
  const { t } = useTranslation(undefined, { keyPrefix: 'department.export' });
  const { t: tr } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const download = async () => {
    setBusy(true);
    setError(null);
    try {
      const { data, error: failure, response } = await api.GET('/api/v1/uptake/export.xlsx', { params: { query: uptakeQuery(filters) }, parseAs: 'blob' });
      if (failure || !data) return setError(errorOf(failure, tr('errors.network')));
      saveBlob(data as unknown as Blob, fileNameOf(response, `nong-san-uptake-${filters.period.from}-${filters.period.to}.xlsx`));
    } catch {
      setError(errorOf(null, tr('errors.network')));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="export">
      <button type="button" className="button secondary" onClick={() => void download()} disabled={busy}>
        {busy ? t('busy') : t('button')}
      </button>
      {error && <ErrorState error={error} />}
    </div>
  );
}
