import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, errorOf, type ApiError, type Schemas } from '../api/client';
import { formatDateTime } from '../format';
import { useApi, useDocumentTitle } from '../hooks';
import { ErrorState, PageState } from '../ui/bits';
import { fetchDocument } from './api';
import { AuditTrail } from './AuditTrail';
import { ReasonForm } from './ReasonForm';
import { StatusBadge } from './ReviewQueuePage';

type Action = 'approve' | 'reject' | 'suspend' | 'reinstate';

/** What the Department may decide in each status (the API's state machine has the last word). */
const ACTIONS: Record<string, Action[]> = { submitted: ['approve', 'reject'], approved: ['suspend'], suspended: ['reinstate'] };

function decide(id: string, action: Action, text: string) {
  const path = { id };
  switch (action) {
    case 'approve':
      return api.POST('/api/v1/admin/cooperatives/{id}/approve', { params: { path }, body: text ? { note: text } : {} });
    case 'reject':
      return api.POST('/api/v1/admin/cooperatives/{id}/reject', { params: { path }, body: { reason: text } });
    case 'suspend':
      return api.POST('/api/v1/admin/cooperatives/{id}/suspend', { params: { path }, body: { reason: text } });
    case 'reinstate':
      return api.POST('/api/v1/admin/cooperatives/{id}/reinstate', { params: { path }, body: { reason: text } });
  }
}

export function CooperativeReviewPage() {
  const { id = '' } = useParams();
  const review = useApi(() => api.GET('/api/v1/admin/cooperatives/{id}', { params: { path: { id } } }), [id]);
  const [auditRound, setAuditRound] = useState(0);
  return (
    <PageState state={review}>
      {(data) => (
        <CooperativeReview
          review={data}
          onDecided={() => {
            review.reload();
            setAuditRound((r) => r + 1);
          }}
          auditRound={auditRound}
        />
      )}
    </PageState>
  );
}

function CooperativeReview({ review, onDecided, auditRound }: { review: Schemas['CooperativeReviewDto']; onDecided: () => void; auditRound: number }) {
  const { t, i18n } = useTranslation(undefined, { keyPrefix: 'department.review' });
  const { t: tr } = useTranslation();
  const { cooperative, documents, timeline } = review;
  useDocumentTitle(cooperative.name);
  const [done, setDone] = useState<Action | null>(null);
  const actions = ACTIONS[cooperative.status] ?? [];

  const submit = (action: Action) => async (text: string) => {
    try {
      const { error } = await decide(cooperative.id, action, text);
      if (error) return errorOf(error, tr('errors.network'));
    } catch {
      return errorOf(null, tr('errors.network'));
    }
    setDone(action);
    onDecided();
    return null;
  };

  return (
    <article>
      <p className="breadcrumb">
        <Link to="/department/cooperatives">← {t('back')}</Link>
      </p>
      <div className="page-head">
        <h1>{cooperative.name}</h1>
        <StatusBadge status={cooperative.status} />
      </div>
      {done && (
        <p className="success" role="status">
          {t(`done.${done}`)}
        </p>
      )}
      <div className="dept-detail">
        <div>
          <section className="dept-panel" aria-labelledby="profile-title">
            <h2 id="profile-title">{t('profile')}</h2>
            <dl className="facts">
              <dt>{t('taxCode')}</dt>
              <dd>{cooperative.taxCode}</dd>
              <dt>{t('representative')}</dt>
              <dd>{cooperative.representative}</dd>
              <dt>{t('phone')}</dt>
              <dd>{cooperative.phone}</dd>
              <dt>{t('email')}</dt>
              <dd>{cooperative.email}</dd>
              <dt>{t('address')}</dt>
              <dd>
                {cooperative.addressLine}, {cooperative.wardName}
              </dd>
              <dt>{t('registeredAt')}</dt>
              <dd>{formatDateTime(cooperative.createdAt, i18n.language)}</dd>
              {cooperative.statusReason && (
                <>
                  <dt>{t('statusReason')}</dt>
                  <dd>{cooperative.statusReason}</dd>
                </>
              )}
            </dl>
            {cooperative.description && (
              <>
                <h3>{t('description')}</h3>
                <p className="pre-line">{cooperative.description}</p>
              </>
            )}
          </section>
          <Documents cooperativeId={cooperative.id} documents={documents} />
          <section className="dept-panel" aria-labelledby="timeline-title">
            <h2 id="timeline-title">{t('timeline')}</h2>
            <ol className="timeline">
              {timeline.map((entry) => (
                <li key={`${entry.at}-${entry.to}`}>
                  <time dateTime={entry.at}>{formatDateTime(entry.at, i18n.language)}</time>
                  <StatusBadge status={entry.to} />
                  {entry.by && <span>{t('by', { name: entry.by })}</span>}
                  {entry.reason && <span className="block">{entry.reason}</span>}
                </li>
              ))}
            </ol>
          </section>
        </div>
        <section className="dept-panel" aria-labelledby="decide-title">
          <h2 id="decide-title">{t('decide')}</h2>
          {actions.length === 0 && <p className="muted">{t('noAction')}</p>}
          {actions.map((action) => (
            <ReasonForm
              key={`${cooperative.status}-${action}`}
              field={action === 'approve' ? 'note' : 'reason'}
              label={action === 'approve' ? t('note') : t('reason')}
              required={action !== 'approve'}
              submitLabel={t(`actions.${action}`)}
              danger={action === 'reject' || action === 'suspend'}
              onSubmit={submit(action)}
            />
          ))}
        </section>
      </div>
      <AuditTrail key={auditRound} cooperativeId={cooperative.id} />
    </article>
  );
}

/** Each paper opens in a new tab, fetched through the API with the official's token. */
function Documents({ cooperativeId, documents }: { cooperativeId: string; documents: Schemas['DocumentDto'][] }) {
  const { t, i18n } = useTranslation(undefined, { keyPrefix: 'department' });
  const { t: tr } = useTranslation();
  const [error, setError] = useState<ApiError | null>(null);
  const [opened, setOpened] = useState(false);
  const open = async (documentId: string) => {
    setError(null);
    const { document, error: failure } = await fetchDocument(cooperativeId, documentId, tr('errors.network'));
    if (!document) return setError(failure ?? null);
    // A streamed file opens in a tab of its own (within the click's few seconds of grace for pop-ups);
    // a presigned link is sent as an attachment, so following it downloads without leaving the page.
    if ('objectUrl' in document) window.open(document.objectUrl, '_blank');
    else window.location.assign(document.presignedUrl);
    setOpened(true);
  };
  return (
    <section className="dept-panel" aria-labelledby="documents-title">
      <h2 id="documents-title">{t('review.documents')}</h2>
      {documents.length === 0 ? (
        <p className="empty">{t('review.noDocuments')}</p>
      ) : (
        <ul className="documents">
          {documents.map((document) => (
            <li key={document.id}>
              <span>
                <strong>{t(`documentKinds.${document.kind}`)}</strong>
                <span className="block muted small">
                  {document.fileName} · {formatDateTime(document.uploadedAt, i18n.language)}
                </span>
              </span>
              <button
                type="button"
                className="button secondary small"
                onClick={() => void open(document.id)}
                aria-label={`${t('review.openDocument')} ${document.fileName}`}
              >
                {t('review.openDocument')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {opened && (
        <p className="muted small" role="status">
          {t('review.documentOpened')}
        </p>
      )}
      {error && <ErrorState error={error} />}
    </section>
  );
}
