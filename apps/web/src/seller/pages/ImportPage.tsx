import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ApiError } from '../../api/client';
import { useDocumentTitle, useJob } from '../../hooks';
import { ErrorState } from '../../ui/bits';
import { useSeller } from '../area';
import { uploadFile } from '../../api/upload';
import { ProgressBar } from '../../ui/ProgressBar';

/**
 * A whole list of products from a spreadsheet: the template, the upload, a live bar while the
 * rows are read, then each refused row by row number and column, to fix in the file and send again.
 */
export function ImportPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('seller.import.title'));
  const { cooperative } = useSeller();
  const [sending, setSending] = useState<number | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [fileName, setFileName] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const { job, error: pollError } = useJob(jobId);

  const send = async (file: File | undefined) => {
    if (!file) return;
    const form = new FormData();
    form.append('file', file);
    setError(null);
    setJobId(null);
    setFileName(file.name);
    setSending(0);
    const answer = await uploadFile<{ jobId: string }>(`/api/v1/cooperatives/${cooperative.id}/imports`, form, i18n.language, setSending);
    setSending(null);
    if (input.current) input.current.value = '';
    if (!answer.data) return setError(answer.error ?? null);
    setJobId(answer.data.jobId);
  };

  const finished = job && (job.status === 'completed' || job.status === 'failed');
  const fraction = job ? (job.total ? (job.done + job.failed) / job.total : finished ? 1 : 0) : 0;
  const result = (job?.result ?? null) as { created?: number; updated?: number; unchanged?: number } | null;
  return (
    <section className="wide-page">
      <h1>{t('seller.import.title')}</h1>
      <ol className="import-steps">
        <li>
          <h2>{t('seller.import.step1')}</h2>
          <p>{t('seller.import.step1Text')}</p>
          <a className="button secondary" href="/api/v1/catalog/import-template.xlsx" download>
            {t('seller.import.template')}
          </a>
        </li>
        <li>
          <h2>{t('seller.import.step2')}</h2>
          <p>{t('seller.import.step2Text')}</p>
          <label className="button">
            {job?.failed ? t('seller.import.uploadAgain') : t('seller.import.upload')}
            <input
              ref={input}
              className="visually-hidden"
              type="file"
              accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
              disabled={sending !== null || (!!job && !finished)}
              onChange={(e) => void send(e.target.files?.[0])}
            />
          </label>
          {sending !== null && <ProgressBar value={sending} label={t('seller.import.sending', { name: fileName })} />}
          {error && (
            <p className="field-error" role="alert">
              {error.code === 'NETWORK' ? t('errors.network') : (error.details?.[0]?.message ?? error.message)}
            </p>
          )}
        </li>
      </ol>

      {jobId && (
        <section className="panel import-result" aria-live="polite">
          <h2>{t('seller.import.progressTitle', { name: fileName })}</h2>
          <ProgressBar value={fraction} label={t('seller.import.progress')} />
          {job && <p>{job.total ? t('seller.import.counts', { done: job.done, failed: job.failed, total: job.total }) : t('seller.import.waiting')}</p>}
          {pollError && <ErrorState error={pollError} />}
          {finished && job.failed === 0 && job.status === 'completed' && (
            <p className="success">
              {t('seller.import.allGood', { created: result?.created ?? 0, updated: result?.updated ?? 0, unchanged: result?.unchanged ?? 0 })}{' '}
              <Link to="/seller/products">{t('seller.import.seeProducts')}</Link>
            </p>
          )}
          {finished && (job.failed > 0 || job.errors.length > 0) && (
            <>
              <p className="notice">{t('seller.import.fixAndAgain', { count: job.failed })}</p>
              <div className="table-scroll">
                <table className="errors-table">
                  <caption>{t('seller.import.errorsCaption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('seller.import.row')}</th>
                      <th scope="col">{t('seller.import.column')}</th>
                      <th scope="col">{t('seller.import.problem')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {job.errors.map((issue, i) => (
                      <tr key={`${issue.row}-${issue.field}-${i}`}>
                        <td>{issue.row ?? t('seller.import.wholeFile')}</td>
                        <td>{issue.field}</td>
                        <td>{issue.message}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
        </section>
      )}
    </section>
  );
}
