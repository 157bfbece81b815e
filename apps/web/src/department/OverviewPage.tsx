import type { ChartConfiguration } from 'chart.js';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Schemas } from '../api/client';
import { formatDate, formatVnd } from '../format';
import { useApi, useDocumentTitle, type Loaded } from '../hooks';
import { ErrorState, Loading } from '../ui/bits';
import { fieldErrors } from '../ui/forms';
import { type SyncError, type UptakeSummary } from './api';
import { ChartCanvas, compactNumber, PALETTE } from './charts';
import { DataTable, type Column } from './DataTable';
import { FiltersBar, useDashboardFilters } from './FiltersBar';
import { formatCount, formatShare } from './numbers';
import { previousPeriod, uptakeQuery, type DashboardFilters } from './period';

type UptakeQuery = ReturnType<typeof uptakeQuery>;

/** Shows a panel's answer, or its loading and error states, inside the panel. */
function Panel<T>({ title, state, children, id }: { title: string; state: Loaded<T>; children: (data: T) => React.ReactNode; id: string }) {
  return (
    <section className="dept-panel" aria-labelledby={id} aria-busy={state.loading}>
      <h2 id={id}>{title}</h2>
      {state.error ? <ErrorState error={state.error} retry={state.reload} /> : state.data === undefined ? <Loading /> : children(state.data)}
    </section>
  );
}

export function OverviewPage() {
  const { t } = useTranslation(undefined, { keyPrefix: 'department' });
  useDocumentTitle(t('title'));
  const [filters, setFilters] = useDashboardFilters();
  const query = uptakeQuery(filters);
  const key = JSON.stringify(query);
  const summary = useApi(() => api.GET('/api/v1/uptake/summary', { params: { query } }), [key]);
  return (
    <div className="dept-overview">
      <h1>{t('nav.overview')}</h1>
      <FiltersBar filters={filters} onChange={setFilters} errors={fieldErrors(summary.error)} />
      <KpiTiles filters={filters} current={summary} />
      <div className="dept-grid">
        <FunnelPanel query={query} queryKey={key} />
        <LocalitiesPanel query={query} queryKey={key} />
      </div>
      <TimeseriesPanel query={query} queryKey={key} />
      <div className="dept-grid">
        <ChannelsPanel query={query} queryKey={key} />
        <SyncHealthPanel query={query} queryKey={key} />
      </div>
    </div>
  );
}

interface Tile {
  key: string;
  value: (summary: UptakeSummary) => number | undefined;
  money?: boolean;
}
const TILES: Tile[] = [
  { key: 'registered', value: (s) => s.cooperatives.registered },
  { key: 'approved', value: (s) => s.cooperatives.approved },
  { key: 'withActiveProducts', value: (s) => s.cooperatives.withActiveProducts },
  { key: 'withExternalChannel', value: (s) => s.cooperatives.withExternalChannel },
  { key: 'activeProducts', value: (s) => s.products.active },
  { key: 'ocopOnline', value: (s) => s.products.ocopOnline },
  { key: 'orders', value: (s) => s.orders.count },
  { key: 'gmv', value: (s) => s.orders.gmv, money: true },
  { key: 'visits', value: (s) => s.visits },
];

/** Each figure of the period beside its change from the period of the same length before it. */
function KpiTiles({ filters, current }: { filters: DashboardFilters; current: Loaded<UptakeSummary> }) {
  const { t, i18n } = useTranslation(undefined, { keyPrefix: 'department' });
  const before = previousPeriod(filters.period);
  const previousQuery = uptakeQuery(filters, before);
  const previous = useApi(() => api.GET('/api/v1/uptake/summary', { params: { query: previousQuery } }), [JSON.stringify(previousQuery)]);
  const lang = i18n.language;
  const show = (tile: Tile, value: number) => (tile.money ? formatVnd(value) : formatCount(value, lang));
  return (
    <Panel title={t('kpi.title')} state={current} id="kpi-title">
      {(summary) => (
        <>
          <p className="muted small">
            {t('filters.comparedWith', { from: formatDate(`${before.from}T00:00:00+07:00`, lang), to: formatDate(`${before.to}T00:00:00+07:00`, lang) })}
          </p>
          <div className="kpi-tiles">
            {TILES.filter((tile) => tile.value(summary) !== undefined).map((tile) => {
              const value = tile.value(summary)!;
              const earlier = previous.data ? tile.value(previous.data) : undefined;
              const delta = earlier === undefined ? undefined : value - earlier;
              const change =
                delta === undefined
                  ? ''
                  : delta === 0
                    ? t('kpi.same')
                    : `${delta > 0 ? '+' : '−'}${show(tile, Math.abs(delta))}${earlier ? ` (${delta > 0 ? '+' : '−'}${formatShare(Math.abs(delta) / earlier, lang)})` : ''}`;
              return (
                <div key={tile.key} className="kpi" role="group" aria-labelledby={`kpi-${tile.key}`} data-kpi={tile.key}>
                  <p id={`kpi-${tile.key}`} className="kpi-label">
                    {t(`kpi.${tile.key}`)}
                  </p>
                  <p className="kpi-value">{show(tile, value)}</p>
                  <p
                    className={`kpi-change ${delta === undefined || delta === 0 ? 'flat' : delta > 0 ? 'up' : 'down'}`}
                    aria-label={change ? t('kpi.change', { change }) : undefined}
                  >
                    {delta !== undefined && delta !== 0 && <span aria-hidden="true">{delta > 0 ? '▲ ' : '▼ '}</span>}
                    {change}
                  </p>
                </div>
              );
            })}
          </div>
        </>
      )}
    </Panel>
  );
}

interface PanelProps {
  query: UptakeQuery;
  queryKey: string;
}

function FunnelPanel({ query, queryKey }: PanelProps) {
  const { t, i18n } = useTranslation(undefined, { keyPrefix: 'department.funnel' });
  const funnel = useApi(() => api.GET('/api/v1/uptake/funnel', { params: { query } }), [queryKey]);
  const config = useMemo<ChartConfiguration<'bar'> | null>(
    () =>
      funnel.data
        ? {
            type: 'bar',
            data: {
              labels: funnel.data.steps.map((s) => t(`steps.${s.step}`)),
              datasets: [{ label: t('count'), data: funnel.data.steps.map((s) => s.count), backgroundColor: PALETTE[0] }],
            },
            options: {
              indexAxis: 'y',
              maintainAspectRatio: false,
              plugins: { legend: { display: false } },
              scales: { x: { beginAtZero: true, ticks: { precision: 0 } } },
            },
          }
        : null,
    [funnel.data, t],
  );
  const lang = i18n.language;
  const columns: Column<Schemas['FunnelStepDto']>[] = [
    { key: 'step', label: t('step'), value: (s) => t(`steps.${s.step}`) },
    { key: 'count', label: t('count'), value: (s) => s.count, render: (s) => formatCount(s.count, lang), numeric: true },
    {
      key: 'conversion',
      label: t('conversion'),
      value: (s) => s.conversion,
      render: (s) => (s.conversion === null ? '—' : formatShare(s.conversion, lang)),
      numeric: true,
    },
    {
      key: 'medianDays',
      label: t('medianDays'),
      value: (s) => s.medianDays,
      render: (s) => (s.medianDays === null ? '—' : formatCount(s.medianDays, lang)),
      numeric: true,
    },
  ];
  return (
    <Panel title={t('title')} state={funnel} id="funnel-title">
      {(data) => (
        <>
          {config && <ChartCanvas config={config} label={t('chart')} height={240} />}
          <DataTable caption={t('title')} columns={columns} rows={data.steps} rowKey={(s) => s.step} />
        </>
      )}
    </Panel>
  );
}

const METRICS = ['gmv', 'orders', 'active_products', 'onboarded_cooperatives'] as const;
const BREAKDOWNS = ['channel', 'former_district'] as const;

function TimeseriesPanel({ query, queryKey }: PanelProps) {
  const { t, i18n } = useTranslation(undefined, { keyPrefix: 'department.series' });
  const [metric, setMetric] = useState<(typeof METRICS)[number]>('gmv');
  // Weeks for a month or a quarter (one monthly point says nothing), months beyond; the official may switch.
  const [chosenInterval, setIntervalKind] = useState<'week' | 'month' | null>(null);
  const interval = chosenInterval ?? (Date.parse(query.to) - Date.parse(query.from) <= 92 * 86_400_000 ? 'week' : 'month');
  const [by, setBy] = useState<(typeof BREAKDOWNS)[number]>('channel');
  const series = useApi(
    () => api.GET('/api/v1/uptake/timeseries', { params: { query: { ...query, metric, interval, by } } }),
    [queryKey, metric, interval, by],
  );
  const lang = i18n.language;
  const bucketLabel = (bucket: string) => (interval === 'month' ? `${bucket.slice(5, 7)}/${bucket.slice(0, 4)}` : formatDate(`${bucket}T00:00:00+07:00`, lang));
  const money = metric === 'gmv';
  const byLabel = by === 'channel' ? t('byChannel') : t('byDistrict');
  const config = useMemo<ChartConfiguration<'line'> | null>(
    () =>
      series.data
        ? {
            type: 'line',
            data: {
              labels: series.data.buckets.map(bucketLabel),
              datasets: series.data.series.map((s, i) => ({
                label: s.name,
                data: s.values,
                borderColor: PALETTE[i % PALETTE.length],
                backgroundColor: PALETTE[i % PALETTE.length],
                tension: 0.25,
                pointRadius: 2,
              })),
            },
            options: {
              maintainAspectRatio: false,
              interaction: { mode: 'index', intersect: false },
              plugins: { legend: { position: 'bottom', labels: { boxWidth: 12 } } },
              scales: { y: { beginAtZero: true, ticks: { precision: 0, callback: (v) => compactNumber(Number(v), lang) } } },
            },
          }
        : null,
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [series.data, lang],
  );
  return (
    <section className="dept-panel" aria-labelledby="series-title" aria-busy={series.loading}>
      <h2 id="series-title">{t('title')}</h2>
      <div className="series-controls">
        <label>
          {t('metric')}
          <select value={metric} onChange={(e) => setMetric(e.target.value as typeof metric)}>
            {METRICS.map((m) => (
              <option key={m} value={m}>
                {t(`metrics.${m}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('interval')}
          <select value={interval} onChange={(e) => setIntervalKind(e.target.value as typeof interval)}>
            <option value="month">{t('intervals.month')}</option>
            <option value="week">{t('intervals.week')}</option>
          </select>
        </label>
        <fieldset className="period-kinds">
          <legend>{t('by')}</legend>
          {BREAKDOWNS.map((b) => (
            <button key={b} type="button" className="segment" aria-pressed={by === b} onClick={() => setBy(b)}>
              {b === 'channel' ? t('byChannel') : t('byDistrict')}
            </button>
          ))}
        </fieldset>
      </div>
      {series.error ? (
        <ErrorState error={series.error} retry={series.reload} />
      ) : !series.data || !config ? (
        <Loading />
      ) : (
        <>
          <ChartCanvas config={config} label={t('chart', { metric: t(`metrics.${metric}`), by: byLabel })} height={320} />
          <details className="series-table">
            <summary>{t('table')}</summary>
            <DataTable
              caption={t('table')}
              rowKey={(row) => row.bucket}
              rows={series.data.buckets.map((bucket, i) => ({ bucket, values: series.data!.series.map((s) => s.values[i]) }))}
              columns={[
                { key: 'bucket', label: t('bucket'), value: (row) => row.bucket, render: (row) => bucketLabel(row.bucket) },
                ...series.data.series.map((s, index) => ({
                  key: s.key,
                  label: s.name,
                  numeric: true,
                  value: (row: { values: number[] }) => row.values[index],
                  render: (row: { values: number[] }) => (money ? formatVnd(row.values[index]) : formatCount(row.values[index], lang)),
                })),
              ]}
            />
          </details>
        </>
      )}
    </section>
  );
}

function LocalitiesPanel({ query, queryKey }: PanelProps) {
  const { t, i18n } = useTranslation(undefined, { keyPrefix: 'department.localities' });
  const [level, setLevel] = useState<'formerDistricts' | 'wards'>('formerDistricts');
  const localities = useApi(() => api.GET('/api/v1/uptake/localities', { params: { query } }), [queryKey]);
  const lang = i18n.language;
  // Each former district's cooperatives as one bar: selling, approved but not selling, not yet approved.
  const config = useMemo<ChartConfiguration<'bar'> | null>(() => {
    if (!localities.data) return null;
    const districts = localities.data.formerDistricts;
    const parts = [
      { label: t('online'), data: districts.map((l) => l.online), color: PALETTE[0] },
      { label: t('approvedNotOnline'), data: districts.map((l) => l.approved - l.online), color: PALETTE[1] },
      { label: t('notApproved'), data: districts.map((l) => l.cooperatives - l.approved), color: '#9aa59f' },
    ];
    return {
      type: 'bar',
      data: { labels: districts.map((l) => l.name), datasets: parts.map((p) => ({ label: p.label, data: p.data, backgroundColor: p.color })) },
      options: {
        indexAxis: 'y',
        maintainAspectRatio: false,
        plugins: { legend: { position: 'bottom', labels: { boxWidth: 12 } } },
        scales: { x: { stacked: true, beginAtZero: true, ticks: { precision: 0 } }, y: { stacked: true } },
      },
    };
  }, [localities.data, t]);
  const columns: Column<Schemas['LocalityDto']>[] = [
    { key: 'name', label: t('name'), value: (l) => l.name },
    { key: 'cooperatives', label: t('cooperatives'), value: (l) => l.cooperatives, numeric: true },
    { key: 'approved', label: t('approved'), value: (l) => l.approved, numeric: true },
    { key: 'online', label: t('online'), value: (l) => l.online, numeric: true },
    {
      key: 'onlineShare',
      label: t('onlineShare'),
      value: (l) => l.onlineShare,
      render: (l) => (l.onlineShare === null ? '—' : formatShare(l.onlineShare, lang)),
      numeric: true,
    },
    { key: 'ocop', label: t('ocop'), value: (l) => l.ocopOnline, render: (l) => `${l.ocopOnline} / ${l.ocopTotal}`, numeric: true },
    { key: 'gmv', label: t('gmv'), value: (l) => l.gmv, render: (l) => formatVnd(l.gmv), numeric: true },
  ];
  return (
    <Panel title={t('title')} state={localities} id="localities-title">
      {(data) => (
        <>
          <p className="muted small">{t('lead')}</p>
          {config && <ChartCanvas config={config} label={t('chart')} height={Math.max(220, data.formerDistricts.length * 26 + 70)} />}
          <fieldset className="period-kinds">
            <legend>{t('level')}</legend>
            {(['formerDistricts', 'wards'] as const).map((l) => (
              <button key={l} type="button" className="segment" aria-pressed={level === l} onClick={() => setLevel(l)}>
                {t(l)}
              </button>
            ))}
          </fieldset>
          <DataTable key={level} caption={t(level)} columns={columns} rows={data[level]} rowKey={(l) => l.code} pageSize={10} />
        </>
      )}
    </Panel>
  );
}

function ChannelsPanel({ query, queryKey }: PanelProps) {
  const { t, i18n } = useTranslation(undefined, { keyPrefix: 'department.channels' });
  const channels = useApi(() => api.GET('/api/v1/uptake/channels', { params: { query } }), [queryKey]);
  const lang = i18n.language;
  const columns: Column<Schemas['ChannelUptakeDto']>[] = [
    { key: 'name', label: t('channel'), value: (c) => c.name },
    { key: 'cooperatives', label: t('cooperatives'), value: (c) => c.cooperatives, numeric: true },
    { key: 'connections', label: t('connections'), value: (c) => c.connections, numeric: true },
    { key: 'synced', label: t('synced'), value: (c) => c.listings.synced ?? 0, numeric: true },
    { key: 'failed', label: t('failed'), value: (c) => c.listings.failed ?? 0, numeric: true },
    { key: 'orders', label: t('orders'), value: (c) => c.orders, render: (c) => formatCount(c.orders, lang), numeric: true },
    { key: 'gmv', label: t('gmv'), value: (c) => c.gmv, render: (c) => formatVnd(c.gmv), numeric: true },
  ];
  return (
    <Panel title={t('title')} state={channels} id="channels-title">
      {(data) => <DataTable caption={t('title')} columns={columns} rows={data.channels} rowKey={(c) => c.channel} empty={t('none')} />}
    </Panel>
  );
}

/** The platforms' most frequent errors, most frequent first. */
function topErrorsOf(health: Schemas['SyncHealthDto']): SyncError[] {
  return [...health.topErrors].sort((a, b) => b.count - a.count).slice(0, 5);
}

function SyncHealthPanel({ query, queryKey }: PanelProps) {
  const { t, i18n } = useTranslation(undefined, { keyPrefix: 'department.sync' });
  const health = useApi(() => api.GET('/api/v1/uptake/sync-health', { params: { query } }), [queryKey]);
  const platforms = useApi(() => api.GET('/api/v1/channels/platforms'), []);
  const lang = i18n.language;
  const nameOf = (platform: string) => platforms.data?.find((p) => p.platform === platform)?.name ?? platform;
  const columns: Column<Schemas['PlatformSyncHealthDto']>[] = [
    { key: 'platform', label: t('platform'), value: (p) => nameOf(p.platform) },
    { key: 'listings', label: t('listings'), value: (p) => p.listings, numeric: true },
    { key: 'failed', label: t('failed'), value: (p) => p.failed, numeric: true },
    { key: 'failureRate', label: t('failureRate'), value: (p) => p.failureRate, render: (p) => formatShare(p.failureRate, lang), numeric: true },
    { key: 'deadLettered', label: t('deadLettered'), value: (p) => p.deadLettered, numeric: true },
  ];
  return (
    <Panel title={t('title')} state={health} id="sync-title">
      {(data) => {
        const errors = topErrorsOf(data);
        return (
          <>
            <DataTable caption={t('title')} columns={columns} rows={data.platforms} rowKey={(p) => p.platform} />
            <h3>{t('topErrors')}</h3>
            {errors.length === 0 ? (
              <p className="empty">{t('noErrors')}</p>
            ) : (
              <ol className="top-errors">
                {errors.map((e) => (
                  <li key={`${e.platform}-${e.code}-${e.message}`}>
                    <span className="top-error-count">
                      {t('count')}: {formatCount(e.count, lang)}
                    </span>{' '}
                    <strong>{nameOf(e.platform)}</strong>
                    {e.code && <code> {e.code}</code>} — {e.message}
                  </li>
                ))}
              </ol>
            )}
          </>
        );
      }}
    </Panel>
  );
}
