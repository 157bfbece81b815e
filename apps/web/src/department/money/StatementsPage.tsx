import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, type ApiError } from '../../api/client';
import { formatDateTime } from '../../format';
import { useDocumentTitle, usePaged } from '../../hooks';
import { uploadFile } from '../../api/upload';
import { ProgressBar } from '../../ui/ProgressBar';
import { CursorList } from '../CursorList';
import { LINE_STATUSES } from './money';

/** Upload the collector account's statement (then follow it on its own page) and the statements so far. */
export function StatementsPage() {
  const { t, i18n } = useTranslation(undefined, { keyPrefix: 'department.money.statements' });
  useDocumentTitle(t('title'));
  const navigate = useNavigate();
  const list = usePaged((cursor) => api.GET('/api/v1/admin/bank-statements', { params: { query: { limit: 20, ...(cursor ? { cursor } : {}) } } }), []);
  const [file, setFile] = useState<File | null>(null);
  const [sending, setSending] = useState<number | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const lang = i18n.language;

  const upload = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    const form = new FormData();
    form.append('file', file);
    setError(null);
    setSending(0);
    const answer = await uploadFile<{ statementId: string }>('/api/v1/admin/bank-statements', form, lang, setSending);
    setSending(null);
    if (answer.data) return navigate(`/department/money/statements/${answer.data.statementId}`);
    setError(answer.error ?? null);
  };

  return (
    <section>
      <h1>{t('title')}</h1>
      <p className="muted">{t('lead')}</p>
      <form className="dept-panel dept-form" onSubmit={(e) => void upload(e)}>
        <label htmlFor="statement-file">{t('file')}</label>
        <input
          id="statement-file"
          name="file"
          type="file"
          accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'statement-file-error' : undefined}
        />
        {error && (
          <div id="statement-file-error" className="error-state" role="alert">
            {error.details?.length ? (
              <>
                <p>{t('refused')}</p>
                <ul>
                  {error.details.map((detail, index) => (
                    <li key={index}>{detail.message}</li>
                  ))}
                </ul>
              </>
            ) : (
              <p>{error.message || i18n.t('errors.network')}</p>
            )}
          </div>
        )}
        {sending !== null && <ProgressBar value={sending} label={t('uploading')} />}
        <p>
          <button type="submit" className="button" disabled={!file || sending !== null}>
            {sending !== null ? t('uploading') : t('upload')}
          </button>
        </p>
      </form>

      <h2>{t('past')}</h2>
      <CursorList list={list} more={i18n.t('department.money.more')}>
        {(statements) =>
          statements.length === 0 ? (
            <p className="empty">{t('none')}</p>
          ) : (
            <ul className="money-cards">
              {statements.map((statement) => (
                <li key={statement.id} className="money-card">
                  <div className="money-card-head">
                    <Link to={`/department/money/statements/${statement.id}`}>{statement.fileName}</Link>
                    <span className="small">{t(`jobStatus.${statement.status}`)}</span>
                  </div>
                  <p className="small muted">{formatDateTime(statement.createdAt, lang)}</p>
                  <p className="line-counts small">
                    {LINE_STATUSES.filter((status) => statement.counts[status] > 0).map((status) => (
                      <span key={status} className={`line-status line-${status}`}>
                        {t(`statuses.${status}`)}: {statement.counts[status]}
                      </span>
                    ))}
                  </p>
                </li>
              ))}
            </ul>
          )
        }
      </CursorList>
    </section>
  );
}
