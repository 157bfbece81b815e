import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { formatDate, formatDateTime, formatVnd } from '../../format';
import { useApi, useDocumentTitle, usePaged, useJob } from '../../hooks';
import { ProgressBar } from '../../ui/ProgressBar';
import { ErrorState, PageState } from '../../ui/bits';
import { CursorList } from '../CursorList';
import { DataTable } from '../DataTable';
import { LINE_STATUSES, type StatementLine } from './money';

type LineStatus = (typeof LINE_STATUSES)[number];

/** One statement: the reading job's progress, then its lines by what each was found to be (filter in the URL). */
export function StatementPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation(undefined, { keyPrefix: 'department.money.statements' });
  const [params, setParams] = useSearchParams();
  const status = LINE_STATUSES.find((s) => s === params.get('status'));
  const summary = useApi(() => api.GET('/api/v1/admin/bank-statements/{id}', { params: { path: { id }, query: { limit: 1 } } }), [id]);
  const lines = usePaged(
    async (cursor) => {
      const answer = await api.GET('/api/v1/admin/bank-statements/{id}', {
        params: { path: { id }, query: { limit: 50, ...(status ? { status } : {}), ...(cursor ? { cursor } : {}) } },
      });
      return { data: answer.data?.lines, error: answer.error };
    },
    [id, status],
  );
  const reading = summary.data && (summary.data.status === 'queued' || summary.data.status === 'running') ? summary.data.jobId : null;
  // The job's progress is shown to whoever uploaded the file; another collector follows the statement itself.
  const { job, error: jobError } = useJob(reading, () => summary.reload());
  const { reload: reloadSummary } = summary;
  const { reload: reloadLines } = lines;
  useEffect(() => {
    if (!reading) return;
    const timer = setInterval(reloadSummary, 2000);
    return () => clearInterval(timer);
  }, [reading, reloadSummary]);
  const wasReading = useRef(false);
  useEffect(() => {
    if (wasReading.current && !reading) reloadLines();
    wasReading.current = !!reading;
  }, [reading, reloadLines]);
  useDocumentTitle(summary.data?.fileName ?? t('title'));
  const lang = i18n.language;
  const choose = (next: LineStatus | undefined) => setParams(next ? { status: next } : {}, { replace: true });

  return (
    <section>
      <p>
        <Link to="/department/money/statements">{t('back')}</Link>
      </p>
      <PageState state={summary}>
        {(statement) => (
          <>
            <h1>{statement.fileName}</h1>
            <p className="muted small">
              {formatDateTime(statement.createdAt, lang)} · {t(`jobStatus.${job?.status ?? statement.status}`)}
            </p>
            {reading && (
              <div className="dept-panel" aria-live="polite">
                <p>{t('reading')}</p>
                {job && <ProgressBar value={job.total ? (job.done + job.failed) / job.total : 0} label={t('progress')} />}
                {jobError && jobError.code !== 'NOT_FOUND' && <ErrorState error={jobError} />}
              </div>
            )}
            {job && job.errors.length > 0 && (
              <div className="dept-panel">
                <h2>{t('failedRows')}</h2>
                <ul className="small">
                  {job.errors.map((issue, index) => (
                    <li key={index}>
                      {t('row', { row: issue.row })}: {issue.message}
                    </li>
                  ))}
                </ul>
              </div>
            )}
            <fieldset className="period-kinds line-filter">
              <legend>{t('status')}</legend>
              <button type="button" className="segment" aria-pressed={!status} onClick={() => choose(undefined)}>
                {t('all')} ({LINE_STATUSES.reduce((sum, s) => sum + statement.counts[s], 0)})
              </button>
              {LINE_STATUSES.map((s) => (
                <button key={s} type="button" className="segment" aria-pressed={status === s} onClick={() => choose(s)}>
                  {t(`statuses.${s}`)} ({statement.counts[s]})
                </button>
              ))}
            </fieldset>
          </>
        )}
      </PageState>
      <CursorList list={lines} more={i18n.t('department.money.more')}>
        {(items) => (
          <DataTable<StatementLine>
            caption={t('title')}
            rows={items}
            rowKey={(line) => String(line.row)}
            empty={t('noLines')}
            columns={[
              { key: 'description', label: t('description'), value: (line) => line.description },
              {
                key: 'status',
                label: t('status'),
                value: (line) => line.status,
                render: (line) => (
                  <span
                    className={`line-status line-${line.status}`}
                    title={line.status in HINTED ? t(`hints.${line.status as keyof typeof HINTED}`) : undefined}
                  >
                    {t(`statuses.${line.status}`)}
                  </span>
                ),
              },
              { key: 'amount', label: t('amount'), value: (line) => line.amount, render: (line) => formatVnd(line.amount), numeric: true },
              { key: 'checkout', label: t('checkout'), value: (line) => line.checkoutReference },
              {
                key: 'due',
                label: t('due'),
                value: (line) => line.amountDue,
                render: (line) => (line.amountDue === null ? '—' : formatVnd(line.amountDue)),
                numeric: true,
              },
              { key: 'date', label: t('date'), value: (line) => line.date, render: (line) => formatDate(line.date, lang) },
              { key: 'bankReference', label: t('bankReference'), value: (line) => line.bankReference },
              { key: 'row', label: '#', value: (line) => line.row, numeric: true },
            ]}
          />
        )}
      </CursorList>
      {status && status in HINTED && <p className="notice small">{t(`hints.${status as keyof typeof HINTED}`)}</p>}
    </section>
  );
}

/** The statuses a person has to act on, each with what to do. */
const HINTED = { short: true, over: true, unmatched: true } as const;
