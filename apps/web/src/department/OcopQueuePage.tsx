import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorOf, type ApiError } from '../api/client';
import { formatDate } from '../format';
import { useDocumentTitle, usePaged } from '../hooks';
import { ErrorState, Loading, OcopBadge } from '../ui/bits';
import { fetchDocument, type OcopClaim, type OpenedDocument } from './api';
import { CursorList } from './CursorList';
import { ReasonForm } from './ReasonForm';
import { todayInVietnam } from './period';

const isExpired = (claim: OcopClaim) => claim.expiresAt !== null && claim.expiresAt.slice(0, 10) < todayInVietnam();

/** Pending OCOP claims on one side, the chosen one's certificate and the decision on the other. */
export function OcopQueuePage() {
  const { t, i18n } = useTranslation(undefined, { keyPrefix: 'department.ocop' });
  useDocumentTitle(t('title'));
  const list = usePaged(
    (cursor) => api.GET('/api/v1/admin/ocop-claims', { params: { query: { status: 'pending', limit: 20, ...(cursor ? { cursor } : {}) } } }),
    [],
  );
  const [chosenId, setChosenId] = useState<string | null>(null);
  const [decided, setDecided] = useState<string | null>(null);
  const chosen = list.items.find((claim) => claim.productId === chosenId) ?? null;
  const lang = i18n.language;

  return (
    <section>
      <h1>{t('title')}</h1>
      <p className="muted">{t('lead')}</p>
      {decided && (
        <p className="success" role="status">
          {decided}
        </p>
      )}
      <div className="ocop-layout">
        <section aria-labelledby="claims-title">
          <h2 id="claims-title">{t('queue')}</h2>
          <CursorList list={list} more={i18n.t('department.review.more')}>
            {(claims) =>
              claims.length === 0 ? (
                <p className="empty">{t('none')}</p>
              ) : (
                <ul className="claims">
                  {claims.map((claim) => (
                    <li key={claim.productId} className="claim" aria-current={claim.productId === chosenId ? 'true' : undefined}>
                      <button type="button" className="claim-select" onClick={() => setChosenId(claim.productId)}>
                        <strong>{claim.productName}</strong>
                        <p className="muted small">{claim.cooperative.name}</p>
                        <p>
                          <OcopBadge stars={claim.stars} />{' '}
                          <span className="small">
                            {t('certificateNumber')}: {claim.certificateNumber ?? '—'}
                          </span>
                        </p>
                        {claim.expiresAt && (
                          <p className="small muted">
                            {t('expiresAt')}: {formatDate(claim.expiresAt, lang)}{' '}
                            {isExpired(claim) && <strong className="field-error">({t('expired')})</strong>}
                          </p>
                        )}
                      </button>
                    </li>
                  ))}
                </ul>
              )
            }
          </CursorList>
        </section>
        <div className="ocop-viewer">
          {chosen ? (
            <ClaimReview
              key={chosen.productId}
              claim={chosen}
              onDecided={(message) => {
                setDecided(message);
                setChosenId(null);
                list.reload();
              }}
            />
          ) : (
            (!list.loaded || list.items.length !== 0) && <p className="dept-panel muted">{t('choose')}</p>
          )}
        </div>
      </div>
    </section>
  );
}

function ClaimReview({ claim, onDecided }: { claim: OcopClaim; onDecided: (message: string) => void }) {
  const { t, i18n } = useTranslation(undefined, { keyPrefix: 'department.ocop' });
  const { t: tr } = useTranslation();
  const lang = i18n.language;
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const path = { id: claim.productId };
  // On a phone the claim's panel is below the list: bring it into sight (a no-op beside it on a laptop).
  // Braces: Chromium's scrollIntoView now returns a promise, which React would take for a cleanup.
  const panel = useRef<HTMLElement>(null);
  useEffect(() => {
    panel.current?.scrollIntoView({ block: 'nearest' });
  }, []);

  const verify = async () => {
    setBusy(true);
    setError(null);
    try {
      const { error: failure } = await api.POST('/api/v1/admin/products/{id}/ocop/verify', { params: { path } });
      if (failure) return setError(errorOf(failure, tr('errors.network')));
      onDecided(t('verified', { name: claim.productName }));
    } catch {
      setError(errorOf(null, tr('errors.network')));
    } finally {
      setBusy(false);
    }
  };
  const reject = async (reason: string) => {
    try {
      const { error: failure } = await api.POST('/api/v1/admin/products/{id}/ocop/reject', { params: { path }, body: { reason } });
      if (failure) return errorOf(failure, tr('errors.network'));
    } catch {
      return errorOf(null, tr('errors.network'));
    }
    onDecided(t('rejected', { name: claim.productName }));
    return null;
  };

  return (
    <section className="dept-panel" aria-labelledby="claim-title" ref={panel}>
      <h2 id="claim-title">{claim.productName}</h2>
      <dl className="facts">
        <dt>{t('cooperative')}</dt>
        <dd>{claim.cooperative.name}</dd>
        <dt>OCOP</dt>
        <dd>{t('stars', { count: claim.stars })}</dd>
        <dt>{t('certificateNumber')}</dt>
        <dd>{claim.certificateNumber ?? '—'}</dd>
        <dt>{t('issuedAt')}</dt>
        <dd>{claim.issuedAt ? formatDate(claim.issuedAt, lang) : '—'}</dd>
        <dt>{t('expiresAt')}</dt>
        <dd>
          {claim.expiresAt ? formatDate(claim.expiresAt, lang) : '—'} {isExpired(claim) && <strong className="field-error">({t('expired')})</strong>}
        </dd>
      </dl>
      <h3>{t('certificate')}</h3>
      {claim.certificateDocument ? <Certificate claim={claim} /> : <p className="notice">{t('noCertificate')}</p>}
      <div className="decision-actions">
        <button type="button" className="button" onClick={() => void verify()} disabled={busy}>
          {t('verify')}
        </button>
      </div>
      {error && <ErrorState error={error} />}
      <ReasonForm field="reason" label={t('reason')} required submitLabel={t('reject')} danger onSubmit={reject} />
    </section>
  );
}

const release = (document?: OpenedDocument) => {
  if (document && 'objectUrl' in document) URL.revokeObjectURL(document.objectUrl);
};

/** The certificate shown in the page when the API streams it; otherwise a button to its short-lived link. */
function Certificate({ claim }: { claim: OcopClaim }) {
  const { t } = useTranslation(undefined, { keyPrefix: 'department.ocop' });
  const { t: tr } = useTranslation();
  const [document, setDocument] = useState<OpenedDocument | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const file = claim.certificateDocument!;
  useEffect(() => {
    let current = true;
    let opened: OpenedDocument | undefined;
    void fetchDocument(claim.cooperative.id, file.id, tr('errors.network')).then((result) => {
      opened = result.document;
      if (!current) return release(opened);
      setDocument(result.document ?? null);
      setError(result.error ?? null);
    });
    return () => {
      current = false;
      release(opened);
    };
  }, [claim.cooperative.id, file.id, tr]);
  if (error) return <ErrorState error={error} />;
  if (!document) return <Loading />;
  if ('presignedUrl' in document) {
    // The short-lived link is sent as an attachment: a picture still shows in an <img>, a PDF downloads.
    return (
      <>
        {/\.(jpe?g|png|webp)$/i.test(file.fileName) && (
          <img className="certificate-view" src={document.presignedUrl} alt={`${t('certificate')}: ${file.fileName}`} />
        )}
        <p>
          <a className="button secondary" href={document.presignedUrl}>
            {t('openCertificate')}: {file.fileName}
          </a>
        </p>
      </>
    );
  }
  return document.type.startsWith('image/') ? (
    <img className="certificate-view" src={document.objectUrl} alt={`${t('certificate')}: ${file.fileName}`} />
  ) : (
    <iframe className="certificate-view" src={document.objectUrl} title={`${t('certificate')}: ${file.fileName}`} />
  );
}
