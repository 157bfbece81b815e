import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, errorOf, type ApiError, type Schemas } from '../../api/client';
import { formatDateTime } from '../../format';
import { useApi, useDocumentTitle } from '../../hooks';
import { ErrorState, PageState } from '../../ui/bits';
import { useSeller, type Cooperative } from '../area';
import { uploadFile } from '../../api/upload';
import { CooperativeProfileForm } from '../ui/CooperativeProfileForm';
import { ProgressBar } from '../../ui/ProgressBar';
import { WIZARD_STEPS, WizardSteps, type WizardStep } from '../ui/WizardSteps';

type Onboarding = Schemas['OnboardingDto'];

/** Which wizard steps the onboarding facts (GET /cooperatives/:id/onboarding) show as done. */
function doneSteps(onboarding: Onboarding, status: string): WizardStep[] {
  const done = (key: string) => onboarding.steps.some((s) => s.key === key && s.done);
  const steps: WizardStep[] = [];
  if (done('profile_complete')) steps.push('profile');
  if (done('documents_uploaded')) steps.push('documents');
  if (status === 'submitted' || status === 'approved') steps.push('submit');
  if (status === 'approved') steps.push('status');
  return steps;
}

/** The guided path: profile → papers → submit → the Department's answer. */
export function OnboardingPage() {
  const { t } = useTranslation();
  const { cooperative } = useSeller();
  useDocumentTitle(t('seller.wizard.title', { context: cooperative.kind }));
  const [params, setParams] = useSearchParams();
  const onboarding = useApi(
    () => api.GET('/api/v1/cooperatives/{id}/onboarding', { params: { path: { id: cooperative.id } } }),
    [cooperative.id, cooperative.status, cooperative.updatedAt],
  );
  return (
    <section className="narrow wizard">
      <h1>{t('seller.wizard.title', { context: cooperative.kind })}</h1>
      <PageState state={onboarding}>
        {(progress) => {
          const done = doneSteps(progress, cooperative.status);
          const asked = params.get('step') as WizardStep | null;
          const firstOpen =
            cooperative.status === 'draft' || cooperative.status === 'rejected' ? (WIZARD_STEPS.find((s) => !done.includes(s)) ?? 'submit') : 'status';
          const step = asked && WIZARD_STEPS.includes(asked) ? asked : firstOpen;
          const go = (next: WizardStep) => {
            onboarding.reload();
            setParams({ step: next });
            window.scrollTo({ top: 0 });
          };
          return (
            <>
              <WizardSteps current={step} done={done} />
              {step === 'profile' && <ProfileStep onNext={() => go('documents')} />}
              {step === 'documents' && <DocumentsStep onNext={() => go('submit')} onUploaded={onboarding.reload} />}
              {step === 'submit' && <SubmitStep onboarding={progress} onSubmitted={() => go('status')} />}
              {step === 'status' && <StatusStep />}
            </>
          );
        }}
      </PageState>
    </section>
  );
}

function ProfileStep({ onNext }: { onNext(): void }) {
  const { t } = useTranslation();
  const { cooperative, refreshCooperative } = useSeller();
  return (
    <>
      <h2>{t('seller.wizard.profile')}</h2>
      <CooperativeProfileForm
        cooperative={cooperative}
        onSaved={() => {
          refreshCooperative();
          onNext();
        }}
      />
    </>
  );
}

const DOCUMENT_KINDS = ['business_registration', 'identity_card', 'ocop_certificate', 'vietgap_certificate', 'organic_certificate', 'other'] as const;
type DocumentKind = (typeof DOCUMENT_KINDS)[number];
/** The papers each kind of seller must upload before submitting: the API's REQUIRED_PAPERS (libs/seller cooperative.entities.ts). */
const REQUIRED_PAPERS: Record<Cooperative['kind'], DocumentKind[]> = {
  cooperative: ['business_registration'],
  household_business: ['business_registration', 'identity_card'],
  enterprise: ['business_registration'],
};

/** Papers as a phone takes them: a photo straight from the camera, or a PDF or picture already on it. */
function DocumentsStep({ onNext, onUploaded }: { onNext(): void; onUploaded(): void }) {
  const { t, i18n } = useTranslation();
  const { cooperative, isAdmin } = useSeller();
  const documents = useApi(() => api.GET('/api/v1/cooperatives/{id}/documents', { params: { path: { id: cooperative.id } } }), [cooperative.id]);
  const [kind, setKind] = useState<DocumentKind>('business_registration');
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const camera = useRef<HTMLInputElement>(null);
  const picker = useRef<HTMLInputElement>(null);

  const upload = async (file: File | undefined) => {
    if (!file) return;
    const form = new FormData();
    form.append('kind', kind);
    form.append('file', file);
    setError(null);
    setProgress(0);
    const answer = await uploadFile<Schemas['DocumentDto']>(`/api/v1/cooperatives/${cooperative.id}/documents`, form, i18n.language, setProgress);
    setProgress(null);
    if (camera.current) camera.current.value = '';
    if (picker.current) picker.current.value = '';
    if (answer.error) return setError(answer.error.code === 'NETWORK' ? errorOf(null, t('errors.network')) : answer.error);
    documents.reload();
    onUploaded();
  };

  const remove = async (documentId: string) => {
    const { error: failure } = await api.DELETE('/api/v1/cooperatives/{id}/documents/{documentId}', { params: { path: { id: cooperative.id, documentId } } });
    if (failure) return setError(errorOf(failure, t('errors.network')));
    documents.reload();
    onUploaded();
  };

  const items = documents.data?.items ?? [];
  const missingPapers = REQUIRED_PAPERS[cooperative.kind].filter((k) => !items.some((d) => d.kind === k));
  const paperName = (k: DocumentKind) => t(`seller.documents.kinds.${k}`, { context: cooperative.kind });
  return (
    <>
      <h2>{t('seller.wizard.documents')}</h2>
      <p>{t('seller.documents.lead', { context: cooperative.kind })}</p>
      {isAdmin && (
        <fieldset>
          <legend>{t('seller.documents.add')}</legend>
          <div className="field">
            <label htmlFor="document-kind">{t('seller.documents.kind')}</label>
            <select id="document-kind" value={kind} onChange={(e) => setKind(e.target.value as DocumentKind)}>
              {DOCUMENT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {paperName(k)}
                </option>
              ))}
            </select>
          </div>
          <div className="upload-buttons">
            <label className="button">
              {t('seller.documents.takePhoto')}
              <input
                ref={camera}
                className="visually-hidden"
                type="file"
                accept="application/pdf,image/*"
                capture="environment"
                disabled={progress !== null}
                onChange={(e) => void upload(e.target.files?.[0])}
              />
            </label>
            <label className="button secondary">
              {t('seller.documents.chooseFile')}
              <input
                ref={picker}
                className="visually-hidden"
                type="file"
                accept="application/pdf,image/*"
                disabled={progress !== null}
                onChange={(e) => void upload(e.target.files?.[0])}
              />
            </label>
          </div>
          <p className="hint">{t('seller.documents.hint')}</p>
          {progress !== null && <ProgressBar value={progress} label={t('seller.documents.uploading')} />}
          {error && (
            <p className="field-error" role="alert">
              {error.details?.[0]?.message ?? error.message}
            </p>
          )}
        </fieldset>
      )}
      {documents.error && <ErrorState error={documents.error} retry={documents.reload} />}
      {items.length > 0 && (
        <ul className="documents">
          {items.map((d) => (
            <li key={d.id}>
              <span>
                <strong>{paperName(d.kind)}</strong>
                <span className="muted small block">
                  {d.fileName} · {Math.ceil(d.sizeBytes / 1024)} KB · {formatDateTime(d.uploadedAt, i18n.language)}
                </span>
              </span>
              {isAdmin && cooperative.status !== 'submitted' && (
                <button
                  type="button"
                  className="link-button"
                  onClick={() => void remove(d.id)}
                  aria-label={t('seller.documents.removeNamed', { name: d.fileName })}
                >
                  {t('seller.common.remove')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <button type="button" className="button wide" disabled={missingPapers.length > 0} onClick={onNext}>
        {t('seller.wizard.next')}
      </button>
      {missingPapers.length > 0 && <p className="hint">{t('seller.documents.needPapers', { papers: missingPapers.map(paperName).join(', ') })}</p>}
    </>
  );
}

function SubmitStep({ onboarding, onSubmitted }: { onboarding: Onboarding; onSubmitted(): void }) {
  const { t } = useTranslation();
  const { cooperative, isAdmin, refreshCooperative } = useSeller();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const missing = onboarding.steps.filter((s) => (s.key === 'profile_complete' || s.key === 'documents_uploaded') && !s.done);
  const already = cooperative.status === 'submitted' || cooperative.status === 'approved';

  const submit = async () => {
    setBusy(true);
    setError(null);
    const { data, error: failure } = await api
      .POST('/api/v1/cooperatives/{id}/submit', { params: { path: { id: cooperative.id } } })
      .catch(() => ({ data: undefined, error: null }));
    setBusy(false);
    if (!data) return setError(errorOf(failure, t('errors.network')));
    refreshCooperative();
    onSubmitted();
  };

  return (
    <>
      <h2>{t('seller.wizard.submit')}</h2>
      {already ? (
        <p>{t('seller.submit.already')}</p>
      ) : (
        <>
          <p>{t('seller.submit.lead')}</p>
          {missing.length > 0 && (
            <div className="notice">
              <p>{t('seller.submit.missing')}</p>
              <ul>
                {missing.map((s) => (
                  <li key={s.key}>
                    <Link to={`/seller/onboarding?step=${s.key === 'profile_complete' ? 'profile' : 'documents'}`}>{t(`seller.checklist.${s.key}`)}</Link>
                    {s.key === 'profile_complete' && s.missing.length > 0 && (
                      <span className="muted small"> ({s.missing.map((f) => t(`seller.profile.fieldNames.${f}`, { defaultValue: f })).join(', ')})</span>
                    )}
                  </li>
                ))}
              </ul>
            </div>
          )}
          {error && (
            <div className="error-state" role="alert">
              <p>{error.message}</p>
              {error.details?.map((d) => (
                <p key={d.field}>{d.message}</p>
              ))}
            </div>
          )}
          {isAdmin ? (
            <button type="button" className="button wide" disabled={busy || missing.length > 0} onClick={() => void submit()}>
              {t('seller.submit.send')}
            </button>
          ) : (
            <p className="muted">{t('seller.submit.adminOnly')}</p>
          )}
        </>
      )}
    </>
  );
}

/** Waiting, approved or rejected — with the official's reason and what to do next. */
function StatusStep() {
  const { t, i18n } = useTranslation();
  const { cooperative } = useSeller();
  const timeline = useApi(
    () => api.GET('/api/v1/cooperatives/{id}/timeline', { params: { path: { id: cooperative.id } } }),
    [cooperative.id, cooperative.status],
  );
  const next: Record<string, { text: string; to: string; action: string } | null> = {
    draft: { text: 'seller.status.draftNext', to: '/seller/onboarding?step=profile', action: 'seller.banner.finish' },
    submitted: { text: 'seller.status.submittedNext', to: '/seller/products/new', action: 'seller.status.addProduct' },
    approved: { text: 'seller.status.approvedNext', to: '/seller/products/new', action: 'seller.status.addProduct' },
    rejected: { text: 'seller.status.rejectedNext', to: '/seller/onboarding?step=profile', action: 'seller.banner.fix' },
    suspended: null,
  };
  const todo = next[cooperative.status];
  return (
    <>
      <h2>{t('seller.wizard.status')}</h2>
      <div className={`status-card status-card-${cooperative.status}`} role="status">
        <p className="status-card-title">{t(`seller.status.${cooperative.status}`)}</p>
        {cooperative.statusReason && (
          <p>
            <strong>{t('seller.status.reasonLabel')}</strong> {cooperative.statusReason}
          </p>
        )}
        {todo && <p>{t(todo.text)}</p>}
        {todo && (
          <Link to={todo.to} className="button">
            {t(todo.action)}
          </Link>
        )}
      </div>
      <h3 className="timeline-title">{t('seller.status.history')}</h3>
      <PageState state={timeline}>
        {(page) => (
          <ol className="timeline">
            {page.items.map((entry, i) => (
              <li key={`${entry.at}-${i}`}>
                <span className="timeline-status">{t(`seller.coopStatus.${entry.to}`)}</span>
                <time dateTime={entry.at}>{formatDateTime(entry.at, i18n.language)}</time>
                {entry.by && <span className="muted small">{t('seller.status.by', { name: entry.by })}</span>}
                {entry.reason && <span className="small block">— {entry.reason}</span>}
              </li>
            ))}
          </ol>
        )}
      </PageState>
    </>
  );
}
